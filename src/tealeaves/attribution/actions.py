"""Reported material actions: what a side did ("massed troops", "imposed sanctions").

An action is a verb of ``signals.yaml``'s ``actions`` table (alone, with its particle or
with its object: "pull out", "mass troops"), stated as a fact about an actor: not negated,
not a modal or a plan ("could invade", "plans to invade"), and not inside someone's reported
words (that is a claim, coded with its statement). A passive with no agent ("two diplomats
were expelled") is a deed of someone the text does not name, and a noun of a deed verb's family
that happens ("the shelling resumed") is a deed too (``deeds.happening_deed``). Actions become
drafts like statements, so the same resolver gives them their actor.
"""

from __future__ import annotations

import dataclasses
from bisect import bisect_left, bisect_right
from typing import Optional

from spacy.tokens import Doc, Span, Token

from tealeaves.attribution.draft import Draft, clause_depth, token_at
from tealeaves.attribution.speaker import FINITE_TAGS, ISSUED_DOCUMENTS, mention_span, subject_of
from tealeaves.models import Actor, Statement
from tealeaves.nlp.text import doc_text, headline_end, paragraph_of, paragraph_starts
from tealeaves.signals.deeds import happening_deed, noun_doer, relays_deeds
from tealeaves.signals.rules import SignalLexicon, action_code
from tealeaves.words import word_set

CARRIER_VERBS = word_set("carrier_verbs")
CONTENT_NOUNS = word_set("content_nouns")
MUTE_NOUNS = word_set("mute_nouns") | word_set("event_nouns")
PRESUPPOSING = ("after", "since", "when")  # clauses of time that take their deed as done
ANNOUNCING = (None, "commit")  # codes of words that do no more than tell of a deed


def is_fact(token: Token) -> bool:
    """Reported as done: not negated, not modal, not a plan, a question, a condition or a time
    not reached ("until the talks began")."""
    if any(c.dep_ == "neg" or (c.dep_ == "aux" and c.tag_ == "MD") for c in token.children):
        return False
    if token.dep_ == "conj" and token.head.pos_ in ("VERB", "AUX") and not any(
            c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass", "mark") for c in token.children):
        return is_fact(token.head)  # "unless Ukraine paid and signed": the second verb shares the first's clause
    if token.dep_ == "xcomp" and token.head.lemma_.lower() in CARRIER_VERBS and token.head.pos_ == "VERB":
        return is_fact(token.head)  # "tried to hack" as its carrier: not "did not try", "prepared to resume"
    if token.dep_ in ("xcomp", "advcl", "pcomp", "acl") and token.head.lemma_.lower() not in CARRIER_VERBS:
        if not (token.dep_ == "advcl" and token.tag_ in FINITE_TAGS):
            return False
    if any(c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether", "until", "till", "before")
           for c in token.children):
        return False  # a condition, or a time not reached: "would stay until the talks began"
    if token.head.pos_ in ("NOUN", "PROPN") and (token.dep_ != "relcl" or token.head.lemma_.lower() in CONTENT_NOUNS):
        return False  # "the demand that NATO provide ...": a wish, not a deed
    if token.tag_ == "VB" and not any(c.dep_ == "aux" for c in token.children) and token.dep_ != "xcomp":
        return False  # bare subjunctive or imperative
    return token.sent.text.rstrip()[-1:] != "?"


def _can_act(subject: Token) -> bool:
    """People, bodies, forces and their weapons act; dates and quantities of time do not, nor
    events and dealings ("the attack killed 12": whoever attacked is not named)."""
    return subject.pos_ in ("PROPN", "PRON", "NOUN", "NUM") and subject.ent_type_ not in ("DATE", "TIME") \
        and not (subject.pos_ == "NOUN" and subject.lemma_.lower() in MUTE_NOUNS)


def _claimed(token: Token, statements: list[Draft], lex: SignalLexicon) -> bool:
    """Inside someone's words, and not a deed done or under way that a clause of time takes as
    given ("after Korla expelled ..."), or that a plain "said" / "reported" relays
    (``deeds.relays_deeds``) when the writer tells it first ("Guerrillas wounded two soldiers,
    police said") or the speaker tells of itself ("Lorn said it had expelled two envoys"). Other words
    after their cue are the speaker's account, part of that statement: "police said guerrillas
    had wounded ...", "X alleged that ...", a message "saying the crew had been detained"."""
    for draft in statements:
        spans = draft.content + [(q.start, q.end) for q in draft.quotes]
        if not any(s <= token.idx < e for s, e in spans):
            continue
        if _presupposed(token):
            return not _done(_carried_by(token))
        cue = token.doc.char_span(*draft.cue, alignment_mode="expand") if draft.cue else None
        if cue is None or draft.quotes or not relays_deeds(cue[0], lex.deed_senses) or (
                cue.start_char < token.idx and not _own_deed(token, draft)):
            return True
        return not _done(_carried_by(token))
    return False


def _own_deed(token: Token, draft: Draft) -> bool:
    """The speaker tells of its own deed ("Lorn said it had expelled two envoys", "the rebels
    said their forces had withdrawn"): its doer is a personal pronoun, owned by one ("their
    forces"), or the speaker's own name."""
    doer = subject_of(_carried_by(token))
    if doer is None or doer.dep_ == "nsubjpass":
        return False
    if doer.tag_ == "PRP" or any(c.dep_ == "poss" and c.tag_ == "PRP$" for c in doer.children):
        return True
    return draft.subject is not None and doer.lemma_.lower() == draft.subject.lemma_.lower()


def _presupposed(verb: Token) -> bool:
    """In a clause of time, or one that describes a named place or party, that takes its deed as
    given ("after Korla froze trade and expelled the envoy", "since its troops crossed", "Valdora,
    where militias have seized the port"): a fact even inside someone's words."""
    while verb.dep_ == "conj":
        verb = verb.head
    head = verb.head
    if verb.dep_ == "relcl" and head.pos_ == "PROPN" and head.i + 1 < len(head.doc) and head.nbor().text == ",":
        return True  # a clause set off to describe a named place or party: "Congo, where rebels have seized Goma"
    return verb.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in PRESUPPOSING for c in verb.children)


