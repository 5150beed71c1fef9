"""Whose move a code word is (issue #19, round six): the speaker's own moves (reassure, deny,
commit, threaten, reject, engage, ...) come from the speaker's own clause; another party's act
reported, a relative clause, talks refused or made a precondition, and a promise of harm are
read as the codebook says. Sentences written for these tests; the speaker is "The minister"
(or the mention given)."""

import pytest

from tealeaves.models import Span, Statement
from tealeaves.signals import rules
from tealeaves.signals.rules import default_signal_lexicon


def fired(nlp, cue_part, content, mention="The minister"):
    """``rules.rule_signals`` of "<cue_part> <content>", the cue its last word, the speaker
    mention the opening words ``mention``."""
    text = f"{cue_part} {content}"
    cue_start = cue_part.rfind(" ") + 1
    statement = Statement(id="s", kind="indirect", start=0, end=len(text), text=text,
                          content=(Span(len(cue_part) + 1, len(text), content),),
                          cue=Span(cue_start, len(cue_part), cue_part[cue_start:]),
                          speaker_mention=Span(0, len(mention), mention) if text.startswith(mention) else None)
    return rules.rule_signals(nlp(text), statement, default_signal_lexicon())


def sure(nlp, cue_part, content, mention="The minister"):
    return rules.sure_codes(fired(nlp, cue_part, content, mention))


ANOTHER_PARTYS_ACT = [
    # cause a: a negation of another party's act is no reassurance, hedge or offer of the speaker's
    ("not-demanded", "that Ostmark has not demanded the return of the islands."),
    ("not-threatened", "that Ostmark has not threatened anyone."),
    ("no-response-from", "that there has been no response from Ostmark to the offer."),
    ("no-one-would-agree", "that no one was going to agree to those terms."),
    ("not-ruled-out", "that Ostmark has not ruled out talks."),
]


@pytest.mark.parametrize("content", [c[1] for c in ANOTHER_PARTYS_ACT], ids=[c[0] for c in ANOTHER_PARTYS_ACT])
def test_another_partys_act_is_no_move_of_the_speaker(nlp, content):
    found = fired(nlp, "The minister said", content)
    assert not set(rules.sure_codes(found)) & {"reassure", "hedge", "commit", "engage", "reject", "deny"}
    assert any(component == "reported" for component, _, _ in found)  # the model still sees it


OWN_MOVES = [
    # the speaker's own side, in the first person or by its own name, still moves
    ("we-will-not-attack", "The minister said", "that we will not attack anyone.", "reassure"),
    ("own-name", "The Valdorian minister said", "that Valdoria will never close the strait.", "reassure"),
    ("we-did-not-rule-out", "The minister said", "that we have not ruled out talks.", "engage"),
    ("we-have-agreed", "The minister said", "that we have agreed to reopen the rail link.", "commit"),
    # a past tense after "said" is often the speaker's present moved back, not a deed reported
    ("moved-back", "The Valdorian minister said", "the exercises posed no threat to its neighbours.", "reassure"),
    ("was-ready", "The Valdorian minister said", "Valdoria was ready to hold talks with Ostmark.", "engage"),
    ("no-one-should", "The minister said", "no one should worry about the gas deliveries.", "reassure"),
    ("nobody-is-talking", "The minister said", "nobody is talking about a trade war.", "reassure"),
    ("refused-if", "The minister said", "that we would not accept the offer if it were made.", "reject"),
    ("must-withdraw", "The minister said", "that Ostmark must withdraw its ships.", "demand"),
    ("accusation-stays", "The minister said", "that Ostmark violated the ceasefire.", "accuse"),
    ("nobody-wants-war", "The minister said", "that nobody wants a war.", "reassure"),
    ("offer-with-condition", "The minister said", "that we are ready to talk if the shelling stops.", "engage"),
]


@pytest.mark.parametrize("cue_part, content, code", [c[1:] for c in OWN_MOVES], ids=[c[0] for c in OWN_MOVES])
def test_the_speakers_own_moves_stay(nlp, cue_part, content, code):
    mention = cue_part.rsplit(" ", 1)[0]
    assert next(iter(sure(nlp, cue_part, content, mention)), None) == code


