"""Fit the standoff model (``analysis.standoff_model``) left one article (or one set) out on gold standoffs.

Every pair of two sides' statements that clash under the codebook, or count one fact two ways,
is a row: its evidence (``standoff_model.FEATURES`` and, as a column of its own, each pair class
the training gold lists at least ``CLASS_MIN`` times) and whether the gold lists it. Gold comes
from seed-format files (crisis-dev, read10-read13: the pair named; run with the full pipeline
and with the gold's sides and signals, or with ``--gold-statements`` on the gold's own
statements, speakers, sides and codes as ``tools/gold_oracle.py`` builds them) and, with
``--sides-gold DIR``, from articles whose gold names the two sides of each standoff and the
statements of each side with their acceptable codes (``DIR/gold/gold.json`` beside
``DIR/*.txt``: a pair is listed when its two sides are a standoff's and each statement overlaps
one of its side's, the two codes clashing). For each article (``--by-set``: each folder of gold
files), a logistic regression and the threshold with the best pooled F1 (required standoffs
found against pairs the gold does not list; optional ones count neither way) are fitted on the
others and scored on it; then on all; the bundled model's figures on every article come first,
as the yardstick. Each article's readings are read once and only rescored per fold.
``--write`` stores the all-article model in ``data/standoff_model.yaml``; ``--check`` prints
what it finds in articles without gold.

    python tools/standoff_fit.py --gold-statements --by-set ../shared/corpus/seed/gold.json \\
        ../shared/corpus/crisis-dev/*.gold.json /work/read1[0-3]/gold/*.gold.json
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator, Optional, Sequence

import numpy as np
import yaml
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score

from gold_oracle import gold_result  # tools/ is on the path when run as a script
from pair_cv import Tally, remembering
from pair_misses import to_system
from tealeaves.analysis import standoff_model as model_module
from tealeaves.analysis.pairs import Candidate, Layout
from tealeaves.analysis.standoff_model import FEATURES, StandoffModel, standoff_model
from tealeaves.analysis.standoffs import chosen, find_standoffs, scored_reading, standoff_readings
from tealeaves.analysis.wording import party_statements
from tealeaves.codebook import codebook
from tealeaves.evaluate.gold import load_gold
from tealeaves.evaluate.oracle import with_gold
from tealeaves.io.readers import read_inputs
from tealeaves.models import Document, DocumentResult, Statement
from tealeaves.nlp.model import load_model
from tealeaves.pipeline import analyze_documents, similarity_of
from tealeaves.signals.encoder import default_encoder

THRESHOLDS = (0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.425, 0.45, 0.475, 0.5, 0.525, 0.55, 0.575, 0.6)  # fine where a flat map puts its cut
# Pooled F1 differences smaller than this are noise on ~40 gold standoffs (one pair more or less).
F1_TIE = 0.01
BANDS = (0.0, 0.2, 0.4, 0.6, 0.8, 1.01)
REGULARISATION = 1.0  # sklearn's C
CLASS_MIN = 5  # a pair class the training gold lists this often gets a weight of its own
MODEL_PATH = Path(__file__).resolve().parents[1] / "src" / "tealeaves" / "data" / model_module.MODEL_FILE
Listing = tuple[str, bool]  # the gold standoff a pair is (its id or its two sides), and whether required


@dataclass
class Article:
    """One gold article: its results (one per mode), what the gold lists for a pair of its
    statements (``listed``), and how many required standoffs it has."""

    name: str
    group: str  # the set it belongs to (its folder), left out together with --by-set
    results: dict[str, DocumentResult]
    listed: dict[str, Callable[[Statement, Statement], Optional[Listing]]]
    required: int


def seed_format_article(path: str, encode, gold_statements: bool = False) -> list[Article]:
    """The articles of a seed-format gold file, read by the pipeline (modes "full" and
    "oracle") or, with ``gold_statements``, as the gold's own statements (mode "gold")."""
    articles = []
    golds = load_gold(path)
    if gold_statements:
        nlp = load_model()
        produced = [{"gold": gold_result(g, nlp, encode)} for g in golds]
    else:
        produced = [{"full": r, "oracle": with_gold(g, r, ("sides", "signals"), encode)}
                    for g, r in zip(golds, analyze_documents([g.document for g in golds]))]
    for gold, results in zip(golds, produced):
        listed = {}
        for mode, res in results.items():
            matched = {i: i for i in (g.id for g in gold.statements)} if mode == "gold" else {
                g: s.id for g, s in to_system(gold, res).items()}
            pairs = {frozenset(matched[i] for i in item["statements"]): (item["id"], not item.get("optional"))
                     for item in gold.extras.get("standoffs", []) if all(i in matched for i in item["statements"])}
            listed[mode] = lambda a, b, pairs=pairs: pairs.get(frozenset((a.id, b.id)))
        required = sum(1 for item in gold.extras.get("standoffs", []) if not item.get("optional"))
        articles.append(Article(gold.document.id, str(Path(path).parent), results, listed, required))
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
        articles.append(Article(result.document.id, folder, {"unseen": result}, {"unseen": listed}, required))
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


def classes(readings: Sequence[dict[str, Readings]]) -> list[str]:
    """The pair classes the gold lists at least ``CLASS_MIN`` times in these readings."""
    listed = Counter(c for rs in readings for r in rs.values() for _, found, listing in r.items if listing is not None
                     for c in found if "+" in c)
    return sorted(c for c, n in listed.items() if n >= CLASS_MIN)


