"""How far the static first stage agrees with the teacher, on the search benchmark's sample.

    python bench/search_agreement.py [MODEL.npz ...] [--out bench/out/search]

Needs the sample database and the teacher's vectors of its messages that
``bench/search_bench.py --skip-large`` leaves under --out. For each model, over the benchmark's
42 semantic queries and an exact scan of the sample (no index cells, no int8):

- ``first_stage@10``: recall@10 of the static model alone against the teacher's exact search
  (a hit counts when its teacher similarity reaches the teacher's 10th best, so ties count);
- ``rerank@K``: recall@10 when the teacher re-ranks the static model's best K — what a
  two-stage search re-ranking K candidates can reach at most.

A sentence-tuned model (in the teacher's space) is asked with the teacher's query vector, as search
asks it; its own vector of the query is measured too (``first_stage@10_own_query_vector``).
"""

from __future__ import annotations

import argparse
import json
import os
import sys

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))

KS = (10, 50, 100, 300, 1000)


def agreement(static_docs: np.ndarray, static_queries: np.ndarray, teacher_docs: np.ndarray,
              teacher_queries: np.ndarray, ks: tuple[int, ...] = KS) -> dict[str, float]:
    """Recall@10 of the static ranking, and of the teacher re-ranking the static top K."""
    hits = {"first_stage@10": 0, **{f"rerank@{k}": 0 for k in ks}}
    for sq, tq in zip(static_queries, teacher_queries):
        truth = teacher_docs @ tq
        tenth = np.sort(truth)[-10] - 1e-6
        order = np.argsort(-(static_docs @ sq), kind="stable")
        hits["first_stage@10"] += int((truth[order[:10]] >= tenth).sum())
        for k in ks:
            cand = order[:k]
            best = cand[np.argsort(-truth[cand], kind="stable")[:10]]
            hits[f"rerank@{k}"] += int((truth[best] >= tenth).sum())
    n = 10 * len(static_queries)
    return {k: round(v / n, 3) for k, v in hits.items()}


def sample(out: str, n: int = 20_000) -> tuple[list[str], np.ndarray]:
    from watchfloor.store import open_store

    store = open_store(os.path.join(out, f"search-{n}.db"))
    texts: list[str] = []
    for _, t in store.message_texts():
        texts += t
    store.close()
    return texts, np.load(os.path.join(out, f"teacher-{len(texts)}.npy"))


def main() -> None:
    from bench.search_bench import semantic_queries
    from watchfloor.search import static, teacher

    ap = argparse.ArgumentParser()
    ap.add_argument("models", nargs="*", default=[static.DEFAULT_MODEL])
    ap.add_argument("--out", default=os.path.join(os.path.dirname(__file__), "out", "search"))
    args = ap.parse_args()
    texts, tv = sample(args.out)
    queries = semantic_queries()
    qcache = os.path.join(args.out, f"teacher-queries-{len(queries)}.npy")
    if os.path.exists(qcache):
        tq = np.load(qcache)
    else:
        tq = np.stack([teacher.encode_query(q) for q in queries])
        np.save(qcache, tq)
    for path in args.models:
        model = static.load(path)
        print(json.dumps(measure(model, texts, queries, tv, tq, os.path.basename(path))), flush=True)


def measure(model, texts: list[str], queries: list[str], tv: np.ndarray, tq: np.ndarray,
            name: str = "") -> dict:
    """Agreement of ``model`` with the teacher on ``texts``; a sentence-tuned model is asked
    both ways: with the teacher's query vector (what search does) and with its own."""
    docs = model.embed(texts)
    out = {"model": name, **agreement(docs, model.embed(queries), tv, tq)}
    if model.in_teacher_space:
        out = {"model": name, **agreement(docs, tq, tv, tq),
               "first_stage@10_own_query_vector": out["first_stage@10"]}
    return out


if __name__ == "__main__":
    main()
