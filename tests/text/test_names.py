import pytest

from watchfloor.text.names import MAX_NAME_LENGTH, describe_name, parse


def parts(name):
    p = parse(name)
    return {kind: [x.text for x in p.of(kind)] for kind in ("kunya", "ism", "nasab", "nisba", "laqab") if p.of(kind)}


def test_a_full_name_is_taken_apart():
    p = parse("Sheikh Abu Khalid Ahmad ibn Ali al-Halabi (the Chechen), group member")
    assert parts("Sheikh Abu Khalid Ahmad ibn Ali al-Halabi (the Chechen), group member") == {
        "kunya": ["Abu Khalid"], "ism": ["Ahmad"], "nasab": ["ibn Ali"], "nisba": ["al-Halabi"],
    }
    assert p.honorifics == ["Sheikh"]
    assert p.gloss == "the Chechen"
    assert p.role == "group member"
    assert p.kunya[0].marker == "abu" and p.kunya[0].name == "Khalid" and p.kunya[0].key == "hld"
    assert p.nisba[0].name == "Halabi" and p.nisba[0].key == "hlb"
    assert p.script == "latin"


@pytest.mark.parametrize("kunya", ["Abu", "Abi", "Abou", "Abo", "Abū", "أبو", "ابي", "Bu"])
def test_every_form_of_abu_is_the_same_kunya(kunya):
    p = parse(f"{kunya} Omar al-Tunisi")
    assert [(k.marker, k.key) for k in p.kunya] == [("abu", "mr")]


def test_umm_and_bint_are_kept_apart_from_abu_and_ibn():
    p = parse("Umm Sumayya bint Khalid")
    assert p.kunya[0].marker == "umm" and p.nasab[0].marker == "bint"
    assert parse("أم خالد").kunya[0].marker == "umm"


def test_arabic_script():
    p = parse("أبو محمد عبد الرحمن بن علي الشيشاني")
    assert [x.key for x in p.kunya] == ["mhmd"]
    assert p.ism.key == "bdrhmn"
    assert [x.key for x in p.nasab] == ["l"]
    assert [x.key for x in p.nisba] == ["ccn"]
    assert p.script == "arabic"


@pytest.mark.parametrize(
    "name, nisba",
    [("Abu Ruslan al-Shishani", ["al-Shishani"]), ("Abu Ruslan Alshishani", ["Alshishani"]),
     ("Abu Ruslan Elshishany", ["Elshishany"]), ("Abu Hafs al-Raqqawi", ["al-Raqqawi"]),
     ("Abu Ruslan Shishani", ["Shishani"]), ("Abu Muhammad al-Ansari al-Shami", ["al-Ansari", "al-Shami"])],
)
def test_nisbas_fused_separate_and_final(name, nisba):
    assert parts(name)["nisba"] == nisba


def test_an_al_word_that_is_no_nisba_is_a_laqab():
    assert parts("Umar al-Faruq") == {"ism": ["Umar"], "laqab": ["al-Faruq"]}


def test_plain_words_after_the_ism_are_the_implied_chain_of_fathers():
    p = parse("Ahmad Ali Hasan")
    assert p.ism.text == "Ahmad"
    assert [(x.text, x.marker) for x in p.nasab] == [("Ali", None), ("Hasan", None)]
    # a given name ending in -i stays a name, not a nisba
    assert parts("Ahmad Hamdi") == {"ism": ["Ahmad"], "nasab": ["Hamdi"]}


def test_titles_that_are_also_names():
    assert parse("Amir Abu Khalid").honorifics == ["Amir"]
    assert parse("Amir Hassan").ism.text == "Amir"  # Amir is a given name too
    assert parse("al-Amir Hassan").honorifics == ["al-Amir"]
    assert parse("Sheikh").ism.text == "Sheikh"  # a title alone is all there is


@pytest.mark.parametrize("bad", [None, "", "   ", "🔥🔥🔥", "12345", "---", "中文"])
def test_no_name_is_a_clear_answer(bad):
    p = parse(bad)
    assert p.empty and p.problems
    d, origins = describe_name(bad)
    assert d["ism"] is None and d["kunya"] == [] and origins == []
    assert d["problems"]


def test_a_huge_name_is_cut_and_says_so():
    p = parse("Abu Ruslan " + "al-Shishani " * 2000)
    assert len(p.text) <= MAX_NAME_LENGTH
    assert "too long" in p.problems[0]
    assert p.kunya[0].key == "rsln"


def test_mixed_scripts_and_emoji():
    p = parse("🦁 Abu Ruslan الشيشاني 🦁")
    assert p.script == "mixed"
    assert [k.key for k in p.kunya] == ["rsln"] and [n.key for n in p.nisba] == ["ccn"]


def test_describe_name_gives_parts_and_origins():
    d, origins = describe_name("Abu Khalid al-Halabi", gloss="(the Chechen)")
    assert d["kunya"][0]["name"] == "Khalid"
    assert [(o.name, o.via) for o in origins] == [("Aleppo", "nisba:al-Halabi"), ("Chechnya", "gloss:(the Chechen)")]
    _, origins = describe_name("Abu Khalid al-Fulani")
    assert [o.name for o in origins] == ["unknown"]
