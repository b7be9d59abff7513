"""Build the bundled sample: a fictional Telegram Desktop export of a small closed group.

    python samples/build_sample.py

Writes samples/telegram/ChatExport_2024-03-02/result.json exactly as Telegram Desktop 5.x writes
a single-chat JSON export. Everything in it is invented by the watchfloor authors: the group, the
people, the places they mention in passing and every line. Names follow Arabic naming patterns
(kunya, ism, nisba) in several spellings, because resolving those is what watchfloor is for; they
are not meant to be anybody. The few hostile lines are deliberately generic.

The output is deterministic (a fixed seed), so the committed file is what this script writes.
"""

from __future__ import annotations

import os
import random
import sys
from datetime import UTC, datetime, timedelta

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))

from tests.support.tdesktop import write_chat  # noqa: E402

CHAT_ID = 2_183_004_517
OUT = os.path.join(HERE, "telegram", "ChatExport_2024-03-02", "result.json")

# (display name, user id): one person appears under two display names over time
PEOPLE = {
    "halabi": ("Abu Yaqub al-Halabi", 5_501_200_301),
    "halabi2": ("Abu Yaqub Alhalaby", 5_501_200_301),
    "tunisi": ("Umm Hamza al-Tunisiya", 5_501_200_302),
    "raqqawi": ("أبو زيد الرقاوي", 5_501_200_303),
    "kuwaiti": ("Salim K.", 5_501_200_304),
    "shishani": ("Abu Musa Alshishani", 5_501_200_305),
    "admin": ("Valley Bulletin Admin", 5_501_200_306),
    "newcomer": ("Yusuf 🌙", 5_501_200_307),
}

# scripted threads: (speaker, text) pairs; "{reply}" marks a reply to the previous line
THREADS = [
    [
        ("admin", "Welcome to the Valley Bulletin group. Read the pinned rules before posting."),
        ("newcomer", "Salam everyone, glad to be here."),
        ("halabi", "{reply}Wa alaykum salam brother. Stay quiet for a few days and read."),
        ("tunisi", "Who added him? Nobody vouched for him."),
        ("admin", "{reply}He came through Abu Musa. It is fine."),
    ],
    [
        ("halabi", "Meeting moved to Thursday after the evening prayer, same place near the old bridge."),
        ("kuwaiti", "{reply}Confirmed. I will bring the documents."),
        ("shishani", "I cannot come before nine. The road through Kafr Nabl is closed again."),
        ("halabi", "{reply}Then come at nine. Do not use your own phone on the way."),
    ],
    [
        ("raqqawi", "الاجتماع يوم الخميس بعد صلاة العشاء قرب الجسر القديم"),
        ("tunisi", "{reply}تمام، سأبلغ الأخوات"),
        ("raqqawi", "لا تكتبوا الأسماء الكاملة هنا"),
    ],
    [
        ("admin", "Reminder: no photos of faces, no locations, no real names in this group."),
        ("newcomer", "{reply}Understood."),
        ("kuwaiti", "Someone posted a screenshot of our channel on a public forum yesterday."),
        ("halabi", "{reply}Find out who. Whoever leaks our words will regret it."),
        ("shishani", "Their turn will come, all of them who talk to the police."),
        ("admin", "Calm down. Discuss this in private, not here."),
    ],
    [
        ("tunisi", "The sisters collected 1,200 for the families in the camp."),
        ("halabi2", "{reply}May Allah reward you. Send it through the usual person, not the bank."),
        ("tunisi", "Already done, he confirmed yesterday."),
    ],
    [
        ("raqqawi", "أخبار من الرقة: انقطاع الكهرباء منذ ثلاثة أيام"),
        ("shishani", "{reply}Same in our area. Winter is hard on the children."),
        ("newcomer", "Is there a way to help from abroad?"),
        ("tunisi", "{reply}Yes, ask the admin in private."),
    ],
    [
        ("halabi2", "Read the new statement on the channel before Friday and share it only with people you trust."),
        ("kuwaiti", "{reply}It is long. Is there a summary?"),
        ("halabi2", "{reply}No summary. Read all of it."),
        ("shishani", "The brothers who fell last year will not be forgotten. They were heroes."),
    ],
    [
        ("admin", "Poll below: which day works for the online lesson?"),
        ("newcomer", "Thursday is better for me."),
        ("tunisi", "Saturday, the sisters are busy on Thursday."),
    ],
]

