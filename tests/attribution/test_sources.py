"""Where a statement's source is and what it covers: relative pronouns, appositions,
coordinated speakers, shares of a group, and verbs whose report hangs on a "for" or "as"."""

from __future__ import annotations

import pytest

import tealeaves


def statements(text: str):
    doc = tealeaves.analyze(text).documents[0]
    return doc, [s for s in doc.statements if s.kind != "action"]


def only(text: str):
    doc, found = statements(text)
    assert len(found) == 1, [(s.cue and s.cue.text, s.speaker_mention and s.speaker_mention.text) for s in found]
    return doc, found[0]


def test_relative_pronoun_is_the_mention_and_its_antecedent_the_speaker():
    doc, said = only("Fishermen in the port, who say the quota is unfair, blocked the harbour on Monday.")
    assert said.speaker_mention.text == "who"
    assert "Fishermen" in doc.actor(said.speaker_id).name
    assert "the quota is unfair" in said.content[0].text


def test_who_makes_its_noun_someone_who_can_speak():
    """A noun the lexicon does not know as a person ("surveyor") speaks when "who" follows it,
    even deep in a sentence where the cue model is wary of reported clauses."""
    _, said = only("The mayor grew angry when pressed to explain the fee owed to a surveyor who said she had never been paid.")
    assert (said.speaker_mention.text, said.content[0].text) == ("who", "she had never been paid")


def test_mention_takes_in_apposed_names():
    doc, said = only("The head of the dockers' union, Lena Vos, said the strike would continue.")
    assert said.speaker_mention.text == "The head of the dockers' union, Lena Vos"
    assert doc.actor(said.speaker_id).name == "Lena Vos"


@pytest.mark.parametrize("text, speakers", [
    ("Minister Karl Olsen and his deputy Mia Berg told reporters that the border would stay open.",
     [("Minister Karl Olsen", "Karl Olsen"), ("his deputy Mia Berg", "Mia Berg")]),
    ("Both Olsen and Berg suggested on Sunday that the border could stay open.",
     [("Both Olsen", "Olsen"), ("Berg", "Berg")]),
    ("The border will stay open, Karl Olsen and Mia Berg said.",
     [("Karl Olsen", "Karl Olsen"), ("Mia Berg", "Mia Berg")]),
    ("Mr. Lund and Eva Moss, the State Department's trade envoy, said the talks were over.",
     [("Mr. Lund", "Lund"), ("Eva Moss, the State Department's trade envoy", "Eva Moss")]),
])
def test_coordinated_speakers_each_say_the_words(text, speakers):
    """'X and Y said': one statement per speaker, each named by their own conjunct, same words."""
    doc, said = statements(text)
    assert [(s.speaker_mention.text, doc.actor(s.speaker_id).name) for s in said] == speakers
    assert len({(s.cue.start, tuple(c.text for c in s.content)) for s in said}) == 1


@pytest.mark.parametrize("text, mention", [
    ("Karl Olsen and his aides said the border would stay open.", "Karl Olsen and his aides"),
    ("The ceremony featured Karl Olsen and Mia Berg, who said the border would stay open.", "who"),
])
def test_a_speaker_with_a_group_or_a_list_outside_the_clause_is_one_statement(text, mention):
    _, said = only(text)
    assert said.speaker_mention.text == mention


def test_calls_for_with_a_for_clause_is_a_demand_with_its_clause():
    _, said = only("Union leader Petra Nyman is calling for the government to raise wages.")
    assert said.cue.text == "calling"
    assert said.content[0].text == "for the government to raise wages"


def test_share_of_people_can_hold_a_view():
    _, said = only("A majority of farmers see the new quota as a threat to their livelihood.")
    assert said.speaker_mention.text == "A majority of farmers"
    assert said.content[0].text.startswith("the new quota as a threat")


def test_see_without_as_or_clause_is_no_view():
    _, found = statements("Most farmers saw the new quota last week.")
    assert found == []


def test_belief_verb_after_its_clause_reports_it():
    _, found = statements("About two-thirds of voters in the region support the new dam, the survey found.")
    survey = [s for s in found if s.cue.text == "found"]
    assert len(survey) == 1 and survey[0].speaker_mention.text == "the survey"
    assert survey[0].content[0].text == "About two-thirds of voters in the region support the new dam"


@pytest.mark.parametrize("text, speaker", [
    ("“If the dam fails, the valley floods within hours,” said Ada Brun, an engineer at the institute.", "Ada Brun"),
    ("“The harbour is in crisis mode. Total crisis mode,” said Marit Oksanen, a harbour pilot.", "Marit Oksanen"),
])
def test_subject_inside_the_quote_before_the_verb_is_not_the_speaker(text, speaker):
    doc, said = only(text)
    assert doc.actor(said.speaker_id).name == speaker


def test_quote_signed_after_a_dash_belongs_to_the_name():
    text = ("Readers wrote in.\n\n“Nobody in this valley trusts the dam plan.” ― Ilse Marten.\n\n"
            "“I hope the vote brings people out.” — Tomas Oyel, a teacher in Harlow\n\n"
            "“The toll road is a scandal.”\u00a0―\u00a0Rui Salgado\n"  # no-break spaces around the dash
            "”The bridge can wait.” ― Noor Haddou")  # a closing mark typed for the opening one
    doc, found = statements(text)
    signed = [(doc.actor(s.speaker_id).name, s.cue.text, s.quotes[0].text) for s in found if s.quotes]
    assert signed == [("Ilse Marten", "―", "Nobody in this valley trusts the dam plan."),
                      ("Tomas Oyel", "—", "I hope the vote brings people out."),
                      ("Rui Salgado", "―", "The toll road is a scandal."),
                      ("Noor Haddou", "―", "The bridge can wait.")]


def test_dash_after_a_quote_with_more_clause_is_no_signature():
    _, found = statements("“We will win,” she said — and the crowd cheered.")
    assert [s.cue.text for s in found] == ["said"]


def test_passive_cue_is_its_agents_statement_about_its_subject():
    doc, said = only("The plan has been endorsed by Governor Ivo Marek.")
    assert doc.actor(said.speaker_id).name == "Ivo Marek"
    assert said.content[0].text == "The plan"


