"""Throughput of the whole labelling layer on a realistic stream, against a baseline in the same run.

    python bench/label_throughput.py [--messages 3000] [--baseline-messages 600]

The stream is fictional and generated here (seeded): mostly everyday chat in English, Arabic,
Russian and French, some news-style reporting, links, numbers and emoji, and about 4 % of lines
that should be flagged (our own examples from classify/examples.jsonl). Both runs label batches of
256 messages with the shipped models, after a warm-up that loads them:

- baseline: every message goes to the expensive models (MiniLM for English, e5 for the others);
- watchfloor: the shipped layer, where a cheap first stage (rules + TF-IDF heads) sends only
  candidates to the expensive models.
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from watchfloor.classify import data  # noqa: E402
from watchfloor.classify.labeller import Item, Labeller  # noqa: E402

EN = ["meeting", "tomorrow", "the bus", "coffee", "my brother", "the market", "prices", "weather", "rain",
      "the exam", "football", "the report", "dinner", "the new phone", "our street", "the mosque", "the clinic",
      "the school", "work", "the bridge", "a cousin", "the harvest", "the wedding", "the news"]
EN_T = ["Did anyone see {a} today?", "{A} is closed until {b}, I think.", "Send me the photos of {a}.",
        "I'll be late, {a} took forever.", "Thanks for {a}, see you at {b}.", "What time is {a}?",
        "lol {a} again", "Who is bringing {a} to {b}?", "Prices of {a} went up again this week.",
        "Happy birthday! Say hi to {a}.", "Can someone fix {a}? It broke after {b}."]
AR = ["نلتقي غدا في {a}", "كم سعر {a} اليوم؟", "الطقس جميل في {a}", "ارسل لي صور {a}", "مبروك على {a} يا اخي",
      "متى يبدأ {a}؟", "تأخرت بسبب {a}"]
AR_W = ["السوق", "المدرسة", "العرس", "المباراة", "الامتحان", "المستشفى", "الجسر", "المطعم"]
RU = ["Встречаемся завтра у {a}.", "Сколько стоит {a}?", "Пришли фото {a}.", "Поздравляю с {a}!", "Когда начнётся {a}?"]
RU_W = ["рынка", "школы", "матча", "экзамена", "моста", "свадьбы"]
FR = ["On se voit demain au {a} ?", "Combien coûte le {a} ?", "Envoie-moi les photos du {a}.", "Bon anniversaire, salue le {a} !"]
FR_W = ["marché", "match", "mariage", "pont", "café", "stade"]
NEWS = ["Officials said the road to {a} reopened after repairs on Tuesday.",
        "According to the ministry, three people were injured in a clash near {a}.",
        "Police said a man was arrested for threatening neighbours near {a}.",
        "The agency reported heavy rain in the north; {a} was flooded."]
NOISE = ["https://example.org/{n}", "{n}", "😂😂😂", "👍", "+{n}", "ok", "?", "{n} {n}"]


def stream(n: int, seed: int = 5) -> list[str]:
    rng = random.Random(seed)
    flagged = [e.text for e in data.ours() if e.labels]
    out = []
    for _ in range(n):
        r = rng.random()
        if r < 0.50:
            t = rng.choice(EN_T).format(a=rng.choice(EN), A=rng.choice(EN).capitalize(), b=rng.choice(EN))
            if rng.random() < 0.1:
                t = " ".join(t for _ in range(rng.randint(5, 20)))  # a few long messages
        elif r < 0.62:
            t = rng.choice(AR).format(a=rng.choice(AR_W))
        elif r < 0.70:
            t = rng.choice(RU).format(a=rng.choice(RU_W))
        elif r < 0.76:
            t = rng.choice(FR).format(a=rng.choice(FR_W))
        elif r < 0.86:
            t = rng.choice(NEWS).format(a=rng.choice(EN))
        elif r < 0.96:
            t = rng.choice(NOISE).format(n=rng.randint(0, 10**6))
        else:
            t = rng.choice(flagged)
        out.append(t)
    return out


def rate(model: Labeller, texts: list[str]) -> tuple[float, int]:
    model.labels([Item(t) for t in texts[:64]])  # warm-up: load the models
    flagged = 0
    t = time.perf_counter()
    for i in range(0, len(texts), 256):
        flagged += sum(1 for x in model.labels([Item(s) for s in texts[i:i + 256]]) if x)
    return len(texts) / (time.perf_counter() - t), flagged


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--messages", type=int, default=3000)
    ap.add_argument("--baseline-messages", type=int, default=600)
    args = ap.parse_args()
    texts = stream(args.messages)
    base, _ = rate(Labeller(first_stage=False), texts[:args.baseline_messages])
    ours, flagged = rate(Labeller(), texts)
    print(f"| date | machine | messages | flagged | baseline (all to the models) msg/s | watchfloor msg/s | speed-up |")
    print("|---|---|---:|---:|---:|---:|---:|")
    print(f"| {datetime.date.today()} | {platform.machine()}, {os.cpu_count()} cores | {len(texts):,} | {flagged} | "
          f"{base:,.0f} | {ours:,.0f} | {ours / base:.1f}× |")


if __name__ == "__main__":
    main()
