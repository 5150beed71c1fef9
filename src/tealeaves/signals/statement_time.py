"""When a statement says something happens: the first date or time entity in its span."""

from __future__ import annotations

import functools
from typing import Optional

from spacy.tokens import Doc

from tealeaves.models import Statement


def time_of(doc: Doc, statement: Statement) -> Optional[str]:
    """The time a statement names ("on Tuesday", "next week"), with its preposition, or None."""
    span = doc.char_span(statement.start, statement.end, alignment_mode="expand")
    for ent in _entities_within(doc, span.start, span.end) if span is not None else ():
        if ent.label_ in ("DATE", "TIME"):
            before = doc[ent.start - 1] if ent.start > 0 else None
            if before is not None and before.dep_ == "prep":
                return f"{before.text} {ent.text}"
            return ent.text
    return None


def _entities_within(doc: Doc, start: int, end: int) -> list:
    """``doc[start:end].ents`` (to its letter) without building every entity again per statement."""
    found = []
    for ent in _entities(doc):
        if ent.start >= start:
            if ent.end > end:
                break
            found.append(ent)
    return found


@functools.lru_cache(maxsize=1)
def _entities(doc: Doc) -> tuple:
    """The document's entities, made once for all its statements (``doc.ents`` builds them anew)."""
    return tuple(doc.ents)
