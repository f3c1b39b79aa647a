"""Prevention programs: the catalogue of known NRW programs, their aliases and renames, plus
unknown program names quoted after "Programm", "Projekt", "Initiative", "Modellvorhaben", ...

A renamed program is one entity per name with ``successor_of`` links; a name used before it
existed ("Kommunale Präventionsketten" in 2012 described "Kein Kind zurücklassen!") resolves to
the predecessor that carried the program at the document's time. A program run in phases
("Kein Kind zurücklassen!": the model phase 2012-2016, then "Für ganz Nordrhein-Westfalen"
from 2017) has one entry per phase, ``part_of`` the whole program; a mention of the bare name
means the phase the document's time and wording point to (:func:`resolve_phase`).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from functools import cache

from pkgraph.extract.text import (
    CLOSE_QUOTE,
    OPEN_QUOTE,
    DocumentText,
    matches_at,
    ocr_tolerant,
    slugify,
)
from pkgraph.gazetteer import load_gazetteer
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
    until_year: int | None = None  # last year it ran (a finished phase, a replaced name)
    funding_only: bool = False  # a funding source rather than a program one takes part in
    #: Spellings that are also an ordinary phrase ("Aufbau kommunaler Präventionsketten"):
    #: they name the program only in a document from its years (``since_year``..``until_year``).
    generic_patterns: tuple[str, ...] = ()
    #: Regexes for wording that marks a text about this phase ("22 neue Kommunen"); they
    #: decide the phase of a bare program name when the document's year does not.
    wording: tuple[str, ...] = ()
    #: The municipalities (gazetteer names) a phase was limited to, when it was: a bare name
    #: for another municipality cannot mean this phase (nor for a town of a member Kreis).
    members: tuple[str, ...] = ()


_PRAEV = ocr_tolerant("Präventionskette")
_KEKIZ = r"Kein\s+Kind\s+zur" + ocr_tolerant("ü") + r"ck(?:zu)?lassen"
#: Between "Kein Kind zurücklassen" and its phase's subtitle: "!", "-", "." or nothing.
_SUBTITLE_GAP = r"\s*[!.:–—-]?\s*[–—-]?\s*"
PROGRAM_CATALOGUE: tuple[ProgramEntry, ...] = (
    ProgramEntry(
        key="kein-kind-zuruecklassen-initiative",
        name="Kein Kind zurücklassen!",
        aliases=("Landesinitiative Kein Kind zurücklassen",),
        patterns=(),  # the whole program: its mentions resolve to one of its phases
        since_year=2012,
        until_year=2017,
    ),
    ProgramEntry(
        key="kein-kind-zuruecklassen",
        name="Kein Kind zurücklassen! Kommunen in NRW beugen vor",
        aliases=("Kein Kind zurücklassen", "KeKiz", "Kein Kind zurücklassen! Kommunen beugen vor"),
        patterns=(
            _KEKIZ + rf"(?P<subtitle>{_SUBTITLE_GAP}Kommunen\s+in\s+NRW\s+beugen\s+vor)?",
            r"\b(?:[Kk]e[Kk]i[Zz]|KEKIZ)\b",
        ),
        part_of="kein-kind-zuruecklassen-initiative",
        since_year=2012,
        until_year=2016,
        # the 18 model municipalities chosen in 2012 (state press release of 29.02.2012)
        members=(
            "Arnsberg",
            "Bielefeld",
            "Dormagen",
            "Dortmund",
            "Duisburg",
            "Düsseldorf",
            "Gelsenkirchen",
            "Gladbeck",
            "Hamm",
            "Moers",
            "Mönchengladbach",
            "Münster",
            "Oberhausen",
            "Witten",
            "Wuppertal",
            "Kreis Düren",
            "Kreis Unna",
            "Kreis Warendorf",
        ),
    ),
    ProgramEntry(
        key="kein-kind-zuruecklassen-nrw",
        name="Kein Kind zurücklassen! Für ganz Nordrhein-Westfalen",
        aliases=("Kein Kind zurücklassen! Für ganz NRW",),
        patterns=(
            _KEKIZ + rf"(?P<subtitle>{_SUBTITLE_GAP}[Ff]" + ocr_tolerant("ü") + r"r\s+ganz\s+"
            r"(?:NRW|Nordrhein-Westfalen))",
        ),
        successor_of="kein-kind-zuruecklassen",
        part_of="kein-kind-zuruecklassen-initiative",
        since_year=2017,
        until_year=2017,
        wording=(
            r"[Ff]" + ocr_tolerant("ü") + r"r\s+ganz\s+(?:NRW|Nordrhein-Westfalen)",
            r"\b22\s+(?:neue[nr]?\s+|weitere[nr]?\s+)?(?:Kommunen|St(?:ä|a)dte|Standorte)",
            r"\b[Zz]weite[nrs]?\s+(?:Durchgang|Phase|Runde|Staffel)",
            r"\bAusweitung\b|\bausgeweitet\b|\bweitet\b[^.]{0,80}\baus\b",
            r"\b(?:[Ss]eit|[Aa]b)\s+(?:(?:Anfang|Januar|Februar|Beginn)\s+)?2017\b",
        ),
    ),
    ProgramEntry(
        key="kommunale-praeventionsketten",
        name="Kommunale Präventionsketten",
        aliases=("Kommunale Präventionsketten NRW", "Landesinitiative Kommunale Präventionsketten"),
        patterns=(
            rf"Kommunale[nrs]?\s+{_PRAEV}n(?:\s+NRW)?\b",
            rf"Kommunale[nrs]?\s+{_PRAEV}\s+NRW\b",
        ),
        # lower case, or one town's chain ("die Kommunale Präventionskette der Stadt")
        generic_patterns=(
            rf"kommunale[nr]?\s+{_PRAEV}n\b",
            rf"Kommunale[nrs]?\s+{_PRAEV}\b(?!\s+NRW)",
        ),
        successor_of="kein-kind-zuruecklassen-nrw",
        since_year=2017,
        until_year=2019,
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
            r"Teilhabe\s+erm" + ocr_tolerant("ö") + r"glichen\s*[.:–—-]\s*Kommunale\s+Netzwerke\s+"
            r"gegen\s+Kinderarmut",
            r"(?<=[„\"“])Teilhabe\s+erm" + ocr_tolerant("ö") + r"glichen(?=[“”\"])",
        ),
        since_year=2011,
        until_year=2017,
    ),
    ProgramEntry(
        key="fruehe-hilfen",
        name="Frühe Hilfen",
        aliases=("Bundesinitiative Frühe Hilfen", "Bundesstiftung Frühe Hilfen"),
        patterns=(
            r"(?:Bundesinitiative|Bundesstiftung|Bundesprogramm|Landesprogramm|Netzwerke?s?)\s+"
            r"[„\"“]?Fr" + ocr_tolerant("ü") + r"he\s+Hilfen",
            r"(?<=[„\"“])Fr" + ocr_tolerant("ü") + r"he\s+Hilfen(?=[“”\"])",
            # capitalised inside a sentence, the term is the name ("und Frühe Hilfen")
            r"(?<=[\w,;]\s)Fr" + ocr_tolerant("ü") + r"he[nr]?\s+Hilfen\b",
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
_GENERIC_PATTERNS = [
    (entry, re.compile(pattern))
    for entry in PROGRAM_CATALOGUE
    for pattern in entry.generic_patterns
]
#: A word that introduces a program or project name in quotes.
_INTRODUCER = (
    r"(?<![\w-])(?:[A-ZÄÖÜ]?[\wäöüß-]*(?:[Pp]rogramm|[Pp]rojekt|[Ii]nitiative|[Vv]orhaben|"
    r"[Mm]odellprojekt|[Ss]trategie)(?:e|en|s|es)?|Motto)"
)
#: A program noun that names the kind of thing a quoted name is („Dormagener Modell“).
_PROGRAM_NOUN = r"(?:[Pp]rogramm|[Pp]rojekt|[Ss]ystem|[Mm]odell|[Nn]etzwerk)(?:s|es|e|en)?"
_QUOTED_NAME = re.compile(
    rf"{_INTRODUCER}\s+[{OPEN_QUOTE}](?P<name>[A-ZÄÖÜ][^{OPEN_QUOTE}{CLOSE_QUOTE}\n]{{2,80}}?)"
    rf"[{CLOSE_QUOTE}]"
)
#: The spaces before an opening quote, and a character of an introducer (a word of letters,
#: digits and hyphens): :data:`_QUOTED_NAME` can only match from the word before the spaces.
_SPACE_BEFORE_QUOTE = re.compile(rf"\s+[{OPEN_QUOTE}]")
_INTRODUCER_CHAR = re.compile(r"[\w-]")
#: A quoted name ending in a program noun, in two to five words („Sozialen Frühwarnsystem“,
#: „Dormagener Modell“) or one compound of -programm/-projekt („Babylotsenprogramm“).
_SELF_NAMED = re.compile(
    rf"[{OPEN_QUOTE}](?P<name>(?:[A-ZÄÖÜ][\w.-]*\s+){{1,4}}(?:[A-ZÄÖÜ][\w-]*?)?{_PROGRAM_NOUN}|"
    r"[A-ZÄÖÜ][\w-]+(?:programm|projekt)(?:s|es|e|en)?)"
    rf"[{CLOSE_QUOTE}]"
)
_BARE_PROGRAM_NOUN = re.compile(rf"{_PROGRAM_NOUN}")
#: More alphabetic words than this make a quoted phrase a sentence, not a name.
MAX_NAME_WORDS = 8


@dataclass(frozen=True)
class ProgramHit:
    """One located mention of a program."""

    key: str
    name: str
    start: int
    end: int
    parent_key: str | None = None
    #: a bare name of a phased program ("Kein Kind zurücklassen"), its phase read from context
    bare: bool = False

    @property
    def is_catalogued(self) -> bool:
        return self.key in CATALOGUE_BY_KEY


def program_in_use(key: str, year: int | None) -> str:
    """The key of the program that carried ``key``'s name in ``year`` (follows renames back).
    A program is announced the year before it starts ("sollen nun als „… Für ganz
    Nordrhein-Westfalen“ in die Fläche getragen werden", 2016): that year it is itself."""
    entry = CATALOGUE_BY_KEY[key]
    while (
        year is not None and entry.since_year and year < entry.since_year - 1 and entry.successor_of
    ):
        entry = CATALOGUE_BY_KEY[entry.successor_of]
    return entry.key


def _running(entry: ProgramEntry, year: int | None) -> bool:
    """Whether the program ran in ``year`` (an unknown year counts as running)."""
    return year is None or (entry.since_year or year) <= year <= (entry.until_year or year)


def running_in(key: str, year: int | None) -> bool:
    """Whether the program ``key`` ran in ``year``; a program not in the catalogue or an
    unknown year counts as running."""
    entry = CATALOGUE_BY_KEY.get(key)
    return entry is None or _running(entry, year)


@cache
def _members(key: str) -> frozenset[str]:
    """AGS of a limited phase's members and of the towns of its member Kreise."""
    gazetteer = load_gazetteer()
    members = {m for name in CATALOGUE_BY_KEY[key].members for m in gazetteer.by_name(name)}
    towns = {t for m in members if m.is_kreis for t in gazetteer.members(m.ags)}
    return frozenset(m.ags for m in members | towns)


def _open_phase(key: str) -> str | None:
    """For a phase limited to members, the next phase of its program (open to others)."""
    entry = CATALOGUE_BY_KEY.get(key)
    if entry is None or not entry.members or not entry.part_of:
        return None
    later = [p for p in phases_of(entry.part_of) if (p.since_year or 0) > (entry.since_year or 0)]
    return later[0].key if later else None


def phase_for_member(key: str, ags: str) -> str:
    """The phase a municipality's participation in ``key`` can be in: for a phase limited to
    members it is not one of, the next phase of the same program."""
    open_phase = _open_phase(key)
    return open_phase if open_phase and ags not in _members(key) else key


def phases_of_participants(hits: list[ProgramHit], taken_part: set[str]) -> list[ProgramHit]:
    """The hits, a bare name moved to the phase the document's participants were in: when its
    time and wording pointed to a phase limited to members, but the municipalities the text
    says take part are in the next phase only (a Kreis "joined this year", not a member)."""
    moved: dict[str, str] = {}
    for key in {h.key for h in hits if h.bare} - taken_part:
        later = _open_phase(key)
        if later in taken_part:
            moved[key] = later
    return [
        replace(h, key=moved[h.key], name=CATALOGUE_BY_KEY[moved[h.key]].name)
        if h.bare and h.key in moved
        else h
        for h in hits
    ]


def phases_of(whole_key: str) -> list[ProgramEntry]:
    """The phases of a program run in phases, first phase first."""
    phases = [entry for entry in PROGRAM_CATALOGUE if entry.part_of == whole_key]
    return sorted(phases, key=lambda entry: entry.since_year or 0)


def resolve_phase(whole_key: str, year: int | None, text: str) -> str:
    """The phase a bare name of a phased program means: the phase running in the document's
    year; for a document without a year or from after the last phase, the latest phase whose
    wording the text shows ("22 neue Kommunen", "für ganz NRW"), else the first phase — later
    texts that name the program look back at its model phase."""
    phases = phases_of(whole_key)
    running = [phase for phase in phases if year is not None and _running(phase, year)]
    if running:
        return running[0].key
    worded = [p for p in phases if any(re.search(cue, text) for cue in p.wording)]
    return (worded or phases)[-1 if worded else 0].key


def _is_bare(match: re.Match[str]) -> bool:
    """A mention without the subtitle that names one phase ("Kein Kind zurücklassen", "KeKiz")."""
    return match.groupdict().get("subtitle") is None


def _catalogue_hits(text: str, year: int | None) -> list[ProgramHit]:
    hits: list[ProgramHit] = []
    phase_of: dict[str, str] = {}  # whole program -> the phase its bare name means here
    generic = [(entry, pattern) for entry, pattern in _GENERIC_PATTERNS if _running(entry, year)]
    for entry, pattern in _CATALOGUE_PATTERNS + generic:
        for match in pattern.finditer(text):
            whole = entry.part_of if _is_bare(match) else None
            if whole:
                key = phase_of.setdefault(whole, resolve_phase(whole, year, text))
            else:
                key = program_in_use(entry.key, year)
            name = CATALOGUE_BY_KEY[key].name
            hits.append(ProgramHit(key, name, match.start(), match.end(), bare=bool(whole)))
    return _longest_first(hits)


def _longest_first(hits: list[ProgramHit]) -> list[ProgramHit]:
    """Drop hits inside a longer hit; keep position order."""
    kept: list[ProgramHit] = []
    for hit in sorted(hits, key=lambda h: (h.start, -(h.end - h.start))):
        if kept and hit.start < kept[-1].end:
            continue
        kept.append(hit)
    return kept


@dataclass(frozen=True)
class _QuotedName:
    """A quoted program name; ``introduced`` when a program word stands before it (it may
    then belong to a catalogued program nearby), not when it names itself („... Modell“)."""

    name: str
    start: int
    end: int
    introduced: bool


def _introducer_starts(text: str) -> list[int]:
    """Where the word before the spaces before each opening quote starts: the only places
    :data:`_QUOTED_NAME` can match, found much faster than by its scan of every word."""
    starts = []
    for quote in _SPACE_BEFORE_QUOTE.finditer(text):
        start = quote.start()
        while start > 0 and _INTRODUCER_CHAR.match(text, start - 1):
            start -= 1
        starts.append(start)
    return starts


def _quoted_names(text: str, known: list[ProgramHit]) -> list[_QuotedName]:
    """Quoted names after a program word that are not a catalogued name (one may contain one:
    „Monitoring kommunaler Präventionsketten“ is a program of its own)."""
    found = []
    matches = [(m, True) for m in matches_at(_QUOTED_NAME, text, _introducer_starts(text))]
    matches += [(m, False) for m in _SELF_NAMED.finditer(text)]
    for match, introduced in matches:
        name = match["name"].strip()
        words = [word for word in name.split() if any(ch.isalpha() for ch in word)]
        starts_known = any(h.start <= match.start("name") < h.end for h in known)
        if (
            starts_known
            or len(words) > MAX_NAME_WORDS
            or name.endswith((".", ":", "?"))
            or _BARE_PROGRAM_NOUN.fullmatch(name)  # „Projekt“ alone is no name
        ):
            continue
        found.append(_QuotedName(name, match.start("name"), match.end("name"), introduced))
    return found


def _quoted_candidates(
    text: str, known: list[ProgramHit], quoted_names: list[_QuotedName]
) -> list[ProgramHit]:
    """Every occurrence of each quoted name; the parent of an introduced name is the
    catalogued program nearest before or in the same sentence region, if any."""
    hits: list[ProgramHit] = []
    names: dict[str, str] = {}
    introduced: dict[str, bool] = {}
    for quoted in quoted_names:
        names.setdefault(quoted.name, slugify(quoted.name))
        introduced[quoted.name] = introduced.get(quoted.name, False) or quoted.introduced
    for name, key in names.items():
        found = list(re.finditer(re.escape(name), text))
        parents = [p for m in found if (p := _nearest_catalogued(known, m.start()))]
        parent = parents[0] if parents and introduced[name] else None
        hits.extend(ProgramHit(key, name, m.start(), m.end(), parent) for m in found)
    return hits


def _outside(hits: list[ProgramHit], names: list[_QuotedName]) -> list[ProgramHit]:
    """``hits`` that are not a part of a longer program name."""
    return [h for h in hits if not any(n.start <= h.start and h.end <= n.end for n in names)]


def _nearest_catalogued(known: list[ProgramHit], offset: int) -> str | None:
    candidates = [
        h for h in known if abs(h.start - offset) < 400 and not CATALOGUE_BY_KEY[h.key].funding_only
    ]
    if not candidates:
        return None
    return min(candidates, key=lambda h: abs(h.start - offset)).key


def find_program_hits(text: str, year: int | None) -> list[ProgramHit]:
    """Every program mention in ``text`` (catalogued and quoted candidates), by position."""
    catalogued = _catalogue_hits(text, year)
    quoted = _quoted_names(text, catalogued)
    known = _outside(catalogued, quoted)
    return sorted(known + _quoted_candidates(text, known, quoted), key=lambda h: h.start)


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
