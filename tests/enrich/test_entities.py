"""The entity enricher end to end: the real pipeline, models and place index."""

from __future__ import annotations

import calendar
import time
from datetime import datetime

import pytest

from tests.conftest import chat_file, msg
from watchfloor import entities
from watchfloor.enrich import Pipeline
from watchfloor.ingest import ingest_paths
from watchfloor.model import Message
from watchfloor.store import open_store

SAT = calendar.timegm(datetime(2024, 3, 16, 12).timetuple())


@pytest.fixture(scope="module")
def pipeline():
    return Pipeline(["language", "entities"])


def run(pipeline, *texts: str, date: int | None = SAT, chat: str = "c") -> list[list]:
    messages = [Message(id=f"{chat}:{i}", chat_id=chat, platform_id=str(i), text=t, date=date)
                for i, t in enumerate(texts)]
    notes = [a for a in pipeline(messages) if a.kind == "entity"]
    return [[a for a in notes if a.message_id == m.id] for m in messages]


def shown(notes) -> list[tuple[str, str]]:
    return [(a.name, a.value["text"]) for a in notes]


def test_english_persons_places_groups_and_dates(pipeline):
    (notes,) = run(pipeline, "Abu Khalid al-Halabi says the crusaders bombed Hawija last Saturday")
    assert shown(notes) == [("person", "Abu Khalid al-Halabi"), ("group", "crusaders"),
                            ("place", "Hawija"), ("date", "last Saturday")]
    place = notes[2]
    assert place.value["geo"]["country"] == "IQ" and place.value["geo"]["alternatives"] is not None
    date = notes[3]
    assert (date.value["normalised"], date.value["relative"], date.value["reference"]) == (
        "2024-03-09", True, "2024-03-16")
    text = "Abu Khalid al-Halabi says the crusaders bombed Hawija last Saturday"
    assert all(text[a.span[0]:a.span[1]] == a.value["text"] for a in notes)
    assert all(a.enricher == "entities" and a.version for a in notes)


def test_arabic_with_joined_letters_and_levantine_months(pipeline):
    text = "قال أبو البراء العراقي إن الرافضة دخلوا بالموصل والرقة في ١٠ حزيران ٢٠١٤"
    (notes,) = run(pipeline, text)
    assert shown(notes) == [("person", "أبو البراء العراقي"), ("group", "الرافضة"), ("place", "الموصل"),
                            ("place", "الرقة"), ("date", "١٠ حزيران ٢٠١٤")]
    assert [a.value["geo"]["country"] for a in notes if a.name == "place"] == ["IQ", "SY"]
    assert notes[-1].value["normalised"] == "2014-06-10"
    assert all(text[a.span[0]:a.span[1]] == a.value["text"] for a in notes)


def test_organisations_in_both_languages(pipeline):
    en, ar = run(pipeline, "Hayat Tahrir al-Sham arrested two brothers, Reuters says",
                 "الجيش العراقي دخل تلعفر مع الحشد الشعبي")
    assert [t for k, t in shown(en) if k == "organisation"] == ["Hayat Tahrir al-Sham", "Reuters"]
    assert [t for k, t in shown(ar) if k == "organisation"] == ["الجيش العراقي", "الحشد الشعبي"]


def test_places_read_in_the_light_of_the_chat(pipeline):
    # "Tripoli" alone is the Libyan capital; in a chat about Lebanon it is the Lebanese city
    lebanon = run(pipeline, "the army raided Arsal in Lebanon", "brothers in Tripoli need help", chat="lb")
    libya = run(pipeline, "brothers regrouped south of Sirte in Libya", "brothers in Tripoli need help", chat="ly")
    assert lebanon[1][0].value["geo"]["country"] == "LB"
    assert libya[1][0].value["geo"]["country"] == "LY"
    assert any(alt["country"] == "LY" for alt in lebanon[1][0].value["geo"]["alternatives"])


def test_relative_dates_without_a_message_date_stay_unresolved(pipeline):
    (notes,) = run(pipeline, "they came back yesterday, not on 12 June 2014", date=None)
    values = {a.value["text"]: a.value["normalised"] for a in notes if a.name == "date"}
    assert values == {"yesterday": None, "12 June 2014": "2014-06-12"}


def test_mixed_scripts_go_through_both_recognisers(pipeline):
    (notes,) = run(pipeline, "Abu Hafs wrote: وصل الإخوة إلى الرقة أمس")
    assert ("person", "Abu Hafs") in shown(notes) and ("place", "الرقة") in shown(notes)


