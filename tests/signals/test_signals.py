"""Signal coding, modifiers, actions, mixed messages, standoffs, positions and coherence,
on sentences written for these tests (embeddings off: the rules' sure codes over the learned
model's symbolic head), and on invented wire reports hand-coded in tests/data/signals (scored by
`tealeaves eval`)."""

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from tealeaves.cli import cli
from tealeaves.io.readers import example_path
from tealeaves.lexicon import Lexicon
from tealeaves.models import Document
from tealeaves.pipeline import analyze_documents
from tealeaves.signals.coding import sentence_code


def run(nlp, text, embeddings=False):
    doc = Document(id="t" * 16, source="test", text=text)
    return next(analyze_documents([doc], nlp=nlp, embeddings=embeddings))


def statement_with(result, words):
    return next(s for s in result.statements if words in s.text and s.kind != "action")


CODES = [
    ("warned-of-harm", "The Norwegian defence minister warned that any seizure of trawlers would bring severe consequences.", "threaten"),
    # no harm and no withholding: no move (codebook rule 5: hedge is never a default)
    ("warned-without-harm", "The Norwegian defence minister warned that the weather in the zone is getting colder.", None),
    ("denied", "The Norwegian foreign minister denied that Norway plans to send warships.", "deny"),
    ("did-not-deny", "The Norwegian foreign minister did not deny that Norway could send warships.", "hedge"),
    ("no-ultimatum", "The Norwegian foreign minister said she is not issuing any ultimatum.", "reassure"),
    ("must", "The Norwegian foreign minister said Iceland must withdraw its vessels from the zone.", "demand"),
    ("ruled-out", "The Icelandic prime minister ruled out any withdrawal of the vessels.", "reject"),
    ("accused", "The Icelandic prime minister accused Norway of a deliberate provocation.", "accuse"),
    ("praised", "The Norwegian foreign minister said the talks were constructive and productive.", "positive_assessment"),
    ("no-optimism", "The Norwegian foreign minister said she does not see any reason for optimism.", "negative_assessment"),
    ("too-early", "The Norwegian foreign minister said it is too early to say anything about results.", "hedge"),
    ("lower-priority", "The Norwegian foreign minister indicated that the quota issue is now a lower priority.", "concede"),
    ("promised", "The Norwegian foreign minister promised to continue the fuel deliveries.", "commit"),
    ("ready-to-talk", "The Norwegian foreign minister said Norway is ready to negotiate and open to dialogue.", "engage"),
    ("analyst", "Erik Dahl, a fisheries analyst, said the government must act soon.", "assess"),
    # the cue's sense by its object or complement
    ("dismissed-a-proposal", "The Icelandic prime minister dismissed the Norwegian proposal for a joint patrol.", "reject"),
    ("dismissed-reports", "The Icelandic prime minister dismissed reports that Iceland had armed its trawlers.", "deny"),
    ("rejected-allegations", "The Icelandic ministry rejected allegations that its coast guard had fired on a trawler.", "deny"),
    ("declined-to-comment", "The Norwegian defence minister declined to comment on the patrols.", "hedge"),
    ("declined-to-withdraw", "The Icelandic prime minister declined to withdraw the vessels.", "reject"),
    # a phrase below a governing word, or below "must", takes its code
    ("refused-to-meet", "The Icelandic prime minister refused to meet the Norwegian envoy.", "reject"),
    ("must-accept", "The Norwegian foreign minister said Iceland must accept the new quota agreement.", "demand"),
    # deeds announced for the future
    ("would-blockade", "The union leader said his members would blockade the harbour to demand higher quotas.", "threaten"),
    # an offer to meet on a condition stays engage (codebook rule 15, D14; round ten: was commit)
    ("would-meet-if", "The Icelandic prime minister said he would meet the Norwegian envoy if the patrols stopped.", "engage"),
    ("will-withdraw-unless", "The Norwegian minister said Norway will withdraw its observers unless Iceland stops the seizures.", "threaten"),
    ("prepared-to-lift", "The Icelandic prime minister said he is prepared to lift the ban on Norwegian trawlers.", "commit"),
    # the longer phrase wins: "accept ... demands" concedes, its "demands" is no pressure word
    ("did-not-accept-demands", "The Icelandic prime minister said he did not accept the demands of the union.", "reject"),
    # "call" by its complement: naming an object assesses it, "call for" / "call on X to" demand
    ("called-it-useful", "The Norwegian foreign minister called the talks “useful” and “businesslike”.", "positive_assessment"),
    ("called-it-piracy", "The Icelandic prime minister called the seizure of the trawler an act of piracy.", "accuse"),
    ("called-it-unserious", "The Icelandic prime minister called the Norwegian offer unserious.", "negative_assessment"),
    ("on-a-day-called-it", "On Friday the Norwegian minister called the new quota offer “a good step.”", "positive_assessment"),
    ("called-for", "The Norwegian foreign minister called for an immediate halt to the seizures.", "demand"),
    ("called-on-to", "Norwegian Foreign Minister Anna Berg called on Iceland to halt the seizures.", "demand"),
    # firm-position verbs demand only with a mandative complement
    ("insisted-a-position", "The Icelandic prime minister insisted that Iceland had every right to fish in the zone.", "commit"),
    ("insisted-that-x-withdraw", "The Icelandic prime minister insisted that Norway withdraw its frigates.", "demand"),
    ("insisted-must", "The Icelandic prime minister insisted that Norway must pay for the damage.", "demand"),
    # negated announced deeds: a harm forsworn reassures, another deed refused rejects
    ("would-never-close", "The Norwegian minister insisted that Norway would never close the harbour to Icelandic boats.",
     "reassure"),
    ("would-not-sign", "Icelandic officials said they would not sign any text that recognised the Norwegian zone.", "reject"),
    # harmful-deed warnings and shows of force
    ("warned-seized", "The Norwegian defence minister warned that any trawler entering the zone would be seized and "
                      "its crew arrested.", "threaten"),
    ("navy-will-answer", "The Icelandic prime minister said the navy would answer any incursion.", "threaten"),
    ("return-fire", "The army spokesman said the gunners had been told to return fire at once.", "threaten"),
    # plans and standing positions
    ("intend-to", "Icelandic trawler owners said they intend to return to the zone next week.", "commit"),
    ("would-keep", "The fishermen's association said its boats would keep working the banks.", "commit"),
    ("stood-firmly-behind", "The alliance spokesman said the alliance stood firmly behind Norway.", "commit"),
    # negation scope: negative subjects, wishes, a phrase's own "no", quotation marks inside a phrase
    ("nobody-wants", "“Nobody in Norway wants the fighting to resume,” the minister said.", "reassure"),
    ("not-trying-to-hurt", "The minister said Norway was not trying to hurt Icelandic fishermen.", "reassure"),
    ("no-obstacle", "The minister said he saw no obstacle to a quick release of the crew.", "reassure"),
    ("not-closed-the-door", "The Icelandic prime minister said his government had not closed the door to talks.", "engage"),
    # assessment idioms and adjectives
    ("far-apart", "The Icelandic spokeswoman said the two sides remained very far apart.", "negative_assessment"),
    ("dead-on-arrival", "An Icelandic diplomat said the quota plan was dead on arrival.", "negative_assessment"),
    ("nothing-but-paper", "The minister said the talks had produced “nothing but paper.”", "negative_assessment"),
    ("lower-the-temperature", "“We came to lower the temperature,” the envoy said.", "reassure"),
    # a stance adjective is the cue and carries its sense
    ("critical-of", "The Icelandic prime minister has been critical of the quota plan.", "negative_assessment"),
    ("against", "The Icelandic prime minister is against any new quota.", "reject"),
    ("determined-to", "The Icelandic prime minister is determined to keep the talks going.", "engage"),  # a promise to talk (round ten)
    # a verb that gainsays the phrase after it turns it round
    ("contradicted-positive", "The Icelandic spokeswoman contradicted any positive message from the envoy.",
     "negative_assessment"),
]