def test_passive_without_agent_reports_nothing_of_its_subject():
    _, found = statements("Ana Ruiz was told that the port would reopen.")
    assert found == []


def analyze_misparse(rows: str):
    """Attribution over a parse written out by hand, one token per line as
    ``word TAG POS lemma head dep`` (head is a token index): the parser's known mistakes,
    reproduced exactly, whatever the model of the day does with the sentence."""
    from spacy.tokens import Doc

    from tealeaves.io.readers import read_text
    from tealeaves.lexicon import default_lexicon
    from tealeaves.nlp.model import load_model
    from tealeaves.pipeline import analyze_parsed

    fields = [line.split() for line in rows.strip().splitlines()]
    words = [f[0] for f in fields]
    spaces = [i + 1 < len(words) and words[i + 1] not in {",", ".", ":", "”"} and words[i] != "“"
              for i in range(len(words))]
    parsed = Doc(load_model().vocab, words=words, spaces=spaces, tags=[f[1] for f in fields],
                 pos=[f[2] for f in fields], lemmas=[f[3] for f in fields],
                 heads=[int(f[4]) for f in fields], deps=[f[5] for f in fields])
    result = analyze_parsed(read_text(parsed.text), parsed, default_lexicon(), embeddings=False)
    return result, [s for s in result.statements if s.kind != "action"]


def test_past_tense_mistagged_as_participle_still_reports():
    """'The nominee noted that ...' tagged VBN: a participle with its own subject is a past tense."""
    result, found = analyze_misparse("""
        The DT DET the 1 det
        nominee NN NOUN nominee 2 nsubj
        noted VBN VERB note 2 ROOT
        that IN SCONJ that 6 mark
        funds NNS NOUN fund 6 nsubj
        had VBD AUX have 6 aux
        run VBN VERB run 2 ccomp
        out RP ADP out 6 prt
        . . PUNCT . 2 punct""")
    assert [(s.cue.text, s.speaker_mention.text) for s in found] == [("noted", "The nominee")]
    assert found[0].content[0].text == "that funds had run out"


def test_source_clause_coordinated_after_a_comma_reports_what_precedes():
    """'X failed, another source said': the parser made "said" a conjunct of "failed"."""
    result, found = analyze_misparse("""
        The DT DET the 1 det
        plan NN NOUN plan 2 nsubj
        failed VBD VERB fail 2 ROOT
        , , PUNCT , 2 punct
        another DT DET another 5 det
        source NN NOUN source 6 nsubj
        said VBD VERB say 2 conj
        . . PUNCT . 6 punct""")
    assert [(s.cue.text, s.speaker_mention.text) for s in found] == [("said", "another source")]
    assert found[0].content[0].text == "The plan failed"


def test_quoted_title_after_the_verb_is_not_its_speaker():
    """'“…,” Vos, a critic, said on “Morning Line.”': the parser hung Vos inside the quote
    and made the show's title the subject."""
    result, found = analyze_misparse("""
        “ `` PUNCT “ 2 punct
        Talks NNS NOUN talk 2 nsubj
        stalled VBD VERB stall 10 ccomp
        , , PUNCT , 2 punct
        ” '' PUNCT ” 10 punct
        Vos NNP PROPN Vos 1 appos
        , , PUNCT , 5 punct
        a DT DET a 8 det
        critic NN NOUN critic 5 appos
        , , PUNCT , 10 punct
        said VBD VERB say 10 ROOT
        on IN ADP on 10 prep
        “ `` PUNCT “ 10 punct
        Morning NNP PROPN Morning 14 compound
        Line NNP PROPN Line 10 nsubj
        . . PUNCT . 10 punct
        ” '' PUNCT ” 10 punct""")
    said = [s for s in found if s.cue and s.cue.text == "said"]
    assert said and result.actor(said[0].speaker_id).name == "Vos"


def test_subject_inside_the_quote_is_not_the_speaker():
    """'“…: We will rebuild it,” Chief Reyes said' with "said" hung on "rebuild": not "We"."""
    result, found = analyze_misparse("""
        “ `` PUNCT “ 3 punct
        We PRP PRON we 3 nsubj
        will MD AUX will 3 aux
        rebuild VB VERB rebuild 3 ROOT
        it PRP PRON it 3 dobj
        , , PUNCT , 3 punct
        ” '' PUNCT ” 3 punct
        Chief NNP PROPN Chief 8 compound
        Reyes NNP PROPN Reyes 3 dobj
        said VBD VERB say 3 conj
        . . PUNCT . 9 punct""")
    said = [s for s in found if s.cue and s.cue.text == "said"]
    assert said and said[0].speaker_mention.text != "We"
    assert "Reyes" in result.actor(said[0].speaker_id).name


@pytest.mark.parametrize("text, words", [
    ("“We will not back down,” the mayor told the Harbour Courier.", "We will not back down"),
    ("“The count was honest,” the returning officer said on Radio Five on Sunday.", "The count was honest"),
    ("“The count was honest,” the returning officer told Radio Five.", "The count was honest"),
    ("“The count was honest,” she said of the result.", "The count was honest"),
    ("“The count was honest,” she said after reading the tally sheets.", "The count was honest"),
])
def test_listener_or_venue_beside_a_quote_is_not_content(text, words):
    _, said = only(text)
    assert [c.text.strip("“”,.") for c in said.content] == [words]


def test_named_listener_after_words_reported_before_the_cue_is_not_content():
    """'The quay will close in May, the harbour master told the Herald': the words before
    the cue are what was said; the paper after it only heard them."""
    _, said = only("The quay will close in May, the harbour master told the Herald on Thursday.")
    assert [c.text for c in said.content] == ["The quay will close in May"]


def test_quote_cut_before_its_closing_mark_is_the_quote():
    """A quote in a longer passage gives its words without the marks, whichever rule found it."""
    _, said = only("The crowd cheered. “We were there for the count,” Ortega said on Monday. “Nobody asked us to leave.”")
    assert [c.text.rstrip(",") for c in said.content] == ["We were there for the count", "Nobody asked us to leave."]


