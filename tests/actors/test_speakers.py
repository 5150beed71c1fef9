"""Who says each quote, one document at a time: the examples of data/speakers.yaml and the
rules they stand for (name particles, pronoun antecedents, continued quotes, channels)."""

from __future__ import annotations

import pytest

from tealeaves.actors.antecedents import is_message, narration_counts
from tealeaves.io.readers import read_text
from tealeaves.lexicon import bundled_yaml
from tealeaves.pipeline import analyze_documents

EXAMPLES = bundled_yaml("speakers.yaml")["examples"]


def speakers_and_quoters(nlp, text: str) -> tuple[list, set]:
    """The speaker of each statement (deeds left out) in text order, and the speakers of
    statements that carry a quote."""
    (result,) = analyze_documents([read_text(text)], nlp=nlp, embeddings=False)
    said = [(actor.name if (actor := result.actor(s.speaker_id)) else None, bool(s.quotes))
            for s in result.statements if s.kind != "action"]
    return [name for name, _ in said], {name for name, quoted in said if quoted}


def speaker_names(nlp, text: str) -> list:
    return speakers_and_quoters(nlp, text)[0]


@pytest.mark.parametrize("example", EXAMPLES, ids=[f"{n}-{e['rule'][:40]}" for n, e in enumerate(EXAMPLES)])
def test_every_statement_of_an_example_has_its_speaker(nlp, example):
    speakers, quoters = speakers_and_quoters(nlp, example["text"])
    assert speakers == example["speakers"], example["rule"]
    if "quotes_by" in example:
        assert quoters == {example["quotes_by"]}, example["rule"]


CONTINUED = (
    'Jane Roe, the foreign minister, spoke in Oslo on Monday.\n\n'
    '"We will not retreat," Roe said. "Our forces are ready."\n\n'
    '{between}\n\n'
    '"The talks are over. We have given them every chance to agree and they refused every offer."'
)


@pytest.mark.parametrize("between, speaker", [
    ("The agreement was signed in Geneva in 2019.", "Jane Roe"),
    ("Omar Vell, the opposition leader, was in Bergen at the time.", None),
])
def test_a_quote_paragraph_without_a_cue_continues_the_last_speaker_unless_someone_intervenes(nlp, between, speaker):
    assert speaker_names(nlp, CONTINUED.format(between=between))[-1] == speaker


def test_a_quote_paragraph_far_from_any_speaker_has_none(nlp):
    narration = "\n\n".join(f"The ferry ran {n} times that week." for n in range(2, 6))
    text = CONTINUED.format(between=narration)
    assert speaker_names(nlp, text)[-1] is None


@pytest.mark.parametrize("name, message", [
    ("The RCMP statement", True), ("Letters", True), ("Mark Dunn", False), ("Ministry", False),
])
def test_a_message_is_no_antecedent(name, message):
    class Actor:
        role = surname = None
        kind = "person"

    actor = Actor()
    actor.name = name
    assert is_message(actor) is message


def test_quoted_tokens_are_no_distance(nlp):
    doc = nlp('Roe said "one two three" and left.')
    quoted = [(doc.text.index("one"), doc.text.index("three") + 5)]
    counts = narration_counts(doc, quoted)
    assert counts[-1] == len(doc) - 3

