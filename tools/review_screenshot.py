"""Take docs/review.png: the dashboard's review mode over the bundled (fictional) example,
in Debian's chromium driven by Playwright, as the browser tests do.

    PYTHONPATH=src python tools/review_screenshot.py [OUT.png]
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from browser_support import launch, served  # noqa: E402
from tealeaves.io.corpus import ingest  # noqa: E402
from tealeaves.io.readers import example_path  # noqa: E402
from tealeaves.store import corrections as fixes  # noqa: E402
from tealeaves.store.core import Store  # noqa: E402
from tealeaves.web.app import create_app  # noqa: E402

DOCS = ROOT / "docs"


def main(out: Path) -> None:
    with tempfile.TemporaryDirectory() as folder:
        db = str(Path(folder) / "example.db")
        with Store.open(db) as store:
            ingest([str(example_path())], store)
            first = fixes.review_queue(store, limit=1)[0]
            fixes.record(store, fixes.Correction("accept", {}, who="analyst", why="checked against the wire copy",
                                                 **fixes.statement_key(store, first["id"])))
        app = create_app(db, review=True)
        with served(app) as url, sync_playwright() as p:
            browser = launch(p)
            page = browser.new_page(viewport={"width": 1280, "height": 1000})
            page.goto(f"{url}/review/start?token={app.state.review_token}")
            page.wait_for_selector("table.review")
            page.screenshot(path=str(out))
            browser.close()
    print(f"wrote {out}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else DOCS / "review.png")
