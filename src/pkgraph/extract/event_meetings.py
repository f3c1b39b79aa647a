"""Meetings a text names by who met rather than by an event noun, and acts told by their verb.

A verb of meeting with a date ("Der Lenkungskreis tagte am 03.03.2021" → "Treffen
(Lenkungskreis)", "Am 11. Oktober trafen sich die Netzwerkpartner", "Die Steuerungsgruppe hat
sich am 12.10.2020 konstituiert"); without a date, a body that has met ("die Steuerungsgruppe
X, die sich jetzt im Kreishaus getroffen hat" → "Treffen der Steuerungsgruppe X"; "trifft sich
regelmäßig" is no event). A presentation told with its day. The start of a program ("Das
Modellvorhaben startet im März 2012" → "Start des Modellvorhabens"): dated only by a full day,
a month is no event date. A founding, signing or opening told by its verb on a day ("wird am
22. Oktober 2014 … gegründet" → "Gründung (Netzwerk „X“)"). The sessions of bodies are
:mod:`pkgraph.extract.event_sessions`.
"""

from __future__ import annotations

import re

from pkgraph.extract.dates import WEEKDAYS
from pkgraph.extract.event_sessions import BODY, DAY_WORDS, Meeting, genitive

_MEETING_VERB = re.compile(
    r"\b(?:tagte|tagten|tagt|trafen\s+sich|traf\s+sich|trifft\s+sich|treffen\s+sich|"
    r"(?:kamen|kommen|kommt|kam)\s+[^;]{0,80}?\bzusammen|konstituierte\s+sich|"
    r"(?:hat|haben)\s+sich\s+[^;]{0,60}?\bkonstituiert|"
    # "tauschten sich am 29. und 30. November 2018 die Vertreter … aus"
    r"tausch(?:t|en|te|ten)\s+sich\s+[^;]{0,120}?\baus|"
    # attending: "Neunzig Teilnehmende folgten am Donnerstag, 26. Juni, der Einladung"
    r"folg(?:t|en|te|ten)\s+[^;]{0,80}?\bEinladung)\b"
)
#: Who met: a noun phrase before the verb ("Der Lenkungskreis tagte") or after it ("trafen
#: sich die Netzwerkpartner").
_SUBJECT_BEFORE = re.compile(
    r"\b(?:[Dd]er|[Dd]ie|[Dd]as)\s+(?P<np>(?:[a-zäöüß]+e[nr]?\s+)?[A-ZÄÖÜ][\wäöüß-]+)\s+"
    r"(?:(?:hat|haben)\s+sich\s+)?(?:[^\s]+\s+){0,4}?$"
)
_SUBJECT_AFTER = re.compile(
    r"^\s+(?:[^\s]+\s+){0,3}?(?:die|der|das)\s+(?P<np>(?:[a-zäöüß]+e[nr]?\s+)?[A-ZÄÖÜ][\wäöüß-]+)"
)
#: How far (characters) a meeting verb may stand from its date.
MAX_VERB_DISTANCE = 150


#: A presentation told in the perfect with its day: "hat heute (11.01.2017) in Düsseldorf die
#: neuen, teilnehmenden Kommunen der Initiative vorgestellt" (a report to a body is a session,
#: :data:`_REPORTED_TO`).
_PRESENTED = re.compile(
    r"\b(?:hat|haben|hatte|hatten)\b(?P<middle>(?:[^.;:]|(?<=\d)\.(?=\d|\s*\d{4})|(?<=\d)\.(?=\s)){0,160}?)"
    r"\b(?:vorgestellt|präsentiert)\b"
)
#: Between the day and what was presented: its brackets, the place.
_BEFORE_OBJECT = re.compile(r"^[\s)\],]*(?:(?:in|im)\s+(?:der\s+|dem\s+)?[A-ZÄÖÜ][\wäöüß-]*\s+)?")


