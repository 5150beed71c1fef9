"""SQL pieces every store module shares: quoted names, WHERE clauses, pages."""

from __future__ import annotations

import json
from typing import Any, Optional

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
    """A WHERE clause of the conditions whose value is given, and their parameters."""
    used = {sql: value for sql, value in conditions.items() if value not in (None, "")}
    return ("WHERE " + " AND ".join(used) if used else "", list(used.values()))


def json_row(row: dict[str, Any], columns: dict[str, Optional[type]]) -> dict[str, Any]:
    """A row of a corpus table: the values of ``columns``, lists (type None) as JSON text."""
    return {name: json.dumps(row[name], ensure_ascii=False) if kind is None else row[name]
            for name, kind in columns.items()}
