"""The records every stage shares: one schema for the API, the CLI and every sink.

All records are frozen dataclasses. ``to_dict`` turns any of them into the JSON
contract of ``shared/spec/output.md``; nobody keeps a second field list.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Optional

STATEMENT_KINDS = ("direct", "partial", "indirect", "action")
ACTOR_KINDS = ("official", "analyst", "journalist", "organization", "state", "group", "person")
OBSERVER_KINDS = ("analyst", "journalist")
OBSERVER_GROUP_WORDS = ("analyst", "expert", "observer", "journalist", "commentator", "scholar", "researcher")
OBSERVER_CODE = "assess"  # the signal of an observer's commentary, a reading and not a side's move


@dataclass(frozen=True)
class Span:
    """A character range of a document's text; ``text == document.text[start:end]``."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Document:
    """One article as read: the text exactly as decoded, plus what we know about it."""

    id: str
    source: str
    text: str
    title: Optional[str] = None
    published: Optional[str] = None
    author: Optional[str] = None
    outlet: Optional[str] = None
    url: Optional[str] = None
    language: str = "en"
    line: Optional[int] = None
    encoding: Optional[str] = None  # how the bytes were decoded (a guess for legacy encodings)


@dataclass(frozen=True)
class Actor:
    """A canonical speaker or actor of one document (a person, a body or a group)."""

    id: str
    name: str
    kind: str
    aliases: tuple[str, ...] = ()
    role: Optional[str] = None
    side: Optional[str] = None
    affiliation: Optional[str] = None  # the country or body an observer belongs to


def is_observer(actor: Optional[Actor]) -> bool:
    """Analysts, journalists and groups of them comment; they are not a side's voice."""
    if actor is None:
        return False
    if actor.kind in OBSERVER_KINDS:
        return True
    return actor.kind == "group" and any(w in actor.name.lower() for w in OBSERVER_GROUP_WORDS)


@dataclass(frozen=True)
class Statement:
    """Something an actor said (direct, partial or indirect quote) or did (action)."""

    id: str
    kind: str
    start: int
    end: int
    text: str
    speaker_id: Optional[str] = None
    quotes: tuple[Span, ...] = ()
    content: tuple[Span, ...] = ()
    speaker_mention: Optional[Span] = None
    cue: Optional[Span] = None
    cue_sense: Optional[str] = None  # speech, belief, intention, evidence, stance, impression, question, action
    signal: Optional[str] = None
    signals: tuple[str, ...] = ()
    topic: Optional[str] = None
    target: Optional[str] = None
    confidence: float = 0.0
    negated: bool = False  # "did not deny", "is not issuing ultimatums"
    condition: Optional[str] = None  # "if Russia doesn't get its way"
    modality: tuple[str, ...] = ()  # hedges and modals: "could", "may", "for now"
    time: Optional[str] = None  # "on Tuesday", "in December"


@dataclass(frozen=True)
class MixedMessage:
    """Statements of one side that pull in opposite directions on the same topic."""

    id: str
    side: str
    statement_ids: tuple[str, ...]
    kind: str
    explanation: str
    score: float = 0.0  # confidence, 0-1: how squarely the two oppose, on how surely the same matter


@dataclass(frozen=True)
class Standoff:
    """Statements of opposing sides that cannot both be met (or both be true)."""

    id: str
    sides: tuple[str, ...]
    statement_ids: tuple[str, ...]
    topic: str
    explanation: str
    kind: str = "standoff"  # or "factual_dispute": two sides state one fact two ways
    score: float = 0.0  # confidence, 0-1: how squarely the two clash, on how surely the same matter


@dataclass(frozen=True)
class Warning:
    """Something a reader should double-check: a role conflict, an unbalanced quote..."""

    kind: str
    message: str
    evidence: str = ""
    actor_id: Optional[str] = None
    start: Optional[int] = None


@dataclass(frozen=True)
class DocumentResult:
    """Everything tealeaves found in one document."""

    document: Document
    actors: tuple[Actor, ...] = ()
    statements: tuple[Statement, ...] = ()
    mixed_messages: tuple[MixedMessage, ...] = ()
    standoffs: tuple[Standoff, ...] = ()
    warnings: tuple[Warning, ...] = ()
    coherence: dict[str, float] = field(default_factory=dict)
    speaker_coherence: dict[str, float] = field(default_factory=dict)
    # {"sides": {side: {heading: statement ids}}, "actors": {actor id: {...}}}; see analysis.positions
    positions: dict[str, dict[str, dict[str, tuple[str, ...]]]] = field(default_factory=dict)
    model: Optional[str] = None

    def actor(self, actor_id: Optional[str]) -> Optional[Actor]:
        """The actor with this id, or None."""
        return next((a for a in self.actors if a.id == actor_id), None)

    def to_dict(self) -> dict[str, Any]:
        """The document object of the JSON contract."""
        doc = to_dict(self.document)
        del doc["text"]
        return {
            **doc,
            "model": self.model,
            "actors": [to_dict(a) for a in self.actors],
            "statements": [to_dict(s) for s in self.statements],
            "mixed_messages": [to_dict(m) for m in self.mixed_messages],
            "standoffs": [to_dict(s) for s in self.standoffs],
            "warnings": [to_dict(w) for w in self.warnings],
            "coherence": dict(self.coherence),
            "speaker_coherence": dict(self.speaker_coherence),
            "positions": to_dict(self.positions),
        }


@dataclass(frozen=True)
class InputError:
    """An input that could not be read: which one, where, and what to do about it."""

    source: str
    error: str
    line: Optional[int] = None


class ModelNotFound(RuntimeError):
    """No usable spaCy model is installed."""


@dataclass(frozen=True)
class Result:
    """The outcome of one ``analyze`` call: documents in input order, plus read errors."""

    documents: tuple[DocumentResult, ...] = ()
    errors: tuple[InputError, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """The whole JSON contract."""
        return {
            "documents": [d.to_dict() for d in self.documents],
            "errors": [to_dict(e) for e in self.errors],
        }


def to_dict(record: Any) -> Any:
    """Turn a record (or a tuple or dict of records) into JSON-ready data (days as ISO text):
    the one serialiser of every record, the corpus views' (``tealeaves.views``) too."""
    if isinstance(record, (DocumentResult, Result)):
        return record.to_dict()
    if dataclasses.is_dataclass(record):
        return {f.name: to_dict(getattr(record, f.name)) for f in dataclasses.fields(record)}
    if isinstance(record, (list, tuple)):
        return [to_dict(r) for r in record]
    if isinstance(record, dict):
        return {k: to_dict(v) for k, v in record.items()}
    if isinstance(record, date):
        return record.isoformat()
    return record
