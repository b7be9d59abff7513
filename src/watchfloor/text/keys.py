"""Which words of a text get transliteration keys in the full-text index, and the keys.

The keys themselves come from ``text/translit.py`` (one scheme for the whole project); this
module only decides what the search index and the query side apply them to, so that both do
the same.
"""

from __future__ import annotations

import re
from functools import lru_cache

_WORD = re.compile(r"[^\W\d_][\w'’-]*")


@lru_cache(maxsize=200_000)
def word_keys(word: str) -> tuple[str, ...]:
    """Transliteration keys of one word (empty when it has none)."""
    return ()


def text_keys(text: str) -> str:
    """The keys of every word of ``text``, space-separated, for the index's ``keys`` column."""
    out: list[str] = []
    for w in _WORD.findall(text):
        out.extend(word_keys(w))
    return " ".join(out)
