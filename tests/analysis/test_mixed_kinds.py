"""Kinds of mixed message read from the wording (tealeaves.analysis.mixed): a softening
walk-back, a request for clarification that walks nothing back, one statement that sets a
restraint against a threat, and an offer to work together beside a refusal of pressure. On
hand-built articles (the helpers of test_analysis.py). Codes the coder gets wrong in a known
way are read again from the words (``rereadings``): a promise of restraint read as a commitment
or a refusal, a walk-out from talks read as an offer."""

import pytest

from tealeaves.analysis.mixed import opposed_halves
from tealeaves.analysis.wording import corrects, cues, phrase_pattern, reread
from tealeaves.lexicon import bundled_yaml
from tealeaves.models import Span, Statement
from test_analysis import ACTORS, FILLER, Said, mixed


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


THREAT_ON_BANKS = Said("holm", ("threaten",), "Any trawler that fishes the banks will be seized and its crew arrested",
                       "banks")


def test_a_promise_of_restraint_coded_as_a_commitment_meets_a_threat_of_its_side():
    restraint = Said("berg", ("commit",), "Norway will show restraint on the banks whatever the trawlers do", "banks")
    (message,) = mixed([[restraint], [THREAT_ON_BANKS]])
    assert message.kind == "reassurance_vs_threat" and message.statement_ids == ("s01", "s02")
    plan = Said("berg", ("commit",), "Norway will keep its frigates on the banks through the winter", "banks")
    assert mixed([[plan], [THREAT_ON_BANKS]]) == []  # a plan of no restraint stays a commitment


def test_a_hope_not_to_use_force_coded_as_a_threat_meets_the_threat_it_follows():
    hope = Said("holm", ("threaten",), "Norway hopes it will not have to use force on the banks", "banks")
    (message,) = mixed([[THREAT_ON_BANKS], [hope]])
    assert message.kind == "reassurance_vs_threat" and message.statement_ids == ("s02", "s01")
    second_threat = Said("holm", ("threaten",), "Norway will use force on the banks if it must", "banks")
    assert mixed([[THREAT_ON_BANKS], [second_threat]]) == []  # two threats agree


def test_two_promises_of_restraint_never_pair_as_a_reassurance_and_a_refusal():
    calm = Said("berg", ("reassure",), "Nobody in Norway wants the quarrel over the banks to end in a war", "banks")
    forsworn = Said("holm", ("reject",), "Norway will never use force against a trawler on the banks", "banks")
    assert mixed([[calm], [forsworn]]) == []
    refusal = Said("holm", ("reject",), "Norway will never accept Iceland's quotas for the banks", "banks")
    assert [m.kind for m in mixed([[calm], [refusal]])] == ["reassurance_vs_rejection"]


def test_a_walk_out_from_talks_coded_as_an_offer_refuses_the_offer_of_its_side():
    offer = Said("berg", ("engage",), "that Norway is ready to sit down with Iceland on the banks", "banks",
                 kind="indirect")
    walk_out = Said("holm", ("engage",), "that Norway has suspended its part in the talks on the banks", "banks",
                    kind="indirect")
    (message,) = mixed([[offer], [walk_out]])
    assert message.kind == "offer_to_engage_vs_rejection" and message.statement_ids == ("s01", "s02")
    theirs = Said("holm", ("engage",), "that Iceland has suspended its part in the talks on the banks", "banks",
                  kind="indirect")
    assert mixed([[offer], [theirs]]) == []  # another side's walk-out is no refusal of Norway's


def _said_by_berg(sentence: str, signal: str) -> Statement:
    return Statement("s01", "indirect", 0, len(sentence), sentence, speaker_id="berg",
                     content=(Span(0, len(sentence), sentence),), signal=signal, signals=(signal,), confidence=0.5)


def test_each_rereading_phrase_reads_its_example_sentences_and_no_others():
    data = bundled_yaml("mixed_messages.yaml")
    for code, entry in data["rereadings"].items():
        examples = data["examples"]["rereadings"][code]
        assert [e for e in examples if reread(_said_by_berg(e, entry["from"][0]), ACTORS).signal != code] == []
        assert [p for p in entry["words"] if not any(phrase_pattern([p]).search(e) for e in examples)] == []
        for sentence in data["examples"]["not_rereadings"]:
            for replaced in entry["from"]:
                assert reread(_said_by_berg(sentence, replaced), ACTORS).signal == replaced, sentence


def test_troops_moved_despite_an_offer_of_talks_is_a_say_do_gap_in_one_sentence():
    offer = Said("navy", ("engage",), "to hold talks on the banks next week", "banks", kind="indirect", cue="agreed")
    kinds = {}
    for link in ("despite agreeing to talks", "and agreed to talks"):
        deed = Said("navy", ("mobilize",), f"three frigates to the banks {link}", "banks", kind="action", cue="moved",
                    with_next=True)
        kinds[link] = [m.kind for m in mixed([[deed, offer]])]
    assert kinds == {"despite agreeing to talks": ["say_do_gap"], "and agreed to talks": []}  # no contrast: one move
