"""Which program a participation is in: the one the sentence (or the two before it) names —
of a program and its predecessor, the one running in the document's year — else the
document's main program. Funding sources one does not take part in (ESF) are never it; the
program the municipality's own clause names is
:func:`~pkgraph.extract.participation_clauses.clause_program`."""

from __future__ import annotations

import re
from collections import Counter

from pkgraph.extract.participation_inputs import ParticipationInputs
from pkgraph.extract.program_catalogue import CATALOGUE_BY_KEY, running_in
from pkgraph.extract.programs import FORMERLY, ProgramHit
from pkgraph.extract.text import OPEN_QUOTE, DocumentText
from pkgraph.records import Evidence, Participation


def program_of(hit: ProgramHit) -> str:
    """The program a mention stands for (a local project's parent program)."""
    return hit.parent_key or hit.key


def takes_part_in(hit: ProgramHit) -> bool:
    """Whether one can take part in the catalogued program (not a funding source only)."""
    entry = CATALOGUE_BY_KEY.get(program_of(hit))
    return entry is not None and not entry.funding_only


def sentence_program(doc: DocumentText, index: int, inputs: ParticipationInputs) -> str | None:
    """The program the sentence (or the two before it) names — of several, the first one (in
    a sentence before, the last one) that runs in the document's year — when a sentence before
    names only a program that no longer runs, the document's main program if that is its later
    name ("vormals „Kein Kind zurücklassen“") —; else the document's
    main program, unless the program last named before is a funding source one does not take
    part in (the text then speaks about that funding, not the main program)."""
    for back in range(3):
        if index - back < 0:
            break
        span = doc.sentence_spans[index - back]
        inside = [
            h for h in inputs.program_hits if span.start <= h.start < span.end and takes_part_in(h)
        ]
        current_names = [
            h for h in inside if not _FORMER_NAME.search(doc.text, max(0, h.start - 30), h.start)
        ]
        inside = current_names or inside  # "„X“ (früher „Y“)": the sentence speaks of X
        if inside:  # of a program and its predecessor, the one running then
            current = [h for h in inside if running_in(program_of(h), inputs.year)]
            if back and not current and _succeeds(inputs.main_program, inside):
                return inputs.main_program  # "vormals „Kein Kind zurücklassen“": its successor
            current = current or inside
            return program_of(current[-1] if back else current[0])
    end = doc.sentence_spans[index].end
    before = [h for h in inputs.program_hits if h.start < end and h.is_catalogued]
    if before and not takes_part_in(max(before, key=lambda h: h.start)):
        return None
    return _document_program(inputs)


#: A program's former name right before it: "„Kommunale Präventionsketten“ (früher „Kein Kind
#: zurücklassen“)".
_FORMER_NAME = re.compile(rf"\b{FORMERLY}\s*:?\s*[{OPEN_QUOTE}]?\s*\Z")


#: "in diesen Initiativen und Netzwerken": the programs the sentences before name, all of them.
_THESE_PROGRAMS = re.compile(
    r"\b[Dd]iese[nr]?\s+(?:(?:Landes)?[Ii]nitiativen|(?:Landes)?[Pp]rogramme[n]?|Projekte[n]?)\b"
)
#: How many sentences back such a plural names its programs.
THESE_PROGRAMS_BACK = 3


def programs_referred_to(doc: DocumentText, index: int, inputs: ParticipationInputs) -> list[str]:
    """The programs a plural anaphor of sentence ``index`` stands for ("Gelsenkirchen arbeitet
    beständig in diesen Initiativen mit" after "Was unter „Kein Kind zurücklassen“ begann, wurde
    mit „Kommunale Präventionsketten“ fortgeführt …"), in text order; none without one."""
    sentence = doc.sentence_spans[index]
    if not _THESE_PROGRAMS.search(doc.text[sentence.start : sentence.end]):
        return []
    first = doc.sentence_spans[max(0, index - THESE_PROGRAMS_BACK)].start
    named = [
        program_of(h)
        for h in inputs.program_hits
        if first <= h.start < sentence.start and takes_part_in(h)
    ]
    return list(dict.fromkeys(named)) if len(set(named)) >= 2 else []


def _succeeds(key: str | None, hits: list[ProgramHit]) -> bool:
    """Whether ``key`` is a later name of a program ``hits`` name, running in its stead."""
    named = {program_of(h) for h in hits}
    entry = CATALOGUE_BY_KEY.get(key) if key else None
    while entry is not None and entry.successor_of:
        if entry.successor_of in named:
            return True
        entry = CATALOGUE_BY_KEY.get(entry.successor_of)
    return False


def _document_program(inputs: ParticipationInputs) -> str | None:
    """The document's main program; for a document that names no catalogued program, the
    program of its own it names most (an organisation's „Monitoring ...“ project)."""
    if inputs.main_program:
        return inputs.main_program
    own = Counter(h.key for h in inputs.program_hits if not h.is_catalogued and not h.parent_key)
    return own.most_common(1)[0][0] if own else None


def program_name(key: str, inputs: ParticipationInputs) -> str:
    """The catalogue's name of the program, else the name the document gives its own."""
    if key in CATALOGUE_BY_KEY:
        return CATALOGUE_BY_KEY[key].name
    return next(h.name for h in inputs.program_hits if h.key == key)


def implied_participation(
    ags: str, municipality: str, key: str, inputs: ParticipationInputs, evidence: Evidence
) -> Participation:
    """A participation another fact implies (money, a paper, an instrument): no start of its
    own."""
    return Participation(
        ags=ags,
        municipality=municipality,
        program_key=key,
        program=program_name(key, inputs),
        since=None,
        evidence=evidence,
    )
