"""The two store backends, SQLite and PostgreSQL: every difference between them lives here.

The store writes its SQL once, with ``?`` placeholders and double-quoted identifiers (valid in
both); a backend connects, adapts placeholders, names column types and runs full-text search.
"""

from __future__ import annotations

import contextlib
import re
import sqlite3
from pathlib import Path
from typing import Any, Iterator, Optional, Sequence

SearchParts = tuple[str, str, list[Any], str, list[Any]]  # join, where, its params, snippet SQL, its params
# What marks a hit in a search snippet: control characters no article text holds, unlike "[" and "]".
HIT_START, HIT_END = "\x02", "\x03"


def search_terms(query: str) -> list[str]:
    """The words of a user's query: letters, digits, apostrophes and hyphens."""
    return re.findall(r"[\w'’-]+", query)


class Backend:
    """A connection plus the SQL details one database engine needs."""

    name = ""
    types: dict[Optional[type], str] = {}
    blob = ""
    serial_key = ""

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        raise NotImplementedError

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        """Rows as dicts."""
        raise NotImplementedError

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        raise NotImplementedError

    @contextlib.contextmanager
    def snapshot(self) -> Iterator[None]:
        """Reads inside see one committed state, never a writer's commit half-way through
        (a read transaction; inside a transaction already open, that one)."""
        raise NotImplementedError

    def close(self) -> None:
        self.connection.close()

    def table_columns(self, table: str) -> list[str]:
        raise NotImplementedError

    def create_search_index(self) -> None:
        raise NotImplementedError

    def index_statement(self, pk: int, body: str) -> None:
        raise NotImplementedError

    def unindex_document(self, document_id: str) -> None:
        raise NotImplementedError

    def search(self, query: str) -> SearchParts:
        """SQL fragments that keep statements ``s`` matching every word of ``query``."""
        raise NotImplementedError

    def size(self) -> int:
        """Bytes on disk."""
        raise NotImplementedError


class SQLiteBackend(Backend):
    name = "sqlite"
    types = {str: "TEXT", int: "INTEGER", float: "REAL", bool: "INTEGER", None: "TEXT"}
    blob = "BLOB"
    serial_key = "INTEGER PRIMARY KEY"

    def __init__(self, path: str, readonly: bool) -> None:
        self.path = path
        if readonly:
            if not Path(path).exists():
                raise FileNotFoundError(f"{path}: no such store: run 'tealeaves ingest' first")
            self.connection = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True,
                                              isolation_level=None, check_same_thread=False)
        else:
            self.connection = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
            self.connection.execute("PRAGMA journal_mode=WAL")
            self.connection.execute("PRAGMA synchronous=NORMAL")
        self.connection.row_factory = sqlite3.Row
        self.connection.execute("PRAGMA foreign_keys=ON")
        self.connection.execute("PRAGMA busy_timeout=10000")

    def execute(self, sql: str, params: Sequence[Any] = ()) -> sqlite3.Cursor:
        return self.connection.execute(sql, tuple(params))

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        return [dict(row) for row in self.connection.execute(sql, tuple(params))]

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        self.connection.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.connection.execute("ROLLBACK")
            raise
        self.connection.execute("COMMIT")

    @contextlib.contextmanager
    def snapshot(self) -> Iterator[None]:
        if self.connection.in_transaction:
            yield
            return
        self.connection.execute("BEGIN")  # in WAL mode the first read fixes the snapshot
        try:
            yield
        finally:
            self.connection.execute("COMMIT")  # nothing was written: this only ends the read

    def table_columns(self, table: str) -> list[str]:
        return [row["name"] for row in self.query(f'PRAGMA table_info("{table}")')]

    def create_search_index(self) -> None:
        # The FTS row id is the statement's pk; porter stemming matches "threatens" to "threaten".
        self.execute("CREATE VIRTUAL TABLE statements_fts USING fts5(body, tokenize='porter unicode61')")

    def index_statement(self, pk: int, body: str) -> None:
        self.execute("INSERT INTO statements_fts(rowid, body) VALUES (?, ?)", (pk, body))

    def unindex_document(self, document_id: str) -> None:
        self.execute("DELETE FROM statements_fts WHERE rowid IN (SELECT pk FROM statements WHERE document_id = ?)",
                     (document_id,))

    def search(self, query: str) -> SearchParts:
        match = " ".join('"' + term.replace('"', "") + '"' for term in search_terms(query))
        return ("JOIN statements_fts f ON f.rowid = s.pk", "statements_fts MATCH ?", [match],
                "snippet(statements_fts, 0, ?, ?, '…', 16)", [HIT_START, HIT_END])

    def size(self) -> int:
        return sum(p.stat().st_size for p in Path(self.path).parent.glob(Path(self.path).name + "*"))


