"""Ingest: turn files, directories and stdin into Documents, or InputErrors saying what to do.

The only stage that reads input. Text is kept exactly as decoded (no normalisation), so
character offsets found later index ``Document.text`` directly. Bad input never raises: each
problem becomes one ``InputError`` and the other inputs go on.
"""

from __future__ import annotations

import codecs
import csv
import dataclasses
import functools
import hashlib
import io
import json
import os
import re
import stat
import sys
import time
import warnings
from importlib import resources
from pathlib import Path
from typing import Any, BinaryIO, Callable, Iterable, Iterator, NamedTuple, Optional, TextIO, Union

import charset_normalizer
import lxml.etree
import lxml.html
from lxml.etree import _Element

from tealeaves.io.markup import shallow
from tealeaves.io.metadata import (
    MetadataError,
    has_article,
    is_sidecar,
    read_sidecar,
    sidecar_for,
    split_front_matter,
)
from tealeaves.models import Document, InputError

EXAMPLE = "harbour-talks.txt"  # the fictional article shipped for `tealeaves demo`

Record = Union[Document, InputError]
# Told of each file a folder holds that is not read (its path, and why), instead of a silence.
OnSkip = Callable[[str, str], None]

# Wrapper elements of trafilatura's output tree; every other element is one paragraph.
_WRAPPERS = {"body", "div", "section", "article", "main"}

# spaCy refuses longer texts (Language.max_length): refuse them here, with a clear message.
MAX_CHARS = 1_000_000

# Lone UTF-16 surrogates (from "\ud800" in JSON, or undecodable file names) cannot be written
# as UTF-8: each becomes U+FFFD, one character for one, so offsets stay the same.
_SURROGATE = re.compile("[\ud800-\udfff]")

_DOCUMENT_FIELDS = {field.name for field in dataclasses.fields(Document)}


class Decoded(NamedTuple):
    """Text decoded from bytes, and the encoding it was read in (the guess, when detected)."""

    text: str
    encoding: str


class _Unreadable(Exception):
    """A whole input cannot be read; the message says why and what to do."""


def read_inputs(
    paths: Iterable[Union[str, Path]],
    *,
    max_bytes: int = 20_000_000,
    stdin: Union[TextIO, BinaryIO, None] = None,
    pages_anywhere: bool = False,
    on_skip: Optional[OnSkip] = None,
) -> Iterator[Record]:
    """Yield a Document (or an InputError) per article, in input order.

    A path may be a file, a directory (read recursively, in sorted order) or ``-`` for stdin.
    The saved pages a URL list (.csv) names must lie inside its folder, unless ``pages_anywhere``.
    Each file of a folder that is not read is passed to ``on_skip`` with the reason (by default
    it is a Python warning), so that none is left out unsaid.
    """
    for path in paths:
        if str(path) == "-":
            yield _read_stdin(stdin if stdin is not None else sys.stdin.buffer, max_bytes)
        elif Path(path).is_dir():
            yield from _read_directory(Path(path), max_bytes, on_skip or _warn_skipped)
        else:
            yield from _read_file(Path(path), max_bytes, pages_anywhere)


def read_text(text: str, source: str = "<text>", **meta: Any) -> Document:
    """A Document for exactly this text; ``meta`` fills the other Document fields."""
    return Document(id=_content_id(text), source=source, text=text, **meta)


