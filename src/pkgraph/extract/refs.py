"""Document references: Vorlage numbers ("SV-9-1306", "2013/0381/3.2", "5kss/1/5/15"),
"Drucksache 17/1234", "Vorlage Nr. 123/2019" — also when a line break splits them.

A reference is emitted as the bare number ("17/1234"), whatever keyword introduced it, so a
paper cited as "Drucksache 17/1234" and labelled "Vorlage Nr. 17/1234" is one reference.

A reference is either introduced by a keyword (Vorlage, Drucksache, ...) or has the shape of
one: several segments joined by "-" or "/", with digits. Dates, phone numbers, file numbers
(Az.) and plain year ranges are not references.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pkgraph.extract.text import DocumentText
from pkgraph.records import DocRef

EXTRACTOR = "refs"

#: A segment joiner, allowing a line break after it ("SV-9-\n1217").
_JOIN = r"(?:[-/]|\.(?=\d))[ \t]*(?:\n[ \t]*)?"
_SEGMENT = r"[A-Za-z0-9]+"
#: Shape of a reference: at least three segments, e.g. SV-9-1306, 2013/0381/3.2, 5kss/1/5/15.
_SHAPED = re.compile(
    rf"(?<![\w/.\-])(?:{_SEGMENT}(?:[-/][ \t]*(?:\n[ \t]*)?){_SEGMENT})(?:{_JOIN}{_SEGMENT})+"
    r"(?![\w/-])"
)
_KEYWORD = re.compile(
    r"\b(Drucksache|Drs\.|Vorlagen?-?(?:Nr\.|nummer)|Vorlage\s+Nr\.|Sitzungsvorlage\s+Nr\.|"
    r"Beschlussvorlage\s+Nr\.|DS-Nr\.|Antrag\s+Nr\.|Vorlage)\s*:?\s*"
    rf"({_SEGMENT}(?:{_JOIN}{_SEGMENT})*)",
)
#: Text right before a match that shows it is not a document reference.
_NOT_A_REF_BEFORE = re.compile(r"(?:Tel\.?|Telefon|Fax|Az\.?|Aktenzeichen|Fon|Mobil)\s*:?\s*$")
_DATE_LIKE = re.compile(r"^\d{1,2}[./-]\d{1,2}[./-]\d{2,4}$")
_YEAR_RANGE = re.compile(r"^(?:19|20)\d{2}(?:[-/](?:19|20)?\d{2})+$")


@dataclass(frozen=True)
class FoundRef:
    reference: str
    start: int
    end: int


def _clean(reference: str) -> str:
    return re.sub(r"\s+", "", reference)


def _plausible(reference: str) -> bool:
    digits = sum(ch.isdigit() for ch in reference)
    return (
        digits >= 2
        and not _DATE_LIKE.match(reference)
        and not _YEAR_RANGE.match(reference)
        and not reference.isdigit()
    )


def find_refs(text: str) -> list[FoundRef]:
    """Every reference in ``text`` in order of position (duplicates kept)."""
    found: dict[int, FoundRef] = {}
    for match in _KEYWORD.finditer(text):
        keyword, number = match.group(1), _clean(match.group(2))
        if not _plausible(number) and not (number.isdigit() and keyword != "Vorlage"):
            continue
        found[match.start(2)] = FoundRef(number, match.start(2), match.end(2))
    for match in _SHAPED.finditer(text):
        if match.start() in found or _NOT_A_REF_BEFORE.search(text[: match.start()][-20:]):
            continue
        reference = _clean(match.group())
        if _plausible(reference) and any(ch.isdigit() for ch in reference.split("-")[-1]):
            found[match.start()] = FoundRef(reference, match.start(), match.end())
    return sorted(found.values(), key=lambda ref: ref.start)


def extract_refs(doc: DocumentText, own_reference: str | None) -> tuple[DocRef, ...]:
    """All references, the document's own (from metadata, else the first) marked ``is_own``."""
    found = find_refs(doc.text)
    own = _clean(own_reference) if own_reference else (found[0].reference if found else None)
    refs = [
        DocRef(
            reference=ref.reference,
            is_own=ref.reference == own,
            evidence=doc.evidence(ref.start, ref.end, EXTRACTOR, 0.9),
        )
        for ref in found
    ]
    return tuple(sorted(refs, key=lambda ref: not ref.is_own))
