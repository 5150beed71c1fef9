"""The worker processes of ``pipeline.analyze_each`` start warm when forked from a warm parent."""

from __future__ import annotations

import gc
import multiprocessing
import os

import pytest

from tealeaves import pipeline
from tealeaves.io.readers import read_text


@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="workers are spawned here")
def test_forked_workers_do_not_warm_up_again(nlp, monkeypatch, tmp_path):
    """The parent warms up once before forking (embeddings, lazy lexicons): each worker warming
    up again cost a second of CPU per worker on every ``analyze`` and ``ingest``."""
    log = tmp_path / "warm-ups"
    real = pipeline.warm_up

    def logged(*args, **kwargs):
        with log.open("a") as stream:
            stream.write(f"{os.getpid()}\n")
        return real(*args, **kwargs)

    monkeypatch.setattr(pipeline, "warm_up", logged)
    documents = [read_text(f"The mayor said the {place} would hold.") for place in ("dam", "bridge", "levee")]
    outcomes = list(pipeline.analyze_each(documents, nlp=nlp, embeddings=False, n_process=2))
    assert [o.document.text for o in outcomes] == [d.text for d in documents]
    assert log.read_text().split() == [str(os.getpid())]


@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="workers are spawned here")
def test_forked_workers_leave_what_they_inherit_out_of_garbage_collection(nlp, monkeypatch, tmp_path):
    """The parent's objects are frozen while workers fork (a worker's collections skip them),
    and the parent's own collection is whole again afterwards."""
    log = tmp_path / "frozen"
    real = pipeline.analyze_parsed

    def logged(*args, **kwargs):
        with log.open("a") as stream:
            stream.write(f"{os.getpid()} {gc.get_freeze_count()}\n")
        return real(*args, **kwargs)

    monkeypatch.setattr(pipeline, "analyze_parsed", logged)
    documents = [read_text(f"The mayor said the {place} would hold.") for place in ("dam", "bridge")]
    assert len(list(pipeline.analyze_each(documents, nlp=nlp, embeddings=False, n_process=2))) == 2
    in_workers = [int(frozen) for pid, frozen in (line.split() for line in log.read_text().splitlines())
                  if int(pid) != os.getpid()]
    assert len(in_workers) == 2 and min(in_workers) > 10_000
    assert gc.get_freeze_count() == 0
