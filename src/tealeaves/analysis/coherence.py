"""How coherently each side and speaker of one article speaks, read from its mixed messages."""

from __future__ import annotations

from collections import defaultdict
from typing import Mapping, Sequence

from tealeaves.analysis.wording import party_statements, side_of
from tealeaves.models import Actor, MixedMessage, Statement


def coherence(statements: Sequence[Statement], actors: Mapping[str, Actor],
              mixed: Sequence[MixedMessage]) -> tuple[dict[str, float], dict[str, float]]:
    """Coherence per side and per speaker, in [0, 1]: one minus the share of their party
    statements caught in a mixed message, each weighed by the confidence (score) of the
    strongest message it is in:

        coherence = 1 − Σ over the statements of max(score of a message it is in, else 0) / n

    Party statements are those ``party_statements`` keeps (observers never count). One
    confident contradiction (two statements, score 0.9) among five statements reads 0.64;
    none reads 1.0; a side whose every statement is in a sure mixed message reads 0.0.
    """
    party = party_statements(statements, actors)
    caught: dict[str, float] = defaultdict(float)
    for m in mixed:
        for statement_id in m.statement_ids:
            caught[statement_id] = max(caught[statement_id], m.score)
    side_total: dict[str, list[float]] = defaultdict(list)
    speaker_total: dict[str, list[float]] = defaultdict(list)
    for s in party:
        side_total[side_of(s, actors)].append(caught[s.id])
        speaker_total[s.speaker_id or ""].append(caught[s.id])

    def read(loads: list[float]) -> float:
        return round(max(0.0, 1.0 - sum(loads) / len(loads)), 2)

    return ({side: read(v) for side, v in sorted(side_total.items())},
            {sp: read(v) for sp, v in sorted(speaker_total.items())})
