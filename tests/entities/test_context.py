"""What the words around a name say it is, where the model guessed (issue 5, from blind6's first
scoring): armed groups in Indonesian, West African or Somali spelling and broadcasters are no
persons, a collective after a name makes it a group's, an arrest's object or a name before a
telephone number is a person, and a third name the model never saw ends a person's name."""

from __future__ import annotations

import pytest

from tests.entities.conftest import of


@pytest.mark.parametrize("text, name", [
    ("Dawlah Islamiyah Philippines put out a new statement", "Dawlah Islamiyah Philippines"),
    ("the old Ahlu Sunnah videos are back", "Ahlu Sunnah"),
    ("Katibat Imam Shamil posted a new nasheed last night", "Katibat Imam Shamil"),  # a title inside
])
def test_a_transliterated_head_word_or_a_title_after_it_makes_an_organisation(en, text, name):
    assert of(en, text, "organisation") == [name]
    assert of(en, text, "person") == []


def test_a_collective_after_an_unknown_name_makes_it_an_organisation_but_not_a_people_or_a_town(en):
    assert of(en, "Ganda Iso militants burned the market near Gao", "organisation") == ["Ganda Iso"]
    assert of(en, "Abu Sayyaf remnants and the others", "organisation") == ["Abu Sayyaf"]
    assert of(en, "Abu Khalid's men are in the farms", "person") == ["Abu Khalid"]  # his men
    assert of(en, "the Shabak militia took the houses", "organisation") == []  # a people
    assert of(en, "the Mosul cell was dismantled by the police", "place") == ["Mosul"]


def test_a_name_before_a_telephone_number_is_a_person(en):
    assert of(en, "send the money to Rahmawati 0812 345 6789 before Friday", "person") == ["Rahmawati"]
    assert of(en, "send the money to Rahmawati 0812 345 6789 before Friday", "place") == []
    assert of(en, "for the tickets ask Hasnawiyah +63 917 555 0101", "person") == ["Hasnawiyah"]


def test_the_object_of_an_arrest_or_a_visit_is_a_person_but_a_visited_town_stays_a_place(en):
    assert of(en, "the feds visited Colton Prewitt on Monday, stay off the phones", "person") == ["Colton Prewitt"]
    assert of(en, "the delegation visited Deir Ezzor and Mayadin", "person") == []
    text = "the agency wants to deport Abdiqaadir from Malmo next month"
    assert of(en, text, "person") == ["Abdiqaadir"]
    assert of(en, text, "place") == ["Malmo"]  # "deport" is no town after "wants to"


def test_a_newspaper_before_printed_is_an_organisation(en):
    assert of(en, "Hurriyet printed the names of the men", "organisation") == ["Hurriyet"]
    assert of(en, "Hurriyet printed the names of the men", "person") == []


def test_a_third_name_the_model_never_saw_carries_on_a_two_word_person_but_a_city_does_not(en):
    from watchfloor.entities import Mention

    text = "the soldiers took the goats, says Oumarou Alhassane Kountche"
    a = text.index("Oumarou")
    two = Mention("person", a, a + len("Oumarou Alhassane"), "Oumarou Alhassane", 0.8, "spacy:PERSON")
    assert [m.text for m in en._in_context(text, [two])] == ["Oumarou Alhassane Kountche"]
    text = "the soldiers took the goats, says Oumarou Alhassane Niamey"
    assert [m.text for m in en._in_context(text, [two])] == ["Oumarou Alhassane"]


def test_a_broadcaster_ends_with_fm_tv_or_news_but_breaking_news_is_none(en):
    assert of(en, "Kalsan FM: the market burned", "organisation") == ["Kalsan FM"]
    assert of(en, "Breaking News: a blast in Mogadishu", "organisation") == []


def test_an_institution_keeps_the_country_it_is_of(en):
    text = "the Armed Forces of the Philippines showed the rifles"
    assert of(en, text, "organisation") == ["Armed Forces of the Philippines"]
    assert of(en, text, "place") == []


def test_a_listed_group_named_like_a_father_is_an_organisation_but_a_longer_kunya_a_person(en):
    assert of(en, "Abu Sayyaf said the boat left at night", "organisation") == ["Abu Sayyaf"]
    assert of(en, "Abu Sayyaf al-Tunisi said the boat left at night", "person") == ["Abu Sayyaf al-Tunisi"]


def test_a_name_before_a_word_for_people_is_a_people_but_not_a_town_or_a_country_adjective(en):
    assert of(en, "the Bororo herders crossed the river at night", "group") == ["Bororo"]
    assert of(en, "Zaghawa families crossed to the camps, the rest stayed", "group") == ["Zaghawa"]
    assert of(en, "the Sudanese boys pay more for the road", "group") == []
    assert of(en, "Vilvoorde boys went to the match", "place") == ["Vilvoorde"]
    assert of(en, "the Mosul boys are back", "place") == ["Mosul"]


def test_the_force_that_arrested_someone_is_an_organisation_but_a_people_stays_a_group(en):
    assert of(en, "the Garda arrested Conor Brennan in Dundalk", "organisation") == ["Garda"]
    assert of(en, "the Garda arrested Conor Brennan in Dundalk", "place") == ["Dundalk"]
    assert of(en, "the Kurds arrested two men", "group") == ["Kurds"]


def test_an_acronym_before_members_is_an_organisation_and_wal_carries_a_group_name_on(en):
    assert "JAD" in of(en, "police arrested 4 JAD members in Bekasi", "organisation")
    assert "Jamaat Nusrat al-Islam wal-Muslimin" in of(
        en, "Jamaat Nusrat al-Islam wal-Muslimin fighters took the road again", "organisation")


def test_a_name_after_a_title_or_the_one_a_chat_asks_to_call_is_a_person(en):
    assert of(en, "ustadz Hamzah says the kajian is in Bekasi on Sunday", "person") == ["Hamzah"]
    assert of(en, "call Halimah for the room in Marawi", "person") == ["Halimah"]
    assert of(en, "our Raqqa brothers are safe", "place") == ["Raqqa"]
    assert of(en, "tell Amaq to post it", "organisation") == ["Amaq"]
