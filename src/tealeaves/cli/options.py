"""What the commands share: options, exit codes, error handling, reading inputs, running the
pipeline with a progress bar and writing the output."""

from __future__ import annotations

import contextlib
import itertools
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Iterator, Optional, Sequence, TextIO

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from tealeaves.budget import DEFAULT_SECONDS
from tealeaves.models import Document, InputError, ModelNotFound
from tealeaves.sinks.output import FORMATS, ResultStream, format_error

if TYPE_CHECKING:  # spaCy and the readers' libraries: not for a command that only reads a store
    from tealeaves.io.readers import Record
    from tealeaves.lexicon import Lexicon

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


def echo_skipped(source: str, reason: str) -> None:
    """Name on stderr a file of a folder that is not read, and why."""
    click.echo(f"skipped: {source}: {reason}", err=True)


def load_lexicon(cue_files: Sequence[Path], actor_files: Sequence[Path],
                 side_files: Sequence[Path] = ()) -> Optional[Lexicon]:
    """The bundled lexicon extended with the user's files; None (the default) without any."""
    if not (cue_files or actor_files or side_files):
        return None
    from tealeaves.lexicon import Lexicon

    try:
        return Lexicon.load(extra_cues=cue_files, extra_actors=actor_files, extra_sides=side_files)
    except Exception as problem:  # YAML syntax, or a file of the wrong shape
        names = ", ".join(str(p) for p in (*cue_files, *actor_files, *side_files))
        fail(f"cannot use the lexicon files ({names}): {' '.join(str(problem).split())}")


def analyze_into(
    records: Iterable[Record], format_: str, stream: TextIO, *, model: Optional[str] = None,
    lexicon: Optional[Lexicon] = None, workers: int = 1, time_budget: float = DEFAULT_SECONDS, debug: bool = False,
    speech_only: bool = False,
) -> tuple[int, list[InputError]]:
    """Analyse the documents of ``records`` and write each result to ``stream`` as soon as it
    is back, in input order; returns how many were analysed, and the errors.

    Many documents go to ``workers`` supervised processes (``pipeline.analyze_each``: a document
    past its budget is stopped by killing its process); a single one is analysed here. Every
    error is printed to stderr when it happens, written with the output, and the rest go on. The
    model is loaded only when there is a document to analyse. ``speech_only``: see
    ``pipeline.analyze_parsed``."""
    errors: list[InputError] = []

    def documents() -> Iterator[Document]:
        for record in records:
            if isinstance(record, InputError):
                click.echo(f"error: {format_error(record)}", err=True)
                errors.append(record)
            else:
                yield record

    source = documents()
    first = list(itertools.islice(source, workers + 1))  # enough to know how many processes pay
    analysed = 0
    out = ResultStream(format_, stream)
    if first:
        from tealeaves.nlp.model import load_model
        from tealeaves.pipeline import analyze_each

        outcomes = analyze_each(itertools.chain(first, source), nlp=load_model(model), lexicon=lexicon,
                                n_process=min(workers, len(first)), seconds=time_budget, debug=debug,
                                isolate=bool(time_budget) and len(first) > 1,  # a runaway is stopped
                                speech_only=speech_only)
        with progress_counter("Analysing", disable=stream.isatty()) as bar:  # not over a table being printed
            task = bar.add_task("Analysing", total=None)
            for outcome in outcomes:
                if isinstance(outcome, InputError):
                    click.echo(f"error: {format_error(outcome)}", err=True)
                    errors.append(outcome)
                else:
                    out.document(outcome)
                    analysed += 1
                bar.advance(task)
    out.close(errors)
    return analysed, errors


@contextlib.contextmanager
def output_stream(output: Optional[Path]) -> Iterator[TextIO]:
    """``output`` opened for writing (UTF-8), or standard output."""
    if output is None:
        yield sys.stdout
        return
    with output.open("w", encoding="utf-8", newline="") as stream:
        yield stream


def progress_counter(description: str, disable: bool = False) -> Progress:
    """A counter of documents done on stderr, when it is a terminal (and not ``disable``): the
    number of documents is not known while they stream."""
    console = Console(stderr=True)
    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                    TextColumn("documents"), TimeElapsedColumn(),
                    console=console, transient=True, disable=disable or not console.is_terminal)
