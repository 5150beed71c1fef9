"""Crashes, concurrent readers, a full or read-only disk and broken feeds lose nothing (issue 6).

``tealeaves ingest`` and ``tealeaves batch`` run in subprocesses that are SIGKILLed after
random (seeded) delays, several times in a row, then run to the end: every document committed
at any kill must be intact, none half-written, and the final store or dataset equal to a clean
run's. Readers (the store's API and the dashboard) run in threads while an ingest writes and
must never see a document without all its statements. The figures issue 6 asks for (kills
survived, records lost) are printed at the end of the module, like the fuzz counts.
"""

from __future__ import annotations

import collections
import contextlib
import errno
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any, Callable, Iterator

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from figure_line import print_figures
from tealeaves import tables
from tealeaves.cli import cli
from tealeaves.engines.shards import DONE_DIR, ERRORS_FILE, TABLES, shard_rows, write_shard
from tealeaves.io.readers import read_inputs
from tealeaves.models import Document, InputError
from tealeaves.store.core import Store
from tealeaves.web.app import create_app
from web_records import harbour, hostile

RULES_ONLY = {**os.environ, "TEALEAVES_NO_EMBEDDINGS": "1"}  # the subprocesses need not load torch
FIGURES: collections.Counter[str] = collections.Counter()  # kills survived, records checked and lost

# Invented people, places and words for the articles written by these tests.
PEOPLE = ["Minister Ada Korr", "Admiral Bo Lunde", "Envoy Cai Merin", "Mayor Dita Sorn", "Judge Eli Varro",
          "Senator Fenn Aldo", "Governor Gia Pell", "Ambassador Hal Tesk"]
VERBS = ["said", "warned", "told reporters", "insisted", "announced", "added"]
NOUNS = ["ferries", "grain", "tariffs", "patrols", "bridges", "harbours", "pensions", "lamps", "quarries",
         "railways", "vineyards", "beacons", "tunnels", "orchards", "salt", "archives", "kilns", "canals"]
ACTIONS = ["resume", "halt", "double", "wait", "shrink", "move", "return", "close"]


@pytest.fixture(scope="module", autouse=True)
def report_figures(request):
    """Print kills survived and records lost for the module (the figures issue 6 asks for)."""
    yield
    print_figures(request, "reliability", FIGURES)


def article(rng: random.Random) -> str:
    """A short article of statements from random words: no two are near copies."""
    sentences = []
    for _ in range(6):
        first, second = rng.sample(NOUNS, 2)
        sentences.append(f"{rng.choice(PEOPLE)} {rng.choice(VERBS)} that the {first} of {rng.choice(NOUNS)} "
                         f"would {rng.choice(ACTIONS)} before the {second} by {rng.randint(10, 99999)}.")
    quote = f'"We will {rng.choice(ACTIONS)} the {rng.choice(NOUNS)} {rng.randint(1, 999)} times," {rng.choice(PEOPLE)} said.'
    return " ".join(sentences[:3] + [quote] + sentences[3:])


def write_articles(folder: Path, count: int, seed: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    paths = [folder / f"story-{number:03d}.txt" for number in range(count)]
    for path in paths:
        path.write_text(article(rng), encoding="utf-8")
    return paths


def tealeaves(*args: str) -> list[str]:
    return [sys.executable, "-m", "tealeaves", *map(str, args)]


PLANTED_ERROR = 1  # the exit code of a run whose corpus holds one bad line, planted on purpose


def run_to_the_end(command: list[str], exit_code: int = 0) -> None:
    finished = subprocess.run(command, env=RULES_ONLY, capture_output=True, text=True, timeout=600)
    assert finished.returncode == exit_code, finished.stderr


def kill_at_random_points(command: list[str], rng: random.Random, attempts: int, progress: Callable[[], int],
                          check: Callable[[], None], exit_code: int = 0) -> int:
    """Start ``command`` again and again and SIGKILL it (and any child), then ``check`` what it
    left; stops early when a run ends by itself. Returns the kills.

    The first kill comes at a random moment of the start (model loading, migrations); later
    ones a random delay after the run has committed something new (``progress`` grows), so
    that they land while it writes, however slow the machine is today.
    """
    kills = 0
    for attempt in range(attempts):
        process = subprocess.Popen(command, env=RULES_ONLY, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                   start_new_session=True)
        if attempt:
            _wait_for_new_work(process, progress)
        try:
            process.wait(timeout=rng.uniform(0.1, 1.0))
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
            kills += 1
            check()
            continue
        assert process.returncode == exit_code, process.stderr.read().decode()
        break
    return kills


def _wait_for_new_work(process: subprocess.Popen, progress: Callable[[], int]) -> None:
    """Until the run has committed something beyond what was there when it started (or ended)."""
    before, deadline = progress(), time.monotonic() + 300
    while process.poll() is None and progress() <= before and time.monotonic() < deadline:
        time.sleep(0.05)


# --- the store after a crash ----------------------------------------------------------------


def committed(db: Path) -> dict[str, Any]:
    """Check a store left by a killed ingest; its documents (id -> record and corpus columns).

    The file is sound, no document lacks any of its statements, no row of any table belongs
    to a missing document and the full-text index holds exactly the stored statements.
    """
    if not db.exists():
        return {}  # killed before the store was made
    with contextlib.closing(sqlite3.connect(db)) as connection:  # read-write: recovers the WAL as a rerun would
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        names = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if not {"documents", "statements_fts"} <= names:
            return {}  # killed before the migrations were done
        half = connection.execute(
            'SELECT d."id" FROM documents d WHERE d."n_statements" <> '
            '(SELECT count(*) FROM statements s WHERE s."document_id" = d."id")').fetchall()
        assert not half, f"half-written documents: {half}"
        for table in tables.PER_DOCUMENT:
            orphans = connection.execute(f'SELECT count(*) FROM "{table}" WHERE "document_id" NOT IN '
                                         '(SELECT "id" FROM documents)').fetchone()[0]
            assert orphans == 0, f"{orphans} orphan rows in {table}"
        unindexed = connection.execute("SELECT count(*) FROM statements WHERE pk NOT IN "
                                       "(SELECT rowid FROM statements_fts)").fetchone()[0]
        stale = connection.execute("SELECT count(*) FROM statements_fts WHERE rowid NOT IN "
                                   "(SELECT pk FROM statements)").fetchone()[0]
        assert (unindexed, stale) == (0, 0), "the full-text index disagrees with the statements"
    return snapshot(db)


def stored(db: Path) -> int:
    """Documents committed so far (0 while the store is being made)."""
    try:
        with contextlib.closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True)) as connection:
            return connection.execute("SELECT count(*) FROM documents").fetchone()[0]
    except sqlite3.Error:
        return 0


