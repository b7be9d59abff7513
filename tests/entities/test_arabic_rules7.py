"""The Arabic rules of issue 5's sixth round (from the errors of blind8): towns the index knows
only in Latin letters, nasab chains and titles — on names and places none of the evaluation
messages use, with the mistake each must not make."""

from __future__ import annotations

import pytest

from watchfloor import geo
from tests.entities.conftest import of


needs_tnames = pytest.mark.skipif(
    geo.gazetteer().meta.get("format", "0") < "3", reason="a place index built before the tnames table"
)


# -- places -----------------------------------------------------------------------------------------

@needs_tnames
def test_a_town_known_only_in_latin_letters_is_a_place_after_a_locative_word(ar):
    assert of(ar, "سافر أخوي إلى بوغوني الأسبوع الماضي", "place") == ["بوغوني"]
    assert of(ar, "الجماعة شافوه في بيرني نكوني قبل العيد", "place") == ["بيرني نكوني"]


@needs_tnames
def test_without_a_cue_such_a_name_is_no_place(ar):
    assert of(ar, "بوغوني ما رد على الرسائل", "place") == []


@needs_tnames
def test_no_digit_and_no_everyday_word_joins_such_a_place(ar):
    assert of(ar, "وصلنا إلى بوغوني ٣ ساعات", "place") == ["بوغوني"]
    assert of(ar, "رجع من الشغل وتعبان", "place") == []


# -- persons ----------------------------------------------------------------------------------------

def test_a_nasab_chain_closed_by_a_family_name_is_one_person(ar):
    # سعيد، مبارك: everyday words that are also fathers' names, kept where a nisba closes the chain
    assert of(ar, "راشد سعيد الكعبي وصل المطار", "person") == ["راشد سعيد الكعبي"]
    assert of(ar, "فهد مبارك الهاجري يبيع سيارته", "person") == ["فهد مبارك الهاجري"]


def test_an_everyday_word_after_a_first_name_stays_out_without_a_closing_name(ar):
    assert of(ar, "أحمد مبارك عليك البيت الجديد", "person") == ["أحمد"]


def test_after_a_title_a_name_no_list_knows_keeps_its_chain_and_the_title_stays_out(ar):
    assert of(ar, "حجي صبري جاسم العبيدي فتح المحل", "person") == ["صبري جاسم العبيدي"]
    assert of(ar, "الحاج موسى بيلو تاجر القماش", "person") == ["موسى بيلو"]
