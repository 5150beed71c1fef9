"""The corpus store: analysed documents in SQLite (default) or PostgreSQL, one interface.

Tables are the flat rows of ``tealeaves.tables`` (columns generated from the records, never
listed here) plus the corpus columns of a document (content hash, pipeline version, cluster,
status...). Every write of one document is one transaction. Backend differences (types,
placeholders, full-text search) live in ``tealeaves.store.backends``.
"""

from __future__ import annotations

import itertools
import json
import re
import uuid
from collections import Counter
from datetime import datetime, timezone
from typing import Any, Iterable, Iterator, Optional

from tealeaves import tables
from tealeaves.models import DocumentResult, InputError
from tealeaves.store import aggregates, corrections, sides_backfill
from tealeaves.store import search as statement_search
from tealeaves.store.actor_merge import corpus_actor_row, merge_names

# UnsearchableQuery: what search and facets raise, for callers to catch from here
from tealeaves.store.backends import HIT_END, HIT_START, Backend, OutdatedStore, UnsearchableQuery, connect  # noqa: F401
from tealeaves.store.migrations import (  # noqa: F401  (the schema, for callers of the store)
    CORPUS_COLUMNS,
    CORPUS_STATE,
    MIGRATIONS,
    STALE,
    add_missing_columns,
)
from tealeaves.store.search import FACET_SAMPLE  # noqa: F401  (for the dashboard)
from tealeaves.store.sides_backfill import POSITION_COUNTS, STATEMENT_COUNTS
from tealeaves.store.sql import after as keyset
from tealeaves.store.sql import cursor, cursor_key, json_row, read_after
from tealeaves.store.sql import names as _names
from tealeaves.store.sql import page as _page
from tealeaves.store.sql import quoted as _q
from tealeaves.store.sql import where_clause as _where
from tealeaves.store.views import (
    CORPUS_ACTOR_COLUMNS,
    CORPUS_ACTORS,
    CROSS_MIXED,
    CROSS_MIXED_COLUMNS,
    DOCUMENT_ORDER,
    CorpusViews,
    corpus_actor,
    one_snapshot,
    search_hits,
)
from tealeaves.views import CorpusActor, SearchHit

DEFAULT_PATH = "tealeaves.db"
ANALYSED, DUPLICATE, NOT_ENGLISH = "analysed", "duplicate", "not_english"
# Under CORPUS_ACTORS in CORPUS_STATE: STALE or FRESH (the merged corpus actors are up to date).
FRESH = "fresh"
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}")


def snippet_pieces(snippet: Optional[str]) -> list[tuple[str, bool]]:
    """A search snippet as (text, is a hit) pieces: ``Store.search`` marks each hit with
    HIT_START ... HIT_END (control characters, so an article's own brackets are left alone)."""
    pieces = re.split(f"{HIT_START}([^{HIT_START}{HIT_END}]*){HIT_END}", snippet or "")
    return [(piece, i % 2 == 1) for i, piece in enumerate(pieces) if piece]


def iso_day(value: Optional[str]) -> Optional[str]:
    """The YYYY-MM-DD a date string starts with, or None."""
    return value[:10] if value and _ISO_DAY.match(value) else None


