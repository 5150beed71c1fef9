"""The logic rules read negation and conditions clause by clause (codebook, decision rules 1
and 2): a "not" inside a condition does not turn the threat it conditions round, and a
condition's own words are no move of the speaker's. Sentences written for these tests."""

import pytest

from tealeaves.models import Span, Statement
from tealeaves.signals import rules
from tealeaves.signals.clauses import denied_absence, governing_chain, in_condition
from tealeaves.signals.rules import default_signal_lexicon


def fired(nlp, cue_part, content):
    """``rules.rule_signals`` of "<cue_part> <content>", the cue its last word."""
    text = f"{cue_part} {content}"
    cue_start = cue_part.rfind(" ") + 1
    statement = Statement(id="s", kind="indirect", start=0, end=len(text), text=text,
                          content=(Span(len(cue_part) + 1, len(text), content),),
                          cue=Span(cue_start, len(cue_part), cue_part[cue_start:]))
    return rules.rule_signals(nlp(text), statement, default_signal_lexicon())


CASES = [
    # a "not" in the condition: still a conditional threat, not a harm forsworn
    ("not-in-condition", "The minister said", "that if Ostmark does not recall its ships, we will have no "
     "choice but to expel its envoys.", "threaten"),
    ("sanctions-if-not", "The minister said", "that if the rebels do not lay down their arms, the government "
     "will impose sanctions on them.", "threaten"),
    # a conditional threat outweighs a soothing clause beside it (threaten ranks first)
    ("threat-beside-soothing", "The spokesman said", "they did not want a war, but the navy will blockade the "
     "port if the talks fail.", "threaten"),
    # the deed forsworn in its own clause still reassures
    ("will-not-attack", "The minister said", "we will not attack anyone.", "reassure"),
    ("never-close", "The minister said", "we will never close the strait.", "reassure"),
]


