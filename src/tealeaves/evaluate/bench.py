"""``tealeaves bench``: how fast tealeaves runs, against the floor every spaCy tool pays.

One run measures, on the same reproducible corpus, with the same model and workers: (a) bare
spaCy parsing with the model as its package ships it, (b) the textacy ``direct_quotations``
baseline (parse + extract), (c) the full pipeline on the local engine, (d) bare spaCy parsing
as a new process and (e) ``tealeaves analyze`` as a new process (both with their start-up:
Python, imports, model load) and (f) on Ray. Each row reports articles/s, words/s, its ratio
to its floor (a; for (e), (d): like with like, a command against a command), the time to its
first result, the CPU seconds of the process tree and its peak resident memory (Ray's
processes included). The model is loaded before timing starts and reported apart, as is a
cold ``tealeaves analyze`` on one article.
"""

from __future__ import annotations

import datetime
import itertools
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any, Callable, Iterable, Optional, Union

import psutil

from tealeaves import __version__
from tealeaves.engines.batch import run_batch
from tealeaves.engines.shards import read_records
from tealeaves.models import Document, ModelNotFound
from tealeaves.nlp.model import DEFAULT_MODELS, load_model, load_stock_model, model_label
from tealeaves.pipeline import BATCH_SIZE, warm_up

DEFAULT_DOCS = 200
PARSE_COMMAND = "spaCy parse (a new process)"
ANALYZE_COMMAND = "tealeaves analyze (a new process)"
FLOORS = {ANALYZE_COMMAND: PARSE_COMMAND}  # a row measured against another floor than the in-process parse
DEFAULT_SHARD_SIZE = 10  # small shards give the Ray pool work to share on a small corpus
CORPUS = Path("corpus") / "polnear" / "polnear_train.jsonl"
MIB = 1024 * 1024


@dataclass(frozen=True)
class Measure:
    """One row of the benchmark."""

    name: str
    documents: int
    words: int
    seconds: float
    first_result_s: float
    peak_rss_mib: float
    runs_s: tuple[float, ...] = ()  # every run's seconds when the row is the fastest of several
    cpu_s: Optional[float] = None  # CPU of this process and the children it waited for (not Ray's)

    @property
    def articles_per_s(self) -> float:
        return self.documents / self.seconds

    @property
    def words_per_s(self) -> float:
        return self.words / self.seconds

    def to_dict(self, floor: "Measure") -> dict[str, Any]:
        return asdict(self) | {
            "articles_per_s": round(self.articles_per_s, 2),
            "words_per_s": round(self.words_per_s),
            "ratio_to_parse": round(self.articles_per_s / floor.articles_per_s, 3),
            "floor": floor.name,
        }


class PeakMemory:
    """The peak resident memory of this process and all its descendants, sampled by a
    background thread while the ``with`` block runs (RSS: shared pages count per process)."""

    def __init__(self, interval: float = 0.05) -> None:
        self.interval, self.peak = interval, 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def __enter__(self) -> "PeakMemory":
        self._thread.start()
        return self

    def __exit__(self, *exc_info: Any) -> None:
        self._stop.set()
        self._thread.join()

    def _sample(self) -> None:
        me = psutil.Process()
        while True:
            self.peak = max(self.peak, tree_rss(me))
            if self._stop.wait(self.interval):
                return


def tree_rss(process: psutil.Process) -> int:
    """Resident bytes of a process and its descendants (ones that exit meanwhile are skipped)."""
    total = 0
    for member in (process, *process.children(recursive=True)):
        try:
            total += member.memory_info().rss
        except psutil.Error:
            continue
    return total


class _Timer:
    """Wall time of a run and of its first result."""

    def __init__(self) -> None:
        self.start = time.perf_counter()
        self.first: Optional[float] = None

    def tick(self, *_: Any) -> None:
        if self.first is None:
            self.first = time.perf_counter() - self.start


def measure(name: str, documents: list[Document], words: int, run: Callable[[_Timer], None]) -> Measure:
    """Time ``run`` (which calls ``timer.tick`` on each result) and sample its memory. Its CPU
    time, which other work on the machine hardly changes, counts the processes it waited for:
    not Ray's, whose workers are the Ray daemon's children."""
    cpu = _cpu_seconds()
    with PeakMemory() as memory:
        timer = _Timer()
        run(timer)
        seconds = time.perf_counter() - timer.start
    cpu_s = None if "Ray" in name else round(_cpu_seconds() - cpu, 3)
    return Measure(name, len(documents), words, round(seconds, 3), round(timer.first or seconds, 3),
                   round(memory.peak / MIB, 1), cpu_s=cpu_s)


