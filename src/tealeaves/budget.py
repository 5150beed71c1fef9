"""A per-document time budget, so that no pathological text stalls a batch.

``time_budget(seconds)`` arms a real-time interval timer (``signal.setitimer``) around a
block; when it fires, ``TimeBudgetExceeded`` is raised inside the block. Signals reach only
the main thread of a POSIX process, so elsewhere (worker threads, Windows) the budget is a
no-op and the block runs to its end. Python code is interrupted at once; one long call into
C (a regex, spaCy's parser) is interrupted when it returns. ``over_budget`` turns an overrun into the error record
the batch reports before going on.
"""

from __future__ import annotations

import contextlib
import signal
import threading
from typing import Iterator, Optional

from tealeaves.models import Document, InputError

DEFAULT_SECONDS = 120.0  # a long article takes a few seconds; two minutes means something is wrong


class TimeBudgetExceeded(Exception):
    """A block ran longer than its time budget."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"took longer than {seconds:g} s")
        self.seconds = seconds


def can_interrupt() -> bool:
    """Whether a budget can interrupt code here: the main thread of a POSIX process."""
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextlib.contextmanager
def time_budget(seconds: Optional[float]) -> Iterator[None]:
    """Raise ``TimeBudgetExceeded`` in the block once it has run ``seconds`` (wall clock).

    ``None`` or 0 means no budget. Nested budgets are refused: one timer serves the process.
    Any timer and SIGALRM handler in place before are restored afterwards.
    """
    if not seconds or not can_interrupt():
        yield
        return
    if signal.getitimer(signal.ITIMER_REAL)[0]:
        raise RuntimeError("a time budget (or another ITIMER_REAL timer) is already running")

    def expire(signum: int, frame: object) -> None:
        raise TimeBudgetExceeded(seconds)

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        try:
            signal.setitimer(signal.ITIMER_REAL, 0)
        finally:
            signal.signal(signal.SIGALRM, previous)


@contextlib.contextmanager
def unbudgeted() -> Iterator[None]:
    """Stop the clock of a running budget for the block: one-time work, such as loading a
    model on first use, is not charged to the document that happened to need it first."""
    if not can_interrupt():
        yield
        return
    remaining = signal.getitimer(signal.ITIMER_REAL)[0]
    if remaining:
        signal.setitimer(signal.ITIMER_REAL, 0)
    try:
        yield
    finally:
        if remaining:
            signal.setitimer(signal.ITIMER_REAL, remaining)


def over_budget(document: Document, overrun: TimeBudgetExceeded) -> InputError:
    """The error record of a document that ran out of time: which one, and what to do."""
    return InputError(
        document.source,
        f"{overrun}: split the document or raise --time-budget",
        document.line,
    )
