"""An article's publication date, from the few places a page or a text states it.

Only the forms newsrooms print in datelines and metadata are read: ISO 8601 (``2024-02-14T09:30:00+01:00``,
``2024-01-19``), "March 4, 2024", "4 March 2024", "Nov 20, 2023", and Arabic "5 آذار 2024" /
"5 مارس 2024" (Levantine and Egyptian month names, Arabic-Indic digits). Relative dates and
dates in running text are the entity enrichers' business, not the reader's.

A date with a time and an offset is converted to UTC; a date alone is taken as midnight UTC and
marked as having no zone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta, timezone

from watchfloor.text.normalise import normalise

_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}
# Arabic month names, compared after watchfloor.text.normalise (alef/ta marbuta variants folded)
_AR_MONTHS = {
    normalise(k): v for k, v in {
        "كانون الثاني": 1, "شباط": 2, "آذار": 3, "نيسان": 4, "أيار": 5, "حزيران": 6, "تموز": 7,
        "آب": 8, "أيلول": 9, "تشرين الأول": 10, "تشرين الثاني": 11, "كانون الأول": 12,
        "يناير": 1, "فبراير": 2, "مارس": 3, "أبريل": 4, "ابريل": 4, "مايو": 5, "يونيو": 6,
        "يوليو": 7, "أغسطس": 8, "سبتمبر": 9, "أكتوبر": 10, "نوفمبر": 11, "ديسمبر": 12,
    }.items()
}
_ISO = re.compile(
    r"\b(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?\s*(Z|[+-]\d{2}:?\d{2})?)?"
)
_MONTH_WORDS = "|".join(sorted(_MONTHS, key=len, reverse=True))
_MDY = re.compile(r"\b(" + _MONTH_WORDS + r")\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b", re.IGNORECASE)
_DMY = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(" + _MONTH_WORDS + r")\.?,?\s+(\d{4})\b", re.IGNORECASE)
_AR_WORDS = "|".join(sorted(map(re.escape, _AR_MONTHS), key=len, reverse=True))
_AR_DMY = re.compile(r"(?<!\d)(\d{1,2})\s+(" + _AR_WORDS + r")\s+(\d{4})(?!\d)")
LOOK = 300  # characters of each candidate text that are searched


def publication_date(texts: Iterable[str]) -> tuple[int, bool] | None:
    """(UTC seconds, whether the source gave a zone) of the first text that holds a date."""
    for text in texts:
        found = parse_date(text)
        if found is not None:
            return found
    return None


def parse_date(text: str) -> tuple[int, bool] | None:
    head = text[:LOOK]
    m = _ISO.search(head)
    if m:
        year, month, day = int(m.group(1)), int(m.group(2)), int(m.group(3))
        hour = int(m.group(4) or 0)
        minute = int(m.group(5) or 0)
        second = int(m.group(6) or 0)
        zone = m.group(7)
        tz = UTC
        if zone and zone != "Z":
            sign = 1 if zone[0] == "+" else -1
            digits = zone[1:].replace(":", "")
            tz = timezone(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:4])))
        stamp = _stamp(year, month, day, hour, minute, second, tz)
        if stamp is not None:
            return stamp, zone is not None
    m = _MDY.search(head)
    if m:
        stamp = _stamp(int(m.group(3)), _MONTHS[m.group(1).lower()], int(m.group(2)))
        if stamp is not None:
            return stamp, False
    m = _DMY.search(head)
    if m:
        stamp = _stamp(int(m.group(3)), _MONTHS[m.group(2).lower()], int(m.group(1)))
        if stamp is not None:
            return stamp, False
    folded = normalise(head)
    m = _AR_DMY.search(folded)
    if m:
        stamp = _stamp(int(m.group(3)), _AR_MONTHS[m.group(2)], int(m.group(1)))
        if stamp is not None:
            return stamp, False
    return None


def _stamp(
    year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0,
    tz: timezone = UTC,
) -> int | None:
    try:
        return int(datetime(year, month, day, hour, minute, second, tzinfo=tz).timestamp())
    except ValueError:
        return None


__all__ = ["parse_date", "publication_date"]
