"""The Beratungsfolge of a council paper: which bodies consult it, on which date, in which role.

The table comes under "Beratungsfolge" / "Beratungsreihenfolge" / "Beratungsweg" as rows —
"body  date  role" (ALLRIS), "date  body  role" (other systems), tab- or blank-aligned — or, in
web exports, flattened into one cell per line.
"""

from __future__ import annotations

import re
from dataclasses import replace

from pkgraph.ingest.dates import find_dates
from pkgraph.records import Consultation

_CONSULTATION_HEADER = re.compile(r"^(?:Beratungsfolge|Beratungsreihenfolge|Beratungsweg)\b", re.I)
_ROLES = re.compile(
    r"\b(Beschließend|Entscheidung|Vorberatung|Vorberatend|Kenntnisnahme|Anhörung|Empfehlung"
    r"|Beratung|Zur Kenntnis)\b",
    re.I,
)
_TRAILING_ROLE = re.compile(rf"\s+(?:{_ROLES.pattern})\s*$", re.I)
_ENUMERATOR = re.compile(r"^\d{1,2}\.?\s+")
#: Where a body name ends in an ALLRIS row: the session title that follows it.
_SESSION_START = re.compile(r"\s(?:\d{1,3}\.\s|Sitzung\b)")
#: Table cells: tab-separated, or aligned with runs of blanks in plain-text exports.
_CELL_SEPARATOR = re.compile(r"\t|[^\S\n]{2,}")
_MAX_HEADER_LINES = 2


def detect_consultations(text: str) -> list[Consultation]:
    """The rows of the first Beratungsfolge table that has any: body, date, role, in order;
    else the glued rows of a table without its header (:data:`_GLUED_ROW`)."""
    lines = [line.strip() for line in text.split("\n")]
    for number, line in enumerate(lines):
        header = _CONSULTATION_HEADER.match(line.lstrip("\t #*"))
        if header is None:
            continue
        rows = _consultation_rows(lines[number + 1 :]) or _cell_stream_rows(lines[number + 1 :])
        if rows:
            return rows
    return _glued_rows(lines)


#: A row whose cells an export joined without a gap, under no header (the LVR's system):
#: "Landesjugendhilfeausschuss21.02.2008empfehlender Beschluss".
_GLUED_ROW = re.compile(
    r"^(?P<body>[A-ZÄÖÜ][^\d\n|]{2,100}?[a-zäöüß])(?P<date>\d{2}\.\d{2}\.\d{4})"
    r"(?P<role>[A-Za-zäöüß][A-Za-zäöüß -]{2,40})?$"
)


def _glued_rows(lines: list[str]) -> list[Consultation]:
    """The first run of glued rows naming a body each (:data:`_GLUED_ROW`)."""
    rows: list[Consultation] = []
    for line in lines:
        match = _GLUED_ROW.match(line)
        if match and _is_body_cell(match["body"]):
            dates = find_dates(match["date"])
            role = _ROLES.search(match["role"] or "")
            rows.append(
                Consultation(
                    body=match["body"].strip(),
                    date=dates[0].iso if dates else None,
                    order=len(rows) + 1,
                    role=role.group(1) if role else match["role"],
                )
            )
        elif rows:
            break
    return rows


#: A body's name in a consultation cell (the table also holds status, dates and roles).
_BODY_CELL = re.compile(
    r"(?i:ausschuss|kreistag|vertretung|senat|konferenz|beirat|kommission|versammlung|gremium)"
    r"|\b(?:Rat|Rates|Stadtrat|Gemeinderat)\b"
)
#: Where a table flattened into one cell per line ends: the paper's next section.
_TABLE_END = re.compile(
    r"(?i)^(?:Beschlussvorschlag|Beschlussentwurf|Beschluss|Sachverhalt|Begr\S*ndung"
    r"|Erl\S*uterung|Sachdarstellung|Anlage|Finanzielle)\b"
)
_MAX_STREAM_LINES = 120
#: A session's date labelled in its cell: "Termin 06.02.2013" (a repair may join the header
#: cell to the value below it).
_DATE_LABEL = re.compile(r"(?i)(?:Sitzungs)?termin\s*:?\s*(?:am\s+)?")
#: Column headers of such a table.
_HEADER_CELL = re.compile(
    r"(?i)(?:Gremium|Status|Datum|Beschluss|Sitzung|Rolle|TOP|NA|Ergebnis|Termin|Bemerkungen?)"
)


