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
import hashlib
import json
import random
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Iterable, Iterator, Optional

from tealeaves.codebook import codebook
from tealeaves.evaluate.invented import InventedError, invented_row, read_invented

REPO = Path(__file__).resolve().parent.parent
DEFAULT_SHARED = REPO.parent / "shared"
DEFAULT_ITEMS = REPO / "annotations" / "items.jsonl"
DEFAULT_JOIN_OUT = REPO / "artifacts" / "annotations.jsonl"
IGNORED_OUTPUT_DIRS = ("artifacts", "test-artifacts")

SEED = 19  # issue #19; changing it changes every item choice
BATCHES = ("A", "B", "C", "D")  # the first round, drawn together by build_items
EXTRA_BATCHES = ("E",)  # later batches appended by extra_items, each chosen for a purpose
EXTRA_SEED = 1905  # seed of batch E; changing it changes every item of E
EXTRA_PER_ARTICLE = 2
# Cue lemmas of moves, from the codebook's cues (threaten .. positive_assessment, hedge aside).
PERFORMATIVE_VERBS = frozenset("""
    warn threaten vow demand urge call insist reject refuse deny accuse blame condemn promise pledge
    offer propose invite admit concede assure reassure appeal press challenge criticize criticise
    denounce dismiss veto oppose welcome praise thank endorse acknowledge apologize apologise
    retract swear guarantee caution order request rule slam attack agree commit decline""".split())
# Words of foreign and security affairs: a sentence naming one is likely to hold a move between states.
WORLD_WORDS = re.compile(r"\b(?:" + "|".join(word.replace("_", r"\s+") for word in r"""
    military war wars warfare troops? soldiers? army navy air_force marines? pentagon defen[cs]e
    sanctions? nuclear missiles? weapons? bomb(?:s|ing|ings)? airstrikes? air_strikes? invasion invade
    ceasefire cease-fire treaty treaties allies ally alliance nato united_nations u\.n diplomats?
    diplomacy diplomatic embassy ambassador foreign terror(?:ism|ists?)? isis isil islamic_state
    al-qaeda taliban refugees? border national_security intelligence regime kremlin putin assad
    russia(?:n|ns)? china chinese iran(?:ian|ians)? iraq(?:i|is)? syria(?:n|ns)? afghanistan afghan
    israel(?:i|is)? palestin(?:e|ian|ians) saudi yemen libya(?:n)? egypt(?:ian)? turkey turkish
    ukrain(?:e|ian) korea(?:n|ns)? pyongyang japan(?:ese)? mexic(?:o|an) cuba(?:n)? germany german
    france french britain british europe(?:an)? venezuela(?:n)? pakistan(?:i)? india(?:n)?
    beijing moscow tehran damascus baghdad kabul""".split()) + r")\b", re.IGNORECASE)
POLNEAR_COUNT = 1760
POLNEAR_PER_ARTICLE = 3
POLNEAR_MIN_WORDS = 3
DOUBLE_COUNT = 320

CRISIS_DIR = Path("corpus/crisis-dev")
PLOVER_FILE = Path("corpus/plover-gsr/plover_gsr_dev.json")
POLNEAR_FILES = {"train": Path("corpus/polnear/polnear_train.jsonl"),
                 "dev": Path("corpus/polnear/polnear_dev.jsonl")}
PLOVER_MARK = re.compile(r"\((SRC|TAR|SRC/TAR|EVT): ([^)]*)\)")
SENTENCE_END = re.compile(r"[.!?][\"'”’)]*\s+(?=[\"'“‘(]?[A-Z0-9])|\n\s*")
ABBREVIATION = re.compile(r"(?:^|[\s(])(?:Mr|Mrs|Ms|Dr|St|Sen|Rep|Gov|Gen|Col|Lt|Sgt|Capt|Prof|Rev|Jr|Sr|"
                          r"No|Vol|vs|[A-Z]|(?:[A-Z]\.)+[A-Z])\.$")


