"""The places of a document: what its names of countries and peoples say is a place."""

from __future__ import annotations

import re
from typing import Optional, Sequence

from spacy.tokens import Doc, Token

from tealeaves.lexicon import Lexicon, normalize
from tealeaves.words import word_set

POLITICAL_GROUPS = word_set("political_groups")  # "Republicans": a party, no people of a place


def places_of(doc: Doc) -> set[str]:
    """One-word places of a document: its GPE names, and any name whose people the text names
    ("Ardun" beside "Ardunese", "Semira" beside "Semirans"), which the model may have taken
    for an organisation. A person's surname is no place ("Putin" beside "Putinist"), nor is a
    party or a faith a people ("Republic" beside "Republicans")."""
    places = {e.text for e in doc.ents if e.label_ == "GPE" and " " not in e.text}
    demonyms = {e.text for e in doc.ents if e.label_ == "NORP" and " " not in e.text
                and e.text.lower() not in POLITICAL_GROUPS}
    surnames = {e[-1].text for e in doc.ents if e.label_ == "PERSON" and len(e) > 1}
    names = {t.text for t in doc if t.pos_ == "PROPN" and t.text[:1].isupper() and len(t.text) >= 4} - surnames
    return places | {name for name in names if any(
        d != name and d.startswith(name[:-1]) and 1 <= len(d) - len(name) <= 4 for d in demonyms)}


def country_after(head: Token, lex: Lexicon, places: set[str] | list[str]) -> Optional[str]:
    """The side of an of-phrase after a name: "President Ana Ruiz of Valdora" (a country of
    this article the lexicon does not know is a side of its own), "Gov. Ana Ruiz of Ohio" (a
    region takes its state's side)."""
    for prep in head.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            for obj in prep.children:
                if obj.dep_ == "pobj":
                    phrase = head.doc[obj.left_edge.i : obj.i + 1].text
                    side = lex.side_names.get(normalize(phrase))
                    if side is None and obj.ent_type_ == "GPE" and phrase in places:
                        side = lex.side_of(phrase) or phrase
                    if side is not None:
                        return side
    return None


def place_in(text: str, places: Sequence[str]) -> Optional[str]:
    """The first of an article's places a phrase names, by the place's name or a word made
    from it ("Valdoran" for Valdora); None when it names none."""
    for word in re.findall(r"[A-Z][\w’'-]+", text):
        word = re.sub(r"[’']s$", "", word)
        for place in places:
            if word == place or (len(place) >= 4 and word.startswith(place[:-1]) and len(word) - len(place) <= 4):
                return place
    return None


def inside_a_country(place: str, text: str, lex: Lexicon) -> bool:
    """Whether the text puts ``place`` inside a country the lexicon knows ("Veldgrad in
    Democratic Republic of Congo", "Veldgrad, the biggest city in eastern Congo-Kinshasa",
    "Veldgrad, Ukraine"): a city or a region, which is no party of its own."""
    pattern = re.compile(rf"(?<![\w-]){re.escape(place)}(?:,\s+the\s+[\w\s-]{{0,30}}?(?:city|town|capital|province|region))?"
                         r"(?:,|\s+in|\s+of)\s+(?:the\s+)?(?:(?:north|south|east|west)(?:ern)?\s+|central\s+)?(?P<rest>[A-Z][^.,;\n]*)")
    for match in pattern.finditer(text):
        word = lex.side_word_in(match["rest"])
        if word is not None and match["rest"].startswith(word) and lex.side_words[word] in lex.countries:
            return True
    return False
