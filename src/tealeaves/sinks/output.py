"""Sinks: a Result as JSON, JSON Lines, CSV or a rich table.

With ingest, the only module that does I/O for the user. Every sink reads the records of
``models.py``; JSON and JSONL are ``Result.to_dict()`` verbatim, and the CSV columns are
record fields picked by name (checked against the records when this module is imported).
"""

from __future__ import annotations

import csv
import dataclasses
import json
import os
import textwrap
from typing import Any, Callable, Iterable, Optional, Sequence, TextIO

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from tealeaves.analysis.coherence import basis, describe
from tealeaves.models import (
    OBSERVER_KINDS,
    Actor,
    Document,
    DocumentResult,
    InputError,
    Result,
    Span,
    Statement,
    to_dict,
)

FORMATS = ("table", "json", "jsonl", "csv")
SAID_WIDTH = 160  # characters of "what was said" shown per statement in the table

# The CSV columns, in order: which field of which record. Names come from the fields:
# document and speaker fields are prefixed ("document_id", "speaker_name"), statement fields
# are bare except their id ("statement_id"). The first columns keep their places; every other
# field of a statement follows, so the CSV has every statement column ``search -f csv`` has.
_FIRST_FIELDS: tuple[tuple[type, str], ...] = (
    (Document, "id"), (Document, "source"),
    (Statement, "id"), (Statement, "kind"), (Statement, "speaker_id"),
    (Actor, "name"), (Actor, "role"), (Actor, "side"), (Actor, "kind"),
    (Statement, "cue"), (Statement, "quotes"), (Statement, "content"),
    (Statement, "start"), (Statement, "end"), (Statement, "signal"), (Statement, "confidence"),
)
CSV_FIELDS: tuple[tuple[type, str], ...] = _FIRST_FIELDS + tuple(
    (Statement, f.name) for f in dataclasses.fields(Statement) if (Statement, f.name) not in _FIRST_FIELDS)
_PREFIX = {Document: "document_", Actor: "speaker_"}
_KIND_STYLES = {"direct": "green", "partial": "cyan", "indirect": "blue", "action": "magenta"}

for _record, _name in CSV_FIELDS:  # a renamed record field must break here, not in a user's sheet
    if _name not in {f.name for f in dataclasses.fields(_record)}:
        raise AttributeError(f"CSV column {_name!r} is not a field of {_record.__name__}")


def csv_columns() -> list[str]:
    """The CSV header, derived from ``CSV_FIELDS``."""
    return [_PREFIX.get(record, "statement_" if name == "id" else "") + name for record, name in CSV_FIELDS]


def write_json(result: Result, stream: TextIO) -> None:
    """The whole JSON contract (``shared/spec/output.md``) as one indented object."""
    json.dump(result.to_dict(), stream, indent=2, ensure_ascii=False)
    stream.write("\n")


def write_jsonl(result: Result, stream: TextIO) -> None:
    """One document object per line, then one ``{"error": {...}}`` line per input error."""
    for document in result.documents:
        stream.write(_json_line(document.to_dict()))
    for error in result.errors:
        stream.write(_json_line({"error": to_dict(error)}))


