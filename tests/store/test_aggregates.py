"""Corpus aggregates: kept right on add, replace and delete on both backends, rebuilt for old
stores, and what the views read instead of every stored result; every list pages."""

import dataclasses
import json
import sqlite3

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from postgres_server import postgres_url, store_url  # noqa: F401 (fixtures)
from tealeaves.cli import cli
from tealeaves.sinks import charts
from tealeaves.sinks.report import summary
from tealeaves.store import aggregates
from tealeaves.store.core import OutdatedStore, Store
from tealeaves.web.app import create_app
from web_records import harbour, hostile


def _snapshot(store: Store) -> dict:
    """Every aggregate row, keyed, with sums rounded (float sums after subtraction)."""
    out = {}
    for table, (keys, values) in aggregates.TABLES.items():
        rows = store.db.query(f'SELECT * FROM "{table}"')
        out[table] = {tuple(r[k] for k in keys): tuple(round(float(r[v]), 6) for v, _ in values) for r in rows}
    return out


def _corpus():
    first, second = harbour("2024-03-01", "Harbour Wire"), hostile("2024-03-02")
    third = harbour("2024-03-05", "Coast Daily")
    third = dataclasses.replace(third, document=dataclasses.replace(third.document, id="harbour-copy"))
    return [first, second, third]


def test_aggregates_follow_adds_replacements_and_deletes(store_url):  # noqa: F811
    results = _corpus()
    with Store.open(store_url) as store:
        for result in results:
            store.add(result, pipeline_version="test")
        edited = dataclasses.replace(results[0], statements=results[0].statements[:2], mixed_messages=())
        store.add(edited, pipeline_version="test")  # replaces the first: its old counts go
        store.delete(results[1].document.id)
        kept = _snapshot(store)
        store.rebuild_aggregates()
        assert _snapshot(store) == kept
        assert kept["agg_documents"] and kept["agg_statements"] and kept["agg_actors"]
        stored = list(store.results())
        assert store.summary() == summary(stored, [])
        assert store.signal_mix() == charts.signal_mix_rows(stored)
        assert store.documents_total() == 2 and store.documents_total(outlet="coast daily") == 1
        assert store.mixed_total() == 1


def test_views_read_aggregates_and_pages_not_every_result(tmp_path, monkeypatch):
    db = str(tmp_path / "corpus.db")
    with Store.open(db) as store:
        for result in _corpus():
            store.add(result, pipeline_version="test")
        store.refresh_corpus_actors()

    def everything(self, ids=None):
        if ids is None:
            raise AssertionError("a view read every stored result")
        return original(self, ids)

    original = Store.results
    monkeypatch.setattr(Store, "results", everything)
    client = TestClient(create_app(db), base_url="http://127.0.0.1:8000")
    for path in ("/", "/actors", "/documents", "/mixed", "/timeline", "/search", "/actors/oran"):
        assert client.get(path).status_code == 200, path
    for command in (["actors"], ["timeline"], ["mixed"]):
        result = CliRunner().invoke(cli, [*command, "--db", db])
        assert result.exit_code == 0, result.output


def test_every_list_pages_with_its_total(tmp_path):
    db = str(tmp_path / "corpus.db")
    with Store.open(db) as store:
        for result in _corpus():
            store.add(result, pipeline_version="test")
        store.refresh_corpus_actors()
        every = store.actors()
    client = TestClient(create_app(db), base_url="http://127.0.0.1:8000")
    response = client.get("/actors", params={"format": "json", "limit": 1, "offset": 1})
    assert [a["id"] for a in response.json()] == [every[1].id]
    assert response.headers["x-total-count"] == str(len(every))
    assert 'rel="next"' in response.headers["link"] and 'rel="prev"' in response.headers["link"]
    documents = client.get("/documents", params={"format": "json", "limit": 2})
    assert len(documents.json()) == 2 and documents.headers["x-total-count"] == "3"
    assert "next →" in client.get("/documents", params={"limit": 1}).text
    assert client.get("/actors", params={"limit": 0}).status_code == 400
    output = CliRunner().invoke(cli, ["actors", "--db", db, "--limit", "1", "--offset", "1", "--format", "json"])
    assert [a["id"] for a in json.loads(output.output)] == [every[1].id]
    table = CliRunner().invoke(cli, ["actors", "--db", db, "--limit", "1"])
    assert f"rows 1–1 of {len(every)}; --offset 1 for the next page" in table.output
    mixed = CliRunner().invoke(cli, ["mixed", "--db", db, "--limit", "1", "--offset", "1", "--format", "json"])
    assert len(json.loads(mixed.output)) == 1


def _make_old(db: str) -> None:
    """Turn a store back into one made before the aggregates (tables, indexes, migration record)."""
    with Store.open(db) as store, store.db.transaction():
        for table in (*aggregates.TABLES, "corpus_actors"):
            store.db.execute(f'DROP TABLE "{table}"')
        for index in ("actors_id", "actors_side", "statements_topic", "documents_outlet", "documents_order",
                      "mixed_messages_score"):
            store.db.execute(f'DROP INDEX "{index}"')
        store.db.execute("DELETE FROM corpus_state WHERE \"key\" = 'corpus_actors'")
        store.db.execute("DELETE FROM migrations WHERE \"name\" = 'corpus_aggregates'")


def test_an_older_store_gets_its_aggregates_from_reindex_or_its_next_write(tmp_path):
    db = str(tmp_path / "old.db")
    with Store.open(db) as store:
        for result in _corpus():
            store.add(result, pipeline_version="test")
        expected = store.summary()
    _make_old(db)
    with Store.open(db, readonly=True) as store, pytest.raises(OutdatedStore, match="tealeaves reindex"):
        store.summary()
    failed = CliRunner().invoke(cli, ["actors", "--db", db])
    assert failed.exit_code == 2 and "tealeaves reindex" in failed.output
    done = CliRunner().invoke(cli, ["reindex", "--db", db])
    assert done.exit_code == 0 and "aggregates of 3 documents rebuilt" in done.output
    with Store.open(db, readonly=True) as store:
        assert store.summary() == expected and store.actors_total() > 0
    _make_old(db)
    with Store.open(db) as store:  # a writable open migrates and fills them
        assert store.summary() == expected


def test_a_store_still_being_created_is_not_called_an_older_store(tmp_path):
    """A reader that opens the file before the writer's first transaction commits finds no
    tables at all: that is a store not made yet, not one made by an older tealeaves."""
    db = tmp_path / "new.db"
    sqlite3.connect(db).close()  # the file exists, its schema does not yet
    with Store.open(str(db), readonly=True) as store:
        with pytest.raises(Exception, match="no such table") as raised:
            store.summary()
    assert not isinstance(raised.value, OutdatedStore)