def test_quoted_pieces_joined_by_a_conjunction_are_one_content_span():
    _, said = only("She insisted the budget was “balanced” and “nobody will lose a job.”")
    assert len(said.content) == 1
    assert said.content[0].text.startswith("the budget was")
    assert "nobody will lose a job" in said.content[0].text


def test_nearer_of_two_subjects_speaks():
    """A place name the parser also made a subject ("in Ashford, Ohio, X went after ...")."""
    result, found = analyze_misparse("""
        In IN ADP in 7 prep
        Ashford NNP PROPN Ashford 0 pobj
        , , PUNCT , 1 punct
        Ohio NNP PROPN Ohio 7 nsubj
        , , PUNCT , 7 punct
        Governor NNP PROPN Governor 6 compound
        Brun NNP PROPN Brun 7 nsubj
        went VBD VERB go 7 ROOT
        after IN ADP after 7 prep
        her PRP$ PRON her 10 poss
        rival NN NOUN rival 8 pobj
        , , PUNCT , 7 punct
        calling VBG VERB call 7 advcl
        him PRP PRON he 12 dobj
        “ `` PUNCT “ 12 punct
        a DT DET a 16 det
        coward NN NOUN coward 12 oprd
        ” '' PUNCT ” 12 punct
        . . PUNCT . 7 punct""")
    calling = [s for s in found if s.cue and s.cue.text == "calling"]
    assert calling and "Brun" in result.actor(calling[0].speaker_id).name


def test_verb_tagged_as_a_noun_still_reports():
    """'But Mills claims that …' with "claims" tagged as a plural noun."""
    result, found = analyze_misparse("""
        But CC CCONJ but 2 cc
        Mills NNP PROPN Mills 2 nsubj
        claims NNS NOUN claim 2 ROOT
        that IN SCONJ that 5 mark
        he PRP PRON he 5 nsubj
        won VBD VERB win 2 ccomp
        . . PUNCT . 2 punct""")
    assert [(s.cue.text, s.speaker_mention.text, s.content[0].text) for s in found] == [("claims", "Mills", "that he won")]


def test_cue_closing_its_paragraph_with_a_colon_reports_the_next_paragraph():
    _, said = only("The governor added:\n\nThe levy will be halved before the winter session.\n\nThe session opens in May.")
    assert said.cue.text == "added"
    assert said.content[0].text == "The levy will be halved before the winter session"


@pytest.mark.parametrize("text, speaker, words", [
    ("The fund lost money, as analysts had predicted.", "analysts", "The fund lost money"),
    ("As the minister warned last week, the dam will not hold.", "the minister", "the dam will not hold"),
])
def test_as_clause_vouches_for_the_clause_it_hangs_on(text, speaker, words):
    _, said = only(text)
    assert (said.speaker_mention.text, said.content[0].text) == (speaker, words)


def test_as_clause_inside_the_words_leaves_both_halves_and_no_linking_word():
    _, said = only("The bridge, as the engineer noted on Friday, was never inspected.")
    assert [c.text for c in said.content] == ["The bridge", "was never inspected"]
    _, said = only("Yet, as the mayor observed, the budget for the port is small.")
    assert [c.text for c in said.content] == ["the budget for the port is small"]


def test_as_clause_the_parser_hung_from_its_cue_as_the_root():
    """'Tivoli, as one of the guides pointed out, is rarely crowded' parsed with "pointed" as
    the sentence's root and "as" as its preposition: the clause still vouches for the rest."""
    _, found = analyze_misparse("""
        Tivoli NNP PROPN Tivoli 8 nsubj
        , , PUNCT , 8 punct
        as IN ADP as 8 prep
        one CD NUM one 8 nsubj
        of IN ADP of 3 prep
        the DT DET the 6 det
        guides NNS NOUN guide 4 pobj
        had VBD AUX have 8 aux
        pointed VBN VERB point 8 ROOT
        out RP ADP out 8 prt
        , , PUNCT , 8 punct
        is VBZ AUX be 8 advcl
        rarely RB ADV rarely 11 advmod
        crowded JJ ADJ crowded 11 acomp
        . . PUNCT . 8 punct""")
    assert [(s.cue.text, s.speaker_mention.text, [c.text for c in s.content]) for s in found] == [
        ("pointed out", "one of the guides", ["Tivoli", "is rarely crowded"])]


@pytest.mark.parametrize("text, words", [
    ("The appeals court ruled that the levy was lawful.", "that the levy was lawful"),
    ("The mayor ruled out new taxes.", "new taxes"),
])
def test_ruling_reports_a_clause_or_rules_something_out(text, words):
    _, said = only(text)
    assert said.content[0].text == words


def test_a_trailing_participle_is_a_statement_of_its_own_not_part_of_the_words_before():
    _, found = statements("The engineer said the pumps had failed twice, arguing that the city had cut the budget.")
    by_cue = {s.cue.text: [c.text for c in s.content] for s in found}
    assert by_cue["said"] == ["the pumps had failed twice"]
    assert by_cue["arguing"] == ["that the city had cut the budget"]


def test_name_right_after_an_inverted_cue_speaks_wherever_the_parser_hung_it():
    """'“…,” said Robin Hale, half joking' with "Hale" made the subject of "joking"."""
    result, found = analyze_misparse("""
        “ `` PUNCT “ 2 punct
        We PRP PRON we 2 nsubj
        won VBD VERB win 5 ccomp
        , , PUNCT , 5 punct
        ” '' PUNCT ” 5 punct
        said VBD VERB say 5 ROOT
        Robin NNP PROPN Robin 7 compound
        Hale NNP PROPN Hale 10 nsubj
        , , PUNCT , 7 punct
        half NN NOUN half 10 nsubj
        joking VBG VERB joke 5 ccomp
        . . PUNCT . 5 punct""")
    said = [s for s in found if s.cue and s.cue.text == "said"]
    assert said and said[0].speaker_mention.text == "Robin Hale"


