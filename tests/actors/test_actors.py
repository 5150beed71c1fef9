"""Speakers at the edges of wire copy: datelines and roles given with the name."""

from __future__ import annotations

import pytest
from spacy.tokens import Span

from tealeaves.actors.learning import NameLearner
from tealeaves.io.readers import read_text
from tealeaves.lexicon import default_lexicon
from tealeaves.pipeline import analyze_documents


def speakers(nlp, text: str) -> list[tuple[str, str, str]]:
    (result,) = analyze_documents([read_text(text)], nlp=nlp, embeddings=False)
    found = []
    for statement in result.statements:
        actor = result.actor(statement.speaker_id)
        found.append((actor.name, actor.role, actor.side) if actor else (None, None, None))
    return found


@pytest.mark.parametrize("dateline", [
    "OSLO, March 3 — ",
    "OSLO, March 3 (Northwire) — ",
    "Talks resume\n\nOSLO -- ",
    "PORT AVEL, Jan. 9 - ",
])
def test_a_dateline_city_is_not_the_speaker(nlp, dateline):
    text = dateline + "Norwegian Foreign Minister Anna Berg said the talks would resume on Friday."
    assert speakers(nlp, text) == [("Anna Berg", "Norwegian Foreign Minister", "Norway")]


def test_a_city_that_speaks_for_its_government_still_does(nlp):
    assert [name for name, _, _ in speakers(nlp, "Oslo said on Monday that the talks would resume.")] == ["Norway"]


@pytest.mark.parametrize("text, role", [
    ("Latvia's foreign minister, Andris Kell, said the border would stay closed.", "Latvia's foreign minister"),
    ("The Latvian foreign minister, Andris Kell, said the border would stay closed.", "Latvian foreign minister"),
])
def test_a_role_given_with_the_name_does_not_include_the_name(nlp, text, role):
    assert speakers(nlp, text) == [("Andris Kell", role, "Latvia")]


@pytest.mark.parametrize("name, role, gender", [
    ("Ms. Okafor", None, "f"),
    ("Mr Lenz", None, "m"),
    ("Dagny Vell", None, "f"),
    ("President Viktor Lenz", None, "m"),
    ("Vell", "foreign ministry spokeswoman", "f"),
    ("Osei", "party chairman", "m"),
    ("Kim Sato", None, None),  # a first name not in the list: unknown, agrees with every pronoun
])
def test_gender_comes_from_honorific_role_word_or_first_name(name, role, gender):
    from tealeaves.lexicon import default_lexicon

    assert default_lexicon().gender_of(name, role) == gender


def test_a_pronoun_still_finds_a_person_of_unknown_gender(nlp):
    text = "Kim Sato toured the plant with Viktor Lenz on Friday.\n\n“The grid deal is done,” she said."
    assert [name for name, _, _ in speakers(nlp, text)] == ["Kim Sato"]


@pytest.mark.parametrize("text, side", [
    ("Polish analysts and US officials say the talks may stall.", None),
    ("French and German ministers warned that the levy would fail.", None),
    ("Polish officials and diplomats said the talks were useful.", "Poland"),
    ("US and allied officials said the drills would go ahead.", "United States"),
])
def test_a_group_whose_parts_name_different_sides_speaks_for_none(nlp, text, side):
    ((_, _, found),) = speakers(nlp, text)
    assert found == side


def test_an_invented_country_is_known_by_its_people(nlp):
    """The model may take "Orvan" for an organisation; "Orvanese" beside it says it is a place."""
    text = ("Orvan and Kessa extended their truce on Sunday.\n\n"
            "Orvanese Defence Minister Ida Lamm said the truce was holding.")
    assert ("Ida Lamm", "Orvanese Defence Minister", "Orvan") in speakers(nlp, text)