def _cpu_seconds() -> float:
    """User and system CPU of this process and of its children that ended and were waited for."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


# --- the corpus -----------------------------------------------------------------------------


def default_corpus() -> Optional[Path]:
    """PolNeAR's training articles in ../shared (from the working folder or the repository)."""
    for shared in (Path.cwd().parent / "shared", Path(__file__).resolve().parents[4] / "shared"):
        if (shared / CORPUS).is_file():
            return shared / CORPUS
    return None


def build_corpus(source: Union[str, Path], n: int) -> list[Document]:
    """The first ``n`` articles of ``source``, cycled when it holds fewer."""
    first = list(itertools.islice(_documents(source), n))
    if not first:
        raise ValueError(f"{source}: no readable articles: give a JSONL file with 'text' on each line")
    return list(itertools.islice(itertools.cycle(first), n))


def _documents(source: Union[str, Path]) -> Iterable[Document]:
    return (record for record in read_records(source) if isinstance(record, Document))


def write_jsonl(documents: Iterable[Document], path: Path) -> None:
    """Documents as JSONL articles, the input the engines read."""
    fields = ("text", "title", "published", "author", "outlet", "url")
    with path.open("w", encoding="utf-8") as stream:
        for d in documents:
            stream.write(json.dumps({f: getattr(d, f) for f in fields if getattr(d, f)}, ensure_ascii=False) + "\n")


# --- the rows -------------------------------------------------------------------------------


def run_bench(
    source: Union[str, Path], docs: int = DEFAULT_DOCS, *, workers: Optional[int] = None,
    model: Optional[str] = None, use_ray: bool = True, shard_size: int = DEFAULT_SHARD_SIZE,
    repeat: int = 1, report: Callable[[str], None] = lambda step: None,
) -> dict[str, Any]:
    """Every measurement of one benchmark run, JSON-ready. With ``repeat`` > 1 the rows are
    measured in turn that many times and each row is its fastest run (as ``timeit`` takes the
    minimum: other work on the machine only ever slows a run), with its highest peak memory."""
    workers = workers or os.cpu_count() or 1
    documents = build_corpus(source, docs)
    texts = [d.text for d in documents]
    words = sum(len(t.split()) for t in texts)
    report("cold start: tealeaves analyze on one article")
    cold_start = cold_start_seconds(texts[0])
    load_model.cache_clear()  # a real load, even when this process had one; the local engine then shares it
    started = time.perf_counter()
    nlp = load_model(model)
    model_load = time.perf_counter() - started
    warm_up(nlp)  # what the pipeline loads lazily (embeddings) is loaded before timing
    warmed = time.perf_counter() - started
    stock = load_stock_model(model)  # the floor: the model exactly as its package ships it
    stock_name = model or installed_model()
    import textacy.extract  # noqa: F401  (its import is slow: keep it out of the timing)
    timings: dict[str, list[Measure]] = {}
    with tempfile.TemporaryDirectory(prefix="tealeaves-bench-") as scratch:
        corpus = Path(scratch) / "corpus.jsonl"
        write_jsonl(documents, corpus)

        def parse(timer: _Timer) -> None:
            for _ in stock.pipe(texts, batch_size=BATCH_SIZE, n_process=workers):
                timer.tick()

        def textacy(timer: _Timer) -> None:
            from textacy.extract.triples import direct_quotations

            for doc in stock.pipe(texts, batch_size=BATCH_SIZE, n_process=workers):
                try:
                    list(direct_quotations(doc))
                except ValueError:  # textacy gives up on unpaired quotation marks
                    pass
                timer.tick()

        def engine(name: str) -> Callable[[_Timer], None]:
            runs = itertools.count(1)

            def run(timer: _Timer) -> None:  # each run into a new folder: none finds shards done
                run_batch(corpus, Path(scratch) / f"{name}-{next(runs)}", engine=name, workers=workers, model=model,
                          shard_size=shard_size, progress=timer.tick)
            return run

        def parse_command(timer: _Timer) -> None:
            bare_parse_command(corpus, workers, stock_name, timer.tick)

        def command(timer: _Timer) -> None:
            analyze_command(corpus, workers, model, timer.tick)

        steps = [("spaCy parse", parse), ("textacy direct_quotations", textacy),
                 ("tealeaves, local engine", engine("local")), (PARSE_COMMAND, parse_command),
                 (ANALYZE_COMMAND, command)]
        for _ in range(repeat):
            for name, run in steps:
                report(name)
                timings.setdefault(name, []).append(measure(name, documents, words, run))
        ray_start = None
        if use_ray:
            report("tealeaves, Ray engine")
            ray_start, timings["tealeaves, Ray engine"] = _ray_rows(documents, words, workers, engine("ray"), repeat)
    rows = [fastest(runs) for runs in timings.values()]
    return {
        "corpus": {"source": str(source), "documents": len(documents), "words": words},
        "workers": workers,
        "shard_size": shard_size,
        "repeat": repeat,
        "model_load_s": round(model_load, 3),
        "warm_up_s": round(warmed, 3),
        "cold_start_s": cold_start,
        "ray_start_s": ray_start,
        "rows": report_rows(rows),
        "machine": machine_facts(model_label(nlp)),
    }


