"""The records of the corpus views: what the store's queries return and every sink shows.

A search hit, a mixed message within or across documents, a corpus actor, a timeline row
and a cluster are frozen dataclasses like those of ``models.py``; the CLI, the dashboard,
its JSON twins and CSV downloads, and the export read their fields, never SQL rows. Each
row names the documents it comes from (``DocumentRef``), so a reader can always open the
article. ``models.to_dict`` serialises them; ``tables.record_schema`` gives their Arrow schema.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Optional
from urllib.parse import quote

from tealeaves.models import Statement


def day_of(value: Any) -> Optional[date]:
    """A stored day ('YYYY-MM-DD…' text, a date or None) as a date."""
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def file_name(source: str) -> str:
    """The last part of a path or URL: what names a document that has no title."""
    return source.rstrip("/").replace("\\", "/").rsplit("/", 1)[-1] or source


@dataclass(frozen=True)
class DocumentRef:
    """The stored document a row comes from: enough to name it and open its page."""

    id: str
    source: str
    title: Optional[str] = None
    outlet: Optional[str] = None
    day: Optional[date] = None

    @property
    def name(self) -> str:
        """Its title, else its file name."""
        return self.title or file_name(self.source)

    @property
    def href(self) -> str:
        """Its page on the dashboard."""
        return f"/documents/{quote(self.id, safe='')}"

    def label(self) -> str:
        """Title or file · outlet · day, as one line of a terminal table."""
        return " · ".join(part for part in (self.name, self.outlet, self.day and self.day.isoformat()) if part)


@dataclass(frozen=True)
class SearchHit(Statement):
    """A statement found by a search: every statement field, its document, speaker and snippet
    (matched words between ``store.HIT_START`` and ``store.HIT_END``); ``secondary`` when the
    signal searched for is one of its secondary codes, not its main one."""

    document_id: str = ""
    source: str = ""
    title: Optional[str] = None
    outlet: Optional[str] = None
    published: Optional[str] = None
    day: Optional[date] = None
    speaker: Optional[str] = None
    side: Optional[str] = None
    snippet: str = ""
    secondary: bool = False

    @property
    def document(self) -> DocumentRef:
        return DocumentRef(self.document_id, self.source, self.title, self.outlet, self.day)


@dataclass(frozen=True)
class MixedRow:
    """A mixed message of one side, within one document (``scope`` within) or across two
    (across), with the statements and the documents it pairs."""

    scope: str
    id: str
    side: str
    kind: str
    explanation: str
    score: float
    statement_ids: tuple[str, ...]
    documents: tuple[DocumentRef, ...]

    @property
    def document_ids(self) -> tuple[str, ...]:
        return tuple(d.id for d in self.documents)


@dataclass(frozen=True)
class CorpusActor:
    """One person or body across documents: ids folded into it (``members``), its names,
    roles and sides, counts, conflicts as warnings, and the newest document it appears in."""

    id: str
    name: str
    kind: str
    role: Optional[str]
    side: Optional[str]
    documents: int
    statements: int
    aliases: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    sides: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    members: tuple[str, ...] = ()
    latest: Optional[DocumentRef] = None


@dataclass(frozen=True)
class TimelineRow:
    """One side's day: statements, counts per signal, escalating (up) and de-escalating (down)
    statements, the escalation index in [-1, 1], and the documents of that day it speaks in."""

    side: str
    day: date
    statements: int
    signals: dict[str, int]
    up: int
    down: int
    escalation: float
    documents: tuple[DocumentRef, ...] = ()


@dataclass(frozen=True)
class ClusterMember(DocumentRef):
    """A document of a near-duplicate cluster, and whether it was analysed or is a copy."""

    status: Optional[str] = None


@dataclass(frozen=True)
class Cluster:
    """Copies of one story: the first member is the original."""

    cluster_id: str
    size: int
    members: tuple[ClusterMember, ...]
