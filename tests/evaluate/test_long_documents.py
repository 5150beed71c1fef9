"""Long documents: the invented text of ``bench --long``, and the stages that grew with the
square of a document's length (each mention reading every entity, each verb every statement,
each code lookup rebuilding the codebook's index)."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from tealeaves.actors.name_parts import entity_of
from tealeaves.attribution import actions
from tealeaves.cli import cli
from tealeaves.codebook import codebook
from tealeaves.evaluate.long_documents import long_text, uncapped
from tealeaves.nlp.model import load_model
from tealeaves.pipeline import analyze


def test_long_text_is_repeatable_and_as_long_as_asked():
    text = long_text(3000)
    assert text == long_text(3000) and text != long_text(3000, seed=2)
    assert 3000 <= len(text.split()) < 3100
    assert text.count("\n\n") > 20  # paragraphs, as an article has


def test_the_entity_of_a_token_is_the_one_the_parse_found():
    doc = load_model()("President Ada Vey met Bram Oran and Cleo Kell in Harbourton on Monday. Vey said so.")
    spans = {i: (e.start, e.end) for e in doc.ents for i in range(e.start, e.end)}
    assert spans
    assert all(entity_of(token) == spans[token.i] for token in doc if token.ent_type_)


def test_a_verb_is_checked_only_against_the_statements_of_its_sentence(monkeypatch):
    checked = []
    claimed = actions._claimed

    def counting(token, statements, lex):
        checked.append(len(statements))
        return claimed(token, statements, lex)

    monkeypatch.setattr(actions, "_claimed", counting)
    result = analyze(texts=[long_text(1500)]).documents[0]
    assert len(result.statements) > 40
    assert checked and max(checked) <= 3


def test_the_codebook_indexes_its_codes_once():
    book = codebook()
    assert book._by_name() is book._by_name()
    assert book["threaten"].name == "threaten"


@pytest.mark.slow
def test_bench_long_measures_each_length(tmp_path):
    out = tmp_path / "long.json"
    done = CliRunner().invoke(cli, ["bench", "--long", "300,600", "--json", str(out)])
    assert done.exit_code == 0, done.output
    rows = json.loads(out.read_text())["rows"]
    assert [row["words"] >= words for row, words in zip(rows, (300, 600))] == [True, True]
    assert all(row["parse_s"] > 0 and row["after_parse_s"] > 0 and row["cut"] == [] for row in rows)


def test_uncapped_lifts_the_caps_of_one_document_for_the_block_only():
    from tealeaves import pipeline

    capped = pipeline.MAX_STATEMENTS, pipeline.MAX_PAIRS, pipeline.MAX_SENTENCES, pipeline.MAX_CHARS
    with uncapped():
        assert min(pipeline.MAX_STATEMENTS, pipeline.MAX_PAIRS, pipeline.MAX_SENTENCES, pipeline.MAX_CHARS) > 10**9
        assert pipeline.analysed_part("x" * (capped[3] + 10)) == "x" * (capped[3] + 10)
    assert (pipeline.MAX_STATEMENTS, pipeline.MAX_PAIRS, pipeline.MAX_SENTENCES, pipeline.MAX_CHARS) == capped


@pytest.mark.slow
def test_bench_long_uncapped_says_so_and_measures_cpu(tmp_path):
    out = tmp_path / "long.json"
    done = CliRunner().invoke(cli, ["bench", "--long", "300", "--uncapped", "--json", str(out)])
    assert done.exit_code == 0, done.output
    result = json.loads(out.read_text())
    assert result["caps"] is False and "caps lifted" in done.output
    assert all(row["after_parse_cpu_s"] > 0 for row in result["rows"])
