"""Ingesting a corpus into a store: read, detect language and dates, de-duplicate, analyse, write.

Exact copies (same normalised text), near-copies (MinHash over word shingles, found with
datasketch's LSH) and truncated copies (one's shingles nearly all in the other's: containment,
estimated from the same MinHashes) join the cluster of the first document seen, are stored with
that cluster id and are *not* analysed, so search, actors and timelines count a syndicated
story once.
Non-English documents are stored with their language and status ``not_english``, not analysed.
Documents already stored with the same pipeline version are skipped (``reanalyze`` re-runs them);
an edited article (same file, or same line of a JSONL file, new text) replaces its old version.
Documents stream from the inputs through the pipeline into the store one at a time, so a
corpus of any size needs memory for one parse batch (and the duplicate index), not for itself.
"""

from __future__ import annotations

import dataclasses
import email.utils
import hashlib
import re
import time
import unicodedata
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Iterator, Optional, Union

import numpy as np
from datasketch import MinHash, MinHashLSH
from langdetect import DetectorFactory, LangDetectException, detect_langs
from spacy.language import Language

from tealeaves import __version__
from tealeaves.analysis.corpus import CROSS_WINDOW_DAYS, update_cross_document_mixed
from tealeaves.budget import DEFAULT_SECONDS
from tealeaves.io.readers import read_inputs
from tealeaves.lexicon import Lexicon
from tealeaves.models import Document, DocumentResult, InputError
from tealeaves.nlp.model import load_model, model_label
from tealeaves.pipeline import analyze_each
from tealeaves.store.core import ANALYSED, DUPLICATE, NOT_ENGLISH, Store, iso_day

NUM_PERM = 128
SCHEME = "affine32"  # datasketch's hashing scheme, fixed so stored signatures stay comparable
SHINGLE_WORDS = 3
NEAR_DUPLICATE = 0.6  # estimated Jaccard similarity of word shingles that makes two documents one story
CONTAINED = 0.8  # estimated share of one document's shingles found in another's that makes it a cut copy
# MinHash slots two documents must share for their containment to be judged: about 8% of the
# longer one's shingles, so a copy must keep at least that much of the story (an estimate from
# fewer slots is noise: 2 shared of 2 compared is not "all of it").
MIN_SHARED_SLOTS = 10
# LSH bands of 2 rows: a pair is a candidate when any of 64 bands agrees, which finds pairs
# sharing 10% of their shingles in about half the draws, 20% in 93%, 30% in over 99%.
LSH_BANDS = (64, 2)
_MONTHS = ("jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
           "|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?")
_MONTH_DAY_YEAR = re.compile(rf"\b({_MONTHS})\.?\s+(\d{{1,2}}),?\s+(\d{{4}})\b", re.IGNORECASE)
_DAY_MONTH_YEAR = re.compile(rf"\b(\d{{1,2}})\s+({_MONTHS})\.?,?\s+(\d{{4}})\b", re.IGNORECASE)
_CREDIT = re.compile(r"^[ \t(\[]*(?:translation|translated)\s+by\s*:?\s*(.+?)[ \t)\]]*$",
                     re.IGNORECASE | re.MULTILINE)
DATELINE_CHARS = 300  # a dateline sits at the very start of an article

DetectorFactory.seed = 0  # langdetect is random without a seed


@dataclass
class IngestSummary:
    """What one ingest run did."""

    new: int = 0
    reanalysed: int = 0
    skipped: int = 0
    duplicates: int = 0
    not_english: int = 0
    failed: int = 0  # documents read but not analysed (time budget, a bug): one failure each
    failures: list[InputError] = field(default_factory=list)  # inputs not read or not analysed
    passed_over: list[tuple[str, str]] = field(default_factory=list)  # files of a folder not read, and why
    seconds: float = 0.0

    @property
    def errors(self) -> int:
        return len(self.failures)

    @property
    def processed(self) -> int:
        return self.new + self.reanalysed + self.skipped + self.duplicates + self.not_english + self.failed

    @property
    def documents_per_second(self) -> float:
        return self.processed / self.seconds if self.seconds else 0.0


# --- document facts -------------------------------------------------------------------------


