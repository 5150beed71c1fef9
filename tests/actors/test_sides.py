"""Sides from evidence, in layers: the text's own words first (title, of-phrase, possessive,
institution, a country-specific title), then the bundled record of officeholders checked
against the article's year, carried along a person's mentions. Sentences are invented."""

from __future__ import annotations

from pathlib import Path

import pytest

from tealeaves.lexicon import Lexicon
from tealeaves.models import Document
from tealeaves.pipeline import analyze_documents


def sides(nlp, text: str, published: str = None, lexicon: Lexicon = None) -> dict[str, object]:
    """Each speaker's name -> side."""
    document = Document(id="made-up", source="made-up", text=text, published=published)
    (result,) = analyze_documents([document], nlp=nlp, embeddings=False, lexicon=lexicon)
    return {result.actor(s.speaker_id).name: result.actor(s.speaker_id).side
            for s in result.statements if s.speaker_id}


@pytest.mark.parametrize("text, published, speaker, side", [
    # an officeholder of the article's year, by full name
    ("President Joe Biden said the strikes on the depots would go on.", "2024-01-18", "Joe Biden", "United States"),
    # by a lone surname, when one side's officeholder of that year bears it
    ("Kerry told reporters that the offer still stood.", "2014-03-04", "Kerry", "United States"),
    # the year decides between two people of one surname
    ("Rasmussen said the alliance would stand firm.", "2012-05-01", "Rasmussen", "West"),
    ("Rasmussen said the island was not for sale.", "2025-03-29", "Rasmussen", "Denmark"),
    # without diacritics
    ("Nicolas Maduro said the border would stay shut.", "2019-02-23", "Nicolas Maduro", "Venezuela"),
    # an of-phrase after the name
    ("President Ana Ruiz of Venezuela said the border would stay shut.", None, "Ana Ruiz", "Venezuela"),
    # a title only one country's officials bear
    ("Secretary of State Jane Roe said the offer still stood.", None, "Jane Roe", "United States"),
    # an institution, in a title the parser cut at an abbreviation
    ("Defense Department spokesman Capt. Jane Roe told reporters that the base would stay open.", None,
     "Jane Roe", "United States"),
    # an administration named after an officeholder
    ("The Obama administration said the strikes were lawful.", "2013-09-09", "Obama administration", "United States"),
    # an armed movement that is a party of its own, by name, abbreviation or adjective
    ("The RSF said on Friday that its fighters would hold their positions.", None, "Rapid Support Forces",
     "Rapid Support Forces"),
    ("A Houthi commander, Ali Zarvan, said the ships would stay in port.", None, "Ali Zarvan", "Houthis"),
    ("A Tigrayan commander, Ali Zarvan, said the units would stay in Mekelle.", None, "Ali Zarvan",
     "Tigray People's Liberation Front"),
    # the body whose message is cited ("according to tweets by ..."), wherever the parser hung its "by"
    ("The ceasefire collapsed on Sunday. According to tweets by Moldova’s Ministry of Defense, rebel units "
     "shelled two villages near the border, and all attacks were repelled.", None,
     "Moldova’s Ministry of Defense", "Moldova"),
    ("According to a statement by the Norwegian Defence Ministry, the patrols will resume.", None,
     "Norwegian Defence Ministry", "Norway"),
    # a role's holder named after the body of its of-phrase, which the parser made the name's noun
    ("Spokesman of Egypt’s Supreme Council, Omar Farouk Nasser, meanwhile, told the state news agency that the "
     "closure was lawful.", None, "Omar Farouk Nasser", "Egypt"),
    ("The spokesman of Egypt's Supreme Council, Omar Farouk Nasser, said the closure was lawful.", None,
     "Omar Farouk Nasser", "Egypt"),
    ("Spokesman of Turkey’s Security Council, Omar Farouk Nasser, meanwhile, told the semi-official news agency "
     "that the seizure was warranted.", None, "Omar Farouk Nasser", "Turkey"),  # the council the subject
    # the movement that has become a state's government speaks for the state from then on
    ("Zabihullah Mujahid said the border crossing would stay closed.", "2025-10-20", "Zabihullah Mujahid",
     "Afghanistan"),
    ("Zabihullah Mujahid said the fighters would hold their positions.", "2019-05-02", "Zabihullah Mujahid",
     "Taliban"),
    # "the North" of a story that names one side called "North ..."
    ("Officials in Seoul said North Korea fired two missiles. The North’s statement said the launch was a warning.", None,
     "North Korea", "North Korea"),
    ("South Sudan closed the border on Monday. The South said the rebels had been armed from abroad.", None,
     "South", "South Sudan"),
    # a state-owned company and its chief, named by the company in the title
    ("Rosneft said the tankers would sail on Monday.", None, "Rosneft", "Russia"),
    ("Naftogaz chief executive Ivan Petrenko said the transit fee was fair. Petrenko said talks would go on.", None,
     "Ivan Petrenko", "Ukraine"),
    # a state's army by its acronym, and a ministry whose name only one state uses
    ("The SAF said its units would not attend the talks in Geneva.", None, "SAF", "Sudan"),
    # a side's own body whose name holds a generic one ("army") names that side as a whole
    ("The People's Liberation Army's Southern Theatre Command said the patrol had been lawful.", None,
     "People's Liberation Army's Southern Theatre Command", "China"),
    ("Canada's envoy left on Monday. The Ministry of External Affairs said the charges were absurd.", None,
     "Ministry of External Affairs", "India"),
    # a state's region, in a title or an of-phrase: the state's side, never a side of its own
    ("Vermont Senator Jane Roe said the treaty would pass.", None, "Jane Roe", "United States"),
    ("Gov. Jane Roe of Ohio said the treaty would pass.", None, "Jane Roe", "United States"),
    # a lone surname of an officeholder (a UK defence secretary Fallon in 2016) is no other Fallon's side
    ("Campaign spokesman Brian Fallon said the ad would run. Mr. Fallon said it was fair.", "2016-09-27",
     "Brian Fallon", None),
    # a known state company's chief named in an apposition before the name
    ("Naftogaz's chief executive, Ivan Petrenko, said the transit fee was fair.", None, "Ivan Petrenko", "Ukraine"),
    # a state's security service speaks as itself, for its state
    ("The FSB said the two boats had crossed the border illegally.", None, "FSB", "Russia"),
    ("The SBU said it had detained two agents near the border.", None, "SBU", "Ukraine"),
    # a region of a state in an official's title
    ("Belgorod Governor Ivan Petrenko said the strikes hit two villages.", None, "Ivan Petrenko", "Russia"),
    # a body or group owned by a possessive pronoun: the owner's side
    ("President Ana Ruiz of Peru asked parliament to approve the plan after her Military Cabinet recommended it.",
     None, "her Military Cabinet", "Peru"),
    ("Peru reopened the port on Monday, a day after its coast guard vessels seized two trawlers.", None,
     "its coast guard vessels", "Peru"),
    # the country of a later clause with its own subject is no side of the speaker's, and makes the one
    # named before no surer: none rather than a wrong one
    ("President Jan Kowal of Norway closed the harbour on Friday. The head of the assembly, Ivo Marek, "
     "asked for the crews to be released. Foreign Minister Ana Ruiz repeated the request in a radio "
     "interview, while Chile said the closure would bring a response.", None, "Ana Ruiz", None),
    # a role's holder, named in an apposition the model took for no person
    ("The European Commission's president, Ursula von der Leyen, called the blockade regrettable.", None,
     "Ursula von der Leyen", "European Union"),
    # "the country" is the one country named before it in its sentence
    ("The expulsion was a rebuke to Chile after the country said the arrests were unlawful.", None, "Chile", "Chile"),
    # a party is no people of a place: "Democratic" beside "Democrats" makes no side "Democrats"
    ("Democrats in the House voted no. The Democratic leaders said the treaty would not pass.", None,
     "Democratic leaders", None),
])
def test_a_speaker_gets_the_side_the_evidence_gives(nlp, text, published, speaker, side):
    assert sides(nlp, text, published).get(speaker) == side


