"""Search at scale: a common word's page found by walking documents by date is the very page
the sorted search gives, on both backends, with and without filters, on any page."""

from __future__ import annotations

import pytest

from postgres_server import postgres_url, store_url  # noqa: F401 (fixtures)
from tealeaves.evaluate.scale import synthetic_corpus
from tealeaves.store import search as statement_search
from tealeaves.store.core import Store

SEARCHES = [
    ("strait", {}), ("strait", {"side": "ostland"}), ("the", {"side": "Westmark", "since": "2024-03-01"}),
    ("weather calm", {"outlet": "coast daily"}), ("will", {"signal": "threaten"}), ("said", {"speaker": "ada"}),
    ("strait", {"side": "Atlantis"}),
]


@pytest.fixture
def store(store_url):  # noqa: F811
    with Store.open(store_url) as opened:
        for result in synthetic_corpus(60):
            opened.add(result, pipeline_version="test")
        yield opened


@pytest.mark.parametrize("query, filters", SEARCHES)
def test_walking_documents_by_date_finds_the_sorted_page(store, monkeypatch, query, filters):
    pages = [(7, 0), (7, 7), (50, 3), (500, 0)]
    monkeypatch.setattr(statement_search, "DATE_WALK_MATCHES", 10 ** 9)
    sorted_pages = [store.search(query, limit=limit, offset=offset, **filters) for limit, offset in pages]
    walked = []

    def walk(*args, **kwargs):
        walked.append(args)
        return walk_by_date(*args, **kwargs)

    walk_by_date = statement_search._date_walk
    monkeypatch.setattr(statement_search, "DATE_WALK_MATCHES", 1)
    monkeypatch.setattr(statement_search, "_date_walk", walk)
    assert [store.search(query, limit=limit, offset=offset, **filters) for limit, offset in pages] == sorted_pages
    assert len(walked) == len(pages)  # every page came from the walk
    if filters.get("side") != "Atlantis":
        assert sorted_pages[0], "the search should find something"


def test_facets_count_one_sample_of_the_matches(store):
    facets = store.facets("strait", side="Ostland")
    assert [side for side, _ in facets["side"]] == ["Ostland"]
    matches = store.search("strait", side="Ostland", limit=None)
    assert sum(n for _, n in facets["side"]) == min(len(matches), statement_search.FACET_SAMPLE)
    assert sum(n for _, n in facets["signal"]) <= sum(n for _, n in facets["side"])


def test_a_read_only_postgresql_connection_serves_the_next_reader(store_url):  # noqa: F811
    """Each dashboard request opens the store read-only: on PostgreSQL the connection is kept
    for the next one, unless it was left in a transaction."""
    if not store_url.startswith("postgresql://"):
        pytest.skip("SQLite opens a file, not a server connection")
    Store.open(store_url).close()  # create the schema
    with Store.open(store_url, readonly=True) as first:
        connection = first.db.connection
    with Store.open(store_url, readonly=True) as second:
        assert second.db.connection is connection
        assert second.documents_total() == 0
        second.db.connection.execute("BEGIN")  # left open: not to be handed on
    with Store.open(store_url, readonly=True) as third:
        assert third.db.connection is not connection
        with pytest.raises(Exception, match="read-only"):
            third.db.execute('DELETE FROM documents')


@pytest.mark.parametrize("query, filters", [("strait", {"since": "2024-05-01", "until": "2024-06-30"}),
                                            ("said", {"since": "2024-09-01", "until": "2024-09-30", "outlet": "coast daily"}),
                                            ("the", {"until": "2024-04-30", "side": "Westmark"})])
@pytest.mark.parametrize("kind", ["set of matches", "check each"])
def test_facets_within_dates_walked_by_day_count_what_the_matches_give(store, monkeypatch, query, filters, kind):
    """Few matches within the dates: the facets walk the dates' documents instead of reading
    every match with its document, and count the same statements."""
    monkeypatch.setattr(statement_search, "FACET_SAMPLE", 10 ** 6)  # all of them: one answer
    monkeypatch.setattr(statement_search, "_dated_walk_kind", lambda *args: None)
    from_matches = store.facets(query, **filters)
    assert from_matches["signal"], "the dates should hold matches"
    monkeypatch.setattr(statement_search, "_dated_walk_kind", lambda *args: kind)
    assert store.facets(query, **filters) == from_matches


def test_a_narrow_date_range_is_walked_and_a_wide_one_is_not(store, monkeypatch):
    monkeypatch.setattr(statement_search, "FACET_SAMPLE", 10)  # the sample of a large store, scaled down
    assert statement_search._dated_walk_kind(store.db, "strait", {"since": "2024-06-19", "until": "2024-06-19"})
    assert statement_search._dated_walk_kind(store.db, "strait", {"since": "2024-01-01"}) is None
    assert statement_search._dated_walk_kind(store.db, "strait", {"side": "Ostland"}) is None
