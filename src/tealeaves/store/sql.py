"""SQL pieces every store module shares: quoted names, WHERE clauses, pages and cursors."""

from __future__ import annotations

import base64
import binascii
import json
from typing import Any, Callable, Optional, Sequence, TypeVar

from tealeaves import tables

_NO_LIMIT = 2 ** 62  # what LIMIT takes for "all" on both backends (-1 and ALL are not portable)


def quoted(name: str) -> str:
    return f'"{name}"'


def names(table: str, alias: str = "") -> str:
    """The columns of a record table, quoted (and prefixed by ``alias``), for a SELECT."""
    prefix = f"{alias}." if alias else ""
    return ", ".join(prefix + quoted(c) for c in tables.columns(table))


def page(sql: str, params: list[Any], limit: Optional[int], offset: int) -> tuple[str, list[Any]]:
    """The query with LIMIT/OFFSET for one page (all rows when ``limit`` is None)."""
    if limit is None and not offset:
        return sql, params
    return sql + " LIMIT ? OFFSET ?", [*params, _NO_LIMIT if limit is None else limit, offset]


def where_clause(conditions: dict[str, Any]) -> tuple[str, list[Any]]:
    """A WHERE clause of the conditions whose value is given, and their parameters (a list
    value: the parameters of a condition with several)."""
    used = {sql: value for sql, value in conditions.items() if value not in (None, "")}
    params = [p for value in used.values() for p in (value if isinstance(value, list) else [value])]
    return ("WHERE " + " AND ".join(used) if used else "", params)


def json_row(row: dict[str, Any], columns: dict[str, Optional[type]]) -> dict[str, Any]:
    """A row of a corpus table: the values of ``columns``, lists (type None) as JSON text."""
    return {name: json.dumps(row[name], ensure_ascii=False) if kind is None else row[name]
            for name, kind in columns.items()}


class BadCursor(ValueError):
    """A page cursor that is not one this store made."""


def cursor(key: Sequence[Any]) -> str:
    """The opaque text that names the page after the row whose sort key is ``key``."""
    return base64.urlsafe_b64encode(json.dumps(list(key), separators=(",", ":")).encode("utf-8")).decode("ascii").rstrip("=")


def cursor_key(text: str, length: int) -> list[Any]:
    """The sort key in a ``cursor`` of ``length`` values; ``BadCursor`` for anything else."""
    try:
        key = json.loads(base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)))
    except (binascii.Error, UnicodeDecodeError, ValueError):
        key = None
    if not isinstance(key, list) or len(key) != length or not all(
            value is None or isinstance(value, (str, int, float)) for value in key):
        raise BadCursor(f"not a page cursor of this list: {text[:40]!r} (use the 'next' link or cursor a page gave)")
    return key


def after(columns: Sequence[str], key: Sequence[Any], *, descending: bool, nulls_first: bool) -> list[tuple[str, list[Any]]]:
    """The rows after the row with sort ``key`` in ``ORDER BY columns`` (the first column
    descending or not, the others ascending and never NULL; ``nulls_first``: where NULLs of the
    first column sort in this order on this backend), as conditions to read one after the other
    in that order. Each condition seeks an index on the first column (no OR with IS NULL): a
    page after row 99,000 costs a page, where an OFFSET reads the 99,000 rows before it."""
    first, rest = columns[0], columns[1:]
    later = f"({', '.join(rest)}) > ({', '.join('?' * len(rest))})"
    if key[0] is None:
        parts = [(f"{first} IS NULL AND {later}", list(key[1:]))]
        return parts + [(f"{first} IS NOT NULL", [])] if nulls_first else parts
    op = "<" if descending else ">"
    parts = [(f"{first} {op}= ? AND ({first} {op} ? OR {later})", [key[0], key[0], *key[1:]])]
    return parts if nulls_first else parts + [(f"{first} IS NULL", [])]


Row = TypeVar("Row")


def read_after(conditions: Sequence[tuple[str, list[Any]]], read: Callable[[tuple[str, list[Any]], Optional[int]], list[Row]],
               wanted: Optional[int]) -> list[Row]:
    """The rows of a page after a cursor: ``read`` (a condition of ``after``, how many rows at
    most) each condition in turn, asking only for the rows still wanted, until the page is full."""
    rows: list[Row] = []
    for condition in conditions:
        rows += read(condition, None if wanted is None else wanted - len(rows))
        if wanted is not None and len(rows) >= wanted:
            break
    return rows
