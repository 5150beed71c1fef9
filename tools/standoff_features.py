"""Which evidence separates gold standoffs from other clashing pairs of two sides (#21).

Every candidate reading ``standoffs.standoff_readings`` scores on seed-format gold (full pipeline
and gold sides and signals, as ``tools/standoff_fit.py`` reads them) is a row of features: the
model's evidence and ln strength, and evidence the model does not use (embedding similarity,
shared rare words, the same topic label or target, one addressed to the other's speaker or
naming him or his move, the target of one on the other's side, which comes first, how far
apart, a factual dispute). Prints each feature's AUC against "the gold lists the pair", then,
left one article out, the AUC, log-loss and Brier of a logistic fit on ln strength alone and
with each feature beside it: a feature is worth a weight when it helps there.

    python tools/standoff_features.py ../shared/corpus/crisis-dev/*.gold.json ../shared/corpus/seed/gold.json
"""

from __future__ import annotations

import argparse
import math
import sys
from typing import Sequence

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import log_loss, roc_auc_score

from pair_cv import remembering  # tools/ is on the path when run as a script
from standoff_fit import Article, seed_format_article
from tealeaves.analysis.pairs import Layout, _word_overlap, addressed
from tealeaves.analysis.standoff_model import MIN_STRENGTH, strength
from tealeaves.analysis.standoffs import standoff_readings
from tealeaves.analysis.wording import names_actor, names_move, party_statements, side_of, speaker_of
from tealeaves.pipeline import similarity_of
from tealeaves.signals.encoder import default_encoder

BASE = ("strength",)
TRIED = ("dispute", "same_label", "addressed", "names_speaker", "names_move", "mutual", "embedding", "shared_words",
         "target_other_side", "soft_first", "paragraphs_apart", "same_target")


def feature_rows(article: Article, encode) -> list[tuple[dict[str, float], bool]]:
    """(features, listed) for every candidate reading of the article, in each mode."""
    out = []
    for mode, result in article.results.items():
        actors = {a.id: a for a in result.actors}
        similarity = similarity_of(party_statements(list(result.statements), actors), encode)
        layout = Layout.of(result.statements, result.document.text)
        for candidate, found in standoff_readings(list(result.statements), actors, similarity, layout):
            a, b = candidate.first, candidate.second
            side_a, side_b = side_of(a, actors), side_of(b, actors)
            target_a, target_b = actors.get(a.target or ""), actors.get(b.target or "")
            features = {
                **found, "strength": math.log(max(strength(found), MIN_STRENGTH)),
                "embedding": similarity(a, b) if similarity else 0.0,
                "shared_words": _word_overlap(a, b, layout.weights),
                "same_label": float(bool(a.topic) and a.topic == b.topic),
                "same_target": float(bool(a.target) and a.target == b.target),
                "addressed": float(addressed(a, b, actors) or addressed(b, a, actors)),
                "names_move": float(names_move(a, b) or names_move(b, a)),
                "names_speaker": float(names_actor(a.text, speaker_of(b, actors))
                                       or names_actor(b.text, speaker_of(a, actors))),
                "target_other_side": float(target_a is not None and target_a.side == side_b
                                           or target_b is not None and target_b.side == side_a),
                "soft_first": float(layout.order[a.id] < layout.order[b.id]),
                "paragraphs_apart": float(layout.paragraphs_apart(a, b)),
            }
            out.append((features, article.listed[mode](a, b) is not None))
    return out


def left_out(x: np.ndarray, y: np.ndarray, groups: np.ndarray) -> np.ndarray:
    """Each row's probability from a logistic fit on the other articles."""
    predicted = np.zeros(len(y))
    for group in np.unique(groups):
        train = groups != group
        model = LogisticRegression(max_iter=2000).fit(x[train], y[train])
        predicted[~train] = model.predict_proba(x[~train])[:, 1]
    return predicted


def main(argv: Sequence[str] = ()) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("gold", nargs="+", help="seed-format gold files (.json)")
    args = parser.parse_args(argv or None)
    encode = remembering(default_encoder())
    rows, groups = [], []
    for number, article in enumerate(a for path in args.gold for a in seed_format_article(path, encode)):
        found = feature_rows(article, encode)
        rows += found
        groups += [number] * len(found)
    y, group = np.array([listed for _, listed in rows], dtype=int), np.array(groups)
    print(f"rows {len(y)}, listed {y.sum()}")
    for name in (*BASE, *TRIED):
        x = np.array([f[name] for f, _ in rows])
        print(f"  {name:18} AUC {roc_auc_score(y, x):.3f}  mean listed {x[y == 1].mean():.2f}, "
              f"not {x[y == 0].mean():.2f}")
    print("left one article out, logistic on:")
    for names in (BASE, *((*BASE, t) for t in TRIED), (*BASE, "dispute", "same_label", "addressed")):
        p = left_out(np.array([[f[n] for n in names] for f, _ in rows]), y, group)
        print(f"  {' + '.join(names):40} AUC {roc_auc_score(y, p):.3f}  log-loss {log_loss(y, p):.3f}  "
              f"Brier {np.mean((p - y) ** 2):.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
