"""Are two names one person? Part by part, with the evidence said in words.

Names are compared part by part (``text.names``): kunya with kunya, ism with ism, father with
father, nisba with nisba. Two spellings of one part agree when their transliteration keys agree and,
within one script, their spellings do not point at two different names that happen to share a key
(Hasan and Husayn share ``hsn``). The decision follows what analysts hold to:

- agreement in a part that identifies someone (kunya or ism) is needed to call two names one person;
- a shared nisba or kunya alone is not enough: many people are "al-Halabi", and many are
  "Abu Omar" - two Abu Omars with different nisbas are two people;
- a disagreement in kunya, ism or father, or Abu against Umm, keeps them apart.

``shared_origin`` says whether the names share an origin (the same nisba, or places one of which
lies in the other), whatever the decision; actor resolution groups such people visibly without
merging them.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz.distance import Indel, Levenshtein

from watchfloor.model import Origin
from watchfloor.text.names import NamePart, ParsedName, parsed_origins, parse
from watchfloor.text.normalise import normalise
from watchfloor.text.origins import origin_key

__all__ = ["Comparison", "compare", "compare_parsed", "part_similarity", "THRESHOLD"]

THRESHOLD = 0.5  # score at or above which two names are called one person

# evidence weights (log-odds); tuned on the dev half of tests/fixtures/names/pairs.tsv
_PRIOR = -1.5
_AGREE = {"kunya": 2.2, "ism": 2.2, "father": 1.4, "byname": 1.0}
_DISAGREE = {"kunya": -3.5, "ism": -3.5, "father": -2.5, "byname": -2.4}
_GENDER = -6.0
_EXTRA_BYNAME = -1.2
_AGREES_AT = 0.85  # part similarity from which two parts are one name
_DIFFERS_BELOW = 0.72  # ... and below which they are two


@dataclass(slots=True)
class Comparison:
    same_person: bool
    score: float
    shared_origin: bool
    explanation: str
    evidence: list[str] = field(default_factory=list)
    conflict: bool = False  # a part that identifies them (kunya, ism, father, Abu/Umm) disagrees
    complete: bool = False  # one person, and neither name has a part the other lacks

    def as_dict(self) -> dict[str, object]:
        return {"same_person": self.same_person, "score": self.score,
                "shared_origin": self.shared_origin, "explanation": self.explanation}


# -- similarity of two written parts ---------------------------------------------------------------

_LATIN_FINE = [
    (re.compile(r"['’ʿʾ`´]"), "|"),  # a break (Is'haq is s + h, not sh), removed at the end
    (re.compile(r"^ou(?=[aei])"), "w"),  # French: Oualid = Walid
    (re.compile(r"dsch|dj"), "j"),
    (re.compile(r"sch|sh|ch"), "c"),
    (re.compile(r"kh"), "h"),
    (re.compile(r"gh|q|g|ck|c(?![ch])"), "k"),
    (re.compile(r"dh|th|z"), "z"),
    (re.compile(r"ph|v"), "f"),
    (re.compile(r"p"), "b"),
    (re.compile(r"yy|iyy"), "Y"),  # a doubled y is a consonant: Sayyid, Ayyub
    (re.compile(r"ww|uww"), "W"),
    (re.compile(r"ae(?=[^aeiou]|$)"), "I"),  # a hiatus before a long i: Ismael = Ismail, Raed = Raid
    (re.compile(r"(?:ai|ay|ei|ey|ee|ie|iy|ii)(?![aeiou])"), "I"),  # long i / diphthong
    (re.compile(r"(?:ou|oo|uu|ow)(?![aeiou])"), "U"),  # long u
    (re.compile(r"aa"), "A"),
    (re.compile(r"o"), "u"),
    (re.compile(r"e"), "E"),  # e writes any short vowel (Khaled, Ahmed, Youssef): a wildcard
    (re.compile(r"(?<=[aiuAIUE])h$"), "~"),  # ta marbuta - or a real h (Rabah): ~ says "either"
    (re.compile(r"\|"), ""),
    (re.compile(r"(.)\1+"), r"\1"),
]
_ARABIC_FINE = str.maketrans({
    "ب": "b", "پ": "b", "ت": "t", "ث": "z", "ج": "j", "ح": "h", "خ": "h", "د": "d", "ذ": "z",
    "ر": "r", "ز": "z", "س": "s", "ش": "c", "ص": "s", "ض": "d", "ط": "t", "ظ": "z", "ع": "",
    "غ": "k", "ف": "f", "ق": "k", "ك": "k", "ل": "l", "م": "m", "ن": "n", "ه": "h", "ء": "",
    "ا": "A", "و": "U", "ي": "I", "گ": "k", "چ": "c", "ڤ": "f",
})


_INNER_ARTICLE = re.compile(r"(?<=\S)[\s-]+(?:[ae]l|[aeu](?:t|th|d|dh|r|z|s|sh|n))[\s-]+")


@lru_cache(maxsize=1 << 15)
def _fine_latin(name: str) -> str:
    """A Latin spelling with the consonant classes of the key but its vowels kept (short vowels
    lower case, long ones and diphthongs upper case, E for an e that may stand for any vowel), and
    the article inside a compound gone (Abd al-Hakim = Abdhakim)."""
    name = _INNER_ARTICLE.sub("|", normalise(name))
    name = re.sub(r"^(abd)(?:u|e|ou|a|i)?l(?=[^aeiou])", r"\1|", name)  # Abdul Hakim, Abdelkader
    w = "".join(c for c in unicodedata.normalize("NFKD", name) if c.isascii() and (c.isalpha() or c in "'’`|"))
    for pattern, repl in _LATIN_FINE:
        w = pattern.sub(repl, w)
    return w


@lru_cache(maxsize=1 << 15)
def _fine_arabic(name: str) -> str:
    """An Arabic spelling in the fine Latin alphabet: consonant classes, and the long vowels Arabic
    writes (A, U, I); a leading V when the word starts with a vowel or ayn."""
    raw = [c for c in name if "\u0621" <= c <= "\u064a" or c in "\u0671گچڤ"]
    # a final ى is an alef (Musa, Yahya) - or, as Egypt writes, a final ي: it says neither
    maksura = raw[-1:] == ["ى"]
    hamza_alef = raw[:2] in (["أ", "ل"], ["إ", "ل"])  # ألماني, إلياس: no article
    w = normalise("".join(c for c in name if "\u0621" <= c <= "\u064a" or c in " \u0671گچڤ"))
    if w.startswith("ال") and len(w) > 4 and not hamza_alef:
        w = w[2:]
    w = re.sub(r" (?:[وفبك]?ال)?", "", w)  # عبد الحكيم = عبدحكيم
    if w[:1] == "و":
        w = "w" + w[1:]
    elif w[:1] == "ي":
        w = "y" + w[1:]
    initial_vowel = w[:1] in ("ا", "ع", "ء")
    marbuta = w.endswith("ه") and len(w) > 2
    w = w.translate(_ARABIC_FINE)
    if marbuta:
        w = w[:-1] + "a"  # ta marbuta: Ubayda (عبيدة), not Ubayd (عبيد)
    w = re.sub(r"^A", "", w)
    if maksura and w.endswith("I"):
        w = w[:-1] + "Q"
    return ("V" + w) if initial_vowel else w




# the consonants transliterations confuse: ث th/s/t, ذ dh/z/d, ض d/dh/z, ظ z/dh; ش sh/s; ج j/g
_LOOSE = str.maketrans({"z": "d", "t": "d", "s": "d", "c": "d", "j": "k"})
_LOOSE_FINE = str.maketrans({"z": "d", "t": "d", "s": "d", "c": "d", "j": "k", "E": None, "~": None})


@lru_cache(maxsize=1 << 16)
def _key_similarity(a: str, b: str) -> float:
    """Similarity of two keys that differ: the classes transliterations confuse most (d/dh/z/th,
    s/sh) count as near, and one edit in a long key as close."""
    if not a or not b:
        return 0.0
    if a.translate(_LOOSE) == b.translate(_LOOSE):
        # Qaddafi/Kadhafi, but also Hamza/Hamid: near, and only close in a long key
        return 0.88 if min(len(a), len(b)) >= 4 else 0.75
    sim = Levenshtein.normalized_similarity(a, b)
    if min(len(a), len(b)) < 3:
        return min(sim, 0.6)
    return sim * 0.95


def part_similarity(a: NamePart, b: NamePart) -> float:
    """How likely two written parts are one name, in [0, 1]."""
    if not a.key or not b.key:
        return 0.0
    if a.key != b.key:
        sim = _key_similarity(a.key, b.key)
        if 0.7 <= sim < _AGREES_AT and min(len(a.key), len(b.key)) >= 3 and a.script == b.script == "latin" and (
            _fine_latin(a.name).translate(_LOOSE_FINE) == _fine_latin(b.name).translate(_LOOSE_FINE)
        ):
            return 0.88  # Ridwan, Rizwan: one letter of the classes transliterations confuse
        if {a.script, b.script} == {"latin", "arabic"} and a.key.replace("c", "sh") == b.key.replace("c", "sh"):
            return 0.88  # a Latin "sh" for س + ح: Ishaq = إسحاق
        return sim
    if a.name == b.name:
        return 1.0
    # a nisba's feminine (al-Britaniyya) is the same nisba; elsewhere a final a matters
    return _written_similarity(a.name, a.script, b.name, b.script, a.kind not in ("nisba", "laqab"))


@lru_cache(maxsize=1 << 16)
def _written_similarity(a: str, sa: str, b: str, sb: str, final_a: bool = True) -> float:
    """Two spellings with the same key: one name, or two that share their consonants?"""
    if sa == sb == "latin":
        fa, fb = _fine_latin(a), _fine_latin(b)
        if fa == fb:
            return 1.0
        sim = Indel.normalized_similarity(_plain_fine(fa), _plain_fine(fb))
        ea, eb = _final_a(fa), _final_a(fb)
        if final_a and ea is not None and eb is not None and ea != eb:
            return 0.7  # Ubayd, Ubayda: one ends in ta marbuta, the other does not
        # same consonants; the vowels say whether it is one name (Yusuf, Youssef) or two (Hasan, Husayn)
        return 0.55 + 0.45 * sim**2 if _long_vowels_differ(fa, fb) else 0.9 + 0.1 * sim
    if sa == sb == "arabic":
        fa, fb = _fine_arabic(a), _fine_arabic(b)
        if fa == fb:
            return 1.0
        return 0.5 if fa.endswith("a") != fb.endswith("a") else 0.7
    if sa == sb:
        return 1.0 if normalise(a) == normalise(b) else 0.9
    if {sa, sb} == {"arabic", "latin"}:
        latin, arabic = (a, b) if sa == "latin" else (b, a)
        return _cross_script(_fine_latin(latin), _fine_arabic(arabic))
    return 0.9  # Cyrillic against another script: the key is all there is


def _long_vowels_differ(a: str, b: str) -> bool:
    """Whether two spellings disagree on a long vowel or diphthong (Husayn: I; Hasan: none), on
    the first vowel (Umar, Amr), or on starting with a vowel (Ahmad, Hamid)."""
    fa, fb = _first_vowel(a), _first_vowel(b)
    return ([c for c in a if c in "IUYW"] != [c for c in b if c in "IUYW"] or bool(fa and fb and fa != fb)
            or (a[:1] in _INITIAL_VOWEL) != (b[:1] in _INITIAL_VOWEL))


def _plain_fine(w: str) -> str:
    return w.replace("E", "").replace("~", "").lower()


def _final_a(w: str) -> bool | None:
    """Whether a spelling ends in a (ta marbuta or alef); None when it cannot say (a final e, or a
    final ah that may be ta marbuta or a real h)."""
    if w.endswith(("E", "~")):
        return None
    return w[-1:] in ("a", "A")


def _first_vowel(w: str) -> str:
    """The first vowel's quality (a, i or u); empty for none or an e (which may be any)."""
    m = re.search(r"[aiuAIUE]|$", w)
    v = m.group()
    return "" if v in ("", "E") else "u" if v in "uU" else "a" if v in "aA" else "i"


