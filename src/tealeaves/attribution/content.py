"""What was said: the content span of a cue (its clause, object or phrase; the words
around a parenthetical cue; a colon's paragraph), without listeners, venues and times."""

from __future__ import annotations

from typing import Optional

from spacy.tokens import Doc, Token
from spacy.tokens import Span as TokenSpan

from tealeaves.attribution.draft import TRIM_CHARS, trim
from tealeaves.attribution.speaker import FINITE_TAGS, QUOTE_MARKS, SUBJECT_DEPS, subject_of
from tealeaves.nlp.quotes import OPENING_TOKENS, opens_quote
from tealeaves.nlp.text import doc_text
from tealeaves.words import word_set

UNMARKED_REPORT_VERBS = word_set("unmarked_report_verbs")

CONTENT_DEPS = ("ccomp", "xcomp", "dobj", "attr", "oprd", "prep", "dative")

NON_CONTENT_OBJECTS = word_set("non_content_objects")
ADDRESSING_CUES = word_set("addressing_cues")


def passive_content(doc: Doc, verb: Token) -> Optional[tuple[int, int]]:
    """What a passive cue reports: its subject ("the plan was criticized by ..."), or the noun
    it describes ("a penalty imposed by the bureau")."""
    subject = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    if subject is not None and subject.lower_ in ("this", "that") and subject.left_edge.i == subject.right_edge.i:
        return None  # "This was stated by the minister": words reported before, not these
    if subject is not None:
        return trim(doc, subject.left_edge.i, subject.right_edge.i + 1)
    if verb.dep_ == "acl" and verb.head.i < verb.i:
        return trim(doc, verb.head.left_edge.i, verb.head.i + 1)
    return None


def opened_by(clause: Token, word: str) -> bool:
    """A clause opened by ``word`` ("for the US to take a stronger role", "as police said")."""
    return any(g.dep_ == "mark" and g.lower_ == word and g.i < clause.i for g in clause.children)


def _quoted_phrase(phrase: Token) -> bool:
    """A phrase in quotation marks, or one a quote follows at once ("called the mayor “a coward”")."""
    doc = phrase.doc
    first, after = phrase.left_edge.i, phrase.right_edge.i + 1
    return (first > 0 and doc[first - 1].text in QUOTE_MARKS or any(t.text in QUOTE_MARKS for t in doc[first : phrase.i])
            or after < len(doc) and doc[after].text in OPENING_TOKENS)


def calls_for_or_names(cue: Token) -> bool:
    """'called for talks', 'calls on Congress to act', 'called the plan a fraud': words, not a
    phone call or a called meeting."""
    for child in cue.children:
        if child.dep_ in ("prt", "prep", "mark") and child.lower_ in ("for", "on"):
            return True
        if child.dep_ in ("oprd", "ccomp", "xcomp") and not _names_the_antecedent(cue, child):
            return True
        if child.dep_ in ("advcl", "ccomp") and opened_by(child, "for"):
            return True  # "calling for the US to take a stronger role"
        if child.dep_ == "dobj" and any(g.dep_ == "appos" and g.i > child.i for g in child.children):
            return True  # "called his actions “a crucial step”"
        if child.dep_ == "dobj" and _quoted_phrase(child):
            return True  # "called the marchers “vandals”" (the name parsed as the object)
    return False


def _names_the_antecedent(cue: Token, complement: Token) -> bool:
    """'the shoal, which Manila calls Ayungin': a proper name given to the noun a relative
    clause describes is a naming, not words ("calls her Crooked Jo" still is)."""
    return complement.pos_ == "PROPN" and any(c.dep_ == "dobj" and c.tag_ == "WDT" for c in cue.children)


