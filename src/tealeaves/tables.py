"""Results as flat tables: the one row schema shared by the store, exports and batch output.

Each record type becomes a table whose columns are the record's fields (read from the
dataclass, never listed twice), plus ``document_id`` on the per-document tables.
Scalars stay scalars; spans, tuples and dicts are JSON text, so any row store (SQLite,
PostgreSQL, Parquet, CSV) can hold them and ``results_from_rows`` gives the records back.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import typing
from types import MappingProxyType
from typing import Any, Iterable, Mapping, Optional

from tealeaves.models import (
    Actor,
    Document,
    DocumentResult,
    InputError,
    MixedMessage,
    Span,
    Standoff,
    Statement,
    Warning,
)

# table name -> record type; the order is the order tables are written and exported in.
RECORDS: dict[str, type] = {
    "documents": Document,
    "actors": Actor,
    "statements": Statement,
    "mixed_messages": MixedMessage,
    "standoffs": Standoff,
    "warnings": Warning,
    "errors": InputError,
}
PER_DOCUMENT = ("actors", "statements", "mixed_messages", "standoffs", "warnings")
# DocumentResult's own fields (model, coherence, positions...) live on the document row.
DOCUMENT_FIELDS = tuple(f.name for f in dataclasses.fields(DocumentResult) if f.name not in (*PER_DOCUMENT, "document"))


@functools.lru_cache(maxsize=None)
def _hints(record: type) -> dict[str, Any]:
    """A record's field types (worked out once: reading rows back asks for every row)."""
    return typing.get_type_hints(record)


@functools.lru_cache(maxsize=None)
def _scalar_type(hint: Any) -> Optional[type]:
    """str, int, float or bool for scalar fields (Optional unwrapped); None for JSON fields."""
    args = [a for a in typing.get_args(hint) if a is not type(None)]
    if typing.get_origin(hint) is typing.Union and len(args) == 1:
        hint = args[0]
    return hint if hint in (str, int, float, bool) else None


@functools.lru_cache(maxsize=None)
def columns(table: str) -> Mapping[str, Optional[type]]:
    """Column name -> scalar type (None: JSON text), in order, for one table (worked out once,
    read-only: every row asks)."""
    record = RECORDS[table]
    cols: dict[str, Optional[type]] = {}
    if table in PER_DOCUMENT:
        cols["document_id"] = str
    cols.update({f.name: _scalar_type(h) for f, h in zip(dataclasses.fields(record), _hints(record).values())})
    if table == "documents":
        hints = _hints(DocumentResult)
        cols.update({name: _scalar_type(hints[name]) for name in DOCUMENT_FIELDS})
    return MappingProxyType(cols)


def _encode(value: Any, kind: Optional[type]) -> Any:
    if kind is not None or value is None:
        return value
    return json.dumps(_plain(value), ensure_ascii=False, sort_keys=True)


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def _row(table: str, record: Any, **extra: Any) -> dict[str, Any]:
    cols = columns(table)
    values = {f.name: getattr(record, f.name) for f in dataclasses.fields(record)} | extra
    return {name: _encode(values.get(name), kind) for name, kind in cols.items()}


def rows(result: DocumentResult) -> dict[str, list[dict[str, Any]]]:
    """One document's result as rows of every per-document table (and its document row)."""
    doc_id = result.document.id
    out: dict[str, list[dict[str, Any]]] = {
        "documents": [_row("documents", result.document, **{f: getattr(result, f) for f in DOCUMENT_FIELDS})],
    }
    for table in PER_DOCUMENT:
        out[table] = [_row(table, record, document_id=doc_id) for record in getattr(result, table)]
    return out


def error_rows(errors: Iterable[InputError]) -> list[dict[str, Any]]:
    """Rows of the errors table."""
    return [_row("errors", e) for e in errors]


def _decode(value: Any, hint: Any) -> Any:
    """JSON text (or an already-decoded value) back into the type a record field expects."""
    if value is None:
        return None
    if _scalar_type(hint) is not None:
        kind = _scalar_type(hint)
        return kind(value) if kind in (int, float) else bool(value) if kind is bool else value
    data = json.loads(value) if isinstance(value, str) else value
    return _build(data, hint)


def _build(data: Any, hint: Any) -> Any:
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin is typing.Union:
        if data is None:
            return None
        hint = next(a for a in args if a is not type(None))
        origin, args = typing.get_origin(hint), typing.get_args(hint)
    if hint is Span:
        return Span(**data)
    if origin is tuple:
        return tuple(_build(d, args[0]) for d in data)
    if origin is dict:
        return {k: _build(v, args[1]) for k, v in data.items()}
    return data


def record_from_row(table: str, row: dict[str, Any]) -> Any:
    """The record a row was made from."""
    record = RECORDS[table]
    hints = _hints(record)
    return record(**{name: _decode(row.get(name), hints[name]) for name in hints if name in row})


def results_from_rows(tables: dict[str, list[dict[str, Any]]], texts: dict[str, str]) -> list[DocumentResult]:
    """DocumentResults from table rows (documents in row order); ``texts`` maps id -> text
    for stores that keep the text apart from the document row."""
    by_doc: dict[str, dict[str, list[Any]]] = {}
    for table in PER_DOCUMENT:
        for row in tables.get(table, []):
            by_doc.setdefault(row["document_id"], {}).setdefault(table, []).append(record_from_row(table, row))
    results = []
    for row in tables["documents"]:
        row = dict(row)
        if row.get("text") is None:
            row["text"] = texts[row["id"]]
        parts = by_doc.get(row["id"], {})
        hints = _hints(DocumentResult)
        own = {name: _decode(row.get(name), hints[name]) for name in DOCUMENT_FIELDS}
        results.append(DocumentResult(
            document=record_from_row("documents", row),
            **{name: value if value is not None or name == "model" else {} for name, value in own.items()},
            **{table: tuple(parts.get(table, ())) for table in PER_DOCUMENT},
        ))
    return results


def arrow_schema(table: str):
    """The pyarrow schema of a table (imported lazily: pyarrow is only needed for Parquet)."""
    import pyarrow as pa

    types = {str: pa.string(), int: pa.int64(), float: pa.float64(), bool: pa.bool_(), None: pa.string()}
    return pa.schema([(name, types[kind]) for name, kind in columns(table).items()])
