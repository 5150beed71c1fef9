"""Train the signal model and score it honestly: cross-validation grouped by document.

The rows are the annotated corpus as ``tools/annotate.py join`` writes it (git-ignored: they
hold article text): each row's sentence window is parsed by spaCy, its statement rebuilt from
the offsets, and ``signals.model.signal_features`` plus the MiniLM vector of what was said
describe it, exactly as at run time. ``cross_validate`` scores every item with a model fitted
on the folds that do not hold its document; ``train`` fits the shipped model on all rows.
scikit-learn is needed here only, never at run time.
"""

from __future__ import annotations

import functools
import json
import math
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Optional, Sequence

import numpy as np

from tealeaves.evaluate import signal_gate
from tealeaves.evaluate.invented import INVENTED_SET
from tealeaves.lexicon import Lexicon
from tealeaves.models import Span, Statement
from tealeaves.signals import baseline, rules
from tealeaves.signals.clauses import is_root
from tealeaves.signals.coding import reported_deed
from tealeaves.signals.model import (
    NO_CODE,
    allowed,
    calibrated,
    decide,
    embedded_text,
    mention_kind,
    rules_decide,
    said_text,
    signal_features,
)
from tealeaves.signals.rules import SignalLexicon

SETS = ("polnear", "crisis-dev", "plover-dev")
FIRST_BATCHES = ("A", "B", "C", "D")  # the first round's 2,031 items; later batches are reported apart
ROW_FIELDS = ("item", "set", "kind", "code", "doc", "window_text", "window")
VECTOR_SCALE = 1.0  # unit vectors as they are (scaled by 4 or 10 they did worse under CV)
DEFAULTS = {"c": 0.5, "class_weight": None,
            "set_weights": {"crisis-dev": 5.0, "plover-dev": 3.0, INVENTED_SET: 2.0}}
RELIABILITY_BINS = 10


class RowsError(ValueError):
    """The annotation rows cannot be read or lack what training needs."""


@dataclass
class Examples:
    """Per item: feature names, vector, label, document group, set, kind, speaker kind, what
    the old rule coder says and the code the logic rules are sure of (``ruled``: a deed's verb
    code, a statement's ``rules.strongest``), which the pipeline takes over the model's; the
    annotation batch (None for invented items and rows joined before batches were recorded);
    what each rule component found (``fired``), to weigh the components by their precision."""

    features: list[list[str]] = field(default_factory=list)
    vectors: Optional[np.ndarray] = None
    labels: list[str] = field(default_factory=list)
    groups: list[str] = field(default_factory=list)
    sets: list[str] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)
    speakers: list[str] = field(default_factory=list)
    rule_codes: list[Optional[str]] = field(default_factory=list)
    ruled: list[Optional[str]] = field(default_factory=list)
    batches: list[Optional[str]] = field(default_factory=list)
    fired: list[list[tuple[str, str, float]]] = field(default_factory=list)  # ``rules.rule_signals`` per item

    def real(self) -> np.ndarray:
        """Indexes of the items from real news (not invented): the only ones ever scored."""
        return np.array([i for i, s in enumerate(self.sets) if s != INVENTED_SET], dtype=int)


def load_rows(path: Path) -> list[dict]:
    """The joined annotation rows, checked."""
    try:
        lines = Path(path).read_text("utf-8").splitlines()
    except OSError as problem:
        raise RowsError(f"{path}: cannot read it ({problem.strerror}); build it with `python tools/annotate.py "
                        "join ... --out artifacts/annotations.jsonl`") from problem
    rows = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as problem:
            raise RowsError(f"{path}, line {number}: not JSON ({problem.msg})") from problem
        missing = [name for name in ROW_FIELDS if name not in row]
        if missing:
            raise RowsError(f"{path}, line {number}: no {', '.join(missing)}; rebuild the rows with the "
                            "current `tools/annotate.py join`")
        rows.append(row)
    if not rows:
        raise RowsError(f"{path}: no rows")
    return rows


def _span(text: str, pairs: Sequence[Sequence[int]]) -> Optional[Span]:
    if not pairs:
        return None
    start, end = pairs[0][0], pairs[-1][1] if pairs[-1][0] - pairs[0][1] < 3 else pairs[0][1]
    return Span(start, end, text[start:end])


