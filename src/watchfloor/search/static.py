"""The static embedding model: one vector per tokenizer piece, a message is the sum of its pieces.

Distilled from the teacher by ``distil.py`` (no corpus, no download) and committed as
``static-e5.npz``. Embedding is a tokenizer pass (the teacher's own SentencePiece unigram
vocabulary, Viterbi segmentation per word, cached per word) and a table lookup, so it runs at
thousands of messages a second where the teacher runs at tens.

The file holds the kept pieces, their unigram log-probabilities (for segmentation), and their
vectors as int8 rows with one float scale per row.
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np

from watchfloor.errors import WatchfloorError

SPACE = "\u2581"  # SentencePiece's word-start mark
DEFAULT_MODEL = str(Path(__file__).with_name("static-e5.npz"))
_UNKNOWN = -1
_CACHE_LIMIT = 400_000


def save(path: str, pieces: list[str], scores: np.ndarray, vectors: np.ndarray, *,
         pca_mean: np.ndarray, pca_basis: np.ndarray, **meta: str) -> None:
    """Write a model: vectors are stored as int8 with a per-row scale; the PCA that reduced the
    teacher's vectors is kept, so a teacher vector can be brought into the same space."""
    if any("\n" in p for p in pieces):
        raise ValueError("a piece holds a newline")
    scale = np.abs(vectors).max(axis=1) / 127.0
    scale[scale == 0] = 1.0
    q = np.round(vectors / scale[:, None]).astype(np.int8)
    np.savez(
        path,
        pieces=np.frombuffer("\n".join(pieces).encode("utf-8"), dtype=np.uint8),
        scores=scores.astype(np.float32),
        vectors=q,
        scales=scale.astype(np.float32),
        pca_mean=pca_mean.astype(np.float32),
        pca_basis=pca_basis.astype(np.float32),
        meta=np.frombuffer(json.dumps(meta).encode(), dtype=np.uint8),
    )


@dataclass
class StaticModel:
    pieces: list[str]
    scores: np.ndarray
    vectors: np.ndarray  # int8, n x dims
    scales: np.ndarray  # float32, n
    pca_mean: np.ndarray  # teacher dims
    pca_basis: np.ndarray  # dims x teacher dims
    name: str
    index: dict[str, int] = field(init=False)
    max_len: int = field(init=False)
    _words: dict[str, list[int]] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        self.index = {p: i for i, p in enumerate(self.pieces)}
        self.max_len = max(len(p) for p in self.pieces)
        self._unk_score = float(self.scores.min()) - 10.0

    @property
    def dims(self) -> int:
        return int(self.vectors.shape[1])

    def _segment(self, word: str) -> list[int]:
        """Most probable segmentation of ``▁word`` into known pieces (unigram Viterbi); characters
        no piece covers are dropped."""
        text = SPACE + word
        n = len(text)
        index, scores, max_len = self.index, self.scores, self.max_len
        best = [0.0] + [-1e30] * n
        back = [0] * (n + 1)
        piece = [_UNKNOWN] * (n + 1)
        for end in range(1, n + 1):
            b = best[end - 1] + self._unk_score
            bj, bp = end - 1, _UNKNOWN
            for start in range(max(0, end - max_len), end):
                i = index.get(text[start:end])
                if i is not None:
                    s = best[start] + scores[i]
                    if s > b:
                        b, bj, bp = s, start, i
            best[end], back[end], piece[end] = b, bj, bp
        out: list[int] = []
        end = n
        while end > 0:
            if piece[end] != _UNKNOWN:
                out.append(piece[end])
            end = back[end]
        out.reverse()
        return out

    def tokens(self, text: str) -> list[int]:
        """Piece ids of ``text`` (NFKC, split at whitespace, each word segmented)."""
        if not text.isascii():
            text = unicodedata.normalize("NFKC", text)
        words = self._words
        out: list[int] = []
        for word in text.split():
            ids = words.get(word)
            if ids is None:
                if len(words) > _CACHE_LIMIT:
                    words.clear()
                ids = words[word] = self._segment(word[:200])
            out.extend(ids)
        return out

    def embed(self, texts: list[str]) -> np.ndarray:
        """Unit-length vectors of ``texts`` (n x dims float32); a text with no known piece gets
        the zero vector."""
        out = np.zeros((len(texts), self.dims), dtype=np.float32)
        ids: list[int] = []
        starts: list[int] = []
        rows: list[int] = []
        for row, text in enumerate(texts):
            t = self.tokens(text)
            if t:
                rows.append(row)
                starts.append(len(ids))
                ids.extend(t)
        if not ids:
            return out
        idx = np.asarray(ids, dtype=np.int64)
        gathered = self.vectors[idx].astype(np.float32)
        gathered *= self.scales[idx, None]
        sums = np.add.reduceat(gathered, np.asarray(starts, dtype=np.int64), axis=0)
        norms = np.linalg.norm(sums, axis=1, keepdims=True)
        norms[norms == 0] = 1.0
        out[np.asarray(rows, dtype=np.int64)] = sums / norms
        return out


    def project(self, teacher_vectors: np.ndarray) -> np.ndarray:
        """Teacher vectors (n x teacher dims) brought into this model's space, unit length."""
        out = (np.atleast_2d(teacher_vectors) - self.pca_mean) @ self.pca_basis.T
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        norms[norms == 0] = 1.0
        return (out / norms).astype(np.float32)


def load(path: str = DEFAULT_MODEL) -> StaticModel:
    try:
        with np.load(path) as z:
            pieces = bytes(z["pieces"]).decode("utf-8").split("\n")
            meta = json.loads(bytes(z["meta"]).decode())
            model = StaticModel(pieces, z["scores"], z["vectors"], z["scales"],
                                z["pca_mean"], z["pca_basis"], name=f"static:{meta.get('teacher', '?')}:{meta.get('recipe', '?')}")
    except (OSError, KeyError, ValueError) as e:
        raise WatchfloorError(f"{path}: cannot read the static embedding model ({e}); "
                              "rebuild it with `python -m watchfloor.search.distil`") from None
    return model


@lru_cache(maxsize=1)
def default_model() -> StaticModel:
    return load(DEFAULT_MODEL)
