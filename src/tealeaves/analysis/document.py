"""Reading coded statements together: mixed messages, walk-backs, say–do gaps, standoffs,
factual disputes, positions and coherence. Pure functions over records, for one document or
many (a corpus).

Which codes pull apart is data: ``opposes`` (within one side: a mixed message) and ``clashes``
(across sides: a standoff or factual dispute) in ``data/codebook.yaml``; the words that mark
walk-backs, contrasts and counted casualties are in ``data/mixed_messages.yaml``.

- A *pair* of one side whose codes oppose on the same matter is a mixed message: two officials
  (cross-speaker), one speaker at two times, or a statement and a reported deed (a say–do gap).
- A *walk-back* is a statement that corrects or clarifies another of its side ("sought to
  clarify", "misspoke", "our policy has not changed"), paired with the statement it corrects;
  one that reports a reversal by itself ("seemed to backtrack") stands alone.
- *One statement* coded with two opposed codes and setting them against each other ("open, for
  now", "but") is a mixed message by itself; so is one that lifts every deadline yet asks for speed.
- *Facts*: one side giving two casualty counts that cannot both hold is a mixed message; two
  sides doing so is a factual dispute (a ``Standoff`` of that kind).

A candidate pair scores ``strength × topic × closeness``, its confidence (``score``):

- *strength*: how squarely the two codes oppose (the codebook's number). A statement whose main
  signal pulls the other way never serves as a half (a threat with a secondary "engage" is no offer).
- *topic*: the same topic label; the same target; the words the two share, weighted by how rare
  each is in the article (IDF); embedding similarity; two statements in one sentence. A
  reassurance that disclaims hostility ("nobody wants war") is about the whole dispute.
- *closeness*: pairs that fade lose half their weight ``SHARED_TOPIC_HALF_DISTANCE`` paragraphs
  apart when the two share a topic and ``OTHER_HALF_DISTANCE`` paragraphs apart otherwise.

Candidates scoring at least ``MIN_PAIR_SCORE`` are kept greedily, strongest (then nearest) first:
a statement joins one pair, and more (up to ``MAX_PAIRS_PER_STATEMENT``) when they score at least
``SECOND_PAIR_SCORE`` and each partner is another speaker (two officials each contradicting
the president are two mixed messages); a statement is corrected by one walk-back at most.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Iterable, Mapping, Optional, Sequence

from tealeaves.codebook import Opposition, codebook
from tealeaves.lexicon import bundled_yaml
from tealeaves.models import Actor, MixedMessage, Standoff, Statement, is_observer
from tealeaves.nlp.text import paragraph_of, paragraph_starts
from tealeaves.signals.model import OBSERVER

PULLS_UP = codebook().pulling("up", ("statement",))
PULLS_DOWN = codebook().pulling("down", ("statement",))
MIN_PAIR_SCORE = 0.55
MIN_STANDOFF_SCORE = 0.75
MAX_PAIRS_PER_STATEMENT = 3
SECOND_PAIR_SCORE = 0.7
SAME_SENTENCE_TOPIC = 0.9
DISCLAIMER_TOPIC = 0.8
SAME_TARGET_TOPIC = 0.7
NAMED_SPEAKER_TOPIC = 0.8  # a walk-back that names the speaker it corrects ("Kerry's comment")
SHARED_TOPIC = 0.6
SHARED_TOPIC_HALF_DISTANCE = 8.0
OTHER_HALF_DISTANCE = 2.0
WALK_BACK_STRENGTH = 0.9
REVERSAL_SCORE = 0.8
ONE_STATEMENT_FACTOR = 0.85  # two opposed codes in one statement: a little less sure than two statements
MIN_ONE_STATEMENT_STRENGTH = 0.75
FACT_STRENGTH = 0.9
FACT_RATIO = 1.5  # two counts of one fact this far apart cannot both hold
NEGATION = re.compile(r"\b(?:no|not|nobody|no one|none|nothing|never|neither|nor)\b|n[’']t\b", re.IGNORECASE)
BRIEF_CHARS = 70
VIEW_SENSES = ("belief", "impression")
Similarity = Callable[[Statement, Statement], float]
STEM = 5
STOPWORDS = {"that", "this", "with", "from", "have", "will", "would", "there", "their", "they", "them", "what",
             "which", "about", "into", "than", "then", "were", "been", "being", "said", "says", "also", "only",
             "such", "some", "more", "most", "other", "very", "just", "over", "after", "before", "could", "should"}
NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
                "ten": 10, "eleven": 11, "twelve": 12, "twenty": 20, "fifty": 50, "hundred": 100}


@dataclass(frozen=True)
class Cues:
    """The words of ``data/mixed_messages.yaml``, compiled."""

    corrections: re.Pattern
    reversals: re.Pattern
    contrasts: re.Pattern
    facts: Mapping[str, re.Pattern]  # fact -> the nouns or participles that count it
    none_counted: frozenset
    many_counted: frozenset


def _phrases(phrases: Iterable[str]) -> re.Pattern:
    """Whole-word phrases, a final "*" matching any ending."""
    parts = [re.escape(p.rstrip("*")) + (r"\w*" if p.endswith("*") else r"\b") for p in phrases]
    return re.compile(r"\b(?:" + "|".join(sorted(parts, key=len, reverse=True)) + ")", re.IGNORECASE)


@lru_cache(maxsize=1)
def cues() -> Cues:
    data = bundled_yaml("mixed_messages.yaml")
    return Cues(_phrases(data["corrections"]), _phrases(data["reversals"]), _phrases(data["contrasts"]),
                {fact: _phrases(words) for fact, words in data["facts"].items()},
                frozenset(data["none_counted"]), frozenset(data["many_counted"]))


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
    """A possible pair: ``first`` the softer statement (or the correction of a walk-back),
    ``reason`` why the two are about the same matter."""

    score: float
    kind: str
    first: Statement
    second: Statement
    sides: tuple[str, str]
    paragraphs_apart: int
    says: tuple[str, str]  # what each half does ("reassures", "threatens")
    reason: str = ""


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
    """The codes a statement can stand for: an action its deed codes, a statement its statement
    codes, and "non_denial" for a negated denial ("did not deny")."""
    book = codebook()
    wanted = "action" if statement.kind == "action" else "statement"
    codes = {c for c in (statement.signals or (statement.signal,)) if c in book and book[c].kind == wanted}
    if statement.kind == "action":
        return codes
    if statement.negated and statement.cue is not None and statement.cue.text.lower().startswith("den"):
        codes.add("non_denial")  # "did not deny"
    if statement.negated and "deny" in codes and statement.signal == "hedge":
        codes.discard("deny")
    return codes


def topic_similarity(a: Statement, b: Statement, similarity: Optional[Similarity],
                     weights: Optional[Mapping[str, float]] = None) -> float:
    """1 for the same topic label; otherwise the best of the same target, the words the two
    share (weighted by ``weights``, e.g. IDF, when given) and their embedding similarity."""
    if a.topic and a.topic == b.topic:
        return 1.0
    topic = _word_overlap(a, b, weights)
    if a.target and a.target == b.target:
        topic = max(topic, SAME_TARGET_TOPIC)
    if similarity is None:
        return topic
    return max(topic, max(0.0, min(1.0, similarity(a, b))))


def _keywords(statement: Statement) -> set[str]:
    """Content words cut to a stem-like prefix ("withdrawal" and "withdraw" meet)."""
    return set(_words_by_stem(statement))


def _words_by_stem(statement: Statement) -> dict[str, str]:
    words = re.findall(r"[a-z]+", _said(statement))
    return {w[:STEM]: w for w in words if len(w) > 3 and w not in STOPWORDS}


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


def _same_sentence(a: Statement, b: Statement) -> bool:
    return a.start < b.end and b.start < a.end


def pair_topic(first: Statement, second: Statement, soft_code: str, similarity: Optional[Similarity],
               layout: Layout) -> float:
    """How surely the two speak to the same matter (0–1), ``first`` being the softer half,
    read as ``soft_code``."""
    topic = topic_similarity(first, second, similarity, layout.weights)
    if _same_sentence(first, second):
        topic = max(topic, SAME_SENTENCE_TOPIC)
    if soft_code == "reassure" and disclaims_hostility(first):
        topic = max(topic, DISCLAIMER_TOPIC)
    return topic


def _reason(first: Statement, second: Statement, layout: Layout, actors: Mapping[str, Actor]) -> str:
    """Why the two are about one matter, for the explanation: the rarest words they share, the
    target they share, or the sentence they share."""
    if first.topic and first.topic == second.topic:
        return f"both on {first.topic}"
    if _same_sentence(first, second):
        return "in one sentence"
    a, b = _words_by_stem(first), _words_by_stem(second)
    shared = sorted(set(a) & set(b), key=lambda w: (-layout.weights.get(w, 1.0), w))[:3]
    if shared:
        return "both on " + ", ".join(f"“{a[w]}”" for w in shared)
    if first.target and first.target == second.target:
        return f"both about {actors[first.target].name if first.target in actors else first.target}"
    return ""


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
    """Mixed messages, walk-backs, say–do gaps and contradictory facts within each side,
    strongest first. ``text`` (the article the statements index) measures distance in
    paragraphs; without it, in statements."""
    party = party_statements(statements, actors)
    layout = Layout.of(statements, text)
    found = _one_statement_messages(party, actors)
    joined: dict[str, list[Candidate]] = defaultdict(list)
    singles = {m.statement_ids[0] for m in found}
    pairs = [c for a, b in _same_side_pairs(party, actors)
             for c in [_best(a, b, codebook().oppositions, similarity, layout, actors),
                       _walk_back(a, b, similarity, layout, actors), _fact_conflict(a, b, layout, actors)]
             if c is not None and c.score >= MIN_PAIR_SCORE]
    for candidate in _pick(pairs, joined, layout, singles):
        found.append(_pair_message(candidate, actors))
    found.sort(key=lambda m: (-m.score, m.statement_ids))
    return [MixedMessage(**{**m.__dict__, "id": f"{id_prefix}m{n:02d}"}) for n, m in enumerate(found, start=1)]


def _same_side_pairs(party: Sequence[Statement], actors: Mapping[str, Actor]):
    for i, a in enumerate(party):
        for b in party[i + 1 :]:
            if actors[a.speaker_id].side == actors[b.speaker_id].side:
                yield a, b


def _one_statement_messages(party: Sequence[Statement], actors: Mapping[str, Actor]) -> list[MixedMessage]:
    """Statements mixed by themselves: one that reports its speaker's reversal ("seemed to
    backtrack"); one coded with two opposed codes set against each other ("open, for now",
    "but"); one that lifts every deadline and asks for speed in the same breath."""
    found = []
    reversed_at: set[int] = set()  # where a reversal cue was read: one message per cue
    for s in party:
        name, side = actors[s.speaker_id].name, actors[s.speaker_id].side
        reversal = _reversal_cue(s, party) if s.kind != "action" else None
        if reversal is not None and reversal not in reversed_at:
            reversed_at.add(reversal)
            found.append(MixedMessage(
                id="", side=side, statement_ids=(s.id,), kind="walk_back", score=REVERSAL_SCORE,
                explanation=_sentence(f"{name} is reported to reverse an earlier position: {_brief(s)}")))
            continue
        both = _opposed_within(s)
        if "reassure" in _codes(s) and _lifts_deadline(s) and _urgent(s):
            found.append(MixedMessage(
                id="", side=side, statement_ids=(s.id,), kind="timetable_vs_urgency", score=0.8,
                explanation=_sentence(f"{name} sets no deadline yet asks for speed in the same breath ({_brief(s)})")))
        elif both is not None and cues().contrasts.search(_said(s)):
            book = codebook()
            found.append(MixedMessage(
                id="", side=side, statement_ids=(s.id,), kind=both.kind,
                score=round(both.strength * ONE_STATEMENT_FACTOR, 2),
                explanation=_sentence(f"In one statement {name} {book.says(both.soft)} and {book.says(both.hard)}: "
                                      f"{_brief(s)}")))
    return found


def _reversal_cue(statement: Statement, party: Sequence[Statement]) -> Optional[int]:
    """Where in the document the statement's sentence reports a reversal ("seemed to
    backtrack"), when of the statements sharing that sentence it is the one nearest the cue."""
    match = cues().reversals.search(statement.text)
    if match is None:
        return None
    at = statement.start + match.start()
    sharing = [s for s in party if s.start <= at < s.end and s.kind != "action"]
    nearest = min(sharing, key=lambda s: min((abs(c.start - at) for c in s.content), default=10**9))
    return at if nearest is statement else None


