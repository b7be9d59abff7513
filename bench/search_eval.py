"""Search quality: 60 queries we wrote over a fictional corpus we wrote; nDCG@10 of full text,
semantic and hybrid in the same run (hybrid must beat both).

    python bench/search_eval.py [--distractors 2000] [--json]

The corpus (bench/search_corpus.py): each of 30 facts once in English, Arabic, French and
Russian, half of them said by one of 12 people (each spelled a different way each time), among
``distractors`` messages of unrelated chatter. The queries are our own paraphrases, not the
facts' wording: 24 English questions about facts (relevant: the fact in all four languages,
so most relevant messages are in another language), 12 Arabic ones, 12 names in a Latin
spelling and 12 in Arabic script (relevant: every message naming that person, in any script).

The teacher's vectors of all messages are stored before the queries run (``watchfloor embed
--teacher``), so the semantic side is measured at its best quality, independent of the time
budget; bench/search_bench.py measures the cold case.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))

from bench.search_corpus import FACTS, LANGS, PEOPLE, render  # noqa: E402
from tests.support.tdesktop import write_chat  # noqa: E402

EN_QUERIES = {
    0: "flooding blocked the way north", 1: "no bread left at the baker", 2: "donate blood at the clinic",
    3: "family marriage celebration soon", 4: "petrol is twice as expensive", 5: "classes start again after the break",
    6: "power cut in our area", 7: "game delayed by bad weather", 8: "bridge fell down last night",
    9: "where to buy fresh produce on friday", 10: "morning bus schedule to town", 11: "someone stole a mobile at the station",
    12: "lack of rain worries the farmers", 13: "insulin shortage at the chemist", 14: "opening of a new mosque",
    15: "when are exam results published", 16: "factory on fire", 17: "well water is contaminated",
    18: "border closed for a few days", 19: "hospital hiring medical staff", 20: "housing costs rising",
    21: "selling sheep at the animal market", 22: "slow internet", 23: "tents destroyed by the storm",
}
AR_QUERIES = {
    0: "الفيضان أغلق الطريق", 2: "التبرع بالدم للعيادة", 4: "ارتفاع سعر البنزين", 6: "انقطاع الكهرباء",
    8: "سقوط الجسر", 11: "سرقة الهاتف", 13: "نقص الأنسولين في الصيدلية", 16: "حريق في المصنع",
    19: "المستشفى يحتاج أطباء", 24: "طلب تبرعات كتب للمدرسة", 25: "محصول الزيتون", 29: "إلغاء رحلة الطيران",
}
# a spelling of each person that the corpus does not use, and the Arabic script
NAME_QUERIES_LATIN = [
    "Abu Khaled Halabi", "Umm Salma Shami", "Yousuf Tikreeti", "Hamza Masri", "Abdulrahman al-Najdi",
    "Nureddin Qasem", "Bilal Idleby", "Fatima Zahra al-Haddad", "Saeed al-Raqqawi", "Mostafa Shishany",
    "Ibrahim Mosuly", "Khadija Ben-Ali",
]


def build(distractors: int, seed: int = 11):
    """Messages (text, fact, person) and the relevant message numbers of each query."""
    rng = random.Random(seed)
    rows: list[tuple[str, int | None, int | None]] = []
    for fact in range(len(FACTS)):
        for lang in LANGS:
            person = rng.randrange(len(PEOPLE)) if rng.random() < 0.5 else None
            place = rng.randrange(8) if rng.random() < 0.5 else None
            rows.append((render(fact, lang, rng, person=person, place=place), fact, person))
    words = ("meeting tomorrow brothers news video channel prayer evening group photo send confirm "
             "delay phone photo okay thanks later").split()
    arabic = "اجتماع غدا الإخوة أخبار القناة الصورة ارسل تأكيد لاحقا شكرا".split()
    for _ in range(distractors):
        pool = arabic if rng.random() < 0.35 else words
        rows.append((" ".join(rng.choices(pool, k=rng.randint(3, 12))), None, None))
    rng.shuffle(rows)
    queries: list[tuple[str, str, set[int]]] = []
    for kind, table in (("english", EN_QUERIES), ("arabic", AR_QUERIES)):
        for fact, q in table.items():
            queries.append((kind, q, {i + 1 for i, r in enumerate(rows) if r[1] == fact}))
    for p, q in enumerate(NAME_QUERIES_LATIN):
        queries.append(("name-latin", q, {i + 1 for i, r in enumerate(rows) if r[2] == p}))
    for p, person in enumerate(PEOPLE):
        queries.append(("name-arabic", person[1], {i + 1 for i, r in enumerate(rows) if r[2] == p}))
    return rows, [q for q in queries if q[2]]


def ndcg(ranked: list[int], relevant: set[int], k: int = 10) -> float:
    dcg = sum(1 / math.log2(i + 2) for i, r in enumerate(ranked[:k]) if r in relevant)
    ideal = sum(1 / math.log2(i + 2) for i in range(min(k, len(relevant))))
    return dcg / ideal if ideal else 0.0


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--distractors", type=int, default=2000)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--model", action="append", default=[],
                    help="a static model file to measure instead of the committed one; given "
                         "twice or more, each is measured in turn over the same database")
    args = ap.parse_args()
    from watchfloor.ingest import ingest_paths
    from watchfloor.search import SemanticOptions, search, static
    from watchfloor.search.vectors import embed_store, embed_teacher
    from watchfloor.store import open_store

    rows, queries = build(args.distractors)
    work = tempfile.mkdtemp(prefix="wf-eval-")
    export = os.path.join(work, "result.json")
    with open(export, "w", encoding="utf-8") as f:
        write_chat(f, "Eval chat", "private_supergroup", 4242, [
            {"id": i + 1, "type": "message", "date": "2024-01-01T00:00:00",
             "date_unixtime": str(1_704_067_200 + i * 60), "from": "Member", "from_id": "user1",
             "text": text, "text_entities": [{"type": "plain", "text": text}]}
            for i, (text, _, _) in enumerate(rows)])
    store = open_store(os.path.join(work, "eval.db"))
    ingest_paths(store, [export])
    # quality, not latency: the teacher's vector of every message is stored first (what
    # `watchfloor embed --teacher` does), so the teacher re-ranks the first stage's best 1,000
    embed_teacher(store)
    for path in args.model or [None]:
        if path:
            static.DEFAULT_MODEL = path
            static.default_model.cache_clear()
        embed_store(store, rebuild=True)
        if len(args.model) > 1:
            print(os.path.basename(path))
        evaluate(store, rows, queries, args.json)


def evaluate(store, rows, queries, as_json: bool) -> None:
    from watchfloor.search import SemanticOptions, search

    opts = SemanticOptions(budget_s=0.0, cache=False)
    scores: dict[str, dict[str, list[float]]] = {}
    started = time.perf_counter()
    for kind, q, relevant in queries:
        for mode in ("text", "semantic", "hybrid"):
            hits = search(store, q, mode=mode, limit=10, semantic=opts).hits
            ranked = [int(h.details["message_id"].rsplit(":", 1)[1]) for h in hits]
            scores.setdefault(mode, {}).setdefault(kind, []).append(ndcg(ranked, relevant))
    out = {
        "queries": len(queries), "messages": len(rows), "seconds": round(time.perf_counter() - started, 1),
        "ndcg@10": {mode: {"all": round(sum(sum(v) for v in kinds.values()) / len(queries), 4),
                           **{k: round(sum(v) / len(v), 4) for k, v in kinds.items()}}
                    for mode, kinds in scores.items()},
    }
    if as_json:
        print(json.dumps(out))
    else:
        print(f"{out['queries']} queries over {out['messages']:,} messages ({out['seconds']} s)")
        kinds = list(next(iter(scores.values())))
        print(f"{'mode':10}" + "".join(f"{k:>13}" for k in ["all", *kinds]))
        for mode, row in out["ndcg@10"].items():
            print(f"{mode:10}" + "".join(f"{row[k]:>13.3f}" for k in ["all", *kinds]))


if __name__ == "__main__":
    main()
