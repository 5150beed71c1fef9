"""Full-text search of the stored statements, and the facets of a search, at any corpus size.

Results come by date. A rare word is found through the full-text index and its few matches
sorted. A common word matches too many statements to sort on every request (50,000 of 500,000
at 100k documents: 0.7–2 s), so then the documents are walked in date order until the page is
full, each statement checked either against the set of all matches, read once (cheap per
statement, but it costs as much as the matches: 165 ms for a word in each of 500,000), or
against the full-text index on its own (``Backend.check_cost`` times dearer per statement, but
a word most statements hold needs few checks): whichever reads less. Facets count the first
``FACET_SAMPLE`` matches in one query.
"""

from __future__ import annotations

import math
from typing import Any, Optional

from tealeaves import tables
from tealeaves.store.backends import Backend
from tealeaves.store.sql import after, read_after, where_clause

FACET_SAMPLE = 1000  # matching statements the facets of a search count over
# From this many matches on, a page of results is found by walking documents in date order.
DATE_WALK_MATCHES = 5000
_NO_LIMIT = 2 ** 62  # what LIMIT takes for "all" on both backends (-1 and ALL are not portable)
FACETS = (("speaker", 'a."name"'), ("side", 'a."side"'), ("signal", 's."signal"'), ("outlet", 'd."outlet"'))


def create_indexes(db: Backend) -> None:
    """What the date walk reads by (a migration): documents by day, and a statement's speaker
    with the columns a search filters and shows (else SQLite builds such an index per query)."""
    db.execute('CREATE INDEX "documents_day_id" ON documents ("day", "id")')
    db.execute('CREATE INDEX "actors_speaker" ON actors ("document_id", "id", "side", "name")')


def create_side_index(db: Backend) -> None:
    """What a search by side reads by (a migration): a side as the filter compares it. Without
    it PostgreSQL read every actor to find one side's (290 ms at 100k documents)."""
    db.execute('CREATE INDEX "actors_side_lower" ON actors (lower("side"), "document_id")')


ORDER = ('d."day"', 's."document_id"', 's."pk"')  # the order of results, the sort key a cursor holds


def search(db: Backend, query: str, filters: dict[str, Optional[str]], limit: Optional[int],
           offset: int, after_key: Optional[list[Any]] = None) -> list[dict[str, Any]]:
    """One page of the statements matching every word of ``query`` and the filters, by date
    (each row with its sort key, ``ORDER``, under "_key"): from row ``offset``, or after the
    row whose sort key is ``after_key`` (a seek in the date order, at any depth)."""
    if after_key is None:
        return _search(db, query, filters, limit, offset, ("", []))
    return read_after(after(ORDER, after_key, descending=False, nulls_first=db.nulls_first),
                      lambda condition, rest: _search(db, query, filters, rest, 0, condition), limit)


def _search(db: Backend, query: str, filters: dict[str, Optional[str]], limit: Optional[int],
            offset: int, seek: tuple[str, list[Any]]) -> list[dict[str, Any]]:
    """``search`` of the rows that also meet the condition ``seek``."""
    names = ", ".join(f's."{c}"' for c in tables.columns("statements"))
    if query.strip() and limit is not None:
        # The page's statements first, then their snippets: a planner left to choose read every
        # match of a common word to find the page's (SQLite, 100 ms for 500,000), or walked every
        # statement by date looking for a rare word's few (PostgreSQL, 4 s for none at 100k).
        fts_join, fts_where, fts_params, snippet, snippet_params = db.search(query)
        joins = (f'FROM statements s {db.ordered_join} documents d ON d."id" = s."document_id" '
                 'LEFT JOIN actors a ON a."document_id" = s."document_id" AND a."id" = s."speaker_id" '
                 f'{db.ordered_join} {fts_join.removeprefix("JOIN ")}')
        if walk := _walk_kind(db, query, limit + offset):
            pks = _date_walk(db, query, filters, limit, offset, seek, check_each=walk == "check each")
        else:  # fewer than DATE_WALK_MATCHES matches: read them, then sort those that pass the filters
            pks = _sorted_page(db, query, filters, limit, offset, seek)
        if not pks:
            return []
        # Snippets for the page's rows only: SQLite makes one for every row it sorts (4,962
        # matches of a word at 10k documents: 262 ms, against a few ms for the page's 50).
        where = f'WHERE s."pk" IN ({", ".join("?" * len(pks))}) AND {fts_where}'
        sql = f'SELECT {_KEY}, {names}, {_SHOWN}, {snippet} AS snippet {joins} {where}'
        by_pk = {row["_pk"]: row for row in db.query(sql, [*snippet_params, *pks, *fts_params])}
        return [by_pk[pk] for pk in pks]
    joins, where, params, snippet, snippet_params = statement_filter(db, query, filters, seek)
    sql = f'SELECT {_KEY}, {names}, {_SHOWN}, {snippet} AS snippet {joins} {where} ORDER BY {", ".join(ORDER)}'
    return db.query(*page(sql, snippet_params + params, limit, offset))