def snapshot(db: Path) -> dict[str, Any]:
    """Every document's record, corpus columns (hash, status, cluster) and the error table."""
    with Store.open(str(db), readonly=True) as store:
        columns = {doc_id: {k: row[k] for k in ("content_hash", "status", "cluster_id", "pipeline_version")}
                   for doc_id, row in store.fingerprints().items()}
        documents = {r.document.id: {"record": r.to_dict(), **columns[r.document.id]} for r in store.results()}
        errors = sorted((e["source"], e["line"] or 0, e["error"]) for e in store.errors())
    return {**documents, "<errors>": errors} if errors else documents


def assert_kept(seen: dict[str, Any], final: dict[str, Any]) -> None:
    """Every document committed at a kill is in the final store, unchanged."""
    lost = [doc_id for doc_id, record in seen.items() if doc_id != "<errors>" and final.get(doc_id) != record]
    FIGURES["records checked after kills"] += len(seen) - ("<errors>" in seen)
    FIGURES["records lost"] += len(lost)
    assert not lost, f"committed documents lost or changed: {lost}"


@pytest.mark.slow
@pytest.mark.timeout(900)
def test_ingest_killed_again_and_again_ends_equal_to_a_clean_run(tmp_path):
    corpus = tmp_path / "corpus"
    write_articles(corpus, 120, seed=11)  # enough that runs last for several kills
    (corpus / "broken.jsonl").write_text('{"text": "The mayor said the canal would open."}\nnot json\n',
                                         encoding="utf-8")
    clean = tmp_path / "clean.db"
    run_to_the_end(tealeaves("ingest", corpus, "--db", clean), PLANTED_ERROR)
    expected = committed(clean)

    crashed = tmp_path / "crashed.db"
    command = tealeaves("ingest", corpus, "--db", crashed)
    seen: dict[str, Any] = {}

    def check() -> None:
        now = committed(crashed)
        assert_kept(seen, now)  # nothing committed before an earlier kill went missing
        seen.update(now)

    kills = kill_at_random_points(command, random.Random(2026), attempts=8, progress=lambda: stored(crashed),
                                  check=check, exit_code=PLANTED_ERROR)
    run_to_the_end(command, PLANTED_ERROR)
    final = committed(crashed)
    assert_kept(seen, final)
    FIGURES["ingest kills survived"] += kills
    assert kills >= 3 and len(seen) > 1
    assert final == expected


# --- the batch dataset after a crash --------------------------------------------------------


def dataset(out: Path) -> dict[str, list[str]]:
    """Check a batch output left by a killed run; its rows per table (as sorted JSON).

    A finished shard (with its ``_done`` marker) has every table's file with the rows the
    marker counts; a document row is never visible without its statements; statements
    belong to a document of their shard.
    """
    for marker in sorted((out / DONE_DIR).glob("shard-*")) if (out / DONE_DIR).is_dir() else []:
        counts = json.loads(marker.read_text(encoding="utf-8"))["rows"]
        for table in TABLES:
            assert pq.read_table(out / table / f"{marker.name}.parquet").num_rows == counts[table], (marker, table)
    rows: dict[str, list[str]] = {}
    for table in TABLES:
        files = sorted((out / table).glob("shard-*.parquet")) if (out / table).is_dir() else []
        rows[table] = sorted(json.dumps(row, sort_keys=True, default=str)
                             for path in files for row in pq.read_table(path).to_pylist())
    for path in sorted((out / "documents").glob("shard-*.parquet")) if (out / "documents").is_dir() else []:
        documents = {row["id"] for row in pq.read_table(path).to_pylist()}
        for table in tables.PER_DOCUMENT:
            assert (out / table / path.name).exists(), f"{path.name}: documents without their {table}"
            owners = {row["document_id"] for row in pq.read_table(out / table / path.name).to_pylist()}
            assert owners <= documents, f"{path.name}: {table} rows of another shard's documents"
    return rows


