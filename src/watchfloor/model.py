"""The records every stage of watchfloor shares, and nothing else.

Readers turn files into these records, enrichers add Annotations to them, stores keep them,
and every surface (CLI, web, reports) shows them. Nothing downstream re-reads a source file.

Identifiers are strings that a person can read and that are the same on every machine:

- a Chat is ``"<platform>:<platform chat id>"`` (``"telegram:1234567890"``), or for chats whose
  message numbers belong to one account, ``"telegram:1234567890@<account id>"``;
- an Actor is ``"<platform>:<platform actor id>"`` (``"telegram:user42"``);
- a Message is ``"<chat id>:<platform message id>"`` (``"telegram:1234567890:17"``); a quote in an
  article is ``"article:<sha256[:16]>:<start>-<end>"``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any


@dataclass(slots=True)
class Source:
    """One ingested file (or one file inside an archive)."""

    path: str
    sha256: str
    size: int
    kind: str  # the reader's format name: "telegram_json", "article", ...
    reader: str
    reader_version: str
    title: str | None = None


@dataclass(slots=True)
class Chat:
    """A group, channel, conversation, or the article a quote was read from."""

    id: str
    platform: str
    platform_id: str | None
    title: str | None
    kind: str | None  # "public_channel", "private_supergroup", "personal_chat", "article", ...


@dataclass(slots=True)
class Origin:
    """A place (or tribe) a name implies, with how we know it."""

    name: str
    country: str | None
    lat: float | None
    lon: float | None
    via: str  # "nisba:al-Halabi", "gloss:(the Chechen)", ...
    kind: str | None = None  # "country", "region", "city", "tribe", "ethnic", or "unknown"
    geonames_id: int | None = None


@dataclass(slots=True)
class Actor:
    """Who speaks: an account, a channel, or a person quoted in an article."""

    id: str
    platform: str
    platform_id: str | None
    name: str | None
    aliases: list[str] = field(default_factory=list)
    role: str | None = None  # "group member", "the Emir": said about them, not part of the name
    note: str | None = None  # a gloss the source gives: "(the Chechen)"
    name_parts: dict[str, Any] = field(default_factory=dict)
    origins: list[Origin] = field(default_factory=list)
    cluster: str | None = None


@dataclass(slots=True)
class Media:
    """A file or structured attachment a message carries.

    ``path`` is relative to the export folder and only set when the file was exported and the path
    stays inside that folder; otherwise ``missing`` says why there is no file.
    """

    kind: str  # photo, file, sticker, video_file, voice_message, poll, location, contact, ...
    path: str | None = None
    missing: str | None = None  # "not_included", "too_large", "unavailable", "unsafe_path"
    name: str | None = None
    mime: str | None = None
    size: int | None = None
    details: dict[str, Any] | None = None  # poll question and answers, coordinates, duration, ...


@dataclass(slots=True)
class Message:
    """One statement: a chat message, a service event, or a quote in an article."""

    id: str
    chat_id: str
    platform_id: str | None  # the message number as the platform gives it
    text: str
    kind: str = "message"  # "message", "service", "unsupported", "quote", "reporting"
    actor_id: str | None = None
    actor_name: str | None = None  # the display name this message was sent under
    date: int | None = None  # seconds since the epoch, UTC
    date_has_zone: bool = True  # False when the source gave a local time without an offset
    edited: int | None = None
    reply_to: str | None = None  # platform message id of the target, in reply_to_chat or this chat
    reply_to_chat: str | None = None  # platform id of another chat the reply points into
    forwarded_from: str | None = None  # a display name: exporters give no id
    signature: str | None = None  # the post author a channel shows
    media: list[Media] = field(default_factory=list)
    action: str | None = None  # service messages: "create_group", "pin_message", ...
    details: dict[str, Any] | None = None  # service details, via_bot, saved_from, ...
    span: tuple[int, int] | None = None  # quotes: character span in the article text
    cue: str | None = None  # quotes: "wrote", "added", "according to"
    reported: bool = False  # True when the text is reporting (a wire service), not a speaker's words
    raw: str | None = None  # the record exactly as the source wrote it


@dataclass(slots=True)
class Annotation:
    """Anything an enricher adds to a message (or to a source's own text, when message_id is None)."""

    kind: str  # "entity", "place", "date", "label", "language", "hash", ...
    name: str  # entity type or label name
    enricher: str
    version: str
    message_id: str | None = None
    span: tuple[int, int] | None = None
    value: Any = None
    score: float | None = None
    evidence: list[str] = field(default_factory=list)


Record = Source | Chat | Actor | Message | Annotation


def iso_utc(ts: int | None) -> str | None:
    """A Unix time as ISO 8601 in UTC ("2024-03-02T10:00:00Z"), the form every output uses; None
    stays None."""
    return None if ts is None else datetime.fromtimestamp(ts, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
