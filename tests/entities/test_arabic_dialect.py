"""Words of the dialects that the place index also holds as some town's name are no places where
nothing says a place comes (issue 5, fifth session). Sentences of our own."""

from __future__ import annotations

import pytest

from tests.entities.conftest import of


@pytest.mark.parametrize("text", [
    "مين عنده مفتاح السيارة؟ لازم نطلع",
    "خالد وينه؟ من الصبح ما يرد",
])
def test_dialect_words_are_no_places(ar, text):
    assert of(ar, text, "place") == []


def test_a_town_after_a_locative_word_is_still_found(ar):
    assert "الموصل" in of(ar, "خالد وينه؟ قالوا راح إلى الموصل", "place")
