"""Fit the mixed-message calibration (``analysis.mixed_model``) leave-one-article-out on gold.

Every mixed message ``analysis.mixed.raw_mixed_messages`` reports is a row: ln of its raw score,
and whether the gold lists it (required or optional alike: the confidence is the chance that the
contradiction is one a reader would name). Gold comes from seed-format files (crisis-dev: the
statements named; run with the full pipeline and with the gold's sides and signals) and, with
``--sides-gold DIR``, from articles whose gold names each mixed message by its side and an anchor
of each half (``DIR/gold/gold.json`` beside ``DIR/*.txt``: a message is listed when its side is
the gold's and its statements overlap both anchors). For each article the logistic map is fitted
on the others and applied to it; the left-out confidences are then pooled into a reliability
table (predicted against observed, by band) with the Brier score of raw and calibrated scores.
``--write`` stores the all-article map in ``data/mixed_model.yaml``.

    python tools/mixed_fit.py ../shared/corpus/crisis-dev/*.gold.json --sides-gold /work/read6 /work/read7
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

import numpy as np
from sklearn.linear_model import LogisticRegression

from pair_cv import remembering  # tools/ is on the path when run as a script
from pair_misses import to_system
from standoff_fit import brier, model_yaml, reliability, side_gold_results
from tealeaves.analysis import mixed
from tealeaves.analysis import mixed_model as model_module
from tealeaves.analysis.mixed import raw_mixed_messages
from tealeaves.analysis.mixed_model import MIN_SCORE, MixedModel, weakest_rank
from tealeaves.analysis.standoff_model import code_ranks
from tealeaves.analysis.wording import party_statements, side_of
from tealeaves.evaluate.gold import load_gold
from tealeaves.evaluate.oracle import with_gold
from tealeaves.models import DocumentResult
from tealeaves.pipeline import analyze_documents, similarity_of
from tealeaves.signals.encoder import default_encoder

REGULARISATION = 1.0  # sklearn's C
ROWS_FROM = 0.25  # rows are the messages found with mixed.MIN_PAIR_SCORE lowered to this: more rows, mostly unlisted
MODEL_PATH = Path(__file__).resolve().parents[1] / "src" / "tealeaves" / "data" / model_module.MODEL_FILE


@dataclass
class Rows:
    """One article's messages: raw scores, their weakest code ranks, whether the gold lists
    each, and a label for each."""

    name: str
    scores: list[float]
    weakest: list[float]
    listed: list[int]
    labels: list[str]


def _messages(result: DocumentResult, encode):
    actors = {a.id: a for a in result.actors}
    party = party_statements(list(result.statements), actors)
    similarity, ranks = similarity_of(party, encode), code_ranks(party)
    messages = raw_mixed_messages(list(result.statements), actors, similarity, text=result.document.text)
    return actors, [(m, weakest_rank(m.statement_ids, ranks)) for m in messages]


def seed_format_rows(path: str, encode, with_oracle: bool) -> list[Rows]:
    out = []
    golds = load_gold(path)
    for gold, result in zip(golds, analyze_documents([g.document for g in golds])):
        rows = Rows(gold.document.id, [], [], [], [])
        modes = [("full", result)]
        if with_oracle:
            modes.append(("oracle", with_gold(gold, result, ("sides", "signals"), encode)))
        for mode, res in modes:
            matched = to_system(gold, res)
            wanted = {frozenset(matched[i].id for i in item["statements"])
                      for item in gold.extras.get("mixed_messages", []) if all(i in matched for i in item["statements"])}
            for m, weakest in _messages(res, encode)[1]:
                rows.scores.append(m.score)
                rows.weakest.append(weakest)
                rows.listed.append(int(frozenset(m.statement_ids) in wanted))
                rows.labels.append(f"{mode} {m.kind} {'+'.join(m.statement_ids)}")
        out.append(rows)
    return out


def sides_gold_rows(folder: str, encode) -> list[Rows]:
    """The messages of ``folder``'s articles against their side-level gold (see the docstring)."""
    gold, results = side_gold_results(folder)
    out = []
    for result in results:
        text, entry = result.document.text, gold[Path(result.document.source or "").stem]
        spans = [(side, [(at, at + len(a)) for a in anchors if (at := text.find(a)) >= 0])
                 for side, *anchors, _flag in entry["mixed"]]
        actors, messages = _messages(result, encode)
        by_id = {s.id: s for s in result.statements}
        rows = Rows(result.document.id, [], [], [], [])
        for m, weakest in messages:
            said = [by_id[i] for i in m.statement_ids]
            hit = any(side == m.side and len(found) == 2
                      and all(any(s.start < end and start < s.end for s in said) for start, end in found)
                      for side, found in spans)
            rows.scores.append(m.score)
            rows.weakest.append(weakest)
            rows.listed.append(int(hit))
            rows.labels.append(f"{m.kind} {'+'.join(m.statement_ids)} {side_of(said[0], actors)}")
        out.append(rows)
    return out


