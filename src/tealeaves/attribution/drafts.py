"""Find statements in a parsed document: cue, speaker mention, content and quotes.

Rules over spaCy's dependency parse, in three passes:
1. every reporting cue (a cue verb, "according to", a colon or dash before a quote) gives
   a draft statement with its speaker mention and content span;
2. quotation spans inside or beside a draft's content become its quotes;
3. quotes nobody claimed yet are joined to the statement of the sentence before or after
   (or the previous paragraph's when a quote continues), or dropped as scare quotes when
   they are a word or two inside a sentence of the writer's own.
Speakers are resolved to actors afterwards (``actors.py``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

from spacy.tokens import Doc, Span as TokenSpan, Token

from tealeaves.nlp.cue_model import cue_features
from tealeaves.lexicon import Lexicon
from tealeaves.nlp.text import doc_text, paragraph_of, paragraph_starts
from tealeaves.nlp.quotes import CLOSING_TOKENS, OPENING_TOKENS, STRAIGHT, QuoteSpan, opens_quote

SUBJECT_DEPS = ("nsubj", "nsubjpass")
NOT_PREDICATE_DEPS = ("amod", "compound", "aux", "auxpass")  # a verb form used as a modifier or helper
CONTENT_DEPS = ("ccomp", "xcomp", "dobj", "attr", "oprd", "prep", "dative")
NO_SPEAKER_WORDS = {"nobody", "no one", "none", "nothing", "something", "everything", "which", "what", "that", "this"}
# Cues that report words only with a clause or a quote: "maintained that ..." is a claim,
# "maintaining the suspense" is not.
CLAUSE_ONLY_CUES = {"maintain", "continue", "read", "post", "answer", "see", "find", "know",
                    "understand", "realize", "realise", "view", "regard", "feel", "observe", "recall",
                    "add", "consider", "welcome", "thank", "advise"}
# Forms the small English model lemmatizes wrongly ("hopes" -> "hop").
LEMMA_REPAIRS = {"hopes": "hope", "hoping": "hope", "hoped": "hope", "rated": "rate"}
# Verbs that report words only with one of their particles or prepositions: "pointed out",
# "pointed to the figures", "ruled out", "weighed in", "lashed out".
PARTICLE_CUES = {"point": ("out", "to"), "rule": ("out",), "weigh": ("in",), "lash": ("out",)}
CLAUSE_PARTICLE_CUES = {"rule"}  # "ruled that the law stands"
TRIM_CHARS = " \t\n,;:—–-"
# Nouns after "according to" that name a course followed, not a source: "according to plan".
CONFORMITY_NOUNS = {"plan", "way", "evolution", "rule", "custom", "tradition", "pattern", "need", "preference",
                    "circumstance", "situation", "script", "design", "instruction", "procedure", "protocol"}
# Words that may not head an utterance's content on their own: "he said so", "said this".
NON_CONTENT_OBJECTS = {"so", "this", "that", "it", "reporters", "journalists", "them", "him", "her", "us", "me"}


@dataclass
class Draft:
    """A statement under construction (mutable while passes fill it in)."""

    start: int
    end: int
    sent_index: int
    paragraph: int
    cue: Optional[tuple[int, int]] = None
    cue_sense: str = "speech"
    subject: Optional[Token] = None  # head token of the speaker mention
    mention: Optional[tuple[int, int]] = None
    content: list[tuple[int, int]] = field(default_factory=list)
    quotes: list[QuoteSpan] = field(default_factory=list)
    inherit_from: Optional["Draft"] = None  # speaker is that statement's speaker
    confidence: float = 0.9
    speaker_id: Optional[str] = None
    depth: int = 0  # how deep the reporting clause sits in its sentence (0 = main clause)
    note: Optional[str] = None  # why this attribution is uncertain, shown as a warning

    def covers(self, start: int, end: int) -> bool:
        return any(s <= start and end <= e for s, e in self.content)


def _trim(doc: Doc, start: int, end: int) -> Optional[tuple[int, int]]:
    """Character range of tokens [start, end) without leading/trailing punctuation."""
    if end <= start or start >= len(doc):
        return None
    # The span's own text: Doc.text joins every token of the document on each access, which
    # made attribution quadratic in the document's length (issue 6, fuzzing).
    span = doc[start:end]
    text, offset = span.text, span.start_char
    s, e = 0, len(text)
    while s < e and (text[s] in TRIM_CHARS):
        s += 1
    while e > s and (text[e - 1] in TRIM_CHARS or text[e - 1] == "."):
        e -= 1
    return (offset + s, offset + e) if e > s else None


# Prepositions whose phrase belongs to a speaker's description: "the head of the union", "an
# adviser to the president", "the commission on debates", "a senator from Ohio".
MENTION_PREPOSITIONS = {"of", "at", "for", "in", "to", "on", "from", "with"}


def mention_tokens(subject: Token) -> tuple[int, int]:
    """Token range of a speaker mention: the subject's phrase without clauses or appositions."""
    keep = [subject]
    stack = [subject]
    while stack:
        token = stack.pop()
        for child in token.children:
            if child.is_space:
                continue  # a paragraph break the parser hung from a name at the end of a sentence
            if child.dep_ == "prep" and any(g.ent_type_ in ("DATE", "TIME") for g in child.children):
                continue  # "diplomats at the summit on Tuesday": when, not who
            if child.dep_ == "punct" and child.text in "-–" and child.i > subject.left_edge.i:
                pass  # "editor-in-chief"
            elif child.dep_ in ("appos", "relcl", "acl", "advcl", "punct", "cc", "conj", "prep") and token.i == subject.i:
                if not (child.dep_ == "prep" and child.i > subject.i and child.lower_ in MENTION_PREPOSITIONS):
                    continue  # but "the editor-in-chief of the Times" keeps its "of"
            keep.append(child)
            stack.append(child)
    indices = sorted(t.i for t in keep)
    # a contiguous run around the head
    start = end = subject.i
    index_set = set(indices)
    while start - 1 in index_set:
        start -= 1
    while end + 1 in index_set:
        end += 1
    return start, end + 1


def mention_span(doc: Doc, subject: Token) -> tuple[int, int]:
    """Character range of a speaker mention, with the names it is apposed or coordinated with
    ("The head of the PAC, Mike Murphy, said", "Bolton and Gorka saw")."""
    start, end = mention_tokens(subject)
    end = _source_end(subject, end)
    words = doc[start:end]
    if end < len(doc) and doc[end].text == ")" and sum(t.text == "(" for t in words) > sum(t.text == ")" for t in words):
        end += 1  # "Sen. Ana Ruiz (D-Ore.)": the bracket closes
    return doc[start].idx, doc[end - 1].idx + len(doc[end - 1])


def _source_end(head: Token, end: int) -> int:
    """Where a mention ends once the names apposed or coordinated to its head are in it."""
    for child in head.children:
        if child.i >= end and child.dep_ in ("appos", "conj"):
            end = max(end, _source_end(child, mention_tokens(child)[1]))
    return end


def subject_of(cue: Token) -> Optional[Token]:
    """The speaker of a cue verb: its subject, or the subject of the verb it hangs from."""
    reporter = _reporter_of_trailing_participle(cue)
    if reporter is not None:
        return subject_of(reporter)
    described = _object_the_participle_describes(cue)
    if described is not None:
        return described
    inverted = _inverted_parenthetical_subject(cue)
    if inverted is not None:
        return inverted
    named = _name_compounded_on(cue)
    if named is not None:
        return named
    token = cue
    for _ in range(4):
        subjects = [c for c in token.children if c.dep_ in SUBJECT_DEPS and not _quoted_after(c, token)
                    and not (token is not cue and _inside_quote_before(c, cue))]  # "“We will …,” X said": not "We"
        if len(subjects) > 1:  # a misparse: not one inside the quote before the verb, else the nearer one
            subjects = [c for c in subjects if not _quote_between(c, token)] or subjects
        if subjects:
            before = [c for c in subjects if c.i < token.i]
            subject = before[-1] if before else subjects[0]
            if subject.tag_ in ("WP", "WDT") and token.dep_ == "relcl":
                return token.head  # "Smith, who said ..." -> Smith
            return subject
        if token.dep_ in ("xcomp", "ccomp") and token.head.pos_ == "VERB":
            objects = [c for c in token.head.children if c.dep_ == "dobj" and c.i < token.i]
            if objects:
                return objects[0]  # "getting the US to agree": the US agrees
        if token.dep_ in ("conj", "advcl", "xcomp", "pcomp") and token.head.pos_ in ("VERB", "AUX"):
            token = token.head
            continue
        if token.dep_ == "dep" and token.head.pos_ == "VERB" and token.head.i < token.i and token.tag_ in FINITE_TAGS:
            token = token.head  # "X stopped, then explained how": a second verb the parser left unjoined
            continue
        if token.dep_ == "pcomp" and token.head.dep_ == "prep" and token.head.head.pos_ in ("VERB", "AUX"):
            token = token.head.head  # "After declaring ..., X warned"
            continue
        if token.dep_ == "relcl" and cue.tag_ != "VBN":
            return None
        break
    return None


def _reporter_of_trailing_participle(cue: Token) -> Optional[Token]:
    """'Vance told the radio that Ortiz had a reckless plan, adding, “…”': a participle after a
    comma, hung by the parser on the verb of a reported clause, adds to the report of the verb
    that reports that clause (Vance adds, not Ortiz)."""
    if cue.dep_ != "advcl" or not _trailing_participle(cue):
        return None
    token = cue.head
    for _ in range(4):
        if token.dep_ == "ccomp" and token.head.i < token.i and token.head.pos_ == "VERB":
            return token.head
        if token.head.i == token.i or token.dep_ not in ("conj", "ccomp", "xcomp", "advcl"):
            return None
        token = token.head
    return None


