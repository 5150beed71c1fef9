"""Code every statement: main signal, all signals, modifiers, target, topic, confidence.

Rules over the parse and the data in ``data/signals.yaml`` and ``data/topics.yaml``:
1. the cue verb's own sense ("warned" threatens when the content names a harm, "denied");
2. weighted phrases in the content ("must", "no reason to fear", "constructive");
3. negation turns a sense round: "did not deny" is a non-denial (hedge), a negated pressure
   word ("no ultimatum", "not imposing a timetable") reassures, negated optimism is a
   negative assessment;
4. what the rules leave uncoded gets the code of its nearest prototypes
   (``data/signal_prototypes.yaml``) in a sentence-embedding space, batched per document.
Observers (analysts, journalists) always get ``assess`` as their main code.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections import defaultdict
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Callable, Iterable, Optional, Sequence

import yaml
from spacy.tokens import Doc

from tealeaves.models import OBSERVER_KINDS, Actor, Statement

OBSERVER = "assess"
ACTION_CODES = ("mobilize", "assault", "coerce", "sanction", "protest", "aid", "cooperate", "retreat")
HARMFUL_ACTIONS = ("mobilize", "assault", "coerce", "sanction")
FUTURE_WORDS = {"will", "would", "'ll", "shall", "going", "prepared", "ready", "willing", "plan", "intend"}
NEGATORS = {"not", "n't", "n’t", "no", "never", "nothing", "none", "nobody", "neither", "nor", "without"}
NEGATION_WINDOW = 5  # tokens before a phrase in which a negator turns it round
CUE_WEIGHT = 1.5
MIN_SCORE = 0.45  # below this the rules have not found a signal
OBSERVER_GROUP_WORDS = ("analyst", "expert", "observer", "journalist", "commentator", "scholar", "researcher")
Encoder = Callable[[Sequence[str]], "object"]  # texts -> unit-norm embedding rows (numpy array)


def _data(name: str) -> dict:
    return yaml.safe_load(resources.files("tealeaves").joinpath("data", name).read_text("utf-8"))


def _pattern(words: Iterable[str]) -> re.Pattern:
    alternatives = sorted({re.escape(w.lower()) for w in words}, key=len, reverse=True)
    return re.compile(rf"(?<![\w-])(?:{'|'.join(alternatives)})(?![\w-])")


@dataclass(frozen=True)
class SignalLexicon:
    """The coding rules as data (``data/signals.yaml``, ``data/topics.yaml``, prototypes)."""

    cue_signals: dict[str, tuple[str, float]]
    content_signals: dict[str, dict[str, float]]
    harm: re.Pattern
    pressure: re.Pattern
    urgency: re.Pattern
    optimism: re.Pattern
    modality: re.Pattern
    negated_signals: dict[str, str]
    actions: dict[str, str]
    mobilize_verbs: frozenset[str]
    military_objects: frozenset[str]
    topics: dict[str, tuple[str, ...]]
    prototypes: dict[str, tuple[str, ...]]

    @classmethod
    def load(cls, extra: Iterable[Path] = ()) -> "SignalLexicon":
        data = _data("signals.yaml")
        topics = _data("topics.yaml")
        prototypes = _data("signal_prototypes.yaml")
        for path in extra:
            more = yaml.safe_load(Path(path).read_text("utf-8")) or {}
            for key in ("cue_signals", "actions"):
                data[key].update(more.get(key, {}))
            for code, phrases in more.get("content_signals", {}).items():
                data["content_signals"].setdefault(code, {}).update(phrases)
            for code, lines in more.get("prototypes", {}).items():
                prototypes.setdefault(code, []).extend(lines)
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
            actions=dict(data["actions"]),
            mobilize_verbs=frozenset(data["mobilize_verbs"]),
            military_objects=frozenset(data["military_objects"]),
            topics={label: tuple(words) for label, words in topics.items()},
            prototypes={code: tuple(lines) for code, lines in prototypes.items()},
        )

    @functools.cached_property
    def content_patterns(self) -> dict[str, list[tuple[re.Pattern, float]]]:
        return {code: [(_pattern([p]), w) for p, w in phrases.items()] for code, phrases in self.content_signals.items()}

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

    def matches(self, pattern: re.Pattern) -> list[int]:
        """Token indexes (into ``tokens``) where the pattern starts, in text or lemma form."""
        found = set()
        for text, starts in ((self.lower, self.lower_starts), (self.lemmas, self.lemma_starts)):
            for match in pattern.finditer(text):
                found.add(_index_at(starts, match.start()))
        return sorted(found)

    def negated_at(self, index: int) -> bool:
        """Negated by the parse (a "not" on the verb the word hangs from, a "no" on a noun on
        the way up) or by a negator among the few tokens before it in the same clause."""
        token = self.tokens[index]
        for _ in range(6):
            if any(c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no") for c in token.children):
                return True
            if token.pos_ in ("VERB", "AUX") or token.head is token:
                break
            token = token.head
        for t in reversed(self.tokens[max(0, index - NEGATION_WINDOW) : index]):
            if t.text in (",", ";", ":", "but") or t.lower_ in ("but", "although", "while"):
                return False
            if t.lower_ in NEGATORS or t.dep_ == "neg":
                return True
        return False


def _index_at(starts: list[int], offset: int) -> int:
    for i in range(len(starts) - 1, -1, -1):
        if starts[i] <= offset:
            return i
    return 0


def _tokens(doc: Doc, spans: Iterable[tuple[int, int]]) -> list:
    tokens = []
    for start, end in spans:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None:
            tokens.extend(span)
    return tokens


def is_observer(actor: Optional[Actor]) -> bool:
    """Analysts, journalists and groups of them comment; they are not a side's voice."""
    if actor is None:
        return False
    if actor.kind in OBSERVER_KINDS:
        return True
    return actor.kind == "group" and any(w in actor.name.lower() for w in OBSERVER_GROUP_WORDS)