_KEY = 'd."day" AS "_day", s."pk" AS "_pk"'
_SHOWN = 'd."title", d."source", d."outlet", d."published", d."day", a."name" AS speaker, a."side" AS side'
_JOINS = ('FROM statements s JOIN documents d ON d."id" = s."document_id" '
          'LEFT JOIN actors a ON a."document_id" = s."document_id" AND a."id" = s."speaker_id"')


def _walk_kind(db: Backend, query: str, rows: int) -> Optional[str]:
    """How a page ending at row ``rows`` of a search for ``query`` is found: None (sort the
    matches: they are few), "set of matches" or "check each" (see the module doc). The
    matches are counted only as far as the choice needs."""
    statements = int(db.query('SELECT coalesce(sum("statements"), 0) AS n FROM agg_documents')[0]["n"])
    # Walking to row ``rows`` checks about rows × statements / matches statements: checked each
    # alone that costs less than reading the matches when matches² > check_cost × rows × statements.
    dense = math.isqrt(db.check_cost * rows * statements) + 1
    matches = db.match_count(query, at_most=max(DATE_WALK_MATCHES, dense))
    if matches < DATE_WALK_MATCHES:
        return None
    return "check each" if matches >= dense else "set of matches"


def _sorted_page(db: Backend, query: str, filters: dict[str, Optional[str]], limit: int, offset: int,
                 seek: tuple[str, list[Any]]) -> list[int]:
    """The statements of one page among a word's few matches: all read, filtered and sorted."""
    matching, match_params = db.matching(query)
    matches = [next(iter(row.values())) for row in db.query(matching, match_params)]
    if not matches:
        return []
    where, params = _filter_conditions(filters, seek)
    where = (where + " AND " if where else "WHERE ") + f's."pk" IN ({", ".join("?" * len(matches))})'
    sql = f'SELECT s."pk" {_JOINS} {where} ORDER BY {", ".join(ORDER)}'
    return [row["pk"] for row in db.query(*page(sql, [*params, *matches], limit, offset))]


def _date_walk(db: Backend, query: str, filters: dict[str, Optional[str]], limit: int, offset: int,
               seek: tuple[str, list[Any]], check_each: bool) -> list[int]:
    """The statements of one page, found by walking the documents in date order (see the
    module doc); the same order as the sorted search: day, document, statement."""
    where, params = _filter_conditions(filters, seek)
    if check_each:
        condition, match_params = db.statement_matches(query)
    else:
        matching, match_params = db.matching(query)
        condition = f's."pk" IN ({matching})'
    where = (where + " AND " if where else "WHERE ") + condition
    sql = (f'SELECT s."pk" FROM documents d {db.ordered_join} statements s ON s."document_id" = d."id" '
           f'LEFT JOIN actors a ON a."document_id" = s."document_id" AND a."id" = s."speaker_id" {where} '
           'ORDER BY d."day", d."id", s."pk"')
    return [row["pk"] for row in db.query(*page(sql, params + match_params, limit, offset))]


def facets(db: Backend, query: Optional[str], filters: dict[str, Optional[str]]) -> dict[str, list[tuple[str, int]]]:
    """Counts by speaker, side, signal and outlet (top 20 each) of the first ``FACET_SAMPLE``
    statements matching, read in one query: a common word costs no more than a rare one."""
    columns = ", ".join(f"{column} AS {facet}" for facet, column in FACETS)
    if walk := _dated_walk_kind(db, query, filters):
        sql, params = _facet_walk(db, query or "", filters, columns, check_each=walk == "check each")
    else:
        joins, where, params, _, _ = statement_filter(db, query, filters)
        sql = f"SELECT {columns} {joins} {where}"
    counts: dict[str, dict[str, int]] = {facet: {} for facet, _ in FACETS}
    for row in db.query(f"{sql} LIMIT ?", [*params, FACET_SAMPLE]):
        for facet, count in counts.items():
            if row[facet] is not None:
                count[row[facet]] = count.get(row[facet], 0) + 1
    return {facet: sorted(count.items(), key=lambda item: (-item[1], item[0]))[:20] for facet, count in counts.items()}


