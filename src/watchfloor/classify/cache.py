"""A folder of numpy arrays keyed by what produced them, so training and benchmarks compute each
embedding or fine-tuned prediction once (``.cache/classify`` in the repository, gitignored)."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

CACHE = Path(__file__).resolve().parents[3] / ".cache" / "classify"


def key(*parts: object) -> str:
    h = hashlib.sha256()
    for p in parts:
        if isinstance(p, (list, tuple)):
            for x in p:
                h.update(str(x).encode())
                h.update(b"\x00")
        else:
            h.update(str(p).encode())
        h.update(b"\x01")
    return h.hexdigest()[:20]


def cached(name: str, parts: Sequence[object], compute: Callable[[], np.ndarray], folder: Path = CACHE) -> np.ndarray:
    """``compute()``'s array, stored as ``<name>-<key>.npy`` and read back on later calls."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}-{key(*parts)}.npy"
    if path.exists():
        return np.load(path)
    value = compute()
    tmp = path.with_suffix(".tmp.npy")
    np.save(tmp, value)
    tmp.replace(path)
    return value


def embeddings(texts: Sequence[str], *, batch: int = 256) -> np.ndarray:
    """e5 embeddings of ``texts``, cached in batches (a killed run resumes where it stopped)."""
    from watchfloor.classify.embed import embed

    parts = []
    for start in range(0, len(texts), batch):
        chunk = list(texts[start:start + batch])
        parts.append(cached("e5", ["e5-small-q4", *chunk], lambda c=chunk: embed(c)))
    return np.concatenate(parts) if parts else np.zeros((0, 384), dtype=np.float32)
