"""The signal coder measured as the kept-apart target measures it: leave one article out.

The target is the pipeline's main signal on real crisis articles (a matched statement's code
among its gold statement's acceptable codes, as ``tealeaves eval`` scores it). The crisis-dev
articles' statements are in the coder's training corpus, so ``tealeaves eval`` on them is
in-sample. Here each gold article is scored by a coder retrained without that article's
annotated items (all other items, invented ones included, with the shipped options); its
temperature and confidence calibration are fitted on the out-of-fold scores of the items
outside the article. A gold
article with no annotated items (the seed) is scored by the coder trained on every item, as
shipped. ``tools/signal_loao.py`` runs it.

PLOVER records (``held_out_events``) are scored the same way for the other kept-apart target
(verbal and material codes on PLOVER records): each record's code by the pipeline
(``coding.sentence_code``) against the record's own ``tealeaves_code``, as ``tealeaves eval``
scores it, with a coder fitted without the cross-validation fold that holds the record's
annotated item. (The CV report scores the annotators' codes of the same records, which differ
from PLOVER's on about a quarter of them.)
"""

from __future__ import annotations

import hashlib
from collections import Counter
from functools import reduce
from operator import add
from pathlib import Path
from typing import Callable, Optional, Sequence

import numpy as np

from tealeaves.evaluate.gold import GoldDocument, load_gold
from tealeaves.evaluate.scoring import Report, score
from tealeaves.evaluate.signal_cv import Examples, calibration_on, fit_temperature, fitted_head, fold_ids, out_of_fold
from tealeaves.models import DocumentResult
from tealeaves.signals.model import ACTION_CODES, SignalModel

CRISIS_GROUP = "crisis-dev:"  # an article's items are grouped as "crisis-dev:<file name without .txt>"
EVENTS_GROUP = "plover-dev:"  # a PLOVER record's item as "plover-dev:<event_key(record id)>"


def article_group(gold: GoldDocument) -> str:
    """The example group (``Examples.groups``) of a gold article's annotated items."""
    name = gold.document.id
    return CRISIS_GROUP + (name[: -len(".txt")] if name.endswith(".txt") else name)


def event_key(record_id: str) -> str:
    """A PLOVER record's neutral name (``tools/annotation_items.py``): its id spells out its
    event code, which an annotator must not see."""
    return "r" + hashlib.sha1(record_id.encode("utf-8")).hexdigest()[:10]


def held_out_model(examples: Examples, classes: Sequence[str], scores: np.ndarray, group: Optional[str],
                   **options) -> SignalModel:
    """The coder (vector head) fitted on every item outside ``group`` (every item when None),
    its temperature and confidence calibrated on the out-of-fold ``scores`` of the real items
    outside it."""
    return _model_on(examples, classes, scores, [i for i, g in enumerate(examples.groups) if g != group], **options)


def _model_on(examples: Examples, classes: Sequence[str], scores: np.ndarray, items: Sequence[int],
              **options) -> SignalModel:
    """The coder (vector head) fitted on ``items``, its temperature and confidence calibrated on
    their real items' out-of-fold scores."""
    outside = np.asarray(items, dtype=int)
    real = np.intersect1d(examples.real(), outside)
    temperature = fit_temperature(scores[real], [examples.labels[i] for i in real], classes,
                                  [examples.kinds[i] for i in real])
    head = fitted_head(examples, classes, examples.vectors, outside, **options)
    calibration = calibration_on(examples, classes, scores, temperature, real)
    return SignalModel.from_dict({"classes": list(classes), "heads": {"vector": head},
                                  "temperature": {"vector": temperature}, "calibration": {"vector": calibration}})


def leave_one_article_out(examples: Examples, classes: Sequence[str], gold_paths: Sequence[Path],
                          analyse: Callable[[GoldDocument, SignalModel], DocumentResult], folds: int = 5,
                          **options) -> dict:
    """Per gold article and in total, the pipeline's scores (``scoring.score``) with a coder that
    never saw the article; ``analyse(gold, model)`` runs the pipeline on the gold's document."""
    scores = out_of_fold(examples, classes, folds, **options)
    trained: dict[Optional[str], SignalModel] = {}
    per_article: dict[str, dict] = {}
    reports: list[Report] = []
    for path in gold_paths:
        for gold in load_gold(path):
            if gold.format != "seed":
                raise ValueError(f"{path}: leave-one-article-out scores articles with seed-format gold only")
            group = article_group(gold)
            key = group if group in examples.groups else None
            if key not in trained:
                trained[key] = held_out_model(examples, classes, scores, key, **options)
            report = score([gold], [analyse(gold, trained[key])])
            reports.append(report)
            per_article[gold.document.id] = {"held_out_items": examples.groups.count(group),
                                             **_signal_figures(report.to_dict())}
    total = reduce(add, reports).to_dict()
    return {"articles": per_article, "total": _signal_figures(total), "scores": total}


def _signal_figures(scored: dict) -> dict:
    """The acceptable main signals among matched statements, and what the seed's extras found."""
    signal = scored.get("signal", {})
    out = {"signal_correct": signal.get("correct", 0), "signal_total": signal.get("total", 0),
           "signal_accuracy": signal.get("accuracy", 0.0)}
    for name in ("mixed_messages", "standoffs", "warnings"):
        if name in scored:
            out[name] = {key: scored[name].get(key) for key in ("tp", "fp", "fn")}
    return out


def held_out_events(examples: Examples, classes: Sequence[str], gold_path: Path,
                    code_of: Callable[[GoldDocument, SignalModel], Optional[str]], folds: int = 5,
                    **options) -> dict:
    """Accuracy (all, verbal, material) and confusions of the pipeline's code of each PLOVER
    record of ``gold_path`` against its ``tealeaves_code``, each coded (``code_of(gold,
    model)``) by a coder fitted without the cross-validation fold (``signal_cv.fold_ids``) that
    holds the record's annotated item; a record with no item by the coder fitted on every item."""
    scores = out_of_fold(examples, classes, folds, **options)
    fold_of = fold_ids(examples, folds)
    fold_by_group = {g: int(f) for g, f in zip(examples.groups, fold_of) if f >= 0}
    trained: dict[Optional[int], SignalModel] = {}
    tally: dict[str, list[int]] = {name: [0, 0] for name in ("all", "verbal", "material")}
    confusion: Counter = Counter()
    for gold in load_gold(gold_path):
        if gold.format != "events":
            raise ValueError(f"{gold_path}: held-out events score PLOVER-style records only")
        fold = fold_by_group.get(EVENTS_GROUP + event_key(gold.document.id))
        if fold not in trained:
            trained[fold] = _model_on(examples, classes, scores,
                                      [i for i, f in enumerate(fold_of) if fold is None or f != fold], **options)
        code, wanted = code_of(gold, trained[fold]) or "—", gold.extras["code"]
        for name in ("all", "material" if wanted in ACTION_CODES else "verbal"):
            tally[name][0] += code == wanted
            tally[name][1] += 1
        if code != wanted:
            confusion[f"{wanted} -> {code}"] += 1
    return {name: {"correct": right, "total": total, "accuracy": right / total if total else 0.0}
            for name, (right, total) in tally.items()} | {"confusion": dict(confusion.most_common())}
