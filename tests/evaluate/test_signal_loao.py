"""The leave-one-article-out estimate scores an article with a coder that never saw its items."""

import numpy as np

from tealeaves.codebook import codebook
from tealeaves.evaluate import signal_cv
from tealeaves.evaluate.gold import GoldDocument
from tealeaves.evaluate.signal_loao import article_group, held_out_model
from tealeaves.models import Document
from tealeaves.signals.model import NO_CODE

CLASSES = [*codebook().names(), NO_CODE]


def _examples() -> signal_cv.Examples:
    """Two crisis articles: only article "a" has items coded ``threaten``."""
    out = signal_cv.Examples()
    for i in range(20):
        article = "a" if i < 10 else "b"
        out.features.append(["kind=statement", f"cue=word{i % 2}"])
        out.labels.append("threaten" if article == "a" and i % 2 else NO_CODE if i % 2 else "reject")
        out.groups.append(f"crisis-dev:{article}")
        out.sets.append("crisis-dev")
        out.kinds.append("indirect")
        out.speakers.append("party")
        out.batches.append("A")
        out.ruled.append(None)  # no rule is sure: the calibration is fitted on the model's decisions
    out.vectors = np.zeros((20, 384))
    return out


def test_an_articles_group_is_its_file_name_without_txt():
    gold = GoldDocument(Document(id="voa-crimea.txt", source="x", text="t"), "seed")
    assert article_group(gold) == "crisis-dev:voa-crimea"


def test_the_held_out_coder_never_learns_from_the_articles_items():
    examples = _examples()
    scores = np.zeros((20, len(CLASSES)))
    with_a = held_out_model(examples, CLASSES, scores, None)
    without_a = held_out_model(examples, CLASSES, scores, "crisis-dev:a")
    threaten = CLASSES.index("threaten")
    features = [["kind=statement", "cue=word1"]]
    vectors = np.zeros((1, 384))
    assert with_a.probabilities(features, vectors)[0, threaten] > 0.2
    assert without_a.probabilities(features, vectors)[0, threaten] < 0.01  # never seen: its bias stays -30


def test_a_plover_record_is_coded_by_a_coder_that_never_saw_its_item(tmp_path):
    """``held_out_events``: every record's coder was fitted without the fold holding its item
    (its item's unique feature is unknown to it), and records are scored verbal and material
    apart against their own ``tealeaves_code``."""
    import json

    from tealeaves.evaluate.signal_loao import EVENTS_GROUP, event_key, held_out_events

    ids = [f"PLOVER-T-{k:04d}" for k in range(10)]
    examples = signal_cv.Examples()
    for k, record_id in enumerate(ids):
        examples.features.append(["kind=statement", f"cue=w{k}"])
        examples.labels.append("threaten" if k % 2 else NO_CODE)
        examples.groups.append(EVENTS_GROUP + event_key(record_id))
        examples.sets.append("plover-dev")
        examples.kinds.append("indirect")
        examples.speakers.append("party")
        examples.ruled.append(None)
        examples.batches.append("A")
    examples.vectors = np.zeros((10, 384))
    records = [{"id": record_id, "text": f"Record number {k}.", "tealeaves_code": "threaten" if k % 2 else "assault"}
               for k, record_id in enumerate(ids)]
    path = tmp_path / "plover.json"
    path.write_text(json.dumps(records), "utf-8")
    unseen = []

    def code_of(gold, model):
        k = ids.index(gold.document.id)
        unseen.append(f"cue=w{k}" not in model.heads["vector"]["weights"])
        return "threaten"

    figures = held_out_events(examples, CLASSES, path, code_of)
    assert unseen == [True] * 10
    assert (figures["verbal"]["correct"], figures["verbal"]["total"]) == (5, 5)
    assert (figures["material"]["correct"], figures["material"]["total"]) == (0, 5)
    assert figures["confusion"] == {"assault -> threaten": 5}
