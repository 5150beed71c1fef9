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
from typing import Optional

from spacy.tokens import Token

from tealeaves.actors.actor_draft import ActorDraft, ids_by_final_name
from tealeaves.actors.antecedents import (
    AGE_DESCRIPTION,
    FIRST_PERSON,
    MESSAGE_NOUNS,
    PERSON_PRONOUNS,
    PLURAL_PRONOUNS,
    continued_speaker,
    pronoun_antecedent,
    resolve_pronoun,
)
from tealeaves.actors.bodies import body_side, is_outlet, outlet_not_person
from tealeaves.actors.context import ArticleContext, give_context_sides, is_media
from tealeaves.actors.learning import NameLearner
from tealeaves.actors.name_parts import HYPHENS, entity_of, name_head, proper_run, whole_name, written_name
from tealeaves.actors.names import abbreviates, could_be_one, is_initials, without_the
from tealeaves.actors.namesakes import honorific_gender, names_others, namesake, titled_officeholder
from tealeaves.actors.roles import qualifiers_agree, role_matches, side_from_office
from tealeaves.actors.speakers import (
    ResolvedSpeaker,
    body_named_before,
    conjunct_span,
    coordinated_speakers,
    movement_named_before,
)
from tealeaves.attribution.draft import Draft, clause_depth
from tealeaves.attribution.speaker import can_speak, mention_tokens  # a noun phrase without clauses or conjuncts
from tealeaves.lexicon import TITLE_WORDS, normalize
from tealeaves.models import OBSERVER_KINDS, Actor
from tealeaves.words import word_list

STATE_STYLE = re.compile(r"(?:%s) of (.+)" % "|".join(map(re.escape, word_list("state_styles"))))  # "kingdom of bahrain"


