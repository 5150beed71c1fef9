"""Mixed messages across articles: one side upbeat in Monday's story, gloomy in Tuesday's.

Within one article, ``analysis.find_mixed_messages`` pairs a side's statements that pull
opposite ways on one topic. Here the same function judges pairs whose two statements come
from *different* stored documents of that side, published at most ``window_days`` apart:

- Only pairs whose signal codes oppose (the codebook's ``opposes``)
  are judged, only within the window, and only within a block: the two share a topic label
  or a content word, or the softer one disclaims hostility outright ("nobody wants a war").
  No other pair can score (without an embedding model the topic is the label or the shared
  words), so blocking drops none that counts, and the work grows with the statements of a
  side that speak to the same matter per window, not with the square of the corpus.
- Each pair is judged as ``[first, gap, second]``: two statements of different articles are
  never "back to back" and sit one step apart, so kinds that weaken with distance (reassurance
  vs threat, openness vs demand) need the same topic, and the same speaker alone is not
  enough. There is no embedding model here: topics are compared by label and shared words.
- Pairs are kept greedily, strongest first; a statement joins at most
  ``MAX_PAIRS_PER_STATEMENT`` of them and a side at most ``max_pairs``.

After an ingest, ``update_cross_document_mixed`` judges only the candidate pairs with a
statement of a document not judged before (against the stored statements of that side within
the window), keeps every pair judged a mixed message in the store (``store.cross_pairs``), and
runs the greedy selection again over all of them; the result is stored in place of the earlier
one (``Store.replace_cross_mixed_messages``). ``find_cross_document_mixed`` judges the whole
store at once, with the same result.
"""

from __future__ import annotations

import bisect
import contextlib
import dataclasses
import hashlib
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any, Iterable, Iterator, Optional

from tealeaves import tables
from tealeaves.analysis.mixed import find_mixed_messages
from tealeaves.analysis.wording import disclaims_hostility, keywords, party_statements
from tealeaves.codebook import codebook
from tealeaves.models import Actor, Span, Statement
from tealeaves.store import cross_pairs
from tealeaves.store.core import ANALYSED, Store, _names

CROSS_WINDOW_DAYS = 7
MAX_PAIRS_PER_SIDE = 200
MAX_PAIRS_PER_STATEMENT = 1
_ATTEMPTS = 3  # judgings of the new documents while others write, the last one under the lock
# Stands between the two statements of a pair: different articles are never read back to back.
_GAP = Statement(id="\x00gap", kind="indirect", start=0, end=0, text="")


@dataclass(frozen=True)
class Said:
    """One coded statement of a side, with its speaker, document and day."""

    statement: Statement
    actor: Actor
    document_id: str
    day: str

    @property
    def key(self) -> tuple[str, str]:
        return self.document_id, self.statement.id


def find_cross_document_mixed(store: Store, *, window_days: int = CROSS_WINDOW_DAYS,
                              max_pairs: int = MAX_PAIRS_PER_SIDE) -> list[dict[str, Any]]:
    """Rows of ``Store.replace_cross_mixed_messages``, judging every pair of the store."""
    return _select(_judged_pairs(list(_coded_party_statements(store)), window_days), max_pairs)


def update_cross_document_mixed(store: Store, settings: str, *, window_days: int = CROSS_WINDOW_DAYS,
                                max_pairs: int = MAX_PAIRS_PER_SIDE) -> list[dict[str, Any]]:
    """What ``find_cross_document_mixed`` finds, judging only the pairs of documents not judged
    before under ``settings`` (another settings string judges all again), which it stores.

    The judging runs outside the write lock; its pairs are stored only if no document came,
    went or was judged meanwhile (else it judges again; the last attempt holds the lock)."""
    with store.db.transaction():
        if cross_pairs.settings(store.db) != settings:
            cross_pairs.reset(store.db, settings)
    for attempt in range(_ATTEMPTS):
        locked = attempt == _ATTEMPTS - 1
        with store.db.transaction() if locked else contextlib.nullcontext():
            before = cross_pairs.unjudged(store.db)
            new_ids = {row["id"] for row in before[0]}
            said = [s for start, stop in _windows([row["day"] for row in before[0] if row["day"]], window_days)
                    for s in _coded_party_statements(store, (start, stop))]
            judged = _judged_pairs(said, window_days, only=new_ids)
            with store.db.transaction():
                if locked or cross_pairs.unjudged(store.db) == before:
                    cross_pairs.add(store.db, judged, sorted(new_ids))
                    return _select_stored(store, max_pairs)
    raise AssertionError("unreachable: the last attempt holds the write lock")


