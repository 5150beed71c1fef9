"""``tealeaves timeline`` in the terminal: every side-day's counts, signals and documents, as
plain lines that a narrow terminal does not fold (a rich table spent most of the command's
time folding them)."""

from __future__ import annotations

import json
import random

from click.testing import CliRunner

from tealeaves.cli import cli
from tealeaves.evaluate.scale import cast, synthetic_result
from tealeaves.store.core import Store


def test_each_side_day_shows_its_counts_signals_and_documents_whole_at_80_columns(tmp_path):
    db = str(tmp_path / "corpus.db")
    actors = cast()
    with Store.open(db) as store:
        for n in range(30):
            store.add(synthetic_result(n, random.Random(n), actors, days=3), pipeline_version="test")
    runner = CliRunner()
    text = runner.invoke(cli, ["timeline", "--db", db], env={"COLUMNS": "80"})
    rows = json.loads(runner.invoke(cli, ["timeline", "--db", db, "-f", "json"]).stdout)
    assert text.exit_code == 0, text.output
    lines = text.stdout.splitlines()
    starts = [n for n, line in enumerate(lines) if line[:4].isdigit()]
    assert len(starts) == len(rows) > 1
    for row, start, end in zip(rows, starts, [*starts[1:], len(lines)]):
        head, *block = lines[start:end]
        assert head.split() == [row["day"], *row["side"].split(), str(row["statements"]), str(row["up"]),
                                str(row["down"]), str(row["escalation"])]
        assert block[0].split(None, 1) == ["signals", ", ".join(f"{k} {v}" for k, v in row["signals"].items())]
        listed = [line[13:] for line in block[1:]]
        assert listed[:len(row["documents"])] == [
            f"{d['title']} · {d['outlet']} · {d['day']} [{d['id']}]" for d in row["documents"]]
        assert listed[len(row["documents"]):] in ([], ["… and more"])
    assert any("… and more" in line for line in lines)  # 30 documents over 3 days: busy days
