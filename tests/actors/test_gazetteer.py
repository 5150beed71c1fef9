"""The bundled sides and officeholders as data: countries that appear in crisis news, their
foreign and defence ministers and chief spokespeople, checked against the article's year;
movements that are parties of their own; short forms of country names."""

from __future__ import annotations

import pytest

from tealeaves.actors.actor_draft import ActorDraft
from tealeaves.actors.context import without_generic_bodies
from tealeaves.actors.roles import side_from_office
from tealeaves.lexicon import default_lexicon, name_key


@pytest.mark.parametrize("name, year, side", [
    ("Abiy Ahmed", 2021, "Ethiopia"),
    ("Abiy", 2021, "Ethiopia"),  # known by his given name
    ("Ferdinand Marcos Jr.", 2024, "Philippines"),
    ("Ferdinand Marcos", 1980, None),  # the father's years are not the son's
    ("Mumtaz Zahra Baloch", 2023, "Pakistan"),
    ("Ishaq Dar", 2025, "Pakistan"),
    ("Khawaja Asif", 2025, "Pakistan"),
    ("Joseph Wu", 2022, "Taiwan"),
    ("Majed al-Ansari", 2024, "Qatar"),
    ("Zhang Xiaogang", 2024, "China"),
    ("Esmaeil Baghaei", 2025, "Iran"),
    ("Daniel Hagari", 2024, "Israel"),
    ("Getachew Reda", 2021, "Tigray People's Liberation Front"),
    ("Yahya Saree", 2024, "Houthis"),
    ("Steven T. Mnuchin", 2019, "United States"),  # a treasury secretary: sanctions news
    ("Adil Abdul-Mahdi", 2019, "Iraq"),
    ("Maliki", 2010, "Iraq"),  # no other Maliki in office then
    ("Sami Abu Zuhri", 2025, "Hamas"),
    ("Ahmed Aboul Gheit", 2008, "Egypt"),
    ("Luis Videgaray", 2017, "Mexico"),
    ("Chrystia Freeland", 2018, "Canada"),
    ("Enda Kenny", 2016, "Ireland"),
    ("Tasneem Aslam", 2014, "Pakistan"),
    ("Raheel Sharif", 2015, "Pakistan"),
])
def test_an_officeholder_of_the_year_has_the_side_of_the_office(name, year, side):
    term = default_lexicon().officeholder(name, year)
    assert (term.side if term else None) == side


def test_every_officeholder_term_is_dated_and_ordered():
    for term in default_lexicon().officeholders:
        assert 1960 <= term.start <= 2026 and (term.end is None or term.start <= term.end <= 2026), term


def test_one_name_holds_one_side_at_a_time():
    """A name listed for two sides over more than the year of a change of office would make the
    lookup give up for those years: a data error."""
    lex = default_lexicon()
    for term in lex.officeholders:
        for other in lex.officeholders:
            if other.side != term.side and set(term.names) & set(other.names):
                overlap = max(term.start, other.start) < min(term.end or 9999, other.end or 9999)
                assert not overlap, (term, other)


@pytest.mark.parametrize("text, side", [
    ("S. Korea's defense ministry", "South Korea"), ("N. Korean troops", "North Korea"),
    ("the TPLF", "Tigray People's Liberation Front"), ("the Foreign Office", None),
    ("the National Security Council", None), ("the UK Foreign Office", "United Kingdom"),
])
def test_side_words(text, side):
    """A generic body's name is blanked before sides are read: no "Security Council" in it."""
    assert default_lexicon().side_of(without_generic_bodies(text)) == side


def test_alliances_and_movements_are_no_states():
    lex = default_lexicon()
    assert {"Pakistan", "Taiwan", "Ethiopia"} <= lex.countries
    assert not {"European Union", "West", "Houthis", "Tigray People's Liberation Front"} & lex.countries
    assert name_key("Nicolás") == name_key("Nicolas")


@pytest.mark.parametrize("name, role, side", [
    ("Delfin N. Lorenzana", "Defense Secretary", "Philippines"),  # the title is the US's, the holder is not
    ("Delfin N. Lorenzana", "U.S. Defense Secretary", "United States"),  # the text names a country: it stands
    ("Jan Roe", "Defense Secretary", "United States"),  # no one on record: the title tells
])
def test_the_record_of_officeholders_outranks_a_title_that_many_countries_use(name, role, side):
    actor = ActorDraft(id="x", name=name, kind="official", role=role, side="United States")
    side_from_office(actor, default_lexicon(), 2021)
    assert actor.side == side
