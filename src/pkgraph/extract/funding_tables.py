"""The rows of a table that shares a grant out: "Die 179.884 Euro verteilen sich auf die
Jugendämter im Kreis:" followed by one row per recipient ("Ahaus … 48.451,00 €", the name and
the amount on one line or on two). Press releases of the Land's programs print them as such
tables, flattened to lines by the page's text layer, without a sentence per row.

Each row is a funding of its municipality (a "Kreisjugendamt X" row: the Kreis) by the funder
the total names; a row without a known municipality ends nothing but is no funding. The table
ends at its total line ("Gesamt", "Summe") or at the first line that is neither a name nor an
amount.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from pkgraph.extract.funding_amounts import find_amounts
from pkgraph.extract.funding_parties import PartyInputs
from pkgraph.extract.municipalities import MunicipalityHit
from pkgraph.extract.text import DocumentText
from pkgraph.gazetteer import Municipality, load_gazetteer
from pkgraph.records import Funding, ags_key

EXTRACTOR = "funding"
#: The line that opens a table of shares: "… verteilen sich auf die Jugendämter im Kreis:",
#: "Davon entfallen auf die Kommunen:", "Die Förderung teilt sich wie folgt auf:".
_SHARED_OUT = re.compile(
    r"(?im)^[^\n]*\b(?:verteil(?:en|t)\s+sich|entfall(?:en|t)|aufgeteilt|teil(?:en|t)\s+sich)"
    r"\b[^\n]*:[ \t]*$"
)
_TOTAL_ROW = re.compile(r"(?i)\s*(?:gesamt|insgesamt|summe)\b")
_KREIS_ROW = re.compile(r"\bKreis")
MAX_NAME_LENGTH = 60  # characters of a row's name line
MAX_HEADER_LINES = 3  # column headings before the first row ("Gemeinde", "Verteilung")
MIN_ROWS = 2


def allocation_rows(
    doc: DocumentText, fundings: Sequence[Funding], inputs: PartyInputs
) -> tuple[Funding, ...]:
    """A funding for every row of every table of shares in ``doc``."""
    found: list[Funding] = []
    for intro in _SHARED_OUT.finditer(doc.text):
        total = next((f for f in fundings if intro.start() <= f.evidence.end), None)
        if total is not None and total.evidence.start > intro.end():
            total = None  # the total is stated after the table, not in its opening line
        rows = list(_rows(doc, intro.end(), inputs, total))
        if len(rows) >= MIN_ROWS:
            found += rows
    return tuple(found)


def _lines(text: str, start: int) -> list[tuple[int, str]]:
    """The non-empty lines after ``start`` with their offsets."""
    lines, offset = [], start
    for line in text[start : start + 3000].split("\n"):
        if line.strip():
            lead = len(line) - len(line.lstrip())
            lines.append((offset + lead, line.strip()))
        offset += len(line) + 1
    return lines


def _rows(
    doc: DocumentText, start: int, inputs: PartyInputs, total: Funding | None
) -> Iterator[Funding]:
    """The rows after ``start`` that name a municipality, until the table ends."""
    name: tuple[int, str] | None = None
    headers = rows = 0
    for offset, line in _lines(doc.text, start):
        if _TOTAL_ROW.match(line):
            return
        amount = next((a for a in find_amounts(line) if a.eur), None)
        if amount is None:
            if len(line) > MAX_NAME_LENGTH or line.endswith((".", ":")):
                return
            if name is not None:  # two names in a row: a column heading, or no table
                headers += 1
                if rows or headers > MAX_HEADER_LINES:
                    return
            name = (offset, line)
            continue
        before = line[: amount.span.start].strip()
        row_name = (offset, before) if before else name
        if row_name is None:
            return
        name = None
        recipient = _recipient(doc.text, row_name, inputs.municipality_hits)
        if recipient is None:
            continue
        rows += 1
        begin, end = offset + amount.span.start, offset + amount.span.end
        yield Funding(
            amount_eur=amount.eur,
            amount_text=doc.original_slice(begin, end),
            funder=total.funder if total else None,
            funder_key=total.funder_key if total else None,
            recipient=recipient.name,
            recipient_key=ags_key(recipient.ags),
            year=total.year if total else None,
            purpose=None,
            share_percent=None,
            own_share_percent=None,
            program_key=total.program_key if total else inputs.main_program,
            evidence=doc.evidence(row_name[0], end, EXTRACTOR, 0.7),
        )


def _recipient(
    text: str, name: tuple[int, str], hits: Sequence[MunicipalityHit]
) -> Municipality | None:
    """The municipality a row names; a Kreis's office ("Kreisjugendamt Borken") is the Kreis."""
    start, written = name
    gazetteer = load_gazetteer()
    inside = [h for h in hits if start <= h.start < start + len(written)]
    entry = gazetteer.by_ags(inside[0].ags) if inside else None
    if entry is None or entry.is_kreis or not _KREIS_ROW.search(written):
        return entry
    kreise = [m for m in gazetteer.by_name(f"Kreis {entry.name}") if m.is_kreis]
    return kreise[0] if kreise else entry
