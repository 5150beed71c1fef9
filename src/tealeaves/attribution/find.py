"""Find statements in a parsed document: cue, speaker mention, content and quotes.

Rules over spaCy's dependency parse, in three passes:
1. every reporting construction of ``SENTENCE_RULES`` (a cue verb, "according to", an
   impression, a poll, a viewpoint, a stance, a judgement, a question; a headline's cue only
   where none of them found anything), then a colon, name line or signature dash before a
   quote, gives a draft statement with its speaker mention and content span;
2. quotation spans inside or beside a draft's content become its quotes;
3. quotes nobody claimed yet are joined to the statement of the sentence before or after
   (or the previous paragraph's when a quote continues), or dropped as scare quotes when
   they are a word or two inside a sentence of the writer's own.
Speakers are resolved to actors afterwards (``tealeaves.actors``). A new construction is a
module with a function of ``SentenceFinder``'s shape, listed in ``SENTENCE_RULES``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from spacy.tokens import Doc
from spacy.tokens import Span as TokenSpan

from tealeaves.attribution.according_to import prepositional_drafts
from tealeaves.attribution.channels import drop_channel_reports
from tealeaves.attribution.draft import Draft
from tealeaves.attribution.headlines import headline_drafts
from tealeaves.attribution.impressions import impression_drafts
from tealeaves.attribution.judgements import received_judgement_drafts
from tealeaves.attribution.lines import colon_drafts, name_colon_drafts, signature_drafts
from tealeaves.attribution.nominals import nominal_drafts
from tealeaves.attribution.passes import (
    add_quoted_pieces,
    cut_at_next_speaker,
    drop_anonymity_requests,
    drop_channel_echoes,
    drop_impressions_of_chains,
    drop_listeners_and_venues,
    drop_nested_beliefs,
    drop_topic_asides,
    drop_words_said_before,
    join_pieces,
    merge_verb_chains,
    outside_quotes,
    speakers_past_datelines,
    start_content_at_colon,
)
from tealeaves.attribution.questions import question_drafts
from tealeaves.attribution.quote_owners import attach_quotes
from tealeaves.attribution.stances import stance_adjective_drafts, viewpoint_drafts
from tealeaves.attribution.surveys import survey_drafts
from tealeaves.attribution.verbs import verb_drafts
from tealeaves.lexicon import Lexicon
from tealeaves.nlp.quotes import QuoteSpan
from tealeaves.nlp.text import doc_text, paragraph_of, paragraph_starts

SentenceFinder = Callable[[Doc, TokenSpan, int, int, Lexicon], list[Draft]]


@dataclass(frozen=True)
class SentenceRule:
    """A construction that finds drafts in one sentence (doc, sentence, its index, its
    paragraph, the lexicon)."""

    name: str
    find: SentenceFinder


# Every rule runs on every sentence, in this order; drafts of the same span keep it (the sort
# by span is stable). FALLBACK runs only on a sentence where none of them found anything.
SENTENCE_RULES = (
    SentenceRule("cue verbs", verb_drafts),
    SentenceRule("according to", prepositional_drafts),
    SentenceRule("impressions", impression_drafts),
    SentenceRule("surveys", survey_drafts),
    SentenceRule("viewpoints", viewpoint_drafts),
    SentenceRule("stance adjectives", stance_adjective_drafts),
    SentenceRule("unnamed judgements", received_judgement_drafts),
    SentenceRule("questions", question_drafts),
    SentenceRule("nominal statements", nominal_drafts),
)
FALLBACK = SentenceRule("headlines", headline_drafts)


def find_drafts(doc: Doc, quotes: list[QuoteSpan], lex: Lexicon) -> list[Draft]:
    """All statements of a parsed document, as drafts in text order (speakers unresolved)."""
    text = doc_text(doc)
    starts = paragraph_starts(text)
    sentences = list(doc.sents)
    drafts: list[Draft] = []
    for s_index, sent in enumerate(sentences):
        paragraph = paragraph_of(sent.start_char, starts)
        found = [draft for rule in SENTENCE_RULES for draft in rule.find(doc, sent, s_index, paragraph, lex)]
        drafts.extend(found or FALLBACK.find(doc, sent, s_index, paragraph, lex))
    drafts = speakers_past_datelines(doc, drafts)
    drafts = drop_impressions_of_chains(merge_verb_chains(doc, drop_nested_beliefs(drafts)))
    drafts = outside_quotes(drop_channel_echoes(doc, drop_topic_asides(doc, drafts)), quotes)
    drafts = drop_channel_reports(doc, drafts, quotes, lex)
    cut_at_next_speaker(doc, drafts)
    drafts.extend(colon_drafts(doc, sentences, quotes, drafts, starts))
    drafts.extend(name_colon_drafts(doc, sentences, drafts, starts, lex))
    signed = signature_drafts(doc, quotes, starts)
    drafts.extend(signed)
    drafts.sort(key=lambda d: (d.start, d.end))
    claimed = {id(q) for d in signed for q in d.quotes}
    attach_quotes(doc, sentences, [q for q in quotes if id(q) not in claimed], drafts, starts)
    for draft in drafts:
        start_content_at_colon(text, draft)
        add_quoted_pieces(draft)
        drop_listeners_and_venues(doc, draft)
        join_pieces(text, draft)
        spans = draft.content + [(q.mark_start, q.mark_end) for q in draft.quotes]
        draft.start = min([draft.start] + [s for s, _ in spans])
        draft.end = max([draft.end] + [e for _, e in spans])
    return drop_words_said_before(doc, drop_anonymity_requests(text, [d for d in drafts if d.content or d.quotes]))