TALKS = [
    # cause b: about talks is not willingness to talk
    ("not-up-for-negotiation", "that the border question is not up for negotiation.", "reject"),
    ("talks-only-once", "that talks would begin only once Ostmark withdraws its ships.", "demand"),
    ("no-talks-until", "that there will be no talks until the shelling stops.", "demand"),
    ("not-negotiate-unless", "that we will not negotiate unless Ostmark withdraws its ships.", "demand"),
    ("sanctions-force-talks", "that the sanctions are meant to force Ostmark to the negotiating table.", "demand"),
    ("press-to-negotiate", "that the new sanctions would press Ostmark to negotiate.", "demand"),
]


@pytest.mark.parametrize("content, code", [c[1:] for c in TALKS], ids=[c[0] for c in TALKS])
def test_talks_refused_or_made_a_condition_are_no_offer(nlp, content, code):
    codes = sure(nlp, "The minister said", content)
    assert codes and codes[0] == code
    assert "engage" not in codes


def test_a_move_in_a_relative_clause_is_not_the_main_move(nlp):
    """Cause d: "rejects" qualifies the side accused; the accusation is the move. A content
    that is itself in a relative clause of the sentence ("critics who say ...") still moves."""
    found = fired(nlp, "The minister accused", "Ostmark of being the side that rejects every deal.")
    assert rules.sure_codes(found) == ["accuse"]
    assert ("embedded", "reject") in {(component, code) for component, code, _ in found}
    assert "reject" not in sure(nlp, "The minister said", "that the obstacle is a government that refuses to talk.")
    assert sure(nlp, "Critics who say", "Ostmark must withdraw its ships", "Critics")[0] == "demand"


@pytest.mark.parametrize("cue_part, content", [
    ("The minister vowed", "countermeasures against any ship that enters the zone."),
    ("The minister pledged", "to retaliate against any ship that enters the zone."),
])
def test_a_promise_of_harm_is_a_threat(nlp, cue_part, content):
    """Cause c: "vowed countermeasures" was commit (the cue's sense); a promise of harm threatens."""
    codes = sure(nlp, cue_part, content)
    assert codes[0] == "threaten" and "commit" not in codes


@pytest.mark.parametrize("content", ["to rebuild every school in the province.",
                                     "to rebuild every school destroyed by the storm."])
def test_a_promise_without_harm_stays_a_commitment(nlp, content):
    assert sure(nlp, "The minister vowed", content)[0] == "commit"


def test_a_news_outlet_is_an_observer_in_training():
    """Cause e: the training rows read an outlet's name as the resolver does at run time."""
    from tealeaves.signals.model import mention_kind

    assert mention_kind("The Daily Herald") == "observer"
    assert mention_kind("the statement released by Valdoria News") == "observer"
    assert mention_kind("Senator Reyes") == "party"


@pytest.mark.parametrize("source, kind", [
    ("Valdorian authorities", "party"),  # "authorities" holds "author": no observer
    ("the port authority", "party"),
    ("two analysts in Lorn", "observer"),
    ("the author of the report", "observer"),
])
def test_observer_words_in_a_source_count_as_whole_words(source, kind):
    from tealeaves.signals.model import mention_kind

    assert mention_kind(source) == kind


REPORTED_DONE = [
    # issue #19, read7 item 15: another party's act told as done is no move of the speaker's
    ("rejected", "The Valdorian minister said", "Ostmark rejected the proposal.", "reject"),
    ("had-accepted", "The Valdorian minister said", "Ostmark had already accepted the proposal.", "concede"),
    ("denied", "The Valdorian minister said", "Ostmark denied that its ships had entered the zone.", "deny"),
    ("refused-to", "The Valdorian minister said", "Ostmark has refused to negotiate.", "reject"),
]


@pytest.mark.parametrize("cue_part, content, code", [c[1:] for c in REPORTED_DONE], ids=[c[0] for c in REPORTED_DONE])
def test_another_partys_act_told_as_done_is_no_move_of_the_speaker(nlp, cue_part, content, code):
    found = fired(nlp, cue_part, content, cue_part.rsplit(" ", 1)[0])
    assert code not in rules.sure_codes(found)
    assert ("reported", code) in {(component, c) for component, c, _ in found}  # the model still sees it


