"""Impressions and passive views with nobody named: "the talks seemed to stall",
"is widely seen as a threat"."""

from __future__ import annotations

from typing import Optional

from spacy.tokens import Doc, Token
from spacy.tokens import Span as TokenSpan

from tealeaves.attribution.cues import LEMMA_REPAIRS
from tealeaves.attribution.draft import Draft, clause_depth, trim
from tealeaves.attribution.speaker import SUBJECT_DEPS, can_speak, mention_span, no_speaker
from tealeaves.lexicon import Lexicon
from tealeaves.words import word_set

IMPRESSION_COMPLEMENTS = ("xcomp", "ccomp", "acomp", "oprd", "attr")

UNNAMED_SOURCE_PASSIVES = word_set("unnamed_source_passives")


def impression_drafts(doc: Doc, sent: TokenSpan, s_index: int, paragraph: int, lex: Lexicon) -> list[Draft]:
    """'The talks seemed to stall', 'she is expected to win': how things look or are thought
    to be, with nobody named as the source. The content is the subject and its complement."""
    drafts = []
    for token in sent:
        complements = _impression_complements(token, lex)
        if not complements:
            continue
        subjects = [c for c in token.children if c.dep_ in SUBJECT_DEPS and c.tag_ not in ("WP", "WDT")]
        if any(c.dep_ in SUBJECT_DEPS and c.tag_ in ("WP", "WDT") for c in token.children):
            continue  # "what appears to be a truce" names a thing, it reports no impression
        if any(c.dep_ == "ccomp" for c in complements):  # "it appeared that …": the "it" stands for the clause
            subjects = [s for s in subjects if s.dep_ != "expl" and s.lower_ != "it"]
        draft = speakerless_draft(doc, sent, s_index, paragraph, token, token, [*subjects, *complements])
        seen_in = _seen_speaker(token, subjects, complements, lex)
        if seen_in is not None:  # "the minister seemed to endorse the plan": the minister's stance, as it looked
            draft.subject, draft.mention = seen_in, mention_span(doc, seen_in)
            draft.content = [c for c in (trim(doc, t.left_edge.i, t.right_edge.i + 1) for t in complements) if c]
        drafts.append(draft)
    return drafts


def _seen_speaker(verb: Token, subjects: list[Token], complements: list[Token], lex: Lexicon) -> Optional[Token]:
    """The subject of "seemed/appeared to <verb>" when it can speak (a person, body, state or
    their words: "Roe's posts seemed to contradict"): whose stance the impression is of."""
    if len(subjects) != 1 or not any(c.dep_ == "xcomp" for c in complements):
        return None
    subject = subjects[0]
    if subject.dep_ != "nsubj" or no_speaker(subject) or subject.lower_ in ("it", "this", "that"):
        return None
    return subject if can_speak(subject, lex) else None


def speakerless_draft(doc: Doc, sent: TokenSpan, s_index: int, paragraph: int, verb: Token, last: Token,
                       phrases: list[Token]) -> Draft:
    """An impression or an unnamed judgement: no speaker, a cue from ``verb``'s first
    auxiliary to ``last`` ("is widely seen", "has faced sharp criticism"), and the phrases it
    reports as its content."""
    auxiliaries = [c.i for c in verb.children if c.dep_ in ("aux", "auxpass") and c.i < verb.i]
    first = doc[min(auxiliaries + [verb.i])]
    content = [trim(doc, t.left_edge.i, t.right_edge.i + 1) for t in phrases]
    return Draft(
        start=sent.start_char, end=sent.end_char, sent_index=s_index, paragraph=paragraph,
        cue=(first.idx, last.idx + len(last)), cue_sense="impression",
        content=[c for c in content if c], confidence=0.5, depth=clause_depth(verb),
    )


def _impression_complements(token: Token, lex: Lexicon) -> list[Token]:
    """The complements that make ``token`` an impression cue, or none."""
    if token.pos_ not in ("VERB", "AUX") or token.tag_ == "VBG":
        return []  # "despite the plan seeming costly" takes the impression for granted
    lemma = LEMMA_REPAIRS.get(token.lower_, token.lemma_.lower())
    sense = lex.cue_senses.get(lemma)
    passive = any(c.dep_ == "auxpass" for c in token.children)
    if sense == "impression":  # "seemed to stall", "seems unlikely", else "seems like a fair idea"
        after = [c for c in token.children if c.i > token.i]
        return [c for c in after if c.dep_ in IMPRESSION_COMPLEMENTS] or [c for c in after if c.dep_ == "prep" and c.lower_ == "like"]
    judged = lex.unnamed_judgements.get(lemma)
    if passive and judged is not None:  # "has been criticized for its slowness", "was labeled a failure"
        if any(c.dep_ in ("agent", "neg") for c in token.children):
            return []  # "was criticized by X" names its source; "was not accused of" reports no judgement
        return [c for c in token.children
                if c.i > token.i and (c.dep_ in ("oprd", "attr") or c.dep_ == "prep" and c.lower_ in judged)]
    if passive and (sense == "belief" or lemma in UNNAMED_SOURCE_PASSIVES):
        if any(c.dep_ == "agent" for c in token.children) or lemma in DEONTIC_PASSIVES:
            return []  # "is expected by analysts to ..." names its source
        return [c for c in token.children if c.i > token.i and _passive_view_complement(c, sense)]
    return []


def _passive_view_complement(child: Token, sense: Optional[str]) -> bool:
    """What a passive of belief or report says is thought: "is expected to win", "is said to be
    urging", and for belief verbs "is seen as weak", "is considered a moderate". A bare
    participle is what was in view ("was seen sobbing", "can be seen parked")."""
    if child.dep_ == "xcomp":
        return not (child.tag_ in ("VBG", "VBN") and not any(g.tag_ == "TO" for g in child.children))
    return sense == "belief" and (child.dep_ == "oprd" or child.dep_ == "prep" and child.lower_ == "as")


DEONTIC_PASSIVES = word_set("deontic_passives")
