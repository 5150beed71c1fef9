"""tools/standoff_fit.py fits the standoff model's logistic map and writes it back as data."""

import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tools"))

import standoff_fit  # noqa: E402
from tealeaves.analysis.standoff_model import StandoffModel  # noqa: E402
from tealeaves.lexicon import read_yaml  # noqa: E402


def test_the_fitted_map_rises_with_strength_and_is_written_back_with_its_header(tmp_path, monkeypatch):
    rng = np.random.default_rng(3)
    strength = rng.uniform(0.05, 1.0, 400)
    listed = (rng.uniform(0, 1, 400) < strength ** 2).astype(int)  # stronger pairs are listed more often
    model = standoff_fit.fit(np.log(strength).reshape(-1, 1), listed, 0.3)
    assert model.slope > 0 and model.confidence({"clash": 1, "topic": 1, "codes": 1, "mutual": 1, "near": 1,
                                                 "sides": 1}) > 0.5
    path = tmp_path / "standoff_model.yaml"
    path.write_text("# what the file is\nintercept: 0.0\nslope: 1.0\nthreshold: 0.5\n", encoding="utf-8")
    monkeypatch.setattr(standoff_fit, "MODEL_PATH", path)
    path.write_text(standoff_fit._as_yaml(model), encoding="utf-8")
    written = read_yaml(path.read_text(encoding="utf-8"))
    assert path.read_text(encoding="utf-8").startswith("# what the file is\n")
    assert StandoffModel(written["intercept"], written["slope"], written["threshold"]) == StandoffModel(
        round(model.intercept, 3), round(model.slope, 3), 0.3)


def test_a_second_column_fits_the_weight_of_a_factual_dispute_and_it_is_written_back(tmp_path, monkeypatch):
    rng = np.random.default_rng(5)
    strength, dispute = rng.uniform(0.05, 1.0, 600), rng.integers(0, 2, 600)
    listed = (rng.uniform(0, 1, 600) < strength ** 2 * np.where(dispute, 0.3, 1.0)).astype(int)
    model = standoff_fit.fit(np.column_stack([np.log(strength), dispute]), listed, 0.3)
    assert model.dispute < 0 < model.slope
    path = tmp_path / "standoff_model.yaml"
    path.write_text("# head\nintercept: 0.0\nslope: 1.0\nthreshold: 0.5\n", encoding="utf-8")
    monkeypatch.setattr(standoff_fit, "MODEL_PATH", path)
    assert read_yaml(standoff_fit._as_yaml(model))["dispute"] == round(model.dispute, 3)
