"""Find quotation-mark spans in raw text: curly or straight, across sentences and paragraphs.

Works on characters, before any parse, so offsets are exact. Journalistic convention is
honoured: a quote left open at a paragraph's end continues when the next paragraph opens
with a quotation mark. An unbalanced mark yields a warning and a best-effort span.
Two apostrophes ('') stand for a straight double mark, as in some newspaper archives and
typewritten copy.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

OPENING = "“«„"
CLOSING = "”»‟"
STRAIGHT = '"'
DOUBLED_APOSTROPHE = "''"
# Quotation marks as the parser's tokens show them, single and double, one way and the other.
OPENING_TOKENS = ("“", "‘", "``")
CLOSING_TOKENS = ("”", "’", "''")
PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


@dataclass(frozen=True)
class QuoteSpan:
    """The words between a pair of quotation marks (marks excluded)."""

    start: int
    end: int
    mark_start: int  # offset of the opening mark
    mark_end: int  # offset just after the closing mark (== end when unclosed)
    closed: bool = True
    continues: bool = False  # carries on a quote left open in the previous paragraph


def _paragraphs(text: str) -> Iterator[tuple[int, int]]:
    start = 0
    for match in PARAGRAPH_BREAK.finditer(text):
        yield start, match.start()
        start = match.end()
    yield start, len(text)


# Characters after which a quotation mark opens a quote: "(“", "—“", ":“".
OPENS_AFTER = "([{—–-:"


def _neighbours(text: str, i: int, width: int = 1) -> tuple[str, str]:
    """The characters just before and just after the mark at ``i`` (a space at either end)."""
    return (text[i - 1] if i > 0 else " "), (text[i + width] if i + width < len(text) else " ")


def _straight_is_opening(text: str, i: int, width: int = 1) -> bool:
    """A straight quote opens when preceded by a space, an opening bracket or the start."""
    before, after = _neighbours(text, i, width)
    if before.isspace() or before in OPENS_AFTER:
        return not after.isspace()
    return False


def _closing_typed_as_opening(text: str, i: int) -> bool:
    """'”We need a plan.”' at a line's start: a closing mark after a space or a line break and
    before a word opens a quote (a common typing slip); a true closing mark follows the words
    it ends."""
    before, after = _neighbours(text, i)
    return before.isspace() and after.isalnum()


def _opening_typed_as_closing(text: str, i: int) -> bool:
    """'…a problem for her,“ said X': an opening mark right after the words and before a space
    or the end closes the quote."""
    before, after = _neighbours(text, i)
    return not before.isspace() and before not in OPENS_AFTER and after.isspace()


def _marks(text: str, start: int, end: int) -> Iterator[tuple[int, int, bool]]:
    """Yield (offset, width, is_opening) for every double quotation mark in text[start:end]."""
    i = start
    while i < end:
        ch = text[i]
        if ch in OPENING:
            yield i, 1, not _opening_typed_as_closing(text, i)
        elif ch in CLOSING:
            yield i, 1, _closing_typed_as_opening(text, i)
        elif ch == STRAIGHT:
            yield i, 1, _straight_is_opening(text, i)
        elif text.startswith(DOUBLED_APOSTROPHE, i) and i + 2 <= end:
            yield i, 2, _straight_is_opening(text, i, 2)
            i += 1
        i += 1


def find_quotes(text: str) -> tuple[list[QuoteSpan], list[tuple[int, str]]]:
    """Return the quote spans of ``text`` and a list of (offset, problem) for unbalanced marks."""
    spans: list[QuoteSpan] = []
    problems: list[tuple[int, str]] = []
    carried = False  # the previous paragraph ended inside a quote
    for p_start, p_end in _paragraphs(text):
        open_at, open_width = None, 1
        continues = False
        first_mark = True
        for offset, width, is_opening in _marks(text, p_start, p_end):
            if is_opening:
                if open_at is not None:
                    # A second opening before a close: close the first at the sentence
                    # break before it, best effort.
                    problems.append((open_at, "quotation mark opened twice without closing"))
                    spans.append(_span(text, open_at, open_width, offset, closed=False, continues=continues))
                continues = carried and first_mark and text[p_start:offset].strip() == ""
                open_at, open_width = offset, width
            elif open_at is not None:
                spans.append(QuoteSpan(open_at + open_width, offset, open_at, offset + width, True, continues))
                open_at, continues = None, False
            else:
                problems.append((offset, "closing quotation mark without an opening one"))
            first_mark = False
        carried = open_at is not None
        if open_at is not None:
            next_start = _next_paragraph_start(text, p_end)
            if next_start is None or not opens_quote(text, next_start):
                problems.append((open_at, "quotation mark never closed"))
                carried = False
            spans.append(_span(text, open_at, open_width, p_end, closed=False, continues=continues))
    return [s for s in spans if s.end > s.start], problems


def _span(text: str, open_at: int, width: int, limit: int, *, closed: bool, continues: bool) -> QuoteSpan:
    """An unclosed quote from its opening mark (``width`` characters) to ``limit``."""
    end = limit
    while end > open_at + width and text[end - 1].isspace():
        end -= 1
    return QuoteSpan(open_at + width, end, open_at, end, closed, continues)


def opens_quote(text: str, i: int) -> bool:
    """Whether a quotation mark at ``i`` opens a quote, read as ``find_quotes`` reads it (a
    closing mark typed before a word opens one too)."""
    return any(offset == i and is_opening for offset, _, is_opening in _marks(text, i, min(len(text), i + 2)))


def _next_paragraph_start(text: str, p_end: int) -> int | None:
    i = p_end
    while i < len(text) and text[i].isspace():
        i += 1
    return i if i < len(text) else None
