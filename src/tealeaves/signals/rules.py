"""The logic the signal model weighs, read off the parse, and each statement's modifiers.

Rules over the parse and the data in ``data/signals.yaml`` and ``data/topics.yaml``, each a
feature of the learned model (``signals.model``), never a code on its own:
1. the cue verb's own sense ("warned" threatens when the content names a harm, "denied"),
   or its sense by its object ("dismissed the appeal" rejects, "dismissed the reports" denies)
   or complement ("called for talks" demands, "called the talks useful" leaves it to the
   predicate; "insisted that X withdraw" demands, "insisted that X had every right" states a
   position);
2. weighted phrases in the content ("must", "no reason to fear", "constructive"); a phrase
   below a governing word takes its code ("refused to meet" rejects, "must agree" demands);
3. deeds announced for the future ("will release", "would blockade", "has sworn to fight")
   commit, or threaten when harmful, bound to an "unless" or carried out by armed forces; a
   harm forsworn ("would never close the strait") reassures, another deed refused ("would not
   attend") rejects;
4. negation turns a sense round: "did not deny" is a non-denial, a negated pressure word ("no
   ultimatum", "not imposing a timetable", "nobody wants the fighting to resume") reassures,
   negated optimism is a negative assessment; a negated absence of response ("will not go
   unanswered", "cannot be left without consequences") threatens;
5. a reported deed's verb names its deed (``action_code``, also how actions are found);
6. whose move a word is (``signals.agency``): another party's act reported, a relative clause,
   talks refused or made a precondition, a promise of harm.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Optional

from spacy.tokens import Doc, Token

from tealeaves.codebook import codebook
from tealeaves.lexicon import bundled_yaml, read_yaml
from tealeaves.models import Statement
from tealeaves.signals import agency
from tealeaves.signals.clauses import (
    RESPONSE_VERBS,
    answers_any,
    any_subject,
    clause_head,
    condition,
    conditioned,
    contrasted,
    counterfactual,
    denied_absence,
    governing_chain,
    holds_back,
    in_background,
    intended_deed,
    is_root,
    negates,
    negation_cancelled,
    negation_passes,
    refused_to_bear,
    tries_a_deed,
    unasserted,
    warns_off,
)
from tealeaves.signals.deeds import DeedSenses, held_code, in_deed_sense, noun_deed, object_deed, readied
from tealeaves.signals.statement_time import time_of

ACTION_CODES = codebook().names("action")
HARMFUL_ACTIONS = codebook().harmful_actions
FUTURE_WORDS = {"will", "would", "'ll", "shall", "going", "prepared", "ready", "willing", "plan", "intend"}
ANNOUNCED_WEIGHT = {"commit": 0.9, "threaten": 1.2}  # a harmful plan is as plain a threat as the verb
CONDITIONAL_THREAT_WEIGHT = 2.0  # "if they cross, we will strike": a threat whatever else is said (codebook)
REFUSAL_WEIGHT = 1.0  # "would not attend any meeting": a deed refused
RESTRAINT_WEIGHT = 1.2  # "would never close the strait": a harm forsworn reassures
WARNED_OFF_WEIGHT = 0.6  # "warned Ostmark against intervening": told not to act, with no harm named
DENIED_ABSENCE_WEIGHT = 1.2  # "will not go unanswered": two negations announce a response, a threat
PLAN_WEIGHT = 0.6  # "would keep fishing": a plan of the speaker's side, weaker than a deed of the table
FIRM_POSITION_WEIGHT = 0.6  # "insisted that the ships had every right to be there"
NEGATORS = {"not", "n't", "n’t", "no", "never", "nothing", "none", "nobody", "neither", "nor", "without"}
# Verbs that turn round the phrase after them: "contradicted any positive message".
GAINSAYING_VERBS = {"contradict", "dismiss", "refute", "rebut", "disavow", "disown"}
NEGATION_WINDOW = 5  # tokens before a phrase in which a negator turns it round
NEGATION_CLIMB = 8  # words climbed from a phrase to the negation above it ("far from being called an agreement")
CUE_WEIGHT = 1.5
MIN_SCORE = 0.45  # rules that weigh less together have not found a signal


# Between the words of a phrase an article or possessive may stand: "launch investigation"
# matches "launched an investigation", "accept demand" "accepted their demands".
DETERMINER_GAP = r" (?:(?:a|an|the|its|their|his|her|our|this|these|those|any|every|my|your) )?"


def _pattern(words: Iterable[str]) -> re.Pattern:
    alternatives = sorted({DETERMINER_GAP.join(map(re.escape, w.lower().split(" "))) for w in words},
                          key=len, reverse=True)
    return re.compile(rf"(?<![\w-])(?:{'|'.join(alternatives)})(?![\w-])")


@dataclass(frozen=True)
class SignalLexicon:
    """The coding rules as data (``data/signals.yaml``, ``data/topics.yaml``)."""

    cue_signals: dict[str, tuple[str, float]]
    content_signals: dict[str, dict[str, float]]
    harm: re.Pattern
    pressure: re.Pattern
    urgency: re.Pattern
    optimism: re.Pattern
    modality: re.Pattern
    negated_signals: dict[str, str]
    object_senses: dict[str, dict[str, str]]  # cue lemma -> object head lemma -> code
    governors: dict[str, str]
    deontic_modals: frozenset[str]
    governed_codes: frozenset[str]
    intent_words: frozenset[str]
    actions: dict[str, str]
    event_nouns: dict[str, str]
    light_verbs: frozenset[str]
    travel_verbs: frozenset[str]
    travel_purposes: frozenset[str]
    travel_purpose_verbs: frozenset[str]
    naming_verbs: frozenset[str]
    firm_position_verbs: frozenset[str]
    stance_verbs: frozenset[str]
    harmful_verbs: frozenset[str]
    force_nouns: frozenset[str]
    accusation_nouns: frozenset[str]
    blame_words: frozenset[str]
    approval_words: frozenset[str]
    bearing_verbs: frozenset[str]
    deed_senses: DeedSenses
    topics: dict[str, tuple[str, ...]]

    @classmethod
    def load(cls, extra: Iterable[Path] = ()) -> "SignalLexicon":
        data = bundled_yaml("signals.yaml")
        topics = bundled_yaml("topics.yaml")
        for path in extra:
            more = read_yaml(Path(path).read_text("utf-8")) or {}
            for key in ("cue_signals", "actions"):
                data[key].update(more.get(key, {}))
            for code, phrases in more.get("content_signals", {}).items():
                data["content_signals"].setdefault(code, {}).update(phrases)
        cues = {}
        for cue, value in data["cue_signals"].items():
            code, _, weight = str(value).partition(" ")
            cues[cue] = (code, float(weight or CUE_WEIGHT))
        return cls(
            cue_signals=cues,
            content_signals={code: {str(p).lower(): float(w) for p, w in phrases.items()}
                             for code, phrases in data["content_signals"].items()},
            harm=_pattern(data["harm_words"]),
            pressure=_pattern(data["pressure_words"]),
            urgency=_pattern(data["urgency_words"]),
            optimism=_pattern(data["optimism_words"]),
            modality=_pattern(data["modality_words"]),
            negated_signals=dict(data["negated_signals"]),
            object_senses={cue: {noun: code for code, nouns in senses.items() for noun in nouns}
                           for cue, senses in data["object_senses"].items()},
            governors=dict(data["governors"]),
            deontic_modals=frozenset(data["deontic_modals"]),
            governed_codes=frozenset(data["governed_codes"]),
            intent_words=frozenset(data["intent_words"]),
            actions=dict(data["actions"]),
            event_nouns=dict(data["event_nouns"]),
            light_verbs=frozenset(data["light_verbs"]),
            travel_verbs=frozenset(data["travel_verbs"]),
            travel_purposes=frozenset(data["travel_purposes"]),
            travel_purpose_verbs=frozenset(data["travel_purpose_verbs"]),
            naming_verbs=frozenset(data["naming_verbs"]),
            firm_position_verbs=frozenset(data["firm_position_verbs"]),
            stance_verbs=frozenset(data["stance_verbs"]),
            harmful_verbs=frozenset(data["harmful_verbs"]),
            force_nouns=frozenset(data["force_nouns"]),
            accusation_nouns=frozenset(data["accusation_nouns"]),
            blame_words=frozenset(data["blame_words"]),
            approval_words=frozenset(data["approval_words"]),
            bearing_verbs=frozenset(data["bearing_verbs"]),
            deed_senses=DeedSenses.of(data["deed_senses"]),
            topics={label: tuple(words) for label, words in topics.items()},
        )

    @functools.cached_property
    def content_patterns(self) -> list[tuple[str, str, re.Pattern, float]]:
        """(code, first word, pattern, weight) per content phrase: a phrase whose first word is
        nowhere in a text cannot match it, and that test is far cheaper than the regex."""
        return [(code, p.split(" ")[0], _pattern([p]), w)
                for code, phrases in self.content_signals.items() for p, w in phrases.items()]

    @functools.cached_property
    def topic_patterns(self) -> dict[str, re.Pattern]:
        return {label: _pattern(words) for label, words in self.topics.items()}


@functools.lru_cache(maxsize=1)
def default_signal_lexicon() -> SignalLexicon:
    """The bundled coding rules, loaded once per process."""
    return SignalLexicon.load()


@dataclass
class _Words:
    """A stretch of the parse seen three ways, for phrase matching with negation."""

    tokens: list
    lower: str
    lemmas: str
    lower_starts: list[int]  # char offset of each token in ``lower``
    lemma_starts: list[int]

    @classmethod
    def of(cls, tokens: list) -> "_Words":
        lower, lemmas, lower_starts, lemma_starts = [], [], [], []
        at_lower = at_lemma = 0
        for t in tokens:
            lower_starts.append(at_lower)
            lemma_starts.append(at_lemma)
            piece = t.text.lower() + t.whitespace_
            lower.append(piece)
            lemma = t.lemma_.lower() + " "
            lemmas.append(lemma)
            at_lower += len(piece)
            at_lemma += len(lemma)
        return cls(tokens, "".join(lower), "".join(lemmas), lower_starts, lemma_starts)

    @classmethod
    def without_quote_marks(cls, tokens: list) -> "_Words":
        """The same, quotation marks left out: “nothing but paper” reads as the phrase it is."""
        return cls.of([t for t in tokens if not t.is_quote])

    def matches(self, pattern: re.Pattern) -> list[int]:
        """Token indexes (into ``tokens``) where the pattern starts, in text or lemma form."""
        return sorted(self.spans(pattern))

    def spans(self, pattern: re.Pattern) -> dict[int, int]:
        """First -> last token index of each match, the longer where text and lemma forms differ."""
        found: dict[int, int] = {}
        for text, starts in ((self.lower, self.lower_starts), (self.lemmas, self.lemma_starts)):
            for match in pattern.finditer(text):
                first, last = _index_at(starts, match.start()), _index_at(starts, match.end() - 1)
                found[first] = max(last, found.get(first, first))
        return found

    def has_negator(self, first: int, last: int) -> bool:
        """The phrase carries its own negation ("no obstacle", "not serious")."""
        return any(t.lower_ in NEGATORS for t in self.tokens[first : last + 1])

    def negated_at(self, index: int) -> bool:
        """Negated by the parse (a "not" on the verb the word hangs from, a "no" on a noun on
        the way up) or by a negator among the few tokens before it in the same clause."""
        token = self.tokens[index]
        for _ in range(NEGATION_CLIMB):
            if negates(token):
                return True
            if is_root(token) or (token.pos_ in ("VERB", "AUX") and not negation_passes(token)) or contrasted(token):
                break
            token = token.head
        clause = clause_head(self.tokens[index])
        for t in reversed(self.tokens[max(0, index - NEGATION_WINDOW) : index]):
            if t.text in (",", ";", ":", "but") or t.lower_ in ("but", "although", "while"):
                return False
            if clause_head(t).i != clause.i or holds_back(t):  # "if they do not ...", "will not hesitate to"
                continue
            if t.lower_ in NEGATORS or t.dep_ == "neg" or (t.pos_ == "VERB" and t.lemma_.lower() in GAINSAYING_VERBS):
                return True
        return False


def _index_at(starts: list[int], offset: int) -> int:
    for i in range(len(starts) - 1, -1, -1):
        if starts[i] <= offset:
            return i
    return 0


def _tokens(doc: Doc, spans: Iterable[tuple[int, int]]) -> list:
    tokens: list = []
    for start, end in spans:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None:
            tokens.extend(span)
    return tokens


@dataclass
class Modifiers:
    """What qualifies a statement: negation, a condition, modal words, a time, its topic."""

    negated: bool
    condition: Optional[str]
    modality: tuple[str, ...]
    time: Optional[str]
    topic: Optional[str]


def cue_tokens(doc: Doc, statement: Statement) -> list:
    """The parse tokens of the statement's cue (none when it has no cue)."""
    return _tokens(doc, [(statement.cue.start, statement.cue.end)]) if statement.cue else []


