"""Events and meetings with date and place: "fand am 27.09.2018 die erste Entwicklungskonferenz
... im Leohaus in Olfen statt", "Sitzung des Jugendhilfeausschusses am 12.06.2018".

An event is an event word (Sitzung, -konferenz, -treffen, -veranstaltung, Fachtag, Workshop,
Termin, -empfang, Eröffnung, theme days such as "Präventionstag", ...) with a date in the same
sentence — not a date that starts or ends a period ("seit dem", "bis zum") or dates a letter
("Bescheid vom"); a range ("am 14. und 15. Oktober", "vom 14. bis 15.") is one event on its
first day. Meetings named by their body or a verb ("im Jugendhilfeausschuss am ...", "tagte
am ...") come from :mod:`pkgraph.extract.event_meetings`.

A day without a year is the next such day after the document's own date when that settles it
(:func:`pkgraph.extract.dates.resolve_after`), else the last one before it that a report looks
back on (:func:`pkgraph.extract.dates.resolve_before`), else takes its year from the document
only when the context fixes it (:func:`pkgraph.extract.dates.resolve_year`); otherwise the date
stays None (one event per such day: the one named nearest to it). A session whose sentence reports a
decision is left to the decision extractor, except the session line of a council system
("Sitzung: 09.12.2019"). Also: a visit ("besucht am ..."), a second day joined by "und am", a
deadline ("Bis zum 15.12.2011 können ... eingereicht werden" → "Frist"), and — since events
without a date match on their name — an event named after a preposition in a sentence without a
date ("bei der ersten kreisweiten Präventionskonferenz" → "Erste kreisweite
Präventionskonferenz"; "zu Beginn des Planungsworkshops „X“" → "Planungsworkshop „X“"; a
contents line "21 Die Frühjahrsakademie"), unless the document dates an event of that noun
elsewhere. Names are nominative, keep a genitive with its territory ("des Regierungsbezirks
Arnsberg"), a quoted title and a region ("im Kreis X"); a year that only bounds a period
("seit 2012") dates no day. Program starts, undated meetings of a body and the held rows of a
Beratungsfolge come from :mod:`pkgraph.extract.event_meetings`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from pkgraph.extract.dates import (
    PartialDate,
    find_dates,
    find_partial_dates,
    occasion_years,
    resolve_after,
    resolve_before,
    resolve_year,
)
from pkgraph.extract.decisions import reported_decision_sentences
from pkgraph.extract.event_forms import ORDINAL_BEFORE, is_dateline
from pkgraph.extract.event_meetings import (
    dated_acts,
    presentations,
    program_starts,
    undated_meetings,
    verb_meetings,
)
from pkgraph.extract.event_sessions import (
    Meeting,
    body_sessions,
    held_consultations,
    own_sessions,
    reported_sessions,
    session_lines,
)
from pkgraph.extract.municipalities import MunicipalityHit
from pkgraph.extract.text import DocumentText, Span, normalise_space
from pkgraph.records import Event

EXTRACTOR = "events"

_EVENT_NOUNS = (
    r"konferenz|treffen|veranstaltung|tagung|sitzung|kongress|forum|workshop|fachtag|besprechung"
)
#: Days named after their theme: "Präventionstag", "Kinderschutztag", "Aktionstag" (not
#: "Kreistag", "Dienstag", "Stichtag").
_THEME_DAY = (
    r"(?:[A-ZÄÖÜ][\wäöüß]*-?)?(?i:präventions|aktions|familien|kinderschutz|themen|praxis|"
    r"informations|netzwerk|studien|bildungs|kinder|eltern|jugend|gesundheits|austausch|"
    r"begegnungs|kooperations|planungs)tag(?:es|s)?"
)
#: Weeks named after their theme: "Aktionswoche", "Themenwoche" (not "Kalenderwoche").
_THEME_WEEK = r"(?:[A-ZÄÖÜ][\wäöüß]*-?)?(?i:aktions|themen|projekt|präventions|familien)woche"
_EVENT_NOUN = re.compile(
    rf"{_EVENT_NOUNS}|termin|besuch|auftakt|empfang|ausstellung|kick-?off|eröffnung|einweihung|"
    rf"unterzeichnung|verleihung|{_THEME_DAY}|{_THEME_WEEK}",
    re.IGNORECASE,
)
#: Event nouns (also receptions, openings, signings, award ceremonies, theme days), and a visit
#: in the singular ("Die Ministerin besucht am ..."; the plural "besuchen" is mostly children
#: attending a Kita).
_EVENT_WORD = re.compile(
    rf"\b(?:[A-ZÄÖÜ][\wäöüß]*-?(?:{_EVENT_NOUNS}|Workshop|empfang|gespräch)|Sitzung|Konferenz|"
    r"Treffen|Veranstaltung|Tagung|Fachtag|Workshop|Termin|Kongress|Forum|Besuch|Auftakt|Besprechung|"
    rf"Empfang|Ausstellung|Kick-?[Oo]ff|Eröffnung|Einweihung|Unterzeichnung|[A-ZÄÖÜ]\w*verleihung|"
    rf"{_THEME_DAY}|{_THEME_WEEK})\b|"
    r"\bbesuchte?\b"
)
#: An event the text names without a date: "bei der ersten kreisweiten Präventionskonferenz",
#: "beim Fachtag", "zur Auftaktveranstaltung" — a preposition and article, adjectives, then a
#: singular event noun (a plural is a series, not one event; a session without its date is
#: no event to report).
_UNDATED_EVENT = re.compile(
    r"\b(?i:bei|auf|an|nach|w(?:ä|a)hrend)\s+(?:der|dem|einer|einem)\s+|"
    r"\b(?i:im\s+Rahmen|anl(?:ä|a)sslich|zu\s+Beginn|am\s+Ende|zum\s+Abschluss|im\s+Vorfeld|"
    r"im\s+Nachgang|w(?:ä|a)hrend)\s+(?:der|des|einer|eines)\s+|"
    r"\b(?i:beim|zur|zum|vom|am)\s+"
)
_UNDATED_NAME = re.compile(
    rf"(?P<adjectives>(?:[a-zäöüß]+(?:en|e)\s+){{0,2}})(?:[A-ZÄÖÜ][\wäöüß]*-\s+(?:und|oder)\s+)?"
    rf"(?P<noun>[A-ZÄÖÜ][\wäöüß]*-?(?!sitzung\b)(?:{_EVENT_NOUNS}|Workshop)|Fachtag|Workshop|"
    r"Kongress|(?:Frühjahrs|Sommer|Herbst|Winter)akademie|"
    # a generic word named by its title: "zur Veranstaltung „10 Jahre Familienbüro“"
    r"(?:Veranstaltung|Tagung|Konferenz)(?=\s*[„\"»]))(?P<genitive>(?<=ss)es|(?<!ss)e?s)?\b"
)
#: A heading or table-of-contents line that is an event's name: "21 Die Frühjahrsakademie".
#: (An ingest repair may join a contents list's lines: "21 Die Frühjahrsakademie 22 Evaluation".)
_HEADING_EVENT = re.compile(r"(?:^[ \t]*|(?<!\S)\d{1,3}[ \t]+)(?:Die|Der|Das)[ \t]+", re.MULTILINE)
_LINE_END = re.compile(r"[ \t]*(?:\n|$|\d{1,3}[ \t]+[A-ZÄÖÜ\d])")
#: The grammatical gender of an event noun, for the nominative of its adjectives.
#: A territory and its name: "des Regierungsbezirks Arnsberg", "im Kreis Unna".
TERRITORY = r"(?:Regierungsbezirk|Stadtbezirk|Stadtteil|Bezirk|Landkreis|Kreis)(?:es|s)?"
_NEUTER = re.compile(r"(?:treffen|forum)$", re.IGNORECASE)
_MASCULINE = re.compile(r"(?:kongress|workshop|fachtag)$", re.IGNORECASE)
#: A noun phrase of a name: adjectives, then a capitalised word ("gemeinsamen Ausschusses").
_NP = (
    r"(?:(?!(?:die|der|das|den|dem|des|eine?)\s)[a-zäöüß]+(?:e|en|er|es|em)\s+)*"
    rf"(?:{TERRITORY}\s+[A-ZÄÖÜ][\wäöüß-]+|[A-ZÄÖÜ][^\s,;:()]*)"
)
#: A region the event belongs to, kept in its name: "Regionalkonferenz im Regierungsbezirk
#: Detmold" (a town after "in" is the place, not part of the name).
_IN_REGION = re.compile(rf"^\s+im\s+{TERRITORY}\s+[A-ZÄÖÜ][\wäöüß-]+")
#: A genitive or "zum/zur" complement: "des Ausschusses für Generationen, Familie und
#: Soziales", "zur Kinderarmut" — it ends where the noun phrases end (before the verb).
_GENITIVE_AFTER = re.compile(
    rf"^\s+(?:des|der|d\.|zum|zur)\s+{_NP}"
    rf"(?:(?:\s+(?:und|für|gegen|der|des|von)\s+|(?:,\s+{_NP})*\s+und\s+){_NP})*"
)
#: The first part of a truncated compound: "Präventions- und " before "Bildungskonferenz".
_TRUNCATED_BEFORE = re.compile(r"\b[A-ZÄÖÜ][\wäöüß]*-\s+(?:und|oder|&)\s+$")
#: A quoted title right after the event's name: "Fachtag „Starke Familien“".
_QUOTED_TITLE = re.compile(r"^\s*[„\"»‚][^„“”\"»«\n]{2,120}[“”\"«‘]")
#: A deadline: "Bis zum 15.12.2011 können die Kommunen ihr Interesse bekunden".
_DEADLINE_BEFORE = re.compile(r"\b[Bb]is\s+(?:sp(?:ä|a)testens\s+)?(?:zum|am)?\s*$")
_DEADLINE_VERB = re.compile(
    r"\b(?:einreichen|eingereicht|bekunden|bewerben|beantragen|beantragt|anmelden|vorlegen|"
    r"vorgelegt|einzureichen|zu\s+bewerben|eingehen|melden)\b|Frist|[Bb]ewerbungsschluss|"
    r"[Aa]nmeldeschluss|[Ii]nteressenbekundung"
)
#: Before a date that is no event's day: "seit dem", "bis zum", "Bescheid vom", "Stand:".
_NO_OCCASION_BEFORE = re.compile(
    r"(?:\b(?:[Ss]eit|[Aa]b|[Bb]is)(?:\s+(?:dem|zum))?|\b(?:[A-ZÄÖÜ]\w*)?(?:[Bb]escheid|"
    r"[Ss]chreiben|[Ee]rlass|[Bb]eschluss|Antrag|Stand|Datum|Vorlage|Drucksache|Mail|Brief)"
    r"\s*(?:vom|v\.|:)?"
    # a letter's dateline: "Hildesheim, den 06.11.2018" at the start of its line (not a day:
    # "Am Mittwoch, den 29.11.2023, hatte das Netzwerk … geladen")
    r"|\n[ \t]*(?!Am\s)[A-ZÄÖÜ][\w.-]+(?:[ -][A-ZÄÖÜ][\w.-]+)?,[ \t]+den[ \t]+)\s*$"
)
#: The first day of a range before its second one: "27. und", "6./", "09. –", "01.03.2020 bis".
_RANGE_BEFORE = re.compile(
    r"^\d{1,2}\.(?:\d{1,2}\.(?:\d{2,4})?)?\s*(?:und|bis(?:\s+zum)?|/|–|-)\s*$"
)
#: A second day of the same event: "am Mittwoch, ... und am Donnerstag, ...".
_FURTHER_DAY_BEFORE = re.compile(r"\b(?:und|sowie)\s+(?:am|vom)\s+(?:\w+,?\s+)?(?:den\s+)?$")
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
    if document_date is None:
        return resolve_year(partial, years)
    near = resolve_after(partial, document_date) or resolve_before(partial, document_date)
    return near or resolve_year(partial, years)


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


def _name_at(text: str, start: int, end: int, ending: int = 0) -> tuple[str, int]:
    """The event's name from its event word at ``[start, end)`` (a visit verb names a
    "Besuch"; a case ending of ``ending`` characters after it is dropped): the word, a
    genitive or "zum/zur" complement, a quoted title and a region ("im Kreis X"); and where
    the name ends; a truncated compound before the word is part of it."""
    genitive = _GENITIVE_AFTER.match(text[end + ending :])
    name_end = end + ending + (genitive.end() if genitive else 0)
    title = _QUOTED_TITLE.match(text[name_end:])
    name_end += title.end() if title else 0
    region = _IN_REGION.match(text[name_end:])
    name_end += region.end() if region else 0
    head = "Besuch" if text[start].islower() else text[start:end]
    before = start
    if truncated := _TRUNCATED_BEFORE.search(text[max(0, start - 60) : start]):
        head = truncated.group() + head  # "Präventions- und Bildungskonferenz"
        before = start - len(truncated.group())
    if head != "Besuch" and (number := ORDINAL_BEFORE.search(text[max(0, before - 8) : before])):
        head = number.group() + head  # "Zum 18. Lernnetzwerktreffen": the meeting's number
    name = _TRAILING_LOWER_WORDS.sub("", normalise_space(head + text[end + ending : name_end]))
    return name, name_end


def _event(
    doc: DocumentText,
    sentence: Span,
    span: tuple[int, int],
    name: str,
    iso: str | None,
    inputs: EventInputs,
) -> Event:
    """An event with evidence ``span`` (sentence-relative); its venue follows the span."""
    place, place_ags = _place(doc, sentence, sentence.start + span[1], inputs)
    start, end = sentence.start + span[0], min(sentence.start + span[1], sentence.end)
    return Event(
        name=name,
        date=iso,
        place=place,
        place_ags=place_ags,
        evidence=doc.evidence(start, end, EXTRACTOR, 0.75 if iso else 0.5),
    )


def _dated_events(
    doc: DocumentText, sentence: Span, dates: list[tuple[int, str | None]], inputs: EventInputs
) -> list[Event]:
    """Each event word with its nearest date, a further day joined to it ("und am ..."), and
    deadlines ("Bis zum 15.12. können Interessenbekundungen eingereicht werden")."""
    text = doc.text[sentence.start : sentence.end]
    found: list[Event] = []
    occasions = _occasions(text, dates)
    words = list(_EVENT_WORD.finditer(text)) if occasions else []
    days = [_first_day(text, occasions, _day_of(text, occasions, word)) for word in words]
    # a day without a known year gets one event: the one named nearest to it
    open_days: dict[int, int] = {}
    for word, (date_start, iso) in zip(words, days, strict=True):
        best = open_days.get(date_start)
        if iso is None and (
            best is None or abs(date_start - word.start()) < abs(date_start - best)
        ):
            open_days[date_start] = word.start()
    for word, (date_start, iso) in zip(words, days, strict=True):
        if abs(date_start - word.start()) > MAX_DATE_DISTANCE:
            continue
        if iso is None and open_days[date_start] != word.start():
            continue
        name, name_end = _name_at(text, word.start(), word.end())
        span = (min(word.start(), date_start), max(name_end, date_start + 10))
        found.append(_event(doc, sentence, span, name, iso, inputs))
        for later_start, later_iso in occasions:
            if later_start > date_start and _FURTHER_DAY_BEFORE.search(text[:later_start]):
                span = (word.start(), later_start + 10)
                found.append(_event(doc, sentence, span, name, later_iso, inputs))
    if _DEADLINE_VERB.search(_with_quote_closed(doc, sentence)):
        for date_start, iso in dates:
            if iso and _DEADLINE_BEFORE.search(text[max(0, date_start - 30) : date_start]):
                found.append(
                    _event(doc, sentence, (date_start, date_start + 10), "Frist", iso, inputs)
                )
    return found


#: The day an event word is given after it: "Sitzung des Kreistages am 22.03.2012",
#: "Fachtag am Mittwoch, den 5. Mai".
_OWN_DAY_BEFORE = re.compile(r"\b(?:am|vom)\s+(?:[A-Z][a-z]+,?\s+)?(?:den\s+)?$")


def _day_of(
    text: str, occasions: list[tuple[int, str | None]], word: re.Match[str]
) -> tuple[int, str | None]:
    """The date an event word is given ("Sitzung des Kreisausschusses am 01.03.2012"), else the
    nearest one ("26.01.2012 Sitzung des Jugendhilfeausschusses am 29.02.2012" is the 29th)."""
    for occasion in occasions:
        start = occasion[0]
        if word.end() <= start <= word.end() + MAX_DATE_DISTANCE and _OWN_DAY_BEFORE.search(
            text, word.end(), start
        ):
            between = text[word.end() : start]
            if not _EVENT_WORD.search(between):  # not the day of the next event named
                return occasion
    return min(occasions, key=lambda d: abs(d[0] - word.start()))


#: A paper dated by "vom" after its subject: "die Anfrage der SPD-Fraktion … zur Förderung von
#: Familiengrundschulzentren vom 16.06.2021" (no event word between the paper and its day).
_PAPER_DATED_BEFORE = re.compile(
    r"\b(?:Anfrage|Antrag|Schreiben|Bescheid|Erlass|Vorlage|Drucksache|Mitteilung|"
    r"Stellungnahme)\b(?:(?!Sitzung|[Kk]onferenz|[Vv]eranstaltung|[Tt]agung|[Tt]reffen)"
    r"(?:[^.;:\n]|\.(?=\s+[^A-ZÄÖÜ\s]))){0,120}\bvom\s+$"  # "gem. § 12" ends no clause
)


def _occasions(text: str, dates: list[tuple[int, str | None]]) -> list[tuple[int, str | None]]:
    """The dates that may be an event's day: not a start or end ("seit dem", "bis zum") nor the
    date of a letter, paper or decision ("Bescheid vom", "die Anfrage … vom", "Stand:")."""
    return [
        d
        for d in dates
        if not _NO_OCCASION_BEFORE.search(text[max(0, d[0] - 40) : d[0]])
        and not _PAPER_DATED_BEFORE.search(text[max(0, d[0] - 160) : d[0]])
    ]


def _first_day(
    text: str, dates: list[tuple[int, str | None]], chosen: tuple[int, str | None]
) -> tuple[int, str | None]:
    """The first day of the range ``chosen`` ends ("am 27. und 28. Februar 2019": the 27th)."""
    earlier = [d for d in dates if d[0] < chosen[0]]
    if earlier and _RANGE_BEFORE.match(text[earlier[-1][0] : chosen[0]]):
        return earlier[-1]
    return chosen


def _meetings(
    doc: DocumentText, sentence: Span, dates: list[tuple[int, str | None]], inputs: EventInputs
) -> list[Event]:
    """Sessions named by their body and meetings told by a verb (see
    :mod:`pkgraph.extract.event_meetings`)."""
    text = doc.text[sentence.start : sentence.end]
    occasions = _occasions(text, dates)
    return _told(
        doc,
        sentence,
        body_sessions(text, occasions)
        + own_sessions(text, occasions)
        + verb_meetings(text, occasions)
        + reported_sessions(text, occasions)
        + presentations(text, occasions)
        + dated_acts(text, occasions),
        inputs,
    )


def _sessions(text: str, years: set[int], inputs: EventInputs) -> list[Meeting]:
    occasions = _occasions(text, _dates_in(text, years, inputs.document_date))
    return body_sessions(text, occasions) + own_sessions(text, occasions)


def _told(
    doc: DocumentText, sentence: Span, meetings: list[Meeting], inputs: EventInputs
) -> list[Event]:
    return [_event(doc, sentence, (m.start, m.end), m.name, m.iso, inputs) for m in meetings]


def _with_quote_closed(doc: DocumentText, sentence: Span) -> str:
    """The sentence, continued by the next one when it ends inside a quotation ("... am
    Modellvorhaben „Kein Kind zurücklassen. Kommunen in NRW beugen vor“ bekunden")."""
    text = doc.text[sentence.start : sentence.end]
    index = doc.sentence_index(sentence.start)
    if text.count("„") > text.count("“") and index + 1 < len(doc.sentence_spans):
        following = doc.sentence_spans[index + 1]
        return text + doc.text[following.start : following.end]
    return text


def _nominative(adjectives: str, noun: str) -> str:
    """Adjectives after a dative article in the nominative: "ersten kreisweiten" before
    "Präventionskonferenz" is "erste kreisweite", before "Fachtag" "erster kreisweiter"."""
    ending = "es" if _NEUTER.search(noun) else "er" if _MASCULINE.search(noun) else "e"
    words = [re.sub(r"e[n]?$", ending, word) for word in adjectives.split()]
    return " ".join(words)


def _undated_events(doc: DocumentText, sentence: Span, inputs: EventInputs) -> list[Event]:
    """Events named after a preposition and article, in a sentence without a date."""
    text = doc.text[sentence.start : sentence.end]
    found: list[Event] = []
    headings = [(lead, True) for lead in _HEADING_EVENT.finditer(text)]
    for lead, heading in [*((lead, False) for lead in _UNDATED_EVENT.finditer(text)), *headings]:
        match = _UNDATED_NAME.match(text, lead.end())
        if not match or (heading and not _LINE_END.match(text, match.end())):
            continue
        ending = len(match["genitive"] or "")
        name, name_end = _name_at(text, match.start("noun"), match.end("noun"), ending)
        adjectives = _nominative(match["adjectives"], match["noun"])
        name = f"{adjectives} {name}" if adjectives else name
        name = name[:1].upper() + name[1:]
        found.append(_event(doc, sentence, (lead.start(), name_end), name, None, inputs))
    return found


def _head_noun(name: str) -> str:
    """The event noun of a name, after its adjectives ("erste kreisweite Präventionskonferenz")."""
    words = name.split(" ")
    return next((word for word in words if _EVENT_NOUN.search(word)), words[0])


def extract_events(doc: DocumentText, inputs: EventInputs) -> tuple[Event, ...]:
    """One event per date (or per name when no date is known)."""
    years = occasion_years(doc.text, inputs.document_date)
    skip = reported_decision_sentences(doc)
    events: dict[str, Event] = {}
    lines = session_lines(doc.text, _dates_in(doc.text, years, inputs.document_date))
    found = [
        Event(m.name, m.iso, None, None, doc.evidence(m.start, m.end, EXTRACTOR, confidence))
        for meetings, confidence in ((lines, 0.75), (held_consultations(doc.text), 0.6))
        for m in meetings
    ]
    for index, sentence in enumerate(doc.sentence_spans):
        text = doc.text[sentence.start : sentence.end]
        if index in skip:  # a decision's sentence dates only its body's session
            found += _told(doc, sentence, _sessions(text, years, inputs), inputs)
            continue
        dates = [
            d
            for d in _dates_in(text, years, inputs.document_date)
            if not is_dateline(doc.text, sentence.start + d[0])
        ]
        if dates:
            found += _dated_events(doc, sentence, dates, inputs)
            found += _meetings(doc, sentence, dates, inputs)
        else:
            found += _undated_events(doc, sentence, inputs)
            found += _told(doc, sentence, undated_meetings(text), inputs)
        found += _told(doc, sentence, program_starts(text, _occasions(text, dates)), inputs)
    dated_words = {_head_noun(event.name).casefold() for event in found if event.date}
    for event in found:
        if event.date is None and _head_noun(event.name).casefold() in dated_words:
            continue  # the event the document dates elsewhere
        events.setdefault(event.date or event.name.casefold(), event)
    return tuple(events.values())
