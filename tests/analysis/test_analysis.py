"""Mixed messages, their scoring and coherence (tealeaves.analysis), on articles written for
these tests: statement records built by hand for the scoring rules, and one short wire report
run through the pipeline (rules only) to check that real coding feeds them."""

import dataclasses
from dataclasses import dataclass
from typing import Optional

import pytest

from tealeaves.analysis.coherence import MIN_STATEMENTS, basis, coherence, describe
from tealeaves.analysis.mixed import find_mixed_messages
from tealeaves.analysis.pairs import Layout, idf_weights, topic_similarity
from tealeaves.analysis.standoff_model import standoff_model
from tealeaves.analysis.standoffs import find_standoffs
from tealeaves.analysis.wording import (
    corrects,
    counted,
    cues,
    disclaims_hostility,
    disowns,
    names_remarks,
    owns_words,
    phrase_pattern,
)
from tealeaves.lexicon import bundled_yaml
from tealeaves.models import Actor, Document, DocumentResult, MixedMessage, Span, Statement
from tealeaves.pipeline import analyze_documents

ACTORS = {a.id: a for a in (
    Actor("berg", "Anna Berg", "official", side="Norway"),
    Actor("holm", "Lars Holm", "official", side="Norway"),
    Actor("lie", "Kari Lie", "official", side="Norway"),
    Actor("navy", "Norway's navy", "organization", side="Norway"),
    Actor("jonsson", "Jon Jonsson", "official", side="Iceland"),
    Actor("dahl", "Erik Dahl", "analyst"),
    Actor("source", "a Norwegian source", "person", side="Norway"),  # no office: its side read from a word
    Actor("lawyers", "lawyers for Anna Berg", "group", side="Norway"),
)}
FILLER = "Trawlers from both countries kept fishing the banks through the week."


@dataclass
class Said:
    """One statement of a hand-built article: who, with which codes, what words, on what topic."""

    speaker: str
    signals: tuple[str, ...]
    words: str
    topic: Optional[str] = None
    kind: str = "direct"
    negated: bool = False
    cue: str = "said"
    with_next: bool = False  # shares its sentence with the next statement
    confidence: float = 1.0  # codes given by hand are sure


def article(*paragraphs) -> tuple[str, list[Statement]]:
    """The text and statements of paragraphs, each a list of ``Said`` (or a filler string).
    A direct statement reads “words” said Name; the others Name cue words."""
    text, statements, open_sentence = "", [], None
    for number, paragraph in enumerate(paragraphs):
        if number:
            text += "\n\n"
        for item in paragraph if isinstance(paragraph, list) else [paragraph]:
            if isinstance(item, str):
                text += item + " "
                continue
            start = open_sentence if open_sentence is not None else len(text)
            name = ACTORS[item.speaker].name
            if item.kind == "direct":
                words_at, cue_at = len(text) + 1, len(text) + len(item.words) + 3
                text += f"“{item.words}” {item.cue} {name}. "
            else:
                cue_at = len(text) + len(name) + 1
                words_at = cue_at + len(item.cue) + 1
                text += f"{name} {item.cue} {item.words}. "
            words = Span(words_at, words_at + len(item.words), item.words)
            statements.append(Statement(
                id=f"s{len(statements) + 1:02d}", kind=item.kind, start=start, end=len(text) - 1, text="",
                speaker_id=item.speaker, quotes=(words,) if item.kind == "direct" else (), content=(words,),
                cue=Span(cue_at, cue_at + len(item.cue), item.cue), signal=item.signals[0], signals=item.signals,
                topic=item.topic, negated=item.negated, confidence=item.confidence))
            open_sentence = start if item.with_next else None
    statements = [_with_sentence_end(s, statements) for s in statements]
    return text, [Statement(**{**s.__dict__, "text": text[s.start : s.end]}) for s in statements]


def _with_sentence_end(statement: Statement, statements: list[Statement]) -> Statement:
    """Statements that share a sentence share its span, as the pipeline records them."""
    end = max(s.end for s in statements if s.start == statement.start)
    return Statement(**{**statement.__dict__, "end": end})


def mixed(paragraphs, similarity=None) -> list[MixedMessage]:
    text, statements = article(*paragraphs)
    return find_mixed_messages(statements, ACTORS, similarity, text=text)


DISCLAIMER = Said("berg", ("reassure",), "Nobody in Norway wants this quarrel to end in a war", "military escalation")
THREAT = Said("holm", ("threaten",), "Any trawler crossing the line will be seized and its crew arrested", "trawler")


