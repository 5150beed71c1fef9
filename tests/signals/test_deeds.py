"""A reported deed needs a doer that can act and a verb used in its sense of doing; military
exercises are a show of force unless held jointly (issue #19, round seven; codebook, action
codes). Sentences written for these tests: the verb's code by ``rules.action_code`` and the
deeds the pipeline reports."""

import pytest

from tealeaves.models import Document
from tealeaves.pipeline import analyze_documents
from tealeaves.signals.coding import sentence_code
from tealeaves.signals.rules import action_code, default_signal_lexicon


def verb_codes(nlp, text):
    """The action code of each verb of the text that has one."""
    lex = default_signal_lexicon()
    return [(t.text, coded[0]) for t in nlp(text) if t.pos_ == "VERB" and (coded := action_code(t, lex))]


def reported_deeds(nlp, text):
    doc = Document(id="d" * 16, source="test", text=text)
    result = next(analyze_documents([doc], nlp=nlp, embeddings=False))
    return [(s.signal, result.actor(s.speaker_id).name if s.speaker_id else None)
            for s in result.statements if s.kind == "action"]


@pytest.mark.parametrize("text", [
    # a happening is no doer: no party did it
    "The conflict in the north has displaced millions and killed thousands.",
    "The war has killed more than ten thousand people since the spring.",
    "The storm destroyed the bridge and cut the road to the port.",
    # a deed verb in another sense: showing, fulfilling, gathering support
    "The government demonstrated readiness for a ceasefire in the spring.",
    "The two-day drills met their goals, the ministry said.",
    "The delegation met every deadline set by the mediators.",
    "The party rallied support for the bill in the assembly.",
    "Long queues at the banks provided a stark symbol of the pressure on the government.",
    "The minister gave assurances that the border would stay open.",
    # going home to consult one's own side is no meeting with the other party
    "The rebel delegation returned to Lorn on Sunday for consultations with its leadership.",
    "The premier held a cabinet meeting on Monday and ordered the ministries to prepare.",
    "The premier held a conference call with his cabinet on Monday.",
])
def test_no_deed_without_a_doer_or_in_another_sense(nlp, text):
    assert verb_codes(nlp, text) == []


@pytest.mark.parametrize("text, verb, code", [
    # the same verbs as deeds
    ("Gunmen killed four guards at the checkpoint.", "killed", "assault"),
    ("Thousands demonstrated outside the parliament in Halm.", "demonstrated", "protest"),
    ("The two envoys met in Lorn on Friday.", "met", "engage"),
    ("The envoy met his Korlan counterpart in Lorn.", "met", "engage"),
    ("The league provided forty tonnes of grain to the island.", "provided", "aid"),
    ("The foreign minister flew to Lorn for talks with the rebels.", "flew", "engage"),
    ("The two envoys held their first meeting in Lorn on Friday.", "held", "engage"),
    ("The foreign minister held a meeting with the Korlan envoy on Friday.", "held", "engage"),
    # exercises: a show of force by one side, joint action when held together
    ("The army staged three days of war games off the island.", "staged", "mobilize"),
    ("The navy held drills with live ammunition near the strait.", "held", "mobilize"),
    ("The two navies held joint exercises in the gulf.", "held", "cooperate"),
    ("The Valdorian navy held exercises with the Korlan fleet.", "held", "cooperate"),
    ("Ostmark and Korla held naval drills in the northern sea.", "held", "cooperate"),
    ("Ostmarkian and Korlan warships began ten days of war games in the gulf.", "began", "cooperate"),
    ("The two fleets staged manoeuvres off the cape.", "staged", "cooperate"),
    ("The navy's three frigates staged manoeuvres off the cape.", "staged", "mobilize"),
    # a military campaign or operation is an armed attack
    ("Ostmark resumed its military campaign in the south in March.", "resumed", "assault"),
    ("Kentland launched a military operation near the border.", "launched", "assault"),
])
def test_deeds_are_coded_by_what_was_done(nlp, text, verb, code):
    assert (verb, code) in verb_codes(nlp, text)


