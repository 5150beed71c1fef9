"""The lexicon's indexed look-ups answer as a scan of every entry does (the scans they replaced)."""

from __future__ import annotations

from typing import Optional

import pytest

from tealeaves.lexicon import (
    TITLE_WORDS,
    KnownActor,
    Lexicon,
    Officeholder,
    _first_phrase,
    _phrase_patterns,
    default_lexicon,
    name_key,
    normalize,
    spelling_key,
)


def scanned_known_actor(lexicon: Lexicon, text: str) -> Optional[KnownActor]:
    key = normalize(text)
    return next((a for a in lexicon.known_actors if key in {normalize(n) for n in (a.name, *a.aliases)}), None)


def scanned_terms(lexicon: Lexicon, words: list[str], year: Optional[int]) -> list[Officeholder]:
    if len(words) == 1:
        return [t for t in lexicon.officeholders if year is not None and t.held_in(year)
                and any(n == words[0] or (" " in n and n.split()[-1] == words[0]) for n in t.names)]
    key = " ".join(words)
    return [t for t in lexicon.officeholders if (year is None or t.held_in(year))
            and any(n == key or (" " in n and (n.split()[0], n.split()[-1]) == (words[0], words[-1])) for n in t.names)]


def scanned_officeholder(lexicon: Lexicon, name: str, year: Optional[int]) -> Optional[Officeholder]:
    words = name_key(name).split()
    while len(words) > 1 and (words[0] in TITLE_WORDS or words[0] in lexicon.genders["honorifics"]):
        words = words[1:]
    found = scanned_terms(lexicon, words, year)
    if not found and year is not None:  # another transliteration of a name or of a surname
        key = spelling_key(" ".join(words))
        found = [t for t in lexicon.officeholders if t.held_in(year) and any(
            len(k) >= 5 and k == key for n in t.names for k in (spelling_key(n), spelling_key(n.split()[-1])))]
    if len({t.side for t in found}) != 1 or len({t.names[0] for t in found}) != 1:
        return None
    return found[-1]


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return default_lexicon()


def test_known_actor_finds_the_first_actor_of_each_name_in_any_case(lexicon):
    names = {n for a in lexicon.known_actors for n in (a.name, *a.aliases)}
    texts = [*names, *(n.upper() for n in names), *(f"the {n}'s" for n in names), "Nobody Atall", ""]
    assert len(texts) > 200
    assert [lexicon.known_actor(t) for t in texts] == [scanned_known_actor(lexicon, t) for t in texts]


def test_officeholder_is_the_term_a_scan_of_all_terms_chooses(lexicon):
    names = {n for t in lexicon.officeholders for n in t.names}
    queries = {*names, *(n.split()[-1] for n in names), *(f"{n.split()[0]} q. {n.split()[-1]}" for n in names),
               "nobody atall", "smith", "pashinian", "nikol pashinian", "barzanni"}
    years = (None, 1995, 2009, 2017, 2023)
    found = [(q, y, lexicon.officeholder(q, y)) for q in sorted(queries) for y in years]
    assert sum(term is not None for _, _, term in found) > 100  # most queries name someone
    assert found == [(q, y, scanned_officeholder(lexicon, q, y)) for q in sorted(queries) for y in years]


def test_an_extra_officeholder_file_is_indexed_too(tmp_path):
    extra = tmp_path / "actors.yaml"
    extra.write_text("Zedland:\n  President:\n    - Ama Quell 2001-2006\n    - Obi Quell 2006-\n", "utf-8")
    lexicon = Lexicon.load(extra_actors=[extra])
    assert lexicon.officeholder("President Ama Quell", None).side == "Zedland"
    assert lexicon.officeholder("Quell", 2003).names == ("ama quell",)
    assert lexicon.officeholder("Quell", 2006) is None  # two people of that name in office that year


def test_side_words_are_found_as_a_scan_of_every_pattern_finds_them_each_time(lexicon):
    patterns = _phrase_patterns(tuple(lexicon.side_words))
    texts = [*list(lexicon.side_words)[::7], "the Russian Deputy Foreign Minister", "New Mexico officials",
             "a US-led coalition", "us", "nobody here", "Russian and Chinese envoys"]
    expected = [_first_phrase(text, patterns) for text in texts]
    assert sum(found is not None for found in expected) > len(texts) // 2
    for _ in range(2):  # the second time from what the lexicon remembers
        assert [lexicon.side_word_in(text) for text in texts] == expected
        assert [lexicon.side_of(text) for text in texts] == [lexicon.side_words[f] if f else None for f in expected]


def test_a_lexicon_with_an_extra_side_file_finds_its_own_side_words(lexicon, tmp_path):
    assert lexicon.side_of("the Zedlandic envoy said") is None
    extra = tmp_path / "sides.yaml"
    extra.write_text("Zedland:\n  names: [Zedland]\n  adjectives: [Zedlandic]\n", "utf-8")
    assert Lexicon.load(extra_sides=[extra]).side_of("the Zedlandic envoy said") == "Zedland"
    assert lexicon.side_of("the Zedlandic envoy said") is None