def _inverted_parenthetical_subject(cue: Token) -> Optional[Token]:
    """'The real danger, said the minister, is the river', 'The main obstacle, say engineers
    at the port, is the clay': after a comma, a cue followed by a subject that ends at a comma
    or the sentence's end speaks for that subject, wherever the parser hung it."""
    doc = cue.doc
    if cue.i == 0 or doc[cue.i - 1].text != "," or cue.tag_ == "VBG":
        return None
    for token in cue.sent:
        if token.dep_ in SUBJECT_DEPS and token.left_edge.i == cue.i + 1 and token.pos_ in ("NOUN", "PROPN"):
            end = token.right_edge.i
            if doc[end].text in (",", ".") or end + 1 < len(doc) and doc[end + 1].text in (",", "."):
                return token
    return None


def _object_the_participle_describes(cue: Token) -> Optional[Token]:
    """'the floods left most farmers fearing that …', 'heard him telling aides …': a participle
    right after its verb's object, with no comma between, tells what the object does."""
    if not _bare_participle(cue) or cue.dep_ not in ("advcl", "xcomp") or cue.head.i > cue.i:
        return None
    return next((c for c in cue.head.children if c.dep_ == "dobj" and c.right_edge.i + 1 == cue.i), None)


QUOTE_MARKS = {*OPENING_TOKENS, *CLOSING_TOKENS, STRAIGHT}
FINITE_TAGS = ("VBD", "VBZ", "VBP")


def _marks_between(first: Token, last: Token) -> list[str]:
    """The quotation marks strictly between two tokens, in order."""
    return [t.text for t in first.doc[first.i + 1 : last.i] if t.text in QUOTE_MARKS]


def _quote_between(subject: Token, verb: Token) -> bool:
    """'“… panic mode,” said X': a quotation mark between a subject and its verb."""
    return subject.i < verb.i and bool(_marks_between(subject, verb))


def _inside_quote_before(subject: Token, verb: Token) -> bool:
    """'“… We will win,” X said': the first quotation mark after the subject closes a quote
    (only a curly mark tells: straight and doubled marks open and close alike)."""
    return subject.i < verb.i and _marks_between(subject, verb)[:1] == ["”"]


def _quoted_after(subject: Token, verb: Token) -> bool:
    """'said Thursday on “Fox and Friends”': a title quoted after the verb is not its subject."""
    return subject.i > verb.i and bool(_marks_between(verb, subject))


def _relative_pronoun(cue: Token) -> Optional[Token]:
    """'Smith, who said ...': the relative pronoun that is the cue's subject, if any."""
    if cue.dep_ != "relcl":
        return None
    return next((c for c in cue.children if c.dep_ in SUBJECT_DEPS and c.tag_ in ("WP", "WDT") and c.i < cue.i), None)


def _said_by_who(cue: Token) -> bool:
    """'fishermen, who say ...': the relative pronoun "who" is someone, whatever its noun."""
    pronoun = _relative_pronoun(cue)
    return pronoun is not None and pronoun.lower_ == "who"


def _relative_pronoun_span(cue: Token) -> Optional[tuple[int, int]]:
    """The mention of a relative clause's speaker is the pronoun itself (the speaker is still
    Smith in 'Smith, who said ...', through the subject the resolver reads)."""
    pronoun = _relative_pronoun(cue)
    return (pronoun.idx, pronoun.idx + len(pronoun)) if pronoun is not None else None


def _misparsed_main_verb(cue: Token) -> bool:
    """'Beruff, a state ally, called the standards strong': the parser hung the verb on the
    sentence's only noun phrase as a modifier; that noun phrase is its subject."""
    return cue.dep_ == "acl" and cue.head.dep_ == "ROOT" and cue.head.pos_ in ("NOUN", "PROPN")


def _participle_subject(cue: Token) -> Optional[Token]:
    """The subject of a misparsed main verb, or of a participle describing a noun ("voters
    saying they want a ban", "a letter calling for talks"): the noun phrase it hangs from."""
    if _misparsed_main_verb(cue) or cue.dep_ == "acl" and cue.tag_ == "VBG" and cue.head.pos_ in ("NOUN", "PROPN", "PRON"):
        return cue.head
    return None


def _speaking_participle(cue: Token, sense: str) -> bool:
    """'..., saying the plan would fail': a speech participle speaks for the subject it hangs
    from, whatever that subject is."""
    return sense == "speech" and cue.tag_ == "VBG" and cue.dep_ == "advcl"


def _described_topic(cue: Token, subject: Token) -> Optional[Token]:
    """'“…,” he said of Jane Roe, director of X' where Jane Roe is new to the article and
    comes with an apposition: the pronoun has no antecedent of its own and the named,
    described person is the speaker the writer (or translator) meant."""
    if subject.pos_ != "PRON" or cue.lemma_ != "say":
        return None
    for prep in cue.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            for obj in prep.children:
                if obj.dep_ == "pobj" and obj.ent_type_ == "PERSON" and any(c.dep_ == "appos" for c in obj.children):
                    earlier = [t for t in cue.doc[: obj.i] if t.text == obj.text]
                    if not earlier:
                        return obj
    return None


def _no_speaker(subject: Token) -> bool:
    """'no one knows', 'nothing suggests', 'it is said': no speaker to attribute to."""
    if subject.dep_ == "expl" or subject.lower_ in NO_SPEAKER_WORDS:
        return True
    return any(c.dep_ == "det" and c.lower_ in ("no", "neither") for c in subject.children)


def _stranded_subject(cue: Token) -> Optional[Token]:
    """A finite cue the parser left without a subject: the name just before it, skipping a
    parenthetical between commas ("Putin himself, in two press conferences, did not deny")."""
    if cue.dep_ not in ("ROOT", "conj") or cue.tag_ in ("VBG", "VBN"):
        return None
    i = min([c.i for c in cue.children if c.dep_ in ("aux", "neg", "advmod") and c.i < cue.i] + [cue.i]) - 1
    doc = cue.doc
    if i >= 0 and doc[i].text == ",":
        i -= 1
        while i >= cue.sent.start and doc[i].text != ",":
            i -= 1
        i -= 1
    while i >= cue.sent.start and doc[i].lower_ in ("himself", "herself", "themselves", "itself"):
        i -= 1
    if i >= cue.sent.start and (doc[i].ent_type_ in ("PERSON", "ORG", "GPE") or doc[i].pos_ == "PROPN"):
        return doc[i]
    return None


def _inverted_subject(cue: Token) -> Optional[Token]:
    """'..., writes the editor' / 'says a source': an object after the cue is the speaker."""
    has_content_before = any(c.dep_ in ("ccomp", "parataxis") and c.i < cue.i for c in cue.children) or (
        cue.dep_ in ("parataxis", "ccomp") and cue.head.i < cue.i
    )
    if not has_content_before:
        return None
    for child in cue.children:
        if child.i > cue.i and child.dep_ in ("dobj", "attr", "npadvmod") and child.pos_ in ("PROPN", "NOUN", "PRON") and (
                child.ent_type_ not in ("DATE", "TIME")):
            return child
    return _name_after(cue)


def _name_after(cue: Token) -> Optional[Token]:
    """'“…,” said Robin Hale, half joking': the name right after the cue, wherever the parser
    hung it (here as the subject of "joking")."""
    token = cue.nbor(1) if cue.i + 1 < len(cue.doc) else None
    if token is None or token.pos_ != "PROPN" or token.ent_type_ in ("DATE", "TIME"):
        return None
    while token.dep_ == "compound" and token.head.pos_ == "PROPN" and token.head.i > token.i:
        token = token.head
    following = token.nbor(1) if token.i + 1 < len(token.doc) else None
    return token if following is None or following.is_punct else None  # not "said Mills was right"


def _is_cue(token: Token, lex: Lexicon) -> Optional[str]:
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
    if example is None:
        return sense
    return (sense or "stance") if lex.cue_model.accepts(example[0]) else None


def cue_example(token: Token, lex: Lexicon) -> Optional[tuple[list[str], Token]]:
    """What the cue model reads of a candidate verb (its features) and its source, or None:
    one function for training (``tools/train_cue_model.py``) and use."""
    source = cue_candidate(token)
    if source is None:
        return None
    lemma = LEMMA_REPAIRS.get(token.lower_, token.lemma_.lower())
    can_speak = _can_speak(source, lex) or _said_by_who(token)  # "a surveyor who said ...": whatever the noun
    return cue_features(token, lemma, lex.cue_senses.get(lemma), source, can_speak, clause_depth(token)), source


def statement_mention(doc: Doc, cue: Token, source: Token) -> tuple[int, int]:
    """The character range of a verb statement's speaker mention."""
    return _relative_pronoun_span(cue) or mention_span(doc, source)


def cue_candidate(token: Token) -> Optional[Token]:
    """The source a verb would report for, when the cue model should judge it: the "by" agent
    or the subject of a verb (not a modifier or an auxiliary), never "nobody" or an expletive "it"."""
    if not (token.pos_ == "VERB" or _verb_tagged_as_noun(token)) or token.dep_ in NOT_PREDICATE_DEPS:
        return None
    subject = _source_of(token)
    if subject is None or _no_speaker(subject):
        return None
    return subject


def _verb_tagged_as_noun(token: Token) -> bool:
    """'But Mills claims that …' tagged as a noun: a sentence's root "noun" with a subject and a
    that-clause of its own is a verb."""
    children = {c.dep_ for c in token.children}
    return token.pos_ == "NOUN" and token.dep_ == "ROOT" and "ccomp" in children and (
        bool(children & set(SUBJECT_DEPS)) or _name_compounded_on(token) is not None)


def _name_compounded_on(token: Token) -> Optional[Token]:
    """'But Trump claims that …' read as one noun, "Trump claims", with a clause of its own:
    the name is the subject."""
    if token.pos_ != "NOUN" or token.dep_ != "ROOT" or not token.tag_.endswith("S") or not any(
            c.dep_ == "ccomp" for c in token.children):
        return None
    return next((c for c in token.children if c.dep_ == "compound" and c.i == token.i - 1
                 and c.pos_ == "PROPN"), None)


def _source_of(verb: Token) -> Optional[Token]:
    """Who a verb's report would come from: its "by" agent, else its subject (or the noun a
    misparsed main verb hangs from)."""
    return agent_of(verb) or subject_of(verb) or _participle_subject(verb)


