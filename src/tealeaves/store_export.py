"""Export a store's tables to Parquet, CSV or JSON Lines: one file per table, the one row schema."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.csv
import pyarrow.parquet

from tealeaves import tables
from tealeaves.store import Store

EXPORT_FORMATS = ("parquet", "csv", "jsonl")


def arrow_table(table: str, rows: list[dict[str, Any]]) -> pa.Table:
    """Rows as an Arrow table of ``tables.arrow_schema`` (SQLite's 0/1 become booleans)."""
    kinds = tables.columns(table)
    typed = [{name: kinds[name](value) if value is not None and kinds[name] in (bool, int, float) else value
              for name, value in row.items()} for row in rows]
    return pa.Table.from_pylist(typed, schema=tables.arrow_schema(table))


def export(store: Store, directory: Path, format_: str) -> dict[str, tuple[Path, int]]:
    """Write every table to ``directory/TABLE.FORMAT``; returns table -> (path, rows)."""
    if format_ not in EXPORT_FORMATS:
        raise ValueError(f"unknown export format {format_!r}: use one of {', '.join(EXPORT_FORMATS)}")
    directory.mkdir(parents=True, exist_ok=True)
    written = {}
    for table in tables.RECORDS:
        data = arrow_table(table, store.table_rows(table))
        path = directory / f"{table}.{format_}"
        if format_ == "parquet":
            pyarrow.parquet.write_table(data, path)
        elif format_ == "csv":
            pyarrow.csv.write_csv(data, path)
        else:
            with path.open("w", encoding="utf-8") as stream:
                for row in data.to_pylist():
                    stream.write(json.dumps(row, ensure_ascii=False) + "\n")
        written[table] = (path, data.num_rows)
    return written


def read_export(directory: Path, format_: str) -> dict[str, list[dict[str, Any]]]:
    """The rows of an export, table by table (for checks and round trips)."""
    out = {}
    for table in tables.RECORDS:
        path = directory / f"{table}.{format_}"
        if format_ == "parquet":
            out[table] = pyarrow.parquet.read_table(path).to_pylist()
        elif format_ == "csv":
            schema = tables.arrow_schema(table)
            options = pyarrow.csv.ConvertOptions(column_types=schema, strings_can_be_null=True)
            out[table] = pyarrow.csv.read_csv(path, convert_options=options).to_pylist()
        else:
            out[table] = [json.loads(line) for line in path.read_text("utf-8").splitlines()]
    return out
