"""Date finding and normalisation, English and Arabic."""

from __future__ import annotations

from datetime import date

import pytest

from watchfloor.entities.dates import find_dates, normalise, weekday_tense

SAT = date(2024, 3, 16)  # a Saturday


def spans(text: str, lang: str) -> list[str]:
    return [text[f.start:f.end] for f in find_dates(text, lang)]


@pytest.mark.parametrize("text,lang,expected", [
    ("10 June 2014", "en", "2014-06-10"),
    ("June 10, 2014", "en", "2014-06-10"),
    ("January 2015", "en", "2015-01"),
    ("2015", "en", "2015"),
    ("12 March", "en", "2024-03-12"),
    ("yesterday", "en", "2024-03-15"),
    ("last Saturday", "en", "2024-03-09"),
    ("Tuesday", "en", "2024-03-12"),
    ("three years ago", "en", "2021"),
    ("two weeks ago", "en", "2024-03-02"),
    ("Ten years since", "en", "2014"),
    ("last year", "en", "2023"),
    ("١٠ حزيران ٢٠١٤", "ar", "2014-06-10"),
    ("17 أيار 2015", "ar", "2015-05-17"),
    ("كانون الثاني ٢٠١٥", "ar", "2015-01"),
    ("تشرين الأول 2017", "ar", "2017-10"),
    ("10 يونيو 2014", "ar", "2014-06-10"),
    ("أمس", "ar", "2024-03-15"),
    ("السبت الماضي", "ar", "2024-03-09"),
    ("يوم الثلاثاء", "ar", "2024-03-12"),
    ("قبل ثلاث سنوات", "ar", "2021"),
    ("منذ 3 سنوات", "ar", "2021"),
    ("منذ أسبوعين", "ar", "2024-03-02"),
    ("عشر سنوات", "ar", "2014"),
    ("العام الماضي", "ar", "2023"),
])
def test_normalise(text, lang, expected):
    assert normalise(text, lang, SAT).value == expected


def test_relative_dates_say_so_and_need_a_reference():
    assert normalise("yesterday", "en", SAT).relative
    assert not normalise("10 June 2014", "en", SAT).relative
    assert normalise("yesterday", "en", None).value is None
    assert normalise("10 June 2014", "en", None).value == "2014-06-10"


def test_on_this_day_takes_the_year_the_text_gives():
    assert normalise("On this day", "en", date(2024, 6, 10), [2014]).value == "2014-06-10"
    assert normalise("في مثل هذا اليوم", "ar", date(2024, 6, 10), [2014]).value == "2014-06-10"
    assert normalise("On this day", "en", date(2024, 6, 10), []).value is None


def test_find_in_sentences():
    assert spans("they hit the checkpoint last Saturday and again on 12 March", "en") == ["last Saturday", "12 March"]
    assert spans("Three years ago today we entered", "en") == ["Three years ago", "today"]
    assert spans("May Allah accept", "en") == ["May"]  # the enricher drops the wish (see test_entities)
    assert spans("we will march on", "en") == []
    assert spans("في ١٠ حزيران ٢٠١٤ فتح الله", "ar") == ["١٠ حزيران ٢٠١٤"]
    assert spans("وأمس وصل الإخوة", "ar") == ["أمس"]
    assert spans("عشر سنوات على فتح الموصل", "ar") == ["عشر سنوات"]


@pytest.mark.parametrize("text", ["", "🙂", "31 February 2014", "99/99/2014", "٣٢ حزيران ٢٠١٤"])
def test_impossible_or_empty_dates_are_none_not_errors(text):
    for lang in ("en", "ar"):
        for f in find_dates(text, lang):
            normalise(text[f.start:f.end], lang, SAT)
    assert normalise(text, "en", SAT).value is None


def test_a_bare_weekday_is_the_last_one_or_the_coming_one_in_plans():
    assert normalise("Saturday", "en", date(2024, 3, 13)).value == "2024-03-09"
    assert normalise("Saturday", "en", date(2024, 3, 13), future=True).value == "2024-03-16"
    assert normalise("يوم الجمعة", "ar", date(2024, 3, 13), future=True).value == "2024-03-15"
    assert normalise("last Saturday", "en", date(2024, 3, 13), future=True).value == "2024-03-09"


def tense(text: str, weekday: str, lang: str) -> bool | None:
    start = text.index(weekday)
    return weekday_tense(text, start, start + len(weekday), lang)


@pytest.mark.parametrize("text,weekday,lang,expected", [
    # a deadline word just before: the coming one
    ("send me the list before Friday please", "Friday", "en", True),
    ("the bridge stays shut till monday", "monday", "en", True),
    ("ابعتلي الصور قبل الجمعة", "الجمعة", "ar", True),
    ("المحل مسكر لحد الخميس", "الخميس", "ar", True),
    ("الكهرباء مقطوعة حتى نهار الاثنين", "نهار الاثنين", "ar", True),
    # since: the last one
    ("no word from him since Tuesday", "Tuesday", "en", False),
    # a past verb in its clause wins over a future word in another clause
    ("the judge sentenced him on Tuesday, his family will appeal", "Tuesday", "en", False),
    ("we went to the market on Sunday", "Sunday", "en", False),
    # a verb of the present or a gathering: a week's plan
    ("our guest arrives on Thursday with the boxes", "Thursday", "en", True),
    ("the sisters' halaqa on Wednesday moves to the other flat", "Wednesday", "en", True),
    ("المحاضرة يوم الأحد بعد العصر", "يوم الأحد", "ar", True),
    # a dialect's word after the weekday
    ("سافر خالد على الحدود الخميس اللي فات", "الخميس", "ar", False),
    ("نشوفكم الجمعة الجاية", "الجمعة", "ar", True),
    # nothing in the clause: the whole text decides (None)
    ("ask Khalid about Monday", "Monday", "en", None),
    ("أبو سعيد ما يرد من الجمعة", "الجمعة", "ar", None),
    # "need" and "indeed" are no verbs of the past
    ("we need a driver on Saturday", "Saturday", "en", True),
])
def test_weekday_tense_reads_the_weekdays_own_clause(text: str, weekday: str, lang: str, expected: bool | None) -> None:
    assert tense(text, weekday, lang) is expected


def test_a_rahh_with_a_shadda_is_no_future_particle() -> None:
    # "رحّلت" (deported) begins with the letters of the Levantine future particle رح
    assert tense("الشرطة رحّلت الشاب يوم الخميس", "يوم الخميس", "ar") is None


def test_maghrebi_nahar_is_part_of_the_weekday() -> None:
    assert spans("شدوه في باجة نهار السبت", "ar") == ["نهار السبت"]
    assert normalise("نهار السبت", "ar", date(2024, 3, 13)).value == "2024-03-09"
