"""The static model and the semantic index: segmentation, quantization, cells, re-clustering,
incremental embedding, the teacher cache, and the first stage over cells."""

from __future__ import annotations

import numpy as np
import pytest

from tests.conftest import chat_file, msg
from watchfloor.ingest import ingest_paths
from watchfloor.search import SemanticOptions, search, static, vectors
from watchfloor.search.semantic import first_stage
from watchfloor.store import open_store


def test_static_model_embeds_fast_things_simply():
    model = static.default_model()
    out = model.embed(["the bridge", "", "🙂🙂", "الجسر القديم"])
    assert out.shape == (4, model.dims)
    assert np.allclose(np.linalg.norm(out[[0, 3]], axis=1), 1, atol=1e-5)
    assert not out[1].any()  # nothing known: the zero vector, never NaN
    assert np.isfinite(out).all()
    # a chunk is segmented once, then served from the cache; the same text gives the same vector
    again = model.embed(["the bridge"])[0]
    assert np.allclose(again, out[0])
    long = model.embed(["x" * 100_000])[0]
    assert np.isfinite(long).all()


def test_static_model_puts_paraphrases_closer_than_unrelated_text():
    model = static.default_model()
    a, b, c = model.embed(["the clinic needs blood donors", "blood donation at the clinic",
                           "the football match was postponed"])
    assert a @ b > a @ c


def test_quantize_round_trip_keeps_cosines():
    rng = np.random.default_rng(0)
    x = rng.normal(size=(50, 64)).astype(np.float32)
    x /= np.linalg.norm(x, axis=1, keepdims=True)
    q, s = vectors.quantize(x)
    assert q.dtype == np.int8
    back = vectors.dequantize(q, s)
    assert np.abs((back * x).sum(axis=1) - 1).max() < 0.01


def test_kmeans_cells_and_grouping():
    rng = np.random.default_rng(1)
    centres = rng.normal(size=(4, 16))
    x = np.concatenate([c + 0.05 * rng.normal(size=(40, 16)) for c in centres]).astype(np.float32)
    x /= np.linalg.norm(x, axis=1, keepdims=True)
    c = vectors.train_centroids(x, 4)
    cells = vectors.assign(x, c)
    # each true cluster lands in one cell
    assert all(len(set(cells[i * 40:(i + 1) * 40])) == 1 for i in range(4))
    q, s = vectors.quantize(x)
    chunks = vectors.group_by_cell(np.arange(160), q, s, cells)
    assert sorted(len(ch.rowids) for ch in chunks) == [40] * 4
    assert vectors.cells_for(10) == 0 and vectors.cells_for(1_000_000) == 1024


TEXTS = ["the road to the northern villages is closed because of the flood",
         "the bakery has run out of bread and flour", "the clinic urgently needs blood donors",
         "العيادة بحاجة عاجلة إلى متبرعين بالدم", "the old bridge collapsed during the night",
         "انهار الجسر القديم خلال الليل", "the exam results will be announced tomorrow",
         "a fire broke out in the textile factory", "the flight to istanbul was cancelled"]


def test_index_grows_into_cells_and_search_reads_the_nearest(tmp_path, monkeypatch):
    monkeypatch.setattr(vectors, "SINGLE_CELL", 20)
    monkeypatch.setattr(vectors, "cells_for", lambda n: 0 if n <= 20 else 4)
    store = open_store(str(tmp_path / "v.db"))
    first = chat_file(tmp_path / "a" / "result.json", [msg(i + 1, TEXTS[i % 9] + f" ({i})") for i in range(18)])
    ingest_paths(store, [str(first)], embed=vectors.Encoder.for_store(store))
    info = store.vector_index()
    assert (info.count, info.centroids) == (18, None) and info.upto == 18
    # a second source pushes it past a single cell: re-clustered from the stored vectors
    second = chat_file(tmp_path / "b" / "result.json",
                       [msg(i + 1, TEXTS[i % 9] + f" [{i}]") for i in range(18)], chat_id=778)
    ingest_paths(store, [str(second)], embed=vectors.Encoder.for_store(store))
    info = store.vector_index()
    assert info.count == 36 and info.centroids is not None and len(info.centroids) == 4
    assert info.upto == 36
    assert sorted(np.concatenate([c.rowids for c in store.vector_chunks()]).tolist()) == list(range(1, 37))
    # reading only some cells still finds the message nearest the query
    q = static.default_model().embed(["bread and flour at the bakery"])[0]
    rowids, _ = first_stage(store, q, 5, probe=0.25)
    texts = store.hit_details(rowids.tolist())
    assert "bakery" in texts[int(rowids[0])]["text"]


def test_embed_fills_what_ingest_left_out_and_the_teacher_cache(tmp_path):
    store = open_store(str(tmp_path / "e.db"))
    export = chat_file(tmp_path / "a" / "result.json", [msg(i + 1, t) for i, t in enumerate(TEXTS)])
    ingest_paths(store, [str(export)])  # no vectors
    assert store.vector_index() is None
    report = vectors.embed_store(store)
    assert (report.messages, report.vectors, report.rebuilt) == (9, 9, True)
    assert vectors.embed_teacher(store) == 9
    assert vectors.embed_teacher(store) == 0
    # with every teacher vector stored, no time budget is needed to re-rank deep
    found = search(store, "the old bridge collapsed", mode="semantic", limit=3,
                   semantic=SemanticOptions(budget_s=0.0, candidates=0))
    assert found.hits[0].details["text"] == TEXTS[4]
    assert all(h.ranks and h.similarity is not None for h in found.hits)
    assert TEXTS[5] in {h.details["text"] for h in found.hits}


def test_semantic_search_needs_an_index(tmp_path):
    from watchfloor.errors import WatchfloorError

    store = open_store(str(tmp_path / "n.db"))
    export = chat_file(tmp_path / "a" / "result.json", [msg(1, "hello")])
    ingest_paths(store, [str(export)])
    with pytest.raises(WatchfloorError, match="watchfloor embed"):
        search(store, "hello", mode="semantic")
    assert search(store, "hello", mode="hybrid").hits  # hybrid still has the text side
