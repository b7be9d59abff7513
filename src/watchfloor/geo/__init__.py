"""Places: a gazetteer of GeoNames places and a geocoder that reads names in context.

The public API (other modules use only this):

- ``Place``: a GeoNames-backed record (``geonameid``, ``name``, ``kind`` country|admin1|city,
  ``country`` ISO code, ``admin1`` region name, ``lat``, ``lon``, ``population``);
- ``Candidate``: a place a name may mean, with its ``score`` and the spelling that matched;
- ``lookup(name, countries=None)``: the places a name may mean, best first; ``countries`` weighs
  the countries a text is about (ISO code → weight in [0, 1]);
- ``resolve(names, countries=None)``: each name of one text read in the light of the others
  ("Tal Abyad" next to "Raqqa" is the Syrian town), best first, alternatives kept;
- ``place(geonameid)``: a place by its GeoNames id;
- ``geo_record(candidates)``: the JSON form an annotation carries.

Names match across transliterations and scripts through two keys (``geo/keys.py``): an exact key
(case, diacritics, the Arabic article folded) and a consonant skeleton that finds "Telafar" under
"Tall 'Afar"; a name in Arabic script also finds, through the project's transliteration key
(``text/translit.py``), places GeoNames names only in Latin letters ("تسافي" → Tsafe, "كاورا
نامودا" → Kaura Namoda), if they are big enough for so coarse a key and the names sound alike
(``translit_matches``); candidates are ranked by how close the spelling is, how prominent the
place is, and whether its country fits the context.

The data is a SQLite file built from packaged GeoNames data by ``geo/build.py`` (``make`` builds
it; if it is missing, the first lookup builds it). Lookups hold only SQLite's page cache.
"""

from __future__ import annotations

import math
import os
import sqlite3
import sys
import threading
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rapidfuzz.fuzz import ratio

from watchfloor.errors import WatchfloorError
from watchfloor.geo.keys import exact_key, skeleton_key
from watchfloor.text.translit import name_key

KINDS = ("country", "admin1", "city")
# weights of the parts of a candidate's score (they add up to 1)
W_SPELLING, W_PROMINENCE, W_COUNTRY, W_CONTEXT = 0.5, 0.2, 0.1, 0.2
MIN_SPELLING = 0.75  # a skeleton match whose spelling is further off than this is dropped
MAX_ALTERNATIVES = 4
# a candidate spelt less like the name than the best-spelt one loses this much per point of
# likeness it lacks: prominence must not carry a big city's near spelling past the small town the
# name spells better ("Luhayyah": Al Luḩayyah in Yemen, not The Hague); not in a country the
# context is about, where a near spelling may well be the place meant ("Mansoura" in Syria)
W_WORSE_SPELLING = 2.0
FUZZY_BESIDE_EXACT = 0.5  # the spelling weight of a near Arabic match where an exact one exists
# an Arabic-script name matched to a Latin-only place through the transliteration key: its
# spelling is TRANSLIT_SPELLING plus up to TRANSLIT_LIKENESS for how alike a rough romanisation of
# the Arabic and the Latin name are, so always below an exact Arabic match
TRANSLIT_SPELLING, TRANSLIT_LIKENESS = 0.75, 0.15
# the key is coarse ("br" is Ibri, Bari, Abar …): the fewer its consonants, the bigger a town must be
TRANSLIT_MIN_POPULATION = {2: 20_000, 3: 2_000}  # by consonants of the key; 4 or more: any town
TRANSLIT_MAX = 200  # candidates read for one key, the most populous first
# how alike (0-100) the rough romanisation and a Latin name must be: a key is shared by names that
# sound nothing alike ("عبري" is Ibri, not Aleppo's Latin "Beroea"; both are br)
TRANSLIT_MIN_LIKENESS = 60
# a rough romanisation of Arabic letters, only to compare with a Latin name ("تيماء" → "tima")
_ROMAN = str.maketrans({
    "ا": "a", "أ": "a", "إ": "i", "آ": "a", "ب": "b", "ت": "t", "ث": "th", "ج": "j", "ح": "h", "خ": "kh",
    "د": "d", "ذ": "dh", "ر": "r", "ز": "z", "س": "s", "ش": "sh", "ص": "s", "ض": "d", "ط": "t", "ظ": "z",
    "ع": "", "غ": "gh", "ف": "f", "ق": "q", "ك": "k", "ل": "l", "م": "m", "ن": "n", "ه": "h", "و": "u",
    "ي": "i", "ى": "a", "ة": "a", "ء": "", "ئ": "i", "ؤ": "u", "گ": "g", "چ": "ch", "پ": "p", "ڤ": "v",
})


