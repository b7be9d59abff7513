"""Transparent label evidence: lexicon patterns matched sentence by sentence, with negation and
reported speech taken into account.

``rule_hits(text)`` returns every pattern match with the sentence it sits in; ``rule_scores``
folds them into one score per label (noisy-or of the match weights). A match is discounted when a
negation cue stands a few words before it in its clause ("we will never kill"), and when its
sentence reports others' acts or words ("police said the gunmen killed") unless the match is inside
quotation marks (a quoted threat is a threat). Patterns live in ``lexicon.py``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from watchfloor.classify.lexicon import NEGATION, PATTERNS, REPORTING
from watchfloor.text.sentences import inside, quoted_spans, sentence_spans

NEGATED_FACTOR = 0.15
REPORTED_FACTOR = 0.25
NEGATION_WINDOW = 30  # characters before a match in which a negation cue counts

_ARABIC = {
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ی": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي",
    "ک": "ك", "’": "'", "‘": "'", "ʼ": "'",
}
_DROP = {chr(c) for c in range(0x064B, 0x0660)} | {"\u0670", "\u0640", "\u200c", "\u200d", "\u200f", "\u200e"}


def fold(text: str) -> tuple[str, list[int] | None]:
    """Lower-cased, Arabic-folded text for matching, and the original offset of each of its
    characters (None when the offsets are unchanged, the common ASCII case)."""
    if text.isascii():
        return text.lower(), None
    out: list[str] = []
    offsets: list[int] = []
    for i, ch in enumerate(text):
        if ch in _DROP:
            continue
        ch = _ARABIC.get(ch, ch)
        low = ch.lower()
        if len(low) != 1:
            low = unicodedata.normalize("NFKC", ch)[:1].lower() or ch
        out.append(low)
        offsets.append(i)
    return "".join(out), offsets


def _original(offsets: list[int] | None, start: int, end: int, n: int) -> tuple[int, int]:
    if offsets is None:
        return start, end
    if start >= len(offsets):
        return n, n
    # the end runs up to the next kept character, so marks folded away after a letter stay inside
    return offsets[start], (offsets[end] if end < len(offsets) else n)


UNNEGATED = {"hate"}  # "they are not human" dehumanises: negation does not undo hate


def _negated(sentence: str, m: re.Match[str], negation: re.Pattern[str]) -> bool:
    """A negation cue a few words before the match or inside it ("we will never kill"), unless the
    cue is part of the pattern itself ("вам не жить")."""
    start = max(0, m.start() - NEGATION_WINDOW)
    clause = max(sentence.rfind(mark, start, m.start()) for mark in ",;:—–،")  # the cue must be in the same clause
    for cue in negation.finditer(sentence, max(start, clause + 1), m.end()):
        if cue.group().strip() not in m.re.pattern:
            return True
    return False


@dataclass(frozen=True, slots=True)
class RuleHit:
    label: str
    lang: str
    weight: float  # after negation and reporting discounts
    span: tuple[int, int]  # of the matched words, in the original text
    sentence: tuple[int, int]  # of the sentence holding them
    negated: bool = False
    reported: bool = False


@lru_cache(maxsize=1)
def _compiled() -> tuple[list[tuple[str, str, float, re.Pattern[str]]], re.Pattern[str], re.Pattern[str]]:
    patterns = [(label, lang, weight, re.compile(fold(p)[0])) for label, lang, weight, p in PATTERNS]
    return patterns, re.compile(fold(NEGATION)[0]), re.compile(fold(REPORTING)[0])


def _scripts(folded: str) -> set[str]:
    """The pattern languages worth trying on a text, from the scripts it contains."""
    if folded.isascii():
        return {"en", "fr"}
    langs = set()
    if any("\u0600" <= ch <= "\u06ff" for ch in folded):
        langs.add("ar")
    if any("\u0400" <= ch <= "\u04ff" for ch in folded):
        langs.add("ru")
    if any(ch.isascii() and ch.isalpha() or "\u00c0" <= ch <= "\u017f" for ch in folded):
        langs |= {"en", "fr"}
    return langs


def rule_hits(text: str, *, reporting: bool = False, max_sentences: int = 5000) -> list[RuleHit]:
    """Every lexicon match in ``text``. ``reporting`` marks narrative text (a news article's own
    words): there only quoted speech can carry a label."""
    if not text or not any(ch.isalpha() for ch in text[:10000]) and not any(ch.isalpha() for ch in text):
        return []
    folded, offsets = fold(text)
    patterns, negation, reported_cue = _compiled()
    langs = _scripts(folded)
    patterns = [p for p in patterns if p[1] in langs]
    quotes = quoted_spans(folded)
    hits: list[RuleHit] = []
    for s_start, s_end in sentence_spans(folded, limit=max_sentences):
        sentence = folded[s_start:s_end]
        reports = reported_cue.search(sentence) is not None
        for label, lang, weight, pattern in patterns:
            for m in pattern.finditer(sentence):
                span = (s_start + m.start(), s_start + m.end())
                quoted = inside(span, quotes)
                if reporting and not quoted:
                    continue
                negated = label not in UNNEGATED and _negated(sentence, m, negation)
                is_reported = reports and not quoted
                w = weight * (NEGATED_FACTOR if negated else 1.0) * (REPORTED_FACTOR if is_reported else 1.0)
                hits.append(RuleHit(
                    label, lang, w, _original(offsets, *span, len(text)),
                    _original(offsets, s_start, s_end, len(text)), negated, is_reported,
                ))
    return hits


def strongest(hits: list[RuleHit]) -> list[RuleHit]:
    """The hits that count: per label, strongest first, none overlapping a stronger one."""
    kept: list[RuleHit] = []
    for h in sorted(hits, key=lambda h: -h.weight):
        if not any(k.label == h.label and k.span[0] < h.span[1] and h.span[0] < k.span[1] for k in kept):
            kept.append(h)
    return kept


def reported_outside_quotes(text: str) -> bool:
    """True when a sentence of ``text`` carries a reporting cue ("said", "according to") that is
    not inside quotation marks."""
    folded, _ = fold(text)
    _, _, cue = _compiled()
    quotes = quoted_spans(folded)
    return any(not inside(m.span(), quotes) for m in cue.finditer(folded))


def rule_scores(hits: list[RuleHit]) -> dict[str, float]:
    """One score per label: 1 - prod(1 - weight) over its non-overlapping matches."""
    keep: dict[str, float] = {}
    for h in strongest(hits):
        keep[h.label] = 1.0 - (1.0 - keep.get(h.label, 0.0)) * (1.0 - h.weight)
    return keep