@pytest.mark.parametrize("fillers, found", [(0, True), (1, True), (6, False), (9, False)])
def test_a_disclaimer_meets_another_officials_threat_nearby_but_not_far_off(fillers, found):
    messages = mixed([[DISCLAIMER], *[FILLER] * fillers, [THREAT]])
    assert bool(messages) is found
    if found:
        (message,) = messages
        assert message.kind == "reassurance_vs_threat" and message.side == "Norway"
        assert "Anna Berg" in message.explanation and "Lars Holm" in message.explanation
        assert "Nobody in Norway" in message.explanation and "Any trawler" in message.explanation


def test_the_score_fades_with_the_paragraphs_between():
    scores = [mixed([[DISCLAIMER], *[FILLER] * n, [THREAT]])[0].score for n in (0, 1)]
    assert scores[0] > scores[1]


def test_a_shared_topic_carries_further_than_a_loose_one():
    calm = Said("berg", ("reassure",), "Our patrol boats keep order on the fishing banks", "patrol")
    same_topic = Said("holm", ("threaten",), "Our patrol boats will ram any intruder", "patrol")
    other_topic = Said("holm", ("threaten",), "Any intruder will regret it bitterly", "intruder")
    assert mixed([[calm], FILLER, FILLER, FILLER, [same_topic]])
    assert not mixed([[calm], FILLER, FILLER, FILLER, [other_topic]])


def test_an_upbeat_report_is_no_disclaimer_so_the_disclaimer_gets_the_threat():
    upbeat = Said("holm", ("reassure",), "The detained sailors are safe and well fed", "sailor")
    trial = Said("holm", ("threaten",), "The crew will stand trial and may face prison", "crew")
    no_obstacle = Said("lie", ("reassure",), "There is no obstacle to a quick solution", "obstacle")
    text, statements = article([trial, upbeat], [no_obstacle])
    assert not disclaims_hostility(statements[1]) and disclaims_hostility(statements[2])
    (message,) = find_mixed_messages(statements, ACTORS, text=text)
    assert message.statement_ids == ("s03", "s01")


def test_sides_and_observers_never_mix():
    icelandic_threat = Said("jonsson", ("threaten",), "Any Norwegian trawler in our waters will be seized", "trawler")
    analyst_threat = Said("dahl", ("threaten",), "The navy will seize the next trawler that strays", "trawler")
    assert mixed([[DISCLAIMER], [icelandic_threat, analyst_threat]]) == []


def test_a_main_signal_pulling_the_other_way_never_serves_as_the_soft_half():
    refusal = Said("holm", ("reject",), "Norway will never accept a quota set in Reykjavik", "quota")
    offer_in_a_threat = Said("berg", ("threaten", "engage"), "We will talk, but only with our guns loaded", "talks",
                             with_next=True)
    real_offer = Said("berg", ("engage",), "We are ready to talk at any time and anywhere", "talks", with_next=True)
    assert [m for m in mixed([[offer_in_a_threat, refusal]]) if len(m.statement_ids) == 2] == []
    (message,) = mixed([[real_offer, refusal]])
    assert message.kind == "offer_to_engage_vs_rejection"


def test_a_statement_joins_more_pairs_only_with_other_speakers_and_when_strong():
    praise = Said("berg", ("positive_assessment",), "The talks were frank and useful", "talks")
    gloom = Said("holm", ("negative_assessment",), "The talks brought nothing but paper", "talks")
    more_gloom = Said("lie", ("negative_assessment",), "The talks were a waste of everyone's time", "talks")
    found = mixed([[praise], FILLER, [gloom, more_gloom]])
    assert [m.statement_ids for m in found] == [("s01", "s02"), ("s01", "s03")]
    assert all(m.kind == "assessment_conflict" for m in found)

    second_threat = Said("holm", ("threaten",), "Every trawler that strays will be boarded", "trawler")
    assert len(mixed([[DISCLAIMER, THREAT, second_threat]])) == 1  # two threats of one speaker: one pair
    weak_disclaimer = Said("lie", ("reassure",), "The patrols are routine", "patrol")
    assert len(mixed([[DISCLAIMER, THREAT], FILLER, FILLER, [weak_disclaimer]])) == 1  # too weak for a second


def test_one_statement_that_offers_and_threatens_against_itself():
    open_for_now = Said("berg", ("engage", "threaten"),
                        "Our door is open for talks for now, but it will not stay open forever", "talks")
    (message,) = mixed([[open_for_now]])
    assert message.statement_ids == ("s01",) and message.kind == "offer_to_engage_vs_threat"
    assert "offers to engage and threatens" in message.explanation
    no_contrast = Said("berg", ("engage", "threaten"), "We will talk with anyone who lays down arms", "talks")
    assert mixed([[no_contrast]]) == []  # two codes with nothing setting them against each other


