"""The labelled data the shipped models learn from, and the one validation split everyone uses.

Nothing here ships text: the shared data sets are read from ``../shared/data`` (or
``$WATCHFLOOR_DATA``) at training and evaluation time only; our own fictional examples live in
``classify/examples.jsonl``.

The split. ``telegram-threats`` holds replies from eleven channels, and channels repeat themselves,
so a random split over-states accuracy. The validation channels are every channel except the two
largest (ResisttheMainstream, AnalyzingAmerica): nine communities, 3,079 replies, that the models
never see in training. The list is written out below so that a change to the data cannot move it.
Thresholds and ensemble weights are chosen on the training channels only (one training channel
scored by models trained on the other), never on these.

The channel folds (``CHANNEL_FOLDS``) ask what more communities in training would give: each fold
of the nine validation channels is held out in turn while the models learn from the two largest
channels and the other fold (``split_threats(rows, CHANNEL_FOLDS[name])``); every reply of the
nine is then scored by the models that never saw its channel (``bench/label_accuracy.py
--channel-folds``). The folds are fixed by a rule, before any result: fold A is the largest of the
nine channels, fold B the eight others.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import orjson

from watchfloor.errors import InputError, WatchfloorError

HELD_OUT_CHANNELS: frozenset[str] = frozenset({
    "AlexJones",
    "AnticapitalistSurrealism",
    "BlackCrimesMatter",
    "COVIDVACCINEVICTIMS",
    "DonaldTrumpJr",
    "InfoWars",
    "LacansWhreHouse",
    "PatriotStreetfighter",
    "TrumpSupportersChannel",
})

# fold A: the largest validation channel (1,380 replies); fold B: the other eight (1,699)
CHANNEL_FOLDS: dict[str, frozenset[str]] = {
    "A": frozenset({"TrumpSupportersChannel"}),
    "B": HELD_OUT_CHANNELS - {"TrumpSupportersChannel"},
}

THREATS = "telegram-threats/train.jsonl"
STORMFRONT = "stormfront/sentences.jsonl"
EXAMPLES = Path(__file__).with_name("examples.jsonl")


@dataclass(frozen=True, slots=True)
class Example:
    """One labelled text. ``labels`` are the labels it carries (empty: none of them)."""

    id: str
    text: str
    labels: frozenset[str]
    group: str  # the channel, forum user or "ours": whole groups go to one side of a split
    source: str  # "telegram-threats", "stormfront", "ours", or the analyst's file
    lang: str = "en"
    split: str | None = None  # the data set's own split, where it has one (Stormfront: train/test)


def data_dir() -> Path:
    """Where the shared labelled data lives: ``$WATCHFLOOR_DATA``, else the first ``shared/data``
    found beside the repository or a folder above it (``../shared/data`` for a clone)."""
    env = os.environ.get("WATCHFLOOR_DATA")
    if env:
        return Path(env)
    repo = Path(__file__).resolve().parents[3]
    for folder in repo.parents:
        if (folder / "shared" / "data").is_dir():
            return folder / "shared" / "data"
    return repo.parent / "shared" / "data"


def read_jsonl(path: str | Path) -> Iterator[dict]:
    """Objects of a JSONL file, one a line; blank lines skipped; a bad line is an InputError."""
    try:
        f = open(path, "rb")  # noqa: SIM115
    except OSError as e:
        raise InputError(str(path), e.strerror or "cannot be read") from None
    with f:
        yield from jsonl_objects(str(path), f)


def jsonl_objects(name: str, f: Iterable[bytes]) -> Iterator[dict]:
    """Objects of an open JSONL stream (a file, standard input), named ``name`` in errors."""
    for n, line in enumerate(f, 1):
        if not line.strip():
            continue
        try:
            obj = orjson.loads(line)
        except orjson.JSONDecodeError:
            raise InputError(name, f"line {n} is not JSON") from None
        if not isinstance(obj, dict):
            raise InputError(name, f"line {n} is not a JSON object")
        yield obj


def _require(path: Path) -> Path:
    if not path.exists():
        raise WatchfloorError(
            f"{path}: training data not found (set $WATCHFLOOR_DATA to the folder holding "
            "telegram-threats/ and stormfront/)"
        )
    return path


def threats(root: Path | None = None) -> list[Example]:
    """ThreatGram101 replies: ``violent_threat`` or nothing (``judicial`` and ``none`` are both negatives)."""
    path = _require((root or data_dir()) / THREATS)
    return [
        Example(str(r["id"]), r["text"], frozenset({"violent_threat"}) if r["label"] == "violent_threat"
                else frozenset(), r["channel"], "telegram-threats")
        for r in read_jsonl(path)
    ]


def threat_classes(root: Path | None = None) -> list[tuple[str, str]]:
    """(channel, three-way class) for each ThreatGram101 reply, in file order."""
    path = _require((root or data_dir()) / THREATS)
    return [(r["channel"], r["label"]) for r in read_jsonl(path)]


def stormfront(root: Path | None = None) -> list[Example]:
    """Stormfront sentences: ``hate`` or nothing, grouped by forum user."""
    path = _require((root or data_dir()) / STORMFRONT)
    return [
        Example(str(r["id"]), r["text"], frozenset({"hate"}) if r["label"] == "hate" else frozenset(),
                f"sf:{r['user_id']}", "stormfront", split=r.get("split"))
        for r in read_jsonl(path)
    ]


def ours(path: Path = EXAMPLES) -> list[Example]:
    """Our own fictional examples for every label, in English, Arabic, Russian and French."""
    return [
        Example(r["id"], r["text"], frozenset(r["labels"]), "ours", "ours", r.get("lang", "en"))
        for r in read_jsonl(path)
    ]


def analyst_examples(path: str | Path, label: str) -> list[Example]:
    """An analyst's labelled JSONL: ``{"text", "labels": [...]}`` or ``{"text", "label": name}``
    per line (``"label": "none"`` or ``"labels": []`` for negatives); optional ``"id"``, ``"group"``."""
    out = []
    for n, r in enumerate(read_jsonl(path), 1):
        text = r.get("text")
        if not isinstance(text, str):
            raise InputError(str(path), f"line {n} has no \"text\" string")
        if "labels" in r:
            labels = r["labels"]
        elif "label" in r:
            labels = [] if r["label"] in (None, "none", "") else [r["label"]]
        else:
            raise InputError(str(path), f"line {n} has neither \"labels\" nor \"label\"")
        if not isinstance(labels, list) or not all(isinstance(x, str) for x in labels):
            raise InputError(str(path), f"line {n}: \"labels\" must be a list of label names")
        out.append(Example(str(r.get("id", n)), text, frozenset(x for x in labels if x == label),
                           str(r.get("group", n % 5)), str(path)))
    if not out:
        raise InputError(str(path), "no labelled lines")
    return out


def split_threats(rows: list[Example], held_out: frozenset[str] = HELD_OUT_CHANNELS
                  ) -> tuple[list[Example], list[Example]]:
    """(training, validation): validation is every reply from a ``held_out`` channel (by default
    HELD_OUT_CHANNELS, the shipped split; ``CHANNEL_FOLDS[name]`` for a channel fold)."""
    train = [r for r in rows if r.group not in held_out]
    valid = [r for r in rows if r.group in held_out]
    return train, valid
