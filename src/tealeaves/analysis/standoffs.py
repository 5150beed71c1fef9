"""Standoffs across the sides of one article: one side's demand, condition or offer against
another side's refusal or threat (``clashes`` in ``data/codebook.yaml``), and factual disputes
(two sides giving counts that cannot both hold). Two sides' codes clash only when one of the two
statements is aimed at the other's side (``pairs.aimed_sides``). Scored and chosen as
``analysis.pairs`` says; kept from ``MIN_STANDOFF_SCORE``, a statement meeting each other side once."""

from __future__ import annotations

from collections import defaultdict
from typing import Mapping, Optional, Sequence

from tealeaves.analysis.blocking import fact_blocks, listed_pairs, opposing_blocks
from tealeaves.analysis.pairs import (
    Layout,
    Similarity,
    aimed_sides,
    best_reading,
    explain,
    fact_conflict,
    one_reading,
    pick,
)
from tealeaves.analysis.wording import party_statements, side_of
from tealeaves.codebook import codebook
from tealeaves.models import Actor, Standoff, Statement

MIN_STANDOFF_SCORE = 0.7  # chosen leave-one-article-out on crisis-dev (every fold chose it)
EVIDENCE_FLOOR = 0.3  # what a pair of two barely listed codes keeps (pairs.codes_sure); tools/pair_cv.py


def find_standoffs(
    statements: Sequence[Statement],
    actors: Mapping[str, Actor],
    similarity: Optional[Similarity] = None,
    id_prefix: str = "",
    text: Optional[str] = None,
) -> list[Standoff]:
    """Standoffs (a demand, condition or offer of one side against another side's refusal or
    threat, as the codebook's ``clashes`` say) and factual disputes (two sides accusing each
    other of one thing, or giving counts that cannot both hold), strongest first."""
    party = party_statements(statements, actors)
    layout = Layout.of(statements, text)
    side = [side_of(s, actors) for s in party]
    blocks = [*opposing_blocks(party, codebook().clashes, side, MIN_STANDOFF_SCORE, same_side=False),
              *fact_blocks(party, side, same_side=False)]  # only pairs some reading can score
    candidates = []
    aimed = {s.id: aimed_sides(s, actors) for s in party}
    for i, j in listed_pairs(blocks, layout, party):
        a, b = party[i], party[j]
        if side[i] != side[j] and not one_reading(a, b):
            facing = side[j] in aimed[a.id] or side[i] in aimed[b.id]
            for c in (best_reading(a, b, codebook().clashes, similarity, layout, actors, EVIDENCE_FLOOR)
                      if facing else None, fact_conflict(a, b, layout, actors, "factual_dispute")):
                if c is not None and c.score >= MIN_STANDOFF_SCORE:
                    candidates.append(c)
    found = []
    for c in pick(candidates, defaultdict(list), layout, partner=lambda s: side_of(s, actors)):
        found.append(Standoff(
            id="", sides=c.sides, statement_ids=(c.first.id, c.second.id),
            topic=c.first.topic or c.second.topic or "", kind=c.kind, score=round(c.score, 2),
            explanation=explain(c, actors, with_sides=True)))
    found.sort(key=lambda s: (-s.score, s.statement_ids))
    return [Standoff(**{**s.__dict__, "id": f"{id_prefix}x{n:02d}"}) for n, s in enumerate(found, start=1)]
