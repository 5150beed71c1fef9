"""An analyst's corrections: a table of who changed what, when and why, applied to a document
every time it is stored.

A statement's correction is keyed by its document's text (SHA-256 of the text as read), the
character span of the statement and its row kind (a statement, or a reported deed over the same
span), an actor's by its id or name, so a correction survives
re-ingest and ``--reanalyze``: ``Store.add`` calls ``corrected`` on every result it writes, so
the rows, the aggregates, the timeline, search, exports and reports all read corrected data.
Recording a correction rewrites the documents it touches through ``Store.add`` in the same
transaction (their old aggregate contributions out, the corrected ones in).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any, Optional

from tealeaves import tables
from tealeaves.codebook import codebook
from tealeaves.models import STATEMENT_KINDS, Actor, DocumentResult, Statement

Store = Any  # tealeaves.store.core.Store, which imports this module

TABLE = "corrections"
CROSS_MIXED = "cross_mixed_messages"  # store.core.CROSS_MIXED (core imports this module)
# What a correction of one statement does (``value`` holds the new field).
STATEMENT_ACTIONS = ("accept", "signal", "kind", "speaker", "side", "not_statement", "add_statement")
# What a correction of an actor does, in every document where the actor appears.
ACTOR_ACTIONS = ("actor_side", "merge_actors")
ACTIONS = STATEMENT_ACTIONS + ACTOR_ACTIONS
COLUMNS: dict[str, type] = {
    "text_hash": str, "document_id": str, "start": int, "end": int, "actor": str, "action": str,
    "value": str, "who": str, "at": str, "why": str, "row_kind": str,
}
# A statement row's kind as a correction names it: a reported deed and a statement may share a span.
ROW_KINDS = ("statement", "action")
# Set while ``record`` stores a document it corrected: ``corrected`` leaves that result alone.
_rewriting: ContextVar[bool] = ContextVar("rewriting", default=False)
OVERLAP = 0.5  # a re-analysed statement is the corrected one when each span covers this much of the other


class CorrectionError(ValueError):
    """A correction that cannot be recorded: what is wrong with it and what to give instead."""


@dataclass(frozen=True)
class Correction:
    """One decision of an analyst. ``value`` holds the corrected fields: signal, kind, speaker,
    side (statements), side or into and into_name (actors), or all of them (an added statement)."""

    action: str
    value: dict[str, Any] = field(default_factory=dict)
    who: str = ""
    why: str = ""
    text_hash: Optional[str] = None
    document_id: Optional[str] = None
    start: Optional[int] = None
    end: Optional[int] = None
    actor: Optional[str] = None
    at: Optional[str] = None
    row_kind: Optional[str] = None  # "statement" or "action"; None (older corrections): either


def row_kind_of(kind: str) -> str:
    """The row kind of a statement of this kind: "action" for a reported deed, else "statement"."""
    return "action" if kind == "action" else "statement"


def text_hash(text: str) -> str:
    """The key of a document's text: equal whenever the same text is read again."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def create(store: Store) -> None:
    """Create the corrections table (a migration)."""
    db = store.db
    defs = [f'"pk" {db.serial_key}'] + [f'"{c}" {db.types[k]}' for c, k in COLUMNS.items()]
    db.execute(f'CREATE TABLE "{TABLE}" ({", ".join(defs)})')
    db.execute(f'CREATE INDEX "corrections_text" ON "{TABLE}" ("text_hash")')
    db.execute(f'CREATE INDEX "corrections_document" ON "{TABLE}" ("document_id", "start", "end")')
    db.execute('CREATE INDEX "statements_confidence" ON statements ("confidence")')  # the review queue's order


# --- applying corrections to a result --------------------------------------------------------

def corrected(db: Any, result: DocumentResult) -> DocumentResult:
    """The result with every correction of its text and of its actors applied, in the order
    they were made; the statements are read together again when anything changed. A result
    ``record`` is rewriting is stored as given: it is the stored one with the new correction."""
    if _rewriting.get():
        return result
    found = db.query(f'SELECT * FROM "{TABLE}" WHERE "text_hash" = ? OR "actor" IS NOT NULL ORDER BY "pk"',
                     (text_hash(result.document.text),))
    changed = False
    for row in found:
        result, did = apply(result, from_row(row))
        changed = changed or did
    return _read_again(result) if changed else result


