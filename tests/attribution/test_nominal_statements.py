"""A statement named by a noun of speech and its owner, round twelve: "Ostmark's warning that
…" is Ostmark's statement (a claim with no owner, or a relative clause, is none: the
counterexamples of data/patterns.yaml). Every sentence is our own (issue 20)."""

from __future__ import annotations

import pytest

from statement_rows import statement_rows as statements


@pytest.mark.parametrize("text, speaker, cue, words", [
    ("The envoy dismissed Ostmark's warning that the dam would fail.", "Ostmark", "warning",
     "that the dam would fail"),
    ("Monitors disputed Ida Varga's claim that no troops had crossed the river.", "Ida Varga", "claim",
     "that no troops had crossed the river"),
])
def test_a_noun_of_speech_with_an_owner_is_the_owners_statement(text, speaker, cue, words):
    rows = [r for r in statements(text) if r[1] == cue]
    assert len(rows) == 1 and speaker in rows[0][0] and rows[0][2] == [words], statements(text)

