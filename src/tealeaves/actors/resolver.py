"""Canonical actors: one per person, body or group, with aliases, role, kind and side.

People are learned from the article itself: names (spaCy's PERSON entities), the titles
before them ("Russian Deputy Foreign Minister Sergei Ryabkov"), appositions after them
("Peskov, the Kremlin spokesman") and possessives ("Putin's spokesman"). Mentions are then
resolved in text order: a name by its surname, a role noun ("the Russian leader") by the
person last seen with a matching role and side, a pronoun by the most salient earlier
subject, a capital or institution ("Moscow", "the Kremlin") by the state it stands for.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import replace
from typing import Optional, Sequence

from spacy.tokens import Doc, Token

from tealeaves.actors.actor_draft import ActorDraft, ids_by_final_name
from tealeaves.actors.antecedents import (
    FIRST_PERSON,
    MESSAGE_NOUNS,
    PERSON_PRONOUNS,
    PLURAL_PRONOUNS,
    continued_speaker,
    narration_counts,
    resolve_pronoun,
)
from tealeaves.actors.bodies import body_side, context_kind, is_outlet, leader_side, outlet_not_person, side_in_text
from tealeaves.actors.context import ArticleContext, give_context_sides, is_media, without_generic_bodies
from tealeaves.actors.name_parts import HYPHENS, entity_of, is_particle, last_name_words, whole_name, written_name
from tealeaves.actors.names import ORG_WORDS, NameKeyed, could_be_one, person_name, slug, without_the
from tealeaves.actors.namesakes import (
    apposed,
    first_full_name,
    headline_last,
    honorific_gender,
    may_describe,
    named_within,
    names_others,
    namesake,
    titled_officeholder,
)
from tealeaves.actors.places import country_after, place_in, places_of
from tealeaves.actors.roles import (
    heads,
    held_now,
    plural,
    qualifiers_agree,
    role_matches,
    role_text,
    side_from_office,
    title_run,
)
from tealeaves.actors.speakers import ResolvedSpeaker, body_named_before, conjunct_span, coordinated_speakers
from tealeaves.attribution.draft import Draft, clause_depth
from tealeaves.attribution.speaker import can_speak, mention_tokens  # a noun phrase without clauses or conjuncts
from tealeaves.lexicon import TITLE_WORDS, Lexicon, normalize
from tealeaves.models import OBSERVER_KINDS, Actor, Warning


class ActorResolver:
    """Reads a document's names and titles, then resolves each statement's speaker."""

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
        self.by_surname, self.by_full_name = NameKeyed(), NameKeyed()  # the first person named with each surname; all
        self.warnings: list[Warning] = []
        self.seen: list[tuple[int, int, ActorDraft]] = []  # (token index, depth, actor) of each mention: pronouns, roles
        self.speakers: list[ActorDraft] = []  # each statement's speaker so far, in text order ("the statement said")
        self.places = sorted(places_of(doc), key=len, reverse=True)
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
            if not tokens or not tokens[-1].text[:1].isupper():
                continue
            surname = tokens[-1].text
            full = written_name(tokens)
            actor = self.by_full_name.get(full) or self.by_surname.get(surname) or self.by_full_name.begun_by(full)
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

    def _learn_appositions(self, actor: ActorDraft, head: Token) -> None:
        for child in head.children:
            if child.dep_ == "appos" and child.pos_ in ("NOUN", "PROPN"):
                self._learn_description(actor, child)
        if head.dep_ == "appos" and head.head.pos_ in ("NOUN", "PROPN") and apposed(head.head, head, self.lex):
            self._learn_description(actor, head.head)  # "the Kremlin spokesman, Jan Roe"

    def _is_person(self, ent) -> bool:
        """spaCy's PERSON, or a two- or three-word proper name it called an organisation
        but that an apposition describes as a person ("Jane Roe, founder of ...")."""
        if ent.label_ == "PERSON":
            return True
        words = [t for t in ent if t.text not in ("’s", "'s")]
        if ent.label_ != "ORG" or not 2 <= len(words) <= 3 or not all(t.pos_ == "PROPN" and t.text.istitle() for t in words):
            return False
        if any(t.lower_ in ORG_WORDS for t in words) or self.lex.known_actor(ent.text):
            return False
        return any(
            c.dep_ == "appos" and (self.lex.role_in(c.text) or self._context_kind(" ".join(t.text for t in c.subtree)))
            for c in ent.root.children
        )

    def _learn_title(self, actor: ActorDraft, ent_start: int, head: Token) -> None:
        """Words before a name in its phrase: "Russian President", "Putin's spokesman"."""
        left = [t for t in head.subtree if t.i < ent_start]
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

    def _learn_title_run(self, actor: ActorDraft, ent_start: int) -> None:
        if (title := title_run(self.doc, ent_start, self.lex)) is not None:
            self._apply_role(actor, title, None, evidence=f"{title} {actor.name}")

    def _learn_description(self, actor: ActorDraft, noun: Token) -> None:
        """An apposition: "Peskov, the Kremlin spokesman" teaches a role and an alias; a definite
        description that is no role, an alias only (its side may be another person's)."""
        named = {t.i for c in noun.children if c.dep_ == "appos" and c.ent_type_ == "PERSON" for t in c.subtree}
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
        if owner is not None and side is None:
            owner_actor = self.by_surname.get(owner.text)
            side = owner_actor.side if owner_actor else self.lex.side_of(owner.text)
        current = held_now(text)
        if role and role.office and side and current:
            holder = next((a for a in self.actors.values() if a is not actor and a.office and a.role_noun == role.noun
                           and a.side == side), None)
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
        text = without_generic_bodies(text)  # "the Supreme National Security Council" is no UN Security Council
        return side_in_text(text, self.lex, lambda part: self.lex.side_of(part) or place_in(part, self.places))

    def _new(self, name: str, kind: str, side: Optional[str] = None, role: Optional[str] = None) -> ActorDraft:
        base = slug(name)
        actor_id, n = base, 2
        while actor_id in self.actors:
            actor_id, n = f"{base}_{n}", n + 1
        actor = ActorDraft(id=actor_id, name=name, kind=kind, side=side, role=role)
        self.actors[actor_id] = actor
        return actor

    # ---- resolving mentions ----------------------------------------------------------
    def resolve_all(self, drafts: list[Draft]) -> list[ResolvedSpeaker]:
        """Each draft's speaker, in the drafts' order, found by reading mentions in text order
        (the drafts are left as they are)."""
        self._learn_speaker_names(drafts)
        events: list[tuple[int, str, object]] = []
        for token in self.doc:
            if token.dep_ in ("nsubj", "nsubjpass") and (token.ent_type_ == "PERSON" or self._role_phrase(token)
                                                          or token.pos_ == "PROPN" and token.text in self.by_surname):
                events.append((token.i, "subject", token))
        for entity in self.doc.ents:  # people named elsewhere: antecedents too, less salient
            if entity.label_ == "PERSON" and entity.root.dep_ not in ("nsubj", "nsubjpass"):
                events.append((entity.root.i, "mention", entity.root))
        for draft in drafts:
            if draft.subject is not None:
                events.append((draft.subject.i, "speaker", draft))
            else:
                events.append((bisect_left(self.token_starts, draft.start), "inherit", draft))
        events.sort(key=lambda e: (e[0], e[1] != "speaker"))
        decided: dict[int, ResolvedSpeaker] = {}  # id(draft) -> its speaker
        for index, what, item in events:
            if what in ("subject", "mention") and isinstance(item, Token):
                actor = self._resolve_token(item, register=False)
                if actor is not None and not self._quoted(item.i):  # a quoted name is the quote's
                    self.seen.append((index, clause_depth(item.head) + (what == "mention"), actor))
            elif what == "speaker" and isinstance(item, Draft):
                speaker = self._speaker_of(item, index)
                if speaker is not None:
                    decided[id(item)] = speaker
            elif isinstance(item, Draft) and item.inherit_from is not None:  # a cue-less quote
                source = decided.get(id(item.inherit_from), ResolvedSpeaker()).actor_id
                since = bisect_left(self.token_starts, item.inherit_from.end)
                decided[id(item)] = ResolvedSpeaker(continued_speaker(source, since, index, self.seen))
        return [decided.get(id(draft), ResolvedSpeaker()) for draft in drafts]

    def _speaker_of(self, draft: Draft, index: int) -> Optional[ResolvedSpeaker]:
        """The speaker of a draft whose mention heads at token ``index``, each mentioned one
        then an antecedent; None for nobody (a reporter's question is no speaker's statement)."""
        if (subject := draft.subject) is None:
            return None
        coordinated = self._coordinated(subject)
        if coordinated:
            self.seen.extend((index, draft.depth, actor) for _, actor in coordinated)
            first, *others = (ResolvedSpeaker(actor.id, mention=span) for span, actor in coordinated)
            return replace(first, others=tuple(others))
        actor = self._resolve_token(subject, register=True)
        if actor is None or draft.cue_sense == "question" and actor.kind == "journalist":
            return None
        self.seen.append((index, draft.depth, actor))
        self.speakers.append(actor)
        return ResolvedSpeaker(actor.id, subject.lower_ in PERSON_PRONOUNS | PLURAL_PRONOUNS)

    def _learn_speaker_names(self, drafts: list[Draft]) -> None:
        """A speaker written as a two- or three-word proper name is a person unless it looks
        like a body ("Jane Roe said" vs "Acme Holdings said"), whatever NER called it; the first
        of a surname in the text is the one its lone surname names, whichever NER found first."""
        for draft in drafts:
            token = draft.subject
            if token is None or token.pos_ != "PROPN":
                continue
            holder = self.by_surname.get(token.text)
            start, _ = mention_tokens(token)
            words = last_name_words([t for t in self.doc[start : token.i + 1] if t.pos_ == "PROPN" or is_particle(t)])
            titled = False
            while len(words) > 1 and (words[0].lower_ in self.lex.roles or self.doc[words[0].i - 1].lower_ == "of"):
                # "Mayor Ana Ruiz", "Secretary of State Ana Ruiz": the name is "Ana Ruiz"
                words, titled = words[1:], True
            main = [w for w in words if not is_particle(w)]
            if not (1 if titled else 2) <= len(main) <= 3 or not all(w.text.istitle() and w.text.isalpha() for w in main):
                continue
            name = written_name(words)
            if token.ent_type_ in ("GPE", "NORP", "LOC", "FAC", "DATE") or any(w.lower_ in ORG_WORDS for w in words):
                continue
            if outlet_not_person(name, self.doc[start].lower_ == "the", self.lex):
                continue  # "The Daily Ledger reported": a newspaper, not a person
            if self.lex.known_actor(name) or self.lex.side_of(name) or holder is not None and (
                    could_be_one(holder.name, name, self._officeholder) or 0 <= self.doc.text.find(holder.name) < token.idx):
                continue  # this person, or a namesake named before ("Jan Roe ... Roe said ... her son Eric Roe")
            actor = self._new(name, "person")
            actor.surname = token.text
            self.by_surname[token.text] = actor
            self._learn_title(actor, words[0].i, token)
            for child in token.children:
                if child.dep_ in ("appos", "relcl") and child.pos_ in ("NOUN", "PROPN", "VERB"):
                    self._learn_description(actor, child)
            side_from_office(actor, self.lex, self.year)

    def _coordinated(self, subject: Token) -> list[tuple[tuple[int, int], ActorDraft]]:
        """Each conjunct's range and distinct actor, none a group ("Roe and his aides" is Roe)."""
        heads = coordinated_speakers(subject)
        actors = [self._resolve_token(head, register=False, alone=True) for head in heads]
        if any(a is None or a.kind == "group" for a in actors) or len({id(a) for a in actors}) < len(heads):
            return []
        return [(conjunct_span(h), a) for h in heads if (a := self._resolve_token(h, register=True, alone=True))]

    def _resolve_token(self, token: Token, register: bool, alone: bool = False) -> Optional[ActorDraft]:
        """The actor a mention's head names; ``alone``: the head without its conjuncts."""
        conjuncts = [] if alone else [c for c in token.children if c.dep_ == "conj"]
        lowered = token.lower_
        if token.pos_ == "PRON" or (token.text.islower() and lowered in PERSON_PRONOUNS | PLURAL_PRONOUNS | FIRST_PERSON):
            return self._resolve_pronoun(token)
        named = next((c for c in token.children if c.dep_ == "appos" and c.ent_type_ == "PERSON"), None)
        if named is not None and token.pos_ in ("NOUN", "PROPN") and token.ent_type_ != "PERSON":
            return self._resolve_token(named, register)  # "a spokesman for the ministry, Joel Mwangi,"
        start, end = mention_tokens(token)
        phrase = self.doc[start:end].text
        if token.ent_type_ == "PERSON" or (token.text in self.by_surname and token.text[:1].isupper()):
            actor = self._person_named(token)
            if actor is not None:
                if register and not names_others(self.doc[start:end], actor, self.by_surname.get):
                    actor.add_alias(phrase)  # not "Jan Roe and Ana Lind", "Roe-Lind", "Lind Thanks Roe"
                return actor
        known = self.lex.known_actor(phrase) or self.lex.known_actor(token.text)
        if known is not None:
            return self._known(known, phrase)
        if is_media(phrase) and not conjuncts:  # "Israeli media", "state television": observers (D11)
            name = without_the(phrase)
            return self._find_or_new(name, "journalist", self.side_of(phrase), role="news media") if register else None
        seat_side = self._seat_or_side(token, phrase)
        if seat_side is not None and not conjuncts:
            return self._state(seat_side, phrase)
        if token.lemma_.lower() in MESSAGE_NOUNS and not conjuncts:
            owner = self._owner_of_message(token, phrase)
            if owner is not None:
                if register:
                    owner.add_alias(phrase)
                return owner
        if token.tag_ in ("NNS", "NNPS") or conjuncts:
            return self._group(token, start, end, conjuncts) if register else None
        role = self._role_phrase(token)
        if role is not None:
            return self._resolve_role(token, phrase, register)
        return self._named_or_new(token, phrase) if register else None

    def _seat_or_side(self, token: Token, phrase: str) -> Optional[str]:
        """The side a phrase names as a seat of government or a side's name ("Moscow", "Ukraine"),
        or a country of this article the lexicon does not know."""
        seat_side = self.lex.seats.get(normalize(phrase)) or self.lex.side_names.get(normalize(phrase))
        if seat_side is None and token.ent_type_ == "GPE" and phrase in self.places:
            seat_side = phrase
        return seat_side

    def _named_or_new(self, token: Token, phrase: str) -> ActorDraft:
        """A named body or state, or a new person or body for a phrase nothing else resolved."""
        if token.ent_type_ in ("ORG", "NORP", "GPE") or token.pos_ == "PROPN":
            name = without_the(phrase)
            if token.ent_type_ != "GPE" and outlet_not_person(name, name != phrase, self.lex):  # "The New York Times"
                return self._find_or_new(name, "journalist", None, role="news outlet")
            kind = "state" if token.ent_type_ == "GPE" else "organization"
            return self._find_or_new(name, kind, self.side_of(phrase) or self._leader_side(token))
        kind = "organization" if token.lemma_.lower() in self.lex.bodies else "person"
        if kind == "organization" and phrase.lower() == f"the {token.lower_}" and (
                named := body_named_before(token.lower_, (a for _, _, a in self.seen), self.lex.countries)) is not None:
            named.add_alias(phrase)  # "the Russian Foreign Ministry urged …; the ministry said"
            return named
        return self._find_or_new(without_the(phrase) if kind != "person" else phrase,
                                 kind, self.side_of(phrase) or self._leader_side(token))

    def _owner_of_message(self, token: Token, phrase: str) -> Optional[ActorDraft]:
        """'Vell's proposal', 'a statement by Vell' speak for Vell; 'the American offer' for the United States."""
        cited = token.head.head if token.dep_ == "pobj" and token.head.head.lower_ == "according" else token  # "... to X by Y"
        author = next((g for c in {*token.children, *cited.children} if c.dep_ == "prep" and c.lower_ == "by"
                       for g in c.children if g.dep_ == "pobj" and can_speak(g, self.lex)), None)
        if author is not None:
            return self._resolve_token(author, register=True)
        owner = next((c for c in token.children if c.dep_ == "poss"), None)
        if owner is not None and (owner.ent_type_ == "PERSON" or owner.text in self.by_surname):
            return self._person_named(owner)
        if (side := self.side_of(phrase)) is not None:
            return self._state(side, phrase)
        names = [c for c in token.children if c.dep_ == "compound" and c.pos_ == "PROPN"]
        said = next((g for c in token.children if c.dep_ == "relcl" for g in c.children if g.dep_ == "nsubj" and g.pos_ == "PROPN"),
                    next((c for c in cited.head.children if c.dep_ == "nsubj" and c.pos_ == "PROPN"), None) if cited is not token else None)
        if not names:  # "a speech Roe gave", "Roe agreed, according to a statement": Roe's; "the statement said": the last speaker's
            return self._resolve_token(said, register=True) if said is not None else next(
                (a for a in reversed(self.speakers) if a.kind not in ("journalist", "group")), None) if self.doc[token.i - 1].lower_ == "the" else None
        name = self.doc[names[0].left_edge.i : names[-1].i + 1].text  # "the RCMP statement": the RCMP's
        known = self.lex.known_actor(name)
        if known is not None:
            return self._known(known, name)
        if is_outlet(name, self.lex):  # "a Jerusalem Post report"
            return self._find_or_new(name, "journalist", None, role="news outlet")
        return self._find_or_new(name, "organization", None)

    def _person_named(self, token: Token) -> Optional[ActorDraft]:
        """The person a name refers to (``_named_by``), unless an honorific says it is a namesake
        of the other gender ("Mrs. Roe" after "Bill Roe"): then that one, new if need be."""
        actor = self._named_by(token)
        start = mention_tokens(token)[0]
        wanted = honorific_gender(self.doc[start : token.i], self.lex.genders["honorifics"])
        gender = lambda a: self.lex.gender_of(a.name, a.role) or a.gender  # noqa: E731
        if actor is None or (found := namesake(actor, wanted, self.actors.values(), gender)) is not None:
            return actor if actor is None else found
        written = self.doc[start : token.i + 1].text
        if written not in self.by_full_name:
            self.by_full_name[written] = self._new(written, "person")
            self.by_full_name[written].surname, self.by_full_name[written].gender = token.text, wanted
        return self.by_full_name[written]

    def _named_by(self, token: Token) -> Optional[ActorDraft]:
        """The person a name refers to: by the full name it is part of, by its own word, else
        by any surname in its phrase."""
        start, end = mention_tokens(token)
        if (holder := titled_officeholder(self.doc, start, token, self.actors.values(), self.lex)) is not None:
            return holder  # "President Bush" beside Jeb and George W. Bush
        entity = entity_of(token) if token.ent_type_ == "PERSON" else None
        if entity is not None:
            full = written_name([t for t in self.doc[slice(*whole_name(self.doc, *entity))]
                                 if t.tag_ != "POS" and t.text not in ("’s", "'s")])
            if full in self.by_full_name:
                return self.by_full_name[full]
        if token.text in self.by_surname:
            return self._one_of_surname(token, self.by_surname[token.text])
        return next((self.by_surname[t.text] for t in self.doc[start:end] if t.text in self.by_surname), None)

    def _one_of_surname(self, token: Token, first: ActorDraft) -> ActorDraft:
        """The person a surname names: the first person of that surname, unless the name is
        written whole with another first name ("Bill Clinton" after "Hillary Clinton", where
        the model found no name): then that person, new if need be."""
        start, _ = mention_tokens(token)
        words = [t for t in self.doc[start : token.i + 1] if t.pos_ == "PROPN" and t.text not in HYPHENS]
        while len(words) > 1 and (words[0].lower_ in self.lex.roles or words[0].lower_.rstrip(".") in TITLE_WORDS):
            words = words[1:]  # "President Bill Clinton": the name is "Bill Clinton"
        written = written_name(words)
        if could_be_one(first.name, written, self._officeholder):
            return first
        actor = self.by_full_name.get(written)
        if actor is None:
            actor = self._new(written, "person")
            actor.surname = token.text
            self.by_full_name[written] = actor
            self._learn_title(actor, words[0].i, token)
            for child in token.children:
                if child.dep_ == "appos" and child.pos_ in ("NOUN", "PROPN"):
                    self._learn_description(actor, child)
            side_from_office(actor, self.lex, self.year)
        return actor

    def _role_phrase(self, token: Token):
        if token.pos_ not in ("NOUN",):
            return None
        start, end = mention_tokens(token)
        role, whole = self.lex.role_in(self.doc[start : token.i + 1].text), self.lex.role_in(self.doc[start:end].text)
        return whole if role and whole and whole.noun.startswith(f"{role.noun} ") else role  # "secretary of state"

    def _resolve_role(self, token: Token, phrase: str, register: bool) -> Optional[ActorDraft]:
        """'the Russian leader' -> the person last seen with a matching role and side."""
        role = self._role_phrase(token)
        side = self.side_of(phrase)
        definite = any(c.dep_ in ("det", "poss") and c.lower_ != "a" and c.lower_ != "an" for c in token.children)
        if definite:
            # "“Mr. President, Jan Roe,” the Ardunese leader said": whom the quote names is not its speaker
            quoted_here = {t.text for t in token.sent if self._quoted(t.i)}

            def fits(actor: ActorDraft) -> bool:  # "the New Jersey governor" is no Florida governor
                return (role_matches(actor, role, self.lex) and (side is None or actor.side in (None, side))
                        and qualifiers_agree(phrase, " ".join([f"{actor.role} {actor.name}", *actor.aliases]),
                                             lambda word: None if word in self.lex.regions else self.side_of(word)))
            for _, _, actor in reversed(self.seen):
                if fits(actor):
                    return self._mentioned_as(actor, phrase, side, register)
            for actor in reversed(list(self.actors.values())):
                if actor.surname and actor.surname not in quoted_here and fits(actor):
                    return self._mentioned_as(actor, phrase, side, register)
        if not register:
            return None
        name = re.sub(r"^(the|a|an)\s+", "", phrase, flags=re.IGNORECASE)
        kind = self._context_kind(phrase) or role.kind
        actor = self._find_or_new(name, kind, side or self._leader_side(token)
                                  or body_side(token, self.lex.bodies, self.side_of))
        actor.role = actor.role or name
        actor.role_noun = role.noun
        return actor

    def _mentioned_as(self, actor: ActorDraft, phrase: str, side: Optional[str], register: bool) -> ActorDraft:
        """A person mentioned by a role ("the Danish minister"): its side holds for all mentions."""
        actor.side = actor.side or side
        if register:
            actor.add_alias(phrase)
        return actor

    def _quoted(self, i: int) -> bool:
        return self.narration_before[i + 1] == self.narration_before[i]

    def _resolve_pronoun(self, token: Token) -> Optional[ActorDraft]:
        return resolve_pronoun(token, self.seen, self.lex.gender_of, self.narration_before)

    def _group(self, token: Token, start: int, end: int, conjuncts: list[Token]) -> ActorDraft:
        if conjuncts:
            first = mention_tokens(token)
            if token.ent_type_ == "PERSON" or token.text in self.by_surname:
                return self._person_named(token)
            end = max(c.right_edge.i for c in conjuncts) + 1
            start = first[0]
        phrase = re.sub(r"^(the|some|many|several|other)\s+", "", self.doc[start:end].text, flags=re.IGNORECASE)
        role = self.lex.role_in(phrase)
        observers = role is not None and role.kind in OBSERVER_KINDS
        side = None if observers else (self._one_side(phrase) or self._leader_side(token)
                                       or body_side(token, self.lex.bodies, self.side_of))
        return self._find_or_new(phrase, "group", side)

    def _one_side(self, phrase: str) -> Optional[str]:
        """The side a group speaks for, or None when its parts name different sides
        ("Russian analysts and US officials", "French and German ministers")."""
        sides = {self.side_of(part) for part in re.split(r",|\band\b|&", phrase)} - {None}
        return sides.pop() if len(sides) == 1 else None

    def _state(self, side: str, phrase: str) -> ActorDraft:
        actor = self._find_or_new(side, "state", side)
        actor.add_alias(phrase)
        return actor

    def _known(self, known, phrase: str) -> ActorDraft:
        actor = self.actors.get(known.id)
        if actor is None:
            actor = ActorDraft(id=known.id, name=known.name, kind=known.kind, side=known.side, role=known.role)
            self.actors[known.id] = actor
        actor.add_alias(phrase)
        return actor

    def _find_or_new(self, name: str, kind: str, side: Optional[str], role: Optional[str] = None) -> ActorDraft:
        key = normalize(name)
        for actor in self.actors.values():
            if normalize(actor.name) == key or key in {normalize(a) for a in actor.aliases}:
                return actor
        return self._new(name, kind, side, role)

    def actors_used(self, speakers: list[ResolvedSpeaker]) -> tuple[list[Actor], list[ResolvedSpeaker]]:
        """The actors that speak or act, each person's id made from the name they ended with,
        and ``speakers`` with those ids."""
        used = {s.actor_id for speaker in speakers for s in (speaker, *speaker.others) if s.actor_id is not None}
        for actor_id in used:
            side_from_office(self.actors[actor_id], self.lex, self.year)
        context = ArticleContext(self.doc, self.lex, (a for _, _, a in self.seen), self.actors.values())  # the last evidence
        self.warnings.extend(give_context_sides((a for a in self.actors.values() if a.id in used), context))
        renamed = ids_by_final_name(self.actors.values(), used)

        def new_id(s: ResolvedSpeaker) -> ResolvedSpeaker:
            return replace(s, actor_id=renamed.get(s.actor_id, s.actor_id) if s.actor_id else None,
                           others=tuple(new_id(o) for o in s.others))
        speakers = [new_id(s) for s in speakers]
        self.warnings = [replace(w, actor_id=renamed[w.actor_id]) if w.actor_id in renamed else w for w in self.warnings]
        used = {renamed.get(actor_id, actor_id) for actor_id in used}
        return [a.freeze() for a in self.actors.values() if a.id in used], speakers
