"""People's names compared as one person's or not, in a document and across a corpus.

Precision comes first: a wrong merge puts one person's words in another's mouth. Two names are
one person's when their surnames agree and their first names agree (an initial agrees with a
name it begins); a middle name or initial written in one only does not part them, two that
differ do ("George H. W. Bush" is not "George W. Bush"). Case, dots and diacritics are ignored
("Nicolás Maduro" = "Nicolas Maduro"). A short form of a first name agrees with its formal name
only by the list of ``data/speakers.yaml`` ("Joe" = "Joseph"), and a suffix written in one name
only parts them unless the bundled officeholders list both spellings as one person's
("Joseph R. Biden Jr." = "Joe Biden").
"""

from __future__ import annotations

import functools
import re
from typing import Callable, NamedTuple, Optional

from tealeaves.actors.name_parts import NAME_PARTICLES  # lower-case words inside a name: "bin", "von"
from tealeaves.lexicon import (
    TITLE_WORDS,
    Officeholder,
    bundled_yaml,
    default_lexicon,
    name_key,
    normalize,
    spelling_key,
)
from tealeaves.words import word_set

# Words before a name that are no part of it ("Mr.", "Sen."), and after it ("Jr.").
HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "sir", "dame", "lord", "lady", "madam", "madame", "mme", "rev",
                        "sheikh", "sheikha", "shaikh"})
# Words that make a proper name a body's, not a person's ("Acme Holdings", "Valdora Times").
ORG_WORDS = {"ministry", "party", "agency", "times", "post", "institute", "center", "centre", "council", "committee",
             "department", "office", "bank", "group", "news", "company", "corporation", "university", "college",
             "association", "union", "foundation", "service", "services", "forces", "army", "navy", "court", "inc",
             "ltd", "press", "journal", "network", "commission", "house", "senate", "congress", "assembly"
             } | word_set("state_bodies")  # "Air Force", "Coast Guard": a body, never a person's name
SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
DESCRIPTION_WORDS = word_set("description_words")  # "for", "the": a description, not a title
# (formal first name, one of its short forms): ("joseph", "joe"), ("edward", "ed")
NICKNAMES = frozenset((formal, short) for formal, shorts in bundled_yaml("speakers.yaml")["nicknames"].items()
                      for short in shorts)


class PersonName(NamedTuple):
    """A person's full name as compared: first name, middle names or initials, surname."""

    first: str
    middles: tuple[str, ...]
    surname: str
    suffix: str = ""  # "jr": Donald Trump Jr. is not Donald Trump


def without_the(phrase: str) -> str:
    """A body's name as a phrase gives it, without its leading "the" ("the Daily Ledger")."""
    return re.sub(r"^(the)\s+", "", phrase, flags=re.IGNORECASE)


def is_initials(word: str) -> bool:
    """Whether a word could be a body's initials: two to six capital letters ("PMO", "MEA")."""
    return 2 <= len(word) <= 6 and word.isalpha() and word.isupper()


def abbreviates(short: str, name: str, place: Callable[[str], object] = lambda word: None) -> bool:
    """Whether ``short``, in capitals, is made of the initials of ``name``'s words, small words,
    possessives and the places ``place`` finds before or after left out ("PMO" of "Prime
    Minister's Office", "MEA" of "India's Ministry of External Affairs")."""
    if not is_initials(short):
        return False
    words = [w for w in re.split(r"[\s-]+", re.sub(r"[’']s\b", "", name)) if w and w[0].isupper()]
    spelled = lambda words: "".join(w[0] for w in words) == short  # noqa: E731
    if spelled(words):
        return True
    while words and place(words[0]):
        words = words[1:]
    while words and place(words[-1]):
        words = words[:-1]
    return spelled(words)


def slug(name: str) -> str:
    """An id made of a name: "Nicolás Maduro" -> "nicolas_maduro"."""
    return re.sub(r"[^a-z0-9]+", "_", normalize(name_key(name))).strip("_") or "actor"


# Particles that never stand as a first name: "Abu Zuhri" is a surname alone ("Al Gore" and
# "Ben Carson" are first names and surnames; a lower-case "de Gaulle" is a surname alone too).
SURNAME_ONLY_PARTICLES = frozenset({"abu", "bin", "bint", "ibn"})


