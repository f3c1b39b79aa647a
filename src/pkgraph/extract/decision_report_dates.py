"""When a reported decision was taken: the session's date near its body ("Der Rat hat in
seiner Sitzung vom 12.12.2018 ..."), not a start, deadline or the paper's own date."""

from __future__ import annotations

import re
from datetime import date

from pkgraph.extract.dates import FoundDate, find_dates, find_partial_dates, resolve_day

#: The date of a reported decision follows its session: "in seiner Sitzung vom 13. März 2025".
SESSION_DATE_BEFORE = re.compile(r"(?:Sitzung|Beschluss)\s+(?:\S+\s+){0,2}(?:am|vom)\s+$")


#: How far before and after its body a reported decision's date stands ("Am 01.04.2009 hatte
#: der Rat ...", "Der Rat hat in seiner Sitzung vom 12.12.2018 ..."); a date further away in a
#: long run of text (a document head without sentence breaks) is another date.
DATE_BEFORE_BODY, DATE_AFTER_BODY = 60, 120


#: Dates that are not when a decision was taken: the paper's own date, a start or deadline
#: ("Datum: 06.11.2006", "mit Wirkung zum 01.08.2009", "ab dem 01.01.2022", "bis 31.12.").
_NOT_DECIDED_ON = re.compile(r"(?:Datum|Stand|zum|ab|dem|bis|seit)\s*:?\s*$")


def sentence_dates(text: str, document_date: date | None) -> list[FoundDate]:
    """The complete dates of a sentence and the days without a year the document's date
    settles."""
    found = list(find_dates(text))
    if document_date is not None:
        for partial in find_partial_dates(text):
            if iso := resolve_day(text, partial, document_date):
                found.append(FoundDate(iso, partial.start, partial.end))
    return sorted(found, key=lambda f: f.start)


def dates_near(
    dates: list[FoundDate], text: str, body_start: int, body_end: int
) -> list[FoundDate]:
    """Dates close enough to the body to be its session's, except starts and deadlines."""
    return [
        found
        for found in dates
        if body_start - DATE_BEFORE_BODY <= found.start <= body_end + DATE_AFTER_BODY
        and not _NOT_DECIDED_ON.search(text[max(0, found.start - 12) : found.start])
    ]


def reported_date(text: str, dates: list[FoundDate]) -> str | None:
    """The session's date when the sentence names one, else its first date."""
    for found in dates:
        if SESSION_DATE_BEFORE.search(text[max(0, found.start - 40) : found.start]):
            return found.iso
    return dates[0].iso if dates else None
