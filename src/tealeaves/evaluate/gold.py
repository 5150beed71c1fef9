"""Gold files as records: seed gold (``.json``), PolNeAR-style span files (``.jsonl``) and
PLOVER-style event sentences, each read into ``GoldDocument``s located in their text."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping, Optional, Sequence, Union

from tealeaves.models import Actor, Document, Span

Interval = tuple[int, int]
SPAN_PARTS = ("source", "cue", "content")

# Punctuation a gold quote may leave out although it sits inside the closing mark.
_FINAL_PUNCTUATION = re.compile(r"[.,;:!?…]+(?=[”’\"'»])")


class GoldError(ValueError):
    """A gold file that cannot be read as written; the message names the file and the item."""


@dataclass(frozen=True)
class GoldStatement:
    """A statement (or action) of a seed gold file, located in the document text."""

    id: str
    kind: str
    speaker: Optional[str]
    evidence: Span
    quotes: tuple[Span, ...] = ()
    signals: tuple[str, ...] = ()


@dataclass(frozen=True)
class GoldAttribution:
    """One attribution of a span gold file: source, cue and content fragments."""

    id: str
    type: str
    source: tuple[Span, ...]
    cue: tuple[Span, ...]
    content: tuple[Span, ...]
    quote_marks: bool


@dataclass(frozen=True)
class GoldDocument:
    """A document to analyse and what a system should find in it."""

    document: Document
    format: str  # "seed" or "spans"
    actors: tuple[Actor, ...] = ()
    statements: tuple[GoldStatement, ...] = ()
    non_quotes: tuple[Span, ...] = ()  # every occurrence of every non-quote text
    attributions: tuple[GoldAttribution, ...] = ()
    extras: Mapping[str, Any] = field(default_factory=dict)  # mixed_messages, standoffs, warnings


def load_gold(path: Union[str, Path]) -> list[GoldDocument]:
    """Read a seed gold ``.json`` file or a PolNeAR-style span ``.jsonl`` file."""
    path = Path(path)
    if path.suffix == ".json":
        data = _json(path.read_text(encoding="utf-8"), f"{path}", "a seed gold file is one JSON document")
        return _load_events(path, data) if isinstance(data, list) else [_load_seed(path)]
    if path.suffix == ".jsonl":
        docs = _load_spans(path)
        if not docs:
            raise GoldError(f"{path}: no documents in this gold file")
        return docs
    raise GoldError(f"{path}: not a gold file; expected a seed .json or a span .jsonl file")


def _load_seed(path: Path) -> GoldDocument:
    gold = json.loads(path.read_text(encoding="utf-8"))
    text_path = path.parent / gold["document"]
    text = text_path.read_bytes().decode("utf-8")  # offsets index the text as read, newlines kept
    meta = gold.get("metadata", {})
    document = Document(
        id=text_path.name,
        source=str(text_path),
        text=text,
        title=meta.get("title"),
        published=meta.get("published", meta.get("approx_date")),
        outlet=meta.get("outlet"),
        language=meta.get("language", "en"),
    )
    actors = tuple(
        Actor(id=a["id"], name=a["name"], kind=a["kind"], aliases=tuple(a.get("aliases", ())),
              role=a.get("role"), side=a.get("side"))
        for a in gold.get("actors", ())
    )
    statements = tuple(
        _seed_statement(item, text, f"{path}: statement {item.get('id')!r}")
        for item in gold.get("statements", ())
    )
    non_quotes = tuple(
        span
        for item in gold.get("non_quotes", ())
        for span in _occurrences_or_fail(text, item["text"], f"{path}: non_quote {item['text']!r}")
    )
    extras = {key: gold.get(key, []) for key in ("mixed_messages", "standoffs", "warnings")}
    return GoldDocument(document, "seed", actors, statements, non_quotes, extras=extras)


def _load_events(path: Path, records: list) -> list[GoldDocument]:
    """PLOVER-style event sentences: one document per coded sentence (``tealeaves_code``)."""
    docs: list[GoldDocument] = []
    for record in records:
        code, text = record.get("tealeaves_code"), record.get("text")
        if not code or not text:
            continue  # documentation records carry no sentence or no code
        document = Document(id=str(record.get("id", len(docs))), source=f"{path}#{record.get('id')}", text=text)
        docs.append(GoldDocument(document, "events", extras={"code": code, "event": record.get("event")}))
    if not docs:
        raise GoldError(f"{path}: no coded sentences (records with 'text' and 'tealeaves_code')")
    return docs


def _seed_statement(item: Mapping[str, Any], text: str, where: str) -> GoldStatement:
    evidence = _occurrences_or_fail(text, item["evidence"], f"{where}, evidence")
    if len(evidence) > 1:
        raise GoldError(f"{where}: evidence {item['evidence']!r} occurs {len(evidence)} times; "
                        "lengthen it so it locates one place")
    quotes = tuple(
        _locate_quote(text, quote, evidence[0], f"{where}, quote {quote!r}")
        for quote in item.get("quotes", ())
    )
    return GoldStatement(item["id"], item["kind"], item.get("speaker"), evidence[0], quotes,
                         tuple(item.get("signals", ())))


def _occurrences(text: str, needle: str) -> list[Span]:
    """Every occurrence of ``needle`` that does not start or end inside a word."""
    found = []
    for m in re.finditer(re.escape(needle), text):
        start, end = m.span()
        cut_before = needle[0].isalnum() and start > 0 and text[start - 1].isalnum()
        cut_after = needle[-1].isalnum() and end < len(text) and text[end].isalnum()
        if not (cut_before or cut_after):
            found.append(Span(start, end, needle))
    return found


def _occurrences_or_fail(text: str, needle: str, where: str) -> list[Span]:
    found = _occurrences(text, needle) if needle else []
    if not found:
        raise GoldError(f"{where}: {needle!r} is not in the document text")
    return found


def _locate_quote(text: str, quote: str, evidence: Span, where: str) -> Span:
    """The occurrence inside or nearest to the evidence, with any final punctuation inside the marks."""
    span = min(_occurrences_or_fail(text, quote, where),
               key=lambda s: _distance((s.start, s.end), (evidence.start, evidence.end)))
    tail = _FINAL_PUNCTUATION.match(text, span.end)
    end = tail.end() if tail else span.end
    return Span(span.start, end, text[span.start:end])


def _distance(a: Interval, b: Interval) -> int:
    return max(0, a[0] - b[1], b[0] - a[1])


def _json(text: str, where: str, shape: str) -> Any:
    """``json.loads``, or a GoldError that names the place and the shape expected."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise GoldError(f"{where}: not valid JSON ({error.msg} at column {error.colno}); {shape}") from error


