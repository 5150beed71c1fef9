"""The reporting constructions that spaCy's matchers express, as patterns in
``data/patterns.yaml``: one PhraseMatcher and one DependencyMatcher hold every construction's
patterns, built once per vocabulary and lexicon; each document is matched once, and the
construction's module reads its matches and makes the drafts."""

from __future__ import annotations

import functools
from typing import Any

from spacy.matcher import DependencyMatcher, PhraseMatcher
from spacy.tokens import Doc, Token
from spacy.tokens import Span as TokenSpan
from spacy.vocab import Vocab

from tealeaves.lexicon import Lexicon, bundled_yaml
from tealeaves.words import word_list

Match = dict[str, Token]  # a pattern node's name ("cue", "source", ...) -> the token it matched
Matchers = tuple[PhraseMatcher, DependencyMatcher]

_MATCHES = "tealeaves.matches"  # Doc.user_data key: (the lexicon, the doc's length, the matches)
_BY_SENTENCE = "tealeaves.matches_by_sentence"  # Doc.user_data key: construction -> its matches by sentence
_BUILT: dict[tuple[int, int], tuple[Vocab, Lexicon, Matchers]] = {}


@functools.cache
def pattern_entries() -> dict[str, Any]:
    """``data/patterns.yaml``: each construction's matcher, pattern and example sentences."""
    return bundled_yaml("patterns.yaml")


def matches(name: str, doc: Doc, sent: TokenSpan, lex: Lexicon) -> list[Match]:
    """The matches of construction ``name`` inside ``sent``: a phrase's in the order of the
    lexicon's phrases, then of the text; a dependency pattern's in the matcher's order."""
    found = _doc_matches(doc, lex).get(name, [])
    sentence = doc[sent.start].sent if len(sent) else None
    if sentence is not None and sentence.end >= sent.end:  # inside one sentence: read its share only
        found = _by_sentence(doc, lex, name).get(sentence.start, [])
    return [{label: doc[i] for label, i in m.items()} for m in found
            if all(sent.start <= i < sent.end for i in m.values())]


def _by_sentence(doc: Doc, lex: Lexicon, name: str) -> dict[int, list[dict[str, int]]]:
    """A construction's matches grouped by the start of the sentence of their first token, in
    their order, so that each sentence reads its own few rather than the whole document's."""
    found = _doc_matches(doc, lex).get(name, [])  # first: a new lexicon or length empties the groups
    kept = doc.user_data.setdefault(_BY_SENTENCE, {})
    if name not in kept:
        groups: dict[int, list[dict[str, int]]] = {}
        for match in found:
            groups.setdefault(doc[min(match.values())].sent.start, []).append(match)
        kept[name] = groups
    return kept[name]


def _doc_matches(doc: Doc, lex: Lexicon) -> dict[str, list[dict[str, int]]]:
    """Every construction's matches in ``doc`` as token indices, found on first use and kept
    with the doc (indices, not tokens, which would hold the doc in a reference cycle) for the
    lexicon they were found with and the doc's length (a cut copy matches afresh)."""
    kept = doc.user_data.get(_MATCHES)
    if kept is not None and kept[0] is lex and kept[1] == len(doc):
        return kept[2]
    phrases, dependencies = _matchers(doc.vocab, lex)
    found: dict[str, list[dict[str, int]]] = {}
    keyed = [(doc.vocab.strings[key].rsplit("#", 1), start, end) for key, start, end in phrases(doc)]
    for (name, _), start, end in sorted(keyed, key=lambda m: (m[0][0], int(m[0][1]), m[1])):
        found.setdefault(name, []).append({"first": start, "last": end - 1})
    for key, tokens in dependencies(doc):
        name = doc.vocab.strings[key]
        labels = [node["RIGHT_ID"] for node in pattern_entries()[name]["pattern"]]
        found.setdefault(name, []).append(dict(zip(labels, tokens)))
    doc.user_data[_MATCHES] = (lex, len(doc), found)
    doc.user_data[_BY_SENTENCE] = {}
    return found


def _matchers(vocab: Vocab, lex: Lexicon) -> Matchers:
    """The matchers of every construction for ``vocab`` and ``lex``, built once for each."""
    key = (id(vocab), id(lex))
    built = _BUILT.get(key)
    if built is None or built[0] is not vocab or built[1] is not lex:
        if len(_BUILT) >= 8:
            _BUILT.pop(next(iter(_BUILT)))
        phrases, dependencies = PhraseMatcher(vocab, attr="LOWER"), DependencyMatcher(vocab)
        for name, entry in pattern_entries().items():
            if entry["matcher"] == "phrase":  # one key per phrase: its number orders the matches
                for number, words in enumerate(_words(entry["phrases"], lex)):
                    phrases.add(f"{name}#{number}", [Doc(vocab, words=list(words))])
            else:
                dependencies.add(name, [_resolve(entry["pattern"], lex)])
        built = _BUILT[key] = (vocab, lex, (phrases, dependencies))
    return built[2]


def _resolve(value: Any, lex: Lexicon) -> Any:
    """A pattern with each "@name" replaced by its word list."""
    if isinstance(value, str) and value.startswith("@"):
        return sorted(_words(value, lex))
    if isinstance(value, dict):
        return {k: _resolve(v, lex) for k, v in value.items()}
    if isinstance(value, list):
        return [_resolve(v, lex) for v in value]
    return value


def _words(reference: str, lex: Lexicon) -> Any:
    """The word list "@name" names: a list of the lexicon, or else a section of words.yaml;
    "@name:any_case" with each word's Title and UPPER forms too."""
    name, _, case = reference[1:].partition(":")
    words = getattr(lex, name) if hasattr(lex, name) else word_list(name)
    return {form for w in words for form in (w, w.title(), w.upper())} if case == "any_case" else words
