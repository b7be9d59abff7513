"""Hashed word and character n-gram features with TF-IDF weights: pure numpy, no fitted vocabulary.

The same ``ngram_ids`` feeds training (scikit-learn fits the weights) and inference (a dot
product here), so the two cannot drift apart. Words and word pairs carry meaning; character
2–5-grams inside word boundaries catch spelling variants, elongations and other scripts.
"""

from __future__ import annotations

import re
import zlib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from watchfloor.classify.rules import fold

BITS = 19
DIM = 1 << BITS
MAX_CHARS = 4000  # features look at the first this many characters of a text (segments are shorter)
_WORD = re.compile(r"\w+")
_URL = re.compile(r"https?://\S+|www\.\S+")


def ngram_ids(text: str) -> tuple[np.ndarray, np.ndarray]:
    """(hashed feature ids, counts) of ``text``'s words, word pairs and in-word character 2–5-grams.

    Ids may repeat (two n-grams hashing alike); every consumer sums over them."""
    folded = _URL.sub(" url ", fold(text[:MAX_CHARS])[0])
    words = _WORD.findall(folded)
    per_word = Counter(words)
    grams = ["w " + w for w in words]
    grams += ["b " + a + " " + b for a, b in zip(words, words[1:])]
    for w, times in per_word.items():
        padded = " " + w + " "
        n = len(padded)
        chars = [padded[i:i + k] for k in (2, 3, 4, 5) for i in range(n - k + 1)]
        grams += chars * times if times > 1 else chars
    counts = Counter(grams)
    ids = np.fromiter((zlib.crc32(g.encode()) & (DIM - 1) for g in counts), dtype=np.int64, count=len(counts))
    return ids, np.fromiter(counts.values(), dtype=np.float32, count=len(counts))


def tfidf_rows(texts: list[str], idf: np.ndarray):
    """A scipy CSR matrix of l2-normalised sublinear TF-IDF rows (training and evaluation only)."""
    from scipy.sparse import csr_matrix

    indptr = [0]
    indices: list[np.ndarray] = []
    data: list[np.ndarray] = []
    for t in texts:
        ids, counts = ngram_ids(t)
        v = (1.0 + np.log(counts)) * idf[ids]
        norm = float(np.sqrt((v * v).sum())) or 1.0
        indices.append(ids)
        data.append((v / norm).astype(np.float32))
        indptr.append(indptr[-1] + len(ids))
    return csr_matrix((np.concatenate(data) if data else np.zeros(0, np.float32),
                       np.concatenate(indices) if indices else np.zeros(0, np.int64), indptr),
                      shape=(len(texts), DIM))


def fit_idf(texts: list[str]) -> np.ndarray:
    df = np.zeros(DIM, dtype=np.float64)
    for t in texts:
        df[ngram_ids(t)[0]] += 1
    return (np.log((1 + len(texts)) / (1 + df)) + 1.0).astype(np.float32)


@dataclass
class LinearHead:
    """A logistic regression over the hashed TF-IDF features: score = sigmoid(w·x + b)."""

    idf: np.ndarray
    coef: np.ndarray
    intercept: float

    def logit(self, text: str) -> float:
        return self.logit_of(*ngram_ids(text))

    def logit_of(self, ids: np.ndarray, counts: np.ndarray) -> float:
        """The logit from a text's ``ngram_ids`` (computed once for several heads)."""
        if not len(ids):
            return self.intercept
        v = (1.0 + np.log(counts)) * self.idf[ids]
        norm = float(np.sqrt((v * v).sum())) or 1.0
        return float(v @ self.coef[ids]) / norm + self.intercept

    def save(self, path: Path) -> None:
        np.savez_compressed(path, idf=self.idf.astype(np.float16), coef=self.coef.astype(np.float16),
                            intercept=np.array([self.intercept], dtype=np.float32))

    @classmethod
    def load(cls, path: Path) -> "LinearHead":
        with np.load(path) as z:
            return cls(z["idf"].astype(np.float32), z["coef"].astype(np.float32), float(z["intercept"][0]))


def fit_head(texts: list[str], y: list[int] | np.ndarray, *, C: float = 4.0, idf: np.ndarray | None = None) -> LinearHead:
    """Fit a LinearHead with scikit-learn (training only)."""
    from sklearn.linear_model import LogisticRegression

    idf = fit_idf(texts) if idf is None else idf
    X = tfidf_rows(texts, idf)
    model = LogisticRegression(C=C, max_iter=3000, class_weight="balanced").fit(X, np.asarray(y))
    return LinearHead(idf, model.coef_[0].astype(np.float32), float(model.intercept_[0]))
