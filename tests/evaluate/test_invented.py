"""Invented training items (evaluate/invented.py): the committed files are usable, a bad file
is refused with its line and problem, and cross-validation trains on them but never scores
them. Sentences are invented for these tests."""

import json
import sys
from pathlib import Path

import numpy as np
import pytest

from tealeaves.codebook import codebook
from tealeaves.evaluate import signal_cv
from tealeaves.evaluate.invented import INVENTED_SET, InventedError, invented_row, read_invented
from tealeaves.signals.model import NO_CODE

REPO = Path(__file__).resolve().parents[2]
COMMITTED = sorted((REPO / "annotations").glob("invented-*.jsonl"))
CODES = codebook().names()
GOOD = {"item": "invented:t0001", "kind": "statement", "speaker_kind": "party", "author": "tests",
        "text": "The navy chief of Ostria warned that any ship entering the strait would be sunk.",
        "source": "The navy chief of Ostria", "cue": "warned",
        "content": "any ship entering the strait would be sunk", "code": "threaten"}


def _write(path: Path, items: list[dict]) -> Path:
    path.write_text("".join(json.dumps(item) + "\n" for item in items), "utf-8")
    return path


@pytest.mark.parametrize("path", COMMITTED, ids=[p.name for p in COMMITTED])
def test_every_committed_invented_item_has_its_parts_once_and_a_codebook_code(path):
    items = read_invented([path], CODES)
    assert items, f"{path} holds no item"
    for item in items:
        for part in ("source", "cue", "content"):
            assert item[part] == "" or item["text"].count(item[part]) == 1, (item["item"], part)
        assert item["code"] is None or item["code"] in CODES, item["item"]


def test_invented_ids_are_unique_across_the_committed_files():
    ids = [item["item"] for item in read_invented(COMMITTED, CODES)]
    assert len(ids) == len(set(ids))


def test_a_bad_invented_file_is_refused_naming_line_and_problem(tmp_path):
    twice = {**GOOD, "item": "invented:t0002", "text": "Ostria said no. Ostria said it again.",
             "source": "Ostria", "cue": "said no", "content": ""}
    unknown = {**GOOD, "item": "invented:t0003", "code": "bluster"}
    path = _write(tmp_path / "invented-bad.jsonl", [GOOD, twice, unknown, GOOD])
    with pytest.raises(InventedError) as problem:
        read_invented([path], CODES)
    message = str(problem.value)
    assert f"{path}:2: source 'Ostria' occurs 2 times" in message
    assert f"{path}:3: unknown code 'bluster'" in message
    assert f"{path}:4: duplicate id" in message


def test_an_invented_row_rebuilds_its_parts_from_offsets():
    deed = {**GOOD, "item": "invented:d0001", "kind": "action", "text": "Rebels of Velm shelled the harbour at dawn.",
            "source": "Rebels of Velm", "cue": "shelled", "content": "the harbour", "code": "assault"}
    for item in (GOOD, deed, {**deed, "item": "invented:d0002", "content": ""}):
        row = invented_row(item)
        assert row["set"] == INVENTED_SET and row["window_text"] == item["text"]
        for part in ("source", "cue", "content"):
            assert "".join(row["window_text"][s:e] for s, e in row["window"][part]) == item[part]
        start, end = row["window"]["span"]
        assert row["window_text"][start:end] == row["text"]


def test_join_appends_invented_items(tmp_path, capsys):
    sys.path.insert(0, str(REPO / "tools"))
    sys.path.insert(0, str(REPO / "tests" / "signals"))
    import annotate
    import annotation_items
    from test_annotate import write_corpus, write_labels

    shared = tmp_path / "shared"
    write_corpus(shared, articles_per_split=2)
    items_path = tmp_path / "items.jsonl"
    annotation_items.write_jsonl(items_path, annotation_items.build_items(shared, polnear_count=4, double_count=2))
    first = json.loads(items_path.read_text("utf-8").splitlines()[0])["item"]
    write_labels(tmp_path / "a.jsonl", [(first, "reject")], "ann1")
    invented = _write(tmp_path / "invented-x.jsonl", [GOOD])
    out = tmp_path / "rows.jsonl"
    assert annotate.main(["--shared", str(shared), "--items", str(items_path), "join", str(tmp_path / "a.jsonl"),
                          "--invented", str(invented), "--out", str(out)]) == 0
    rows = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert [(r["set"], r["code"]) for r in rows] == [(rows[0]["set"], "reject"), (INVENTED_SET, "threaten")]
    assert rows[0]["batch"] in annotation_items.BATCHES
    bad = _write(tmp_path / "invented-bad.jsonl", [{**GOOD, "code": "bluster"}])
    assert annotate.main(["--shared", str(shared), "--items", str(items_path), "join", str(tmp_path / "a.jsonl"),
                          "--invented", str(bad), "--out", str(out)]) == 2
    assert "invented-bad.jsonl:1: unknown code" in capsys.readouterr().err


def _examples(real: int, invented: int) -> signal_cv.Examples:
    """Symbolic examples: real items whose only clue ("cue=hint") says nothing alone, and
    invented items that tie that clue to ``threaten``."""
    out = signal_cv.Examples()
    for i in range(real + invented):
        fake = i >= real
        out.features.append(["kind=statement", "cue=hint"] if fake or i % 2 else ["kind=statement", "cue=other"])
        out.labels.append("threaten" if fake or i % 2 else NO_CODE)
        out.groups.append(f"{'invented' if fake else 'polnear'}:{i}")
        out.sets.append(INVENTED_SET if fake else "polnear")
        out.kinds.append("indirect")
        out.speakers.append("party")
        out.rule_codes.append(None)
        out.ruled.append(None)
        out.fired.append([])
        out.batches.append(None if fake else "A")
    return out


def test_cross_validation_trains_on_invented_items_but_never_scores_them():
    classes = [*CODES, NO_CODE]
    examples = _examples(real=20, invented=30)
    scores = signal_cv.out_of_fold(examples, classes, folds=5)
    assert np.isinf(scores[20:]).all() and np.isfinite(scores[:20].max(axis=1)).all()
    report = signal_cv.cross_validation_report(examples, classes, folds=5)
    assert report["sets"]["all"]["coder"]["items"] == 20
    assert report["sets"]["polnear"]["coder"]["accuracy"] == 1.0
    assert sum(row["items"] for row in report["reliability"]) == 20


def test_a_later_batch_is_reported_apart_from_the_first_round():
    examples = _examples(real=20, invented=0)
    examples.batches[:5] = ["E"] * 5
    groups = signal_cv.report_groups(examples)
    assert groups["batch E"] == [0, 1, 2, 3, 4] and len(groups["all"]) == 15