def jsonl_corpus(path: Path, count: int, seed: int) -> Path:
    rng = random.Random(seed)
    lines = [json.dumps({"text": article(rng), "title": f"Story {n}", "outlet": "Test Wire"}) for n in range(count)]
    lines.insert(count // 2, '{"text": "unfinished')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.slow
@pytest.mark.timeout(900)
def test_batch_killed_again_and_again_ends_equal_to_a_clean_run(tmp_path):
    source = jsonl_corpus(tmp_path / "articles.jsonl", 80, seed=5)  # enough shards that runs last for several kills
    clean = tmp_path / "clean"
    run_to_the_end(tealeaves("batch", source, "--out", clean, "--workers", "1", "--shard-size", "2"), PLANTED_ERROR)
    expected = dataset(clean)

    out = tmp_path / "crashed"
    command = tealeaves("batch", source, "--out", out, "--workers", "1", "--shard-size", "2")
    seen: set[str] = set()

    def check() -> None:
        done_rows = dataset(out)
        finished = {line for lines in done_rows.values() for line in lines}
        assert seen <= finished, "rows of a finished shard went missing"
        seen.update(finished)

    kills = kill_at_random_points(command, random.Random(7), attempts=6, check=check, exit_code=PLANTED_ERROR,
                                  progress=lambda: len(list((out / DONE_DIR).glob("shard-*"))))
    run_to_the_end(command, PLANTED_ERROR)
    FIGURES["batch kills survived"] += kills
    assert kills >= 3 and seen
    final = dataset(out)
    assert final == expected
    assert (out / ERRORS_FILE).read_text() == (clean / ERRORS_FILE).read_text() != ""
    assert not list(out.rglob(".*")), "temporary files left behind"


@pytest.mark.parametrize("fails_at", range(1, 2 * len(TABLES) + 1))
def test_a_shard_cut_short_between_its_files_shows_no_document_without_statements(tmp_path, monkeypatch,
                                                                                  fails_at):
    """A crash after any file write or rename of a shard (simulated) leaves the shard invisible
    or its document rows with every other table beside them."""
    calls = {"n": 0}

    def crash_on(original: Callable) -> Callable:
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            calls["n"] += 1
            if calls["n"] == fails_at:
                raise OSError(errno.EIO, "simulated crash")
            return original(*args, **kwargs)
        return wrapped

    import pyarrow.parquet

    monkeypatch.setattr(pyarrow.parquet, "write_table", crash_on(pyarrow.parquet.write_table))
    monkeypatch.setattr(Path, "replace", crash_on(Path.replace))
    with pytest.raises(OSError, match="simulated crash"):
        write_shard(tmp_path, "shard-000001-abc", *shard_rows([harbour(), hostile()]))
    monkeypatch.undo()
    assert not (tmp_path / DONE_DIR / "shard-000001-abc").exists()
    dataset(tmp_path)


# --- readers while a writer ingests ---------------------------------------------------------


class Readers:
    """Threads that read the store (API and dashboard) in a loop until told to stop; every
    document seen is recorded with its statements, to be compared once the writer is done."""

    def __init__(self, db: Path) -> None:
        self.db, self.stop = db, threading.Event()
        self.seen: dict[str, set[str]] = collections.defaultdict(set)  # id -> statement lists seen (JSON)
        self.problems: list[str] = []
        self.reads = collections.Counter()
        self.threads = [threading.Thread(target=self._loop, args=(read,), daemon=True)
                        for read in (self._store_api, self._dashboard)]

    def __enter__(self) -> "Readers":
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.stop.set()
        for thread in self.threads:
            thread.join(timeout=60)

    def _loop(self, read: Callable[[], None]) -> None:
        deadline = time.monotonic() + 300  # bounded even if the writer hangs
        while not self.stop.is_set() and time.monotonic() < deadline and len(self.problems) < 20:
            if not self.db.exists():
                time.sleep(0.05)
                continue
            try:
                read()
            except Exception as problem:  # every error is a finding, not a crash of the test thread
                if "no such table" not in str(problem):  # the migrations are not committed yet
                    self.problems.append(f"{read.__name__}: {type(problem).__name__}: {problem}")

    def _record(self, doc_id: str, statements: list[dict[str, Any]], where: str) -> None:
        self.seen[doc_id].add(json.dumps(statements, sort_keys=True))
        self.reads[where] += 1

    def _store_api(self) -> None:
        with Store.open(str(self.db), readonly=True) as store:
            for result in store.results():
                self._record(result.document.id, result.to_dict()["statements"], "store.results")
            store.search("will")
            store.search("", signal="threaten")
            store.timeline()
            store.actors()
            store.documents()
            self.reads["store queries"] += 5

    def _dashboard(self) -> None:
        client = TestClient(create_app(str(self.db)), base_url="http://127.0.0.1:8000")
        for path in ("/", "/actors", "/timeline", "/mixed", "/search?q=would", "/documents"):
            response = client.get(path)
            if response.status_code != 200:
                self.problems.append(f"{path}: {response.status_code} {response.text[:200]}")
        listed = client.get("/documents?format=json").json()
        for row in listed[:6]:
            response = client.get(f"/documents/{row['id']}?format=json")
            if response.status_code == 404:
                continue  # replaced since the list was read: a later read, not a torn one
            record = response.json()
            self._record(row["id"], record["statements"], "dashboard documents")
            if len(record["statements"]) != row["statements"]:
                self.problems.append(f"{row['id']}: listed with {row['statements']} statements, "
                                     f"shown with {len(record['statements'])}")


@pytest.mark.slow
@pytest.mark.timeout(900)
def test_readers_never_see_a_torn_document_while_an_ingest_writes(tmp_path):
    corpus = tmp_path / "corpus"
    paths = write_articles(corpus, 16, seed=3)
    db = tmp_path / "live.db"
    with Readers(db) as readers:
        run_to_the_end(tealeaves("ingest", corpus, "--db", db))
        first = snapshot(db)
        rng = random.Random(4)
        for path in paths[::2]:  # edited articles: each replaces its old version (a delete, then an add)
            path.write_text(article(rng), encoding="utf-8")
        run_to_the_end(tealeaves("ingest", corpus, "--db", db))
        time.sleep(0.5)
    final = snapshot(db)
    assert not readers.problems, readers.problems[:5]
    assert readers.reads["store.results"] and readers.reads["dashboard documents"], readers.reads
    truth = {doc_id: json.dumps(entry["record"]["statements"], sort_keys=True)
             for state in (first, final) for doc_id, entry in state.items() if doc_id != "<errors>"}
    torn = {doc_id: len(versions) for doc_id, versions in readers.seen.items() if versions != {truth[doc_id]}}
    FIGURES["documents read while writing"] += sum(readers.reads.values())
    assert not torn, f"documents seen without all their statements: {torn}"


def test_a_document_deleted_between_two_reads_is_seen_whole_or_not_at_all(tmp_path):
    """Deterministic twin of the test above: a writer deletes a document right after a reader
    has read its row and before the reader fetches its statements."""
    db = str(tmp_path / "store.db")
    with Store.open(db) as writer:
        writer.add(harbour(), pipeline_version="test")
        writer.add(hostile(), pipeline_version="test")
    doomed = harbour().document.id
    with Store.open(db) as writer, Store.open(db, readonly=True) as reader:
        query = reader.db.query

        def query_then_delete(sql: str, params: Any = ()) -> list[dict[str, Any]]:
            rows = query(sql, params)
            if 'FROM documents WHERE "id" IN' in sql:
                writer.delete(doomed)
            return rows

        reader.db.query = query_then_delete
        results = {r.document.id: r for r in reader.results()}
    assert doomed not in results or results[doomed] == harbour()
    assert results[hostile().document.id] == hostile()


# Each view reads the store (and the cursors of its first pages, read before any delete).
VIEWS_OF_SEVERAL_QUERIES: dict[str, Callable[[Store, dict[str, Any]], Any]] = {
    "search, a page": lambda s, c: s.search_page("said", limit=1),
    "search, the page after": lambda s, c: s.search_page("said", limit=1, after=c["search"]),
    "documents, the page after": lambda s, c: s.documents_page(limit=1, after=c["documents"]),
    "facets of a word within dates": lambda s, c: s.facets("said", since="2024-01-01"),
    "facets of the corpus": lambda s, c: s.facets(),
    "actors": lambda s, c: s.actors(),
    "summary": lambda s, c: s.summary(),
    "timeline": lambda s, c: s.timeline(),
    "mixed messages": lambda s, c: s.mixed_page(),
    "scope of a side": lambda s, c: s.scope(side="westmark"),
    "stats": lambda s, c: {k: v for k, v in s.stats().items() if k != "bytes"},  # a file's size is no snapshot's
}


def read_with_a_delete_after_query(db: Path, cut: int, read: Callable[[Store], Any]) -> tuple[Any, Any]:
    """What ``read`` answers when a writer deletes the harbour document right after the
    reader's query number ``cut``, and what it answers once the delete is done."""
    with Store.open(str(db)) as writer, Store.open(str(db), readonly=True) as reader:
        query, done = reader.db.query, collections.Counter()

        def query_then_delete(sql: str, params: Any = ()) -> list[dict[str, Any]]:
            rows = query(sql, params)
            done["queries"] += 1
            if done["queries"] == cut:
                writer.delete(harbour().document.id)
            return rows

        reader.db.query = query_then_delete
        answer = read(reader)
        reader.db.query = query
        return answer, read(reader)


@pytest.mark.parametrize("view", VIEWS_OF_SEVERAL_QUERIES, ids=list(VIEWS_OF_SEVERAL_QUERIES))
def test_a_view_of_several_queries_sees_a_document_deleted_meanwhile_whole_or_not_at_all(tmp_path, view):
    """Whichever of a view's queries a writer's delete falls after, the view answers as it
    would have before the delete or after it: never an error, never a mixture."""
    read = VIEWS_OF_SEVERAL_QUERIES[view]
    original = tmp_path / "store.db"
    with Store.open(str(original)) as writer:
        writer.add(harbour(), pipeline_version="test")
        writer.add(hostile(), pipeline_version="test")
    with Store.open(str(original), readonly=True) as reader:
        cursors = {"search": reader.search_page("said", limit=1)[1], "documents": reader.documents_page(limit=1)[1]}
        before = read(reader, cursors)
    with Store.open(str(original), readonly=True) as reader:  # a new reader, as each below
        calls = collections.Counter()
        query = reader.db.query
        reader.db.query = lambda sql, params=(): (calls.update(["query"]), query(sql, params))[1]
        read(reader, cursors)
    assert calls["query"] > 1, "a view of one query needs no snapshot"
    for cut in range(1, calls["query"]):
        db = tmp_path / f"cut{cut}.db"
        db.write_bytes(original.read_bytes())
        answer, after = read_with_a_delete_after_query(db, cut, lambda store: read(store, cursors))
        assert after != before, "the delete changes what the view shows"
        assert answer in (before, after), f"a delete after query {cut} of {calls['query']}"


# --- a full or read-only disk ---------------------------------------------------------------


@contextlib.contextmanager
def small_disk(folder: Path, size: str) -> Iterator[Path]:
    """A tmpfs of ``size`` mounted on ``folder`` (needs root: skipped otherwise)."""
    folder.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
                             capture_output=True, text=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here ({mounted.stderr.strip()}): the monkeypatched test covers it")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def fill(folder: Path) -> Path:
    """Write a file until the disk is full; returns it (delete it to free the space)."""
    filler = folder / "filler.bin"
    with filler.open("wb", buffering=0) as stream:  # unbuffered: closing has nothing left to write
        try:
            while True:
                stream.write(b"\0" * 65536)
                stream.flush()
        except OSError as error:
            assert error.errno == errno.ENOSPC
    return filler


def ingest_cli(*args: Any) -> Any:
    return CliRunner().invoke(cli, ["ingest", *map(str, args)])


def assert_one_line_store_error(result: Any, db: Path, words: str) -> None:
    assert result.exit_code != 0
    lines = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(lines) == 1, result.stderr
    assert str(db) in lines[0] and words in lines[0] and "run" in lines[0], lines[0]
    assert "Traceback" not in result.output + result.stderr


@pytest.fixture
def first_and_more(tmp_path, monkeypatch) -> tuple[Path, Path]:
    """Two folders of new articles: one ingested before the disk fills, one after."""
    monkeypatch.setenv("TEALEAVES_NO_EMBEDDINGS", "1")
    write_articles(tmp_path / "first", 3, seed=21)
    write_articles(tmp_path / "more", 3, seed=22)
    return tmp_path / "first", tmp_path / "more"


def test_a_full_disk_is_one_clear_error_and_the_store_keeps_what_it_had(tmp_path, first_and_more, nlp):
    first, more = first_and_more
    with small_disk(tmp_path / "disk", "3m") as disk:
        db = disk / "corpus.db"
        assert ingest_cli(first, "--db", db).exit_code == 0
        before = committed(db)
        filler = fill(disk)
        result = ingest_cli(more, "--db", db)
        filler.unlink()
        assert_one_line_store_error(result, db, "disk is full")
        assert committed(db) == before and len(before) == 3
        assert ingest_cli(more, "--db", db).exit_code == 0  # with space again, the run completes
        assert len(committed(db)) == 6


def test_a_read_only_disk_is_one_clear_error_and_the_store_still_opens(tmp_path, first_and_more, nlp):
    first, more = first_and_more
    with small_disk(tmp_path / "disk", "8m") as disk:
        db = disk / "corpus.db"
        assert ingest_cli(first, "--db", db).exit_code == 0
        before = committed(db)
        subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)
        result = ingest_cli(more, "--db", db)
        assert_one_line_store_error(result, db, "read-only")
        assert snapshot(db) == before and len(before) == 3
        search = CliRunner().invoke(cli, ["search", "", "--db", str(db), "--format", "json"])
        assert search.exit_code == 0 and json.loads(search.stdout)  # readers still work


