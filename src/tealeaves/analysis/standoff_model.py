"""How sure a standoff is: a logistic regression over the evidence of a pair of two sides'
statements (weights fitted on gold pairs by ``tools/standoff_fit.py``, kept in
``data/standoff_model.yaml``). The evidence (``evidence``):

- ``clash``: how squarely the two codes clash (the codebook's number);
- ``topic``: how surely the two speak to one matter (``pairs.pair_topic``);
- ``one_way``, ``mutual``: one of the two is aimed at the other's side, or each is
  (``pairs.aimed_sides``); neither is no bar: in a two-sided article a demand and a refusal
  answer each other without naming the other side;
- ``near``: 1 when they stand at most ``NEAR_PARAGRAPHS`` paragraphs apart (readers list a
  reply next to what it answers; farther, distance told the gold's pair from the others no more:
  a ln of the distance did as well left one set out but preferred any nearer restatement);
- ``sides``: how surely each speaker speaks for its side (``pairs.sides_sure``);
- ``codes``: the two codes' certainty by rank (``code_ranks``): the share of the article's party
  statements whose main code the coder is no more sure of; a code listed after the main one
  counts 0, a code given by hand 1; the mean of the two halves. The gold's codes are all sure,
  so no fit can weigh it: it takes off up to ``CODES_WEIGHT`` of log-odds, fixed (the least
  sure codes halved the strength in round nine's fitted map, about this much);
- ``dispute``: 1 for a factual dispute (two sides accusing each other, or counting one fact
  two ways), 0 for a standoff;
- the pair's class, its two main codes (``pair_class``: "demand+reject"): readers list some
  kinds of clash far more often than others of the same strength.

Round thirteen replaced round nine's one strength (the doubts multiplied) by this regression:
left one set out over the gold's own statements of seed, crisis-dev and read10–read13 the old
strength told the gold's pair from the other pairs of its two sides barely (AUC 0.57), the
regression better (0.69), and most of the old misses were pairs aimed at no side by name.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Mapping, Sequence

from tealeaves.analysis.pairs import HAND_CODED
from tealeaves.lexicon import bundled_yaml
from tealeaves.models import Statement

MODEL_FILE = "standoff_model.yaml"
NEAR_PARAGRAPHS = 3
CODES_WEIGHT = 1.0  # log-odds the least sure codes lose against sure ones (not fitted: see above)
FEATURES = ("clash", "topic", "one_way", "mutual", "near", "sides", "dispute")  # fitted; "codes" is not


@dataclass(frozen=True)
class StandoffModel:
    """The weights of the evidence in the log-odds, and the confidence a standoff must reach."""

    intercept: float
    weights: Mapping[str, float] = field(default_factory=dict)
    threshold: float = 0.5

    def confidence(self, evidence: Mapping[str, float]) -> float:
        """The probability that the pair is a standoff the gold would list."""
        z = (self.intercept + sum(w * evidence.get(name, 0.0) for name, w in self.weights.items())
             - CODES_WEIGHT * (1.0 - evidence.get("codes", 1.0)))
        return 1.0 / (1.0 + math.exp(-z))


@lru_cache(maxsize=1)
def standoff_model() -> StandoffModel:
    """The bundled model, checked as it loads: a missing number fails loudly."""
    data = bundled_yaml(MODEL_FILE)
    try:
        weights = {str(k): float(v) for k, v in data["weights"].items()}
        return StandoffModel(float(data["intercept"]), weights, float(data["threshold"]))
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise ValueError(f"data/{MODEL_FILE}: needs numbers intercept and threshold and a mapping weights "
                         f"({error}); refit with tools/standoff_fit.py --write") from error


def code_ranks(statements: Sequence[Statement]) -> dict[str, float]:
    """Each statement's main-code certainty as a rank: the share of the statements whose
    confidence is no higher (1 for the surest; codes given by hand are sure)."""
    values = sorted(s.confidence for s in statements)
    return {s.id: 1.0 if s.confidence >= HAND_CODED else bisect_right(values, s.confidence) / len(values)
            for s in statements}


def code_certainty(statement: Statement, ranks: Mapping[str, float], main: bool) -> float:
    """The rank of the statement's code: its main code's rank, 0 for a code listed after it
    (1 when every code was given by hand or the code is a reading the rules make)."""
    if statement.confidence >= HAND_CODED or main:
        return ranks.get(statement.id, 1.0)
    return 0.0


def pair_class(soft: str, hard: str) -> str:
    """The class of a pair read as ``soft`` against ``hard``: the two codes, sorted ("demand+reject")."""
    return "+".join(sorted((soft, hard)))


def evidence(clash: float, topic: float, aimed: int, apart: int, sides: float, codes: tuple[float, float],
             kind: str, dispute: bool = False) -> dict[str, float]:
    """The evidence of one reading of a pair (see the module's docstring); ``aimed``: how many
    of the two are aimed at the other's side, ``kind`` the pair's class."""
    return {"clash": clash, "topic": topic, "one_way": float(aimed == 1), "mutual": float(aimed == 2),
            "near": float(apart <= NEAR_PARAGRAPHS), "sides": sides, "codes": (codes[0] + codes[1]) / 2,
            "dispute": float(dispute), kind: 1.0}