def test_a_denial_and_a_pointed_non_denial_in_one_sentence():
    denial = Said("berg", ("deny",), "that Norway plans to send warships", "warship", kind="indirect", cue="denied",
                  with_next=True)
    non_denial = Said("holm", ("hedge",), "that possibility", "possibility", kind="indirect", cue="deny",
                      negated=True)
    (message,) = mixed([[denial, non_denial]])
    assert message.kind == "denial_vs_non_denial" and message.statement_ids == ("s01", "s02")


def test_a_say_do_gap_with_the_sides_deed():
    deed = Said("navy", ("mobilize",), "moved three frigates to the edge of the zone", "frigate", kind="action",
                cue="reported")
    (message,) = mixed([[DISCLAIMER], [deed]])
    assert message.kind == "say_do_gap" and "Norway's navy" in message.explanation


def test_embedding_similarity_can_join_loosely_worded_statements():
    calm = Said("berg", ("reassure",), "Our patrol boats keep order on the fishing banks", "patrol")
    threat = Said("holm", ("threaten",), "Any intruder will regret it bitterly", "intruder")
    assert not mixed([[calm], [threat]])
    assert mixed([[calm], [threat]], similarity=lambda a, b: 0.9)


def test_distance_counts_paragraphs_or_else_statements():
    text, statements = article([DISCLAIMER, FILLER, THREAT], [FILLER])
    assert Layout.of(statements, text).paragraphs_apart(*statements) == 0
    one_paragraph = text.replace("\n\n", " ")  # no blank line says nothing of paragraphs
    assert Layout.of(statements, one_paragraph).paragraphs_apart(*statements) == 1
    assert Layout.of(statements).paragraphs_apart(*statements) == 1
    text, statements = article([DISCLAIMER], [FILLER], [THREAT])
    assert Layout.of(statements, text).paragraphs_apart(*statements) == 2


def test_a_word_every_statement_uses_weighs_less_than_a_rare_one():
    _, statements = article([
        Said("berg", ("reassure",), "The quota talks will resume calmly"),
        Said("holm", ("threaten",), "The quota must be cut or trawlers seized"),
        Said("lie", ("hedge",), "The quota question waits for autumn"),
    ])
    weights = idf_weights(statements)
    assert weights["quota"] < weights["trawl"]
    plain = topic_similarity(statements[0], statements[1], None)
    weighted = topic_similarity(statements[0], statements[1], None, weights)
    assert 0 < weighted < plain


def test_coherence_is_how_sure_it_is_that_no_mixed_message_touching_it_is_real():
    _, statements = article([
        Said("berg", ("reassure",), "Nobody wants a war"),
        Said("berg", ("engage",), "We are ready to talk"),
        Said("holm", ("threaten",), "We will seize their trawlers"),
        Said("lie", ("commit",), "The quotas stay as they are"),
        Said("jonsson", ("reject",), "We reject the quotas"),
        Said("dahl", ("assess",), "Both sides are bluffing"),
    ])
    message = MixedMessage(id="m1", side="Norway", statement_ids=("s01", "s03"), kind="reassurance_vs_threat",
                           explanation="", score=0.8)
    sides, speakers = coherence(statements, ACTORS, [message])
    assert sides == {"Iceland": 1.0, "Norway": round(1 - 0.8, 2)}
    assert speakers["berg"] == speakers["holm"] == round(1 - 0.8, 2)
    assert speakers["lie"] == 1.0 and "dahl" not in speakers
    weaker = MixedMessage(**{**message.__dict__, "id": "m2", "statement_ids": ("s01", "s02"), "score": 0.6})
    sides, speakers = coherence(statements, ACTORS, [message, weaker])
    assert sides["Norway"] == round((1 - 0.8) * (1 - 0.6), 2) and speakers["holm"] == round(1 - 0.8, 2)


def test_one_contradiction_reads_clearly_lower_however_much_else_the_side_says():
    said = [Said("berg", ("commit",), f"The quota for zone {n} stays as it is") for n in range(18)]
    _, statements = article([*said, Said("berg", ("reassure",), "Nobody wants a war"),
                             Said("holm", ("threaten",), "We will seize their trawlers")])
    message = MixedMessage(id="m1", side="Norway", statement_ids=("s19", "s20"), kind="reassurance_vs_threat",
                           explanation="", score=0.6)
    assert coherence(statements, ACTORS, [message])[0]["Norway"] <= 0.5


def test_one_contradiction_among_five_statements_reads_clearly_lower_than_none():
    calm = [Said("berg", ("reassure",), "Nobody wants a war over the banks"),
            Said("berg", ("engage",), "We are ready to talk about the quotas"),
            Said("lie", ("commit",), "The quotas stay as they are this year"),
            Said("lie", ("positive_assessment",), "The last round of talks was useful")]
    threat = Said("holm", ("threaten",), "Any trawler crossing the line will be seized", "trawler")
    quiet = Said("holm", ("hedge",), "The navy keeps watching the line", "trawler")
    text, with_threat = article(calm, [threat])
    _, without = article(calm, [quiet])
    found = find_mixed_messages(with_threat, ACTORS, text=text)
    assert found and coherence(without, ACTORS, find_mixed_messages(without, ACTORS, text=text))[0]["Norway"] == 1.0
    assert coherence(with_threat, ACTORS, found)[0]["Norway"] <= 0.75


