"""Prevention programs in a text: mentions of the catalogued programs
(:mod:`pkgraph.extract.program_catalogue`), with the phase a bare name means, plus unknown
program names quoted after "Programm", "Projekt", "Initiative", "Modellvorhaben", ...
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, replace
from itertools import pairwise

from pkgraph.extract.program_catalogue import (
    CATALOGUE_BY_KEY,
    PROGRAM_CATALOGUE,
    looks_back_at_first_phase,
    open_phase,
    phases_of,
    program_in_use,
    resolve_phase,
    running,
)
from pkgraph.extract.text import (
    CLOSE_QUOTE,
    OPEN_QUOTE,
    DocumentText,
    matches_at,
    normalise_space,
    slugify,
    split_sentences,
)
from pkgraph.records import Evidence, ProgramMention

EXTRACTOR = "programs"

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
    r"[Mm]odellprojekt|[Ss]trategie|[Aa]ngebot|[Nn]etzwerk|[Kk]onzept|[Kk]onzeption|"
    r"[Mm]a(?:ß|ss)nahme|[Pp]räventionskette)(?:e|en|s|es|n)?|Motto)"
)
#: A program noun that names the kind of thing a quoted name is („Dormagener Modell“).
_PROGRAM_NOUN = r"(?:[Pp]rogramm|[Pp]rojekt|[Ss]ystem|[Mm]odell|[Nn]etzwerk)(?:s|es|e|en)?"
#: A catalogued program's name or alias opening a longer quoted name.
_CATALOGUED_NAME_START = re.compile(
    "|".join(
        rf"{re.escape(name)}\b"
        for entry in PROGRAM_CATALOGUE
        for name in (entry.name, *entry.aliases)
        if len(name) > 5
    ),
    re.IGNORECASE,
)
#: Introducers that also stand before a common noun in quotes (das Konzept „Präventionskette“):
#: a name after them has two words at least.
_WEAK_INTRODUCER = re.compile(r"[\wäöüß-]*(?:[Kk]onzept|[Mm]a(?:ß|ss)nahme|[Pp]räventionskette)")
_QUOTED_NAME = re.compile(
    rf"{_INTRODUCER}\s+(?:wie\s+)?[{OPEN_QUOTE}](?P<name>[A-ZÄÖÜ][^{OPEN_QUOTE}{CLOSE_QUOTE}\n]{{2,80}}?)"
    rf"[{CLOSE_QUOTE}]"
)
#: The spaces before an opening quote, and a character of an introducer (a word of letters,
#: digits and hyphens): :data:`_QUOTED_NAME` can only match from the word before the spaces.
_SPACE_BEFORE_QUOTE = re.compile(rf"\s+[{OPEN_QUOTE}]")
#: The next quoted name of a list one program word introduces: "Projekten wie „A“, „B“ und
#: „C“".
_NEXT_IN_LIST = re.compile(
    rf"\s*(?:,\s*(?:und\s+|sowie\s+)?|\s+(?:und|sowie|oder)\s+)(?:(?:die|das|den)\s+)?"
    rf"[{OPEN_QUOTE}](?P<name>[A-ZÄÖÜ][^{OPEN_QUOTE}{CLOSE_QUOTE}\n]{{2,80}}?)[{CLOSE_QUOTE}]"
)
_INTRODUCER_CHAR = re.compile(r"[\w-]")
#: A quoted name ending in a program noun, in two to five words („Sozialen Frühwarnsystem“,
#: „Dormagener Modell“) or one compound of -programm/-projekt („Babylotsenprogramm“).
_SELF_NAMED = re.compile(
    rf"[{OPEN_QUOTE}](?P<name>(?:[A-ZÄÖÜ][\w.-]*\s+){{1,4}}(?:[A-ZÄÖÜ][\w-]*?)?{_PROGRAM_NOUN}|"
    r"[A-ZÄÖÜ][\w-]+(?:programm|projekt)(?:s|es|e|en)?|"
    # opening with its kind: „Initiative Familiengrundschulzentren NRW“
    r"(?:Landes)?[Ii]nitiative\s+[A-ZÄÖÜ][\w-]+(?:\s+[A-ZÄÖÜ][\w-]*){0,3})"
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
    #: a capitalised name written in lower case ("den Aufbau kommunaler Präventionsketten")
    lower_case: bool = False

    @property
    def is_catalogued(self) -> bool:
        return self.key in CATALOGUE_BY_KEY


def phases_of_participants(hits: list[ProgramHit], taken_part: set[str]) -> list[ProgramHit]:
    """The hits, a bare name moved to the phase the document's participants were in: when its
    time and wording pointed to a phase limited to members, but the municipalities the text
    says take part are in the next phase only (a Kreis "joined this year", not a member)."""
    moved: dict[str, str] = {}
    for key in {h.key for h in hits if h.bare} - taken_part:
        later = open_phase(key)
        if later in taken_part:
            moved[key] = later
    return [
        replace(h, key=moved[h.key], name=CATALOGUE_BY_KEY[moved[h.key]].name)
        if h.bare and h.key in moved
        else h
        for h in hits
    ]


def earliest_year_naming(text: str) -> int | None:
    """The earliest year ``text`` can be from, by the programs it names by name: a name is in
    use from the year before its program starts (a text naming „kinderstark“ is from 2019 or
    later, whatever earlier years it recalls)."""
    years = [
        entry.since_year - 1
        for entry, pattern in _CATALOGUE_PATTERNS
        if entry.since_year and pattern.search(text)
    ]
    return max(years, default=None)


def _is_bare(match: re.Match[str]) -> bool:
    """A mention without the subtitle that names one phase ("Kein Kind zurücklassen", "KeKiz")."""
    return match.groupdict().get("subtitle") is None


#: "den Aufbau Kommunaler Präventionsketten": what a program does, named by the phrase an
#: earlier phase was named after.
_BUILDING_BEFORE = re.compile(
    r"\b(?:Auf|Aus)bau(?:s|es)?\s+(?:der\s+|von\s+)?$|entwicklung\s+(?:der\s+|von\s+)?$"
)


class _Clauses:
    """The clause around a span: its sentence, cut at the commas and semicolons before and
    after the span (sentences are split once, when first asked)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._sentences: list[tuple[int, int]] | None = None

    def around(self, start: int, end: int) -> str:
        if self._sentences is None:
            self._sentences = split_sentences(self.text)
        index = bisect_right(self._sentences, (start, len(self.text))) - 1
        first, last = self._sentences[index] if index >= 0 else (0, len(self.text))
        before = self.text[first:start]
        cut = max(before.rfind(", "), before.rfind("; "))
        after = _CLAUSE_END.search(self.text, end, max(end, last))
        return self.text[first + cut + 1 if cut >= 0 else first : after.start() if after else last]


