"""Places as the English and Arabic recognisers find them: the rules beyond spaCy's model and the
plain gazetteer lookup (issue 5's second round), each with the mistake it must not make."""

from __future__ import annotations

import pytest


def places(rec, text: str) -> list[str]:
    return [m.text for m in rec.find([text])[0] if m.type == "place"]


def kinds(rec, text: str) -> dict[str, str]:
    return {m.text: m.type for m in rec.find([text])[0]}


# -- English ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, place", [
    ("Nasir al-Ansari says Rutba is empty now", "Rutba"),  # no "in/from/…" before it
    ("Timbuktu is quiet, says Abu Hudhayfa", "Timbuktu"),  # the first word of the message
    ("Jarablus is under the Turkish army now", "Jarablus"),
])
def test_a_capitalised_town_the_model_never_saw_is_a_place_without_a_locative_word(en, text, place):
    assert place in places(en, text)


@pytest.mark.parametrize("text, word", [
    ("Mission accomplished, brothers", "Mission"),  # towns of that name exist, the word is English
    ("Surprise is what they will get", "Surprise"),
    ("Independence is a lie of the tyrants", "Independence"),
    ("Nice one, the video is out", "Nice"),
])
def test_an_everyday_english_word_that_is_also_a_town_is_not_a_place(en, text, word):
    assert word not in places(en, text)


def test_a_several_word_name_the_model_took_for_a_person_is_a_place_when_it_never_saw_it(en):
    assert "Ma'arrat al-Nu'man" in places(en, "Nasser asked about Ma'arrat al-Nu'man")


def test_a_surname_the_model_calls_a_person_stays_a_person(en):
    # "Samadi" is near the spelling of a town, and comes after "to", but the model says person
    assert "Samadi" not in places(en, "According to Samadi's lawyer, nothing was planned")


def test_a_near_spelling_counts_only_after_a_locative_word(en):
    assert "Shaddadi" in places(en, "they moved the prisoners to Shaddadi")


def test_a_country_under_another_name_is_an_adjective_unless_a_locative_word_comes_first(en):
    assert "Saudi" not in places(en, "Saudi scholars are palace scholars, ignore them")
    assert "Kenyan" not in places(en, "the Kenyan army attacked near Lamu")
    assert "Saudi" in places(en, "he went back to Saudi last year")


def test_a_town_after_a_title_or_kunya_is_a_name(en):
    assert places(en, "Sheikh Tarmiyah spoke after maghrib") == []


# -- Arabic -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, place", [
    ("سقطت الرمادي في أيار", "الرمادي"),  # the shape of a nisba, after a verb
    ("نشرت الوكالة الخبر عن القامشلي", "القامشلي"),
])
def test_a_town_with_the_shape_of_a_nisba_is_a_place_where_it_describes_nothing(ar, text, place):
    assert place in places(ar, text)


@pytest.mark.parametrize("text, word", [
    ("الطيران الروسي فوق سراقب مرة أخرى", "الروسي"),  # after a definite noun: an adjective
    ("قال عمر الحضرمي إن الطريق مفتوح", "الحضرمي"),  # after a first name: part of the name
])
def test_a_nisba_after_a_noun_or_a_name_is_no_place(ar, text, word):
    assert word not in places(ar, text)


def test_an_everyday_word_that_names_a_place_needs_a_locative_word(ar):
    assert places(ar, "نشر أبو الوليد صور القصف") == []  # pictures, not Tyre
    assert places(ar, "بيان الدولة حول الأحداث") == []
    assert "صور" in places(ar, "وصل الإخوة إلى صور")
    # a noun in construct after the locative word is still the noun: the prison of Hasakah
    assert places(ar, "كان الهروب من سجن الحسكة") == ["الحسكة"]


@pytest.mark.parametrize("text", [
    "يبون 3000 دينار باش يوصلوك",  # dinar, not a town called Dinar
    "قال إنه سيأتي وإن الطريق آمن",  # و + إن, not Van
    "الإخوة في حالة استنفار",  # in a state of alert: no near spelling of a town
])
def test_a_frequent_word_is_no_place_without_a_cue(ar, text):
    assert places(ar, text) == []


def test_a_frequent_word_is_a_place_after_a_locative_word_when_the_index_has_it(ar):
    assert ar.frequent and "وان" in ar.frequent
    assert places(ar, "وصلوا إلى وان أمس") == ["وان"]


@pytest.mark.parametrize("text, place", [("بغداد هادئة اليوم", "بغداد"), ("عدن تحت السيطرة", "عدن")])
def test_a_big_city_among_the_frequent_words_is_a_place_anywhere(ar, text, place):
    assert place not in ar.frequent
    assert places(ar, text) == [place]