def test_the_company_after_a_known_company_is_that_company(nlp):
    text = "Naftogaz said on Monday that the transit fee was fair. The company said talks would go on."
    assert sides(nlp, text) == {"Naftogaz": "Ukraine"}
    text = "Campaign spokesman Jan Kowal said the ad would run. The campaign said it was fair."
    assert set(sides(nlp, text)) == {"Jan Kowal", "campaign"}  # a body by its role, never a person by theirs


@pytest.mark.parametrize("text", [
    "Vermont Sen. Jane Roe said the treaty would pass. The senator said the vote was close.",
    "Former Ohio Gov. Jane Roe said the treaty would pass. The governor said the vote was close.",
])
def test_an_abbreviated_title_is_a_role_with_its_region_s_side(nlp, text):
    assert sides(nlp, text) == {"Jane Roe": "United States"}


def test_a_surname_alone_gets_no_side_without_a_date(nlp):
    assert sides(nlp, "Kerry told reporters that the offer still stood.") == {"Kerry": None}


def test_a_side_named_with_a_later_role_holds_for_the_person(nlp):
    text = ("Foreign Minister Jane Roe said the talks had failed. "
            "The Danish foreign minister added that new talks could start in May.")
    assert sides(nlp, text) == {"Jane Roe": "Denmark"}


