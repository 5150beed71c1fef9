"""The target of a statement: the first other party its content names, by any of its names;
the names' patterns are made once per document, not once per statement and name."""

from __future__ import annotations

from tealeaves.evaluate.long_documents import long_text
from tealeaves.models import Actor, Span, Statement
from tealeaves.pipeline import analyze
from tealeaves.signals import coding
from tealeaves.signals.coding import naming, target_of

ACTORS = (
    Actor("vey", "Ada Vey", "official", side="Castrel"),
    Actor("kell", "Cleo Kell", "official", aliases=("the Morvian leader",), side="Morvia"),
    Actor("navy", "Morvian navy", "organization", side="Morvia"),
    Actor("dahl", "Erik Dahl", "analyst"),
)


def said(words: str) -> Statement:
    return Statement(id="s01", kind="indirect", start=0, end=len(words), text=words, content=(Span(0, len(words), words),))


def test_the_target_is_the_leftmost_other_party_named_by_any_of_its_names():
    named = naming(ACTORS)
    assert [actor.id for actor, _ in named] == ["vey", "kell", "navy"]  # an analyst is no party
    vey, kell = ACTORS[0], ACTORS[1]
    words = "Erik Dahl said the Morvian navy and the Morvian leader must leave Castrel waters"
    assert target_of(said(words), vey, named) == "navy"
    assert target_of(said("the Morvian leader and the Morvian navy must leave"), vey, named) == "kell"
    assert target_of(said(words), kell, named) == "vey"  # its own side is never its target
    assert target_of(said("Morvians and Castrelians agree"), None, named) is None  # whole words only


def test_the_names_are_read_once_per_document(monkeypatch):
    calls = []

    def counting(actors):
        calls.append(len(actors))
        return naming(actors)

    monkeypatch.setattr(coding, "naming", counting)
    result = analyze(texts=[long_text(400)]).documents[0]
    assert len(result.statements) > 10 and len(calls) == 1
