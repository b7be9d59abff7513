"""Build the static embedding model from the teacher (training-time only).

    python -m watchfloor.search.distil [--out FILE] [--dims 256]

The model2vec recipe, written for watchfloor: every kept piece of the teacher's tokenizer is
encoded *on its own* by the teacher (multilingual-e5-small), the vectors are reduced by PCA, and
each is weighted by how rare it is (smooth inverse frequency, ``a / (a + p)`` with ``p`` the
piece's unigram probability from the tokenizer itself). A message's vector is then the sum of
its pieces' vectors — a table lookup, thousands of messages a second.

Two additions to the recipe, both corpus-free:

- **Whole words.** The teacher's vocabulary splits many ordinary words into pieces that mean
  nothing alone (``northern`` = ``nor`` + ``ther`` + ``n``; Arabic words with their clitics), and
  a sum of meaningless pieces lands far from the same word in another language. So the most
  frequent words of English, Arabic, French and Russian (the word lists of the ``wordfreq``
  package, used only here, at build time) are encoded whole by the teacher too and looked up
  before segmentation; their weight uses the word's frequency from the same lists.
- **Common direction removed.** Sums of many piece vectors share a direction (what any text
  looks like); the frequency-weighted mean vector is subtracted from every row so that it does
  not dominate message similarity.

The vocabulary is trimmed to the scripts watchfloor's material is written in (Arabic, Latin,
Cyrillic, digits and punctuation) so the committed file stays under ~50 MB. Encoding the ~200k
entries takes 15-20 minutes on 2 cores; the teacher's vectors are cached next to the output
(by text), so an interrupted or changed run only encodes what is new.
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
WORD_LISTS = {"en": 25_000, "ar": 30_000, "fr": 15_000, "ru": 20_000}


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


def choose_words(segment: static.StaticModel) -> tuple[list[str], np.ndarray]:
    """Frequent words (lower case) that the pieces split, with their frequencies."""
    import wordfreq

    words: dict[str, float] = {}
    for lang, n in WORD_LISTS.items():
        for w in wordfreq.top_n_list(lang, n):
            if w in words or not w.isalpha() or len(segment.segment(w)) < 2:
                continue
            words[w] = wordfreq.word_frequency(w, lang)
    return list(words), np.asarray(list(words.values()), dtype=np.float64)


def teacher_vectors(texts: list[str], cache: str, batch: int = 256) -> np.ndarray:
    """The teacher's vector of each text; vectors already in ``cache`` (an .npz of texts and
    vectors) are reused, new ones added to it as they come."""
    known: dict[str, np.ndarray] = {}
    if os.path.exists(cache):
        with np.load(cache) as z:
            known = dict(zip(bytes(z["texts"]).decode("utf-8").split("\n"), z["vectors"]))
    todo = [t for t in dict.fromkeys(texts) if t not in known]
    started = time.perf_counter()
    for n, start in enumerate(range(0, len(todo), batch), start=1):
        part = todo[start : start + batch]
        known.update(zip(part, encode_passages(part)))
        if n % 16 == 0 or start + batch >= len(todo):
            keys = list(known)
            np.savez(cache + ".tmp.npz", texts=np.frombuffer("\n".join(keys).encode(), dtype=np.uint8),
                     vectors=np.stack([known[k] for k in keys]))
            os.replace(cache + ".tmp.npz", cache)
            done = min(start + batch, len(todo))
            print(f"  {done:,}/{len(todo):,} new texts encoded "
                  f"({done / (time.perf_counter() - started):.0f}/s)", flush=True)
    return np.stack([known[t] for t in texts])


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
    segmenter = static.StaticModel.segmenter(pieces, scores)
    words, word_freq = choose_words(segmenter)
    print(f"{len(pieces):,} of {len(vocab.pieces):,} teacher pieces and {len(words):,} whole words; "
          f"encoding them with {NAME}", flush=True)
    texts = [p.replace(static.SPACE, " ").strip() or p for p in pieces] + words
    vectors = teacher_vectors(texts, out + ".teacher.npz").astype(np.float64)
    reduced, mean, basis = pca(vectors, dims)
    prob = np.concatenate([np.exp(scores.astype(np.float64)), word_freq])
    weighted = reduced * (SIF_A / (SIF_A + prob))[:, None]
    # the direction every sum of pieces shares: their frequency-weighted mean
    common = (prob[:, None] * weighted).sum(axis=0) / prob.sum()
    weighted -= common
    static.save(out, pieces, scores, words, weighted.astype(np.float32),
                pca_mean=mean.astype(np.float32), pca_basis=basis.astype(np.float32),
                teacher=NAME, recipe=f"pieces+words,pca{dims},sif{SIF_A},common-removed")
    print(f"wrote {out} ({os.path.getsize(out) / 1e6:.1f} MB)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=static.DEFAULT_MODEL)
    ap.add_argument("--dims", type=int, default=256)
    ap.add_argument("--latin", type=int, default=80_000)
    ap.add_argument("--cyrillic", type=int, default=20_000)
    args = ap.parse_args()
    build(args.out, args.dims, args.latin, args.cyrillic)


if __name__ == "__main__":
    main()
