"""Ingest: files, directories and stdin become Documents, or InputErrors that say what to do."""

from __future__ import annotations

import codecs
import hashlib
import io
import json
from pathlib import Path

import pytest

from tealeaves.io import readers
from tealeaves.io.readers import read_inputs, read_text
from tealeaves.models import Document, InputError

QUOTED = (
    "The harbour master said on Tuesday that \u201cthe cranes will stay idle\u201d until the "
    "dispute ends.\r\n\r\nUnion leaders called that \u2018premature\u2019 \u2014 and walked out."
)

HTML = """<!DOCTYPE html>
<html><head>
<title>Port talks stall | Harbour Gazette</title>
<meta name="author" content="Mira Quell">
<meta property="article:published_time" content="2024-03-05T10:00:00Z">
<meta property="og:site_name" content="Harbour Gazette">
<script>var tracker = "SCRIPT_IN_HEAD";</script>
</head><body>
<nav><a href="/">Home</a> | <a href="/world">World</a></nav>
<article>
<h1>Port talks stall</h1>
<p>The harbour master said on Tuesday that \u201cthe cranes will stay idle\u201d until the dispute ends.</p>
<p>Union leaders replied that they had not been consulted, and called the statement premature.</p>
<script>console.log("SCRIPT_IN_ARTICLE")</script>
<p>Negotiations resume next week, according to a spokesperson for the port authority.</p>
</article>
<div id="comments"><div class="comment"><p>READER_COMMENT: the harbour master is wrong again.</p></div></div>
<footer>All rights reserved</footer>
</body></html>
"""

POLNEAR_LINE = {
    "doc_id": "gazette_2024-03-05_port-talks",
    "split": "dev",
    "meta": {
        "publisher": "gazette",
        "publication_date": "2024-03-05",
        "author": "None",
        "title": "Port talks stall",
    },
    "text": "Port talks stall.\n\n\u201cWe are ready,\u201d the mayor said.",
}


