"""Corpus commands: ingest, search, actors, timeline, mixed, clusters, export (thin over store and corpus)."""

from __future__ import annotations

import contextlib
import json
import sqlite3
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any, Callable, Collection, Iterator, Optional, Sequence

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from tealeaves.cli.options import (
    FAILED,
    OK,
    PARTIAL,
    debug_option,
    echo_skipped,
    fail,
    friendly_errors,
    lexicon_options,
    load_lexicon,
    max_bytes_option,
    model_option,
    pages_anywhere_option,
    time_budget_option,
)
from tealeaves.lexicon import name_key
from tealeaves.models import to_dict
from tealeaves.sinks.empty import StatementCounts, no_mixed_messages, no_timeline
from tealeaves.sinks.output import format_error, write_csv_rows
from tealeaves.store.core import DEFAULT_PATH, Store, UnsearchableQuery, snippet_pieces
from tealeaves.store.sql import BadCursor
from tealeaves.store.undated import undated_documents
from tealeaves.store.views import DAY_DOCUMENTS
from tealeaves.views import DocumentRef, SearchHit, TimelineRow

ROW_FORMATS = ("table", "json", "csv")


def db_option(command: Callable) -> Callable:
    return click.option(
        "--db", default=DEFAULT_PATH, show_default=True, envvar="TEALEAVES_DB", metavar="PATH_OR_URL",
        help="The store: a SQLite file, or a postgresql://user@host/db URL. Also read from $TEALEAVES_DB.",
    )(command)


def rows_format_option(command: Callable) -> Callable:
    return click.option(
        "-f", "--format", "format_", type=click.Choice(ROW_FORMATS), default="table", show_default=True,
        help="A table to read, JSON (a list of objects) or CSV.",
    )(command)


def open_store(db: str, readonly: bool = True) -> Store:
    """Open the store, or say how to make one."""
    if readonly and "://" not in db and not Path(db).exists():
        fail(f"{db}: no such store: run 'tealeaves ingest PATH --db {db}' first")
    return Store.open(db, readonly=readonly)


# What stops a store from being written: words of SQLite's message or PostgreSQL's SQLSTATE,
# and what to do about it.
_WRITE_PROBLEMS = (
    (("disk is full",), "53100", "the disk is full: free some space"),
    (("readonly database", "read-only"), "25006",
     "it is read-only (the file, its folder or the disk): make it writable or give another --db"),
    (("disk i/o error", "unable to open database"), "58030", "the disk or folder cannot be written: check it"),
)


def _write_problem(problem: Exception) -> Optional[str]:
    """Why the database could not be written and what to do, or None for any other problem."""
    if not (isinstance(problem, sqlite3.Error) or type(problem).__module__.startswith("psycopg")):
        return None
    text = str(problem).lower()
    for words, sqlstate, advice in _WRITE_PROBLEMS:
        if getattr(problem, "sqlstate", None) == sqlstate or any(word in text for word in words):
            return advice
    return None


@contextlib.contextmanager
def store_writes(db: str, debug: bool) -> Iterator[None]:
    """Turn a failed write to the store (a full or read-only disk) into one line naming the
    store and what to do; any other problem goes on to ``friendly_errors``."""
    try:
        yield
    except Exception as problem:
        advice = None if debug else _write_problem(problem)
        if advice is None:
            raise
        fail(f"{db}: cannot write to the store: {advice}, then run the same command again "
             "(documents already saved are kept)")


DEFAULT_LIMIT = 50


def page_options(command: Callable) -> Callable:
    """--limit and --offset: which page of a list to print."""
    command = click.option("--offset", type=click.IntRange(min=0), default=0, show_default=True, metavar="N",
                           help="Skip the first N rows (with --limit, the next page).")(command)
    return click.option("--limit", type=click.IntRange(min=0), default=DEFAULT_LIMIT, show_default=True,
                        metavar="N", help="At most N rows; 0 for every row.")(command)


