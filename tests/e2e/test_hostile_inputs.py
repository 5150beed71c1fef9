"""Hostile input, case by case (issue 6): each bad input is one clear error record, the rest
of the batch is kept, the exit code says whether anything failed, and no traceback shows."""

from __future__ import annotations

import codecs
import dataclasses
import io
import json
import os
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Iterator

import pytest
from click.testing import CliRunner

from tealeaves import pipeline
from tealeaves.cli import cli
from tealeaves.io import readers as ingest
from tealeaves.io.readers import MAX_CHARS, decode, read_inputs
from tealeaves.models import Document, InputError
from tealeaves.pipeline import analyze_documents
from tealeaves.store.core import Store

GOOD = "\u201cWe will not move,\u201d said Jane Doe, the port minister.\n\nThe union said it would strike.\n"
HAS_ENCODING = "encoding" in {f.name for f in dataclasses.fields(Document)}


def write(path: Path, content: str | bytes) -> Path:
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


def read(*paths, **options) -> list[Document | InputError]:
    return list(read_inputs([str(p) for p in paths], **options))


def assert_one_clear_error(records, source, *phrases) -> InputError:
    """Exactly one record, an error that names the input and says what is wrong and what to do."""
    (error,) = records
    assert isinstance(error, InputError), error
    assert error.source == str(source)
    assert ": " in error.error  # "what is wrong: what to do"
    for phrase in phrases:
        assert phrase in error.error
    return error


# --- files ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "content, phrase",
    [
        (b"", "empty"),
        (b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10", "binary"),
        (random.Random(6).randbytes(4096), ""),  # random bytes: binary or undecodable
        (b"The minister\0 said \0nothing.", "NUL"),
        (codecs.BOM_UTF16_LE, "empty"),
    ],
    ids=["empty", "png", "random-bytes", "nul-bytes", "utf16-bom-only"],
)
def test_bad_files_are_one_error_each(tmp_path, content, phrase):
    path = write(tmp_path / "article.txt", content)
    assert_one_clear_error(read(path), path, phrase)


@pytest.mark.parametrize(
    "data, text, encodings",
    [
        ("Министр заявил, что переговоры продолжатся на следующей неделе.".encode("cp1251"),
         "Министр заявил, что переговоры продолжатся на следующей неделе.", {"cp1251"}),
        ("Le ministre a déclaré que la réunion était « très utile », puis il est parti.".encode("latin-1"),
         "Le ministre a déclaré que la réunion était « très utile », puis il est parti.",
         {"latin_1", "iso8859_15", "cp1252"}),
        (codecs.BOM_UTF8 + GOOD.encode("utf-8"), GOOD, {"utf-8-sig"}),
        (GOOD.encode("utf-16"), GOOD, {"utf-16"}),
        (GOOD.encode("utf-8"), GOOD, {"utf-8"}),
    ],
    ids=["cp1251", "latin-1", "utf-8-bom", "utf-16-bom", "utf-8"],
)
def test_encodings_are_detected_decoded_and_recorded(tmp_path, data, text, encodings):
    assert decode(data) == (text, decode(data).encoding)
    assert decode(data).encoding in encodings
    (document,) = read(write(tmp_path / "article.txt", data))
    assert document.text == text
    if HAS_ENCODING:  # models.Document gains `encoding` (asked of the lead)
        assert document.encoding in encodings


def test_invalid_utf8_is_decoded_by_guess_or_refused_clearly(tmp_path):
    path = write(tmp_path / "mixed.txt", b"The envoy said \xff\xfe the caf\xc3 was \xe9 shut.")
    (record,) = read(path)
    if isinstance(record, Document):
        assert "The envoy said" in record.text
    else:
        assert "encoding" in record.error


