"""Annotation tooling for issue #19: choose the items, show them to readers, check and compare labels.

Annotators give each item one code of docs/codebook.md (or null). The valid codes are read
from the codebook (src/tealeaves/data/codebook.yaml). Article texts stay in ../shared and are
read at run time: annotations/items.jsonl holds offsets only.

Commands (run from the repository root with the project's python):

  python tools/annotate.py sample [--shared DIR] [--out annotations/items.jsonl]
      Select the items deterministically (fixed seed) and write them, one JSON object a line:
      {"item": "<set>:<doc>:<start>-<end>", "set", "doc", "start", "end", "kind", "batch",
       "double", and where known "split", "ref" (gold statement or attribution id),
       "source"/"cue"/"content": [[start, end], ...]}.
      Sets: crisis-dev (every gold statement and action, span = its evidence), plover-dev (every
      coded record, span = the whole text), polnear (about 1,760 attributions of train and dev,
      span = first to last content fragment, content of 3 words or more, at most 3 an article,
      one from every article before a second from any). Items go to batches A-D (near-equal,
      every set in every batch) and 320 of them, 80 a batch, form the double-annotation sample.

  python tools/annotate.py show A [--from 1] [--count 20]
  python tools/annotate.py show --double [--from 1] [--count 20]
      Print items for a reader, numbered within the batch (or within the double sample): the
      item id, source, cue, content and the sentence(s) of the item with one sentence either side.

  python tools/annotate.py check annotations/labels-A.jsonl
      Validate a label file (each line {"item", "code", "annotator", "note"?}; known item, valid
      code or null, no duplicates) and count what is done per batch. Exit status 1 on errors.

  python tools/annotate.py kappa annotations/labels-A.jsonl annotations/labels-double-2.jsonl
      Cohen's kappa and raw agreement on the items both files label (null is a category), and
      the pairs of codes the two disagree on most.

  python tools/annotate.py join annotations/labels-*.jsonl [--out artifacts/annotations.jsonl]
      Labels plus the texts -> training/evaluation rows {item, set, kind, text, source, cue,
      content, code, annotators, doc, batch, speaker_kind, window_text, window}: ``window_text`` is
      the item's sentence(s) and ``window`` its span/source/cue/content as offsets into it. Items
      whose labels disagree are left out (and counted) until adjudicated. ``--invented FILE...``
      appends invented items (set "invented", text from the file; evaluate/invented.py).
      Writes only outside the repository or under its git-ignored artifacts/.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Optional

from annotation_items import (
    BATCHES,
    DEFAULT_ITEMS,
    DEFAULT_SHARED,
    EXTRA_BATCHES,
    REPO,
    AnnotationError,
    Texts,
    build_items,
    context,
    crisis_speaker,
    extra_items,
    load_codes,
    read_items,
    spans_text,
    speaker_kind,
    window,
    write_jsonl,
)
from tealeaves.evaluate.invented import InventedError, invented_row, read_invented

DEFAULT_JOIN_OUT = REPO / "artifacts" / "annotations.jsonl"
IGNORED_OUTPUT_DIRS = ("artifacts", "test-artifacts")


# --- commands ------------------------------------------------------------------------------

def cmd_sample(args) -> int:
    if args.extra:
        return _sample_extra(args)
    items = build_items(args.shared)
    written = write_jsonl(args.out, items)
    counts = Counter(item["set"] for item in items)
    batches = Counter(item["batch"] for item in items)
    doubles = Counter(item["batch"] for item in items if item["double"])
    print(f"wrote {written} items to {args.out}")
    print("per set:   " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
    print("per batch: " + ", ".join(f"{k} {batches[k]} ({doubles[k]} double)" for k in BATCHES))
    return 0


def _sample_extra(args) -> int:
    """Append batch args.extra to the item file, leaving the items already there unchanged."""
    if args.extra not in EXTRA_BATCHES:
        raise AnnotationError(f"sample --extra: batch must be one of {', '.join(EXTRA_BATCHES)}")
    existing = read_items(args.out)
    if any(item["batch"] == args.extra for item in existing):
        raise AnnotationError(f"{args.out}: batch {args.extra} is already there; it is appended once")
    items = extra_items(args.shared, existing, args.extra, args.count)
    with args.out.open("a", encoding="utf-8") as out:
        for item in items:
            out.write(json.dumps(item, ensure_ascii=False) + "\n")
    pools = Counter(item["pool"] for item in items)
    print(f"appended {len(items)} items of batch {args.extra} to {args.out}: "
          + ", ".join(f"{pool} {n}" for pool, n in sorted(pools.items())))
    return 0


def selected(items: list[dict], batch: Optional[str], double: bool) -> list[dict]:
    if double:
        return [item for item in items if item["double"]]
    return [item for item in items if item["batch"] == batch]


def cmd_show(args) -> int:
    if not args.double and args.batch not in BATCHES + EXTRA_BATCHES:
        raise AnnotationError(f"show: give a batch ({', '.join(BATCHES + EXTRA_BATCHES)}) or --double")
    items = selected(read_items(args.items), args.batch, args.double)
    texts = Texts(args.shared)
    first = max(args.start, 1)
    for number, item in enumerate(items[first - 1:first - 1 + args.count], first):
        text = texts.get(item)
        before, sentence, after = context(text, item["start"], item["end"])
        print(f"#{number}  {item['item']}   [{item['kind']}]")
        if item["set"] == "crisis-dev":
            print(f"  speaker: {crisis_speaker(args.shared, item)}")
        elif item.get("source"):
            print(f"  source:  {spans_text(text, item['source'])}")
        if item.get("cue"):
            print(f"  cue:     {spans_text(text, item['cue'])}")
        print(f"  span:    {spans_text(text, [[item['start'], item['end']]])}")
        if item.get("content") and item["set"] != "polnear":
            print(f"  quoted:  {spans_text(text, item['content'])}")
        elif item.get("content") and len(item["content"]) > 1:
            print(f"  content: {spans_text(text, item['content'])}")
        print(f"  before:  {' '.join(before.split())}")
        print(f"  SENTENCE: {' '.join(sentence.split())}")
        print(f"  after:   {' '.join(after.split())}")
        print()
    print(f"({len(items)} items in {'the double sample' if args.double else 'batch ' + args.batch})")
    return 0


def read_labels(path: Path, known: dict[str, dict], codes: set[str]) -> tuple[list[dict], list[str]]:
    """The label lines of path and a list of problems (each naming the file and line)."""
    if not path.exists():
        raise AnnotationError(f"{path}: no such label file")
    labels, problems, seen = [], [], {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        where = f"{path}:{number}"
        if not line.strip():
            continue
        try:
            label = json.loads(line)
        except json.JSONDecodeError as error:
            problems.append(f"{where}: not JSON ({error.msg}); write one JSON object a line")
            continue
        if not isinstance(label, dict) or not {"item", "code", "annotator"} <= set(label):
            problems.append(f'{where}: needs "item", "code" and "annotator"')
            continue
        if set(label) - {"item", "code", "annotator", "note"}:
            problems.append(f"{where}: unknown field(s) {sorted(set(label) - {'item', 'code', 'annotator', 'note'})}")
        if label["item"] not in known:
            problems.append(f"{where}: unknown item {label['item']!r}; copy the id from `show`")
            continue
        if label["code"] is not None and label["code"] not in codes:
            hint = ' (write null, without quotes, for "no code")' if str(label["code"]).lower() in {
                "none", "null", "—", "-", ""} else ""
            problems.append(f"{where}: unknown code {label['code']!r}{hint}; codes are in docs/codebook.md")
            continue
        if not isinstance(label["annotator"], str) or not label["annotator"].strip():
            problems.append(f"{where}: annotator must be your name")
            continue
        if label["item"] in seen:
            problems.append(f"{where}: duplicate of line {seen[label['item']]} for {label['item']}; keep one")
            continue
        seen[label["item"]] = number
        labels.append(label)
    return labels, problems


def cmd_check(args) -> int:
    items = read_items(args.items)
    known = {item["item"]: item for item in items}
    codes = load_codes()
    labels, problems = read_labels(args.file, known, set(codes["statement"] + codes["action"]))
    actions = set(codes["action"])
    for label in labels:
        kind = known[label["item"]]["kind"]
        if label["code"] in actions and kind == "statement" or \
                label["code"] not in actions | {None} and kind == "action":
            print(f"note: {label['item']} is a {kind} coded {label['code']}; right? (codebook: kinds)")
    for problem in problems:
        print(problem)
    done = Counter(known[label["item"]]["batch"] for label in labels)
    total = Counter(item["batch"] for item in items)
    double_done = sum(known[label["item"]]["double"] for label in labels)
    print(f"{args.file}: {len(labels)} valid labels, {len(problems)} problem(s)")
    print("done per batch: " + ", ".join(f"{b} {done[b]}/{total[b]}" for b in BATCHES + EXTRA_BATCHES
                                         if total[b]))
    print(f"double sample: {double_done}/{sum(item['double'] for item in items)}")
    return 1 if problems else 0


def kappa(pairs: list[tuple[Optional[str], Optional[str]]]) -> dict:
    """Cohen's kappa, raw agreement and disagreements of paired labels (None is a category)."""
    n = len(pairs)
    if not n:
        return {"n": 0, "agreement": None, "kappa": None, "disagreements": []}
    observed = sum(a == b for a, b in pairs) / n
    first, second = Counter(a for a, _ in pairs), Counter(b for _, b in pairs)
    expected = sum(first[code] * second[code] for code in first) / (n * n)
    value = 1.0 if expected == 1 else (observed - expected) / (1 - expected)
    disagreements = Counter(tuple(sorted((a or "null", b or "null"))) for a, b in pairs if a != b)
    return {"n": n, "agreement": observed, "kappa": value,
            "disagreements": disagreements.most_common()}


