"""Document metadata from the layouts of German council information systems.

SessionNet, ALLRIS and similar systems print a head of label/value lines ("Betreff", "Vorlage",
"Art", "Datum"), a consultation table ("Beratungsfolge" / "Beratungsreihenfolge": body, date,
role; read by :mod:`pkgraph.ingest.consultations`) and reference numbers of recognisable shapes
("SV-9-1306", "2013/0381/3.2", "5kss/1/5/15"). Everything here reads the repaired text and is a
pure function of it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from functools import cache

from pkgraph.gazetteer import Gazetteer, load_gazetteer
from pkgraph.ingest.consultations import detect_consultations
from pkgraph.ingest.dates import find_dates, looks_like_date
from pkgraph.records import Consultation, DocFormat, DocumentMetadata

# --- labelled head lines ----------------------------------------------------------------------

_MARKUP = re.compile(r"^[\s#*_>|]+|[\s#*_|]+$")
_HEAD_LINES = 40


def _lines(text: str) -> list[str]:
    """Non-empty lines with Markdown emphasis and heading marks removed."""
    return [clean for line in text.split("\n") if (clean := _MARKUP.sub("", line))]


def _labelled_values(lines: list[str], labels: str) -> Iterator[str]:
    """Values after a label: on the same line ("Betreff: X") or the next ("Betreff\\nX")."""
    pattern = re.compile(rf"^(?:{labels})\s*:?\**(?:\s+(?P<value>.+)|\s*$)", re.IGNORECASE)
    for number, line in enumerate(lines[:_HEAD_LINES]):
        m = pattern.match(line)
        if m is None:
            continue
        value = m.group("value") or (lines[number + 1] if number + 1 < len(lines) else "")
        value = _MARKUP.sub("", value.lstrip(":* \t"))
        if value:
            yield value


# --- document type ----------------------------------------------------------------------------

#: Types of council documents, most specific first; the variants match old spellings.
DOC_TYPES: tuple[tuple[str, str], ...] = (
    ("Sitzungsvorlage", r"Sitzungsvorlage"),
    ("Beschlussvorlage", r"Beschlu(?:ss|ß)vorlage"),
    ("Mitteilungsvorlage", r"Mitteilungsvorlage"),
    ("Informationsvorlage", r"Informationsvorlage"),
    ("Berichtsvorlage", r"Berichtsvorlage"),
    ("Verwaltungsvorlage", r"Verwaltungsvorlage"),
    ("Dringlichkeitsvorlage", r"Dringlichkeitsvorlage"),
    ("Drucksache", r"Drucksache"),
    ("Vorlage", r"Vorlage"),
    ("Antrag", r"(?:Dringlichkeits|Änderungs|Ergänzungs|Prüf)?[Aa]ntrag"),
    ("Anfrage", r"Anfrage"),
    ("Niederschrift", r"Niederschrift"),
    ("Protokoll", r"Protokoll"),
    ("Beschlussauszug", r"Beschlu(?:ss|ß)auszug"),
    ("Tagesordnung", r"Tagesordnung"),
    ("Einladung", r"Einladung"),
    ("Pressemitteilung", r"Pressemitteilung"),
    ("Online-Dokumentation", r"Online-Dokumentation"),
    ("Dokumentation", r"Dokumentation"),
    ("Stellungnahme", r"Stellungnahme"),
    ("Mitteilung", r"Mitteilung"),
    ("Bericht", r"Bericht"),
)
#: Reference prefixes that council systems derive from the document type.
TYPE_BY_REFERENCE_PREFIX = {
    "SV": "Sitzungsvorlage",
    "BV": "Beschlussvorlage",
    "MV": "Mitteilungsvorlage",
    "IV": "Informationsvorlage",
    "DS": "Drucksache",
    "VO": "Vorlage",
    "AN": "Antrag",
}
WEB_PAGE_TYPE = "Webseite"
_TYPE_LABELS = r"Art|Vorlagenart|Vorlagentyp|Dokumentart|Dokumenttyp|Typ"
_LEADING_TYPE = re.compile(
    r"^(?:" + "|".join(f"(?P<t{i}>{p})" for i, (_, p) in enumerate(DOC_TYPES)) + r")\b"
)


_NUMBER_LABEL = re.compile(r"^\w+\s*(?:Nr\.|Nummer|-Nr\.|:)")


def _leading_type(line: str) -> str | None:
    m = _LEADING_TYPE.match(line)
    if m is None:
        return None
    for i, (name, _) in enumerate(DOC_TYPES):
        if m.group(f"t{i}"):
            return name
    return None


def detect_doc_type(
    lines: list[str], reference: str | None, doc_format: DocFormat
) -> tuple[str | None, str | None]:
    """The document type and the head line that named it (a title candidate)."""
    for labelled in _labelled_values(lines, _TYPE_LABELS):
        if doc_type := _leading_type(labelled):
            return doc_type, None
    head = lines[:12]
    # a type heading the document beats one that only labels a number ("Drucksache Nr.: 12")
    for line in sorted(head, key=lambda line: _NUMBER_LABEL.match(line) is not None):
        if doc_type := _leading_type(line):
            return doc_type, line
    if reference is not None:
        prefix = re.match(r"[A-Za-z]+", reference)
        if prefix and prefix.group().upper() in TYPE_BY_REFERENCE_PREFIX:
            return TYPE_BY_REFERENCE_PREFIX[prefix.group().upper()], None
    return (WEB_PAGE_TYPE if doc_format == "html" else None), None


# --- title ------------------------------------------------------------------------------------

_TITLE_LABELS = r"Betreff|Betr\.|Titel|Gegenstand|Thema"
_MAX_TITLE_CHARS = 300


def detect_title(lines: list[str], type_line: str | None) -> str | None:
    """Betreff if labelled; else the head line naming the type ("Antrag der ... vom ...");
    else the first line of at least three words."""
    for value in _labelled_values(lines, _TITLE_LABELS):
        return value[:_MAX_TITLE_CHARS]
    if type_line is not None and len(type_line.split()) >= 4:
        return type_line[:_MAX_TITLE_CHARS]
    for line in lines[:_HEAD_LINES]:
        if len(line.split()) >= 3 and len(line) <= _MAX_TITLE_CHARS:
            return line
    return None


# --- references -------------------------------------------------------------------------------

#: Reference shapes that are unambiguous without a label.
_REFERENCE_SHAPES = (
    r"[A-ZÄÖÜ]{1,6}-\d{1,4}-\d{1,6}",  # SV-9-1306
    r"[A-ZÄÖÜ]{1,6}/\d{2,4}/\d{1,6}",  # VO/2019/0123
    r"(?:19|20)\d{2}/\d{3,5}(?:/\d+(?:\.\d+)*)?",  # 2013/0381/3.2
    r"\d{2,5}/(?:19|20)\d{2}",  # 0123/2019
    r"\d*[A-Za-z]{1,8}\d*(?:/\d{1,4}){3,}",  # 5kss/1/5/15 (ALLRIS item numbers)
)
_REFERENCE = re.compile(r"(?<![\w/.-])(?:" + "|".join(_REFERENCE_SHAPES) + r")(?![\w/-])")
_REFERENCE_LABELS = (
    r"(?:Sitzungs|Beschluss|Mitteilungs|Informations)?[Vv]orlage|Vorlagen-?(?:nummer|nr\.?)"
    r"|Drucksache|Drucksachen-?(?:nummer|nr\.?)|Drucks\.|DS|Antrag|Anfrage"
)
_LABELLED_REFERENCE = re.compile(
    rf"\b(?:{_REFERENCE_LABELS})(?:[ \t]*(?:Nr\.|Nummer))?[ \t]*:?[ \t]*\n?[ \t]*"
    r"(?P<ref>[A-Za-z0-9]+(?:[-/.][A-Za-z0-9]+)+|\d+)(?![\w/-])"
)
#: Words that cite another paper just before its reference.
_CITING = re.compile(r"(?:siehe|s\.|vgl\.|gemäß|gem\.|laut|lt\.|Bezug|bezüglich)\W*$", re.I)


def find_references(text: str) -> tuple[str | None, list[str]]:
    """The document's own reference and the others it mentions, in order of appearance."""
    labelled = [
        m.group("ref")
        for m in _LABELLED_REFERENCE.finditer(text)
        if any(c.isdigit() for c in m.group("ref")) and not looks_like_date(m.group("ref"))
    ]
    own: str | None = labelled[0] if labelled else None
    mentioned: list[str] = []
    for m in _REFERENCE.finditer(text):
        if _is_year_range(m.group()):
            continue
        cited = _CITING.search(text[max(0, m.start() - 25) : m.start()]) is not None
        if own is None and not cited:
            own = m.group()
        elif m.group() != own and m.group() not in mentioned:
            mentioned.append(m.group())
    return own, [r for r in mentioned if r != own]