def _cue_negated(cue: list) -> bool:
    return any(c.dep_ == "neg" for t in cue for c in t.children) or any(t.lower_ in NEGATORS for t in cue)


def rule_signals(doc: Doc, statement: Statement, lex: SignalLexicon) -> list[tuple[str, str, float]]:
    """(component, code, weight) of every rule that fires, for the learned model to weigh: ``cue`` the cue's sense
    (turned round when negated), ``phrase`` a content phrase of the lexicon, ``negated_word`` a negated pressure or
    optimism word ("no ultimatum" reassures), ``urgency`` an urgent word, ``absence`` a negated absence of response,
    ``deed`` a deed announced for the future, ``action`` the deed a reported action's verb names."""
    content = content_tokens(doc, statement)
    words = _Words.without_quote_marks(content)
    found: list[tuple[str, str, float]] = []
    cue = cue_tokens(doc, statement)
    if cue:
        code, weight = _cue_code(cue, words, lex)
        if code and _cue_negated(cue):
            code = lex.negated_signals.get(code, code)
        if code:
            found.append(("cue", code, weight))
        verb = next((t for t in cue if t.pos_ == "VERB"), None)
        coded = action_code(verb, lex) if verb is not None and statement.kind == "action" else None
        if coded is not None:
            found.append(("action", coded[0], 0.0))
    phrases = [(first, last, code, weight) for code, needle, pattern, weight in lex.content_patterns
               if needle in words.lower or needle in words.lemmas
               for first, last in words.spans(pattern).items()]
    speaker = agency.speaker_words(statement.speaker_mention.text if statement.speaker_mention else None)
    inside = frozenset(t.i for t in content)
    refused = any(code == "reject" for _, _, code, _ in phrases)
    for first, last, code, weight in phrases:
        token = words.tokens[first]
        if _inside_other(first, last, code, phrases) or unasserted(token):
            continue  # a condition's words, or an alternative set aside, are no move of the speaker's own
        governed = _governed_code(token, lex) if code in lex.governed_codes else None
        negated = words.negated_at(first) and not (words.has_negator(first, last) or negation_cancelled(token))
        flipped = _phrase_code(token, lex.negated_signals.get(code) if negated else (governed or code), speaker, lex)
        if code == "engage" and not governed:  # refused, a precondition, or pressed on the other side
            flipped = agency.talk_move(token, negated, refused) or flipped
        judging = [words.tokens[f] for f, _, c, _ in phrases if c != code]  # "their demands violated ..."
        if flipped:
            found.append((agency.phrase_owner(token, flipped, negated, speaker, inside, judging, lex.approval_words),
                          flipped, weight))
    found += _negated_words(words, phrases, speaker, inside, lex)
    if words.matches(lex.urgency):
        found.append(("urgency", "demand", 0.6))
    if any(denied_absence(t) and not in_background(t) for t in words.tokens):  # "won't stand idly by"
        found.append(("absence", "threaten", DENIED_ABSENCE_WEIGHT))
    for verb, code, weight in _announced_deeds(content, lex):
        code = agency.refusal_move(verb, code)
        found.append((agency.whose("deed", verb, code, code in ("reassure", "reject"), speaker, inside), code, weight))
    return agency.talks_promised(agency.harm_promised(found))


