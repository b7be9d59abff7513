"""Ingest throughput and peak memory against a floor measured in the same run.

    python bench/ingest_throughput.py [--messages 1000000] [--also 100000] [--keep]

For each size it generates a fictional single-chat Telegram Desktop export (bench/gen_telegram.py),
then runs, each in a fresh process so that peak memory is its own:

- floor: parse the whole file with orjson (the fastest JSON parser watchfloor uses) and
  ``executemany`` the same rows (every column watchfloor stores, raw record included) into an
  unindexed table of a fresh SQLite file, in one transaction: the least work any ingest must do;
- watchfloor: ``watchfloor ingest`` into a fresh database (streaming parse, ids, actors, indexes,
  full-text index with its transliteration keys, one transaction), without enrichers and
  without the semantic index (`--no-enrich --no-embed`: those are measured by their own benches).

It prints a Markdown table (messages/s, ratio to the floor, peak RSS) for docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

FLOOR = r"""
import gc, sqlite3, sys, time, orjson
gc.disable()  # the fastest way: nothing here makes reference cycles
path, db = sys.argv[1], sys.argv[2]
t = time.perf_counter()
with open(path, "rb") as f:
    data = orjson.loads(f.read())
con = sqlite3.connect(db, isolation_level=None)
con.execute("PRAGMA journal_mode = WAL")
con.execute("PRAGMA synchronous = NORMAL")
con.execute("CREATE TABLE messages (rowid INTEGER PRIMARY KEY, id, chat_id, platform_id, kind, "
            "actor_id, actor_name, date, date_has_zone, edited, text, reply_to, reply_to_chat, "
            "forwarded_from, signature, media, action, details, span_start, span_end, cue, "
            "reported, source_id, raw)")
chat = "telegram:%s" % data["id"]
def text(m):
    t = m.get("text", "")
    return t if isinstance(t, str) else "".join(p if isinstance(p, str) else p["text"] for p in t)
rows = [
    (None, "%s:%s" % (chat, m["id"]), chat, str(m["id"]), m["type"], m.get("from_id"), m.get("from"),
     int(m["date_unixtime"]), 1, m.get("edited_unixtime"), text(m), m.get("reply_to_message_id"),
     None, m.get("forwarded_from"), None, m.get("photo") or m.get("file"), m.get("action"), None,
     None, None, None, 0, 1, orjson.dumps(m).decode())
    for m in data["messages"]
]
con.execute("BEGIN")
con.executemany("INSERT INTO messages VALUES (%s)" % ",".join("?" * 24), rows)
con.execute("COMMIT")
print(len(rows), time.perf_counter() - t)
"""


def run(cmd: list[str]) -> tuple[str, float, int]:
    """Run a command; return its stdout, wall seconds and peak RSS in MB."""
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    _, status, usage = os.wait4(proc.pid, 0)
    out = proc.stdout.read() if proc.stdout else ""
    err = proc.stderr.read() if proc.stderr else ""
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{err}")
    return out, time.perf_counter() - started, usage.ru_maxrss // 1024


def measure(n: int, workdir: str, keep: bool) -> dict[str, float]:
    export = os.path.join(workdir, f"telegram_{n}.json")
    if not os.path.exists(export):
        subprocess.run(
            [sys.executable, os.path.join(HERE, "gen_telegram.py"), export, "--messages", str(n)],
            check=True, stdout=subprocess.DEVNULL,
        )
    size_mb = os.path.getsize(export) / 1e6
    floor_db = os.path.join(workdir, f"floor_{n}.db")
    ours_db = os.path.join(workdir, f"ours_{n}.db")
    watchfloor = os.path.join(os.path.dirname(sys.executable), "watchfloor")
    # small files are timed best of three (a 2-core machine is noisy); the large one once
    best_floor = best_ours = 0.0
    floor_rss = ours_rss = 0
    for _ in range(3 if n <= 200_000 else 1):
        for db in (floor_db, ours_db):
            for suffix in ("", "-wal", "-shm"):
                if os.path.exists(db + suffix):
                    os.remove(db + suffix)
        out, _, rss = run([sys.executable, "-c", FLOOR, export, floor_db])
        floor_n, floor_s = out.split()
        best_floor = max(best_floor, n / float(floor_s))
        floor_rss = max(floor_rss, rss)
        out, _, rss = run([watchfloor, "ingest", export, "--db", ours_db, "--json", "-q", "--no-enrich", "--no-embed"])
        report = json.loads(out)
        assert report["messages_new"] == n == int(floor_n), (report, floor_n)
        best_ours = max(best_ours, report["messages_per_second"])
        ours_rss = max(ours_rss, rss)
    if not keep:
        os.remove(export)
    return {
        "messages": n,
        "size_mb": size_mb,
        "floor_rate": best_floor,
        "floor_rss": floor_rss,
        "ours_rate": best_ours,
        "ours_rss": ours_rss,
        "db_mb": os.path.getsize(ours_db) / 1e6,
    }


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--messages", type=int, default=1_000_000)
    p.add_argument("--also", type=int, default=100_000, help="a smaller file, to show memory is flat")
    p.add_argument("--workdir", default=os.path.join(HERE, "out"))
    p.add_argument("--keep", action="store_true", help="keep the generated exports")
    args = p.parse_args()
    os.makedirs(args.workdir, exist_ok=True)
    rows = [measure(n, args.workdir, args.keep) for n in (args.also, args.messages) if n]
    cpu = platform.processor() or platform.machine()
    print(f"\n{time.strftime('%Y-%m-%d')}, {os.cpu_count()} cores ({cpu}), Python {platform.python_version()}\n")
    print("| messages | file MB | floor msg/s | floor peak RSS MB | watchfloor msg/s | floor ÷ watchfloor | watchfloor peak RSS MB | database MB |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        print(
            f"| {r['messages']:,} | {r['size_mb']:.0f} | {r['floor_rate']:,.0f} | {r['floor_rss']:,} | "
            f"{r['ours_rate']:,.0f} | {r['floor_rate'] / r['ours_rate']:.2f}× | {r['ours_rss']:,} | {r['db_mb']:.0f} |"
        )


if __name__ == "__main__":
    main()
