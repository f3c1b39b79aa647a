"""The catalogue of known NRW prevention programs: names, aliases, spellings, renames and
phases with their years, and what time says about them.

A renamed program is one entity per name with ``successor_of`` links; a name used before it
existed ("Kommunale Präventionsketten" in 2012 described "Kein Kind zurücklassen!") resolves to
the predecessor that carried the program at the document's time (:func:`program_in_use`). A
program run in phases ("Kein Kind zurücklassen!": the model phase 2012-2016, then "Für ganz
Nordrhein-Westfalen" from 2017) has one entry per phase, ``part_of`` the whole program; a
mention of the bare name means the phase the document's time and wording point to
(:func:`resolve_phase`), and a phase limited to members is not the phase of another place
(:func:`phase_for_member`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from pkgraph.extract.text import CLOSE_QUOTE, OPEN_QUOTE, ocr_tolerant
from pkgraph.gazetteer import load_gazetteer


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
    #: The name is pkgraph's, not one of the genre's canonical names: a document that writes
    #: one of the ``aliases`` is reported with that one ("Zusammen im Quartier").
    reported_as_written: bool = False


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
        wording=(r"\b18\s+(?:Modell)?(?:[Kk]ommunen|St(?:ä|a)dte[n]?\b|Kreise[n]?\b)",),
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
            # "Für ganz NRW", and its paraphrase "Kein Kind zurücklassen – in ganz NRW"
            _KEKIZ + rf"(?P<subtitle>{_SUBTITLE_GAP}(?:[Ff]" + ocr_tolerant("ü") + r"r|in)\s+"
            r"ganz\s+(?:NRW|Nordrhein-Westfalen))",
        ),
        successor_of="kein-kind-zuruecklassen",
        part_of="kein-kind-zuruecklassen-initiative",
        since_year=2017,
        until_year=2017,
        wording=(
            r"[Ff]" + ocr_tolerant("ü") + r"r\s+ganz\s+(?:NRW|Nordrhein-Westfalen)",
            _KEKIZ + _SUBTITLE_GAP + r"in\s+ganz\s+(?:NRW|Nordrhein-Westfalen)",
            r"\b22\s+(?:neue[nr]?\s+|weitere[nr]?\s+)?(?:Kommunen|St(?:ä|a)dte|Standorte)",
            r"\b[Zz]weite[nrs]?\s+(?:Durchgang|Phase|Runde|Staffel)",
            # (not a question still open: "ob es auf alle Kommunen ausgeweitet wird")
            r"\bAusweitung\b|\bweitet\b[^.]{0,80}\baus\b",
            r"(?:^|[.;:!?]\s)(?:(?!\bob\b)[^.;:!?]){0,200}\bausgeweitet\b",
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
        patterns=(
            r"\b[Kk]inderstark\b(?:\s*[–—-]\s*NRW\s+schafft\s+Chancen)?",
            # written apart, with its subtitle: "Kinder stark - NRW schafft Chancen"
            r"\b[Kk]inder\s+stark\s*[–—-]\s*NRW\s+schafft\s+Chancen",
        ),
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
            r"Teilhabe\s+erm"
            + ocr_tolerant("ö")
            # also a town's network of the program: "Teilhabe ermöglichen - Hückelhovener
            # Netzwerk gegen Kinderarmut"
            + r"glichen\s*[.:–—-]\s*(?:[Kk]ommunale|[A-ZÄÖÜ][a-zäöüß]+er)\s+Netzwerke?\s+"
            r"gegen\s+Kinderarmut",
            rf"(?<=[{OPEN_QUOTE}])Teilhabe\s+erm"
            + ocr_tolerant("ö")
            + rf"glichen(?=[{CLOSE_QUOTE}])",
        ),
        since_year=2011,
        until_year=2017,
    ),
    ProgramEntry(
        key="fruehe-hilfen",
        name="Frühe Hilfen",
        aliases=("Bundesinitiative Frühe Hilfen", "Bundesstiftung Frühe Hilfen"),
        patterns=(
            # after the institution that carries it, also written lower-case ("Fachstelle
            # „frühe Hilfen“", "Netzwerk frühe Hilfen")
            # (the federal initiative also by its full name, "Bundesinitiative Netzwerke Frühe
            # Hilfen und Familienhebammen")
            r"(?:Bundesinitiative(?:\s+Netzwerke)?|Bundesstiftung|Bundesprogramm|Landesprogramm|"
            r"Netzwerke?s?|"
            r"Fachstelle|Koordinierungsstelle|Koordinationsstelle)\s+"
            # (also "Netzwerk Frühe Hilfe" in the singular)
            rf"[{OPEN_QUOTE}]?[Ff]r" + ocr_tolerant("ü") + r"he\s+Hilfen?\b",
            rf"(?<=[{OPEN_QUOTE}])[Ff]r"
            + ocr_tolerant("ü")
            # (quoted also in the singular: das Projekt „Frühe Hilfe“)
            + rf"he[nr]?\s+Hilfen?(?=[{CLOSE_QUOTE}/])",
            # capitalised inside a sentence, the term is the name ("und Frühe Hilfen",
            # "Kooperation gestalten – Frühe Hilfen in der Kommune")
            r"(?<=[\w,;–—]\s)Fr" + ocr_tolerant("ü") + r"he[nr]?\s+Hilfen\b",
            # the field in the genitive, lower-case too ("ein Angebot der frühen Hilfen"; a
            # proper name after what belongs to it: see pkgraph.extract.programs)
            r"(?<=\bder\s)[Ff]r" + ocr_tolerant("ü") + r"hen\s+Hilfen\b",
        ),
    ),
    ProgramEntry(
        key="soziales-fruehwarnsystem",
        name="Soziales Frühwarnsystem",
        aliases=("Soziale Frühwarnsysteme", "Soziale Frühwarnsysteme in NRW"),
        # the state's model project (from 2001, with the ISA) that local early-help networks
        # grew out of; the bare "Frühwarnsystem" names it only quoted as a name
        patterns=(
            r"\b[Ss]oziale[nrs]?\s+Fr" + ocr_tolerant("ü") + r"hwarn(?:ungs)?system(?:e|s|en)?\b",
            rf"(?<=[{OPEN_QUOTE}])Fr" + ocr_tolerant("ü") + rf"hwarnsystems?(?=[{CLOSE_QUOTE}])",
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
        reported_as_written=True,
    ),
    ProgramEntry(
        key="zusammen-im-quartier",
        name="Zusammen im Quartier - Kinder stärken - Zukunft sichern",
        aliases=("Zusammen im Quartier – Kinder stärken – Zukunft sichern", "Zusammen im Quartier"),
        # the state's program against child poverty in neighbourhoods (from 2018, MAGS, with ESF)
        # (also as the Landtag wrote it, "Zusammenarbeit im Quartier …", and with the last word
        # of its subtitle miswritten, "… – Zukunft richten": reported as the text writes it;
        # with another subtitle it is the text's own name: "… – Kinder stärken: Von Daten zu
        # Taten")
        patterns=(
            r"\bZusammen(?:arbeit)?\s+im\s+Quartier(?:\s*[–—-]\s*Kinder\s+st"
            + ocr_tolerant("ä")
            + r"rken\s*[–—-]\s*Zukunft\s+[a-zäöüß]+\b|(?!\s*[–—-]\s*Kinder))",
        ),
        since_year=2018,
        reported_as_written=True,
    ),
    ProgramEntry(
        key="starke-quartiere-starke-menschen",
        name="Starke Quartiere - starke Menschen",
        aliases=("Starke Quartiere – starke Menschen",),
        patterns=(r"Starke\s+Quartiere\s*[–—-]\s*[Ss]tarke\s+Menschen",),
    ),
)
CATALOGUE_BY_KEY = {entry.key: entry for entry in PROGRAM_CATALOGUE}


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


def running(entry: ProgramEntry, year: int | None) -> bool:
    """Whether the program ran in ``year`` (an unknown year counts as running)."""
    return year is None or (entry.since_year or year) <= year <= (entry.until_year or year)


def running_in(key: str, year: int | None) -> bool:
    """Whether the program ``key`` ran in ``year``; a program not in the catalogue or an
    unknown year counts as running."""
    entry = CATALOGUE_BY_KEY.get(key)
    return entry is None or running(entry, year)


@cache
def _members(key: str) -> frozenset[str]:
    """AGS of a limited phase's members and of the towns of its member Kreise."""
    gazetteer = load_gazetteer()
    members = {m for name in CATALOGUE_BY_KEY[key].members for m in gazetteer.by_name(name)}
    towns = {t for m in members if m.is_kreis for t in gazetteer.members(m.ags)}
    return frozenset(m.ags for m in members | towns)


