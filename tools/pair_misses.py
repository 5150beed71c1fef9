"""Which stage loses each gold mixed message and standoff: a round-by-round check of issue #21.

For every mixed message and standoff of seed-format gold files (crisis-dev, the seed), with the
full pipeline and with the gold's sides and signals put in (``--oracle``), say whether it is
found and, if not, the first stage that loses it:

- ``statement not found``  attribution has no statement matching a gold one; ``swallowed`` when
                           another row's content holds the gold statement's words (its
                           neighbour's content, or a deed reported as a statement's content)
- ``no side``              a statement's speaker is unknown, has no side, or is an observer
- ``wrong side``           one side for a standoff, two for a mixed message
- ``third side``           a standoff of two statements neither aimed at the other's side, both at a third
- ``one breath``           one speaker's two statements in one sentence with nothing setting them apart
- ``wrong signal``         the codes read oppose nowhere, though the gold's codes do
- ``kind unknown``         not even the gold's codes oppose in data/codebook.yaml (and no walk-back)
- ``below threshold``      the best reading scores under the threshold (score and why shown)
- ``picked away``          it scores enough but a stronger pair took one of its statements

and list the pairs found that the gold does not have (spurious).

    python tools/pair_misses.py ../shared/corpus/crisis-dev/*.gold.json
"""

from __future__ import annotations

import argparse
import sys
from typing import Iterator, Mapping, Sequence

from tealeaves.analysis import mixed
from tealeaves.analysis.mixed import MIN_PAIR_SCORE, walk_back
from tealeaves.analysis.pairs import Candidate, Layout, aimed_sides, best_reading
from tealeaves.analysis.standoff_model import standoff_model
from tealeaves.analysis.standoffs import presses_third, standoff_readings
from tealeaves.analysis.wording import codes_of, party_statements, reread, side_of
from tealeaves.codebook import Opposition, codebook
from tealeaves.evaluate.gold import GoldDocument, load_gold
from tealeaves.evaluate.matching import match_statements
from tealeaves.evaluate.oracle import with_gold
from tealeaves.models import DocumentResult, Statement
from tealeaves.pipeline import analyze_documents, similarity_of
from tealeaves.signals.encoder import default_encoder

GROUPS = {"mixed_messages": True, "standoffs": False}  # group -> within one side


def to_system(gold: GoldDocument, result: DocumentResult) -> dict[str, Statement]:
    """Gold statement id -> the system statement matched to it (statements and deeds apart)."""
    found: dict[str, Statement] = {}
    for is_action in (False, True):
        system = [s for s in result.statements if (s.kind == "action") == is_action]
        wanted = [g for g in gold.statements if (g.kind == "action") == is_action]
        found.update({wanted[j].id: system[i] for i, j in match_statements(system, wanted)})
    return found


def diagnose(gold: GoldDocument, result: DocumentResult) -> Iterator[tuple[str, str, str]]:
    """(group, gold id or "spurious", verdict) for every gold item and every pair not in the gold."""
    matched, actors = to_system(gold, result), {a.id: a for a in result.actors}
    party = {s.id for s in party_statements(result.statements, actors)}
    codes = {g.id: set(g.signals) for g in gold.statements}
    layout = Layout.of(result.statements, gold.document.text)
    similarity = similarity_of(party_statements(result.statements, actors), default_encoder())
    clashes = [c for c, _ in standoff_readings(result.statements, actors, similarity, layout)]
    for group, within in GROUPS.items():
        found = {frozenset(m.statement_ids): m for m in getattr(result, group)}
        hits = set()
        for item in gold.extras.get(group, []):
            ids, label = item["statements"], item["id"] + (" (optional)" if item.get("optional") else "")
            statements = [matched.get(i) for i in ids]
            wanted = frozenset(s.id for s in statements if s is not None)
            if None not in statements and wanted in found:
                hits.add(wanted)
                yield group, label, f"found ({found[wanted].kind}, {found[wanted].score})"
                continue
            if None in statements:
                yield group, label, _not_found(ids, statements, gold, result)
                continue
            relations = codebook().oppositions if within else codebook().clashes
            yield group, label, loss(statements, [codes[i] for i in ids], ids, party, actors, within, relations,
                                      layout, similarity, clashes)
        for key, message in found.items():
            if key not in hits:
                yield group, "spurious", f"{message.kind} {message.score}: {message.explanation}"


