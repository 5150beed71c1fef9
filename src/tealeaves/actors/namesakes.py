"""Which of a family's members a surname means ("Mrs. Roe" is never "Bill Roe"), which
mentions name one person only, so that they may be that person's aliases, and which person a
headline's name is.

A document that names "Bill Roe" first and "Jane Roe" later reads a bare "Roe" as the first
named; an honorific before the surname says more: "Mrs." and "Ms." mean a woman, "Mr." a man
(``data/genders.yaml``). When the person the surname would mean is known to be of the other
gender, the mention is the one person of that surname and gender, or, when the document names
no such person, someone of their own ("Mrs. Roe", not Bill Roe).
"""

from __future__ import annotations

import re
from typing import Callable, Container, Iterable, Mapping, Optional, Protocol, TypeVar

from spacy.tokens import Doc, Span, Token

from tealeaves.actors.antecedents import MESSAGE_NOUNS
from tealeaves.actors.roles import heads, title_run
from tealeaves.lexicon import TITLE_WORDS, Lexicon, name_key
from tealeaves.nlp.text import doc_text, headline_end
from tealeaves.words import word_set


class Person(Protocol):
    name: str
    surname: Optional[str]


P = TypeVar("P", bound=Person)


def honorific_gender(words: Iterable[Token], honorifics: dict[str, str]) -> Optional[str]:
    """The gender the last honorific among a mention's words gives ("Mrs." -> "f"), or None."""
    found = [honorifics[w.lower_.rstrip(".")] for w in words if w.lower_.rstrip(".") in honorifics]
    return found[-1] if found else None


def namesake(actor: P, wanted: Optional[str], people: Iterable[P], gender: Callable[[P], Optional[str]]) -> Optional[P]:
    """The person a gendered mention of ``actor``'s surname means: ``actor`` when the genders
    may agree, else the one other person of that surname and ``wanted`` gender (else the one of
    unknown gender: "Mrs. Roe" after "Bill Roe" and "Kim Roe"); None when the document names no
    one (or several) of them."""
    if wanted is None or actor.surname is None or gender(actor) in (None, wanted):
        return actor
    surname = name_key(actor.surname)
    others = [p for p in people if p is not actor and p.surname is not None and name_key(p.surname) == surname]
    for fits in ([p for p in others if gender(p) == wanted], [p for p in others if gender(p) is None]):
        if fits:
            return fits[0] if len(fits) == 1 else None
    return None


def names_others(words: Iterable[Token], actor: P, by_surname: Callable[[str], Optional[P]]) -> bool:
    """Whether a mention of ``actor`` joins names ("Jan Roe and Ana Lind") or names another
    person named in full ("Roe-Lind", a headline's "Lind Thanks Roe"): such a phrase is no alias
    of one person. A one-word "person" is left out: the model takes a people's adjective for a
    name ("Valdoran" of "Valdoran Foreign Minister Jan Roe")."""
    own, words = name_key(actor.surname or ""), list(words)
    return any(w.dep_ == "cc" or w.lower_ in ("and", "or", "&") for w in words) or any(
        (other := by_surname(w.text)) is not None and other is not actor and name_key(w.text) != own
        and len(other.name.split()) > 1 for w in words if w.pos_ == "PROPN")


def headline_last(doc: Doc) -> tuple[int, list[Span]]:
    """Where a document's headline ends (else 0), and the document's entities with the
    headline's after the body's. A headline's capitals run words into names ("Critics Slam
    Jane Roe", "Will Roe Quit?"): the body names the people, and the headline's names are read
    as theirs where they can be."""
    end = headline_end(doc_text(doc))
    return end, sorted(doc.ents, key=lambda e: e.end_char <= end)


def named_within(full: str, by_full_name: Mapping[str, P]) -> Optional[P]:
    """The one person known by a run of two or more of a headline name's words, fewer than all
    ("Jane Roe" in "Critics Slam Jane Roe"); None when no one or two people are."""
    words = full.split()
    found = {id(p): p for n in range(2, len(words)) for i in range(len(words) - n + 1)
             if (p := by_full_name.get(" ".join(words[i : i + n]))) is not None}
    return next(iter(found.values())) if len(found) == 1 else None


def first_full_name(doc: Doc, surname: str, titles: Callable[[str], bool], after: int = 0,
                    first_names: Container[str] = ()) -> Optional[str]:
    """The full name the body (from character ``after``, past a headline's capitals) first
    writes with ``surname`` ("Donald Trump" of a dateline's "CLEVELAND - Donald Trump ..."),
    whether or not the model tagged it: the capitalised words right before the surname that
    are no title (``titles``), with the surname; else None. A sentence's capitalised first
    word is a name only when ``first_names`` lists it ("Debating Roe, ..." names no Debating)."""
    for token in doc:
        if token.text == surname and token.i > 0 and token.idx >= after:
            start = token.i
            while start > 0 and token.i - start < 3 and _name_word(doc[start - 1], titles):
                start -= 1
            if start < token.i and doc[start].is_sent_start and doc[start].lower_ not in first_names:
                start += 1
            if start < token.i:
                return doc[start : token.i + 1].text
    return None


