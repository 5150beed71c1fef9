"""Empty states that say their real cause.

An empty section is read as a finding ("nothing threatening was said"), so it must say why it
is empty: no statements at all, none with a code of that kind, or (most often) statements whose
speakers have no side, which position sheets, mixed messages and standoffs all need. Each
message is built from counts of the statements behind the view, for one document, a report or
a whole store (from its aggregates).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from tealeaves.codebook import codebook
from tealeaves.models import DocumentResult
from tealeaves.store.core import Store
from tealeaves.store.sides_backfill import STATEMENT_COUNTS

HEADINGS = "demands, red lines, threats, offers, denials or reassurances"
SIDE_ADVICE = "give their speakers a side with --sides FILE or --actors FILE"


@dataclass(frozen=True)
class StatementCounts:
    """How many statements there are, how many have a speaker with a side, and how many are
    coded under a position heading (all, and those of a speaker with a side)."""

    total: int = 0
    sided: int = 0
    positional: int = 0
    sided_positional: int = 0
    sides: int = 0

    @classmethod
    def of(cls, results: Iterable[DocumentResult]) -> "StatementCounts":
        """The counts of these documents' statements."""
        rows = []
        for result in results:
            actors = {actor.id: actor for actor in result.actors}
            for statement in result.statements:
                actor = actors.get(statement.speaker_id or "")
                rows.append(((actor.side or "") if actor else "", statement.signal or "", 1))
        return cls.from_rows(rows)

    @classmethod
    def of_store(cls, store: Store) -> "StatementCounts":
        """The counts of a store's statements, from its aggregates (side, signal, count)."""
        rows = store.db.query(f'SELECT "side", "signal", sum("statements") AS n FROM {STATEMENT_COUNTS} c '
                              'GROUP BY "side", "signal"')
        return cls.from_rows((row["side"], row["signal"], int(row["n"])) for row in rows)

    @classmethod
    def from_rows(cls, rows: Iterable[tuple[str, str, int]]) -> "StatementCounts":
        book = codebook()
        total = sided = positional = sided_positional = 0
        sides = set()
        for side, signal, count in rows:
            has_heading = book.heading(signal or None) is not None
            total += count
            positional += count if has_heading else 0
            if side:
                sides.add(side)
                sided += count
                sided_positional += count if has_heading else 0
        return cls(total, sided, positional, sided_positional, len(sides))


def no_positions(counts: StatementCounts) -> str:
    """Why a position sheet (or the positions of a corpus) is empty."""
    if not counts.total:
        return "No positions: no statements were found."
    if not counts.positional:
        return f"No positions: none of the {_statements(counts.total)} is coded as one of the {HEADINGS}."
    if not counts.sided_positional:
        return (f"No positions: {_statements(counts.positional)} {_are(counts.positional)} {HEADINGS}, but none "
                f"of their speakers has a side, and position sheets are per side: {SIDE_ADVICE}.")
    return (f"No positions: the {HEADINGS} found are views of others or reported deeds, which position "
            "sheets leave out.")


def no_mixed_messages(counts: StatementCounts) -> str:
    """Why no mixed messages were found."""
    if not counts.total:
        return "No mixed messages: no statements were found."
    if counts.sided < 2:
        return (f"No mixed messages: they compare two statements of one side, and {counts.sided} of the "
                f"{_statements(counts.total)} {_has(counts.sided)} a speaker with a side: {SIDE_ADVICE}.")
    return "No mixed messages: no side's statements here pull in opposite directions."


def no_standoffs(counts: StatementCounts) -> str:
    """Why no standoffs were found."""
    if not counts.total:
        return "No standoffs: no statements were found."
    if counts.sides < 2:
        return (f"No standoffs: they pair statements of two sides, and the statements here come from "
                f"{counts.sides} side{'' if counts.sides == 1 else 's'}: {SIDE_ADVICE}.")
    return "No standoffs: no two sides' statements here oppose each other on one issue."


def _statements(count: int) -> str:
    return f"{count} statement{'' if count == 1 else 's'}"


def _are(count: int) -> str:
    return "is one of the" if count == 1 else "are"


def _has(count: int) -> str:
    return "has" if count == 1 else "have"


def no_timeline(counts: StatementCounts) -> str:
    """Why a timeline has no rows (with no filter to blame)."""
    if not counts.total:
        return "No timeline: no statements were found."
    if not counts.sided:
        return (f"No timeline: it counts statements per side, and none of the {_statements(counts.total)} has a "
                f"speaker with a side: {SIDE_ADVICE}.")
    return "No timeline: none of the statements of a side has a date (see the note above)."


def empty_states(counts: StatementCounts) -> dict[str, str]:
    """What each empty section of a page says, by section."""
    return {"positions": no_positions(counts), "mixed": no_mixed_messages(counts),
            "standoffs": no_standoffs(counts), "timeline": no_timeline(counts)}
