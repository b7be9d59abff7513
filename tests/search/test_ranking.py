"""Full-text ranking without FTS5's per-message length table (schema 7): the same BM25 as FTS5's
own bm25(messages_fts, 1.0, 0.7) with lengths, through the columns of each length class and their
weights, on a real database built by the real ingest."""

from __future__ import annotations

import sqlite3

import orjson
import pytest

from tests.conftest import chat_file, msg
from watchfloor.ingest import ingest_paths
from watchfloor.search import search
from watchfloor.search.fulltext import fts_expression
from watchfloor.search.query import parse
from watchfloor.store import open_store
from watchfloor.store.base import SearchFilters
from watchfloor.store.sqlite import (
    _FTS_SCHEMA_5, FTS_LENGTHS, MIGRATIONS, _Bm25, class_length, fts_row, length_class, token_count,
)

TEXTS = [
    "the bridge is closed",
    "convoy waiting at the old bridge near the river since the morning, people say it will be long",
    "bridge",
    "Abu Khalid al-Halabi crossed the bridge",
    "Abou Khaled Alhalaby arrived yesterday with the others from the north",
    "وصل أبو خالد الحلبي إلى المدينة",
    "أبو خالد الحلبي",
    "le vieux pont s'est effondré pendant la nuit",
    "the market sells fresh vegetables every friday, the market is open",
    "fresh bread at the bakery",
    "insulin needed at the clinic",
    "insuline disponible à la pharmacie du centre",
]
EXPRESSIONS = ["bridge", '"Abu Khaled Halabi"', "أبو خالد الحلبي", "bread OR insulin", "brid*", '"old bridge"',
               "bridge -closed"]


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    folder = tmp_path_factory.mktemp("ranking")
    export = chat_file(folder / "export" / "result.json", [msg(i + 1, t) for i, t in enumerate(TEXTS)])
    s = open_store(str(folder / "wf.db"))
    assert ingest_paths(s, [str(export)]).new == len(TEXTS)
    return s


def _with_lengths(s):
    """FTS5's own ranking, with its length table: the index as schema 6 built it, beside."""
    s.db.execute("DROP TABLE IF EXISTS temp.old_fts")
    s.db.execute(_FTS_SCHEMA_5.replace("messages_fts", "temp.old_fts"))
    rows = s.db.execute("SELECT rowid, text, media FROM messages").fetchall()
    s.db.executemany("INSERT INTO old_fts (rowid, text, keys) VALUES (?, ?, ?)",
                     [(r, *fts_row(t, orjson.loads(m) if m else None)) for r, t, m in rows])

    def ranked(expr):
        return s.db.execute("SELECT rowid, bm25(old_fts, 1.0, 0.7) AS r FROM old_fts WHERE old_fts MATCH ? "
                            "ORDER BY r LIMIT 50", (expr,)).fetchall()
    return ranked


@pytest.mark.parametrize("q", EXPRESSIONS)
def test_the_ranking_is_fts5_bm25_with_lengths(store, q):
    expr = fts_expression(parse(q).tree)
    exact = _with_lengths(store)(expr)
    mine = store.fts_search(expr, SearchFilters(), 50)
    assert exact, q
    assert [r for r, _ in mine] == [r for r, _ in exact]
    for (r, score), (_, expected) in zip(mine, exact):
        # exact below 32 tokens (text and keys); a longer message counts the middle of its class
        short = token_count(*fts_row(TEXTS[r - 1], None)) < 32
        assert score == pytest.approx(expected, rel=1e-9 if short else 0.05)


def test_a_shorter_message_ranks_first_and_a_repeated_word_counts(store):
    # length normalisation holds: the one-word message first, the long one last
    hits = [h.rowid for h in search(store, "bridge", mode="text", limit=10).hits]
    assert hits[0] == 3 and hits[-1] == 2
    # "market" twice in a longer message outranks "fresh" once in a shorter one, with FTS5's scores
    expr = fts_expression(parse("market OR fresh").tree)
    exact = _with_lengths(store)(expr)
    mine = store.fts_search(expr, SearchFilters(), 50)
    assert [r for r, _ in mine] == [r for r, _ in exact] == [9, 10]
    assert [s for _, s in mine] == pytest.approx([s for _, s in exact], rel=1e-9)


