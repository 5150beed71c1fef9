"""Standoffs across the sides of one article: one side's demand, condition or offer against
another side's refusal or threat (``clashes`` in ``data/codebook.yaml``), and factual disputes
(two sides giving counts that cannot both hold). Whether one statement is aimed at the other's
side (``pairs.aimed_sides``) is evidence, not a gate, except that two sides pressing a third
party and neither the other agree (``presses_third``). Each reading's confidence is
``standoff_model``'s; each pair of sides keeps its most confident reading at the model's
threshold (one standoff per pair of sides: the gold lists one pair of statements where a second
mostly restates it)."""

from __future__ import annotations

from typing import Mapping, Optional, Sequence

from tealeaves.analysis.blocking import fact_blocks, listed_pairs, opposing_blocks
from tealeaves.analysis.pairs import (
    FACT_STRENGTH,
    Candidate,
    Layout,
    Similarity,
    aimed_sides,
    explain,
    fact_conflict,
    one_reading,
    pair_topic,
    readings,
    reason_of,
    sides_of,
    sides_sure,
)
from tealeaves.analysis.standoff_model import (
    StandoffModel,
    code_certainty,
    code_ranks,
    evidence,
    pair_class,
    standoff_model,
)
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
    for c in chosen(standoff_readings(statements, actors, similarity, layout, model), model.threshold):
        found.append(Standoff(
            id="", sides=c.sides, statement_ids=(c.first.id, c.second.id),
            topic=c.first.topic or c.second.topic or "", kind=c.kind, score=round(c.score, 2),
            explanation=explain(c, actors, with_sides=True)))
    found.sort(key=lambda s: (-s.score, s.statement_ids))
    return [Standoff(**{**s.__dict__, "id": f"{id_prefix}x{n:02d}"}) for n, s in enumerate(found, start=1)]


def chosen(readings: Sequence[Reading], threshold: float) -> list[Candidate]:
    """The readings kept: the most confident of each pair of sides, at the threshold (ties to
    the nearer pair, then the earlier)."""
    best: dict[frozenset, Candidate] = {}
    for c, _ in readings:
        key = frozenset(c.sides)
        if c.score >= threshold and (key not in best or _rank(c) < _rank(best[key])):
            best[key] = c
    return sorted(best.values(), key=_rank)


def _rank(c: Candidate) -> tuple:
    return -c.score, c.paragraphs_apart, c.first.start, c.second.start


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
        facing = (side[j] in aimed[a.id]) + (side[i] in aimed[b.id])
        options = [] if presses_third(aimed[a.id], aimed[b.id], (side[i], side[j]), facing) else [
            clash_reading(a, b, similarity, layout, actors, ranks, facing, model)]
        fact = fact_conflict(a, b, layout, actors, "factual_dispute")
        if fact is not None:  # the fact both count is the matter both speak to
            options.append(scored_reading(model, fact, evidence(
                FACT_STRENGTH, 1.0, facing, fact.paragraphs_apart, sides_sure(a, b, actors), (1.0, 1.0), "counts",
                dispute=True)))
        best = max((r for r in options if r is not None), key=lambda r: r[0].score, default=None)
        if best is not None:
            readings.append(best)
    return readings


def presses_third(aimed_a: frozenset, aimed_b: frozenset, sides: tuple[str, str], facing: int) -> bool:
    """Neither of the two is aimed at the other's side and both at one third side: two sides
    pressing a third party agree ("the Danish fleet must leave" beside "any Danish trawler
    will be boarded")."""
    return not facing and bool((aimed_a & aimed_b) - set(sides))


def clash_reading(a: Statement, b: Statement, similarity: Optional[Similarity], layout: Layout,
                  actors: Mapping[str, Actor], ranks: Mapping[str, float], facing: int,
                  model: StandoffModel) -> Optional[Reading]:
    """The most confident reading of the two under the codebook's clashes (either may be the
    softer half; one of the two codes must be its statement's main one); ``facing``: how many
    of the two are aimed at the other's side."""
    best: Optional[Reading] = None
    book = codebook()
    for relation, first, second, main_first, main_second in readings(a, b, book.clashes):
        topic = pair_topic(first, second, relation.soft, similarity, layout, actors)
        apart = layout.paragraphs_apart(first, second)
        sure = code_certainty(first, ranks, main_first), code_certainty(second, ranks, main_second)
        found = evidence(relation.strength, topic, facing, apart, sides_sure(first, second, actors), sure,
                         pair_class(first.signal or relation.soft, second.signal or relation.hard),
                         relation.kind == "factual_dispute")
        candidate = Candidate(0.0, relation.kind, first, second, sides_of(first, second, actors), apart,
                              (book.says(relation.soft), book.says(relation.hard)),
                              reason_of(first, second, layout, actors))
        reading = scored_reading(model, candidate, found)
        if best is None or reading[0].score > best[0].score:
            best = reading
    return best


def scored_reading(model: StandoffModel, candidate: Candidate, found: dict[str, float]) -> Reading:
    """The candidate with the model's confidence in ``found`` as its score."""
    score = model.confidence(found)
    return Candidate(score, candidate.kind, candidate.first, candidate.second, candidate.sides,
                     candidate.paragraphs_apart, candidate.says, candidate.reason, 1.0), found
