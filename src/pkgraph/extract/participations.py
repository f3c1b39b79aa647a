"""Participation of municipalities in programs, with the start the text states; and joint
applications (:mod:`pkgraph.extract.joint_applications`).

A municipality takes part when a program is followed by its name ("im Kreis X" / "in X") or
when a clause about it says so (:mod:`~pkgraph.extract.participation_cues` for the words,
:mod:`~pkgraph.extract.participation_clauses` for the clauses); lists and enumerations a
sentence introduces count too (:mod:`~pkgraph.extract.participation_lists`), and so do
municipalities it speaks of without naming them, partners and project owners aside
(:mod:`~pkgraph.extract.participation_mentions`). The program is the one the municipality's
clause names, else the sentence's (:mod:`~pkgraph.extract.participation_programs`); the start
is :mod:`~pkgraph.extract.participation_since`. One participation per municipality and program.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, replace

from pkgraph.extract.bodies import OWN_WORK
from pkgraph.extract.joint_applications import extract_joint_applications
from pkgraph.extract.municipalities import MunicipalityHit
from pkgraph.extract.participation_clauses import clause_program, said_of, says_so
from pkgraph.extract.participation_cues import (
    ANY_CUE,
    NEGATED,
    SUPPORTS,
    any_cue_in,
    is_yes_no_question,
    states,
)
from pkgraph.extract.participation_inputs import EXTRACTOR, ParticipationInputs, hits_in
from pkgraph.extract.participation_lists import (
    enumerated_after,
    group_members,
    listed_after,
    organisation_partners,
)
from pkgraph.extract.participation_mentions import (
    anaphor_referents,
    author_anaphors,
    counts_members,
    demonyms,
    non_participants,
)
from pkgraph.extract.participation_programs import (
    program_name,
    program_of,
    programs_referred_to,
    sentence_program,
    takes_part_in,
)
from pkgraph.extract.participation_since import (
    START_CONFIDENCE,
    Start,
    phase_start,
    program_starts,
    start_in,
    stated_start,
)
from pkgraph.extract.participation_toc import listed_lines, member_pages
from pkgraph.extract.program_catalogue import (
    CATALOGUE_BY_KEY,
    first_phase_for_member,
    phase_for_member,
)
from pkgraph.extract.text import DocumentText, Span
from pkgraph.records import Participation

__all__ = ["ParticipationInputs", "extract_joint_applications", "extract_participations"]

#: Between a program and its place: "Präventionskette im Kreis Coesfeld", or its owner: "die
#: Kommunalen Präventionsketten des Kreises Lippe", "… der Stadt Hamm". A short form in
#: brackets may stand between: "„Kein Kind zurücklassen“ (KeKiz) in Neuss".
_LOCATIVE_GAP = re.compile(
    r"^[“”\"'’‘]?\s*(?:\([^()\n]{1,15}\)\s*)?(?:(?:auch|nun|jetzt|bereits)\s+)?"
    r"(?P<link>im|in(?:\s+der|\s+dem)?|des|der)\s+(?P<kind>(?:Städte|Stadt|Gemeinden?)\s+)?$"
)
#: The owners or places listed after the first: "der Frühen Hilfen der Städte Gütersloh, Verl,
#: Rheda-Wiedenbrück und des Kreises", "des Kreises Minden-Lübbecke, sowie der Städte Minden,
#: Porta Westfalica und Bad Oeynhausen".
_LIST_GAP = re.compile(
    r"^\s*(?:,\s*(?:sowie\s+|und\s+)?|\s(?:und|sowie)\s+)"
    r"(?:(?:der|des|die|dem)\s+)?(?:(?:Städte|Stadt|Gemeinden?)\s+)?$"
)
#: The place as the last word of the program's quoted name: "das Netzwerk „Frühe Hilfen
#: Lippstadt“".
_PLACE_IN_NAME = re.compile(r"^[ \t]+$")
_NAME_CLOSES = re.compile(r"[“”\"«]")


#: Taking part since the program began: its first phase (one the municipality could be in).
#: (Not "Unterstützung von Anfang an": help from the start of a child's life.)
_FROM_THE_START = re.compile(
    r"\bvon\s+(?:Anfang|Beginn)\s+an\s+(?:\w+\s+){0,2}?(?:dabei|beteiligt|Teil|mit)\b|"
    r"\bder\s+ersten\s+Stunde\b"
)


@dataclass(frozen=True)
class _Candidate:
    """One sentence's evidence that a municipality takes part in a program."""

    hit: MunicipalityHit
    program_key: str
    span: Span
    confidence: float
    start: Start | None


