"""The model of names (entities/names.py) and the English rules that consult it (issue 5's fifth
round). The sentences are written for these tests; none is a line of the evaluation set."""

from __future__ import annotations

import pytest

from watchfloor.entities.names import MODEL_PATH, features, name_model, normalise
from tests.entities.conftest import of


# -- the model ----------------------------------------------------------------------------------------

def test_the_model_reads_latin_script_only_and_folds_case_and_accents():
    assert normalise("Émile") == "emile"
    assert normalise("al-Zubaidi") == "alzubaidi"
    assert normalise("محمد") is None and normalise("Шамиль") is None and normalise("A") is None
    assert features("rexhepi", 1 << 19) == features("rexhepi", 1 << 19)  # crc32, not Python's salted hash


def test_the_model_file_is_small_and_says_what_it_was_built_from():
    model = name_model()
    assert MODEL_PATH.stat().st_size < 2_000_000
    assert {"gender-guesser", "names", "wordfreq"} <= set(model.header["packages"])


@pytest.mark.parametrize("word", ["Jovanovic", "Petrovic", "Mohammed", "Gulnara", "Svetlana",
                                  "Bakhtiyor", "Fitzgerald"])
def test_names_of_many_regions_read_as_names(word):
    assert name_model().p_name(word) > 0.5


@pytest.mark.parametrize("word", ["Kandahar", "Boulevard", "Islamabad", "Brigade", "Tuesday", "Mountains",
                                  "Vladivostok", "Jalalabad"])
def test_places_and_everyday_words_do_not(word):
    assert name_model().p_name(word) < 0.5


def test_given_and_family_names_are_told_apart():
    model = name_model()
    assert model.p_given("Svetlana") > 0.5 > model.p_given("Jovanovic")


# -- the English rules that consult it ----------------------------------------------------------------

@pytest.mark.parametrize("text, name", [
    ("the border guards stopped Dragan Petrovic and his cousin at dawn", "Dragan Petrovic"),
    ("yesterday Bakhtiyor Yusupov sent the money through the exchange office", "Bakhtiyor Yusupov"),
])
def test_two_capitalised_words_that_read_as_names_are_a_person(en, text, name):
    assert name in of(en, text, "person")


def test_a_name_in_a_message_in_capitals(en):
    assert "JOHNNY HARGREAVES" in of(en, "TELL JOHNNY HARGREAVES TO BRING THE BANNERS ON SUNDAY", "person")


def test_a_run_of_names_never_takes_a_place_after_a_locative_word_or_an_organisation(en):
    assert of(en, "the van left from Novi Pazar before noon", "person") == []
    assert of(en, "Border Police Unit officers checked the bus", "person") == []


def test_a_street_named_after_a_man_is_no_person(en):
    assert "Omar Mukhtar" not in of(en, "the shop on Omar Mukhtar Street sells the cards", "person")
    assert of(en, "they met near Ahmed Orabi Street", "person") == []


def test_a_first_name_the_index_also_has_as_a_small_town_is_a_person_without_a_place_word(en):
    # Dalton and Tyler are also towns of the index; nothing here says a place comes
    assert "Dalton" in of(en, "Dalton has the tickets, message him before Friday", "person")
    assert "Dalton" not in of(en, "Dalton has the tickets, message him before Friday", "place")


def test_the_gazetteer_keeps_its_evidence_after_a_locative_word(en):
    assert "Dalton" in of(en, "the brothers drove to Dalton last night", "place")
    assert "Tyler" in of(en, "the van broke down near Tyler", "place")


@pytest.mark.parametrize("text, place", [
    ("flights from Antigua and Barbuda are cheaper in May", "Antigua and Barbuda"),
    ("the ferry to Sao Tome and Principe leaves on Monday", "Sao Tome and Principe"),
])
def test_two_places_joined_by_and_that_name_one_place_are_one(en, text, place):
    assert place in of(en, text, "place")


def test_a_run_of_names_before_a_street_word_is_the_street(en):
    assert of(en, "the flat is on Mikhail Kovalenko Prospect Avenue near the market", "person") == []


def test_and_after_a_person_is_no_locative_word(en):
    text = "the gendarmes took Dragan Petrovic and Zoran to the station"
    at = text.index("Zoran")
    assert not en._placed_by(text, at, [(text.index("Dragan"), text.index(" and"))])
    assert en._placed_by(text, at, [])  # after a place, or nothing: "and" is a locative word
    assert "Kumanovo" in of(en, "the bus goes to Tetovo and Kumanovo", "place")
