"""The semantic index: static-model vectors of every message, int8, in cells (an inverted-file
index: k-means centroids; a query reads only the cells nearest to it).

One direction of flow: ingest (or ``watchfloor embed``) embeds new messages with the static
model and appends them to the cell of their nearest centroid; when the index has outgrown its
cells (or has none yet and passed ``SINGLE_CELL`` vectors), ``maintain`` re-clusters it from the
stored vectors — no re-embedding — in one transaction.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

import numpy as np

from watchfloor.model import Message
from watchfloor.search import static
from watchfloor.store.base import Store, VectorChunk, message_index_text

SINGLE_CELL = 50_000  # up to this many vectors, one cell: the first stage scans them all
MAX_CELLS = 4096
TRAIN_SAMPLE = 64 * 1024


def quantize(vectors: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """int8 rows and a float32 scale each (row ~= int8 * scale)."""
    scale = np.abs(vectors).max(axis=1) / 127.0 if len(vectors) else np.zeros(0, np.float32)
    scale = np.where(scale == 0, 1.0, scale).astype(np.float32)
    return np.round(vectors / scale[:, None]).astype(np.int8), scale


def dequantize(vectors: np.ndarray, scales: np.ndarray) -> np.ndarray:
    return vectors.astype(np.float32) * scales[:, None]


def cells_for(count: int) -> int:
    """How many cells an index of ``count`` vectors should have (0: a single, unclustered cell)."""
    if count <= SINGLE_CELL:
        return 0
    return int(min(MAX_CELLS, 2 ** round(math.log2(math.sqrt(count)))))


def train_centroids(x: np.ndarray, k: int, *, iters: int = 10, seed: int = 0) -> np.ndarray:
    """Spherical k-means over unit vectors ``x``: k unit centroids."""
    rng = np.random.default_rng(seed)
    if len(x) > TRAIN_SAMPLE:
        x = x[rng.choice(len(x), TRAIN_SAMPLE, replace=False)]
    # k-means++ seeding: each next centroid drawn in proportion to the distance to the nearest one
    c = np.empty((k, x.shape[1]), dtype=np.float32)
    c[0] = x[rng.integers(len(x))]
    nearest = np.maximum(1.0 - x @ c[0], 0.0)
    for i in range(1, k):
        total = nearest.sum()
        pick = rng.choice(len(x), p=nearest / total) if total > 0 else rng.integers(len(x))
        c[i] = x[pick]
        nearest = np.minimum(nearest, np.maximum(1.0 - x @ c[i], 0.0))
    for _ in range(iters):
        labels = assign(x, c)
        sums = np.zeros_like(c)
        np.add.at(sums, labels, x)
        empty = np.linalg.norm(sums, axis=1) == 0
        sums[empty] = x[rng.choice(len(x), int(empty.sum()), replace=False)]
        c = sums / np.linalg.norm(sums, axis=1, keepdims=True)
    return c.astype(np.float32)


def assign(x: np.ndarray, centroids: np.ndarray | None, block: int = 32768) -> np.ndarray:
    """The nearest centroid (cosine) of each row; all 0 without centroids."""
    if centroids is None:
        return np.zeros(len(x), dtype=np.int32)
    out = np.empty(len(x), dtype=np.int32)
    for i in range(0, len(x), block):
        out[i : i + block] = np.argmax(x[i : i + block] @ centroids.T, axis=1)
    return out


def group_by_cell(rowids: np.ndarray, vectors: np.ndarray, scales: np.ndarray,
                  cells: np.ndarray) -> list[VectorChunk]:
    order = np.argsort(cells, kind="stable")
    # reorder each array once (not once a cell: at a million vectors that copied 256 MB a cell)
    cells, rowids, vectors, scales = cells[order], rowids[order], vectors[order], scales[order]
    bounds = [0, *(np.flatnonzero(np.diff(cells)) + 1).tolist(), len(cells)]
    return [
        VectorChunk(int(cells[a]), rowids[a:b], vectors[a:b], scales[a:b])
        for a, b in zip(bounds, bounds[1:]) if b > a
    ]


@dataclass
class Encoder:
    """Embeds messages for the index at ingest: static model, quantization, cell assignment."""

    model: static.StaticModel
    centroids: np.ndarray | None

    @classmethod
    def for_store(cls, store: Store, model: static.StaticModel | None = None) -> Encoder:
        model = model or static.default_model()
        store.add_vector_chunks([], model=model.name, dims=model.dims, upto=0)  # checks the model
        info = store.vector_index()
        return cls(model, info.centroids if info else None)

    def encode(self, texts: Sequence[str]) -> list[VectorChunk]:
        """Chunks whose ``rowids`` are positions into ``texts``; texts without a known word are
        left out (nothing to find them by)."""
        vecs = self.model.embed(list(texts))
        keep = np.flatnonzero(np.any(vecs != 0, axis=1))
        vecs = vecs[keep]
        q, scales = quantize(vecs)
        return group_by_cell(keep.astype(np.int64), q, scales, assign(vecs, self.centroids))

    def __call__(self, messages: Sequence[Message]) -> list[VectorChunk]:
        return self.encode([message_index_text(m) for m in messages])

    def finish(self, store: Store) -> None:
        maintain(store)


@dataclass
class EmbedReport:
    messages: int = 0
    vectors: int = 0
    cells: int = 0
    rebuilt: bool = False
    seconds: float = 0.0


def _embed_all(store: Store, model: static.StaticModel, after: int,
               progress: Callable[[int], None] | None) -> Iterator[tuple[np.ndarray, np.ndarray, np.ndarray, int, int]]:
    """(rowids, int8 vectors, scales, last rowid, messages) per batch of stored messages."""
    for rowids, texts in store.message_texts(after=after, batch=20_000):
        vecs = model.embed(texts)
        keep = np.flatnonzero(np.any(vecs != 0, axis=1))
        q, scales = quantize(vecs[keep])
        yield np.asarray(rowids, dtype=np.int64)[keep], q, scales, rowids[-1], len(rowids)
        if progress:
            progress(len(rowids))


def embed_store(store: Store, *, rebuild: bool = False, model: static.StaticModel | None = None,
                progress: Callable[[int], None] | None = None) -> EmbedReport:
    """Give every stored message without one its static vector; with ``rebuild`` (or when the
    index was made by another model) recompute them all. Then re-cluster if the index outgrew
    its cells."""
    model = model or static.default_model()
    report = EmbedReport()
    started = time.perf_counter()
    info = store.vector_index()
    if rebuild or info is None or info.model != model.name or info.dims != model.dims:
        parts = list(_embed_all(store, model, 0, progress))
        report.messages = sum(p[4] for p in parts)
        upto = parts[-1][3] if parts else 0
        _rewrite(store, model.name, model.dims, parts, upto)
        report.rebuilt = True
    else:
        for rowids, q, scales, last, n in _embed_all(store, model, info.upto, progress):
            cells = assign(dequantize(q, scales), info.centroids)
            store.add_vector_chunks(group_by_cell(rowids, q, scales, cells),
                                    model=model.name, dims=model.dims, upto=last)
            report.messages += n
        report.rebuilt = maintain(store)
    info = store.vector_index()
    if info is not None:
        report.vectors = info.count
        report.cells = len(info.centroids) if info.centroids is not None else 1
    report.seconds = time.perf_counter() - started
    return report


def _rewrite(store: Store, model: str, dims: int,
             parts: list[tuple[np.ndarray, np.ndarray, np.ndarray, int, int]], upto: int) -> None:
    rowids = np.concatenate([p[0] for p in parts]) if parts else np.zeros(0, np.int64)
    q = np.concatenate([p[1] for p in parts]) if parts else np.zeros((0, dims), np.int8)
    scales = np.concatenate([p[2] for p in parts]) if parts else np.zeros(0, np.float32)
    # a message embedded twice (ingest and embed overlapping) keeps its last vector
    _, last = np.unique(rowids[::-1], return_index=True)
    keep = np.sort(len(rowids) - 1 - last)
    rowids, q, scales = rowids[keep], q[keep], scales[keep]
    k = cells_for(len(rowids))
    centroids = None
    cells = np.zeros(len(rowids), dtype=np.int32)
    if k:
        x = dequantize(q, scales)
        x /= np.maximum(np.linalg.norm(x, axis=1, keepdims=True), 1e-12)
        centroids = train_centroids(x, k)
        cells = assign(x, centroids)
        del x
    store.replace_vector_index(model, dims, centroids, iter(group_by_cell(rowids, q, scales, cells)), upto)


def maintain(store: Store) -> bool:
    """Re-cluster the index when it has outgrown its cells; True when it did."""
    info = store.vector_index()
    if info is None:
        return False
    have = len(info.centroids) if info.centroids is not None else 0
    want = cells_for(info.count)
    if want == 0 or (have and want <= 2 * have):
        return False
    parts = [(c.rowids, c.vectors, c.scales, 0, 0) for c in store.vector_chunks()]
    _rewrite(store, info.model, info.dims, parts, info.upto)
    return True


def embed_teacher(store: Store, *, batch: int = 64,
                  progress: Callable[[int], None] | None = None) -> int:
    """Store the teacher's vector of every message that lacks one (slow: ~80 messages/s on 2
    cores), so that semantic search re-ranks deep without encoding at query time. Returns how
    many were added; an interrupted run keeps what it stored."""
    from watchfloor.search import teacher

    added = 0
    for rowids, texts in store.message_texts(batch=2000):
        have = store.teacher_vectors(rowids, teacher.NAME)
        todo = [(r, t) for r, t in zip(rowids, texts) if r not in have and t.strip()]
        for i in range(0, len(todo), batch):
            part = todo[i : i + batch]
            vecs = teacher.encode_passages([t for _, t in part])
            store.put_teacher_vectors({r: v for (r, _), v in zip(part, vecs)}, teacher.NAME)
            added += len(part)
            if progress:
                progress(len(part))
    return added
