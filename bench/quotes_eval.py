"""Precision and recall of quote -> speaker attribution on the article evaluation sets.

    python bench/quotes_eval.py [--verbose]

Two sets of fictional articles with hand-written gold (tests/fixtures/articles: 25 articles,
written before the extractor and used while developing it; tests/fixtures/articles_heldout:
written after it and never used to develop it). A statement counts as correct when it is found
with its exact span and kind and attributed to the right speaker (by name; an unnamed speaker
is correct when none is given). Precision = correct / statements found; recall = correct /
gold statements.

Baseline, in the same run: every span between double quotation marks is a statement, spoken by
the nearest capitalised name of two or more words before it in its paragraph — what a reader
with a regular expression and no attribution grammar gets.

It also times the reader (parse + attribution) over each set.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "src"))

from tests.support.gold import ARTICLES, HELDOUT, Case, Score, Statement, load, paths  # noqa: E402
from watchfloor.text.quotes import find_quoted  # noqa: E402

_NAME = re.compile(r"(?:[A-Z][\w'’-]+|al-[A-Z][\w'’-]+)(?:\s+(?:[A-Z][\w'’-]+|al-[A-Z][\w'’-]+|bin|ibn|abu))+")


def baseline(case: Case) -> list[Statement]:
    text = case.article.text
    out = []
    for q in find_quoted(text, case.article.paragraphs):
        para = case.article.paragraphs[q.paragraphs[0]]
        names = _NAME.findall(text[para.start:q.open_at])
        out.append(Statement("quote", q.start, q.end, names[-1] if names else None, None))
    return out


def evaluate(folder: Path, verbose: bool) -> tuple[Score, Score, float, int]:
    ours, base = Score(), Score()
    seconds = 0.0
    nbytes = 0
    for path in paths(folder):
        started = time.perf_counter()
        case = load(path)
        seconds += time.perf_counter() - started
        nbytes += path.stat().st_size
        ours.add(case)
        base_case = Case(case.path, case.gold, case.article, case.expected, baseline(case))
        base.add(base_case)
        if verbose:
            found = {(s.kind, s.start, s.end): s for s in case.found}
            for e in case.expected:
                f = found.get((e.kind, e.start, e.end))
                if f is None or (f.speaker or "").casefold() != (e.speaker or "").casefold():
                    print(f"  miss {path.name}: {case.article.text[e.start:e.end][:50]!r} "
                          f"gold={e.speaker!r} got={f.speaker if f else 'not found'!r}")
            extra = set(found) - {(e.kind, e.start, e.end) for e in case.expected}
            for key in extra:
                print(f"  extra {path.name}: {case.article.text[key[1]:key[2]][:50]!r}")
    return ours, base, seconds, nbytes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--verbose", action="store_true", help="list every miss")
    args = parser.parse_args()
    print("| set | articles | statements | found | precision | recall | exact spans | right cue | baseline P | baseline R | ms/article |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for label, folder in (("development", ARTICLES), ("held-out", HELDOUT)):
        ours, base, seconds, _ = evaluate(folder, args.verbose)
        n = len(paths(folder))
        print(f"| {label} | {n} | {ours.gold} | {ours.found} | {ours.precision:.3f} | {ours.recall:.3f} | "
              f"{ours.span_correct}/{ours.gold} | {ours.cue_correct}/{ours.gold} | {base.precision:.3f} | "
              f"{base.recall:.3f} | {1000 * seconds / n:.1f} |")


if __name__ == "__main__":
    main()
