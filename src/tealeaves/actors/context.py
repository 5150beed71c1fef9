"""The side an actor takes from its article when nothing it is called names a country: the
last layer of evidence, after the mention itself, its title, the person it is and the record
of officeholders (``data/context.yaml``).

Only two kinds of actor take it: a generic state body or office ("the Foreign Office", "a
defence ministry spokesperson", "the government", "Foreign Minister Jane Roe") and unnamed
officials ("a senior administration official", "officials"). Their country comes from, in order:

1. the same body named with its country earlier in the article, when only one country's is
   ("Pakistan's Foreign Office ... the Foreign Office spokesperson"): a generic name refers back;
2. the wire dateline at the head of the story ("ISLAMABAD, May 3 (Wire) —", "TOKYO —",
   "RENO, Nev. (AP) —"): the country whose seat of government the place is, or the country or
   region named after it. A place that is no country's seat (GENEVA, BRUSSELS: hosts of talks)
   says nothing. Under "TOKYO", "the government" is Japan's even when "the South Korean
   government" is named further on; with no dateline, a body named later counts as in 1;
3. for a body or an official of a government, administration or ministry, not plain
   "officials": the country whose government the article is about, when one clearly dominates —
   its officials named at least twice, and twice as often as any other country's; never a guess
   between two; else, for an unnamed official of such a body, the country of the one person
   the article names in that office ("a defense ministry spokesperson ... the spokesperson, Wu
   Qian");
4. a generic name's default ("the Foreign Office": United Kingdom), when the article names that
   country or none at all.

The evidence nearest the speaker comes before 2-4: a country or a side's person named as a
subject, or a place "in" which it is said, outside quotes and reported content, in the mention's
sentence ("In Tehran, the foreign ministry spokesman said": Iran's, under a Washington
dateline), else the nearest sentence before it in its paragraph or the one before. Two sides as
near leave the side empty, and so does a sentence before that names another side than the
article's (2-4): the other side's official must not speak for the article's main government.
Plain "officials" and a named minister of a plain office ("Ana Ruiz, the finance minister")
take a side named near them only when it is the article's (2-4) or, with none, that of the
government the article opens with ("President Jan Roe of Norway said ... Officials said");
plain officials keep the dateline's side unless another is named near them; a named minister
never takes it alone.

A named official of no country also takes the country a lead's subject names ("Valdora has
recalled its envoy ... Foreign Minister Jan Roe said"), when first named in the lead or the
paragraph after it, or named nearest that country everywhere, and no other side is named
nearest them; a lead about a person ("Ostmark's president said") gives nothing. A named person
with a plain post ("Foreign Minister Jan Roe") does not take the country whose holder of that
post the article names: that holder is someone else.

Each side given so is explained by a warning of kind ``side_from_context`` naming its evidence.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass
from functools import cached_property
from itertools import islice
from typing import Callable, Iterable, Optional, Sequence

from spacy.tokens import Doc, Span, Token

from tealeaves.actors.actor_draft import ActorDraft
from tealeaves.actors.side_votes import voted_side
from tealeaves.attribution.speaker import mention_tokens
from tealeaves.lexicon import Lexicon, bundled_yaml, normalize
from tealeaves.models import OBSERVER_KINDS, Warning
from tealeaves.nlp.text import doc_text, headline_end, paragraph_of, paragraph_starts

_DATA = bundled_yaml("context.yaml")
GENERIC_BODIES: dict[str, Optional[str]] = {row["name"]: row.get("default") for row in _DATA["generic_bodies"]}
NAMED_ONLY = frozenset(row["name"] for row in _DATA["generic_bodies"] if row.get("named_only"))
POSTS = frozenset(row["name"] for row in _DATA["generic_bodies"] if row.get("post"))
_BODY_PATTERN = re.compile(r"(?<![\w-])(" + "|".join(
    re.escape(name) for name in sorted(GENERIC_BODIES, key=len, reverse=True)) + r")(?:s|'s|’s)?(?![\w-])")
_BODY_PATTERN_CASED = re.compile(_BODY_PATTERN.pattern, re.IGNORECASE)
OFFICIAL_NOUNS = frozenset(_DATA["official_nouns"])
MODIFIERS = frozenset(_DATA["modifiers"])
REGION_ABBREVIATIONS = {abbr: side for side, abbrs in _DATA["region_abbreviations"].items() for abbr in abbrs}
MEDIA_WORDS = tuple(sorted(_DATA["media_words"], key=len, reverse=True))

# A dateline at the head of a line: the place in capitals, then what may follow it (a region
# or country, a date, the wire in brackets), then a dash or a colon.
DATELINE = re.compile(r"(?P<place>[A-Z][A-Z'’.]+(?:[ -][A-Z][A-Z'’.]+){0,3})(?P<rest>,[^\n—–:]{1,50}?)?"
                      r"\s*(?:\([^)\n]{1,30}\)\s*)?(?:—|–|--|-|:)\s")
DATELINE_LINES = 5  # a dateline opens the story: its headline, byline and date may come first
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
CONTENT_DEPS = frozenset({"ccomp", "xcomp", "parataxis"})  # what a narrated clause reports, not who says it
SPLIT = "split"  # two sides as near the speaker


@dataclass(frozen=True)
class Dateline:
    """Where a story was filed: the place as written and the country it is in."""

    place: str
    side: str
    start: int


@dataclass(frozen=True)
class Generic:
    """What a generic mention names: a body of some state (and that body's default country)
    and/or an unnamed official."""

    body: Optional[str]
    default: Optional[str]
    official: bool


def generic_mention(text: str) -> Optional[Generic]:
    """What a mention made only of generic words names ("a senior defence ministry official",
    "the Foreign Office", "officials"), or None when it says more (a name, a country, "campaign")."""
    lowered = normalize(text.replace("’", "'"))
    bodies = [m.group(1) for m in _BODY_PATTERN.finditer(lowered)]
    rest = _BODY_PATTERN.sub(" ", lowered).split()
    nouns = [w for w in rest if w.rstrip("s") in OFFICIAL_NOUNS or w in OFFICIAL_NOUNS]
    if not (bodies or nouns) or any(w not in MODIFIERS and w not in nouns for w in rest):
        return None
    body = bodies[-1] if bodies else None
    return Generic(body, GENERIC_BODIES.get(body) if body else None, bool(nouns))


def holds_generic_body(name: str) -> bool:
    """Whether a name holds a generic body's name ("Sudanese Armed Forces", "Ministry of
    External Affairs"): a side's own body so named names that side as a whole."""
    return _BODY_PATTERN_CASED.search(name) is not None


def without_generic_bodies(text: str) -> str:
    """``text`` with each generic body's name put as a plain lowercase word: a side word inside
    it names no side ("Supreme National Security Council" holds the UN's "Security Council"),
    and the words around it stay apart ("The government of Sindh": Sindh's). A capitalised name
    stays one ("China Maritime Safety Administration": a state body of China's)."""
    return _BODY_PATTERN_CASED.sub(lambda m: "Body" if m[0][:1].isupper() else "body", text)


def is_media(text: str) -> bool:
    """Whether a mention names the press ("Israeli media", "Iranian state television"): its last
    words are a word of the media, so it is an observer whatever country it names (codebook D11)."""
    lowered = normalize(text)
    return any(lowered == word or lowered.endswith(f" {word}") for word in MEDIA_WORDS)


def dateline_of(text: str, lex: Lexicon) -> Optional[Dateline]:
    """The dateline that opens one of a story's first lines, when its place is in a known
    country: a seat of government ("TOKYO"), or a place followed by a country, a region or a
    region's abbreviation ("KHARTOUM, Sudan", "RENO, Nev.")."""
    for line in islice(re.finditer(r"[^\n]*\S[^\n]*", text), DATELINE_LINES):
        start = line.start() + len(line.group()) - len(line.group().lstrip())
        match = DATELINE.match(text, start, line.end())
        if match is not None and (side := _place_side(match["place"], match["rest"], lex)) is not None:
            return Dateline(match["place"], side, start)
    return None


def _place_side(place: str, rest: Optional[str], lex: Lexicon) -> Optional[str]:
    """The country of a dateline's place and what follows it, or None."""
    side = lex.seats.get(normalize(place.title()))
    if side in lex.countries:
        return side
    after = (rest or "").lstrip(",").split(",")[0].strip()
    side = REGION_ABBREVIATIONS.get(after) or lex.side_names.get(normalize(after))
    if side is None and after in lex.regions:
        side = lex.side_of(after)
    return side if side in lex.countries else None


def bodies_named_with_country(doc: Doc, lex: Lexicon) -> list[tuple[str, int, str]]:
    """(generic body, token index, country) of each generic body the text names with one
    country's name or adjective right before it ("Mali's ruling junta", "the Thai army"),
    whoever speaks: "the junta" named later is that country's."""
    found = []
    for match in _BODY_PATTERN_CASED.finditer(doc_text(doc)):
        span = doc.char_span(match.start(1), match.end(1), alignment_mode="expand")
        if span is None:
            continue
        left = span.start
        while left > max(0, span.start - 4) and (doc[left - 1].pos_ in ("PROPN", "ADJ") or doc[left - 1].tag_ in ("POS", "VBG")):
            left -= 1
        side = lex.side_of(doc[left : span.start].text) if left < span.start else None
        if side in lex.countries:
            found.append((match.group(1).lower(), span.root.i, side))
    return found


def dominant_side(officials: Iterable[ActorDraft], lex: Lexicon) -> Optional[str]:
    """The country whose officials an article names most, once per mention: at least twice, and
    at least twice as often as any other country's; None when two compete."""
    counts = Counter(a.side for a in officials if a.kind == "official" and a.side in lex.countries)
    ranked = counts.most_common(2)
    if not ranked or ranked[0][1] < 2 or len(ranked) > 1 and ranked[0][1] < 2 * ranked[1][1]:
        return None
    return ranked[0][0]


class ArticleContext:
    """What an article says about where it stands: its dateline, the country whose government
    it is about, and the countries it names."""

    def __init__(self, doc: Doc, lex: Lexicon, mentioned: Sequence[tuple[int, ActorDraft]],
                 actors: Iterable[ActorDraft], quoted: Callable[[int], bool] = lambda i: False):
        """``mentioned``: (token index, actor) of each mention read in the article, in text order;
        ``actors``: all the article's actors, whose bodies named with a country tell that body's;
        ``quoted``: whether a token lies inside quotation marks."""
        self.lex = lex
        self.mentioned = sorted(mentioned, key=lambda m: m[0])  # by place, for a sentence's slice
        self.quoted = quoted
        known = set(lex.side_names.values())
        is_state = lambda side: side in lex.countries or side not in known  # noqa: E731  (an article's own place too)
        self.first_seen: dict[int, int] = {}  # id(actor) -> the token index of its first mention
        for index, actor in mentioned:
            self.first_seen.setdefault(id(actor), index)
        # a generic body -> (where, country) of each actor the article names it with a country for
        self.bodies: dict[str, list[tuple[Optional[int], str]]] = {}
        for actor in actors:
            for name in (actor.name, *actor.aliases) if actor.side is not None and is_state(actor.side) else ():
                for body in _BODY_PATTERN_CASED.finditer(name):
                    self.bodies.setdefault(body.group(1).lower(), []).append((self.first_seen.get(id(actor)), str(actor.side)))
        for generic, at, side in bodies_named_with_country(doc, lex):  # "Mali's ruling junta", said by no one
            self.bodies.setdefault(generic, []).append((at, side))
        # the named people who hold an office, for the unnamed holder of the same office
        self.named_officials = [a for a in actors if a.surname is not None and a.role_noun and a.side in lex.countries]
        self.dateline = dateline_of(doc_text(doc), lex)
        self.dominant = dominant_side((actor for _, actor in mentioned), lex)
        heads = {noun for post in ("head of state", "head of government") if post in lex.roles
                 for noun in (post, *lex.roles[post].same_as)}
        self.leading = self.dominant or next((str(a.side) for _, a in mentioned if a.role_noun in heads
                                              and a.side in lex.countries), None)  # the government it opens with
        self.doc = doc
        self.opening, self._paragraph_of_lead = self._lead_subject(doc)  # the country the lead's subject names

    def _lead_subject(self, doc: Doc) -> tuple[Optional[str], int]:
        """The country that is the subject of the article's first sentence with a verb after its
        headline, outside quotes ("Valdora has recalled its envoy ...", "The Valdoran government
        said"), and that sentence's paragraph; a subject of two ("Valdora and Ostmark") names none."""
        end = headline_end(doc_text(doc))
        sentence = next((s for s in doc.sents if s.start_char >= end and s.root.pos_ in ("VERB", "AUX")), None)
        if sentence is None:
            return None, 0
        paragraph = paragraph_of(sentence.start_char, self._paragraph_starts)
        for token in sentence.root.children:
            if token.dep_ in SUBJECT_DEPS and not self.quoted(token.i) and not token.conjuncts and (
                    token.ent_type_ == "GPE" or holds_generic_body(token.text)):  # a state, not its president
                start, end = mention_tokens(token)
                side = self.lex.side_of(without_generic_bodies(doc[start:end].text))
                return (side if side in self.lex.countries else None), paragraph
        return None, paragraph

    @cached_property
    def named(self) -> set[str]:
        """The sides the article's entities name (read only for a generic name's default)."""
        return {side for e in self.doc.ents if (side := self.lex.side_of(without_generic_bodies(e.text))
                                                or (e.text if e.label_ == "GPE" else None)) is not None}

    def side_for(self, actor: ActorDraft) -> Optional[tuple[str, str, Optional[Dateline]]]:
        """The side the context gives an actor of no side, the evidence, and the dateline when
        the evidence is the dateline; or None."""
        if actor.side is not None or actor.kind in OBSERVER_KINDS:
            return None
        generic = self.generic(actor)
        if generic is None:  # a named official of a title no list holds ("Coordinating Minister")
            return self._from_lead(actor, None, self._nearest_side(actor)[0]) if actor.kind == "official" else None
        named_as = self._named_as(generic.body, actor)
        here = self.first_seen.get(id(actor))
        before = {side for at, side in named_as if at is not None and here is not None and at < here}
        if len(before) == 1:
            side = next(iter(before))
            return side, f"the article names the {generic.body} of {side} before", None
        if generic.body in NAMED_ONLY:  # a junta is often the other side's: only its own naming tells
            anywhere = {side for _, side in named_as}
            return (next(iter(anywhere)), f"the article names the {generic.body} of {next(iter(anywhere))}", None
                    ) if len(anywhere) == 1 else None
        context = self._from_context(generic, actor)
        near, strong = self._nearest_side(actor) if len(before) < 2 else (None, False)  # two so named: no guess
        if len(before) < 2 and (lead := self._from_lead(actor, context, near)) is not None:
            return lead
        if near == SPLIT:
            return None
        agreed = near is not None and near == (context[0] if context else self.leading)
        if generic.body is None and (actor.surname is not None or context is None):
            # a named minister, or plain officials with no dateline: only two agreeing tell
            return (str(near), f"{actor.name} is named nearest a side of {near}, which the article is about",
                    None) if agreed else None
        if generic.body is None:  # plain officials under a dateline lose its side to another named near
            return context if near is None or agreed else None
        if near is not None and (strong or agreed):
            return context if context is not None and near == context[0] else (
                str(near), f"a side of {near} is named nearest", None)
        return None if near is not None else context  # a sentence before names another side: no guess

    def _from_context(self, generic: Generic, actor: ActorDraft) -> Optional[tuple[str, str, Optional[Dateline]]]:
        """The side the article as a whole gives (2-4 above), or None."""
        if self.dateline is not None:
            return self.dateline.side, f"the dateline {self.dateline.place}", self.dateline
        if len(anywhere := {side for _, side in self._named_as(generic.body, actor)}) == 1:
            side = next(iter(anywhere))
            return side, f"the article names the {generic.body} of {side}", None
        if generic.body is not None and self.dominant is not None:
            return self.dominant, f"the article is about the government of {self.dominant}", None
        if generic.body is not None and (named := self._one_named_holder(actor)) is not None:
            return str(named.side), f"the one {actor.role_noun} the article names is {named.name}, of {named.side}", None
        if generic.default is not None and (generic.default in self.named or not self.named - {generic.default}):
            return generic.default, f"'{generic.body}' stands for {generic.default} when nothing else is known", None
        return None

    @cached_property
    def _mention_at(self) -> list[int]:
        """The token index of each mention, in text order."""
        return [index for index, _ in self.mentioned]

    @cached_property
    def _paragraph_starts(self) -> list[int]:
        return paragraph_starts(doc_text(self.doc))

    def _nearest_side(self, actor: ActorDraft) -> tuple[Optional[str], bool]:
        """The one side named nearest each of the actor's mentions (see the module's docstring)
        and whether it is named in a mention's own sentence; None when nothing is named near
        any, ``SPLIT`` when two sides are as near."""
        found = [near for index, a in self.mentioned if a is actor if (near := self.side_near(index, actor))]
        sides = {side for side, _ in found}
        if len(sides) != 1:
            return (SPLIT if sides else None), False
        return sides.pop(), any(strong for _, strong in found)

    def _from_lead(self, actor: ActorDraft, context: Optional[tuple[str, str, Optional[Dateline]]],
                   near: Optional[str] = SPLIT) -> Optional[tuple[str, str, Optional[Dateline]]]:
        """The country of a lead whose subject is a country ("Valdora has recalled its envoy")
        for a named official of no country, named nearest it or first named in the lead or the
        paragraph after it, when no other side is named nearest them and the context agrees."""
        here = self.first_seen.get(id(actor))
        if (actor.surname is None or here is None or self.opening is None or near not in (SPLIT, None, self.opening)
                or context is not None and context[0] != self.opening):
            return None
        if near != self.opening and paragraph_of(self.doc[here].idx, self._paragraph_starts) > self._paragraph_of_lead + 1:
            return None
        return self.opening, f"{actor.name} is introduced by a lead about {self.opening}", None

    def side_near(self, index: int, actor: ActorDraft) -> Optional[tuple[str, bool]]:
        """The side named in the sentence of the mention at ``index`` (and True), else in the
        nearest sentence before it in its paragraph or the paragraph before (a quote is often a
        paragraph of its own; and False); ``SPLIT`` for two, and when only a later clause of
        the mention's own sentence names one; None for none."""
        sentence = self.doc[index].sent
        paragraph = paragraph_of(self.doc[index].idx, self._paragraph_starts)
        own = True
        while True:
            sides = self._sides_in(sentence, actor, self.doc[index] if own else None)
            if sides:
                return (sides.pop() if len(sides) == 1 else SPLIT), own
            if own and self._sides_in(sentence, actor):  # only a later clause of its own names one: no guess
                return SPLIT, own
            if sentence.start == 0:
                return None
            sentence, own = self.doc[sentence.start - 1].sent, False
            if paragraph_of(self.doc[sentence.end - 1].idx, self._paragraph_starts) < paragraph - 1:
                return None

    def _sides_in(self, sentence: Span, actor: ActorDraft, mention: Optional[Token] = None) -> set[str]:
        """The countries a sentence's narration names as a subject or as the place "in" which
        something is said, and the countries of the people it narrates (other than ``actor``);
        in the ``mention``'s own sentence, not those of a later clause of its own ("X asked the
        same, while Ruritania warned ...")."""
        content = {t.i for t in sentence if t.dep_ in CONTENT_DEPS for t in t.subtree}
        if mention is not None:
            clause = _clause_head(mention)
            content |= {t.i for t in sentence if t.i > mention.i and _clause_head(t) is not clause}
        inside = self.mentioned[bisect_left(self._mention_at, sentence.start) : bisect_left(self._mention_at, sentence.end)]
        sides = {str(a.side) for i, a in inside if a is not actor
                 and a.side in self.lex.countries and i not in content and not self.quoted(i)}
        for token in sentence:
            if token.i in content or self.quoted(token.i):
                continue
            if token.dep_ in SUBJECT_DEPS or token.dep_ == "pobj" and token.head.lower_ == "in":
                start, end = mention_tokens(token)
                side = self.lex.side_of(without_generic_bodies(self.doc[start:end].text))
                if side in self.lex.countries:
                    sides.add(str(side))
        return sides

    def _named_as(self, body: Optional[str], actor: ActorDraft) -> list[tuple[Optional[int], str]]:
        """(where, country) of each body the article names with a country that ``body`` may
        stand for: the same body, or for a bare noun any body of that noun ("ministry
        spokesperson" after "the Cambodian Defence Ministry"); none for a named person whose
        title is a post, which another country's holder of that post does not share."""
        if body is None or body in POSTS and actor.surname is not None:
            return []
        if " " in body:
            return self.bodies.get(body, [])
        return [found for name, named in self.bodies.items() if name.split()[-1] == body for found in named]

    def _one_named_holder(self, actor: ActorDraft) -> Optional[ActorDraft]:
        """The one named person of the article who holds the office an unnamed official's
        mention names ("a defense ministry spokesperson" ... "the spokesperson, Wu Qian"), or
        None when none or several do."""
        role = self.lex.roles.get(actor.role_noun or "")
        if role is None or actor.surname is not None:
            return None
        holders = [a for a in self.named_officials if a.role_noun == role.noun or a.role_noun in role.same_as]
        return holders[0] if len(holders) == 1 else None

    def generic(self, actor: ActorDraft) -> Optional[Generic]:
        """What the actor's mentions say if all are generic; a named person counts by a title
        that names a generic body or office ("Foreign Office spokesperson Jane Roe", "Ana Ruiz,
        the finance minister")."""
        if actor.surname is not None:
            found = generic_mention(actor.role) if actor.role else None
            return found if found is not None and (found.body is not None or found.official) else None
        mentions = [generic_mention(m) for m in (actor.name, *actor.aliases)]
        if not mentions or any(m is None for m in mentions):
            return None
        return next((m for m in mentions if m is not None and m.body is not None), mentions[0])


def _clause_head(token: Token) -> Token:
    """The verb of the clause a token is in: its nearest ancestor verb (or the sentence's root;
    spaCy makes a new Token on each ``.head``, so the root is found by index, never identity)."""
    while token.head.i != token.i and token.pos_ not in ("VERB", "AUX"):
        token = token.head
    return token


def give_context_sides(actors: Iterable[ActorDraft], context: ArticleContext) -> list[Warning]:
    """Each actor of no side that the context gives one gets it, else a titled official the
    article's agreeing evidence does (``actors/side_votes.py``); a warning says from what."""

    warnings = []
    for actor in actors:
        found = context.side_for(actor) or voted_side(context, actor)
        if found is not None:
            actor.side, evidence, dateline = found
            warnings.append(Warning(
                kind="side_from_context", actor_id=actor.id,
                evidence=dateline.place if dateline else actor.name, start=dateline.start if dateline else None,
                message=f"{actor.name} speaks for {actor.side} by the article's context ({evidence}): "
                        "nothing it is called names a country."))
    return warnings
