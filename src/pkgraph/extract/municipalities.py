"""Municipalities and Kreise linked to the gazetteer, in German inflections and constructions.

"des Kreises Coesfeld", "im Märkischen Kreis", "der Stadt Bergkamen", "Kreisstadt Unna",
"die Städte Kamen, Lünen, Selm und Werne". A bare name means the town ("Unna"), a "Kreis"
construction the Kreis ("Kreis Unna"). Names that are also ordinary German words ("Essen",
"Lage", "Kamen") count only with support: an administrative word before them, a list with
other municipalities, or such a use elsewhere in the same document.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import cache

from pkgraph.extract.text import DocumentText, literal_alternation
from pkgraph.gazetteer import Gazetteer, Municipality, load_gazetteer
from pkgraph.records import MunicipalityMention, MunicipalityRole

EXTRACTOR = "municipalities"

#: NRW municipality names that are also common German words or first names: domain knowledge
#: about the gazetteer, used only to demand context before linking.
HOMONYMS = frozenset(
    [
        "Essen",
        "Lage",
        "Kamen",
        "Senden",
        "Wetter",
        "Alpen",
        "Heiden",
        "Recke",
        "Hagen",
        "Halle",
        "Schlangen",
        "Lotte",
        "Much",
        "Kall",
        "Inden",
        "Hille",
        "Brühl",
        "Bünde",
        "Datteln",
        "Wenden",
        "Enger",
        "Werther",
        "Emmerich",
        "Kempen",
    ]
)
#: Words before a name that make it a municipality ("Stadt Essen"); included in the mention.
SINGULAR_PREFIX = r"(?:Kreisstadt|Hansestadt|Stadt|Gemeinde|Stadtverwaltung|Gemeindeverwaltung)"
#: Plural words that introduce a list of municipalities ("die Städte Kamen, Lünen").
PLURAL_PREFIX = r"(?:St(?:ä|a|ae)dte[n]?|Gemeinden|Kommunen|Modellkommunen|Kreise[n]?)"
_PERSON_BEFORE = re.compile(r"(?:Herrn?|Frau|Dr\.|Prof\.)\s+$")
#: What may stand between two members of a list of municipalities.
_LIST_GAP = re.compile(
    r"^\s*(?:,|und|sowie|oder|&|bzw\.|/)\s*(?:(?:der|des|die|den|dem|das)\s+)?"
    r"(?:(?:und|sowie)\s+(?:der|des|die|den|dem)\s+)?"
    rf"(?:{PLURAL_PREFIX}\s+)?$"
    # the next item of a bulleted list ("• Kamen\n• Kempen")
    r"|^[^\S\n]*\n[^\S\n]*[•*·▪–-][^\S\n]*$"
)


@dataclass(frozen=True)
class MunicipalityHit:
    """One located mention of a municipality or Kreis."""

    ags: str
    name: str
    start: int
    end: int
    strong: bool  # context makes it certain (prefix, Kreis construction, list, unambiguous)


def _short_alias(name: str) -> str | None:
    for separator in (" (", "/", " an der ", " am ", " im "):
        if separator in name:
            return name.split(separator, 1)[0]
    return None


@cache
def _name_index() -> dict[str, Municipality]:
    """Every linkable form of a town name -> its gazetteer entry (ambiguous forms left out)."""
    gazetteer = load_gazetteer()
    index: dict[str, Municipality] = {}
    seen: Counter[str] = Counter()
    for entry in gazetteer:
        if entry.is_kreis:
            continue
        for form in {entry.name, _short_alias(entry.name)} - {None}:
            assert form is not None
            seen[form] += 1
            index[form] = entry
    return {form: entry for form, entry in index.items() if seen[form] == 1}


def _kreis_pattern(entry: Municipality) -> str:
    """A regex for a Kreis in its inflections: "Kreises Unna", "Märkischen Kreis"."""
    if entry.name.startswith("Kreis "):
        bare = re.escape(entry.bare_name)
        return rf"(?:Land)?[Kk]reis(?:es|e)?\s+{bare}"
    if entry.name.startswith("Städteregion "):
        return rf"St(?:ä|a|ae)dte[Rr]egion\s+{re.escape(entry.bare_name)}"  # also "StädteRegion"
    words = entry.name.split()
    parts = []
    for word in words:
        if word.endswith("Kreis") or word.endswith("kreis"):
            parts.append(re.escape(word) + "(?:es|e)?")
        elif word.endswith("er"):
            parts.append(re.escape(word[:-2]) + "e[nmrs]?")
        else:
            parts.append(re.escape(word))
    return r"\s+".join(parts)


def _kreis_first_letters(entry: Municipality) -> str:
    """The letters a match of :func:`_kreis_pattern` for ``entry`` can begin with."""
    if entry.name.startswith("Kreis "):
        return "LKk"
    if entry.name.startswith("Städteregion "):
        return "S"
    return entry.name[0]


@cache
def _kreis_regex() -> tuple[re.Pattern[str], dict[str, Municipality]]:
    kreise = [entry for entry in load_gazetteer() if entry.is_kreis]
    groups = {f"k{i}": entry for i, entry in enumerate(kreise)}
    alternation = "|".join(f"(?P<{g}>{_kreis_pattern(e)})" for g, e in groups.items())
    # the lookahead only spares the engine entering every Kreis at each word: four times faster
    first = re.escape("".join(sorted({c for e in kreise for c in _kreis_first_letters(e)})))
    return re.compile(rf"(?<![\w-])(?=[{first}])(?:{alternation})(?![\w-])"), groups


@cache
def _town_regex() -> re.Pattern[str]:
    alternation = literal_alternation(_name_index())
    return re.compile(
        rf"(?:(?P<prefix>{SINGULAR_PREFIX})\s+)?(?<![\w-])(?P<name>{alternation})(?![\w])"
    )


_PLURAL_BEFORE = re.compile(rf"{PLURAL_PREFIX}\s+$")
#: A place preposition without an article before a name that is also a word: "in Essen",
#: "nach Kamen", "aus Hagen" (the word would take one: "beim Essen", "in der Lage").
_PLACE_BEFORE = re.compile(r"(?<![\w-])(?:[Ii]n|nach|aus)[ \t]+$")
#: Homonyms a bare preposition does not settle: "in Schlangen stehen", "in Halle 3".
_PLACE_BEFORE_UNSETTLED = frozenset(["Schlangen", "Halle"])
#: A Kreis's own bodies before a bare name: "Kreistag Kleve", "SPD-Kreistagsfraktion Kleve",
#: "Kreisverwaltung Coesfeld", "Kreisjugendamt Wesel".
_KREIS_BODY_BEFORE = re.compile(
    r"(?:Kreistag(?:s|es)?(?:fraktion(?:en)?)?|Kreisverwaltung|Kreis(?:jugend|gesundheits)amt(?:e?s)?)"
    r"\s+$"
)


def _raw_hits(text: str) -> list[MunicipalityHit]:
    kreis_regex, groups = _kreis_regex()
    hits: list[MunicipalityHit] = []
    for match in kreis_regex.finditer(text):
        group = next(g for g, value in match.groupdict().items() if value)
        entry = groups[group]
        hits.append(MunicipalityHit(entry.ags, entry.name, match.start(), match.end(), True))
    for hit in _plural_kreis_hits(text):
        if not any(h.start < hit.end and hit.start < h.end for h in hits):
            hits.append(hit)
    taken = [(h.start, h.end) for h in hits]
    index = _name_index()
    for match in _town_regex().finditer(text):
        start, end = match.start("name"), match.end("name")
        if any(s < end and start < e for s, e in taken):
            continue
        if _PERSON_BEFORE.search(text[max(0, start - 8) : start]):
            continue
        if text[end : end + 1] == "-" and (cut := _cut_name(text, start, end)) is not None:
            hits += cut  # "Kreis Siegen-Wittge" cut off: the name it begins, or none
            continue
        entry = index[match.group("name")]
        kreis = _kreis_by_bare_name().get(match.group("name"))
        if kreis is not None and _KREIS_BODY_BEFORE.search(text[max(0, start - 30) : start]):
            # "SPD-Kreistagsfraktion Kleve", "Kreistag Wesel": the Kreis, not its town
            hits.append(MunicipalityHit(kreis.ags, kreis.name, start, end, True))
            continue
        prefixed = match.group("prefix") is not None
        strong = (
            prefixed
            or bool(_PLURAL_BEFORE.search(text[max(0, start - 20) : start]))
            or match.group("name") not in HOMONYMS
            or (
                match.group("name") not in _PLACE_BEFORE_UNSETTLED
                and bool(_PLACE_BEFORE.search(text[max(0, start - 8) : start]))
            )
        )
        mention_start = match.start() if prefixed else start
        hits.append(MunicipalityHit(entry.ags, entry.name, mention_start, end, strong))
    return sorted(hits, key=lambda h: h.start)


#: A plural "Kreise" before bare Kreis names ("die acht Kreise Coesfeld, Lippe und Soest").
#: "die Kreise A, B", "acht Kreise dabei: A, B", "Kreise: A, B" right before a list
_KREISE_BEFORE = re.compile(
    r"(?<![\w-])[Kk]reise[n]?(?:\s+(?:sind\s+)?(?:dabei|beteiligt|vertreten))?:?\s+"
)
#: Between two members of such a list.
_MEMBER_GAP = re.compile(r",\s*(?:(?:und|sowie)\s+)?|\s+(?:und|sowie)\s+")


@cache
def _bare_kreis_regex() -> re.Pattern[str]:
    names = sorted(_kreis_by_bare_name(), key=len, reverse=True)
    return re.compile(rf"(?:{'|'.join(re.escape(n) for n in names)})(?![\w-])")


def _plural_kreis_hits(text: str) -> list[MunicipalityHit]:
    """The Kreise a plural "Kreise" lists by their bare names, also names that are no town
    ("die Kreise Herford, Lippe, Recklinghausen": Lippe breaks no list, and Recklinghausen
    after it is the Kreis)."""
    kreise, names = _kreis_by_bare_name(), _bare_kreis_regex()
    full, groups = _kreis_regex()
    hits: list[MunicipalityHit] = []
    for intro in _KREISE_BEFORE.finditer(text):
        position = intro.end()
        while name := names.match(text, position) or full.match(text, position):
            if (
                name.re is full
            ):  # a Kreis by its full name in the list ("Rheinisch-Bergischer Kreis")
                entry = groups[next(g for g, value in name.groupdict().items() if value)]
            else:
                entry = kreise[name.group()]
            hits.append(MunicipalityHit(entry.ags, entry.name, name.start(), name.end(), True))
            gap = _MEMBER_GAP.match(text, name.end())
            if gap is None:
                break
            position = gap.end()
    return hits


@cache
def _full_names() -> dict[str, tuple[Municipality, ...]]:
    """Every name and bare name of the gazetteer -> its entries."""
    names: dict[str, list[Municipality]] = {}
    for entry in load_gazetteer():
        for name in {entry.name, entry.bare_name}:
            names.setdefault(name, []).append(entry)
    return {name: tuple(entries) for name, entries in names.items()}


_KREIS_WORD_BEFORE = re.compile(r"(?:[Kk]reis(?:es|e)?|St(?:ä|a|ae)dteregion)\s+$")


def _cut_name(text: str, start: int, end: int) -> list[MunicipalityHit] | None:
    """For a town name followed by a hyphenated rest ("Siegen-Wittgenstein"), the
    municipality of that whole name; when it only begins gazetteer names (a name cut off
    with its page: "Kreis Siegen-Wittge"), the one municipality it begins, or nothing when
    it begins several — never the town it starts with. None when the rest begins no
    gazetteer name ("Dortmund-Hörde" is Dortmund)."""
    rest = re.match(r"[\w-]*", text[end:])
    written = text[start : end + (rest.end() if rest else 0)]
    entries = {
        entry.ags: entry
        for name, found in _full_names().items()
        if name.startswith(written)
        for entry in found
        if name == written or written not in _full_names()
    }
    kreis_before = _KREIS_WORD_BEFORE.search(text[max(0, start - 15) : start])
    if not entries:
        return None
    if kreis_before:
        entries = {ags: e for ags, e in entries.items() if e.is_kreis} or entries
    if len(entries) != 1:
        return []
    entry = next(iter(entries.values()))
    mention_start = start - len(kreis_before.group()) if kreis_before and entry.is_kreis else start
    return [MunicipalityHit(entry.ags, entry.name, mention_start, start + len(written), True)]


def municipality_lists(text: str, hits: list[MunicipalityHit]) -> list[list[MunicipalityHit]]:
    """Group hits that form one enumeration ("Kamen, Lünen, Selm und Werne")."""
    groups: list[list[MunicipalityHit]] = []
    for hit in hits:
        if groups and _LIST_GAP.match(text[groups[-1][-1].end : hit.start]):
            groups[-1].append(hit)
        else:
            groups.append([hit])
    return groups


@cache
def _kreis_by_bare_name() -> dict[str, Municipality]:
    """ "Mettmann" -> Kreis Mettmann, for the Kreise named "Kreis X"."""
    return {e.bare_name: e for e in load_gazetteer() if e.is_kreis and e.name != e.bare_name}


_PLURAL_KREIS = re.compile(rf"{_KREISE_BEFORE.pattern}$")
_NEW_PLURAL = re.compile(r"St(?:ä|a|ae)dte|Gemeinden|Kommunen")


def _kreis_lists(text: str, hits: list[MunicipalityHit]) -> list[MunicipalityHit]:
    """In "die Kreise Kleve und Mettmann" every member is a Kreis, not only the first; the
    Kreise end where another plural begins ("... sowie die Städte A und B")."""
    kreise = _kreis_by_bare_name()
    out = list(hits)
    for group in municipality_lists(text, hits):
        in_kreise, previous_end = False, max(0, group[0].start - 24)
        for hit in group:
            name_start = hit.end - len(hit.name.split()[-1])
            gap = text[previous_end:name_start]
            if _PLURAL_KREIS.search(gap):
                in_kreise = True
            elif _NEW_PLURAL.search(gap):
                in_kreise = False
            previous_end = hit.end
            kreis = kreise.get(hit.name) if in_kreise else None
            if kreis is not None:
                out[out.index(hit)] = replace(hit, ags=kreis.ags, name=kreis.name, strong=True)
    return out


#: "die Stadt sowie der Kreis Viersen", "Stadt und Kreis Heinsberg": the town of the Kreis too.
_TOWN_AND_KREIS = re.compile(r"\bStadt\s+(?:und|sowie)\s+(?:der\s+|des\s+)?$")


def _towns_beside_kreise(text: str, hits: list[MunicipalityHit]) -> list[MunicipalityHit]:
    """The hits, with the town a Kreis shares its name with where the text names both at
    once ("die Stadt sowie der Kreis Viersen")."""
    gazetteer = load_gazetteer()
    towns: list[MunicipalityHit] = []
    for hit in hits:
        entry = gazetteer.by_ags(hit.ags)
        if entry is None or not entry.is_kreis:
            continue
        before = _TOWN_AND_KREIS.search(text, max(0, hit.start - 40), hit.start)
        town = [m for m in gazetteer.members(entry.ags) if m.name == entry.bare_name]
        if before and town:
            word = before.start()
            towns.append(MunicipalityHit(town[0].ags, town[0].name, word, word + 5, True))
    return sorted(hits + towns, key=lambda h: h.start)


#: A place joined by a hyphen to another place's name: "Universität Duisburg-Essen",
#: "Hochschule Bonn-Rhein-Sieg" name an institution or a region, not the first place.
_JOINED_PLACE = re.compile(r"-([A-ZÄÖÜ][\wäöüß]+(?:-[A-ZÄÖÜ][\wäöüß]+)*)")


def _joined_to_a_place(text: str, hit: MunicipalityHit) -> bool:
    joined = _JOINED_PLACE.match(text, hit.end)
    if joined is None:
        return False
    name = joined.group(1)
    return bool(load_gazetteer().by_name(name) or _kreis_by_bare_name().get(name))


def find_municipality_hits(text: str) -> list[MunicipalityHit]:
    """Every supported municipality mention in ``text``, by position."""
    found = _kreis_lists(text, _raw_hits(text))
    hits = _towns_beside_kreise(text, [h for h in found if not _joined_to_a_place(text, h)])
    supported: set[str] = {h.ags for h in hits if h.strong}
    for group in municipality_lists(text, hits):
        if len(group) > 1 and any(h.strong for h in group):
            supported.update(h.ags for h in group)
    return [replace(h, strong=True) for h in hits if h.ags in supported]


def resolve_name(name: str, gazetteer: Gazetteer | None = None) -> Municipality | None:
    """The gazetteer entry for a name as written ("Stadt Bergkamen", "Kreis Unna", "Unna")."""
    gazetteer = gazetteer or load_gazetteer()
    hits = find_municipality_hits(name)
    if hits:
        return gazetteer.by_ags(hits[0].ags)
    candidates = gazetteer.by_name(name)
    return candidates[0] if candidates else None


_COUNCIL_OWNER = re.compile(
    r"\b(?:Rat(?:es|s)?\s+der\s+(?:Stadt|Gemeinde)|Kreistag(?:es|s)?\s+des)\s+$"
)
#: A paper of a Landschaftsverband's assembly or committees, named in its head.
_REGIONAL_BODY = re.compile(
    r"Landschaftsversammlung|Landesjugendhilfeausschuss|Landschaftsverband|\bLVR\b|\bLWL\b|"
    r"LANDTAG\s+NORDRHEIN-WESTFALEN|\d+\.\s*Wahlperiode"  # a Landtag paper's head
)
#: The bodies of a Kreis, and of a town, as a council paper names its own deciding ones.
_KREIS_BODIES = re.compile(r"\bKreistag(?:e?s)?\b|\bKreisausschuss(?:es)?\b")
_TOWN_COUNCIL = re.compile(r"\b(?:Rat|Rates|Stadtrat|Stadtrates|Gemeinderat|Gemeinderates)\b")
_HEAD_CHARS = 400
#: A paper of a group of a Kreistag (a motion, a press release of the Fraktion).
_KREIS_GROUP = re.compile(r"Kreistagsfraktion|Fraktion\s+im\s+Kreistag")
_COUNCIL_PAPER = re.compile(
    r"Beschlussvorschlag|Beschlussvorlage|Sitzungsvorlage|Beratungsfolge|Beratungsreihenfolge|"
    r"Niederschrift|Beschluss:|Drucksache|Mitteilungsvorlage|Informationsvorlage|"
    r"(?m:^[ \t]*Antrag[ \t]*:[ \t]*$)"  # a motion's own heading line
)


#: This many towns of one Kreis named in a paper make none of them its issuer.
SIBLING_TOWNS = 3


_AUTHORITY_SEAT = re.compile(r"\bBezirksregierung\s+$")


def issuing_municipality(
    doc: DocumentText, hits: list[MunicipalityHit], stated: str | None
) -> Municipality | None:
    """The municipality that issued the document.

    Taken from the metadata when it names one; else from "Rat der Stadt X"/"Kreistag des
    Kreises X"; else, for a council paper, the municipality named clearly most often — unless
    it is one of several towns of one Kreis the paper names (the Kreis's paper about its towns
    "Grevenbroich, Kaarst und Korschenbroich sowie Jüchen": none of them issued it).
    """
    gazetteer = load_gazetteer()
    if stated and (entry := resolve_name(stated, gazetteer)):
        return entry
    for hit in hits:
        if _COUNCIL_OWNER.search(doc.text[max(0, hit.start - 30) : hit.start]):
            return gazetteer.by_ags(hit.ags)
    if _REGIONAL_BODY.search(doc.text[:_HEAD_CHARS]):
        return None  # minutes of the Landschaftsverband: the town they meet in issued nothing
    kreise = {h.ags for h in hits if (entry := gazetteer.by_ags(h.ags)) and entry.is_kreis}
    if len(kreise) == 1 and _KREIS_GROUP.search(doc.text):
        return gazetteer.by_ags(kreise.pop())  # a Kreistag group's paper names its Kreis
    if not _COUNCIL_PAPER.search(doc.text):
        return None
    # a state authority's seat ("Bezirksregierung Arnsberg") issued nothing
    named = [
        h for h in hits if not _AUTHORITY_SEAT.search(doc.text[max(0, h.start - 20) : h.start])
    ]
    counts = Counter(h.ags for h in named).most_common(2)
    # named most often (twice at least), or the only municipality the paper names at all
    if counts and (len(counts) == 1 or (counts[0][1] >= 2 and counts[0][1] > counts[1][1])):
        winner = gazetteer.by_ags(counts[0][0])
        if winner is None or among_sibling_towns(winner, hits):
            return None
        return _kreis_of_kreis_paper(doc.text, winner) or winner
    return None


def _kreis_of_kreis_paper(text: str, town: Municipality) -> Municipality | None:
    """The Kreis of the town a paper names, when the paper goes to the Kreistag and no town
    council ("Der Jugendhilfeausschuss empfiehlt dem Kreisausschuss, dem Kreistag ...; die
    Förderung der Familienbildungsstätte Lüdinghausen ..."): the Kreis issued it."""
    if town.is_kreis or town.parent_ags is None or _TOWN_COUNCIL.search(text):
        return None
    return load_gazetteer().by_ags(town.parent_ags) if _KREIS_BODIES.search(text) else None


def among_sibling_towns(town: Municipality, hits: list[MunicipalityHit]) -> bool:
    """Whether ``hits`` name ``town`` among several towns of its Kreis: a paper of the Kreis
    about its towns, not one of the town's."""
    gazetteer = load_gazetteer()
    siblings = {
        hit.ags
        for hit in hits
        if (entry := gazetteer.by_ags(hit.ags)) is not None
        and not entry.is_kreis
        and entry.parent_ags is not None
        and entry.parent_ags == town.parent_ags
    }
    return len(siblings) >= SIBLING_TOWNS


def document_kreis(author: Municipality | None) -> Municipality | None:
    """The Kreis a document speaks for: its issuing Kreis, or the Kreis of its issuing town."""
    if author is None or author.is_kreis:
        return author
    return load_gazetteer().by_ags(author.parent_ags) if author.parent_ags else None


def extract_municipalities(
    doc: DocumentText,
    hits: list[MunicipalityHit],
    author_ags: str | None,
    participant_ags: Iterable[str],
) -> tuple[MunicipalityMention, ...]:
    """One :class:`MunicipalityMention` per municipality with its role in the document."""
    participants = set(participant_ags)
    by_ags: dict[str, list[MunicipalityHit]] = {}
    for hit in hits:
        by_ags.setdefault(hit.ags, []).append(hit)
    mentions = []
    for ags, group in by_ags.items():
        role: MunicipalityRole = (
            "author" if ags == author_ags else "participant" if ags in participants else "mentioned"
        )
        mentions.append(
            MunicipalityMention(
                ags=ags,
                name=group[0].name,
                role=role,
                mentions=tuple(doc.evidence(h.start, h.end, EXTRACTOR, 0.9) for h in group),
            )
        )
    return tuple(mentions)
