"""Metadata for a plain-text article: YAML front matter, or a sidecar file beside it.

A ``.txt`` or ``.md`` article has no title, outlet, date or URL of its own. Either its text
opens with a YAML block between two ``---`` lines (front matter, as Markdown sites write it),
or a sidecar file sits beside it: ``article.meta.json``, ``article.meta.yaml`` or
``article.meta.yml`` for ``article.txt``. Both hold the fields of a JSON article record:
title, outlet (or publisher), published (or date), url, author.
"""

from __future__ import annotations

import datetime
import glob
import json
import re
import warnings
from pathlib import Path
from typing import Any, Optional

import yaml

SIDECAR_SUFFIXES = (".meta.json", ".meta.yaml", ".meta.yml")
# Each field of a Document that metadata fills, and the keys that may hold it, tried in order.
FIELDS = {"title": ("title",), "outlet": ("outlet", "publisher"), "published": ("published", "date"),
          "url": ("url",), "author": ("author",)}
_KNOWN = ", ".join(key for keys in FIELDS.values() for key in keys)
# Front matter: '---' on the first line, YAML, then '---' (or '...') on a line of its own.
_FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.DOTALL)
FRONT_MATTER_CHARS = 10_000  # a block longer than this is not front matter
_PLAIN_FIELD = re.compile(r"^([A-Za-z_]+)[ \t]*:[ \t]*(.*?)[ \t]*$", re.MULTILINE)


class MetadataError(ValueError):
    """Metadata that cannot be used; the message says why and what to do."""


def is_sidecar(path: Path) -> bool:
    """Whether ``path`` is a sidecar (metadata for an article), not an article itself."""
    return path.name.lower().endswith(SIDECAR_SUFFIXES)


def sidecar_for(article: Path) -> Optional[Path]:
    """The sidecar file of ``article``, if one exists."""
    for suffix in SIDECAR_SUFFIXES:
        candidate = article.with_name(article.stem + suffix)
        if candidate.is_file():
            return candidate
    return None


def has_article(sidecar: Path) -> bool:
    """Whether a sidecar has an article of the same name (any extension) beside it."""
    stem = sidecar.name[: -len(next(s for s in SIDECAR_SUFFIXES if sidecar.name.lower().endswith(s)))]
    return any(path.stem == stem and not is_sidecar(path) for path in sidecar.parent.glob(glob.escape(stem) + ".*"))


def read_sidecar(path: Path) -> dict[str, str]:
    """The Document fields a sidecar gives; ``MetadataError`` names what is wrong with it."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise MetadataError(f"cannot read it ({error}): save it as UTF-8 text") from None
    is_json = path.name.lower().endswith(".json")
    try:
        data = json.loads(text) if is_json else yaml.safe_load(text)
    except (ValueError, yaml.YAMLError) as error:
        problem = " ".join(str(error).split())
        raise MetadataError(f"not valid {'JSON' if is_json else 'YAML'} ({problem}): fix it") from None
    if not isinstance(data, dict):
        raise MetadataError(f"not a mapping of fields: give {_KNOWN}")
    fields = _fields(data)
    if not fields:
        raise MetadataError(f"none of the fields tealeaves reads ({_KNOWN}): add them or remove the file")
    return fields


def split_front_matter(text: str, source: str = "<text>") -> tuple[dict[str, str], str]:
    """The fields of the text's front matter and the article after it; no fields and the text
    unchanged when it has none (a YAML block must be a mapping with a field tealeaves reads)."""
    match = _FRONT_MATTER.match(text[:FRONT_MATTER_CHARS])
    if not match:
        return {}, text
    try:
        data = yaml.safe_load(match.group(1))
    except yaml.YAMLError:  # e.g. a title with a colon in it, unquoted: read "key: value" lines
        data = {key: value.strip("'\"") for key, value in _PLAIN_FIELD.findall(match.group(1))}
        if _fields(data):
            warnings.warn(f"{source}: the front matter is not valid YAML, so it was read line by line "
                          "as 'key: value'; put a value that holds a colon in quotes", stacklevel=2)
    fields = _fields(data) if isinstance(data, dict) else {}
    if not fields:
        return {}, text
    return fields, text[match.end():].lstrip("\r\n")


def _fields(data: dict[Any, Any]) -> dict[str, str]:
    """Document fields from a mapping: the first non-blank value of each field's keys; YAML
    dates and times as ISO text."""
    lowered = {str(key).strip().lower(): value for key, value in data.items()}
    fields = {}
    for name, keys in FIELDS.items():
        for key in keys:
            value = _text(lowered.get(key))
            if value:
                fields[name] = value
                break
    return fields


def _text(value: Any) -> Optional[str]:
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return str(value).strip() or None
    return None
