"""Copies counted once: a wire story cut short by another outlet joins the full story's cluster,
whichever comes first; different stories on the same topic stay apart."""

from __future__ import annotations

import pytest

from tealeaves.io.corpus import NEAR_DUPLICATE, ingest, is_cut_copy, signature
from tealeaves.lexicon import Lexicon
from tealeaves.store.core import Store
from test_corpus import ORIGINAL, PARAGRAPHS

# Other stories about the same invented dispute, written for this test: the same places,
# people and stock phrases, different reporting.
SAME_TOPIC = [
    "PORT AVEL, March 9, 2023 — Norland's foreign minister, Kasia Brandt, flew to the regional council on "
    "Thursday to discuss the disputed strait with fishermen who say the patrols have ruined their season.\n\n"
    "“Our boats stay where they are until Sudmark talks to us,” Brandt told a crowd at the harbour.\n\n"
    "Sudmark's defence ministry said its navy exercises near the fishing grounds had ended a day early, "
    "and a spokesman called the move a gesture of good will.\n\n"
    "Emil Strand of the regional council said talks could begin next month in Port Avel.",
    "HALVORSTAD, March 12, 2023 — Sudmark's defence minister, Piotr Halvor, accused Norland on Sunday of "
    "sending more patrol boats into the disputed strait and said his government would raise the matter "
    "with the regional council.\n\n"
    "“We will defend our fishermen and our waters,” Halvor said at a naval base in the south, adding that "
    "the exercises of last week had been planned long before the quarrel.\n\n"
    "Norland's foreign ministry said the patrols were routine and that Kasia Brandt was ready to meet him.",
]


def _cut(paragraphs: int) -> str:
    return "\n\n".join(PARAGRAPHS[:paragraphs])


def _cut_mid_sentence(share: float) -> str:
    words = ORIGINAL.split(" ")
    return " ".join(words[: int(len(words) * share)])


@pytest.mark.parametrize("copy", [_cut(2), _cut(3), _cut(5), _cut(7), _cut_mid_sentence(0.3),
                                  _cut_mid_sentence(0.6), "Wire copy.\n\n" + _cut(4)],
                         ids=["2-paragraphs", "3-paragraphs", "5-paragraphs", "7-paragraphs", "30%-of-words",
                              "60%-of-words", "4-paragraphs-with-a-credit-line"])
def test_a_copy_cut_short_is_a_copy_of_the_full_story(copy):
    full, cut = signature(ORIGINAL), signature(copy)
    assert is_cut_copy(cut, full) and is_cut_copy(full, cut)


def test_short_cuts_are_not_near_copies_by_resemblance_alone():
    """What containment adds: these cuts resemble the full story, and each other, too little."""
    for one, other in [(_cut(2), ORIGINAL), (_cut(4), ORIGINAL), (_cut(2), _cut(4))]:
        assert signature(one).jaccard(signature(other)) < NEAR_DUPLICATE


def test_stories_on_the_same_topic_are_not_copies():
    stories = [ORIGINAL, *SAME_TOPIC, _cut(3)]
    for one in SAME_TOPIC:
        for other in stories:
            if other is not one:
                assert not is_cut_copy(signature(one), signature(other))
                assert signature(one).jaccard(signature(other)) < NEAR_DUPLICATE


@pytest.mark.parametrize("order", ["full-first", "cut-first"])
def test_ingest_counts_the_story_once_in_search_and_timeline(tmp_path, nlp, order):
    folder = tmp_path / "news"
    folder.mkdir()
    names = ["a-full.txt", "b-cut-4.txt", "c-cut-2.txt"] if order == "full-first" else [
        "c-full.txt", "b-cut-4.txt", "a-cut-2.txt"]
    for name, text in zip(names, [ORIGINAL, _cut(4), _cut(2)]):  # each under NEAR_DUPLICATE of the others
        (folder / name).write_text(text, encoding="utf-8")
    for number, text in enumerate(SAME_TOPIC):
        (folder / f"d-other-{number}.txt").write_text(text, encoding="utf-8")
    sides = tmp_path / "sides.yaml"
    sides.write_text("Norland: {names: [Norland], adjectives: [Norlandic], seats: [Port Avel]}\n"
                     "Sudmark: {names: [Sudmark], adjectives: [Sudmarkian], seats: [Halvorstad]}\n", encoding="utf-8")
    with Store.open(str(tmp_path / "c.db")) as store:
        summary = ingest([folder], store, nlp=nlp, lexicon=Lexicon.load(extra_sides=[sides]))
        assert (summary.new, summary.duplicates, summary.errors) == (3, 2, 0)
        [cluster] = store.clusters()
        assert sorted(m.source.rsplit("/", 1)[-1] for m in cluster.members) == sorted(names)
        quote = "not be pushed out of our own waters"
        hits = store.search(f'"{quote}"')
        assert len(hits) == 1
        day = [row for row in store.timeline() if row.day.isoformat() == "2023-03-03"]
        assert day, "the story's statements of a side are on its day"
        for row in day:  # once: as many as the one analysed copy has
            assert row.statements == len(store.search("", since="2023-03-03", until="2023-03-03", side=row.side))
