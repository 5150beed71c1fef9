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
from datetime import date
from types import MappingProxyType
from typing import Any, Iterable, Mapping, Optional

from tealeaves.models import (
    Actor,
    Document,
    DocumentResult,
    InputError,
    MixedMessage,
    Standoff,
    Statement,
    Warning,
    to_dict,
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
def column_hints(table: str) -> Mapping[str, Any]:
    """Column name -> the type of the record field it holds, in order, for one table."""
    record = RECORDS[table]
    hints: dict[str, Any] = {"document_id": str} if table in PER_DOCUMENT else {}
    hints.update({f.name: _hints(record)[f.name] for f in dataclasses.fields(record)})
    if table == "documents":
        hints.update({name: _hints(DocumentResult)[name] for name in DOCUMENT_FIELDS})
    return MappingProxyType(hints)


@functools.lru_cache(maxsize=None)
def columns(table: str) -> Mapping[str, Optional[type]]:
    """Column name -> scalar type (None: JSON text), in order, for one table (worked out once,
    read-only: every row asks)."""
    return MappingProxyType({name: _scalar_type(hint) for name, hint in column_hints(table).items()})


def _encode(value: Any, kind: Optional[type]) -> Any:
    if kind is not None or value is None:
        return value
    return json.dumps(to_dict(value), ensure_ascii=False, sort_keys=True)


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
    if hint is date:
        return data if isinstance(data, date) else date.fromisoformat(data)
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return data if isinstance(data, hint) else record_from_dict(hint, data)
    if origin is tuple:
        return tuple(_build(d, args[0]) for d in data)
    if origin is dict:  # a JSON object, or an Arrow map's (key, value) pairs
        return {k: _build(v, args[1]) for k, v in dict(data).items()}
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
        fields: dict[str, Any] = {}
        for name in DOCUMENT_FIELDS:
            value = _decode(row.get(name), hints[name])
            fields[name] = value if value is not None or name == "model" else {}
        fields.update({table: tuple(parts.get(table, ())) for table in PER_DOCUMENT})
        results.append(DocumentResult(document=record_from_row("documents", row), **fields))
    return results


def record_from_dict(record: type, data: Mapping[str, Any]) -> Any:
    """A record from its ``models.to_dict`` form (or an Arrow row of it): the inverse of both."""
    hints = _hints(record)
    return record(**{f.name: _build(data[f.name], hints[f.name]) for f in dataclasses.fields(record)
                     if f.name in data})


# --- Arrow: the one map from a record field's type to an Arrow type -------------------------

def arrow_type(hint: Any):
    """The Arrow type of a record field: scalars as themselves, days as dates, tuples as lists,
    records as structs, dicts of scalars as maps; any other field (the positions) as JSON text."""
    import pyarrow as pa

    present = [a for a in typing.get_args(hint) if a is not type(None)]
    if typing.get_origin(hint) is typing.Union and len(present) == 1:
        hint = present[0]
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    scalars = {str: pa.string(), int: pa.int64(), float: pa.float64(), bool: pa.bool_(), date: pa.date32()}
    if hint in scalars:
        return scalars[hint]
    if origin is tuple:
        return pa.list_(arrow_type(args[0]))
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return pa.struct([(f.name, arrow_type(_hints(hint)[f.name])) for f in dataclasses.fields(hint)])
    if origin is dict and args[1] in scalars:
        return pa.map_(pa.string(), scalars[args[1]])
    return pa.string()


def arrow_schema(table: str):
    """The pyarrow schema of a table (imported lazily: pyarrow is only needed for Parquet)."""
    import pyarrow as pa

    return pa.schema([(name, arrow_type(hint)) for name, hint in column_hints(table).items()])


def record_schema(record: type):
    """The pyarrow schema of a record type (a corpus view's rows)."""
    import pyarrow as pa

    return pa.schema([(f.name, arrow_type(_hints(record)[f.name])) for f in dataclasses.fields(record)])


def arrow_table(table: str, rows: list[dict[str, Any]]):
    """Rows of a table (JSON text where a field is not a scalar, SQLite's 0/1 for booleans)
    as an Arrow table of ``arrow_schema``: lists as lists, spans as structs."""
    import pyarrow as pa

    schema = arrow_schema(table)
    kinds = columns(table)
    decoded = {field.name for field in schema if kinds[field.name] is None and field.type != pa.string()}
    typed = [{name: _arrow_value(value, kinds[name], name in decoded) for name, value in row.items()} for row in rows]
    return pa.Table.from_pylist(typed, schema=schema)


def _arrow_value(value: Any, kind: Optional[type], decode: bool) -> Any:
    if value is None:
        return None
    if kind in (bool, int, float):
        return kind(value)
    return json.loads(value) if decode and isinstance(value, str) else value


def records_table(records: Iterable[Any], record: type):
    """Records as an Arrow table of ``record_schema``: their ``models.to_dict`` form, with days
    (ISO text there) made dates again, field by field, so an absent struct stays null."""
    import pyarrow as pa

    schema = record_schema(record)
    rows = [to_dict(r) for r in records]
    return pa.Table.from_pylist([{f.name: _fit(row.get(f.name), f.type) for f in schema} for row in rows],
                                schema=schema)


def _fit(value: Any, kind: Any) -> Any:
    """A JSON-ready value shaped for the Arrow type ``kind``: ISO days as dates."""
    import pyarrow as pa

    if value is None:
        return None
    if kind == pa.date32():
        return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])
    if pa.types.is_struct(kind):
        return {field.name: _fit(value.get(field.name), field.type) for field in kind}
    if pa.types.is_list(kind):
        return [_fit(item, kind.value_type) for item in value]
    return value
