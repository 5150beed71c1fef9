"""The pair detectors on the gold's own statements: mixed messages and standoffs found when the
statements, speakers, sides and codes are the gold's, so that their recall and precision are
measured apart from every stage before them (issue #21).

Each gold statement becomes a statement of its gold speaker, spanning the parsed sentence(s)
that hold its evidence, its content its evidence and quotes (gold quotes of a partial quote
are a few words, too few to read a topic from); the coder reads its topic,
target and modifiers as it reads the pipeline's, and its codes are the gold's (the first the
main one, sure, as ``evaluate.oracle`` puts them); the gold actors are the actors. The result is read together as the
pipeline reads its own (``pipeline.read_together``) and its pairs are matched to the gold's by
their statement ids (``--pipeline``: the full pipeline's pairs, its statements matched to the
gold's as ``tools/pair_misses.py`` matches them, for the figure before and after). Per file and per set of files: required found, optional found, spurious
(neither required nor optional); ``--list`` prints each item and each spurious pair, and
``--why`` gives each required standoff missed the first reason the detector loses it:

- ``no side``        a half's speaker has no side (or is an observer)
- ``same side``      the gold's two halves have one side
- ``third side``     neither half is aimed at the other's side and both at a third (``standoffs.presses_third``)
- ``no clash``       the gold's codes clash nowhere in data/codebook.yaml
- ``below``          the best reading scores under the model's threshold
- ``picked away``    a stronger pair took one of its statements

and each required mixed message missed the first stage that loses it, as
``tools/pair_misses.py`` names them (``no side``, ``wrong side``, ``one breath``, ``one
statement``, ``wrong signal``: a rereading moved a gold code, ``kind unknown``, ``below
threshold`` with the best reading's score, ``picked away``).

    python tools/gold_oracle.py --set ../shared/corpus/crisis-dev/*.gold.json --set /work/read12/gold/*.gold.json
"""

from __future__ import annotations

import argparse
import dataclasses
import functools
import sys
from dataclasses import dataclass, field
from typing import Callable, Mapping, Optional, Sequence

from spacy.tokens import Doc

from pair_misses import loss, to_system  # tools/ is on the path when run as a script
from tealeaves.analysis.pairs import Layout, aimed_sides
from tealeaves.analysis.standoff_model import standoff_model
from tealeaves.analysis.standoffs import presses_third, standoff_readings
from tealeaves.analysis.wording import party_statements, side_of
from tealeaves.codebook import codebook
from tealeaves.evaluate.gold import GoldDocument, GoldStatement, load_gold
from tealeaves.models import DocumentResult, Span, Statement
from tealeaves.nlp.model import load_model, parse_text
from tealeaves.pipeline import analyze_documents, read_together, similarity_of
from tealeaves.signals.coding import code_statements, default_signal_lexicon
from tealeaves.signals.encoder import default_encoder

GROUPS = ("mixed_messages", "standoffs")


@dataclass
class Tally:
    """Counts of one group over some files."""

    required: int = 0
    required_found: int = 0
    optional: int = 0
    optional_found: int = 0
    spurious: int = 0
    files: int = 0
    lines: list[str] = field(default_factory=list)

    def add(self, other: Tally) -> None:
        for name in ("required", "required_found", "optional", "optional_found", "spurious", "files"):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def __str__(self) -> str:
        return (f"required {self.required_found}/{self.required}, optional {self.optional_found}/{self.optional}, "
                f"spurious {self.spurious} over {self.files} articles")


def gold_statement(gold: GoldStatement, parsed: Doc) -> Statement:
    """The gold statement, uncoded, over the sentence(s) that hold its evidence."""
    text = parsed.text
    held = [s for s in parsed.sents if s.start_char < gold.evidence.end and gold.evidence.start < s.end_char]
    start = min((s.start_char for s in held), default=gold.evidence.start)
    end = max((s.end_char for s in held), default=gold.evidence.end)
    spans = (gold.evidence, *gold.quotes)
    first, last = min(x.start for x in spans), max(x.end for x in spans)
    return Statement(id=gold.id, kind=gold.kind, start=start, end=end, text=text[start:end],
                     speaker_id=gold.speaker, quotes=gold.quotes, content=(Span(first, last, text[first:last]),),
                     cue_sense="action" if gold.kind == "action" else "speech")


def gold_result(gold: GoldDocument, nlp, encode) -> DocumentResult:
    """The gold's statements and actors, coded with the gold's codes and read together."""
    parsed = nlp(parse_text(gold.document.text))
    uncoded = sorted((gold_statement(g, parsed) for g in gold.statements), key=lambda s: (s.start, s.id))
    coded = code_statements(parsed, uncoded, gold.actors, default_signal_lexicon(), encode)
    codes = {g.id: tuple(g.signals) for g in gold.statements}
    statements = tuple(dataclasses.replace(s, signal=codes[s.id][0] if codes[s.id] else None, signals=codes[s.id],
                                           confidence=1.0) for s in coded)
    return read_together(DocumentResult(gold.document, actors=gold.actors, statements=statements), encode)


def standoff_scores(result: DocumentResult, encode) -> dict[frozenset, float]:
    """The score of the best reading of each pair of the result's statements that may stand
    off (``standoffs.standoff_readings``), by the pair's statement ids."""
    every, actors = list(result.statements), {a.id: a for a in result.actors}
    return {frozenset((c.first.id, c.second.id)): c.score for c, _ in standoff_readings(
        every, actors, similarity_of(party_statements(every, actors), encode),
        Layout.of(every, result.document.text), standoff_model())}