class AnnotationError(Exception):
    """Bad input: the message names the file, the problem and what to do."""


# --- codes ---------------------------------------------------------------------------------

def load_codes() -> dict[str, tuple[str, ...]]:
    """The statement (observers' included) and action codes of the one codebook."""
    book = codebook()
    return {"statement": book.names("statement") + book.names("observer"), "action": book.names("action")}


# --- sampling ------------------------------------------------------------------------------

def item_id(set_name: str, doc: str, start: int, end: int) -> str:
    return f"{set_name}:{doc}:{start}-{end}"


def _nearest(text: str, needle: str, around: int) -> Optional[tuple[int, int]]:
    """The occurrence of needle in text whose start lies nearest to offset around."""
    best = None
    at = text.find(needle)
    while at >= 0 and needle:
        if best is None or abs(at - around) < abs(best - around):
            best = at
        at = text.find(needle, at + 1)
    return None if best is None else (best, best + len(needle))


def crisis_items(crisis_dir: Path) -> list[dict]:
    """Every gold statement and action of crisis-dev; the span is its evidence substring."""
    items = []
    for gold_path in sorted(crisis_dir.glob("*.gold.json")):
        slug = gold_path.name[: -len(".gold.json")]
        text = _read_text(gold_path.with_name(slug + ".txt"))
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        for statement in gold["statements"]:
            evidence = statement["evidence"]
            start = text.find(evidence)
            if start < 0:
                raise AnnotationError(f"{gold_path}: evidence of {statement['id']} is not in "
                                      f"{slug}.txt; fix the gold file")
            end = start + len(evidence)
            quotes = [span for quote in statement.get("quotes", [])
                      if (span := _nearest(text, quote, start))]
            item = {"item": item_id("crisis-dev", slug, start, end), "set": "crisis-dev",
                    "doc": slug, "start": start, "end": end,
                    "kind": "action" if statement["kind"] == "action" else "statement",
                    "ref": statement["id"]}
            if quotes:
                item["content"] = [list(span) for span in quotes]
            items.append(item)
    return items


def _plover_spans(record: dict) -> dict[str, list[list[int]]]:
    """Source and cue offsets from a PLOVER record's markup, when it matches the text."""
    info = record.get("textInfo")
    markup = info.get("markup", "") if isinstance(info, dict) else ""
    plain, spans, last = [], {"source": [], "cue": []}, 0
    length = 0
    for match in PLOVER_MARK.finditer(markup):
        before = markup[last:match.start()]
        plain.append(before)
        length += len(before)
        words = match.group(2)
        role = "cue" if match.group(1) == "EVT" else "source" if "SRC" in match.group(1) else None
        if role:
            spans[role].append([length, length + len(words)])
        plain.append(words)
        length += len(words)
        last = match.end()
    plain.append(markup[last:])
    if "".join(plain) != record["text"]:
        return {}
    return {role: found for role, found in spans.items() if found}


def plover_key(record_id: str) -> str:
    """A neutral name for a PLOVER record: its id spells out its event code, which a reader
    must not see."""
    return "r" + hashlib.sha1(record_id.encode("utf-8")).hexdigest()[:10]


def plover_items(plover_path: Path, action_codes: Iterable[str]) -> list[dict]:
    """Every coded PLOVER record (the documentation record has no text); span = whole text."""
    records = json.loads(plover_path.read_text(encoding="utf-8"))
    actions = set(action_codes)
    items = []
    for record in records:
        if not record.get("text") or not record.get("tealeaves_code"):
            continue
        text = record["text"]
        item = {"item": item_id("plover-dev", plover_key(record["id"]), 0, len(text)), "set": "plover-dev",
                "doc": plover_key(record["id"]), "start": 0, "end": len(text),
                "kind": "action" if record["tealeaves_code"] in actions else "statement"}
        item.update(_plover_spans(record))
        items.append(item)
    return items


