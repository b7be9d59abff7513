"""Metrics for a binary label: precision, recall, F1, the confusion matrix, and the threshold that
maximises F1 on a set of scores (used only on training-side predictions, never on validation)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True, slots=True)
class Binary:
    tp: int
    fp: int
    fn: int
    tn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {"precision": round(self.precision, 4), "recall": round(self.recall, 4), "f1": round(self.f1, 4),
                "tp": self.tp, "fp": self.fp, "fn": self.fn, "tn": self.tn}


def binary(truth: Sequence[int] | np.ndarray, predicted: Sequence[int] | np.ndarray) -> Binary:
    t = np.asarray(truth).astype(bool)
    p = np.asarray(predicted).astype(bool)
    return Binary(int((t & p).sum()), int((~t & p).sum()), int((t & ~p).sum()), int((~t & ~p).sum()))


def best_threshold(truth: Sequence[int] | np.ndarray, scores: Sequence[float] | np.ndarray) -> float:
    """The score cut-off with the highest F1 (ties: the middle of the best run)."""
    s = np.asarray(scores, dtype=np.float64)
    t = np.asarray(truth).astype(bool)
    cands = np.unique(np.round(s, 4))
    if len(cands) > 400:
        cands = np.quantile(s, np.linspace(0.0, 1.0, 401))
    f1s = np.array([binary(t, s >= c).f1 for c in cands])
    best = np.flatnonzero(f1s >= f1s.max() - 1e-9)
    return float(cands[best[len(best) // 2]])