def page_note(format_: str, shown: int, offset: int, limit: int, total: int, after: Optional[str] = None) -> None:
    """Which rows of how many a table showed, and how to get the next page (``after``: the
    cursor that starts it, for a list that pages by cursor; on stderr: JSON and CSV stay bare
    for pipes). Rows after a cursor are numbered from ``offset``."""
    if format_ != "table":
        return
    more = f"; --offset {offset + shown} for the next page" if limit and offset + shown < total else ""
    if after:
        more = f"; --after {after} for the next page"
    if shown:
        click.echo(f"rows {offset + 1}–{offset + shown} of {total}{more}", err=True)
    else:
        click.echo(f"no rows past row {offset} of {total}" if total else "no rows", err=True)


def emit_rows(rows: Sequence[Any], format_: str, columns: dict[str, Callable[[Any], Any]],
              below: Collection[str] = (), count: bool = True) -> None:
    """Records (``tealeaves.views``) as JSON, CSV (every field, ``models.to_dict``) or a table
    whose ``columns`` map a header to the cell of a record, those in ``below`` under its line
    (``rows_text``; and, unless ``count`` is False, how many rows on stderr)."""
    if format_ == "json":
        click.echo(json.dumps([to_dict(row) for row in rows], indent=2, ensure_ascii=False))
    elif format_ == "csv":
        data = [to_dict(row) for row in rows]
        write_csv_rows(sys.stdout, list(data[0]) if data else list(columns), data)
    else:
        click.echo(rows_text(rows, columns, below), nl=False)
        if count:
            click.echo(f"{len(rows)} rows", err=True)


def rows_text(rows: Sequence[Any], columns: dict[str, Callable[[Any], Any]], below: Collection[str] = ()) -> str:
    """Records for the terminal as plain lines: the short cells of a record on one line, aligned
    under a header (numbers to the right), and each cell of ``below`` (long text, lists) whole on
    labelled lines under it, an empty one left out. A rich table of a 50-row page spent about 70
    of a command's 90 ms of CPU folding long cells into narrow columns (at 80 columns)."""
    if not rows:
        return ""
    inline = [name for name in columns if name not in below]
    under = [name for name in columns if name in below]
    values = [[columns[name](row) for name in inline] for row in rows]
    texts = [[_cell(value).replace("\n", " ") for value in row] for row in values]
    widths = [max(len(name), *(len(row[n]) for row in texts)) for n, name in enumerate(inline)]
    numbers = [all(isinstance(row[n], (int, float)) for row in values) for n in range(len(inline))]

    def line(cells: Sequence[str]) -> str:
        return "  ".join(c.rjust(w) if right else c.ljust(w) for c, w, right in zip(cells, widths, numbers)).rstrip()

    label = max((len(name) for name in under), default=0)
    lines = [line(inline)]
    for row, cells in zip(rows, texts):
        lines.append(line(cells))
        for name in under:
            for n, text in enumerate(_cell(columns[name](row)).splitlines()):
                lines.append(f"  {name if n == 0 else '':<{label}}  {text}")
    return "\n".join(lines) + "\n"


def documents_cell(documents: Sequence[Optional[DocumentRef]], most: int = 3, listed_all: bool = True) -> str:
    """The documents a row comes from, one a line (title or file · outlet · day, then its id),
    the first ``most`` of them and how many more (``listed_all`` False: the row lists only the
    first of its documents, and there may be more than it holds)."""
    shown = [f"{d.label()} [{d.id}]" for d in documents[:most] if d is not None]
    if not listed_all:
        return "\n".join([*shown, "… and more"])
    return "\n".join(shown + ([f"… and {len(documents) - most} more"] if len(documents) > most else []))


def signal_cell(hit: SearchHit, wanted: Optional[str]) -> str:
    """A hit's main signal, and the one searched for when it matched as a secondary signal."""
    main = hit.signal or "uncoded"
    return f"{main}\n+ {wanted} (secondary)" if hit.secondary and wanted else main


def _snippet_text(snippet: Optional[str]) -> str:
    """A search snippet for the terminal: the matched words in bold, reversed (``click.echo``
    drops the styles when the output is not a terminal)."""
    return "".join(click.style(piece, bold=True, reverse=True) if hit else piece
                   for piece, hit in snippet_pieces(snippet))


def plain_snippet(snippet: Optional[str]) -> str:
    """A search snippet as plain text (JSON, CSV): the matched words [in brackets]."""
    return "".join(f"[{piece}]" if hit else piece for piece, hit in snippet_pieces(snippet))


