"""A common word's page and a timeline page cost what the page needs, not what the store holds:
counted in SQLite virtual-machine steps (no clocks), on a store and on one four times larger."""

from __future__ import annotations

import random

import pytest

from postgres_server import postgres_url, store_url  # noqa: F401 (fixtures)
from tealeaves.evaluate.scale import cast, synthetic_corpus, synthetic_result
from tealeaves.store import search as statement_search
from tealeaves.store.backends import SQLiteBackend
from tealeaves.store.core import Store
from tealeaves.store.views import DAY_DOCUMENTS
from vm_steps import vm_steps

SEARCHES = [("said", {}), ("said", {"side": "Westmark", "since": "2024-03-01"}), ("strait", {"outlet": "coast daily"}),
            ("weather calm", {})]


@pytest.fixture
def store(store_url):  # noqa: F811
    with Store.open(store_url) as opened:
        for result in synthetic_corpus(60):
            opened.add(result, pipeline_version="test")
        yield opened


@pytest.mark.parametrize("check_cost", [0, 10 ** 12], ids=["check each", "set of matches"])
@pytest.mark.parametrize("query, filters", SEARCHES)
def test_either_walk_finds_the_sorted_page(store, monkeypatch, check_cost, query, filters):
    monkeypatch.setattr(statement_search, "DATE_WALK_MATCHES", 10 ** 9)
    pages = [(7, 0), (7, 7), (50, 3)]
    sorted_pages = [store.search(query, limit=limit, offset=offset, **filters) for limit, offset in pages]
    monkeypatch.setattr(statement_search, "DATE_WALK_MATCHES", 1)
    monkeypatch.setattr(type(store.db), "check_cost", check_cost)
    assert [store.search(query, limit=limit, offset=offset, **filters) for limit, offset in pages] == sorted_pages
    assert sorted_pages[0]


def _steps(store: Store, call) -> int:
    """SQLite virtual-machine steps (in hundreds) that ``call`` takes on ``store``."""
    return vm_steps(store, call, every=100)[0]


def _grown(path, documents: int, days: int) -> Store:
    store = Store.open(str(path))
    actors = cast()
    for n in range(documents):
        store.add(synthetic_result(n, random.Random(n), actors, days=days), pipeline_version="test")
    return store


def test_a_word_in_every_statement_costs_no_more_in_a_larger_store(tmp_path, monkeypatch):
    monkeypatch.setattr(statement_search, "DATE_WALK_MATCHES", 1)  # the walk, as a large store takes
    # With every statement a match, checking each pays once the store holds more statements than
    # check_cost × the page: 200 here (150 documents hold 750), 4,000 at the real cost.
    monkeypatch.setattr(SQLiteBackend, "check_cost", 10)
    costs = []
    for documents in (150, 600):
        with _grown(tmp_path / f"{documents}.db", documents, days=365) as store:
            assert len(store.search("said", limit=20)) == 20
            costs.append(_steps(store, lambda: store.search("said", limit=20)))
    assert costs[1] < 1.5 * costs[0], costs


def test_a_timeline_page_lists_the_first_documents_of_each_day_and_costs_no_more(tmp_path):
    costs = []
    for documents in (150, 600):
        with _grown(tmp_path / f"{documents}.db", documents, days=10) as store:
            rows = store.timeline(limit=4)
            first = store.documents(since=str(rows[0].day), until=str(rows[0].day))
            assert all(len(row.documents) == DAY_DOCUMENTS for row in rows)
            assert {d.id for d in rows[0].documents} <= {d["id"] for d in first}
            costs.append(_steps(store, lambda: store.timeline(limit=4)))
    assert costs[1] < 1.5 * costs[0], costs


def test_a_sorted_page_makes_snippets_for_its_own_rows_only(store, monkeypatch):
    """A word with fewer matches than a date walk needs is sorted; the snippets, dear on both
    engines (FTS5 snippet, ts_headline), are made for the page's rows, not every match."""
    monkeypatch.setattr(statement_search, "DATE_WALK_MATCHES", 10 ** 9)
    backend = type(store.db)
    real_query = backend.query
    snippet_inputs: list[int] = []  # parameters of each query that makes snippets: its statements' keys

    def recording(self, sql, params=()):
        if "snippet(" in sql or "ts_headline(" in sql:
            snippet_inputs.append(len(params))
        return real_query(self, sql, params)

    monkeypatch.setattr(backend, "query", recording)
    page = store.search("said", limit=5)
    matches = len(store.search("said", limit=10 ** 6))
    assert len(page) == 5 and matches > 20
    # the page (and the row that tells whether another follows) plus the query's own words;
    # the old query took every match and sorted them with their snippets
    assert snippet_inputs[0] <= 5 + 1 + 4 < matches