def content_from_children(doc: Doc, cue: Token, subject: Optional[Token]) -> Optional[tuple[int, int]]:
    """The content a cue governs to its right: that-clause, object, 'of' phrase..."""
    children = [c for c in cue.children if c.i > cue.i and c.dep_ in CONTENT_DEPS and (subject is None or c.i != subject.i)]
    children = [c for c in children if not (c.dep_ in ("dobj", "dative") and c.lower_ in NON_CONTENT_OBJECTS)]
    children = [c for c in children if not (c.dep_ == "prep" and c.lower_ in ("in", "at", "on", "during", "after", "before", "since", "with", "by")
                                            and not (any(g.dep_ == "pcomp" for g in c.children) and c.lower_ not in TIME_PREPOSITIONS)
                                            and not (c.lower_ == "with" and cue.lemma_.lower() in AGREEMENT_CUES))]
    children = [c for c in children if not (c.dep_ == "prep" and c.lower_ == "about" and cue.lemma_.lower() not in TOPIC_CUES | AGREEMENT_CUES)]
    children = [c for c in children if not _said_from_a_place(c) and not _capacity(cue, c) and not _channel(c)]
    children += [c for c in cue.children if c.i > cue.i and c.dep_ == "advcl" and opened_by(c, "for")]  # "calls for X to act"
    children += _clauses_on_venue(cue)
    children += _charge_after_aside(cue)
    children += [c for c in cue.children if _unmarked_report(cue, c)]
    if cue.lemma_.lower() == "thank" and any(c.lower_ == "for" for c in children):
        children = [c for c in children if c.lower_ == "for"]  # "thanked the crew for their patience": who is thanked is no words
    clause = next((c for c in children if c.dep_ == "ccomp"), None)
    if clause is not None:  # "told the Post that ...", "warned allies that ...": who heard it is not what was said
        children = [c for c in children if not (c.i < clause.i and (_listener(c) or _addressed(cue, c)))]
    elif any(c.dep_ in ("ccomp", "parataxis") and c.i < cue.i for c in cue.children):
        children = [c for c in children if not (_listener(c) or _addressed(cue, c))]  # "The plan is dead, she told the Post"
    if not children:
        return None
    first = min(c.left_edge.i for c in children)
    last = max(c.right_edge.i for c in children)
    while last > first and doc[last].pos_ == "CCONJ":
        last -= 1  # "said A but then added B": the coordinator of the next statement is none of A's words
    pronoun = next((p for t in doc[first : last + 1] if t.i != cue.i and (p := reaction_pronoun(t)) is not None), None)
    if pronoun is not None:  # "accused him of hoarding grain, which he has denied": his denial is his own
        last = pronoun.i - 1
    return trim(doc, first, last + 1)


REACTION_CUES = word_set("reaction_cues")


def reaction_pronoun(cue: Token) -> Optional[Token]:
    """The "which" of a reaction in a relative clause after a comma ("…, which the minister has
    denied"), or None: the clause's speaker answers the words before the comma."""
    if cue.dep_ != "relcl" or cue.lemma_.lower() not in REACTION_CUES:
        return None
    pronoun = next((c for c in cue.children if c.dep_ in ("dobj", "nsubjpass") and c.lower_ == "which"), None)
    if pronoun is None or pronoun.i == 0 or cue.doc[pronoun.i - 1].text not in (",", "–", "—"):
        return None
    return pronoun


def reacted_to(doc: Doc, cue: Token, cue_senses: dict[str, str]) -> Optional[tuple[int, int]]:
    """What a reaction in a relative clause answers: the words of the nearest reporting verb
    above it ("accused the governor of hoarding grain, which he denied"), or of its clause."""
    pronoun = reaction_pronoun(cue)
    if pronoun is None:
        return None
    head = _reporting_head(cue, cue_senses)
    start = head.i + 1 if head.lemma_.lower() in cue_senses else head.left_edge.i
    return trim(doc, start, pronoun.i - 1)


def _reporting_head(cue: Token, cue_senses: dict[str, str]) -> Token:
    """The nearest reporting verb above a relative clause, or the root of its sentence."""
    head = cue.head
    while head.head.i != head.i and not (head.pos_ in ("VERB", "AUX") and head.lemma_.lower() in cue_senses):
        head = head.head
    return head