def test_a_person_is_no_place_for_an_adjective_made_from_the_name(nlp):
    from tealeaves.actors.places import places_of

    doc = nlp("President Ivo Danek met the Orvanese envoy in Orvan on Monday. It was another classic "
              "Danekian move.")
    assert "Danek" not in places_of(doc)


def test_a_role_noun_the_post_counts_as_finds_its_holder(nlp):
    """"the diplomat" after "Deputy Foreign Minister Ana Ruiz": the post's own entry lists
    diplomat as another name for it."""
    text = ("Deputy Foreign Minister Ana Ruiz of Veska said the talks had been useful.\n\n"
            "Later the diplomat said there would be no deal before June.")
    assert [name for name, _, _ in speakers(nlp, text)] == ["Ana Ruiz", "Ana Ruiz"]


@pytest.mark.parametrize("text, speaker", [
    ("The Norwegian proposal calls for a ceasefire by June.", "Norway"),
    ("Foreign Minister Anna Berg met her Swedish colleague.\n\nBerg's proposal calls for a ceasefire by June.",
     "Anna Berg"),
])
def test_a_message_speaks_for_its_owner(nlp, text, speaker):
    """A proposal or an offer is no person: its owner speaks through it."""
    assert [name for name, _, _ in speakers(nlp, text)][-1] == speaker


@pytest.mark.parametrize("a, b, one", [
    ("Donald J. Trump", "Donald Trump", True),
    ("Hillary Rodham Clinton", "Hillary Clinton", True),
    ("Nicolás Maduro", "Nicolas Maduro", True),
    ("J. Roe", "Jane Roe", True),
    ("Sen. Bernie Sanders", "Bernie Sanders", True),
    ("Eric Trump", "Donald Trump", False),
    ("George H. W. Bush", "George W. Bush", False),
    ("Donald Trump Jr.", "Donald Trump", False),
    ("Jane Roe", "Jane Doe", False),
    ("the Democratic nominee", "Democratic nominee", False),
    ("Salma abu Nasser", "Salma Abu Nasser", True),  # a particle of data/speakers.yaml keeps a full name
    ("Salma abu Nasser", "Rania abu Nasser", False),
    ("Joe Vask", "Joseph Vask", True),  # a short form listed in data/speakers.yaml
    ("Ed Vask", "Edward G. Vask", True),
    ("Bill Vask", "Will Vask", False),  # two short forms of one name: maybe two people
    ("Hilary Vask", "Hillary Vask", True),  # one letter written twice: a spelling of one name
    ("Michael Vask", "Michaela Vask", False),  # a letter more, not doubled: another name
    ("Jev Vask", "John Ellis Vask", True),  # a first name made of the initials of the whole name ("Jeb")
    ("Jeb Vask", "John Ellis Vask", False),
    ("Jo Vask", "Joseph Vask", False),  # no listed short form
    ("Joseph R. Biden Jr.", "Joe Biden", True),  # listed as one officeholder's spellings
    ("Joseph Vask Jr.", "Joe Vask", False),  # a suffix in one only, listed nowhere
    ("Former Brightwater CEO Jane Roe", "Jane Roe", True),  # a title the name was not cut from
    ("former minister and party candidate Jane Roe", "Jane Roe", True),
    ("JANE ROE", "Jane Roe", True),
    ("the party candidate", "Jane Roe", False),
    ("spokeswoman for party candidate Jane Roe", "Jane Roe", False),  # a description naming her
    ("The number of deleted Jane Roe", "Jane Roe", False),
    ("Ana and Jan Roe, the parents of Jane Roe", "Jane Roe", False),
])
def test_two_names_are_one_person_only_when_nothing_parts_them(a, b, one):
    from tealeaves.actors.names import same_person

    assert (same_person(a, b) is not None) is one
    assert (same_person(b, a) is not None) is one