@pytest.mark.parametrize("cue_part, content, code", [
    ("The Valdorian minister said", "Valdoria rejected the proposal.", "reject"),  # its own name, by its stem
    ("The minister said", "we rejected the proposal.", "reject"),
    ("The minister said", "Ostmark will reject any such proposal.", "reject"),  # foretold, not done
    # a common noun may be the speaker's own side, or the parties an observer speaks for
    ("The spokesman said", "the delegations had agreed to share the flow data.", "commit"),
])
def test_own_or_unnamed_doers_still_move(nlp, cue_part, content, code):
    assert next(iter(sure(nlp, cue_part, content, cue_part.rsplit(" ", 1)[0])), None) == code


NOT_AN_OFFER_OR_PROMISE = [
    # issue #19, read8 items 11-13 (our own sentences): refusals, judged subjects and unbound
    # promise words are no offer, demand or commitment of the speaker's
    ("counterfactual", "The minister said", "that maybe we would have handled the matter differently.", "commit"),
    ("boycott", "The minister announced", "Valdoria's decision to boycott the talks.", "engage"),
    ("negated-purpose", "The minister said", "that our delegation was not travelling to Lorn to negotiate a truce.",
     "engage"),
    ("judged-demands", "The minister said", "that Ostmark's list of demands violated our sovereignty.", "demand"),
    ("judged-call", "The minister said", "calling for compensation is groundless and unacceptable.", "demand"),
    ("a-sign", "The minister said", "the closure was the latest sign that relations were worsening.", "commit"),
    ("their-agreements", "The minister said", "that the rebels had failed to implement the agreements signed last year.",
     "commit"),
]


@pytest.mark.parametrize("cue_part, content, code", [c[1:] for c in NOT_AN_OFFER_OR_PROMISE],
                         ids=[c[0] for c in NOT_AN_OFFER_OR_PROMISE])
def test_refusals_judgements_and_unbound_promises_are_not_the_code_word(nlp, cue_part, content, code):
    assert code not in sure(nlp, cue_part, content)


@pytest.mark.parametrize("cue_part, content, code", [
    ("The minister announced", "Valdoria's decision to boycott the talks.", "reject"),
    ("The minister said", "that our delegation was not travelling to Lorn to negotiate a truce.", "reject"),
    ("The minister said", "that Ostmark's list of demands violated our sovereignty.", "accuse"),
    # a subject with no judging predicate, a promise bound to the speaker, still move
    ("The minister said", "that talks are the only way forward.", "engage"),
    ("The minister said", "that our demands are clear: withdraw the ships.", "demand"),
    ("The minister said", "that our proposal for an agreement stands.", "commit"),
    ("The minister said", "a yes vote brings us nearer to a fairer agreement that we aim to sign next week.", "commit"),
    ("The minister said", "that we will have finished the withdrawal by Friday.", "commit"),
])
def test_what_the_speaker_does_instead(nlp, cue_part, content, code):
    assert next(iter(sure(nlp, cue_part, content)), None) == code


def test_but_sets_an_asserted_word_against_a_negated_one(nlp):
    """ "not aimed at X but at punishing Y": the punishing is asserted, no harm forsworn."""
    found = fired(nlp, "The minister said", "that the blockade is not aimed at fighting smuggling but at punishing our farmers.")
    assert ("phrase", "threaten") in {(component, code) for component, code, _ in found}
    assert ("phrase", "reassure") not in {(component, code) for component, code, _ in found}


@pytest.mark.parametrize("content", [
    "that the allegations of our involvement in the attack are absurd and motivated.",
    "that Valdoria does not engage in blackmail.",
    "that the accusation is unacceptable.",
])
def test_an_accusation_turned_away_is_a_denial(nlp, content):
    """read8 item 13: the speaker negating or judging an accusation against its side denies it."""
    assert sure(nlp, "The Valdorian minister said", content, "The Valdorian minister")[0] == "deny"


def test_a_judgement_of_no_accusation_stays_a_judgement(nlp):
    assert sure(nlp, "The minister said", "that the new tariffs are absurd.")[0] == "negative_assessment"
    assert "deny" not in sure(nlp, "The Valdorian minister said", "that Ostmark has not violated the ceasefire.",
                              "The Valdorian minister")