@dataclass
class Coding:
    """What the rules made of one statement (before the embedding fallback)."""

    scores: dict[str, float]
    negated: bool
    condition: Optional[str]
    modality: tuple[str, ...]
    time: Optional[str]
    topic: Optional[str]
    target: Optional[str]


def score_statement(doc: Doc, statement: Statement, lex: SignalLexicon) -> Coding:
    """Scores per code for one statement, and its modifiers."""
    content = content_tokens(doc, statement)
    words = _Words.of(content)
    scores: dict[str, float] = defaultdict(float)
    cue = _tokens(doc, [(statement.cue.start, statement.cue.end)]) if statement.cue else []
    cue_negated = any(c.dep_ == "neg" for t in cue for c in t.children) or any(
        t.lower_ in NEGATORS for t in cue)
    if cue:
        key = " ".join(t.lemma_.lower() for t in cue if t.pos_ in ("VERB", "ADP", "PART", "AUX", "NOUN"))
        code, weight = lex.cue_signals.get(key) or lex.cue_signals.get(cue[0].lemma_.lower(), (None, 0.0))
        if cue[0].lemma_.lower() in ("warn", "caution") and not words.matches(lex.harm):
            code, weight = "hedge", 0.3  # a warning without a harm is a caution, not a threat
        if code and cue_negated:
            code = lex.negated_signals.get(code, code)
        if code:
            scores[code] += weight
    for code, patterns in lex.content_patterns.items():
        for pattern, weight in patterns:
            for index in words.matches(pattern):
                flipped = lex.negated_signals.get(code) if words.negated_at(index) else code
                if flipped:
                    scores[flipped] += weight
    for index in words.matches(lex.pressure):
        if words.negated_at(index):
            scores["reassure"] += 1.2
    for index in words.matches(lex.optimism):
        if words.negated_at(index):
            scores["negative_assessment"] += 1.2
    if words.matches(lex.urgency):
        scores["demand"] += 0.6
    for code, conditional in _announced_actions(content, lex):
        scores["threaten" if code in HARMFUL_ACTIONS or conditional else "commit"] += 0.9
    return Coding(
        scores=dict(scores),
        negated=cue_negated or any(t.dep_ == "neg" and t.head.dep_ in ("ROOT", "ccomp") for t in content),
        condition=_condition(content),
        modality=tuple(dict.fromkeys(words.lower[m.start():m.end()] for m in lex.modality.finditer(words.lower))),
        time=_time(doc, statement),
        topic=topic_of(words, lex),
        target=None,
    )


