"""The transliteration keys the full-text index holds for a text, and a query asks for.

The keys are ``text/translit.py``'s (one scheme for the whole project): every word of a text gets
its name key, so that a search for one spelling of a name (Abu Khalid al-Halabi) finds the others
(Abou Khaled Alhalaby, أبو خالد الحلبي). This module only makes that fast enough to run on every
message at ingest: ``translit.name_tokens`` is exact but costs ~10 µs a word, so words are keyed
one whitespace-separated chunk at a time through a cache, and the whole text goes through
``name_tokens`` only when it may hold a compound name that spans chunks (Abd al-Rahman, Nur
al-Din, Nasr Allah), which the per-chunk path cannot join. A bare article (``al``, ``el``, ``ال``)
written apart from its word gets no key of its own, as ``name_tokens`` folds it into the next word.
"""

from __future__ import annotations

import re

from watchfloor.text.memo import memo
from watchfloor.text.translit import NameToken, name_tokens

_DIN = re.compile(r"d[ie]{1,2}n")
_ARTICLES = frozenset({"al", "el", "ul", "il", "ال"})


def _keys(tokens: list[NameToken]) -> list[str]:
    out: list[str] = []
    for t in tokens:
        out.append(t.key)
        out.extend(p for p in t.parts if p)
    return out


def _chunk_text(chunk: str) -> str:
    """The keys of one whitespace-separated chunk, joined."""
    return "" if chunk.lower() in _ARTICLES else " ".join(_keys(name_tokens(chunk)))


# remembered (ingest meets the same words again and again)
chunk_keys = memo(_chunk_text)


def may_hold_compound(text: str) -> bool:
    """Whether ``text`` may hold a compound name (abd, din/deen, llah, عبد, الدين, الله): plain
    substring tests first, as one case-blind alternation cost 8 µs a message at ingest."""
    low = text.lower()
    if "abd" in low or "llah" in low or "عبد" in text or "الله" in text or "الدين" in text:
        return True
    return _DIN.search(low) is not None


# whether one whitespace-separated chunk may hold part of a compound name (none of the tests
# above spans whitespace), remembered
chunk_may_hold_compound = memo(may_hold_compound)


def text_keys(text: str) -> str:
    """The keys of every word of ``text``, in order, space-separated ("" when none)."""
    if may_hold_compound(text):
        return " ".join(_keys(name_tokens(text)))
    # one cached, already joined string a chunk, and one join a message (the hot path of ingest)
    return " ".join(filter(None, map(chunk_keys, text.split())))


def word_spans_with_keys(text: str) -> list[tuple[int, int, frozenset[str]]]:
    """(start, end, keys) of each name word of ``text`` — for showing which words matched."""
    return [(t.start, t.end, frozenset((t.key, *t.parts))) for t in name_tokens(text)]