def test_a_walk_back_is_paired_with_the_statement_it_corrects():
    threat = Said("holm", ("threaten",), "that frigates would sail to the banks within days", "frigate",
                  kind="indirect")
    other = Said("lie", ("commit",), "that the quotas stay as they are", "quota", kind="indirect")
    correction = Said("berg", ("hedge",), "that Holm had misspoken and that no frigate is sailing", None,
                      kind="indirect")
    (message,) = mixed([[threat], [other], FILLER, [correction]])
    assert message.kind == "walk_back" and message.statement_ids == ("s03", "s01")
    assert "frigates would sail" in message.explanation and "misspoken" in message.explanation
    assert mixed([[other], FILLER, [correction]]) == []  # nothing of its side to correct: no pair


def test_distancing_from_another_officials_named_remarks_walks_them_back():
    threat = Said("holm", ("threaten",), "that frigates would sail to the banks within days", "frigate",
                  kind="indirect")
    other = Said("lie", ("commit",), "that the quotas stay as they are", "quota", kind="indirect")
    distancing = Said("berg", ("deny",), "that Holm's remarks were not the policy of the cabinet", None,
                      kind="indirect")
    (message,) = mixed([[threat], [other], FILLER, FILLER, [distancing]])
    assert message.kind == "walk_back" and message.statement_ids == ("s03", "s01")
    own = Said("holm", ("deny",), "that his remarks were not the policy of the cabinet", None, kind="indirect")
    assert [m for m in mixed([[threat], [other], FILLER, FILLER, [own]]) if m.kind == "walk_back"] == []


@pytest.mark.parametrize("signal", ["reject", "hedge", "accuse"])
def test_a_cue_that_disowns_a_speaker_walks_back_whatever_the_code(signal):
    threat = Said("holm", ("threaten",), "that frigates would sail to the banks within days", "frigate",
                  kind="indirect")
    other = Said("lie", ("commit",), "that the quotas stay as they are", "quota", kind="indirect")
    disowning = Said("berg", (signal,), "itself from Holm on Tuesday", None, kind="indirect", cue="distanced")
    (message,) = [m for m in mixed([[threat], [other], FILLER, FILLER, [disowning]]) if m.kind == "walk_back"]
    assert message.statement_ids == ("s03", "s01")


def test_a_speaker_who_disowns_his_own_comments_walks_them_back():
    threat = Said("holm", ("threaten",), "Frigates will sail to the banks within days", "frigate")
    filler = Said("lie", ("commit",), "The quotas stay as they are", "quota")
    disowning = Said("holm", ("concede",), "Those comments on frigates do not represent my position", "frigate")
    (message,) = [m for m in mixed([[threat], [disowning], FILLER, [filler]]) if m.kind == "walk_back"]
    assert message.statement_ids == ("s02", "s01")


def test_a_walk_back_corrects_the_statement_not_the_other_half_of_its_retraction():
    threat = Said("holm", ("threaten",), "Frigates will sail to the banks within days", "frigate")
    regret = Said("holm", ("concede",), "I regret the confusion over the frigates", "frigate")
    correction = Said("holm", ("hedge",), "I misspoke about the frigates", "frigate")
    walk_backs = [m for m in mixed([[threat], FILLER, [regret], [correction]]) if m.kind == "walk_back"]
    assert [m.statement_ids for m in walk_backs] == [("s03", "s01")]


def test_each_disowning_phrase_reads_its_examples_and_no_others():
    data = bundled_yaml("mixed_messages.yaml")
    phrases = [*data["distancing"]["disowning"], *data["distancing"]["unrepresentative"]]
    examples = data["examples"]["disowning"]
    assert [e for e in examples if not disowns(e)] == []
    assert [p for p in phrases if not any(phrase_pattern([p]).search(e) for e in examples)] == []
    assert [e for e in data["examples"]["not_disowning"] if disowns(e)] == []


def test_coherence_says_how_many_statements_it_rests_on():
    few = [Said("berg", ("reassure",), "Nobody wants a war"), Said("jonsson", ("reject",), "We reject the quotas")]
    _, statements = article(few, [Said("holm", ("commit",), f"Zone {n} stays open") for n in range(MIN_STATEMENTS)])
    result = DocumentResult(Document(id="d", source="d", text=""), actors=tuple(ACTORS.values()), statements=tuple(statements))
    counts = basis(result)
    assert counts == {"Iceland": 1, "Norway": 1 + MIN_STATEMENTS}
    assert describe(1.0, counts["Iceland"]).startswith("not enough statements")
    assert describe(1.0, counts["Norway"]).startswith("1.00 over 5 statements")
    assert describe(0.4, 2) == "0.40 over 2 statements"


