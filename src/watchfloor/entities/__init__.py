"""Entities in text: persons, organisations, places, dates and the groups a text names.

A *recogniser* finds mentions in texts of one language. Recognisers live in a registry keyed by
ISO 639-1 code (``register("en", factory)``); adding a language is adding a module that registers
one (a trained model, rules, or both) and listing it in ``RECOGNISER_MODULES`` — the enricher
(``enrich/entities.py``) and everything after it stay as they are. Text in a language that has no
recogniser gets the language-independent part only: dates written in digits.

A recogniser returns ``Mention`` records: type, character span, surface text, score and a short
note of the rule or model that found it. Places are geocoded and dates normalised afterwards, by
the enricher, the same way for every language.
"""

from __future__ import annotations

import bisect
import importlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

TYPES = ("person", "organisation", "place", "date", "group")

# modules whose import registers the recognisers, one language or more each
RECOGNISER_MODULES: list[str] = ["watchfloor.entities.english", "watchfloor.entities.arabic"]


@dataclass(frozen=True, slots=True)
class Mention:
    type: str  # one of TYPES
    start: int
    end: int
    text: str
    score: float
    via: str  # what found it: "spacy:GPE", "lexicon", "kunya", "gazetteer", "date-rule", ...


class Recogniser(Protocol):
    language: str
    version: str

    def find(self, texts: Sequence[str]) -> list[list[Mention]]:
        """Mentions in each of ``texts`` (one list per text, in order)."""
        ...


_FACTORIES: dict[str, Callable[[], Recogniser]] = {}
_LOADED: dict[str, Recogniser] = {}
_IMPORTED = False


def register(language: str, factory: Callable[[], Recogniser]) -> None:
    """Make ``factory`` the recogniser for ``language`` (its models load on first use)."""
    _FACTORIES[language] = factory
    _LOADED.pop(language, None)


def _import_defaults() -> None:
    global _IMPORTED
    if not _IMPORTED:
        for module in RECOGNISER_MODULES:
            importlib.import_module(module)
        _IMPORTED = True


def languages() -> list[str]:
    _import_defaults()
    return sorted(_FACTORIES)


def recogniser(language: str) -> Recogniser | None:
    """The recogniser for ``language``, loaded once; None when there is none."""
    _import_defaults()
    if language not in _FACTORIES:
        return None
    if language not in _LOADED:
        _LOADED[language] = _FACTORIES[language]()
    return _LOADED[language]


def versions() -> dict[str, str]:
    """Each registered language's recogniser version (part of the enricher's version)."""
    _import_defaults()
    return {lang: getattr(_FACTORIES[lang], "version", "?") for lang in sorted(_FACTORIES)}


def dedupe(mentions: Sequence[Mention]) -> list[Mention]:
    """Overlapping mentions resolved: the earlier-listed (more trusted) one wins."""
    starts: list[int] = []  # kept spans, sorted by start; they never overlap one another
    ends: list[int] = []
    kept: list[Mention] = []
    for m in mentions:
        if m.end <= m.start:
            continue
        i = bisect.bisect_right(starts, m.start)
        if i > 0 and ends[i - 1] > m.start:
            continue  # overlaps the kept span that starts at or before it
        if i < len(starts) and starts[i] < m.end:
            continue  # overlaps the kept span that starts after it
        starts.insert(i, m.start)
        ends.insert(i, m.end)
        kept.insert(i, m)
    return kept


__all__ = ["Mention", "Recogniser", "RECOGNISER_MODULES", "TYPES", "dedupe", "languages",
           "recogniser", "register", "versions"]