def rows(readings: dict[str, Readings], columns: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """The evidence of every reading of the article's results (X, one column per name of
    ``columns``), and whether the gold lists it (y)."""
    x, y = [], []
    for result in readings.values():
        for _, found, listing in result.items:
            x.append([found.get(name, 0.0) for name in columns])
            y.append(listing is not None)
    return np.array(x, dtype=float).reshape(-1, len(columns)), np.array(y, dtype=int)


def fit(x: np.ndarray, y: np.ndarray, columns: Sequence[str], threshold: float) -> StandoffModel:
    """The logistic regression of whether the gold lists a pair on its evidence."""
    regression = LogisticRegression(C=REGULARISATION, max_iter=2000).fit(x, y)
    return StandoffModel(float(regression.intercept_[0]),
                         {name: float(w) for name, w in zip(columns, regression.coef_[0])}, threshold)


def scored(model: StandoffModel, articles: Sequence[Article], readings: Sequence[dict[str, Readings]]) -> dict[str, Tally]:
    """Required standoffs found and pairs the gold does not list, per mode, summed."""
    out: dict[str, Tally] = {}
    for article, results in zip(articles, readings):
        for mode, result in results.items():
            listing = {(c.first.id, c.second.id): listed for c, _, listed in result.items}
            rescored = [scored_reading(model, c, found) for c, found, _ in result.items]
            hit, spurious = set(), 0
            for c in chosen(rescored, model.threshold):
                listed = listing[(c.first.id, c.second.id)]
                if listed is None:
                    spurious += 1
                elif listed[1]:
                    hit.add(listed[0])
            out.setdefault(mode, Tally())
            out[mode] += Tally(len(hit), article.required, spurious)
    return out


def choose(articles: Sequence[Article], readings: Sequence[dict[str, Readings]], picked: Sequence[int]) -> StandoffModel:
    """The regression fitted on the picked articles and the threshold with the best pooled F1
    on them; thresholds within ``F1_TIE`` of the best are ties, and ties go to the higher
    threshold: fewer pairs, each surer (a spurious pair costs the analyst's trust)."""
    columns = [*FEATURES, *classes([readings[i] for i in picked])]
    data = [rows(readings[i], columns) for i in picked]
    base = fit(np.vstack([x for x, _ in data]), np.concatenate([y for _, y in data]), columns, 0.5)

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
    parser.add_argument("--gold-statements", action="store_true",
                        help="read the seed-format gold's own statements, speakers, sides and codes")
    parser.add_argument("--by-set", action="store_true", help="leave one set (folder) out, not one article")
    parser.add_argument("--check", nargs="*", default=[], help="articles without gold to run the model on")
    parser.add_argument("--write", action="store_true", help=f"store the all-article model in data/{MODEL_PATH.name}")
    args = parser.parse_args(argv or None)
    encode = remembering(default_encoder())
    articles = [a for path in args.gold for a in seed_format_article(path, encode, args.gold_statements)]
    articles += [a for folder in args.sides_gold for a in sides_gold_articles(folder)]
    readings = [readings_of(a, encode) for a in articles]
    print(f"rows: {sum(len(r.items) for rs in readings for r in rs.values())}, "
          f"listed: {sum(listing is not None for rs in readings for r in rs.values() for *_, listing in r.items)}")
    for mode, t in sorted(scored(standoff_model(), articles, readings).items()):  # the refit's yardstick
        print(f"bundled model: standoffs {mode:6} found {t.found}/{t.required}, spurious {t.spurious}")
    folds = sorted({a.group if args.by_set else a.name for a in articles})
    left_out: dict[str, dict[str, Tally]] = {}
    predicted: list[float] = []
    listed: list[int] = []
    for fold in folds:
        held = [i for i, a in enumerate(articles) if (a.group if args.by_set else a.name) == fold]
        model = choose(articles, readings, [j for j in range(len(articles)) if j not in held])
        for i in held:
            x, y = rows(readings[i], list(model.weights))
            predicted += [model.confidence(dict(zip(model.weights, r))) for r in x]
            listed += [int(v) for v in y]
        for mode, t in scored(model, [articles[i] for i in held], [readings[i] for i in held]).items():
            left_out.setdefault(mode, {}).setdefault(articles[held[0]].group, Tally())
            left_out[mode][articles[held[0]].group] += t
        print(f"fold {fold[-40:]:40} threshold {model.threshold} intercept {model.intercept:+.2f} "
              + " ".join(f"{k} {w:+.2f}" for k, w in model.weights.items()))
    for mode, groups in sorted(left_out.items()):
        total = Tally()
        for group, t in sorted(groups.items()):
            total += t
            print(f"left out: standoffs {mode:6} {group[-30:]:30} found {t.found}/{t.required}, spurious {t.spurious}")
        print(f"left out: standoffs {mode:6} all found {total.found}/{total.required}, spurious {total.spurious}")
    print("left out, every reading, calibrated:", *reliability(predicted, listed), sep="\n")
    print(f"Brier left out: {brier(predicted, listed):.3f}, AUC left out: {roc_auc_score(listed, predicted):.3f}")
    model = choose(articles, readings, list(range(len(articles))))
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
    return model_yaml(MODEL_PATH, {"intercept": round(model.intercept, 3),
                                   "weights": {k: round(w, 3) for k, w in model.weights.items()},
                                   "threshold": float(model.threshold)})


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