def row_statement(row: dict, doc, lex: SignalLexicon) -> Statement:
    """The statement an annotated row describes, on the parse of its window. A PLOVER record's
    kind is read from the parse as the pipeline would (its item kind comes from the gold code;
    a deed only announced, "will give a grant", "would blockade", is a statement);
    the source is its speaker mention, which tells the speaker's own words from another party's."""
    text, window = row["window_text"], row["window"]
    start, end = window["span"]
    content = tuple(Span(s, e, text[s:e]) for s, e in window.get("content") or ())
    cue = _span(text, window.get("cue") or ())
    kind = "action" if row["kind"] == "action" else "indirect"
    if cue is None and row["set"] == "crisis-dev":  # the gold gives no cue: the span's main verb, as a parse finds it
        verb = _main_verb(doc, start, end)
        cue = Span(verb.idx, verb.idx + len(verb), verb.text) if verb is not None else None
    if row["set"] == "plover-dev":
        verb = _cue_verb(doc, cue) or next(iter(doc.sents)).root
        kind = "action" if reported_deed(verb, lex) else "indirect"
        relayed = _relayed_deed(doc, verb, lex) if kind != "action" else None
        if relayed is not None:  # "Rebels blew up two bridges, police said": the pipeline codes the deed
            verb, kind, cue = relayed, "action", None
        if cue is None:
            cue = Span(verb.idx, verb.idx + len(verb), verb.text)
    return Statement(id=row["item"], kind=kind, start=start, end=end, text=text[start:end], content=content,
                     quotes=(), cue=cue, speaker_mention=_span(text, window.get("source") or ()))


def _relayed_deed(doc, cue_verb, lex: SignalLexicon):
    """The deed a plain reporting verb relays ("Rebels blew up two bridges, police
    said"), as the pipeline finds it (``attribution.actions``): a verb of the action table
    stated as done, under a cue with no sense of its own. A PLOVER record is one event
    sentence and the pipeline codes its first deed (``coding.sentence_code``), so its kind is
    read the same way here (before, such records were scored as statements, which can never
    take a deed code). None when there is no such deed."""
    from tealeaves.attribution.actions import _carried_by, _done, is_fact

    if cue_verb.lemma_.lower() in lex.cue_signals:
        return None
    return next((t for t in doc if t.i != cue_verb.i and t.pos_ == "VERB" and rules.action_code(t, lex) is not None
                 and is_fact(t) and _done(_carried_by(t))), None)