def from_row(row: dict[str, Any]) -> Correction:
    return Correction(**{name: row[name] for name in COLUMNS if name != "value"},
                      value=json.loads(row["value"] or "{}"))


def apply(result: DocumentResult, correction: Correction) -> tuple[DocumentResult, bool]:
    """One correction applied to one document's result, and whether it changed it."""
    if correction.action in ACTOR_ACTIONS:
        return _apply_to_actor(result, correction)
    statements = list(result.statements)
    value = correction.value
    if correction.action == "add_statement":
        added_kind = row_kind_of(value.get("kind") or "indirect")
        if any((s.start, s.end) == (correction.start, correction.end) and row_kind_of(s.kind) == added_kind
               for s in statements):
            return result, False
        result, speaker_id = _speaker(result, value.get("speaker"))
        start, end = int(correction.start or 0), int(correction.end or 0)
        signal = value.get("signal")
        added = Statement(id=f"{result.document.id[:8]}-c{start}", kind=value.get("kind") or "indirect",
                          start=start, end=end, text=result.document.text[start:end], speaker_id=speaker_id,
                          signal=signal, signals=(signal,) if signal else (), confidence=1.0)
        statements = sorted([*statements, added], key=lambda s: (s.start, s.end))
        return dataclasses.replace(result, statements=tuple(statements)), True
    index = _matching(statements, correction.start, correction.end, correction.row_kind)
    if index is None or correction.action == "accept":
        return result, False
    old = statements[index]
    if correction.action == "not_statement":
        del statements[index]
    elif correction.action == "signal":
        signal = value.get("signal") or None
        rest = tuple(s for s in old.signals if s not in (old.signal, signal))
        statements[index] = dataclasses.replace(old, signal=signal, signals=((signal,) if signal else ()) + rest)
    elif correction.action == "kind":
        statements[index] = dataclasses.replace(old, kind=value["kind"])
    elif correction.action == "speaker":
        result, speaker_id = _speaker(result, value.get("speaker"))
        statements[index] = dataclasses.replace(old, speaker_id=speaker_id)
    elif correction.action == "side":
        actors = tuple(dataclasses.replace(a, side=value.get("side") or None) if a.id == old.speaker_id else a
                       for a in result.actors)
        return dataclasses.replace(result, actors=actors), actors != result.actors
    new = dataclasses.replace(result, statements=tuple(statements))
    return new, new.statements != result.statements


def _matching(statements: list[Statement], start: Optional[int], end: Optional[int],
              kind: Optional[str] = None) -> Optional[int]:
    """The index of the statement of this row kind (any, if None) with this span, or of the one
    overlapping it most when each covers at least ``OVERLAP`` of the other (a re-analysis may
    move a boundary a little)."""
    if start is None or end is None:
        return None
    best, best_share = None, OVERLAP
    for i, s in enumerate(statements):
        if kind is not None and row_kind_of(s.kind) != kind:
            continue
        if (s.start, s.end) == (start, end):
            return i
        shared = min(s.end, end) - max(s.start, start)
        share = min(shared / max(1, s.end - s.start), shared / max(1, end - start))
        if share >= best_share:
            best, best_share = i, share
    return best


def _is(actor: Actor, name_or_id: str) -> bool:
    return actor.id == name_or_id or actor.name.casefold() == name_or_id.casefold()


def _speaker(result: DocumentResult, name: Optional[str]) -> tuple[DocumentResult, Optional[str]]:
    """The id of the actor of this id or name in the document, added as a new person if none
    is (no name: unattributed)."""
    if not name:
        return result, None
    known = next((a for a in result.actors if _is(a, name)), None)
    if known:
        return result, known.id
    new = Actor(id=slug(name), name=name, kind="person")
    return dataclasses.replace(result, actors=(*result.actors, new)), new.id


def slug(name: str) -> str:
    """An actor id made from a name given by an analyst."""
    return re.sub(r"[^a-z0-9]+", "-", name.casefold()).strip("-") or "actor"


