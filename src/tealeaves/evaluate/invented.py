"""Invented training items: sentences we wrote from the codebook, each with its code.

``annotations/invented-*.jsonl`` holds one JSON object a line (format: annotations/README.md):
the text itself (ours, so it may live in the repository), the speaker mention, the cue and
what was said (or, for a deed, the actor, the deed verb and its object) as exact substrings,
the speaker's kind and the code. They add examples of the codes the real corpus starves
(threaten, reassure, engage, deed codes). They only ever train: cross-validation scores the
real items alone (``evaluate.signal_cv``), so a figure never rests on a sentence we wrote.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Iterable, Optional

INVENTED_SET = "invented"
KINDS = ("statement", "action")
SPEAKER_KINDS = ("party", "observer")
REQUIRED = ("item", "kind", "text", "source", "cue", "content", "code")
OPTIONAL = ("speaker_kind", "author", "note")


class InventedError(ValueError):
    """An invented-item file cannot be used; the message names the file, the line and the fix."""


def _problems(item: dict, codes: set[str]) -> list[str]:
    """What is wrong with one parsed item (empty when it is usable)."""
    missing = [name for name in REQUIRED if name not in item]
    if missing:
        return [f"needs {', '.join(missing)}"]
    problems = []
    unknown = set(item) - set(REQUIRED) - set(OPTIONAL)
    if unknown:
        problems.append(f"unknown field(s) {sorted(unknown)}")
    if not str(item["item"]).startswith(f"{INVENTED_SET}:"):
        problems.append(f'item id {item["item"]!r} must start with "{INVENTED_SET}:"')
    if item["kind"] not in KINDS:
        problems.append(f"kind {item['kind']!r} is neither of {', '.join(KINDS)}")
    if item.get("speaker_kind") is not None and item["speaker_kind"] not in SPEAKER_KINDS:
        problems.append(f"speaker_kind {item['speaker_kind']!r} is neither of {', '.join(SPEAKER_KINDS)}")
    if item["code"] is not None and item["code"] not in codes:
        problems.append(f"unknown code {item['code']!r} (null for no code; codes are in docs/codebook.md)")
    text = item["text"] if isinstance(item["text"], str) else ""
    if not text.strip():
        problems.append("empty text")
    for part in ("source", "cue", "content"):
        needle = item[part]
        if not isinstance(needle, str) or (not needle and part != "content"):
            problems.append(f"{part} must be a non-empty substring of text")
        elif needle and text.count(needle) != 1:
            problems.append(f"{part} {needle!r} occurs {text.count(needle)} times in text, not once; "
                            "give a longer substring")
    return problems


def read_invented(paths: Iterable[Path], codes: Iterable[str]) -> list[dict]:
    """The items of the files, checked (codes valid, substrings found once, ids unique across
    files); raises ``InventedError`` listing the first problems."""
    known = set(codes)
    items: list[dict] = []
    problems: list[str] = []
    seen: dict[str, str] = {}
    for path in paths:
        try:
            lines = Path(path).read_text("utf-8").splitlines()
        except OSError as error:
            raise InventedError(f"{path}: cannot read it ({error.strerror})") from error
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            where = f"{path}:{number}"
            try:
                item = json.loads(line)
            except json.JSONDecodeError as error:
                problems.append(f"{where}: not JSON ({error.msg}); write one JSON object a line")
                continue
            if not isinstance(item, dict):
                problems.append(f"{where}: not a JSON object")
                continue
            found = _problems(item, known)
            if not found and item["item"] in seen:
                found = [f"duplicate id {item['item']!r} (first at {seen[item['item']]}); ids are unique across files"]
            problems += [f"{where}: {problem}" for problem in found]
            if not found:
                seen[item["item"]] = where
                items.append(item)
    if problems:
        more = f" (and {len(problems) - 3} more)" if len(problems) > 3 else ""
        raise InventedError("; ".join(problems[:3]) + more + "; fix the item(s) or leave them out")
    return items


def _offsets(text: str, needle: str) -> list[list[int]]:
    if not needle:
        return []
    start = text.index(needle)
    return [[start, start + len(needle)]]


def invented_row(item: dict) -> dict:
    """An item as a joined row (the fields ``tools/annotate.py join`` writes): the window is the
    whole text and the span runs from the first to the last of source, cue and content."""
    text = item["text"]
    window: dict[str, list] = {part: _offsets(text, item[part]) for part in ("source", "cue", "content")}
    edges = [edge for pairs in window.values() for pair in pairs for edge in pair]
    start, end = min(edges), max(edges)
    window["span"] = [start, end]
    speaker: Optional[str] = item.get("speaker_kind")
    return {"item": item["item"], "set": INVENTED_SET, "kind": item["kind"], "text": text[start:end],
            "sentence": text, "source": item["source"], "cue": item["cue"], "content": item["content"],
            "code": item["code"], "annotators": [item.get("author") or "invented"], "doc": item["item"],
            "batch": None, "speaker_kind": speaker, "window_text": text, "window": window}
