"""Whether a verb of the action table is a deed where it stands, and which kind of exercise.

Why (codebook, action codes: "code what the actor did"): a deed needs a doer that can act and
a verb used in its sense of doing. The action table names verbs; the words around them say
whether they do anything:
- a state of affairs or a happening is no doer ("the conflict has killed thousands", "the
  storm destroyed the bridge"): no party did it, so there is no deed to give a side;
- some deed verbs take no object in their deed sense, and with one they mean something else
  ("protesters demonstrated outside the palace" against "the country demonstrated readiness";
  "the envoys met in Lorn" against "the drills met their goals");
- some verbs do one deed to one class of objects (``object_deeds``): "recalled its ambassador"
  and "gave the envoy three days to leave" sanction, "cut off gas supplies" and "cancelled the
  summit" sanction, "sent a delegation" engages, "moved two frigates" mobilizes; "released
  more recordings" publishes, it frees nobody (an object of another sense);
- military exercises and war games are a show of force by one side (mobilize) unless they are
  held jointly with another party (cooperate: "joint exercises", "exercises with the navy of
  X", "X and Y held drills"); a meeting held is engagement only with another party or among
  several ("held a meeting with the envoy"), not a party's own ("held a cabinet meeting").
- a deed is also named by a noun of its verb's family ("the shelling of", "a suspension of",
  "riots": ``noun_deed``): a light verb does it ("carried out the bombing") and a verb of
  happening reports it under way ("the shelling resumed": ``happening_deed``).
``rules.action_code`` asks these questions of every verb it codes, so reported deeds
(``attribution.actions``), deeds announced for the future and PLOVER records read alike.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping, Optional

from spacy.tokens import Token

from tealeaves.signals.agency import subject_of

PARTY_ENTITIES = frozenset({"GPE", "NORP", "ORG", "PERSON"})
OWNERS = frozenset({"its", "their", "our", "my"})
JOINT_WORDS = frozenset({"joint", "combined", "bilateral", "trilateral", "multilateral", "multinational"})


@dataclass(frozen=True)
class DeedSenses:
    """Word lists of ``data/signals.yaml`` (``deed_senses``) that tell a deed from its look-alikes."""

    not_doers: frozenset[str]  # "the conflict killed": a happening, no party
    objectless: frozenset[str]  # deed verbs with no object in their deed sense: "demonstrate"
    other_sense_objects: Mapping[str, frozenset[str]]  # verb -> objects of another sense: meet -> goal
    exercises: frozenset[str]  # a show of force, or joint action when held with another party
    gatherings: frozenset[str]  # engagement only when held with another party: "meeting"
    object_deeds: tuple["ObjectDeed", ...]  # "recalled its ambassador": sanction
    relay_verbs: frozenset[str]  # cues that relay a deed as a fact: "police said"
    noun_verbs: Mapping[str, str]  # deed nouns not formed by a regular suffix: suspension -> suspend
    not_deed_nouns: frozenset[str]  # nouns that only look like a deed verb's: building, shipping
    happening_verbs: frozenset[str]  # a deed noun as their subject is a deed under way: "the shelling resumed"
    readying_verbs: frozenset[str]  # an attack readied is a show of force: "prepared to attack"

    @classmethod
    def of(cls, data: Mapping) -> "DeedSenses":
        return cls(not_doers=frozenset(data["not_doers"]), objectless=frozenset(data["objectless"]),
                   other_sense_objects={verb: frozenset(nouns) for verb, nouns in data["other_sense_objects"].items()},
                   exercises=frozenset(data["exercises"]), gatherings=frozenset(data["gatherings"]),
                   object_deeds=tuple(ObjectDeed.of(entry) for entry in data["object_deeds"]),
                   relay_verbs=frozenset(data["relay_verbs"]), noun_verbs=dict(data["noun_verbs"]),
                   not_deed_nouns=frozenset(data["not_deed_nouns"]),
                   happening_verbs=frozenset(data["happening_verbs"]),
                   readying_verbs=frozenset(data["readying_verbs"]))


@dataclass(frozen=True)
class ObjectDeed:
    """Verbs that do one deed to one class of objects (``deed_senses.object_deeds``): "recalled
    its ambassador" sanctions, "moved two frigates" mobilizes. With ``clause``, only where the verb
    also governs one of those verbs: "gave the envoy three days to leave" sanctions, "gave the
    envoy a letter" does not. ``examples`` are sentences the tests code with ``code``."""

    code: str
    verbs: frozenset[str]  # lemmas, or lemma and particle: "cut off"
    objects: frozenset[str]  # lemmas of the object's head noun
    clause: frozenset[str]
    own: bool  # the doer's own object: "summoned its ambassador" (home), not "summoned the Korlan envoy"
    unowned: bool  # no other party's object: "ordered troops out", not "ordered the Korlan warship to leave"
    examples: tuple[str, ...]

    @classmethod
    def of(cls, entry: Mapping) -> "ObjectDeed":
        return cls(code=entry["code"], verbs=frozenset(entry["verbs"]), objects=frozenset(entry["objects"]),
                   clause=frozenset(entry.get("clause", ())), own=bool(entry.get("own")),
                   unowned=bool(entry.get("unowned")),
                   examples=tuple(entry["examples"]))


