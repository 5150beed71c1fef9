"""Who said it on wire copy, round nine: a news agency that carries, relays or is told a
statement is no speaker of it; a statement's words stop where another speaker's statement or
the same speaker's next cue begins; events neither speak nor act. Every sentence is our own
(issue 20)."""

from __future__ import annotations

import pytest

from statement_rows import statement_rows as statements


@pytest.mark.parametrize("text, speaker, words", [
    ('"The sanctions are illegal," deputy foreign minister Pavel Korr said, the Coast Wire news agency reported.',
     "Pavel Korr", "The sanctions are illegal"),
    ("The talks were productive, Marek Dolan said, according to Interfax.", "Marek Dolan", "The talks were productive"),
    ("Marek Dolan said the talks were productive, the Interfax news agency reported.", "Marek Dolan",
     "the talks were productive"),
    ('"Our troops are ready," Defence Minister Jan Bel was quoted by dpa as saying.', "Jan Bel", "Our troops are ready"),
])
def test_an_agency_that_carries_a_statement_is_no_speaker_of_it(text, speaker, words):
    rows = statements(text)
    assert [r[0] for r in rows] == [speaker]
    assert all(w.startswith(words) and "report" not in w for w in rows[0][2]), rows


def test_an_agency_in_its_own_voice_still_speaks():
    rows = statements("The state news agency of Ostmark said the talks would resume on Monday.")
    assert [(r[1], r[2]) for r in rows] == [("said", ["the talks would resume on Monday"])]


def test_words_stop_where_another_speakers_statement_begins():
    rows = statements("Ana Ruiz said the border would stay closed, while Marek Dolan said the talks would go on.")
    assert rows == [("Ana Ruiz", "said", ["the border would stay closed"]),
                    ("Marek Dolan", "said", ["the talks would go on"])]


@pytest.mark.parametrize("text, first, second", [
    ("Ana Ruiz said the border would stay closed and warned that any incursion would be met with force.",
     ("said", ["the border would stay closed"]), ("warned", ["that any incursion would be met with force"])),
    ("Marek Dolan said the offer was late but added that his government would study it.",
     ("said", ["the offer was late"]), ("added", ["that his government would study it"])),
])
def test_the_second_verb_of_a_coordination_is_a_second_statement(text, first, second):
    rows = statements(text)
    assert [(r[1], r[2]) for r in rows] == [first, second]
    assert len({r[0] for r in rows}) == 1


@pytest.mark.parametrize("text", [
    "The summit, which promised a lasting peace, ended without a deal.",
    "The strikes, which signal a new phase in the war, hit three depots.",
    "The attack, which killed 12 people, prompted calls for restraint.",
])
def test_an_event_neither_speaks_nor_acts(text):
    assert statements(text) == []


@pytest.mark.parametrize("text, words", [
    ("Ana Ruiz told agencies in Ostberg that the deal was dead.", "that the deal was dead"),
    ("The minister assured lenders that the debt would be paid.", "that the debt would be paid"),
])
def test_who_is_told_before_the_clause_is_no_part_of_the_words(text, words):
    assert [r[2] for r in statements(text)] == [[words]]


@pytest.mark.parametrize("text, speaker, words", [
    ("The border crossing stayed shut overnight, Interfax reported, citing the defence ministry.",
     "defence ministry", "The border crossing stayed shut overnight"),
    ("The Coast Wire reported, citing two officials, that the talks had stalled.", "two officials",
     "that the talks had stalled"),
])
def test_a_report_citing_a_source_is_the_sources(text, speaker, words):
    assert statements(text) == [(speaker, "reported", [words])]


@pytest.mark.parametrize("text", [
    "The talks have stalled, Marek Dolan told the dpa news agency on Monday.",
    "Marek Dolan said the talks had stalled, in comments reported by Interfax.",
    "Marek Dolan said the talks had stalled, in an interview with the Coast Wire news agency.",
])
def test_the_channel_a_statement_came_through_is_no_part_of_its_words(text):
    rows = statements(text)
    assert [r[0] for r in rows] == ["Marek Dolan"]
    assert [w.lower() for w in rows[0][2]] == ["the talks have stalled" if "have" in text else "the talks had stalled"]


def test_a_wire_agency_named_in_lower_case_is_a_channel_too():
    rows = statements('"The sanctions are illegal," deputy minister Pavel Korr said, dpa reported.')
    assert [r[0] for r in rows] == ["Pavel Korr"]
    assert all("dpa" not in w for w in rows[0][2])
