"""Text helpers every stage shares: paragraphs and a parsed document's text."""

from __future__ import annotations

import re
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


HEADLINE_CHARS = 200  # a first line this short, with more text after it, may be a headline


def headline_end(text: str) -> int:
    """Where the text's headline ends, else 0: a short first line with text after it that ends
    with no full stop, or is in title case (four in five of its words capitalised); a lede is a
    sentence."""
    first = text.find("\n")
    line = text[:first].strip() if 0 < first <= HEADLINE_CHARS and text[first:].strip() else ""
    if not line:
        return 0
    words = re.findall(r"[^\W\d_][\w'’-]*", line)
    titled = bool(words) and sum(w[0].isupper() for w in words) >= 0.8 * len(words)
    return first if not line.rstrip("’'\"”").endswith(".") or titled else 0
