"""An analyst's corrections: kept in the store, applied everywhere, kept across re-ingest and
--reanalyze, recorded by 'tealeaves correct' and by 'tealeaves review' driven by scripted keys."""

from __future__ import annotations

import dataclasses
import json

import pytest
from click.testing import CliRunner

from corrections_article import ARTICLE
from postgres_server import postgres_url, store_url  # noqa: F401 (fixtures)
from tealeaves.cli import cli
from tealeaves.io.corpus import ingest
from tealeaves.sinks.export import export, read_export
from tealeaves.sinks.report import store_report
from tealeaves.store import aggregates
from tealeaves.store import corrections as fixes
from tealeaves.store.core import Store
from tealeaves.store.corrections import Correction, CorrectionError
from web_records import harbour


def _agg(store: Store) -> dict[str, list]:
    return {t: sorted(map(lambda r: tuple(r.values()), store.db.query(f'SELECT * FROM "{t}"')))
            for t in aggregates.TABLES}


@pytest.fixture
def store(store_url):  # noqa: F811 (a fixture)
    """The hand-made harbour article in a store, on SQLite and on PostgreSQL."""
    with Store.open(store_url) as opened:
        opened.add(harbour(), pipeline_version="test")
        opened.url = store_url
        yield opened


def _fix(store: Store, statement_id: str, action: str, **value) -> int:
    return fixes.record(store, Correction(action, value, who="ann", why="checked",
                                          **fixes.statement_key(store, statement_id)))


def _statements(store: Store) -> dict[str, object]:
    return {s.id: s for r in store.results() for s in r.statements}


def test_a_signal_correction_applies_in_search_export_timeline_report_and_aggregates(store, tmp_path):
    [threat] = store.search("", signal="threaten")
    assert _fix(store, threat.id, "signal", signal="demand") == 1
    assert not store.search("", signal="threaten")
    assert [r.id for r in store.search("consequences")] == [threat.id]
    assert store.search("consequences")[0].signal == "demand"
    westmark = store.timeline("Westmark")[0].signals
    assert westmark.get("demand") == 1 and "threaten" not in westmark
    export(store, tmp_path / "out", "jsonl")
    exported = {r["id"]: r["signal"] for r in read_export(tmp_path / "out", "jsonl")["statements"]}
    assert exported[threat.id] == "demand"
    assert "threaten" not in {m["signal"] for m in store.signal_mix()}
    html, _ = store_report(store.url)
    assert '"signal": "demand"' in html and '"signal": "threaten"' not in html
    # The aggregates were updated with the rows: equal to aggregates made again from them.
    kept = _agg(store)
    store.rebuild_aggregates()
    assert _agg(store) == kept
    # Mixed messages are read again from the corrected statements: none names a threat now.
    for message in next(iter(store.results())).mixed_messages:
        assert "threat" not in message.kind


def test_corrections_survive_storing_the_document_again(store):
    ids = [s.id for s in harbour().statements]
    _fix(store, ids[1], "signal", signal="demand")
    _fix(store, ids[3], "not_statement")
    _fix(store, ids[0], "speaker", speaker="Minister Oran")
    store.add(harbour(), pipeline_version="test-2")  # a re-ingest writes the analysis afresh
    stored = _statements(store)
    assert stored[ids[1]].signal == "demand" and ids[3] not in stored and stored[ids[0]].speaker_id == "oran"
    assert all(ids[3] not in m.statement_ids for r in store.results() for m in r.mixed_messages)
    assert store.summary()["statements"] == 3


def test_actor_side_merge_and_an_added_statement(store):
    fixes.record(store, Correction("actor_side", {"side": "Westmark"}, who="ann", actor="Ruth Kell"))
    assert {a.name: a.side for a in store.actors()}["Ruth Kell"] == "Westmark"
    fixes.record(store, Correction("merge_actors", {"into": "oran"}, who="ann", actor="vey"))
    names = {a.name: a for a in store.actors()}
    assert "Admiral Vey" not in names and names["Minister Oran"].statements == 3
    text = harbour().document.text
    start = text.index("Oran warned")
    key = fixes.span_key(store, harbour().document.id, start, start + len("Oran warned of"))
    fixes.record(store, Correction("add_statement", {"speaker": "A Harbour Pilot", "signal": "protest"},
                                   who="ann", **key))
    added = [s for s in _statements(store).values() if s.start == start]
    assert len(added) == 1 and added[0].signal == "protest"
    assert "A Harbour Pilot" in {a.name for a in store.actors()}
    store.add(harbour(), pipeline_version="again")
    assert len([s for s in _statements(store).values() if s.start == start]) == 1