def _negated_words(words: "_Words", phrases: list[tuple[int, int, str, float]], speaker: frozenset[str],
                   inside: frozenset[int], lex: SignalLexicon) -> list[tuple[str, str, float]]:
    """Negated pressure words reassure ("no ultimatum"), negated optimism words are negative
    ("no optimism"); a pressure word a negated verb of bearing governs threatens ("will not
    tolerate any attack": ``clauses.refused_to_bear``)."""
    found = []
    for pattern, code in ((lex.pressure, "reassure"), (lex.optimism, "negative_assessment")):
        for index in words.matches(pattern):
            token = words.tokens[index]
            if words.negated_at(index) and not _inside_other(index, index, code, phrases) \
                    and not in_background(token) and not negation_cancelled(token):
                if code == "reassure" and refused_to_bear(token, lex.bearing_verbs):
                    found.append(("absence", "threaten", DENIED_ABSENCE_WEIGHT))
                else:
                    found.append((agency.whose("negated_word", token, code, True, speaker, inside), code, 1.2))
    return found


def _phrase_code(token: Token, code: Optional[str], speaker: frozenset[str], lex: SignalLexicon) -> Optional[str]:
    """A phrase's code as the clause reads it: a judgement of an accusation denies it ("the
    allegations are absurd"); blame laid on the speaker's own side concedes ("we take full
    responsibility for the error", ``agency.own_blame``); an intention denied takes the code of
    the deed it names turned round (codebook, decision rule 1: "we have no intention of
    invading anyone" reassures, "no intention of complying" or "of attending" rejects; "no
    intention to mislead" still denies)."""
    if code in agency.JUDGEMENTS and agency.judges(token, lex.accusation_nouns):
        return "deny"
    if code == "deny" and (deed := intended_deed(token, NEGATORS)) is not None and deed.lemma_.lower() not in lex.stance_verbs:
        coded, lemma = action_code(deed, lex), deed.lemma_.lower()  # "no intention of [invading]", "of [complying]"
        if (coded is not None and coded[0] in HARMFUL_ACTIONS) or lemma in lex.harmful_verbs:
            return "reassure"
        if coded is not None or any(p.split(" ")[0] == lemma for c in ("concede", "engage") for p in lex.content_signals.get(c, {})):
            return "reject"
    if code == "accuse" and token.lemma_.lower() in lex.blame_words and agency.own_blame(token, speaker):
        return "concede"
    return code


