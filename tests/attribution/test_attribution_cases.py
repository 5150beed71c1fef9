"""Who said what, one phenomenon per row: the attribution spec written before the code.

Every row is a short original text (1–3 sentences) and what a careful human annotator
would mark in it: the exact number of statements and, in text order, each statement's
speaker (canonical name), kind and a piece of its quoted or reported words.

Conventions the rows follow (the same as the seed gold):

* one attribution act (one cue) is one statement; a quote interrupted by its cue
  ("…,” she said. “…”) and a quote continued into the next paragraph without a new cue
  stay one statement with several quote spans;
* ``direct`` = a whole utterance in quotation marks; ``partial`` = quoted words inside
  reported speech; ``indirect`` = reported speech without quotation marks;
* a term in scare quotes, a nickname or a title is not a statement;
* one person is one actor in a document, whatever name, pronoun or role noun is used.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Optional, Union

import pytest

import tealeaves

# --------------------------------------------------------------------------- matchers


@dataclass(frozen=True)
class Group:
    """An unnamed collective speaker (analysts, officials in Lisbon): kind ``group``."""

    word: str

    def describe(self) -> str:
        return f"<group ~ {self.word!r}>"


@dataclass(frozen=True)
class Body:
    """An institution without a personal name (a ministry, a commission)."""

    word: str

    def describe(self) -> str:
        return f"<body ~ {self.word!r}>"


@dataclass(frozen=True)
class Unnamed:
    """An identified speaker whose name the text does not give (the mayor's spokesman)."""

    word: str
    not_name: Optional[str] = None

    def describe(self) -> str:
        extra = f", not {self.not_name!r}" if self.not_name else ""
        return f"<unnamed ~ {self.word!r}{extra}>"


ANY = object()  # an actor fact the spec leaves open

Speaker = Union[str, Group, Body, Unnamed, None]


@dataclass(frozen=True)
class S:
    """One expected statement: speaker, kind and the words that must be in its spans."""

    speaker: Speaker
    kind: str
    words: Union[str, tuple[str, ...]]

    @property
    def needles(self) -> tuple[str, ...]:
        return (self.words,) if isinstance(self.words, str) else tuple(self.words)


def norm(name: Optional[str]) -> str:
    """Names compare without case, curly apostrophes, a leading article or extra spaces."""
    if name is None:
        return ""
    text = unicodedata.normalize("NFC", name).replace("’", "'").casefold().strip()
    for article in ("the ", "a ", "an "):
        if text.startswith(article):
            text = text[len(article):]
    return " ".join(text.split())


def describe_speaker(speaker: Speaker) -> str:
    if speaker is None:
        return "<nobody>"
    if isinstance(speaker, str):
        return speaker
    return speaker.describe()


def speaker_problem(expected: Speaker, actor, statement) -> Optional[str]:
    """Why the actual speaker does not fit the expected one, or None when it does."""
    if expected is None:
        if statement.speaker_id is not None:
            return f"expected no speaker, got {actor.name if actor else statement.speaker_id!r}"
        return None
    if actor is None:
        return f"expected speaker {describe_speaker(expected)}, got none"
    name = norm(actor.name)
    if isinstance(expected, str):
        if name != norm(expected):
            return f"expected speaker {expected!r}, got {actor.name!r}"
        return None
    haystack = " | ".join(
        norm(x) for x in (actor.name, actor.role, *(actor.aliases or ()))
        if x
    )
    if statement.speaker_mention is not None:
        haystack += " | " + norm(statement.speaker_mention.text)
    if norm(expected.word) not in haystack:
        return f"expected {expected.describe()}, got {actor.name!r} ({actor.kind})"
    if isinstance(expected, Group) and actor.kind != "group":
        return f"expected a group actor, got kind {actor.kind!r} for {actor.name!r}"
    if isinstance(expected, Body) and actor.kind not in ("organization", "state"):
        return f"expected an organization or state, got kind {actor.kind!r} for {actor.name!r}"
    if isinstance(expected, Unnamed) and expected.not_name and name == norm(expected.not_name):
        return f"expected someone other than {expected.not_name!r}"
    return None


def show(statement, doc) -> str:
    actor = doc.actor(statement.speaker_id)
    who = actor.name if actor else "<nobody>"
    spans = [q.text for q in statement.quotes] + [c.text for c in statement.content]
    mention = statement.speaker_mention.text if statement.speaker_mention else None
    cue = statement.cue.text if statement.cue else None
    return f"{statement.kind:9} {who!r:28} mention={mention!r} cue={cue!r} spans={spans!r}"


def check(text: str, count: int, expected: list[S]) -> None:
    """Analyse ``text`` and compare its statements with the expected ones, in text order."""
    assert count == len(expected), "table error: count and expected statements disagree"
    result = tealeaves.analyze(text)
    assert len(result.documents) == 1, f"expected one document, got {len(result.documents)}"
    doc = result.documents[0]
    actual = sorted(doc.statements, key=lambda s: (s.start, s.end))

    problems: list[str] = []
    # the contract: every span gives back the text it claims to cover
    for st in actual:
        for span in (*st.quotes, *st.content,
                     *(x for x in (st.speaker_mention, st.cue) if x is not None)):
            if text[span.start:span.end] != span.text:
                problems.append(f"span {span!r} does not match text[{span.start}:{span.end}]")

    if len(actual) != count:
        problems.append(f"expected {count} statement(s), got {len(actual)}")
    for i, (exp, st) in enumerate(zip(expected, actual), 1):
        actor = doc.actor(st.speaker_id)
        if st.kind != exp.kind:
            problems.append(f"#{i}: expected kind {exp.kind!r}, got {st.kind!r}")
        why = speaker_problem(exp.speaker, actor, st)
        if why:
            problems.append(f"#{i}: {why}")
        spans = [s.text for s in (*st.quotes, *st.content)]
        for needle in exp.needles:
            if not any(needle in s for s in spans):
                problems.append(f"#{i}: {needle!r} is in none of its quote/content spans {spans!r}")

    # one person, one actor: statements expected from the same name share one speaker id
    ids_by_name: dict[str, set] = {}
    for exp, st in zip(expected, actual):
        if isinstance(exp.speaker, str):
            ids_by_name.setdefault(norm(exp.speaker), set()).add(st.speaker_id)
    for name, ids in ids_by_name.items():
        if len(ids) > 1:
            problems.append(f"{name!r} is split over several actors: {sorted(map(str, ids))}")

    if problems:
        lines = ["", "TEXT:", f"  {text!r}", "EXPECTED:"]
        lines += [f"  #{i} {e.kind:9} {describe_speaker(e.speaker)!r:28} words={e.needles!r}"
                  for i, e in enumerate(expected, 1)] or ["  (no statements)"]
        lines += ["GOT:"]
        lines += [f"  #{i} {show(st, doc)}" for i, st in enumerate(actual, 1)] or ["  (no statements)"]
        lines += ["PROBLEMS:"] + [f"  - {p}" for p in problems]
        pytest.fail("\n".join(lines), pytrace=False)


# Known limits, kept as honest failing specs (strict xfail: a fix must remove its row here).
KNOWN_LIMITS: dict[str, str] = {}


def row(case_id: str, text: str, count: int, *expected: S):
    marks = [pytest.mark.xfail(reason=KNOWN_LIMITS[case_id], strict=True)] if case_id in KNOWN_LIMITS else []
    return pytest.param(text, count, list(expected), id=case_id, marks=marks)


# --------------------------------------------------------------------------- statements

CASES = [
    # --- direct quotes: where the cue sits
    row("direct-cue-after",
        "“We will not raise fuel prices before the election,” Finance Minister Rahul Mehta "
        "said on Monday.",
        1, S("Rahul Mehta", "direct", "We will not raise fuel prices before the election")),
    row("direct-cue-before",
        "Asked about the strike, Labour Minister Ines Ortega said, “The door to talks is "
        "still open.”",
        2, S(None, "indirect", "about the strike"), S("Ines Ortega", "direct", "The door to talks is still open")),
    row("direct-cue-inside",
        "“The vaccine supply is stable,” Health Minister Priya Nair told reporters. "
        "“Nobody will be turned away.”",
        1, S("Priya Nair", "direct", ("The vaccine supply is stable", "Nobody will be turned away"))),
    row("direct-spans-two-sentences",
        "“Our grain silos are full. We can feed the country for two years,” Agriculture "
        "Minister Jan de Wit said.",
        1, S("Jan de Wit", "direct", "Our grain silos are full. We can feed the country")),
    row("direct-continues-into-next-paragraph",
        "“We have rebuilt forty schools since the earthquake,” Education Minister Nadia "
        "Alaoui said at the opening ceremony. “The hardest part is finding teachers.\n\n"
        "“Many of them left the region and have not come back.”",
        1, S("Nadia Alaoui", "direct", ("forty schools", "have not come back"))),
    row("two-quotes-two-cues-same-speaker",
        "“Inflation is falling,” central bank governor Tomas Halvorsen said on Thursday. "
        "“The worst is behind us,” he added.",
        2,
        S("Tomas Halvorsen", "direct", "Inflation is falling"),
        S("Tomas Halvorsen", "direct", "The worst is behind us")),
    row("direct-two-speakers",
        "“The ceasefire is holding,” said UN envoy Martin Keller. Rebel commander Yusuf Adan "
        "disagreed, saying the truce had been broken twice overnight.",
        2,
        S("Martin Keller", "direct", "The ceasefire is holding"),
        S("Yusuf Adan", "indirect", "the truce had been broken twice overnight")),
    row("partial-then-direct-same-speaker",
        "Health Minister Priya Nair described the outbreak as “contained.” “We expect to lift "
        "the travel advice within a week,” she said.",
        2,
        S("Priya Nair", "partial", "contained"),
        S("Priya Nair", "direct", "We expect to lift the travel advice within a week")),

    # --- straight ASCII quotation marks
    row("ascii-cue-after",
        '"Our troops will hold the line," General Amir Haddad said.',
        1, S("Amir Haddad", "direct", "Our troops will hold the line")),
    row("ascii-cue-before",
        'Prime Minister Ewa Kowal said, "The coalition is solid and the budget will pass."',
        1, S("Ewa Kowal", "direct", "The coalition is solid and the budget will pass")),
    row("ascii-cue-inside",
        '"Turnout was strong," election chief Amina Diallo said. "Counting starts at eight."',
        1, S("Amina Diallo", "direct", ("Turnout was strong", "Counting starts at eight"))),

    # --- unbalanced quotation marks: no crash, the rest still found
    row("unbalanced-opening-mark-never-closed",
        "Election commissioner Ruth Bello said counting would resume on Friday. “We have "
        "found no irregularities, her deputy, Paul Mensah, told reporters.",
        2,
        S("Ruth Bello", "indirect", "counting would resume on Friday"),
        S("Paul Mensah", "direct", "We have found no irregularities")),
    row("unbalanced-stray-mark-at-end",
        "Port authority chief Ana Reis said the strike had cost the port two million euros "
        "so far. “",
        1, S("Ana Reis", "indirect", "the strike had cost the port two million euros")),

    # --- partial quotes inside reported speech
    row("partial-two-words-one-statement",
        "Foreign Minister Lena Berg called the talks “productive” and “frank.”",
        1, S("Lena Berg", "partial", ("productive", "frank"))),
    row("partial-in-that-clause",
        "Opposition leader Samuel Okafor said the new electoral map was “a gift to the "
        "ruling party.”",
        1, S("Samuel Okafor", "partial", "a gift to the ruling party")),
    row("partial-after-warned",
        "Defence Minister Olek Varga warned that any incursion would meet a “swift and "
        "painful” response.",
        1, S("Olek Varga", "partial", "swift and painful")),

    # --- indirect speech
    row("indirect-warned-that",
        "The head of the World Food Programme in the region, Hana Kobayashi, warned that "
        "food stocks would run out within a month.",
        1, S("Hana Kobayashi", "indirect", "food stocks would run out within a month")),
    row("indirect-denied-that",
        "Health Minister Priya Nair denied that hospitals had run out of oxygen.",
        1, S("Priya Nair", "indirect", "hospitals had run out of oxygen")),
    row("indirect-told-reporters-that",
        "Farm Minister Jan de Wit told reporters that the export ban would be lifted in June.",
        1, S("Jan de Wit", "indirect", "the export ban would be lifted in June")),
    row("indirect-said-on-tuesday-that",
        "Kofi Asante, who chairs the electoral commission, said on Tuesday that final results "
        "would be published within 48 hours.",
        1, S("Kofi Asante", "indirect", "final results would be published within 48 hours")),
    row("indirect-insisted-that",
        "Interior Minister Sofia Brandt insisted that the curfew was temporary.",
        1, S("Sofia Brandt", "indirect", "the curfew was temporary")),
    row("indirect-said-without-that",
        "Energy Minister Lars Eklund said gas reserves were 80 percent full.",
        1, S("Lars Eklund", "indirect", "gas reserves were 80 percent full")),
    row("indirect-he-added-that",
        "Energy Minister Lars Eklund said gas reserves were 80 percent full. He added that "
        "no rationing was planned this winter.",
        2,
        S("Lars Eklund", "indirect", "gas reserves were 80 percent full"),
        S("Lars Eklund", "indirect", "no rationing was planned this winter")),
    row("according-to-before-content",
        "According to Finance Minister Rahul Mehta, the deficit will fall below 3 percent "
        "next year.",
        1, S("Rahul Mehta", "indirect", "the deficit will fall below 3 percent next year")),
    row("according-to-after-content",
        "Turnout was the highest in two decades, according to Amina Diallo, the head of the "
        "national election commission.",
        1, S("Amina Diallo", "indirect", "Turnout was the highest in two decades")),
    row("spokesman-of-named-person-unnamed",
        "Mayor Tessa Grunwald’s spokesman said the bridge would reopen in May.",
        1, S(Unnamed("spokesman", not_name="Tessa Grunwald"), "indirect",
             "the bridge would reopen in May")),
    row("spokesman-for-body-with-name",
        "A spokesman for the health ministry, Joel Mwangi, said the outbreak was under control.",
        1, S("Joel Mwangi", "indirect", "the outbreak was under control")),

    # --- inversion, colon and dash introductions
    row("said-x-inversion",
        "“Prices will not come down this year,” said Maria Lopez, the trade minister.",
        1, S("Maria Lopez", "direct", "Prices will not come down this year")),
    row("colon-after-cue",
        "Prime Minister Ewa Kowal told parliament: “This budget protects pensions.”",
        1, S("Ewa Kowal", "direct", "This budget protects pensions")),
    row("colon-introduction-role-noun",
        "Finance Minister Karl Odum has been under pressure from bondholders for months. "
        "The minister was blunt: “We will not pay a cent more than we owe.”",
        1, S("Karl Odum", "direct", "We will not pay a cent more than we owe")),
    row("dash-introduction",
        "Labour Minister Ines Ortega had a short answer for the unions — “The reform stays.”",
        1, S("Ines Ortega", "direct", "The reform stays")),

    # --- pronouns
    row("pronoun-next-sentence",
        "Economy Minister Clara Diaz spent the morning with bankers in Madrid. She said "
        "interest rates would stay high until the autumn.",
        1, S("Clara Diaz", "indirect", "interest rates would stay high until the autumn")),
    row("pronoun-next-paragraph",
        "Opposition leader Samuel Okafor toured the flooded districts on Sunday.\n\n"
        "“The government abandoned these people,” he said.",
        1, S("Samuel Okafor", "direct", "The government abandoned these people")),
    row("pronoun-she-skips-a-man",
        "Chancellor Viktor Lenz welcomed Prime Minister Anna Holm to Vienna on Friday. She "
        "told reporters that the two countries would link their power grids by 2030.",
        1, S("Anna Holm", "indirect", "the two countries would link their power grids by 2030")),
    row("pronoun-he-skips-a-woman",
        "Defence Minister Karin Voss toured the air base with General Piotr Nowak.\n\n"
        "“Our air defences are ready,” he said.",
        1, S("Piotr Nowak", "direct", "Our air defences are ready")),

    # --- role nouns and appositions
    row("role-noun-trade-minister",
        "Trade Minister Maria Lopez arrived in Santiago on Monday. Later, the trade minister "
        "said copper exports would rise by a tenth this year.",
        1, S("Maria Lopez", "indirect", "copper exports would rise by a tenth this year")),
    row("role-noun-spokeswoman",
        "Grace Obi, a spokeswoman for the health ministry, said 40 new cases had been "
        "confirmed. The spokeswoman added that all of them were linked to one hospital.",
        2,
        S("Grace Obi", "indirect", "40 new cases had been confirmed"),
        S("Grace Obi", "indirect", "all of them were linked to one hospital")),
    row("role-noun-nationality-president",
        "Brazilian President Lucas Ferreira landed in Lisbon on Monday. “We came to sell beef "
        "and to buy wine,” the Brazilian president joked.",
        1, S("Lucas Ferreira", "direct", "We came to sell beef and to buy wine")),
    row("apposition-teaches-aliases",
        "Brazil’s foreign minister Ana Costa said on Monday that Brazil would not join the "
        "sanctions. Costa added that trade with both sides would continue. Later, the foreign "
        "minister told reporters that she hoped for a ceasefire by summer.",
        3,
        S("Ana Costa", "indirect", "Brazil would not join the sanctions"),
        S("Ana Costa", "indirect", "trade with both sides would continue"),
        S("Ana Costa", "indirect", "she hoped for a ceasefire by summer")),
    row("possessive-title",
        "The president’s spokesman John Hale said the summit would go ahead as planned.",
        1, S("John Hale", "indirect", "the summit would go ahead as planned")),

    # --- groups, capitals and organisations
    row("group-analysts",
        "Analysts said the central bank was likely to cut rates in March.",
        1, S(Group("analysts"), "indirect", "the central bank was likely to cut rates in March")),
    row("group-officials-in-capital",
        "Officials in Lisbon said the fishing quotas would not change next year.",
        1, S(Group("officials"), "indirect", "the fishing quotas would not change next year")),
    row("group-diplomats-warned",
        "Diplomats warned that the truce could collapse within days.",
        1, S(Group("diplomats"), "indirect", "the truce could collapse within days")),
    row("capital-for-government",
        "Paris said it would block the trade agreement unless farmers were protected.",
        1, S("France", "indirect", "it would block the trade agreement")),
    row("organisation-nato",
        "NATO said on Thursday that it would keep its air patrols over the Baltic states.",
        1, S("NATO", "indirect", "it would keep its air patrols over the Baltic states")),
    row("organisation-ministry",
        "The foreign ministry said the ambassador had been summoned.",
        1, S(Body("ministry"), "indirect", "the ambassador had been summoned")),
    row("organisation-statement-direct",
        "“Every vote will be counted,” the electoral commission said in a statement.",
        1, S(Body("commission"), "direct", "Every vote will be counted")),
    row("organisation-full-name",
        "The World Health Organization warned that measles cases had tripled in a year.",
        1, S("World Health Organization", "indirect", "measles cases had tripled in a year")),

    # --- quotation marks that are not statements, and text with no attribution
    row("scare-quotes-so-called",
        "Economists still argue about the so-called “peace dividend” of the 1990s.",
        0),
    row("scare-quotes-term",
        "Unlike her predecessor, the prime minister does not keep a “war cabinet” of loyal "
        "generals.",
        0),
    row("quoted-book-title",
        "The general’s memoir, “Salt and Iron,” sold 40,000 copies in its first week.",
        0),
    row("no-attribution",
        "Heavy rain closed schools across the region on Wednesday.",
        0),
    row("scare-quote-next-to-real-quote",
        "The march ended at the so-called “freedom bridge.” “We will be back every Saturday,” "
        "organiser Dario Conti said.",
        1, S("Dario Conti", "direct", "We will be back every Saturday")),

    # --- PolNeAR-style attributions (issue 2): marks, sources and cues beyond "said"
    row("doubled-apostrophe-quotes",
        "''The harbour will reopen on Friday,'' said Marta Lund, the port director. "
        "''We have cleared the wrecks.''",
        1, S("Marta Lund", "direct", ("The harbour will reopen on Friday", "We have cleared the wrecks"))),
    row("according-to-a-record",
        "Turnout rose to 64 percent, according to the final count.",
        1, S(Unnamed("count"), "indirect", "Turnout rose to 64 percent")),
    row("according-to-plan-is-no-source",
        "The convoy left at dawn, according to plan.",
        0),
    row("headline-name-colon",
        "Mayor Lena Park: Bridge Tolls Will Stay In Place\n\nHeavy rain closed the bridge on Monday.",
        1, S("Lena Park", "indirect", "Bridge Tolls Will Stay In Place")),
    row("label-colon-is-no-speaker",
        "Update: The bridge reopened at noon.",
        0),
    row("cue-denounce-as",
        "Senator Ruth Oyelaran denounced the tariff as a tax on farmers.",
        1, S("Ruth Oyelaran", "indirect", "the tariff as a tax on farmers")),
    row("cue-cite-object",
        "Councillor Tomas Ruiz cited rising rents.",
        1, S("Tomas Ruiz", "indirect", "rising rents")),
    row("cue-point-to",
        "Economy Minister Paulo Ferreira pointed to the falling exports.",
        1, S("Paulo Ferreira", "indirect", "the falling exports")),
    row("cue-talk-about",
        "Governor Eamon Walsh talked about the drought.",
        1, S("Eamon Walsh", "indirect", "the drought")),
    row("participle-saying-after-another-cue",
        "Carla Mendes, the union leader, rejected the offer on Tuesday, saying it ignored inflation.",
        2, S("Carla Mendes", "indirect", "the offer"), S("Carla Mendes", "indirect", "it ignored inflation")),
    row("participle-saying-speaks-for-any-subject",
        "The two surgeons left the hearing early, saying the questions were unfair.",
        1, S(Group("surgeons"), "indirect", "the questions were unfair")),
    row("said-so-stands-for-the-words",
        "The treasurer, Hana Kovacs, said so on Monday.",
        1, S("Hana Kovacs", "indirect", "so")),
    row("belief-hopes",
        "Mayor Ilse Brandt hopes the bridge will reopen by May.",
        1, S("Ilse Brandt", "indirect", "the bridge will reopen by May")),
    row("impression-seemed-without-source",
        "The ceasefire seemed to hold overnight.",
        1, S(None, "indirect", ("The ceasefire", "to hold overnight"))),
    row("impression-seems-like",
        "The new timetable seems like a fair compromise.",
        1, S(None, "indirect", ("The new timetable", "like a fair compromise"))),
    row("impression-passive-expected-without-source",
        "The budget vote is expected to pass easily.",
        1, S(None, "indirect", ("The budget vote", "to pass easily"))),
    row("impression-passive-to-be-participle",
        "The treaty is expected to be signed in Lagos.",
        1, S(None, "indirect", ("The treaty", "to be signed in Lagos"))),
    row("stance-adjective-with-its-preposition",
        "Senator Ana Vos has been critical of the port plan since March.",
        1, S("Ana Vos", "indirect", "of the port plan")),
    row("stance-adjective-passive-form-with-a-clause",
        "The dockers' union is convinced that the ferry will close.",
        1, S(Body("union"), "indirect", "that the ferry will close")),
    row("stance-adjective-with-another-preposition-is-no-stance",
        "Minister Karl Olsen is critical to the talks.",
        0),
    row("stance-adjective-under-a-speech-verb-is-the-speech-verbs",
        "Minister Karl Olsen said he was confident that the ferry would sail.",
        1, S("Karl Olsen", "indirect", "he was confident that the ferry would sail")),
    row("impression-passive-seen-as",
        "The port deal is widely seen as a threat to the fishing fleet.",
        1, S(None, "indirect", ("The port deal", "as a threat to the fishing fleet"))),
    row("impression-passive-considered-with-a-complement",
        "The new envoy is considered a moderate.",
        1, S(None, "indirect", ("The new envoy", "a moderate"))),
    row("judgement-passive-without-source",
        "The coast guard has been widely criticized for its slow response to the spill.",
        1, S(None, "indirect", ("The coast guard", "for its slow response to the spill"))),
    row("judgement-passive-with-a-complement",
        "The harbour levy was labeled a tax on fishermen.",
        1, S(None, "indirect", ("The harbour levy", "a tax on fishermen"))),
    row("judgement-passive-rated-as",
        "The harbour authority's bonds were rated as junk last year.",
        1, S(None, "indirect", ("The harbour authority's bonds", "as junk"))),
    row("judgement-passive-with-its-source-is-the-sources",
        "The ferry company was accused by Mayor Ana Ruiz of hiding the losses.",
        1, S("Ana Ruiz", "indirect", "of hiding the losses")),
    row("judgement-passive-denied-reports-no-judgement",
        "The inspectors were not accused of any wrongdoing.",
        0),
    row("passive-seen-doing-is-what-was-in-view",
        "The trawler was seen drifting towards the reef.",
        0),
    row("passive-supposed-to-is-what-ought-to-happen",
        "The new ferry timetable is supposed to start in May.",
        0),
    row("impression-taken-for-granted-is-not-reported",
        "Despite the plan seeming costly, the council approved it.",
        0),
    row("survey-opening-phrase",
        "In a poll released on Monday, the mayor led her rival by nine points.",
        1, S(Unnamed("poll"), "indirect", "the mayor led her rival by nine points")),
]


@pytest.mark.parametrize("text, count, expected", CASES)
def test_attribution(text: str, count: int, expected: list[S]) -> None:
    check(text, count, expected)


# --------------------------------------------------------------------------- actor facts

ACTOR_CASES = [
    pytest.param(
        "“Tariffs rarely work the way politicians promise,” said Nadia Fischer, an analyst "
        "at the Brookings Institution.",
        "Nadia Fischer", "analyst", None, id="analyst-think-tank"),
    pytest.param(
        "“Neither side has the money for a long war,” said Tobias Grant, a senior fellow at "
        "Chatham House.",
        "Tobias Grant", "analyst", None, id="analyst-senior-fellow"),
    pytest.param(
        "Liam Walsh, a correspondent for the Irish Times, wrote that the border crossing had "
        "been quiet all week.",
        "Liam Walsh", "journalist", None, id="journalist-correspondent"),
    pytest.param(
        "Sara Lindqvist, a reporter for Swedish Radio, said the polling stations had opened late.",
        "Sara Lindqvist", "journalist", None, id="journalist-reporter"),
    pytest.param(
        "The Ukrainian defence minister, Oleh Marchenko, said the front line had held overnight.",
        "Oleh Marchenko", "official", "Ukraine", id="official-nationality-adjective"),
    pytest.param(
        "French Foreign Minister Claire Dubois said the next round of talks would be held in Geneva.",
        "Claire Dubois", "official", "France", id="official-title-before-name"),
    pytest.param(
        "Brazil’s foreign minister Ana Costa said Brazil would stay neutral.",
        "Ana Costa", "official", "Brazil", id="official-possessive-country"),
    pytest.param(
        "Polish President Adam Wrona said the border would stay open to refugees.",
        "Adam Wrona", "official", "Poland", id="official-president"),
    pytest.param(
        "The Japanese trade minister, Kenji Sato, said tariffs on rice would stay in place.",
        "Kenji Sato", "official", "Japan", id="official-japanese-minister"),
    pytest.param(
        "Kenyan Health Minister Joyce Wanjiru said the clinics would reopen on Monday.",
        "Joyce Wanjiru", "official", "Kenya", id="official-health-minister"),
    pytest.param(
        "Mayor Ana Ruiz said the ferry would stop running in May.",
        "Ana Ruiz", "official", None, id="official-title-before-a-name-ner-missed"),
    pytest.param(
        "Mayor Ruiz said the ferry would stop running in May.",
        "Ruiz", "official", None, id="official-title-before-a-surname"),
    pytest.param(
        "Analysts said the election was too close to call.",
        Group("analysts"), "group", None, id="group-analysts-observers"),
    pytest.param(
        "Paris said it would veto the deal.",
        "France", "state", "France", id="state-capital"),
    pytest.param(
        "NATO said it would keep its patrols in place.",
        "NATO", "organization", ANY, id="organization-nato"),
]


def find_actor(doc, expected: Union[str, Group]):
    for actor in doc.actors:
        if isinstance(expected, str) and norm(actor.name) == norm(expected):
            return actor
        if isinstance(expected, Group) and actor.kind == "group" \
                and norm(expected.word) in norm(actor.name):
            return actor
    return None


@pytest.mark.parametrize("text, speaker, kind, side", ACTOR_CASES)
def test_actor_facts(text: str, speaker: Union[str, Group], kind: str, side) -> None:
    result = tealeaves.analyze(text)
    doc = result.documents[0]
    actor = find_actor(doc, speaker)
    listing = "\n".join(f"  {a.name!r} kind={a.kind!r} side={a.side!r} role={a.role!r}"
                        for a in doc.actors) or "  (no actors)"
    if actor is None:
        pytest.fail(f"\nTEXT: {text!r}\nno actor {describe_speaker(speaker)!r}; actors:\n{listing}",
                    pytrace=False)
    problems = []
    if actor.kind != kind:
        problems.append(f"kind: expected {kind!r}, got {actor.kind!r}")
    if side is not ANY and norm(actor.side) != norm(side):
        problems.append(f"side: expected {side!r}, got {actor.side!r}")
    if not any(st.speaker_id == actor.id for st in doc.statements):
        problems.append("no statement is attributed to this actor")
    if problems:
        pytest.fail(f"\nTEXT: {text!r}\nACTOR: {actor!r}\n" + "\n".join(f"  - {p}" for p in problems),
                    pytrace=False)


def test_quote_interrupted_by_its_cue_is_content_in_full() -> None:
    """'“A,” she said. “B.”' — both quoted pieces are the statement's content, not only the first."""
    text = "“The port is open,” said Ana Vidal. “The ferries run again tomorrow.”"
    statements = tealeaves.analyze(text).documents[0].statements
    assert len(statements) == 1
    content = [c.text for c in statements[0].content]
    assert any("The port is open" in c for c in content), content
    assert any("The ferries run again tomorrow" in c for c in content), content


def test_unclosed_doubled_apostrophe_is_a_warning_not_a_crash() -> None:
    """An opening '' that never closes yields a best-effort quote and a warning."""
    text = "''The harbour will reopen on Friday, said Marta Lund."
    doc = tealeaves.analyze(text).documents[0]
    assert any(w.kind == "unbalanced_quote" for w in doc.warnings)


def test_cue_inside_a_quote_carried_into_the_next_paragraph_is_quoted_words() -> None:
    """A quote left open at a paragraph's end and carried on by the next paragraph holds its
    own verbs: "I think" in it is the speaker's words, not a statement by "I"."""
    text = ("“We will rebuild the port, and I think the ferries will be back by May.\n\n"
            "“The money is there,” Mayor Ilse Brandt said.")
    statements = tealeaves.analyze(text).documents[0].statements
    cues = [s.cue.text for s in statements if s.cue]
    assert "think" not in cues, cues
    assert "said" in cues, cues


@pytest.mark.parametrize("text, quoted", [
    ("Readers wrote:\n”The levy is unfair.”", ["The levy is unfair."]),
    ("She said ”we will stay” and left.", ["we will stay"]),
    ("“We will stay,” she said. ”No one leaves.”", ["We will stay,", "No one leaves."]),
    ("“That could hurt her,“ said Ray Olsen. “We will see.”", ["That could hurt her,", "We will see."]),
])
def test_mark_typed_the_wrong_way_round_still_opens_or_closes_the_quote(text: str, quoted: list[str]) -> None:
    from tealeaves.nlp.quotes import find_quotes

    spans, problems = find_quotes(text)
    assert [text[q.start : q.end] for q in spans] == quoted
    assert problems == []


def test_quote_carried_into_a_paragraph_that_opens_with_a_mark_typed_the_wrong_way_round() -> None:
    from tealeaves.nlp.quotes import find_quotes

    text = "“The dam is safe,” the mayor said. “We will hold the line.\n\n”Nobody will lose a home.”"
    spans, problems = find_quotes(text)
    assert [(text[q.start : q.end], q.continues) for q in spans] == [
        ("The dam is safe,", False), ("We will hold the line.", False), ("Nobody will lose a home.", True)]
    assert problems == []


def test_cue_closing_its_paragraph_reports_a_next_paragraph_in_single_marks() -> None:
    doc = tealeaves.analyze("The governor added:\n\n‘The levy will be halved before the winter session.’").documents[0]
    assert [s.cue.text for s in doc.statements] == ["added"]
    assert "The levy will be halved" in doc.statements[0].content[0].text
