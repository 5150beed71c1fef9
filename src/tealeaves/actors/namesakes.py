"""Which of a family's members a surname means ("Mrs. Roe" is never "Bill Roe"), and which
mentions name one person only, so that they may be that person's aliases.

A document that names "Bill Roe" first and "Jane Roe" later reads a bare "Roe" as the first
named; an honorific before the surname says more: "Mrs." and "Ms." mean a woman, "Mr." a man
(``data/genders.yaml``). When the person the surname would mean is known to be of the other
gender, the mention is the one person of that surname and gender, or, when the document names
no such person, someone of their own ("Mrs. Roe", not Bill Roe).
"""

from __future__ import annotations

from typing import Callable, Iterable, Optional, Protocol, Sequence, TypeVar

from spacy.tokens import Token

from tealeaves.lexicon import name_key


class Person(Protocol):
    name: str
    surname: Optional[str]


P = TypeVar("P", bound=Person)


def honorific_gender(words: Sequence[Token], honorifics: dict[str, str]) -> Optional[str]:
    """The gender the last honorific among a mention's words gives ("Mrs." -> "f"), or None."""
    found = [honorifics[w.lower_.rstrip(".")] for w in words if w.lower_.rstrip(".") in honorifics]
    return found[-1] if found else None


def namesake(actor: P, wanted: Optional[str], people: Iterable[P], gender: Callable[[P], Optional[str]]) -> Optional[P]:
    """The person a gendered mention of ``actor``'s surname means: ``actor`` when the genders
    may agree, else the one other person of that surname and ``wanted`` gender; None when the
    document names no one (or several) of them."""
    if wanted is None or actor.surname is None or gender(actor) in (None, wanted):
        return actor
    surname = name_key(actor.surname)
    others = [p for p in people if p is not actor and p.surname is not None and name_key(p.surname) == surname
              and gender(p) == wanted]
    return others[0] if len(others) == 1 else None


def names_others(words: Sequence[Token], actor: P, by_surname: Callable[[str], Optional[P]]) -> bool:
    """Whether a mention of ``actor`` joins names ("Jan Roe and Ana Lind") or names another
    person ("Roe-Lind", a headline's "Lind Thanks Roe"): such a phrase is no alias of one person."""
    own = name_key(actor.surname or "")
    return any(w.dep_ == "cc" or w.lower_ in ("and", "or", "&") for w in words) or any(
        (other := by_surname(w.text)) is not None and other is not actor and name_key(w.text) != own
        for w in words if w.pos_ == "PROPN")