def _opposed_within(statement: Statement) -> Optional[Opposition]:
    """The strongest opposition between two codes of one statement, if strong enough."""
    codes = _codes(statement)
    pairs = [o for o in codebook().oppositions if o.soft in codes and o.hard in codes
             and o.strength >= MIN_ONE_STATEMENT_STRENGTH]
    return max(pairs, key=lambda o: o.strength, default=None)


def _best(a: Statement, b: Statement, relations: Sequence[Opposition], similarity: Optional[Similarity],
          layout: Layout, actors: Mapping[str, Actor]) -> Optional[Candidate]:
    """The best-scoring reading of the two under ``relations`` (either may be the softer)."""
    best = None
    book = codebook()
    for relation in relations:
        for first, second in ((a, b), (b, a)):
            if not (_can_be(first, relation.soft, soft=True) and _can_be(second, relation.hard, soft=False)):
                continue
            topic = pair_topic(first, second, relation.soft, similarity, layout)
            apart = layout.paragraphs_apart(first, second)
            score = relation.strength * topic * closeness(apart, topic, relation.fades)
            if best is None or score > best.score:
                best = Candidate(score, relation.kind, first, second, _sides(first, second, actors), apart,
                                 (book.says(relation.soft), book.says(relation.hard)),
                                 _reason(first, second, layout, actors))
    return best


