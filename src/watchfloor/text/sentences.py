"""Sentence spans and quoted spans of a text: pure functions over character offsets.

Good enough for finding the sentence that carries a label's evidence in chat messages and news
paragraphs in English, Arabic, Russian and French; not a linguistic sentence splitter.
"""

from __future__ import annotations

import re

# a sentence ends at . ! ? … ؟ ؛ (and runs of them) followed by space, or at a line break
_END = re.compile(r"[.!?…؟؛]+[\"'»”’)\]]*(?=\s)|\n+")
_QUOTES = re.compile(r"“[^”]{1,2000}”|«[^»]{1,2000}»|„[^“”]{1,2000}[“”]|\"[^\"\n]{1,2000}\"")


def sentence_spans(text: str, *, limit: int | None = None) -> list[tuple[int, int]]:
    """(start, end) of each non-blank sentence of ``text``, stripped; at most ``limit`` of them."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _END.finditer(text):
        _add(text, start, m.end(), spans)
        start = m.end()
        if limit is not None and len(spans) >= limit:
            return spans
    _add(text, start, len(text), spans)
    return spans[:limit] if limit is not None else spans


def _add(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of the text inside each pair of quotation marks (“…”, «…», „…“, "…")."""
    return [(m.start() + 1, m.end() - 1) for m in _QUOTES.finditer(text)]


def inside(span: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(s <= span[0] and span[1] <= e for s, e in spans)
