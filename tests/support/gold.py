"""The article evaluation set (tests/fixtures/articles): gold statements and what the reader finds.

Each ``NN_name.txt`` / ``.html`` has a ``NN_name.gold.json`` written by hand: the headline, the
publication date, and every quoted statement in order (its exact text, speaker and cue, and its
editorial insertions), the blocks attributed to a wire service, facts about some speakers, and
strings of page furniture that must not reach the article text. A gold quote's span is where its
exact text occurs in the article text, searching from the previous quote on, so the gold fixes
both the text and the span. Used by the tests and by bench/quotes_eval.py.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from watchfloor.model import Actor, Message
from watchfloor.readers.article import Article, parse, records

ARTICLES = Path(__file__).resolve().parent.parent / "fixtures" / "articles"
# written after the extractor and never used to develop it: measured, not asserted
HELDOUT = ARTICLES.parent / "articles_heldout"


@dataclass(frozen=True)
class Statement:
    kind: str  # "quote" or "reporting"
    start: int
    end: int
    speaker: str | None
    cue: str | None
    insertions: tuple[tuple[int, int], ...] = ()


@dataclass
class Case:
    path: Path
    gold: dict
    article: Article
    expected: list[Statement]
    found: list[Statement]
    actors: dict[str, Actor] = field(default_factory=dict)
    messages: list[Message] = field(default_factory=list)


def paths(folder: Path = ARTICLES) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.suffix in (".txt", ".html"))


def load(path: Path) -> Case:
    gold = json.loads(path.with_suffix(".gold.json").read_text(encoding="utf-8"))
    data = path.read_bytes()
    article = parse(str(path), data)
    expected = _expected(gold, article.text)
    actors: dict[str, Actor] = {}
    messages: list[Message] = []
    for record in records(article, "0" * 16):
        if isinstance(record, Actor):
            actors[record.id] = record
        elif isinstance(record, Message):
            messages.append(record)
    found = [
        Statement(
            kind=m.kind, start=m.span[0], end=m.span[1],
            speaker=actors[m.actor_id].name if m.actor_id else None, cue=m.cue,
            insertions=tuple(tuple(s) for s in (m.details or {}).get("insertions", [])),
        )
        for m in messages if m.span is not None
    ]
    return Case(path, gold, article, expected, found, actors, messages)


def _expected(gold: dict, text: str) -> list[Statement]:
    out: list[Statement] = []
    cursor = 0
    for q in gold["quotes"]:
        start = text.find(q["text"], cursor)
        if start < 0:
            raise AssertionError(f"{gold['article']}: gold quote not in the article text: {q['text'][:50]!r}")
        end = start + len(q["text"])
        insertions = []
        for ins in q.get("insertions", []):
            at = text.find(ins, start, end)
            if at < 0:
                raise AssertionError(f"{gold['article']}: insertion {ins!r} not in its quote")
            insertions.append((at, at + len(ins)))
        out.append(Statement("quote", start, end, q["speaker"], q["cue"], tuple(insertions)))
        cursor = start + 1
    for r in gold["reporting"]:
        start = text.find(r["text"])
        if start < 0:
            raise AssertionError(f"{gold['article']}: gold reporting block not in the article text")
        out.append(Statement("reporting", start, start + len(r["text"]), r["by"], None))
    return out


@dataclass
class Score:
    gold: int = 0
    found: int = 0
    span_correct: int = 0  # found with the exact span and kind
    attributed: int = 0  # exact span and the right speaker
    cue_correct: int = 0  # exact span, right speaker and right cue

    def add(self, case: Case) -> None:
        self.gold += len(case.expected)
        self.found += len(case.found)
        by_span = {(s.kind, s.start, s.end): s for s in case.found}
        for e in case.expected:
            f = by_span.get((e.kind, e.start, e.end))
            if f is None:
                continue
            self.span_correct += 1
            if _same(f.speaker, e.speaker):
                self.attributed += 1
                if e.cue is None or f.cue == e.cue:
                    self.cue_correct += 1

    @property
    def precision(self) -> float:
        return self.attributed / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.attributed / self.gold if self.gold else 1.0


def _same(a: str | None, b: str | None) -> bool:
    return (a or "").casefold() == (b or "").casefold()