def normalise(text: str) -> str:
    """Text compared for exact copies: Unicode NFKC, case folded, whitespace collapsed."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def content_hash(text: str) -> str:
    return hashlib.sha256(normalise(text).encode("utf-8")).hexdigest()


def signature(text: str) -> MinHash:
    """The MinHash of a text's overlapping word shingles."""
    words = re.findall(r"\w+", normalise(text))
    shingles = {" ".join(words[i:i + SHINGLE_WORDS]).encode("utf-8")
                for i in range(max(1, len(words) - SHINGLE_WORDS + 1))}
    minhash = MinHash(num_perm=NUM_PERM, seed=1, scheme=SCHEME)
    minhash.update_batch(list(shingles))
    return minhash


def is_cut_copy(one: MinHash, other: MinHash) -> bool:
    """Whether one document's shingles lie (nearly) all within the other's: a copy cut short,
    or the story it was cut from. Per MinHash slot, the smaller value comes from the set holding
    the union's smallest hash: equal values mean a shingle of both, so the share of one's
    shingles also in the other is equal / (equal + slots where that one is smaller)."""
    a, b = one.hashvalues, other.hashvalues
    shared = int(np.count_nonzero(a == b))
    if shared < MIN_SHARED_SLOTS:
        return False
    only_in = min(int(np.count_nonzero(a < b)), int(np.count_nonzero(b < a)))
    return shared / (shared + only_in) >= CONTAINED


def detect_language(text: str) -> str:
    """The ISO 639-1 code of the text's language; English unless another is clearly detected."""
    try:
        best = detect_langs(text[:3000])[0]
    except LangDetectException:  # no letters to go on
        return "en"
    return best.lang if best.prob >= 0.8 else "en"


def translation_credit(text: str) -> Optional[str]:
    """The translator named in a 'TRANSLATION BY …' or 'Translated by …' line."""
    match = _CREDIT.search(text)
    return match.group(1).strip()[:200] if match else None


def dateline_date(text: str) -> Optional[str]:
    """The YYYY-MM-DD of a date near the start of a text ('Jan. 12, 2022', '12 January 2022')."""
    head = text[:DATELINE_CHARS]
    if day := iso_day(head.strip()) or _iso_in(head):
        return day
    for pattern, (m, d, y) in ((_MONTH_DAY_YEAR, (1, 2, 3)), (_DAY_MONTH_YEAR, (2, 1, 3))):
        if match := pattern.search(head):
            month = _month_number(match.group(m))
            day_of_month = int(match.group(d))
            if 1 <= day_of_month <= 31:
                return f"{match.group(y)}-{month:02d}-{day_of_month:02d}"
    return None


def _iso_in(text: str) -> Optional[str]:
    match = re.search(r"\b\d{4}-\d{2}-\d{2}\b", text)
    return match.group(0) if match else None


def _month_number(name: str) -> int:
    return ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"].index(name[:3].lower()) + 1


def published_day(published: Optional[str], text: str) -> Optional[str]:
    """The publication day: an ISO date, an RFC 2822 date (feeds, e-mail), or the text's dateline."""
    if day := iso_day(published):
        return day
    if published:
        try:
            return email.utils.parsedate_to_datetime(published).date().isoformat()
        except (TypeError, ValueError):
            if day := dateline_date(published):
                return day
    return dateline_date(text)


# --- de-duplication -------------------------------------------------------------------------


