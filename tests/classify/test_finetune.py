"""The fine-tuning recipe's invariants that need no torch (training itself is `make train`'s)."""

from __future__ import annotations

from watchfloor.classify import encoder, finetune


def test_inference_reads_as_many_tokens_as_training():
    assert encoder.MAX_TOKENS == finetune.MAX_TOKENS


def test_the_shipped_recipe_fine_tunes_every_layer():
    cfg = finetune.FinetuneConfig()
    assert cfg.trained_layers == 6 and 2e-5 <= cfg.lr <= 5e-5 and cfg.warmup > 0


def test_the_cache_key_changes_with_the_recipe():
    from watchfloor.classify import cache

    a = cache.key(finetune.RECIPE, repr(finetune.FinetuneConfig()))
    b = cache.key(finetune.RECIPE, repr(finetune.FinetuneConfig(epochs=1)))
    assert a != b
