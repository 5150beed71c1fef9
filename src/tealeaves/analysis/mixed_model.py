"""How sure a mixed message is: its score (``analysis.mixed``: how squarely the codes oppose ×
how surely the two speak to one matter × …) mapped to a calibrated confidence by Platt scaling,
weights fitted leave-one-article-out on gold mixed messages by ``tools/mixed_fit.py`` and kept in
``data/mixed_model.yaml``.

The raw score is no probability: on unseen articles most pairs scoring 0.5–0.75 were built on
wrong codes, yet coherence (``analysis.coherence``) multiplies ``1 − score`` as if each were the
chance that the contradiction is real. The raw score weighs the coder's doubt only down to a high
floor (``mixed.EVIDENCE_FLOOR``), so the map reads it a second time, by rank as the standoff model
does (``standoff_model.code_ranks``: a recalibrated coder moves nothing): ``weakest`` is the
lowest rank among the message's statements, the half most likely miscoded. The confidence is

    1 / (1 + exp(-(intercept + slope * ln score + codes * weakest)))
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from typing import Mapping, Sequence

from tealeaves.lexicon import bundled_yaml

MODEL_FILE = "mixed_model.yaml"
MIN_SCORE = 1e-6


@dataclass(frozen=True)
class MixedModel:
    """The logistic map from a mixed message's raw score to its confidence."""

    intercept: float
    slope: float
    codes: float

    def confidence(self, score: float, weakest: float) -> float:
        """The probability that a message of this raw score, whose least sure code has this
        rank, is one the gold would list."""
        z = self.intercept + self.slope * math.log(max(score, MIN_SCORE)) + self.codes * weakest
        return 1.0 / (1.0 + math.exp(-z))


def weakest_rank(statement_ids: Sequence[str], ranks: Mapping[str, float]) -> float:
    """The lowest code rank among the statements (1 for one the ranks do not list)."""
    return min((ranks.get(i, 1.0) for i in statement_ids), default=1.0)


@lru_cache(maxsize=1)
def mixed_model() -> MixedModel:
    """The bundled model, checked as it loads: a missing or non-rising map fails loudly."""
    data = bundled_yaml(MODEL_FILE)
    try:
        model = MixedModel(float(data["intercept"]), float(data["slope"]), float(data["codes"]))
    except (KeyError, TypeError, ValueError) as error:
        raise ValueError(f"data/{MODEL_FILE}: needs numbers intercept, slope and codes ({error}); "
                         f"refit with tools/mixed_fit.py --write") from error
    if model.slope <= 0 or model.codes < 0:
        raise ValueError(f"data/{MODEL_FILE}: slope {model.slope} must be positive and codes {model.codes} not "
                         f"negative (a stronger pair cannot be less sure); refit with tools/mixed_fit.py --write")
    return model
