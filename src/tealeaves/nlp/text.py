"""Text helpers every stage shares: paragraphs and a parsed document's text."""

from __future__ import annotations

from bisect import bisect_right

from spacy.tokens import Doc


def paragraph_starts(text: str) -> list[int]:
    """Offsets where paragraphs begin (a blank line separates paragraphs)."""
    starts = [0]
    i = text.find("\n\n")
    while i != -1:
        j = i
        while j < len(text) and text[j] in "\n \t\r":
            j += 1
        starts.append(j)
        i = text.find("\n\n", j)
    return starts


def doc_text(doc: Doc) -> str:
    """The document's text, joined once: spaCy's ``Doc.text`` rebuilds it from every token on
    each access, which made attribution quadratic in the document's length."""
    text = doc.user_data.get("tealeaves.text")
    if text is None:
        text = doc.user_data["tealeaves.text"] = doc.text
    return text


def paragraph_of(offset: int, starts: list[int]) -> int:
    """The paragraph an offset lies in, given ``paragraph_starts`` (ascending): found by
    bisection, since every statement and sentence of a long document asks."""
    return max(0, bisect_right(starts, offset) - 1)
