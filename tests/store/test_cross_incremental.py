"""Mixed messages across documents kept up to date incrementally: an ingest judges only the
pairs of documents not judged before, and the result is the one a full recompute finds."""

from __future__ import annotations

import random

from postgres_server import postgres_url, store_url  # noqa: F401 (fixtures)
from tealeaves.analysis import corpus
from tealeaves.models import Actor, Document, DocumentResult, Span, Statement
from tealeaves.store import cross_pairs
from tealeaves.store.core import Store

SPEAKERS = [Actor("kell", "Andris Kell", "official", side="Latvia"),
            Actor("ozols", "Peteris Ozols", "official", side="Latvia"),
            Actor("tamm", "Kadri Tamm", "official", side="Estonia")]
SIGNALS = ["reassure", "threaten", "demand", "engage", "positive_assessment", "deny"]
WORDS = ["harbour", "border", "pipeline", "garrison", "airspace", "railway", "fishery", "embassy"]
SETTINGS = "test, window 7 days"


def _document(rng: random.Random, number: int) -> DocumentResult:
    """A hand-coded article of two to four statements by speakers of two sides."""
    sentences, statements, actors = [], [], {}
    offset = 0
    for n in range(rng.randint(2, 4)):
        speaker = rng.choice(SPEAKERS)
        words = " ".join(rng.sample(WORDS, 2)) + (" and nobody wants a war" if rng.random() < 0.1 else "")
        text = f"{speaker.name} said {words}."
        content_start = offset + len(speaker.name) + 6
        signal = rng.choice(SIGNALS)
        statements.append(Statement(
            id=f"d{number}-s{n}", kind="indirect", start=offset, end=offset + len(text), text=text,
            speaker_id=speaker.id, content=(Span(content_start, offset + len(text) - 1, words),),
            signal=signal, signals=(signal,), topic=rng.choice([None, "the harbour", "the border"]),
            confidence=1.0))  # coded by hand: sure
        sentences.append(text)
        actors[speaker.id] = speaker
        offset += len(text) + 1
    day = f"2024-03-{rng.randint(1, 24):02d}"
    document = Document(id=_id(number), source=f"doc{number}.txt", text=" ".join(sentences), published=day)
    return DocumentResult(document=document, actors=tuple(actors.values()), statements=tuple(statements))


def _id(number: int) -> str:
    """Ids of both cases: they sort one way on both backends (by code point, as in Python)."""
    return f"{'Doc' if number % 2 else 'doc'}{number:03d}"


def _update(store: Store, max_pairs: int = corpus.MAX_PAIRS_PER_SIDE, window_days: int = 7) -> list:
    return corpus.update_cross_document_mixed(store, f"test, window {window_days} days", window_days=window_days,
                                              max_pairs=max_pairs)


def test_incremental_result_equals_a_full_recompute_after_random_adds_and_deletes(store_url, monkeypatch):  # noqa: F811
    monkeypatch.setattr(cross_pairs, "PAGE", 3)  # the stored pairs are read strongest first, a few at a time
    rng = random.Random(11)
    with Store.open(store_url) as store:
        stored: list[int] = []
        for number in range(20):
            store.add(_document(rng, number), pipeline_version="test")
            stored.append(number)
        assert _update(store) == corpus.find_cross_document_mixed(store)
        for step, number in enumerate(range(20, 50)):
            action = rng.random()
            if action < 0.5 or len(stored) < 5:
                store.add(_document(rng, number), pipeline_version="test")
                stored.append(number)
            elif action < 0.8:
                gone = stored.pop(rng.randrange(len(stored)))
                store.delete(_id(gone))
                assert not [p for p in cross_pairs.pairs(store.db)
                            if _id(gone) in (p["first_document"], p["second_document"])]
            else:  # the same document stored again, coded otherwise
                again = rng.choice(stored)
                store.add(_document(rng, again), pipeline_version="test")
            if step % 3 == 0:
                found = _update(store)
                assert found == corpus.find_cross_document_mixed(store)
                assert _update(store, max_pairs=2) == corpus.find_cross_document_mixed(store, max_pairs=2)
        assert len(found) > 5 and {row["side"] for row in found} == {"Latvia", "Estonia"}
        assert len(cross_pairs.pairs(store.db)) > len(found)  # the selection left some judged pairs out
        assert _update(store, window_days=2) == corpus.find_cross_document_mixed(store, window_days=2)
        assert _update(store) == corpus.find_cross_document_mixed(store)


