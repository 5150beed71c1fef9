"""``tealeaves review``, ``correct`` and ``corrections``: an analyst's corrections of a store
(``tealeaves.store.corrections``), decided row by row, given as options, or listed and exported
as labelled data for the signal coder."""

from __future__ import annotations

import getpass
import json
import re
import sys
from operator import itemgetter
from pathlib import Path
from typing import Any, Callable, Optional, TextIO

import click

from tealeaves.cli.corpus import db_option, emit_rows, open_store, rows_format_option, store_writes
from tealeaves.cli.options import debug_option, fail, friendly_errors
from tealeaves.models import STATEMENT_KINDS
from tealeaves.store import corrections as fixes
from tealeaves.store.corrections import Correction, CorrectionError

KEYS = {"a": "accept", "c": "change signal", "p": "change speaker", "d": "change side", "n": "not a statement",
        "s": "skip", "q": "quit"}
# key -> (correction, prompt for its new value, the field of the value)
DECISIONS = {"a": ("accept", None, None), "c": ("signal", "signal code (empty: no signal)", "signal"),
             "p": ("speaker", "speaker's name (empty: no speaker)", "speaker"), "d": ("side", "side (empty: none)", "side"),
             "n": ("not_statement", None, None)}
_SPAN = re.compile(r"^(?P<doc>[^:]+):(?P<start>\d+)-(?P<end>\d+)$")


def _existing_store(db: str) -> Any:
    """The store opened for writing corrections; one that does not exist is not made here."""
    if "://" not in db and not Path(db).exists():
        fail(f"{db}: no such store: run 'tealeaves ingest PATH --db {db}' first, then review it")
    return open_store(db, readonly=False)


def _analyst() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no user name in this environment (a container without one)
        return "analyst"


def who_option(command: Callable) -> Callable:
    command = click.option("--why", default="", metavar="TEXT", help="Why: kept with each correction.")(command)
    return click.option("--who", default=_analyst, show_default="your user name", metavar="NAME",
                        help="Who decides: kept with each correction.")(command)