def open_phase(key: str) -> str | None:
    """For a phase limited to members, the next phase of its program (open to others)."""
    entry = CATALOGUE_BY_KEY.get(key)
    if entry is None or not entry.members or not entry.part_of:
        return None
    later = [p for p in phases_of(entry.part_of) if (p.since_year or 0) > (entry.since_year or 0)]
    return later[0].key if later else None


def first_phase_for_member(key: str, ags: str) -> str:
    """The first phase of ``key``'s program that the municipality could be in (a limited phase
    only for its members): where one "von Anfang an dabei" took part."""
    entry = CATALOGUE_BY_KEY.get(key)
    if entry is None or entry.part_of is None:
        return key
    for phase in phases_of(entry.part_of):
        if not phase.members or ags in _members(phase.key):
            return phase.key
    return key


def phase_for_member(key: str, ags: str) -> str:
    """The phase a municipality's participation in ``key`` can be in: for a phase limited to
    members it is not one of, the next phase of the same program."""
    later = open_phase(key)
    return later if later and ags not in _members(key) else key


def phases_of(whole_key: str) -> list[ProgramEntry]:
    """The phases of a program run in phases, first phase first."""
    phases = [entry for entry in PROGRAM_CATALOGUE if entry.part_of == whole_key]
    return sorted(phases, key=lambda entry: entry.since_year or 0)


