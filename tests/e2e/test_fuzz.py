"""Property-based fuzzing of every reader and of the pipeline (issue 6).

Generated inputs mix quotation marks of every kind (nested, unbalanced, runs of them),
speech words, emoji, right-to-left and mixed scripts, NUL and control characters, blank
lines and long lines. Properties: readers never raise (bad input becomes an InputError),
every span gives its text back, offsets stay inside the document, ids are unique and the
output round-trips. Each test runs a few examples by default and many more when marked
slow; hypothesis is derandomized and keeps no database, so CI runs are reproducible.
"""

from __future__ import annotations

import collections
import contextlib
import io
import json
import os
import re
import shutil
import socket
import string
import tempfile
import threading
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from figure_line import print_figures
from tealeaves import tables
from tealeaves.io.readers import read_inputs, read_text
from tealeaves.models import Document, DocumentResult, InputError, Result, Span
from tealeaves.nlp.model import MAX_RUN, MAX_WORD, parse_text
from tealeaves.nlp.quotes import find_quotes
from tealeaves.pipeline import analyze_documents
from tealeaves.sinks.output import FORMATS, write

FUZZ = settings(
    derandomize=True, database=None, deadline=None, print_blob=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                           HealthCheck.data_too_large],
)
# (examples of a reader test, examples of a pipeline test): quick by default, many when slow
RUNS = [
    pytest.param((60, 25), id="quick"),
    pytest.param((1500, 400), id="thorough", marks=pytest.mark.slow),
]

QUOTE_MARKS = ['"', "'", "“", "”", "‘", "’", "«", "»", "„", "‟", "‹", "›", "「", "」", "''", "``"]
WORDS = [
    "the minister", "said", "warned", "told reporters", "according to", "Peskov", "he", "she",
    "the Kremlin spokesman", "Moscow", "analysts", "we will not move", "said:", "— said", ",",
    ".", "?", "!", ":", "—", "–", "-", "(", ")", "so-called", "Washington", "the US", "NATO",
    "Jane Doe, the port minister,", "did not deny that", "if", "could",
]
ODD = [
    "\n", "\n\n", "\r\n", "\t", " ", "\u00a0", "\u2028", "\u200b", "\u200f", "\u202e",
    "\x00", "\x07", "\x1b[31m", "\ufeff", "\ufffd", "😀", "👩‍👩‍👧", "🇷🇺", "e\u0301",
    "مرحبا قال الوزير", "שלום אמר השר", "Министр заявил", "外交部发言人说", "नमस्ते", "Ελλάδα",
    "<p>", "</div>", "&amp;", "{", "}", "\\", "…", "..." * 5, "x" * 300,
]
PIECES = st.one_of(
    st.sampled_from(QUOTE_MARKS), st.sampled_from(WORDS), st.sampled_from(ODD),
    st.text(max_size=8),
)
# Article-like text: pieces joined by spaces or nothing, sometimes repeated into long lines.
ARTICLES = st.builds(
    lambda parts, glue, repeat: glue.join(parts) * repeat,
    st.lists(PIECES, max_size=40), st.sampled_from([" ", "", "\n"]), st.sampled_from([1, 1, 1, 2, 20]),
)

# Pathological sizes (issue 23): long runs of one mark, of mixed marks or of a repeated affix,
# inside article text; and floods of short quoted sentences.
RUN_UNITS = [*QUOTE_MARKS, "(", ")", ",", "-", ".", "!", "😀", "🇷🇺", "'s", "’s", "\"'", "“”", "e\u0301", "x"]
PUNCTUATION_RUNS = st.builds(
    lambda before, unit, count, after: f"{before}{unit * count}{after}",
    ARTICLES, st.sampled_from(RUN_UNITS), st.integers(min_value=50, max_value=20_000), ARTICLES,
)
SHORT_QUOTES = st.lists(
    st.builds(lambda mark, word, who, cue: f"{mark[0]}{word},{mark[1]} {who} {cue}.",
              st.sampled_from(['""', "“”", "''", "«»", "„“"]), st.sampled_from(["No", "Yes", "Never", "Soon", "We will"]),
              st.sampled_from(["he", "she", "Kim", "the minister", "Russia's envoy"]), st.sampled_from(["said", "warned", "told us"])),
    min_size=100, max_size=1500,
).map(" ".join)


