"""Output snapshot: one SHA-256 per document of the pipeline's canonical JSON.

A refactor must not change what tealeaves reads. ``tests/e2e/test_snapshot.py`` runs the pipeline
over the bundled example, our own test articles and, when ``../shared`` is present, every gold
set there, and compares each document's hash with ``tests/data/snapshot.json`` (hashes only:
no article text is stored). A deliberate output change re-records it in the same commit.

    python tools/snapshot.py record              # write tests/data/snapshot.json
    python tools/snapshot.py check               # list the documents whose output changed
    python tools/snapshot.py dump DIR            # keep every document's full JSON in DIR
    python tools/snapshot.py diff DIR KEY        # statement-level diff of KEY against DIR
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path
from typing import Any, Iterator, Mapping, Optional, Sequence

from tealeaves.evaluate.gold import load_gold
from tealeaves.models import Document
from tealeaves.pipeline import analyze_documents

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "corpus"
SNAPSHOT = ROOT / "tests" / "data" / "snapshot.json"
PACKAGE_TEXTS = ROOT / "src" / "tealeaves" / "examples"
TEST_TEXTS = ROOT / "tests" / "data" / "signals"


def own_sets() -> dict[str, list[Document]]:
    """The texts that ship with the project: the bundled example and our test articles."""
    sets = {}
    for name, folder in (("examples", PACKAGE_TEXTS), ("test-articles", TEST_TEXTS)):
        sets[name] = [_text_document(path) for path in sorted(folder.glob("*.txt"))]
    return sets


def shared_sets(include_train: bool = True) -> dict[str, list[Document]]:
    """Every gold set in ../shared that is present, its documents in file order."""
    files = {
        "seed": [SHARED / "seed" / "gold.json"],
        "crisis-dev": sorted((SHARED / "crisis-dev").glob("*.gold.json")),
        "polnear-dev": [SHARED / "polnear" / "polnear_dev.jsonl"],
        "plover-dev": [SHARED / "plover-gsr" / "plover_gsr_dev.json"],
    }
    if include_train:
        files["polnear-train"] = [SHARED / "polnear" / "polnear_train.jsonl"]
    sets = {}
    for name, paths in files.items():
        present = [p for p in paths if p.is_file()]
        if present:
            sets[name] = [gold.document for path in present for gold in load_gold(path)]
    return sets


def _text_document(path: Path) -> Document:
    text = path.read_bytes().decode("utf-8")
    return Document(id=hashlib.sha256(text.encode()).hexdigest()[:16], source=str(path), text=text)


def document_key(document: Document) -> str:
    """A name for a document that does not depend on where the checkout lies."""
    return f"{Path(document.source.split('#')[0]).name}#{document.id}"


def canonical(result_dict: Mapping[str, Any]) -> str:
    """The result's JSON with keys sorted, the machine-dependent ``source`` path cut to its file
    name and every number with a fraction rounded to two places (as shown to a reader): the last
    digits of the encoder's and the model's arithmetic differ between CPUs, the reading does not."""
    record = dict(result_dict)
    record["source"] = Path(str(record.get("source", ""))).name
    return json.dumps(_rounded(record), sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def _rounded(value: Any) -> Any:
    if isinstance(value, float):
        return round(value, 2)
    if isinstance(value, Mapping):
        return {key: _rounded(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_rounded(item) for item in value]
    return value


def readings(documents: Sequence[Document], n_process: int = 1) -> Iterator[tuple[str, str]]:
    """(key, canonical JSON) of each document's analysis, in input order."""
    for document, result in zip(documents, analyze_documents(documents, n_process=n_process)):
        yield document_key(document), canonical(result.to_dict())


def hashes(documents: Sequence[Document], n_process: int = 1) -> dict[str, str]:
    return {key: hashlib.sha256(text.encode()).hexdigest() for key, text in readings(documents, n_process)}


def changed(recorded: Mapping[str, str], now: Mapping[str, str]) -> list[str]:
    """Keys whose hash differs, or that one side lacks."""
    return sorted(k for k in set(recorded) | set(now) if recorded.get(k) != now.get(k))


def statement_diff(before: Mapping[str, Any], after: Mapping[str, Any]) -> list[str]:
    """Lines naming each statement added, removed or changed (field by field) between two
    readings of one document, statements matched by their span."""
    def by_span(reading: Mapping[str, Any]) -> dict[tuple[int, int], Mapping[str, Any]]:
        return {(s["start"], s["end"]): s for s in reading.get("statements", ())}

    old, new = by_span(before), by_span(after)
    lines = []
    for span in sorted(set(old) | set(new)):
        if span not in new:
            lines.append(f"- {span} {old[span]['kind']} {old[span]['text'][:80]!r}")
        elif span not in old:
            lines.append(f"+ {span} {new[span]['kind']} {new[span]['text'][:80]!r}")
        else:
            fields = sorted(k for k in set(old[span]) | set(new[span]) if old[span].get(k) != new[span].get(k))
            for name in fields:
                lines.append(f"~ {span} {name}: {old[span].get(name)!r} -> {new[span].get(name)!r}")
    for name in sorted(set(before) | set(after)):
        if name != "statements" and before.get(name) != after.get(name):
            lines.append(f"~ document {name} changed")
    return lines


def _all_sets(include_train: bool) -> dict[str, list[Document]]:
    return {**own_sets(), **shared_sets(include_train)}


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("action", choices=("record", "check", "dump", "diff"))
    parser.add_argument("folder", nargs="?", type=Path, help="where dump writes and diff reads full readings")
    parser.add_argument("key", nargs="?", help="diff: the document key (as check prints it)")
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--no-train", action="store_true", help="leave PolNeAR train out (faster)")
    args = parser.parse_args(argv)
    sets = _all_sets(not args.no_train)
    if args.action == "record":
        recorded = {name: hashes(docs, args.processes) for name, docs in sets.items()}
        SNAPSHOT.write_text(json.dumps(recorded, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        print(f"{SNAPSHOT}: {sum(map(len, recorded.values()))} documents in {len(recorded)} sets")
        return 0
    if args.action == "check":
        recorded = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
        bad = 0
        for name, docs in sets.items():
            keys = changed(recorded.get(name, {}), hashes(docs, args.processes))
            bad += len(keys)
            print(f"{name}: {len(docs)} documents, {len(keys)} changed", *keys, sep="\n  ")
        return 1 if bad else 0
    if args.folder is None:
        parser.error(f"{args.action} needs a folder")
    if args.action == "dump":
        args.folder.mkdir(parents=True, exist_ok=True)
        for docs in sets.values():
            for key, text in readings(docs, args.processes):
                (args.folder / (key.replace("/", "_") + ".json")).write_text(text, encoding="utf-8")
        return 0
    if not args.key:
        parser.error("diff needs a document key")
    docs = [d for group in sets.values() for d in group if document_key(d) == args.key]
    if not docs:
        parser.error(f"no document with key {args.key!r}")
    before = json.loads((args.folder / (args.key.replace("/", "_") + ".json")).read_text(encoding="utf-8"))
    after = json.loads(next(readings(docs[:1]))[1])
    print("\n".join(statement_diff(before, after)) or "no difference")
    return 0


if __name__ == "__main__":
    sys.exit(main())
