"""A timeline row lists the first documents of its side's day and says when there are more."""

from __future__ import annotations

import random

from click.testing import CliRunner

from tealeaves.cli import cli
from tealeaves.evaluate.scale import cast, synthetic_result
from tealeaves.store.core import Store


def test_the_cli_timeline_says_a_busy_day_has_more_documents(tmp_path):
    db = str(tmp_path / "busy.db")
    actors = cast()
    with Store.open(db) as store:
        for n in range(40):  # 40 documents over two days
            store.add(synthetic_result(n, random.Random(n), actors, days=2), pipeline_version="test")
    done = CliRunner().invoke(cli, ["timeline", "--db", db, "--limit", "1"], env={"COLUMNS": "400"})
    assert done.exit_code == 0, done.output
    assert "… and more" in done.output
