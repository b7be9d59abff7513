"""Arabic places, sixth session (written before blind10 was read): the residents, police or
outskirts of a town name it, and a town named like a kunya is the town a verb of movement or
attack takes. The sentences are written for these tests; none is a line of the evaluation set."""

from __future__ import annotations

from tests.entities.conftest import of


def test_the_residents_of_a_small_town_name_it(ar):
    assert of(ar, "أهالي شهبا سكروا الطريق من الصبح", "place") == ["شهبا"]
    assert of(ar, "أهالي المزيريب قطعوا الطريق اليوم", "place") == ["المزيريب"]


def test_a_town_named_like_a_kunya_after_a_verb_of_movement(ar):
    assert of(ar, "المسلحين دخلوا أم قصر قبل الفجر", "place") == ["أم قصر"]
    assert of(ar, "المسلحين دخلوا أم قصر قبل الفجر", "person") == []
    assert of(ar, "الجماعة دخلوا أبو كمال أمس", "place") == ["أبو كمال"]


def test_a_town_known_only_in_latin_letters_may_end_in_ta_marbuta(ar):
    # "بابنوسة" (Babanusa) normalises to …ه, which is no possessive ending here
    assert of(ar, "أخوي ساكن في بابنوسة من سنتين", "place") == ["بابنوسة"]
    assert of(ar, "أخوي ساكن في بيته من سنتين", "place") == []


def test_the_levantine_present_is_no_town_after_a_town(ar):
    # ب + a verb after a place joined by و: "وبيتنقل" (and he moves) is no town
    assert of(ar, "أبو سامي ساكن في بابنوسة وبيتنقل كل شهر", "place") == ["بابنوسة"]