def test_a_long_message_counts_the_middle_of_its_class(tmp_path):
    words = " ".join(f"w{i}" for i in range(60))
    export = chat_file(tmp_path / "e" / "result.json", [msg(1, f"bridge {words}"), msg(2, "bridge x")])
    s = open_store(str(tmp_path / "long.db"))
    ingest_paths(s, [str(export)])
    expr = fts_expression(parse("bridge").tree)
    exact = dict(_with_lengths(s)(expr))
    mine = dict(s.fts_search(expr, SearchFilters(), 50))
    assert mine[2] == pytest.approx(exact[2], rel=1e-9)  # 4 tokens: exact
    assert mine[1] == pytest.approx(exact[1], rel=0.1)  # ~120 tokens with keys: within its class
    assert mine[1] > mine[2]


def test_length_classes():
    assert [length_class(n) for n in (0, 1, 31, 32, 41, 42, 10**9)] == [0, 1, 31, 32, 32, 33, FTS_LENGTHS - 1]
    for n in range(32, 3000):
        assert abs(class_length(length_class(n)) / n - 1) < 0.15
    assert all(w != 0 for w in _Bm25.weights_for(3 * 2 * FTS_LENGTHS))  # FTS5's own c(D0) = 0


def test_filters_and_lengths_are_read_together(store):
    expr = fts_expression(parse("bridge").tree)
    every = store.fts_search(expr, SearchFilters(), 50)
    later = store.fts_search(expr, SearchFilters(since=1_700_000_000 + 3 * 60), 50)
    assert [r for r, _ in later] == [r for r, _ in every if r >= 3]
    assert dict(later) == {r: s for r, s in every if r >= 3}


@pytest.mark.parametrize("text", [
    "café déjà-vu", "l'école n°5", "سَلامٌ عَلَيْكُم", "e\u0301te\u0301", "snake_case x_y", "😀 emoji 😀x",
    "Ⅻ ½ ²3", "\ue000abc", "a\u200bb", "x.y@z", "ـلـ", "  ", "",
])
def test_token_count_is_what_the_index_counts(text):
    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE t USING fts5(a, b, content='', tokenize='unicode61 remove_diacritics 2')")
    db.execute("INSERT INTO t (rowid, a, b) VALUES (1, ?, ?)", (text, text.upper()))
    (sizes,) = db.execute("SELECT sz FROM t_docsize").fetchone()
    assert token_count(text, text.upper()) == sum(sizes)


def test_the_migration_keeps_the_ranking_of_a_schema_6_database(tmp_path):
    export = chat_file(tmp_path / "e" / "result.json", [msg(i + 1, t) for i, t in enumerate(TEXTS)])
    s = open_store(str(tmp_path / "old.db"))
    ingest_paths(s, [str(export)])
    expr = fts_expression(parse("bridge").tree)
    before = s.fts_search(expr, SearchFilters(), 50)
    # as schema 6 left it: FTS5's length table, no len column
    s.db.execute("DROP TABLE messages_fts")
    s.db.execute(_FTS_SCHEMA_5)
    s.db.executemany("INSERT INTO messages_fts (rowid, text, keys) VALUES (?, ?, ?)",
                     [(r, *fts_row(t, None)) for r, t in s.db.execute("SELECT rowid, text FROM messages")])
    s.db.execute("PRAGMA user_version = 6")
    s.close()
    s = open_store(str(tmp_path / "old.db"))
    assert s.db.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS) == 7
    assert s.db.execute("SELECT count(*) FROM sqlite_master WHERE name = 'messages_fts_docsize'").fetchone()[0] == 0
    assert s.fts_search(expr, SearchFilters(), 50) == before
    assert len(before) == 4


def test_an_edit_moves_the_message_to_its_new_length(tmp_path):
    a = chat_file(tmp_path / "a" / "result.json", [msg(1, "bridge"), msg(2, "bridge and more words here")])
    b = chat_file(tmp_path / "b" / "result.json",
                  [msg(1, "bridge now a much longer message than before", edited="2023-11-15T00:00:00",
                       edited_unixtime="1700006400")])
    s = open_store(str(tmp_path / "e.db"))
    ingest_paths(s, [str(a)])
    assert [h.rowid for h in search(s, "bridge", mode="text").hits] == [1, 2]
    ingest_paths(s, [str(b)])
    assert [h.rowid for h in search(s, "bridge", mode="text").hits] == [2, 1]