@pytest.mark.parametrize("message, words", [
    ("database or disk is full", "disk is full"),
    ("attempt to write a readonly database", "read-only"),
])
def test_a_failing_write_is_one_clear_error_and_nothing_half_written(tmp_path, first_and_more, nlp, monkeypatch,
                                                                     message, words):
    """The same without root: every write of the second run fails as SQLite would say."""
    first, more = first_and_more
    db = tmp_path / "corpus.db"
    assert ingest_cli(first, "--db", db).exit_code == 0
    before = committed(db)
    original = Store.add

    def failing_add(self: Store, *args: Any, **kwargs: Any) -> None:
        with self.db.transaction():
            self.db.execute('DELETE FROM documents')  # half done when the disk gives out
            raise sqlite3.OperationalError(message)

    monkeypatch.setattr(Store, "add", failing_add)
    assert_one_line_store_error(ingest_cli(more, "--db", db), db, words)
    monkeypatch.setattr(Store, "add", original)
    assert committed(db) == before


# --- broken feeds and URL lists -------------------------------------------------------------

RSS_ENTRIES = [
    ("<item><title>Harbour</title><link>https://example.org/a</link><description>The harbour master said "
     "the ferries would resume on Monday.</description><pubDate>Mon, 02 Jan 2023 10:00:00 GMT</pubDate></item>",
     "ferries"),
    ("<item><title>No body</title><link>https://example.org/b</link></item>", None),
    ("<item><description>Without a title or a link, the mayor said the lamps would stay on.</description>"
     "<pubDate>the thirty-second of Smarch</pubDate></item>", "lamps"),
    ("<item><title>Blank</title><description>   </description></item>", None),
    ("<item><description>&lt;!-- only a comment --&gt;</description></item>", None),
    ("<item><title>Markup</title><description>&lt;html&gt;&lt;p&gt;The judge said the canal would close."
     "&lt;/p&gt;</description><pubDate>2023-13-45</pubDate></item>", "canal"),
]