def test_a_person_first_named_by_surname_gets_an_id_of_their_full_name(nlp):
    """A corpus adds actors up by id: "Roe" first, then "Jane Roe" in one article, and "Roe"
    then "Eric Roe" in another must not be one id."""
    texts = ["Roe said the border would stay open. Jane Roe, the foreign minister, said talks would go on.",
             "Roe said the plant would close. Eric Roe, the chief executive, said jobs would go."]
    results = analyze_documents([read_text(t) for t in texts], nlp=nlp, embeddings=False)
    people = [{a.id: a.name for a in r.actors} for r in results]
    assert [set(p.values()) for p in people] == [{"Jane Roe"}, {"Eric Roe"}]
    assert set(people[0]).isdisjoint(people[1])
    assert all(r.actor(s.speaker_id) for r in results for s in r.statements)


def test_two_middle_initials_that_differ_are_two_people(nlp):
    text = ("Maria L. Santos said the vote would be held in May. "
            "Maria K. Santos said the count would take a week.")
    assert [name for name, _, _ in speakers(nlp, text)] == ["Maria L. Santos", "Maria K. Santos"]


def test_a_title_before_an_apposed_name_is_that_person(nlp):
    text = ("U.S. Secretary of State Antony Blinken said the talks would go on. "
            "The Secretary of State, Antony Blinken, said later that a deal was close.")
    (result,) = analyze_documents([read_text(text)], nlp=nlp, embeddings=False)
    assert [a.name for a in result.actors] == ["Antony Blinken"] and not result.warnings


def test_a_former_holder_of_an_office_is_no_role_conflict(nlp):
    text = ("Secretary of State Mike Pompeo said the talks would go on. "
            "Former U.S. Secretary of State John Kerry said the deal had worked.")
    (result,) = analyze_documents([read_text(text)], nlp=nlp, embeddings=False)
    assert not [w for w in result.warnings if w.kind == "role_conflict"]
    assert result.actor("john_kerry").role == "Former U.S. Secretary of State"


@pytest.mark.parametrize("text, speaker, role", [
    # the role noun of a description's of-phrase or to-phrase is another person's
    ("The shelling across the border would be answered, said Kaarel Tamm, a foreign policy aide to "
     "Estonian President Mart Lind. Lind said the army would respond.", "Mart Lind", "Estonian President"),
])
def test_a_role_noun_that_does_not_head_the_phrase_names_someone_else(nlp, text, speaker, role):
    assert speakers(nlp, text)[-1][:2] == (speaker, role)


def test_a_role_holds_no_relative_clause(nlp):
    text = "Hugo Ruiz, a senior analyst at Brightwater, who notes that costs will fall, said the deal was good."
    assert speakers(nlp, text)[-1][1] == "senior analyst at Brightwater"


@pytest.mark.parametrize("title, noun, heads_it", [
    ("Russian Deputy Foreign Minister", "deputy foreign minister", True),
    ("Defense Ministry spokesman Capt.", "spokesman", True),
    ("Minister of Foreign Affairs", "minister", True),
    ("the mayors:", "mayor", True),
    ("Editor's note:", "editor", False),  # a note is no editor
    ("Sunport's new mayor rebuffs", "mayor", False),  # a headline's verb taken for a noun
    ("spokeswoman for", "spokeswoman", False),  # "spokeswoman for Jane Roe" makes Roe no spokeswoman
])
def test_a_title_s_role_noun_must_head_it(title, noun, heads_it):
    from tealeaves.actors.roles import heads

    assert heads(title, noun) is heads_it


def test_a_description_introduced_for_a_person_is_that_person_never_the_one_it_names(nlp):
    text = ("Norwegian Prime Minister Hugo Dahl said the talks would go on. Ana Dahl, the powerful sister of "
            "Norway's leader, said the talks were over. The powerful sister of Norway's leader also said the "
            "talks had failed. The Norwegian leader said the army was ready.")
    assert [name for name, _, _ in speakers(nlp, text)] == ["Hugo Dahl", "Ana Dahl", "Ana Dahl", "Hugo Dahl"]


