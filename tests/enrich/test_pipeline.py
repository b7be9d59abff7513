"""The enrichment pipeline: registration, order, storage with the source, re-runs by version."""

from __future__ import annotations

import pytest

from tests.conftest import chat_file, msg
from watchfloor import enrich
from watchfloor.enrich import Batch, Pipeline
from watchfloor.errors import WatchfloorError
from watchfloor.ingest import enrich_store, ingest_paths
from watchfloor.model import Annotation
from watchfloor.store import open_store


class WordCount:
    """Counts words; a real (if humble) enricher for exercising the pipeline."""

    name = "test_words"

    def __init__(self, version: str = "1") -> None:
        self.version = version

    def annotate(self, batch: Batch) -> list[Annotation]:
        return [
            Annotation(kind="count", name="words", enricher=self.name, version=self.version,
                       message_id=m.id, value=len(m.text.split()))
            for m in batch.messages
        ]


class Loud:
    """Uses what WordCount said: marks messages of more than three words."""

    name = "test_loud"
    version = "1"

    def annotate(self, batch: Batch) -> list[Annotation]:
        counts = {a.message_id: a.value for a in batch.of("count")}
        return [
            Annotation(kind="label", name="long", enricher=self.name, version=self.version,
                       message_id=m.id, score=1.0, evidence=[m.text])
            for m in batch.messages if counts[m.id] > 3
        ]


@pytest.fixture
def registered(monkeypatch):
    monkeypatch.setattr(enrich, "_FACTORIES", {})
    enrich.register("test_words", WordCount)
    enrich.register("test_loud", Loud)
    yield


def test_ingest_runs_the_pipeline_in_order(tmp_path, registered):
    path = chat_file(tmp_path / "result.json", [msg(1, "one two"), msg(2, "one two three four five")])
    store = open_store(str(tmp_path / "w.db"))
    ingest_paths(store, [str(path)], enrich=Pipeline())
    notes = store.annotations(["telegram:777:1", "telegram:777:2"])
    assert [(a.message_id, a.kind, a.value) for a in notes if a.kind == "count"] == [
        ("telegram:777:1", "count", 2), ("telegram:777:2", "count", 5)]
    assert [(a.message_id, a.name, a.evidence) for a in notes if a.kind == "label"] == [
        ("telegram:777:2", "long", ["one two three four five"])]
    (source,) = store.sources()
    assert store.enriched(source.sha256) == {"test_words": "1", "test_loud": "1"}
    # a second ingest of the same messages adds no second set of annotations
    ingest_paths(store, [str(path)], enrich=Pipeline(), force=True)
    assert len(store.annotations(["telegram:777:1", "telegram:777:2"])) == 3


def test_enrich_reruns_only_outdated_enrichers(tmp_path, registered):
    path = chat_file(tmp_path / "result.json", [msg(1, "a b c d e")])
    store = open_store(str(tmp_path / "w.db"))
    ingest_paths(store, [str(path)], enrich=None)
    assert store.annotations(["telegram:777:1"]) == []
    report = enrich_store(store, Pipeline(["test_words"]))
    assert (report.sources, report.messages) == (1, 1)
    assert enrich_store(store, Pipeline(["test_words"])).sources == 0  # up to date
    enrich.register("test_words", lambda: WordCount("2"))
    report = enrich_store(store, Pipeline(["test_words"]))
    assert report.sources == 1
    notes = store.annotations(["telegram:777:1"])
    assert [(a.version, a.value) for a in notes] == [("2", 5)]  # replaced, not added


def test_unknown_enricher_is_a_clear_error(registered):
    with pytest.raises(WatchfloorError, match="unknown enricher nope"):
        Pipeline(["nope"])


def test_messages_read_back_as_records(tmp_path):
    path = chat_file(tmp_path / "result.json", [
        msg(1, "hello", reply_to_message_id=7, photo="photos/a.jpg"),
    ])
    store = open_store(str(tmp_path / "w.db"))
    ingest_paths(store, [str(path)])
    (batch,) = list(store.messages())
    (m,) = batch
    assert (m.id, m.text, m.reply_to, m.media[0].path) == ("telegram:777:1", "hello", "7", "photos/a.jpg")
    assert [x.id for b in store.messages(ids=["telegram:777:1", "missing"]) for x in b] == ["telegram:777:1"]