class ActorResolver(NameLearner):
    """Resolves each statement's speaker to one actor, reading mentions in text order over the
    people ``NameLearner`` learned from the document's names and titles."""

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

    def _coordinated(self, subject: Token) -> list[tuple[tuple[int, int], ActorDraft]]:
        """Each conjunct's range and distinct actor, none a group ("Roe and his aides" is Roe)."""
        heads = coordinated_speakers(subject)
        actors = [self._resolve_token(head, register=False, alone=True) for head in heads]
        if any(a is None or a.kind == "group" for a in actors) or len({id(a) for a in actors}) < len(heads):
            return []
        return [(conjunct_span(h), a) for h in heads if (a := self._resolve_token(h, register=True, alone=True))]

    def _resolve_token(self, token: Token, register: bool, alone: bool = False) -> Optional[ActorDraft]:
        """The actor a mention's head names; ``alone``: the head without its conjuncts."""
        token = name_head(token)  # "Jae" of "Jae" + "-in", which the parser took for a word of its own
        conjuncts = [] if alone else [c for c in token.children if c.dep_ == "conj"]
        lowered = token.lower_
        if token.pos_ == "PRON" or (token.text.islower() and lowered in PERSON_PRONOUNS | PLURAL_PRONOUNS | FIRST_PERSON):
            return self._resolve_pronoun(token)
        named = self._apposed_person(token)
        if named is not None:  # "a spokesman for the ministry, Joel Mwangi,"
            return self._titled_by(token, self._resolve_token(named, register), named)
        start, end = mention_tokens(token)
        phrase = self.doc[start:end].text
        if AGE_DESCRIPTION.fullmatch(phrase) and not conjuncts and (aged := self._aged(token, phrase, register)):
            return aged
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

    def _titled_by(self, token: Token, actor: Optional[ActorDraft], named: Token) -> Optional[ActorDraft]:
        """``actor``, named by ``named`` apposed to ``token``'s mention, with the role that mention
        opens with when nothing gave it one ("Spokesman of Iran's Council, Jan Roe")."""
        title = self.doc[mention_tokens(token)[0] : named.left_edge.i].text.rstrip(" ,")
        if actor is not None and actor.kind == "person" and self.lex.role_in(title) is not None:
            self._apply_role(actor, title, None, evidence=f"{title}, {named.text}")
        return actor

    def _apposed_person(self, token: Token) -> Optional[Token]:
        """The named person a mention of no person is set beside: its apposition, or the
        name after its role's of-phrase body (``_named_after_body``)."""
        named = next((c for c in token.children if c.dep_ == "appos" and (c.ent_type_ == "PERSON" or (
            c.pos_ == "PROPN" and c.text in self.by_surname and self.lex.role_in(token.lower_)))), None)
        if named is not None and token.pos_ in ("NOUN", "PROPN") and token.ent_type_ != "PERSON":
            return named  # a person the model missed here, named elsewhere, beside a role ("The President of X, Ana Ruiz,")
        return self._named_after_body(token)

    def _named_after_body(self, token: Token) -> Optional[Token]:
        """The person a role's of-phrase names right after its body: "Spokesman of Iran's
        Guardian Council, Jan Roe," (the parser hangs the name on the council, which no person
        is an apposition of)."""
        if token.ent_type_ == "PERSON" or self.lex.role_in(token.lower_) is None:  # "Spokesman of ..." opening a sentence
            return None
        for body in (g for c in token.children if c.dep_ == "prep" and c.lower_ in ("of", "for", "at")
                     for g in c.children if g.dep_ == "pobj" and g.ent_type_ != "PERSON"):
            named = next((c for c in body.children if c.dep_ == "appos" and c.ent_type_ == "PERSON"), None)
            if named is not None and self.doc[named.left_edge.i - 1].text == ",":
                return named
        return None

    def _aged(self, token: Token, phrase: str, register: bool) -> Optional[ActorDraft]:
        """The person "the 71-year-old" stands for: the named person a pronoun there would."""
        actor = resolve_pronoun(token, self.seen, self.lex.gender_of, self.narration_before, named_person=True)
        if actor is not None and register:
            actor.add_alias(phrase)
        return actor

    def _seat_or_side(self, token: Token, phrase: str) -> Optional[str]:
        """The side a phrase names as a seat of government or a side's name ("Moscow", "Ukraine",
        "Korea" whose "North" the parser left in the sentence before), or a country of this
        article the lexicon does not know."""
        seat_side = self.lex.seats.get(normalize(phrase)) or self.lex.side_names.get(normalize(phrase))
        if seat_side is None and (styled := STATE_STYLE.fullmatch(normalize(phrase))):  # "the Kingdom of Bahrain"
            seat_side = self.lex.side_names.get(styled[1])
        start = mention_tokens(token)[0]
        if seat_side is None and start > 0 and self.doc[start - 1].pos_ == "PROPN":  # "North" | "Korea has ...",
            seat_side = self.lex.side_names.get(normalize(f"{self.doc[start - 1].text} {phrase}"))  # split by the parser
        if seat_side is None and token.ent_type_ == "GPE" and phrase in self.places:
            seat_side = phrase
        if seat_side is None and phrase.lower() in ("the country", "the nation"):
            seat_side = self._country_named_before(token)
        return seat_side

    def _country_named_before(self, token: Token) -> Optional[str]:
        """The one country named before ``token`` in its sentence ("a rebuke to Chile after the
        country said ..."); None for none or two."""
        sides = {side for e in token.sent.ents if e.label_ == "GPE" and e.end <= token.i
                 and (side := self.lex.side_names.get(normalize(without_the(e.text)))) in self.lex.countries}
        return sides.pop() if len(sides) == 1 else None

    def _named_or_new(self, token: Token, phrase: str) -> ActorDraft:
        """A named body or state, or a new person or body for a phrase nothing else resolved;
        a lone name, perhaps titled, that begins one person's full name ("Abiy" after "Abiy
        Ahmed") is that person."""
        if token.pos_ == "PROPN" and all(self._title_word(t) for t in self.doc[mention_tokens(token)[0] : token.i]) and (
                person := self.by_full_name.begun_by(token.text)) is not None:
            person.add_alias(phrase)  # and "Sheikh Saif" after "Sheikh Saif bin Ahmed"
            return person
        if token.ent_type_ in ("ORG", "NORP", "GPE") or token.pos_ == "PROPN":
            name = without_the(phrase)
            if (spelled_out := self._abbreviated(name)) is not None:  # "the PMO" after "the Prime Minister's Office"
                spelled_out.add_alias(phrase)
                return spelled_out
            if token.ent_type_ != "GPE" and outlet_not_person(name, name != phrase, self.lex):  # "The New York Times"
                return self._find_or_new(name, "journalist", None, role="news outlet")
            side = self.side_of(phrase)
            if side is None and phrase == token.text and self.lex.officeholder(phrase, self.year) is not None:
                return self._find_or_new(name, "person", None)  # "Pashinian", a spelling the model took for a place
            kind = "state" if token.ent_type_ == "GPE" else "organization"
            return self._find_or_new(name, kind, side or self._owner_side(token) or self._leader_side(token))
        if (movement := self._movement_again(token, phrase)) is not None:
            movement.add_alias(phrase)  # "Hamas rejected the offer. The group said …"
            return movement
        kind = "organization" if token.lemma_.lower() in self.lex.bodies else "person"
        if kind == "organization" and phrase.lower() == f"the {token.lower_}" and (
                named := body_named_before(token.lower_, (a for _, _, a in self.seen))) is not None:
            named.add_alias(phrase)  # "the Russian Foreign Ministry urged …; the ministry said"
            return named
        return self._find_or_new(without_the(phrase) if kind != "person" else phrase,
                                 kind, self.side_of(phrase) or self._leader_side(token))

    def _abbreviated(self, name: str) -> Optional[ActorDraft]:
        """The one body of known side named before whose initials ``name`` is, or None for none
        or two (a body of no side yet would take its side from the context of both mentions,
        which may disagree)."""
        if not is_initials(name):  # most names: no walk over every mention seen
            return None
        found = {a.id: a for _, _, a in self.seen if a.kind in ("organization", "state") and a.side is not None
                 and abbreviates(name, a.name, self.side_of)}
        return next(iter(found.values())) if len(found) == 1 else None

    def _movement_again(self, token: Token, phrase: str) -> Optional[ActorDraft]:
        """The movement "the group" names again, unless another body is named since (an
        organisation the parser found no speaker in: "Amnesty criticised both sides")."""
        movement = movement_named_before(phrase, (a for _, _, a in self.seen), self._is_movement)
        if movement is None:
            return None
        since = max(i for i, _, a in self.seen if a is movement)
        other = any(e.label_ == "ORG" and since < e.start and e.end <= token.i and self.side_of(e.text) != movement.side
                    for e in self.doc.ents)
        return None if other else movement

    def _is_movement(self, side: Optional[str]) -> bool:
        """Whether a side is a party of no state (an armed movement; the alliances, which no
        article calls "the group", are the only others)."""
        return side is not None and side not in self.lex.countries and side in self.lex.side_names.values()

    def _owner_of_message(self, token: Token, phrase: str) -> Optional[ActorDraft]:
        """'Vell's proposal', 'a statement by Vell' speak for Vell; 'the American offer' for the United States."""
        cited = token.head.head if token.dep_ == "pobj" and token.head.head.lower_ == "according" else token  # "... to X by Y"
        author = next((g for c in {*token.children, *cited.children} if c.dep_ == "prep" and c.lower_ == "by"
                       for g in c.children if g.dep_ == "pobj" and can_speak(g, self.lex)), None)
        if author is not None:
            return self._resolve_token(author, register=True)
        publisher = self._publisher(token)
        outlet = self._resolve_token(publisher, register=True) if publisher is not None else None
        if outlet is not None:  # state media publish their state's statement, not a report of their own
            return self._state(outlet.side, phrase) if outlet.kind == "journalist" and outlet.side else outlet
        body = next((c for c in token.children if c.dep_ == "compound" and c.lemma_.lower() in self.lex.bodies), None)
        named = body_named_before(body.lower_, (a for _, _, a in self.seen)) if body is not None else None
        if named is not None:
            return named  # "the government statement" after "Mali's government has given …"
        owner = next((c for c in token.children if c.dep_ == "poss"), None)
        if owner is not None and (owner.ent_type_ == "PERSON" or owner.text in self.by_surname):
            return self._person_named(owner)
        side = self.side_of(phrase)
        if side is not None:
            return self._state(side, phrase)
        names = [c for c in token.children if c.dep_ == "compound" and c.pos_ == "PROPN"]
        said = next((g for c in token.children if c.dep_ == "relcl" for g in c.children if g.dep_ == "nsubj" and g.pos_ == "PROPN"),
                    next((c for c in cited.head.children if c.dep_ == "nsubj" and c.pos_ == "PROPN"), None) if cited is not token else None)
        if not names:  # "a speech Roe gave", "Roe agreed, according to a statement": Roe's; "the statement said" below
            return self._resolve_token(said, register=True) if said is not None else self._message_before(token, phrase)
        name = self.doc[names[0].left_edge.i : names[-1].i + 1].text  # "the RCMP statement": the RCMP's
        known = self.lex.known_actor(name)
        if known is not None:
            return self._known(known, name)
        if is_outlet(name, self.lex):  # "a Jerusalem Post report"
            return self._find_or_new(name, "journalist", None, role="news outlet")
        return self._find_or_new(name, "organization", None)

    def _publisher(self, message: Token) -> Optional[Token]:
        """Who published or carried a message ("a statement published by state media", "the
        statement carried in KCNA"): the participle's "by" agent, or the known outlet it was
        carried in; None for a place ("a statement issued in Geneva")."""
        for participle in (c for c in message.children if c.dep_ == "acl" and c.tag_ == "VBN"):
            for prep in (c for c in participle.children if c.dep_ in ("agent", "prep") and c.lower_ in ("by", "in")):
                for noun in (g for g in prep.children if g.dep_ == "pobj"):
                    phrase = self.doc[slice(*mention_tokens(noun))].text
                    if prep.lower_ == "by" and can_speak(noun, self.lex) or is_media(phrase) or (
                            (known := self.lex.known_actor(noun.text)) is not None and known.kind == "journalist"):
                        return noun
        return None

    def _message_before(self, token: Token, phrase: str) -> Optional[ActorDraft]:
        """Whose "the statement" is: the speaker that issued a statement before, else the last
        speaker (not a journalist's nor an unnamed group's); nobody's without "the"."""
        if self.doc[token.i - 1].lower_ != "the":
            return None
        issued = self._message_issued_before(token) if phrase.lower() == f"the {token.lower_}" else None
        return issued or next((a for a in reversed(self.speakers) if a.kind not in ("journalist", "group")), None)

    def _message_issued_before(self, token: Token) -> Optional[ActorDraft]:
        """Whose "the statement" is: the one speaker in the main clause of the sentence that
        last mentioned a statement ("the Tigrayan forces said in a statement … the statement
        said"), or None."""
        earlier = next((t for t in reversed(self.doc[: token.i]) if t.lemma_ == token.lemma_), None)
        if earlier is None:
            return None
        sentence = earlier.sent
        there = [(depth, a) for i, depth, a in self.seen if sentence.start <= i < sentence.end]
        top = {id(a): a for depth, a in there if depth == min(d for d, _ in there)}
        return next(iter(top.values())) if len(top) == 1 else None

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
        if entity is None and token.i > 0 and self.doc[token.i - 1].ent_type_ == "PERSON":
            entity = entity_of(self.doc[token.i - 1])  # "Shah Mahmood" + "Qureshi" taken for a place
        if entity is not None:
            full = written_name([t for t in self.doc[slice(*whole_name(self.doc, *entity))]
                                 if t.tag_ != "POS" and t.text not in ("’s", "'s")])
            if full in self.by_full_name:
                return self.by_full_name[full]
        if token.text in self.by_surname:
            return self._one_of_surname(token, self.by_surname[token.text])
        if (variant := self.by_surname.spelled(token.text)) is not None:  # "Gaddafi" after "Gadaffi"
            return self._one_of_surname(token, variant)
        return next((self.by_surname[t.text] for t in self.doc[start:end] if t.text in self.by_surname), None)

    def _one_of_surname(self, token: Token, first: ActorDraft) -> ActorDraft:
        """The person a surname names: the first person of that surname, unless the name is
        written whole with another first name ("Bill Clinton" after "Hillary Clinton", where
        the model found no name): then that person, new if need be."""
        start, _ = mention_tokens(token)
        words = [t for t in proper_run(self.doc, start, token.i + 1) if t.pos_ == "PROPN" and t.text not in HYPHENS]
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
        """The role a mention names: its head's role noun, read with the words that name a side
        left out ("the top Iranian diplomat" is a top diplomat) and with its of-phrase ("secretary
        of state"); an abbreviated title ("Iran's FM") counts as a noun."""
        if token.pos_ != "NOUN" and not (token.pos_ == "PROPN" and token.text.isupper() and token.lower_ in self.lex.roles):
            return None
        start, end = mention_tokens(token)
        text = self.doc[start : token.i + 1].text
        role, whole = self.lex.role_in(text), self.lex.role_in(self.doc[start:end].text)
        bare = self.lex.role_in(" ".join(w for w in text.split() if self.side_of(w) is None))
        if bare is not None and (role is None or len(bare.noun) > len(role.noun)):
            role = bare
        return whole if role and whole and whole.noun.startswith(f"{role.noun} ") else role  # "secretary of state"

    def _resolve_role(self, token: Token, phrase: str, register: bool) -> Optional[ActorDraft]:
        """'the Russian leader' -> the person last seen with a matching role and side."""
        role = self._role_phrase(token)
        side = self.side_of(phrase)
        definite = any(c.dep_ in ("det", "poss") and c.lower_ != "a" and c.lower_ != "an" for c in token.children)
        if definite:
            # "“Mr. President, Jan Roe,” the Ardunese leader said": whom the quote names is not its speaker
            quoted_here = {t.text for t in token.sent if self._quoted(t.i)}
            unrolled = re.sub(rf"(?i)(?<![\w-]){re.escape(role.noun)}(?![\w-])", " ", phrase)  # "Iran's FM": no FM to agree

            def fits(actor: ActorDraft) -> bool:  # "the New Jersey governor" is no Florida governor
                return (role_matches(actor, role, self.lex) and (side is None or actor.side in (None, side))
                        and qualifiers_agree(unrolled, " ".join([f"{actor.role} {actor.name}", *actor.aliases]),
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
        owner_side = self._owner_side(token) if role.kind == "official" else None  # "his spokesman": the owner's
        actor = self._find_or_new(name, kind, side or owner_side or self._leader_side(token)
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
        side = None if observers else (self._one_side(phrase) or self._owner_side(token) or self._leader_side(token)
                                       or body_side(token, self.lex.bodies, self.side_of))
        return self._find_or_new(phrase, "group", side)

    def _owner_side(self, token: Token) -> Optional[str]:
        """The side of the owner a possessive pronoun gives a body, a group or an official: the
        person "his" or "her" stands for ("his military cabinet", "her spokesman"), the state or body "its" does ("Ruritania said
        its coast guard vessels ..."): the nearest subject before it in its sentence, else the
        antecedent a pronoun would have."""
        owner = next((c for c in token.children if c.dep_ == "poss" and c.lower_ in ("his", "her", "its")), None)
        if owner is None:
            return None
        if owner.lower_ == "its":
            for subject in (t for t in reversed(self.doc[owner.sent.start : owner.i]) if t.dep_ in ("nsubj", "nsubjpass")):
                side = self._seat_or_side(subject, self.doc[slice(*mention_tokens(subject))].text)
                if side is not None:
                    return side
        gender = lambda a: self.lex.gender_of(a.name, a.role) or a.gender  # noqa: E731
        actor = pronoun_antecedent(owner, self.seen, gender, self.narration_before, people=owner.lower_ != "its")
        return actor.side if actor is not None else None

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
        context = ArticleContext(self.doc, self.lex, [(i, a) for i, _, a in self.seen], self.actors.values(),  # last evidence
                                 self._quoted)
        self.warnings.extend(give_context_sides((a for a in self.actors.values() if a.id in used), context))
        renamed = ids_by_final_name(self.actors.values(), used)

        def new_id(s: ResolvedSpeaker) -> ResolvedSpeaker:
            return replace(s, actor_id=renamed.get(s.actor_id, s.actor_id) if s.actor_id else None,
                           others=tuple(new_id(o) for o in s.others))
        speakers = [new_id(s) for s in speakers]
        self.warnings = [replace(w, actor_id=renamed[w.actor_id]) if w.actor_id in renamed else w for w in self.warnings]
        used = {renamed.get(actor_id, actor_id) for actor_id in used}
        return [a.freeze() for a in self.actors.values() if a.id in used], speakers
