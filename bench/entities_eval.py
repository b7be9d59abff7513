"""Quality of the entity enrichment on the hand-annotated evaluation set.

    python bench/entities_eval.py [--split dev|heldout|blind|blind2|blind3|blind4|blind5|blind6|blind7|all] [--errors] [--json]

Runs the real pipeline (language, then entities) over tests/fixtures/entities/eval.jsonl (written
by bench/entities_gold.py from the markup files), one batch per language as if each file were one
chat, and reports per language, split and type:

- precision, recall and F1 of mentions, strict (same type, same span) and lenient (same type,
  overlapping spans);
- places: the share of gold places (found, lenient) whose geocode is right: a town within 25 km
  of the gold coordinates; a country with the gold country code; a region with the gold country,
  kind admin1, within 100 km of the gold point; a continent by kind and name;
- dates: the share of gold dates with a normalised value (found, lenient) whose normalised value
  agrees at the gold's precision.

``--errors`` prints every miss and false alarm of the chosen split (tune on dev only).
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from watchfloor.enrich import Pipeline  # noqa: E402
from watchfloor.model import Message  # noqa: E402

EVAL = ROOT / "tests" / "fixtures" / "entities" / "eval.jsonl"
TYPES = ("person", "organisation", "place", "date", "group")


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371 * math.asin(math.sqrt(a))


def geo_ok(gold: dict, geo: dict | None) -> bool:
    if not geo:
        return False
    kind = gold["kind"]
    if kind == "city":
        return km(gold["lat"], gold["lon"], geo["lat"], geo["lon"]) <= 25
    if kind == "country":
        return geo["kind"] == "country" and geo["country"] == gold["country"]
    if kind == "admin1":
        return (geo["kind"] == "admin1" and geo["country"] == gold["country"]
                and km(gold["lat"], gold["lon"], geo["lat"], geo["lon"]) <= 100)
    return geo["kind"] == kind and km(gold["lat"], gold["lon"], geo["lat"], geo["lon"]) <= 500


def date_ok(gold: str, value: dict) -> bool:
    got = value.get("normalised")
    return bool(got) and got[: len(gold)] == gold and len(got) >= len(gold)


def run(rows: list[dict]) -> dict[str, list]:
    """Predicted entity annotations per message id."""
    pipeline = Pipeline(["language", "entities"])
    by_lang: dict[str, list[dict]] = defaultdict(list)
    for r in rows:
        by_lang[r["lang"]].append(r)
    predicted: dict[str, list] = defaultdict(list)
    for lang, group in by_lang.items():
        messages = [Message(id=r["id"], chat_id=f"eval:{lang}", platform_id=r["id"], text=r["text"],
                            date=r["date"]) for r in group]
        for a in pipeline(messages):
            if a.kind == "entity":
                predicted[a.message_id].append(a)
    return predicted


def score(rows: list[dict], predicted: dict[str, list], errors: bool = False) -> dict:
    counts: dict[tuple[str, str, str], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for r in rows:
        preds = predicted.get(r["id"], [])
        golds = r["entities"]
        for key in ((r["lang"], r["split"]), (r["lang"], "all")):
            for t in TYPES:
                g = [e for e in golds if e["type"] == t]
                p = [a for a in preds if a.name == t]
                c = counts[(key[0], key[1], t)]
                c["gold"] += len(g)
                c["pred"] += len(p)
                c["strict"] += sum(1 for e in g if any(a.span == (e["start"], e["end"]) for a in p))
                lenient_gold = [e for e in g if any(a.span[0] < e["end"] and e["start"] < a.span[1] for a in p)]
                c["lenient_gold"] += len(lenient_gold)
                c["lenient_pred"] += sum(1 for a in p if any(a.span[0] < e["end"] and e["start"] < a.span[1] for e in g))
                for e in lenient_gold:
                    a = next(a for a in p if a.span[0] < e["end"] and e["start"] < a.span[1])
                    if t == "place":
                        c["geo_total"] += 1
                        c["geo_ok"] += geo_ok(e["gold"], a.value.get("geo"))
                        if errors and key[1] != "all" and not geo_ok(e["gold"], a.value.get("geo")):
                            geo = a.value.get("geo") or {}
                            print(f"GEO  {r['id']} {e['text']!r} gold={e['gold']} got={geo.get('name')} "
                                  f"{geo.get('country')} {geo.get('kind')} ({geo.get('lat')},{geo.get('lon')})")
                    if t == "date" and e["gold"].get("normalised"):
                        c["date_total"] += 1
                        ok = date_ok(e["gold"]["normalised"], a.value)
                        c["date_ok"] += ok
                        if errors and key[1] != "all" and not ok:
                            print(f"DATE {r['id']} {e['text']!r} gold={e['gold']['normalised']} got={a.value.get('normalised')}")
                if errors and key[1] != "all":
                    for e in g:
                        if not any(a.span == (e["start"], e["end"]) for a in p):
                            near = [(a.value["text"]) for a in p if a.span[0] < e["end"] and e["start"] < a.span[1]]
                            print(f"MISS {r['id']} {t:12} {e['text']!r} {'(got ' + repr(near) + ')' if near else ''} | {r['text']}")
                    for a in p:
                        if not any(a.span == (e["start"], e["end"]) for e in g):
                            print(f"FA   {r['id']} {t:12} {a.value['text']!r} via {a.value['via']} | {r['text']}")
    out = {}
    for (lang, split, t), c in counts.items():
        def prf(tp_p: int, tp_g: int) -> tuple[float, float, float]:
            p = tp_p / c["pred"] if c["pred"] else 0.0
            rr = tp_g / c["gold"] if c["gold"] else 0.0
            f = 2 * p * rr / (p + rr) if p + rr else 0.0
            return round(p, 3), round(rr, 3), round(f, 3)
        out[f"{lang}/{split}/{t}"] = {
            "gold": c["gold"], "pred": c["pred"],
            "strict": prf(c["strict"], c["strict"]),
            "lenient": prf(c["lenient_pred"], c["lenient_gold"]),
            "geocoded": round(c["geo_ok"] / c["geo_total"], 3) if c["geo_total"] else None,
            "geocoded_n": f"{c['geo_ok']}/{c['geo_total']}" if c["geo_total"] else None,
            "dates_normalised": round(c["date_ok"] / c["date_total"], 3) if c["date_total"] else None,
            "dates_n": f"{c['date_ok']}/{c['date_total']}" if c["date_total"] else None,
        }
    return out


def table(results: dict) -> str:
    lines = ["| lang | split | type | gold | P | R | F1 | lenient F1 | geocoded ≤ 25 km | dates right |",
             "|---|---|---|---:|---:|---:|---:|---:|---:|---:|"]
    for key in sorted(results, key=lambda k: (k.split("/")[0] != "en", k.split("/")[1], TYPES.index(k.split("/")[2]))):
        lang, split, t = key.split("/")
        r = results[key]
        p, rr, f = r["strict"]
        lines.append(f"| {lang} | {split} | {t} | {r['gold']} | {p:.2f} | {rr:.2f} | {f:.2f} | {r['lenient'][2]:.2f} | "
                     f"{r['geocoded_n'] or ''} | {r['dates_n'] or ''} |")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", choices=["dev", "heldout", "blind", "blind2", "blind3", "blind4", "blind5", "blind6", "blind7", "blind8", "blind9", "blind10", "all"], default="all")
    parser.add_argument("--errors", action="store_true", help="print misses and false alarms of --split")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    rows = [json.loads(line) for line in EVAL.read_text(encoding="utf-8").splitlines() if line.strip()]
    predicted = run(rows)
    chosen = rows if args.split == "all" else [r for r in rows if r["split"] == args.split]
    results = score(chosen, predicted, errors=args.errors)
    if args.json:
        print(json.dumps(results, indent=1))
    else:
        print(table(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