def _standing(verb: Token) -> bool:
    """A passive that states how things stand, not a deed done: a present tense ("they are
    banned from entering", "the border is closed") or a tally over a period ("hundreds have been
    arrested since the protests began")."""
    head = verb.head if verb.dep_ == "conj" and not any(c.dep_ == "auxpass" for c in verb.children) else verb
    auxes = [c for c in head.children if c.dep_ in ("aux", "auxpass")]
    if [a.tag_ for a in auxes] in (["VBZ"], ["VBP"]):
        return True
    perfect = any(a.lemma_ == "have" for a in auxes)
    since = any(c.lower_ == "since" for t in (head, *head.conjuncts) for c in t.children if c.dep_ in ("prep", "mark"))
    return perfect and since


def _claims_by_sentence(doc: Doc, statements: list[Draft]) -> dict[int, list[Draft]]:
    """The statements whose words (content, quotes) reach into each sentence (by its number),
    in their order: a verb is checked against those alone, not against every statement of the
    document (which made a long document's deeds quadratic: 3.5 s of 10,000 words)."""
    starts = [sentence.start_char for sentence in doc.sents]
    by_sentence: dict[int, list[Draft]] = {}
    for draft in statements:
        reached: set[int] = set()
        for start, end in draft.content + [(q.start, q.end) for q in draft.quotes]:
            reached.update(range(max(0, bisect_right(starts, start) - 1), bisect_left(starts, end)))
        for number in sorted(reached):
            by_sentence.setdefault(number, []).append(draft)
    return by_sentence


def _carried_by(token: Token) -> Token:
    """The verb that carries the tense of a deed: "tried" in "tried to hack"."""
    while token.dep_ == "xcomp" and token.head.lemma_.lower() in CARRIER_VERBS:
        token = token.head
    return token


def _done(verb: Token) -> bool:
    """Past, perfect, passive or progressive: "attacked", "has attacked", "was attacked", "is attacking"."""
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if verb.tag_ == "VBD":
        return True
    if verb.tag_ == "VBN":
        return bool(auxes)
    return verb.tag_ == "VBG" and any(a.lemma_ == "be" for a in auxes)


def find_action_drafts(doc: Doc, statements: list[Draft], lex: SignalLexicon) -> list[tuple[Draft, str]]:
    """Action drafts (``cue_sense="action"``) with their codes, in text order."""
    starts = paragraph_starts(doc_text(doc))
    headline = headline_end(doc_text(doc))
    claims = _claims_by_sentence(doc, statements)
    found = []
    coded_verbs: dict[int, str] = {}  # token index -> code of the deeds found
    for s_index, sent in enumerate(doc.sents):
        if sent.start_char >= headline:  # "Talks resume", "Fighting flares": the body reports who
            found += _happening_deeds(s_index, sent, starts, lex, claims.get(s_index, []))
        for token in sent:
            if token.pos_ != "VERB" or _claimed(token, claims.get(s_index, []), lex):
                continue
            coded = action_code(token, lex)
            if coded is None or not is_fact(token):
                continue
            subject = subject_of(token)
            if subject is not None and subject.ent_type_ in ("DATE", "TIME") and token.head.i != token.i:
                subject = subject_of(token.head)  # "spent months massing": months do not mass
            agents = [c for c in token.children if c.dep_ == "agent"]
            if agents:
                subject = next((c for c in agents[0].children if c.dep_ == "pobj"), subject)
            if subject is not None and subject.is_upper:  # a dateline "GENEVA — President X, did ..."
                subject = next((c for c in subject.children if c.dep_ == "appos"), subject)
            if subject is not None and subject.dep_ == "nsubjpass":
                if _standing(token):
                    continue  # "they are banned from entering": how things stand, no deed done
                subject = None  # "two diplomats were expelled": done by someone the text does not name
            elif subject is None or not _can_act(subject):
                continue
            code, phrase_end = coded
            if token.dep_ == "conj" and coded_verbs.get(token.head.i) == code:
                continue  # "froze trade and expelled the envoy": one sanction, reported once
            coded_verbs[token.i] = code
            end_token = doc[max(phrase_end, token.right_edge.i if token.right_edge.i < sent.end else token.i)]
            found.append((_draft(sent, s_index, starts, subject, token, doc[phrase_end], end_token), code))
    return found