@pytest.mark.parametrize("correction, problem", [
    (Correction("signal", {"signal": "bogus"}, start=0, end=5), "unknown signal 'bogus'"),
    (Correction("kind", {"kind": "shouted"}, start=0, end=5), "unknown kind"),
    (Correction("rename", {}), "unknown correction"),
    (Correction("signal", {"signal": "demand"}), "needs the statement's span"),
    (Correction("merge_actors", {}, actor="vey"), "needs the actor to merge into"),
])
def test_a_bad_correction_is_refused_with_what_to_give(store, correction, problem):
    with pytest.raises(CorrectionError, match=problem):
        fixes.record(store, correction)
    assert not fixes.corrections(store)


def test_corrections_survive_reingest_and_reanalyze(tmp_path, nlp):
    article = tmp_path / "news" / "bay.txt"
    article.parent.mkdir()
    article.write_text(ARTICLE, encoding="utf-8")
    db = str(tmp_path / "corpus.db")
    with Store.open(db) as store:
        ingest([str(article.parent)], store, nlp=nlp)
        found = store.search("")
        assert len(found) >= 2
        first, second = found[0], found[1]
        new_signal = next(code for code in ("concede", "commit", "hedge") if code not in {r.signal for r in found})
        _fix(store, first.id, "signal", signal=new_signal)
        _fix(store, second.id, "not_statement")
        for reanalyze in (False, True):
            ingest([str(article.parent)], store, nlp=nlp, reanalyze=reanalyze)
            stored = _statements(store)
            assert stored[first.id].signal == new_signal and second.id not in stored
            assert [r.id for r in store.search("", signal=new_signal)] == [first.id]


def test_review_driven_by_scripted_keys(store):
    db = store.url
    queue = [r["id"] for r in fixes.review_queue(store, limit=10)]
    keys = "x\nc demand\ns\nn\np Admiral Vey\nq\n"  # unknown key, change signal, skip, remove, speaker, quit
    result = CliRunner().invoke(cli, ["review", db, "--who", "ann", "--why", "second reading"], input=keys)
    assert result.exit_code == 0, result.output
    assert "unknown key 'x'" in result.output and "3 decisions recorded, 1 skipped" in result.output
    stored = _statements(store)
    assert stored[queue[0]].signal == "demand"
    assert queue[2] not in stored
    assert stored[queue[3]].speaker_id == "vey"
    assert {(c.action, c.who, c.why) for c in fixes.corrections(store)} == {
        ("signal", "ann", "second reading"), ("not_statement", "ann", "second reading"),
        ("speaker", "ann", "second reading")}
    # Reviewed rows leave the queue; the skipped one is first next time.
    assert [r["id"] for r in fixes.review_queue(store)] == [queue[1]]


def test_correct_command_and_labelled_export(store, tmp_path):
    db, runner = store.url, CliRunner()
    s2, s4 = harbour().statements[1].id, harbour().statements[3].id
    bad = runner.invoke(cli, ["correct", s2, "--speaker", "Someone", "--signal", "bogus", "--db", db])
    assert bad.exit_code != 0 and "unknown signal 'bogus'" in bad.output
    assert not fixes.corrections(store)  # nothing of a refused command is kept
    missing = runner.invoke(cli, ["correct", "nope-s01", "--accept", "--db", db])
    assert missing.exit_code != 0 and "no statement 'nope-s01'" in missing.output
    ok = runner.invoke(cli, ["correct", s2, "--signal", "demand", "--who", "ann", "--why", "ultimatum", "--db", db])
    assert ok.exit_code == 0, ok.output
    assert runner.invoke(cli, ["correct", s4, "--accept", "--db", db, "--who", "bo"]).exit_code == 0
    assert runner.invoke(cli, ["correct", "--actor", "Ruth Kell", "--side", "Ostland", "--db", db]).exit_code == 0
    labels = tmp_path / "labels.jsonl"
    assert runner.invoke(cli, ["corrections", "--db", db, "--labels", str(labels)]).exit_code == 0
    rows = {r["item"]: r for r in map(json.loads, labels.read_text().splitlines())}
    doc = harbour().document.id
    s2_item, s4_item = (f"store:{doc}:{s.start}-{s.end}" for s in (harbour().statements[1], harbour().statements[3]))
    assert set(rows) == {s2_item, s4_item}  # actor corrections are not statement labels
    assert rows[s2_item] | {"at": None} == rows[s2_item] | {
        "code": "demand", "annotator": "ann", "note": "ultimatum", "doc": doc, "kind": "statement",
        "fields": {"signal": "demand"}, "at": None}
    assert rows[s4_item]["code"] is None and rows[s4_item]["annotator"] == "bo"
    listed = json.loads(runner.invoke(cli, ["corrections", "--db", db, "-f", "json"]).output)
    assert [row["action"] for row in listed] == ["actor_side", "accept", "signal"]



