"""Ingesting a corpus into a store: read, detect language and dates, de-duplicate, analyse, write.

Exact copies (same normalised text) and near-copies (MinHash over word shingles, found with
datasketch's LSH) join the cluster of the first document seen, are stored with that cluster
id and are *not* analysed, so search, actors and timelines count a syndicated story once.
Non-English documents are stored with their language and status ``not_english``, not analysed.
Documents already stored with the same pipeline version are skipped (``reanalyze`` re-runs them);
an edited article (same file, or same line of a JSONL file, new text) replaces its old version.
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
from tealeaves.ingest import read_inputs
from tealeaves.models import Document, DocumentResult, InputError
from tealeaves.nlp import load_model, model_label
from tealeaves.budget import DEFAULT_SECONDS
from tealeaves.pipeline import analyze_each
from tealeaves.store import ANALYSED, DUPLICATE, NOT_ENGLISH, Store, iso_day

NUM_PERM = 128
SCHEME = "affine32"  # datasketch's hashing scheme, fixed so stored signatures stay comparable
SHINGLE_WORDS = 3
NEAR_DUPLICATE = 0.6  # estimated Jaccard similarity of word shingles that makes two documents one story
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
        self.lsh = MinHashLSH(threshold=NEAR_DUPLICATE, num_perm=NUM_PERM)
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
        """The cluster id of an exact or near copy, or None for a new story."""
        if digest in self.by_hash:
            return self.by_hash[digest]
        scored = [(minhash.jaccard(self.signatures[key]), key) for key in self.lsh.query(minhash)]
        best = max(scored, default=(0.0, ""))
        return self.cluster[best[1]] if best[0] >= NEAR_DUPLICATE else None

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


Progress = Callable[[IngestSummary, int], None]  # called after each document with the total


def ingest(
    paths: Iterable[Union[str, Any]],
    store: Store,
    *,
    workers: int = 1,
    reanalyze: bool = False,
    model: Optional[str] = None,
    nlp: Optional[Language] = None,
    max_bytes: int = 20_000_000,
    time_budget: Optional[float] = DEFAULT_SECONDS,
    progress: Optional[Progress] = None,
) -> IngestSummary:
    """Read, de-duplicate, analyse and store every document of ``paths``; one transaction each."""
    started = time.perf_counter()
    summary = IngestSummary()
    documents: list[Document] = []
    errors: list[InputError] = []
    for record in read_inputs(paths, max_bytes=max_bytes):
        (errors if isinstance(record, InputError) else documents).append(record)
    store.add_errors(errors)
    summary.failures.extend(errors)
    nlp = nlp or load_model(model)
    version = pipeline_version(nlp)
    stored = store.fingerprints()
    index = Deduplicator.from_store(stored)
    versions = {(row["source"], row["line"]): doc_id for doc_id, row in stored.items()}
    pending: dict[str, tuple[str, dict[str, Any], str]] = {}  # id -> cluster, corpus columns, counter

    def done(counter: str) -> None:
        setattr(summary, counter, getattr(summary, counter) + 1)
        summary.seconds = time.perf_counter() - started
        if progress:
            progress(summary, len(documents))

    def to_analyse() -> Iterator[Document]:
        seen: set[str] = set()
        for document in documents:
            previous = stored.get(document.id)
            if document.id in seen or (previous and previous["pipeline_version"] == version and not reanalyze):
                done("skipped")
                continue
            seen.add(document.id)
            replaced = versions.get((document.source, document.line)) if not document.source.startswith("<") else None
            if not previous and replaced:
                store.delete(replaced)  # an edited article: its new text replaces the old one
                index.remove(replaced)
            document, columns, minhash = _facts(document)
            cluster = previous["cluster_id"] if previous else index.find(columns["content_hash"], minhash)
            status = previous["status"] if previous else DUPLICATE if cluster else (
                ANALYSED if document.language == "en" else NOT_ENGLISH)
            index.add(document.id, columns["content_hash"], minhash, cluster or document.id)
            columns["status"] = status
            if status == ANALYSED:
                pending[document.id] = (cluster or document.id, columns, "reanalysed" if previous else "new")
                yield document
            else:
                store.add(DocumentResult(document=document), pipeline_version=version,
                          cluster_id=cluster or document.id, extra=columns)
                done("duplicates" if status == DUPLICATE else "not_english")

    for outcome in analyze_each(to_analyse(), nlp=nlp, n_process=workers, seconds=time_budget):
        doc_id = next(iter(pending))  # outcomes come in input order
        cluster, columns, counter = pending.pop(doc_id)
        if isinstance(outcome, InputError):  # not stored: the next run tries it again
            index.remove(doc_id)
            store.add_errors([outcome])
            summary.failures.append(outcome)
            done("failed")
            continue
        store.add(outcome, pipeline_version=version, cluster_id=cluster, extra=columns)
        done(counter)
    summary.seconds = time.perf_counter() - started
    return summary


def _facts(document: Document) -> tuple[Document, dict[str, Any], MinHash]:
    """The document with its language and publication day, its corpus columns and its MinHash."""
    minhash = signature(document.text)
    day = published_day(document.published, document.text)
    document = dataclasses.replace(document, language=detect_language(document.text),
                                   published=document.published if iso_day(document.published) else day or document.published)
    columns = {"content_hash": content_hash(document.text), "translation_credit": translation_credit(document.text),
               "day": day, "minhash": minhash.hashvalues.astype("<u8").tobytes()}
    return document, columns, minhash
