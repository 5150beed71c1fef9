"""Who speaks: the speaker mention of a cue (subjects, agents, inversions, relatives,
participles) and whether a phrase can speak or be cited."""

from __future__ import annotations

from typing import Optional

from spacy.tokens import Doc, Token

from tealeaves.attribution.datelines import dateline_end
from tealeaves.lexicon import Lexicon
from tealeaves.nlp.quotes import CLOSING_TOKENS, OPENING_TOKENS, STRAIGHT
from tealeaves.words import word_set

CONFORMITY_NOUNS = word_set("conformity_nouns")
DIRECTING_VERBS = word_set("directing_verbs")


def name_compounded_on(token: Token) -> Optional[Token]:
    """'But Trump claims that …' read as one noun, "Trump claims", with a clause of its own:
    the name is the subject."""
    if token.pos_ != "NOUN" or token.dep_ != "ROOT" or not token.tag_.endswith("S") or not any(
            c.dep_ == "ccomp" for c in token.children):
        return None
    return next((c for c in token.children if c.dep_ == "compound" and c.i == token.i - 1
                 and c.pos_ == "PROPN"), None)


SUBJECT_DEPS = ("nsubj", "nsubjpass")

NOT_PREDICATE_DEPS = ("amod", "compound", "aux", "auxpass")  # a verb form used as a modifier or helper

NO_SPEAKER_WORDS = word_set("no_speaker_words")

MENTION_PREPOSITIONS = word_set("mention_prepositions")

QUOTING_VERBS = word_set("quoting_verbs")


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
    if start < subject.i and (cut := dateline_end(subject.doc, subject)) is not None and subject.idx >= cut:
        while subject.doc[start].idx < cut:
            start += 1  # "ODESSA (Wire) - Ruritania": the place the story was filed from is not the speaker
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
    reporter = _reporter_of_trailing_participle(cue) or conjoined_to_reporter(cue)
    if reporter is not None:
        return subject_of(reporter)
    for construction in (_object_the_participle_describes, inverted_parenthetical_subject, name_compounded_on,
                         _quoted_person, issuer_of_document):
        speaker = construction(cue)
        if speaker is not None:
            return speaker
    token = cue
    path: list[str] = []  # the dependencies climbed from the cue to token
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
            return None if _one_directed(cue, token, subject, path) else subject
        if token.dep_ in ("xcomp", "ccomp") and token.head.pos_ == "VERB":
            objects = [c for c in token.head.children if c.dep_ == "dobj" and c.i < token.i]
            if objects and "advcl" not in path:  # "ordered X to leave, accusing …": the participle is not X's
                if _lemma(token.head) in DIRECTING_VERBS:
                    return None  # "asked the envoy to urge …": words asked for, not said
                return objects[0]  # "getting the US to agree": the US agrees
        if token.dep_ in ("conj", "advcl", "xcomp", "pcomp") and token.head.pos_ in ("VERB", "AUX"):
            path.append(token.dep_)
            token = token.head
            continue
        if token.dep_ == "dep" and token.head.pos_ == "VERB" and token.head.i < token.i and token.tag_ in FINITE_TAGS:
            token = token.head  # "X stopped, then explained how": a second verb the parser left unjoined
            continue
        if (token.dep_ == "pcomp" and token.head.dep_ == "prep"
                and (verb := _verb_of_agent(token.head.head)).pos_ in ("VERB", "AUX")):
            token = verb  # "After declaring ..., X warned", "X was quoted by Y as saying"
            continue
        if token.dep_ == "relcl" and cue.tag_ != "VBN":
            return None
        break
    return None


def _lemma(verb: Token) -> str:
    return verb.lemma_.lower()


def _one_directed(cue: Token, verb: Token, subject: Token, path: list[str]) -> bool:
    """'The envoy was summoned and asked to explain', 'the envoy was called in to voice …': the
    passive subject of a verb of asking or telling (data/words.yaml directing_verbs) is the one
    asked, never the speaker of the cue or of the infinitive the asking governs. A verb joined
    to it by "and" with a tense of its own ("was asked about it and said …") or a participle
    after it ("was asked about it, saying …") is the subject's."""
    if subject.dep_ != "nsubjpass" or _lemma(verb) not in DIRECTING_VERBS:
        return False
    infinitive = any(c.tag_ == "TO" for c in cue.children)  # not "was asked about it, saying …"
    return _passive(cue) and all(dep == "conj" for dep in path) or "xcomp" in path or infinitive and bool(path)


def _passive(verb: Token) -> bool:
    """A past participle, or a verb joined by "and" to a passive with no object of its own
    ("was summoned and asked for an explanation", whatever tag the parser gave it)."""
    return verb.tag_ == "VBN" or verb.dep_ == "conj" and any(c.dep_ == "auxpass" for c in verb.head.children) \
        and not any(c.dep_ in SUBJECT_DEPS or c.dep_ in ("dobj", "ccomp", "aux") for c in verb.children)