def test_subject_of_the_reported_clause_is_not_an_inverted_speaker():
    _, found = statements("Ms. Dahl, whose firm builds ferries, said Mr. Lund was a rival.")
    assert [(s.cue.text, s.speaker_mention.text) for s in found] == [("said", "Ms. Dahl")]


def test_quote_of_several_sentences_before_its_cue_is_content_in_full():
    doc, found = statements("Vos went after her rival.\n“He built his firm on a loan from his father. "
                            "I don’t buy his story,” Vos said.\nThe crowd cheered.")
    said = [s for s in found if s.cue and s.cue.text == "said"]
    assert said and [c.text for c in said[0].content] == [
        "He built his firm on a loan from his father. I don’t buy his story,"]


def test_cue_split_off_as_its_own_sentence_owns_the_quote_before_it():
    doc, found = statements("The mayor said she wanted to speak “directly to voters” and let them know that "
                            "“this town is better than that.”\n“How many times must we see this in our town?” Vos said. "
                            "“In Elm, an unarmed man was shot.”")
    said = [s for s in found if s.speaker_mention and s.speaker_mention.text == "Vos"]
    assert said and [q.text for q in said[0].quotes] == [
        "How many times must we see this in our town?", "In Elm, an unarmed man was shot."]


def test_transcript_line_inside_an_open_quote_starts_after_the_speaker_label():
    doc, found = statements('Part of the transcript:\n\n"HOST: Let us start with the harbour strike.\n\n'
                            '"MAYOR: Well, the question is why the port closed at all.')
    assert [(s.speaker_mention.text, [c.text for c in s.content]) for s in found] == [
        ("HOST", ["Let us start with the harbour strike"]),
        ("MAYOR", ["Well, the question is why the port closed at all"])]


@pytest.mark.parametrize("text, mention", [
    ("An adviser to the governor said the port would reopen.", "An adviser to the governor"),
    ("A senator from Ohio said the bill would pass.", "A senator from Ohio"),
    ("The commission on public debates said the date would not move.", "The commission on public debates"),
    ("Sen. Ana Ruiz (D-Ore.) said the bill would pass.", "Sen. Ana Ruiz (D-Ore.)"),
    ("Diplomats at the summit on Tuesday said the deal was close.", "Diplomats at the summit"),
])
def test_mention_keeps_the_speakers_description_but_not_the_date(text, mention):
    _, said = only(text)
    assert said.speaker_mention.text == mention


def test_who_was_told_is_not_what_was_said():
    _, said = only("Sen. Ana Ruiz told the Herald that the plan could work.")
    assert [c.text for c in said.content] == ["that the plan could work"]


def test_a_thing_before_the_clause_stays_content():
    _, said = only("The union repeated its demand today that the council lift the ban.")
    assert said.content[0].text.startswith("its demand")


@pytest.mark.parametrize("text, words", [
    ("The plan, he said, was never serious.", ["The plan", "was never serious"]),
    ("The talks, the minister said on Monday, would resume in May.", ["The talks", "would resume in May"]),
    ("Voters like him, she said.", ["Voters like him"]),
    ("Talks with the rebels, the general said late on Sunday, had broken down.",
     ["Talks with the rebels", "had broken down"]),
    ("If the ferry stops, Mr. Lund argues, the town will hire a barge.", ["If the ferry stops", "the town will hire a barge"]),
    ("The storm has badly damaged the pier, the engineer said, since the tide was high.",
     ["The storm has badly damaged the pier", "since the tide was high"]),
    ("The river had risen so fast, the mayor noted, that the bridge was closed.",
     ["The river had risen so fast", "that the bridge was closed"]),
])
def test_words_around_or_before_a_parenthetical_cue_are_the_content(text, words):
    _, said = only(text)
    assert [c.text for c in said.content] == words


def test_a_participle_describing_a_noun_reports_for_that_noun():
    _, said = only("Voters were shown an ad accusing the mayor of lying.")
    assert (said.cue.text, said.speaker_mention.text, said.content[0].text) == ("accusing", "an ad", "the mayor of lying")
    _, found = statements("A man carrying a rifle was arrested near the port.")
    assert found == []


@pytest.mark.parametrize("text, words", [
    ("The harbour board has not commented on the closure of the north pier.", "on the closure of the north pier"),
    ("Ms. Ortiz lashed out at the new toll.", "at the new toll"),
    ("The senator spoke about Ms. Ortiz at length.", "about Ms. Ortiz"),
])
def test_cue_with_nothing_else_to_report_reports_its_topic(text, words):
    _, said = only(text)
    assert said.content[0].text == words


@pytest.mark.parametrize("text", [
    "The minister commented on Twitter.",
    "Ms. Ortiz pleaded with him.",
    "The mayor spoke on Monday.",
])
def test_where_to_whom_or_when_is_no_topic(text):
    _, found = statements(text)
    assert not any(c.text.startswith(("on ", "with ")) for s in found for c in s.content)


def test_cue_that_opens_a_quote_of_its_own_does_not_take_the_quote_before_it():
    _, found = statements("The clerk then adopted a solemn voice and joked, “And now we are all free to go.” "
                          "The leaflet goes on to say: “The plan is a disgrace to the town.” The crowd cheered.")
    owners = {q.text: s.cue.text if s.cue else None for s in found for q in s.quotes}
    assert owners["The plan is a disgrace to the town."] in ("say", "goes on")
    assert owners.get("And now we are all free to go.") not in ("say", "goes on")


def test_quote_goes_to_the_cue_beside_it_when_two_cues_share_its_sentence():
    _, found = statements("At the stall, a vendor asked for a receipt and Ms. Lee said, “as long as the stamp is valid.”")
    owners = [s.cue.text for s in found if s.quotes]
    assert owners == ["said"]


@pytest.mark.parametrize("space", ["\u00a0", "\u2009", "\u202f"])
def test_odd_spaces_read_as_plain_spaces_and_offsets_hold(space):
    text = f"The ferry will not sail before the storm passes,{space}the harbour master said on{space}Friday."
    _, said = only(text)
    assert said.speaker_mention.text == "the harbour master"
    assert said.content[0].text == "The ferry will not sail before the storm passes"
    assert text[said.cue.start:said.cue.end] == "said"