def test_an_update_judges_only_the_pairs_of_documents_not_judged_before(store_url, monkeypatch):  # noqa: F811
    rng = random.Random(5)
    judged: list[tuple[str, str]] = []
    real = corpus._judge

    def counted(a, b):
        judged.append((a.document_id, b.document_id))
        return real(a, b)

    monkeypatch.setattr(corpus, "_judge", counted)
    with Store.open(store_url) as store:
        for number in range(30):
            store.add(_document(rng, number), pipeline_version="test")
        _update(store)
        assert len(judged) > 20
        judged.clear()
        _update(store)
        assert judged == []
        store.add(_document(rng, 30), pipeline_version="test")
        _update(store)
        assert judged and all(_id(30) in pair for pair in judged)


def test_a_store_judged_with_other_settings_is_judged_again(tmp_path):
    rng = random.Random(3)
    with Store.open(str(tmp_path / "corpus.db")) as store:
        for number in range(15):
            store.add(_document(rng, number), pipeline_version="test")
        assert cross_pairs.settings(store.db) is None
        assert _update(store) == corpus.find_cross_document_mixed(store)
        assert cross_pairs.settings(store.db) == SETTINGS
        assert _update(store, window_days=0) == [] and cross_pairs.pairs(store.db) == []


def test_documents_stored_or_deleted_while_judging_are_judged_before_the_pairs_are_kept(store_url, monkeypatch):  # noqa: F811
    rng = random.Random(9)
    real = corpus._judged_pairs
    writes = iter([lambda store: store.add(_document(rng, 40), pipeline_version="test"),
                   lambda store: store.delete(_id(0))])

    with Store.open(store_url) as store:
        for number in range(20):
            store.add(_document(rng, number), pipeline_version="test")
        _update(store)
        store.add(_document(rng, 20), pipeline_version="test")

        def meanwhile(*args, **kwargs):
            next(writes, lambda store: None)(store)  # another ingest writes while this one judges
            return real(*args, **kwargs)

        monkeypatch.setattr(corpus, "_judged_pairs", meanwhile)
        assert _update(store) == corpus.find_cross_document_mixed(store)
        assert cross_pairs.unjudged(store.db)[0] == []


def test_a_document_stored_while_the_result_is_written_leaves_it_stale(store_url, monkeypatch):  # noqa: F811
    """Another ingest stores a document after this one judged and before it writes the result:
    the result must not be marked up to date, or the other ingest's end skips its document."""
    from tealeaves.io import corpus as ingest_module

    rng = random.Random(13)
    real = ingest_module.update_cross_document_mixed
    with Store.open(store_url) as store:
        for number in range(20):
            store.add(_document(rng, number), pipeline_version="test")

        def then_another_ingest_stores(*args, **kwargs):
            found = real(*args, **kwargs)
            store.add(_document(rng, 40), pipeline_version="test")
            return found

        monkeypatch.setattr(ingest_module, "update_cross_document_mixed", then_another_ingest_stores)
        ingest_module.refresh_cross_mixed(store, SETTINGS, 7)
        assert store.cross_mixed_settings() is None
        monkeypatch.undo()
        ingest_module.refresh_cross_mixed(store, SETTINGS, 7)  # the other ingest's end
        assert store.cross_mixed_settings() == SETTINGS
        assert [row.id for row in store.cross_mixed_messages()] == [
            row["id"] for row in sorted(corpus.find_cross_document_mixed(store), key=lambda r: -r["score"])]
        assert cross_pairs.unjudged(store.db)[0] == []


def test_the_candidates_of_new_documents_are_listed_without_the_others(tmp_path):
    """An ingest lists only the candidate pairs with a statement of a new document: the same as
    listing every pair of the window and keeping those (which grew with the window's square)."""
    from collections import defaultdict

    rng = random.Random(21)
    with Store.open(str(tmp_path / "corpus.db")) as store:
        for number in range(40):
            store.add(_document(rng, number), pipeline_version="test")
        by_side = defaultdict(list)
        for said in corpus._coded_party_statements(store):
            by_side[said.actor.side].append(said)
    new = {_id(3), _id(17), _id(30)}
    listed = []
    for of_side in by_side.values():
        every = corpus._candidate_pairs(of_side, 7)
        touching = {(i, j) for i, j in every if new & {of_side[i].document_id, of_side[j].document_id}}
        assert corpus._candidate_pairs(of_side, 7, new) == touching
        listed.append((len(touching), len(every)))
    assert sum(n for n, _ in listed) > 3 and sum(n for n, _ in listed) * 2 < sum(m for _, m in listed)
