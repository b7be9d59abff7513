"""The transparent half: lexicon patterns in four languages, negation, reported speech, quotes."""

from __future__ import annotations

import pytest

from watchfloor.classify.rules import fold, rule_hits, rule_scores
from watchfloor.text.sentences import quoted_spans, sentence_spans


def labels(text: str, *, reporting: bool = False, cut: float = 0.5) -> set[str]:
    return {k for k, v in rule_scores(rule_hits(text, reporting=reporting)).items() if v >= cut}


@pytest.mark.parametrize("text, expected", [
    ("Your turn is coming, and no guard will save you.", "violent_threat"),
    ("Their turn will come, every one of them who talks to the police.", "violent_threat"),
    ("We will make the council pay in blood for this.", "violent_threat"),
    ("سنلاحقكم في كل مدينة حتى نقتلكم", "violent_threat"),
    ("دوركم قادم يا خونة", "violent_threat"),
    ("Мы убьём каждого, кто встанет на пути.", "violent_threat"),
    ("Nous allons vous égorger un par un.", "violent_threat"),
    ("Brothers, rise up and strike them wherever you find them.", "incitement"),
    ("انفروا يا شباب واضربوا مواقعهم", "incitement"),
    ("Glory to the martyrs who struck the convoy.", "glorification"),
    ("Those people are vermin, not human beings.", "hate"),
    ("Они не люди, а нелюди.", "hate"),
    ("We take full responsibility for yesterday's operation at the depot.", "attack_claim"),
    ("Nous revendiquons l'attaque contre le poste.", "attack_claim"),
    ("سنحرر المدينة وسترفرف رايتنا فوق قلعتها", "territorial_vow"),
    ("Join our ranks, brothers, message the admin to travel.", "recruitment"),
    ("Присоединяйтесь к нам, братья, пишите в личку.", "recruitment"),
])
def test_each_label_is_caught_in_its_languages(text, expected):
    assert expected in labels(text)


@pytest.mark.parametrize("text", [
    "Meeting moved to Thursday at five.", "Put them on trial and send them to prison.",
    "الطقس حار في المدينة اليوم", "Погода сегодня хорошая.", "Il fait beau aujourd'hui.",
    "We will take back the trophy next season.", "Join us for dinner on Friday.",
])
def test_everyday_text_carries_no_label(text):
    assert labels(text) == set()


def test_negation_undoes_a_threat_but_not_a_pattern_that_holds_it():
    assert "violent_threat" not in labels("We will never kill anyone.")
    assert "violent_threat" not in labels("لن نقتل أحدا ولن نذبح")
    assert "violent_threat" in labels("Вам не жить, предатели.")  # the negation is part of the threat


def test_reported_violence_is_not_a_threat_but_a_quoted_one_is():
    assert labels("Police said the suspect had threatened to kill his neighbours.") == set()
    assert labels("Gunmen stormed a checkpoint, wounding three soldiers, officials said.") == set()
    quoted = 'The commander said: "We will hang them all from the bridge."'
    assert "violent_threat" in labels(quoted)
    # narrative text (reporting=True) only counts what it quotes
    assert labels("We will hang them all.", reporting=True) == set()
    assert "violent_threat" in labels(quoted, reporting=True)


def test_evidence_spans_point_into_the_original_text():
    text = "Hello.\nسَنَذْبَحُ المرتدين"  # diacritics are folded away for matching
    (hit,) = [h for h in rule_hits(text) if h.label == "violent_threat"]
    assert text[hit.span[0]:hit.span[1]].startswith("سَنَذْبَحُ")
    assert text[hit.sentence[0]:hit.sentence[1]] == "سَنَذْبَحُ المرتدين"


@pytest.mark.parametrize("text", ["", "   ", "12345 678", "😀🔥💀", "!!! ??? ..."])
def test_no_rule_fires_without_letters(text):
    assert rule_hits(text) == []


def test_text_helpers():
    assert fold("ÉCOLE أحمد") == ("école احمد", [0, 1, 2, 3, 4, 5, 6, 7, 8, 9])
    text = "One. Two!  Three?\nFour"
    assert [text[s:e] for s, e in sentence_spans(text)] == ["One.", "Two!", "Three?", "Four"]
    q = 'a “b c” and «d» and "e"'
    assert [q[s:e] for s, e in quoted_spans(q)] == ["b c", "d", "e"]