@pytest.mark.parametrize("text", ["", " \n ", "🙂🔥🙂", "!!!", "١٢٣", "\u200f\u200e", "<script>alert(1)</script>",
                                  "A" * 10_000, "ال ال ال و ب ل"])
def test_odd_messages_give_sensible_empty_results(pipeline, text):
    (notes,) = run(pipeline, text)
    assert all(a.value["text"] == text[a.span[0]:a.span[1]] for a in notes)
    assert not [a for a in notes if a.name in ("person", "place")]


@pytest.mark.slow
def test_a_megabyte_english_message_is_annotated_whole(pipeline):
    line = "Abu Hafs reached Mosul yesterday. " + "nothing happened here at all today " * 28 + "\n"
    text = line * (1_000_000 // len(line) + 1)
    started = time.perf_counter()
    (notes,) = run(pipeline, text)
    assert time.perf_counter() - started < 120
    persons = [a for a in notes if a.name == "person"]
    assert len(persons) == text.count("Abu Hafs")
    assert persons[-1].span[0] > 990_000 and text[slice(*persons[-1].span)] == "Abu Hafs"


def test_a_language_without_recogniser_goes_to_the_rules_of_its_script(pipeline):
    (notes,) = run(pipeline, "Les frères sont arrivés à Mossoul hier avec Abu Hafs.")
    assert ("person", "Abu Hafs") in shown(notes)


def test_a_new_language_is_one_registration(pipeline, monkeypatch):
    class Shouting:
        language, version = "xx", "1"

        def find(self, texts):
            return [[entities.Mention("organisation", 0, 4, t[:4], 1.0, "test")] if t.startswith("NATO") else []
                    for t in texts]

    monkeypatch.setattr(entities, "_FACTORIES", dict(entities._FACTORIES))
    monkeypatch.setattr(entities, "_LOADED", dict(entities._LOADED))
    entities.register("xx", Shouting)
    assert "xx" in entities.languages()
    assert entities.recogniser("xx").find(["NATO says"]) == [[entities.Mention("organisation", 0, 4, "NATO", 1.0, "test")]]


def test_ingest_stores_the_annotations(tmp_path):
    path = chat_file(tmp_path / "result.json", [
        msg(1, "Abu Khalid reached Raqqa yesterday", ts=SAT),
        msg(2, "وصل أبو خالد إلى الرقة أمس", ts=SAT),
        msg(3, "🙂"),
    ])
    store = open_store(str(tmp_path / "w.db"))
    ingest_paths(store, [str(path)], enrich=Pipeline())
    notes = store.annotations(["telegram:777:1", "telegram:777:2", "telegram:777:3"])
    langs = {a.message_id: a.name for a in notes if a.kind == "language"}
    assert langs == {"telegram:777:1": "en", "telegram:777:2": "ar", "telegram:777:3": "und"}
    ents = sorted((a.message_id, a.name, a.value["normalised"]) for a in notes if a.kind == "entity")
    assert ents == [
        ("telegram:777:1", "date", "2024-03-15"), ("telegram:777:1", "person", "abu khalid"),
        ("telegram:777:1", "place", "Ar Raqqah"),
        ("telegram:777:2", "date", "2024-03-15"), ("telegram:777:2", "person", "ابو خالد"),
        ("telegram:777:2", "place", "Ar Raqqah"),
    ]


def test_a_megabyte_arabic_message_is_annotated_whole(pipeline):
    line = "وصل أبو حفص إلى الموصل أمس " + "لم يحدث شيء هنا اليوم أبدا " * 30 + "\n"
    text = line * (1_000_000 // len(line) + 1)
    (notes,) = run(pipeline, text)
    persons = [a for a in notes if a.name == "person"]
    assert len(persons) == text.count("أبو حفص")
    assert persons[-1].span[0] > 990_000 and text[slice(*persons[-1].span)] == "أبو حفص"


def test_a_national_force_in_the_message_picks_its_countrys_namesake(pipeline):
    lebanon, = run(pipeline, "the Lebanese army arrested two brothers in Tripoli")
    libya, = run(pipeline, "the Libyan army arrested two brothers in Tripoli")
    assert [a.value["geo"]["country"] for a in lebanon if a.name == "place"] == ["LB"]
    assert [a.value["geo"]["country"] for a in libya if a.name == "place"] == ["LY"]
    arabic, = run(pipeline, "اعتقل الجيش اللبناني أخوين في طرابلس")
    assert [a.value["geo"]["country"] for a in arabic if a.name == "place"] == ["LB"]
