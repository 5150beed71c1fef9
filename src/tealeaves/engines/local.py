"""Batch runs: a corpus in, a Parquet dataset out, resumable shard by shard.

The input (JSONL, Parquet, or anything ``ingest.read_inputs`` reads) is streamed into shards
of ``shard_size`` documents. Each shard is named by its number and a fingerprint of its
documents, and is written as one Parquet file per table of ``tealeaves.tables`` plus a
``_done`` marker, so a restarted run skips the shards it finished. Both engines run the same
``analyze_shard`` (``pipeline.analyze_documents``, then ``tables.rows``) in worker processes
that load the model once: a local process pool, or Ray actors. Their records are identical
by construction. (Whole shards go to workers, rather than ``nlp.pipe(n_process=...)``, which
parses in child processes but leaves every later stage to the parent, one core.)

Layout of ``out_dir``::

    documents/shard-000001-<fingerprint>.parquet   (and actors/, statements/, ...)
    _done/shard-000001-<fingerprint>                one marker per finished shard
    errors.jsonl                                    every input that failed, and why
"""

from __future__ import annotations

import hashlib
import itertools
import json
import multiprocessing
import os
import shutil
import time
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, as_completed, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Optional, Union

from tealeaves import __version__
from tealeaves.budget import DEFAULT_SECONDS
from tealeaves.io.readers import Record, jsonl_record, read_inputs
from tealeaves.models import Document, DocumentResult, InputError
from tealeaves.tables import PER_DOCUMENT, error_rows, rows

ENGINES = ("local", "ray")
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


@dataclass
class BatchSummary:
    """What a batch run did."""

    out_dir: Path
    engine: str
    documents: int = 0  # documents read from the input
    analysed: int = 0  # documents analysed in this run (the rest sat in finished shards)
    shards: int = 0
    shards_skipped: int = 0
    errors: int = 0
    seconds: float = 0.0
    rows: dict[str, int] = field(default_factory=dict)  # rows written this run, per table


def run_batch(
    input_path: Union[str, Path],
    out_dir: Union[str, Path],
    *,
    engine: str = "local",
    workers: Optional[int] = None,
    model: Optional[str] = None,
    shard_size: int = DEFAULT_SHARD_SIZE,
    ray_address: Optional[str] = None,
    time_budget: Optional[float] = DEFAULT_SECONDS,
    progress: Optional[Progress] = None,
) -> BatchSummary:
    """Analyse every article of ``input_path`` into a Parquet dataset in ``out_dir``.

    ``workers`` defaults to the machine's CPU count (processes for the local engine, Ray
    actors for the ray engine). Shards already finished in ``out_dir`` are skipped. A document
    that cannot be read, or is not analysed within ``time_budget`` seconds, goes to the errors file.
    """
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}: use one of {', '.join(ENGINES)}")
    if shard_size < 1:
        raise ValueError("shard_size must be at least 1")
    started = time.perf_counter()
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    summary = BatchSummary(out_dir=out, engine=engine, rows={table: 0 for table in TABLES})
    workers = workers or os.cpu_count() or 1
    salt = f"{__version__}|{model or 'default'}"
    names: set[str] = set()  # every shard of this input, finished or not
    with _ErrorLog(out / ERRORS_FILE) as errors:
        shards = _pending(summary, names, out, shards_of(read_records(input_path), shard_size, salt, errors))
        if engine == "local":
            written = _run_local(shards, out, workers, model, time_budget, progress)
        else:
            from tealeaves.engines.ray import run_ray

            written = run_ray(shards, out, workers, model, time_budget, ray_address, progress)
        for counts in written:
            summary.analysed += counts["documents"]
            for table, n in counts.items():
                summary.rows[table] += n
        for name in sorted(names):
            for failure in shard_failures(out, name):
                errors.add(failure)
        summary.errors = errors.count
    _remove_stale_shards(out, names)
    summary.seconds = round(time.perf_counter() - started, 3)
    return summary


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


class _ErrorLog:
    """errors.jsonl, written to a temporary name and renamed when the run ends."""

    def __init__(self, path: Path) -> None:
        self.path, self.count = path, 0
        self._temp = path.with_name(f".{path.name}.tmp")

    def __enter__(self) -> "_ErrorLog":
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


def shards_of(records: Iterable[Record], size: int, salt: str, errors: _ErrorLog) -> Iterator[Shard]:
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


