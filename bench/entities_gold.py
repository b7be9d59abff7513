"""Turn the hand-written markup of the entity evaluation set into JSONL with gold spans.

    python bench/entities_gold.py      # rewrites tests/fixtures/entities/eval.jsonl

The markup files (tests/fixtures/entities/eval_en.txt, eval_ar.txt) are what people edit: one
message a line, "<date> | text with [surface]{type ...}" (see the head of eval_en.txt). Every
third message of each file is held out: rules are tuned looking only at the others' errors, and
bench/entities_eval.py reports both parts. The messages after a "# blind:" line were written after
the rules were frozen, with names and places the lexicons were not written with; their split is
"blind". Those after a later "# blind2:" line were written before a second round of rule changes
and scored only after it (split "blind2"). Those after a "# blind3:" line were written by someone
who had not read the rules (split "blind3"), and those after a "# blind4:" line were written the
same way, before the changes they measure (split "blind4"), as were those after a "# blind5:" line
(split "blind5"), those after a "# blind6:" line (split "blind6"), those after a "# blind7:" line
(split "blind7"), those after a "# blind8:" line (split "blind8"), those after a "# blind9:" line
(split "blind9") and those after a "# blind10:" line (split "blind10"); a line "# <split>:" starts a
part named so.

    python bench/entities_gold.py --check   # also: does every gold place have its record in the index?
"""

from __future__ import annotations

import calendar
import json
import re
import sys
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "entities"
SPLIT_MARKERS = ("blind", "blind2", "blind3", "blind4", "blind5", "blind6", "blind7", "blind8", "blind9", "blind10")  # "# blind:" ... "# blind10:" start the parts written after rules froze
TYPES = {"per": "person", "org": "organisation", "loc": "place", "date": "date", "grp": "group"}
MARK = re.compile(r"\[([^\]]+)\]\{([^}]*)\}")


def parse_gold(kind: str, args: list[str]) -> dict:
    if kind == "loc":
        if len(args) == 1 and "," in args[0]:
            lat, lon = map(float, args[0].split(","))
            return {"kind": "city", "lat": lat, "lon": lon}
        if len(args) == 1:
            return {"kind": "country", "country": args[0]}
        code, what, point = args
        lat, lon = map(float, point.split(","))
        return {"kind": {"region": "admin1"}.get(what, what), "country": code, "lat": lat, "lon": lon}
    if kind == "date":
        return {"normalised": None if args == ["-"] else args[0]}
    return {}


def parse_line(line: str) -> tuple[str, str, list[dict]]:
    date, _, marked = line.partition(" | ")
    text, entities, pos = [], [], 0
    out_len = 0
    for m in MARK.finditer(marked):
        text.append(marked[pos:m.start()])
        out_len += m.start() - pos
        surface, spec = m.group(1), m.group(2).split()
        start = out_len
        text.append(surface)
        out_len += len(surface)
        if spec and spec[0] != "-":
            kind = spec[0]
            if kind not in TYPES:
                raise ValueError(f"unknown type {kind!r} in: {line}")
            entities.append({"type": TYPES[kind], "start": start, "end": out_len, "text": surface,
                             "gold": parse_gold(kind, spec[1:])})
        pos = m.end()
    text.append(marked[pos:])
    return date.strip(), "".join(text), entities


def build() -> list[dict]:
    rows = []
    for lang in ("en", "ar"):
        lines: list[tuple[str, str | None]] = []
        part: str | None = None  # None: the first part, cut into dev and heldout
        for ln in (FIXTURES / f"eval_{lang}.txt").read_text(encoding="utf-8").splitlines():
            marker = ln[2:].partition(":")[0] if ln.startswith("# ") else ""
            if marker in SPLIT_MARKERS:
                part = marker
            elif ln.strip() and not ln.startswith("#"):
                lines.append((ln, part))
        for i, (line, part) in enumerate(lines):
            date, text, entities = parse_line(line)
            split = part or ("heldout" if i % 3 == 2 else "dev")
            when = calendar.timegm(datetime.strptime(date, "%Y-%m-%d").replace(hour=12).timetuple())
            rows.append({
                "id": f"{lang}-{i + 1:03d}", "lang": lang, "split": split,
                "date": when, "text": text, "entities": entities,
            })
    return rows


def check(rows: list[dict]) -> int:
    """Gold places that no index record matching their surface can satisfy (the scorer's test:
    a town within 25 km, a country by code, a region by country and within 100 km)."""
    sys.path.insert(0, str(ROOT / "src"))
    sys.path.insert(0, str(ROOT / "bench"))
    from entities_eval import geo_ok  # the scorer's own test
    from watchfloor.geo import _place_dict, gazetteer

    bad = 0
    for r in rows:
        for e in r["entities"]:
            if e["type"] != "place":
                continue
            records = [_place_dict(p) for p, _ in gazetteer().matches(e["text"])]
            if not any(geo_ok(e["gold"], g) for g in records):
                bad += 1
                print(f"NO RECORD {r['id']} {e['text']!r} gold={e['gold']}", file=sys.stderr)
    return bad


def main() -> int:
    rows = build()
    out = FIXTURES / "eval.jsonl"
    with open(out, "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    counts = {}
    for r in rows:
        for e in r["entities"]:
            counts[(r["lang"], e["type"])] = counts.get((r["lang"], e["type"]), 0) + 1
    print(f"{out}: {len(rows)} messages; " + ", ".join(f"{k[0]} {k[1]} {v}" for k, v in sorted(counts.items())),
          file=sys.stderr)
    if "--check" in sys.argv[1:] and check(rows):
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
