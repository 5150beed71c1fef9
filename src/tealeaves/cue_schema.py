"""The schema of a cue file (the bundled ``cues.yaml`` and a user's ``--cues`` file): each
sense lists verbs, a verb either a plain lemma or an entry with the constraints that keep it
a cue only in some uses ("maintained that ...", "pointed out"), checked on load."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Optional

# Senses in the order they are read: a lemma listed under two keeps the later (speech wins).
SENSES = ("impression", "evidence", "intention", "belief", "speech")

# Sections of a cue file that are not verb senses (read by Lexicon.load).
OTHER_SECTIONS = ("stance_adjectives", "unnamed_judgements", "judgement_nouns", "judgement_receivers",
                  "prepositional")

# What a constrained verb needs in a sentence (any one suffices); attribution/cues.py checks each.
REQUIREMENTS = {
    "clause": "reports a clause or a quote: 'maintained that ...', 'added: ...'",
    "as_clause": "stands in an as-clause: 'as analysts had predicted'",
    "as_phrase": "takes 'X as Y': 'voters see the plan as unfair'",
    "particle": "has one of its particles or prepositions: 'pointed out', 'pointed to'",
    "reason_for": "gives a reason with 'for': 'thanked the crew for their patience'",
    "thing_object": "has an object that cannot speak: 'welcomed the ruling'",
    "call_for_or_name": "calls for something or calls someone a name: 'called for talks'",
    "infinitive": "takes a to-infinitive: 'agreed to withdraw'",
    "prepositional_clause": "takes a clause after a preposition: 'agreed on how to proceed'",
}

ENTRY_KEYS = ("verb", "requires", "particles", "example", "counterexample")


class CueFileError(ValueError):
    """A cue file that does not follow the schema."""


@dataclass(frozen=True)
class CueConstraint:
    """A verb is a cue only when one of ``requires`` holds; ``particles`` are its particles."""

    requires: frozenset[str]
    particles: frozenset[str] = frozenset()


@dataclass(frozen=True)
class CueEntry:
    """One verb of a cue file, with its sense, constraint and example sentences (our own words)
    in which it is (``example``) and is not (``counterexample``) a cue."""

    verb: str
    sense: str
    constraint: Optional[CueConstraint] = None
    example: Optional[str] = None
    counterexample: Optional[str] = None


def parse_cue_entries(data: Any, where: str) -> list[CueEntry]:
    """The verb entries of a cue file's mapping, in file order; a clear CueFileError naming
    ``where``, the entry and the problem otherwise."""
    if data is None:
        return []
    if not isinstance(data, dict):
        raise CueFileError(f"{where}: a cue file maps a sense ({', '.join(SENSES)}) to a list of verbs")
    unknown = [key for key in data if key not in SENSES and key not in OTHER_SECTIONS]
    if unknown:
        raise CueFileError(f"{where}: unknown section {unknown[0]!r}; use one of {', '.join(SENSES + OTHER_SECTIONS)}")
    entries: list[CueEntry] = []
    for sense in SENSES:
        words = data.get(sense) or []
        if not isinstance(words, list):
            raise CueFileError(f"{where}: {sense}: expected a list of verbs, got {type(words).__name__}")
        entries.extend(_entry(item, sense, f"{where}: {sense} entry {n}") for n, item in enumerate(words, 1))
    return entries


def _entry(item: Any, sense: str, where: str) -> CueEntry:
    """One verb: a plain lemma, or a mapping with ``verb`` and its constraints."""
    if isinstance(item, str):
        return CueEntry(item.lower(), sense)
    if not isinstance(item, dict) or not isinstance(item.get("verb"), str):
        raise CueFileError(f"{where}: expected a verb or a mapping with 'verb:', got {item!r}")
    where = f"{where} ({item['verb']})"
    extra = [key for key in item if key not in ENTRY_KEYS]
    if extra:
        raise CueFileError(f"{where}: unknown key {extra[0]!r}; allowed: {', '.join(ENTRY_KEYS)}")
    particles = _words(item.get("particles"), "particles", where)
    requires = _words(item.get("requires"), "requires", where) or (["particle"] if particles else [])
    unknown = [name for name in requires if name not in REQUIREMENTS]
    if unknown:
        raise CueFileError(f"{where}: unknown requirement {unknown[0]!r}; use one of {', '.join(REQUIREMENTS)}")
    if ("particle" in requires) != bool(particles):
        raise CueFileError(f"{where}: 'particles' and the requirement 'particle' go together; give both or neither")
    for key in ("example", "counterexample"):
        if item.get(key) is not None and not isinstance(item[key], str):
            raise CueFileError(f"{where}: {key} must be a sentence")
    constraint = CueConstraint(frozenset(requires), frozenset(particles)) if requires else None
    return CueEntry(item["verb"].lower(), sense, constraint, item.get("example"), item.get("counterexample"))


def _words(value: Any, key: str, where: str) -> list[str]:
    """A list of words (lowercased), or a CueFileError."""
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise CueFileError(f"{where}: {key} must be a list of words, e.g. [out, to]")
    return [v.lower() for v in value]


def constraints_of(entries: list[CueEntry]) -> dict[str, CueConstraint]:
    """Each constrained verb's constraint: a later entry (a user's file) replaces an earlier
    one; a plain listing of the same verb keeps it."""
    return {entry.verb: entry.constraint for entry in entries if entry.constraint is not None}