# Characters that str.splitlines() (and other readers) take for line ends but json.dumps
# leaves raw: escaped, so that one record is always one line.
_LINE_BREAKS = str.maketrans({"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def _json_line(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False).translate(_LINE_BREAKS) + "\n"


# What a spreadsheet takes for the start of a formula (=HYPERLINK(...), +cmd|..., @SUM, -2+3,
# and a tab or carriage return before one): such text is written after a ' so that it shows as text.
FORMULA_STARTS = frozenset("=+-@\t\r")


def csv_text(value: str) -> str:
    """Text as a cell a spreadsheet shows as text, never runs: a leading ' before text that
    begins like a formula, and before text that is such a cell already (so ``plain_text``
    gives back the very text)."""
    return "'" + value if value.lstrip("'")[:1] in FORMULA_STARTS else value


def plain_text(cell: str) -> str:
    """The text a ``csv_text`` cell was made from."""
    return cell[1:] if cell[:1] == "'" and cell.lstrip("'")[:1] in FORMULA_STARTS else cell


def _csv_value(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, (list, tuple, dict)):
        value = json.dumps(value, ensure_ascii=False)
    return csv_text(value) if isinstance(value, str) else value


def write_csv_rows(stream: TextIO, columns: Sequence[str], rows: Iterable[dict[str, Any]]) -> None:
    """Rows as CSV with a header of ``columns``: the one CSV writer of tealeaves (analyze, search
    and the other corpus commands, the dashboard's downloads, export). Lists and dicts become
    JSON text, None an empty cell, and text is made safe to open in a spreadsheet (``csv_text``)."""
    writer = csv.writer(stream)
    writer.writerow([csv_text(column) for column in columns])
    for row in rows:
        writer.writerow([_csv_value(row.get(column)) for column in columns])


def write_csv(result: Result, stream: TextIO) -> None:
    """One row per statement, columns as in ``csv_columns()``; spans become their text."""
    columns = csv_columns()
    write_csv_rows(stream, columns, (_statement_row(columns, document, statement)
                                     for document in result.documents for statement in document.statements))


def _statement_row(columns: list[str], document: DocumentResult, statement: Statement) -> dict[str, Any]:
    records = {Document: document.document, Statement: statement, Actor: document.actor(statement.speaker_id)}
    return {column: _cell(record, name, records[record]) for column, (record, name) in zip(columns, CSV_FIELDS)}


def _cell(record: type, name: str, value: Any) -> Any:
    if value is None:  # a statement without a (known) speaker
        return ""
    if record is Actor and name == "side" and value.kind in OBSERVER_KINDS:
        value = value.affiliation  # observers belong to no side; say where they speak from
    else:
        value = getattr(value, name)
    if isinstance(value, Span):
        return value.text
    if isinstance(value, tuple):
        return " | ".join(v.text if isinstance(v, Span) else str(v) for v in value)
    return "" if value is None else value


def format_error(error: InputError) -> str:
    """``SOURCE[:LINE]: message``, the message without a repeated "line N: " prefix."""
    if error.line is None:
        return f"{error.source}: {error.error}"
    return f"{error.source}:{error.line}: {error.error.removeprefix(f'line {error.line}: ')}"


# --- the table ------------------------------------------------------------------------------


def render_table(result: Result, console: Console, documents_shown: int = 0) -> None:
    """Per document: a header, a table of statements, then warnings; read errors at the end
    (after ``documents_shown`` documents printed before, by a ``ResultStream``)."""
    for number, document in enumerate(result.documents, start=documents_shown):
        if number:
            console.print()
        _render_document(document, console)
    if result.errors:
        console.print()
        count = len(result.errors)
        console.print(Text(f"Errors ({count} input{'s' if count > 1 else ''} not read)", style="bold red"))
        for error in result.errors:
            console.print(Text.assemble(("  ✗ ", "red"), format_error(error)))
    if not result.documents and not result.errors and not documents_shown:
        console.print(Text("Nothing to show: no documents were given.", style="dim"))


def _render_document(result: DocumentResult, console: Console) -> None:
    document = result.document
    console.rule(Text(document.title or document.source, style="bold"), align="left")
    facts = [
        document.source if document.title else None, document.published, document.outlet,
        f"{_plural(len(result.statements), 'statement')}, {_plural(len(result.actors), 'speaker')}",
        f"model {result.model}" if result.model else None,
    ]
    console.print(Text(" · ".join(f for f in facts if f), style="dim"))
    if result.statements:
        console.print(_statements_table(result))
    else:
        console.print(Text("No statements found.", style="dim"))
    numbers = {s.id: str(i) for i, s in enumerate(result.statements, start=1)}
    _section(console, "Mixed messages", "magenta", [
        (f"{m.side} #{', #'.join(numbers.get(i, i) for i in m.statement_ids)}", m.explanation, "")
        for m in result.mixed_messages
    ])
    for title, disputes in (("Standoffs", False), ("Factual disputes", True)):  # two sides, apart from mixed messages
        _section(console, title, "magenta", [
            (" vs ".join(s.sides), s.explanation, "") for s in result.standoffs
            if (s.kind == "factual_dispute") == disputes
        ])
    _section(console, "Positions", "cyan", [
        (side, "; ".join(f"{heading.replace('_', ' ')} #{', #'.join(numbers.get(i, i) for i in ids)}"
                         for heading, ids in sheet.items()), "")
        for side, sheet in result.positions.get("sides", {}).items()
    ])
    statements = basis(result)
    _section(console, "Coherence", "cyan", [
        (side, describe(score, statements.get(side, 0)) + _speaker_scores(result, side), "")
        for side, score in result.coherence.items()
    ])
    _section(console, "Warnings", "yellow", [(w.kind, w.message, w.evidence) for w in result.warnings])


def _speaker_scores(result: DocumentResult, side: str) -> str:
    """" (Jane Roe 0.80, John Doe 1.00)": the speakers of one side."""
    speakers = ((result.actor(a), v) for a, v in result.speaker_coherence.items())
    scores = [(actor.name, v) for actor, v in speakers if actor is not None and actor.side == side]
    return f"  ({', '.join(f'{name} {v:.2f}' for name, v in scores)})" if scores else ""


def _statements_table(result: DocumentResult) -> Table:
    table = Table(box=box.SIMPLE_HEAD, expand=True, show_edge=False, pad_edge=False, header_style="bold")
    table.add_column("#", justify="right", style="dim", no_wrap=True)
    table.add_column("speaker", min_width=14, max_width=24)
    table.add_column("kind", no_wrap=True)
    table.add_column("cue", max_width=12)
    table.add_column("signal", max_width=20)
    table.add_column("what was said", ratio=1, min_width=30)
    table.add_column("conf.", justify="right", no_wrap=True)
    for number, statement in enumerate(result.statements, start=1):
        cue = Text(statement.cue.text) if statement.cue else Text("—", style="dim")
        table.add_row(
            str(number), _speaker(result, statement),
            Text(statement.kind, style=_KIND_STYLES.get(statement.kind, "")), cue, _signal(statement),
            Text(_clip(_said(statement), SAID_WIDTH)), _confidence(statement.confidence),
        )
    return table


UNNAMED_SENSES = ("impression", "question")


def _speaker(result: DocumentResult, statement: Statement) -> Text:
    """The canonical name, and below it (dim) role · side, or role · observer."""
    if statement.speaker_id is None:  # an impression or a question names nobody; "?" is a speaker not found
        return Text("nobody named" if statement.cue_sense in UNNAMED_SENSES else "?", style="dim")
    actor = result.actor(statement.speaker_id)
    if actor is None:
        return Text(statement.speaker_id)
    cell = Text(actor.name, style="bold")
    role = _clip(actor.role, 40) if actor.role else None
    if actor.kind in OBSERVER_KINDS:
        details = [role, "observer"]
    else:
        details = [role, actor.side]
        if not any(details) and actor.kind != "person":
            details = [actor.kind]
    if any(details):
        cell.append("\n" + " · ".join(d for d in details if d), style="dim")
    return cell


def _signal(statement: Statement) -> Text:
    """The main code in bold, other codes and the modifiers (not, if, may, when) dim below it."""
    if not statement.signal:
        return Text("—", style="dim")
    cell = Text(statement.signal, style="bold")
    notes = [s for s in statement.signals if s != statement.signal]
    notes += ["negated"] if statement.negated else []
    notes += ["if …"] if statement.condition else []
    notes += list(statement.modality) + ([statement.time] if statement.time else [])
    if notes:
        cell.append("\n" + ", ".join(notes), style="dim")
    return cell


def _said(statement: Statement) -> str:
    """The quoted words in curly quotes, else the reported clause, else the sentence."""
    if statement.quotes:
        text = " … ".join(f"“{q.text}”" for q in statement.quotes)
    elif statement.content:
        text = " … ".join(c.text for c in statement.content)
    else:
        text = statement.text
    return " ".join(text.split())


def _confidence(value: float) -> Text:
    style = "green" if value >= 0.7 else "yellow" if value >= 0.4 else "red"
    return Text(f"{value:.2f}", style=style)


def _section(console: Console, title: str, style: str, rows: list[tuple[str, str, str]]) -> None:
    """A titled list of "label: message “evidence”" lines, nothing at all when empty."""
    if not rows:
        return
    console.print(Text(title, style=f"bold {style}"))
    for label, message, evidence in rows:
        line = Text.assemble(("  • ", style), (label, style), ": ", message)
        if evidence:
            line.append(f"  “{_clip(evidence, 60)}”", style="dim")
        console.print(line)


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip(" …") + "…"


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


WRITERS: dict[str, Callable[[Result, TextIO], None]] = {
    "json": write_json, "jsonl": write_jsonl, "csv": write_csv,
}


def write(result: Result, format: str, stream: TextIO, console: Optional[Console] = None) -> None:
    """Write ``result`` in one of ``FORMATS``; a table goes through ``console`` (or a new one)."""
    if format == "table":
        render_table(result, console or table_console(stream))
    else:
        WRITERS[format](result, stream)


class ResultStream:
    """A Result written document by document as the analysis yields them, each flushed at once
    (so a reader of a pipe sees the first while the last is still being analysed), the errors
    at the end: the same output as ``write`` of the whole Result, without holding it."""

    def __init__(self, format: str, stream: TextIO) -> None:
        self.format, self.stream, self.written = format, stream, 0
        self.console = table_console(stream) if format == "table" else None
        if format == "json":
            stream.write('{\n  "documents": [')
        elif format == "csv":
            self.columns = csv_columns()
            self.csv = csv.writer(stream)
            self.csv.writerow([csv_text(column) for column in self.columns])

    def document(self, result: DocumentResult) -> None:
        if self.console is not None:
            if self.written:
                self.console.print()
            _render_document(result, self.console)
        elif self.format == "json":
            body = textwrap.indent(json.dumps(result.to_dict(), indent=2, ensure_ascii=False), "    ")
            self.stream.write(("," if self.written else "") + "\n" + body)
        elif self.format == "jsonl":
            self.stream.write(_json_line(result.to_dict()))
        else:
            for statement in result.statements:
                row = _statement_row(self.columns, result, statement)
                self.csv.writerow([_csv_value(row.get(column)) for column in self.columns])
        self.written += 1
        self.stream.flush()

    def close(self, errors: Sequence[InputError]) -> None:
        """Write the errors (and whatever ends the format)."""
        if self.console is not None:
            render_table(Result((), tuple(errors)), self.console, documents_shown=self.written)
        elif self.format == "json":
            listed = json.dumps([to_dict(e) for e in errors], indent=2, ensure_ascii=False)
            self.stream.write(("\n  ]" if self.written else "]") + ',\n  "errors": '
                              + textwrap.indent(listed, "  ").lstrip() + "\n}\n")
        elif self.format == "jsonl":
            write_jsonl(Result((), tuple(errors)), self.stream)
        self.stream.flush()


def table_console(stream: TextIO) -> Console:
    """A console on ``stream``: the terminal's width (or $COLUMNS), else 120 columns."""
    is_terminal = hasattr(stream, "isatty") and stream.isatty()
    width = None if is_terminal or os.environ.get("COLUMNS", "").isdigit() else 120
    return Console(file=stream, width=width, highlight=False)
