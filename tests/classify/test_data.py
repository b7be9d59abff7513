"""The validation split is by channel and reproducible; tests skip where the shared data is absent."""

from __future__ import annotations

import pytest

from watchfloor.classify import data

needs_data = pytest.mark.skipif(not (data.data_dir() / data.THREATS).exists(), reason="shared data not present")


@needs_data
def test_validation_channels_are_never_in_training():
    rows = data.threats()
    train, valid = data.split_threats(rows)
    assert {e.group for e in train}.isdisjoint({e.group for e in valid})
    assert {e.group for e in valid} == data.HELD_OUT_CHANNELS
    assert len(train) + len(valid) == len(rows) and len(valid) > 2000


def test_channel_folds_split_the_validation_channels_once():
    folds = list(data.CHANNEL_FOLDS.values())
    assert frozenset().union(*folds) == data.HELD_OUT_CHANNELS
    assert sum(len(f) for f in folds) == len(data.HELD_OUT_CHANNELS)


def test_a_fold_trains_on_every_channel_but_its_own():
    rows = [data.Example(str(i), "text", frozenset(), ch, "telegram-threats")
            for i, ch in enumerate(["ResisttheMainstream", "AnalyzingAmerica", *sorted(data.HELD_OUT_CHANNELS)])]
    for held in data.CHANNEL_FOLDS.values():
        train, valid = data.split_threats(rows, held)
        assert {e.group for e in valid} == held
        assert {e.group for e in train} == {e.group for e in rows} - held
    train, valid = data.split_threats(rows)  # the shipped split by default
    assert {e.group for e in train} == {"ResisttheMainstream", "AnalyzingAmerica"}


@needs_data
def test_fold_a_is_the_largest_validation_channel():
    from collections import Counter

    sizes = Counter(e.group for e in data.threats() if e.group in data.HELD_OUT_CHANNELS)
    assert data.CHANNEL_FOLDS["A"] == {max(sizes, key=sizes.get)}
    assert sum(sizes[c] for c in data.CHANNEL_FOLDS["B"]) > sizes[max(sizes, key=sizes.get)]


def test_the_stack_channel_cannot_be_held_out(tmp_path):
    from watchfloor.classify import train
    from watchfloor.errors import WatchfloorError

    with pytest.raises(WatchfloorError, match="fits the stack"):
        train.build(tmp_path, held_out=frozenset({train.STACK_CHANNEL}))
    assert not any(tmp_path.iterdir())


def test_our_examples_cover_every_label_in_four_languages():
    from watchfloor.classify.taxonomy import LABELS

    rows = data.ours()
    for name in LABELS:
        langs = {e.lang for e in rows if name in e.labels}
        assert {"en", "ar", "ru", "fr"} <= langs or name == "glorification" and {"en", "ar", "fr"} <= langs, name
    assert any(not e.labels for e in rows)


def test_analyst_file_errors_are_one_line(tmp_path):
    from watchfloor.errors import InputError

    bad = tmp_path / "mine.jsonl"
    bad.write_text('{"text": "a", "label": "hate"}\nnot json\n')
    with pytest.raises(InputError, match=r"mine.jsonl: line 2 is not JSON"):
        data.analyst_examples(bad, "hate")
    bad.write_text('{"label": "hate"}\n')
    with pytest.raises(InputError, match="no \"text\""):
        data.analyst_examples(bad, "hate")
