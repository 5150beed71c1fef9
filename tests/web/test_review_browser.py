"""The review mode in a real browser (Debian's chromium driven by Playwright; skipped when it
is missing): correct a signal, reload, re-ingest, the correction is still there; hostile input
in the correction fields stays inert; without the token or the CSRF token nothing is written."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from browser_support import CHROMIUM, served
from corrections_article import ARTICLE
from tealeaves.io.corpus import ingest
from tealeaves.store import corrections as fixes
from tealeaves.store.core import Store

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
HOSTILE = '"><script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2"> \' & <b>bold</b>'

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium not found: apt-get install chromium"),
]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory, nlp):
    """A store of one invented article, ingested by the real pipeline."""
    folder = tmp_path_factory.mktemp("review")
    (folder / "news").mkdir()
    (folder / "news" / "bay.txt").write_text(ARTICLE, encoding="utf-8")
    db = str(folder / "corpus.db")
    with Store.open(db) as store:
        ingest([str(folder / "news")], store, nlp=nlp)
    return db, str(folder / "news")


@pytest.fixture(scope="module")
def server(corpus):
    """The dashboard in review mode, served by uvicorn on a free port in a thread."""
    from tealeaves.web.app import create_app

    app = create_app(corpus[0], review=True)
    with served(app) as url:
        yield url, app.state.review_token


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    opened = context.new_page()
    opened.dialogs = []
    opened.on("dialog", lambda dialog: (opened.dialogs.append(dialog.message), dialog.dismiss()))
    yield opened
    context.close()


def _inert(page) -> None:
    assert page.dialogs == []
    assert page.evaluate("window.__pwned") is None
    assert page.locator("main img").count() == 0 and page.locator("main b").count() == 0


def test_a_signal_corrected_in_the_browser_survives_reload_and_reingest(page, server, corpus, nlp):
    url, token = server
    page.goto(f"{url}/review/start?token={token}")
    assert page.url == f"{url}/review"  # the token left the address bar for a cookie
    row = page.locator("table.review tbody tr").first
    statement_id = row.get_attribute("data-statement")
    current = row.locator("select[name=signal]").input_value()
    new_signal = next(c for c in ("concede", "commit", "hedge") if c != current)
    row.locator("select[name=signal]").select_option(new_signal)
    row.locator("input[name=why]").fill(HOSTILE)
    row.locator("input[name=who]").fill(HOSTILE)
    row.locator("button[value=save]").click()
    with Store.open(corpus[0], readonly=True) as store:
        document_id = fixes.statement_key(store, statement_id)["document_id"]
    expect(page.locator("p[role=status]")).to_contain_text("1 recorded")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "review.png"), full_page=True)

    def corrected_everywhere() -> None:
        page.goto(f"{url}/review")
        assert page.locator(f'tr[data-statement="{statement_id}"]').count() == 0  # decided
        latest = page.locator("table.corrections tbody tr").first
        assert f"signal: {new_signal}" in latest.inner_text() and "<script>window.__pwned" in latest.inner_text()
        _inert(page)
        page.goto(f"{url}/search?signal={new_signal}")
        expect(page.locator("table.results tbody tr")).to_have_count(1)
        page.goto(f"{url}/documents/{document_id}")
        assert new_signal in page.locator(f'tr[id="st-{statement_id}"]').inner_text().lower()

    corrected_everywhere()
    page.reload()
    corrected_everywhere()
    with Store.open(corpus[0]) as store:  # re-ingest, and analyse the article again
        ingest([corpus[1]], store, nlp=nlp)
        ingest([corpus[1]], store, nlp=nlp, reanalyze=True)
        assert {s.id: s.signal for r in store.results() for s in r.statements}[statement_id] == new_signal
    corrected_everywhere()


def test_without_the_token_or_the_csrf_token_nothing_is_written(page, server, corpus):
    url, token = server
    with Store.open(corpus[0], readonly=True) as store:
        before = len(fixes.corrections(store))
        [statement_id] = [r["id"] for r in fixes.review_queue(store, limit=1)]
    refused = page.goto(f"{url}/review")
    assert refused.status == 403 and "serve --review" in page.content()
    answer = page.request.post(f"{url}/review/correct", form={"statement": statement_id, "action": "not_statement"})
    assert answer.status == 403
    page.goto(f"{url}/review/start?token={token}")  # signed in, but a form without the page's CSRF token
    answer = page.request.post(f"{url}/review/correct", form={"statement": statement_id, "action": "not_statement",
                                                              "csrf": "guessed"})
    assert answer.status == 403
    with Store.open(corpus[0], readonly=True) as store:
        assert len(fixes.corrections(store)) == before