def _polnear_candidates(split: str, path: Path) -> Iterator[tuple[str, dict]]:
    """(doc_id, item) for every attribution whose content has at least 3 words."""
    for line_number, line in enumerate(path.open(encoding="utf-8"), 1):
        try:
            doc = json.loads(line)
        except json.JSONDecodeError as error:
            raise AnnotationError(f"{path}:{line_number}: not JSON ({error}); "
                                  "restore the file from the corpus") from None
        seen = set()
        for attribution in doc["attributions"]:
            content = attribution["content"]
            words = sum(len(fragment["text"].split()) for fragment in content)
            if words < POLNEAR_MIN_WORDS:
                continue
            start = min(fragment["start"] for fragment in content)
            end = max(fragment["end"] for fragment in content)
            key = item_id("polnear", doc["doc_id"], start, end)
            if key in seen:  # two attributions of the same words: one item
                continue
            seen.add(key)
            item = {"item": key, "set": "polnear", "doc": doc["doc_id"], "split": split,
                    "start": start, "end": end, "kind": "statement", "ref": attribution["id"]}
            for role in ("source", "cue", "content"):
                if attribution[role]:
                    item[role] = [[span["start"], span["end"]] for span in attribution[role]]
            yield doc["doc_id"], item


def polnear_items(paths: dict[str, Path], count: int, rng: random.Random) -> list[dict]:
    """count attributions, at most 3 an article, spread over as many articles as possible.

    Round k takes a k-th attribution from every article that still has one, articles in a
    random order, until count are taken: no article gives a second before all gave a first.
    """
    by_doc: dict[str, list[dict]] = defaultdict(list)
    for split, path in sorted(paths.items()):
        for doc_id, item in _polnear_candidates(split, path):
            by_doc[f"{split}/{doc_id}"].append(item)
    for key in sorted(by_doc):
        rng.shuffle(by_doc[key])
    return _spread(by_doc, count, rng, Counter(), POLNEAR_PER_ARTICLE)


def assign(items: list[dict], rng: random.Random, double_count: int = DOUBLE_COUNT) -> list[dict]:
    """Shuffle, deal each set round-robin over the batches, mark double_count spread evenly."""
    dealt = 0
    for set_name in sorted({item["set"] for item in items}):
        members = [item for item in items if item["set"] == set_name]
        rng.shuffle(members)
        for item in members:
            item["batch"] = BATCHES[dealt % len(BATCHES)]
            dealt += 1
    order = list(items)
    rng.shuffle(order)
    for item in order:
        item["double"] = False
    per_batch, extra = divmod(double_count, len(BATCHES))
    for index, batch in enumerate(BATCHES):
        members = [item for item in order if item["batch"] == batch]
        for item in rng.sample(members, min(len(members), per_batch + (index < extra))):
            item["double"] = True
    return order


def build_items(shared: Path, polnear_count: int = POLNEAR_COUNT, seed: int = SEED,
                double_count: int = DOUBLE_COUNT) -> list[dict]:
    """The whole item set, the same for the same corpus and seed."""
    rng = random.Random(seed)
    items = crisis_items(shared / CRISIS_DIR)
    items += plover_items(shared / PLOVER_FILE, load_codes()["action"])
    items += polnear_items({split: shared / path for split, path in POLNEAR_FILES.items()},
                           polnear_count, rng)
    return assign(items, rng, double_count)


def cue_lemma(word: str) -> Optional[str]:
    """The performative verb a cue word inflects ("urged" -> "urge", "denies" -> "deny"), else None."""
    word = word.lower().strip(".,;:'\"“”‘’()")
    stems = [word, word[:-1], word[:-2], word[:-3], word[:-3] + "e", word[:-3] + "y", word[:-4],
             word[:-2] + "y" if word.endswith("ies") or word.endswith("ied") else ""]
    return next((stem for stem in stems if stem in PERFORMATIVE_VERBS), None)


