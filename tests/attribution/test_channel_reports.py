"""A channel's report of someone's words, round twelve: the party it reports is the speaker of
a cue inside the report, the words they share are not the channel's, and a channel's clause
at the end of the words is no part of them. Every sentence is our own (issue 20)."""

from __future__ import annotations

import pytest

from statement_rows import statement_rows as statements


@pytest.mark.parametrize("text, speaker, cue", [
    ("The Coast Wire reports Mr Brenner sharply condemned the Ostmark drills.", "Brenner", "condemned"),
    ("The ABC reports Ida Varga also responded to a claim by the Ostmark premier that every state spies.",
     "Ida Varga", "responded"),
    ("AAP reports Foreign Minister Ida Varga criticised the new tariffs.", "Ida Varga", "criticised"),
])
def test_a_channels_report_of_a_party_is_the_partys_statement(text, speaker, cue):
    rows = statements(text)
    assert [r[1] for r in rows] == [cue] and speaker in rows[0][0], rows


@pytest.mark.parametrize("text, speaker, words", [
    ("Valdora will reject the loan unless Ostmark withdraws its claims, President Anna Kell said, "
     "APA reports citing the Ledger.", "Anna Kell", "Valdora will reject the loan unless Ostmark withdraws its claims"),
    ("Mr Brenner said on Monday that the border would stay closed, the Coast Wire reports.", "Brenner",
     "that the border would stay closed"),
])
def test_a_channels_clause_after_the_words_is_no_statement_nor_part_of_them(text, speaker, words):
    rows = statements(text)
    assert [(r[1], r[2]) for r in rows] == [("said", [words])] and speaker in rows[0][0], rows


def test_a_quote_that_runs_past_a_sentence_is_not_the_channels():
    rows = statements('He added, "We will not bend. Not now, not ever," according to AFP.')
    assert [r[1] for r in rows] == ["added"] and "AFP" not in rows[0][0], rows

