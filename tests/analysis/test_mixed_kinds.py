"""Kinds of mixed message read from the wording (tealeaves.analysis.mixed): a softening
walk-back, a request for clarification that walks nothing back, one statement that sets a
restraint against a threat, and an offer to work together beside a refusal of pressure. On
hand-built articles (the helpers of test_analysis.py)."""

from tealeaves.analysis.wording import corrects
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
