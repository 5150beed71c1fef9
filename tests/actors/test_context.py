"""The side an actor takes from the article's context when nothing it is called names a country:
the dateline, the country whose government the article is about, a generic name's default;
and the press stays an observer whatever country it names. Sentences are invented."""

from __future__ import annotations

import signal

import pytest

from tealeaves.actors.bodies import side_in_text
from tealeaves.actors.context import _clause_head, dateline_of, generic_mention, is_media, without_generic_bodies
from tealeaves.lexicon import default_lexicon
from tealeaves.models import Document
from tealeaves.pipeline import analyze_documents


def analysed(nlp, text: str, published: str = "2024-05-03"):
    document = Document(id="made-up", source="made-up", text=text, published=published)
    (result,) = analyze_documents([document], nlp=nlp, embeddings=False)
    return result


def sides(nlp, text: str, published: str = "2024-05-03") -> dict[str, object]:
    """Each speaker's name -> side."""
    result = analysed(nlp, text, published)
    return {result.actor(s.speaker_id).name: result.actor(s.speaker_id).side for s in result.statements if s.speaker_id}


@pytest.mark.parametrize("text, place, side", [
    ("VELDGRAD, May 3 (Wire) — Nothing.", None, None),  # no known place
    ("ISLAMABAD, May 3 (Wire) — The talks resumed.", "ISLAMABAD", "Pakistan"),
    ("TOKYO — The talks resumed.", "TOKYO", "Japan"),
    ("NEW DELHI (Wire) - The talks resumed.", "NEW DELHI", "India"),
    ("Talks resume\n\nKHARTOUM, Sudan (AP) — The talks resumed.", "KHARTOUM", "Sudan"),
    ("Talks resume\nBy Jane Roe\nKHARTOUM (Wire) — The talks resumed.", "KHARTOUM", "Sudan"),  # one line each
    ("One.\n\nTwo.\n\nThree.\n\nFour.\n\nFive.\n\nKHARTOUM — Six.", None, None),  # too far in to open it
    ("RENO, Nev. (AP) — The rally began.", "RENO", "United States"),
    ("OMAHA, Nebraska — The rally began.", "OMAHA", "United States"),
    ("GENEVA — The talks resumed.", None, None),  # a host of talks, no seat of government
    ("BRUSSELS — The talks resumed.", None, None),  # the seat of an alliance, no country's
    ("The minister said TOKYO — was wrong.", None, None),  # not at a paragraph's head
    ("EXCLUSIVE — A senior official said the talks had failed.", None, None),
])
def test_a_dateline_gives_the_country_of_its_place(text, place, side):
    found = dateline_of(text, default_lexicon())
    assert (found.place, found.side) == (place, side) if place else found is None


@pytest.mark.parametrize("mention, body, default, official", [
    ("a senior administration official", "administration", None, True),
    ("the Foreign Office", "foreign office", "United Kingdom", False),
    ("Foreign Office spokesperson", "foreign office", "United Kingdom", True),
    ("officials", None, None, True),
    ("two government sources", "government", None, False),
    ("a statement from the presidency", "presidency", None, False),
    ("police officials", "police", None, True),
    ("the national police director", "national police", None, True),
    ("the Supreme National Security Council", "supreme national security council", None, False),
])
def test_a_generic_mention_names_a_body_or_an_unnamed_official(mention, body, default, official):
    found = generic_mention(mention)
    assert (found.body, found.default, found.official) == (body, default, official)


@pytest.mark.parametrize("mention", ["campaign officials", "a Western diplomat", "Jane Roe",
                                     "sources", "the statement",
                                     "a spokesman for Jane Roe", "the president",
                                     "the Kremlin", "Pakistan's Foreign Office", "the senator"])
def test_a_mention_that_says_more_is_not_generic(mention):
    assert generic_mention(mention) is None


@pytest.mark.parametrize("text, side", [
    ("The government of Ukraine", "Ukraine"),  # the words around a generic name stay apart
    ("Iran's Supreme National Security Council", "Iran"),
    ("the Supreme National Security Council", None),  # no UN "Security Council" inside it
    ("the Ukraine Maritime Safety Administration", "Ukraine"),  # a capitalised generic name stays in its name
])
def test_a_generic_name_gives_no_side_and_keeps_the_words_around_it_apart(text, side):
    assert side_in_text(without_generic_bodies(text), default_lexicon()) == side


