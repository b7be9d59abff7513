"""What every reader implements, and the input it is given."""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import IO, Protocol

from watchfloor.model import Record


@dataclass(slots=True)
class Input:
    """One file to read: on disk, or a member of an archive.

    ``name`` is what error messages show (``export.zip!/ChatExport/result.json``); ``root`` is the
    folder that relative media paths in the export are resolved against (inside the archive, for a
    member); ``open`` returns a fresh binary stream each time it is called.
    """

    name: str
    size: int
    open: Callable[[], IO[bytes]]
    root: str
    head: bytes = b""  # the first bytes, for sniffing


class Reader(Protocol):
    """A format: ``sniff`` says whether it can read an input; ``read`` streams its records.

    ``read`` yields each Chat before that chat's messages, and each Actor before the first
    message that names it (or, for chat exports, lets messages name actors by ``actor_id`` and
    ``actor_name``, from which the ingest builds the Actor records). It raises InputError for bad
    input, naming the file and the place.
    """

    name: str
    version: str

    def sniff(self, item: Input) -> bool: ...

    def read(self, item: Input, *, on_progress: Callable[[int], None] | None = None) -> Iterator[Record]: ...


def safe_relative_path(path: str) -> str | None:
    """Normalise a media path from inside an export; None if it would leave the export folder.

    Paths in exports are relative (``photos/photo_1@01-01-2024_10-00-00.jpg``). An absolute path,
    a drive letter, a ``..`` that climbs above the folder, or a NUL byte is refused.
    """
    if not path or "\x00" in path:
        return None
    p = path.replace("\\", "/")
    if p.startswith("/") or (len(p) > 1 and p[1] == ":"):
        return None
    norm = posixpath.normpath(p)
    if norm == ".." or norm.startswith("../") or norm.startswith("/"):
        return None
    return norm
