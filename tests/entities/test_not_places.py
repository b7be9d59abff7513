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
