"""Entities of every message: persons, organisations, places, dates and named groups.

``kind="entity"``, ``name`` one of person | organisation | place | date | group, ``span`` the
characters in ``message.text``, ``score`` how sure the rule or model that found it is, and
``value``::

    {"text": surface text, "normalised": ..., "geo": {...} | None, "via": what found it,
     "language": the recogniser's language}

- place: ``normalised`` is the GeoNames name of the best reading, ``geo`` its record
  (``geo.geo_record``: geonameid, name, kind, country, admin1, lat, lon, population, score and
  the ``alternatives`` with their scores), both None when no known place has that name;
- date: ``normalised`` is "YYYY-MM-DD", "YYYY-MM" or "YYYY" (None when no single day, month or
  year is meant), plus ``precision`` and ``relative``, and ``reference``: the day a relative
  date was counted from (the message's date);
- person, organisation, group: ``normalised`` is the text folded for matching (text/normalise.py).

How: the language enricher's verdict picks the recogniser (``entities`` registry, keyed by
language; Arabic written in Latin letters goes to the Latin-script recogniser); a message with a
second script in good measure also goes through that script's recogniser. Places are resolved
with geo.resolve, each read in the light of the other places of its message, of the countries
its adjectives of nationality name ("the Lebanese army" in Tripoli) and, more weakly, of what the
rest of its chat in the batch is about.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

import regex

from watchfloor import entities, geo
from watchfloor.enrich import Batch, register
from watchfloor.enrich.language import identify
from watchfloor.entities import Mention, dedupe
from watchfloor.entities.dates import DIGITS, weekday_future
from watchfloor.entities.dates import normalise as normalise_date
from watchfloor.entities.dates import reference_day
from watchfloor.model import Annotation, Message
from watchfloor.text.normalise import normalise
from watchfloor.text.origins import gloss_origin

NAME = "entities"
ENRICHER_VERSION = "3"  # 3: a bare weekday read from its own clause
CHUNK = 10_000  # recognisers see at most this many characters at once (split at a space)
SECOND_SCRIPT = 0.2  # a second script with this share of the letters gets its recogniser too
SCRIPT_LANGUAGE = {"Latn": "en", "Arab": "ar"}  # whose rules read a script when the language has none
CHAT_WEIGHT = 0.5  # how much the chat's other places count, against the message's own (1.0)


@lru_cache(maxsize=4096)
def _demonym(word: str) -> str | None:
    """The country an adjective of nationality names ("Lebanese", "اللبناني"), else None."""
    origin = gloss_origin(word) if len(word) > 3 and (not word.isascii() or word[:1].isupper()) else None
    return origin.country if origin is not None and origin.kind == "country" else None


# words shaped like adjectives of nationality: Lebanese, Libyan, Iraqi, Turkish; اللبناني، الليبية
_DEMONYM_SHAPE = regex.compile(r"\b(?:[A-Z][a-z]+(?:i|ese|an|ian|ish)|ال\p{Arabic}+(?:ي|ية|يون|يين))\b")


def _demonym_countries(text: str) -> set[str]:
    """The countries the adjectives of nationality of a text point at."""
    return {cc for w in _DEMONYM_SHAPE.findall(text[:2000]) if (cc := _demonym(w))}


def _chunks(text: str) -> list[tuple[int, str]]:
    if len(text) <= CHUNK:
        return [(0, text)]
    out, start = [], 0
    while start < len(text):
        end = min(len(text), start + CHUNK)
        if end < len(text):
            # cut at a line break, else after a sentence, else at a space: never inside a name
            for sep in ("\n", ". ", "؟ ", "? ", "، ", ", ", " "):
                cut = text.rfind(sep, start + CHUNK // 2, end)
                if cut > 0:
                    end = cut + len(sep)
                    break
        out.append((start, text[start:end]))
        start = end
    return out


def _plan(message: Message, language: Annotation | None) -> tuple[str, list[str]]:
    """The message's language, and the recognisers (by language) to run on it."""
    if language is not None:
        lang, value = language.name, language.value or {}
    else:
        lang, _, value = identify(message.text)
    script = value.get("script")
    chosen: list[str] = []
    known = entities.languages()
    if lang in known and not (lang == "ar" and script == "Latn"):
        chosen.append(lang)
    elif script in SCRIPT_LANGUAGE:
        chosen.append(SCRIPT_LANGUAGE[script])
    for other, share in (value.get("scripts") or {}).items():
        extra = SCRIPT_LANGUAGE.get(other)
        if extra and share >= SECOND_SCRIPT and extra not in chosen:
            chosen.append(extra)
    return lang, chosen