def the_accused(cue: Token, pronoun: Token, cue_senses: dict[str, str]) -> Optional[Token]:
    """'accused the rebels – led by … – of …, which they have denied': the one a reaction's
    pronoun stands for is the object of the report it answers, when the number agrees; else None."""
    if reaction_pronoun(cue) is None or pronoun.pos_ != "PRON":
        return None
    head = _reporting_head(cue, cue_senses)
    accused = next((c for c in head.children if c.dep_ == "dobj" and c.pos_ in ("NOUN", "PROPN")), None)
    if accused is None or head.lemma_.lower() not in cue_senses or any(c.dep_ == "prep" for c in accused.children):
        return None  # "the rebels of blocking the road, which …": the parse gives no clean name; the pronoun stays
    plural = accused.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in accused.children)
    return accused if plural == (pronoun.lower_ in ("they", "them")) else None


def _charge_after_aside(cue: Token) -> list[Token]:
    """'accused the rebels – led by the front – of trying to seize power': the charge the
    parser hung on the aside between dashes or commas."""
    if not any(c.dep_ == "dobj" for c in cue.children) or any(c.dep_ == "prep" and c.lower_ == "of" for c in cue.children):
        return []
    return [charge for aside in cue.children if aside.dep_ in ("advcl", "acl") and aside.i > cue.i
            for charge in aside.children if charge.dep_ == "prep" and charge.lower_ == "of"
            and cue.doc[charge.i - 1].text in (",", "–", "—", "-") and any(g.dep_ == "pcomp" for g in charge.children)]


def _channel(child: Token) -> bool:
    """'saying talks may resume, according to the Planet': who relays the words is none of them."""
    return child.dep_ == "prep" and child.lower_ == "according"


def _capacity(cue: Token, child: Token) -> bool:
    """'insisted on its right as a signatory': a plain "as" phrase (no clause, no quote) with no
    object to describe is the capacity the speaker speaks in, not what was said ("described the
    plan as unfair", 'dismissed as “absurd” a claim that …' keep it)."""
    return child.dep_ == "prep" and child.lower_ == "as" and not any(c.dep_ in ("dobj", "nsubjpass") for c in cue.children) \
        and not any(t.dep_ in ("pcomp", "acl", "relcl", "ccomp") or t.text in QUOTE_MARKS for t in child.subtree)


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
            for clause in venue.children if clause.dep_ in ("acl", "ccomp", "relcl") and opened_by(clause, "that")]


TIME_PREPOSITIONS = word_set("time_prepositions")

AGREEMENT_CUES = word_set("agreement_cues")

TOPIC_CUES = word_set("topic_cues")

ANAPHORIC_CONTENT = word_set("anaphoric_content")


def anaphoric_content(cue: Token) -> Optional[tuple[int, int]]:
    """'He said so', 'a third said yes': a word that stands for what was said."""
    for child in cue.children:
        if child.i > cue.i and child.dep_ in ("dobj", "advmod", "intj", "ccomp") and child.lower_ in ANAPHORIC_CONTENT:
            return child.idx, child.idx + len(child)
    return None


TOPIC_PREPOSITIONS = word_set("topic_prepositions")


def topic_phrase(doc: Doc, cue: Token) -> Optional[tuple[int, int]]:
    """What a cue reports when it has no clause, quote or object: its topic phrase. A name, a
    pronoun or a date there is where, to whom or when ("on Twitter", "with him", "on Monday")."""
    for child in cue.children:
        if child.i < cue.i or child.dep_ != "prep" or child.lower_ not in TOPIC_PREPOSITIONS:
            continue
        object_ = next((g for g in child.children if g.dep_ in ("pobj", "pcomp")), None)
        if object_ is None or object_.ent_type_ or object_.pos_ in ("PRON", "PROPN"):
            continue
        return trim(doc, child.left_edge.i, child.right_edge.i + 1)
    return None


