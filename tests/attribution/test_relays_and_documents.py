"""Who said it on wire copy, round eight: an agency that quotes someone only relays the words,
the one it cites appealing to someone still speaks, a published or carried statement speaks for
whoever issued it, things that cannot speak never do, and a deed is not also a stance. Every
sentence is our own (issue 20)."""

from __future__ import annotations

import tealeaves
from statement_rows import statement_rows as statements


def speakers_of(text: str, cue: str) -> list[str]:
    return [name for name, said, _ in statements(text) if said == cue]


def test_quoted_by_an_agency_as_saying_is_the_quoted_persons_quote():
    text = '"We accept the offer, but only with monitors present," Marek was quoted by the Coastal News Agency as saying.'
    rows = statements(text)
    assert [r[0] for r in rows] == ["Marek"]
    assert rows[0][2][0].startswith("We accept the offer")


def test_words_before_was_quoted_as_saying_are_the_quoted_persons():
    text = "The ceasefire plan is sound, the minister was quoted by the agency as saying."
    assert statements(text) == [("minister", "saying", ["The ceasefire plan is sound"])]


def test_an_appeal_cited_from_an_agency_is_also_the_appealing_persons_statement():
    text = ("According to the official news agency NRA, Bourita urged Ruritania to recognise and assume "
            '"its grave errors" and avoid "double talk".')
    rows = statements(text)
    urged = [r for r in rows if r[1] == "urged"]
    assert [r[0] for r in urged] == ["Bourita"]
    assert urged[0][2][0].startswith("Ruritania to recognise")


def test_according_to_a_statement_holding_a_speakers_demand_is_no_second_row():
    text = ("Ana Ruiz, the interior minister, said on Friday that the border was closed. She demanded the Ruritanian government punish the "
            'smugglers, whom she called "traitors", according to a statement carried by the state news agency NRA.')
    rows = [r for r in statements(text) if r[1] in ("demanded", "according to")]
    assert [(r[0], r[1]) for r in rows] == [("Ana Ruiz", "demanded")]
    assert not any("according to" in text for text in rows[0][2])


def test_according_to_a_statement_alone_still_reports_the_words():
    rows = statements("The border talks failed on Friday, according to a statement from the ministry.")
    assert [r[1] for r in rows] == ["according to"]


def test_talks_a_pact_and_a_fallout_do_not_speak_through_an_infinitive():
    for text in ("The Vardar Agreement, which aimed to revive ties between the two neighbours, was signed in 2021.",
                 "The fallout threatens to derail efforts to end the war.",
                 "The talks in Vienna aim to end the war and ease the famine."):
        assert [said for _, said, _ in statements(text) if said != "signed"] == [], text  # the signing: a deed


def test_a_pacts_own_clause_and_an_armys_threat_still_speak():
    assert speakers_of("The agreement states that both sides will withdraw their troops.", "states") == ["The agreement"]
    assert speakers_of("The army threatened to end the truce.", "threatened") == ["army"]


def test_a_participle_after_dashed_hopes_is_said_by_the_clause_between():
    text = ("Hopes for a truce were dashed when the army announced its decision to skip the talks, claiming that "
            "the militia had failed to honour earlier deals.")
    assert speakers_of(text, "claiming") == ["army"]


def test_the_act_an_accuser_charges_someone_with_is_no_statement_of_the_accusers():
    for text, charge in (("On Thursday, foreign ministry spokeswoman Ana Ruiz accused Osterlich of refusing to share "
                          "any evidence in the case.", "accused"),
                         ("The minister accused the rebels of saying the truce was dead.", "accused")):
        assert [r[1] for r in statements(text)] == [charge], text


def test_an_act_before_the_speaker_is_still_the_speakers():
    assert speakers_of("After refusing to comment, the minister warned the rebels.", "refusing") == ["minister"]


def test_a_deed_is_one_action_row_not_also_a_stance():
    text = ("Defiant Ruritania releases Osterlich fisherman\n\n"
            "Ruritania released the captain of a trawler on Friday after days of protests.")
    doc = tealeaves.analyze(text).documents[0]
    kinds = sorted((s.cue.text, s.kind) for s in doc.statements if s.cue is not None)
    assert kinds == [("released", "action"), ("releases", "action")]
