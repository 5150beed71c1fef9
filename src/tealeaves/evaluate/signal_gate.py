"""A variant measured in round six and not shipped: only the rule components right more often
than the model when sure may decide a statement's code (docs/signal-model.md: under nested
cross-validation it gained PolNeAR and lost PLOVER verbal and a crisis-dev article's statement).

The logic rules' sure code decides a statement where the model is unsure (``model.rules_decide``).
A component that is often sure and wrong there (round five: 15 of 33 missed threats were a
wrong code the rules were sure of) should only feed the model as a feature. Here each rule
component, and each component with its code ("phrase=demand"), is scored where it is sure and
decides (the code it backs is the rules' strongest and the model is unsure): how often its
code is right, and how often the model's own code would have been right on the same items. A
key whose precision falls below the model's by more than a margin may not decide: where only
such keys back the rules' strongest code, the model decides (they remain its features). The margin is chosen among ``MARGINS`` (set a priori; infinity leaves nothing out, as
before round six) by nested cross-validation: each outer fold is ruled with the keys and margin
chosen on the other folds' out-of-fold predictions, so no item's code rests on its own label.
"""

from __future__ import annotations

import math
from collections import Counter
from typing import Optional, Sequence

import numpy as np

from tealeaves.signals import rules
from tealeaves.signals.model import NO_CODE, decide, rules_decide

MARGINS = (math.inf, 0.2, 0.1, 0.0)  # infinity: every component decides, as before round six
MIN_DECIDED = 5  # a key sure on fewer training items keeps deciding (too few to judge)


def key_precision(examples, classes: Sequence[str], probabilities: np.ndarray,
                  index: Sequence[int]) -> dict[str, tuple[int, int, int]]:
    """Per rule component and per component=code: (rules right, model right, decided) over
    the statements of ``index`` where the code it backs is the rules' strongest and the rules
    decide; "model right" is the model's own code (``decide`` without the rules) on them."""
    rules_right: Counter = Counter()
    model_right: Counter = Counter()
    decided: Counter = Counter()
    for i in index:
        found = examples.fired[i]
        code = examples.ruled[i]
        if examples.kinds[i] == "action" or code is None or not rules_decide(probabilities[i], examples.kinds[i]):
            continue
        own = decide(classes, probabilities[i], examples.kinds[i], examples.speakers[i])[0] or NO_CODE
        for component in {c for c, backed, _ in found if backed == code}:
            for key in (component, f"{component}={code}"):
                decided[key] += 1
                rules_right[key] += examples.labels[i] == code
                model_right[key] += examples.labels[i] == own
    return {key: (rules_right[key], model_right[key], decided[key]) for key in sorted(decided)}


def untrusted(precision: dict[str, tuple[int, int, int]], margin: float) -> frozenset[str]:
    """The keys whose sure codes were right less often than the model's own codes on the same
    items, by more than ``margin`` (among those judged on enough items)."""
    return frozenset(key for key, (right, model, total) in precision.items()
                     if total >= MIN_DECIDED and right / total < model / total - margin)


def rules_code_trusted(found: Sequence[tuple[str, str, float]], untrusted: frozenset[str]) -> bool:
    """Whether the rules' strongest code may decide: some component backing it is trusted.
    A component (or component=code key) right less often than the model when sure may not
    override the model, nor hand the decision to a weaker rule ("return fire at once" stays
    no demand): it only feeds the model as a feature."""
    code = rules.strongest(list(found))
    return code is not None and any(component not in untrusted and f"{component}={code}" not in untrusted
                                    for component, backed, _ in found if backed == code)


def ruled_codes(examples, left_out: frozenset[str]) -> list[Optional[str]]:
    """Per item, the code the rules decide with: a deed's verb code; a statement's strongest
    code unless only ``left_out`` components back it."""
    return [ruled if kind == "action" or rules_code_trusted(found, left_out) else None
            for ruled, kind, found in zip(examples.ruled, examples.kinds, examples.fired)]


def choose(examples, classes: Sequence[str], probabilities: np.ndarray, index: Sequence[int],
           score) -> tuple[float, frozenset[str]]:
    """The margin (and the keys it leaves out) whose coder scores best on ``index``;
    ``score(ruled, index)`` is the figure to maximise. Ties keep the wider margin."""
    precision = key_precision(examples, classes, probabilities, index)
    best: Optional[tuple[float, float, frozenset[str]]] = None
    for margin in MARGINS:
        left_out = untrusted(precision, margin)
        figure = score(ruled_codes(examples, left_out), index)
        if best is None or figure > best[0] + 1e-9:
            best = (figure, margin, left_out)
    assert best is not None
    return best[1], best[2]


def nested_ruled(examples, classes: Sequence[str], probabilities: np.ndarray, fold_of: np.ndarray,
                 score) -> tuple[list[Optional[str]], list[tuple[float, list[str]]]]:
    """Per item, the rules' code with the keys left out that the other folds chose; and per
    fold the margin and keys chosen (for the report)."""
    ruled: list[Optional[str]] = list(examples.ruled)
    chosen = []
    real = examples.real()
    for fold in sorted(set(fold_of[real].tolist())):
        inner = [int(i) for i in real if fold_of[i] != fold]
        margin, left_out = choose(examples, classes, probabilities, inner, score)
        chosen.append((margin, sorted(left_out)))
        fold_ruled = ruled_codes(examples, left_out)
        for i in real:
            if fold_of[i] == fold:
                ruled[i] = fold_ruled[i]
    return ruled, chosen


__all__ = ["MARGINS", "choose", "rules_code_trusted", "key_precision", "nested_ruled", "ruled_codes", "untrusted"]
