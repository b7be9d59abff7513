"""Why a message matched: the words of it that match the query's terms (directly, by prefix, or
as another spelling of a name), as character spans, and a snippet around the first of them."""

from __future__ import annotations

import re
import unicodedata

from watchfloor.search.query import Term
from watchfloor.text.keys import text_keys, word_spans_with_keys
from watchfloor.text.normalise import normalise

_WORD = re.compile(r"\w+")
SNIPPET = 200


def _fold(word: str) -> str:
    """normalise() plus Latin diacritics removed, as the index's tokenizer does."""
    w = normalise(word)
    if w.isascii():
        return w
    return "".join(c for c in unicodedata.normalize("NFD", w) if not unicodedata.combining(c))


def matches(text: str, terms: list[Term]) -> list[tuple[int, int, str]]:
    """(start, end, how) of each word of ``text`` a term matches; how is "word", "prefix",
    "phrase" or "spelling"."""
    words = [(m.start(), m.end(), _fold(m.group())) for m in _WORD.finditer(text)]
    found: dict[tuple[int, int], str] = {}
    # a one-letter key (Abu, Abou, أبو -> "b") also fits "by" or "be": such a word is shown only
    # beside another matched word, as the kunya stands before the name it belongs to
    weak: list[int] = []
    named: list[tuple[int, int, frozenset[str]]] = []
    for term in terms:
        tw = [_fold(w) for w in term.words]
        if term.prefix:
            for s, e, w in words:
                if w.startswith(tw[0]):
                    found.setdefault((s, e), "prefix")
            continue
        n = len(tw)
        for i in range(len(words) - n + 1):
            if all(words[i + j][2] == tw[j] for j in range(n)):
                for j in range(n):
                    found.setdefault(words[i + j][:2], "phrase" if n > 1 else "word")
        wanted = text_keys(term.raw).split()
        if wanted:
            named = named or word_spans_with_keys(text)
            for i in range(len(named) - len(wanted) + 1):
                if all(wanted[j] in named[i + j][2] for j in range(len(wanted))):
                    if len(wanted) == 1 and len(wanted[0]) == 1:
                        weak.append(i)
                        continue
                    for s, e, _ in named[i : i + len(wanted)]:
                        found.setdefault((s, e), "spelling")
    for i in weak:
        beside = [named[j][:2] for j in (i - 1, i + 1) if 0 <= j < len(named)]
        if any(b in found for b in beside):
            found.setdefault(named[i][:2], "spelling")
    return sorted((s, e, how) for (s, e), how in found.items())


def snippet(text: str, spans: list[tuple[int, int, str]], width: int = SNIPPET) -> tuple[str, list[list[int]]]:
    """A window of ``text`` around the first match, and the matches' spans within it."""
    flat = " ".join(text.split())
    if len(flat) != len(text):  # spans are into the original text: keep it when it differs
        flat = text
    start = 0
    if spans and spans[0][0] > width // 3:
        start = spans[0][0] - width // 3
        while start > 0 and not flat[start - 1].isspace():
            start -= 1
    end = min(len(flat), start + width)
    while end < len(flat) and not flat[end].isspace() and end - start < width + 30:
        end += 1
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(flat) else ""
    shown = prefix + flat[start:end] + suffix
    shift = len(prefix) - start
    marks = [[s + shift, e + shift] for s, e, _ in spans if s >= start and e <= end]
    return shown, marks
