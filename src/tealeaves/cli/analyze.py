"""``tealeaves analyze``, ``demo`` and ``eval``: one article or a few, read and shown.

Exit codes of ``analyze``: 0 when every input was read, 1 when some inputs failed but others
were analysed, 2 when nothing could be read (or the model or a lexicon file is missing).
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Optional

import click

from tealeaves.cli.options import (
    FAILED,
    OK,
    PARTIAL,
    analyze_into,
    debug_option,
    echo_skipped,
    fail,
    format_option,
    friendly_errors,
    lexicon_options,
    load_lexicon,
    max_bytes_option,
    model_option,
    output_stream,
    pages_anywhere_option,
    time_budget_option,
)
from tealeaves.io.readers import EXAMPLE, example_path, read_inputs
from tealeaves.models import Document, DocumentResult
from tealeaves.sinks.output import table_console


@click.command()
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@format_option
@model_option
@lexicon_options
@max_bytes_option
@pages_anywhere_option
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, writable=True, path_type=Path), metavar="FILE",
    help="Write the output to FILE instead of standard output.",
)
@click.option(
    "--workers", type=click.IntRange(min=1), metavar="N",
    help="Processes that analyse documents side by side, each with the model (shared when forked). "
    "Default: one per CPU.",
)
@click.option(
    "--speech-only", is_flag=True,
    help="Keep only what someone said (cue_sense 'speech') and deeds: no beliefs, intentions, "
    "evidence, stances, impressions or reporters' questions. Every statement's cue_sense is in the "
    "JSON and CSV either way.",
)
@time_budget_option
@debug_option
def analyze(
    paths: tuple[str, ...], format_: str, model: Optional[str], cue_files: tuple[Path, ...],
    actor_files: tuple[Path, ...], side_files: tuple[Path, ...], max_bytes: int, pages_anywhere: bool,
    output: Optional[Path], workers: Optional[int], speech_only: bool, time_budget: float, debug: bool,
) -> None:
    """Find who said what in articles: files, folders or - for standard input.

    A PATH may be a .txt/.md article, an .html page, a .json/.jsonl file of articles (text
    under "text"), an RSS or Atom feed (.rss, .atom, .xml, or any file that holds one: one
    article per entry), a .csv list of URLs with their saved pages, a folder (read
    recursively) or - to read one article from standard input. A .txt/.md article takes its
    title, outlet, date and URL from YAML front matter or a sidecar file beside it
    (article.meta.json or article.meta.yaml). An input that cannot be read or analysed is
    reported on stderr as 'error: SOURCE: message', kept in the output's errors, and the
    others go on; each file of a folder that is not read is named on stderr with the reason.
    Many articles are analysed by --workers processes; each result is written as soon as it
    is back, in input order.

    Exit status: 0 all inputs analysed, 1 some failed, 2 none could be.

    \b
    Examples:
        tealeaves analyze article.txt
        tealeaves analyze article.txt --format json
        tealeaves analyze news/ --format csv --output statements.csv
        tealeaves analyze article.txt --speech-only --format json
        tealeaves analyze feed.xml
        tealeaves analyze articles.jsonl --format jsonl --workers 2 > results.jsonl
        curl -s https://example.org/story.txt | tealeaves analyze -
    """
    with friendly_errors(debug):
        lexicon = load_lexicon(cue_files, actor_files, side_files)
        records = read_inputs(paths, max_bytes=max_bytes, pages_anywhere=pages_anywhere,  # "-": sys.stdin
                              on_skip=echo_skipped)
        with output_stream(output) as stream:
            analysed, errors = analyze_into(records, format_, stream, model=model, lexicon=lexicon,
                                            workers=workers or os.cpu_count() or 1, time_budget=time_budget,
                                            debug=debug, speech_only=speech_only)
    raise click.exceptions.Exit(OK if not errors else PARTIAL if analysed else FAILED)


@click.command()
@format_option
@model_option
@debug_option
def demo(format_: str, model: Optional[str], debug: bool) -> None:
    """Analyse the bundled example article and show who said what.

    The article is a fictional wire report about a naval standoff, shipped with tealeaves:
    it exercises direct, partial and indirect quotes, pronoun speakers and observers.

    \b
    Examples:
        tealeaves demo
        tealeaves demo --format json
    """
    with friendly_errors(debug):
        lexicon = load_lexicon((), (), [example_path().with_suffix(".sides.yaml")])
        intro = (f"{EXAMPLE}: a fictional wire report shipped with tealeaves (places and people "
                 "invented). On your own files: tealeaves analyze article.txt")
        click.echo(intro, err=format_ != "table")  # keep stdout pure JSON/CSV
        analyze_into(read_inputs([example_path()]), format_, sys.stdout, model=model, lexicon=lexicon, debug=debug)


@click.command("eval")
@click.argument("gold", nargs=-1, metavar="[GOLD...]", type=click.Path(exists=True, dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON instead of tables.")
@click.option("--limit", type=click.IntRange(min=1), metavar="N",
              help="Score only the first N documents of each gold file (a quick check).")
@click.option("--no-baseline", is_flag=True,
              help="Skip the textacy baseline (faster; textacy need not be installed).")
@click.option("--oracle", default="", metavar="PARTS",
              help="Put the gold's sides and/or signals (sides,signals) into each result before "
                   "mixed messages and standoffs are found: judges the analysis on its own.")
@click.option("--signals", "signal_rows", type=click.Path(exists=True, dir_okay=False), metavar="ROWS",
              help="Score the signal coder by cross-validation on annotation rows (`tools/annotate.py join` "
                   "output): folds grouped by document, the old rule coder beside it, per set.")
@click.option("--folds", type=click.IntRange(min=2), default=5, show_default=True,
              help="Cross-validation folds for --signals.")
@click.option("--speech-only", is_flag=True,
              help="Score only what someone said (and deeds), as `analyze --speech-only` outputs: "
                   "for gold that annotates speech alone.")
@model_option
@debug_option
def eval_(gold: tuple[str, ...], as_json: bool, limit: Optional[int], no_baseline: bool, oracle: str,
          signal_rows: Optional[str], folds: int, speech_only: bool, model: Optional[str], debug: bool) -> None:
    """Score tealeaves against gold files: precision, recall and F1 of quotes, speakers, cues.

    GOLD files are seed gold (.json, see shared/spec/output.md) or PolNeAR-style span files
    (.jsonl). Unless --no-baseline, the textacy quotation extractor is scored alongside.

    With --signals ROWS, the learned signal coder is trained and scored by K-fold
    cross-validation on the annotated corpus (annotations/README.md): no item is scored by a
    model that saw its document. Per set (polnear, crisis-dev, plover-dev) and overall: accuracy,
    macro-F1, the commonest confusions (the whole confusion matrix with --json) and the old
    rule coder on the same items, then a reliability curve of the calibrated confidence. It
    needs scikit-learn.

    \b
    Examples:
        tealeaves eval gold.json
        tealeaves eval gold.json polnear_dev.jsonl --limit 50 --json
        tealeaves eval crisis-dev/*.gold.json --no-baseline --oracle sides,signals
        tealeaves eval quotes.gold.json --speech-only
        tealeaves eval --signals artifacts/annotations.jsonl
    """
    if not gold and not signal_rows:
        fail("give GOLD files to score, or --signals ROWS (or both)")
    with friendly_errors(debug):
        if signal_rows:
            from tealeaves.evaluate import signal_cv

            try:
                scores = signal_cv.evaluate_rows(Path(signal_rows), folds, model)
            except signal_cv.RowsError as problem:
                fail(str(problem))
            if as_json:
                click.echo(json.dumps(scores, indent=2, ensure_ascii=False))
            else:
                table_console(sys.stdout).print(*signal_cv.format_report(scores))
            if not gold:
                return
        from tealeaves.evaluate import scoring as evaluate
        from tealeaves.evaluate.oracle import ORACLE_PARTS
        from tealeaves.nlp.model import load_model
        from tealeaves.pipeline import analyze_documents
        from tealeaves.signals.encoder import default_encoder

        nlp = load_model(model)

        def analyze_fn(documents: list[Document]) -> list[DocumentResult]:
            return list(analyze_documents(documents, nlp=nlp, speech_only=speech_only))

        parts = tuple(p.strip() for p in oracle.split(",") if p.strip())
        unknown = set(parts) - set(ORACLE_PARTS)
        if unknown:
            raise click.BadParameter(f"{', '.join(sorted(unknown))} is not an oracle part; use "
                                     f"{' and/or '.join(ORACLE_PARTS)}, comma-separated", param_hint="--oracle")
        report = evaluate.evaluate(gold, analyze_fn, baseline=not no_baseline, nlp=nlp, limit=limit,
                                   oracle=parts, encode=default_encoder() if parts else None)
        if as_json:
            click.echo(json.dumps(report, indent=2, ensure_ascii=False))
        else:
            table_console(sys.stdout).print(*evaluate.format_report(report))
