"""Word lists that rules use, one file a language: ``lexicons/<lang>.tsv`` (type TAB phrase)."""

from __future__ import annotations

from collections import defaultdict
from functools import lru_cache
from pathlib import Path

HERE = Path(__file__).with_name("lexicons")


@lru_cache(maxsize=None)
def load(language: str) -> dict[str, tuple[str, ...]]:
    """Phrases of each type in ``lexicons/<language>.tsv`` (empty when there is no file)."""
    path = HERE / f"{language}.tsv"
    entries: dict[str, list[str]] = defaultdict(list)
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                kind, _, phrase = line.partition("\t")
                if phrase.strip():
                    entries[kind.strip()].append(phrase.strip())
    return {k: tuple(dict.fromkeys(v)) for k, v in entries.items()}
