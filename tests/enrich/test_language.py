"""The language enricher: script first, the classifier second, the chat for very short messages."""

from __future__ import annotations

import pytest

from watchfloor.enrich import Batch
from watchfloor.enrich.language import LanguageEnricher, identify
from watchfloor.model import Message


def m(i: int, text: str, chat: str = "c") -> Message:
    return Message(id=f"{chat}:{i}", chat_id=chat, platform_id=str(i), text=text)


@pytest.mark.parametrize("text,lang", [
    ("The brothers reached the city yesterday and will stay there until the convoy leaves.", "en"),
    ("وصل الإخوة إلى المدينة أمس وسيبقون هناك حتى تخرج القافلة", "ar"),
    ("Братья вчера добрались до города и останутся там до отъезда колонны.", "ru"),
    ("Les frères sont arrivés en ville hier et y resteront jusqu'au départ du convoi.", "fr"),
    ("برادران دیروز به شهر رسیدند و تا حرکت کاروان آنجا می‌مانند", "fa"),
    ("Οι αδελφοί έφτασαν στην πόλη χθες", "el"),
])
def test_languages(text, lang):
    assert identify(text)[0] == lang


@pytest.mark.parametrize("text", ["", "   ", "🙂🙂🔥", "12345 67", "https://t.me/+abc123", "!!!???"])
def test_text_without_letters_is_undetermined(text):
    lang, score, value = identify(text)
    assert lang == "und" and value["script"] is None


def test_arabizi_is_arabic_in_latin_letters():
    lang, _, value = identify("salam 3alaykum ya akhi, kifak? inshallah nshoufak bukra")
    assert lang == "ar" and value["script"] == "Latn" and value["method"] == "arabizi"


def test_short_messages_take_the_language_of_their_chat():
    longer = ["We will meet after the prayer at the usual place, bring the documents.",
              "The convoy leaves tomorrow morning from the northern checkpoint, be ready.",
              "Nobody answered my messages yesterday, what happened to the group?"]
    batch = Batch([m(i, t) for i, t in enumerate(longer)] + [m(9, "ok bro"), m(10, "Tamam", chat="other")])
    notes = {a.message_id: a for a in LanguageEnricher().annotate(batch)}
    assert notes["c:9"].name == "en" and notes["c:9"].value["method"] == "chat"
    assert notes["other:10"].value["method"] != "chat"  # a chat with no longer messages: its own guess
    assert all(a.kind == "language" and 0 <= a.score <= 1 for a in notes.values())


def test_mixed_scripts_name_both():
    lang, _, value = identify("قال أبو خالد إن الإخوة وصلوا إلى الرقة, Abu Khalid said")
    assert lang == "ar" and set(value["scripts"]) == {"Arab", "Latn"}


def test_a_huge_message_is_classified_quickly():
    lang, _, _ = identify("the convoy leaves tomorrow " * 50_000)
    assert lang == "en"