CHATTER = [
    "Any news from the north?",
    "The checkpoint on the main road is open today.",
    "I sent you the file, check your messages.",
    "Prices at the market doubled this week.",
    "Please keep this group for serious things.",
    "Who has the contact of the doctor from Idlib?",
    "The video from yesterday was taken down already.",
    "Does anyone have a copy of the lesson recording?",
    "Internet is very slow here, messages arrive late.",
    "Jazak Allah khayr brother.",
    "We need two more people for the distribution on Saturday.",
    "Don't forward messages from this group, copy the text if you must.",
    "The new channel link will be shared by the admin only.",
    "The lesson is postponed, the teacher is travelling.",
    "هل وصلت الأغراض؟",
    "الطريق إلى حلب مغلق اليوم",
    "جزاك الله خيرا يا أخي",
    "سنتحدث لاحقا",
    "Brother Abu Yaqub, did you get my message?",
    "Tell Umm Hamza the parcel arrived.",
    "Alhalaby said the meeting is confirmed.",
    "The sisters in Tunis send their greetings.",
    "I am back from Gaziantep, will call you tonight.",
    "Keep your voice messages short please.",
]

FORWARD_SOURCES = ["Valley Bulletin", "Northern Dispatch (channel)", None]


def unix(dt: datetime) -> str:
    return str(int(dt.timestamp()))


def local(dt: datetime) -> str:
    # Telegram Desktop writes the exporting computer's local time; ours was on UTC+3
    return (dt + timedelta(hours=3)).strftime("%Y-%m-%dT%H:%M:%S")


def message(mid: int, dt: datetime, who: str, text: str, **extra: object) -> dict:
    name, uid = PEOPLE[who]
    m: dict = {"id": mid, "type": "message", "date": local(dt), "date_unixtime": unix(dt)}
    if "edited" in extra:
        e = extra.pop("edited")
        m["edited"] = local(e)  # type: ignore[arg-type]
        m["edited_unixtime"] = unix(e)  # type: ignore[arg-type]
    m["from"] = name
    m["from_id"] = f"user{uid}"
    m.update(extra)  # forwards, replies and media keys, in the order the exporter writes them
    if "**" in text:
        plain, bold, rest = text.split("**", 2)
        parts = [p for p in (plain, {"type": "bold", "text": bold}, rest) if p]
        m["text"] = parts
        m["text_entities"] = [p if isinstance(p, dict) else {"type": "plain", "text": p} for p in parts]
    elif "#" in text:
        head, tag = text.rsplit("#", 1)
        m["text"] = [head, {"type": "hashtag", "text": "#" + tag}]
        m["text_entities"] = [{"type": "plain", "text": head}, {"type": "hashtag", "text": "#" + tag}]
    else:
        m["text"] = text
        m["text_entities"] = [{"type": "plain", "text": text}] if text else []
    return m


def service(mid: int, dt: datetime, who: str, action: str, **extra: object) -> dict:
    name, uid = PEOPLE[who]
    m = {"id": mid, "type": "service", "date": local(dt), "date_unixtime": unix(dt),
         "actor": name, "actor_id": f"user{uid}", "action": action}
    m.update(extra)
    m["text"] = ""
    m["text_entities"] = []
    return m