CASES: collections.Counter[str] = collections.Counter()  # generated inputs tried, per test


def runs(request_param: tuple[int, int], pipeline: bool = False) -> settings:
    return settings(FUZZ, max_examples=request_param[1 if pipeline else 0])


@pytest.fixture(scope="module", autouse=True)
def report_cases(request):
    """Print how many generated inputs the module tried (the figure issue 6 asks for)."""
    yield
    print_figures(request, "fuzz", CASES, total=True)


# --- span checks ----------------------------------------------------------------------------


def assert_span(text: str, span: Span, where: str) -> None:
    assert 0 <= span.start <= span.end <= len(text), (where, span)
    assert text[span.start : span.end] == span.text, (where, span)


def assert_sound(result: DocumentResult) -> None:
    """Every offset of a document's result indexes its text; ids are unique and resolve."""
    text = result.document.text
    actor_ids = [a.id for a in result.actors]
    assert len(actor_ids) == len(set(actor_ids))
    statement_ids = [s.id for s in result.statements]
    assert len(statement_ids) == len(set(statement_ids))
    for statement in result.statements:
        assert 0 <= statement.start <= statement.end <= len(text)
        assert text[statement.start : statement.end] == statement.text
        assert statement.speaker_id is None or statement.speaker_id in actor_ids
        assert 0.0 <= statement.confidence <= 1.0
        spans = [*statement.quotes, *statement.content, statement.speaker_mention, statement.cue]
        for span in filter(None, spans):
            assert_span(text, span, statement.id)
        for quote in statement.quotes:
            assert statement.start <= quote.start and quote.end <= statement.end, statement
    for warning in result.warnings:
        if warning.start is not None:
            assert 0 <= warning.start <= len(text)
    for message in result.mixed_messages:
        assert set(message.statement_ids) <= set(statement_ids)


def assert_outputs_round_trip(result: Result) -> None:
    """Every output format writes; JSON and JSONL parse back to the very same data."""
    data = result.to_dict()
    for format_ in FORMATS:
        stream = io.StringIO()
        write(result, format_, stream)
        assert stream.getvalue()
        stream.getvalue().encode("utf-8")  # nothing unencodable (a lone surrogate) reaches a sink
        if format_ == "json":
            assert json.loads(stream.getvalue()) == data
        if format_ == "jsonl":
            lines = [json.loads(line) for line in stream.getvalue().splitlines()]
            assert lines[: len(data["documents"])] == data["documents"]


# --- quotes and the pipeline ----------------------------------------------------------------


@pytest.mark.parametrize("budget", RUNS)
def test_find_quotes_spans_are_exact_and_ordered(budget):
    @runs(budget)
    @given(ARTICLES)
    def check(text: str) -> None:
        CASES["quotes"] += 1
        spans, problems = find_quotes(text)
        for span in spans:
            assert 0 <= span.mark_start < span.start < span.end <= len(text)
            assert len(text[span.mark_start:span.start]) == 1 or text[span.mark_start:span.start] == "''"
            assert span.end <= span.mark_end <= len(text)
        starts = [s.start for s in spans]
        assert starts == sorted(starts)
        for earlier, later in zip(spans, spans[1:]):
            assert earlier.end <= later.mark_start, (earlier, later)
        for offset, problem in problems:
            assert 0 <= offset < len(text) and problem

    check()


@pytest.mark.parametrize("budget", RUNS)
def test_pipeline_never_raises_and_every_span_gives_its_text_back(nlp, budget):
    @runs(budget, pipeline=True)
    @given(st.lists(ARTICLES.filter(str.strip), min_size=1, max_size=3))
    def check(texts: list[str]) -> None:
        CASES["pipeline"] += 1
        documents = [read_text(t, f"fuzz-{i}.txt") for i, t in enumerate(texts)]
        results = list(analyze_documents(documents, nlp=nlp, embeddings=False))
        assert [r.document for r in results] == documents  # one result each, in order
        for result in results:
            assert_sound(result)
            rebuilt = tables.results_from_rows(tables.rows(result), {result.document.id: result.document.text})
            assert [s.id for s in rebuilt[0].statements] == [s.id for s in result.statements]
        assert_outputs_round_trip(Result(tuple(results)))

    check()


