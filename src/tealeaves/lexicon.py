"""Language knowledge as data: cue verbs, role nouns, side cues and known actors.

Loaded once from the package's ``data/`` folder; users extend them with their own YAML
files of the same shape (``Lexicon.load(extra_cues=..., extra_actors=...)``).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, Callable, Iterable, Optional

import yaml

from tealeaves.cue_schema import OTHER_SECTIONS, SENSES, CueConstraint, constraints_of, parse_cue_entries
from tealeaves.nlp.cue_model import CueModel
from tealeaves.words import word_list, word_set

TITLE_WORDS = word_set("title_words")


# libyaml's parser when PyYAML was built with it: several times faster on the bundled files.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_yaml(text: str) -> Any:
    """YAML text as plain data (safe: no Python objects)."""
    return yaml.load(text, Loader=_LOADER)


def bundled_yaml(name: str) -> Any:
    """One of the package's data files (``tealeaves/data/NAME``)."""
    return read_yaml(resources.files("tealeaves").joinpath("data", name).read_text("utf-8"))


@dataclass(frozen=True)
class Role:
    """A role noun ("spokesman") and what it says about who holds it."""

    noun: str
    kind: str
    office: bool
    same_as: frozenset[str]


@dataclass(frozen=True)
class KnownActor:
    id: str
    name: str
    kind: str
    role: Optional[str]
    side: Optional[str]
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class Officeholder:
    """One term of office: who held which post for which side, from one year to another."""

    names: tuple[str, ...]  # name-keyed (see :func:`name_key`): the name first, then other spellings
    side: str
    office: str
    start: int
    end: Optional[int]  # None: still in office

    def held_in(self, year: int) -> bool:
        return self.start <= year <= (self.end or 9999)


_TERM = re.compile(r"^(?P<names>.+?)\s+(?P<start>\d{4})-(?P<end>\d{4})?$")


def parse_officeholders(data: Any, where: str) -> list[Officeholder]:
    """Terms from the officeholders shape: side -> office -> ["Name / Other spelling 2009-2017"]."""
    if not isinstance(data, dict):
        raise ValueError(f"{where}: officeholders must map a side to its offices")
    terms = []
    for side, offices in data.items():
        for office, entries in (offices or {}).items():
            for entry in entries or []:
                match = _TERM.match(str(entry).strip())
                if match is None:
                    raise ValueError(f"{where}: {side} / {office}: {entry!r} is not 'Name FROM-TO' "
                                     "(years as 2009-2017, or 2009- while in office)")
                names = tuple(name_key(n) for n in match["names"].split(" / ") if n.strip())
                terms.append(Officeholder(names, str(side), str(office), int(match["start"]),
                                          int(match["end"]) if match["end"] else None))
    return terms


def _officeholder_row(row: dict, where: str) -> Officeholder:
    """An actor row of an ``--actors`` file that has a ``from`` year: a term of office."""
    if not row.get("side") or not row.get("name"):
        raise ValueError(f"{where}: actor {row.get('id', row.get('name'))!r} has a 'from' year "
                         "but no name or side: an officeholder needs both")
    names = tuple(name_key(n) for n in (row["name"], *row.get("aliases", [])))
    return Officeholder(names, row["side"], row.get("role") or "", int(row["from"]),
                        int(row["to"]) if row.get("to") else None)