def test_size_limit_is_checked_before_any_byte_is_read(tmp_path, monkeypatch):
    path = tmp_path / "huge.txt"
    with path.open("wb") as stream:
        stream.truncate(50_000_000)  # a sparse 50 MB file

    def forbidden(path):
        raise AssertionError("the file was opened")

    monkeypatch.setattr(ingest, "_open_regular", forbidden)
    error = assert_one_clear_error(read(path), path, "larger than the 20 MB limit (50 MB)")
    assert error.error.endswith("split it or raise --max-bytes")
    smaller = assert_one_clear_error(read(path, max_bytes=1000), path)
    assert "1 KB limit" in smaller.error


def test_endless_stdin_is_read_only_up_to_the_limit():
    class Endless(io.RawIOBase):
        def readable(self) -> bool:
            return True

        def readinto(self, buffer) -> int:
            buffer[:] = b"a" * len(buffer)
            return len(buffer)

    (error,) = read("-", stdin=io.BufferedReader(Endless()), max_bytes=100_000)
    assert error.source == "<stdin>" and error.error.startswith("larger than the 100 KB limit")


def test_huge_single_line_is_read_and_over_the_parser_limit_is_refused(tmp_path):
    line = ("The minister said that the talks would go on " * 20_000)[: MAX_CHARS - 10]
    (document,) = read(write(tmp_path / "line.txt", line))
    assert document.text == line and "\n" not in document.text
    too_long = write(tmp_path / "longer.txt", line * 2)
    assert_one_clear_error(read(too_long), too_long, "characters", "split it")


@pytest.mark.parametrize("depth", [300, 5000, 50_000])
def test_deeply_nested_html_keeps_all_its_text_and_paragraphs(tmp_path, depth):
    """lxml stops at 256 levels and dropped the rest of the page ("no main text"): every
    paragraph is read, however deep, and the text after the deep part too."""
    deep = ("<div class='story'>" * depth + "<p>The envoy said that talks would resume on Monday.</p>"
            "<p>She added that the ferries &amp; trains would run.</p>" + "</div>" * depth)
    after = "<p>The harbour master said the port stayed open all week.</p>"
    path = write(tmp_path / "deep.html", f"<html><head><title>Talks</title></head><body>{deep}{after}</body></html>")
    started = time.perf_counter()
    (document,) = read(path)
    assert time.perf_counter() - started < 30
    assert isinstance(document, Document), document
    assert document.text == ("The envoy said that talks would resume on Monday.\n\n"
                             "She added that the ferries & trains would run.\n\n"
                             "The harbour master said the port stayed open all week.")
    assert document.title == "Talks"


def test_a_feed_entry_of_deeply_nested_html_keeps_its_text(tmp_path):
    nested = "<div>" * 3000 + "<p>The envoy said that talks would resume on Monday.</p>" + "</div>" * 3000
    feed = write(tmp_path / "deep.rss", '<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>'
                 f"<item><title>Talks</title><description><![CDATA[{nested}]]></description></item></channel></rss>")
    (document,) = read(feed)
    assert isinstance(document, Document) and document.text == "The envoy said that talks would resume on Monday."


# --- JSON and JSON Lines --------------------------------------------------------------------

JSONL_CASES = [
    (json.dumps({"text": "The envoy said the port would reopen."}), None),
    ('{"text": "unterminated', "not valid JSON"),
    (json.dumps(["a list", "not an object"]), "not a JSON object"),
    (json.dumps("just a string"), "not a JSON object"),
    (json.dumps({"title": "no text here"}), "no 'text' field"),
    (json.dumps({"text": 42}), "no 'text' field"),
    (json.dumps({"text": "   "}), "'text' is empty"),
    ("[" * 5000 + "]" * 5000, "nested too deeply"),
    ('{"text": "x", "n": ' + "7" * 5000 + "}", "number too long"),
    ("\0\0\0", "not valid JSON"),
    (json.dumps({"text": "x" * (MAX_CHARS + 1)}), "over the parser's"),
    ('{"text": "The minister \\ud800 said \\u201cyes\\u201d."}', None),
]


