"""The merged corpus actors against writers running at the same time (issue 24): a refresh
marked fresh must hold every document stored before the mark, and two refreshes at once must
both succeed. SQLite serialises writers (BEGIN IMMEDIATE); on PostgreSQL each statement of a
READ COMMITTED transaction sees what others committed meanwhile, so the refresh must order
itself against them."""

from __future__ import annotations

import threading
import time
from typing import Any, Callable

from postgres_server import postgres_url, store_url  # noqa: F401 (fixtures)
from tealeaves.models import Actor, Document, DocumentResult, Statement
from tealeaves.store import core
from tealeaves.store.core import Store

WAIT_SECONDS = 10.0


def _article(number: int, speaker: Actor) -> DocumentResult:
    """An invented article of one statement by ``speaker``."""
    text = f"{speaker.name} said the ferry number {number} would sail on time."
    statement = Statement(id=f"a{number}-s1", kind="indirect", start=0, end=len(text), text=text,
                          speaker_id=speaker.id, signal="reassure", signals=("reassure",))
    document = Document(id=f"article-{number:03d}", source=f"article{number}.txt", text=text, published="2024-05-02")
    return DocumentResult(document=document, actors=(speaker,), statements=(statement,))


KELL = Actor("kell", "Andris Kell", "official", side="Latvia")
TAMM = Actor("tamm", "Kadri Tamm", "official", side="Estonia")


class _Meanwhile:
    """Runs ``write`` on a second connection in a thread, and returns once it has finished or
    waits for a lock this transaction holds."""

    def __init__(self, url: str, write: Callable[[Store], Any]) -> None:
        self.url, self.write = url, write
        self.problem: BaseException | None = None
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        try:
            with Store.open(self.url) as other:
                self.write(other)
        except BaseException as problem:  # reported by the test
            self.problem = problem

    def start_and_wait(self) -> None:
        self.thread.start()
        if not self.url.startswith("postgresql"):
            self.thread.join(0.5)  # SQLite: the other writer waits for the whole transaction
            return
        import psycopg

        deadline = time.monotonic() + WAIT_SECONDS
        with psycopg.connect(self.url, autocommit=True) as watcher:
            while self.thread.is_alive() and time.monotonic() < deadline:
                waiting = watcher.execute("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                                          "AND wait_event_type = 'Lock'").fetchone()[0]
                if waiting:
                    return
                self.thread.join(0.01)

    def finish(self) -> None:
        self.thread.join(WAIT_SECONDS)
        assert not self.thread.is_alive(), "the other writer never finished"
        if self.problem is not None:
            raise self.problem


def _once(real: Callable, meanwhile: _Meanwhile) -> Callable:
    """``real``, which starts ``meanwhile`` after its first call returns."""
    calls = []

    def wrapped(*args: Any, **kwargs: Any) -> Any:
        value = real(*args, **kwargs)
        if not calls:
            calls.append(1)
            meanwhile.start_and_wait()
        return value

    return wrapped


def test_a_document_stored_while_the_actors_are_merged_is_not_left_out_of_fresh_ones(store_url, monkeypatch):  # noqa: F811
    with Store.open(store_url) as store:
        store.add(_article(1, KELL), pipeline_version="test")
        meanwhile = _Meanwhile(store_url, lambda other: other.add(_article(2, TAMM), pipeline_version="test"))
        monkeypatch.setattr(Store, "_merged_actors", _once(Store._merged_actors, meanwhile))
        store.refresh_corpus_actors()  # it has read the aggregates when the other ingest stores
        meanwhile.finish()
        monkeypatch.undo()
    with Store.open(store_url) as reader:
        assert {actor.id for actor in reader.actors()} == {"kell", "tamm"}


def test_two_refreshes_at_once_both_succeed(store_url, monkeypatch):  # noqa: F811
    with Store.open(store_url) as store:
        store.add(_article(1, KELL), pipeline_version="test")
        store.add(_article(2, TAMM), pipeline_version="test")
        meanwhile = _Meanwhile(store_url, lambda other: other.refresh_corpus_actors())
        # the first has replaced the stored actors, not yet committed, when the second begins
        monkeypatch.setattr(core.sides_backfill, "refresh", _once(core.sides_backfill.refresh, meanwhile))
        store.refresh_corpus_actors()
        meanwhile.finish()
        monkeypatch.undo()
    with Store.open(store_url) as reader:
        assert reader.corpus_actors_fresh()
        assert sorted(actor.id for actor in reader.actors()) == ["kell", "tamm"]