def _content_id(text: str) -> str:
    """The stable id of a text: the first 16 hex digits of the SHA-256 of its UTF-8 bytes."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _read_stdin(stream: Union[TextIO, BinaryIO], max_bytes: int) -> Record:
    """Standard input, read as one plain-text article; never more than the limit is held."""
    data = stream.read(max_bytes + 1)  # characters of a text stream: never more than its bytes
    try:
        size = len(data.encode("utf-8", "surrogatepass")) if isinstance(data, str) else len(data)
        if size > max_bytes:
            raise _Unreadable(_too_large(max_bytes))
        if isinstance(data, str):
            decoded = Decoded(_clean(data), getattr(stream, "encoding", None) or "utf-8")
        else:
            decoded = decode(data)
        return _with_encoding(read_text(_checked(decoded.text), "<stdin>"), decoded.encoding)
    except _Unreadable as problem:
        return InputError("<stdin>", str(problem))


def _warn_skipped(source: str, reason: str) -> None:
    warnings.warn(f"{source}: skipped: {reason}", stacklevel=2)


def _read_directory(directory: Path, max_bytes: int, on_skip: OnSkip) -> Iterator[Record]:
    """Every file of a known kind under ``directory``, in sorted order; each other entry (a
    hidden one, a metadata file, a file of another kind) is named to ``on_skip`` with why.

    An entry of a known kind that is not a regular file (a broken link, a pipe, a socket) is
    reported rather than skipped: the user expected it to be read.
    """
    files = []
    for path in sorted(directory.rglob("*"), key=lambda path: path.relative_to(directory).parts):
        parts = path.relative_to(directory).parts
        if any(part.startswith(".") for part in parts):
            if parts[-1].startswith(".") and not any(part.startswith(".") for part in parts[:-1]):
                on_skip(_display(path), "hidden (its name starts with a dot): rename it to have it read")
        elif path.is_dir():
            continue
        elif is_sidecar(path):
            if not has_article(path):
                on_skip(_display(path), "a metadata file with no article of the same name beside it")
        elif path.suffix.lower() in _PARSERS:
            files.append(path)
        else:
            on_skip(_display(path), _not_read_reason(path))
    if not files:
        kinds = ", ".join(sorted(_PARSERS))
        yield InputError(_display(directory), f"no readable files ({kinds}) found: check the folder")
    for path in files:
        yield from _read_file(path, max_bytes)


def _not_read_reason(path: Path) -> str:
    """Why a folder's file of an unknown kind is not read, and how to have it read."""
    if path.suffix.lower() == URL_LIST_SUFFIX:
        return "a CSV file (a URL list is read only when named): name it to read it as a URL list"
    kinds = ", ".join(sorted(_PARSERS))
    return f"not a kind read from folders ({kinds}): name the file to read it as plain text"


def _display(path: Path) -> str:
    """A path as text that can always be printed: undecodable bytes of a file name become
    backslash escapes (\\xe9) instead of lone surrogates that no UTF-8 output accepts."""
    name = str(path)
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _read_file(path: Path, max_bytes: int, pages_anywhere: bool = False) -> Iterator[Record]:
    """The articles of one file, parsed by its extension (unknown ones are plain text) or, for
    an RSS or Atom feed, by its content; a one-article file takes the metadata of its sidecar."""
    source = _display(path)
    suffix = path.suffix.lower()
    try:
        decoded = decode(_load(path, max_bytes), nul_ok=suffix == ".jsonl")
        if not decoded.text.strip():
            raise _Unreadable("file is empty: nothing to analyse")
        parse = _PARSERS.get(suffix, _parse_text)
        if suffix == URL_LIST_SUFFIX:
            parse = functools.partial(_parse_url_list, folder=path.parent, pages_anywhere=pages_anywhere)
        elif suffix not in _STRUCTURED and is_feed(decoded.text):
            parse = _parse_feed
        metadata: dict[str, Any] = _sidecar_metadata(path) if parse in (_parse_text, _parse_html) else {}
        for record in parse(decoded.text, source):
            if isinstance(record, Document) and metadata:
                record = dataclasses.replace(record, **metadata)
            yield _with_encoding(record, decoded.encoding)
    except _Unreadable as problem:
        yield InputError(source, str(problem))


def _sidecar_metadata(path: Path) -> dict[str, str]:
    """The fields of the article's sidecar file, if it has one."""
    sidecar = sidecar_for(path)
    if sidecar is None:
        return {}
    try:
        return read_sidecar(sidecar)
    except MetadataError as problem:
        raise _Unreadable(f"its metadata file {_display(sidecar)}: {problem}") from None


# The root element of an RSS 2.0, Atom or RSS 1.0 (RDF) feed, after any XML declaration,
# processing instructions, comments and doctype.
_FEED_ROOT = re.compile(r"\A\s*(?:<\?[^>]*>\s*|<!--.*?-->\s*|<!DOCTYPE[^>]*>\s*)*<(?:rss|feed|rdf:RDF)[\s>/]",
                        re.DOTALL | re.IGNORECASE)
