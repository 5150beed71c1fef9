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

The result is recomputed over the whole store after each ingest and stored in place of the
earlier one (``Store.replace_cross_mixed_messages``).
"""

from __future__ import annotations

import bisect
import dataclasses
import hashlib
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any, Iterator, Optional

from tealeaves import tables
from tealeaves.analysis.mixed import find_mixed_messages
from tealeaves.analysis.wording import disclaims_hostility, keywords, party_statements
from tealeaves.codebook import codebook
from tealeaves.models import Actor, Span, Statement
from tealeaves.store.core import ANALYSED, Store, _names

CROSS_WINDOW_DAYS = 7
MAX_PAIRS_PER_SIDE = 200
MAX_PAIRS_PER_STATEMENT = 1
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
    """Rows of ``Store.replace_cross_mixed_messages``: per side, strongest first."""
    by_side: dict[str, list[Said]] = defaultdict(list)
    for said in _coded_party_statements(store):
        by_side[said.actor.side].append(said)
    rows = []
    for side in sorted(by_side):
        rows += _side_pairs(side, by_side[side], window_days, max_pairs)
    return rows


def _coded_party_statements(store: Store) -> Iterator[Said]:
    """Coded statements of analysed, dated documents whose speaker speaks for a side."""
    actors = {(row["document_id"], row["id"]): tables.record_from_row("actors", row) for row in store.db.query(
        f'SELECT {_names("actors")} FROM actors WHERE "side" IS NOT NULL')}
    rows = store.db.query(
        f'SELECT {_names("statements", "s")}, d."day" AS day FROM statements s '
        'JOIN documents d ON d."id" = s."document_id" '
        'WHERE d."status" = ? AND d."day" IS NOT NULL AND s."signal" IS NOT NULL '
        'ORDER BY d."day", s."document_id", s."pk"', (ANALYSED,))
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


def _candidate_pairs(said: list[Said], window_days: int) -> set[tuple[int, int]]:
    """Index pairs (i < j) of statements in different documents, at most ``window_days`` apart,
    whose codes fit one kind of mixed message and that share a block (or whose softer half
    disclaims hostility, which pairs it with any statement of the other half)."""
    ordinals = [date.fromisoformat(s.day).toordinal() for s in said]  # ``said`` is in day order
    codes = [_possible_codes(s.statement) for s in said]
    blocks = [_blocks(s.statement) for s in said]
    pairs: set[tuple[int, int]] = set()
    for opposition in codebook().oppositions:
        rights = [j for j, c in enumerate(codes) if opposition.hard in c]
        by_block: dict[tuple[str, str], list[int]] = defaultdict(list)  # block -> rights, in day order
        for j in rights:
            for block in blocks[j]:
                by_block[block].append(j)
        days_of = {block: [ordinals[j] for j in members] for block, members in by_block.items()}
        every = (rights, [ordinals[j] for j in rights])
        for i in (i for i, c in enumerate(codes) if opposition.soft in c):
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


def _side_pairs(side: str, said: list[Said], window_days: int, max_pairs: int) -> list[dict[str, Any]]:
    """The kept cross-document mixed messages of one side."""
    judged = []
    for i, j in _candidate_pairs(said, window_days):
        if (message := _judge(said[i], said[j])) is not None:
            first, second = (said[i], said[j]) if message.statement_ids[0] == said[i].statement.id else (said[j], said[i])
            judged.append((message, first, second))
    judged.sort(key=lambda m: (-m[0].score, m[1].day, m[1].key, m[2].key))
    used: dict[tuple[str, str], int] = defaultdict(int)
    rows = []
    for message, first, second in judged:
        if len(rows) >= max_pairs:
            break
        if used[first.key] >= MAX_PAIRS_PER_STATEMENT or used[second.key] >= MAX_PAIRS_PER_STATEMENT:
            continue
        used[first.key] += 1
        used[second.key] += 1
        rows.append(_row(side, message, first, second))
    return rows


def _row(side: str, message: Any, first: Said, second: Said) -> dict[str, Any]:
    keys = f"{first.key}|{second.key}"
    when = f"on {first.day}" if first.day == second.day else f"on {first.day} and {second.day}"
    return {
        "id": "cx-" + hashlib.sha1(keys.encode("utf-8")).hexdigest()[:12], "side": side, "kind": message.kind,
        "explanation": f"{message.explanation[:-1]} ({when}, in two articles).", "score": message.score,
        "statement_ids": [first.statement.id, second.statement.id],
        "document_ids": [first.document_id, second.document_id], "days": [first.day, second.day],
    }