def test_a_feed_with_broken_entries_gives_one_error_each_and_reads_the_rest(tmp_path):
    feed = tmp_path / "wire.rss"
    feed.write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>Test Wire</title>'
                    + "".join(entry for entry, _ in RSS_ENTRIES) + "</channel></rss>", encoding="utf-8")
    records = list(read_inputs([feed]))
    assert len(records) == len(RSS_ENTRIES)
    for number, (record, (_, word)) in enumerate(zip(records, RSS_ENTRIES), start=1):
        assert record.line == number
        if word is None:
            assert isinstance(record, InputError) and f"entry {number}" in record.error
        else:
            assert isinstance(record, Document) and word in record.text and "<" not in record.text
    assert records[0].published.startswith("2023-01-02") and records[0].url == "https://example.org/a"


def test_every_broken_entry_of_a_feed_is_kept_in_the_store(tmp_path, nlp):
    feed = tmp_path / "wire.rss"
    feed.write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>Test Wire</title>'
                    + "".join(entry for entry, _ in RSS_ENTRIES) + "</channel></rss>", encoding="utf-8")
    from tealeaves.io.corpus import ingest

    with Store.open(str(tmp_path / "store.db")) as store:
        summary = ingest([feed], store, nlp=nlp)
        lines = sorted(e["line"] for e in store.errors())
        assert lines == [2, 4, 5] and summary.errors == 3
        assert store.stats()["tables"]["documents"] == 3


