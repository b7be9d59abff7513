"""The fine-tuned MiniLM threat classifier at inference: ONNX Runtime and the ``tokenizers``
package, no torch. ``finetune.py`` trains and exports it; ``models/threat-minilm.onnx`` is the
committed int8 model and ``models/minilm-tokenizer.json`` its tokenizer (all-MiniLM-L6-v2's)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np

# Inference reads at most 64 tokens although training read 128 (finetune.MAX_TOKENS): on the
# nine unseen channels that costs 0.003 F1 stacked (0.836 -> 0.833) and takes the labelling
# layer from about 210 to about 330 messages/s on 2 cores (docs/benchmarks.md, labels).
MAX_TOKENS = 64


def pad(seqs: Sequence[Sequence[int]]) -> tuple[np.ndarray, np.ndarray]:
    """Token id lists as one zero-padded (ids, attention mask) pair of int64 arrays."""
    n = max(len(x) for x in seqs)
    ids = np.zeros((len(seqs), n), dtype=np.int64)
    mask = np.zeros((len(seqs), n), dtype=np.int64)
    for row, x in enumerate(seqs):
        ids[row, :len(x)] = x
        mask[row, :len(x)] = 1
    return ids, mask


class OnnxClassifier:
    """Logits of a binary text classifier exported by ``finetune.export_onnx``."""

    def __init__(self, model: Path, tokenizer: Path, *, threads: int = 0) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        options = ort.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        options.log_severity_level = 3
        self._session = ort.InferenceSession(str(model), options, providers=["CPUExecutionProvider"])
        self._tok = Tokenizer.from_file(str(tokenizer))
        self._tok.enable_truncation(MAX_TOKENS)
        self._tok.no_padding()

    def logits(self, texts: Sequence[str], batch_size: int = 64) -> np.ndarray:
        if not texts:
            return np.zeros(0, dtype=np.float32)
        encoded = [e.ids for e in self._tok.encode_batch(list(texts))]
        order = sorted(range(len(encoded)), key=lambda i: len(encoded[i]))
        out = np.zeros(len(encoded), dtype=np.float32)
        for start in range(0, len(order), batch_size):
            chunk = order[start:start + batch_size]
            ids, mask = pad([encoded[i] for i in chunk])
            out[chunk] = self._session.run(None, {"input_ids": ids, "attention_mask": mask})[0]
        return out