@pytest.mark.parametrize("text, speaker, side", [
    # a dateline gives the home country of an unnamed official and of generic bodies
    ("ISLAMABAD, May 3 (Wire) — A foreign office spokesperson said on Friday that the talks would resume.",
     "foreign office spokesperson", "Pakistan"),
    ("TOKYO — A defense ministry spokesperson said the missile had landed at sea.",
     "defense ministry spokesperson", "Japan"),
    ("ISLAMABAD, May 3 (Wire) — The government said it would not accept any preconditions.", "government", "Pakistan"),
    ("ISLAMABAD, May 3 (Wire) — Officials said the border crossing would reopen on Monday.", "Officials", "Pakistan"),
    ("ISLAMABAD, May 3 (Wire) — A spokesperson for the foreign ministry said the talks would resume.",
     "spokesperson for the foreign ministry", "Pakistan"),
    ("ISLAMABAD, May 3 (Wire) — Foreign Minister Jane Roe said the border would reopen.", "Jane Roe", "Pakistan"),
    # a generic name is the body of the country the article names with it
    ("Germany's Foreign Office said the border would stay closed. The Foreign Office spokesperson said the "
     "decision was final.", "Foreign Office spokesperson", "Germany"),
    ("Pakistan's Foreign Office said the border would stay closed. India's Foreign Office said it regretted the "
     "step. The Foreign Office spokesperson said the decision was final.", "Foreign Office spokesperson", None),
    ("Pakistan's Foreign Office said the border would stay closed. The Foreign Office spokesperson said the "
     "decision was final.", "Foreign Office spokesperson", "Pakistan"),
    # a bare "ministry" in a title is the ministry the article named with its country before
    ("The Cambodian Defence Ministry denied the account of the clash. Ministry spokesperson Lina Dara said the "
     "army would hold its positions.", "Lina Dara", "Cambodia"),
    ("The Thai Foreign Ministry denied the account. The Cambodian Defence Ministry denied it too. Ministry "
     "spokesperson Lina Dara said the army would hold its positions.", "Lina Dara", None),
    ("Iran's Supreme National Security Council met on Sunday. The Supreme National Security Council said the "
     "attack would be answered.", "Supreme National Security Council", "Iran"),
    # a generic name's default, when nothing else is known
    ("The Foreign Office said British nationals should leave the country at once.", "Foreign Office",
     "United Kingdom"),
    ("The National Security Council said the review would take a month.", "National Security Council",
     "United States"),
    # ... but not under another country's dateline
    ("ISLAMABAD, May 3 (Wire) — The Foreign Office said the envoy had been summoned.", "Foreign Office", "Pakistan"),
    ("TAIPEI — The National Security Council said the drills were a threat.", "National Security Council", "Taiwan"),
    # the police are a state's body: the dateline's, unless the text names theirs
    ("MANILA — Police officials said the two suspects had crossed the border by boat.", "Police officials",
     "Philippines"),
    ("MANILA — National police director Jane Roe said the suspects had crossed the border.", "Jane Roe",
     "Philippines"),
    # an article about one government: its administration's unnamed officials
    ("President Joe Biden said the strikes would continue. Biden told reporters the Houthis had been warned. "
     "A senior administration official said more sanctions were coming.", "senior administration official",
     "United States"),
    # "the country's government" is a generic body too
    ("CARACAS — President Jan Roe said the elections would go ahead. The country's government said the vote was "
     "fair.", "country's government", "Venezuela"),
    # ... whatever country its reported words name
    ("President Joe Biden said the strikes would continue. Biden told reporters the Houthis had been warned. "
     "A senior administration official said Iran had been told twice.", "senior administration official",
     "United States"),
])
def test_the_context_gives_a_side_when_the_mention_names_none(nlp, text, speaker, side):
    assert sides(nlp, text)[speaker] == side


@pytest.mark.parametrize("text, speaker, side", [
    # a body the text names with its country, though no one quotes it there
    ("German Foreign Minister Jan Roe said on Friday that Niger's ruling junta was out of control. On Wednesday, "
     "the junta told Germany to stop meddling in its affairs.", "junta", "Niger"),
    ("Jan Roe said Iran's regime would pay for the raid. The regime said the ship had broken the law.",
     "regime", "Iran"),
    ("ISLAMABAD, May 3 (Wire) — The Afghan government was silent. The government said later that the border "
     "would reopen.", "government", "Afghanistan"),
    # a junta or a regime takes no side from the country the article is about
    ("German Foreign Minister Jan Roe said on Friday that talks had failed. Roe said Germany would wait. On "
     "Wednesday, the junta told Germany to stop meddling in its affairs.", "junta", None),
])
def test_a_body_named_with_its_country_in_the_text_gives_the_later_bare_name_its_side(nlp, text, speaker, side):
    assert sides(nlp, text)[speaker] == side