@dataclass(frozen=True)
class Lexicon:
    """Everything the rules look up, as plain sets and dicts."""

    cue_senses: dict[str, str]  # verb lemma -> speech | belief | intention | evidence | impression
    prepositional_cues: tuple[tuple[str, ...], ...]
    stance_adjectives: dict[str, frozenset[str]]  # "is critical of", "is convinced that": adjective -> its prepositions
    unnamed_judgements: dict[str, frozenset[str]]  # "was criticized for": verb lemma -> its prepositions
    judgement_nouns: frozenset[str]  # "has faced criticism": what a subject is judged with
    judgement_receivers: frozenset[str]  # "face", "come under": verbs (and verb + preposition) that receive it
    roles: dict[str, Role]  # lowercased role noun phrase -> Role
    analyst_context: tuple[str, ...]
    journalist_context: tuple[str, ...]
    side_words: dict[str, str]  # name / adjective / seat as written -> side
    seats: dict[str, str]  # normalized capital or institution -> side
    side_names: dict[str, str]  # normalized country name -> side
    known_actors: tuple[KnownActor, ...]
    source_nouns: frozenset[str]  # nouns that can be a source: "officials", "a report"
    bodies: frozenset[str]  # nouns that name an institution: "the ministry said"
    genders: dict[str, dict[str, str]]  # honorifics / role_words / first_names: lowercased word -> f | m
    officeholders: tuple[Officeholder, ...] = ()
    regions: frozenset[str] = frozenset()  # a side's parts ("Vermont"): a side word, but no side's own name
    countries: frozenset[str] = frozenset()  # the sides that are states, not alliances or movements
    cue_constraints: dict[str, CueConstraint] = field(default_factory=dict)  # verb lemma -> when it is a cue
    cue_model: Optional[CueModel] = None  # weighs each use of a verb as a cue (None: the cue lexicon alone)

    @classmethod
    def load(cls, extra_cues: Iterable[Path] = (), extra_actors: Iterable[Path] = (),
             extra_sides: Iterable[Path] = ()) -> "Lexicon":
        """Read the bundled data files, merged with any user files given."""
        cue_data = bundled_yaml("cues.yaml")
        cue_entries = parse_cue_entries(cue_data, "cues.yaml")
        for path in extra_cues:
            user_data = read_yaml(Path(path).read_text("utf-8")) or {}
            cue_entries.extend(parse_cue_entries(user_data, str(path)))
            for key in OTHER_SECTIONS:
                words = user_data.get(key)
                if isinstance(cue_data.get(key), dict):  # a word -> its prepositions
                    cue_data[key].update(words if isinstance(words, dict) else dict.fromkeys(words or [], []))
                elif words:
                    cue_data.setdefault(key, []).extend(words)
        cue_senses: dict[str, str] = {}
        for sense in SENSES:  # speech wins on overlap
            for entry in cue_entries:
                if entry.sense == sense:
                    cue_senses[entry.verb] = sense
        prepositional = tuple(tuple(p.lower().split()) for p in cue_data.get("prepositional", []))
        stance_adjectives, unnamed_judgements = (
            {word.lower(): frozenset(p.lower() for p in preps or []) for word, preps in (cue_data.get(key) or {}).items()}
            for key in ("stance_adjectives", "unnamed_judgements"))

        role_data = bundled_yaml("roles.yaml")
        roles = {}
        for kind in ("official", "analyst", "journalist"):
            for entry in role_data[kind]:
                noun = entry["noun"].lower()
                roles[noun] = Role(noun, kind, bool(entry.get("office")), frozenset(entry.get("same_as", [])))

        side_words, seats, side_names, regions, countries = _side_tables(extra_sides)

        actor_rows = list(bundled_yaml("actors.yaml"))
        officeholders = parse_officeholders(bundled_yaml("officeholders.yaml"), "officeholders.yaml")
        for path in extra_actors:
            rows = read_yaml(Path(path).read_text("utf-8")) or []
            if isinstance(rows, dict):
                officeholders.extend(parse_officeholders(rows, str(path)))
                continue
            officeholders.extend(_officeholder_row(row, str(path)) for row in rows if "from" in row)
            actor_rows.extend(row for row in rows if "from" not in row)
        known = tuple(
            KnownActor(
                id=row["id"], name=row["name"], kind=row.get("kind", "person"), role=row.get("role"),
                side=row.get("side"), aliases=tuple(row.get("aliases", [])),
            )
            for row in actor_rows
        )
        return cls(
            cue_senses=cue_senses,
            cue_constraints=constraints_of(cue_entries),
            prepositional_cues=prepositional,
            stance_adjectives=stance_adjectives,
            unnamed_judgements=unnamed_judgements,
            judgement_nouns=frozenset(w.lower() for w in cue_data.get("judgement_nouns", [])),
            judgement_receivers=frozenset(w.lower() for w in cue_data.get("judgement_receivers", [])),
            roles=roles,
            analyst_context=tuple(role_data.get("analyst_context", [])),
            journalist_context=tuple(role_data.get("journalist_context", [])),
            side_words=side_words,
            seats=seats,
            side_names=side_names,
            known_actors=known,
            source_nouns=frozenset(w.lower() for w in role_data.get("source_nouns", []) + role_data.get("bodies", [])),
            bodies=frozenset(w.lower() for w in role_data.get("bodies", [])),
            genders={table: {word.lower(): gender for gender, words in by_gender.items() for word in words}
                     for table, by_gender in bundled_yaml("genders.yaml").items()},
            cue_model=CueModel.load(),
            officeholders=tuple(officeholders),
            regions=regions,
            countries=countries,
        )

    def gender_of(self, name: str, role: Optional[str] = None) -> Optional[str]:
        """'f', 'm' or None (unknown): from an honorific or first name in ``name``, or a
        gendered role noun ("spokeswoman") in ``role``."""
        words = re.findall(r"[^\W\d_]+", name.lower())
        for word in words:
            if word in self.genders["honorifics"]:
                return self.genders["honorifics"][word]
        for word in re.findall(r"[^\W\d_]+", (role or "").lower()):
            if word in self.genders["role_words"]:
                return self.genders["role_words"][word]
        first = next((w for w in words if w not in TITLE_WORDS), None)
        return self.genders["first_names"].get(first) if first else None

    def officeholder(self, name: str, year: Optional[int]) -> Optional[Officeholder]:
        """The term of office of the person called ``name`` in an article of ``year``, when the
        name points to one side only. A full name matches a listed name or spelling, or its
        first and last words do ("George Bush" for "George W. Bush"); a lone surname matches
        only when the year is known and one side's officeholder of that year bears it."""
        words = name_key(name).split()
        while len(words) > 1 and (words[0] in TITLE_WORDS or words[0] in self.genders["honorifics"]):
            words = words[1:]  # "President Joe Biden", "Mr Kurti"
        if not words:
            return None
        if len(words) == 1:
            if year is None:
                return None
            found = [t for t in self._officeholder_terms(words[0]) if t.held_in(year)]
        else:
            found = [t for t in self._officeholder_terms(" ".join(words), (words[0], words[-1]))
                     if year is None or t.held_in(year)]
        if not found and year is not None:  # "Pashinian" for Pashinyan: another transliteration
            found = [t for t in self._officeholder_spellings.get(spelling_key(" ".join(words)), ()) if t.held_in(year)]
        if len({t.side for t in found}) != 1 or len({t.names[0] for t in found}) != 1:
            return None  # nobody, or two sides or two people could be meant
        return found[-1]

    def leader_side(self, name: str, year: Optional[int]) -> Optional[str]:
        """The side of the officeholders called ``name`` (a full name or a lone surname) whose
        terms had begun by ``year`` (any, when it is unknown): a government named after its
        leader ("the Obama administration") speaks for that side while in office and after;
        None when no one, or people of two sides, bear the name."""
        words = name_key(name).split()
        if not words:
            return None
        sides = {t.side for t in self.officeholders if (year is None or t.start <= year) and any(
            n == " ".join(words) or (n.split()[-1] == words[-1] and (len(words) == 1 or n.split()[0] == words[0]))
            for n in t.names)}
        return sides.pop() if len(sides) == 1 else None

    def side_of(self, text: str) -> Optional[str]:
        """The side named by the first side word in ``text`` ("Russian ..." -> Russia)."""
        found = self._first_side_word(text)
        return self.side_words[found] if found else None

    def side_word_in(self, text: str) -> Optional[str]:
        """The first side word in ``text`` as the lexicon lists it ("Russian"), or None."""
        return self._first_side_word(text)

    @functools.cached_property
    def _first_side_word(self) -> Callable[[str], Optional[str]]:
        """``_first_phrase`` over the side words, their patterns taken once and the answers for
        the last texts remembered: a document asks about the same mentions again and again
        (61% of the calls), and each call made and hashed a tuple of all the side words."""
        patterns = _phrase_patterns(tuple(self.side_words))
        return functools.lru_cache(maxsize=4096)(lambda text: _first_phrase(text, patterns))

    def role_in(self, text: str) -> Optional[Role]:
        """The last role noun phrase in ``text`` (the head of "Russian Deputy Foreign Minister")."""
        best: Optional[tuple[int, int, str]] = None
        lowered = text.lower()
        for noun, pattern in _role_patterns(tuple(self.roles)):
            if noun not in lowered:
                continue  # a quick test first: most role nouns are nowhere in the text
            for match in pattern.finditer(lowered):
                key = (match.end(), match.end() - match.start(), noun)
                if best is None or key[:2] > best[:2]:
                    best = key
        return self.roles[best[2]] if best else None

    def known_actor(self, text: str) -> Optional[KnownActor]:
        """A known actor whose name or alias is exactly ``text`` (case-insensitive)."""
        return self._known_actor_names.get(normalize(text))

    @functools.cached_property
    def _known_actor_names(self) -> dict[str, KnownActor]:
        """Each normalized name and alias -> the first known actor that bears it: a lookup,
        where testing every actor's names on each call was a tenth of the CPU after the parse."""
        names: dict[str, KnownActor] = {}
        for actor in self.known_actors:
            for name in (actor.name, *actor.aliases):
                names.setdefault(normalize(name), actor)
        return names

    def _officeholder_terms(self, key: str, ends: Optional[tuple[str, str]] = None) -> list[Officeholder]:
        """The terms, in their order, with a name ``key`` or, a lone word, a multi-word name
        ending in it; with ``ends``, also those with a multi-word name of those first and last
        words. What ``officeholder`` chooses from, found in an index of the terms' names."""
        by_name, by_last, by_ends = self._officeholder_index
        numbers = set(by_name.get(key, ())) | set(by_ends.get(ends, ()) if ends else by_last.get(key, ()))
        return [self.officeholders[n] for n in sorted(numbers)]

    @functools.cached_property
    def _officeholder_spellings(self) -> dict[str, list[Officeholder]]:
        """The terms by the ``spelling_key`` of each name and of each multi-word name's last
        word: where no spelling listed matches, a transliteration of the name may."""
        spellings: dict[str, list[Officeholder]] = {}
        for term in self.officeholders:
            for key in {spelling_key(k) for name in term.names for k in (name, name.split()[-1])}:
                if len(key) >= 5:  # a short name's variant could be anyone's
                    spellings.setdefault(key, []).append(term)
        return spellings

    @functools.cached_property
    def _officeholder_index(self) -> tuple[dict[str, list[int]], dict[str, list[int]], dict[tuple[str, str], list[int]]]:
        """The numbers of the terms by each name, by the last word and by the first and last
        words of each multi-word name: ``officeholder`` ran through every term on each call."""
        by_name: dict[str, list[int]] = {}
        by_last: dict[str, list[int]] = {}
        by_ends: dict[tuple[str, str], list[int]] = {}
        for number, term in enumerate(self.officeholders):
            for name in term.names:
                by_name.setdefault(name, []).append(number)
                if " " in name:
                    parts = name.split()
                    by_last.setdefault(parts[-1], []).append(number)
                    by_ends.setdefault((parts[0], parts[-1]), []).append(number)
        return by_name, by_last, by_ends


