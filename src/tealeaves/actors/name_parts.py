"""Where a person's name begins and ends, so that a name is never cut in two.

The entity recogniser often stops at a particle ("Mohammed bin" | "Abdulrahman Al Thani",
"Prime Minister Mohammed bin"); the particles come from ``data/speakers.yaml``, the one list
that names.py also reads.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Optional, Sequence

from tealeaves.lexicon import TITLE_WORDS, bundled_yaml

if TYPE_CHECKING:  # the store merges names with this module, without spaCy
    from spacy.tokens import Doc, Token

NAME_PARTICLES = frozenset(word.lower() for word in bundled_yaml("speakers.yaml")["name_particles"])


def is_particle(token: Token) -> bool:
    """A lower-case or capitalised joining word of a name ("bin", "Al", "von")."""
    return token.lower_ in NAME_PARTICLES and not token.is_sent_start


def _name_word(token: Token) -> bool:
    return token.pos_ == "PROPN" and token.text[:1].isupper() and token.text.replace("-", "").isalpha() \
        and token.lower_ not in TITLE_WORDS


def _cut_surname(last: Token, after: Token) -> bool:
    """Whether ``after`` ends the name whose last word the recogniser stopped at: the name is
    its compound, and it is a name word of no name, body or thing of its own (the recogniser
    calls a foreign surname a place or a nationality: "Shah Mahmood" | "Qureshi")."""
    return (last.dep_ in ("compound", "flat") and last.head.i == after.i and _name_word(after)
            and after.ent_type_ in ("", "GPE", "NORP", "LOC") and after.ent_iob_ != "I"
            and not any(c.dep_ in ("compound", "flat") for c in after.doc[after.i + 1 : after.i + 2]))


def whole_name(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """The token range [start, end) of a name grown over the particles it was cut at, to the
    name words beyond them: "Mohammed bin" + "Abdulrahman Al Thani" is one name; and over a
    surname the recogniser gave another label. A name with no particle at its edges is
    otherwise left as it is."""
    while True:
        after = end
        while after < len(doc) and is_particle(doc[after]):
            after += 1
        if not ((after > end or is_particle(doc[end - 1])) and after < len(doc) and _name_word(doc[after])):
            break
        end = after + 1
        while end < len(doc) and _name_word(doc[end]) and doc[end - 1].dep_ in ("compound", "flat") \
                and doc[end - 1].head.i >= end:
            end += 1
    if end < len(doc) and _cut_surname(doc[end - 1], doc[end]):
        end += 1  # "Shah Mahmood" + "Qureshi", a surname the recogniser took for a place
    if end + 1 < len(doc) and (name_word := glued_tail(doc[end + 1])) is not None and name_word.i == end - 1:
        end += 2  # "Moon Jae" + "-in": a given name is not cut at its hyphen
    while True:
        before = start
        while before > 0 and is_particle(doc[before - 1]):
            before -= 1
        if not ((before < start or is_particle(doc[start])) and before > 0 and _name_word(doc[before - 1])):
            break
        start = before - 1
    return start, end


def last_name_words(words: list[Token], most: int = 3) -> list[Token]:
    """The last ``most`` words of a run of proper nouns, with the particles among them
    ("Mohammed bin Abdulrahman Al Thani" keeps its "bin" and "Al")."""
    kept: list[Token] = []
    for word in reversed(words):
        if not is_particle(word) and sum(not is_particle(k) for k in kept) == most:
            break
        kept.insert(0, word)
    while kept and is_particle(kept[0]):
        kept.pop(0)
    return kept


HYPHENS = ("-", "‐", "‑")


def name_head(token: Token) -> Token:
    """The name word a mention's head stands for: ``token`` itself, or the name word it is glued
    to when the recogniser left it out of the name ("Jae" of "Moon Jae" + "-in")."""
    name_word = glued_tail(token)
    return name_word if name_word is not None and token.ent_type_ != "PERSON" else token


def glued_tail(token: Token) -> Optional[Token]:
    """The name word a token ends by a hyphen with no space ("in" of "Jae-in", "un" of
    "Jong-un", which the parser may take for a word of its own), or None."""
    doc, i = token.doc, token.i
    if i < 2 or not token.text.isalpha() or doc[i - 1].text not in HYPHENS or doc[i - 1].whitespace_ \
            or doc[i - 2].whitespace_ or not _name_word(doc[i - 2]):
        return None
    return doc[i - 2]


def family_name(name: str) -> Optional[str]:
    """The family name of a name that puts it first, as East Asian names written with a hyphened
    given name do: "Moon" of "Moon Jae-in", "Kim" of "Kim Jong-un" (not "Jean-Marc Roe", whose
    hyphen joins two capitalised names); else None."""
    words = name.split()
    return words[0] if len(words) == 2 and re.fullmatch(r"[A-Z][a-z]+[-‐‑][a-z]+", words[1]) else None


def proper_run(doc: Doc, start: int, end: int) -> list[Token]:
    """The proper nouns (with particles and hyphens) that end the range [start, end) without a
    break: "Marta Ilves" of "Southern Union envoy Marta Ilves", whose role noun ends the body's name."""
    run: list[Token] = []
    for token in reversed(doc[start:end]):
        if not (token.pos_ == "PROPN" or is_particle(token) or token.text in HYPHENS):
            break
        run.insert(0, token)
    return run


def written_name(tokens: Sequence[Token]) -> str:
    """A name's words as the article writes them: words it joins by a hyphen with no space
    stay one word ("al-Houthi", "Jean-Marc"), whether or not the hyphen is among ``tokens``."""
    parts = [tokens[0].text] if tokens else []
    for before, token in zip(tokens, tokens[1:]):
        gap = before.doc[before.i + 1 : token.i]
        glued = not before.whitespace_ and all(t.text in HYPHENS and not t.whitespace_ for t in gap)
        parts.append(("" if glued else " ") + "".join(t.text for t in gap if glued) + token.text)
    return "".join(parts)


def entity_of(token: Token) -> tuple[int, int]:
    """The token range [start, end) of the named entity ``token`` is in, read from the tokens'
    IOB tags around it (``doc.ents`` makes every entity of the document on each access: once
    per mention of a long document made its resolution quadratic)."""
    doc, start, end = token.doc, token.i, token.i + 1
    while doc[start].ent_iob_ == "I" and start > 0:
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return start, end
