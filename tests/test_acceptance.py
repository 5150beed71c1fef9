"""End-to-end acceptance on the gold sets in ../shared (skipped where shared/ is absent)."""

from pathlib import Path

import pytest

from tealeaves.evaluate import evaluate
from tealeaves.pipeline import analyze_documents

SHARED = Path(__file__).resolve().parents[2] / "shared"
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
