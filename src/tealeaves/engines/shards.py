"""Shards: runs of consecutive documents of a batch input, analysed and written as one unit.

What both engines share: reading the input (``read_records``), cutting it into shards named by
a fingerprint of their documents (``shards_of``), analysing a shard (``analyze_shard``),
writing its Parquet files and ``_done`` marker (``write_shard``) and reading back its failures.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Optional, Union

from tealeaves.budget import DEFAULT_SECONDS
from tealeaves.io.readers import Record, jsonl_record, read_inputs
from tealeaves.models import Document, DocumentResult, InputError
from tealeaves.tables import PER_DOCUMENT, error_rows, rows

TABLES = ("documents", *PER_DOCUMENT)
DEFAULT_SHARD_SIZE = 200
DONE_DIR = "_done"
ERRORS_FILE = "errors.jsonl"
STAGING_DIR = "_staging"

Progress = Callable[[int], None]  # called with the number of documents just finished


@dataclass(frozen=True)
class Shard:
    """A run of consecutive documents of the input, analysed and written as one unit."""

    number: int
    documents: tuple[Document, ...]
    fingerprint: str

    @property
    def name(self) -> str:
        return f"shard-{self.number:06d}-{self.fingerprint}"


# --- reading --------------------------------------------------------------------------------


def read_records(input_path: Union[str, Path]) -> Iterator[Record]:
    """Documents and InputErrors of an input, streamed: JSONL line by line, Parquet by row
    batch, anything else (a folder, .txt, .html, .json) through ``ingest.read_inputs``."""
    path = Path(input_path)
    suffix = path.suffix.lower() if path.is_file() else ""
    if suffix == ".jsonl":
        return _read_jsonl(path)
    if suffix == ".parquet":
        return _read_parquet(path)
    return read_inputs([path])


def _read_jsonl(path: Path) -> Iterator[Record]:
    """Line by line, never the whole file in memory (``ingest`` reads a file at once)."""
    with path.open("rb") as stream:
        for number, raw in enumerate(stream, start=1):
            if not raw.strip():
                continue
            try:
                line = raw.removeprefix(b"\xef\xbb\xbf").decode("utf-8")
            except UnicodeDecodeError:
                yield InputError(str(path), f"line {number}: not UTF-8: save the file as UTF-8", number)
                continue
            yield jsonl_record(line, str(path), number)


def _read_parquet(path: Path) -> Iterator[Record]:
    import pyarrow.parquet as pq

    from tealeaves.io.readers import from_record

    number = 0
    for batch in pq.ParquetFile(path).iter_batches(batch_size=1024):
        for record in batch.to_pylist():
            number += 1
            yield from_record(record, str(path), where=f"row {number}", line=number)


class ErrorLog:
    """errors.jsonl, written to a temporary name and renamed when the run ends."""

    def __init__(self, path: Path) -> None:
        self.path, self.count = path, 0
        self._temp = path.with_name(f".{path.name}.tmp")

    def __enter__(self) -> "ErrorLog":
        self._stream = self._temp.open("w", encoding="utf-8")
        return self

    def add(self, error: InputError) -> None:
        self._stream.write(json.dumps(error_rows([error])[0], ensure_ascii=False) + "\n")
        self.count += 1

    def __exit__(self, *exc_info: Any) -> None:
        self._stream.close()
        if exc_info[0] is None:
            self._temp.replace(self.path)
        else:
            self._temp.unlink(missing_ok=True)


def shards_of(records: Iterable[Record], size: int, salt: str, errors: ErrorLog) -> Iterator[Shard]:
    """Documents grouped into shards of ``size``; InputErrors go to the error log."""
    batch: list[Document] = []
    number = 0
    for record in records:
        if isinstance(record, InputError):
            errors.add(record)
            continue
        batch.append(record)
        if len(batch) == size:
            number += 1
            yield _shard(number, batch, salt)
            batch = []
    if batch:
        yield _shard(number + 1, batch, salt)


def _shard(number: int, documents: list[Document], salt: str) -> Shard:
    """The fingerprint covers the documents (ids are content hashes), where they came from,
    and the tealeaves version and model, so a changed input or setting is recomputed."""
    digest = hashlib.sha256(salt.encode())
    for d in documents:
        digest.update(f"\0{d.id}\0{d.source}\0{d.line}".encode())
    return Shard(number, tuple(documents), digest.hexdigest()[:12])


# --- writing --------------------------------------------------------------------------------


def is_done(out: Path, name: str) -> bool:
    return (out / DONE_DIR / name).exists()


def shard_rows(outcomes: Iterable[Union[DocumentResult, InputError]]) -> tuple[dict[str, list[dict[str, Any]]], list[InputError]]:
    """The rows of every table for a shard's results, in document order, and its failures."""
    out: dict[str, list[dict[str, Any]]] = {table: [] for table in TABLES}
    failures: list[InputError] = []
    for outcome in outcomes:
        if isinstance(outcome, InputError):
            failures.append(outcome)
            continue
        for table, table_rows in rows(outcome).items():
            out[table].extend(table_rows)
    return out, failures


def analyze_shard(out: Path, name: str, documents: Iterable[Document], nlp: Any, lexicon: Any,
                  time_budget: Optional[float] = DEFAULT_SECONDS) -> dict[str, int]:
    """A Ray actor's work on one shard: analyse (``pipeline.analyze_each``, in the actor's
    process), turn results into table rows, write them; returns rows per table."""
    from tealeaves.pipeline import analyze_each

    return write_shard(out, name, *shard_rows(analyze_each(documents, nlp=nlp, lexicon=lexicon, seconds=time_budget)))


def write_shard(out: Path, name: str, table_rows: dict[str, list[dict[str, Any]]],
                failures: Iterable[InputError] = ()) -> dict[str, int]:
    """Write one shard's tables, then its ``_done`` marker (row counts and the documents that
    failed analysis); returns rows per table.

    Each file is written under a hidden temporary name (Parquet readers skip names that
    start with a dot); once all are written they are renamed, the documents file last, so a
    killed run leaves no half-written file in place and no document row without its statements.
    """
    import pyarrow.parquet as pq

    from tealeaves.tables import arrow_table

    for table in TABLES:
        folder = out / table
        folder.mkdir(exist_ok=True)
        pq.write_table(arrow_table(table, table_rows[table]),
                       folder / f".{name}.parquet.tmp")
    for table in (*PER_DOCUMENT, "documents"):
        (out / table / f".{name}.parquet.tmp").replace(out / table / f"{name}.parquet")
    counts = {table: len(table_rows[table]) for table in TABLES}
    done = out / DONE_DIR
    done.mkdir(exist_ok=True)
    temp = done / f".{name}.tmp"
    temp.write_text(json.dumps({"rows": counts, "failures": error_rows(failures)}) + "\n", encoding="utf-8")
    temp.replace(done / name)
    return counts


def shard_failures(out: Path, name: str) -> list[InputError]:
    """The documents of a finished shard that failed analysis, from its ``_done`` marker."""
    marker = json.loads((out / DONE_DIR / name).read_text(encoding="utf-8"))
    return [InputError(**row) for row in marker.get("failures", [])]


def finished(counts: dict[str, int], progress: Optional[Progress]) -> dict[str, int]:
    if progress:
        progress(counts["documents"])
    return counts
