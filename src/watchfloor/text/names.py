"""Arabic names taken apart: kunya, ism, nasab, nisba, laqab, and what is not part of the name.

``parse("Sheikh Abu Khalid Ahmad ibn Ali al-Halabi (the Chechen), group member")`` gives

- honorifics ``["Sheikh"]`` - titles and forms of address, not part of the name;
- kunya ``Abu Khalid`` (``Abu``/``Abi``/``Abou``/``Abo``/``Bu``/``أبو``/``أبي``, or ``Umm``/``أم``
  + a name; ``Abi`` is ``Abu`` in the genitive, the same kunya);
- ism ``Ahmad`` - the given name: the first name word that is not a marker or an al- word;
- nasab ``ibn Ali`` - a chain of ``ibn``/``bin``/``ben``/``bint``/``ould``/``ابن``/``بن``/``بنت``
  + name; plain name words after the ism (``Ahmad Ali Hasan``) are the implied chain;
- nisba ``al-Halabi`` - an al- word with a nisba ending (``-i``, ``-y``, ``-awi``, ``ـي``), fused or not
  (``Alhalabi``, ``Elhalaby``), or a final nisba-shaped word;
- laqab - any other al- word (``al-Faruq``) or a compound epithet after the ism;
- gloss ``the Chechen`` - what the source says about the person in brackets;
- role ``group member`` - what follows a comma or dash.

Every part carries the transliteration key of its name (``text.translit``), which is what
``text.name_compare`` and actor resolution match on. Bad input gets a ``ParsedName`` with no parts
and a ``problems`` entry, never an exception.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any

from watchfloor.model import Actor, Origin
from watchfloor.text.normalise import normalise
from watchfloor.text.origins import gloss_origin, looks_like_nisba, nisba_origin
from watchfloor.text.translit import NameToken, name_key, name_tokens

__all__ = ["MAX_NAME_LENGTH", "NamePart", "ParsedName", "parse", "describe_name", "name_report", "origins_of", "parsed_origins"]

MAX_NAME_LENGTH = 300  # longer input is not a name; the first characters are read

_KUNYA = {"abu", "abi", "abou", "abo", "aboo", "abū", "abî", "aba", "bu", "bou", "ابو", "ابي", "ابا", "بو", "абу",
          "abul", "abol", "aboul", "abil", "abal", "abel"}  # Abul Walid: Abu al-Walid
_UMM = {"umm", "um", "oum", "om", "omm", "ummu", "umm-", "ام", "умм"}
_SON = {"ibn", "bin", "ben", "bn", "ebn", "ibnu", "b", "ould", "wuld", "ابن", "بن", "ولد", "ибн", "бин"}
_DAUGHTER = {"bint", "binti", "bent", "bnt", "بنت", "бинт"}
# titles that are never a name
_HONORIFICS = {
    "sheikh", "shaykh", "shaikh", "cheikh", "sheik", "shaykhuna", "sh", "dr", "doctor", "mullah",
    "mulla", "mollah", "maulana", "mawlana", "molana", "maulvi", "mawlawi", "moulvi", "mawlavi",
    "ustadh", "ustaz", "ustad", "ustadz", "hajji", "haji", "hajj", "hadj", "hadji", "imam", "mufti",
    "commander", "cmdr", "general", "gen", "colonel", "col", "brigadier", "captain", "capt",
    "lieutenant", "lt", "major", "mr", "mrs", "ms", "miss", "prof", "professor", "eng", "engineer",
    "brother", "br", "bro", "sister", "akhi", "akhuna", "ukhti", "ukhtuna", "mujahid", "shahid",
    "shaheed", "martyr", "the", "caliph", "khalifah", "emir", "qaid", "muhandis",
    "شيخ", "د", "دكتور", "ملا", "مولانا", "مولوي", "استاذ", "حاج", "حجي", "امام", "مفتي", "قائد",
    "لواء", "عميد", "عقيد", "مقدم", "رائد", "نقيب", "مهندس", "اخ", "اخي", "اخت", "اختي", "مجاهد",
    "شهيد", "خليفه", "خليفة", "شيخنا", "шейх", "доктор", "брат", "эмир",
}
# titles that are also given names (Amir, Wali, Sayyid, Hafiz): a title only before a kunya or
# another title, or written with the article (al-Amir, الأمير)
_TITLE_OR_NAME = {
    "amir", "ameer", "wali", "sayyid", "sayed", "syed", "sayyed", "hafiz", "hafez", "qari", "qadi",
    "kadi", "sharif", "امير", "والي", "سيد", "حافظ", "قاري", "قاضي", "шариф", "амир",
}
_GLOSS = re.compile(r"[(\[{«](?P<gloss>[^()\[\]{}«»]*)[)\]}»]")
_ROLE_SPLIT = re.compile(r"\s*(?:[,،;|]|\s[-–—]\s|\s[-–—]$)\s*")
_SPACES = re.compile(r"\s+")


@dataclass(slots=True)
class NamePart:
    """One part of a name: ``text`` as written (marker included), ``name`` without the marker,
    and the transliteration ``key`` of ``name``."""

    kind: str  # "kunya", "ism", "nasab", "nisba", "laqab"
    text: str
    name: str
    key: str
    marker: str | None = None  # "abu", "umm", "ibn", "bint"; None for an implied nasab
    script: str = "latin"  # of the name: "latin", "arabic" or "cyrillic"

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"text": self.text, "name": self.name, "key": self.key}
        if self.marker is not None:
            out["marker"] = self.marker
        return out


@dataclass(slots=True)
class ParsedName:
    text: str
    parts: list[NamePart] = field(default_factory=list)
    honorifics: list[str] = field(default_factory=list)
    gloss: str | None = None
    role: str | None = None
    script: str = "none"  # "latin", "arabic", "cyrillic", "mixed" or "none"
    problems: list[str] = field(default_factory=list)
    _by_kind: dict[str, list[NamePart]] | None = field(default=None, repr=False, compare=False)
    _origins: list[Origin] | None = field(default=None, repr=False, compare=False)

    def of(self, kind: str) -> list[NamePart]:
        if self._by_kind is None:
            by: dict[str, list[NamePart]] = {}
            for p in self.parts:
                by.setdefault(p.kind, []).append(p)
            self._by_kind = by
        return self._by_kind.get(kind, [])

    @property
    def kunya(self) -> list[NamePart]:
        return self.of("kunya")

    @property
    def ism(self) -> NamePart | None:
        found = self.of("ism")
        return found[0] if found else None

    @property
    def nasab(self) -> list[NamePart]:
        return self.of("nasab")

    @property
    def nisba(self) -> list[NamePart]:
        return self.of("nisba")

    @property
    def laqab(self) -> list[NamePart]:
        return self.of("laqab")

    @property
    def empty(self) -> bool:
        return not self.parts

    def as_dict(self) -> dict[str, Any]:
        """The ``Actor.name_parts`` shape: parts by kind, with keys."""
        ism = self.ism
        out: dict[str, Any] = {
            "kunya": [p.as_dict() for p in self.kunya],
            "ism": ism.as_dict() if ism else None,
            "nasab": [p.as_dict() for p in self.nasab],
            "nisba": [p.as_dict() for p in self.nisba],
            "laqab": [p.as_dict() for p in self.laqab],
            "honorifics": self.honorifics,
            "gloss": self.gloss,
            "role": self.role,
            "script": self.script,
        }
        if self.problems:
            out["problems"] = self.problems
        return out


def _plain(token: NameToken) -> str:
    """A token's written form for matching markers and titles: normalised, without its article,
    dots or hyphens."""
    return normalise(_strip_article(token)).strip(".-‐'’").replace(".", "")


def _split_off(text: str) -> tuple[str, str | None, str | None]:
    """(name, gloss, role): "Abu Khalid (the Chechen), group member"."""
    gloss = None
    m = _GLOSS.search(text)
    if m:
        gloss = _SPACES.sub(" ", m.group("gloss")).strip() or None
        text = (text[: m.start()] + " " + text[m.end():]).strip()
    role = None
    pieces = _ROLE_SPLIT.split(text, maxsplit=1)
    if len(pieces) == 2 and pieces[0].strip():
        text, role = pieces[0], _SPACES.sub(" ", pieces[1]).strip(" ,;-–—") or None
    return text.strip(), gloss, role


def parse(name: str | None) -> ParsedName:
    """Take a name (Latin, Arabic or Cyrillic script, or a mix) apart. Never raises."""
    if name is None or not str(name).strip():
        return ParsedName(text="" if name is None else str(name), problems=["empty name"])
    text = str(name)
    problems: list[str] = []
    if len(text) > MAX_NAME_LENGTH:
        problems.append(f"{len(text):,} characters is too long for a name; read the first {MAX_NAME_LENGTH}")
        text = text[:MAX_NAME_LENGTH]
    body, gloss, role = _split_off(text)
    tokens = name_tokens(body)
    out = ParsedName(text=str(name) if len(str(name)) <= MAX_NAME_LENGTH else text, gloss=gloss, role=role,
                     problems=problems)
    scripts = {t.script for t in tokens}
    out.script = scripts.pop() if len(scripts) == 1 else ("mixed" if scripts else "none")
    if not tokens:
        out.problems.append("no name words (letters in Latin, Arabic or Cyrillic script)")
        return out
    _assign(tokens, out)
    return out


def _assign(tokens: list[NameToken], out: ParsedName) -> None:
    i = 0
    n = len(tokens)
    # leading titles
    while i < n:
        word = _plain(tokens[i])
        nxt = _plain(tokens[i + 1]) if i + 1 < n else ""
        if word in _HONORIFICS or (
            word in _TITLE_OR_NAME and (tokens[i].article or nxt in _KUNYA | _UMM | _HONORIFICS | _TITLE_OR_NAME)
        ):
            if i + 1 < n:  # a title alone is the name ("Sheikh") - keep it as one
                out.honorifics.append(tokens[i].text)
                i += 1
                continue
        break
    parts = out.parts
    while i < n:
        t = tokens[i]
        word = _plain(t)
        has_next = i + 1 < n
        marked: tuple[str, str] | None = None
        if has_next and not t.article:
            if word in _KUNYA or word in _UMM:
                marked = ("kunya", "umm" if word in _UMM else "abu")
            elif (word in _SON or word in _DAUGHTER) and (word != "b" or "." in t.text or t.script != "latin"):
                marked = ("nasab", "bint" if word in _DAUGHTER else "ibn")
        if marked is not None:  # Abu/Umm or ibn/bint and the name it governs
            target = tokens[i + 1]
            parts.append(NamePart(marked[0], f"{t.text} {target.text}", _strip_article(target), target.key,
                                  marked[1], target.script))
            i += 2
            continue
        kinds = {p.kind for p in parts}
        if t.article and looks_like_nisba(t.text):
            kind = "nisba"
        elif t.article and ("ism" in kinds or kinds & {"nisba", "laqab"} or i == n - 1 and parts):
            kind = "laqab"
        elif t.article:
            kind = "ism"  # a given name with the article: al-Hasan al-Basri, الحسن البصري
        elif i == n - 1 and parts and looks_like_nisba(t.text) and not _is_given_name(t):
            kind = "nisba"  # a final nisba without its article: "Abu Omar Shishani"
        elif "ism" not in kinds and not (kinds & {"nisba", "laqab"}):
            kind = "ism"
        elif t.parts and t.parts[0] != "bd" and "ism" in kinds:
            kind = "laqab"  # a compound epithet after the name: "... Sayf al-Din"
        elif kinds & {"nisba", "laqab"}:
            kind = "nisba" if looks_like_nisba(t.text) else "laqab"
        else:
            kind = "nasab"  # "Ahmad Ali Hasan": Ahmad, (son of) Ali, (son of) Hasan
        parts.append(NamePart(kind, t.text, _strip_article(t), t.key, script=t.script))
        i += 1


def _strip_article(t: NameToken) -> str:
    if not t.article:
        return t.text
    text = t.text
    m = re.match(r"(?i)^(?:[ae]l|[aeu](?:t|th|d|dh|r|z|s|sh|n))[-‐\s]+", text)
    if m:
        return text[m.end():]
    m = re.match(r"^(?:[وفبك]?ال|[وف]?لل)(?=..)", text)
    if m:
        return text[m.end():]
    m = re.match(r"(?i)^(?:al|el)(?=[^aeiouw])", text)
    if m:
        return text[m.end():]
    return text


# given names ending in -i that are not nisbas (they stay isms or fathers' names)
_GIVEN_I = {
    "ali", "hani", "sami", "fathi", "hamdi", "ramzi", "majdi", "fawzi", "zaki", "mahdi", "shukri",
    "sabri", "hadi", "fadi", "rami", "naji", "nagi", "wajdi", "lutfi", "rushdi", "hilmi", "sidqi",
    "wasfi", "fikri", "rafi", "shadi", "nuri", "nouri", "ghazi", "safi", "baqi", "mustafi", "qusai",
    "qusay", "rabi", "jaafari", "tawfiqi", "hamadi", "samy", "hany", "ramy", "fady", "ali", "aly",
    "mahdy", "hady", "shawki", "shawqi", "chawki", "sufi", "munji", "mongi", "laaroussi", "hedi",
    "hedy", "bechir", "nadji", "ilyasi", "yahyaoui", "tuhami", "touhami", "hachmi", "mekki",
}


def _is_given_name(t: NameToken) -> bool:
    return normalise(t.text).strip(".-'") in _GIVEN_I


def describe_name(name: str | None, gloss: str | None = None) -> tuple[dict[str, Any], list[Origin]]:
    """What watchfloor fills ``Actor.name_parts`` and ``Actor.origins`` with: the parts of
    ``name`` (a dict, see ``ParsedName.as_dict``) and the origins its nisbas and a gloss imply
    (a bracketed gloss in ``name``, or ``gloss``: "(the Chechen)"). A nisba that resolves to no
    place or tribe gives an origin named "unknown" rather than a guess."""
    parsed = parse(name)
    origins = origins_of(parsed, gloss)
    return parsed.as_dict(), origins


def describe_actor(actor: Actor) -> Actor:
    """Fill an Actor's ``name_parts`` and ``origins`` from its name and note, unless a reader
    already gave them; the same actor is returned."""
    if actor.name and not actor.name_parts:
        actor.name_parts, actor.origins = describe_name(actor.name, actor.note)
    return actor


def origins_of(parsed: ParsedName, gloss: str | None = None) -> list[Origin]:
    """The origins a parsed name's nisbas and gloss (and ``gloss``) imply, each its own copy."""
    return [replace(o) for o in parsed_origins(parsed, gloss)]


