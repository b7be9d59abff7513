"""Arabic-script names of places the index knows only in Latin letters, through the
transliteration key (geo.Gazetteer.translit_matches): towns of our own choosing, none of the
evaluation set's."""

from __future__ import annotations

import pytest

from watchfloor import geo

pytestmark = pytest.mark.skipif(
    geo.gazetteer().meta.get("format", "0") < "3", reason="a place index built before the tnames table"
)


def test_an_arabic_spelling_finds_a_town_known_only_in_latin_letters():
    names = {p.name for p, _ in geo.gazetteer().translit_matches("بوغوني")}
    assert "Bougouni" in names
    best = geo.lookup("بيرني نكوني")[0]
    assert best.place.country == "NE" and abs(best.place.lat - 13.80) < 0.25


def test_a_transliteration_match_spells_less_well_than_an_arabic_name_of_its_own():
    for _, spelling in geo.gazetteer().translit_matches("عنيزة"):
        assert 0.75 <= spelling < 1.0
    # a town with an Arabic name of its own keeps it first
    assert geo.lookup("الرقة")[0].place.country == "SY"


def test_a_short_key_needs_a_big_town_and_stays_among_the_alternatives():
    # two consonants: only towns of 20,000 people or more
    assert all(p.population >= 20_000 or p.kind != "city" for p, _ in geo.gazetteer().translit_matches("عنيزة"))
    # beside Buraydah the Saudi Unaizah is a close runner-up to a Qatari hamlet spelt so in Arabic
    top = geo.resolve(["عنيزة", "بريدة"])[0][:2]
    assert "SA" in {c.place.country for c in top}


def test_latin_names_never_go_through_the_transliteration_key():
    assert geo.gazetteer().matches("Bougouni", translit=True) == geo.gazetteer().matches("Bougouni", translit=False)
    assert geo.gazetteer().translit_matches("ب") == []
