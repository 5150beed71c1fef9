"""tealeaves batch: Parquet output, errors, resume after a kill, and local = Ray."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from tealeaves.cli import cli
from tealeaves.engines.batch import run_batch
from tealeaves.engines.shards import DONE_DIR, ERRORS_FILE, TABLES, read_records
from tealeaves.models import Document
from tealeaves.tables import arrow_schema

# Short articles written for these tests (places and people invented).
ARTICLES = [
    '"We will not withdraw our ships," Admiral Lena Varga said on Monday.',
    'The foreign minister of Estoria, Piet Kaal, said his country wanted talks. "The door is open," he added.',
    'Officials in Norland warned that the blockade could last for months.',
    '"There is no crisis," a government spokeswoman told reporters. She said the fleet was on exercises.',
    'Prime Minister Ana Roe said Norland would respond "firmly and quickly" to any incursion.',
    'Analysts said neither side wanted a war. "Both are bluffing," said Tomas Ek, a researcher in Valdor.',
]


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    path = tmp_path / "articles.jsonl"
    lines = [json.dumps({"text": text, "meta": {"title": f"Story {i}", "publisher": "wire"}})
             for i, text in enumerate(ARTICLES, start=1)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def rules_only(monkeypatch):
    """Code signals with the rules alone: the quick tests need not load the embedding model."""
    monkeypatch.setenv("TEALEAVES_NO_EMBEDDINGS", "1")


def read_rows(out: Path, table: str) -> list[dict]:
    """Every row of one table of a batch dataset, sorted so runs can be compared."""
    rows = pq.read_table(out / table).to_pylist()
    return sorted(rows, key=lambda row: json.dumps(row, sort_keys=True, default=str))


def test_writes_one_parquet_file_per_table_and_shard_with_the_shared_schema(corpus, tmp_path, rules_only):
    out = tmp_path / "out"
    summary = run_batch(corpus, out, workers=1, shard_size=2)
    assert (summary.documents, summary.analysed, summary.shards, summary.errors) == (6, 6, 3, 0)
    for table in TABLES:
        files = sorted((out / table).glob("*.parquet"))
        assert len(files) == 3, table
        for file in files:  # empty tables too: every shard has the same schema
            assert pq.read_schema(file).equals(arrow_schema(table), check_metadata=False), file
    documents = read_rows(out, "documents")
    assert sorted(row["line"] for row in documents) == [1, 2, 3, 4, 5, 6]
    assert {row["title"] for row in documents} == {f"Story {i}" for i in range(1, 7)}
    statements = read_rows(out, "statements")
    assert len(statements) == summary.rows["statements"] > 0
    assert {row["document_id"] for row in statements} <= {row["id"] for row in documents}
    assert not (out / "_staging").exists()
    assert (out / ERRORS_FILE).read_text() == ""


def test_errors_file_lists_a_malformed_line_and_a_binary_file(tmp_path, rules_only):
    folder = tmp_path / "news"
    folder.mkdir()
    good = json.dumps({"text": ARTICLES[0]})
    (folder / "wire.jsonl").write_text(f'{good}\n{{"text": "unfinished\n{{"title": "no text"}}\n', encoding="utf-8")
    (folder / "scan.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (folder / "story.txt").write_text(ARTICLES[1], encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["batch", str(folder), "--out", str(out), "--workers", "1"])
    assert result.exit_code == 1, result.output
    assert "3 inputs failed" in result.output
    errors = [json.loads(line) for line in (out / ERRORS_FILE).read_text().splitlines()]
    by_source = {(Path(e["source"]).name, e["line"]): e["error"] for e in errors}
    assert "not valid JSON" in by_source[("wire.jsonl", 2)]
    assert "no 'text' field" in by_source[("wire.jsonl", 3)]
    assert "binary" in by_source[("scan.txt", None)]
    assert len(read_rows(out, "documents")) == 2


def test_jsonl_input_is_streamed_with_line_numbers_and_reasons(tmp_path):
    path = tmp_path / "big.jsonl"
    path.write_bytes(b'{"text": "One."}\n\nnot json\n{"text": "Two."}\n\xff\xfe{}\n')
    records = list(read_records(path))
    assert [type(r).__name__ for r in records] == ["Document", "InputError", "Document", "InputError"]
    assert [r.line for r in records] == [1, 3, 4, 5]
    assert "not UTF-8" in records[3].error


def test_a_jsonl_line_beyond_pythons_json_limits_is_one_error(tmp_path):
    path = tmp_path / "deep.jsonl"
    path.write_text('{"text": "One."}\n' + "[" * 100_000 + "\n" + '{"text": "Two."}\n', encoding="utf-8")
    records = list(read_records(path))
    assert [type(r).__name__ for r in records] == ["Document", "InputError", "Document"]
    assert records[1].line == 2 and records[1].error.endswith("fix or remove the line")


def test_parquet_input_gives_the_same_statements_as_jsonl(corpus, tmp_path, rules_only):
    table = pa.Table.from_pylist([json.loads(line) for line in corpus.read_text().splitlines()])
    pq.write_table(table, tmp_path / "articles.parquet")
    run_batch(corpus, tmp_path / "from_jsonl", workers=1, shard_size=4)
    run_batch(tmp_path / "articles.parquet", tmp_path / "from_parquet", workers=1, shard_size=4)
    assert read_rows(tmp_path / "from_parquet", "statements") == read_rows(tmp_path / "from_jsonl", "statements")
    titles = {row["title"] for row in read_rows(tmp_path / "from_parquet", "documents")}
    assert titles == {f"Story {i}" for i in range(1, 7)}


def test_a_rerun_recomputes_only_the_missing_shard(corpus, tmp_path, rules_only):
    out = tmp_path / "out"
    run_batch(corpus, out, workers=1, shard_size=2)
    before = {path: path.stat().st_mtime_ns for path in out.glob("*/*.parquet")}
    lost = sorted((out / DONE_DIR).iterdir())[1].name
    for table in TABLES:
        (out / table / f"{lost}.parquet").unlink()
    (out / DONE_DIR / lost).unlink()
    summary = run_batch(corpus, out, workers=1, shard_size=2)
    assert (summary.shards_skipped, summary.analysed) == (2, 2)
    after = {path: path.stat().st_mtime_ns for path in out.glob("*/*.parquet")}
    assert set(after) == set(before)
    changed = {path for path in after if after[path] != before.get(path)}
    assert changed == {out / table / f"{lost}.parquet" for table in TABLES}


def test_a_new_input_replaces_the_shards_of_the_old_one(corpus, tmp_path, rules_only):
    out = tmp_path / "out"
    run_batch(corpus, out, workers=1, shard_size=2)
    other = tmp_path / "other.jsonl"
    other.write_text(json.dumps({"text": ARTICLES[2]}) + "\n", encoding="utf-8")
    summary = run_batch(other, out, workers=1, shard_size=2)
    assert (summary.documents, summary.shards_skipped) == (1, 0)
    assert [row["text"] for row in read_rows(out, "documents")] == [ARTICLES[2]]


KILLABLE_RUN = """
import sys, time
from tealeaves.engines.batch import run_batch
run_batch(sys.argv[1], sys.argv[2], workers=1, shard_size=1, progress=lambda n: time.sleep(0.4))
"""


@pytest.mark.timeout(120)
def test_a_run_killed_midway_resumes_without_duplicate_rows(corpus, tmp_path, rules_only):
    out = tmp_path / "out"
    run = subprocess.Popen([sys.executable, "-c", KILLABLE_RUN, str(corpus), str(out)], env=os.environ.copy())
    deadline = time.monotonic() + 90
    while not (out / DONE_DIR).is_dir() or len(list((out / DONE_DIR).iterdir())) < 2:
        assert run.poll() is None, "the run ended before it could be killed"
        assert time.monotonic() < deadline, "no shard finished in time"
        time.sleep(0.02)
    run.send_signal(signal.SIGKILL)
    run.wait()
    finished = len(list((out / DONE_DIR).iterdir()))
    assert 2 <= finished < 6
    summary = run_batch(corpus, out, workers=1, shard_size=1)
    assert summary.shards_skipped == finished
    assert summary.analysed == 6 - finished
    documents = read_rows(out, "documents")
    assert len(documents) == len({row["id"] for row in documents}) == 6
    statements = read_rows(out, "statements")
    assert len(statements) == len({row["id"] for row in statements})
    assert not [path for path in out.rglob(".*")], "temporary files left behind"


def test_the_local_engine_matches_the_python_api(corpus, tmp_path, rules_only):
    from tealeaves.pipeline import analyze_documents
    from tealeaves.tables import arrow_table, rows

    out = tmp_path / "out"
    run_batch(corpus, out, workers=2, shard_size=2)
    documents = [r for r in read_records(corpus) if isinstance(r, Document)]
    expected = arrow_table("statements", [row for result in analyze_documents(documents)
                                          for row in rows(result)["statements"]]).to_pylist()
    assert read_rows(out, "statements") == sorted(expected, key=lambda row: json.dumps(row, sort_keys=True))


def test_unknown_engine_and_bad_shard_size_are_refused(corpus, tmp_path):
    with pytest.raises(ValueError, match="unknown engine"):
        run_batch(corpus, tmp_path / "out", engine="spark")
    with pytest.raises(ValueError, match="shard_size"):
        run_batch(corpus, tmp_path / "out", shard_size=0)


def test_ray_address_without_the_ray_engine_is_a_usage_error(corpus, tmp_path):
    result = CliRunner().invoke(cli, ["batch", str(corpus), "--out", str(tmp_path / "o"), "--ray-address", "auto"])
    assert result.exit_code == 2
    assert "--engine ray" in result.output


@pytest.mark.slow
@pytest.mark.timeout(300)
def test_local_and_ray_engines_produce_identical_records(corpus, tmp_path):
    pytest.importorskip("ray")
    local = run_batch(corpus, tmp_path / "local", engine="local", workers=2, shard_size=2)
    on_ray = run_batch(corpus, tmp_path / "ray", engine="ray", workers=2, shard_size=2)
    assert (on_ray.shards, on_ray.analysed) == (local.shards, local.analysed) == (3, 6)
    assert on_ray.rows == local.rows
    for table in TABLES:
        assert read_rows(tmp_path / "ray", table) == read_rows(tmp_path / "local", table), table
    assert sorted(p.name for p in (tmp_path / "ray" / DONE_DIR).iterdir()) == \
        sorted(p.name for p in (tmp_path / "local" / DONE_DIR).iterdir())


def test_a_document_over_its_time_budget_is_an_error_and_the_shard_goes_on(corpus, tmp_path, rules_only, stall_on):
    stall_on("blockade")
    out = tmp_path / "out"
    for _ in range(2):  # the rerun skips the finished shard and still lists its failure
        summary = run_batch(corpus, out, workers=1, shard_size=10, time_budget=0.5)
        assert summary.errors == 1
        (error,) = [json.loads(line) for line in (out / ERRORS_FILE).read_text(encoding="utf-8").splitlines()]
        assert (error["line"], error["error"]) == (3, "took longer than 0.5 s: split the document or raise --time-budget")
        assert len(read_rows(out, "documents")) == len(ARTICLES) - 1
