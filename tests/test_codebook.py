"""The one codebook: every consumer takes its lists from data/codebook.yaml."""

import re
from pathlib import Path

import pytest

from tealeaves.analysis import document as analysis
from tealeaves.sinks import charts
from tealeaves.signals import rules as signals
from tealeaves.codebook import UNCODED, codebook
from tealeaves.analysis.escalation import escalation_codes

SPEC = Path(__file__).resolve().parents[2] / "shared" / "spec" / "signals.md"


def test_the_codebook_holds_the_statement_and_action_codes_of_the_spec():
    if not SPEC.is_file():
        pytest.skip("../shared/spec/signals.md is not here")
    spec = SPEC.read_text(encoding="utf-8")
    table = set(re.findall(r"^\| (\w+) \|", spec, re.MULTILINE)) - {"code"}
    actions = set(re.findall(r"`(\w+)`", spec.split("## Actions")[1].split("Seed example")[0]))
    assert set(codebook().names("statement")) | set(codebook().names("observer")) == table
    assert set(codebook().names("action")) == actions


def test_every_consumer_reads_the_same_lists():
    book = codebook()
    assert set(charts.PALETTE) == set(book.names()) | {UNCODED}
    assert signals.ACTION_CODES == charts.ACTION_CODES == book.names("action")
    assert set(analysis.HARD_ACTIONS) == set(signals.HARMFUL_ACTIONS) == {"mobilize", "assault", "coerce", "sanction"}
    assert analysis.PULLS_UP <= escalation_codes()["up"] and analysis.PULLS_DOWN <= escalation_codes()["down"]
    assert not analysis.PULLS_UP & set(book.names("action"))  # only what is said pulls a pair apart


def test_every_position_heading_has_codes_and_every_code_at_most_one_heading():
    book = codebook()
    used = {book[name].position for name in book.names()} - {None}
    assert used == set(book.positions)
    assert book.heading("reject") == "red_lines" and book.heading("hedge") is None and book.heading(None) is None


def test_a_typo_in_the_codebook_fails_as_it_loads(monkeypatch):
    from tealeaves import codebook as module

    broken = {"codes": {"threaten": {"kind": "statement", "label": "t", "direction": "upward", "colour": "#000"}},
              "uncoded": {"colour": "#fff"}, "positions": {"threats": "threats"}}
    monkeypatch.setattr(module, "bundled_yaml", lambda name: broken)
    module.codebook.cache_clear()
    try:
        with pytest.raises(ValueError, match="threaten"):
            module.codebook()
    finally:
        module.codebook.cache_clear()
