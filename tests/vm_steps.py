"""What a call costs SQLite, in virtual-machine steps: a count that other work on the machine
does not change, unlike a clock."""

from __future__ import annotations

from typing import Any, Callable

from tealeaves.store.core import Store


def vm_steps(store: Store, call: Callable[[], Any], every: int = 1) -> tuple[int, Any]:
    """The steps (in units of ``every``) that ``call`` takes on a SQLite ``store``, and its result."""
    steps = [0]

    def count() -> int:
        steps[0] += 1
        return 0

    store.db.connection.set_progress_handler(count, every)
    try:
        result = call()
    finally:
        store.db.connection.set_progress_handler(None, every)
    return steps[0], result
