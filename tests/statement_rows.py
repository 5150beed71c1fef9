"""Statements of a text analysed end to end, as rows a test can compare."""

from __future__ import annotations

import tealeaves


def statement_rows(text: str) -> list[tuple[str, str, list[str]]]:
    """(speaker name or "", cue text, content and quote texts) of each statement, in text order."""
    doc = tealeaves.analyze(text).documents[0]
    rows = []
    for st in sorted(doc.statements, key=lambda s: (s.start, s.end)):
        actor = doc.actor(st.speaker_id)
        rows.append((actor.name if actor else "", st.cue.text if st.cue else "",
                     [s.text for s in (*st.content, *st.quotes)]))
    return rows