def _apply_to_actor(result: DocumentResult, correction: Correction) -> tuple[DocumentResult, bool]:
    target = correction.actor or ""
    found = [a for a in result.actors if _is(a, target)]
    if not found:
        return result, False
    if correction.action == "actor_side":
        side = correction.value.get("side") or None
        actors = tuple(dataclasses.replace(a, side=side) if _is(a, target) else a for a in result.actors)
        return dataclasses.replace(result, actors=actors), actors != result.actors
    into_id, into_name = correction.value["into"], correction.value.get("into_name") or correction.value["into"]
    into = next((a for a in result.actors if _is(a, into_id) or _is(a, into_name)), None)
    if into is None:  # the actor merged into is not in this document: the merged one takes its id and name
        into = dataclasses.replace(found[0], id=into_id, name=into_name)
    merged_ids = {a.id for a in found} - {into.id}
    if not merged_ids:
        return result, False
    aliases = tuple(dict.fromkeys((*into.aliases, *(n for a in found for n in (a.name, *a.aliases)))))
    into = dataclasses.replace(into, aliases=tuple(n for n in aliases if n != into.name))
    kept = [a for a in result.actors if a.id not in merged_ids and a.id != into.id]
    position = next(i for i, a in enumerate(result.actors) if a.id in merged_ids | {into.id})
    kept.insert(min(position, len(kept)), into)
    statements = tuple(dataclasses.replace(s, speaker_id=into.id) if s.speaker_id in merged_ids else s
                       for s in result.statements)
    return dataclasses.replace(result, actors=tuple(kept), statements=statements), True


def _read_again(result: DocumentResult) -> DocumentResult:
    """Mixed messages, standoffs, coherence and positions found again from the corrected
    statements (the pipeline is imported here: a store that is never corrected never loads it)."""
    from tealeaves.pipeline import _remembering, read_together
    from tealeaves.signals.encoder import default_encoder

    cuts = tuple(w for w in result.warnings if w.kind == "cut" and "were compared" not in w.message)
    rest = tuple(w for w in result.warnings if w.kind != "cut")
    return read_together(dataclasses.replace(result, warnings=rest), _remembering(default_encoder()), cuts)


# --- recording corrections -------------------------------------------------------------------

def check(correction: Correction) -> None:
    """Refuse a correction that names no known action, code or kind, or lacks its key."""
    value, action = correction.value, correction.action
    if action not in ACTIONS:
        raise CorrectionError(f"unknown correction {action!r}: use one of {', '.join(ACTIONS)}")
    codes = codebook().names()
    if value.get("signal") and value["signal"] not in codes:
        raise CorrectionError(f"unknown signal {value['signal']!r}: use a code of docs/codebook.md "
                              f"({', '.join(codes)})")
    if correction.row_kind is not None and correction.row_kind not in ROW_KINDS:
        raise CorrectionError(f"unknown row kind {correction.row_kind!r}: use one of {', '.join(ROW_KINDS)}")
    if action in ("kind", "add_statement") and (value.get("kind") or "indirect") not in STATEMENT_KINDS:
        raise CorrectionError(f"unknown kind {value.get('kind')!r}: use one of {', '.join(STATEMENT_KINDS)}")
    if action in ACTOR_ACTIONS and not correction.actor:
        raise CorrectionError(f"{action} needs the actor (its id or name)")
    if action == "merge_actors" and not value.get("into"):
        raise CorrectionError("merge_actors needs the actor to merge into")
    if action in ("speaker", "add_statement") and value.get("speaker") is not None and not value["speaker"].strip():
        raise CorrectionError("the speaker's name is empty: give a name")
    if action in STATEMENT_ACTIONS and (correction.start is None or correction.end is None
                                       or not 0 <= correction.start < correction.end):
        raise CorrectionError(f"{action} needs the statement's span: a start before its end")


def statement_key(store: Store, statement_id: str) -> dict[str, Any]:
    """document_id, start, end, text_hash and row_kind of a stored statement, by its id."""
    rows = store.db.query('SELECT s."document_id", s."start", s."end", s."kind", d."text" FROM statements s '
                          'JOIN documents d ON d."id" = s."document_id" WHERE s."id" = ?', (statement_id,))
    if not rows:
        raise CorrectionError(f"no statement {statement_id!r} in this store: take the id from "
                              "'tealeaves search -f json' or 'tealeaves review'")
    row = rows[0]
    return {"document_id": row["document_id"], "start": int(row["start"]), "end": int(row["end"]),
            "text_hash": text_hash(row["text"]), "row_kind": row_kind_of(row["kind"])}