def test_jsonl_names_each_bad_line_and_keeps_the_rest(tmp_path):
    path = write(tmp_path / "feed.jsonl", "\n".join(line for line, _ in JSONL_CASES) + "\n")
    records = read(path)
    assert [r.line for r in records] == list(range(1, len(JSONL_CASES) + 1))
    for record, (_, problem) in zip(records, JSONL_CASES):
        if problem is None:
            assert isinstance(record, Document), record
        else:
            assert isinstance(record, InputError) and record.source == str(path)
            assert record.error.startswith(f"line {record.line}: ") and problem in record.error
    surrogate = records[-1]
    assert surrogate.text == "The minister \ufffd said \u201cyes\u201d."  # same length, writable


@pytest.mark.parametrize("content, phrase", [("[" * 100_000, "nested too deeply"), ("1" * 5000, "number")])
def test_json_files_beyond_pythons_limits_are_errors(tmp_path, content, phrase):
    path = write(tmp_path / "data.json", content)
    assert_one_clear_error(read(path), path, phrase)


# --- folders --------------------------------------------------------------------------------


def test_folder_reports_broken_links_and_pipes_and_reads_the_rest(tmp_path):
    write(tmp_path / "a.txt", GOOD)
    (tmp_path / "b.txt").symlink_to(tmp_path / "gone.txt")
    os.mkfifo(tmp_path / "c.txt")  # opening it would block forever: it must not be opened
    write(tmp_path / "d.jsonl", json.dumps({"text": GOOD}) + "\n{oops\n")
    records = read(tmp_path)
    assert [Path(r.source).name for r in records] == ["a.txt", "b.txt", "c.txt", "d.jsonl", "d.jsonl"]
    assert [type(r) for r in records] == [Document, InputError, InputError, Document, InputError]
    assert "broken symbolic link" in records[1].error and "not a regular file" in records[2].error


def read_within(seconds: float, *paths) -> list[Document | InputError]:
    """The records of these paths, failing (not hanging) if reading takes longer: a reader
    stuck opening a named pipe is released by opening the pipe's other end."""
    records: list[Document | InputError] = []
    reader = threading.Thread(target=lambda: records.extend(read(*paths)), daemon=True)
    reader.start()
    reader.join(seconds)
    if reader.is_alive():
        for path in paths:
            if Path(path).is_fifo():
                os.close(os.open(path, os.O_WRONLY | os.O_NONBLOCK))  # the reader now sees the end
        reader.join(seconds)
        pytest.fail(f"reading {', '.join(map(str, paths))} did not end within {seconds} s")
    return records


@pytest.fixture
def special_files() -> Iterator[dict[str, Path]]:
    """A named pipe, a socket and a link to a device, in a short folder (socket paths are
    limited to about 100 bytes)."""
    folder = Path(tempfile.mkdtemp(prefix="tl-"))
    os.mkfifo(folder / "pipe.txt")
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(folder / "socket.txt"))
    (folder / "device.txt").symlink_to("/dev/null")
    (folder / "link-to-pipe.html").symlink_to(folder / "pipe.txt")
    yield {path.stem: path for path in folder.iterdir()}
    server.close()
    shutil.rmtree(folder)


@pytest.mark.parametrize("name, kind", [("pipe", "named pipe (FIFO)"), ("socket", "a socket"),
                                        ("device", "character device (through a symbolic link)"),
                                        ("link-to-pipe", "named pipe (FIFO) (through a symbolic link)")])
def test_a_special_file_named_directly_is_refused_at_once_and_the_rest_read(tmp_path, special_files, name, kind):
    good = write(tmp_path / "good.txt", GOOD)
    first, refused, last = read_within(10, good, special_files[name], good)
    assert isinstance(first, Document) and isinstance(last, Document)
    error = assert_one_clear_error([refused], special_files[name], kind, "not a regular file")
    assert error.error.endswith("save the article in a file, or pipe it to standard input and give - as the path")



