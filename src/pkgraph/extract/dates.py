"""Calendar dates stated in the text: "27.09.2018", "9. November 2011", "am 12.06.2018".

Complete dates become :class:`DateMention` records, also the first day of a range ("5. und
6. Oktober 2022"); a day without a year ("13.09.", "25. April") is found by
:func:`find_partial_dates` so that events can resolve it from context, and becomes a date only
when introduced as a day ("am", a weekday) and the next such day after the document's own
date. A file's bookkeeping dates ("Erstellt 16.07.18") are no dates of the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from pkgraph.extract.text import DocumentText
from pkgraph.records import DateMention

EXTRACTOR = "dates"

MONTHS = {
    "januar": 1, "jan": 1, "jänner": 1, "februar": 2, "feb": 2, "märz": 3, "mär": 3, "maerz": 3,
    "april": 4, "apr": 4, "mai": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7, "august": 8,
    "aug": 8, "september": 9, "sep": 9, "sept": 9, "oktober": 10, "okt": 10, "november": 11,
    "nov": 11, "dezember": 12, "dez": 12,
}  # fmt: skip
WEEKDAYS = {
    "montag": 0, "dienstag": 1, "mittwoch": 2, "donnerstag": 3, "freitag": 4, "samstag": 5,
    "sonnabend": 5, "sonntag": 6,
}  # fmt: skip

_MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
#: Month names written out ("mai", "september"; abbreviations are prefixes of them), lower case.
WRITTEN_MONTH_NAMES = "|".join(
    sorted(
        (m for m in MONTHS if not any(o != m and o.startswith(m) for o in MONTHS)),
        key=len,
        reverse=True,
    )
)
#: The patterns below test their first character in a lookahead before their lookbehind: it is
#: implied, and at each position one character is cheaper to test than the lookbehind.
_NUMERIC = re.compile(r"(?=\d)(?<![\d.])(\d{1,2})\.\s?(\d{1,2})\.\s?((?:19|20)\d{2}|\d{2})(?![\d])")
_WRITTEN = re.compile(
    rf"(?=\d)(?<![\d.])(\d{{1,2}})\.\s*({_MONTH_NAMES})\.?\s+((?:19|20)\d{{2}})(?!\d)",
    re.IGNORECASE,
)
#: The first day of a range whose second day carries month and year: "5. und 6. Oktober
#: 2022", "vom 12. bis 14.06.2023", "12./13.06.2019".
_LEADING_DAY = re.compile(r"(?=\d)(?<![\d.])(\d{1,2})\.\s*(?:und|bis|[-–/])\s*(?=\d{1,2}\.)")
_ISO = re.compile(r"(?=[12])(?<![\d-])((?:19|20)\d{2})-(\d{2})-(\d{2})(?![\d-])")
_DAY_MONTH = re.compile(r"(?=\d)(?<![\d.])(\d{1,2})\.(\d{1,2})\.(?![\d])(?!\s?\d)")
#: "am 25. April" with no year after it.
_DAY_MONTH_WRITTEN = re.compile(
    rf"(?=\d)(?<![\d.])(\d{{1,2}})\.\s*({_MONTH_NAMES})\b\.?(?!\s*\d)", re.IGNORECASE
)
#: What every date pattern above needs: a day's number and its dot ("13.", "5. Oktober"), or
#: for an ISO date a digit before a dash. Most sentences have neither, and searching for them is
#: far cheaper than running the patterns.
_DAY_DOT = re.compile(r"\d\.")
_DIGIT_DASH = re.compile(r"\d-")
#: A date as English-language systems export it, month first ("Datum: 01/21/2008", a wire
#: service's "11/13/2025"); read only when the day shows the order (German writes days with
#: dots, so "04/05/2011" stays unread).
_MONTH_FIRST = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})/((?:19|20)\d{2})(?![\d/])")
#: Words that introduce a day ("am 4.1.", "vom 25. April"): a bare "4.1." may be a
#: section number.
_DAY_CUE_BEFORE = re.compile(r"\b(?:am|vom|den|dem)\s+$", re.IGNORECASE)
#: Labels of a file's or page's own bookkeeping: "Erstellt 16.07.18", "Aktualisiert:".
_BOOKKEEPING_BEFORE = re.compile(
    r"(?:Erstellt|Aktualisiert|Ge(?:ä|a)ndert|Zuletzt\s+ge(?:ä|a)ndert|Abgerufen|Gedruckt)"
    r"(?:\s+(?:am|von))?\s*:?\s*$",
    re.IGNORECASE,
)
#: A year of this or the last century, standing alone.
YEAR = re.compile(r"(?=[12])(?<!\d)((?:19|20)\d{2})(?!\d)")
#: How far into the text a document states its own date (letterhead, "Datum:", session line).
HEADER_CHARS = 400
#: How far after the document's date a day without a year may lie to be read as the next one.
NEXT_DAY_HORIZON = timedelta(days=183)
#: How far before the document's date a day without a year may lie to be read as the last one
#: (a report of what happened: "Am 24. April kamen …" in a release of 10 May).
LAST_DAY_HORIZON = timedelta(days=92)
#: A day the text calls today or yesterday beside its date, as press releases write sessions:
#: "in seiner heutigen Sitzung (22.09.)", "in seiner gestrigen (13.02.) Sitzung".
_RECENT_BEFORE = re.compile(
    r"\b(?:heute|heutige[nmrs]?|(?:vor)?gestern|(?:vor)?gestrige[nmrs]?)\s+"
    r"(?:[A-ZÄÖÜ][a-zäöüß]+\s+)?\(\s*$"
)
#: How far back a day called today, yesterday or the day before yesterday may lie.
RECENT_DAYS = timedelta(days=2)
_WEEKDAY_BEFORE = re.compile(rf"({'|'.join(WEEKDAYS)}),?\s+(?:den\s+|dem\s+)?$", re.IGNORECASE)


@dataclass(frozen=True)
class FoundDate:
    """A complete date located in the repaired text."""

    iso: str
    start: int
    end: int


@dataclass(frozen=True)
class PartialDate:
    """A day and month without a year, with the weekday when the text names one."""

    day: int
    month: int
    weekday: int | None
    start: int
    end: int


def _valid(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


@lru_cache(maxsize=4096)
def find_dates(text: str) -> tuple[FoundDate, ...]:
    """Every complete date in ``text``, in order of position. Cached: several extractors read
    the dates of the same sentence."""
    found = _dotted_dates(text) if _DAY_DOT.search(text) else []
    for match in _ISO.finditer(text) if _DIGIT_DASH.search(text) else ():
        year_text, month, day = match.groups()
        iso = _valid(int(year_text), int(month), int(day))
        if iso:
            found.append(FoundDate(iso, match.start(), match.end()))
    for match in _MONTH_FIRST.finditer(text) if "/" in text else ():
        month, day, year_text = match.groups()
        iso = _valid(int(year_text), int(month), int(day)) if int(day) > 12 else None
        if iso:
            found.append(FoundDate(iso, match.start(), match.end()))
    return tuple(sorted(found, key=lambda d: d.start))


def _dotted_dates(text: str) -> list[FoundDate]:
    """The complete dates with a day's dot: numeric, written and the first days of ranges."""
    found: list[FoundDate] = []
    for match in _NUMERIC.finditer(text):
        day, month, year_text = match.groups()
        if len(year_text) == 2 and (len(day) != 2 or len(month) != 2):
            continue  # "1.2.10" is more likely a section number than a date
        year = int(year_text) + (2000 if len(year_text) == 2 else 0)
        iso = _valid(year, int(month), int(day))
        if iso:
            found.append(FoundDate(iso, match.start(), match.end()))
    for match in _WRITTEN.finditer(text):
        day, month_name, year_text = match.groups()
        iso = _valid(int(year_text), MONTHS[month_name.lower()], int(day))
        if iso:
            found.append(FoundDate(iso, match.start(), match.end()))
    return found + _leading_days(text, found)


