"""Pages read by cursor: the same rows as by offset, in the same order, on both backends,
undated documents included (NULL sorts first on SQLite and last on PostgreSQL), and a deep
page read by cursor costs a page, not the rows before it."""

from __future__ import annotations

import dataclasses
import json

import pytest

from postgres_server import postgres_url, store_url  # noqa: F401 (fixtures)
from tealeaves.evaluate.scale import synthetic_corpus
from tealeaves.store import search as statement_search
from tealeaves.store.core import Store
from tealeaves.store.sql import BadCursor, cursor
from vm_steps import vm_steps


@pytest.fixture
def store(store_url):  # noqa: F811
    with Store.open(store_url) as opened:
        for number, result in enumerate(synthetic_corpus(40)):
            if number % 7 == 3:  # some without a date
                result = dataclasses.replace(result, document=dataclasses.replace(result.document, published=None))
            opened.add(result, pipeline_version="test")
        yield opened


def _by_cursor(read, limit):
    """Every row of a list, a page at a time, each page after the cursor of the one before."""
    rows, after = [], None
    while True:
        page, after = read(limit=limit, after=after)
        rows += page
        if after is None:
            return rows


@pytest.mark.parametrize("filters", [{}, {"outlet": "coast daily"}, {"since": "2024-03-01"}])
def test_documents_by_cursor_are_the_documents_by_offset(store, filters):
    every = store.documents(**filters)
    assert len(every) > 5 and any(row["day"] is None for row in every) == (not filters.get("since"))
    assert _by_cursor(lambda **page: store.documents_page(**filters, **page), 4) == every
    assert _by_cursor(lambda **page: store.documents_page(**filters, **page), 1000) == every


@pytest.mark.parametrize("query, filters", [("strait", {}), ("", {}), ("strait", {"side": "ostland"}),
                                            ("said", {"since": "2024-02-01"})])
@pytest.mark.parametrize("walk", [True, False])
def test_search_by_cursor_is_the_search_by_offset(store, monkeypatch, query, filters, walk):
    monkeypatch.setattr(statement_search, "DATE_WALK_MATCHES", 1 if walk else 10 ** 9)
    every = store.search(query, limit=None, **filters)
    assert len(every) > 4
    assert _by_cursor(lambda **page: store.search_page(query, **filters, **page), 3) == every
    assert store.search_page(query, limit=2, offset=2, **filters)[0] == \
        store.search_page(query, limit=2, after=store.search_page(query, limit=2, **filters)[1], **filters)[0]


def test_a_deep_page_by_cursor_reads_a_page(tmp_path):
    """SQLite's virtual machine steps for the last page of documents: by offset they grow with
    the rows before the page, by cursor they stay those of one page."""
    with Store.open(str(tmp_path / "c.db")) as store:
        for result in synthetic_corpus(400):
            store.add(result, pipeline_version="test")
        after = store.documents_page(limit=10, offset=380)[1]
        expected = store.documents(limit=10, offset=390)
        steps = {}
        for name, arguments in {"offset": {"offset": 390}, "cursor": {"after": after}}.items():
            steps[name], (rows, _) = vm_steps(store, lambda: store.documents_page(limit=10, **arguments))  # noqa: B023 (run here)
            assert rows == expected
        assert steps["cursor"] * 10 < steps["offset"]


def test_a_cursor_of_something_else_is_refused_plainly(store):
    for bad in ("not a cursor", cursor(["2024-01-01"]), cursor([{"a": 1}, 2, 3])):
        with pytest.raises(BadCursor, match="not a page cursor"):
            store.documents_page(limit=5, after=bad)


def test_the_dashboard_and_the_cli_page_by_cursor(tmp_path):
    """The "next" link (and the JSON twin's Link header) carries the cursor; following it
    gives the rows by offset; the CLI's note names the cursor for --after."""
    from click.testing import CliRunner
    from fastapi.testclient import TestClient

    from tealeaves.cli import cli
    from tealeaves.web.app import create_app

    db = str(tmp_path / "c.db")
    with Store.open(db) as store:
        for result in synthetic_corpus(30):
            store.add(result, pipeline_version="test")
        every = {"/documents": [row["id"] for row in store.documents()],
                 "/search?q=strait": [hit.id for hit in store.search("strait", limit=None)]}
    client = TestClient(create_app(db), base_url="http://127.0.0.1:8000")
    for path, expected in every.items():
        url, seen = path + ("&" if "?" in path else "?") + "format=json&limit=7", []
        while url:
            response = client.get(url)
            assert response.status_code == 200, response.text
            rows = response.json()
            seen += [row["id"] for row in (rows["results"] if isinstance(rows, dict) else rows)]
            link = response.headers.get("link", "")
            url = next((part.split(">")[0].lstrip("<") for part in link.split(", ") if 'rel="next"' in part), None)
            assert url is None or "after=" in url
        assert seen == expected
    assert client.get("/documents?after=nonsense").status_code == 400
    first = CliRunner().invoke(cli, ["search", "strait", "--db", db, "--limit", "3"])
    cursor = first.output.split("--after ")[1].split()[0]
    second = CliRunner().invoke(cli, ["search", "strait", "--db", db, "--limit", "3", "--after", cursor,
                                      "--format", "json"])
    assert [hit["id"] for hit in json.loads(second.output)] == every["/search?q=strait"][3:6]
    assert CliRunner().invoke(cli, ["search", "strait", "--db", db, "--after", "x"]).exit_code == 2