@pytest.mark.parametrize("content", [
    '<entry><title>Plain</title><content type="text">The envoy said x &lt; y &amp; the tunnels &gt; z.</content></entry>',
    '<entry><title>Stray tag</title><content type="text">&lt;html&gt; The envoy said the tunnels would wait.</content></entry>',
    '<entry><title>Html</title><content type="html">&lt;html&gt;&lt;body&gt;The envoy said the tunnels would '
    'wait.</content></entry>',
])
def test_atom_text_content_is_read_as_written_and_odd_html_never_crashes(tmp_path, content):
    feed = tmp_path / "wire.atom"
    feed.write_text('<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
                    f"<title>Test Wire</title>{content}</feed>", encoding="utf-8")
    [record] = read_inputs([feed])
    assert isinstance(record, Document) and "tunnels" in record.text
    if 'type="text"' in content:
        assert "&lt;" not in record.text and ("<" in record.text) == ("&lt;" in content)


def test_a_truncated_feed_keeps_the_entries_before_the_cut(tmp_path):
    whole = ('<?xml version="1.0"?><rss version="2.0"><channel><title>Test Wire</title>'
             + RSS_ENTRIES[0][0] + RSS_ENTRIES[2][0] + "</channel></rss>")
    feed = tmp_path / "cut.rss"
    feed.write_text(whole[: whole.rindex("lamps") + 5], encoding="utf-8")
    records = list(read_inputs([feed]))
    assert records and isinstance(records[0], Document) and "ferries" in records[0].text
    assert all(isinstance(r, (Document, InputError)) for r in records)


SAVED_PAGE = ("<html><head><title>Canal</title></head><body><article><p>The lock keeper said on Monday that the "
              "canal would reopen in spring once the gates were mended.</p><p>\"We have waited long enough,\" "
              "she told reporters at the quay.</p></article></body></html>")


def test_a_url_list_with_missing_pages_gives_one_error_each_and_reads_the_rest(tmp_path):
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "canal.html").write_text(SAVED_PAGE, encoding="utf-8")
    (tmp_path / "pages" / "scan.html").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    listing = tmp_path / "urls.csv"
    listing.write_text("url,file,title,html\n"
                       "https://example.org/canal,pages/canal.html,Canal reopens\n"
                       "https://example.org/gone,pages/deleted.html,Gone\n"
                       "https://example.org/never-saved,,Not saved\n"
                       "https://example.org/binary,pages/scan.html,Binary\n"
                       f'https://example.org/inline,,Inline,"{SAVED_PAGE.replace(chr(34), chr(34) * 2)}"\n',
                       encoding="utf-8")
    records = list(read_inputs([listing]))
    assert [type(r).__name__ for r in records] == ["Document", "InputError", "InputError", "InputError", "Document"]
    assert [r.line for r in records] == [2, 3, 4, 5, 6]
    assert records[0].url == "https://example.org/canal" and records[0].title == "Canal reopens"
    assert "canal would reopen" in records[0].text and "canal would reopen" in records[4].text
    assert "deleted.html" in records[1].error and "no such file" in records[1].error
    assert "never fetches URLs" in records[2].error and "binary" in records[3].error



PRIVATE = "<html><body><article><p>The private diary said the vault code was 4711.</p></article></body></html>"


@pytest.fixture
def list_with_pages_outside(tmp_path) -> Path:
    """A URL list whose rows name pages outside its folder in every way, and two inside."""
    (tmp_path / "secret").mkdir()
    private = tmp_path / "secret" / "private.html"
    private.write_text(PRIVATE, encoding="utf-8")
    folder = tmp_path / "lists" / "week"
    (folder / "pages").mkdir(parents=True)
    (folder / "pages" / "canal.html").write_text(SAVED_PAGE, encoding="utf-8")
    (folder / "pages" / "diary.html").symlink_to(private)
    (folder / "pages" / "alias.html").symlink_to(folder / "pages" / "canal.html")
    listing = folder / "urls.csv"
    listing.write_text("url,file\n"
                       "https://example.org/dotdot,../../secret/private.html\n"
                       f"https://example.org/absolute,{private}\n"
                       "https://example.org/proc,/proc/self/environ\n"
                       "https://example.org/link,pages/diary.html\n"
                       "https://example.org/inside,pages/../pages/canal.html\n"
                       "https://example.org/alias,pages/alias.html\n", encoding="utf-8")
    return listing


def test_a_url_list_reads_no_page_outside_its_folder(list_with_pages_outside):
    records = list(read_inputs([list_with_pages_outside]))
    assert [type(r).__name__ for r in records] == ["InputError"] * 4 + ["Document"] * 2
    assert not any("vault" in r.text for r in records if isinstance(r, Document))
    reasons = ["its '..' leads outside", "an absolute path", "an absolute path", "a symbolic link leads outside"]
    for error, reason, row in zip(records[:4], reasons, range(2, 6), strict=True):
        assert error.source == str(list_with_pages_outside) and error.line == row
        assert error.error.startswith(f"row {row}: saved page ") and reason in error.error
        assert error.error.endswith("or give --pages-anywhere if you trust the list")


def test_pages_anywhere_lets_a_trusted_list_read_pages_outside_its_folder(list_with_pages_outside):
    records = list(read_inputs([list_with_pages_outside], pages_anywhere=True))
    by_url = {r.url: r for r in records if isinstance(r, Document)}
    assert {"https://example.org/dotdot", "https://example.org/absolute", "https://example.org/link"} <= set(by_url)
    assert all("vault code" in by_url[url].text for url in ("https://example.org/dotdot", "https://example.org/link"))


