"""What a document teaches about its people before any mention is resolved: names (spaCy's
PERSON entities and speakers written as names), the titles before them ("Russian Deputy
Foreign Minister Sergei Ryabkov"), appositions after them ("Peskov, the Kremlin spokesman")
and possessives ("Putin's spokesman"), each giving a role, a kind and perhaps a side.
``ActorResolver`` (resolver.py) builds on it to resolve each mention.
"""
from __future__ import annotations

import re
from functools import cached_property
from typing import Optional, Sequence

from spacy.tokens import Doc, Token

from tealeaves.actors.actor_draft import ActorDraft
from tealeaves.actors.antecedents import narration_counts
from tealeaves.actors.bodies import context_kind, leader_side, outlet_not_person, side_in_text
from tealeaves.actors.context import holds_generic_body, without_generic_bodies
from tealeaves.actors.name_parts import (
    HYPHENS,
    family_name,
    is_particle,
    last_name_words,
    proper_run,
    whole_name,
    written_name,
)
from tealeaves.actors.names import HONORIFICS, ORG_WORDS, NameKeyed, could_be_one, person_name, slug
from tealeaves.actors.namesakes import (
    apposed,
    first_full_name,
    headline_last,
    may_describe,
    named_within,
    role_over_of_phrase,
    titled_officeholder,
)
from tealeaves.actors.places import country_after, inside_a_country, place_in, places_of
from tealeaves.actors.roles import heads, held_now, line_start, plural, role_text, side_from_office, title_run
from tealeaves.attribution.draft import Draft
from tealeaves.attribution.speaker import mention_tokens  # a noun phrase without clauses or conjuncts
from tealeaves.lexicon import TITLE_WORDS, Lexicon, normalize
from tealeaves.models import OBSERVER_KINDS, Warning
from tealeaves.nlp.text import doc_text
from tealeaves.words import word_set

MEMBERS_POSTED_TO = word_set("members_posted_to")  # lower-case side names
THE_HALF = re.compile(r"\b[Tt]he (North|South)\b(?!\s+[A-Z])")  # "the North", not "the North Atlantic"


