"""Choose the mixed-message scoring's free numbers leave-one-article-out on seed-format gold (#21).

The evidence floor and the threshold (``mixed.EVIDENCE_FLOOR``, ``mixed.MIN_PAIR_SCORE``), and
with ``--other-half`` the half distance of pairs on no shared topic (``pairs.OTHER_HALF_DISTANCE``),
are chosen on all articles but one, by F1 over the required items (full pipeline and gold sides and
signals pooled, or with ``--gold-statements`` the gold's own statements, speakers, sides and
codes as ``tools/gold_oracle.py`` builds them: the detector's share alone, and fast; optional
items found count neither way), and the choice is scored on the
article left out. Prints each fold's choice, the left-out totals, and the choice on all articles
with its in-sample totals; ``--check`` runs the all-article choice over other articles (no gold:
PolNeAR dev) and prints every pair it finds. Standoffs have a fitted model of their own
(``tools/standoff_fit.py``); their figures under it are printed alongside.

    python tools/pair_cv.py ../shared/corpus/crisis-dev/*.gold.json --check ../shared/corpus/polnear/polnear_dev.jsonl
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from typing import Iterator, Sequence

import numpy as np

from gold_oracle import gold_result  # tools/ is on the path when run as a script
from pair_misses import to_system
from tealeaves.analysis import mixed, pairs, standoffs
from tealeaves.analysis.wording import party_statements
from tealeaves.evaluate.gold import GoldDocument, load_gold
from tealeaves.evaluate.oracle import with_gold
from tealeaves.io.readers import read_inputs
from tealeaves.models import Document, DocumentResult
from tealeaves.nlp.model import load_model
from tealeaves.pipeline import analyze_documents, similarity_of
from tealeaves.signals.encoder import default_encoder

FLOORS = [0.3, 0.5, 0.7, 0.85, 1.0]
MODES = ["full", "oracle"]
MIXED_THRESHOLDS = (0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6)
OTHER_HALVES = [pairs.OTHER_HALF_DISTANCE]  # --other-half replaces it
SHIPPED = (None, None, None)  # the table key of the standoffs under their shipped model
GROUPS = ("mixed_messages", "standoffs")


@dataclass
class Tally:
    """Required items found, required items in all, and pairs found that the gold lacks."""

    found: int = 0
    required: int = 0
    spurious: int = 0

    def __iadd__(self, other: "Tally") -> "Tally":
        self.found, self.required, self.spurious = (
            self.found + other.found, self.required + other.required, self.spurious + other.spurious)
        return self

    def f1(self) -> float:
        precision = self.found / (self.found + self.spurious) if self.found + self.spurious else 1.0
        recall = self.found / self.required if self.required else 1.0
        return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def remembering(encode):
    """The encoder, remembering every text's vector across the whole grid."""
    known: dict[str, np.ndarray] = {}

    def encode_new(texts: Sequence[str]) -> np.ndarray:
        missing = [t for t in dict.fromkeys(texts) if t not in known]
        if missing:
            known.update(zip(missing, encode(missing)))
        return np.stack([known[t] for t in texts])

    return encode_new


def found_pairs(result: DocumentResult, group: str, encode) -> list:
    """The mixed messages or standoffs of the result under the module constants now set."""
    actors = {a.id: a for a in result.actors}
    similarity = similarity_of(party_statements(list(result.statements), actors), encode)
    find = mixed.find_mixed_messages if group == "mixed_messages" else standoffs.find_standoffs
    return find(list(result.statements), actors, similarity, text=result.document.text)


def tally(gold: GoldDocument, result: DocumentResult, group: str, found: list) -> Tally:
    matched = to_system(gold, result)
    wanted = {}
    for item in gold.extras.get(group, []):
        ids = frozenset(matched[i].id for i in item["statements"] if i in matched)
        if len(ids) == len(item["statements"]):
            wanted[ids] = not item.get("optional")
    keys = {frozenset(m.statement_ids) for m in found}
    required = sum(1 for item in gold.extras.get(group, []) if not item.get("optional"))
    return Tally(sum(1 for k in keys if wanted.get(k)), required, sum(1 for k in keys if k not in wanted))


Choice = tuple[float, float, float]  # the mixed-message floor, threshold and other-topic half distance


