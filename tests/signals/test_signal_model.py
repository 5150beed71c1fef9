"""The learned signal coder: the shipped weights, reproducible training, the join rows it
trains on, and the rules of the codebook that stand above the model (questions, observers,
deeds). Sentences are invented for these tests."""

import json
import re
import sys
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from tealeaves.cli import cli
from tealeaves.codebook import codebook
from tealeaves.models import Actor, Document
from tealeaves.pipeline import analyze_documents
from tealeaves.signals import rules
from tealeaves.signals.model import (
    NO_CODE,
    RULES_DECIDE_BELOW,
    SignalModel,
    calibrated,
    decide,
    mention_kind,
    rules_decide,
    speaker_kind,
)

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "tools"))
sys.path.insert(0, str(REPO / "tests"))
import annotate  # noqa: E402
import annotation_items  # noqa: E402
import train_signal_model  # noqa: E402
from test_annotate import write_corpus, write_labels  # noqa: E402

CODES = ("reject", "accuse", None, "demand", "commit")


def test_the_shipped_model_loads_and_holds_no_passage_of_text():
    model = SignalModel.load()
    assert list(model.classes) == [*codebook().names(), NO_CODE]
    assert set(model.heads) == {"vector", "symbolic"}
    for head in model.heads.values():
        assert head["bias"].shape == (len(model.classes),)
        for name in head["weights"]:
            value = name.split("=", 1)[-1]
            assert " " not in value, name  # single words and codes only, never a phrase
    assert model.heads["vector"]["vector"].shape == (len(model.classes), 384)
    raw = (REPO / "src/tealeaves/data/signal_model.json").read_text("utf-8")
    assert not re.search(r"\b[a-z]+ [a-z]+ [a-z]+\b", raw)  # no run of words anywhere in the file


def _rows(tmp_path: Path) -> Path:
    shared = tmp_path / "shared"
    write_corpus(shared)
    items_path = tmp_path / "items.jsonl"
    annotation_items.write_jsonl(items_path, annotation_items.build_items(shared, polnear_count=12, double_count=2))
    ids = [json.loads(line)["item"] for line in items_path.read_text(encoding="utf-8").splitlines()]
    write_labels(tmp_path / "a.jsonl", [(item, CODES[i % len(CODES)]) for i, item in enumerate(ids)], "ann1")
    out = tmp_path / "rows.jsonl"
    assert annotate.main(["--shared", str(shared), "--items", str(items_path), "join", str(tmp_path / "a.jsonl"),
                          "--out", str(out)]) == 0
    return out


def test_join_rows_carry_offsets_that_rebuild_each_item(tmp_path):
    for row in map(json.loads, _rows(tmp_path).read_text(encoding="utf-8").splitlines()):
        start, end = row["window"]["span"]
        assert row["window_text"][start:end] == row["text"]
        for s, e in row["window"]["content"]:
            assert row["window_text"][s:e] in row["content"]


def test_retraining_on_an_invented_set_is_byte_identical(tmp_path):
    rows = _rows(tmp_path)
    first, second = tmp_path / "one.json", tmp_path / "two.json"
    for out in (first, second):
        assert train_signal_model.main([str(rows), "-o", str(out), "--no-vectors", "--folds", "3",
                                        "--report", str(out.with_suffix(".cv.json"))]) == 0
    assert first.read_bytes() == second.read_bytes()
    report = json.loads(first.with_suffix(".cv.json").read_text("utf-8"))  # the same run scored itself
    assert report["folds"] == 3 and report["sets"]["all"]["coder"]["items"] == len(rows.read_text().splitlines())
    model = SignalModel.load(first)
    assert set(model.heads) == {"symbolic"}
    probability = model.probabilities([["kind=statement", "speaker=party"]], None)
    assert probability.shape == (1, len(model.classes)) and np.isclose(probability.sum(), 1.0)