_CLAUSE_END = re.compile(r"[,;]\s")


def _catalogue_hits(text: str, year: int | None) -> list[ProgramHit]:
    hits: list[ProgramHit] = []
    phase_of: dict[str, str] = {}  # whole program -> the phase its bare name means here
    clauses = _Clauses(text)
    generic = [(entry, pattern) for entry, pattern in _GENERIC_PATTERNS if running(entry, year)]
    for entry, pattern in _CATALOGUE_PATTERNS + generic:
        ended = year is not None and entry.until_year is not None and year > entry.until_year
        for match in pattern.finditer(text):
            if ended and _BUILDING_BEFORE.search(text[max(0, match.start() - 30) : match.start()]):
                continue
            whole = entry.part_of if _is_bare(match) else None
            if whole:
                key = phase_of.setdefault(whole, resolve_phase(whole, year, text))
                first = phases_of(whole)[0].key
                if key != first and looks_back_at_first_phase(
                    whole, clauses.around(match.start(), match.end())
                ):
                    key, whole = first, None  # its phase is its clause's, not the document's
            else:
                key = program_in_use(entry.key, year)
            name = CATALOGUE_BY_KEY[key].name
            hits.append(ProgramHit(key, name, match.start(), match.end(), bare=bool(whole)))
    return _as_former_names(text, _without_common_phrases(text, _longest_first(hits)))


#: The words that introduce a program's former name ("früher „Kein Kind zurücklassen“").
FORMERLY = r"(?:früher|vormals|ehemals|zuvor|bisher)"
#: Between a program and the name it went by before: "„Kommunale Präventionsketten“ (zuvor:
#: „Kein Kind zurücklassen!“)".
_FORMERLY_BETWEEN = re.compile(rf"^[{CLOSE_QUOTE}]?\s*[(,]?\s*{FORMERLY}\s*:?\s*[{OPEN_QUOTE}]?$")


