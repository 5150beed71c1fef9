"""The ``tealeaves`` command: a thin click layer over ingest, the pipeline and the sinks.

Exit codes of ``analyze``: 0 when every input was read, 1 when some inputs failed but others
were analysed, 2 when nothing could be read (or the model or a lexicon file is missing).
"""

from __future__ import annotations

import contextlib
import json
import sys
from pathlib import Path
from typing import Callable, Iterator, Optional, Sequence

import click
from rich.console import Console
from rich.progress import track

from tealeaves import __version__
from tealeaves.ingest import EXAMPLE, example_path, read_inputs
from tealeaves.lexicon import Lexicon
from tealeaves.models import Document, DocumentResult, InputError, ModelNotFound, Result
from tealeaves.output import FORMATS, format_error, table_console, write
from tealeaves.budget import DEFAULT_SECONDS

PROGRESS_MIN = 5  # more documents than this (on a terminal) get a progress bar
OK, PARTIAL, FAILED = 0, 1, 2


# --- shared options -------------------------------------------------------------------------


def format_option(command: Callable) -> Callable:
    return click.option(
        "-f", "--format", "format_", type=click.Choice(FORMATS), default="table", show_default=True,
        help="Output: a table to read, the JSON contract, JSON Lines (one document a line) "
        "or CSV (one row a statement).",
    )(command)


def model_option(command: Callable) -> Callable:
    return click.option(
        "--model", metavar="NAME",
        help="Installed spaCy pipeline to parse with, e.g. en_core_web_sm "
        "(default: the first English model found; nothing is downloaded).",
    )(command)


def debug_option(command: Callable) -> Callable:
    return click.option(
        "--debug", is_flag=True, help="Show the full Python traceback when something goes wrong.",
    )(command)


def max_bytes_option(command: Callable) -> Callable:
    return click.option(
        "--max-bytes", type=click.IntRange(min=1), default=20_000_000, show_default=True, metavar="N",
        help="Skip (and report) any input larger than N bytes.",
    )(command)


def pages_anywhere_option(command: Callable) -> Callable:
    return click.option(
        "--pages-anywhere", is_flag=True,
        help="Let a URL list (.csv) name saved pages outside its own folder (absolute paths, '..', "
        "links leading out). Only for lists you trust.",
    )(command)


def time_budget_option(command: Callable) -> Callable:
    return click.option(
        "--time-budget", "time_budget", type=click.FloatRange(min=0), default=DEFAULT_SECONDS, show_default=True,
        metavar="SECONDS", help="Give up on (and report) a document whose analysis takes longer; 0 for no limit.",
    )(command)


def lexicon_options(command: Callable) -> Callable:
    file = click.Path(exists=True, dir_okay=False, path_type=Path)
    command = click.option(
        "--actors", "actor_files", metavar="FILE", multiple=True, type=file,
        help="YAML list of known actors (id, name, kind, role, side, aliases) to add. Repeatable.",
    )(command)
    command = click.option(
        "--sides", "side_files", metavar="FILE", multiple=True, type=file,
        help="YAML file of extra sides: 'Name: {names: [...], adjectives: [...], seats: [...]}'. Repeatable.",
    )(command)
    return click.option(
        "--cues", "cue_files", metavar="FILE", multiple=True, type=file,
        help="YAML file of extra cue verbs by sense, e.g. 'speech: [quip, opine]'. Repeatable.",
    )(command)


@contextlib.contextmanager
def friendly_errors(debug: bool) -> Iterator[None]:
    """Turn an unexpected exception into one 'error:' line and exit 2, unless --debug."""
    try:
        yield
    except (click.ClickException, click.exceptions.Exit, click.Abort, BrokenPipeError):
        raise  # click reports these itself (a closed pipe ends quietly)
    except ModelNotFound as problem:
        fail(str(problem))
    except Exception as problem:
        if debug:
            raise
        message = " ".join(str(problem).split()) or type(problem).__name__
        fail(f"{message} (run again with --debug to see the traceback)")


