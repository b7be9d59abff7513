"""Time actor resolution on generated actors, against comparing all pairs, in the same run.

    .venv/bin/python bench/actor_resolution.py [--actors 100000] [--baseline 1000] [--seed 7] [--db FILE]

Generates people with Arabic names drawn from frequency-skewed pools (a few names are very
common, as in life: many Muhammads, many al-Iraqis), gives each one to three accounts, and writes
each account's display names with the spelling variation real exports show: Abu/Abou/Abi, al-/el-/
fused Al/El, ou/u/o, ee/i, -i/-y, doubled letters, q/k/g, dh/z, kh/h, Arabic script, titles and emoji.
Accounts of one person share chats and follow one another in time, like an account replaced after
a ban. Then it runs ``resolve_actors`` (blocking on keys) on all of them, and, as the baseline, the
same comparison over *all pairs* of a random subsample, extrapolated to the full count (all pairs
grow with the square of the actors). It also reports how well the clusters match the generated
people (pairwise precision and recall), so speed is not bought with wrong merges. With ``--db`` it
also stores the actors (one message per name and chat) in a new SQLite database and times the whole
``watchfloor actors resolve`` on it: reading, resolving and writing clusters and evidence.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import defaultdict

from watchfloor.analysis.actors import ActorInput, resolve_actors
from watchfloor.text.name_compare import compare_parsed
from watchfloor.text.names import parse

# (Latin, Arabic) - kunya names and isms, most common first
GIVEN = [
    ("Muhammad", "محمد"), ("Ahmad", "أحمد"), ("Abdullah", "عبد الله"), ("Umar", "عمر"), ("Ali", "علي"),
    ("Khalid", "خالد"), ("Yusuf", "يوسف"), ("Ibrahim", "إبراهيم"), ("Hasan", "حسن"), ("Husayn", "حسين"),
    ("Abd al-Rahman", "عبد الرحمن"), ("Mustafa", "مصطفى"), ("Hamza", "حمزة"), ("Bakr", "بكر"),
    ("Musab", "مصعب"), ("Ubayda", "عبيدة"), ("Talha", "طلحة"), ("Zubayr", "الزبير"), ("Anas", "أنس"),
    ("Bilal", "بلال"), ("Hafs", "حفص"), ("Qatada", "قتادة"), ("Dujana", "دجانة"), ("Muadh", "معاذ"),
    ("Suhayb", "صهيب"), ("Usama", "أسامة"), ("Salman", "سلمان"), ("Tariq", "طارق"), ("Walid", "الوليد"),
    ("Harith", "الحارث"), ("Jafar", "جعفر"), ("Yahya", "يحيى"), ("Ilyas", "إلياس"), ("Idris", "إدريس"),
    ("Sulayman", "سليمان"), ("Dawud", "داود"), ("Musa", "موسى"), ("Isa", "عيسى"), ("Ayyub", "أيوب"),
    ("Yunus", "يونس"), ("Luqman", "لقمان"), ("Mansur", "منصور"), ("Nasir", "ناصر"), ("Salih", "صالح"),
    ("Said", "سعيد"), ("Saad", "سعد"), ("Fahd", "فهد"), ("Faris", "فارس"), ("Hamid", "حامد"),
    ("Mahmud", "محمود"), ("Karim", "كريم"), ("Jamal", "جمال"), ("Kamal", "كمال"), ("Adil", "عادل"),
    ("Rashid", "راشد"), ("Majid", "ماجد"), ("Nabil", "نبيل"), ("Samir", "سمير"), ("Tamim", "تميم"),
    ("Hudhayfa", "حذيفة"), ("Hurayra", "هريرة"), ("Ammar", "عمار"), ("Yasir", "ياسر"), ("Zakariya", "زكريا"),
    ("Abbas", "عباس"), ("Hashim", "هاشم"), ("Mujahid", "مجاهد"), ("Muhajir", "مهاجر"), ("Asim", "عاصم"),
    ("Imran", "عمران"), ("Uthman", "عثمان"), ("Ismail", "إسماعيل"), ("Ishaq", "إسحاق"), ("Yaqub", "يعقوب"),
    ("Adam", "آدم"), ("Nuh", "نوح"), ("Shuayb", "شعيب"), ("Harun", "هارون"), ("Qasim", "قاسم"),
    ("Ziyad", "زياد"), ("Marwan", "مروان"), ("Rayyan", "ريان"), ("Ayman", "أيمن"), ("Wail", "وائل"),
    ("Ghassan", "غسان"), ("Firas", "فراس"), ("Munir", "منير"), ("Nizar", "نزار"), ("Raid", "رائد"),
    ("Ruslan", "رسلان"), ("Timur", "تيمور"), ("Jandal", "جندل"), ("Mariya", "مارية"), ("Maysara", "ميسرة"),
]
NISBA = [
    ("al-Iraqi", "العراقي"), ("al-Suri", "السوري"), ("al-Masri", "المصري"), ("al-Tunisi", "التونسي"),
    ("al-Libi", "الليبي"), ("al-Urduni", "الأردني"), ("al-Shami", "الشامي"), ("al-Halabi", "الحلبي"),
    ("al-Homsi", "الحمصي"), ("al-Baghdadi", "البغدادي"), ("al-Maslawi", "المصلاوي"), ("al-Anbari", "الأنباري"),
    ("al-Raqqawi", "الرقاوي"), ("al-Idlibi", "الإدلبي"), ("al-Dimashqi", "الدمشقي"), ("al-Hamawi", "الحموي"),
    ("al-Jazrawi", "الجزراوي"), ("al-Najdi", "النجدي"), ("al-Yamani", "اليمني"), ("al-Sanani", "الصنعاني"),
    ("al-Hadrami", "الحضرمي"), ("al-Kuwaiti", "الكويتي"), ("al-Qatari", "القطري"), ("al-Sudani", "السوداني"),
    ("al-Somali", "الصومالي"), ("al-Jazairi", "الجزائري"), ("al-Maghribi", "المغربي"), ("al-Muritani", "الموريتاني"),
    ("al-Turki", "التركي"), ("al-Shishani", "الشيشاني"), ("al-Dagestani", "الداغستاني"), ("al-Uzbeki", "الأوزبكي"),
    ("al-Tajiki", "الطاجيكي"), ("al-Khurasani", "الخراساني"), ("al-Afghani", "الأفغاني"), ("al-Pakistani", "الباكستاني"),
    ("al-Britani", "البريطاني"), ("al-Faransi", "الفرنسي"), ("al-Almani", "الألماني"), ("al-Beljiki", "البلجيكي"),
    ("al-Amriki", "الأمريكي"), ("al-Bosni", "البوسني"), ("al-Kurdi", "الكردي"), ("al-Zarqawi", "الزرقاوي"),
    ("al-Tikriti", "التكريتي"), ("al-Falluji", "الفلوجي"), ("al-Kirkuki", "الكركوكي"), ("al-Basri", "البصري"),
    ("al-Shammari", "الشمري"), ("al-Dulaimi", "الدليمي"), ("al-Jubouri", "الجبوري"), ("al-Qahtani", "القحطاني"),
    ("al-Utaybi", "العتيبي"), ("al-Harbi", "الحربي"), ("al-Ghamdi", "الغامدي"), ("al-Zahrani", "الزهراني"),
    ("al-Tamimi", "التميمي"), ("al-Ansari", "الأنصاري"), ("al-Qurashi", "القرشي"), ("al-Hashimi", "الهاشمي"),
    ("al-Azdi", "الأزدي"), ("al-Muhajir", "المهاجر"), ("al-Gharib", "الغريب"), ("al-Athari", "الأثري"),
]
TITLES = ["Sheikh", "Brother", "Emir", "Dr.", "Akhi", "Hajji"]
EMOJI = ["🦁", "⚔️", "🌙", "🏴", "✅", "🔥"]

# spelling rewrites real exports show (applied at random, a few per name)
REWRITES = [
    ("Abu ", "Abou "), ("Abu ", "Abi "), ("Abu ", "Abo "), ("al-", "el-"), ("al-", "Al "), ("al-", "Al"),
    ("al-", "El"), ("u", "ou"), ("u", "o"), ("i", "ee"), ("i ", "y "), ("ayn", "ein"), ("ay", "ai"),
    ("Q", "K"), ("q", "k"), ("q", "g"), ("dh", "z"), ("dh", "th"), ("kh", "h"), ("ss", "s"), ("s", "ss"),
    ("a", "e"), ("Muhammad", "Mohammed"), ("Muhammad", "Mohamed"), ("Umar", "Omar"), ("Yusuf", "Youssef"),
    ("Abdullah", "Abdallah"), ("Abd al-", "Abdul "), ("Abd al-", "Abdel"), ("ibn ", "bin "), ("ibn ", "ben "),
    ("Hamza", "Hamzah"), ("Talha", "Talhah"), ("Ubayda", "Ubaidah"), ("Husayn", "Hussein"),
]


def zipf_choice(rng: random.Random, pool: list, s: float = 1.1):
    weights = [1 / (i + 1) ** s for i in range(len(pool))]
    return rng.choices(pool, weights)[0]


def person(rng: random.Random) -> tuple[str, str]:
    """(Latin name, Arabic name) of one made-up person."""
    form = rng.random()
    k, i, f = zipf_choice(rng, GIVEN), zipf_choice(rng, GIVEN), zipf_choice(rng, GIVEN)
    n1 = zipf_choice(rng, NISBA, 0.8)
    n2 = zipf_choice(rng, NISBA, 0.8)
    if form < 0.45:
        latin, arabic = f"Abu {k[0]} {n1[0]}", f"أبو {k[1]} {n1[1]}"
    elif form < 0.55:
        latin, arabic = f"Abu {k[0]} {n1[0]} {n2[0]}", f"أبو {k[1]} {n1[1]} {n2[1]}"
    elif form < 0.70:
        latin, arabic = f"{i[0]} ibn {f[0]} {n1[0]}", f"{i[1]} بن {f[1]} {n1[1]}"
    elif form < 0.85:
        latin, arabic = f"{i[0]} {n1[0]}", f"{i[1]} {n1[1]}"
    elif form < 0.93:
        latin, arabic = f"Abu {k[0]} {i[0]} {n1[0]}", f"أبو {k[1]} {i[1]} {n1[1]}"
    else:
        latin, arabic = f"Umm {k[0]} {n1[0]}", f"أم {k[1]} {n1[1]}"
    return latin, arabic


def vary(rng: random.Random, latin: str, arabic: str) -> str:
    roll = rng.random()
    if roll < 0.15:
        name = arabic
    else:
        name = latin
        for _ in range(rng.randint(0, 3)):
            a, b = rng.choice(REWRITES)
            if a in name:
                at = rng.choice([i for i in range(len(name)) if name.startswith(a, i)])
                name = name[:at] + b + name[at + len(a):]
    if rng.random() < 0.1:
        name = " ".join(name.split()[:2])  # the short form: "Abu Khalid", "Ahmad ibn"... as people write
        if name.split()[-1] in ("ibn", "bin", "ben", "بن"):
            name = name.split()[0]
    if rng.random() < 0.08:
        name = f"{rng.choice(TITLES)} {name}"
    if rng.random() < 0.08:
        name = f"{name} {rng.choice(EMOJI)}"
    return name


def generate(n: int, seed: int) -> tuple[list[ActorInput], dict[str, int], dict[int, str]]:
    rng = random.Random(seed)
    actors: list[ActorInput] = []
    truth: dict[str, int] = {}
    canonical: dict[int, str] = {}
    chats = [f"chat{c}" for c in range(max(20, n // 50))]
    p = 0
    while len(actors) < n:
        latin, arabic = person(rng)
        canonical[p] = latin
        home = rng.sample(chats, k=min(len(chats), rng.randint(1, 4)))
        start = rng.randint(0, 700) * 86_400
        accounts = min(n - len(actors), 1 + (rng.random() < 0.45) + (rng.random() < 0.2))
        for a in range(accounts):
            names = [vary(rng, latin, arabic) for _ in range(rng.choice((1, 1, 1, 2)))]
            first = start + a * 40 * 86_400  # the next account starts after the last stops
            actor = ActorInput(f"telegram:user{len(actors)}", names, "telegram", f"user{len(actors)}",
                               chats={c: (first, first + 30 * 86_400) for c in home})
            actors.append(actor)
            truth[actor.id] = p
        p += 1
    return actors, truth, canonical


def pairwise(clusters: dict[str, str], truth: dict[str, int], canonical: dict[int, str]) -> tuple[float, float, float]:
    """Pairwise precision and recall of the clusters against the generated people, and the precision
    when merging two people who bear the very same name (which no name can tell apart) is not
    counted as an error."""
    def pairs(groups: dict[object, list[str]]) -> set[tuple[str, str]]:
        out = set()
        for members in groups.values():
            members = sorted(members)
            out.update((members[i], members[j]) for i in range(len(members)) for j in range(i + 1, len(members)))
        return out

    by_cluster: dict[object, list[str]] = defaultdict(list)
    by_person: dict[object, list[str]] = defaultdict(list)
    for actor, c in clusters.items():
        by_cluster[c].append(actor)
        by_person[truth[actor]].append(actor)
    got, want = pairs(by_cluster), pairs(by_person)
    tp = len(got & want)
    namesakes = sum(1 for a, b in got - want if canonical[truth[a]] == canonical[truth[b]])
    return ((tp / len(got) if got else 1.0), (tp / len(want) if want else 1.0),
            ((tp + namesakes) / len(got) if got else 1.0))


def baseline(actors: list[ActorInput], sample: int, seed: int) -> tuple[float, int]:
    """Seconds to compare all pairs of ``sample`` actors (names parsed once), and the pair count."""
    rng = random.Random(seed + 1)
    chosen = rng.sample(actors, min(sample, len(actors)))
    parsed = [parse(a.names[0]) for a in chosen]
    started = time.perf_counter()
    count = 0
    for i in range(len(parsed)):
        for j in range(i + 1, len(parsed)):
            compare_parsed(parsed[i], parsed[j])
            count += 1
    return time.perf_counter() - started, count


def write_db(path: str, actors: list[ActorInput]) -> None:
    """Store the generated actors as a watchfloor database: one message per name and chat."""
    from watchfloor.model import Chat, Message, Source
    from watchfloor.store import open_store

    store = open_store(path)
    try:
        with store.ingest(Source(path="generated", sha256="0" * 64, size=0, kind="bench",
                                 reader="bench", reader_version="1")) as writer:
            chats = sorted({c for a in actors for c in a.chats})
            for c in chats:
                writer.add_chat(Chat(f"telegram:{c}", "telegram", c, c, "private_supergroup"))
            batch: list[Message] = []
            n = 0
            for a in actors:
                for chat, (first, last) in a.chats.items():
                    for k, name in enumerate(a.names):
                        n += 1
                        batch.append(Message(f"telegram:{chat}:{n}", f"telegram:{chat}", str(n), "…",
                                             actor_id=a.id, actor_name=name, date=first + k * 86_400))
                        if last != first:
                            n += 1
                            batch.append(Message(f"telegram:{chat}:{n}", f"telegram:{chat}", str(n), "…",
                                                 actor_id=a.id, actor_name=name, date=last))
                if len(batch) >= 5000:
                    writer.add_messages(batch)
                    batch = []
            writer.add_messages(batch)
    finally:
        store.close()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--actors", type=int, default=100_000)
    ap.add_argument("--baseline", type=int, default=1000, help="actors in the all-pairs subsample")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--db", help="also store the actors in this (new) database and time `watchfloor actors resolve` on it")
    args = ap.parse_args()

    t = time.perf_counter()
    actors, truth, canonical = generate(args.actors, args.seed)
    people = len(set(truth.values()))
    print(f"generated {len(actors):,} actors of {people:,} people in {time.perf_counter() - t:.1f} s", file=sys.stderr)

    res = resolve_actors(actors)
    precision, recall, distinguishable = pairwise(res.clusters, truth, canonical)
    clusters = len(set(res.clusters.values()))
    print(f"blocking on keys: {len(actors):,} actors -> {clusters:,} clusters in {res.seconds:.1f} s "
          f"({res.compared:,} candidate pairs compared; {res.blocked:,} joins refused for a conflict; "
          f"{res.ambiguous:,} short names left alone)")
    print(f"  pairwise precision {precision:.3f}, recall {recall:.3f} against the generated people; "
          f"precision {distinguishable:.3f} not counting merges of people with the very same name")

    if args.db:
        import os

        from watchfloor.analysis.actors import resolve
        from watchfloor.store import open_store

        for suffix in ("", "-wal", "-shm"):
            if os.path.exists(args.db + suffix):
                os.remove(args.db + suffix)
        t = time.perf_counter()
        write_db(args.db, actors)
        print(f"stored them in {args.db} in {time.perf_counter() - t:.1f} s", file=sys.stderr)
        store = open_store(args.db)
        try:
            t = time.perf_counter()
            summary = resolve(store)
            print(f"watchfloor actors resolve (database in, clusters and evidence out): "
                  f"{time.perf_counter() - t:.1f} s; {summary}")
        finally:
            store.close()

    seconds, pairs = baseline(actors, args.baseline, args.seed)
    per_pair = seconds / pairs
    total_pairs = len(actors) * (len(actors) - 1) / 2
    print(f"all pairs (baseline): {pairs:,} pairs of {args.baseline:,} actors in {seconds:.1f} s "
          f"({per_pair * 1e6:.1f} µs a pair, names parsed beforehand); for {len(actors):,} actors: "
          f"{total_pairs:,.0f} pairs = {per_pair * total_pairs / 3600:,.1f} h")
    print(f"speed-up: {per_pair * total_pairs / res.seconds:,.0f}x")


if __name__ == "__main__":
    main()