SUPPORT_PREFIXES = word_list("support_prefixes")  # "pro-Moscow rebels" are for or against a side, not of it
COMPASS_WORDS = word_set("compass_words")  # "western Ukraine", "the West Bank": no side
_NOT_AFTER_PREFIX = "(?i:" + "".join(f"(?<!{re.escape(p)})" for p in SUPPORT_PREFIXES) + ")"
# Letters that re's IGNORECASE equates with ASCII ones but str.casefold does not.
_RE_FOLDS = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})


@functools.lru_cache(maxsize=8)
def _role_patterns(nouns: tuple[str, ...]) -> tuple[tuple[str, re.Pattern], ...]:
    """Each role noun with its compiled pattern (singular or plural, a whole word)."""
    return tuple((noun, re.compile(rf"(?<![\w-]){re.escape(noun)}s?(?![\w-])")) for noun in nouns)


@functools.lru_cache(maxsize=8)
def _phrase_patterns(phrases: tuple[str, ...]) -> tuple[tuple[str, bool, str, re.Pattern], ...]:
    """Each phrase, whether it matches case-sensitively, the text it needs, and its compiled
    pattern. Compiled once: hundreds of side words recompiled per call (re's cache holds 512)
    were most of the pipeline's time after the parse."""
    compiled = []
    for phrase in phrases:
        compass = phrase.lower().removeprefix("the ") in COMPASS_WORDS
        sensitive = phrase.upper() == phrase or compass  # acronyms: "US" is a side word, "us" is not
        # "New Mexico" names no Mexico, nor "New South Wales" Wales; "pro-Moscow" rebels are no Moscow's;
        # a compass word is a side only capitalised and alone ("western Ukraine", "West Bank": none)
        after = r"(?![\w-])(?!\s+[A-Z])" if compass else r"(?![\w])"
        pattern = re.compile(rf"(?<![\w.])(?-i:(?<!New )){_NOT_AFTER_PREFIX}{re.escape(phrase)}{after}",
                             0 if sensitive else re.IGNORECASE)
        compiled.append((phrase, sensitive, phrase if sensitive else phrase.translate(_RE_FOLDS).casefold(), pattern))
    return tuple(compiled)


