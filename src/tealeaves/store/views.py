"""The store's corpus views as records (``tealeaves.views``): search hits, mixed messages
within and across documents, timeline rows and clusters, each naming the documents it comes
from. ``Store`` has these queries as methods (``CorpusViews``); the tables they read and the
SQL helpers they share are here, so ``store.core`` keeps writing, migrating and reading back.
"""

from __future__ import annotations

import functools
import itertools
import json
from collections import defaultdict
from dataclasses import fields
from typing import TYPE_CHECKING, Any, Callable, Concatenate, Iterable, Optional, ParamSpec, TypeVar

from tealeaves import tables
from tealeaves.analysis.escalation import day_row
from tealeaves.models import Actor, Statement, is_observer
from tealeaves.store.sides_backfill import ACTOR_SIDE, STATEMENT_COUNTS
from tealeaves.store.sql import BadCursor, cursor, cursor_key, page, read_after, where_clause
from tealeaves.store.sql import after as keyset
from tealeaves.views import (
    Cluster,
    ClusterMember,
    CorpusActor,
    DocumentRef,
    MixedRow,
    SearchHit,
    TimelineRow,
    day_of,
)

if TYPE_CHECKING:
    from tealeaves.store.backends import Backend

# Documents a timeline row lists: the first of its side's day; a search of that side and day has them all.
DAY_DOCUMENTS = 5
CROSS_MIXED = "cross_mixed_messages"
# The documents' order in every list of them: newest day first, then as ingested (day descending).
DOCUMENT_ORDER = ('d."day"', 'd."ingest_time"', 'd."id"')
# Its columns: those of a mixed message, each list a pair (JSON text), first statement first.
CROSS_MIXED_COLUMNS: dict[str, Optional[type]] = {
    "id": str, "side": str, "kind": str, "explanation": str, "score": float,
    "statement_ids": None, "document_ids": None, "days": None,
}
# Actors merged across documents (``Store.actors``), remade from the aggregates after an ingest.
CORPUS_ACTORS = "corpus_actors"
CORPUS_ACTOR_COLUMNS: dict[str, Optional[type]] = {
    "id": str, "name": str, "kind": str, "role": str, "side": str, "documents": int, "statements": int,
    "aliases": None, "roles": None, "sides": None, "warnings": None, "members": None, "merges": None,
}
_REF_COLUMNS = 'd."id", d."source", d."title", d."outlet", d."day"'
# The speakers of one side in the documents of one day, in the order ingested: ``documents`` is
# the table or a subquery of it (aliased d), ``day`` and ``side`` what they equal.
_DAY_DOCUMENTS = (
    f'SELECT {_REF_COLUMNS}, a."kind" AS speaker_kind, a."name" AS speaker_name FROM {{documents}} d '
    f'CROSS JOIN actors a WHERE a."document_id" = d."id" AND d."day" = {{day}} AND {ACTOR_SIDE} = {{side}} '
    'AND EXISTS (SELECT 1 FROM statements s WHERE s."document_id" = d."id" AND s."speaker_id" = a."id") '
    'ORDER BY d."ingest_time", d."id"')
# The documents of a day the first read of a timeline page looks at per side-day (PostgreSQL):
# the first ingested, so a busy day costs what a quiet one does.
DAY_WINDOW = 80
_STATEMENT_FIELDS = tuple(f.name for f in fields(Statement))


def mixed_cursor_key(text: str) -> tuple[float, str, int]:
    """The (score, scope, pk) of a mixed messages page cursor; ``BadCursor`` for anything else."""
    score, scope, pk = cursor_key(text, 3)
    if not isinstance(score, (int, float)) or scope not in ("within", "across") or not isinstance(pk, int):
        raise BadCursor(f"not a page cursor of the mixed messages: {text[:40]!r} (use the 'next' link or cursor a page gave)")
    return float(score), scope, pk


def _after_mixed(part: str, key: tuple[float, str, int]) -> dict[str, Any]:
    """The conditions on the rows of one part (within or across) that come after the row of
    ``key`` in the order score descending, within before across, then pk: each reads the
    part's score index from the cursor's score on."""
    score, scope, pk = key
    if part == scope:
        return {'"score" <= ? AND ("score" < ? OR "pk" > ?)': [score, score, pk]}
    return {'"score" < ?' if part == "within" else '"score" <= ?': [score]}