def test_a_lone_surname_that_names_an_officeholder_is_not_a_namesake(nlp):
    """"Obama" in 2016 is the president: a later "Michelle Obama" is someone else; with no
    date, the article's context is all there is."""
    from tealeaves.models import Document

    text = ("President Obama said the vote mattered to him. Michelle Obama said the children were safe. "
            "Obama said turnout would be high. Brian Fallon said the campaign was ready. Fallon said it "
            "would win.")  # a Fallon held an office in 2016, but this one was named in full first
    (result,) = analyze_documents([Document(id="d", source="d", text=text, published="2016-09-19")], nlp=nlp,
                                  embeddings=False)
    named = [result.actor(s.speaker_id) for s in result.statements]
    assert [a.name for a in named] == ["Obama", "Michelle Obama", "Obama", "Brian Fallon", "Brian Fallon"]
    assert (named[0].side, named[1].side) == ("United States", None)


@pytest.mark.parametrize("text, expected", [
    ("Bill Roe greeted the crowd in Avel on Monday.\n\nMrs. Roe said the plan would cut costs.\n\n"
     "Mr. Roe said the plan was fair.", ["Mrs. Roe", "Bill Roe"]),
    ("Bill Roe greeted the crowd in Avel on Monday with Jane Roe.\n\nMrs. Roe said the plan would cut costs.\n\n"
     "Mr. Roe said the plan was fair.", ["Jane Roe", "Bill Roe"]),
    ("Jane Roe greeted the crowd in Avel on Monday.\n\nMs. Roe said the plan would cut costs.", ["Jane Roe"]),
    ("Bill Roe greeted the crowd in Avel on Monday with Kim Roe.\n\nMrs. Roe said the plan would cut costs.",
     ["Kim Roe"]),  # a first name of unknown gender may be hers
])
def test_an_honorific_of_the_other_gender_names_a_namesake(nlp, text, expected):
    """A family shares a surname: "Mrs. Roe" is never Bill Roe, named first; she is the one
    woman of that surname the article names, else a person of her own."""
    assert [name for name, _, _ in speakers(nlp, text)] == expected


@pytest.mark.parametrize("text, name", [
    ("Valdoran presidential candidates Jan Roe and Ana Lind met on Monday. Roe said the deal was fair.", "Jan Roe"),
    ("Jan Roe met Ana Lind, the two leading candidates, on Monday. Lind said the deal was fair.", "Ana Lind"),
])
def test_a_plural_title_or_description_is_no_one_persons_role_or_alias(nlp, text, name):
    """"candidates Jan Roe and Ana Lind", "the two leading candidates": several people, so
    neither the role nor an alias of one of them."""
    (result,) = analyze_documents([read_text(text)], nlp=nlp, embeddings=False)
    actor = next(a for a in result.actors if a.name == name)
    assert actor.role is None and not [alias for alias in actor.aliases if "candidates" in alias]


@pytest.mark.parametrize("phrase, others", [
    ("Jan Roe and Ana Lind", True),
    ("Roe-Lind", True),
    ("Lind Thanks Roe", True),
    ("Senator Jan Roe of Valdora", False),
    ("Mrs. Roe", False),  # her own surname, though another Roe was named first
])
def test_a_phrase_naming_another_person_is_no_alias(nlp, phrase, others):
    from types import SimpleNamespace

    from tealeaves.actors.namesakes import names_others

    roe, lind, bill_roe = (SimpleNamespace(name=n, surname=n.split()[-1]) for n in ("Jan Roe", "Ana Lind", "Bill Roe"))
    by_surname = {"Roe": bill_roe if phrase == "Mrs. Roe" else roe, "Lind": lind}
    doc = nlp(f"{phrase} said the talks were over.")
    words = [t for t in doc if t.i < len(doc) - 6]
    assert names_others(words, roe, by_surname.get) is others


