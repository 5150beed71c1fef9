"""Markup nested deeper than lxml parses, rewritten shallow enough that no text is lost."""

from __future__ import annotations

import collections
import html
import html.parser
from typing import Optional

import lxml.etree


def shallow(markup: str) -> str:
    """The markup itself, or, when it nests elements deeper than lxml parses (256 levels: the
    rest of the page is dropped without a word), the same markup with the deepest tags left
    out (``_Flattener``), so that no text is lost."""
    parser = lxml.etree.HTMLParser(encoding="utf-8")  # bytes: a page may declare another encoding
    lxml.etree.fromstring(markup.encode("utf-8", "replace"), parser)
    if not any("depth" in error.message.lower() for error in parser.error_log):
        return markup
    flattener = _Flattener()
    flattener.feed(markup)
    flattener.close()
    return "".join(flattener.pieces)


class _Flattener(html.parser.HTMLParser):
    """Markup rewritten with its elements nested at most ``_KEPT_DEPTH`` deep: beyond, only
    paragraph elements keep their tags (up to ``_PARAGRAPH_DEPTH``); all text is kept. The
    standard library's parser reads any depth, as it builds no tree. Comments and processing
    instructions are left out, as trafilatura drops them anyway."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.pieces: list[str] = []
        self.open: list[tuple[str, bool]] = []  # each open element, and whether its tags are kept
        self.open_names: collections.Counter[str] = collections.Counter()
        self.kept = 0  # open elements whose tags are kept

    def handle_starttag(self, tag: str, attrs: list[tuple[str, Optional[str]]]) -> None:
        keep = self._room_for(tag)
        if keep:
            self.pieces.append(_start_tag(tag, attrs))
        if tag not in _VOID_ELEMENTS:
            self.open.append((tag, keep))
            self.open_names[tag] += 1
            self.kept += keep

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, Optional[str]]]) -> None:
        if self._room_for(tag):
            self.pieces.append(_start_tag(tag, attrs))

    def handle_endtag(self, tag: str) -> None:
        """Close the innermost open element of this name, and any left open inside it."""
        if not self.open_names[tag]:
            return  # a stray end tag: lxml would ignore it too
        while self.open:
            name, kept = self.open.pop()
            self.open_names[name] -= 1
            self.kept -= kept
            if kept:
                self.pieces.append(f"</{name}>")
            if name == tag:
                return

    def handle_data(self, data: str) -> None:
        self.pieces.append(html.escape(data, quote=False))

    def handle_decl(self, decl: str) -> None:
        self.pieces.append(f"<!{decl}>")

    def _room_for(self, tag: str) -> bool:
        return self.kept < _KEPT_DEPTH or (tag in _PARAGRAPH_TAGS and self.kept < _PARAGRAPH_DEPTH)


_KEPT_DEPTH = 100  # elements kept whatever they are; lxml stops at 256
_PARAGRAPH_DEPTH = 200  # paragraph elements kept beyond, so paragraphs stay apart
_PARAGRAPH_TAGS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "br"}
_VOID_ELEMENTS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
                  "track", "wbr"}


def _start_tag(tag: str, attrs: list[tuple[str, Optional[str]]]) -> str:
    """A start tag written back, its attribute values escaped."""
    written = "".join(f' {name}="{html.escape(value)}"' if value is not None else f" {name}" for name, value in attrs)
    return f"<{tag}{written}>"
