"""The cue model: a logistic weighing of each verb with a possible source, shipped as data,
trained by tools/train_cue_model.py."""

from __future__ import annotations

import dataclasses
import json
import math
import subprocess
import sys
from pathlib import Path

import pytest

import tealeaves
from tealeaves.attribution.cues import cue_example, is_cue
from tealeaves.lexicon import default_lexicon
from tealeaves.nlp.cue_model import CueModel, cue_features
from tealeaves.nlp.model import load_model

ROOT = Path(__file__).resolve().parents[2]


def verb(nlp, text: str, word: str):
    return next(t for t in nlp(text) if t.text == word)


def test_bundled_model_has_weights_and_a_threshold():
    model = CueModel.load()
    assert len(model.weights) > 1000
    assert 0 < model.threshold < 1


def test_probability_is_the_logistic_of_bias_and_known_weights():
    model = CueModel(weights={"lemma=say": 2.0, "neg": -1.0}, bias=-1.0, threshold=0.5)
    assert model.probability(["lemma=say"]) == pytest.approx(1 / (1 + math.exp(-1.0)))
    assert model.probability(["lemma=say", "neg", "never-seen"]) == pytest.approx(0.5)
    assert model.accepts(["lemma=say"]) and not model.accepts(["neg"])


def test_features_name_the_verb_its_sense_its_subject_and_quotes():
    nlp, lex = load_model(), default_lexicon()
    token = verb(nlp, "“The port stays shut,” Mayor Ana Ruiz said on Monday.", "said")
    features, subject = cue_example(token, lex)
    assert subject.text == "Ruiz"
    assert {"lemma=say", "sense=speech", f"subj={subject.ent_type_ or subject.pos_}", 'before="'} <= set(features)
    assert len(features) == len(set(features))
    assert features == cue_features(token, "say", "speech", subject, True, 0)


def test_a_verb_without_a_possible_source_is_no_example():
    nlp, lex = load_model(), default_lexicon()
    assert cue_example(verb(nlp, "Nobody said anything about the port.", "said"), lex) is None
    assert cue_example(verb(nlp, "Close the port before the storm arrives.", "Close"), lex) is None


@pytest.mark.parametrize("text, word, sense", [
    ("Minister Ana Ruiz said that the port would reopen on Friday.", "said", "speech"),
    ("The opposition leader, Ivo Marek, pushed for early elections on Tuesday.", "pushed", "stance"),
    ("The new deal offers benefits to both countries.", "offers", None),
    ("Ana Ruiz ate lunch with her staff at noon.", "ate", None),
])
def test_model_keeps_reports_and_drops_acts(text, word, sense):
    nlp, lex = load_model(), default_lexicon()
    assert is_cue(verb(nlp, text, word), lex) == sense


def test_without_the_model_the_lexicon_decides():
    nlp = load_model()
    lex = dataclasses.replace(default_lexicon(), cue_model=None)
    assert is_cue(verb(nlp, "The opposition leader, Ivo Marek, pushed for early elections.", "pushed"), lex) is None
    assert is_cue(verb(nlp, "Minister Ana Ruiz said that the port would reopen.", "said"), lex) == "speech"


def test_a_stance_is_coded_with_its_verb():
    """'accepted the demands' concedes: the stance's verb is read with its object."""
    doc = tealeaves.analyze("The Icelandic government accepted the demands of the fishermen's union.").documents[0]
    (statement,) = doc.statements
    assert statement.cue_sense == "stance"
    assert statement.signal == "concede"


def _record(doc_id: str, text: str, source: str, cue: str, content: str) -> dict:
    def span(needle: str) -> dict:
        start = text.index(needle)
        return {"start": start, "end": start + len(needle), "text": needle}
    return {"doc_id": doc_id, "text": text,
            "attributions": [{"source": [span(source)], "cue": [span(cue)], "content": [span(content)]}]}


def test_training_tool_writes_a_model_the_package_loads(tmp_path):
    records = [
        _record("a", "Mayor Ana Ruiz insisted that the port would reopen. The ferry left at noon.",
                "Mayor Ana Ruiz", "insisted", "that the port would reopen"),
        _record("b", "The union urged members to stay home. Workers painted the hall on Sunday.",
                "The union", "urged", "members to stay home"),
        _record("c", "Governor Ivo Marek argued that taxes must fall. The governor visited a school.",
                "Governor Ivo Marek", "argued", "that taxes must fall"),
    ]
    gold = tmp_path / "gold.jsonl"
    gold.write_text("".join(json.dumps(r) + "\n" for r in records), "utf-8")
    out = tmp_path / "model.json"
    run = subprocess.run([sys.executable, str(ROOT / "tools" / "train_cue_model.py"), str(gold), "-o", str(out),
                          "--min-weight", "0", "--cv", "3"], capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    data = json.loads(out.read_text("utf-8"))
    assert data["cues"] == 3 and data["examples"] > 3
    thresholds = [line for line in run.stderr.splitlines() if line.startswith("threshold ")]
    assert len(thresholds) == 7 and all(" F1 " in line for line in thresholds)  # one line per threshold, 0.25 to 0.55
    model = CueModel.load(out)
    assert model.weights["sense=speech"] > 0 > model.weights.get("sense=None", -1)


def test_training_tool_names_a_bad_gold_file_in_one_line(tmp_path):
    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"doc_id": "a", "text": "The port opened."\n', "utf-8")
    run = subprocess.run([sys.executable, str(ROOT / "tools" / "train_cue_model.py"), str(gold), "-o",
                          str(tmp_path / "model.json")], capture_output=True, text=True, timeout=300)
    assert run.returncode == 2
    assert run.stderr.startswith(f"error: {gold}:1: not valid JSON") and "Traceback" not in run.stderr
    assert not (tmp_path / "model.json").exists()


def test_training_tool_refuses_fewer_than_two_folds(tmp_path):
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps(_record("a", "Mayor Ana Ruiz insisted that the port would reopen.",
                                       "Mayor Ana Ruiz", "insisted", "that the port would reopen")) + "\n", "utf-8")
    run = subprocess.run([sys.executable, str(ROOT / "tools" / "train_cue_model.py"), str(gold), "-o",
                          str(tmp_path / "model.json"), "--cv", "1"], capture_output=True, text=True, timeout=300)
    assert run.returncode == 2
    assert "--cv 1: cross-validation needs at least 2 folds" in run.stderr and "Traceback" not in run.stderr
    assert not (tmp_path / "model.json").exists()


@pytest.mark.parametrize("text, word, in_quote, quoted", [
    ("“We will never, she said, give up the port,” the envoy added.", "said", True, True),
    ("“We will never give up the port,” the envoy said on Monday.", "said", False, True),
    ("The envoy said the port would stay shut.", "said", False, False),
])
def test_quote_features_say_where_the_marks_are(text, word, in_quote, quoted):
    nlp, lex = load_model(), default_lexicon()
    token = verb(nlp, text, word)
    features, _ = cue_example(token, lex)
    assert ("in_quote" in features, "quote_in_sentence" in features) == (in_quote, quoted)
