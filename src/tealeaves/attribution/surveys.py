"""What a poll or survey found: "a poll showed that ..."."""

from __future__ import annotations

from spacy.tokens import Doc
from spacy.tokens import Span as TokenSpan

from tealeaves.attribution.content import content_outside
from tealeaves.attribution.draft import Draft
from tealeaves.attribution.patterns import matches
from tealeaves.attribution.speaker import mention_span
from tealeaves.lexicon import Lexicon


def survey_drafts(doc: Doc, sent: TokenSpan, s_index: int, paragraph: int, lex: Lexicon) -> list[Draft]:
    """'In a new poll, 52 percent back the plan': a survey named in a phrase that opens the
    clause (the "surveys" pattern of data/patterns.yaml) is the source of what the clause
    reports; one draft per phrase, its first survey the source."""
    drafts = []
    found = sorted(matches("surveys", doc, sent, lex), key=lambda m: (m["cue"].i, m["source"].i))
    for number, match in enumerate(found):
        token, source = match["cue"], match["source"]
        if number and found[number - 1]["cue"] == token:
            continue
        content = content_outside(doc, sent, set(range(token.i, source.right_edge.i + 1)))
        drafts.append(Draft(
            start=sent.start_char, end=sent.end_char, sent_index=s_index, paragraph=paragraph,
            cue=(token.idx, token.idx + len(token)), cue_sense="evidence", subject=source,
            mention=mention_span(doc, source), content=[content] if content else [], confidence=0.7,
        ))
    return drafts
