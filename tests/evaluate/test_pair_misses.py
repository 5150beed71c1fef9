"""tools/pair_misses.py names the stage that loses each gold mixed message and standoff."""

import sys
from pathlib import Path

import pytest

from tealeaves.evaluate.gold import load_gold
from tealeaves.pipeline import analyze_documents

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tools"))

import pair_misses  # noqa: E402

SEED = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "seed" / "gold.json"
STAGES = ("found", "statement not found", "no side", "wrong side", "not aimed", "wrong signal", "kind unknown",
          "below threshold", "picked away", "one statement")


@pytest.mark.skipif(not SEED.exists(), reason="needs ../shared/corpus/seed")
def test_every_gold_item_of_the_seed_is_found_or_lost_at_a_named_stage(nlp):
    (gold,) = load_gold(SEED)
    (result,) = analyze_documents([gold.document], nlp=nlp)
    verdicts = list(pair_misses.diagnose(gold, result))
    items = {label.split()[0]: verdict for group, label, verdict in verdicts if label != "spurious"}
    wanted = {item["id"] for group in pair_misses.GROUPS for item in gold.extras.get(group, [])}
    assert set(items) == wanted
    assert all(verdict.startswith(STAGES) for verdict in items.values())
    assert items["M1"].startswith("found") and items["X1"].startswith("found")
    found = {frozenset(m.statement_ids) for m in (*result.mixed_messages, *result.standoffs)}
    assert sum(v.startswith("found") for v in items.values()) + sum(
        label == "spurious" for _, label, _ in verdicts) == len(found)
