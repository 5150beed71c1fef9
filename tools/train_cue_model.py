"""Train the cue model (src/tealeaves/data/cue_model.json) from span-annotated news.

    .venv/bin/python tools/train_cue_model.py ../shared/corpus/polnear/polnear_train.jsonl \
        -o src/tealeaves/data/cue_model.json

Every verb with a subject that could be a source (``attribution.cue_example``) is an
example; it is a cue when an annotated attribution's cue overlaps the verb and its source
overlaps the verb's speaker mention. A logistic regression (scikit-learn, L2) learns the
weights of ``cue_model.cue_features``. Gold in the span format of ``tealeaves eval`` (PolNeAR's
JSONL); train on the training split only, and score on the others with ``tealeaves eval``.
``--cv 5`` prints how each threshold does on articles the model did not see, to choose
``--threshold`` from the training split alone.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Iterable, Iterator, Optional, Sequence

import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold
from spacy.tokens import Doc

from tealeaves.attribution.cues import cue_example
from tealeaves.attribution.speaker import statement_mention
from tealeaves.evaluate.gold import GoldDocument, GoldError, load_gold
from tealeaves.evaluate.matching import overlap
from tealeaves.lexicon import Lexicon
from tealeaves.nlp.model import load_model, parse_text


def parsed(gold_path: Path) -> Iterator[tuple[GoldDocument, Doc]]:
    """Each gold document with its parse."""
    gold = load_gold(gold_path)
    yield from zip(gold, load_model().pipe((parse_text(g.document.text) for g in gold), batch_size=16))


def examples(documents: Iterable[tuple[GoldDocument, Doc]], lex: Lexicon,
             articles: Optional[list[int]] = None) -> tuple[list[dict[str, int]], list[int]]:
    """Features and label (1: a cue of its subject) of every candidate verb; ``articles``, when
    given, gets the number of the article each example comes from."""
    features, labels = [], []
    for number, (record, doc) in enumerate(documents):
        attributions = [((a.source[0].start, a.source[0].end), [(c.start, c.end) for c in a.cue])
                        for a in record.attributions if a.source and a.cue]
        for token in doc:
            example = cue_example(token, lex)
            if example is None:
                continue
            names, source_token = example
            mention = statement_mention(doc, token, source_token)
            cue = (token.idx, token.idx + len(token))
            features.append(dict.fromkeys(names, 1))
            if articles is not None:
                articles.append(number)
            labels.append(int(any(overlap(mention, source) and any(overlap(cue, c) for c in cues)
                                  for source, cues in attributions)))
    return features, labels


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("gold", type=Path, help="span gold (JSONL), the training split")
    parser.add_argument("-o", "--output", type=Path, required=True)
    parser.add_argument("--c", type=float, default=0.3, help="inverse L2 strength")
    parser.add_argument("--threshold", type=float, default=0.4, help="probability at which a verb is a cue")
    parser.add_argument("--min-weight", type=float, default=0.05, help="drop smaller weights from the file")
    parser.add_argument("--cv", type=int, metavar="K", help="also print verb-level P/R/F1 by threshold, "
                        "from K-fold cross-validation over the articles (to choose --threshold on training data)")
    args = parser.parse_args()
    if args.cv is not None and args.cv < 2:
        parser.error(f"--cv {args.cv}: cross-validation needs at least 2 folds (5 is usual)")
    lex = Lexicon.load()
    articles: list[int] = []
    try:
        features, labels = examples(parsed(args.gold), lex, articles)
    except (OSError, GoldError) as problem:
        parser.exit(2, f"error: {problem}\n")
    if len(set(labels)) < 2:
        parser.exit(2, f"error: {args.gold}: the verbs there are all cues or all not: nothing to learn from\n")
    if args.cv:
        print_thresholds(features, labels, articles, args.c, args.cv)
    vectorizer, model = fit(features, labels, args.c)
    weights = {name: round(float(w), 4) for name, w in zip(vectorizer.get_feature_names_out(), model.coef_[0])
               if abs(w) >= args.min_weight}
    args.output.write_text(json.dumps({
        "trained_on": args.gold.name, "examples": len(labels), "cues": sum(labels), "c": args.c,
        "threshold": args.threshold, "bias": round(float(model.intercept_[0]), 4),
        "weights": dict(sorted(weights.items())),
    }, indent=0) + "\n", "utf-8")
    print(f"{len(labels)} examples, {sum(labels)} cues, {len(weights)} weights -> {args.output}", file=sys.stderr)


def fit(features: list[dict[str, int]], labels: Sequence[int], c: float) -> tuple[DictVectorizer, LogisticRegression]:
    """The feature names and the logistic regression learned from these examples."""
    vectorizer = DictVectorizer()
    return vectorizer, LogisticRegression(C=c, max_iter=2000).fit(vectorizer.fit_transform(features), labels)


def print_thresholds(features: list[dict[str, int]], labels: list[int], articles: list[int], c: float, folds: int) -> None:
    """Verb-level precision, recall and F1 at each threshold, each article scored by a model
    that never saw it."""
    truth, probability = np.array(labels), np.zeros(len(labels))
    for train, test in GroupKFold(folds).split(features, truth, articles):
        vectorizer, model = fit([features[i] for i in train], truth[train], c)
        probability[test] = model.predict_proba(vectorizer.transform([features[i] for i in test]))[:, 1]
    for threshold in np.arange(0.25, 0.6, 0.05):
        kept = probability >= threshold
        hits = int((kept & (truth == 1)).sum())
        precision, recall = hits / max(int(kept.sum()), 1), hits / max(int(truth.sum()), 1)
        f1 = 2 * precision * recall / (precision + recall) if hits else 0.0
        print(f"threshold {threshold:.2f}  P {precision:.3f}  R {recall:.3f}  F1 {f1:.4f}", file=sys.stderr)


if __name__ == "__main__":
    main()