def fit(scores: Sequence[float], weakest: Sequence[float], listed: Sequence[int]) -> MixedModel:
    """Platt scaling: the logistic map from ln raw score and the weakest code rank to whether
    the gold lists the message."""
    x = np.column_stack([np.log(np.maximum(np.array(scores, dtype=float), MIN_SCORE)), np.array(weakest, dtype=float)])
    regression = LogisticRegression(C=REGULARISATION, max_iter=1000).fit(x, np.array(listed, dtype=int))
    return MixedModel(float(regression.intercept_[0]), float(regression.coef_[0][0]), float(regression.coef_[0][1]))


def main(argv: Sequence[str] = ()) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("gold", nargs="+", help="seed-format gold files (.json)")
    parser.add_argument("--sides-gold", nargs="*", default=[], help="folders of articles with side-level gold")
    parser.add_argument("--oracle", action="store_true", help="add rows read with the gold's sides and signals")
    parser.add_argument("--write", action="store_true", help=f"store the all-article map in data/{MODEL_PATH.name}")
    args = parser.parse_args(argv or None)
    encode = remembering(default_encoder())
    shipped, mixed.MIN_PAIR_SCORE = mixed.MIN_PAIR_SCORE, ROWS_FROM
    articles = [r for path in args.gold for r in seed_format_rows(path, encode, args.oracle)]
    articles += [r for folder in args.sides_gold for r in sides_gold_rows(folder, encode)]
    print(f"messages: {sum(len(a.scores) for a in articles)}, listed: {sum(sum(a.listed) for a in articles)}")
    raw: list[float] = []
    calibrated: list[float] = []
    listed: list[int] = []
    for i, article in enumerate(articles):
        others = [a for j, a in enumerate(articles) if j != i]
        ys = [y for a in others for y in a.listed]
        if not article.scores:
            continue
        model = fit([s for a in others for s in a.scores], [w for a in others for w in a.weakest], ys)
        for score, weakest, y, label in zip(article.scores, article.weakest, article.listed, article.labels):
            p = model.confidence(score, weakest)
            raw.append(score)
            calibrated.append(p)
            listed.append(y)
            print(f"left out {article.name[:24]:24} {label:44} raw {score:.2f} codes {weakest:.2f} -> {p:.2f} "
                  f"listed {y}")
    kept = [k for k, score in enumerate(raw) if score >= shipped]
    for label, which in (("all rows", range(len(raw))), (f"reported (raw >= {shipped})", kept)):
        ys = [listed[k] for k in which]
        print(f"left out, {label}, raw scores:", *reliability([raw[k] for k in which], ys), sep="\n")
        print(f"left out, {label}, calibrated:", *reliability([calibrated[k] for k in which], ys), sep="\n")
        print(f"Brier left out, {label}: raw {brier([raw[k] for k in which], ys):.3f}, "
              f"calibrated {brier([calibrated[k] for k in which], ys):.3f}")
    model = fit([s for a in articles for s in a.scores], [w for a in articles for w in a.weakest],
                [y for a in articles for y in a.listed])
    print(f"all articles: {model}")
    for weakest in (0.1, 0.5, 1.0):
        print(f"  weakest code rank {weakest}: raw 0.5 -> {model.confidence(0.5, weakest):.2f}, "
              f"0.75 -> {model.confidence(0.75, weakest):.2f}, 0.9 -> {model.confidence(0.9, weakest):.2f}")
    if args.write:
        MODEL_PATH.write_text(_as_yaml(model), encoding="utf-8")
    return 0


def _as_yaml(model: MixedModel) -> str:
    return model_yaml(MODEL_PATH, {"intercept": round(model.intercept, 3), "slope": round(model.slope, 3),
                                   "codes": round(model.codes, 3)})


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
