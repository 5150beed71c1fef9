"""The dashboard in-process (FastAPI TestClient): pages, JSON twins, CSV, filters, security."""

import csv
import io
import re
import sqlite3

import pytest
from fastapi.testclient import TestClient

from tealeaves.store.core import Store
from tealeaves.web.app import create_app
from web_records import harbour, hostile


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = str(tmp_path_factory.mktemp("web") / "corpus.db")
    with Store.open(path) as store:
        store.add(harbour("2024-03-01", "Harbour Wire"), pipeline_version="test")
        store.add(hostile("2024-03-02"), pipeline_version="test")
    return path


@pytest.fixture(scope="module")
def client(db):
    return TestClient(create_app(db), base_url="http://127.0.0.1:8000")


@pytest.mark.parametrize("path", ["/", "/documents", "/actors", "/mixed", "/search", "/timeline", "/actors/oran"])
def test_every_page_renders_with_security_headers(client, path):
    response = client.get(path)
    assert response.status_code == 200
    csp = response.headers["content-security-policy"]
    nonce = re.search(r"'nonce-([^']+)'", csp).group(1)
    assert "script-src 'self' 'nonce-" in csp and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    assert "unsafe-eval" not in csp
    assert response.headers["x-content-type-options"] == "nosniff"
    inline = re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>", response.text)
    for attributes in inline:  # only the import map (with this response's nonce) and JSON data blocks
        assert f'nonce="{nonce}"' in attributes or 'type="application/json"' in attributes, attributes


def test_nonce_changes_per_response(client):
    first, second = (client.get("/").headers["content-security-policy"] for _ in range(2))
    assert first != second


@pytest.mark.parametrize("path, key", [("/documents", "id"), ("/actors", "name"), ("/mixed", "kind"),
                                       ("/search", "speaker"), ("/timeline", "escalation")])
def test_list_pages_have_json_twins_and_csv_downloads(client, path, key):
    rows = client.get(path, params={"format": "json"}).json()
    rows = rows["results"] if isinstance(rows, dict) else rows
    assert rows and key in rows[0]
    download = client.get(path, params={"format": "csv"})
    assert download.headers["content-type"].startswith("text/csv")
    assert "attachment" in download.headers["content-disposition"]
    table = list(csv.DictReader(io.StringIO(download.text)))
    assert len(table) == len(rows) and key in table[0]


def test_unknown_format_is_a_clear_400(client):
    response = client.get("/documents", params={"format": "xml"})
    assert response.status_code == 400 and "use html, json or csv" in response.text


def test_documents_filter_by_outlet_and_date(client):
    assert [d["title"] for d in client.get("/documents?format=json&outlet=harbour wire").json()] == [
        "Fleet stays in the strait"]
    assert len(client.get("/documents?format=json&since=2024-03-02").json()) == 1
    assert client.get("/documents?format=json&until=2024-02-01").json() == []
    page = client.get("/documents?outlet=Harbour+Wire").text
    assert "Fleet stays in the strait" in page and "&lt;b&gt;Envoy" not in page


def test_mixed_messages_filter_by_side_and_kind(client):
    assert len(client.get("/mixed?format=json&side=Westmark").json()) == 1
    assert client.get("/mixed?format=json&side=Ostland").json() == []
    assert client.get("/mixed?format=json&kind=deny_vs_admit").json() == []
    page = client.get("/mixed?side=Westmark").text
    assert 'class="card mixed"' in page and "no reason to fear a clash" in page


@pytest.mark.parametrize("query", ['"', "(((", "%", "\x00", "😀", "\u202e"])
def test_a_query_without_a_word_gets_a_message_not_an_error(client, query):
    page = client.get("/search", params={"q": query})
    assert page.status_code == 200 and "nothing to search for" in page.text
    data = client.get("/search", params={"q": query, "format": "json"})
    assert data.status_code == 200 and data.json()["results"] == [] and "letters or digits" in data.json()["message"]


def test_search_finds_words_and_counts_facets(client):
    data = client.get("/search", params={"q": "consequences", "format": "json"}).json()
    assert [r["speaker"] for r in data["results"]] == ["Minister Oran"]
    assert dict(data["facets"]["side"]) == {"Westmark": 1}
    by_signal = client.get("/search", params={"signal": "reassure", "format": "json"}).json()["results"]
    assert [r["signal"] for r in by_signal] == ["reassure"]
    page = client.get("/search", params={"q": "strait"}).text
    assert "will not leave the <mark>strait</mark>" in page and 'data-facet="speaker"' in page


