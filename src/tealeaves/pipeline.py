"""One function analyses a batch: the CLI, the Python API and every engine call it."""

from __future__ import annotations

import dataclasses
import gc
import re
from collections import Counter
from pathlib import Path
from typing import Any, Iterable, Iterator, Optional, Sequence, Union

import numpy as np
from spacy.language import Language
from spacy.tokens import Doc

from tealeaves.actors.resolver import ActorResolver, ResolvedSpeaker
from tealeaves.analysis.coherence import coherence
from tealeaves.analysis.mixed import find_mixed_messages
from tealeaves.analysis.positions import positions
from tealeaves.analysis.standoffs import find_standoffs
from tealeaves.analysis.wording import party_statements
from tealeaves.attribution.actions import find_action_drafts, with_own_deeds_told, without_stances_on_deeds
from tealeaves.attribution.draft import Draft
from tealeaves.attribution.find import find_drafts
from tealeaves.budget import (
    DEFAULT_SECONDS,
    MAX_CHARS,
    MAX_PAIRS,
    MAX_SENTENCES,
    MAX_STATEMENTS,
    MAX_WARNINGS,
    TimeBudgetExceeded,
    over_budget,
    time_budget,
)
from tealeaves.io.readers import read_inputs, read_text
from tealeaves.lexicon import Lexicon, default_lexicon
from tealeaves.models import Document, DocumentResult, InputError, Result, Span, Statement, Warning
from tealeaves.nlp.model import load_model, model_label, parse_text
from tealeaves.nlp.quotes import find_quotes
from tealeaves.signals.coding import Encoder, SignalLexicon, code_statements, default_signal_lexicon
from tealeaves.signals.encoder import default_encoder
from tealeaves.signals.model import SignalModel, default_signal_model
from tealeaves.supervisor import serve, supervise

# Documents parsed together. One: each is analysed (and an ingest stores it) before the next
# is read, so a slow or failing later input never holds back those before it; batches of 32
# parsed the same trees and saved under 3% of the parse time.
BATCH_SIZE = 1


Outcome = Union[DocumentResult, InputError]


def analyze_documents(
    documents: Iterable[Document],
    model: Optional[str] = None,
    *,
    nlp: Optional[Language] = None,
    lexicon: Optional[Lexicon] = None,
    n_process: int = 1,
    embeddings: bool = True,
    speech_only: bool = False,
) -> Iterator[DocumentResult]:
    """Analyse documents in order, one spaCy parse each (batched with ``nlp.pipe``).
    A failure raises; ``analyze_each`` turns it into an error record instead."""
    yield from analyze_each(documents, model, nlp=nlp, lexicon=lexicon, n_process=n_process,  # type: ignore[misc]
                            embeddings=embeddings, seconds=None, debug=True, speech_only=speech_only)


def analyze_each(
    documents: Iterable[Document],
    model: Optional[str] = None,
    *,
    nlp: Optional[Language] = None,
    lexicon: Optional[Lexicon] = None,
    n_process: int = 1,
    embeddings: bool = True,
    seconds: Optional[float] = DEFAULT_SECONDS,
    debug: bool = False,
    isolate: bool = False,
    speech_only: bool = False,
) -> Iterator[Outcome]:
    """Like ``analyze_documents``, for batches: a document whose analysis runs past its time
    budget (``seconds``) or fails becomes one ``InputError`` and the others go on.
    ``debug=True`` lets a failure raise, traceback and all. ``n_process`` > 1, or ``isolate``,
    runs the whole pipeline in that many worker processes (``_analyze_in_processes``), where a
    document over budget is stopped even inside one long C call, by killing its process; in
    this process the budget interrupts Python code only (see ``budget.py``). ``speech_only``:
    see ``analyze_parsed``."""
    lexicon = lexicon or default_lexicon()
    signal_lexicon = default_signal_lexicon()  # loaded here, not on the first document's budget
    default_signal_model()
    if n_process > 1 or isolate:
        yield from _analyze_in_processes(documents, model, nlp or load_model(model), lexicon, n_process,
                                         {"embeddings": embeddings, "seconds": seconds, "debug": debug,
                                          "speech_only": speech_only})
        return
    for document, parsed, label in _parse(documents, model, nlp):
        try:
            with time_budget(seconds):
                result = analyze_parsed(document, parsed, lexicon, label, signal_lexicon=signal_lexicon,
                                        embeddings=embeddings, speech_only=speech_only)
        except TimeBudgetExceeded as overrun:
            yield over_budget(document, overrun)
            continue
        except Exception as problem:
            if debug:
                raise
            yield InputError(document.source, f"analysis failed ({type(problem).__name__}: {problem}): a bug in "
                             "tealeaves; please report it with this document (--debug shows the traceback)",
                             document.line)
            continue
        yield result


