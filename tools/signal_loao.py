"""The pipeline's main signal on real crisis articles, each scored by a coder that never saw it.

    PYTHONPATH=src .venv/bin/python tools/signal_loao.py artifacts/annotations.jsonl \
        [--gold ../shared/corpus/crisis-dev/*.gold.json ../shared/corpus/seed/gold.json] \
        [--out artifacts/loao.json] [--details]

For every gold article (seed format): retrain the signal coder without the article's
annotated items, run the whole pipeline on the article with it, and score the main signal of
each matched statement against the gold's acceptable codes, as ``tealeaves eval`` does (the
seed's mixed messages, standoffs and warnings are scored too). This is the honest estimate of
the kept-apart target "main signal acceptable for >= 70% of matched statements": ``tealeaves
eval`` on crisis-dev is in-sample. Takes a few minutes (one parse and encoding of the corpus,
five cross-validation fits for the temperatures, one fit per article).

    PYTHONPATH=src .venv/bin/python tools/signal_loao.py artifacts/annotations.jsonl \
        --events ../shared/corpus/plover-gsr/plover_gsr_dev.json [--details]

scores PLOVER records instead, for the kept-apart PLOVER target (verbal and material): each
record's code by the pipeline against its own ``tealeaves_code``, as ``tealeaves eval`` scores
it, with a coder fitted without the cross-validation fold that holds the record's item.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("rows", type=Path, help="annotation rows from `tools/annotate.py join` (JSONL)")
    parser.add_argument("--gold", type=Path, nargs="+", help="seed-format gold files (default: crisis-dev and seed)")
    parser.add_argument("--out", type=Path, help="write the figures (JSON) here")
    parser.add_argument("--details", action="store_true", help="print every matched statement's code and gold codes")
    parser.add_argument("--events", type=Path, help="score these PLOVER-style records instead of articles")
    args = parser.parse_args(argv)
    if args.events is not None and not args.events.is_file():
        parser.exit(2, f"error: no PLOVER records at {args.events}; give the file with --events\n")
    gold_paths = args.gold or [*sorted((SHARED / "crisis-dev").glob("*.gold.json")), SHARED / "seed" / "gold.json"]
    missing = [str(p) for p in gold_paths if not p.is_file()]
    if missing:
        parser.exit(2, f"error: no gold file at {', '.join(missing)}; give them with --gold\n")

    from tealeaves.codebook import codebook
    from tealeaves.evaluate.matching import match_statements
    from tealeaves.evaluate.signal_cv import RowsError, build_examples, load_rows, reliability
    from tealeaves.evaluate.signal_loao import leave_one_article_out
    from tealeaves.lexicon import default_lexicon
    from tealeaves.nlp.model import load_model, parse_text
    from tealeaves.pipeline import analysed_part, analyze_parsed
    from tealeaves.signals.encoder import encode
    from tealeaves.signals.model import NO_CODE
    from tealeaves.signals.rules import default_signal_lexicon

    try:
        rows = load_rows(args.rows)
    except RowsError as problem:
        parser.exit(2, f"error: {problem}\n")
    nlp, lexicon, signal_lexicon = load_model(), default_lexicon(), default_signal_lexicon()
    examples = build_examples(rows, nlp, signal_lexicon, lexicon, encode)

    judged = []  # (confidence, acceptable) of every matched statement: the reliability of the confidence

    def analyse(gold, model):
        parsed = nlp(parse_text(analysed_part(gold.document.text)))
        result = analyze_parsed(gold.document, parsed, lexicon, signal_lexicon=signal_lexicon, signal_model=model)
        said = [s for s in result.statements if s.kind != "action"]
        wanted = [g for g in gold.statements if g.kind != "action"]
        for i, j in match_statements(said, wanted):
            acceptable = said[i].signal in wanted[j].signals
            judged.append((said[i].confidence, acceptable))
            if args.details:
                print(f"{'ok ' if acceptable else 'BAD'} {said[i].confidence:.2f} {gold.document.id[:30]:30} "
                      f"{wanted[j].id:4} {said[i].signal or '—':20} gold {'/'.join(wanted[j].signals):24} "
                      f"{said[i].text[:90]!r}")
        return result

    if args.events is not None:
        return _events(args, examples, nlp, lexicon, signal_lexicon, encode)
    figures = leave_one_article_out(examples, [*codebook().names(), NO_CODE], gold_paths, analyse)
    for name, article in figures["articles"].items():
        print(f"{name:60} held out {article['held_out_items']:3}  signal {article['signal_correct']}/"
              f"{article['signal_total']}")
    total = figures["total"]
    print(f"all: main signal acceptable {total['signal_correct']}/{total['signal_total']} "
          f"({total['signal_accuracy']:.3f})")
    figures["reliability"] = reliability([c for c, _ in judged], [ok for _, ok in judged], bins=5)
    for row in figures["reliability"]:
        print(f"confidence {row['bin']}: {row['items']:3} statements, mean {row['confidence']:.2f}, "
              f"acceptable {row['accuracy']:.2f}")
    if args.out:
        args.out.write_text(json.dumps(figures, indent=1) + "\n", "utf-8")
    return 0


def _events(args, examples, nlp, lexicon, signal_lexicon, encode) -> int:
    """PLOVER records, each coded by the pipeline with a coder that never saw its fold."""
    from tealeaves.codebook import codebook
    from tealeaves.evaluate.signal_loao import held_out_events
    from tealeaves.nlp.model import parse_text
    from tealeaves.pipeline import analysed_part, analyze_parsed
    from tealeaves.signals.coding import sentence_code
    from tealeaves.signals.model import NO_CODE

    def code_of(gold, model):
        parsed = nlp(parse_text(analysed_part(gold.document.text)))
        result = analyze_parsed(gold.document, parsed, lexicon, signal_lexicon=signal_lexicon, signal_model=model)
        code = sentence_code(result, nlp=nlp, lex=signal_lexicon, encode=encode, model=model)
        if args.details:
            mark = "ok " if code == gold.extras["code"] else "BAD"
            print(f"{mark} {gold.extras['code']:20} {code or '—':20} {gold.document.text[:90]!r}")
        return code

    figures = held_out_events(examples, [*codebook().names(), NO_CODE], args.events, code_of)
    for name in ("all", "verbal", "material"):
        part = figures[name]
        print(f"{name}: {part['correct']}/{part['total']} ({part['accuracy']:.3f})")
    print("confusions:", ", ".join(f"{pair} {count}" for pair, count in figures["confusion"].items()))
    if args.out:
        args.out.write_text(json.dumps(figures, indent=1) + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
