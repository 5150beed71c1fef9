"""Worker processes that analyse documents one at a time, and are killed when one overruns.

The SIGALRM budget of ``budget.py`` interrupts Python code, but not one long call into C (a
tokenizer caught in a pathological word, a parser): the document then holds its process, and
every document after it, for as long as the call lasts. Here each worker process tells the
parent when it starts a document; a document still running ``seconds`` + ``GRACE_SECONDS``
later is abandoned by killing its worker (SIGKILL), becomes an ``InputError`` naming it and
the budget, and a new worker is forked in its place. A worker that dies by itself (out of
memory, a crash) costs only the document it held. Documents not yet started go to the other
workers; outcomes come back in input order. Workers are forked once and reused: a document
costs two messages, not a process.
"""

from __future__ import annotations

import multiprocessing
import os
import queue
import signal
import time
from collections import deque
from multiprocessing.connection import Connection, wait
from typing import Any, Callable, Iterable, Iterator, Optional

from tealeaves.models import Document, InputError

GRACE_SECONDS = 2.0  # past the budget, before the worker holding a document is killed
PREFETCH = 2  # documents queued per worker, so it never waits for the next one
POLL_SECONDS = 1.0


class _Worker:
    """One analysing process, its task queue and the pipe it answers on."""

    def __init__(self, context: Any, target: Callable[..., None], args: tuple) -> None:
        self.tasks = context.Queue()  # a feeder thread sends: a large document never blocks the parent
        self.answers, answer_end = context.Pipe(duplex=False)
        self.process = context.Process(target=target, args=(self.tasks, answer_end, *args), daemon=True)
        self.process.start()
        answer_end.close()
        self.assigned: deque[int] = deque()  # indices sent, in order; the first may be running
        self.running: Optional[int] = None
        self.started = 0.0  # time.monotonic() in the worker when it began ``running``
        self.ever_started = False

    def send(self, index: int, document: Document) -> None:
        self.assigned.append(index)
        self.tasks.put((index, document))

    def stop(self) -> None:
        """Kill the process (idle or not: nothing of it is kept) and drop its queue unflushed."""
        self.process.kill()
        self.process.join()
        self.tasks.cancel_join_thread()
        self.tasks.close()
        self.answers.close()


def supervise(
    documents: Iterable[Document],
    workers: int,
    target: Callable[..., None],
    args: tuple,
    seconds: Optional[float],
) -> Iterator[Any]:
    """The outcome of each document, in input order, from ``workers`` processes running
    ``target(tasks, answers, *args)`` (see ``serve``). A document running past ``seconds`` (+
    grace) is killed with its worker and reported as over budget; ``None`` means no limit."""
    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    limit = seconds + GRACE_SECONDS if seconds else None
    source = enumerate(documents)
    held: dict[int, Document] = {}  # sent to a worker, no outcome yet
    retry: deque[int] = deque()  # sent to a worker that died before starting them
    outcomes: dict[int, Any] = {}
    next_out, exhausted = 0, False
    # One worker reads no further ahead than one process would: each document is yielded (and
    # an ingest stores it) before the next is read. More keep two documents each in hand.
    ahead = 2 * PREFETCH * workers if workers > 1 else 1
    pool = [_Worker(context, target, args) for _ in range(workers)]
    try:
        while True:
            while next_out in outcomes:
                yield outcomes.pop(next_out)
                next_out += 1
            for worker in pool:
                while len(worker.assigned) < min(PREFETCH, ahead):
                    if retry:
                        index = retry.popleft()
                    elif exhausted or len(held) + len(outcomes) >= ahead:
                        break
                    else:
                        item = next(source, None)
                        if item is None:
                            exhausted = True
                            break
                        index, held[index] = item
                    worker.send(index, held[index])
            if exhausted and not held and not retry:
                return
            busy = [w for w in pool if w.assigned]
            ready = wait([w.answers for w in busy], timeout=POLL_SECONDS)
            for worker in busy:
                if worker.answers in ready:
                    _read(worker, held, outcomes)
            for number, worker in enumerate(pool):
                if not worker.process.is_alive() or worker.answers.closed:
                    pool[number] = _replace(worker, context, target, args, held, outcomes, retry, None)
                elif limit and worker.running is not None and time.monotonic() - worker.started > limit:
                    pool[number] = _replace(worker, context, target, args, held, outcomes, retry, seconds)
    finally:
        for worker in pool:
            worker.stop()


def _read(worker: _Worker, held: dict[int, Document], outcomes: dict[int, Any]) -> None:
    """Take the worker's messages: ("start", index, time) or ("done", index, outcome)."""
    while not worker.answers.closed and worker.answers.poll():
        try:
            message = worker.answers.recv()
        except (EOFError, OSError):  # the worker died: _replace reports what it held
            worker.answers.close()
            return
        if message[0] == "start":
            worker.running, worker.started, worker.ever_started = message[1], message[2], True
            continue
        if message[0] == "raise":  # debug mode: the document's error, traceback and all
            raise message[2]
        index = message[1]
        worker.assigned.remove(index)
        worker.running = None
        del held[index]
        outcomes[index] = message[2]


def _replace(worker: _Worker, context: Any, target: Callable[..., None], args: tuple, held: dict[int, Document],
             outcomes: dict[int, Any], retry: deque[int], overrun: Optional[float]) -> _Worker:
    """Kill ``worker`` (over budget) or bury it (died), report the document it was running,
    give back the ones it had not started, and start a worker in its place."""
    if overrun is None:
        _read(worker, held, outcomes)  # answers sent before it died still count
    worker.stop()
    running = worker.running
    if running is not None:
        document = held.pop(running)
        worker.assigned.remove(running)
        if overrun is not None:
            problem = f"took longer than {overrun:g} s (its process was stopped): split the document or raise --time-budget"
        else:
            problem = (f"its analysis process died (exit code {worker.process.exitcode}; out of memory?): "
                       "split the document, or report it if it is small")
        outcomes[running] = InputError(document.source, problem, document.line)
    elif not worker.ever_started and worker.assigned:
        raise RuntimeError(f"an analysis worker process could not start (exit code {worker.process.exitcode})")
    retry.extendleft(reversed(worker.assigned))
    return _Worker(context, target, args)


def serve(tasks: Any, answers: Connection, analyse: Callable[[Document], Any], debug: bool = False) -> None:
    """A worker's loop, until the parent kills it: announce each document, analyse it, send
    its outcome. Ctrl-C is the parent's to handle: it stops its workers."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    parent = os.getppid()
    while True:
        try:
            index, document = tasks.get(timeout=POLL_SECONDS)
        except queue.Empty:
            if os.getppid() != parent:  # the parent was killed: nobody will read or stop us
                return
            continue
        answers.send(("start", index, time.monotonic()))
        try:
            outcome = analyse(document)
        except Exception as problem:  # only in debug mode: analyse turns failures into records
            if not debug:
                raise
            try:
                answers.send(("raise", index, problem))
            except Exception:  # an exception that does not pickle: its text, then
                answers.send(("raise", index, RuntimeError(f"{type(problem).__name__}: {problem}")))
            return
        answers.send(("done", index, outcome))
