"""Soft opposition: how far two statements pull apart when each may carry any code, weighed
by how likely the coder finds each code, not only by its one decided code.

    soft_opposition(p_a, p_b) = Σ_ij p_a(i) · p_b(j) · strength(i, j)

over a table of oppositions (the codebook's ``opposes`` within one side, its ``clashes``
across sides), either statement the softer. A pair whose decided codes are wrong can still
score when the right codes were likely: the coder is right on about three statements in five.

``code_probabilities`` gives a statement's codes as the coded statement keeps them: its main
code at its confidence, each other listed code at the coder's floor for listing one
(``SECONDARY``), every listed code sure when given by hand (confidence 1). A caller that holds
the coder's full probability row passes it instead.
"""

from __future__ import annotations

from typing import Iterable, Mapping

from tealeaves.codebook import Opposition
from tealeaves.models import Statement
from tealeaves.signals.coding import SECONDARY

Probabilities = Mapping[str, float]  # code -> probability


def code_probabilities(statement: Statement) -> dict[str, float]:
    """The statement's codes with how likely each is, from what the coded statement keeps."""
    if statement.signal is None:
        return {}
    if statement.confidence >= 1.0:
        return {code: 1.0 for code in (statement.signal, *statement.signals)}
    listed = {code: SECONDARY for code in statement.signals if code != statement.signal}
    return {statement.signal: statement.confidence, **listed}


def strengths(oppositions: Iterable[Opposition]) -> dict[tuple[str, str], float]:
    """Each ordered pair of codes (both orders) with the strength of their opposition."""
    table: dict[tuple[str, str], float] = {}
    for o in oppositions:
        for pair in ((o.soft, o.hard), (o.hard, o.soft)):
            table[pair] = max(table.get(pair, 0.0), o.strength)
    return table


def soft_opposition(a: Probabilities, b: Probabilities, oppositions: Iterable[Opposition]) -> float:
    """Σ p_a(i) · p_b(j) · strength(i, j) over the oppositions (either order), capped at 1."""
    table = strengths(oppositions)
    total = sum(pa * pb * table.get((i, j), 0.0) for i, pa in a.items() for j, pb in b.items())
    return min(1.0, total)
