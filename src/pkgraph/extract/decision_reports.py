"""Decisions a text reports rather than makes: "Der Kreistag hat in der Sitzung vom 12.12.2018
dem Leitbild zugestimmt", "Das Bundesministerium ... hat das Konzept erneut genehmigt",
"Einstimmig hat der Rat ... beschlossen". A body before the decision verb, no modal or
question; the date is the session's near the body (not a start or deadline), and without a
date the body must be the subject of a perfect-tense report.
"""

from __future__ import annotations

import re
from dataclasses import replace

from pkgraph.extract.bodies import BodyHit
from pkgraph.extract.dates import FoundDate, find_dates
from pkgraph.extract.decision_setting import DECIDING_KINDS, DecisionInputs, make_decision
from pkgraph.extract.decision_text import decision_kind, parse_vote
from pkgraph.extract.refs import find_refs
from pkgraph.extract.text import DocumentText, Span
from pkgraph.records import Decision

REPORTING_KINDS = ("council", "committee", "conference", "working_group", "ministry")
DECISION_VERB = re.compile(
    r"\b(?:zugestimmt|zur\s+Kenntnis\s+genommen|beschlossen|verabschiedet|genehmigt|"
    r"bewilligt|beauftragt)\b"
)
#: Only a council or committee recommends as a decision ("hat ... die Teilnahme empfohlen").
_RECOMMENDED = re.compile(r"\bempfohlen\b")
_MODAL = re.compile(
    r"\b(?:soll(?:en|te|ten)?|wird\s+\S+\s+werden|werden\s+\S+\s+werden|würde[n]?|möge|"
    r"könnte[n]?|müsste[n]?)\b"
)

#: The body is the subject right at the start of its clause: "Der Rat hat ...", "Bereits am
#: 24.11.2021 hat der Jugendhilfeausschuss ...".
_SUBJECT_BEFORE = re.compile(
    r"(?:^\s*|[.:;]\s+|\bhat\s+|\bhaben\s+|\bwurde\s+|\bund\s+)(?:der|die|das|Der|Die|Das)?\s*$"
)


def reported_decisions(
    doc: DocumentText, inputs: DecisionInputs, skip: list[Span]
) -> list[Decision]:
    """Every sentence outside ``skip`` (the paper's own decisions) that reports one."""
    decisions = []
    for sentence in doc.sentence_spans:
        if any(sentence.overlaps(span) for span in skip):
            continue
        text = doc.text[sentence.start : sentence.end]
        verb = DECISION_VERB.search(text) or _RECOMMENDED.search(text)
        if not verb or _MODAL.search(text) or text.rstrip()[-1:] == "?":
            continue
        kinds = DECIDING_KINDS if verb.re is _RECOMMENDED else REPORTING_KINDS
        bodies = [
            h
            for h in inputs.body_hits
            if sentence.start <= h.start < sentence.start + verb.start() and h.kind in kinds
        ]
        if not bodies:
            continue
        dates = _dates_near(text, bodies[0].start - sentence.start, bodies[0].end - sentence.start)
        if not (dates or _is_subject(doc, sentence, bodies[0])):
            continue
        refs = find_refs(text)
        decision = make_decision(
            doc,
            inputs,
            bodies[0],
            sentence,
            _reported_date(text, dates),
            decision_kind(text),
            parse_vote(text),
            0.8 if dates else 0.7,
        )
        decisions.append(replace(decision, paper=refs[0].reference if refs else None))
    return decisions


#: The date of a reported decision follows its session: "in seiner Sitzung vom 13. März 2025".
_SESSION_DATE_BEFORE = re.compile(r"(?:Sitzung|Beschluss)\s+(?:\S+\s+){0,2}(?:am|vom)\s+$")


#: How far before and after its body a reported decision's date stands ("Am 01.04.2009 hatte
#: der Rat ...", "Der Rat hat in seiner Sitzung vom 12.12.2018 ..."); a date further away in a
#: long run of text (a document head without sentence breaks) is another date.
DATE_BEFORE_BODY, DATE_AFTER_BODY = 60, 120


#: Dates that are not when a decision was taken: the paper's own date, a start or deadline
#: ("Datum: 06.11.2006", "mit Wirkung zum 01.08.2009", "ab dem 01.01.2022", "bis 31.12.").
_NOT_DECIDED_ON = re.compile(r"(?:Datum|Stand|zum|ab|dem|bis|seit)\s*:?\s*$")


def _dates_near(text: str, body_start: int, body_end: int) -> list[FoundDate]:
    """Dates close enough to the body to be its session's, except starts and deadlines."""
    return [
        found
        for found in find_dates(text)
        if body_start - DATE_BEFORE_BODY <= found.start <= body_end + DATE_AFTER_BODY
        and not _NOT_DECIDED_ON.search(text[max(0, found.start - 12) : found.start])
    ]


def _reported_date(text: str, dates: list[FoundDate]) -> str | None:
    """The session's date when the sentence names one, else its first date."""
    for found in dates:
        if _SESSION_DATE_BEFORE.search(text[max(0, found.start - 40) : found.start]):
            return found.iso
    return dates[0].iso if dates else None


def _is_subject(doc: DocumentText, sentence: Span, body: BodyHit) -> bool:
    """The body leads the sentence as its subject, in the perfect tense of a report ("Der
    Jugendhilfeausschuss hat ... beschlossen", "Das Bundesministerium hat ... genehmigt")."""
    before = doc.text[sentence.start : body.start]
    after = doc.text[body.end : sentence.end]
    if re.search(r"\b(?:hat|haben)\s+(?:der|die|das)\s+$", before[-60:]):
        return True  # "Einstimmig hat der Rat ... beschlossen"
    return (
        len(before) <= 40
        and _SUBJECT_BEFORE.search(before) is not None
        and re.match(r"\s*(?:hat|haben)\b", after) is not None
    )


def reported_decision_sentences(doc: DocumentText) -> set[int]:
    """Indices of sentences that report a decision (events leave these to decisions)."""
    return {
        index
        for index, sentence in enumerate(doc.sentence_spans)
        if DECISION_VERB.search(doc.text[sentence.start : sentence.end])
        and not _MODAL.search(doc.text[sentence.start : sentence.end])
    }