def document_ref(row: dict[str, Any]) -> DocumentRef:
    """A document's reference from a row of ``_REF_COLUMNS``."""
    return DocumentRef(row["id"], row["source"], row["title"], row["outlet"], day_of(row["day"]))


def corpus_actor(row: dict[str, Any], latest: Optional[DocumentRef] = None) -> CorpusActor:
    """A corpus actor from its stored row (lists as JSON text) or its merged dict (lists)."""
    values = {name: json.loads(row[name]) if kind is None and isinstance(row[name], str) else row[name]
              for name, kind in CORPUS_ACTOR_COLUMNS.items()}
    return tables.record_from_dict(CorpusActor, values | {"latest": latest})


def search_hits(rows: list[dict[str, Any]], signal: Optional[str]) -> list[SearchHit]:
    """Hits from rows of ``store.search.search`` (statement columns, document and speaker
    columns, snippet); ``signal``: the code searched for, to tell a secondary match."""
    hits = []
    for row in rows:
        statement = tables.record_from_row("statements", row)
        hits.append(SearchHit(
            **{name: getattr(statement, name) for name in _STATEMENT_FIELDS},
            document_id=row["document_id"], source=row["source"], title=row["title"], outlet=row["outlet"],
            published=row["published"], day=day_of(row["day"]), speaker=row["speaker"], side=row["side"],
            snippet=row["snippet"], secondary=bool(signal) and statement.signal != signal))
    return hits


_P = ParamSpec("_P")
_R = TypeVar("_R")


def one_snapshot(view: Callable[Concatenate[Any, _P], _R]) -> Callable[Concatenate[Any, _P], _R]:
    """A view of several queries read in one snapshot (``Backend.snapshot``): a document a
    writer replaces or deletes meanwhile is seen whole or not at all, never found by one query
    and missing from the next."""
    @functools.wraps(view)
    def read(self: Any, *args: _P.args, **kwargs: _P.kwargs) -> _R:
        with self.db.snapshot():
            return view(self, *args, **kwargs)
    return read


