"""Who said it on wire copy: the channel is not the speaker, a reaction in a relative clause is
its own statement, and naming, credit lines, topic asides and the speaker's own "according to"
are no statements. Every sentence is our own (issue 20, round seven)."""

from __future__ import annotations

from statement_rows import statement_rows as statements


def speaker_of(text: str, cue: str) -> str:
    return next(name for name, said, _ in statements(text) if said == cue)


def test_a_denial_in_a_relative_clause_is_the_accused_statement_of_the_accusation():
    text = ("The rebels said the port was closed. The governor accused the rebels of blocking the road, "
            "which they have denied.")
    rows = statements(text)
    accusation = next(r for r in rows if r[1] == "accused")
    denial = next(r for r in rows if r[1] == "denied")
    assert accusation[2] == ["the rebels of blocking the road"]  # the denial is not the governor's words
    assert denial[0] == "rebels" and denial[2] == ["the rebels of blocking the road"]


def test_a_denial_by_they_is_the_accused_even_when_another_body_was_named_last():
    text = ("The Northern Front said the port was closed. The governor has accused the rebels – led by the "
            "Northern Front – of trying to seize the port, which they have denied.")
    assert speaker_of(text, "denied") == "rebels"


def test_a_named_denial_in_a_relative_clause_is_a_statement():
    rows = statements("The union accused Mayor Ana Ruiz of closing the clinic, which Ruiz has denied.")
    assert [r[1] for r in rows] == ["accused", "denied"]
    assert "of closing the clinic" in rows[1][2][0]


def test_a_charge_after_an_aside_between_dashes_is_part_of_the_accusation():
    text = ("The governor has accused the rebels – led by the Northern Front, which once ran the province – "
            "of trying to seize the port.")
    content = next(r[2] for r in statements(text) if r[1] == "accused")
    assert content[0].endswith("of trying to seize the port")


def test_an_as_phrase_naming_the_speakers_capacity_is_not_what_was_said():
    content = next(r[2] for r in statements(
        "Ukrainians have long insisted on their right to the peninsula as a signatory to a 1994 accord."))
    assert content == ["on their right to the peninsula"]


def test_an_as_phrase_with_a_quote_and_a_claim_stays_what_was_said():
    text = "Officials in Lisbon dismissed as “reckless and absurd” on Sunday a claim by the mayor that the port is sinking."
    content = next(r[2] for r in statements(text) if r[1] == "dismissed")
    assert any("a claim by the mayor" in c for c in content)


def test_according_to_our_information_is_the_speakers_own_words():
    text = ("At a briefing, the minister declared:\n\nWe are ready, and our forces are prepared to defend the border.\n\n"
            "According to our information, the strike could come within days.")
    assert all("our information" not in name.lower() for name, _, _ in statements(text))


def test_a_participle_naming_only_the_topic_is_no_statement_of_its_own():
    text = ("Commenting on the talks, the envoy said that both sides wanted a deal. "
            "“The rest is detail,” the envoy said, referring to the border dispute.")
    assert [cue for _, cue, _ in statements(text)] == ["said", "said"]


def test_according_to_x_then_x_said_is_one_statement():
    rows = statements("According to the ministry, the ferry sank at dawn, the ministry said.")
    assert len(rows) == 1
    assert rows[0][2] == ["the ferry sank at dawn"]


def test_an_agency_credit_line_is_no_statement_but_a_person_adding_still_speaks():
    text = ("The ministry said the border was calm.\n\nAFP adds: The prime minister had accused the neighbours "
            "of arming rebels.\n\nRoe adds: “We will rebuild.”")
    assert [cue for _, cue, _ in statements(text)] == ["said", "accused", "adds"]


def test_this_was_stated_by_reports_no_words_of_its_own():
    text = ("Talks Cannot Wait, Minister Says\n\nThis was stated by Foreign Minister Ana Ruiz during a briefing "
            "in Lisbon, a correspondent reports.")
    assert all(content != ["This"] for _, _, content in statements(text))


def test_quoted_as_saying_by_an_agency_is_the_quoted_persons_statement():
    text = ('Negotiators said on Thursday that the quota was a "red line" for the capital.\n\n'
            '"Yet our fishing fleet will be part of any solution," Minister Ana Ruiz was quoted as saying '
            'by the Coastal News Agency.')
    assert speaker_of(text, "saying") == "Ana Ruiz"


def test_a_quote_paragraph_after_a_channels_report_continues_the_person_reported():
    text = ("Ana Ruiz, a spokesperson for the ministry, dismissed the claims as false at a briefing on Sunday, "
            "the Daily Planet reported.\n\n“The ministry rejects these claims, which serve only to stir up fear "
            "along the border.”")
    assert speaker_of(text, "") == "Ana Ruiz"


def test_calling_a_place_by_its_name_is_no_statement_but_calling_a_plan_a_fraud_is():
    assert [cue for _, cue, _ in statements("The island claims the reef, which it calls Mar’ka Shoal.")] == ["claims"]
    assert "calls" in [cue for _, cue, _ in statements("The mayor calls the plan a fraud.")]


def test_an_unowned_quote_opened_after_the_subject_is_the_subjects():
    text = ("The council said the truce would hold.\n\nOn Monday, union chief Ana Ruiz “held long talks with the "
            "mayor until late at night.\n\nThe mayor said the plan was fair.")
    assert speaker_of(text, "") == "Ana Ruiz"
