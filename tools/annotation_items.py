"""The annotated items of issue #19: which spans of ../shared are chosen for readers (a fixed
seed), and the texts, sentences and windows they are read in. Article texts stay in ../shared and
are read at run time: annotations/items.jsonl holds offsets only. tools/annotate.py is the
command line over this module (sample, show, check, kappa, join)."""

from __future__ import annotations

import json
import random
import re
from collections import Counter, defaultdict
from pathlib import Path
from typing import Iterable, Iterator, Optional

from tealeaves.codebook import codebook
from tealeaves.evaluate.signal_loao import event_key

REPO = Path(__file__).resolve().parent.parent
DEFAULT_SHARED = REPO.parent / "shared"
DEFAULT_ITEMS = REPO / "annotations" / "items.jsonl"

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
        text = read_text(gold_path.with_name(slug + ".txt"))
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
    return event_key(record_id)


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
        cue_words = spans_text(text, item.get("cue")).split()
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

def read_text(path: Path) -> str:
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
            return read_text(self.shared / CRISIS_DIR / f"{item['doc']}.txt")
        if item["set"] == "plover-dev":
            if self._plover is None:
                records = json.loads(read_text(self.shared / PLOVER_FILE))
                self._plover = {plover_key(r["id"]): r.get("text", "") for r in records if "id" in r}
            return self._plover[item["doc"]]
        split = item["split"]
        if split not in self._polnear:
            path = self.shared / POLNEAR_FILES[split]
            self._polnear[split] = {d["doc_id"]: d["text"] for d in
                                    map(json.loads, read_text(path).splitlines())}
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
    gold = json.loads(read_text(shared / CRISIS_DIR / f"{item['doc']}.gold.json"))
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
    gold = json.loads(read_text(shared / CRISIS_DIR / f"{item['doc']}.gold.json"))
    speaker = next((s.get("speaker") for s in gold["statements"] if s["id"] == item.get("ref")), None)
    return next((a.get("kind") for a in gold["actors"] if a["id"] == speaker), None)


def spans_text(text: str, spans: Optional[list]) -> str:
    return " … ".join(" ".join(text[s:e].split()) for s, e in spans or [])
