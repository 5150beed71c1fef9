"""A store made by an older tealeaves, opened for reading (so not migrated), says what to do
instead of failing on a missing table; opened for writing it is upgraded and reads again."""

from __future__ import annotations

import pytest

from postgres_server import postgres_url, store_url  # noqa: F401 (fixtures)
from tealeaves.evaluate.scale import synthetic_corpus
from tealeaves.store import core
from tealeaves.store.core import OutdatedStore, Store


def test_an_older_store_asks_to_be_upgraded_then_reads(store_url, monkeypatch):  # noqa: F811
    every = list(core.MIGRATIONS)
    monkeypatch.setattr(core, "MIGRATIONS", every[:-3])  # the store as an older release left it
    with Store.open(store_url) as store:
        for result in synthetic_corpus(6):
            store.add(result, pipeline_version="old")
    monkeypatch.setattr(core, "MIGRATIONS", every)

    with pytest.raises(OutdatedStore, match="older tealeaves.*3 upgrade.*tealeaves reindex") as raised:
        Store.open(store_url, readonly=True)
    assert "://" not in str(raised.value)  # a PostgreSQL URL may hold a password

    with Store.open(store_url) as store:  # what reindex and ingest do: open for writing
        assert store.pending_migrations() == []
    with Store.open(store_url, readonly=True) as store:
        assert store.timeline(None)
        assert store.pending_migrations() == []


def test_a_store_still_being_created_has_nothing_pending(tmp_path):
    with Store.open(str(tmp_path / "new.db")) as store:
        assert store.pending_migrations() == []
