"""What the resolver decides of a statement's speaker (``ResolvedSpeaker``), speakers named
together ("Roe and Vell said" is two speakers, each named by their own conjunct) and bodies
named again ("the ministry" after "the Russian Foreign Ministry" is that body)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable, Optional, Protocol, TypeVar

from spacy.tokens import Token

from tealeaves.attribution.speaker import mention_tokens
from tealeaves.words import word_set

GENERIC_BODY_NOUNS = word_set("generic_body_nouns")


@dataclass(frozen=True)
class ResolvedSpeaker:
    """What the resolver decided for one draft: its speaker's actor id (None: nobody), and
    whether a pronoun named them (a pronoun's antecedent is less sure: confidence at most 0.8).
    Coordinated speakers ("Roe and Vell said") each say the words: ``mention`` is then the
    character range of this speaker's own conjunct, and ``others`` the rest of them."""

    actor_id: Optional[str] = None
    by_pronoun: bool = False
    mention: Optional[tuple[int, int]] = None
    others: tuple[ResolvedSpeaker, ...] = ()


class Named(Protocol):
    """What this module reads of an actor."""

    name: str
    kind: str
    side: Optional[str]
    role: Optional[str]


A = TypeVar("A", bound=Named)


def coordinated_speakers(subject: Token) -> list[Token]:
    """The heads of a coordinated speaker mention in text order ("Roe", "envoy" in "Roe and the
    envoy Vell said"; also after an apposition: "the minister, Ana Roe, and Vell"), when the
    mention is its clause's own subject or "by" agent; else none (not "a ceremony featuring
    Roe, Vell and Ode"). Each head is a noun or a name."""
    if not (subject.dep_ in ("nsubj", "nsubjpass") or subject.dep_ == "pobj" and subject.head.dep_ == "agent"):
        return []
    apposed = [c for c in subject.children if c.dep_ == "appos"]
    conjuncts, stack = [], [c for t in (subject, *apposed) for c in t.children if c.dep_ == "conj"]
    while stack:
        token = stack.pop()
        conjuncts.append(token)
        stack.extend(c for c in token.children if c.dep_ == "conj")
    heads = sorted((subject, *conjuncts), key=lambda t: t.i)
    return heads if conjuncts and all(t.pos_ in ("PROPN", "NOUN") for t in heads) else []


def conjunct_span(head: Token) -> tuple[int, int]:
    """Character range of one conjunct with its apposition ("the envoy Maria Duran"), without
    the other conjuncts."""
    doc = head.doc
    start, end = mention_tokens(head)
    after = min((c.i for c in head.children if c.dep_ == "conj"), default=len(doc))
    for child in head.children:  # not an apposition the parser hung past the next conjunct
        if child.dep_ == "appos" and end <= child.i < after:
            end = max(end, mention_tokens(child)[1])
    return doc[start].idx, doc[end - 1].idx + len(doc[end - 1])


def body_named_before(noun: str, mentioned: Iterable[A]) -> Optional[A]:
    """The last body or state (of ``mentioned``, in text order) with ``noun`` in a longer name
    or in the role a body is known by, for "the ministry" after "the Russian Foreign Ministry" or
    "Azerbaijan's Ministry of Defense", "the company" after a known gas company; None when there
    is none (a generic "the group" is ``movement_named_before``'s)."""
    for actor in reversed(list(mentioned)):
        words = actor.name.lower().split()
        if actor.kind != "person" and len(words) > 1 and noun in words or (
                actor.kind == "organization" and noun in (actor.role or "").lower().split()):  # no spokesman's role
            return actor
    return None


def movement_named_before(phrase: str, mentioned: Iterable[A], is_movement: Callable[[Optional[str]], bool]) -> Optional[A]:
    """The movement "the group" names again: the last body or state mentioned (of ``mentioned``,
    in text order), when its side is a movement's (``is_movement``); None for any other phrase,
    or when the last body mentioned is of no movement (an agency, a charity, a ministry)."""
    words = phrase.lower().split()
    if len(words) != 2 or words[0] != "the" or words[1] not in GENERIC_BODY_NOUNS:
        return None
    last = next((a for a in reversed(list(mentioned)) if a.kind not in ("person", "official", "analyst", "journalist")), None)
    return last if last is not None and is_movement(last.side) else None

