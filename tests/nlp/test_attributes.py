"""The faster attribute component must annotate every token exactly as the stock ruler and lemmatizer do."""

import json
from pathlib import Path

import pytest
from spacy.attrs import DEP, HEAD, LEMMA, MORPH, POS, TAG

from tealeaves.nlp.attributes import replace_attribute_components
from tealeaves.nlp.model import load_model, load_stock_model

EXAMPLE = Path(__file__).parents[2] / "src" / "tealeaves" / "examples" / "harbour-talks.txt"
POLNEAR = Path(__file__).parents[3] / "shared" / "corpus" / "polnear" / "polnear_dev.jsonl"
COLUMNS = [POS, MORPH, LEMMA, TAG, DEP, HEAD]

# Sentences written for the rare patterns: two-token contractions, an expletive "there",
# possessives, auxiliaries, numbers, symbols and blank lines.
ODDITIES = [
    "Y'all ain't gonna believe it, but we gotta go. C'mon, let's move before they're gone!",
    "There is no deal. There were 3 drafts on the table, and there's still time, officials say.",
    "The minister's aides hadn't seen the envoys' letter; she'd have read it by 5:30 p.m.",
    "“We won’t back down,” he said.\n\nOSLO — Talks resumed at 9am; costs rose 12% (about $4.5bn).",
    "He was being followed. Were they? I am, you are, it is: they've been and gone, hasn't he?",
]


@pytest.fixture(scope="module")
def stock():
    return load_stock_model()


def _annotations(doc):
    return doc.to_array(COLUMNS).tolist(), [t.lemma_ for t in doc], [str(t.morph) for t in doc]


def _texts():
    texts = ODDITIES + [EXAMPLE.read_text(encoding="utf-8")]
    if POLNEAR.is_file():  # ../shared is beside the clone in CI
        with POLNEAR.open(encoding="utf-8") as lines:
            texts += [json.loads(line)["text"] for line, _ in zip(lines, range(12))]
    return texts


def test_the_pipeline_uses_the_fast_component():
    names = load_model().pipe_names
    assert "attributes" in names and "attribute_ruler" not in names and "lemmatizer" not in names
    assert names.index("parser") < names.index("attributes")


def test_every_token_gets_the_stock_annotations(stock):
    fast = load_stock_model()
    assert replace_attribute_components(fast)
    texts = _texts()
    for round_ in range(2):  # the second pass reads from the component's memory
        for expected, got in zip(stock.pipe(texts), fast.pipe(texts)):
            assert _annotations(got) == _annotations(expected), (round_, got.text[:60])


def test_a_pattern_it_cannot_read_keeps_the_stock_components():
    nlp = load_stock_model()
    nlp.get_pipe("attribute_ruler").add([[{"POS": "PROPN"}, {"ORTH": "Jr."}]], {"LEMMA": "junior"}, index=1)
    assert not replace_attribute_components(nlp)
    assert {"attribute_ruler", "lemmatizer"} <= set(nlp.pipe_names)
    assert "attributes" not in nlp.pipe_names


def test_a_pipeline_without_the_components_is_left_alone(stock):
    nlp = load_stock_model()
    nlp.remove_pipe("lemmatizer")
    assert not replace_attribute_components(nlp)
    assert "attribute_ruler" in nlp.pipe_names
