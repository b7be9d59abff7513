"""Sentence-level tuning of the static model (search/tune.py) on a toy model: no teacher."""

from __future__ import annotations

import numpy as np

from watchfloor.search import static, tune


def toy_model(dims: int = 8, seed: int = 0, offset: np.ndarray | None = None,
              weights: np.ndarray | None = None) -> static.StaticModel:
    rng = np.random.default_rng(seed)
    pieces = [static.SPACE + w for w in ("a", "b", "c", "d", "e", "f")]
    rows = rng.normal(size=(len(pieces), dims)) * 20
    return static.StaticModel(pieces, np.full(len(pieces), -2.0, np.float32), [],
                              rows.astype(np.int8), np.ones(len(pieces), np.float32), "toy",
                              offset=offset, weights=weights)


def test_batch_means_are_means_of_each_texts_rows():
    model = toy_model()
    ids, starts = tune.bags(model, ["a b", "c", "", "a a f"])
    rows = np.arange(6 * 3, dtype=np.float32).reshape(6, 3)
    got = tune.means(rows, ids, starts, np.array([0, 1, 2, 3]))
    want = np.stack([(rows[0] + rows[1]) / 2, rows[2], np.zeros(3), (2 * rows[0] + rows[5]) / 3])
    assert np.allclose(got, want)
    assert np.allclose(tune.means(rows, ids, starts, np.array([3, 1])), want[[3, 1]])
    sub_ids, sub_starts = tune._subset(ids, starts, np.array([3, 0]))
    assert np.allclose(tune.means(rows, sub_ids, sub_starts, np.array([0, 1])), want[[3, 0]])


def test_linear_map_and_row_tuning_move_means_towards_their_targets():
    rng = np.random.default_rng(1)
    model = toy_model()
    texts = [" ".join(rng.choice(list("abcdef"), size=rng.integers(1, 5))) for _ in range(400)]
    ids, starts = tune.bags(model, texts)
    rows = tune.rows_of(model)
    # targets: what another table (a linear image of the rows plus noise per row) gives
    truth = rows @ rng.normal(size=(8, 12)) / 30 + 0.3 * rng.normal(size=(6, 12))
    d = tune.means(truth.astype(np.float32), ids, starts, np.arange(len(texts)))
    train, valid = np.arange(300), np.arange(300, 400)

    def error(r: np.ndarray, w: np.ndarray) -> float:
        return float(((tune.means(r, ids, starts, valid, w) - d[valid]) ** 2).sum(axis=1).mean())

    scripts = np.zeros(6, np.int64)
    mapped, weights = tune.fit_map(rows, scripts, *tune._subset(ids, starts, train), d[train])
    assert mapped.shape == (6, 12) and weights.shape == (6,) and (weights > 0).all()
    tuned, tuned_w = tune.tune_rows(mapped, weights, ids, starts, d, train, valid, epochs=40,
                                    lr=0.02, pull=0.0, batch=64, log=lambda *_: None)
    assert error(tuned, tuned_w) < error(mapped, weights) < float((d[valid] ** 2).sum(axis=1).mean())
    assert error(tuned, tuned_w) < 0.01


def test_a_model_in_the_teacher_space_adds_its_offset_to_the_weighted_mean_row():
    offset = np.full(8, 0.5, np.float32)
    weights = np.array([1, 3, 1, 1, 1, 2], np.float32)
    model = toy_model(offset=offset, weights=weights)
    rows = tune.rows_of(model)  # stored multiplied by their weights
    out = model.embed(["a b", "", "a a f"])
    for got, mean in zip(out[[0, 2]], [(rows[0] + rows[1]) / 4, (2 * rows[0] + rows[5]) / 4]):
        want = offset + mean
        assert np.allclose(got, want / np.linalg.norm(want), atol=1e-5)
    # no known piece: the teacher's mean direction, not the zero vector
    assert np.allclose(out[1], offset / np.linalg.norm(offset))


def test_own_sentences_come_in_four_languages_with_their_dressings():
    texts = tune.own_sentences(2, seed=0)
    assert len(texts) % 12 == 0  # each line: 4 languages x (bare + 2 variants)
    assert any("\u0600" <= ch <= "\u06ff" for ch in texts[3])  # the Arabic one
    assert all(t.strip() for t in texts)


def test_a_tuned_model_survives_saving_and_loading(tmp_path):
    rng = np.random.default_rng(3)
    base = toy_model()
    rows = rng.normal(size=(6, 8)).astype(np.float32)
    weights = np.array([0.5, 1, 2, 1, 1, 4], np.float32)
    offset = rng.normal(size=8).astype(np.float32)
    path = str(tmp_path / "tuned.npz")
    static.save(path, base.pieces, base.scores, [], rows, weights=weights, offset=offset, recipe="t")
    model = static.load(path)
    assert model.in_teacher_space and not base.in_teacher_space
    want = offset + (rows[0] * 0.5 + rows[5] * 4) / 4.5
    assert np.allclose(model.embed(["a f"])[0], want / np.linalg.norm(want), atol=0.02)