# Known misses of the learned coder, kept as strict xfails so that a model that gets them right
# says so. Round four (invented items in training): a warning about the weather, no harm, reads
# as negative_assessment (the model alone, 0.44; the rules have only a weak hedge).
KNOWN_MISSES = {"warned-without-harm": "the learned model reads a harmless warning as negative_assessment"}


@pytest.mark.parametrize("text, code", [
    pytest.param(*c[1:], id=c[0], marks=[pytest.mark.xfail(strict=True, reason=KNOWN_MISSES[c[0]])]
                 if c[0] in KNOWN_MISSES else []) for c in CODES])
def test_main_signal(nlp, text, code):
    result = run(nlp, text)
    assert result.statements, "no statement found"
    said = [s for s in result.statements if s.kind != "action"]
    assert said[0].signal == code, [(s.signal, s.signals) for s in said]
    assert said[0].signals == ((code,) + said[0].signals[1:] if code else ())


MODIFIERS = [
    ("negation", "The minister said he is not issuing ultimatums.", "negated", True),
    ("no-negation", "The minister said he is issuing an ultimatum.", "negated", False),
    ("condition", "The minister warned that Norway would respond with force if Iceland does not withdraw.", "condition", "if Iceland does not withdraw"),
    ("modality", "The minister said the talks could fail for now.", "modality", ("could", "for now")),
    ("time", "The minister said on Tuesday that the talks would resume.", "time", "on Tuesday"),
]