def _cell_stream_rows(lines: list[str]) -> list[Consultation]:
    """Rows of a table whose cells a web export flattened, one cell per line between "|"
    marks (status, date, body, role in any order): a body cell opens a row, dates and roles
    attach to the open row (a date before any body waits for the next)."""
    rows: list[dict[str, str | None]] = []
    pending_date: str | None = None
    for line in lines[:_MAX_STREAM_LINES]:
        if _TABLE_END.match(line) or len(line) > 120:
            break
        for cell in (c.strip() for c in line.split("|")):
            dates = find_dates(cell)
            if dates and _DATE_LABEL.fullmatch(cell[: dates[0].start]):
                cell = cell[dates[0].start :]
                dates = find_dates(cell)
            if dates and dates[0].start == 0:
                if rows and rows[-1]["date"] is None:
                    rows[-1]["date"] = dates[0].iso
                else:
                    pending_date = dates[0].iso
            elif rows and (role := _ROLES.fullmatch(cell)):
                rows[-1]["role"] = rows[-1]["role"] or role.group(1)
            elif _is_body_cell(cell):
                rows.append({"body": cell, "date": pending_date, "role": None})
                pending_date = None
    return [
        Consultation(body=str(row["body"]), date=row["date"], order=order, role=row["role"])
        for order, row in enumerate(rows, start=1)
    ]


def _is_body_cell(cell: str) -> bool:
    return (
        _BODY_CELL.search(cell) is not None
        and cell[:1].isupper()
        and len(cell) <= 120
        and not _HEADER_CELL.fullmatch(cell)
    )


def _consultation_rows(lines: list[str]) -> list[Consultation]:
    rows: list[Consultation] = []
    skipped_headers = 0
    body_above: str | None = None  # a body cell on the line above a "Termin 06.05.2015" row
    for line in lines:
        if not line:
            if rows:
                break
            continue
        row = _consultation_row(line, len(rows) + 1)
        if row is not None and _HEADER_CELL.fullmatch(row.body):
            row = replace(row, body=body_above) if body_above else None
        if row is None:
            if rows or skipped_headers >= _MAX_HEADER_LINES:
                break
            skipped_headers += 1
            body_above = line if _is_body_cell(line) else body_above
            continue
        rows.append(row)
    return rows


def _consultation_row(line: str, order: int) -> Consultation | None:
    """One row, "body  date  role" (ALLRIS) or "date  body  role" (other systems)."""
    dates = find_dates(line)
    enumerated = _ENUMERATOR.match(line)
    if not dates and not enumerated:
        return None
    date_first = bool(dates) and not line[: dates[0].start].strip()
    if date_first:
        body_text = line[dates[0].end :]
    else:
        body_end = dates[0].start if dates else len(line)
        body_text = line[enumerated.end() if enumerated else 0 : body_end]
        role_text = line[body_end:]
    cells = [cell.strip() for cell in _CELL_SEPARATOR.split(body_text) if cell.strip()]
    if not cells:
        return None
    body = _SESSION_START.split(cells[0], maxsplit=1)[0].strip(" ,;")
    if date_first:
        role_text = " ".join(cells[1:])
        trailing_role = _TRAILING_ROLE.search(body)
        if trailing_role:  # a row without cell gaps: "08.06.2021 Rat Entscheidung"
            body, role_text = body[: trailing_role.start()], trailing_role.group()
    if not body or not body[0].isalpha() or len(body) > 120:
        return None
    role = _ROLES.search(role_text)
    return Consultation(
        body=body,
        date=dates[0].iso if dates else None,
        order=order,
        role=role.group(1) if role else None,
    )
