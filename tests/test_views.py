"""The corpus views as records: every row names and links the article it comes from, the
outputs agree on their columns and types, and the timeline does not mislead."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
from datetime import date

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from tealeaves.cli import cli
from tealeaves.models import DocumentResult, Result
from tealeaves.sinks import charts
from tealeaves.sinks.output import write_csv
from tealeaves.store import Store
from tealeaves.views import TimelineRow
from tealeaves.web.app import create_app
from web_records import harbour


def _copy(result: DocumentResult, doc_id: str, published: str, **document: object) -> DocumentResult:
    """The same article stored again under another id, day and metadata."""
    return dataclasses.replace(result, document=dataclasses.replace(
        result.document, id=doc_id, published=published, **document))


@pytest.fixture(scope="module")
def traced(tmp_path_factory):
    """A store of a titled article, a second copy from another outlet, an untitled one known only
    by its file, and a mixed message across the first two."""
    db = str(tmp_path_factory.mktemp("views") / "views.db")
    first = harbour("2024-03-01", "Harbour Wire")
    second = _copy(first, "second0000000000", "2024-03-04", outlet="Strait Post", title="Talks resume")
    untitled = _copy(first, "untitled00000000", "2024-03-09", outlet=None, title=None,
                     source="notes/strait-brief.txt")
    with Store.open(db) as store:
        for result in (first, second, untitled):
            store.add(result, pipeline_version="test")
        store.replace_cross_mixed_messages([{
            "id": "cx-1", "side": "Westmark", "kind": "reassurance_vs_threat", "score": 0.95,
            "explanation": "Oran reassures on Friday and threatens on Monday.",
            "statement_ids": [first.statements[2].id, second.statements[1].id],
            "document_ids": [first.document.id, second.document.id], "days": ["2024-03-01", "2024-03-04"]}])
    return db, first, second, untitled


def _run(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args), env={"COLUMNS": "400"})
    assert result.exit_code == 0, result.output
    return result.stdout


def test_terminal_rows_name_their_documents(traced):
    db, first, second, untitled = traced
    named = {"search": _run("search", "", "--db", db, "--limit", "100"),
             "timeline": _run("timeline", "--db", db),
             "mixed": _run("mixed", "--db", db),
             "actors": _run("actors", "--db", db)}
    for command in ("search", "timeline"):
        for text in ("Fleet stays in the strait · Harbour Wire · 2024-03-01", "Talks resume · Strait Post · 2024-03-04",
                     "strait-brief.txt · 2024-03-09", f"[{untitled.document.id}]"):
            assert text in named[command], (command, text)
    # The across pair: both articles, and the statement ids of both halves.
    assert "Talks resume · Strait Post · 2024-03-04" in named["mixed"]
    assert first.statements[2].id in named["mixed"] and second.statements[1].id in named["mixed"]
    assert "strait-brief.txt · 2024-03-09" in named["actors"]  # the newest article Oran speaks in


def test_json_rows_carry_their_documents(traced):
    db, first, second, _ = traced
    [across] = [m for m in json.loads(_run("mixed", "--db", db, "--scope", "across", "-f", "json"))]
    assert across["statement_ids"] == [first.statements[2].id, second.statements[1].id]
    assert [(d["id"], d["title"], d["outlet"], d["day"]) for d in across["documents"]] == [
        (first.document.id, "Fleet stays in the strait", "Harbour Wire", "2024-03-01"),
        (second.document.id, "Talks resume", "Strait Post", "2024-03-04")]
    [row] = json.loads(_run("timeline", "--db", db, "--side", "Ostland", "--until", "2024-03-01", "-f", "json"))
    assert [d["id"] for d in row["documents"]] == [first.document.id]


def test_dashboard_rows_link_to_their_document_pages(traced):
    db, first, second, untitled = traced
    client = TestClient(create_app(db), base_url="http://127.0.0.1:8000")
    pages = {path: client.get(path).text for path in ("/search", "/timeline", "/mixed", "/actors")}
    for path in ("/search", "/timeline"):
        for result in (first, second, untitled):
            assert f'href="/documents/{result.document.id}' in pages[path], (path, result.document.id)
        assert "strait-brief.txt" in pages[path] and "Strait Post" in pages[path]
    assert f'href="/documents/{second.document.id}#st-{second.statements[1].id}"' in pages["/mixed"]
    assert f"<code>{first.statements[2].id}</code>" in pages["/mixed"]
    assert f'href="/documents/{untitled.document.id}"' in pages["/actors"]


def test_analyze_csv_has_every_statement_column_of_search_csv(traced):
    db, first, _, _ = traced
    searched = next(csv.reader(io.StringIO(_run("search", "", "--db", db, "-f", "csv"))))
    analysed = io.StringIO()
    write_csv(Result((first,)), analysed)
    header = next(csv.reader(io.StringIO(analysed.getvalue())))
    statement_columns = {f.name for f in dataclasses.fields(first.statements[0])} - {"id"}
    assert statement_columns <= set(searched) and statement_columns <= set(header)
    assert {"signals", "negated", "condition", "modality", "time", "topic", "target", "cue_sense"} <= set(header)


def test_search_says_when_the_signal_matched_as_a_secondary_one(tmp_path):
    result = harbour()
    threat = dataclasses.replace(result.statements[1], signals=("threaten", "demand"))
    result = dataclasses.replace(result, statements=(result.statements[0], threat, *result.statements[2:]))
    db = str(tmp_path / "secondary.db")
    with Store.open(db) as store:
        store.add(result, pipeline_version="test")
    [hit] = json.loads(_run("search", "", "--db", db, "--signal", "demand", "-f", "json"))
    assert (hit["id"], hit["signal"], hit["secondary"]) == (threat.id, "threaten", True)
    [main] = json.loads(_run("search", "", "--db", db, "--signal", "threaten", "-f", "json"))
    assert main["secondary"] is False
    assert "demand (secondary)" in _run("search", "", "--db", db, "--signal", "demand")
    page = TestClient(create_app(db), base_url="http://127.0.0.1").get("/search", params={"signal": "demand"}).text
    assert "as a secondary signal" in page


def test_parquet_export_keeps_lists_structs_and_dates(traced, tmp_path):
    db, first, _, _ = traced
    assert CliRunner().invoke(cli, ["export", "--db", db, "--out", str(tmp_path)]).exit_code == 0
    statements = pq.read_table(tmp_path / "statements.parquet")
    assert statements.schema.field("signals").type == pa.list_(pa.string())
    assert pa.types.is_struct(statements.schema.field("content").type.value_type)
    across = pq.read_table(tmp_path / "cross_mixed_messages.parquet")
    assert across.schema.field("statement_ids").type == pa.list_(pa.string())
    assert across.schema.field("documents").type.value_type.field("day").type == pa.date32()
    assert across.to_pylist()[0]["documents"][0]["day"] == date(2024, 3, 1)
    actors = pq.read_table(tmp_path / "corpus_actors.parquet")
    assert actors.schema.field("aliases").type == pa.list_(pa.string())


def _day(side: str, day: str, escalation: float) -> TimelineRow:
    return TimelineRow(side, date.fromisoformat(day), 2, {"threaten": 1, "reassure": 1}, 1, 1, escalation)


def test_the_timeline_has_a_true_time_axis_and_no_line_across_a_gap():
    days = [_day("Ostland", d, e) for d, e in (("2023-12-30", 0.5), ("2023-12-31", 1.0), ("2024-01-01", -0.5),
                                               ("2024-01-09", 0.0), ("2025-06-01", 1.0))]
    spec = charts.timeline_spec(days + [_day("Westmark", "2024-01-02", 0.0)])
    for panel in spec["vconcat"]:
        bars, line = panel["layer"]
        assert bars["encoding"]["x"]["type"] == line["encoding"]["x"]["type"] == "temporal"
        assert line["encoding"]["detail"]["field"] == "run"
    points = [v for v in spec["data"]["values"] if "escalation" in v]
    runs: dict[int, list[date]] = {}
    for point in points:
        runs.setdefault(point["run"], []).append(date.fromisoformat(point["date"]))
    # A line joins only days that follow each other; a gap of a week or a year starts a new one.
    assert sorted(sorted(run) for run in runs.values()) == sorted([
        [date(2023, 12, 30), date(2023, 12, 31), date(2024, 1, 1)], [date(2024, 1, 9)], [date(2025, 6, 1)],
        [date(2024, 1, 2)]])


def test_legends_link_to_the_codebook(traced):
    db, first, _, _ = traced
    client = TestClient(create_app(db), base_url="http://127.0.0.1:8000")
    for path in ("/timeline", "/", f"/documents/{first.document.id}"):
        assert 'href="/codebook' in client.get(path).text, path
    book = client.get("/codebook").text
    for code in ("threaten", "assault", "reassure"):
        assert f'id="code-{code}"' in book
    from tealeaves.sinks.report import render_report

    report = render_report([first])
    assert 'href="#codebook"' in report and 'id="codebook"' in report and 'id="code-threaten"' in report
