"""The fine-tuning recipe's invariants that need no torch (training itself is `make train`'s)."""

from __future__ import annotations

from watchfloor.classify import encoder, finetune


def test_inference_reads_no_more_tokens_than_training():
    # inference is cut shorter than training (64 of 128) for speed, at 0.003 of F1
    # (docs/benchmarks.md); reading more than the model was trained on would be untested ground
    assert 32 <= encoder.MAX_TOKENS <= finetune.MAX_TOKENS


def test_the_shipped_recipe_fine_tunes_every_layer():
    cfg = finetune.FinetuneConfig()
    assert cfg.trained_layers == 6 and 2e-5 <= cfg.lr <= 5e-5 and cfg.warmup > 0


def test_the_cache_key_changes_with_the_recipe():
    from watchfloor.classify import cache

    a = cache.key(finetune.RECIPE, repr(finetune.FinetuneConfig()))
    b = cache.key(finetune.RECIPE, repr(finetune.FinetuneConfig(epochs=1)))
    assert a != b
