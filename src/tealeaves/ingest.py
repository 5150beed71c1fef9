"""Ingest: turn files, directories and stdin into Documents, or InputErrors saying what to do.

The only stage that reads input. Text is kept exactly as decoded (no normalisation), so
character offsets found later index ``Document.text`` directly. Bad input never raises: each
problem becomes one ``InputError`` and the other inputs go on.
"""

from __future__ import annotations

import codecs
import hashlib
import json
import sys
from importlib import resources
from pathlib import Path
from typing import Any, BinaryIO, Callable, Iterable, Iterator, Optional, TextIO, Union

import charset_normalizer
import trafilatura
from lxml.etree import _Element
from trafilatura.xml import xmltotxt

from tealeaves.models import Document, InputError

EXAMPLE = "harbour-talks.txt"  # the fictional article shipped for `tealeaves demo`

Record = Union[Document, InputError]

# Wrapper elements of trafilatura's output tree; every other element is one paragraph.
_WRAPPERS = {"body", "div", "section", "article", "main"}


class _Unreadable(Exception):
    """A whole input cannot be read; the message says why and what to do."""


def read_inputs(
    paths: Iterable[Union[str, Path]],
    *,
    max_bytes: int = 20_000_000,
    stdin: Union[TextIO, BinaryIO, None] = None,
) -> Iterator[Record]:
    """Yield a Document (or an InputError) per article, in input order.

    A path may be a file, a directory (read recursively, in sorted order) or ``-`` for stdin.
    """
    for path in paths:
        if str(path) == "-":
            yield _read_stdin(stdin if stdin is not None else sys.stdin.buffer, max_bytes)
        elif Path(path).is_dir():
            yield from _read_directory(Path(path), max_bytes)
        else:
            yield from _read_file(Path(path), max_bytes)


def read_text(text: str, source: str = "<text>", **meta: Any) -> Document:
    """A Document for exactly this text; ``meta`` fills the other Document fields."""
    return Document(id=_content_id(text), source=source, text=text, **meta)


def _content_id(text: str) -> str:
    """The stable id of a text: the first 16 hex digits of the SHA-256 of its UTF-8 bytes."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _read_stdin(stream: Union[TextIO, BinaryIO], max_bytes: int) -> Record:
    """Standard input, read as one plain-text article."""
    data = stream.read()
    size = len(data) if isinstance(data, bytes) else len(data.encode("utf-8"))
    try:
        if size > max_bytes:
            raise _Unreadable(_too_large(size, max_bytes))
        return read_text(_nonblank(data if isinstance(data, str) else _decode(data)), "<stdin>")
    except _Unreadable as problem:
        return InputError("<stdin>", str(problem))


def _read_directory(directory: Path, max_bytes: int) -> Iterator[Record]:
    """Every file of a known kind under ``directory``, hidden ones skipped, in sorted order."""
    files = sorted(
        (
            path
            for path in directory.rglob("*")
            if path.suffix.lower() in _PARSERS
            and path.is_file()
            and not any(part.startswith(".") for part in path.relative_to(directory).parts)
        ),
        key=lambda path: path.relative_to(directory).parts,
    )
    if not files:
        kinds = ", ".join(sorted(_PARSERS))
        yield InputError(str(directory), f"no readable files ({kinds}) found: check the folder")
    for path in files:
        yield from _read_file(path, max_bytes)


def _read_file(path: Path, max_bytes: int) -> Iterator[Record]:
    """The articles of one file, parsed by its extension (unknown ones are plain text)."""
    try:
        text = _nonblank(_decode(_load(path, max_bytes)))
        yield from _PARSERS.get(path.suffix.lower(), _parse_text)(text, str(path))
    except _Unreadable as problem:
        yield InputError(str(path), str(problem))


def _load(path: Path, max_bytes: int) -> bytes:
    """The file's bytes, refusing files over ``max_bytes`` before reading them."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise _Unreadable(_too_large(size, max_bytes))
        return path.read_bytes()
    except FileNotFoundError:
        raise _Unreadable("no such file or directory: check the path") from None
    except PermissionError:
        raise _Unreadable("permission denied: make the file readable or copy it") from None
    except (OSError, ValueError) as error:  # ValueError: a NUL byte in the path
        raise _Unreadable(f"cannot read it ({error}): check the path") from None