NOMINAL_SUFFIXES = ("ation", "ion", "ing", "ment", "al", "ure")


def noun_deed(noun: Token, actions: Mapping[str, str], event_nouns: Mapping[str, str],
              senses: DeedSenses) -> Optional[str]:
    """The code of a noun that names a deed: an event noun of the table ("an offensive"), or a
    noun of a deed verb's lemma family, the verb's own code ("the shelling of", "a suspension
    of", "the expulsion", "riots", "the withdrawal"): the noun is the verb's lemma or the verb
    with a nominal suffix (-ing, -ion, -ation, -ment, -al, -ure), or ``noun_verbs`` names its verb."""
    lemma = noun.lemma_.lower()
    if noun.tag_ == "VBG":  # a gerund: "fighting broke out"
        return actions.get(lemma)
    if lemma in senses.not_deed_nouns or noun.pos_ != "NOUN":
        return None
    if lemma in event_nouns:
        return event_nouns[lemma]
    for verb in _family_verbs(lemma, senses):
        if verb in actions:
            return actions[verb]
    return None


def _family_verbs(noun: str, senses: DeedSenses) -> list[str]:
    """The verbs a noun may be formed from: itself ("raid"), listed ("suspension": suspend), or
    the noun less a nominal suffix, with a dropped "e" or a doubled consonant restored
    ("evacuation": evacuate, "kidnapping": kidnap, "deployment": deploy)."""
    verbs = [noun, *([senses.noun_verbs[noun]] if noun in senses.noun_verbs else [])]
    for suffix in NOMINAL_SUFFIXES:
        stem = noun[: -len(suffix)]
        if noun.endswith(suffix) and len(stem) > 2:
            verbs += [stem, stem + "e", *([stem[:-1]] if stem[-1] == stem[-2] else [])]
    return verbs


def noun_doer(noun: Token) -> Optional[Token]:
    """Who did a deed a noun names: its owner ("Korla's shelling", "its withdrawal"), the agent
    ("the shelling by Korlan troops"), or a party's adjective ("Korlan shelling"); None when the
    text does not say."""
    for child in noun.children:
        if child.dep_ == "poss":
            return child
        if child.dep_ == "prep" and child.lower_ == "by":
            return next((o for o in child.children if o.dep_ == "pobj"), None)
    return next((c for c in noun.children if c.dep_ in ("amod", "compound")
                 and (c.ent_type_ in PARTY_ENTITIES or c.pos_ == "PROPN")), None)


def happening_deed(verb: Token, actions: Mapping[str, str], event_nouns: Mapping[str, str],
                   senses: DeedSenses) -> Optional[tuple[Token, str]]:
    """A deed noun as the subject of a verb of happening ("the shelling resumed at dawn",
    "riots continued", "fighting broke out"): the noun and its code; None otherwise. A
    meeting is engagement only with another party or among several (``held_code``)."""
    names = {verb.lemma_.lower()} | {f"{verb.lemma_.lower()} {c.lemma_.lower()}" for c in verb.children
                                     if c.dep_ in ("prt", "dobj")}  # "broke out", "took place"
    if not names & senses.happening_verbs:
        return None
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None:
        return None
    code = noun_deed(subject, actions, event_nouns, senses)
    if code is None:
        return None
    code = held_code(code, subject.lemma_.lower(), subject, verb, senses)
    return (subject, code) if code is not None else None


def readied(verb: Token, lemma: str, senses: DeedSenses) -> list[Token]:
    """The verbs a verb of readying (``readying_verbs``) readies, through one verb that carries
    them ("prepared to attack", "prepared to resume shelling"); none for other verbs."""
    if lemma not in senses.readying_verbs:
        return []
    verbs = [c for c in verb.children if c.dep_ == "xcomp"]
    return verbs + [c for v in verbs for c in v.children if c.dep_ == "xcomp"]


