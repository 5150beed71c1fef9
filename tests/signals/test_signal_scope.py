"""What a statement asserts (issue #19, round nine): blame laid on another party accuses and
on the speaker's own side concedes; a threat of consequences, a denied restraint ("will not
hesitate to") and a deed bound to "any X" threaten; an alternative set aside by "rather
than", "instead of", "without" or "short of" is no move; a promise not to harm reassures.
Sentences written for these tests; the speaker is "The minister"."""

import pytest

from tealeaves.models import Span, Statement
from tealeaves.signals import rules
from tealeaves.signals.rules import default_signal_lexicon


def sure(nlp, cue_part, content, mention="The minister"):
    """``rules.sure_codes`` of "<cue_part> <content>", the cue its last word."""
    text = f"{cue_part} {content}"
    cue_start = cue_part.rfind(" ") + 1
    statement = Statement(id="s", kind="indirect", start=0, end=len(text), text=text,
                          content=(Span(len(cue_part) + 1, len(text), content),),
                          cue=Span(cue_start, len(cue_part), cue_part[cue_start:]),
                          speaker_mention=Span(0, len(mention), mention))
    return rules.sure_codes(rules.rule_signals(nlp(text), statement, default_signal_lexicon()))


BLAME = [
    ("bears-responsibility", "that Ostmark bears full responsibility for the collapse of the truce.", "accuse"),
    ("recklessness", "that it was Ostmark's recklessness that started the fire.", "accuse"),
    ("culpable", "that Ostmark is culpable for the sinking of the ferry.", "accuse"),
    ("own-side-concedes", "that we take full responsibility for the error.", "concede"),
]


@pytest.mark.parametrize("content, code", [c[1:] for c in BLAME], ids=[c[0] for c in BLAME])
def test_blame_is_laid_on_whoever_bears_it(nlp, content, code):
    codes = sure(nlp, "The minister said", content)
    assert codes and codes[0] == code
    assert "positive_assessment" not in codes


THREATS = [
    ("not-hesitate", "that Valdoria would not hesitate to use force to defend the islands."),
    ("any-x-met-with", "that any aggression would be met with a decisive response."),
    ("any-x-answered", "that any incursion will be answered with force."),
    ("all-options", "that all options remain on the table."),
    ("respond-to-any", "that Valdoria would respond to any attack on its ships."),
    ("respond-if", "that we will respond if our ships are boarded."),
]


@pytest.mark.parametrize("content", [c[1] for c in THREATS], ids=[c[0] for c in THREATS])
def test_threats_of_consequences_threaten(nlp, content):
    codes = sure(nlp, "The minister said", content)
    assert codes and codes[0] == "threaten"
    assert not set(codes) & {"reject", "reassure", "accuse"}


SET_ASIDE = [
    ("rather-than-noun", "that Valdoria chose dialogue rather than retaliation."),
    ("rather-than-verb", "that we would negotiate rather than retaliate."),
    ("instead-of", "that we will talk instead of attacking them."),
    ("short-of", "that we will stop short of striking their ports."),
    ("without", "that the dispute must be settled without resorting to force."),
]


@pytest.mark.parametrize("content", [c[1] for c in SET_ASIDE], ids=[c[0] for c in SET_ASIDE])
def test_an_alternative_set_aside_is_no_move(nlp, content):
    """A harm named only as the road not taken threatens nothing, nor is it forsworn."""
    assert not set(sure(nlp, "The minister said", content)) & {"threaten", "reassure"}


def test_without_under_a_negation_still_binds(nlp):
    """A guard: a negated absence of response is a threat (``clauses.denied_absence``)."""
    assert sure(nlp, "The minister said", "that the attack cannot be left without consequences.")[0] == "threaten"


@pytest.mark.parametrize("cue_part, content", [
    ("The minister promised", "that Valdoria would not strike first."),
    ("The minister pledged", "never to attack the fishing fleet."),
])
def test_a_promise_not_to_harm_reassures(nlp, cue_part, content):
    codes = sure(nlp, cue_part, content)
    assert codes and codes[0] == "reassure"
    assert not set(codes) & {"commit", "threaten"}


@pytest.mark.parametrize("text, word, aside", [
    ("We will hold talks in place of sanctions.", "sanctions", True),
    ("They have not yet chosen the place of the talks.", "talks", False),
])
def test_only_in_place_of_sets_aside(nlp, text, word, aside):
    from tealeaves.signals.clauses import set_aside

    assert set_aside(next(t for t in nlp(text) if t.text == word)) is aside
