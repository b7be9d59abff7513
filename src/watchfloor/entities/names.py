"""A model of names: how likely a single Latin-script word is a person's name.

The rules of the English recogniser (entities/english.py) decide many things by a word's shape: a
capitalised word spaCy missed or called a place, a first name alone after a verb, the words after
a title, a message in capitals. A list of names only knows the names it holds; this model reads
a word's letters (character n-grams, hashed) and so also has an opinion about names no list holds
("Mujanovic", "Gabdullin", "Tumusiime" look like names; "Jacobabad", "Derbasiyah" like places;
"Boulevard", "Mercedes" like neither).

    from watchfloor.entities.names import name_model
    name_model().p_name("Rexhepi")     # P(a person's given or family name), 0..1
    name_model().p_given("Nurlan")     # P(a given name rather than a family name | a name)

Two logistic regressions over the same hashed features (the whole word, and its 2- to
5-letter n-grams with the word's start and end marked), trained by
``python -m watchfloor.entities.names_build`` (``make names-model``; build time only) from public
name lists (given names of gender.c's list, the US census surnames) against place names of our
gazetteer and everyday English words; weights int8, in ``names-model.bin`` next to this file.
Sources, licences and figures: ``NAMES_MODEL.md``. Run time is the standard library and numpy:
one table look-up per feature, about 40 for a word, cached per word.
"""

from __future__ import annotations

import json
import math
import unicodedata
import zlib
from functools import lru_cache
from pathlib import Path

import numpy as np

MODEL_PATH = Path(__file__).with_name("names-model.bin")
MAGIC = b"WFNAMES1\n"
MIN_N, MAX_N = 2, 5


def normalise(word: str) -> str | None:
    """The word the model reads: case folded, accents off, letters a-z only (apostrophes and
    hyphens dropped: "al-Zubaidi" → "alzubaidi"). None for a word with other letters (Arabic,
    Cyrillic script) or shorter than two letters: the model has no opinion on it."""
    folded = unicodedata.normalize("NFKD", word.casefold())
    letters = "".join(c for c in folded if not unicodedata.combining(c))
    letters = letters.replace("ß", "ss").replace("ı", "i").replace("ø", "o").replace("æ", "ae").replace("đ", "d")
    out = "".join(c for c in letters if "a" <= c <= "z")
    if len(out) < 2 or any(c.isalpha() and not ("a" <= c <= "z") for c in letters):
        return None
    return out


def features(word: str, buckets: int) -> list[int]:
    """The hashed feature indices of a normalised word: the word itself and its n-grams."""
    mask = buckets - 1
    marked = f"^{word}$"
    feats = [zlib.crc32(b"W:" + word.encode()) & mask]
    for n in range(MIN_N, MAX_N + 1):
        for i in range(len(marked) - n + 1):
            feats.append(zlib.crc32(marked[i:i + n].encode()) & mask)
    return feats


class NameModel:
    def __init__(self, path: Path = MODEL_PATH) -> None:
        raw = path.read_bytes()
        if not raw.startswith(MAGIC):
            raise ValueError(f"{path} is not a names model")
        header_end = raw.index(b"\n", len(MAGIC))
        self.header = json.loads(raw[len(MAGIC):header_end])
        self.buckets = int(self.header["buckets"])
        offset = header_end + 1
        self.heads: dict[str, tuple[float, float, np.ndarray]] = {}
        for name in self.header["order"]:
            head = self.header["heads"][name]
            weights = np.frombuffer(raw, dtype=np.int8, count=self.buckets, offset=offset)
            offset += self.buckets
            self.heads[name] = (float(head["bias"]), float(head["scale"]), weights.astype(np.float32))
        self._cache: dict[tuple[str, str], float | None] = {}

    def _p(self, head: str, word: str) -> float | None:
        key = (head, word)
        if key in self._cache:
            return self._cache[key]
        norm = normalise(word)
        if norm is None:
            p = None
        else:
            bias, scale, weights = self.heads[head]
            z = bias + scale * float(weights[features(norm, self.buckets)].sum())
            p = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
        if len(self._cache) > 200_000:
            self._cache.clear()
        self._cache[key] = p
        return p

    def p_name(self, word: str) -> float | None:
        """P(``word`` is a person's given or family name rather than a place or an everyday word)."""
        return self._p("name", word)

    def p_given(self, word: str) -> float | None:
        """P(``word`` is a given name rather than a family name), if it is a name."""
        return self._p("given", word)

    def name_like(self, surface: str, threshold: float = 0.5) -> bool:
        """Does every word of ``surface`` (articles and a kunya aside) read as a name?"""
        words = [w for w in surface.replace("-", " ").split() if w.lower() not in ("al", "el", "bin", "ibn", "ben")]
        ps = [self.p_name(w) for w in words]
        return bool(ps) and all(p is not None and p >= threshold for p in ps)


@lru_cache(maxsize=1)
def name_model() -> NameModel:
    return NameModel()
