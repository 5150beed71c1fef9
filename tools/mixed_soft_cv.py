"""Would a pair scorer that does not need the decided code right find more mixed messages?
Measured leave-one-article-out on seed-format gold (the seed, crisis-dev, a read's gold).

Every pair of one side's party statements (two moves: no belief, not one move relayed) is a
row with features read from the full pipeline's output: soft opposition over the coder's whole
probability row (``analysis.soft``, the row captured as the coder runs) and over the codes the
statement keeps, the current detector's raw score of the pair (opposed codes, walk-back or
counts), how surely the two speak to one
matter (``pairs.pair_topic``), a contrast or correction cue, same speaker, a deed against a
statement, same sentence and distance. A logistic model is fitted on the other articles and
applied to the left-out one; its pairs are kept greedily (a statement in one pair) above a
threshold chosen on the other articles. Reported per feature set: required gold pairs found and
spurious pairs (neither required nor optional), beside the shipped detector's.

    python tools/mixed_soft_cv.py ../shared/corpus/seed/gold.json ../shared/corpus/crisis-dev/*.gold.json \
        /work/read10/gold/*.gold.json
"""

from __future__ import annotations

import argparse
import math
import pickle
import sys
from pathlib import Path
from typing import Sequence

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score

from pair_cv import remembering  # tools/ is on the path when run as a script
from pair_misses import to_system
from tealeaves import pipeline
from tealeaves.analysis import mixed
from tealeaves.analysis.pairs import Layout, best_reading, fact_conflict, one_reading, pair_topic, same_sentence
from tealeaves.analysis.soft import code_probabilities, soft_opposition
from tealeaves.analysis.wording import corrects, cues, party_statements, reread, side_of
from tealeaves.codebook import codebook
from tealeaves.evaluate.gold import load_gold
from tealeaves.pipeline import analyze_documents, similarity_of
from tealeaves.signals.encoder import default_encoder
from tealeaves.signals.model import SignalModel

FEATURES = ("soft_row", "soft_kept", "hard", "topic", "contrast", "corrects", "same_speaker", "deed",
            "same_sentence", "apart")
SETS = {
    "hard only": ("hard",),
    "soft row + context": ("soft_row", "topic", "contrast", "corrects", "same_speaker", "deed", "same_sentence", "apart"),
    "soft kept + context": ("soft_kept", "topic", "contrast", "corrects", "same_speaker", "deed", "same_sentence", "apart"),
    "hard + soft row + context": FEATURES,
}
THRESHOLDS = tuple(round(0.05 * k, 2) for k in range(2, 19))


def _capture_rows():
    """Patch the coder so every statement's full probability row is kept, by document text and span."""
    rows: dict[tuple, dict[str, float]] = {}
    original_probabilities, original_code = SignalModel.probabilities, pipeline.code_statements
    last: list = []

    def probabilities(self, features, vectors):
        out = original_probabilities(self, features, vectors)
        last[:] = [self.classes, out]
        return out

    def code_statements(doc, statements, *args, **kwargs):
        coded = original_code(doc, statements, *args, **kwargs)
        if last:
            classes, out = last
            for s, row in zip(coded, out):
                rows[(hash(doc.text), s.start, s.end, s.kind)] = {c: float(p) for c, p in zip(classes, row)}
        return coded

    SignalModel.probabilities = probabilities  # type: ignore[method-assign]
    pipeline.code_statements = code_statements  # type: ignore[assignment]
    return rows


def _contrast(a, b) -> float:
    return float(any(cues().contrasts.search(s.text) for s in (a, b)))


