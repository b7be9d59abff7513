"""The static embedding model: one vector per tokenizer piece (and per frequent whole word);
a message is the sum of its entries' vectors.

Distilled from the teacher by ``distil.py`` and committed as ``static-e5.npz``. Embedding a
message is a tokenizer pass — each whitespace-separated chunk is looked up as a whole word
first, else segmented into the teacher's own SentencePiece unigram pieces (Viterbi), cached per
chunk — and a table lookup, so it runs at thousands of messages a second where the teacher runs
at tens.

The file holds the kept pieces and their unigram log-probabilities (for segmentation), the whole
words, and one int8 vector per entry (pieces first, then words) with a float scale each.
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np

from watchfloor.errors import WatchfloorError
from watchfloor.text.normalise import normalise

SPACE = "\u2581"  # SentencePiece's word-start mark
DEFAULT_MODEL = str(Path(__file__).with_name("static-e5.npz"))
_CACHE_LIMIT = 400_000
_PUNCT = "".join(chr(c) for c in range(0x20, 0x7F) if not chr(c).isalnum()) + "«»“”‘’…،؛؟!"


def _blob(items: list[str]) -> np.ndarray:
    if any("\n" in p for p in items):
        raise ValueError("an entry holds a newline")
    return np.frombuffer("\n".join(items).encode("utf-8"), dtype=np.uint8)


def save(path: str, pieces: list[str], scores: np.ndarray, words: list[str], vectors: np.ndarray,
         weights: np.ndarray | None = None, offset: np.ndarray | None = None, **meta: str) -> None:
    """Write a model: ``vectors`` has a row per piece then per word, stored as int8 with a scale
    per row. A model tuned in the teacher's space (``tune.py``) also has a weight per row and
    ``offset``, the teacher's mean vector, to which a text's weighted mean row is added (the
    rows are stored multiplied by their weights)."""
    if len(vectors) != len(pieces) + len(words):
        raise ValueError("one vector per piece and per word")
    extra = {}
    if offset is not None:
        if weights is None:
            raise ValueError("a model in the teacher's space has a weight per row")
        vectors = vectors * weights[:, None]
        extra = {"offset": offset.astype(np.float32), "weights": weights.astype(np.float32)}
    scale = np.abs(vectors).max(axis=1) / 127.0
    scale[scale == 0] = 1.0
    np.savez(
        path,
        **extra,
        pieces=_blob(pieces),
        scores=scores.astype(np.float32),
        words=_blob(words),
        vectors=np.round(vectors / scale[:, None]).astype(np.int8),
        scales=scale.astype(np.float32),
        meta=np.frombuffer(json.dumps(meta).encode(), dtype=np.uint8),
    )


@dataclass
class StaticModel:
    pieces: list[str]
    scores: np.ndarray
    words: list[str]
    vectors: np.ndarray  # int8, (pieces + words) x dims
    scales: np.ndarray  # float32, one per row
    name: str
    # a model tuned in the teacher's space: a text is normalise(offset + sum of its rows / sum of
    # their weights) and the first stage is asked with the teacher's query vector; otherwise a
    # text is normalise(sum of its rows)
    offset: np.ndarray | None = None
    weights: np.ndarray | None = None
    index: dict[str, int] = field(init=False)
    word_index: dict[str, int] = field(init=False)
    max_len: int = field(init=False)
    _chunks: dict[str, list[int]] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        self.index = {p: i for i, p in enumerate(self.pieces)}
        first = len(self.pieces)
        self.word_index = {}
        for i, w in enumerate(self.words):
            self.word_index.setdefault(w, first + i)
            self.word_index.setdefault(normalise(w), first + i)
        self.max_len = max(len(p) for p in self.pieces)
        self._unk_score = float(self.scores.min()) - 10.0

    @classmethod
    def segmenter(cls, pieces: list[str], scores: np.ndarray) -> StaticModel:
        """A model that can only segment (no vectors): what distillation needs before it has any."""
        return cls(pieces, scores, [], np.zeros((len(pieces), 1), np.int8),
                   np.ones(len(pieces), np.float32), "segmenter")

    @property
    def dims(self) -> int:
        return int(self.vectors.shape[1])

    def segment(self, word: str) -> list[int]:
        """Most probable segmentation of ``▁word`` into known pieces (unigram Viterbi); characters
        no piece covers are dropped."""
        text = SPACE + word
        n = len(text)
        index, scores, max_len = self.index, self.scores, self.max_len
        best = [0.0] + [-1e30] * n
        back = [0] * (n + 1)
        piece = [-1] * (n + 1)
        for end in range(1, n + 1):
            b = best[end - 1] + self._unk_score
            bj, bp = end - 1, -1
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
            if piece[end] != -1:
                out.append(piece[end])
            end = back[end]
        out.reverse()
        return out

    def _chunk(self, chunk: str) -> list[int]:
        bare = chunk.strip(_PUNCT)
        if bare:
            key = bare.casefold()
            row = self.word_index.get(key)
            if row is None and not key.isascii():
                row = self.word_index.get(normalise(key))
            if row is not None:
                return [row]
        return self.segment(chunk[:200])

    def tokens(self, text: str) -> list[int]:
        """Row ids of ``text`` (NFKC, split at whitespace, each chunk a word or its pieces)."""
        if not text.isascii():
            text = unicodedata.normalize("NFKC", text)
        chunks = self._chunks
        out: list[int] = []
        for chunk in text.split():
            ids = chunks.get(chunk)
            if ids is None:
                if len(chunks) > _CACHE_LIMIT:
                    chunks.clear()
                ids = chunks[chunk] = self._chunk(chunk)
            out.extend(ids)
        return out

    @property
    def in_teacher_space(self) -> bool:
        return self.offset is not None

    def embed(self, texts: list[str]) -> np.ndarray:
        """Unit-length vectors of ``texts`` (n x dims float32). A text with no known piece gets
        the zero vector (a model in the teacher's space: the teacher's mean vector)."""
        out = np.zeros((len(texts), self.dims), dtype=np.float32)
        if self.offset is not None:
            out[:] = self.offset / max(float(np.linalg.norm(self.offset)), 1e-9)
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
        if self.offset is not None:
            total = np.add.reduceat(self.weights[idx], np.asarray(starts, dtype=np.int64))
            sums = self.offset + sums / np.maximum(total, 1e-12)[:, None]
        norms = np.linalg.norm(sums, axis=1, keepdims=True)
        norms[norms == 0] = 1.0
        out[np.asarray(rows, dtype=np.int64)] = sums / norms
        return out


def _items(z: np.lib.npyio.NpzFile, key: str) -> list[str]:
    raw = bytes(z[key]).decode("utf-8")
    return raw.split("\n") if raw else []


def load(path: str = DEFAULT_MODEL) -> StaticModel:
    try:
        with np.load(path) as z:
            meta = json.loads(bytes(z["meta"]).decode())
            return StaticModel(
                _items(z, "pieces"), z["scores"], _items(z, "words") if "words" in z else [],
                z["vectors"], z["scales"],
                name=f"static:{meta.get('teacher', '?')}:{meta.get('recipe', '?')}",
                offset=z["offset"] if "offset" in z else None,
                weights=z["weights"] if "weights" in z else None,
            )
    except (OSError, KeyError, ValueError) as e:
        raise WatchfloorError(f"{path}: cannot read the static embedding model ({e}); "
                              "rebuild it with `make static-model`") from None


@lru_cache(maxsize=1)
def default_model() -> StaticModel:
    return load(DEFAULT_MODEL)
