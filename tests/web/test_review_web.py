"""The dashboard's review mode in-process: off by default, token and CSRF token required for
every write, foreign origins refused, hostile input kept as text."""

import re

import pytest
from fastapi.testclient import TestClient

from tealeaves.store import corrections as fixes
from tealeaves.store.core import Store
from tealeaves.web.app import create_app
from web_records import harbour

BASE = "http://127.0.0.1:8000"


@pytest.fixture
def db(tmp_path):
    path = str(tmp_path / "corpus.db")
    with Store.open(path) as store:
        store.add(harbour(), pipeline_version="test")
    return path


def _signed_in(db):
    app = create_app(db, review=True)
    client = TestClient(app, base_url=BASE, follow_redirects=False)
    assert client.get("/review/start", params={"token": app.state.review_token}).status_code == 303
    page = client.get("/review")
    assert page.status_code == 200
    csrf = re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)
    return client, csrf


def _signal(db, statement_id):
    with Store.open(db, readonly=True) as store:
        return {s.id: s.signal for r in store.results() for s in r.statements}.get(statement_id, "gone")


def test_review_mode_is_off_by_default(db):
    client = TestClient(create_app(db), base_url=BASE)
    assert client.get("/review").status_code == 404
    overview = client.get("/").text
    assert "read-only" in overview and 'href="/review"' not in overview
    on = TestClient(create_app(db, review=True), base_url=BASE).get("/").text
    assert "review mode" in on and 'href="/review"' in on
    assert client.post("/review/correct", data={"action": "accept"}).status_code in (404, 405)


def test_a_form_with_token_and_csrf_records_a_correction(db):
    client, csrf = _signed_in(db)
    s2 = harbour().statements[1].id
    answer = client.post("/review/correct", data={"csrf": csrf, "statement": s2, "action": "save",
                                                  "signal": "demand", "speaker": "Minister Oran",
                                                  "side": "Westmark", "kind": "partial", "why": "ultimatum"})
    assert answer.status_code == 303 and "1+recorded" in answer.headers["location"]
    assert _signal(db, s2) == "demand"
    page = client.get("/review").text
    assert 'data-statement="' + s2 + '"' not in page  # decided: out of the queue, listed as corrected
    assert "ultimatum" in page


@pytest.mark.parametrize("missing", ["token", "csrf", "origin"])
def test_writes_without_token_or_csrf_or_from_elsewhere_are_refused(db, missing):
    client, csrf = _signed_in(db)
    s2 = harbour().statements[1].id
    form = {"csrf": csrf, "statement": s2, "action": "not_statement"}
    headers = {}
    if missing == "token":
        client.cookies.clear()
    elif missing == "csrf":
        form["csrf"] = "guessed"
    else:
        headers["Origin"] = "http://evil.example"
    answer = client.post("/review/correct", data=form, headers=headers)
    assert answer.status_code == 403
    assert _signal(db, s2) == "threaten"  # still there, unchanged
    with Store.open(db, readonly=True) as store:
        assert not fixes.corrections(store)


def test_a_wrong_token_opens_nothing(db):
    app = create_app(db, review=True)
    client = TestClient(app, base_url=BASE, follow_redirects=False)
    assert client.get("/review/start", params={"token": "nope"}).status_code == 403
    assert client.get("/review").status_code == 403


def test_a_bad_correction_comes_back_as_a_message_and_hostile_values_stay_text(db):
    client, csrf = _signed_in(db)
    s4 = harbour().statements[3].id
    bad = client.post("/review/correct", data={"csrf": csrf, "statement": s4, "action": "save",
                                               "signal": "<script>alert(1)</script>"})
    assert bad.status_code == 303
    page = client.get(bad.headers["location"]).text
    assert "unknown signal" in page and "<script>alert(1)</script>" not in page
    hostile = '"><script>window.__pwned=1</script><img src=x onerror=alert(2)>'
    client.post("/review/correct", data={"csrf": csrf, "statement": s4, "action": "save", "speaker": hostile,
                                         "why": hostile, "who": hostile})
    page = client.get("/review").text
    assert "<script>window.__pwned" not in page and "<img src=x" not in page
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in page