def _as_former_names(text: str, hits: list[ProgramHit]) -> list[ProgramHit]:
    """A bare phased name given as a program's former name is the phase it succeeded."""
    resolved = list(hits)
    for number, (before, hit) in enumerate(pairwise(hits), start=1):
        predecessor = CATALOGUE_BY_KEY[before.key].successor_of if before.is_catalogued else None
        if (
            hit.bare
            and predecessor is not None
            and CATALOGUE_BY_KEY[predecessor].part_of == CATALOGUE_BY_KEY[hit.key].part_of
            and _FORMERLY_BETWEEN.match(text[before.end : hit.start])
        ):
            resolved[number] = replace(
                hit, key=predecessor, name=CATALOGUE_BY_KEY[predecessor].name
            )
    return resolved


#: What belongs to a field of work, before its name in the genitive: the name is the field's
#: even in lower case ("ein Angebot der frühen Hilfen", "des Netzwerkes der frühen Hilfen").
_PART_OF_THE_FIELD = re.compile(
    r"\b(?:Angebot|Angebote|Angebotes|Angebots|Netzwerk|Netzwerkes|Netzwerks|Modul|Budget|"
    r"Budgets|Bereich|Bereichs|Bereiches|Rahmen|Ausbau|Baustein|Bausteine|Teil|Leistungen|"
    r"Maßnahmen|Koordination)\s+der\s+$"
)


def _without_common_phrases(text: str, hits: list[ProgramHit]) -> list[ProgramHit]:
    """A program with a capitalised name written only in lower case ("dass kommunale
    Präventionsketten wirken") is the common phrase it was named after; one proper mention
    makes every lower-case one in the document name the program too ("kinderstark" is its
    proper name; so does a quoted one: „frühen Hilfen“)."""
    proper = {
        hit.key
        for hit in hits
        if hit.name[0].islower()
        or not text[hit.start].islower()
        or (hit.start > 0 and text[hit.start - 1] in OPEN_QUOTE)
        or _PART_OF_THE_FIELD.search(text, max(0, hit.start - 20), hit.start)
    }
    return [
        replace(hit, lower_case=not hit.name[0].islower() and text[hit.start].islower())
        for hit in hits
        if hit.key in proper
    ]


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
        start = _word_start(text, quote.start())
        if text.startswith("wie", start) and start > 0 and text[start - 1].isspace():
            start = _word_start(text, len(text[:start].rstrip()))  # "Projekten wie „A“"
        starts.append(start)
    return starts


def _word_start(text: str, end: int) -> int:
    """Where the word of introducer characters ending at ``end`` starts."""
    while end > 0 and _INTRODUCER_CHAR.match(text, end - 1):
        end -= 1
    return end


def _quoted_names(text: str, known: list[ProgramHit]) -> list[_QuotedName]:
    """Quoted names after a program word that are not a catalogued name (one may contain one:
    „Monitoring kommunaler Präventionsketten“ is a program of its own)."""
    found = []
    after_words = list(matches_at(_QUOTED_NAME, text, _introducer_starts(text)))
    matches = [(m, True) for m in after_words + _listed_after(text, after_words)]
    matches += [(m, False) for m in _SELF_NAMED.finditer(text)]
    for match, introduced in matches:
        name = match["name"].strip()
        words = [word for word in name.split() if any(ch.isalpha() for ch in word)]
        starts_known = any(h.start <= match.start("name") < h.end for h in known) or bool(
            _CATALOGUED_NAME_START.match(name)
        )  # „Frühe Hilfen und Kinderschutz“: a network of the catalogued program
        if (
            starts_known
            or (len(words) < 2 and _WEAK_INTRODUCER.match(match[0]))
            or len(words) > MAX_NAME_WORDS
            or name.endswith((".", ":", "?"))
            or _BARE_PROGRAM_NOUN.fullmatch(name)  # „Projekt“ alone is no name
        ):
            continue
        found.append(_QuotedName(name, match.start("name"), match.end("name"), introduced))
    return found


def _listed_after(text: str, introduced: list[re.Match[str]]) -> list[re.Match[str]]:
    """The quoted names listed after each introduced one, which its program word introduces
    too (:data:`_NEXT_IN_LIST`)."""
    listed = []
    for match in introduced:
        end = match.end()
        while (following := _NEXT_IN_LIST.match(text, end)) is not None:
            listed.append(following)
            end = following.end()
    return listed


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


