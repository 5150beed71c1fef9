"""The rule coder that the learned model replaced, kept only to be scored beside it.

``tealeaves eval --signals`` reports both coders on the same annotated items: this one sums the
weights of the rules that fire (``rules.rule_signals``), falls back on the nearest prototype
sentences (``data/signal_prototypes.yaml``) when no rule is sure, and gives ``hedge`` when
nothing is found, as tealeaves did before the learned coder. Delete it with the comparison.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Callable, Optional, Sequence

import numpy as np

from tealeaves.lexicon import bundled_yaml
from tealeaves.signals.rules import ACTION_CODES, MIN_SCORE

PROTOTYPE_MIN = 0.3  # nor had the prototypes below this similarity
Encoder = Callable[[Sequence[str]], np.ndarray]


def rule_code(found: Sequence[tuple[str, str, float]], kind: str, speaker: str, question: bool,
              prototype: Optional[str]) -> Optional[str]:
    """The old coder's main code from the rules that fired and the nearest prototype's code."""
    if kind == "action":
        return next((code for component, code, _ in found if component == "action"), None)
    scores: dict[str, float] = defaultdict(float)
    if not question:
        for component, code, weight in found:
            if component != "action":
                scores[code] += weight
        if max(scores.values(), default=0.0) < MIN_SCORE and prototype is not None:
            scores[prototype] = max(scores[prototype], MIN_SCORE)
    if speaker == "observer":
        return "assess"
    top = max(scores.items(), key=lambda kv: kv[1], default=(None, 0.0))
    if top[1] >= MIN_SCORE:
        return top[0]
    return "hedge" if speaker != "none" else "assess"


def prototype_codes(texts: Sequence[str], vectors: np.ndarray, encode: Encoder) -> list[Optional[str]]:
    """The code of each text's nearest prototypes (best two similarities summed), or None."""
    prototypes = bundled_yaml("signal_prototypes.yaml")
    codes = [code for code, lines in prototypes.items() if code not in ACTION_CODES for _ in lines]
    lines = [line for code, lines in prototypes.items() if code not in ACTION_CODES for line in lines]
    if not len(texts):
        return []
    similarity = np.asarray(vectors) @ encode(lines).T
    found: list[Optional[str]] = []
    for row in similarity:
        per_code: dict[str, list[float]] = defaultdict(list)
        for code, value in zip(codes, row):
            per_code[code].append(float(value))
        best = max(per_code, key=lambda c: sum(sorted(per_code[c])[-2:]))
        found.append(best if max(per_code[best]) >= PROTOTYPE_MIN else None)
    return found
