"""Text normalisation for matching and search: one function, used on both the indexed text and the
query, so that spelling noise that does not change meaning does not change the result.

- Unicode NFKC (compatibility forms: presentation forms of Arabic letters, full-width Latin, ligatures)
- case folding
- Arabic: diacritics (harakat, shadda, sukun, superscript alef, Quranic marks) and tatweel removed;
  alef forms (أ إ آ ٱ) to ا; alef maksura ى to ي; ta marbuta ة to ه; hamza seats ؤ to و and ئ to ي;
  Persian/Urdu kaf and ya to the Arabic letters; Eastern Arabic and Persian digits to 0-9
- invisible formatting characters (zero-width joiners, direction marks, BOM) removed
- Latin diacritics are left to the search index's tokenizer (remove_diacritics), not removed here,
  so that the text stays readable
"""

from __future__ import annotations

import unicodedata

VERSION = "1"

_MAP: dict[int, str | None] = {}
for cp in list(range(0x064B, 0x0660)) + [0x0670] + list(range(0x06D6, 0x06EE)):
    if cp not in (0x06DD, 0x06DE, 0x06E9):  # end of ayah, rub el hizb, place of sajdah: symbols
        _MAP[cp] = None
_MAP[0x0640] = None  # tatweel
for zw in (0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E,
           0x2066, 0x2067, 0x2068, 0x2069, 0xFEFF, 0x00AD, 0x061C):
    _MAP[zw] = None
for src, dst in {
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا",
    "ى": "ي", "ی": "ي", "ې": "ي", "ۍ": "ي",
    "ة": "ه", "ۀ": "ه", "ھ": "ه", "ہ": "ه",
    "ؤ": "و", "ئ": "ي",
    "ک": "ك", "ڪ": "ك",
}.items():
    _MAP[ord(src)] = dst
for i in range(10):
    _MAP[0x0660 + i] = str(i)  # Arabic-Indic digits
    _MAP[0x06F0 + i] = str(i)  # Extended (Persian/Urdu) digits
_TABLE = str.maketrans(_MAP)


def normalise(text: str) -> str:
    """Normalised form of ``text`` for matching; same length is not guaranteed."""
    if text.isascii():
        return text.lower()
    return unicodedata.normalize("NFKC", text).casefold().translate(_TABLE)