def relays_deeds(cue: Token, senses: DeedSenses) -> bool:
    """A deed inside the words this cue introduces is reported as a fact: a plain "said",
    "reported", "revealed"; not "alleged", "responded", "claimed" (the speaker's claim)."""
    return cue.lemma_.lower() in senses.relay_verbs or cue.lower_ in senses.relay_verbs


def in_deed_sense(verb: Token, lemma: str, senses: DeedSenses) -> bool:
    """The verb (read as ``lemma``) is used as a deed: a doer that can act, and no object that
    gives the verb another sense."""
    objects = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]  # "the report was released"
    if objects and lemma in senses.objectless:
        return False
    measures = [c for c in verb.children if c.dep_ == "npadvmod" and any(  # "gave them three days to answer",
        m.dep_ == "nummod" or m.lower_ in ("a", "an") for m in c.children)]  # not "gave $2m last month"
    if any(o.lemma_.lower() in senses.other_sense_objects.get(lemma, ()) for o in objects + measures):
        return False
    return _has_doer(verb, senses)


def _has_doer(verb: Token, senses: DeedSenses) -> bool:
    """No state of affairs or happening as the verb's subject ("the conflict killed"); a relative
    clause's doer is the noun it describes ("clashes that have killed dozens")."""
    subject = subject_of(verb)
    if subject is None or subject.dep_ != "nsubj":
        return True
    doer = verb.head if subject.tag_ in ("WDT", "WP") and verb.dep_ == "relcl" else subject
    return doer.lemma_.lower() not in senses.not_doers


def object_deed(verb: Token, lemma: str, senses: DeedSenses) -> Optional[tuple[str, int]]:
    """The code of the first ``object_deeds`` class the verb (read as ``lemma``, with its particle)
    and one of its objects belong to (object, indirect object or passive subject, and what they
    list: "two frigates and a minesweeper"), and the token index where the phrase ends. The most
    specific reading of a verb, so it comes before the objects of another sense ("gave the envoy
    two days to leave" expels, "gave them two days" is no aid)."""
    if not _has_doer(verb, senses):
        return None
    names = {lemma} | {f"{lemma} {c.lemma_.lower()}" for c in verb.children if c.dep_ == "prt"}
    objects = [o for c in verb.children if c.dep_ in ("dobj", "dative", "nsubjpass") for o in (c, *c.conjuncts)]
    clauses = {c.lemma_.lower() for c in verb.children if c.dep_ in ("xcomp", "advcl", "ccomp")}
    for deed in senses.object_deeds:
        if not names & deed.verbs or (deed.clause and not clauses & deed.clause):
            continue
        named = [o.i for o in objects if _names(o, senses) & deed.objects and (not deed.own or _owned(o))
                 and not (deed.unowned and _anothers(o))]
        if named:
            return deed.code, max(verb.i, *named)
    return None


def _names(noun: Token, senses: DeedSenses) -> set[str]:
    """What an object is called: its lemma, with its compound ("rescue team"), and what it holds
    ("a team of doctors": doctor), unless it names a deed of these verb classes itself ("the
    withdrawal of its forces" is a withdrawal, not forces)."""
    lemma = noun.lemma_.lower()
    deed_verbs = {verb for deed in senses.object_deeds for verb in deed.verbs}
    held = [p.lemma_.lower() for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"
            for p in c.children if p.dep_ == "pobj"] if not deed_verbs & set(_family_verbs(lemma, senses)) else []
    qualifiers = [q for c in noun.children if c.dep_ in ("compound", "nmod") for q in (c, *c.conjuncts)]
    return {lemma, *held, *(f"{q.lemma_.lower()} {lemma}" for q in qualifiers)}  # "search and rescue teams"


def _anothers(noun: Token) -> bool:
    """Named as a party's ("the Korlan warship", "Korla's troops"), not the doer's own ("its troops")."""
    return any(c.dep_ == "poss" and c.tag_ != "PRP$" or c.dep_ in ("amod", "compound")
               and (c.ent_type_ in PARTY_ENTITIES or c.pos_ == "PROPN") for c in noun.children)


def _owned(noun: Token) -> bool:
    """The doer's own: "its ambassador", "their envoys"."""
    return any(c.dep_ == "poss" and c.lower_ in OWNERS for c in noun.children)


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