def report_rows(rows: list[Measure]) -> list[dict[str, Any]]:
    """The rows as JSON, each with its ratio to its floor: the first row (the in-process
    parse), or the one ``FLOORS`` names for it when measured."""
    by_name = {row.name: row for row in rows}
    return [row.to_dict(by_name.get(FLOORS.get(row.name, ""), rows[0])) for row in rows]


def fastest(runs: list[Measure]) -> Measure:
    """The fastest of a row's runs, with the highest peak memory of them all."""
    best = min(runs, key=lambda run: run.seconds)
    if len(runs) == 1:
        return best
    return replace(best, peak_rss_mib=max(run.peak_rss_mib for run in runs),
                   runs_s=tuple(run.seconds for run in runs))


def _ray_rows(documents: list[Document], words: int, workers: int, run: Callable[[_Timer], None], repeat: int):
    """Start Ray apart (reported as ray_start_s, with Ray Data's first pipeline), then measure
    the Ray engine on it ``repeat`` times."""
    import logging

    import ray

    started = time.perf_counter()
    ray.init(num_cpus=workers, include_dashboard=False, logging_level=logging.ERROR, log_to_driver=False)
    _first_ray_data_run()
    ray_start = round(time.perf_counter() - started, 3)
    try:
        return ray_start, [measure("tealeaves, Ray engine", documents, words, run) for _ in range(repeat)]
    finally:
        ray.shutdown()


def _first_ray_data_run() -> None:
    """One trivial Ray Data pipeline: Ray Data starts its own helper actors (statistics,
    autoscaling) on a session's first run, once per cluster, not per job; left in the timed
    row they took CPU from the analysis on a 2-CPU machine. Counted in the Ray start-up."""
    import ray.data

    context = ray.data.DataContext.get_current()
    context.enable_progress_bars = False
    context.print_on_execution_start = False
    ray.data.from_items([{"n": 1}]).map_batches(lambda batch: batch).take_all()


def analyze_command(corpus: Path, workers: int, model: Optional[str], tick: Callable[[], None]) -> None:
    """``tealeaves analyze CORPUS --format jsonl --workers N`` as a user runs it, ``tick`` called
    as each result line arrives (its start-up, model load included, is in the time)."""
    command = [sys.executable, "-m", "tealeaves", "analyze", str(corpus), "--format", "jsonl",
               "--workers", str(workers), *(["--model", model] if model else [])]
    _tick_per_line(command, tick, " ".join(command))


def _tick_per_line(command: list[str], tick: Callable[[], None], what: str) -> None:
    """Run a command, calling ``tick`` on each line it writes; fail if it fails."""
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL) as process:
        assert process.stdout is not None
        for _ in process.stdout:
            tick()
    if process.returncode:
        raise RuntimeError(f"{what} failed with exit status {process.returncode}")


# The floor of a command: a new Python that imports spaCy, loads the model and parses every
# article of a JSONL file with the same processes (spaCy's n_process), a line out per article.
_BARE_PARSE = """
import json, sys
import spacy
path, workers, model = sys.argv[1:]
nlp = spacy.load(model)
with open(path, encoding="utf-8") as lines:
    texts = [json.loads(line)["text"] for line in lines]
for doc in nlp.pipe(texts, batch_size=int(BATCH_SIZE), n_process=int(workers)):
    sys.stdout.write(f"{len(doc)}\\n")
    sys.stdout.flush()
"""