def test_the_command_line_refuses_pages_outside_unless_told(list_with_pages_outside, tmp_path):
    db = str(tmp_path / "corpus.db")
    refused = CliRunner().invoke(cli, ["ingest", str(list_with_pages_outside), "--db", db])
    assert refused.exit_code == 1 and "--pages-anywhere" in refused.stderr
    with Store.open(db, readonly=True) as store:
        assert not any("vault" in r.document.text for r in store.results())
    allowed = CliRunner().invoke(cli, ["analyze", str(list_with_pages_outside), "--pages-anywhere", "-f", "json"])
    assert "https://example.org/dotdot" in {d["url"] for d in json.loads(allowed.stdout)["documents"]}


def test_a_csv_that_is_not_a_url_list_is_one_clear_error(tmp_path):
    table = tmp_path / "numbers.csv"
    table.write_text("a,b\n1,2\n", encoding="utf-8")
    [record] = read_inputs([table])
    assert isinstance(record, InputError) and "'url'" in record.error


# --- generated feeds and URL lists ----------------------------------------------------------

FUZZ = settings(derandomize=True, database=None, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
RUNS = [pytest.param(150, id="quick"), pytest.param(2000, id="thorough", marks=pytest.mark.slow)]
MARKUP = st.lists(st.sampled_from([
    "The mayor said the kilns would close.", "<p>", "</p>", "<html>", "<body>", "<!-- note -->", "<br/>",
    "<script>alert(1)</script>", "<li>", "&amp;", "&bogus;", "<", ">", "\n\n", " ", "“quoted”", "مرحبا", "<![CDATA[x]]>",
]), max_size=10).map("".join)
FIELDS = st.fixed_dictionaries({}, optional={
    "title": st.text(max_size=20), "link": st.sampled_from(["https://example.org/x", "", "not a url", "javascript:x"]),
    "pubDate": st.sampled_from(["Mon, 02 Jan 2023 10:00:00 GMT", "yesterday", "2023-02-30", "", "99999"]),
    "description": MARKUP,
})


def feed_entry(fields: dict[str, str], escape: bool) -> str:
    from xml.sax.saxutils import escape as xml_escape

    inner = "".join(f"<{k}>{xml_escape(v) if escape or k != 'description' else '<![CDATA[' + v.replace(']]>', '') + ']]>'}</{k}>"
                    for k, v in fields.items())
    return f"<item>{inner}</item>"


@pytest.mark.parametrize("budget", RUNS)
def test_generated_feeds_give_one_record_per_entry_and_never_raise(tmp_path, budget):
    feed = tmp_path / "generated.rss"

    @settings(FUZZ, max_examples=budget)
    @given(st.lists(st.tuples(FIELDS, st.booleans()), min_size=1, max_size=6), st.floats(0.3, 1.0))
    def check(entries: list[tuple[dict[str, str], bool]], keep: float) -> None:
        FIGURES["generated feeds and URL lists tried"] += 1
        whole = ('<?xml version="1.0"?><rss version="2.0"><channel><title>Generated</title>'
                 + "".join(feed_entry(fields, escape) for fields, escape in entries) + "</channel></rss>")
        cut = keep < 0.7  # below 0.7 the file is truncated at a random point
        feed.write_text(whole[: int(len(whole) * keep)] if cut else whole, encoding="utf-8")
        records = list(read_inputs([feed]))
        assert all(isinstance(r, (Document, InputError)) for r in records)
        refused = len(records) == 1 and isinstance(records[0], InputError) and records[0].line is None
        if not (cut or refused):  # refused: the whole file, e.g. a NUL byte in a title: one error
            assert [r.line for r in records] == list(range(1, len(entries) + 1))
            for record in records:
                assert isinstance(record, InputError) or record.text.strip()

    check()


@pytest.mark.parametrize("budget", RUNS)
def test_generated_url_lists_give_one_record_per_row(tmp_path, budget):
    (tmp_path / "saved.html").write_text(SAVED_PAGE, encoding="utf-8")
    (tmp_path / "image.html").write_bytes(b"\x89PNG\x00\x00")
    (tmp_path / "empty.html").write_text("", encoding="utf-8")
    listing = tmp_path / "urls.csv"
    files = st.sampled_from(["saved.html", "image.html", "empty.html", "missing.html", "", "../saved.html",
                             "/nonexistent/x.html", "saved.html\x00"])

    @settings(FUZZ, max_examples=budget)
    @given(st.lists(st.tuples(st.text(max_size=12), files, st.sampled_from(["", SAVED_PAGE, "<p>", "<html>"])),
                    min_size=1, max_size=6))
    def check(rows: list[tuple[str, str, str]]) -> None:
        FIGURES["generated feeds and URL lists tried"] += 1
        import csv
        import io

        text = io.StringIO()
        writer = csv.writer(text)
        writer.writerow(["url", "file", "html"])
        writer.writerows(rows)
        listing.write_text(text.getvalue(), encoding="utf-8", errors="surrogatepass")
        records = list(read_inputs([listing]))
        if "\x00" in text.getvalue():  # NUL bytes: the file is refused whole, as any text file
            assert len(records) == 1 and "binary" in records[0].error
            return
        assert len(records) == len(rows)
        assert [r.line for r in records] == sorted(r.line for r in records)
        for record, (_, file, html) in zip(records, rows):
            if html == SAVED_PAGE or (file == "saved.html" and not html):  # the HTML given wins over a file
                assert isinstance(record, Document) and "canal" in record.text, record

    check()


def test_readers_open_a_store_on_a_read_only_disk_without_its_wal_files(tmp_path, monkeypatch):
    """On a read-only mount a store in WAL mode cannot get its -shm index: readers open it
    immutable (the existing -wal/-shm files of a store still open elsewhere are no help here)."""
    with small_disk(tmp_path / "disk", "8m") as disk:
        db = disk / "corpus.db"
        with Store.open(str(db)) as store:
            store.add(harbour("2024-03-01", "Harbour Wire"), pipeline_version="test")
        assert sorted(p.name for p in disk.iterdir()) == ["corpus.db"]  # the last close removed -wal and -shm
        subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)
        for command in (["search", ""], ["timeline"], ["actors"]):
            result = CliRunner().invoke(cli, [*command, "--db", str(db), "--format", "json"])
            assert result.exit_code == 0 and json.loads(result.stdout), (command, result.output)
        served = {}
        monkeypatch.setattr("uvicorn.run", lambda app, **options: served.update(app=app))
        result = CliRunner().invoke(cli, ["serve", str(db)])
        assert result.exit_code == 0 and "not a tealeaves store" not in result.output, result.output
        page = TestClient(served["app"], base_url="http://127.0.0.1:8000").get("/documents?format=json")
        assert page.status_code == 200 and [d["outlet"] for d in page.json()] == ["Harbour Wire"]
        assert sorted(p.name for p in disk.iterdir()) == ["corpus.db"]