def test_one_document_is_highlighted_and_escaped(client):
    doc_id = hostile().document.id
    page = client.get(f"/documents/{doc_id}").text
    main = page.split("<main>")[1].split("</main>")[0]
    assert 'class="mark sig-reject' in main
    assert "<script" not in main and "<img" not in main and "<b>" not in main
    assert "&lt;script&gt;window.__pwned" in main
    assert client.get(f"/documents/{doc_id}?format=json").json()["id"] == doc_id
    assert client.get("/documents/nope").status_code == 404


def test_actor_page_shows_its_position_sheet(client):
    page = client.get("/actors/oran").text
    assert "Minister Oran" in page and "threats" in page and "reassurances" in page
    data = client.get("/actors/oran?format=json").json()
    assert {s["signal"] for s in data["statements"]} == {"threaten", "reassure"}


def test_timeline_page_draws_the_shared_chart_spec(client):
    page = client.get("/timeline").text
    assert 'class="vega-spec"' in page and "Signals per side per day" in page
    assert client.get("/timeline?format=json&side=Ostland").json()[0]["side"] == "Ostland"


@pytest.mark.parametrize("path", [
    "/static/../../etc/passwd", "/static/%2e%2e/%2e%2e/etc/passwd", "/static/..%2f..%2fetc%2fpasswd",
    "/static/%2e%2e%2f%2e%2e%2f%2e%2e%2fetc/passwd", "/static//etc/passwd", "/static/..\\..\\etc\\passwd",
    "/static/%252e%252e/etc/passwd",
])
def test_static_files_cannot_escape_their_folder(client, path):
    response = client.get(path)
    assert response.status_code in (400, 404)
    assert "root:" not in response.text


def test_vendored_files_are_served_with_their_version_in_the_name(client):
    response = client.get("/static/vega-lite-6.5.0.min.js")
    assert response.status_code == 200 and "6.5.0" in response.text[:2000]
    assert response.headers["x-content-type-options"] == "nosniff"
    assert client.get("/palette.css").text.count(".sig-") >= 22


def test_the_store_is_opened_read_only(db, client, monkeypatch):
    opened = []
    original = Store.open.__func__

    def spy(cls, url_or_path=None, *, readonly=False):
        opened.append(readonly)
        return original(cls, url_or_path, readonly=readonly)

    monkeypatch.setattr(Store, "open", classmethod(spy))
    client.get("/documents")
    assert opened == [True]
    with Store.open(db, readonly=True) as store, pytest.raises(sqlite3.OperationalError):
        store.db.execute('DELETE FROM documents')


TRAVERSALS = ["..%2f..%2f..%2fetc%2fpasswd", "%2e%2e%2f%2e%2e%2fetc%2fpasswd", "%2fetc%2fpasswd",
              "%252e%252e%252fetc%252fpasswd", "..%5c..%5cetc%5cpasswd", "....%2f%2f....%2f%2fetc%2fpasswd",
              "%2e%2e", "C:%5cWindows%5cwin.ini", "x%00.html"]


@pytest.mark.parametrize("route", ["/documents/", "/actors/"])
@pytest.mark.parametrize("attack", TRAVERSALS)
def test_id_routes_treat_paths_as_unknown_ids(client, route, attack):
    for suffix in ("", "?format=json"):
        response = client.get(route + attack + suffix)
        assert response.status_code == 404, (attack, response.status_code)
        assert "root:" not in response.text and "[fonts]" not in response.text


@pytest.mark.parametrize("path", ["/documents/../../../etc/passwd", "/actors/../../etc/passwd",
                                  "/palette.css/../../etc/passwd", "//etc/passwd", "/etc/passwd",
                                  "/documents?outlet=../../../etc/passwd&format=json",
                                  "/search?q=../../etc/passwd&format=json"])
def test_paths_in_urls_and_parameters_never_reach_the_file_system(client, path):
    response = client.get(path)
    assert response.status_code in (200, 404)
    assert "root:" not in response.text


@pytest.mark.parametrize("path", ["/", "/documents", "/actors", "/mixed", "/search?q=strait", "/timeline",
                                  "/actors/oran", f"/documents/{harbour().document.id}"])
def test_pages_load_nothing_from_other_sites(client, path):
    response = client.get(path)
    references = re.findall(r"""\b(?:src|href|action|hx-get|hx-post|data-src)\s*=\s*["']([^"']*)["']""", response.text)
    references += re.findall(r"url\(\s*['\"]?([^'\")]+)", response.text)
    assert references
    outside = [r for r in references if re.match(r"^(?:[a-z][a-z0-9+.-]*:|//|\\\\)", r, re.I)]
    assert not outside, outside
    csp = response.headers["content-security-policy"]
    sources = {word for directive in csp.split(";") for word in directive.split()[1:]}
    assert sources <= {"'self'", "'none'", "'unsafe-inline'", "data:"} | {s for s in sources if s.startswith("'nonce-")}


