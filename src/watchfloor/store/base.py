"""The one interface every storage backend implements.

Callers (ingest, search, analysis, surfaces) only use these methods, so a backend can be swapped
(SQLite file, PostgreSQL server) without touching them. Each source is written in one transaction:
``ingest()`` yields a writer; leaving the ``with`` block normally commits, an exception (or a killed
process) leaves the database as it was before that source began.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any, Protocol

from watchfloor.model import Actor, Annotation, Chat, Message, Source


@dataclass(slots=True)
class StoredSource:
    sha256: str
    path: str
    kind: str
    messages: int
    ingested_at: str


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

    def close(self) -> None: ...
