"""Ingest: paths -> readers -> (enrichers) -> store, one source per transaction.

This is the one place that drives the flow of data; the CLI (and later the web app) call it.
"""

from __future__ import annotations

import gc
import hashlib
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

from watchfloor.errors import InputError, WatchfloorError
from watchfloor.enrich import Pipeline
from watchfloor.model import Actor, Chat, Message, Source
from watchfloor.readers import Input, Reader, find_inputs
from watchfloor.store import Store
from watchfloor.text.names import describe_actor
from watchfloor.store.base import VectorChunk

BATCH = 5000


class Progress(Protocol):
    """What ingest reports while it works (the CLI shows a bar on a terminal)."""

    def start(self, name: str, total: int) -> None: ...

    def advance(self, nbytes: int) -> None: ...

    def stop(self) -> None: ...


class Embedder(Protocol):
    """What ingest asks for the semantic index (``search.vectors.Encoder``): vectors of the
    messages a batch added, as chunks whose ``rowids`` are positions into the batch; ``finish``
    runs once after the last source (re-clustering the index if it outgrew its cells)."""

    def __call__(self, messages: Sequence[Message]) -> list[VectorChunk]: ...

    def finish(self, store: Store) -> None: ...


@dataclass
class IngestReport:
    sources: int = 0  # sources read now
    unchanged_sources: int = 0  # sources skipped because the same file was ingested before
    chats: set[str] = field(default_factory=set)
    actors: set[str] = field(default_factory=set)
    new: int = 0
    present: int = 0
    seconds: float = 0.0
    errors: list[str] = field(default_factory=list)

    @property
    def messages(self) -> int:
        return self.new + self.present

    @property
    def rate(self) -> float:
        return self.messages / self.seconds if self.seconds > 0 else 0.0

    def as_dict(self) -> dict[str, object]:
        return {
            "sources": self.sources + self.unchanged_sources,
            "sources_unchanged": self.unchanged_sources,
            "chats": len(self.chats),
            "actors": len(self.actors),
            "messages_new": self.new,
            "messages_present": self.present,
            "seconds": round(self.seconds, 3),
            "messages_per_second": round(self.rate, 1),
            "errors": self.errors,
        }


def sha256_of(item: Input, progress: Progress | None = None) -> str:
    digest = hashlib.sha256()
    try:
        with item.open() as f:
            while chunk := f.read(1 << 20):
                digest.update(chunk)
                if progress is not None:
                    progress.advance(len(chunk))
    except OSError as e:
        raise InputError(item.name, f"cannot read: {e}") from None
    return digest.hexdigest()


def ingest_paths(
    store: Store,
    paths: Sequence[str],
    *,
    force: bool = False,
    progress: Progress | None = None,
    enrich: Pipeline | None = None,
    keep_raw: bool = True,
    embed: Embedder | None = None,
) -> IngestReport:
    """Ingest every export behind ``paths``. Bad inputs are reported in ``errors`` and skipped;
    what was stored before (and every good source) is kept.

    ``keep_raw`` stores each record as the export wrote it beside the parsed fields (about half of
    the database's size); without it, only the parsed fields are stored. ``enrich`` annotates the
    messages a source adds, in the same transaction; so does ``embed`` with their vectors.
    """
    report = IngestReport()
    started = time.perf_counter()
    # Records are released by reference counting; the cyclic collector only slows a stream of
    # millions of small objects down (by a third, measured), so it rests while we ingest.
    collecting = gc.isenabled()
    gc.disable()
    try:
        for path in paths:
            try:
                found = find_inputs(path)
            except InputError as e:
                report.errors.append(str(e))
                continue
            for item, reader in found:
                try:
                    _ingest_one(
                        store, item, reader, report,
                        force=force, progress=progress, enrich=enrich, keep_raw=keep_raw,
                        embed=embed,
                    )
                except WatchfloorError as e:
                    report.errors.append(str(e))
        if embed is not None and report.new:
            embed.finish(store)
    finally:
        if collecting:
            gc.enable()
    report.seconds = time.perf_counter() - started
    return report


def _ingest_one(
    store: Store,
    item: Input,
    reader: Reader,
    report: IngestReport,
    *,
    force: bool,
    progress: Progress | None,
    enrich: Pipeline | None,
    keep_raw: bool,
    embed: Embedder | None = None,
) -> None:
    if progress is not None:
        progress.start(f"hashing {item.name}", item.size)
    try:
        sha = sha256_of(item, progress)
    finally:
        if progress is not None:
            progress.stop()
    known = store.source(sha)
    if known is not None and not force:
        report.unchanged_sources += 1
        report.present += known.messages
        return
    source = Source(
        path=item.name, sha256=sha, size=item.size, kind=reader.name,
        reader=reader.name, reader_version=reader.version,
    )
    chats: set[str] = set()
    actors: set[str] = set()
    new = present = 0
    if progress is not None:
        progress.start(item.name, item.size)
    try:
        with store.ingest(source) as writer:
            batch: list[Message] = []

            def flush() -> None:
                nonlocal new, present
                stored = writer.add_messages(batch)
                if enrich and stored:
                    writer.add_annotations(enrich(stored))
                if embed is not None and stored:
                    writer.add_vectors([m.id for m in stored], embed(stored))
                new += len(stored)
                present += len(batch) - len(stored)
                batch.clear()

            on_progress = progress.advance if progress is not None else None
            for record in reader.read(item, on_progress=on_progress):
                if isinstance(record, Message):
                    if not keep_raw:
                        record.raw = None
                    batch.append(record)
                    if record.actor_id:
                        actors.add(record.actor_id)
                    if len(batch) >= BATCH:
                        flush()
                elif isinstance(record, Chat):
                    if batch:
                        flush()
                    writer.add_chat(record)
                    chats.add(record.id)
                elif isinstance(record, Actor):
                    writer.add_actor(describe_actor(record))  # a quoted speaker: name parts
                    actors.add(record.id)
            if batch:
                flush()
            if enrich:
                writer.mark_enriched(enrich.versions)
    finally:
        if progress is not None:
            progress.stop()
    # only count what was committed
    report.sources += 1
    report.chats |= chats
    report.actors |= actors
    report.new += new
    report.present += present


@dataclass
class EnrichReport:
    sources: int = 0
    messages: int = 0
    seconds: float = 0.0
    enrichers: dict[str, str] = field(default_factory=dict)


def enrich_store(store: Store, pipeline: Pipeline, *, force: bool = False) -> EnrichReport:
    """Run the pipeline's enrichers over every stored source that lacks their current version
    (all sources with ``force``), replacing only those enrichers' earlier annotations."""
    report = EnrichReport(enrichers=pipeline.versions)
    started = time.perf_counter()
    for source in store.sources():
        done = store.enriched(source.sha256)
        todo = {
            name: version for name, version in pipeline.versions.items()
            if force or done.get(name) != version
        }
        if not todo:
            continue
        sub = Pipeline(todo)
        report.messages += store.reenrich(source.sha256, todo, sub)
        report.sources += 1
    report.seconds = time.perf_counter() - started
    return report
