"""The SQLite backend: one file, WAL journal, foreign keys on, an FTS5 index kept in step.

The full-text table is contentless (it indexes the normalised text of each message under the
message's rowid and stores no copy of it); the store writes it in the same transaction as the
message, so the two never disagree.
"""

from __future__ import annotations

import math
import os
import re
import sqlite3
from functools import lru_cache
from itertools import compress
from operator import is_not
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

import numpy as np
import orjson

from watchfloor.errors import StoreError
from watchfloor.model import Actor, Annotation, Chat, Media, Message, Origin, Source, iso_utc
from watchfloor.store.base import (
    ActorDecision, ActorLink, ActorResolution, SearchFilters, SeenName, StoredActor, StoredSource,
    VectorChunk, VectorIndexInfo, index_text,
)
from watchfloor.text.keys import chunk_keys, chunk_may_hold_compound, text_keys
from watchfloor.text.memo import memo
from watchfloor.text.normalise import normalise

# Each entry upgrades the schema by one version. Never edit a released entry: append a new one.
# An entry is an SQL script, or a function given the connection (for data rewrites that need
# Python, such as rebuilding the full-text index); both run inside the migration's transaction.
Migration = str | Callable[[sqlite3.Connection], None]
MIGRATIONS: list[Migration] = [
    # 1: the records of model.py
    """
    CREATE TABLE sources (
        id INTEGER PRIMARY KEY,
        sha256 TEXT NOT NULL UNIQUE,
        path TEXT NOT NULL,
        size INTEGER NOT NULL,
        kind TEXT NOT NULL,
        reader TEXT NOT NULL,
        reader_version TEXT NOT NULL,
        title TEXT,
        messages INTEGER NOT NULL DEFAULT 0,
        ingested_at TEXT NOT NULL
    );
    CREATE TABLE chats (
        id TEXT PRIMARY KEY,
        platform TEXT NOT NULL,
        platform_id TEXT,
        title TEXT,
        kind TEXT
    );
    CREATE TABLE actors (
        id TEXT PRIMARY KEY,
        platform TEXT NOT NULL,
        platform_id TEXT,
        name TEXT,
        role TEXT,
        note TEXT,
        name_parts TEXT,
        origins TEXT,
        cluster TEXT
    );
    CREATE TABLE actor_names (
        actor_id TEXT NOT NULL REFERENCES actors(id),
        name TEXT NOT NULL,
        messages INTEGER NOT NULL,
        first_seen INTEGER,
        last_seen INTEGER,
        PRIMARY KEY (actor_id, name)
    ) WITHOUT ROWID;
    CREATE TABLE messages (
        rowid INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        chat_id TEXT NOT NULL REFERENCES chats(id),
        platform_id TEXT,
        kind TEXT NOT NULL,
        actor_id TEXT REFERENCES actors(id),
        actor_name TEXT,
        date INTEGER,
        date_has_zone INTEGER NOT NULL,
        edited INTEGER,
        text TEXT NOT NULL,
        reply_to TEXT,
        reply_to_chat TEXT,
        forwarded_from TEXT,
        signature TEXT,
        media TEXT,
        action TEXT,
        details TEXT,
        span_start INTEGER,
        span_end INTEGER,
        cue TEXT,
        reported INTEGER NOT NULL DEFAULT 0,
        source_id INTEGER NOT NULL REFERENCES sources(id),
        raw TEXT
    );
    CREATE VIRTUAL TABLE messages_fts USING fts5(
        text, content='', tokenize='unicode61 remove_diacritics 2'
    );
    CREATE TABLE annotations (
        id INTEGER PRIMARY KEY,
        message_id TEXT REFERENCES messages(id),
        source_id INTEGER NOT NULL REFERENCES sources(id),
        kind TEXT NOT NULL,
        name TEXT NOT NULL,
        span_start INTEGER,
        span_end INTEGER,
        value TEXT,
        score REAL,
        evidence TEXT,
        enricher TEXT NOT NULL,
        version TEXT NOT NULL
    );
    CREATE INDEX annotations_message ON annotations(message_id);
    CREATE INDEX annotations_kind_name ON annotations(kind, name);
    """,
    # 2: which enricher (and version) has annotated each source's messages
    """
    CREATE TABLE source_enrichers (
        source_id INTEGER NOT NULL REFERENCES sources(id),
        enricher TEXT NOT NULL,
        version TEXT NOT NULL,
        PRIMARY KEY (source_id, enricher)
    ) WITHOUT ROWID;
    CREATE INDEX annotations_source_enricher ON annotations(source_id, enricher);
    """,
    # 3 (issue 4): actor resolution - the evidence for every merge, analysts' decisions (kept apart
    # so that re-resolution never undoes them), the origins actors share, and when it last ran
    """
    CREATE TABLE actor_links (
        a TEXT NOT NULL REFERENCES actors(id),
        b TEXT NOT NULL REFERENCES actors(id),
        score REAL NOT NULL,
        explanation TEXT NOT NULL,
        source TEXT NOT NULL,
        merged INTEGER NOT NULL,
        PRIMARY KEY (a, b)
    ) WITHOUT ROWID;
    CREATE INDEX actor_links_b ON actor_links(b);
    CREATE TABLE actor_decisions (
        a TEXT NOT NULL,
        b TEXT NOT NULL,
        decision TEXT NOT NULL CHECK (decision IN ('merge', 'split')),
        note TEXT,
        decided_at TEXT NOT NULL,
        PRIMARY KEY (a, b)
    ) WITHOUT ROWID;
    CREATE TABLE actor_origins (
        actor_id TEXT NOT NULL REFERENCES actors(id),
        origin TEXT NOT NULL,
        label TEXT NOT NULL,
        PRIMARY KEY (actor_id, origin)
    ) WITHOUT ROWID;
    CREATE INDEX actor_origins_origin ON actor_origins(origin);
    CREATE INDEX actors_cluster ON actors(cluster);
    CREATE TABLE actor_resolution (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        resolved_at TEXT NOT NULL,
        actors INTEGER NOT NULL,
        fingerprint TEXT NOT NULL,
        seconds REAL NOT NULL,
        version TEXT NOT NULL
    );
    """,
    # 4 (issue 7): the semantic index. Static-model vectors of messages, int8 with a scale each,
    # grouped in chunks by index cell (a cell's chunks are read together at query time); the cell
    # centroids; and the teacher's vectors of messages it has re-ranked, kept for next time.
    """
    CREATE TABLE vector_index (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        model TEXT NOT NULL,
        dims INTEGER NOT NULL,
        centroids BLOB,
        upto INTEGER NOT NULL DEFAULT 0
    );
    CREATE TABLE vector_chunks (
        id INTEGER PRIMARY KEY,
        cell INTEGER NOT NULL,
        rowids BLOB NOT NULL,
        vectors BLOB NOT NULL,
        scales BLOB NOT NULL
    );
    CREATE INDEX vector_chunks_cell ON vector_chunks(cell);
    CREATE TABLE teacher_vectors (
        rowid INTEGER PRIMARY KEY,
        model TEXT NOT NULL,
        vector BLOB NOT NULL
    );
    """,
    # 5 (issue 7): the full-text index gains a column of transliteration keys of the words, so
    # that one spelling of a name finds the others; rebuilt from the stored messages.
    lambda db: _rebuild_fts(db),
    # 6 (issue 7): what searches filter on most (chat, date, attachments), one small row per
    # message written beside it, so that a filtered search need not read each match's own row.
    lambda db: _add_message_filters(db),
    # 7 (issue 7): the full-text index without FTS5's per-message lengths (columnsize=0), which
    # cost a lookup a match when ranking; a message's text and keys go to the pair of columns of
    # its length instead (see _Bm25); rebuilt from the stored messages.
    lambda db: _rebuild_fts(db, _FTS_SCHEMA),
    # 8 (issue 7): 32 length classes instead of the 50 that an earlier build of schema 7 made (each
    # column cost ingest time); rebuilt only where the index is not already the current one.
    lambda db: _rebuild_fts(db, _FTS_SCHEMA) if _fts_sql(db) != _FTS_SCHEMA else None,
]