def _cell(value: Any) -> str:
    """A value as table text: counts as 'code n', lists one per line."""
    if value is None:
        return ""
    if isinstance(value, dict):
        return ", ".join(f"{k} {v}" for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return "\n".join(map(str, value))
    return str(value)


@click.command()
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@db_option
@click.option("--workers", type=click.IntRange(min=1), default=1, show_default=True, metavar="N",
              help="Processes that parse in parallel (up to the machine's cores).")
@click.option("--reanalyze", is_flag=True, help="Analyse again documents already stored (after an upgrade).")
@max_bytes_option
@pages_anywhere_option
@model_option
@lexicon_options
@time_budget_option
@debug_option
def ingest(paths: tuple[str, ...], db: str, workers: int, reanalyze: bool, max_bytes: int, pages_anywhere: bool,
           model: Optional[str], cue_files: tuple[Path, ...], actor_files: tuple[Path, ...],
           side_files: tuple[Path, ...], time_budget: float, debug: bool) -> None:
    """Add articles to a corpus store: read, de-duplicate, analyse, save.

    PATHs are files or folders as for 'analyze' (.txt, .html, .json, .jsonl, RSS/Atom feeds
    whatever their file is called; a .txt takes a date from front matter or a sidecar file);
    each file of a folder that is not read is named with the reason. Each document is saved
    in one transaction, so an interrupted run loses nothing already saved: run it again and
    it carries on. Documents already stored by the same version of tealeaves are skipped;
    exact, near and cut copies (syndicated, lightly edited, cut short) join the cluster of
    the first copy and are not analysed again; non-English documents are stored, flagged and
    not analysed. After changing --cues/--actors/--sides files or a sidecar, add --reanalyze
    so that stored documents are read with them too.

    \b
    Examples:
        tealeaves ingest news/
        tealeaves ingest feeds/*.rss archive.jsonl --db crisis.db --workers 2
        tealeaves ingest news/ --sides my-sides.yaml --reanalyze
        tealeaves ingest news/ --db postgresql://me@localhost/crisis --reanalyze
    """
    from tealeaves.io.corpus import ingest as run_ingest

    lexicon = load_lexicon(cue_files, actor_files, side_files)
    with friendly_errors(debug), store_writes(db, debug), open_store(db, readonly=False) as store:
        columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                   TextColumn("{task.fields[rate]:.1f} docs/s"), TextColumn("{task.fields[errors]} errors"),
                   TimeElapsedColumn())
        console = Console(stderr=True)
        with Progress(*columns, console=console, disable=not console.is_terminal, transient=True) as bar:
            task = bar.add_task("Ingesting", total=None, rate=0.0, errors=0)

            def show(summary, total):
                bar.update(task, total=total, completed=summary.processed, rate=summary.documents_per_second,
                           errors=summary.errors)

            summary = run_ingest(paths, store, workers=workers, reanalyze=reanalyze, model=model, lexicon=lexicon,
                                 max_bytes=max_bytes, pages_anywhere=pages_anywhere, time_budget=time_budget,
                                 progress=show)
        for source, reason in summary.passed_over:
            echo_skipped(source, reason)
        for error in summary.failures:
            click.echo(f"error: {format_error(error)}", err=True)
        click.echo(f"{summary.new} new, {summary.reanalysed} re-analysed, {summary.skipped} unchanged, "
                   f"{summary.duplicates} duplicates, {summary.not_english} not English, {summary.errors} errors "
                   f"in {summary.seconds:.1f} s ({summary.documents_per_second:.2f} documents/s) -> {db}")
    raise click.exceptions.Exit(OK if not summary.errors else PARTIAL if summary.processed > summary.failed else FAILED)


def filter_options(command: Callable) -> Callable:
    for name, text in reversed((
        ("--speaker", "Only statements of speakers whose name contains this (or with this actor id)."),
        ("--side", "Only statements of this side, e.g. Russia."),
        ("--signal", "Only statements with this signal code, e.g. threaten."),
        ("--since", "Only documents published on or after this day (YYYY-MM-DD)."),
        ("--until", "Only documents published on or before this day (YYYY-MM-DD)."),
        ("--outlet", "Only documents of this outlet."),
    )):
        command = click.option(name, metavar="TEXT", help=text)(command)
    return command


