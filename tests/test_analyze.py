"""`watchfloor analyze`: one file, no database, one JSON document that follows its schema."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from tests.conftest import ROOT, run_cli
from tests.support.gold import paths
from watchfloor import enrich
from watchfloor.analyze import analyze_path
from watchfloor.enrich import Batch, Pipeline
from watchfloor.model import Annotation

SCHEMA = json.loads((ROOT / "docs" / "analyze.schema.json").read_text())
SAMPLE = ROOT / "samples" / "telegram" / "ChatExport_2024-03-02" / "result.json"
ARTICLE = next(p for p in paths() if p.name.startswith("04_"))


def valid(doc: dict) -> dict:
    jsonschema.validate(doc, SCHEMA)
    return doc


def test_schema_is_a_valid_schema():
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


@pytest.mark.parametrize("path", paths(), ids=lambda p: p.name)
def test_every_article_of_the_set_validates(path: Path):
    doc = valid(analyze_path(str(path), Pipeline([])))
    text = doc["source"]["text"]
    actors = {a["id"] for a in doc["actors"]}
    for m in doc["messages"]:
        assert m["kind"] in ("quote", "reporting")
        assert text[m["span"][0]:m["span"][1]] == m["text"]
        assert m["actor"] is None or m["actor"] in actors
        for s, e in m["insertions"]:
            assert m["span"][0] <= s < e <= m["span"][1]
    for a in doc["actors"]:  # every named speaker is taken apart by the name engine
        assert a["name"] is None or set(a["name_parts"]) >= {"kunya", "ism", "nasab", "nisba", "laqab"}


def test_cli_prints_the_document(tmp_path):
    r = run_cli("analyze", str(ARTICLE), "--json")
    assert r.code == 0, r.err
    doc = valid(r.json())
    assert doc["source"]["kind"] == "article"
    assert doc["source"]["title"] == "Old messages praise a dead commander"
    assert doc["source"]["date"] == "2022-11-02T00:00:00Z"
    (first, second) = doc["messages"]
    speaker = next(a for a in doc["actors"] if a["id"] == first["actor"])
    assert (speaker["name"], speaker["role"]) == ("Nasir al-Mahdawi", "Sheikh")
    assert first["cue"] == "wrote" and first["reported"] is False
    assert [doc["source"]["text"][s:e] for s, e in first["insertions"]] == [
        "(Al Zarqawi)", "(a commander who was killed last year)"]
    assert not (tmp_path / "watchfloor.db").exists()


def test_cli_summary_is_readable():
    r = run_cli("analyze", str(ARTICLE))
    assert r.code == 0, r.err
    assert r.out.splitlines()[0] == "article: Old messages praise a dead commander"
    assert "Nasir al-Mahdawi (Sheikh) wrote: “The Sheikh (Al Zarqawi)" in r.out


def test_a_chat_export_validates_too():
    doc = valid(analyze_path(str(SAMPLE), Pipeline([])))
    assert doc["source"]["kind"] == "telegram_json" and doc["source"]["text"] is None
    assert doc["source"]["title"] == "Valley Bulletin"
    assert len(doc["messages"]) == 322
    senders = {m["actor"] for m in doc["messages"] if m["actor"]}
    assert senders == {a["id"] for a in doc["actors"]}


class Finds:
    """Marks every occurrence of a few words as entities, and long texts with a label."""

    name = "test_finds"
    version = "1"
    words = {"Sheikh": "person", "Al Zarqawi": "person", "Channels": "organisation", "Researchers": "group"}

    def annotate(self, batch: Batch) -> list[Annotation]:
        out = []
        for m in batch.messages:
            for word, kind in self.words.items():
                at = m.text.find(word)
                if at >= 0:
                    out.append(Annotation(kind="entity", name=kind, enricher=self.name, version=self.version,
                                          message_id=m.id, span=(at, at + len(word)),
                                          value={"text": word, "normalised": word.lower(), "geo": None}, score=0.9))
            if "road" in m.text:
                at = m.text.find("road")
                out.append(Annotation(kind="label", name="test_road", enricher=self.name, version=self.version,
                                      message_id=m.id, span=(at, at + 4), score=0.7, evidence=["the road is long"]))
        return out


@pytest.fixture
def finds(monkeypatch):
    monkeypatch.setattr(enrich, "_FACTORIES", {})
    enrich.register("test_finds", Finds)


def test_annotations_map_to_entities_and_labels(finds):
    doc = valid(analyze_path(str(ARTICLE), Pipeline()))
    text = doc["source"]["text"]
    # the narrative's own entities, outside every quote, are the document's; spans in source.text
    top = [(e["kind"], text[e["span"][0]:e["span"][1]]) for e in doc["entities"]]
    assert ("organisation", "Channels") in top and ("group", "Researchers") in top
    assert all(e["text"] != "Al Zarqawi" for e in doc["entities"])  # inside a quote: the quote's
    quote = doc["messages"][0]
    mine = {(e["kind"], quote["text"][e["span"][0]:e["span"][1]]) for e in quote["entities"]}
    assert mine == {("person", "Sheikh"), ("person", "Al Zarqawi")}
    assert quote["labels"] == [{"name": "test_road", "score": 0.7, "evidence": ["the road is long"],
                                "span": [quote["text"].find("road"), quote["text"].find("road") + 4]}]
    # the narrative's label came from words inside the quote: it belongs to the quote, not the narrative
    assert doc["labels"] == []


@pytest.mark.parametrize(
    "name, data, needle",
    [
        ("empty.txt", b"", "empty file"),
        ("binary.bin", bytes(range(256)) * 40, "not a recognised export"),
        ("page.html", b"<html><head><title>t</title></head><body></body></html>", "no article text"),
        ("latin1.txt", "Title\n\nCaf\u00e9.\n".encode("latin-1"), "not valid UTF-8"),
    ],
)
def test_bad_input_is_one_line(tmp_path, name, data, needle):
    path = tmp_path / name
    path.write_bytes(data)
    r = run_cli("analyze", str(path), "--json")
    assert r.code == 2 and r.out == ""
    (line,) = r.err.strip().splitlines()
    assert line.startswith("error: ") and str(path) in line and needle in line


def test_a_folder_of_several_sources_is_refused(tmp_path):
    for p in paths()[:2]:
        (tmp_path / p.name).write_bytes(p.read_bytes())
    r = run_cli("analyze", str(tmp_path))
    assert r.code == 2 and "holds 2 sources" in r.err


def test_actors_carry_name_parts_and_origins(tmp_path):
    from watchfloor.analyze import analyze_path

    doc = analyze_path(str(ROOT / "samples" / "articles" / "valley_channel.html"), None)
    halabi = next(a for a in doc["actors"] if a["name"] == "Abu Yaqub al-Halabi")
    assert [p["text"] for p in halabi["name_parts"]["kunya"]] == ["Abu Yaqub"]
    assert [(o["name"], o["country"], o["via"]) for o in halabi["origins"]] == [("Aleppo", "SY", "nisba:al-Halabi")]
    press = next(a for a in doc["actors"] if a["name"] == "Northline Press")
    assert press["origins"] == []


def test_the_real_enrichers_fill_language_and_entities(tmp_path):
    """With the shipped enrichers: each statement and the narrative carry their language, and the
    narrative's places come geocoded (issue 5's fields, as analysts read them)."""
    art = tmp_path / "report.txt"
    art.write_text(
        "Channel vows more raids near Mosul\n\n"
        "Published 2024-05-06\n\n"
        "A commander who signs as Abu Khalid al-Iraqi wrote in the group on Sunday, "
        "\"We will return to the villages along the river.\"\n\n"
        "Residents of Mosul said the roads to Tal Afar were closed last Saturday.\n",
        encoding="utf-8",
    )
    doc = valid(analyze_path(str(art), Pipeline()))
    assert doc["source"]["language"] == "en"
    assert doc["messages"] and all(m["language"] == "en" for m in doc["messages"])
    places = {e["text"]: e["geo"] for e in doc["entities"] if e["kind"] == "place"}
    assert places.get("Mosul") and places["Mosul"]["country"] == "IQ"
    assert any(e["kind"] == "date" and e["value"]["normalised"] for e in doc["entities"])
