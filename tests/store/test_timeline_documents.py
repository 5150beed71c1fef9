"""A timeline row lists the first documents of its side's day and says when there are more."""

from __future__ import annotations

import random

from click.testing import CliRunner

from postgres_server import postgres_url, store_url  # noqa: F401 (fixtures)
from tealeaves.cli import cli
from tealeaves.evaluate.scale import cast, synthetic_result
from tealeaves.store.core import Store
from tealeaves.store.views import DAY_DOCUMENTS


def test_the_cli_timeline_says_a_busy_day_has_more_documents(tmp_path):
    db = str(tmp_path / "busy.db")
    actors = cast()
    with Store.open(db) as store:
        for n in range(40):  # 40 documents over two days
            store.add(synthetic_result(n, random.Random(n), actors, days=2), pipeline_version="test")
    done = CliRunner().invoke(cli, ["timeline", "--db", db, "--limit", "1"], env={"COLUMNS": "400"})
    assert done.exit_code == 0, done.output
    assert "… and more" in done.output


def test_postgresql_reads_the_first_documents_of_every_side_day_in_one_query(store_url, monkeypatch):  # noqa: F811
    """The page's side-days' first documents come in one LATERAL query on PostgreSQL (one query
    per side-day cost 2.3 s a page at 3,000 documents) and are those read one side-day at a time,
    also when observers fill a side-day's first chunk and more must be read, and when the first
    documents of the day (``DAY_WINDOW``) hold too few of a side's."""
    from tealeaves.store import views

    actors = cast()
    with Store.open(store_url) as store:
        for n in range(120):
            store.add(synthetic_result(n, random.Random(n), actors, days=6), pipeline_version="test")
        monkeypatch.setattr(views, "is_observer", lambda actor: actor.name[0] in "ABCDEFGHIJ")  # most are
        queries: list[str] = []
        real = store.db.query
        monkeypatch.setattr(store.db, "query", lambda sql, *args: queries.append(sql) or real(sql, *args))
        together = store.timeline(limit=30)
        monkeypatch.setattr(store.db, "lateral", False)
        queries.clear()
        one_by_one = store.timeline(limit=30)
        assert together == one_by_one and len(together) > 10
        assert any(len(row.documents) == views.DAY_DOCUMENTS for row in together)
        monkeypatch.setattr(store.db, "lateral", store.db.name == "postgresql")
        queries.clear()
        store.timeline(limit=30)
        per_side_day = [sql for sql in queries if "LIMIT ? OFFSET ?" in sql]
        if store.db.name == "postgresql":
            assert 0 < len(per_side_day) < len(together) // 2  # only side-days whose first chunk fell short
        else:
            assert len(per_side_day) >= len(together)
        monkeypatch.setattr(views, "DAY_WINDOW", 3)  # a window that cuts every day short: read on after it
        assert store.timeline(limit=30) == one_by_one


def _buffers_of_first_chunks(store: Store, monkeypatch) -> int:
    """Shared buffers PostgreSQL reads for a timeline page's first chunks (EXPLAIN ANALYZE)."""
    captured: list[tuple[str, list]] = []
    real = store.db.query
    monkeypatch.setattr(store.db, "query", lambda sql, params=(): (
        captured.append((sql, list(params))) if "LATERAL" in sql else None) or real(sql, params))
    rows = store.timeline(limit=4)
    monkeypatch.setattr(store.db, "query", real)
    assert rows and all(len(row.documents) == DAY_DOCUMENTS for row in rows)
    [(sql, params)] = captured
    plan = store.db.query(f"EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) {sql}", params)[0]
    top = next(iter(plan.values()))[0]["Plan"]
    return top["Shared Hit Blocks"] + top["Shared Read Blocks"]


def test_postgresql_reads_a_busy_day_no_further_than_its_first_documents(postgres_url, monkeypatch):  # noqa: F811
    """A timeline page's first chunks cost the same on a day of 100 documents as on one of 400:
    PostgreSQL used to join every document of the day to its speakers and sort them all for the
    first 20 rows (274 documents a side-day at 100k documents, 220-300 ms a page)."""
    import uuid

    import psycopg

    actors = cast()
    costs = []
    for documents in (100, 400):
        name = f"tealeaves_busy_{uuid.uuid4().hex[:8]}"
        with psycopg.connect(postgres_url, autocommit=True) as admin:
            admin.execute(f'CREATE DATABASE "{name}"')
        try:
            with Store.open(postgres_url.rsplit("/", 1)[0] + "/" + name) as store:
                for n in range(documents):  # all on one day
                    store.add(synthetic_result(n, random.Random(n), actors, days=1), pipeline_version="test")
                store.db.execute("ANALYZE")
                costs.append(_buffers_of_first_chunks(store, monkeypatch))
        finally:
            with psycopg.connect(postgres_url, autocommit=True) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    assert costs[1] < 1.5 * costs[0], costs
