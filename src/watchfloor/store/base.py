"""The one interface every storage backend implements.

Callers (ingest, search, analysis, surfaces) only use these methods, so a backend can be swapped
(SQLite file, PostgreSQL server) without touching them. Each source is written in one transaction:
``ingest()`` yields a writer; leaving the ``with`` block normally commits, an exception (or a killed
process) leaves the database as it was before that source began.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import Any, Protocol

import numpy as np

from watchfloor.model import Actor, Annotation, Chat, Message, Origin, Source


def index_text(text: str, media: list[dict[str, Any]] | None) -> str:
    """What search reads of a message: its text, poll question and answers, and file names."""
    if not media:
        return text
    parts = [text]
    for m in media:
        details = m.get("details") or {}
        if m.get("kind") == "poll":
            parts.append(details.get("question") or "")
            parts.extend(a.get("text") or "" for a in details.get("answers") or ())
        if m.get("name"):
            parts.append(m["name"])
    return "\n".join(p for p in parts if p)


def message_index_text(message: Message) -> str:
    """``index_text`` of a message record (before it is stored)."""
    if not message.media:
        return message.text
    return index_text(message.text, [
        {"kind": m.kind, "name": m.name, "details": m.details} for m in message.media])


@dataclass(slots=True)
class SearchFilters:
    """Conditions a search hit must meet (issue 7). Empty fields do not filter.

    ``chat`` and ``actor`` match an id exactly or a title/display name case-insensitively;
    ``since``/``until`` are epoch seconds (inclusive/exclusive); ``labels`` and ``languages`` are
    annotation names of kind ``label``/``language`` (any of them); ``has_media`` keeps messages
    with (True) or without (False) attachments.
    """

    chats: list[str] = field(default_factory=list)
    actors: list[str] = field(default_factory=list)
    since: int | None = None
    until: int | None = None
    labels: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    has_media: bool | None = None

    def __bool__(self) -> bool:
        return bool(self.chats or self.actors or self.since is not None or self.until is not None
                    or self.labels or self.languages or self.has_media is not None)


@dataclass(slots=True)
class VectorChunk:
    """Message vectors of one index cell: int8 rows with a float32 scale each (issue 7)."""

    cell: int
    rowids: np.ndarray  # int64
    vectors: np.ndarray  # int8, n x dims
    scales: np.ndarray  # float32


@dataclass(slots=True)
class VectorIndexInfo:
    """What the semantic index holds: the static model that made its vectors, the cell
    centroids (None while the index is a single cell), and the highest message rowid up to which
    every message has a vector."""

    model: str
    dims: int
    centroids: np.ndarray | None
    upto: int
    count: int


@dataclass(slots=True)
class StoredSource:
    sha256: str
    path: str
    kind: str
    messages: int
    ingested_at: str


@dataclass(slots=True)
class SeenName:
    """A display name an actor used: on how many messages, first and last (seconds, UTC)."""

    name: str
    messages: int
    first_seen: int | None
    last_seen: int | None


@dataclass(slots=True)
class StoredActor:
    """An actor as stored, with every name it was seen under and its activity."""

    id: str
    platform: str
    platform_id: str | None
    name: str | None
    role: str | None
    note: str | None
    cluster: str | None
    name_parts: dict[str, Any]
    origins: list[Origin]
    names: list[SeenName]
    messages: int
    first_seen: int | None
    last_seen: int | None


@dataclass(slots=True)
class ActorLink:
    """Evidence that two actors are one person. ``source`` is ``"names"`` (the name comparison,
    with co-occurrence), ``"platform_id"`` or ``"analyst"``; ``merged`` says whether this link
    joined their clusters (a link can be outvoted by an analyst's split or a conflicting name)."""

    a: str
    b: str
    score: float
    explanation: str
    source: str
    merged: bool = True


@dataclass(slots=True)
class ActorDecision:
    """An analyst's word on two actors: ``"merge"`` (one person) or ``"split"`` (two). It wins over
    the algorithm and is kept apart from it, so re-ingest and re-resolution never undo it."""

    a: str
    b: str
    decision: str
    note: str | None
    decided_at: str


@dataclass(slots=True)
class ActorResolution:
    """What one run of actor resolution writes: every actor's cluster, the links that made the
    clusters, each actor's name parts and origins, and the origins it shares with others.

    With ``partial`` set, only the actors named in ``clusters`` are rewritten (an analyst's merge or
    split re-resolves just the clusters it touches)."""

    clusters: dict[str, str]
    links: list[ActorLink]
    described: dict[str, tuple[dict[str, Any], list[Origin]]]
    origin_groups: dict[str, list[tuple[str, str]]]  # actor id -> [(origin id, label)]
    seconds: float = 0.0
    version: str = ""
    partial: bool = False


class SourceWriter(Protocol):
    def add_chat(self, chat: Chat) -> None: ...

    def add_actor(self, actor: Actor) -> None: ...

    def add_messages(self, messages: Sequence[Message]) -> list[Message]:
        """Store the messages not stored yet (a newer edit replaces an older one); return the new ones."""
        ...

    def add_annotations(self, annotations: Sequence[Annotation]) -> None: ...

    def mark_enriched(self, versions: dict[str, str]) -> None:
        """Record that these enrichers (name -> version) annotated this source's new messages."""
        ...

    def add_vectors(self, message_ids: Sequence[str], chunks: Sequence[VectorChunk]) -> None:
        """Store vectors of messages this writer just added; ``chunks`` carry positions into
        ``message_ids`` in their ``rowids`` field (the writer maps them to its rows)."""
        ...


class Store(Protocol):
    location: str

    def source(self, sha256: str) -> StoredSource | None: ...

    def ingest(self, source: Source) -> AbstractContextManager[SourceWriter]: ...

    def stats(self) -> dict[str, int]: ...

    def sources(self) -> list[StoredSource]: ...

    def enriched(self, sha256: str) -> dict[str, str]:
        """Enricher name -> version that annotated the messages of a source."""
        ...

    def messages(
        self, *, source: str | None = None, ids: Sequence[str] | None = None, batch: int = 2000
    ) -> Iterator[list[Message]]:
        """Stored messages as records in batches: all, one source's (by sha256), or by id."""
        ...

    def annotations(self, message_ids: Sequence[str]) -> list[Annotation]: ...

    def reenrich(
        self,
        sha256: str,
        versions: dict[str, str],
        annotate: Callable[[list[Message]], list[Annotation]],
    ) -> int:
        """Replace the named enrichers' annotations on one source's messages (one transaction)."""
        ...

    def export_messages(self) -> Iterator[dict[str, Any]]:
        """Every message as the JSONL export shape, in the order they were stored."""
        ...

    # -- actors (issue 4) ---------------------------------------------------------------------
    def stored_actors(self, ids: Sequence[str] | None = None, *, described: bool = True) -> Iterator[StoredActor]:
        """Actors with the names they were seen under (most used first), all or by id; without
        their stored name parts and origins when ``described`` is false (faster)."""
        ...

    def actors_in_clusters(self, clusters: Sequence[str]) -> list[str]:
        """The ids of the actors in these clusters (an unresolved actor is its own cluster)."""
        ...

    def actor_chats(self) -> Iterator[tuple[str, str, int, int | None, int | None]]:
        """(actor id, chat id, messages, first, last) for every actor in every chat it wrote in."""
        ...

    def actor_replies(self) -> Iterator[tuple[str, str, int]]:
        """(actor, actor replied to, replies): who answered whom."""
        ...

    def actor_links(self, ids: Sequence[str] | None = None) -> list[ActorLink]:
        """The links (merges with their evidence) that touch these actors, or all of them."""
        ...

    def actor_decisions(self) -> list[ActorDecision]:
        """The analysts' merge and split decisions, oldest first."""
        ...

    def decide_actors(self, a: str, b: str, decision: str, note: str | None = None) -> ActorDecision:
        """Record an analyst's decision on two actors (replacing an earlier one on the same pair)."""
        ...

    def save_resolution(self, resolution: ActorResolution) -> None:
        """Write a resolution in one transaction (see ``ActorResolution``)."""
        ...

    def resolution_state(self) -> dict[str, Any]:
        """When actors were last resolved, and whether actors, names or decisions changed since."""
        ...

    def origin_groups(self, ids: Sequence[str] | None = None) -> dict[str, list[tuple[str, str]]]:
        """Origin id -> [(actor id, label)]: who shares each origin these actors have (or all)."""
        ...
    # -- search (issue 7) ----------------------------------------------------------------------
    def fts_search(self, match: str, filters: SearchFilters, limit: int) -> list[tuple[int, float]]:
        """(message rowid, BM25 rank, negative: lower is better) of messages matching an FTS5
        expression over the ``text`` and ``keys`` columns, best first."""
        ...

    def filter_rowids(self, rowids: Sequence[int], filters: SearchFilters) -> set[int]:
        """Those of ``rowids`` whose messages meet ``filters``."""
        ...

    def hit_details(self, rowids: Sequence[int]) -> dict[int, dict[str, Any]]:
        """What a search hit shows, by rowid: id, text, chat, actor, date, media."""
        ...

    def message_texts(self, *, after: int = 0, batch: int = 5000) -> Iterator[tuple[list[int], list[str]]]:
        """(rowids, index texts) of messages with rowid > ``after``, in rowid order, in batches."""
        ...

    def vector_index(self) -> VectorIndexInfo | None: ...

    def vector_chunks(self, cells: Sequence[int] | None = None) -> Iterator[VectorChunk]:
        """Stored vectors of the given cells (all when None)."""
        ...

    def add_vector_chunks(self, chunks: Sequence[VectorChunk], *, model: str, dims: int, upto: int) -> None:
        """Append vectors (rowids are message rowids) and raise the watermark to ``upto``."""
        ...

    def replace_vector_index(self, model: str, dims: int, centroids: np.ndarray | None,
                             chunks: Iterator[VectorChunk], upto: int) -> None:
        """Rewrite the whole semantic index in one transaction."""
        ...

    def teacher_vectors(self, rowids: Sequence[int], model: str) -> dict[int, np.ndarray]: ...

    def put_teacher_vectors(self, vectors: dict[int, np.ndarray], model: str) -> None: ...

    def close(self) -> None: ...