_VOWEL = frozenset("aiuAIUYWyw")
_INITIAL_VOWEL = frozenset("aiuAIU")
_CONSONANT = frozenset("btzdjhkscflmnr")


def _gaps(fine: str) -> list[str] | None:
    """The vowels after each consonant ([before the first, after the first, ...]), or None."""
    gaps = [""]
    for i, c in enumerate(fine):
        if c in _CONSONANT or (i == 0 and c in "wy"):
            gaps.append("")
        elif c in _VOWEL or c == "V":
            gaps[-1] += c
        else:
            return None
    return gaps


# Latin writes a long a as any a (or not at all), so only ي and و are checked
_COMPATIBLE = {"I": set("iIyeY"), "U": set("uUwoW")}


def _cross_script(latin: str, arabic: str) -> float:
    """Latin against Arabic script with the same key: do the long vowels Arabic writes (ا و ي) show
    in the Latin spelling, and the Latin's long vowels in the Arabic?"""
    lat_long = [c for c in latin if c in "IU"]
    ar_long = [c for c in arabic if c in "IU"]
    # Arabic writes every long vowel; Latin often leaves them unmarked (Khalid, Yusuf), so only a
    # Latin long vowel Arabic lacks (Husayn against حسن) counts against
    missing = sum(1 for v in set(lat_long) if lat_long.count(v) > ar_long.count(v))
    sim = 0.95 - 0.25 * missing
    if (latin[:1] in _INITIAL_VOWEL) != arabic.startswith("V"):
        sim -= 0.3  # Ahmad against حامد: one starts with a vowel, the other with a consonant
    final = _final_a(latin)
    if final is not None and not arabic.endswith("Q") and final != (arabic[-1:] in ("a", "A")):
        sim -= 0.3  # Ubayd against عبيدة
    lg, ag = _gaps(latin.replace("E", "").replace("~", "")), _gaps(arabic.replace("V", "").replace("Q", ""))
    if lg is not None and ag is not None and len(lg) == len(ag):
        # a long vowel Arabic writes (حسين) where the Latin writes another vowel (Hasan)
        for la, ar in zip(lg[1:], ag[1:]):
            for v in ar:
                if v in _COMPATIBLE and la and not set(la) & _COMPATIBLE[v]:
                    sim -= 0.3
    return max(0.4, sim)


