"""The language of each message: ``kind="language"``, ``name`` an ISO 639-1 code or "und".

py3langid is fast and runs offline, but guesses wildly on a few words and on Arabic written in
Latin letters (Arabizi), so it is steered:

- the script comes first: letters are counted by Unicode script and the classifier only chooses
  among the languages written in the dominant one (Arabic script: ar/fa/ur/ps/ug; Cyrillic:
  ru/uk/bg/…; Latin: the Latin-script languages); a script with one language (Greek, Hebrew,
  Georgian, Armenian, Korean, Thai) needs no classifier at all;
- text without letters (emoji, digits, links only) is "und";
- Latin text with Arabizi cues (digits for Arabic letters inside words: "3alaykum", "7abibi";
  words such as "inshallah", "wallah", "yalla") is "ar" with ``script`` "Latn";
- a very short Latin-script message (under three words) takes the language most of the longer
  messages of the same chat in the same batch were given, when there are such messages, and
  says so (``method`` "chat"); otherwise the classifier's guess stands, with its low score.

``value`` is ``{"script": <ISO 15924 code of the dominant script>, "method": "langid" | "script" |
"chat" | "arabizi" | "none", "scripts": {script: share of letters}}``.
"""

from __future__ import annotations

import copy
import re
import unicodedata
from collections import Counter, defaultdict
from functools import lru_cache

import regex

from watchfloor.enrich import Batch, register
from watchfloor.model import Annotation

NAME = "language"
VERSION = "1"

_SCRIPT_NAMES = {
    "LATIN": "Latn", "ARABIC": "Arab", "CYRILLIC": "Cyrl", "GREEK": "Grek", "HEBREW": "Hebr",
    "GEORGIAN": "Geor", "ARMENIAN": "Armn", "HANGUL": "Hang", "THAI": "Thai", "DEVANAGARI": "Deva",
    "CJK": "Hani", "HIRAGANA": "Jpan", "KATAKANA": "Jpan", "BENGALI": "Beng", "TAMIL": "Taml",
    "ETHIOPIC": "Ethi", "GUJARATI": "Gujr", "GURMUKHI": "Guru", "KHMER": "Khmr", "SINHALA": "Sinh",
}
# languages py3langid knows, by the script they are written in
_BY_SCRIPT = {
    "Arab": ["ar", "fa", "ur", "ps", "ug"],
    "Cyrl": ["ru", "uk", "bg", "be", "mk", "sr", "kk", "ky", "mn"],
    "Deva": ["hi", "mr", "ne"],
    "Hani": ["zh", "ja"],
    "Jpan": ["ja"],
}
_ONE_LANGUAGE = {"Grek": "el", "Hebr": "he", "Geor": "ka", "Armn": "hy", "Hang": "ko", "Thai": "th",
                 "Beng": "bn", "Taml": "ta", "Ethi": "am", "Gujr": "gu", "Guru": "pa", "Khmr": "km",
                 "Sinh": "si"}
# the Latin-script languages chosen among: the widely written ones (py3langid also knows rare
# ones, such as Kabyle or Volapük, that short texts full of names fall into)
_LATIN = ["en", "fr", "de", "es", "it", "pt", "nl", "tr", "id", "ms", "sv", "da", "nb", "no", "pl",
          "cs", "sk", "hr", "sl", "ro", "hu", "fi", "et", "lv", "lt", "sq", "az", "sw", "tl", "vi",
          "ca", "eu", "gl", "ga", "cy", "is", "mt", "af", "bs", "ku", "uz", "ha", "so"]
# the languages a short or name-heavy Latin text is first tried against; the rest of _LATIN only
# when none of these fits well
_MAJOR_LATIN = ["en", "fr", "de", "es", "it", "pt", "nl", "tr", "id", "pl", "sv"]
_URL = re.compile(r"(?i)\b(?:https?://|www\.|t\.me/)\S+|@\w+")

_ARABIZI_DIGIT = re.compile(r"(?i)\b[a-z]*[a-z][2357][a-z]+\b|\b[2357][a-z]{2,}\b")
_ARABIZI_WORDS = re.compile(
    r"(?i)\b(?:inshallah|insha'?allah|wallah[iy]?|yalla|habibi|akhi|ukhti|mashallah|subhanallah|"
    r"alhamdulillah|hamdulillah|salam|salaam|shukran|ya3ni|yaani|shu|kifak|kifik|mish|mesh|"
    r"3ala|3alaykum|3alaikum|ma3|wa|ana|enta|inta|7abibi|khalas|ahlan|tayeb|tamam|jazak|jazakallah|"
    r"jazakallahu|khayr|khair|barakallah|baraka|assalamu|alaykum|alaikum|walaykum|ameen|ameen|"
    r"allahu|akbar|bismillah|fi|sabilillah|astaghfirullah)\b"
)
_WORD = re.compile(r"\w+")