def sure_codes(found: list[tuple[str, str, float]]) -> list[str]:
    """The codes the rules are sure of, strongest first: their weights together reach
    ``MIN_SCORE`` and half the strongest code's (what the rule coder listed as signals)."""
    scores: dict[str, float] = {}
    for component, code, weight in found:
        if component != "action" and component not in agency.NOT_THE_SPEAKERS:
            scores[code] = scores.get(code, 0.0) + weight
    ranked = sorted(scores.items(), key=lambda kv: -kv[1])
    return [code for code, score in ranked if score >= max(MIN_SCORE, 0.5 * ranked[0][1])]


def strongest(found: list[tuple[str, str, float]]) -> Optional[str]:
    """The code whose rules weigh most together, if they weigh at least ``MIN_SCORE``."""
    return next(iter(sure_codes(found)), None)


def modifiers(doc: Doc, statement: Statement, content: list, lex: SignalLexicon) -> Modifiers:
    """Negation, condition, modal words, time and topic of a statement."""
    words = _Words.without_quote_marks(content)
    return Modifiers(
        negated=_cue_negated(cue_tokens(doc, statement))
        or any(t.dep_ == "neg" and t.head.dep_ in ("ROOT", "ccomp") and not holds_back(t) for t in content),
        condition=condition(content),
        modality=tuple(dict.fromkeys(words.lower[m.start():m.end()] for m in lex.modality.finditer(words.lower))),
        time=time_of(doc, statement),
        topic=topic_of(words, lex),
    )


