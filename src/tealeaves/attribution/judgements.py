"""Judgements by unnamed others: "has faced criticism for", "came under fire over"."""

from __future__ import annotations

from typing import Optional

from spacy.tokens import Doc, Token
from spacy.tokens import Span as TokenSpan

from tealeaves.attribution.draft import Draft
from tealeaves.attribution.impressions import speakerless_draft
from tealeaves.attribution.speaker import SUBJECT_DEPS
from tealeaves.lexicon import Lexicon


def received_judgement_drafts(doc: Doc, sent: TokenSpan, s_index: int, paragraph: int, lex: Lexicon) -> list[Draft]:
    """'The clip has faced ridicule', 'the agency came under sharp criticism for its slowness':
    a subject that faces, draws or comes under a judgement with nobody named as its source is
    judged by unnamed others. The content is the subject and a "for" or "over" phrase."""
    drafts = []
    for verb in sent:
        noun = _received_judgement(verb, lex)
        if noun is None:
            continue
        subject = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS), None)
        if subject is None or subject.tag_ in ("WP", "WDT") or any(c.dep_ == "neg" for c in verb.children):
            continue
        holders = {verb, noun, noun.head}  # the noun's head: "under mounting criticism for …" misparsed
        reasons = [c for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ in ("for", "over")]
        reasons.sort(key=lambda c: c.i)
        drafts.append(speakerless_draft(doc, sent, s_index, paragraph, verb, noun, [subject, *reasons]))
    return drafts


def _received_judgement(verb: Token, lex: Lexicon) -> Optional[Token]:
    """The judgement noun ``verb`` receives ("faced criticism", "came under scorn"), when no
    "from" or "by" names who judges, or None."""
    if verb.pos_ != "VERB":
        return None
    lemma = verb.lemma_.lower()
    objects = [c for c in verb.children if c.dep_ == "dobj" and lemma in lex.judgement_receivers]
    for prep in (c for c in verb.children if c.dep_ == "prep" and f"{lemma} {c.lower_}" in lex.judgement_receivers):
        objects += [g for g in prep.children if g.dep_ == "pobj"]
        objects += [o for g in prep.children if g.dep_ == "pcomp" for o in g.children if o.dep_ == "dobj"]
        # "came under mounting criticism": the parser may read the adjective as a verb
    noun = next((o for o in objects if o.lower_ in lex.judgement_nouns), None)
    if noun is None or any(c.dep_ in ("prep", "agent") and c.lower_ in ("from", "by") for h in (verb, noun) for c in h.children):
        return None
    return noun
