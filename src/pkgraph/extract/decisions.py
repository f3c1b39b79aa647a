"""Decisions: the Beschlussvorschlag / Beschluss of a council paper, the rows of its
Beratungsfolge, and decisions the text reports ("Der Kreistag hat in der Sitzung vom 12.12.2018
... zugestimmt").

Precision first: a decision is only reported with a deciding body the document names — in the
decision text, in the consultation table, or in a sentence about who decides. Otherwise none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pkgraph.extract.bodies import BodyContext, BodyHit, find_body_hits
from pkgraph.extract.dates import find_dates
from pkgraph.extract.programs import ProgramHit
from pkgraph.extract.refs import find_refs
from pkgraph.extract.text import DocumentText, Span, normalise_space
from pkgraph.records import Consultation, Decision, Vote

EXTRACTOR = "decisions"
DECIDING_KINDS = ("council", "committee")
REPORTING_KINDS = ("council", "committee", "conference", "working_group")

#: Verbs of a decision, in the order their kinds are preferred when several occur.
DECISION_KINDS: tuple[tuple[str, str], ...] = (
    ("Kenntnisnahme", r"zur\s+Kenntnis"),
    ("Zustimmung", r"zugestimmt|stimm(?:t|en)\s+\S+(?:\s+\S+){0,12}?\s+zu\b|Zustimmung"),
    ("Beauftragung", r"beauftragt"),
    ("Beschluss", r"beschlie(?:ß|ss)t|beschlossen|verabschiedet|genehmigt"),
)
DECISION_VERB = re.compile(
    r"\b(?:zugestimmt|zur\s+Kenntnis\s+genommen|beschlossen|verabschiedet|genehmigt|beauftragt)\b"
)
_MODAL = re.compile(r"\b(?:soll(?:en|te|ten)?|wird\s+\S+\s+werden|werden\s+\S+\s+werden|würde)\b")
#: A decision heading: "Beschluss:" in running text, or a heading line of its own
#: ("### Beschlussvorschlag").
_SECTION_HEAD = re.compile(
    r"^[ \t#*.]*(Beschlussvorschlag|Beschlussentwurf|Beschlussempfehlung|Beschluss)\b"
    r"(?:[ \t*]*:|[ \t*]*$)[ \t*]*",
    re.MULTILINE,
)
_SECTION_END = re.compile(
    r"^[ \t#*.]*(?:Begr\S*ndung|Sachverhalt|Sachdarstellung|Abstimmungsergebnis|Unterschrift|"
    r"Anlage|Anlagen|Finanzielle|Erl\S*uterung|Datenstand|Problem|Beratungsfolge|#)",
    re.MULTILINE,
)
_WHO_DECIDES = re.compile(
    r"Entscheidung|Beschlussfassung|Beschluss\s+(?:des|der)|zust(?:ä|a)ndig|beschlie(?:ß|ss)t"
)
#: Vote labels; a count stands after them ("Dafür: 12") or, in the other style, before them
#: ("12 Ja-Stimmen, 2 Nein-Stimmen, 1 Enthaltung"). One text uses one style.
_VOTE_LABELS = {
    "yes": r"(?:Daf(?:ü|u)r|Ja-?Stimmen|Ja|Zustimmung|Stimmen\s+daf(?:ü|u)r)",
    "no": r"(?:Dagegen|Nein-?Stimmen|Nein|Ablehnung|Gegenstimmen?|Stimmen\s+dagegen)",
    "abstain": r"(?:(?:Stimm)?[Ee]nthaltung(?:en)?)",
}
_VOTE_STYLES = (
    {part: re.compile(rf"\b{label}\s*:?\s*(\d+)") for part, label in _VOTE_LABELS.items()},
    {part: re.compile(rf"(\d+)\s+{label}\b") for part, label in _VOTE_LABELS.items()},
)


@dataclass(frozen=True)
class Section:
    """A Beschlussvorschlag/Beschluss heading and its text."""

    heading: str
    text_span: Span


def find_sections(text: str) -> list[Section]:
    """Decision sections of a council paper, in order."""
    sections = []
    for match in _SECTION_HEAD.finditer(text):
        end_match = _SECTION_END.search(text, match.end())
        end = end_match.start() if end_match else len(text)
        end = min(end, match.end() + 1500)
        if text[match.end() : end].strip():
            sections.append(Section(match.group(1), Span(match.end(), end)))
    return sections


#: How far after a Beschluss its Abstimmungsergebnis may stand.
VOTE_WINDOW = 400


def _vote_window(text: str, span: Span) -> str:
    """The text after a Beschluss where its vote stands, up to the next decision heading."""
    following = _SECTION_HEAD.search(text, span.end, span.end + VOTE_WINDOW)
    return text[span.start : following.start() if following else span.end + VOTE_WINDOW]


def decision_kind(text: str) -> str:
    """The kind of the decision ``text`` states, from its first decision verb."""
    found = [
        (match.start(), kind)
        for kind, pattern in DECISION_KINDS
        if (match := re.search(pattern, text))
    ]
    return min(found)[1] if found else "Beschluss"


def parse_vote(text: str) -> Vote | None:
    """Vote counts stated in ``text`` ("Dafür: 0, Dagegen: 0"), None when none are."""
    counts: dict[str, int | None] = {}
    for style in _VOTE_STYLES:
        matches = {part: pattern.search(text) for part, pattern in style.items()}
        counts = {part: int(m.group(1)) if m else None for part, m in matches.items()}
        if any(value is not None for value in counts.values()):
            break
    if all(value is None for value in counts.values()):
        if re.search(r"\beinstimmig\b", text):
            return Vote(yes=None, no=0, abstain=0)
        return None
    return Vote(yes=counts["yes"], no=counts["no"], abstain=counts["abstain"])


@dataclass(frozen=True)
class DecisionInputs:
    """What decision extraction reads besides the text."""

    body_hits: tuple[BodyHit, ...]
    body_context: BodyContext
    consultations: tuple[Consultation, ...]
    program_hits: tuple[ProgramHit, ...]
    main_program: str | None
    own_reference: str | None


def _canonical_consultation(consultation: Consultation, context: BodyContext) -> BodyHit | None:
    hits = find_body_hits(consultation.body, context)
    return hits[0] if hits else None


def _program_in(span: Span, inputs: DecisionInputs) -> str | None:
    for hit in inputs.program_hits:
        if span.start <= hit.start < span.end:
            return hit.parent_key or hit.key
    return inputs.main_program


def _consultation_evidence_span(text: str, consultation: Consultation) -> Span | None:
    if consultation.date is None:
        return None
    year, month, day = consultation.date.split("-")
    pattern = (
        re.escape(consultation.body.split()[0]) + r"[^\n]{0,200}?" + rf"{day}\.{month}\.{year}"
    )
    match = re.search(pattern, text)
    return Span(match.start(), match.end()) if match else None


def _deciding_body_from_text(doc: DocumentText, inputs: DecisionInputs) -> BodyHit | None:
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


_SESSION_BEFORE = re.compile(r"\bSitzung\s+(?:des|der)\s+$")
#: How far after the body of a session ("Sitzung des Jugendhilfeausschusses am Dienstag,
#: 17.11.2020") its date may stand.
MAX_SESSION_DATE_DISTANCE = 60


#: A sentence naming the session a paper is put before ("auf die Tagesordnung der Sitzung des
#: Kreistages am ...", "Antrag zur Sitzung des ...").
_SUBMITTED_TO = re.compile(r"\bzur\s+Sitzung\b|Tagesordnung")


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
        window = doc.text[hit.end : min(sentence.end, hit.end + MAX_SESSION_DATE_DISTANCE)]
        dates = find_dates(window)
        if dates:
            return dates[0].iso
    return None


def _section_decisions(doc: DocumentText, inputs: DecisionInputs) -> list[Decision]:
    consultations = [
        (c, hit)
        for c in inputs.consultations
        if (hit := _canonical_consultation(c, inputs.body_context))
    ]
    deciding = next(
        ((c, h) for c, h in consultations if c.role and re.search(r"(?i)beschl|entsch", c.role)),
        consultations[-1] if consultations else None,
    )
    # minutes record several decisions of one body in one session: one per distinct text
    decisions: dict[tuple[str, str | None, str], Decision] = {}
    for section in find_sections(doc.text):
        span = section.text_span
        named = [
            h
            for h in inputs.body_hits
            if span.start <= h.start < span.end and h.kind in DECIDING_KINDS
        ]
        body = named[0] if named else (deciding[1] if deciding else None)
        body = body or _deciding_body_from_text(doc, inputs)
        if body is None:
            continue
        date = next((c.date for c, h in consultations if h.key == body.key), None)
        section_text = doc.text[span.start : span.end]
        is_resolution = section.heading == "Beschluss"
        if date is None:
            naming = None if is_resolution else _SUBMITTED_TO
            date = session_date(doc, body, inputs.body_hits, naming)
        vote = parse_vote(_vote_window(doc.text, span)) if is_resolution else None
        decisions[(body.key, date, normalise_space(section_text))] = Decision(
            body=body.name,
            body_key=body.key,
            date=date,
            kind=decision_kind(section_text),
            text=normalise_space(section_text),
            vote=vote,
            program_key=_program_in(span, inputs),
            paper=inputs.own_reference,
            evidence=doc.evidence(span.start, span.end, EXTRACTOR, 0.85 if named else 0.75),
        )
    decided = {(body_key, date) for body_key, date, _text in decisions}
    for consultation, hit in consultations:
        if (hit.key, consultation.date) in decided:
            continue
        row = _consultation_evidence_span(doc.text, consultation)
        if row is None:
            continue
        decided.add((hit.key, consultation.date))
        decisions[(hit.key, consultation.date, "")] = Decision(
            body=hit.name,
            body_key=hit.key,
            date=consultation.date,
            kind="Beratung",
            text=normalise_space(doc.text[row.start : row.end]),
            vote=None,
            program_key=inputs.main_program,
            paper=inputs.own_reference,
            evidence=doc.evidence(row.start, row.end, EXTRACTOR, 0.8),
        )
    return list(decisions.values())


def _reported_decisions(
    doc: DocumentText, inputs: DecisionInputs, skip: list[Span]
) -> list[Decision]:
    decisions = []
    for sentence in doc.sentence_spans:
        if any(sentence.overlaps(span) for span in skip):
            continue
        text = doc.text[sentence.start : sentence.end]
        verb = DECISION_VERB.search(text)
        if not verb or _MODAL.search(text):
            continue
        bodies = [
            h
            for h in inputs.body_hits
            if sentence.start <= h.start < sentence.end
            and h.kind in REPORTING_KINDS
            and h.start < sentence.start + verb.start()
        ]
        dates = find_dates(text)
        if not bodies or not dates:
            continue
        refs = find_refs(text)
        decisions.append(
            Decision(
                body=bodies[0].name,
                body_key=bodies[0].key,
                date=dates[0].iso,
                kind=decision_kind(text),
                text=normalise_space(text),
                vote=parse_vote(text),
                program_key=_program_in(sentence, inputs),
                paper=refs[0].reference if refs else None,
                evidence=doc.evidence(sentence.start, sentence.end, EXTRACTOR, 0.8),
            )
        )
    return decisions


def reported_decision_sentences(doc: DocumentText) -> set[int]:
    """Indices of sentences that report a decision (events leave these to decisions)."""
    return {
        index
        for index, sentence in enumerate(doc.sentence_spans)
        if DECISION_VERB.search(doc.text[sentence.start : sentence.end])
        and not _MODAL.search(doc.text[sentence.start : sentence.end])
    }


def extract_decisions(doc: DocumentText, inputs: DecisionInputs) -> tuple[Decision, ...]:
    """Decisions of the paper itself (each of its decision sections), then the decisions it
    reports, one per body and date."""
    own = _section_decisions(doc, inputs)
    sections = [section.text_span for section in find_sections(doc.text)]
    unique: dict[tuple[str, str | None], Decision] = {}
    for decision in _reported_decisions(doc, inputs, sections):
        unique.setdefault((decision.body_key, decision.date), decision)
    seen = {(d.body_key, d.date) for d in own}
    return tuple(own) + tuple(d for key, d in unique.items() if key not in seen)