def _load_spans(path: Path) -> list[GoldDocument]:
    with path.open(encoding="utf-8") as lines:
        return [_span_document(_json(line, f"{path}:{n}", "a span gold file holds one JSON object per line"), path, n)
                for n, line in enumerate(lines, 1) if line.strip()]


def _span_document(record: Mapping[str, Any], path: Path, line: int) -> GoldDocument:
    if not isinstance(record, dict) or not {"doc_id", "text"} <= record.keys():
        raise GoldError(f"{path}:{line}: a span gold line must be a JSON object with doc_id and text")
    text, meta = record["text"], record.get("meta") or {}
    document = Document(
        id=record["doc_id"],
        source=str(path),
        text=text,
        title=meta.get("title"),
        published=meta.get("publication_date", meta.get("published")),
        author=meta.get("author"),
        outlet=meta.get("publisher", meta.get("outlet")),
        line=line,
    )
    attributions = tuple(
        GoldAttribution(
            id=a.get("id", str(n)),
            type=a.get("type", "Attribution"),
            **{part: _gold_spans(text, a.get(part, ()), f"{path}:{line}: attribution {a.get('id', n)!r} {part}")
               for part in SPAN_PARTS},
            quote_marks=bool(a.get("content_has_quote_marks")),
        )
        for n, a in enumerate(record.get("attributions", ()))
    )
    return GoldDocument(document, "spans", attributions=attributions)


def _gold_spans(text: str, items: Sequence[Mapping[str, Any]], where: str) -> tuple[Span, ...]:
    spans = tuple(Span(i["start"], i["end"], text[i["start"]:i["end"]]) for i in items)
    for span, item in zip(spans, items):
        if "text" in item and item["text"] != span.text:
            raise GoldError(f"{where}: text[{span.start}:{span.end}] is {span.text!r}, not {item['text']!r}")
    return spans
