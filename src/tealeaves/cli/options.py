"""What the commands share: options, exit codes, error handling, reading inputs, running the
pipeline with a progress bar and writing the output."""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path
from typing import Callable, Iterator, Optional, Sequence

import click
from rich.console import Console
from rich.progress import track

from tealeaves.budget import DEFAULT_SECONDS
from tealeaves.io.readers import read_inputs
from tealeaves.lexicon import Lexicon
from tealeaves.models import Document, DocumentResult, InputError, ModelNotFound, Result
from tealeaves.sinks.output import FORMATS, format_error, write

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
    from tealeaves.nlp.model import load_model
    from tealeaves.pipeline import analyze_each

    outcomes = analyze_each(documents, nlp=load_model(model), lexicon=lexicon, seconds=time_budget, debug=debug,
                            isolate=bool(time_budget) and len(documents) > 1)  # a runaway document is stopped
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