def _name_word(token: Token, titles: Callable[[str], bool]) -> bool:
    """A first or middle name, or an initial ("J."), that is no title."""
    if re.fullmatch(r"[A-Z]\.", token.text):
        return True
    return token.pos_ == "PROPN" and token.text.istitle() and token.text.isalpha() and not titles(token.lower_)


def titled_officeholder(doc: Doc, start: int, head: Token, people: Iterable[P], lex: Lexicon) -> Optional[P]:
    """The person a lone surname after an office's title means (the mention's words from
    ``start`` to ``head``) when the document names several of that surname: the one who held
    that office (officeholders.yaml, at any time), so that "President Bush" beside "Jeb Bush" and
    "George W. Bush" is George W. Bush; None when the name is more than a surname, the title is
    no office, or not exactly one of them held it."""
    words = [t for t in doc[start : head.i + 1] if t.pos_ == "PROPN"
             and t.lower_.rstrip(".") not in TITLE_WORDS and t.lower_ not in lex.roles]
    if len(words) != 1 or words[0].i != head.i:
        return None
    left = [t for t in head.subtree if t.i < head.i and t.dep_ not in ("det", "punct")]
    title = doc[left[0].i : head.i].text if left else title_run(doc, head.i, lex)
    role = lex.role_in(title) if title else None
    if title is None or role is None or not role.office or not heads(title, role.noun):
        return None
    holders = [p for p in people if p.surname == head.text and " " in p.name
               and (term := lex.officeholder(p.name, None)) is not None and term.office == role.noun]
    return holders[0] if len(holders) == 1 else None


# Entities that are no person, and the endings of abstract nouns ("expression", "convention"):
# a description of either is no alias of a person the parser hung it on.
_NOT_PEOPLE = frozenset({"ORG", "GPE", "LOC", "FAC", "EVENT", "WORK_OF_ART", "LAW", "PRODUCT"})  # "the top Democrat": NORP
EVENT_NOUNS = word_set("event_nouns")
_ABSTRACT = re.compile(r"(?:tion|sion|ment|ness|ity|ism)s?$")


def may_describe(noun: Token, description: str, surname: Optional[str]) -> bool:
    """Whether an apposition the parser attached to a person's name may describe that person:
    not a named body or place ("the FBI"), not a contrast ("the bureau, not Roe"), not an
    abstract noun ("the most significant expression of dissent") nor an event or a message
    ("the worst attack in a decade"), and not a phrase that names
    the person inside it."""
    if noun.ent_type_ in _NOT_PEOPLE or _ABSTRACT.search(noun.lower_) or any(c.dep_ == "neg" for c in noun.children):
        return False
    if noun.lemma_.lower() in EVENT_NOUNS or noun.lemma_.lower() in MESSAGE_NOUNS:
        return False  # "the worst attack in a decade", "her statement"
    return not surname or re.search(rf"(?<!\w){re.escape(surname)}(?!\w)", description) is None


def apposed(noun: Token, name: Token, lex: Lexicon) -> bool:
    """Whether a name the parser hung on a noun before it is that noun's apposition: set off by a
    comma or a dash ("the Kremlin spokesman, Jan Roe"), after a role ("his spokesman Jan Roe"),
    or closing its clause ("the RT host Jan Roe."); not in brackets ("the country (Jan Roe)"),
    not a relative clause's subject ("the server Jan Roe (often) used"), not one example of a set ("the
    rhetoric of the party, particularly Roe")."""
    doc = name.doc
    before, end = doc[name.left_edge.i - 1], name.right_edge.i + 1
    if noun.i > name.i or before.text == "(" or any(c.dep_ == "advmod" for c in name.children):
        return False
    while end < len(doc) and doc[end].pos_ == "ADV":
        end += 1  # "the amount Jan Roe essentially gave"
    closing = end >= len(doc) or doc[end].pos_ not in ("VERB", "AUX")
    return before.text in (",", "-", "—", "–") or lex.role_in(noun.text) is not None or closing


def role_over_of_phrase(name: Token, lex: Lexicon) -> Optional[Token]:
    """The role noun a name set off by a comma describes when the parser hung the name on the
    place of an of-phrase after that noun ("the president of Valdora, Jan Roe" makes Jan Roe
    Valdora's apposition); None otherwise."""
    place = name.head
    if name.dep_ != "appos" or place.dep_ != "pobj" or place.head.lower_ != "of" or place.i > name.i:
        return None
    noun = place.head.head
    before = name.doc[name.left_edge.i - 1] if name.left_edge.i > 0 else None
    if noun.pos_ != "NOUN" or before is None or before.text not in (",", "-", "—", "–"):
        return None
    return noun if lex.role_in(noun.text) is not None else None