# -- the decision ----------------------------------------------------------------------------------

def _best(xs: list[NamePart], ys: list[NamePart]) -> tuple[float, NamePart, NamePart]:
    best = (-1.0, xs[0], ys[0])
    for x in xs:
        for y in ys:
            s = part_similarity(x, y)
            if s > best[0]:
                best = (s, x, y)
    return best


def compare(a: str | None, b: str | None) -> Comparison:
    """Compare two names as written (any script, titles and glosses allowed)."""
    return compare_parsed(parse(a), parse(b))


def compare_parsed(a: ParsedName, b: ParsedName) -> Comparison:
    if a.empty or b.empty:
        which = "neither name has" if a.empty and b.empty else "the first name has" if a.empty else "the second name has"
        return Comparison(False, 0.0, False, f"{which} no name words to compare")
    total = _PRIOR
    evidence: list[str] = []
    identifying = False
    hard_conflict = False
    origins_a, origins_b = parsed_origins(a), parsed_origins(b)
    # a name that is only "Ibn X" is known by its nasab: then the father identifies
    by_nasab = not (a.kunya or a.ism) and not (b.kunya or b.ism)

    def weigh(slot: str, xs: list[NamePart], ys: list[NamePart], label: str) -> None:
        nonlocal total, identifying, hard_conflict
        if not xs or not ys:
            return
        sim, x, y = _best(xs, ys)
        if sim >= _AGREES_AT:
            total += (_AGREE["ism"] if slot == "father" and by_nasab else _AGREE[slot]) * sim
            if slot in ("kunya", "ism") or (slot == "father" and by_nasab):
                identifying = True
            how = "same spelling" if x.text == y.text else f"same key {x.key}" if x.key == y.key else "near keys"
            evidence.append(f"{label} agrees: {x.text} = {y.text} ({how})")
        elif sim < _DIFFERS_BELOW:
            if slot == "byname" and _nested(origins_a, origins_b):
                evidence.append(f"{label} differs but one place lies in the other: {x.text}, {y.text}")
                return
            total += _DISAGREE[slot]
            if slot in ("kunya", "ism", "father"):
                hard_conflict = True
            evidence.append(f"{label} differs: {x.text} ≠ {y.text}")
        else:
            evidence.append(f"{label} uncertain: {x.text} ~ {y.text} ({sim:.2f})")

    ka, kb = a.kunya, b.kunya
    if ka and kb and {k.marker for k in ka}.isdisjoint({k.marker for k in kb}):
        total += _GENDER
        hard_conflict = True
        evidence.append(f"kunya {ka[0].text} and {kb[0].text}: one is Abu (father), the other Umm (mother)")
    else:
        weigh("kunya", ka, kb, "kunya")
    weigh("ism", [a.ism] if a.ism else [], [b.ism] if b.ism else [], "ism")
    da, db = a.nasab[:1], b.nasab[:1]
    if da and db and da[0].marker and db[0].marker and (da[0].marker == "bint") != (db[0].marker == "bint"):
        total += _GENDER
        hard_conflict = True
        evidence.append(f"{da[0].text} and {db[0].text}: a son and a daughter")
    else:
        weigh("father", da, db, "father")
    # nisbas and laqabs together: both are bynames, and a name gives one or the other
    bya, byb = a.nisba + a.laqab, b.nisba + b.laqab
    weigh("byname", bya, byb, "nisba/laqab")
    # a byname on each side that matches nothing on the other: al-Najdi al-Kurdi, al-Najdi al-Iraqi
    left_a = [x for x in bya if all(part_similarity(x, y) < _AGREES_AT for y in byb)]
    left_b = [y for y in byb if all(part_similarity(x, y) < _AGREES_AT for x in bya)]
    if bya and byb and left_a and left_b and len(left_a) < len(bya) and not _nested(origins_a, origins_b):
        total += _EXTRA_BYNAME
        evidence.append(f"nisba/laqab differs as well: {left_a[0].text} ≠ {left_b[0].text}")

    # whether each name has no part the other lacks or contradicts (equivalent up to spelling)
    complete = not (left_a or left_b) and all(
        bool(x) == bool(y) for x, y in ((a.kunya, b.kunya), (a.ism, b.ism), (a.nasab, b.nasab), (bya, byb))
    ) and not any(e.split(":")[0].endswith(("differs", "uncertain")) for e in evidence)

    # the same place, tribe or unresolved nisba, or one lying in the other (al-Iraqi, al-Anbari)
    keys_a = {k for k in map(origin_key, origins_a) if k}
    keys_b = {k for k in map(origin_key, origins_b) if k}
    shared = bool(keys_a & keys_b) or _nested(origins_a, origins_b) or bool(
        {n.key for n in a.nisba} & {n.key for n in b.nisba}
    )
    score = 1 / (1 + math.exp(-total))
    same = score >= THRESHOLD and identifying and not hard_conflict
    if not identifying and not hard_conflict:
        both = (a.kunya and b.kunya) or (a.ism and b.ism)
        evidence.append("kunya and ism do not agree" if both else "no kunya or ism given by both names")
    if same:
        verdict = "same person"
    elif hard_conflict or score < THRESHOLD:
        verdict = "different people"
    else:
        verdict = "not enough to say they are one person"
    if not same and shared:
        verdict += "; they share an origin"
    explanation = "; ".join(evidence + [verdict])
    return Comparison(same, round(score, 3), shared, explanation, evidence, hard_conflict, same and complete)


def _nested(xs: list[Origin], ys: list[Origin]) -> bool:
    """One name's origin is a country the other's place lies in (al-Iraqi, al-Anbari)."""
    for x in xs:
        for y in ys:
            if x.kind == "country" and y.kind in ("city", "region") and x.country and x.country == y.country:
                return True
            if y.kind == "country" and x.kind in ("city", "region") and y.country and y.country == x.country:
                return True
    return False