def _windows(days: list[str], window_days: int) -> list[tuple[str, str]]:
    """The days within ``window_days`` of any of ``days``, as disjoint (first, last) ranges in order."""
    ranges: list[list[int]] = []
    for ordinal in sorted({date.fromisoformat(day).toordinal() for day in days}):
        if ranges and ordinal - window_days <= ranges[-1][1] + 1:
            ranges[-1][1] = ordinal + window_days
        else:
            ranges.append([ordinal - window_days, ordinal + window_days])
    return [(date.fromordinal(first).isoformat(), date.fromordinal(last).isoformat()) for first, last in ranges]


def _coded_party_statements(store: Store, days: Optional[tuple[str, str]] = None) -> Iterator[Said]:
    """Coded statements of analysed, dated documents (published within ``days``, first and last,
    when given) whose speaker speaks for a side."""
    within = 'AND d."day" BETWEEN ? AND ? ' if days else ''
    actors = {(row["document_id"], row["id"]): tables.record_from_row("actors", row) for row in store.db.query(
        f'SELECT {_names("actors", "a")} FROM actors a JOIN documents d ON d."id" = a."document_id" '
        f'WHERE a."side" IS NOT NULL {within}', days or ())}
    rows = store.db.query(
        f'SELECT {_names("statements", "s")}, d."day" AS day FROM statements s '
        'JOIN documents d ON d."id" = s."document_id" '
        f'WHERE d."status" = ? AND d."day" IS NOT NULL AND s."signal" IS NOT NULL {within}'
        'ORDER BY d."day", s."document_id", s."pk"', (ANALYSED, *(days or ())))
    for row in rows:
        statement = tables.record_from_row("statements", row)
        actor = actors.get((row["document_id"], statement.speaker_id))
        if actor is not None and party_statements([statement], {actor.id: actor}):
            yield Said(statement, actor, row["document_id"], row["day"])


def _possible_codes(statement: Statement) -> set[str]:
    """Every code ``find_mixed_messages`` could read in a statement (a superset, to pre-filter)."""
    if statement.kind == "action":
        return {statement.signal} if statement.signal else set()
    return set(statement.signals or (statement.signal,)) | ({"non_denial"} if statement.negated else set())


def _blocks(statement: Statement) -> set[tuple[str, str]]:
    """The blocks a statement sits in: its topic label and each of its content words."""
    return {("word", word) for word in keywords(statement)} | ({("topic", statement.topic)} if statement.topic else set())


def _candidate_pairs(said: list[Said], window_days: int, only: Optional[set[str]] = None) -> set[tuple[int, int]]:
    """Index pairs (i < j) of statements in different documents, at most ``window_days`` apart,
    whose codes fit one kind of mixed message and that share a block (or whose softer half
    disclaims hostility, which pairs it with any statement of the other half); with ``only``,
    those with a statement of a document in ``only``, found without listing the others (after
    an ingest, the pairs of a few new documents among a window of thousands of statements)."""
    ordinals = [date.fromisoformat(s.day).toordinal() for s in said]  # ``said`` is in day order
    codes = [_possible_codes(s.statement) for s in said]
    blocks = [_blocks(s.statement) for s in said]
    new = [only is None or s.document_id in only for s in said]
    pairs: set[tuple[int, int]] = set()
    for opposition in codebook().oppositions:
        rights = [j for j, c in enumerate(codes) if opposition.hard in c]
        # a new soft half pairs with any hard half, an old one only with a new hard half
        for soft_is_new in (True, False) if only is not None else (True,):
            partners = rights if soft_is_new else [j for j in rights if new[j]]
            by_block: dict[tuple[str, str], list[int]] = defaultdict(list)  # block -> partners, in day order
            for j in partners:
                for block in blocks[j]:
                    by_block[block].append(j)
            days_of = {block: [ordinals[j] for j in members] for block, members in by_block.items()}
            every = (partners, [ordinals[j] for j in partners])
            for i in (i for i, c in enumerate(codes) if opposition.soft in c and new[i] == soft_is_new):
                lists = ([every] if opposition.soft == "reassure" and disclaims_hostility(said[i].statement)
                         else [(by_block[b], days_of[b]) for b in blocks[i] if b in by_block])
                for members, days in lists:
                    start = bisect.bisect_left(days, ordinals[i] - window_days)
                    stop = bisect.bisect_right(days, ordinals[i] + window_days)
                    for j in members[start:stop]:
                        if said[i].document_id != said[j].document_id:
                            pairs.add((min(i, j), max(i, j)))
    return pairs


