"""The places of a document: what its names of countries and peoples say is a place."""

from __future__ import annotations

from spacy.tokens import Doc

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