def _sides(a: Statement, b: Statement, actors: Mapping[str, Actor]) -> tuple[str, str]:
    return actors[a.speaker_id].side or "", actors[b.speaker_id].side or ""


def _can_be(statement: Statement, code: str, soft: bool) -> bool:
    """The statement carries the code and its main signal does not pull against it."""
    if code not in _codes(statement):
        return False
    direction = codebook()[code].direction if code in codebook() else None
    contrary = {"up": PULLS_DOWN, "down": PULLS_UP}.get(direction or "", PULLS_UP if soft else PULLS_DOWN)
    return statement.signal not in contrary


def _walk_back(a: Statement, b: Statement, similarity: Optional[Similarity], layout: Layout,
               actors: Mapping[str, Actor]) -> Optional[Candidate]:
    """A statement that corrects or clarifies the other (``first`` is the correction)."""
    for correction, corrected in ((a, b), (b, a)):
        if (correction.kind == "action" or corrected.kind == "action" or _same_sentence(a, b)
                or not cues().corrections.search(correction.text) or cues().corrections.search(corrected.text)):
            continue
        topic = topic_similarity(correction, corrected, similarity, layout.weights)
        named = corrected.speaker_id != correction.speaker_id and _names(correction.text, actors[corrected.speaker_id])
        if named:
            topic = max(topic, NAMED_SPEAKER_TOPIC)
        apart = layout.paragraphs_apart(a, b)
        score = WALK_BACK_STRENGTH * topic * closeness(apart, topic, not named)
        return Candidate(score, "walk_back", correction, corrected, _sides(correction, corrected, actors), apart,
                         ("corrects", "said"), _reason(correction, corrected, layout, actors))
    return None