def test_a_write_through_the_apps_own_connection_fails(db, monkeypatch):
    attempts = []
    original = Store.open.__func__

    def open_and_try_to_write(cls, url_or_path=None, *, readonly=False):
        store = original(cls, url_or_path, readonly=readonly)
        try:
            store.db.execute('UPDATE documents SET "title" = ?', ("defaced",))
            attempts.append("written")
        except sqlite3.OperationalError as refused:
            attempts.append(str(refused))
        return store

    monkeypatch.setattr(Store, "open", classmethod(open_and_try_to_write))
    client = TestClient(create_app(db), base_url="http://127.0.0.1:8000")
    titles = [d["title"] for d in client.get("/documents?format=json").json()]
    assert attempts and all("readonly" in attempt for attempt in attempts), attempts
    assert "defaced" not in titles


def test_serve_listens_on_localhost_unless_told_and_then_warns(db, monkeypatch):
    import uvicorn
    from click.testing import CliRunner

    from tealeaves.cli import cli

    bound = []
    monkeypatch.setattr(uvicorn, "run", lambda app, host, port, **options: bound.append((host, port)))
    quiet = CliRunner().invoke(cli, ["serve", db])
    assert quiet.exit_code == 0 and bound[-1] == ("127.0.0.1", 8000)
    assert "warning" not in quiet.stderr
    exposed = CliRunner().invoke(cli, ["serve", db, "--host", "0.0.0.0", "--port", "8123"])
    assert exposed.exit_code == 0 and bound[-1] == ("0.0.0.0", 8123)
    assert "warning: listening on 0.0.0.0" in exposed.stderr and "127.0.0.1" in exposed.stderr


def test_serve_on_a_missing_store_says_how_to_make_one(tmp_path):
    from click.testing import CliRunner

    from tealeaves.cli import cli

    missing = str(tmp_path / "none.db")
    result = CliRunner().invoke(cli, ["serve", missing])
    assert result.exit_code == 2
    assert result.stderr.strip() == f"error: {missing}: no such store: run 'tealeaves ingest PATH --db {missing}' first"


# --- DNS rebinding: only this machine's names are answered (issue 23, item 8) ---------------


@pytest.mark.parametrize("host", ["localhost", "localhost:8000", "127.0.0.1:8000", "[::1]:8000", "LOCALHOST.:8000",
                                  "dashboard.localhost:8000"])
def test_requests_for_localhost_names_are_answered(db, host):
    assert TestClient(create_app(db)).get("/documents?format=json", headers={"host": host}).status_code == 200


@pytest.mark.parametrize("host", ["attacker.example", "attacker.example:8000", "127.0.0.1.attacker.example",
                                  "localhost.attacker.example:8000", "0.0.0.0:8000", "[::1", "testserver", ""])
@pytest.mark.parametrize("path", ["/", "/documents?format=json", "/search?format=csv", "/static/tealeaves.css"])
def test_requests_for_any_other_host_are_refused(db, host, path):
    response = TestClient(create_app(db)).get(path, headers={"host": host})
    assert response.status_code == 400 and "does not answer for host" in response.text
    assert "Harbour" not in response.text


def test_the_bound_address_and_the_names_given_are_answered(db):
    client = TestClient(create_app(db, "192.0.2.7", ["Analyst-PC.lan"]))
    for host, status in (("192.0.2.7:8000", 200), ("analyst-pc.lan:8000", 200), ("localhost", 200),
                         ("192.0.2.8:8000", 400), ("attacker.example", 400)):
        assert client.get("/documents?format=json", headers={"host": host}).status_code == status, host
    anywhere = TestClient(create_app(db, "0.0.0.0"))  # every interface is no name a browser may use
    assert anywhere.get("/", headers={"host": "0.0.0.0:8000"}).status_code == 400


def test_serve_passes_its_address_and_allowed_names_to_the_dashboard(db, monkeypatch):
    import uvicorn
    from click.testing import CliRunner

    from tealeaves.cli import cli

    served = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **options: served.update(app=app, **options))
    result = CliRunner().invoke(cli, ["serve", db, "--host", "0.0.0.0", "--allow-host", "analyst-pc.lan"])
    assert result.exit_code == 0, result.output
    client = TestClient(served["app"])
    assert client.get("/", headers={"host": "analyst-pc.lan:8000"}).status_code == 200
    assert client.get("/", headers={"host": "attacker.example:8000"}).status_code == 400
