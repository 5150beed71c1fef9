"""Reading coded statements together: mixed messages, say–do gaps, standoffs, positions
and coherence. Pure functions over records, for one document or many (a corpus).

A mixed message pairs two statements of one side (or flags one statement) whose signals pull
opposite ways on the same topic; a say–do gap pairs a denial or reassurance with an action
of the same side; a standoff pairs a demand of one side with another side's rejection.

A candidate pair scores ``strength × topic × closeness``:

- *strength*: how squarely the kind opposes (``PAIR_RULES``). Each half is read from the
  statement's codes, but a statement whose main signal pulls the other way never serves as
  that half (a threat with a secondary "engage" is no offer).
- *topic*: the same topic label; the words the two share, weighted by how rare each is in
  the article (IDF), so the subject every statement mentions counts little; embedding
  similarity; two statements in one sentence (the reporter set them side by side). A
  reassurance that disclaims hostility ("nobody wants war", "no intention of invading") is
  about the whole dispute, so it meets any threat, demand or deed of its side.
- *closeness*: kinds that fade with distance (a threat answers a reassurance nearby) lose
  half their weight ``SHARED_TOPIC_HALF_DISTANCE`` paragraphs apart when the two share a topic
  and ``OTHER_HALF_DISTANCE`` paragraphs apart otherwise.

Candidates scoring at least ``MIN_PAIR_SCORE`` are ranked per side, strongest (then nearest) first,
and kept greedily: a statement joins ``MAX_PAIRS_PER_STATEMENT`` pair, plus one of another
kind when that one scores at least ``SECOND_PAIR_SCORE`` (praise and a threat in one breath,
the praise also answered by another official's gloom).
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Callable, Mapping, Optional, Sequence

from tealeaves.nlp.text import paragraph_of, paragraph_starts
from tealeaves.codebook import codebook
from tealeaves.models import Actor, MixedMessage, Standoff, Statement, is_observer
from tealeaves.signals.model import OBSERVER

HARD_ACTIONS = codebook().harmful_actions
# A statement whose main signal is in one of these never serves as the other kind of half.
PULLS_UP = codebook().pulling("up", ("statement",))
PULLS_DOWN = codebook().pulling("down", ("statement",))
MIN_PAIR_SCORE = 0.55
MAX_PAIRS_PER_STATEMENT = 1
SECOND_PAIR_SCORE = 0.7
SAME_SENTENCE_TOPIC = 0.9
DISCLAIMER_TOPIC = 0.8
SHARED_TOPIC = 0.6
SHARED_TOPIC_HALF_DISTANCE = 8.0
OTHER_HALF_DISTANCE = 2.0
NEGATION = re.compile(r"\b(?:no|not|nobody|no one|none|nothing|never|neither|nor)\b|n[’']t\b", re.IGNORECASE)

# (kind, codes of the softer statement, codes of the other, base strength, decays with distance)
Rule = tuple[str, frozenset, frozenset, float, bool]
PAIR_RULES: tuple[Rule, ...] = (
    ("denial_vs_non_denial", frozenset({"deny"}), frozenset({"non_denial"}), 1.0, False),
    ("say_do_gap", frozenset({"deny", "reassure"}), frozenset({"action:" + a for a in HARD_ACTIONS}), 0.95, True),
    ("assessment_conflict", frozenset({"positive_assessment"}), frozenset({"negative_assessment"}), 0.9, False),
    ("reassurance_vs_threat", frozenset({"reassure"}), frozenset({"threaten"}), 0.9, True),
    ("praise_vs_threat", frozenset({"positive_assessment"}), frozenset({"threaten"}), 0.8, True),
    ("ultimatum_vs_reassurance", frozenset({"reassure", "engage"}), frozenset({"demand"}), 0.85, True),
)
EXPLAIN = {  # {a}/{b}: speaker names, {x}/{y}: what each said or did, in brief
    "denial_vs_non_denial": "{a} denies it ({x}) while {b} pointedly does not ({y})",
    "say_do_gap": "{a} says {x} while {b} is reported doing otherwise: {y}",
    "assessment_conflict": "{a} speaks well of it ({x}) while {b} speaks badly of it ({y})",
    "reassurance_vs_threat": "{a} reassures ({x}) while {b} threatens ({y})",
    "praise_vs_threat": "{a} speaks warmly ({x}) while {b} threatens ({y})",
    "ultimatum_vs_reassurance": "{a} sounds open and undemanding ({x}) while {b} makes a firm demand ({y})",
    "timetable_vs_urgency": "{a} sets no deadline yet asks for speed in the same breath ({x})",
}
BRIEF_CHARS = 70
VIEW_SENSES = ("belief", "impression")
Similarity = Callable[[Statement, Statement], float]
STEM = 5
STOPWORDS = {"that", "this", "with", "from", "have", "will", "would", "there", "their", "they", "them", "what",
             "which", "about", "into", "than", "then", "were", "been", "being", "said", "says", "also", "only",
             "such", "some", "more", "most", "other", "very", "just", "over", "after", "before", "could", "should"}


@dataclass(frozen=True)
class Layout:
    """Where an article's statements sit (paragraph, reading order) and how rare each of
    their content words is there (IDF weights)."""

    paragraph: Mapping[str, int]
    order: Mapping[str, int]
    weights: Mapping[str, float]

    @classmethod
    def of(cls, statements: Sequence[Statement], text: Optional[str] = None) -> "Layout":
        """Paragraphs as attribution reads them (blank lines). Without the text, or in a text
        with no blank line (which says nothing of its paragraphs), each statement counts as one."""
        order = {s.id: i for i, s in enumerate(statements)}
        starts = paragraph_starts(text) if text else [0]
        paragraph = {s.id: paragraph_of(s.start, starts) for s in statements} if len(starts) > 1 else order
        return cls(paragraph, order, idf_weights(statements))

    def paragraphs_apart(self, a: Statement, b: Statement) -> int:
        return abs(self.paragraph[a.id] - self.paragraph[b.id])

    def steps_apart(self, a: Statement, b: Statement) -> int:
        return abs(self.order[a.id] - self.order[b.id])


@dataclass(frozen=True)
class Candidate:
    """A possible mixed message: two statements of one side, ``first`` the softer."""

    score: float
    kind: str
    first: Statement
    second: Statement
    side: str
    paragraphs_apart: int


def idf_weights(statements: Sequence[Statement]) -> dict[str, float]:
    """Inverse document frequency of each content word over the statements: log(1 + n / df)."""
    frequency: dict[str, int] = defaultdict(int)
    for statement in statements:
        for word in _keywords(statement):
            frequency[word] += 1
    return {word: math.log(1 + len(statements) / count) for word, count in frequency.items()}


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


def topic_similarity(a: Statement, b: Statement, similarity: Optional[Similarity],
                     weights: Optional[Mapping[str, float]] = None) -> float:
    """1 for the same topic label; otherwise the better of the words the two share (weighted
    by ``weights``, e.g. IDF, when given) and their embedding similarity."""
    if a.topic and a.topic == b.topic:
        return 1.0
    shared = _word_overlap(a, b, weights)
    if similarity is None:
        return shared
    return max(shared, max(0.0, min(1.0, similarity(a, b))))


def _keywords(statement: Statement) -> set[str]:
    """Content words cut to a stem-like prefix ("withdrawal" and "withdraw" meet)."""
    words = re.findall(r"[a-z]+", _said(statement))
    return {w[:STEM] for w in words if len(w) > 3 and w not in STOPWORDS}


def _word_overlap(a: Statement, b: Statement, weights: Optional[Mapping[str, float]] = None) -> float:
    """Weight of the shared words over the lighter statement's weight (every word weighs 1
    without ``weights``)."""
    ka, kb = _keywords(a), _keywords(b)
    if not ka or not kb:
        return 0.0
    weight = (lambda words: sum(weights.get(w, 1.0) for w in words)) if weights else len
    return weight(ka & kb) / min(weight(ka), weight(kb))


def disclaims_hostility(statement: Statement) -> bool:
    """A reassurance put as a negation ("nobody wants a war", "no intention of invading",
    "not issuing ultimatums"): it speaks to the whole dispute, not to one detail of it."""
    return statement.signal == "reassure" and bool(NEGATION.search(_said(statement)))


def pair_topic(first: Statement, second: Statement, soft_codes: frozenset, similarity: Optional[Similarity],
               layout: Layout) -> float:
    """How surely the two speak to the same matter (0–1), ``first`` being the softer half,
    read under ``soft_codes``."""
    topic = topic_similarity(first, second, similarity, layout.weights)
    if first.start < second.end and second.start < first.end:
        topic = max(topic, SAME_SENTENCE_TOPIC)
    if "reassure" in soft_codes and disclaims_hostility(first):
        topic = max(topic, DISCLAIMER_TOPIC)
    return topic


def closeness(paragraphs_apart: int, topic: float, decays: bool) -> float:
    """1 side by side; half at the half distance, which is longer when the topic is shared."""
    if not decays:
        return 1.0
    half = SHARED_TOPIC_HALF_DISTANCE if topic >= SHARED_TOPIC else OTHER_HALF_DISTANCE
    return 1.0 / (1.0 + paragraphs_apart / half)


def find_mixed_messages(
    statements: Sequence[Statement],
    actors: Mapping[str, Actor],
    similarity: Optional[Similarity] = None,
    id_prefix: str = "",
    text: Optional[str] = None,
) -> list[MixedMessage]:
    """Mixed messages and say–do gaps within each side, strongest first. ``text`` (the
    article the statements index) measures distance in paragraphs; without it, in statements."""
    party = party_statements(statements, actors)
    layout = Layout.of(statements, text)
    found = _single_statement_messages(party, actors)
    kinds_used: dict[str, list[str]] = defaultdict(list)
    for message in found:
        kinds_used[message.statement_ids[0]].append(message.kind)
    for candidate in _pick(_candidates(party, actors, similarity, layout), kinds_used, layout):
        found.append(_pair_message(candidate, actors))
    found.sort(key=lambda m: (-m.score, m.statement_ids))
    return [MixedMessage(**{**m.__dict__, "id": f"{id_prefix}m{n:02d}"}) for n, m in enumerate(found, start=1)]


def _single_statement_messages(party: Sequence[Statement], actors: Mapping[str, Actor]) -> list[MixedMessage]:
    """One statement that lifts every deadline and asks for speed in the same breath."""
    found = []
    for s in party:
        if "reassure" in (s.signals or ()) and _lifts_deadline(s) and _urgent(s):
            name = actors[s.speaker_id].name
            found.append(MixedMessage(
                id="", side=actors[s.speaker_id].side, statement_ids=(s.id,), kind="timetable_vs_urgency",
                explanation=_sentence(EXPLAIN["timetable_vs_urgency"].format(a=name, x=_brief(s))), score=0.8))
    return found


def _candidates(party: Sequence[Statement], actors: Mapping[str, Actor], similarity: Optional[Similarity],
                layout: Layout) -> list[Candidate]:
    """Every pair of one side scoring at least ``MIN_PAIR_SCORE``, under its best-scoring kind."""
    candidates = []
    for i, a in enumerate(party):
        side = actors[a.speaker_id].side
        for b in party[i + 1 :]:
            if actors[b.speaker_id].side != side:
                continue
            best = max((c for rule in PAIR_RULES if (c := _candidate(a, b, rule, side, similarity, layout))),
                       key=lambda c: c.score, default=None)
            if best is not None and best.score >= MIN_PAIR_SCORE:
                candidates.append(best)
    return candidates


def _candidate(a: Statement, b: Statement, rule: Rule, side: str, similarity: Optional[Similarity],
               layout: Layout) -> Optional[Candidate]:
    kind, left, right, strength, decays = rule
    first, second = _orient(a, b, left, right)
    if first is None:
        return None
    topic = pair_topic(first, second, left, similarity, layout)
    apart = layout.paragraphs_apart(first, second)
    return Candidate(strength * topic * closeness(apart, topic, decays), kind, first, second, side, apart)


def _pick(candidates: Sequence[Candidate], kinds_used: dict[str, list[str]], layout: Layout) -> list[Candidate]:
    """Greedy per side over candidates ranked strongest, then nearest, then earliest first;
    ``kinds_used`` (statement id → kinds of the messages it is in) is updated as pairs are kept."""
    by_side: dict[str, list[Candidate]] = defaultdict(list)
    for candidate in candidates:
        by_side[candidate.side].append(candidate)
    kept = []
    for side in sorted(by_side):
        ranked = sorted(by_side[side], key=lambda c: (
            -c.score, c.paragraphs_apart, layout.steps_apart(c.first, c.second), layout.order[c.first.id]))
        for candidate in ranked:
            members = (candidate.first.id, candidate.second.id)
            if all(_may_join(kinds_used[m], candidate) for m in members):
                for m in members:
                    kinds_used[m].append(candidate.kind)
                kept.append(candidate)
    return kept


def _may_join(kinds: Sequence[str], candidate: Candidate) -> bool:
    """A statement joins ``MAX_PAIRS_PER_STATEMENT`` pair, and one more of another kind when strong."""
    if len(kinds) < MAX_PAIRS_PER_STATEMENT:
        return True
    return (len(kinds) == MAX_PAIRS_PER_STATEMENT and candidate.kind not in kinds
            and candidate.score >= SECOND_PAIR_SCORE)


def _pair_message(candidate: Candidate, actors: Mapping[str, Actor]) -> MixedMessage:
    """The mixed message of a kept pair, explained with both speakers and their words."""
    first, second = candidate.first, candidate.second
    a_name, b_name = actors[first.speaker_id].name, actors[second.speaker_id].name
    if a_name == b_name:
        b_name = "the same speaker"
    explanation = EXPLAIN[candidate.kind].format(a=a_name, b=b_name, x=_brief(first), y=_brief(second))
    if first.topic and first.topic == second.topic:
        explanation = f"On {first.topic}, {explanation}"
    return MixedMessage(id="", side=candidate.side, statement_ids=(first.id, second.id), kind=candidate.kind,
                        explanation=_sentence(explanation), score=round(candidate.score, 2))


def _orient(a: Statement, b: Statement, left: frozenset, right: frozenset):
    """(soft, hard) when one statement can be the rule's left half and the other its right."""
    if _can_be(a, left, PULLS_UP) and _can_be(b, right, PULLS_DOWN):
        return a, b
    if _can_be(b, left, PULLS_UP) and _can_be(a, right, PULLS_DOWN):
        return b, a
    return None, None