def _inside_other(first: int, last: int, code: str, phrases: list[tuple[int, int, str, float]]) -> bool:
    """Part of a longer phrase of another code: "demands" in "accepted the demands" concedes,
    it is no pressure word; "commit" in "commit crimes" is no promise."""
    return any(f <= first and last <= l and l - f > last - first and c != code for f, l, c, _ in phrases)


def _cue_code(cue: list, words: "_Words", lex: SignalLexicon) -> tuple[Optional[str], float]:
    """The cue's sense and weight: by the phrase, else by the verb, refined by its object."""
    key = " ".join(t.lemma_.lower() for t in cue if t.pos_ in ("VERB", "ADP", "PART", "AUX", "NOUN"))
    lemma = cue[0].lemma_.lower()
    code, weight = lex.cue_signals.get(key) or lex.cue_signals.get(lemma) or (None, 0.0)
    if tries_a_deed(cue[0]):
        return None, 0.0  # an attempt of the subject's own: what it tries to do decides
    if lemma in ("warn", "caution") and not words.matches(lex.harm):  # a caution, not a threat
        return ("demand", WARNED_OFF_WEIGHT) if warns_off(cue[0]) else ("hedge", 0.3)
    if lemma in lex.naming_verbs and _names_its_object(cue[0]):
        return None, 0.0  # "called the talks “useful”": the predicate decides
    if lemma in lex.firm_position_verbs and not _mandative(cue[0], lex):
        return "commit", FIRM_POSITION_WEIGHT  # a position stated, not a demand made
    thing = _object_of(cue[0], words.tokens)
    by_object = lex.object_senses.get(lemma, {}).get(thing.lemma_.lower()) if thing is not None else None
    return (by_object, weight or CUE_WEIGHT) if by_object else (code, weight)