class EntityEnricher:
    name = NAME

    def __init__(self) -> None:
        parts = ";".join(f"{k}={v}" for k, v in entities.versions().items())
        self.version = f"{ENRICHER_VERSION};{parts}"

    def annotate(self, batch: Batch) -> list[Annotation]:
        languages = {a.message_id: a for a in batch.of("language")}
        messages = [m for m in batch.messages if m.text and m.text.strip()]
        found: dict[str, list[Mention]] = defaultdict(list)
        langs: dict[str, str] = {}
        jobs: dict[str, list[tuple[str, int, str]]] = defaultdict(list)
        for m in messages:
            lang, chosen = _plan(m, languages.get(m.id))
            langs[m.id] = lang
            for rec in chosen:
                for offset, chunk in _chunks(m.text):
                    jobs[rec].append((m.id, offset, chunk))
        via_language: dict[tuple[str, int, int], str] = {}
        for rec_lang, items in jobs.items():
            recogniser = entities.recogniser(rec_lang)
            if recogniser is None:
                continue
            results = recogniser.find([chunk for _, _, chunk in items])
            for (mid, offset, _), mentions in zip(items, results):
                for x in mentions:
                    shifted = Mention(x.type, x.start + offset, x.end + offset, x.text, x.score, x.via)
                    found[mid].append(shifted)
                    via_language[(mid, shifted.start, shifted.end)] = rec_lang
        merged = {m.id: dedupe(found.get(m.id, [])) for m in messages}
        geos = self._places(messages, merged)
        notes: list[Annotation] = []
        for m in messages:
            day = reference_day(m.date)
            mentions = merged[m.id]
            years = [int(x.text.strip()[-4:].translate(DIGITS)) for x in mentions
                     if x.type == "date" and x.text.strip()[-4:].translate(DIGITS).isdigit()]
            for x in mentions:
                value: dict[str, Any] = {"text": x.text, "normalised": None, "geo": None, "via": x.via,
                                         "language": via_language.get((m.id, x.start, x.end), langs[m.id])}
                if x.type == "place":
                    record = geos.get((m.id, x.start))
                    value["geo"] = record
                    value["normalised"] = record["name"] if record else None
                elif x.type == "date":
                    rec_lang = value["language"]
                    others = [y for y in years if str(y) not in x.text.translate(DIGITS)]
                    future = weekday_future(m.text, x.start, x.end, rec_lang)
                    d = normalise_date(x.text, rec_lang, day, others, future)
                    value.update(normalised=d.value, precision=d.precision, relative=d.relative,
                                 reference=day.isoformat() if d.relative and day else None)
                else:
                    value["normalised"] = " ".join(normalise(x.text).split())
                notes.append(Annotation(
                    kind="entity", name=x.type, enricher=NAME, version=self.version, message_id=m.id,
                    span=(x.start, x.end), value=value, score=round(x.score, 3),
                ))
        return notes

    def _places(self, messages: Sequence[Message], merged: dict[str, list[Mention]]) -> dict:
        """Each place mention's geo record: a first reading per message, then a second one that
        also weighs what the other messages of the same chat are about."""
        names = {m.id: [x.text for x in merged[m.id] if x.type == "place"] for m in messages}
        chat_votes: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
        for m in messages:
            if names[m.id]:
                for cands in geo.resolve(names[m.id]):
                    for cc, w in geo.country_votes(cands[:8]).items():
                        chat_votes[m.chat_id][cc] += w
        out: dict[tuple[str, int], dict | None] = {}
        for m in messages:
            if not names[m.id]:
                continue
            votes = chat_votes.get(m.chat_id, {})
            top = max(votes.values(), default=0.0) or 1.0
            context = {cc: CHAT_WEIGHT * w / top for cc, w in votes.items()}
            # "the Lebanese army arrested two in Tripoli": a country an adjective of nationality
            # names counts as much as a country named in the message
            for cc in _demonym_countries(m.text):
                context[cc] = 1.0
            places = [x for x in merged[m.id] if x.type == "place"]
            for x, cands in zip(places, geo.resolve(names[m.id], context)):
                out[(m.id, x.start)] = geo.geo_record(cands)
        return out


register(NAME, EntityEnricher)