def quoting_verb(cue: Token) -> Optional[Token]:
    """The verb of a channel relaying the cue's words ("the agency quoted X as saying …",
    "X was cited as saying …"), or None."""
    preposition = cue.head
    if cue.dep_ != "pcomp" or preposition.lower_ != "as" or preposition.dep_ != "prep":
        return None
    verb = _verb_of_agent(preposition.head)
    return verb if verb.pos_ == "VERB" and verb.lemma_.lower() in QUOTING_VERBS else None


def _verb_of_agent(token: Token) -> Token:
    """The verb whose "by" agent a token is ("quoted by the agency as saying", with "as" hung on
    the agency by the parser), else the token itself."""
    if token.dep_ == "pobj" and token.head.dep_ == "agent":
        return token.head.head
    return token


def relays_words(verb: Token) -> bool:
    """Whether a quoting verb relays someone's words as said ("quoted X as saying"): its own
    report is the channel, not a statement of the channel's."""
    agents = [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
    return verb.lemma_.lower() in QUOTING_VERBS and any(
        c.dep_ == "prep" and c.lower_ == "as" and any(g.dep_ == "pcomp" for g in c.children)
        for head in (verb, *agents) for c in head.children)


def _quoted_person(cue: Token) -> Optional[Token]:
    """'The agency quoted the minister as saying …': the person quoted (active voice; in the
    passive the person is the verb's subject, which the general rule finds)."""
    verb = quoting_verb(cue)
    objects = [c for c in verb.children if c.dep_ == "dobj"] if verb is not None else []
    return objects[0] if objects else None


def conjoined_to_reporter(cue: Token) -> Optional[Token]:
    """'X said the strikes would go on and argued they work': the parser joined the second
    cue to the verb of the reported clause, or made it a second reported clause after a
    coordinator ('X said the offer was late but added that …'); its form (a finite verb of the
    reporting verb's tense, unlike the reported verb's) shows it goes with the reporting verb,
    which it returns (else None)."""
    before = word_before_adverbs(cue)
    second_clause = cue.dep_ == "ccomp" and before is not None and before.pos_ == "CCONJ"
    if cue.dep_ == "conj":
        clause = cue.head
    elif second_clause:  # the coordinator before a verb with no subject shows it: no tense needed
        clause = next((c for c in cue.head.children if c.dep_ == "ccomp" and c.i < cue.i), cue)
    else:
        return None
    reporter = clause.head
    joined = (cue.tag_ in FINITE_TAGS and clause.dep_ == "ccomp" and clause.i < cue.i
              and not any(c.dep_ in SUBJECT_DEPS for c in cue.children)  # "..., and the mayor replied"
              and reporter.pos_ == "VERB" and reporter.i < clause.i
              and cue.tag_ == reporter.tag_ and (second_clause or cue.tag_ != clause.tag_))
    return reporter if joined else None


def word_before_adverbs(token: Token) -> Optional[Token]:
    """The word before a token and the adverbs just before it, or None at the sentence's start:
    the coordinator of 'but also cautioned', 'and then warned'."""
    i = token.i - 1
    while i > token.sent.start and token.doc[i].tag_ in ("RB", "RBR", "RBS") and token.i - i <= 2:  # not "when"
        i -= 1
    return token.doc[i] if i >= token.sent.start else None


def _reporter_of_trailing_participle(cue: Token) -> Optional[Token]:
    """'Vance told the radio that Ortiz had a reckless plan, adding, “…”': a participle after a
    comma, hung by the parser on the verb of a reported clause, adds to the report of the verb
    that reports that clause (Vance adds, not Ortiz)."""
    if cue.dep_ != "advcl" or not trailing_participle(cue):
        return None
    token = cue.head
    for _ in range(4):
        if token.dep_ == "ccomp" and token.head.i < token.i and token.head.pos_ == "VERB":
            return token.head
        if token.head.i == token.i or token.dep_ not in ("conj", "ccomp", "xcomp", "advcl"):
            return None
        token = token.head
    return None


def inverted_parenthetical_subject(cue: Token) -> Optional[Token]:
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


ISSUED_DOCUMENTS = word_set("issued_documents")


def issuer_of_document(cue: Token) -> Optional[Token]:
    """'Roe issued a statement saying talks may resume': a speech participle on the document a
    speaker issued speaks for the one who issued it (not for the document)."""
    document = cue.head
    if cue.dep_ != "acl" or cue.tag_ != "VBG" or document.dep_ != "dobj" or document.lemma_.lower() not in ISSUED_DOCUMENTS:
        return None
    return next((c for c in document.head.children if c.dep_ in SUBJECT_DEPS), None)


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


def said_by_who(cue: Token) -> bool:
    """'fishermen, who say ...': the relative pronoun "who" is someone, whatever its noun."""
    pronoun = _relative_pronoun(cue)
    return pronoun is not None and pronoun.lower_ == "who"


def _relative_pronoun_span(cue: Token) -> Optional[tuple[int, int]]:
    """The mention of a relative clause's speaker is the pronoun itself (the speaker is still
    Smith in 'Smith, who said ...', through the subject the resolver reads)."""
    pronoun = _relative_pronoun(cue)
    return (pronoun.idx, pronoun.idx + len(pronoun)) if pronoun is not None else None


def misparsed_main_verb(cue: Token) -> bool:
    """'Beruff, a state ally, called the standards strong': the parser hung the verb on the
    sentence's only noun phrase as a modifier; that noun phrase is its subject."""
    return cue.dep_ == "acl" and cue.head.dep_ == "ROOT" and cue.head.pos_ in ("NOUN", "PROPN")


def _participle_subject(cue: Token) -> Optional[Token]:
    """The subject of a misparsed main verb, or of a participle describing a noun ("voters
    saying they want a ban", "a letter calling for talks"): the noun phrase it hangs from."""
    if misparsed_main_verb(cue) or cue.dep_ == "acl" and cue.tag_ == "VBG" and cue.head.pos_ in ("NOUN", "PROPN", "PRON"):
        return cue.head
    return None


def speaking_participle(cue: Token, sense: str) -> bool:
    """'..., saying the plan would fail': a speech participle speaks for the subject it hangs
    from, whatever that subject is."""
    return sense == "speech" and cue.tag_ == "VBG" and cue.dep_ == "advcl"


def described_topic(cue: Token, subject: Token) -> Optional[Token]:
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


def no_speaker(subject: Token) -> bool:
    """'no one knows', 'nothing suggests', 'it is said': no speaker to attribute to."""
    if subject.dep_ == "expl" or subject.lower_ in NO_SPEAKER_WORDS:
        return True
    return any(c.dep_ == "det" and c.lower_ in ("no", "neither") for c in subject.children)


def stranded_subject(cue: Token) -> Optional[Token]:
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


def inverted_subject(cue: Token) -> Optional[Token]:
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


def statement_mention(doc: Doc, cue: Token, source: Token) -> tuple[int, int]:
    """The character range of a verb statement's speaker mention."""
    return _relative_pronoun_span(cue) or mention_span(doc, source)


def source_of(verb: Token) -> Optional[Token]:
    """Who a verb's report would come from: its "by" agent, else its subject (or the noun a
    misparsed main verb hangs from)."""
    return agent_of(verb) or subject_of(verb) or _participle_subject(verb)


def agent_of(verb: Token) -> Optional[Token]:
    """'was endorsed by the Times', 'a penalty imposed by the bureau': the passive's doer."""
    for child in verb.children:
        if child.dep_ == "agent":
            return next((g for g in child.children if g.dep_ == "pobj"), None)
    return None


def _bare_participle(cue: Token) -> bool:
    """An "-ing" form with no subject of its own ("arguing that …", "saying it was safe")."""
    return cue.tag_ == "VBG" and not any(c.dep_ in SUBJECT_DEPS for c in cue.children)


def trailing_participle(cue: Token) -> bool:
    """'…, arguing that …', '…, contradicting the claim that …': a participle after a comma
    with no subject of its own makes a statement of its own."""
    return _bare_participle(cue) and cue.i > 0 and cue.doc[cue.i - 1].text == ","


def can_speak(token: Token, lex: Lexicon) -> bool:
    """A person, body, group, document or pronoun: something words can come from."""
    if token.pos_ in ("PROPN", "PRON") or token.ent_type_ in ("PERSON", "ORG", "GPE", "NORP"):
        return True
    if _is_share_of_people(token):
        return True
    return token.lemma_.lower() in lex.source_nouns or lex.role_in(token.text) is not None


SHARE_WORDS = word_set("share_words")


def _is_share_of_people(token: Token) -> bool:
    """A subject that counts people: "six in 10", "52 percent", "a majority", "most"."""
    if token.dep_ not in SUBJECT_DEPS:
        return False
    return token.pos_ == "NUM" or token.ent_type_ in ("PERCENT", "CARDINAL") or token.lemma_.lower() in SHARE_WORDS


def can_be_cited(token: Token, lex: Lexicon) -> bool:
    """The object of 'according to': a speaker, or any record of words or figures (results,
    a tally, an average, a memoir), but not a rule followed ('according to plan')."""
    if can_speak(token, lex):
        return True
    misparsed_noun = token.pos_ == "ADJ" and token.dep_ == "pobj"  # "the polling average"
    return (token.pos_ == "NOUN" or misparsed_noun) and token.lemma_.lower() not in CONFORMITY_NOUNS