def write(path: Path, content: str | bytes) -> Path:
    """Write a fixture file (text as UTF-8), making folders as needed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


def read_all(*paths: str | Path, **options) -> list[Document | InputError]:
    return list(read_inputs(paths, **options))


def read_one(path: str | Path, **options) -> Document | InputError:
    (record,) = read_all(path, **options)
    return record


# --- plain text ---------------------------------------------------------------------------


def test_txt_text_is_kept_exactly_and_offsets_round_trip(tmp_path):
    doc = read_one(write(tmp_path / "port.txt", QUOTED))
    assert isinstance(doc, Document)
    assert doc.text == QUOTED  # curly quotes, em dash and \r\n untouched
    start = doc.text.index("\u201c") + 1
    end = doc.text.index("\u201d")
    assert doc.text[start:end] == "the cranes will stay idle"
    assert doc.id == hashlib.sha256(QUOTED.encode("utf-8")).hexdigest()[:16]
    assert doc.source == str(tmp_path / "port.txt")
    assert doc.line is None and doc.title is None


def test_utf8_bom_is_stripped(tmp_path):
    doc = read_one(write(tmp_path / "bom.txt", codecs.BOM_UTF8 + QUOTED.encode("utf-8")))
    assert doc.text == QUOTED
    assert doc.id == read_text(QUOTED).id


@pytest.mark.parametrize(
    "text, encoding",
    [
        (
            "Министр заявил, что переговоры продолжатся на следующей неделе. "
            "Представитель профсоюза ответил, что это заявление преждевременно.",
            "cp1251",
        ),
        (
            "Le ministre a déclaré que la réunion était « très utile », "
            "mais les délégués syndicaux ont quitté la salle avant la fin.",
            "latin-1",
        ),
        ("The envoy said \u201cwe will talk again\u201d in March.", "utf-16"),
    ],
    ids=["cp1251", "latin-1", "utf-16-bom"],
)
def test_non_utf8_text_is_decoded(tmp_path, text, encoding):
    data = text.encode(encoding)
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")  # the fixture really is not UTF-8
    doc = read_one(write(tmp_path / "article.txt", data))
    assert isinstance(doc, Document)
    assert doc.text == text


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("empty.txt", b"", "file is empty: nothing to analyse"),
        ("blank.txt", b" \r\n\t\n  ", "file is empty: nothing to analyse"),
        ("bom-only.txt", codecs.BOM_UTF8 + b"\n", "file is empty: nothing to analyse"),
        ("empty.jsonl", b"\n\n", "file is empty: nothing to analyse"),
        (
            "image.png",
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
            "looks binary (NUL bytes): give a text, HTML or JSONL file",
        ),
        ("odd.txt", b"said \x00 nothing", "looks binary (NUL bytes)"),
    ],
)
def test_unreadable_files_yield_one_error(tmp_path, name, content, message):
    path = write(tmp_path / name, content)
    error = read_one(path)
    assert isinstance(error, InputError)
    assert error.source == str(path)
    assert error.line is None
    assert error.error.startswith(message)


def test_missing_path(tmp_path):
    error = read_one(tmp_path / "nowhere.txt")
    expected = InputError(str(tmp_path / "nowhere.txt"), "no such file or directory: check the path")
    assert error == expected


def test_permission_denied(tmp_path, monkeypatch):
    path = write(tmp_path / "locked.txt", "The mayor said nothing.")

    def refuse(path):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(readers, "_open_regular", refuse)  # chmod is no use when tests run as root
    error = read_one(path)
    assert isinstance(error, InputError)
    assert error.error.startswith("permission denied")


def test_over_max_bytes_is_refused_with_sizes(tmp_path):
    path = write(tmp_path / "long.txt", "The minister spoke. " * 125)  # 2,500 bytes
    assert read_one(path, max_bytes=1_000).error == (
        "larger than the 1 KB limit (2.5 KB): split it or raise --max-bytes"
    )
    assert isinstance(read_one(path, max_bytes=2_500), Document)


def test_default_limit_is_checked_before_reading(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as f:
        f.truncate(52_100_000)  # sparse: never read, or it would be called binary
    assert read_one(path).error == (
        "larger than the 20 MB limit (52.1 MB): split it or raise --max-bytes"
    )


def test_unknown_extension_is_read_as_text(tmp_path):
    doc = read_one(write(tmp_path / "wire.log", "Officials said talks would resume."))
    assert isinstance(doc, Document)
    assert doc.text == "Officials said talks would resume."


# --- HTML ----------------------------------------------------------------------------------


def test_html_main_text_and_metadata(tmp_path):
    doc = read_one(write(tmp_path / "port.html", HTML))
    assert isinstance(doc, Document)
    assert doc.title == "Port talks stall"
    assert doc.published == "2024-03-05"
    assert doc.author == "Mira Quell"
    assert doc.outlet == "Harbour Gazette"
    assert doc.text.split("\n\n") == [
        "Port talks stall",
        "The harbour master said on Tuesday that \u201cthe cranes will stay idle\u201d until the dispute ends.",
        "Union leaders replied that they had not been consulted, and called the statement premature.",
        "Negotiations resume next week, according to a spokesperson for the port authority.",
    ]
    assert "SCRIPT_IN" not in doc.text
    assert "All rights reserved" not in doc.text
    assert "READER_COMMENT" not in doc.text
    assert doc.id == read_text(doc.text).id


def test_truncated_html_still_yields_its_text(tmp_path):
    broken = (
        "<html><head><title>Broken</title></head><body><article>"
        "<p>The minister said \u201cwe are ready\u201d on Monday."
        "<p>Critics answered that the plan <b>was vague</i> and late."
        "<p>Talks contin"
    )
    doc = read_one(write(tmp_path / "broken.htm", broken))
    assert isinstance(doc, Document)
    assert doc.text.split("\n\n") == [
        "The minister said \u201cwe are ready\u201d on Monday.",
        "Critics answered that the plan was vague and late.",
        "Talks contin",
    ]


@pytest.mark.parametrize(
    "html",
    [
        "<html><body><script>var said = 'nothing';</script></body></html>",
        "<p>hi</p>",
    ],
)
def test_html_without_main_text_is_an_error(tmp_path, html):
    error = read_one(write(tmp_path / "empty.html", html))
    assert isinstance(error, InputError)
    assert error.error.startswith("HTML has no extractable main text")


# --- JSON lines and JSON -------------------------------------------------------------------


def test_jsonl_reports_bad_lines_and_reads_the_rest(tmp_path):
    lines = [
        json.dumps({"text": "The mayor said it will reopen.", "title": "Bridge", "url": "https://b.example"}),
        '{"text": "Unclosed" "title": 1}',
        json.dumps({"title": "No body here"}),
        "",
        json.dumps({"text": "   "}),
        json.dumps(["not", "an", "object"]),
        json.dumps(POLNEAR_LINE),
    ]
    path = write(tmp_path / "batch.jsonl", "\n".join(lines) + "\n")
    records = read_all(path)
    assert [type(r).__name__ for r in records] == [
        "Document", "InputError", "InputError", "InputError", "InputError", "Document",
    ]
    good, bad_json, no_text, blank, not_object, polnear = records
    assert (good.line, good.title, good.url) == (1, "Bridge", "https://b.example")
    assert good.text == "The mayor said it will reopen."
    assert bad_json == InputError(
        str(path), "line 2: not valid JSON (Expecting ',' delimiter): fix or remove the line", 2
    )
    assert no_text.line == 3 and no_text.error.startswith("line 3: no 'text' field")
    assert blank.line == 5 and blank.error.startswith("line 5: 'text' is empty")
    assert not_object.line == 6 and not_object.error.startswith("line 6: not a JSON object")
    assert polnear.line == 7


def test_polnear_line_reads_nested_meta(tmp_path):
    doc = read_one(write(tmp_path / "polnear.jsonl", json.dumps(POLNEAR_LINE) + "\n"))
    assert doc.title == "Port talks stall"
    assert doc.published == "2024-03-05"
    assert doc.outlet == "gazette"
    assert doc.author is None  # PolNeAR's "None" means unknown
    assert doc.line == 1
    assert doc.text == POLNEAR_LINE["text"]


@pytest.mark.parametrize(
    "record, field, expected",
    [
        ({"date": "2024-01-02"}, "published", "2024-01-02"),
        ({"publication_date": "2024-01-03"}, "published", "2024-01-03"),
        ({"published": "2024-01-04", "date": "1999-01-01"}, "published", "2024-01-04"),
        ({"publisher": "Gazette"}, "outlet", "Gazette"),
        ({"outlet": "Courier", "publisher": "Gazette"}, "outlet", "Courier"),
        ({"author": "  Ana Vidal "}, "author", "Ana Vidal"),
        ({"author": ""}, "author", None),
        ({"meta": {"title": "Inner"}, "title": "Outer"}, "title", "Outer"),
        ({"meta": {"author": "Inner Writer"}}, "author", "Inner Writer"),
        ({"meta": {"author": "Inner Writer"}, "author": ""}, "author", "Inner Writer"),
        ({"title": 42}, "title", None),
    ],
)
def test_jsonl_field_names(tmp_path, record, field, expected):
    line = json.dumps({"text": "The envoy said talks went well.", **record})
    doc = read_one(write(tmp_path / "one.jsonl", line))
    assert getattr(doc, field) == expected


def test_jsonl_keeps_raw_line_separators_and_crlf(tmp_path):
    text = "First part\u2028second part, the spokesman said."
    lines = [json.dumps({"text": text}, ensure_ascii=False), json.dumps({"text": "Next."})]
    content = "\r\n".join(lines) + "\r\n"
    records = read_all(write(tmp_path / "raw.jsonl", content))
    assert [(r.text, r.line) for r in records] == [(text, 1), ("Next.", 2)]


def test_json_list_and_object(tmp_path):
    articles = [
        {"text": "The general said the troops were leaving.", "publisher": "Courier"},
        {"headline": "no text"},
        {"text": "Diplomats said nothing new.", "meta": {"title": "Quiet day"}},
    ]
    listed = read_all(write(tmp_path / "list.json", json.dumps(articles, indent=2)))
    assert [type(r).__name__ for r in listed] == ["Document", "InputError", "Document"]
    assert listed[0].outlet == "Courier"
    assert listed[1].error.startswith("item 2: no 'text' field")
    assert listed[2].title == "Quiet day"
    single = read_one(write(tmp_path / "one.json", json.dumps(articles[0])))
    assert single.text == articles[0]["text"]


@pytest.mark.parametrize(
    "content, message, line",
    [
        (
            '{\n  "text": "The mayor said",\n}',
            "not valid JSON (Expecting property name enclosed in double quotes at line 3)",
            3,
        ),
        ("[]", "the JSON list is empty: nothing to analyse", None),
        ('"just a string"', "not a JSON object", None),
    ],
)
def test_bad_json_files(tmp_path, content, message, line):
    error = read_one(write(tmp_path / "bad.json", content))
    assert isinstance(error, InputError)
    assert error.error.startswith(message)
    assert error.line == line


# --- directories, stdin, order -------------------------------------------------------------


def test_directory_is_read_recursively_in_sorted_order(tmp_path):
    folder = tmp_path / "news"
    for name in ["b.txt", "a/z.md", "c.jsonl", "notes.csv", ".cache/hidden.txt", "A.TXT"]:
        write(folder / name, json.dumps({"text": f"Text of {name}."}))  # valid as text too
    write(folder / "a/y/deep.htm", HTML)
    records = read_all(folder)
    assert [Path(r.source).relative_to(folder).as_posix() for r in records] == [
        "A.TXT", "a/y/deep.htm", "a/z.md", "b.txt", "c.jsonl",
    ]
    assert all(isinstance(r, Document) for r in records)


def test_directory_without_known_files_is_an_error(tmp_path):
    write(tmp_path / "data" / "table.csv", "a,b\n1,2\n")
    error = read_one(tmp_path / "data")
    assert isinstance(error, InputError)
    assert error.source == str(tmp_path / "data")
    assert error.error.startswith("no readable files")


@pytest.mark.parametrize(
    "stream, expected",
    [
        (io.StringIO(QUOTED), QUOTED),
        (io.BytesIO(codecs.BOM_UTF8 + QUOTED.encode("utf-8")), QUOTED),
        (io.BytesIO("Caf\u00e9 owners said the square was quiet again today.".encode("latin-1")),
         "Caf\u00e9 owners said the square was quiet again today."),
    ],
    ids=["text", "utf8-bom-bytes", "latin-1-bytes"],
)
def test_stdin_dash(stream, expected):
    doc = read_one("-", stdin=stream)
    assert isinstance(doc, Document)
    assert (doc.source, doc.text) == ("<stdin>", expected)


@pytest.mark.parametrize(
    "stream, message",
    [
        (io.StringIO("  \n"), "file is empty"),
        # read only up to the limit, so the full size is not known
        (io.StringIO("x" * 50), "larger than the 10 bytes limit: split it"),
    ],
)
def test_stdin_errors(stream, message):
    error = read_one("-", stdin=stream, max_bytes=10)
    assert error.source == "<stdin>"
    assert error.error.startswith(message)


def test_inputs_keep_their_order_and_errors_do_not_stop_the_rest(tmp_path):
    first = write(tmp_path / "1.txt", "One said yes.")
    missing = tmp_path / "2.txt"
    third = write(tmp_path / "3.txt", "Three said no.")
    records = read_all(str(first), missing, "-", third, stdin=io.StringIO("Stdin said maybe."))
    assert [getattr(r, "text", None) for r in records] == [
        "One said yes.", None, "Stdin said maybe.", "Three said no.",
    ]
    assert records[1].source == str(missing)


def test_read_text_builds_a_document():
    doc = read_text(QUOTED, title="Port talks", outlet="Gazette")
    assert doc.text == QUOTED
    assert doc.source == "<text>"
    assert (doc.title, doc.outlet) == ("Port talks", "Gazette")
    assert doc.id == hashlib.sha256(QUOTED.encode("utf-8")).hexdigest()[:16]
    assert read_text(QUOTED + " ").id != doc.id
