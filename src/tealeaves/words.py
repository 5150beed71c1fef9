"""Closed word lists as data: each section of ``data/words.yaml``, read once, as a set, an
ordered tuple or a word -> word map (docs/architecture.md says which lists stay in code)."""

from __future__ import annotations

import functools
from importlib import resources
from typing import Any

import yaml


@functools.cache
def _sections() -> dict[str, Any]:
    """The whole file, parsed on first use (lexicon.py imports this module: no import back)."""
    text = resources.files("tealeaves").joinpath("data", "words.yaml").read_text("utf-8")
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def _section(name: str) -> Any:
    """One section, or a KeyError naming the file and the section."""
    try:
        return _sections()[name]
    except KeyError:
        raise KeyError(f"data/words.yaml has no section {name!r}") from None


def word_set(name: str) -> frozenset[str]:
    """A list looked up by membership: "is this word one of them"."""
    return frozenset(_section(name))


def word_list(name: str) -> tuple[str, ...]:
    """A list read in its order (first match wins)."""
    return tuple(_section(name))


def word_map(name: str) -> dict[str, str]:
    """A word -> word table."""
    return dict(_section(name))