def analysed_part(text: str) -> str:
    """The text up to ``MAX_CHARS``, cut after the last line break before the limit (or
    exactly at the limit when the second half has none)."""
    if len(text) <= MAX_CHARS:
        return text
    cut = text.rfind("\n", MAX_CHARS // 2, MAX_CHARS) + 1 or MAX_CHARS
    return text[:cut]


def _first_sentences(parsed: Doc, limit: int) -> Doc:
    """The parse of the first ``limit`` sentences (all of it when it has no more)."""
    for number, sentence in enumerate(parsed.sents):
        if number == limit:
            return parsed[: sentence.start].as_doc(copy_user_data=True)
    return parsed


def _within_pairs(statements: list[Statement], actors: dict[str, Any], limit: int) -> list[Statement]:
    """The first statements whose pairs of one side number at most ``limit``: those that
    mixed messages and standoffs compare two by two."""
    per_side: dict[str, int] = {}
    pairs = 0
    for number, statement in enumerate(statements):
        side = actors[statement.speaker_id].side if statement.speaker_id in actors else None
        if side:
            pairs += per_side.get(side, 0)
            per_side[side] = per_side.get(side, 0) + 1
            if pairs > limit:
                return statements[:number]
    return statements


def _capped_warnings(warnings: list[Warning], limit: int) -> list[Warning]:
    """At most ``limit`` warnings of each kind, and one more saying how many were left out."""
    counts: Counter[str] = Counter()
    kept = []
    for warning in warnings:
        counts[warning.kind] += 1
        if counts[warning.kind] <= limit:
            kept.append(warning)
    return kept + [_cut(f"{n - limit:,} more {kind} warnings were left out") for kind, n in counts.items() if n > limit]


def _cut(what: str) -> Warning:
    return Warning(kind="cut", message=f"{what}: the document is beyond what tealeaves analyses in full; split it")


def _parse(
    documents: Iterable[Document], model: Optional[str], nlp: Optional[Language],
) -> Iterator[tuple[Document, Doc, str]]:
    """Each document with its parse and the model's label, in input order."""
    nlp = nlp or load_model(model)
    label = model_label(nlp)
    pairs = ((parse_text(analysed_part(d.text)), d) for d in documents)
    for parsed, document in nlp.pipe(pairs, as_tuples=True, batch_size=BATCH_SIZE):
        yield document, parsed, label


# What the workers of ``_analyze_in_processes`` analyse with: set in the parent before the
# workers fork (a forked worker starts with the very pipeline and lexicon), else loaded there.
_worker: dict[str, Any] = {}


def _analyze_in_processes(documents: Iterable[Document], model: Optional[str], nlp: Language, lexicon: Lexicon,
                          workers: int, options: dict[str, Any]) -> Iterator[Outcome]:
    """``analyze_each`` with the whole pipeline in ``workers`` supervised processes, outcomes
    in input order, the input streamed; a document past its budget is stopped by killing its
    worker (``supervisor.supervise``). (Parsing in spaCy's ``n_process`` workers instead left
    all the rest of the pipeline to this one process, and sent every parse back to it.)"""
    warm_up(nlp, lexicon, embeddings=options["embeddings"])  # once here: forked workers start warm
    _worker.update(nlp=nlp, lexicon=lexicon, warm=True)
    # What the workers inherit (the model, lexicons: 110,000 objects) is left out of garbage
    # collection while they are forked: a worker's full collections no longer scan it (1.5 ms
    # of CPU per document) nor copy the pages they touch.
    gc.freeze()
    try:
        yield from supervise(documents, max(1, workers), _serve, (model, lexicon, options), options["seconds"])
    finally:
        gc.unfreeze()


def _serve(tasks: Any, answers: Any, model: Optional[str], lexicon: Lexicon, options: dict[str, Any]) -> None:
    """A worker process: load what a spawned process lacks and warm up (a forked one has both
    from the parent), then analyse until told to stop."""
    if "nlp" not in _worker:  # not forked from the parent (spawn): load the same model here
        _worker.update(nlp=load_model(model), lexicon=lexicon)
    nlp = _worker["nlp"]
    if not _worker.get("warm"):
        warm_up(nlp, lexicon, embeddings=options["embeddings"])

    def analyse(document: Document) -> Outcome:
        return next(analyze_each([document], nlp=nlp, lexicon=lexicon, embeddings=options["embeddings"],
                                 seconds=options["seconds"], debug=options["debug"], speech_only=options["speech_only"]))

    serve(tasks, answers, analyse, options["debug"])


def warm_up(nlp: Language, lexicon: Optional[Lexicon] = None, embeddings: bool = True) -> None:
    """Analyse one short text, so that whatever the pipeline loads lazily (embeddings, signal
    lexicons) is loaded now, once per process, and not inside a timed or forked run. A failure
    here is left for the first real document to report."""
    list(analyze_each([read_text('"We will not back down," the minister said on Monday.')],
                      nlp=nlp, lexicon=lexicon, embeddings=embeddings, seconds=None))


def analyze_parsed(
    document: Document,
    parsed: Doc,
    lexicon: Lexicon,
    model: str = "",
    *,
    signal_lexicon: Optional[SignalLexicon] = None,
    embeddings: bool = True,
    speech_only: bool = False,
    signal_model: Optional[SignalModel] = None,
) -> DocumentResult:
    """Statements, actions, actors, signals and their reading for one parsed document
    (pure: no I/O). ``embeddings=False`` codes with the rules alone. ``speech_only`` keeps
    only what someone said (``cue_sense`` "speech") and deeds, leaving out beliefs, intentions,
    evidence, stances, impressions and reporters' questions before anything is read together.
    ``signal_model`` codes the statements instead of the bundled model (the leave-one-article-out
    estimate retrains it without the article it scores: ``evaluate.signal_loao``)."""
    signal_lexicon = signal_lexicon or default_signal_lexicon()
    encode = _remembering(default_encoder()) if embeddings else None
    cuts = []
    analysed = len(parsed.text)  # once: each access joins every token again
    if analysed < len(document.text):
        cuts.append(_cut(f"only the first {analysed:,} of {len(document.text):,} characters were analysed"))
    if (shorter := _first_sentences(parsed, MAX_SENTENCES)) is not parsed:
        parsed, analysed = shorter, len(shorter.text)
        cuts.append(_cut(f"only the first {MAX_SENTENCES:,} sentences ({analysed:,} characters) were analysed"))
    quotes, problems = find_quotes(document.text[:analysed])
    drafts = find_drafts(parsed, quotes, lexicon)
    if len(drafts) > MAX_STATEMENTS:
        drafts = sorted(drafts, key=lambda d: d.start)[:MAX_STATEMENTS]
        cuts.append(_cut(f"only the first {MAX_STATEMENTS:,} statements were kept"))
    found_actions = find_action_drafts(parsed, drafts, signal_lexicon)
    drafts = without_stances_on_deeds(parsed, drafts, found_actions)
    action_codes = {id(draft): code for draft, code in found_actions}
    drafts = sorted(drafts + [draft for draft, _ in found_actions], key=lambda d: (d.start, d.cue or (0, 0)))
    resolver = ActorResolver(parsed, lexicon, publication_year(document), [(q.start, q.end) for q in quotes])
    used, speakers = resolver.actors_used(resolver.resolve_all(drafts))
    actors = tuple(used)
    said = [(d, s, action_codes.get(id(draft))) for draft, speaker in zip(drafts, speakers)
            for d, s in _each_speaker(draft, speaker) if not speech_only or id(draft) in action_codes
            or draft.cue_sense == "speech"]
    statements = code_statements(
        parsed, [_statement(document, d, s, i, action) for i, (d, s, action) in enumerate(said, start=1)],
        actors, signal_lexicon, encode, model=signal_model, lexicon=lexicon)
    statements = with_own_deeds_told(statements, actors)
    warnings = [
        Warning(kind="unbalanced_quote", message=f"{problem} at character {offset}: attribution there is a best effort",
                evidence=document.text[offset : offset + 40], start=offset)
        for offset, problem in problems
    ]
    notes = [
        Warning(kind="uncertain_attribution", message=draft.note, actor_id=speaker.actor_id,
                evidence=document.text[draft.start : draft.end][:200], start=draft.start)
        for draft, speaker in zip(drafts, speakers) if draft.note
    ]
    result = DocumentResult(document=document, actors=actors, statements=tuple(statements),
                            warnings=tuple(_capped_warnings(resolver.warnings + notes + warnings, MAX_WARNINGS)),
                            model=model)
    return read_together(result, encode, cuts)


def read_together(result: DocumentResult, encode: Optional[Encoder], cuts: Sequence[Warning] = ()) -> DocumentResult:
    """The result with its statements read together (mixed messages, standoffs, coherence,
    positions) from its actors and coded statements; ``cuts`` (what was left out of the
    analysis) lead its warnings. ``tealeaves eval --oracle`` calls it again after putting the
    gold's sides and signals in. At most ``MAX_PAIRS`` same-side pairs are compared."""
    statements, by_id = list(result.statements), {a.id: a for a in result.actors}
    compared = _within_pairs(statements, by_id, MAX_PAIRS)
    cuts = list(cuts)
    if len(compared) < len(statements):
        cuts.append(_cut(f"only the first {len(compared):,} statements were compared for mixed messages and standoffs"))
    similarity = similarity_of(party_statements(compared, by_id), encode)
    prefix = f"{result.document.id[:8]}-"
    mixed = find_mixed_messages(compared, by_id, similarity, prefix, text=result.document.text)
    side_coherence, speaker_coherence = coherence(statements, by_id, mixed)
    return dataclasses.replace(
        result, mixed_messages=tuple(mixed),
        standoffs=tuple(find_standoffs(compared, by_id, similarity, prefix, text=result.document.text)),
        warnings=(*cuts, *result.warnings), coherence=side_coherence, speaker_coherence=speaker_coherence,
        positions=positions(statements, by_id))


def publication_year(document: Document) -> Optional[int]:
    """The year an article appeared, from its date ("2017-06-07", "June 7, 2017"), or None."""
    match = re.search(r"\b(19|20)\d{2}\b", document.published or "")
    return int(match.group()) if match else None


def _remembering(encode: Optional[Encoder]) -> Optional[Encoder]:
    """The encoder, remembering the vectors of one document's texts: a statement the rules
    left uncoded is embedded to code it and would be again to compare it for mixed messages."""
    if encode is None:
        return None
    known: dict[str, np.ndarray] = {}

    def encode_new(texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return encode(texts)
        missing = [text for text in dict.fromkeys(texts) if text not in known]
        if missing:
            known.update(zip(missing, encode(missing)))
        return np.stack([known[text] for text in texts])

    return encode_new


def similarity_of(statements: list[Statement], encode: Optional[Encoder]):
    """Content similarity of two statements, embedding them when first compared (the encoder
    remembers a document's vectors): only statements in a candidate pair cost a forward pass."""
    if encode is None or not statements:
        return None
    texts = {s.id: " ".join(c.text for c in s.content) or s.text for s in statements}

    def similarity(a: Statement, b: Statement) -> float:
        if a.id not in texts or b.id not in texts:
            return 0.0
        first, second = encode([texts[a.id], texts[b.id]])
        return float(first @ second)

    return similarity


def _span(text: str, start: int, end: int) -> Span:
    return Span(start, end, text[start:end])


def _quote_span(text: str, start: int, end: int) -> Span:
    """Quoted words without the comma that sits inside the closing mark."""
    while end > start and text[end - 1] in " ,":
        end -= 1
    return _span(text, start, end)


def _each_speaker(draft: Draft, speaker: ResolvedSpeaker) -> list[tuple[Draft, ResolvedSpeaker]]:
    """A draft once per speaker: coordinated speakers ("Roe and Vell said") each say its words,
    each named by their own conjunct."""
    if not speaker.others:
        return [(draft, speaker)]
    return [(dataclasses.replace(draft, mention=s.mention or draft.mention), dataclasses.replace(s, others=()))
            for s in (speaker, *speaker.others)]


def _statement(document: Document, draft: Draft, speaker: ResolvedSpeaker, number: int,
               action: Optional[str] = None) -> Statement:
    """The record of a draft with the speaker the resolver decided for it."""
    text = document.text
    confidence = min(draft.confidence, 0.8) if speaker.by_pronoun else draft.confidence
    quotes = tuple(_quote_span(text, q.start, q.end) for q in draft.quotes)
    content = tuple(_span(text, s, e) for s, e in draft.content) or quotes
    return Statement(
        id=f"{document.id[:8]}-{'a' if action else 's'}{number:02d}",
        kind="action" if action else _kind(text, draft, quotes, content),
        signal=action,
        signals=(action,) if action else (),
        start=draft.start,
        end=draft.end,
        text=text[draft.start : draft.end],
        speaker_id=speaker.actor_id,
        quotes=quotes,
        content=content,
        speaker_mention=_span(text, *draft.mention) if draft.mention else None,
        cue=_span(text, *draft.cue) if draft.cue else None,
        cue_sense=draft.cue_sense,
        confidence=round(confidence if speaker.actor_id else min(confidence, 0.3), 2),
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
    texts: Iterable[str] = (),
) -> Result:
    """Analyse texts, files, directories or Documents; the Python API's front door.

    A ``Path`` is a file or folder. A string that names an existing file or folder is read from
    disk; a string that looks like a path but names nothing (one line, and no spaces with a file
    extension or a slash, or ending in .txt, .html, .json...) raises ``FileNotFoundError``, as it
    is most likely a typo; any other string is the text itself. ``texts`` are always texts.
    An input that cannot be read or analysed becomes an error in ``Result.errors``.
    """
    documents: list[Document] = []
    errors: list[InputError] = []
    results: list[DocumentResult] = []
    for item in inputs:
        if isinstance(item, Document):
            documents.append(item)
        elif isinstance(item, Path) or isinstance(item, str) and _names_a_path(item):
            for record in read_inputs([item]):
                if isinstance(record, InputError):
                    errors.append(record)
                else:
                    documents.append(record)
        elif _looks_like_a_path(str(item)):
            raise FileNotFoundError(f"{item!r}: no such file or directory: check the path, or to analyse the "
                                    "string itself give it as texts=[...]")
        else:
            documents.append(read_text(str(item)))
    documents.extend(read_text(text) for text in texts)
    for outcome in analyze_each(documents, model, nlp=nlp):
        if isinstance(outcome, InputError):
            errors.append(outcome)
        else:
            results.append(outcome)
    return Result(documents=tuple(results), errors=tuple(errors))


def _names_a_path(item: str) -> bool:
    """A one-line string that names a file or folder on disk (a long sentence is too long a
    name for the file system, and is text)."""
    if "\n" in item or len(item) >= 4096:
        return False
    try:
        return Path(item).exists()
    except OSError:  # "File name too long"
        return False


# A file name's extension; and those of the files tealeaves reads, which end a path even with spaces.
_EXTENSION = re.compile(r"\.[A-Za-z0-9]{1,5}$")
_READ_EXTENSIONS = re.compile(r"\.(?:txt|md|html?|jsonl?|rss|atom|xml|csv)$", re.IGNORECASE)


def _looks_like_a_path(item: str) -> bool:
    """Whether a string that names nothing on disk was meant as a path rather than as text."""
    item = item.strip()
    if "\n" in item or not item or len(item) >= 4096:
        return False
    if _READ_EXTENSIONS.search(item):
        return True
    return not any(c.isspace() for c in item) and bool("/" in item or _EXTENSION.search(item))