def bare_parse_command(corpus: Path, workers: int, model: str, tick: Callable[[], None]) -> None:
    """Bare spaCy parsing of CORPUS as a new process, ``tick`` called as each article's line
    arrives: what ``analyze_command`` is compared with (start-up included on both sides)."""
    code = _BARE_PARSE.replace("BATCH_SIZE", str(BATCH_SIZE))
    _tick_per_line([sys.executable, "-c", code, str(corpus), str(workers), model], tick,
                   f"the bare spaCy parse of {corpus}")


def installed_model() -> str:
    """The package name of the model ``load_stock_model()`` loads by default."""
    import spacy.util

    found = next((name for name in DEFAULT_MODELS if spacy.util.is_package(name)), None)
    if found is None:
        raise ModelNotFound(f"no spaCy model found (tried {', '.join(DEFAULT_MODELS)})")
    return found


def cold_start_seconds(text: str, runs: int = 3) -> float:
    """Wall time of ``tealeaves analyze -`` on one article in a fresh Python: import, model
    load and the first result, as a user waits for them. The median of ``runs`` runs, each a
    new process: one run alone moved by half a second with the machine's other load."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "tealeaves", "analyze", "-", "--format", "json"], input=text.encode(),
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        times.append(time.perf_counter() - started)
    return round(statistics.median(times), 3)


def machine_facts(model: str) -> dict[str, Any]:
    import spacy

    facts = {
        "date": datetime.datetime.now().astimezone().isoformat(timespec="seconds"),
        "cpus": os.cpu_count(),
        "cpu": platform.processor() or platform.machine(),
        "memory_gib": round(psutil.virtual_memory().total / 1024**3, 1),
        "load_average_1m": round(os.getloadavg()[0], 2),  # other work on the machine skews the figures
        "python": platform.python_version(),
        "platform": platform.platform(),
        "tealeaves": __version__,
        "spacy": spacy.__version__,
        "model": model,
    }
    try:
        import ray

        facts["ray"] = ray.__version__
    except ModuleNotFoundError:
        pass
    return facts


def format_table(report: dict[str, Any]):
    """The benchmark as a rich Table, with the run's facts in its caption."""
    from rich.table import Table

    corpus, machine = report["corpus"], report["machine"]
    table = Table(title=f"{corpus['documents']} articles, {corpus['words']:,} words · "
                        f"{report['workers']} workers · {machine['model']}",
                  caption=_caption(report), caption_justify="left")
    for header in ("run", "articles/s", "words/s", "× parse", "first result s", "peak RSS MiB", "seconds", "CPU s"):
        table.add_column(header, justify="left" if header == "run" else "right")
    for row in report["rows"]:
        floor = "" if row.get("floor", row["name"]) == report["rows"][0]["name"] else " †"
        cpu = row.get("cpu_s")
        table.add_row(row["name"], f"{row['articles_per_s']:.2f}", f"{row['words_per_s']:,}",
                      f"{row['ratio_to_parse']:.2f}{floor}", f"{row['first_result_s']:.2f}",
                      f"{row['peak_rss_mib']:,.0f}", f"{row['seconds']:.1f}", "" if cpu is None else f"{cpu:.1f}")
    return table


def _caption(report: dict[str, Any]) -> str:
    machine = report["machine"]
    parts = []
    if any(row.get("floor", row["name"]) != report["rows"][0]["name"] for row in report["rows"]):
        parts.append(f"† against {PARSE_COMMAND}: both commands pay Python's start-up, imports and the model load")
    if report.get("repeat", 1) > 1:
        parts.append(f"each row the fastest of {report['repeat']} runs (its peak memory the highest of them)")
    parts += [f"spaCy model load {report['model_load_s']:.2f} s, with the pipeline's first article "
             f"{report['warm_up_s']:.2f} s (not in the rows)",
             f"cold `tealeaves analyze` on one article {report['cold_start_s']:.2f} s (median of 3)"]
    if report["ray_start_s"] is not None:
        parts.append(f"Ray start-up (ray.init and Ray Data's first pipeline) {report['ray_start_s']:.2f} s "
                     "(not in the rows)")
    parts.append(f"{machine['cpus']} CPUs (load average {machine.get('load_average_1m', '?')}), "
                 f"{machine['memory_gib']} GiB, Python {machine['python']}, "
                 f"spaCy {machine['spacy']}, {machine['date']}")
    return "\n".join(parts)
