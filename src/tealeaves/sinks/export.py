"""Export a store's tables to Parquet, CSV or JSON Lines: one file per table, the one row schema.

Besides the record tables of ``tealeaves.tables``, two corpus views are exported: the actors
merged across documents (``corpus_actors``) and the mixed messages across documents
(``cross_mixed_messages``), with the documents they come from. Parquet keeps every field's
type (``tables.arrow_type``): lists as lists, spans and documents as structs, days as dates;
CSV cells hold lists and structs as JSON text; JSON Lines holds them as JSON.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Callable

import pyarrow as pa
import pyarrow.csv
import pyarrow.parquet

from tealeaves import tables
from tealeaves.models import to_dict
from tealeaves.sinks.output import plain_text, write_csv_rows
from tealeaves.store.core import CORPUS_ACTORS, CROSS_MIXED, Store
from tealeaves.views import CorpusActor, MixedRow

EXPORT_FORMATS = ("parquet", "csv", "jsonl")
# Corpus view -> its record type and how to read it from a store.
VIEWS: dict[str, tuple[type, Callable[[Store], list[Any]]]] = {
    CORPUS_ACTORS: (CorpusActor, lambda store: store.actors()),
    CROSS_MIXED: (MixedRow, lambda store: store.cross_mixed_messages()),
}


def export(store: Store, directory: Path, format_: str) -> dict[str, tuple[Path, int]]:
    """Write every table and corpus view to ``directory/NAME.FORMAT``; returns name -> (path, rows)."""
    if format_ not in EXPORT_FORMATS:
        raise ValueError(f"unknown export format {format_!r}: use one of {', '.join(EXPORT_FORMATS)}")
    directory.mkdir(parents=True, exist_ok=True)
    written = {}
    with store.db.snapshot():  # every file of one export shows the same state of the store
        data = {table: tables.arrow_table(table, store.table_rows(table)) for table in tables.RECORDS}
        data |= {view: tables.records_table(read(store), record) for view, (record, read) in VIEWS.items()}
    for name, table in data.items():
        path = directory / f"{name}.{format_}"
        _write(table, path, format_)
        written[name] = (path, table.num_rows)
    return written


def _write(data: pa.Table, path: Path, format_: str) -> None:
    if format_ == "parquet":
        pyarrow.parquet.write_table(data, path)
        return
    rows = _plain_rows(data)
    if format_ == "csv":
        with path.open("w", encoding="utf-8", newline="") as stream:
            write_csv_rows(stream, data.column_names, rows)
    else:
        with path.open("w", encoding="utf-8") as stream:
            for row in rows:
                stream.write(json.dumps(to_dict(row), ensure_ascii=False) + "\n")


def _plain_rows(data: pa.Table) -> list[dict[str, Any]]:
    """An Arrow table's rows with maps as dicts (Arrow gives them as lists of pairs) and days as text."""
    maps = [field.name for field in data.schema if pa.types.is_map(field.type)]
    rows = data.to_pylist()
    for row in rows:
        for name in maps:
            row[name] = None if row[name] is None else dict(row[name])
    return [to_dict(row) for row in rows]


def read_export(directory: Path, format_: str) -> dict[str, list[Any]]:
    """The rows of an export, table by table (for ``tables.results_from_rows``), and the corpus
    views as their records (equal to ``Store.actors()`` and ``Store.cross_mixed_messages()``)."""
    out: dict[str, list[Any]] = {
        table: _read(directory / f"{table}.{format_}", format_, tables.arrow_schema(table))
        for table in tables.RECORDS}
    for view, (record, _) in VIEWS.items():
        rows = _read(directory / f"{view}.{format_}", format_, tables.record_schema(record))
        out[view] = [tables.record_from_dict(record, row) for row in rows]
    return out


def _read(path: Path, format_: str, schema: pa.Schema) -> list[dict[str, Any]]:
    if format_ == "parquet":
        return _plain_rows(pyarrow.parquet.read_table(path))
    if format_ == "csv":
        nested = {f.name for f in schema if pa.types.is_nested(f.type)}
        text = pa.schema([(f.name, pa.string() if f.name in nested else f.type) for f in schema])
        options = pyarrow.csv.ConvertOptions(column_types=text, strings_can_be_null=True)
        rows = pyarrow.csv.read_csv(path, convert_options=options).to_pylist()
        return [{name: json.loads(value) if name in nested and value is not None
                 else plain_text(value) if isinstance(value, str) else value for name, value in row.items()}
                for row in rows]
    return [json.loads(line) for line in path.read_text("utf-8").splitlines()]
