"""The flat table schema gives every record back unchanged."""

import pyarrow as pa

from tealeaves import tables
from tealeaves.io.readers import example_path
from tealeaves.pipeline import analyze


def test_rows_round_trip_to_equal_records(nlp):
    result = analyze(example_path(), nlp=nlp).documents[0]
    rows = tables.rows(result)
    assert len(rows["statements"]) == len(result.statements) > 0
    assert all(r["document_id"] == result.document.id for r in rows["statements"])
    (back,) = tables.results_from_rows(rows, {})
    assert back == result


def test_every_table_has_an_arrow_schema_matching_its_rows(nlp):
    result = analyze(example_path(), nlp=nlp).documents[0]
    arrow = {}
    for name, table_rows in tables.rows(result).items():
        arrow[name] = table = tables.arrow_table(name, table_rows)
        assert table.num_rows == len(table_rows)
        assert table.schema.names == list(tables.columns(name))
    # Lists are lists and spans are structs, not JSON text; the records come back from them.
    schema = arrow["statements"].schema
    assert schema.field("signals").type == pa.list_(pa.string())
    assert schema.field("modality").type == pa.list_(pa.string())
    assert pa.types.is_struct(schema.field("quotes").type.value_type)
    assert arrow["actors"].schema.field("aliases").type == pa.list_(pa.string())
    assert pa.types.is_map(arrow["documents"].schema.field("coherence").type)
    assert tables.results_from_rows({n: t.to_pylist() for n, t in arrow.items()}, {}) == [result]


def test_text_kept_apart_is_restored(nlp):
    result = analyze("The minister said talks would resume.", nlp=nlp).documents[0]
    rows = tables.rows(result)
    rows["documents"][0]["text"] = None
    (back,) = tables.results_from_rows(rows, {result.document.id: result.document.text})
    assert back.document.text == result.document.text


def test_a_view_record_without_its_optional_document_still_makes_a_table():
    """An actor with no latest document (a struct left out) sits beside one with a dated document."""
    from datetime import date

    from tealeaves.views import CorpusActor, DocumentRef

    alone = CorpusActor(id="a", name="A", kind="person", role=None, side=None, documents=0, statements=0)
    dated = CorpusActor(id="b", name="B", kind="person", role=None, side="Norland", documents=1, statements=2,
                        latest=DocumentRef(id="d1", source="a.txt", day=date(2024, 3, 1)))
    latest = tables.records_table([alone, dated], CorpusActor).column("latest").to_pylist()
    assert latest[0] is None
    assert latest[1]["day"] == date(2024, 3, 1) and latest[1]["id"] == "d1"
