"""A statement under construction, and the span helpers every rule shares."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from spacy.tokens import Doc, Token

from tealeaves.nlp.quotes import QuoteSpan


@dataclass
class Draft:
    """A statement under construction, mutable while attribution's own passes fill it in;
    later stages only read it (the actor resolver returns each draft's speaker apart)."""

    start: int
    end: int
    sent_index: int
    paragraph: int
    cue: Optional[tuple[int, int]] = None
    cue_sense: str = "speech"
    subject: Optional[Token] = None  # head token of the speaker mention
    mention: Optional[tuple[int, int]] = None
    content: list[tuple[int, int]] = field(default_factory=list)
    quotes: list[QuoteSpan] = field(default_factory=list)
    inherit_from: Optional["Draft"] = None  # speaker is that statement's speaker
    confidence: float = 0.9
    depth: int = 0  # how deep the reporting clause sits in its sentence (0 = main clause)
    note: Optional[str] = None  # why this attribution is uncertain, shown as a warning

    def covers(self, start: int, end: int) -> bool:
        return any(s <= start and end <= e for s, e in self.content)


TRIM_CHARS = " \t\n,;:—–-"


def trim(doc: Doc, start: int, end: int) -> Optional[tuple[int, int]]:
    """Character range of tokens [start, end) without leading/trailing punctuation."""
    if end <= start or start >= len(doc):
        return None
    # The span's own text: Doc.text joins every token of the document on each access, which
    # made attribution quadratic in the document's length (issue 6, fuzzing).
    span = doc[start:end]
    text, offset = span.text, span.start_char
    s, e = 0, len(text)
    while s < e and (text[s] in TRIM_CHARS):
        s += 1
    while e > s and (text[e - 1] in TRIM_CHARS or text[e - 1] == "."):
        e -= 1
    return (offset + s, offset + e) if e > s else None


def token_at(doc: Doc, offset: int) -> int:
    span = doc.char_span(offset, offset + 1, alignment_mode="expand")
    return span.start if span is not None else len(doc)


def clause_depth(token: Token) -> int:
    depth = 0
    while token.head.i != token.i and depth < 50:
        if token.pos_ in ("VERB", "AUX"):
            depth += 1
        token = token.head
    return depth
