"""The documents a timeline leaves out because they have no date, counted and named.

A document without a publication day has no place on a time axis; rather than drop its
statements without a word, every timeline says how many such documents there are, names the
first few, and says how to give them a date.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePath

from tealeaves.store.core import ANALYSED, Store

NAMED = 5  # documents named in the note; the rest are counted


@dataclass(frozen=True)
class Undated:
    """How many analysed documents with statements have no date, and the first few's names."""

    count: int
    names: tuple[str, ...]

    def note(self) -> str:
        """'2 documents have no date: a.txt, b.txt …', with what to do; '' when there are none."""
        if not self.count:
            return ""
        more = ", …" if self.count > len(self.names) else ""
        documents = "1 document has" if self.count == 1 else f"{self.count} documents have"
        return (f"{documents} no date, so the timeline leaves out their statements: {', '.join(self.names)}{more}. "
                "Give each a date (YAML front matter or a sidecar file for .txt, 'published' in JSON) "
                "and ingest it again with --reanalyze.")


def undated_documents(store: Store, named: int = NAMED) -> Undated:
    """The analysed documents with statements but no publication day."""
    where = f'WHERE ("day" IS NULL OR "day" = \'\') AND "status" = \'{ANALYSED}\' AND "n_statements" > 0'
    count = int(store.db.query(f'SELECT count(*) AS n FROM documents {where}')[0]["n"])
    rows = store.db.query(f'SELECT "source", "line", "title" FROM documents {where} '
                          f'ORDER BY "source", "line" LIMIT {int(named)}') if count else []
    return Undated(count, tuple(_name(row) for row in rows))


def _name(row: dict) -> str:
    """A document as a reader finds it: its file name, and line for a JSONL or feed entry."""
    name = PurePath(row["source"] or "").name or row["source"] or row["title"] or "?"
    return f"{name}:{row['line']}" if row["line"] else name