def _fts_sql(db: sqlite3.Connection) -> str | None:
    row = db.execute("SELECT sql FROM sqlite_master WHERE name = 'messages_fts'").fetchone()
    return row[0] if row else None

_REQUIRED_COLUMNS = ("rowid", "id", "chat_id", "kind", "date_has_zone", "text", "reported", "source_id")
_OPTIONAL_COLUMNS = (
    "platform_id", "actor_id", "actor_name", "date", "edited", "reply_to", "reply_to_chat",
    "forwarded_from", "signature", "media", "action", "details", "span_start", "span_end", "cue",
    "raw",
)
_NONES = (None,) * len(_OPTIONAL_COLUMNS)


@lru_cache(maxsize=512)
def _insert_message(present: tuple[bool, ...]) -> str:
    """INSERT for messages whose optional columns ``present`` are set.

    Python 3.11's sqlite3 binds None (and bytes, and bool) through its slow adaptation path, at
    about 0.4 µs a value; most optional columns of most messages are NULL, so rows are grouped by
    which columns they fill and each group binds only those.
    """
    cols = _REQUIRED_COLUMNS + tuple(compress(_OPTIONAL_COLUMNS, present))
    return f"INSERT OR IGNORE INTO messages ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"


def _json(value: Any) -> str | None:
    return orjson.dumps(value).decode() if value else None


def _media_json(media: list[Media]) -> str | None:
    if not media:
        return None
    return orjson.dumps(
        [{k: v for k, v in (
            ("kind", m.kind), ("path", m.path), ("missing", m.missing), ("name", m.name),
            ("mime", m.mime), ("size", m.size), ("details", m.details),
        ) if v is not None} for m in media]
    ).decode()


def search_text(text: str, media: list[dict[str, Any]] | None) -> str:
    """What the full-text index's ``text`` column holds for a message: ``index_text``, normalised."""
    return normalise(index_text(text, media))


def fts_row(text: str, media: list[dict[str, Any]] | None) -> tuple[str, str]:
    """The full-text index's columns for a message: normalised text, and the transliteration
    keys of its words (so that other spellings of a name in it match)."""
    full = index_text(text, media)
    return normalise(full), text_keys(full)


def fts_row_counted(text: str, media: list[dict[str, Any]] | None) -> tuple[str, str, int]:
    """``fts_row`` and the ``token_count`` of its two columns, in one pass over the words (the
    hot path of ingest). Each whitespace-separated chunk's normalised form, keys, token count (of
    both) and whether it may hold part of a compound name are remembered, so that a message costs
    a few dictionary lookups a word; tokens never span whitespace, so a message's count is the sum
    of its chunks', and its normalised text, the chunks' joined by spaces, holds the same tokens
    as ``normalise`` of the whole. A text that may hold a compound name is keyed whole
    (``text_keys``) and counted as ``token_count`` does."""
    full = index_text(text, media)
    chunks = full.split()
    if any(map(chunk_may_hold_compound, chunks)):
        folded, keys = normalise(full), text_keys(full)
        return folded, keys, _column_tokens(folded) + _keys_tokens(keys)
    return (full.lower() if full.isascii() else " ".join(map(_CHUNK_NORMALISED, chunks)),
            " ".join(filter(None, map(chunk_keys, chunks))), sum(map(_CHUNK_COUNT, chunks)))


# (schema 5 and 6: with FTS5's own table of per-message lengths, "docsize")
_FTS_SCHEMA_5 = (
    "CREATE VIRTUAL TABLE messages_fts USING fts5("
    "text, keys, content='', tokenize='unicode61 remove_diacritics 2')"
)
# Since schema 7: without it (columnsize=0), and with a pair of columns (text, keys) for each
# length class of message: t0/k0 ... t31/k31 (see _Bm25 for why). FTS5 visits every column of
# every row it indexes (~30 ns a column), so there are as few classes as the ranking allows: one
# per length below _EXACT_LENGTHS tokens (text and keys together), where the best matches of a
# query lie (14-18 tokens on the benchmark's million messages: ties among them are broken by
# length, so banding these changed a third of the top tens), then classes 50 % wide, the last
# from ~400 tokens on.
FTS_LENGTHS = 32
_EXACT_LENGTHS = 24
_GROWTH = 1.5
_FTS_SCHEMA = (
    "CREATE VIRTUAL TABLE messages_fts USING fts5("
    + ", ".join([f"t{i}" for i in range(FTS_LENGTHS)] + [f"k{i}" for i in range(FTS_LENGTHS)])
    + ", content='', columnsize=0, tokenize='unicode61 remove_diacritics 2')"
)
# FTS5 writes what it holds in memory out as a new segment every 1 MB (its default), and merges
# segments as they pile up; in 8 MB steps ingest merges less (-1 µs a message) for 8 MB of memory.
_FTS_HASHSIZE = 8 * 1024 * 1024


def length_class(tokens: int) -> int:
    """The length class (column pair) of a message of ``tokens`` tokens."""
    if tokens < _EXACT_LENGTHS:
        return tokens
    return min(FTS_LENGTHS - 1, _EXACT_LENGTHS + int(math.log(tokens / _EXACT_LENGTHS) / math.log(_GROWTH)))


def class_length(c: int) -> float:
    """The length BM25 counts for a message of length class ``c``: its own below _EXACT_LENGTHS
    tokens, the geometric middle of the class above."""
    if c < _EXACT_LENGTHS:
        return float(c)
    return _EXACT_LENGTHS * _GROWTH ** (c - _EXACT_LENGTHS + 0.5)


# the class of each length up to a few hundred tokens, looked up rather than computed at ingest
_CLASS_OF = [length_class(n) for n in range(1024)]

# A token as the index's tokenizer (unicode61, remove_diacritics 2) cuts them: a run of letters,
# digits, private-use characters and the combining accents it folds away (U+0300-U+0331, those
# of Latin letters); everything else separates (Arabic vowel marks too). Checked against FTS5's
# own counts on the benchmark's million messages (identical) and in tests/search/test_ranking.py.
_TOKEN = re.compile(r"(?:[^\W_]|[\ue000-\uf8ff\u0300-\u0304\u0306-\u030c\u030f\u0311\u031b"
                    r"\u0323-\u0328\u032d\u032e\u0330\u0331])+")


def _chunk_tokens(chunk: str) -> int:
    """Tokens of a whitespace-separated chunk: one for letters and digits alone, else as _TOKEN
    cuts it."""
    return 1 if chunk.isalnum() else len(_TOKEN.findall(chunk))


# remembered (ingest meets the same words again and again), looked up from ``map``
_CHUNK_TOKENS = memo(_chunk_tokens)


def _chunk_count(chunk: str) -> int:
    """Tokens the index holds for a whitespace-separated chunk of a message's text: those of its
    normalised form in the text column, and its keys (``fts_row_counted``)."""
    return _column_tokens(normalise(chunk)) + _keys_tokens(chunk_keys(chunk))


# both remembered, like _CHUNK_TOKENS
_CHUNK_COUNT = memo(_chunk_count)
_CHUNK_NORMALISED = memo(normalise)


# ASCII: a token is a run of letters and digits ("_" separates too)
_ASCII_SEPARATORS = bytes(c if chr(c).isalnum() else 32 for c in range(128)) + bytes([32] * 128)


def _column_tokens(column: str) -> int:
    if column.isascii():
        return len(column.encode().translate(_ASCII_SEPARATORS).split())
    return sum(map(_CHUNK_TOKENS, column.split()))


def _keys_tokens(keys: str) -> int:
    """``_column_tokens`` of a keys column, faster: keys are words of a-z (``text.translit``)."""
    return len(keys.split())


def token_count(*columns: str) -> int:
    """How many tokens the full-text index holds for a message whose columns are ``columns``
    (what FTS5's own length table would say)."""
    return sum(map(_column_tokens, columns))


