"""Calendar dates as council systems write them in a paper's head and its Beratungsfolge:
05.03.2015 (also 05.03.15), 5. März 2015 and 2015-03-05, kept only when the day exists."""

from __future__ import annotations

import re
from datetime import date
from typing import NamedTuple

MONTHS = {
    "januar": 1, "jänner": 1, "februar": 2, "märz": 3, "april": 4, "mai": 5, "juni": 6,
    "juli": 7, "august": 8, "september": 9, "oktober": 10, "november": 11, "dezember": 12,
}  # fmt: skip
_DATE = re.compile(
    r"\b(?P<d>\d{1,2})\.\s?(?P<m>\d{1,2})\.\s?(?P<y>\d{4}|\d{2})(?!\d)"
    r"|\b(?P<d2>\d{1,2})\.\s*(?P<mn>" + "|".join(MONTHS) + r")\s+(?P<y2>\d{4})\b"
    r"|\b(?P<y3>\d{4})-(?P<m3>\d{2})-(?P<d3>\d{2})\b",
    re.IGNORECASE,
)


class DateMatch(NamedTuple):
    start: int
    end: int
    iso: str


def find_dates(text: str) -> list[DateMatch]:
    """Every valid calendar date written as 05.03.2015, 5. März 2015 or 2015-03-05."""
    found: list[DateMatch] = []
    for m in _DATE.finditer(text):
        if m.group("d"):
            day, month, year = int(m.group("d")), int(m.group("m")), _full_year(m.group("y"))
        elif m.group("d2"):
            day, month, year = int(m.group("d2")), MONTHS[m.group("mn").lower()], int(m.group("y2"))
        else:
            day, month, year = int(m.group("d3")), int(m.group("m3")), int(m.group("y3"))
        try:
            iso = date(year, month, day).isoformat()
        except ValueError:
            continue
        found.append(DateMatch(m.start(), m.end(), iso))
    return found


def _full_year(year: str) -> int:
    if len(year) == 4:
        return int(year)
    short = int(year)
    return 2000 + short if short <= 50 else 1900 + short


def looks_like_date(text: str) -> bool:
    """Whether all of ``text`` is written as a date (valid or not): no reference number."""
    return _DATE.fullmatch(text) is not None
