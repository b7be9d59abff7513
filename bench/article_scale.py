"""Reading one very large article: time and peak memory of `watchfloor analyze` against a floor.

    python bench/article_scale.py [--mb 50] [--keep]

Generates a fictional plain-text article of about ``--mb`` megabytes (paragraphs of generic
newsroom sentences, one quotation with a named speaker in every third paragraph, scare quotes,
brackets and abbreviations) and runs, each in a fresh process so that peak memory is its own:

- floor: read the file, decode it and split it into paragraphs — the least any reader must do;
- watchfloor: ``watchfloor analyze FILE --json --no-enrich`` (decode, paragraphs, quotations,
  attribution, records, the JSON document), output discarded.

The point is that the time grows linearly with the text (no regular expression backtracks) and
that bad input of this size ends in a result, not a hang.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WATCHFLOOR = [sys.executable, "-m", "watchfloor"]

FLOOR = r"""
import sys
data = open(sys.argv[1], "rb").read().decode("utf-8")
paragraphs = [p for p in data.split("\n\n") if p.strip()]
print(len(paragraphs))
"""

SENTENCES = [
    "Officials said on Tuesday that the talks would resume after the holiday.",
    "The group, which calls itself the “Valley Front”, has not commented.",
    "Dr. Marek Novak, who studies the region, said the numbers were uncertain.",
    "Residents described long queues at the checkpoint (some waited for hours).",
    "According to the report, three villages lost power for two days.",
]
QUOTE = "“We will wait for the council [to decide],” Abu Karim al-Raqqawi wrote on {day}."


def generate(path: Path, megabytes: int) -> int:
    rng = random.Random(7)
    target = megabytes * 1_000_000
    written = 0
    paragraphs = 0
    with open(path, "w", encoding="utf-8") as f:
        f.write("A very long report\n\nMarch 3, 2024\n\n")
        while written < target:
            body = " ".join(rng.choice(SENTENCES) for _ in range(5))
            if paragraphs % 3 == 0:
                body += " " + QUOTE.format(day=rng.choice(["Monday", "Friday"]))
            f.write(body + "\n\n")
            written += len(body.encode()) + 2
            paragraphs += 1
    return paragraphs


def timed(cmd: list[str]) -> tuple[float, float]:
    started = time.perf_counter()
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, cwd=ROOT)
    elapsed = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return elapsed, max(peak, before) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--mb", type=int, default=50)
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="wf-article-"))
    print("| size MB | paragraphs | floor s | watchfloor s | MB/s | watchfloor peak RSS MB |")
    print("|---:|---:|---:|---:|---:|---:|")
    for mb in sorted({max(1, args.mb // 10), args.mb}):
        path = folder / f"article_{mb}.txt"
        paragraphs = generate(path, mb)
        floor_s, _ = timed([sys.executable, "-c", FLOOR, str(path)])
        ours_s, peak = timed([*WATCHFLOOR, "analyze", str(path), "--json", "--no-enrich"])
        size = os.path.getsize(path) / 1e6
        print(f"| {size:.0f} | {paragraphs:,} | {floor_s:.2f} | {ours_s:.1f} | {size / ours_s:.2f} | {peak:.0f} |")
        if not args.keep:
            path.unlink()
    if not args.keep:
        folder.rmdir()


if __name__ == "__main__":
    main()
