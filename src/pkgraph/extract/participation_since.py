"""The start of a participation (``since``): only what the text states, strongest first.

"seit 2018", "seit diesem Jahr", "seit Beginn des vergangenen Jahres" (the year before the
document's), a date or year with a joining word ("zum 01.04.2020 beigetreten"), "seit Beginn
des Modellvorhabens" (the program's first year); a decision to take part (the year of the
decision); a municipality joining now ("schließt sich ... an", "vereinbart, dass sich X
beteiligt": the document's year); the start of the program the document announces ("Das
Projekt startet im Jahr 2012", not before the document's year) or a phase that began in the
document's year (its first year); the date of an application. Nothing stated, no start.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from pkgraph.extract.dates import MONTHS, WRITTEN_MONTH_NAMES, YEAR, find_dates
from pkgraph.extract.participation_cues import TRITT_BEI
from pkgraph.extract.participation_inputs import ParticipationInputs
from pkgraph.extract.participation_programs import sentence_program
from pkgraph.extract.program_catalogue import CATALOGUE_BY_KEY
from pkgraph.extract.text import DocumentText, Span

_SINCE_YEAR = re.compile(
    rf"\b(?:[Ss]eit|[Aa]b)\s+(?:dem\s+Jahre?\s+|(?:Anfang|Mitte|Ende|Beginn)\s+(?:des\s+Jahres\s+)?|"
    rf"(?P<month>{WRITTEN_MONTH_NAMES})\s+)?(?P<year>(?:19|20)\d{{2}})\b",
    re.IGNORECASE,
)
#: "seit diesem Jahr", "seit Beginn des Jahres" (the document's year); "seit Beginn des
#: vergangenen Jahres", "seit dem Vorjahr" (the year before it).
_SINCE_RELATIVE_YEAR = re.compile(
    r"\b[Ss]eit\s+(?:(?:Beginn|Anfang|Mitte|Ende|Start)\s+)?(?:(?:des|dieses|diesem|dem)\s+)?"
    r"(?:(?P<before>(?:vergangenen|letzten|vergangenem|letztem)\s+Jahr(?:es)?|Vorjahr(?:es)?)|"
    r"(?:laufenden\s+)?Jahr(?:es)?)\b(?!\s*\d)"
)
_DATE_PREPOSITION = re.compile(r"\b(?:seit|ab|zum|am|vom)\s+(?:dem\s+)?$", re.IGNORECASE)
_SINCE_PREPOSITION = re.compile(r"\b(?:seit|ab)\s+(?:dem\s+)?$", re.IGNORECASE)
_STATED_YEAR = re.compile(
    rf"\b(?:im\s+Jahre?\s+|zum\s+Jahr\s+|(?:Anfang|Mitte|Ende|Fr(?:ü|u)hjahr|Sommer|Herbst|"
    rf"Winter)\s+|(?:im\s+)?(?P<month>{WRITTEN_MONTH_NAMES})\s+)(?P<year>(?:19|20)\d{{2}})\b",
    re.IGNORECASE,
)
_JOINING = re.compile(
    rf"aufgenommen|hinzugekommen|beigetreten|[Bb]eitritt|angeschlossen|{TRITT_BEI}|"
    r"schlie(?:ß|ss)(?:t|en)\s+sich|"
    r"[Aa]usgew(?:ä|a)hlt|eingestiegen|[Ee]instieg"
)
_DECIDED = re.compile(r"\bbeschlie(?:ß|ss)t\b|\bbeschlossen\b")
_TAKING_PART = re.compile(r"Teilnahme|Beitritt|teilzunehmen|beizutreten|Beteiligung")
_JOINING_NOW = re.compile(
    r"\bschlie(?:ß|ss)(?:t|en)\s+sich\b|\bab\s+sofort\b|"
    r"\b(?:jetzt|nun|neu)\b[^.]{0,80}?\b(?:aufgenommen|hinzugekommen|beigetreten|"
    r"ausgew(?:ä|a)hlt)\b|"
    r"\b(?:vereinbart|beschlossen|entschieden|verst(?:ä|a)ndigt|festgelegt)\b[^.]{0,60}\bdass\b"
    r"[^.]{0,200}?(?:beteilig|teilnimmt|teilnehmen|mitwirkt|beitritt)"
)
_ONGOING = re.compile(r"\b(?:bereits|schon|bisher\w*|weiterhin|seit|nach\s+wie\s+vor|damals)\b")
#: "seit Beginn des Modellvorhabens", "von Anfang an": since the program began.
_SINCE_PROGRAM_START = re.compile(
    r"\bseit\s+(?:dem\s+)?(?:Beginn|Start|Anfang)\s+(?:des|der)\s+[\w-]*(?:[Pp]rojekt|[Pp]rogramm|"
    r"[Vv]orhaben|[Ii]nitiative)|\bvon\s+Anfang\s+an\b"
)
_PROGRAM_STARTS = re.compile(
    r"\b(?:start(?:et|ete|eten|en)|beginn(?:t|en)|begann(?:en)?|gestartet|begonnen)\b"
)
_PROGRAM_WORD = re.compile(r"[Pp]rojekt|[Pp]rogramm|[Vv]orhaben|[Ii]nitiative")
_UNTIL_BEFORE = re.compile(r"\bbis\s+(?:\w+\s+)?$")
_APPLIED = re.compile(r"[Bb]ewerbung|beworben|bewirbt|Antrag|Interessen(?:s)?bekundung")


#: How sure a start is, by rank: stated, decided, joining now, program start, application.
START_CONFIDENCE = {1: 0.85, 2: 0.8, 3: 0.7, 4: 0.65, 5: 0.6}


@dataclass(frozen=True)
class Start:
    """A participation's start as the text states it."""

    value: str  # ISO date, year-month or year
    rank: int  # 1 stated ("seit 2018") ... 5 the date of an application; lower is stronger
    span: Span  # where the text states it (repaired offsets)


