"""Whether a verb of the action table is a deed where it stands, and which kind of exercise.

Why (codebook, action codes: "code what the actor did"): a deed needs a doer that can act and
a verb used in its sense of doing. The action table names verbs; the words around them say
whether they do anything:
- a state of affairs or a happening is no doer ("the conflict has killed thousands", "the
  storm destroyed the bridge"): no party did it, so there is no deed to give a side;
- some deed verbs take no object in their deed sense, and with one they mean something else
  ("protesters demonstrated outside the palace" against "the country demonstrated readiness";
  "the envoys met in Lorn" against "the drills met their goals");
- military exercises and war games are a show of force by one side (mobilize) unless they are
  held jointly with another party (cooperate: "joint exercises", "exercises with the navy of
  X", "X and Y held drills"); a meeting held is engagement only with another party or among
  several ("held a meeting with the envoy"), not a party's own ("held a cabinet meeting").
``rules.action_code`` asks these questions of every verb it codes, so reported deeds
(``attribution.actions``), deeds announced for the future and PLOVER records read alike.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping, Optional

from spacy.tokens import Token

from tealeaves.signals.agency import subject_of

PARTY_ENTITIES = frozenset({"GPE", "NORP", "ORG", "PERSON"})
JOINT_WORDS = frozenset({"joint", "combined", "bilateral", "trilateral", "multilateral", "multinational"})


@dataclass(frozen=True)
class DeedSenses:
    """Word lists of ``data/signals.yaml`` (``deed_senses``) that tell a deed from its look-alikes."""

    not_doers: frozenset[str]  # "the conflict killed": a happening, no party
    objectless: frozenset[str]  # deed verbs with no object in their deed sense: "demonstrate"
    other_sense_objects: Mapping[str, frozenset[str]]  # verb -> objects of another sense: meet -> goal
    exercises: frozenset[str]  # a show of force, or joint action when held with another party
    gatherings: frozenset[str]  # engagement only when held with another party: "meeting"

    @classmethod
    def of(cls, data: Mapping) -> "DeedSenses":
        return cls(not_doers=frozenset(data["not_doers"]), objectless=frozenset(data["objectless"]),
                   other_sense_objects={verb: frozenset(nouns) for verb, nouns in data["other_sense_objects"].items()},
                   exercises=frozenset(data["exercises"]), gatherings=frozenset(data["gatherings"]))


def in_deed_sense(verb: Token, lemma: str, senses: DeedSenses) -> bool:
    """The verb (read as ``lemma``) is used as a deed: a doer that can act, and no object that
    gives the verb another sense."""
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    if objects and lemma in senses.objectless:
        return False
    if any(o.lemma_.lower() in senses.other_sense_objects.get(lemma, ()) for o in objects):
        return False
    subject = subject_of(verb)
    return not (subject is not None and subject.dep_ == "nsubj" and subject.lemma_.lower() in senses.not_doers)


def held_code(code: str, phrase: str, noun: Token, verb: Token, senses: DeedSenses) -> Optional[str]:
    """The code of an event a light verb holds ("held drills", "held a meeting"), the table's
    ``code`` unless: exercises held jointly with another party are cooperation; a meeting is
    engagement only with another party or among several ("held a meeting with the envoy",
    "the two envoys held a meeting"), not one's own ("the premier held a cabinet meeting": None)."""
    names = {phrase, noun.lemma_.lower()}
    if names & senses.exercises:
        return "cooperate" if _jointly(noun, verb) else code
    if names & senses.gatherings:
        subject = subject_of(verb)
        several = subject is not None and subject.tag_ in ("NNS", "NNPS")
        return code if several or _jointly(noun, verb) else None
    return code


def _jointly(noun: Token, verb: Token) -> bool:
    """Held together: "joint drills", "drills with the Korlan navy", "Ostmark and Korla held
    drills", "Ostmarkian and Korlan warships began drills", "the two navies held drills"."""
    if any(c.dep_ == "amod" and c.lower_ in JOINT_WORDS for c in noun.children):
        return True
    if any(c.dep_ == "prep" and c.lower_ == "with" and any(_a_party(o) for o in c.children if o.dep_ == "pobj")
           for node in (noun, verb) for c in node.children):
        return True
    subject: Optional[Token] = subject_of(verb)  # "Ostmark and Korla", "Ostmarkian and Korlan warships"
    if subject is None:
        return False
    several = [c for c in subject.children if c.dep_ == "nummod" or c.lower_ == "both"]
    if subject.tag_ in ("NNS", "NNPS") and several and not any(c.dep_ == "poss" for c in subject.children):
        return True  # "the two navies", "both fleets"; not "the navy's three frigates"
    return any(c.dep_ == "conj" for t in (subject, *subject.children) for c in t.children if t.dep_ != "relcl")


def _a_party(noun: Token) -> bool:
    """A named party or one of its forces ("the Korlan navy", "Ostmark"), not a thing ("live fire")."""
    return any(t.pos_ == "PROPN" or t.ent_type_ in PARTY_ENTITIES for t in (noun, *noun.children))
