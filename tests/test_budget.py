"""The per-document time budget: it interrupts a runaway block, and leaves no timer behind."""

from __future__ import annotations

import os
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


# --- a budget that holds even inside one long C call (issue 23) -------------------------------


def stuck_in_c_on(word: str, monkeypatch, seconds: float = 30) -> None:
    """Attribution, on a text containing ``word``, behaves like one long call into C: SIGALRM
    is held back for ``seconds``, so only killing the process can stop it sooner."""
    from tealeaves import pipeline

    real = pipeline.find_drafts

    def stuck(doc, *args, **kwargs):
        if word in doc.text:
            signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
            spin(seconds)
        return real(doc, *args, **kwargs)

    monkeypatch.setattr(pipeline, "find_drafts", stuck)


@pytest.mark.parametrize("n_process, isolate", [(1, True), (2, False)])
def test_a_document_stuck_in_c_is_stopped_by_killing_its_worker_and_the_rest_goes_on(nlp, monkeypatch, n_process,
                                                                                      isolate):
    """Worker processes fork with the patched stage; each flood document would hold its worker
    30 s. Killed at the budget plus grace, they cost about 3 s each, and the others come back
    analysed, in order, from the workers that replace the killed ones."""
    from tealeaves import pipeline

    stuck_in_c_on("flood", monkeypatch)
    texts = ["The mayor said the dam would hold.", "The flood chief said nothing.", "A judge said the law was clear."]
    documents = [read_text(text, f"{i}.txt") for i, text in enumerate(texts * 2)]
    started = time.perf_counter()
    outcomes = list(pipeline.analyze_each(documents, nlp=nlp, embeddings=False, seconds=1, n_process=n_process,
                                          isolate=isolate))
    elapsed = time.perf_counter() - started
    assert [type(o).__name__ for o in outcomes] == ["DocumentResult", "InputError", "DocumentResult"] * 2
    assert [o.source for o in outcomes[1::3]] == ["1.txt", "4.txt"]
    assert "took longer than 1 s (its process was stopped)" in outcomes[1].error
    assert [o.document.source for o in outcomes[::3]] == ["0.txt", "3.txt"]
    assert elapsed < 25  # two stalls of 30 s each, had nothing stopped them


def test_a_worker_that_dies_costs_only_the_document_it_held(nlp, monkeypatch):
    """A worker killed from outside (the kernel's out-of-memory killer) is replaced too."""
    from tealeaves import pipeline

    real = pipeline.find_drafts

    def dies_on_the_bomb(doc, *args, **kwargs):
        if "bomb" in doc.text:
            os.kill(os.getpid(), signal.SIGKILL)
        return real(doc, *args, **kwargs)

    monkeypatch.setattr(pipeline, "find_drafts", dies_on_the_bomb)
    texts = ["The mayor said the dam would hold.", "The bomb squad said nothing.", "A judge said the law was clear."]
    documents = [read_text(text, f"{i}.txt") for i, text in enumerate(texts)]
    outcomes = list(pipeline.analyze_each(documents, nlp=nlp, embeddings=False, n_process=2))
    assert [type(o).__name__ for o in outcomes] == ["DocumentResult", "InputError", "DocumentResult"]
    assert outcomes[1].source == "1.txt" and "analysis process died (exit code -9" in outcomes[1].error


def test_abandoning_the_outcomes_stops_the_workers(nlp):
    """A caller that stops reading (an error, Ctrl-C) leaves no worker process behind."""
    import psutil

    from tealeaves import pipeline

    before = {p.pid for p in psutil.Process().children(recursive=True)}
    documents = [read_text(f"Minister {i} said the dam would hold.", f"{i}.txt") for i in range(12)]
    outcomes = pipeline.analyze_each(documents, nlp=nlp, embeddings=False, n_process=2)
    next(outcomes)
    outcomes.close()
    assert {p.pid for p in psutil.Process().children(recursive=True)} <= before


def test_in_debug_mode_a_failure_in_a_worker_raises_here(nlp, monkeypatch):
    from tealeaves import pipeline

    def broken(*args, **kwargs):
        raise ValueError("a broken stage")

    monkeypatch.setattr(pipeline, "find_drafts", broken)
    documents = [read_text("The mayor said the dam would hold.", f"{i}.txt") for i in range(3)]
    with pytest.raises(ValueError, match="a broken stage"):
        list(pipeline.analyze_documents(documents, nlp=nlp, embeddings=False, n_process=2))


def test_workers_end_when_their_parent_is_killed(tmp_path):
    """A run killed with SIGKILL (the kill tests do it) leaves no orphaned worker behind."""
    import subprocess
    import sys

    import psutil

    script = ("import time; from tealeaves.pipeline import analyze_each; from tealeaves.io.readers import read_text\n"
              "outcomes = analyze_each([read_text('The mayor said the dam would hold.')], embeddings=False, isolate=True)\n"
              "print(type(next(outcomes)).__name__, flush=True); time.sleep(60)")
    parent = psutil.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert parent.stdout.readline().strip() == "DocumentResult"
    workers = parent.children()
    assert workers
    parent.kill()
    parent.wait()
    gone, alive = psutil.wait_procs(workers, timeout=15)
    assert not alive