#: The LVR program by its subtitle alone: "Mit Hilfe dieser Mittel soll ein Netzwerk gegen
#: Kinderarmut aufgebaut werden" near the LVR that gives them.
_NETWORK_AGAINST_POVERTY = re.compile(r"\bNetzwerke?s?\s+gegen\s+Kinderarmut\b")
_LVR = re.compile(r"\bLVR\b|\bLandschaftsverband(?:es|s)?\s+Rheinland\b")
_LVR_PROGRAM = "teilhabe-ermoeglichen"
#: How far (characters) from the LVR such a network may be named.
LVR_NEAR = 400


def _lvr_networks(text: str, year: int | None, known: list[ProgramHit]) -> list[ProgramHit]:
    """Networks against child poverty the LVR funds, in the years of its program."""
    entry = CATALOGUE_BY_KEY[_LVR_PROGRAM]
    if not running(entry, year):
        return []
    lvr = [m.start() for m in _LVR.finditer(text)]
    return [
        ProgramHit(entry.key, entry.name, m.start(), m.end())
        for m in _NETWORK_AGAINST_POVERTY.finditer(text)
        if any(abs(m.start() - start) <= LVR_NEAR for start in lvr)
        and not any(h.start <= m.start() < h.end for h in known)
    ]


def find_program_hits(text: str, year: int | None) -> list[ProgramHit]:
    """Every program mention in ``text`` (catalogued and quoted candidates), by position."""
    catalogued = _catalogue_hits(text, year)
    catalogued = sorted(catalogued + _lvr_networks(text, year, catalogued), key=lambda h: h.start)
    quoted = _quoted_names(text, catalogued)
    known = _outside(catalogued, quoted)
    named = known + _quoted_candidates(text, known, quoted)
    return sorted(named or _the_model_project(text, year), key=lambda h: h.start)


#: "das Modellvorhaben" with its article, in a text that names no program: the genre's model
#: project, "Kein Kind zurücklassen! Kommunen in NRW beugen vor" (2012–2016), whose own pages
#: and press say no more ("Wir machen bei dem Modellvorhaben mit").
_THE_MODEL_PROJECT = re.compile(
    r"\b(?:dem|das|des|am|im|beim|zum)\s+(?P<name>Modellvorhaben(?:s)?)\b", re.IGNORECASE
)
MODEL_PROJECT = "kein-kind-zuruecklassen"


def _the_model_project(text: str, year: int | None) -> list[ProgramHit]:
    entry = CATALOGUE_BY_KEY[MODEL_PROJECT]
    if year is not None and entry.until_year is not None and year > entry.until_year:
        return []
    return [
        ProgramHit(MODEL_PROJECT, entry.name, m.start("name"), m.end("name"), bare=True)
        for m in _THE_MODEL_PROJECT.finditer(text)
    ]


def main_program(hits: list[ProgramHit]) -> str | None:
    """The catalogued (non-funding) program the document is mostly about, counted by its
    mentions as a name: the phrase a name was made of ("durch kommunale Präventionsketten")
    names the program, but says less about what the document is about."""
    named = [
        h
        for h in hits
        if (h.parent_key or h.key) in CATALOGUE_BY_KEY
        and not CATALOGUE_BY_KEY[h.parent_key or h.key].funding_only
    ]
    counts = Counter(h.parent_key or h.key for h in named if not h.lower_case)
    counts = counts or Counter(h.parent_key or h.key for h in named)
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
            stated=_written_alias(key, evidence),
        )
        for key, evidence in mentions.items()
    )


def _written_alias(key: str, mentions: list[Evidence]) -> str | None:
    """The name a document writes for a program reported as written: the fullest alias or
    other form it writes ("… – Zukunft richten" for "… – Zukunft sichern"); none when it also
    writes the catalogue's name."""
    entry = CATALOGUE_BY_KEY.get(key)
    if entry is None or not entry.reported_as_written:
        return None
    aliases = {slugify(alias): alias for alias in entry.aliases}
    written = {slugify(m.quote): normalise_space(m.quote) for m in mentions}
    if slugify(entry.name) in written:
        return None
    forms = {slug: aliases.get(slug, quote) for slug, quote in written.items()}
    return max(forms.values(), key=len, default=None)
