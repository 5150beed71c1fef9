"""Batch runs: a corpus in, a Parquet dataset out, resumable shard by shard.

The input (JSONL, Parquet, or anything ``ingest.read_inputs`` reads) is streamed into shards
of ``shard_size`` documents. Each shard is named by its number and a fingerprint of its
documents, and is written as one Parquet file per table of ``tealeaves.tables`` plus a
``_done`` marker, so a restarted run skips the shards it finished. Both engines analyse with
``pipeline.analyze_each`` and write ``tables.rows``, so their records are identical by
construction: the local engine sends documents to the supervised worker processes of
``analyze_each`` (one that overruns its time budget is killed with its worker) and writes each
shard once its documents are back; the Ray engine sends whole shards to actors
(``analyze_shard``), where the budget interrupts Python code only.

Layout of ``out_dir``::

    documents/shard-000001-<fingerprint>.parquet   (and actors/, statements/, ...)
    _done/shard-000001-<fingerprint>                one marker per finished shard
    errors.jsonl                                    every input that failed, and why
"""

from __future__ import annotations

import os
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator, Optional, Union

from tealeaves import __version__
from tealeaves.budget import DEFAULT_SECONDS
from tealeaves.engines.local import run_local
from tealeaves.engines.shards import (
    DEFAULT_SHARD_SIZE,
    DONE_DIR,
    ERRORS_FILE,
    STAGING_DIR,
    TABLES,
    ErrorLog,
    Progress,
    Shard,
    is_done,
    read_records,
    shard_failures,
    shards_of,
)

ENGINES = ("local", "ray")


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
    with ErrorLog(out / ERRORS_FILE) as errors:
        shards = _pending(summary, names, out, shards_of(read_records(input_path), shard_size, salt, errors))
        if engine == "local":
            written = run_local(shards, out, workers, model, time_budget, progress)
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