class Keys:
    """Where review decisions come from: one keystroke at a time from a terminal, or lines of
    stdin when it is not a terminal ("c threaten": a key, then its value), for scripts and tests."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.tty = stream.isatty()
        self.rest = ""

    def key(self) -> str:
        """The next key, or 'q' when the input ends."""
        if self.tty:
            return click.getchar()
        line = self.stream.readline()
        if not line:
            return "q"
        self.rest = line[1:].strip()
        return line[:1].lower() or "q"

    def value(self, prompt: str) -> str:
        """The value a key asks for: the rest of the scripted line, the next line, or a prompt."""
        if self.tty:
            return str(click.prompt(prompt, default="", show_default=False))
        if self.rest:
            value, self.rest = self.rest, ""
            return value
        return self.stream.readline().strip()


def _show(row: dict[str, Any], number: int) -> None:
    where = " · ".join(str(v) for v in (row["title"] or row["document_id"], row["outlet"], row["day"]) if v)
    click.echo(f"\n[{number}] confidence {row['confidence'] or 0:.2f} · {row['id']} · {where}")
    click.echo(f"  {row['text']}")
    click.echo(f"  speaker: {row['speaker'] or '(none)'} · side: {row['side'] or '(none)'} · "
               f"signal: {row['signal'] or '(none)'} · kind: {row['kind']}")
    click.echo("  " + " · ".join(f"{key} {label}" for key, label in KEYS.items()) + " > ", nl=False)


@click.command()
@click.argument("db", required=False, default="tealeaves.db", envvar="TEALEAVES_DB", metavar="[DB]")
@who_option
@debug_option
def review(db: str, who: str, why: str, debug: bool) -> None:
    """Review a store's statements, lowest confidence first, one keystroke per decision:
    a accept, c change signal, p change speaker, d change side, n not a statement, s skip,
    q quit. Each decision is kept as a correction (see 'tealeaves correct').

    When stdin is not a terminal, each line is one decision: its key, then the value it asks
    for ("c threaten", "p Minister Oran"); the input's end quits.

    \b
    Examples:
        tealeaves review corpus.db
        printf 'a\\nc demand\\nn\\nq\\n' | tealeaves review corpus.db --why "second reading"
    """
    keys = Keys(sys.stdin)
    decided = skipped = 0
    with friendly_errors(debug), store_writes(db, debug), _existing_store(db) as store:
        while True:
            rows = fixes.review_queue(store, limit=1, offset=skipped)
            if not rows:
                click.echo("\nnothing left to review")
                break
            row = rows[0]
            _show(row, decided + skipped + 1)
            key = keys.key()
            click.echo(key if keys.tty else "")
            if key == "q":
                break
            if key == "s":
                skipped += 1
                continue
            if key not in DECISIONS:
                click.echo(f"  unknown key {key!r}: use one of {', '.join(KEYS)}")
                continue
            action, prompt, name = DECISIONS[key]
            value = {name: keys.value(prompt) or None} if name and prompt else {}
            if action == "side" and not row["speaker"]:
                click.echo("  this statement has no speaker: give it one first (p)")
                continue
            try:
                fixes.record(store, Correction(action, value, who=who, why=why or "review",
                                               **fixes.statement_key(store, row["id"])))
            except CorrectionError as problem:
                click.echo(f"  {problem}")
                continue
            decided += 1
    click.echo(f"{decided} decisions recorded, {skipped} skipped", err=True)


@click.command()
@click.argument("target", required=False, metavar="[STATEMENT_ID]")
@click.option("--signal", metavar="CODE", help="The statement's signal code ('none' for no code).")
@click.option("--kind", type=click.Choice(STATEMENT_KINDS),
              help="The statement's kind.")
@click.option("--speaker", metavar="NAME", help="The statement's speaker (an actor of the document, or a new one).")
@click.option("--side", metavar="SIDE", help="The side of the statement's speaker (with --actor: of that actor).")
@click.option("--not-statement", is_flag=True, help="The row is not a statement: leave it out everywhere.")
@click.option("--accept", is_flag=True, help="The row is right as it is (a label for the signal coder).")
@click.option("--actor", metavar="ID_OR_NAME", help="Correct an actor in every document: with --side or --merge-into.")
@click.option("--merge-into", metavar="ID_OR_NAME", help="With --actor: that actor is this one.")
@click.option("--add", metavar="DOC:START-END", help="Add a statement the analysis missed at these characters "
                                                       "of a document (with --speaker, --signal, --kind).")
@db_option
@who_option
@debug_option
def correct(target: Optional[str], signal: Optional[str], kind: Optional[str], speaker: Optional[str],
            side: Optional[str], not_statement: bool, accept: bool, actor: Optional[str], merge_into: Optional[str],
            add: Optional[str], db: str, who: str, why: str, debug: bool) -> None:
    """Record corrections of a statement (by its id), of an actor, or a missed statement.
    Corrections are kept in the store with who, when and why, survive re-ingest and
    --reanalyze, and apply to search, exports, reports, the timeline and the dashboard.

    \b
    Examples:
        tealeaves correct 2f41c3e9-s02 --signal demand --why "an ultimatum, not a threat"
        tealeaves correct 2f41c3e9-s04 --not-statement
        tealeaves correct --actor "Ruth Kell" --side Westmark
        tealeaves correct --actor Petrov --merge-into ivan-petrov
        tealeaves correct --add 2f41c3e9deb15730:190-242 --speaker "Ruth Kell" --signal warn
    """
    with friendly_errors(debug), store_writes(db, debug), _existing_store(db) as store:
        try:
            made = _corrections(store, target, signal, kind, speaker, side, not_statement, accept, actor,
                                merge_into, add)
            given = [Correction(action, value, who=who, why=why, **key) for action, value, key in made]
            for correction in given:  # all checked before any is kept
                fixes.check(correction)
            documents = sum(fixes.record(store, correction) for correction in given)
        except CorrectionError as problem:
            fail(str(problem))
    click.echo(f"recorded {len(made)} correction{'s' * (len(made) != 1)}; {documents} stored document "
               "rewrites", err=True)


def _corrections(store: Any, target: Optional[str], signal: Optional[str], kind: Optional[str],
                 speaker: Optional[str], side: Optional[str], not_statement: bool, accept: bool,
                 actor: Optional[str], merge_into: Optional[str], add: Optional[str]) -> list[tuple[str, dict, dict]]:
    """(action, value, key) of each correction the options ask for."""
    if sum(bool(x) for x in (target, actor, add)) != 1:
        raise CorrectionError("give one of: a STATEMENT_ID, --actor ID_OR_NAME or --add DOC:START-END")
    signal_value = None if signal in ("none", "") else signal
    if actor:
        if merge_into:
            return [("merge_actors", {"into": merge_into}, {"actor": actor})]
        if side is None:
            raise CorrectionError("--actor needs --side SIDE or --merge-into ID_OR_NAME")
        return [("actor_side", {"side": side or None}, {"actor": actor})]
    if add:
        match = _SPAN.match(add)
        if not match:
            raise CorrectionError(f"--add {add!r}: give DOC:START-END, e.g. 2f41c3e9deb15730:190-242")
        key = fixes.span_key(store, match["doc"], int(match["start"]), int(match["end"]))
        return [("add_statement", {"speaker": speaker, "signal": signal_value, "kind": kind or "indirect"}, key)]
    key = fixes.statement_key(store, target or "")
    made = [(action, value, key) for action, value, given in (
        ("speaker", {"speaker": speaker}, speaker is not None), ("side", {"side": side or None}, side is not None),
        ("signal", {"signal": signal_value}, signal is not None), ("kind", {"kind": kind}, kind is not None),
        ("not_statement", {}, not_statement), ("accept", {}, accept)) if given]
    if not made:
        raise CorrectionError("nothing to correct: give --signal, --kind, --speaker, --side, --not-statement "
                              "or --accept")
    return made


@click.command()
@click.option("--labels", type=click.Path(dir_okay=False, writable=True, path_type=Path), metavar="FILE.jsonl",
              help="Write the statement corrections as labelled data (annotations/ label format) to this file.")
@db_option
@rows_format_option
@debug_option
def corrections(labels: Optional[Path], db: str, format_: str, debug: bool) -> None:
    """List the corrections recorded in a store, newest first, or export them as labelled
    data (one JSON object a line: item, code, annotator, document, offsets, fields) that the
    signal coder can train on.

    \b
    Examples:
        tealeaves corrections --db corpus.db
        tealeaves corrections --db corpus.db --labels corrections.jsonl
    """
    with friendly_errors(debug), open_store(db) as store:
        if labels:
            rows = fixes.labelled(store)
            with labels.open("w", encoding="utf-8") as out:
                out.writelines(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
            click.echo(f"wrote {labels} ({len(rows)} labels)", err=True)
            return
        rows = [{"at": c.at, "who": c.who, "action": c.action, "document_id": c.document_id,
                 "span": f"{c.start}-{c.end}" if c.start is not None else "", "actor": c.actor,
                 "value": json.dumps(c.value, ensure_ascii=False), "why": c.why} for c in fixes.corrections(store)]
        emit_rows(rows, format_, {name: itemgetter(name) for name in rows[0]} if rows else {}, below=("value", "why"))
