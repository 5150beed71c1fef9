"""Make docs/timeline.png: the dashboard's timeline over invented articles, in a real browser.

A store of the hand-made harbour article (tests/web_records.py) published on days with gaps
between them, its signals varied so the escalating codes' colours show; the dashboard is
served on a free local port and Debian's chromium (driven by Playwright) shoots /timeline.

    PYTHONPATH=src python tools/screenshot_timeline.py [OUT.png]
"""

from __future__ import annotations

import dataclasses
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from browser_support import launch, served  # noqa: E402
from tealeaves.store.core import Store  # noqa: E402
from tealeaves.web.app import create_app  # noqa: E402
from web_records import harbour  # noqa: E402

# Day -> the signals of the article's three statements of a side that day (Vey, Oran, Oran).
DAYS = {
    "2024-03-01": ("reject", "threaten", "reassure"),
    "2024-03-02": ("demand", "coerce", "reassure"),
    "2024-03-03": ("reject", "accuse", "threaten"),
    "2024-03-08": ("mobilize", "sanction", "engage"),
    "2024-03-09": ("assault", "threaten", "concede"),
    "2024-03-20": ("commit", "engage", "reassure"),
}


def build_store(db: str) -> None:
    """The harbour article once a day of ``DAYS``, with that day's signals."""
    with Store.open(db) as store:
        for number, (day, codes) in enumerate(DAYS.items()):
            base = harbour(day, ("Harbour Wire", "Strait Post")[number % 2])
            statements = tuple(dataclasses.replace(s, signal=code, signals=(code,))
                               for s, code in zip(base.statements, codes)) + base.statements[3:]
            document = dataclasses.replace(base.document, id=f"day{number:013d}", title=f"Strait, day {number + 1}")
            store.add(dataclasses.replace(base, document=document, statements=statements), pipeline_version="docs")


def main(out: Path) -> None:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as folder:
        db = str(Path(folder) / "timeline.db")
        build_store(db)
        with served(create_app(db)) as url, sync_playwright() as playwright:
            browser = launch(playwright)
            page = browser.new_page(viewport={"width": 1100, "height": 800})
            page.goto(f"{url}/timeline")
            page.wait_for_selector("#timeline-chart svg .mark-rect path", state="attached")
            page.locator("#timeline-chart").screenshot(path=str(out))
            browser.close()
    print(f"{out}: the timeline of {len(DAYS)} invented days")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "timeline.png")
