"""The mixed-message calibration (tealeaves.analysis.mixed_model): a message's raw score and its
least sure code read as the chance that the contradiction is real, on hand-built articles (the
helpers of test_analysis.py)."""

import pytest

from tealeaves.analysis import mixed_model as module
from tealeaves.analysis.coherence import coherence
from tealeaves.analysis.mixed import find_mixed_messages, raw_mixed_messages
from tealeaves.analysis.mixed_model import MixedModel, mixed_model, weakest_rank
from test_analysis import ACTORS, Said, article

SURE = 0.95


def _calm_and_threat(confidence: float):
    """A reassurance and a threat of one side on the banks, coded with ``confidence``, beside
    three statements the coder is sure of."""
    sure = [Said("jonsson", ("demand",), f"Norway must open zone {n} of the banks", "fishing banks", confidence=SURE)
            for n in range(3)]
    calm = Said("berg", ("reassure",), "Our trawlers will keep fishing the banks in peace", "fishing banks",
                confidence=confidence)
    threat = Said("holm", ("threaten",), "Any boat crossing into the fishing banks will be seized", "fishing banks",
                  confidence=confidence)
    return article(sure, [calm, threat])


def test_a_reported_score_is_the_calibrated_confidence_of_the_raw_one():
    text, statements = _calm_and_threat(SURE)
    (raw,) = [m for m in raw_mixed_messages(statements, ACTORS, text=text) if m.side == "Norway"]
    (reported,) = [m for m in find_mixed_messages(statements, ACTORS, text=text) if m.side == "Norway"]
    assert reported.statement_ids == raw.statement_ids
    assert reported.score == pytest.approx(mixed_model().confidence(raw.score, 1.0), abs=0.01)


def test_a_pair_on_codes_the_coder_doubts_most_reads_lower_and_leaves_its_side_more_coherent():
    sure_text, sure = _calm_and_threat(SURE)
    doubted_text, doubted = _calm_and_threat(0.2)
    (sure_pair,) = [m for m in find_mixed_messages(sure, ACTORS, text=sure_text) if m.side == "Norway"]
    (doubted_pair,) = [m for m in find_mixed_messages(doubted, ACTORS, text=doubted_text) if m.side == "Norway"]
    (sure_raw,) = [m for m in raw_mixed_messages(sure, ACTORS, text=sure_text) if m.side == "Norway"]
    assert doubted_pair.score < sure_pair.score < sure_raw.score  # fewer pairs are real than raw scores say (mixed_fit)
    assert coherence(doubted, ACTORS, [doubted_pair])[0]["Norway"] > coherence(sure, ACTORS, [sure_pair])[0]["Norway"]


def test_the_weakest_rank_is_the_least_sure_statement_s():
    assert weakest_rank(("s01", "s02"), {"s01": 0.8, "s02": 0.25}) == 0.25
    assert weakest_rank(("s01",), {}) == 1.0  # a statement the ranks do not list: sure


@pytest.mark.parametrize("data, problem", [({"intercept": 0.1, "slope": 0.5}, "codes"),
                                           ({"intercept": 0.1, "slope": -0.5, "codes": 0.2}, "slope")])
def test_a_broken_model_file_fails_naming_the_file_and_the_number(monkeypatch, data, problem):
    monkeypatch.setattr(module, "bundled_yaml", lambda name: data)
    mixed_model.cache_clear()
    try:
        with pytest.raises(ValueError, match=f"mixed_model.yaml.*{problem}"):
            mixed_model()
    finally:
        monkeypatch.undo()
        mixed_model.cache_clear()
    assert isinstance(mixed_model(), MixedModel)
