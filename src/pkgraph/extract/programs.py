"""Prevention programs: the catalogue of known NRW programs, their aliases and renames, plus
unknown program names quoted after "Programm", "Projekt", "Initiative", "Modellvorhaben", ...

A renamed program is one entity per name with ``successor_of`` links; a name used before it
existed ("Kommunale Präventionsketten" in 2012 described "Kein Kind zurücklassen!") resolves to
the predecessor that carried the program at the document's time.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from pkgraph.extract.text import CLOSE_QUOTE, OPEN_QUOTE, DocumentText, ocr_tolerant, slugify
from pkgraph.records import Evidence, ProgramMention

EXTRACTOR = "programs"


@dataclass(frozen=True)
class ProgramEntry:
    """A canonical program. Names use ASCII hyphens and apostrophes."""

    key: str
    name: str
    aliases: tuple[str, ...]  # other names, for the reference graph and for search
    patterns: tuple[str, ...]  # regexes finding a mention in text (matched case-sensitively)
    successor_of: str | None = None
    part_of: str | None = None
    since_year: int | None = None  # first year the name was in use
    funding_only: bool = False  # a funding source rather than a program one takes part in


_PRAEV = ocr_tolerant("Präventionskette")
PROGRAM_CATALOGUE: tuple[ProgramEntry, ...] = (
    ProgramEntry(
        key="kein-kind-zuruecklassen",
        name="Kein Kind zurücklassen! Kommunen in NRW beugen vor",
        aliases=("Kein Kind zurücklassen", "KeKiz", "Kein Kind zurücklassen! Kommunen beugen vor"),
        patterns=(
            r"Kein\s+Kind\s+zur" + ocr_tolerant("ü") + r"ck(?:zu)?lassen"
            r"(?:\s*[!–—-]?\s*[!–—-]?\s*Kommunen\s+in\s+NRW\s+beugen\s+vor)?",
            r"\bKeKiz\b",
        ),
        since_year=2011,
    ),
    ProgramEntry(
        key="kommunale-praeventionsketten",
        name="Kommunale Präventionsketten",
        aliases=("Kommunale Präventionsketten NRW", "Landesinitiative Kommunale Präventionsketten"),
        patterns=(
            rf"Kommunale[nrs]?\s+{_PRAEV}n?(?:\s+NRW)?\b",
            rf"kommunale[nr]?\s+{_PRAEV}n\b",
        ),
        successor_of="kein-kind-zuruecklassen",
        since_year=2017,
    ),
    ProgramEntry(
        key="kinderstark",
        name="kinderstark - NRW schafft Chancen",
        aliases=("kinderstark", "kinderstark – NRW schafft Chancen"),
        patterns=(r"\b[Kk]inderstark\b(?:\s*[–—-]\s*NRW\s+schafft\s+Chancen)?",),
        successor_of="kommunale-praeventionsketten",
        since_year=2020,
    ),
    ProgramEntry(
        key="gemeinsam-klappts",
        name="gemeinsam klappt's",
        aliases=("Gemeinsam klappt's", "gemeinsam klappt’s"),
        patterns=(r"\b[Gg]emeinsam\s+klappt\s?['‘’´`]?\s?s\b",),
        since_year=2018,
    ),
    ProgramEntry(
        key="teilhabe-ermoeglichen",
        name="Teilhabe ermöglichen - Kommunale Netzwerke gegen Kinderarmut",
        aliases=("Teilhabe ermöglichen", "LVR-Programm Teilhabe ermöglichen"),
        patterns=(
            r"Teilhabe\s+erm" + ocr_tolerant("ö") + r"glichen\s*[–—-]\s*Kommunale\s+Netzwerke\s+"
            r"gegen\s+Kinderarmut",
            r"(?<=[„\"“])Teilhabe\s+erm" + ocr_tolerant("ö") + r"glichen(?=[“”\"])",
        ),
    ),
    ProgramEntry(
        key="fruehe-hilfen",
        name="Frühe Hilfen",
        aliases=("Bundesinitiative Frühe Hilfen", "Bundesstiftung Frühe Hilfen"),
        patterns=(
            r"(?:Bundesinitiative|Bundesstiftung|Bundesprogramm|Landesprogramm|Netzwerke?s?)\s+"
            r"[„\"“]?Fr" + ocr_tolerant("ü") + r"he\s+Hilfen",
            r"(?<=[„\"“])Fr" + ocr_tolerant("ü") + r"he\s+Hilfen(?=[“”\"])",
        ),
    ),
    ProgramEntry(
        key="esf",
        name="ESF-Förderung",
        aliases=("Europäischer Sozialfonds", "ESF"),
        patterns=(
            r"\bESF(?:-[^\W\d_]+)?\b",
            r"Europ" + ocr_tolerant("ä") + r"ische[nr]?\s+Sozialfonds?",
        ),
        funding_only=True,
    ),
    ProgramEntry(
        key="nrw-haelt-zusammen",
        name="NRW hält zusammen ... für ein Leben ohne Armut und Ausgrenzung",
        aliases=("NRW hält zusammen",),
        patterns=(r"NRW\s+h" + ocr_tolerant("ä") + r"lt\s+zusammen",),
    ),
    ProgramEntry(
        key="starke-quartiere-starke-menschen",
        name="Starke Quartiere - starke Menschen",
        aliases=("Starke Quartiere – starke Menschen",),
        patterns=(r"Starke\s+Quartiere\s*[–—-]\s*[Ss]tarke\s+Menschen",),
    ),
)
CATALOGUE_BY_KEY = {entry.key: entry for entry in PROGRAM_CATALOGUE}

_CATALOGUE_PATTERNS = [
    (entry, re.compile(pattern)) for entry in PROGRAM_CATALOGUE for pattern in entry.patterns
]
#: A word that introduces a program or project name in quotes.
_INTRODUCER = (
    r"(?:[A-ZÄÖÜ]?[\wäöüß-]*(?:[Pp]rogramm|[Pp]rojekt|[Ii]nitiative|[Vv]orhaben|[Mm]odellprojekt)"
    r"(?:e|en|s|es)?|Motto)"
)
_QUOTED_NAME = re.compile(
    rf"{_INTRODUCER}\s+[{OPEN_QUOTE}]([A-ZÄÖÜ][^{OPEN_QUOTE}{CLOSE_QUOTE}\n]{{2,80}}?)"
    rf"[{CLOSE_QUOTE}]"
)


@dataclass(frozen=True)
class ProgramHit:
    """One located mention of a program."""

    key: str
    name: str
    start: int
    end: int
    parent_key: str | None = None

    @property
    def is_catalogued(self) -> bool:
        return self.key in CATALOGUE_BY_KEY


def program_in_use(key: str, year: int | None) -> str:
    """The key of the program that carried ``key``'s name in ``year`` (follows renames back)."""
    entry = CATALOGUE_BY_KEY[key]
    while year is not None and entry.since_year and year < entry.since_year and entry.successor_of:
        entry = CATALOGUE_BY_KEY[entry.successor_of]
    return entry.key


