"""Soft opposition (analysis.soft): a pair scores by how likely each code is, not only by the
decided one."""

from tealeaves.analysis.soft import code_probabilities, soft_opposition
from tealeaves.codebook import codebook
from tealeaves.models import Statement


def _coded(signal, signals, confidence):
    return Statement(id="s1", kind="indirect", start=0, end=10, text="Valdora said so", speaker_id="valdora",
                     signal=signal, signals=signals, confidence=confidence)


def test_a_likely_code_that_lost_the_argmax_still_opposes():
    offer = {"engage": 0.9}
    misread_threat = {"commit": 0.55, "threaten": 0.4}  # a threat the coder read as a commitment
    plain_commitment = {"commit": 0.95}
    oppositions = codebook().oppositions
    assert soft_opposition(offer, misread_threat, oppositions) > 0.25
    assert soft_opposition(offer, plain_commitment, oppositions) == 0.0
    assert soft_opposition(misread_threat, offer, oppositions) == soft_opposition(offer, misread_threat, oppositions)


def test_codes_given_by_hand_are_sure_and_coded_ones_weigh_their_confidence():
    assert code_probabilities(_coded("reassure", ("reassure", "engage"), 1.0)) == {"reassure": 1.0, "engage": 1.0}
    coded = code_probabilities(_coded("threaten", ("threaten", "demand"), 0.6))
    assert coded["threaten"] == 0.6 and 0 < coded["demand"] < 0.6
    assert code_probabilities(_coded(None, (), 0.8)) == {}
