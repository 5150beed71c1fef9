"""The gate measured in round six (not shipped): the rule components that may decide are those
right more often than the model when sure, chosen by nested cross-validation."""

import math

import numpy as np

from tealeaves.codebook import codebook
from tealeaves.evaluate import signal_cv, signal_gate
from tealeaves.evaluate.signal_gate import rules_code_trusted
from tealeaves.signals.model import NO_CODE

CLASSES = [*codebook().names(), NO_CODE]


def _examples(count: int = 40) -> signal_cv.Examples:
    """Statements where the ``phrase`` rule is sure of ``demand`` and wrong (gold "—") and the
    ``cue`` rule sure of ``reject`` and right; the model is unsure of every item."""
    out = signal_cv.Examples()
    for i in range(count):
        phrase = i % 2 == 0
        out.features.append(["kind=statement"])
        out.labels.append(NO_CODE if phrase else "reject")
        out.groups.append(f"polnear:{i}")
        out.sets.append("polnear")
        out.kinds.append("indirect")
        out.speakers.append("party")
        out.rule_codes.append(None)
        out.fired.append([("phrase", "demand", 1.0)] if phrase else [("cue", "reject", 1.0)])
        out.ruled.append("demand" if phrase else "reject")
        out.batches.append("A")
    return out


def _unsure(count: int) -> np.ndarray:
    """The model's probabilities: "—" likeliest, under the bar where the rules decide."""
    probabilities = np.full((count, len(CLASSES)), 0.5 / (len(CLASSES) - 1))
    probabilities[:, CLASSES.index(NO_CODE)] = 0.5
    return probabilities


def test_a_component_less_right_than_the_model_is_left_out_and_one_more_right_kept():
    examples = _examples()
    probabilities = _unsure(40)
    precision = signal_gate.key_precision(examples, CLASSES, probabilities, range(40))
    assert precision["phrase"] == (0, 20, 20) and precision["cue=reject"] == (20, 0, 20)  # the model says "—"
    assert signal_gate.untrusted(precision, 0.2) == {"phrase", "phrase=demand"}
    assert signal_gate.untrusted(precision, math.inf) == frozenset()
    ruled = signal_gate.ruled_codes(examples, frozenset({"phrase"}))
    assert ruled[0] is None and ruled[1] == "reject"


def test_nested_choice_leaves_out_the_wrong_component_in_every_fold():
    examples = _examples()
    probabilities = _unsure(40)

    def score(ruled, index):
        return signal_cv.mean_set_f1(examples, CLASSES, probabilities, ruled, index)

    ruled, chosen = signal_gate.nested_ruled(examples, CLASSES, probabilities, np.arange(40) % 5, score)
    assert all("phrase" in keys for _, keys in chosen)
    assert all(code is None for code in ruled[0::2]) and all(code == "reject" for code in ruled[1::2])
    margin, left_out = signal_gate.choose(examples, CLASSES, probabilities, range(40), score)
    assert math.isfinite(margin) and "phrase" in left_out


def test_a_component_judged_on_too_few_items_keeps_deciding():
    examples = _examples(count=4)
    precision = signal_gate.key_precision(examples, CLASSES, _unsure(4), range(4))
    assert precision["phrase"] == (0, 2, 2) and signal_gate.untrusted(precision, 0.0) == frozenset()


def test_an_untrusted_code_hands_the_decision_to_the_model_not_to_a_weaker_rule():
    found = [("phrase", "threaten", 1.0), ("urgency", "demand", 0.6)]
    assert rules_code_trusted(found, frozenset())
    assert not rules_code_trusted(found, frozenset({"phrase=threaten"}))  # demand does not decide instead
    assert rules_code_trusted(found + [("cue", "threaten", 1.0)], frozenset({"phrase=threaten"}))
    assert not rules_code_trusted(found + [("cue", "threaten", 1.0)], frozenset({"phrase", "cue"}))
