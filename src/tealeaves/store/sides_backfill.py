"""Sides learned later, counted for earlier documents too.

A document that names "Heather Nauert" without saying whom she speaks for counts her statements
under no side (``aggregates.NO_SIDE``); another document, or an analyst's correction, may tell
her side. The aggregates keep each document's own reading (``agg_sideless`` and
``agg_sideless_positions`` count the statements of speakers without a side, by actor id), and
``actor_sides`` holds the side each actor id has as a corpus actor (remade with the corpus actors,
``Store.refresh_corpus_actors``). The views read ``STATEMENT_COUNTS`` and ``POSITION_COUNTS``:
the aggregates with those statements moved from no side to the side now known.
"""

from __future__ import annotations

from typing import Any, Iterable

from tealeaves.store.aggregates import NO_SIDE

ACTOR_SIDES = "actor_sides"

# agg_statements with the statements of a speaker whose side the corpus knows moved to that side
# (as a derived table: FROM {STATEMENT_COUNTS} AS c); its columns are agg_statements'.
STATEMENT_COUNTS = (
    '(SELECT "side", "voice", "day", "signal", "statements" FROM agg_statements '
    'UNION ALL SELECT b."side", b."side", s."day", s."signal", s."statements" '
    f'FROM agg_sideless s JOIN {ACTOR_SIDES} b ON b."actor_id" = s."actor_id" '
    f'UNION ALL SELECT \'\', \'{NO_SIDE}\', s."day", s."signal", -s."statements" '
    f'FROM agg_sideless s JOIN {ACTOR_SIDES} b ON b."actor_id" = s."actor_id")'
)
# The side of an actor row aliased ``a``: its own, else the side the corpus knows for its id.
ACTOR_SIDE = f'COALESCE(NULLIF(a."side", \'\'), (SELECT b."side" FROM {ACTOR_SIDES} b WHERE b."actor_id" = a."id"))'
# agg_positions with the position statements of those speakers added under the side now known.
POSITION_COUNTS = (
    '(SELECT "side", "heading", "statements" FROM agg_positions '
    'UNION ALL SELECT b."side", s."heading", s."statements" '
    f'FROM agg_sideless_positions s JOIN {ACTOR_SIDES} b ON b."actor_id" = s."actor_id")'
)


def create(db: Any) -> None:
    """The table of actor ids' corpus sides (a migration)."""
    db.execute(f'CREATE TABLE {ACTOR_SIDES} ("actor_id" TEXT PRIMARY KEY, "side" TEXT NOT NULL)')


def refresh(db: Any, corpus_actors: Iterable[dict[str, Any]]) -> None:
    """Record the side of every member id of each corpus actor that has one (in the caller's
    transaction, with the corpus actors they come from); nothing before the table's migration."""
    if not db.table_columns(ACTOR_SIDES):
        return
    sides = {member: actor["side"] for actor in corpus_actors if actor["side"] for member in actor["members"]}
    db.execute(f"DELETE FROM {ACTOR_SIDES}")
    db.execute_many(f'INSERT INTO {ACTOR_SIDES} ("actor_id", "side") VALUES (?, ?)', [list(p) for p in sides.items()])
