"""Standoffs across the sides of one article: one side's demand, condition or offer against
another side's refusal or threat (``clashes`` in ``data/codebook.yaml``), and factual disputes
(two sides giving counts that cannot both hold). Two sides' codes clash only when one of the two
statements is aimed at the other's side (``pairs.aimed_sides``). Each reading's confidence is
``standoff_model``'s (evidence added as log-odds, not doubts multiplied); pairs are chosen as
``analysis.pairs`` says, kept from the model's threshold, a statement meeting each other side once."""

from __future__ import annotations

from collections import defaultdict
from typing import Mapping, Optional, Sequence

from tealeaves.analysis.blocking import fact_blocks, listed_pairs, opposing_blocks
from tealeaves.analysis.pairs import (
    FACT_STRENGTH,
    Candidate,
    Layout,
    Similarity,
    aimed_sides,
    closeness,
    explain,
    fact_conflict,
    one_reading,
    pair_topic,
    pick,
    readings,
    reason_of,
    sides_of,
    sides_sure,
)
from tealeaves.analysis.standoff_model import StandoffModel, code_certainty, code_ranks, evidence, standoff_model
from tealeaves.analysis.wording import party_statements, side_of
from tealeaves.codebook import codebook
from tealeaves.models import Actor, Standoff, Statement

Reading = tuple[Candidate, dict[str, float]]  # a scored reading and the evidence it was scored on


def find_standoffs(
    statements: Sequence[Statement],
    actors: Mapping[str, Actor],
    similarity: Optional[Similarity] = None,
    id_prefix: str = "",
    text: Optional[str] = None,
    model: Optional[StandoffModel] = None,
) -> list[Standoff]:
    """Standoffs (a demand, condition or offer of one side against another side's refusal or
    threat, as the codebook's ``clashes`` say) and factual disputes (two sides accusing each
    other of one thing, or giving counts that cannot both hold), strongest first; ``model`` is the
    bundled ``standoff_model`` unless another is given (``tools/standoff_fit.py``)."""
    layout = Layout.of(statements, text)
    model = model or standoff_model()
    found = []
    for c in chosen(standoff_readings(statements, actors, similarity, layout, model), model.threshold, layout, actors):
        found.append(Standoff(
            id="", sides=c.sides, statement_ids=(c.first.id, c.second.id),
            topic=c.first.topic or c.second.topic or "", kind=c.kind, score=round(c.score, 2),
            explanation=explain(c, actors, with_sides=True)))
    found.sort(key=lambda s: (-s.score, s.statement_ids))
    return [Standoff(**{**s.__dict__, "id": f"{id_prefix}x{n:02d}"}) for n, s in enumerate(found, start=1)]


def chosen(readings: Sequence[Reading], threshold: float, layout: Layout, actors: Mapping[str, Actor]) -> list[Candidate]:
    """The readings kept: those at the threshold, chosen as ``pairs.pick`` says, a statement
    meeting each other side once."""
    kept = [c for c, _ in readings if c.score >= threshold]
    return pick(kept, defaultdict(list), layout, partner=lambda s: side_of(s, actors))


def standoff_readings(statements: Sequence[Statement], actors: Mapping[str, Actor], similarity: Optional[Similarity],
                      layout: Layout, model: Optional[StandoffModel] = None) -> list[Reading]:
    """The best reading of every pair of two sides' party statements that face each other
    (codes that clash) or count one fact two ways, whatever its confidence, with its evidence
    (``tools/standoff_fit.py`` fits the model on these)."""
    party = party_statements(statements, actors)
    side = [side_of(s, actors) for s in party]
    blocks = [*opposing_blocks(party, codebook().clashes, side, 0.0, same_side=False),
              *fact_blocks(party, side, same_side=False)]
    aimed = {s.id: aimed_sides(s, actors) for s in party}
    ranks = code_ranks(party)
    model = model or standoff_model()
    readings = []
    for i, j in listed_pairs(blocks, layout, party):
        a, b = party[i], party[j]
        if side[i] == side[j] or one_reading(a, b):
            continue
        mutual = side[j] in aimed[a.id] and side[i] in aimed[b.id]
        facing = side[j] in aimed[a.id] or side[i] in aimed[b.id]
        options = [clash_reading(a, b, similarity, layout, actors, ranks, mutual, model)] if facing else []
        fact = fact_conflict(a, b, layout, actors, "factual_dispute")
        if fact is not None:  # the fact both count is the matter both speak to
            options.append(scored_reading(model, fact, evidence(FACT_STRENGTH, 1.0, (1.0, 1.0), mutual, 1.0,
                                                                sides_sure(a, b, actors), dispute=True)))
        best = max((r for r in options if r is not None), key=lambda r: r[0].score, default=None)
        if best is not None:
            readings.append(best)
    return readings


def clash_reading(a: Statement, b: Statement, similarity: Optional[Similarity], layout: Layout,
                   actors: Mapping[str, Actor], ranks: Mapping[str, float], mutual: bool,
                   model: StandoffModel) -> Optional[Reading]:
    """The most confident reading of the two under the codebook's clashes (either may be the
    softer half; one of the two codes must be its statement's main one)."""
    best: Optional[Reading] = None
    book = codebook()
    for relation, first, second, main_first, main_second in readings(a, b, book.clashes):
        topic = pair_topic(first, second, relation.soft, similarity, layout, actors)
        apart = layout.paragraphs_apart(first, second)
        sure = (code_certainty(first, relation.soft, ranks, main_first),
                code_certainty(second, relation.hard, ranks, main_second))
        found = evidence(relation.strength, topic, sure, mutual, closeness(apart, topic, relation.fades),
                         sides_sure(first, second, actors), relation.kind == "factual_dispute")
        candidate = Candidate(0.0, relation.kind, first, second, sides_of(first, second, actors), apart,
                              (book.says(relation.soft), book.says(relation.hard)),
                              reason_of(first, second, layout, actors))
        reading = scored_reading(model, candidate, found)
        if best is None or reading[0].score > best[0].score:
            best = reading
    return best


def scored_reading(model: StandoffModel, candidate: Candidate, found: dict[str, float]) -> Reading:
    """The candidate with the model's confidence in ``found`` as its score (all of it
    squareness: the model already weighs the coder's doubt)."""
    score = model.confidence(found)
    return Candidate(score, candidate.kind, candidate.first, candidate.second, candidate.sides,
                     candidate.paragraphs_apart, candidate.says, candidate.reason, 1.0), found
