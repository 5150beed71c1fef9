"""A store made by an older tealeaves, opened for reading (so not migrated): the views that
have a way to read its older tables do, and one that meets a table the store lacks says what
to run instead of naming the table; opened for writing, the store is upgraded."""

from __future__ import annotations

import pytest

from postgres_server import postgres_url, store_url  # noqa: F401 (fixtures)
from tealeaves.evaluate.scale import synthetic_corpus
from tealeaves.store import aggregates, core
from tealeaves.store.core import OutdatedStore, Store


def test_an_older_store_says_what_to_run_then_reads_after_upgrade(store_url, monkeypatch):  # noqa: F811
    every = list(core.MIGRATIONS)
    older = [(name, run) for name, run in every if name != "sides_learned_later"]
    monkeypatch.setattr(core, "MIGRATIONS", older)  # a release before the sideless aggregates
    with Store.open(store_url) as store:
        for result in synthetic_corpus(6):
            store.add(result, pipeline_version="old")
        for table in aggregates.BACKFILL_TABLES:
            store.db.execute(f'DROP TABLE IF EXISTS "{table}"')
    monkeypatch.setattr(core, "MIGRATIONS", every)

    with Store.open(store_url, readonly=True) as store:
        assert store.pending_migrations() == ["sides_learned_later"]
        with pytest.raises(OutdatedStore, match="older tealeaves.*sides_learned_later.*tealeaves reindex") as raised:
            store.timeline(None)
    assert "://" not in str(raised.value) and "agg_sideless" not in str(raised.value)

    with Store.open(store_url) as store:  # what reindex and ingest do: open for writing
        assert store.pending_migrations() == []
    with Store.open(store_url, readonly=True) as store:
        assert store.timeline(None)


def test_a_missing_table_of_a_current_store_is_not_called_outdated(tmp_path):
    with Store.open(str(tmp_path / "new.db")) as store:
        assert store.pending_migrations() == []
    with Store.open(str(tmp_path / "new.db"), readonly=True) as store:
        with pytest.raises(Exception, match="no such table") as raised:
            store.db.query("SELECT * FROM no_table_of_ours")
    assert not isinstance(raised.value, OutdatedStore)
