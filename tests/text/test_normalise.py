import pytest

from watchfloor.text.normalise import normalise


@pytest.mark.parametrize(
    "a, b",
    [
        ("أبو بَكْرٍ", "ابو بكر"),  # hamza on alef, diacritics
        ("إبراهيم", "ابراهيم"),
        ("آمنة", "امنه"),  # madda, ta marbuta
        ("مستشفى", "مستشفي"),  # alef maksura
        ("الحلبـــي", "الحلبي"),  # tatweel
        ("مؤمن", "مومن"),
        ("رئيس", "رييس"),
        ("ک", "ك"),  # Persian kaf
        ("١٢٣ ۴۵۶", "123 456"),  # Eastern Arabic and Persian digits
        ("ＡＢＣ", "abc"),  # full-width Latin
        ("Straße", "strasse"),
        ("ﻻ", "لا"),  # presentation-form ligature
        ("a\u200bb\u200fc", "abc"),  # zero-width and direction marks
    ],
)
def test_equivalent_spellings_normalise_alike(a, b):
    assert normalise(a) == normalise(b)


def test_ascii_is_only_lowercased():
    assert normalise("Abu Khalid AL-HALABI") == "abu khalid al-halabi"


def test_different_words_stay_different():
    assert normalise("حلب") != normalise("حلبي")
    assert normalise("bread") != normalise("bred")
