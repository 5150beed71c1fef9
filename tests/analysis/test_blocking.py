"""Blocking before judging (``analysis.blocking``): mixed messages and standoffs judge only the
pairs some reading can score, so a long document's pairs grow about linearly with its
statements, and what is found is what judging every pair finds. The articles are invented
here: statement records with random codes, words and speakers, built by hand."""

from __future__ import annotations

import dataclasses
import random

import pytest

from tealeaves.analysis import blocking, mixed, standoffs
from tealeaves.analysis.blocking import MAX_PARTNERS, Block, listed_pairs, reach
from tealeaves.analysis.mixed import MIN_PAIR_SCORE, find_mixed_messages
from tealeaves.analysis.pairs import Layout, closeness
from tealeaves.analysis.standoff_model import standoff_model
from tealeaves.analysis.standoffs import find_standoffs
from tealeaves.codebook import codebook
from tealeaves.models import Actor, Span, Statement

ACTORS = {a.id: a for a in (
    Actor("vey", "Ada Vey", "official", side="Castrel", role="minister"),
    Actor("oran", "Bram Oran", "official", side="Castrel", role="envoy"),
    Actor("kell", "Cleo Kell", "official", side="Morvia", role="president"),
    Actor("dunn", "Ivo Dunn", "official", side="Morvia", role="general"),
    Actor("source", "a Morvian source", "person", side="Morvia"),
)}
SAID = ("threaten", "demand", "reject", "reassure", "engage", "concede", "commit", "deny", "accuse",
        "positive_assessment", "negative_assessment", "hedge")
DONE = ("mobilize", "assault", "sanction", "cooperate")
WORDS = ("strait", "ferries", "talks", "patrols", "border", "harbour", "convoy", "fishing", "treaty", "tariffs")
ASIDES = ("we sought to clarify that", "Vey misspoke when she said", "two soldiers were killed and",
          "no one was killed and", "several were wounded while")


def invented_article(paragraphs: int, seed: int = 1) -> tuple[str, list[Statement]]:
    """An article of one to three statements a paragraph: random speakers, codes (a few deeds,
    corrections and casualty counts among them), words and confidence."""
    rng = random.Random(seed)
    text, statements = "", []
    for number in range(paragraphs):
        text += "\n\n" if number else ""
        for _ in range(rng.randint(1, 3)):
            speaker = rng.choice(list(ACTORS.values()))
            deed = rng.random() < 0.1
            codes = (rng.choice(DONE),) if deed else tuple(rng.sample(SAID, rng.choice((1, 1, 2))))
            words = " ".join(rng.sample(WORDS, 3))
            if not deed and rng.random() < 0.15:
                words = f"{rng.choice(ASIDES)} the {words}"
            start = len(text)
            text += f"{speaker.name} said {words}. "
            content = Span(start + len(speaker.name) + 6, len(text) - 2, words)
            statements.append(Statement(
                id=f"s{len(statements) + 1:03d}", kind="action" if deed else "indirect", start=start,
                end=len(text) - 1, text=text[start : len(text) - 1], speaker_id=speaker.id, content=(content,),
                cue=Span(start + len(speaker.name) + 1, start + len(speaker.name) + 5, "said"), cue_sense="speech",
                signal=codes[0], signals=codes, confidence=round(rng.uniform(0.4, 0.99), 2)))
    return text, statements


def every_pair(blocks, layout, statements, limit=MAX_PARTNERS):
    """Judging without blocking: every pair of the statements."""
    return [(i, j) for i in range(len(statements)) for j in range(i + 1, len(statements))]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_blocking_finds_what_judging_every_pair_finds(seed, monkeypatch):
    text, statements = invented_article(60, seed)
    every = dataclasses.replace(standoff_model(), threshold=0.0)  # every standoff reading kept: the widest check
    found = (find_mixed_messages(statements, ACTORS, text=text), find_standoffs(statements, ACTORS, text=text, model=every))
    listed = len(listed_pairs(
        blocking.opposing_blocks(statements, codebook().oppositions, [ACTORS[s.speaker_id].side for s in statements],
                                 MIN_PAIR_SCORE, same_side=True), Layout.of(statements, text), statements))
    monkeypatch.setattr(mixed, "listed_pairs", every_pair)
    monkeypatch.setattr(standoffs, "listed_pairs", every_pair)
    assert found == (find_mixed_messages(statements, ACTORS, text=text),
                     find_standoffs(statements, ACTORS, text=text, model=every))
    assert found[0] and found[1]
    assert {m.kind for m in found[0]} & {"walk_back", "factual_contradiction"}  # corrections and counts met
    assert listed < len(statements) * (len(statements) - 1) / 2 / 4  # and blocking left most pairs out


def test_pairs_judged_grow_linearly_with_the_statements(monkeypatch):
    judged = []
    for module, judge in ((mixed, "best_reading"), (standoffs, "clash_reading")):
        original = getattr(module, judge)

        def counting(*args, _original=original, **kwargs):
            judged[-1] += 1
            return _original(*args, **kwargs)

        monkeypatch.setattr(module, judge, counting)
    for paragraphs in (150, 600):
        judged.append(0)
        text, statements = invented_article(paragraphs)
        find_mixed_messages(statements, ACTORS, text=text)
        find_standoffs(statements, ACTORS, text=text)
        # each statement meets at most MAX_PARTNERS on each side, in each of the two readings
        assert judged[-1] <= 2 * 2 * MAX_PARTNERS * len(statements)
    assert judged[-1] < len(statements) ** 2 / 8  # every pair of one side, or of two, is far more


def test_a_fading_relation_lists_no_pair_beyond_the_distance_it_can_score_at():
    for relations, min_score in ((codebook().oppositions, MIN_PAIR_SCORE), (codebook().clashes, 0.0)):
        for relation in relations:
            farthest = reach(relation.strength, min_score, relation.fades)
            if not relation.fades:
                assert farthest is None
            elif farthest == -1:
                assert relation.strength < min_score
            else:
                assert relation.strength * closeness(farthest, 1.0, True) >= min_score
                assert relation.strength * closeness(farthest + 1, 1.0, True) < min_score


def test_a_statement_meets_the_nearest_of_its_groups_on_each_side_within_reach():
    text, statements = invented_article(200)
    layout = Layout.of(statements, text)
    paragraph = [layout.paragraph[s.id] for s in statements]
    middle, everyone = len(statements) // 2, range(len(statements))

    def met(block: Block) -> set[int]:
        return {j for pair in listed_pairs([block], layout, statements) if middle in pair for j in pair} - {middle}

    assert met(Block(everyone, everyone)) == set(range(middle - MAX_PARTNERS, middle + MAX_PARTNERS + 1)) - {middle}
    near = met(Block(everyone, everyone, 2))
    assert near == {j for j in everyone if j != middle and abs(paragraph[j] - paragraph[middle]) <= 2}