def presentations(text: str, dates: list[tuple[int, str | None]]) -> list[Meeting]:
    """Presentations told with their day (see :data:`_PRESENTED`), named after what was
    presented ("Vorstellung (die neuen, teilnehmenden Kommunen der Initiative)")."""
    found: list[Meeting] = []
    for verb in _PRESENTED.finditer(text):
        if re.search(rf"\bdem\s+{BODY}\b", verb["middle"]):
            continue  # told to a body: its session
        middle = range(verb.start("middle"), verb.end("middle"))
        dated = [(s, iso) for s, iso in dates if iso and s in middle]
        if not dated:
            continue
        start, iso = dated[0]
        after = DAY_WORDS.sub("", text[start : verb.end("middle")], count=1)
        thing = " ".join(_BEFORE_OBJECT.sub("", after, count=1).split())
        name = f"Vorstellung ({thing})" if thing else "Vorstellung"
        found.append(Meeting(verb.start(), verb.end(), name, iso))
    return found


def verb_meetings(text: str, dates: list[tuple[int, str | None]]) -> list[Meeting]:
    """Meetings told by a verb ("tagte", "trafen sich", "kamen ... zusammen") with a date."""
    found: list[Meeting] = []
    for verb in _MEETING_VERB.finditer(text):
        dated = [(abs(start - verb.start()), start, iso) for start, iso in dates if iso]
        if not dated:
            continue
        distance, start, iso = min(dated)
        if distance > MAX_VERB_DISTANCE or iso is None:
            continue
        subject = _SUBJECT_BEFORE.search(text[max(0, verb.start() - 80) : verb.start()])
        subject = subject or _SUBJECT_AFTER.match(text[verb.end() : verb.end() + 80])
        name = f"Treffen ({subject['np']})" if subject else "Treffen"
        span = (min(start, verb.start()), max(start + 10, verb.end()))
        found.append(Meeting(span[0], span[1], name, iso))
    return found


#: A program, project or initiative as a subject: "Das Modellvorhaben", "die neue Initiative
#: „Starke Kinder“".
_PROGRAM_SUBJECT = (
    r"\b(?P<article>[Dd]as|[Dd]ie|[Dd]er)\s+(?P<adjective>[a-zäöüß]+e\s+)?"
    r"(?P<noun>(?:[A-ZÄÖÜ][\wäöüß-]*)?(?:[Vv]orhaben|[Pp]rojekt|[Pp]rogramm|[Ii]nitiative|"
    r"[Nn]etzwerk))(?P<title>\s+[„“\"][^„“”\"\n]{2,80}[“”\"])?"
)
_START_VERB = r"(?:startet|startete|beginnt|begann)"
#: When it starts: a day, a month, a season or a year ("im März 2012", "am 01.03.2012").
_START_WHEN = (
    r"(?:am|im|zum|ab|Anfang|Mitte|Ende)\s+(?:\d{1,2}\.|Frühjahr|Sommer|Herbst|Winter|"
    r"(?i:januar|februar|märz|april|mai|juni|juli|august|september|oktober|november|dezember))"
)
_PROGRAM_START = re.compile(
    rf"{_PROGRAM_SUBJECT}\s+{_START_VERB}\s+(?P<when>{_START_WHEN}[^,;.]{{0,30}})"
)
#: Told by who started it: "… hat am 09. November 2011 in Essen das Vorhaben „X“ gestartet".
_PROGRAM_STARTED = re.compile(
    rf"(?P<when>{_START_WHEN}[^,;.„“\"]{{0,40}}?)\s+{_PROGRAM_SUBJECT}\s+"
    r"(?:gestartet|ins\s+Leben\s+gerufen|aus\s+der\s+Taufe\s+gehoben)\b"
)
_NEUTER_PROGRAM = re.compile(r"(?:vorhaben|projekt|programm|netzwerk)$", re.IGNORECASE)


def program_starts(text: str, dates: list[tuple[int, str | None]]) -> list[Meeting]:
    """The start of a program told with its time ("Das Projekt startet am 01.03.2020", "hat
    am 09. November 2011 das Vorhaben „X“ gestartet"): the day when the time is a full date,
    else no date."""
    found: list[Meeting] = []
    matches = [*_PROGRAM_START.finditer(text), *_PROGRAM_STARTED.finditer(text)]
    for match in sorted(matches, key=lambda m: m.start()):
        noun, adjective = match["noun"], (match["adjective"] or "").strip()
        if _NEUTER_PROGRAM.search(noun):
            phrase = f"des {adjective + 'n ' if adjective else ''}{noun}s"
        else:
            phrase = f"der {adjective + 'n ' if adjective else ''}{noun}"
        title = re.sub(r"\s+", " ", match["title"] or "")
        days = [iso for start, iso in dates if match.start("when") <= start < match.end()]
        found.append(
            Meeting(match.start(), match.end(), f"Start {phrase}{title}", days[0] if days else None)
        )
    return found