def why_missed(ids: Sequence[str], result: DocumentResult, scores: Mapping[frozenset, float]) -> str:
    """The first reason the detector loses the gold standoff of these statements of the
    gold's own result (the module's docstring lists them); ``scores``: ``standoff_scores``."""
    statements, actors = {s.id: s for s in result.statements}, {a.id: a for a in result.actors}
    a, b = (statements[i] for i in ids)
    if {s.id for s in party_statements([a, b], actors)} != {a.id, b.id}:
        return "no side"
    if side_of(a, actors) == side_of(b, actors):
        return "same side"
    aimed, sides = (aimed_sides(a, actors), aimed_sides(b, actors)), (side_of(a, actors), side_of(b, actors))
    if presses_third(*aimed, sides, (sides[1] in aimed[0]) + (sides[0] in aimed[1])):
        return f"third side {sorted(aimed[0])} / {sorted(aimed[1])}"
    score = scores.get(frozenset(ids))
    if score is None:
        return f"no clash {list(a.signals)} / {list(b.signals)}"
    return f"below {score:.2f}" if score < standoff_model().threshold else f"picked away {score:.2f}"


def why_mixed(ids: Sequence[str], result: DocumentResult, encode) -> str:
    """The first stage that loses the gold mixed message of these statements of the gold's own
    result (``pair_misses.loss``)."""
    statements, actors = {s.id: s for s in result.statements}, {a.id: a for a in result.actors}
    every = list(result.statements)
    party = party_statements(every, actors)
    return loss([statements[i] for i in ids], [set(statements[i].signals) for i in ids], ids, {s.id for s in party},
                actors, True, codebook().oppositions, Layout.of(every, result.document.text),
                similarity_of(party, encode), [])


def compare(gold: GoldDocument, result: DocumentResult, group: str, ids: Optional[Mapping[str, str]] = None,
            why: Optional[Callable[[Sequence[str]], str]] = None) -> Tally:
    """The gold items of ``group`` against the result's, by statement ids (``ids``: gold id ->
    the result's statement matched to it, when the result's statements are not the gold's;
    ``why``: the reason a required item was missed)."""
    tally = Tally(files=1)
    found = {frozenset(m.statement_ids): m for m in getattr(result, group)}
    listed: set[frozenset] = set()
    for item in gold.extras.get(group, []):
        optional = bool(item.get("optional"))
        key = frozenset(ids.get(i, f"gold:{i}") for i in item["statements"]) if ids is not None else frozenset(
            item["statements"])
        listed.add(key)
        hit = key in found
        if optional:
            tally.optional += 1
            tally.optional_found += hit
        else:
            tally.required += 1
            tally.required_found += hit
        what = f"{found[key].kind} {found[key].score}" if hit else "missed" + (
            f": {why(item['statements'])}" if why is not None and not optional else "")
        tally.lines.append(f"  {item['id']}{' (optional)' if optional else ''} {'+'.join(item['statements'])} "
                           f"[{item.get('kind', '')}]: {what}")
    for key, message in found.items():
        if key not in listed:
            tally.spurious += 1
            tally.lines.append(f"  spurious {'+'.join(message.statement_ids)} {message.kind} {message.score}")
    return tally


def main(argv: Sequence[str] = ()) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--set", nargs="+", action="append", required=True, metavar="GOLD",
                        help="seed-format gold files counted together; repeat for each set")
    parser.add_argument("--group", choices=GROUPS, action="append", help="default: both")
    parser.add_argument("--list", action="store_true", help="print every item and spurious pair")
    parser.add_argument("--pipeline", action="store_true",
                        help="count the full pipeline's pairs instead (its statements matched to the gold's)")
    parser.add_argument("--why", action="store_true",
                        help="with --list, the reason each required item is missed (not with --pipeline)")
    args = parser.parse_args(argv or None)
    if args.why and args.pipeline:
        parser.error("--why reads the gold's own statements: leave out --pipeline")
    encode, nlp = default_encoder(), load_model()
    groups = args.group or list(GROUPS)
    totals = {g: Tally() for g in groups}
    for paths in args.set:
        per_set = {g: Tally() for g in groups}
        golds = [d for p in paths for d in load_gold(p)]
        results = analyze_documents([g.document for g in golds]) if args.pipeline else (
            gold_result(g, nlp, encode) for g in golds)
        for gold, result in zip(golds, results):
            ids = {g: s.id for g, s in to_system(gold, result).items()} if args.pipeline else None
            for group in groups:
                why = None
                if args.why and group == "standoffs":
                    scores = standoff_scores(result, encode)
                    why = functools.partial(why_missed, result=result, scores=scores)
                elif args.why:
                    why = functools.partial(why_mixed, result=result, encode=encode)
                tally = compare(gold, result, group, ids, why)
                per_set[group].add(tally)
                if args.list and tally.lines:
                    print(f"{gold.document.id} {group}", *tally.lines, sep="\n")
        for group in groups:
            print(f"set {paths[0]} …: {group}: {per_set[group]}")
            totals[group].add(per_set[group])
    for group in groups:
        print(f"all: {group}: {totals[group]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