def _names_its_object(verb: Token) -> bool:
    """ "called the talks useful", "called the seizure an act of piracy": an object and no
    "for"/"on" or "to"-clause ("called for talks", "called on X to leave" ask for something)."""
    children = list(verb.children)
    asks = any(_asks_by(c) or c.dep_ == "xcomp" for c in children)
    return not asks and any(c.dep_ in ("dobj", "oprd") for c in children)


def _asks_by(child: Token) -> bool:
    """ "for" or "on" naming who or what is asked ("called on Ostmark"), not when ("on Sunday")."""
    if child.dep_ not in ("prep", "prt") or child.lower_ not in ("for", "on", "upon"):
        return False
    return not any(o.ent_type_ in ("DATE", "TIME") for o in child.children if o.dep_ == "pobj")


def _mandative(verb: Token, lex: SignalLexicon) -> bool:
    """A firm verb that demands: "insisted on guarantees", "insisted that X withdraw" (a bare
    verb), "insisted that X must go"; not "insisted that X would never close the strait"."""
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ == "on":
            return True
        if c.dep_ in ("ccomp", "xcomp") and c.pos_ in ("VERB", "AUX"):
            auxes = [a for a in c.children if a.dep_ in ("aux", "auxpass")]
            if any(a.lower_ in lex.deontic_modals for a in auxes) or (c.tag_ == "VB" and not auxes):
                return True
    return False


def _object_of(verb: Token, content: list) -> Optional[Token]:
    """What the verb acts on: its direct object or "to" complement ("declined to comment"),
    else the content's top noun."""
    objects = [c for c in verb.children if c.dep_ in ("dobj", "xcomp")]
    if objects:
        return objects[0]
    inside = {t.i for t in content}
    tops = [t for t in content if t.head.i not in inside or is_root(t)]
    return next((t for t in tops if t.pos_ in ("NOUN", "PROPN")), None)


def _governed_code(token: Token, lex: SignalLexicon) -> Optional[str]:
    """The code of the word that governs a phrase: "refused to [meet]" rejects the meeting,
    "demanded that X [ease] ..." and "must [agree]" demand it. None when nothing governs it."""
    node = token
    for _ in range(6):
        if any(c.dep_ == "aux" and c.lower_ in lex.deontic_modals for c in node.children):
            return "demand"
        if is_root(node) or (node.dep_ == "conj" and node.pos_ in ("VERB", "AUX")):
            return None
        node = node.head
        code = lex.governors.get(node.lemma_.lower())
        if code:
            return code
    return None