class Store(CorpusViews):
    """Analysed documents of a corpus, with search, actors, timelines and clusters."""

    def __init__(self, db: Backend, readonly: bool) -> None:
        self.db = db
        self.readonly = readonly

    @classmethod
    def open(cls, url_or_path: Optional[str] = None, *, readonly: bool = False) -> "Store":
        """Open (creating and migrating unless ``readonly``) a SQLite file or a ``postgresql://`` URL."""
        store = cls(connect(url_or_path or DEFAULT_PATH, readonly), readonly)
        if not readonly:
            store.migrate()
        else:  # not migrated: views read what an older store has, and say what to run where they can't
            store.db.missing_upgrades = tuple(store.pending_migrations())
        return store

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def close(self) -> None:
        self.db.close()

    def pending_migrations(self) -> list[str]:
        """The migrations a stored corpus has not had, in order; none for a store still being
        created (no documents table yet), whose reads fail on the missing tables instead."""
        if not self.db.table_columns("documents"):
            return []
        done = {row["name"] for row in self.db.query('SELECT "name" FROM migrations')} \
            if self.db.table_columns("migrations") else set()
        return [name for name, _ in MIGRATIONS if name not in done]

    def migrate(self) -> list[str]:
        """Apply the migrations not applied yet, all in one transaction; returns their names.

        One transaction, so a reader never meets a schema half built: SQLite's full-text
        table fails to open ("vtable constructor failed") when the schema changes under a
        reader, as it would between migrations committed one by one."""
        applied = []
        with self.db.transaction():
            self.db.execute('CREATE TABLE IF NOT EXISTS migrations ("name" TEXT PRIMARY KEY, "applied" TEXT NOT NULL)')
            done = {row["name"] for row in self.db.query('SELECT "name" FROM migrations')}
            for name, function in MIGRATIONS:
                if name in done:
                    continue
                function(self)
                self.db.execute('INSERT INTO migrations ("name", "applied") VALUES (?, ?)', (name, _now()))
                applied.append(name)
            add_missing_columns(self)
        return applied

    # --- writing ----------------------------------------------------------------------------

    def add(self, result: DocumentResult, *, pipeline_version: str, cluster_id: Optional[str] = None,
            extra: Optional[dict[str, Any]] = None) -> bool:
        """Store everything of one document, with an analyst's corrections, in one transaction,
        replacing any earlier copy; True when there was none (this transaction added the document),
        False when it replaced one (stored earlier, or meanwhile by another ingest). ``extra``
        fills corpus columns (content_hash, status, translation_credit, day, minhash)."""
        unknown = set(extra or {}) - set(CORPUS_COLUMNS)
        if unknown:
            raise ValueError(f"unknown corpus columns {sorted(unknown)}: use {sorted(CORPUS_COLUMNS)}")
        result = corrections.corrected(self.db, result)
        rows = tables.rows(result)
        document = rows["documents"][0] | {
            "pipeline_version": pipeline_version, "cluster_id": cluster_id or result.document.id,
            "status": ANALYSED, "day": iso_day(result.document.published), "ingest_time": _now(),
            "n_statements": len(result.statements),
        } | {k: v for k, v in (extra or {}).items() if v is not None}
        with self.db.transaction():
            replaced = self._delete(result.document.id)
            self._insert("documents", [document])
            for table in tables.PER_DOCUMENT:
                self._insert(table, rows[table])
            pks = self.db.query('SELECT "pk" FROM statements WHERE "document_id" = ? ORDER BY "pk"',
                                (result.document.id,))  # in the order inserted
            self.db.index_statements([(row["pk"], _search_body(statement))
                                      for row, statement in zip(pks, result.statements, strict=True)])
            aggregates.apply(self.db, aggregates.contributions(result, document), 1)
            self._mark_cross_mixed(STALE)
        return not replaced

    def _mark_cross_mixed(self, value: str) -> None:
        """Record what the stored cross-document mixed messages were found with, or ``STALE``
        (in the transaction of a write that adds or removes a document: they are out of date,
        and so are the merged corpus actors)."""
        self.db.execute(f'UPDATE {CORPUS_STATE} SET "value" = ? WHERE "key" = ?', (value, CROSS_MIXED))
        if value == STALE:
            self.db.execute(f'UPDATE {CORPUS_STATE} SET "value" = ? WHERE "key" = ?', (STALE, CORPUS_ACTORS))

    def add_errors(self, errors: Iterable[InputError]) -> None:
        """Record input errors, replacing earlier ones of the same source and line."""
        rows = tables.error_rows(errors)
        with self.db.transaction():
            for row in rows:
                self.db.execute('DELETE FROM errors WHERE "source" = ? AND "line" IS NOT DISTINCT FROM ?',
                                (row["source"], row["line"]))
                self._insert("errors", [row])

    def delete(self, document_id: str) -> None:
        """Remove one document and everything found in it."""
        with self.db.transaction():
            self._delete(document_id)
            self._mark_cross_mixed(STALE)

    def _insert(self, table: str, rows: list[dict[str, Any]]) -> None:
        """Rows of one table, those with the same columns sent together."""
        def columns(row: dict[str, Any]) -> tuple[str, ...]:
            return tuple(row)

        for names, group in itertools.groupby(rows, key=columns):
            self.db.execute_many(f"INSERT INTO {_q(table)} ({', '.join(map(_q, names))}) "
                                 f"VALUES ({', '.join('?' * len(names))})", [list(row.values()) for row in group])

    def _delete(self, document_id: str) -> bool:
        """Remove a document and its part of the aggregates (in the caller's transaction);
        whether there was one."""
        found = self.db.query('SELECT "day", "status", "outlet", "language" FROM documents WHERE "id" = ?',
                              (document_id,))
        if not found:
            return False
        old = self._results([document_id])[0]
        aggregates.apply(self.db, aggregates.contributions(old, found[0]), -1)
        self.db.unindex_document(document_id)
        return bool(self.db.query('DELETE FROM documents WHERE "id" = ? RETURNING "id"', (document_id,)))

    # --- aggregates -------------------------------------------------------------------------

    def rebuild_aggregates(self) -> int:
        """Make the aggregates and the merged corpus actors again from the stored documents
        (one transaction); returns the number of documents read."""
        with self.db.transaction():
            days = {r["id"]: r for r in self.db.query(
                'SELECT "id", "day", "status", "outlet", "language" FROM documents')}
            total: aggregates.Changes = {}
            for result in self.results():
                aggregates.merge(total, aggregates.contributions(result, days[result.document.id]))
            aggregates.clear(self.db)
            aggregates.apply(self.db, total, 1)
            self.refresh_corpus_actors()
        return len(days)

    def _require_aggregates(self) -> None:
        """Fail plainly on a store made before the aggregates, opened read-only (not migrated).
        A store still being created (no tables yet) is not an older store: its reads fail on
        the missing tables, as any read of it did before."""
        if not getattr(self, "_aggregates_checked", False):
            if not self.db.table_columns("agg_documents") and self.db.table_columns("documents"):
                raise OutdatedStore("this store was made by an older tealeaves and has no corpus aggregates: "
                                    "run 'tealeaves reindex --db STORE' once, then try again")
            self._aggregates_checked = True

    def refresh_corpus_actors(self) -> None:
        """Merge the actors across documents from the aggregates and store them for paged
        reading (after an ingest; the work grows with distinct actors, not documents). It first
        locks the state row, for which an add's stale mark and another refresh then wait."""
        with self.db.transaction():
            self.db.execute(f'UPDATE {CORPUS_STATE} SET "value" = ? WHERE "key" = ?', (STALE, CORPUS_ACTORS))
            rows = self._merged_actors()
            self.db.execute(f"DELETE FROM {CORPUS_ACTORS}")
            self._insert(CORPUS_ACTORS, [json_row(row, CORPUS_ACTOR_COLUMNS) for row in rows])
            sides_backfill.refresh(self.db, rows)
            self.db.execute(f'UPDATE {CORPUS_STATE} SET "value" = ? WHERE "key" = ?', (FRESH, CORPUS_ACTORS))

    def _merged_actors(self) -> list[dict[str, Any]]:
        """Corpus actors computed from ``agg_actors`` and ``agg_actor_values``."""
        merged: dict[str, dict[str, Any]] = {}
        for row in self.db.query('SELECT "actor_id", "documents", "statements" FROM agg_actors'):
            merged[row["actor_id"]] = {"id": row["actor_id"], "names": Counter(), "kinds": Counter(),
                                       "roles": Counter(), "sides": Counter(), "aliases": set(),
                                       "members": {row["actor_id"]}, "documents": int(row["documents"]),
                                       "statements": int(row["statements"])}
        plural = {"name": "names", "kind": "kinds", "role": "roles", "side": "sides"}
        for row in self.db.query('SELECT "actor_id", "field", "value", "documents" FROM agg_actor_values'):
            entry = merged.get(row["actor_id"])
            if entry is None:
                continue
            if row["field"] == "alias":
                entry["aliases"].add(row["value"])
            else:
                entry[plural[row["field"]]][row["value"]] += int(row["documents"])
        actors = [corpus_actor_row(entry) for entry in merge_names(merged).values()]
        return sorted(actors, key=lambda a: (-a["statements"], a["name"]))

    # --- reading records back ---------------------------------------------------------------

    def results(self, ids: Optional[Iterable[str]] = None) -> Iterator[DocumentResult]:
        """The stored records, equal to what was added (in the order of ``ids``, else ingest order),
        in one snapshot: a document replaced or deleted meanwhile by a writer is seen whole or not at all."""
        with self.db.snapshot():
            wanted = list(ids) if ids is not None else [
                r["id"] for r in self.db.query('SELECT "id" FROM documents ORDER BY "ingest_time", "id"')]
            for start in range(0, len(wanted), 200):
                yield from self._results(wanted[start:start + 200])

    def _results(self, ids: list[str]) -> list[DocumentResult]:
        marks = ", ".join("?" * len(ids))
        docs = {r["id"]: r for r in self.db.query(f'SELECT {_names("documents")} FROM documents WHERE "id" IN ({marks})', ids)}
        rows: dict[str, list[dict[str, Any]]] = {"documents": [docs[i] for i in ids if i in docs]}
        for table in tables.PER_DOCUMENT:
            rows[table] = self.db.query(
                f'SELECT {_names(table)} FROM {_q(table)} WHERE "document_id" IN ({marks}) ORDER BY "pk"', ids)
        return tables.results_from_rows(rows, {})

    def table_rows(self, table: str) -> list[dict[str, Any]]:
        """Every row of one table, columns as in ``tables.columns`` (for exports)."""
        order = '"ingest_time", "id"' if table == "documents" else '"pk"'
        return self.db.query(f"SELECT {_names(table)} FROM {_q(table)} ORDER BY {order}")

    def fingerprints(self) -> dict[str, dict[str, Any]]:
        """id -> source, line, content_hash, pipeline_version, cluster_id, status, minhash of every document."""
        rows = self.db.query('SELECT "id", "source", "line", "content_hash", "pipeline_version", "cluster_id", '
                             '"status", "minhash" '
                             'FROM documents ORDER BY "ingest_time", "id"')
        return {r["id"]: r for r in rows}

    # --- corpus views -----------------------------------------------------------------------

    def documents(self, *, outlet: Optional[str] = None, since: Optional[str] = None,
                  until: Optional[str] = None, limit: Optional[int] = None, offset: int = 0) -> list[dict[str, Any]]:
        """Documents with their metadata, cluster and statement count, newest first (a page)."""
        return self.documents_page(outlet=outlet, since=since, until=until, limit=limit, offset=offset)[0]

    @one_snapshot
    def documents_page(self, *, outlet: Optional[str] = None, since: Optional[str] = None,
                       until: Optional[str] = None, limit: Optional[int] = None, offset: int = 0,
                       after: Optional[str] = None) -> tuple[list[dict[str, Any]], Optional[str]]:
        """A page of ``documents`` and the cursor of the page after it (None after the last
        row). ``after``, a cursor of an earlier page, starts the page there instead of at
        ``offset``: it costs a page at any depth (``store.sql.after``)."""
        where, params = _where({"lower(d.outlet) = lower(?)": outlet, "d.day >= ?": since, "d.day <= ?": until})
        select = ('SELECT d."id", d."title", d."outlet", d."published", d."day", d."source", d."language", '
                  'd."cluster_id", d."status", d."translation_credit", d."n_statements" AS statements, '
                  'd."ingest_time" AS _ingest_time FROM documents d ')
        order = f' ORDER BY {DOCUMENT_ORDER[0]} DESC, {", ".join(DOCUMENT_ORDER[1:])}'
        wanted = None if limit is None else limit + 1  # one more row tells whether a page follows
        if after is None:
            rows = self.db.query(*_page(select + where + order, params, wanted, offset))
        else:
            rows = read_after(
                keyset(DOCUMENT_ORDER, cursor_key(after, 3), descending=True, nulls_first=not self.db.nulls_first),
                lambda condition, rest: self.db.query(*_page(
                    f'{select} {where} {"AND" if where else "WHERE"} {condition[0]} {order}', params + condition[1],
                    rest, 0)),
                wanted)
        keys = [(row["day"], row.pop("_ingest_time"), row["id"]) for row in rows]
        more = limit is not None and len(rows) > limit
        return rows[:limit], cursor(keys[limit - 1]) if more and limit else None

    def documents_total(self, *, outlet: Optional[str] = None, since: Optional[str] = None,
                        until: Optional[str] = None) -> int:
        """How many documents ``documents`` lists, from the aggregates."""
        self._require_aggregates()
        where, params = _where({'lower("outlet") = lower(?)': outlet, '"day" >= ?': since, '"day" <= ?': until})
        if since or until:  # '' is an undated document, which no date range holds
            where += ' AND "day" <> \'\''
        return int(self.db.query(f'SELECT sum("documents") AS n FROM agg_documents {where}', params)[0]["n"] or 0)

    def outlets(self) -> list[str]:
        """Every outlet of the stored documents, from the aggregates."""
        self._require_aggregates()
        return [r["outlet"] for r in self.db.query(
            'SELECT DISTINCT "outlet" FROM agg_documents WHERE "outlet" <> \'\' ORDER BY "outlet"')]

    def search(self, query: str, *, speaker: Optional[str] = None, side: Optional[str] = None,
               signal: Optional[str] = None, since: Optional[str] = None, until: Optional[str] = None,
               outlet: Optional[str] = None, limit: Optional[int] = 50, offset: int = 0) -> list[SearchHit]:
        """Statements matching every word of ``query`` (all when empty) and the filters, by date,
        with their documents; hits in ``snippet`` are marked HIT_START ... HIT_END (see
        ``snippet_pieces``). A query with no word of letters or digits raises ``UnsearchableQuery``."""
        return self.search_page(query, speaker=speaker, side=side, signal=signal, since=since, until=until,
                                outlet=outlet, limit=limit, offset=offset)[0]

    @one_snapshot
    def search_page(self, query: str, *, speaker: Optional[str] = None, side: Optional[str] = None,
                    signal: Optional[str] = None, since: Optional[str] = None, until: Optional[str] = None,
                    outlet: Optional[str] = None, limit: Optional[int] = 50, offset: int = 0,
                    after: Optional[str] = None) -> tuple[list[SearchHit], Optional[str]]:
        """A page of ``search`` and the cursor of the page after it (None after the last row).
        ``after``, a cursor of an earlier page, starts the page there instead of at ``offset``."""
        self._require_aggregates()  # a common word's page is planned from the statement count
        filters = {"speaker": speaker, "side": side, "signal": signal, "since": since, "until": until,
                   "outlet": outlet}
        key = None if after is None else cursor_key(after, len(statement_search.ORDER))
        wanted = None if limit is None else limit + 1  # one more row tells whether a page follows
        rows = statement_search.search(self.db, query, filters, wanted, offset, key)
        keys = [(row.pop("_day"), row["document_id"], row.pop("_pk")) for row in rows]
        more = limit is not None and len(rows) > limit
        return search_hits(rows[:limit], signal), cursor(keys[limit - 1]) if more and limit else None

    @one_snapshot
    def facets(self, query: Optional[str] = None, **filters: Optional[str]) -> dict[str, list[tuple[str, int]]]:
        """Counts of the matching statements by speaker, side, signal and outlet (top 20 each):
        without a query or filter the whole corpus's, from the aggregates; otherwise those of
        the first ``FACET_SAMPLE`` matching statements (``store.search.facets``)."""
        if not (query and query.strip()) and not any(filters.values()):
            return self._corpus_facets()
        return statement_search.facets(self.db, query, filters)

    def _corpus_facets(self) -> dict[str, list[tuple[str, int]]]:
        """Statements by speaker, side, signal and outlet in the whole corpus (top 20 each)."""
        queries = {
            "side": f'SELECT "side" AS value, sum("statements") AS n FROM {STATEMENT_COUNTS} c WHERE "side" <> \'\' '
                    'GROUP BY "side"',
            "signal": 'SELECT "signal" AS value, sum("statements") AS n FROM agg_statements WHERE "signal" <> ? '
                      'GROUP BY "signal"',
            "outlet": 'SELECT "outlet" AS value, sum("statements") AS n FROM agg_documents WHERE "outlet" <> \'\' '
                      'GROUP BY "outlet"',
        }
        top = map(corpus_actor, self._actor_rows(limit=20))
        out = {"speaker": [(a.name, a.statements) for a in top if a.statements]}
        for facet, sql in queries.items():
            rows = self.db.query(f"SELECT value, n FROM ({sql}) t WHERE n > 0 ORDER BY n DESC, value LIMIT 20",
                                 [aggregates.UNCODED] if facet == "signal" else [])
            out[facet] = [(r["value"], int(r["n"])) for r in rows]
        return {facet: out[facet] for facet in ("speaker", "side", "signal", "outlet")}

    @one_snapshot
    def actors(self, side: Optional[str] = None, *, limit: Optional[int] = None,
               offset: int = 0) -> list[CorpusActor]:
        """Corpus actors, most quoted first: one per actor id across documents, aliases unioned,
        people under two ids folded into one, conflicts as warnings, and the newest document of
        each (a page of them with ``limit``/``offset``; ``actors_total`` counts them)."""
        return self._with_latest(self._actor_rows(side, limit=limit, offset=offset))

    def _actor_rows(self, side: Optional[str] = None, *, limit: Optional[int] = None,
                    offset: int = 0) -> list[dict[str, Any]]:
        """The stored rows of ``actors`` (merged now after a killed or running ingest)."""
        self._require_aggregates()
        if not self.corpus_actors_fresh():  # a killed ingest, or one still running
            merged = [a for a in self._merged_actors() if not side or (a["side"] or "").lower() == side.lower()]
            return merged[offset:offset + limit if limit is not None else None]
        where, params = _where({'lower("side") = lower(?)': side})
        sql = (f'SELECT {", ".join(map(_q, CORPUS_ACTOR_COLUMNS))} FROM {CORPUS_ACTORS} {where} '
               'ORDER BY "statements" DESC, "name"')
        return self.db.query(*_page(sql, params, limit, offset))

    def _with_latest(self, rows: list[dict[str, Any]]) -> list[CorpusActor]:
        """Corpus actors of stored or merged rows, each with the newest document it appears in."""
        members = [json.loads(r["members"]) if isinstance(r["members"], str) else r["members"] for r in rows]
        documents = self._document_count() if rows else 0
        return [corpus_actor(row, self.newest_document(ids, int(row["documents"]), documents))
                for row, ids in zip(rows, members)]

    @one_snapshot
    def actors_total(self, side: Optional[str] = None) -> int:
        """How many corpus actors ``actors`` lists."""
        self._require_aggregates()
        if not self.corpus_actors_fresh():
            return len(self._actor_rows(side))
        where, params = _where({'lower("side") = lower(?)': side})
        return int(self.db.query(f"SELECT count(*) AS n FROM {CORPUS_ACTORS} {where}", params)[0]["n"])

    @one_snapshot
    def actor(self, actor_id: str) -> Optional[CorpusActor]:
        """One corpus actor by id (``members``: the ids folded into it), or None."""
        self._require_aggregates()
        if not self.corpus_actors_fresh():
            rows = [a for a in self._merged_actors() if a["id"] == actor_id]
        else:
            rows = self.db.query(f'SELECT {", ".join(map(_q, CORPUS_ACTOR_COLUMNS))} FROM {CORPUS_ACTORS} '
                                 'WHERE "id" = ?', (actor_id,))
        return self._with_latest(rows)[0] if rows else None

    def corpus_actors_fresh(self) -> bool:
        """Whether the merged corpus actors were made since the last document came or went,
        with today's columns: an older store read without migrating merges them anew."""
        rows = self.db.query(f'SELECT "value" FROM {CORPUS_STATE} WHERE "key" = ?', (CORPUS_ACTORS,))
        return (bool(rows) and rows[0]["value"] == FRESH
                and set(CORPUS_ACTOR_COLUMNS) <= set(self.db.table_columns(CORPUS_ACTORS)))

    @one_snapshot
    def scope(self, *, since: Optional[str] = None, until: Optional[str] = None, side: Optional[str] = None,
              actor: Optional[str] = None, topic: Optional[str] = None) -> list[str]:
        """Ids of the documents published in [since, until] where an actor of ``side``, the
        corpus actor ``actor`` (an id, or a name) or a statement on ``topic`` appears; newest
        first. Each condition reads an index, so a month of one side costs that month."""
        conditions: dict[str, Any] = {'d."day" >= ?': since, 'd."day" <= ?': until}
        if side:
            known = {s.casefold(): s for s in self.summary()["sides"]}
            conditions['d."id" IN (SELECT "document_id" FROM actors WHERE "side" = ?)'] = known.get(side.casefold(), side)
        where, params = _where(conditions)
        extra: list[str] = []
        if actor:
            entry = self.actor(actor) or next((a for a in map(corpus_actor, self._actor_rows(limit=1000))
                                               if a.name.casefold() == actor.casefold()), None)
            ids = list(entry.members) if entry else [actor]
            extra.append(f'd."id" IN (SELECT "document_id" FROM actors WHERE "id" IN ({", ".join("?" * len(ids))}))')
            params += ids
        if topic:
            extra.append('d."id" IN (SELECT "document_id" FROM statements WHERE "topic" = ?)')
            params.append(topic)
        if extra:
            where = (where + " AND " if where else "WHERE ") + " AND ".join(extra)
        return [row["id"] for row in self.db.query(
            f'SELECT d."id" FROM documents d {where} ORDER BY d."day" DESC, d."ingest_time", d."id"', params)]

    @one_snapshot
    def summary(self) -> dict[str, Any]:
        """The report's summary counts (``sinks.report.summary``) of the whole store, from the aggregates."""
        self._require_aggregates()
        totals = self.db.query('SELECT sum("documents") AS documents, sum("mixed_messages") AS mixed_messages, '
                               'sum("standoffs") AS standoffs, sum("warnings") AS warnings FROM agg_documents')[0]
        statements = self.db.query(
            'SELECT sum("statements") AS statements, sum(CASE WHEN "signal" <> ? THEN "statements" ELSE 0 END) '
            'AS coded FROM agg_statements', (aggregates.UNCODED,))[0]
        names = self.db.query('SELECT "side" FROM agg_name_sides')
        coherence = self.db.query('SELECT "side", sum("coherence") AS total, sum("documents") AS n '
                                  'FROM agg_coherence GROUP BY "side" ORDER BY "side"')
        errors = self.db.query("SELECT count(*) AS n FROM errors")[0]["n"]
        return {
            "documents": int(totals["documents"] or 0), "actors": len(names),
            "sides": sorted({r["side"] for r in names if r["side"]}),
            "statements": int(statements["statements"] or 0), "coded": int(statements["coded"] or 0),
            "mixed_messages": int(totals["mixed_messages"] or 0), "standoffs": int(totals["standoffs"] or 0),
            "warnings": int(totals["warnings"] or 0), "errors": int(errors),
            "coherence": {r["side"]: round(float(r["total"]) / int(r["n"]), 2) for r in coherence if r["n"]},
        }

    def signal_mix(self) -> list[dict[str, Any]]:
        """Statements per voice and signal (``sinks.charts.signal_mix_rows``), from the aggregates."""
        self._require_aggregates()
        rows = self.db.query(f'SELECT "voice", "signal", sum("statements") AS n FROM {STATEMENT_COUNTS} c '
                             'GROUP BY "voice", "signal" HAVING sum("statements") <> 0 ORDER BY "voice", "signal"')
        return [{"side": r["voice"], "signal": r["signal"], "count": int(r["n"])} for r in rows]

    def position_counts(self) -> list[dict[str, Any]]:
        """Statements under each position heading per side, from the aggregates."""
        self._require_aggregates()
        return [{"side": r["side"], "heading": r["heading"], "statements": int(r["statements"])}
                for r in self.db.query(f'SELECT "side", "heading", sum("statements") AS statements '
                                       f'FROM {POSITION_COUNTS} c GROUP BY "side", "heading" ORDER BY "side", "heading"')]

    def timeline_total(self, side: Optional[str] = None, *, since: Optional[str] = None,
                       until: Optional[str] = None) -> int:
        """How many rows ``timeline`` gives (side and day pairs)."""
        self._require_aggregates()
        where, params = _where({'lower("side") = lower(?)': side, '"day" >= ?': since, '"day" <= ?': until})
        where = (where + " AND " if where else "WHERE ") + '"side" <> \'\' AND "day" <> \'\''
        return int(self.db.query(f'SELECT count(*) AS n FROM (SELECT DISTINCT "side", "day" FROM {STATEMENT_COUNTS} c '
                                 f'{where}) t', params)[0]["n"])

    def last_day(self) -> Optional[str]:
        """The newest day with a statement of a side, or None."""
        self._require_aggregates()
        rows = self.db.query(f'SELECT max("day") AS day FROM {STATEMENT_COUNTS} c WHERE "side" <> \'\' AND "day" <> \'\'')
        return iso_day(rows[0]["day"]) if rows else None

    def timeline_sides(self) -> list[str]:
        """The sides the timeline has rows for."""
        self._require_aggregates()
        return [r["side"] for r in self.db.query(
            f'SELECT DISTINCT "side" FROM {STATEMENT_COUNTS} c WHERE "side" <> \'\' AND "day" <> \'\' ORDER BY "side"')]

    @one_snapshot
    def mixed_total(self, side: Optional[str] = None, kind: Optional[str] = None, *, scope: str = "all") -> int:
        """How many rows ``mixed_page`` has: those within documents from the aggregates."""
        self._require_aggregates()
        total = 0
        if scope in ("all", "within"):
            where, params = _where({'lower("side") = lower(?)': side, '"kind" = ?': kind})
            total += int(self.db.query(f'SELECT sum("mixed_messages") AS n FROM agg_mixed {where}',
                                       params)[0]["n"] or 0)
        if scope in ("all", "across") and self.db.table_columns(CROSS_MIXED):
            where, params = _where({'lower("side") = lower(?)': side, '"kind" = ?': kind})
            total += int(self.db.query(f"SELECT count(*) AS n FROM {CROSS_MIXED} {where}", params)[0]["n"])
        return total

    @one_snapshot
    def mixed_facets(self) -> tuple[list[str], list[str]]:
        """The sides and kinds of every stored mixed message (within and across documents)."""
        self._require_aggregates()
        parts = ['SELECT "side", "kind" FROM agg_mixed']
        if self.db.table_columns(CROSS_MIXED):
            parts.append(f'SELECT DISTINCT "side", "kind" FROM {CROSS_MIXED}')
        rows = self.db.query(" UNION ".join(parts))
        return sorted({r["side"] for r in rows}), sorted({r["kind"] for r in rows})

    def begin_cross_mixed(self) -> str:
        """Mark the cross-document mixed messages as being found again, before reading the
        documents to find them; returns the mark for ``replace_cross_mixed_messages``. A
        document added or removed meanwhile marks them stale over it, so that a result found
        without it is not taken for up to date."""
        mark = f"{STALE} {uuid.uuid4().hex}"
        with self.db.transaction():
            self._mark_cross_mixed(mark)
        return mark

    def replace_cross_mixed_messages(self, rows: list[dict[str, Any]], settings: str = "", *,
                                     since: Optional[str] = None) -> bool:
        """Store the corpus's cross-document mixed messages in place of the earlier ones, found
        with ``settings`` over the documents stored now (one transaction). With ``since`` (the
        mark of ``begin_cross_mixed``), only if no document came or went since the mark: else
        nothing is written, the stored ones stay stale, and this returns False."""
        encoded = [json_row(row, CROSS_MIXED_COLUMNS) for row in rows]
        with self.db.transaction():
            if since is not None and not self.db.query(  # the row's lock orders this against a writer's mark
                    f'UPDATE {CORPUS_STATE} SET "value" = ? WHERE "key" = ? AND "value" = ? RETURNING "key"',
                    (settings, CROSS_MIXED, since)):
                return False
            self.db.execute(f"DELETE FROM {CROSS_MIXED}")
            self._insert(CROSS_MIXED, encoded)
            self._mark_cross_mixed(settings or "found")
        return True

    def cross_mixed_settings(self) -> Optional[str]:
        """The settings the stored cross-document mixed messages were found with, or None when a
        document was added or removed since, they are being found again (or were killed while
        being found), or never were."""
        rows = self.db.query(f'SELECT "value" FROM {CORPUS_STATE} WHERE "key" = ?', (CROSS_MIXED,))
        value = rows[0]["value"] if rows else STALE
        return None if value.split(" ")[0] == STALE else value

    def errors(self) -> list[dict[str, Any]]:
        """Inputs that could not be read."""
        return self.db.query(f'SELECT {_names("errors")} FROM errors ORDER BY "pk"')

    @one_snapshot
    def stats(self) -> dict[str, Any]:
        """Row counts, documents by status and language, clusters and size on disk."""
        counts = {t: int(self.db.query(f"SELECT count(*) AS n FROM {_q(t)}")[0]["n"]) for t in tables.RECORDS}
        by = {column: {r["value"] or "": int(r["n"]) for r in self.db.query(
            f'SELECT {_q(column)} AS value, count(*) AS n FROM documents GROUP BY {_q(column)}')}
            for column in ("status", "language")}
        return {"backend": self.db.name, "tables": counts, "status": by["status"], "languages": by["language"],
                "clusters": len(self.clusters()), "bytes": self.db.size()}


def _search_body(statement: Any) -> str:
    """What full-text search sees of a statement: its sentence(s) and any quote outside them."""
    extra = [span.text for span in (*statement.quotes, *statement.content) if span.text not in statement.text]
    return "\n".join([statement.text, *extra])


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="microseconds")
