"""``tealeaves report`` and ``tealeaves serve``: thin click commands over report.py and web/app.py."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import click

from tealeaves.cli.options import (
    PARTIAL,
    debug_option,
    fail,
    friendly_errors,
    lexicon_options,
    load_lexicon,
    model_option,
)
from tealeaves.sinks.output import format_error

LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")


@click.command()
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT_OR_DB...")
@click.option("-o", "--out", type=click.Path(dir_okay=False, writable=True, path_type=Path),
              default=Path("report.html"), show_default=True, metavar="FILE", help="Where to write the HTML report.")
@click.option("--title", metavar="TEXT", help="Heading of the report (default: the article's title or source).")
@click.option("--since", metavar="DAY", help="A store: only documents published on or after this day (YYYY-MM-DD).")
@click.option("--until", metavar="DAY", help="A store: only documents published on or before this day.")
@click.option("--side", metavar="TEXT", help="A store: only documents where an actor of this side appears.")
@click.option("--actor", metavar="ID_OR_NAME", help="A store: only documents where this actor appears.")
@click.option("--topic", metavar="TEXT", help="A store: only documents with a statement on this topic.")
@click.option("--top", type=click.IntRange(min=1), default=20, show_default=True, metavar="N",
              help="A store: the N strongest mixed messages, first N standoffs, N newest documents.")
@model_option
@lexicon_options
@debug_option
def report(inputs: tuple[str, ...], out: Path, title: Optional[str], since: Optional[str], until: Optional[str],
           side: Optional[str], actor: Optional[str], topic: Optional[str], top: int, model: Optional[str],
           cue_files: tuple[Path, ...], actor_files: tuple[Path, ...], side_files: tuple[Path, ...],
           debug: bool) -> None:
    """Write one self-contained HTML report: summary, charts, mixed messages, standoffs,
    position sheets, warnings and every article with its statements highlighted by signal.

    INPUT_OR_DB is articles (files or folders, analysed now, like 'tealeaves analyze') or one
    corpus store (a SQLite file made by 'tealeaves ingest', or a postgresql:// URL, read-only).
    The file needs no network: styles, scripts and the chart library are inside it. Open it in
    any browser, or print it.

    A store's report summarises a scope (--since/--until/--side/--actor/--topic, default all):
    counts, charts, the --top strongest mixed messages, position sheets and a list of the
    newest documents, rather than every article, so its size does not grow with the corpus.

    \b
    Examples:
        tealeaves report article.txt --out report.html
        tealeaves report news/ --out news-report.html --title "Geneva talks, January 2022"
        tealeaves report tealeaves.db --out corpus.html
        tealeaves report tealeaves.db --side Russia --since 2022-01-01 --until 2022-01-31 --top 10
    """
    from tealeaves.sinks import report as reports

    scoped = {"since": since, "until": until, "side": side, "actor": actor, "topic": topic}
    with friendly_errors(debug):
        if len(inputs) == 1 and reports.is_store(inputs[0]):
            html, documents = reports.store_report(inputs[0], **scoped, top=top, title=title)
            if not documents:
                fail(f"{inputs[0]}: no stored document is in this scope" if any(scoped.values())
                     else f"{inputs[0]}: the store has no documents yet: add some with 'tealeaves ingest'")
            out.write_text(html, encoding="utf-8")
            click.echo(f"wrote {out} ({documents} documents, {len(html.encode()) / 1e6:.1f} MB)", err=True)
            return
        if any(scoped.values()):
            raise click.UsageError("--since, --until, --side, --actor and --topic scope a store's report: "
                                   "give one store (a .db file or postgresql:// URL)")
        lexicon = load_lexicon(cue_files, actor_files, side_files)
        results, errors = reports.load_files(inputs, model, lexicon=lexicon)
        for error in errors:
            click.echo(f"error: {format_error(error)}", err=True)
        if not results:
            fail("nothing to report: no input could be read (see the errors above)" if errors
                 else "nothing to report: the inputs hold no article")
        out.write_text(reports.render_report(results, errors, title), encoding="utf-8")
        click.echo(f"wrote {out} ({len(results)} documents, {sum(len(r.statements) for r in results)} statements)",
                   err=True)
    if errors:
        raise click.exceptions.Exit(PARTIAL)


def check_store(db: str) -> None:
    """Fail now, with a message that says what to do, rather than on the first page."""
    from tealeaves.cli.corpus import open_store

    with open_store(db) as store:
        try:
            store.stats()
        except Exception as problem:
            fail(f"{db}: not a tealeaves store ({problem}): make one with 'tealeaves ingest'")


@click.command()
@click.argument("db", required=False, default="tealeaves.db", metavar="[DB]")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on. Anything but localhost exposes the corpus to your network.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True, help="Port to listen on.")
@click.option("--allow-host", "allow_hosts", multiple=True, metavar="NAME",
              help="Also answer requests for this host name (how others reach the dashboard when --host is "
                   "not localhost). Other names are refused, so that no web page can read the corpus.")
@click.option("--review", is_flag=True, help="Review mode: correct statements and actors in the browser (on "
              "127.0.0.1 only, opened with a per-run token the command prints). Off by default: read-only.")
@debug_option
def serve(db: str, host: str, port: int, allow_hosts: tuple[str, ...], review: bool, debug: bool) -> None:
    """Browse a corpus store in a local dashboard: overview, documents with highlights, actors
    and their position sheets, mixed messages, full-text search with facets, and the timeline.

    DB is a SQLite file made by 'tealeaves ingest' (default tealeaves.db) or a postgresql://
    URL; it is opened read-only. Every list page has a JSON twin (?format=json) and a CSV
    download (?format=csv). Stop the server with Ctrl-C.

    \b
    Examples:
        tealeaves serve
        tealeaves serve corpus.db --port 8080
        tealeaves serve postgresql://localhost/tealeaves
        tealeaves serve --host 0.0.0.0 --allow-host analyst-pc.lan
        tealeaves serve corpus.db --review
    """
    import uvicorn

    from tealeaves.web.app import create_app

    with friendly_errors(debug):
        check_store(db)
        if review:
            _serve_review(db, host, port, allow_hosts)
            return
        if host not in LOCAL_HOSTS:
            click.echo(f"warning: listening on {host}: anyone who can reach this address can read the corpus "
                       "(there is no login). Use the default 127.0.0.1 to keep it on this machine.", err=True)
        if host in ("0.0.0.0", "::") and not allow_hosts:
            click.echo(f"warning: only requests for localhost will be answered on {host}: add --allow-host NAME "
                       "for the name or address others type to reach this machine", err=True)
        click.echo(f"tealeaves dashboard on http://{'[' + host + ']' if ':' in host else host}:{port}/ "
                   f"(read-only {db}); Ctrl-C to stop", err=True)
        uvicorn.run(create_app(db, host, allow_hosts), host=host, port=port, log_level="warning")


def _serve_review(db: str, host: str, port: int, allow_hosts: tuple[str, ...]) -> None:
    """The dashboard with its review mode: bound to 127.0.0.1 whatever else was asked, the
    store migrated once (its corrections table), and the address with this run's token printed."""
    import uvicorn

    from tealeaves.cli.corpus import open_store
    from tealeaves.web.app import create_app

    if host != "127.0.0.1" or allow_hosts:
        fail("review mode writes to the store, so it listens on 127.0.0.1 only: leave out --host and --allow-host")
    with open_store(db, readonly=False):
        pass  # adds the corrections table to a store made before it
    app = create_app(db, host, review=True)
    click.echo(f"tealeaves review mode on http://127.0.0.1:{port}/review/start?token={app.state.review_token} "
               f"(writes corrections to {db}); Ctrl-C to stop", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")