# one statement a class: (rowid, text, keys) into that class's pair of columns
_FTS_INSERTS = [f"INSERT INTO messages_fts (rowid, t{c}, k{c}) VALUES (?, ?, ?)" for c in range(FTS_LENGTHS)]
_FTS_DELETES = [f"INSERT INTO messages_fts (messages_fts, rowid, t{c}, k{c}) VALUES ('delete', ?, ?, ?)"
                for c in range(FTS_LENGTHS)]


def fts_insert(db: sqlite3.Connection, rows: Sequence[tuple[int, str, str, int]], delete: bool = False) -> None:
    """Add (rowid, text, keys, token count) rows (``fts_row_counted``) to the full-text index (or,
    with ``delete``, take them out: a contentless index must be told the values it holds), each in
    its length class's columns.

    Rows go in in their order, one prepared statement a class (FTS5 writes out what it holds in
    memory whenever a rowid is not above the last one, so rows are not grouped by class). This
    costs less than one statement that routes every row in SQL (an expression a column) or one
    that binds every column (Python 3.11 binds NULL slowly; '' still costs FTS5 a tokenizer call).
    """
    statements, last = _FTS_DELETES if delete else _FTS_INSERTS, FTS_LENGTHS - 1
    classes, execute = _CLASS_OF, db.cursor().execute
    for rowid, text, keys, n in rows:
        execute(statements[classes[n] if n < 1024 else last], (rowid, text, keys))


def _rebuild_fts(db: sqlite3.Connection, schema: str = _FTS_SCHEMA_5) -> None:
    """Recreate the full-text index with the columns of ``schema`` from the stored messages."""
    db.execute("DROP TABLE IF EXISTS messages_fts")
    db.execute(schema)
    if schema == _FTS_SCHEMA:
        db.execute("INSERT INTO messages_fts (messages_fts, rank) VALUES ('hashsize', ?)", (_FTS_HASHSIZE,))
    last = 0
    while True:
        rows = db.execute(
            "SELECT rowid, text, media FROM messages WHERE rowid > ? ORDER BY rowid LIMIT 5000", (last,)
        ).fetchall()
        if not rows:
            return
        last = rows[-1][0]
        if schema == _FTS_SCHEMA:
            fts_insert(db, [(r, *fts_row_counted(t, orjson.loads(m) if m else None)) for r, t, m in rows])
        else:
            db.executemany("INSERT INTO messages_fts (rowid, text, keys) VALUES (?, ?, ?)",
                           [(r, *fts_row(t, orjson.loads(m) if m else None)) for r, t, m in rows])


# ``message_filters``: per message, its chat (the chats table's rowid), date and whether it has
# attachments. A full-text match is checked against these ~15-byte rows instead of the message's
# own row (text, media, raw record: ~800 bytes), which at a million messages takes a third off a
# common word filtered by date or attachments (docs/benchmarks.md, issue 7). The writer adds a
# row with each message, and an edit updates it, in the same transaction (as with messages_fts).
# (Triggers would do the same, but a trigger on messages, even an empty one, cost ingest far more
# than these few integers.)
_MESSAGE_FILTERS_SCHEMA = """CREATE TABLE message_filters (
    rowid INTEGER PRIMARY KEY,
    chat INTEGER NOT NULL,
    date INTEGER,
    media INTEGER NOT NULL
)"""


def _add_message_filters(db: sqlite3.Connection) -> None:
    db.execute(_MESSAGE_FILTERS_SCHEMA)
    db.execute(
        "INSERT INTO message_filters (rowid, chat, date, media) SELECT m.rowid, c.rowid, m.date, "
        "m.media IS NOT NULL FROM messages m JOIN chats c ON c.id = m.chat_id"
    )


_READ_COLUMNS = (
    "id, chat_id, platform_id, kind, actor_id, actor_name, date, date_has_zone, edited, text, "
    "reply_to, reply_to_chat, forwarded_from, signature, media, action, details, span_start, "
    "span_end, cue, reported, raw"
)


def _message_from_row(row: Sequence[Any]) -> Message:
    (mid, chat_id, platform_id, kind, actor_id, actor_name, date, has_zone, edited, text,
     reply_to, reply_to_chat, fwd, signature, media, action, details, start, end, cue,
     reported, raw) = row
    return Message(
        id=mid, chat_id=chat_id, platform_id=platform_id, text=text, kind=kind,
        actor_id=actor_id, actor_name=actor_name, date=date, date_has_zone=bool(has_zone),
        edited=edited, reply_to=reply_to, reply_to_chat=reply_to_chat, forwarded_from=fwd,
        signature=signature,
        media=[Media(**m) for m in orjson.loads(media)] if media else [],
        action=action, details=orjson.loads(details) if details else None,
        span=(start, end) if start is not None else None, cue=cue, reported=bool(reported),
        raw=raw,
    )


MMAP_BYTES = 1 << 30  # how much of the file a searching connection maps (see _map_for_reading)