def _announced_actions(tokens: list, lex: SignalLexicon) -> list[tuple[str, bool]]:
    """Deeds announced for the future ("will withdraw", "is ready to release"), with whether
    they hang on a condition: a harmful or conditional one threatens, another commits."""
    found = []
    for t in tokens:
        if t.pos_ != "VERB" or t.lemma_.lower() not in lex.actions:
            continue
        auxes = {c.lower_ for c in t.children if c.dep_ == "aux"}
        head = t.head if t.dep_ == "xcomp" else None
        future = bool(auxes & FUTURE_WORDS) or (head is not None and head.lemma_.lower() in FUTURE_WORDS)
        if future:
            conditional = any(c.dep_ == "advcl" and any(m.lower_ in ("if", "unless") for m in c.children)
                              for c in (t, *t.children) if c is not t) or _condition([t, *t.subtree]) is not None
            found.append((lex.actions[t.lemma_.lower()], conditional))
    return found


def _condition(tokens: list) -> Optional[str]:
    for t in tokens:
        if t.dep_ == "mark" and t.lower_ in ("if", "unless") and t.head.dep_ == "advcl":
            clause = t.head
            return t.doc[clause.left_edge.i : clause.right_edge.i + 1].text
    return None


def _time(doc: Doc, statement: Statement) -> Optional[str]:
    span = doc.char_span(statement.start, statement.end, alignment_mode="expand")
    for ent in span.ents if span is not None else ():
        if ent.label_ in ("DATE", "TIME"):
            before = doc[ent.start - 1] if ent.start > 0 else None
            if before is not None and before.dep_ == "prep":
                return f"{before.text} {ent.text}"
            return ent.text
    return None


def topic_of(words: "_Words", lex: SignalLexicon) -> Optional[str]:
    """The topic whose words occur most in the content, else the content's main noun."""
    counts = {label: len(words.matches(p)) for label, p in lex.topic_patterns.items()}
    label, count = max(counts.items(), key=lambda kv: kv[1], default=(None, 0))
    if count:
        return label
    nouns = [t for t in words.tokens if t.pos_ == "NOUN" and not t.is_stop]
    return nouns[0].lemma_.lower() if nouns else None


def target_of(statement: Statement, speaker: Optional[Actor], actors: Sequence[Actor]) -> Optional[str]:
    """The first other party named in the content: the actor the signal is aimed at."""
    text = " ".join(c.text for c in statement.content)
    best: Optional[tuple[int, str]] = None
    for actor in actors:
        if actor.id == (speaker.id if speaker else None) or is_observer(actor) or not actor.side:
            continue
        if speaker is not None and actor.side == speaker.side:
            continue
        for alias in (actor.name, *actor.aliases, actor.side):
            match = re.search(rf"(?<!\w){re.escape(alias)}(?!\w)", text)
            if match and (best is None or match.start() < best[0]):
                best = (match.start(), actor.id)
    return best[1] if best else None


