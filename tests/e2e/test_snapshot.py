"""The output snapshot: refactors keep every document's reading byte for byte.

Each document's canonical JSON is hashed and compared with ``tests/data/snapshot.json``. A
failure lists the documents that changed; ``python tools/snapshot.py diff`` shows how. A
deliberate output change re-records the snapshot (``python tools/snapshot.py record``) in the
same commit, with the reason in its message.
"""

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tools"))

import snapshot  # noqa: E402

RECORDED = json.loads(snapshot.SNAPSHOT.read_text(encoding="utf-8"))


def _check(name, documents, n_process=1):
    assert documents, f"no documents in set {name}"
    assert len(documents) == len(RECORDED[name]), f"{name}: the set changed size; re-record the snapshot"
    differing = snapshot.changed(RECORDED[name], snapshot.hashes(documents, n_process))
    assert not differing, (f"{name}: the reading of {len(differing)} documents changed: {differing[:10]}; "
                           "see `python tools/snapshot.py check` and `diff`")


@pytest.mark.parametrize("name", sorted(snapshot.own_sets()))
def test_the_project_texts_read_as_recorded(name):
    _check(name, snapshot.own_sets()[name])


@pytest.mark.slow
@pytest.mark.parametrize("name", ["seed", "crisis-dev", "plover-dev", "polnear-dev", "polnear-train"])
def test_the_shared_gold_sets_read_as_recorded(name):
    sets = snapshot.shared_sets(include_train=name == "polnear-train")
    if name not in sets:
        pytest.skip(f"../shared has no {name} set here")
    _check(name, sets[name], n_process=2)


def test_the_hash_ignores_where_the_checkout_lies():
    reading = {"id": "x", "source": "/one/place/a.txt", "statements": []}
    moved = {**reading, "source": "/another/place/a.txt"}
    assert snapshot.canonical(reading) == snapshot.canonical(moved)
    assert snapshot.canonical(reading) != snapshot.canonical({**reading, "statements": [{"id": "s1"}]})


def test_the_hash_ignores_digits_past_what_a_reader_sees():
    reading = {"id": "x", "source": "a.txt", "statements": [{"id": "s1", "confidence": 0.4213}], "coherence": {"A": 1.0}}
    other_cpu = {**reading, "statements": [{"id": "s1", "confidence": 0.42129997}]}
    assert snapshot.canonical(reading) == snapshot.canonical(other_cpu)
    assert snapshot.canonical(reading) != snapshot.canonical({**reading, "statements": [{"id": "s1", "confidence": 0.47}]})


def test_the_statement_diff_names_what_changed():
    said = {"start": 0, "end": 9, "kind": "direct", "text": "We will.", "signal": "commit"}
    before = {"statements": [said, {"start": 20, "end": 30, "kind": "indirect", "text": "gone"}]}
    after = {"statements": [{**said, "signal": "threaten"}, {"start": 40, "end": 50, "kind": "partial",
                                                            "text": "new"}]}
    lines = snapshot.statement_diff(before, after)
    assert "~ (0, 9) signal: 'commit' -> 'threaten'" in lines
    assert any(line.startswith("- (20, 30)") for line in lines)
    assert any(line.startswith("+ (40, 50)") for line in lines)
