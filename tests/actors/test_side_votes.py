"""The side of a titled official whose own words name no country, from the article's agreeing
evidence; and demonyms read from the side tables. Articles and people are invented."""

from __future__ import annotations

import pytest

from tealeaves.lexicon import default_lexicon
from tealeaves.models import Document
from tealeaves.pipeline import analyze_documents

ARTICLE = ("Fishing boats clash near disputed reef\n\n"
           "Norwegian Prime Minister Erna Haldvik said on Monday that her government would protect "
           "its fishermen near the reef.\n\n"
           "Norwegian Defence Minister Odd Rasmussen told parliament that two patrol ships had been "
           "sent north.\n\n"
           "{country} has asked the boats to leave the area. {title} Hal Brenna said his crews had "
           "fired warning shots.")


def side_of_speaker(nlp, text: str, name: str):
    document = Document(id="made-up", source="made-up", text=text, published="2024-05-03")
    (result,) = analyze_documents([document], nlp=nlp, embeddings=False)
    (actor,) = {result.actor(s.speaker_id) for s in result.statements
                if s.speaker_id and result.actor(s.speaker_id).name == name}
    return actor.side, [w.message for w in result.warnings if w.kind == "side_from_context" and w.actor_id == actor.id]


def test_a_titled_official_takes_the_one_country_the_article_s_evidence_agrees_on(nlp):
    side, why = side_of_speaker(nlp, ARTICLE.format(country="Norway", title="Coastguard chief Rear Admiral"),
                                "Hal Brenna")
    assert side == "Norway"  # its officials named most, and named just before him
    assert why and "agrees" in why[0]
    # another country named just before him: the evidence is split, so no side
    assert side_of_speaker(nlp, ARTICLE.format(country="Sweden", title="Coastguard chief Rear Admiral"),
                           "Hal Brenna")[0] is None
    # a former holder of an office speaks for no state by it
    assert side_of_speaker(nlp, ARTICLE.format(country="Norway", title="Former coastguard chief"),
                           "Hal Brenna")[0] is None
    # nor does a title as often held in a company as in a state
    assert side_of_speaker(nlp, ARTICLE.format(country="Norway", title="Fishing company CEO"),
                           "Hal Brenna")[0] is None


@pytest.mark.parametrize("word, side", [
    ("Azeri", "Azerbaijan"), ("Basotho", "Lesotho"), ("Motswana", "Botswana"),
    ("Luxembourger", "Luxembourg"), ("Vincentian", "Saint Vincent and the Grenadines"),
])
def test_each_demonym_of_the_side_tables_names_its_country(word, side):
    assert default_lexicon().side_of(word) == side


def test_a_body_named_by_a_second_demonym_speaks_for_its_country(nlp):
    text = "The Azeri foreign ministry said on Sunday that the attack on its mission would not go unanswered."
    assert side_of_speaker(nlp, text, "Azeri foreign ministry")[0] == "Azerbaijan"


def test_a_country_named_just_before_does_not_outweigh_three_kinds_of_evidence(nlp):
    text = ("OSLO (Wire) — Norway has sent two patrol ships to the reef.\n\n"
            "Norwegian Prime Minister Erna Haldvik said her government would protect its fishermen.\n\n"
            "Norwegian Defence Minister Odd Rasmussen told parliament the ships would stay.\n\n"
            "Sweden has asked the boats to leave. Coastguard chief Rear Admiral Hal Brenna said his crews "
            "had fired warning shots.")
    assert side_of_speaker(nlp, text, "Hal Brenna")[0] == "Norway"  # dateline, lead, officials against one
