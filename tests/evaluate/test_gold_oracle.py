"""tools/gold_oracle.py runs the pair detectors on the gold's own statements and, with --why,
names the reason for each required standoff it misses."""

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tools"))

import gold_oracle  # noqa: E402

TEXT = ("Valdora demanded on Monday that Ostmark withdraw its troops from the northern border.\n\n"
        "Ostmark refused to withdraw its troops from the northern border, minister Karl Brandt said.\n\n"
        "Valdoran officials said talks with Ostmark might go ahead in the spring.")


def _gold(tmp_path: Path) -> Path:
    (tmp_path / "valdora.txt").write_text(TEXT, encoding="utf-8")
    gold = {
        "document": "valdora.txt",
        "actors": [{"id": "valdora", "name": "Valdora", "kind": "state", "side": "Valdora"},
                   {"id": "brandt", "name": "Karl Brandt", "kind": "official", "side": "Ostmark"}],
        "statements": [
            {"id": "s1", "speaker": "valdora", "kind": "indirect", "quotes": [], "signals": ["demand"],
             "evidence": "that Ostmark withdraw its troops from the northern border"},
            {"id": "s2", "speaker": "brandt", "kind": "indirect", "quotes": [], "signals": ["reject"],
             "evidence": "Ostmark refused to withdraw its troops from the northern border"},
            {"id": "s3", "speaker": "valdora", "kind": "indirect", "quotes": [], "signals": ["hedge"],
             "evidence": "talks with Ostmark might go ahead in the spring"}],
        "standoffs": [{"id": "X1", "sides": ["Valdora", "Ostmark"], "statements": ["s1", "s2"]},
                      {"id": "X2", "sides": ["Valdora", "Ostmark"], "statements": ["s3", "s2"]}],
    }
    path = tmp_path / "valdora.gold.json"
    path.write_text(json.dumps(gold), encoding="utf-8")
    return path


def test_the_gold_s_own_demand_and_refusal_are_found_and_a_pair_of_codes_that_clash_nowhere_is_named(
        tmp_path, capsys):
    assert gold_oracle.main(["--set", str(_gold(tmp_path)), "--group", "standoffs", "--list", "--why"]) == 0
    out = capsys.readouterr().out
    assert "X1 s1+s2 []: standoff" in out
    assert "X2 s3+s2 []: missed: no clash ['hedge'] / ['reject']" in out
    assert "all: standoffs: required 1/2, optional 0/0, spurious 0 over 1 articles" in out
