"""The model's attribute ruler and lemmatizer as one component: the same output, a fifth of the time.

After the parser, en_core_web_sm runs an ``attribute_ruler`` (about 180 token patterns that set
POS, MORPH and some lemmas) and a rule ``lemmatizer``. Both are Python loops over every token
and cost together about a fifth of the parse. ``FastAttributes`` reads the same patterns and
calls the same lemmatizer, but decides once per distinct token, not once per occurrence: the
patterns look only at a token's lower form, tag, dependency and whitespace (and, in a few
two-token patterns, its neighbour's), the lemma only at its form, POS and morphology. The
results are applied column-wise with ``Doc.from_array``. tests/nlp/test_attributes.py checks that
every token gets the annotations the stock components give.
"""

from __future__ import annotations

import re
from typing import Any, Callable, Optional, cast

import numpy as np
from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, POS, TAG
from spacy.language import Language
from spacy.pipeline import AttributeRuler, Lemmatizer
from spacy.strings import get_string_id
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs
from thinc.types import Ints2d

FIELDS = ("LOWER", "TAG", "DEP", "IS_SPACE")  # what the ruler's patterns may test, in key order
COLUMNS = (POS, MORPH, LEMMA)  # what they set, written column-wise with from_array
MEMO_LIMIT = 500_000  # remembered tokens before a memo starts afresh (bounded memory)

Row = tuple[str, str, str, bool]
Rule = tuple[int, dict[int, Any]]  # (order in the ruler, normalised attributes)


class UnsupportedPattern(ValueError):
    """A ruler pattern this component cannot evaluate: keep the stock components."""


def replace_attribute_components(nlp: Language) -> bool:
    """Swap the pipeline's ``attribute_ruler`` and ``lemmatizer`` for ``FastAttributes``
    when both are present and their patterns are of the kinds it reads; else leave them."""
    if not {"attribute_ruler", "lemmatizer"} <= set(nlp.pipe_names):
        return False
    lemmatizer = nlp.get_pipe("lemmatizer")
    if getattr(lemmatizer, "mode", None) != "rule" or getattr(lemmatizer, "overwrite", True):
        return False
    try:
        nlp.add_pipe("tealeaves_attributes", name="attributes", before="attribute_ruler")
    except UnsupportedPattern:
        return False
    nlp.remove_pipe("attribute_ruler")
    nlp.remove_pipe("lemmatizer")
    return True


@Language.factory("tealeaves_attributes")
def make_fast_attributes(nlp: Language, name: str) -> "FastAttributes":
    """Built from the pipeline's own ``attribute_ruler`` and ``lemmatizer``."""
    return FastAttributes(nlp)


