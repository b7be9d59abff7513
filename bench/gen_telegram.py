"""Generate a large fictional Telegram Desktop single-chat export, streamed to disk.

    python bench/gen_telegram.py OUT.json --messages 1000000 [--seed 7]

The mix follows what real group exports hold: mostly short plain messages, some with formatting
entities (text as a list plus text_entities), replies, forwards, media with and without files,
polls, service messages, edits, a share of Arabic and transliterated text, and a few migrated
messages with negative ids at the start. The vocabulary is ours and harmless.
"""

from __future__ import annotations

import argparse
import os
import random
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))

from tests.support.tdesktop import write_chat  # noqa: E402

WORDS = (
    "meeting tomorrow market bread checkpoint road north bridge brothers news video channel "
    "the a of to and in we will be at after prayer evening group car money send photo "
    "village river convoy supplies water winter camp school doctor phone delay confirm"
).split()
ARABIC = "اجتماع غدا السوق الخبز الطريق الشمال الجسر الإخوة أخبار القناة المال الماء الشتاء المخيم".split()
NAMES = [
    ("Abu Khalid al-Halabi", 1001), ("Umm Salma", 1002), ("Abu Hafs Alshishani", 1003),
    ("Rami K.", 1004), ("أبو عمر الحلبي", 1005), ("Yusuf Elhalaby", 1006), ("Night Owl", 1007),
    ("Deleted Account", 1008),
]
BASE_TS = 1_640_995_200  # 2022-01-01


def sentence(rng: random.Random) -> str:
    if rng.random() < 0.15:
        return " ".join(rng.choices(ARABIC, k=rng.randint(3, 12)))
    return " ".join(rng.choices(WORDS, k=rng.randint(3, 25)))


def messages(n: int, seed: int):
    rng = random.Random(seed)
    ts = BASE_TS
    migrated = min(50, n // 100)
    for i in range(n):
        mid = (i - migrated) - 1_000_000_000 if i < migrated else i - migrated + 1
        ts += rng.randint(1, 120)
        iso = f"2022-01-01T00:00:00"  # the local time column is not what readers should use
        name, uid = rng.choice(NAMES)
        if rng.random() < 0.02:
            yield {
                "id": mid, "type": "service", "date": iso, "date_unixtime": str(ts),
                "actor": name, "actor_id": f"user{uid}", "action": "invite_members",
                "members": [rng.choice(NAMES)[0]], "text": "", "text_entities": [],
            }
            continue
        m: dict = {"id": mid, "type": "message", "date": iso, "date_unixtime": str(ts)}
        if rng.random() < 0.03:
            m["edited"] = iso
            m["edited_unixtime"] = str(ts + 60)
        m["from"] = name
        m["from_id"] = f"user{uid}"
        r = rng.random()
        if r < 0.08:
            m["forwarded_from"] = rng.choice(["Northern Dispatch", "Valley News", None])
        if rng.random() < 0.2 and i > 1:
            m["reply_to_message_id"] = max(1, mid - rng.randint(1, 30))
        r = rng.random()
        if r < 0.05:
            m["photo"] = f"photos/photo_{i}@01-01-2022_00-00-00.jpg"
            m["width"], m["height"] = 1280, 720
        elif r < 0.08:
            m["photo"] = "(File not included. Change data exporting settings to download.)"
        elif r < 0.10:
            m["file"] = "(File exceeds maximum size. Change data exporting settings to download.)"
            m["file_name"] = f"clip_{i}.mp4"
            m["media_type"] = "video_file"
            m["mime_type"] = "video/mp4"
        elif r < 0.105:
            m["poll"] = {
                "question": sentence(rng), "closed": False, "total_voters": rng.randint(0, 40),
                "answers": [{"text": w, "voters": rng.randint(0, 9), "chosen": False}
                            for w in rng.sample(WORDS, 3)],
            }
        text = sentence(rng)
        if rng.random() < 0.12:
            a, b = text.split(" ", 1) if " " in text else (text, "")
            parts = [{"type": "bold", "text": a}, " " + b] if b else [{"type": "bold", "text": a}]
            m["text"] = parts
            m["text_entities"] = [
                p if isinstance(p, dict) else {"type": "plain", "text": p} for p in parts
            ]
        else:
            m["text"] = text
            m["text_entities"] = [{"type": "plain", "text": text}]
        yield m


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("out")
    p.add_argument("--messages", type=int, default=1_000_000)
    p.add_argument("--seed", type=int, default=7)
    args = p.parse_args()
    with open(args.out, "w", encoding="utf-8") as f:
        write_chat(f, "Bench group", "private_supergroup", 1_700_000_001, messages(args.messages, args.seed))
    print(f"{args.out}: {args.messages} messages, {os.path.getsize(args.out) / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