def test_a_conflict_is_not_reported_as_a_sides_deed(nlp):
    text = ("Ostmark and Korla agreed to talks in Lorn. The conflict has displaced millions and killed "
            "thousands. Korlan troops shelled two villages on Friday.")
    assert [code for code, _ in reported_deeds(nlp, text)] == ["assault"]


def test_war_games_are_a_show_of_force(nlp):
    deeds = reported_deeds(nlp, "Ostmark staged three days of war games off the islands last week.")
    assert deeds == [("mobilize", "Ostmark")]


@pytest.mark.parametrize("text", [
    "Valdoria will give Korla a grant of ten million dollars over three years.",
    "Valdoria will provide forty tonnes of food aid to the refugees.",
])
def test_an_event_sentence_with_aid_only_announced_commits(nlp, text):
    """``sentence_code`` reads a sentence with no statement as one statement on its main verb:
    aid announced for the future is a commitment, not aid given (codebook: action codes)."""
    doc = Document(id="e" * 16, source="test", text=text)
    result = next(analyze_documents([doc], nlp=nlp, embeddings=False))
    assert sentence_code(result, nlp=nlp) == "commit"


def test_an_event_sentence_takes_the_code_of_its_main_clause(nlp):
    """A deed in an adverbial clause is the background of the sentence's event, not the event."""
    text = "A day after Korlan gunmen attacked a border post, Ostmark suspended all flights to Korla."
    doc = Document(id="f" * 16, source="test", text=text)
    result = next(analyze_documents([doc], nlp=nlp, embeddings=False))
    assert sentence_code(result, nlp=nlp) == "sanction"


@pytest.mark.parametrize("code, text", [(deed.code, text) for deed in default_signal_lexicon().deed_senses.object_deeds
                                        for text in deed.examples])
def test_a_verb_class_does_its_deed_to_its_class_of_objects(nlp, code, text):
    """Each ``object_deeds`` class codes its own example sentences (data/signals.yaml): envoys
    recalled, summoned or given days to leave, supplies cut off and summits cancelled sanction;
    delegations sent engage; forces moved mobilize (issue #19, round eight)."""
    assert code in [found for _, found in verb_codes(nlp, text)]


@pytest.mark.parametrize("text", [
    "The ministry released more recordings of the warning on Thursday.",
    "The army released a statement on the clashes late on Friday.",
    "The army gave the villagers three days to answer the demand.",
    "The foreign ministry summoned the Korlan envoy to complain about the raid.",
    "The editor will come on the programme to talk about the border.",
    "The envoy said he was not going to negotiate in public.",
])
def test_publishing_and_deadlines_free_and_give_nothing(nlp, text):
    """"released recordings" publishes (no retreat); "gave them three days" sets a deadline (no aid);
    the other side's envoy summoned hears a complaint: words, not a deed (PLOVER DISAPPROVE); coming
    on a programme to talk and "going to negotiate" (a future) are no journeys for talks."""
    assert verb_codes(nlp, text) == []


@pytest.mark.parametrize("text, verb, code", [
    ("Ostmark released the captain of the fishing boat on Friday.", "released", "retreat"),
    ("Ostmark gave Korla two hundred tonnes of grain in May.", "gave", "aid"),
    ("Ostmark gave the refugee agency two million dollars last month.", "gave", "aid"),
    ("A delegation from Ostmark has arrived in Lorn to hold talks with the rebels.", "arrived", "engage"),
    ("The envoy flew to Lorn to negotiate a truce.", "flew", "engage"),
    ("Four states cut ties with the emirate and imposed an embargo on it.", "imposed", "sanction"),
    ("Ostmark withdrew its troops from the border town.", "withdrew", "retreat"),
])
def test_the_same_verbs_with_their_deed_objects(nlp, text, verb, code):
    assert (verb, code) in verb_codes(nlp, text)


