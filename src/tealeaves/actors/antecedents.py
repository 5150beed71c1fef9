"""Which earlier mention a pronoun speaker stands for.

An antecedent must be able to speak and agree with the pronoun: a person for "he" or "she"
(never a message such as "the RCMP statement"), a body, state or group for "they" or "it";
of the pronoun's gender, read from the name, the role, or the pronouns the document already
used for that person. Names inside quotation marks (a vocative, an editor's "[Jan Roe]",
anyone the quoted speaker talks about) are the speaker's words, not the narrator's: the
resolver never offers them as antecedents. The nearest sentence with a fitting mention wins;
quoted words in between do not count as distance.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from typing import Callable, Iterable, Optional, Protocol, Sequence, TypeVar

from spacy.tokens import Token

PERSON_PRONOUNS = {"he", "she", "him", "her"}
PRONOUN_GENDERS = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f", "hers": "f"}
PLURAL_PRONOUNS = {"they", "them"}
FIRST_PERSON = {"i", "we", "me", "us"}
PERSON_KINDS = ("official", "analyst", "journalist", "person")

# Nouns for a message or a document: its owner speaks through it ("the American offer proposing …").
MESSAGE_NOUNS = {"offer", "proposal", "counterproposal", "plan", "draft", "statement", "letter", "note", "message",
                 "memo", "declaration", "communique", "communiqué", "ultimatum", "reply", "response", "request",
                 "initiative", "remark", "comment", "tweet", "speech"}

# A person described by age alone stands for a named person, as "he" or "she" would: "The
# 71-year-old said …" (with a noun after it, "the 71-year-old minister", it is a role mention).
AGE_DESCRIPTION = re.compile(r"(?:the|a) \d{1,3}-year-old", re.IGNORECASE)

# How many tokens of narration (quoted words not counted) may lie between the sentence of an
# antecedent and the pronoun's: farther away, an antecedent is a guess.
MAX_NARRATION_GAP = 80


class Mentioned(Protocol):
    """What this module reads of an actor."""

    name: str
    role: Optional[str]
    kind: str
    surname: Optional[str]
    gender: Optional[str]  # as the document's pronouns have shown it


M = TypeVar("M", bound=Mentioned)


def is_message(actor: Mentioned) -> bool:
    """An actor named by a message or document ("The RCMP statement"), which no pronoun stands for."""
    words = actor.name.lower().split()
    return bool(words) and words[-1].rstrip("s") in MESSAGE_NOUNS | {w.rstrip("s") for w in MESSAGE_NOUNS}


def resolve_pronoun(token: Token, seen: Sequence[tuple[int, int, M]],
                    gender_of: Callable[[str, Optional[str]], Optional[str]], narration_before: Sequence[int],
                    named_person: bool = False) -> Optional[M]:
    """The actor a pronoun speaker stands for among the narration's mentions (``seen``); a
    gendered pronoun tells its antecedent's gender to later pronouns ("Jo Roe … she said").
    ``named_person``: the mention stands for a person with a name ("the 71-year-old")."""
    if named_person:
        seen = [m for m in seen if m[2].surname is not None]
    actor = pronoun_antecedent(token, seen, lambda a: gender_of(a.name, a.role) or a.gender, narration_before,
                               people=named_person or None)
    gender = PRONOUN_GENDERS.get(token.lower_)
    if actor is not None and gender and actor.gender is None:
        actor.gender = gender
    return actor


def continued_speaker(source: Optional[str], since: int, index: int,
                      seen: Sequence[tuple[int, int, Mentioned]]) -> Optional[str]:
    """The speaker id a cue-less quote at token ``index`` continues: ``source``, that of the
    statement it inherits from (ending at token ``since``), unless the narration between names
    someone else. ``seen`` is in text order."""
    if source is None:
        return None
    between = seen[bisect_left(seen, since, key=lambda m: m[0]) : bisect_left(seen, index, key=lambda m: m[0])]
    names_another = any(getattr(actor, "id", None) != source for _, _, actor in between)
    return None if names_another else source


def pronoun_antecedent(
    token: Token,
    seen: Sequence[tuple[int, int, M]],
    gender_of: Callable[[M], Optional[str]],
    narration_before: Sequence[int],
    people: Optional[bool] = None,
) -> Optional[M]:
    """The actor a pronoun speaker stands for, or None when no mention fits.

    ``seen``: (token index, clause depth, actor) of the narration's mentions in text order;
    ``gender_of``: an actor's gender ("f", "m" or None); ``narration_before[i]``: how many
    tokens outside quotation marks come before token ``i``; ``people``: whether the mention
    stands for a person, when its word does not tell (not a pronoun)."""
    lowered = token.lower_
    wanted_people = lowered in PERSON_PRONOUNS or lowered in FIRST_PERSON if people is None else people
    candidates = [(index, depth, actor) for index, depth, actor in seen
                  if index < token.i and _is_person(actor) == wanted_people and not is_message(actor)]
    gender = PRONOUN_GENDERS.get(lowered)
    if gender:  # "she" skips a man, "he" a woman; a person of unknown gender agrees with both
        candidates = [c for c in candidates if gender_of(c[2]) in (None, gender)]
    if not candidates:
        return None
    doc = token.doc
    sentence_of = {index: doc[index].sent.start for index, _, _ in candidates}
    latest_sentence = max(sentence_of.values())
    if narration_before[token.sent.start] - narration_before[latest_sentence] > MAX_NARRATION_GAP:
        return None
    in_latest = sorted((c for c in candidates if sentence_of[c[0]] == latest_sentence), key=lambda c: (c[1], c[0]))
    return in_latest[0][2]


def _is_person(actor: Mentioned) -> bool:
    return actor.surname is not None or actor.kind in PERSON_KINDS


def narration_counts(tokens: Iterable[Token], quoted: Sequence[tuple[int, int]]) -> list[int]:
    """For each token index (and one past the end), how many tokens before it lie outside
    the quoted character spans (token i is quoted when counts[i + 1] == counts[i])."""
    spans, j, counts = sorted(quoted), 0, [0]
    for token in tokens:
        while j < len(spans) and spans[j][1] <= token.idx:
            j += 1
        within = j < len(spans) and spans[j][0] <= token.idx
        counts.append(counts[-1] + (not within))
    return counts