def _can_be(statement: Statement, codes: frozenset, contrary: frozenset) -> bool:
    """The statement carries one of the codes and its main signal does not pull the other way."""
    return bool(_codes(statement) & codes) and statement.signal not in contrary


def _said(statement: Statement) -> str:
    return " ".join(c.text for c in (*statement.content, *statement.quotes)).lower()


def _urgent(statement: Statement) -> bool:
    return any(w in _said(statement) for w in ("fast", "quick", "immediate", "urgent", "soon", "swift", "without delay"))


def _lifts_deadline(statement: Statement) -> bool:
    return any(w in _said(statement) for w in ("timetable", "deadline", "ultimatum", "time limit", "rush"))


def _brief(statement: Statement) -> str:
    """What a statement said, cut to a few words. A partial quote is shown in its clause, its
    own quotation marks kept ('that Castrel would “never” close the strait'), since a word or
    two quoted alone says little; otherwise the quotes (or the reported clause) in quotation marks."""
    if statement.kind == "partial" and statement.quotes and all(
            any(c.start <= q.start and q.end <= c.end for c in statement.content) for q in statement.quotes):
        text = " ".join(" … ".join(c.text for c in statement.content).split())  # pieces apart, as below
        return _cut(text, max(BRIEF_CHARS, text.rfind("”") + 1))
    parts = statement.quotes or statement.content
    text = " ".join((" … ".join(p.text.strip() for p in parts) or statement.text).split())
    return f"“{_cut(text, BRIEF_CHARS)}”"


def _cut(text: str, limit: int) -> str:
    """The text up to the first space at or after ``limit`` characters, with "…" when cut."""
    cut = text.find(" ", limit)
    return text if len(text) <= limit or cut < 0 else text[:cut] + " …"


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
    """Coherence per side and per speaker, in [0, 1]:

        side:    max(0, 1 − Σ score of the side's mixed messages / the side's party statements)
        speaker: max(0, 1 − Σ score × (their statements in it / its statements) / their party statements)

    Party statements are those ``party_statements`` keeps (observers never count). A message
    weighs its score, shared among its statements, so a speaker who contradicts a colleague
    carries half of it; a statement in two messages counts in both. 1.0 means no mixed
    message; 0.0 means about one full-strength mixed message per statement.
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
    threats, offers, denials and reassurances. A negated demand ("must never join") is a red line.
    What a speaker believes of others ("sees the envoy as willing to compromise") is a view,
    not a position the speaker takes, and stays off the sheets."""
    sheets: dict[str, dict[str, dict[str, list[str]]]] = {"sides": {}, "actors": {}}
    for s in party_statements(statements, actors):
        if s.kind == "action" or s.cue_sense in VIEW_SENSES:
            continue
        heading = codebook().heading(s.signal)
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
