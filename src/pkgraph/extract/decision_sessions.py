"""Decisions a paper records for the sessions it is put before: the other rows of its
Beratungsfolge (each a Beratung), another body's session it is submitted to ("Antrag zur
Sitzung des Kreisausschusses am 23.02.2022"), and each session a motion names ("beantragt für
die nächste Sitzung des Ausschusses X am … sowie des Jugendhilfeausschusses am …")."""

from __future__ import annotations

import re

from pkgraph.extract.decision_setting import (
    DecisionInputs,
    Setting,
    make_decision,
    sessions_in,
    submitted_sessions,
)
from pkgraph.extract.decision_text import MOTION
from pkgraph.extract.text import DocumentText, Span
from pkgraph.records import Consultation, Decision


def _evidence_span(text: str, consultation: Consultation) -> Span | None:
    if consultation.date is None:
        return None
    year, month, day = consultation.date.split("-")
    body, date = re.escape(consultation.body.split()[0]), rf"{day}\.{month}\.{year}"
    match = re.search(rf"{body}[^\n]{{0,200}}?{date}", text) or re.search(
        rf"{date}[^\n]{{0,40}}?{re.escape(consultation.body)}", text
    )
    return Span(match.start(), match.end()) if match else None


def consultation_decisions(
    doc: DocumentText,
    inputs: DecisionInputs,
    setting: Setting,
    decided: set[tuple[str | None, str | None]],
) -> list[Decision]:
    """Every other row of the Beratungsfolge is a Beratung; in a table that records a role
    per row, a row without one records nothing."""
    any_role = any(c.role for c, _hit in setting.consultations)
    decisions = []
    for consultation, hit in setting.consultations:
        if (hit.key, consultation.date) in decided or (any_role and not consultation.role):
            continue
        row = _evidence_span(doc.text, consultation)
        if row is None:
            continue
        decided.add((hit.key, consultation.date))
        decisions.append(
            make_decision(doc, inputs, hit, row, consultation.date, "Beratung", None, 0.8)
        )
    return decisions


def session_consultations(
    doc: DocumentText, inputs: DecisionInputs, decided: set[tuple[str | None, str | None]]
) -> list[Decision]:
    """A paper put before another body's session ("Antrag zur Sitzung des Kreisausschusses
    am 23.02.2022") is a Beratung there."""
    decisions = []
    for hit, date, span in submitted_sessions(doc, inputs.body_hits):
        if (hit.key, date) not in decided:
            decided.add((hit.key, date))
            decisions.append(make_decision(doc, inputs, hit, span, date, "Beratung", None, 0.75))
    return decisions


#: A motion put to sessions: "beantragt für die nächste Sitzung des Ausschusses X am ... sowie
#: des Jugendhilfeausschusses am ... die Verwaltung zu beauftragen, ...".
_MOTION_TO_SESSIONS = re.compile(
    r"\bbeantrag(?:t|en)\b[^.;:]{0,40}?\b(?:für|zur)\s+(?:die\s+)?(?:nächste\s+|kommende\s+)?"
    r"Sitzung\b"
)


def motions_to_sessions(doc: DocumentText, inputs: DecisionInputs) -> list[Decision]:
    """One proposed decision per session a motion is put to, with that session's date."""
    decisions = []
    for sentence in doc.sentence_spans:
        if not _MOTION_TO_SESSIONS.search(doc.text, sentence.start, sentence.end):
            continue
        for hit, date in sessions_in(doc, sentence, inputs.body_hits):
            decisions.append(make_decision(doc, inputs, hit, sentence, date, MOTION, None, 0.75))
    return decisions
