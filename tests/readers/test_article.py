"""The article reader on the evaluation set (quote by quote) and on bad input."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.support.gold import load, paths
from watchfloor.errors import InputError
from watchfloor.model import Actor, Chat, Message
from watchfloor.readers import find_inputs, reader_for
from watchfloor.readers.article import ArticleReader, parse, records
from watchfloor.readers.base import Input

CASES = paths()


def test_the_set_is_large_and_varied():
    assert len(CASES) >= 20
    assert sum(p.suffix == ".html" for p in CASES) >= 5
    quotes = [q for p in CASES for q in load(p).gold["quotes"]]
    assert len(quotes) >= 60
    assert sum(any("\u0600" <= ch <= "\u06ff" for ch in q["text"]) for q in quotes) >= 5


def _ids(case):
    return [p.name for p in case]


@pytest.mark.parametrize("path", CASES, ids=_ids(CASES))
def test_every_gold_statement_is_found_with_its_span_speaker_and_cue(path: Path):
    case = load(path)
    found = {(s.kind, s.start, s.end): s for s in case.found}
    for e in case.expected:
        text = case.article.text[e.start:e.end]
        f = found.get((e.kind, e.start, e.end))
        assert f is not None, f"{e.kind} not found with its exact span: {text[:70]!r}"
        assert (f.speaker or "").casefold() == (e.speaker or "").casefold(), f"wrong speaker for {text[:50]!r}"
        if e.cue is not None:
            assert f.cue == e.cue, f"wrong cue for {text[:50]!r}"
        assert f.insertions == e.insertions, f"wrong insertions in {text[:50]!r}"


@pytest.mark.parametrize("path", CASES, ids=_ids(CASES))
def test_nothing_else_is_taken_for_a_statement(path: Path):
    case = load(path)
    extra = set((s.kind, s.start, s.end) for s in case.found) - set((e.kind, e.start, e.end) for e in case.expected)
    assert not extra, [case.article.text[s:e][:60] for _, s, e in extra]


@pytest.mark.parametrize("path", CASES, ids=_ids(CASES))
def test_headline_date_and_page_furniture(path: Path):
    case = load(path)
    gold = case.gold
    assert case.article.headline == gold["headline"]
    assert case.article.text.startswith(gold["headline"] + "\n\n")
    want = gold["date"] if "T" in gold["date"] else gold["date"] + "T00:00:00Z"
    assert datetime.fromtimestamp(case.article.date, UTC).strftime("%Y-%m-%dT%H:%M:%SZ") == want
    for furniture in gold["absent"]:
        assert furniture not in case.article.text


@pytest.mark.parametrize("path", [p for p in CASES if load(p).gold["actors"]], ids=lambda p: p.name)
def test_speakers_roles_glosses_and_aliases(path: Path):
    case = load(path)
    by_name = {a.name: a for a in case.actors.values()}
    for name, facts in case.gold["actors"].items():
        actor = by_name[name]
        if "role" in facts:
            assert actor.role == facts["role"]
        if "note" in facts:
            assert actor.note == facts["note"]
        for alias in facts.get("aliases", []):
            assert alias in actor.aliases


def test_records_are_in_order_with_stable_ids():
    path = CASES[0]
    data = path.read_bytes()
    out = list(records(parse(str(path), data), "abcdef0123456789"))
    assert isinstance(out[0], Chat) and out[0].id == "article:abcdef0123456789" and out[0].kind == "article"
    body = out[1]
    assert isinstance(body, Message) and body.id == "article:abcdef0123456789:body" and body.actor_id is None
    seen: set[str] = set()
    for r in out[2:]:
        if isinstance(r, Actor):
            assert r.id.startswith("article:abcdef0123456789:")
            seen.add(r.id)
        elif isinstance(r, Message):
            assert r.actor_id is None or r.actor_id in seen, "an actor comes before its first message"
            assert r.text == body.text[r.span[0]:r.span[1]]
            assert r.id == f"article:abcdef0123456789:{r.span[0]}-{r.span[1]}"
            assert r.date == body.date


def test_part_name_resolves_to_the_full_name_and_two_namesakes_stay_apart():
    case = load(next(p for p in CASES if p.name.startswith("15_")))
    speakers = {m.actor_id for m in case.messages if m.kind == "quote"}
    assert len(speakers) == 2
    omar = next(a for a in case.actors.values() if a.name == "Abu Omar al-Halabi")
    assert "Abu Omar" in omar.aliases


def test_insertions_are_not_the_speakers_words():
    case = load(next(p for p in CASES if p.name.startswith("04_")))
    quote = next(m for m in case.messages if m.kind == "quote")
    spans = quote.details["insertions"]
    assert [case.article.text[s:e] for s, e in spans] == ["(Al Zarqawi)", "(a commander who was killed last year)"]


def test_wire_block_is_reporting_by_the_service():
    case = load(next(p for p in CASES if p.name.startswith("03_")))
    (report,) = [m for m in case.messages if m.kind == "reporting"]
    assert report.reported and case.actors[report.actor_id].name == "Northline Press"
    assert not any(m.reported for m in case.messages if m.kind == "quote")


def test_hostile_html_is_parsed_never_run(tmp_path):
    page = tmp_path / "x.html"
    page.write_text(
        "<html><body onload=alert(1)><article><h1>T<script>alert(2)</script></h1>"
        "<p>One said, “<img src=x onerror=alert(3)>hi<svg onload=alert(4)>x</svg>.”</p>"
        "<p style='display:none'>hidden</p><p>Two <a href='javascript:alert(5)'>link</a>.</p>"
        "</article></body></html>"
    )
    art = parse(str(page), page.read_bytes())
    assert "alert" not in art.text and "hidden" not in art.text and "javascript" not in art.text
    assert art.text == "T\n\nOne said, “hi.”\n\nTwo link."


def _item(tmp_path, name: str, data: bytes) -> Input:
    path = tmp_path / name
    path.write_bytes(data)
    return Input(name=str(path), size=len(data), open=lambda: open(path, "rb"), root=str(tmp_path), head=data[:65536])


def test_sniffing_leaves_other_formats_alone(tmp_path):
    reader = ArticleReader()
    telegram_html = b'<!DOCTYPE html><html><body><div class="page_wrap"><div class="history">'
    assert not reader.sniff(_item(tmp_path, "messages.html", telegram_html))
    assert not reader.sniff(_item(tmp_path, "notes.txt", b'{"name": "x"}'))
    assert not reader.sniff(_item(tmp_path, "photo.txt", bytes(range(256)) * 4))
    assert reader.sniff(_item(tmp_path, "story", b"Headline\n\nA paragraph of text.\n"))
    assert reader.sniff(_item(tmp_path, "story.html", b"<p>Hi</p>"))
    # a Telegram JSON export is still read by its own reader, whatever the article reader thinks
    result = Path(__file__).resolve().parents[2] / "samples/telegram/ChatExport_2024-03-02/result.json"
    data = result.read_bytes()
    assert reader_for(_item(tmp_path, "result.json", data)).name == "telegram_json"


@pytest.mark.parametrize(
    "name, data, needle",
    [
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b"  \n\n \n", "empty file"),
        ("binary.txt", bytes(range(256)) * 40, "not a recognised export"),
        ("latin1.txt", "Headline\n\nCafé society.\n".encode("latin-1"), "not valid UTF-8"),
        ("nobody.html", b"<html><head><title>Only a title</title></head><body></body></html>", "no article text"),
        ("menu.html", b"<html><body><nav><a href=/>Home</a></nav><footer>(c) us</footer></body></html>", "no article text"),
        ("oneline.txt", b"just a line", "no article text"),
    ],
)
def test_bad_input_is_a_clear_error(tmp_path, name, data, needle):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(InputError, match=needle):
        for item, reader in find_inputs(str(path)):
            list(reader.read(item))


def test_latin1_error_names_the_byte(tmp_path):
    path = tmp_path / "latin1.txt"
    data = "Headline\n\nCafé society.\n".encode("latin-1")
    path.write_bytes(data)
    ((item, reader),) = find_inputs(str(path))
    with pytest.raises(InputError) as e:
        list(reader.read(item))
    assert e.value.offset == data.index(b"\xe9")


def test_windows_1252_page_without_declaration_reads(tmp_path):
    path = tmp_path / "old.html"
    path.write_bytes(b"<html><body><h1>Old page</h1><p>He said, \x93yes.\x94</p></body></html>")
    art = parse(str(path), path.read_bytes())
    assert art.text == "Old page\n\nHe said, \u201cyes.\u201d"


def test_pathological_text_takes_linear_time():
    """Unclosed quotes, brackets and cue words by the hundred thousand: no backtracking blow-up."""
    from watchfloor.text.attribution import attribute
    from watchfloor.text.quotes import Paragraph

    unit = "He said, \u201c(a [b said ( \u201c x wrote \"y. Dr. S. \u00ab z "
    small, large = unit * 2_000, unit * 20_000  # 90 kB and 900 kB in one paragraph
    t0 = time.perf_counter()
    attribute(small, [Paragraph(0, len(small))])
    t1 = time.perf_counter()
    attribute(large, [Paragraph(0, len(large))])
    t2 = time.perf_counter()
    # ten times the text: about ten times the time (a quadratic scan would be a hundred)
    assert t2 - t1 < max(2.0, 40 * (t1 - t0))


def test_a_large_article_reads(tmp_path):
    para = ("The committee met again on Tuesday. “We will decide soon,” Abu Karim al-Raqqawi said. "
            "Observers were not convinced, and the talks went on late into the night.\n\n")
    path = tmp_path / "big.txt"
    path.write_text("A long report\n\n" + para * 20_000)  # about 3.6 MB
    ((item, reader),) = find_inputs(str(path))
    out = list(reader.read(item))
    quotes = [r for r in out if isinstance(r, Message) and r.kind == "quote"]
    actors = [r for r in out if isinstance(r, Actor)]
    assert len(quotes) == 20_000 and len(actors) == 1