def agent_of(verb: Token) -> Optional[Token]:
    """'was endorsed by the Times', 'a penalty imposed by the bureau': the passive's doer."""
    for child in verb.children:
        if child.dep_ == "agent":
            return next((g for g in child.children if g.dep_ == "pobj"), None)
    return None


def _lexicon_cue(token: Token, lex: Lexicon) -> Optional[str]:
    """The sense the cue lexicon and the rules give a verb, or None."""
    if not (token.pos_ in ("VERB", "AUX") or _verb_tagged_as_noun(token)) or token.dep_ in NOT_PREDICATE_DEPS:
        return None
    by_agent = agent_of(token) is not None  # "was criticized by the opposition": the agent speaks
    if token.tag_ == "VBN" and not any(c.dep_ in ("aux", "nsubj") for c in token.children) and not _misparsed_main_verb(token) and not by_agent:
        return None  # "Asked about the strike" (see _question_drafts), "quoted by" ("she noted that" is a mistagged past)
    if any(c.dep_ == "auxpass" for c in token.children) and not by_agent:
        return None  # "he was told that ..."
    lemma = LEMMA_REPAIRS.get(token.lower_, token.lemma_.lower())
    sense = lex.cue_senses.get(lemma)
    if sense is None or sense == "impression":
        return None  # an impression has no speaker: see _impression_drafts
    particles = PARTICLE_CUES.get(lemma)
    if particles and not any(c.dep_ in ("prt", "prep") and c.lower_ in particles for c in token.children) and not (
            lemma in CLAUSE_PARTICLE_CUES and _reports_a_clause(token)):
        return None
    if lemma in CLAUSE_ONLY_CUES and not _reports_a_clause(token) and not _as_clause(token) and not (
            lemma in AS_CUES and _as_complement(token)) and not (lemma in GREETING_CUES and _greets_a_thing(token, lex)):
        return None
    if lemma == "call" and not _calls_for_or_names(token):
        return None
    return sense


def _reports_a_clause(cue: Token) -> bool:
    """'maintained that ...', 'added: “…”', or '“…,” she added': words, not a thing."""
    return cue.dep_ in ("parataxis", "ccomp") or any(
        c.dep_ in ("ccomp", "parataxis") or (c.dep_ == "punct" and c.text in ":") for c in cue.children)


# Verbs that greet a person (an act) or a thing (a stance): "welcomed the minister to Vienna"
# is a visit; "welcomed the ruling", "thanked the crew for their patience" are words.
GREETING_CUES = {"welcome", "thank"}


def _greets_a_thing(cue: Token, lex: Lexicon) -> bool:
    """'welcomed the ruling', 'thanked the crew for …': a thing welcomed, or a reason given."""
    if any(c.dep_ == "prep" and c.lower_ == "for" for c in cue.children):
        return True
    return cue.lemma_.lower() == "welcome" and any(c.dep_ == "dobj" and not _can_speak(c, lex) for c in cue.children)


# Belief verbs that take "X as Y": "voters see the plan as unfair", "regarded him as a rival".
AS_CUES = {"see", "view", "regard", "consider"}


def _as_complement(cue: Token) -> bool:
    """'see the plan as unfair': an "as" phrase after the verb, on it or on one of its complements."""
    return any(t.lower_ == "as" and t.i > cue.i for c in cue.children if c.dep_ != "nsubj" for t in (c, *c.children))


def _passive_content(doc: Doc, verb: Token) -> Optional[tuple[int, int]]:
    """What a passive cue reports: its subject ("the plan was criticized by ..."), or the noun
    it describes ("a penalty imposed by the bureau")."""
    subject = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    if subject is not None:
        return _trim(doc, subject.left_edge.i, subject.right_edge.i + 1)
    if verb.dep_ == "acl" and verb.head.i < verb.i:
        return _trim(doc, verb.head.left_edge.i, verb.head.i + 1)
    return None


def _opened_by(clause: Token, word: str) -> bool:
    """A clause opened by ``word`` ("for the US to take a stronger role", "as police said")."""
    return any(g.dep_ == "mark" and g.lower_ == word and g.i < clause.i for g in clause.children)


def _quoted_phrase(phrase: Token) -> bool:
    """A phrase in quotation marks, or one a quote follows at once ("called the mayor “a coward”")."""
    doc = phrase.doc
    first, after = phrase.left_edge.i, phrase.right_edge.i + 1
    return (first > 0 and doc[first - 1].text in QUOTE_MARKS or any(t.text in QUOTE_MARKS for t in doc[first : phrase.i])
            or after < len(doc) and doc[after].text in OPENING_TOKENS)


def _calls_for_or_names(cue: Token) -> bool:
    """'called for talks', 'calls on Congress to act', 'called the plan a fraud': words, not a
    phone call or a called meeting."""
    for child in cue.children:
        if child.dep_ in ("prt", "prep", "mark") and child.lower_ in ("for", "on"):
            return True
        if child.dep_ in ("oprd", "ccomp", "xcomp"):
            return True
        if child.dep_ in ("advcl", "ccomp") and _opened_by(child, "for"):
            return True  # "calling for the US to take a stronger role"
        if child.dep_ == "dobj" and any(g.dep_ == "appos" and g.i > child.i for g in child.children):
            return True  # "called his actions “a crucial step”"
        if child.dep_ == "dobj" and _quoted_phrase(child):
            return True  # "called the marchers “vandals”" (the name parsed as the object)
    return False


def _content_from_children(doc: Doc, cue: Token, subject: Optional[Token]) -> Optional[tuple[int, int]]:
    """The content a cue governs to its right: that-clause, object, 'of' phrase..."""
    children = [c for c in cue.children if c.i > cue.i and c.dep_ in CONTENT_DEPS and (subject is None or c.i != subject.i)]
    children = [c for c in children if not (c.dep_ in ("dobj", "dative") and c.lower_ in NON_CONTENT_OBJECTS)]
    children = [c for c in children if not (c.dep_ == "prep" and c.lower_ in ("in", "at", "on", "during", "after", "before", "since", "with", "by")
                                            and not (any(g.dep_ == "pcomp" for g in c.children) and c.lower_ not in TIME_PREPOSITIONS)
                                            and not (c.lower_ == "with" and cue.lemma_.lower() in AGREEMENT_CUES))]
    children = [c for c in children if not (c.dep_ == "prep" and c.lower_ == "about" and cue.lemma_.lower() not in TOPIC_CUES | AGREEMENT_CUES)]
    children = [c for c in children if not _said_from_a_place(c)]
    children += [c for c in cue.children if c.i > cue.i and c.dep_ == "advcl" and _opened_by(c, "for")]  # "calls for X to act"
    children += _clauses_on_venue(cue)
    children += [c for c in cue.children if _unmarked_report(cue, c)]
    if cue.lemma_.lower() == "thank" and any(c.lower_ == "for" for c in children):
        children = [c for c in children if c.lower_ == "for"]  # "thanked the crew for their patience": who is thanked is no words
    clause = next((c for c in children if c.dep_ == "ccomp"), None)
    if clause is not None:  # "told the Post that ...", "warned allies that ...": who heard it is not what was said
        children = [c for c in children if not (c.i < clause.i and _listener(c))]
    elif any(c.dep_ in ("ccomp", "parataxis") and c.i < cue.i for c in cue.children):
        children = [c for c in children if not _listener(c)]  # "The plan is dead, she told the Post"
    if not children:
        return None
    first = min(c.left_edge.i for c in children)
    last = max(c.right_edge.i for c in children)
    return _trim(doc, first, last + 1)


def _said_from_a_place(child: Token) -> bool:
    """'reported from Lagos', 'spoke from Geneva': where the words came from, not what they said."""
    return child.dep_ == "prep" and child.lower_ == "from" and any(
        g.dep_ == "pobj" and g.ent_type_ in ("GPE", "LOC", "FAC") for g in child.children)


def _unmarked_report(cue: Token, child: Token) -> bool:
    """'X said after the talks he would resign': a clause with its own subject and tense, no
    "if" or "when" before it, that the parser hung from a speech verb as a modifier."""
    if child.dep_ != "advcl" or child.i < cue.i or cue.lemma_.lower() not in UNMARKED_REPORT_VERBS:
        return False
    kids = list(child.children)
    finite = child.tag_ in FINITE_TAGS or any(k.dep_ == "aux" and k.tag_ == "MD" for k in kids)
    opened = any(k.dep_ == "mark" or k.tag_ == "WRB" for k in kids)  # "if", "because", "when", "where"
    return finite and any(k.dep_ in ("nsubj", "nsubjpass") for k in kids) and not opened


def _clauses_on_venue(cue: Token) -> list[Token]:
    """'says in a letter that the quay will close', 'said during a briefing that …': the
    that-clause the parser hung on the statement, letter or briefing the words came in."""
    return [clause for prep in cue.children if prep.dep_ == "prep" and prep.i > cue.i and prep.lower_ in ("in", "on", "during", "at")
            for venue in prep.children if venue.dep_ == "pobj"
            for clause in venue.children if clause.dep_ in ("acl", "ccomp", "relcl") and _opened_by(clause, "that")]


TIME_PREPOSITIONS = {"during", "after", "before", "since"}  # "said after reading the plan": when, not what


# Cues whose "about" phrase is what was said ("talked about the drought"); "argued about
# the dividend" names a dispute, not words.
AGREEMENT_CUES = {"agree", "disagree", "side", "concur"}  # "agreed with the mayor": whose view is shared is the content
TOPIC_CUES = {"talk", "speak", "write", "tweet", "post", "comment", "complain", "joke", "testify", "warn", "boast",
              "brag", "remark", "speculate", "ask"}
ANAPHORIC_CONTENT = {"so", "that", "this", "it", "yes", "no", "otherwise", "much"}


def _anaphoric_content(cue: Token) -> Optional[tuple[int, int]]:
    """'He said so', 'a third said yes': a word that stands for what was said."""
    for child in cue.children:
        if child.i > cue.i and child.dep_ in ("dobj", "advmod", "intj", "ccomp") and child.lower_ in ANAPHORIC_CONTENT:
            return child.idx, child.idx + len(child)
    return None


