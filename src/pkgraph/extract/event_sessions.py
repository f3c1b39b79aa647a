"""Sessions a text names by the body that met: a body with the day of its session ("im
Ausschuss für Jugend und Familie am 30.11.2021" → "Sitzung des Ausschusses für Jugend und
Familie"; also the sessions a motion goes to: "an den Jugendhilfeausschuss am 06.12.2022"),
listed days ("am 19.07.2011 und am 17.01.2014 im Kinder- und Jugendausschuss", "(JHA am
13.09.18, Rat am 06.11.18)"), a report given to a body on a day, and a council system's own
layout: the rows of a Beratungsfolge marked "Erledigt" or with their result (planned rows are
none) and its "Sitzung:" line. Only a locative "im"/"in der" marks a session: "dem Rat am ...
vorgelegt" plans one, "Beschluss des Rates vom ..." is a decision.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pkgraph.extract.body_types import COMMITTEES
from pkgraph.extract.dates import find_dates

#: Bodies that hold sessions, in any case ending: "Jugendhilfeausschuss", "Rat", "Kreistag".
BODY = (
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
    rf"(?P<body>{BODY})(?P<rest>\s+(?:für|der|des)\s+[^.;:()\d]{{3,80}}?)?"
    # "im Jugendhilfeausschuss am 14.06.", "Im Jugendhilfeausschuss (14.06.) wurde ..."; not
    # the next item of a list ("im Rat der Stadt Aachen sowie am 19.07.2011 im ...")
    r"(?<!\bsowie)(?<!\bund)\s+(?:am\s+|\(\s*)$"
)
#: A second session sharing the first one's noun: "für die nächste Sitzung des Ausschusses für
#: Soziales am 19.11.2014 sowie des Jugendhilfeausschusses am 18.11.2014".
_ELIDED_SESSION = re.compile(
    r"\bSitzung(?:en)?\s+(?:des|der)\s+[^.;:]{3,120}?\s+am\s+"
    r"\d{1,2}\.\s*(?:\d{1,2}\.|[A-ZÄÖÜ][a-zäöü]+)\s*(?:\d{4})?\s+"
    rf"(?:sowie|und)\s+(?:des|der)\s+(?P<body>{BODY})(?P<rest>\s+(?:für|der|des)\s+"
    rf"[^.;:()\d]{{3,80}}?)?\s+am\s+$"
)
#: A session its body's own sentence dates: "Der Jugendhilfeausschuss hat in seiner Sitzung am
#: 29.05.2013 beschlossen", "in seiner heutigen Sitzung (22.09.)", "in der Sitzung des
#: Jugendhilfeausschusses vom 25.4.2017".
_OWN_SESSION = re.compile(
    r"\b(?:[Ii]n\s+(?:seiner|ihrer)\s+(?:[a-zäöüß]+(?:en)\s+)?Sitzung"
    rf"|Sitzung\s+(?:des|der)\s+(?P<body>{BODY}))\s+(?:am|vom|\()\s*$"
)
_BODY_BEFORE = re.compile(rf"\b(?:[Dd]er|[Dd]ie|[Dd]as)\s+(?P<body>{BODY})\b")
#: The day as written at the start of a text ("11.01.2017)", "12. März 2019").
DAY_WORDS = re.compile(r"^\d{1,2}\.\s*(?:\d{1,2}\.|[A-ZÄÖÜ][a-zäöü]+)\s*(?:\d{4})?\S*")


@dataclass(frozen=True)
class Meeting:
    """A meeting found in a sentence (offsets relative to it)."""

    start: int
    end: int
    name: str
    iso: str | None


def genitive(body: str) -> str:
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
    rf"(?:im|in\s+der\s+Sitzung\s+des)\s+(?P<body>{BODY})\b"
)
#: Sessions listed in brackets after what they decided: "beschlossen (JHA am 13.09.18, Rat am
#: 06.11.18)".
_LISTED_SESSION = re.compile(rf"[(,;]\s*(?P<body>{BODY}|{'|'.join(COMMITTEES)})(?P<rest>)\s+am\s+$")
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
    rf"\b(?:[Ff]ür\s+den|[Ii]m)\s+(?P<body>{BODY})\s+steht\s+[^.;]{{0,60}}?\bam\s+"
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
        day = DAY_WORDS.match(text[start : start + 40])
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
            found.append(Meeting(start, after.end(), f"Sitzung {genitive(after['body'])}", iso))
            continue
        elif agenda and day and _ON_THE_AGENDA.match(text, start + day.end()):
            begin = start - len(agenda.group())
            found.append(Meeting(begin, start + 10, f"Sitzung {genitive(agenda['body'])}", iso))
            continue
        else:
            continue
        rest = re.sub(r"\s+", " ", lead["rest"] or "")
        name = f"Sitzung {genitive(lead['body'])}{rest}"
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
        name = f"Sitzung {genitive(body)}" if body else "Sitzung"
        found.append(Meeting(lead.start(), start + 10, name, iso))
    return found


#: A report given to a body on a day, told in a past tense: "Am 2. Oktober 2012 hatte die
#: Verwaltung in einem ersten Statusbericht dem Jugendhilfeausschuss ... erläutert" (a plan,
#: "wird dem Rat am ... vorgelegt", is none).
_REPORTED_TO = re.compile(
    r"[^;\n]{0,40}?\b(?:hatte|hatten|hat|haben|wurde|wurden)\b[^.;]{0,80}?\bdem\s+"
    rf"(?P<body>{BODY})\b[^.;]{{0,150}}?\b(?:erläutert|berichtet|vorgestellt|präsentiert|"
    r"dargestellt|vorgetragen|vorgelegt)\b"
)

#: The same with the body before the day, in the passive: "Die Ergebnisse wurden der
#: Steuerungsgruppe am 11.08.2022 vorgestellt", "wurde der Ausschuss bereits am 10. Mai 2022
#: informiert".
_BODY_BEFORE_DAY = re.compile(
    rf"\b(?:wurde|wurden)\s+(?:[^.;]{{0,60}}?\s)?(?:dem|der|den)\s+(?P<body>{BODY})\s+"
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
            found.append(Meeting(start, report.end(), f"Sitzung {genitive(report['body'])}", iso))
            continue
        told = _BODY_BEFORE_DAY.search(text, max(0, start - 160), start)
        day = DAY_WORDS.match(text[start : start + 40]) if told else None
        verb = _REPORTED_AFTER_DAY.match(text, start + day.end()) if told and day else None
        if told and verb:
            name = f"Sitzung {genitive(told['body'])}"
            found.append(Meeting(told.start("body"), verb.end(), name, iso))
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