def _dated_walk_kind(db: Backend, query: Optional[str], filters: dict[str, Optional[str]]) -> Optional[str]:
    """How the facets of a search within dates are read: None (from the matches, checking each
    one's date), or by walking the documents of those dates, each statement checked against the
    set of all matches ("set of matches") or, when that set is larger than checking the dates'
    statements one by one, against the index alone ("check each"; the costs of ``_walk_kind``).
    The matches stop being read once ``FACET_SAMPLE`` of them fall within the dates: that costs
    less than a walk for a word most statements hold, and reads every match when few fall
    within the dates (a week of a word in one statement of ten at 100k documents: 50,000
    matches and their documents, 170 ms of CPU), which the walk avoids."""
    if not (query and query.strip()) or not (filters.get("since") or filters.get("until")):
        return None
    where, params = where_clause({'"day" >= ?': filters.get("since"), '"day" <= ?': filters.get("until")})
    counts = db.query(f'SELECT coalesce(sum(CASE WHEN "day" <> \'\' {where.replace("WHERE", "AND")} THEN "statements" '
                      'END), 0) AS dated, coalesce(sum("statements"), 0) AS every FROM agg_documents', params)[0]
    dated, every = int(counts["dated"]), int(counts["every"])
    enough = FACET_SAMPLE * every // max(dated, 1) + 1  # matches read until the sample is full, by and large
    matches = db.match_count(query, at_most=enough)
    if matches >= enough:
        return None
    return "check each" if db.check_cost * dated < matches else "set of matches"


def _facet_walk(db: Backend, query: str, filters: dict[str, Optional[str]], columns: str,
                check_each: bool) -> tuple[str, list[Any]]:
    """The facets' query (``columns``) over the documents of the dates walked by day (see
    ``_dated_walk_kind``), and its parameters."""
    where, params = _filter_conditions(filters)
    if check_each:
        condition, match_params = db.statement_matches(query)
    else:
        matching, match_params = db.matching(query)
        condition = f's."pk" IN ({matching})'
    return (f'SELECT {columns} FROM documents d {db.ordered_join} statements s ON s."document_id" = d."id" '
            'LEFT JOIN actors a ON a."document_id" = s."document_id" AND a."id" = s."speaker_id" '
            f'WHERE {where.removeprefix("WHERE ")} AND {condition}', params + match_params)


def statement_filter(db: Backend, query: Optional[str], filters: dict[str, Optional[str]],
                     seek: tuple[str, list[Any]] = ("", [])) -> tuple:
    """FROM ... WHERE ... of the statements matching ``query``, the filters and the condition
    ``seek``, with their parameters, and the SQL of a snippet of each (its text, without a query)."""
    where, params = _filter_conditions(filters, seek)
    joins, snippet, snippet_params = _JOINS, 's."text"', list[Any]()
    if query and query.strip():
        fts_join, fts_where, fts_params, snippet, snippet_params = db.search(query)
        joins += " " + fts_join
        where = (where + " AND " if where else "WHERE ") + fts_where
        params += fts_params
    return joins, where, params, snippet, snippet_params


def _filter_conditions(filters: dict[str, Optional[str]], seek: tuple[str, list[Any]] = ("", [])) -> tuple[str, list[Any]]:
    """The WHERE clause of the filters given (speaker, side, signal, since, until, outlet) and
    the condition ``seek`` (SQL and parameters, or "" for none)."""
    speaker, signal = filters.get("speaker"), filters.get("signal")
    conditions: dict[str, list[Any]] = {
        'd."day" >= ?': [filters.get("since")], 'd."day" <= ?': [filters.get("until")],
        'lower(d."outlet") = lower(?)': [filters.get("outlet")], 'lower(a."side") = lower(?)': [filters.get("side")],
        '(lower(a."name") LIKE lower(?) OR a."id" = ?)': [f"%{speaker}%", speaker] if speaker else [None],
        '(s."signal" = ? OR s."signals" LIKE ?)': [signal, f'%"{signal}"%'] if signal else [None],
    }
    used = {sql: values for sql, values in conditions.items() if values[-1] not in (None, "")}
    if seek[0]:
        used[f"({seek[0]})"] = seek[1]
    return ("WHERE " + " AND ".join(used) if used else "", [v for values in used.values() for v in values])


def page(sql: str, params: list[Any], limit: Optional[int], offset: int) -> tuple[str, list[Any]]:
    """The query with LIMIT/OFFSET for one page (all rows when ``limit`` is None)."""
    if limit is None and not offset:
        return sql, params
    return sql + " LIMIT ? OFFSET ?", [*params, _NO_LIMIT if limit is None else limit, offset]
