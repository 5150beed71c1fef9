"""The Ray engine of ``tealeaves batch``: Ray Data ``map_batches`` over pending shards.

Imported only when ``--engine ray`` is chosen, so Ray stays an optional extra
(``pip install 'tealeaves[ray]'``). The driver streams the input into shards and stages each
pending shard's documents as a small Parquet file; a Ray Data pipeline maps the staged shards
through ``ShardAnalyzer`` actors (the spaCy model and lexicon loaded once per actor), and each
actor writes its shard's tables exactly as the local engine does. The actors write the
tables themselves, rather than ``Dataset.write_parquet``, because one shard makes six
tables and the shard must be complete (its ``_done`` marker) before a restart may skip it.

On a cluster (``ray_address``), every node must see ``out_dir`` at the same path (a
shared file system): the staged inputs and the outputs live there.

Scaling. Everything heavy is per actor: the spaCy model (about 0.5 s to load), the lexicons,
the MiniLM weights (90 MB, read from the installed package) and the signal model, paid
once when the actor starts; an actor then needs nothing from the others, so N nodes of c
cores give about N*c times one actor's rate (row (d) of ``tealeaves bench`` divided by its
workers). What is shared is small: the driver reads the input, fingerprints and stages
shards (Parquet on the shared file system), and collects row counts; shards are written by
the actors themselves. The bottleneck moves from the CPUs to that driver and the file system
past some hundreds of actors (one staged file and six table files per shard): raise
``--shard-size`` there. The pool starts all its actors at once (``initial_size``) and sends
each one shard at a time, so no actor sits on a queue of shards while another idles at the
end of a run; each asks for 0.9 CPU so that Ray Data's own tasks still find a slot on a
small machine (whole CPUs per actor can starve them and hang).
"""

from __future__ import annotations

import dataclasses
import logging
from pathlib import Path
from typing import Any, Iterable, Iterator, Optional

from tealeaves.engines.shards import STAGING_DIR, Progress, Shard, analyze_shard
from tealeaves.models import Document
from tealeaves.pipeline import warm_up

# Fraction of a CPU an actor asks for: under 1 so that Ray Data's own tasks still get a slot
# when there are as many actors as CPUs (see the module's note on scaling).
ACTOR_CPUS = 0.9


class ShardAnalyzer:
    """A Ray actor: loads the model and lexicon once, then analyses and writes shards."""

    def __init__(self, out_dir: str, model: Optional[str], time_budget: Optional[float]) -> None:
        from tealeaves.lexicon import default_lexicon
        from tealeaves.nlp.model import load_model

        self.out = Path(out_dir)
        self.nlp = load_model(model)
        self.lexicon = default_lexicon()
        self.time_budget = time_budget
        warm_up(self.nlp, self.lexicon)

    def __call__(self, batch: dict[str, Any]) -> dict[str, list[Any]]:
        done: dict[str, list[Any]] = {"shard": [], "counts": []}
        for name, staged in zip(batch["shard"], batch["staged"]):
            documents = read_staged(Path(staged))
            done["shard"].append(str(name))
            done["counts"].append(analyze_shard(self.out, str(name), documents, self.nlp, self.lexicon,
                                                 self.time_budget))
        return done


def run_ray(
    shards: Iterable[Shard], out: Path, workers: int, model: Optional[str], time_budget: Optional[float],
    ray_address: Optional[str], progress: Optional[Progress],
) -> Iterator[dict[str, int]]:
    """Stage the pending shards, run them through a pool of 1..``workers`` actors, and yield
    each finished shard's row counts."""
    try:
        import ray
    except ModuleNotFoundError:
        raise RuntimeError("the ray engine needs Ray: pip install 'tealeaves[ray]' "
                           "(or use --engine local)") from None
    items = [{"shard": shard.name, "staged": str(stage(out, shard))} for shard in shards]
    if not items:
        return
    started_here = not ray.is_initialized()
    if ray_address:
        ray.init(address=ray_address, ignore_reinit_error=True, logging_level=logging.ERROR)
    else:
        ray.init(num_cpus=workers, include_dashboard=False, ignore_reinit_error=True,
                 logging_level=logging.ERROR, log_to_driver=False)
    try:
        import ray.data  # configures its loggers on import: quiet them after

        logging.getLogger("ray.data").setLevel(logging.ERROR)  # tealeaves shows its own progress
        context = ray.data.DataContext.get_current()
        context.enable_progress_bars = False
        context.print_on_execution_start = False
        # Each task carries only a staged file's path, read from the shared file system: block
        # locality buys nothing, and the statistics Ray Data keeps took CPU from the actors.
        context.execution_options.actor_locality_enabled = False
        context.enable_auto_log_stats = False
        context.enable_per_node_metrics = False
        finished = ray.data.from_items(items, override_num_blocks=len(items)).map_batches(
            ShardAnalyzer,
            fn_constructor_kwargs={"out_dir": str(out), "model": model, "time_budget": time_budget},
            batch_size=1,
            compute=ray.data.ActorPoolStrategy(min_size=1, max_size=workers, initial_size=workers,
                                               max_tasks_in_flight_per_actor=1),
            num_cpus=ACTOR_CPUS,
        )
        for row in finished.iter_rows():
            counts = {table: int(n) for table, n in row["counts"].items()}
            if progress:
                progress(counts["documents"])
            yield counts
    finally:
        if started_here:
            ray.shutdown()


def stage(out: Path, shard: Shard) -> Path:
    """Write a shard's documents where the actors can read them; returns the file."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    folder = out / STAGING_DIR
    folder.mkdir(exist_ok=True)
    path = folder / f"{shard.name}.parquet"
    pq.write_table(pa.Table.from_pylist([dataclasses.asdict(d) for d in shard.documents],
                                        schema=_document_schema()), path)
    return path


def read_staged(path: Path) -> list[Document]:
    import pyarrow.parquet as pq

    return [Document(**row) for row in pq.read_table(path).to_pylist()]


def _document_schema():
    from tealeaves.tables import record_schema

    return record_schema(Document)
