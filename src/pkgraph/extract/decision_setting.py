"""Where a document's decisions are taken: its Beratungsfolge (the deciding consultation), the
session that minutes record (labelled "Gremium:" / "Sitzung: 09.12.2019", or "Niederschrift
über die Sitzung des ... am ..."), and the body a sentence names as deciding.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from pkgraph.extract.bodies import BodyContext, BodyHit, find_body_hits, with_default_owner
from pkgraph.extract.dates import FoundDate, find_dates
from pkgraph.extract.programs import ProgramHit
from pkgraph.extract.text import DocumentText, Span, normalise_space
from pkgraph.records import Consultation, Decision, Vote

EXTRACTOR = "decisions"
DECIDING_KINDS = ("council", "committee")
_WHO_DECIDES = re.compile(
    r"Entscheidung|Beschlussfassung|Beschluss\s+(?:des|der)|zust(?:ä|a)ndig|beschlie(?:ß|ss)t"
)
_DECIDING_ROLE = re.compile(r"(?i)beschl|entsch")

#: The session that minutes record: "Niederschrift über die Sitzung des ...", "Beschluss aus
#: der Sitzung des ...", labelled "Gremium: ..." / "Sitzung: 09.12.2019".
_SESSION_BEFORE = re.compile(
    r"\b(?:Sitzung|Niederschrift|Protokoll|Beschlussauszug|Tagesordnung)\s+(?:des|der)\s+$"
)
#: A weekday before a labelled date ("Do, 07.02.2008", "Mittwoch, 10.07.2013").
_WEEKDAY = r"(?:[A-Z][a-z]{1,9}\.?,?[ \t]*)?"
_SESSION_LABEL = re.compile(
    r"^[ \t*#-]*(?:Sitzung|Sitzungsdatum|Sitzungstermin|Sitzungstag|Datum\s+der\s+Sitzung)"
    rf"[ \t*]*:?[ \t]*(?:am|vom)?[ \t]*{_WEEKDAY}(?=\d)",
    re.MULTILINE | re.IGNORECASE,
)
#: In the head of an extract labelled with its Gremium, "Datum:" / "Tag:" is the session's.
_DATE_LABEL = re.compile(
    rf"^[ \t*#-]*(?:Datum|Tag)[ \t*]*:[ \t]*{_WEEKDAY}(?=\d)", re.MULTILINE | re.IGNORECASE
)
_BODY_LABEL = re.compile(r"^[ \t*#-]*Gremium[ \t*]*:?[ \t]*(?P<body>[^\n]+)", re.MULTILINE)
#: The lines of a page's header, where a TOP page names its Gremium.
PAGE_HEAD_LINES = 3
#: Where a document's head (its labels and session line) ends.
HEAD_CHARS = 800
#: How far after the body of a session ("Sitzung des Jugendhilfeausschusses am Dienstag,
#: 17.11.2020") its date may stand.
MAX_SESSION_DATE_DISTANCE = 60
#: A sentence naming the session a paper is put before ("auf die Tagesordnung der Sitzung des
#: Kreistages am ...", "Antrag zur Sitzung des ...").
SUBMITTED_TO = re.compile(r"\bzur\s+Sitzung\b|Tagesordnung")


@dataclass(frozen=True)
class DecisionInputs:
    """What decision extraction reads besides the text."""

    body_hits: tuple[BodyHit, ...]
    body_context: BodyContext
    consultations: tuple[Consultation, ...]
    program_hits: tuple[ProgramHit, ...]
    main_program: str | None
    own_reference: str | None
    #: The document's own date, to date a day without a year ("in seiner gestrigen (13.02.)
    #: Sitzung"; :func:`pkgraph.extract.dates.resolve_day`).
    document_date: date | None = None


@dataclass(frozen=True)
class Setting:
    """What the document says about where its decisions are taken."""

    consultations: tuple[tuple[Consultation, BodyHit], ...]
    #: The consultation marked beschließend/Entscheidung, else the last one.
    deciding: BodyHit | None
    #: The body and date of the session minutes record.
    session_body: BodyHit | None
    session_date: str | None

    def consultation_date(self, body: BodyHit) -> str | None:
        return next((c.date for c, hit in self.consultations if hit.key == body.key), None)


# --- the document's setting -------------------------------------------------------------------


def first_deciding_body(text: str, context: BodyContext) -> BodyHit | None:
    """The first council or committee named in ``text`` (a consultation row, a label)."""
    hits = [h for h in find_body_hits(text, context) if h.kind in DECIDING_KINDS]
    return hits[0] if hits else None


def _session(
    doc: DocumentText, inputs: DecisionInputs, context: BodyContext
) -> tuple[BodyHit | None, str | None]:
    """Body and date of the session the document's head names (minutes, extracts)."""
    head = doc.text[:HEAD_CHARS]
    body = None
    label = _BODY_LABEL.search(head)
    if label:
        body = first_deciding_body(label.group("body"), context)
    for hit in inputs.body_hits:
        if body is not None or hit.start >= HEAD_CHARS:
            break
        if hit.kind in DECIDING_KINDS and (
            _SESSION_BEFORE.search(doc.text[max(0, hit.start - 30) : hit.start])
            or _alone_on_its_line(doc, hit)
        ):
            body = hit
    date_label = _SESSION_LABEL.search(head) or (_DATE_LABEL.search(head) if label else None)
    dates = find_dates(head[date_label.end() : date_label.end() + 12]) if date_label else []
    date = dates[0].iso if dates else None
    if date is None and body is not None:
        date = session_date(doc, body, inputs.body_hits)
    return body, date