def test_ingest_of_a_good_file_and_a_pipe_stores_the_good_one_and_ends(tmp_path, special_files, nlp, monkeypatch):
    """The case of issue #23: the ingest hung on the pipe and never stored the good document."""
    monkeypatch.setenv("TEALEAVES_NO_EMBEDDINGS", "1")
    good, db = write(tmp_path / "good.txt", GOOD), tmp_path / "corpus.db"
    outcome: list = []
    command = ["ingest", str(good), str(special_files["pipe"]), "--db", str(db)]
    runner = threading.Thread(target=lambda: outcome.append(CliRunner().invoke(cli, command)), daemon=True)
    runner.start()
    runner.join(120)
    if runner.is_alive():
        os.close(os.open(special_files["pipe"], os.O_WRONLY | os.O_NONBLOCK))
        runner.join(60)
        pytest.fail("the ingest waited on the pipe")
    (result,) = outcome
    assert result.exit_code == 1 and f"error: {special_files['pipe']}: a named pipe (FIFO)" in result.stderr
    with Store.open(str(db), readonly=True) as store:
        assert [r.document.source for r in store.results()] == [str(good)]


def test_special_files_in_a_folder_are_refused_without_waiting(special_files):
    write(special_files["pipe"].parent / "good.txt", GOOD)
    records = read_within(10, special_files["pipe"].parent)
    by_name = {Path(r.source).name: r for r in records}
    assert set(by_name) == {"device.txt", "good.txt", "link-to-pipe.html", "pipe.txt", "socket.txt"}
    assert isinstance(by_name.pop("good.txt"), Document)
    assert all("not a regular file" in r.error for r in by_name.values())


def test_devices_are_refused_unread():
    (error,) = read_within(10, "/dev/zero")  # endless: it must not be read, even up to the limit
    assert "a character device, not a regular file" in error.error


def test_a_pipe_put_in_place_of_a_checked_file_is_refused_without_waiting(tmp_path, monkeypatch):
    path = write(tmp_path / "swapped.txt", GOOD)
    real_stat = Path.stat

    def stat_then_swap(self, **options):  # the file is checked, then replaced by a pipe
        status = real_stat(self, **options)
        if self == path:
            path.unlink()
            os.mkfifo(path)
        return status

    monkeypatch.setattr(Path, "stat", stat_then_swap)
    (error,) = read_within(10, path)
    assert "named pipe (FIFO)" in error.error


def test_undecodable_file_names_are_printable(tmp_path):
    name = os.fsdecode(b"caf\xe9.txt")
    write(tmp_path / name, GOOD)
    (document,) = read(tmp_path)
    assert document.source.endswith("caf\\xe9.txt")
    document.source.encode("utf-8")


# --- the pipeline on texts without sentences ------------------------------------------------


@pytest.mark.parametrize("text", ["...", "\u201c\u201d\u201c", "\u00ab\u00bb\"'", "\u2014 \u2014", "😀" * 40,
                                  "\u0645\u0631\u062d\u0628\u0627 \u201c\u0642\u0627\u0644\u201d", "\0\0 said",
                                  ",,,,," * 200])
def test_text_without_sentences_gives_a_result(nlp, text):
    (result,) = analyze_documents([ingest.read_text(text)], nlp=nlp, embeddings=False)
    for statement in result.statements:
        assert text[statement.start : statement.end] == statement.text


# --- the command line -----------------------------------------------------------------------


