"""tools/pair_cv.py chooses each group's floor and threshold by F1 on the articles given."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tools"))

import pair_cv  # noqa: E402
from pair_cv import Tally  # noqa: E402


def test_f1_counts_required_items_found_against_spurious_pairs():
    assert Tally(2, 4, 2).f1() == 0.5
    assert Tally(0, 0, 0).f1() == 1.0 and Tally(0, 3, 1).f1() == 0.0


def test_the_mixed_message_floor_and_threshold_best_on_the_articles_given_are_chosen(monkeypatch):
    monkeypatch.setattr(pair_cv, "FLOORS", (0.7, 1.0))
    monkeypatch.setattr(pair_cv, "MIXED_THRESHOLDS", (0.5,))
    monkeypatch.setattr(pair_cv, "OTHER_HALVES", [2.0])
    # article 0 rewards floor 1, article 1 floor 0.7; standoffs are counted under their shipped model
    table = {
        (1.0, 0.5, 2.0, "mixed_messages"): [{"full": Tally(2, 2, 0)}, {"full": Tally(0, 1, 1)}],
        (0.7, 0.5, 2.0, "mixed_messages"): [{"full": Tally(1, 2, 0)}, {"full": Tally(1, 1, 0)}],
        (*pair_cv.SHIPPED, "standoffs"): [{"full": Tally(1, 1, 3)}, {"full": Tally(0, 1, 0)}],
    }
    assert pair_cv.best(table, [0]) == (1.0, 0.5, 2.0)
    assert pair_cv.best(table, [1]) == (0.7, 0.5, 2.0)
    totals = pair_cv.totals(table, (1.0, 0.5, 2.0), [0, 1])
    assert totals["mixed_messages", "full"] == Tally(2, 3, 1)
    assert totals["standoffs", "full"] == Tally(1, 2, 3)