def _leading_days(text: str, found: list[FoundDate]) -> list[FoundDate]:
    """The first days of ranges ("5. und 6. Oktober 2022"): month and year of the date after."""
    by_start = {date_.start: date_ for date_ in found}
    days: list[FoundDate] = []
    for match in _LEADING_DAY.finditer(text):
        second = by_start.get(match.end())
        if second is None:
            continue
        year, month, _day = (int(part) for part in second.iso.split("-"))
        iso = _valid(year, month, int(match.group(1)))
        if iso and iso < second.iso:
            days.append(FoundDate(iso, match.start(), match.end()))
    return days


def find_partial_dates(text: str) -> list[PartialDate]:
    """Days given without a year ("Mittwoch, den 13.09."), with their weekday if named."""
    found: list[PartialDate] = []
    if not _DAY_DOT.search(text):
        return found
    numeric = ((m, int(m.group(2))) for m in _DAY_MONTH.finditer(text))
    written = ((m, MONTHS[m.group(2).lower()]) for m in _DAY_MONTH_WRITTEN.finditer(text))
    for match, month in [*numeric, *written]:
        day = int(match.group(1))
        if not (1 <= day <= 31 and 1 <= month <= 12):
            continue
        before = _WEEKDAY_BEFORE.search(text[max(0, match.start() - 30) : match.start()])
        weekday = WEEKDAYS[before.group(1).lower()] if before else None
        found.append(PartialDate(day, month, weekday, match.start(), match.end()))
    return sorted(found, key=lambda p: p.start)


