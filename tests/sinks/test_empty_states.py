"""Every empty section says its real cause: no statements, none of that kind, or speakers
without a side — never "statements have no signal codes" beside a table of threats."""

from __future__ import annotations

import dataclasses

import pytest
from fastapi.testclient import TestClient

from tealeaves.analysis.positions import positions
from tealeaves.sinks.empty import StatementCounts, no_mixed_messages, no_positions, no_standoffs
from tealeaves.sinks.report import render_report
from tealeaves.store.core import Store
from tealeaves.web.app import create_app
from web_records import harbour


def _without_sides(result):
    """The result with every speaker's side taken away (as for speakers of unknown countries)."""
    actors = tuple(dataclasses.replace(actor, side=None) for actor in result.actors)
    return dataclasses.replace(result, actors=actors, mixed_messages=(), standoffs=(), coherence={},
                               positions=positions(result.statements, {a.id: a for a in actors}))


def _uncoded(result):
    statements = tuple(dataclasses.replace(s, signal=None, signals=()) for s in result.statements)
    return dataclasses.replace(result, statements=statements, mixed_messages=(), standoffs=(),
                               positions=positions(statements, {a.id: a for a in result.actors}))


def _text(html: str) -> str:
    return " ".join(html.replace("&#39;", "'").split())


def test_counts_tell_the_causes_apart():
    sideless = StatementCounts.of([_without_sides(harbour())])
    assert (sideless.total, sideless.sided, sideless.positional, sideless.sided_positional) == (4, 0, 3, 0)
    assert "none of their speakers has a side" in no_positions(sideless)
    assert "none of the 4 statements is coded" in no_positions(StatementCounts.of([_uncoded(harbour())]))
    assert no_positions(StatementCounts()) == "No positions: no statements were found."
    assert "0 of the 4 statements have a speaker with a side" in no_mixed_messages(sideless)
    assert "come from 0 sides" in no_standoffs(sideless)
    assert "come from 1 side:" in no_standoffs(StatementCounts.from_rows([("Ostland", "threaten", 2)]))


def test_the_document_page_blames_missing_sides_not_missing_codes(tmp_path):
    result = _without_sides(harbour())
    with Store.open(str(tmp_path / "c.db")) as store:
        store.add(result, pipeline_version="test")
    client = TestClient(create_app(str(tmp_path / "c.db")), base_url="http://127.0.0.1:8000")
    page = _text(client.get(f"/documents/{result.document.id}").text)
    assert "threaten" in page  # the statement table shows the codes ...
    assert "have no signal codes" not in page  # ... so the empty sheet must not deny them
    assert "3 statements are demands, red lines, threats, offers, denials or reassurances, but none of their " \
           "speakers has a side" in page
    for path in ("/", "/mixed", "/timeline"):
        assert "none of the 4 statements has a speaker with a side" in _text(client.get(path).text) or \
            "0 of the 4 statements have a speaker with a side" in _text(client.get(path).text), path


@pytest.mark.parametrize("variant, cause", [
    (_without_sides, "none of their speakers has a side"),
    (_uncoded, "none of the 4 statements is coded"),
])
def test_the_report_says_why_its_sections_are_empty(variant, cause):
    html = _text(render_report([variant(harbour())]))
    assert cause in html and "have no signal codes" not in html
    assert "No mixed messages: they compare two statements of one side" in html or "No mixed messages: no side" in html


def test_an_empty_store_says_there_is_nothing_yet(tmp_path):
    with Store.open(str(tmp_path / "c.db")):
        pass
    client = TestClient(create_app(str(tmp_path / "c.db")), base_url="http://127.0.0.1:8000")
    assert "No documents yet" in client.get("/documents").text
    assert "No documents match these filters" in client.get("/documents?outlet=Nowhere").text
    assert "No positions: no statements were found." in client.get("/").text


def test_the_terminal_says_why_mixed_and_timeline_are_empty(tmp_path):
    from click.testing import CliRunner

    from tealeaves.cli import cli

    with Store.open(str(tmp_path / "c.db")) as store:
        store.add(_without_sides(harbour()), pipeline_version="test")
    for command, cause in (("mixed", "0 of the 4 statements have a speaker with a side"),
                           ("timeline", "none of the 4 statements has a speaker with a side")):
        result = CliRunner().invoke(cli, [command, "--db", str(tmp_path / "c.db")])
        assert result.exit_code == 0 and cause in " ".join(result.output.split()), result.output
