"""Reporting constructions as spaCy patterns (data/patterns.yaml): every example sentence gives
its rule a statement with the cue and speaker written beside it, every counterexample none."""

from __future__ import annotations

import pytest

from tealeaves.attribution.find import SENTENCE_RULES
from tealeaves.attribution.patterns import matches, pattern_entries
from tealeaves.lexicon import Lexicon

RULES = {rule.name: rule.find for rule in SENTENCE_RULES}
CASES = [(name, case["text"], case) for name, entry in pattern_entries().items() for case in entry.get("examples", [])]
COUNTER = [(name, text) for name, entry in pattern_entries().items() for text in entry.get("counterexamples", [])]


@pytest.fixture(scope="module")
def lex():
    return Lexicon.load()


def drafts_of(nlp, lex, name, text):
    """What the rule ``name`` alone finds in ``text``: (cue, speaker mention) as written."""
    doc = nlp(text)
    drafts = [d for i, sent in enumerate(doc.sents) for d in RULES[name](doc, sent, i, 0, lex)]
    return [(text[slice(*d.cue)], d.mention and text[slice(*d.mention)]) for d in drafts]


def test_every_pattern_is_a_rule_with_an_example_and_a_counterexample():
    for name, entry in pattern_entries().items():
        assert name in RULES and entry["matcher"] in ("phrase", "dependency")
        assert entry.get("examples") and entry.get("counterexamples"), name


@pytest.mark.parametrize("name, text, case", CASES, ids=[t for _, t, _ in CASES])
def test_an_example_gives_the_rule_its_statement(nlp, lex, name, text, case):
    assert (case["cue"], case["speaker"]) in drafts_of(nlp, lex, name, text)


@pytest.mark.parametrize("name, text", COUNTER, ids=[t for _, t in COUNTER])
def test_a_counterexample_gives_the_rule_nothing(nlp, lex, name, text):
    assert drafts_of(nlp, lex, name, text) == []


def test_a_user_cue_file_adds_a_phrase_to_the_pattern(nlp, tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text("prepositional: [as reported by]\n", "utf-8")
    text = "The ferry left late, as reported by the harbour master."
    assert drafts_of(nlp, Lexicon.load(), "according to", text) == []
    assert ("as reported by", "the harbour master") in drafts_of(nlp, Lexicon.load(extra_cues=[path]), "according to", text)


def test_a_copy_of_part_of_a_document_is_matched_afresh(nlp, lex):
    doc = nlp("The ferry left late, according to the harbour master. According to the crew, it was full.")
    second = list(doc.sents)[1]
    assert len(matches("according to", doc, doc[:], lex)) == 2
    part = doc[second.start :].as_doc(copy_user_data=True)  # its user data is the whole document's
    assert [m["first"].text for m in matches("according to", part, part[:], lex)] == ["According"]


def test_a_sentence_reads_its_own_matches_and_a_wider_span_all_of_them(nlp, lex):
    """Matches are grouped by sentence so that a long document's sentences do not each read all
    of its matches; what a span gets must be the same as checking every match of the document."""
    texts = [case["text"] for _, _, case in CASES]
    doc = nlp(" ".join(texts * 3))
    every = {name: matches(name, doc, doc[:], lex) for name in pattern_entries()}
    assert any(every.values())
    for name in pattern_entries():
        for sent in doc.sents:
            inside = [m for m in every[name] if all(sent.start <= t.i < sent.end for t in m.values())]
            assert [{k: t.i for k, t in m.items()} for m in matches(name, doc, sent, lex)] == \
                [{k: t.i for k, t in m.items()} for m in inside]
        first_two = doc[: list(doc.sents)[1].end]  # a span over two sentences
        assert len(matches(name, doc, first_two, lex)) == sum(
            1 for m in every[name] if all(t.i < first_two.end for t in m.values()))