FEED_SNIFF_CHARS = 4096


def is_feed(text: str) -> bool:
    """Whether the text is an RSS or Atom feed, whatever its file is called."""
    return bool(_FEED_ROOT.match(text[:FEED_SNIFF_CHARS]))


def _load(path: Path, max_bytes: int) -> bytes:
    """The bytes of a regular file, never more than ``max_bytes``, its size checked before
    it is opened. Anything else is refused unopened: opening a named pipe waits for a writer
    for ever, and a device may never end."""
    try:
        status = path.stat()
        _refuse_unless_regular(path, status)
        if status.st_size > max_bytes:
            raise _Unreadable(_too_large(max_bytes, status.st_size))
        with _open_regular(path) as stream:
            data = stream.read(max_bytes + 1)  # /proc files say 0 bytes: read up to the limit
        if len(data) > max_bytes:
            raise _Unreadable(_too_large(max_bytes))
        return data
    except FileNotFoundError:
        if path.is_symlink():
            raise _Unreadable("broken symbolic link (its target is missing): fix or remove the link") from None
        raise _Unreadable("no such file or directory: check the path") from None
    except PermissionError:
        raise _Unreadable("permission denied: make the file readable or copy it") from None
    except (OSError, ValueError) as error:  # ValueError: a NUL byte in the path
        raise _Unreadable(f"cannot read it ({error}): check the path") from None


def _open_regular(path: Path) -> BinaryIO:
    """The file opened for reading, if it is still a regular file: opened without waiting
    (O_NONBLOCK), so a pipe put in its place since it was checked cannot hang the read."""
    descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    stream = open(descriptor, "rb")
    try:
        _refuse_unless_regular(path, os.fstat(descriptor))
    except _Unreadable:
        stream.close()
        raise
    return stream