@pytest.mark.parametrize("text, owned", [
    ("An aide said the fisheries minister's comments were his own view.", True),
    ("Officials said Holm's recent remarks on quotas stand.", True),
    ("Holm said the remarks of the aide were his own view.", False),
    ("The fisheries minister said the comments were clear.", False),
])
def test_words_owned_by_a_speaker_are_named_by_any_of_its_names_a_role_too(text, owned):
    holm = Actor("holm", "Lars Holm", "official", aliases=("the fisheries minister",), side="Norway")
    assert owns_words(text, holm) is owned


def test_a_walk_back_never_corrects_a_phrase_that_only_names_the_remark():
    mention = Said("holm", ("hedge",), "the remark in Reykjavik", "remark", kind="indirect")
    correction = Said("berg", ("hedge",), "that Holm had misspoken and that no frigate is sailing", None,
                      kind="indirect")
    assert mixed([[mention], [correction]]) == []
    threat = Said("holm", ("threaten",), "that frigates would sail to the banks within days", "frigate",
                  kind="indirect")
    (message,) = mixed([[threat, mention], [correction]])
    assert message.kind == "walk_back" and message.statement_ids == ("s03", "s01")


def test_a_reported_reversal_stands_alone_once():
    reversal = Said("berg", ("reject",), "to backtrack on parts of the quota deal", kind="indirect", cue="seemed",
                    with_next=True)
    refusal = Said("holm", ("reject",), "that Norway signs nothing this week", kind="indirect")
    (message,) = mixed([[reversal, refusal]])
    assert message.kind == "walk_back" and message.statement_ids == ("s01",)


@pytest.mark.parametrize("words, count", [
    ("that no one was killed in the boarding", 0), ("that 12 fishermen were killed in the boarding", 12),
    ("that several crew members were wounded", None), ("that the talks go on", "absent")])
def test_casualty_counts_are_read(words, count):
    _, (statement,) = article([Said("berg", ("deny",), words, kind="indirect")])
    fact = "wounded" if "wounded" in words else "killed"
    assert counted(statement).get(fact, "absent") == count


def test_two_casualty_counts_of_one_side_contradict_and_of_two_sides_are_disputed():
    nobody = Said("berg", ("deny",), "that no one was killed when the trawler was boarded", kind="indirect")
    twelve = Said("holm", ("accuse",), "that 12 fishermen were killed when the trawler was boarded", kind="indirect")
    twelve_too = Said("lie", ("accuse",), "that twelve fishermen were killed in the boarding", kind="indirect")
    (message,) = mixed([[nobody], FILLER, [twelve]])
    assert message.kind == "factual_contradiction" and "killed" in message.explanation
    assert mixed([[twelve], FILLER, [twelve_too]]) == []
    iceland = Said("jonsson", ("accuse",), "that 12 fishermen were killed when the trawler was boarded",
                   kind="indirect")
    text, statements = article([nobody], FILLER, [iceland])
    (dispute,) = find_standoffs(statements, ACTORS, text=text)
    assert dispute.kind == "factual_dispute" and set(dispute.sides) == {"Norway", "Iceland"}
    assert find_mixed_messages(statements, ACTORS, text=text) == []


def test_a_demand_against_another_sides_refusal_is_a_standoff_with_a_confidence():
    demand = Said("jonsson", ("demand",), "Norway must pull its frigates off the fishing banks", "frigate")
    refusal = Said("berg", ("reject",), "Our frigates stay on the fishing banks", "frigate")
    second_threat = Said("holm", ("threaten",), "Any trawler crossing the line will be boarded", "trawler")
    text, statements = article([demand], FILLER, [refusal], [THREAT, second_threat])
    (standoff,) = find_standoffs(statements, ACTORS, text=text)
    assert standoff.statement_ids == ("s01", "s02") and standoff.kind == "standoff"
    assert standoff_model().threshold <= standoff.score <= 1.0 and "Jon Jonsson (Iceland) demands" in standoff.explanation
    assert not any(set(m.statement_ids) == {"s01", "s02"} for m in find_mixed_messages(statements, ACTORS, text=text))


ARTICLE = (
    "Norway and Iceland end quota talks without a deal\n\n"
    "Norwegian Foreign Minister Anna Berg said on Monday that nobody in Norway wanted the quarrel "
    "over the fishing banks to turn into a conflict.\n\n"
    "“The quotas are a question of survival for our villages,” said Erik Dahl, a fisheries analyst in Bergen.\n\n"
    "Norwegian Defence Minister Lars Holm warned that any Icelandic trawler found inside the zone would be seized "
    "and its crew arrested.\n\n"
    "Icelandic Prime Minister Jon Jonsson said the talks would resume in April.\n"
)


