"""The labelling layer with the shipped models: scores, evidence, languages, reporting, bad input."""

from __future__ import annotations

import pytest

from watchfloor.classify.labeller import MAX_TEXT_CHARS, Item, guess_lang, labeller
from watchfloor.classify.taxonomy import LABELS


@pytest.fixture(scope="module")
def model():
    return labeller()


def names(model, text: str, **kw) -> set[str]:
    (found,) = model.labels([Item(text, **kw)])
    return {s.name for s in found}


@pytest.mark.parametrize("text", [
    "Tell the governor his convoy will not reach the ministry alive, we will burn it.",
    "Keep talking, we know where you live, and your turn is coming.",
    "سننتقم منكم ولن يبقى منكم أحد، سنذبحكم",          # Arabic
    "Мы сожжём ваш дом вместе с вами.",                # Russian
    "Tu vas payer, on va te tuer devant ta famille.",  # French
])
def test_threats_are_caught_in_four_languages(model, text):
    assert "violent_threat" in names(model, text)


@pytest.mark.parametrize("text", [
    pytest.param("The ferry leaves at noon; bring water and a hat.", marks=pytest.mark.xfail(
        strict=True, reason="a known false positive of the shipped fine-tuned MiniLM (score 0.67 against "
        "a threshold of 0.43); recorded in docs/labels.md, to go when the model improves")),
    "نلتقي غداً في السوق لشراء الخبز",
    "Завтра будет дождь, возьмите зонт.",
    "Nous partons en vacances à la mer la semaine prochaine.",
    "They should all be tried in court and jailed for fraud.",
])
def test_everyday_text_is_not_flagged(model, text):
    assert names(model, text) == set()


@pytest.mark.parametrize("text", ["", "   ", "0", "12 345 678", "😀😂🔥", "🇺🇸🇺🇸", "+44 20 7946 0000", "...!!!"])
def test_no_label_without_letters(model, text):
    (scores,) = model.score([Item(text)])
    assert scores == {}


def test_scores_and_evidence(model):
    text = "Nice weather today.\nBrothers, rise up and strike them wherever you find them."
    (found,) = model.labels([Item(text)])
    by_name = {s.name: s for s in found}
    assert "incitement" in by_name
    s = by_name["incitement"]
    assert 0.0 <= s.score <= 1.0 and s.score >= model.thresholds["incitement"]
    assert s.evidence[0] == "Brothers, rise up and strike them wherever you find them."
    assert text[s.span[0]:s.span[1]] in s.evidence[1:]
    for scores in model.score([Item(text), Item("hello there")]):
        assert all(0.0 <= v.score <= 1.0 and v.name in LABELS for v in scores.values())


def test_reporting_is_not_a_threat_but_a_quoted_threat_is(model):
    news = "Gunmen stormed a checkpoint on Tuesday, wounding three soldiers, officials said."
    assert names(model, news, reporting=True) == set()
    assert "violent_threat" not in names(model, news)  # even read as a chat message
    quoted = 'A commander told followers: "We will hunt down every one of the judges and hang them."'
    assert "violent_threat" in names(model, quoted, reporting=True)


def test_a_megabyte_in_one_message(model):
    filler = "The harvest was good this year and the market was busy. " * 18000  # ~1 MB
    text = filler + "We will slit your throats, your turn is coming."
    assert len(text) > 1_000_000
    (scores,) = model.score([Item(text)])
    assert "violent_threat" not in {n for n, s in scores.items() if s.score >= model.thresholds[n]}
    early = "We will slit your throats, your turn is coming. " + filler
    assert "violent_threat" in names(model, early)
    assert MAX_TEXT_CHARS < len(text)


def test_language_guess():
    assert [guess_lang(t) for t in ["we will meet", "سنلتقي غدا", "встретимся завтра", "nous allons au marché"]] == [
        "en", "ar", "ru", "fr"]
