"""Scoring and choosing pairs of statements that pull apart, shared by mixed messages (one
side) and standoffs (two sides). A candidate pair of opposed codes scores
``strength × topic × closeness × evidence``, its confidence (``score``):

- *strength*: how squarely the two codes oppose (the codebook's number). A statement whose main
  signal pulls the other way never serves as a half (a threat with a secondary "engage" is no offer),
  and one of the two codes must be its statement's main one.
- *topic*: the same topic label; the same target; the words the two share, weighted by how rare
  each is in the article (IDF); embedding similarity; two statements in one sentence; across
  sides, one addressed to the other's speaker (a refusal aimed at the leader who made the offer
  answers it); a word the two share and no other statement of the article uses (what both are
  about: "bailout", "strait"). A reassurance that disclaims hostility ("nobody wants war") is
  about the whole dispute.
- *evidence*: how sure the reading is. The signal coder's confidence in each half's code
  (``codes_sure``: a pair of two doubtful codes is weak evidence, down to a floor each caller
  sets; a code given by hand, confidence 1, is sure) and, when two speakers are paired, how
  surely each speaks for its side (a person without an office, whose side is read from a word
  of the mention — "a Democratic source", "a Post poll", "Ivana Trump's brief" — less surely
  than an official, a state, a body or a group).
- *closeness*: pairs that fade lose half their weight ``SHARED_TOPIC_HALF_DISTANCE`` paragraphs
  apart when the two share a topic and ``OTHER_HALF_DISTANCE`` paragraphs apart otherwise.

Candidates are kept greedily (``pick``), strongest (then nearest) first: a statement joins one
pair, and more (up to ``MAX_PAIRS_PER_STATEMENT``) when they oppose it squarely (strength ×
topic × closeness × side certainty at least ``SECOND_PAIR_SCORE``, the coder's doubt aside: the
doubt already weighs on the score) and each partner is another speaker (two officials each
contradicting the president are two mixed messages); a statement is corrected by one walk-back
at most.

Whether two sides' moves are aimed at each other (``aimed_sides``) is evidence of a standoff;
a demand and a threat of two sides that both press a third party agree.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Callable, Iterable, Iterator, Mapping, Optional, Sequence

from tealeaves.analysis.wording import (
    as_sentence,
    brief,
    broad_topics,
    codes_of,
    counted,
    disclaims_hostility,
    keywords,
    names_actor,
    names_move,
    side_of,
    side_words,
    speaker_of,
    without_forums,
    words_by_stem,
)
from tealeaves.codebook import Opposition, codebook
from tealeaves.models import Actor, Statement, is_observer
from tealeaves.nlp.text import paragraph_of, paragraph_starts
from tealeaves.signals.coding import SECONDARY

PULLS_UP = codebook().pulling("up", ("statement",))
PULLS_DOWN = codebook().pulling("down", ("statement",))
MAX_PAIRS_PER_STATEMENT = 3
SECOND_PAIR_SCORE = 0.7
SAME_SENTENCE_TOPIC = 0.9
DISCLAIMER_TOPIC = 0.8
BROAD_LABEL_TOPIC = 0.85  # a shared label of data/topics.yaml ("talks", "military escalation")
SAME_TARGET_TOPIC = 0.7
ADDRESSED_TOPIC = 0.8
ONLY_THEIRS_TOPIC = 0.7  # the two share a word no other statement of the article uses
CLAUSE_BREAK = re.compile(r"\s[—–]\s|\s--\s|;")
REPLY_TOPIC = 0.8  # a reply that names the other side's move by its noun ("rejected the call")
SHARED_TOPIC = 0.6
SHARED_TOPIC_HALF_DISTANCE = 12.0
OTHER_HALF_DISTANCE = 2.0
SECONDARY_CERTAINTY = SECONDARY  # a code listed after the main one is at least this likely
HAND_CODED = 1.0  # the confidence of codes given by hand (the gold): every code listed is sure
LOOSE_SIDE = 0.8  # a person without an office, whose side is read from a word of the mention
FACT_STRENGTH = 0.9
FACT_RATIO = 1.5  # two counts of one fact this far apart cannot both hold
COUNTS = ("counts", "counts")  # what each half of a pair of casualty counts does
Similarity = Callable[[Statement, Statement], float]


@dataclass(frozen=True)
class Layout:
    """Where an article's statements sit (paragraph, reading order), how rare each of their
    content words is there (IDF weights), and the words only two statements use."""

    paragraph: Mapping[str, int]
    order: Mapping[str, int]
    weights: Mapping[str, float]
    used_twice: frozenset = frozenset()

    @classmethod
    def of(cls, statements: Sequence[Statement], text: Optional[str] = None) -> "Layout":
        """Paragraphs as attribution reads them (blank lines). Without the text, or in a text
        with no blank line (which says nothing of its paragraphs), each statement counts as one."""
        order = {s.id: i for i, s in enumerate(statements)}
        starts = paragraph_starts(text) if text else [0]
        paragraph = {s.id: paragraph_of(s.start, starts) for s in statements} if len(starts) > 1 else order
        used = Counter(word for s in statements for word in keywords(s))
        return cls(paragraph, order, idf_weights(statements), frozenset(w for w, n in used.items() if n == 2))

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
    codes_sure: float = 1.0  # the part of ``score`` that weighs the coder's doubt (``codes_sure``)

    @property
    def squareness(self) -> float:
        """How squarely the two oppose on one matter, the coder's doubt aside: a statement's
        second pair must be this strong (``SECOND_PAIR_SCORE``)."""
        return self.score / self.codes_sure if self.codes_sure else 0.0


def idf_weights(statements: Sequence[Statement]) -> dict[str, float]:
    """Inverse document frequency of each content word over the statements: log(1 + n / df)."""
    frequency: dict[str, int] = defaultdict(int)
    for statement in statements:
        for word in keywords(statement):
            frequency[word] += 1
    return {word: math.log(1 + len(statements) / count) for word, count in frequency.items()}


def topic_similarity(a: Statement, b: Statement, similarity: Optional[Similarity],
                     weights: Optional[Mapping[str, float]] = None) -> float:
    """1 for the same topic named by a head noun ("patrol"), ``BROAD_LABEL_TOPIC`` for the
    same broad label ("talks", which covers much of a crisis); otherwise the best of the same
    target, the words the two share (weighted by ``weights``, e.g. IDF, when given) and their
    embedding similarity."""
    if a.topic and a.topic == b.topic and a.topic not in broad_topics():
        return 1.0
    topic = _word_overlap(a, b, weights)
    if a.topic and a.topic == b.topic:
        topic = max(topic, BROAD_LABEL_TOPIC)
    if a.target and a.target == b.target:
        topic = max(topic, SAME_TARGET_TOPIC)
    if similarity is None:
        return topic
    return max(topic, max(0.0, min(1.0, similarity(a, b))))


def _word_overlap(a: Statement, b: Statement, weights: Optional[Mapping[str, float]] = None) -> float:
    """Weight of the shared words over the lighter statement's weight (every word weighs 1
    without ``weights``)."""
    ka, kb = keywords(a), keywords(b)
    if not ka or not kb:
        return 0.0
    weight = (lambda words: sum(weights.get(w, 1.0) for w in words)) if weights else len
    return weight(ka & kb) / min(weight(ka), weight(kb))


def same_sentence(a: Statement, b: Statement) -> bool:
    return a.start < b.end and b.start < a.end


def one_reading(a: Statement, b: Statement) -> bool:
    """Two speakers' statements that report the same words (their content spans overlap): one
    move relayed ("officials said Lavrov discussed the truce" holds Lavrov's own statement),
    never two moves that could conflict. One speaker's may overlap: attribution can run a
    clause into the next ("still the leader, although he said he has no future"); so can one
    speaker's content run on past a dash into another's move (``runs_into``): two moves."""
    return (a.speaker_id != b.speaker_id
            and any(x.start < y.end and y.start < x.end for x in a.content for y in b.content)
            and not (runs_into(a, b) or runs_into(b, a)))


def runs_into(outer: Statement, inner: Statement) -> bool:
    """The inner statement's cue sits in the outer's content after a break that ends the
    outer's clause (a dash or a semicolon): attribution ran the outer's content on into the
    next clause ("demanded that Norway leave — something Berg refused to do"). A relayed move
    follows no such break ("said Lavrov discussed the truce")."""
    if inner.cue is None:
        return False
    return any(span.start <= inner.cue.start < span.end
               and CLAUSE_BREAK.search(span.text[: inner.cue.start - span.start]) for span in outer.content)


def pair_topic(first: Statement, second: Statement, soft_code: str, similarity: Optional[Similarity],
               layout: Layout, actors: Mapping[str, Actor]) -> float:
    """How surely the two speak to the same matter (0–1), ``first`` being the softer half,
    read as ``soft_code``."""
    topic = topic_similarity(first, second, similarity, layout.weights)
    if keywords(first) & keywords(second) & layout.used_twice:
        topic = max(topic, ONLY_THEIRS_TOPIC)
    if same_sentence(first, second):
        topic = max(topic, SAME_SENTENCE_TOPIC)
    if addressed(first, second, actors) or addressed(second, first, actors):
        topic = max(topic, ADDRESSED_TOPIC)
    if side_of(first, actors) != side_of(second, actors) and (names_move(first, second) or names_move(second, first)):
        topic = max(topic, REPLY_TOPIC)
    if soft_code == "reassure" and disclaims_hostility(first):
        topic = max(topic, DISCLAIMER_TOPIC)
    return topic


def addressed(statement: Statement, other: Statement, actors: Mapping[str, Actor]) -> bool:
    """The statement is aimed at the other's speaker (its target is that actor, by id or name)
    and names it, of another side: one side answering the other. A statement aimed at an
    official of its own side mostly relays what that official did ("the ministry said Lavrov
    discussed it"); one that names only the speaker's country ("calls with Azerbaijan") is
    aimed at the side (``aimed_sides``), not at what that speaker said."""
    target, speaker = actors.get(statement.target or ""), actors.get(other.speaker_id or "")
    if target is None or speaker is None or side_of(statement, actors) == side_of(other, actors):
        return False
    return (target.id == speaker.id or target.name == speaker.name) and names_actor(statement.text, speaker)


def aimed_sides(statement: Statement, actors: Mapping[str, Actor]) -> frozenset[str]:
    """The sides the statement is aimed at: its target's, and each side whose name, adjective,
    seat or institution (``data/sides.yaml``: "Norwegian frigates") or whose actor it names.
    Two sides aimed at each other answer each other; two sides pressing a third party
    ("Pyongyang must stop" beside "sanctions on North Korea") agree. A body of states
    named as the forum of a move ("at the U.N.") is not aimed at (``without_forums``)."""
    content = without_forums(" ".join(c.text for c in statement.content))
    pattern, side_of_word = side_words()
    sides = {side_of_word[m.group(0)] for m in pattern.finditer(content)}
    target = actors.get(statement.target or "")
    if target is not None and target.side:
        sides.add(target.side)
    for actor in actors.values():
        if actor.side and actor.side not in sides and not is_observer(actor) and any(
                _names(content, name) for name in (actor.name, *actor.aliases, actor.side)
                if len(name) > 2 and name[0].isupper()):
            sides.add(actor.side)
    return frozenset(sides)


def _names(text: str, name: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text) is not None


def reason_of(first: Statement, second: Statement, layout: Layout, actors: Mapping[str, Actor]) -> str:
    """Why the two are about one matter, for the explanation: the rarest words they share, the
    target they share, or the sentence they share."""
    if first.topic and first.topic == second.topic:
        return f"both on {first.topic}"
    if same_sentence(first, second):
        return "in one sentence"
    a, b = words_by_stem(first), words_by_stem(second)
    shared = sorted(set(a) & set(b), key=lambda w: (-layout.weights.get(w, 1.0), w))[:3]
    if shared:
        return "both on " + ", ".join(f"“{a[w]}”" for w in shared)
    if first.target and first.target == second.target:
        return f"both about {actors[first.target].name if first.target in actors else first.target}"
    for statement, other in ((first, second), (second, first)):
        if addressed(statement, other, actors):
            return f"{speaker_of(statement, actors).name} answers {speaker_of(other, actors).name}"
    return ""


def closeness(paragraphs_apart: int, topic: float, decays: bool) -> float:
    """1 side by side; half at the half distance, which is longer when the topic is shared."""
    if not decays:
        return 1.0
    half = SHARED_TOPIC_HALF_DISTANCE if topic >= SHARED_TOPIC else OTHER_HALF_DISTANCE
    return 1.0 / (1.0 + paragraphs_apart / half)


def best_reading(a: Statement, b: Statement, relations: Sequence[Opposition], similarity: Optional[Similarity],
                 layout: Layout, actors: Mapping[str, Actor], floor: float = 1.0) -> Optional[Candidate]:
    """The best-scoring reading of the two under ``relations`` (either may be the softer);
    ``floor`` is what a pair of the least sure codes keeps of its score (see ``codes_sure``)."""
    best = None
    book = codebook()
    for relation, first, second, _, _ in readings(a, b, relations):
        topic = pair_topic(first, second, relation.soft, similarity, layout, actors)
        apart = layout.paragraphs_apart(first, second)
        sure = codes_sure(first, relation.soft, second, relation.hard, floor)
        score = (relation.strength * topic * closeness(apart, topic, relation.fades)
                 * sure * sides_sure(first, second, actors))
        if best is None or score > best.score:
            best = Candidate(score, relation.kind, first, second, sides_of(first, second, actors), apart,
                             (book.says(relation.soft), book.says(relation.hard)),
                             reason_of(first, second, layout, actors), sure)
    return best


def readings(a: Statement, b: Statement, relations: Sequence[Opposition]
             ) -> Iterator[tuple[Opposition, Statement, Statement, bool, bool]]:
    """Each way the two can be read under ``relations`` (either may be the softer half):
    (relation, softer, harder, whether the softer's code is its main one, whether the harder's
    is). Two codes the coder only listed after others are no reading of either."""
    codes = {id(a): codes_of(a), id(b): codes_of(b)}  # read once: a long document has many pairs
    for relation in relations:
        for first, second in ((a, b), (b, a)):
            if not (can_be(first, codes[id(first)], relation.soft, soft=True)
                    and can_be(second, codes[id(second)], relation.hard, soft=False)):
                continue
            main_first, main_second = _is_main(first, relation.soft), _is_main(second, relation.hard)
            if main_first or main_second:
                yield relation, first, second, main_first, main_second


def codes_sure(first: Statement, soft: str, second: Statement, hard: str, floor: float = 1.0) -> float:
    """How sure the reading of the two as ``soft`` against ``hard`` is (0–1): from ``floor``
    for two codes the coder barely listed to 1 for two sure ones (the geometric mean of their
    certainties)."""
    sure = math.sqrt(certainty(first, soft) * certainty(second, hard))
    return floor + (1 - floor) * sure


def sides_sure(a: Statement, b: Statement, actors: Mapping[str, Actor]) -> float:
    """How surely two statements' speakers speak for the sides they are given: 1 for one
    speaker (a speaker at odds with itself is so whatever its side), else the product of each
    speaker's ``side_certainty``."""
    return 1.0 if a.speaker_id == b.speaker_id else side_certainty(a, actors) * side_certainty(b, actors)


def certainty(statement: Statement, code: str) -> float:
    """How likely the statement carries the code: the coder's confidence for its main code,
    ``SECONDARY_CERTAINTY`` for another code it lists; sure for codes given by hand and for a
    reading the rules make ("did not deny")."""
    if statement.confidence >= HAND_CODED or code not in codebook():
        return 1.0
    return statement.confidence if code == statement.signal else SECONDARY_CERTAINTY


def side_certainty(statement: Statement, actors: Mapping[str, Actor]) -> float:
    """``LOOSE_SIDE`` for a person without an office ("a Democratic source", "a Post poll"),
    whose side is read from a word of the mention; 1 for any other speaker."""
    speaker = actors.get(statement.speaker_id or "")
    return LOOSE_SIDE if speaker is None or (speaker.kind == "person" and not speaker.role) else 1.0


def sides_of(a: Statement, b: Statement, actors: Mapping[str, Actor]) -> tuple[str, str]:
    return side_of(a, actors), side_of(b, actors)


def _is_main(statement: Statement, code: str) -> bool:
    """The code is the statement's main one, or every code of it is sure (given by hand, or a
    reading the rules make): a pair read on two codes each listed after another is no pair."""
    return code == statement.signal or statement.confidence >= HAND_CODED or code not in codebook()


def can_be(statement: Statement, codes: set[str], code: str, soft: bool) -> bool:
    """The statement carries the code (``codes`` are its ``codes_of``) and its main signal
    does not pull against it."""
    if code not in codes:
        return False
    direction = codebook()[code].direction if code in codebook() else None
    contrary = {"up": PULLS_DOWN, "down": PULLS_UP}.get(direction or "", PULLS_UP if soft else PULLS_DOWN)
    return statement.signal not in contrary


def _facts_conflict(a: Statement, b: Statement) -> Optional[str]:
    """The fact two statements count in ways that cannot both hold (none against some, or
    numbers ``FACT_RATIO`` apart), if any."""
    ca, cb = counted(a), counted(b)
    for fact in ca.keys() & cb.keys():
        x, y = ca[fact], cb[fact]
        if (x == 0) != (y == 0) or (x and y and max(x, y) >= FACT_RATIO * min(x, y)):
            return fact
    return None


def fact_conflict(a: Statement, b: Statement, layout: Layout, actors: Mapping[str, Actor],
                   kind: str = "factual_contradiction") -> Optional[Candidate]:
    fact = None if a.kind == "action" or b.kind == "action" else _facts_conflict(a, b)
    if fact is None:
        return None
    return Candidate(FACT_STRENGTH, kind, a, b, sides_of(a, b, actors), layout.paragraphs_apart(a, b),
                     COUNTS, f"counts of the {fact} that cannot both hold")


def pick(candidates: Sequence[Candidate], joined: dict[str, list[Candidate]], layout: Layout,
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
    return (len(kept) < MAX_PAIRS_PER_STATEMENT and candidate.squareness >= SECOND_PAIR_SCORE
            and partner_of(partner) not in partners)


def explain(candidate: Candidate, actors: Mapping[str, Actor], with_sides: bool = False) -> str:
    first, second = candidate.first, candidate.second
    a_name, b_name = speaker_of(first, actors).name, speaker_of(second, actors).name
    if with_sides:
        a_name, b_name = f"{a_name} ({candidate.sides[0]})", f"{b_name} ({candidate.sides[1]})"
    elif a_name == b_name:
        b_name = "the same speaker"
    reason = f" — {candidate.reason}" if candidate.reason else ""
    if candidate.kind == "walk_back":
        text = f"{a_name} corrects or recasts what {b_name} said ({brief(second)}): {brief(first)}{reason}"
    elif candidate.says == COUNTS:
        text = f"{a_name} and {b_name} give {candidate.reason}: {brief(first)} against {brief(second)}"
    else:
        deed = second.kind == "action"
        text = (f"{a_name} {candidate.says[0]} ({brief(first)}) while {b_name} "
                f"{'is reported doing otherwise' if deed else candidate.says[1]} ({brief(second)}){reason}")
    return as_sentence(text)
