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

# The work one document may cost. Parsing needs about 6 MB per 1,000 characters of dense text,
# and attribution, pronouns and the pairs compared for mixed messages grew with the square of
# the statements: 50,000 short quoted sentences (0.9 MB) took 5.8 GB (the stages after the parse
# now grow about as the text does: docs/development.md, "Long documents"). News stays far below
# every bound (the ~1,100 articles of ../shared reach 34,000 characters and 104 warnings of a
# kind; the 262 without PolNeAR train, 126 statements and 307 pairs of one side's statements;
# the output snapshot of all of them is unchanged by the bounds); a document beyond one is
# analysed up to the cut, and a "cut" warning on it says what was left out.
MAX_CHARS = 100_000  # characters parsed, cut at a line break before the limit when there is one
MAX_SENTENCES = 1_000
MAX_STATEMENTS = 500
MAX_PAIRS = 20_000  # pairs of one side's statements compared for mixed messages and standoffs
MAX_WARNINGS = 1_000  # of each kind (100 KB of quotation marks made 100,000)


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
