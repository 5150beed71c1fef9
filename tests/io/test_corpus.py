"""Ingesting a corpus: metadata, language, de-duplication, incremental runs, kill -9 safety."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tealeaves import tables
from tealeaves.io.corpus import (
    content_hash,
    dateline_date,
    detect_language,
    ingest,
    published_day,
    signature,
    translation_credit,
)
from tealeaves.io.readers import read_inputs
from tealeaves.models import Document, InputError, to_dict
from tealeaves.pipeline import analyze_documents
from tealeaves.sinks.export import export, read_export
from tealeaves.store.core import Store

SHARED = Path(__file__).resolve().parents[3] / "shared"
POLNEAR_DEV = SHARED / "corpus" / "polnear" / "polnear_dev.jsonl"
SEED = SHARED / "corpus" / "seed" / "geneva-2022-01-putin-ambiguity.txt"

# An article written for these tests (places and people invented).
PARAGRAPHS = [
    "PORT AVEL, March 3, 2023 — The foreign minister of Norland, Kasia Brandt, said on Monday that her "
    "government would not withdraw its patrol boats from the disputed strait.",
    "“We are not looking for a fight, but we will not be pushed out of our own waters,” Brandt told reporters "
    "after a cabinet meeting in the capital.",
    "Officials in Sudmark accused Norland of staging provocations near the fishing grounds and demanded that "
    "the boats leave within a week.",
    "Sudmark’s defence minister, Piotr Halvor, warned that his navy was “ready for any scenario” and said "
    "exercises would begin on Thursday.",
    "Brandt said later that talks with Sudmark could resume next month if both sides pulled back their ships.",
    "Analysts in the region said the quarrel was about fishing rights as much as national pride, and that "
    "neither government wanted a confrontation at sea.",
    "A spokesman for the regional council, Emil Strand, said the council had offered to host the talks and "
    "hoped both ministers would accept.",
    "Fishermen in Port Avel said their catches had fallen by half since the patrols began last autumn.",
]
ORIGINAL = "\n\n".join(PARAGRAPHS)
FRENCH = ("La ministre des affaires étrangères a déclaré lundi que son gouvernement ne retirerait pas ses "
          "bateaux du détroit. Les pêcheurs du port disent que leurs prises ont diminué de moitié depuis "
          "l'automne dernier, et le conseil régional propose d'accueillir les négociations.")
OTHER = ("Villagers in the hills of Sudmark said on Friday that a new road would open before the winter. "
         "“The road changes everything for our children,” said the mayor, Lena Wirth.")


def near_copies() -> dict[str, str]:
    """The original, three altered copies of it, an unrelated article and a French one."""
    return {
        "a-original.txt": ORIGINAL,
        "b-syndicated.txt": "Distributed by the Northern Wire Service. Reuse requires permission.\n\n" + ORIGINAL,
        "c-trimmed.txt": "\n\n".join(PARAGRAPHS[:-1]),
        "d-spacing.txt": ORIGINAL.replace("\n\n", "\n\n\n").replace(", ", ",  "),
        "e-other.txt": OTHER,
        "f-french.txt": FRENCH,
    }


@pytest.fixture
def corpus(tmp_path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name, text in near_copies().items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.mark.parametrize("text, credit", [
    ("GENEVA — Talks went on.\n\nTRANSLATION BY ANNA PETROVA\n", "ANNA PETROVA"),
    ("Some article.\n(Translated by: J. Smith)", "J. Smith"),
    ("A report by our correspondent, who translated nothing.", None),
])
def test_translation_credit(text, credit):
    assert translation_credit(text) == credit


@pytest.mark.parametrize("text, day", [
    ("PORT AVEL, March 3, 2023 — The minister said.", "2023-03-03"),
    ("MOSCOW, Jan. 12, 2022 (Wire) — Talks ended.", "2022-01-12"),
    ("12 January 2022 — Talks ended.", "2022-01-12"),
    ("2021-12-30: talks ended.", "2021-12-30"),
    ("The minister spoke in May about 2022 plans.", None),
])
def test_dateline_date(text, day):
    assert dateline_date(text) == day


def test_published_day_reads_iso_feed_dates_then_the_dateline():
    assert published_day("2022-01-10T08:00:00Z", "") == "2022-01-10"
    assert published_day("Mon, 10 Jan 2022 08:00:00 +0000", "") == "2022-01-10"
    assert published_day(None, "MOSCOW, Jan. 11, 2022 — Talks.") == "2022-01-11"
    assert published_day("sometime", "No date here.") is None


def test_language_and_copies():
    assert detect_language(ORIGINAL) == "en" and detect_language(FRENCH) == "fr"
    copies = near_copies()
    assert content_hash(copies["d-spacing.txt"]) == content_hash(ORIGINAL)
    assert content_hash(copies["c-trimmed.txt"]) != content_hash(ORIGINAL)
    original = signature(ORIGINAL)
    assert original.jaccard(signature(copies["b-syndicated.txt"])) > 0.8
    assert original.jaccard(signature(copies["c-trimmed.txt"])) > 0.8
    assert original.jaccard(signature(OTHER)) < 0.2


def test_feeds_and_saved_html_are_read(tmp_path):
    feed = tmp_path / "news.rss"
    feed.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Northern Wire</title>'
        "<item><title>Strait talks</title><link>https://example.org/strait</link>"
        "<pubDate>Mon, 06 Mar 2023 09:30:00 GMT</pubDate><author>desk@example.org (Desk)</author>"
        "<description>&lt;p&gt;Brandt said talks could resume.&lt;/p&gt;&lt;p&gt;Halvor warned of exercises.&lt;/p&gt;"
        "</description></item>"
        "<item><title>Empty</title><link>https://example.org/empty</link></item></channel></rss>",
        encoding="utf-8")
    saved = tmp_path / "urls.jsonl"
    html = "<html><head><title>Road</title></head><body><article>" + "".join(
        f"<p>{s}</p>" for s in OTHER.split(". ")) + "</article></body></html>"
    saved.write_text(
        '{"url": "https://example.org/road", "html": ' + __import__("json").dumps(html) + "}\n", encoding="utf-8")
    records = list(read_inputs([feed, saved]))
    entry, empty, page = records
    assert isinstance(entry, Document) and entry.title == "Strait talks" and entry.outlet == "Northern Wire"
    assert entry.url == "https://example.org/strait" and entry.published.startswith("2023-03-06")
    assert entry.text == "Brandt said talks could resume.\n\nHalvor warned of exercises."
    assert isinstance(empty, InputError) and "entry 2" in empty.error
    assert isinstance(page, Document) and page.url == "https://example.org/road" and "Lena Wirth" in page.text


def test_ingest_clusters_copies_flags_languages_and_is_idempotent(corpus, tmp_path, nlp):
    with Store.open(str(tmp_path / "corpus.db")) as store:
        first = ingest([corpus], store, nlp=nlp)
        assert (first.new, first.duplicates, first.not_english, first.errors) == (2, 3, 1, 0)
        [cluster] = store.clusters()
        sources = [Path(m.source).name for m in cluster.members]
        assert sources[0] == "a-original.txt" and sorted(sources[1:]) == ["b-syndicated.txt", "c-trimmed.txt",
                                                                         "d-spacing.txt"]
        listed = {Path(d["source"]).name: d for d in store.documents()}
        assert listed["f-french.txt"]["status"] == "not_english" and listed["f-french.txt"]["language"] == "fr"
        assert listed["f-french.txt"]["statements"] == 0
        assert listed["a-original.txt"]["day"] == "2023-03-03"
        # The story is counted once: only the original's statements are searchable.
        hits = store.search("patrol boats")
        assert hits and {h.document_id for h in hits} == {listed["a-original.txt"]["id"]}

        second = ingest([corpus], store, nlp=nlp)
        assert (second.new, second.duplicates, second.skipped) == (0, 0, 6)
        again = ingest([corpus], store, nlp=nlp, reanalyze=True)
        assert (again.new, again.reanalysed, again.duplicates, again.not_english) == (0, 2, 3, 1)
        assert len(store.clusters()) == 1 and store.stats()["tables"]["documents"] == 6


def test_two_ingests_of_the_same_input_count_each_document_new_once(tmp_path, nlp, monkeypatch):
    """A second ingest stores the documents this one has read and analysed but not yet stored:
    only the ingest whose transaction inserted a document counts it new."""
    from tealeaves.io import corpus as corpus_module

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "original.txt").write_text(ORIGINAL, encoding="utf-8")
    (corpus / "other.txt").write_text(OTHER, encoding="utf-8")
    db = str(tmp_path / "corpus.db")
    real_analyze = corpus_module.analyze_each
    other = {}

    def analyse_while_another_ingest_runs(documents, **options):
        outcomes = list(real_analyze(documents, **options))
        monkeypatch.setattr(corpus_module, "analyze_each", real_analyze)
        with Store.open(db) as elsewhere:
            other["summary"] = ingest([corpus], elsewhere, nlp=nlp)
        return iter(outcomes)

    monkeypatch.setattr(corpus_module, "analyze_each", analyse_while_another_ingest_runs)
    with Store.open(db) as store:
        summary = ingest([corpus], store, nlp=nlp)
        analysed = store.stats()["status"]["analysed"]
    first = other["summary"]
    assert first.new + summary.new == analysed == 2
    assert (first.new, summary.new, summary.reanalysed) == (2, 0, 2)


def test_changed_document_is_analysed_and_bad_inputs_recorded(corpus, tmp_path, nlp):
    with Store.open(str(tmp_path / "corpus.db")) as store:
        ingest([corpus], store, nlp=nlp)
        (corpus / "e-other.txt").write_text(OTHER + " The road cost twelve million crowns.", encoding="utf-8")
        (corpus / "g-empty.txt").write_text("  \n", encoding="utf-8")
        summary = ingest([corpus], store, nlp=nlp)
        assert (summary.new, summary.skipped, summary.errors) == (1, 5, 1)
        assert [e["source"] for e in store.errors()] == [str(corpus / "g-empty.txt")]


def test_a_document_over_its_time_budget_is_recorded_and_retried_next_run(corpus, tmp_path, nlp, monkeypatch, stall_on):
    from tealeaves import pipeline

    real = pipeline.find_drafts
    monkeypatch.setenv("TEALEAVES_NO_EMBEDDINGS", "1")  # quick: the rules alone
    with Store.open(str(tmp_path / "corpus.db")) as store:
        stall_on("Villagers")
        first = ingest([corpus], store, nlp=nlp, time_budget=1.5)
        assert (first.new, first.failed, first.errors) == (1, 1, 1), first.failures
        assert [(e.source, e.error) for e in first.failures] == [
            (str(corpus / "e-other.txt"), "took longer than 1.5 s: split the document or raise --time-budget")]
        assert [e["source"] for e in store.errors()] == [str(corpus / "e-other.txt")]
        monkeypatch.setattr(pipeline, "find_drafts", real)
        second = ingest([corpus], store, nlp=nlp)
        assert (second.new, second.failed) == (1, 0)
        assert {d["source"] for d in store.documents()} >= {str(corpus / "e-other.txt")}


def _random_articles(folder: Path, count: int) -> None:
    """Distinct articles from random words: no two are near copies."""
    rng = random.Random(7)
    names = ["Anna Berg", "Tomas Lind", "Mira Holm", "Jan Ek", "Eva Dahl", "Olle Sand", "Siri Falk", "Per Vik"]
    verbs = ["said", "warned", "told reporters", "insisted", "added"]
    things = ["talks", "boats", "fishing", "patrols", "exercises", "prices", "harbours", "guarantees", "roads",
              "elections", "schools", "taxes", "bridges", "storms", "ferries", "grain", "lamps", "mines"]
    for number in range(count):
        sentences = [f"{rng.choice(names)} {rng.choice(verbs)} that the {rng.choice(things)} of "
                     f"{rng.choice(things)} would {rng.choice(['grow', 'end', 'wait', 'change'])} "
                     f"near the {rng.choice(things)} by {rng.randint(1, 9999)}." for _ in range(8)]
        (folder / f"article-{number:03d}.txt").write_text(" ".join(sentences), encoding="utf-8")


def _consistent(db: Path) -> int:
    """Check the store file after a crash; returns the number of documents in it."""
    with sqlite3.connect(db) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        counts = connection.execute(
            'SELECT d."id", d."n_statements", (SELECT count(*) FROM statements s WHERE s."document_id" = d."id") '
            "FROM documents d").fetchall()
        indexed = connection.execute("SELECT count(*) FROM statements_fts").fetchone()[0]
        total = connection.execute("SELECT count(*) FROM statements").fetchone()[0]
    assert all(expected == found for _, expected, found in counts), "a half-written document"
    assert indexed == total
    return len(counts)


@pytest.mark.slow
def test_kill_9_mid_ingest_loses_nothing_committed(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    _random_articles(folder, 24)
    db = tmp_path / "corpus.db"
    command = [sys.executable, "-m", "tealeaves", "ingest", str(folder), "--db", str(db)]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    stored = 0
    while time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.2)
        if db.exists():
            try:
                with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as connection:
                    stored = connection.execute("SELECT count(*) FROM documents").fetchone()[0]
            except sqlite3.OperationalError:
                continue  # tables not made yet
            if stored >= 3:
                break
    assert process.poll() is None, "ingest ended before it could be killed: make the corpus larger"
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    committed = _consistent(db)
    assert 3 <= committed < 24
    finished = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert finished.returncode == 0, finished.stderr
    assert f"{committed} unchanged" in finished.stdout
    assert _consistent(db) == 24


@pytest.mark.slow
def test_acceptance_polnear_and_seed_copies(tmp_path, nlp):
    if not (POLNEAR_DEV.exists() and SEED.exists()):
        pytest.skip(f"{SHARED} not found: the shared corpus sits beside the repository in CI")
    folder = tmp_path / "corpus"
    folder.mkdir()
    lines = POLNEAR_DEV.read_text("utf-8").splitlines()[:12]
    (folder / "polnear.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    seed = SEED.read_text("utf-8")
    paragraphs = seed.split("\n\n")
    (folder / "seed.txt").write_text(seed, encoding="utf-8")
    (folder / "seed-syndicated.txt").write_text("This story was syndicated by a partner desk.\n\n" + seed, "utf-8")
    (folder / "seed-trimmed.txt").write_text("\n\n".join(paragraphs[:-2]), encoding="utf-8")
    (folder / "seed-spacing.txt").write_text(seed.replace("\n\n", "\n \n").replace(". ", ".  "), "utf-8")
    with Store.open(str(tmp_path / "corpus.db")) as store:
        first = ingest([folder], store, nlp=nlp)
        assert first.duplicates == 3 and first.errors == 0
        assert ingest([folder], store, nlp=nlp).new == 0
        seed_cluster = next(c for c in store.clusters() if any(m.source.endswith("seed.txt") for m in c.members))
        assert sorted(Path(m.source).name for m in seed_cluster.members) == [
            "seed-spacing.txt", "seed-syndicated.txt", "seed-trimmed.txt", "seed.txt"]
        stored = [r for r in store.results() if r.statements]
        fresh = list(analyze_documents([r.document for r in stored], nlp=nlp))
        assert stored == fresh
        for format_ in ("parquet", "jsonl"):
            export(store, tmp_path / format_, format_)
            rows = read_export(tmp_path / format_, format_)
            assert tables.results_from_rows(rows, {}) == list(store.results())
        ryabkov = store.search("", speaker="Ryabkov", limit=None)
        seed_result = next(r for r in stored if r.document.id == seed_cluster.members[0].id)
        assert {h.id for h in ryabkov} == {s.id for s in seed_result.statements if s.speaker_id == "sergei_ryabkov"}


def test_corpus_commands(tmp_path, monkeypatch):
    import json

    from click.testing import CliRunner

    from tealeaves.cli import cli

    article = tmp_path / "road.txt"
    article.write_text(OTHER, encoding="utf-8")
    monkeypatch.setenv("TEALEAVES_DB", str(tmp_path / "env.db"))
    runner = CliRunner()
    ingested = runner.invoke(cli, ["ingest", str(article)])
    assert ingested.exit_code == 0 and "1 new" in ingested.output
    with Store.open(str(tmp_path / "env.db"), readonly=True) as store:
        expected = store.search("road", limit=None)
        assert expected
    found = json.loads(runner.invoke(cli, ["search", "road", "--format", "json"]).output)
    assert [r["id"] for r in found] == [r.id for r in expected]
    named = json.loads(runner.invoke(cli, ["actors", "--format", "json"]).output)
    assert "Lena Wirth" in {a["name"] for a in named}
    exported = runner.invoke(cli, ["export", "--format", "jsonl", "--out", str(tmp_path / "out")])
    assert exported.exit_code == 0 and (tmp_path / "out" / "statements.jsonl").exists()
    missing = runner.invoke(cli, ["timeline", "--db", str(tmp_path / "none.db")])
    assert missing.exit_code == 2 and "run 'tealeaves ingest" in missing.output
    for command in ("ingest", "search", "actors", "timeline", "clusters", "export"):
        assert "Examples:" in runner.invoke(cli, [command, "--help"]).output


def test_ingest_reads_with_the_users_sides_file(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from tealeaves.cli import cli

    monkeypatch.setenv("TEALEAVES_NO_EMBEDDINGS", "1")
    article = tmp_path / "road.txt"
    article.write_text(OTHER, encoding="utf-8")
    db = str(tmp_path / "sides.db")
    assert CliRunner().invoke(cli, ["ingest", str(article), "--db", db]).exit_code == 0
    with Store.open(db, readonly=True) as store:
        assert "Hillmark" not in {a.side for a in store.actors()}
    sides = tmp_path / "sides.yaml"
    sides.write_text("Hillmark: {names: [Sudmark], adjectives: [Sudmarker], seats: []}\n", encoding="utf-8")
    again = CliRunner().invoke(cli, ["ingest", str(article), "--db", db, "--sides", str(sides), "--reanalyze"])
    assert again.exit_code == 0, again.output
    with Store.open(db, readonly=True) as store:
        assert "Hillmark" in {a.side for a in store.actors()}


def test_ingest_streams_documents_instead_of_reading_the_corpus_first(tmp_path, nlp, monkeypatch):
    from tealeaves.io import corpus as corpus_module
    from tealeaves.io.readers import read_text

    monkeypatch.setenv("TEALEAVES_NO_EMBEDDINGS", "1")
    read: list[int] = []

    def counted_inputs(paths, **options):
        for number in range(80):
            read.append(number)
            yield read_text(f"Mayor Lena Wirth said road {number} would open in week {number}.", f"road-{number}.txt")

    stored_after: list[int] = []
    real_add = Store.add

    def add(store, result, **kwargs):
        stored_after.append(len(read))
        return real_add(store, result, **kwargs)

    monkeypatch.setattr(corpus_module, "read_inputs", counted_inputs)
    monkeypatch.setattr(Store, "add", add)
    with Store.open(str(tmp_path / "corpus.db")) as store:
        summary = ingest(["unused"], store, nlp=nlp)
        assert summary.new == 80 and stored_after[0] < 80 and stored_after == sorted(stored_after)
        assert [r.document.source for r in store.results()] == [f"road-{n}.txt" for n in range(80)]



def test_each_document_is_stored_before_the_next_input_is_read(tmp_path, nlp, monkeypatch):
    """An ingest that dies while reading (killed, or an input that fails) keeps every document
    given before: each is analysed and stored before the next is read, not kept for a batch."""
    from tealeaves.io import corpus as corpus_module
    from tealeaves.io.readers import read_text

    monkeypatch.setenv("TEALEAVES_NO_EMBEDDINGS", "1")

    def inputs_then_death(paths, **options):
        yield read_text(OTHER, "good.txt")
        yield read_text(ORIGINAL, "also-good.txt")
        raise KeyboardInterrupt  # Ctrl-C while the third input is read

    monkeypatch.setattr(corpus_module, "read_inputs", inputs_then_death)
    db = str(tmp_path / "corpus.db")
    with Store.open(db) as store, pytest.raises(KeyboardInterrupt):
        ingest(["unused"], store, nlp=nlp)
    with Store.open(db, readonly=True) as store:
        assert [r.document.source for r in store.results()] == ["good.txt", "also-good.txt"]


# Articles written for these tests: one side reassuring on Monday and threatening on Tuesday,
# in two outlets' stories; another side the same week; the first side again weeks later.
SIDE_ARTICLES = {
    "monday.txt": "RIGA, May 8, 2023 — Latvia's foreign minister, Andris Kell, said on Monday that Latvia had no "
                  "intention of attacking its neighbour and that there was no reason to fear a war.\n\n"
                  "“Nobody in Latvia wants an invasion,” Kell told reporters after talks in the capital.\n\n"
                  "Fishermen on the coast said their catches had fallen.",
    "tuesday.txt": "RIGA, May 9, 2023 — Latvia's defence minister, Marta Roos, warned on Tuesday that Latvia would "
                   "strike back with force if the border incidents went on.\n\n"
                   "“An attack on our soldiers will be answered with war,” Roos said in a televised address.\n\n"
                   "The weather in the capital stayed mild.",
    "neighbour.txt": "TALLINN, May 9, 2023 — Estonia's prime minister, Kaja Tamm, said Estonia had no intention of "
                     "attacking anyone and that there was no reason to fear a war.\n\nThe harbour was busy.",
    "june.txt": "RIGA, June 20, 2023 — Latvia's navy chief, Peteris Ozols, warned that Latvia would answer any "
                "attack on its ships with war.\n\nThe harbour was quiet.",
}


@pytest.fixture(scope="module")
def side_store(tmp_path_factory, nlp) -> Path:
    folder = tmp_path_factory.mktemp("sides")
    for name, text in SIDE_ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    db = folder / "corpus.db"
    with Store.open(str(db)) as store:
        assert ingest([folder], store, nlp=nlp).new == len(SIDE_ARTICLES)
    return db


def test_mixed_messages_across_documents_of_one_side_within_the_window(side_store):
    from tealeaves.analysis.corpus import find_cross_document_mixed

    with Store.open(str(side_store)) as store:
        by_source = {Path(d["source"]).name: d["id"] for d in store.documents()}
        found = store.cross_mixed_messages()
        assert found and all(m.side == "Latvia" and m.kind == "reassurance_vs_threat" for m in found)
        assert {m.document_ids for m in found} == {(by_source["monday.txt"], by_source["tuesday.txt"])}
        statements = {(r.document.id, s.id): (r, s) for r in store.results() for s in r.statements}
        for message in found:
            (first, said_first), (second, said_second) = (
                statements[key] for key in zip(message.document_ids, message.statement_ids))
            assert (said_first.signal, said_second.signal) == ("reassure", "threaten")
            assert [d.day.isoformat() for d in message.documents] == [
                first.document.published[:10], second.document.published[:10]]
            assert [d.title for d in message.documents] == [first.document.title, second.document.title]
        speakers = {statements[(m.document_ids[0], m.statement_ids[0])][1].speaker_id for m in found}
        assert "andris_kell" in speakers
        assert [m["id"] for m in find_cross_document_mixed(store)] == [m.id for m in found]
        assert find_cross_document_mixed(store, window_days=0) == []
        assert [m["id"] for m in find_cross_document_mixed(store, window_days=60, max_pairs=1)] == [found[0].id]


def test_ingest_with_worker_processes_stores_what_one_process_does(side_store, tmp_path, nlp):
    """Two workers run the whole pipeline each; results come back and are stored in input order."""
    folder = side_store.parent
    with Store.open(str(tmp_path / "parallel.db")) as store:
        summary = ingest([folder / name for name in SIDE_ARTICLES] * 2, store, nlp=nlp, workers=2)
        assert (summary.new, summary.skipped) == (len(SIDE_ARTICLES), len(SIDE_ARTICLES))
        parallel = {r.document.id: r for r in store.results()}
        across = store.cross_mixed_messages()
    with Store.open(str(side_store)) as store:
        assert parallel == {r.document.id: r for r in store.results()}
        assert across == store.cross_mixed_messages()


def test_cross_document_mixed_messages_are_found_again_only_after_a_change(side_store, tmp_path, nlp, monkeypatch):
    """A run that stores nothing keeps them; a document stored or removed since (by an ingest
    killed before its end too) or another window makes the next ingest find them again."""
    import shutil

    from tealeaves.io import corpus as corpus_module

    db = tmp_path / "corpus.db"
    shutil.copy(side_store, db)
    folder = side_store.parent
    runs: list[int] = []
    real = corpus_module.update_cross_document_mixed

    def counted(store, settings, **kwargs):
        runs.append(kwargs["window_days"])
        return real(store, settings, **kwargs)

    monkeypatch.setattr(corpus_module, "update_cross_document_mixed", counted)
    week = corpus_module.CROSS_WINDOW_DAYS
    with Store.open(str(db)) as store:
        found = store.cross_mixed_messages()
        assert found and store.cross_mixed_settings()
        assert ingest([folder], store, nlp=nlp).skipped == len(SIDE_ARTICLES) and runs == []
        assert store.cross_mixed_messages() == found
        ingest([folder], store, nlp=nlp, window_days=0)
        assert runs == [0] and store.cross_mixed_messages() == []
        ingest([folder], store, nlp=nlp)
        assert runs == [0, week] and store.cross_mixed_messages() == found
        tuesday = next(d["id"] for d in store.documents() if d["source"].endswith("tuesday.txt"))
        store.delete(tuesday)  # as a run killed after a write and before its end leaves the store
        assert store.cross_mixed_settings() is None
    with Store.open(str(db)) as store:
        assert ingest([folder / "neighbour.txt"], store, nlp=nlp).skipped == 1
        assert runs == [0, week, week] and store.cross_mixed_messages() == []
        assert ingest([folder], store, nlp=nlp).new == 1
        assert runs == [0, week, week, week] and store.cross_mixed_messages() == found


def test_corpus_cli_filters_mixed_timeline_and_exports_round_trip(side_store, tmp_path):
    import json

    from click.testing import CliRunner

    from tealeaves.cli import cli

    runner = CliRunner()
    db = ["--db", str(side_store)]

    def rows(*args):
        result = runner.invoke(cli, [*args, *db, "--format", "json"])
        assert result.exit_code == 0, result.output
        return json.loads(result.stdout)

    with Store.open(str(side_store), readonly=True) as store:
        for filters in ({"side": "Latvia"}, {"speaker": "Roos"}, {"signal": "reassure"},
                        {"since": "2023-05-09", "until": "2023-05-09"}, {"outlet": "nowhere"}):
            expected = store.search("", limit=None, **filters)
            flags = [part for name, value in filters.items() for part in (f"--{name}", value)]
            assert [r["id"] for r in rows("search", "", *flags, "--limit", "1000")] == [r.id for r in expected]
        assert {r.speaker for r in store.search("", speaker="Roos")} == {"Marta Roos"}
        [war] = [r for r in rows("search", "invasion") if "invasion" in r["text"]]
        assert "[invasion]" in war["snippet"]
        assert rows("timeline", "--side", "Latvia") == to_dict(store.timeline("Latvia"))
        assert {r.side for r in store.timeline("Latvia")} == {"Latvia"}
        across = rows("mixed", "--scope", "across")
        assert across == to_dict(store.cross_mixed_messages())
        assert rows("mixed", "--side", "Estonia", "--scope", "across") == []
        for format_ in ("parquet", "csv", "jsonl"):
            out = tmp_path / format_
            assert runner.invoke(cli, ["export", *db, "--format", format_, "--out", str(out)]).exit_code == 0
            exported = read_export(out, format_)
            assert tables.results_from_rows(exported, {}) == list(store.results())
            assert exported["corpus_actors"] == store.actors()
            assert exported["cross_mixed_messages"] == store.cross_mixed_messages()


def test_dashboard_lists_mixed_messages_across_documents(side_store):
    from fastapi.testclient import TestClient

    from tealeaves.web.app import create_app

    client = TestClient(create_app(str(side_store)), base_url="http://127.0.0.1:8000")
    with Store.open(str(side_store), readonly=True) as store:
        across = store.cross_mixed_messages()
    listed = client.get("/mixed", params={"format": "json", "side": "Latvia"}).json()
    assert [r for r in listed if r["scope"] == "across"] == to_dict(across)
    page = client.get("/mixed", params={"side": "Latvia"}).text
    assert page.count('class="card mixed"') == len(listed) and "in two articles" in page
