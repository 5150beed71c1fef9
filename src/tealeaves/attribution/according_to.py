""""According to X" and the other prepositional cues of the lexicon."""

from __future__ import annotations

from typing import Optional

from spacy.tokens import Doc, Token
from spacy.tokens import Span as TokenSpan

from tealeaves.attribution.content import around_parenthesis, content_outside, cue_clause
from tealeaves.attribution.cues import is_cue
from tealeaves.attribution.draft import Draft
from tealeaves.attribution.patterns import matches
from tealeaves.attribution.speaker import can_be_cited, can_speak, mention_span, mention_tokens, relays_words
from tealeaves.lexicon import Lexicon


def prepositional_drafts(doc: Doc, sent: TokenSpan, s_index: int, paragraph: int, lex: Lexicon) -> list[Draft]:
    """'According to the harbour master, the ferry left late': each prepositional cue of the
    lexicon (the "according to" pattern of data/patterns.yaml) names its object as the source
    of the rest of the sentence."""
    drafts = []
    for match in matches("according to", doc, sent, lex):
        first, last = match["first"], match["last"]
        if relays_words(first):
            continue  # "X was quoted by the agency as saying …": X's words, the verb rules' statement
        speaking = channel_cue(first, lex)
        objects = [c for c in last.children if c.dep_ == "pobj"]
        source, mention = (objects[0], None) if objects else _unparsed_object(sent, last)
        apposed = _subject_taken_for_apposition(objects[0], first.head, lex) if objects else None
        channel = {t.i for t in first.subtree}
        if apposed is not None:  # the cue verb rules found no subject to give the words to
            drafts.append(_speaker_draft(doc, sent, s_index, paragraph, first.head, channel, apposed))
            mention = _without_apposition(doc, objects[0])
        elif speaking is not None and is_cue(speaking, lex) is None:
            # the speaker's own words, which the cue verb rules passed over; the channel's
            # report of them stays a statement of its own (PolNeAR annotates both)
            drafts.append(_speaker_draft(doc, sent, s_index, paragraph, speaking, channel))
        if source is None or not can_be_cited(source, lex) or _speakers_own(source):
            continue
        mention = mention or mention_span(doc, source)
        named_last = doc.char_span(*mention, alignment_mode="expand")[-1].i
        phrase_tokens = set(range(first.i, (named_last if apposed is not None else max(source.right_edge.i, named_last)) + 1))
        content = content_outside(doc, sent, phrase_tokens)
        halves = around_parenthesis(doc, sent, phrase_tokens)  # "X rose, according to Y, and Z fell"
        drafts.append(Draft(start=sent.start_char, end=sent.end_char, sent_index=s_index, paragraph=paragraph,
                            cue=(first.idx, last.idx + len(last)), subject=source, mention=mention,
                            content=halves or ([content] if content else []), confidence=0.85))
    return drafts


def channel_cue(preposition: Token, lex: Lexicon) -> Optional[Token]:
    """The speech cue an "according to" phrase names the channel of, or None: 'Roe said on
    Saturday, according to the Daily Planet, that …', '“…,” Roe said, according to the Planet',
    'According to the Planet, Roe said …'. Inside the cue's reported clause, after its first
    words ('Roe said that, according to the Planet, talks …'), the phrase is part of what the
    speaker reported."""
    head = preposition.head
    if _speaking_cue(head, lex):
        return head
    if head.dep_ != "ccomp" or not _speaking_cue(head.head, lex):
        return None
    phrase = {t.i for t in preposition.subtree}
    reported = [t.i for t in head.subtree if t.i not in phrase and not t.is_punct]
    return head.head if reported and max(phrase) < min(reported) else None


def _speaker_draft(doc: Doc, sent: TokenSpan, s_index: int, paragraph: int, cue: Token, channel: set[int],
                   subject: Optional[Token] = None) -> Draft:
    """The statement of a speech cue the cue verb rules passed over because its channel names
    it: the speaker is the cue's subject, the words its reported clause or quote (which,
    being the innermost content, owns the quote over the channel's report)."""
    subject = subject or next(c for c in cue.children if c.dep_ in ("nsubj", "nsubjpass"))
    reported = {t.i for c in cue.children if c.dep_ in _reported_deps(cue) for t in c.subtree} - channel
    inside = {t.i for t in sent} - reported if reported else cue_clause(cue, subject) | channel  # "A, X said, according to Y"
    content = content_outside(doc, sent, inside)
    return Draft(start=sent.start_char, end=sent.end_char, sent_index=s_index, paragraph=paragraph,
                 cue=(cue.idx, cue.idx + len(cue)), subject=subject, mention=mention_span(doc, subject),
                 content=[content] if content else [], confidence=0.85)


def _subject_taken_for_apposition(source: Token, verb: Token, lex: Lexicon) -> Optional[Token]:
    """'According to Radio Nord, the head of the delegation said …' parsed with the head
    apposed to the channel: an apposition that ends where a speech verb with no subject
    begins is that verb's subject."""
    if lex.cue_senses.get(verb.lemma_.lower()) != "speech" or any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        return None
    return next((c for c in source.children if c.dep_ == "appos" and c.right_edge.i + 1 == verb.i and can_speak(c, lex)), None)


def _speakers_own(source: Token) -> bool:
    """'according to our information', 'according to my sources': a speaker's own words (a
    quote or a paragraph after "declared:"), never the writer's citation of a source."""
    return any(c.dep_ == "poss" and c.lower_ in ("our", "my") for c in source.children)


def _without_apposition(doc: Doc, source: Token) -> tuple[int, int]:
    """Character range of a source's own phrase, without what is apposed to it."""
    start, end = mention_tokens(source)
    return doc[start].idx, doc[end - 1].idx + len(doc[end - 1])


def _speaking_cue(token: Token, lex: Lexicon) -> bool:
    """A speech verb reporting a clause or an appeal, or set inside the words it reports ("A, Roe
    said"), with a subject that can speak ("Roe said that …", "Roe urged the city to wait"; not
    "Vos mocked rivals", whose words the phrase's source reports)."""
    return token.pos_ in ("VERB", "AUX") and lex.cue_senses.get(token.lemma_.lower()) == "speech" \
        and (token.dep_ == "parataxis" or any(c.dep_ in _reported_deps(token) for c in token.children)) \
        and any(c.dep_ in ("nsubj", "nsubjpass") and can_speak(c, lex) for c in token.children)


def _reported_deps(cue: Token) -> tuple[str, ...]:
    """The dependents that hold a speech verb's words: its clause ("said that …"), else, for an
    appeal to someone to act ("urged the city to wait"), the one appealed to and the act."""
    deps = {c.dep_ for c in cue.children if c.i > cue.i}
    if {"dobj", "xcomp"} <= deps and not deps & {"ccomp", "parataxis"}:
        return ("dobj", "xcomp")
    return ("ccomp", "parataxis")


def _unparsed_object(sent: TokenSpan, preposition: Token) -> tuple[Optional[Token], Optional[tuple[int, int]]]:
    """'according to ferry staff' parsed as a verb and its object, or 'the I.M.O.' left
    hanging: the words after the preposition up to the next punctuation are the source, and
    their last noun its head."""
    words = []
    for token in sent[preposition.i + 1 - sent.start :]:
        if token.is_punct and token.text != "-" or token.is_space:
            break
        words.append(token)
    nouns = [t for t in words if t.pos_ in ("NOUN", "PROPN")]
    if not nouns or any(t.pos_ in ("AUX", "ADP", "SCONJ", "PRON") for t in words):
        return None, None
    return nouns[-1], (words[0].idx, words[-1].idx + len(words[-1]))
