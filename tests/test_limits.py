"""Bounds on the work of one document (issue 23): what the parser reads of pathological runs,
and how much of a huge document is analysed, each cut named in a warning on the document."""

from __future__ import annotations

import random
import re
import time

import pytest

from tealeaves.budget import MAX_WARNINGS
from tealeaves.io.readers import read_text
from tealeaves.lexicon import default_lexicon
from tealeaves.models import DocumentResult
from tealeaves.nlp.model import MAX_RUN, MAX_WORD, parse_text
from tealeaves.pipeline import analyze_documents, analyze_each


def short_quoted_sentences(count: int, seed: int = 1) -> str:
    """``count`` one-word quotes with their speakers, as a flood of wire snippets would read."""
    pick = random.Random(seed).choice
    return " ".join(f'"{pick(["No", "Yes", "Never", "Soon"])}," {pick(["he", "she", "Kim"])} said.'
                    for _ in range(count))


def assert_spans_index_the_text(result: DocumentResult) -> None:
    text = result.document.text
    for statement in result.statements:
        assert text[statement.start : statement.end] == statement.text
        for span in (*statement.quotes, *statement.content):
            assert text[span.start : span.end] == span.text


def cut_warnings(result: DocumentResult) -> list[str]:
    return [w.message for w in result.warnings if w.kind == "cut"]


# --- what the parser reads ------------------------------------------------------------------


@pytest.mark.parametrize("text", [
    '"' * 5000, "'" * 300 + " said he", "😀" * 1000, "\"'" * 2000, "(" * 150 + "a" + ")" * 150,
    "'s" * 3000, "x" * 1000, "He said " + "“" * 400 + " and left.\n\n" + "-" * 102,
])
def test_runs_of_marks_are_capped_and_long_words_split_with_every_offset_kept(text):
    parsed = parse_text(text)
    assert len(parsed) == len(text)
    assert all(kept in (original, " ") for original, kept in zip(text, parsed))  # replaced, never moved
    assert max(map(len, re.findall(r"[^\w\s]+", parsed)), default=0) <= MAX_RUN
    assert max(map(len, parsed.split()), default=0) <= MAX_WORD


def test_news_text_is_parsed_as_written():
    text = ('OSLO, March 3 -- "We will not back down," the minister said... "Never!!!" '
            "See https://example.org/2022/03/03/a-long-slug-of-a-news-story-about-the-talks.html\n"
            + "=" * 80 + "\n")
    assert parse_text(text) == text


def test_a_run_of_quote_marks_is_analysed_in_seconds(nlp):
    """spaCy's tokenizer took minutes on such a word, in one C call no budget interrupts."""
    document = read_text('"' * 20_000, "quotes.txt")
    started = time.perf_counter()
    (result,) = analyze_documents([document], nlp=nlp, embeddings=False)
    assert time.perf_counter() - started < 10
    assert result.document == document
    kinds = [w.kind for w in result.warnings]
    assert 0 < kinds.count("unbalanced_quote") <= MAX_WARNINGS
    assert any("unbalanced_quote warnings were left out" in m for m in cut_warnings(result))


# --- how much of a document is analysed -----------------------------------------------------


@pytest.fixture
def limits(monkeypatch):
    """``limits(NAME=value)``: lower a bound of ``pipeline`` for one test."""
    def lower(**values: int) -> None:
        for name, value in values.items():
            monkeypatch.setattr(f"tealeaves.pipeline.{name}", value, raising=False)

    return lower


def analyse(text: str, nlp) -> DocumentResult:
    (outcome,) = analyze_each([read_text(text, "flood.txt")], nlp=nlp, lexicon=default_lexicon(), embeddings=False)
    assert isinstance(outcome, DocumentResult)
    assert_spans_index_the_text(outcome)
    return outcome


def test_only_the_first_sentences_are_analysed_and_the_cut_is_named(nlp, limits):
    limits(MAX_SENTENCES=40)
    text = short_quoted_sentences(100)
    result = analyse(text, nlp)
    assert 30 <= len(result.statements) <= 40
    end = max(s.end for s in result.statements)
    assert end < len(text) / 2
    (message,) = cut_warnings(result)
    assert "only the first 40 sentences" in message and "split it" in message


def test_only_the_first_characters_are_parsed_cut_at_a_line_break(nlp, limits):
    limits(MAX_CHARS=2000)
    text = "\n".join(short_quoted_sentences(5, seed) for seed in range(40))  # lines of ~90 characters
    result = analyse(text, nlp)
    assert result.statements and max(s.end for s in result.statements) <= 2000
    (message,) = cut_warnings(result)
    analysed = int(re.search(r"first ([\d,]+) of", message)[1].replace(",", ""))
    assert 1900 < analysed <= 2000 and text[analysed - 1] == "\n"
    assert f"of {len(text):,} characters" in message


def test_only_the_first_statements_are_kept(nlp, limits):
    limits(MAX_STATEMENTS=12)
    result = analyse(short_quoted_sentences(30), nlp)
    assert len(result.statements) == 12
    assert [s.start for s in result.statements] == sorted(s.start for s in result.statements)
    assert any("first 12 statements were kept" in m for m in cut_warnings(result))


def test_mixed_messages_compare_a_bounded_number_of_pairs(nlp, limits):
    limits(MAX_PAIRS=10)
    text = " ".join(f'"We will {verb} the talks," the Russian foreign minister said on day {day}.'
                    for day, verb in enumerate(["join", "reject", "join", "welcome", "reject", "boycott"] * 2))
    result = analyse(text, nlp)
    (message,) = cut_warnings(result)
    compared = int(re.search(r"first ([\d,]+) statements were compared", message)[1])
    assert 4 <= compared < len(result.statements)  # 5 of one side make 10 pairs
    first = {s.id for s in result.statements[:compared]}
    for found in (*result.mixed_messages, *result.standoffs):
        assert set(found.statement_ids) <= first


def test_a_normal_article_has_no_cut(nlp):
    from importlib.resources import files

    example = next(p for p in files("tealeaves.examples").iterdir() if p.name.endswith(".txt"))
    result = analyse(example.read_text(encoding="utf-8"), nlp)
    assert result.statements and not cut_warnings(result)


@pytest.mark.slow
def test_fifty_thousand_short_quoted_sentences_stay_within_a_gigabyte_and_a_minute(tmp_path):
    """The issue's figures: 0.9 MB of them took 5.8 GB and 186 s. The resident memory of a
    fresh process is sampled (its own rusage would count the test session's memory, which a
    forked child inherits as its high-water mark)."""
    import subprocess
    import sys

    import psutil

    path = tmp_path / "flood.txt"
    path.write_text(short_quoted_sentences(50_000), encoding="utf-8")
    script = ("import sys; from tealeaves import analyze; r = analyze(sys.argv[1]); "
              "print(len(r.documents), len(r.errors), sum(w.kind == 'cut' for w in r.documents[0].warnings))")
    started = time.perf_counter()
    process = psutil.Popen([sys.executable, "-c", script, str(path)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           text=True)
    peak = 0
    while process.poll() is None:
        try:
            peak = max(peak, process.memory_info().rss)
        except psutil.Error:
            break
        time.sleep(0.05)
    out, err = process.communicate(timeout=300)
    elapsed = time.perf_counter() - started
    assert process.returncode == 0, err
    documents, errors, cuts = map(int, out.split())
    assert (documents, errors) == (1, 0) and cuts >= 2
    assert peak < 1.5 * 2**30, peak
    assert elapsed < 60, elapsed
