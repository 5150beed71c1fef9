"""The per-document time budget: it interrupts a runaway block, and leaves no timer behind."""

from __future__ import annotations

import signal
import threading
import time

import pytest

from tealeaves.budget import TimeBudgetExceeded, can_interrupt, over_budget, time_budget, unbudgeted
from tealeaves.io.readers import read_text
from tealeaves.lexicon import default_lexicon
from tealeaves.pipeline import analyze_parsed

pytestmark = pytest.mark.skipif(not can_interrupt(), reason="needs POSIX signals in the main thread")


def spin(seconds: float) -> None:
    """Pure Python work for about ``seconds`` (what a pathological text would do)."""
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        pass


def test_an_overrun_is_interrupted_at_the_budget():
    started = time.perf_counter()
    with pytest.raises(TimeBudgetExceeded, match=r"took longer than 0\.2 s"):
        with time_budget(0.2):
            spin(10)
    assert 0.2 <= time.perf_counter() - started < 2


def test_a_block_within_budget_runs_and_the_timer_and_handler_are_restored():
    before = signal.getsignal(signal.SIGALRM)
    with time_budget(5):
        spin(0.05)
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    assert signal.getsignal(signal.SIGALRM) is before
    with pytest.raises(ValueError):
        with time_budget(5):
            raise ValueError("the block's own error passes through")
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


@pytest.mark.parametrize("seconds", [None, 0])
def test_no_budget_means_no_timer(seconds):
    with time_budget(seconds):
        assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_off_the_main_thread_the_budget_is_a_no_op():
    outcome = []

    def work() -> None:
        outcome.append(can_interrupt())
        with time_budget(0.01):
            spin(0.1)
        outcome.append("finished")

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    assert outcome == [False, "finished"]


def test_budgets_do_not_nest():
    with time_budget(5):
        with pytest.raises(RuntimeError, match="already running"):
            with time_budget(1):
                pass


def test_an_overrun_document_becomes_an_error_record_that_says_what_to_do(nlp, monkeypatch):
    def stuck(*args, **kwargs):  # attribution caught in a pathological text
        spin(10)

    monkeypatch.setattr("tealeaves.pipeline.find_drafts", stuck)
    document = read_text('He said "a" and "b". ' * 20, "runaway.txt", line=7)
    started = time.perf_counter()
    with pytest.raises(TimeBudgetExceeded) as overrun:
        with time_budget(0.3):
            analyze_parsed(document, nlp(document.text), default_lexicon(), embeddings=False)
    assert time.perf_counter() - started < 3
    error = over_budget(document, overrun.value)
    assert (error.source, error.line) == ("runaway.txt", 7)
    assert error.error == "took longer than 0.3 s: split the document or raise --time-budget"


@pytest.mark.parametrize("n_process", [1, 2])
def test_analyze_each_reports_the_overrun_document_and_goes_on(nlp, monkeypatch, n_process):
    """In this process or in worker processes (forked: they inherit the patched stage)."""
    from tealeaves import pipeline

    real = pipeline.find_drafts

    def stuck_on_the_flood(doc, *args, **kwargs):
        if "flood" in doc.text:
            spin(10)
        return real(doc, *args, **kwargs)

    monkeypatch.setattr(pipeline, "find_drafts", stuck_on_the_flood)
    texts = ["The mayor said the dam would hold.", "The flood chief said nothing.", "A judge said the law was clear."]
    documents = [read_text(text, f"{i}.txt") for i, text in enumerate(texts * 6)]
    outcomes = list(pipeline.analyze_each(documents, nlp=nlp, embeddings=False, seconds=0.3, n_process=n_process))
    assert [type(o).__name__ for o in outcomes] == ["DocumentResult", "InputError", "DocumentResult"] * 6
    assert outcomes[1].source == "1.txt" and "took longer than 0.3 s" in outcomes[1].error
    assert [o.document.source for o in outcomes[::3]] == [f"{i}.txt" for i in range(0, 18, 3)]
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_unbudgeted_work_does_not_count_against_the_budget():
    with time_budget(0.5):
        with unbudgeted():  # a model loading on first use
            spin(0.8)
        spin(0.2)  # the document's own work still fits in what was left
    with pytest.raises(TimeBudgetExceeded):
        with time_budget(0.3):
            with unbudgeted():
                spin(0.1)
            spin(10)
