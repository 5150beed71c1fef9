"""The learned signal coder: a multinomial logistic model over a statement's features.

Each statement (or reported deed) is described by ``signal_features`` (the cue's lemma and
its lexicon senses, what the logic rules of ``signals.rules`` find: negation, conditions,
questions, announced deeds, a deed's verb; the speaker's kind; the statement's kind) and by
the MiniLM vector of what was said. ``tools/train_signal_model.py`` learns the weights from
the annotated corpus (``annotations/``) with scikit-learn and writes them to
``data/signal_model.json``; here they are read with numpy alone. The same feature function
serves training (an annotated sentence parsed by spaCy) and run time (a pipeline statement
and its document's parse). The model's probability, calibrated by one temperature fitted on
cross-validated predictions, is the statement's confidence.

Observers: the speaker's kind is a feature, so the model learns when an analyst's words are
commentary (``assess``) and when they are only a fact relayed ("—"); ``decide`` then makes a
party's words never ``assess`` and an observer's never a party's move, as the codebook says.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import re
from importlib import resources
from pathlib import Path
from typing import Mapping, Optional, Sequence, Union

import numpy as np
from spacy.tokens import Doc

from tealeaves.actors.bodies import is_outlet
from tealeaves.codebook import codebook
from tealeaves.lexicon import Lexicon, default_lexicon
from tealeaves.models import OBSERVER_CODE as OBSERVER
from tealeaves.models import OBSERVER_GROUP_WORDS, OBSERVER_KINDS, Actor, Statement, is_observer
from tealeaves.signals import rules
from tealeaves.signals.clauses import FUTURE_MODALS, is_root
from tealeaves.signals.rules import SignalLexicon

MODEL_FILE = "signal_model.json"
NO_CODE = "none"  # the class of statements that make no move; ``signal`` None
ACTION_CODES = frozenset(codebook().names("action"))
SPEAKER_KINDS = ("party", "observer", "unnamed", "none")
# Words of a source that make it an observer when the role table does not know them.
OBSERVER_WORDS = (*OBSERVER_GROUP_WORDS, "professor", "pollster", "columnist", "historian", "economist",
                  "editorial", "author", "writer", "reporter", "correspondent", "commentator", "scientist")
# Whole words only (a plural too): "authorities" holds "author" but is no observer.
OBSERVER_PATTERN = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in OBSERVER_WORDS) + r")s?\b")
# The rules' sure code decides a statement only where the model is unsure: its likeliest class
# less probable than this (chosen by nested cross-validation, docs/signal-model.md).
RULES_DECIDE_BELOW = 0.6


# An unnamed source ("a source familiar with the talks", "sources said") speaks for no side the
# text names: codebook D2 makes its words no move at all. 6 of the 8 real annotated items whose
# source is so named have no code. Its features are an observer's.
UNNAMED_SOURCE = re.compile(r"\bsources?\b", re.IGNORECASE)


def speaker_kind(actor: Optional[Actor]) -> str:
    """party, observer, unnamed or none: the speaker kind of a pipeline statement. An unnamed
    source with no side (D2) is ``unnamed``, as ``mention_kind`` reads it in training."""
    if actor is None:
        return "none"
    if is_observer(actor):
        return "observer"
    return "unnamed" if actor.side is None and UNNAMED_SOURCE.search(actor.name) else "party"


def mention_kind(source: str, actor_kind: Optional[str] = None, lexicon: Optional[Lexicon] = None) -> str:
    """party, observer, unnamed or none for an annotated source given by its words (or its gold kind):
    the role table's kind of the words, a news outlet's name ("The Daily Ledger", as the
    actor resolver reads it at run time: codebook D11), else an observer's word in them or an
    unnamed source (D2)."""
    if actor_kind:  # a gold actor's kind, or an invented item's "party"/"observer"
        return "observer" if actor_kind in (*OBSERVER_KINDS, "observer") else "party"
    if not source.strip():
        return "none"
    lexicon = lexicon or default_lexicon()
    role = lexicon.role_in(source)
    if (role is not None and role.kind in OBSERVER_KINDS) or is_outlet(source.strip(), lexicon):
        return "observer"
    if OBSERVER_PATTERN.search(source.lower()):
        return "observer"
    return "unnamed" if UNNAMED_SOURCE.search(source) else "party"


def said_text(statement: Statement) -> str:
    """What is embedded: the content (or the whole span when there is none)."""
    return " ".join(c.text for c in statement.content) or statement.text


def embedded_text(statement: Statement) -> str:
    """What the MiniLM vector reads: the cue and what was said ("warned that ..."), so that it
    sees the speech act as well as its content; what was said alone when the cue is inside it.
    (Under cross-validation this beat the content alone on every set: docs/signal-model.md.)"""
    said = said_text(statement)
    cue = statement.cue
    return said if cue is None or cue.text in said else f"{cue.text} {said}"


def signal_features(doc: Doc, statement: Statement, speaker: str, lex: SignalLexicon,
                    cue_senses: Mapping[str, str], components: Optional[frozenset[str]] = None,
                    fired: Optional[list[tuple[str, str, float]]] = None) -> list[str]:
    """The names of a statement's features (training and run time share this one function).
    ``components``, when given, keeps only these rule components (for ablation); ``fired``
    is ``rules.rule_signals`` of the statement when the caller has it already. An unnamed
    source is described as an observer."""
    speaker = "observer" if speaker == "unnamed" else speaker
    features = [f"kind={'action' if statement.kind == 'action' else 'statement'}", f"speaker={speaker}"]
    cue = rules.cue_tokens(doc, statement)
    if cue:
        lemma = cue[0].lemma_.lower()
        features += [f"cue={lemma}", f"cue_sense={cue_senses.get(lemma)}", f"cue_tag={cue[0].tag_}",
                     f"cue|speaker={lemma}|{speaker}"]
    else:
        features.append("cue=none")
    fired = [f for f in (rules.rule_signals(doc, statement, lex) if fired is None else fired)
             if components is None or f[0] in components]
    for component, code in dict.fromkeys((component, code) for component, code, _ in fired):
        features.append(f"{component}={code}")
        features.append(f"{component}={code}|{speaker}")
    features.append(f"rules={rules.strongest(fired)}")  # what the rules' weights together say
    content = rules.content_tokens(doc, statement)
    modifiers = rules.modifiers(doc, statement, content, lex)
    if modifiers.negated:
        features.append("negated")
    if modifiers.condition:
        features.append("condition")
    features += [f"modal={m}" for m in modifiers.modality if " " not in m]
    if any(t.dep_ == "aux" and t.lower_ in FUTURE_MODALS for t in content):
        features.append("future")
    if statement.text.rstrip().endswith("?") or any(t.text == "?" for t in content):
        features.append("question")
    roots = [t for t in content if t.head.i not in {c.i for c in content} or is_root(t)]
    verb = next((t for t in roots if t.pos_ in ("VERB", "AUX")), None)
    if verb is not None:
        features.append(f"content_verb={verb.lemma_.lower()}")
        features.append(f"tense={verb.tag_}")
    return list(dict.fromkeys(features))


@dataclasses.dataclass(frozen=True)
class SignalModel:
    """Classes (``none`` for no code), per-feature weights, vector weights, biases, the
    temperature that calibrates the class probabilities and the map that calibrates the
    decided code's probability (``calibration``: slope and intercept on its log-odds, per
    head; identity when absent); a ``symbolic`` head (no vector) for runs without embeddings."""

    classes: tuple[str, ...]
    heads: Mapping[str, Mapping]  # "vector" / "symbolic" -> {"bias", "weights", "vector"?}
    temperature: Mapping[str, float]
    calibration: Mapping[str, Sequence[float]] = dataclasses.field(default_factory=dict)

    @classmethod
    def from_dict(cls, data: Mapping) -> "SignalModel":
        heads = {}
        for name, head in data["heads"].items():
            heads[name] = {"bias": np.asarray(head["bias"], dtype=np.float64),
                           "weights": {f: np.asarray(w, dtype=np.float64) for f, w in head["weights"].items()},
                           "vector": np.asarray(head["vector"], dtype=np.float64) if head.get("vector") else None}
        return cls(tuple(data["classes"]), heads, dict(data["temperature"]), dict(data.get("calibration") or {}))

    @classmethod
    def load(cls, path: Optional[Union[str, Path]] = None) -> "SignalModel":
        """The bundled model, or one written by ``tools/train_signal_model.py`` at ``path``."""
        if path is None:
            text = resources.files("tealeaves").joinpath("data", MODEL_FILE).read_text("utf-8")
        else:
            text = Path(path).read_text("utf-8")
        return cls.from_dict(json.loads(text))

    def head_name(self, vectors: Optional[np.ndarray]) -> str:
        """The head that scores statements with (or without) vectors."""
        return "vector" if vectors is not None and self.heads.get("vector") else "symbolic"

    def confidence(self, probability: float, head: str) -> float:
        """The decided code's probability, calibrated on cross-validated predictions: how often
        a code given with it was right (``evaluate.signal_cv.fit_calibration``)."""
        slope, intercept = self.calibration.get(head, (1.0, 0.0))
        return calibrated(probability, slope, intercept)

    def probabilities(self, features: Sequence[Sequence[str]], vectors: Optional[np.ndarray]) -> np.ndarray:
        """Temperature-scaled class probabilities, one row per statement."""
        name = self.head_name(vectors)
        head = self.heads[name]
        scores = np.tile(head["bias"], (len(features), 1))
        zero = np.zeros(len(self.classes))
        for row, names in zip(scores, features):
            for feature in names:
                row += head["weights"].get(feature, zero)
        if name == "vector":
            scores += np.asarray(vectors, dtype=np.float64) @ head["vector"].T
        scores /= self.temperature[name]
        scores -= scores.max(axis=1, keepdims=True)
        exp = np.exp(scores)
        return exp / exp.sum(axis=1, keepdims=True)


def calibrated(probability: float, slope: float, intercept: float) -> float:
    """``probability`` mapped through a logistic curve on its log-odds (Platt scaling)."""
    p = min(max(float(probability), 1e-4), 1 - 1e-4)
    return float(1.0 / (1.0 + np.exp(-(slope * np.log(p / (1 - p)) + intercept))))


def allowed(classes: Sequence[str], kind: str) -> np.ndarray:
    """Which classes a statement of this kind may take: a deed an action code or none, a
    statement a statement or observer code or none."""
    deed = kind == "action"
    return np.array([c == NO_CODE or (c in ACTION_CODES) == deed for c in classes])


def decide(classes: Sequence[str], probability: np.ndarray, kind: str, speaker: str,
           ruled: Optional[str] = None) -> tuple[Optional[str], float]:
    """The main code (None for no code) and its probability: an observer's words are
    ``assess`` or none (``observer_code``), an unnamed source's none (D2), a party's words are
    never ``assess``.
    ``ruled``, the code the logic rules are sure of, is taken over the model's choice: a
    statement's (``rules.strongest``) when its kind allows it; a deed's verb code (the action
    table's) always, a meeting's ``engage`` too, with the model's probability of it."""
    if kind != "action" and speaker in ("observer", "unnamed"):
        code, share = observer_code(classes, probability)
        return (None, 1 - share if code else share) if speaker == "unnamed" else (code, share)
    mask = allowed(classes, kind)
    if kind != "action":
        mask = mask & np.array([c != OBSERVER for c in classes])
    p = np.where(mask, probability, 0.0)
    p = p / p.sum() if p.sum() > 0 else p
    best = int(p.argmax())
    if ruled in classes and (kind == "action" or mask[classes.index(ruled)]):
        best = classes.index(ruled)
        if not mask[best]:
            return ruled, float(probability[best])
    code = classes[best]
    return (None if code == NO_CODE else code), float(p[best])


def observer_code(classes: Sequence[str], probability: np.ndarray) -> tuple[Optional[str], float]:
    """An observer's statement: ``assess`` where the model finds commentary likelier than no
    move, else None (an outlet or analyst only relaying: codebook D1, D11), with the
    probability of that choice between the two. A party's move in what the observer relays
    ("the broadcaster reported that Ostmark demanded ...") is not the observer's: under
    cross-validation taking any likeliest move for ``assess`` was right less often."""
    commentary, relay = float(probability[classes.index(OBSERVER)]), float(probability[classes.index(NO_CODE)])
    if commentary + relay <= 0:
        return None, 0.0
    if commentary > relay:
        return OBSERVER, commentary / (commentary + relay)
    return None, relay / (commentary + relay)


def rules_decide(probability: np.ndarray, kind: str) -> bool:
    """Whether the logic rules' sure code may decide: a deed's table code always; a
    statement's only where the model's likeliest class is under ``RULES_DECIDE_BELOW``
    (where the model is sure, it was right more often than the rules under cross-validation)."""
    return kind == "action" or float(np.max(probability)) < RULES_DECIDE_BELOW


@functools.lru_cache(maxsize=1)
def default_signal_model() -> SignalModel:
    """The bundled model, loaded once per process."""
    return SignalModel.load()
