"""Storage behind one interface (store.base.Store). ``open_store`` picks the backend from the
location: a file path is a SQLite database."""

from __future__ import annotations

import os

from watchfloor.store.base import SourceWriter, Store, StoredSource
from watchfloor.store.sqlite import open_sqlite

DEFAULT_DB = "watchfloor.db"


def default_location() -> str:
    return os.environ.get("WATCHFLOOR_DB") or DEFAULT_DB


def open_store(location: str | None = None) -> Store:
    """Open (creating if needed) the database at ``location``, or the default one."""
    return open_sqlite(location or default_location())


__all__ = ["Store", "SourceWriter", "StoredSource", "open_store", "default_location", "DEFAULT_DB"]