class NameLearner:
    """A document's people, learned from its names, titles and appositions; the state every
    mention's resolution reads and adds to."""

    def __init__(self, doc: Doc, lex: Lexicon, year: Optional[int] = None, quoted: Sequence[tuple[int, int]] = ()):
        """``year``: when the article appeared, to tell who held an office then (None: unknown);
        ``quoted``: the character spans inside quotation marks, whose names are no antecedents."""
        self.doc = doc
        self.narration_before = narration_counts(doc, quoted)
        self.token_starts = [t.idx for t in doc]
        self.lex = lex
        self.year = year
        self._officeholder = lambda name: lex.officeholder(name, year)  # whose a lone surname is
        self._leader_side = lambda token: leader_side(  # "the Roe administration": the side of Roe here, or in office
            token, lambda name: self.by_full_name.get(name) or self.by_surname.get(name.split()[-1]), lex, year)
        self.actors: dict[str, ActorDraft] = {}
        self.by_surname = NameKeyed()  # the first person named with each surname
        self.by_full_name = NameKeyed()
        self.warnings: list[Warning] = []
        # (token index, depth, actor) of every person mention seen, for pronouns and role nouns
        self.seen: list[tuple[int, int, ActorDraft]] = []
        self.speakers: list[ActorDraft] = []  # each statement's speaker so far, in text order ("the statement said")
        # a place of the article is a side of its own unless the lexicon knows it, or it is an
        # officeholder of the year the model took for a place ("Pashinian"), or a city the text
        # puts inside a known country ("Goma in Democratic Republic of Congo")
        text = doc_text(doc)
        self.places = sorted((p for p in places_of(doc) if lex.side_of(p) or (
            lex.officeholder(p, year) is None and not inside_a_country(p, text, lex))), key=len, reverse=True)
        self._learn_people()

    # ---- learning people from names, titles and appositions -------------------------
    def _learn_people(self) -> None:
        headline_end, ents = headline_last(self.doc)
        for ent in ents:
            after_the = ent.start > 0 and self.doc[ent.start - 1].lower_ == "the"
            if not self._is_person(ent) or normalize(ent.text) in self.lex.side_names or self.lex.known_actor(
                    ent.text) or outlet_not_person(ent.text, after_the, self.lex):
                continue  # a country, a known body or a newspaper the model took for a person ("Valdora said")
            name = self.doc[slice(*whole_name(self.doc, ent.start, ent.end))]
            tokens = [t for t in name if t.tag_ != "POS" and t.text not in ("’s", "'s")]
            while len(tokens) > 1 and self._title_word(tokens[0]) and not all(map(self._title_word, tokens)):
                tokens = tokens[1:]  # "PM Kurti", "Sheikh Saif": the title is no part of the name
            if tokens and tokens[0].i > name.start:
                name = self.doc[tokens[0].i : name.end]
            full = written_name(tokens) if tokens else ""
            surname = tokens[-1].text if tokens and tokens[-1].text[:1].isupper() else full.split()[-1] if full else ""
            if not surname[:1].isupper():  # "Chia-lung" of "Lin Chia-lung", whose "lung" is a token
                continue
            surname = family_name(full) or surname  # "Moon" of "Moon Jae-in"
            actor = self.by_full_name.get(full) or self.by_surname.get(surname) or self.by_full_name.begun_by(full) \
                or self.by_surname.spelled(full)
            if actor is not None and not could_be_one(actor.name, full, self._officeholder):
                actor = None  # "Eric Roe" is not "Jane Roe", nor "George H. W. Bush" "George W. Bush"
            holder = titled_officeholder(self.doc, name.start, name.root, self.actors.values(), self.lex)
            if holder is not None and holder is not actor:  # "President Bush" after Jeb and George W. Bush
                self._learn_title(holder, name.start, name.root)
                continue
            if actor is not None and " " not in actor.name and " " in full:
                first = first_full_name(self.doc, surname, lambda w: w in self.lex.roles or w in TITLE_WORDS, headline_end,
                                        self.lex.genders["first_names"])
                if first is not None and not any(  # "House Speaker Paul Ryan" is still Paul Ryan
                        could_be_one(" ".join(first.split()[i:]), full, self._officeholder) for i in range(len(first.split()) - 1)):
                    actor.name, actor = first, None  # the lone "Roe" is the "Jan Roe" named first, not this "Eric Roe"
            in_headline = ent.end_char <= headline_end  # a headline's name completes a lone surname only if two words
            if in_headline and (known := actor or named_within(full, self.by_full_name) or (  # "Roe Says He Never"
                    self.by_surname.get(full.split()[0]) if " " in full else None)) and not (
                    known is actor and " " not in actor.name and len(full.split()) == 2):
                self.by_full_name[full] = known  # "Critics Slam Jane Roe": the body's Jane Roe
                continue
            if actor is None:
                actor = self._new(full, "person")
                actor.surname = surname
                if surname not in self.by_surname:
                    self.by_surname[surname] = actor
            elif len(full) > len(actor.name) and person_name(full):  # not "Roe v. Roe", a court case
                actor.add_alias(actor.name)
                actor.name = full
            else:
                actor.add_alias(full)
            self.by_full_name[full] = actor
            self._learn_title(actor, name.start, name.root)
            self._learn_appositions(actor, name.root)
            actor.side = actor.side or country_after(name.root, self.lex, self.places)
        for actor in list(self.actors.values()):
            side_from_office(actor, self.lex, self.year)

    def _title_word(self, token: Token) -> bool:
        """Whether a word the recogniser put at a name's head is a title or honorific ("PM",
        "Sheikh", "Mr."), not a name."""
        word = token.lower_.rstrip(".")
        return word in TITLE_WORDS or word in HONORIFICS or word in self.lex.roles

    def _learn_appositions(self, actor: ActorDraft, head: Token) -> None:
        for child in head.children:
            if child.dep_ == "appos" and child.pos_ in ("NOUN", "PROPN"):
                self._learn_description(actor, child)
        if (noun := role_over_of_phrase(head, self.lex)) is not None:
            self._learn_description(actor, noun, head)  # "the president of Valdora, Jan Roe"
        elif head.dep_ == "appos" and head.head.pos_ in ("NOUN", "PROPN") and apposed(head.head, head, self.lex):
            self._learn_description(actor, head.head)  # "the Kremlin spokesman, Jan Roe"

    def _is_person(self, ent) -> bool:
        """spaCy's PERSON, or a two- or three-word proper name it called an organisation
        but that an apposition describes as a person ("Jane Roe, founder of ...") or a role noun
        right before it titles ("presidential candidate Jane Roe")."""
        if ent.label_ == "PERSON":
            return True
        words = [t for t in ent if t.text not in ("’s", "'s")]
        if ent.label_ != "ORG" or not 2 <= len(words) <= 3 or not all(t.pos_ == "PROPN" and t.text.istitle() for t in words):
            return False
        if any(t.lower_ in ORG_WORDS for t in words) or self.lex.known_actor(ent.text):
            return False
        before = self.doc[ent.start - 1] if ent.start > 0 else None
        if before is not None and before.pos_ in ("NOUN", "PROPN") and before.lower_ in self.lex.roles \
                or role_over_of_phrase(ent.root, self.lex) is not None:
            return True
        return any(
            c.dep_ == "appos" and (self.lex.role_in(c.text) or self._context_kind(" ".join(t.text for t in c.subtree)))
            for c in ent.root.children
        )

    def _learn_title(self, actor: ActorDraft, ent_start: int, head: Token) -> None:
        """Words before a name in its phrase: "Russian President", "Putin's spokesman"."""
        first = line_start(self.doc, ent_start, floor=head.left_edge.i)
        left = [t for t in head.subtree if first <= t.i < ent_start]
        if not left:
            self._learn_title_run(actor, ent_start)
            return
        title_tokens = [t for t in left if t.dep_ not in ("det", "punct")]
        if not title_tokens:
            return
        start = title_tokens[0].i
        if self.doc[ent_start - 1].i - start > 8:
            return
        title = self.doc[start:ent_start].text.strip()
        owner = next((t for t in left if t.dep_ == "poss"), None)
        self._apply_role(actor, title, owner, evidence=f"{title} {self.doc[ent_start:head.i + 1].text}")
        if actor.side is None and actor.kind not in OBSERVER_KINDS:
            actor.side = self._body_side_in_title(self.doc[start:ent_start])

    def _body_side_in_title(self, title) -> Optional[str]:
        """The state of a known body (no outlet, no alliance) a title names by its own name:
        "Gazprom CEO" is Russia's, as Gazprom is; a "U.N. Ambassador" is no side's yet."""
        for token in title:
            known = self.lex.known_actor(token.text) if token.text[:1].isupper() else None
            if known is not None and known.side in self.lex.countries and known.kind not in OBSERVER_KINDS:
                return known.side
        return None

    def _learn_title_run(self, actor: ActorDraft, ent_start: int) -> None:
        if (title := title_run(self.doc, ent_start, self.lex)) is not None:
            self._apply_role(actor, title, None, evidence=f"{title} {actor.name}")

    def _learn_description(self, actor: ActorDraft, noun: Token, name: Optional[Token] = None) -> None:
        """An apposition: "Peskov, the Kremlin spokesman" teaches a role and an alias; a definite
        description that is no role, an alias only (its side may be another person's). ``name``:
        the person's name when the parser hung it inside the description."""
        named = {t.i for c in noun.children if c.dep_ == "appos" and c.ent_type_ == "PERSON" for t in c.subtree}
        named |= {t.i for t in name.subtree} if name is not None else set()
        tokens = [t for t in noun.subtree if t.i not in named  # "the minister, Andris Kell": the name is no role
                  and (t.dep_ != "punct" or t.i not in (noun.left_edge.i, noun.right_edge.i))]
        description = self.doc[tokens[0].i : tokens[-1].i + 1].text.strip(" ,")
        core = self.doc[noun.left_edge.i : noun.i + 1].text
        one = noun.tag_ not in ("NNS", "NNPS")  # "the two leading candidates" is no one person's alias
        if (noun.lemma_.lower() in self.lex.bodies or core.lower().endswith(tuple(f" {w}" for w in self.lex.analyst_context))
                or not may_describe(noun, description, actor.surname)):
            return  # "Roe used the council, the centrist organization, ...": a body the parser hung on a name
        if self.lex.role_in(core) is None and not self._context_kind(description):
            for alias in (description, core) if one and description.lower().startswith("the ") else ():
                actor.add_alias(alias)  # "the powerful sister of X's leader": her, not the leader
            return
        owner = next((t for t in noun.children if t.dep_ == "poss"), None)
        self._apply_role(actor, description, owner, evidence=description, head=core)
        if one and core.lower().startswith("the "):
            actor.add_alias(core)

    def _context_kind(self, text: str) -> Optional[str]:
        return context_kind(text, self.lex)

    def _apply_role(self, actor: ActorDraft, text: str, owner: Optional[Token], evidence: str,
                    head: Optional[str] = None) -> None:
        """Give a person the role of a title or description; ``head``: the words that say what
        the person is, when not all of ``text`` do ("an aide" of "an aide to President Roe")."""
        text = role_text(text)
        role = self.lex.role_in(head or text)
        if role is not None and (not heads(head or text, role.noun) or plural(head or text, role.noun)):
            return  # the role noun names someone or something else, or several people ("candidates")
        kind = self._context_kind(text) if role is None or role.noun in ("director", "head", "chief", "founder", "chairman") else None
        kind = kind or (role.kind if role else None)
        if kind is None:
            return
        side = self.side_of(text)
        if role is not None and role.noun == "ambassador" and (side or "").lower() in MEMBERS_POSTED_TO:
            # "U.N. Ambassador Jane Roe": the state that sent her, if the title names it, else none yet
            side = self.side_of(" ".join(w for w in text.split() if self.lex.side_of(w) != side))
            side = None if (side or "").lower() in MEMBERS_POSTED_TO else side
        if owner is not None and side is None:
            owner_actor = self.by_surname.get(owner.text)  # whose office the record holds may have no side yet
            term = self._officeholder(owner_actor.name) if owner_actor and owner_actor.side is None else None
            side = (owner_actor.side or (term.side if term else None) if owner_actor
                    else self.lex.side_of(owner.text) or self._body_side_in_title([owner]))
        current = held_now(text)
        if role and role.office and side and current:
            holder = next(
                (a for a in self.actors.values() if a is not actor and a.office and a.role_noun == role.noun and a.side == side),
                None,
            )
            if holder is not None:
                self.warnings.append(
                    Warning(
                        kind="role_conflict",
                        actor_id=actor.id,
                        evidence=evidence,
                        message=f"{actor.name} is called '{text}', a post {holder.name} holds in this article: "
                        "likely a translation or editing error; the role was not given to them.",
                    )
                )
                return
        corrects_title = kind in OBSERVER_KINDS and actor.kind not in OBSERVER_KINDS
        if actor.kind == "person" or kind in OBSERVER_KINDS:
            actor.kind = kind
        if actor.role is None or corrects_title:
            actor.role = re.sub(r"^(the|a|an)\s+", "", text, flags=re.IGNORECASE)
            actor.role_noun = role.noun if role else None
            actor.office = bool(role and role.office and current)
        actor.side = actor.side or side

    def side_of(self, text: str) -> Optional[str]:
        """The side a phrase names: the lexicon first, then the article's own places
        ("Valdoran minister" -> Valdora when Valdora is a place in this article); never through
        a place inside a longer name of no state body ("The Valdora Times")."""
        if (own := self.lex.side_word_in(text)) is not None and holds_generic_body(own):
            return self.lex.side_words[own]  # "the Ministry of External Affairs" is India's
        if (half := THE_HALF.search(text)) is not None and half[1] in self._halves:
            return self._halves[half[1]]  # "the North's statement" in a story about North Korea
        text = without_generic_bodies(text)  # "the Supreme National Security Council" is no UN Security Council
        return side_in_text(text, self.lex, lambda part: self.lex.side_of(part) or place_in(part, self.places))

    @cached_property
    def _halves(self) -> dict[str, str]:
        """"North" -> North Korea when the article names one side called "North ..." (and
        so for "South"): what "the North" stands for in it."""
        named: dict[str, set[str]] = {}
        for half, name in re.findall(r"\b(North|South) ([A-Z][a-z]+)", doc_text(self.doc)):
            if (side := self.lex.side_names.get(normalize(f"{half} {name}"))) is not None:
                named.setdefault(half, set()).add(side)
        return {half: sides.pop() for half, sides in named.items() if len(sides) == 1}

    def _new(self, name: str, kind: str, side: Optional[str] = None, role: Optional[str] = None) -> ActorDraft:
        base = slug(name)
        actor_id, n = base, 2
        while actor_id in self.actors:
            actor_id, n = f"{base}_{n}", n + 1
        actor = ActorDraft(id=actor_id, name=name, kind=kind, side=side, role=role)
        self.actors[actor_id] = actor
        return actor

    def _learn_speaker_names(self, drafts: list[Draft]) -> None:
        """A speaker written as a two- or three-word proper name is a person unless it looks
        like a body ("Jane Roe said" vs "Acme Holdings said"), whatever NER called it; the first
        of a surname in the text is the one its lone surname names, whichever NER found first."""
        for draft in drafts:
            token = draft.subject
            if token is None or token.pos_ != "PROPN":
                continue
            holder = self.by_surname.get(token.text) or self.by_surname.spelled(token.text)
            start, _ = mention_tokens(token)
            words = last_name_words([t for t in proper_run(self.doc, start, token.i + 1) if t.text not in HYPHENS])
            titled = False
            while len(words) > 1 and (self._title_word(words[0]) or self.doc[words[0].i - 1].lower_ == "of") and not all(
                    map(self._title_word, words)):
                # "Mayor Ana Ruiz", "Secretary of State Ana Ruiz", "Sheikh Saif": the name is "Ana Ruiz", "Saif"
                words, titled = words[1:], True
            main = [w for w in words if not is_particle(w)]
            if not (1 if titled else 2) <= len(main) <= 3 or not all(w.text.istitle() and w.text.isalpha() for w in main):
                continue
            name = written_name(words)
            if token.ent_type_ in ("GPE", "NORP", "LOC", "FAC", "DATE") or any(w.lower_ in ORG_WORDS for w in words):
                continue
            if outlet_not_person(name, self.doc[start].lower_ == "the", self.lex):
                continue  # "The Daily Ledger reported": a newspaper, not a person
            if self.lex.known_actor(name) or self.lex.side_of(name) or self.by_full_name.begun_by(name) or holder is not None and (
                    could_be_one(holder.name, name, self._officeholder) or 0 <= doc_text(self.doc).find(holder.name) < token.idx):
                continue  # this person, or a namesake named before ("Jan Roe ... Roe said ... her son Eric Roe")
            actor = self._new(name, "person")
            actor.surname = token.text
            self.by_surname[token.text] = actor
            self._learn_title(actor, words[0].i, token)
            for child in token.children:
                if child.dep_ in ("appos", "relcl") and child.pos_ in ("NOUN", "PROPN", "VERB"):
                    self._learn_description(actor, child)
            side_from_office(actor, self.lex, self.year)