def _candidates(doc: DocumentText, inputs: ParticipationInputs) -> list[_Candidate]:
    """Every evidence of a participation; an owner's genitive ("… des Kreises Lippe") last, so
    that a sentence saying so is the evidence shown when there is one."""
    found: list[_Candidate] = []
    owned: list[_Candidate] = []
    ordered = sorted(inputs.municipality_hits, key=lambda h: h.start)
    for program in inputs.program_hits:  # "Präventionskette im Kreis Coesfeld"
        if not takes_part_in(program):
            continue
        for hit in inputs.municipality_hits:
            between = doc.text[program.end : hit.start]
            gap = _LOCATIVE_GAP.match(between)
            named_after = _PLACE_IN_NAME.match(between) and _NAME_CLOSES.match(doc.text, hit.end)
            if gap and gap["kind"] and not program.is_catalogued:
                continue  # a local project's owners are its partners, not the program's members
            if program.end <= hit.start < program.end + 35 and (gap or named_after):
                sentence = doc.sentence_at(hit.start)
                if is_yes_no_question(doc.text[sentence.start : sentence.end]):
                    continue
                start = stated_start(doc, Span(sentence.start, hit.end), inputs)
                owner = bool(gap and gap["link"] in ("des", "der"))
                others = _listed_with(doc, hit, ordered)
                for listed in [hit, *(others if program.is_catalogued else [])]:
                    span = Span(program.start, listed.end)
                    candidate = _Candidate(listed, program_of(program), span, 0.8, start)
                    (owned if owner else found).append(candidate)
    for index in range(len(doc.sentence_spans)):
        found += _sentence_candidates(doc, index, inputs)
    found += owned
    for hit, program_key, span in listed_lines(doc, inputs):  # "32 Stadt A: Titel"
        found.append(_Candidate(hit, program_key, span, 0.6, None))
    for hit, program_key, span, start in member_pages(
        doc, inputs
    ):  # "Hamm\n\nSeit wann dabei: 2012"
        found.append(_Candidate(hit, program_key, span, 0.7, start))
    return found


def _listed_with(
    doc: DocumentText, first: MunicipalityHit, ordered: Sequence[MunicipalityHit]
) -> list[MunicipalityHit]:
    """The municipalities listed right after ``first``, each joined to the one before
    (``ordered``: the document's hits by position)."""
    listed, last = [], first
    for hit in ordered[bisect_left(ordered, first.end, key=lambda h: h.start) :]:
        if hit.start < last.end:
            continue
        if not _LIST_GAP.match(doc.text[last.end : hit.start]):
            break
        listed.append(hit)
        last = hit
    return listed


def _demonym_says_so(
    text: str, hit: MunicipalityHit, sentence: Span, inputs: ParticipationInputs
) -> bool:
    """Whether a town's adjective (``hit``, in the sentence ``text``) speaks of its
    participation: the program its clause names supporting it ("unterstützt das
    Landesprogramm … Bochumer Projekte"), or the town's projects receiving money or taking
    part ("Die Essener Projekte werden mit 1,15 Millionen Euro gefördert")."""
    where = Span(hit.start - sentence.start, hit.end - sentence.start)
    if said_of(text, where, SUPPORTS) and clause_program(sentence, hit.start, inputs, text):
        return True
    return bool(OWN_WORK.match(text, where.end)) and said_of(text, where, ANY_CUE)


#: A "sentence" longer than this (no full stop in it) is a block of names and headings.
MAX_STATEMENT_CHARS = 600


def _sentence_candidates(
    doc: DocumentText, index: int, inputs: ParticipationInputs
) -> list[_Candidate]:
    """The participations one sentence states with a participation word (or, when it names
    the program, a visit, a duration or the program's support), in the clause of each
    municipality, with the lists and enumerations it introduces."""
    sentence = doc.sentence_spans[index]
    text = doc.text[sentence.start : sentence.end]
    if doc.search_sentence(NEGATED, index) or is_yes_no_question(text):
        return []
    if len(text) > MAX_STATEMENT_CHARS:
        return []  # a cover page or a table of contents: names without a full stop
    cue = any_cue_in(doc, index)
    partners, partner_cue = organisation_partners(doc, sentence, inputs)
    members, member_cue = group_members(doc, index, inputs)
    cue_span = (
        Span(sentence.start + cue.start(), sentence.start + cue.end())
        if cue
        else partner_cue or member_cue
    )
    program_key = sentence_program(doc, index, inputs)
    if cue_span is None or program_key is None:
        return []
    excluded = non_participants(doc, sentence, inputs)
    named = hits_in(sentence, inputs) + author_anaphors(doc, sentence, inputs)
    hits = [
        h for h in named if h.start not in excluded and cue and says_so(text, h, sentence, inputs)
    ]
    hits += [  # "unterstützt das Landesprogramm ... Bochumer Projekte"
        h for h in demonyms(doc, sentence, inputs) if _demonym_says_so(text, h, sentence, inputs)
    ]
    hits += partners + members + listed_after(doc, index, inputs)
    if cue:
        hits += enumerated_after(doc, index, inputs)
    found = []
    starts: dict[str, Start | None] = {}  # per program: the sentence's many hits share it
    referred = programs_referred_to(doc, index, inputs)  # "in diesen Initiativen"
    for hit in {h.start: h for h in hits}.values():
        span = Span(min(hit.start, cue_span.start), max(hit.end, cue_span.end))
        own = clause_program(sentence, hit.start, inputs, text)
        for other in [] if own else referred[1:]:
            found.append(_Candidate(hit, other, span, 0.65, None))
        program = own or (referred[0] if referred else program_key)
        if program not in starts:
            starts[program] = start_in(doc, sentence, inputs, program)
        found.append(_Candidate(hit, program, span, 0.7, starts[program]))
    # "Beide Städte nehmen ebenfalls teil", "In diesen vier der 18 Kommunen ..."
    if not hits and (states(text, ANY_CUE) or counts_members(text)):
        start = start_in(doc, sentence, inputs, program_key)
        for hit in anaphor_referents(doc, index, inputs):
            found.append(_Candidate(hit, program_key, sentence, 0.65, start))
    return found + _under_new_names(doc, sentence, found, inputs)


