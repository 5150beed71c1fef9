"""tools/pair_misses.py names the stage that loses each gold mixed message and standoff."""

import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from tealeaves.analysis.pairs import Layout
from tealeaves.codebook import codebook
from tealeaves.evaluate.gold import GoldStatement, load_gold
from tealeaves.models import Actor, Span, Statement
from tealeaves.pipeline import analyze_documents

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tools"))

import pair_misses  # noqa: E402

SEED = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "seed" / "gold.json"
STAGES = ("found", "statement not found", "no side", "wrong side", "third side", "wrong signal", "kind unknown",
          "below threshold", "picked away", "one statement", "one breath")


@pytest.mark.skipif(not SEED.exists(), reason="needs ../shared/corpus/seed")
def test_every_gold_item_of_the_seed_is_found_or_lost_at_a_named_stage(nlp):
    (gold,) = load_gold(SEED)
    (result,) = analyze_documents([gold.document], nlp=nlp)
    verdicts = list(pair_misses.diagnose(gold, result))
    items = {label.split()[0]: verdict for group, label, verdict in verdicts if label != "spurious"}
    wanted = {item["id"] for group in pair_misses.GROUPS for item in gold.extras.get(group, [])}
    assert set(items) == wanted
    assert all(verdict.startswith(STAGES) for verdict in items.values())
    assert items["M1"].startswith("found") and items["X1"].startswith("found")
    found = {frozenset(m.statement_ids) for m in (*result.mixed_messages, *result.standoffs)}
    assert sum(v.startswith("found") for v in items.values()) + sum(
        label == "spurious" for _, label, _ in verdicts) == len(found)


def test_one_speakers_two_statements_in_one_sentence_with_nothing_between_are_lost_as_one_breath():
    text = "“We are ready to talk about quotas,” Anna Berg said, ruling out any talks this year."
    offer, refusal = "We are ready to talk about quotas", "any talks this year"
    actors = {"berg": Actor("berg", "Anna Berg", "official", side="Norway")}

    def said(number: int, words: str, code: str) -> Statement:
        at = text.index(words)
        return Statement(f"s{number}", "direct", 0, len(text), text, "berg", content=(Span(at, at + len(words), words),),
                         signal=code, signals=(code,), confidence=1.0)

    statements = [said(1, offer, "engage"), said(2, refusal, "reject")]
    verdict = pair_misses.loss(statements, [{"engage"}, {"reject"}], ["s1", "s2"], {"s1", "s2"}, actors, True,
                                codebook().oppositions, Layout.of(statements, text), None, [])
    assert verdict.startswith("one breath")


def test_a_gold_statement_whose_words_another_row_holds_is_named_as_swallowed_into_it():
    text = "An Ostmark officer mentioned “raids” by the north, but said the truce was holding."
    raid, truce = text.index("raids"), text.index("the truce")
    row = Statement("r1", "partial", 0, len(text), text, "officer", cue=Span(text.index("said"), text.index("said") + 4,
                    "said"), content=(Span(raid, raid + 5, "raids"), Span(truce, len(text) - 1, text[truce:-1])))
    gold = SimpleNamespace(statements=(
        GoldStatement("g1", "partial", "officer", Span(0, 28, text[:28]), quotes=(Span(raid, raid + 5, "raids"),)),
        GoldStatement("g2", "indirect", "officer", Span(truce, len(text) - 1, text[truce:-1])),
        GoldStatement("g3", "indirect", "officer", Span(0, 2, "An"))))
    verdict = pair_misses._not_found(["g1", "g2", "g3"], [None, row, None], gold, SimpleNamespace(statements=[row]))
    assert verdict == "statement not found: g1 swallowed into r1; g3"


def test_a_gold_statement_coded_no_code_among_others_is_reported_not_a_crash():
    text = "Anna Berg said the board was still looking into it. Lars Holm said Iceland had lied."
    actors = {n: Actor(n, name, "official", side="Norway") for n, name in (("berg", "Anna Berg"), ("holm", "Lars Holm"))}

    def said(number: int, speaker: str, words: str, code: str) -> Statement:
        at = text.index(words)
        end = text.index(".", at) + 1
        start = text.rfind(".", 0, at) + 1
        return Statement(f"s{number}", "indirect", start, end, text[start:end].strip(), speaker,
                         content=(Span(at, at + len(words), words),), signal=code, signals=(code,), confidence=1.0)

    statements = [said(1, "berg", "the board was still looking into it", "hedge"),
                  said(2, "holm", "Iceland had lied", "accuse")]
    verdict = pair_misses.loss(statements, [{None, "hedge"}, {"accuse"}], ["s1", "s2"], {"s1", "s2"}, actors, True,
                                codebook().oppositions, Layout.of(statements, text), None, [])
    assert verdict.startswith("kind unknown") and "None" in verdict


def test_a_gold_half_that_may_make_no_move_is_reported_beside_its_codes():
    text = "Anna Berg said Iceland must pull its boats off the banks. Jon Jonsson said the boats were never there."
    actors = {"berg": Actor("berg", "Anna Berg", "official", side="Norway"),
              "jonsson": Actor("jonsson", "Jon Jonsson", "official", side="Iceland")}

    def said(number: int, speaker: str, words: str) -> Statement:
        at = text.index(words)
        return Statement(f"s{number}", "indirect", at, at + len(words), text, speaker,
                         content=(Span(at, at + len(words), words),), signal="commit", signals=("commit",),
                         confidence=1.0)

    statements = [said(1, "berg", "Iceland must pull its boats off the banks"),
                  said(2, "jonsson", "the boats were never there")]
    verdict = pair_misses.loss(statements, [{"demand"}, {None, "deny"}], ["s1", "s2"], {"s1", "s2"}, actors, False,
                                codebook().clashes, Layout.of(statements, text), None, [])
    assert verdict == "wrong signal: ['commit'] / ['commit'], gold ['demand'] / [None, 'deny']"