def _names(text: str, actor: Actor) -> bool:
    """The text names the actor (its last name or an alias of more than one letter)."""
    names = {actor.name.split()[-1], *(a for a in actor.aliases if len(a) > 3 and a[0].isupper())}
    return any(re.search(rf"\b{re.escape(n)}\b", text) for n in names if n)


def counted(statement: Statement) -> dict[str, Optional[int]]:
    """The casualty counts a statement gives: fact -> a number, 0 for none, None for an
    uncounted many ("several were killed")."""
    said = _said(statement)
    found: dict[str, Optional[int]] = {}
    for fact, pattern in cues().facts.items():
        for match in pattern.finditer(said):
            before = said[max(0, match.start() - 40) : match.start()].split()[-5:]
            value = _count(before)
            if value is not False:
                found.setdefault(fact, value)  # type: ignore[arg-type]
    return found


def _count(words: Sequence[str]):
    """The count the words before a casualty noun give, nearest first; False without one."""
    c = cues()
    for i in range(len(words) - 1, -1, -1):
        word = words[i].strip(",.;:")
        pair = " ".join(words[i - 1 : i + 1]) if i else word
        if pair in c.none_counted or word in c.none_counted:
            return 0
        if word.replace(",", "").isdigit():
            return int(word.replace(",", ""))
        if word in NUMBER_WORDS:
            return NUMBER_WORDS[word]
        if word in c.many_counted:
            return None
    return False


