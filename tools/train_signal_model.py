"""Train the signal model (src/tealeaves/data/signal_model.json) from the annotated corpus.

    PYTHONPATH=src .venv/bin/python tools/annotate.py join annotations/labels-[ABCD].jsonl \
        annotations/labels-double-2.jsonl --adjudicated annotations/labels-adjudicated.jsonl \
        --out artifacts/annotations.jsonl
    PYTHONPATH=src .venv/bin/python tools/train_signal_model.py artifacts/annotations.jsonl \
        -o src/tealeaves/data/signal_model.json          # or: make signal-model

A multinomial logistic regression (scikit-learn, L2) over ``signals.model.signal_features``
and the MiniLM vector of what was said, plus a head without the vector for runs without
embeddings; one temperature per head, fitted on 5-fold cross-validated predictions grouped by
document, calibrates the probabilities. The file holds weights over feature names and vector
dimensions only, no text; the same rows give the same bytes. ``--no-vectors`` trains the
symbolic head alone (quick; what the determinism test uses). The honest scores are
``tealeaves eval --signals artifacts/annotations.jsonl``.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from tealeaves.codebook import codebook
from tealeaves.evaluate.signal_cv import DEFAULTS, RowsError, build_examples, load_rows, train_and_score
from tealeaves.lexicon import default_lexicon
from tealeaves.nlp.model import load_model
from tealeaves.signals.model import NO_CODE
from tealeaves.signals.rules import default_signal_lexicon


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("rows", type=Path, help="annotation rows from `tools/annotate.py join` (JSONL)")
    parser.add_argument("-o", "--output", type=Path, required=True)
    parser.add_argument("--c", type=float, default=DEFAULTS["c"], help="inverse L2 strength")
    parser.add_argument("--folds", type=int, default=5, help="cross-validation folds for calibration")
    parser.add_argument("--no-vectors", action="store_true", help="train the head without the MiniLM vector only")
    parser.add_argument("--report", type=Path, help="also write the cross-validation report (JSON) of the run here")
    args = parser.parse_args(argv)
    try:
        rows = load_rows(args.rows)
    except RowsError as problem:
        parser.exit(2, f"error: {problem}\n")
    if len({r["code"] for r in rows}) < 2:
        parser.exit(2, f"error: {args.rows}: every row has the same code: nothing to learn from\n")
    if len({(r["set"], r["doc"]) for r in rows}) < args.folds:
        parser.exit(2, f"error: {args.rows}: fewer documents than --folds {args.folds}; give fewer folds\n")
    encode = None
    if not args.no_vectors:
        from tealeaves.signals.encoder import encode
    examples = build_examples(rows, load_model(), default_signal_lexicon(), default_lexicon(), encode)
    classes = [*codebook().names(), NO_CODE]
    data, scores = train_and_score(examples, classes, args.folds, c=args.c)
    args.output.write_text(json.dumps(data, indent=0, sort_keys=False) + "\n", "utf-8")
    if args.report:
        args.report.write_text(json.dumps(scores, indent=1) + "\n", "utf-8")
    print(f"{len(rows)} rows, {len(data['heads'])} head(s), temperatures {data['temperature']} -> {args.output}",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
