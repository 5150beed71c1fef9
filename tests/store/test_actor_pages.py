"""A page of corpus actors costs one query per actor on it (its newest document) over a fixed
few: on PostgreSQL each query is a round trip to the server."""

from __future__ import annotations

from tealeaves.evaluate.scale import synthetic_corpus
from tealeaves.store.core import Store


def _queries(store: Store, monkeypatch, limit: int) -> int:
    calls = 0
    real_query = store.db.query

    def counting(sql, params=()):
        nonlocal calls
        calls += 1
        return real_query(sql, params)

    monkeypatch.setattr(store.db, "query", counting)
    assert len(store.actors(limit=limit)) == limit
    monkeypatch.setattr(store.db, "query", real_query)
    return calls


def test_each_actor_on_a_page_costs_one_query(tmp_path, monkeypatch):
    with Store.open(str(tmp_path / "corpus.db")) as store:
        for result in synthetic_corpus(40):
            store.add(result, pipeline_version="test")
        store.refresh_corpus_actors()
        small, large = _queries(store, monkeypatch, 5), _queries(store, monkeypatch, 25)
    assert large - small <= 20  # a query per actor added; before: two (the store's size each time)
