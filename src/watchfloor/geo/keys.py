"""Match keys for place names: the same key for the spellings of one name.

Two keys per name, both computed the same way for the gazetteer and for a name found in text:

- ``exact``: the name folded (case, Latin diacritics, Arabic letter variants, apostrophes and
  hyphens) with the Arabic article left out of every word (al-/el-/ar-/ash-/… and ال), spaces
  removed, and a final -h that only spells a vowel dropped. ``Ar Raqqah``, ``al-Raqqa`` and
  ``Raqqa`` share it; so do ``الرقة`` and ``رقة``.
- ``skeleton``: the exact key without vowels (a e i o u w y in Latin; ا و ي ى ء in Arabic), with
  digraphs that transliterations disagree on merged (kh/k/q/c, sh/ch/s, th/t, dh/d/z, gh/g,
  dj/j, ph/f) and doubled letters collapsed.
  ``Tal Afar``, ``Tall 'Afar`` and ``Telafar`` share ``tlfr``; it only proposes candidates,
  which are then ranked by how close the spellings really are.
"""

from __future__ import annotations

import re
import unicodedata

from watchfloor.text.normalise import normalise

# the article as transliterations write it, as a word of its own or joined by a hyphen
_LATIN_ARTICLE = re.compile(
    r"(?:(?<=\s)|^)(?:al|el|il|ul|ar|as|ash|ad|adh|at|ath|az|an|ad-d|es|ed|et|ez|en|er)(?:[\s\-]+|(?=-))"
)
_ARABIC_ARTICLE = re.compile(r"(?:(?<=\s)|^)ال(?=\S{2,})")
_QUOTES = dict.fromkeys(map(ord, "'’‘`ʼʻʿʾ´\"“”"), None)
_DROP_LATIN = re.compile(r"[^a-z0-9\u0600-\u06ff\s]")
_DIGRAPHS = [
    ("kh", "k"), ("gh", "g"), ("sh", "s"), ("ch", "s"), ("th", "t"), ("dh", "d"), ("dj", "j"),
    ("ph", "f"), ("ck", "k"), ("q", "k"), ("c", "k"), ("x", "ks"), ("z", "d"), ("ee", "i"),
]
_LATIN_VOWELS = re.compile(r"[aeiouwy]")
_ARABIC_VOWELS = re.compile(r"[اويىء]")
_FINAL_H = re.compile(r"(?<=[aeiou])h$")
_DOUBLE = re.compile(r"(.)\1+")


def fold(name: str) -> str:
    """Case, diacritics and punctuation folded; words kept apart by single spaces."""
    text = normalise(name).translate(_QUOTES)
    if not text.isascii():
        text = "".join(
            c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)
        )
    text = text.replace("-", " ") if not _LATIN_ARTICLE.search(text) else text
    return " ".join(text.split())


def exact_key(name: str) -> str:
    text = fold(name)
    if not text:
        return ""
    text = _LATIN_ARTICLE.sub("", text)
    text = _ARABIC_ARTICLE.sub("", text)
    text = _DROP_LATIN.sub("", text).replace(" ", "")
    return _FINAL_H.sub("", text) if text.isascii() else text


def skeleton_key(name: str) -> str:
    key = exact_key(name)
    if not key:
        return ""
    if key.isascii():
        for a, b in _DIGRAPHS:
            key = key.replace(a, b)
        key = key[0] + _LATIN_VOWELS.sub("", key[1:]) if len(key) > 1 else key
    else:
        key = key[:-1] if key.endswith("ه") and len(key) > 2 else key
        key = key[0] + _ARABIC_VOWELS.sub("", key[1:]) if len(key) > 1 else key
    return _DOUBLE.sub(r"\1", key)


def keys(name: str) -> tuple[str, str]:
    return exact_key(name), skeleton_key(name)