def test_the_frequent_word_list_is_left_out_of_the_recogniser_on_request(ar):
    from watchfloor.entities.arabic import Arabic

    assert Arabic(frequent=False).frequent == set()


def test_a_bare_kaf_does_not_open_a_place_but_kaf_with_the_article_does(ar):
    assert places(ar, "في مثل هذا اليوم كسرت الحدود") == []  # كسرت: broke, not ك + سرت
    assert places(ar, "يريدون أن تصبح الرقة كالفلوجة") == ["الرقة", "الفلوجة"]


def test_a_country_inside_a_longer_lexicon_phrase_is_still_a_place_on_its_own(ar):
    assert "سوريا" in places(ar, "بيان حول الأحداث في سوريا")
    assert kinds(ar, "قوات سوريا الديمقراطية تنقل السجناء").get("قوات سوريا الديمقراطية") == "organisation"


def test_a_place_name_stops_where_a_date_begins(ar):
    # the index also knows a longer name that runs into "الشهر"
    assert places(ar, "غادر الجزائر إلى تونس الشهر الماضي") == ["الجزائر", "تونس"]


def test_a_near_spelling_counts_after_a_locative_word_or_a_place_and_wa(ar):
    assert places(ar, "دخلوا قرية قرب كيسمايو") == ["كيسمايو"]  # كسمايو in the index
    assert places(ar, "الجيش العراقي يتحرك نحو راوة وعانة") == ["راوة", "عانة"]
    assert places(ar, "السويد أحرقت المصحف مجددا وسيرى الصليبيون") == ["السويد"]  # و + a verb


def test_the_joined_letters_stay_outside_the_span(ar):
    found = ar.find(["قصفوا السوق ببعقوبة وبالرقة"])[0]
    assert [(m.text, m.type) for m in found if m.type == "place"] == [("بعقوبة", "place"), ("الرقة", "place")]


# -- second round (after the first scoring of blind2) -----------------------------------------------

@pytest.mark.parametrize("text, place", [
    ("brothers in khan sheikhoun say the drones came back", "khan sheikhoun"),
    ("the brothers in sabha and ubari have no fuel", "ubari"),  # "and" right after a place
    ("kismayo port is quiet today", "kismayo"),  # a word like "port" after it
    ("news from timbuktu: the blockade is still on", "timbuktu"),
])
def test_a_town_typed_in_lower_case_is_found_when_the_model_never_saw_the_word(en, text, place):
    assert place in places(en, text)


@pytest.mark.parametrize("text", [
    "we will split the money in nice portions",  # Split and Nice are big towns, and English words
    "going to reading later, then home",
    "the kurds took the silo road north",  # "silo" is too short to stand on "road" alone
    "ask about the kunya and the nasab",  # "and"/"of" cue nothing in lower case
])
def test_lower_case_english_is_left_alone(en, text):
    assert places(en, text) == []


def test_a_message_in_capitals_is_read_lower_cased(en):
    assert "MAIDUGURI" in places(en, "THE CONVOY LEFT MAIDUGURI AT DAWN")
    assert places(en, "THE CONVOY LEFT AT DAWN, NO NEWS YET") == []


def test_a_town_named_with_a_first_name_and_an_article_keeps_its_whole_name(en):
    assert "Bani Walid" in places(en, "elders of Bani Walid met the envoy")  # Walid alone is a name
    assert "el-Arish" in places(en, "the road between el-Arish and the coast")


def test_two_places_the_model_joined_with_for_are_split(en):
    assert places(en, "the brothers left Idleb for Afrin") == ["Idleb", "Afrin"]


def test_a_name_opening_with_tal_or_ras_is_a_place_even_where_the_model_says_person(en):
    assert "Tal Rifaat" in places(en, "Tal Rifaat is still held by the YPG")


def test_a_word_like_province_after_a_name_says_place(en):
    assert "Nineveh" in places(en, "Nineveh province police arrested him")


def test_an_arabic_name_opening_with_a_toponym_word_needs_no_locative_word(ar):
    assert places(ar, "رأس العين وتل أبيض مع الجيش الوطني السوري") == ["رأس العين", "تل أبيض"]
    assert places(ar, "تل عفر والموصل ما زالت فيهما خلايا") == ["تل عفر", "الموصل"]


def test_the_place_is_what_follows_a_locative_word(ar):
    # the index also knows "محافظة صلاح الدين"; the span is the region's name, like "Salahuddin"
    assert places(ar, "في محافظة صلاح الدين اعتقلوا رجلين") == ["صلاح الدين"]
    assert places(ar, "وصلوا إلى مدينة") == []


def test_a_first_name_is_a_person_unless_a_locative_word_says_place(ar):
    assert kinds(ar, "اسأل خليل فهو يعرف الطريق إلى الخليل") == {"خليل": "person", "الخليل": "place"}
