import pytest

from watchfloor.text.origins import gloss_origin, looks_like_nisba, nisba_origin


@pytest.mark.parametrize(
    "nisba, place, country, kind",
    [
        ("al-Halabi", "Aleppo", "SY", "city"),
        ("Elhalaby", "Aleppo", "SY", "city"),
        ("الحلبي", "Aleppo", "SY", "city"),
        ("al-Shishani", "Chechnya", "RU", "region"),
        ("ash-Shishany", "Chechnya", "RU", "region"),
        ("al-Tunisi", "Tunisia", "TN", "country"),
        ("al-Raqqawi", "Raqqa", "SY", "city"),
        ("الرقاوي", "Raqqa", "SY", "city"),
        ("al-Kuwaiti", "Kuwait", "KW", "country"),
        ("al-Masri", "Egypt", "EG", "country"),  # Masri <- Misr
        ("al-Urduni", "Jordan", "JO", "country"),
        ("al-Iraqi", "Iraq", "IQ", "country"),  # same key as al-Raqqawi: the spelling decides
        ("العراقي", "Iraq", "IQ", "country"),
        ("al-Maslawi", "Mosul", "IQ", "city"),  # irregular
        ("al-Mawsili", "Mosul", "IQ", "city"),
        ("al-Britani", "United Kingdom", "GB", "country"),
        ("al-Almani", "Germany", "DE", "country"),
        ("الألماني", "Germany", "DE", "country"),
        ("al-Faransi", "France", "FR", "country"),
        ("al-Belgiki", "Belgium", "BE", "country"),
        ("al-Amriki", "United States", "US", "country"),
        ("al-Dimashqi", "Damascus", "SY", "city"),
    ],
)
def test_place_nisbas_resolve_with_coordinates(nisba, place, country, kind):
    origin = nisba_origin(nisba)
    assert (origin.name, origin.country, origin.kind) == (place, country, kind)
    assert origin.lat is not None and origin.lon is not None and origin.geonames_id
    assert origin.via == f"nisba:{nisba}"


def test_coordinates_are_the_places():
    aleppo = nisba_origin("al-Halabi")
    assert aleppo.geonames_id == 170063
    assert abs(aleppo.lat - 36.2) < 0.1 and abs(aleppo.lon - 37.16) < 0.1


@pytest.mark.parametrize("nisba, tribe", [("al-Shammari", "Shammar"), ("al-Qahtani", "Qahtan"),
                                          ("al-Dulaimi", "Dulaim"), ("al-Otaibi", "Utaybah")])
def test_tribal_nisbas_are_marked_as_tribes_without_coordinates(nisba, tribe):
    origin = nisba_origin(nisba)
    assert origin.kind == "tribe" and tribe in origin.name
    assert origin.lat is None and origin.lon is None


@pytest.mark.parametrize("nisba", ["al-Fulani", "al-Xyzzyq", "al-Zuwayhiri", ""])
def test_unmatched_nisbas_are_unknown_not_guessed(nisba):
    origin = nisba_origin(nisba)
    assert origin.kind == "unknown" and origin.name == "unknown" and origin.lat is None


def test_a_nisba_two_places_share_is_unknown_and_names_both():
    origin = nisba_origin("al-Trabulsi")  # Tripoli, Lebanon, or Tripoli, Libya
    assert origin.kind == "unknown"
    assert "Lebanon" in origin.via and "Libya" in origin.via
    # Arabic script cannot tell "the Swede" from the al-Suwaidi tribe; the Latin spelling can
    assert nisba_origin("السويدي").kind == "unknown"
    assert nisba_origin("al-Suwaidi").kind == "tribe"


@pytest.mark.parametrize(
    "gloss, place",
    [("(the Chechen)", "Chechnya"), ("a Syrian", "Syria"), ("from Aleppo", "Aleppo"),
     ("le Tchétchène", "Chechnya"), ("(الشيشاني)", "Chechnya"), ("the Briton", "United Kingdom"),
     ("чеченец", "Chechnya")],
)
def test_a_gloss_is_evidence_of_origin(gloss, place):
    origin = gloss_origin(gloss)
    assert origin is not None and origin.name == place
    assert origin.via == f"gloss:{gloss}"


@pytest.mark.parametrize("gloss", ["(an engineer)", "", "()", "🔥", "the one who came late"])
def test_a_gloss_without_a_place_gives_none(gloss):
    assert gloss_origin(gloss) is None


def test_nisba_shape():
    for word in ("al-Halabi", "Elhalaby", "Raqqawi", "الحلبي"):
        assert looks_like_nisba(word)
    for word in ("Khalid", "al-Faruq", "خالد", "", "abi"):
        assert not looks_like_nisba(word)


def test_huge_and_odd_input():
    assert nisba_origin("al-" + "x" * 10_000).kind == "unknown"
    assert nisba_origin("🔥🔥").kind == "unknown"
    assert gloss_origin("x" * 10_000) is None


def test_the_committed_tables_match_the_current_keys_and_stems():
    """The forms table stores each form's keys and stem so that loading is fast; after a change to
    text.translit or text.origins, `python scripts/build_nisbas.py --keys` rewrites them."""
    from importlib import resources

    from watchfloor.text import translit
    from watchfloor.text.origins import STEM_VERSION, form_keys, stem

    text = resources.files("watchfloor.data").joinpath("nisba_forms.tsv").read_text(encoding="utf-8")
    assert f"# keys: text.translit {translit.VERSION}; stems: text.origins {STEM_VERSION}" in text
    rows = [line.split("\t") for line in text.splitlines() if not line.startswith("#")][1:]
    assert len(rows) > 10_000
    for form, script, source, origin, keys, stemmed in rows:
        if source == "demonym":
            continue
        assert keys.split() == form_keys(form, script), form
        assert stemmed == stem(form, script, nisba=source == "curated"), form


def test_feminine_nisbas():
    assert nisba_origin("al-Tunisiya").name == "Tunisia"
    assert nisba_origin("التونسية").name == "Tunisia"
    assert looks_like_nisba("al-Britaniyya")
    assert not looks_like_nisba("رقية")  # Ruqayya, a given name