def test_line_opening_name_and_colon_gives_the_quote_as_its_words_without_marks():
    _, said = only("Turnout was the story of the night.\n\nNora Fell:  “At last the count has begun, and the lines are long.”")
    assert said.speaker_mention.text == "Nora Fell"
    assert [c.text for c in said.content] == [q.text for q in said.quotes] == [
        "At last the count has begun, and the lines are long."]


@pytest.mark.parametrize("text, words", [
    ("The fishermen's union welcomed the ruling on Friday.", ["the ruling"]),
    ("Ms. Ruiz thanked the crew on the radio for keeping the pier open.", ["for keeping the pier open"]),
    ("The mayor welcomed the minister to Tivoli.", None),
    ("She thanked them.", None),
])
def test_welcoming_a_thing_or_thanking_for_something_is_a_stance_greeting_a_person_is_not(text, words):
    _, found = statements(text)
    assert [[c.text for c in s.content] for s in found] == ([words] if words else [])


def test_second_verb_the_parser_left_unjoined_shares_the_first_verbs_subject():
    """'Ms. Vale stopped, then explained why the vote mattered' with "explained" hung as "dep"."""
    _, found = analyze_misparse("""
        Ms. NNP PROPN Ms. 1 compound
        Vale NNP PROPN Vale 2 nsubj
        stopped VBD VERB stop 2 ROOT
        , , PUNCT , 2 punct
        then RB ADV then 5 advmod
        explained VBD VERB explain 2 dep
        why WRB SCONJ why 9 advmod
        the DT DET the 8 det
        vote NN NOUN vote 9 nsubj
        mattered VBD VERB matter 5 ccomp
        . . PUNCT . 2 punct""")
    assert [(s.cue.text, s.speaker_mention.text) for s in found] == [("explained", "Ms. Vale")]


@pytest.mark.parametrize("text, cue", [
    ("The row began in March, when Ms. Lee called the mayor “a coward.”", "called"),
    ("Voters who criticized the levy in the spring now regret it.", "criticized"),
])
def test_verbs_that_name_or_back_something_report_in_relative_clauses_and_with_quoted_objects(text, cue):
    _, found = statements(text)
    assert cue in [s.cue.text for s in found]


def test_a_quoted_name_the_parser_took_for_the_object_still_names():
    """'He called the marchers “vandals”' parsed with "vandals" as the object and "marchers" as its modifier."""
    _, found = analyze_misparse("""
        He PRP PRON he 1 nsubj
        called VBD VERB call 1 ROOT
        the DT DET the 3 det
        marchers NNS NOUN marcher 5 nmod
        “ `` PUNCT “ 5 punct
        vandals NNS NOUN vandal 1 dobj
        ” '' PUNCT ” 5 punct
        . . PUNCT . 1 punct""")
    assert [(s.cue.text, s.speaker_mention.text) for s in found] == [("called", "He")]


@pytest.mark.parametrize("text", [
    "The message the minister expressed was short.",
    "The aide rebuffed any upbeat message the minister may have expressed the day before.",
])
def test_a_relative_clause_whose_object_is_the_noun_it_modifies_is_no_statement(text):
    _, found = statements(text)
    assert "expressed" not in [s.cue.text for s in found]


def test_clause_hung_on_the_statement_the_words_came_in_is_what_was_said():
    """'Berg says in a memo that the quay closes' with the that-clause hung on "memo"."""
    _, found = analyze_misparse("""
        Berg NNP PROPN Berg 1 nsubj
        says VBZ VERB say 1 ROOT
        in IN ADP in 1 prep
        a DT DET a 4 det
        memo NN NOUN memo 2 pobj
        that IN SCONJ that 8 mark
        the DT DET the 7 det
        quay NN NOUN quay 8 nsubj
        closes VBZ VERB close 4 acl
        . . PUNCT . 1 punct""")
    assert [[c.text for c in s.content] for s in found] == [["that the quay closes"]]


@pytest.mark.parametrize("text, speaker", [
    ("Mr. Vance told the radio that Ms. Ortiz had a reckless plan for the port, adding, “She lost every vote.”",
     "Mr. Vance"),
    ("Ms. Ortiz said the levy was fair, calling it “a modest fee.”", "Ms. Ortiz"),
])
def test_participle_trailing_a_reported_clause_adds_to_the_report_of_its_reporter(text, speaker):
    _, found = statements(text)
    participle = [s for s in found if s.cue.text in ("adding", "calling")]
    assert [s.speaker_mention.text for s in participle] == [speaker]


@pytest.mark.parametrize("text, speaker", [
    ("The drought has left most farmers saying the levy is unfair.", "most farmers"),
    ("The minister toured the dam, saying it was safe.", "The minister"),
])
def test_participle_right_after_an_object_tells_what_the_object_says(text, speaker):
    _, found = statements(text)
    assert [s.speaker_mention.text for s in found if s.cue.text == "saying"] == [speaker]


@pytest.mark.parametrize("text, speaker, words", [
    ("The real danger, said the minister, is the river.", "the minister", ["The real danger", "is the river"]),
    ("The main obstacle to the new quay, say engineers, is the soft clay.", "engineers",
     ["The main obstacle to the new quay", "is the soft clay"]),
])
def test_inverted_cue_between_commas_speaks_for_the_subject_after_it(text, speaker, words):
    _, said = only(text)
    assert (said.speaker_mention.text, [c.text for c in said.content]) == (speaker, words)


def test_fronted_place_before_a_cue_between_commas_is_said_too():
    """'Back in Oslo, X said, ...': a phrase that opens the sentence is a half of what was
    said; a lone linking adverb ("Later,") is not."""
    _, said = only("Back in Oslo, the minister said, she decided to resign.")
    assert [c.text for c in said.content] == ["Back in Oslo", "she decided to resign"]
    _, said = only("Later, the minister said, the talks would resume.")
    assert [c.text for c in said.content] == ["the talks would resume"]


