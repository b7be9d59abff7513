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


def test_a_transliteration_match_must_sound_like_the_name():
    # the key is shared by names that sound nothing alike; those under the likeness floor are left out
    # (0.75 for the key, and 0.15 times a likeness of at least 60 %)
    for name in ("بوغوني", "عنيزة", "بيرني نكوني"):
        assert all(spelling >= 0.84 for _, spelling in geo.gazetteer().translit_matches(name))


@pytest.mark.skipif(geo.gazetteer().meta.get("format", "0") < "4", reason="a place index built before format 4")
def test_a_town_geonames_names_in_arabic_only_as_a_wilaya_is_found_by_its_bare_name():
    # GeoNames' only Arabic name of Sohar is "ولاية صحار"
    best = geo.lookup("صحار")[0]
    assert best.place.country == "OM" and abs(best.place.lat - 24.35) < 0.25


def test_the_administrative_word_before_an_arabic_name_is_dropped_once():
    from watchfloor.geo.build import _without_admin_word

    assert _without_admin_word(["ولاية صحار", "Sohar", "Şuḩār"]) == ["صحار"]
    assert _without_admin_word(["مدينة", "ولاية صحار", "صحار"]) == []  # no name left, or one it has
    assert _without_admin_word(["Wilayat Sohar", "مدينة أب"]) == []  # Latin, or under three letters