def _alone_on_its_line(doc: DocumentText, hit: BodyHit) -> bool:
    """One of the first lines of the page is only a body's name: the Gremium of a council
    system's TOP page."""
    line_start = doc.text.rfind("\n", 0, hit.start) + 1
    if len([line for line in doc.text[:line_start].split("\n") if line.strip()]) >= PAGE_HEAD_LINES:
        return False
    line_end = doc.text.find("\n", hit.end)
    line = doc.text[line_start : line_end if line_end >= 0 else len(doc.text)]
    return line.strip(" \t#*") == doc.text[hit.start : hit.end]


def find_setting(doc: DocumentText, inputs: DecisionInputs) -> Setting:
    """The consultations with their bodies (named as in the document: its default owner too),
    the deciding one, and the session the document's head names."""
    context = with_default_owner(doc.text, inputs.body_context)
    consultations = tuple(
        (c, hit) for c in inputs.consultations if (hit := first_deciding_body(c.body, context))
    )
    deciding = next(
        (h for c, h in consultations if c.role and _DECIDING_ROLE.search(c.role)),
        consultations[-1][1] if consultations else None,
    )
    session_body, date = _session(doc, inputs, context)
    return Setting(consultations, deciding, session_body, date)


def session_date(
    doc: DocumentText,
    body: BodyHit,
    body_hits: tuple[BodyHit, ...],
    naming: re.Pattern[str] | None = None,
) -> str | None:
    """The date of the first session of ``body`` the text names (in a sentence ``naming``
    matches, when given): when minutes record a Beschluss, it was taken in that session; a
    proposal goes before the session it is put on the agenda of."""
    for hit in body_hits:
        if hit.key != body.key or not _SESSION_BEFORE.search(
            doc.text[max(0, hit.start - 20) : hit.start]
        ):
            continue
        sentence = doc.sentence_at(hit.start)
        if naming and not naming.search(doc.text[sentence.start : sentence.end]):
            continue
        if (day := _day_after(doc, hit, sentence.end)) is not None:
            return day.iso
    return None


def submitted_sessions(
    doc: DocumentText, body_hits: tuple[BodyHit, ...]
) -> list[tuple[BodyHit, str, Span]]:
    """Sessions the paper is put before ("Antrag zur Sitzung des Kreisausschusses am
    23.02.2022"): body, date and the words that say so."""
    found = []
    for hit in body_hits:
        if hit.kind not in DECIDING_KINDS:
            continue
        session = _SESSION_BEFORE.search(doc.text[max(0, hit.start - 20) : hit.start])
        sentence = doc.sentence_at(hit.start)
        if session is None or not SUBMITTED_TO.search(doc.text[sentence.start : hit.start]):
            continue
        if (day := _day_after(doc, hit, sentence.end)) is not None:
            found.append((hit, day.iso, Span(sentence.start, hit.end + day.end)))
    return found


#: A body named as the next of a list of sessions ("Sitzung des Ausschusses X am 19.11.2014
#: sowie des Jugendhilfeausschusses am 18.11.2014").
_NEXT_SESSION_BEFORE = re.compile(r"\b(?:sowie|und)\s+(?:des|der)\s+$")


def sessions_in(
    doc: DocumentText, span: Span, body_hits: tuple[BodyHit, ...]
) -> list[tuple[BodyHit, str]]:
    """The sessions ``span`` names with their dates: each deciding body after "Sitzung des"
    (or after "sowie des" in a list of sessions) with a date right after it."""
    found = []
    for hit in body_hits:
        if not span.start <= hit.start < span.end or hit.kind not in DECIDING_KINDS:
            continue
        before = doc.text[max(span.start, hit.start - 20) : hit.start]
        if not (_SESSION_BEFORE.search(before) or _NEXT_SESSION_BEFORE.search(before)):
            continue
        if (day := _day_after(doc, hit, span.end)) is not None:
            found.append((hit, day.iso))
    return found


def _day_after(doc: DocumentText, hit: BodyHit, end: int) -> FoundDate | None:
    """The first date right after a session's body (before ``end``), relative to the body."""
    dates = find_dates(doc.text[hit.end : min(end, hit.end + MAX_SESSION_DATE_DISTANCE)])
    return dates[0] if dates else None


def deciding_body_from_text(doc: DocumentText, inputs: DecisionInputs) -> BodyHit | None:
    """The body a sentence names as deciding ("eine Entscheidung durch den Kreistag")."""
    chosen: BodyHit | None = None
    for hit in inputs.body_hits:
        if hit.kind not in DECIDING_KINDS:
            continue
        sentence = doc.sentence_at(hit.start)
        if not _WHO_DECIDES.search(doc.text[sentence.start : sentence.end]):
            continue
        if chosen is None or (hit.kind == "council") >= (chosen.kind == "council"):
            chosen = hit
    return chosen


def program_in(span: Span, inputs: DecisionInputs) -> str | None:
    """The program the span names (a local project's parent), else the document's."""
    for hit in inputs.program_hits:
        if span.start <= hit.start < span.end:
            return hit.parent_key or hit.key
    return inputs.main_program


def make_decision(
    doc: DocumentText,
    inputs: DecisionInputs,
    body: BodyHit | None,
    span: Span,
    date: str | None,
    kind: str,
    vote: Vote | None,
    confidence: float,
) -> Decision:
    """A decision of ``body`` quoting ``span``, about the program named in it."""
    text = normalise_space(doc.text[span.start : span.end])
    return Decision(
        body=body.name if body else None,
        body_key=body.key if body else None,
        date=date,
        kind=kind,
        text=text,
        vote=vote,
        program_key=program_in(span, inputs),
        paper=inputs.own_reference,
        evidence=doc.evidence(span.start, span.end, EXTRACTOR, confidence),
    )