def test_fronted_half_stays_when_the_rest_is_quoted():
    """'The new levy, she said, is “a tax on the poor.”': the words before the cue are the
    subject of what was said, not a listener or venue beside the quote."""
    _, said = only("The new levy, the senator said, is “a tax on every family in the valley.”")
    assert said.content[0].text == "The new levy"
    assert any("a tax on every family" in c.text for c in said.content[1:])


def test_according_to_a_phrase_the_parser_read_as_a_verb_and_object():
    """'according to ferry staff': "ferry" tagged as a verb, yet the whole phrase is the source."""
    _, found = analyze_misparse("""
        Vos NNP PROPN Vos 1 nsubj
        mocked VBD VERB mock 1 ROOT
        rivals NNS NOUN rival 1 dobj
        , , PUNCT , 1 punct
        according VBG VERB accord 1 prep
        to IN ADP to 4 prep
        ferry VB VERB ferry 5 pcomp
        staff NN NOUN staff 6 dobj
        . . PUNCT . 1 punct""")
    assert [(s.cue.text, s.speaker_mention.text, [c.text for c in s.content]) for s in found] == [
        ("according to", "ferry staff", ["Vos mocked rivals"])]


def test_according_to_a_noun_tagged_as_an_adjective():
    _, found = analyze_misparse("""
        She PRP PRON she 1 nsubj
        leads VBZ VERB lead 1 ROOT
        , , PUNCT , 1 punct
        according VBG VERB accord 1 prep
        to IN ADP to 3 prep
        the DT DET the 7 det
        polling NN NOUN polling 7 compound
        average JJ ADJ average 4 pobj
        . . PUNCT . 1 punct""")
    assert [(s.speaker_mention.text, s.content[0].text) for s in found] == [("the polling average", "She leads")]


def test_mention_ends_before_a_paragraph_break():
    _, said = only("The ferry may sail at dawn, according to the I.M.O.\n\nNobody else spoke.")
    assert said.speaker_mention.text == "the I.M.O."


@pytest.mark.parametrize("text, speaker, words", [
    ("To Ms. Hale, who has studied the river for years, the plan makes no sense.", "Ms. Hale",
     "the plan makes no sense"),
    ("To him, the vote was a betrayal.", "him", "the vote was a betrayal"),
])
def test_to_someone_and_a_comma_opens_their_view(text, speaker, words):
    _, said = only(text)
    assert (said.cue.text, said.speaker_mention.text, said.content[0].text) == ("To", speaker, words)


@pytest.mark.parametrize("text", ["To date, the dam has cost nine million dollars.",
                                  "To that end, the council hired two engineers."])
def test_to_a_time_or_an_aim_opens_no_view(text):
    assert statements(text)[1] == []


def test_clause_hung_from_said_as_a_modifier_is_what_was_said():
    """'said after the vote she would ...': the parser made the reported clause an adverbial."""
    _, found = analyze_misparse("""
        The DT DET the 1 det
        mayor NN NOUN mayor 2 nsubj
        said VBD VERB say 2 ROOT
        after IN ADP after 8 prep
        the DT DET the 5 det
        vote NN NOUN vote 3 pobj
        she PRP PRON she 8 nsubj
        would MD AUX would 8 aux
        resign VB VERB resign 2 advcl
        . . PUNCT . 2 punct""")
    assert [[c.text for c in s.content] for s in found] == [["after the vote she would resign"]]


def test_when_clause_after_a_quote_is_not_what_was_said():
    _, found = statements("“Are you hurt?” he said when a marcher seemed to stumble.")
    said = [s for s in found if s.cue.text == "said"]
    assert len(said) == 1 and not any("marcher" in c.text for c in said[0].content)


def test_name_read_as_part_of_a_noun_is_the_speaker_of_its_clause():
    """'But Mills claims that …' parsed as the noun phrase "Mills claims"."""
    _, found = analyze_misparse("""
        But CC CCONJ but 2 cc
        Mills NNP PROPN Mills 2 compound
        claims NNS NOUN claim 2 ROOT
        that IN SCONJ that 5 mark
        he PRP PRON he 5 nsubj
        won VBD VERB win 2 ccomp
        . . PUNCT . 2 punct""")
    assert [(s.cue.text, s.speaker_mention.text, s.content[0].text) for s in found] == [
        ("claims", "Mills", "that he won")]


def test_words_the_parser_made_a_second_subject_are_what_was_said():
    _, found = analyze_misparse("""
        People NNS NOUN people 6 nsubj
        like IN ADP like 0 prep
        Mr. NNP PROPN Mr. 3 compound
        Vos NNP PROPN Vos 1 pobj
        , , PUNCT , 6 punct
        he PRP PRON he 6 nsubj
        said VBD VERB say 6 ROOT
        . . PUNCT . 6 punct""")
    assert [(s.speaker_mention.text, [c.text for c in s.content]) for s in found] == [("he", ["People like Mr. Vos"])]


@pytest.mark.parametrize("text", [
    "In an interview on Channel 9’s “Morning Report,” the minister said the port would close.",
    "Speaking on “State of the Union,” the minister said the port would close.",
])
def test_title_in_quotation_marks_beside_a_cue_is_no_part_of_what_was_said(text):
    _, said = only(text)
    assert said.quotes == () and [c.text for c in said.content] == ["the port would close"]


def test_cry_in_title_case_is_still_quoted_words():
    _, said = only("The crowd chanted “Save Our Harbour!” as the minister left.")
    assert [q.text for q in said.quotes] == ["Save Our Harbour!"]


def test_headline_with_a_name_and_a_colon_and_no_verb_is_the_names_words():
    doc, found = statements("Ana Ruiz: Harbour Fees Too High For Fishermen\n\nThe port raised its fees in May.")
    assert [(doc.actor(s.speaker_id).name, s.content[0].text) for s in found] == [
        ("Ana Ruiz", "Harbour Fees Too High For Fishermen")]


def test_line_listing_names_after_a_place_and_a_colon_is_no_statement():
    assert statements("Harlow: Ann Berg, Tom Lutz, Rob Orr\n\nThe three were elected in May.")[1] == []


