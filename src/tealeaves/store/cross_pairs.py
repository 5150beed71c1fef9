"""The judged pairs behind the mixed messages across documents, kept so an ingest judges only
the pairs of documents not judged before (``analysis.corpus.update_cross_document_mixed``).

``cross_mixed_pairs`` holds every candidate pair that was judged a mixed message (the greedy
selection runs over them again after each ingest); ``cross_mixed_judged`` the documents whose
pairs were judged. Both name their documents with ``ON DELETE CASCADE``: deleting or replacing
a document drops its pairs and its mark in the transaction of the delete. Both are kept for
one settings string (window, version): another one empties them, and all is judged again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Optional

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
_DOCUMENT = 'TEXT NOT NULL REFERENCES documents("id") ON DELETE CASCADE'


def create(db: "Backend") -> None:
    """The two tables and the indexes a cascading delete finds a document's pairs by."""
    defs = [f'"pk" {db.serial_key}'] + [
        f"{_q(c)} {_DOCUMENT if c.endswith('_document') else db.types[kind]}" for c, kind in PAIR_COLUMNS.items()]
    db.execute(f"CREATE TABLE {PAIRS} ({', '.join(defs)})")
    db.execute(f'CREATE INDEX "{PAIRS}_first" ON {PAIRS} ("first_document")')
    db.execute(f'CREATE INDEX "{PAIRS}_second" ON {PAIRS} ("second_document")')
    db.execute(f'CREATE TABLE {JUDGED} ("document_id" {_DOCUMENT} PRIMARY KEY)')


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
