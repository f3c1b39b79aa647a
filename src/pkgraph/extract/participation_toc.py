"""Participations a document on one program states by its layout rather than in sentences.

A report lists them entry by entry: its table of contents or its list of practice examples,
each entry a place and a title, after a page number or at the start of a line ("32 Stadt A:
Ein Netzwerk für Familien", "Kreis B: Gut begleitet"). Each listed municipality takes part in
the document's program — only when the document is about that one catalogued program (no
other program one can take part in is named before the list) and the entries form a list: at
least :data:`MIN_ENTRIES` of them, each within :data:`MAX_GAP` characters of the one before
(section headings may stand between).

A program's page on one member gives the place as its heading and the start as a field below
it ("Hamm\n\nSeit wann dabei:\n\n2012"): the place takes part in the page's program since then.
"""

from __future__ import annotations

import re

from pkgraph.extract.municipalities import MunicipalityHit
from pkgraph.extract.participation_inputs import ParticipationInputs
from pkgraph.extract.participation_programs import program_of, takes_part_in
from pkgraph.extract.participation_since import Start
from pkgraph.extract.program_catalogue import CATALOGUE_BY_KEY
from pkgraph.extract.text import DocumentText, Span

#: Before the place: a page number ("32 ", "4. ") or the start of a line (with a list mark).
_LEAD = re.compile(r"(?:(?:^|(?<=\s))\d{1,3}[.)]?[ \t]+|(?:^|\n)[ \t]*(?:[•*·–-][ \t]*)?)$")
#: After the place: a colon and a title.
_TITLE_AFTER = re.compile(r"[ \t]*:[ \t]+\S")
#: Where an entry's title ends: the next page number or the end of its line.
_TITLE_END = re.compile(r"\s\d{1,3}[.)]?\s|\n")

MIN_ENTRIES = 3
#: Characters from one entry's place to the next one's.
MAX_GAP = 300
#: Characters of a title quoted as evidence.
MAX_TITLE = 100


def _main_program(inputs: ParticipationInputs) -> str | None:
    """The document's program, when it is a catalogued one a municipality can take part in
    (not one that only funds)."""
    entry = CATALOGUE_BY_KEY.get(inputs.main_program or "")
    return entry.key if entry is not None and not entry.funding_only else None


def listed_lines(
    doc: DocumentText, inputs: ParticipationInputs
) -> list[tuple[MunicipalityHit, str, Span]]:
    """The municipalities of the document's "Place: title" lists, each with the program and
    its entry."""
    program = _main_program(inputs)
    if program is None:
        return []
    text = doc.text
    runs: list[list[tuple[MunicipalityHit, Span]]] = []
    for hit in inputs.municipality_hits:
        if not _LEAD.search(text, max(0, hit.start - 8), hit.start) or not _TITLE_AFTER.match(
            text, hit.end
        ):
            continue
        limit = min(len(text), hit.end + MAX_TITLE)
        title_end = _TITLE_END.search(text, hit.end + 2, limit)
        span = Span(hit.start, title_end.start() if title_end else limit)
        if runs and hit.start - runs[-1][-1][0].start <= MAX_GAP:
            runs[-1].append((hit, span))
        else:
            runs.append([(hit, span)])
    listed = []
    for run in runs:
        if len(run) >= MIN_ENTRIES and _about(program, run[0][1].start, inputs):
            listed += [(hit, program, span) for hit, span in run]
    return listed


#: A member page's start field under its heading: "Seit wann dabei:", "Dabei seit:".
_START_FIELD = re.compile(
    r"[ \t]*\n\s*(?:Seit\s+wann\s+dabei|Dabei\s+seit|Teilnahme\s+seit)\s*:?\s*"
    r"(?P<year>(?:19|20)\d{2})\b"
)
#: A heading line: nothing else before the place on its line.
_LINE_START = re.compile(r"(?:^|\n)[ \t]*$")


def member_pages(
    doc: DocumentText, inputs: ParticipationInputs
) -> list[tuple[MunicipalityHit, str, Span, Start]]:
    """The place a member page of the document's program is headed by, with the year its
    start field gives."""
    program = _main_program(inputs)
    if program is None:
        return []
    found = []
    for hit in inputs.municipality_hits:
        field = _START_FIELD.match(doc.text, hit.end)
        if field and _LINE_START.search(doc.text, max(0, hit.start - 20), hit.start):
            year = Span(field.start("year"), field.end("year"))
            found.append(
                (hit, program, Span(hit.start, field.end()), Start(field["year"], 1, year))
            )
    return found


def _about(program: str, start: int, inputs: ParticipationInputs) -> bool:
    """Whether the text before ``start`` names the program and no other one can take part
    in."""
    before = {program_of(h) for h in inputs.program_hits if h.start < start and takes_part_in(h)}
    return before == {program}
