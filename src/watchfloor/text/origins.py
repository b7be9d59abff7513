"""Where a name says its bearer comes from: a nisba (al-Halabi -> Aleppo) or a gloss ("(the Chechen)").

A nisba is matched by its transliteration key against the nisba tables in ``watchfloor/data`` (built
by ``scripts/build_nisbas.py`` from GeoNames data and a hand-written list of irregular nisbas,
regions, tribes and peoples), then the candidates are ranked by how closely the written form agrees
with each one's spellings. The answer is an ``Origin`` with coordinates for a place, an ``Origin``
of kind ``"tribe"`` or ``"ethnic"`` without coordinates for a tribe or a people, and ``"unknown"``
when nothing matches or when two different places match about equally well (al-Trabulsi: Tripoli in
Lebanon or in Libya) - never a guess.
"""

from __future__ import annotations

import csv
import math
import re
import unicodedata
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources

from rapidfuzz.fuzz import ratio

from watchfloor.model import Origin
from watchfloor.text.normalise import normalise
from watchfloor.text.translit import name_keys

__all__ = ["nisba_origin", "gloss_origin", "unknown_origin", "looks_like_nisba", "origin_key"]

# Changes whenever stem() could give another answer; the forms table records the version it was
# written with (rewrite it with `python scripts/build_nisbas.py --keys`).
STEM_VERSION = "2"
_KIND_RANK = {"country": 4, "city": 3, "region": 2, "tribe": 1, "ethnic": 1}
_SMALL_PLACE = 50_000  # below this, a place GeoNames gives (not one written by hand) is too weak a match


@dataclass(frozen=True, slots=True)
class _Place:
    kind: str
    name: str
    country: str | None
    lat: float | None
    lon: float | None
    geonames_id: int | None
    population: int


@dataclass(frozen=True, slots=True)
class _Form:
    place: int
    script: str
    curated: bool
    stem: str


@dataclass(slots=True)
class _Tables:
    places: dict[int, _Place]
    by_key: dict[str, list[_Form]]
    demonyms: dict[str, int]


def _rows(name: str) -> list[list[str]]:
    with resources.files("watchfloor.data").joinpath(name).open(encoding="utf-8") as f:
        lines = [line for line in f if not line.startswith("#")]
    return list(csv.reader(lines[1:], delimiter="\t", quoting=csv.QUOTE_NONE))


@lru_cache(maxsize=1)
def _tables() -> _Tables:
    places: dict[int, _Place] = {}
    for ident, kind, name, country, lat, lon, gid, population in _rows("nisba_origins.tsv"):
        places[int(ident)] = _Place(
            kind, name, country or None, float(lat) if lat else None, float(lon) if lon else None,
            int(gid) if gid else None, int(population or 0),
        )
    by_key: dict[str, list[_Form]] = {}
    demonyms: dict[str, int] = {}
    for form, script, source, ident, keys, stemmed in _rows("nisba_forms.tsv"):
        place = int(ident)
        if source == "demonym":
            demonyms.setdefault(_fold(form), place)
            continue
        entry = _Form(place, script, source == "curated", stemmed)
        for key in keys.split():
            by_key.setdefault(key, []).append(entry)
    return _Tables(places, by_key, demonyms)


def form_keys(form: str, script: str) -> list[str]:
    """The keys a written nisba or place name is found under: with and without the article, so that
    al-Almani, Almani and الألماني all find Germany."""
    article = "ال" if script == "arabic" else "al-"
    keys = ("".join(name_keys(variant)) for variant in (form, article + form))
    return list(dict.fromkeys(k for k in keys if k))


# -- written forms ---------------------------------------------------------------------------------

_LATIN_ARTICLE = re.compile(r"^(?:[ae]l|[aeu][tdrzsn]h?)[-\s]+|^(?:al|el)(?=[^aeiouw]..)")
_LATIN_NISBA_END = re.compile(r"(?:awi|aoui|iyyah|iyya|iyah|iya|iyy|iy|ee|ie|i|y)$")  # and the feminine
_LATIN_PLACE_END = re.compile(r"(?:iyah|iyya|iya|ah|eh|ia|ya|a|e)$")
_ARABIC_NISBA_END = re.compile(r"(?:اويه|اوي|ويه|وي|يه|ي)$")  # ـية: the feminine
_ARABIC_PLACE_END = re.compile(r"(?:يه|ه|ا|اء)$")
_DOUBLES = re.compile(r"(.)\1+")


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", normalise(text))
    return "".join(c for c in text if not unicodedata.combining(c))