@pytest.fixture
def batch(tmp_path: Path) -> dict[str, Path]:
    files = {
        "good": write(tmp_path / "good.txt", GOOD),
        "empty": write(tmp_path / "empty.txt", b""),
        "binary": write(tmp_path / "image.txt", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
        "feed": write(tmp_path / "feed.jsonl", json.dumps({"text": GOOD}) + "\nnot json\n"),
        "big": write(tmp_path / "big.txt", "The minister said so. " * 100),
    }
    return files


def test_cli_reports_each_bad_input_once_and_exits_1(nlp, batch):
    args = ["analyze", *map(str, batch.values()), "--format", "json", "--max-bytes", "1000"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert len(data["documents"]) == 2  # good.txt and the good line of feed.jsonl
    errors = {(Path(e["source"]).name, e["line"]) for e in data["errors"]}
    assert errors == {("empty.txt", None), ("image.txt", None), ("feed.jsonl", 2), ("big.txt", None)}
    printed = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert len(printed) == 4 and f"error: {batch['feed']}:2: not valid JSON" in result.stderr
    assert "Traceback" not in result.stderr


def test_cli_exits_2_when_nothing_is_read_or_on_misuse(batch):
    nothing = CliRunner().invoke(cli, ["analyze", str(batch["empty"]), str(batch["binary"]), "-f", "json"])
    assert nothing.exit_code == 2 and "Traceback" not in nothing.stderr
    assert len(json.loads(nothing.stdout)["errors"]) == 2
    usage = CliRunner().invoke(cli, ["analyze"])
    assert usage.exit_code == 2 and "Usage:" in usage.stderr


def test_cli_in_a_real_process_exits_1_and_writes_odd_file_names(tmp_path, batch):
    name = write(tmp_path / os.fsdecode(b"r\xe9sum\xe9.txt"), GOOD)
    output = tmp_path / "out.jsonl"
    done = subprocess.run(
        [sys.executable, "-m", "tealeaves", "analyze", str(name), str(batch["empty"]), "-f", "jsonl",
         "-o", str(output)], capture_output=True, text=True, encoding="utf-8", timeout=300)
    assert done.returncode == 1, done.stderr
    assert done.stderr.count("error: ") == 1 and "Traceback" not in done.stderr
    lines = output.read_text(encoding="utf-8").splitlines()
    assert json.loads(lines[0])["source"].endswith("r\\xe9sum\\xe9.txt")
    assert json.loads(lines[-1])["error"]["source"] == str(batch["empty"])


def test_a_bug_inside_the_pipeline_is_one_error_record_unless_debug(nlp, batch, monkeypatch):
    real = pipeline.find_drafts

    def broken_on_one(doc, *args, **kwargs):
        if "port minister" in doc.text:
            raise IndexError("list index out of range")
        return real(doc, *args, **kwargs)

    monkeypatch.setattr("tealeaves.pipeline.find_drafts", broken_on_one)
    other = write(batch["good"].with_name("other.txt"), "The mayor said the bridge would open in May.")
    quiet = CliRunner().invoke(cli, ["analyze", str(batch["good"]), str(other), "-f", "json"])
    assert quiet.exit_code == 1, quiet.stderr
    assert quiet.stderr.strip().splitlines() == [
        f"error: {batch['good']}: analysis failed (IndexError: list index out of range): a bug in tealeaves; "
        "please report it with this document (--debug shows the traceback)"]
    data = json.loads(quiet.stdout)
    assert [Path(d["source"]).name for d in data["documents"]] == ["other.txt"]
    assert [Path(e["source"]).name for e in data["errors"]] == ["good.txt"]
    loud = CliRunner().invoke(cli, ["analyze", str(batch["good"]), "--debug"])
    assert isinstance(loud.exception, IndexError)


def test_one_long_line_of_text_is_text_not_a_path():
    """A sentence longer than any file name the system allows is analysed, not stat()ed."""
    import tealeaves

    text = "The harbour master, " + "who has run the port for many years and " * 8 + "knows every pier, said the quay would close."
    assert len(text) > 300 and "\n" not in text
    result = tealeaves.analyze(text)
    assert result.errors == () and [s.cue.text for s in result.documents[0].statements] == ["said"]
