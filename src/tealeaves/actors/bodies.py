"""What a proper name says of the body it names: which side, if any, and whether it is a news outlet.

A place inside a longer proper name gives that name a side only when the name is a state body
or an official's title ("Russian Foreign Ministry", "Israeli Air Force", "U.S. Secretary of
State"): "The New York Times", "The Jerusalem Post", "Times of India" or "Bank of America" speak
for no state. A news outlet (a name headed by "Times", "Post", "News", ...) is an observer: it
relays what parties say and is no party itself (docs/codebook.md, D1 and D11). An unnamed
official of a body ("a military spokesman") speaks for the side the article gives that body.
"""

from __future__ import annotations

import re
from typing import Callable, Optional

from spacy.tokens import Token

from tealeaves.lexicon import TITLE_WORDS, Lexicon
from tealeaves.words import word_set

STATE_BODIES = word_set("state_bodies")  # "ministry", "army", "embassy": heads of a state's bodies
# A word of a proper name: capitalised, with dots and inner apostrophes ("U.S.", "O'Brien");
# the small words that join a name's words ("Ministry of Defence", "Agency for ...").
_WORD = r"[A-Z][\w.&’'-]*"
_PROPER_RUN = re.compile(rf"{_WORD}(?:\s+(?:(?:of|for|on|the|de)\s+)*{_WORD})*")
_POSSESSIVE = re.compile(r"[’']s\b")
_JOINERS = ("of", "for", "on", "the", "de")


def proper_runs(text: str) -> list[tuple[int, int]]:
    """The character ranges of the proper names in ``text``: runs of capitalised words and the
    small words between them; a possessive ends a run ("Russia's Vladimir Putin" is two names)
    and a leading article is no part of it."""
    runs = []
    for piece_start, piece in _pieces(text):
        for match in _PROPER_RUN.finditer(piece):
            start, end = match.span()
            while (article := re.match(r"(?:The|A|An)\s+", piece[start:end])) and start + article.end() < end:
                start += article.end()
            runs.append((piece_start + start, piece_start + end))
    return runs


def _pieces(text: str) -> list[tuple[int, str]]:
    """``text`` cut after each possessive, with each piece's offset."""
    pieces, start = [], 0
    for match in _POSSESSIVE.finditer(text):
        pieces.append((start, text[start : match.end()]))
        start = match.end()
    pieces.append((start, text[start:]))
    return pieces


def name_head(name: str) -> str:
    """The word a proper name is about, lowercased: the last word before its first "of" or
    "for" ("Ministry of Defence", "Times of India"), else its last word."""
    words = _POSSESSIVE.sub("", name).split()
    for i, word in enumerate(words[1:], 1):
        if word in ("of", "for"):
            return words[i - 1].lower().strip(".")
    return words[-1].lower().strip(".") if words else ""


def is_outlet(name: str, lex: Lexicon) -> bool:
    """Whether a proper name names a news outlet: headed by a word of the press ("The New York
    Times", "Fox News", "Times of India"), not an agency of a state ("Central Intelligence
    Agency": an agency is news only as a news or press agency)."""
    head = name_head(name)
    if head == "agency":
        return bool(re.search(r"\b(News|Press)\b", name))
    return head in lex.journalist_context


def context_kind(text: str, lex: Lexicon) -> Optional[str]:
    """The observer a description makes of a person: "journalist" for a writer of the press
    ("a reporter for The Daily Ledger"), "analyst" for one of a think tank or a university."""
    lowered = text.lower()
    if any(word in lowered for word in lex.journalist_context) and re.search(
            r"\b(editor|writer|reporter|correspondent|columnist)", lowered):
        return "journalist"
    if any(word in lowered for word in lex.analyst_context):
        return "analyst"
    return None


def names_a_state_body(name: str, lex: Lexicon) -> bool:
    """Whether a proper name with a place in it names a state body or an official: its head is
    a state body ("Ministry", "Armed Forces") or it holds a title ("New York Gov. Jane Roe") or
    an official's role ("Foreign Minister")."""
    if is_outlet(name, lex):
        return False
    if name_head(name) in STATE_BODIES or any(w.lower().strip(".") in TITLE_WORDS for w in name.split()):
        return True
    role = lex.role_in(name)
    return role is not None and role.kind == "official"


def side_in_text(text: str, lex: Lexicon, side_of: Optional[Callable[[str], Optional[str]]] = None) -> Optional[str]:
    """The side a phrase names, as ``side_of`` finds it (the lexicon's by default), except
    through a place that is only part of a longer proper name of no state body ("The New York
    Times", "Jerusalem Post"): each proper name is read on its own, in order."""
    find = side_of or lex.side_of
    runs = proper_runs(text)
    if not runs:
        return find(text)
    last = 0
    for start, end in runs:
        side = find(text[last:start])  # lowercase words between the names ("the army's")
        if side is not None:
            return side
        name = text[start:end]
        side = find(name)
        if side is not None and (_whole_side_name(name, lex, find) or names_a_state_body(name, lex)):
            return side
        last = end
    return find(text[last:])


def _whole_side_name(name: str, lex: Lexicon, find: Callable[[str], Optional[str]]) -> bool:
    """Whether a proper name is nothing but side words ("Russian", "U.S.", "White House",
    "Bosnia and Herzegovina", "Russia's"), the lexicon's or, word by word, ``find``'s."""
    rest = _POSSESSIVE.sub("", name)
    while (phrase := lex.side_word_in(rest)) is not None:
        flags = 0 if phrase.upper() == phrase else re.IGNORECASE  # acronyms as the lexicon reads them
        shorter = re.sub(rf"(?<![\w.]){re.escape(phrase)}(?!\w)", " ", rest, count=1, flags=flags)
        if shorter == rest:
            break
        rest = shorter
    return all(word in _JOINERS or find(word) is not None for word in rest.split())


def body_side(token: Token, bodies: frozenset[str], side_of: Callable[[str], Optional[str]]) -> Optional[str]:
    """The side of the body an unnamed speaker's modifier names ("a military spokesman", "ministry
    officials"): the one side that the document's earlier namings of that body give it ("Sudan's
    military has suspended the talks, a military spokesman said"); None when they give none, or
    give different sides ("the Armenian army ... the Azerbaijani army"): evidence, not a guess."""
    words = {c.lemma_.lower() for c in token.children
             if c.dep_ in ("compound", "amod", "nmod") and c.i < token.i and c.lemma_.lower() in bodies}
    if not words:
        return None
    doc = token.doc
    sides = {side_of(doc[t.left_edge.i : t.i + 1].text) for t in doc[: token.left_edge.i]
             if t.lemma_.lower() in words and t.pos_ in ("NOUN", "PROPN")} - {None}
    return sides.pop() if len(sides) == 1 else None