def stem(word: str, script: str, *, nisba: bool) -> str:
    """A written form reduced for ranking candidates that share a key: no article, no nisba or
    feminine ending, no doubled letters, a few vowel spellings merged."""
    if script == "arabic":
        w = "".join(c for c in normalise(word) if "\u0621" <= c <= "\u064a")
        if w.startswith("ال") and len(w) > 4:
            w = w[2:]
        w = (_ARABIC_NISBA_END if nisba else _ARABIC_PLACE_END).sub("", w) or w
        return w
    w = "".join(c for c in _fold(word) if c.isalpha() or c in " -")
    w = _LATIN_ARTICLE.sub("", w).replace("-", "").replace(" ", "")
    w = (_LATIN_NISBA_END if nisba else _LATIN_PLACE_END).sub("", w) or w
    w = w.replace("ou", "u").replace("oo", "u").replace("ee", "i").replace("y", "i")
    return _DOUBLES.sub(r"\1", w)


def looks_like_nisba(word: str) -> bool:
    """Whether a name word has the shape of a nisba: al-X-i, Alx…i, Elx…y, -awi, الـ…ي."""
    w = normalise(word).strip()
    if not w:
        return False
    if any("\u0600" <= c <= "\u06ff" for c in w):
        letters = "".join(c for c in w if "\u0621" <= c <= "\u064a")
        # (a feminine ـية only on a longer word: رقية, سمية are given names)
        return (len(letters) >= 3 and letters.endswith("ي")) or (len(letters) >= 5 and letters.endswith("يه"))
    if any("\u0400" <= c <= "\u04ff" for c in w):
        # Russian writes a nisba as -и (аш-Шишани) or as an adjective (Тунисский)
        letters = "".join(c for c in w if c.isalpha())
        return len(letters) >= 4 and letters.endswith(("и", "ий", "ый", "ская", "ая"))
    letters = "".join(c for c in _fold(w) if c.isalpha())
    return len(letters) >= 4 and bool(_LATIN_NISBA_END.search(letters))


# -- resolving -------------------------------------------------------------------------------------

def origin_key(o: Origin) -> tuple[str, str] | None:
    """(id, label) to group people by origin: the place, tribe or people (``city:Aleppo:SY``), or
    for a nisba that resolves to nothing, its key (``nisba:zwhr``); None when there is neither."""
    if o.kind != "unknown":
        return f"{o.kind}:{o.name}:{o.country or ''}", o.name
    word = o.via.split(";")[0].removeprefix("nisba:").removeprefix("gloss:")
    key = "".join(name_keys(word))
    return (f"nisba:{key}", word) if key else None


def unknown_origin(via: str, note: str | None = None) -> Origin:
    return Origin(name="unknown", country=None, lat=None, lon=None,
                  via=f"{via}; {note}" if note else via, kind="unknown")


def _origin(place: _Place, via: str) -> Origin:
    located = place.kind not in ("tribe", "ethnic")
    return Origin(
        name=place.name, country=place.country,
        lat=place.lat if located else None, lon=place.lon if located else None,
        via=via, kind=place.kind, geonames_id=place.geonames_id if located else None,
    )


def _distance_km(a: _Place, b: _Place) -> float:
    if None in (a.lat, a.lon, b.lat, b.lon):
        return 0.0 if a.name == b.name else math.inf
    la1, lo1, la2, lo2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))  # type: ignore[arg-type]
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 12742 * math.asin(min(1.0, math.sqrt(h)))


def _same_place(a: _Place, b: _Place) -> bool:
    """A city and the region named after it (Raqqa, Raqqa Governorate) are one answer."""
    return a.country == b.country and (a.name == b.name or _distance_km(a, b) < 120)


def nisba_origin(word: str) -> Origin:
    """The origin a nisba (``al-Halabi``, ``Elhalaby``, ``الحلبي``) points at, or ``unknown``.
    Remembered per spelling: treat the answer as read-only (``dataclasses.replace`` to change it)."""
    return _nisba_origin(word)


