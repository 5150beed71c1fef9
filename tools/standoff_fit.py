"""Fit the standoff model (``analysis.standoff_model``) leave-one-article-out on gold standoffs.

Every pair of two sides' statements that face each other with clashing codes, or count one fact
two ways, is a row: its evidence combined into one strength (``standoff_model.strength``),
whether it is read as a factual dispute, and whether the gold lists it. Gold comes from seed-format files (crisis-dev: the pair named; run
with the full pipeline and with the gold's sides and signals) and, with ``--sides-gold DIR``,
from articles whose gold names the two sides of each standoff and the statements of each side
with their acceptable codes (``DIR/gold/gold.json`` beside ``DIR/*.txt``, as the unseen-article
reads keep them: a pair is listed when its two sides are a standoff's and each statement
overlaps one of its side's, the two codes clashing). For each article, the logistic map from
ln strength to confidence (Platt scaling) and the threshold with the best pooled F1 (required
standoffs found against pairs the gold does not list; optional ones count neither way) are
fitted on the other articles and scored on it; then on all; the bundled model's figures on
every article come first, as the yardstick. Each article's readings are read once and only
rescored per fold (56 articles fit in minutes). ``--strength-only`` leaves out the
factual-dispute term (round eight's model) to compare. ``--write`` stores the all-article
model in ``data/standoff_model.yaml``; ``--check`` prints what it finds in articles without gold.

A read kept in crisis-dev's format (read10: ``gold/*.gold.json``, standoffs marked ``kind``) is
given as more seed-format files. ln strength is floored (``standoff_model.MIN_STRENGTH``): a pair
on no shared matter would otherwise sit at ln 1e-6 and, listed as an optional standoff, turn the
fitted slope negative (round ten).

    python tools/standoff_fit.py ../shared/corpus/crisis-dev/*.gold.json ../shared/corpus/seed/gold.json \\
        /work/read10/gold/*.gold.json --check ../shared/corpus/polnear/polnear_dev.jsonl
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import math
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator, Optional, Sequence

import numpy as np
import yaml
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score

from pair_cv import Tally, remembering  # tools/ is on the path when run as a script
from pair_misses import to_system
from tealeaves.analysis import standoff_model as model_module
from tealeaves.analysis.pairs import Candidate, Layout
from tealeaves.analysis.standoff_model import MIN_STRENGTH, StandoffModel, standoff_model, strength
from tealeaves.analysis.standoffs import chosen, find_standoffs, scored_reading, standoff_readings
from tealeaves.analysis.wording import party_statements
from tealeaves.codebook import codebook
from tealeaves.evaluate.gold import load_gold
from tealeaves.evaluate.oracle import with_gold
from tealeaves.io.readers import read_inputs
from tealeaves.models import Document, DocumentResult, Statement
from tealeaves.pipeline import analyze_documents, similarity_of
from tealeaves.signals.encoder import default_encoder

THRESHOLDS = (0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.425, 0.45, 0.475, 0.5, 0.525, 0.55, 0.575, 0.6)  # fine where a flat map puts its cut
# Pooled F1 differences smaller than this are noise on ~40 gold standoffs (one pair more or less).
F1_TIE = 0.01
BANDS = (0.0, 0.2, 0.4, 0.6, 0.8, 1.01)
REGULARISATION = 1.0  # sklearn's C
MODEL_PATH = Path(__file__).resolve().parents[1] / "src" / "tealeaves" / "data" / model_module.MODEL_FILE
Listing = tuple[str, bool]  # the gold standoff a pair is (its id or its two sides), and whether required


@dataclass
class Article:
    """One gold article: its results (one per mode), what the gold lists for a pair of its
    statements (``listed``), and how many required standoffs it has."""

    name: str
    results: dict[str, DocumentResult]
    listed: dict[str, Callable[[Statement, Statement], Optional[Listing]]]
    required: int


def seed_format_article(path: str, encode) -> list[Article]:
    articles = []
    golds = load_gold(path)
    for gold, result in zip(golds, analyze_documents([g.document for g in golds])):
        results = {"full": result, "oracle": with_gold(gold, result, ("sides", "signals"), encode)}
        listed = {}
        for mode, res in results.items():
            matched = to_system(gold, res)
            pairs = {frozenset(matched[i].id for i in item["statements"]): (item["id"], not item.get("optional"))
                     for item in gold.extras.get("standoffs", []) if all(i in matched for i in item["statements"])}
            listed[mode] = lambda a, b, pairs=pairs: pairs.get(frozenset((a.id, b.id)))
        required = sum(1 for item in gold.extras.get("standoffs", []) if not item.get("optional"))
        articles.append(Article(gold.document.id, results, listed, required))
    return articles


def sides_gold_articles(folder: str) -> list[Article]:
    """The articles of ``folder`` whose gold names each standoff's two sides (see the module's
    docstring); gold item offsets are found again by their ``anchor`` words in the text."""
    gold, results = side_gold_results(folder)
    clashes = codebook().clashes
    articles = []
    for result in results:
        entry = gold[Path(result.document.source or "").stem]
        items = []
        for item in entry["items"]:
            at = result.document.text.find(item["anchor"])
            if at >= 0 and item["flag"] in ("", "opt"):
                items.append((at, at + len(item["anchor"]), item["side"], set(item["codes"])))
        actors = {a.id: a for a in result.actors}

        def listed(a: Statement, b: Statement, entry=entry, items=items, actors=actors) -> Optional[Listing]:
            sides = [actors[s.speaker_id].side if s.speaker_id in actors else None for s in (a, b)]
            for first, second, flag in entry["standoffs"]:
                if set(sides) != {first, second}:
                    continue
                codes = [[c for start, end, side, c in items if side == sides[k] and start < s.end and s.start < end]
                         for k, s in enumerate((a, b))]
                if any(r.soft in x and r.hard in y or r.soft in y and r.hard in x
                       for r in clashes for x in codes[0] for y in codes[1]):
                    return f"{first}|{second}", flag == "required"
            return None

        required = sum(1 for *_, flag in entry["standoffs"] if flag == "required")
        articles.append(Article(result.document.id, {"unseen": result}, {"unseen": listed}, required))
    return articles


def side_gold_results(folder: str) -> tuple[dict, Iterator[DocumentResult]]:
    """A read's side-level gold (``DIR/gold/gold.json``, by article file stem) and the results
    of the articles it covers (not the run's stderr.txt beside them)."""
    gold = json.loads((Path(folder) / "gold" / "gold.json").read_text(encoding="utf-8"))
    paths = sorted(str(p) for p in Path(folder).glob("*.txt") if p.stem in gold)
    return gold, analyze_documents([d for d in read_inputs(paths) if isinstance(d, Document)])


@dataclass
class Readings:
    """One result's readings, each with its evidence and what the gold lists it as; the layout
    and actors ``standoffs.chosen`` needs to choose among them."""

    items: list[tuple[Candidate, dict[str, float], Optional[Listing]]]
    layout: Layout
    actors: dict


def readings_of(article: Article, encode) -> dict[str, Readings]:
    """The article's readings per mode, read once (a fold rescores them, it does not reread)."""
    out = {}
    for mode, result in article.results.items():
        actors = {a.id: a for a in result.actors}
        similarity = similarity_of(party_statements(list(result.statements), actors), encode)
        layout = Layout.of(result.statements, result.document.text)
        items = [(c, found, article.listed[mode](c.first, c.second))
                 for c, found in standoff_readings(list(result.statements), actors, similarity, layout)]
        out[mode] = Readings(items, layout, actors)
    return out


def rows(readings: dict[str, Readings]) -> tuple[np.ndarray, np.ndarray]:
    """ln strength and whether it is a factual dispute, for every reading of the article's
    results (X), and whether the gold lists it (y)."""
    x, y = [], []
    for result in readings.values():
        for _, found, listing in result.items:
            x.append([math.log(max(strength(found), MIN_STRENGTH)), found["dispute"]])
            y.append(listing is not None)
    return np.array(x, dtype=float).reshape(-1, 2), np.array(y, dtype=int)


def fit(x: np.ndarray, y: np.ndarray, threshold: float) -> StandoffModel:
    """Platt scaling: the logistic map from ln strength (and, given a second column, whether
    the pair is a factual dispute) to whether the gold lists the pair."""
    regression = LogisticRegression(C=REGULARISATION, max_iter=1000).fit(x, y)
    dispute = float(regression.coef_[0][1]) if x.shape[1] > 1 else 0.0
    return StandoffModel(float(regression.intercept_[0]), float(regression.coef_[0][0]), threshold, dispute)


def scored(model: StandoffModel, articles: Sequence[Article], readings: Sequence[dict[str, Readings]]) -> dict[str, Tally]:
    """Required standoffs found and pairs the gold does not list, per mode, summed."""
    out: dict[str, Tally] = {}
    for article, results in zip(articles, readings):
        for mode, result in results.items():
            listing = {(c.first.id, c.second.id): listed for c, _, listed in result.items}
            rescored = [scored_reading(model, c, found) for c, found, _ in result.items]
            hit, spurious = set(), 0
            for c in chosen(rescored, model.threshold, result.layout, result.actors):
                listed = listing[(c.first.id, c.second.id)]
                if listed is None:
                    spurious += 1
                elif listed[1]:
                    hit.add(listed[0])
            out.setdefault(mode, Tally())
            out[mode] += Tally(len(hit), article.required, spurious)
    return out


def choose(articles: Sequence[Article], readings: Sequence[dict[str, Readings]], picked: Sequence[int],
           columns: int) -> StandoffModel:
    """The map fitted on the picked articles and the threshold with the best pooled F1 on
    them; thresholds within ``F1_TIE`` of the best are ties, and ties go to the higher
    threshold: fewer pairs, each surer (a spurious pair costs the analyst's trust)."""
    data = [rows(readings[i]) for i in picked]
    base = fit(np.vstack([x[:, :columns] for x, _ in data]), np.concatenate([y for _, y in data]), 0.5)

    def f1(threshold: float) -> float:
        total = Tally()
        for t in scored(dataclasses.replace(base, threshold=threshold), [articles[i] for i in picked],
                        [readings[i] for i in picked]).values():
            total += t
        return total.f1()

    scores = {threshold: f1(threshold) for threshold in THRESHOLDS}
    best = max(scores.values())
    return dataclasses.replace(base, threshold=max(t for t, f in scores.items() if f >= best - F1_TIE))


def reliability(predicted: Sequence[float], listed: Sequence[int]) -> list[str]:
    """Per band of predicted confidence: how many messages, their mean prediction, the share listed."""
    lines = []
    for low, high in zip(BANDS, BANDS[1:]):
        band = [(p, y) for p, y in zip(predicted, listed) if low <= p < high]
        if band:
            lines.append(f"  {low:.1f}-{min(high, 1.0):.1f}: {len(band):3} pairs, mean predicted "
                         f"{sum(p for p, _ in band) / len(band):.2f}, listed {sum(y for _, y in band) / len(band):.2f}")
    return lines


def brier(predicted: Sequence[float], listed: Sequence[int]) -> float:
    return sum((p - y) ** 2 for p, y in zip(predicted, listed)) / max(len(listed), 1)


def main(argv: Sequence[str] = ()) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("gold", nargs="+", help="seed-format gold files (.json)")
    parser.add_argument("--sides-gold", nargs="*", default=[], help="folders of articles with side-level gold")
    parser.add_argument("--check", nargs="*", default=[], help="articles without gold to run the model on")
    parser.add_argument("--write", action="store_true", help=f"store the all-article model in data/{MODEL_PATH.name}")
    parser.add_argument("--strength-only", action="store_true", help="fit no factual-dispute term")
    args = parser.parse_args(argv or None)
    encode = remembering(default_encoder())
    articles = [a for path in args.gold for a in seed_format_article(path, encode)]
    articles += [a for folder in args.sides_gold for a in sides_gold_articles(folder)]
    readings = [readings_of(a, encode) for a in articles]
    print(f"rows: {sum(len(r.items) for rs in readings for r in rs.values())}, "
          f"listed: {sum(listing is not None for rs in readings for r in rs.values() for *_, listing in r.items)}")
    for mode, t in sorted(scored(standoff_model(), articles, readings).items()):  # the refit's yardstick
        print(f"bundled model: standoffs {mode:6} found {t.found}/{t.required}, spurious {t.spurious}")
    everything, columns = range(len(articles)), 1 if args.strength_only else 2
    left_out: dict[str, Tally] = {}
    predicted: list[float] = []
    listed: list[int] = []
    for i in everything:
        model = choose(articles, readings, [j for j in everything if j != i], columns)
        x, y = rows(readings[i])
        predicted += [1.0 / (1.0 + math.exp(-(model.intercept + model.slope * r[0] + model.dispute * r[1])))
                      for r in x]
        listed += [int(v) for v in y]
        for mode, t in scored(model, [articles[i]], [readings[i]]).items():
            left_out.setdefault(mode, Tally())
            left_out[mode] += t
        print(f"fold {articles[i].name[:40]:40} intercept {model.intercept:+.2f} slope {model.slope:.2f} "
              f"dispute {model.dispute:+.2f} threshold {model.threshold}")
    for mode, t in sorted(left_out.items()):
        print(f"left out: standoffs {mode:6} found {t.found}/{t.required}, spurious {t.spurious}")
    print("left out, every reading, calibrated:", *reliability(predicted, listed), sep="\n")
    print(f"Brier left out: {brier(predicted, listed):.3f}, AUC left out: {roc_auc_score(listed, predicted):.3f}")
    model = choose(articles, readings, list(everything), columns)
    for threshold in THRESHOLDS:  # the curve the threshold was chosen on, in sample
        total = Tally()
        for t in scored(dataclasses.replace(model, threshold=threshold), articles, readings).values():
            total += t
        print(f"in sample at {threshold}: found {total.found}/{total.required}, spurious {total.spurious}, "
              f"F1 {total.f1():.3f}")
    for mode, t in sorted(scored(model, articles, readings).items()):
        print(f"in sample: standoffs {mode:6} found {t.found}/{t.required}, spurious {t.spurious}")
    print(f"all articles: {model}")
    if args.write:
        MODEL_PATH.write_text(_as_yaml(model), encoding="utf-8")
    if args.check:
        documents = [d for d in read_inputs(args.check) if isinstance(d, Document)]
        for result in analyze_documents(documents):
            actors = {a.id: a for a in result.actors}
            similarity = similarity_of(party_statements(list(result.statements), actors), encode)
            for m in find_standoffs(list(result.statements), actors, similarity, text=result.document.text,
                                    model=model):
                print(f"check {result.document.id} {m.kind} {m.score}: {m.explanation}")
    return 0


def model_yaml(path: Path, numbers: dict[str, float]) -> str:
    """A model file's text with new ``numbers``, its comment head (all before "intercept:") kept."""
    head = path.read_text(encoding="utf-8").split("\nintercept:")[0]
    return f"{head}\n{yaml.safe_dump(numbers, sort_keys=False)}"


def _as_yaml(model: StandoffModel) -> str:
    return model_yaml(MODEL_PATH, {"intercept": round(model.intercept, 3), "slope": round(model.slope, 3),
                                   "dispute": round(model.dispute, 3), "threshold": model.threshold})


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
