"""Analyse one file without a database: read it, run the enrichers, return one JSON document.

``watchfloor analyze PATH --json`` prints what ``analyze_path`` returns; its JSON Schema is
``docs/analyze.schema.json``. The document:

- ``source``: the reader (``kind``), the file's ``path``, ``sha256``, ``title`` (an article's
  headline, or the chat's title when the file holds one chat), ``date`` (an article's publication
  date), and ``text``: for an article, its whole text (headline, blank line, paragraphs) — every
  ``span`` in the document is a character span in it; ``null`` for chat exports.
- ``actors``: who speaks — an article's speakers, or a chat's senders — with ``name``, ``aliases``,
  ``role``, ``note``, ``name_parts`` and ``origins`` (from the name engine, ``text/names.py``:
  the parts of the name and the places or tribes its nisbas and gloss imply).
- ``messages``: the statements. For an article these are its quotations (kind ``quote``) and the
  blocks it attributes to a wire service (kind ``reporting``, ``reported: true``); the narrative
  itself is not a statement and is not listed here: it is ``source.text``. For a chat export,
  every message. Each has its ``labels`` and ``entities`` from the enrichers; an entity's ``span``
  is in the message's own ``text``.
- ``entities`` and ``labels``: what the enrichers found in an article's narrative outside every
  statement (spans in ``source.text``); what they found inside a statement is on that statement.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from watchfloor.enrich import Pipeline
from watchfloor.errors import WatchfloorError
from watchfloor.ingest import sha256_of
from watchfloor.model import Actor, Annotation, Chat, Message, iso_utc
from watchfloor.readers import find_inputs
from watchfloor.text.names import describe_actor

BATCH = 5000
NARRATIVE = "article"  # the kind of message that holds an article's narrative


def analyze_path(path: str, pipeline: Pipeline | None = None) -> dict[str, Any]:
    """The analysis document of the one source at ``path`` (see the module's description)."""
    found = find_inputs(path)
    if len(found) != 1:
        raise WatchfloorError(
            f"{path}: holds {len(found)} sources; analyze reads one file "
            "(name the file, or use `watchfloor ingest` for a folder)"
        )
    item, reader = found[0]
    sha = sha256_of(item)
    chats: list[Chat] = []
    actors: dict[str, Actor] = {}
    messages: list[Message] = []
    for record in reader.read(item):
        if isinstance(record, Message):
            messages.append(record)
        elif isinstance(record, Actor):
            actors[record.id] = record
        elif isinstance(record, Chat):
            chats.append(record)
    annotations: list[Annotation] = []
    if pipeline:
        for i in range(0, len(messages), BATCH):
            annotations.extend(pipeline(messages[i:i + BATCH]))
    return document(reader.name, item.name, sha, chats, actors, messages, annotations)


def document(
    kind: str, path: str, sha256: str, chats: Sequence[Chat], actors: dict[str, Actor],
    messages: Sequence[Message], annotations: Iterable[Annotation],
) -> dict[str, Any]:
    """Assemble the analysis document from a source's records and their annotations."""
    by_message: dict[str | None, list[Annotation]] = {}
    for a in annotations:
        by_message.setdefault(a.message_id, []).append(a)
    narrative = next((m for m in messages if m.kind == NARRATIVE), None)
    statements = [m for m in messages if m.kind != NARRATIVE]
    spans = [m.span for m in statements if m.span is not None]

    outside: list[Annotation] = []
    if narrative is not None:
        outside = [
            a for a in by_message.get(narrative.id, [])
            if a.span is None or not any(_overlaps(a.span, s) for s in spans)
        ]
    return {
        "source": {
            "kind": kind,
            "path": path,
            "sha256": sha256,
            "title": chats[0].title if len(chats) == 1 else None,
            "date": iso_utc(narrative.date) if narrative is not None else None,
            "text": narrative.text if narrative is not None else None,
            "language": _language(by_message.get(narrative.id, [])) if narrative is not None else None,
        },
        "actors": [_actor(a) for a in _all_actors(actors, statements)],
        "messages": [_message(m, by_message.get(m.id, [])) for m in statements],
        "entities": [_entity(a, narrative.text) for a in outside if a.kind == "entity"]
        if narrative is not None else [],
        "labels": [_label(a) for a in outside if a.kind == "label"],
    }


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _all_actors(actors: dict[str, Actor], messages: Sequence[Message]) -> list[Actor]:
    """The readers' Actor records, and for chat exports (whose messages only name their sender)
    one Actor per sender, named by the display names it used (the latest first)."""
    out = dict(actors)
    names: dict[str, list[str]] = {}
    for m in messages:
        if m.actor_id and m.actor_id not in actors:
            seen = names.setdefault(m.actor_id, [])
            if m.actor_name and m.actor_name not in seen:
                seen.append(m.actor_name)
    for actor_id, seen in names.items():
        platform, _, platform_id = actor_id.partition(":")
        latest = list(reversed(seen))
        out[actor_id] = Actor(
            id=actor_id, platform=platform, platform_id=platform_id or None,
            name=latest[0] if latest else None, aliases=latest[1:],
        )
    return [describe_actor(a) for a in out.values()]


def _actor(a: Actor) -> dict[str, Any]:
    return {
        "id": a.id,
        "name": a.name,
        "aliases": list(a.aliases),
        "role": a.role,
        "note": a.note,
        "name_parts": dict(a.name_parts),
        "origins": [
            {"name": o.name, "country": o.country, "lat": o.lat, "lon": o.lon, "via": o.via}
            for o in a.origins
        ],
    }


def _message(m: Message, notes: list[Annotation]) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": m.id,
        "kind": m.kind,
        "chat": m.chat_id,
        "actor": m.actor_id,
        "actor_name": m.actor_name,
        "text": m.text,
        "span": list(m.span) if m.span is not None else None,
        "cue": m.cue,
        "date": iso_utc(m.date),
        "reported": m.reported,
        "insertions": [list(s) for s in (m.details or {}).get("insertions", [])]
        if m.kind in ("quote", "reporting") else [],
        "language": _language(notes),
        "labels": [_label(a) for a in notes if a.kind == "label"],
        "entities": [_entity(a, m.text) for a in notes if a.kind == "entity"],
    }
    return out