def resolve_year(partial: PartialDate, candidate_years: set[int]) -> str | None:
    """The ISO date of ``partial`` when context fixes the year, else None.

    Context fixes the year when exactly one candidate year gives a valid date whose weekday
    agrees with the weekday the text names; without a named weekday a single candidate year
    is taken. Anything else stays unresolved rather than guessed.
    """
    dates = [
        iso for year in sorted(candidate_years) if (iso := _valid(year, partial.month, partial.day))
    ]
    if partial.weekday is not None:
        dates = [iso for iso in dates if date.fromisoformat(iso).weekday() == partial.weekday]
    return dates[0] if len(dates) == 1 else None


#: A stored page's leading year-month stamp (" date 2022-10 Der Frühe-Hilfen-Bus ..."): the
#: page is of that month, so its first day dates the days the page names after it.
_MONTH_STAMP = re.compile(r"\A\s*date\s+(?P<year>(?:19|20)\d{2})-(?P<month>0[1-9]|1[0-2])\b")


def reference_date(stated: str | None, text: str) -> date | None:
    """The document's own date: the stated one (metadata), else the first complete date in
    its header (the first :data:`HEADER_CHARS` characters), else the first day of the month
    its stamp names, else None."""
    if stated:
        return date.fromisoformat(stated)
    header = [found for found in find_dates(text) if found.start < HEADER_CHARS]
    if header:
        return date.fromisoformat(header[0].iso)
    return month_stamp(text)


def month_stamp(text: str) -> date | None:
    """The first day of the month a stored page's leading stamp names, else None."""
    stamp = _MONTH_STAMP.match(text)
    return date(int(stamp["year"]), int(stamp["month"]), 1) if stamp else None


def resolve_after(partial: PartialDate, reference: date) -> str | None:
    """The ISO date of ``partial`` as the next such day on or after ``reference``, else None.

    "am 27.10." in a document dated 16 September 2021 is 27 October 2021. The day must lie
    within :data:`NEXT_DAY_HORIZON` and fall on the weekday the text names, if it names one;
    otherwise the document's date does not settle it.
    """
    for year in (reference.year, reference.year + 1):
        iso = _valid(year, partial.month, partial.day)
        if iso is None or (day := date.fromisoformat(iso)) < reference:
            continue
        weekday_agrees = partial.weekday is None or day.weekday() == partial.weekday
        return iso if day - reference <= NEXT_DAY_HORIZON and weekday_agrees else None
    return None


def resolve_before(partial: PartialDate, reference: date) -> str | None:
    """The ISO date of ``partial`` as the last such day before ``reference``, else None: it
    must lie within :data:`LAST_DAY_HORIZON` and fall on the weekday the text names, if any."""
    for year in (reference.year, reference.year - 1):
        iso = _valid(year, partial.month, partial.day)
        if iso is None or (day := date.fromisoformat(iso)) >= reference:
            continue
        weekday_agrees = partial.weekday is None or day.weekday() == partial.weekday
        return iso if reference - day <= LAST_DAY_HORIZON and weekday_agrees else None
    return None