def _is_year_range(reference: str) -> bool:
    """ "2019/2020" is a span of years, no reference."""
    parts = reference.split("/")
    return (
        len(parts) == 2
        and all(len(p) == 4 and p.isdigit() for p in parts)
        and 0 < int(parts[1]) - int(parts[0]) <= 2
    )


# --- issuing municipality ---------------------------------------------------------------------

_PLACE_PREFIX = re.compile(
    r"\b(?P<kind>Kreis(?:es)?|Städteregion|Kreisstadt|Stadt|Gemeinde|Hansestadt)\s+"
    r"(?P<name>[A-ZÄÖÜ][\w.-]*(?:\s+[\w.()-]+){0,3})"
)
_CONSULTATION_WEIGHT = 5
_TITLE_WEIGHT = 3
_MIN_ISSUER_SCORE = 3


def detect_municipality(
    text: str, title: str | None, consultations: list[Consultation], gazetteer: Gazetteer
) -> str | None:
    """The municipality (gazetteer name) that issued the document, when one clearly dominates:
    named in its consultation bodies ("Rat der Stadt X"), its title, and most often in the text."""
    scores: Counter[str] = Counter(_municipalities_in(text, gazetteer))
    for consultation in consultations:
        for name in set(_municipalities_in(consultation.body, gazetteer)):
            scores[name] += _CONSULTATION_WEIGHT
    for name in set(_municipalities_in(title or "", gazetteer)):
        scores[name] += _TITLE_WEIGHT
    ranked = scores.most_common(2)
    if not ranked or ranked[0][1] < _MIN_ISSUER_SCORE:
        return None
    if len(ranked) == 2 and ranked[0][1] < 2 * ranked[1][1]:
        return None
    return ranked[0][0]