@pytest.mark.parametrize("text, field, expected", [m[1:] for m in MODIFIERS], ids=[m[0] for m in MODIFIERS])
def test_modifiers(nlp, text, field, expected):
    (statement,) = [s for s in run(nlp, text).statements if s.kind != "action"]
    value = getattr(statement, field)
    if isinstance(expected, tuple):
        assert set(expected) <= set(value)
    else:
        assert value == expected


def test_a_belief_negated_is_no_refusal(nlp):
    (statement,) = [s for s in run(nlp, "The minister said she would not expect a deal this week.").statements
                    if s.kind != "action"]
    assert statement.signal != "reject"


def test_a_prediction_about_things_is_no_plan(nlp):
    (statement,) = [s for s in run(nlp, "The minister said the weather would change on Friday.").statements
                    if s.kind != "action"]
    assert statement.signal != "commit"


def test_actions_are_deeds_with_their_actor(nlp):
    result = run(nlp, "Russia has deployed three brigades near the border. Norway did not deploy any ships. "
                      "Iceland could deploy its coast guard. The minister denied that Norway attacked the boats.")
    actions = [s for s in result.statements if s.kind == "action"]
    assert [(a.signal, result.actor(a.speaker_id).name) for a in actions] == [("mobilize", "Russia")]


def test_deed_relayed_by_a_plain_said_is_an_action(nlp):
    result = run(nlp, "Rebel fighters attacked a police post on Sunday, officials said.")
    actions = [s for s in result.statements if s.kind == "action"]
    assert [a.signal for a in actions] == ["assault"]


MIXED = [
    ("assessment_conflict",
     "Norwegian Foreign Minister Anna Berg said on Monday that the talks were constructive and useful.\n\n"
     "On Tuesday, Norwegian Defence Minister Lars Holm said he sees no reason for optimism about the talks.",
     ("Anna Berg", "Lars Holm")),
    ("reassurance_vs_threat",
     "Norwegian Defence Minister Lars Holm said nobody need fear an escalation in the zone. "
     "But Holm warned that any seizure of trawlers would meet a military response.",
     ("Lars Holm",)),
    ("denial_vs_non_denial",
     "Norwegian Foreign Minister Anna Berg denied that Norway plans to send warships to the zone, while "
     "Norwegian Defence Minister Lars Holm did not deny that possibility.",
     ("Anna Berg", "Lars Holm")),
    ("ultimatum_vs_reassurance",
     "Norwegian Foreign Minister Anna Berg told reporters that she is not issuing ultimatums. "
     "But she added that it is absolutely imperative that Iceland must withdraw its vessels.",
     ("Anna Berg",)),
    ("say_do_gap",
     "Norway says it has no intention of attacking anyone. "
     "Norway has deployed three frigates near the disputed zone.",
     ("Norway",)),
    ("timetable_vs_urgency",
     "Norwegian Foreign Minister Anna Berg said she is not imposing any timetable but that she needs a fast answer.",
     ("Anna Berg",)),
]


@pytest.mark.parametrize("kind, text, names", MIXED, ids=[m[0] for m in MIXED])
def test_each_kind_of_mixed_message(nlp, kind, text, names):
    result = run(nlp, text)
    kinds = [m.kind for m in result.mixed_messages]
    assert kind in kinds, [(s.signal, s.text[:40]) for s in result.statements]
    found = next(m for m in result.mixed_messages if m.kind == kind)
    assert found.side == "Norway"
    assert all(name in found.explanation for name in names)
    assert 0 < found.score <= 1
    assert result.coherence["Norway"] < 1.0