@pytest.mark.parametrize("cue_part, content, code", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_rules_read_negation_in_its_clause(nlp, cue_part, content, code):
    assert rules.strongest(fired(nlp, cue_part, content)) == code


def test_a_conditions_words_are_no_move(nlp):
    """ "withdraw" in "if they do not withdraw" is what the threat asks, not a move of its own
    turned round into reassurance."""
    found = fired(nlp, "The minister said", "that if Ostmark does not withdraw its ships, we will isolate Ostmark.")
    assert "reassure" not in {code for _, code, _ in found}
    assert rules.strongest(found) == "threaten"


def test_a_not_of_another_clause_does_not_negate_a_phrase(nlp):
    """The "not" of a relative clause before "must" leaves the demand a demand."""
    found = fired(nlp, "The minister said", "that every trawler which does not report must leave the zone.")
    assert rules.strongest(found) == "demand"


def test_clause_helpers(nlp):
    doc = nlp("If they do not leave, we will have no choice but to expel them.")
    words = {t.text: t for t in doc}
    assert in_condition(words["leave"]) and in_condition(words["not"])
    assert not in_condition(words["expel"])
    assert [t.text for t in governing_chain(words["expel"])] == ["expel", "but", "choice", "have"]


def test_the_content_main_verb_may_be_the_sentence_root(nlp):
    """A content that holds the whole sentence has the root for its main verb (spaCy's tokens
    are new objects at every access, so the root must be found by index, not identity)."""
    from tealeaves.lexicon import default_lexicon
    from tealeaves.signals.model import signal_features

    text = "Ostmark seized two trawlers near the island."
    statement = Statement(id="s", kind="action", start=0, end=len(text), text=text,
                          content=(Span(0, len(text), text),), cue=Span(8, 14, "seized"))
    features = signal_features(nlp(text), statement, "party", default_signal_lexicon(), default_lexicon().cue_senses)
    assert "content_verb=seize" in features


CONCESSIONS = [
    # the "not" of the concession turns nothing round: the main clause's deed is the move
    ("continue-even-though-not", "The minister said", "that the army will continue the strikes even though the "
     "rebels have not halted their attacks.", "threaten"),
    ("although-not-then-attack", "The spokesman said", "although the rebels have not released the hostages, "
     "the army will attack the camp.", "threaten"),
    # the main clause's own "not" still counts
    ("not-attack-even-though-not", "The minister said", "we will not attack anyone even though they have not "
     "stopped the shelling.", "reassure"),
]


@pytest.mark.parametrize("cue_part, content, code", [c[1:] for c in CONCESSIONS], ids=[c[0] for c in CONCESSIONS])
def test_a_concessions_not_does_not_negate_the_main_clause(nlp, cue_part, content, code):
    assert rules.strongest(fired(nlp, cue_part, content)) == code


def test_a_concessions_words_are_no_move(nlp):
    """ "has not attacked our ships" is what the speaker concedes, not a harm forsworn."""
    found = fired(nlp, "The minister said", "the blockade will stay even though Velm has not attacked our ships.")
    assert "reassure" not in {code for _, code, _ in found}


def test_even_if_binds_no_condition(nlp):
    """ "even if" concedes: the sanctions come either way, so no condition is recorded."""
    from tealeaves.signals.clauses import in_concession

    doc = nlp("We will impose sanctions even if Ostmark does not withdraw its ships.")
    words = {t.text: t for t in doc}
    assert in_concession(words["withdraw"]) and not in_condition(words["withdraw"])
    assert not in_concession(words["impose"])
    statement = Statement(id="s", kind="indirect", start=0, end=len(doc.text), text=doc.text,
                          content=(Span(0, len(doc.text), doc.text),))
    assert rules.modifiers(doc, statement, list(doc), default_signal_lexicon()).condition is None
    assert rules.strongest(fired(nlp, "The minister said", "we will impose sanctions even if Ostmark does not "
                                 "withdraw its ships.")) == "threaten"


@pytest.mark.parametrize("content, inside", [
    ("the convoys will keep sailing as long as we need to protect them.", "need"),
    ("the ships will stay in the bay so long as the talks last.", "last"),
])
def test_as_long_as_is_a_condition(nlp, content, inside):
    """ "as long as we need to protect them" binds the deed to a condition; its "need" is no
    demand of the speaker's (the codebook's decision rule 2, as for "if"/"unless")."""
    doc = nlp(f"The spokesman said {content}")
    assert in_condition(next(t for t in doc if t.text == inside))
    assert "demand" not in {code for _, code, _ in fired(nlp, "The spokesman said", content)}


@pytest.mark.parametrize("cue_part, content, code", [
    # an attempt of the subject's own is no request made of another party ...
    ("The envoys sought", "to play down the minister's remarks.", None),
    ("The ministry tried", "to calm the markets after the vote.", None),
    # ... what is sought is still asked for
    ("The envoys sought", "a ceasefire before the holiday.", "demand"),
])
def test_trying_to_do_is_no_demand(nlp, cue_part, content, code):
    cue = {c for component, c, _ in fired(nlp, cue_part, content) if component == "cue"}
    assert cue == ({code} if code else set())


# Two negations cancel (codebook, decision rule 1): a response said not to be left out is a
# response announced, a threat, not a harm forsworn. Sentences written for these tests.
DOUBLE_NEGATIONS = [
    ("without-consequences", "The minister said", "that the shelling of the border villages cannot be left "
     "without consequences."),
    ("go-unanswered", "The spokesman said", "that the raid on the convoy will not go unanswered."),
    ("stand-idly-by", "The president said", "that Valdoria won't stand idly by while its fishermen are seized."),
    ("nothing-unpunished", "The general said", "that no attack on our ships will go unpunished."),
]


@pytest.mark.parametrize("cue_part, content", [c[1:] for c in DOUBLE_NEGATIONS], ids=[c[0] for c in DOUBLE_NEGATIONS])
def test_a_negated_absence_of_response_threatens(nlp, cue_part, content):
    found = fired(nlp, cue_part, content)
    assert rules.strongest(found) == "threaten", found
    assert "reassure" not in {code for _, code, _ in found}


@pytest.mark.parametrize("cue_part, content", [
    ("The minister said", "that the raid on the convoy went unanswered."),  # no negation: a fact
    ("The minister said", "that the plan is not without risk."),  # "without" a risk, no response left out
    ("The minister said", "that if the raid does not go unanswered, the talks will end."),  # a condition
], ids=["plain-absence", "not-without-risk", "absence-in-condition"])
def test_an_absence_alone_is_no_threat(nlp, cue_part, content):
    assert ("absence", "threaten") not in {(component, code) for component, code, _ in fired(nlp, cue_part, content)}


def test_denied_absence(nlp):
    doc = nlp("The raid will not go unanswered, but the raid went unanswered before.")
    first, second = [t for t in doc if t.lower_ == "unanswered"]
    assert denied_absence(first) and not denied_absence(second)


NEGATION_SCOPE = [
    # issue #19, read7 item 14: a negation above a non-finite verb or behind "far from" reaches
    # the words below it (talks in these sentences are refused or not there, never offered)
    ("no-question-of", "The minister said", "there was no question of treating the vote as a basis for talks.",
     "reject", "engage"),
    ("far-from-agreement", "The spokesman said", "the two sides were far from an agreement to resume dialogue.",
     "reject", "engage"),
    ("far-from-being", "The spokesman said", "the proposal was far from being a basis for negotiations.",
     "reject", "engage"),
    # a participle the parser takes for a subject clause: the predicate's "not" still turns it round
    ("progress-not-significant", "The minister said", "the progress made this week was not significant.",
     "negative_assessment", "positive_assessment"),
]


@pytest.mark.parametrize("cue_part, content, code, wrong", [c[1:] for c in NEGATION_SCOPE],
                         ids=[c[0] for c in NEGATION_SCOPE])
def test_negation_reaches_below_non_finite_verbs(nlp, cue_part, content, code, wrong):
    codes = rules.sure_codes(fired(nlp, cue_part, content))
    assert codes and codes[0] == code
    assert wrong not in codes


@pytest.mark.parametrize("content, code", [
    ("we are ready to begin talks at once.", "engage"),
    ("the talks have made real progress.", "positive_assessment"),
    ("we see an agreement to resume dialogue within reach.", "engage"),
])
def test_an_offer_or_praise_without_negation_stands(nlp, content, code):
    """The wider reach of negation leaves words with no negation above them alone."""
    assert rules.strongest(fired(nlp, "The minister said", content)) == code


@pytest.mark.parametrize("content", ["we regret the unintended entry of the aircraft.",
                                     "the government expressed regret over the incident."])
def test_regret_of_ones_own_is_no_threat(nlp, content):
    """read7 item 16: an expression of regret was a threat (the bare word was a threat phrase)."""
    assert "threaten" not in rules.sure_codes(fired(nlp, "The ministry said", content))


def test_a_regret_foretold_threatens(nlp):
    assert rules.strongest(fired(nlp, "The minister said", "Ostmark will regret it.")) == "threaten"
