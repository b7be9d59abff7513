"""Telegram Desktop "Export chat history" / "Export Telegram data" in machine-readable JSON.

Reads every schema generation the exporter has written (see docs/formats.md): ``text`` as a
string or a list, ``text_entities``, ``from_id`` as ``"user123"`` / a plain int / a 64-bit shifted
peer id, ``date`` with or without ``date_unixtime``, service messages, ``from: null``, migrated
negative ids, forwards, saved messages, replies, polls, media placeholders, and the invalid-JSON
escapes of some versions. A single-chat ``result.json`` and a full-account export (``chats`` and
``left_chats`` lists) are both streamed: memory does not grow with the file.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import Any

from watchfloor.errors import InputError
from watchfloor.model import Chat, Media, Message, Record
from watchfloor.readers.base import Input, safe_relative_path
from watchfloor.readers.jsonstream import JsonStream, JsonSyntaxError

PLATFORM = "telegram"

# message numbers in channels and supergroups belong to the chat; in every other kind of chat
# they are the exporting account's own counter, so two accounts can hold different messages with
# the same number in "the same" chat id
CHAT_SCOPED_KINDS = frozenset(
    {"public_channel", "private_channel", "public_supergroup", "private_supergroup"}
)

_SNIFF = re.compile(
    rb'"type":\s*"(?:personal_chat|bot_chat|saved_messages|replies|verification_codes|'
    rb'private_group|private_supergroup|public_supergroup|private_channel|public_channel)"'
    rb'|"personal_information":\s*\{|"left_chats":\s*\{|"chats":\s*\{\s*"about"'
    rb'|"messages":\s*\[\s*\{\s*"id":\s*-?\d+,\s*"type":\s*"(?:message|service|unsupported)"'
)

_MISSING = (
    ("not included", "not_included"),
    ("exceeds maximum size", "too_large"),
    ("unavailable", "unavailable"),
)

_SERVICE_DETAIL_KEYS = (
    "title", "members", "message_id", "inviter", "duration_seconds", "discard_reason", "duration",
    "period", "emoticon", "new_title", "boosts", "schedule_date", "game_message_id", "score",
    "amount", "currency", "distance", "to", "to_id", "from", "from_id", "reason_domain",
)

_MEDIA_KEYS = frozenset(
    {
        "photo", "file", "poll", "location_information", "contact_information", "game_title",
        "invoice_information", "todo_list", "giveaway_information", "giveaway_results",
        "paid_stars_amount", "media_type",
    }
)

_DETAIL_KEYS = ("via_bot", "saved_from", "author")


class TelegramJsonReader:
    name = "telegram_json"
    version = "1"

    def sniff(self, item: Input) -> bool:
        head = item.head.lstrip(b"\xef\xbb\xbf \t\r\n")
        return head.startswith(b"{") and _SNIFF.search(item.head) is not None

    def read(
        self, item: Input, *, on_progress: Callable[[int], None] | None = None
    ) -> Iterator[Record]:
        with item.open() as f:
            state = _State(item)
            js = JsonStream(f, on_read=on_progress)
            try:
                yield from _read_root(js, state)
            except JsonSyntaxError as e:
                raise InputError(
                    item.name, e.problem + state.where(), offset=e.offset, index=state.index
                ) from None
            if state.chats == 0:
                raise InputError(item.name, "no Telegram chats in this file")


class _State:
    def __init__(self, item: Input) -> None:
        self.item = item
        self.account: str | None = None
        self.chats = 0
        self.index: int | None = None  # 1-based index of the message being read, in its chat
        self.chat_title: str | None = None

    def where(self) -> str:
        return f" in chat {self.chat_title!r}" if self.chat_title and self.index else ""


class _ChatContext:
    __slots__ = ("chat", "bare", "kind", "prefix", "date_in_id", "actors")

    def __init__(self, bare: str, kind: str | None, title: str | None, account: str | None):
        self.bare = bare
        self.kind = kind
        if kind in CHAT_SCOPED_KINDS:
            chat_id = f"{PLATFORM}:{bare}"
            self.date_in_id = False
        else:
            if kind == "saved_messages":
                account = bare
            if account:
                chat_id = f"{PLATFORM}:{bare}@{account}"
                self.date_in_id = False
            else:
                # no way to know whose counter the numbers are: the send time makes them unique
                chat_id = f"{PLATFORM}:{bare}"
                self.date_in_id = True
        self.chat = Chat(id=chat_id, platform=PLATFORM, platform_id=bare, title=title, kind=kind)
        self.actors: dict[Any, str | None] = {}  # from_id -> actor id, memoised
        self.prefix = chat_id + ":"


def _read_root(js: JsonStream, state: _State) -> Iterator[Record]:
    if js.peek() != ord("{"):
        raise JsonSyntaxError("not a Telegram Desktop JSON export (expected an object)", js.offset)
    meta: dict[str, Any] = {}
    for key in js.iter_object():
        if key == "messages":
            yield from _read_messages(js, state, meta)
        elif key in ("chats", "left_chats"):
            for sub in js.iter_object():
                if sub == "list":
                    for _ in js.iter_array():
                        yield from _read_chat(js, state)
                else:
                    js.read_value()
        elif key == "personal_information":
            info = js.read_value()
            if isinstance(info, dict) and info.get("user_id") is not None:
                state.account = str(info["user_id"])
        elif key in ("name", "type", "id"):
            meta[key] = js.read_value()
        else:
            js.read_value()
    if not js.at_end():
        raise JsonSyntaxError("unexpected data after the end of the export", js.offset)


def _read_chat(js: JsonStream, state: _State) -> Iterator[Record]:
    if js.peek() != ord("{"):
        js.read_value()
        return
    meta: dict[str, Any] = {}
    for key in js.iter_object():
        if key == "messages":
            yield from _read_messages(js, state, meta)
        else:
            meta[key] = js.read_value()


def _read_messages(js: JsonStream, state: _State, meta: dict[str, Any]) -> Iterator[Record]:
    if "id" not in meta:
        raise JsonSyntaxError("a chat lists its messages before its id", js.offset)
    title = meta.get("name")
    ctx = _ChatContext(
        str(meta["id"]),
        meta.get("type"),
        title if isinstance(title, str) else None,
        state.account,
    )
    state.chats += 1
    state.chat_title = ctx.chat.title or ctx.chat.id
    yield ctx.chat
    index = 0
    state.index = 1
    for value, raw in js.iter_elements():
        index += 1
        state.index = index + 1  # the next one, should it fail to parse
        if not isinstance(value, dict):
            raise JsonSyntaxError("a message is not a JSON object", js.offset)
        try:
            message = _message(value, raw, ctx)
        except (KeyError, TypeError, ValueError, AttributeError) as e:
            state.index = index
            raise JsonSyntaxError(f"unreadable message: {type(e).__name__}: {e}", js.offset) from None
        yield message
    state.index = None
    state.chat_title = None


def actor_id(from_id: Any, chat_kind: str | None) -> str | None:
    """The stable actor id for a ``from_id`` of any exporter generation."""
    if from_id is None or isinstance(from_id, bool):
        return None
    if isinstance(from_id, str):
        if from_id.isdigit():
            return f"{PLATFORM}:user{from_id}"
        return f"{PLATFORM}:{from_id}" if from_id else None
    if isinstance(from_id, int):
        high, low = from_id >> 32, from_id & 0xFFFFFFFF
        if high == 0:
            return f"{PLATFORM}:user{from_id}"
        if high == 1:  # tdesktop 2.4-2.7 shifted user ids
            return f"{PLATFORM}:user{low}"
        if high == 2:  # chats and channels shared one shift
            kind = "channel" if chat_kind in CHAT_SCOPED_KINDS else "chat"
            return f"{PLATFORM}:{kind}{low}"
        return f"{PLATFORM}:peer{from_id}"
    return None


def _text(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        return "".join(
            p if isinstance(p, str) else (p.get("text") or "") if isinstance(p, dict) else ""
            for p in value
        )
    return ""


def _date(m: dict[str, Any], key: str) -> tuple[int | None, bool]:
    unix = m.get(key + "_unixtime")
    if unix is not None:
        return int(unix), True
    local = m.get(key)
    if isinstance(local, str) and local:
        # before tdesktop 3.7.6 only the exporting computer's local time was written
        return int(datetime.fromisoformat(local).replace(tzinfo=UTC).timestamp()), False
    return None, True


def _file(kind: str, value: Any, **kw: Any) -> Media:
    if not isinstance(value, str) or not value:
        return Media(kind=kind, missing="unavailable", **kw)
    if value.startswith("(") and value.endswith(")"):
        for needle, reason in _MISSING:
            if needle in value:
                return Media(kind=kind, missing=reason, **kw)
        return Media(kind=kind, missing="unavailable", **kw)
    path = safe_relative_path(value)
    if path is None:
        details = dict(kw.pop("details", None) or {})
        details["refused_path"] = value
        return Media(kind=kind, missing="unsafe_path", details=details, **kw)
    return Media(kind=kind, path=path, **kw)


def _compact(m: dict[str, Any], keys: tuple[str, ...]) -> dict[str, Any] | None:
    d = {k: m[k] for k in keys if k in m and m[k] is not None}
    return d or None


def _media(m: dict[str, Any]) -> list[Media]:
    out: list[Media] = []
    if "photo" in m:
        out.append(
            _file(
                "photo", m["photo"], size=m.get("photo_file_size"),
                details=_compact(m, ("width", "height")),
            )
        )
    if "file" in m or "media_type" in m:
        out.append(
            _file(
                m.get("media_type") or "file", m.get("file"),
                name=m.get("file_name"), mime=m.get("mime_type"), size=m.get("file_size"),
                details=_compact(
                    m, ("duration_seconds", "sticker_emoji", "performer", "title", "width", "height")
                ),
            )
        )
    poll = m.get("poll")
    if isinstance(poll, dict):
        answers = [
            {"text": _text(a.get("text")), "voters": a.get("voters")}
            for a in poll.get("answers") or []
            if isinstance(a, dict)
        ]
        out.append(
            Media(
                kind="poll",
                details={
                    "question": _text(poll.get("question")),
                    "answers": answers,
                    "closed": poll.get("closed"),
                    "total_voters": poll.get("total_voters"),
                },
            )
        )
    loc = m.get("location_information")
    if isinstance(loc, dict):
        details = dict(loc)
        details.update(_compact(m, ("place_name", "address", "live_location_period_seconds")) or {})
        out.append(Media(kind="location", details=details))
    contact = m.get("contact_information")
    if isinstance(contact, dict):
        out.append(Media(kind="contact", details=contact))
    if "game_title" in m:
        out.append(Media(kind="game", details=_compact(m, ("game_title", "game_description", "game_link"))))
    for key, kind in (
        ("invoice_information", "invoice"),
        ("todo_list", "todo_list"),
        ("giveaway_information", "giveaway"),
        ("giveaway_results", "giveaway_results"),
    ):
        if isinstance(m.get(key), dict):
            out.append(Media(kind=kind, details=m[key]))
    return out


def _message(m: dict[str, Any], raw: str, ctx: _ChatContext) -> Message:
    pid = str(m["id"])
    kind = m.get("type") or "message"
    unix = m.get("date_unixtime")
    if unix is not None:
        date: int | None = int(unix)
        has_zone = True
    else:
        date, has_zone = _date(m, "date")
    mid = ctx.prefix + pid
    if ctx.date_in_id and date is not None:
        mid += f"@{date}"

    if kind == "service":
        from_id, from_name = m.get("actor_id"), m.get("actor")
    else:
        from_id, from_name = m.get("from_id"), m.get("from")
    actors = ctx.actors
    try:
        actor = actors[from_id]
    except KeyError:
        actor = actors[from_id] = actor_id(from_id, ctx.kind)
    except TypeError:  # an unhashable from_id: not any exporter's
        actor = None

    entities = m.get("text_entities")
    if entities.__class__ is list:
        if len(entities) == 1 and entities[0].__class__ is dict:
            text = entities[0].get("text") or ""
        else:
            text = "".join(e.get("text") or "" for e in entities if isinstance(e, dict))
    else:
        text = _text(m.get("text"))

    msg = Message(
        mid, ctx.chat.id, pid, text, kind, actor,
        from_name if from_name.__class__ is str else None, date, has_zone,
    )
    msg.raw = raw
    if "edited_unixtime" in m or "edited" in m:
        msg.edited = _date(m, "edited")[0]
    reply = m.get("reply_to_message_id")
    if reply is not None:
        msg.reply_to = str(reply)
        peer = m.get("reply_to_peer_id")
        if isinstance(peer, str):
            msg.reply_to_chat = peer.lstrip("abcdefghijklmnopqrstuvwxyz") or None
    fwd = m.get("forwarded_from")
    if fwd is None:
        fwd = m.get("saved_from")
    if fwd.__class__ is str:
        msg.forwarded_from = fwd
    if kind == "service":
        action = m.get("action")
        if action is None and "information_text" in m:
            action = "custom"
            msg.text = msg.text or _text(m.get("information_text"))
        msg.action = action
        msg.details = _compact(m, _SERVICE_DETAIL_KEYS)
    else:
        if "author" in m and isinstance(m["author"], str):
            msg.signature = m["author"]
        if "via_bot" in m or "saved_from" in m:
            msg.details = _compact(m, ("via_bot", "saved_from"))
    if not _MEDIA_KEYS.isdisjoint(m):
        msg.media = _media(m)
    return msg