def _main_verb(doc, start: int, end: int):
    """The highest verb inside start..end (its head lies outside), or None."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    inside = {t.i for t in span}
    verbs = [t for t in span if t.pos_ == "VERB"]
    return next((t for t in verbs if t.head.i not in inside or is_root(t)), verbs[0] if verbs else None)


def _cue_verb(doc, cue: Optional[Span]):
    if cue is None:
        return None
    span = doc.char_span(cue.start, cue.end, alignment_mode="expand")
    return next((t for t in span if t.pos_ == "VERB"), None) if span is not None else None


def build_examples(rows: Sequence[dict], nlp, lex: SignalLexicon, lexicon: Lexicon,
                   encode: Optional[Callable] = None) -> Examples:
    """Features (every rule component), vectors and labels of the rows."""
    out = Examples()
    statements, speakers = [], []
    for row, doc in zip(rows, nlp.pipe((r["window_text"] for r in rows), batch_size=32)):
        statement = row_statement(row, doc, lex)
        text = row["window_text"]
        source = " ".join(text[s:e] for s, e in row["window"].get("source") or ())
        speaker = mention_kind(source, row.get("speaker_kind"), lexicon)
        found = rules.rule_signals(doc, statement, lex)
        question = statement.text.rstrip().endswith("?")
        out.features.append(signal_features(doc, statement, speaker, lex, lexicon.cue_senses))
        out.labels.append(row["code"] or NO_CODE)
        out.groups.append(f"{row['set']}:{row['doc']}")
        out.sets.append(row["set"])
        out.kinds.append(statement.kind)
        out.speakers.append(speaker)
        out.batches.append(row.get("batch"))
        out.fired.append(found)
        statements.append(statement)
        speakers.append((found, question))
    if encode is not None:
        out.vectors = np.asarray(encode([embedded_text(s) for s in statements]))
        said = [said_text(s) for s in statements]  # the old coder's prototypes were matched to what was said
        prototypes = baseline.prototype_codes(said, np.asarray(encode(said)), encode)
    else:
        prototypes = [None] * len(statements)
    for (found, question), kind, speaker, prototype in zip(speakers, out.kinds, out.speakers, prototypes):
        out.rule_codes.append(baseline.rule_code(found, kind, speaker, question, prototype))
        deed = next((code for component, code, _ in found if component == "action"), None)
        out.ruled.append(deed if kind == "action" else rules.strongest(found))
    return out


def _matrix(features: Sequence[Sequence[str]], vectors: Optional[np.ndarray], vectorizer=None):
    from scipy.sparse import csr_matrix, hstack
    from sklearn.feature_extraction import DictVectorizer

    dicts = [dict.fromkeys(f, 1) for f in features]
    if vectorizer is None:
        vectorizer = DictVectorizer()
        symbolic = vectorizer.fit_transform(dicts)
    else:
        symbolic = vectorizer.transform(dicts)
    if vectors is None:
        return symbolic.tocsr(), vectorizer
    return hstack([symbolic, csr_matrix(np.asarray(vectors) * VECTOR_SCALE)]).tocsr(), vectorizer


def fit(features, vectors, labels, classes, c: float, class_weight=None, sample_weight=None):
    """A multinomial logistic regression over the features (and vectors, when given)."""
    from sklearn.linear_model import LogisticRegression

    matrix, vectorizer = _matrix(features, vectors)
    index = {code: i for i, code in enumerate(classes)}
    model = LogisticRegression(C=c, max_iter=3000, class_weight=class_weight)
    model.fit(matrix, [index[label] for label in labels], sample_weight=sample_weight)
    return vectorizer, model


def _set_weights(examples: Examples, weights: dict) -> np.ndarray:
    """Per item, the weight of its set (1 unless ``weights`` names it): the crisis-like sets
    are few beside PolNeAR and are what tealeaves reads."""
    return np.array([float(weights.get(s, 1.0)) for s in examples.sets])


def _full_probabilities(model, matrix, count: int) -> np.ndarray:
    """Probabilities over every class (a class missing from a fold gets 0)."""
    out = np.zeros((matrix.shape[0], count))
    out[:, model.classes_] = model.predict_proba(matrix)
    return out


def out_of_fold(examples: Examples, classes: Sequence[str], folds: int = 5, use_vectors: bool = True,
                keep: Optional[Callable[[str], bool]] = None, **options) -> np.ndarray:
    """Every real item's class log-scores from a model fitted on the folds without its document
    (``fold_ids``); invented items join every training fold and are never scored (their rows
    stay -inf). ``keep`` filters feature names (ablations)."""
    settings = {**DEFAULTS, **options}
    features = [[f for f in row if keep is None or keep(f)] for row in examples.features]
    vectors = examples.vectors if use_vectors else None
    scores = np.full((len(features), len(classes)), -np.inf)
    weights = _set_weights(examples, settings["set_weights"])
    real = examples.real()
    invented = np.setdiff1d(np.arange(len(features)), real)
    fold_of = fold_ids(examples, folds)[real]
    for fold in range(folds):
        train, test = np.concatenate([real[fold_of != fold], invented]), real[fold_of == fold]
        vectorizer, model = fit([features[i] for i in train], None if vectors is None else vectors[train],
                                [examples.labels[i] for i in train], classes, settings["c"], settings["class_weight"],
                                weights[train])
        matrix, _ = _matrix([features[i] for i in test], None if vectors is None else vectors[test], vectorizer)
        decision = model.decision_function(matrix)
        if decision.ndim == 1:  # two classes: one score, that of the second against the first
            decision = np.column_stack([np.zeros_like(decision), decision])
        scores[np.ix_(test, model.classes_)] = decision
    return scores


def softmax(scores: np.ndarray, temperature: float = 1.0) -> np.ndarray:
    scaled = scores / temperature
    scaled = scaled - np.max(np.where(np.isfinite(scaled), scaled, -np.inf), axis=1, keepdims=True)
    exp = np.where(np.isfinite(scaled), np.exp(scaled), 0.0)
    return exp / exp.sum(axis=1, keepdims=True)


def fit_temperature(scores: np.ndarray, labels: Sequence[str], classes: Sequence[str],
                    kinds: Optional[Sequence[str]] = None) -> float:
    """The temperature that minimises the log loss of out-of-fold scores (a grid search), over
    the classes each item's kind allows (as ``decide`` renormalises them)."""
    truth = np.array([list(classes).index(label) for label in labels])
    if kinds is not None:
        masks = np.array([allowed(classes, kind) for kind in kinds])
        possible = masks[np.arange(len(truth)), truth]  # a label its kind cannot take says nothing of calibration
        scores, truth = np.where(masks, scores, -np.inf)[possible], truth[possible]
    best = (np.inf, 1.0)
    for temperature in np.arange(0.3, 3.01, 0.05):
        p = softmax(scores, temperature)[np.arange(len(truth)), truth]
        loss = -np.mean(np.log(np.clip(p, 1e-12, None)))
        best = min(best, (loss, round(float(temperature), 2)))
    return best[1]


