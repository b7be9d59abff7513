"""Ingest end to end through the real command: idempotence, overlap, edits, atomicity, bad input."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT, chat_file, msg, run_cli
from tests.readers.test_telegram_json import full_export
from watchfloor.store.sqlite import _varints

SAMPLE = ROOT / "samples" / "telegram" / "ChatExport_2024-03-02" / "result.json"


def export_lines(db: Path) -> list[dict]:
    r = run_cli("export", "--db", str(db), "--format", "jsonl")
    assert r.code == 0, r.err
    return [json.loads(line) for line in r.out.splitlines()]


def fts_rows(db: Path, query: str) -> list[str]:
    con = sqlite3.connect(db)
    try:
        return [row[0] for row in con.execute(
            "SELECT m.id FROM messages_fts f JOIN messages m ON m.rowid = f.rowid "
            "WHERE messages_fts MATCH ? ORDER BY m.rowid", (query,))]
    finally:
        con.close()


def test_sample_ingests_and_reports(tmp_path):
    db = tmp_path / "w.db"
    r = run_cli("ingest", str(SAMPLE.parent), "--db", str(db), "--json")
    assert r.code == 0, r.err
    report = r.json()
    assert report["sources"] == 1 and report["chats"] == 1
    assert report["messages_new"] == 322 and report["messages_present"] == 0
    assert report["actors"] == 7 and report["messages_per_second"] > 0
    stats = run_cli("stats", "--db", str(db), "--json").json()
    assert stats == {"sources": 1, "chats": 1, "actors": 7, "messages": 322}


def test_human_summary(tmp_path):
    r = run_cli("ingest", str(SAMPLE), "--db", str(tmp_path / "w.db"))
    assert r.code == 0
    assert "Ingested 1 source into" in r.out and str(tmp_path / "w.db") in r.out
    assert "322 new, 0 already present" in r.out and "messages/s" in r.out


def test_export_shape(tmp_path):
    db = tmp_path / "w.db"
    path = chat_file(tmp_path / "result.json", [
        msg(1, "first"),
        msg(2, "second", reply_to_message_id=1, forwarded_from="Northern Dispatch",
            photo="photos/p.jpg", width=1, height=1),
        msg(3, "to a message outside the export", reply_to_message_id=999),
    ])
    assert run_cli("ingest", str(path), "--db", str(db)).code == 0
    lines = export_lines(db)
    assert [line["id"] for line in lines] == ["telegram:777:1", "telegram:777:2", "telegram:777:3"]
    second = lines[1]
    assert second["chat"] == {"id": "telegram:777", "title": "Test group", "platform": "telegram"}
    assert second["actor"] == {"id": "telegram:user42", "name": "Abu Khalid"}
    assert second["date"] == "2023-11-14T22:15:20Z"
    assert second["text"] == "second"
    assert second["reply_to"] == "telegram:777:1"
    assert second["forwarded_from"] == "Northern Dispatch"
    assert second["media"] == [{"kind": "photo", "path": "photos/p.jpg", "details": {"width": 1, "height": 1}}]
    assert len(second["source"]) == 64
    assert lines[2]["reply_to"] is None and lines[2]["reply_to_platform_id"] == "999"
    for line in lines:
        assert {"id", "chat", "actor", "date", "text", "reply_to", "forwarded_from", "media", "source"} <= set(line)


def test_second_ingest_stores_nothing_new(tmp_path):
    db = tmp_path / "w.db"
    assert run_cli("ingest", str(SAMPLE), "--db", str(db)).code == 0
    before = export_lines(db)
    again = run_cli("ingest", str(SAMPLE), "--db", str(db), "--json").json()
    assert again["messages_new"] == 0 and again["messages_present"] == 322
    assert again["sources_unchanged"] == 1
    forced = run_cli("ingest", str(SAMPLE), "--db", str(db), "--json", "--force").json()
    assert forced["messages_new"] == 0 and forced["messages_present"] == 322
    assert export_lines(db) == before


def test_overlapping_exports_store_each_message_once(tmp_path):
    db = tmp_path / "w.db"
    first = chat_file(tmp_path / "a" / "result.json", [msg(i, f"m{i}") for i in range(1, 61)])
    second = chat_file(tmp_path / "b" / "result.json", [msg(i, f"m{i}") for i in range(40, 101)])
    a = run_cli("ingest", str(first), "--db", str(db), "--json").json()
    b = run_cli("ingest", str(second), "--db", str(db), "--json").json()
    assert (a["messages_new"], b["messages_new"], b["messages_present"]) == (60, 40, 21)
    assert run_cli("stats", "--db", str(db), "--json").json()["messages"] == 100
    con = sqlite3.connect(db)
    # (a contentless index without lengths cannot be scanned: its row count is in its totals)
    (totals,) = con.execute("SELECT block FROM messages_fts_data WHERE id = 1").fetchone()
    assert _varints(totals)[0] == 100


def test_ids_are_the_same_on_every_run(tmp_path):
    one, two = tmp_path / "one.db", tmp_path / "two.db"
    run_cli("ingest", str(SAMPLE), "--db", str(one))
    run_cli("ingest", str(SAMPLE), "--db", str(two))
    assert [line["id"] for line in export_lines(one)] == [line["id"] for line in export_lines(two)]


def test_a_later_edit_replaces_the_text_and_the_index(tmp_path):
    db = tmp_path / "w.db"
    old = chat_file(tmp_path / "a" / "result.json", [msg(1, "meet at the river")])
    new = chat_file(tmp_path / "b" / "result.json", [
        msg(1, "meet at the bridge", edited="2023-11-14T23:00:00", edited_unixtime="1700005000")])
    run_cli("ingest", str(old), "--db", str(db))
    assert fts_rows(db, "river") == ["telegram:777:1"]
    r = run_cli("ingest", str(new), "--db", str(db), "--json").json()
    assert r["messages_new"] == 0 and r["messages_present"] == 1
    assert export_lines(db)[0]["text"] == "meet at the bridge"
    assert fts_rows(db, "river") == [] and fts_rows(db, "bridge") == ["telegram:777:1"]
    # an older copy ingested later does not undo the edit
    run_cli("ingest", str(old), "--db", str(db), "--force")
    assert export_lines(db)[0]["text"] == "meet at the bridge"


def test_full_text_index_holds_normalised_text(tmp_path):
    db = tmp_path / "w.db"
    path = chat_file(tmp_path / "result.json", [
        msg(1, "أبو بَكْرٍ في الموصل"), msg(2, "", poll={"question": "Which bridge?", "closed": False,
                                                       "total_voters": 0, "answers": []})])
    run_cli("ingest", str(path), "--db", str(db))
    assert fts_rows(db, "بكر") == ["telegram:777:1"]  # diacritics do not stop a match
    assert fts_rows(db, "ابو") == ["telegram:777:1"]  # nor alef forms
    assert fts_rows(db, "bridge") == ["telegram:777:2"]  # poll questions are searchable


def test_full_account_export_and_its_folder(tmp_path):
    folder = tmp_path / "DataExport_2024-01-01"
    full_export(folder / "result.json")
    (folder / "photos").mkdir()
    (folder / "photos" / "a.jpg").write_bytes(b"\xff\xd8 not json")
    db = tmp_path / "w.db"
    r = run_cli("ingest", str(folder), "--db", str(db), "--json")
    assert r.code == 0, r.err
    assert r.json()["chats"] == 4 and r.json()["messages_new"] == 5


def test_environment_variable_names_the_database(tmp_path):
    db = tmp_path / "env.db"
    r = run_cli("ingest", str(SAMPLE), env={"WATCHFLOOR_DB": str(db)}, cwd=tmp_path)
    assert r.code == 0 and db.exists()
    assert run_cli("stats", "--json", env={"WATCHFLOOR_DB": str(db)}).json()["messages"] == 322


def test_default_database_in_the_working_folder(tmp_path):
    r = run_cli("ingest", str(SAMPLE), cwd=tmp_path)
    assert r.code == 0 and (tmp_path / "watchfloor.db").exists()


# -- bad input: one `error:` line naming the file, exit 2, nothing stored lost ------------------


def assert_one_error(r, *needles: str) -> None:
    assert r.code == 2, (r.out, r.err)
    lines = r.err.strip().splitlines()
    assert len(lines) == 1, r.err
    assert lines[0].startswith("error: "), r.err
    assert "Traceback" not in r.err
    for needle in needles:
        assert needle in lines[0], lines[0]


@pytest.fixture
def seeded(tmp_path) -> Path:
    db = tmp_path / "w.db"
    # without enrichers: these tests are about what the store keeps (enrichment: tests/enrich)
    assert run_cli("ingest", str(SAMPLE), "--db", str(db), "--no-enrich").code == 0
    return db


def test_truncated_export_keeps_nothing_of_it(tmp_path, seeded):
    path = chat_file(tmp_path / "t" / "result.json", [msg(i, f"m{i}") for i in range(1, 2001)], chat_id=9)
    data = path.read_bytes()
    path.write_bytes(data[: data.index(b'"id": 1500,') + 20])
    before = export_lines(seeded)
    r = run_cli("ingest", str(path), "--db", str(seeded))
    assert_one_error(r, str(path), "message 1500", "byte ", "ends early")
    assert export_lines(seeded) == before
    assert run_cli("stats", "--db", str(seeded), "--json").json()["sources"] == 1


@pytest.mark.parametrize(
    "name, content, needle",
    [
        ("empty.json", b"", "empty file"),
        ("binary.json", bytes(range(256)) * 40, "not a recognised export"),
        # a .txt is read as a news article since issue 3; one line is a headline with no story
        ("notes.txt", b"just some notes", "no article text"),
        ("notes.bin", bytes(range(256)) * 4, "not a recognised export"),
        ("list.json", b"[1, 2, 3]", "not a recognised export"),
    ],
)
def test_unreadable_files(tmp_path, seeded, name, content, needle):
    path = tmp_path / name
    path.write_bytes(content)
    r = run_cli("ingest", str(path), "--db", str(seeded))
    assert_one_error(r, str(path), needle)
    assert run_cli("stats", "--db", str(seeded), "--json").json()["messages"] == 322


def test_latin1_file(tmp_path, seeded):
    path = chat_file(tmp_path / "result.json", [msg(1, "ok"), msg(2, "Café de la Gare")], chat_id=9)
    path.write_bytes(path.read_bytes().replace("é".encode(), b"\xe9"))
    assert_one_error(run_cli("ingest", str(path), "--db", str(seeded)), "not valid UTF-8", "byte ", "message 2")


def test_missing_path_and_empty_folder(tmp_path, seeded):
    assert_one_error(run_cli("ingest", str(tmp_path / "nope"), "--db", str(seeded)), "no such file")
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "readme.json").write_text('{"hello": "world"}')
    assert_one_error(run_cli("ingest", str(tmp_path / "empty"), "--db", str(seeded)), "no export found")


def test_good_and_bad_sources_together(tmp_path):
    db = tmp_path / "w.db"
    bad = tmp_path / "bad.json"
    bad.write_text("{")
    r = run_cli("ingest", str(bad), str(SAMPLE), "--db", str(db), "--json")
    assert r.code == 2
    assert r.json()["messages_new"] == 322
    assert len(r.err.strip().splitlines()) == 1


def test_link_out_of_an_export_folder_is_not_followed(tmp_path):
    outside = chat_file(tmp_path / "secret" / "result.json", [msg(1, "outside")], chat_id=5)
    folder = tmp_path / "export"
    chat_file(folder / "result.json", [msg(1, "inside")], chat_id=6)
    os.symlink(outside, folder / "linked.json")
    db = tmp_path / "w.db"
    r = run_cli("ingest", str(folder), "--db", str(db), "--json")
    assert r.code == 0 and r.json()["messages_new"] == 1
    assert [line["text"] for line in export_lines(db)] == ["inside"]


def test_zip_archive(tmp_path):
    archive = tmp_path / "export.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as z:
        z.write(SAMPLE, "ChatExport_2024-03-02/result.json")
        z.writestr("../../escape.json", SAMPLE.read_bytes())  # a name that climbs out is skipped
    db = tmp_path / "w.db"
    r = run_cli("ingest", str(archive), "--db", str(db), "--json")
    assert r.code == 0, r.err
    assert r.json()["messages_new"] == 322 and r.json()["sources"] == 1


def test_zip_bomb_is_refused(tmp_path, seeded):
    archive = tmp_path / "bomb.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("result.json", b'{"name": "x", "type": "personal_chat", "id": 1, "messages": [' + b" " * (50 << 20) + b"]}")
    assert archive.stat().st_size < 1 << 20
    assert_one_error(run_cli("ingest", str(archive), "--db", str(seeded)), "zip bomb", "bomb.zip!/result.json")


def test_hostile_text_is_stored_as_text(tmp_path):
    db = tmp_path / "w.db"
    hostile = '<script>alert(1)</script><img src=x onerror=alert(2)> \'; DROP TABLE messages; --'
    run_cli("ingest", str(chat_file(tmp_path / "result.json", [msg(1, hostile)])), "--db", str(db))
    assert export_lines(db)[0]["text"] == hostile
    assert run_cli("stats", "--db", str(db), "--json").json()["messages"] == 1


def test_reading_commands_need_a_database(tmp_path):
    r = run_cli("stats", "--db", str(tmp_path / "none.db"))
    assert_one_error(r, "no database here yet")
    assert not (tmp_path / "none.db").exists()


def test_not_a_database(tmp_path):
    path = tmp_path / "fake.db"
    path.write_text("this is not sqlite" * 100)
    assert_one_error(run_cli("stats", "--db", str(path)), "not a usable watchfloor database")


def test_killed_ingest_leaves_the_database_as_it_was(tmp_path, seeded):
    """SIGKILL in the middle of a large source: nothing of it remains, the rest is intact."""
    big = tmp_path / "big.json"
    subprocess.run([sys.executable, str(ROOT / "bench" / "gen_telegram.py"), str(big), "--messages", "250000"],
                   check=True, stdout=subprocess.DEVNULL)
    before = export_lines(seeded)
    # --no-enrich: the kill must land while the source is being written, not while it is annotated
    proc = subprocess.Popen([sys.executable, "-m", "watchfloor", "ingest", str(big), "--db", str(seeded), "-q",
                             "--no-enrich"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wal = Path(str(seeded) + "-wal")
    deadline = time.time() + 120
    while time.time() < deadline and proc.poll() is None:
        if wal.exists() and wal.stat().st_size > 8 << 20:  # half-way through writing the source
            break
        time.sleep(0.05)
    assert proc.poll() is None, "the ingest finished before it could be killed"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    con = sqlite3.connect(seeded)
    assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    con.close()
    assert export_lines(seeded) == before
    assert run_cli("stats", "--db", str(seeded), "--json").json()["sources"] == 1


def test_replies_resolve_in_chats_numbered_per_account(tmp_path):
    # personal chats number messages per account; the ids carry the send time, and a reply still
    # finds its target (the latest one with that number sent before the reply)
    db = tmp_path / "w.db"
    path = chat_file(tmp_path / "result.json", [
        msg(1, "question", ts=1_700_000_000),
        msg(2, "answer", ts=1_700_000_060, reply_to_message_id=1),
    ], kind="personal_chat", chat_id=200)
    run_cli("ingest", str(path), "--db", str(db))
    lines = export_lines(db)
    assert [line["id"] for line in lines] == ["telegram:200:1@1700000000", "telegram:200:2@1700000060"]
    assert lines[1]["reply_to"] == "telegram:200:1@1700000000"


# -- issue 3: articles are sources like any export --


def test_articles_ingest_with_their_quotes(tmp_path):
    from tests.support.gold import ARTICLES

    db = tmp_path / "w.db"
    folder = tmp_path / "articles"
    folder.mkdir()
    for p in sorted(ARTICLES.glob("0[1-4]_*.txt")):
        (folder / p.name).write_bytes(p.read_bytes())
    (folder / "01_chat_leak.gold.json").write_text('{"not": "an export"}')
    r = run_cli("ingest", str(folder), "--db", str(db), "--json")
    assert r.code == 0, r.err
    assert r.json()["sources"] == 4
    from watchfloor.store import open_store

    store = open_store(str(db))
    stored = [m for batch in store.messages() for m in batch]
    store.close()
    quotes = [m for m in stored if m.kind == "quote"]
    assert len(quotes) == 11 and all(m.actor_id and m.span and m.cue for m in quotes)
    bodies = {m.chat_id: m.text for m in stored if m.kind == "article"}
    assert len(bodies) == 4
    assert all(bodies[m.chat_id][m.span[0]:m.span[1]] == m.text for m in quotes)
    (report,) = [m for m in stored if m.kind == "reporting"]
    assert report.reported
    lines = [json.loads(x) for x in run_cli("export", "--db", str(db)).out.splitlines()]
    assert {x["actor"]["name"] for x in lines if x["kind"] == "quote"} >= {"Abu Khalid Alhalaby", "Nasir al-Mahdawi"}
    exported = {x["id"]: x for x in lines}
    for m in quotes:  # quotes keep their provenance in the export: span and cue
        assert exported[m.id]["span"] == list(m.span) and exported[m.id]["cue"] == m.cue
    assert exported[report.id]["reported"] is True
    # the same articles again: stored once
    again = run_cli("ingest", str(folder), "--db", str(db), "--json").json()
    assert again["sources_unchanged"] == 4 and again["messages_new"] == 0


def test_attachments_of_a_chat_export_are_not_articles(tmp_path):
    export = tmp_path / "ChatExport"
    chat_file(export / "result.json", [msg(1, "see the file", file="files/notes.txt")], chat_id=5)
    (export / "files").mkdir()
    (export / "files" / "notes.txt").write_text("Notes\n\nA member's own notes, sent as a file.\n")
    (tmp_path / "story.txt").write_text("A story\n\nIt happened, \u201cthey said,\u201d Abu Adam al-Shami wrote.\n")
    r = run_cli("ingest", str(tmp_path), "--db", str(tmp_path / "w.db"), "--json")
    assert r.code == 0, r.err
    assert r.json()["sources"] == 2  # the export and the article beside it, not the attachment