def test_a_country_the_parser_took_for_a_person_is_the_state(nlp):
    text = "Armenia and Azerbaijan traded blame. Azerbaijan, however, spoke late Saturday of new shelling."
    assert sides(nlp, text).get("Azerbaijan") == "Azerbaijan"


@pytest.mark.parametrize("published, side", [("2021-06-01", "Valdora"), ("2015-06-01", None)])
def test_officeholders_can_be_added_with_an_actors_file(nlp, tmp_path: Path, published, side):
    path = tmp_path / "actors.yaml"
    path.write_text("- {id: ruiz, name: Tomas Ruiz, kind: official, role: president, side: Valdora, from: 2020}\n",
                    encoding="utf-8")
    lexicon = Lexicon.load(extra_actors=[path])
    assert sides(nlp, "Ruiz said the border would stay shut.", published, lexicon) == {"Ruiz": side}


def test_a_bad_officeholder_entry_names_the_file_and_the_entry(tmp_path: Path):
    path = tmp_path / "offices.yaml"
    path.write_text("Valdora:\n  president: [Tomas Ruiz since 2020]\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"offices\.yaml: Valdora / president: 'Tomas Ruiz since 2020'"):
        Lexicon.load(extra_actors=[path])


def test_every_officeholder_side_is_a_known_side():
    from tealeaves.lexicon import bundled_yaml

    known = set(bundled_yaml("sides.yaml"))
    assert set(bundled_yaml("officeholders.yaml")) <= known


def speakers(nlp, text: str, published: str = "2018-01-01") -> list[str]:
    document = Document(id="made-up", source="made-up", text=text, published=published)
    (result,) = analyze_documents([document], nlp=nlp, embeddings=False)
    return [result.actor(s.speaker_id).name if s.speaker_id else None for s in result.statements]


@pytest.mark.parametrize("text, expected", [
    # a first name that differs blocks the merge, and a lone surname goes to the first one named
    ("Donald Trump said the deal was dead. Eric Trump said the family firm would go on. "
     "Trump later said he was sure.", ["Donald Trump", "Eric Trump", "Donald Trump"]),
    # a surname without its diacritics is the same person
    ("Sauli Niinistö said the border was shut. Niinisto later said it would reopen.",
     ["Sauli Niinistö", "Sauli Niinistö"]),
    # a first name written as its initial is the same person
    ("Jane Roe said the deal was dead. J. Roe later said it would reopen.", ["Jane Roe", "Jane Roe"]),
    # a lone surname is the person first named with it, though the model tagged only a later namesake
    ('DENVER - Walter Brisco painted a bleak picture on Thursday night.\n\n"We will fix it," Brisco said.\n\n'
     "Brisco was introduced by his daughter Ivanka Brisco, who said he would fight for families.",
     ["Walter Brisco", "Walter Brisco", "Ivanka Brisco"]),
    # ... and a title before that first full name is no part of it: "House Speaker Walter Brisco" is he
    ('DENVER - House Speaker Walter Brisco painted a bleak picture on Thursday night.\n\n"We will fix it," '
     "Brisco said.\n\nBrisco was introduced by Walter Brisco Jr., who said he would fight for families.",
     ["Walter Brisco", "Walter Brisco", "Walter Brisco Jr."]),
    # a role noun is no word of a longer post: "the president" is not the vice president
    ("Vice President Jane Roe said the bill would fail. The president said the bill would pass.",
     ["Jane Roe", "president"]),
])
def test_one_actor_per_person(nlp, text, expected):
    assert speakers(nlp, text) == expected


@pytest.mark.parametrize("text, expected", [
    # all-caps section labels open no statement
    ("ENERGY: Oil prices rose on Monday after the strikes.\n\nCURRENCIES: The dollar fell against the yen.", []),
    # a dateline is no speaker; the cue after the quote names one
    ('CARACAS: "We will not give up," the foreign minister said.', ["foreign minister"]),
    ("Washington: The envoy said the talks would resume on Friday.", ["envoy"]),
    # a wire's dateline the parser took into the subject is no part of the speaker's name
    ("BUKAVU (Wire) - Rwanda called for talks on Tuesday. Rwanda said the rebels held the city.",
     ["Rwanda", "Rwanda"]),
    # a transcript's capitalised name of a person the text names is still a speaker
    ("Jane Roe spoke to the panel.\n\nROE: We will cut the tariffs next year.", ["Jane Roe"]),
    # ... and so is a name that takes more than one turn
    ("VELL: We will cut the tariffs next year.\n\nHOST: When?\n\nVELL: We will start in March.", ["VELL", "VELL"]),
])
def test_labels_and_datelines_before_a_colon_are_no_speakers(nlp, text, expected):
    assert speakers(nlp, text) == expected


@pytest.mark.parametrize("text, side", [
    ("the former governor of New Mexico", "United States"),  # a US state, not the place it is named after
    ("a New South Wales senator", None),
    ("the new Mexican plan", "Mexico"),  # "new" as an adjective hides nothing
    ("New Zealand's prime minister", "New Zealand"),
])
def test_a_place_named_new_x_is_not_x(text, side):
    from tealeaves.lexicon import default_lexicon

    assert default_lexicon().side_of(text) == side


@pytest.mark.parametrize("text, side", [
    # a compass word is a side only capitalised and alone
    ("officials in western Ukraine", "Ukraine"),
    ("the West Bank authorities", None),
    ("a source in the West Wing", None),
    ("the Western Theatre Command", None),
    ("Western officials", "West"),  # the data's own side of "the West"
    ("the West's sanctions", "West"),
    # for or against a side is not of it
    ("pro-Moscow separatists", None),
    ("Pro-Russian rebels", None),
    ("anti-American protesters", None),
    ("pro-Western opposition leader", None),
    ("Moscow-backed separatists", "Russia"),
])
def test_a_compass_word_or_a_side_one_is_for_names_no_side(text, side):
    from tealeaves.lexicon import default_lexicon

    assert default_lexicon().side_of(text) == side


@pytest.mark.parametrize("text, speaker", [
    ("Jan Roe, a pro-Russian separatist leader, said the town had fallen.", "Jan Roe"),
    ("The pro-Russian separatists said the town had fallen.", "pro-Russian separatists"),
])
def test_a_speaker_for_a_side_is_not_of_it(nlp, text, speaker):
    assert sides(nlp, text)[speaker] is None


def test_a_department_speaks_as_itself_and_a_seat_of_government_for_its_state(nlp):
    """The Pentagon and the White House are two voices of one side (a mixed message needs both)."""
    text = "The Pentagon said the base would stay open. The White House said the base would close."
    assert sides(nlp, text) == {"Pentagon": "United States", "United States": "United States"}


def test_a_role_named_with_a_region_is_no_one_of_another_region(nlp):
    """Both senators speak for the United States, but "the Florida senator" is no senator
    named with Vermont."""
    text = "Vermont Senator Jan Roe spoke first. The Florida senator said the deal was fair."
    assert sides(nlp, text) == {"Florida senator": "United States"}


def speaker_actors(nlp, text: str):
    document = Document(id="made-up", source="made-up", text=text)
    (result,) = analyze_documents([document], nlp=nlp, embeddings=False)
    return {result.actor(s.speaker_id).name: result.actor(s.speaker_id) for s in result.statements if s.speaker_id}


@pytest.mark.parametrize("text, outlet", [
    ("The New York Times reported that the talks had stalled.", "New York Times"),
    ("The Washington Post said the plan to reopen the port was dead.", "Washington Post"),
    ("The Moscow Times reported that the talks had stalled again.", "Moscow Times"),
    ("The South China Morning Post reported that officials were worried about the drills.",
     "South China Morning Post"),
    ("The Times of India reported that the border crossing was calm.", "Times of India"),
    ("The Jerusalem Post reported that the army would withdraw from the ridge.", "Jerusalem Post"),
    # a two-word name the model takes for a person's
    ("The Daily Ledger reported that the ministry had resigned.", "Daily Ledger"),
])
def test_a_news_outlet_named_after_a_place_is_an_observer_with_no_side(nlp, text, outlet):
    """A place inside an outlet's name is no side: the outlet relays, it speaks for no state."""
    from tealeaves.models import is_observer

    actor = speaker_actors(nlp, text)[outlet]
    assert actor.side is None and is_observer(actor)


@pytest.mark.parametrize("text, speaker, side", [
    # a place inside the name of a state body still gives the body its side
    ("The Russian Foreign Ministry said the talks had failed.", "Russian Foreign Ministry", "Russia"),
    ("The U.S. Embassy said the visa office would close on Monday.", "U.S. Embassy", "United States"),
    ("The Sudanese Armed Forces said the truce had been broken.", "Sudanese Armed Forces", "Sudan"),
    ("The Israeli Air Force said two launchers had been hit.", "Israeli Air Force", "Israel"),
])
def test_a_place_in_a_state_body_s_name_gives_its_side(nlp, text, speaker, side):
    assert sides(nlp, text)[speaker] == side


def test_a_state_news_agency_is_an_observer_affiliated_with_its_state(nlp):
    """A state's news agency relays (codebook D11): no side, its state as its affiliation."""
    actor = speaker_actors(nlp, "KCNA said the drills were a rehearsal for an invasion.")["Korean Central News Agency"]
    assert (actor.kind, actor.side, actor.affiliation) == ("journalist", None, "North Korea")


@pytest.mark.parametrize("text, speaker, side", [
    # the body a modifier names was named earlier with its side
    ("Chad's army closed the northern crossing on Monday. An army spokesman said the crossing would reopen "
     "within a week.", "army spokesman", "Chad"),
    ("The Peruvian ministry published the figures late. Three ministry officials said the count was wrong.",
     "Three ministry officials", "Peru"),
    # two sides' bodies of that name: no evidence for either
    ("The Armenian army and the Azerbaijani army traded fire overnight. An army spokesman said the shelling "
     "had stopped.", "army spokesman", None),
    # nothing names the officials' side: none is guessed
    ("Officials said the talks would resume on Friday.", "Officials", None),
])
def test_an_unnamed_official_of_a_body_takes_the_side_the_article_gives_that_body(nlp, text, speaker, side):
    assert sides(nlp, text)[speaker] == side


def test_a_body_the_parser_hung_on_a_name_is_no_alias_of_that_person(nlp):
    text = ("The screening was about the Harbour Policy Council, the centrist organization Jan Roe used to remake "
            "the party. Roe said the council had done its work.")
    (roe,) = speaker_actors(nlp, text).values()
    assert "the centrist organization" not in roe.aliases


def test_a_title_with_its_of_phrase_names_no_holder_of_a_shorter_post(nlp):
    """"The former secretary of state" is no press secretary."""
    text = ("Press secretary Ana Lind said the campaign would go on. The former secretary of state said on Monday "
            "that she would not quit.")
    assert speakers(nlp, text) == ["Ana Lind", "former secretary of state"]


@pytest.mark.parametrize("text, published, speaker, side", [
    # a leader out of office by the article's year still names their country's government
    ("The Obama administration said the strikes were lawful.", "2018-05-01", "Obama administration", "United States"),
    ("The Putin government said the drills were routine.", None, "Putin government", "Russia"),
    ("Obama administration officials said the sanctions would stay.", "2019-01-01",
     "Obama administration officials", "United States"),
    # the side this article gives the person of that name
    ("Serbian President Jan Kovac opened the talks. The Kovac government said the border would stay shut.", None,
     "Kovac government", "Serbia"),
    # dated: before any term of a person of that name, no side
    ("The Biden administration said the plan was dead.", "2005-06-01", "Biden administration", None),
])
def test_a_government_named_after_its_leader_takes_the_leader_s_side(nlp, text, published, speaker, side):
    assert sides(nlp, text, published)[speaker] == side


def test_a_name_with_a_first_name_is_no_news_outlet(nlp):
    """"Jane Post" is headed by a word of the press, but a first name says it is no newspaper."""
    actor = speaker_actors(nlp, "Jane Post said the bridge would reopen in May.")["Jane Post"]
    assert actor.kind != "journalist"


@pytest.mark.parametrize("text, speaker, side", [
    # a city the text puts inside a known country is no party: the people in it have no side of its name
    ("The rebels seized Veldgrad in Democratic Republic of Congo this week. People in Veldgrad said looting "
     "continued on Wednesday.", "People in Veldgrad", None),
    # a seat of government the lexicon knows still speaks for its state
    ("The rebels seized Kinshasa in Democratic Republic of Congo this week. People in Kinshasa said looting "
     "continued on Wednesday.", "People in Kinshasa", "DR Congo"),
])
def test_a_city_inside_a_known_country_is_no_side(nlp, text, speaker, side):
    assert sides(nlp, text)[speaker] == side


@pytest.mark.parametrize("text, speaker, side", [
    # a state by its formal style is that state, one actor with its short name
    ("The Kingdom of Bahrain said it would recall its envoy. Bahrain said talks could follow.", "Bahrain", "Bahrain"),
    # a body whose proper name opens with its country's name is that country's
    ("The Vietnam Maritime Safety Administration said ships must keep away from the rig.",
     "Vietnam Maritime Safety Administration", "Vietnam"),
])
def test_a_state_s_formal_style_and_a_named_state_body_give_its_side(nlp, text, speaker, side):
    assert sides(nlp, text) == {speaker: side}
