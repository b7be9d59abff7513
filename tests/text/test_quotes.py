"""Quoted passages and their attribution, case by case."""

from __future__ import annotations

from watchfloor.text.attribution import attribute
from watchfloor.text.quotes import Paragraph, find_quoted


def paragraphs(*texts: str) -> tuple[str, list[Paragraph]]:
    out, pos = [], 0
    for t in texts:
        out.append(Paragraph(pos, pos + len(t)))
        pos += len(t) + 2
    return "\n\n".join(texts), out


def quoted(*texts: str) -> list[str]:
    text, paras = paragraphs(*texts)
    return [text[q.start:q.end] for q in find_quoted(text, paras)]


def said(*texts: str) -> list[tuple[str, str | None, str | None]]:
    text, paras = paragraphs(*texts)
    found = attribute(text, paras)
    return [(text[s.start:s.end], found.speakers[s.speaker].name if s.speaker is not None else None, s.cue)
            for s in found.statements]


def test_marks_of_every_kind():
    assert quoted("A “b,” c \"d\" e «f» g „h“ i") == ["b", "d", "f", "h"]


def test_single_quotes_are_never_boundaries():
    assert quoted("The group's “so-called ‘plan’ isn't one.”") == ["so-called ‘plan’ isn't one."]


def test_a_quote_runs_on_into_the_next_paragraph_that_opens_with_its_mark():
    assert quoted("X wrote, “one", "“two.”", "Narrative.") == ["one\n\n“two."]
    # a paragraph that does not open with the mark ends the unclosed quote at its paragraph
    assert quoted("X wrote, “one", "Narrative.") == ["one"]


def test_insertions():
    text, paras = paragraphs("He wrote, “The Sheikh (Al Zarqawi) said [sic] so (and",)
    (q,) = find_quoted(text, paras)
    assert [text[s:e] for s, e in q.insertions] == ["(Al Zarqawi)", "[sic]"]


def test_scare_quotes_and_titles_are_not_statements():
    assert said("The so-called “emirate” fell, and a channel called “The Lighthouse” closed.") == []


def test_cue_verbs_in_both_orders():
    assert said("“Go,” said Abu Adam al-Shami. “Now.”") == [
        ("Go", "Abu Adam al-Shami", "said"), ("Now.", "Abu Adam al-Shami", "said")]
    assert said("Abu Adam al-Shami writes: “Go.”") == [("Go.", "Abu Adam al-Shami", "wrote")]


def test_a_pronoun_is_the_person_named_last():
    assert said("Karim Haddad left in May. Later he wrote, “I am safe.”") == [
        ("I am safe.", "Karim Haddad", "wrote")]


def test_an_unnamed_speaker_is_kept_without_a_name():
    assert said("One official said the plan was “dead.”") == [("dead.", None, "said")]


def test_arabic_cue_and_dropped_subject():
    assert said("وقال أبو آدم الشامي: «انتهى الأمر».", "وأضاف: «لن نعود».") == [
        ("انتهى الأمر", "أبو آدم الشامي", "قال"), ("لن نعود", "أبو آدم الشامي", "أضاف")]


def test_wire_block_after_a_colon():
    text, paras = paragraphs("Kestrel Wire reported:", "Troops moved north, officials said.", "Later text.")
    found = attribute(text, paras)
    (st,) = found.statements
    assert (st.kind, text[st.start:st.end], found.speakers[st.speaker].name) == (
        "reporting", "Troops moved north, officials said.", "Kestrel Wire")


def test_a_person_introducing_a_block_is_quoted_not_reporting():
    text, paras = paragraphs("Abu Adam al-Shami wrote:", "We leave tonight.")
    (st,) = attribute(text, paras).statements
    assert (st.kind, st.cue) == ("quote", "wrote")