def test_two_officials_of_one_side_paragraphs_apart_through_the_pipeline(nlp):
    document = Document(id="q" * 16, source="test", text=ARTICLE)
    result = next(analyze_documents([document], nlp=nlp, embeddings=False))
    signals = {result.actor(s.speaker_id).name: s.signal for s in result.statements}
    assert signals["Anna Berg"] == "reassure" and signals["Lars Holm"] == "threaten", signals
    (message,) = result.mixed_messages
    assert message.kind == "reassurance_vs_threat" and message.side == "Norway"
    assert "Anna Berg" in message.explanation and "Lars Holm" in message.explanation
    assert result.coherence["Norway"] < 1.0
    assert result.coherence.get("Iceland", 1.0) == 1.0


def test_a_brief_keeps_separate_pieces_of_content_apart():
    from tealeaves.analysis.wording import brief

    text = "He said the plan, which was “new”, would need a fast answer."

    def span(piece: str) -> Span:
        start = text.index(piece)
        return Span(start, start + len(piece), piece)

    statement = Statement(id="s1", kind="partial", start=0, end=len(text), text=text, speaker_id="a",
                          quotes=(span("new"),), content=(span("the plan, which was “new”"), span("need a fast answer.")))
    assert brief(statement) == "the plan, which was “new” … need a fast answer."


def test_a_judgement_weighing_good_against_bad_is_no_mixed_message_by_itself():
    weighed = Said("berg", ("positive_assessment", "negative_assessment"),
                   "The talks were hard going, but in the end they were useful", "talks")
    assert mixed([[weighed]]) == []  # nuance; an offer set against a threat still is one (above)


def test_a_reassurance_that_forgoes_force_disclaims_hostility_and_meets_a_threat():
    forgoing = Said("berg", ("reassure",), "We can settle the quarrel without sending a single warship", None)
    text, statements = article([forgoing], [THREAT])
    assert disclaims_hostility(statements[0])
    (message,) = find_mixed_messages(statements, ACTORS, text=text)
    assert message.kind == "reassurance_vs_threat" and message.statement_ids == ("s01", "s02")


def test_a_broad_topic_label_is_less_sure_than_a_disclaimer_next_door():
    far_threat = Said("berg", ("threaten",), "Military action stays firmly on the table", "military escalation")
    disclaimer = Said("berg", ("reassure",), "We have no wish to fight anyone over fish", "military escalation")
    near_threat = Said("berg", ("threaten",), "Every option remains open to us", None)
    text, statements = article([far_threat], FILLER, [disclaimer], [near_threat])
    assert topic_similarity(statements[0], statements[1], None) < 1.0
    (message,) = find_mixed_messages(statements, ACTORS, text=text)
    assert message.statement_ids == ("s02", "s03")  # the nearer threat, not the one that shares a label


def test_a_refusal_aimed_at_the_speaker_of_a_demand_answers_it():
    demand = Said("jonsson", ("demand",), "Norway must open its harbours to our boats", None)
    refusal = Said("berg", ("reject",), "Jonsson will never see that while this government sits", None)
    text, statements = article([demand], FILLER, [refusal])
    aimed = [statements[0], dataclasses.replace(statements[1], target="jonsson")]
    (standoff,) = find_standoffs(aimed, ACTORS, text=text)
    assert standoff.statement_ids == ("s01", "s02") and "answers Jon Jonsson" in standoff.explanation
    elsewhere = [statements[0], dataclasses.replace(statements[1], target="dahl")]
    assert find_standoffs(elsewhere, ACTORS, text=text) == []


def test_a_refusal_that_names_only_the_speakers_country_does_not_answer_what_he_said():
    """The coder reads a target from a side's name ("Iceland"); the refusal is aimed at that
    side, but nothing ties it to the demand its speaker made."""
    demand = Said("jonsson", ("demand",), "Norway must open its harbours to our boats", None)
    refusal = Said("berg", ("reject",), "Iceland will never see that while this government sits", None)
    text, statements = article([demand], FILLER, [refusal])
    aimed = [statements[0], dataclasses.replace(statements[1], target="jonsson")]
    assert find_standoffs(aimed, ACTORS, text=text) == []


@pytest.mark.parametrize("cue, words, found", [
    ("ruled out", "any talks about quotas this year", False),
    ("ruled out", "any talks about quotas until after the vote", False),  # a moment inside what she says
    ("then ruled out", "any talks about quotas this year", True),
    ("later ruled out", "any talks about quotas this year", True),
    ("yet ruled out", "any talks about quotas this year", True),
])
def test_one_speakers_two_moves_in_one_sentence_pull_apart_only_when_set_against_each_other(cue, words, found):
    offer = Said("berg", ("engage",), "We are ready to talk about quotas at any time", "quota", with_next=True)
    refusal = Said("berg", ("reject",), words, "quota", kind="indirect", cue=cue)
    assert bool(mixed([[offer, refusal]])) is found