def test_the_mention_s_own_country_comes_before_the_dateline(nlp):
    text = "ISLAMABAD, May 3 (Wire) — India's foreign ministry said the talks would resume."
    assert sides(nlp, text)["India's foreign ministry"] == "India"


def test_the_dateline_comes_before_a_body_of_that_name_named_further_on(nlp):
    text = ("TOKYO, May 3 (Wire) — The government said the missile had fallen into the sea. "
            "In Seoul, the South Korean government said it condemned the launch.")
    assert sides(nlp, text)["government"] == "Japan"


def test_with_no_dateline_a_body_named_further_on_still_gives_its_country(nlp):
    text = ("The government said the missile had fallen into the sea. "
            "In Seoul, the South Korean government said it condemned the launch.")
    assert sides(nlp, text)["government"] == "South Korea"


def test_an_abbreviated_foreign_office_takes_the_dateline_s_country(nlp):
    text = "ISLAMABAD, May 3 (Wire) — Jane Roe, spokesperson of the FO, said the claims were baseless."
    assert sides(nlp, text)["Jane Roe"] == "Pakistan"


def test_an_unnamed_official_takes_the_side_of_the_one_named_holder_of_that_office(nlp):
    text = ("The exercises ended on Friday, a defense ministry spokesperson said. "  # Wu Qian: in the record
            "The drills were a warning to separatists, the spokesperson, Wu Qian, told a briefing. "
            "President Lai Ching-te said the island would stand firm. Lai said the drills were a provocation.")
    assert sides(nlp, text)["defense ministry spokesperson"] == "China"


def test_two_named_holders_of_the_office_give_an_unnamed_official_no_side(nlp):
    text = ("The navy completed its drills, a defense ministry spokesperson said on Thursday. "
            "Chinese spokesperson Li Mingde said the drills were a warning. "
            "Taiwanese spokesperson Ana Lind said the drills were a provocation.")
    assert sides(nlp, text)["defense ministry spokesperson"] is None


def test_two_governments_competing_give_no_side(nlp):
    text = ("President Jane Roe of Valdora said the strikes would continue. Roe said the talks were over. "
            "President Ana Lind of Ostmark said the border was closed. Lind said her army was ready. "
            "A senior administration official said more sanctions were coming.")
    assert sides(nlp, text)["senior administration official"] is None


@pytest.mark.parametrize("text, side", [
    # the government the article opens with, named in the sentence before
    ("President Joe Biden said the strikes would continue. Biden told reporters the Houthis had been warned. "
     "Officials said the ship had been hit twice.", "United States"),
    ("Venezuelan President Jan Roe said the elections would go ahead. Officials said the vote was fair.",
     "Venezuela"),
    # ... but not when the sentence before is another side's
    ("President Joe Biden said the strikes would continue. Biden told reporters the Houthis had been warned.\n\n"
     "Iran's government rejected the claim. Officials said the ship had been hit twice.", None),
])
def test_plain_officials_take_the_side_of_the_government_the_article_opens_with_only_when_named_nearest(
        nlp, text, side):
    assert sides(nlp, text)["Officials"] == side


def test_a_side_from_the_context_is_explained(nlp):
    result = analysed(nlp, "ISLAMABAD, May 3 (Wire) — The government said it would not accept any preconditions.")
    (warning,) = [w for w in result.warnings if w.kind == "side_from_context"]
    assert "dateline ISLAMABAD" in warning.message and warning.evidence == "ISLAMABAD" and warning.start == 0


@pytest.mark.parametrize("text, speaker, affiliation", [
    ("Israeli media reported that the cabinet had approved the plan.", "Israeli media", "Israel"),
    ("Iranian state television said the launch had succeeded.", "Iranian state television", "Iran"),
    ("Al Qahera reported that a delegation had arrived in the capital.", "Al Qahera News", "Egypt"),
    ("Al Jazeera reported that the crossing had reopened.", "Al Jazeera", None),
])
def test_the_press_is_an_observer_whatever_country_it_names(nlp, text, speaker, affiliation):
    result = analysed(nlp, text)
    (actor,) = [result.actor(s.speaker_id) for s in result.statements]
    assert (actor.name, actor.kind, actor.side, actor.affiliation) == (speaker, "journalist", None, affiliation)