def _municipalities_in(text: str, gazetteer: Gazetteer) -> list[str]:
    """Gazetteer names of every "Kreis X" / "Stadt X" / "Gemeinde X" in ``text``."""
    found: list[str] = []
    for m in _PLACE_PREFIX.finditer(text):
        kind = m.group("kind")
        is_kreis = kind.startswith(("Kreis", "Städteregion")) and kind != "Kreisstadt"
        words = m.group("name").split()
        for size in range(len(words), 0, -1):
            name = _gazetteer_name(gazetteer, " ".join(words[:size]).rstrip(".,;:)"), is_kreis)
            if name is not None:
                found.append(name)
                break
    return found


@cache
def _gazetteer_name(gazetteer: Gazetteer, name: str, is_kreis: bool) -> str | None:
    if is_kreis:
        entry = gazetteer.kreis(name)
        return entry.name if entry is not None else None
    return next((e.name for e in gazetteer.by_name(name) if not e.is_kreis), None)


def labelled_municipality(lines: list[str], gazetteer: Gazetteer) -> str | None:
    """The council a document portal files the paper under ("Kommune\nKrefeld")."""
    for value in _labelled_values(lines, r"Kommune"):
        if name := _gazetteer_name(gazetteer, value.strip(), False):
            return name
    return None


# --- all together -----------------------------------------------------------------------------


def detect_metadata(text: str, doc_format: DocFormat) -> DocumentMetadata:
    """Everything above for one repaired text."""
    lines = _lines(text)
    reference, mentioned = find_references(text)
    doc_type, type_line = detect_doc_type(lines, reference, doc_format)
    title = detect_title(lines, type_line)
    consultations = detect_consultations(text)
    gazetteer = load_gazetteer()
    labelled = labelled_municipality(lines, gazetteer)
    return DocumentMetadata(
        title=title,
        doc_type=doc_type,
        reference=reference,
        date=detect_date(lines, title),
        consultations=tuple(consultations),
        municipality=labelled or detect_municipality(text, title, consultations, gazetteer),
        mentioned_references=tuple(mentioned),
    )


_DATE_LABELS = r"Datum|Erstellt am|Erstellungsdatum|Ausgabedatum|Vorlagendatum|Dokumentdatum"


def detect_date(lines: list[str], title: str | None) -> str | None:
    """The labelled document date ("Datum: 05.06.2012"), else the date of "vom ..." in the title."""
    for value in _labelled_values(lines, _DATE_LABELS):
        dates = find_dates(value)
        if dates and dates[0].start == 0:
            return dates[0].iso
    if title is not None:
        m = re.search(r"\bvom\s+", title)
        if m is not None:
            dates = find_dates(title[m.end() :])
            if dates and dates[0].start == 0:
                return dates[0].iso
    return None
