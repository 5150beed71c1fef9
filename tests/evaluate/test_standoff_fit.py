"""tools/standoff_fit.py fits the standoff model's regression and writes it back as data."""

import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tools"))

import standoff_fit  # noqa: E402
from tealeaves.analysis.standoff_model import StandoffModel  # noqa: E402
from tealeaves.lexicon import read_yaml  # noqa: E402


def test_the_fitted_weights_follow_the_evidence_and_are_written_back_with_the_header(tmp_path, monkeypatch):
    rng = np.random.default_rng(3)
    topic, accusations = rng.uniform(0, 1, 600), rng.integers(0, 2, 600)
    listed = (rng.uniform(0, 1, 600) < topic ** 2 * np.where(accusations, 0.3, 1.0)).astype(int)
    model = standoff_fit.fit(np.column_stack([topic, accusations]), listed, ["topic", "accuse+accuse"], 0.3)
    assert model.weights["topic"] > 0 > model.weights["accuse+accuse"] and model.threshold == 0.3
    path = tmp_path / "standoff_model.yaml"
    path.write_text("# what the file is\nintercept: 0.0\nweights: {}\nthreshold: 0.5\n", encoding="utf-8")
    monkeypatch.setattr(standoff_fit, "MODEL_PATH", path)
    text = standoff_fit._as_yaml(model)
    written = read_yaml(text)
    assert text.startswith("# what the file is\n")
    assert StandoffModel(written["intercept"], written["weights"], written["threshold"]) == StandoffModel(
        round(model.intercept, 3), {k: round(w, 3) for k, w in model.weights.items()}, 0.3)
