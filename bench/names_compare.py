"""Measure `watchfloor names compare` on the labelled pairs, with a baseline in the same run.

    .venv/bin/python bench/names_compare.py [--split dev|test|all] [--errors]

The pairs are tests/fixtures/names/pairs.tsv (or --pairs FILE: the held-out set,
tests/fixtures/names/pairs_holdout.tsv). Each pair belongs to the dev half (used to tune the
comparison) or the held-out test half by a hash of its text, so the split is fixed and nobody
chooses it. Two baselines run alongside: rapidfuzz's token_sort_ratio on the raw strings
(lower-cased) - what a fuzzy matcher does without knowing about Arabic names - and rapidfuzz's ratio
on the two names' transliteration keys - what the keys alone do without the part-by-part decision -
each at the threshold that gives it its best F1 on the dev half. For groups with no same-person pairs (the hard negatives) precision, recall and
F1 do not apply: read the accuracy (the share of pairs kept apart).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sys
import time
from collections import defaultdict

from rapidfuzz import fuzz

from watchfloor.text.name_compare import compare
from watchfloor.text.translit import name_key

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PAIRS = os.path.join(ROOT, "tests", "fixtures", "names", "pairs.tsv")
HARD = {"shared_nisba", "shared_kunya", "near_name", "cross_script_different"}


def split_of(a: str, b: str) -> str:
    return "dev" if int(hashlib.sha1(f"{a}\t{b}".encode()).hexdigest(), 16) % 5 < 2 else "test"


def load(path: str = PAIRS) -> list[tuple[str, str, bool, str, str]]:
    rows = []
    with open(path, encoding="utf-8") as f:
        lines = [line.rstrip("\n") for line in f if line.strip() and not line.startswith("#")]
    for line in lines[1:]:
        a, b, same, category = line.split("\t")
        rows.append((a, b, same == "1", category, split_of(a, b)))
    return rows


def prf(pairs: list[tuple[bool, bool]]) -> tuple[float, float, float, float]:
    tp = sum(1 for gold, pred in pairs if gold and pred)
    fp = sum(1 for gold, pred in pairs if not gold and pred)
    fn = sum(1 for gold, pred in pairs if gold and not pred)
    correct = sum(1 for gold, pred in pairs if gold == pred)
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f, correct / len(pairs) if pairs else 0.0


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--split", choices=["dev", "test", "all"], default="all")
    ap.add_argument("--errors", action="store_true", help="print the pairs the comparison gets wrong")
    ap.add_argument("--pairs", default=PAIRS, help="a pairs file (default: the labelled set)")
    args = ap.parse_args()
    rows = load(args.pairs)
    baseline_scores = [fuzz.token_sort_ratio(a.lower(), b.lower()) for a, b, *_ in rows]
    key_scores = [fuzz.ratio(name_key(a), name_key(b)) for a, b, *_ in rows]
    # the baselines' best thresholds (by F1, never "everything is one person"), chosen on dev only

    def best_threshold(scores: list[float]) -> int:
        dev = [(s, r[2]) for s, r in zip(scores, rows) if r[4] == "dev"]
        return max(range(1, 101), key=lambda t: prf([(g, s >= t) for s, g in dev])[2])

    best_t, best_k = best_threshold(baseline_scores), best_threshold(key_scores)
    started = time.perf_counter()
    results = [compare(a, b) for a, b, *_ in rows]
    seconds = time.perf_counter() - started
    table: dict[str, dict[str, list[tuple[bool, bool]]]] = defaultdict(lambda: defaultdict(list))
    for row, res, base, keyed in zip(rows, results, baseline_scores, key_scores):
        a, b, gold, category, split = row
        if args.split != "all" and split != args.split:
            continue
        for group in ("all", split, f"{split}:{category}", f"all:{category}",
                      f"{split}:hard" if category in HARD else f"{split}:easy",
                      "all:hard" if category in HARD else "all:easy"):
            table[group]["watchfloor"].append((gold, res.same_person))
            table[group]["baseline"].append((gold, base >= best_t))
            table[group]["keys"].append((gold, keyed >= best_k))
        if args.errors and gold != res.same_person:
            print(f"WRONG [{split} {category}] {a!r} vs {b!r}: gold={gold} score={res.score} :: {res.explanation}",
                  file=sys.stderr)
    print(f"{len(rows)} pairs; compare took {seconds * 1000 / len(rows):.2f} ms a pair (names parsed each time)")
    print(f"baseline: rapidfuzz token_sort_ratio on the raw strings >= {best_t}; "
          f"keys: rapidfuzz ratio on the translit keys >= {best_k} (best F1 on dev)\n")
    print(f"{'group':34} {'n':>4}  {'P':>5} {'R':>5} {'F1':>5} {'acc':>5}   {'base F1':>7} {'base acc':>8}"
          f"   {'keys F1':>7} {'keys acc':>8}")
    for group in sorted(table, key=lambda g: (g.split(":")[0] != "all", g.split(":")[0], ":" in g, g)):
        w = prf(table[group]["watchfloor"])
        bl = prf(table[group]["baseline"])
        kb = prf(table[group]["keys"])
        n = len(table[group]["watchfloor"])
        if any(gold for gold, _ in table[group]["watchfloor"]):
            print(f"{group:34} {n:>4}  {w[0]:5.3f} {w[1]:5.3f} {w[2]:5.3f} {w[3]:5.3f}   {bl[2]:7.3f} {bl[3]:8.3f}"
                  f"   {kb[2]:7.3f} {kb[3]:8.3f}")
        else:
            print(f"{group:34} {n:>4}  {'-':>5} {'-':>5} {'-':>5} {w[3]:5.3f}   {'-':>7} {bl[3]:8.3f}"
                  f"   {'-':>7} {kb[3]:8.3f}")


if __name__ == "__main__":
    main()