def _catalogue_hits(text: str, year: int | None) -> list[ProgramHit]:
    hits: list[ProgramHit] = []
    for entry, pattern in _CATALOGUE_PATTERNS:
        for match in pattern.finditer(text):
            key = program_in_use(entry.key, year)
            hits.append(ProgramHit(key, CATALOGUE_BY_KEY[key].name, match.start(), match.end()))
    return _longest_first(hits)


def _longest_first(hits: list[ProgramHit]) -> list[ProgramHit]:
    """Drop hits inside a longer hit; keep position order."""
    kept: list[ProgramHit] = []
    for hit in sorted(hits, key=lambda h: (h.start, -(h.end - h.start))):
        if kept and hit.start < kept[-1].end:
            continue
        kept.append(hit)
    return kept


def _quoted_candidates(text: str, known: list[ProgramHit]) -> list[ProgramHit]:
    """Quoted names after a program word that the catalogue does not know, with every later
    occurrence of the same name; the parent is the catalogued program nearest before or in the
    same sentence region, if any."""
    hits: list[ProgramHit] = []
    names: dict[str, str] = {}
    for match in _QUOTED_NAME.finditer(text):
        name = match.group(1).strip()
        inside = any(h.start <= match.start(1) < h.end for h in known)
        if inside or len(name.split()) > 8 or name.endswith((".", ":", "?", "!")):
            continue
        names.setdefault(name, slugify(name))
    for name, key in names.items():
        found = list(re.finditer(re.escape(name), text))
        parents = [p for m in found if (p := _nearest_catalogued(known, m.start()))]
        parent = parents[0] if parents else None
        hits.extend(ProgramHit(key, name, m.start(), m.end(), parent) for m in found)
    return hits


def _nearest_catalogued(known: list[ProgramHit], offset: int) -> str | None:
    candidates = [
        h for h in known if abs(h.start - offset) < 400 and not CATALOGUE_BY_KEY[h.key].funding_only
    ]
    if not candidates:
        return None
    return min(candidates, key=lambda h: abs(h.start - offset)).key


def find_program_hits(text: str, year: int | None) -> list[ProgramHit]:
    """Every program mention in ``text`` (catalogued and quoted candidates), by position."""
    known = _catalogue_hits(text, year)
    return sorted(known + _quoted_candidates(text, known), key=lambda h: h.start)


def main_program(hits: list[ProgramHit]) -> str | None:
    """The catalogued (non-funding) program the document is mostly about."""
    counts = Counter(
        h.parent_key or h.key
        for h in hits
        if (h.parent_key or h.key) in CATALOGUE_BY_KEY
        and not CATALOGUE_BY_KEY[h.parent_key or h.key].funding_only
    )
    return counts.most_common(1)[0][0] if counts else None


def extract_programs(doc: DocumentText, hits: list[ProgramHit]) -> tuple[ProgramMention, ...]:
    """One :class:`ProgramMention` per program, with evidence for each mention."""
    mentions: dict[str, list[Evidence]] = {}
    first: dict[str, ProgramHit] = {}
    for hit in hits:
        confidence = 0.95 if hit.is_catalogued else 0.7
        mentions.setdefault(hit.key, []).append(
            doc.evidence(hit.start, hit.end, EXTRACTOR, confidence)
        )
        first.setdefault(hit.key, hit)
    return tuple(
        ProgramMention(
            key=key,
            name=first[key].name,
            mentions=tuple(evidence),
            parent_key=first[key].parent_key,
        )
        for key, evidence in mentions.items()
    )
