"""What the English model tags as an organisation's initials or a number never becomes a town the
index happens to spell so (issue 5, fifth session, after blind9's first scoring). The sentences
are written for these tests; none is a line of the evaluation set."""

from __future__ import annotations

from tests.entities.conftest import of


def test_an_organisations_initials_stay_an_organisation(en):
    text = "the ANA blocked the road to the market, nobody could pass"
    assert "ANA" not in of(en, text, "place")
    assert "ANA" in of(en, text, "organisation")


def test_a_number_is_no_place(en):
    assert of(en, "Karim says one of them was his neighbour", "place") == []


# sixth session: peoples, makes, religious words and languages (written before blind10 was read)

def test_a_people_before_a_verb_or_a_noun_is_a_group_not_a_town(en):
    text = "the Kikuyu say the market in Thika is closed, the Garre elders went to Mandera"
    places = of(en, text, "place")
    assert "Kikuyu" not in places and "Garre" not in places
    assert {"Thika", "Mandera"} <= set(places)
    assert {"Kikuyu", "Garre"} <= set(of(en, text, "group"))


def test_a_people_that_is_also_a_town_is_the_town_after_from(en):
    text = "Wanjiku travelled from Kikuyu to Nairobi on the night bus"
    assert "Kikuyu" in of(en, text, "place")
    assert "Kikuyu" not in of(en, text, "group")


def test_a_nationalitys_adjective_before_police_is_no_group_and_no_place(en):
    text = "Kyrgyz police detained two of the traders in Osh"
    assert "Kyrgyz" not in of(en, text, "group") and "Kyrgyz" not in of(en, text, "place")
    assert "Osh" in of(en, text, "place")


def test_a_make_is_no_place(en):
    text = "his Nokia is broken, send the photos to Rashid in Mombasa"
    assert of(en, text, "place") == ["Mombasa"]


def test_a_word_of_practice_is_no_place_unless_located(en):
    assert "shahada" not in of(en, "the new brother from Leeds took shahada yesterday", "place")
    assert "Shahada" in of(en, "the family moved from Shahada to Pune in the spring", "place")


def test_a_language_is_never_a_place(en):
    text = "the lecture is in Dari, Zabihullah will send the Urdu version"
    assert "Dari" not in of(en, text, "place") and "Urdu" not in of(en, text, "place")


def test_the_models_guess_at_a_word_no_index_knows_is_no_place(en):
    # "Nordkamp" (made up) is spelt like no place of the index, and nothing says it is one
    assert of(en, "the teacher lost her job over Nordkamp stickers, CNN ran it", "place") == []


def test_a_name_after_near_is_a_place_the_index_may_not_know(en):
    # "Hamid Kandu" (a village name of our own) opens with a first name, and still follows "near"
    text = "the trucks near Hamid Kandu were stopped again"
    assert of(en, text, "place") == ["Hamid Kandu"] and of(en, text, "person") == []
    # a possessive keeps the person: "in Hamid's house"
    assert "Hamid" not in of(en, "the meeting is in Hamid's house after isha", "place")
