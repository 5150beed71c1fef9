"""Documents without a date are counted and named where a timeline leaves them out."""

from __future__ import annotations

import dataclasses

from click.testing import CliRunner
from fastapi.testclient import TestClient

from tealeaves.cli import cli
from tealeaves.store.core import Store
from tealeaves.store.undated import undated_documents
from tealeaves.web.app import create_app
from web_records import harbour, hostile


def _store(path, *results) -> str:
    with Store.open(str(path)) as store:
        for result in results:
            store.add(result, pipeline_version="test")
    return str(path)


def _undated_copy(result, source: str):
    """The result as another file of the same article, without a date."""
    document = dataclasses.replace(result.document, id=source[:16].ljust(16, "0"), source=source, published=None)
    return dataclasses.replace(result, document=document)


def test_the_timeline_names_the_documents_it_leaves_out(tmp_path):
    db = _store(tmp_path / "c.db", harbour("2024-03-01"), _undated_copy(harbour(), "news/b.txt"),
                _undated_copy(hostile(), "news/a.txt"))
    result = CliRunner().invoke(cli, ["timeline", "--db", db], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "2024-03-01" in result.output
    assert "note: 2 documents have no date, so the timeline leaves out their statements: a.txt, b.txt." \
        in " ".join(result.output.split())
    page = TestClient(create_app(db), base_url="http://127.0.0.1:8000").get("/timeline").text
    assert "2 documents have no date" in page and "a.txt, b.txt" in page


def test_a_long_list_is_cut_and_counted(tmp_path):
    copies = [_undated_copy(harbour(), f"news/{n}.txt") for n in range(7)]
    with Store.open(str(tmp_path / "c.db")) as store:
        for copy in copies:
            store.add(copy, pipeline_version="test")
        undated = undated_documents(store)
    assert undated.count == 7 and len(undated.names) == 5
    assert undated.note().startswith("7 documents have no date") and "4.txt, …" in undated.note()


def test_no_note_when_every_document_has_a_date(tmp_path):
    db = _store(tmp_path / "c.db", harbour("2024-03-01"), hostile("2024-03-02"))
    result = CliRunner().invoke(cli, ["timeline", "--db", db])
    assert "no date" not in result.output
    assert "no date" not in TestClient(create_app(db), base_url="http://127.0.0.1:8000").get("/timeline").text
