"""Readers turn export files into records. This module finds the inputs behind a path (a file, a
folder, a zip archive) and picks the reader that recognises each one.

Adding a format is adding a module with a Reader and listing it in READERS. A reader whose
``catch_all`` is true (the article reader: any text is an article) is asked only after every
reader of a specific format has declined.
"""

from __future__ import annotations

import os
import posixpath
import zipfile
from collections.abc import Iterator
from typing import IO

from watchfloor.errors import InputError
from watchfloor.readers.article import ArticleReader
from watchfloor.readers.base import Input, Reader, safe_relative_path
from watchfloor.readers.telegram_json import TelegramJsonReader

READERS: list[Reader] = [TelegramJsonReader(), ArticleReader()]

# file name endings worth sniffing inside folders and archives (media files are skipped unread)
SUFFIXES = (".json", ".txt", ".html", ".htm")
# Below a folder that holds one of these exports, files are the export's attachments (a .txt a
# member sent is not a news article): only these endings are looked at there.
EXPORT_MARKERS = ("result.json",)
ATTACHMENT_SUFFIXES = (".json",)
HEAD_BYTES = 1 << 16

# an archive member that inflates more than this many times over is refused as a likely zip bomb
MAX_EXPANSION = 200
# members larger than this are refused whatever their ratio
MAX_MEMBER_BYTES = 64 << 30
MAX_MEMBERS = 200_000


def reader_for(item: Input) -> Reader | None:
    ordered = sorted(READERS, key=lambda r: bool(getattr(r, "catch_all", False)))
    for reader in ordered:
        if reader.sniff(item):
            return reader
    return None


def find_inputs(path: str) -> list[tuple[Input, Reader]]:
    """Every readable input behind ``path``, each with its reader; raise InputError if none."""
    if not os.path.lexists(path):
        raise InputError(path, "no such file or directory")
    if os.path.isdir(path):
        found = [pair for item in _walk(path) if (pair := _recognise(item)) is not None]
        if not found:
            raise InputError(
                path, "no export found in this folder (looked for Telegram Desktop result.json "
                "and news articles: .txt, .html)"
            )
        return found
    if not os.path.isfile(path):
        raise InputError(path, "not a regular file")
    if zipfile.is_zipfile(path):
        found = [pair for item in _zip_members(path) if (pair := _recognise(item)) is not None]
        if not found:
            raise InputError(path, "no export found in this archive")
        return found
    item = _file_input(path, root=os.path.dirname(os.path.abspath(path)))
    if item.size == 0:
        raise InputError(path, "empty file")
    reader = reader_for(item)
    if reader is None:
        raise InputError(
            path,
            "not a recognised export (watchfloor reads Telegram Desktop JSON: result.json, "
            "and news articles as .txt or .html)",
        )
    return [(item, reader)]


def _recognise(item: Input) -> tuple[Input, Reader] | None:
    if item.size == 0:
        return None
    reader = reader_for(item)
    return (item, reader) if reader is not None else None


def _file_input(path: str, root: str) -> Input:
    try:
        size = os.path.getsize(path)
        with open(path, "rb") as f:
            head = f.read(HEAD_BYTES)
    except OSError as e:
        raise InputError(path, f"cannot read: {e.strerror}") from None
    return Input(name=path, size=size, open=lambda: open(path, "rb"), root=root, head=head)


def _walk(folder: str) -> Iterator[Input]:
    """Files under ``folder`` with a readable ending, never following links out of it."""
    top = os.path.realpath(folder)
    attachments: list[str] = []  # folders below an export's own folder
    for dirpath, dirnames, filenames in os.walk(folder, followlinks=False):
        dirnames.sort()
        inside = any(dirpath.startswith(a + os.sep) for a in attachments)
        if not inside and any(n in EXPORT_MARKERS for n in filenames):
            attachments.append(dirpath)
        wanted = ATTACHMENT_SUFFIXES if inside else SUFFIXES
        for name in sorted(filenames):
            if not name.lower().endswith(wanted):
                continue
            full = os.path.join(dirpath, name)
            real = os.path.realpath(full)
            if os.path.commonpath([top, real]) != top or not os.path.isfile(real):
                continue  # a link that climbs out of the export folder
            yield _file_input(full, root=dirpath)


class _MemberStream:
    """A zip member opened for reading that closes its archive with it."""

    def __init__(self, archive: str, member: str) -> None:
        self._zip = zipfile.ZipFile(archive)
        self._f: IO[bytes] = self._zip.open(member)

    def read(self, n: int = -1) -> bytes:
        try:
            return self._f.read(n)
        except (zipfile.BadZipFile, OSError, EOFError) as e:
            raise OSError(f"damaged archive member: {e}") from None

    def close(self) -> None:
        self._f.close()
        self._zip.close()

    def __enter__(self) -> _MemberStream:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _zip_members(archive: str) -> Iterator[Input]:
    try:
        zf = zipfile.ZipFile(archive)
    except (zipfile.BadZipFile, OSError) as e:
        raise InputError(archive, f"unreadable zip archive: {e}") from None
    with zf:
        infos = zf.infolist()
        if len(infos) > MAX_MEMBERS:
            raise InputError(archive, f"archive lists {len(infos)} members; refusing more than {MAX_MEMBERS}")
        exports = {
            posixpath.dirname(i.filename) for i in infos
            if posixpath.basename(i.filename) in EXPORT_MARKERS
        }
        for info in infos:
            folder = posixpath.dirname(info.filename)
            inside = any(folder.startswith(e + "/") if e else folder != "" for e in exports)
            wanted = ATTACHMENT_SUFFIXES if inside else SUFFIXES
            if info.is_dir() or not info.filename.lower().endswith(wanted):
                continue
            inner = safe_relative_path(info.filename)
            if inner is None:
                continue  # a member whose name climbs out of the archive
            name = f"{archive}!/{inner}"
            if info.file_size > MAX_MEMBER_BYTES or (
                info.file_size > (1 << 20)
                and info.file_size > MAX_EXPANSION * max(info.compress_size, 1)
            ):
                raise InputError(
                    name,
                    f"expands from {info.compress_size} to {info.file_size} bytes; "
                    "refusing a likely zip bomb",
                )
            try:
                with zf.open(info) as f:
                    head = f.read(HEAD_BYTES)
            except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError) as e:
                raise InputError(name, f"unreadable archive member: {e}") from None
            yield Input(
                name=name,
                size=info.file_size,
                open=lambda member=info.filename: _MemberStream(archive, member),
                root=f"{archive}!/{os.path.dirname(inner)}",
                head=head,
            )


__all__ = ["READERS", "Input", "Reader", "find_inputs", "reader_for"]
