"""A side learned later counts for earlier documents too: the corpus views (timeline, signal mix,
positions) move the statements of a speaker who had no side in one document to the side another
document, or an analyst's correction, gives the same person (store.sides_backfill)."""

from __future__ import annotations

from tealeaves.analysis.positions import positions
from tealeaves.io.readers import read_text
from tealeaves.models import Actor, DocumentResult, Span, Statement
from tealeaves.store.core import Store
from tealeaves.store.corrections import Correction, record

FIRST = "Ana Ruiz said the quay must reopen before the season."
LATER = "Norwegian Foreign Minister Ana Ruiz said she rejects any toll on the ferries."
SHORT = "Ruiz said the quay must reopen before the season."


def _result(text: str, day: str, doc_id: str, actor: Actor, signal: str) -> DocumentResult:
    document = read_text(text, f"{doc_id}.txt", published=day)
    document = type(document)(**{**document.__dict__, "id": doc_id})
    said = text[text.index("said") + 5:-1]
    start = text.index(said)
    statement = Statement(id=f"{doc_id}-s01", kind="indirect", start=0, end=len(text), text=text,
                          speaker_id=actor.id, content=(Span(start, start + len(said), said),),
                          signal=signal, signals=(signal,), confidence=0.9)
    return DocumentResult(document=document, statements=(statement,), actors=(actor,),
                          positions=positions([statement], {actor.id: actor}))


def _no_side_then_norway() -> list[DocumentResult]:
    return [_result(FIRST, "2024-03-01", "first", Actor("ana_ruiz", "Ana Ruiz", "official"), "demand"),
            _result(LATER, "2024-03-05", "later", Actor("ana_ruiz", "Ana Ruiz", "official", side="Norway"), "reject")]


def _norway_rows(store: Store) -> tuple[dict, list, dict]:
    timeline = {row.day.isoformat() if hasattr(row.day, "isoformat") else str(row.day): row
                for row in store.timeline(side="Norway")}
    mix = [(r["side"], r["signal"], r["count"]) for r in store.signal_mix()]
    headings = {(r["side"], r["heading"]): r["statements"] for r in store.position_counts()}
    return timeline, mix, headings


def test_a_side_from_a_later_document_counts_for_the_earlier_one(tmp_path):
    with Store.open(str(tmp_path / "corpus.db")) as store:
        for result in _no_side_then_norway():
            store.add(result, pipeline_version="test")
        store.refresh_corpus_actors()  # as an ingest does when it ends
        timeline, mix, positions = _norway_rows(store)
        assert sorted(timeline) == ["2024-03-01", "2024-03-05"]
        assert [d.id for d in timeline["2024-03-01"].documents] == ["first"]
        assert ("Norway", "demand", 1) in mix and not any(side == "no side" for side, _, _ in mix)
        assert positions[("Norway", "demands")] == 1 and positions[("Norway", "red_lines")] == 1
        assert store.timeline_sides() == ["Norway"] and store.timeline_total(side="Norway") == 2

        store.delete("later")  # the only evidence of her side goes: her words have no side again
        store.refresh_corpus_actors()
        timeline, mix, positions = _norway_rows(store)
        assert timeline == {} and ("no side", "demand", 1) in mix and positions == {}


def test_a_side_from_an_analysts_merge_counts_for_the_merged_name(tmp_path):
    with Store.open(str(tmp_path / "corpus.db")) as store:
        store.add(_result(SHORT, "2024-03-01", "first", Actor("ruiz", "Ruiz", "person"), "demand"),
                  pipeline_version="test")
        store.add(_result(LATER, "2024-03-05", "later", Actor("ana_ruiz", "Ana Ruiz", "official", side="Norway"),
                          "reject"), pipeline_version="test")
        store.refresh_corpus_actors()
        record(store, Correction(action="merge_actors", actor="ruiz", value={"into": "ana_ruiz"}, who="analyst"))
        timeline, mix, _ = _norway_rows(store)
        assert sorted(timeline) == ["2024-03-01", "2024-03-05"]
        assert not any(side == "no side" for side, _, _ in mix)
