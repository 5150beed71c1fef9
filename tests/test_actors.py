"""Speakers at the edges of wire copy: datelines and roles given with the name."""

from __future__ import annotations

import pytest

from tealeaves.ingest import read_text
from tealeaves.pipeline import analyze_documents


def speakers(nlp, text: str) -> list[tuple[str, str, str]]:
    (result,) = analyze_documents([read_text(text)], nlp=nlp, embeddings=False)
    found = []
    for statement in result.statements:
        actor = result.actor(statement.speaker_id)
        found.append((actor.name, actor.role, actor.side) if actor else (None, None, None))
    return found


@pytest.mark.parametrize("dateline", [
    "OSLO, March 3 — ",
    "OSLO, March 3 (Northwire) — ",
    "Talks resume\n\nOSLO -- ",
    "PORT AVEL, Jan. 9 - ",
])
def test_a_dateline_city_is_not_the_speaker(nlp, dateline):
    text = dateline + "Norwegian Foreign Minister Anna Berg said the talks would resume on Friday."
    assert speakers(nlp, text) == [("Anna Berg", "Norwegian Foreign Minister", "Norway")]


def test_a_city_that_speaks_for_its_government_still_does(nlp):
    assert [name for name, _, _ in speakers(nlp, "Oslo said on Monday that the talks would resume.")] == ["Norway"]


@pytest.mark.parametrize("text, role", [
    ("Latvia's foreign minister, Andris Kell, said the border would stay closed.", "Latvia's foreign minister"),
    ("The Latvian foreign minister, Andris Kell, said the border would stay closed.", "Latvian foreign minister"),
])
def test_a_role_given_with_the_name_does_not_include_the_name(nlp, text, role):
    assert speakers(nlp, text) == [("Andris Kell", role, "Latvia")]
