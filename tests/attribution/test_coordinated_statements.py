"""Two statements in one sentence, round ten: a second cue after "but also", "but still" is the
same speaker's statement of its own, and a word that stands for the clause ("maintained
otherwise") is one. Every sentence is our own (issues 19 and 20)."""

from __future__ import annotations

import pytest

from statement_rows import statement_rows as statements


@pytest.mark.parametrize("text, speaker, first, second", [
    ("Defence Minister Ivo Kral said Ostmark wanted a quiet end to the dispute, but also warned that its patience "
     "was running out.", "Ivo Kral", "Ostmark wanted a quiet end to the dispute", "warned"),
    ("Interior Minister Sara Holm said the protests had been peaceful, but also stressed that the curfew would stay "
     "in place.", "Sara Holm", "the protests had been peaceful", "stressed"),
    ("Mayor Jan Roe said the port would stay open, but also cautioned that the ferries might be delayed.",
     "Jan Roe", "the port would stay open", "cautioned"),
    ("General Ana Ruiz said the troops had left the valley, but still insisted that the border posts were hers "
     "to keep.", "Ana Ruiz", "the troops had left the valley", "insisted"),
])
def test_a_second_cue_after_an_adverb_is_a_second_statement(text, speaker, first, second):
    rows = statements(text)
    assert [(r[0], r[1]) for r in rows] == [(speaker, "said"), (speaker, second)], rows
    assert rows[0][2] == [first]
    assert rows[1][2][0].startswith("that ")


def test_the_coordinator_before_the_next_cue_is_no_part_of_the_words():
    rows = statements("Ivo Kral said Ostmark wanted talks but then added that no deal was near.")
    assert rows == [("Ivo Kral", "said", ["Ostmark wanted talks"]), ("Ivo Kral", "added", ["that no deal was near"])]


@pytest.mark.parametrize("text, accuser, speaker, cue", [
    ("Valdora has accused Ostmark of moving troops to the border, but Ostmark has maintained otherwise.",
     "Valdora", "Ostmark", "maintained"),
    ("The rebels have accused the army of shelling the town, but the army has maintained otherwise.",
     "rebels", "army", "maintained"),
    ("Valdora says the island belongs to it, but Ostmark has long claimed otherwise.", "Valdora", "Ostmark", "claimed"),
])
def test_a_word_standing_for_the_clause_is_what_was_said(text, accuser, speaker, cue):
    rows = statements(text)
    assert [r[0] for r in rows] == [accuser, speaker], rows
    assert rows[1][1:] == (cue, ["otherwise"])
    assert statements("The city maintained the old bridge, which otherwise would have fallen.") == []


@pytest.mark.parametrize("text, first", [
    ("Mayor Ana Ruiz said the port would stay shut and that “the talks are over for now”.", "the port would stay shut"),
    ('Ana Ruiz said the port had been shut "to stop smuggling" and that the envoy "was told to leave".',
     'the port had been shut "to stop smuggling"'),
])
def test_a_second_that_clause_with_quoted_words_is_a_second_statement(text, first):
    rows = statements(text)
    assert [(r[0], r[1]) for r in rows] == [("Ana Ruiz", "said")] * 2, rows
    assert rows[0][2][0] == first
    assert rows[1][2][0].startswith("that ")
    for one in ("The minister said the border was calm and that the troops would stay.",
                'The minister said the talks were "useful" and that the troops would stay.'):
        assert len(statements(one)) == 1, one  # a paraphrase of one utterance
