"""Transliteration-insensitive keys for Arabic names, in Latin, Arabic or Cyrillic script.

One person's name reaches an analyst as al-Halabi, Alhalabi, Elhalaby, Al Halabi and الحلبي. The
key of each of these is ``"hlb"``: the skeleton of the name's consonants, each reduced to a class
that the common transliterations agree on. Keys are for bringing spellings together (grouping,
blocking, search); deciding that two people are the same is ``watchfloor.text.names``' job.

How a key is made, for each written word of a name:

- the text is normalised (``text.normalise``: Unicode, case, Arabic letter variants);
- the Arabic article goes: ``al-``, ``el-``, ``ul-``, the sun-letter forms ``ash-``, ``ad-``, ``ar-``
  ..., a fused ``Al``/``El`` before a nisba (``Alhalabi``, ``ElHalaby``), ``ال`` and the clitics
  before it (``وال``, ``بال``, ``لل``);
- compounds that are one name are joined: ``Abd al-Rahman`` = ``Abdurrahman`` = ``عبد الرحمن``,
  ``Nur al-Din`` = ``Noureddine``, ``Nasr Allah`` = ``Nasrallah``; a fused kunya is split
  (``Abubakr`` = ``Abu Bakr``);
- letters map to consonant classes: ``q/k/g/gh`` → k, ``kh/h/ḥ`` → h, ``dh/z/th/ẓ`` → z,
  ``sh/ch/sch/š`` → c, ``j/dj`` → j, ``p/b`` → b, ``v/ph/f`` → f (Arabic letters likewise: ق ك غ → k,
  ح خ ه → h, ذ ز ظ ث → z, ...);
- vowels, ayn and hamza (``'``, ``ʿ``, ``ʾ``, Arabizi ``2``/``3``), and ``w``/``y`` inside a word
  (``ou``, ``ee``, ``-awi``, ``-y``/``-i`` endings, long vowels) carry no weight: only a word-initial
  ``w``/``y`` counts;
- doubled letters count once (``Hassan`` = ``Hasan``), and a final ``h`` goes (ta marbuta:
  ``Fatimah`` = ``Fatima`` = ``فاطمة``).

So the key is deliberately coarse (``Hasan`` and ``Husayn`` share ``hsn``): it finds the candidates,
and a finer comparison ranks them. A word with no consonant left (``Aya``), digits, emoji and scripts
without a mapping give no key. ``VERSION`` changes whenever any key could change, so an index built
from keys knows to rebuild.

API::

    name_key("Abu Bakr al-Baghdadi")   -> "b bkr bkdd"       # keys of the words, space-joined
    name_keys("أبو بكر البغدادي")      -> ["b", "bkr", "bkdd"]
    name_tokens(text)                  -> [NameToken(text, start, end, key, article, script, parts)]
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from watchfloor.text.normalise import normalise

VERSION = "1"

__all__ = ["VERSION", "NameToken", "name_key", "name_keys", "name_tokens"]


@dataclass(frozen=True, slots=True)
class NameToken:
    """One name word (or a compound written as several words) and its key.

    ``text`` is the surface text from ``start`` to ``end`` in the input, article included
    (``"al-Halabi"``, ``"عبد الرحمن"``). ``article`` says the word was written with the Arabic
    article. ``parts`` holds the keys of the written words a compound joins (``("bd", "rhmn")`` for
    ``Abd al-Rahman``), and is empty for a single word.
    """

    text: str
    start: int
    end: int
    key: str
    article: bool
    script: str  # "latin", "arabic" or "cyrillic"
    parts: tuple[str, ...] = ()


# -- tokenising ------------------------------------------------------------------------------------

_MARKS = "\u0300-\u036f\u064b-\u065f\u0670\u06d6-\u06ed\u200c\u200d"
_APOS = "'’ʼʻ`´‘"
# a word: letters, digits and combining marks, with apostrophes inside (Sa'id, Abd'allah)
_WORD = re.compile(rf"(?:[^\W_]|[{_MARKS}])+(?:[{_APOS}](?:[^\W_]|[{_MARKS}])+)*")
_HYPHENS = "-‐‑‒–—_"


def _script(word: str) -> str | None:
    for ch in word:
        cp = ord(ch)
        if 0x0600 <= cp <= 0x06FF or 0x0750 <= cp <= 0x077F or 0xFB50 <= cp <= 0xFDFF or 0xFE70 <= cp <= 0xFEFF:
            return "arabic"
        if 0x0400 <= cp <= 0x04FF:
            return "cyrillic"
        if ch.isalpha() and (cp < 0x0250 or 0x1E00 <= cp <= 0x1EFF or 0x02B0 <= cp <= 0x02FF):
            return "latin"
    return None


# -- Latin -----------------------------------------------------------------------------------------

# letters the scholarly transliterations use whose dot or breve carries a consonant class
_LATIN_SPECIAL = str.maketrans({
    "ḍ": "d", "ẓ": "Z", "ḏ": "Z", "ṯ": "Z", "ḫ": "H", "ẖ": "H", "ḵ": "H", "ġ": "K", "š": "C",
    "ş": "C", "ǧ": "j", "č": "C", "ç": "s", "ž": "Z", "ħ": "H", "ɣ": "K", "đ": "d", "ı": "i",
    "ø": "o", "æ": "a", "œ": "o", "ł": "l", "ß": "s",
    "ʿ": "", "ʾ": "", "ʕ": "", "ʔ": "", "ʼ": "", "ʻ": "", "'": "", "’": "", "‘": "", "`": "", "´": "",
})
_CYRILLIC = str.maketrans({
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "zh", "з": "z",
    "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya", "ә": "a", "ӏ": "",
    "і": "i", "ї": "yi", "є": "ye", "ґ": "g", "ў": "u", "қ": "k", "ғ": "gh", "ҳ": "h", "ң": "n",
    "ө": "o", "ү": "u", "ұ": "u", "һ": "h", "ҙ": "z", "ҡ": "k",
})
# Arabizi: digits written for Arabic letters Latin lacks (3 ayn, 2 hamza, 7 ha, 5 kha, 6 ta, 9 sad)
_ARABIZI = str.maketrans({"2": "", "3": "", "7": "H", "5": "H", "6": "t", "9": "s", "8": "K"})
_ORDINAL = re.compile(r"\d+(?:st|nd|rd|th|e|er|eme|ème)?")
# multi-letter spellings of one sound, longest first; uppercase letters are classes already
_DIGRAPHS = re.compile(r"dsch|sch|tch|dzh|dj|kh|gh|sh|ch|th|dh|ph|zh|ck|ts(?=$)")
_DIGRAPH_CLASS = {
    "dsch": "J", "sch": "C", "tch": "C", "dzh": "J", "dj": "J", "kh": "H", "gh": "K", "sh": "C",
    "ch": "C", "th": "Z", "dh": "Z", "ph": "F", "zh": "Z", "ck": "K", "ts": "S",
}
_LATIN_CLASS = str.maketrans({
    "b": "B", "p": "B", "t": "T", "s": "S", "z": "Z", "d": "D", "j": "J", "g": "K", "q": "K",
    "k": "K", "c": "K", "x": "KS", "h": "H", "f": "F", "v": "F", "l": "L", "m": "M", "n": "N",
    "r": "R", "a": ".", "e": ".", "i": ".", "o": ".", "u": ".", "y": ".", "w": ".",
})
_LATIN_ARTICLES = {"al", "el", "ul", "il", "ol", "äl"}
# sun-letter articles: the article's l written as the next word's first consonant (ash-Shami)
_SUN_ARTICLES = {
    f"{v}{c}" for v in "aeu" for c in ("t", "th", "d", "dh", "r", "z", "s", "sh", "n")
}
_NISBA_END = re.compile(r"(?:i|y|ee|ie|iy|iyy|ey|awi|aoui|aui)$")
_ARABIC_ONSET = re.compile(r"(?:q|kh|gh|dh|sh|th|zh)")
_VOWELS = frozenset("aeiouy")


def _latin_form(word: str, script: str) -> str:
    """Lower-case letters a-z (plus class letters in capitals) for a Latin or Cyrillic word."""
    w = word.lower()
    if script == "cyrillic":
        w = w.translate(_CYRILLIC)
    w = w.translate(_LATIN_SPECIAL)
    if not w.isascii():
        w = unicodedata.normalize("NFKD", w)
        w = "".join(c for c in w if c.isascii())
    if any(c.isdigit() for c in w):
        if _ORDINAL.fullmatch(w) or not any(c.isalpha() for c in w):
            return ""
        w = w.replace("3'", "K").translate(_ARABIZI)
        w = "".join(c for c in w if not c.isdigit())
    if w.endswith("s") and word[-2:-1] in _APOS:  # English possessive: Khalid's
        w = w[:-1]
    return w


def _strip_fused_latin_article(w: str, camel: bool) -> str | None:
    """``alhalabi`` -> ``halabi``; None when ``w`` does not start with an article."""
    if len(w) < 5 or w[:2] not in ("al", "el") or w[2] in _VOWELS or w[2] == "w":
        return None
    rest = w[2:]
    if camel or _NISBA_END.search(rest) or _ARABIC_ONSET.match(rest):
        return rest
    return None


@lru_cache(maxsize=1 << 16)
def _latin_key(w: str) -> str:
    if not w:
        return ""
    if w.startswith("ou") and len(w) > 2 and w[2] in "aei":  # French: Oualid = Walid
        head, w = "W", w[2:]
    elif w[0] in "wy" and len(w) > 1 and w[1] in _VOWELS:
        head, w = w[0].upper(), w[1:]
    else:
        head = ""
    w = _DIGRAPHS.sub(lambda m: _DIGRAPH_CLASS[m.group()], w)
    return _skeleton(head + w.translate(_LATIN_CLASS))


# -- Arabic ----------------------------------------------------------------------------------------

_ARABIC_CLASS = str.maketrans({
    "ب": "B", "پ": "B", "ت": "T", "ث": "Z", "ج": "J", "چ": "C", "ح": "H", "خ": "H", "د": "D",
    "ذ": "Z", "ر": "R", "ز": "Z", "ژ": "Z", "س": "S", "ش": "C", "ص": "S", "ض": "D", "ط": "T",
    "ظ": "Z", "ع": ".", "غ": "K", "ف": "F", "ڤ": "F", "ق": "K", "ڨ": "K", "ك": "K", "گ": "K",
    "ل": "L", "م": "M", "ن": "N", "ه": "H", "ا": ".", "و": ".", "ي": ".", "ء": ".",
})
_ARABIC_CLITIC_ARTICLE = re.compile(r"^(?:[وف]?[بك]?ال|[وف]?لل)")
_ABD_AR = "عبد"


@lru_cache(maxsize=1 << 16)
def _arabic_key(w: str) -> str:
    if not w:
        return ""
    head = ""
    if w[0] in "وي" and len(w) > 1:
        head, w = ("W" if w[0] == "و" else "Y"), w[1:]
    return _skeleton(head + w.translate(_ARABIC_CLASS))


def _strip_arabic_article(w: str) -> tuple[str, bool]:
    m = _ARABIC_CLITIC_ARTICLE.match(w)
    if m and len(w) - m.end() >= 2:
        return w[m.end():], True
    return w, False


# -- the skeleton ----------------------------------------------------------------------------------

_RUNS = re.compile(r"([A-Z])\1+")
_NOT_CLASS = re.compile(r"[^A-Z]+")


def _skeleton(classes: str) -> str:
    """Class letters (capitals) separated by vowel marks -> the key."""
    s = _NOT_CLASS.sub("", _RUNS.sub(r"\1", classes))
    if len(s) > 1 and s[-1] == "H":
        s = s[:-1]
    return s.lower()


# -- compounds -------------------------------------------------------------------------------------

_ABD_LATIN = re.compile(r"abd(?:[aeiou]{1,2}[lrstdzn]|[aeiou]?l)?")  # abd, abdul, abdel, abdur, abdus
_ABD_ARTICLE = re.compile(r"^[aeiou]{1,2}l")  # abd|ul|lah, abd|el|kader
_KUNYA_FUSED_LATIN = re.compile(r"^(abou|abu|abo)(?=[^aeiouyw])")
_DIN_LATIN = re.compile(r"(?:[aeiou]?d)?d(?:i|ee)ne?")  # din, deen, dine, eddine, uddin
_ALLAH_LATIN = re.compile(r"[aeiou]?ll?a+h?")  # allah, ullah, alla


@dataclass(slots=True)
class _Word:
    start: int
    end: int
    script: str
    form: str  # Latin: a-z (plus class capitals); Arabic: normalised Arabic letters
    camel: bool = False  # written AlHalabi / ElHalaby
    hyphen_after: bool = False
    is_article: bool = False  # this word *is* an article (al, el, ash, ...)


@dataclass(slots=True)
class _Unit:
    """A name word with its article folded in."""

    start: int
    end: int
    script: str
    written: str  # the form as written, fused article included
    form: str  # without any article
    article: bool


_MAX_WORD = 100  # longer "words" are not names; only their first letters count


@lru_cache(maxsize=1 << 17)
def _word_form(raw: str) -> tuple[str, str, bool] | None:
    """(script, form, written AlHalabi-style) of one written word; None when it has no letters."""
    script = _script(raw)
    if script is None:
        return None
    raw = raw[:_MAX_WORD]
    if script == "arabic":
        form = "".join(c for c in normalise(raw) if "\u0621" <= c <= "\u064a" or c in "پچژڤڨگ")
    else:
        form = _latin_form(raw, script)
    if not form:
        return None
    camel = (script != "arabic" and len(raw) > 3 and raw[:2].lower() in ("al", "el")
             and raw[1].islower() and raw[2].isupper())
    return script, form, camel


def _words(text: str) -> list[_Word]:
    out: list[_Word] = []
    for m in _WORD.finditer(text):
        seen = _word_form(m.group())
        if seen is None:
            continue
        nxt = text[m.end():m.end() + 1]
        out.append(_Word(m.start(), m.end(), *seen, bool(nxt) and nxt in _HYPHENS))
    for i, w in enumerate(out[:-1]):
        nxt = out[i + 1]
        if w.script == "arabic" or nxt.start - w.end > 2:
            continue
        if w.form in _LATIN_ARTICLES:
            w.is_article = True
        elif w.form in _SUN_ARTICLES and (w.hyphen_after or nxt.form.startswith(w.form[1:])):
            # ash-Shami, as Suri: the article's l written as the next word's first consonant
            w.is_article = True
    return out


def _units(words: list[_Word]) -> list[_Unit]:
    out: list[_Unit] = []
    i = 0
    while i < len(words):
        w = words[i]
        if w.is_article and i + 1 < len(words):
            nxt = words[i + 1]
            out.append(_Unit(w.start, nxt.end, nxt.script, nxt.form, nxt.form, True))
            i += 2
            continue
        if w.script == "arabic":
            form, had = _strip_arabic_article(w.form)
        else:
            stripped = _strip_fused_latin_article(w.form, w.camel)
            form, had = (stripped, True) if stripped is not None else (w.form, False)
        out.append(_Unit(w.start, w.end, w.script, w.form, form, had))
        i += 1
    return out


def _key(form: str, script: str) -> str:
    return _arabic_key(form) if script == "arabic" else _latin_key(form)


def _keys_of(names: str, script: str) -> frozenset[str]:
    return frozenset(_key(n, script) for n in names.split())


# the first words of compounds with al-Din and Allah (Nur al-Din, Nasr Allah), by key
_DIN_FIRST = _keys_of(
    "nur salah jamal sayf izz shams taqi fakhr badr khayr imad nasir sharaf zayn ala muhyi qutb "
    "burhan nizam shihab kamal husam sadr rukn amin najm diya qamar zahir muin alam siraj", "latin",
) | _keys_of("نور صلاح جمال سيف عز شمس تقي فخر بدر خير عماد ناصر شرف زين علاء محيي قطب برهان "
             "نظام شهاب كمال حسام صدر ركن امين نجم ضياء قمر ظاهر معين علم سراج", "arabic")
_ALLAH_FIRST = _keys_of(
    "nasr fath fathal habib fadl jar hasb hizb rahmat ata sayf aman hamd khayr asad nimat zabih "
    "dad hidayat inayat sana ubayd rahm qudrat dhikr fayd minnat wali khalil", "latin",
) | _keys_of("نصر فتح حبيب فضل جار حسب حزب رحمة عطا سيف امان حمد خير اسد نعمة ذبيح داد هداية "
             "عناية ثناء عبيد رحم قدرة ذكر فيض منة ولي خليل", "arabic")


def _compound(units: list[_Unit], i: int) -> tuple[str, list[str], int] | None:
    """(joined form, part keys, next index) when units[i] starts a compound name."""
    u = units[i]
    nxt = units[i + 1] if i + 1 < len(units) and units[i + 1].script == u.script else None
    if u.script == "arabic":
        if u.form == _ABD_AR and nxt is not None:
            return _ABD_AR + nxt.form, ["bd", _arabic_key(nxt.form)], i + 2
        if u.form.startswith(_ABD_AR) and len(u.form) > 4 and not u.article:
            rest, _ = _strip_arabic_article(u.form[3:])
            return _ABD_AR + rest, ["bd", _arabic_key(rest)], i + 1
        if nxt is not None:
            key = _arabic_key(u.form)
            if nxt.form == "دين" and nxt.article and key in _DIN_FIRST:
                return u.form + "دين", [key, "dn"], i + 2
            if nxt.written == "الله" and key in _ALLAH_FIRST:
                return u.form + "الله", [key, "l"], i + 2
        return None
    if _ABD_LATIN.fullmatch(u.form) and nxt is not None:
        return "abd" + nxt.form, ["bd", _latin_key(nxt.form)], i + 2
    if u.form.startswith("abd") and len(u.form) > 5:  # Abdurrahman, Abdelkader, Abdirahman
        rest = _ABD_ARTICLE.sub("", u.form[3:])
        return "abd" + rest, ["bd", _latin_key(rest)], i + 1
    if nxt is not None:
        key = _latin_key(u.form)
        if _DIN_LATIN.fullmatch(nxt.form) and key in _DIN_FIRST:
            return u.form + "din", [key, "dn"], i + 2
        if _ALLAH_LATIN.fullmatch(nxt.written) and key in _ALLAH_FIRST:
            return u.form + "allah", [key, "l"], i + 2
    return None


def _split_fused_kunya(form: str, script: str) -> tuple[str, str] | None:
    """Abubakr -> (abu, bakr); ابوبكر -> (ابو, بكر)."""
    if script == "arabic":
        if form.startswith("ابو") and len(form) >= 6:
            return "ابو", form[3:]
        return None
    m = _KUNYA_FUSED_LATIN.match(form)
    if m and len(form) - m.end() >= 3 and any(c in _VOWELS for c in form[m.end():]):
        rest = form[m.end():]
        if len(_latin_key(rest)) >= 2:
            return m.group(), rest
    return None


def name_tokens(text: str) -> list[NameToken]:
    """The name words of ``text`` (a name, or running text) with their keys, in order.

    Articles are folded into the word they belong to; compounds (``Abd al-Rahman``, ``Nur al-Din``,
    ``Nasr Allah``) come out as one token whose ``parts`` are the keys of its words; a fused kunya
    (``Abubakr``) comes out as two tokens.
    """
    if not text:
        return []
    units = _units(_words(text))
    out: list[NameToken] = []
    i = 0
    while i < len(units):
        u = units[i]
        joined = _compound(units, i)
        if joined is not None:
            form, parts, j = joined
            end = units[j - 1].end
            key = _key(form, u.script)
            out.append(NameToken(text[u.start:end], u.start, end, key, u.article, u.script, tuple(parts)))
            i = j
            continue
        split = None if u.article else _split_fused_kunya(u.form, u.script)
        if split is not None:
            kunya, rest = split
            surface = text[u.start:u.end]
            cut = u.start + len(kunya) if len(surface) == len(u.form) else u.end
            first = text[u.start:cut]
            out.append(NameToken(first, u.start, cut, "b", False, u.script))
            second_start = cut if cut < u.end else u.start
            out.append(NameToken(text[second_start:u.end], second_start, u.end,
                                 _key(rest, u.script), False, u.script))
            i += 1
            continue
        key = _key(u.form, u.script)
        if key:
            out.append(NameToken(text[u.start:u.end], u.start, u.end, key, u.article, u.script))
        i += 1
    return out


def name_keys(text: str) -> list[str]:
    """The key of each name word of ``text``, in order (no empty keys)."""
    return [t.key for t in name_tokens(text) if t.key]


def name_key(text: str) -> str:
    """The key of a name word or a whole name: its words' keys joined by single spaces.

    ``name_key("al-Halabi") == name_key("Elhalaby") == name_key("الحلبي") == "hlb"``. An empty
    string when nothing in ``text`` is a name word (empty text, digits, emoji).
    """
    return " ".join(name_keys(text))
