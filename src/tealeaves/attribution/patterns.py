"""The reporting constructions that spaCy's matchers express, as patterns in
``data/patterns.yaml``: the matchers are built once per vocabulary and lexicon, and each
document is matched once; the construction's module reads the matches and makes the drafts."""

from __future__ import annotations

import functools
from typing import Any, Union

from spacy.matcher import DependencyMatcher, PhraseMatcher
from spacy.tokens import Doc, Token
from spacy.tokens import Span as TokenSpan
from spacy.vocab import Vocab

from tealeaves.lexicon import Lexicon, bundled_yaml
from tealeaves.words import word_list

if not Token.has_extension("lemma_lower"):
    Token.set_extension("lemma_lower", getter=lambda token: token.lemma_.lower())

Match = dict[str, Token]  # a pattern node's name ("cue", "source", ...) -> the token it matched
Matcher = Union[DependencyMatcher, PhraseMatcher]

_MATCHES = "tealeaves.matches"  # Doc.user_data key: (the lexicon, its matches by construction)
_BUILT: dict[tuple[int, int], tuple[Vocab, Lexicon, dict[str, Matcher]]] = {}


@functools.cache
def pattern_entries() -> dict[str, Any]:
    """``data/patterns.yaml``: each construction's matcher, pattern and example sentences."""
    return bundled_yaml("patterns.yaml")


def matches(name: str, doc: Doc, sent: TokenSpan, lex: Lexicon) -> list[Match]:
    """The matches of construction ``name`` inside ``sent``, in the order the matcher gives."""
    return [{label: doc[i] for label, i in m.items()} for m in _doc_matches(doc, lex)[name]
            if all(sent.start <= i < sent.end for i in m.values())]


def _doc_matches(doc: Doc, lex: Lexicon) -> dict[str, list[dict[str, int]]]:
    """Every construction's matches in ``doc`` as token indices, found on first use and kept
    with the doc (indices, not tokens, which would hold the doc in a reference cycle) for the
    lexicon they were found with and the doc's length (a cut copy matches afresh)."""
    kept = doc.user_data.get(_MATCHES)
    if kept is not None and kept[0] is lex and kept[1] == len(doc):
        return kept[2]
    found = {}
    for name, matcher in _matchers(doc.vocab, lex).items():
        if isinstance(matcher, PhraseMatcher):  # phrase by phrase, as the list gives them
            spans = sorted(matcher(doc), key=lambda m: (int(doc.vocab.strings[m[0]].rsplit("#", 1)[1]), m[1]))
            found[name] = [{"first": start, "last": end - 1} for _, start, end in spans]
        else:
            labels = [node["RIGHT_ID"] for node in pattern_entries()[name]["pattern"]]
            found[name] = [dict(zip(labels, tokens)) for _, tokens in matcher(doc)]
    doc.user_data[_MATCHES] = (lex, len(doc), found)
    return found


def _matchers(vocab: Vocab, lex: Lexicon) -> dict[str, Matcher]:
    """The matchers of every construction for ``vocab`` and ``lex``, built once for each."""
    key = (id(vocab), id(lex))
    built = _BUILT.get(key)
    if built is None or built[0] is not vocab or built[1] is not lex:
        if len(_BUILT) >= 8:
            _BUILT.pop(next(iter(_BUILT)))
        built = _BUILT[key] = (vocab, lex, {name: _build(name, entry, vocab, lex)
                                             for name, entry in pattern_entries().items()})
    return built[2]


def _build(name: str, entry: dict[str, Any], vocab: Vocab, lex: Lexicon) -> Matcher:
    """One construction's matcher."""
    if entry["matcher"] == "phrase":
        phrases = PhraseMatcher(vocab, attr=entry["attr"])
        for number, words in enumerate(_words(entry["phrases"], lex)):
            phrases.add(f"{name}#{number}", [Doc(vocab, words=list(words))])
        return phrases
    dependencies = DependencyMatcher(vocab)
    dependencies.add(name, [_resolve(entry["pattern"], lex)])
    return dependencies


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
    """The word list "@name" names: a list of the lexicon, or else a section of words.yaml."""
    name = reference[1:]
    return getattr(lex, name) if hasattr(lex, name) else word_list(name)