def resolve_recent(partial: PartialDate, reference: date) -> str | None:
    """The ISO date of a day the text calls today or yesterday: on or at most
    :data:`RECENT_DAYS` before ``reference``, else None."""
    for year in (reference.year, reference.year - 1):
        iso = _valid(year, partial.month, partial.day)
        if iso is not None and timedelta(0) <= reference - date.fromisoformat(iso) <= RECENT_DAYS:
            return iso
    return None


def resolve_day(text: str, partial: PartialDate, reference: date) -> str | None:
    """A day without a year that the text introduces as a day ("am", "vom", a weekday) and
    that is the next such day after ``reference``, or that it calls today or yesterday."""
    before = text[max(0, partial.start - 40) : partial.start]
    if _RECENT_BEFORE.search(before):
        return resolve_recent(partial, reference)
    if partial.weekday is not None or _DAY_CUE_BEFORE.search(before[-8:]):
        return resolve_after(partial, reference)
    return None


def candidate_years(text: str, document_year: int | None) -> set[int]:
    """Years a day without a year may belong to: the document's and those it mentions."""
    years = {int(year) for year in YEAR.findall(text)}
    return years | ({document_year} if document_year else set())


#: A year that bounds a period the text looks back on or ahead to: "seit 2012", "bis 2015".
_PERIOD_BOUND_BEFORE = re.compile(r"\b(?:[Ss]eit|[Bb]is|[Aa]b)\s+(?:dem\s+Jahr(?:e)?\s+)?$")


def occasion_years(text: str, reference: date | None) -> set[int]:
    """Years a day without a year may be an event's: the document's own date's year and the
    years the text mentions, except those that only bound a period ("seit 2012": the text
    speaks from a later year, so "am 21. September" is not in 2012)."""
    years = {
        int(match.group(1))
        for match in YEAR.finditer(text)
        if not _PERIOD_BOUND_BEFORE.search(text[max(0, match.start() - 20) : match.start()])
    }
    return years | ({reference.year} if reference else set())


def latest_stated_year(text: str) -> int | None:
    """The year the text speaks from when it carries no date of its own.

    The year of the latest complete date; else the one year to which every day without a
    year resolves ("Mittwoch, den 13.09." in a text mentioning 2017 and 2018 is 2017);
    else None.
    """
    dates = find_dates(text)
    if dates:
        return max(int(found.iso[:4]) for found in dates)
    years = candidate_years(text, None)
    resolved = {iso[:4] for p in find_partial_dates(text) if (iso := resolve_year(p, years))}
    if len(resolved) == 1:
        return int(resolved.pop())
    told = [int(m.group(1)) for m in _TOLD_YEAR.finditer(text)]
    return max(told, default=None)


#: A year the text tells something of, in a month or "im Jahr" ("Seit März 2023 nimmt …",
#: "Im Jahr 2022 wurden …"); not a target ("bis 2030").
_TOLD_YEAR = re.compile(
    rf"(?<!bis )\b(?:(?:{_MONTH_NAMES})|im\s+Jahre?)\s+((?:19|20)\d{{2}})(?!\d)", re.IGNORECASE
)


def _bookkeeping(text: str, start: int) -> bool:
    """A date a file or web page keeps about itself ("Erstellt\n16.07.18, 14:02")."""
    return bool(_BOOKKEEPING_BEFORE.search(text[max(0, start - 30) : start]))


def extract_dates(doc: DocumentText, reference: date | None = None) -> tuple[DateMention, ...]:
    """One :class:`DateMention` per complete date stated in the document, and per day without
    a year that :func:`resolve_day` dates by the document's own date ``reference`` ("am 25.
    April" in a release of 10 April 2017); a file's bookkeeping dates are left out."""
    found = [(d.iso, d.start, d.end, 0.95) for d in find_dates(doc.text)]
    if reference is not None:
        found += [
            (iso, p.start, p.end, 0.8)
            for p in find_partial_dates(doc.text)
            if (iso := resolve_day(doc.text, p, reference))
        ]
    return tuple(
        DateMention(iso=iso, evidence=doc.evidence(start, end, EXTRACTOR, confidence))
        for iso, start, end, confidence in sorted(found, key=lambda f: f[1])
        if not _bookkeeping(doc.text, start)
    )