# Prepositions whose phrase after a cue with nothing else to report is what the words were
# about: "commented on the ruling", "lashed out at the plan", "doubled down on his claim".
# ("about" is a topic only after TOPIC_CUES: "argued about the dividend" names a dispute.)
TOPIC_PREPOSITIONS = {"on", "over", "with", "at", "against", "into", "toward", "towards", "for"}


def _topic_phrase(doc: Doc, cue: Token) -> Optional[tuple[int, int]]:
    """What a cue reports when it has no clause, quote or object: its topic phrase. A name, a
    pronoun or a date there is where, to whom or when ("on Twitter", "with him", "on Monday")."""
    for child in cue.children:
        if child.i < cue.i or child.dep_ != "prep" or child.lower_ not in TOPIC_PREPOSITIONS:
            continue
        object_ = next((g for g in child.children if g.dep_ in ("pobj", "pcomp")), None)
        if object_ is None or object_.ent_type_ or object_.pos_ in ("PRON", "PROPN"):
            continue
        return _trim(doc, child.left_edge.i, child.right_edge.i + 1)
    return None


def _as_clause(cue: Token) -> bool:
    """'…, as police have said': a cue in an "as" clause vouches for the clause it hangs on."""
    return _as_clause_tokens(cue) is not None


def _as_clause_tokens(cue: Token) -> Optional[set[int]]:
    """The tokens of the "as" clause a cue heads ("as police have said"), or None. The parser
    sometimes makes the cue the sentence's root and hangs "as" from it ("Rome, as one adviser
    pointed out, is far"): then the clause runs from "as" to the cue and its particle."""
    if cue.dep_ == "advcl" and _opened_by(cue, "as"):
        return {t.i for t in cue.subtree}
    subject = subject_of(cue)
    opener = next((c for c in cue.children if c.lower_ == "as" and c.dep_ in ("prep", "mark")
                   and subject is not None and c.i < subject.left_edge.i and subject.i < cue.i), None)
    if opener is None or (opener.i > cue.sent.start and cue.doc[opener.i - 1].text != ","):
        return None
    end = cue.i + 1
    while end < cue.sent.end and cue.doc[end].dep_ == "prt" and cue.doc[end].head.i == cue.i:
        end += 1
    return set(range(opener.i, end))


def _listener(child: Token) -> bool:
    """'told the Herald', 'warned him': an object that is someone, not a thing ("reiterated
    its demand that ...")."""
    return child.dep_ == "dative" or child.dep_ == "dobj" and (
        child.pos_ in ("PROPN", "PRON") or child.ent_type_ in ("PERSON", "ORG", "NORP", "GPE"))


def _paragraph_after_colon(doc: Doc, sent: TokenSpan, cue: Token) -> Optional[tuple[int, int]]:
    """'The governor added:' closing its paragraph: what was said is the next paragraph."""
    last = next((t for t in reversed(sent) if not t.is_space), sent[-1])
    if last.text != ":" or last.head.i != cue.i:
        return None
    text = doc_text(doc)
    start = len(text) - len(text[last.idx + 1 :].lstrip())
    if opens_quote(text, start):
        return None  # a quote: it is attached as quoted words
    end = text.find("\n\n", start)
    end = start + len(text[start : len(text) if end == -1 else end].rstrip(TRIM_CHARS + "."))
    return (start, end) if end > start else None


def _content_outside(doc: Doc, sent: TokenSpan, inside: set[int]) -> Optional[tuple[int, int]]:
    """The longest run of the sentence outside the cue clause ("X did Y, sources said")."""
    return max(_runs_outside(doc, sent, inside), key=lambda span: span[1] - span[0], default=None)


def _runs_outside(doc: Doc, sent: TokenSpan, inside: set[int]) -> list[tuple[int, int]]:
    """The runs of the sentence outside ``inside``, in order, trimmed."""
    runs = []
    run_start = None
    for token in list(sent) + [None]:
        outside = token is not None and token.i not in inside
        if outside and run_start is None:
            run_start = token.i
        elif not outside and run_start is not None:
            span = _trim(doc, run_start, token.i if token is not None else sent.end)
            if span:
                runs.append(span)
            run_start = None
    return runs


def _fronted_fragment(doc: Doc, cue: Token, subject: Token) -> Optional[tuple[int, int]]:
    """'Talks with the rebels, the general said, had broken down': the words before the
    reporting clause that the parser left hanging from the cue ("dep") begin what was said."""
    fragment = next((c for c in cue.children if c.dep_ == "dep" and c.right_edge.i < subject.left_edge.i
                     and doc[c.right_edge.i + 1].text == ","), None)
    return _trim(doc, fragment.left_edge.i, fragment.right_edge.i + 1) if fragment is not None else None


def _said_before_parenthesis(doc: Doc, sent: TokenSpan, cue: Token, subject: Token) -> Optional[tuple[int, int]]:
    """'The water had become so dirty, the mayor noted, that the river was closed': a cue
    between commas whose own clause follows it reports the words before it too."""
    if cue.dep_ != "parataxis":
        return None
    clause = _cue_clause(cue, subject)
    first = min(clause)
    if first == sent.start or "," not in (doc[first - 1].text, doc[first].text):
        return None
    runs = _runs_outside(doc, sent, clause | set(range(first, sent.end)))
    if len(runs) != 1 or _only_linking_words(doc, runs[0]):
        return None
    return runs[0]


LINKING_POS = ("ADV", "CCONJ", "SCONJ", "INTJ", "PUNCT")


def _only_linking_words(doc: Doc, span: tuple[int, int]) -> bool:
    """'Yet', 'But then': words that link sentences are no half of what was said."""
    return all(t.pos_ in LINKING_POS for t in doc.char_span(*span, alignment_mode="expand"))


def _around_parenthesis(doc: Doc, sent: TokenSpan, clause: set[int]) -> list[tuple[int, int]]:
    """'The plan, he said, was never serious': a cue clause between commas inside the words
    splits them in two; both halves are content."""
    first, last = min(clause), max(clause)
    while last > first and doc[last].is_punct:
        last -= 1
    between_commas = first > sent.start and last + 1 < sent.end and "," in (doc[first - 1].text, doc[first].text) and (
        doc[last + 1].text == ",")
    if not between_commas:
        return []
    runs = _runs_outside(doc, sent, clause)
    if len(runs) != 2 or _only_linking_words(doc, runs[0]):
        return []  # "Yet, as X observed, ..."
    return runs


def _cue_clause(cue: Token, subject: Optional[Token]) -> set[int]:
    """Tokens that belong to the reporting clause itself (cue, its subject, adverbs, commas)."""
    clause = {cue.i}
    for child in cue.children:
        if child.dep_ in ("ccomp", "parataxis", "dep") and child.i < cue.i:
            continue  # the words reported before the cue ("dep": a fragment, "People like him, she said")
        if child.dep_ == "advcl" and cue.dep_ == "parataxis" and child.i < cue.i:
            continue  # "If the plan fails, she argues, the town can wait": the condition is said too
        if child.dep_ in SUBJECT_DEPS and subject is not None and child.i < subject.left_edge.i and (
                cue.doc[child.right_edge.i + 1].text == ","):
            continue  # "People like her, he said.": the parser made the words a second subject
        clause.update(t.i for t in child.subtree)
    if subject is not None:
        clause.update(t.i for t in subject.subtree)
    return clause


def find_drafts(doc: Doc, quotes: list[QuoteSpan], lex: Lexicon) -> list[Draft]:
    """All statements of a parsed document, as drafts in text order (speakers unresolved)."""
    text = doc_text(doc)
    starts = paragraph_starts(text)
    sentences = list(doc.sents)
    drafts: list[Draft] = []
    for s_index, sent in enumerate(sentences):
        paragraph = paragraph_of(sent.start_char, starts)
        found = [*_verb_drafts(doc, sent, s_index, paragraph, lex),
                 *_prepositional_drafts(doc, sent, s_index, paragraph, lex),
                 *_impression_drafts(doc, sent, s_index, paragraph, lex),
                 *_survey_drafts(doc, sent, s_index, paragraph),
                 *_viewpoint_drafts(doc, sent, s_index, paragraph, lex),
                 *_stance_adjective_drafts(doc, sent, s_index, paragraph, lex),
                 *_received_judgement_drafts(doc, sent, s_index, paragraph, lex),
                 *_question_drafts(doc, sent, s_index, paragraph)]
        drafts.extend(found or _headline_drafts(doc, sent, s_index, paragraph, lex))  # a headline's cue only where no other
    drafts = [d for d in _merge_verb_chains(doc, _drop_nested_beliefs(drafts)) if not _inside_quote(d, quotes)]
    _cut_at_next_speaker(doc, drafts)
    drafts.extend(_colon_drafts(doc, sentences, quotes, drafts, starts))
    drafts.extend(_name_colon_drafts(doc, sentences, drafts, starts, lex))
    signed = _signature_drafts(doc, quotes, starts)
    drafts.extend(signed)
    drafts.sort(key=lambda d: (d.start, d.end))
    claimed = {id(q) for d in signed for q in d.quotes}
    _attach_quotes(doc, sentences, [q for q in quotes if id(q) not in claimed], drafts, starts)
    for draft in drafts:
        _start_content_at_colon(text, draft)
        _add_quoted_pieces(draft)
        _drop_listeners_and_venues(doc, draft)
        _join_pieces(text, draft)
        spans = draft.content + [(q.mark_start, q.mark_end) for q in draft.quotes]
        draft.start = min([draft.start] + [s for s, _ in spans])
        draft.end = max([draft.end] + [e for _, e in spans])
    return [d for d in drafts if d.content or d.quotes]


