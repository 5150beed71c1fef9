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
    for name, table_rows in tables.rows(result).items():
        table = pa.Table.from_pylist(table_rows, schema=tables.arrow_schema(name))
        assert table.num_rows == len(table_rows)
        assert table.schema.names == list(tables.columns(name))


def test_text_kept_apart_is_restored(nlp):
    result = analyze("The minister said talks would resume.", nlp=nlp).documents[0]
    rows = tables.rows(result)
    rows["documents"][0]["text"] = None
    (back,) = tables.results_from_rows(rows, {result.document.id: result.document.text})
    assert back.document.text == result.document.text