def _across(store: Store) -> list[dict]:
    """Mixed messages across documents whose scores tie with some within documents (within
    ones come first in a tie), stored as an ingest's end stores them."""
    within = store.mixed_page(limit=6)
    assert len(within) == 6
    documents = [ref.id for row in within for ref in row.documents][:2]
    rows = [{"id": f"across-{n}", "side": row.side, "kind": row.kind, "explanation": "invented for a test",
             "score": row.score, "statement_ids": list(row.statement_ids), "document_ids": documents,
             "days": ["2024-03-01", "2024-03-02"]} for n, row in enumerate(within[::2])]
    store.replace_cross_mixed_messages(rows, "test")
    return rows


@pytest.mark.parametrize("filters", [{}, {"side": "ostland"}, {"scope": "within"}, {"scope": "across"}])
def test_mixed_messages_by_cursor_are_those_by_offset(store, filters):
    _across(store)
    every = store.mixed_page(**filters)
    assert len(every) >= 3
    assert filters or ({row.scope for row in every} == {"within", "across"}
                       and len({row.score for row in every}) < len(every))  # ties to order
    for limit in (1, 2, 5, 1000):
        assert _by_cursor(lambda **page: store.mixed_messages_page(**filters, **page), limit) == every  # noqa: B023
    second = store.mixed_messages_page(limit=2, after=store.mixed_messages_page(limit=2, **filters)[1], **filters)
    assert second[0] == store.mixed_page(limit=2, offset=2, **filters)


@pytest.mark.parametrize("walk", [True, False])
def test_an_actors_documents_by_cursor_are_those_by_offset(store, walk):
    """An actor of many documents is found by walking the documents in order, one of few by
    reading its own: both give the same pages."""
    undated = {row["id"] for row in store.db.query('SELECT "id" FROM documents WHERE "day" IS NULL')}
    occurrences = 10 ** 6 if walk else 1
    actor, every = next((a, ids) for a in sorted(store.actors(), key=lambda a: -a.documents)
                        for ids in [store.actor_documents_page(a.members, occurrences)[0]]
                        if undated & set(ids))  # an undated document to place among the dated
    assert len(every) == actor.documents >= 3
    for limit in (1, 2, 1000):
        assert _by_cursor(lambda **page: store.actor_documents_page(actor.members, occurrences, **page),  # noqa: B023
                          limit) == every
    assert store.actor_documents_page(actor.members, occurrences, limit=2, offset=2)[0] == every[2:4]


def test_a_deep_page_of_mixed_messages_by_cursor_reads_a_page(tmp_path):
    with Store.open(str(tmp_path / "c.db")) as store:
        for result in synthetic_corpus(400):
            store.add(result, pipeline_version="test")
        total = store.mixed_total()
        after = store.mixed_messages_page(limit=10, offset=total - 20)[1]
        expected = store.mixed_page(limit=10, offset=total - 10)
        steps = {}
        for name, arguments in {"offset": {"offset": total - 10}, "cursor": {"after": after}}.items():
            steps[name], (rows, _) = vm_steps(store, lambda: store.mixed_messages_page(limit=10, **arguments))  # noqa: B023 (run here)
            assert rows == expected
        assert total > 100 and steps["cursor"] * 5 < steps["offset"], steps


def test_a_cursor_of_another_list_is_refused_by_mixed_messages(store):
    documents_cursor = store.documents_page(limit=2)[1]
    for bad in ("not a cursor", documents_cursor, cursor([0.5, "elsewhere", 3])):
        with pytest.raises(BadCursor, match="not a page cursor"):
            store.mixed_messages_page(limit=5, after=bad)


def test_the_dashboard_and_the_cli_page_mixed_messages_and_an_actors_documents_by_cursor(tmp_path):
    from click.testing import CliRunner
    from fastapi.testclient import TestClient

    from tealeaves.cli import cli
    from tealeaves.web.app import create_app

    db = str(tmp_path / "c.db")
    with Store.open(db) as store:
        for result in synthetic_corpus(40):
            store.add(result, pipeline_version="test")
        _across(store)
        actor = store.actors(limit=1)[0]
        every = {"/mixed": [row.id for row in store.mixed_page()],
                 f"/actors/{actor.id}": store.actor_documents_page(actor.members, actor.documents)[0]}
    client = TestClient(create_app(db), base_url="http://127.0.0.1:8000")
    for path, expected in every.items():
        url, seen = f"{path}?format=json&limit=4", []
        while url:
            response = client.get(url)
            assert response.status_code == 200, response.text
            rows = response.json()
            seen += ([row["id"] for row in rows] if isinstance(rows, list) else
                     list(dict.fromkeys(row["document_id"] for row in rows["statements"])))
            link = response.headers.get("link", "")
            url = next((part.split(">")[0].lstrip("<") for part in link.split(", ") if 'rel="next"' in part), None)
            assert url is None or "after=" in url
        assert seen == expected, path
        assert client.get(f"{path}?after=nonsense").status_code == 400
    first = CliRunner().invoke(cli, ["mixed", "--db", db, "--limit", "3"])
    after = first.output.split("--after ")[1].split()[0]
    second = CliRunner().invoke(cli, ["mixed", "--db", db, "--limit", "3", "--after", after, "--format", "json"])
    assert [row["id"] for row in json.loads(second.output)] == every["/mixed"][3:6]
    assert CliRunner().invoke(cli, ["mixed", "--db", db, "--after", "x"]).exit_code == 2