def fail(message: str) -> None:
    click.echo(f"error: {message}", err=True)
    raise click.exceptions.Exit(FAILED)


# --- commands -------------------------------------------------------------------------------


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, "-V", "--version", prog_name="tealeaves",
                      message="%(prog)s %(version)s")
def cli() -> None:
    """tealeaves reads news articles and finds who said what: every quote and reported
    statement, its speaker (with role and side), what it signals (threaten, demand, reassure,
    deny, hedge...), and where one side sends mixed messages.

    Start with the bundled example, then run it on your own files:

    \b
        tealeaves demo                                  one article, in the terminal
        tealeaves analyze article.txt --format json     the JSON contract
        tealeaves report article.txt --out report.html  a self-contained HTML report
        tealeaves ingest news/ && tealeaves serve       a corpus store and its dashboard
        tealeaves batch articles.jsonl --out dataset/   a large corpus to Parquet

    Each command's --help has examples.
    """


@cli.command()
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
@time_budget_option
@debug_option
def analyze(
    paths: tuple[str, ...], format_: str, model: Optional[str], cue_files: tuple[Path, ...],
    actor_files: tuple[Path, ...], side_files: tuple[Path, ...], max_bytes: int, pages_anywhere: bool,
    output: Optional[Path], time_budget: float, debug: bool,
) -> None:
    """Find who said what in articles: files, folders or - for standard input.

    A PATH may be a .txt/.md article, an .html page, a .json/.jsonl file of articles (text
    under "text"), a folder (read recursively) or - to read one article from standard input.
    An input that cannot be read or analysed is reported on stderr as 'error: SOURCE: message',
    kept in the output's errors, and the others go on.

    Exit status: 0 all inputs analysed, 1 some failed, 2 none could be.

    \b
    Examples:
        tealeaves analyze article.txt
        tealeaves analyze article.txt --format json
        tealeaves analyze news/ --format csv --output statements.csv
        curl -s https://example.org/story.txt | tealeaves analyze -
    """
    with friendly_errors(debug):
        lexicon = load_lexicon(cue_files, actor_files, side_files)
        documents, errors = read_all(paths, max_bytes, pages_anywhere)
        results = run_pipeline(documents, model, lexicon, errors, time_budget, debug) if documents else []
        emit(Result(tuple(results), tuple(errors)), format_, output)
    raise click.exceptions.Exit(OK if not errors else PARTIAL if results else FAILED)


@cli.command()
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
        documents, errors = read_all([str(example_path())], max_bytes=20_000_000)
        lexicon = load_lexicon((), (), [example_path().with_suffix(".sides.yaml")])
        intro = (f"{EXAMPLE}: a fictional wire report shipped with tealeaves (places and people "
                 "invented). On your own files: tealeaves analyze article.txt")
        click.echo(intro, err=format_ != "table")  # keep stdout pure JSON/CSV
        results = run_pipeline(documents, model, lexicon, errors, debug=debug)
        emit(Result(tuple(results), tuple(errors)), format_, None)


