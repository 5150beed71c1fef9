"""How the cross-validation harness reads an annotated PLOVER record: as the pipeline does.
A PLOVER record is one event sentence; ``coding.sentence_code`` codes its first reported deed,
and ``attribution.actions`` finds a deed relayed by a plain "said". The harness must read the
record's kind the same way, or CV scores material records as statements, which can never take
a deed code. Sentences written for these tests."""

import pytest

from tealeaves.evaluate.signal_cv import row_statement
from tealeaves.signals.rules import default_signal_lexicon


def plover_row(text: str) -> dict:
    return {"item": "plover-dev:t", "set": "plover-dev", "kind": "statement", "code": None, "doc": "t",
            "window_text": text, "window": {"span": [0, len(text)]}}


@pytest.mark.parametrize("text, kind, cue", [
    # a deed relayed by a plain "said" is the record's deed
    ("Rebels blew up two bridges near the capital on Monday, police said.", "action", "blew"),
    ("Farmers blocked the border crossing for three hours, witnesses said.", "action", "blocked"),
    # a deed the sentence's own verb names, as before
    ("Police arrested forty protesters in the old town on Sunday.", "action", "arrested"),
    # a deed only announced, or under a cue that codes of its own, stays a statement
    ("The rebels said they would blow up the bridges.", "indirect", "said"),
    ("The ministry denied that troops shelled the village.", "indirect", "denied"),
])
def test_a_plover_records_kind_is_read_as_the_pipeline_reads_it(nlp, text, kind, cue):
    statement = row_statement(plover_row(text), nlp(text), default_signal_lexicon())
    assert (statement.kind, statement.cue.text) == (kind, cue)


@pytest.mark.parametrize("text, cue", [
    ("Valdoria will give Korla a grant of ten million dollars, the finance ministry said.", "will give"),
    ("Farmers said they would blockade the capital from Monday night.", "would blockade"),
    ("The militia has not released the two reporters, the agency said.", "released"),
])
def test_a_plover_record_whose_deed_is_only_announced_is_a_statement(nlp, text, cue):
    """A deed announced, or negated, is no reported deed (codebook: action codes), however the
    record's cue is given; the pipeline finds deeds the same way (``attribution.actions``)."""
    start = text.index(cue)
    row = plover_row(text)
    row["window"]["cue"] = [[start, start + len(cue)]]
    assert row_statement(row, nlp(text), default_signal_lexicon()).kind == "indirect"
