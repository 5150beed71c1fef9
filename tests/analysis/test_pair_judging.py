"""How a candidate pair is judged (tealeaves.analysis.pairs): standoffs between sides that face
each other, and the coder's doubt in a pair's codes, on hand-built articles (the helpers of
test_analysis.py)."""

import dataclasses

import pytest

from tealeaves.analysis import mixed
from tealeaves.analysis.mixed import raw_mixed_messages
from tealeaves.analysis.pairs import SECOND_PAIR_SCORE, Layout, aimed_sides, one_reading, runs_into
from tealeaves.analysis.standoff_model import standoff_model
from tealeaves.analysis.standoffs import chosen, find_standoffs, standoff_readings
from tealeaves.analysis.wording import names_move
from tealeaves.models import Span, Statement
from test_analysis import ACTORS, FILLER, Said, article

AT_DENMARK = Said("jonsson", ("demand",), "The Danish fleet must leave the fishing banks at once", "fishing banks")
ALSO_AT_DENMARK = Said("holm", ("threaten",), "Any Danish trawler left on the fishing banks will be boarded",
                       "fishing banks")
AT_ICELAND = Said("holm", ("threaten",), "Any Icelandic trawler left on the fishing banks will be boarded",
                  "fishing banks")


def test_two_sides_pressing_a_third_party_make_no_standoff():
    text, statements = article([AT_DENMARK], FILLER, [ALSO_AT_DENMARK])
    assert aimed_sides(statements[0], ACTORS) == aimed_sides(statements[1], ACTORS) == {"Denmark"}
    assert find_standoffs(statements, ACTORS, text=text) == []


def test_a_threat_aimed_at_the_demanding_side_answers_its_demand():
    text, statements = article([AT_DENMARK], FILLER, [AT_ICELAND])
    assert aimed_sides(statements[1], ACTORS) == {"Iceland"}  # "Icelandic" names Jonsson's side
    (standoff,) = find_standoffs(statements, ACTORS, text=text)
    assert standoff.statement_ids == ("s01", "s02") and set(standoff.sides) == {"Iceland", "Norway"}


def test_the_readings_chosen_at_the_threshold_are_the_standoffs_found_and_none_above_their_score():
    text, statements = article([AT_DENMARK], FILLER, [AT_ICELAND])
    layout = Layout.of(statements, text)
    readings = standoff_readings(statements, ACTORS, None, layout)
    (standoff,) = find_standoffs(statements, ACTORS, text=text)
    kept = chosen(readings, standoff_model().threshold)
    assert [(c.first.id, c.second.id) for c in kept] == [standoff.statement_ids]
    assert chosen(readings, kept[0].score + 0.01) == []


def test_a_statement_faces_a_side_through_its_target():
    text, statements = article([AT_DENMARK], FILLER, [ALSO_AT_DENMARK])
    aimed = dataclasses.replace(statements[1], target="jonsson")
    assert aimed_sides(aimed, ACTORS) == {"Denmark", "Iceland"}
    (standoff,) = find_standoffs([statements[0], aimed], ACTORS, text=text)
    assert standoff.kind == "standoff"


def _one_paragraph(confidence: float, threats: int = 1):
    calm = Said("berg", ("reassure",), "Our trawlers will keep fishing the banks in peace", "fishing banks",
                confidence=confidence)
    threatening = [Said(speaker, ("threaten",), "Any boat crossing into the fishing banks will be seized",
                        "fishing banks", confidence=confidence) for speaker in ("holm", "lie")[:threats]]
    text, statements = article([calm, *threatening])
    return raw_mixed_messages(statements, ACTORS, text=text)  # the pair's judging, before calibration


def test_a_mixed_message_on_codes_the_coder_doubts_scores_less():
    (sure,), (doubted,) = _one_paragraph(1.0), _one_paragraph(0.3)
    assert doubted.score < sure.score
    assert doubted.score == pytest.approx(sure.score * (mixed.EVIDENCE_FLOOR + (1 - mixed.EVIDENCE_FLOOR) * 0.3),
                                          abs=0.01)


def test_a_statement_meets_a_second_speaker_when_the_pair_opposes_squarely_whatever_the_doubt():
    found = {m.statement_ids: m.score for m in _one_paragraph(0.01, threats=2)}
    assert set(found) == {("s01", "s02"), ("s01", "s03")}
    assert found["s01", "s03"] < SECOND_PAIR_SCORE  # under the bar once the doubt is weighed


NORWAY_MUST_LEAVE = Said("jonsson", ("demand",), "that Norway pull its frigates out of the northern grounds at once",
                         kind="indirect", cue="demanded")


@pytest.mark.parametrize("reply, code, answers", [("the call", "reject", True), ("the Icelandic demand", "reject", True),
                                                  ("the offer", "reject", False), ("the call", "hedge", False)])
