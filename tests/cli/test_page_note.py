"""The line under a paged table says which rows it showed, and says plainly when there are none."""

from __future__ import annotations

import pytest

from tealeaves.cli.corpus import page_note


@pytest.mark.parametrize("shown, offset, limit, total, expected", [
    (3, 0, 3, 10, "rows 1–3 of 10; --offset 3 for the next page"),
    (1, 9, 3, 10, "rows 10–10 of 10"),
    (0, 0, 3, 0, "no rows"),
    (0, 20, 3, 10, "no rows past row 20 of 10"),
])
def test_page_note(capsys, shown, offset, limit, total, expected):
    page_note("table", shown, offset, limit, total)
    assert capsys.readouterr().err.strip() == expected


def test_no_note_under_json_or_csv(capsys):
    for format_ in ("json", "csv"):
        page_note(format_, 3, 0, 3, 10)
    assert capsys.readouterr().err == ""