def test_review_and_correct_of_a_missing_store_make_none(tmp_path):
    missing = tmp_path / "typo.db"
    for args in (["review", str(missing)], ["correct", "x-s01", "--accept", "--db", str(missing)]):
        result = CliRunner().invoke(cli, args, input="q\n")
        assert result.exit_code != 0 and f"{missing}: no such store" in result.output
    assert not missing.exists()


def test_pairs_across_documents_that_read_a_corrected_document_are_dropped(store):
    s1, s2 = harbour().statements[0], harbour().statements[1]
    pair = {"id": "x-1", "side": "Westmark", "kind": "reassurance_vs_threat", "explanation": "made for this test",
            "score": 0.5, "statement_ids": [s2.id, "other-s01"], "document_ids": [harbour().document.id, "other"],
            "days": ["2024-03-01", "2024-03-02"]}
    unrelated = pair | {"id": "x-2", "document_ids": ["third", "other"]}
    store.replace_cross_mixed_messages([pair, unrelated], "test settings")
    _fix(store, s1.id, "signal", signal="demand")
    assert [m.id for m in store.cross_mixed_messages()] == ["x-2"]
    assert store.cross_mixed_settings() is None  # stale: the next ingest finds them again


def test_a_later_correction_does_not_apply_earlier_ones_again_to_a_neighbour(tmp_path):
    """A statement and a reported deed on one sentence: removing the statement, then correcting
    another row, leaves the deed (applied again, the removal would take the deed at that span)."""
    base, s2, deed, both = _deed_beside_a_statement()
    with Store.open(str(tmp_path / "corpus.db")) as store:
        store.add(both, pipeline_version="test")
        _fix(store, s2.id, "not_statement")
        assert deed.id in _statements(store) and s2.id not in _statements(store)
        _fix(store, base.statements[0].id, "signal", signal="demand")
        assert deed.id in _statements(store) and s2.id not in _statements(store)
        store.add(both, pipeline_version="again")  # a re-analysis: each correction applied once
        assert deed.id in _statements(store) and s2.id not in _statements(store)


def test_a_deed_and_a_statement_over_one_span_are_corrected_apart(tmp_path):
    """A correction names its row's kind: recoding the deed leaves the statement over the same
    span as it was, and the other way round; each leaves the review queue on its own."""
    _, s2, deed, both = _deed_beside_a_statement()
    with Store.open(str(tmp_path / "corpus.db")) as store:
        store.add(both, pipeline_version="test")
        _fix(store, deed.id, "signal", signal="sanction")
        stored = _statements(store)
        assert (stored[deed.id].signal, stored[s2.id].signal) == ("sanction", s2.signal)
        queued = {row["id"] for row in fixes.review_queue(store, limit=50)}
        assert s2.id in queued and deed.id not in queued
        _fix(store, s2.id, "not_statement")
        stored = _statements(store)
        assert s2.id not in stored and stored[deed.id].signal == "sanction"
        kinds = {label["kind"]: label for label in fixes.labelled(store)}
        assert kinds["action"]["code"] == "sanction" and kinds["statement"]["not_statement"]


def _deed_beside_a_statement():
    """The harbour article with a reported deed over the same span as its second statement:
    (the article, that statement, the deed, the result holding both)."""
    base = harbour()
    s2 = base.statements[1]
    deed = dataclasses.replace(s2, id=s2.id.replace("-s", "-a"), kind="action", signal="mobilize",
                               signals=("mobilize",))
    return base, s2, deed, dataclasses.replace(base, statements=(*base.statements[:2], deed, *base.statements[2:]))
