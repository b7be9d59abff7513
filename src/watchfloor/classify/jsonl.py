"""``watchfloor classify``: JSONL ``{"id", "text"}`` in, ``{"id", "labels": [...]}`` out, streaming."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

import orjson

from watchfloor.classify.data import jsonl_objects
from watchfloor.classify.labeller import Item, Labeller, labeller
from watchfloor.errors import InputError


def _rows(name: str, f: BinaryIO) -> Iterator[tuple[object, str]]:
    for n, obj in enumerate(jsonl_objects(name, f), 1):
        text = obj.get("text", "")
        if not isinstance(text, str) and text is not None:
            raise InputError(name, f'object {n}: "text" must be a string')
        yield obj.get("id", n), text or ""


def classify_stream(path: str, source: BinaryIO | None, sink: BinaryIO, *, models: str | None = None,
                    all_scores: bool = False, batch: int = 256) -> int:
    """Label every line of ``path`` (or ``source``) and write one result line each; returns the count."""
    model: Labeller = labeller(models)
    name = "<stdin>" if source is not None else path
    if source is None:
        try:
            f: BinaryIO = open(Path(path), "rb")  # noqa: SIM115
        except OSError as e:
            raise InputError(path, e.strerror or "cannot be read") from None
    else:
        f = source
    count = 0
    pending: list[tuple[object, str]] = []

    def flush() -> None:
        items = [Item(text) for _, text in pending]
        results = model.score(items) if all_scores else None
        labelled = None if all_scores else model.labels(items)
        for k, (ident, _) in enumerate(pending):
            found = sorted(results[k].values(), key=lambda s: -s.score) if results is not None else labelled[k]
            sink.write(orjson.dumps({"id": ident, "labels": [
                {"name": s.name, "score": s.score, "evidence": s.evidence} for s in found]}) + b"\n")
        sink.flush()
        pending.clear()

    try:
        for row in _rows(name, f):
            pending.append(row)
            count += 1
            if len(pending) >= batch:
                flush()
        flush()
    finally:
        if source is None:
            f.close()
    return count