def person_name(name: str) -> Optional[PersonName]:
    """The parts of a full name after any title ("Secretary of State John F. Kerry" is read
    from "John") and before any suffix ("Jr."), or None for a lone surname (hyphenated or not) or anything
    that is no name ("the Democratic nominee")."""
    name = " ".join(_after_title(name.split()))
    if len(name.split()) < 2:
        return None  # one word, hyphens and all: a surname ("Dubois-Lefevre"), not first name and surname
    words = name_key(re.sub(r"['’]s$", "", name)).split()
    suffix = words.pop() if len(words) > 2 and words[-1] in SUFFIXES else ""
    while len(words) > 1 and (words[0] in TITLE_WORDS or words[0] in HONORIFICS or words[0] in ("of", "state")):
        words = words[1:]
    if len(words) < 2 or not all(re.fullmatch(r"[^\W\d_][\w']*", w) for w in words):
        return None
    written = name.split()[-len(words):] if len(name.split()) >= len(words) else name.split()
    while len(words) > 1 and words[-2] in NAME_PARTICLES and (
            len(words) > 2 or words[-2] in SURNAME_ONLY_PARTICLES or written[-2][:1].islower()):
        words[-2:] = [f"{words[-2]} {words[-1]}"]  # "Sami Abu Zuhri": the surname is "Abu Zuhri"
        written[-2:] = [" ".join(written[-2:])]
    if len(words) < 2:
        return None  # "Abu Zuhri", "de Gaulle": a surname alone
    return PersonName(words[0], tuple(words[1:-1]), words[-1], suffix)


def _after_title(words: list[str]) -> list[str]:
    """A name's words after the last that cannot be part of a name: a lower-case word other
    than a particle, or an acronym in a name not written in capitals ("former Acme CEO Jane
    Roe", "Democratic presidential candidate Jane Roe" -> "Jane Roe"); none of a description
    ("spokeswoman for Jane Roe", "the number of deleted ...", anything with a comma)."""
    if any(w.lower() in DESCRIPTION_WORDS or w.endswith(",") for w in words):
        return []
    shouted = all(w.upper() == w for w in words)
    cuts = [i for i, w in enumerate(words) if (w[:1].islower() and w not in NAME_PARTICLES)
            or (not shouted and len(w) >= 3 and w.isalpha() and w.isupper())]
    return words[cuts[-1] + 1:] if cuts else words


def _agree(a: str, b: str) -> bool:
    """Two name parts agree when equal, or when one is an initial the other begins with."""
    short, long = sorted((a, b), key=len)
    return long.startswith(short) if len(short) == 1 else short == long


def _first_names_agree(a: str, b: str) -> bool:
    """Two first names agree as name parts do, when one is a short form of the other by
    ``data/speakers.yaml`` ("joe" and "joseph"), or when one spells a letter of the other
    twice ("hilary" and "hillary", "philip" and "phillip")."""
    return _agree(a, b) or (a, b) in NICKNAMES or (b, a) in NICKNAMES or _one_letter_doubled(a, b)


def _one_letter_doubled(a: str, b: str) -> bool:
    """Whether two names of four letters or more differ only by one letter written twice."""
    short, long = sorted((a, b), key=len)
    return len(short) >= 4 and len(long) == len(short) + 1 and any(
        long[i] == long[i - 1] and long[:i] + long[i + 1:] == short for i in range(1, len(long)))


@functools.lru_cache(maxsize=1)
def _officeholder_spellings() -> dict[str, frozenset[str]]:
    """Each spelling of a bundled officeholder's name -> all the spellings of that name."""
    spellings: dict[str, frozenset[str]] = {}
    for term in default_lexicon().officeholders:
        for name in term.names:
            spellings[name] = spellings.get(name, frozenset()) | frozenset(term.names)
    return spellings


def _one_officeholder(a: PersonName, b: PersonName) -> bool:
    """Whether the bundled officeholders list both names as spellings of one person."""
    key_a, key_b = (" ".join((n.first, *n.middles, n.surname, n.suffix)).strip() for n in (a, b))
    return key_b in _officeholder_spellings().get(key_a, frozenset())