def predictions(probabilities: np.ndarray, examples: Examples, classes: Sequence[str],
                with_rules: bool = True, ruled: Optional[Sequence[Optional[str]]] = None
                ) -> list[tuple[Optional[str], float]]:
    """The decided code (None for no code) and its probability per item: as the pipeline
    decides (the rules' sure code, ``ruled`` or every component's, over the model's where
    ``rules_decide``), or the model's alone."""
    ruled = (examples.ruled if ruled is None else ruled) if with_rules else [None] * len(examples.kinds)
    return [decide(classes, row, kind, speaker, sure if rules_decide(row, kind) else None)
            for row, kind, speaker, sure in zip(probabilities, examples.kinds, examples.speakers, ruled)]


def report(truth: Sequence[Optional[str]], predicted: Sequence[Optional[str]]) -> dict:
    """Accuracy, macro-F1 over the codes present in truth or predictions, and the confusion."""
    gold, given = [c or "—" for c in truth], [c or "—" for c in predicted]
    labels = sorted(set(gold) | set(given))
    f1s = {}
    for label in labels:
        tp = sum(t == p == label for t, p in zip(gold, given))
        fp = sum(p == label != t for t, p in zip(gold, given))
        fn = sum(t == label != p for t, p in zip(gold, given))
        f1s[label] = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    return {"items": len(gold), "accuracy": sum(t == p for t, p in zip(gold, given)) / max(len(gold), 1),
            "macro_f1": sum(f1s.values()) / max(len(f1s), 1), "f1": f1s,
            "confusion": dict(Counter(f"{t} -> {p}" for t, p in zip(gold, given) if t != p).most_common(12)),
            "matrix": {t: dict(Counter(p for tt, p in zip(gold, given) if tt == t)) for t in labels if t in gold}}


def reliability(confidences: Sequence[float], correct: Sequence[bool], bins: int = RELIABILITY_BINS) -> list[dict]:
    """Per confidence bin: count, mean confidence and accuracy (a reliability curve)."""
    rows = []
    for b in range(bins):
        low, high = b / bins, (b + 1) / bins
        inside = [i for i, c in enumerate(confidences) if low <= c < high or (b == bins - 1 and c == 1.0)]
        if inside:
            rows.append({"bin": f"{low:.1f}-{high:.1f}", "items": len(inside),
                         "confidence": round(float(np.mean([confidences[i] for i in inside])), 3),
                         "accuracy": round(float(np.mean([correct[i] for i in inside])), 3)})
    return rows


def fit_calibration(confidences: Sequence[float], correct: Sequence[bool]) -> list[float]:
    """Slope and intercept of a logistic curve on the log-odds of the decided codes'
    probabilities, fitted to whether each code was right (Platt scaling): the map from the
    coder's probability to how often such a code is right (``SignalModel.confidence``)."""
    from sklearn.linear_model import LogisticRegression

    right = np.asarray(correct, dtype=int)
    if len(set(right.tolist())) < 2:
        return [1.0, 0.0]
    p = np.clip(np.asarray(confidences, dtype=np.float64), 1e-4, 1 - 1e-4)
    model = LogisticRegression(C=100.0).fit(np.log(p / (1 - p))[:, None], right)
    return [round(float(model.coef_[0][0]), 4), round(float(model.intercept_[0]), 4)]


