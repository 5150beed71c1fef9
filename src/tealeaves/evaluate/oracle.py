"""Gold sides and signals put into a result before its statements are read together, so the
analysis (mixed messages, standoffs, coherence) is judged on its own, apart from the errors
of the stages before it (``tealeaves eval --oracle sides,signals``)."""

from __future__ import annotations

import dataclasses
from typing import Collection, Optional

from tealeaves.evaluate.gold import GoldDocument, GoldStatement
from tealeaves.evaluate.matching import match_statements
from tealeaves.models import Actor, DocumentResult, Statement
from tealeaves.pipeline import read_together
from tealeaves.signals.coding import Encoder

ORACLE_PARTS = ("sides", "signals")


def with_gold(gold: GoldDocument, result: DocumentResult, parts: Collection[str],
              encode: Optional[Encoder] = None) -> DocumentResult:
    """The result re-read after each statement matched to a gold statement takes the gold's
    side for its speaker (``sides``) and the gold's codes (``signals``, sure as codes given by
    hand are: confidence 1). The main code stays the system's when the gold accepts it, else it
    becomes the gold's first; a statement with no speaker takes the gold's speaker so that its side can count."""
    unknown = set(parts) - set(ORACLE_PARTS)
    if unknown:
        raise ValueError(f"--oracle {','.join(sorted(unknown))}: not an oracle part; use any of "
                         f"{', '.join(ORACLE_PARTS)}, comma-separated")
    actors = {a.id: a for a in result.actors}
    gold_actors = {a.id: a for a in gold.actors}
    statements = list(result.statements)
    for is_action in (False, True):
        system = [i for i, s in enumerate(statements) if (s.kind == "action") == is_action]
        wanted = [g for g in gold.statements if (g.kind == "action") == is_action]
        for i, j in match_statements([statements[k] for k in system], wanted):
            index = system[i]
            statement = statements[index]
            if "signals" in parts and wanted[j].signals:
                statement = _gold_signals(statement, wanted[j])
            if "sides" in parts:
                statement = _gold_side(statement, wanted[j], actors, gold_actors)
            statements[index] = statement
    return read_together(dataclasses.replace(result, actors=tuple(actors.values()), statements=tuple(statements)),
                         encode)


def _gold_signals(statement: Statement, gold: GoldStatement) -> Statement:
    main = statement.signal if statement.signal in gold.signals else gold.signals[0]
    return dataclasses.replace(statement, signal=main, signals=(main, *(c for c in gold.signals if c != main)),
                               confidence=1.0)


def _gold_side(statement: Statement, gold: GoldStatement, actors: dict[str, Actor],
               gold_actors: dict[str, Actor]) -> Statement:
    """The statement with a speaker of the gold's side: its own when the sides agree, else a
    copy of it under the gold side (registered in ``actors``)."""
    truth = gold_actors.get(gold.speaker or "")
    if truth is None:
        return statement
    speaker = actors.get(statement.speaker_id or "")
    if speaker is None:
        speaker = dataclasses.replace(truth, id=f"gold:{truth.id}")
    elif speaker.side != truth.side or speaker.kind != truth.kind:
        speaker = dataclasses.replace(speaker, id=f"{speaker.id}@{truth.side}", side=truth.side, kind=truth.kind)
    actors.setdefault(speaker.id, speaker)
    return dataclasses.replace(statement, speaker_id=speaker.id)
