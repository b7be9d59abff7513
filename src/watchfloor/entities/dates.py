"""Dates in text: find them (English and Arabic) and normalise them against a reference date.

``find_dates(text, lang)`` returns the character spans of date expressions; ``normalise(text,
reference)`` turns one expression into a calendar date with its precision:

- absolute dates in either language ("10 June 2014", "June 2014", "١٠ حزيران ٢٠١٤", "2015"),
  Levantine/Iraqi month names (كانون الثاني … كانون الأول, حزيران, تموز) and Maghrebi ones
  (جانفي، أفريل، جوان، جويلية، أوت; ماي، جوان and أوت only after a day, being words too) mapped to
  the ones dateparser knows, Eastern Arabic digits to ASCII; a decade (التسعينات) is a date of no
  single year;
- relative ones resolved against the reference (the message's date): yesterday/أمس (and the
  dialects' امبارح، البارح), tomorrow/غدا (بكرة), last
  Saturday/السبت الماضي, a bare weekday (the last one, or the coming one where its clause says so — "before Friday",
  "arrives on Wednesday", "قبل الجمعة", "الجمعة الجاية" — or, where the clause says nothing, in a text
  about plans; a verb of the past in the clause keeps it in the last week), with the Maghreb's
  "نهار" as "يوم",
  three years ago/قبل ثلاث سنوات, two weeks ago/منذ أسبوعين, last year/العام
  الماضي, an anniversary stated as "ten years since …"/"عشر سنوات على …" (the event's year), and
  "on this day in 2014"/"في مثل هذا اليوم من عام ٢٠١٤" (the reference's day in that year).

What cannot be pinned to one day, month or year ("next week") is still a date entity, with
``normalised`` None. Results are cached per (expression, reference day).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from functools import lru_cache

import regex

# -- numbers ------------------------------------------------------------------------------------

_EN_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
    "thirty": 30, "a couple of": 2, "a few": 3, "several": 3,
}
_AR_NUMBERS = {
    "واحد": 1, "واحدة": 1, "اثنين": 2, "اثنان": 2, "ثلاث": 3, "ثلاثة": 3, "أربع": 4, "اربع": 4,
    "أربعة": 4, "اربعة": 4, "خمس": 5, "خمسة": 5, "ست": 6, "ستة": 6, "سبع": 7, "سبعة": 7,
    "ثماني": 8, "ثمانية": 8, "ثمان": 8, "تسع": 9, "تسعة": 9, "عشر": 10, "عشرة": 10,
    "عدة": 3, "بضع": 3, "بضعة": 3,
}
DIGITS = str.maketrans(  # Eastern Arabic and Persian digits to ASCII
    "٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")

# -- units ---------------------------------------------------------------------------------------

_EN_UNITS = {"day": "day", "days": "day", "week": "week", "weeks": "week", "month": "month",
             "months": "month", "year": "year", "years": "year"}
# Arabic: singular, dual (counts 2 by itself) and plural
_AR_UNITS = {
    "يوم": ("day", 1), "يوما": ("day", 1), "يومًا": ("day", 1), "يومين": ("day", 2), "يومان": ("day", 2),
    "أيام": ("day", None), "ايام": ("day", None),
    "أسبوع": ("week", 1), "اسبوع": ("week", 1), "أسبوعين": ("week", 2), "اسبوعين": ("week", 2),
    "أسابيع": ("week", None), "اسابيع": ("week", None),
    "شهر": ("month", 1), "شهرا": ("month", 1), "شهرين": ("month", 2), "أشهر": ("month", None),
    "اشهر": ("month", None), "شهور": ("month", None),
    "سنة": ("year", 1), "سنه": ("year", 1), "سنتين": ("year", 2), "سنوات": ("year", None),
    "سنين": ("year", None), "عام": ("year", 1), "عاما": ("year", 1), "عامين": ("year", 2),
    "أعوام": ("year", None), "اعوام": ("year", None),
}

_EN_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_AR_WEEKDAYS = {"الاثنين": 0, "الإثنين": 0, "الثلاثاء": 1, "الأربعاء": 2, "الاربعاء": 2,
                "الخميس": 3, "الجمعة": 4, "السبت": 5, "الأحد": 6, "الاحد": 6}

_EN_MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
_EN_MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
_EN_MONTHS["sept"] = 9
# Arabic month names: the Levantine/Iraqi (Syriac) ones and the ones from the Latin names
_AR_MONTHS = {
    "كانون الثاني": 1, "شباط": 2, "آذار": 3, "اذار": 3, "نيسان": 4, "أيار": 5, "ايار": 5,
    "حزيران": 6, "تموز": 7, "آب": 8, "اب": 8, "أيلول": 9, "ايلول": 9, "تشرين الأول": 10,
    "تشرين الاول": 10, "تشرين الثاني": 11, "كانون الأول": 12, "كانون الاول": 12,
    "يناير": 1, "فبراير": 2, "مارس": 3, "أبريل": 4, "ابريل": 4, "إبريل": 4, "مايو": 5,
    "يونيو": 6, "يونيه": 6, "يوليو": 7, "يوليه": 7, "أغسطس": 8, "اغسطس": 8, "سبتمبر": 9,
    "أكتوبر": 10, "اكتوبر": 10, "نوفمبر": 11, "ديسمبر": 12,
    # the Maghreb's names, from the French (Algeria, Tunisia, Morocco)
    "جانفي": 1, "فيفري": 2, "أفريل": 4, "افريل": 4, "ماي": 5, "جوان": 6, "جويلية": 7, "جويليه": 7,
    "يوليوز": 7, "غشت": 8, "أوت": 8, "اوت": 8, "شتنبر": 9, "نونبر": 11, "دجنبر": 12,
}
# months whose name is also a word of chat (ماي: water; جوان: a name; اوت: out) count only with a
# day before them ("22 ماي")
_AR_MONTHS_WITH_DAY = {"ماي", "جوان", "أوت", "اوت", "غشت"}
# dialect words for yesterday and tomorrow (Egypt, the Levant, the Gulf)
_AR_YESTERDAY = ("أمس", "امس", "البارحة", "امبارح", "إمبارح", "أمبارح", "مبارح", "البارح")
_AR_TOMORROW = ("غدا", "غدًا", "غداً", "بكرة", "بكره", "بكرا")
# decades ("التسعينات": the nineties), a date of no single year
_AR_DECADES = r"(?:العشرين|الثلاثين|الأربعين|الاربعين|الخمسين|الستين|السبعين|الثمانين|التسعين)(?:ات|يات)"

# -- patterns ------------------------------------------------------------------------------------

_EN_NUM = r"(?:\d{1,3}|" + "|".join(sorted(map(re.escape, _EN_NUMBERS), key=len, reverse=True)) + ")"
_EN_MONTH = r"(?:" + "|".join(sorted(_EN_MONTHS, key=len, reverse=True)) + r")\.?"
_EN_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d\d"
_EN_WEEKDAY = r"(?:" + "|".join(_EN_WEEKDAYS) + r")"
_EN_PATTERNS = [
    # absolute: 10 June 2014, June 10, 2014, June 2014, 10 June, 2014-06-10, 10/06/2014
    rf"{_EN_DAY}\s+(?:of\s+)?{_EN_MONTH}(?:,?\s+{_YEAR})?",
    rf"{_EN_MONTH}\s+{_EN_DAY}(?:,?\s+{_YEAR})?",
    rf"{_EN_MONTH}(?:\s+{_YEAR})",
    rf"(?:19|20)\d\d-[01]\d-[0-3]\d",
    r"[0-3]?\d/[01]?\d/(?:19|20)?\d\d",
    # relative
    r"(?:the\s+day\s+before\s+)?yesterday|today|tomorrow|last\s+night|this\s+morning|tonight",
    rf"(?:last\s+|this\s+|next\s+)?{_EN_WEEKDAY}(?:\s+(?:night|morning|evening))?",
    rf"{_EN_NUM}\s+(?:days?|weeks?|months?|years?)\s+(?:ago|since|after|on\s+from)",
    r"(?:last|next|this)\s+(?:week|month|year)",
    r"on\s+this\s+day",
    rf"{_EN_MONTH}(?=\W|$)",
    rf"{_YEAR}",
]
_EN_RE = regex.compile(r"(?i)(?<![\w-])(?:" + "|".join(_EN_PATTERNS) + r")(?![\w-])")
# a bare month name that is also an ordinary word or name needs a capital letter to count
_EN_AMBIGUOUS_MONTHS = {"may", "march", "august", "jan", "mar", "may", "jun", "aug", "sept", "sep", "dec"}

_AR_NUM = r"(?:[0-9٠-٩]{1,3}|" + "|".join(sorted(_AR_NUMBERS, key=len, reverse=True)) + ")"
_AR_UNIT = "(?:" + "|".join(sorted(_AR_UNITS, key=len, reverse=True)) + ")"
_AR_MONTH = "(?:" + "|".join(sorted(_AR_MONTHS, key=len, reverse=True)) + ")"
_AR_MONTH_BARE = "(?:" + "|".join(sorted(set(_AR_MONTHS) - _AR_MONTHS_WITH_DAY, key=len, reverse=True)) + ")"
_AR_YEAR = r"(?:[12][0-9]{3}|[١٢][٠-٩]{3})"
_AR_DAY = r"(?:[0-3]?[0-9]|[٠-٣]?[٠-٩])"
_AR_WEEKDAY = "(?:" + "|".join(sorted(_AR_WEEKDAYS, key=len, reverse=True)) + ")"
_AR_PATTERNS = [
    rf"{_AR_DAY}\s*(?:من\s+)?{_AR_MONTH}(?:\s+(?:عام\s+|سنة\s+)?{_AR_YEAR})?",
    rf"{_AR_MONTH_BARE}(?:\s+(?:من\s+)?(?:عام\s+|سنة\s+)?{_AR_YEAR})?",
    rf"{_AR_YEAR}",
    r"(?:ليلة\s+|أول\s+|اول\s+)?(?:" + "|".join(_AR_YESTERDAY) + r")|اليوم|" + "|".join(_AR_TOMORROW) + r"|بعد\s+غد",
    _AR_DECADES,
    rf"(?:(?:يوم|نهار)\s+)?{_AR_WEEKDAY}(?:\s+(?:الماضي|الماضية|القادم|المقبل))?",
    rf"(?:قبل|منذ)\s+(?:{_AR_NUM}\s+)?{_AR_UNIT}(?!\s+{_AR_WEEKDAY})",
    rf"{_AR_NUM}\s+{_AR_UNIT}(?=\s+(?:على|منذ)\s)",
    r"(?:العام|السنة|الشهر|الأسبوع|الاسبوع)\s+(?:الماضي|الماضية|القادم|القادمة|المقبل|المقبلة)",
    r"في\s+مثل\s+هذا\s+اليوم",
]
_AR_CORE = regex.compile(r"(?:" + "|".join(_AR_PATTERNS) + r")")
_AR_RE = regex.compile(r"(?<![\p{L}\p{N}])(?:[وفب]?)(?:" + "|".join(_AR_PATTERNS) + r")(?![\p{L}\p{N}])")


@dataclass(frozen=True, slots=True)
class Found:
    start: int
    end: int


def find_dates(text: str, lang: str) -> list[Found]:
    """Spans of date expressions in ``text`` (longest first wins where they overlap)."""
    if lang == "ar":
        found = []
        for m in _AR_RE.finditer(text):
            start = m.start()
            # a joined و/ف/ب belongs to the sentence, not to the date (وأمس → أمس)
            if text[start] in "وفب" and _AR_CORE.fullmatch(text[start + 1:m.end()]):
                start += 1
            found.append(Found(start, m.end()))
        return found
    found = []
    for m in _EN_RE.finditer(text):
        surface = m.group(0)
        if surface.lower() in _EN_AMBIGUOUS_MONTHS and not surface[0].isupper():
            continue
        if surface.lower().rstrip(".") in ("may", "march") and m.start() > 0 and text[m.start() - 1] != " ":
            continue
        found.append(Found(m.start(), m.end()))
    return found


# -- normalisation -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Normalised:
    value: str | None  # "2024-03-15", "2024-03", "2024" or None
    precision: str | None  # day | month | year
    relative: bool


def _day(d: date) -> Normalised:
    return Normalised(d.isoformat(), "day", True)


def _shift(ref: date, unit: str, n: int) -> Normalised:
    if unit == "day":
        return _day(ref - timedelta(days=n))
    if unit == "week":
        return _day(ref - timedelta(weeks=n))
    if unit == "month":
        month = ref.month - n
        year = ref.year + (month - 1) // 12
        month = (month - 1) % 12 + 1
        return Normalised(f"{year:04d}-{month:02d}", "month", True)
    return Normalised(f"{ref.year - n:04d}", "year", True)


# words that put a bare weekday ("on Saturday") in the coming week rather than the last one
FUTURE = {
    "en": regex.compile(r"(?i)\b(?:will|'ll|shall|going\s+to|gonna|need|meet|meeting|plan|planned|"
                        r"inshallah|insha'?allah|be\s+ready|until|next|tomorrow|see\s+you)\b"),
    "ar": regex.compile(r"سوف|سنلتقي|سنجتمع|سنخرج|سنذهب|سيكون|إن\s+شاء\s+الله|ان\s+شاء\s+الله|القادم|غدا"
                        r"|(?<!\p{L})(?:باش|رح|بدنا|ناوي|ناويين)(?![\p{L}\p{M}])"),
}
# what a bare weekday's own clause says of its time, read before the whole text's FUTURE: a
# deadline word just before it ("before Friday", "till wednesday", "قبل الجمعة", "لحد الخميس");
# then, in the clause (up to a comma or a sentence's end), a verb of the past ("gave ... 15 years
# on Wednesday"), a word of the future, or a verb of the present or a gathering that a week's
# plan is made of ("arrives on Wednesday", "hosts the halaqa on Wednesday", "الدرس يوم الأحد")
_DEADLINE = {
    "en": regex.compile(r"(?i)\b(?:before|till|til|until|untill|by|starting|ahead\s+of)\s+(?:on\s+|the\s+)?$"),
    "ar": regex.compile(r"(?<!\p{L})(?:قبل|حتى|لحد|لغاية|لغايه|غاية|غايه|لحين)\s+$"),
}
_SINCE = {"en": regex.compile(r"(?i)\bsince\s+(?:on\s+|the\s+)?$"), "ar": regex.compile(r"(?<!\p{L})منذ\s+$")}
_CLAUSE_END = regex.compile(r"[,;.!?؛،\n]")
_PAST = {
    "en": regex.compile(r"(?i)\b(?:was|were|did|didn't|had|went|came|took|gave|got|left|said|told|saw|met|sent|"
                        r"made|ran|fell|hit|stole|caught|shot|brought|bought|sold|paid|held|spoke|"
                        r"(?!(?:need|indeed|speed|feed|seed|breed|proceed|exceed|succeed)\b)\w{2,}ed)\b"),
    "ar": None,  # a past verb has no mark of its own in Arabic script
}
_SCHEDULE = {
    "en": regex.compile(r"(?i)\b(?:is|are|arrives?|hosts?|leads?|starts?|begins?|opens?|comes?|goes|leaves?|"
                        r"travels?|speaks?|gives?|holds?|meets?|runs?|teaches|returns?|halaqa|dars|lesson|"
                        r"class|meeting|appointment)\b"),
    # in Arabic only the words just before the weekday: a past verb has no mark of its own ("نقل
    # الحلقة ... لأن الأمن إجا يوم الخميس" is past)
    "ar": regex.compile(r"(?<!\p{L})(?:[وف]?(?:ال)?(?:درس|حلقة|حلقه|اجتماع|لقاء|موعد|محاضرة|محاضره|خطبة|خطبه|دورة|دوره)|"
                        r"يصل|يوصل|يجي|يجوا|يجو|تبدأ|يبدأ|يبدا|نلتقي|نجتمع|نطلع|نروح|يسافر|تسافر|يرجع|ترجع)"
                        r"(?![\p{L}\p{M}])(?:\s+\S+){0,2}\s+$"),
}
_AR_AFTER = regex.compile(r"\s+(?:(?P<past>اللي\s+فات|الي\s+فات|الفايت|الفات|اللي\s+راح)|(?P<next>الجاي|الجاية|الجايه|الياي))(?!\p{L})")


def weekday_tense(text: str, start: int, end: int, lang: str) -> bool | None:
    """Does the clause of the weekday at ``text[start:end]`` put it in the coming week (True), in
    the last one (False), or say nothing (None: the whole text's FUTURE decides)?"""
    lang = "ar" if lang == "ar" else "en"
    before = text[max(0, start - 30):start]
    if lang == "ar" and (after := _AR_AFTER.match(text, end)):
        return after["next"] is not None  # "الخميس اللي فات", "الجمعة الجاية"
    if _DEADLINE[lang].search(before):
        return True
    if _SINCE[lang].search(before):
        return False
    # the clause, read at most 200 characters either side (a megabyte message has many weekdays)
    lo, hi = max(0, start - 200), min(len(text), end + 200)
    left = max((m.end() for m in _CLAUSE_END.finditer(text, lo, start)), default=lo)
    right = _CLAUSE_END.search(text, end, hi)
    clause = text[left:start] + " " + text[end:right.start() if right else hi]
    if _PAST[lang] is not None and _PAST[lang].search(clause):
        return False
    if FUTURE[lang].search(clause):
        return True
    if _SCHEDULE[lang].search(before if lang == "ar" else clause):
        return True
    return None


def weekday_future(text: str, start: int, end: int, lang: str) -> bool:
    """Is a bare weekday at ``text[start:end]`` the coming one: what its clause says
    (``weekday_tense``), else whether the text around it speaks of plans (``FUTURE``)?"""
    tense = weekday_tense(text, start, end, lang)
    if tense is not None:
        return tense
    pattern = FUTURE.get(lang)
    window = text[max(0, start - 300):end + 300]  # the sentence or so around it
    return bool(pattern and pattern.search(window))


def _last_weekday(ref: date, weekday: int, *, strictly_before: bool) -> date:
    back = (ref.weekday() - weekday) % 7
    if back == 0 and strictly_before:
        back = 7
    return ref - timedelta(days=back)


def _absolute(day: int | None, month: int | None, year: int | None, ref: date) -> Normalised:
    try:
        if day and month:
            y = year or ref.year
            if year is None and date(y, month, day) > ref + timedelta(days=31):
                y -= 1  # "12 March" said in January means last March
            return Normalised(date(y, month, day).isoformat(), "day", year is None)
        if month:
            y = year or ref.year
            if year is None and (y, month) > (ref.year, ref.month):
                y -= 1
            return Normalised(f"{y:04d}-{month:02d}", "month", year is None)
        if year:
            return Normalised(f"{year:04d}", "year", False)
    except ValueError:
        pass
    return Normalised(None, None, False)


_EN_DMY = regex.compile(rf"(?i)(?:on\s+)?({_EN_DAY})\s+(?:of\s+)?({_EN_MONTH})(?:,?\s+({_YEAR}))?")
_EN_MDY = regex.compile(rf"(?i)(?:on\s+)?({_EN_MONTH})\s+({_EN_DAY})(?:,?\s+({_YEAR}))?")
_EN_MY = regex.compile(rf"(?i)(?:in\s+)?({_EN_MONTH})(?:\s+({_YEAR}))?")
_EN_AGO = regex.compile(rf"(?i)({_EN_NUM})\s+(days?|weeks?|months?|years?)\s+(ago|since|after|on\s+from)")
_EN_WD = regex.compile(rf"(?i)(?:on\s+)?(last\s+|this\s+|next\s+)?({_EN_WEEKDAY})")
_EN_LAST = regex.compile(r"(?i)(last|next|this)\s+(week|month|year)")
_AR_DMY = regex.compile(rf"({_AR_DAY})\s*(?:من\s+)?({_AR_MONTH})(?:\s+(?:عام\s+|سنة\s+)?({_AR_YEAR}))?")
_AR_MY = regex.compile(rf"({_AR_MONTH})(?:\s+(?:من\s+)?(?:عام\s+|سنة\s+)?({_AR_YEAR}))?")
_AR_AGO = regex.compile(rf"(?:(قبل|منذ)\s+)?(?:({_AR_NUM})\s+)?({_AR_UNIT})")
_AR_WD = regex.compile(rf"(?:(?:يوم|نهار)\s+)?({_AR_WEEKDAY})(?:\s+(الماضي|الماضية|القادم|المقبل))?")
_AR_LAST = regex.compile(r"(العام|السنة|الشهر|الأسبوع|الاسبوع)\s+(\S+)")


def _en_number(word: str) -> int | None:
    word = word.lower()
    return int(word) if word.isdigit() else _EN_NUMBERS.get(word)


def _ar_number(word: str | None) -> int | None:
    if word is None:
        return None
    word = word.translate(DIGITS)
    return int(word) if word.isdigit() else _AR_NUMBERS.get(word)


def _next_weekday(ref: date, weekday: int) -> date:
    return ref + timedelta(days=(weekday - ref.weekday()) % 7 or 7)


def _normalise_en(s: str, ref: date, future: bool = False) -> Normalised:
    low = " ".join(s.lower().split())
    if low in ("yesterday", "last night"):
        return _day(ref - timedelta(days=1))
    if low == "the day before yesterday":
        return _day(ref - timedelta(days=2))
    if low in ("today", "this morning", "tonight"):
        return _day(ref)
    if low == "tomorrow":
        return _day(ref + timedelta(days=1))
    if m := _EN_DMY.fullmatch(s):
        return _absolute(int(re.sub(r"\D", "", m[1])), _EN_MONTHS[m[2].lower().rstrip(".")],
                         int(m[3]) if m[3] else None, ref)
    if m := _EN_MDY.fullmatch(s):
        return _absolute(int(re.sub(r"\D", "", m[2])), _EN_MONTHS[m[1].lower().rstrip(".")],
                         int(m[3]) if m[3] else None, ref)
    if m := _EN_MY.fullmatch(s):
        return _absolute(None, _EN_MONTHS[m[1].lower().rstrip(".")], int(m[2]) if m[2] else None, ref)
    if m := _EN_AGO.fullmatch(s):
        n = _en_number(m[1])
        if n is not None:
            return _shift(ref, _EN_UNITS[m[2].lower()], n)
    if m := _EN_WD.fullmatch(low.replace(" night", "").replace(" morning", "").replace(" evening", "")):
        weekday = _EN_WEEKDAYS.index(m[2])
        which = (m[1] or "").strip()
        if which == "next" or (not which and future):
            return _day(_next_weekday(ref, weekday))
        return _day(_last_weekday(ref, weekday, strictly_before=which == "last"))
    if m := _EN_LAST.fullmatch(low):
        which, unit = m[1], m[2]
        if unit == "year" and which != "next":
            return Normalised(f"{ref.year - (which == 'last'):04d}", "year", True)
        if unit == "month" and which != "next":
            return _shift(ref, "month", int(which == "last"))
        return Normalised(None, None, True)
    if regex.fullmatch(r"(19|20)\d\d", s):
        return Normalised(s, "year", False)
    if m := regex.fullmatch(r"((?:19|20)\d\d)-([01]\d)-([0-3]\d)", s):
        return _absolute(int(m[3]), int(m[2]), int(m[1]), ref)
    if m := regex.fullmatch(r"([0-3]?\d)/([01]?\d)/((?:19|20)?\d\d)", s):
        year = int(m[3]) + (2000 if len(m[3]) == 2 else 0)
        return _absolute(int(m[1]), int(m[2]), year, ref)
    return Normalised(None, None, False)


def _normalise_ar(s: str, ref: date, future: bool = False) -> Normalised:
    s = " ".join(s.split())
    if s in _AR_YESTERDAY or (s.startswith("ليلة ") and s[5:] in _AR_YESTERDAY):
        return _day(ref - timedelta(days=1))
    if s in ("أول أمس", "اول امس", "أول امس"):
        return _day(ref - timedelta(days=2))
    if s == "اليوم":
        return _day(ref)
    if s in _AR_TOMORROW:
        return _day(ref + timedelta(days=1))
    if s == "بعد غد":
        return _day(ref + timedelta(days=2))
    if m := _AR_DMY.fullmatch(s):
        return _absolute(int(m[1].translate(DIGITS)), _AR_MONTHS[m[2]],
                         int(m[3].translate(DIGITS)) if m[3] else None, ref)
    if m := _AR_MY.fullmatch(s):
        return _absolute(None, _AR_MONTHS[m[1]], int(m[2].translate(DIGITS)) if m[2] else None, ref)
    if regex.fullmatch(_AR_YEAR, s):
        return Normalised(s.translate(DIGITS), "year", False)
    if m := _AR_WD.fullmatch(s):
        weekday = _AR_WEEKDAYS[m[1]]
        if m[2] in ("القادم", "المقبل") or (m[2] is None and future):
            return _day(_next_weekday(ref, weekday))
        return _day(_last_weekday(ref, weekday, strictly_before=m[2] is not None))
    if m := _AR_AGO.fullmatch(s):
        unit, implied = _AR_UNITS[m[3]]
        n = _ar_number(m[2]) or implied
        if n is not None:
            return _shift(ref, unit, n)
    if m := _AR_LAST.fullmatch(s):
        unit = {"العام": "year", "السنة": "year", "الشهر": "month"}.get(m[1], "week")
        if m[2].startswith("الماضي"):
            return _shift(ref, unit, 1)
        return Normalised(None, None, True)
    return Normalised(None, None, False)


@lru_cache(maxsize=20_000)
def _cached(surface: str, lang: str, ref: date, future: bool) -> Normalised:
    return _normalise_ar(surface, ref, future) if lang == "ar" else _normalise_en(surface, ref, future)


def reference_day(epoch: int | None) -> date | None:
    if epoch is None:
        return None
    try:
        return datetime.fromtimestamp(epoch, tz=timezone.utc).date()
    except (OverflowError, OSError, ValueError):
        return None


_ON_THIS_DAY = regex.compile(r"(?i)on\s+this\s+day|في\s+مثل\s+هذا\s+اليوم")


def normalise(surface: str, lang: str, reference: date | None, years: list[int] | None = None,
              future: bool = False) -> Normalised:
    """The calendar date ``surface`` stands for, relative ones against ``reference``.

    ``years`` are the years stated elsewhere in the same text ("on this day" needs one);
    ``future`` says the text speaks of what is to come (``FUTURE``), so that a bare weekday is
    the coming one ("we meet on Saturday") and not the last one ("he left on Tuesday")."""
    if _ON_THIS_DAY.fullmatch(surface.strip()):
        if reference is None or not years:
            return Normalised(None, None, True)
        try:
            return Normalised(reference.replace(year=years[0]).isoformat(), "day", True)
        except ValueError:
            return Normalised(None, None, True)
    if reference is None:
        absolute = _cached(surface, lang, date(2000, 1, 1), future)
        return absolute if not absolute.relative and absolute.value else Normalised(None, None, absolute.relative)
    return _cached(surface, lang, reference, future)