APPROVAL_NOT_THE_SPEAKERS = [
    # round ten: praise words count as the speaker's praise only when the speaker approves
    ("decision-to-endorse", "The farmers' union said", "that their government's decision to endorse the dam plan was a betrayal."),
    ("support-of-others", "The minister said", "the rebels had turned to Ostmark for support."),
    ("support-from", "The minister said", "the governor relies on support from the mining barons."),
    ("those-who-support", "The minister said", "those who support the blockade are lying to the public."),
    ("ostmark-praised", "The minister said", "Ostmark praised the coup leaders last week."),
]


@pytest.mark.parametrize("cue_part, content", [c[1:] for c in APPROVAL_NOT_THE_SPEAKERS],
                         ids=[c[0] for c in APPROVAL_NOT_THE_SPEAKERS])
def test_another_partys_approval_is_no_praise_of_the_speakers(nlp, cue_part, content):
    found = fired(nlp, cue_part, content)
    assert "positive_assessment" not in rules.sure_codes(found)
    assert any(code == "positive_assessment" for _, code, _ in found)  # the model still sees it


OWN_APPROVAL = [
    ("we-support", "The minister said", "that we support the ceasefire plan."),
    ("our-support", "The minister said", "that Valdoria has our full support."),
    ("welcomes", "The minister said", "that Valdoria warmly welcomes the release of the fishermen."),
]


@pytest.mark.parametrize("cue_part, content", [c[1:] for c in OWN_APPROVAL], ids=[c[0] for c in OWN_APPROVAL])
def test_the_speakers_own_approval_stays_praise(nlp, cue_part, content):
    assert "positive_assessment" in sure(nlp, cue_part, content)


REFUSED_TO_BEAR = [
    # round ten: a negated verb of bearing on a harm announces a response, forswears nothing
    ("tolerate-any-attack", "that Valdoria will not tolerate any attack on its embassy."),
    ("never-condone", "that we will never condone attacks on our fishermen."),
    ("brook-no-threat", "that Valdoria would not tolerate threats to its shipping lanes."),
]


@pytest.mark.parametrize("content", [c[1] for c in REFUSED_TO_BEAR], ids=[c[0] for c in REFUSED_TO_BEAR])
def test_refusing_to_bear_a_harm_threatens(nlp, content):
    codes = sure(nlp, "The minister said", content)
    assert "reassure" not in codes and codes[:1] == ["threaten"]


def test_a_harm_forsworn_still_reassures(nlp):
    assert sure(nlp, "The minister said", "that Valdoria will not attack its neighbours.")[:1] == ["reassure"]
    assert sure(nlp, "The minister said", "that there is no threat to the shipping lanes.")[:1] == ["reassure"]


@pytest.mark.parametrize("cue_part, content", [
    ("The minister said", "that both governments agreed to hold talks next week."),
    ("The minister agreed", "to hold talks with Ostmark."),
    ("The minister pledged", "to resume the dialogue with Ostmark."),
], ids=["agreed-to-hold-talks", "agreed-cue", "pledged-dialogue"])
def test_a_promise_to_talk_engages(nlp, cue_part, content):
    assert sure(nlp, cue_part, content)[:1] == ["engage"]


def test_a_promise_of_a_deed_still_commits(nlp):
    assert sure(nlp, "The minister said", "that both governments agreed to reopen the rail link.")[:1] == ["commit"]


@pytest.mark.parametrize("content, code", [
    ("that Valdoria has no intention of complying with the ruling.", "reject"),
    ("that Valdoria has no intention of invading anyone.", "reassure"),
    ("that there was no intention to mislead the inspectors.", "deny"),
], ids=["refuses", "forswears-harm", "denies"])
def test_an_intention_denied_takes_the_code_of_its_deed(nlp, content, code):
    assert sure(nlp, "The minister said", content)[:1] == [code]


@pytest.mark.parametrize("cue_part, content", [
    ("The junta warned", "neighbouring states against intervening in the crisis."),
    ("The minister warned", "Ostmark not to send more ships."),
], ids=["against-intervening", "not-to-send"])
def test_a_warning_against_an_act_demands(nlp, cue_part, content):
    assert sure(nlp, cue_part, content)[:1] == ["demand"]


def test_a_warning_of_harm_still_threatens(nlp):
    assert sure(nlp, "The minister warned", "Ostmark against any attempt to seize the islands.")[:1] == ["threaten"]