def test_no_mixed_message_across_sides_or_from_observers(nlp):
    result = run(nlp, "Norwegian Foreign Minister Anna Berg said the talks were constructive. "
                      "Icelandic Prime Minister Jon Gunnarsson said he sees no reason for optimism about the talks. "
                      "Erik Dahl, a fisheries analyst, said the talks were a disappointment.")
    assert result.mixed_messages == ()
    assert result.coherence == {"Iceland": 1.0, "Norway": 1.0}


def test_standoff_between_a_demand_and_a_rejection(nlp):
    result = run(nlp, "Norwegian Foreign Minister Anna Berg said Iceland must withdraw its vessels from the fishing zone. "
                      "Icelandic Prime Minister Jon Gunnarsson ruled out any withdrawal of the vessels from the fishing zone.")
    (standoff,) = result.standoffs
    assert set(standoff.sides) == {"Norway", "Iceland"}
    codes = {s.id: s.signal for s in result.statements}
    assert sorted(codes[i] for i in standoff.statement_ids) == ["demand", "reject"]


def test_positions_sort_statements_under_headings(nlp):
    result = run(nlp, "Norwegian Foreign Minister Anna Berg said Iceland must pay for the damage. "
                      "She warned that any seizure of trawlers would bring severe consequences. "
                      "She denied that Norway plans to send warships.")
    sheet = result.positions["sides"]["Norway"]
    assert {"demands", "threats", "denials"} <= set(sheet)
    actor_sheet = next(iter(result.positions["actors"].values()))
    assert sum(len(ids) for ids in actor_sheet.values()) == 3


def test_sentence_code_prefers_the_deed(nlp):
    assert sentence_code(run(nlp, "Government troops shelled the rebel positions overnight, the army said.")) == "assault"
    assert sentence_code(run(nlp, "The minister demanded that the rebels release the hostages.")) == "demand"


SENTENCES = [
    # the main verb's own predicate, when nobody is quoted
    ("accepted-demands", "The Icelandic government accepted the demands of the fishermen's union.", "concede"),
    ("allowed", "The Norwegian coast guard allowed the Icelandic trawlers to enter the harbour.", "concede"),
    ("eased-restrictions", "The government eased restrictions on foreign trawlers.", "concede"),
    ("offered-to", "Norway offered to share its fishing data with Iceland.", "commit"),
    ("reneged", "The opposition leader reneged on his pledge to hold a referendum.", "reject"),
    ("failed-to-agree", "The two delegations failed to reach an agreement on the quotas.", "reject"),
    ("launched-investigation", "Norwegian police have launched an investigation into the sinking of the trawler.", "accuse"),
    ("lodged-protest", "The ministry lodged a formal protest with the Norwegian embassy.", "accuse"),
    ("established-relations", "Iceland and Norway established diplomatic relations in the spring.", "positive_assessment"),
    ("defended-and-insisted", "Norway defended the right of Icelandic crews to shelter in its ports and insisted "
                              "the dispute was about quotas.", "positive_assessment"),
    ("will-provide", "Norway will provide fuel to the stranded Icelandic crews, the ministry said.", "commit"),
    ("sworn-to-fight", "The rebel commander has sworn to fight until the islands are free, officials said.", "threaten"),
    # deeds: light verbs with deed nouns, objects named by compound or measure, travel for talks
    ("began-hunger-strike", "Icelandic fishermen began a hunger strike outside the ministry to demand higher quotas.", "protest"),
    ("staged-demonstrations", "Students staged demonstrations in the capital on Friday.", "protest"),
    ("completed-withdrawal", "The Icelandic navy completed its withdrawal from the disputed zone on Friday.", "retreat"),
    ("days-of-war-games", "The two navies launched five days of war games in the strait.", "cooperate"),
    ("ended-mediation-efforts", "The envoy ended his mediation efforts after the shelling.", "sanction"),
    ("flew-for-talks", "Icelandic negotiators flew to Oslo on Monday for talks on the quotas.", "engage"),
    ("blocked-a-road", "Striking dockers blocked the coastal road for six hours.", "protest"),
    ("blocked-a-march", "Police blocked the dockers' march to the ministry.", "coerce"),
    # deeds relayed by a plain "said": attempted, under way
    ("attempted", "Unknown gunmen attempted to kill the harbour master, police said.", "assault"),
    ("is-supplying", "Norway is supplying fuel to the Icelandic fleet, the ministry said.", "aid"),
]


