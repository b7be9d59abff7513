"""Remembered results of a function of one word or chunk of text, for the hot paths of ingest.

Ingest meets the same words again and again. ``memo(f)`` is a dict that computes ``f`` of a key it
lacks and keeps it, returned as the dict's own ``__getitem__``: through ``map`` a hit runs no Python
frame and keeps no recency (faster than ``functools.lru_cache``). It forgets everything once it
holds ``size`` keys, so memory stays bounded on a stream of new words.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


class _Memo(dict, Generic[T]):  # type: ignore[type-arg]
    __slots__ = ("_f", "_size")

    def __init__(self, f: Callable[[str], T], size: int) -> None:
        super().__init__()
        self._f, self._size = f, size

    def __missing__(self, key: str) -> T:
        if len(self) >= self._size:
            self.clear()
        value = self[key] = self._f(key)
        return value


def memo(f: Callable[[str], T], size: int = 300_000) -> Callable[[str], T]:
    """``f``, remembered for up to ``size`` keys at a time."""
    return _Memo(f, size).__getitem__