def _first_phrase(text: str, patterns: tuple[tuple[str, bool, str, re.Pattern], ...]) -> Optional[str]:
    """The phrase of ``patterns`` (``_phrase_patterns``) found first in ``text``, the longest
    of those found at the same place. A curly apostrophe reads as a straight one, as the data
    files write it ("People’s Liberation Army" is China's)."""
    best: Optional[tuple[int, int, str]] = None
    text = text.replace("\u2019", "'")
    folded = text.translate(_RE_FOLDS).casefold()
    for phrase, sensitive, needed, pattern in patterns:
        if needed not in (text if sensitive else folded):
            continue  # a quick test first: most phrases are nowhere in the text
        match = pattern.search(text)
        if match:
            key = (match.start(), -len(phrase), phrase)
            if best is None or key < best:
                best = key
    return best[2] if best else None


def name_key(name: str) -> str:
    """A person's name for comparison: no diacritics, case, dots or hyphens ("Nicolás" = "Nicolas")."""
    folded = unicodedata.normalize("NFKD", name.replace("’", "'"))
    folded = "".join(c for c in folded if not unicodedata.combining(c)).casefold().replace("ł", "l").replace("ø", "o")
    return " ".join(re.sub(r"[.\-]", " ", folded).split())


def spelling_key(name: str) -> str:
    """A name-keyed name (``name_key``) with the letters transliterations disagree on made one:
    y and i ("Pashinyan", "Pashinian"), doubled letters ("Zelenskyy"), kh and h, ou and u."""
    key = name.replace("kh", "h").replace("ou", "u").replace("y", "i").replace("'", "")
    return re.sub(r"(\w)\1+", r"\1", key)