class SQLiteStore:
    """A watchfloor database in one SQLite file."""

    def __init__(self, path: str) -> None:
        self.location = path
        self._mapped = False
        try:
            self.db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
            self.db.execute("PRAGMA busy_timeout = 60000")
            mode = self.db.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            if mode.lower() != "wal" and path != ":memory:":
                raise StoreError(f"{path}: cannot use a write-ahead log here (journal mode {mode})")
            self.db.execute("PRAGMA synchronous = NORMAL")
            self.db.execute("PRAGMA foreign_keys = ON")
            self.db.execute("PRAGMA cache_size = -65536")
            self._migrate()
        except sqlite3.DatabaseError as e:
            raise StoreError(f"{path}: not a usable watchfloor database ({e})") from None

    def _migrate(self) -> None:
        version = self.db.execute("PRAGMA user_version").fetchone()[0]
        if version > len(MIGRATIONS):
            raise StoreError(
                f"{self.location}: made by a newer watchfloor (schema {version}); upgrade watchfloor"
            )
        if version == len(MIGRATIONS):
            return
        self.db.execute("BEGIN IMMEDIATE")
        try:
            for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
                if callable(script):
                    script(self.db)
                else:
                    for statement in script.split(";"):
                        if statement.strip():
                            self.db.execute(statement)
                self.db.execute(f"PRAGMA user_version = {number}")
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            raise

    # -- reading ------------------------------------------------------------------------------
    def source(self, sha256: str) -> StoredSource | None:
        row = self.db.execute(
            "SELECT sha256, path, kind, messages, ingested_at FROM sources WHERE sha256 = ?",
            (sha256,),
        ).fetchone()
        return StoredSource(*row) if row else None

    def stats(self) -> dict[str, int]:
        one = lambda sql: self.db.execute(sql).fetchone()[0]  # noqa: E731
        return {
            "sources": one("SELECT count(*) FROM sources"),
            "chats": one("SELECT count(*) FROM chats"),
            "actors": one("SELECT count(*) FROM actors"),
            "messages": one("SELECT count(*) FROM messages"),
        }

    def sources(self) -> list[StoredSource]:
        return [StoredSource(*row) for row in self.db.execute(
            "SELECT sha256, path, kind, messages, ingested_at FROM sources ORDER BY id")]

    def enriched(self, sha256: str) -> dict[str, str]:
        return dict(self.db.execute(
            "SELECT e.enricher, e.version FROM source_enrichers e JOIN sources s ON s.id = e.source_id "
            "WHERE s.sha256 = ?", (sha256,)))

    def messages(self, *, source: str | None = None, ids: Sequence[str] | None = None,
                 batch: int = 2000) -> Iterator[list[Message]]:
        """Stored messages as records, in batches, in the order they were stored."""
        if ids is not None:
            for i in range(0, len(ids), 500):
                part = list(ids[i : i + 500])
                marks = ",".join("?" * len(part))
                rows = self.db.execute(
                    f"SELECT {_READ_COLUMNS} FROM messages WHERE id IN ({marks}) ORDER BY rowid", part
                ).fetchall()
                if rows:
                    yield [_message_from_row(r) for r in rows]
            return
        where, args = ("", ()) if source is None else (
            "AND source_id = (SELECT id FROM sources WHERE sha256 = ?)", (source,))
        last = 0
        while True:
            rows = self.db.execute(
                f"SELECT rowid, {_READ_COLUMNS} FROM messages WHERE rowid > ? {where} "
                f"ORDER BY rowid LIMIT ?", (last, *args, batch)
            ).fetchall()
            if not rows:
                return
            last = rows[-1][0]
            yield [_message_from_row(r[1:]) for r in rows]

    def annotations(self, message_ids: Sequence[str]) -> list[Annotation]:
        out: list[Annotation] = []
        for i in range(0, len(message_ids), 500):
            part = list(message_ids[i : i + 500])
            marks = ",".join("?" * len(part))
            for (mid, kind, name, start, end, value, score, evidence, enricher, version) in self.db.execute(
                "SELECT message_id, kind, name, span_start, span_end, value, score, evidence, "
                f"enricher, version FROM annotations WHERE message_id IN ({marks}) ORDER BY id", part
            ):
                out.append(Annotation(
                    kind=kind, name=name, enricher=enricher, version=version, message_id=mid,
                    span=(start, end) if start is not None else None,
                    value=orjson.loads(value) if value is not None else None, score=score,
                    evidence=orjson.loads(evidence) if evidence else [],
                ))
        return out

    def reenrich(
        self,
        sha256: str,
        versions: dict[str, str],
        annotate: Callable[[list[Message]], list[Annotation]],
    ) -> int:
        """Replace the annotations the named enrichers made on one source's messages, in one
        transaction; return how many messages were annotated."""
        self.db.execute("BEGIN IMMEDIATE")
        try:
            (source_id,) = self.db.execute(
                "SELECT id FROM sources WHERE sha256 = ?", (sha256,)).fetchone()
            names = list(versions)
            marks = ",".join("?" * len(names))
            self.db.execute(
                f"DELETE FROM annotations WHERE source_id = ? AND enricher IN ({marks})",
                (source_id, *names))
            writer = _SQLiteWriter(self.db, source_id)
            count = 0
            for batch in self.messages(source=sha256):
                writer.add_annotations(annotate(batch))
                count += len(batch)
            writer.mark_enriched(versions)
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        return count

    def export_messages(self) -> Iterator[dict[str, Any]]:
        cur = self.db.execute(
            """
            SELECT m.id, m.chat_id, c.title, c.platform, m.actor_id,
                   coalesce(m.actor_name, a.name), m.date, m.date_has_zone, m.edited, m.kind,
                   m.action, m.text, m.reply_to, m.reply_to_chat, m.forwarded_from, m.media,
                   s.sha256, m.span_start, m.span_end, m.cue, m.reported
              FROM messages m
              JOIN chats c ON c.id = m.chat_id
              JOIN sources s ON s.id = m.source_id
              LEFT JOIN actors a ON a.id = m.actor_id
             ORDER BY m.rowid
            """
        )
        for (mid, chat_id, title, platform, actor_id, actor_name, date, has_zone, edited, kind,
             action, text, reply_pid, reply_chat, fwd, media, sha, start, end, cue,
             reported) in cur:
            reply_id = None
            if reply_pid is not None:
                target_chat = f"{platform}:{reply_chat}" if reply_chat else chat_id
                reply_id = self._reply_target(f"{target_chat}:{reply_pid}", date)
            yield {
                "id": mid,
                "chat": {"id": chat_id, "title": title, "platform": platform},
                "actor": {"id": actor_id, "name": actor_name} if actor_id else None,
                "date": iso_utc(date),
                "date_has_zone": bool(has_zone),
                "edited": iso_utc(edited),
                "kind": kind,
                "action": action,
                "text": text,
                "reply_to": reply_id,
                "reply_to_platform_id": reply_pid,
                "forwarded_from": fwd,
                "media": orjson.loads(media) if media else [],
                "span": [start, end] if start is not None else None,
                "cue": cue,
                "reported": bool(reported),
                "source": sha,
            }

    def _reply_target(self, target: str, date: int | None) -> str | None:
        """The stored id of a reply's target: ``<chat>:<number>``, or in chats whose numbers
        belong to an unknown account ``<chat>:<number>@<send time>``: the latest one sent
        before the reply."""
        row = self.db.execute("SELECT id FROM messages WHERE id = ?", (target,)).fetchone()
        if row is not None:
            return row[0]
        row = self.db.execute(
            "SELECT id FROM messages WHERE id > ? AND id < ? "
            "ORDER BY (date <= ?) DESC, date DESC LIMIT 1",
            (target + "@", target + "A", date if date is not None else 1 << 62),
        ).fetchone()
        return row[0] if row else None

    # -- actors (issue 4) ---------------------------------------------------------------------
    def stored_actors(self, ids: Sequence[str] | None = None, *, described: bool = True) -> Iterator[StoredActor]:
        names: dict[str, list[SeenName]] = {}
        where, args = "", ()
        if ids is not None:
            ids = list(ids)
            if not ids:
                return
            where = f"WHERE id IN ({','.join('?' * len(ids))})"
            args = tuple(ids)
        name_where = where.replace("WHERE id", "WHERE actor_id")
        for actor_id, name, messages, first, last in self.db.execute(
            f"SELECT actor_id, name, messages, first_seen, last_seen FROM actor_names {name_where} "
            "ORDER BY actor_id, messages DESC, last_seen DESC", args
        ):
            names.setdefault(actor_id, []).append(SeenName(name, messages, first, last))
        for (aid, platform, platform_id, name, role, note, parts, origins, cluster) in self.db.execute(
            f"SELECT id, platform, platform_id, name, role, note, name_parts, origins, cluster FROM actors {where} "
            "ORDER BY id", args
        ):
            seen = names.get(aid, [])
            firsts = [n.first_seen for n in seen if n.first_seen is not None]
            lasts = [n.last_seen for n in seen if n.last_seen is not None]
            yield StoredActor(
                id=aid, platform=platform, platform_id=platform_id, name=name, role=role, note=note,
                cluster=cluster, name_parts=orjson.loads(parts) if parts and described else {},
                origins=[Origin(**o) for o in orjson.loads(origins)] if origins and described else [],
                names=seen, messages=sum(n.messages for n in seen),
                first_seen=min(firsts) if firsts else None, last_seen=max(lasts) if lasts else None,
            )

    def actors_in_clusters(self, clusters: Sequence[str]) -> list[str]:
        out: list[str] = []
        clusters = list(clusters)
        for i in range(0, len(clusters), 400):
            part = clusters[i:i + 400]
            marks = ",".join("?" * len(part))
            out += [r[0] for r in self.db.execute(
                f"SELECT id FROM actors WHERE cluster IN ({marks}) OR (cluster IS NULL AND id IN ({marks}))",
                part + part)]
        return sorted(set(out))

    def actor_chats(self) -> Iterator[tuple[str, str, int, int | None, int | None]]:
        yield from self.db.execute(
            "SELECT actor_id, chat_id, count(*), min(date), max(date) FROM messages "
            "WHERE actor_id IS NOT NULL GROUP BY actor_id, chat_id"
        )

    def actor_replies(self) -> Iterator[tuple[str, str, int]]:
        yield from self.db.execute(
            "SELECT m.actor_id, t.actor_id, count(*) FROM messages m "
            "JOIN messages t ON t.id = m.chat_id || ':' || m.reply_to "
            "WHERE m.reply_to IS NOT NULL AND m.reply_to_chat IS NULL AND m.actor_id IS NOT NULL "
            "AND t.actor_id IS NOT NULL AND t.actor_id != m.actor_id GROUP BY m.actor_id, t.actor_id"
        )

    def actor_links(self, ids: Sequence[str] | None = None) -> list[ActorLink]:
        if ids is None:
            rows = self.db.execute("SELECT a, b, score, explanation, source, merged FROM actor_links ORDER BY a, b")
            return [ActorLink(a, b, sc, ex, so, bool(m)) for a, b, sc, ex, so, m in rows]
        out: dict[tuple[str, str], ActorLink] = {}
        ids = list(ids)
        for i in range(0, len(ids), 400):
            part = ids[i:i + 400]
            marks = ",".join("?" * len(part))
            for r in self.db.execute(
                f"SELECT a, b, score, explanation, source, merged FROM actor_links WHERE a IN ({marks}) OR b IN ({marks})",
                part + part,
            ):
                out[(r[0], r[1])] = ActorLink(*r[:5], bool(r[5]))
        return sorted(out.values(), key=lambda link: (link.a, link.b))

    def actor_decisions(self) -> list[ActorDecision]:
        return [ActorDecision(*r) for r in self.db.execute(
            "SELECT a, b, decision, note, decided_at FROM actor_decisions ORDER BY decided_at, a, b")]

    def decide_actors(self, a: str, b: str, decision: str, note: str | None = None) -> ActorDecision:
        if decision not in ("merge", "split"):
            raise ValueError(f"decision must be merge or split, not {decision!r}")
        a, b = sorted((a, b))
        at = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
        self.db.execute(
            "INSERT INTO actor_decisions (a, b, decision, note, decided_at) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT(a, b) DO UPDATE SET decision = excluded.decision, note = excluded.note, "
            "decided_at = excluded.decided_at",
            (a, b, decision, note, at),
        )
        return ActorDecision(a, b, decision, note, at)

    def _actor_fingerprint(self) -> str:
        actors, names, messages = self.db.execute(
            "SELECT (SELECT count(*) FROM actors), count(*), coalesce(sum(messages), 0) FROM actor_names"
        ).fetchone()
        decisions, last = self.db.execute("SELECT count(*), max(decided_at) FROM actor_decisions").fetchone()
        return f"{actors}:{names}:{messages}:{decisions}:{last}"

    def save_resolution(self, resolution: ActorResolution) -> None:
        self.db.execute("BEGIN IMMEDIATE")
        try:
            ids = list(resolution.clusters)
            if resolution.partial:
                for i in range(0, len(ids), 400):
                    part = ids[i:i + 400]
                    marks = ",".join("?" * len(part))
                    self.db.execute(f"DELETE FROM actor_links WHERE a IN ({marks}) OR b IN ({marks})", part + part)
            else:
                self.db.execute("DELETE FROM actor_links")
                self.db.execute("DELETE FROM actor_origins")
                # actors that were not resolved (added since the resolution read them) lose a stale cluster
                self.db.execute("CREATE TEMP TABLE IF NOT EXISTS resolved_ids (id TEXT PRIMARY KEY) WITHOUT ROWID")
                self.db.execute("DELETE FROM resolved_ids")
                self.db.executemany("INSERT INTO resolved_ids (id) VALUES (?)", [(a,) for a in resolution.clusters])
                self.db.execute(
                    "UPDATE actors SET cluster = NULL WHERE cluster IS NOT NULL AND id NOT IN (SELECT id FROM resolved_ids)"
                )
            described = resolution.described
            self.db.executemany(
                "UPDATE actors SET cluster = ? WHERE id = ?",
                [(cluster, actor) for actor, cluster in resolution.clusters.items() if actor not in described],
            )
            self.db.executemany(
                "UPDATE actors SET cluster = ?, name_parts = ?, origins = ? WHERE id = ?",
                [(resolution.clusters.get(actor), _json(parts) or "{}",
                  orjson.dumps([vars_of(o) for o in origins]).decode(), actor)
                 for actor, (parts, origins) in described.items()],
            )
            self.db.executemany(
                "INSERT OR REPLACE INTO actor_links (a, b, score, explanation, source, merged) VALUES (?, ?, ?, ?, ?, ?)",
                [(min(x.a, x.b), max(x.a, x.b), x.score, x.explanation, x.source, int(x.merged))
                 for x in resolution.links],
            )
            if resolution.origin_groups:
                touched = list(resolution.origin_groups)
                if resolution.partial:
                    for i in range(0, len(touched), 400):
                        part = touched[i:i + 400]
                        self.db.execute(f"DELETE FROM actor_origins WHERE actor_id IN ({','.join('?' * len(part))})", part)
                self.db.executemany(
                    "INSERT OR REPLACE INTO actor_origins (actor_id, origin, label) VALUES (?, ?, ?)",
                    [(actor, origin, label) for actor, groups in resolution.origin_groups.items()
                     for origin, label in groups],
                )
            if not resolution.partial:
                self.db.execute(
                    "INSERT OR REPLACE INTO actor_resolution (id, resolved_at, actors, fingerprint, seconds, version) "
                    "VALUES (1, ?, ?, ?, ?, ?)",
                    (datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"), len(resolution.clusters),
                     self._actor_fingerprint(), round(resolution.seconds, 3), resolution.version),
                )
            else:
                self.db.execute("UPDATE actor_resolution SET fingerprint = ?", (self._actor_fingerprint(),))
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            raise

    def resolution_state(self) -> dict[str, Any]:
        row = self.db.execute(
            "SELECT resolved_at, actors, fingerprint, seconds, version FROM actor_resolution WHERE id = 1"
        ).fetchone()
        if row is None:
            return {"resolved_at": None, "stale": True}
        resolved_at, actors, fingerprint, seconds, version = row
        return {"resolved_at": resolved_at, "actors": actors, "seconds": seconds, "version": version,
                "stale": fingerprint != self._actor_fingerprint()}

    def origin_groups(self, ids: Sequence[str] | None = None) -> dict[str, list[tuple[str, str]]]:
        """Origin id -> [(actor id, label)] for the origins these actors have (or all)."""
        if ids is None:
            rows = self.db.execute("SELECT origin, actor_id, label FROM actor_origins ORDER BY origin, actor_id")
        else:
            ids = list(ids)
            rows = []
            for i in range(0, len(ids), 400):
                part = ids[i:i + 400]
                rows += self.db.execute(
                    "SELECT origin, actor_id, label FROM actor_origins WHERE origin IN "
                    f"(SELECT origin FROM actor_origins WHERE actor_id IN ({','.join('?' * len(part))}))", part
                ).fetchall()
        out: dict[str, list[tuple[str, str]]] = {}
        for origin, actor, label in rows:
            entry = (actor, label)
            bucket = out.setdefault(origin, [])
            if entry not in bucket:
                bucket.append(entry)
        return out

    # -- writing ------------------------------------------------------------------------------
    @contextmanager
    def ingest(self, source: Source) -> Iterator[_SQLiteWriter]:
        try:
            self.db.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as e:
            raise StoreError(f"{self.location}: {e} (is another ingest writing to it?)") from None
        try:
            cur = self.db.execute(
                "INSERT INTO sources (sha256, path, size, kind, reader, reader_version, title, "
                "ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT(sha256) DO UPDATE SET path = excluded.path, "
                "reader_version = excluded.reader_version, ingested_at = excluded.ingested_at "
                "RETURNING id",
                (source.sha256, source.path, source.size, source.kind, source.reader,
                 source.reader_version, source.title,
                 datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")),
            )
            source_id = cur.fetchone()[0]
            writer = _SQLiteWriter(self.db, source_id)
            yield writer
            writer.finish()
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            raise

    # -- search (issue 7) ----------------------------------------------------------------------
    def _map_for_reading(self) -> None:
        """Searches read pages all over the file (a filter joins thousands of matches to their
        messages): memory-map up to 1 GiB of it for them, which halves a filtered query's time at
        a million messages. Only searching turns it on, so an ingest's resident memory stays flat."""
        if not self._mapped:
            self.db.execute(f"PRAGMA mmap_size = {MMAP_BYTES}")
            self._mapped = True

    def fts_search(self, match: str, filters: SearchFilters, limit: int) -> list[tuple[int, float]]:
        self._map_for_reading()
        weights = _Bm25.weights(self.db)
        if weights is None:  # nothing indexed
            return []
        conds, args, tables = _filter_sql(filters)
        where = "".join(f" AND {c}" for c in conds)
        # each match is checked against its small message_filters row first, and its message row
        # is read only when a filter needs it (actor, label, language) and the cheap ones passed
        # (CROSS JOIN keeps that order)
        join = "".join(f" CROSS JOIN {table} {alias} ON {alias}.rowid = f.rowid" for table, alias in tables)
        try:
            return self.db.execute(
                f"SELECT f.rowid, coalesce(bm25(messages_fts, {_in(weights)}), 0.0) AS r FROM messages_fts f{join} "
                f"WHERE messages_fts MATCH ?{where} ORDER BY r LIMIT ?",
                (*weights, _Bm25.columns(match), *args, limit),
            ).fetchall()
        except sqlite3.OperationalError as e:  # the query builder quotes every term; never expected
            raise StoreError(f"{self.location}: full-text query failed ({e})") from None

    def filter_rowids(self, rowids: Sequence[int], filters: SearchFilters) -> set[int]:
        if not filters:
            return set(rowids)
        conds, args, tables = _filter_sql(filters)
        (first, alias), *others = tables
        join = "".join(f" CROSS JOIN {t} {a} ON {a}.rowid = {alias}.rowid" for t, a in others)
        out: set[int] = set()
        for i in range(0, len(rowids), 500):
            part = [int(r) for r in rowids[i : i + 500]]
            out.update(r for (r,) in self.db.execute(
                f"SELECT {alias}.rowid FROM {first} {alias}{join} WHERE {alias}.rowid IN ({_in(part)}) AND "
                + " AND ".join(conds), (*part, *args)))
        return out

    def hit_details(self, rowids: Sequence[int]) -> dict[int, dict[str, Any]]:
        out: dict[int, dict[str, Any]] = {}
        for i in range(0, len(rowids), 500):
            part = [int(r) for r in rowids[i : i + 500]]
            for (rowid, mid, text, media, chat_id, title, actor_id, actor_name, date) in self.db.execute(
                "SELECT m.rowid, m.id, m.text, m.media, m.chat_id, c.title, m.actor_id, "
                "coalesce(m.actor_name, a.name), m.date FROM messages m JOIN chats c ON c.id = m.chat_id "
                f"LEFT JOIN actors a ON a.id = m.actor_id WHERE m.rowid IN ({_in(part)})", part,
            ):
                out[rowid] = {
                    "message_id": mid,
                    "text": index_text(text, orjson.loads(media) if media else None),
                    "chat": {"id": chat_id, "title": title},
                    "actor": {"id": actor_id, "name": actor_name} if actor_id or actor_name else None,
                    "date": iso_utc(date),
                    "has_media": media is not None,
                }
        return out

    def message_texts(self, *, after: int = 0, batch: int = 5000) -> Iterator[tuple[list[int], list[str]]]:
        last = after
        while True:
            rows = self.db.execute(
                "SELECT rowid, text, media FROM messages WHERE rowid > ? ORDER BY rowid LIMIT ?",
                (last, batch),
            ).fetchall()
            if not rows:
                return
            last = rows[-1][0]
            yield ([r for r, _, _ in rows],
                   [index_text(t, orjson.loads(m) if m else None) for _, t, m in rows])

    def vector_index(self) -> VectorIndexInfo | None:
        row = self.db.execute("SELECT model, dims, centroids, upto FROM vector_index").fetchone()
        if row is None:
            return None
        model, dims, centroids, upto = row
        count = self.db.execute(
            "SELECT coalesce(sum(length(scales)), 0) / 4 FROM vector_chunks").fetchone()[0]
        return VectorIndexInfo(
            model=model, dims=dims, upto=upto, count=count,
            centroids=np.frombuffer(centroids, dtype="<f4").reshape(-1, dims) if centroids else None,
        )

    def vector_chunks(self, cells: Sequence[int] | None = None) -> Iterator[VectorChunk]:
        row = self.db.execute("SELECT dims FROM vector_index").fetchone()
        if row is None:
            return
        dims = row[0]
        if cells is None:
            cur = self.db.execute("SELECT cell, rowids, vectors, scales FROM vector_chunks ORDER BY id")
        else:
            wanted = [int(c) for c in cells]
            cur = self.db.execute(
                f"SELECT cell, rowids, vectors, scales FROM vector_chunks WHERE cell IN ({_in(wanted)})",
                wanted)
        for cell, rowids, vectors, scales in cur:
            yield VectorChunk(
                cell, np.frombuffer(rowids, dtype="<i8"),
                np.frombuffer(vectors, dtype=np.int8).reshape(-1, dims),
                np.frombuffer(scales, dtype="<f4"),
            )

    def _ensure_vector_index(self, model: str, dims: int) -> None:
        row = self.db.execute("SELECT model, dims FROM vector_index").fetchone()
        if row is None:
            self.db.execute("INSERT INTO vector_index (id, model, dims, upto) VALUES (1, ?, ?, 0)",
                            (model, dims))
        elif tuple(row) != (model, dims):
            raise StoreError(f"{self.location}: the semantic index was built with {row[0]}; "
                             "rebuild it with `watchfloor embed --rebuild`")

    def add_vector_chunks(self, chunks: Sequence[VectorChunk], *, model: str, dims: int, upto: int) -> None:
        self.db.execute("BEGIN IMMEDIATE")
        try:
            self._ensure_vector_index(model, dims)
            _insert_chunks(self.db, chunks)
            self.db.execute("UPDATE vector_index SET upto = max(upto, ?)", (upto,))
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            raise

    def replace_vector_index(self, model: str, dims: int, centroids: np.ndarray | None,
                             chunks: Iterator[VectorChunk], upto: int) -> None:
        self.db.execute("BEGIN IMMEDIATE")
        try:
            self.db.execute("DELETE FROM vector_index")
            self.db.execute("DELETE FROM vector_chunks")
            self.db.execute(
                "INSERT INTO vector_index (id, model, dims, centroids, upto) VALUES (1, ?, ?, ?, ?)",
                (model, dims, None if centroids is None else centroids.astype("<f4").tobytes(), upto))
            batch: list[VectorChunk] = []
            for chunk in chunks:
                batch.append(chunk)
                if len(batch) >= 256:
                    _insert_chunks(self.db, batch)
                    batch.clear()
            _insert_chunks(self.db, batch)
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            raise

    def teacher_vectors(self, rowids: Sequence[int], model: str) -> dict[int, np.ndarray]:
        out: dict[int, np.ndarray] = {}
        for i in range(0, len(rowids), 500):
            part = [int(r) for r in rowids[i : i + 500]]
            for rowid, vector in self.db.execute(
                f"SELECT rowid, vector FROM teacher_vectors WHERE model = ? AND rowid IN ({_in(part)})",
                (model, *part),
            ):
                out[rowid] = np.frombuffer(vector, dtype="<f2").astype(np.float32)
        return out

    def put_teacher_vectors(self, vectors: dict[int, np.ndarray], model: str) -> None:
        if not vectors:
            return
        try:
            self.db.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError:
            return  # another process is writing; this is only a cache
        try:
            self.db.executemany(
                "INSERT OR REPLACE INTO teacher_vectors (rowid, model, vector) "
                "SELECT ?, ?, ? WHERE EXISTS (SELECT 1 FROM messages WHERE rowid = ?)",
                [(int(r), model, v.astype("<f2").tobytes(), int(r)) for r, v in vectors.items()],
            )
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            raise

    def close(self) -> None:
        self.db.close()


class _SQLiteWriter:
    def __init__(self, db: sqlite3.Connection, source_id: int) -> None:
        self.db = db
        self.source_id = source_id
        self._actors: set[str] = set()
        self._chats: set[str] = set()
        self._chat_rowids: dict[str, int] = {}
        # (actor id, display name) -> [messages, first seen, last seen], over new messages only
        self._names: dict[tuple[str, str], list[Any]] = {}
        self._next_rowid = (db.execute("SELECT max(rowid) FROM messages").fetchone()[0] or 0) + 1
        self._stored = 0
        self._rowid_of: dict[str, int] = {}  # message id -> rowid, of the last add_messages

    def add_chat(self, chat: Chat) -> None:
        self.db.execute(
            "INSERT INTO chats (id, platform, platform_id, title, kind) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT(id) DO UPDATE SET title = coalesce(excluded.title, chats.title), "
            "kind = coalesce(excluded.kind, chats.kind)",
            (chat.id, chat.platform, chat.platform_id, chat.title, chat.kind),
        )
        self._chats.add(chat.id)

    def add_actor(self, actor: Actor) -> None:
        self.db.execute(
            "INSERT INTO actors (id, platform, platform_id, name, role, note, name_parts, origins, "
            "cluster) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET "
            "name = coalesce(excluded.name, actors.name), role = coalesce(excluded.role, actors.role), "
            "note = coalesce(excluded.note, actors.note), "
            "name_parts = coalesce(excluded.name_parts, actors.name_parts), "
            "origins = coalesce(excluded.origins, actors.origins)",
            (actor.id, actor.platform, actor.platform_id, actor.name, actor.role, actor.note,
             _json(actor.name_parts), _json([vars_of(o) for o in actor.origins]), actor.cluster),
        )
        self._actors.add(actor.id)

    def _ensure_actors(self, messages: Sequence[Message]) -> None:
        fresh = {m.actor_id for m in messages if m.actor_id and m.actor_id not in self._actors}
        if fresh:
            self.db.executemany(
                "INSERT OR IGNORE INTO actors (id, platform, platform_id) VALUES (?, ?, ?)",
                [(a, a.split(":", 1)[0], a.split(":", 1)[1]) for a in fresh],
            )
            self._actors |= fresh

    def _apply_edits(self, messages: Sequence[Message]) -> None:
        """Replace stored messages by newer edits of them (a later, overlapping export)."""
        edited = {m.id: m for m in messages if m.edited is not None}
        if not edited:
            return
        marks = ",".join("?" * len(edited))
        rows = self.db.execute(
            f"SELECT rowid, id, text, media, coalesce(edited, 0) FROM messages WHERE id IN ({marks})",
            list(edited),
        ).fetchall()
        for rowid, mid, old_text, old_media, old_edited in rows:
            new = edited[mid]
            if new.edited <= old_edited:  # type: ignore[operator]
                continue
            media = _media_json(new.media)
            fts_insert(self.db, [(rowid, *fts_row_counted(old_text, orjson.loads(old_media) if old_media else None))],
                       delete=True)
            self.db.execute(
                "UPDATE messages SET text = ?, media = ?, edited = ?, raw = ? WHERE rowid = ?",
                (new.text, media, new.edited, new.raw, rowid),
            )
            self.db.execute("UPDATE message_filters SET media = ? WHERE rowid = ?",
                            (0 if media is None else 1, rowid))
            fts_insert(self.db, [(rowid, *fts_row_counted(new.text, orjson.loads(media) if media else None))])
            # the teacher's vector of the old text no longer describes the message
            self.db.execute("DELETE FROM teacher_vectors WHERE rowid = ?", (rowid,))

    def add_messages(self, messages: Sequence[Message]) -> list[Message]:
        if not messages:
            return []
        self._ensure_actors(messages)
        self._apply_edits(messages)
        first = self._next_rowid
        source_id = self.source_id
        groups: dict[tuple[bool, ...], list[tuple[Any, ...]]] = {}
        medias = []
        for i, m in enumerate(messages):
            media = _media_json(m.media) if m.media else None
            medias.append(media)
            span = m.span or (None, None)
            optional = (
                m.platform_id, m.actor_id, m.actor_name, m.date, m.edited, m.reply_to,
                m.reply_to_chat, m.forwarded_from, m.signature, media, m.action,
                _json(m.details) if m.details else None, span[0], span[1], m.cue, m.raw,
            )
            present = tuple(map(is_not, optional, _NONES))
            row = (first + i, m.id, m.chat_id, m.kind, 1 if m.date_has_zone else 0, m.text,
                   1 if m.reported else 0, source_id, *compress(optional, present))
            group = groups.get(present)
            if group is None:
                groups[present] = [row]
            else:
                group.append(row)
        for present, rows in groups.items():
            self.db.executemany(_insert_message(present), rows)
        self._next_rowid = first + len(messages)
        new_rowids = [r for (r,) in self.db.execute(
            "SELECT rowid FROM messages WHERE rowid >= ? ORDER BY rowid", (first,)
        )]
        fts = []
        filters = []
        undated = []
        stored = []
        names = self._names
        rowid_of = self._rowid_of = {}
        chat_rowids = self._chat_rowids
        for rowid in new_rowids:
            i = rowid - first
            m = messages[i]
            stored.append(m)
            media = medias[i]
            fts.append((rowid, *fts_row_counted(m.text, orjson.loads(media) if media else None)))
            chat = chat_rowids.get(m.chat_id)
            if chat is None:
                chat = chat_rowids[m.chat_id] = self.db.execute(
                    "SELECT rowid FROM chats WHERE id = ?", (m.chat_id,)).fetchone()[0]
            if m.date is not None:
                filters.append((rowid, chat, m.date, 0 if media is None else 1))
            else:
                undated.append((rowid, chat, 0 if media is None else 1))
            rowid_of[m.id] = rowid
            if m.actor_id and m.actor_name:
                entry = names.get((m.actor_id, m.actor_name))
                if entry is None:
                    names[(m.actor_id, m.actor_name)] = [1, m.date, m.date]
                else:
                    entry[0] += 1
                    if m.date is not None:
                        if entry[1] is None or m.date < entry[1]:
                            entry[1] = m.date
                        if entry[2] is None or m.date > entry[2]:
                            entry[2] = m.date
        fts_insert(self.db, fts)
        # (a message without a date binds no NULL: Python 3.11 binds None slowly, see _insert_message)
        self.db.executemany("INSERT INTO message_filters (rowid, chat, date, media) VALUES (?, ?, ?, ?)", filters)
        if undated:
            self.db.executemany("INSERT INTO message_filters (rowid, chat, media) VALUES (?, ?, ?)", undated)
        self._stored += len(stored)
        return stored

    def add_annotations(self, annotations: Sequence[Annotation]) -> None:
        self.db.executemany(
            "INSERT INTO annotations (message_id, source_id, kind, name, span_start, span_end, "
            "value, score, evidence, enricher, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (a.message_id, self.source_id, a.kind, a.name,
                 a.span[0] if a.span else None, a.span[1] if a.span else None,
                 orjson.dumps(a.value).decode() if a.value is not None else None, a.score,
                 _json(a.evidence), a.enricher, a.version)
                for a in annotations
            ],
        )

    def mark_enriched(self, versions: dict[str, str]) -> None:
        self.db.executemany(
            "INSERT INTO source_enrichers (source_id, enricher, version) VALUES (?, ?, ?) "
            "ON CONFLICT(source_id, enricher) DO UPDATE SET version = excluded.version",
            [(self.source_id, name, version) for name, version in versions.items()],
        )

    def add_vectors(self, message_ids: Sequence[str], chunks: Sequence[VectorChunk]) -> None:
        rowid_of = self._rowid_of
        covered = sorted(rowid_of[m] for m in message_ids if m in rowid_of)
        if not covered:
            return
        ids = np.asarray([rowid_of[m] for m in message_ids], dtype=np.int64)
        _insert_chunks(self.db, [
            VectorChunk(c.cell, ids[c.rowids], c.vectors, c.scales) for c in chunks if len(c.rowids)
        ])
        # the watermark says "every message up to here has its vector": raise it only when this
        # batch continues it without a gap
        if covered[-1] - covered[0] + 1 == len(covered):
            self.db.execute(
                "UPDATE vector_index SET upto = ? WHERE upto = ?", (covered[-1], covered[0] - 1)
            )

    def finish(self) -> None:
        if self._names:
            self.db.executemany(
                "INSERT INTO actor_names (actor_id, name, messages, first_seen, last_seen) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT(actor_id, name) DO UPDATE SET "
                "messages = messages + excluded.messages, "
                "first_seen = min(coalesce(first_seen, excluded.first_seen), coalesce(excluded.first_seen, first_seen)), "
                "last_seen = max(coalesce(last_seen, excluded.last_seen), coalesce(excluded.last_seen, last_seen))",
                [(a, n, c, f, last) for (a, n), (c, f, last) in self._names.items()],
            )
            touched = sorted({a for a, _ in self._names})
            self.db.executemany(
                "UPDATE actors SET name = (SELECT name FROM actor_names WHERE actor_id = actors.id "
                "ORDER BY last_seen DESC, messages DESC LIMIT 1) WHERE id = ?",
                [(a,) for a in touched],
            )
        self.db.execute(
            "UPDATE sources SET messages = messages + ? WHERE id = ?", (self._stored, self.source_id)
        )


