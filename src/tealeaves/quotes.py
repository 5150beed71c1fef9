"""Find quotation-mark spans in raw text: curly or straight, across sentences and paragraphs.

Works on characters, before any parse, so offsets are exact. Journalistic convention is
honoured: a quote left open at a paragraph's end continues when the next paragraph opens
with a quotation mark. An unbalanced mark yields a warning and a best-effort span.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

OPENING = "“«„"
CLOSING = "”»‟"
STRAIGHT = '"'
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


def _straight_is_opening(text: str, i: int) -> bool:
    """A straight quote opens when preceded by a space, an opening bracket or the start."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if before.isspace() or before in "([{—–-:":
        return not after.isspace()
    return False


def _marks(text: str, start: int, end: int) -> Iterator[tuple[int, bool]]:
    """Yield (offset, is_opening) for every double quotation mark in text[start:end]."""
    for i in range(start, end):
        ch = text[i]
        if ch in OPENING:
            yield i, True
        elif ch in CLOSING:
            yield i, False
        elif ch == STRAIGHT:
            yield i, _straight_is_opening(text, i)


def find_quotes(text: str) -> tuple[list[QuoteSpan], list[tuple[int, str]]]:
    """Return the quote spans of ``text`` and a list of (offset, problem) for unbalanced marks."""
    spans: list[QuoteSpan] = []
    problems: list[tuple[int, str]] = []
    carried = False  # the previous paragraph ended inside a quote
    for p_start, p_end in _paragraphs(text):
        open_at = None
        continues = False
        first_mark = True
        for offset, is_opening in _marks(text, p_start, p_end):
            if is_opening:
                if open_at is not None:
                    # A second opening before a close: close the first at the sentence
                    # break before it, best effort.
                    problems.append((open_at, "quotation mark opened twice without closing"))
                    spans.append(_span(text, open_at, offset, closed=False, continues=continues))
                continues = carried and first_mark and text[p_start:offset].strip() == ""
                open_at = offset
            elif open_at is not None:
                spans.append(QuoteSpan(open_at + 1, offset, open_at, offset + 1, True, continues))
                open_at, continues = None, False
            else:
                problems.append((offset, "closing quotation mark without an opening one"))
            first_mark = False
        carried = open_at is not None
        if open_at is not None:
            next_start = _next_paragraph_start(text, p_end)
            if next_start is None or text[next_start : next_start + 1] not in OPENING + STRAIGHT:
                problems.append((open_at, "quotation mark never closed"))
                carried = False
            spans.append(_span(text, open_at, p_end, closed=False, continues=continues))
    return [s for s in spans if s.end > s.start], problems


def _span(text: str, open_at: int, limit: int, *, closed: bool, continues: bool) -> QuoteSpan:
    end = limit
    while end > open_at + 1 and text[end - 1].isspace():
        end -= 1
    return QuoteSpan(open_at + 1, end, open_at, end, closed, continues)


def _next_paragraph_start(text: str, p_end: int) -> int | None:
    i = p_end
    while i < len(text) and text[i].isspace():
        i += 1
    return i if i < len(text) else None
