"""Which side a proper name gives: a place inside a longer name only for a state body."""

from __future__ import annotations

import pytest

from tealeaves.actors.bodies import is_outlet, side_in_text
from tealeaves.lexicon import default_lexicon


@pytest.mark.parametrize("text, side", [
    ("the New York Times", None),
    ("Bank of America", None),
    ("the Chinese Communist Party", None),
    ("the Russian Defence Ministry", "Russia"),
    ("Ministry of Foreign Affairs of Ukraine", "Ukraine"),
    ("Russia's Vladimir Putin", "Russia"),  # a possessive is an owner, no part of the name after it
    ("a Russian diplomat", "Russia"),
    ("the White House", "United States"),
    ("Bosnia and Herzegovina", "Bosnia and Herzegovina"),
    ("New York Gov. Jane Roe", "United States"),  # a title with a region in it
    ("a reporter for the Jerusalem Post in Moscow", "Russia"),  # a place outside the name still counts
    ("Angry French farmers", "France"),  # a capital at a sentence's start makes no name of "Angry French"
    ("Even China, the North's only ally", "China"),
    ("Vietnamese-led forces", "Vietnam"),
    ("the former secretary of State", "United States"),  # a title across lower and upper case
])
def test_a_place_gives_a_side_unless_it_is_inside_a_name_of_no_state_body(text, side):
    assert side_in_text(text, default_lexicon()) == side


@pytest.mark.parametrize("name, outlet", [
    ("The New York Times", True), ("Fox News", True), ("Times of India", True), ("Interfax News Agency", True),
    ("Central Intelligence Agency", False), ("Russian Foreign Ministry", False), ("Jane Roe", False),
])
def test_an_outlet_is_a_name_headed_by_a_word_of_the_press(name, outlet):
    assert is_outlet(name, default_lexicon()) is outlet