@pytest.mark.parametrize("mention, media", [("Israeli media", True), ("state TV", True), ("the Media Ministry", False),
                                            ("a press secretary", False), ("the newspaper", True)])
def test_the_press_is_named_by_its_last_words(mention, media):
    assert is_media(mention) is media


ROE_IN_WASHINGTON = ("WASHINGTON — President Jan Roe said the sanctions on Iran would stay. "
                     "Roe said Tehran had been warned.\n\n")


@pytest.mark.parametrize("paragraph, speaker, side", [
    # the place it is said in beats the dateline
    ("In Tehran, the foreign ministry spokesman said the sanctions were a crime.", "foreign ministry spokesman",
     "Iran"),
    # another side acting in the sentence before: no guess rather than the dateline's
    ("Iran's government rejected the demand. \"We will never bow,\" the foreign ministry spokesman said.",
     "foreign ministry spokesman", None),
    ("Iranian Foreign Minister Ali Vahedi said the talks were useful. A senior administration official said the "
     "talks had failed.", "senior administration official", None),
    # two sides as near: no side rather than the wrong one
    ("Iran's government rejected the demand, and Iraq's government rejected it too. The foreign ministry "
     "spokesman said the sanctions were a crime.", "foreign ministry spokesman", None),
    # plain officials take no side from what is near, but lose the dateline's when it is another's
    ("In Tehran, officials said the sanctions were a crime.", "officials", None),
])
def test_the_side_named_nearest_the_speaker_comes_before_the_article_s(nlp, paragraph, speaker, side):
    assert sides(nlp, ROE_IN_WASHINGTON + paragraph)[speaker] == side


def test_a_quote_paragraph_of_its_own_loses_the_dateline_s_side_to_the_paragraph_before(nlp):
    text = ROE_IN_WASHINGTON + "Iran's foreign ministry rejected the demand on Tuesday.\n\n" \
        "\"We will never bow to pressure,\" the spokesman said."
    assert sides(nlp, text)["spokesman"] is None  # not the United States of the dateline


@pytest.mark.parametrize("text, side", [
    # a named minister of a portfolio every government has: the government named nearest
    ("Venezuelan President Jan Roe said the country would recover. Ana Ruiz, the finance minister, said the "
     "budget would be cut.", "Venezuela"),
    # ... never the dateline alone
    ("WASHINGTON — Ana Ruiz, the finance minister, said the budget would be cut.", None),
])
def test_a_named_minister_in_apposition_takes_the_side_of_the_government_named_nearest(nlp, text, side):
    assert sides(nlp, text)["Ana Ruiz"] == side


def test_the_clause_of_a_word_in_a_verbless_sentence_is_its_root(nlp):
    """A sentence whose root is no verb ("Talks in Lorn on Monday.") ends the climb at the root:
    compared by identity, spaCy's fresh Token for each ``.head`` made the climb endless."""
    def stop(*_):
        raise TimeoutError("the climb to the clause head did not end")

    doc = nlp("Talks in Lorn on Monday.")
    root = next(t for t in doc if t.dep_ == "ROOT")
    assert root.pos_ not in ("VERB", "AUX")
    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(5)
    try:
        heads = {_clause_head(t).i for t in doc}
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    assert heads == {root.i}


def test_a_lead_about_a_country_gives_its_plainly_titled_officials_that_country(nlp):
    text = ("Norway has recalled its ambassador from Chile after reports that Chile had tapped the "
            "phones of its ministers.\n\n"
            "Foreign Minister Arne Voldhaug said on Monday that the ambassador would come home.\n\n"
            "\"This is a hostile act,\" Voldhaug said.\n\n"
            "Chilean Foreign Minister Rosa Quintel will be told of the decision.\n\n"
            "Voldhaug also said that Chile had not answered his letters.")
    assert sides(nlp, text)["Arne Voldhaug"] == "Norway"  # Chile's foreign minister is someone else
    person_lead = ("Chilean President Rosa Quintel said on Friday that she would host talks between the "
                   "two rivals of Peru.\n\nPresident Tomas Arvelo rejected the offer, his office said.")
    assert sides(nlp, person_lead).get("Tomas Arvelo") is None  # a lead about a president, not a state


def test_a_lead_whose_subject_is_two_countries_gives_neither(nlp):
    text = ("Norway and Sweden traded angry notes on Monday over the fishing quota.\n\n"
            "Defence Minister Arne Voldhaug said the navy would stay in port.")
    assert sides(nlp, text)["Arne Voldhaug"] is None
