"""How sure a standoff is: the evidence of a pair of two sides' statements combined into one
strength, then mapped to a calibrated confidence (Platt scaling, weights fitted on gold pairs
by ``tools/standoff_fit.py`` and kept in ``data/standoff_model.yaml``).

Round six multiplied four doubts (clash × topic × code certainty × side), each read as a chance
of being wrong, against a fixed 0.7: with an under-confident signal coder even a pair right on
every count stayed under it. Here each doubt can only weaken the pair down to a floor, the
coder's confidence counts by rank, not by value (so a recalibrated coder moves nothing), and
the strength's logistic map is fitted so that the confidence is the share of such pairs the
gold lists as standoffs. The evidence (``evidence``):

- ``clash``: how squarely the two codes clash (the codebook's number);
- ``topic``: how surely the two speak to one matter (``pairs.pair_topic``);
- ``codes``: the two codes' certainty by rank (``code_ranks``): the share of the article's party
  statements whose main code the coder is no more sure of; a code listed after the main one
  counts 0, a code given by hand 1; the mean of the two halves. Weighs ``CODES_FLOOR`` to 1;
- ``mutual``: each of the two is aimed at the other's side (1), or only one (0): ``ONE_WAY`` to 1;
- ``near``: ``pairs.closeness`` for a clash that fades with distance (the codebook's ``fades``),
  else 1: two sides answer each other across the article;
- ``sides``: how surely each speaker speaks for its side (``pairs.sides_sure``);
- ``dispute``: 1 for a factual dispute (two sides accusing each other, or counting one fact two
  ways), 0 for a standoff. It enters not the strength but the log-odds, with a weight of its own
  (``StandoffModel.dispute``): left one article out on crisis-dev and the seed, readers listed
  far fewer factual disputes than standoffs of the same strength (round nine).
"""

from __future__ import annotations

import math
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from typing import Mapping, Sequence

from tealeaves.analysis.pairs import HAND_CODED
from tealeaves.lexicon import bundled_yaml
from tealeaves.models import Statement

CODES_FLOOR = 0.5  # two codes the coder is least sure of keep half the strength
ONE_WAY = 0.85  # only one of the two is aimed at the other's side
MODEL_FILE = "standoff_model.yaml"
MIN_STRENGTH = 0.01  # weaker evidence reads as this weak: its log would outweigh every other pair in a fit


@dataclass(frozen=True)
class StandoffModel:
    """The logistic map from a pair's strength (and whether it is a factual dispute) to its
    confidence, and the confidence a standoff must reach."""

    intercept: float
    slope: float
    threshold: float
    dispute: float = 0.0  # log-odds added for a factual dispute

    def confidence(self, evidence: Mapping[str, float]) -> float:
        """The probability that the pair is a standoff the gold would list."""
        z = (self.intercept + self.slope * math.log(max(strength(evidence), MIN_STRENGTH))
             + self.dispute * evidence.get("dispute", 0.0))
        return 1.0 / (1.0 + math.exp(-z))


def strength(evidence: Mapping[str, float]) -> float:
    """The pair's evidence as one number in [0, 1]: each doubt weakens it down to its floor."""
    return (evidence["clash"] * evidence["topic"] * evidence["sides"] * evidence["near"]
            * (CODES_FLOOR + (1 - CODES_FLOOR) * evidence["codes"])
            * (ONE_WAY + (1 - ONE_WAY) * evidence["mutual"]))


@lru_cache(maxsize=1)
def standoff_model() -> StandoffModel:
    """The bundled model, checked as it loads: a missing number fails loudly."""
    data = bundled_yaml(MODEL_FILE)
    try:
        return StandoffModel(float(data["intercept"]), float(data["slope"]), float(data["threshold"]),
                             float(data.get("dispute", 0.0)))
    except (KeyError, TypeError, ValueError) as error:
        raise ValueError(f"data/{MODEL_FILE}: needs numbers intercept, slope and threshold ({error}); "
                         f"refit with tools/standoff_fit.py --write") from error


def code_ranks(statements: Sequence[Statement]) -> dict[str, float]:
    """Each statement's main-code certainty as a rank: the share of the statements whose
    confidence is no higher (1 for the surest; codes given by hand are sure)."""
    values = sorted(s.confidence for s in statements)
    return {s.id: 1.0 if s.confidence >= HAND_CODED else bisect_right(values, s.confidence) / len(values)
            for s in statements}


def code_certainty(statement: Statement, code: str, ranks: Mapping[str, float], main: bool) -> float:
    """The rank of the statement's code: its main code's rank, 0 for a code listed after it
    (1 when every code was given by hand or the code is a reading the rules make)."""
    if statement.confidence >= HAND_CODED or main:
        return ranks.get(statement.id, 1.0)
    return 0.0


def evidence(clash: float, topic: float, codes: tuple[float, float], mutual: bool, near: float,
             sides: float, dispute: bool = False) -> dict[str, float]:
    """The evidence of one reading of a pair (see the module's docstring)."""
    return {"clash": clash, "topic": topic, "codes": (codes[0] + codes[1]) / 2, "mutual": float(mutual),
            "near": near, "sides": sides, "dispute": float(dispute)}
