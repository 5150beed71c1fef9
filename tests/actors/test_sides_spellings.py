"""Sides of parties the gazetteer knows under another spelling or did not list: an officeholder's
name in another transliteration, a side name written with a curly apostrophe, regional bodies
of states and a sub-state government. Sentences are invented."""

from __future__ import annotations

import pytest

from tealeaves.lexicon import default_lexicon, spelling_key
from tealeaves.models import Document
from tealeaves.pipeline import analyze_documents


def speakers(nlp, text: str, published: str | None = None) -> dict[str, tuple[str, object]]:
    """Each speaker's name -> (kind, side)."""
    document = Document(id="made-up", source="made-up", text=text, published=published)
    (result,) = analyze_documents([document], nlp=nlp, embeddings=False)
    return {result.actor(s.speaker_id).name: (result.actor(s.speaker_id).kind, result.actor(s.speaker_id).side)
            for s in result.statements if s.speaker_id}


def test_another_transliteration_of_an_officeholder_is_that_officeholder():
    lex = default_lexicon()
    listed = lex.officeholder("Pashinyan", 2023)
    assert listed is not None and lex.officeholder("Pashinian", 2023) == listed
    assert lex.officeholder("Nikol Pashinian", 2023) == listed
    assert lex.officeholder("Pashinian", None) is None  # a lone name needs the article's year
    assert lex.officeholder("Pashinian", 2010) is None  # nor is anyone of another year meant


def test_a_spelling_shared_by_two_officeholders_of_a_year_names_neither():
    """The guard against merging people: where the key of a variant fits two people, no one."""
    lex = default_lexicon()
    assert spelling_key("barzanni") == spelling_key("barzani")
    assert lex.officeholder("Barzanni", 2015) is None  # Massoud and Nechirvan Barzani both held office
    assert lex.officeholder("Barzanni", 2018) is not None  # only Nechirvan, prime minister, that year


def test_a_transliterated_leader_the_model_took_for_a_body_speaks_for_his_state(nlp):
    text = ("Pashinian again criticised the closure of the road, saying that the policy was aimed at the "
            "villages. Pashinian rejected the accusations.")
    assert speakers(nlp, text, "2023-07-10") == {"Pashinian": ("official", "Armenia")}


def test_a_side_name_with_a_curly_apostrophe_beats_a_side_adjective_after_it():
    assert default_lexicon().side_of("the People’s Liberation Army’s Western Theatre Command") == "China"


@pytest.mark.parametrize("text, published, speaker, side", [
    ("ECOWAS said the sanctions on the junta would stay in place.", None, "ECOWAS", "ECOWAS"),
    ("The Gulf Cooperation Council said the blockade had to end.", None, "Gulf Cooperation Council",
     "Gulf Cooperation Council"),
    ("The KRG said the vote would go ahead on Monday.", None, "Kurdistan Region", "Kurdistan Region"),
    ("Masrour Barzani said the salaries had to be paid by Baghdad.", "2021-03-02", "Masrour Barzani",
     "Kurdistan Region"),
])
def test_regional_bodies_and_a_sub_state_government_are_sides(nlp, text, published, speaker, side):
    assert speakers(nlp, text, published).get(speaker, (None, None))[1] == side