#: A program's later name in the sentence of a participation: "… (KeKiz), 2017 umbenannt in
#: „Kommunale Präventionsketten NRW“", "zunächst unter „KeKiz“, später unter „kinderstark“",
#: "seit Oktober 2017 unter dem Titel: „Kommunale Präventionsketten“".
_RENAMED_AS = re.compile(
    r"(?:\bumbenannt\s+in|\b(?:später|heute|inzwischen|nun|jetzt)\s+(?:unter\s+)?|"
    r"\bunter\s+dem\s+(?:Namen|Titel)\s*:?)\s*[„“\"»«‚‘']?\s*$"
)


def _under_new_names(
    doc: DocumentText, sentence: Span, found: list[_Candidate], inputs: ParticipationInputs
) -> list[_Candidate]:
    """Each participation of the sentence again in the program it says the one taken part in
    was renamed to: the participation goes on under the new name."""
    if not found:
        return []
    renamed = {
        program_of(hit)
        for hit in inputs.program_hits
        if sentence.start <= hit.start < sentence.end
        and takes_part_in(hit)
        and _RENAMED_AS.search(doc.text[max(sentence.start, hit.start - 40) : hit.start])
    }
    return [
        _Candidate(c.hit, key, c.span, 0.6, None)
        for c in found
        for key in sorted(renamed - {c.program_key})
    ]


def _rank(candidate: _Candidate) -> int:
    return candidate.start.rank if candidate.start else len(START_CONFIDENCE) + 1


def extract_participations(
    doc: DocumentText, inputs: ParticipationInputs
) -> tuple[Participation, ...]:
    """One participation per municipality and program: the evidence that states its start
    (the first evidence when none does), with the strongest start the text gives."""
    by_key: dict[tuple[str, str], list[_Candidate]] = {}
    for candidate in _candidates(doc, inputs):
        phase = phase_for_member(candidate.program_key, candidate.hit.ags)
        if _FROM_THE_START.search(doc.text, candidate.span.start, candidate.span.end):
            phase = first_phase_for_member(phase, candidate.hit.ags)  # "war von Anfang an dabei"
            began = CATALOGUE_BY_KEY[phase].since_year if phase in CATALOGUE_BY_KEY else None
            if began is not None:  # since the program began
                candidate = replace(candidate, start=Start(str(began), 1, candidate.span))
        by_key.setdefault((candidate.hit.ags, phase), []).append(candidate)
    announced = program_starts(doc, inputs)
    participations = []
    for (_ags, program_key), candidates in by_key.items():
        stated = [c for c in candidates if c.start is not None]
        evidence_of = min(stated, key=_rank) if stated else candidates[0]
        start = (
            evidence_of.start
            if stated
            else announced.get(program_key) or phase_start(program_key, evidence_of.span, inputs)
        )
        participations.append(
            Participation(
                ags=evidence_of.hit.ags,
                municipality=evidence_of.hit.name,
                program_key=program_key,
                program=program_name(program_key, inputs),
                since=start.value if start else None,
                evidence=doc.evidence(
                    evidence_of.span.start, evidence_of.span.end, EXTRACTOR, evidence_of.confidence
                ),
                since_evidence=(
                    doc.evidence(
                        start.span.start, start.span.end, EXTRACTOR, START_CONFIDENCE[start.rank]
                    )
                    if start
                    else None
                ),
            )
        )
    return tuple(participations)