def test_an_envoy_recalled_is_a_reported_sanction(nlp):
    deeds = reported_deeds(nlp, "Korla recalled its ambassador to Ostmark on Tuesday over the border dispute.")
    assert deeds == [("sanction", "Korla")]


@pytest.mark.parametrize("text", [
    "Korla alleged that Ostmark had cut off all gas supplies to the island.",
    "The ministry responded that it was Korla which had stopped fuel deliveries to the port.",
])
def test_a_deed_inside_a_claim_is_no_reported_deed(nlp, text):
    """Under a cue that does not relay facts ("alleged", "responded") the deed is the speaker's
    claim, coded with the statement, not a deed of the side (read8 REPORT item 14)."""
    assert reported_deeds(nlp, text) == []


@pytest.mark.parametrize("text", [
    "The Korlan foreign minister revealed that Ostmark had cut off gas supplies to the island.",
    "Korla's defence ministry said that Ostmarkian gunboats had shelled the harbour at Lorn.",
    "The Valdoran news agency reported that the freighter was seized after it ignored the patrol.",
    "A navy officer said the rebels had sent a message saying the crew had been detained.",
])
def test_a_deed_told_after_its_cue_is_the_speakers_account(nlp, text):
    """Words that follow their cue are the speaker's account, part of that statement, even
    under a plain "said" (round ten, read10 cause 6: a relayed radio message, an agency's
    account); the writer reports a deed told first and sourced after ("..., officials said")."""
    assert reported_deeds(nlp, text) == []


@pytest.mark.parametrize("text, code", [
    ("Ostmark vowed to press its case after Korla expelled two Ostmarkian diplomats.", "sanction"),
    ("Lorn and Brela have blamed each other for the unrest in Valdora, where Korlan militias have seized the port.",
     "coerce"),
])
def test_a_deed_in_a_clause_of_time_or_place_is_a_deed_even_inside_words(nlp, text, code):
    """A clause of time ("after ...", "since ...") or one that describes a named place or party
    ("Valdora, where ...") takes its deed as given: a reported deed even inside someone's words
    (read10: deeds in such clauses lost with the statement around them)."""
    assert [found for found, _ in reported_deeds(nlp, text)] == [code]


@pytest.mark.parametrize("text", [
    "Korla recalled its ambassador and expelled two Ostmarkian diplomats on Sunday.",
    "Lorn ceased military cooperation with Ostmark and stopped its financial assistance.",
])
def test_deeds_of_one_code_joined_in_one_clause_are_one_deed(nlp, text):
    """Two verbs of one doer joined by "and" that do deeds of one code report one deed
    (read10: one expulsion reported twice)."""
    assert [code for code, _ in reported_deeds(nlp, text)] == ["sanction"]


@pytest.mark.parametrize("text, verb", [
    ("Rioters smashed the windows of the Korlan consulate in Halm.", "smashed"),
    ("A crowd ransacked the offices of the Ostmarkian airline.", "ransacked"),
    ("The rebels took the town of Brela on Wednesday after a week of fighting.", "took"),
    ("Korlan militias captured two border posts overnight.", "captured"),
])
def test_property_wrecked_and_ground_taken_is_coercion(nlp, text, verb):
    """Wrecking property and taking a town by force are coercion (codebook: seizures,
    destruction of property); read10 missed both ("smashed windows", "took another town")."""
    assert (verb, "coerce") in verb_codes(nlp, text)


@pytest.mark.parametrize("text", [
    "The bank would release the loan if Korla repaid its debts and signed the accord.",
    "Without the truce, Korlan troops would have crossed the river and seized the bridge.",
])
def test_a_second_verb_shares_the_condition_of_the_first(nlp, text):
    """A verb joined to another with no subject or auxiliary of its own shares its condition
    or modal ("if Korla repaid and signed", "would have crossed and seized"): no deed reported."""
    assert reported_deeds(nlp, text) == []