def _verb_drafts(doc: Doc, sent: TokenSpan, s_index: int, paragraph: int, lex: Lexicon) -> list[Draft]:
    drafts = []
    for token in sent:
        if _question_participle(token):
            continue  # "Asked whether …": see _question_drafts
        sense = _is_cue(token, lex)
        if sense is None:
            continue
        subject = _source_of(token)
        passive = subject is not None and subject.head.dep_ == "agent"  # "was endorsed by X": X is the source
        inverted = None
        if subject is None:
            inverted = _inverted_subject(token)
            subject = inverted
        if subject is None:
            subject = _stranded_subject(token)
        if subject is None or _no_speaker(subject):
            continue
        derived = (subject.head.i == token.i and subject.dep_ in SUBJECT_DEPS or _speaking_participle(token, sense)
                   or _said_by_who(token))  # "fishermen, who say ..." speak; "a crisis that threatens" does not
        if (sense != "speech" or not derived) and sense != "evidence" and not _can_speak(subject, lex) and not (
                lex.cue_model is not None and cue_candidate(token) is not None):
            continue  # "a crisis that threatens to ...", "the ability to use tension to seek ..." (unless the cue model kept it)
        note = None
        described = _described_topic(token, subject)
        if described is not None:
            subject, note = described, (
                f"'{token.text} of {described.text}': the text says the words are about {described.text}, "
                f"but introduces {described.text} with a title as a speaker is introduced; "
                f"attributed to {described.text} with low confidence (likely a translation error)")
        if subject.tag_ in ("WP", "WDT"):
            continue
        if token.dep_ == "relcl" and subject.i != token.head.i and not any(
                c.dep_ in ("ccomp", "dobj", "oprd", "xcomp") and c.ent_type_ not in ("DATE", "TIME") for c in token.children):
            continue  # "the message Ryabkov expressed (the day before)": the object is the noun it modifies
        content = None if inverted is not None else _content_from_children(doc, token, subject)
        halves: list[tuple[int, int]] = []
        aside = _inverted_parenthetical_subject(token)
        if aside is not None and aside.i == subject.i:  # "The danger, said the minister, is the river"
            close = subject.right_edge.i if doc[subject.right_edge.i].text in ",." else subject.right_edge.i + 1
            clause = set(range(token.i - 1, close + 1))
            content = _content_outside(doc, sent, clause)
            halves = _around_parenthesis(doc, sent, clause)
        else:
            fronted = _fronted_fragment(doc, token, subject) if content is not None else None
            if fronted is None and content is not None:
                fronted = _said_before_parenthesis(doc, sent, token, subject)
            if fronted is not None:  # "Talks with the rebels, the general said, had broken down"
                halves = [fronted, content]
        if content is None and passive:
            content = _passive_content(doc, token)
        reports_before = any(c.dep_ in ("ccomp", "parataxis") and c.i < token.i for c in token.children)
        as_clause = _as_clause_tokens(token) if content is None else None
        if as_clause is not None:  # "The fund lost money, as analysts had predicted"
            content = _content_outside(doc, sent, as_clause)
            halves = _around_parenthesis(doc, sent, as_clause)
        if content is None and (sense in ("speech", "evidence") or reports_before) and (
                token.dep_ == "parataxis" or inverted is not None or _trails_content(token, subject)):
            clause = _cue_clause(token, subject)
            content = _content_outside(doc, sent, clause)
            halves = _around_parenthesis(doc, sent, clause) if token.dep_ == "parataxis" else []
        if content is None:
            content = _content_from_children(doc, token, subject) if inverted is not None else None
        if content is None and sense == "speech":
            content = _anaphoric_content(token) or _paragraph_after_colon(doc, sent, token)
        if content is None:
            content = _topic_phrase(doc, token)
        cue_end = token.i + 1
        for child in token.children:
            if child.dep_ == "prt" and child.i == cue_end:
                cue_end += 1
        drafts.append(
            Draft(
                start=sent.start_char,
                end=sent.end_char,
                sent_index=s_index,
                paragraph=paragraph,
                cue=(token.idx, doc[cue_end - 1].idx + len(doc[cue_end - 1])),
                cue_sense=sense,
                subject=subject,
                mention=statement_mention(doc, token, subject),
                content=halves or ([content] if content else []),
                confidence=(0.9 if sense == "speech" else 0.6) if note is None else 0.5,
                depth=clause_depth(token),
                note=note,
            )
        )
    return drafts


def clause_depth(token: Token) -> int:
    depth = 0
    while token.head.i != token.i and depth < 50:
        if token.pos_ in ("VERB", "AUX"):
            depth += 1
        token = token.head
    return depth


def _trails_content(cue: Token, subject: Optional[Token]) -> bool:
    """'“…,” he said' / 'X did Y, officials said': the reporting clause follows a comma or quote."""
    if cue.dep_ not in ("ROOT", "ccomp", "conj"):
        return False
    first = min([cue.i] + ([subject.left_edge.i] if subject is not None else []))
    doc = cue.doc
    return first > cue.sent.start and doc[first - 1].text in (",", "”", '"', "''", "—", "–")


def _prepositional_drafts(doc: Doc, sent: TokenSpan, s_index: int, paragraph: int, lex: Lexicon) -> list[Draft]:
    drafts = []
    words = [t.lower_ for t in sent]
    for phrase in lex.prepositional_cues:
        n = len(phrase)
        for i in range(len(words) - n + 1):
            if tuple(words[i : i + n]) != phrase:
                continue
            last = sent[i + n - 1]
            objects = [c for c in last.children if c.dep_ == "pobj"]
            source, mention = (objects[0], None) if objects else _unparsed_object(sent, last)
            if source is None or not _can_be_cited(source, lex):
                continue
            mention = mention or mention_span(doc, source)
            phrase_tokens = set(range(sent[i].i, max(source.right_edge.i, doc.char_span(*mention, alignment_mode="expand")[-1].i) + 1))
            content = _content_outside(doc, sent, phrase_tokens)
            halves = _around_parenthesis(doc, sent, phrase_tokens)  # "X rose, according to Y, and Z fell"
            drafts.append(
                Draft(
                    start=sent.start_char,
                    end=sent.end_char,
                    sent_index=s_index,
                    paragraph=paragraph,
                    cue=(sent[i].idx, last.idx + len(last)),
                    subject=source,
                    mention=mention,
                    content=halves or ([content] if content else []),
                    confidence=0.85,
                )
            )
    return drafts


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


IMPRESSION_COMPLEMENTS = ("xcomp", "ccomp", "acomp", "oprd", "attr")
# Passive verbs of belief or report whose source goes unnamed: "is expected to", "is said to".
UNNAMED_SOURCE_PASSIVES = {"say", "report", "rumor", "rumour", "estimate", "project"}


def _impression_drafts(doc: Doc, sent: TokenSpan, s_index: int, paragraph: int, lex: Lexicon) -> list[Draft]:
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
        drafts.append(_speakerless_draft(doc, sent, s_index, paragraph, token, token, [*subjects, *complements]))
    return drafts


def _speakerless_draft(doc: Doc, sent: TokenSpan, s_index: int, paragraph: int, verb: Token, last: Token,
                       phrases: list[Token]) -> Draft:
    """An impression or an unnamed judgement: no speaker, a cue from ``verb``'s first
    auxiliary to ``last`` ("is widely seen", "has faced sharp criticism"), and the phrases it
    reports as its content."""
    auxiliaries = [c.i for c in verb.children if c.dep_ in ("aux", "auxpass") and c.i < verb.i]
    first = doc[min(auxiliaries + [verb.i])]
    content = [_trim(doc, t.left_edge.i, t.right_edge.i + 1) for t in phrases]
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


DEONTIC_PASSIVES = {"suppose"}  # "is supposed to": what ought to happen, not what anyone thinks


SURVEY_NOUNS = {"poll", "survey", "study", "census", "questionnaire"}


def _survey_drafts(doc: Doc, sent: TokenSpan, s_index: int, paragraph: int) -> list[Draft]:
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
        content = _content_outside(doc, sent, set(range(token.i, source.right_edge.i + 1)))
        drafts.append(Draft(
            start=sent.start_char, end=sent.end_char, sent_index=s_index, paragraph=paragraph,
            cue=(token.idx, token.idx + len(token)), cue_sense="evidence", subject=source,
            mention=mention_span(doc, source), content=[content] if content else [], confidence=0.7,
        ))
    return drafts


UNMARKED_REPORT_VERBS = {"say", "tell", "add", "note", "insist", "argue", "claim", "warn", "write", "explain", "predict"}
# Speech cues whose "-s" form is more often a plural noun in a headline ("Gulf States Meet",
# "Port Attacks Rise", "Dock Rules Change").
HEADLINE_PLURALS = {"states", "rules", "attacks", "appeals", "lists", "posts", "reports", "claims", "notes",
                    "answers", "comments", "replies", "questions", "plans", "orders"}
WH_WORDS = {"why", "how", "what", "who", "when", "where", "which", "whether"}


def _headline_drafts(doc: Doc, sent: TokenSpan, s_index: int, paragraph: int, lex: Lexicon) -> list[Draft]:
    """'Mayor Ruiz Slams Port Plan', 'Fees Are Too High, Mayor Ruiz Tells Council': in a
    headline in title case the parser reads the verb as a name; a word that is a speech cue
    with its third-person "-s", after a name, is the cue all the same."""
    words = [t for t in sent if t.is_alpha]
    if len(words) < 4 or words[0].lower_ in WH_WORDS or _share_capitalised([t.text for t in words]) < 0.9:
        return []
    for cue in words[1:]:
        if _headline_cue_sense(cue.lower_, lex) != "speech":
            continue
        start = cue.i
        while start > sent.start and (doc[start - 1].is_alpha and doc[start - 1].text[0].isupper()
                                      and doc[start - 1].lower_ not in TITLE_SMALL_WORDS
                                      or doc[start - 1].text in ("’s", "'s", ".")):
            start -= 1
        if start == cue.i:
            return []
        after, before = _trim(doc, cue.i + 1, sent.end), _trim(doc, sent.start, start)
        trailing = before is not None and doc[start - 1].text in (",", "’", "”", '"')  # "…, Mayor Ruiz Tells Council"
        content = before if trailing and (after is None or cue.lower_ == "tells") else after
        if content is None:
            return []
        return [Draft(
            start=sent.start_char, end=sent.end_char, sent_index=s_index, paragraph=paragraph,
            cue=(cue.idx, cue.idx + len(cue)), subject=doc[cue.i - 1], mention=(doc[start].idx, cue.idx - 1),
            content=[content], confidence=0.6,
        )]
    return []


