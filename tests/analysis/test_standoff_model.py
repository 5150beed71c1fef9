"""The standoff model (tealeaves.analysis.standoff_model): a logistic regression over a pair's
evidence, loaded from data/standoff_model.yaml."""

import math

import pytest

from tealeaves.analysis import standoff_model as module
from tealeaves.analysis.standoff_model import StandoffModel, code_ranks, evidence, pair_class, standoff_model
from tealeaves.models import Statement


def test_confidence_is_the_logistic_of_the_weighted_evidence_and_the_pair_class_has_a_weight_of_its_own():
    model = StandoffModel(-1.0, {"clash": 2.0, "demand+reject": 0.5}, 0.5)
    found = evidence(1.0, 0.4, 0, 3, 1.0, (1.0, 1.0), pair_class("reject", "demand"))
    assert found["demand+reject"] == 1.0 and found["near"] == 1.0
    assert evidence(1.0, 0.4, 0, module.NEAR_PARAGRAPHS + 1, 1.0, (1.0, 1.0), "x+y")["near"] == 0.0
    assert model.confidence(found) == pytest.approx(1 / (1 + math.exp(-1.5)))
    assert model.confidence({**found, "demand+reject": 0.0}) == pytest.approx(1 / (1 + math.exp(-1.0)))


def test_how_many_of_the_two_are_aimed_at_the_other_side_is_evidence():
    assert [(e["one_way"], e["mutual"]) for e in (
        evidence(1.0, 1.0, n, 0, 1.0, (1.0, 1.0), "x+y") for n in (0, 1, 2))] == [(0, 0), (1, 0), (0, 1)]


def test_the_coders_doubt_costs_a_fixed_weight_that_no_fit_of_sure_gold_codes_could_learn():
    model = StandoffModel(0.0, {}, 0.5)
    sure, doubtful = (evidence(1.0, 1.0, 2, 0, 1.0, codes, "x+y") for codes in ((1.0, 1.0), (0.0, 0.0)))
    assert model.confidence(sure) == 0.5
    assert model.confidence(doubtful) == pytest.approx(1 / (1 + math.exp(module.CODES_WEIGHT)))


def test_the_bundled_model_keeps_a_sure_demand_against_a_refusal_nearby_and_not_one_on_no_shared_matter():
    model = standoff_model()
    near = evidence(1.0, 1.0, 1, 0, 1.0, (1.0, 1.0), "demand+reject")
    unrelated = evidence(0.7, 0.0, 0, 12, 1.0, (1.0, 1.0), "commit+threaten")
    assert model.confidence(unrelated) < model.threshold <= model.confidence(near)


def test_code_ranks_ignore_the_scale_of_the_confidences():
    def statements(*confidences):
        return [Statement(f"s{i}", "direct", 0, 1, "x", confidence=c) for i, c in enumerate(confidences)]

    assert code_ranks(statements(0.2, 0.4, 0.3)) == code_ranks(statements(0.6, 0.95, 0.8)) == {
        "s0": pytest.approx(1 / 3), "s1": 1.0, "s2": pytest.approx(2 / 3)}
    assert code_ranks(statements(1.0, 0.1)) == {"s0": 1.0, "s1": 0.5}  # given by hand: sure


def test_a_model_file_without_its_weights_fails_naming_the_file(monkeypatch):
    monkeypatch.setattr(module, "bundled_yaml", lambda name: {"intercept": 0.1, "threshold": 0.3})
    standoff_model.cache_clear()
    try:
        with pytest.raises(ValueError, match="standoff_model.yaml.*weights"):
            standoff_model()
    finally:
        monkeypatch.undo()
        standoff_model.cache_clear()
    assert isinstance(standoff_model(), StandoffModel)
