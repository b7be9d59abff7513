"""One given name alone, read as a person from what stands around it (issue 5, fifth session):
a verb only people do after it, a kinship word or a request before it. The sentences are written
for these tests; none is a line of the evaluation set, and no name in them was added to a list."""

from __future__ import annotations

import pytest

from tests.entities.conftest import of


@pytest.mark.parametrize("text, name", [
    # (the English model alone takes these for an organisation, a place or nothing)
    ("fuel is 3 dinars a litre at the station, Anouar says the queue is two hours", "Anouar"),
    ("the boxes reached the depot, Souad will send the photos", "Souad"),
    ("the engagement is in summer, her father Mokhtar wants everyone there", "Mokhtar"),
    ("Ramzi is asking about the money from last month", "Ramzi"),
    # where the person is may stand between the name and the verb
    ("Souad from Sfax says the bakery opened again", "Souad"),
    ("Anouar in Gabes sells the old phones for 50 dinars", "Anouar"),
])
def test_a_given_name_alone_is_a_person_where_its_neighbours_say_so(en, text, name):
    assert name in of(en, text, "person")


@pytest.mark.parametrize("text, word", [
    # a family name alone is as often a firm's or a paper's
    ("the prices went up again, Bloomberg says the rents doubled", "Bloomberg"),
    # a locative word before it: a place
    ("the rain came back in Nizwa says the driver", "Nizwa"),
    # a word of a longer name is not a name alone
    ("Tarek Mansour says the road is open", "Tarek"),
])
def test_no_lone_name_where_the_cue_says_otherwise(en, text, word):
    assert word not in of(en, text, "person")


def test_the_place_between_name_and_verb_stays_a_place(en):
    assert "Gabes" in of(en, "Anouar in Gabes sells the old phones for 50 dinars", "place")


@pytest.mark.parametrize("text, name", [
    # a given name before a name of two words or more belongs to it, at a message's head too
    ("Anouar Ahmad Karimi says the river rose again", "Anouar Ahmad Karimi"),
    # a Turkic patronymic ends the name
    ("the court fined Nurlan Bakyt uulu for a post about the mosque", "Nurlan Bakyt uulu"),
])
def test_where_a_longer_name_begins_and_ends(en, text, name):
    assert name in of(en, text, "person")


@pytest.mark.parametrize("text, name", [
    # (the English model alone takes this one for an organisation)
    ("the police in Leeds charged two men on Friday, their lawyer Priya Mistry says the case is weak", "Priya Mistry"),
])
def test_a_name_after_ones_trade_or_role_is_a_person(en, text, name):
    assert name in of(en, text, "person")