def _headline_cue_sense(word: str, lex: Lexicon) -> Optional[str]:
    """The sense of 'slams', 'denies', 'urges' read as the cue verb it inflects, or None."""
    if not word.endswith("s") or word in HEADLINE_PLURALS:
        return None
    stems = [word[:-1]] + ([word[:-2]] if word.endswith("es") else []) + ([word[:-3] + "y"] if word.endswith("ies") else [])
    return next((lex.cue_senses[stem] for stem in stems if stem in lex.cue_senses), None)


OBJECT_PRONOUNS = {"him", "her", "them", "me", "us"}


def _viewpoint_drafts(doc: Doc, sent: TokenSpan, s_index: int, paragraph: int, lex: Lexicon) -> list[Draft]:
    """'To the farmers, the dam is a theft': a sentence that opens with "To" and someone, then a
    comma, gives that someone's view; the clause after the comma is what they hold."""
    words = [t for t in sent if not t.is_space]
    opener = words[0] if words else None
    if opener is None or opener.lower_ != "to" or opener.dep_ != "prep" or opener.head.pos_ not in ("VERB", "AUX"):
        return []
    holder = next((c for c in opener.children if c.dep_ == "pobj"), None)
    if holder is None or holder.right_edge.i + 1 >= sent.end or doc[holder.right_edge.i + 1].text != ",":
        return []
    if not (holder.lower_ in OBJECT_PRONOUNS or holder.pos_ != "PRON" and _can_speak(holder, lex)):
        return []
    content = _trim(doc, holder.right_edge.i + 2, sent.end)
    if content is None:
        return []
    return [Draft(
        start=sent.start_char, end=sent.end_char, sent_index=s_index, paragraph=paragraph,
        cue=(opener.idx, opener.idx + len(opener)), cue_sense="belief", subject=holder,
        mention=mention_span(doc, holder), content=[content], confidence=0.6,
    )]


