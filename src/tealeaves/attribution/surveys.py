"""What a poll or survey found: "a poll showed that ..."."""

from __future__ import annotations

from spacy.tokens import Doc
from spacy.tokens import Span as TokenSpan

from tealeaves.attribution.content import content_outside
from tealeaves.attribution.draft import Draft
from tealeaves.attribution.speaker import mention_span
from tealeaves.lexicon import Lexicon

SURVEY_NOUNS = {"poll", "survey", "study", "census", "questionnaire"}


def survey_drafts(doc: Doc, sent: TokenSpan, s_index: int, paragraph: int, lex: Lexicon) -> list[Draft]:
    """'In a new poll, 52 percent back the plan': a survey named in a phrase that opens the
    clause is the source of what the clause reports."""
    drafts = []
    for token in sent:
        if token.lower_ != "in" or token.dep_ != "prep" or token.head.pos_ not in ("VERB", "AUX") or token.i > token.head.i:
            continue
        objects = [c for c in token.children if c.dep_ == "pobj" and c.lemma_.lower() in SURVEY_NOUNS]
        if not objects:
            continue
        source = objects[0]
        content = content_outside(doc, sent, set(range(token.i, source.right_edge.i + 1)))
        drafts.append(Draft(
            start=sent.start_char, end=sent.end_char, sent_index=s_index, paragraph=paragraph,
            cue=(token.idx, token.idx + len(token)), cue_sense="evidence", subject=source,
            mention=mention_span(doc, source), content=[content] if content else [], confidence=0.7,
        ))
    return drafts