def _judge(a: Said, b: Said) -> Optional[Any]:
    """The mixed message ``find_mixed_messages`` sees in the two statements, or None. The
    second is moved past the end of the first, its spans with it: offsets of two articles that
    happen to overlap must not read as one sentence, nor as one move relayed."""
    actors = {a.actor.id: a.actor, b.actor.id: b.actor} if a.actor.id != b.actor.id else {a.actor.id: a.actor}
    shift = max(a.statement.end, *(c.end for c in (*a.statement.content, *a.statement.quotes))) + 1

    def moved(spans: tuple[Span, ...]) -> tuple[Span, ...]:
        return tuple(dataclasses.replace(c, start=c.start + shift, end=c.end + shift) for c in spans)

    later = dataclasses.replace(b.statement, start=b.statement.start + shift, end=b.statement.end + shift,
                                content=moved(b.statement.content), quotes=moved(b.statement.quotes),
                                cue=moved((b.statement.cue,))[0] if b.statement.cue else None)
    found = [m for m in find_mixed_messages([a.statement, _GAP, later], actors) if len(m.statement_ids) == 2]
    return found[0] if found else None


def _judged_pairs(said: list[Said], window_days: int, only: Optional[set[str]] = None) -> list[dict[str, Any]]:
    """The candidate pairs of each side judged a mixed message (those with a statement of a
    document in ``only``, when given), as rows of ``store.cross_pairs``, first statement first.
    ``said`` is in day order."""
    by_side: dict[str, list[Said]] = defaultdict(list)
    for one in said:
        by_side[one.actor.side].append(one)
    judged = []
    for side, of_side in by_side.items():
        for i, j in _candidate_pairs(of_side, window_days, only):
            if (message := _judge(of_side[i], of_side[j])) is not None:
                first, second = ((of_side[i], of_side[j]) if message.statement_ids[0] == of_side[i].statement.id
                                 else (of_side[j], of_side[i]))
                judged.append({"side": side, "kind": message.kind, "explanation": message.explanation,
                               "score": message.score, "first_document": first.document_id,
                               "first_statement": first.statement.id, "first_day": first.day,
                               "second_document": second.document_id, "second_statement": second.statement.id,
                               "second_day": second.day})
    return judged


def _select(judged: list[dict[str, Any]], max_pairs: int) -> list[dict[str, Any]]:
    """The kept cross-document mixed messages of judged pairs held in memory: per side (in
    name order), strongest first (``_keep``)."""
    rows = []
    for side in sorted({pair["side"] for pair in judged}):
        rows += _keep(sorted((p for p in judged if p["side"] == side), key=_rank), max_pairs)
    return rows


def _select_stored(store: Store, max_pairs: int) -> list[dict[str, Any]]:
    """What ``_select`` keeps of every stored judged pair, reading each side's pairs strongest
    first, page by page, only until ``max_pairs`` are kept (not the million of a large store)."""
    rows = []
    for side in sorted(cross_pairs.sides(store.db)):
        rows += _keep(cross_pairs.ranked(store.db, side), max_pairs)
    return rows


def _rank(pair: dict[str, Any]) -> tuple[Any, ...]:
    """Strongest first, then earliest, then by statement keys (``cross_pairs.ranked``'s order)."""
    return (-pair["score"], pair["first_day"], pair["first_document"], pair["first_statement"],
            pair["second_document"], pair["second_statement"])


def _keep(ranked: Iterable[dict[str, Any]], max_pairs: int) -> list[dict[str, Any]]:
    """The rows of one side's judged pairs, strongest first, kept greedily: each statement in at
    most ``MAX_PAIRS_PER_STATEMENT`` of them, at most ``max_pairs`` in all."""
    used: dict[tuple[str, str], int] = defaultdict(int)
    rows: list[dict[str, Any]] = []
    for pair in ranked:
        if len(rows) >= max_pairs:
            break
        first, second = (pair["first_document"], pair["first_statement"]), (pair["second_document"], pair["second_statement"])
        if used[first] >= MAX_PAIRS_PER_STATEMENT or used[second] >= MAX_PAIRS_PER_STATEMENT:
            continue
        used[first] += 1
        used[second] += 1
        rows.append(_row(pair))
    return rows


def _row(pair: dict[str, Any]) -> dict[str, Any]:
    keys = f"{(pair['first_document'], pair['first_statement'])}|{(pair['second_document'], pair['second_statement'])}"
    days = [pair["first_day"], pair["second_day"]]
    when = f"on {days[0]}" if days[0] == days[1] else f"on {days[0]} and {days[1]}"
    return {
        "id": "cx-" + hashlib.sha1(keys.encode("utf-8")).hexdigest()[:12], "side": pair["side"],
        "kind": pair["kind"], "explanation": f"{pair['explanation'][:-1]} ({when}, in two articles).",
        "score": pair["score"], "statement_ids": [pair["first_statement"], pair["second_statement"]],
        "document_ids": [pair["first_document"], pair["second_document"]], "days": days,
    }
