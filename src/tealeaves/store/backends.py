"""The two store backends, SQLite and PostgreSQL: every difference between them lives here.

The store writes its SQL once, with ``?`` placeholders and double-quoted identifiers (valid in
both); a backend connects, adapts placeholders, names column types and runs full-text search.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import threading
from pathlib import Path
from typing import Any, Iterator, Optional, Sequence

SearchParts = tuple[str, str, list[Any], str, list[Any]]  # join, where, its params, snippet SQL, its params
# What marks a hit in a search snippet: control characters no article text holds, unlike "[" and "]".
HIT_START, HIT_END = "\x02", "\x03"


# How statements and queries become search terms, on both backends: SQLite's FTS5 splits text
# into runs of letters and digits (so "won't" is "won" "t") and stems them with Porter's rules.
TOKENIZER = "porter unicode61"


class UnsearchableQuery(ValueError):
    """A search query without a single word of letters or digits (e.g. '(((' or an emoji)."""


class _Terms:
    """The terms FTS5's tokenizer makes of a text, in order: one in-memory FTS5 table read
    through fts5vocab, so PostgreSQL indexes and searches exactly the terms SQLite does."""

    def __init__(self) -> None:
        self.connection = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
        self.connection.execute(f"CREATE VIRTUAL TABLE text USING fts5(body, tokenize='{TOKENIZER}')")
        self.connection.execute("CREATE VIRTUAL TABLE terms USING fts5vocab(text, 'instance')")
        self.lock = threading.Lock()  # the dashboard searches from several threads

    def __call__(self, text: str) -> list[str]:
        with self.lock:
            self.connection.execute("INSERT INTO text(rowid, body) VALUES (1, ?)", (text,))
            try:
                return [row[0] for row in self.connection.execute('SELECT term FROM terms ORDER BY "offset"')]
            finally:
                self.connection.execute("DELETE FROM text")


search_terms = _Terms()


def search_phrases(query: str) -> list[tuple[str, list[str]]]:
    """Each word of a query (split at white space) with the terms it becomes, which must all
    be found, in this order (a phrase: "won't" is "won" then "t"); words without a letter or
    digit are left out, and a query left with none raises ``UnsearchableQuery``."""
    words = query.replace("\x00", " ").split()  # FTS5's query parser stops at a NUL
    phrases = [(word, terms) for word in words if (terms := search_terms(word))]
    if not phrases:
        raise UnsearchableQuery(f"nothing to search for in {query!r}: "
                                "a query needs at least one word of letters or digits")
    return phrases


class OutdatedStore(ValueError):
    """A store made before a table or column a view needs, opened read-only (so not migrated)."""


# The start of SQLite's message for a table or column the schema lacks.
SQLITE_MISSING_IN_SCHEMA = ("no such table", "no such column")


class Backend:
    """A connection plus the SQL details one database engine needs."""

    name = ""
    ordered_join = "JOIN"  # a join whose left table the planner must read first
    nulls_first = False  # whether NULL sorts before every value in ascending order
    lateral = True  # whether a subquery in FROM may read the columns of the tables before it
    # What checking one statement against the full-text index costs, in matches read into the
    # set of all matches (``store.search``); PostgreSQL's check is a primary-key lookup.
    check_cost = 1
    types: dict[Optional[type], str] = {}
    blob = ""
    serial_key = ""
    # The migrations a store opened read-only lacks (``Store.open``): a read that meets a
    # missing table then says what to run instead of failing on the table's name.
    missing_upgrades: tuple[str, ...] = ()

    def _outdated(self) -> Optional[OutdatedStore]:
        """What a missing table or column means in a store that lacks migrations: OutdatedStore."""
        if not self.missing_upgrades:
            return None
        return OutdatedStore(f"this store was made by an older tealeaves ({len(self.missing_upgrades)} "
                             f"upgrade(s) not applied, the first '{self.missing_upgrades[0]}') and this view "
                             "needs one: run 'tealeaves reindex --db STORE' once (or ingest into it), "
                             "then try again")

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        raise NotImplementedError

    def execute_many(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        """One statement for each row of parameters, sent together: on PostgreSQL one round
        trip instead of one per row (a document's ~50 rows cost 50 round trips before)."""
        raise NotImplementedError

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        """Rows as dicts."""
        raise NotImplementedError

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """Writes inside commit together or not at all (inside another transaction: with it)."""
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

    def index_statements(self, bodies: Sequence[tuple[int, str]]) -> None:
        """Add statements (primary key, searchable text) to the full-text index."""
        raise NotImplementedError

    def unindex_document(self, document_id: str) -> None:
        raise NotImplementedError

    def reindex_search(self) -> None:
        """Index every statement again with ``search_terms`` (for stores indexed otherwise before)."""
        raise NotImplementedError

    def search(self, query: str) -> SearchParts:
        """SQL fragments that keep statements ``s`` matching every word of ``query``."""
        raise NotImplementedError

    def matching(self, query: str) -> tuple[str, list[Any]]:
        """A subquery of the pks of the statements matching every word of ``query``, and its parameters."""
        raise NotImplementedError

    def statement_matches(self, query: str) -> tuple[str, list[Any]]:
        """A condition that statement ``s`` matches every word of ``query``, checked on that
        statement alone (a page of a word most statements hold needs only a few checks)."""
        raise NotImplementedError

    def match_count(self, query: str, at_most: int) -> int:
        """How many statements match every word of ``query``, counted up to ``at_most`` (read
        from the full-text index only: a word in every statement costs no more than the cap)."""
        subquery, params = self.matching(query)
        return int(self.query(f"SELECT count(*) AS n FROM ({subquery} LIMIT ?) matches", [*params, at_most])[0]["n"])

    def size(self) -> int:
        """Bytes on disk."""
        raise NotImplementedError


PAGE_CACHE_KIB = 65536  # per connection: the indexes an ingest touches at 100k documents stay cached
WAL_CHECKPOINT_PAGES = 10_000  # about 40 MiB of write-ahead log between checkpoints


class SQLiteBackend(Backend):
    name = "sqlite"
    ordered_join = "CROSS JOIN"  # SQLite keeps the tables of a CROSS JOIN in the order written
    nulls_first = True
    lateral = False
    check_cost = 200  # FTS5 at 100k documents: 70 µs a check against 0.33 µs a match read
    types = {str: "TEXT", int: "INTEGER", float: "REAL", bool: "INTEGER", None: "TEXT"}
    blob = "BLOB"
    serial_key = "INTEGER PRIMARY KEY"

    def __init__(self, path: str, readonly: bool) -> None:
        self.path = path
        if readonly:
            self.connection = _open_readonly(path)
        else:
            self.connection = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
            self.connection.execute("PRAGMA journal_mode=WAL")
            self.connection.execute("PRAGMA synchronous=NORMAL")
            # Copy the WAL into the database every 10,000 pages, not SQLite's 1,000: a page that
            # documents rewrite between two checkpoints is copied once (bench --scale, read calls
            # per document at 1k and 20k: 14.2 and 20.3 before, 3.0 and 7.7 after).
            self.connection.execute(f"PRAGMA wal_autocheckpoint={WAL_CHECKPOINT_PAGES}")
        self.connection.row_factory = sqlite3.Row
        self.connection.execute("PRAGMA foreign_keys=ON")
        self.connection.execute("PRAGMA busy_timeout=10000")
        self.connection.execute(f"PRAGMA cache_size=-{PAGE_CACHE_KIB}")

    def execute(self, sql: str, params: Sequence[Any] = ()) -> sqlite3.Cursor:
        return self.connection.execute(sql, tuple(params))

    def execute_many(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        self.connection.executemany(sql, [tuple(row) for row in rows])

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        try:
            return [dict(row) for row in self.connection.execute(sql, tuple(params))]
        except sqlite3.OperationalError as error:
            outdated = self._outdated() if str(error).startswith(SQLITE_MISSING_IN_SCHEMA) else None
            if outdated is None:
                raise
            raise outdated from error

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        if self.connection.in_transaction:  # inside another: part of it (a migration that rebuilds)
            yield
            return
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

    def index_statements(self, bodies: Sequence[tuple[int, str]]) -> None:
        self.execute_many("INSERT INTO statements_fts(rowid, body) VALUES (?, ?)", bodies)

    def unindex_document(self, document_id: str) -> None:
        self.execute("DELETE FROM statements_fts WHERE rowid IN (SELECT pk FROM statements WHERE document_id = ?)",
                     (document_id,))

    def reindex_search(self) -> None:
        pass  # FTS5 made the terms itself from the start

    def search(self, query: str) -> SearchParts:
        return ("JOIN statements_fts f ON f.rowid = s.pk", "statements_fts MATCH ?", [_fts5_match(query)],
                "snippet(statements_fts, 0, ?, ?, '…', 16)", [HIT_START, HIT_END])

    def matching(self, query: str) -> tuple[str, list[Any]]:
        return "SELECT rowid FROM statements_fts WHERE statements_fts MATCH ?", [_fts5_match(query)]

    def statement_matches(self, query: str) -> tuple[str, list[Any]]:
        return ('EXISTS (SELECT 1 FROM statements_fts WHERE statements_fts MATCH ? AND rowid = s."pk")',
                [_fts5_match(query)])

    def size(self) -> int:
        return sum(p.stat().st_size for p in Path(self.path).parent.glob(Path(self.path).name + "*"))


def _fts5_match(query: str) -> str:
    """Each word as an FTS5 string, which FTS5 tokenises as search_phrases does ("" is a literal ")."""
    return " ".join('"' + word.replace('"', '""') + '"' for word, _ in search_phrases(query))


def _open_readonly(path: str) -> sqlite3.Connection:
    """A read-only connection to a SQLite store, also on a read-only disk or folder.

    A store in WAL mode is read through its -shm index, which SQLite makes on the first read
    if it is missing ("unable to open database file" where it cannot be made). Where neither
    the file nor its folder can be written, nothing can change the store either, so it is
    then opened as immutable: read without the index and without locks."""
    store = Path(path)
    if not store.exists():
        raise FileNotFoundError(f"{path}: no such store: run 'tealeaves ingest' first")

    def connect(options: str) -> sqlite3.Connection:
        return sqlite3.connect(f"{store.resolve().as_uri()}?{options}", uri=True, isolation_level=None,
                               check_same_thread=False)

    connection = connect("mode=ro")
    try:
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()  # the first read opens the index
        return connection
    except sqlite3.OperationalError:
        connection.close()
        if os.access(store, os.W_OK) and os.access(store.resolve().parent, os.W_OK):
            raise
    wal = Path(f"{path}-wal")
    if wal.exists() and wal.stat().st_size > 0:
        raise sqlite3.OperationalError(
            f"{path}: its last writes are in {wal.name}, which cannot be read on this read-only disk without "
            f"{store.name}-shm: open the store once where it can be written (any tealeaves command), then here")
    return connect("mode=ro&immutable=1")


class PostgresBackend(Backend):
    name = "postgresql"
    types = {str: "TEXT", int: "BIGINT", float: "DOUBLE PRECISION", bool: "BOOLEAN", None: "TEXT"}
    blob = "BYTEA"
    serial_key = "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"

    def __init__(self, url: str, readonly: bool) -> None:
        import psycopg
        from psycopg.rows import dict_row

        self.url, self.readonly = url, readonly
        self._missing_in_schema = (psycopg.errors.UndefinedTable, psycopg.errors.UndefinedColumn)
        kept = _idle_readers.take(url) if readonly else None
        if kept is not None:
            self.connection = kept
            return
        self.connection = psycopg.connect(url, autocommit=True, row_factory=dict_row)
        if readonly:
            self.connection.execute("SET default_transaction_read_only = on")

    def close(self) -> None:
        """A read-only connection is kept for the next reader (a dashboard request)."""
        if not (self.readonly and _idle_readers.keep(self.url, self.connection)):
            self.connection.close()

    @staticmethod
    def _sql(sql: str) -> str:
        return sql.replace("?", "%s")  # the store's SQL never holds a literal ? or %

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        return self.connection.execute(self._sql(sql), tuple(params))

    def execute_many(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        if rows:  # psycopg sends them in one pipeline
            self.connection.cursor().executemany(self._sql(sql), [tuple(row) for row in rows])

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        try:
            return list(self.connection.execute(self._sql(sql), tuple(params)).fetchall())
        except self._missing_in_schema as error:
            outdated = self._outdated()
            if outdated is None:
                raise
            raise outdated from error

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """In pipeline mode: statements whose results nobody reads go to the server without
        waiting for each answer (a document's write took ~50 round trips, now a few)."""
        with self.connection.pipeline(), self.connection.transaction():
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
        # The catalog itself: information_schema.columns took 8-16 ms a call, several per page.
        rows = self.query("SELECT attname FROM pg_attribute WHERE attrelid = to_regclass(quote_ident(?)) "
                          "AND attnum > 0 AND NOT attisdropped ORDER BY attnum", (table,))
        return [row["attname"] for row in rows]

    def create_search_index(self) -> None:
        self.execute("CREATE TABLE statements_fts (pk BIGINT PRIMARY KEY REFERENCES statements(pk) "
                     "ON DELETE CASCADE, body TEXT NOT NULL, tsv TSVECTOR NOT NULL)")
        self.execute("CREATE INDEX statements_fts_tsv ON statements_fts USING GIN (tsv)")

    def index_statements(self, bodies: Sequence[tuple[int, str]]) -> None:
        self.execute_many("INSERT INTO statements_fts(pk, body, tsv) VALUES (?, ?, ?::tsvector)",
                          [(pk, body, _tsvector(body)) for pk, body in bodies])

    def reindex_search(self) -> None:
        for row in self.query("SELECT pk, body FROM statements_fts"):
            self.execute("UPDATE statements_fts SET tsv = ?::tsvector WHERE pk = ?",
                         (_tsvector(row["body"]), row["pk"]))

    def unindex_document(self, document_id: str) -> None:
        pass  # ON DELETE CASCADE removes the index rows with their statements

    def search(self, query: str) -> SearchParts:
        tsquery = _tsquery(query)
        return ("JOIN statements_fts f ON f.pk = s.pk", "f.tsv @@ ?::tsquery", [tsquery],
                "ts_headline('english', f.body, ?::tsquery, ?)",
                [tsquery, f"StartSel={HIT_START}, StopSel={HIT_END}, MaxWords=24, MinWords=8"])

    def matching(self, query: str) -> tuple[str, list[Any]]:
        return "SELECT pk FROM statements_fts WHERE tsv @@ ?::tsquery", [_tsquery(query)]

    def statement_matches(self, query: str) -> tuple[str, list[Any]]:
        return ('EXISTS (SELECT 1 FROM statements_fts f WHERE f.pk = s."pk" AND f.tsv @@ ?::tsquery)',
                [_tsquery(query)])

    def size(self) -> int:
        return int(self.query("SELECT pg_database_size(current_database()) AS size")[0]["size"])


class _IdleReaders:
    """Read-only PostgreSQL connections between two readers: opening one cost 10-30 ms of every
    dashboard request. At most ``LIMIT`` per URL; one in a transaction or broken is not kept."""

    LIMIT = 4

    def __init__(self) -> None:
        self.idle: dict[str, list[Any]] = {}
        self.lock = threading.Lock()

    def take(self, url: str) -> Any:
        with self.lock:
            connections = self.idle.get(url)
            return connections.pop() if connections else None

    def keep(self, url: str, connection: Any) -> bool:
        from psycopg.pq import TransactionStatus

        if connection.closed or connection.broken or connection.info.transaction_status != TransactionStatus.IDLE:
            return False
        with self.lock:
            connections = self.idle.setdefault(url, [])
            if len(connections) >= self.LIMIT:
                return False
            connections.append(connection)
            return True


_idle_readers = _IdleReaders()


# PostgreSQL refuses lexemes longer than this many bytes.
_MAX_LEXEME_BYTES = 2046


def _tsquery(query: str) -> str:
    """Every word's terms one after another (<->), as FTS5 matches a phrase; all words (&)."""
    phrases = [_indexable(terms) for _, terms in search_phrases(query)]
    return " & ".join("(" + " <-> ".join(map(_lexeme, terms)) + ")" for terms in phrases if terms) or "''"


def _lexeme(term: str) -> str:
    """A term as a quoted tsvector/tsquery lexeme (taken as it is: no parsing, stemming or stop words)."""
    return "'" + term.replace("\\", "\\\\").replace("'", "''") + "'"


def _indexable(terms: list[str]) -> list[str]:
    """The terms PostgreSQL can hold (a 2,047-byte word cannot be searched there)."""
    return [term for term in terms if len(term.encode("utf-8")) <= _MAX_LEXEME_BYTES]


def _tsvector(body: str) -> str:
    """A statement's search terms as a tsvector literal, each at its position (as FTS5 indexes it)."""
    return " ".join(f"{_lexeme(term)}:{min(position, 16383)}"
                    for position, term in enumerate(search_terms(body), start=1)
                    if _indexable([term]))


def connect(url_or_path: str, readonly: bool) -> Backend:
    """A PostgreSQL backend for ``postgresql://`` URLs, SQLite for any other path."""
    if url_or_path.startswith(("postgresql://", "postgres://")):
        return PostgresBackend(url_or_path, readonly)
    return SQLiteBackend(url_or_path, readonly)
