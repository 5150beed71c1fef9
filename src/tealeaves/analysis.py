"""Reading coded statements together: mixed messages, say–do gaps, standoffs, positions
and coherence. Pure functions over records, for one document or many (a corpus).

A mixed message pairs two statements of one side (or flags one statement) whose signals pull
opposite ways on the same topic; a say–do gap pairs a denial or reassurance with an action
of the same side; a standoff pairs a demand of one side with another side's rejection.
Candidate pairs are scored (how opposed × how alike in topic × how close in the text) and
kept greedily above a threshold, so each statement joins few pairs.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Callable, Mapping, Optional, Sequence

from tealeaves.models import Actor, MixedMessage, Standoff, Statement
from tealeaves.signals import OBSERVER, is_observer

SOFT_ACTIONS = ("retreat", "aid", "cooperate", "engage")
HARD_ACTIONS = ("mobilize", "assault", "coerce", "sanction")
MIN_PAIR_SCORE = 0.55
MAX_PAIRS_PER_STATEMENT = 1

# (kind, codes of one statement, codes of the other, base strength, decays with distance)
PAIR_RULES: tuple[tuple[str, frozenset, frozenset, float, bool], ...] = (
    ("denial_vs_non_denial", frozenset({"deny"}), frozenset({"non_denial"}), 1.0, False),
    ("say_do_gap", frozenset({"deny", "reassure"}), frozenset({"action:" + a for a in HARD_ACTIONS}), 0.95, False),
    ("assessment_conflict", frozenset({"positive_assessment"}), frozenset({"negative_assessment"}), 0.9, False),
    ("reassurance_vs_threat", frozenset({"reassure"}), frozenset({"threaten"}), 0.9, True),
    ("ultimatum_vs_reassurance", frozenset({"reassure", "engage"}), frozenset({"demand"}), 0.85, True),
)
EXPLAIN = {  # {a}/{b}: speaker names, {x}/{y}: what each said or did, in brief
    "denial_vs_non_denial": "{a} denies it ({x}) while {b} pointedly does not ({y})",
    "say_do_gap": "{a} says {x} while {b} is reported doing otherwise: {y}",
    "assessment_conflict": "{a} speaks well of it ({x}) while {b} speaks badly of it ({y})",
    "reassurance_vs_threat": "{a} reassures ({x}) while {b} threatens ({y})",
    "ultimatum_vs_reassurance": "{a} sounds open and undemanding ({x}) while {b} makes a firm demand ({y})",
    "timetable_vs_urgency": "{a} sets no deadline yet asks for speed in the same breath ({x})",
}
BRIEF_CHARS = 70
POSITIONS = {
    "demands": ("demand",), "red_lines": ("reject",), "threats": ("threaten",),
    "offers": ("engage", "concede", "commit"), "denials": ("deny",), "reassurances": ("reassure",),
}
Similarity = Callable[[Statement, Statement], float]
STEM = 5
STOPWORDS = {"that", "this", "with", "from", "have", "will", "would", "there", "their", "they", "them", "what",
             "which", "about", "into", "than", "then", "were", "been", "being", "said", "says", "also", "only",
             "such", "some", "more", "most", "other", "very", "just", "over", "after", "before", "could", "should"}


@dataclass(frozen=True)
class Party:
    """What the analysis needs to know about a statement's speaker."""

    name: str
    side: Optional[str]


def party_statements(statements: Sequence[Statement], actors: Mapping[str, Actor]) -> list[Statement]:
    """Statements and actions that speak for a side: a known speaker with a side, no observer."""
    return [s for s in statements
            if s.speaker_id in actors and actors[s.speaker_id].side and not is_observer(actors[s.speaker_id])
            and s.signal != OBSERVER]


def _codes(statement: Statement) -> set[str]:
    if statement.kind == "action":
        return {f"action:{statement.signal}"}
    codes = set(statement.signals or (statement.signal,))
    if statement.negated and statement.cue is not None and statement.cue.text.lower().startswith("den"):
        codes.add("non_denial")  # "did not deny"
    if statement.negated and "deny" in codes and statement.signal == "hedge":
        codes.discard("deny")
    return codes


def topic_similarity(a: Statement, b: Statement, similarity: Optional[Similarity]) -> float:
    """1 for the same topic label; otherwise the better of the words the two share
    and their embedding similarity."""
    if a.topic and a.topic == b.topic:
        return 1.0
    shared = _word_overlap(a, b)
    if similarity is None:
        return shared
    return max(shared, max(0.0, min(1.0, similarity(a, b))))


