"""Quoted passages in a text: where each quotation runs, and the editorial insertions inside it.

Pure functions over a text already split into paragraphs. One pass over the characters, no
backtracking regular expressions, so the time is linear in the text (a 50 MB article included).

What counts as a quotation mark:

- double quotes: curly “…”, straight "…", low-high „…“ and Arabic/French guillemets «…»;
- single quotes (‘…’, '…') are never quotation boundaries: inside a quotation they are nested
  quotes, and outside one they are far more often apostrophes;
- a quotation that is still open at the end of its paragraph continues when the next paragraph
  opens with the same mark (the newsroom convention for quotes of several paragraphs); otherwise it
  ends with its paragraph.

The span of a quotation is the text between its marks, without surrounding spaces and without a
trailing comma (``“…,” he said``: the comma stands for the full stop the attribution replaced).
For a quotation of several paragraphs the span runs from the first paragraph's text to the last
one's, and so includes the paragraph breaks and the opening marks of the continuing paragraphs.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

# opening mark -> the marks that close it
_CLOSERS: dict[str, str] = {
    "\u201c": "\u201d",  # “ ”
    '"': '"',
    "\u201e": "\u201c\u201d",  # „ closes with “ (German) or ”
    "\u00ab": "\u00bb",  # « »
}
_OPENER = re.compile("[" + "".join(_CLOSERS) + "]")
_CLOSER = {mark: re.compile("[" + closers + "]") for mark, closers in _CLOSERS.items()}
_BRACKETS = {"(": ")", "[": "]"}
_TRAILING = " \t\n,،"


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A paragraph of an article: its span in the text, and whether the page set it off as a
    block quotation (an HTML ``<blockquote>`` or an indented block in plain text)."""

    start: int
    end: int
    block: bool = False


@dataclass(slots=True)
class Quoted:
    """A quoted passage: the span of its words, the spans of its marks, and its insertions."""

    start: int  # the first character of the quoted words
    end: int  # one past the last character of the quoted words
    open_at: int  # the opening mark
    close_at: int | None  # the closing mark; None when the paragraph ended without one
    mark: str  # the opening mark
    paragraphs: tuple[int, int]  # first and last paragraph index
    insertions: list[tuple[int, int]] = field(default_factory=list)


def find_quoted(text: str, paragraphs: Sequence[Paragraph]) -> list[Quoted]:
    """Every quoted passage in ``text``, in order."""
    found: list[Quoted] = []
    carry: tuple[int, str, int] | None = None  # an open quote: (open_at, mark, first paragraph)
    for index, para in enumerate(paragraphs):
        pos = para.start
        if carry is not None:
            open_at, mark, first = carry
            carry = None
            head = _skip_space(text, pos, para.end)
            if head < para.end and text[head] == mark:
                # the quotation goes on in this paragraph
                pos, opened = head + 1, (open_at, mark, first)
            else:
                _close(found, text, open_at, mark, None, paragraphs[index - 1].end, first, index - 1)
                opened = None
        else:
            opened = None
        end = para.end
        while pos < end:
            if opened is None:
                hit = _OPENER.search(text, pos, end)
                if hit is None:
                    break
                pos = hit.start()
                opened = (pos, text[pos], index)
                pos += 1
                continue
            open_at, mark, first = opened
            hit = _CLOSER[mark].search(text, pos, end)
            if hit is None:
                break
            pos = hit.start()
            _close(found, text, open_at, mark, pos, pos, first, index)
            opened = None
            pos += 1
        if opened is not None:
            carry = opened
    if carry is not None:
        open_at, mark, first = carry
        _close(found, text, open_at, mark, None, paragraphs[-1].end, first, len(paragraphs) - 1)
    return found


def _skip_space(text: str, pos: int, end: int) -> int:
    while pos < end and text[pos] in " \t":
        pos += 1
    return pos


def _close(
    found: list[Quoted], text: str, open_at: int, mark: str, close_at: int | None,
    stop: int, first: int, last: int,
) -> None:
    start = open_at + 1
    while start < stop and text[start].isspace():
        start += 1
    end = stop
    while end > start and text[end - 1] in _TRAILING:
        end -= 1
    if end <= start:
        return
    found.append(Quoted(
        start=start, end=end, open_at=open_at, close_at=close_at, mark=mark,
        paragraphs=(first, last), insertions=_insertions(text, start, end),
    ))


def _insertions(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Bracketed editorial insertions inside a quotation: "(Al Zarqawi)", "[the Emir]".

    Each span includes its brackets. Brackets do not nest here; an unclosed one inserts nothing.
    """
    spans: list[tuple[int, int]] = []
    exhausted: set[str] = set()  # closers not found again before the end: never look twice
    pos = start
    while pos < end:
        closer = _BRACKETS.get(text[pos])
        if closer is None or closer in exhausted:
            pos += 1
            continue
        close = text.find(closer, pos + 1, end)
        if close < 0:
            exhausted.add(closer)
            pos += 1
            continue
        spans.append((pos, close + 1))
        pos = close + 1
    return spans


__all__ = ["Paragraph", "Quoted", "find_quoted"]
