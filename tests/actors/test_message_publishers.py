"""Whose a statement is when the text names only who published or carried it, or the body that
issued it ("the government statement"): the state behind state media, the body named before.
Every sentence is our own (issue 20, round eight)."""

from __future__ import annotations

import tealeaves


def speaker_and_side(text: str, cue: str) -> tuple[str, str]:
    doc = tealeaves.analyze(text).documents[0]
    statement = next(s for s in doc.statements if s.cue is not None and s.cue.text == cue)
    actor = doc.actor(statement.speaker_id)
    return (actor.name, actor.side) if actor is not None else ("", "")


def test_a_statement_published_by_state_media_is_the_states():
    text = ("Iran has issued threats. A statement published on Tuesday by Iranian state media said "
            "the navy had begun a campaign of retaliation.")
    assert speaker_and_side(text, "said") == ("Iran", "Iran")


def test_a_statement_carried_in_a_state_news_agency_is_the_states():
    text = 'The envoy left. "The slight wounded the whole nation," the statement carried in KCNA read.'
    assert speaker_and_side(text, "read") == ("North Korea", "North Korea")


def test_the_government_statement_is_the_government_named_before():
    text = ("Osterlich's government has given the ambassador 72 hours to leave. \"The envoy was summoned and told "
            "to go,\" the government statement said.")
    assert speaker_and_side(text, "said") == ("Osterlich's government", "Osterlich")


def test_a_statement_issued_in_a_city_names_no_speaker_there():
    doc = tealeaves.analyze("A statement issued in Geneva said talks would resume.").documents[0]
    assert all(doc.actor(s.speaker_id) is None or doc.actor(s.speaker_id).name != "Geneva" for s in doc.statements)
