"""One function analyses a batch: the CLI, the Python API and every engine call it."""

from __future__ import annotations

from pathlib import Path
from typing import Iterable, Iterator, Optional, Union

from spacy.language import Language
from spacy.tokens import Doc

from tealeaves.actors import ActorResolver
from tealeaves.attribution import Draft, find_drafts
from tealeaves.ingest import read_inputs, read_text
from tealeaves.lexicon import Lexicon, default_lexicon
from tealeaves.models import Document, DocumentResult, InputError, Result, Span, Statement, Warning
from tealeaves.nlp import load_model, model_label
from tealeaves.quotes import find_quotes

BATCH_SIZE = 32


def analyze_documents(
    documents: Iterable[Document],
    model: Optional[str] = None,
    *,
    nlp: Optional[Language] = None,
    lexicon: Optional[Lexicon] = None,
    n_process: int = 1,
) -> Iterator[DocumentResult]:
    """Analyse documents in order, one spaCy parse each (batched with ``nlp.pipe``)."""
    nlp = nlp or load_model(model)
    lexicon = lexicon or default_lexicon()
    label = model_label(nlp)
    pairs = ((d.text, d) for d in documents)
    for parsed, document in nlp.pipe(pairs, as_tuples=True, batch_size=BATCH_SIZE, n_process=n_process):
        yield analyze_parsed(document, parsed, lexicon, label)


def analyze_parsed(document: Document, parsed: Doc, lexicon: Lexicon, model: str = "") -> DocumentResult:
    """Quotes, statements and actors of one parsed document (pure: no I/O)."""
    quotes, problems = find_quotes(document.text)
    drafts = find_drafts(parsed, quotes, lexicon)
    resolver = ActorResolver(parsed, lexicon)
    resolver.resolve_all(drafts)
    statements = tuple(_statement(document, draft, i) for i, draft in enumerate(drafts, start=1))
    warnings = [
        Warning(kind="unbalanced_quote", message=f"{problem} at character {offset}: attribution there is a best effort",
                evidence=document.text[offset : offset + 40], start=offset)
        for offset, problem in problems
    ]
    notes = [
        Warning(kind="uncertain_attribution", message=draft.note, actor_id=draft.speaker_id,
                evidence=document.text[draft.start : draft.end][:200], start=draft.start)
        for draft in drafts if draft.note
    ]
    return DocumentResult(
        document=document,
        actors=tuple(resolver.actors_used(drafts)),
        statements=statements,
        warnings=tuple(resolver.warnings + notes + warnings),
        model=model,
    )


def _span(text: str, start: int, end: int) -> Span:
    return Span(start, end, text[start:end])


def _quote_span(text: str, start: int, end: int) -> Span:
    """Quoted words without the comma that sits inside the closing mark."""
    while end > start and text[end - 1] in " ,":
        end -= 1
    return _span(text, start, end)


def _statement(document: Document, draft: Draft, number: int) -> Statement:
    text = document.text
    quotes = tuple(_quote_span(text, q.start, q.end) for q in draft.quotes)
    content = tuple(_span(text, s, e) for s, e in draft.content) or quotes
    return Statement(
        id=f"{document.id[:8]}-s{number:02d}",
        kind=_kind(text, draft, quotes, content),
        start=draft.start,
        end=draft.end,
        text=text[draft.start : draft.end],
        speaker_id=draft.speaker_id,
        quotes=quotes,
        content=content,
        speaker_mention=_span(text, *draft.mention) if draft.mention else None,
        cue=_span(text, *draft.cue) if draft.cue else None,
        cue_sense=draft.cue_sense,
        confidence=round(draft.confidence if draft.speaker_id else min(draft.confidence, 0.3), 2),
    )


def _kind(text: str, draft: Draft, quotes: tuple[Span, ...], content: tuple[Span, ...]) -> str:
    """direct: the content is the quoted words (or opens with a quoted full sentence);
    partial: quoted fragments inside reported speech; indirect: no quotation marks."""
    if not quotes:
        return "indirect"
    quoted = sum(q.end - q.start for q in quotes)
    unquoted = sum(c.end - c.start for c in content) - quoted
    first = quotes[0]
    opens_content = not content or first.start <= content[0].start + 1
    if unquoted <= 0.15 * quoted or (opens_content and first.text[:1].isupper()):
        return "direct"
    return "partial"


def analyze(
    *inputs: Union[str, Path, Document],
    model: Optional[str] = None,
    nlp: Optional[Language] = None,
) -> Result:
    """Analyse texts, files, directories or Documents; the Python API's front door.

    A string that names an existing path is read from disk; any other string is the text.
    """
    documents: list[Document] = []
    errors: list[InputError] = []
    for item in inputs:
        if isinstance(item, Document):
            documents.append(item)
        elif isinstance(item, Path) or (isinstance(item, str) and "\n" not in item and len(item) < 4096 and Path(item).exists()):
            for record in read_inputs([item]):
                (errors if isinstance(record, InputError) else documents).append(record)
        else:
            documents.append(read_text(str(item)))
    results = tuple(analyze_documents(documents, model, nlp=nlp))
    return Result(documents=results, errors=tuple(errors))
