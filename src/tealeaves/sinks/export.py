"""Export a store's tables to Parquet, CSV or JSON Lines: one file per table, the one row schema.

Besides the record tables of ``tealeaves.tables``, two corpus views are exported: the actors
merged across documents (``corpus_actors``) and the mixed messages across documents
(``cross_mixed_messages``); their lists are JSON text, as in the record tables.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Callable, Optional

import pyarrow as pa
import pyarrow.csv
import pyarrow.parquet

from tealeaves import tables
from tealeaves.sinks.output import plain_text, write_csv_rows

# Column -> scalar type (None: a list, exported as JSON text), as the store keeps them.
from tealeaves.store.core import CORPUS_ACTOR_COLUMNS, CORPUS_ACTORS, CROSS_MIXED, CROSS_MIXED_COLUMNS, Store

EXPORT_FORMATS = ("parquet", "csv", "jsonl")
# Corpus view -> its columns and how to read it from a store.
VIEWS: dict[str, tuple[dict[str, Optional[type]], Callable[[Store], list[dict[str, Any]]]]] = {
    CORPUS_ACTORS: (CORPUS_ACTOR_COLUMNS, lambda store: store.actors()),
    CROSS_MIXED: (CROSS_MIXED_COLUMNS, lambda store: store.cross_mixed_messages()),
}
_ARROW = {str: pa.string(), int: pa.int64(), float: pa.float64(), bool: pa.bool_(), None: pa.string()}


def arrow_table(table: str, rows: list[dict[str, Any]]) -> pa.Table:
    """Rows as an Arrow table of ``tables.arrow_schema`` (SQLite's 0/1 become booleans)."""
    kinds = tables.columns(table)
    typed = [{name: kinds[name](value) if value is not None and kinds[name] in (bool, int, float) else value
              for name, value in row.items()} for row in rows]
    return pa.Table.from_pylist(typed, schema=tables.arrow_schema(table))


def view_table(view: str, rows: list[dict[str, Any]]) -> pa.Table:
    """A corpus view's rows as an Arrow table, lists as JSON text."""
    columns = VIEWS[view][0]
    encoded = [{name: json.dumps(row[name], ensure_ascii=False) if kind is None else row[name]
                for name, kind in columns.items()} for row in rows]
    return pa.Table.from_pylist(encoded, schema=_view_schema(view))


def _view_schema(view: str) -> pa.Schema:
    return pa.schema([(name, _ARROW[kind]) for name, kind in VIEWS[view][0].items()])


def export(store: Store, directory: Path, format_: str) -> dict[str, tuple[Path, int]]:
    """Write every table and corpus view to ``directory/NAME.FORMAT``; returns name -> (path, rows)."""
    if format_ not in EXPORT_FORMATS:
        raise ValueError(f"unknown export format {format_!r}: use one of {', '.join(EXPORT_FORMATS)}")
    directory.mkdir(parents=True, exist_ok=True)
    written = {}
    with store.db.snapshot():  # every file of one export shows the same state of the store
        data = {table: arrow_table(table, store.table_rows(table)) for table in tables.RECORDS}
        data |= {view: view_table(view, read(store)) for view, (_, read) in VIEWS.items()}
    for name, table in data.items():
        path = directory / f"{name}.{format_}"
        _write(table, path, format_)
        written[name] = (path, table.num_rows)
    return written


def _write(data: pa.Table, path: Path, format_: str) -> None:
    if format_ == "parquet":
        pyarrow.parquet.write_table(data, path)
    elif format_ == "csv":
        with path.open("w", encoding="utf-8", newline="") as stream:
            write_csv_rows(stream, data.column_names, data.to_pylist())
    else:
        with path.open("w", encoding="utf-8") as stream:
            for row in data.to_pylist():
                stream.write(json.dumps(row, ensure_ascii=False) + "\n")


def read_export(directory: Path, format_: str) -> dict[str, list[dict[str, Any]]]:
    """The rows of an export, table by table, corpus views with their lists decoded
    (for checks and round trips: equal to ``Store.actors()`` and ``Store.cross_mixed_messages()``)."""
    out = {table: _read(directory / f"{table}.{format_}", format_, tables.arrow_schema(table))
           for table in tables.RECORDS}
    for view, (columns, _) in VIEWS.items():
        rows = _read(directory / f"{view}.{format_}", format_, _view_schema(view))
        out[view] = [{name: json.loads(row[name]) if kind is None else row[name] for name, kind in columns.items()}
                     for row in rows]
    return out


def _read(path: Path, format_: str, schema: pa.Schema) -> list[dict[str, Any]]:
    if format_ == "parquet":
        return pyarrow.parquet.read_table(path).to_pylist()
    if format_ == "csv":
        options = pyarrow.csv.ConvertOptions(column_types=schema, strings_can_be_null=True)
        rows = pyarrow.csv.read_csv(path, convert_options=options).to_pylist()
        return [{name: plain_text(value) if isinstance(value, str) else value for name, value in row.items()}
                for row in rows]
    return [json.loads(line) for line in path.read_text("utf-8").splitlines()]