def test_a_read_only_disk_with_unread_wal_writes_is_one_clear_error(tmp_path):
    """Writes still in the -wal file cannot be read without -shm on a read-only disk: say so
    rather than show the store as it was before them."""
    with small_disk(tmp_path / "disk", "8m") as disk:
        db = disk / "corpus.db"
        with Store.open(str(db)) as store:
            store.add(harbour("2024-03-01", "Harbour Wire"), pipeline_version="test")
        writer = ("import os, sqlite3, sys; c = sqlite3.connect(sys.argv[1]); "
                  "c.execute('PRAGMA wal_autocheckpoint=0'); c.execute(\"UPDATE documents SET title = 'late'\"); "
                  "c.commit(); os._exit(0)")  # a writer that dies: its WAL and -shm stay
        subprocess.run([sys.executable, "-c", writer, str(db)], check=True)
        Path(f"{db}-shm").unlink()  # as on a copy made without it
        subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)
        result = CliRunner().invoke(cli, ["search", "", "--db", str(db), "--format", "json"])
        assert result.exit_code != 0 and "Traceback" not in result.stderr
        assert "corpus.db-wal" in result.stderr and "cannot be read on this read-only disk" in result.stderr


# --- a hostile batch (issue 23) -------------------------------------------------------------

GOOD_ARTICLE = """HARBOURTOWN, May 4 -- The port minister, Jane Doe, said on Monday that the ferries would run again.

"We will reopen the harbour next week," Ms. Doe told reporters. The opposition leader, Tom Reed, warned that the repairs were not finished.

"Nobody should board a ferry until the inspectors are done," Mr. Reed said.
"""


@pytest.mark.slow
def test_a_hostile_batch_ends_within_its_budget_in_bounded_memory_and_names_each_bad_input(tmp_path):
    """100 KB of quotation marks (minutes in spaCy's tokenizer before), 50,000 short quoted
    sentences (5.8 GB before) and a good article, ingested by two workers with a 10 s budget:
    the run ends within the budget plus start-up, the process tree's resident memory (summed,
    shared pages counted in each process) stays under 2.5 GB, the good article is stored, and
    each bad input is either stored with a warning naming the cut or reported as an error."""
    import psutil

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a-quotes.txt").write_text('"' * 100_000, encoding="utf-8")
    flood = " ".join(f'"{word}," {who} said.' for word, who in zip(["No", "Yes", "Never", "Soon", "Go"] * 10_000,
                                                                     ["he", "she", "Kim", "Ortiz"] * 12_500))
    (folder / "b-flood.txt").write_text(flood, encoding="utf-8")
    (folder / "c-good.txt").write_text(GOOD_ARTICLE, encoding="utf-8")
    db, budget, start_up = tmp_path / "hostile.db", 10, 45
    with (tmp_path / "out.txt").open("w") as out, (tmp_path / "err.txt").open("w") as err:
        started = time.monotonic()
        process = psutil.Popen([sys.executable, "-m", "tealeaves", "ingest", str(folder), "--db", str(db),
                                "--workers", "2", "--time-budget", str(budget)], stdout=out, stderr=err)
        peak = 0
        while process.poll() is None:
            with contextlib.suppress(psutil.Error):
                tree = [process, *process.children(recursive=True)]
                peak = max(peak, sum(p.memory_info().rss for p in tree))
            time.sleep(0.05)
        elapsed = time.monotonic() - started
    print(f"\nhostile batch: {elapsed:.1f} s, peak resident memory of the process tree {peak / 2**30:.2f} GB")
    assert process.returncode in (0, 1), (tmp_path / "err.txt").read_text()
    assert elapsed < budget + start_up, elapsed
    assert peak < 2.5 * 2**30, peak
    with Store.open(str(db)) as store:
        stored = {Path(r.document.source).name: r for r in store.results()}
        failed = {Path(e["source"]).name: e["error"] for e in store.errors()}
    assert stored["c-good.txt"].statements
    for name in ("a-quotes.txt", "b-flood.txt"):
        named = name in failed and "took longer than 10 s" in failed[name]
        cut = name in stored and any(w.kind == "cut" for w in stored[name].warnings)
        assert named or cut, (name, failed, list(stored))