@lru_cache(maxsize=1 << 14)
def _nisba_origin(word: str) -> Origin:
    via = f"nisba:{word.strip()}"
    key = "".join(name_keys(word))
    if not key:
        return unknown_origin(via)
    tables = _tables()
    forms = tables.by_key.get(key)
    if not forms:
        return unknown_origin(via)
    script = "arabic" if any("\u0600" <= c <= "\u06ff" for c in word) else "latin"
    written = stem(word, script, nisba=True)
    # best agreement of the written form with each candidate place's spellings
    best: dict[int, tuple[float, bool]] = {}
    for f in forms:
        sim = ratio(written, f.stem) if f.script == script else 75.0
        old = best.get(f.place)
        if old is None or (sim, f.curated) > old:
            best[f.place] = (sim, f.curated)
    ranked = sorted(
        best.items(),
        key=lambda item: (item[1][1], round(item[1][0] / 5), _KIND_RANK.get(tables.places[item[0]].kind, 0),
                          tables.places[item[0]].population),
        reverse=True,
    )
    top_id, (top_sim, top_curated) = ranked[0]
    top = tables.places[top_id]
    if top_sim < (70 if top_curated else 80):
        return unknown_origin(via)
    if not top_curated and top.kind == "city" and top.population < _SMALL_PLACE:
        # a family name that happens to be a small town's name is likelier than the town
        return unknown_origin(via, f"possibly {top.name} ({top.country}), a small place")
    rivals = []
    for other_id, (sim, curated) in ranked[1:]:
        other = tables.places[other_id]
        if _same_place(top, other) or sim < top_sim - 8 or (top_curated and not curated):
            continue
        if not top_curated and top.population >= 10 * max(other.population, 1) and sim <= top_sim:
            continue  # Aleppo, not a village that shares its key
        rivals.append(other)
    if rivals:
        names = ", ".join(dict.fromkeys(p.name for p in [top, *rivals][:4]))
        return unknown_origin(via, f"ambiguous: {names}")
    return _origin(top, via)


_GLOSS_STOP = {
    "the", "a", "an", "from", "of", "le", "la", "les", "l", "un", "une", "der", "die", "das", "ein",
    "eine", "aus", "de", "du", "des", "из", "من", "is", "was", "aka", "known", "as", "called", "born",
    "in", "alias", "dit",
}


def is_demonym(word: str) -> bool:
    """Whether ``word`` is a listed adjective or noun of nationality or people ("Tajik",
    "Uzbeks", "Afghan"): the demonym table only, never a nisba's guessed origin."""
    folded = _fold(word.strip())
    demonyms = _tables().demonyms
    return bool(folded) and (folded in demonyms or folded.rstrip("s") in demonyms)


def gloss_origin(gloss: str) -> Origin | None:
    """The origin a gloss in the source gives ("(the Chechen)", "a Syrian", "from Aleppo",
    "le Tchétchène", "الشيشاني"), or None when it names none."""
    text = gloss.strip().strip("()[]{}«»\"'“”")
    if not text:
        return None
    via = f"gloss:{gloss.strip()}"
    tables = _tables()
    words = [w for w in re.findall(r"[^\W\d_]+(?:['’-][^\W\d_]+)*", text) if _fold(w) not in _GLOSS_STOP]
    for w in words:
        folded = _fold(w)
        place = tables.demonyms.get(folded) or tables.demonyms.get(folded.rstrip("s"))
        if place is not None:
            return _origin(tables.places[place], via)
    for w in words:
        if looks_like_nisba(w):
            origin = nisba_origin(w)
            if origin.kind != "unknown":
                return replace(origin, via=via)
    for w in words:  # a place named outright: "from Aleppo"
        origin = _place_named(w)
        if origin is not None:
            origin.via = via
            return origin
    return None


def _place_named(word: str) -> Origin | None:
    script = "arabic" if any("\u0600" <= c <= "\u06ff" for c in word) else "latin"
    key = "".join(name_keys(word))
    written = stem(word, script, nisba=False)
    tables = _tables()
    hits = [f for f in tables.by_key.get(key, ()) if f.script == script and not f.curated and f.stem == written]
    if not hits:
        return None
    places = sorted({f.place for f in hits}, key=lambda p: tables.places[p].population, reverse=True)
    top = tables.places[places[0]]
    if any(not _same_place(top, tables.places[p]) and tables.places[p].population * 10 > top.population
           for p in places[1:]):
        return None
    # a city before the region named after it ("from Aleppo": the city)
    cities = [tables.places[p] for p in places if tables.places[p].kind == "city" and _same_place(top, tables.places[p])]
    if cities:
        top = cities[0]
    return _origin(top, "")