def _facts_conflict(a: Statement, b: Statement) -> Optional[str]:
    """The fact two statements count in ways that cannot both hold (none against some, or
    numbers ``FACT_RATIO`` apart), if any."""
    ca, cb = counted(a), counted(b)
    for fact in ca.keys() & cb.keys():
        x, y = ca[fact], cb[fact]
        if (x == 0) != (y == 0) or (x and y and max(x, y) >= FACT_RATIO * min(x, y)):
            return fact
    return None


def _fact_conflict(a: Statement, b: Statement, layout: Layout, actors: Mapping[str, Actor],
                   kind: str = "factual_contradiction") -> Optional[Candidate]:
    fact = None if a.kind == "action" or b.kind == "action" else _facts_conflict(a, b)
    if fact is None:
        return None
    return Candidate(FACT_STRENGTH, kind, a, b, _sides(a, b, actors), layout.paragraphs_apart(a, b),
                     ("counts", "counts"), f"counts of the {fact} that cannot both hold")


def _pick(candidates: Sequence[Candidate], joined: dict[str, list[Candidate]], layout: Layout,
          singles: Iterable[str] = (), partner: Callable[[Statement], str] = lambda s: s.speaker_id or ""
          ) -> list[Candidate]:
    """Greedy over candidates ranked strongest, then nearest, then earliest first; ``joined``
    (statement id → the kept candidates it is in) is updated as pairs are kept; ``partner``
    says whom a statement may meet once only (a speaker; for standoffs, a side)."""
    ranked = sorted(candidates, key=lambda c: (
        -c.score, c.paragraphs_apart, layout.steps_apart(c.first, c.second), layout.order[c.first.id],
        layout.order[c.second.id]))
    single = set(singles)
    kept = []
    for candidate in ranked:
        if all(_may_join(joined[s.id], candidate, s, single, partner) for s in (candidate.first, candidate.second)):
            for s in (candidate.first, candidate.second):
                joined[s.id].append(candidate)
            kept.append(candidate)
    return kept


def _may_join(kept: Sequence[Candidate], candidate: Candidate, statement: Statement, singles: set[str],
              partner_of: Callable[[Statement], str]) -> bool:
    """A statement joins one pair; more, up to ``MAX_PAIRS_PER_STATEMENT``, when strong and each
    with another partner speaker. A statement is corrected by one walk-back at most."""
    partner = candidate.second if statement is candidate.first else candidate.first
    if candidate.kind == "walk_back" and statement is candidate.second and any(
            k.kind == "walk_back" and k.second is statement for k in kept):
        return False
    if not kept and statement.id not in singles:
        return True
    partners = {partner_of(k.second if k.first.id == statement.id else k.first) for k in kept}
    return (len(kept) < MAX_PAIRS_PER_STATEMENT and candidate.score >= SECOND_PAIR_SCORE
            and partner_of(partner) not in partners)


def _pair_message(candidate: Candidate, actors: Mapping[str, Actor]) -> MixedMessage:
    """The mixed message of a kept pair, quoting both and saying why they conflict."""
    return MixedMessage(id="", side=candidate.sides[0], statement_ids=(candidate.first.id, candidate.second.id),
                        kind=candidate.kind, explanation=_explain(candidate, actors), score=round(candidate.score, 2))