def _announced_deeds(tokens: list, lex: SignalLexicon) -> list[tuple[Token, str, float]]:
    """The verbs and codes of deeds announced for the future, with weights. A deed of the actions table
    ("will withdraw", "is ready to release", "has sworn to fight") threatens when harmful or bound
    to an "unless" and commits otherwise, even on an "if" ("would meet him if ..."). Negated, a
    harm forsworn reassures ("would never close the strait") and another deed is refused ("would
    not attend any meeting"). Any other deed a party plans commits weakly ("would keep
    fishing"), or threatens when forces carry it out ("our army will answer"). The announcement
    may govern the deed from above ("will have no choice but to [isolate]"); a harm bound to an
    "if"/"unless" is a conditional threat and outweighs the rest; a condition's own verbs
    ("if they do not [withdraw]") announce nothing."""
    found = []
    for t in tokens:
        chain = governing_chain(t)
        if t.pos_ != "VERB" or unasserted(t) or not any(_announced(v, lex) for v in chain if v.pos_ in ("VERB", "AUX")):
            continue
        coded = action_code(t, lex)
        harmful = (coded is not None and coded[0] in HARMFUL_ACTIONS) or t.lemma_.lower() in lex.harmful_verbs
        if any(c.dep_ == "neg" and not holds_back(c) for v in chain for c in v.children):
            if harmful:
                found.append((t, "reassure", RESTRAINT_WEIGHT))
            elif t.lemma_.lower() not in lex.stance_verbs:
                found.append((t, "reject", REFUSAL_WEIGHT))
        elif (harmful and conditioned(chain)) or (any_subject(t) and (harmful or agency.answered(t, lex.force_nouns))) \
                or answers_any(t) or (t.lemma_.lower() in RESPONSE_VERBS and conditioned(chain)):
            found.append((t, "threaten", CONDITIONAL_THREAT_WEIGHT))
        elif coded is not None:
            marks = {m.lower_ for v in chain for c in v.children if c.dep_ == "advcl" for m in c.children
                     if m.dep_ == "mark"}
            code = "threaten" if coded[0] in HARMFUL_ACTIONS or "unless" in marks else "commit"
            found.append((t, code, ANNOUNCED_WEIGHT[code]))
        elif agency.by_force(t, lex.force_nouns):
            found.append((t, "threaten", ANNOUNCED_WEIGHT["threaten"]))
        elif t.lemma_.lower() not in lex.stance_verbs and agency.party_subject(t):
            found.append((t, "commit", PLAN_WEIGHT))
    return found


def _announced(verb: Token, lex: SignalLexicon) -> bool:
    """Said as a plan or promise: "will"/"would" on the verb, or a word of intent above it.
    A past that did not happen ("would have warned it differently") announces nothing."""
    if counterfactual(verb):
        return False
    if any(c.dep_ == "aux" and c.lower_ in FUTURE_WORDS for c in verb.children):
        return True
    head = verb.head if verb.dep_ in ("xcomp", "advcl") and not is_root(verb) else None
    return head is not None and (head.lemma_.lower() in FUTURE_WORDS | lex.intent_words
                                 or head.lower_ in lex.intent_words)