@pytest.mark.parametrize("text, speaker, cue, words", [
    ("Mayor Ana Ruiz Slams Port Plan As Reckless\n\nThe plan was published on Monday.",
     "Mayor Ana Ruiz", "Slams", "Port Plan As Reckless"),
    ("Fees Are ‘Far Too High,’ Mayor Ruiz Tells Council\n\nThe plan was published on Monday.",
     "Mayor Ruiz", "Tells", "Fees Are ‘Far Too High,’"),
])
def test_cue_in_a_title_case_headline_after_a_name(text, speaker, cue, words):
    _, found = statements(text)
    assert [(s.speaker_mention.text, s.cue.text, s.content[0].text) for s in found] == [(speaker, cue, words)]


@pytest.mark.parametrize("text", [
    "Why Mayor Ruiz’s Attacks On The Port Could Backfire\n\nThe plan was published on Monday.",
    "Harbour Dock Rules Change Again In May\n\nThe plan was published on Monday.",
    "Coastal States Outvote Inland States Again\n\nThe count was published on Monday.",
])
def test_plural_nouns_in_a_title_case_headline_are_no_cues(text):
    assert statements(text)[1] == []


def test_agreeing_with_someone_is_a_view_whose_content_is_the_with_phrase():
    _, said = only("Ana Berg largely agreed with Tom Vos about the bridge.")
    assert (said.cue.text, said.content[0].text) == ("agreed", "with Tom Vos about the bridge")


def test_according_to_between_commas_splits_what_was_said_in_two():
    _, said = only("Exports fell by a third, according to the port authority, and imports rose by half.")
    assert [c.text for c in said.content] == ["Exports fell by a third", "and imports rose by half"]


def analyze_with_cue_file(tmp_path, nlp, cue_yaml: str, text: str):
    """The lexicon a user's `--cues` file makes, and the statements it finds in ``text``."""
    from tealeaves.io.readers import read_text
    from tealeaves.lexicon import Lexicon
    from tealeaves.pipeline import analyze_documents

    cues = tmp_path / "cues.yaml"
    cues.write_text(cue_yaml, "utf-8")
    lexicon = Lexicon.load(extra_cues=[cues])
    (result,) = analyze_documents([read_text(text)], nlp=nlp, lexicon=lexicon, embeddings=False)
    return lexicon, result.statements


def test_a_users_cue_file_adds_stance_adjectives_beside_the_bundled_ones(tmp_path, nlp):
    """`--cues` merges a stance adjective with its prepositions into the bundled table."""
    lexicon, found = analyze_with_cue_file(tmp_path, nlp, "stance_adjectives:\n  furious: [about, over]\n",
                                           "Mayor Ana Ruiz is furious about the new toll.")
    assert lexicon.stance_adjectives["furious"] == {"about", "over"} and "critical" in lexicon.stance_adjectives
    assert [(s.cue.text, s.content[0].text) for s in found] == [("furious", "about the new toll")]


def test_a_users_cue_file_adds_verbs_whose_passive_reports_an_unnamed_judgement(tmp_path, nlp):
    """`--cues` merges a verb with its prepositions into the bundled unnamed_judgements table."""
    lexicon, found = analyze_with_cue_file(tmp_path, nlp, "unnamed_judgements:\n  scold: [for]\n",
                                           "The ferry crew was scolded for the late departure.")
    assert lexicon.unnamed_judgements["scold"] == {"for"} and "criticize" in lexicon.unnamed_judgements
    assert [(s.speaker_id, s.cue.text, [c.text for c in s.content]) for s in found] == [
        (None, "was scolded", ["The ferry crew", "for the late departure"])]


@pytest.mark.parametrize("text, cue, words", [
    ("The port authority refused to confirm the closure.", "refused to confirm", "the closure"),
    ("Mayor Tom Berg declined, again, to say whether the levy would stay.",
     "declined, again, to say", "whether the levy would stay"),
])
def test_a_cue_whose_words_are_another_cue_of_the_same_speaker_makes_one_statement(text, cue, words):
    _, said = only(text)
    assert (said.cue.text, [c.text for c in said.content]) == (cue, [words])


def test_a_participle_after_a_comma_is_a_second_statement_not_a_chained_cue():
    _, found = statements("Mayor Tom Berg rejected the levy, saying it would ruin the fishermen.")
    assert [(s.cue.text, s.content[0].text) for s in found] == [
        ("rejected", "the levy"), ("saying", "it would ruin the fishermen")]


def test_it_before_a_reported_clause_is_no_part_of_an_impression():
    _, said = only("It appeared that the ferry had been sold to a Danish firm.")
    assert (said.speaker_id, [c.text for c in said.content]) == (None, ["that the ferry had been sold to a Danish firm"])


@pytest.mark.parametrize("label", ["Correction", "CLARIFICATION"])
def test_a_correction_line_names_no_speaker(label):
    text = f"The ferry will stop running in May.\n\n{label}: This report first gave the wrong date for the vote."
    assert statements(text)[1] == []


@pytest.mark.parametrize("text, cue, words", [
    ("The ferry operator has faced sharp criticism for the cancelled sailings.",
     "has faced sharp criticism", ["The ferry operator", "for the cancelled sailings"]),
    ("The port authority came under mounting criticism over the new fees.",
     "came under mounting criticism", ["The port authority", "over the new fees"]),
])
def test_criticism_a_subject_faces_is_a_judgement_by_unnamed_others(text, cue, words):
    _, said = only(text)
    assert (said.speaker_id, said.cue.text, [c.text for c in said.content]) == (None, cue, words)


@pytest.mark.parametrize("text", [
    "Mayor Tom Berg faced criticism from the dockers for the levy.",
    "The ferry operator has not faced criticism for the delays.",
])
def test_criticism_from_named_judges_or_denied_is_no_unnamed_judgement(text):
    assert [s for s in statements(text)[1] if s.speaker_id is None] == []