def romanise(name: str) -> str:
    """A rough Latin spelling of an Arabic name's exact key, to compare with a Latin one."""
    return exact_key(name).translate(_ROMAN)


@dataclass(frozen=True, slots=True)
class Place:
    geonameid: int | None  # None for the few towns only the cities1000 table holds
    name: str
    kind: str  # country | admin1 | city
    country: str | None  # ISO 3166-1 alpha-2
    admin1: str | None  # the first-level region's name
    lat: float
    lon: float
    population: int


@dataclass(frozen=True, slots=True)
class Candidate:
    place: Place
    score: float  # in [0, 1]
    spelling: float  # how close the matched name is to the one asked for, in [0, 1]


def default_index_path() -> Path:
    return Path(os.environ.get("WATCHFLOOR_GEO_INDEX") or Path(__file__).with_name("places.sqlite"))


def _keep_best(found: dict[int, tuple[Place, float]], pid: int, row: Sequence[Any], spelling: float) -> None:
    """Keep, for place ``pid``, the best spelling among its names that matched; ``row`` is the
    place's columns after its id (geonameid, name, kind, cc, admin1, lat, lon, pop)."""
    if pid not in found or found[pid][1] < spelling:
        gid, pname, kind, cc, admin1, lat, lon, pop = row
        found[pid] = (Place(gid, pname, kind, cc, admin1, lat, lon, pop or 0), spelling)


