"""Real-browser tests: Debian's chromium driven by Playwright (skipped when it is missing).

Screenshots of the main pages go to test-artifacts/ for a person to look at.
"""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from browser_support import CHROMIUM, served
from tealeaves.io.readers import example_path
from tealeaves.sinks.report import load_files, render_report
from tealeaves.store.core import Store
from web_records import harbour, hostile

SEED = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "seed" / "geneva-2022-01-putin-ambiguity.txt"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium not found: apt-get install chromium"),
]


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    opened = context.new_page()
    opened.dialogs = []
    opened.on("dialog", lambda dialog: (opened.dialogs.append(dialog.message), dialog.dismiss()))
    yield opened
    context.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """The dashboard over a small store, served by uvicorn on a free port in a thread."""
    from tealeaves.web.app import create_app

    db = str(tmp_path_factory.mktemp("browser") / "corpus.db")
    with Store.open(db) as store:
        store.add(harbour("2024-03-01", "Harbour Wire"), pipeline_version="test")
        store.add(harbour("2024-03-04", "Strait Post").__class__(
            **{**harbour().__dict__, "document": harbour().document.__class__(
                **{**harbour().document.__dict__, "id": "second0000000000", "published": "2024-03-04",
                   "outlet": "Strait Post", "title": "Talks resume"})}), pipeline_version="test")
        store.add(hostile("2024-03-02"), pipeline_version="test")
    with served(create_app(db)) as url:
        yield url


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def assert_inert(page) -> None:
    """Nothing from the hostile article ran or became an element."""
    assert page.dialogs == []
    assert page.evaluate("window.__pwned") is None
    scripts = page.evaluate("[...document.scripts].map(s => s.textContent).join('\\n')")
    assert "__pwned" not in scripts
    assert page.locator("img[onerror], main img").count() == 0


def test_report_opens_offline_with_highlights_cards_and_charts(page, tmp_path, nlp):
    source = SEED if SEED.exists() else example_path()
    results, errors = load_files([str(source)])
    assert results and not errors
    out = tmp_path / "report.html"
    out.write_text(render_report(results + [harbour()]), encoding="utf-8")
    leaving = []

    def only_files(route):
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            leaving.append(route.request.url)
            route.abort()

    page.route("**/*", only_files)
    page.goto(out.as_uri())
    page.wait_for_selector("#chart-1 svg")
    assert leaving == []
    statements = sum(len(r.statements) for r in results)
    assert page.locator(f"#doc-{results[0].document.id} a.mark").count() >= statements * 0.8
    messages = [m for r in results + [harbour()] for m in r.mixed_messages]
    assert page.locator(".card.mixed").count() == len(messages)
    assert page.locator(".card.mixed blockquote").count() == sum(len(m.statement_ids) for m in messages)
    first = page.locator("a.mark").first
    assert first.get_attribute("title")  # the speaker on hover
    first.click()
    target = first.get_attribute("href")
    assert page.evaluate("location.hash") == target and page.locator(f"tr{target}").is_visible()
    shot(page, "report")


def test_report_of_a_hostile_article_is_inert(page, tmp_path):
    out = tmp_path / "hostile.html"
    out.write_text(render_report([hostile()]), encoding="utf-8")
    page.goto(out.as_uri())
    page.wait_for_selector("#chart-1 svg")
    assert "<script>window.__pwned" in page.locator(".article").inner_text()
    assert_inert(page)


def test_dashboard_search_and_facets_work_by_clicking(page, server):
    page.goto(server + "/search")
    page.fill("input[name=q]", "consequences")
    page.click("form.filters button")
    expect(page.locator("table.results tbody tr")).to_have_count(2)
    assert "search?q=consequences" in page.url
    assert page.locator("table.results mark").first.inner_text() == "consequences"
    page.fill("input[name=q]", "")
    page.click("form.filters button")
    expect(page.locator("table.results tbody tr")).to_have_count(9)  # every statement
    page.wait_for_function("document.querySelectorAll('.htmx-request').length === 0")
    page.click("section[data-facet=side] a:has-text('Ostland')")
    page.wait_for_url("**side=Ostland*")
    expect(page.locator("table.results tbody tr")).to_have_count(2)
    for row in page.locator("table.results tbody tr").all():
        assert "Ostland" in row.inner_text()
    shot(page, "search")


def test_dashboard_filters_documents_and_mixed_messages(page, server):
    page.goto(server + "/documents")
    assert page.locator("#results tbody tr").count() == 3
    page.select_option("select[name=outlet]", "Strait Post")
    expect(page.locator("#results tbody tr")).to_have_count(1)
    assert "Talks resume" in page.locator("#results").inner_text()
    page.goto(server + "/mixed")
    page.select_option("select[name=side]", "Westmark")
    page.wait_for_url("**side=Westmark*")
    expect(page.locator(".card.mixed")).to_have_count(2)
    shot(page, "mixed")


def test_dashboard_charts_draw(page, server):
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(server + "/timeline")
    page.wait_for_selector("#timeline-chart svg .mark-rect path, #timeline-chart svg .mark-rect rect")
    assert page.locator("#timeline-chart svg .mark-line").count() >= 1
    assert not [e for e in errors if "Content Security Policy" in e]
    shot(page, "timeline")
    page.goto(server + "/")
    page.wait_for_selector("#chart-1 svg .mark-rect")
    shot(page, "overview")


def test_timeline_draws_a_true_time_axis_broken_at_gaps(page, server):
    """The escalation line is one path per run of consecutive days, and the axis spans the
    whole range (a day without statements keeps its place)."""
    import json
    from urllib.request import urlopen

    from tealeaves.sinks.charts import day_runs
    from tealeaves.tables import record_from_dict
    from tealeaves.views import TimelineRow

    with urlopen(server + "/timeline?format=json") as response:
        rows = [record_from_dict(TimelineRow, row) for row in json.load(response)]
    runs = len(set(day_runs(rows).values()))
    assert runs > len({row.side for row in rows})  # a side's days with gaps between them
    page.goto(server + "/timeline")
    page.wait_for_selector("#timeline-chart svg .mark-line path", state="attached")  # a lone day: a point
    assert page.locator("#timeline-chart svg .mark-line path").count() == runs
    shot(page, "timeline-gaps")


def test_dashboard_document_page_highlights_and_is_inert(page, server):
    page.goto(server + "/documents/" + harbour().document.id)
    assert page.locator(".article a.mark").count() == 4
    shot(page, "document")
    page.goto(server + "/documents/" + hostile().document.id)
    page.wait_for_load_state("networkidle")
    assert page.locator(".article a.mark").count() == 1
    assert_inert(page)
