"""The `labels` enricher: stored on ingest with evidence; reporting vs quotes; service messages."""

from __future__ import annotations

from tests.conftest import chat_file, msg
from watchfloor.enrich import Batch, Pipeline
from watchfloor.enrich.labels import LabelEnricher
from watchfloor.ingest import ingest_paths
from watchfloor.model import Message
from watchfloor.store import open_store


def test_labels_are_stored_on_ingest(tmp_path):
    path = chat_file(tmp_path / "result.json", [
        msg(1, "Good morning, the meeting is at ten."),
        msg(2, "دوركم قادم يا خونة، سنذبحكم واحدا واحدا"),
        msg(3, "We take full responsibility for yesterday's operation at the depot."),
        msg(4, "😀😀"),
    ])
    store = open_store(str(tmp_path / "w.db"))
    ingest_paths(store, [str(path)], enrich=Pipeline(["labels"]))
    notes = [a for a in store.annotations([f"telegram:777:{i}" for i in range(1, 5)]) if a.kind == "label"]
    got = {(a.message_id, a.name) for a in notes}
    assert ("telegram:777:2", "violent_threat") in got
    assert ("telegram:777:3", "attack_claim") in got
    assert not any(m in {"telegram:777:1", "telegram:777:4"} for m, _ in got)
    threat = next(a for a in notes if a.name == "violent_threat")
    assert threat.enricher == "labels" and 0 < threat.score <= 1 and threat.evidence
    assert threat.span is not None and threat.value["threshold"] <= threat.score


def test_article_narrative_is_not_labelled_but_its_quotes_are():
    text = "Gunmen stormed a checkpoint, wounding three soldiers. We will hang every judge, one said."
    narrative = Message(id="article:x:0-90", chat_id="article:x", platform_id=None, text=text, kind="article")
    wire = Message(id="w", chat_id="article:x", platform_id=None, text="We will hang every judge.", reported=True)
    quote = Message(id="article:x:54-79", chat_id="article:x", platform_id=None,
                    text="We will hang every judge.", kind="quote")
    service = Message(id="s", chat_id="c", platform_id="1", text="We will hang every judge.", kind="service")
    notes = LabelEnricher().annotate(Batch([narrative, wire, quote, service]))
    assert {(a.message_id, a.name) for a in notes} == {("article:x:54-79", "violent_threat")}
