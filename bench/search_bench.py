"""Search speed and two-stage recall, each against a baseline in the same run.

    python bench/search_bench.py [--messages 1000000] [--sample 20000] [--out bench/out/search]

- builds (once; cached under --out) a fictional four-language Telegram export of --messages
  messages (bench/search_corpus.py) and ingests it without vectors; then times
  ``embed_store`` (first-stage indexing, messages/s) against the teacher encoding 200 of them;
- full text: p50/p95 over 120 queries (words, names in other spellings, phrases, prefixes,
  filters) against a baseline LIKE scan of the normalised text (5 queries); ``--only fulltext``
  measures just that (no vectors, teacher or recall), and ``--against REF`` times the full-text
  code of git commit REF alternately on the same database (and checks the hits agree);
- semantic: p50/p95 of top-10 with teacher re-ranking (cold: nothing cached, default time
  budget) against the exact first stage (every vector scanned);
- recall@10 on a --sample message database: the two-stage search against the teacher's exact
  search over all sample messages (a hit counts when its teacher similarity reaches the
  teacher's 10th best, so ties count), with the default budget and with an unbounded one,
  against the first stage alone; and, over an exact scan, the static model's recall@10 and that
  of the teacher re-ranking the static top K (K = 10 ... 1000: what re-ranking K candidates can
  reach at most).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))

from bench.search_corpus import PEOPLE, message  # noqa: E402
from bench.search_eval import AR_QUERIES, EN_QUERIES, NAME_QUERIES_LATIN  # noqa: E402
from tests.support.tdesktop import write_chat  # noqa: E402


def export(path: str, n: int, seed: int) -> None:
    rng = random.Random(seed)

    def rows():
        for i in range(n):
            text, _ = message(rng)
            m = {"id": i + 1, "type": "message", "date": "2024-01-01T00:00:00",
                 "date_unixtime": str(1_704_067_200 + i * 30), "from": f"Member {i % 500}",
                 "from_id": f"user{i % 500}", "text": text, "text_entities": [{"type": "plain", "text": text}]}
            if rng.random() < 0.05:
                m["photo"] = "(File not included. Change data exporting settings to download.)"
            yield m

    with open(path, "w", encoding="utf-8") as f:
        write_chat(f, "Bench chat", "private_supergroup", 9090, rows())


def database(out: str, n: int, seed: int, embed: bool = True) -> tuple[str, dict]:
    from watchfloor.ingest import ingest_paths
    from watchfloor.search.vectors import embed_store
    from watchfloor.store import open_store

    from watchfloor.search import static

    db = os.path.join(out, f"search-{n}.db")
    meta_path = db + ".json"
    if os.path.exists(meta_path):
        with open(meta_path) as f:
            meta = json.load(f)
        if not embed or meta.get("model") == static.default_model().name:
            return db, meta
        # the static model changed since the database was built: re-embed (and time it)
        store = open_store(db)
        t = time.perf_counter()
        embedded = embed_store(store, rebuild=True)
        embed_s = time.perf_counter() - t
        store.close()
        meta.update(embed_s=round(embed_s, 1), embed_rate=round(embedded.messages / embed_s),
                    vectors=embedded.vectors, cells=embedded.cells, model=static.default_model().name)
        with open(meta_path, "w") as f:
            json.dump(meta, f)
        return db, meta
    for p in (db, db + "-wal", db + "-shm"):
        if os.path.exists(p):
            os.remove(p)
    path = os.path.join(out, f"search-{n}.json")
    export(path, n, seed)
    store = open_store(db)
    t = time.perf_counter()
    report = ingest_paths(store, [path])
    ingest_s = time.perf_counter() - t
    meta = {"messages": report.new, "ingest_s": round(ingest_s, 1), "model": None}
    if embed:  # without vectors (--only fulltext), a later full run embeds them (the model differs)
        t = time.perf_counter()
        embedded = embed_store(store)
        embed_s = time.perf_counter() - t
        meta.update(embed_s=round(embed_s, 1), embed_rate=round(embedded.messages / embed_s),
                    vectors=embedded.vectors, cells=embedded.cells, model=static.default_model().name)
    store.close()
    os.remove(path)
    with open(meta_path, "w") as f:
        json.dump(meta, f)
    return db, meta


def pct(xs: list[float], p: float) -> float:
    return float(np.percentile(np.asarray(xs), p))


KINDS = ("word", "name, Latin", "name, Arabic", "phrase", "prefix", "OR + filters")


def text_queries(rng: random.Random) -> list[str]:
    words = ["bridge", "flood", "bakery", "insulin", "wedding", "electricity", "الجسر", "الكهرباء",
             "мост", "pont", "fuel", "حريق", "school", "border", "camp", "olive"]
    qs = []
    for i in range(120):
        k = i % 6
        if k == 0:
            qs.append(rng.choice(words))
        elif k == 1:
            qs.append(f'"{rng.choice(NAME_QUERIES_LATIN)}"')
        elif k == 2:
            qs.append(rng.choice(PEOPLE)[1])
        elif k == 3:
            qs.append(f'"{rng.choice(["old bridge", "blood donors", "fresh vegetables", "train station"])}"')
        elif k == 4:
            qs.append(rng.choice(["brid*", "elec*", "pharm*", "vegeta*"]))
        else:
            qs.append(f"{rng.choice(words)} OR {rng.choice(words)} has:media since:2024-01-05")
    return qs


def text_search_at(ref: str, db: str | None = None):
    """``text_search`` as the commit ``ref`` wrote it (its query builder and its store's
    ``fts_search``, run on today's store object), to time both in one run on one database; or,
    with ``db`` (a copy of the database in ``ref``'s schema, for a change of the index), on that
    file, opened without migrating it."""
    import subprocess
    import types

    root = os.path.join(os.path.dirname(__file__), "..")
    mods = {}
    for name in ("watchfloor.store.sqlite", "watchfloor.search.fulltext"):
        src = subprocess.run(["git", "show", f"{ref}:src/{name.replace('.', '/')}.py"], cwd=root,
                             capture_output=True, text=True, check=True).stdout
        mod = types.ModuleType(f"{name}@{ref}")
        sys.modules[mod.__name__] = mod  # dataclasses look their module up
        exec(compile(src, f"{ref}:{name}", "exec"), mod.__dict__)
        mods[name] = mod
    fts_search = mods["watchfloor.store.sqlite"].SQLiteStore.fts_search
    fts_expression = mods["watchfloor.search.fulltext"].fts_expression

    old_store = None
    if db:
        import sqlite3

        old_store = mods["watchfloor.store.sqlite"].SQLiteStore.__new__(
            mods["watchfloor.store.sqlite"].SQLiteStore)
        old_store.location, old_store._mapped = db, False
        old_store.db = sqlite3.connect(db, isolation_level=None, check_same_thread=False)
        old_store.db.execute("PRAGMA cache_size = -65536")

    def text_search(store, query, limit):
        if query.tree is None:
            return []
        return [(r, -rank) for r, rank in fts_search(old_store or store, fts_expression(query.tree),
                                                     query.filters, limit)]

    return text_search


def bench_text(store, rng: random.Random, against: str | None = None, repeat: int = 1,
               against_db: str | None = None) -> dict:
    """p50/p95 of ``search(mode="text")`` over the 120 queries; with ``against`` (a git ref), the
    same queries through that commit's full-text code too, alternating query by query, and
    checking that both return the same hits in the same order."""
    import watchfloor.search as search_module
    from watchfloor.search import search
    from watchfloor.text.normalise import normalise

    queries = text_queries(rng)
    sides = {"current": search_module.text_search}
    if against:
        sides[against] = text_search_at(against, against_db)
    times: dict[str, list[float]] = {side: [] for side in sides}
    by_kind: dict[str, dict[int, list[float]]] = {side: {} for side in sides}
    differ = set()
    top10: dict[str, list[float]] = {"same_order": [], "overlap": []}
    try:
        for _ in range(repeat):
            for i, q in enumerate(queries):
                found = {}
                for side, fn in sides.items():
                    search_module.text_search = fn
                    t = time.perf_counter()
                    found[side] = [(h.rowid, round(h.score, 9)) for h in search(store, q, mode="text", limit=10).hits]
                    ms = (time.perf_counter() - t) * 1000
                    times[side].append(ms)
                    by_kind[side].setdefault(i % 6, []).append(ms)
                if against and found["current"] != found[against]:
                    differ.add(q)
                if against and len(top10["overlap"]) < len(queries):
                    now, then = [r for r, _ in found["current"]], [r for r, _ in found[against]]
                    top10["same_order"].append(float(now == then))
                    top10["overlap"].append(len(set(now) & set(then)) / max(1, len(then)))
    finally:
        search_module.text_search = sides["current"]
    if against:
        out = {"queries": len(queries), "repeat": repeat, "same_hits": not differ, "differ": sorted(differ),
               "top10_same_order": round(float(np.mean(top10["same_order"])), 3),
               "top10_overlap": round(float(np.mean(top10["overlap"])), 3)}
        for side in sides:
            out[side] = {"p50_ms": round(pct(times[side], 50), 1), "p95_ms": round(pct(times[side], 95), 1),
                         "by_kind_p50_p95_ms": {KINDS[k]: [round(pct(v, 50), 1), round(pct(v, 95), 1)]
                                                for k, v in sorted(by_kind[side].items())}}
        return out
    base = []
    for w in ["bridge", "insulin", "الجسر", "мост", "wedding"]:
        t = time.perf_counter()
        store.db.execute("SELECT rowid FROM messages WHERE lower(text) LIKE ? LIMIT 10",
                         (f"%{normalise(w)}%",)).fetchall()
        base.append((time.perf_counter() - t) * 1000)
    mine = times["current"]
    return {"queries": len(mine), "p50_ms": round(pct(mine, 50), 1), "p95_ms": round(pct(mine, 95), 1),
            "by_kind_p50_p95_ms": {KINDS[k]: [round(pct(v, 50), 1), round(pct(v, 95), 1)]
                                   for k, v in sorted(by_kind["current"].items())},
            "baseline_like_p50_ms": round(pct(base, 50), 1)}


def semantic_queries() -> list[str]:
    return list(EN_QUERIES.values()) + list(AR_QUERIES.values()) + NAME_QUERIES_LATIN[:6]


def bench_semantic(store) -> dict:
    from watchfloor.search import SemanticOptions, search

    search(store, "warm up the models", mode="semantic", limit=10)
    out = {}
    for name, opts in (("two_stage", SemanticOptions(cache=False)),
                       ("baseline_exact_first_stage_no_rerank", SemanticOptions(probe=1.0, rerank=False, cache=False))):
        times = []
        for q in semantic_queries():
            t = time.perf_counter()
            search(store, q, mode="semantic", limit=10, semantic=opts)
            times.append((time.perf_counter() - t) * 1000)
        out[name] = {"p50_ms": round(pct(times, 50), 1), "p95_ms": round(pct(times, 95), 1)}
    return out


def bench_recall(db: str, out: str) -> dict:
    from watchfloor.search import SemanticOptions
    from watchfloor.search import teacher
    from watchfloor.search.semantic import semantic_search
    from watchfloor.store import open_store
    from watchfloor.store.base import SearchFilters

    store = open_store(db)
    rowids, texts = [], []
    for r, t in store.message_texts():
        rowids += r
        texts += t
    cache = os.path.join(out, f"teacher-{len(texts)}.npy")
    if os.path.exists(cache):
        tv = np.load(cache)
    else:
        t0 = time.perf_counter()
        tv = np.concatenate([teacher.encode_passages(texts[i : i + 256]) for i in range(0, len(texts), 256)])
        np.save(cache, tv)
        print(f"teacher encoded {len(texts):,} messages in {time.perf_counter() - t0:.0f} s", flush=True)
    rowids_a = np.asarray(rowids)
    index = {int(r): i for i, r in enumerate(rowids_a)}
    result: dict[str, float] = {}
    store.db.execute("DELETE FROM teacher_vectors")
    configs = {"first_stage_only": SemanticOptions(rerank=False, cache=False),
               "two_stage_cold_default_budget": SemanticOptions(cache=False),
               "two_stage_cold_unbounded_budget": SemanticOptions(budget_s=600, cache=False),
               "two_stage_warm": SemanticOptions(cache=False)}
    for name, opts in configs.items():
        if name == "two_stage_warm":
            # what `watchfloor embed --teacher` leaves: the teacher's vector of every message
            store.put_teacher_vectors({int(r): v for r, v in zip(rowids_a, tv)}, teacher.NAME)
        hits = 0
        total = 0
        for q in semantic_queries():
            scores = tv @ teacher.encode_query(q)
            tenth = np.sort(scores)[-10]
            found = semantic_search(store, q, SearchFilters(), 10, opts)
            hits += sum(1 for h in found if scores[index[h.rowid]] >= tenth - 1e-6)
            total += 10
        result[name] = round(hits / total, 3)
    store.db.execute("DELETE FROM teacher_vectors")
    store.close()
    # what a better first stage buys: the static model's exact ranking, and the teacher
    # re-ranking its best K (bench/search_agreement.py)
    from bench.search_agreement import measure
    from watchfloor.search import static

    queries = semantic_queries()
    result["static_exact_scan"] = measure(static.default_model(), texts, queries, tv,
                                          np.stack([teacher.encode_query(q) for q in queries]))
    return result


def use_model(path: str | None) -> None:
    """Make ``path`` the static model every search and embedding in this process uses."""
    from watchfloor.search import static

    if path:
        static.DEFAULT_MODEL = path
    static.default_model.cache_clear()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--messages", type=int, default=1_000_000)
    ap.add_argument("--sample", type=int, default=20_000)
    ap.add_argument("--out", default=os.path.join(os.path.dirname(__file__), "out", "search"))
    ap.add_argument("--skip-large", action="store_true")
    ap.add_argument("--only", choices=["fulltext"],
                    help="fulltext: only the full-text timings on the large database (no vectors, "
                         "no teacher, no recall)")
    ap.add_argument("--against", metavar="REF",
                    help="with --only fulltext: also time the full-text code of git commit REF, "
                         "alternating with today's query by query, and check the hits are the same")
    ap.add_argument("--repeat", type=int, default=1, help="with --against: rounds of the 120 queries")
    ap.add_argument("--against-db", metavar="PATH",
                    help="with --against: run REF's code on this copy of the database, made in REF's "
                         "schema (for a change of the index; opened without migrating it)")
    ap.add_argument("--skip-sample", action="store_true")
    ap.add_argument("--model", action="append", default=[],
                    help="a static model file to measure instead of the committed one; given "
                         "twice or more, each is measured in turn in the same run (the databases "
                         "are re-embedded with each)")
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    from watchfloor.search import static, teacher
    from watchfloor.store import open_store

    if args.only == "fulltext":
        report: dict = {"date": time.strftime("%Y-%m-%d"), "cores": os.cpu_count()}
        db, meta = database(args.out, args.messages, seed=7, embed=False)
        report["large"] = meta
        store = open_store(db)
        report["fulltext"] = bench_text(store, random.Random(1), args.against, args.repeat, args.against_db)
        store.close()
        print(json.dumps(report, ensure_ascii=False))
        return
    reports = []
    for path in args.model or [None]:
        use_model(path)
        report: dict = {"date": time.strftime("%Y-%m-%d"), "cores": os.cpu_count(),
                        "model": os.path.basename(path or static.DEFAULT_MODEL)}
        # teacher baseline for indexing: messages/s of the teacher on the same kind of messages
        rng = random.Random(3)
        sample = [message(rng)[0] for _ in range(200)]
        teacher.encode_passages(sample[:8])
        t = time.perf_counter()
        teacher.encode_passages(sample)
        report["teacher_rate"] = round(len(sample) / (time.perf_counter() - t), 1)
        model = static.default_model()
        many = [message(rng)[0] for _ in range(50_000)]
        t = time.perf_counter()
        model.embed(many)
        report["static_embed_rate"] = round(len(many) / (time.perf_counter() - t))
        if not args.skip_sample:
            db, meta = database(args.out, args.sample, seed=5)
            report["sample"] = meta
            report["recall@10"] = bench_recall(db, args.out)
            print(json.dumps(report), flush=True)
        if not args.skip_large:
            db, meta = database(args.out, args.messages, seed=7)
            report["large"] = meta
            store = open_store(db)
            report["fulltext"] = bench_text(store, random.Random(1))
            report["semantic"] = bench_semantic(store)
            store.close()
        print(json.dumps(report), flush=True)
        reports.append(report)
    if len(reports) > 1:
        print(json.dumps(reports))


if __name__ == "__main__":
    main()
