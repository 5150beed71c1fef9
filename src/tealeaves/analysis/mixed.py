"""Mixed messages within one side of one article: pairs of its statements whose codes oppose
(``opposes`` in ``data/codebook.yaml``) on the same matter, walk-backs, say–do gaps,
contradictory facts, and single statements mixed by themselves.

- A *pair* of one side whose codes oppose on the same matter is a mixed message: two officials
  (cross-speaker), one speaker at two times, or a statement and a reported deed (a say–do gap).
- A *walk-back* is a statement that corrects or clarifies another of its side ("sought to
  clarify", "misspoke", "our policy has not changed") or distances the side from another
  speaker's words ("said the envoy's remarks were his own"), paired with the statement it corrects;
  one that reports a reversal by itself ("seemed to backtrack") stands alone.
- *One statement* coded with two opposed codes and setting them against each other ("open, for
  now", "but") is a mixed message by itself; so is one whose words on the two sides of a contrast
  read as opposed codes, the coder reading one ("we reserve the right to respond, but have halted
  operations": ``halves``), and one that lifts every deadline yet asks for speed.
- An offer to work with a party stands with a refusal of its pressure ("ready to talk, but we will
  not bow to pressure"): no pair (``pressure_refusals``).
- *Facts*: one side giving two casualty counts that cannot both hold is a mixed message.
- *One breath*: two statements of one speaker in one sentence are one move unless a contrast or
  a word of two moments sets them apart (``one_breath``).

Pairs are scored and chosen as ``analysis.pairs`` says; those scoring at least
``MIN_PAIR_SCORE`` are kept, and each kept message's score is reported as its calibrated
confidence (``analysis.mixed_model``), which coherence reads as a probability.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Collection, Mapping, Optional, Sequence

from tealeaves.analysis.blocking import Block, fact_blocks, listed_pairs, opposing_blocks, reach, side_blocks
from tealeaves.analysis.mixed_model import mixed_model, weakest_rank
from tealeaves.analysis.pairs import (
    Candidate,
    Layout,
    Similarity,
    best_reading,
    closeness,
    explain,
    fact_conflict,
    one_reading,
    pick,
    reason_of,
    same_sentence,
    sides_of,
    sides_sure,
    topic_similarity,
)
from tealeaves.analysis.standoff_model import code_ranks
from tealeaves.analysis.wording import (
    as_sentence,
    brief,
    codes_of,
    corrects,
    cues,
    disowns,
    distances,
    is_phrase,
    names_actor,
    owns_words,
    party_statements,
    reread,
    said,
    side_of,
    speaker_of,
)
from tealeaves.codebook import Opposition, codebook
from tealeaves.models import Actor, MixedMessage, Statement

MIN_PAIR_SCORE = 0.5  # with pairs.SHARED_TOPIC_HALF_DISTANCE, chosen leave-one-article-out on crisis-dev
# What a pair of two barely listed codes keeps of its score (pairs.codes_sure); chosen
# leave-one-article-out (tools/pair_cv.py) on the round-four coder: 0.85 (five of ten folds
# and all articles); re-chosen when the coder is retrained.
EVIDENCE_FLOOR = 0.85
NAMED_SPEAKER_TOPIC = 0.8  # a walk-back that names the speaker it corrects ("Kerry's comment")
WALK_BACK_STRENGTH = 0.9
REVERSAL_SCORE = 0.8
ONE_STATEMENT_FACTOR = 0.85  # two opposed codes in one statement: a little less sure than two statements
MIN_ONE_STATEMENT_STRENGTH = 0.75
RETRACTING = ("concede",)  # a main code that softens: what a walk-back corrects is never one
MENTIONS = (None, "hedge")  # the codes of a phrase that only names a remark


def find_mixed_messages(
    statements: Sequence[Statement],
    actors: Mapping[str, Actor],
    similarity: Optional[Similarity] = None,
    id_prefix: str = "",
    text: Optional[str] = None,
) -> list[MixedMessage]:
    """Mixed messages, walk-backs, say–do gaps and contradictory facts within each side,
    strongest first, each scored by its calibrated confidence. ``text`` (the article the
    statements index) measures distance in paragraphs; without it, in statements."""
    model, ranks = mixed_model(), code_ranks(party_statements(statements, actors))
    calibrated = [MixedMessage(**{**m.__dict__, "score": round(model.confidence(
        m.score, weakest_rank(m.statement_ids, ranks)), 2)}) for m in raw_mixed_messages(statements, actors, similarity, text)]
    calibrated.sort(key=lambda m: (-m.score, m.statement_ids))
    return [MixedMessage(**{**m.__dict__, "id": f"{id_prefix}m{n:02d}"}) for n, m in enumerate(calibrated, start=1)]


def raw_mixed_messages(statements: Sequence[Statement], actors: Mapping[str, Actor],
                       similarity: Optional[Similarity] = None, text: Optional[str] = None) -> list[MixedMessage]:
    """The mixed messages before calibration, strongest first, with their raw scores and no ids
    (what ``tools/mixed_fit.py`` fits the calibration on)."""
    party = [reread(s, actors) for s in party_statements(statements, actors)]
    layout = Layout.of(statements, text)
    found = _one_statement_messages(party, actors)
    joined: dict[str, list[Candidate]] = defaultdict(list)
    singles = {m.statement_ids[0] for m in found}
    pairs = [c for a, b in _same_side_pairs(party, actors, layout)
             for c in [best_reading(a, b, _oppositions(a, b), similarity, layout, actors, EVIDENCE_FLOOR),
                       walk_back(a, b, similarity, layout, actors), fact_conflict(a, b, layout, actors)]
             if c is not None and c.score >= MIN_PAIR_SCORE]
    for candidate in pick(pairs, joined, layout, singles):
        found.append(_pair_message(candidate, actors))
    found.sort(key=lambda m: (-m.score, m.statement_ids))
    return found


def _oppositions(a: Statement, b: Statement) -> Sequence[Opposition]:
    """The codebook's oppositions the two may be read under: an offer to work with a party
    stands with a refusal of its pressure ("ready to talk, but we will not bow to pressure"),
    so a rejection that names pressure opposes no offer of ``pressure_refusals``."""
    oppositions = codebook().oppositions
    if not any(refuses_pressure(s) for s in (a, b)):
        return oppositions
    return [o for o in oppositions if not (o.hard == "reject" and o.soft in cues().pressure_offers)]


def refuses_pressure(statement: Statement) -> bool:
    """A rejection that names pressure ("will not bow to pressure", "their ultimatum is
    unacceptable")."""
    return "reject" in codes_of(statement) and cues().pressure.search(said(statement)) is not None


def _same_side_pairs(party: Sequence[Statement], actors: Mapping[str, Actor], layout: Layout):
    """Pairs of one side's statements that are two moves: not one move relayed, and neither a
    view the speaker holds of another party ("sees the envoy as ready to compromise" is no
    offer of the speaker's own). Only pairs some reading can score are listed (``blocking``):
    opposing codes, a correction and what it may correct, two counts of one fact."""
    moves = [s for s in party if s.cue_sense != "belief"]
    side = [side_of(s, actors) for s in moves]
    blocks = [*opposing_blocks(moves, codebook().oppositions, side, MIN_PAIR_SCORE, same_side=True),
              *_walk_back_blocks(moves, side, actors), *fact_blocks(moves, side, same_side=True)]
    for i, j in listed_pairs(blocks, layout, moves):
        if side[i] == side[j] and not one_reading(moves[i], moves[j]) and not one_breath(moves[i], moves[j]):
            yield moves[i], moves[j]


def one_breath(a: Statement, b: Statement) -> bool:
    """Two statements of one speaker in one sentence with no word setting them against each
    other (``contrasts``: "but", "while") or, outside what the two say, at two moments
    (``sequences``: "after declaring the talks deep, he warned"): one move said two ways ("a No
    vote is a step towards a better deal, he said, rejecting the partners' warnings"), as a
    statement carrying two codes is a mixed message by itself only with a contrast."""
    if a.speaker_id != b.speaker_id or not same_sentence(a, b):
        return False
    sentence = a if len(a.text) >= len(b.text) else b
    return not (cues().contrasts.search(sentence.text) or cues().sequences.search(_framing(sentence, (a, b))))


def _framing(sentence: Statement, statements: Sequence[Statement]) -> str:
    """The sentence's words outside what the statements say; of two nested contents ("might
    block it after he said he was fine with it") only the inner one is cut out."""
    spans = [c for s in statements for c in s.content]
    innermost = [c for c in spans if not any(o.start >= c.start and o.end <= c.end and (o.start, o.end) != (c.start, c.end)
                                              for o in spans)]
    kept, at = [], sentence.start
    for span in sorted(innermost, key=lambda c: c.start):
        kept.append(sentence.text[max(0, at - sentence.start):max(0, span.start - sentence.start)])
        at = max(at, span.end)
    kept.append(sentence.text[max(0, at - sentence.start):])
    return " ".join(kept)


def _walk_back_blocks(moves: Sequence[Statement], side: Sequence[str], actors: Mapping[str, Actor]) -> list[Block]:
    """Each correction (``corrects``) against the statements of its side it may correct: those
    near it (a walk-back fades with distance) and those of a speaker it names (at any distance)."""
    corrections = [i for i, s in enumerate(moves) if s.kind != "action" and (corrects(s.text) or distances(s))]
    if not corrections:
        return []
    correcting = set(corrections)
    corrected = [i for i, s in enumerate(moves) if s.kind != "action" and i not in correcting]
    blocks = side_blocks(corrections, corrected, side, True, reach(WALK_BACK_STRENGTH, MIN_PAIR_SCORE))
    by_speaker: dict[str, list[int]] = defaultdict(list)
    for i in corrected:
        by_speaker[moves[i].speaker_id or ""].append(i)
    for i in corrections:
        for speaker, theirs in by_speaker.items():
            if speaker != moves[i].speaker_id and _names(moves[i], actors[speaker]):
                blocks.extend(side_blocks([i], theirs, side, True))
    return blocks


def _one_statement_messages(party: Sequence[Statement], actors: Mapping[str, Actor]) -> list[MixedMessage]:
    """Statements mixed by themselves: one that reports its speaker's reversal ("seemed to
    backtrack"); one coded with two opposed codes set against each other ("open, for now",
    "but"), or whose two halves read so (``opposed_halves``); one that lifts every deadline and
    asks for speed in the same breath."""
    found = []
    reversed_at: set[int] = set()  # where a reversal cue was read: one message per cue
    for s in party:
        name, side = speaker_of(s, actors).name, side_of(s, actors)
        reversal = _reversal_cue(s, party) if s.kind != "action" else None
        if reversal is not None and reversal not in reversed_at:
            reversed_at.add(reversal)
            found.append(MixedMessage(
                id="", side=side, statement_ids=(s.id,), kind="walk_back", score=REVERSAL_SCORE,
                explanation=as_sentence(f"{name} is reported to reverse an earlier position: {brief(s)}")))
            continue
        both = (_opposed_within(s) if cues().contrasts.search(said(s)) else None) or opposed_halves(
            _content(s), codes_of(s))
        if "reassure" in codes_of(s) and _lifts_deadline(s) and _urgent(s):
            found.append(MixedMessage(
                id="", side=side, statement_ids=(s.id,), kind="timetable_vs_urgency", score=0.8,
                explanation=as_sentence(f"{name} sets no deadline yet asks for speed in the same breath ({brief(s)})")))
        elif both is not None:
            book = codebook()
            found.append(MixedMessage(
                id="", side=side, statement_ids=(s.id,), kind=both.kind,
                score=round(both.strength * ONE_STATEMENT_FACTOR, 2),
                explanation=as_sentence(f"In one statement {name} {book.says(both.soft)} and {book.says(both.hard)}: "
                                      f"{brief(s)}")))
    return found


def opposed_halves(text: str, codes: Collection[str]) -> Optional[Opposition]:
    """The strongest opposition the two sides of a contrast in the text read as (``halves``:
    "we reserve the right to respond, but have halted operations"), one of its codes among
    ``codes`` (the statement's own: the coder reads one half), carried by one statement alone."""
    halves = cues().halves
    found = []
    for contrast in cues().contrasts.finditer(text):
        before, after = text[: contrast.start()], text[contrast.end():]
        if not before.strip(" “\"") and "," in after:  # "although we hold our fire, any raid …"
            before, after = after.split(",", 1)
        for o in codebook().oppositions:
            if (o.alone and o.strength >= MIN_ONE_STATEMENT_STRENGTH and {o.soft, o.hard} & set(codes)
                    and o.soft in halves and o.hard in halves
                    and any(halves[x].search(before) and halves[y].search(after)
                            for x, y in ((o.soft, o.hard), (o.hard, o.soft)))):
                found.append(o)
    return max(found, key=lambda o: o.strength, default=None)


def _content(statement: Statement) -> str:
    """What the statement says, each span once (``said`` adds the quotes inside it again)."""
    return " ".join(c.text for c in statement.content or statement.quotes)


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
    """The strongest opposition between two codes of one statement, if strong enough and one
    that a single statement can carry as a mixed message (``alone`` in the codebook)."""
    codes = codes_of(statement)
    pairs = [o for o in codebook().oppositions if o.soft in codes and o.hard in codes
             and o.strength >= MIN_ONE_STATEMENT_STRENGTH and o.alone]
    return max(pairs, key=lambda o: o.strength, default=None)


def walk_back(a: Statement, b: Statement, similarity: Optional[Similarity], layout: Layout,
               actors: Mapping[str, Actor]) -> Optional[Candidate]:
    """A statement that corrects or clarifies the other (``first`` is the correction). What is
    corrected says something: a clause, or a phrase whose cue makes a move ("seemed to endorse
    a similar course"); a phrase under a neutral cue ("made the remark in London") only names it.
    A correction, or a statement whose main code retracts (``RETRACTING``: "I regret the
    confusion"), is the other half of a retraction, never what it corrects."""
    for correction, corrected in ((a, b), (b, a)):
        if (correction.kind == "action" or corrected.kind == "action" or same_sentence(a, b)
                or (is_phrase(corrected) and corrected.signal in MENTIONS)
                or not _corrects(correction, corrected) or corrects(corrected.text) or disowns(corrected.text)
                or corrected.signal in RETRACTING):
            continue
        topic = topic_similarity(correction, corrected, similarity, layout.weights)
        named = corrected.speaker_id != correction.speaker_id and _names(correction, speaker_of(corrected, actors))
        if named:
            topic = max(topic, NAMED_SPEAKER_TOPIC)
        apart = layout.paragraphs_apart(a, b)
        score = WALK_BACK_STRENGTH * topic * closeness(apart, topic, not named) * sides_sure(correction, corrected, actors)
        return Candidate(score, "walk_back", correction, corrected, sides_of(correction, corrected, actors), apart,
                         ("corrects", "said"), reason_of(correction, corrected, layout, actors))
    return None


def _names(correction: Statement, speaker: Actor) -> bool:
    """The correction names the speaker it corrects, or that speaker's words by a role
    ("the president's comments")."""
    return names_actor(correction.text, speaker) or owns_words(correction.text, speaker)


def _corrects(correction: Statement, corrected: Statement) -> bool:
    """The one corrects the other: a correction phrase, a distancing from another speaker's
    named words ("said the envoy's remarks do not speak for the cabinet": ``distances``), or a
    cue that disowns words or a speaker, the speaker's own earlier words too ("these comments
    do not represent my position": ``disowns``)."""
    return corrects(correction.text) or disowns(correction.text) or (
        correction.speaker_id != corrected.speaker_id and distances(correction))


def _pair_message(candidate: Candidate, actors: Mapping[str, Actor]) -> MixedMessage:
    """The mixed message of a kept pair, quoting both and saying why they conflict."""
    return MixedMessage(id="", side=candidate.sides[0], statement_ids=(candidate.first.id, candidate.second.id),
                        kind=candidate.kind, explanation=explain(candidate, actors), score=round(candidate.score, 2))


def _urgent(statement: Statement) -> bool:
    return any(w in said(statement) for w in ("fast", "quick", "immediate", "urgent", "soon", "swift", "without delay"))


def _lifts_deadline(statement: Statement) -> bool:
    return any(w in said(statement) for w in ("timetable", "deadline", "ultimatum", "time limit", "rush"))