@pytest.mark.parametrize("budget", RUNS)
def test_the_parser_reads_pathological_runs_capped_with_every_offset_kept(budget):
    @runs(budget)
    @given(st.one_of(PUNCTUATION_RUNS, ARTICLES))
    def check(text: str) -> None:
        CASES["parse text"] += 1
        parsed = parse_text(text)
        assert len(parsed) == len(text)
        assert all(kept in (original, " ") for original, kept in zip(text, parsed))
        assert max(map(len, re.findall(r"[^\w\s]+", parsed)), default=0) <= MAX_RUN
        assert max(map(len, parsed.split()), default=0) <= MAX_WORD

    check()


@pytest.mark.parametrize("budget", RUNS)
def test_pathological_documents_are_analysed_soundly_in_seconds(nlp, budget):
    """Each generated document, of long runs or of a flood of short quotes, is analysed within
    seconds (a run of 30,000 quotes took 87 s) and every span still gives its text back."""
    @runs((0, max(3, budget[1] // 8)), pipeline=True)
    @given(st.one_of(PUNCTUATION_RUNS, SHORT_QUOTES).filter(str.strip))
    def check(text: str) -> None:
        CASES["pathological"] += 1
        started = time.perf_counter()
        (result,) = analyze_documents([read_text(text, "fuzz.txt")], nlp=nlp, embeddings=False)
        assert time.perf_counter() - started < 20
        assert_sound(result)
        assert sum(w.kind == "cut" for w in result.warnings) <= 5

    check()


# --- readers --------------------------------------------------------------------------------


def read(*paths, **options) -> list[Document | InputError]:
    records = list(read_inputs([str(p) for p in paths], **options))
    for record in records:
        assert isinstance(record, (Document, InputError))
        if isinstance(record, Document):
            assert record.text.strip(), "a blank document must be an error"
            record.text.encode("utf-8")  # writable: no lone surrogates
            assert record.id == read_text(record.text).id
        else:
            assert record.error and ":" in record.error  # what is wrong: what to do
    return records


ENCODINGS = st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1251", "latin-1", "cp1252"])


@pytest.mark.parametrize("budget", RUNS)
def test_text_files_of_any_bytes_become_one_record(tmp_path, budget):
    path = tmp_path / "fuzz.txt"

    @runs(budget)
    @given(st.one_of(st.binary(max_size=600), st.builds(_encode, ARTICLES, ENCODINGS)))
    def check(data: bytes) -> None:
        CASES["text files"] += 1
        path.write_bytes(data)
        (record,) = read(path)
        if isinstance(record, Document) and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
            try:
                assert record.text == data.removeprefix(b"\xef\xbb\xbf").decode("utf-8")
            except UnicodeDecodeError:
                pass  # a legacy encoding: decoded by guess

    check()


def _encode(text: str, encoding: str) -> bytes:
    return text.encode(encoding, errors="replace")


@pytest.mark.parametrize("budget", RUNS)
def test_stdin_of_any_bytes_or_text_becomes_one_record(budget):
    @runs(budget)
    @given(st.one_of(st.binary(max_size=400).map(io.BytesIO), ARTICLES.map(io.StringIO)),
           st.sampled_from([50, 20_000_000]))
    def check(stream: io.IOBase, max_bytes: int) -> None:
        CASES["stdin"] += 1
        (record,) = read("-", stdin=stream, max_bytes=max_bytes)
        assert record.source == "<stdin>"

    check()


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | ARTICLES,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.sampled_from(["text", "title", "meta", "x"]), inner, max_size=4),
    max_leaves=12,
)
JSONL_LINES = st.one_of(
    st.builds(lambda text, title: json.dumps({"text": text, "title": title}), ARTICLES, ARTICLES),
    st.builds(lambda text: json.dumps({"text": text}, ensure_ascii=False), ARTICLES),
    JSON_VALUES.map(json.dumps),
    ARTICLES.map(lambda t: t.replace("\n", " ")),  # junk that is not JSON
    st.sampled_from(["{", "[" * 3000, "1" * 5000, '{"text": "\\ud800 said"}', "null", "[]", '""']),
)


@pytest.mark.parametrize("budget", RUNS)
def test_jsonl_keeps_every_good_line_and_names_every_bad_one(tmp_path, budget):
    path = tmp_path / "fuzz.jsonl"

    @runs(budget)
    @given(st.lists(JSONL_LINES, min_size=1, max_size=8))
    def check(lines: list[str]) -> None:
        CASES["jsonl"] += 1
        path.write_text("\n".join(lines), encoding="utf-8")
        records = read(path)
        if not "".join(lines).strip():
            assert len(records) == 1 and isinstance(records[0], InputError)
            return
        numbered = [n for n, line in enumerate("\n".join(lines).split("\n"), start=1) if line.strip()]
        assert [r.line for r in records] == numbered  # one record a line, none lost
        for record in records:
            if isinstance(record, InputError):
                assert record.error.startswith(f"line {record.line}: ")

    check()


@pytest.mark.parametrize("budget", RUNS)
def test_json_files_of_any_shape_never_raise(tmp_path, budget):
    path = tmp_path / "fuzz.json"

    @runs(budget)
    @given(st.one_of(JSON_VALUES.map(json.dumps), ARTICLES))
    def check(content: str) -> None:
        CASES["json"] += 1
        path.write_text(content, encoding="utf-8")
        assert read(path)

    check()


TAGS = ["p", "div", "article", "span", "b", "script", "style", "h1", "blockquote", "table", "td"]
HTML_NODES = st.recursive(
    ARTICLES.map(lambda t: t.replace("<", " ")),
    lambda inner: st.builds(lambda tag, kids: f"<{tag}>{''.join(kids)}</{tag}>",
                            st.sampled_from(TAGS), st.lists(inner, min_size=1, max_size=4)),
    max_leaves=15,
)


@pytest.mark.parametrize("budget", RUNS)
def test_html_even_truncated_or_unclosed_yields_one_record(tmp_path, budget):
    path = tmp_path / "fuzz.html"

    @runs(budget)
    @given(HTML_NODES, st.floats(min_value=0.0, max_value=1.0), st.booleans())
    def check(body: str, keep: float, wrap: bool) -> None:
        CASES["html"] += 1
        page = f"<html><head><title>t</title></head><body>{body}</body></html>" if wrap else body
        path.write_text(page[: max(1, int(len(page) * keep))], encoding="utf-8")
        (record,) = read(path)
        if isinstance(record, Document):
            assert "<script" not in record.text

    check()


SENTENCE = "<p>The envoy said that the talks would resume on Monday in the capital.</p>"


@pytest.mark.parametrize("budget", RUNS)
def test_html_nested_at_any_depth_keeps_its_text(tmp_path, budget):
    """Elements nested far deeper than lxml's 256 levels, in cycles of a few tags: the
    sentence inside is still read."""
    path = tmp_path / "deep.html"

    @runs((budget[0] // 3, 0))
    @given(st.lists(st.sampled_from(["div", "section", "article", "span", "blockquote", "li", "b"]),
                    min_size=1, max_size=4), st.integers(min_value=1, max_value=4000), st.booleans())
    def check(cycle: list[str], depth: int, closed: bool) -> None:
        CASES["deep html"] += 1
        tags = [cycle[level % len(cycle)] for level in range(depth)]
        closing = "".join(f"</{tag}>" for tag in reversed(tags)) if closed else ""
        path.write_text("<html><body>" + "".join(f"<{tag}>" for tag in tags) + SENTENCE + closing, encoding="utf-8")
        (record,) = read(path)
        assert isinstance(record, Document) and "talks would resume" in record.text, (depth, record)

    check()


NAMES = st.text(alphabet=string.ascii_letters + string.digits + "-_ é😀", min_size=1, max_size=12)
SUFFIXES = st.sampled_from([".txt", ".md", ".html", ".jsonl", ".json", ".png", ".bin"])


@pytest.mark.parametrize("budget", RUNS)
def test_directories_read_every_known_file_in_order(tmp_path_factory, budget):
    @runs((budget[0] // 3, 0))
    @given(st.dictionaries(st.tuples(NAMES, SUFFIXES), st.binary(max_size=80), max_size=6))
    def check(files: dict[tuple[str, str], bytes]) -> None:
        CASES["directories"] += 1
        folder = tmp_path_factory.mktemp("fuzz")
        for (name, suffix), data in files.items():
            (folder / (name + suffix)).write_bytes(data)
        records = read(folder)
        known = {folder / (n + s) for n, s in files if s not in (".png", ".bin")}
        sources = {Path(r.source) for r in records}
        assert sources == (known or {folder})  # every known file reported; none invented
        order = [r.source for r in records]
        assert order == sorted(order, key=lambda s: Path(s).relative_to(folder).parts)

    check()


# Entries that are not regular files, made under a name in a folder; None: a regular file.
SPECIAL_KINDS = st.sampled_from(["fifo", "socket", "device", "link to fifo", "link to device", "broken link",
                                 "link to folder", None])


def _make_special(path: Path, kind: str | None, sockets: list[socket.socket]) -> None:
    """A named pipe, socket, device link or broken link at ``path`` (a short article if None)."""
    if kind is None:
        path.write_text("The mayor said the bridge would open.", encoding="utf-8")
    elif kind == "fifo":
        os.mkfifo(path)
    elif kind == "socket":
        server = socket.socket(socket.AF_UNIX)
        server.bind(str(path))
        sockets.append(server)
    elif kind.startswith("link to "):
        target = {"fifo": path.with_name(path.name + ".pipe"), "device": Path("/dev/zero"),
                  "folder": path.parent}[kind.removeprefix("link to ")]
        if kind == "link to fifo":
            os.mkfifo(target)
        path.symlink_to(target)
    else:
        path.symlink_to(path.with_name("gone"))


@pytest.mark.parametrize("budget", RUNS)
def test_special_files_are_refused_at_once_named_or_in_a_folder(budget):
    """Pipes, sockets, devices and links to them, named or met in a folder: one error each,
    naming the file, and nothing waits (a reader that opened a pipe would wait for ever)."""
    @runs((budget[0] // 3, 0))
    @given(st.lists(st.tuples(SPECIAL_KINDS, SUFFIXES), min_size=1, max_size=5), st.booleans())
    def check(entries: list[tuple[str | None, str]], named: bool) -> None:
        CASES["special files"] += 1
        folder = Path(tempfile.mkdtemp(prefix="tl-"))  # short: socket paths are limited to ~100 bytes
        sockets: list[socket.socket] = []
        try:
            paths = [folder / f"{number}{suffix}" for number, (_, suffix) in enumerate(entries)]
            for path, (kind, _) in zip(paths, entries, strict=True):
                _make_special(path, kind, sockets)
            records = _read_in_time([str(p) for p in paths] if named else [str(folder)])
            for path, (kind, suffix) in zip(paths, entries, strict=True):
                mine = [r for r in records if r.source == str(path)]
                if kind == "link to folder":
                    assert named or not mine  # named, it is read as a folder; in a folder, not followed
                elif not (named or suffix in (".txt", ".md", ".html", ".jsonl", ".json")):
                    assert not mine  # a folder's files of unknown kinds are not read
                elif kind is None:
                    assert mine
                else:
                    assert len(mine) == 1 and isinstance(mine[0], InputError), (kind, mine)
                    assert "not a regular file" in mine[0].error or "broken symbolic link" in mine[0].error
        finally:
            for server in sockets:
                server.close()
            shutil.rmtree(folder)

    check()


def _read_in_time(paths: list[str], seconds: float = 10) -> list[Document | InputError]:
    """``read``, failing instead of hanging: pipes still being opened are released."""
    records: list[Document | InputError] = []
    reader = threading.Thread(target=lambda: records.extend(read(*paths)), daemon=True)
    reader.start()
    reader.join(seconds)
    if reader.is_alive():
        for pipe in Path(paths[0]).parent.glob("**/*"):
            if pipe.is_fifo():
                with contextlib.suppress(OSError):
                    os.close(os.open(pipe, os.O_WRONLY | os.O_NONBLOCK))
        reader.join(seconds)
        pytest.fail(f"reading {paths} did not end within {seconds} s")
    return records
