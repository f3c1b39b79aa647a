"""Meetings a text names by who met rather than by an event noun.

A body with the day of its session ("im Ausschuss für Jugend und Familie am 30.11.2021" →
"Sitzung des Ausschusses für Jugend und Familie"; also the sessions a motion goes to: "an den
Jugendhilfeausschuss am 06.12.2022"), and a verb of meeting with a date ("Der
Lenkungskreis tagte am 03.03.2021" → "Treffen (Lenkungskreis)", "Am 11. Oktober trafen sich die
Netzwerkpartner", "Die Steuerungsgruppe hat sich am 12.10.2020 konstituiert"). Only a locative
"im"/"in der" marks a session: "dem Rat am ... vorgelegt" plans one, "Beschluss des Rates vom
..." is a decision. Without a date: a body that has met ("die Steuerungsgruppe X, die sich
jetzt im Kreishaus getroffen hat" → "Treffen der Steuerungsgruppe X"; "trifft sich
regelmäßig" is no event). The rows of a Beratungsfolge marked "Erledigt" (sessions held;
planned rows are none). The start of a program ("Das Modellvorhaben startet im März 2012"
→ "Start des Modellvorhabens"): dated only by a full day, a month is no event date. A founding,
signing or opening told by its verb on a day ("wird am 22. Oktober 2014 … gegründet" →
"Gründung (Netzwerk „X“)").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pkgraph.extract.body_types import COMMITTEES
from pkgraph.extract.dates import WEEKDAYS, find_dates

#: Bodies that hold sessions, in any case ending: "Jugendhilfeausschuss", "Rat", "Kreistag".
_BODY = (
    r"(?:[A-ZÄÖÜ][\wäöüß]*-\s+und\s+[A-ZÄÖÜ][\wäöüß-]*ausschuss|"  # "Kinder- und Jugendausschuss"
    r"[A-ZÄÖÜ][\wäöüß-]*ausschuss|Ausschuss|Rat|Kreistag|Beirat|Arbeitskreis|Lenkungskreis|"
    r"[A-ZÄÖÜ][\wäöüß-]*gruppe|Bezirksvertretung|Bezirksausschuss)(?:es|s|e|en)?"
)
_FEMININE = re.compile(r"(?:gruppe|vertretung|runde|konferenz)$")
#: The body and its complement right before "am <date>".
_BODY_SESSION = re.compile(
    rf"\b(?:[Ii]m|[Ii]n\s+(?:der|dem|seiner|ihrer)|"
    # a motion's session: "Große Anfrage … an den Jugendhilfeausschuss am 06.12.2022", "auf die
    # Tagesordnung des Jugendhilfeausschusses am 12.02.2019"
    rf"\ban\s+den|\bTagesordnung\s+(?:des|der))\s+(?:(?:[a-zäöüß]+(?:en|em|er))\s+)?"
    rf"(?P<body>{_BODY})(?P<rest>\s+(?:für|der|des)\s+[^.;:()\d]{{3,80}}?)?"
    # "im Jugendhilfeausschuss am 14.06.", "Im Jugendhilfeausschuss (14.06.) wurde ..."; not
    # the next item of a list ("im Rat der Stadt Aachen sowie am 19.07.2011 im ...")
    r"(?<!\bsowie)(?<!\bund)\s+(?:am\s+|\(\s*)$"
)
#: A second session sharing the first one's noun: "für die nächste Sitzung des Ausschusses für
#: Soziales am 19.11.2014 sowie des Jugendhilfeausschusses am 18.11.2014".
_ELIDED_SESSION = re.compile(
    r"\bSitzung(?:en)?\s+(?:des|der)\s+[^.;:]{3,120}?\s+am\s+"
    r"\d{1,2}\.\s*(?:\d{1,2}\.|[A-ZÄÖÜ][a-zäöü]+)\s*(?:\d{4})?\s+"
    rf"(?:sowie|und)\s+(?:des|der)\s+(?P<body>{_BODY})(?P<rest>\s+(?:für|der|des)\s+"
    rf"[^.;:()\d]{{3,80}}?)?\s+am\s+$"
)
#: A session its body's own sentence dates: "Der Jugendhilfeausschuss hat in seiner Sitzung am
#: 29.05.2013 beschlossen", "in seiner heutigen Sitzung (22.09.)", "in der Sitzung des
#: Jugendhilfeausschusses vom 25.4.2017".
_OWN_SESSION = re.compile(
    r"\b(?:[Ii]n\s+(?:seiner|ihrer)\s+(?:[a-zäöüß]+(?:en)\s+)?Sitzung"
    rf"|Sitzung\s+(?:des|der)\s+(?P<body>{_BODY}))\s+(?:am|vom|\()\s*$"
)
_BODY_BEFORE = re.compile(rf"\b(?:[Dd]er|[Dd]ie|[Dd]as)\s+(?P<body>{_BODY})\b")
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


@dataclass(frozen=True)
class Meeting:
    """A meeting found in a sentence (offsets relative to it)."""

    start: int
    end: int
    name: str
    iso: str | None


def _genitive(body: str) -> str:
    """ "Jugendhilfeausschuss" (or "JHA") → "des Jugendhilfeausschusses", "Steuerungsgruppe" →
    "der ..."."""
    body = COMMITTEES.get(body, body)
    if _FEMININE.search(body):
        return f"der {body}"
    stem = re.sub(r"(?:es|s|e|en)$", "", body) if not body.endswith("ss") else body
    stem = stem if re.search(r"(?:ausschuss|Ausschuss|Rat|tag|rat|kreis)$", stem) else body
    return f"des {stem}es"


#: The body right after the day: "erfolgte am 15.11.2021 im Jugendhilfeausschuss".
_BODY_AFTER_DAY = re.compile(
    r"\s*(?:\(\w+\)\s*)?(?:,?\s*(?:um\s+)?\d{1,2}(?:[.:]\d{2})?\s+Uhr,?\s*)?"
    # another day of the same body: "am 19.07.2011 und am 17.01.2014 im Kinder- und ..."
    r"(?:(?:und|sowie)\s+am\s+\d{1,2}\.\d{1,2}\.\d{2,4}\s+)?"
    rf"(?:im|in\s+der\s+Sitzung\s+des)\s+(?P<body>{_BODY})\b"
)
#: Sessions listed in brackets after what they decided: "beschlossen (JHA am 13.09.18, Rat am
#: 06.11.18)".
_LISTED_SESSION = re.compile(
    rf"[(,;]\s*(?P<body>{_BODY}|{'|'.join(COMMITTEES)})(?P<rest>)\s+am\s+$"
)
#: The end of a bracketed list's item after its day.
_ITEM_END = re.compile(r"\S{0,12}?\s*[),;]")


def _listed_session(text: str, start: int) -> re.Match[str] | None:
    """A session in a bracketed list (see ``_LISTED_SESSION``) whose day at ``start`` ends
    its item."""
    listed = _LISTED_SESSION.search(text[max(0, start - 60) : start])
    return listed if listed and _ITEM_END.match(text, start) else None


#: A body's agenda on a day: "Für den Jugendhilfeausschuss steht das Thema am Donnerstag, 28.
#: November, auf der Tagesordnung".
_AGENDA_BODY = re.compile(
    rf"\b(?:[Ff]ür\s+den|[Ii]m)\s+(?P<body>{_BODY})\s+steht\s+[^.;]{{0,60}}?\bam\s+"
    r"(?:[A-ZÄÖÜ][a-z]+,?\s+)?$"
)
_ON_THE_AGENDA = re.compile(r"[^.;]{0,40}?\bauf\s+der\s+Tagesordnung\b")


def body_sessions(text: str, dates: list[tuple[int, str | None]]) -> list[Meeting]:
    """Sessions of a body named right before "am <date>" after "im"/"in der", or after the
    session noun of another body's day ("Sitzung des A am … sowie des B am …"), or right
    after the day ("am 15.11.2021 im Jugendhilfeausschuss"), or whose agenda holds the day."""
    found: list[Meeting] = []
    for start, iso in dates:
        if iso is None:
            continue
        window = max(0, start - 300)
        day = _DAY_WORDS.match(text[start : start + 40])
        after = _BODY_AFTER_DAY.match(text, start + day.end()) if day else None
        agenda = _AGENDA_BODY.search(text[max(0, start - 140) : start])
        lead = _BODY_SESSION.search(text[max(0, start - 140) : start])
        if lead:
            begin = start - len(lead.group())
        elif listed := _listed_session(text, start):
            lead, begin = listed, start - len(listed.group())
        elif elided := _ELIDED_SESSION.search(text[window:start]):
            lead, begin = elided, window + elided.start("body")
        elif after:
            found.append(Meeting(start, after.end(), f"Sitzung {_genitive(after['body'])}", iso))
            continue
        elif agenda and day and _ON_THE_AGENDA.match(text, start + day.end()):
            begin = start - len(agenda.group())
            found.append(Meeting(begin, start + 10, f"Sitzung {_genitive(agenda['body'])}", iso))
            continue
        else:
            continue
        rest = re.sub(r"\s+", " ", lead["rest"] or "")
        name = f"Sitzung {_genitive(lead['body'])}{rest}"
        found.append(Meeting(begin, start + 10, name, iso))
    return found


def own_sessions(text: str, dates: list[tuple[int, str | None]]) -> list[Meeting]:
    """Sessions dated as their body's own ("in seiner Sitzung am …"), named by the body the
    sentence names before ("Der Jugendhilfeausschuss hat in seiner Sitzung …"), else
    "Sitzung"."""
    found: list[Meeting] = []
    for start, iso in dates:
        lead = _OWN_SESSION.search(text, max(0, start - 80), start) if iso else None
        if lead is None:
            continue
        body = lead["body"] or next(
            (m["body"] for m in reversed(list(_BODY_BEFORE.finditer(text, 0, lead.start())))),
            None,
        )
        name = f"Sitzung {_genitive(body)}" if body else "Sitzung"
        found.append(Meeting(lead.start(), start + 10, name, iso))
    return found


#: A report given to a body on a day, told in a past tense: "Am 2. Oktober 2012 hatte die
#: Verwaltung in einem ersten Statusbericht dem Jugendhilfeausschuss ... erläutert" (a plan,
#: "wird dem Rat am ... vorgelegt", is none).
_REPORTED_TO = re.compile(
    r"[^;\n]{0,40}?\b(?:hatte|hatten|hat|haben|wurde|wurden)\b[^.;]{0,80}?\bdem\s+"
    rf"(?P<body>{_BODY})\b[^.;]{{0,150}}?\b(?:erläutert|berichtet|vorgestellt|präsentiert|"
    r"dargestellt|vorgetragen|vorgelegt)\b"
)

#: The same with the body before the day, in the passive: "Die Ergebnisse wurden der
#: Steuerungsgruppe am 11.08.2022 vorgestellt", "wurde der Ausschuss bereits am 10. Mai 2022
#: informiert".
_BODY_BEFORE_DAY = re.compile(
    rf"\b(?:wurde|wurden)\s+(?:[^.;]{{0,60}}?\s)?(?:dem|der|den)\s+(?P<body>{_BODY})\s+"
    r"(?:[^.;]{0,30}?\s)?am\s+$"
)
_REPORTED_AFTER_DAY = re.compile(
    r"[^.;]{0,60}?\b(?:erläutert|berichtet|vorgestellt|präsentiert|dargestellt|vorgetragen|"
    r"informiert|unterrichtet|vorgelegt)\b"
)


def reported_sessions(text: str, dates: list[tuple[int, str | None]]) -> list[Meeting]:
    """Sessions in which a body was given a report, told with their day (see
    :data:`_REPORTED_TO`, :data:`_BODY_BEFORE_DAY`)."""
    found: list[Meeting] = []
    for start, iso in dates:
        if not iso:
            continue
        report = _REPORTED_TO.match(text, start)
        if report:
            found.append(Meeting(start, report.end(), f"Sitzung {_genitive(report['body'])}", iso))
            continue
        told = _BODY_BEFORE_DAY.search(text, max(0, start - 160), start)
        day = _DAY_WORDS.match(text[start : start + 40]) if told else None
        verb = _REPORTED_AFTER_DAY.match(text, start + day.end()) if told and day else None
        if told and verb:
            name = f"Sitzung {_genitive(told['body'])}"
            found.append(Meeting(told.start("body"), verb.end(), name, iso))
    return found


#: A presentation told in the perfect with its day: "hat heute (11.01.2017) in Düsseldorf die
#: neuen, teilnehmenden Kommunen der Initiative vorgestellt" (a report to a body is a session,
#: :data:`_REPORTED_TO`).
_PRESENTED = re.compile(
    r"\b(?:hat|haben|hatte|hatten)\b(?P<middle>(?:[^.;:]|(?<=\d)\.(?=\d|\s*\d{4})|(?<=\d)\.(?=\s)){0,160}?)"
    r"\b(?:vorgestellt|präsentiert)\b"
)
#: The day as written at the start of a text ("11.01.2017)", "12. März 2019").
_DAY_WORDS = re.compile(r"^\d{1,2}\.\s*(?:\d{1,2}\.|[A-ZÄÖÜ][a-zäöü]+)\s*(?:\d{4})?\S*")
#: Between the day and what was presented: its brackets, the place.
_BEFORE_OBJECT = re.compile(r"^[\s)\],]*(?:(?:in|im)\s+(?:der\s+|dem\s+)?[A-ZÄÖÜ][\wäöüß-]*\s+)?")


def presentations(text: str, dates: list[tuple[int, str | None]]) -> list[Meeting]:
    """Presentations told with their day (see :data:`_PRESENTED`), named after what was
    presented ("Vorstellung (die neuen, teilnehmenden Kommunen der Initiative)")."""
    found: list[Meeting] = []
    for verb in _PRESENTED.finditer(text):
        if re.search(rf"\bdem\s+{_BODY}\b", verb["middle"]):
            continue  # told to a body: its session
        middle = range(verb.start("middle"), verb.end("middle"))
        dated = [(s, iso) for s, iso in dates if iso and s in middle]
        if not dated:
            continue
        start, iso = dated[0]
        after = _DAY_WORDS.sub("", text[start : verb.end("middle")], count=1)
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
        name = f"Treffen {_genitive(match['body'])}{rest}"
        found.append(Meeting(match.start("body"), match.end(), name, None))
    return found


#: A council system's Beratungsfolge up to the paper's next part; its rows marked "Erledigt"
#: or with their result ("ungeändert beschlossen") are sessions that took place (planned rows
#: are no events).
_CONSULTATIONS = re.compile(
    r"\bBeratungsfolge\b(?P<rows>.{0,1500}?)(?=\b(?:Beschlussvorschlag|Betreff|Sachverhalt|"
    r"Begründung|Erläuterungen?)\b|\Z)",
    re.DOTALL,
)
_DONE = re.compile(
    r"\b(?:Erledigt|erledigt|(?:ungeändert|einstimmig|mehrheitlich)\s+beschlossen|"
    r"zur\s+Kenntnis\s+genommen)\b"
)


def held_consultations(text: str) -> list[Meeting]:
    """A session per date of a Beratungsfolge whose rows are marked done ("● Erledigt |
    Schulausschuss | ... | 27.04.2021"); offsets in ``text``."""
    found: list[Meeting] = []
    for block in _CONSULTATIONS.finditer(text):
        if _DONE.search(block["rows"]):
            offset = block.start("rows")
            found += [
                Meeting(offset + day.start, offset + day.end, "Sitzung", day.iso)
                for day in find_dates(block["rows"])
            ]
    return found


#: A session line of a council system: "Sitzung: 09.12.2019", "Sitzungstermin: Dienstag, ...".
_SESSION_LINE = re.compile(
    r"^[ \t]*(?:Sitzung|Sitzungstermin|Sitzungsdatum|Datum\s+der\s+Sitzung)[ \t]*:[ \t]*",
    re.MULTILINE,
)


def session_lines(text: str, dates: list[tuple[int, str | None]]) -> list[Meeting]:
    """The session a council system's header names ("Sitzung: 09.12.2019"), also when its
    sentence goes on into the decision; ``dates`` and offsets in ``text``."""
    found: list[Meeting] = []
    for line in _SESSION_LINE.finditer(text):
        dated = [(start, iso) for start, iso in dates if 0 <= start - line.end() <= 12 and iso]
        if dated:
            start, iso = dated[0]
            found.append(Meeting(line.start(), start + 10, "Sitzung", iso))
    return found
