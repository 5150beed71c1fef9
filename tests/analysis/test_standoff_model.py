"""The standoff model (tealeaves.analysis.standoff_model): evidence combined into one strength,
mapped to a confidence, loaded from data/standoff_model.yaml."""

import math

import pytest

from tealeaves.analysis import standoff_model as module
from tealeaves.analysis.standoff_model import StandoffModel, code_ranks, standoff_model, strength
from tealeaves.models import Statement

SURE = {"clash": 1.0, "topic": 1.0, "codes": 1.0, "mutual": 1.0, "near": 1.0, "sides": 1.0}


def test_each_doubt_weakens_a_pair_only_down_to_its_floor():
    assert strength(SURE) == 1.0
    assert strength({**SURE, "codes": 0.0}) == module.CODES_FLOOR
    assert strength({**SURE, "mutual": 0.0}) == module.ONE_WAY
    assert strength({**SURE, "topic": 0.5}) == 0.5  # the matter is no floor: a pair on no shared matter is none


def test_confidence_grows_with_strength_and_the_bundled_model_reaches_its_threshold():
    model = standoff_model()
    # a pair on barely one matter (strength 0.2) stays under the threshold (the refit of round
    # nine puts it near strength 0.29), a sure one reaches it
    weak, strong = model.confidence({**SURE, "topic": 0.2}), model.confidence(SURE)
    assert 0.0 < weak < model.threshold <= strong < 1.0


def test_code_ranks_ignore_the_scale_of_the_confidences():
    def statements(*confidences):
        return [Statement(f"s{i}", "direct", 0, 1, "x", confidence=c) for i, c in enumerate(confidences)]

    assert code_ranks(statements(0.2, 0.4, 0.3)) == code_ranks(statements(0.6, 0.95, 0.8)) == {
        "s0": pytest.approx(1 / 3), "s1": 1.0, "s2": pytest.approx(2 / 3)}
    assert code_ranks(statements(1.0, 0.1)) == {"s0": 1.0, "s1": 0.5}  # given by hand: sure


def test_a_model_file_without_its_numbers_fails_naming_the_file(monkeypatch):
    monkeypatch.setattr(module, "bundled_yaml", lambda name: {"intercept": 0.1, "threshold": 0.3})
    standoff_model.cache_clear()
    try:
        with pytest.raises(ValueError, match="standoff_model.yaml.*slope"):
            standoff_model()
    finally:
        monkeypatch.undo()
        standoff_model.cache_clear()
    assert isinstance(standoff_model(), StandoffModel)


def test_a_factual_dispute_has_a_weight_of_its_own_in_the_log_odds():
    model = StandoffModel(intercept=0.0, slope=1.0, threshold=0.5, dispute=-1.0)
    standoff, dispute = model.confidence(SURE), model.confidence({**SURE, "dispute": 1.0})
    assert standoff == 0.5 and dispute == pytest.approx(1 / (1 + math.e))
    assert strength({**SURE, "dispute": 1.0}) == strength(SURE)  # it weighs the odds, not the evidence
    assert module.evidence(1.0, 1.0, (1.0, 1.0), True, 1.0, 1.0, dispute=True)["dispute"] == 1.0


def test_evidence_under_a_hundredth_reads_as_a_hundredth_so_no_pair_outweighs_all_in_a_fit():
    model = StandoffModel(0.0, 1.0, 0.5)

    def log_odds(evidence):
        p = model.confidence(evidence)
        return math.log(p / (1 - p))

    none, faint = log_odds({**SURE, "topic": 0.0}), log_odds({**SURE, "topic": 0.001})
    assert none == pytest.approx(faint) == pytest.approx(math.log(0.01))
    assert log_odds(SURE) - none == pytest.approx(math.log(100))  # the whole span of ln strength