@pytest.mark.parametrize("text, contents", [
    ("Ana Ruiz reported from Lagos.", []),
    ("The minister said from Geneva that the port would close.", [["that the port would close"]]),
])
def test_the_place_words_came_from_is_no_part_of_them(text, contents):
    assert [[c.text for c in s.content] for s in statements(text)[1]] == contents


def test_a_question_in_a_participle_clause_is_a_statement_of_nobody_named():
    _, found = statements("Asked on Monday about the strike, the harbour master said: “We will reopen the quay.”")
    assert [(s.speaker_id, s.cue.text, s.cue_sense, s.signal, [c.text for c in s.content]) for s in found[:1]] == [
        (None, "Asked", "question", None, ["about the strike"])]  # a question takes no code (codebook step 2)
    assert [(s.speaker_mention.text, [q.text for q in s.quotes]) for s in found[1:]] == [
        ("the harbour master", ["We will reopen the quay."])]


def test_who_asked_a_question_is_its_speaker_once():
    _, found = statements("Asked by a reporter whether the navy would attack the port, Minister Ana Ruiz said no.")
    assert [(s.speaker_mention.text, s.cue.text, [c.text for c in s.content]) for s in found] == [
        ("a reporter", "Asked", ["whether the navy would attack the port"]), ("Minister Ana Ruiz", "said", ["no"])]


def test_a_passive_request_is_no_question():
    assert statements("The ferry was asked to leave the port.")[1] == []


@pytest.mark.parametrize("listener", ["me", "him", "us"])
def test_a_pronoun_warned_is_the_listener_not_the_words(listener):
    _, said = only(f"Minister Ana Ruiz warned {listener} about the tides.")
    assert [c.text for c in said.content] == ["about the tides"]


def test_that_clause_hung_on_the_occasion_of_the_words_is_the_content():
    """'said during a briefing that she would wait': the parser made the clause a relative
    clause of "briefing"; it is what was said."""
    _, found = analyze_misparse("""
        Ruiz NNP PROPN Ruiz 1 nsubj
        said VBD VERB say 1 ROOT
        during IN ADP during 1 prep
        a DT DET a 4 det
        briefing NN NOUN briefing 2 pobj
        that IN SCONJ that 8 mark
        she PRP PRON she 8 nsubj
        would MD AUX would 8 aux
        wait VB VERB wait 4 relcl
        . . PUNCT . 1 punct""")
    assert [(s.cue.text, s.content[0].text) for s in found] == [("said", "that she would wait")]


@pytest.mark.parametrize("text", [
    "The strikes destroyed two launchers, according to a Valdoran official who requested anonymity to discuss it.",
    "The official spoke on condition of anonymity because he was not authorized to brief reporters.",
    "Foreign Minister Ana Ruiz made the comments in Oslo on Tuesday.",
    "Minister Ana Ruiz made the remarks in a video posted online after the visit.",
])
def test_terms_of_being_quoted_and_words_said_before_are_no_statements(text):
    """Only what was said about the matter is a statement: not a source's terms for being quoted,
    nor "made the remark", which points back to words already reported."""
    found = statements(text)[1]
    assert all(s.cue.text not in ("requested", "spoke", "made") for s in found)
    assert len(found) == (1 if "according to" in text else 0)


@pytest.mark.parametrize("text, content", [
    ("The ministry sought to clarify Ruiz's comment.", "Ruiz's comment"),
    ("Ruiz repeated her remarks about the fishing quota on Monday.", "her remarks about the fishing quota"),
    ("On July 6, Ruiz made the following comment:", "the following comment"),  # it points ahead, to a quote
])
def test_words_taken_up_again_with_a_stand_or_a_topic_stay_statements(text, content):
    assert [c.text for s in statements(text)[1] for c in s.content] == [content]


@pytest.mark.parametrize("text", [
    "A reporter asked whether the ferries would sail.",
    "“The port will open,” the mayor said, waving away a reporter who asked about the costs.",
])
def test_a_reporters_question_is_a_question_of_nobody(text):
    """A journalist asking says nothing for any side: cue sense "question", no speaker."""
    _, found = statements(text)
    asked = [s for s in found if s.cue and s.cue.text == "asked"]
    assert [(s.cue_sense, s.speaker_id) for s in asked] == [("question", None)]


def test_a_headline_phrase_before_a_colon_is_no_speaker():
    """'Storm Over Harbour: …' is a headline's phrase; 'Ana Ruiz: …' names a speaker."""
    _, found = statements("Storm Over Harbour: Mayor Kept The Port Open\n\nAna Ruiz: We Will Keep The Port Open\n")
    assert [s.speaker_mention.text for s in found] == ["Ana Ruiz"]


@pytest.mark.parametrize("text, mention", [
    ('The state radio quoted the harbour minister as saying, "The port stays shut until spring."',
     "the harbour minister"),
    ("The agency quoted Lena Vos as saying that the strike would continue.", "Lena Vos"),
    ("A local paper cited a senior port official as saying the talks had failed.", "a senior port official"),
    ("The harbour minister was quoted as saying by the state radio that the port stays shut.",
     "The harbour minister"),
])
def test_a_channel_that_quotes_someone_as_saying_relays_their_words(text, mention):
    """'The agency quoted X as saying …': X speaks; the channel that quotes is no speaker of
    its own (one statement, not the channel's report beside X's)."""
    _, said = only(text)
    assert said.speaker_mention.text == mention


@pytest.mark.parametrize("text, channel, speaker", [
    ("According to the Harbor Times, Lena Vos said the strike would continue.", "the Harbor Times", "Lena Vos"),
    ("According to Radio Nord, the head of the dockers' union said the strike would continue.",
     "Radio Nord", "the head of the dockers' union"),
])
def test_a_speaker_named_after_according_to_keeps_the_words(text, channel, speaker):
    """'According to <outlet>, X said …': X's words are a statement of X's, also when the parser
    takes X for an apposition of the channel; the outlet only carries them (issue 20, round
    nine: no second row for the channel)."""
    _, said = statements(text)
    by_mention = {s.speaker_mention.text: s for s in said}
    assert set(by_mention) == {speaker}, channel
    assert [c.text for c in by_mention[speaker].content] == ["the strike would continue"]