#: An act told by its verb on a day: founding, signing, opening ("Das Netzwerk „X“ wird am
#: Mittwoch [22. Oktober 2014] im Rathaus gegründet", "Die Vereinbarungen wurden am 2. Oktober
#: 2015 unterzeichnet", "das Familienbüro hat am 12.01.2021 seine Türen geöffnet").
_ACTS = {
    "gegründet": "Gründung",
    "unterzeichnet": "Unterzeichnung",
    "unterschrieben": "Unterzeichnung",
    "eröffnet": "Eröffnung",
}
_DOORS_OPENED = ("geöffnet", "öffnen", "öffnete")
_ACT_VERB = re.compile(
    rf"\b(?:(?P<act>{'|'.join(_ACTS)})|"
    rf"(?:seine|ihre)\s+Türen\s+(?P<doors>{'|'.join(_DOORS_OPENED)}))\b"
)
#: The day is the act's: "am" before it (a weekday and a bracket may stand between).
_ON_DAY = re.compile(rf"\bam\s+(?:(?i:{'|'.join(WEEKDAYS)}))?[\s,(\[]*$")
_ACT_SUBJECT = re.compile(
    r"\b(?:[Dd]as|[Dd]ie|[Dd]er)\s+(?P<np>(?:[a-zäöüß]+e[nr]?\s+)?[A-ZÄÖÜ][\wäöüß-]+"
    r"(?:\s+[„\"][^„“”\"\n]{2,80}[“”\"])?)"
)


def dated_acts(text: str, dates: list[tuple[int, str | None]]) -> list[Meeting]:
    """A founding, signing or opening on a day told by its verb (see :data:`_ACT_VERB`):
    "Gründung (Netzwerk „X“)"; the day must be introduced by "am" and precede the verb."""
    found: list[Meeting] = []
    for verb in _ACT_VERB.finditer(text):
        days = [
            (start, iso)
            for start, iso in dates
            if iso
            and 0 < verb.start() - start <= MAX_VERB_DISTANCE
            and _ON_DAY.search(text[max(0, start - 30) : start])
        ]
        if not days:
            continue
        start, iso = days[-1]
        subjects = list(_ACT_SUBJECT.finditer(text, 0, start))
        act = _ACTS[verb["act"]] if verb["act"] else "Eröffnung"
        name = f"{act} ({' '.join(subjects[-1]['np'].split())})" if subjects else act
        found.append(Meeting(start, verb.end(), name, iso))
    return found


_BODY_NOUN = (
    r"(?:[A-ZÄÖÜ][\wäöüß-]*(?:gruppe|kreis|ausschuss|beirat|runde|konferenz)|Arbeitskreis|"
    r"Ausschuss|Beirat|Netzwerk)"
)
#: A body that has met, in a relative clause or a main clause without a date ("die
#: Steuerungsgruppe X, die sich jetzt im Kreishaus getroffen hat", "Der Beirat hat sich
#: gestern konstituiert"); a document cut in the middle of the verb ends with "getroffe".
_MET = re.compile(
    rf"\b(?:[Dd]ie|[Dd]er|[Dd]as)\s+(?P<body>{_BODY_NOUN})(?P<rest>(?:\s+[A-ZÄÖÜ][\wäöüß-]+){{0,3}})"
    r"(?:,\s+(?:die|der|das)\s+sich|\s+(?:hat|haben)\s+sich)\s+(?P<when>[^,;.]{0,60}?)"
    r"(?:getroffen\b|getroffe\Z|konstituiert\b|versammelt\b)"
)
_RECURRING = re.compile(r"\b(?:regelmäßig|jeweils|monatlich|wöchentlich|jährlich|immer)\b")


def undated_meetings(text: str) -> list[Meeting]:
    """Meetings a body has held, told without a date (see :data:`_MET`)."""
    found: list[Meeting] = []
    for match in _MET.finditer(text):
        if _RECURRING.search(match["when"]):
            continue
        rest = re.sub(r"\s+", " ", match["rest"])
        name = f"Treffen {genitive(match['body'])}{rest}"
        found.append(Meeting(match.start("body"), match.end(), name, None))
    return found