def _not_found(ids: Sequence[str], statements: Sequence, gold: GoldDocument, result: DocumentResult) -> str:
    """Which gold statements have no row, and for each the rows whose content holds its words."""
    words = {g.id: (g.evidence, *g.quotes) for g in gold.statements}
    lost = []
    for i in (i for i, s in zip(ids, statements) if s is None):
        holders = [s.id for s in result.statements
                   if any(c.start < at.end and at.start < c.end for c in s.content for at in words[i])]
        lost.append(f"{i} swallowed into {', '.join(holders)}" if holders else i)
    return "statement not found: " + "; ".join(lost)


def loss(statements: Sequence, gold_codes: Sequence[set], ids: Sequence[str], party: set, actors: Mapping,
          within: bool, relations: Sequence[Opposition], layout: Layout, similarity,
          clashes: Sequence[Candidate]) -> str:
    """The first stage that loses a gold item (see the module's docstring)."""
    sideless = [i for i, s in zip(ids, statements) if s.id not in party]
    if sideless:
        return "no side: " + ", ".join(sideless)
    if len(statements) == 1:
        return f"one statement, codes {sorted(codes_of(statements[0]))}"
    a, b = (reread(s, actors) for s in statements) if within else statements
    if (side_of(a, actors) == side_of(b, actors)) != within:
        return f"wrong side: {side_of(a, actors)} / {side_of(b, actors)}"
    if within and mixed.one_breath(a, b):
        return "one breath: one speaker's two statements in one sentence, nothing setting them apart"
    aimed, sides = (aimed_sides(a, actors), aimed_sides(b, actors)), (side_of(a, actors), side_of(b, actors))
    if not within and presses_third(*aimed, sides, (sides[1] in aimed[0]) + (sides[0] in aimed[1])):
        return f"third side: {sorted(aimed[0])} / {sorted(aimed[1])}"
    if within:
        readings = [c for c in (best_reading(a, b, relations, similarity, layout, actors, mixed.EVIDENCE_FLOOR),
                                walk_back(a, b, similarity, layout, actors)) if c is not None]
    else:
        readings = [c for c in clashes if {c.first.id, c.second.id} == {a.id, b.id}]
    if not readings:  # neither opposed codes nor (within a side) a correction of the other
        stage = "wrong signal" if _opposed(*gold_codes, relations) else "kind unknown"
        return f"{stage}: {sorted(codes_of(a))} / {sorted(codes_of(b))}, gold {sorted(gold_codes[0], key=str)} / " \
               f"{sorted(gold_codes[1], key=str)}"
    best = max(readings, key=lambda c: c.score)
    threshold = MIN_PAIR_SCORE if within else standoff_model().threshold
    stage = "below threshold" if best.score < threshold else "picked away"
    return f"{stage}: {best.kind} {best.score:.2f} ({best.reason or 'no shared matter'})"


def _opposed(first: set, second: set, relations: Sequence[Opposition]) -> bool:
    """Some relation holds between a code of one and a code of the other, either way round."""
    return any(o.soft in x and o.hard in y for o in relations for x, y in ((first, second), (second, first)))


def main(argv: Sequence[str] = ()) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("gold", nargs="+", help="seed-format gold files (.json)")
    args = parser.parse_args(argv or None)
    golds = [g for path in args.gold for g in load_gold(path)]
    results = list(analyze_documents([g.document for g in golds]))
    for mode in ("full pipeline", "oracle (gold sides and signals)"):
        print(f"# {mode}")
        for gold, result in zip(golds, results):
            if mode.startswith("oracle"):
                result = with_gold(gold, result, ("sides", "signals"), default_encoder())
            print(gold.document.id)
            for group, item, verdict in diagnose(gold, result):
                print(f"  {group[:-1].replace('_', ' ')} {item}: {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
