"""The escalation index: one definition, used by ``Store.timeline`` and the charts.

Per side per day, index = (statements coded "up" − statements coded "down") / statements,
in [−1, 1]: +1 when every statement escalates, −1 when every one de-escalates. A statement
counts once, by its main signal; uncoded statements and other codes count only in the
denominator. A code's direction (up, down or none) is the codebook's (``data/codebook.yaml``).
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from typing import Mapping

from tealeaves.codebook import codebook
from tealeaves.views import DocumentRef, TimelineRow


@lru_cache(maxsize=1)
def escalation_codes() -> dict[str, frozenset[str]]:
    """The signal codes that push the index up and down (the codebook's directions)."""
    return {"up": codebook().pulling("up"), "down": codebook().pulling("down")}


def day_row(side: str, day: str, counts: Mapping[str, int], documents: tuple[DocumentRef, ...] = ()) -> TimelineRow:
    """One side's day (YYYY-MM-DD) as a timeline row: statements, counts per signal, up, down,
    the index, and the documents it comes from."""
    codes = escalation_codes()
    total = sum(counts.values())
    up = sum(n for code, n in counts.items() if code in codes["up"])
    down = sum(n for code, n in counts.items() if code in codes["down"])
    return TimelineRow(side, date.fromisoformat(day[:10]), total, dict(sorted(counts.items())), up, down,
                       round((up - down) / total, 4) if total else 0.0, documents)
