"""Document references: Vorlage numbers ("SV-9-1306", "2013/0381/3.2", "5kss/1/5/15"),
"Drucksache 17/1234", "Vorlage Nr. 123/2019" — also when a line break splits them.

A reference is emitted as the bare number ("17/1234"), whatever keyword introduced it, so a
paper cited as "Drucksache 17/1234" and labelled "Vorlage Nr. 17/1234" is one reference.

A reference is either introduced by a keyword (Vorlage, Drucksache, ...) or has the shape of
one: several segments joined by "-" or "/", with digits; a unit prefix of a council system
stays part of it ("WP 20-25 SV III/060", "FB 45/0061/WP18"). Keywords are case-insensitive
("VORLAGE 16/ 1959" → "16/1959"); "Aktenzeichen 3.2632.04" of a ministry letter counts.
Dates (also glued to a word), phone numbers, "Az." numbers, an author's unit code after
"Verfasst von:" and plain year ranges are not references.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pkgraph.extract.text import DocumentText, normalise_space
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
    r"\b((?i:Drucksachen?(?:-?Nr\.)?|Drs\.?-?Nr\.|Drs\.|Ds\.?-?Nr\.|DS-Nr\.|Vorlagen?-?(?:Nr\.|nummer)|"
    r"(?:Sitzungs|Beschluss|Mitteilungs|Informations|Verwaltungs)?vorlagen?(?:\s+Nr\.)?|"
    # "Antrag Nr. 12", the Landschaftsverband's "Antrag-Nr. 12/266", "Anfrage-Nr. 15/3"
    r"(?:Antrag|Anfrage)(?:\s+|-)Nr\.|Aktenzeichen|Geschäftszeichen))\s*:?\s*(?:-\s+)?"
    # "Vorlage-Nr. 4871 /18": a space may stand before a slash after a keyword
    rf"({_SEGMENT}(?:(?:[ \t]/[ \t]*|{_JOIN}){_SEGMENT})*)",
)
#: A council system's reference with a unit prefix: "WP 20-25 SV III/060", "FB 45/0061/WP18",
#: a Vorlage "V 193/2015".
_PREFIXED = re.compile(
    r"(?<![\w/.\-])(?:WP\s?\d{2}-\d{2}\s+)?(?!TOP\b|Nr\b|Az\b|KW\b)[A-Z]{1,4}\s+"
    r"(?:[IVX]{1,4}/\d{2,5}|\d{1,3}/\d{2,5}/[A-Za-z0-9]+|(?!(?:19|20)\d{2}/)\d{1,4}/(?:19|20)\d{2})(?![\w/-])"
    # after an electoral-period prefix the unit may be a number: "WP 20-25 SV 51/177"
    r"|(?<![\w/.\-])WP\s?\d{2}-\d{2}\s+[A-Z]{1,4}\s+\d{1,3}/\d{2,5}(?![\w/-])"
)
#: Text right before a match that shows it is not a document reference (an author's unit
#: code after "Verfasst von:" is none either).
_NOT_A_REF_BEFORE = re.compile(
    r"(?:Tel\.?|Telefon|Fax|Az\.?|Fon|Mobil|Verfasst\s+von|Bearbeitet\s+von)\s*:?[\s\-–•]*"
    r"(?:[A-Z]{1,4}\s+)?$"
)
#: A date glued to a word ("27.05.2015Landesgesamtkonzept") is no reference.
_STARTS_WITH_DATE = re.compile(r"^\d{1,2}\.\d{1,2}\.(?:19|20)?\d{2}")
#: Another number of a keyword's list: ", 17/23", "und 186/2012", "sowie 18/402".
_MORE_REFS = re.compile(
    rf"(?:\s*,\s*|\s+(?:und|sowie|bzw\.)\s+)({_SEGMENT}(?:{_JOIN}{_SEGMENT})+)(?![\w/-])"
)
#: A day and month that exist, either way round ("04/21/2011" in an English page's stamp);
#: "4/51-18" is a file mark, not a date.
_DAY = r"(?:0?[1-9]|[12]\d|3[01])"
_MONTH = r"(?:0?[1-9]|1[0-2])"
_DATE_LIKE = re.compile(rf"^(?:{_DAY}[./-]{_MONTH}|{_MONTH}[./-]{_DAY})[./-]\d{{2,4}}$")
#: A page's time stamp ("2024-04-19T13:05") is no reference.
_ISO_STAMP = re.compile(r"^(?:19|20)\d{2}-\d{2}-\d{2}(?:T|$)")
_YEAR_RANGE = re.compile(r"^(?:19|20)\d{2}(?:[-/](?:19|20)?\d{2})+$")
#: A phone number: an area code, a slash, the number with its extension ("0241/432-1309").
_PHONE = re.compile(r"^0\d{2,5}/\d{2,8}-\d{1,6}$")


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
        and not _STARTS_WITH_DATE.match(reference)
        and not _ISO_STAMP.match(reference)
        and not _PHONE.match(reference)
    )


def find_refs(text: str) -> list[FoundRef]:
    """Every reference in ``text`` in order of position (duplicates kept)."""
    found: dict[int, FoundRef] = {}
    for match in _PREFIXED.finditer(text):
        if not _NOT_A_REF_BEFORE.search(text[max(0, match.start() - 20) : match.start()]):
            reference = normalise_space(match.group())
            found[match.start()] = FoundRef(reference, match.start(), match.end())
    taken = [range(ref.start, ref.end) for ref in found.values()]
    for match in _KEYWORD.finditer(text):
        if any(match.start(2) in span for span in taken):
            continue
        keyword, number = match.group(1), _clean(match.group(2))
        if not _plausible(number) and not (
            number.isdigit() and not keyword.casefold().endswith("vorlage")
        ):
            continue
        found[match.start(2)] = FoundRef(number, match.start(2), match.end(2))
        # "in den Vorlagen 161/2012 und 186/2012": the keyword introduces the whole list
        position = match.end(2)
        while more := _MORE_REFS.match(text, position):
            following = _clean(more.group(1))
            if not _plausible(following):
                break
            found[more.start(1)] = FoundRef(following, more.start(1), more.end(1))
            position = more.end(1)
    for match in _SHAPED.finditer(text):
        if (
            match.start() in found
            or any(match.start() in span for span in taken)
            or _NOT_A_REF_BEFORE.search(text[max(0, match.start() - 20) : match.start()])
        ):
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
