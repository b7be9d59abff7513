"""Search: full text (spelling-proof), semantic (cross-language, two stages), and hybrid.

``search(store, "QUERY", mode=...)`` parses the query (``query.py``), runs the full-text side
(``fulltext.py``: FTS5 over normalised text and transliteration keys of names) and/or the
semantic side (``semantic.py``: static-model index, teacher re-ranking), fuses them by reciprocal
rank (``hybrid``), and returns hits with a snippet, highlighted words and why each matched.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

from watchfloor.errors import WatchfloorError
from watchfloor.search.explain import matches, snippet
from watchfloor.search.fulltext import text_search
from watchfloor.search.query import Query, QueryError, parse
from watchfloor.search.semantic import SemanticHit, SemanticOptions, semantic_search
from watchfloor.store.base import SearchFilters, Store

MODES = ("text", "semantic", "hybrid")
MAX_LIMIT = 1000
RRF_K = 60  # reciprocal-rank fusion constant
POOL = 100  # how deep each side's list goes into the fusion


@dataclass
class Hit:
    rowid: int
    score: float
    ranks: dict[str, int] = field(default_factory=dict)  # 1-based rank on each side that found it
    similarity: float | None = None  # the semantic side's cosine
    details: dict[str, Any] = field(default_factory=dict)

    def as_dict(self, query: Query) -> dict[str, Any]:
        d = self.details
        spans = matches(d["text"], query.terms())
        shown, marks = snippet(d["text"], spans)
        why = []
        if "text" in self.ranks:
            kinds = sorted({how for _, _, how in spans})
            words = sorted({d["text"][s:e] for s, e, _ in spans})
            why.append(f"full text #{self.ranks['text']}: " + (
                ", ".join(f"{k} match" for k in kinds) + (f" ({', '.join(words[:6])})" if words else "")
                if kinds else "matched the query"))
        if "semantic" in self.ranks:
            why.append(f"meaning #{self.ranks['semantic']}: similarity {self.similarity:.2f}")
        return {
            "message_id": d["message_id"],
            "score": round(self.score, 6),
            "snippet": shown,
            "highlights": marks,
            "terms": sorted({d["text"][s:e] for s, e, _ in spans}),
            "chat": d["chat"],
            "actor": d["actor"],
            "date": d["date"],
            "has_media": d["has_media"],
            "matched_by": sorted(self.ranks),
            "why": why,
        }


@dataclass
class SearchResult:
    query: Query
    mode: str
    hits: list[Hit]
    took_ms: float

    def as_dict(self) -> dict[str, Any]:
        return {"hits": [h.as_dict(self.query) for h in self.hits], "took_ms": round(self.took_ms, 1),
                "mode": self.mode}


def fuse(lists: dict[str, list[tuple[int, float]]], k: int = RRF_K) -> list[Hit]:
    """Reciprocal-rank fusion: each list adds 1 / (k + rank) to the messages it holds."""
    hits: dict[int, Hit] = {}
    for side, ranked in lists.items():
        for rank, (rowid, _) in enumerate(ranked, start=1):
            hit = hits.setdefault(rowid, Hit(rowid, 0.0))
            hit.score += 1.0 / (k + rank)
            hit.ranks[side] = rank
    return sorted(hits.values(), key=lambda h: -h.score)


def search(store: Store, text: str, *, mode: str = "hybrid", limit: int = 20,
           filters: SearchFilters | None = None,
           semantic: SemanticOptions | None = None) -> SearchResult:
    """Run a search; every problem with the query is a ``QueryError`` (one line for the user)."""
    started = time.perf_counter()
    if mode not in MODES:
        raise WatchfloorError(f"unknown search mode {mode!r} (known: {', '.join(MODES)})")
    if not 1 <= limit <= MAX_LIMIT:
        raise QueryError(f"--limit must be between 1 and {MAX_LIMIT}")
    query = parse(text, filters)
    lists: dict[str, list[tuple[int, float]]] = {}
    similarity: dict[int, float] = {}
    depth = limit if mode != "hybrid" else max(POOL, limit)
    if mode in ("text", "hybrid"):
        lists["text"] = text_search(store, query, depth)
    if mode == "semantic" and store.vector_index() is None:
        raise WatchfloorError(f"{store.location}: no semantic index yet (run `watchfloor embed`)")
    if mode in ("semantic", "hybrid") and query.text:
        found: list[SemanticHit] = semantic_search(store, query.text, query.filters, depth, semantic)
        lists["semantic"] = [(h.rowid, h.score) for h in found]
        similarity = {h.rowid: h.score for h in found}
    if mode == "semantic" and not query.text:
        raise QueryError("semantic search needs words, not only filters")
    if mode == "hybrid":
        hits = fuse(lists)[:limit]
    else:
        (side,) = lists
        hits = [Hit(r, s, {side: i}) for i, (r, s) in enumerate(lists[side], start=1)][:limit]
    details = store.hit_details([h.rowid for h in hits])
    for h in hits:
        h.details = details[h.rowid]
        h.similarity = similarity.get(h.rowid)
    return SearchResult(query, mode, hits, (time.perf_counter() - started) * 1000)


__all__ = ["MODES", "Hit", "SearchResult", "SemanticOptions", "fuse", "search"]
