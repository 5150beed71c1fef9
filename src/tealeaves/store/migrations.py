"""The store's schema and its migrations: each applied once, in order, in one transaction
(``Store.migrate``), and recorded in the migrations table."""

from __future__ import annotations

from typing import Any, Callable

from tealeaves import tables
from tealeaves.store import aggregates, corrections, cross_pairs, sides_backfill
from tealeaves.store import search as statement_search
from tealeaves.store.sql import quoted as _q
from tealeaves.store.views import CORPUS_ACTOR_COLUMNS, CORPUS_ACTORS, CROSS_MIXED, CROSS_MIXED_COLUMNS

Store = Any  # tealeaves.store.core.Store, which imports this module

# Columns a document row has beyond its record: what the corpus needs.
CORPUS_COLUMNS: dict[str, str] = {
    "content_hash": "TEXT",  # SHA-256 of the normalised text: equal for exact copies
    "pipeline_version": "TEXT",
    "cluster_id": "TEXT",  # id of the first document of its near-duplicate cluster
    "status": "TEXT",  # analysed, duplicate, not_english
    "translation_credit": "TEXT",
    "day": "TEXT",  # YYYY-MM-DD of publication, for timelines and date filters
    "n_statements": "INTEGER",
    "ingest_time": "TEXT",
    "minhash": "BLOB",  # the near-duplicate signature (BYTEA on PostgreSQL)
}
CORPUS_STATE = "corpus_state"  # key -> value; under CROSS_MIXED: STALE, "STALE mark" while found again, or settings
STALE = "stale"


# --- migrations: each applied once, in order, and recorded in the migrations table ----------

MIGRATIONS: list[tuple[str, Callable[["Store"], None]]] = []


def migration(function: Callable[["Store"], None]) -> Callable[["Store"], None]:
    MIGRATIONS.append((function.__name__, function))
    return function


@migration
def create_tables(store: "Store") -> None:
    db = store.db
    for table, cols in ((t, tables.columns(t)) for t in tables.RECORDS):
        if table == "documents":
            defs = ['"id" TEXT PRIMARY KEY'] + [f"{_q(c)} {db.types[k]}" for c, k in cols.items() if c != "id"]
            defs += [f"{_q(c)} {db.blob if kind == 'BLOB' else db.types[int] if kind == 'INTEGER' else kind}"
                     for c, kind in CORPUS_COLUMNS.items()]
        else:
            defs = [f'"pk" {db.serial_key}']
            if table in tables.PER_DOCUMENT:
                defs.append('"document_id" TEXT NOT NULL REFERENCES documents("id") ON DELETE CASCADE')
            defs += [f"{_q(c)} {db.types[k]}" for c, k in cols.items() if c != "document_id"]
        db.execute(f"CREATE TABLE {_q(table)} ({', '.join(defs)})")
    for table in tables.PER_DOCUMENT:
        db.execute(f'CREATE INDEX "{table}_document" ON {_q(table)} ("document_id", "id")'
                   if "id" in tables.columns(table) else
                   f'CREATE INDEX "{table}_document" ON {_q(table)} ("document_id")')
    db.execute('CREATE INDEX "documents_content_hash" ON documents ("content_hash")')
    db.execute('CREATE INDEX "documents_day" ON documents ("day")')
    db.execute('CREATE INDEX "documents_cluster" ON documents ("cluster_id")')


@migration
def full_text_search(store: "Store") -> None:
    store.db.create_search_index()


@migration
def cross_document_mixed_messages(store: "Store") -> None:
    """The table of mixed messages whose statements sit in two documents (``tealeaves.analysis.corpus``)."""
    db = store.db
    defs = [f'"pk" {db.serial_key}'] + [f"{_q(c)} {db.types[k]}" for c, k in CROSS_MIXED_COLUMNS.items()]
    db.execute(f"CREATE TABLE {CROSS_MIXED} ({', '.join(defs)})")


@migration
def corpus_state(store: "Store") -> None:
    """Facts about the stored corpus as a whole: whether the cross-document mixed messages
    were found over the documents as they are now (``Store.cross_mixed_settings``)."""
    store.db.execute(f'CREATE TABLE {CORPUS_STATE} ("key" TEXT PRIMARY KEY, "value" TEXT NOT NULL)')
    store.db.execute(f'INSERT INTO {CORPUS_STATE} ("key", "value") VALUES (?, ?)', (CROSS_MIXED, STALE))


