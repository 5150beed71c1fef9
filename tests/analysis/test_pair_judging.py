"""How a candidate pair is judged (tealeaves.analysis.pairs): standoffs between sides that face
each other, on hand-built articles (the helpers of test_analysis.py)."""

import dataclasses

from tealeaves.analysis.pairs import aimed_sides
from tealeaves.analysis.standoffs import find_standoffs
from test_analysis import ACTORS, FILLER, Said, article

AT_DENMARK = Said("jonsson", ("demand",), "The Danish fleet must leave the fishing banks at once", "fishing banks")
ALSO_AT_DENMARK = Said("holm", ("threaten",), "Any Danish trawler left on the fishing banks will be boarded",
                       "fishing banks")
AT_ICELAND = Said("holm", ("threaten",), "Any Icelandic trawler left on the fishing banks will be boarded",
                  "fishing banks")


def test_two_sides_pressing_a_third_party_make_no_standoff():
    text, statements = article([AT_DENMARK], FILLER, [ALSO_AT_DENMARK])
    assert aimed_sides(statements[0], ACTORS) == aimed_sides(statements[1], ACTORS) == {"Denmark"}
    assert find_standoffs(statements, ACTORS, text=text) == []


def test_a_threat_aimed_at_the_demanding_side_answers_its_demand():
    text, statements = article([AT_DENMARK], FILLER, [AT_ICELAND])
    assert aimed_sides(statements[1], ACTORS) == {"Iceland"}  # "Icelandic" names Jonsson's side
    (standoff,) = find_standoffs(statements, ACTORS, text=text)
    assert standoff.statement_ids == ("s01", "s02") and set(standoff.sides) == {"Iceland", "Norway"}


def test_a_statement_faces_a_side_through_its_target():
    text, statements = article([AT_DENMARK], FILLER, [ALSO_AT_DENMARK])
    aimed = dataclasses.replace(statements[1], target="jonsson")
    assert aimed_sides(aimed, ACTORS) == {"Denmark", "Iceland"}
    (standoff,) = find_standoffs([statements[0], aimed], ACTORS, text=text)
    assert standoff.kind == "standoff"
