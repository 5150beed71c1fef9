"""End-to-end acceptance on the gold sets in ../shared (skipped where shared/ is absent)."""

from pathlib import Path

import pytest

from tealeaves.evaluate.scoring import evaluate
from tealeaves.pipeline import analyze_documents

SHARED = Path(__file__).resolve().parents[3] / "shared"
SEED_GOLD = SHARED / "corpus" / "seed" / "gold.json"
POLNEAR_DEV = SHARED / "corpus" / "polnear" / "polnear_dev.jsonl"


def _scores(gold: Path, nlp, baseline: bool = False, limit=None) -> dict:
    if not gold.exists():
        pytest.skip(f"{gold} not found: the shared corpus sits beside the repository in CI")
    report = evaluate([gold], lambda docs: list(analyze_documents(docs, nlp=nlp)), baseline=baseline, nlp=nlp, limit=limit)
    return report["datasets"][0]["systems"]


def test_seed_meets_the_attribution_targets(nlp):
    ours = _scores(SEED_GOLD, nlp)["tealeaves"]
    assert ours["quotes"]["overlap"]["precision"] >= 0.95
    assert ours["quotes"]["overlap"]["recall"] >= 0.95
    assert ours["statements"]["tp"] >= 28
    assert ours["speaker"]["accuracy"] >= 0.90
    assert ours["non_quotes"]["count"] == 0, ours["non_quotes"]["texts"]


@pytest.mark.slow
def test_polnear_dev_beats_the_textacy_baseline(nlp):
    systems = _scores(POLNEAR_DEV, nlp, baseline=True)
    ours, textacy = systems["tealeaves"], systems["textacy"]
    for part in ("source", "cue", "content"):
        assert ours[part]["overlap"]["f1"] > textacy[part]["overlap"]["f1"] + 0.2, part
    # Floors a few points under today's figures: a regression guard, not the goal (0.80).
    assert ours["content"]["overlap"]["f1"] >= 0.60
    assert ours["source"]["overlap"]["f1"] >= 0.62


PLOVER_DEV = SHARED / "corpus" / "plover-gsr" / "plover_gsr_dev.json"


def test_seed_meets_the_signal_targets(nlp):
    ours = _scores(SEED_GOLD, nlp)["tealeaves"]
    assert ours["signal"]["accuracy"] >= 0.85
    assert ours["mixed_messages"]["fn"] == 0, "a required mixed message (M1-M5, M8) was missed"
    assert ours["mixed_messages"]["fp"] <= 2
    assert ours["standoffs"]["fn"] == 0, "X1 was missed"
    assert ours["warnings"]["fn"] == 0, "W1 was missed"


def test_seed_mixed_messages_name_both_speakers(nlp):
    if not SEED_GOLD.exists():
        pytest.skip("the shared corpus is absent")
    from tealeaves.io.readers import read_inputs

    (document,) = read_inputs([str(SEED_GOLD.parent / "geneva-2022-01-putin-ambiguity.txt")])
    result = next(analyze_documents([document], nlp=nlp))
    assert len(result.mixed_messages) >= 5
    for mixed in result.mixed_messages:
        speakers = {result.actor(s.speaker_id).name for s in result.statements if s.id in mixed.statement_ids}
        assert all(name in mixed.explanation for name in speakers), mixed.explanation
    assert result.coherence["Russia"] < 1.0


@pytest.mark.slow
def test_plover_dev_codes(nlp):
    ours = _scores(PLOVER_DEV, nlp)["tealeaves"]
    # In-sample (the coder trains on these records): floors just under today's figures (0.849
    # verbal, 0.823 material). Verbal fell from 0.899 when the model began to overrule rules
    # written on these sentences, while its cross-validated accuracy rose (docs/signal-model.md).
    assert ours["code"]["verbal"]["accuracy"] >= 0.83
    assert ours["code"]["material"]["accuracy"] >= 0.81
