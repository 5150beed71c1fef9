"""Which words report what someone said, thinks or wants: the lexicon's senses, their
constraints (a clause, a particle) and the cue model's verdict."""

from __future__ import annotations

from typing import Optional

from spacy.tokens import Token

from tealeaves.attribution.channels import reported_by_channel
from tealeaves.attribution.content import ANAPHORIC_CONTENT, as_clause, calls_for_or_names
from tealeaves.attribution.draft import clause_depth
from tealeaves.attribution.speaker import (
    NOT_PREDICATE_DEPS,
    SUBJECT_DEPS,
    agent_of,
    can_speak,
    conjoined_to_reporter,
    issuer_of_document,
    misparsed_main_verb,
    name_compounded_on,
    no_speaker,
    quoting_verb,
    relays_words,
    said_by_who,
    source_of,
)
from tealeaves.cue_schema import CueConstraint
from tealeaves.lexicon import Lexicon
from tealeaves.nlp.cue_model import cue_features
from tealeaves.words import word_map

LEMMA_REPAIRS = word_map("lemma_repairs")

def is_cue(token: Token, lex: Lexicon) -> Optional[str]:
    """The sense of a cue verb, or None. A listed verb in a use the rules rule out stays out;
    any other verb with a subject that can be a source goes to the cue model, which keeps or
    drops it (the lexicon's sense is one of its features). A kept verb the lexicon does not
    list is a "stance" cue ("pushed for early elections", "accepted the demands")."""
    sense = _lexicon_cue(token, lex)
    if lex.cue_model is None:
        return sense
    listed = lex.cue_senses.get(LEMMA_REPAIRS.get(token.lower_, token.lemma_.lower()))
    if sense is None and listed not in (None, "impression"):
        return None  # a listed verb in a use the rules rule out: "welcomed the minister to Vienna"
    example = cue_example(token, lex)
    if example is None or (sense is not None and (quoting_verb(token) is not None or issuer_of_document(token) is not None
                                                  or conjoined_to_reporter(token) is not None
                                                  or reported_by_channel(token, lex))):
        return sense  # "X was quoted as saying … by the agency", "X issued a statement saying …", "X said A but also
        # warned that B" (the parser hung "warned" on A), "the Wire reports X condemned B": whatever the model makes of the parse
    return (sense or "stance") if lex.cue_model.accepts(example[0]) else None


def cue_example(token: Token, lex: Lexicon) -> Optional[tuple[list[str], Token]]:
    """What the cue model reads of a candidate verb (its features) and its source, or None:
    one function for training (``tools/train_cue_model.py``) and use."""
    source = cue_candidate(token)
    if source is None:
        return None
    lemma = LEMMA_REPAIRS.get(token.lower_, token.lemma_.lower())
    speaks = can_speak(source, lex) or said_by_who(token)  # "a surveyor who said ...": whatever the noun
    return cue_features(token, lemma, lex.cue_senses.get(lemma), source, speaks, clause_depth(token)), source


def cue_candidate(token: Token) -> Optional[Token]:
    """The source a verb would report for, when the cue model should judge it: the "by" agent
    or the subject of a verb (not a modifier or an auxiliary), never "nobody" or an expletive "it"."""
    if not (token.pos_ == "VERB" or _verb_tagged_as_noun(token)) or token.dep_ in NOT_PREDICATE_DEPS:
        return None
    subject = source_of(token)
    if subject is None or no_speaker(subject):
        return None
    return subject


def _verb_tagged_as_noun(token: Token) -> bool:
    """'But Mills claims that …' tagged as a noun: a sentence's root "noun" with a subject and a
    that-clause of its own is a verb."""
    children = {c.dep_ for c in token.children}
    return token.pos_ == "NOUN" and token.dep_ == "ROOT" and "ccomp" in children and (
        bool(children & set(SUBJECT_DEPS)) or name_compounded_on(token) is not None)


def _lexicon_cue(token: Token, lex: Lexicon) -> Optional[str]:
    """The sense the cue lexicon and the rules give a verb, or None."""
    if not (token.pos_ in ("VERB", "AUX") or _verb_tagged_as_noun(token)) or token.dep_ in NOT_PREDICATE_DEPS:
        return None
    by_agent = agent_of(token) is not None  # "was criticized by the opposition": the agent speaks
    if token.tag_ == "VBN" and not any(c.dep_ in ("aux", "nsubj") for c in token.children) and not misparsed_main_verb(token) and not by_agent:
        return None  # "Asked about the strike" (see question_drafts), "quoted by" ("she noted that" is a mistagged past)
    if any(c.dep_ == "auxpass" for c in token.children) and not by_agent:
        return None  # "he was told that ..."
    lemma = LEMMA_REPAIRS.get(token.lower_, token.lemma_.lower())
    if relays_words(token):
        return None  # "the agency quoted the minister as saying …": the minister's statement
    sense = lex.cue_senses.get(lemma)
    if sense is None or sense == "impression":
        return None  # an impression has no speaker: see impression_drafts
    constraint = lex.cue_constraints.get(lemma)
    if constraint is not None and not any(_meets(name, token, constraint, lex) for name in constraint.requires):
        return None  # "maintaining the suspense", "pointed the gun": see cues.yaml
    return sense


def _reports_a_clause(cue: Token) -> bool:
    """'maintained that ...', 'added: “…”', '“…,” she added', or 'maintained otherwise' (a word
    standing for the clause): words, not a thing."""
    return cue.dep_ in ("parataxis", "ccomp") or any(
        c.dep_ in ("ccomp", "parataxis") or (c.dep_ == "punct" and c.text in ":")
        or (c.dep_ == "advmod" and c.i > cue.i and c.lower_ in ANAPHORIC_CONTENT) for c in cue.children)


def _meets(requirement: str, cue: Token, constraint: CueConstraint, lex: Lexicon) -> bool:
    """Whether a cue verb meets one requirement of its constraint (cue_schema.REQUIREMENTS)."""
    if requirement == "clause":
        return _reports_a_clause(cue)
    if requirement == "as_clause":
        return as_clause(cue)
    if requirement == "as_phrase":
        return _as_complement(cue)
    if requirement == "particle":
        return any(c.dep_ in ("prt", "prep") and c.lower_ in constraint.particles for c in cue.children)
    if requirement == "reason_for":
        return any(c.dep_ == "prep" and c.lower_ == "for" for c in cue.children)
    if requirement == "infinitive":
        return any(c.dep_ == "xcomp" and c.i > cue.i for c in cue.children)
    if requirement == "prepositional_clause":
        return any(c.dep_ == "prep" and any(g.dep_ == "pcomp" for g in c.children) for c in cue.children)
    if requirement == "thing_object":
        return any(c.dep_ == "dobj" and not can_speak(c, lex) for c in cue.children)
    return calls_for_or_names(cue)  # call_for_or_name


def _as_complement(cue: Token) -> bool:
    """'see the plan as unfair': an "as" phrase after the verb, on it or on one of its complements."""
    return any(t.lower_ == "as" and t.i > cue.i for c in cue.children if c.dep_ != "nsubj" for t in (c, *c.children))
