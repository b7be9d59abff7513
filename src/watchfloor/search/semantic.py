"""Semantic search in two stages.

1. First stage, over every message: the static model's vector of the query is compared with
   the int8 vectors of the index cells nearest to it.
2. Re-ranking by the teacher (its vector of the query against its vectors of the messages):
   over the best ``deep`` candidates whose teacher vectors are already stored (by
   ``watchfloor embed --teacher``, or kept from earlier searches), and over the best
   ``candidates`` others, encoded now while ``budget_s`` lasts. Candidates the teacher did not
   see keep their first-stage order, after the others.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np

from watchfloor.search import static, teacher
from watchfloor.store.base import SearchFilters, Store


@dataclass
class SemanticOptions:
    candidates: int = 100  # how many first-stage hits the teacher may encode now
    deep: int = 1000  # how many first-stage hits are re-ranked when their teacher vector is stored
    probe: float = 0.03  # share of the index cells read (at least 8)
    budget_s: float = 0.08  # time the teacher may spend encoding candidates not seen before
    rerank: bool = True
    cache: bool = True  # keep the teacher's vectors of re-ranked messages in the database


@dataclass
class SemanticHit:
    rowid: int
    score: float
    first_stage: float  # the static model's cosine (with the teacher's query vector, if in its space)
    teacher: float | None  # the teacher's cosine, when re-ranked


def query_vectors(text: str, model: static.StaticModel, rerank: bool) -> tuple[np.ndarray, np.ndarray | None]:
    """(first-stage query vector, teacher query vector when re-ranking).

    A model tuned on sentences (``tune.py``) lives in the teacher's space: its first stage is
    asked with the teacher's own vector of the query, which reads the query in context and with
    E5's ``query:`` prefix, as no mean of token vectors can (the teacher encodes the query for
    re-ranking anyway). A token-level model is asked with its own vector of the text: the
    teacher's query vector projected by the token-level distillation's PCA was tried and found
    worse (a sum of piece vectors is not a linear image of the teacher's sentence vector)."""
    if model.in_teacher_space:
        tq = teacher.encode_query(text)
        return tq, tq if rerank else None
    return model.embed([text])[0], teacher.encode_query(text) if rerank else None


def first_stage(store: Store, q: np.ndarray, k: int, probe: float) -> tuple[np.ndarray, np.ndarray]:
    """(rowids, static cosines) of the best ``k`` messages in the cells nearest ``q``."""
    info = store.vector_index()
    if info is None or info.count == 0:
        return np.zeros(0, np.int64), np.zeros(0, np.float32)
    cells = None
    if info.centroids is not None:
        n = max(8, int(round(len(info.centroids) * probe)))
        cells = np.argsort(-(info.centroids @ q))[:n].tolist()
    chunks = list(store.vector_chunks(cells))
    if not chunks:
        return np.zeros(0, np.int64), np.zeros(0, np.float32)
    r = np.concatenate([c.rowids for c in chunks])
    s = (np.concatenate([c.vectors for c in chunks]).astype(np.float32) @ q) * np.concatenate(
        [c.scales for c in chunks])
    if len(s) > k:
        top = np.argpartition(-s, k)[:k]
        r, s = r[top], s[top]
    order = np.argsort(-s, kind="stable")
    r, s = r[order], s[order]
    _, first = np.unique(r, return_index=True)  # a message stored twice counts once
    keep = np.sort(first)
    return r[keep], s[keep]


def semantic_search(store: Store, text: str, filters: SearchFilters, limit: int,
                    options: SemanticOptions | None = None,
                    model: static.StaticModel | None = None) -> list[SemanticHit]:
    opts = options or SemanticOptions()
    model = model or static.default_model()
    if not text.strip():
        return []
    q, tq = query_vectors(text, model, opts.rerank)
    want = max(opts.deep if opts.rerank else opts.candidates, limit)
    # filters are applied to candidates; a selective filter widens the first stage
    rowids, scores = first_stage(store, q, want if not filters else want * 10, opts.probe)
    if filters and len(rowids):
        allowed = store.filter_rowids(rowids.tolist(), filters)
        mask = np.fromiter((int(r) in allowed for r in rowids), dtype=bool, count=len(rowids))
        rowids, scores = rowids[mask], scores[mask]
    rowids, scores = rowids[:want], scores[:want]
    hits = [SemanticHit(int(r), float(s), float(s), None) for r, s in zip(rowids, scores)]
    if tq is not None and hits:
        _rerank(store, hits, tq, opts)
    else:
        hits = hits[: max(opts.candidates, limit)]
    return hits[:limit]


def _rerank(store: Store, hits: list[SemanticHit], tq: np.ndarray, opts: SemanticOptions) -> None:
    started = time.perf_counter()
    known = store.teacher_vectors([h.rowid for h in hits], teacher.NAME)
    missing = [h.rowid for h in hits[: opts.candidates] if h.rowid not in known]
    fresh: dict[int, np.ndarray] = {}
    if missing:
        texts = {r: d["text"] for r, d in store.hit_details(missing).items()}
        todo = [r for r in missing if r in texts]
        # batches sized to what is left of the budget at the speed measured so far (the first
        # message alone), so a slow machine overshoots by one message at most
        per_message = None
        while todo:
            left = opts.budget_s - (time.perf_counter() - started)
            if left <= 0:
                break
            step = 1 if per_message is None else max(1, min(16, int(left / per_message)))
            part, todo = todo[:step], todo[step:]
            t = time.perf_counter()
            for r, v in zip(part, teacher.encode_passages([texts[r] for r in part])):
                fresh[r] = v
            per_message = (time.perf_counter() - t) / len(part)
        if opts.cache:
            store.put_teacher_vectors(fresh, teacher.NAME)
    known.update(fresh)
    for h in hits:
        v = known.get(h.rowid)
        if v is not None:
            h.teacher = float(v @ tq)
    # re-ranked hits first, by the teacher; the rest after, in first-stage order
    hits.sort(key=lambda h: (h.teacher is None, -(h.teacher if h.teacher is not None else h.first_stage)))
    for h in hits:
        h.score = h.teacher if h.teacher is not None else h.first_stage
