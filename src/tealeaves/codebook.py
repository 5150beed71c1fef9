"""The one codebook: every signal code with its kind, label, direction, harm, position-sheet
heading and colour, and which codes pull apart (``opposes``: a mixed message within one side;
``clashes``: a standoff across sides), read from ``data/codebook.yaml``. Coding, mixed messages,
standoffs, position sheets, the escalation index, charts, the report and the dashboard all take
their lists from here."""

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
    says: str = ""  # "threatens": what a speaker does with it, for explanations


@dataclass(frozen=True)
class Opposition:
    """Two codes that pull apart: ``soft`` (quoted first) against ``hard``, how strongly (0-1),
    the kind of message the pair makes, whether it weakens with distance in the article, and
    whether one statement carrying both codes is a mixed message by itself (``alone``)."""

    soft: str
    hard: str
    strength: float
    kind: str
    fades: bool = True
    alone: bool = True


@dataclass(frozen=True)
class Codebook:
    """All codes in reading order, the colour of a statement with none, and the position-sheet
    headings (key -> label) in order."""

    codes: tuple[Code, ...]
    uncoded_colour: str
    positions: dict[str, str]
    readings: tuple[Code, ...] = ()  # no main code, but oppose codes ("non_denial")
    oppositions: tuple[Opposition, ...] = ()  # within one side: mixed messages
    clashes: tuple[Opposition, ...] = ()  # across sides: standoffs and factual disputes

    def __getitem__(self, name: str) -> Code:
        return self._by_name()[name]

    def __contains__(self, name: object) -> bool:
        return name in self._by_name()

    def _by_name(self) -> dict[str, Code]:
        """Codes by name, made once: a long document's pairs ask 600,000 times (3 s rebuilt each time)."""
        by_name = self.__dict__.get("_codes_by_name")
        if by_name is None:
            by_name = self.__dict__["_codes_by_name"] = {code.name: code for code in self.codes}
        return by_name

    def says(self, name: str) -> str:
        """What a speaker does with a code or reading, as an explanation puts it."""
        return next(c.says for c in (*self.codes, *self.readings) if c.name == name)

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
        return self[code].position if code is not None and code in self else None


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
                          entry["colour"], entry.get("says", entry["label"])))
    readings = tuple(Code(name, "statement", entry["label"], None, False, None, "", entry.get("says", entry["label"]))
                     for name, entry in data.get("readings", {}).items())
    labels = {c.name: c for c in (*codes, *readings)}
    return Codebook(tuple(codes), data["uncoded"]["colour"], positions, readings,
                    _pairs(data["codes"], "opposes", labels), _pairs(data["codes"], "clashes", labels))


def _pairs(entries: dict, field: str, known: dict[str, Code]) -> tuple[Opposition, ...]:
    """The ``opposes`` (or ``clashes``) pairs of every code, each pair declared once."""
    pairs: dict[frozenset, Opposition] = {}
    for soft, entry in entries.items():
        for hard, value in (entry.get(field) or {}).items():
            spec = value if isinstance(value, dict) else {"strength": value}
            strength = spec.get("strength")
            where = f"data/codebook.yaml: code {soft!r}, {field} {hard!r}"
            if hard not in known:
                raise ValueError(f"{where}: no such code or reading; use one of {', '.join(known)}")
            if not isinstance(strength, (int, float)) or not 0 < strength <= 1:
                raise ValueError(f"{where}: the strength must be a number in (0, 1], not {strength!r}")
            key = frozenset((soft, hard))
            if key in pairs:
                raise ValueError(f"{where}: the pair is declared twice; keep one (on the softer code)")
            is_deed = "action" in (known[soft].kind, known[hard].kind)
            default = "say_do_gap" if is_deed and field == "opposes" else (
                "standoff" if field == "clashes" else f"{_snake(known[soft].label)}_vs_{_snake(known[hard].label)}")
            pairs[key] = Opposition(soft, hard, float(strength), spec.get("kind", default),
                                     bool(spec.get("fades", field == "opposes")), bool(spec.get("alone", True)))
    return tuple(pairs.values())


def _snake(label: str) -> str:
    return label.replace(" ", "_").replace("'", "")