@click.command()
@click.argument("query", default="")
@filter_options
@click.option("--limit", type=click.IntRange(min=1), default=DEFAULT_LIMIT, show_default=True,
              help="At most N statements.")
@click.option("--offset", type=click.IntRange(min=0), default=0, show_default=True, metavar="N",
              help="Skip the first N statements (with --limit, the next page).")
@click.option("--after", metavar="CURSOR", help="Start after the page whose note gave this cursor "
              "(a deep page costs one page, where --offset reads every row before it).")
@db_option
@rows_format_option
@debug_option
def search(query: str, speaker, side, signal, since, until, outlet, limit: int, offset: int, after: Optional[str],
           db: str, format_: str, debug: bool) -> None:
    """Full-text search over the statements of a corpus, with filters.

    Every word of QUERY must match (stemmed: 'threat' finds 'threats'); an empty QUERY lists
    the statements that pass the filters. Results come in date order; matches are [marked].

    \b
    Examples:
        tealeaves search ultimatum
        tealeaves search "security guarantees" --side Russia --since 2022-01-01
        tealeaves search "" --signal threaten --format csv > threats.csv
    """
    with friendly_errors(debug), open_store(db) as store:
        try:
            rows, cursor = store.search_page(query, speaker=speaker, side=side, signal=signal, since=since,
                                             until=until, outlet=outlet, limit=limit, offset=offset, after=after)
        except UnsearchableQuery as problem:
            click.echo(f"error: {problem} (an empty query \"\" lists every statement)", err=True)
            raise click.exceptions.Exit(PARTIAL) from None  # the user's query, not the store, is at fault
        except BadCursor as problem:
            raise click.BadParameter(str(problem), param_hint="--after") from None
        if format_ != "table":
            rows = [replace(row, snippet=plain_snippet(row.snippet)) for row in rows]
        emit_rows(rows, format_, {
            "document": lambda h: documents_cell([h.document]), "speaker": lambda h: h.speaker,
            "side": lambda h: h.side, "signal": lambda h: signal_cell(h, signal),
            "statement": lambda h: _snippet_text(h.snippet)}, below=("document", "statement"))
        if cursor and format_ == "table":
            click.echo(f"--after {cursor} for the next page", err=True)


@click.command()
@click.option("--side", metavar="TEXT", help="Only actors of this side.")
@click.option("--explain", metavar="NAME", help="Only the actors called NAME (or with it as an alias), "
              "with the names folded into each and the evidence that joined them.")
@page_options
@db_option
@rows_format_option
@debug_option
def actors(side: Optional[str], explain: Optional[str], limit: int, offset: int, db: str, format_: str,
           debug: bool) -> None:
    """The people and bodies of a corpus, merged across documents, most quoted first.

    The same actor id in several documents is one actor: aliases are unioned, and roles or
    sides that differ between documents are listed under warnings. Two ids are one person when
    their names are ("Donald J. Trump", "Donald Trump"), never when a first name differs;
    --explain shows which evidence joined them.

    \b
    Examples:
        tealeaves actors
        tealeaves actors --side Russia --format json
        tealeaves actors --limit 50 --offset 50
        tealeaves actors --explain "Hillary Clinton"
    """
    with friendly_errors(debug), open_store(db) as store, store.db.snapshot():
        if explain:
            _explain_actors(store, explain, format_)
            return
        rows = store.actors(side, limit=limit or None, offset=offset)
        emit_rows(rows, format_, {
            "name": lambda a: a.name, "role": lambda a: a.role, "side": lambda a: a.side,
            "documents": lambda a: a.documents, "statements": lambda a: a.statements,
            "latest document": lambda a: documents_cell([a.latest]), "warnings": lambda a: a.warnings,
        }, below=("latest document", "warnings"), count=False)
        page_note(format_, len(rows), offset, limit, store.actors_total(side))


