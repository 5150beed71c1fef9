"""Speakers named by what they issued or by a generic noun: "the statement said", "according
to a statement", "the group added", and a body whose name begins with a title word ("the General
Staff"). Every sentence is our own (issue 20, round seven)."""

from __future__ import annotations

import tealeaves


def speakers(text: str) -> dict[str, str]:
    """Each statement's cue text -> its speaker's name ("" for none)."""
    doc = tealeaves.analyze(text).documents[0]
    named = {}
    for st in doc.statements:
        actor = doc.actor(st.speaker_id)
        named[st.cue.text if st.cue else ""] = actor.name if actor else ""
    return named


def test_the_statement_said_is_the_last_speakers_statement():
    text = ("The rebel command announced that it would free the hostages. "
            "The statement said the talks would resume.")
    named = speakers(text)
    assert named["said"] == named["announced"] != ""


def test_according_to_a_statement_is_the_named_subject_of_its_clause():
    text = "The union spoke first. Hezbollah has agreed to the truce, according to a statement."
    assert speakers(text)["according to"] == "Hezbollah"


def test_the_group_is_the_movement_named_before():
    text = "Hezbollah said it was studying the offer. The group reaffirmed its demand for a full withdrawal."
    assert speakers(text)["reaffirmed"] == "Hezbollah"


def test_a_general_staff_keeps_its_title_word():
    text = "The General Staff of the Northern Army announced that it had carried out a drill."
    assert "General Staff" in speakers(text)["announced"]


def test_the_group_after_a_body_with_no_side_joins_no_one():
    """Merge precision first: a think tank named last need not be "the group" (another one may be)."""
    text = ("The Harbour Institute said the plan would cost a lot. The Ferry Council, reviewing a draft, agreed. "
            "Fares would double, the group said.")
    assert speakers(text)["said"] != "Harbour Institute"


def test_a_speech_someone_delivered_is_theirs():
    text = "But the goal is not revenue, according to a speech Ana Ruiz delivered in July."
    assert speakers(text)["according to"] == "Ana Ruiz"
