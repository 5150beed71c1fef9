"""Corpus aggregates kept on ingest, so that a view costs the same at a thousand documents as at
a million: counts per side, day and signal code, documents per outlet and day, coherence per
side per day, position headings, mixed messages, and per-actor summaries.

Each table is keyed by text columns ('' where a value is missing, so keys are never NULL) and
holds sums. ``Store.add`` adds a document's ``contributions`` and ``Store`` subtracts those of
the copy it replaces or deletes, in that document's own transaction; ``rebuild`` makes them
again from the stored rows (``tealeaves reindex``, for stores made before they existed).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any, Iterable, Optional

from tealeaves.analysis.positions import heading_of
from tealeaves.models import OBSERVER_CODE, Actor, DocumentResult, is_observer

# The voice a statement counts for in the signal mix: the speaker's side, or one of these.
OBSERVERS = "observers"
NO_SIDE = "no side"  # a party the text gives no side (a candidate, a company)
UNATTRIBUTED = "unattributed"
UNCODED = "uncoded"

# table -> (key columns, summed columns); the first summed column is the table's count: a row
# whose count falls to 0 is removed.
TABLES: dict[str, tuple[tuple[str, ...], tuple[tuple[str, type], ...]]] = {
    "agg_documents": (("outlet", "day", "status", "language"),
                      (("documents", int), ("statements", int), ("mixed_messages", int), ("standoffs", int),
                       ("warnings", int))),
    "agg_statements": (("side", "voice", "day", "signal"), (("statements", int),)),
    "agg_coherence": (("side", "day"), (("documents", int), ("coherence", float))),
    "agg_positions": (("side", "heading"), (("statements", int),)),
    "agg_mixed": (("side", "kind"), (("mixed_messages", int),)),
    "agg_actors": (("actor_id",), (("documents", int), ("statements", int))),
    "agg_actor_values": (("actor_id", "field", "value"), (("documents", int),)),
    "agg_name_sides": (("name", "side"), (("documents", int),)),
    # statements of speakers with no side, by actor id, for a side learned later (store.sides_backfill)
    "agg_sideless": (("actor_id", "day", "signal"), (("statements", int),)),
    "agg_sideless_positions": (("actor_id", "heading"), (("statements", int),)),
}
BACKFILL_TABLES = ("agg_sideless", "agg_sideless_positions")  # added after the others (a later migration)
# What ``agg_actor_values`` counts per actor id: the documents that gave it each name, kind,
# role, side and alias (``Store.corpus_actors`` merges ids from these).
ACTOR_FIELDS = ("name", "kind", "role", "side", "alias")

Changes = dict[str, dict[tuple[str, ...], list[float]]]


def _q(name: str) -> str:
    return f'"{name}"'


def voice(actor: Optional[Actor]) -> str:
    """The side a statement of this speaker counts for: its side, ``observers`` (analysts,
    journalists), ``no side`` or ``unattributed``."""
    if actor is None:
        return UNATTRIBUTED
    if is_observer(actor):
        return OBSERVERS
    return actor.side or NO_SIDE


def create(db: Any, tables: Iterable[str] = tuple(TABLES)) -> None:
    """Create the aggregate tables (a migration)."""
    for table, (keys, values) in ((t, TABLES[t]) for t in tables):
        columns = [f'"{k}" TEXT NOT NULL' for k in keys]
        columns += [f'"{name}" {db.types[kind]} NOT NULL' for name, kind in values]
        keylist = ", ".join(f'"{k}"' for k in keys)
        db.execute(f'CREATE TABLE "{table}" ({", ".join(columns)}, PRIMARY KEY ({keylist}))')


def contributions(result: DocumentResult, document: dict[str, Any]) -> Changes:
    """What one document adds to every aggregate; ``document`` is its stored row (day,
    status, outlet, language)."""
    changes: Changes = defaultdict(dict)

    def add(table: str, key: tuple[str, ...], *values: float) -> None:
        row = changes[table].get(key)
        if row is None:
            changes[table][key] = list(values)
        else:
            for i, value in enumerate(values):
                row[i] += value

    day = document.get("day") or ""
    add("agg_documents", (document.get("outlet") or "", day, document.get("status") or "",
                          document.get("language") or ""),
        1, len(result.statements), len(result.mixed_messages), len(result.standoffs), len(result.warnings))
    actors = {a.id: a for a in result.actors}
    spoken: Counter[str] = Counter()
    for statement in result.statements:
        actor = actors.get(statement.speaker_id) if statement.speaker_id else None
        spoken[statement.speaker_id or ""] += 1
        add("agg_statements", ((actor.side or "") if actor else "", voice(actor), day,
                               statement.signal or UNCODED), 1)
        if voice(actor) == NO_SIDE and actor is not None and statement.signal != OBSERVER_CODE:
            add("agg_sideless", (actor.id, day, statement.signal or UNCODED), 1)
            if (heading := heading_of(statement)) is not None:
                add("agg_sideless_positions", (actor.id, heading), 1)
    for side, value in result.coherence.items():
        add("agg_coherence", (side, day), 1, value)
    for side, headings in result.positions.get("sides", {}).items():
        for heading, ids in headings.items():
            add("agg_positions", (side, heading), len(ids))
    for message in result.mixed_messages:
        add("agg_mixed", (message.side, message.kind), 1)
    for actor in result.actors:
        add("agg_actors", (actor.id,), 1, spoken[actor.id])
        for field, value in _actor_values(actor):
            add("agg_actor_values", (actor.id, field, value), 1)
    for name, side in {(a.name, a.side or "") for a in result.actors}:
        add("agg_name_sides", (name, side), 1)
    return changes


def _actor_values(actor: Actor) -> Iterable[tuple[str, str]]:
    yield "name", actor.name
    yield "kind", actor.kind
    if actor.role:
        yield "role", actor.role
    if actor.side:
        yield "side", actor.side
    for alias in set(actor.aliases):
        yield "alias", alias


def merge(total: Changes, more: Changes) -> None:
    """Add ``more`` into ``total`` (for ``rebuild``, which writes each row once)."""
    for table, rows in more.items():
        into = total.setdefault(table, {})
        for key, values in rows.items():
            if key in into:
                into[key] = [a + b for a, b in zip(into[key], values, strict=True)]
            else:
                into[key] = list(values)


def apply(db: Any, changes: Changes, sign: int) -> None:
    """Add (sign 1) or subtract (sign -1) contributions, in the caller's transaction."""
    for table, rows in changes.items():
        keys, values = TABLES[table]
        names = [*keys, *(name for name, _ in values)]
        sums = ", ".join(f'{_q(n)} = {_q(table)}.{_q(n)} + excluded.{_q(n)}' for n, _ in values)
        upsert = (f'INSERT INTO {_q(table)} ({", ".join(map(_q, names))}) VALUES ({", ".join("?" * len(names))}) '
                  f'ON CONFLICT ({", ".join(map(_q, keys))}) DO UPDATE SET {sums}')
        drop = (f'DELETE FROM {_q(table)} WHERE {" AND ".join(f"{_q(k)} = ?" for k in keys)} '
                f'AND {_q(values[0][0])} <= 0')
        db.execute_many(upsert, [[*key, *(sign * a for a in amounts)] for key, amounts in rows.items()])
        if sign < 0:
            db.execute_many(drop, [list(key) for key in rows])


def clear(db: Any) -> None:
    """Empty every aggregate table (in the caller's transaction, before ``rebuild`` fills them)."""
    for table in TABLES:
        db.execute(f'DELETE FROM "{table}"')
