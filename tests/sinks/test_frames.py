"""The Python API's one call for a table of statements (Arrow, and pandas through it)."""

from __future__ import annotations

import pytest

import tealeaves

ARTICLE = ("Foreign Minister Elena Marek said on Monday that her country would never close the strait. "
           "Defence Minister Anika Ros warned that any vessel entering the waters without permission "
           "would be stopped.")


def test_statements_table_has_a_row_per_statement_with_its_speaker_and_document(tmp_path, nlp):
    path = tmp_path / "strait.txt"
    path.write_text("---\ntitle: Strait\noutlet: Harbour Wire\ndate: 2024-03-05\n---\n" + ARTICLE, encoding="utf-8")
    table = tealeaves.statements_table(path, nlp=nlp)
    result = tealeaves.analyze(path, nlp=nlp).documents[0]
    assert table.num_rows == len(result.statements) >= 2
    rows = table.to_pylist()
    assert [r["id"] for r in rows] == [s.id for s in result.statements]
    assert {r["title"] for r in rows} == {"Strait"} and {r["published"] for r in rows} == {"2024-03-05"}
    for row, statement in zip(rows, result.statements):
        speaker = result.actor(statement.speaker_id)
        assert (row["speaker"], row["side"], row["signal"]) == (speaker.name if speaker else None,
                                                               speaker.side if speaker else None, statement.signal)
    frame = table.to_pandas()
    assert list(frame["text"]) == [s.text for s in result.statements]


def test_an_input_that_cannot_be_read_is_a_warning_not_a_silence(tmp_path, nlp):
    (tmp_path / "empty.txt").write_text("  ", encoding="utf-8")
    with pytest.warns(UserWarning, match="empty.txt: file is empty"):
        table = tealeaves.statements_table(tmp_path / "empty.txt", texts=[ARTICLE], nlp=nlp)
    assert table.num_rows >= 2