def cmd_kappa(args) -> int:
    items = read_items(args.items)
    known = {item["item"]: item for item in items}
    codes = load_codes()
    valid = set(codes["statement"] + codes["action"])
    labels = []
    for path in (args.file_a, args.file_b):
        found, problems = read_labels(path, known, valid)
        if problems:
            raise AnnotationError(f"{path}: {len(problems)} problem(s), first: {problems[0]}; "
                                  "run `check` and fix them first")
        labels.append({label["item"]: label["code"] for label in found})
    both = sorted(set(labels[0]) & set(labels[1]))
    result = kappa([(labels[0][item], labels[1][item]) for item in both])
    if not result["n"]:
        print("no item is labelled in both files")
        return 1
    print(f"n = {result['n']} items labelled in both")
    print(f"raw agreement = {result['agreement']:.3f}")
    print(f"Cohen's kappa = {result['kappa']:.3f}")
    for set_name in sorted({known[item]["set"] for item in both}):
        part = kappa([(labels[0][i], labels[1][i]) for i in both if known[i]["set"] == set_name])
        print(f"  {set_name}: n {part['n']}, agreement {part['agreement']:.3f}, kappa {part['kappa']:.3f}")
    if result["disagreements"]:
        print("disagreements (codes, count):")
        for (a, b), count in result["disagreements"][:15]:
            print(f"  {a} / {b}: {count}")
    return 0