@pytest.mark.parametrize("text, code", [c[1:] for c in SENTENCES], ids=[c[0] for c in SENTENCES])
def test_sentence_code_reads_the_predicate(nlp, text, code):
    assert sentence_code(run(nlp, text), nlp=nlp) == code


def test_declined_to_answer_withholds_and_declined_to_act_rejects(nlp):
    result = run(nlp, "Asked whether Norway would escort the trawlers, the minister declined to answer. "
                      "The Icelandic prime minister declined to recall the patrol boats.")
    # the question first: asking takes no position (codebook step 2)
    assert [s.signal for s in result.statements if s.kind != "action"] == [None, "hedge", "reject"]


def test_a_question_takes_no_code(nlp):
    result = run(nlp, "Asked whether Norway would escort the trawlers, the minister declined to answer.")
    assert [s.signal for s in result.statements if s.cue_sense == "question"] == [None]


GOLD_SET = sorted((Path(__file__).parents[1] / "data" / "signals").glob("*.json"))
# Measured 49/55 (0.891) main signals right and 4 of 6 required mixed messages found, 1 spurious
# (drone-border: the right pair, but attribution joins the reassurance to the quote before it);
# the signal floor sits just under, the mixed-message floor at the count, so a rule that breaks
# ordinary news prose fails here.
GOLD_SIGNAL_FLOOR = 0.87
GOLD_MIXED_FLOOR = 4
GOLD_SPURIOUS_MIXED_CEILING = 1


def test_hand_gold_set_reads_right_through_tealeaves_eval():
    """`tealeaves eval` on invented wire reports hand-coded by the spec before the tool ran on them."""
    assert len(GOLD_SET) >= 4
    result = CliRunner().invoke(cli, ["eval", *map(str, GOLD_SET), "--no-baseline", "--json"])
    assert result.exit_code == 0, result.output
    scores = [d["systems"]["tealeaves"] for d in json.loads(result.stdout)["datasets"]]
    right = sum(s["signal"]["correct"] for s in scores)
    found = sum(s["signal"]["total"] for s in scores)
    assert found >= 50, "statements of the gold set no longer found"
    assert right / found >= GOLD_SIGNAL_FLOOR, [(d["signal"], d["mixed_messages"]) for d in scores]
    assert sum(s["mixed_messages"]["tp"] for s in scores) >= GOLD_MIXED_FLOOR
    assert sum(s["mixed_messages"]["fp"] for s in scores) <= GOLD_SPURIOUS_MIXED_CEILING


def test_demo_article_reads_as_its_speakers_meant(nlp):
    """The bundled example: the foreign minister's reassurances against the defence minister's
    threats make a mixed message, and no side sits in the neutral venue of the talks."""
    lexicon = Lexicon.load(extra_sides=[example_path().with_suffix(".sides.yaml")])
    document = Document(id="d" * 16, source="demo", text=example_path().read_text(encoding="utf-8"))
    result = next(analyze_documents([document], nlp=nlp, lexicon=lexicon))
    names = {a.id: a.name for a in result.actors}
    threats = {s.id for s in result.statements if s.signal == "threaten" and names[s.speaker_id] == "Anika Ros"}
    reassurances = {s.id for s in result.statements if s.signal == "reassure" and names[s.speaker_id] == "Elena Marek"}
    assert any(m.kind == "reassurance_vs_threat" and set(m.statement_ids) & threats and set(m.statement_ids) & reassurances
               for m in result.mixed_messages), [(m.kind, m.explanation) for m in result.mixed_messages]
    sides = {a.side for a in result.actors if a.side}
    assert "Hollenburg" not in sides and "Port Saren" not in sides


def test_a_belief_about_others_is_no_position(nlp):
    from tealeaves.codebook import codebook

    result = run(nlp, "Norwegian Foreign Minister Anna Berg considers that Iceland may respond with force. "
                      "She sees Iceland as ready to compromise. "
                      "She warned that any seizure of trawlers would bring severe consequences.")
    on_a_sheet = {code for code in codebook().names() if codebook().heading(code)}
    beliefs = [s for s in result.statements if s.cue_sense == "belief"]
    assert any(s.signal in on_a_sheet for s in beliefs)  # a belief that reads as an offer or a threat
    listed = [i for ids in result.positions["sides"]["Norway"].values() for i in ids]
    assert [s.cue.text for s in result.statements if s.id in listed] == ["warned"]