def _keywords(statement: Statement) -> set[str]:
    """Content words cut to a stem-like prefix ("withdrawal" and "withdraw" meet)."""
    words = re.findall(r"[a-z]+", _said(statement))
    return {w[:STEM] for w in words if len(w) > 3 and w not in STOPWORDS}


def _word_overlap(a: Statement, b: Statement) -> float:
    ka, kb = _keywords(a), _keywords(b)
    return len(ka & kb) / min(len(ka), len(kb)) if ka and kb else 0.0


def _closeness(a: Statement, b: Statement, order: Mapping[str, int], decays: bool) -> float:
    if not decays:
        return 1.0
    gap = abs(order[a.id] - order[b.id]) - 1
    return 1.0 / (1.0 + max(gap, 0) / 2.0)


def find_mixed_messages(
    statements: Sequence[Statement],
    actors: Mapping[str, Actor],
    similarity: Optional[Similarity] = None,
    id_prefix: str = "",
) -> list[MixedMessage]:
    """Mixed messages and say–do gaps within each side, strongest first."""
    party = party_statements(statements, actors)
    order = {s.id: i for i, s in enumerate(statements)}
    found: list[MixedMessage] = []
    for s in party:
        if "reassure" in (s.signals or ()) and _lifts_deadline(s) and _urgent(s):
            name = actors[s.speaker_id].name
            found.append(MixedMessage(
                id="", side=actors[s.speaker_id].side, statement_ids=(s.id,), kind="timetable_vs_urgency",
                explanation=_sentence(EXPLAIN["timetable_vs_urgency"].format(a=name, x=_brief(s))), score=0.8))
    candidates = []
    for i, a in enumerate(party):
        for b in party[i + 1 :]:
            side = actors[a.speaker_id].side
            if actors[b.speaker_id].side != side:
                continue
            for kind, left, right, strength, decays in PAIR_RULES:
                first, second = _orient(a, b, left, right)
                if first is None:
                    continue
                topic = topic_similarity(first, second, similarity)
                if abs(order[a.id] - order[b.id]) == 1 or (decays and a.speaker_id == b.speaker_id):
                    topic = max(topic, 0.8)  # back-to-back, or one voice's general line vs its specifics
                score = strength * topic * _closeness(first, second, order, decays)
                if score >= MIN_PAIR_SCORE:
                    candidates.append((score, kind, first, second, side))
                break
    used: dict[str, int] = defaultdict(int)
    for score, kind, first, second, side in sorted(candidates, key=lambda c: -c[0]):
        if used[first.id] >= MAX_PAIRS_PER_STATEMENT or used[second.id] >= MAX_PAIRS_PER_STATEMENT:
            continue
        used[first.id] += 1
        used[second.id] += 1
        a_name, b_name = actors[first.speaker_id].name, actors[second.speaker_id].name
        if a_name == b_name:
            b_name = "the same speaker"
        explanation = EXPLAIN[kind].format(a=a_name, b=b_name, x=_brief(first), y=_brief(second))
        topic = first.topic or second.topic
        found.append(MixedMessage(
            id="", side=side, statement_ids=(first.id, second.id), kind=kind,
            explanation=_sentence(f"On {topic}, {explanation}" if topic else explanation), score=round(score, 2)))
    found.sort(key=lambda m: (-m.score, m.statement_ids))
    return [MixedMessage(**{**m.__dict__, "id": f"{id_prefix}m{n:02d}"}) for n, m in enumerate(found, start=1)]


def _orient(a: Statement, b: Statement, left: frozenset, right: frozenset):
    codes_a, codes_b = _codes(a), _codes(b)
    if codes_a & left and codes_b & right:
        return a, b
    if codes_b & left and codes_a & right:
        return b, a
    return None, None


def _said(statement: Statement) -> str:
    return " ".join(c.text for c in (*statement.content, *statement.quotes)).lower()


def _urgent(statement: Statement) -> bool:
    return any(w in _said(statement) for w in ("fast", "quick", "immediate", "urgent", "soon", "swift", "without delay"))


def _lifts_deadline(statement: Statement) -> bool:
    return any(w in _said(statement) for w in ("timetable", "deadline", "ultimatum", "time limit", "rush"))


def _brief(statement: Statement) -> str:
    """What a statement said (its quotes first), cut to a few words, in quotation marks."""
    parts = statement.quotes or statement.content
    text = " … ".join(p.text.strip() for p in parts) or statement.text
    text = " ".join(text.split())
    if len(text) > BRIEF_CHARS:
        text = text[: BRIEF_CHARS].rsplit(" ", 1)[0] + " …"
    return f"“{text}”"


