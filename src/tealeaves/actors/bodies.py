"""What a proper name says of the body it names: which side, if any, and whether it is a news outlet.

A place inside a longer proper name (capitalised words after it, or an "of" before it) gives
that name a side only when the name is a state body or an official's title ("Russian Foreign
Ministry", "Israeli Air Force", "U.S. Secretary of State"): "The New York Times", "The Jerusalem
Post", "Times of India" or "Bank of America" speak for no state, while "Senior Hungarian
officials", whose capital only opens a sentence, speak for Hungary. A news outlet (a name headed by "Times", "Post", "News", ...) is an observer: it
relays what parties say and is no party itself (docs/codebook.md, D1 and D11). An unnamed
official of a body ("a military spokesman") speaks for the side the article gives that body.
"""

from __future__ import annotations

import re
from typing import Any, Callable, Optional

from spacy.tokens import Token

from tealeaves.lexicon import SUPPORT_PREFIXES, TITLE_WORDS, Lexicon
from tealeaves.words import word_set

STATE_BODIES = word_set("state_bodies")  # "ministry", "army", "embassy": heads of a state's bodies
LEADER_BODIES = word_set("leader_bodies")  # "administration", "government": may bear a leader's name
# A word of a proper name: capitalised, with dots and inner apostrophes ("U.S.", "O'Brien");
# the small words that join a name's words ("Ministry of Defence", "Agency for ...").
_WORD = r"[A-Z][\w.&’'-]*"
_PROPER_RUN = re.compile(rf"{_WORD}(?:\s+(?:(?:of|for|on|the|de)\s+)*{_WORD})*")
_POSSESSIVE = re.compile(r"[’']s\b")


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


def outlet_not_person(name: str, after_the: bool, lex: Lexicon) -> bool:
    """Whether a name the model may take for a person's is a news outlet's ("the Daily Ledger
    reported"): headed by a word of the press, and after "the" or with no first name (not
    "Emily Post")."""
    first = name.split()[0].lower() if name.split() else ""
    return is_outlet(name, lex) and (after_the or first == "the" or first not in lex.genders["first_names"])


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
    Times", "Jerusalem Post"): each proper name is read on its own, in order. A curly
    apostrophe reads as the straight one of the side words ("People’s Liberation Army")."""
    text = text.replace("\u2019", "'")
    find = side_of or lex.side_of
    runs = proper_runs(text)
    if not runs:
        return find(text)
    if (phrase := lex.side_word_in(text)) is not None and (span := _span_of(phrase, text)) and not any(
            start <= span[0] and span[1] <= end for start, end in runs):
        return lex.side_words[phrase]  # a title across a name's capitals: "former secretary of State"
    last = 0
    for start, end in runs:
        side = find(text[last:start])  # lowercase words between the names ("the army's")
        if side is not None:
            return side
        name = text[start:end]
        side = None if text[:start].lower().endswith(SUPPORT_PREFIXES) else find(name)  # "pro-Russian": not Russia
        if side is not None and (_place_names_no_more(name, lex, find) or names_a_state_body(name, lex)):
            return side
        last = end
    return find(text[last:])


def _span_of(phrase: str, text: str) -> Optional[tuple[int, int]]:
    """Where a side word is in a text, as the lexicon matches it (acronyms by case only)."""
    flags = 0 if phrase.upper() == phrase else re.IGNORECASE
    match = re.search(rf"(?<![\w.]){re.escape(phrase)}(?!\w)", text, flags)
    return match.span() if match else None


def _place_names_no_more(name: str, lex: Lexicon, find: Callable[[str], Optional[str]]) -> bool:
    """Whether the first place in a proper name is the name's last word of substance, so that
    the name is about the place ("Russian", "Senior Hungarian", "Russia's", "Vietnamese-led"),
    not a longer name of its own that the place only begins or ends ("New York Times", "Times
    of India"); places are the lexicon's side words, else ``find``'s word by word."""
    phrase = lex.side_word_in(name)
    span = _span_of(phrase, name) if phrase else None
    if span is None:
        span = next((m.span() for m in re.finditer(r"[\w’'.-]+", name) if find(m.group()) is not None), None)
    if span is None:
        return False
    after = _POSSESSIVE.sub("", name[span[1]:])
    return not re.search(r"(?<![\w-])[A-Z]", after) and not re.search(r"\b(?:of|for)\s+$", name[: span[0]])


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


def leader_of(token: Token) -> Optional[str]:
    """The name of the leader a government is called after ("Obama" of "the Obama
    administration", "Donald Trump" of "Donald Trump's administration", "Putin" of "the Putin
    government officials"), or None: such a body speaks for its leader's side."""
    for body in (token, *(c for c in token.children if c.dep_ == "compound" and c.i < token.i)):
        if body.lemma_.lower() not in LEADER_BODIES:
            continue
        names = [c for c in body.children if c.dep_ in ("compound", "poss") and c.pos_ == "PROPN" and c.i < body.i]
        if names:
            name = names[-1]
            words = [t.text for t in name.subtree if t.pos_ == "PROPN" and t.i <= name.i]
            return " ".join(words) or None
    return None


def leader_side(token: Token, person: Callable[[str], Any], lex: Lexicon, year: Optional[int]) -> Optional[str]:
    """The side of a government named after its leader ("the Roe administration"): the side the
    article gives the person of that name (``person`` finds them), else the side of the
    officeholders of that name whose terms had begun by ``year``."""
    leader = leader_of(token)
    if leader is None:
        return None
    found = person(leader)
    return found.side if found is not None and found.side else lex.leader_side(leader, year)