class Gazetteer:
    """Read-only access to the place index."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = str(path)
        try:
            self._con = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
            self._con.execute("PRAGMA query_only = 1")
            self.meta = dict(self._con.execute("SELECT key, value FROM meta"))
        except sqlite3.Error as e:
            raise WatchfloorError(
                f"{self.path}: not a place index ({e}); rebuild it with `python -m watchfloor.geo.build`"
            ) from None
        self._lock = threading.Lock()
        self._cache: dict[tuple[str, bool], list[tuple[Place, float]]] = {}
        self._translit_cache: dict[str, dict[int, tuple[Place, float]]] = {}

    def _rows(self, sql: str, args: tuple) -> list[tuple]:
        with self._lock:
            return self._con.execute(sql, args).fetchall()

    def matches(self, name: str, *, translit: bool = True) -> list[tuple[Place, float]]:
        """Every place one of whose names matches ``name``, with the spelling similarity; with
        ``translit``, for a name in Arabic script, also the places known only in Latin letters
        under its transliteration key (``translit_matches``)."""
        exact = exact_key(name)
        translit = translit and bool(exact) and not exact.isascii()
        cached = self._cache.get((exact, translit))
        if cached is not None:
            return cached
        found: dict[int, tuple[Place, float]] = {}
        if exact:
            skel = skeleton_key(name)
            rows = self._rows(
                "SELECT n.key, p.* FROM names n JOIN places p ON p.id = n.place WHERE n.key = ?",
                (exact,),
            )
            if len(skel) >= 2 and len(exact) >= 4:
                rows += self._rows(
                    "SELECT n.key, p.* FROM names n JOIN places p ON p.id = n.place "
                    "WHERE n.skel = ? LIMIT 2000",
                    (skel,),
                )
            for key, pid, *place in rows:
                spelling = 1.0 if key == exact else ratio(key, exact) / 100
                if spelling >= MIN_SPELLING:
                    _keep_best(found, pid, place, spelling)
        if translit:
            for pid, match in self._translit(name).items():
                found.setdefault(pid, match)  # an Arabic name of its own would have come first
        result = list(found.values())
        if len(self._cache) > 50_000:
            self._cache.clear()
        self._cache[(exact, translit)] = result
        return result

    def translit_matches(self, name: str) -> list[tuple[Place, float]]:
        return list(self._translit(name).values())

    def _translit(self, name: str) -> dict[int, tuple[Place, float]]:
        """Places GeoNames names only in Latin letters whose Latin name shares the transliteration
        key of ``name`` (Arabic script): each with its spelling (``TRANSLIT_SPELLING`` and how alike
        the romanised name is), only towns big enough for the key's length (regions and countries
        always). Remembered: the Arabic rules ask it where a place is expected, and ``matches``
        asks it again for the same name when the place is resolved."""
        cached = self._translit_cache.get(name)
        if cached is not None:
            return cached
        tkey = name_key(name)
        consonants = len(tkey.replace(" ", ""))
        found: dict[int, tuple[Place, float]] = {}
        if consonants >= 2:
            rows = self._rows(
                "SELECT t.key, p.* FROM tnames t JOIN places p ON p.id = t.place "
                "WHERE t.tkey = ? AND (p.kind != 'city' OR p.pop >= ?) ORDER BY p.pop DESC, p.id LIMIT ?",
                (tkey, TRANSLIT_MIN_POPULATION.get(consonants, 0), TRANSLIT_MAX),
            )
            roman = romanise(name)
            for key, pid, *place in rows:
                alike = ratio(roman, key)
                if alike >= TRANSLIT_MIN_LIKENESS:
                    _keep_best(found, pid, place, round(TRANSLIT_SPELLING + TRANSLIT_LIKENESS * alike / 100, 4))
        if len(self._translit_cache) > 50_000:
            self._translit_cache.clear()
        self._translit_cache[name] = found
        return found

    def place(self, geonameid: int) -> Place | None:
        rows = self._rows(
            "SELECT geonameid, name, kind, cc, admin1, lat, lon, pop FROM places "
            "WHERE geonameid = ? ORDER BY kind = 'city'",
            (geonameid,),
        )
        return Place(*rows[0]) if rows else None


def _prominence(place: Place) -> float:
    # regions count as much as a town a fiftieth their size: a region named after its capital is
    # less often meant than the town
    people = place.population / 50 if place.kind == "admin1" else place.population
    return min(1.0, math.log10(people + 10) / 7)


def _rank(matches: list[tuple[Place, float]], countries: Mapping[str, float], key: str) -> list[Candidate]:
    """Candidates best first. A country gets its bonus only under its own name (or an Arabic one):
    "Tunis" is the city even though some language calls the country so."""
    ranked = []
    # in Arabic script, where a place's name has one usual spelling, a place found only through
    # the consonant key counts its spelling half when some place has exactly the name asked for:
    # "الريحانية" is Reyhanli, not ‘Anah, however Iraqi the context. (Latin transliterations vary
    # too much for that: "Mansoura" is as much the Syrian Al-Mansurah as the Egyptian city.)
    exact = not key.isascii() and any(spelling == 1.0 for _, spelling in matches)
    best = max((spelling for _, spelling in matches), default=1.0)
    for place, spelling in matches:
        own = place.kind != "country" or (spelling == 1.0 and (not key.isascii() or exact_key(place.name) == key))
        score = (
            W_SPELLING * spelling * (FUZZY_BESIDE_EXACT if exact and spelling < 1.0 else 1.0)
            + W_PROMINENCE * _prominence(place) * (1.0 if own else 0.5)
            + W_COUNTRY * (place.kind == "country" and own)
            + W_CONTEXT * countries.get(place.country or "", 0.0)
            - W_WORSE_SPELLING * (best - spelling) * (1.0 - min(1.0, countries.get(place.country or "", 0.0)))
        )
        ranked.append(Candidate(place, round(score, 4), spelling))
    ranked.sort(key=lambda c: (-c.score, -c.place.population, c.place.geonameid or 0))
    return ranked


_SHARED: Gazetteer | None = None
_SHARED_LOCK = threading.Lock()


def gazetteer() -> Gazetteer:
    """The shared index, built from the installed packages' data first if it is missing."""
    global _SHARED
    with _SHARED_LOCK:
        if _SHARED is None:
            from watchfloor.geo.build import FORMAT, build

            path = default_index_path()
            index = Gazetteer(path) if path.exists() else None
            if index is None or index.meta.get("format") != FORMAT:
                sys.stderr.write(f"building the place index {path} from packaged GeoNames data (once)\n")
                build(path)
                index = Gazetteer(path)
            _SHARED = index
        return _SHARED