@migration
def search_terms_of_sqlite(store: "Store") -> None:
    """Search terms made one way on both backends (``store.backends.search_terms``): PostgreSQL
    indexed its own English words before, and found other statements than SQLite."""
    store.db.reindex_search()


@migration
def corpus_aggregates(store: "Store") -> None:
    """Aggregates kept on ingest (``store.aggregates``), the merged corpus actors, and the
    indexes the paged views and scoped reports read by; filled from the documents stored."""
    db = store.db
    aggregates.create(db)
    defs = [f"{_q(c)} {db.types[k]}" + (" PRIMARY KEY" if c == "id" else "") for c, k in CORPUS_ACTOR_COLUMNS.items()]
    db.execute(f"CREATE TABLE {CORPUS_ACTORS} ({', '.join(defs)})")
    db.execute(f'CREATE INDEX "corpus_actors_rank" ON {CORPUS_ACTORS} ("statements", "name")')
    db.execute('CREATE INDEX "actors_id" ON actors ("id", "document_id")')
    db.execute('CREATE INDEX "actors_side" ON actors ("side", "document_id")')
    db.execute('CREATE INDEX "statements_topic" ON statements ("topic", "document_id")')
    db.execute('CREATE INDEX "documents_outlet" ON documents ("outlet", "day")')
    db.execute('CREATE INDEX "documents_order" ON documents ("day", "ingest_time", "id")')
    db.execute('CREATE INDEX "mixed_messages_score" ON mixed_messages ("score")')
    db.execute(f'INSERT INTO {CORPUS_STATE} ("key", "value") VALUES (?, ?)', (CORPUS_ACTORS, STALE))
    add_missing_columns(store)  # the stored rows are read back with today's columns
    store.rebuild_aggregates()


@migration
def search_by_date(store: "Store") -> None:
    """The indexes a search for a common word walks the documents by (``store.search``)."""
    statement_search.create_indexes(store.db)


MIGRATIONS.append(("analyst_corrections", corrections.create))


@migration
def corpus_actor_merges(store: "Store") -> None:
    """Each corpus actor's ``merges``: which names were folded into it, and on what evidence."""
    if "merges" not in store.db.table_columns(CORPUS_ACTORS):
        store.db.execute(f'ALTER TABLE {CORPUS_ACTORS} ADD COLUMN "merges" {store.db.types[str]}')
    store.refresh_corpus_actors()


@migration
def sides_learned_later(store: "Store") -> None:
    """The statements of speakers without a side, by actor id, and the sides the corpus knows
    for those ids (``store.sides_backfill``), filled from the documents stored."""
    db = store.db
    aggregates.create(db, [t for t in aggregates.BACKFILL_TABLES if not db.table_columns(t)])
    sides_backfill.create(db)
    store.rebuild_aggregates()


@migration
def search_by_side(store: "Store") -> None:
    """The index a search filtered by side reads by (``store.search``)."""
    statement_search.create_side_index(store.db)


@migration
def cross_mixed_judged_pairs(store: "Store") -> None:
    """The judged pairs across documents and the documents judged (``store.cross_pairs``),
    empty: the next ingest judges every document once, later ones only the new."""
    cross_pairs.create(store.db)


@migration
def redundant_indexes(store: "Store") -> None:
    """Drop the indexes a wider one serves: documents_day (documents_day_id and documents_order
    lead with the day) and actors_document (actors_speaker leads with the document and id).
    Every index costs each document's write."""
    for index in ("documents_day", "actors_document"):
        store.db.execute(f"DROP INDEX IF EXISTS {_q(index)}")


@migration
def corrections_by_row_kind(store: "Store") -> None:
    """Each correction's ``row_kind``: a statement and a reported deed over one span are told
    apart (older corrections keep none and apply to either, as before)."""
    if "row_kind" not in store.db.table_columns(corrections.TABLE):
        store.db.execute(f'ALTER TABLE {_q(corrections.TABLE)} ADD COLUMN "row_kind" {store.db.types[str]}')


def add_missing_columns(store: "Store") -> list[str]:
    """Add columns that record fields gained since the table was made; returns 'table.column'."""
    added = []
    for table in tables.RECORDS:
        have = set(store.db.table_columns(table))
        for name, kind in tables.columns(table).items():
            if name not in have:
                store.db.execute(f"ALTER TABLE {_q(table)} ADD COLUMN {_q(name)} {store.db.types[kind]}")
                added.append(f"{table}.{name}")
    return added
