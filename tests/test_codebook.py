"""The one codebook: every consumer takes its lists from data/codebook.yaml."""

import re
from pathlib import Path

import pytest

from tealeaves.analysis import pairs as analysis
from tealeaves.analysis.escalation import escalation_codes
from tealeaves.codebook import UNCODED, codebook
from tealeaves.signals import rules as signals
from tealeaves.sinks import charts

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
    say_do = {o.hard for o in book.oppositions if o.kind == "say_do_gap"}
    assert say_do == set(signals.HARMFUL_ACTIONS) == {"mobilize", "assault", "coerce", "sanction"}
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


def test_every_opposition_names_known_codes_and_each_pair_once():
    book = codebook()
    known = set(book.names()) | {r.name for r in book.readings}
    for relation in (*book.oppositions, *book.clashes):
        assert {relation.soft, relation.hard} <= known and 0 < relation.strength <= 1
    assert len({frozenset((o.soft, o.hard)) for o in book.oppositions}) == len(book.oppositions)
    assert any(o.soft == "engage" and o.hard == "reject" for o in book.oppositions)  # the first example


@pytest.mark.parametrize("entries, problem", [
    ({"reassure": {"opposes": {"threat": 0.9}}}, "no such code"),
    ({"reassure": {"opposes": {"threaten": 1.5}}}, "strength"),
    ({"reassure": {"opposes": {"threaten": 0.9}}, "threaten": {"opposes": {"reassure": 0.8}}}, "declared twice"),
])
def test_a_bad_opposition_fails_loudly_naming_the_code(entries, problem):
    from tealeaves.codebook import _pairs

    known = {c.name: c for c in codebook().codes}
    with pytest.raises(ValueError, match=problem) as raised:
        _pairs(entries, "opposes", known)
    assert "data/codebook.yaml" in str(raised.value)


# Machado, Oliveira & Fernandes (2009), severity 1: how protanopes and deuteranopes see linear RGB.
_VISIONS = {
    "typical": ((1, 0, 0), (0, 1, 0), (0, 0, 1)),
    "protanopia": ((0.152286, 1.052583, -0.204868), (0.114503, 0.786281, 0.099216),
                   (-0.003882, -0.048116, 1.051998)),
    "deuteranopia": ((0.367322, 0.860646, -0.227968), (0.280085, 0.672501, 0.047413),
                     (-0.011820, 0.042940, 0.968881)),
}


def _seen(colour: str, vision: str) -> tuple[float, float, float]:
    """A #rrggbb colour as CIELAB, as a reader with this vision sees it."""
    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    rgb = [linear(int(colour[i:i + 2], 16) / 255) for i in (1, 3, 5)]
    r, g, b = (min(1.0, max(0.0, sum(m * c for m, c in zip(row, rgb)))) for row in _VISIONS[vision])
    xyz = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047, 0.2126 * r + 0.7152 * g + 0.0722 * b, \
        (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883
    fx, fy, fz = (t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116 for t in xyz)
    return 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)


def test_escalating_codes_are_told_apart_by_colour_blind_readers_too():
    """The red family (every code that pushes escalation up) stacks in one bar of the timeline:
    each pair differs by a CIELAB distance of at least 20 (clearly different) for typical,
    protanope and deuteranope readers."""
    import itertools
    import math

    palette = codebook().palette
    escalating = sorted(codebook().pulling("up"))
    assert len(escalating) >= 6
    closest = min((math.dist(_seen(palette[a], vision), _seen(palette[b], vision)), vision, a, b)
                  for vision in _VISIONS for a, b in itertools.combinations(escalating, 2))
    assert closest[0] >= 20, closest
