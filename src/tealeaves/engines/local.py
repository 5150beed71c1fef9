"""The local engine: shards analysed by supervised worker processes on this machine."""

from __future__ import annotations

import itertools
from collections import deque
from pathlib import Path
from typing import Iterable, Iterator, Optional, Union

from tealeaves.engines.shards import Progress, Shard, finished, shard_rows, write_shard
from tealeaves.models import Document, DocumentResult, InputError


def run_local(
    shards: Iterable[Shard], out: Path, workers: int, model: Optional[str], time_budget: Optional[float],
    progress: Optional[Progress],
) -> Iterator[dict[str, int]]:
    """Shards analysed document by document by ``workers`` supervised processes, which share
    the model loaded here before they fork (``pipeline.analyze_each``: a document over its
    budget is stopped by killing its process); each shard is written here once its last
    document is back. With one worker and no time budget, all runs in this process."""
    from tealeaves.lexicon import default_lexicon
    from tealeaves.nlp.model import load_model
    from tealeaves.pipeline import analyze_each
    from tealeaves.signals.coding import default_signal_lexicon
    from tealeaves.signals.model import default_signal_model

    remaining = iter(shards)
    first = next(remaining, None)
    if first is None:
        return  # every shard is done: no need to load the model
    nlp, lexicon = load_model(model), default_lexicon()
    default_signal_lexicon()  # loaded once here, before the workers fork
    default_signal_model()
    started: deque[Shard] = deque()  # shards whose documents went in, first to finish first

    def documents() -> Iterator[Document]:
        for shard in itertools.chain([first], remaining):
            started.append(shard)
            yield from shard.documents

    outcomes: list[Union[DocumentResult, InputError]] = []
    for outcome in analyze_each(documents(), nlp=nlp, lexicon=lexicon, n_process=workers, seconds=time_budget,
                                isolate=bool(time_budget)):
        outcomes.append(outcome)
        if len(outcomes) == len(started[0].documents):
            yield finished(write_shard(out, started.popleft().name, *shard_rows(outcomes)), progress)
            outcomes = []