def _insert_chunks(db: sqlite3.Connection, chunks: Sequence[VectorChunk]) -> None:
    db.executemany(
        "INSERT INTO vector_chunks (cell, rowids, vectors, scales) VALUES (?, ?, ?, ?)",
        [(int(c.cell), c.rowids.astype("<i8").tobytes(), c.vectors.astype(np.int8).tobytes(),
          c.scales.astype("<f4").tobytes()) for c in chunks if len(c.rowids)],
    )


def _varints(blob: bytes) -> list[int]:
    """The unsigned varints (SQLite's encoding: big-endian groups of 7 bits) in ``blob``."""
    out, value = [], 0
    for byte in blob:
        value = (value << 7) | (byte & 0x7F)
        if not byte & 0x80:
            out.append(value)
            value = 0
    return out


class _Bm25:
    """FTS5's BM25 with lengths (text 1.0, keys 0.7), from an index that keeps no lengths.

    FTS5 ranks a match by the sum over the query's phrases of
    ``idf * f * (K1 + 1) / (f + K1 * c(D))``, ``c(D) = 1 - B + B * D / avgdl``, f the phrase's
    occurrences in the message weighted by their column, D the message's token count. Reading D
    cost one statement inside FTS5 a match: 85-90 % of a query at a million messages. Built with
    columnsize=0 the index keeps no D, and FTS5 uses a constant ``D0`` for every message (-1 a
    column in SQLite 3.40; measured once, see ``_calibrate``), ~10x faster but without length
    normalisation. It comes back through the weights: a message's words are in the pair of
    columns of its length (``length_class``), and a column of messages of length D gets the
    weight ``w * c(D0) / c(D)`` (w: 1.0 for text, 0.7 for keys). With f scaled by
    ``c(D0) / c(D)``, FTS5's term is ``idf * f' (K1 + 1) / (f' + K1 c(D0))`` =
    ``idf * f (K1 + 1) / (f + K1 c(D))``: exactly its BM25 with the message's length, for any
    number of occurrences. Exact for messages under 24 tokens (text and keys together); a longer
    one counts the middle of its class (classes 50 % wide, the last from ~400 tokens on).
    """

    K1 = 1.2
    B = 0.75
    WEIGHTS = (1.0, 0.7)  # text, keys
    _d0: float | None = None
    _TEXT = "{" + " ".join(f"t{i}" for i in range(FTS_LENGTHS)) + "} :"
    _KEYS = "{" + " ".join(f"k{i}" for i in range(FTS_LENGTHS)) + "} :"
    _COLUMN = re.compile(r'"(?:[^"]|"")*"|\b(text|keys) :')

    @classmethod
    def columns(cls, match: str) -> str:
        """``match`` (an expression over ``text`` and ``keys``) over the index's column sets:
        ``text :`` outside quoted strings becomes ``{t0 ... t31} :``, and ``keys :`` likewise."""
        return cls._COLUMN.sub(
            lambda m: m.group(0) if m.group(1) is None else cls._TEXT if m.group(1) == "text" else cls._KEYS,
            match)

    @classmethod
    def _calibrate(cls) -> float:
        """D0 per column: the length FTS5 counts for a message in an index that keeps none,
        measured on a tiny table as this SQLite computes it."""
        if cls._d0 is None:
            db = sqlite3.connect(":memory:")
            db.execute("CREATE VIRTUAL TABLE t USING fts5(a, b, content='', columnsize=0)")
            db.executemany("INSERT INTO t (rowid, a, b) VALUES (?, ?, ?)",
                           [(1, "x", "")] + [(i, "y y y", "y") for i in range(2, 5)])
            (score,) = db.execute("SELECT bm25(t, 1.0, 1.0) FROM t WHERE t MATCH 'a : x'").fetchone()
            db.close()
            n, avgdl = 4, 13 / 4
            idf = math.log((n - 1 + 0.5) / 1.5)
            c = (idf * (cls.K1 + 1) / -score - 1) / cls.K1
            cls._d0 = round((c - 1 + cls.B) * avgdl / cls.B / 2, 6)
        return cls._d0

    @classmethod
    def weights(cls, db: sqlite3.Connection) -> list[float] | None:
        """The column weights for the index as it is now (its average length); None when it is
        empty."""
        row = db.execute("SELECT block FROM messages_fts_data WHERE id = 1").fetchone()
        totals = _varints(row[0]) if row and row[0] else []
        if len(totals) < 2 or totals[0] == 0:
            return None
        return cls.weights_for(sum(totals[1:]) / totals[0])

    @classmethod
    def weights_for(cls, avgdl: float) -> list[float]:
        b = cls.B
        c0 = 1 - b + b * cls._calibrate() * 2 * FTS_LENGTHS / avgdl
        if abs(c0) < 1e-9:
            # an average of exactly 300 tokens a message (3 a column) zeroes FTS5's own c(D0):
            # its scores then ignore lengths, and are NULL where a phrase is absent (0 / 0); the
            # query reads those as 0 (an edge no real index should meet exactly)
            c0 = 1e-9
        return [w * c0 / (1 - b + b * class_length(c) / avgdl) for w in cls.WEIGHTS for c in range(FTS_LENGTHS)]