def test_a_reply_that_names_the_other_side_s_move_by_its_noun_answers_it(reply, code, answers):
    refusal = Said("berg", (code,), reply, kind="indirect", cue="rejected")
    text, statements = article([NORWAY_MUST_LEAVE], FILLER, [refusal])
    found = find_standoffs(statements, ACTORS, text=text)
    assert bool(found) == answers  # "the offer" names no demand; a hedge clashes with none
    if answers:
        assert found[0].statement_ids == ("s01", "s02") and set(found[0].sides) == {"Iceland", "Norway"}


def test_a_noun_names_a_move_only_at_the_head_of_what_is_said_and_only_of_its_own_codes():
    text, statements = article([NORWAY_MUST_LEAVE], FILLER, [Said("berg", ("reject",), "the charge", kind="indirect")])
    demand, reply = statements
    assert not names_move(reply, demand)  # a charge is an accusation, not a demand
    accusation = dataclasses.replace(demand, signal="accuse", signals=("accuse",))
    assert names_move(reply, accusation) and not names_move(accusation, reply)
    _, (late,) = article([Said("berg", ("reject",), "any talks until the fleets go home after the charge", kind="indirect")])
    assert not names_move(late, accusation)


def _demand_run_on_into_a_refusal(joint: str):
    """Jonsson's demand whose content attribution ran on through ``joint`` into Berg's refusal."""
    text = f"Jon Jonsson demanded that Norway pull its frigates out of the northern grounds{joint}Anna Berg refused to do it."
    at = text.index
    demand = Statement("s01", "indirect", 0, len(text), text, speaker_id="jonsson", signal="demand", signals=("demand",),
                       cue=Span(at("demanded"), at("demanded") + 8, "demanded"),
                       content=(Span(at("that"), len(text) - 1, text[at("that"):-1]),))
    refusal = Statement("s02", "indirect", 0, len(text), text, speaker_id="berg", signal="reject", signals=("reject",),
                        cue=Span(at("refused"), at("refused") + 7, "refused"),
                        content=(Span(at("to do it"), len(text) - 1, "to do it"),))
    return text, demand, refusal


def test_a_demand_whose_content_runs_past_a_dash_into_a_refusal_is_two_moves():
    text, demand, refusal = _demand_run_on_into_a_refusal(" — something ")
    assert runs_into(demand, refusal) and not one_reading(demand, refusal)
    (standoff,) = find_standoffs([demand, refusal], ACTORS, text=text)
    assert standoff.statement_ids == ("s01", "s02")


def test_a_move_relayed_inside_another_s_content_stays_one_reading():
    _, demand, refusal = _demand_run_on_into_a_refusal(" after ")  # no break: the clause goes on
    assert not runs_into(demand, refusal) and one_reading(demand, refusal)


def test_a_body_of_states_named_as_the_forum_of_a_move_is_not_aimed_at():
    forum = Said("jonsson", ("threaten",), "Any Danish trawler on the banks will answer for it at the U.N. Security "
                 "Council", "fishing banks")
    partner = Said("jonsson", ("commit",), "Iceland will work with fellow NATO members to clear the banks",
                   "fishing banks")
    addressed = Said("jonsson", ("demand",), "The U.N. must keep its ships off the fishing banks", "fishing banks")
    talks = Said("jonsson", ("engage",), "Iceland is ready for talks with NATO on the banks", "fishing banks")
    _, (at_un, with_nato, to_un, to_nato) = article([forum], [partner], [addressed], [talks])
    assert aimed_sides(at_un, ACTORS) == {"Denmark"}
    assert "West" not in aimed_sides(with_nato, ACTORS)
    assert "United Nations" in aimed_sides(to_un, ACTORS) and "West" in aimed_sides(to_nato, ACTORS)


FRIGATES_OUT = Said("jonsson", ("demand",), "The frigates must leave the northern grounds before the thaw",
                    "northern grounds")
FRIGATES_STAY = Said("berg", ("reject",), "The frigates will not leave the northern grounds before the thaw",
                     "northern grounds")


def test_a_demand_and_a_refusal_that_name_neither_side_still_answer_each_other():
    text, statements = article([FRIGATES_OUT], FILLER, [FRIGATES_STAY])
    assert not aimed_sides(statements[0], ACTORS) and not aimed_sides(statements[1], ACTORS)
    (standoff,) = find_standoffs(statements, ACTORS, text=text)
    assert standoff.statement_ids == ("s01", "s02") and set(standoff.sides) == {"Iceland", "Norway"}


def test_two_sides_keep_one_standoff_the_most_confident():
    first = Said("jonsson", ("demand",), "The Norwegian frigates must leave the northern grounds", "northern grounds")
    no = Said("berg", ("reject",), "No Icelandic demand will move a frigate off the northern grounds",
              "northern grounds")
    again = Said("jonsson", ("demand",), "Norway must pull its frigates off the northern grounds", "northern grounds")
    refused = Said("holm", ("reject",), "Iceland will get no Norwegian frigate off the northern grounds",
                   "northern grounds")
    text, statements = article([first], [no], FILLER, FILLER, FILLER, [again], [refused])
    found = find_standoffs(statements, ACTORS, text=text)
    assert len(found) == 1 and set(found[0].sides) == {"Iceland", "Norway"}
