import time

import pytest

from tealeaves.nlp.model import load_model


@pytest.fixture(scope="session")
def nlp():
    """The spaCy pipeline, loaded once for the whole test session."""
    return load_model()


@pytest.fixture
def stall_on(monkeypatch):
    """``stall_on(word)``: attribution never finishes on a text containing ``word``, as on a
    pathological article, so that only a time budget can stop it."""
    from tealeaves import pipeline

    real = pipeline.find_drafts

    def stall(word: str) -> None:
        def stuck(doc, *args, **kwargs):
            while word in doc.text:
                time.sleep(0.01)
            return real(doc, *args, **kwargs)

        monkeypatch.setattr(pipeline, "find_drafts", stuck)

    return stall


@pytest.fixture(scope="session")
def browser():
    """Headless chromium (``browser_support``), started once for the browser tests."""
    from playwright.sync_api import sync_playwright

    from browser_support import launch

    with sync_playwright() as playwright:
        launched = launch(playwright)
        yield launched
        launched.close()
