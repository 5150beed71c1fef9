"""``tealeaves batch`` and ``tealeaves bench``: thin click commands over batch.py and bench.py."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Optional

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from tealeaves.cli.options import (
    FAILED,
    OK,
    PARTIAL,
    debug_option,
    fail,
    friendly_errors,
    model_option,
    time_budget_option,
)
from tealeaves.engines.batch import ENGINES, run_batch
from tealeaves.engines.shards import DEFAULT_SHARD_SIZE, ERRORS_FILE
from tealeaves.sinks.output import table_console

workers_option = click.option(
    "--workers", type=click.IntRange(min=1), metavar="N",
    help="Parallel workers, each with its own model: processes (local) or Ray actors (ray). "
    "Default: one per CPU.",
)


@click.command()
@click.argument("input_path", metavar="INPUT", type=click.Path(exists=True, path_type=Path))
@click.option("-o", "--out", "out_dir", required=True, metavar="DIR",
              type=click.Path(file_okay=False, path_type=Path),
              help="Folder of the Parquet dataset (created; a rerun into it resumes).")
@click.option("--engine", type=click.Choice(ENGINES), default="local", show_default=True,
              help="local: a pool of processes on this machine. ray: Ray Data actors, on a "
              "local Ray instance or the cluster at --ray-address.")
@workers_option
@click.option("--shard-size", type=click.IntRange(min=1), default=DEFAULT_SHARD_SIZE, show_default=True,
              metavar="N", help="Documents per shard: the unit written at once and skipped on resume.")
@click.option("--ray-address", metavar="ADDRESS",
              help="Run on an existing Ray cluster, e.g. auto or 10.0.0.5:6379 (engine ray only). "
              "Every node must see DIR at the same path.")
@model_option
@time_budget_option
@debug_option
def batch(input_path: Path, out_dir: Path, engine: str, workers: Optional[int], shard_size: int,
          ray_address: Optional[str], model: Optional[str], time_budget: float, debug: bool) -> None:
    """Analyse a whole corpus into a Parquet dataset, resumably.

    INPUT is a JSONL file (one article a line: "text", and optionally "title", "url",
    "published", or PolNeAR's "meta"), a Parquet file with the same columns, or a folder of
    articles (.txt, .html, .json, .jsonl). DIR gets one Parquet folder per table (documents/,
    actors/, statements/, mixed_messages/, standoffs/, warnings/), the same columns as every
    other tealeaves sink, and errors.jsonl listing each input that failed and why.

    Work is split into shards; a finished shard is never redone, so a run that was killed
    resumes when started again with the same INPUT and DIR. Both engines give identical rows.

    Exit status: 0 all inputs read, 1 some failed (see DIR/errors.jsonl), 2 none could be read.

    \b
    Examples:
        tealeaves batch articles.jsonl --out dataset/
        tealeaves batch news/ --out dataset/ --workers 4 --shard-size 500
        tealeaves batch articles.parquet --out dataset/ --engine ray
        tealeaves batch articles.jsonl --out /shared/dataset --engine ray --ray-address auto
        python -c "import pyarrow.dataset as ds; print(ds.dataset('dataset/statements').to_table())"
    """
    if ray_address and engine != "ray":
        raise click.UsageError("--ray-address needs --engine ray")
    with friendly_errors(debug):
        with _progress() as bar:
            task = bar.add_task("Analysing", total=None)
            summary = run_batch(input_path, out_dir, engine=engine, workers=workers, model=model,
                                shard_size=shard_size, ray_address=ray_address, time_budget=time_budget,
                                progress=lambda n: bar.advance(task, n))
    skipped = f", {summary.shards_skipped} already done" if summary.shards_skipped else ""
    click.echo(f"{summary.analysed} of {summary.documents} documents analysed in {summary.shards} shards"
               f"{skipped} ({summary.seconds:.1f} s, {engine} engine) -> {out_dir}", err=True)
    if summary.errors:
        click.echo(f"{summary.errors} inputs failed: see {out_dir / ERRORS_FILE}", err=True)
    raise click.exceptions.Exit(OK if not summary.errors else PARTIAL if summary.documents else FAILED)


def _progress() -> Progress:
    """A progress counter on stderr (the corpus size is not known while it streams)."""
    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                    TextColumn("documents"), TimeElapsedColumn(),
                    console=Console(stderr=True), transient=True, disable=not sys.stderr.isatty())


@click.command()
@click.option("--docs", type=click.IntRange(min=1), default=200, show_default=True, metavar="N",
              help="Articles in the corpus (the input is cycled when it holds fewer).")
@click.option("--input", "source", metavar="JSONL", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Articles to measure on. Default: ../shared/corpus/polnear/polnear_train.jsonl.")
@click.option("--json", "json_path", metavar="PATH", type=click.Path(dir_okay=False, path_type=Path),
              help="Also write the figures, with the machine's facts, to PATH as JSON.")
@workers_option
@click.option("--shard-size", type=click.IntRange(min=1), default=10, show_default=True, metavar="N",
              help="Shard size of the two engine runs.")
@click.option("--repeat", type=click.IntRange(min=1), default=1, show_default=True, metavar="N",
              help="Measure every row N times, in turn, and keep each row's fastest run: "
                   "other work on a shared machine only ever slows a run down.")
@click.option("--no-ray", is_flag=True, help="Skip the Ray engine row (Ray need not be installed).")
@click.option("--scale", "scale_sizes", metavar="N,N,...",
              help="Instead: grow a store of synthetic results to each size (e.g. 1000,10000,100000) and measure "
                   "the ingest rate there, p50/p95 of every dashboard page and corpus view (--repeat calls "
                   "each, default 20) and a scoped report.")
@click.option("--long", "long_words", metavar="N,N,...",
              help="Instead: parse and analyse one invented document of each length in words (e.g. "
                   "1000,10000,100000), with the caps on one document's analysis as they are.")
@click.option("--uncapped", is_flag=True,
              help="With --long: lift the caps on one document's analysis for the run, to see how the stages "
                   "themselves grow with the length.")
@click.option("--scale-db", metavar="PATH_OR_URL", default="bench-scale.db", show_default=True,
              help="The store --scale grows (kept, so a later run with larger sizes carries on).")
@model_option
@debug_option
def bench(docs: int, source: Optional[Path], json_path: Optional[Path], workers: Optional[int],
          shard_size: int, repeat: int, no_ray: bool, scale_sizes: Optional[str], long_words: Optional[str],
          uncapped: bool, scale_db: str, model: Optional[str], debug: bool) -> None:
    """Measure tealeaves' speed against the floor: a bare spaCy parse of the same articles.

    On the first N articles of a JSONL corpus, with the same model and workers, one run
    measures (a) bare spaCy parsing, (b) textacy's direct_quotations baseline, (c) the full
    pipeline on the local engine, (d) bare spaCy parsing and (e) `tealeaves analyze`, each as
    a new process with its start-up, and (f) the pipeline on Ray: articles/s, words/s, the
    ratio to (a) (for (e): to (d), a command against a command), the time to the first
    result, CPU seconds and the peak resident memory of all processes involved. Model load,
    Ray start-up and a cold `tealeaves analyze` of one article are reported apart.

    \b
    Examples:
        tealeaves bench
        tealeaves bench --docs 500 --workers 2 --json bench.json
        tealeaves bench --docs 300 --repeat 3
        tealeaves bench --input my-articles.jsonl --docs 50 --no-ray
        tealeaves bench --scale 1000,10000 --scale-db /tmp/scale.db --json scale.json
        tealeaves bench --long 1000,10000,100000 --repeat 3
        tealeaves bench --long 1000,10000,100000 --uncapped
    """
    from tealeaves.evaluate import bench as benchmark

    if long_words:
        from tealeaves.evaluate import long_documents

        with friendly_errors(debug):
            result = long_documents.run_long(_sizes(long_words), model=model, repeat=repeat, caps=not uncapped,
                                             report=Console(stderr=True).log)
            _write_json(json_path, result)
            table_console(sys.stdout).print(long_documents.format_rows(result))
        return

    if scale_sizes:
        from tealeaves.evaluate import scale

        with friendly_errors(debug):
            console = Console(stderr=True)
            result = scale.run_scale(scale_db, _sizes(scale_sizes), click.get_current_context().find_root().command,
                                     repeat=repeat if repeat > 1 else 20, report=console.log)
            _write_json(json_path, result)
            table_console(sys.stdout).print(scale.format_rows(result))
        return
    with friendly_errors(debug):
        source = source or benchmark.default_corpus()
        if source is None:
            fail("no corpus given and ../shared/corpus/polnear/polnear_train.jsonl not found: "
                 "pass --input ARTICLES.jsonl")
        console = Console(stderr=True)
        report = benchmark.run_bench(source, docs, workers=workers, model=model, use_ray=not no_ray,
                                     shard_size=shard_size, repeat=repeat,
                                     report=lambda step: console.log(f"measuring {step}"))
        if json_path:
            json_path.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
        table_console(sys.stdout).print(benchmark.format_table(report))


def _sizes(given: str) -> list[int]:
    """Sizes given as N,N,... (of --scale and --long)."""
    try:
        return [int(size) for size in given.split(",")]
    except ValueError:
        raise click.BadParameter(f"{given!r}: give sizes as whole numbers, e.g. 1000,10000") from None


def _write_json(path: Optional[Path], result: dict) -> None:
    if path:
        path.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