def action_code(token: Token, lex: SignalLexicon) -> Optional[tuple[str, int]]:
    """The action code of a verb and the token index where its phrase ends, or None: the verb
    of a class that does one deed to a class of objects ("recalled its ambassador", ``object_deeds``),
    with its particle ("pull out"), with its object ("mass troops", "ended mediation efforts"),
    a light verb with a deed noun ("began a hunger strike"), travel "for talks", or the verb alone;
    None where the verb is no deed (``deeds.in_deed_sense``: "the conflict killed", "met goals")."""
    for lemma in _verb_lemmas(token):
        classed = object_deed(token, lemma, lex.deed_senses)  # "recalled its ambassador": sanction
        if classed is not None:
            return classed
        if any((deed := action_code(v, lex)) and deed[0] == "assault" for v in readied(token, lemma, lex.deed_senses)):
            return "mobilize", token.i  # "prepared to resume shelling": a show of force
        if not in_deed_sense(token, lemma, lex.deed_senses):
            continue
        for child in token.children:
            if child.dep_ == "prt" and f"{lemma} {child.lemma_.lower()}" in lex.actions:
                return lex.actions[f"{lemma} {child.lemma_.lower()}"], child.i
        for child in token.children:
            if child.dep_ not in ("dobj", "nsubjpass"):
                continue
            for noun, phrase in _object_phrases(child):
                if f"{lemma} {phrase}" in lex.actions:
                    return lex.actions[f"{lemma} {phrase}"], max(noun.i, token.i)
                if child.dep_ == "dobj" and lemma in lex.light_verbs and (event := lex.event_nouns.get(phrase) or (
                        phrase == noun.lemma_.lower() and noun_deed(noun, lex.actions, {}, lex.deed_senses))):
                    held = held_code(event, phrase, noun, token, lex.deed_senses)  # "carried out the shelling"
                    if held is not None:
                        return held, max(noun.i, token.i)
        if lemma in lex.travel_verbs and _for_talks(token, lex):
            return "engage", token.i
        if lemma in lex.actions:
            return lex.actions[lemma], token.i
    return None


def _verb_lemmas(token: Token) -> list[str]:
    """The verb's lemma, and the "-e" form the tagger's lemma sometimes drops ("staged" -> "stag")."""
    lemma = token.lemma_.lower()
    if token.lower_.endswith("ed") and not lemma.endswith("e") and token.lower_ == lemma + "ed":
        return [lemma, lemma + "e"]
    return [lemma]


def _object_phrases(noun: Token) -> list[tuple[Token, str]]:
    """Ways to name an object: with its compound or adjective ("war game", "military
    campaign"), alone, by its compound ("mediation" of "mediation efforts"), and the same for
    what a measure holds ("ten days of war games")."""
    phrases = []
    for head in (noun, *(p for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"
                         for p in c.children if p.dep_ == "pobj")):
        compounds = [c.lemma_.lower() for c in head.children if c.dep_ == "compound"]
        qualifiers = compounds + [c.lemma_.lower() for c in head.children if c.dep_ == "amod"]
        lemma = head.lemma_.lower()
        phrases += [(head, f"{c} {lemma}") for c in qualifiers] + [(head, lemma)] + [(head, c) for c in compounds]
    return phrases


def _for_talks(verb: Token, lex: SignalLexicon) -> bool:
    """ "... for talks", "... to hold talks", "... to negotiate": the purpose of the journey is to
    engage ("returned home for consultations" with one's own side is not)."""
    purposes = [o for p in verb.children if p.dep_ == "prep" and p.lower_ == "for" for o in p.children
                if o.dep_ == "pobj"]
    for clause in verb.children:  # a purpose clause: "to hold talks", "to negotiate"; not "going to" (future)
        if (clause.dep_ in ("advcl", "xcomp") and verb.lower_ != "going"
                and any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children)):
            if clause.lemma_.lower() in lex.travel_purpose_verbs:
                return True
            purposes += [o for o in clause.children if o.dep_ == "dobj"]
    return any(o.lemma_.lower() in lex.travel_purposes for o in purposes)


def topic_of(words: "_Words", lex: SignalLexicon) -> Optional[str]:
    """The topic whose words occur most in the content, else the content's main noun."""
    counts = {label: len(words.matches(p)) for label, p in lex.topic_patterns.items()}
    label, count = max(counts.items(), key=lambda kv: kv[1], default=(None, 0))
    if count:
        return label
    nouns = [t for t in words.tokens if t.pos_ == "NOUN" and not t.is_stop]
    return nouns[0].lemma_.lower() if nouns else None


def content_tokens(doc: Doc, statement: Statement) -> list:
    """The parse tokens of what was said: content and quotes (the whole span when neither).
    A stance's verb is part of it: "accepted the demands" concedes, "the demands" do not."""
    spans = sorted({(c.start, c.end) for c in (*statement.content, *statement.quotes)})
    if statement.cue_sense == "stance" and statement.cue is not None and spans and statement.cue.end <= spans[0][0]:
        spans.insert(0, (statement.cue.start, spans[0][0]))
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return _tokens(doc, merged) or _tokens(doc, [(statement.start, statement.end)])
