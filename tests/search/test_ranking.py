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
    _EXACT_LENGTHS, _GROWTH, _FTS_SCHEMA_5, FTS_LENGTHS, MIGRATIONS, _Bm25, class_length, fts_insert, fts_row, length_class,
    token_count, fts_row_counted, _TOKEN,
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
        # exact below _EXACT_LENGTHS tokens (text and keys); a longer message counts the middle
        # of its class, at most half a class from its own length
        short = token_count(*fts_row(TEXTS[r - 1], None)) < _EXACT_LENGTHS
        assert score == pytest.approx(expected, rel=1e-9 if short else _GROWTH ** 0.5 - 1)


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
    assert mine[1] == pytest.approx(exact[1], rel=_GROWTH ** 0.5 - 1)  # ~120 tokens with keys: its class
    assert mine[1] > mine[2]


def test_length_classes():
    e = _EXACT_LENGTHS
    assert e >= 24  # the best matches of a query at a million messages lie at 14-16 tokens
    assert [length_class(n) for n in (0, 1, e - 1, e, int(e * _GROWTH) - 1, int(e * _GROWTH) + 1, 10**9)] == \
        [0, 1, e - 1, e, e, e + 1, FTS_LENGTHS - 1]
    assert FTS_LENGTHS <= 32  # each column costs ingest a little for every message
    last = next(n for n in range(e, 10**5) if length_class(n) == FTS_LENGTHS - 1)
    assert last > 300  # a long quote from an article still counts its length
    for n in range(e, last):
        assert abs(class_length(length_class(n)) / n - 1) <= _GROWTH ** 0.5 - 1
    assert all(w != 0 for w in _Bm25.weights_for(3 * 2 * FTS_LENGTHS))  # FTS5's own c(D0) = 0


def test_each_message_goes_to_the_columns_of_its_class(tmp_path):
    s = open_store(str(tmp_path / "c.db"))
    rows = [(i + 1, " ".join(["w"] * n), "", n) for i, n in enumerate((1, 5, 23, 24, 40, 5000))]
    fts_insert(s.db, rows)
    for rowid, _, _, n in rows:
        c = length_class(n)
        assert (rowid,) in s.db.execute(f"SELECT rowid FROM messages_fts WHERE messages_fts MATCH 't{c} : w'").fetchall()
        others = [f"t{k}" for k in range(FTS_LENGTHS) if k != c]
        hits = s.db.execute("SELECT rowid FROM messages_fts WHERE messages_fts MATCH ?",
                            ("{" + " ".join(others) + "} : w",)).fetchall()
        assert (rowid,) not in hits


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


@pytest.mark.parametrize("text, media", [
    ("café déjà-vu", None), ("l'école n°5 \u00a0 x\u2003y", None), ("سَلامٌ عَلَيْكُم يا أبو خالد", None),
    ("e\u0301te\u0301 \u0301alone", None), ("Ⅻ ½ ²3 ﬁsh ＦＵＬＬ", None), ("ﷺ صلى الله عليه", None),
    ("Abd al-Rahman and Nur al-Din", None), ("abu  khaled\nal-halabi\tel masri", None), ("", None),
    ("the bridge", [{"kind": "poll", "details": {"question": "Which road?", "answers": [{"text": "north"}]}}]),
    ("see file", [{"kind": "document", "name": "Report_2024 final.pdf"}]),
])
def test_counted_row_is_the_row_and_its_count(text, media):
    """The ingest's one-pass row holds the same tokens, the same keys and the same count as
    fts_row and token_count (its normalised text may join the words with other whitespace)."""
    folded, keys, n = fts_row_counted(text, media)
    want_folded, want_keys = fts_row(text, media)
    assert (_TOKEN.findall(folded), keys, n) == (_TOKEN.findall(want_folded), want_keys, token_count(want_folded, want_keys))


def _reopened_as(tmp_path, name, version, schema, fill):
    """A store of TEXTS, its ranking of "bridge", and the store reopened after its index was
    remade with ``schema`` (and ``fill``ed) and its schema version set back to ``version``."""
    export = chat_file(tmp_path / "e" / "result.json", [msg(i + 1, t) for i, t in enumerate(TEXTS)])
    s = open_store(str(tmp_path / name))
    ingest_paths(s, [str(export)])
    expr = fts_expression(parse("bridge").tree)
    before = s.fts_search(expr, SearchFilters(), 50)
    s.db.execute("DROP TABLE messages_fts")
    s.db.execute(schema)
    if fill:
        s.db.executemany("INSERT INTO messages_fts (rowid, text, keys) VALUES (?, ?, ?)",
                         [(r, *fts_row(t, None)) for r, t in s.db.execute("SELECT rowid, text FROM messages")])
    s.db.execute(f"PRAGMA user_version = {version}")
    s.close()
    s = open_store(str(tmp_path / name))
    assert s.db.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS) == 8
    assert s.fts_search(expr, SearchFilters(), 50) == before
    return s, before


def test_the_migration_keeps_the_ranking_of_a_schema_6_database(tmp_path):
    # as schema 6 left it: FTS5's length table, no len column
    s, before = _reopened_as(tmp_path, "old.db", 6, _FTS_SCHEMA_5, fill=True)
    assert s.db.execute("SELECT count(*) FROM sqlite_master WHERE name = 'messages_fts_docsize'").fetchone()[0] == 0
    assert len(before) == 4


def test_migration_8_rebuilds_an_index_with_other_length_classes(tmp_path):
    # as an earlier build of schema 7 left it: 50 classes (left empty: the rebuild reads the messages)
    fifty = ("CREATE VIRTUAL TABLE messages_fts USING fts5("
             + ", ".join([f"t{i}" for i in range(50)] + [f"k{i}" for i in range(50)])
             + ", content='', columnsize=0, tokenize='unicode61 remove_diacritics 2')")
    s, _ = _reopened_as(tmp_path, "seven.db", 7, fifty, fill=False)
    assert s.db.execute("SELECT v FROM messages_fts_config WHERE k = 'hashsize'").fetchone()[0] == 8 * 1024 * 1024


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