def calibration_on(examples: Examples, classes: Sequence[str], scores: np.ndarray, temperature: float,
                   items: np.ndarray) -> list[float]:
    """``fit_calibration`` on the codes the coder decides for ``items`` from their out-of-fold
    ``scores`` at this temperature, against their gold codes."""
    decided = predictions(softmax(np.where(np.isfinite(scores), scores, 0.0), temperature), examples, classes)
    return fit_calibration([decided[i][1] for i in items],
                           [decided[i][0] == (None if examples.labels[i] == NO_CODE else examples.labels[i])
                            for i in items])


def calibration_error(confidences: Sequence[float], correct: Sequence[bool], bins: int = RELIABILITY_BINS) -> dict:
    """Expected calibration error (the items' mean gap between confidence and accuracy per
    bin) and Brier score of the decided codes."""
    c, right = np.asarray(confidences, dtype=np.float64), np.asarray(correct, dtype=np.float64)
    which = np.minimum((c * bins).astype(int), bins - 1)
    gap = sum(abs(c[which == b].mean() - right[which == b].mean()) * (which == b).mean()
              for b in range(bins) if (which == b).any())
    return {"ece": round(float(gap), 4), "brier": round(float(np.mean((c - right) ** 2)), 4)}


def _nested_calibration(confidences: Sequence[float], correct: Sequence[bool], fold_of: Sequence[int]) -> list[float]:
    """Each item's confidence calibrated by the map fitted on the other folds' items."""
    out = list(confidences)
    for fold in set(fold_of):
        train = [i for i, f in enumerate(fold_of) if f != fold]
        slope, intercept = fit_calibration([confidences[i] for i in train], [correct[i] for i in train])
        for i, f in enumerate(fold_of):
            if f == fold:
                out[i] = calibrated(confidences[i], slope, intercept)
    return out


def cross_validation_report(examples: Examples, classes: Sequence[str], folds: int = 5,
                            scores: Optional[np.ndarray] = None, **options) -> dict:
    """The coder as the pipeline runs it (``coder``: the model, with the rules' sure codes
    over it), the model alone (``model``) by cross-validation and the old rule coder
    (``rules``), per set and overall. ``options`` override ``DEFAULTS`` (C, weights);
    ``scores``, out-of-fold scores already computed with them, spare fitting again."""
    real = examples.real()
    if scores is None:
        scores = out_of_fold(examples, classes, folds, **options)
    temperature = fit_temperature(scores[real], [examples.labels[i] for i in real], classes,
                                  [examples.kinds[i] for i in real])
    probabilities = softmax(np.where(np.isfinite(scores), scores, 0.0), temperature)
    gated, gates = signal_gate.nested_ruled(examples, classes, probabilities, fold_ids(examples, folds),
                                            functools.partial(mean_set_f1, examples, classes, probabilities))
    decided = predictions(probabilities, examples, classes)
    coded = {"coder": [code for code, _ in decided],
             "model": [code for code, _ in predictions(probabilities, examples, classes, with_rules=False)],
             "rules": examples.rule_codes,
             "gated": [code for code, _ in predictions(probabilities, examples, classes, ruled=gated)]}
    truth = [None if label == NO_CODE else label for label in examples.labels]
    per_set: dict[str, dict[str, dict]] = {}
    out = {"folds": folds, "temperature": temperature, "sets": per_set,
           "gate": [{"margin": margin if math.isfinite(margin) else None, "untrusted": keys}
                    for margin, keys in gates]}
    for name, index in report_groups(examples).items():
        per_set[name] = {who: report([truth[i] for i in index], [codes[i] for i in index])
                         for who, codes in coded.items()}
        if name == "plover-dev":
            for group, wanted in (("verbal", False), ("material", True)):
                picked = [i for i in index if (truth[i] in rules.ACTION_CODES) == wanted]
                for who, codes in coded.items():
                    per_set[name][f"{who}_{group}"] = report([truth[i] for i in picked], [codes[i] for i in picked])
    confidences, correct = [decided[i][1] for i in real], [decided[i][0] == truth[i] for i in real]
    nested = _nested_calibration(confidences, correct, fold_ids(examples, folds)[real].tolist())
    out["reliability"] = reliability(confidences, correct)
    out["reliability_calibrated"] = reliability(nested, correct)
    out["calibration"] = {"map": fit_calibration(confidences, correct),
                          "raw": calibration_error(confidences, correct),
                          "calibrated (nested)": calibration_error(nested, correct)}
    return out