class Deduplicator:
    """Exact and near-duplicate lookup over every document stored or seen in this run."""

    def __init__(self) -> None:
        self.lsh = MinHashLSH(num_perm=NUM_PERM, params=LSH_BANDS)
        self.signatures: dict[str, MinHash] = {}
        self.by_hash: dict[str, str] = {}  # content hash -> cluster id
        self.cluster: dict[str, str] = {}  # document id -> cluster id

    @classmethod
    def from_store(cls, fingerprints: dict[str, dict[str, Any]]) -> "Deduplicator":
        """Rebuild the index from the signatures stored with each document."""
        index = cls()
        for doc_id, row in fingerprints.items():
            if row["minhash"] is not None:
                values = np.frombuffer(bytes(row["minhash"]), dtype="<u8")
                index.add(doc_id, row["content_hash"], MinHash(num_perm=NUM_PERM, seed=1, hashvalues=values, scheme=SCHEME),
                          row["cluster_id"] or doc_id)
        return index

    def find(self, digest: str, minhash: MinHash) -> Optional[str]:
        """The cluster id of an exact, near or truncated copy, or None for a new story.
        The most similar candidate that is a copy wins."""
        if digest in self.by_hash:
            return self.by_hash[digest]
        scored = [(minhash.jaccard(self.signatures[key]), key) for key in self.lsh.query(minhash)]
        copies = [(score, key) for score, key in scored
                  if score >= NEAR_DUPLICATE or is_cut_copy(minhash, self.signatures[key])]
        best = max(copies, default=None)
        return self.cluster[best[1]] if best else None

    def remove(self, doc_id: str) -> None:
        if doc_id in self.signatures:
            self.lsh.remove(doc_id)
            del self.signatures[doc_id]
            self.by_hash = {digest: cluster for digest, cluster in self.by_hash.items() if cluster != doc_id}

    def add(self, doc_id: str, digest: str, minhash: MinHash, cluster_id: str) -> None:
        if doc_id in self.signatures:
            return
        self.lsh.insert(doc_id, minhash)
        self.signatures[doc_id] = minhash
        self.by_hash.setdefault(digest, cluster_id)
        self.cluster[doc_id] = cluster_id


# --- ingest ---------------------------------------------------------------------------------


def pipeline_version(nlp: Language) -> str:
    """What must match for a stored analysis to be reused: tealeaves' version and the model."""
    return f"tealeaves {__version__}; {model_label(nlp)}"


Progress = Callable[[IngestSummary, int], None]  # called after each document with the number read so far


def ingest(
    paths: Iterable[Union[str, Any]],
    store: Store,
    *,
    workers: int = 1,
    reanalyze: bool = False,
    model: Optional[str] = None,
    nlp: Optional[Language] = None,
    lexicon: Optional[Lexicon] = None,
    max_bytes: int = 20_000_000,
    pages_anywhere: bool = False,
    time_budget: Optional[float] = DEFAULT_SECONDS,
    progress: Optional[Progress] = None,
    window_days: int = CROSS_WINDOW_DAYS,
) -> IngestSummary:
    """Read, de-duplicate, analyse and store every document of ``paths``; one transaction each.

    Documents stream through: each is read and checked against the store and the copies seen
    so far while later inputs are still unread; copies and non-English documents are written at
    once, the others once analysed, in input order. Memory holds one parse batch, not the
    corpus. At the end, the cross-document mixed messages are found again, judging only the
    pairs of documents not judged before (``update_cross_document_mixed``), and the actors
    merged across documents again from the aggregates, when any document was stored or
    removed since they last were.
    """
    started = time.perf_counter()
    summary = IngestSummary()
    nlp = nlp or load_model(model)
    run = _IngestRun(store, summary, pipeline_version(nlp), reanalyze, started, progress)
    records = read_inputs(paths, max_bytes=max_bytes, pages_anywhere=pages_anywhere,
                          on_skip=lambda source, reason: summary.passed_over.append((source, reason)))
    outcomes = analyze_each(run.to_analyse(records), nlp=nlp, lexicon=lexicon, n_process=workers,
                            seconds=time_budget, isolate=bool(time_budget))
    for outcome in outcomes:
        run.store_outcome(outcome)
    refresh_cross_mixed(store, f"tealeaves {__version__}, window {window_days} days", window_days)
    if not store.corpus_actors_fresh():
        store.refresh_corpus_actors()
    summary.seconds = time.perf_counter() - started
    return summary


def refresh_cross_mixed(store: Store, settings: str, window_days: int) -> None:
    """Find the cross-document mixed messages again when a document came or went since they
    were found with ``settings`` (even in a killed run). A document another ingest stores or
    removes meanwhile leaves them stale, for that ingest's end to find them again."""
    if store.cross_mixed_settings() != settings:
        mark = store.begin_cross_mixed()
        store.replace_cross_mixed_messages(update_cross_document_mixed(store, settings, window_days=window_days),
                                           settings, since=mark)