def test_eval_signals_names_the_file_and_what_is_missing(tmp_path):
    rows = tmp_path / "old.jsonl"
    rows.write_text(json.dumps({"item": "x", "code": None}) + "\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["eval", "--signals", str(rows)])
    assert result.exit_code != 0
    assert "old.jsonl" in result.output and "window_text" in result.output and "join" in result.output


def test_eval_wants_gold_or_signals():
    result = CliRunner().invoke(cli, ["eval"])
    assert result.exit_code != 0 and "--signals" in result.output


def test_decide_keeps_assess_for_observers_and_deeds_to_deed_codes():
    classes = [*codebook().names(), NO_CODE]
    row = np.zeros(len(classes))
    row[classes.index("accuse")], row[classes.index("assess")], row[classes.index("assault")] = 0.5, 0.3, 0.2
    assert decide(classes, row, "indirect", "party")[0] == "accuse"  # a party never assesses
    code, probability = decide(classes, row, "indirect", "observer")
    assert code == "assess" and probability == pytest.approx(1.0)  # an observer's move is commentary
    assert decide(classes, row, "action", "party")[0] == "assault"  # a deed gets a deed's code


def test_decide_takes_the_code_the_rules_are_sure_of_where_its_kind_allows_it():
    classes = [*codebook().names(), NO_CODE]
    row = np.zeros(len(classes))
    row[classes.index(NO_CODE)], row[classes.index("accuse")], row[classes.index("reject")] = 0.6, 0.3, 0.1
    assert decide(classes, row, "indirect", "party")[0] is None  # the model alone: no move
    code, probability = decide(classes, row, "indirect", "party", "reject")
    assert code == "reject" and probability == pytest.approx(0.1)  # the rules' code, the model's probability
    assert decide(classes, row, "indirect", "observer", "reject")[0] is None  # an observer's relay is no move
    assert decide(classes, row, "indirect", "party", "assault")[0] is None  # a statement takes no deed code
    assert decide(classes, row, "action", "party", "cooperate")[0] == "cooperate"  # a deed keeps its verb's code
    assert decide(classes, row, "action", "party", "engage")[0] == "engage"  # a meeting held engages (PLOVER)
    assert decide(classes, row, "action", "party")[0] is None


def test_an_observer_comments_or_relays_but_never_makes_a_partys_move():
    """Codebook D1/D11: an outlet or analyst relaying a party's demand makes no move of its
    own; before, any likeliest move (here demand) was turned into assess."""
    classes = [*codebook().names(), NO_CODE]
    row = np.zeros(len(classes))
    row[classes.index("demand")], row[classes.index(NO_CODE)], row[classes.index("assess")] = 0.5, 0.3, 0.2
    code, probability = decide(classes, row, "indirect", "observer", "demand")
    assert code is None and probability == pytest.approx(0.6)  # none against assess: 0.3 / 0.5
    row[classes.index(NO_CODE)], row[classes.index("assess")] = 0.1, 0.4
    code, probability = decide(classes, row, "indirect", "observer")
    assert code == "assess" and probability == pytest.approx(0.8)  # commentary likelier than a relay
    assert decide(classes, row, "indirect", "party")[0] == "demand"  # a party's move stays its own


def test_an_unnamed_source_with_no_side_makes_no_move():
    """Codebook D2: "a source familiar with the talks" speaks for no side, so what it says is
    no move, not even commentary; a named party, or sources the resolver gave a side, move."""
    unnamed = Actor(id="s", name="A source familiar with the ceasefire talks", kind="person")
    assert speaker_kind(unnamed) == "unnamed"
    assert speaker_kind(Actor(id="t", name="Israeli security sources", kind="group", side="Israel")) == "party"
    assert speaker_kind(Actor(id="u", name="Majed al-Ansari", kind="official")) == "party"
    assert mention_kind("a source close to the negotiations") == "unnamed"
    assert mention_kind("Resource Minister Tanaka") == "party"
    classes = [*codebook().names(), NO_CODE]
    row = np.zeros(len(classes))
    row[classes.index("reassure")], row[classes.index("assess")], row[classes.index(NO_CODE)] = 0.5, 0.3, 0.2
    code, probability = decide(classes, row, "indirect", "unnamed", "reassure")
    assert code is None and probability == pytest.approx(0.4)  # no move: 0.2 against assess 0.3


def test_the_confidence_is_calibrated_by_the_model_files_map():
    """The decided code's probability goes through the file's Platt map (fitted on
    cross-validated predictions); a file without one keeps it as it is."""
    plain = SignalModel(("none",), {}, {"vector": 1.0})
    assert plain.confidence(0.3, "vector") == pytest.approx(0.3, abs=1e-6)
    mapped = SignalModel(("none",), {}, {"vector": 1.0}, {"vector": (1.0, 1.0)})
    assert mapped.confidence(0.3, "vector") > 0.5  # log-odds shifted up by one
    assert mapped.confidence(0.3, "symbolic") == pytest.approx(0.3, abs=1e-6)  # no map for that head
    shrunk = SignalModel(("none",), {}, {"vector": 1.0}, {"vector": (0.5, 0.0)})
    assert 0.5 < shrunk.confidence(0.9, "vector") < 0.9 and 0.1 < shrunk.confidence(0.1, "vector") < 0.5


def test_fit_calibration_learns_how_often_a_confidence_is_right():
    """Codes given at 0.2 that are right half the time and at 0.8 always: the map raises the
    first; identity when every code is right or wrong (nothing to learn)."""
    from tealeaves.evaluate.signal_cv import calibration_error, fit_calibration

    confidences, correct = [0.2] * 40 + [0.8] * 40, [True, False] * 20 + [True] * 40
    slope, intercept = fit_calibration(confidences, correct)
    assert calibrated(0.2, slope, intercept) > 0.35
    assert fit_calibration([0.3, 0.6], [True, True]) == [1.0, 0.0]
    assert calibration_error([0.2] * 4, [True, False, False, False])["ece"] == pytest.approx(0.05)


def test_the_rules_decide_a_statement_only_where_the_model_is_unsure():
    """The gate (docs/signal-model.md, round four): a model sure of its own class keeps it."""
    classes = [*codebook().names(), NO_CODE]
    row = np.zeros(len(classes))
    row[classes.index(NO_CODE)], row[classes.index("reject")] = RULES_DECIDE_BELOW + 0.05, 0.2
    assert not rules_decide(row, "indirect") and rules_decide(row, "action")  # a deed keeps its table code
    row[classes.index(NO_CODE)] = RULES_DECIDE_BELOW - 0.05
    assert rules_decide(row, "indirect")


def test_the_rules_are_sure_of_codes_that_weigh_enough_and_half_the_strongest():
    found = [("cue", "demand", 1.0), ("phrase", "threaten", 0.5), ("phrase", "commit", 0.46),
             ("urgency", "accuse", 0.3), ("action", "assault", 0.0)]
    assert rules.sure_codes(found) == ["demand", "threaten"]  # commit under half of 1.0, accuse under 0.45
    assert rules.strongest(found) == "demand"
    assert rules.sure_codes([("phrase", "accuse", 0.2), ("phrase", "accuse", 0.2)]) == []
    assert rules.strongest([("action", "assault", 0.0)]) is None


def run(nlp, text, embeddings=True):
    return next(analyze_documents([Document(id="m" * 16, source="test", text=text)], nlp=nlp,
                                  embeddings=embeddings))


@pytest.mark.parametrize("embeddings", [True, False])
def test_confidence_is_the_probability_of_the_code_given(nlp, embeddings):
    result = run(nlp, "The Icelandic prime minister accused Norway of a deliberate provocation. "
                      "Norwegian warships shelled the harbour of Vik on Monday.", embeddings)
    assert result.statements
    for statement in result.statements:
        assert 0.0 < statement.confidence <= 1.0
        if statement.signal is not None:
            assert statement.signals[0] == statement.signal
            kinds = {codebook()[code].kind for code in statement.signals}
            assert kinds <= ({"action"} if statement.kind == "action" else {"statement", "observer"})
        else:
            assert statement.signals == ()


def test_eval_counts_an_event_sentence_coded_with_no_move(tmp_path):
    gold = tmp_path / "events.json"
    gold.write_text(json.dumps([{"id": "X-1", "text": "The weather was mild on Tuesday in the capital.",
                                 "tealeaves_code": "commit"}]), encoding="utf-8")
    result = CliRunner().invoke(cli, ["eval", str(gold), "--no-baseline", "--json"])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.stdout)["datasets"][0]["systems"]["tealeaves"]
    assert scores["confusion"] == {"commit": {"—": 1}}


def test_the_vector_reads_the_cue_with_what_was_said():
    from tealeaves.models import Span, Statement
    from tealeaves.signals.model import embedded_text

    text = "Ostmark warned that it would close the strait."
    content = Span(15, len(text), text[15:])
    warned = Statement(id="s", kind="indirect", start=0, end=len(text), text=text, content=(content,),
                       cue=Span(8, 14, "warned"))
    assert embedded_text(warned) == "warned that it would close the strait."
    inside = Statement(id="s", kind="indirect", start=0, end=len(text), text=text,
                       content=(Span(0, len(text), text),), cue=Span(8, 14, "warned"))
    assert embedded_text(inside) == text  # the cue already inside what was said