def fold_ids(examples: Examples, folds: int) -> np.ndarray:
    """Each real item's fold, GroupKFold by document over the real items (-1 for invented
    items): how ``out_of_fold`` and the gate's nested choice split them."""
    from sklearn.model_selection import GroupKFold

    real = examples.real()
    out = np.full(len(examples.labels), -1)
    for fold, (_, test) in enumerate(GroupKFold(folds).split(real, groups=[examples.groups[i] for i in real])):
        out[real[test]] = fold
    return out


def mean_set_f1(examples: Examples, classes: Sequence[str], probabilities: np.ndarray,
                ruled: Sequence[Optional[str]], index: Sequence[int]) -> float:
    """The coder's macro-F1 on each set's items among ``index``, averaged over the sets (how
    round four chose the invented weight: no set's size decides alone)."""
    decided = predictions(probabilities, examples, classes, ruled=ruled)
    truth = [None if label == NO_CODE else label for label in examples.labels]
    figures = [report([truth[i] for i in picked], [decided[i][0] for i in picked])["macro_f1"]
               for name in SETS if (picked := [i for i in index if examples.sets[i] == name])]
    return float(np.mean(figures)) if figures else 0.0


def report_groups(examples: Examples) -> dict[str, list[int]]:
    """The items each line of the report scores: per set and all, the first round's items
    (comparable from round to round); each later batch apart; never an invented item."""
    batches = examples.batches or [None] * len(examples.sets)
    real = [int(i) for i in examples.real()]
    first = [i for i in real if batches[i] in (None, *FIRST_BATCHES)]
    groups = {name: [i for i in first if examples.sets[i] == name] for name in SETS}
    groups["all"] = first
    for batch in sorted({str(batches[i]) for i in real if batches[i] not in (None, *FIRST_BATCHES)}):
        groups[f"batch {batch}"] = [i for i in real if batches[i] == batch]
    return groups


def fitted_head(examples: Examples, classes: Sequence[str], vectors: Optional[np.ndarray], rows: np.ndarray,
                min_weight: float = 1e-3, **options) -> dict:
    """One head of the model file (bias, feature weights and, with ``vectors``, vector weights)
    fitted on the items ``rows`` (all of them for the shipped file; all but one article's for
    the leave-one-article-out estimate)."""
    settings = {**DEFAULTS, **options}
    rows = np.asarray(rows, dtype=int)
    vectorizer, model = fit([examples.features[i] for i in rows], None if vectors is None else vectors[rows],
                            [examples.labels[i] for i in rows], classes, settings["c"], settings["class_weight"],
                            _set_weights(examples, settings["set_weights"])[rows])
    coef = np.zeros((len(classes), model.coef_.shape[1]))
    coef[model.classes_] = model.coef_
    bias = np.full(len(classes), -30.0)
    bias[model.classes_] = model.intercept_
    names = vectorizer.get_feature_names_out()
    weights = {str(feature): [round(float(w), 4) for w in coef[:, i]] for i, feature in enumerate(names)
               if np.abs(coef[:, i]).max() >= min_weight}
    head = {"bias": [round(float(b), 4) for b in bias], "weights": dict(sorted(weights.items()))}
    if vectors is not None:
        head["vector"] = [[round(float(w) * VECTOR_SCALE, 4) for w in row[len(names):]] for row in coef]
    return head


def train(examples: Examples, classes: Sequence[str], folds: int = 5, min_weight: float = 1e-3, **options) -> dict:
    """The model file's content: both heads fitted on every row, temperatures from CV."""
    return train_and_score(examples, classes, folds, min_weight, **options)[0]


