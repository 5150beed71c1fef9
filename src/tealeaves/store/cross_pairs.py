"""The judged pairs behind the mixed messages across documents, kept so an ingest judges only
the pairs of documents not judged before (``analysis.corpus.update_cross_document_mixed``).

``cross_mixed_pairs`` holds every candidate pair that was judged a mixed message (the greedy
selection runs over them again after each ingest); ``cross_mixed_judged`` the documents whose
pairs were judged. Both name their documents with ``ON DELETE CASCADE``: deleting or replacing
a document drops its pairs and its mark in the transaction of the delete. Both are kept for
one settings string (window, version): another one empties them, and all is judged again.
"""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING, Any, Iterator, Optional

from tealeaves.store.sql import quoted as _q

if TYPE_CHECKING:
    from tealeaves.store.backends import Backend

PAIRS = "cross_mixed_pairs"
JUDGED = "cross_mixed_judged"
SETTINGS_KEY = PAIRS  # under this key in corpus_state: the settings the pairs were judged with
PAIR_COLUMNS: dict[str, type] = {
    "side": str, "kind": str, "explanation": str, "score": float,
    "first_document": str, "first_statement": str, "first_day": str,
    "second_document": str, "second_statement": str, "second_day": str,
}
_DOCUMENT = 'NOT NULL REFERENCES documents("id") ON DELETE CASCADE'
_ORDER = ('"score" DESC, "first_day", "first_document", "first_statement", "second_document", '
          '"second_statement"')  # analysis.corpus._rank's order
PAGE = 1000  # ranked pairs read at a time


def create(db: "Backend") -> None:
    """The two tables, the indexes a cascading delete finds a document's pairs by, and the one
    each side's pairs are read strongest first by. On PostgreSQL, text sorts by code point
    ("C"), as in Python and SQLite, so both backends keep the same pairs."""
    text = db.types[str] + (' COLLATE "C"' if db.name == "postgresql" else "")
    defs = [f'"pk" {db.serial_key}'] + [
        f"{_q(c)} {text if kind is str else db.types[kind]}{' ' + _DOCUMENT if c.endswith('_document') else ''}"
        for c, kind in PAIR_COLUMNS.items()]
    db.execute(f"CREATE TABLE {PAIRS} ({', '.join(defs)})")
    db.execute(f'CREATE INDEX "{PAIRS}_first" ON {PAIRS} ("first_document")')
    db.execute(f'CREATE INDEX "{PAIRS}_second" ON {PAIRS} ("second_document")')
    db.execute(f'CREATE INDEX "{PAIRS}_rank" ON {PAIRS} ("side", {_ORDER})')
    db.execute(f'CREATE TABLE {JUDGED} ("document_id" {text} {_DOCUMENT} PRIMARY KEY)')


def settings(db: "Backend") -> Optional[str]:
    """The settings the stored pairs were judged with, or None (never judged)."""
    rows = db.query('SELECT "value" FROM corpus_state WHERE "key" = ?', (SETTINGS_KEY,))
    return rows[0]["value"] if rows else None


def reset(db: "Backend", new_settings: str) -> None:
    """Forget every judged pair and mark (in the caller's transaction): all is judged again."""
    db.execute(f"DELETE FROM {PAIRS}")
    db.execute(f"DELETE FROM {JUDGED}")
    db.execute('DELETE FROM corpus_state WHERE "key" = ?', (SETTINGS_KEY,))
    db.execute('INSERT INTO corpus_state ("key", "value") VALUES (?, ?)', (SETTINGS_KEY, new_settings))


def unjudged(db: "Backend") -> tuple[list[dict[str, Any]], int]:
    """Id, day (None for an undated or unanalysed one) and ingest time of each document not
    judged yet, and the number of documents stored: the same answer read twice means no
    document came, went or was judged in between."""
    rows = db.query('SELECT d."id", CASE WHEN d."status" = ? THEN d."day" END AS day, d."ingest_time" '
                    f'FROM documents d WHERE NOT EXISTS (SELECT 1 FROM {JUDGED} j WHERE j."document_id" = d."id") '
                    'ORDER BY d."id"', ("analysed",))
    return rows, int(db.query('SELECT count(*) AS n FROM documents')[0]["n"])


def add(db: "Backend", pairs: list[dict[str, Any]], judged: list[str]) -> None:
    """Store judged pairs and mark their documents judged (in the caller's transaction)."""
    names = list(PAIR_COLUMNS)
    db.execute_many(f"INSERT INTO {PAIRS} ({', '.join(map(_q, names))}) VALUES ({', '.join('?' * len(names))})",
                    [[pair[n] for n in names] for pair in pairs])
    db.execute_many(f'INSERT INTO {JUDGED} ("document_id") SELECT "id" FROM documents WHERE "id" = ?',
                    [[document_id] for document_id in judged])


def pairs(db: "Backend") -> list[dict[str, Any]]:
    """Every stored judged pair."""
    return db.query(f"SELECT {', '.join(map(_q, PAIR_COLUMNS))} FROM {PAIRS}")


def sides(db: "Backend") -> list[str]:
    """The sides with a stored judged pair."""
    return [row["side"] for row in db.query(f'SELECT DISTINCT "side" FROM {PAIRS}')]


def ranked(db: "Backend", side: str) -> Iterator[dict[str, Any]]:
    """One side's judged pairs, strongest first, read a page at a time as the caller goes on."""
    for offset in itertools.count(0, PAGE):
        page = db.query(f"SELECT {', '.join(map(_q, PAIR_COLUMNS))} FROM {PAIRS} WHERE \"side\" = ? "
                        f"ORDER BY {_ORDER} LIMIT ? OFFSET ?", (side, PAGE, offset))
        yield from page
        if len(page) < PAGE:
            return