@cli.command("eval")
@click.argument("gold", nargs=-1, required=True, metavar="GOLD...",
                type=click.Path(exists=True, dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON instead of tables.")
@click.option("--limit", type=click.IntRange(min=1), metavar="N",
              help="Score only the first N documents of each gold file (a quick check).")
@click.option("--no-baseline", is_flag=True,
              help="Skip the textacy baseline (faster; textacy need not be installed).")
@model_option
@debug_option
def eval_(gold: tuple[str, ...], as_json: bool, limit: Optional[int], no_baseline: bool,
          model: Optional[str], debug: bool) -> None:
    """Score tealeaves against gold files: precision, recall and F1 of quotes, speakers, cues.

    GOLD files are seed gold (.json, see shared/spec/output.md) or PolNeAR-style span files
    (.jsonl). Unless --no-baseline, the textacy quotation extractor is scored alongside.

    \b
    Examples:
        tealeaves eval gold.json
        tealeaves eval gold.json polnear_dev.jsonl --limit 50 --json
    """
    with friendly_errors(debug):
        from tealeaves import evaluate
        from tealeaves.nlp import load_model
        from tealeaves.pipeline import analyze_documents

        nlp = load_model(model)

        def analyze_fn(documents: list[Document]) -> list[DocumentResult]:
            return list(analyze_documents(documents, nlp=nlp))

        report = evaluate.evaluate(gold, analyze_fn, baseline=not no_baseline, nlp=nlp, limit=limit)
        if as_json:
            click.echo(json.dumps(report, indent=2, ensure_ascii=False))
        else:
            table_console(sys.stdout).print(*evaluate.format_report(report))


# --- helpers --------------------------------------------------------------------------------


def read_all(paths: Sequence[str], max_bytes: int,
             pages_anywhere: bool = False) -> tuple[list[Document], list[InputError]]:
    """Read every input; each error is printed to stderr at once and kept for the output."""
    documents: list[Document] = []
    errors: list[InputError] = []
    for record in read_inputs(paths, max_bytes=max_bytes, pages_anywhere=pages_anywhere):  # "-": sys.stdin
        if isinstance(record, InputError):
            click.echo(f"error: {format_error(record)}", err=True)
            errors.append(record)
        else:
            documents.append(record)
    return documents, errors


def load_lexicon(cue_files: Sequence[Path], actor_files: Sequence[Path],
                 side_files: Sequence[Path] = ()) -> Optional[Lexicon]:
    """The bundled lexicon extended with the user's files; None (the default) without any."""
    if not (cue_files or actor_files or side_files):
        return None
    try:
        return Lexicon.load(extra_cues=cue_files, extra_actors=actor_files, extra_sides=side_files)
    except Exception as problem:  # YAML syntax, or a file of the wrong shape
        names = ", ".join(str(p) for p in (*cue_files, *actor_files, *side_files))
        fail(f"cannot use the lexicon files ({names}): {' '.join(str(problem).split())}")


def run_pipeline(
    documents: list[Document], model: Optional[str], lexicon: Optional[Lexicon], errors: list[InputError],
    time_budget: float = DEFAULT_SECONDS, debug: bool = False,
) -> list[DocumentResult]:
    """Analyse in order, with a progress bar on a terminal when there are enough documents.
    A document that fails is printed and added to ``errors``; the others go on."""
    from tealeaves.nlp import load_model
    from tealeaves.pipeline import analyze_each

    outcomes = analyze_each(documents, nlp=load_model(model), lexicon=lexicon, seconds=time_budget, debug=debug)
    if len(documents) > PROGRESS_MIN and sys.stderr.isatty():
        outcomes = track(outcomes, total=len(documents), description="Analysing",
                         console=Console(stderr=True), transient=True)
    results = []
    for outcome in outcomes:
        if isinstance(outcome, InputError):
            click.echo(f"error: {format_error(outcome)}", err=True)
            errors.append(outcome)
        else:
            results.append(outcome)
    return results


def emit(result: Result, format_: str, output: Optional[Path]) -> None:
    """Write ``result`` to ``output`` (UTF-8) or standard output."""
    if output is None:
        write(result, format_, sys.stdout)
        return
    with output.open("w", encoding="utf-8", newline="") as stream:
        write(result, format_, stream)


from tealeaves import cli_corpus, cli_scale, cli_web  # noqa: E402  (their commands reuse the options above)

for _command in (cli_web.report, cli_web.serve, cli_scale.batch, cli_scale.bench, cli_corpus.ingest,
                 cli_corpus.search, cli_corpus.actors, cli_corpus.timeline, cli_corpus.mixed, cli_corpus.clusters,
                 cli_corpus.export):
    cli.add_command(_command)


def main() -> None:
    """Entry point of the ``tealeaves`` script and ``python -m tealeaves``."""
    cli(prog_name="tealeaves")