def _explain_actors(store: Store, name: str, format_: str) -> None:
    """The corpus actors called ``name`` (or with it as an alias), each fold with its evidence."""
    wanted = name_key(name)
    found = [a for a in store.actors() if wanted in {name_key(n) for n in (a.name, *a.aliases)}]
    if not found:
        click.echo(f"error: no actor of this store is called '{name}': see 'tealeaves actors' for their names",
                   err=True)
        raise click.exceptions.Exit(PARTIAL)
    if format_ != "table":
        emit_rows(found, format_, {}, count=False)
        return
    for actor in found:
        click.echo(f"{actor.name} ({actor.side or 'no side'}, {actor.statements} statements): "
                   f"{len(actor.members)} actor id(s) across documents")
        for merge in actor.merges:
            click.echo(f"  + {merge.name} [{merge.id}]: {merge.evidence}")
        for warning in actor.warnings:
            click.echo(f"  ! {warning}")


@click.command()
@click.option("--side", metavar="TEXT", help="Only this side, e.g. Russia.")
@click.option("--since", metavar="DAY", help="From this day (YYYY-MM-DD).")
@click.option("--until", metavar="DAY", help="Up to this day (YYYY-MM-DD).")
@page_options
@db_option
@rows_format_option
@debug_option
def timeline(side: Optional[str], since: Optional[str], until: Optional[str], limit: int, offset: int, db: str,
             format_: str, debug: bool) -> None:
    """Signals per side per day, and an escalation index from -1 to +1.

    The index of a day is (escalating statements - de-escalating statements) / statements:
    threats, demands, rejections, accusations and mobilisations push it up; reassurance,
    engagement, concessions and praise push it down (each code's direction is in data/codebook.yaml).

    \b
    Examples:
        tealeaves timeline
        tealeaves timeline --side Russia --since 2022-01-01 --format csv
    """
    with friendly_errors(debug), open_store(db) as store, store.db.snapshot():
        rows = store.timeline(side, since=since, until=until, limit=limit or None, offset=offset)
        if format_ == "table":
            click.echo(timeline_text(rows), nl=False)
        else:
            emit_rows(rows, format_, {}, count=False)
        page_note(format_, len(rows), offset, limit, store.timeline_total(side, since=since, until=until))
        if note := undated_documents(store).note():
            click.echo(f"note: {note}", err=True)
        if not rows and not (side or since or until or offset):
            click.echo(f"note: {no_timeline(StatementCounts.of_store(store))}", err=True)


def timeline_text(rows: Sequence[TimelineRow]) -> str:
    """The timeline for the terminal: a line of counts per side-day, aligned, under it its
    signals and its documents. Plain text: a rich table of a 50-row page spent 90 of its 100
    ms folding the long cells into narrow columns (at 80 columns, 20 lines a row)."""
    if not rows:
        return ""
    width = max(len("side"), *(len(r.side) for r in rows))
    lines = [f"{'day':<10}  {'side':<{width}}  statements    up  down  escalation"]
    for r in rows:
        lines.append(f"{r.day.isoformat():<10}  {r.side:<{width}}  {r.statements:>10}  {r.up:>4}  {r.down:>4}  "
                     f"{r.escalation:>10}")
        lines.append(f"  signals    {_cell(r.signals)}")
        documents = documents_cell(r.documents, most=DAY_DOCUMENTS, listed_all=len(r.documents) < DAY_DOCUMENTS)
        lines += [f"  {'documents' if n == 0 else '':<9}  {line}" for n, line in enumerate(documents.splitlines())]
    return "\n".join(lines) + "\n"


@click.command()
@click.option("--side", metavar="TEXT", help="Only this side, e.g. Russia.")
@click.option("--kind", metavar="TEXT", help="Only this kind, e.g. reassurance_vs_threat.")
@click.option("--scope", type=click.Choice(("all", "within", "across")), default="all", show_default=True,
              help="Within one article, across two articles, or both.")
@page_options
@click.option("--after", metavar="CURSOR", help="Start after the page whose note gave this cursor "
              "(a deep page costs one page, where --offset reads every row before it).")