def _happening_deeds(s_index: int, sent: Span, starts: list[int], lex: SignalLexicon,
                     claims: list[Draft]) -> list[tuple[Draft, str]]:
    """Deeds a noun names as the subject of a verb of happening ("the shelling of the town
    resumed", "Korlan riots continued"), stated as a fact, with the noun's doer
    (``deeds.noun_doer``, or nobody named)."""
    found = []
    for verb in sent:
        if verb.pos_ not in ("VERB", "AUX") or not is_fact(verb) or _claimed(verb, claims, lex):
            continue
        named = happening_deed(verb, lex.actions, lex.event_nouns, lex.deed_senses)
        if named is not None:
            noun, code = named
            found.append((_draft(sent, s_index, starts, noun_doer(noun), noun, noun, verb), code))
    return found


def _draft(sent: Span, s_index: int, starts: list[int], doer: Optional[Token], cue: Token, cue_end: Token,
           end: Token) -> Draft:
    """An action draft: the sentence, the deed's words from ``cue`` to ``end``, and its doer."""
    return Draft(start=sent.start_char, end=sent.end_char, sent_index=s_index,
                 paragraph=paragraph_of(sent.start_char, starts),
                 cue=(cue.idx, cue_end.idx + len(cue_end)), cue_sense="action",
                 subject=doer, mention=mention_span(cue.doc, doer) if doer is not None else None,
                 content=[(cue.idx, end.idx + len(end))], confidence=0.7, depth=clause_depth(cue))


def without_stances_on_deeds(doc: Doc, drafts: list[Draft], actions: list[tuple[Draft, str]]) -> list[Draft]:
    """The statements less those whose cue is a deed's verb: a stance ("Defiant Ruritania releases
    fisherman"), or words whose verb does a deed with its object ("ordered troops to the border",
    "ordered the envoy to leave", "announced the expulsion of two envoys"). The verb reports the
    deed, which the action row holds; a statement on it would be the same act a second time,
    coded as words. Releasing a message ("released a letter that says …", "released his plan")
    still says something, and so do words whose verb alone is the deed ("protested that ...")."""
    cues = [action.cue for action, _ in actions if action.cue is not None]
    deed_verbs = {start for start, _ in cues}
    with_object = {start for start, end in cues if end > start + len(doc[token_at(doc, start)])}  # "ordered troops"
    return [d for d in drafts if not (d.cue is not None and (
        d.cue_sense == "stance" and d.cue[0] in deed_verbs and not _delivers_message(doc[token_at(doc, d.cue[0])])
        or d.cue_sense == "speech" and d.cue[0] in with_object))]


def _delivers_message(verb: Token) -> bool:
    """Whether a verb's object is a message or document ("released a letter", "unveiled a plan")."""
    return any(c.dep_ == "dobj" and c.lemma_.lower() in ISSUED_DOCUMENTS | CONTENT_NOUNS for c in verb.children)


def with_own_deeds_told(statements: list[Statement], actors: tuple[Actor, ...]) -> list[Statement]:
    """Words that tell of the speaker's own deed, or its side's, take the deed's code (codebook D4):
    "Arvel said he had recalled his envoy" sanctions, and so does "Lorn expelled the envoy, its
    ministry said". Only words with no other code (or a commitment: the deed is done, not promised)
    are recoded; an account that also denies or accuses keeps that move."""
    side = {actor.id: actor.side for actor in actors}
    deeds = [(s.cue.start, s.speaker_id, s.signal) for s in statements if s.kind == "action" and s.cue and s.signal]
    recoded = []
    for statement in statements:
        told = next((code for start, doer, code in deeds if statement.kind != "action"
                     and statement.signal in ANNOUNCING and _same_party(statement.speaker_id, doer, side)
                     and any(c.start <= start < c.end for c in statement.content)), None)
        if told is not None:
            statement = dataclasses.replace(statement, signal=told, signals=tuple(dict.fromkeys((told, *statement.signals))))
        recoded.append(statement)
    return recoded


def _same_party(speaker: Optional[str], doer: Optional[str], side: dict[str, Optional[str]]) -> bool:
    """One actor, or two of one side."""
    if speaker is None or doer is None:
        return False
    return speaker == doer or side.get(speaker) is not None and side.get(speaker) == side.get(doer)