def _pending(summary: BatchSummary, names: set[str], out: Path, shards: Iterable[Shard]) -> Iterator[Shard]:
    """The shards still to do; every shard is counted and named, finished ones skipped."""
    for shard in shards:
        names.add(shard.name)
        summary.shards += 1
        summary.documents += len(shard.documents)
        if is_done(out, shard.name):
            summary.shards_skipped += 1
            continue
        yield shard


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
    """The per-shard function both engines run: analyse (``pipeline.analyze_each``), turn
    results into table rows, write them; returns rows per table."""
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
    import pyarrow as pa
    import pyarrow.parquet as pq

    from tealeaves.tables import arrow_schema

    for table in TABLES:
        folder = out / table
        folder.mkdir(exist_ok=True)
        pq.write_table(pa.Table.from_pylist(table_rows[table], schema=arrow_schema(table)),
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


def _remove_stale_shards(out: Path, names: set[str]) -> None:
    """Drop shards of an earlier, different input (or settings) and leftover temporary files,
    so the dataset holds exactly this input's rows once."""
    for folder in (out / DONE_DIR, *(out / table for table in TABLES)):
        if not folder.is_dir():
            continue
        for path in folder.iterdir():
            shard = path.name.removesuffix(".parquet")
            if path.name.startswith(".") or (shard.startswith("shard-") and shard not in names):
                path.unlink()
    shutil.rmtree(out / STAGING_DIR, ignore_errors=True)


def warm_up(nlp: Any, lexicon: Any = None) -> None:
    """Analyse one short text, so that whatever the pipeline loads lazily (embeddings, signal
    lexicons) is loaded now, once per process, and not inside a timed or forked run."""
    from tealeaves.io.readers import read_text
    from tealeaves.pipeline import analyze_documents

    list(analyze_documents([read_text('"We will not back down," the minister said on Monday.')],
                           nlp=nlp, lexicon=lexicon))


# --- the local engine -----------------------------------------------------------------------

_worker: dict[str, Any] = {}  # the model and lexicon of this worker process, loaded once


def _start_worker(model: Optional[str], time_budget: Optional[float]) -> None:
    from tealeaves.lexicon import default_lexicon
    from tealeaves.nlp.model import load_model

    _worker.update(nlp=load_model(model), lexicon=default_lexicon(), time_budget=time_budget)
    warm_up(_worker["nlp"], _worker["lexicon"])


def _preload(model: Optional[str]) -> None:
    """Load the spaCy model and the lexicons here, before the pool forks: every worker then
    starts with them (shared copy-on-write, as ``nlp.pipe(n_process=...)`` shares a loaded
    model) instead of importing and loading them itself. The sentence encoder is left to each
    worker to load after the fork."""
    from tealeaves.lexicon import default_lexicon
    from tealeaves.nlp.model import load_model
    from tealeaves.signals.coding import default_signal_lexicon
    from tealeaves.signals.model import default_signal_model

    load_model(model)
    default_lexicon()
    default_signal_lexicon()
    default_signal_model()


def _analyze_in_worker(out: Path, name: str, documents: tuple[Document, ...]) -> dict[str, int]:
    return analyze_shard(out, name, documents, _worker["nlp"], _worker["lexicon"], _worker["time_budget"])


def _run_local(
    shards: Iterable[Shard], out: Path, workers: int, model: Optional[str], time_budget: Optional[float],
    progress: Optional[Progress],
) -> Iterator[dict[str, int]]:
    """Shards analysed by a pool of ``workers`` processes (in this process when 1), each
    with its own model; at most two shards per worker wait in memory."""
    remaining = iter(shards)
    first = next(remaining, None)
    if first is None:
        return  # every shard is done: no need to load the model
    shards = itertools.chain([first], remaining)
    if workers == 1:
        _start_worker(model, time_budget)
        for shard in shards:
            yield _finished(_analyze_in_worker(out, shard.name, shard.documents), progress)
        return
    if multiprocessing.get_start_method() == "fork":
        _preload(model)
    with ProcessPoolExecutor(workers, initializer=_start_worker, initargs=(model, time_budget)) as pool:
        running: set[Future] = set()
        for shard in shards:
            if len(running) >= 2 * workers:
                done, running = wait(running, return_when=FIRST_COMPLETED)
                yield from (_finished(future.result(), progress) for future in done)
            running.add(pool.submit(_analyze_in_worker, out, shard.name, shard.documents))
        yield from (_finished(future.result(), progress) for future in as_completed(running))


def _finished(counts: dict[str, int], progress: Optional[Progress]) -> dict[str, int]:
    if progress:
        progress(counts["documents"])
    return counts
