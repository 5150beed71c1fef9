"""A person's role as the text gives it: cut to the role itself, and whether it is held now.

A role is read from a title before a name ("Russian Deputy Foreign Minister") or a description
after it ("Peskov, the Kremlin spokesman"). Only the words that describe the person count: a
relative clause ("..., who said the talks failed") is no part of the role, and a role noun that
is not the phrase's head names someone else ("an aide to President Aliyev" is no president;
"London's mayor rebuffs Trump" makes nobody a mayor).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Callable, Optional, Protocol

from tealeaves.lexicon import TITLE_WORDS, Lexicon, Role, bundled_yaml
from tealeaves.models import OBSERVER_KINDS

if TYPE_CHECKING:  # the store reads roles with this module, without spaCy
    from spacy.tokens import Doc

# Words that put an office in the past or the future: "former Secretary of State John Kerry"
# holds no office that another person's title could conflict with.
NOT_NOW = re.compile(r"\b(former|ex|then|late|incoming|outgoing|elect|designate|future|would-be)\b", re.IGNORECASE)
# What may follow a role noun in a title before a name: capitalised words ("Capt.", "of State"
# spelt out) and the small words of an of-phrase, then punctuation.
# The titles that name one country's office ("Defense Secretary": the United States'), which
# another country may use too: the record of officeholders says whose the holder is.
COUNTRY_TITLES = {title.lower(): side for side, cues in bundled_yaml("sides.yaml").items() for title in cues.get("titles", [])}
_TITLE_TAIL = re.compile(r"(?:\s+(?:[A-Z][\w.’'-]*|of|for|to|the|and|on))*[\s,.;:]*")


def role_text(text: str) -> str:
    """A title or description without a relative clause or trailing punctuation."""
    return re.split(r",?\s+(?:who|which|whose|whom)\s", text, maxsplit=1)[0].strip(" ,;:")


def heads(text: str, noun: str) -> bool:
    """Whether a role noun (found in ``text`` by the lexicon) heads it: only what a title may
    carry after its noun follows the noun's last use ("spokesman Capt." but not "mayor rebuffs"
    nor "Editor's note")."""
    ends = [m.end() for m in re.finditer(rf"(?<![\w-]){re.escape(noun)}s?(?![\w-])", text.lower())]
    if text.split()[-1].lower() in ("of", "for", "to", "at", "with", "by", "from"):
        return False  # "spokeswoman for Jane Roe": the name after it is someone else's
    return bool(ends) and _TITLE_TAIL.fullmatch(text[ends[-1]:]) is not None


def plural(text: str, noun: str) -> bool:
    """Whether the last use of a role noun in ``text`` is its plural ("Republican presidential
    candidates"): a title of several people, none of whom it describes alone."""
    uses = re.findall(rf"(?<![\w-]){re.escape(noun)}(s?)(?![\w-])", text.lower())
    return bool(uses) and uses[-1] == "s" and not noun.endswith("s")


def held_now(text: str) -> bool:
    """Whether a title names an office its holder holds ("President", not "former President")."""
    return NOT_NOW.search(text) is None


def qualifiers_agree(mention: str, described: str, side_of: Callable[[str], Optional[str]]) -> bool:
    """Whether the capitalised words of a role mention ("the New Jersey governor") are all in
    what is known of a person (their role and name), apart from the words that name a side,
    which the caller compares as sides."""
    words = re.findall(r"[A-Z][\w’'-]*", mention)
    return all(w in described or side_of(w) is not None for w in words if w not in ("The", "A", "An"))


def role_matches(actor: Holder, role: Optional[Role], lex: Lexicon) -> bool:
    """Whether a role mention ("the diplomat", "the president") may name a person of known
    role: the same role noun, one the lexicon says is the same post, or a word of their title,
    but not a word of a longer post ("the president" is no vice president, "the minister" no
    prime minister: the lexicon's own same_as says which longer posts a word names)."""
    if actor.role_noun is None or role is None:
        return False
    own = lex.roles.get(actor.role_noun)
    in_title = role.noun in (actor.role or "").lower().split() and role.noun not in actor.role_noun.split()
    return (role.noun == actor.role_noun or actor.role_noun in role.same_as or in_title
            or own is not None and role.noun in own.same_as)  # "the diplomat" for a deputy foreign minister


class Holder(Protocol):
    """What ``side_from_office`` reads and sets of an actor being built."""

    name: str
    kind: str
    aliases: list[str]
    role: Optional[str]
    role_noun: Optional[str]
    office: bool
    side: Optional[str]


def side_from_office(actor: Holder, lex: Lexicon, year: Optional[int]) -> None:
    """A person the text gives no side: the side of the office they held in the article's
    year, from the bundled record of officeholders ("President Joe Biden" -> United States);
    an administration or government named after such a person takes their side."""
    if actor.side is not None and not _side_by_title_only(actor, lex) or actor.kind in OBSERVER_KINDS:
        return
    names = [actor.name, *actor.aliases]
    if actor.kind in ("organization", "group"):
        names = [m.group(1) for n in names if (m := re.match(r"(?:the\s+)?(.+?)\s+(?:administration|government|cabinet)$", n, re.I))]
    elif len(_name_words(actor.name, lex)) > 1:  # "Brian Fallon" is not the Fallon in office, whatever "Mr. Fallon" says
        names = [n for n in names if len(_name_words(n, lex)) > 1]
    for name in names:
        term = lex.officeholder(name, year)
        if term is not None:
            actor.side = term.side
            if actor.role is None and year is not None and actor.kind not in ("organization", "group"):
                role = lex.role_in(term.office)
                actor.role, actor.kind = f"{term.office}, {term.side}", "official"
                actor.role_noun, actor.office = (role.noun, role.office) if role else (None, False)
            return


def _side_by_title_only(actor: Holder, lex: Lexicon) -> bool:
    """Whether a person's side comes only from a country's title in their role, which names no
    country otherwise ("Defense Secretary Jan Roe", not "U.S. Defense Secretary Jan Roe")."""
    role = actor.role or ""
    titles = [t for t, side in COUNTRY_TITLES.items()
              if side == actor.side and re.search(rf"(?<!\w){re.escape(t)}(?!\w)", role, re.IGNORECASE)]
    return bool(titles) and len(_name_words(actor.name, lex)) > 1 and lex.side_of(
        re.sub("|".join(map(re.escape, titles)), " ", role, flags=re.IGNORECASE)) is None


def _name_words(name: str, lex: Lexicon) -> list[str]:
    """The words of a name that are no title or honorific ("Mr. Roe": ["roe"])."""
    return [w for w in re.findall(r"[\w’'-]+", name.lower()) if w not in TITLE_WORDS and w not in lex.genders["honorifics"]]


def line_start(doc: Doc, end: int, floor: int = 0) -> int:
    """The first token, not before ``floor``, of the line that holds token ``end``: a title never
    runs over a line's end ("... via Ukraine" / "Russian Prime Minister Vladimir Putin")."""
    for i in range(end - 1, floor - 1, -1):
        if "\n" in doc[i].text_with_ws:
            return i + 1
    return floor


def title_run(doc: Doc, ent_start: int, lex: Lexicon) -> Optional[str]:
    """A title the parser cut off from its name, often at an abbreviation's full stop
    ("Defense Ministry spokesman Capt. Ana Ruiz"): the capitalised words, nouns and "of"s right
    before the name, when they hold a role; else None."""
    start = ent_start
    first = line_start(doc, ent_start, floor=max(0, ent_start - 8))
    while start > first:
        token = doc[start - 1]
        if not (token.pos_ in ("PROPN", "NOUN", "ADJ") or token.lower_ in ("of", "for", "'s", "’s")
                or (token.text == "." and start - 2 >= 0 and doc[start - 2].pos_ == "PROPN")):
            break
        start -= 1
    return doc[start:ent_start].text if start < ent_start and lex.role_in(doc[start:ent_start].text) else None
