"""The Arabic rules of issue 5's fifth round (from the errors of blind6), each on names, places and
organisations none of the evaluation messages use, with the mistake it must not make."""

from __future__ import annotations

import pytest

from watchfloor.entities.dates import find_dates, normalise
from tests.entities.conftest import of


# -- places -----------------------------------------------------------------------------------------

def test_a_short_name_after_an_administrative_word_is_a_place(ar):
    assert "الحي" in of(ar, "نزحت العائلة إلى ناحية الحي قبل الشتاء", "place")
    assert of(ar, "الشباب في الحي ما ناموا", "place") == []  # the neighbourhood


def test_a_town_named_like_a_kunya_is_a_place_where_one_is_expected(ar):
    assert of(ar, "الكهرباء مقطوعة في أم درمان من يومين", "place") == ["أم درمان"]
    assert of(ar, "الكهرباء مقطوعة في أم درمان من يومين", "person") == []
    assert "بن جواد" in of(ar, "الطريق مسكر في بن جواد", "place")
    # a first name after أم is a mother unless في says a place
    assert of(ar, "سلم على أم هاجر وأبو خالد", "place") == []


def test_a_kin_word_that_is_a_big_town_is_the_town_after_a_locative_word(ar):
    assert "أبها" in of(ar, "رجع من أبها أمس", "place")
    assert of(ar, "سلم على أبيه عند أبيه", "place") == []


def test_a_definite_name_ending_in_un_after_a_joined_b_is_a_place(ar):
    assert "البترون" in of(ar, "نزلنا بالبترون يوم الجمعة", "place")


def test_sudanese_and_weather_words_and_what_places_have_are_no_places(ar):
    for text in ("يا زول الحالة صعبة", "الزول ده ما بسمع", "الطريق اتقطع من السيول",
                 "صلينا في مسجد الحي القديم", "تقبل الله منا ومنكم"):
        assert of(ar, text, "place") == [], text


# -- organisations ----------------------------------------------------------------------------------

def test_a_land_after_a_plural_head_of_fighters_is_part_of_the_name(ar):
    text = "أصدرت جند الشام بيانا من إدلب"
    assert "جند الشام" in of(ar, text, "organisation")
    assert "الشام" not in of(ar, text, "place")


@pytest.mark.parametrize("text, org", [
    ("الدرك الوطني أقام حاجزا قرب باتنة", "الدرك الوطني"),
    ("المباحث العامة استدعت الشاب", "المباحث العامة"),
    ("الإمارة الإسلامية منعت التصوير", "الإمارة الإسلامية"),
])
def test_more_heads_of_security_forces(ar, text, org):
    assert org in of(ar, text, "organisation")


# -- dates ------------------------------------------------------------------------------------------

SAT = __import__("datetime").date(2024, 3, 16)


@pytest.mark.parametrize("text, value", [
    ("بكرة", "2024-03-17"), ("امبارح", "2024-03-15"), ("إمبارح", "2024-03-15"),
    ("3 جوان", "2023-06-03"), ("١٠ أفريل ٢٠١٩", "2019-04-10"), ("جويلية 2016", "2016-07"),
])
def test_dialect_days_and_maghrebi_months(text, value):
    assert normalise(text, "ar", SAT).value == value


def test_a_maghrebi_month_that_is_a_word_needs_a_day_and_a_decade_is_a_date():
    def spans(t):
        return [t[f.start:f.end] for f in find_dates(t, "ar")]
    assert spans("جيب ماي بارد") == []  # water
    assert spans("خرج يوم 5 ماي") == ["5 ماي"]
    assert spans("كان هذا في التسعينات") == ["التسعينات"]


# -- organisations' longer names ----------------------------------------------------------------------

@pytest.mark.parametrize("text, org", [
    # a head that normalises like a definite word (ألوية → الويه) is indefinite as written
    ("ألوية الناصر صلاح الدين هاجمت الموقع", "ألوية الناصر"),
    # a unit named after a man, with his father's name
    ("كتيبة سعد بن معاذ انسحبت من الحي", "كتيبة سعد بن معاذ"),
    ("كتيبة الزبير بن العوام انسحبت من الحي", "كتيبة الزبير بن العوام"),
    # ل + a noun in construct with a definite one
    ("المديرية العامة لمكافحة المخدرات أوقفت مهربين", "المديرية العامة لمكافحة المخدرات"),
    ("جبهة تيغراي الشعبية للتحرير أصدرت بيانا", "جبهة تيغراي الشعبية للتحرير"),
])
def test_an_organisation_s_name_runs_on(ar, text, org):
    assert org in of(ar, text, "organisation")


# -- persons ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, name", [
    ("الشرطة اعتقلت نايف بن راشد الشمري في حائل", "نايف بن راشد الشمري"),  # a father's name shaped like a participle
    ("الشرطة اعتقلت سعيد بن علي في تونس", "سعيد بن علي"),  # علي spelt as على
    ("الأمن قبض على عبد الكريم الزوبعي في الأنبار", "عبد الكريم الزوبعي"),
    ("الأمن قبض على عبد الرزاق الشويهدي في درنة", "عبد الرزاق الشويهدي"),  # a family name with the article
    ("الشرطة أخذت رمضان قديروف من الشارع", "رمضان قديروف"),  # an everyday word before a Slavic surname
])
def test_a_name_takes_its_father_s_and_family_name(ar, text, name):
    assert name in of(ar, text, "person")


def test_a_family_name_with_the_article_is_no_everyday_word_or_place_and_a_dialect_verb_no_name(ar):
    assert of(ar, "الأمن قبض على عبد الكريم الصبح", "person") == ["عبد الكريم"]
    assert of(ar, "أخوي بيروح بكرة للشغل", "person") == []


def test_a_district_after_mudiriya_is_a_place_and_a_security_directorate_an_organisation(ar):
    text = "المسلحين دخلوا مديرية رداع الليلة"
    assert "رداع" in of(ar, text, "place") and of(ar, text, "organisation") == []
    assert "مديرية الأمن" in of(ar, "مديرية الأمن أعلنت حظر التجول", "organisation")


def test_in_a_kunya_shaped_town_and_in_a_short_kin_shaped_city(ar):
    assert of(ar, "الناس في أبو غريب خايفين", "place") == ["أبو غريب"]
    assert "جده" in of(ar, "أخوي يشتغل في جده", "place")
    assert of(ar, "ورث البيت من جده", "place") == []  # from his grandfather


def test_more_chat_words_are_no_places(ar):
    for text in ("رجعنا من الشغل بدري", "الوضع كويس الحمد لله", "فين الجماعة", "في فلوس ولا لا"):
        assert of(ar, text, "place") == [], text


def test_a_town_attacked_after_a_noun_of_attack_and_ala(ar):
    assert "مأرب" in of(ar, "غارات على مأرب طول الليل", "place")
    assert of(ar, "هجوم على الحاجز", "place") == []


def test_a_participle_after_a_title_is_no_name(ar):
    assert of(ar, "أخوي قاعد بالبيت", "person") == []
    assert of(ar, "أخوي خالد بالبيت", "person") == ["خالد"]