class FastAttributes:
    """Applies an attribute ruler's patterns, then its pipeline's rule lemmatizer."""

    def __init__(self, nlp: Language) -> None:
        ruler = cast(AttributeRuler, nlp.get_pipe("attribute_ruler"))
        self.lemmatizer = cast(Lemmatizer, nlp.get_pipe("lemmatizer"))
        self.strings = nlp.vocab.strings
        self.by_lower: dict[int, list[tuple[int, list[Callable[[Row], bool]], dict]]] = {}
        self.by_tag: dict[int, list] = {}
        self.general: list = []
        self.multi: list = []
        for order, rule in enumerate(cast(list[dict[str, Any]], ruler.patterns)):
            attrs, index = ruler.attrs[order], ruler.indices[order]
            for pattern in rule["patterns"]:
                tests = [[_test(field, value) for field, value in spec.items()] for spec in pattern]
                if len(pattern) > 1:
                    self.multi.append((order, tests, index, attrs, _anchor(pattern, "LOWER")))
                    continue
                entry = (order, tests[0], attrs)
                for field, table in (("LOWER", self.by_lower), ("TAG", self.by_tag)):
                    anchor = _anchor(pattern, field)
                    if anchor is not None:
                        for value in anchor[1].tolist():
                            table.setdefault(value, []).append(entry)
                        break
                else:
                    self.general.append(entry)
        self.rules: dict[tuple, tuple[Rule, ...]] = {}
        self.lemmas: dict[tuple, int] = {}

    def __call__(self, doc: Doc) -> Doc:
        keys_array = doc.to_array([LOWER, TAG, DEP, IS_SPACE])
        keys = list(map(tuple, keys_array.tolist()))
        hits = self._single_hits(keys)
        self._add_multi_hits(keys, keys_array[:, 0], hits)
        values = doc.to_array(list(COLUMNS))
        others = []
        for t, found in enumerate(hits):
            for _, attrs in found:
                for column, attr in enumerate(COLUMNS):
                    if attr in attrs:
                        values[t, column] = attrs[attr]
                if any(attr not in COLUMNS for attr in attrs):
                    others.append((t, {k: v for k, v in attrs.items() if k not in COLUMNS}))
        doc.from_array([POS, MORPH], cast(Ints2d, values[:, :2]))  # the lemmatizer reads them; LEMMA is written once, after it
        for t, attrs in others:  # a rule that sets TAG or DEP: rare, token by token as the ruler does
            set_token_attrs(doc[t], attrs)
        self._lemmatize(doc, values)
        return doc

    def _single_hits(self, keys: list[tuple]) -> list[tuple[Rule, ...]]:
        """The one-token rules that match each token, in the ruler's order."""
        rules = self.rules
        if len(rules) > MEMO_LIMIT:
            rules.clear()
        hits = [rules.get(key) for key in keys]
        for t, found in enumerate(hits):
            if found is None:
                hits[t] = rules[keys[t]] = self._matching(keys[t])
        return hits  # type: ignore[return-value]

    def _matching(self, key: tuple) -> tuple[Rule, ...]:
        row = self._row(key)
        candidates = self.by_lower.get(key[0], []) + self.by_tag.get(key[1], []) + self.general
        return tuple(sorted(((order, attrs) for order, tests, attrs in candidates if all(t(row) for t in tests)),
                            key=lambda rule: rule[0]))

    def _add_multi_hits(self, keys: list[tuple], lowers: np.ndarray, hits: list) -> None:
        """Two-token rules ("gon na"), tried only where their anchoring word occurs."""
        n = len(keys)
        for order, tests, index, attrs, anchor in self.multi:
            width = len(tests)
            if anchor is None:
                starts = list(range(n - width + 1))
            else:
                offset, allowed = anchor
                starts = (np.nonzero(np.isin(lowers, allowed))[0] - offset).tolist()
            for start in starts:
                if 0 <= start <= n - width and all(
                        all(t(self._row(keys[start + k])) for t in tests[k]) for k in range(width)):
                    target = start + index if index >= 0 else start + width + index
                    hits[target] = tuple(sorted(hits[target] + ((order, attrs),), key=lambda rule: rule[0]))

    def _lemmatize(self, doc: Doc, values: np.ndarray) -> None:
        """The lemmatizer's lemma for each token the ruler left without one."""
        lemmas = self.lemmas
        if len(lemmas) > MEMO_LIMIT:
            lemmas.clear()
        orths = doc.to_array("ORTH").tolist()
        for t, (pos, morph, lemma) in enumerate(values.tolist()):
            if not lemma:
                key = (orths[t], pos, morph)
                found = lemmas.get(key)
                if found is None:
                    found = lemmas[key] = self.strings.add(self.lemmatizer.lemmatize(doc[t])[0])
                values[t, 2] = found
        doc.from_array([LEMMA], cast(Ints2d, values[:, 2:]))

    def _row(self, key: tuple) -> Row:
        strings = self.strings
        return strings[key[0]], strings[key[1]], strings[key[2]], bool(key[3])


def _test(field: str, value: Any) -> Callable[[Row], bool]:
    """One condition of a token pattern as a test on a token's (lower, tag, dep, space) row."""
    if field not in FIELDS:
        raise UnsupportedPattern(field)
    column = FIELDS.index(field)
    if not isinstance(value, dict):
        return lambda row: row[column] == value
    if len(value) != 1:
        raise UnsupportedPattern(str(value))
    (operator, argument), = value.items()
    if operator == "IN":
        allowed = set(argument)
        return lambda row: row[column] in allowed
    if operator == "NOT_IN":
        barred = set(argument)
        return lambda row: row[column] not in barred
    if operator == "REGEX":
        regex = re.compile(argument)
        return lambda row: bool(regex.search(row[column]))
    raise UnsupportedPattern(operator)


def _anchor(pattern: list[dict], field: str) -> Optional[tuple[int, np.ndarray]]:
    """A token of the pattern with a fixed set of values of ``field``, and those values' hashes."""
    for offset, spec in enumerate(pattern):
        value = spec.get(field)
        if isinstance(value, str):
            return offset, np.array([get_string_id(value)], dtype=np.uint64)
        if isinstance(value, dict) and set(value) == {"IN"}:
            return offset, np.array([get_string_id(v) for v in value["IN"]], dtype=np.uint64)
    return None
