"""Meetings a text names by who met rather than by an event noun.

A body with the day of its session ("im Ausschuss für Jugend und Familie am 30.11.2021" →
"Sitzung des Ausschusses für Jugend und Familie"), and a verb of meeting with a date ("Der
Lenkungskreis tagte am 03.03.2021" → "Treffen (Lenkungskreis)", "Am 11. Oktober trafen sich die
Netzwerkpartner", "Die Steuerungsgruppe hat sich am 12.10.2020 konstituiert"). Only a locative
"im"/"in der" marks a session: "dem Rat am ... vorgelegt" plans one, "Beschluss des Rates vom
..." is a decision.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Bodies that hold sessions, in any case ending: "Jugendhilfeausschuss", "Rat", "Kreistag".
_BODY = (
    r"(?:[A-ZÄÖÜ][\wäöüß-]*ausschuss|Ausschuss|Rat|Kreistag|Beirat|Arbeitskreis|Lenkungskreis|"
    r"[A-ZÄÖÜ][\wäöüß-]*gruppe|Bezirksvertretung|Bezirksausschuss)(?:es|s|e|en)?"
)
_FEMININE = re.compile(r"(?:gruppe|vertretung)$")
#: The body and its complement right before "am <date>".
_BODY_SESSION = re.compile(
    rf"\b(?:im|in\s+(?:der|dem|seiner|ihrer))\s+(?:(?:[a-zäöüß]+(?:en|em|er))\s+)?"
    rf"(?P<body>{_BODY})(?P<rest>\s+(?:für|der|des)\s+[^.;:()\d]{{3,80}}?)?\s+am\s+$"
)
_MEETING_VERB = re.compile(
    r"\b(?:tagte|tagten|tagt|trafen\s+sich|traf\s+sich|trifft\s+sich|treffen\s+sich|"
    r"(?:kamen|kommen|kommt|kam)\s+[^;]{0,80}?\bzusammen|konstituierte\s+sich|"
    r"(?:hat|haben)\s+sich\s+[^;]{0,60}?\bkonstituiert)\b"
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
    iso: str


def _genitive(body: str) -> str:
    """ "Jugendhilfeausschuss" → "des Jugendhilfeausschusses", "Steuerungsgruppe" → "der ..."."""
    if _FEMININE.search(body):
        return f"der {body}"
    stem = re.sub(r"(?:es|s|e|en)$", "", body) if not body.endswith("ss") else body
    stem = stem if re.search(r"(?:ausschuss|Ausschuss|Rat|tag|rat|kreis)$", stem) else body
    return f"des {stem}es"


def body_sessions(text: str, dates: list[tuple[int, str | None]]) -> list[Meeting]:
    """Sessions of a body named right before "am <date>" after "im"/"in der"."""
    found: list[Meeting] = []
    for start, iso in dates:
        if iso is None:
            continue
        lead = _BODY_SESSION.search(text[max(0, start - 140) : start])
        if lead:
            rest = re.sub(r"\s+", " ", lead["rest"] or "")
            name = f"Sitzung {_genitive(lead['body'])}{rest}"
            found.append(Meeting(start - len(lead.group()), start + 10, name, iso))
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