@pytest.mark.parametrize("text", [
    "The six ministers are banned from entering the bloc.",
    "Dozens of reporters have been detained since the vote in March.",
])
def test_a_passive_of_how_things_stand_is_no_deed(nlp, text):
    """A present passive ("are banned") or a tally over a period ("have been detained since
    the vote") states how things stand, background to the news, not a deed done."""
    assert reported_deeds(nlp, text) == []


@pytest.mark.parametrize("text", [
    "The Korlan minister said on Monday that her navy would stay in the strait until the talks began.",
    "Ostmark vowed to hold the bridge until Korlan troops withdrew from the valley.",
    "The envoy said the army would wait before the shelling resumed.",
])
def test_a_deed_in_a_time_not_reached_is_no_reported_deed(nlp, text):
    """A deed in an "until" or "before" clause is a time looked ahead to, not a deed reported
    as done."""
    assert reported_deeds(nlp, text) == []


@pytest.mark.parametrize("text", [
    "Ostmark cut off gas supplies to Korla at midnight, officials said.",
    "Ostmark cut off gas supplies to Korla at midnight, according to the utility.",
    "Ostmark said it had cut off gas supplies to Korla at midnight.",
])
def test_a_deed_relayed_by_a_plain_report_is_a_deed(nlp, text):
    assert [code for code, _ in reported_deeds(nlp, text)] == ["sanction"]


@pytest.mark.parametrize("text, code, named", [
    # a deed noun as the subject of a verb of happening: a deed under way
    ("The shelling of Halm resumed at dawn on Sunday.", "assault", False),
    ("Riots against the Korlan governor continued for a third night.", "protest", False),
    ("Korla's evacuation of the border villages began on Monday.", "retreat", True),
    ("The deportation of Ostmarkian workers continued despite the ruling.", "coerce", False),
])
def test_a_deed_noun_that_happens_is_a_deed(nlp, text, code, named):
    """A noun of a deed verb's family ("shelling", "riots", "evacuation", "deportation") whose
    verb says it happened reports the deed; its doer is its owner ("Korla's"), or nobody named."""
    assert [(c, doer is not None) for c, doer in reported_deeds(nlp, text)] == [(code, named)]


@pytest.mark.parametrize("text, verb, code", [
    ("Korlan gunners carried out the bombing of the depot.", "carried", "assault"),
    ("The militia began the kidnapping of aid workers in the hills.", "began", "coerce"),
    ("Ostmark completed the expulsion of the Korlan consuls.", "completed", "sanction"),
    ("The Korlan navy launched a barrage against the rebel batteries.", "launched", "assault"),
    ("The two foreign ministers held a phone call on Sunday.", "held", "engage"),
])
def test_a_light_verb_does_the_deed_its_noun_names(nlp, text, verb, code):
    """A light verb with a noun of a deed verb's family does that verb's deed."""
    assert (verb, code) in verb_codes(nlp, text)


@pytest.mark.parametrize("text, code", [
    ("Two Korlan diplomats were expelled from Lorn on Friday.", "sanction"),
    ("Four guards were killed at the checkpoint overnight.", "assault"),
    ("Twelve opposition members were detained in Halm.", "coerce"),
])
def test_a_passive_deed_with_no_agent_is_a_deed_of_someone_unnamed(nlp, text, code):
    """"were expelled" reports the deed; the text names no doer, so no side gets it (the
    patient is not the doer)."""
    assert reported_deeds(nlp, text) == [(code, None)]


@pytest.mark.parametrize("text", [
    "The building of the new bridge continued through the winter.",
    "The report was released on Monday by the ministry.",
    "Korla said it will expel two Ostmarkian diplomats next week.",
    "Ostmark accused Korla of expelling its diplomats.",
    "The minister lent support to the plan and withheld comment on the rest.",
    "The agency rounded up a sampling of views from the region.",
    "The envoy handed over a letter from the president.",
])
def test_no_deed_in_another_sense_a_plan_or_an_accusation(nlp, text):
    """A noun or object of another sense, a deed announced for the future (a statement) and a
    deed inside an accusation (the accused's alleged act, coded with the accusation) are no
    reported deed."""
    assert reported_deeds(nlp, text) == []