def span_key(store: Store, document_id: str, start: int, end: int) -> dict[str, Any]:
    """The key of a span of a stored document (a statement the analysis missed)."""
    rows = store.db.query('SELECT "text" FROM documents WHERE "id" = ?', (document_id,))
    if not rows:
        raise CorrectionError(f"no document {document_id!r} in this store: take the id from 'tealeaves search'")
    if not 0 <= start < end <= len(rows[0]["text"]):
        raise CorrectionError(f"span {start}-{end} is not inside document {document_id!r} "
                              f"({len(rows[0]['text'])} characters)")
    return {"document_id": document_id, "start": start, "end": end, "text_hash": text_hash(rows[0]["text"])}


def record(store: Store, correction: Correction) -> int:
    """Store a correction and rewrite the documents it changes, in one transaction (pairs of
    mixed messages across documents that read them are dropped: the next ingest finds them
    again); returns how many documents were rewritten."""
    check(correction)
    correction = dataclasses.replace(correction, at=correction.at or datetime.now(timezone.utc).isoformat())
    if correction.action == "add_statement":
        correction = dataclasses.replace(correction, row_kind=row_kind_of(correction.value.get("kind") or "indirect"))
    if correction.action == "merge_actors" and not correction.value.get("into_name"):
        into = store.actor(correction.value["into"])
        correction = dataclasses.replace(correction, value={**correction.value,
                                                            "into_name": into.name if into else correction.value["into"]})
    row = {name: getattr(correction, name) for name in COLUMNS if name != "value"}
    row["value"] = json.dumps(correction.value, ensure_ascii=False, sort_keys=True)
    with store.db.transaction():
        store.db.execute(f'INSERT INTO "{TABLE}" ({", ".join(f"{chr(34)}{n}{chr(34)}" for n in row)}) '
                         f'VALUES ({", ".join("?" * len(row))})', list(row.values()))
        rewritten = [d for d in _touched(store, correction) if _rewrite(store, d, correction)]
        for document_id in rewritten:  # pairs across documents that read its old statements go
            store.db.execute(f'DELETE FROM "{CROSS_MIXED}" WHERE "document_ids" LIKE ?', (f'%"{document_id}"%',))
        if rewritten:
            store.refresh_corpus_actors()
    return len(rewritten)


def _touched(store: Store, correction: Correction) -> list[str]:
    """The stored documents a correction applies to."""
    if correction.action in ACTOR_ACTIONS:
        rows = store.db.query('SELECT DISTINCT "document_id" FROM actors WHERE "id" = ? OR lower("name") = lower(?)',
                              (correction.actor, correction.actor))
        return sorted(r["document_id"] for r in rows)
    rows = store.db.query('SELECT "id", "text" FROM documents WHERE "id" = ? OR "content_hash" IN '
                          '(SELECT "content_hash" FROM documents WHERE "id" = ?)',
                          (correction.document_id, correction.document_id))
    return sorted(r["id"] for r in rows if text_hash(r["text"]) == correction.text_hash)


def _rewrite(store: Store, document_id: str, correction: Correction) -> bool:
    """Store a document again with one more correction, keeping its corpus columns and its
    place in ingest order (the stored result has every earlier correction already: applied
    again, a removed statement's span could match a neighbour)."""
    own = {*tables.columns("documents"), "pipeline_version", "cluster_id", "n_statements"}
    columns = [c for c in store.db.table_columns("documents") if c not in own]  # the corpus columns
    facts = store.db.query(f'SELECT "pipeline_version", "cluster_id", {", ".join(chr(34) + c + chr(34) for c in columns)} '
                           'FROM documents WHERE "id" = ?', (document_id,))[0]
    result, changed = apply(next(iter(store.results([document_id]))), correction)
    if not changed:
        return False
    token = _rewriting.set(True)
    try:
        store.add(_read_again(result), pipeline_version=facts.pop("pipeline_version"),
                  cluster_id=facts.pop("cluster_id"), extra=facts)
    finally:
        _rewriting.reset(token)
    return True


