"""How coherently each side and speaker of one article speaks, read from its mixed messages,
and how much each figure rests on (``basis``, ``describe``)."""

from __future__ import annotations

from typing import Mapping, Sequence

from tealeaves.analysis.wording import party_statements, side_of
from tealeaves.models import Actor, DocumentResult, MixedMessage, Statement

# Fewer statements of a side than this read "not enough statements", not 1.00: in the hand-read
# crisis articles (seed, crisis-dev, read10-13) 3 of 88 sides saying 1-3 things hold a listed
# contradiction, 12 of 49 saying 4-6, 26 of 33 saying 7 or more.
MIN_STATEMENTS = 4


def coherence(statements: Sequence[Statement], actors: Mapping[str, Actor],
              mixed: Sequence[MixedMessage]) -> tuple[dict[str, float], dict[str, float]]:
    """Coherence per side and per speaker of party statements, in [0, 1]: how sure it is that
    none of the mixed messages that touch them is real, each message's score read as its
    confidence:

        coherence = Π over the messages touching them of (1 − score)

    One contradiction counts whatever else the side says: a side of twenty statements with one
    pair of score 0.6 reads 0.4, not 0.94 as a share of its statements would (round six), so a
    side with one real contradiction reads clearly lower than one with none (1.0). Party
    statements are those ``party_statements`` keeps (observers never count). Two rows of one
    speaker over the same words (overlapping spans) are one statement, so one contradiction read twice through
    duplicate rows counts once, at its higher score.
    """
    party = party_statements(statements, actors)
    side = {s.id: side_of(s, actors) for s in party}
    speaker = {s.id: s.speaker_id or "" for s in party}
    sides: dict[str, float] = {side[s.id]: 1.0 for s in party}
    speakers: dict[str, float] = {speaker[s.id]: 1.0 for s in party}
    duplicate_of = same_words(party)
    strongest: dict[frozenset[str], MixedMessage] = {}
    for m in mixed:
        key = frozenset(duplicate_of.get(i, i) for i in m.statement_ids)
        if key not in strongest or m.score > strongest[key].score:
            strongest[key] = m
    for m in strongest.values():
        ids = [i for i in m.statement_ids if i in side]
        for name in {side[i] for i in ids}:
            sides[name] *= 1.0 - m.score
        for name in {speaker[i] for i in ids}:
            speakers[name] *= 1.0 - m.score
    return ({k: round(v, 2) for k, v in sorted(sides.items())}, {k: round(v, 2) for k, v in sorted(speakers.items())})


def same_words(statements: Sequence[Statement]) -> dict[str, str]:
    """Each statement's id mapped to the id of the first statement of the same speaker whose span
    overlaps its own (itself when none does): duplicate rows over the same words."""
    first: dict[str, str] = {}
    for index, statement in enumerate(statements):
        first[statement.id] = next((earlier.id for earlier in statements[:index]
                                    if earlier.speaker_id == statement.speaker_id
                                    and earlier.start < statement.end and statement.start < earlier.end),
                                   statement.id)
    return first


def basis(result: DocumentResult) -> dict[str, int]:
    """How many statements (deeds aside, duplicate rows once) each side's coherence rests on."""
    actors = {a.id: a for a in result.actors}
    said = [s for s in party_statements(result.statements, actors) if s.kind != "action"]
    duplicate_of = same_words(said)
    counts: dict[str, int] = {}
    for s in said:
        if duplicate_of[s.id] == s.id:
            side = side_of(s, actors)
            counts[side] = counts.get(side, 0) + 1
    return counts


def describe(value: float, statements: int) -> str:
    """A side's coherence with what it rests on: under 1.0 a finding ("0.40 over 6 statements"),
    1.0 only the absence of one, and below ``MIN_STATEMENTS`` statements no reading at all."""
    if value < 1.0:
        return f"{value:.2f} over {statements} statements"
    if statements < MIN_STATEMENTS:
        return f"not enough statements ({statements})"
    return f"1.00 over {statements} statements: none found"
