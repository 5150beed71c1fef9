"""Matching system spans and statements to gold ones: one-to-one, greedy by overlap (see
``scoring``'s module docstring for the policy)."""

from __future__ import annotations

from typing import Any, Iterable, Mapping, Sequence

from tealeaves.evaluate.gold import GoldStatement, Interval
from tealeaves.models import Span, Statement

Pairs = list[tuple[int, int]]


def overlap(a: Interval, b: Interval) -> int:
    """How many characters two (start, end) ranges share."""
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def is_exact(a: Interval, b: Interval) -> bool:
    """The same span, or one sharing at least half of each span's characters."""
    shared = overlap(a, b)
    return shared > 0 and 2 * shared >= a[1] - a[0] and 2 * shared >= b[1] - b[0]


def greedy_pairs(weights: Mapping[tuple[int, int], Any]) -> Pairs:
    """One-to-one (system, gold) pairs taken heaviest first; ties go to the earlier items.

    ``weights`` holds only the pairs that may match; weights are numbers or tuples.
    """
    pairs: Pairs = []
    used_system, used_gold = set(), set()
    for (i, j), _ in sorted(sorted(weights.items()), key=lambda kv: kv[1], reverse=True):
        if i not in used_system and j not in used_gold:
            pairs.append((i, j))
            used_system.add(i)
            used_gold.add(j)
    return sorted(pairs)


def match_spans(system: Sequence[Interval], gold: Sequence[Interval], exact: bool = False) -> Pairs:
    """Match system to gold spans one-to-one, greedy by overlap size, and on equal overlap the
    pair that fits more tightly first; ``exact`` keeps exact pairs only."""
    return greedy_pairs({
        (i, j): (overlap(s, g), _fit(s, g))
        for i, s in enumerate(system)
        for j, g in enumerate(gold)
        if overlap(s, g) and (not exact or is_exact(s, g))
    })


def _fit(a: Interval, b: Interval) -> float:
    """Shared characters over the characters either span covers (1.0 for the same span)."""
    return overlap(a, b) / (max(a[1], b[1]) - min(a[0], b[0]))


def shared_characters(a: Iterable[Interval], b: Iterable[Interval]) -> int:
    """Characters covered by both sets of ranges (each set merged first, so none counts twice)."""
    return sum(overlap(x, y) for x in _merge(a) for y in _merge(b))


def _merge(intervals: Iterable[Interval]) -> list[Interval]:
    merged: list[Interval] = []
    for start, end in sorted(intervals):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def match_statements(system: Sequence[Statement], gold: Sequence[GoldStatement]) -> Pairs:
    """Pair system and gold statements that share characters, one-to-one and greedy.

    A gold statement covers its evidence and quotes. Pairs are ranked first by whether the
    system's cue lies in the gold evidence (a statement reported inside another's words, "X said
    that Y suggested ...", goes to the gold statement of its own cue, not of the words around
    it), then by what the system's quotes and content share with it, then by what the system's
    whole span shares, so a sentence holding two gold statements goes to the one whose words it
    quotes; last, by whether its speaker mention shares characters with the gold evidence, so
    statements alike but for their speaker ("Roe and Vell said ...", one statement each) go to
    the gold statement of each.
    """
    weights = {}
    for i, s in enumerate(system):
        words = [iv(x) for x in (*s.quotes, *s.content)]
        for j, g in enumerate(gold):
            ranges = [iv(g.evidence), *(iv(q) for q in g.quotes)]
            shared = (shared_characters(words, ranges), shared_characters([(s.start, s.end)], ranges))
            if any(shared):
                named = s.speaker_mention is not None and shared_characters([iv(s.speaker_mention)], ranges) > 0
                cue_in_evidence = s.cue is not None and g.evidence.start <= s.cue.start and s.cue.end <= g.evidence.end
                weights[i, j] = (cue_in_evidence, *shared, named)
    return greedy_pairs(weights)


def iv(span: Span) -> Interval:
    return (span.start, span.end)