_LETTER = regex.compile(r"\p{L}")
_LATIN_LETTER = regex.compile(r"\p{Latin}")
_ARABIC_LETTER = regex.compile(r"\p{Arabic}")


def _script_of(ch: str) -> str:
    return _SCRIPT_NAMES.get(unicodedata.name(ch, "").split(" ", 1)[0], "Zyyy")


def scripts_of(text: str) -> Counter[str]:
    """How many letters of each script ``text`` has."""
    total = len(_LETTER.findall(text))
    latin, arabic = len(_LATIN_LETTER.findall(text)), len(_ARABIC_LETTER.findall(text))
    if latin + arabic == total:  # the common case, without a look at every character
        return Counter({k: v for k, v in (("Latn", latin), ("Arab", arabic)) if v})
    return Counter(_script_of(ch) for ch in text if ch.isalpha())


@lru_cache(maxsize=1)
def _model():  # noqa: ANN202 - a py3langid LanguageIdentifier, loaded once
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


@lru_cache(maxsize=None)
def _identifier(script: str):  # noqa: ANN202 - a py3langid LanguageIdentifier
    ident = copy.copy(_model())  # restricting a copy leaves the shared model's arrays alone
    if script in _BY_SCRIPT:
        ident.set_languages(_BY_SCRIPT[script])
    elif script == "Latn":
        ident.set_languages([lang for lang in _LATIN if lang in ident.labels])
    elif script == "Latn-major":
        ident.set_languages([lang for lang in _MAJOR_LATIN if lang in ident.labels])
    return ident


def identify(text: str) -> tuple[str, float, dict]:
    """(language, score, value) for one text, without context."""
    text = _URL.sub(" ", text[:100_000])
    counts = scripts_of(text)
    total = sum(counts.values())
    if total == 0:
        return "und", 1.0, {"script": None, "method": "none", "scripts": {}}
    script, n = counts.most_common(1)[0]
    shares = {s: round(c / total, 3) for s, c in counts.most_common()}
    value = {"script": script, "method": "langid", "scripts": shares}
    if script in _ONE_LANGUAGE:
        return _ONE_LANGUAGE[script], round(n / total, 3), {**value, "method": "script"}
    if script == "Latn":
        cues = len(_ARABIZI_DIGIT.findall(text)) * 2 + len(_ARABIZI_WORDS.findall(text))
        words = len(_WORD.findall(text))
        if cues >= 2 and cues >= words * 0.25:
            return "ar", round(min(1.0, 0.5 + cues / (2 * max(words, 1))), 3), {**value, "method": "arabizi"}
    if script not in _BY_SCRIPT and script != "Latn":
        return "und", 0.5, {**value, "method": "script"}
    # very long texts: the first 20,000 characters decide (the classifier is linear in length);
    # Latin text is tried against the major languages first
    sample = text[:20_000]
    if script == "Latn":
        lang, prob = _identifier("Latn-major").classify(sample)
        if prob >= 0.6:
            return lang, round(float(prob), 3), value
    lang, prob = _identifier(script).classify(sample)
    return lang, round(float(prob), 3), value


class LanguageEnricher:
    name = NAME
    version = VERSION

    def annotate(self, batch: Batch) -> list[Annotation]:
        guesses = [identify(m.text or "") for m in batch.messages]
        # what the longer Latin-script messages of each chat were, for the short ones
        chat_langs: dict[str, Counter[str]] = defaultdict(Counter)
        for m, (lang, score, value) in zip(batch.messages, guesses):
            if value["script"] == "Latn" and len(_WORD.findall(m.text)) >= 5 and score >= 0.9:
                chat_langs[m.chat_id][lang] += 1
        notes = []
        for m, (lang, score, value) in zip(batch.messages, guesses):
            if value["method"] == "langid" and value["script"] == "Latn" and len(_WORD.findall(m.text)) < 3:
                common = chat_langs.get(m.chat_id)
                if common:
                    top, count = common.most_common(1)[0]
                    lang, score = top, round(0.5 + 0.4 * count / sum(common.values()), 3)
                    value = {**value, "method": "chat"}
            notes.append(Annotation(kind="language", name=lang, enricher=NAME, version=VERSION,
                                    message_id=m.id, score=score, value=value))
        return notes


register(NAME, LanguageEnricher)