def as_clause(cue: Token) -> bool:
    """'…, as police have said': a cue in an "as" clause vouches for the clause it hangs on."""
    return as_clause_tokens(cue) is not None


def as_clause_tokens(cue: Token) -> Optional[set[int]]:
    """The tokens of the "as" clause a cue heads ("as police have said"), or None. The parser
    sometimes makes the cue the sentence's root and hangs "as" from it ("Rome, as one adviser
    pointed out, is far"): then the clause runs from "as" to the cue and its particle."""
    if cue.dep_ == "advcl" and opened_by(cue, "as"):
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


def _addressed(cue: Token, child: Token) -> bool:
    """'told agencies that …', 'assured lenders that …': the object of a verb of addressing
    (addressing_cues) before its clause is who heard it, whatever the noun ("explained the
    firings were rare", "repeated its demand that …" keep theirs)."""
    return child.dep_ in ("dobj", "dative") and cue.lemma_.lower() in ADDRESSING_CUES


def _listener(child: Token) -> bool:
    """'told the Herald', 'warned him': an object that is someone, not a thing ("reiterated
    its demand that ...")."""
    return child.dep_ == "dative" or child.dep_ == "dobj" and (
        child.pos_ in ("PROPN", "PRON") or child.ent_type_ in ("PERSON", "ORG", "NORP", "GPE"))


def paragraph_after_colon(doc: Doc, sent: TokenSpan, cue: Token) -> Optional[tuple[int, int]]:
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


def content_outside(doc: Doc, sent: TokenSpan, inside: set[int]) -> Optional[tuple[int, int]]:
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
            span = trim(doc, run_start, token.i if token is not None else sent.end)
            if span:
                runs.append(span)
            run_start = None
    return runs


def fronted_fragment(doc: Doc, cue: Token, subject: Token) -> Optional[tuple[int, int]]:
    """'Talks with the rebels, the general said, had broken down': the words before the
    reporting clause that the parser left hanging from the cue ("dep") begin what was said."""
    fragment = next((c for c in cue.children if c.dep_ == "dep" and c.right_edge.i < subject.left_edge.i
                     and doc[c.right_edge.i + 1].text == ","), None)
    return trim(doc, fragment.left_edge.i, fragment.right_edge.i + 1) if fragment is not None else None


def said_before_parenthesis(doc: Doc, sent: TokenSpan, cue: Token, subject: Token) -> Optional[tuple[int, int]]:
    """'The water had become so dirty, the mayor noted, that the river was closed': a cue
    between commas whose own clause follows it reports the words before it too."""
    if cue.dep_ != "parataxis":
        return None
    clause = cue_clause(cue, subject)
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


def around_parenthesis(doc: Doc, sent: TokenSpan, clause: set[int]) -> list[tuple[int, int]]:
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


def cue_clause(cue: Token, subject: Optional[Token]) -> set[int]:
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
    return clause | _outer_reporting_clause(cue)


def _outer_reporting_clause(cue: Token) -> set[int]:
    """'“…,” Roe said, the Planet reported': the channel's clause after the cue's own reports
    the cue and is none of Roe's words."""
    if cue.dep_ != "ccomp" or cue.head.i < cue.i:
        return set()
    own = {t.i for t in cue.subtree}
    outer = {t.i for t in cue.head.subtree} - own
    return outer if min(outer) > max(own) else set()


def trails_content(cue: Token, subject: Optional[Token]) -> bool:
    """'“…,” he said' / 'X did Y, officials said': the reporting clause follows a comma or quote."""
    if cue.dep_ not in ("ROOT", "ccomp", "conj"):
        return False
    first = min([cue.i] + ([subject.left_edge.i] if subject is not None else []))
    doc = cue.doc
    return first > cue.sent.start and doc[first - 1].text in (",", "”", '"', "''", "—", "–")
