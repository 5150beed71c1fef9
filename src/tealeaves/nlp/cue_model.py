"""Is this verb a reporting cue? A logistic model over the verb's parse.

A verb with a subject that can speak ("X offered a plan", "X pushed for talks", "X said
that ...") reports what X said, thinks or wants only in some uses: "the deal offers
benefits" does not. The cue lexicon names the usual verbs; this model weighs each use of
any verb by its parse (lemma, its lexicon sense, the words and relations around it, what
kind of subject it has) and keeps or drops it. Its weights were learned from PolNeAR's
training split (news articles annotated with source, cue and content) by
``tools/train_cue_model.py`` and ship as ``data/cue_model.json``: no download, and the same
file on every machine. A feature the model never saw weighs nothing, so a verb a user adds
with ``--cues`` is judged by its sense and its parse.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Mapping, Optional, Union

from tealeaves.nlp.quotes import CLOSING_TOKENS, OPENING_TOKENS

if TYPE_CHECKING:  # the lexicon holds this model, and a store-only command need not import spaCy
    from spacy.tokens import Token

MODEL_FILE = "cue_model.json"
# Relations and words of a verb's children that tell a report from an act.
MARKED_CHILDREN = ("prep", "prt", "mark", "agent")
OBJECT_CHILDREN = ("dobj", "xcomp", "acomp", "attr", "oprd")
DOUBLE_MARKS = ("“", "”", '"', "''", "``", "„", "«", "»")


def _mark(punct: str) -> str:
    """One name for every double quotation mark: typed marks point either way ('her,“ said')."""
    return '"' if punct in DOUBLE_MARKS else punct


@dataclass(frozen=True)
class CueModel:
    """Feature weights, bias and the probability at which a verb is a cue."""

    weights: Mapping[str, float]
    bias: float
    threshold: float

    @classmethod
    def load(cls, path: Optional[Union[str, Path]] = None) -> CueModel:
        """The bundled model, or one trained by ``tools/train_cue_model.py`` at ``path``."""
        if path is None:
            text = resources.files("tealeaves").joinpath("data", MODEL_FILE).read_text("utf-8")
        else:
            text = Path(path).read_text("utf-8")
        data = json.loads(text)
        return cls(weights=data["weights"], bias=float(data["bias"]), threshold=float(data["threshold"]))

    def probability(self, features: list[str]) -> float:
        score = self.bias + sum(self.weights.get(f, 0.0) for f in features)
        return 1.0 / (1.0 + math.exp(-score))

    def accepts(self, features: list[str]) -> bool:
        return self.probability(features) >= self.threshold


def cue_features(verb: Token, lemma: str, sense: Optional[str], subject: Token, subject_can_speak: bool,
                 depth: int) -> list[str]:
    """The names of the features a verb has (training and use share this one function)."""
    features = [f"lemma={lemma}", f"sense={sense}", f"tag={verb.tag_}", f"dep={verb.dep_}", f"lemma_dep={lemma}|{verb.dep_}"]
    for child in verb.children:
        dep = child.dep_
        features.append(f"child={dep}")
        if dep in MARKED_CHILDREN:
            features += [f"childw={dep}:{child.lower_}", f"l_childw={lemma}|{child.lower_}"]
        if dep in OBJECT_CHILDREN:
            features += [f"obj={dep}:{child.lemma_.lower()}", f"l_obj={lemma}|{dep}"]
        if dep == "ccomp":
            features.append(f"ccomp_mark={next((g.lower_ for g in child.children if g.dep_ == 'mark'), None)}")
        if dep == "neg":
            features.append("neg")
        elif dep == "aux":
            features.append(f"aux={child.lower_}")
        elif dep == "auxpass":
            features.append("passive")
    features.append(f"subj={subject.ent_type_ or subject.pos_}")
    if subject.pos_ == "NOUN":
        features.append(f"subjl={subject.lemma_.lower()}")
    elif subject.pos_ == "PRON":
        features.append(f"subjw={subject.lower_}")
    doc, first = verb.doc, min(verb.i, subject.left_edge.i)
    if first > 0 and doc[first - 1].is_punct:
        features.append(f"before={_mark(doc[first - 1].text)}")  # '“…,” she said'
    if verb.i + 1 < len(doc) and doc[verb.i + 1].is_punct:
        features.append(f"after={_mark(doc[verb.i + 1].text)}")  # 'said: “…”'
    sentence = verb.sent
    words = [t.text for t in sentence]  # once: each spaCy token made costs more than the test
    before, after = words[: verb.i - sentence.start], words[verb.i - sentence.start + 1 :]
    if sum(w in OPENING_TOKENS for w in before) > sum(w in CLOSING_TOKENS for w in before) and any(
            w in CLOSING_TOKENS for w in after):
        features.append("in_quote")  # between an opening and a closing mark (an unclosed quote may end anywhere)
    if any(w in OPENING_TOKENS or w == '"' for w in words):
        features.append("quote_in_sentence")
    features.append(f"subj_can_speak={subject_can_speak}")
    features.append(f"head={verb.head.lemma_.lower()}" if verb.head.i != verb.i else "head=ROOT")
    features.append(f"depth={min(depth, 3)}")
    return list(dict.fromkeys(features))