class PostgresBackend(Backend):
    name = "postgresql"
    types = {str: "TEXT", int: "BIGINT", float: "DOUBLE PRECISION", bool: "BOOLEAN", None: "TEXT"}
    blob = "BYTEA"
    serial_key = "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"

    def __init__(self, url: str, readonly: bool) -> None:
        import psycopg
        from psycopg.rows import dict_row

        self.connection = psycopg.connect(url, autocommit=True, row_factory=dict_row)
        if readonly:
            self.connection.execute("SET default_transaction_read_only = on")

    @staticmethod
    def _sql(sql: str) -> str:
        return sql.replace("?", "%s")  # the store's SQL never holds a literal ? or %

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        return self.connection.execute(self._sql(sql), tuple(params))

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        return list(self.connection.execute(self._sql(sql), tuple(params)).fetchall())

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        with self.connection.transaction():
            yield

    @contextlib.contextmanager
    def snapshot(self) -> Iterator[None]:
        from psycopg.pq import TransactionStatus

        if self.connection.info.transaction_status != TransactionStatus.IDLE:
            yield
            return
        with self.connection.transaction():
            self.connection.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            yield

    def table_columns(self, table: str) -> list[str]:
        rows = self.query("SELECT column_name FROM information_schema.columns "
                          "WHERE table_schema = current_schema() AND table_name = ? ORDER BY ordinal_position",
                          (table,))
        return [row["column_name"] for row in rows]

    def create_search_index(self) -> None:
        self.execute("CREATE TABLE statements_fts (pk BIGINT PRIMARY KEY REFERENCES statements(pk) "
                     "ON DELETE CASCADE, body TEXT NOT NULL, tsv TSVECTOR NOT NULL)")
        self.execute("CREATE INDEX statements_fts_tsv ON statements_fts USING GIN (tsv)")

    def index_statement(self, pk: int, body: str) -> None:
        self.execute("INSERT INTO statements_fts(pk, body, tsv) VALUES (?, ?, to_tsvector('english', ?))",
                     (pk, body, body))

    def unindex_document(self, document_id: str) -> None:
        pass  # ON DELETE CASCADE removes the index rows with their statements

    def search(self, query: str) -> SearchParts:
        words = " ".join(search_terms(query))
        return ("JOIN statements_fts f ON f.pk = s.pk", "f.tsv @@ plainto_tsquery('english', ?)", [words],
                "ts_headline('english', f.body, plainto_tsquery('english', ?), ?)",
                [words, f"StartSel={HIT_START}, StopSel={HIT_END}, MaxWords=24, MinWords=8"])

    def size(self) -> int:
        return int(self.query("SELECT pg_database_size(current_database()) AS size")[0]["size"])


def connect(url_or_path: str, readonly: bool) -> Backend:
    """A PostgreSQL backend for ``postgresql://`` URLs, SQLite for any other path."""
    if url_or_path.startswith(("postgresql://", "postgres://")):
        return PostgresBackend(url_or_path, readonly)
    return SQLiteBackend(url_or_path, readonly)
