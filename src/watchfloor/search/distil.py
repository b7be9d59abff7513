"""Build the static embedding model from the teacher (training-time only; needs no corpus).

    python -m watchfloor.search.distil [--out FILE] [--dims 256] [--latin 60000] [--cyrillic 15000]

The model2vec recipe, written for watchfloor: every kept piece of the teacher's tokenizer is
encoded *on its own* by the teacher (multilingual-e5-small), the vectors are reduced by PCA, and
each is weighted by how rare its piece is (smooth inverse frequency, ``a / (a + p)`` with ``p``
the piece's unigram probability from the tokenizer itself). A message's vector is then the sum of
its pieces' vectors — a table lookup, thousands of messages a second.

The vocabulary is trimmed to the scripts watchfloor's material is written in (Arabic, Latin,
Cyrillic, digits and punctuation), keeping the most probable Latin and Cyrillic pieces, so the
committed file stays small. Encoding ~100k pieces takes 10-20 minutes on 2 cores; the teacher's
vectors are checkpointed next to the output, so an interrupted run resumes.
"""

from __future__ import annotations

import argparse
import os
import time
import unicodedata

import numpy as np

from watchfloor.search import static
from watchfloor.search.teacher import NAME, encode_passages, teacher_vocabulary

SIF_A = 1e-3
SPECIAL = {"<s>", "<pad>", "</s>", "<unk>"}


def script_of(piece: str) -> str:
    """'arabic', 'latin', 'cyrillic', 'common' (digits, punctuation, symbols) or 'other'."""
    scripts = set()
    for ch in piece.replace(static.SPACE, ""):
        if not ch.isalpha():
            continue
        scripts.add(unicodedata.name(ch, "?").split()[0])
    if not scripts:
        return "common"
    if len(scripts) > 1:
        return "other"
    (name,) = scripts
    return {"ARABIC": "arabic", "LATIN": "latin", "CYRILLIC": "cyrillic"}.get(name, "other")


def choose_pieces(pieces: list[str], scores: np.ndarray, latin: int, cyrillic: int) -> list[int]:
    """Indices of the pieces to keep: all Arabic-script and common pieces, the ``latin`` and
    ``cyrillic`` most probable of those scripts."""
    by_script: dict[str, list[int]] = {}
    for i, p in enumerate(pieces):
        if p in SPECIAL or not p.replace(static.SPACE, ""):
            continue
        by_script.setdefault(script_of(p), []).append(i)
    keep: list[int] = []
    for name, cap in (("arabic", None), ("common", None), ("latin", latin), ("cyrillic", cyrillic)):
        ids = sorted(by_script.get(name, []), key=lambda i: -scores[i])
        keep.extend(ids if cap is None else ids[:cap])
    return sorted(keep)


def teacher_vectors(texts: list[str], checkpoint: str, batch: int = 256) -> np.ndarray:
    """The teacher's vector of each text, resuming from ``checkpoint`` (a .npy of rows done)."""
    done = np.load(checkpoint) if os.path.exists(checkpoint) else np.zeros((0, 384), np.float32)
    out = [done]
    started, n = time.perf_counter(), len(done)
    for start in range(len(done), len(texts), batch):
        out.append(encode_passages(texts[start : start + batch]))
        n = start + len(out[-1])
        if len(out) % 8 == 0 or n == len(texts):
            np.save(checkpoint + ".tmp.npy", np.concatenate(out))
            os.replace(checkpoint + ".tmp.npy", checkpoint)
            rate = (n - len(done)) / (time.perf_counter() - started)
            print(f"  {n:,}/{len(texts):,} pieces encoded ({rate:.0f}/s)", flush=True)
    return np.concatenate(out)


def pca(x: np.ndarray, dims: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(x reduced to ``dims``, the mean, the basis: dims x input dims)."""
    mean = x.mean(axis=0)
    centred = x - mean
    _, _, vt = np.linalg.svd(centred, full_matrices=False)
    return centred @ vt[:dims].T, mean, vt[:dims]


def build(out: str, dims: int, latin: int, cyrillic: int) -> None:
    vocab = teacher_vocabulary()
    keep = choose_pieces(vocab.pieces, vocab.scores, latin, cyrillic)
    pieces = [vocab.pieces[i] for i in keep]
    scores = vocab.scores[keep]
    print(f"{len(pieces):,} of {len(vocab.pieces):,} teacher pieces kept; encoding them with {NAME}")
    texts = [p.replace(static.SPACE, " ").strip() or p for p in pieces]
    vectors = teacher_vectors(texts, out + ".teacher.npy")
    reduced, mean, basis = pca(vectors.astype(np.float64), dims)
    weights = SIF_A / (SIF_A + np.exp(scores.astype(np.float64)))
    static.save(out, pieces, scores, (reduced * weights[:, None]).astype(np.float32),
                pca_mean=mean.astype(np.float32), pca_basis=basis.astype(np.float32),
                teacher=NAME, recipe=f"pca{dims}+sif{SIF_A}")
    print(f"wrote {out} ({os.path.getsize(out) / 1e6:.1f} MB)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=static.DEFAULT_MODEL)
    ap.add_argument("--dims", type=int, default=256)
    ap.add_argument("--latin", type=int, default=60_000)
    ap.add_argument("--cyrillic", type=int, default=15_000)
    args = ap.parse_args()
    build(args.out, args.dims, args.latin, args.cyrillic)


if __name__ == "__main__":
    main()