class _IngestRun:
    """The state of one ingest run: what is stored, the duplicate index, documents in flight."""

    def __init__(self, store: Store, summary: IngestSummary, version: str, reanalyze: bool, started: float,
                 progress: Optional[Progress]) -> None:
        self.store, self.summary, self.version, self.reanalyze = store, summary, version, reanalyze
        self.started, self.progress = started, progress
        self.stored = store.fingerprints()
        self.index = Deduplicator.from_store(self.stored)
        self.versions = {(row["source"], row["line"]): doc_id for doc_id, row in self.stored.items()}
        self.pending: dict[str, tuple[str, dict[str, Any]]] = {}  # id -> cluster, corpus columns
        self.seen: set[str] = set()
        self.read = 0

    def done(self, counter: str) -> None:
        setattr(self.summary, counter, getattr(self.summary, counter) + 1)
        self.summary.seconds = time.perf_counter() - self.started
        if self.progress:
            self.progress(self.summary, self.read)

    def _fail(self, error: InputError) -> None:
        """Record an input that was not read or not analysed, in the store and the summary."""
        self.store.add_errors([error])
        self.summary.failures.append(error)

    def to_analyse(self, records: Iterable[Union[Document, InputError]]) -> Iterator[Document]:
        """The documents that need the pipeline, in input order; the others are settled here
        (skipped, stored as duplicates or non-English, or recorded as unreadable)."""
        for record in records:
            if isinstance(record, InputError):
                self._fail(record)
                continue
            self.read += 1
            document = self._settle(record)
            if document is not None:
                yield document

    def _settle(self, document: Document) -> Optional[Document]:
        """The document if it is to be analysed; otherwise it is counted (and stored) here."""
        previous = self.stored.get(document.id)
        if document.id in self.seen or (previous and previous["pipeline_version"] == self.version
                                        and not self.reanalyze):
            self.done("skipped")
            return None
        self.seen.add(document.id)
        replaced = self.versions.get((document.source, document.line)) if not document.source.startswith("<") else None
        if not previous and replaced:
            self.store.delete(replaced)  # an edited article: its new text replaces the old one
            self.index.remove(replaced)
        document, columns, minhash = _facts(document)
        cluster = previous["cluster_id"] if previous else self.index.find(columns["content_hash"], minhash)
        status = previous["status"] if previous else DUPLICATE if cluster else (
            ANALYSED if document.language == "en" else NOT_ENGLISH)
        self.index.add(document.id, columns["content_hash"], minhash, cluster or document.id)
        columns["status"] = status
        if status == ANALYSED:
            self.pending[document.id] = (cluster or document.id, columns)
            return document
        self.store.add(DocumentResult(document=document), pipeline_version=self.version,
                       cluster_id=cluster or document.id, extra=columns)
        self.done("duplicates" if status == DUPLICATE else "not_english")
        return None

    def store_outcome(self, outcome: Union[DocumentResult, InputError]) -> None:
        """Write one analysed document (its own transaction), or record why it failed."""
        doc_id = next(iter(self.pending))  # outcomes come in input order
        cluster, columns = self.pending.pop(doc_id)
        if isinstance(outcome, InputError):  # not stored: the next run tries it again
            self.index.remove(doc_id)
            self._fail(outcome)
            self.done("failed")
            return
        added = self.store.add(outcome, pipeline_version=self.version, cluster_id=cluster, extra=columns)
        # New only if this transaction added it: a concurrent ingest may have stored it meanwhile.
        self.done("new" if added else "reanalysed")


def _facts(document: Document) -> tuple[Document, dict[str, Any], MinHash]:
    """The document with its language and publication day, its corpus columns and its MinHash."""
    minhash = signature(document.text)
    day = published_day(document.published, document.text)
    document = dataclasses.replace(document, language=detect_language(document.text),
                                   published=document.published if iso_day(document.published) else day or document.published)
    columns = {"content_hash": content_hash(document.text), "translation_credit": translation_credit(document.text),
               "day": day, "minhash": minhash.hashvalues.astype("<u8").tobytes()}
    return document, columns, minhash