def article_rows(paths: Sequence[str], cache: Path):
    """(name, features, listed, required, system pairs, required gold pairs) per article."""
    if cache.exists():
        return pickle.loads(cache.read_bytes())
    encode = remembering(default_encoder())
    captured = _capture_rows()
    out = []
    for path in paths:
        golds = load_gold(path)
        for gold, result in zip(golds, analyze_documents([g.document for g in golds])):
            actors = {a.id: a for a in result.actors}
            text = result.document.text
            party = [reread(s, actors) for s in party_statements(list(result.statements), actors)]
            moves = [s for s in party if s.cue_sense != "belief"]
            similarity, layout = similarity_of(moves, encode), Layout.of(list(result.statements), text)
            matched = to_system(gold, result)
            items = gold.extras.get("mixed_messages", [])
            listed = {frozenset(matched[i].id for i in m["statements"]) for m in items
                      if all(i in matched for i in m["statements"])}
            required = {frozenset(matched[i].id for i in m["statements"]) for m in items
                        if not m.get("optional") and all(i in matched for i in m["statements"])}
            n_required = sum(1 for m in items if not m.get("optional"))
            feats, keys, ys = [], [], []
            for i, a in enumerate(moves):
                for b in moves[i + 1:]:
                    if side_of(a, actors) != side_of(b, actors) or one_reading(a, b):
                        continue
                    pa = {**captured.get((hash(text), a.start, a.end, a.kind), {}), **code_probabilities(a)}
                    pb = {**captured.get((hash(text), b.start, b.end, b.kind), {}), **code_probabilities(b)}
                    hard = max((c.score for c in (
                        best_reading(a, b, codebook().oppositions, similarity, layout, actors, mixed.EVIDENCE_FLOOR),
                        mixed.walk_back(a, b, similarity, layout, actors), fact_conflict(a, b, layout, actors))
                        if c is not None), default=0.0)
                    row = {
                        "soft_row": soft_opposition(pa, pb, codebook().oppositions),
                        "soft_kept": soft_opposition(code_probabilities(a), code_probabilities(b), codebook().oppositions),
                        "hard": hard,
                        "topic": pair_topic(a, b, "", similarity, layout, actors),
                        "contrast": _contrast(a, b),
                        "corrects": float(corrects(a.text) != corrects(b.text)),
                        "same_speaker": float(a.speaker_id == b.speaker_id),
                        "deed": float((a.kind == "action") != (b.kind == "action")),
                        "same_sentence": float(same_sentence(a, b)),
                        "apart": math.log1p(layout.paragraphs_apart(a, b)),
                    }
                    feats.append([row[f] for f in FEATURES])
                    keys.append(frozenset((a.id, b.id)))
                    ys.append(int(keys[-1] in listed))
            system = [frozenset(m.statement_ids) for m in result.mixed_messages]
            out.append((gold.document.id, np.array(feats).reshape(-1, len(FEATURES)), keys, ys, listed, required,
                        n_required, system))
            print(f"read {gold.document.id}: {len(keys)} pairs, {sum(ys)} listed", file=sys.stderr)
    cache.write_bytes(pickle.dumps(out))
    return out


def _pick(keys, scores, threshold):
    """Greedy, strongest first: a statement in one pair."""
    used: set[str] = set()
    kept = []
    for k in np.argsort(-np.asarray(scores)):
        if scores[k] < threshold:
            break
        if not keys[k] & used:
            used |= keys[k]
            kept.append(keys[k])
    return kept


def _count(kept, listed, required):
    return sum(1 for k in kept if k in required), sum(1 for k in kept if k not in listed)


def _fit(articles, columns):
    x = np.vstack([a[1][:, columns] for a in articles])
    y = np.concatenate([np.array(a[3], dtype=int) for a in articles])
    return LogisticRegression(C=1.0, max_iter=2000, class_weight="balanced").fit(x, y)


def main(argv: Sequence[str] = ()) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("gold", nargs="+")
    parser.add_argument("--cache", default="/tmp/mixed_soft_cv.pkl")
    args = parser.parse_args(argv or None)
    articles = [a for a in article_rows(args.gold, Path(args.cache)) if len(a[2])]
    everything = article_rows(args.gold, Path(args.cache))
    total_required = sum(a[6] for a in everything)
    found = spurious = 0
    for _name, _, _, _, listed, required, _, system in everything:
        f, s = _count(system, listed, required)
        found, spurious = found + f, spurious + s
    print(f"articles {len(everything)}, required {total_required}; shipped detector: found {found}, spurious {spurious}")
    reachable = sum(len(a[5] & set(a[2])) for a in articles)
    print(f"required pairs that are rows (both halves found, one side): {reachable}")
    for label, names in SETS.items():
        columns = [FEATURES.index(n) for n in names]
        left_out = []
        for i, article in enumerate(articles):
            model = _fit([a for j, a in enumerate(articles) if j != i], columns)
            left_out.append(model.predict_proba(article[1][:, columns])[:, 1])
        ys = np.concatenate([np.array([int(k in a[5]) for k in a[2]]) for a in articles])
        auc = roc_auc_score(ys, np.concatenate(left_out))
        curve = []
        for t in THRESHOLDS:
            counts = [_count(_pick(a[2], p, t), a[4], a[5]) for a, p in zip(articles, left_out)]
            curve.append(f"{t:.2f}:{sum(c[0] for c in counts)}/{sum(c[1] for c in counts)}")
        print(f"{label:28} left out AUC (required) {auc:.3f}; threshold:found/spurious " + " ".join(curve))
        model = _fit(articles, columns)
        print("   all-article weights: " + ", ".join(f"{n} {w:+.2f}" for n, w in zip(names, model.coef_[0]))
              + f", intercept {model.intercept_[0]:+.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