def _times(doc: DocumentText, sentence: Span, introduced_by: re.Pattern[str]) -> list[Start]:
    """Dates and years in ``sentence`` that a time word introduces (rank left at 0)."""
    text = doc.text[sentence.start : sentence.end]
    found = [
        Start(d.iso, 0, Span(sentence.start + d.start, sentence.start + d.end))
        for d in find_dates(text)
        if introduced_by.search(text[max(0, d.start - 12) : d.start])
    ]
    for match in _STATED_YEAR.finditer(text):
        if not _UNTIL_BEFORE.search(text[max(0, match.start() - 12) : match.start()]):
            span = Span(sentence.start + match.start(), sentence.start + match.end())
            found.append(Start(_year_or_month(match), 0, span))
    return found


def _year_or_month(match: re.Match[str]) -> str:
    """ "Mai 2017" -> "2017-05", "2017" -> "2017"."""
    month = match["month"]
    return f"{match['year']}-{MONTHS[month.lower()]:02d}" if month else match["year"]


def _single(times: list[Start], rank: int) -> Start | None:
    values = {t.value for t in times}
    return replace(times[0], rank=rank) if len(values) == 1 else None


def stated_start(doc: DocumentText, sentence: Span, inputs: ParticipationInputs) -> Start | None:
    """A start the sentence states in words ("seit 2018", "seit diesem Jahr", "zum 01.04.2020
    beigetreten"), rank 1."""
    text = doc.text[sentence.start : sentence.end]
    since_dates = [
        t for t in _times(doc, sentence, _SINCE_PREPOSITION) if len(t.value) == len("2012-06-05")
    ]
    if since_dates:
        return replace(since_dates[0], rank=1)
    if match := _SINCE_YEAR.search(text):
        span = Span(sentence.start + match.start(), sentence.start + match.end())
        return Start(_year_or_month(match), 1, span)
    if (match := _SINCE_RELATIVE_YEAR.search(text)) and inputs.year is not None:
        year = inputs.year - 1 if match["before"] else inputs.year
        return Start(
            str(year), 1, Span(sentence.start + match.start(), sentence.start + match.end())
        )
    if _JOINING.search(text):
        times = _times(doc, sentence, _DATE_PREPOSITION) or _bare_years(text, sentence)
        return _single(times, 1)
    return None


