"""``tealeaves actors``, ``mixed`` and ``search`` in the terminal: a record's short cells on one
aligned line and its long ones (documents, statements, explanations) whole on labelled lines
under it, never folded into a narrow column (a rich table spent most of a command's time
folding them)."""

from __future__ import annotations

import json
import random

import pytest
from click.testing import CliRunner

from tealeaves.cli import cli
from tealeaves.cli.corpus import rows_text
from tealeaves.evaluate.scale import cast, synthetic_result
from tealeaves.store.core import Store


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = str(tmp_path_factory.mktemp("rows") / "corpus.db")
    actors = cast()
    with Store.open(path) as store:
        for n in range(30):
            store.add(synthetic_result(n, random.Random(n), actors, days=3), pipeline_version="test")
    return path


def _shown(db: str, *args: str) -> tuple[list[str], list[dict]]:
    runner = CliRunner()
    text = runner.invoke(cli, [*args, "--db", db, "--limit", "8"], env={"COLUMNS": "80"})
    assert text.exit_code == 0, text.output
    rows = json.loads(runner.invoke(cli, [*args, "--db", db, "--limit", "8", "-f", "json"]).stdout)
    assert len(rows) == 8
    return text.stdout.splitlines(), rows


def _label(d: dict) -> str:
    return f"{d['title']} · {d['outlet']} · {d['day']} [{d['id']}]"


def test_each_actor_is_one_line_and_its_latest_document_whole_under_it(db):
    lines, rows = _shown(db, "actors")
    assert lines[0].split() == ["name", "role", "side", "documents", "statements"]
    heads = [n for n, line in enumerate(lines) if not line.startswith(" ")][1:]
    assert len(heads) == len(rows)
    for row, n in zip(rows, heads):
        assert lines[n].split() == [*row["name"].split(), *(row["role"] or "").split(), *(row["side"] or "").split(),
                                    str(row["documents"]), str(row["statements"])]
        assert lines[n + 1].split(None, 2) == ["latest", "document", _label(row["latest"])]


def test_each_mixed_message_lists_its_statements_documents_and_explanation_whole(db):
    lines, rows = _shown(db, "mixed")
    heads = [n for n, line in enumerate(lines) if not line.startswith(" ")][1:]
    assert len(heads) == len(rows)
    for row, start, end in zip(rows, heads, [*heads[1:], len(lines)]):
        assert lines[start].split() == [row["scope"], row["side"], row["kind"], f"{row['score']:.2f}"]
        ids = [line.split()[-1] for line in lines[start + 1:start + 1 + len(row["statement_ids"])]]
        assert ids == row["statement_ids"]
        assert [line for line in lines[start + 1:end] if any(line.endswith(_label(d)) for d in row["documents"])]
        assert lines[end - 1].split(None, 1) == ["explanation", row["explanation"]]


def test_each_search_hit_shows_its_statement_and_document_on_one_line_each(db):
    lines, rows = _shown(db, "search", "strait")
    for row in rows:
        assert f"statement  {row['text']}" in "\n".join(lines)
        assert any(line.endswith(f"document   {_label({**row, 'id': row['document_id']})}") for line in lines)


def test_numbers_align_right_and_an_empty_long_cell_is_left_out():
    rows = [("Ada", 7, ""), ("Bo", 12, "two\nlines")]
    text = rows_text(rows, {"name": lambda r: r[0], "count": lambda r: r[1], "notes": lambda r: r[2]},
                     below=("notes",))
    assert text.splitlines() == ["name  count", "Ada       7", "Bo       12", "  notes  two", "         lines"]
    assert rows_text([], {"name": str}) == ""
