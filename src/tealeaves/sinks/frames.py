"""Statements as one Arrow table, for analysis in pandas, Polars or DuckDB.

``tealeaves.statements_table(...)`` analyses its inputs as ``tealeaves.analyze`` does and
returns one row per statement: the columns of the store and the exports (``tables.py``), then
who spoke (name and side) and where (source, title, outlet, published), so that a row stands
on its own. ``.to_pandas()`` makes it a pandas DataFrame.
"""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any, Iterable, Optional, Union

import pyarrow as pa

from tealeaves import tables
from tealeaves.models import Document, DocumentResult

# Columns added to the statement rows, each read from the statement's document result.
CONTEXT_COLUMNS = ("speaker", "side", "source", "title", "outlet", "published")


def statements_table(*inputs: Union[str, Path, Document], model: Optional[str] = None, nlp: Any = None,
                     texts: Iterable[str] = ()) -> pa.Table:
    """Analyse the inputs (as ``tealeaves.analyze``: files, folders, texts, Documents) and
    return their statements as one Arrow table. An input that cannot be read or analysed has
    no rows; each is a Python warning naming it and the problem (``analyze`` returns them)."""
    from tealeaves.pipeline import analyze

    result = analyze(*inputs, model=model, nlp=nlp, texts=texts)
    for error in result.errors:
        where = f"{error.source}:{error.line}" if error.line else error.source
        warnings.warn(f"{where}: {error.error}", stacklevel=2)
    return results_table(result.documents)


def results_table(results: Iterable[DocumentResult]) -> pa.Table:
    """The statements of analysed documents as one Arrow table, in document and reading order."""
    rows: list[dict[str, Any]] = []
    context: dict[str, list[Optional[str]]] = {name: [] for name in CONTEXT_COLUMNS}
    for result in results:
        document = result.document
        for statement, row in zip(result.statements, tables.rows(result)["statements"]):
            speaker = result.actor(statement.speaker_id) if statement.speaker_id else None
            rows.append(row)
            for name, value in zip(CONTEXT_COLUMNS, (speaker.name if speaker else None,
                                                      speaker.side if speaker else None, document.source,
                                                      document.title, document.outlet, document.published)):
                context[name].append(value)
    table = tables.arrow_table("statements", rows)
    for name in CONTEXT_COLUMNS:
        table = table.append_column(name, pa.array(context[name], type=pa.string()))
    return table