def test_a_headline_name_does_not_take_the_surname_from_the_body(nlp):
    """"Will Lind quit" in a headline is no person called Will Lind: the body names the
    people, so its "Lind" is Maria Lind."""
    text = "Will Lind quit the race?\n\nMaria Lind said she would stay. Lind said the party backed her."
    assert [name for name, _, _ in speakers(nlp, text)] == ["Maria Lind", "Maria Lind"]


def test_a_longer_name_that_is_no_persons_name_does_not_rename_the_person(nlp):
    """A court case "Lind v. Lind" names Maria Lind's surname twice: she keeps her name."""
    text = ("Maria Lind said the deal was fair. The terms were set in a 1992 case, Lind v. Lind, in which the "
            "couple fought over the house. Lind said it was settled.")
    named = [name for name, _, _ in speakers(nlp, text)]
    assert named[0] == named[-1] == "Maria Lind"


def test_a_headline_completes_the_name_of_a_person_the_body_calls_by_surname(nlp):
    text = "Critics rally behind Maria Lind\n\nThe vote was fair, Lind said on Monday. Lind said the party backed her."
    assert [name for name, _, _ in speakers(nlp, text)][-2:] == ["Maria Lind", "Maria Lind"]


def test_a_headline_name_run_into_its_verb_is_the_person_the_body_names(nlp):
    """A title-case headline runs its verb into the name ("Obama Seeks"): the body's Obama."""
    text = ("Obama Seeks More Refugees As He Marks Major Holiday.\n\nPresident Barack Obama said on Friday that "
            "the country would take more refugees. Obama said the plan was fair.")
    assert {name for name, _, _ in speakers(nlp, text)} == {"Barack Obama"}


@pytest.mark.parametrize("text, name", [
    ("Critics Slam Vask\n\nOf all the men linked to Donald J. Vask, few were as loyal.", "Donald J. Vask"),
    ("Senator Hilda Rodham Vask said the bill would pass.", "Hilda Rodham Vask"),  # the title is no name
    ("Vask said the bill would pass.", None),
    # a sentence's first capital is no first name unless it is a known one
    ("Debating Vask was never easy, the senator said. On Monday, Hilda Vask spoke first.", "Hilda Vask"),
])
def test_the_first_full_name_written_with_a_surname_is_read_whole_past_the_headline(nlp, text, name):
    from tealeaves.actors.namesakes import first_full_name
    from tealeaves.lexicon import TITLE_WORDS

    headline_end = text.find("\n") if "\n" in text else 0
    assert first_full_name(nlp(text), "Vask", lambda w: w in TITLE_WORDS, headline_end, {"hilda"}) == name


def test_a_title_and_surname_name_the_namesake_who_held_that_office(nlp):
    """"President Bush" beside Jeb Bush, named first, is George W. Bush, who held that office;
    "the former president" then finds him, and a lone "Mr. Bush" is still the first named."""
    from tealeaves.models import Document

    text = ("Jeb Bush brought his brother, George W. Bush, to the rally on Monday. President Bush said the race "
            "was close. Later the former president said the crowd was large. Mr. Bush said he would win.")
    (result,) = analyze_documents([Document(id="d", source="d", text=text, published="2016-02-15")], nlp=nlp,
                                  embeddings=False)
    assert [result.actor(s.speaker_id).name for s in result.statements] == [
        "George W. Bush", "George W. Bush", "Jeb Bush"]


