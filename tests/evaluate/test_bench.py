"""tealeaves bench: the corpus, the memory sampler, and one end-to-end run with all four rows."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest
from click.testing import CliRunner

from tealeaves.cli import cli
from tealeaves.evaluate.bench import (
    ANALYZE_COMMAND,
    PARSE_COMMAND,
    Measure,
    PeakMemory,
    build_corpus,
    fastest,
    format_table,
    report_rows,
    tree_rss,
    write_jsonl,
)

# Articles written for these tests (people and places invented).
ARTICLES = [
    '"Our patience is not unlimited," President Ilse Brandt said on Tuesday.',
    'The defence ministry of Corvia said the drills would end on Friday.',
    '"We seek no confrontation," said Foreign Minister Omar Diel. He added that talks could resume.',
]


@pytest.fixture
def articles(tmp_path: Path) -> Path:
    path = tmp_path / "articles.jsonl"
    path.write_text("".join(json.dumps({"text": t}) + "\n" for t in ARTICLES) + "not json\n", encoding="utf-8")
    return path


def test_the_corpus_is_the_first_articles_cycled_when_short(articles):
    assert [d.text for d in build_corpus(articles, 2)] == ARTICLES[:2]
    assert [d.text for d in build_corpus(articles, 7)] == ARTICLES * 2 + ARTICLES[:1]


def test_a_corpus_without_articles_is_refused(tmp_path):
    empty = tmp_path / "empty.jsonl"
    empty.write_text("not json\n", encoding="utf-8")
    with pytest.raises(ValueError, match="no readable articles"):
        build_corpus(empty, 3)


def test_the_corpus_round_trips_through_jsonl(articles, tmp_path):
    documents = build_corpus(articles, 3)
    write_jsonl(documents, tmp_path / "copy.jsonl")
    assert [d.id for d in build_corpus(tmp_path / "copy.jsonl", 3)] == [d.id for d in documents]


def test_peak_memory_counts_child_processes():
    child = subprocess.Popen([sys.executable, "-c", "import time; b = b'x' * 200_000_000; time.sleep(3)"])
    try:
        with PeakMemory(interval=0.02) as memory:
            time.sleep(1.5)
    finally:
        child.kill()
        child.wait()
    alone = psutil.Process().memory_info().rss
    assert memory.peak >= alone + 150_000_000
    assert tree_rss(psutil.Process()) < memory.peak


def test_the_table_shows_every_row_and_its_ratio():
    from rich.console import Console

    row = {"name": "spaCy parse", "articles_per_s": 10.0, "words_per_s": 8000, "ratio_to_parse": 1.0,
           "first_result_s": 0.5, "peak_rss_mib": 900.0, "seconds": 2.0}
    slower = row | {"name": "tealeaves, local engine", "articles_per_s": 8.0, "ratio_to_parse": 0.8}
    report = {"corpus": {"documents": 20, "words": 16000}, "workers": 2, "model_load_s": 0.5, "warm_up_s": 1.0,
              "cold_start_s": 3.0, "ray_start_s": None, "rows": [row, slower],
              "machine": {"model": "en_core_web_sm 3.8.0", "cpus": 2, "memory_gib": 8.0, "python": "3.11",
                          "spacy": "3.8", "date": "today"}}
    console = Console(width=160, record=True)
    console.print(format_table(report))
    text = console.export_text()
    assert "tealeaves, local engine" in text and "0.80" in text and "Ray start-up" not in text


def test_a_repeated_row_is_its_fastest_run_with_the_highest_peak_memory():
    runs = [Measure("local", 10, 900, seconds, 0.5, peak)
            for seconds, peak in ((3.0, 800.0), (2.5, 700.0), (4.0, 750.0))]
    row = fastest(runs)
    assert (row.seconds, row.peak_rss_mib, row.runs_s) == (2.5, 800.0, (3.0, 2.5, 4.0))
    assert fastest(runs[:1]) == runs[0] and runs[0].runs_s == ()


def test_the_analyze_command_is_measured_against_the_parse_command():
    """Like with like: a new process against a new process, both paying Python's start-up,
    imports and the model load; the other rows against the parse in this process."""
    rows = [Measure("spaCy parse", 40, 20_000, 10.0, 0.3, 900.0),
            Measure("tealeaves, local engine", 40, 20_000, 12.5, 1.0, 950.0),
            Measure(PARSE_COMMAND, 40, 20_000, 12.0, 2.0, 900.0), Measure(ANALYZE_COMMAND, 40, 20_000, 16.0, 4.0, 950.0)]
    ratios = {row["name"]: (row["ratio_to_parse"], row["floor"]) for row in report_rows(rows)}
    assert ratios == {"spaCy parse": (1.0, "spaCy parse"), "tealeaves, local engine": (0.8, "spaCy parse"),
                      PARSE_COMMAND: (0.833, "spaCy parse"), ANALYZE_COMMAND: (0.75, PARSE_COMMAND)}


@pytest.mark.slow
@pytest.mark.timeout(600)
def test_bench_runs_end_to_end_and_writes_all_six_rows(articles, tmp_path):
    pytest.importorskip("ray")
    out = tmp_path / "bench.json"
    result = CliRunner().invoke(cli, ["bench", "--docs", "4", "--input", str(articles), "--workers", "2",
                                      "--shard-size", "2", "--repeat", "2", "--json", str(out)])
    assert result.exit_code == 0, result.output
    report = json.loads(out.read_text())
    names = [row["name"] for row in report["rows"]]
    assert names == ["spaCy parse", "textacy direct_quotations", "tealeaves, local engine",
                     PARSE_COMMAND, ANALYZE_COMMAND, "tealeaves, Ray engine"]
    for row in report["rows"]:
        assert row["documents"] == 4 and row["words"] > 0
        assert row["articles_per_s"] > 0 and row["peak_rss_mib"] > 100
        assert 0 < row["first_result_s"] <= row["seconds"]
        assert len(row["runs_s"]) == 2 and row["seconds"] == min(row["runs_s"])
        assert row["name"] in result.output
        assert (row["cpu_s"] is None) == (row["name"] == "tealeaves, Ray engine")
    assert report["rows"][0]["ratio_to_parse"] == 1.0 and report["repeat"] == 2
    assert "fastest of 2 runs" in result.output
    assert report["cold_start_s"] > report["model_load_s"] > 0
    assert report["machine"]["cpus"] >= 1 and report["machine"]["spacy"]
