"""Participation of municipalities in programs, and joint applications.

A municipality takes part when a sentence says so: the program "im Kreis X" / "in X", or a
participation word (Teilnahme, beteiligt, Modellkommune, ausgewählt, Bewerbung, Koordinator, ...)
with the municipality in the same sentence. Partners of someone else's application ("zusammen
mit den Städten A, B") and the owners of a named project ("„Projekt“ der Städte A, B") form a
:class:`JointApplication` instead. The program is the one the sentence names, else the one the
two sentences before name, else the document's main program.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pkgraph.extract.municipalities import MunicipalityHit, municipality_lists
from pkgraph.extract.programs import CATALOGUE_BY_KEY, ProgramHit
from pkgraph.extract.text import DocumentText, Span
from pkgraph.records import JointApplication, Participation

EXTRACTOR = "participations"

_CUE = re.compile(
    r"Teilnahme|teilnehm|\bnimmt\b.*\bteil\b|\bnehmen\b.*\bteil\b|[Bb]eteilig|Modellkommune|"
    r"Programmkommune|[Aa]usgew(?:ä|a)hlt|[Bb]ewerbung|bewirbt|bewerben|beworben|[Vv]erbund\w*werbung|Koordinator|"
    r"angeschlossen|aufgenommen|mitwirk|[Ff](?:ö|o)rderzusage"
)
_NEGATED = re.compile(r"\b(?:nicht|keine?n?)\s+(?:\w+\s+)?(?:teil|beteilig|Teilnahme|ausgew)")
_LOCATIVE_GAP = re.compile(r"^[“”\"'’‘]?\s*(?:im|in(?:\s+der|\s+dem)?)\s+$")
_PARTNERS_BEFORE = re.compile(
    r"(?:zusammen|gemeinsam)?\s*\bmit\s+(?:den|dem|der)?\s*(?:St(?:ä|a)dten|Gemeinden|Kommunen|"
    r"Kreisen)?\s*$"
)
_PROJECT_OWNERS_BEFORE = re.compile(
    r"[“”\"]\s+(?:der|des)\s+(?:St(?:ä|a)dte|Gemeinden|Kommunen|Kreise)?\s*$"
)
_SINCE = re.compile(r"\b(?:[Ss]eit|[Aa]b)\s+(?:dem\s+Jahr\s+|\w+\s+)?((?:19|20)\d{2})\b")
_SINCE_THIS_YEAR = re.compile(r"\bseit\s+diesem\s+Jahr\b")


@dataclass(frozen=True)
class ParticipationInputs:
    municipality_hits: tuple[MunicipalityHit, ...]
    program_hits: tuple[ProgramHit, ...]
    main_program: str | None
    year: int | None


def _program_key(hit: ProgramHit) -> str:
    return hit.parent_key or hit.key


def _takes_part_in(hit: ProgramHit) -> bool:
    entry = CATALOGUE_BY_KEY.get(_program_key(hit))
    return entry is not None and not entry.funding_only


def _sentence_program(doc: DocumentText, index: int, inputs: ParticipationInputs) -> str | None:
    for back in range(3):
        if index - back < 0:
            break
        span = doc.sentence_spans[index - back]
        inside = [
            h for h in inputs.program_hits if span.start <= h.start < span.end and _takes_part_in(h)
        ]
        if inside:
            return _program_key(inside[-1] if back else inside[0])
    return inputs.main_program


def _since(text: str, year: int | None) -> str | None:
    if match := _SINCE.search(text):
        return match.group(1)
    if _SINCE_THIS_YEAR.search(text) and year is not None:
        return str(year)
    return None


def _excluded(doc: DocumentText, sentence: Span, inputs: ParticipationInputs) -> set[int]:
    """Start offsets of hits that are partners or project owners, not participants."""
    hits = [h for h in inputs.municipality_hits if sentence.start <= h.start < sentence.end]
    excluded: set[int] = set()
    for group in municipality_lists(doc.text, hits):
        before = doc.text[max(sentence.start, group[0].start - 40) : group[0].start]
        if _PARTNERS_BEFORE.search(before) or _PROJECT_OWNERS_BEFORE.search(before):
            excluded.update(h.start for h in group)
    return excluded


def _participation(
    doc: DocumentText,
    hit: MunicipalityHit,
    program_key: str,
    span: Span,
    since: str | None,
    confidence: float,
) -> Participation:
    return Participation(
        ags=hit.ags,
        municipality=hit.name,
        program_key=program_key,
        program=CATALOGUE_BY_KEY[program_key].name,
        since=since,
        evidence=doc.evidence(span.start, span.end, EXTRACTOR, confidence),
    )


def extract_participations(
    doc: DocumentText, inputs: ParticipationInputs
) -> tuple[Participation, ...]:
    """One participation per municipality and program, with its first evidence."""
    found: dict[tuple[str, str], Participation] = {}
    for program in inputs.program_hits:  # "Präventionskette im Kreis Coesfeld"
        if not _takes_part_in(program):
            continue
        for hit in inputs.municipality_hits:
            if program.end <= hit.start < program.end + 25 and _LOCATIVE_GAP.match(
                doc.text[program.end : hit.start]
            ):
                key = _program_key(program)
                since = _since(doc.text[doc.sentence_at(hit.start).start : hit.end], inputs.year)
                found.setdefault(
                    (hit.ags, key),
                    _participation(doc, hit, key, Span(program.start, hit.end), since, 0.8),
                )
    for index, sentence in enumerate(doc.sentence_spans):
        text = doc.text[sentence.start : sentence.end]
        cue = _CUE.search(text)
        if not cue or _NEGATED.search(text):
            continue
        program_key = _sentence_program(doc, index, inputs)
        if program_key is None:
            continue
        excluded = _excluded(doc, sentence, inputs)
        cue_start = sentence.start + cue.start()
        for hit in inputs.municipality_hits:
            if not sentence.start <= hit.start < sentence.end or hit.start in excluded:
                continue
            span = Span(min(hit.start, cue_start), max(hit.end, cue_start + len(cue.group())))
            found.setdefault(
                (hit.ags, program_key),
                _participation(doc, hit, program_key, span, _since(text, inputs.year), 0.7),
            )
    return tuple(found.values())


def extract_joint_applications(
    doc: DocumentText, inputs: ParticipationInputs
) -> tuple[JointApplication, ...]:
    """Municipalities acting together: an application "zusammen mit" partners, or the owners
    of a named local project."""
    joint: list[JointApplication] = []
    for index, sentence in enumerate(doc.sentence_spans):
        hits = [h for h in inputs.municipality_hits if sentence.start <= h.start < sentence.end]
        for number, group in enumerate(municipality_lists(doc.text, hits)):
            before = doc.text[max(sentence.start, group[0].start - 40) : group[0].start]
            members = list(group)
            project: str | None = None
            if _PARTNERS_BEFORE.search(before) and number > 0:
                members = [*municipality_lists(doc.text, hits)[number - 1][-1:], *group]
            elif _PROJECT_OWNERS_BEFORE.search(before):
                owner_of = [
                    p
                    for p in inputs.program_hits
                    if p.end <= group[0].start and group[0].start - p.end < 40
                ]
                project = owner_of[-1].key if owner_of else None
            else:
                continue
            unique = {h.ags: h for h in members}
            if len(unique) < 2:
                continue
            joint.append(
                JointApplication(
                    ags=tuple(unique),
                    municipalities=tuple(h.name for h in unique.values()),
                    program_key=_sentence_program(doc, index, inputs),
                    project_key=project,
                    evidence=doc.evidence(members[0].start, members[-1].end, EXTRACTOR, 0.7),
                )
            )
    return tuple(joint)