@pytest.mark.parametrize("text, name, alias", [
    # a contrast the parser took for an apposition
    ("If more records exist, the Bureau, not Jan Roe, now holds them, her lawyer said. Roe said she had none.",
     "Jan Roe", "the Bureau"),
    # an abstract noun
    ("Delegates booed Jan Roe, the clearest demonstration of anger at the convention. Roe said the vote was fair.",
     "Jan Roe", "the clearest demonstration"),
    # one example of a set, not the noun itself
    ('"I worry that the rhetoric coming from the opposition, particularly Jan Roe, is hurting the country," '
     "Ana Lind said. Roe said she was proud.", "Jan Roe", "the rhetoric"),
    # a name not set off by a comma: the subject of a relative clause, not an apposition
    ("Officials said secret information had passed through the private email server Jane Roe used while leading "
     "the agency. Roe said the emails were harmless.", "Jane Roe", "the private email server"),
    ("The amount  Jane Roe essentially gave her campaign on Thursday was large. Roe said she was ready.",
     "Jane Roe", "The amount"),
    # a name in brackets after a noun: an example of whom the phrase means, not the noun itself
    ("Voters will judge candidates who would bar migrants from the country (Jane Roe). Roe said she was ready.",
     "Jane Roe", "the country"),
])
def test_an_apposition_that_cannot_be_the_person_is_no_alias(nlp, text, name, alias):
    (result,) = analyze_documents([read_text(text)], nlp=nlp, embeddings=False)
    actor = next(a for a in result.actors if a.name == name)
    assert not [a for a in actor.aliases if a.startswith(alias)]


def test_a_description_of_a_party_member_stays_an_alias(nlp):
    """"Democrat" is a group's name to the model (NORP), but "the panel's ranking Democrat" is a person."""
    text = "The panel's ranking Democrat, Rep. Jan Roe of Maryland, objected. Roe said the vote was a stunt."
    (result,) = analyze_documents([read_text(text)], nlp=nlp, embeddings=False)
    assert "The panel's ranking Democrat" in next(a for a in result.actors if a.name == "Jan Roe").aliases


@pytest.mark.parametrize("full, lone", [("Liang Wenbo", "Liang"), ("Wu Qian", "Wu")])
def test_a_family_name_written_first_names_the_person_alone(nlp, full, lone):
    """'Liang Wenbo said …  Liang added …': a lone name that begins one person's full name is
    that person (family names written first), not a namesake of the gazetteer's."""
    text = (f"BEIJING, May 24 -- Defence ministry spokesman {full} said the drills had ended.\n\n"
            f"{lone} added that the army would answer any provocation.")
    assert {name for name, _, _ in speakers(nlp, text)} == {full}


def test_a_name_set_off_after_a_role_of_a_country_is_that_countrys_person(nlp):
    """"the president of Bolivia, Ernesto Quispe": the parser may hang the name on the country and
    the recogniser call it an organisation; the name is still the president's."""
    doc = nlp("The controversial president of Bolivia, Ernesto Quispe, declared his split from Peru on Thursday.")
    name = next(e for e in doc.ents if e.text == "Ernesto Quispe")
    doc.ents = [e for e in doc.ents if e is not name and e.text != name.text] + [Span(doc, name.start, name.end, "ORG")]
    people = {a.name: a.side for a in NameLearner(doc, default_lexicon()).actors.values()}
    assert people.get("Ernesto Quispe") == "Bolivia"


def test_an_official_owned_by_his_or_her_takes_the_owners_side(nlp):
    text = ("President Tomas Arvelo of Peru sees no reason to send the navy to the reef, his spokesman said on "
            "Tuesday.\n\nArvelo hopes the dispute can be settled by talks, the spokesman added.")
    (result,) = analyze_documents([read_text(text)], nlp=nlp, embeddings=False)
    assert {a.name: a.side for a in result.actors}.get("his spokesman") == "Peru"


def test_the_aide_of_a_person_on_record_takes_that_persons_side(nlp):
    text = ("Joe Biden met farmers in Ohio on Monday.\n\n"
            "Biden's Chief of Staff Anna Kell also said the plan would be dropped.")
    (result,) = analyze_documents([read_text(text)], nlp=nlp, embeddings=False)
    assert {a.name: a.side for a in result.actors}.get("Anna Kell") == "United States"
