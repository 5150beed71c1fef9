"""tools/mixed_fit.py fits the mixed-message calibration and writes it back as data."""

import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tools"))

import mixed_fit  # noqa: E402
from tealeaves.analysis.mixed_model import MixedModel  # noqa: E402
from tealeaves.lexicon import read_yaml  # noqa: E402


def test_the_fitted_map_rises_with_score_and_code_rank_and_is_written_back_with_its_header(tmp_path, monkeypatch):
    rng = np.random.default_rng(5)
    scores, weakest = rng.uniform(0.2, 1.0, 400), rng.uniform(0.0, 1.0, 400)
    listed = (rng.uniform(0, 1, 400) < scores * weakest).astype(int)  # surer pairs on surer codes are listed more
    model = mixed_fit.fit(scores, weakest, listed)
    assert model.slope > 0 and model.codes > 0
    assert model.confidence(0.9, 0.9) > model.confidence(0.9, 0.1) and model.confidence(0.9, 0.5) > model.confidence(0.3, 0.5)
    path = tmp_path / "mixed_model.yaml"
    path.write_text("# what the file is\nintercept: 0.0\nslope: 1.0\ncodes: 0.0\n", encoding="utf-8")
    monkeypatch.setattr(mixed_fit, "MODEL_PATH", path)
    path.write_text(mixed_fit._as_yaml(model), encoding="utf-8")
    written = read_yaml(path.read_text(encoding="utf-8"))
    assert path.read_text(encoding="utf-8").startswith("# what the file is\n")
    assert MixedModel(written["intercept"], written["slope"], written["codes"]) == MixedModel(
        round(model.intercept, 3), round(model.slope, 3), round(model.codes, 3))


def test_reliability_lists_each_band_s_mean_prediction_against_the_share_listed():
    lines = mixed_fit.reliability([0.1, 0.15, 0.7, 0.75], [0, 1, 1, 1])
    assert len(lines) == 2 and "0.12" in lines[0] and "listed 0.50" in lines[0] and "listed 1.00" in lines[1]