def set_numbers(choice: Choice) -> None:
    mixed.EVIDENCE_FLOOR, mixed.MIN_PAIR_SCORE, pairs.OTHER_HALF_DISTANCE = choice


def choices() -> list[Choice]:
    return [(f, t, h) for f in FLOORS for t in MIXED_THRESHOLDS for h in OTHER_HALVES]


def grid_tallies(golds: Sequence[GoldDocument], results: Sequence[Sequence[DocumentResult]], encode
                 ) -> dict[tuple, list[dict[str, Tally]]]:
    """(floor, threshold, "mixed_messages") -> per article {mode: tally}; (*SHIPPED, "standoffs")
    the same for the standoffs under their shipped model."""
    def per_article(group: str) -> list[dict[str, Tally]]:
        return [{mode: tally(gold, result, group, found_pairs(result, group, encode))
                 for mode, result in zip(MODES, by_mode)} for gold, by_mode in zip(golds, results)]

    table: dict[tuple, list[dict[str, Tally]]] = {(*SHIPPED, "standoffs"): per_article("standoffs")}
    for choice in choices():
        set_numbers(choice)
        table[(*choice, "mixed_messages")] = per_article("mixed_messages")
    return table


def best(table: dict, articles: Sequence[int]) -> Choice:
    """The mixed-message (floor, threshold) with the best pooled F1 on the articles; ties go to
    the higher numbers (fewer pairs)."""
    def score(choice: Choice) -> float:
        total = Tally()
        for i in articles:
            for t in table[(*choice, "mixed_messages")][i].values():
                total += t
        return total.f1()

    return max(choices(), key=lambda c: (score(c), c))


def totals(table: dict, choice: Choice, articles: Sequence[int]) -> dict[tuple, Tally]:
    out: dict[tuple, Tally] = {}
    for group, key in (("mixed_messages", choice), ("standoffs", SHIPPED)):
        for i in articles:
            for mode, t in table[(*key, group)][i].items():
                out.setdefault((group, mode), Tally())
                out[group, mode] += t
    return out


def report(label: str, counts: dict[tuple, Tally]) -> Iterator[str]:
    for (group, mode), t in sorted(counts.items()):
        yield f"{label} {group:15} {mode:6} found {t.found}/{t.required}, spurious {t.spurious}"


def main(argv: Sequence[str] = ()) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("gold", nargs="+", help="seed-format gold files (.json)")
    parser.add_argument("--check", nargs="*", default=[], help="articles without gold to run the choice on")
    parser.add_argument("--gold-statements", action="store_true",
                        help="the gold's own statements only (no pipeline run; the floor does not apply)")
    parser.add_argument("--other-half", nargs="+", type=float, help="half distances to try besides the threshold")
    args = parser.parse_args(argv or None)
    encode = remembering(default_encoder())
    golds = [g for path in args.gold for g in load_gold(path)]
    if args.other_half:
        OTHER_HALVES[:] = args.other_half
    if args.gold_statements:
        nlp, shipped_floor = load_model(), mixed.EVIDENCE_FLOOR
        FLOORS[:], MODES[:] = [shipped_floor], ["gold"]
        results = [(gold_result(g, nlp, encode),) for g in golds]
    else:
        full = list(analyze_documents([g.document for g in golds]))
        results = [(r, with_gold(g, r, ("sides", "signals"), encode)) for g, r in zip(golds, full)]
    table = grid_tallies(golds, results, encode)
    everything = range(len(golds))
    left_out: dict[tuple, Tally] = {}
    for i in everything:
        choice = best(table, [j for j in everything if j != i])
        print(f"fold {golds[i].document.id[:40]:40} chose {choice}")
        for key, t in totals(table, choice, [i]).items():
            left_out.setdefault(key, Tally())
            left_out[key] += t
    print(*report("left out:", left_out), sep="\n")
    choice = best(table, everything)
    print(f"all articles chose {choice} (mixed floor, threshold, other-topic half distance); standoffs under their "
          f"shipped model")
    print(*report("in sample:", totals(table, choice, everything)), sep="\n")
    if args.check:
        set_numbers(choice)
        documents = [d for d in read_inputs(args.check) if isinstance(d, Document)]
        for result in analyze_documents(documents):
            for group in GROUPS:
                for m in found_pairs(result, group, encode):
                    print(f"check {result.document.id} {group} {m.kind} {m.score}: {m.explanation}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