def train_and_score(examples: Examples, classes: Sequence[str], folds: int = 5, min_weight: float = 1e-3,
                    **options) -> tuple[dict, dict]:
    """The model file's content and the cross-validation report of its first head, from the
    same out-of-fold scores (the run that trains the shipped file scores it too)."""
    settings = {**DEFAULTS, **options}
    heads: dict[str, dict] = {}
    temperature: dict[str, float] = {}
    calibration: dict[str, list[float]] = {}
    reports: dict[str, dict] = {}
    for name, vectors in (("vector", examples.vectors), ("symbolic", None)):
        if name == "vector" and vectors is None:
            continue
        scores = out_of_fold(examples, classes, folds, use_vectors=vectors is not None, **settings)
        real = examples.real()
        temperature[name] = fit_temperature(scores[real], [examples.labels[i] for i in real], classes,
                                            [examples.kinds[i] for i in real])
        heads[name] = fitted_head(examples, classes, vectors, np.arange(len(examples.labels)), min_weight, **settings)
        calibration[name] = calibration_on(examples, classes, scores, temperature[name], real)
        if not reports:  # the vector head's (or, without vectors, the symbolic one's)
            reports["first"] = cross_validation_report(examples, classes, folds, scores)
    invented = len(examples.labels) - len(examples.real())
    return ({"classes": list(classes), "temperature": temperature, "calibration": calibration, "heads": heads,
             "trained_on": {"items": len(examples.labels), "invented": invented,
                            "per_code": dict(sorted(Counter(examples.labels).items()))},
             "options": settings}, reports["first"])


__all__ = ["Examples", "RowsError", "build_examples", "cross_validation_report", "fitted_head", "load_rows",
           "train", "train_and_score"]


def evaluate_rows(path: Path, folds: int = 5, model: Optional[str] = None) -> dict:
    """``tealeaves eval --signals``: the cross-validation report of the rows at ``path``."""
    from tealeaves.codebook import codebook
    from tealeaves.lexicon import default_lexicon
    from tealeaves.nlp.model import load_model
    from tealeaves.signals.encoder import default_encoder
    from tealeaves.signals.rules import default_signal_lexicon

    rows = load_rows(path)
    if len({(r["set"], r["doc"]) for r in rows}) < folds:
        raise RowsError(f"{path}: fewer documents than {folds} folds; give --folds fewer")
    examples = build_examples(rows, load_model(model), default_signal_lexicon(), default_lexicon(), default_encoder())
    return cross_validation_report(examples, [*codebook().names(), NO_CODE], folds)


def format_report(scores: dict) -> list:
    """Rich tables of a cross-validation report: per set, confusions, reliability."""
    from rich.table import Table

    summary = Table(title=f"signal coder, {scores['folds']}-fold cross-validation grouped by document "
                          f"(temperature {scores['temperature']})")
    coders = ("coder", "model", "rules", "gated")
    summary.add_column("set")
    summary.add_column("items", justify="right")
    for who in coders:
        summary.add_column(f"{who} accuracy / macro-F1", justify="right")
    for name, parts in scores["sets"].items():
        for suffix in ("", "_verbal", "_material"):
            if f"coder{suffix}" not in parts:
                continue
            figures = [parts[f"{who}{suffix}"] for who in coders]
            summary.add_row(name + suffix.replace("_", " "), str(figures[0]["items"]),
                            *(f"{f['accuracy']:.3f} / {f['macro_f1']:.3f}" for f in figures))
    confusions = Table(title="commonest confusions (gold -> coder), all sets")
    confusions.add_column("gold -> coder")
    confusions.add_column("items", justify="right")
    for pair, count in scores["sets"]["all"]["coder"]["confusion"].items():
        confusions.add_row(pair, str(count))
    tables = [summary, confusions]
    for key, title in (("reliability", "reliability of the decided code's probability (temperature only)"),
                       ("reliability_calibrated", "reliability of the confidence, calibrated on the other folds")):
        curve = Table(title=f"{title}, cross-validated")
        for column in ("confidence bin", "items", "mean confidence", "accuracy"):
            curve.add_column(column, justify="right")
        for row in scores.get(key, ()):
            curve.add_row(row["bin"], str(row["items"]), f"{row['confidence']:.3f}", f"{row['accuracy']:.3f}")
        tables.append(curve)
    return tables