class CorpusViews:
    """The corpus views of ``Store``, a page at a time where a view can be long."""

    db: "Backend"

    if TYPE_CHECKING:
        def _require_aggregates(self) -> None: ...

    def document_refs(self, ids: Iterable[str]) -> dict[str, DocumentRef]:
        """id -> reference of these stored documents (one query)."""
        wanted = list(dict.fromkeys(ids))
        if not wanted:
            return {}
        rows = self.db.query(f'SELECT {_REF_COLUMNS} FROM documents d WHERE d."id" IN '
                             f'({", ".join("?" * len(wanted))})', wanted)
        return {row["id"]: document_ref(row) for row in rows}

    @one_snapshot
    def newest_document(self, actor_ids: Iterable[str], occurrences: int,
                        documents: Optional[int] = None) -> Optional[DocumentRef]:
        """The newest document where any of these ids (one corpus actor) appears, in the
        ``documents`` order, dated ones first. An actor in many documents is found by walking
        the documents newest first (it stops early); one in few, by reading its documents.
        ``documents``: the store's document count, when the caller has it already."""
        ids = list(actor_ids)
        marks = ", ".join("?" * len(ids))
        order = 'ORDER BY d."day" DESC, d."ingest_time" DESC, d."id" DESC LIMIT 1'
        mine = f'SELECT "document_id" FROM actors WHERE "id" IN ({marks})'
        if documents is None:
            documents = self._document_count()
        if occurrences * occurrences > documents:
            where = f'EXISTS (SELECT 1 FROM actors a WHERE a."document_id" = d."id" AND a."id" IN ({marks}))'
        else:
            where = f'd."id" IN ({mine})'
        for dated in ('d."day" IS NOT NULL AND ', ""):
            rows = self.db.query(f"SELECT {_REF_COLUMNS} FROM documents d WHERE {dated}{where} {order}", ids)
            if rows:
                return document_ref(rows[0])
        return None

    @one_snapshot
    def actor_documents_page(self, actor_ids: Iterable[str], occurrences: int, *, limit: Optional[int] = None,
                             offset: int = 0, after: Optional[str] = None) -> tuple[list[str], Optional[str]]:
        """Ids of a page of the documents where any of these ids (one corpus actor, in
        ``occurrences`` documents) appears, in the ``documents`` order (newest first), and the
        cursor of the page after it (None after the last). The page is found by walking the
        documents in that order when the walk is shorter than the actor's documents (about
        (offset + limit) * documents / occurrences rows: an actor of many, an early page),
        else by reading the actor's documents; ``after`` starts either at an earlier page's
        cursor (offset 0)."""
        ids = list(actor_ids)
        marks = ", ".join("?" * len(ids))
        wanted = None if limit is None else limit + 1
        walk = (0 if after else offset) + (wanted or 0)
        if wanted is not None and walk * self._document_count() < occurrences * occurrences:
            mine = f'EXISTS (SELECT 1 FROM actors a WHERE a."document_id" = d."id" AND a."id" IN ({marks}))'
        else:
            mine = f'd."id" IN (SELECT "document_id" FROM actors WHERE "id" IN ({marks}))'
        select = f'SELECT d."id", d."day", d."ingest_time" FROM documents d WHERE {mine}'
        order = f' ORDER BY {DOCUMENT_ORDER[0]} DESC, {", ".join(DOCUMENT_ORDER[1:])}'
        if after is None:
            rows = self.db.query(*page(select + order, ids, wanted, offset))
        else:
            rows = read_after(
                keyset(DOCUMENT_ORDER, cursor_key(after, 3), descending=True, nulls_first=not self.db.nulls_first),
                lambda condition, rest: self.db.query(*page(f"{select} AND {condition[0]}{order}",
                                                            ids + condition[1], rest, 0)),
                wanted)
        more = limit is not None and len(rows) > limit
        rows = rows[:limit]
        last = rows[-1] if more and rows else None
        return [row["id"] for row in rows], cursor((last["day"], last["ingest_time"], last["id"])) if last else None

    def _document_count(self) -> int:
        """Documents in the store, from the aggregates."""
        rows = self.db.query('SELECT sum("documents") AS n FROM agg_documents')
        return int(rows[0]["n"] or 0) if rows else 0

    def mixed_page(self, side: Optional[str] = None, kind: Optional[str] = None, *, scope: str = "all",
                   limit: Optional[int] = None, offset: int = 0) -> list[MixedRow]:
        """Mixed messages within one document and across two (``scope``: all, within, across),
        strongest first, with their documents (a page with ``limit``/``offset``)."""
        return self.mixed_messages_page(side, kind, scope=scope, limit=limit, offset=offset)[0]

    @one_snapshot
    def mixed_messages_page(self, side: Optional[str] = None, kind: Optional[str] = None, *, scope: str = "all",
                            limit: Optional[int] = None, offset: int = 0,
                            after: Optional[str] = None) -> tuple[list[MixedRow], Optional[str]]:
        """A page of ``mixed_page`` and the cursor of the page after it (None after the last
        row). ``after``, a cursor of an earlier page, starts the page there: each part (within,
        across) then reads at most a page from that score on, and the two are merged."""
        parts = []
        if scope in ("all", "within"):
            parts.append(("within", 'SELECT \'within\' AS scope, m."pk", m."id", m."side", m."kind", m."explanation", '
                          'm."score", m."statement_ids", m."document_id" AS document_ids FROM mixed_messages m',
                          {'lower(m."side") = lower(?)': side, 'm."kind" = ?': kind}))
        if scope in ("all", "across") and self.db.table_columns(CROSS_MIXED):
            parts.append(("across", 'SELECT \'across\' AS scope, "pk", "id", "side", "kind", "explanation", "score", '
                          f'"statement_ids", "document_ids" FROM {CROSS_MIXED}',
                          {'lower("side") = lower(?)': side, '"kind" = ?': kind}))
        wanted = None if limit is None else limit + 1  # one more row tells whether a page follows
        if after is None:
            selects, params = [], []
            for _, select, conditions in parts:
                where, found = where_clause(conditions)
                selects.append(f"{select} {where}")
                params += found
            # Ties as before pages: within documents first, then in the order stored.
            sql = " UNION ALL ".join(selects) + ' ORDER BY "score" DESC, scope DESC, "pk"'
            rows = self.db.query(*page(sql, params, wanted, offset)) if parts else []
        else:
            rows = []
            key = mixed_cursor_key(after)
            for part, select, conditions in parts:
                where, found = where_clause(conditions | _after_mixed(part, key))
                rows += self.db.query(*page(f'{select} {where} ORDER BY "score" DESC, "pk"', found, wanted, 0))
            rows = sorted(rows, key=lambda r: (-r["score"], r["scope"] != "within", r["pk"]))[:wanted]
        more = limit is not None and len(rows) > limit
        rows = rows[:limit]
        for row in rows:
            row["document_ids"] = [row["document_ids"]] if row["scope"] == "within" else json.loads(row["document_ids"])
        last = rows[-1] if more and rows else None
        return self._mixed_rows(rows), cursor((last["score"], last["scope"], last["pk"])) if last else None

    def _mixed_rows(self, rows: list[dict[str, Any]]) -> list[MixedRow]:
        refs = self.document_refs(i for row in rows for i in row["document_ids"])
        return [MixedRow(row["scope"], row["id"], row["side"], row["kind"], row["explanation"], row["score"] or 0.0,
                         tuple(json.loads(row["statement_ids"])),
                         tuple(refs[i] for i in row["document_ids"] if i in refs)) for row in rows]

    @one_snapshot
    def cross_mixed_messages(self, side: Optional[str] = None, kind: Optional[str] = None) -> list[MixedRow]:
        """Mixed messages across documents, strongest first; none in a store made before they
        were (opened read-only, it is not migrated: the next ingest adds them)."""
        if not self.db.table_columns(CROSS_MIXED):
            return []
        where, params = where_clause({'lower("side") = lower(?)': side, '"kind" = ?': kind})
        rows = self.db.query(f'SELECT \'across\' AS scope, "id", "side", "kind", "explanation", "score", '
                             f'"statement_ids", "document_ids" FROM {CROSS_MIXED} {where} '
                             'ORDER BY "score" DESC, "pk"', params)
        for row in rows:
            row["document_ids"] = json.loads(row["document_ids"])
        return self._mixed_rows(rows)

    @one_snapshot
    def timeline(self, side: Optional[str] = None, *, since: Optional[str] = None,
                 until: Optional[str] = None, limit: Optional[int] = None, offset: int = 0,
                 documents: bool = True) -> list[TimelineRow]:
        """Per side per day: statements, counts per signal and the escalation index in [-1, 1]
        (``tealeaves.analysis.escalation``), from the aggregates, with the documents the side
        speaks in that day (unless ``documents`` is False: a chart needs none); by side then day."""
        self._require_aggregates()
        where, params = where_clause({'lower("side") = lower(?)': side, '"day" >= ?': since, '"day" <= ?': until})
        where = (where + " AND " if where else "WHERE ") + '"side" <> \'\' AND "day" <> \'\''
        wanted: Optional[set[tuple[str, str]]] = None
        if limit is not None or offset:  # the page's (side, day) pairs, then only their days' rows
            keys, key_params = page(f'SELECT DISTINCT "side", "day" FROM {STATEMENT_COUNTS} c {where} '
                                    'ORDER BY "side", "day"', list(params), limit, offset)
            wanted = {(r["side"], r["day"]) for r in self.db.query(keys, key_params)}
            if not wanted:
                return []
            sides = sorted({s for s, _ in wanted})  # and only their sides: an index search, not a scan
            where += f' AND "day" >= ? AND "day" <= ? AND "side" IN ({", ".join("?" * len(sides))})'
            params += [min(d for _, d in wanted), max(d for _, d in wanted), *sides]
        rows = self.db.query(f'SELECT "side", "day", "signal", sum("statements") AS n FROM {STATEMENT_COUNTS} c {where} '
                             'GROUP BY "side", "day", "signal"', params)
        days: dict[tuple[str, str], dict[str, int]] = defaultdict(dict)
        for row in rows:
            key = (row["side"], row["day"])
            if wanted is None or key in wanted:
                days[key][row["signal"]] = int(row["n"])
        if not days:
            return []
        if not documents:
            return [day_row(side_name, day, signals) for (side_name, day), signals in sorted(days.items())]
        found = self._side_day_documents(sorted(days))
        return [day_row(side_name, day, signals, found.get((side_name, day), ()))
                for (side_name, day), signals in sorted(days.items())]

    def _side_day_documents(self, keys: list[tuple[str, str]]) -> dict[tuple[str, str], tuple]:
        """(side, day) -> the first ``DAY_DOCUMENTS`` documents (in the order ingested) where a
        speaker of that side (its own, else the one the corpus learned for it; not an observer)
        has a statement that day, as the timeline counts them. Each side-day reads that day's
        documents (index on day) a chunk at a time until it has them: the work follows the
        page, not the documents of its days (16,000 on a page of 120 side-days at 100k documents
        took 2.5 s). On PostgreSQL the first chunk of every side-day comes in one query (a
        LATERAL join): one query per side-day cost 5-20 ms of planning and round trip each, 2.3 s
        for a page of 120 at 3,000 documents. The rest are a search of that side and day."""
        found: dict[tuple[str, str], tuple] = {}
        chunk = 4 * DAY_DOCUMENTS  # rows per read: a document is one row per speaker of the side
        first = self._first_chunks(keys, chunk) if self.db.lateral else {}
        one_day = _DAY_DOCUMENTS.format(documents="documents", day="?", side="?")
        for side, day in keys:
            refs: dict[str, DocumentRef] = {}
            offset = 0
            rows, cut = first.pop((side, day), (None, False))
            while True:
                if rows is None:
                    rows, cut = self.db.query(f"{one_day} LIMIT ? OFFSET ?", [day, side, chunk, offset]), False
                for row in rows:
                    if len(refs) < DAY_DOCUMENTS and not is_observer(
                            Actor(row["speaker_name"], row["speaker_name"], row["speaker_kind"])):
                        refs.setdefault(row["id"], document_ref(row))
                if len(refs) >= DAY_DOCUMENTS or (len(rows) < chunk and not cut):
                    break
                offset, rows = offset + len(rows), None
            if refs:
                found[(side, day)] = tuple(refs.values())
        return found

    def _first_chunks(self, keys: list[tuple[str, str]],
                      chunk: int) -> dict[tuple[str, str], tuple[list[dict[str, Any]], bool]]:
        """(side, day) -> the first ``chunk`` rows of ``_DAY_DOCUMENTS`` among the first
        ``DAY_WINDOW`` documents of the day, all in one query, and whether the window cut the
        day short (more rows may follow those found). Only a window's documents are joined to
        their speakers: PostgreSQL joined every document of the day and sorted them (it
        expected to need them all), so a page read 77,000 buffers at 33k documents (40,000
        now) and more as days fill, and from 15k documents its cost passed the JIT threshold
        (41 ms of compiling a request)."""
        if not keys:
            return {}
        values = ", ".join("(?, ?)" for _ in keys)
        window = (f'(SELECT {_REF_COLUMNS}, d."ingest_time" FROM documents d '
                  f'WHERE d."day" = k."day" ORDER BY {", ".join(DOCUMENT_ORDER)} LIMIT ?)')
        lateral = _DAY_DOCUMENTS.format(documents=window, day='k."day"', side='k."side"')
        rows = self.db.query(f'SELECT k."side" AS key_side, k."day" AS key_day, x.* FROM (VALUES {values}) '
                             f'AS k("side", "day") CROSS JOIN LATERAL ({lateral} LIMIT ?) x',
                             [*itertools.chain.from_iterable(keys), DAY_WINDOW, chunk])
        first: dict[tuple[str, str], list[dict[str, Any]]] = {key: [] for key in keys}
        for row in rows:
            first[(row.pop("key_side"), row.pop("key_day"))].append(row)
        days = sorted({day for _, day in keys})
        counted = {r["day"]: int(r["n"]) for r in self.db.query(
            f'SELECT "day", sum("documents") AS n FROM agg_documents WHERE "day" IN ({", ".join("?" * len(days))}) '
            'GROUP BY "day"', days)}
        return {key: (rows, counted.get(key[1], 0) > DAY_WINDOW) for key, rows in first.items()}

    @one_snapshot
    def clusters(self) -> list[Cluster]:
        """Near-duplicate clusters of two or more documents: the first member is the original."""
        rows = self.db.query(
            f'SELECT d."cluster_id", {_REF_COLUMNS}, d."status" FROM documents d WHERE d."cluster_id" IN '
            '(SELECT "cluster_id" FROM documents GROUP BY "cluster_id" HAVING count(*) > 1) '
            'ORDER BY d."cluster_id", (d."id" <> d."cluster_id"), d."ingest_time", d."id"')
        clusters: dict[str, list[ClusterMember]] = {}
        for row in rows:
            clusters.setdefault(row["cluster_id"], []).append(
                ClusterMember(row["id"], row["source"], row["title"], row["outlet"], day_of(row["day"]), row["status"]))
        return [Cluster(cid, len(members), tuple(members)) for cid, members in clusters.items()]