@db_option
@rows_format_option
@debug_option
def mixed(side: Optional[str], kind: Optional[str], scope: str, limit: int, offset: int, after: Optional[str],
          db: str, format_: str, debug: bool) -> None:
    """Mixed messages of a corpus: one side's statements pulling opposite ways on one topic.

    'within' pairs come from one article; 'across' pairs from two articles of the same side
    published at most a week apart (found again after each ingest), e.g. an official
    reassuring on Monday and another threatening on Tuesday. Strongest first.

    \b
    Examples:
        tealeaves mixed
        tealeaves mixed --side Russia --scope across --format json
    """
    with friendly_errors(debug), open_store(db) as store, store.db.snapshot():
        try:
            rows, cursor = store.mixed_messages_page(side, kind, scope=scope, limit=limit or None, offset=offset,
                                                     after=after)
        except BadCursor as problem:
            raise click.BadParameter(str(problem), param_hint="--after") from None
        emit_rows(rows, format_, {
            "scope": lambda m: m.scope, "side": lambda m: m.side, "kind": lambda m: m.kind,
            "score": lambda m: f"{m.score:.2f}", "statements": lambda m: m.statement_ids,
            "documents": lambda m: documents_cell(m.documents), "explanation": lambda m: m.explanation,
        }, below=("statements", "documents", "explanation"), count=False)
        page_note(format_, len(rows), offset, limit, store.mixed_total(side, kind, scope=scope), cursor)
        if not rows and not (side or kind or offset or after):
            click.echo(f"note: {no_mixed_messages(StatementCounts.of_store(store))}", err=True)


@click.command()
@db_option
@rows_format_option
@debug_option
def clusters(db: str, format_: str, debug: bool) -> None:
    """Groups of copies of one story (syndicated or lightly edited); the first is the original.

    \b
    Examples:
        tealeaves clusters
        tealeaves clusters --format json
    """
    with friendly_errors(debug), open_store(db) as store:
        found = store.clusters()
        if format_ == "table":
            members = [(c, m) for c in found for m in c.members]
            emit_rows(members, format_, {
                "cluster_id": lambda cm: cm[0].cluster_id, "status": lambda cm: cm[1].status,
                "document": lambda cm: documents_cell([cm[1]]), "source": lambda cm: cm[1].source,
            }, below=("document", "source"))
        else:
            emit_rows(found, format_, {})


@click.command()
@click.option("-f", "--format", "format_", type=click.Choice(("parquet", "csv", "jsonl")), default="parquet",
              show_default=True, help="File format of the exported tables.")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), required=True, metavar="DIR",
              help="Folder to write one file per table into (created if missing).")
@db_option
@debug_option
def export(format_: str, out: Path, db: str, debug: bool) -> None:
    """Export a corpus store's tables (documents, actors, statements, mixed messages...).

    The corpus-wide views come too: corpus_actors (one row per person across documents)
    and cross_mixed_messages (pairs of statements from two articles, with their documents).

    One file per table, with the columns of the JSON contract: Parquet keeps lists as lists,
    spans and documents as structs and days as dates; CSV cells hold them as JSON text.
    Ready for pandas, DuckDB, R or a spreadsheet.

    \b
    Examples:
        tealeaves export --out exported/
        tealeaves export --format csv --out exported/ --db crisis.db
    """
    from tealeaves.sinks.export import export as write_export

    with friendly_errors(debug), open_store(db) as store:
        for path, count in write_export(store, out, format_).values():
            click.echo(f"{path}: {count} rows")


@click.command()
@db_option
@debug_option
def reindex(db: str, debug: bool) -> None:
    """Make a store's corpus aggregates again from its documents.

    The counts the dashboard, 'actors', 'timeline', 'mixed' and scoped reports read are kept up
    to date on every ingest. A store made by an older tealeaves gets them on its next ingest,
    or now with this command (also the way to rebuild them if in doubt). It reads every stored
    document once, in one transaction: readers see the old aggregates until it commits.

    \b
    Examples:
        tealeaves reindex
        tealeaves reindex --db postgresql://me@localhost/crisis
    """
    import time

    with friendly_errors(debug), store_writes(db, debug), open_store(db, readonly=False) as store:
        started = time.perf_counter()
        documents = store.rebuild_aggregates()
        click.echo(f"aggregates of {documents} documents rebuilt in {time.perf_counter() - started:.1f} s -> {db}",
                   err=True)
