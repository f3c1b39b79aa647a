"""Events and meetings with date and place: "fand am 27.09.2018 die erste Entwicklungskonferenz
... im Leohaus in Olfen statt", "Sitzung des Jugendhilfeausschusses am 12.06.2018".

An event is an event word (Sitzung, -konferenz, -treffen, -veranstaltung, Fachtag, Workshop,
Termin, ...) with a date in the same sentence. A day without a year is the next such day after
the document's own date when that settles it (:func:`pkgraph.extract.dates.resolve_after`),
else takes its year from the document only when the context fixes it
(:func:`pkgraph.extract.dates.resolve_year`); otherwise the date stays None. A session whose
sentence reports a decision is left to the decision extractor.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from pkgraph.extract.dates import (
    PartialDate,
    candidate_years,
    find_dates,
    find_partial_dates,
    resolve_after,
    resolve_year,
)
from pkgraph.extract.decisions import reported_decision_sentences
from pkgraph.extract.municipalities import MunicipalityHit
from pkgraph.extract.text import DocumentText, Span, normalise_space
from pkgraph.records import Event

EXTRACTOR = "events"

_EVENT_WORD = re.compile(
    r"\b(?:[A-ZÄÖÜ][\wäöüß]*(?:konferenz|treffen|veranstaltung|tagung|sitzung|kongress|forum)|"
    r"Sitzung|Konferenz|Treffen|Veranstaltung|Tagung|Fachtag|Workshop|Termin|Kongress|Forum)\b"
)
_GENITIVE_AFTER = re.compile(
    r"^\s+(?:des|der|d\.)\s+[^,;:()]{2,90}?(?=\s+(?:am|vom|im|in|mit)\s|"
    r",|\s*\d{1,2}\.|[.;:]|$)"
)
_VENUE = re.compile(
    r"\b(?:im|in\s+der|in\s+dem|in)\s+(?P<venue>[A-ZÄÖÜ][\wäöüß-]+(?:\s+[A-ZÄÖÜ][\wäöüß-]+)?)"
    r"(?:\s+in\s+(?P<town>[A-ZÄÖÜ][\wäöüß-]+))?"
)
_NOT_A_VENUE = frozenset(
    [
        "Jahr",
        "Jahre",
        "Jahren",
        "Rahmen",
        "Anschluss",
        "Vorfeld",
        "Nachgang",
        "Fokus",
        "Bereich",
        "Auftrag",
        "Namen",
        "Sinne",
        "Hinblick",
        "Folgenden",
        "Mittelpunkt",
        "Vordergrund",
        "Sitzung",
        "Zuge",
        "Laufe",
        "Verlauf",
        "Vergleich",
    ]
)
#: A name ends in a noun: lowercase words after it are the sentence's verb ("... folgt").
_TRAILING_LOWER_WORDS = re.compile(r"(?: [a-zäöüß]+)+$")
#: How far (in characters, within one sentence) a date may stand from its event word.
MAX_DATE_DISTANCE = 250
#: How far after the event's name a venue may be named.
MAX_VENUE_DISTANCE = 60


@dataclass(frozen=True)
class EventInputs:
    municipality_hits: tuple[MunicipalityHit, ...]
    document_year: int | None
    #: The document's own date (see :func:`pkgraph.extract.dates.reference_date`).
    document_date: date | None = None


def _resolve(partial: PartialDate, years: set[int], document_date: date | None) -> str | None:
    after = resolve_after(partial, document_date) if document_date else None
    return after or resolve_year(partial, years)


def _dates_in(
    text: str, years: set[int], document_date: date | None
) -> list[tuple[int, str | None]]:
    dates: list[tuple[int, str | None]] = [(d.start, d.iso) for d in find_dates(text)]
    dates += [(p.start, _resolve(p, years, document_date)) for p in find_partial_dates(text)]
    return dates


def _place(
    doc: DocumentText, sentence: Span, after: int, inputs: EventInputs
) -> tuple[str | None, str | None]:
    text = doc.text[after : min(sentence.end, after + MAX_VENUE_DISTANCE)]
    match = _VENUE.search(text)
    if not match or match.group("venue").split()[0] in _NOT_A_VENUE:
        return None, None
    town = None
    for hit in inputs.municipality_hits:
        in_venue = after + match.start("venue") <= hit.start < after + match.end()
        if in_venue:
            town = hit
    venue = match.group("venue")
    if town and after + match.start("venue") >= town.start:
        return town.name, town.ags
    if town:
        return f"{venue}, {town.name}", town.ags
    return venue, None


def extract_events(doc: DocumentText, inputs: EventInputs) -> tuple[Event, ...]:
    """One event per date (or per name when no date is known)."""
    years = candidate_years(doc.text, inputs.document_year)
    skip = reported_decision_sentences(doc)
    events: dict[str, Event] = {}
    for index, sentence in enumerate(doc.sentence_spans):
        if index in skip:
            continue
        text = doc.text[sentence.start : sentence.end]
        dates = _dates_in(text, years, inputs.document_date)
        if not dates:
            continue
        for word in _EVENT_WORD.finditer(text):
            date_start, iso = min(dates, key=lambda d: abs(d[0] - word.start()))
            if abs(date_start - word.start()) > MAX_DATE_DISTANCE:
                continue
            genitive = _GENITIVE_AFTER.match(text[word.end() :])
            name_end = word.end() + (genitive.end() if genitive else 0)
            name = _TRAILING_LOWER_WORDS.sub("", normalise_space(text[word.start() : name_end]))
            place, place_ags = _place(doc, sentence, sentence.start + name_end, inputs)
            start = sentence.start + min(word.start(), date_start)
            end = sentence.start + max(name_end, date_start + 10)
            key = iso or name.casefold()
            events.setdefault(
                key,
                Event(
                    name=name,
                    date=iso,
                    place=place,
                    place_ags=place_ags,
                    evidence=doc.evidence(
                        start, min(end, sentence.end), EXTRACTOR, 0.75 if iso else 0.5
                    ),
                ),
            )
    return tuple(events.values())
