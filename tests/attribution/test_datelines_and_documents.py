"""Wire copy: a dateline is where the story was filed, never a speaker; a statement someone
issued speaks for its issuer even when a paper relays it; a channel's trailing "the Planet
reported" is none of the speaker's words; a happening ("clashes that have killed") is no doer.
Every sentence is our own (issue 20, round seven)."""

from __future__ import annotations

from statement_rows import statement_rows as rows


def test_a_wire_dateline_is_not_part_of_the_speakers_name():
    found = rows("ODESSA (Wire) - Ruritania, which observers say backs the militia, called for talks on Monday.")
    called = next(r for r in found if r[1] == "called")
    assert called[0] == "Ruritania"


def test_a_place_in_a_dateline_does_not_speak_beside_the_person_after_the_dash():
    for dateline in ("Quito, Ecuador", "Lima, Peru"):
        found = rows(f"{dateline} – President Ivo Marek on Sunday cast his vote in a disputed referendum that "
                     "his cabinet expects to bolster its old claim to the river delta.")
        assert [r[0] for r in found if r[1] == "cast"] == ["Ivo Marek"], dateline


def test_two_capitals_before_a_colon_are_a_dateline_not_a_speaker():
    found = rows("Madrid/Lisbon: The Spanish foreign ministry said on Monday that the border talks had failed.")
    assert [(r[0], r[1]) for r in found] == [("Spanish foreign ministry", "said")]


def test_a_name_in_capitals_before_a_dash_still_speaks():
    found = rows("NATO – the alliance of thirty states – said on Friday it would send more ships.")
    assert [r[0] for r in found] == ["NATO"]


def test_a_statement_issued_and_relayed_by_a_paper_is_the_issuers():
    found = rows("Hours later, Ruritania's deputy foreign minister, Ivo Marek, issued a statement saying the "
                 "government remained open to talks \"at any time\" according to the Daily Planet.")
    marek = next(r for r in found if r[0] == "Ivo Marek")
    assert marek[1] == "saying"
    assert marek[2][0].startswith("the government remained open to talks")
    assert not any("Daily Planet" in text for text in marek[2])


def test_issuing_a_statement_is_not_a_second_statement():
    found = rows("The cabinet issued a statement saying it would not resign over the port deal.")
    assert [(r[0], r[1]) for r in found] == [("cabinet", "saying")]


def test_a_channels_trailing_report_is_not_the_speakers_words():
    found = rows('"The offer stands," Marek said in his statement, the Planet reported.')
    marek = next(r for r in found if r[1] == "said")
    assert marek[0] == "Marek" and "The offer stands" in marek[2][0]
    assert not any("reported" in text for text in marek[2])


def test_a_happening_is_no_doer_even_from_a_relative_clause():
    text = ("Weeks of border clashes that have killed scores of villagers ended on Monday. "
            "Rebels killed two guards near the river.")
    doers = [r[0] for r in rows(text) if r[1] == "killed"]
    assert doers == ["Rebels"]


def test_a_city_and_colon_opening_the_story_under_its_headline_is_a_dateline():
    for city in ("Toronto", "Chicago", "Kabul"):
        found = rows(f"Ruritania expels diplomat over plot\n\n{city}: Ruritania has expelled a diplomat from "
                     "Osterlich as it investigated the plot.")
        assert not any(r[1] == ":" for r in found), city


def test_a_side_or_a_name_and_colon_under_a_headline_still_speaks():
    for name in ("Russia", "Ana", "Ana Ruiz"):
        found = rows(f"Ruritania expels diplomat\n\n{name}: Ruritania has expelled a diplomat from Osterlich.")
        assert [r[1] for r in found if r[1] == ":"] == [":"], name
