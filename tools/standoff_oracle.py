"""The standoff detector on the gold's own statements: its recall and precision apart from
every stage before it (issue #21).

Each gold statement becomes a statement as the pipeline would hand it on (the gold's speaker,
side, codes given by hand, a direct quote's quotes or else its evidence as content, its target and topic read as the
coder reads them); ``find_standoffs`` runs on them, and its pairs are matched to the gold's
standoffs. Every required standoff missed is given the reason the detector loses it:

- ``no side``        a half's speaker has no side (or is an observer)
- ``same side``      the gold's two halves have one side
- ``not aimed``      neither half is aimed at the other's side (``pairs.aimed_sides``)
- ``no clash``       the gold's codes clash nowhere in data/codebook.yaml
- ``below``          the best reading scores under the model's threshold
- ``picked away``    a stronger pair took one of its statements

    python tools/standoff_oracle.py ../shared/corpus/crisis-dev/*.gold.json /work/read12/gold/*.gold.json
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
from collections import defaultdict
from pathlib import Path
from typing import Mapping, Sequence

from tealeaves.analysis.pairs import Layout, aimed_sides
from tealeaves.analysis.standoff_model import StandoffModel, standoff_model
from tealeaves.analysis.standoffs import find_standoffs, standoff_readings
from tealeaves.analysis.wording import party_statements, side_of
from tealeaves.evaluate.gold import GoldDocument, load_gold
from tealeaves.models import Actor, Statement
from tealeaves.nlp.model import load_model, parse_text
from tealeaves.pipeline import similarity_of
from tealeaves.signals import rules
from tealeaves.signals.coding import naming, target_of
from tealeaves.signals.encoder import default_encoder
from tealeaves.signals.rules import default_signal_lexicon


def gold_statements(gold: GoldDocument, nlp) -> list[Statement]:
    """The gold's statements as coded statements: codes given by hand (confidence 1)."""
    doc = nlp(parse_text(gold.document.text))
    actors = {a.id: a for a in gold.actors}
    named, lex = naming(gold.actors), default_signal_lexicon()
    out = []
    for g in gold.statements:
        content = g.quotes if g.kind == "direct" and g.quotes else (g.evidence,)  # a partial quote's clause is its content
        statement = Statement(id=g.id, kind=g.kind, start=g.evidence.start, end=g.evidence.end, text=g.evidence.text,
                              speaker_id=g.speaker, quotes=g.quotes, content=content,
                              signal=g.signals[0] if g.signals else None, signals=g.signals, confidence=1.0)
        found = rules.modifiers(doc, statement, rules.content_tokens(doc, statement), lex)
        out.append(dataclasses.replace(statement, topic=found.topic, negated=found.negated,
                                       target=target_of(statement, actors.get(g.speaker or ""), named)))
    return out


def why_missed(ids: Sequence[str], statements: Mapping[str, Statement], actors: Mapping[str, Actor],
               readings: Mapping[frozenset, float], model: StandoffModel) -> str:
    """The first reason the detector loses a gold standoff (see the module's docstring)."""
    a, b = (statements[i] for i in ids)
    party = {s.id for s in party_statements([a, b], actors)}
    if party != {a.id, b.id}:
        return "no side"
    if side_of(a, actors) == side_of(b, actors):
        return "same side"
    score = readings.get(frozenset(ids))
    if side_of(b, actors) not in aimed_sides(a, actors) and side_of(a, actors) not in aimed_sides(b, actors):
        return f"not aimed {sorted(aimed_sides(a, actors))} / {sorted(aimed_sides(b, actors))}"
    if score is None:
        return f"no clash {list(a.signals)} / {list(b.signals)}"
    return f"below {score:.2f}" if score < model.threshold else f"picked away {score:.2f}"


def main(argv: Sequence[str] = ()) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("gold", nargs="+", help="seed-format gold files (.json)")
    parser.add_argument("--quiet", action="store_true", help="totals only")
    args = parser.parse_args(argv or None)
    nlp, encode, model = load_model(), default_encoder(), standoff_model()
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])  # found, required, spurious, articles
    for path in args.gold:
        for gold in load_gold(path):
            statements = gold_statements(gold, nlp)
            actors = {a.id: a for a in gold.actors}
            similarity = similarity_of(party_statements(statements, actors), encode)
            found = {frozenset(s.statement_ids): s for s in find_standoffs(statements, actors, similarity,
                                                                           text=gold.document.text)}
            layout = Layout.of(statements, gold.document.text)
            readings = {frozenset((c.first.id, c.second.id)): c.score
                        for c, _ in standoff_readings(statements, actors, similarity, layout, model)}
            by_id = {s.id: s for s in statements}
            listed = {frozenset(x["statements"]): x for x in gold.extras.get("standoffs", [])}
            total = totals[Path(path).parent.name if Path(path).parent.name != "gold" else Path(path).parent.parent.name]
            total[3] += 1
            lines = []
            for key, item in listed.items():
                if item.get("optional"):
                    continue
                total[1] += 1
                if key in found:
                    total[0] += 1
                    lines.append(f"  {item['id']} found {found[key].score}")
                else:
                    lines.append(f"  {item['id']} missed: {why_missed(item['statements'], by_id, actors, readings, model)}")
            for key, s in found.items():
                if key not in listed:
                    total[2] += 1
                    lines.append(f"  spurious {s.kind} {s.score}: {s.explanation[:160]}")
            if not args.quiet and lines:
                print(gold.document.id, *lines, sep="\n")
    for name, (hit, required, spurious, articles) in totals.items():
        print(f"oracle {name}: found {hit}/{required} required, {spurious} spurious in {articles} articles")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
