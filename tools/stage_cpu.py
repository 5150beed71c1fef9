"""CPU per document of each stage after the parse, on the bench's corpus.

    PYTHONPATH=src python tools/stage_cpu.py [--docs 40] [--rounds 3]

Parses the first N PolNeAR training articles (as ``tealeaves bench`` does), then analyses the
parses ``--rounds`` times, timing each stage of ``pipeline.analyze_parsed`` by this thread's
CPU (which the load of a shared machine hardly changes, unlike the clock) and keeping the
fastest round. The encoder's own time is shown apart; it is also inside the stages that call
it (coding, reading together). py-spy is not available here: this is what a profile per
stage needs without it.
"""

from __future__ import annotations

import argparse
import functools
import os
import time
from collections import Counter
from typing import Any, Callable

from tealeaves import pipeline
from tealeaves.evaluate.bench import build_corpus, default_corpus
from tealeaves.lexicon import default_lexicon
from tealeaves.nlp.model import load_model, model_label, parse_text
from tealeaves.signals import encoder
from tealeaves.signals.coding import default_signal_lexicon

STAGES = ("find_quotes", "find_drafts", "find_action_drafts", "code_statements", "read_together")
RESOLVER = ("__init__", "resolve_all", "actors_used")
ENCODER = "encoder (inside the stages)"


def timed(name: str, function: Callable[..., Any], cpu: Counter[str]) -> Callable[..., Any]:
    """``function``, adding its thread CPU seconds to ``cpu[name]``."""
    @functools.wraps(function)
    def run(*args: Any, **kwargs: Any) -> Any:
        started = time.thread_time()
        try:
            return function(*args, **kwargs)
        finally:
            cpu[name] += time.thread_time() - started
    return run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=40)
    parser.add_argument("--rounds", type=int, default=3)
    options = parser.parse_args()
    corpus = default_corpus()
    if corpus is None:
        raise SystemExit("PolNeAR's training articles are not in ../shared: run from the repository")
    documents = build_corpus(corpus, options.docs)
    nlp, lexicon, signal_lexicon = load_model(None), default_lexicon(), default_signal_lexicon()
    pipeline.warm_up(nlp, lexicon)
    started = time.thread_time()
    parsed = [nlp(parse_text(pipeline.analysed_part(d.text))) for d in documents]
    parse_cpu = time.thread_time() - started
    cpu: Counter[str] = Counter()
    for name in STAGES:
        setattr(pipeline, name, timed(name, getattr(pipeline, name), cpu))
    for name in RESOLVER:
        setattr(pipeline.ActorResolver, name, timed(f"resolver {name}", getattr(pipeline.ActorResolver, name), cpu))
    encoder.MiniLM.encode = timed(ENCODER, encoder.MiniLM.encode, cpu)  # type: ignore[method-assign]
    best: tuple[float, Counter[str]] = (float("inf"), Counter())
    for _ in range(options.rounds):
        cpu.clear()
        started = time.thread_time()
        for document, parse in zip(documents, parsed):
            pipeline.analyze_parsed(document, parse, lexicon, model_label(nlp), signal_lexicon=signal_lexicon)
        best = min(best, (time.thread_time() - started, Counter(cpu)), key=lambda run: run[0])
    total, stages = best
    per_doc = 1000 / options.docs
    print(f"{options.docs} documents, load {os.getloadavg()[0]:.1f}: parse {parse_cpu * per_doc:.1f} ms/document; "
          f"after the parse {total * per_doc:.1f} ms/document (fastest of {options.rounds} rounds)")
    for name, seconds in stages.most_common():
        print(f"  {name:30s} {seconds * per_doc:6.1f} ms")
    outside = total - sum(seconds for name, seconds in stages.items() if name != ENCODER)
    print(f"  {'the rest of analyze_parsed':30s} {outside * per_doc:6.1f} ms")


if __name__ == "__main__":
    main()