def _explain(candidate: Candidate, actors: Mapping[str, Actor], with_sides: bool = False) -> str:
    first, second = candidate.first, candidate.second
    a_name, b_name = actors[first.speaker_id].name, actors[second.speaker_id].name
    if with_sides:
        a_name, b_name = f"{a_name} ({candidate.sides[0]})", f"{b_name} ({candidate.sides[1]})"
    elif a_name == b_name:
        b_name = "the same speaker"
    reason = f" — {candidate.reason}" if candidate.reason else ""
    if candidate.kind == "walk_back":
        text = f"{a_name} corrects or recasts what {b_name} said ({_brief(second)}): {_brief(first)}{reason}"
    elif candidate.kind in ("factual_contradiction", "factual_dispute"):
        text = f"{a_name} and {b_name} give {candidate.reason}: {_brief(first)} against {_brief(second)}"
    else:
        deed = second.kind == "action"
        text = (f"{a_name} {candidate.says[0]} ({_brief(first)}) while {b_name} "
                f"{'is reported doing otherwise' if deed else candidate.says[1]} ({_brief(second)}){reason}")
    return _sentence(text)


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
    text: Optional[str] = None,
) -> list[Standoff]:
    """Standoffs (a demand, condition or offer of one side against another side's refusal or
    threat, as the codebook's ``clashes`` say) and factual disputes (two sides accusing each
    other of one thing, or giving counts that cannot both hold), strongest first."""
    party = party_statements(statements, actors)
    layout = Layout.of(statements, text)
    candidates = []
    for i, a in enumerate(party):
        for b in party[i + 1 :]:
            if actors[a.speaker_id].side == actors[b.speaker_id].side:
                continue
            for c in (_best(a, b, codebook().clashes, similarity, layout, actors),
                      _fact_conflict(a, b, layout, actors, "factual_dispute")):
                if c is not None and c.score >= MIN_STANDOFF_SCORE:
                    candidates.append(c)
    found = []
    for c in _pick(candidates, defaultdict(list), layout, partner=lambda s: actors[s.speaker_id].side or ""):
        found.append(Standoff(
            id="", sides=c.sides, statement_ids=(c.first.id, c.second.id),
            topic=c.first.topic or c.second.topic or "", kind=c.kind, score=round(c.score, 2),
            explanation=_explain(c, actors, with_sides=True)))
    found.sort(key=lambda s: (-s.score, s.statement_ids))
    return [Standoff(**{**s.__dict__, "id": f"{id_prefix}x{n:02d}"}) for n, s in enumerate(found, start=1)]


def coherence(statements: Sequence[Statement], actors: Mapping[str, Actor],
              mixed: Sequence[MixedMessage]) -> tuple[dict[str, float], dict[str, float]]:
    """Coherence per side and per speaker, in [0, 1]: one minus the share of their party
    statements caught in a mixed message, each weighed by the confidence (score) of the
    strongest message it is in:

        coherence = 1 − Σ over the statements of max(score of a message it is in, else 0) / n

    Party statements are those ``party_statements`` keeps (observers never count). One
    confident contradiction (two statements, score 0.9) among five statements reads 0.64;
    none reads 1.0; a side whose every statement is in a sure mixed message reads 0.0.
    """
    party = party_statements(statements, actors)
    caught: dict[str, float] = defaultdict(float)
    for m in mixed:
        for statement_id in m.statement_ids:
            caught[statement_id] = max(caught[statement_id], m.score)
    side_total: dict[str, list[float]] = defaultdict(list)
    speaker_total: dict[str, list[float]] = defaultdict(list)
    for s in party:
        side_total[actors[s.speaker_id].side or ""].append(caught[s.id])
        speaker_total[s.speaker_id or ""].append(caught[s.id])

    def read(loads: list[float]) -> float:
        return round(max(0.0, 1.0 - sum(loads) / len(loads)), 2)

    return ({side: read(v) for side, v in sorted(side_total.items())},
            {sp: read(v) for sp, v in sorted(speaker_total.items())})


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