def _language(notes: list[Annotation]) -> str | None:
    """The language enricher's verdict for one message (ISO 639-1, "und"), None without it."""
    return next((a.name for a in notes if a.kind == "language"), None)


def _entity(a: Annotation, text: str) -> dict[str, Any]:
    value = a.value
    surface = value.get("text") if isinstance(value, dict) else None
    if surface is None and a.span is not None:
        surface = text[a.span[0]:a.span[1]]
    return {
        "kind": a.name,
        "text": surface,
        "span": list(a.span) if a.span is not None else None,
        "value": value,
        "geo": value.get("geo") if isinstance(value, dict) else None,
        "score": a.score,
    }


def _label(a: Annotation) -> dict[str, Any]:
    return {
        "name": a.name,
        "score": a.score if a.score is not None else 0.0,
        "evidence": list(a.evidence),
        "span": list(a.span) if a.span is not None else None,
    }


def summarise(doc: dict[str, Any], *, width: int = 100) -> list[str]:
    """A few readable lines about an analysis document: what it is, who says what."""
    source = doc["source"]
    lines = [f"{source['kind']}: {source['title'] or source['path']}"]
    if source.get("date"):
        lines.append(f"date: {source['date'][:10]}")
    names = {a["id"]: a for a in doc["actors"]}
    kinds: dict[str, int] = {}
    for m in doc["messages"]:
        kinds[m["kind"]] = kinds.get(m["kind"], 0) + 1
    counts = ", ".join(f"{n} {k}{'s' if n != 1 else ''}" for k, n in kinds.items()) or "no statements"
    lines.append(f"{len(doc['actors'])} actor{'s' if len(doc['actors']) != 1 else ''}, {counts}")
    said = [m for m in doc["messages"] if m["text"].strip()]
    for m in said[:20]:
        actor = names.get(m["actor"]) if m["actor"] else None
        who = actor["name"] if actor and actor["name"] else "(unnamed)"
        if actor and actor.get("role"):
            who += f" ({actor['role']})"
        text = " ".join(m["text"].split())
        head = f"  {who} {m['cue'] or 'wrote'}: "
        room = max(20, width - len(head) - 2)
        lines.append(head + "\u201c" + (text if len(text) <= room else text[:room - 1] + "\u2026") + "\u201d")
    if len(said) > 20:
        lines.append(f"  … and {len(said) - 20} more (--json shows all)")
    return lines


__all__ = ["analyze_path", "document", "summarise"]