# What a file that is not a regular one is, by the type bits of its mode.
_SPECIAL_KINDS = ((stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISSOCK, "a socket"),
                  (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
                  (stat.S_ISDIR, "a folder"))


def _refuse_unless_regular(path: Path, status: os.stat_result) -> None:
    """Refuse what is not a regular file, saying what it is and what to do instead."""
    if stat.S_ISREG(status.st_mode):
        return
    kind = next((name for is_kind, name in _SPECIAL_KINDS if is_kind(status.st_mode)), "a special file")
    via = " (through a symbolic link)" if path.is_symlink() else ""
    raise _Unreadable(f"{kind}{via}, not a regular file: save the article in a file, or pipe it "
                      "to standard input and give - as the path")


def decode(data: bytes, *, nul_ok: bool = False) -> Decoded:
    """Bytes as text: UTF-8 (BOM dropped) or UTF-16 with a BOM, else the encoding that
    charset-normalizer guesses (cp1251, cp1252...), recorded with the text.

    NUL bytes mark binary data, unless ``nul_ok`` and the data is UTF-8: in JSONL one bad
    line must not cost the others. Binary or undecodable data raises the reader's error,
    whose message says what to do.
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return Decoded(_clean(data.decode("utf-16")), "utf-16")
        except UnicodeDecodeError:
            pass  # not really UTF-16: the NUL check below names the problem
    encoding = "utf-8-sig" if data.startswith(codecs.BOM_UTF8) else "utf-8"
    data = data.removeprefix(codecs.BOM_UTF8)
    try:
        text: Optional[str] = data.decode("utf-8")
    except UnicodeDecodeError:
        text = None
    if b"\0" in data and not (nul_ok and text is not None):
        raise _Unreadable("looks binary (NUL bytes): give a text, HTML or JSONL file")
    if text is not None:
        return Decoded(text, encoding)
    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        raise _Unreadable("cannot tell its text encoding: save it as UTF-8")
    return Decoded(_clean(str(best)), best.encoding)


def _checked(text: str) -> str:
    """The text itself, unless it is blank or too long for the parser."""
    if not text.strip():
        raise _Unreadable("file is empty: nothing to analyse")
    if len(text) > MAX_CHARS:
        raise _Unreadable(_too_long(text))
    return text


def _too_long(text: str) -> str:
    return (f"{len(text):,} characters, over the parser's {MAX_CHARS:,}-character limit: "
            "split it into articles")


def _clean(text: str) -> str:
    """The text with each lone surrogate replaced by U+FFFD (same length, same offsets)."""
    return _SURROGATE.sub("\ufffd", text)


def _with_encoding(record: Record, encoding: str) -> Record:
    """Record the encoding a Document was read in, once ``models.Document`` has the field."""
    if isinstance(record, Document) and "encoding" in _DOCUMENT_FIELDS:
        return dataclasses.replace(record, encoding=encoding)
    return record


def _too_large(limit: int, size: Optional[int] = None) -> str:
    """Over the limit; ``size`` is unknown for a stream, which is read only up to the limit."""
    known = f" ({_size(size)})" if size is not None else ""
    return f"larger than the {_size(limit)} limit{known}: split it or raise --max-bytes"


def _size(size: int) -> str:
    """A byte count for people: '512 bytes', '2.5 KB', '52.1 MB'."""
    for unit, scale in (("MB", 1_000_000), ("KB", 1_000)):
        if size >= scale:
            return f"{size / scale:.1f}".removesuffix(".0") + " " + unit
    return f"{size} bytes"


def _parse_text(text: str, source: str) -> Iterator[Record]:
    """A plain-text (or Markdown) file is one article, kept as is after any front matter."""
    metadata, body = split_front_matter(text, source)
    yield read_text(_checked(body), source, **metadata)


def _parse_xml(text: str, source: str) -> Iterator[Record]:
    """An XML file that is not a feed (feeds are recognised before this is called)."""
    raise _Unreadable("XML but not an RSS or Atom feed: give a feed, or save the article as .txt or .html")
    yield  # a generator, like the other parsers


def _parse_html(text: str, source: str) -> Iterator[Document]:
    """The main text of an HTML page, extracted offline by trafilatura, with its metadata
    (imported here: it is a quarter of a second of every command's start, HTML or not)."""
    import trafilatura
    from trafilatura.settings import Document as Page

    try:
        page = trafilatura.bare_extraction(shallow(text), with_metadata=True, include_comments=False)
    except Exception as error:  # a third-party parser on untrusted input: report, never crash
        raise _Unreadable(f"HTML could not be parsed ({error}): save the article as .txt") from None
    if not isinstance(page, Page):  # None: nothing found (a dict only when asked for one)
        raise _Unreadable("HTML has no extractable main text: save the article text as .txt")
    body = "\n\n".join(_paragraphs(page.body)) if page.body is not None else ""
    if not body:
        raise _Unreadable("HTML has no extractable main text: save the article text as .txt")
    yield read_text(
        _checked(body), source, title=page.title, published=page.date, author=page.author,
        outlet=page.sitename, url=page.url,
    )


def _paragraphs(element: _Element) -> Iterator[str]:
    """Paragraph texts of trafilatura's output tree, looking inside pure wrapper elements.

    trafilatura's own text output joins paragraphs with single newlines (as it does line
    breaks); converting each block separately keeps paragraphs apart with blank lines.
    """
    from trafilatura.xml import xmltotxt

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
        if line.strip():
            yield jsonl_record(line, source, number)


def jsonl_record(line: str, source: str, number: int) -> Record:
    """One JSONL line as a Document, or an InputError that names the line and what to do."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        return InputError(source, f"line {number}: not valid JSON ({error.msg}): fix or remove the line", number)
    except (ValueError, RecursionError) as error:  # a 5,000-digit number, [[[[... nesting
        return InputError(source, f"line {number}: {_json_limit(error)}: fix or remove the line", number)
    return from_record(record, source, where=f"line {number}", line=number)


def _parse_json(text: str, source: str) -> Iterator[Record]:
    """One article object, or a list of them."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        message = f"not valid JSON ({error.msg} at line {error.lineno}): fix the file"
        yield InputError(source, message, error.lineno)
        return
    except (ValueError, RecursionError) as error:
        raise _Unreadable(f"{_json_limit(error)}: fix the file") from None
    if not isinstance(data, list):
        yield from_record(data, source)
        return
    if not data:
        raise _Unreadable("the JSON list is empty: nothing to analyse")
    for number, record in enumerate(data, start=1):
        yield from_record(record, source, where=f"item {number}")


def _json_limit(error: Exception) -> str:
    """Valid JSON syntax that Python will not load: too deeply nested, or a huge number."""
    if isinstance(error, RecursionError):
        return "JSON nested too deeply to read"
    return "JSON holds a number too long to read (thousands of digits)"


def from_record(
    record: Any, source: str, *, where: str = "", line: Optional[int] = None
) -> Record:
    """An article object as a Document; metadata may also sit in a nested 'meta' (PolNeAR)."""
    prefix = f"{where}: " if where else ""
    if not isinstance(record, dict):
        message = "not a JSON object: give an object with the article text under 'text'"
        return InputError(source, prefix + message, line)
    text = record.get("text")
    if not isinstance(text, str) and isinstance(record.get("html"), str):
        return _from_saved_html(record, source, prefix, line)
    if not isinstance(text, str):
        message = "no 'text' field: each article needs its text under 'text'"
        return InputError(source, prefix + message, line)
    if not text.strip():
        return InputError(source, f"{prefix}'text' is empty: nothing to analyse", line)
    if len(text) > MAX_CHARS:
        return InputError(source, prefix + _too_long(text), line)
    return read_text(
        _clean(text), source, line=line,
        title=_field(record, "title"),
        published=_field(record, "published", "date", "publication_date"),
        author=_field(record, "author"),
        outlet=_field(record, "outlet", "publisher"),
        url=_field(record, "url"),
    )


def _from_saved_html(record: dict[str, Any], source: str, prefix: str, line: Optional[int]) -> Record:
    """A URL-list record with the page saved under 'html': its main text, metadata and URL."""
    try:
        document = next(_parse_html(record["html"], source))
    except _Unreadable as problem:
        return InputError(source, prefix + str(problem), line)
    return dataclasses.replace(document, line=line, url=_field(record, "url") or document.url,
                               title=_field(record, "title") or document.title)


def _field(record: dict[str, Any], *names: str) -> Optional[str]:
    """The first of these fields holding a non-blank string, at the top level, then in 'meta'."""
    meta = record.get("meta")
    for fields in (record, meta if isinstance(meta, dict) else {}):
        for name in names:
            value = fields.get(name)
            # PolNeAR writes a missing value as the string "None".
            if isinstance(value, str) and value.strip() and value.strip() != "None":
                return _clean(value.strip())
    return None


def _parse_feed(text: str, source: str) -> Iterator[Record]:
    """An RSS or Atom feed (parsed by feedparser): one article per entry, with its metadata."""
    import feedparser

    feed = feedparser.parse(text)
    if not feed.entries:
        raise _Unreadable("no feed entries found: give an RSS or Atom feed file")
    outlet = feed.feed.get("title")
    for number, entry in enumerate(feed.entries, start=1):
        body = _feed_entry_text(entry)
        if not body:
            yield InputError(source, f"entry {number}: no text (content or summary): nothing to analyse", number)
            continue
        parsed = entry.get("published_parsed") or entry.get("updated_parsed")
        published = time.strftime("%Y-%m-%dT%H:%M:%S", parsed) if parsed else entry.get("published")
        yield read_text(body, source, title=entry.get("title"), published=published, author=entry.get("author"),
                        outlet=outlet, url=entry.get("link"), line=number)


def _feed_entry_text(entry: Any) -> str:
    """A feed entry's content (or summary) as plain text: HTML one paragraph per block,
    plain text (Atom type="text") as written, paragraphs kept apart."""
    detail = entry.content[0] if entry.get("content") else entry.get("summary_detail") or {}
    markup = detail.get("value") or entry.get("summary") or ""
    if not markup.strip():
        return ""
    if detail.get("type") == "text/plain":
        return "\n\n".join(" ".join(p.split()) for p in re.split(r"\n\s*\n", markup) if p.strip())
    return _html_text(markup)


def _html_text(markup: str) -> str:
    """The text of an HTML fragment, one paragraph per block; any markup (a stray <html>,
    a lone comment) parses, inside a wrapper that lxml's fragment parser would refuse."""
    root = lxml.html.document_fromstring(shallow(f"<html><body><div>{markup}</div></body></html>")).body
    blocks = [" ".join(block.text_content().split()) for block in root.iter("p", "li", "h1", "h2", "h3", "blockquote")]
    return "\n\n".join(b for b in blocks if b) or " ".join(root.text_content().split())


URL_LIST_FILES = ("file", "path", "html_file", "saved")  # columns naming a saved page, tried in order
SAVED_PAGE_BYTES = 20_000_000


def _parse_url_list(text: str, source: str, folder: Path, pages_anywhere: bool) -> Iterator[Record]:
    """A CSV list of URLs, each with its page saved beforehand: a file under 'file' (relative
    to the CSV's ``folder``) or the HTML itself under 'html'. URLs are never fetched."""
    rows = csv.DictReader(io.StringIO(text, newline=""))  # not splitlines(): it splits at \f, \x1c, U+2028...
    columns = {name.strip().lower() for name in rows.fieldnames or () if name}
    if "url" not in columns or not columns & {"html", *URL_LIST_FILES}:
        raise _Unreadable("a URL list needs a header with 'url' and 'file' (a saved page) or 'html' columns")
    for row in rows:
        record = {(key or "").strip().lower(): value for key, value in row.items() if isinstance(value, str)}
        yield _url_list_row(record, source, rows.line_num, folder, pages_anywhere)


def _url_list_row(record: dict[str, str], source: str, line: int, folder: Path, pages_anywhere: bool) -> Record:
    """One URL of a list, as the Document of its saved page, or an InputError saying what to do."""
    prefix = f"row {line}: "
    saved = next((record[name].strip() for name in URL_LIST_FILES if (record.get(name) or "").strip()), "")
    if saved and not (record.get("html") or "").strip():
        try:
            page = folder / saved if pages_anywhere else _inside(folder, saved)
            record["html"] = decode(_load(page, SAVED_PAGE_BYTES)).text
        except _Unreadable as problem:
            return InputError(source, f"{prefix}saved page {saved}: {problem}", line)
    if not (record.get("html") or "").strip():
        url = record.get("url") or "(no url)"
        return InputError(source, f"{prefix}no saved page for {url}: tealeaves never fetches URLs; "
                          "save the page and name its file under 'file'", line)
    return _from_saved_html(record, source, prefix, line)


def _inside(folder: Path, name: str) -> Path:
    """The saved page ``name`` of a URL list in ``folder``, resolved, if it lies inside that
    folder. A list is data, often someone else's: its rows must not make tealeaves read, and
    store, /etc/passwd or ../../private.html. Links are resolved before the check."""
    advice = f"keep saved pages in the list's folder ({_display(folder)}) or give --pages-anywhere if you trust the list"
    if Path(name).is_absolute():
        raise _Unreadable(f"an absolute path, outside the list's folder: {advice}")
    base = os.path.abspath(folder)
    named = os.path.normpath(os.path.join(base, name))
    if os.path.commonpath([base, named]) != base:
        raise _Unreadable(f"its '..' leads outside the list's folder: {advice}")
    try:
        home, page = os.path.realpath(base), os.path.realpath(named)
    except (OSError, ValueError) as error:  # ValueError: a NUL byte in the name
        raise _Unreadable(f"cannot read it ({error}): check the path") from None
    if os.path.commonpath([home, page]) != home:
        raise _Unreadable(f"a symbolic link leads outside the list's folder: {advice}")
    return Path(page)


_PARSERS: dict[str, Callable[[str, str], Iterator[Record]]] = {
    ".txt": _parse_text,
    ".md": _parse_text,
    ".html": _parse_html,
    ".htm": _parse_html,
    ".jsonl": _parse_jsonl,
    ".json": _parse_json,
    ".rss": _parse_feed,
    ".atom": _parse_feed,
    ".xml": _parse_xml,
}
# URL lists are read when named, never picked up from a folder: a folder's CSV files are mostly
# data tables.
URL_LIST_SUFFIX = ".csv"
_STRUCTURED = {".json", ".jsonl", URL_LIST_SUFFIX}  # never sniffed for a feed


def example_path() -> Path:
    """The bundled example article (a fictional wire report written for tealeaves)."""
    return Path(str(resources.files("tealeaves").joinpath("examples", EXAMPLE)))