_DATE_JOINERS = (".", "/", "-")


def _bare_years(text: str, sentence: Span) -> list[Start]:
    """Years standing alone ("ist 2019 beigetreten"), not in a date, a reference or after
    "bis" (rank left at 0)."""
    return [
        Start(m.group(1), 0, Span(sentence.start + m.start(), sentence.start + m.end()))
        for m in YEAR.finditer(text)
        if text[max(0, m.start() - 1) : m.start()] not in _DATE_JOINERS
        and not re.match(r"[./-]\d", text[m.end() : m.end() + 2])
        and not _UNTIL_BEFORE.search(text[max(0, m.start() - 12) : m.start()])
    ]


def _since_program_start(text: str, sentence: Span, program_key: str) -> Start | None:
    """ "seit Beginn des Modellvorhabens": the start year of the program, when catalogued."""
    entry = CATALOGUE_BY_KEY.get(program_key)
    match = _SINCE_PROGRAM_START.search(text)
    if entry is None or entry.since_year is None or match is None:
        return None
    return Start(
        str(entry.since_year), 1, Span(sentence.start + match.start(), sentence.start + match.end())
    )


def start_in(
    doc: DocumentText, sentence: Span, inputs: ParticipationInputs, program_key: str
) -> Start | None:
    """The start a participation sentence states, by rank (the program's start aside)."""
    text = doc.text[sentence.start : sentence.end]
    if stated := stated_start(doc, sentence, inputs) or _since_program_start(
        text, sentence, program_key
    ):
        return stated
    decided = _DECIDED.search(text)
    if decided and _TAKING_PART.search(text):
        dated = _single(_times(doc, sentence, _DATE_PREPOSITION), 2)
        if dated:
            return replace(dated, value=dated.value[:4])
        if inputs.decision_year is not None:
            span = Span(sentence.start + decided.start(), sentence.start + decided.end())
            return Start(str(inputs.decision_year), 2, span)
    joining = _JOINING_NOW.search(text)
    if joining and not _ONGOING.search(text) and inputs.year is not None:
        span = Span(sentence.start + joining.start(), sentence.start + joining.end())
        return Start(str(inputs.year), 3, span)
    if _APPLIED.search(text):
        applied = _single(_times(doc, sentence, _DATE_PREPOSITION), 5)
        return replace(applied, value=applied.value[:4]) if applied else None
    return None


def program_starts(doc: DocumentText, inputs: ParticipationInputs) -> dict[str, Start]:
    """Per program, the start year the document announces ("Das Projekt startet im Jahr
    2012"), when it is not before the document's own year (so its participants start then)."""
    starts: dict[str, Start] = {}
    if inputs.year is None:
        return starts
    for index, sentence in enumerate(doc.sentence_spans):
        text = doc.text[sentence.start : sentence.end]
        if not _PROGRAM_STARTS.search(text) or not _PROGRAM_WORD.search(text):
            continue
        years = [
            int(match.group(1))
            for match in YEAR.finditer(text)
            if not _UNTIL_BEFORE.search(text[max(0, match.start() - 12) : match.start()])
        ]
        program = sentence_program(doc, index, inputs)
        if years and program and min(years) >= inputs.year:
            starts.setdefault(program, Start(str(min(years)), 4, sentence))
    return starts


def phase_start(program_key: str, evidence: Span, inputs: ParticipationInputs) -> Start | None:
    """A phase that begins in the document's year ("Für ganz Nordrhein-Westfalen", 2017):
    whoever the document says takes part in it joined that year."""
    entry = CATALOGUE_BY_KEY.get(program_key)
    if entry is None or entry.part_of is None or entry.since_year != inputs.year:
        return None
    return Start(str(entry.since_year), 4, evidence)