def normalize(text: str) -> str:
    """Lowercase, drop a leading article and a possessive, collapse spaces and curly quotes."""
    text = text.replace("’", "'").strip().lower()
    text = re.sub(r"'s$", "", text)
    text = re.sub(r"^(the|a|an)\s+", "", text)
    return re.sub(r"\s+", " ", text)


@functools.lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    """The bundled lexicon, loaded once per process."""
    return Lexicon.load()


def _side_tables(extra_sides: Iterable[Path]) -> tuple[dict[str, str], dict[str, str], dict[str, str], frozenset[str],
                                                        frozenset[str]]:
    """From data/sides.yaml and the user's side files: every word that names a side (names,
    adjectives, seats, titles, institutions, regions) -> its side; normalized seats -> side; normalized
    names -> side; the regions; the sides that are states (no ``kind``, or ``kind: state``)."""
    side_words: dict[str, str] = {}
    seats: dict[str, str] = {}
    side_names: dict[str, str] = {}
    side_data = dict(bundled_yaml("sides.yaml"))
    for path in extra_sides:
        side_data.update(read_yaml(Path(path).read_text("utf-8")) or {})
    for side, cues in side_data.items():
        for name in cues.get("names", []):
            side_words[name] = side
            side_names[normalize(name)] = side
        for adjective in cues.get("adjectives", []):
            side_words[adjective] = side
        for seat in cues.get("seats", []):
            seats[normalize(seat)] = side
            side_words[seat] = side
        for word in cues.get("titles", []) + cues.get("institutions", []) + cues.get("regions", []):
            side_words[word] = side
    return (side_words, seats, side_names, frozenset(r for cues in side_data.values() for r in cues.get("regions", [])),
            frozenset(side for side, cues in side_data.items() if cues.get("kind", "state") == "state"))
