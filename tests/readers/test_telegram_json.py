"""The Telegram Desktop JSON reader, across every schema generation the exporter has written."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from tests.conftest import chat_file, msg
from tests.support.tdesktop import Raw, dumps
from watchfloor.errors import InputError
from watchfloor.model import Chat, Message
from watchfloor.readers import find_inputs
from watchfloor.readers.jsonstream import CHUNK, JsonStream
from watchfloor.readers.telegram_json import actor_id


def read(path: Path) -> tuple[list[Chat], list[Message]]:
    (item, reader), = find_inputs(str(path))
    records = list(reader.read(item))
    return [r for r in records if isinstance(r, Chat)], [r for r in records if isinstance(r, Message)]


def test_modern_export_messages(tmp_path):
    messages = [
        {"id": 1, "type": "service", "date": "2024-01-01T12:00:00", "date_unixtime": "1704103200",
         "actor": "Admin", "actor_id": "user1", "action": "create_group", "title": "Group",
         "members": ["A", "B"], "text": "", "text_entities": []},
        msg(2, "plain text"),
        msg(3, text=["see ", {"type": "link", "text": "example.org"}, " now"],
            text_entities=[{"type": "plain", "text": "see "}, {"type": "link", "text": "example.org"},
                           {"type": "plain", "text": " now"}]),
        msg(4, "answer", reply_to_message_id=2, forwarded_from="Northern Dispatch"),
        msg(5, "", photo="(File not included. Change data exporting settings to download.)",
            width=1280, height=720),
        msg(6, "edited later", edited="2023-11-14T22:20:00", edited_unixtime="1700000999"),
        msg(7, "from a deleted account", who=(None, "user99")),
        msg(8, "", poll={"question": "Which day?", "closed": False, "total_voters": 3,
                         "answers": [{"text": "Thursday", "voters": 1, "chosen": False},
                                     {"text": ["Sat", {"type": "bold", "text": "urday"}], "voters": 2, "chosen": True}]}),
        {"id": 9, "type": "unsupported"},
        msg(10, "via a bot", via_bot="@helper_bot"),
    ]
    chats, out = read(chat_file(tmp_path / "result.json", messages))
    assert [c.id for c in chats] == ["telegram:777"]
    assert chats[0].title == "Test group" and chats[0].kind == "private_supergroup"
    by = {m.platform_id: m for m in out}
    assert len(out) == 10
    assert by["1"].kind == "service" and by["1"].action == "create_group"
    assert by["1"].actor_id == "telegram:user1" and by["1"].actor_name == "Admin"
    assert by["1"].details == {"title": "Group", "members": ["A", "B"]}
    assert by["2"].id == "telegram:777:2" and by["2"].text == "plain text"
    assert by["2"].date == 1_700_000_120 and by["2"].date_has_zone
    assert by["3"].text == "see example.org now"
    assert by["4"].reply_to == "2" and by["4"].forwarded_from == "Northern Dispatch"
    assert [(m.kind, m.missing, m.path) for m in by["5"].media] == [("photo", "not_included", None)]
    assert by["6"].edited == 1_700_000_999
    assert by["7"].actor_id == "telegram:user99" and by["7"].actor_name is None
    poll = by["8"].media[0]
    assert poll.kind == "poll" and poll.details["question"] == "Which day?"
    assert [a["text"] for a in poll.details["answers"]] == ["Thursday", "Saturday"]
    assert by["9"].kind == "unsupported" and by["9"].date is None and by["9"].text == ""
    assert by["10"].details == {"via_bot": "@helper_bot"}
    # the raw record is kept exactly as written
    assert json.loads(by["2"].raw)["text"] == "plain text"


def test_text_entities_win_over_text(tmp_path):
    # text_entities (2022+) is authoritative; text may flatten nested formatting differently
    m = msg(1, text="stale", text_entities=[{"type": "plain", "text": "fresh"}])
    _, out = read(chat_file(tmp_path / "result.json", [m]))
    assert out[0].text == "fresh"


def test_old_generation_without_unixtime_or_entities(tmp_path):
    # tdesktop 2.1.x: plain int from_id, only a local "date", text as a list
    m = {"id": 5, "type": "message", "date": "2020-06-01T10:00:00", "from": "Old Timer",
         "from_id": 12345, "text": ["hi ", {"type": "bold", "text": "there"}]}
    _, out = read(chat_file(tmp_path / "result.json", [m]))
    assert out[0].actor_id == "telegram:user12345"
    assert out[0].text == "hi there"
    assert out[0].date == 1_591_005_600  # the local time, taken as UTC
    assert out[0].date_has_zone is False


def test_shifted_64_bit_from_ids(tmp_path):
    # tdesktop 2.4-2.7.1 wrote peer ids with the peer type shifted into the high bits
    messages = [
        {"id": 1, "type": "message", "date": "2021-01-01T10:00:00", "from": "U",
         "from_id": (1 << 32) | 424242, "text": "user"},
        {"id": 2, "type": "message", "date": "2021-01-01T10:00:01", "from": "Channel",
         "from_id": (2 << 32) | 777, "text": "channel post"},
    ]
    _, out = read(chat_file(tmp_path / "result.json", messages, kind="public_channel"))
    assert [m.actor_id for m in out] == ["telegram:user424242", "telegram:channel777"]


@pytest.mark.parametrize(
    "from_id, kind, expected",
    [
        ("user42", None, "telegram:user42"),
        ("channel7", "public_channel", "telegram:channel7"),
        ("chat9", "private_group", "telegram:chat9"),
        (42, None, "telegram:user42"),
        ((1 << 32) | 42, None, "telegram:user42"),
        ((2 << 32) | 9, "private_group", "telegram:chat9"),
        (None, None, None),
        (True, None, None),
    ],
)
def test_actor_ids(from_id, kind, expected):
    assert actor_id(from_id, kind) == expected


def test_control_character_escapes_are_repaired(tmp_path):
    # tdesktop#27571: control characters written as \x0B, which is not JSON
    path = chat_file(tmp_path / "result.json", [msg(1, "vertical\x0btab and bell\x07"), msg(2, "next")])
    assert b"\\x0B" in path.read_bytes()
    _, out = read(path)
    assert out[0].text == "vertical\x0btab and bell\x07"
    assert out[1].text == "next"


def test_escaped_backslash_before_x_is_left_alone(tmp_path):
    # a literal backslash followed by "x41" is valid JSON and must not be "repaired"
    path = chat_file(tmp_path / "result.json", [msg(1, "C:\\x41 path \x0b")])
    _, out = read(path)
    assert out[0].text == "C:\\x41 path \x0b"


def test_unquoted_custom_emoji_document_id(tmp_path):
    # tdesktop 4.1.1 wrote "document_id": video_files/sticker (2).webm without quotes
    m = msg(1, text=[{"type": "custom_emoji", "text": "😮", "document_id": Raw("video_files/sticker (2).webm")}, " wow"])
    path = chat_file(tmp_path / "result.json", [m, msg(2, "after")])
    with pytest.raises(json.JSONDecodeError):
        json.loads(path.read_text())
    _, out = read(path)
    assert out[0].text == "😮 wow" and out[1].text == "after"


def test_negative_migrated_ids_and_replies(tmp_path):
    messages = [
        msg(-999_999_998, "from the old basic group"),
        msg(-999_999_997, "reply in the old group", reply_to_message_id=-999_999_998),
        msg(1, "first supergroup message"),
    ]
    _, out = read(chat_file(tmp_path / "result.json", messages))
    assert [m.id for m in out] == ["telegram:777:-999999998", "telegram:777:-999999997", "telegram:777:1"]
    assert out[1].reply_to == "-999999998"


def test_channel_posts_and_signatures(tmp_path):
    post = msg(10, "statement", who=("Valley Bulletin", "channel777"), author="Abu Yaqub")
    _, out = read(chat_file(tmp_path / "result.json", [post], kind="public_channel"))
    assert out[0].actor_id == "telegram:channel777" and out[0].signature == "Abu Yaqub"


def test_media_kinds_and_paths(tmp_path):
    messages = [
        msg(1, "", photo="photos/photo_1@01-01-2024_10-00-00.jpg", width=10, height=10),
        msg(2, "clip", file="video_files/clip.mp4", file_name="clip.mp4", media_type="video_file",
            mime_type="video/mp4", duration_seconds=12),
        msg(3, "", file="(File exceeds maximum size. Change data exporting settings to download.)",
            media_type="voice_message"),
        msg(4, "", location_information={"latitude": 36.2, "longitude": 37.15}),
        msg(5, "", contact_information={"first_name": "A", "last_name": "", "phone_number": "+1"}),
        msg(6, "", photo="../../../etc/passwd"),
        msg(7, "", file="/etc/shadow"),
        msg(8, "", file="(File unavailable, please try again later)"),
    ]
    _, out = read(chat_file(tmp_path / "result.json", messages))
    media = {m.platform_id: m.media[0] for m in out}
    assert media["1"].path == "photos/photo_1@01-01-2024_10-00-00.jpg"
    assert (media["2"].kind, media["2"].path, media["2"].mime, media["2"].details) == (
        "video_file", "video_files/clip.mp4", "video/mp4", {"duration_seconds": 12})
    assert (media["3"].kind, media["3"].missing) == ("voice_message", "too_large")
    assert media["4"].kind == "location" and media["4"].details["latitude"] == 36.2
    assert media["5"].kind == "contact"
    # paths that climb out of the export folder are never kept as paths
    assert media["6"].path is None and media["6"].missing == "unsafe_path"
    assert media["7"].path is None and media["7"].missing == "unsafe_path"
    assert media["8"].missing == "unavailable"


def full_export(path: Path, *, account: int = 5001) -> Path:
    doc = {
        "about": "Here is the data you requested.",
        "personal_information": {"user_id": account, "first_name": "Analyst", "last_name": "",
                                 "phone_number": "+000", "bio": ""},
        "contacts": {"about": "contacts", "list": [{"user_id": 1, "first_name": "X", "last_name": "",
                                                     "phone_number": "", "date": "2020-01-01T00:00:00",
                                                     "date_unixtime": "1577836800"}]},
        "chats": {"about": "chats", "list": [
            {"name": "Valley Bulletin", "type": "private_supergroup", "id": 100, "messages": [msg(1, "a"), msg(2, "b")]},
            {"name": "Karim", "type": "personal_chat", "id": 200, "messages": [msg(1, "private hello")]},
            {"type": "saved_messages", "id": account, "messages": [msg(1, "note", saved_from="Valley Bulletin")]},
        ]},
        "left_chats": {"about": "left", "list": [
            {"name": "Old channel", "type": "public_channel", "id": 300, "messages": [msg(5, "left behind")]},
        ]},
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(dumps(doc), encoding="utf-8")
    return path


def test_full_account_export(tmp_path):
    chats, out = read(full_export(tmp_path / "DataExport" / "result.json"))
    assert [c.id for c in chats] == [
        "telegram:100", "telegram:200@5001", "telegram:5001@5001", "telegram:300"]
    assert [c.title for c in chats] == ["Valley Bulletin", "Karim", None, "Old channel"]
    assert [m.id for m in out] == [
        "telegram:100:1", "telegram:100:2", "telegram:200@5001:1", "telegram:5001@5001:1", "telegram:300:5"]
    assert out[3].forwarded_from == "Valley Bulletin" and out[3].details == {"saved_from": "Valley Bulletin"}


def test_account_scoped_chat_without_account_uses_send_time(tmp_path):
    # message numbers of a personal chat belong to the exporting account; without knowing the
    # account, the send time keeps two accounts' messages apart
    _, out = read(chat_file(tmp_path / "result.json", [msg(1, "hi", ts=1_700_000_000)], kind="personal_chat", chat_id=200))
    assert out[0].id == "telegram:200:1@1700000000"


def test_minified_json_takes_the_slow_path(tmp_path):
    doc = {"name": "Mini", "type": "public_supergroup", "id": 5,
           "messages": [msg(i, f"message {i}") for i in range(1, 50)]}
    path = tmp_path / "result.json"
    path.write_text(json.dumps(doc, separators=(",", ":")), encoding="utf-8")
    _, out = read(path)
    assert [m.text for m in out] == [f"message {i}" for i in range(1, 50)]


def test_utf8_byte_order_mark_is_accepted(tmp_path):
    path = chat_file(tmp_path / "result.json", [msg(1, "hi")])
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    _, out = read(path)
    assert out[0].text == "hi"


def test_stream_buffer_stays_bounded_on_a_large_file(tmp_path):
    # memory must not grow with the file: the parse buffer stays near one read chunk
    n = 30_000
    path = chat_file(tmp_path / "result.json", (msg(i, "word " * 40) for i in range(1, n + 1)))
    assert path.stat().st_size > 8 * CHUNK
    with open(path, "rb") as f:
        js = JsonStream(f)
        largest = 0
        count = 0
        for key in js.iter_object():
            if key == "messages":
                for _ in js.iter_elements():
                    count += 1
                    largest = max(largest, len(js.buf))
            else:
                js.read_value()
    assert count == n
    assert largest <= 2 * CHUNK + 4096


def test_a_message_larger_than_the_read_chunk(tmp_path):
    big = "x" * (3 * CHUNK)
    _, out = read(chat_file(tmp_path / "result.json", [msg(1, big), msg(2, "after")]))
    assert out[0].text == big and out[1].text == "after"


# -- bad input ---------------------------------------------------------------------------------


def error_of(path: Path) -> InputError:
    with pytest.raises(InputError) as e:
        read(path)
    return e.value


def test_truncated_file_names_the_byte_and_message(tmp_path):
    path = chat_file(tmp_path / "result.json", [msg(i, f"m{i}") for i in range(1, 101)])
    data = path.read_bytes()
    cut = data.index(b'"id": 60,')
    path.write_bytes(data[: cut + 30])
    e = error_of(path)
    assert e.index == 60 and e.offset is not None and e.offset <= len(data[: cut + 30])
    assert "ends early" in e.problem


def test_invalid_json_inside_a_message(tmp_path):
    path = chat_file(tmp_path / "result.json", [msg(1, "ok"), msg(2, "bad"), msg(3, "ok")])
    data = path.read_bytes().replace(b'"text": "bad"', b'"text": bad"')
    path.write_bytes(data)
    e = error_of(path)
    assert e.index == 2
    assert e.offset == data.index(b'bad"')
    assert str(e).startswith(str(path))


def test_wrong_encoding_names_the_byte(tmp_path):
    path = chat_file(tmp_path / "result.json", [msg(1, "ok"), msg(2, "café")])
    data = path.read_bytes().replace("café".encode(), "café".encode("latin-1"))
    path.write_bytes(data)
    e = error_of(path)
    assert "UTF-8" in e.problem and e.offset == data.index(b"caf\xe9") + 3 and e.index == 2


def test_json_that_is_not_an_export(tmp_path):
    path = tmp_path / "package.json"
    path.write_text('{"name": "x", "version": "1"}')
    with pytest.raises(InputError, match="not a recognised export"):
        find_inputs(str(path))


def test_chat_without_messages_key_is_reported(tmp_path):
    path = tmp_path / "result.json"
    path.write_text('{\n "name": "x",\n "type": "personal_chat",\n "id": 1\n}')
    with pytest.raises(InputError, match="no Telegram chats"):
        read(path)


def test_stream_reports_trailing_garbage():
    js = JsonStream(io.BytesIO(b'{"a": 1} trailing'))
    for _ in js.iter_object():
        js.read_value()
    assert not js.at_end()