def lookup(name: str, countries: Mapping[str, float] | None = None) -> list[Candidate]:
    """The places ``name`` may mean, best first."""
    return _rank(gazetteer().matches(name), countries or {}, exact_key(name))


def country_votes(candidates: Sequence[Candidate]) -> dict[str, float]:
    """Which country one name points at: the best candidate's, shared with any close runner-up
    (within 10 % of its score); a country named outright counts fully."""
    if not candidates:
        return {}
    top = candidates[0].score
    close = [c for c in candidates if c.score >= 0.9 * top and c.place.country]
    if not close:
        return {}
    if close[0].place.kind == "country" and close[0].spelling == 1.0:
        return {close[0].place.country: 1.0}  # type: ignore[dict-item]
    votes: dict[str, float] = {}
    for c in close:
        votes[c.place.country] = votes.get(c.place.country, 0.0) + 1.0 / len(close)  # type: ignore[index]
    return votes


def resolve(names: Sequence[str], countries: Mapping[str, float] | None = None) -> list[list[Candidate]]:
    """Candidates for each of ``names`` (the place names of one text), each read in the light of
    the others and of ``countries`` (what the surrounding texts are about), best first."""
    g = gazetteer()
    keys = [exact_key(n) for n in names]
    matches = [g.matches(n) for n in names]
    outside = dict(countries or {})
    votes = [country_votes(_rank(m, outside, k)[:8]) for m, k in zip(matches, keys)]
    # every name's vote once per distinct name; a name does not vote for itself
    per_key: dict[str, dict[str, float]] = {}
    for k, v in zip(keys, votes):
        per_key.setdefault(k, v)
    total: dict[str, float] = defaultdict(float)
    for v in per_key.values():
        for cc, w in v.items():
            total[cc] += w
    ranked: dict[str, list[Candidate]] = {}
    result = []
    for m, k in zip(matches, keys):
        if k not in ranked:
            context: dict[str, float] = defaultdict(float, outside)
            for cc, w in total.items():
                context[cc] += w - per_key[k].get(cc, 0.0)
            top = max(context.values(), default=0.0)
            if top > 1.0:
                context = defaultdict(float, {cc: w / top for cc, w in context.items()})
            ranked[k] = _rank(m, context, k)
        result.append(ranked[k])
    return result


def place(geonameid: int) -> Place | None:
    return gazetteer().place(geonameid)


def _place_dict(p: Place) -> dict[str, Any]:
    return {
        "geonameid": p.geonameid, "name": p.name, "kind": p.kind, "country": p.country,
        "admin1": p.admin1, "lat": p.lat, "lon": p.lon, "population": p.population,
    }


def geo_record(candidates: Sequence[Candidate]) -> dict[str, Any] | None:
    """The best candidate as a JSON-ready record, with the runners-up under ``alternatives``."""
    if not candidates:
        return None
    best = candidates[0]
    record = _place_dict(best.place)
    record["score"] = best.score
    record["alternatives"] = [
        {**_place_dict(c.place), "score": c.score} for c in candidates[1:1 + MAX_ALTERNATIVES]
    ]
    return record


__all__ = [
    "Candidate", "Gazetteer", "Place", "country_votes", "default_index_path", "gazetteer",
    "geo_record", "lookup", "place", "resolve",
]
