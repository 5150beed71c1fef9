"""Cross-document mixed messages: blocking by topic and shared words judges fewer pairs and
keeps every one that counts; two articles' offsets never read as one sentence."""

import random

from tealeaves.analysis import corpus
from tealeaves.models import Actor, Span, Statement

LATVIA = Actor("kell", "Andris Kell", "official", side="Latvia")
TOPICS = [f"topic {n}" for n in range(12)]
WORDS = ["harbour", "border", "pipeline", "garrison", "airspace", "railway", "fishery", "embassy",
         "sanctions", "drills", "convoy", "treaty"]


def _said(n: int, signal: str, day: str, topic, words: str, start: int = 0) -> corpus.Said:
    text = f"Kell said {words}."
    statement = Statement(id=f"s{n}", kind="indirect", start=start, end=start + len(text), text=text,
                          speaker_id="kell", content=(Span(start + 10, start + len(text) - 1, words),),
                          signal=signal, signals=(signal,), topic=topic)
    return corpus.Said(statement, LATVIA, f"doc{n}", day)


def _synthetic(count: int, seed: int = 7) -> list[corpus.Said]:
    rng = random.Random(seed)
    said = []
    for n in range(count):
        signal = rng.choice(["reassure", "threaten", "demand", "engage", "positive_assessment", "deny"])
        words = " ".join(rng.sample(WORDS, 2)) + (" and nobody wants a war" if rng.random() < 0.05 else "")
        said.append(_said(n, signal, f"2024-03-{1 + n * 28 // count:02d}", rng.choice(TOPICS + [None]), words))
    return sorted(said, key=lambda s: s.day)


def test_blocking_keeps_every_pair_that_scores_and_judges_fewer(monkeypatch):
    said = _synthetic(300)
    blocked = corpus._candidate_pairs(said, 7)
    rows = corpus._select(corpus._judged_pairs(said, 7), 10_000)
    monkeypatch.setattr(corpus, "_blocks", lambda statement: {("all", "")})  # one block: every pair
    every = corpus._candidate_pairs(said, 7)
    assert blocked < every and len(blocked) < len(every) * 0.6
    assert rows and corpus._select(corpus._judged_pairs(said, 7), 10_000) == rows


def test_statements_of_two_articles_never_share_a_sentence():
    # Same offsets in two articles, no topic or word in common: no pair.
    calm = _said(1, "reassure", "2024-03-01", "the harbour", "the fishing fleet sails as usual", start=40)
    harsh = _said(2, "threaten", "2024-03-02", "the border", "troops would answer any provocation", start=40)
    assert corpus._judge(calm, harsh) is None
    shared = _said(3, "threaten", "2024-03-02", "the harbour", "the fishing fleet would be stopped", start=40)
    assert corpus._judge(calm, shared) is not None