def build() -> list[dict]:
    rng = random.Random(20240302)
    t = datetime(2023, 11, 14, 9, 0, tzinfo=UTC)
    out: list[dict] = []
    mid = 1

    def nxt(minutes: tuple[int, int] = (1, 40)) -> datetime:
        nonlocal t
        t += timedelta(minutes=rng.randint(*minutes))
        return t

    out.append(service(mid, nxt(), "admin", "create_group", title="Valley Bulletin",
                       members=[PEOPLE["halabi"][0], PEOPLE["tunisi"][0]]))
    mid += 1
    for who in ("raqqawi", "kuwaiti", "shishani"):
        out.append(service(mid, nxt(), "admin", "invite_members", members=[PEOPLE[who][0]]))
        mid += 1
    pinned = mid
    out.append(message(mid, nxt(), "admin", "Rules: **no names, no faces, no places.** Read before you post."))
    mid += 1
    out.append(service(mid, nxt(), "admin", "pin_message", message_id=pinned))
    mid += 1

    def thread(lines: list[tuple[str, str]]) -> None:
        nonlocal mid
        prev = None
        for speaker, text in lines:
            reply = text.startswith("{reply}")
            extra = {"reply_to_message_id": prev} if reply and prev else {}
            out.append(message(mid, nxt((1, 9)), speaker, text.removeprefix("{reply}"), **extra))
            prev = mid
            mid += 1

    threads = list(THREADS)
    day = 0
    while len(out) < 320:
        day += 1
        t = t.replace(hour=8) + timedelta(days=1)
        for _ in range(rng.randint(6, 14)):
            r = rng.random()
            who = rng.choice([k for k in PEOPLE if k not in ("admin",)])
            if r < 0.08 and threads:
                thread(threads.pop(0))
                continue
            if r < 0.14:
                src = rng.choice(FORWARD_SOURCES)
                extra = {"forwarded_from": src} if src else {"forwarded_from": None}
                out.append(message(mid, nxt(), who, rng.choice(CHATTER), **extra))
            elif r < 0.19:
                out.append(message(
                    mid, nxt(), who, "",
                    photo="(File not included. Change data exporting settings to download.)",
                    width=1280, height=960,
                ))
            elif r < 0.22:
                out.append(message(
                    mid, nxt(), who, "Voice note, listen in private",
                    file="(File not included. Change data exporting settings to download.)",
                    file_name="audio_note.ogg", media_type="voice_message", mime_type="audio/ogg",
                    duration_seconds=rng.randint(5, 90),
                ))
            elif r < 0.30 and len(out) > 5:
                target = out[-rng.randint(1, min(6, len(out)))]
                out.append(message(mid, nxt(), who, rng.choice(CHATTER), reply_to_message_id=target["id"]))
            elif r < 0.33:
                dt = nxt()
                out.append(message(mid, dt, who, rng.choice(CHATTER) + " (corrected)",
                                   edited=dt + timedelta(minutes=3)))
            elif r < 0.35:
                out.append(message(mid, nxt(), who, "Updates as usual #valley"))
            else:
                out.append(message(mid, nxt(), who, rng.choice(CHATTER)))
            mid += 1
        if day == 6:
            out.append(message(mid, nxt(), "admin", "", poll={
                "question": "Which day for the online lesson?", "closed": True, "total_voters": 5,
                "answers": [{"text": "Thursday", "voters": 2, "chosen": False},
                            {"text": "Saturday", "voters": 3, "chosen": True}]}))
            mid += 1
        if day == 9:
            out.append(service(mid, nxt(), "admin", "remove_members", members=[PEOPLE["newcomer"][0]]))
            mid += 1
    while threads:
        thread(threads.pop(0))
    return out


def main() -> None:
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    messages = build()
    with open(OUT, "w", encoding="utf-8", newline="\n") as f:
        write_chat(f, "Valley Bulletin", "private_supergroup", CHAT_ID, messages)
    print(f"{os.path.relpath(OUT)}: {len(messages)} messages")


if __name__ == "__main__":
    main()
