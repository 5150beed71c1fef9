"""How coherently each side and speaker of one article speaks, read from its mixed messages."""

from __future__ import annotations

from typing import Mapping, Sequence

from tealeaves.analysis.wording import party_statements, side_of
from tealeaves.models import Actor, MixedMessage, Statement


def coherence(statements: Sequence[Statement], actors: Mapping[str, Actor],
              mixed: Sequence[MixedMessage]) -> tuple[dict[str, float], dict[str, float]]:
    """Coherence per side and per speaker of party statements, in [0, 1]: how sure it is that
    none of the mixed messages that touch them is real, each message's score read as its
    confidence:

        coherence = Π over the messages touching them of (1 − score)

    One contradiction counts whatever else the side says: a side of twenty statements with one
    pair of score 0.6 reads 0.4, not 0.94 as a share of its statements would (round six), so a
    side with one real contradiction reads clearly lower than one with none (1.0). Party
    statements are those ``party_statements`` keeps (observers never count).
    """
    party = party_statements(statements, actors)
    side = {s.id: side_of(s, actors) for s in party}
    speaker = {s.id: s.speaker_id or "" for s in party}
    sides: dict[str, float] = {side[s.id]: 1.0 for s in party}
    speakers: dict[str, float] = {speaker[s.id]: 1.0 for s in party}
    for m in mixed:
        ids = [i for i in m.statement_ids if i in side]
        for name in {side[i] for i in ids}:
            sides[name] *= 1.0 - m.score
        for name in {speaker[i] for i in ids}:
            speakers[name] *= 1.0 - m.score
    return ({k: round(v, 2) for k, v in sorted(sides.items())}, {k: round(v, 2) for k, v in sorted(speakers.items())})