def _decode(data: bytes) -> str:
    """Bytes as text: UTF-8 (BOM dropped) or UTF-16 with a BOM, else the detected encoding."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass  # not really UTF-16: the NUL check below names the problem
    if b"\0" in data:
        raise _Unreadable("looks binary (NUL bytes): give a text, HTML or JSONL file")
    try:
        return data.removeprefix(codecs.BOM_UTF8).decode("utf-8")
    except UnicodeDecodeError:
        best = charset_normalizer.from_bytes(data).best()
    if best is None:
        raise _Unreadable("cannot tell its text encoding: save it as UTF-8")
    return str(best)


def _nonblank(text: str) -> str:
    """The text itself, unless it is empty or only whitespace."""
    if not text.strip():
        raise _Unreadable("file is empty: nothing to analyse")
    return text


def _too_large(size: int, limit: int) -> str:
    return f"larger than the {_size(limit)} limit ({_size(size)}): split it or raise --max-bytes"


def _size(size: int) -> str:
    """A byte count for people: '512 bytes', '2.5 KB', '52.1 MB'."""
    for unit, scale in (("MB", 1_000_000), ("KB", 1_000)):
        if size >= scale:
            return f"{size / scale:.1f}".removesuffix(".0") + " " + unit
    return f"{size} bytes"


def _parse_text(text: str, source: str) -> Iterator[Record]:
    """A plain-text (or Markdown) file is one article, kept as is."""
    yield read_text(text, source)


def _parse_html(text: str, source: str) -> Iterator[Record]:
    """The main text of an HTML page, extracted offline by trafilatura, with its metadata."""
    try:
        page = trafilatura.bare_extraction(text, with_metadata=True, include_comments=False)
    except Exception as error:  # a third-party parser on untrusted input: report, never crash
        raise _Unreadable(f"HTML could not be parsed ({error}): save the article as .txt") from None
    has_body = page is not None and page.body is not None
    body = "\n\n".join(_paragraphs(page.body)) if has_body else ""
    if not body:
        raise _Unreadable("HTML has no extractable main text: save the article text as .txt")
    yield read_text(
        body, source, title=page.title, published=page.date, author=page.author,
        outlet=page.sitename, url=page.url,
    )


def _paragraphs(element: _Element) -> Iterator[str]:
    """Paragraph texts of trafilatura's output tree, looking inside pure wrapper elements.

    trafilatura's own text output joins paragraphs with single newlines (as it does line
    breaks); converting each block separately keeps paragraphs apart with blank lines.
    """
    loose_text = (element.text or "").strip() or any((c.tail or "").strip() for c in element)
    if element.tag in _WRAPPERS and len(element) and not loose_text:
        for child in element:
            yield from _paragraphs(child)
    elif paragraph := xmltotxt(element, include_formatting=False).strip():
        yield paragraph


def _parse_jsonl(text: str, source: str) -> Iterator[Record]:
    """One article per non-blank line; a bad line is reported and the others go on."""
    # split("\n"), not splitlines(): a JSON string may hold a raw U+2028 line separator.
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            message = f"line {number}: not valid JSON ({error.msg}): fix or remove the line"
            yield InputError(source, message, number)
            continue
        yield _from_record(record, source, where=f"line {number}", line=number)


def _parse_json(text: str, source: str) -> Iterator[Record]:
    """One article object, or a list of them."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        message = f"not valid JSON ({error.msg} at line {error.lineno}): fix the file"
        yield InputError(source, message, error.lineno)
        return
    if not isinstance(data, list):
        yield _from_record(data, source)
        return
    if not data:
        raise _Unreadable("the JSON list is empty: nothing to analyse")
    for number, record in enumerate(data, start=1):
        yield _from_record(record, source, where=f"item {number}")


def _from_record(
    record: Any, source: str, *, where: str = "", line: Optional[int] = None
) -> Record:
    """An article object as a Document; metadata may also sit in a nested 'meta' (PolNeAR)."""
    prefix = f"{where}: " if where else ""
    if not isinstance(record, dict):
        message = "not a JSON object: give an object with the article text under 'text'"
        return InputError(source, prefix + message, line)
    text = record.get("text")
    if not isinstance(text, str):
        message = "no 'text' field: each article needs its text under 'text'"
        return InputError(source, prefix + message, line)
    if not text.strip():
        return InputError(source, f"{prefix}'text' is empty: nothing to analyse", line)
    return read_text(
        text, source, line=line,
        title=_field(record, "title"),
        published=_field(record, "published", "date", "publication_date"),
        author=_field(record, "author"),
        outlet=_field(record, "outlet", "publisher"),
        url=_field(record, "url"),
    )


def _field(record: dict[str, Any], *names: str) -> Optional[str]:
    """The first of these fields holding a non-blank string, at the top level, then in 'meta'."""
    meta = record.get("meta")
    for fields in (record, meta if isinstance(meta, dict) else {}):
        for name in names:
            value = fields.get(name)
            # PolNeAR writes a missing value as the string "None".
            if isinstance(value, str) and value.strip() and value.strip() != "None":
                return value.strip()
    return None


_PARSERS: dict[str, Callable[[str, str], Iterator[Record]]] = {
    ".txt": _parse_text,
    ".md": _parse_text,
    ".html": _parse_html,
    ".htm": _parse_html,
    ".jsonl": _parse_jsonl,
    ".json": _parse_json,
}


def example_path() -> Path:
    """The bundled example article (a fictional wire report written for tealeaves)."""
    return Path(str(resources.files("tealeaves").joinpath("examples", EXAMPLE)))
