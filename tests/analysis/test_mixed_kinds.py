"""Kinds of mixed message read from the wording (tealeaves.analysis.mixed): a softening
walk-back, a request for clarification that walks nothing back, one statement that sets a
restraint against a threat, and an offer to work together beside a refusal of pressure. On
hand-built articles (the helpers of test_analysis.py)."""

import pytest

from tealeaves.analysis.mixed import opposed_halves
from tealeaves.analysis.wording import corrects, cues, phrase_pattern
from tealeaves.lexicon import bundled_yaml
from test_analysis import FILLER, Said, mixed


def test_a_softening_of_what_the_side_said_is_a_walk_back_of_it():
    accusation = Said("berg", ("accuse",), "Those who sent trawlers into our waters are the ones who owe an apology",
                      "trawler")
    softening = Said("berg", ("commit",), "Maybe we would have boarded the trawler differently had we known its flag",
                     "trawler")
    (message,) = mixed([[accusation], FILLER, [softening]])
    assert message.kind == "walk_back" and message.statement_ids == ("s02", "s01")


def test_asking_another_party_for_clarification_walks_nothing_back():
    accusation = Said("berg", ("accuse",), "that Iceland hides the real reason for the quarrel over the banks", "banks",
                      kind="indirect", cue="accused")
    request = Said("berg", ("commit",), "Norway will keep asking for clarification of the reason for the quarrel",
                   "banks")
    assert mixed([[accusation], [request]]) == []
    assert corrects("The minister sought to clarify what the envoy said about the banks")
    assert not corrects("The minister urged the envoy to clarify what he said about the banks")


def test_one_statement_that_sets_a_restraint_against_a_threat_is_mixed_by_itself():
    both = Said("berg", ("threaten",), "We reserve the right to answer every raid on the banks, but we have halted "
                "our patrols out of respect for the talks", "banks")
    (message,) = mixed([[both]])
    assert message.statement_ids == ("s01",) and message.kind == "reassurance_vs_threat"
    one_way = Said("berg", ("threaten",), "We reserve the right to answer every raid and we will answer it", "banks")
    assert mixed([[one_way]]) == []  # no contrast: one threat
    miscoded = Said("berg", ("demand",), both.words, "banks")
    assert mixed([[miscoded]]) == []  # the coder reads neither half: no reading of the words alone


def test_an_offer_to_work_together_stands_with_a_refusal_of_pressure():
    offer = Said("berg", ("engage",), "that Norway is willing to work with Iceland on the quotas", "quota",
                 kind="indirect")
    pressure = Said("berg", ("reject",), "Iceland's pressure on our fishermen is unacceptable", "quota")
    assert mixed([[offer], [pressure]]) == []
    refusal = Said("berg", ("reject",), "We will never sit down with Iceland on the quotas", "quota")
    (message,) = mixed([[offer], [refusal]])
    assert message.kind == "offer_to_engage_vs_rejection"


@pytest.mark.parametrize("section", ["halves", "pressure_refusals"])
def test_each_half_and_pressure_phrase_reads_its_example_sentences_and_no_others(section):
    data = bundled_yaml("mixed_messages.yaml")
    if section == "halves":
        phrases, every_code = [p for words in data["halves"].values() for p in words], set(data["halves"])
        reads = lambda sentence: opposed_halves(sentence.lower(), every_code) is not None  # noqa: E731
    else:
        phrases, reads = data["pressure_refusals"]["words"], cues().pressure.search
    examples = data["examples"][section]
    assert [e for e in examples if not reads(e)] == []
    assert [p for p in phrases if not any(phrase_pattern([p]).search(e) for e in examples)] == []
    assert [e for e in data["examples"][f"not_{section}"] if reads(e)] == []