def could_be_one(a: str, b: str, holder: Optional[Callable[[str], Optional[Officeholder]]] = None) -> bool:
    """Whether a person known as ``a`` may be the one named ``b``: the names are one person's
    (``same_person``), or either is no full name ("Trump" may be "Donald Trump"; whose it is,
    the context tells). A person known so far by a lone surname that ``holder`` (the
    officeholder a surname names in the article's year) says is an officeholder's is no
    namesake: "Obama" in 2016 is not a later "Michelle Obama". A lone surname after a full
    name is that person's ("Brian Fallon" ... "Fallon", whoever else is called Fallon)."""
    name_a, name_b = person_name(a), person_name(b)
    if name_a and name_b:
        return same_person(a, b) is not None
    if holder is not None and name_a is None and name_b is not None and (term := holder(a)) is not None:
        return any(same_person(n.title(), b) for n in term.names)
    return True


def same_person(a: str, b: str) -> Optional[str]:
    """Why two full names are one person's (the evidence, in words), or None when they may
    not be: a surname, first name or suffix that differs, or middle names that disagree; the
    bundled officeholders' spellings of one name are one person's whatever their parts."""
    name_a, name_b = person_name(a), person_name(b)
    if name_a is None or name_b is None:
        return None
    if (evidence := _same_parts(name_a, name_b)) is not None:
        return "the same name" + ("" if a.casefold() == b.casefold() else " (title, case, dots or accents aside)") \
            if evidence == "the same name" else evidence
    if _one_officeholder(name_a, name_b):
        return "two spellings of one officeholder's name (data/officeholders.yaml)"
    return None


def _same_parts(name_a: PersonName, name_b: PersonName) -> Optional[str]:
    """Why two names' parts are one person's, or None."""
    if (name_a.surname, name_a.suffix) != (name_b.surname, name_b.suffix):
        return None
    if _initials_of(name_a, name_b) or _initials_of(name_b, name_a):
        return "the same surname, and a first name made of the other's initials"
    if not _first_names_agree(name_a.first, name_b.first):
        return None
    if name_a.middles and name_b.middles and (
            len(name_a.middles) != len(name_b.middles)
            or not all(_agree(x, y) for x, y in zip(name_a.middles, name_b.middles, strict=True))):
        return None
    if name_a == name_b:
        return "the same name"
    if _one_letter_doubled(name_a.first, name_b.first):
        return "the same surname, and a first name spelt with one letter doubled"
    if not _agree(name_a.first, name_b.first):
        return "the same surname, and a first name that is a short form of the other's (data/speakers.yaml)"
    if name_a.first != name_b.first:
        return "the same surname, and a first initial that begins the other's first name"
    return "the same first name and surname; a middle name or initial in one only"


def _initials_of(short: PersonName, full: PersonName) -> bool:
    """Whether a first name spells the initials of another's first, middle and last names
    ("Jeb Bush" for "John Ellis Bush")."""
    return not short.middles and bool(full.middles) and len(short.first) > 2 and short.first == "".join(
        part[0] for part in (full.first, *full.middles, full.surname))


class NameKeyed(dict):
    """People by a name, compared without case or diacritics ("Niinistö" = "Niinisto")."""

    def __getitem__(self, name: str):
        return super().__getitem__(name_key(name))

    def __setitem__(self, name: str, actor) -> None:
        super().__setitem__(name_key(name), actor)

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and super().__contains__(name_key(name))

    def get(self, name: str, default=None):
        return super().get(name_key(name), default)

    def spelled(self, name: str):
        """The one person whose lone name is another spelling of a lone ``name`` of five letters
        or more ("Gadaffi" after "Gaddafi", ``spelling_key``), or None: short names ("Le",
        "Lee") and two people so spelled are left apart."""
        key = spelling_key(name_key(name))
        if " " in key or len(key) < 5:
            return None
        found = {id(a): a for k, a in self.items() if " " not in k and spelling_key(k) == key}
        return next(iter(found.values())) if len(found) == 1 else None

    def begun_by(self, name: str):
        """The one person whose full name a lone ``name`` begins ("Wu" after "Wu Qian", a family
        name written first), or None when no one's or several people's do."""
        key = name_key(name)
        found = {id(a): a for k, a in self.items() if " " not in key and " " in k and k.split()[0] == key}
        return next(iter(found.values())) if len(found) == 1 else None