def _in(values: Sequence[Any]) -> str:
    return ",".join("?" * len(values))


def _filter_sql(f: SearchFilters) -> tuple[list[str], list[Any], list[tuple[str, str]]]:
    """SQL conditions for the filters, their arguments, and the tables (name, alias) they read:
    ``x`` (``message_filters``: chat, date, attachments) first, and ``m`` (messages) only when a
    filter needs it (actor, label, language), its conditions after those on ``x``."""
    conds: list[str] = []
    args: list[Any] = []
    if f.chats:
        # (COLLATE on the left of IN: after the list it would apply to IN's result, not the match)
        conds.append(f"x.chat IN (SELECT rowid FROM chats WHERE id IN ({_in(f.chats)}) "
                     f"OR title COLLATE NOCASE IN ({_in(f.chats)}))")
        args += [*f.chats, *f.chats]
    if f.since is not None:
        conds.append("x.date >= ?")
        args.append(f.since)
    if f.until is not None:
        conds.append("x.date < ?")
        args.append(f.until)
    if f.has_media is not None:
        conds.append("x.media" if f.has_media else "NOT x.media")
    tables = [("message_filters", "x")] if conds else []
    on_messages = len(conds)
    if f.actors:
        conds.append(f"(m.actor_id IN ({_in(f.actors)}) OR m.actor_name COLLATE NOCASE IN ({_in(f.actors)}) "
                     f"OR m.actor_id IN (SELECT id FROM actors WHERE name COLLATE NOCASE IN ({_in(f.actors)})))")
        args += [*f.actors, *f.actors, *f.actors]
    for kind, names in (("label", f.labels), ("language", f.languages)):
        if names:
            conds.append(f"EXISTS (SELECT 1 FROM annotations a WHERE a.message_id = m.id "
                         f"AND a.kind = ? AND a.name IN ({_in(names)}))")
            args += [kind, *names]
    if len(conds) > on_messages:
        tables.append(("messages", "m"))
    return conds, args, tables


def vars_of(obj: Any) -> dict[str, Any]:
    return {k: getattr(obj, k) for k in obj.__slots__}


def open_sqlite(path: str) -> SQLiteStore:
    folder = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(folder):
        raise StoreError(f"{path}: folder {folder} does not exist")
    return SQLiteStore(path)
