"""A search of a store made before the aggregates says what to do, as the other views do:
the page of a common word is planned from the statement count they keep."""

from __future__ import annotations

import pytest

from tealeaves.evaluate.scale import synthetic_corpus
from tealeaves.store import aggregates
from tealeaves.store.core import OutdatedStore, Store


def test_searching_an_older_store_asks_for_reindex(tmp_path):
    db = str(tmp_path / "old.db")
    with Store.open(db) as store:
        for result in synthetic_corpus(10):
            store.add(result, pipeline_version="test")
        with store.db.transaction():
            for table in aggregates.TABLES:
                store.db.execute(f'DROP TABLE "{table}"')
    with Store.open(db, readonly=True) as store, pytest.raises(OutdatedStore, match="tealeaves reindex"):
        store.search("strait")
