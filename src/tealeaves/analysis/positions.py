"""Position sheets: what each side and actor of one article demands, rules out, threatens,
offers, denies and reassures, by statement id."""

from __future__ import annotations

from typing import Mapping, Optional, Sequence

from tealeaves.analysis.wording import party_statements, side_of
from tealeaves.codebook import codebook
from tealeaves.models import Actor, Statement

VIEW_SENSES = ("belief", "impression")


def positions(statements: Sequence[Statement], actors: Mapping[str, Actor]) -> dict[str, dict[str, dict[str, tuple[str, ...]]]]:
    """Position sheets: per side and per actor, statement ids under demands, red lines,
    threats, offers, denials and reassurances. A negated demand ("must never join") is a red line.
    What a speaker believes of others ("sees the envoy as willing to compromise") is a view,
    not a position the speaker takes, and stays off the sheets."""
    sheets: dict[str, dict[str, dict[str, list[str]]]] = {"sides": {}, "actors": {}}
    for s in party_statements(statements, actors):
        heading = heading_of(s)
        if heading is None:
            continue
        for group, key in (("sides", side_of(s, actors)), ("actors", s.speaker_id or "")):
            sheets[group].setdefault(key, {}).setdefault(heading, []).append(s.id)
    return {group: {key: {h: tuple(ids) for h, ids in sheet.items()} for key, sheet in by_key.items()}
            for group, by_key in sheets.items()}


def heading_of(statement: Statement) -> Optional[str]:
    """The position heading a statement goes under on its side's sheet, or None (a deed, a
    view, or a code with no heading)."""
    if statement.kind == "action" or statement.cue_sense in VIEW_SENSES:
        return None
    heading = codebook().heading(statement.signal)
    return "red_lines" if heading == "demands" and _forbids(statement) else heading


def _forbids(statement: Statement) -> bool:
    words = " ".join(c.text for c in statement.content).lower().split()
    return any(w in ("never", "not", "no", "must not", "cannot") for w in words)
