"""Enrichers add Annotations to messages: languages, entities, places, dates, labels, hashes.

An enricher is small and named: ``name``, ``version`` and ``annotate(batch)``. It is registered
under its name with a factory, so that its models load once, lazily, when a pipeline first needs
it. A pipeline runs enrichers in registration order over batches of messages; each sees the
annotations the earlier ones made in the same batch (the language, say), through ``Batch``.

Enrichers are pure: messages in, annotations out. The same code runs inside ``watchfloor ingest``,
``watchfloor enrich`` (over an existing database), ``watchfloor analyze`` (over one file, no
database) and, for scale, inside a distributed engine's map over partitions.

Adding an enricher is a module that defines it and calls ``register``; listing the module in
``ENRICHER_MODULES`` makes it part of the default pipeline.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from watchfloor.errors import WatchfloorError
from watchfloor.model import Annotation, Message

# modules whose import registers the default enrichers, in pipeline order
ENRICHER_MODULES: list[str] = [
    "watchfloor.enrich.language",  # issue 5: first, the others read it
    "watchfloor.enrich.entities",  # issue 5
    "watchfloor.enrich.labels",  # issue 6: threat, incitement, hate, ... (reads the language)
]


@dataclass
class Batch:
    """Messages to annotate, and what earlier enrichers in the pipeline said about them."""

    messages: Sequence[Message]
    annotations: list[Annotation] = field(default_factory=list)

    def of(self, kind: str, message_id: str | None = None) -> list[Annotation]:
        return [
            a for a in self.annotations
            if a.kind == kind and (message_id is None or a.message_id == message_id)
        ]


class Enricher(Protocol):
    name: str
    version: str

    def annotate(self, batch: Batch) -> list[Annotation]: ...


_FACTORIES: dict[str, Callable[[], Enricher]] = {}
_LOADED = False


def register(name: str, factory: Callable[[], Enricher]) -> None:
    """Make an enricher available under ``name``; ``factory`` builds it (loading its models)."""
    _FACTORIES[name] = factory


def _load_defaults() -> None:
    global _LOADED
    if not _LOADED:
        for module in ENRICHER_MODULES:
            importlib.import_module(module)
        _LOADED = True


def available() -> list[str]:
    _load_defaults()
    return list(_FACTORIES)


class Pipeline:
    """Named enrichers run in order over batches of messages."""

    def __init__(self, names: Iterable[str] | None = None) -> None:
        _load_defaults()
        chosen = list(_FACTORIES) if names is None else list(names)
        unknown = [n for n in chosen if n not in _FACTORIES]
        if unknown:
            raise WatchfloorError(
                f"unknown enricher {', '.join(unknown)} (known: {', '.join(_FACTORIES) or 'none'})"
            )
        self.names = chosen
        self._enrichers: dict[str, Enricher] = {}

    def enricher(self, name: str) -> Enricher:
        if name not in self._enrichers:
            self._enrichers[name] = _FACTORIES[name]()
        return self._enrichers[name]

    @property
    def versions(self) -> dict[str, str]:
        return {name: self.enricher(name).version for name in self.names}

    def __call__(self, messages: Sequence[Message]) -> list[Annotation]:
        batch = Batch(messages)
        for name in self.names:
            batch.annotations.extend(self.enricher(name).annotate(batch))
        return batch.annotations

    def __bool__(self) -> bool:
        return bool(self.names)


__all__ = ["Batch", "Enricher", "Pipeline", "available", "register", "ENRICHER_MODULES"]
