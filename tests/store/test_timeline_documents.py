"""A timeline row lists the first documents of its side's day and says when there are more."""

from __future__ import annotations

import random

from click.testing import CliRunner

from postgres_server import postgres_url, store_url  # noqa: F401 (fixtures)
from tealeaves.cli import cli
from tealeaves.evaluate.scale import cast, synthetic_result
from tealeaves.store.core import Store


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
    also when observers fill a side-day's first chunk and more must be read."""
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
