"""The Arabic rules of issue 5's fourth round (from the errors of blind4 and blind5), each on names,
organisations and places none of the evaluation messages use, with the mistake it must not make."""

from __future__ import annotations

import pytest

from tests.entities.conftest import of


# -- organisations ----------------------------------------------------------------------------------

@pytest.mark.parametrize("text, org", [
    ("داهمت وحدة شرطة مكافحة المخدرات بيتا في كركوك", "وحدة شرطة مكافحة المخدرات"),  # a construct chain
    ("رئاسة أمن الدولة أوقفت شابا", "رئاسة أمن الدولة"),
    ("قوات الأمن العراقية داهمت بيتا", "قوات الأمن العراقية"),  # a head governing another
    ("دائرة المخابرات العامة تبحث عنه", "دائرة المخابرات العامة"),  # an adjective that is no nisba
    ("المديرية العامة للأمن الوطني اعتقلت خلية", "المديرية العامة للأمن الوطني"),  # ل + a noun
    ("قدامى الحركة الإسلامية لطاجيكستان في خجند", "الحركة الإسلامية لطاجيكستان"),  # ل + a country
    ("جماعة أنصار الله قصفت الحديدة", "جماعة أنصار الله"),  # a head that is part of the name
])
def test_an_organisation_head_takes_its_whole_name(ar, text, org):
    assert org in of(ar, text, "organisation")


def test_an_organisation_stops_at_punctuation_and_a_militia_of_a_people_is_the_people(ar):
    assert of(ar, "ما فيهاش حكومة، موش كطرابلس", "organisation") == []
    assert of(ar, "ميليشيات الإيرانيين انسحبت", "organisation") == []
    assert of(ar, "ميليشيات الإيرانيين انسحبت", "group") == ["الإيرانيين"]


def test_a_province_named_after_a_country_and_a_paper_s_name_are_organisations(ar):
    assert of(ar, "ولاية موزمبيق تبنت الهجوم", "organisation") == ["ولاية موزمبيق"]
    assert of(ar, "ولاية موزمبيق تبنت الهجوم", "place") == []
    assert of(ar, "الإخوة في ولاية تكساس", "place") == ["تكساس"]  # a US state stays a place
    assert of(ar, "جريدة الخبر تقول إن الجيش دخل", "organisation") == ["الخبر"]


# -- persons ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, name", [
    ("وصل ناصر بن حمد العتيبي إلى الرياض", "ناصر بن حمد العتيبي"),  # a nasab chain
    ("هرب محمود ولد أحمد سالم إلى أطار", "محمود ولد أحمد سالم"),  # Mauritanian ولد
    ("حسن كاماراتا موجود في كانو", "حسن كاماراتا"),  # a family name no list holds
])
def test_a_first_name_takes_the_rest_of_the_name(ar, text, name):
    assert of(ar, text, "person") == [name]


def test_a_first_name_stops_before_a_participle_and_kin_is_no_name(ar):
    assert of(ar, "كريم عالق في حلب", "person") == ["كريم"]
    assert of(ar, "أخذوا أخاه وابن عمه إلى السجن", "person") == []
    assert of(ar, "هو عند أمه في حلب", "place") == ["حلب"]


@pytest.mark.parametrize("text, name", [
    ("اعتقلت الشرطة زوران بيتروفيتش في الموصل", "زوران بيتروفيتش"),  # after the one who acts
    ("قال دانكو مارتيتش إن الطريق مفتوح", "دانكو مارتيتش"),  # a verb of speech
])
def test_the_words_a_verb_of_arrest_or_speech_governs_are_a_person(ar, text, name):
    assert of(ar, text, "person") == [name]


def test_a_verb_of_speech_takes_no_everyday_words_and_a_title_no_town(ar):
    assert of(ar, "قال الناس إن الطريق مفتوح", "person") == []
    assert of(ar, "أغلقوا الطريق بين العريش والشيخ زويد", "person") == []
    assert of(ar, "الأخ فرهاد من طشقند يسلم عليكم", "person") == ["فرهاد"]


# -- places -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "شكو ماكو؟ الإخوة بخير",  # dialect words
    "أرسلوا الرابط الجديد للإخوة",  # an adjective of the definite noun before it
    "المهربين يحبوا فلوس",  # a definite plural
    "خرجوا من الوادي أمس",  # what a place has, even after a locative word
])
def test_chat_words_plurals_and_adjectives_are_no_places(ar, text):
    assert of(ar, text, "place") == []


def test_a_town_after_another_place_or_a_joined_letter_is_still_a_place(ar):
    assert of(ar, "يريدون أن تصبح الرقة كالفلوجة", "place") == ["الرقة", "الفلوجة"]


def test_a_verb_of_movement_or_attack_or_a_town_joined_after_says_a_small_town_comes(ar):
    assert of(ar, "قصفوا حيش وبنش", "place") == ["حيش", "بنش"]
    assert of(ar, "الفصائل دخلت تفتناز", "place") == ["تفتناز"]
    assert of(ar, "تفتناز بلا كهرباء", "place") == []  # a hamlet's name alone is not enough
    assert of(ar, "دخلوا الطبقة العليا", "place") == []  # an everyday word stays one


def test_a_list_of_towns_strips_the_joining_waw_from_the_next_one(ar):
    assert of(ar, "الإخوة في دهوك ورانية", "place") == ["دهوك", "رانية"]  # not Vranje (ورانية)


def test_a_name_after_a_verb_takes_a_compound_and_a_title_no_verb(ar):
    assert of(ar, "اعتقلت الشرطة سامان عبد الكريم نوري", "person") == ["سامان عبد الكريم نوري"]
    assert of(ar, "أخوي يشتغل في الخرج", "person") == []


def test_a_verb_that_takes_a_place_allows_a_name_the_index_spells_a_little_differently(ar):
    assert of(ar, "الجيش دخل كيسمايو", "place") == ["كيسمايو"]
    assert of(ar, "الحركة الإسلامية في البلد ضعيفة", "place") == []  # the country, no town


def test_a_message_that_opens_with_a_name_and_then_min_or_a_verb_of_speech(ar):
    assert of(ar, "دانكو ميلوش يقول إن الطريق مفتوح", "person") == ["دانكو ميلوش"]
    assert of(ar, "زوران بيتروفيتش من الموصل", "person") == ["زوران بيتروفيتش"]
    assert of(ar, "كلام فاضي من الإعلام", "person") == []  # everyday words