def code_statements(
    doc: Doc,
    statements: Sequence[Statement],
    actors: Sequence[Actor],
    lex: SignalLexicon,
    encode: Optional[Encoder] = None,
) -> list[Statement]:
    """The statements with signal, signals, modifiers, topic, target and confidence filled in."""
    by_id = {a.id: a for a in actors}
    codings = [score_statement(doc, s, lex) for s in statements]
    fallback = _prototype_codes(
        [s for s, c in zip(statements, codings) if s.kind != "action" and max(c.scores.values(), default=0) < MIN_SCORE],
        lex, encode)
    coded = []
    for statement, coding in zip(statements, codings):
        speaker = by_id.get(statement.speaker_id)
        if statement.kind == "action":
            coded.append(dataclasses.replace(statement, topic=coding.topic, target=target_of(statement, speaker, actors),
                                             negated=coding.negated, time=coding.time))
            continue
        scores = dict(coding.scores)
        if statement.id in fallback:
            code, similarity = fallback[statement.id]
            scores[code] = max(scores.get(code, 0.0), similarity)
        ranked = sorted(scores.items(), key=lambda kv: -kv[1])
        signals = [code for code, score in ranked if score >= max(MIN_SCORE, 0.5 * ranked[0][1])] if ranked else []
        if is_observer(speaker):
            signals = [OBSERVER] + [s for s in signals if s != OBSERVER]
        main = signals[0] if signals else ("hedge" if speaker is not None else OBSERVER)
        top = ranked[0][1] if ranked else 0.0
        second = ranked[1][1] if len(ranked) > 1 else 0.0
        confidence = 0.5 if not ranked else round(min(0.95, 0.4 + 0.5 * (top - second) / (top + 0.5)), 2)
        coded.append(dataclasses.replace(
            statement, signal=main, signals=tuple(signals or [main]), topic=coding.topic,
            target=target_of(statement, speaker, actors), negated=coding.negated, condition=coding.condition,
            modality=coding.modality, time=coding.time,
            confidence=round(min(statement.confidence, confidence) if statement.speaker_id else confidence, 2),
        ))
    return coded


def _prototype_codes(statements: Sequence[Statement], lex: SignalLexicon,
                     encode: Optional[Encoder]) -> dict[str, tuple[str, float]]:
    """Nearest-prototype codes for statements the rules left uncoded (one batched call)."""
    if not statements or encode is None:
        return {}
    codes, vectors = prototype_vectors(lex, encode)
    texts = [" ".join(c.text for c in s.content) or s.text for s in statements]
    similarity = encode(texts) @ vectors.T
    out = {}
    for statement, row in zip(statements, similarity):
        per_code: dict[str, list[float]] = defaultdict(list)
        for code, value in zip(codes, row):
            if code not in ACTION_CODES:  # what is said gets a statement code
                per_code[code].append(float(value))
        best = max(per_code, key=lambda c: sum(sorted(per_code[c])[-2:]))
        top = sorted(per_code[best])[-1]
        if top >= 0.3:
            out[statement.id] = (best, round(top, 2))
    return out


_PROTOTYPES: dict[int, tuple[list[str], object]] = {}


def prototype_vectors(lex: SignalLexicon, encode: Encoder) -> tuple[list[str], object]:
    """Codes and embeddings of the prototype sentences, computed once per lexicon."""
    key = id(lex)
    if key not in _PROTOTYPES:
        codes = [code for code, lines in lex.prototypes.items() for _ in lines]
        _PROTOTYPES[key] = (codes, encode([line for lines in lex.prototypes.values() for line in lines]))
    return _PROTOTYPES[key]


def content_tokens(doc: Doc, statement: Statement) -> list:
    """The parse tokens of what was said: content and quotes (the whole span when neither)."""
    spans = sorted({(c.start, c.end) for c in (*statement.content, *statement.quotes)})
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return _tokens(doc, merged) or _tokens(doc, [(statement.start, statement.end)])


def sentence_code(result, encode: Optional[Encoder] = None, lex: Optional[SignalLexicon] = None) -> str:
    """One code for a short text (an event sentence): a reported deed first, then the first
    statement that the rules coded with confidence, else its nearest prototypes' code."""
    done = [s for s in result.statements if s.kind == "action"]
    said = [s for s in result.statements if s.kind != "action" and s.signal not in (None, OBSERVER, "hedge")]
    for statement in done + said:
        return statement.signal
    if encode is None:
        return "hedge"
    lex = lex or default_signal_lexicon()
    codes, vectors = prototype_vectors(lex, encode)
    row = encode([result.document.text]) @ vectors.T
    return codes[int(row[0].argmax())]
