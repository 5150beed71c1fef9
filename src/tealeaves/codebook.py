"""The one codebook: every signal code with its kind, label, direction, harm, position-sheet
heading and colour, read from ``data/codebook.yaml``. Coding, mixed messages, position sheets,
the escalation index, charts, the report and the dashboard all take their lists from here."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from tealeaves.lexicon import bundled_yaml

KINDS = ("statement", "observer", "action")
DIRECTIONS = ("up", "down", "none")
UNCODED = "uncoded"


@dataclass(frozen=True)
class Code:
    """One signal code and what every consumer needs to know of it."""

    name: str
    kind: str
    label: str
    direction: Optional[str]  # "up", "down" or None
    harmful: bool
    position: Optional[str]  # a key of ``Codebook.positions`` or None
    colour: str


@dataclass(frozen=True)
class Codebook:
    """All codes in reading order, the colour of a statement with none, and the position-sheet
    headings (key -> label) in order."""

    codes: tuple[Code, ...]
    uncoded_colour: str
    positions: dict[str, str]

    def __getitem__(self, name: str) -> Code:
        return self._by_name()[name]

    def __contains__(self, name: object) -> bool:
        return name in self._by_name()

    def _by_name(self) -> dict[str, Code]:
        return {code.name: code for code in self.codes}

    def names(self, kind: Optional[str] = None) -> tuple[str, ...]:
        """Code names, of one kind or all."""
        return tuple(c.name for c in self.codes if kind is None or c.kind == kind)

    def pulling(self, direction: str, kinds: tuple[str, ...] = KINDS) -> frozenset[str]:
        """Codes of these kinds that push the other way from the opposite direction."""
        return frozenset(c.name for c in self.codes if c.direction == direction and c.kind in kinds)

    @property
    def harmful_actions(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.codes if c.kind == "action" and c.harmful)

    @property
    def palette(self) -> dict[str, str]:
        """Code -> colour, ``uncoded`` last."""
        return {**{c.name: c.colour for c in self.codes}, UNCODED: self.uncoded_colour}

    def heading(self, code: Optional[str]) -> Optional[str]:
        """The position-sheet heading of a main code, or None."""
        return self[code].position if code in self else None


@lru_cache(maxsize=1)
def codebook() -> Codebook:
    """The bundled codebook, checked as it loads: a typo in the file fails loudly here."""
    data = bundled_yaml("codebook.yaml")
    positions = dict(data["positions"])
    codes = []
    for name, entry in data["codes"].items():
        kind, direction, position = entry["kind"], entry.get("direction", "none"), entry.get("position", "none")
        if kind not in KINDS or direction not in DIRECTIONS or (position != "none" and position not in positions):
            raise ValueError(f"data/codebook.yaml: code {name!r} has a kind, direction or position "
                             f"that is not one of {KINDS}, {DIRECTIONS}, {tuple(positions)}")
        codes.append(Code(name, kind, entry["label"], None if direction == "none" else direction,
                          bool(entry.get("harmful", False)), None if position == "none" else position,
                          entry["colour"]))
    return Codebook(tuple(codes), data["uncoded"]["colour"], positions)