def test_an_accusation_and_the_other_sides_denial_say_who_accuses_and_who_denies():
    accusation = Said("jonsson", ("accuse",), "that Norwegian frigates rammed two trawlers", "frigate", kind="indirect")
    denial = Said("berg", ("deny",), "that any frigate rammed a trawler", "frigate", kind="indirect")
    text, statements = article([accusation], FILLER, [denial])
    (dispute,) = find_standoffs(statements, ACTORS, text=text)
    assert dispute.kind == "factual_dispute"
    assert "Jon Jonsson (Iceland) accuses" in dispute.explanation and "denies it" in dispute.explanation


@pytest.mark.parametrize("cue_list", ["corrections", "reversals", "contrasts", "sequences", "distancing"])
def test_each_cue_phrase_reads_its_example_sentences_and_no_others(cue_list):
    data = bundled_yaml("mixed_messages.yaml")
    examples = data["examples"][cue_list]
    reads = {"corrections": corrects, "distancing": names_remarks}.get(cue_list) or getattr(cues(), cue_list).search
    phrases = data[cue_list]["words"] if cue_list == "distancing" else data[cue_list]
    assert [e for e in examples if not reads(e)] == []
    assert [p for p in phrases if not any(phrase_pattern([p]).search(e) for e in examples)] == []
    assert [e for e in data["examples"].get(f"not_{cue_list}", []) if reads(e)] == []


def test_a_word_only_the_two_statements_use_puts_them_on_one_matter():
    concession = Said("berg", ("concede",), "We could accept a smaller catch of herring this season", None)
    refusal = Said("holm", ("reject",), "Norway will sign no herring deal with anyone", None)
    patrols = Said("lie", ("commit",), "The coast guard keeps up its patrols in the north", None)
    herring_too = Said("lie", ("commit",), "The coast guard counts the herring boats daily", None)
    (message,) = mixed([[concession], [refusal], [patrols]])
    assert message.kind == "concession_vs_rejection" and "herring" in message.explanation
    assert [m for m in mixed([[concession], [refusal], [herring_too]]) if m.kind == "concession_vs_rejection"] == []


def test_one_move_relayed_by_another_speaker_is_no_mixed_message():
    threat = Said("holm", ("threaten",), "that trawlers in the zone would be seized at once", "trawler", kind="indirect")
    offer = Said("lie", ("engage",), "that talks on the zone could start at once", "trawler", kind="indirect")
    text, statements = article([threat, offer])
    assert mixed([[threat, offer]])  # two moves, two clauses: a pair
    relay = dataclasses.replace(statements[1], content=statements[0].content)  # Lie relaying Holm's words
    assert find_mixed_messages([statements[0], relay], ACTORS, text=text) == []


def test_a_view_of_another_party_is_no_move_of_the_speakers_own():
    view = Said("berg", ("engage",), "Jon Jonsson as a man ready to talk about quotas", "quota", kind="indirect",
                cue="sees")
    threat = Said("berg", ("threaten",), "that any trawler over the line on quotas would be seized", "quota",
                  kind="indirect")
    text, statements = article([view, threat])
    assert find_mixed_messages(statements, ACTORS, text=text)  # read as her own offer: a pair
    as_view = [dataclasses.replace(statements[0], cue_sense="belief"), statements[1]]
    assert find_mixed_messages(as_view, ACTORS, text=text) == []


def test_a_statement_aimed_at_an_official_of_its_own_side_is_no_answer_to_him():
    relay = Said("lie", ("engage",), "that he had phoned his colleagues in both capitals", None, kind="indirect")
    threat = Said("holm", ("threaten",), "Any trawler crossing the line will be seized", None)
    text, statements = article([threat], [relay])
    aimed = [statements[0], dataclasses.replace(statements[1], target="holm")]
    assert find_mixed_messages(aimed, ACTORS, text=text) == []


def test_a_walk_back_corrects_a_phrase_whose_cue_makes_the_move():
    endorsement = Said("holm", ("positive_assessment",), "the quota plan", "quota", kind="indirect",
                       cue="seemed to endorse")
    correction = Said("berg", ("hedge",), "that Holm had misspoken and that no frigate is sailing", None,
                      kind="indirect")
    (message,) = mixed([[endorsement], [correction]])
    assert message.kind == "walk_back" and message.statement_ids == ("s02", "s01")