# --- reading corrections back ----------------------------------------------------------------

def corrections(store: Store, *, limit: Optional[int] = None) -> list[Correction]:
    """The recorded corrections, newest first (all of them, or the last ``limit``)."""
    if not store.db.table_columns(TABLE):
        return []
    sql = f'SELECT * FROM "{TABLE}" ORDER BY "pk" DESC' + (" LIMIT ?" if limit else "")
    return [from_row(row) for row in store.db.query(sql, [limit] if limit else [])]


def review_queue(store: Store, *, limit: int = 20, offset: int = 0) -> list[dict[str, Any]]:
    """Statements no one has corrected or accepted yet, lowest confidence first, with their
    document's title, outlet and day and their speaker's name and side."""
    sql = ('SELECT s."id", s."document_id", s."start", s."end", s."text", s."kind", s."signal", s."confidence", '
           'a."name" AS speaker, a."side" AS side, d."title", d."outlet", d."day" '
           'FROM statements s JOIN documents d ON d."id" = s."document_id" '
           'LEFT JOIN actors a ON a."document_id" = s."document_id" AND a."id" = s."speaker_id" '
           f'WHERE NOT EXISTS (SELECT 1 FROM "{TABLE}" c WHERE c."document_id" = s."document_id" '
           'AND c."start" = s."start" AND c."end" = s."end" AND (c."row_kind" IS NULL OR c."row_kind" = '
           'CASE WHEN s."kind" = \'action\' THEN \'action\' ELSE \'statement\' END)) '
           'ORDER BY s."confidence", d."day", s."document_id", s."pk" LIMIT ? OFFSET ?')
    return store.db.query(sql, (limit, offset))


def labelled(store: Store) -> list[dict[str, Any]]:
    """Statement corrections as labelled data in the shape of ``annotations/`` labels: ``item``
    (``store:<document>:<start>-<end>``), ``code`` (the signal, null for none) and ``annotator``,
    plus the document, offsets and every corrected field; the latest decision of each span wins.
    Spans the analyst removed carry ``not_statement``: no code should be learnt from them."""
    latest: dict[tuple[str, int, int, Optional[str]], dict[str, Any]] = {}
    for correction in reversed(corrections(store)):
        if correction.action not in STATEMENT_ACTIONS or correction.document_id is None:
            continue
        key = (correction.document_id, int(correction.start or 0), int(correction.end or 0), correction.row_kind)
        label = latest.setdefault(key, {
            "item": f"store:{key[0]}:{key[1]}-{key[2]}", "set": "store", "doc": key[0], "start": key[1],
            "end": key[2], "text_hash": correction.text_hash, "row_kind": correction.row_kind, "fields": {}})
        label.update(annotator=correction.who, note=correction.why, at=correction.at)
        if correction.action == "not_statement":
            label["not_statement"] = True
        elif correction.action != "accept":
            label.pop("not_statement", None)
            label["fields"].update(correction.value)
    rows = list(latest.values())
    current = _current_statements(store, rows)
    for label in rows:
        kinds = current.get((label["doc"], label["start"], label["end"]), {})
        named = label.pop("row_kind")
        found = kinds.get(named) if named else next(iter(kinds.values()), None)
        label["kind"] = named or (row_kind_of(found["kind"]) if found else "statement")
        if not label.get("not_statement"):
            label["code"] = label["fields"].get("signal", found["signal"] if found else None)
    return rows


def _current_statements(store: Store, labels: list[dict[str, Any]]) -> dict[tuple[str, int, int],
                                                                             dict[Optional[str], dict[str, Any]]]:
    """The stored rows at the labelled spans by row kind (what an accepted statement was coded)."""
    found: dict[tuple[str, int, int], dict[Optional[str], dict[str, Any]]] = {}
    for document_id in {label["doc"] for label in labels}:
        for row in store.db.query('SELECT "start", "end", "kind", "signal" FROM statements WHERE "document_id" = ?',
                                  (document_id,)):
            found.setdefault((document_id, int(row["start"]), int(row["end"])), {})[row_kind_of(row["kind"])] = row
    return found