def parsed_origins(parsed: ParsedName, gloss: str | None = None) -> list[Origin]:
    """``origins_of`` without copies, remembered on the parsed name: for comparisons, read only."""
    if gloss is None and parsed._origins is not None:
        return parsed._origins
    out: list[Origin] = []
    seen: set[tuple[str, str | None]] = set()
    for part in parsed.nisba:
        origin = nisba_origin(part.text)
        ident = (origin.name if origin.kind != "unknown" else origin.via, origin.kind)
        if ident not in seen:
            seen.add(ident)
            out.append(origin)
    for text in (parsed.gloss, gloss):
        if text:
            origin = gloss_origin(text)
            if origin is not None and (origin.name, origin.kind) not in seen:
                seen.add((origin.name, origin.kind))
                out.append(origin)
    if gloss is None:
        parsed._origins = out
    return out


def name_report(name: str | None, gloss: str | None = None) -> dict[str, Any]:
    """Everything ``watchfloor names parse`` shows: the parts with their keys, the key of the whole
    name, what is not part of the name, the origins, and any problem with the input."""
    parsed = parse(name)
    origins = origins_of(parsed, gloss)
    return {
        "name": parsed.text,
        "key": name_key(" ".join(p.text for p in parsed.parts)),
        "parts": {kind: [p.as_dict() for p in parsed.of(kind)] for kind in ("kunya", "ism", "nasab", "nisba", "laqab")},
        "honorifics": parsed.honorifics,
        "gloss": parsed.gloss,
        "role": parsed.role,
        "script": parsed.script,
        "origins": [
            {"name": o.name, "kind": o.kind, "country": o.country, "lat": o.lat, "lon": o.lon,
             "geonames_id": o.geonames_id, "via": o.via}
            for o in origins
        ],
        "problems": parsed.problems,
    }