def standoff_score(confidences: tuple[float, float], codes: tuple[str, ...] = ("reject",), other: float = 0.5) -> float:
    """The score of a demand against a refusal coded with these confidences, beside a third
    statement (coded ``other``) that is no part of the pair."""
    demand = Said("jonsson", ("demand",), "Norway must pull its frigates off the fishing banks", "frigate",
                  confidence=confidences[0])
    refusal = Said("berg", codes, "Our frigates stay on the fishing banks", "frigate", confidence=confidences[1])
    aside = Said("lie", ("engage",), "that he had phoned his colleagues in both capitals", None, kind="indirect",
                 confidence=other)
    text, statements = article([demand], [refusal], [aside])
    found = find_standoffs(statements, ACTORS, text=text)
    return found[0].score if found else 0.0


def test_a_pair_of_codes_the_coder_is_least_sure_of_in_its_article_is_weaker_evidence():
    assert standoff_score((1.0, 1.0)) > standoff_score((0.3, 0.35)) > 0.0  # the least sure of three, not dropped
    assert standoff_score((0.9, 0.9), ("commit", "reject")) < standoff_score((0.9, 0.9))  # the refusal listed second


def test_a_recalibrated_coder_moves_no_standoff_score():
    """The coder's confidences count by rank: one that reads every statement twice as sure (or
    half as sure) scores the same pairs the same."""
    under_confident = standoff_score((0.45, 0.4), other=0.3)
    assert standoff_score((0.9, 0.8), other=0.6) == under_confident == standoff_score((0.22, 0.2), other=0.15)


def test_a_person_without_an_office_speaks_for_a_side_less_surely():
    calm = Said("berg", ("reassure",), "Our trawlers will keep fishing in peace", "trawler")
    by_official = Said("holm", ("threaten",), "Any trawler crossing the line will be seized", "trawler")
    by_source = Said("source", ("threaten",), "Any trawler crossing the line will be seized", "trawler")
    (official,), (source,) = mixed([[calm], [by_official]]), mixed([[calm], [by_source]])
    assert source.score < official.score
    own_calm = Said("source", ("reassure",), "Our trawlers will keep fishing in peace", "trawler")
    (itself,) = mixed([[own_calm], [by_source]])  # one speaker at odds with itself, whatever its side
    assert itself.score == official.score


def test_a_walk_back_names_a_group_by_its_whole_name_not_by_its_last_word():
    filing = Said("lawyers", ("reject",), "papers opposing the release of the quota records", "record",
                  kind="indirect", cue="filed")
    correction = Said("berg", ("deny",), "that the reports on Berg were misinterpreted accounts", "account",
                      kind="indirect")
    assert not [m for m in mixed([[filing], FILLER, FILLER, [correction]]) if m.kind == "walk_back"]
    named = Said("berg", ("deny",), "that the lawyers for Anna Berg had been misinterpreted", "account",
                 kind="indirect")
    (message,) = mixed([[filing], FILLER, FILLER, [named]])
    assert message.kind == "walk_back"


def test_a_pair_read_on_two_codes_each_listed_after_another_is_no_pair():
    def found(calm_codes: tuple[str, ...], threat_codes: tuple[str, ...]) -> bool:
        calm = Said("berg", calm_codes, "Our trawlers will keep fishing in peace", "trawler", confidence=0.5)
        threat = Said("holm", threat_codes, "Any trawler crossing the line will be seized", "trawler", confidence=0.5)
        return bool(mixed([[calm], [threat]]))

    assert not found(("commit", "reassure"), ("commit", "threaten"))
    assert found(("reassure",), ("commit", "threaten")) and found(("commit", "reassure"), ("threaten",))


def test_one_contradiction_read_twice_through_duplicate_rows_counts_once():
    _, statements = article([
        Said("berg", ("reassure",), "Nobody wants a war"),
        Said("holm", ("threaten",), "We will seize their trawlers"),
    ])
    duplicate = dataclasses.replace(statements[0], id="s03", end=statements[0].end - 1)
    elsewhere = dataclasses.replace(statements[0], id="s04", start=statements[1].end + 1,
                                    end=statements[1].end + 10)
    first = MixedMessage(id="m1", side="Norway", statement_ids=("s01", "s02"), kind="reassurance_vs_threat",
                         explanation="", score=0.6)
    again = MixedMessage(**{**first.__dict__, "id": "m2", "statement_ids": ("s03", "s02"), "score": 0.5})
    sides, _ = coherence([*statements, duplicate], ACTORS, [first, again])
    assert sides["Norway"] == round(1 - 0.6, 2)
    other = MixedMessage(**{**again.__dict__, "statement_ids": ("s04", "s02")})
    sides, _ = coherence([*statements, elsewhere], ACTORS, [first, other])
    assert sides["Norway"] == round((1 - 0.6) * (1 - 0.5), 2)