def _sentence(text: str) -> str:
    text = text.strip()
    return text[0].upper() + text[1:] + ("" if text.endswith(".") else ".")


def find_standoffs(
    statements: Sequence[Statement],
    actors: Mapping[str, Actor],
    similarity: Optional[Similarity] = None,
    id_prefix: str = "",
) -> list[Standoff]:
    """Demands of one side met by another side's rejection (or a contrary commitment)."""
    party = party_statements(statements, actors)
    demands = [s for s in party if s.signal == "demand"]
    answers = [s for s in party if s.signal in ("reject", "deny") or (s.signal == "commit" and s.kind != "action")]
    candidates = []
    for d in demands:
        for r in answers:
            d_side, r_side = actors[d.speaker_id].side, actors[r.speaker_id].side
            if d_side == r_side:
                continue
            weight = 1.0 if r.signal == "reject" else 0.8
            score = weight * topic_similarity(d, r, similarity)
            if score >= 0.75:
                candidates.append((score, d, r))
    used: set[str] = set()
    found = []
    for score, d, r in sorted(candidates, key=lambda c: -c[0]):
        if d.id in used or r.id in used:
            continue
        used |= {d.id, r.id}
        d_side, r_side = actors[d.speaker_id].side, actors[r.speaker_id].side
        verb = "rejects" if r.signal == "reject" else "denies" if r.signal == "deny" else "is committed the other way"
        found.append(Standoff(
            id=f"{id_prefix}x{len(found) + 1:02d}", sides=(d_side, r_side), statement_ids=(d.id, r.id),
            topic=d.topic or r.topic or "",
            explanation=_sentence(f"On {d.topic or r.topic or 'this'}, {actors[d.speaker_id].name} ({d_side}) demands "
                                  f"{_brief(d)} while {actors[r.speaker_id].name} ({r_side}) {verb}: {_brief(r)}")))
    return found


def coherence(statements: Sequence[Statement], actors: Mapping[str, Actor],
              mixed: Sequence[MixedMessage]) -> tuple[dict[str, float], dict[str, float]]:
    """Coherence per side and per speaker: 1 − (mixed-message weight / coded party statements).

    Each mixed message weighs its score; a speaker carries the share of it that their
    statements make up. 1.0 means no mixed message; 0.0 means at least one per statement.
    """
    party = party_statements(statements, actors)
    by_id = {s.id: s for s in party}
    per_side: dict[str, int] = defaultdict(int)
    per_speaker: dict[str, int] = defaultdict(int)
    for s in party:
        per_side[actors[s.speaker_id].side] += 1
        per_speaker[s.speaker_id] += 1
    side_load: dict[str, float] = defaultdict(float)
    speaker_load: dict[str, float] = defaultdict(float)
    for m in mixed:
        side_load[m.side] += m.score
        members = [by_id[i] for i in m.statement_ids if i in by_id]
        for member in members:
            speaker_load[member.speaker_id] += m.score / len(members)
    sides = {side: round(max(0.0, 1.0 - side_load[side] / n), 2) for side, n in sorted(per_side.items())}
    speakers = {sp: round(max(0.0, 1.0 - speaker_load[sp] / n), 2) for sp, n in sorted(per_speaker.items())}
    return sides, speakers


def positions(statements: Sequence[Statement], actors: Mapping[str, Actor]) -> dict[str, dict[str, dict[str, tuple[str, ...]]]]:
    """Position sheets: per side and per actor, statement ids under demands, red lines,
    threats, offers, denials and reassurances. A negated demand ("must never join") is a red line."""
    sheets: dict[str, dict[str, dict[str, list[str]]]] = {"sides": {}, "actors": {}}
    for s in party_statements(statements, actors):
        if s.kind == "action":
            continue
        heading = next((h for h, codes in POSITIONS.items() if s.signal in codes), None)
        if heading == "demands" and _forbids(s):
            heading = "red_lines"
        if heading is None:
            continue
        for group, key in (("sides", actors[s.speaker_id].side), ("actors", s.speaker_id)):
            sheets[group].setdefault(key, {}).setdefault(heading, []).append(s.id)
    return {group: {key: {h: tuple(ids) for h, ids in sheet.items()} for key, sheet in by_key.items()}
            for group, by_key in sheets.items()}


def _forbids(statement: Statement) -> bool:
    words = " ".join(c.text for c in statement.content).lower().split()
    return any(w in ("never", "not", "no", "must not", "cannot") for w in words)
