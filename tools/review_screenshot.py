"""Take docs/review.png: the dashboard's review mode over the bundled (fictional) example,
in Debian's chromium driven by Playwright, as the browser tests do.

    PYTHONPATH=src python tools/review_screenshot.py [OUT.png]
"""

from __future__ import annotations

import socket
import sys
import tempfile
import threading
import time
from pathlib import Path

import uvicorn
from playwright.sync_api import sync_playwright

from tealeaves.io.corpus import ingest
from tealeaves.io.readers import example_path
from tealeaves.store import corrections as fixes
from tealeaves.store.core import Store
from tealeaves.web.app import create_app

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run"]
DOCS = Path(__file__).resolve().parents[1] / "docs"


def main(out: Path) -> None:
    with tempfile.TemporaryDirectory() as folder:
        db = str(Path(folder) / "example.db")
        with Store.open(db) as store:
            ingest([str(example_path())], store)
            first = fixes.review_queue(store, limit=1)[0]
            fixes.record(store, fixes.Correction("accept", {}, who="analyst", why="checked against the wire copy",
                                                 **fixes.statement_key(store, first["id"])))
        app = create_app(db, review=True)
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        while not server.started:
            time.sleep(0.05)
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
                page = browser.new_page(viewport={"width": 1280, "height": 1000})
                page.goto(f"http://127.0.0.1:{port}/review/start?token={app.state.review_token}")
                page.wait_for_selector("table.review")
                page.screenshot(path=str(out))
                browser.close()
        finally:
            server.should_exit = True
            thread.join(timeout=10)
    print(f"wrote {out}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else DOCS / "review.png")