def _stance_adjective_drafts(doc: Doc, sent: TokenSpan, s_index: int, paragraph: int, lex: Lexicon) -> list[Draft]:
    """'The senator has been critical of the plan', 'she is convinced that the talks will fail':
    a main clause whose predicate is a stance adjective with a phrase or clause of its own
    says where its subject stands; that phrase or clause is the content."""
    drafts = []
    for token in sent:
        if token.dep_ not in ("ROOT", "conj"):
            continue
        if token.lemma_ == "be" and token.pos_ == "AUX":  # "is critical of", "is against"
            subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
            stance = next((c for c in token.children if c.dep_ in ("acomp", "prep") and c.lower_ in lex.stance_adjectives), None)
        elif token.lower_ in lex.stance_adjectives and any(c.dep_ == "auxpass" for c in token.children):  # "is convinced"
            holders = [token, *(c for c in token.children if c.dep_ == "auxpass")]  # the parser may hang it on "is"
            subject = next((c for h in holders for c in h.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            stance = None if any(c.dep_ == "agent" for c in token.children) else token
        else:
            continue
        if subject is None or stance is None or _no_speaker(subject) or not _can_speak(subject, lex):
            continue
        takes = lex.stance_adjectives[stance.lower_]
        held = [c for c in stance.children
                if c.dep_ in ("xcomp", "ccomp", "pobj") or c.dep_ == "prep" and c.lower_ in takes]
        if not held:
            continue
        content = _trim(doc, min(c.left_edge.i for c in held), max(c.right_edge.i for c in held) + 1)
        if content is None:
            continue
        drafts.append(Draft(
            start=sent.start_char, end=sent.end_char, sent_index=s_index, paragraph=paragraph,
            cue=(stance.idx, stance.idx + len(stance)), cue_sense="stance", subject=subject,
            mention=mention_span(doc, subject), content=[content], confidence=0.6, depth=clause_depth(token),
        ))
    return drafts


def _received_judgement_drafts(doc: Doc, sent: TokenSpan, s_index: int, paragraph: int, lex: Lexicon) -> list[Draft]:
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
        drafts.append(_speakerless_draft(doc, sent, s_index, paragraph, verb, noun, [subject, *reasons]))
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


QUESTION_PARTICIPLES = {"asked", "pressed"}


def _question_drafts(doc: Doc, sent: TokenSpan, s_index: int, paragraph: int) -> list[Draft]:
    """'Asked whether the ferry would sail, the minister said …', 'when pressed by a reporter
    about the levy': a question put to someone, in a participle clause of its own. Whoever
    asked ("by" a reporter) is its speaker, else nobody named; the content is what was asked.
    (The verb rules leave these participles to this one.)"""
    drafts = []
    for token in sent:
        if not _question_participle(token):
            continue
        asked = [c for c in token.children if c.i > token.i and _what_was_asked(c)
                 and not (c.dep_ == "xcomp" and token.lower_ == "pressed")]  # "pressed to explain" urges
        if not asked:
            continue
        asker = agent_of(token)
        content = [_trim(doc, c.left_edge.i, c.right_edge.i + 1) for c in asked]
        drafts.append(Draft(
            start=sent.start_char, end=sent.end_char, sent_index=s_index, paragraph=paragraph,
            cue=(token.idx, token.idx + len(token)), cue_sense="question", subject=asker,
            mention=mention_span(doc, asker) if asker is not None else None,
            content=[c for c in content if c], confidence=0.6, depth=clause_depth(token),
        ))
    return drafts


def _question_participle(token: Token) -> bool:
    """'Asked whether …', 'when pressed by Holt about …': a participle clause with no subject."""
    return token.lower_ in QUESTION_PARTICIPLES and token.tag_ == "VBN" and token.dep_ == "advcl" and not any(
        c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for c in token.children)


def _what_was_asked(child: Token) -> bool:
    """A question's words: a clause ("whether it would sail", "to confirm the talks") or an
    "about" phrase; not where or when it was asked ("on Fox News", "on Monday")."""
    if child.dep_ in ("ccomp", "xcomp"):
        return True
    if child.dep_ == "advcl":
        return _opened_by(child, "if") or _opened_by(child, "whether")
    if child.dep_ == "prep" and child.lower_ in ("about", "on"):
        objects = [g for g in child.children if g.dep_ in ("pobj", "pcomp")]
        return child.lower_ == "about" or any(g.dep_ == "pcomp" or not g.ent_type_ and g.pos_ != "PROPN" for g in objects)
    return False


def _start_content_at_colon(text: str, draft: Draft) -> None:
    """'told parliament: “…”' — what was said starts after the colon."""
    if not draft.quotes or not draft.content:
        return
    start, end = draft.content[0]
    first = draft.quotes[0]
    colon = text.rfind(":", start, first.mark_start)
    if start <= colon and text[colon + 1 : first.mark_start].strip() == "":
        draft.content[0] = (first.mark_start, max(end, first.mark_end))


def _add_quoted_pieces(draft: Draft) -> None:
    """'“A,” she said. “B.”' — every quoted piece outside the content found so far is content
    too, so a quote interrupted by its cue or carried on after it is said in full."""
    if not draft.content:
        return
    for quote in draft.quotes:
        # a piece inside the quote is the quote's last sentence ("“A. B,” she said"): take it all
        # (unless the cue is in the quote too: '"WALLACE: Let's start ...' is a transcript line);
        # a piece that is the quote with its marks ('Ana Ruiz: “…”', or its opening mark alone) is the quote's words
        if draft.cue is None or not quote.mark_start <= draft.cue[0] < quote.mark_end:
            draft.content[:] = [(s, e) for s, e in draft.content if not quote.mark_start <= s < e <= quote.mark_end]
        if not any(s < quote.end and quote.start < e for s, e in draft.content):
            draft.content.append((quote.start, quote.end))
    draft.content.sort()


def _drop_listeners_and_venues(doc: Doc, draft: Draft) -> None:
    """'“…,” she told the Courier' / 'said of the result': beside a quote, a verbless phrase
    outside it is who heard the words or what they were about, not what was said (unless it
    runs into the quote: 'described the outbreak as “contained”', or comes before the cue:
    'The levy, she said, is “a tax”')."""
    if not draft.quotes:
        return
    text = doc_text(doc)
    kept = [(s, e) for s, e in draft.content
            if draft.cue is not None and e <= draft.cue[0]
            or any(s < q.end and q.start < e or e <= q.mark_start and RUNS_INTO_QUOTE.fullmatch(text[e : q.mark_start])
                   for q in draft.quotes)
            or any(t.pos_ in ("VERB", "AUX") for t in doc.char_span(s, e, alignment_mode="expand") or ())]
    if kept:
        draft.content[:] = kept


RUNS_INTO_QUOTE = re.compile(r"\s*(?:\w+\s+){0,2}")


JOINING_WORDS = {"and", "but", "or", "nor", "yet"}


def _join_pieces(text: str, draft: Draft) -> None:
    """'“a big problem” but “nobody talks about it”': pieces of content with only marks and a
    conjunction between them are one span of what was said."""
    joined: list[tuple[int, int]] = []
    for start, end in sorted(draft.content):
        if joined:
            gap = text[joined[-1][1] : start]
            words = re.sub(r"[^\w\s]", " ", gap).split()
            if "\n" not in gap and len(gap) <= 12 and all(w.lower() in JOINING_WORDS for w in words):
                joined[-1] = (joined[-1][0], max(end, joined[-1][1]))
                continue
        joined.append((start, end))
    draft.content[:] = joined


def _inside_quote(draft: Draft, quotes: list[QuoteSpan]) -> bool:
    """A cue inside quotation marks belongs to the quoted words ("who the hell knows?"), in a
    closed quote or in a paragraph of a quote that the next paragraph carries on."""
    if draft.cue is None:
        return False
    carried_on = {id(q) for q, following in zip(quotes, quotes[1:]) if following.continues}
    return any((q.closed or id(q) in carried_on) and q.start <= draft.cue[0] < q.end for q in quotes)


def _cut_at_next_speaker(doc: Doc, drafts: list[Draft]) -> None:
    """End a content span where a later statement's speaker begins (repairs run-on parses)."""
    for draft in drafts:
        for other in drafts:
            if other is draft or other.mention is None or other.cue is None:
                continue
            for i, (start, end) in enumerate(draft.content):
                if start < other.mention[0] < end and not (start <= other.cue[0] < end):
                    cut = doc_text(doc)[start : other.mention[0]].rstrip(TRIM_CHARS)
                    draft.content[i] = (start, start + len(cut))
                elif start < other.cue[0] < end and _trailing_participle(doc[_token_at(doc, other.cue[0])]):
                    cut = doc_text(doc)[start : other.cue[0]].rstrip(TRIM_CHARS)
                    draft.content[i] = (start, start + len(cut))


def _bare_participle(cue: Token) -> bool:
    """An "-ing" form with no subject of its own ("arguing that …", "saying it was safe")."""
    return cue.tag_ == "VBG" and not any(c.dep_ in SUBJECT_DEPS for c in cue.children)


def _trailing_participle(cue: Token) -> bool:
    """'…, arguing that …', '…, contradicting the claim that …': a participle after a comma
    with no subject of its own makes a statement of its own."""
    return _bare_participle(cue) and cue.i > 0 and cue.doc[cue.i - 1].text == ","


def _can_speak(token: Token, lex: Lexicon) -> bool:
    """A person, body, group, document or pronoun: something words can come from."""
    if token.pos_ in ("PROPN", "PRON") or token.ent_type_ in ("PERSON", "ORG", "GPE", "NORP"):
        return True
    if _is_share_of_people(token):
        return True
    return token.lemma_.lower() in lex.source_nouns or lex.role_in(token.text) is not None


# Words that name a share of a group: "three-quarters support the ban", "most in both states".
SHARE_WORDS = {"percent", "per", "%", "majority", "minority", "plurality", "half", "third", "quarter", "fifth",
               "most", "many", "few", "all", "both", "share", "proportion", "handful", "number"}


def _is_share_of_people(token: Token) -> bool:
    """A subject that counts people: "six in 10", "52 percent", "a majority", "most"."""
    if token.dep_ not in SUBJECT_DEPS:
        return False
    return token.pos_ == "NUM" or token.ent_type_ in ("PERCENT", "CARDINAL") or token.lemma_.lower() in SHARE_WORDS


def _can_be_cited(token: Token, lex: Lexicon) -> bool:
    """The object of 'according to': a speaker, or any record of words or figures (results,
    a tally, an average, a memoir), but not a rule followed ('according to plan')."""
    if _can_speak(token, lex):
        return True
    misparsed_noun = token.pos_ == "ADJ" and token.dep_ == "pobj"  # "the polling average"
    return (token.pos_ == "NOUN" or misparsed_noun) and token.lemma_.lower() not in CONFORMITY_NOUNS


def _merge_verb_chains(doc: Doc, drafts: list[Draft]) -> list[Draft]:
    """'refused to disclose the records', 'declined to say whether …': a cue whose words are
    another cue of the same speaker makes one statement with it. The cue runs from the first
    verb to the second (the first's sense), the content is the second's."""
    kept = []
    for outer in drafts:
        inner = next((d for d in drafts if d is not outer and _chains_into(doc, outer, d)), None)
        if inner is None:
            kept.append(outer)
            continue
        inner.cue, inner.cue_sense, inner.depth = (outer.cue[0], inner.cue[1]), outer.cue_sense, outer.depth
    return kept


def _chains_into(doc: Doc, outer: Draft, inner: Draft) -> bool:
    """Whether ``outer``'s only content is ``inner``'s cue and content, joined by nothing but
    "to", "by", "not" or an adverb ("refused, again, to say")."""
    if outer.cue is None or inner.cue is None or outer.quotes or len(outer.content) != 1 or not inner.content:
        return False
    if outer.subject is None or inner.subject is None or outer.subject.i != inner.subject.i:
        return False
    start, end = outer.content[0]
    if not (outer.cue[1] <= inner.cue[0] and start <= inner.cue[0] < end
            and all(start <= s and e <= end for s, e in inner.content)):
        return False
    verb, between = doc[_token_at(doc, inner.cue[0])], doc.char_span(outer.cue[1], inner.cue[0], alignment_mode="expand")
    complement = verb.dep_ == "xcomp" and verb.head.idx == outer.cue[0] or (
        verb.dep_ == "pcomp" and verb.head.lower_ == "by" and verb.head.head.idx == outer.cue[0])
    return complement and between is not None and all(
        t.pos_ in ("PART", "ADV", "PUNCT", "SPACE") or t.lower_ in ("to", "by") for t in between)


def _drop_nested_beliefs(drafts: list[Draft]) -> list[Draft]:
    """Keep a belief or intention only when it is not inside someone else's reported words."""
    speech = [d for d in drafts if d.cue_sense == "speech"]
    kept = []
    for draft in drafts:
        if draft.cue_sense != "speech" and draft.cue and any(
            other is not draft and other.covers(*draft.cue) for other in speech
        ):
            continue
        kept.append(draft)
    return kept


def _colon_drafts(doc: Doc, sentences: list[TokenSpan], quotes: list[QuoteSpan], drafts: list[Draft], starts: list[int]) -> list[Draft]:
    """'The minister was blunt: “…”' — a colon or dash before a quote introduces it."""
    found = []
    text = doc_text(doc)
    for quote in quotes:
        before = text[: quote.mark_start].rstrip()
        if not before or before[-1] not in ":—–":
            continue
        mark = len(before) - 1
        if any(other.mark_start < mark < other.mark_end for other in quotes):
            continue  # a colon inside someone's quoted words introduces nothing of the writer's
        if any(d.cue and d.cue[0] <= mark <= d.end and d.subject is not None for d in drafts if d.start <= mark < d.end):
            continue  # 'He said: “…”' — the verb is the cue already
        sent_index = next((i for i, s in enumerate(sentences) if s.start_char <= mark < s.end_char), None)
        if sent_index is None:
            continue
        sent = sentences[sent_index]
        mark_token = _token_at(doc, mark)
        subjects = [t for t in sent if t.i < mark_token and t.dep_ in SUBJECT_DEPS and t.head.i < mark_token]
        subjects = [t for t in subjects if t.pos_ in ("PROPN", "NOUN", "PRON")]
        if not subjects:
            continue
        subject = min(subjects, key=lambda t: (clause_depth(t.head), t.i))
        found.append(
            Draft(
                start=sent.start_char,
                end=quote.mark_end,
                sent_index=sent_index,
                paragraph=paragraph_of(sent.start_char, starts),
                cue=(mark, mark + 1),
                subject=subject,
                mention=mention_span(doc, subject),
                confidence=0.75,
            )
        )
    return found


def _name_colon_drafts(doc: Doc, sentences: list[TokenSpan], drafts: list[Draft], starts: list[int],
                       lex: Lexicon) -> list[Draft]:
    """'Senator Jane Roe: Tariffs Will Hurt Farmers' — a line that opens with a speaker's name
    and a colon gives that speaker the clause after it (headlines, transcripts)."""
    taken = {d.cue[0] for d in drafts if d.cue}
    found = []
    for s_index, sent in enumerate(sentences):
        for colon in sent:
            if colon.text != ":" or colon.idx in taken:
                continue
            name = _line_opening_name(doc, colon, lex)
            content = _line_clause_after(doc, colon)
            if name is None or content is None:
                continue
            found.append(Draft(
                start=doc[name[0]].idx, end=content[1], sent_index=s_index,
                paragraph=paragraph_of(colon.idx, starts), cue=(colon.idx, colon.idx + 1),
                subject=doc[name[1] - 1], mention=(doc[name[0]].idx, colon.idx), content=[content],
                confidence=0.7,
            ))
    return found


NAME_LINE_MAX_TOKENS = 4
# Labels that open a line with a colon without naming a speaker.
LINE_LABELS = {"q", "a", "update", "related", "breaking", "watch", "editor", "note", "photo", "video", "source",
               "sources", "latest", "contributing", "read", "more", "see", "listen", "twitter", "facebook",
               "exclusive", "revealed", "look", "correction", "corrections", "clarification"}


def _line_opening_name(doc: Doc, colon: Token, lex: Lexicon) -> Optional[tuple[int, int]]:
    """Token range of a name that alone fills the line before ``colon``, or None."""
    text = doc_text(doc)
    line_start = text.rfind("\n", 0, colon.idx) + 1
    tokens = [t for t in doc[max(0, colon.i - NAME_LINE_MAX_TOKENS - 1) : colon.i] if t.idx >= line_start]
    if not tokens or text[line_start : tokens[0].idx].strip():
        return None  # more words on the line than a name
    words = [t for t in tokens if not t.is_punct]
    if not words or any(t.lower_ in LINE_LABELS for t in words):
        return None
    tokens = tokens[tokens.index(words[0]) :]  # not the quotation mark opening a transcript line
    if not all(t.pos_ == "PROPN" or t.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") or t.text[:1].isupper() and t.pos_ != "VERB" for t in words):
        return None
    if not (words[-1].pos_ in ("PROPN", "NOUN") or _can_speak(words[-1], lex)):
        return None
    return tokens[0].i, tokens[-1].i + 1


def _line_clause_after(doc: Doc, colon: Token) -> Optional[tuple[int, int]]:
    """Character range of the clause after a line-opening colon, up to the line's end."""
    text = doc_text(doc)
    line_end = text.find("\n", colon.idx)
    line_end = len(text) if line_end == -1 else line_end
    after = []
    for token in doc[colon.i + 1 :]:
        if token.idx >= line_end:
            break
        after.append(token)
    if not after or after[0].like_num or not (any(t.pos_ in ("VERB", "AUX") for t in after) or _headline_clause(after)):
        return None
    return _trim(doc, after[0].i, after[-1].i + 1)


def _headline_clause(words: list[Token]) -> bool:
    """'Poll: Farmers Back Dam Plan' — a headline in title case, whose verb the parser reads as a
    name: a few words, and not a list ("Iowa: Ann Berg, Tom Lutz, Rob Orr")."""
    return sum(not t.is_punct for t in words) >= 3 and sum(t.text == "," for t in words) < 2


SIGNATURE_DASH = re.compile(r"[^\S\n]*(―|—|–|--)[^\S\n]*")  # spaces, tabs, no-break spaces: not a new line
SIGNATURE_MAX_TOKENS = 16


def _signature_drafts(doc: Doc, quotes: list[QuoteSpan], starts: list[int]) -> list[Draft]:
    """'“Nobody trusts the dam plan.” ― Ana Ruiz, a nurse': a quote signed after a dash
    by a name that ends the line (readers' voices, epigraphs, pull quotes)."""
    text = doc_text(doc)
    found = []
    for quote in quotes:
        dash = SIGNATURE_DASH.match(text, quote.mark_end)
        if dash is None:
            continue
        line_end = text.find("\n", dash.end())
        line_end = len(text) if line_end == -1 else line_end
        first = _token_at(doc, dash.end())
        line = [t for t in doc[first : first + SIGNATURE_MAX_TOKENS + 1] if t.idx < line_end]
        if not line or len(line) > SIGNATURE_MAX_TOKENS or any(t.pos_ in ("VERB", "AUX") and t.tag_ in FINITE_TAGS for t in line):
            continue
        name = []
        for token in line:
            if token.text in (",", ".", ";", "(") or not token.text[:1].isupper():
                break
            name.append(token)
        if not name or len(name) > 5 or not any(t.pos_ == "PROPN" or t.ent_type_ in ("PERSON", "ORG") for t in name):
            continue
        found.append(Draft(
            start=quote.mark_start, end=name[-1].idx + len(name[-1]), sent_index=-1,
            paragraph=paragraph_of(quote.start, starts), cue=dash.span(1),
            subject=name[-1], mention=(name[0].idx, name[-1].idx + len(name[-1])), quotes=[quote], confidence=0.75,
        ))
    return found


def _token_at(doc: Doc, offset: int) -> int:
    span = doc.char_span(offset, offset + 1, alignment_mode="expand")
    return span.start if span is not None else len(doc)


def _attach_quotes(doc: Doc, sentences: list[TokenSpan], quotes: list[QuoteSpan], drafts: list[Draft], starts: list[int]) -> None:
    """Give every quote to the statement that owns it; leave scare quotes alone."""
    orphans = []
    text = doc_text(doc)
    for quote in quotes:
        if _is_scare_quote(text, quote) or _is_title(text, quote):
            continue
        owner = _owner_in_sentence(quote, drafts, doc)
        if owner is not None:
            owner.quotes.append(quote)
        else:
            orphans.append(quote)
    for quote in orphans:
        if not _looks_like_utterance(text, sentences, quote):
            continue
        owner = _neighbour_owner(quote, drafts, doc, starts)
        if owner is not None:
            owner.quotes.append(quote)
            owner.quotes.sort(key=lambda q: q.start)
            continue
        # A quote with no cue anywhere near: keep it, speaker unknown or the last speaker.
        paragraph = paragraph_of(quote.start, starts)
        previous = [d for d in drafts if d.end <= quote.mark_start and d.cue_sense == "speech"]
        draft = Draft(
            start=quote.mark_start,
            end=quote.mark_end,
            sent_index=-1,
            paragraph=paragraph,
            quotes=[quote],
            inherit_from=previous[-1] if previous and previous[-1].paragraph >= paragraph - 1 else None,
            confidence=0.4,
        )
        drafts.append(draft)
    drafts.sort(key=lambda d: (d.start, d.end))


SCARE_MARKERS = ("so-called", "so called", "dubbed", "nicknamed", "what it calls", "what he calls", "what she calls", "what they call")


TITLE_SMALL_WORDS = {"a", "an", "the", "of", "and", "or", "in", "on", "at", "to", "for", "with", "by", "from", "as", "is"}


def _is_title(text: str, quote: QuoteSpan) -> bool:
    """'on Channel 9's “Morning Report,”', 'the anthem “A Change Is Near”': a few words in title
    case name a show, a song or a book; nobody says them here."""
    inner = text[quote.start : quote.end].strip(" ,.;:")
    if any(mark in inner for mark in "!?") or ". " in inner:
        return False  # "What a Night!", "USA! USA!": a cry, not a name
    words = inner.split()
    if not 2 <= len(words) <= 8:
        return False
    return sum(w[0].isupper() for w in words) >= 2 and _share_capitalised(words) == 1.0


def _share_capitalised(words: list[str]) -> float:
    """Of the words that are not small words ("of", "the"), the share that open with a capital
    (1.0 when there are none): how far a run of words is in title case."""
    content = [w for w in words if w.lower() not in TITLE_SMALL_WORDS]
    return sum(w[0].isupper() for w in content) / len(content) if content else 1.0


def _is_scare_quote(text: str, quote: QuoteSpan) -> bool:
    """A term the writer holds at arm's length ('the so-called “buffer zone”'), not words said."""
    before = text[max(0, quote.mark_start - 20) : quote.mark_start].lower().rstrip()
    return len(text[quote.start : quote.end].split()) <= 4 and before.endswith(SCARE_MARKERS)


def _owner_in_sentence(quote: QuoteSpan, drafts: list[Draft], doc: Doc) -> Optional[Draft]:
    """The statement whose content holds the quote, or the one cue of its sentence."""
    text = doc_text(doc)
    signed = [d for d in drafts if not d.content and not d.quotes and d.cue_sense == "speech" and d.subject is not None
              and quote.mark_end <= d.start and text[quote.mark_end : d.start].strip(" ,") == "" and _lone_cue(text, d)]
    if signed:
        return signed[0]  # '“… our town?” Vos said.' split off as a sentence of its own
    holders = [d for d in drafts if any(s <= quote.end and quote.start <= e for s, e in d.content)]
    if holders:
        # the innermost speech statement wins: "X said Y warned “…”" belongs to Y
        holders.sort(key=lambda d: (d.cue_sense != "speech", sum(e - s for s, e in d.content)))
        return holders[0]
    same_sentence = [d for d in drafts if d.start <= quote.mark_start < d.end or d.start < quote.mark_end <= d.end]
    same_sentence = [d for d in same_sentence if d.cue_sense == "speech"]
    if not same_sentence:
        return None
    nearest = min(same_sentence, key=lambda d: _cue_distance(d, quote))
    if all(not d.content or not _content_is_clause(d) for d in same_sentence):
        return nearest  # "a vendor asked for a receipt and Ms. Lee said, “…”": the cue next to the quote
    if nearest.cue and (nearest.cue[0] >= quote.mark_end or nearest.cue[1] <= quote.mark_start):
        between = text[min(nearest.cue[1], quote.mark_end) : max(nearest.cue[0], quote.mark_start)]
        if len(between) < 80:
            return nearest
    return None


def _cue_distance(draft: Draft, quote: QuoteSpan) -> int:
    """Characters between a statement's cue and a quote (cue-less statements are farthest)."""
    if draft.cue is None:
        return 10**9
    return min(abs(draft.cue[0] - quote.mark_end), abs(draft.cue[1] - quote.mark_start))


def _lone_cue(text: str, draft: Draft) -> bool:
    """'Vos said.' or 'Vos said on Friday in Oslo.': nothing after the cue opens words of its
    own ("The leaflet goes on to say: “…”" does)."""
    return not any(mark in text[draft.cue[1] : draft.end] for mark in ':“"')


def _content_is_clause(draft: Draft) -> bool:
    return bool(draft.content) and any(e - s > 40 for s, e in draft.content)


def _looks_like_utterance(text: str, sentences: list[TokenSpan], quote: QuoteSpan) -> bool:
    """A quote is someone's words when it fills most of its sentence or runs over several."""
    inner = text[quote.start : quote.end]
    if len(inner.split()) >= 8 or not quote.closed:
        return True
    touching = [s for s in sentences if s.start_char < quote.mark_end and quote.mark_start < s.end_char]
    sentence_chars = sum(len(s.text.strip()) for s in touching) or 1
    return len(inner) / sentence_chars >= 0.6 and len(inner.split()) >= 3


def _neighbour_owner(quote: QuoteSpan, drafts: list[Draft], doc: Doc, starts: list[int]) -> Optional[Draft]:
    """The statement a cue-less quote continues: same paragraph first, previous one if it runs on."""
    paragraph = paragraph_of(quote.start, starts)
    with_quotes = [d for d in drafts if d.quotes and d.cue_sense == "speech"]
    before = [d for d in with_quotes if d.end <= quote.mark_start and d.paragraph == paragraph]
    if before:
        return before[-1]
    if quote.continues:
        previous = [d for d in with_quotes if d.end <= quote.mark_start and d.paragraph == paragraph - 1]
        if previous:
            return previous[-1]
    text = doc_text(doc)
    bare = [d for d in drafts if not d.quotes and not d.content and d.cue and d.cue_sense == "speech"]
    for draft in bare:
        start = draft.mention[0] if draft.mention else draft.cue[0]
        if start >= quote.mark_end and text[quote.mark_end : start].strip(" ,\n") == "" and _lone_cue(text, draft):
            return draft  # '“…” Jane Roe, an analyst, said in an interview.'
        if draft.cue[1] <= quote.mark_start and _introduces(text[draft.cue[1] : quote.mark_start]):
            return draft  # 'The Times reports:' and the quote after it
    after = [d for d in with_quotes if d.start >= quote.mark_end and d.paragraph == paragraph]
    if after and not doc_text(doc)[quote.mark_end : after[0].quotes[0].mark_start].strip(" ,.\n").count("“") and _only_quotes_between(doc_text(doc), quote.mark_end, after[0].quotes[0].mark_start):
        return after[0]
    return None


def _introduces(between: str) -> bool:
    """The words between a cue and a quote make the cue introduce it: a colon and a few words
    ("reports:", "wrote in a statement:"), no other quote."""
    return ":" in between and len(between) < 80 and not any(mark in between for mark in '“”"')


def _only_quotes_between(text: str, start: int, end: int) -> bool:
    return text[start:end].strip(" ,.\n\t") == ""