def _spread(by_doc: dict[str, list[dict]], count: int, rng: random.Random, taken: Counter,
            per_article: int) -> list[dict]:
    """Up to count items, one from every article (random order) before a second from any, never
    more than per_article from one article counting those already taken."""
    chosen: list[dict] = []
    for round_index in range(per_article):
        docs = sorted(key for key, found in by_doc.items() if len(found) > round_index)
        rng.shuffle(docs)
        for key in docs:
            if len(chosen) == count:
                return chosen
            if taken[key] < per_article:
                taken[key] += 1
                chosen.append(by_doc[key][round_index])
    return chosen


def extra_items(shared: Path, existing: list[dict], batch: str = "E", count: int = 600,
                seed: int = EXTRA_SEED) -> list[dict]:
    """A batch of PolNeAR *train* attributions chosen to over-sample moves: half whose cue is a
    performative verb (pool "cue"), half whose sentence names foreign or security affairs (pool
    "world"); none already in existing, at most 2 an article, the same for the same corpus."""
    rng = random.Random(seed)
    known = {item["item"] for item in existing}
    texts = Texts(shared)
    pools: dict[str, dict[str, list[dict]]] = {"cue": defaultdict(list), "world": defaultdict(list)}
    for doc_id, item in _polnear_candidates("train", shared / POLNEAR_FILES["train"]):
        if item["item"] in known:
            continue
        text = texts.get(item)
        cue_words = _spans_text(text, item.get("cue")).split()
        if any(cue_lemma(word) for word in cue_words):
            pools["cue"][doc_id].append(item)
        if WORLD_WORDS.search(context(text, item["start"], item["end"])[1]):
            pools["world"][doc_id].append(item)
    taken: Counter = Counter()
    chosen: list[dict] = []
    for pool, share in (("cue", count // 2), ("world", count - count // 2)):
        picked = {item["item"] for item in chosen}
        by_doc = {doc: [item for item in found if item["item"] not in picked]
                  for doc, found in sorted(pools[pool].items())}
        for found in by_doc.values():
            rng.shuffle(found)
        for item in _spread(by_doc, share, rng, taken, EXTRA_PER_ARTICLE):
            chosen.append({**item, "batch": batch, "double": False, "pool": pool})
    rng.shuffle(chosen)
    return chosen


def write_jsonl(path: Path, rows: Iterable[dict]) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    count = 0
    with path.open("w", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
            count += 1
    return count


def read_items(path: Path) -> list[dict]:
    if not path.exists():
        raise AnnotationError(f"{path}: no item file; run `python tools/annotate.py sample` first")
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


# --- texts ---------------------------------------------------------------------------------

def _read_text(path: Path) -> str:
    if not path.exists():
        raise AnnotationError(f"{path}: missing; give the corpus directory with --shared")
    return path.read_text(encoding="utf-8")


class Texts:
    """Document texts of ../shared by (set, doc), each file read once."""

    def __init__(self, shared: Path):
        self.shared = shared
        self._polnear: dict[str, dict[str, str]] = {}
        self._plover: Optional[dict[str, str]] = None

    def get(self, item: dict) -> str:
        if item["set"] == "crisis-dev":
            return _read_text(self.shared / CRISIS_DIR / f"{item['doc']}.txt")
        if item["set"] == "plover-dev":
            if self._plover is None:
                records = json.loads(_read_text(self.shared / PLOVER_FILE))
                self._plover = {plover_key(r["id"]): r.get("text", "") for r in records if "id" in r}
            return self._plover[item["doc"]]
        split = item["split"]
        if split not in self._polnear:
            path = self.shared / POLNEAR_FILES[split]
            self._polnear[split] = {d["doc_id"]: d["text"] for d in
                                    map(json.loads, _read_text(path).splitlines())}
        return self._polnear[split][item["doc"]]


def sentence_bounds(text: str) -> list[tuple[int, int]]:
    """Rough sentence spans (enough to show a reader the context)."""
    bounds, start = [], 0
    for match in SENTENCE_END.finditer(text):
        if text[match.start()] == "." and ABBREVIATION.search(text[max(0, match.start() - 8):match.start() + 1]):
            continue  # "Mr. Lou", "U.S. officials"
        if match.start() + 1 > start:
            bounds.append((start, match.start() + 1))
        start = match.end()
    if start < len(text):
        bounds.append((start, len(text)))
    return [(s, e) for s, e in bounds if text[s:e].strip()]


def context(text: str, start: int, end: int) -> tuple[str, str, str]:
    """(sentence before, the sentence(s) holding start..end, sentence after)."""
    before, (first, last), after = _context_bounds(text, start, end)
    return before, text[first:last].strip(), after


def _context_bounds(text: str, start: int, end: int) -> tuple[str, tuple[int, int], str]:
    """(sentence before, offsets of the sentence(s) holding start..end, sentence after)."""
    bounds = sentence_bounds(text) or [(0, len(text))]
    inside = [i for i, (s, e) in enumerate(bounds) if s < end and e > start] or [0]
    first, last = inside[0], inside[-1]
    before = text[slice(*bounds[first - 1])] if first > 0 else ""
    after = text[slice(*bounds[last + 1])] if last + 1 < len(bounds) else ""
    return before.strip(), (bounds[first][0], bounds[last][1]), after.strip()


def window(text: str, item: dict) -> dict:
    """The item's sentence(s) with its span, source, cue and content as offsets into them, so
    that a trainer can parse the window alone and rebuild the statement (``window_text``,
    ``window``: {"span": [s, e], "source"/"cue"/"content": [[s, e], ...]})."""
    _, (first, last), _ = _context_bounds(text, item["start"], item["end"])
    first, last = min(first, item["start"]), max(last, item["end"])
    for part in ("source", "cue", "content"):
        for s, e in item.get(part) or ():
            first, last = min(first, s), max(last, e)
    shifted = {"span": [item["start"] - first, item["end"] - first]}
    for part in ("source", "cue", "content"):
        shifted[part] = [[s - first, e - first] for s, e in item.get(part) or ()]
    return {"window_text": text[first:last], "window": shifted}


def crisis_speaker(shared: Path, item: dict) -> str:
    """Who the gold says speaks (name, kind, side): not the code, which readers must decide."""
    gold = json.loads(_read_text(shared / CRISIS_DIR / f"{item['doc']}.gold.json"))
    speaker = next((s.get("speaker") for s in gold["statements"] if s["id"] == item.get("ref")), None)
    actor = next((a for a in gold["actors"] if a["id"] == speaker), None)
    if actor is None:
        return speaker or "unknown"
    return f"{actor.get('name', speaker)} ({actor.get('kind')}, side: {actor.get('side') or 'observer'})"


def speaker_kind(shared: Path, item: dict) -> Optional[str]:
    """The gold actor kind of a crisis-dev item's speaker (official, analyst, ...), else None:
    PolNeAR and PLOVER name their source only by its words."""
    if item["set"] != "crisis-dev":
        return None
    gold = json.loads(_read_text(shared / CRISIS_DIR / f"{item['doc']}.gold.json"))
    speaker = next((s.get("speaker") for s in gold["statements"] if s["id"] == item.get("ref")), None)
    return next((a.get("kind") for a in gold["actors"] if a["id"] == speaker), None)


def _spans_text(text: str, spans: Optional[list]) -> str:
    return " … ".join(" ".join(text[s:e].split()) for s, e in spans or [])


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
            print(f"  source:  {_spans_text(text, item['source'])}")
        if item.get("cue"):
            print(f"  cue:     {_spans_text(text, item['cue'])}")
        print(f"  span:    {_spans_text(text, [[item['start'], item['end']]])}")
        if item.get("content") and item["set"] != "polnear":
            print(f"  quoted:  {_spans_text(text, item['content'])}")
        elif item.get("content") and len(item["content"]) > 1:
            print(f"  content: {_spans_text(text, item['content'])}")
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
                     "source": _spans_text(text, item.get("source")),
                     "cue": _spans_text(text, item.get("cue")),
                     "content": _spans_text(text, item.get("content")),
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
