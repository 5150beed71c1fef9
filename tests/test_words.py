"""Closed word lists as data (data/words.yaml): read once, each section one shape."""

from __future__ import annotations

import pytest

from tealeaves import words


def test_each_section_is_a_list_of_lowercase_words_or_a_word_map():
    for name, section in words._sections().items():
        pairs = section.items() if isinstance(section, dict) else [(w, w) for w in section]
        assert pairs and all(isinstance(k, str) and isinstance(v, str) and k == k.lower() for k, v in pairs), name


def test_sets_lists_and_maps_keep_their_shape():
    assert "poll" in words.word_set("survey_nouns")
    assert words.word_list("scare_markers")[0] == "so-called"  # read in order
    assert words.word_map("lemma_repairs")["hopes"] == "hope"


def test_a_missing_section_names_the_file():
    with pytest.raises(KeyError, match="data/words.yaml has no section 'no_such_list'"):
        words.word_set("no_such_list")