def inside_repo_unignored(path: Path) -> bool:
    resolved = path.resolve()
    try:
        relative = resolved.relative_to(REPO)
    except ValueError:
        return False
    return not relative.parts or relative.parts[0] not in IGNORED_OUTPUT_DIRS


def cmd_join(args) -> int:
    if inside_repo_unignored(args.out):
        raise AnnotationError(f"{args.out}: rows hold article text and must never be committed; "
                              "write under artifacts/ or outside the repository")
    items = read_items(args.items)
    known = {item["item"]: item for item in items}
    codes = load_codes()
    valid = set(codes["statement"] + codes["action"])
    by_item: dict[str, list[dict]] = defaultdict(list)
    for path in args.labels:
        found, problems = read_labels(path, known, valid)
        if problems:
            raise AnnotationError(f"{path}: {len(problems)} problem(s), first: {problems[0]}; "
                                  "run `check` and fix them first")
        for label in found:
            by_item[label["item"]].append(label)
    texts = Texts(args.shared)
    for path in args.adjudicated or ():
        found, problems = read_labels(path, known, valid)
        if problems:
            raise AnnotationError(f"{path}: {len(problems)} problem(s), first: {problems[0]}")
        for label in found:
            by_item[label["item"]] = [label]  # the adjudicated label settles the item
    rows, disputed = [], 0
    for item_key in (item["item"] for item in items):
        labels = by_item.get(item_key)
        if not labels:
            continue
        if len({label["code"] for label in labels}) > 1:
            disputed += 1
            continue
        item = known[item_key]
        text = texts.get(item)
        rows.append({"item": item_key, "set": item["set"], "kind": item["kind"],
                     "text": text[item["start"]:item["end"]],
                     "sentence": context(text, item["start"], item["end"])[1],
                     "source": spans_text(text, item.get("source")),
                     "cue": spans_text(text, item.get("cue")),
                     "content": spans_text(text, item.get("content")),
                     "code": labels[0]["code"],
                     "annotators": sorted({label["annotator"] for label in labels}),
                     "doc": item["doc"], "batch": item.get("batch"),
                     "speaker_kind": speaker_kind(args.shared, item), **window(text, item)})
    try:
        invented = [invented_row(item) for item in read_invented(args.invented or (), valid)]
    except InventedError as error:
        raise AnnotationError(str(error)) from error
    write_jsonl(args.out, rows + invented)
    print(f"wrote {len(rows)} rows and {len(invented)} invented to {args.out}; "
          f"{disputed} item(s) left out: labels disagree")
    return 0


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(description=__doc__.split("\n")[0],
                                  formatter_class=argparse.RawDescriptionHelpFormatter)
    top.add_argument("--shared", type=Path, default=DEFAULT_SHARED,
                     help="the shared corpus directory (default: ../shared)")
    top.add_argument("--items", type=Path, default=DEFAULT_ITEMS, help="the item file")
    commands = top.add_subparsers(dest="command", required=True)
    sample = commands.add_parser("sample", help="select the items and write the item file")
    sample.add_argument("--out", type=Path, default=DEFAULT_ITEMS)
    sample.add_argument("--extra", metavar="BATCH", help="append this later batch (E) instead of "
                        "drawing the first round")
    sample.add_argument("--count", type=int, default=600, help="items of the --extra batch")
    sample.set_defaults(run=cmd_sample)
    show = commands.add_parser("show", help="print items of a batch for a reader")
    show.add_argument("batch", nargs="?", help="A, B, C, D or E")
    show.add_argument("--from", dest="start", type=int, default=1, help="first item number (1-based)")
    show.add_argument("--count", type=int, default=20, help="how many items")
    show.add_argument("--double", action="store_true", help="the double-annotation sample instead")
    show.set_defaults(run=cmd_show)
    check = commands.add_parser("check", help="validate a label file")
    check.add_argument("file", type=Path)
    check.set_defaults(run=cmd_check)
    agreement = commands.add_parser("kappa", help="agreement of two label files")
    agreement.add_argument("file_a", type=Path)
    agreement.add_argument("file_b", type=Path)
    agreement.set_defaults(run=cmd_kappa)
    join = commands.add_parser("join", help="labels + texts -> rows (never committed)")
    join.add_argument("labels", type=Path, nargs="+")
    join.add_argument("--adjudicated", type=Path, action="append", metavar="FILE",
                      help="labels that settle their items whatever the others say (repeatable)")
    join.add_argument("--invented", type=Path, nargs="*", metavar="FILE",
                      help="invented items (annotations/invented-*.jsonl): text in the file, training only")
    join.add_argument("--out", type=Path, default=DEFAULT_JOIN_OUT)
    join.set_defaults(run=cmd_join)
    return top


def main(argv: Optional[list[str]] = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.run(args)
    except AnnotationError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