#: A clause telling how a phased program began ("Was unter dem Namen … begann", "in einer
#: Modellphase erprobt"); "ist im Kreis gestartet" tells how it began in one place only.
_BEGINNING = re.compile(r"\b(?:begann|Modellphase)\b")
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def looks_back_at_first_phase(whole_key: str, clause: str) -> bool:
    """Whether ``clause``, naming a phased program by its bare name, speaks of its first phase
    whatever the document's time: it tells how the program began, gives the first phase's
    wording ("18 Kommunen") or years only ("zwischen 2012 und 2016"), and nothing of a later
    phase ("22 neue Kommunen", "seit 2017")."""
    first, *later = phases_of(whole_key)
    if not later or first.until_year is None:
        return False
    years = [int(y) for y in _YEAR.findall(clause)]
    if any(year > first.until_year for year in years) or any(
        re.search(cue, clause) for phase in later for cue in phase.wording
    ):
        return False
    return (
        bool(years and min(years) >= (first.since_year or 0))
        or bool(_BEGINNING.search(clause))
        or any(re.search(cue, clause) for cue in first.wording)
    )


def resolve_phase(whole_key: str, year: int | None, text: str) -> str:
    """The phase a bare name of a phased program means: the phase running in the document's
    year; for a document without a year or from after the last phase, the latest phase whose
    wording the text shows ("22 neue Kommunen", "für ganz NRW"), else the first phase — later
    texts that name the program look back at its model phase."""
    phases = phases_of(whole_key)
    current = [phase for phase in phases if year is not None and running(phase, year)]
    if current:
        return current[0].key
    worded = [p for p in phases if any(re.search(cue, text) for cue in p.wording)]
    return (worded or phases)[-1 if worded else 0].key