@pytest.mark.parametrize("text, verb, code", [
    ("Gunmen massacred thirty villagers near Halm.", "massacred", "assault"),
    ("Korlan troops besieged the port for a month.", "besieged", "assault"),
    ("Ostmark downgraded its relations with Korla.", "downgraded", "sanction"),
    ("Korla extradited the suspect to Ostmark.", "extradited", "cooperate"),
    ("The bank funded the repair of the island's water plant.", "funded", "aid"),
    ("The army fortified its positions along the river.", "fortified", "mobilize"),
])
def test_common_deed_verbs_of_each_class(nlp, text, verb, code):
    assert (verb, code) in verb_codes(nlp, text)


@pytest.mark.parametrize("text, deeds", [
    ("Korlan troops prepared to attack the port at dawn.", ["mobilize"]),
    ("The Korlan army prepared to resume shelling the rebel towns.", ["mobilize"]),
    ("The rebels did not try to seize the port.", []),
    ("The rebels tried to seize the port.", ["coerce"]),
])
def test_a_deed_carried_by_another_verb_is_what_that_verb_says(nlp, text, deeds):
    """An attack readied is a show of force (mobilize), not the attack; a deed carried by a
    verb ("tried to seize") is a fact only if that verb is one ("did not try" is no deed)."""
    assert [code for code, _ in reported_deeds(nlp, text)] == deeds


def statement_rows(nlp, text):
    """(kind, signal) of every row the pipeline finds in the text."""
    doc = Document(id="e" * 16, source="test", text=text)
    result = next(analyze_documents([doc], nlp=nlp, embeddings=False))
    return [(s.kind, s.signal) for s in result.statements]


@pytest.mark.parametrize("text, verb, code", [
    ("The Lorn premier announced the expulsion of twelve Korlan diplomats on Monday.", "announced", "sanction"),
    ("Korla ordered the withdrawal of its forces from the valley.", "ordered", "retreat"),
    ("The army ordered the deployment of two battalions to the pass.", "ordered", "mobilize"),
])
def test_a_deed_announced_or_ordered_by_its_noun_is_done(nlp, text, verb, code):
    """Announcing or ordering a deed named by its noun does it ("announced the expulsion",
    codebook D13: a penalty carried out is its deed); "the withdrawal of its forces" is a
    withdrawal, not a move of forces (read11: deeds written as nouns)."""
    assert (verb, code) in verb_codes(nlp, text)


@pytest.mark.parametrize("text, code", [
    ("Lorn and Korla have ordered troops to their borders with Ostmark.", "mobilize"),
    ("Ostmark ordered its troops to withdraw from the ridge.", "retreat"),
    ("The Lorn premier announced the expulsion of twelve Korlan diplomats on Monday.", "sanction"),
])
def test_an_order_that_does_a_deed_is_the_deed_not_a_demand(nlp, text, code):
    """An order to one's forces or to an envoy, or a deed announced by its noun, is the deed:
    one action row, no statement coded demand or commit beside it (read11: an order or an
    announced deed coded as speech)."""
    assert statement_rows(nlp, text) == [("action", code)]


@pytest.mark.parametrize("text", [
    "President Arvel said he had recalled his envoy to Korla and expelled the Korlan ambassador.",
    "Lorn ordered the Korlan envoy to leave within two days, the Lornish foreign ministry said.",
])
def test_words_that_tell_of_ones_own_deed_take_its_code(nlp, text):
    """A speaker telling of its own deed, or its side's, does that deed (codebook D4): the
    statement is coded with the deed, beside the deed's own row (read11: such reports coded none)."""
    assert sorted(statement_rows(nlp, text)) == [("action", "sanction"), ("indirect", "sanction")]

