"""Bodies and organisations: councils, committees, working groups, conferences, ministries,
the state government, foundations, institutes, agencies and companies.

Each body type is one entry of :data:`BODY_TYPES` (a regex, its kind, how to name it and whom
it belongs to). Canonical names follow one convention: a body with an abbreviation is
"Full name (ABBR)"; a council is "Rat der Stadt X" / "Kreistag (Kreis X)"; a local body is
"Name (Owner)" where Owner is the municipality the text names or, failing that, the document's
issuing municipality (a Kreis-level body such as "Kreistag" belongs to the Kreis); a generic
working group ("Steuerungsgruppe") also names the program it steers.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Literal

from pkgraph.extract.municipalities import MunicipalityHit
from pkgraph.extract.text import CAPITALISED_FUNCTION_WORDS, DocumentText, ocr_tolerant, slugify
from pkgraph.gazetteer import Municipality, load_gazetteer
from pkgraph.records import BodyKind, BodyMention, Evidence

EXTRACTOR = "bodies"
LAND = "Land Nordrhein-Westfalen"
BUND = "Bundesrepublik Deutschland"

Owner = Literal["kreis", "local", "land", "bund", "none"]
_CAP = r"[A-ZÄÖÜ][\wäöüß-]*"
#: "Haupt- und Finanz|ausschuss", "Haupt-, Finanz- und Personal|ausschuss": truncated first
#: parts joined to the head word.
_TRUNCATED = r"(?:(?:[A-ZÄÖÜ][\wäöüß]*-,\s+)*[A-ZÄÖÜ][\wäöüß]*-\s+(?:und|u\.)\s+)?"
#: A topic list after "für": "für Kinder, Familie, Flüchtlinge und Integration".
#: Words of one topic are one space apart, so a table column after the name stays out.
_TOPIC = rf"(?:[a-zäöüß]+\s+)?{_CAP}(?:[ \n]{_CAP})?"
_TOPICS = rf"{_TOPIC}(?:(?:,\s*|\s+und\s+){_TOPIC})*"
#: A unit named by its topics alone ("Referat Kinder, Jugend und Familien"): capitalised only.
_UNIT_TOPICS = rf"{_CAP}(?:(?:,[ ]|[ ]und[ ]){_CAP})*"
#: One capitalised word ending a name: not followed by another, which would belong to it.
_ONE_WORD = r"[A-ZÄÖÜ][\wäöüß-]+(?![\wäöüß-]|\s[A-ZÄÖÜ])"
#: The two Landschaftsverbände's regions, as their state-level bodies carry them.
_LV_REGION = r"(?:Rheinland|Westfalen-Lippe|Westfalen)"
#: Party names as Fraktionen carry them (domain knowledge, any capitalisation).
_PARTY = (
    r"(?:(?i:Bündnis\s+90\s*/\s*Die\s+Grünen|(?:Die\s+)?Grünen?|Die\s+Linke|Freie\s+Wähler)"
    r"|[A-ZÄÖÜ]{2,5}|AfD)(?![\wäöüß])"
)
_NOT_A_NAME = CAPITALISED_FUNCTION_WORDS | frozenset(
    [
        "Einer",
        "Diese",
        "Dieser",
        "Jede",
        "Jeder",
        "Neue",
        "Beide",
        "Alle",
        "Auch",
        "Unter",
        "Nach",
        "Über",
        "Durch",
        "Sowie",
        "Als",
    ]
)


@dataclass(frozen=True)
class BodyType:
    """How to find, classify, name and attach one type of body."""

    pattern: str
    kind: BodyKind
    owner: Owner
    #: Canonical name from the match; None means "the match itself, in base form".
    name: Callable[[re.Match[str]], str] | None = None
    #: A generic name ("Steuerungsgruppe") that means nothing without its program.
    generic: bool = False
    #: The match is itself an abbreviation ("MKFFI") whose full name ``name`` gives.
    is_abbreviation: bool = False
    #: "Steuerungs- und Planungsgruppe" names two generic groups, not one.
    splits_pairs: bool = False
    #: A common noun ("Jugendamt") names a body only with an article or an owner after it.
    needs_article: bool = False
    #: An administrative unit ("Referat ...") means nothing without the municipality it serves.
    needs_owner: bool = False


def _fixed(name: str) -> Callable[[re.Match[str]], str]:
    return lambda _match: name


def _group(name: str, prefix: str = "") -> Callable[[re.Match[str]], str]:
    return lambda match: prefix + base_form(match.group(name))


#: Ministries by abbreviation (domain knowledge: NRW and federal ministries for families/youth).
MINISTRIES: dict[str, tuple[str, Owner]] = {
    "MKFFI": ("Ministerium für Kinder, Familie, Flüchtlinge und Integration", "land"),
    "MFKJKS": ("Ministerium für Familie, Kinder, Jugend, Kultur und Sport", "land"),
    "MKJFGFI": (
        "Ministerium für Kinder, Jugend, Familie, Gleichstellung, Flucht und Integration",
        "land",
    ),
    "MAGS": ("Ministerium für Arbeit, Gesundheit und Soziales", "land"),
    "MAIS": ("Ministerium für Arbeit, Integration und Soziales", "land"),
    "MSB": ("Ministerium für Schule und Bildung", "land"),
    "MSW": ("Ministerium für Schule und Weiterbildung", "land"),
    "MGEPA": ("Ministerium für Gesundheit, Emanzipation, Pflege und Alter", "land"),
    "BMFSFJ": ("Bundesministerium für Familie, Senioren, Frauen und Jugend", "bund"),
    "BMAS": ("Bundesministerium für Arbeit und Soziales", "bund"),
}
#: Other organisations known by abbreviation: abbreviation -> (full name, kind).
ORGANISATIONS: dict[str, tuple[str, BodyKind]] = {
    "ISA": ("Institut für Soziale Arbeit", "institute"),
    "LVR": ("Landschaftsverband Rheinland", "agency"),
    "LWL": ("Landschaftsverband Westfalen-Lippe", "agency"),
    "DJI": ("Deutsches Jugendinstitut", "institute"),
    "NZFH": ("Nationales Zentrum Frühe Hilfen", "agency"),
}

GENERIC_GROUP = BodyType(
    r"\b(?:Steuerungs|Planungs|Lenkungs)(?:gruppe|kreis)\b(?!-)",
    "working_group",
    "local",
    generic=True,
)
BODY_TYPES: tuple[BodyType, ...] = (
    # councils
    BodyType(r"\bRat(?:es|s)?(?=\s+der\s+(?:Stadt|Gemeinde)\s)", "council", "local"),
    BodyType(
        r"(?<=\b[Dd]e[rsmn]\s)Rat(?:es|s)?\b(?!\s+(?:für|von|zur|des|der\s+[A-Z]))",
        "council",
        "local",
    ),
    BodyType(r"\b(?:Stadt|Gemeinde)rat(?:es|s)?\b", "council", "local"),
    BodyType(r"\bKreistag(?:es|s)?\b", "council", "kreis"),
    BodyType(
        r"\bLandtag(?:es|s)?\b(?:\s+(?:NRW|Nordrhein-Westfalen))?",
        "council",
        "none",
        name=_fixed("Landtag Nordrhein-Westfalen"),
    ),
    BodyType(rf"\bBezirksvertretung\s+{_CAP}", "council", "local"),
    # committees
    BodyType(rf"\bLandes[\wäöüß]*ausschuss(?:es)?\b(?:\s+{_LV_REGION}\b)?", "committee", "none"),
    BodyType(rf"\b{_TRUNCATED}[A-ZÄÖÜ][\wäöüß]*ausschuss(?:es)?\b", "committee", "local"),
    BodyType(rf"\bUnterausschuss(?:es)?\s+{_CAP}", "committee", "local"),
    BodyType(rf"\bAusschuss(?:es)?\s+für\s+{_TOPICS}", "committee", "local"),
    BodyType(rf"\b{_TRUNCATED}[A-ZÄÖÜ][\wäöüß]*senat(?:es|s)?\b", "committee", "local"),
    # working groups
    GENERIC_GROUP,
    BodyType(
        r"\b[A-ZÄÖÜ][\wäöüß]*-\s+(?:und|u\.)\s+[A-ZÄÖÜ][\wäöüß]*(?:gruppe|arbeitskreis|"
        r"[Ss]teuerungskreis|[Ll]enkungskreis)\b",
        "working_group",
        "local",
        splits_pairs=True,
    ),
    BodyType(
        r"\b(?:[A-ZÄÖÜ][\wäöüß]*[Aa]rbeitsgruppe|[A-ZÄÖÜ][\wäöüß]*[Aa]rbeitskreis|"
        r"Koordinierungsgruppe|Projektgruppe)\s+(?P<n>[A-ZÄÖÜ][\wäöüß-]+)(?![\wäöüß])",
        "working_group",
        "local",
    ),
    # conferences
    BodyType(
        ocr_tolerant("Bürgermeister") + r"(?:innen)?konferenz\b",
        "conference",
        "kreis",
        name=_fixed("Bürgermeisterkonferenz"),
    ),
    BodyType(
        r"\b(?:Gesundheits|Hauptverwaltungsbeamten|Jugendhilfe|Sozial)konferenz\b",
        "conference",
        "local",
    ),
    # ministries and governments
    BodyType(
        rf"\b(?:Bundes)?[Mm]inisteri(?:um|ums)\s+für\s+{_TOPICS}",
        "ministry",
        "land",
        name=lambda m: _ministry_name(m.group()),
    ),
    BodyType(
        r"\b(?:" + "|".join(MINISTRIES) + r")\b",
        "ministry",
        "land",
        name=lambda m: MINISTRIES[m.group()][0],
        is_abbreviation=True,
    ),
    BodyType(
        r"\bLandesregierung(?:\s+(?:NRW|Nordrhein-Westfalen|des\s+Landes\s+"
        r"(?:NRW|Nordrhein-Westfalen)))?\b",
        "state_government",
        "none",
        name=_fixed("Landesregierung Nordrhein-Westfalen"),
    ),
    BodyType(r"\bBundesregierung\b", "state_government", "none", name=_fixed("Bundesregierung")),
    # foundations, institutes, agencies, companies
    BodyType(
        r"\b(?P<n>[A-ZÄÖÜ][\wäöüß&]+)[ -]Stiftung\b",
        "foundation",
        "none",
        name=lambda m: f"{m.group('n')} Stiftung",
    ),
    BodyType(rf"\bStiftung\s+{_CAP}", "foundation", "none"),
    BodyType(rf"\bInstitut(?:s|es)?\s+für\s+{_TOPICS}", "institute", "none"),
    BodyType(
        rf"\b(?:Fachstelle|Servicestelle|Zentrum|Zentrale)\s+für\s+{_TOPICS}", "agency", "none"
    ),
    BodyType(r"\bLandeskoordinierungsstelle\b", "agency", "none", generic=True),
    BodyType(
        r"\b(?:" + "|".join(ORGANISATIONS) + r")(?![\wäöüß])",
        "agency",
        "none",
        name=lambda m: ORGANISATIONS[m.group()][0],
        is_abbreviation=True,
    ),
    BodyType(r"\bLandschaftsverband(?:es|s)?\s+(?:Rheinland|Westfalen-Lippe)\b", "agency", "none"),
    BodyType(
        rf"\b(?:(?:LVR|LWL)-)?Landesjugendamt(?:es|s)?\b(?:\s+{_LV_REGION}\b)?", "agency", "none"
    ),
    BodyType(rf"\b(?:Referat|Fachbereich)\s+{_UNIT_TOPICS}", "agency", "local", needs_owner=True),
    BodyType(
        rf"\b(?P<unit>Koordinierungsstelle|Fachstelle)\s+[„\"]?(?P<n>{_ONE_WORD})[“\"]?",
        "agency",
        "local",
        name=lambda m: f"{m.group('unit')} {m.group('n')}",
        needs_owner=True,
    ),
    BodyType(r"\bKreisjugendamt(?:es|s)?\b", "agency", "kreis"),
    BodyType(
        r"\b(?:Jugend|Sozial|Gesundheits|Schul)amt(?:es|s)?\b",
        "agency",
        "local",
        needs_article=True,
    ),
    BodyType(r"\bJobcenter\b", "agency", "local"),
    BodyType(
        r"\b[Kk]ommunale[nms]?\s+Integrationszentr(?:um|ums)\b",
        "agency",
        "local",
        name=_fixed("Kommunales Integrationszentrum"),
    ),
    BodyType(
        r"\bKommunale[n]?\s+Koordinierung\b",
        "agency",
        "local",
        name=_fixed("Kommunale Koordinierung"),
    ),
    BodyType(r"\bKreissportbund(?:es|s)?\b", "other", "kreis"),
    BodyType(r"\bStadtsportbund(?:es|s)?\b", "other", "local"),
    BodyType(
        r"\b[A-ZÄÖÜ][\wäöüß/]*-(?:Stadtrats|Rats|Kreistags|Landtags)?[Ff]raktion\b",
        "other",
        "local",
    ),
    BodyType(rf"\bFraktion\s+(?:der\s+)?{_PARTY}", "other", "local"),
    BodyType(
        r"\b(?P<n>(?:[A-ZÄÖÜ][\w&.-]*\s+){1,3}(?:GmbH|gGmbH|mbH|AG|KG|Consulting|Consult))\b",
        "company",
        "none",
        name=lambda m: m.group("n"),
    ),
)

#: Full names (casefolded) of known bodies -> (full name as written in the lexicon, abbreviation).
_KNOWN_FULL_NAMES = {
    full.casefold(): (full, abbreviation)
    for abbreviation, (full, _kind) in {**MINISTRIES, **ORGANISATIONS}.items()
}
_GENITIVE = (
    (re.compile(r"(ausschuss|schuss)es$"), r"\1"),
    (re.compile(r"(senat|tag|rat|amt|bund|verband|institut)(?:es|s)$"), r"\1"),
    (re.compile(r"(zentrum|ministerium|gremium)s$"), r"\1"),
)
_ABBREVIATION_AFTER = re.compile(
    r"^[“”\"]?\s*\(\s*[„\"“]?([A-ZÄÖÜ][A-Za-zÄÖÜäöü]{1,9})[“\"”]?\s*\)"
)
_ARTICLE_BEFORE = re.compile(
    r"\b(?:der|die|das|des|dem|den|im|vom|beim|zum|ihr(?:e[ms]?)?)\s+$", re.IGNORECASE
)
_EXPLICIT_OWNER_GAP = re.compile(r"^\s+(?:der|des|im|in\s+der|in\s+dem|beim)?\s*$")


def base_form(surface: str) -> str:
    """Nominative of a body name: genitive endings dropped, "u." spelled out, spaces joined."""
    words = re.sub(r"\s+", " ", surface.strip()).replace(" u. ", " und ").split(" ")
    head = next((i for i in range(len(words) - 1, -1, -1) if words[i][:1].isupper()), 0)
    for i in range(len(words)):
        if i == 0 or i == head:
            for pattern, replacement in _GENITIVE:
                words[i] = pattern.sub(replacement, words[i])
    if words[0].startswith("Instituts") or words[0].startswith("Ministeriums"):
        words[0] = words[0][:-1]
    return " ".join(words)


def _ministry_name(surface: str) -> str:
    name = base_form(surface)
    name = re.sub(r"^(Bundes)?[Mm]inisteriums?", lambda m: f"{m.group(1) or ''}Ministerium", name)
    return name.replace("BundesMinisterium", "Bundesministerium")


@cache
def _compiled() -> tuple[tuple[BodyType, re.Pattern[str]], ...]:
    return tuple((body, re.compile(body.pattern)) for body in BODY_TYPES)


Candidate = tuple[int, int, BodyType, str]  # start, end, body type, base name


@dataclass(frozen=True)
class BodyHit:
    """One located mention of a body, already named and attached."""

    key: str
    name: str
    kind: BodyKind
    of: str | None
    of_ags: str | None
    start: int
    end: int


@dataclass(frozen=True)
class BodyContext:
    """What naming needs to know about the document."""

    author: Municipality | None
    program_name: str | None
    municipality_hits: tuple[MunicipalityHit, ...]


def _owner(
    text: str, end: int, body: BodyType, context: BodyContext
) -> tuple[Municipality | None, int]:
    """The owning municipality and the end of the mention (extended over an explicit owner)."""
    gazetteer = load_gazetteer()
    for hit in context.municipality_hits:
        if hit.start >= end and _EXPLICIT_OWNER_GAP.match(text[end : hit.start]):
            entry = gazetteer.by_ags(hit.ags)
            if entry and (body.owner != "kreis" or entry.is_kreis):
                return entry, hit.end
            break
        if hit.start > end + 20:
            break
    author = context.author
    if body.owner == "local":
        return author, end
    if body.owner == "kreis" and author is not None:
        if author.is_kreis:
            return author, end
        return (gazetteer.by_ags(author.parent_ags) if author.parent_ags else None), end
    return None, end


def _canonical(
    body: BodyType,
    base: str,
    owner: Municipality | None,
    abbreviation: str | None,
    context: BodyContext,
) -> tuple[str, str | None]:
    """(canonical name, owner name) following the naming convention of the module doc."""
    if body.owner == "land":
        of: str | None = LAND
    elif body.owner == "bund":
        of = BUND
    else:
        of = owner.name if owner else None
    if abbreviation:
        return f"{base} ({abbreviation})", of
    if body.kind == "council" and base.startswith(("Rat", "Stadtrat", "Gemeinderat")):
        if owner is None or owner.is_kreis:
            return base, of
        return f"Rat der {'Gemeinde' if owner.type == 'Gemeinde' else 'Stadt'} {owner.name}", of
    if body.generic and body.owner == "none":
        return (f"{base} {context.program_name}" if context.program_name else base), of
    if body.generic:
        qualifiers = [q for q in (context.program_name, of) if q]
        return (f"{base} ({', '.join(qualifiers)})" if qualifiers else base), of
    return (f"{base} ({of})" if of and body.owner in ("local", "kreis") else base), of


def _split_truncated_groups(text: str, match: re.Match[str]) -> list[tuple[int, int, str]]:
    """ "Steuerungs- und Planungsgruppe" -> two generic groups; other pairs stay one body."""
    surface = match.group()
    pair = re.match(
        r"([A-ZÄÖÜ][\wäöüß]*)-\s+(?:und|u\.)\s+(?:die\s+|der\s+)?([A-ZÄÖÜ][\wäöüß]*)", surface
    )
    if not pair:
        return [(match.start(), match.end(), surface)]
    second = pair.group(2)
    head = re.search(r"(gruppe|kreis)$", second)
    if not head or second[: head.start()] not in ("Steuerungs", "Planungs", "Lenkungs"):
        return [(match.start(), match.end(), surface)]
    first_end = match.start() + pair.end(1) + 1
    return [
        (match.start(), first_end, pair.group(1) + head.group()),
        (match.start() + pair.start(2), match.start() + pair.end(2), second),
    ]


_ARTICLE_PAIR = re.compile(
    r"\b(Steuerungs|Planungs|Lenkungs)-\s+(?:und|oder)\s+(?:die|der|den|dem)\s+"
    r"(?=(?:Steuerungs|Planungs|Lenkungs)(?:gruppe|kreis)\b)"
)


def find_body_hits(text: str, context: BodyContext) -> list[BodyHit]:
    """Every body mention in ``text``, named and attached, by position."""
    candidates: list[Candidate] = []
    for body, pattern in _compiled():
        for match in pattern.finditer(text):
            words = match.group().split()
            if words[0] in _NOT_A_NAME or words[-1] in _NOT_A_NAME:
                continue
            if body.needs_article and not _ARTICLE_BEFORE.search(text[: match.start()][-8:]):
                continue
            if body.splits_pairs:
                for start, end, surface in _split_truncated_groups(text, match):
                    group_body = GENERIC_GROUP if surface != match.group() else body
                    candidates.append((start, end, group_body, base_form(surface)))
                continue
            name = body.name(match) if body.name else base_form(match.group())
            candidates.append((match.start(), match.end(), body, name))
    for match in _ARTICLE_PAIR.finditer(text):  # "die Planungs- und die Steuerungsgruppe"
        tail = re.match(r"\w+(gruppe|kreis)", text[match.end() :])
        if tail:
            name = match.group(1) + tail.group(1)
            candidates.append((match.start(1), match.end(1) + 1, GENERIC_GROUP, name))
    return _resolve(text, _longest(candidates), context)


def _longest(candidates: list[Candidate]) -> list[Candidate]:
    kept: list[Candidate] = []
    for candidate in sorted(candidates, key=lambda c: (c[0], -(c[1] - c[0]))):
        if kept and candidate[0] < kept[-1][1]:
            continue
        kept.append(candidate)
    return kept


def _abbreviations(text: str, candidates: list[Candidate]) -> dict[str, str]:
    """Base name -> abbreviation, as defined in the text ("... (ISA)") or known."""
    abbreviations: dict[str, str] = {}
    for start, end, body, base in candidates:
        defined = _ABBREVIATION_AFTER.match(text[end : end + 20])
        full, known = _KNOWN_FULL_NAMES.get(base.casefold(), (base, None))
        if body.is_abbreviation:
            abbreviations.setdefault(base, text[start:end])
        elif defined and body.kind != "company" and sum(c.isupper() for c in defined.group(1)) > 1:
            abbreviations.setdefault(full, defined.group(1))
        elif known:
            abbreviations.setdefault(full, known)
    return abbreviations


def _standalone_abbreviations(
    text: str, candidates: list[Candidate], abbreviations: dict[str, str]
) -> list[Candidate]:
    """Later uses of an abbreviation the text defined ("KoStAG") as mentions of its body."""
    bodies = {base: body for _s, _e, body, base in candidates}
    extra: list[Candidate] = []
    for base, abbreviation in abbreviations.items():
        for match in re.finditer(rf"(?<![\w-]){re.escape(abbreviation)}(?![\wäöüß])", text):
            if not any(s <= match.start() < e for s, e, _b, _n in candidates):
                extra.append((match.start(), match.end(), bodies[base], base))
    return extra


def _resolve(text: str, candidates: list[Candidate], context: BodyContext) -> list[BodyHit]:
    abbreviations = _abbreviations(text, candidates)
    candidates = sorted(
        candidates + _standalone_abbreviations(text, candidates, abbreviations),
        key=lambda c: c[0],
    )
    hits = []
    for start, end, body, base in candidates:
        base = _KNOWN_FULL_NAMES.get(base.casefold(), (base, None))[0]
        owner, mention_end = _owner(text, end, body, context)
        if body.needs_owner and owner is None:
            continue
        name, of = _canonical(body, base, owner, abbreviations.get(base), context)
        kind = ORGANISATIONS[text[start:end]][1] if text[start:end] in ORGANISATIONS else body.kind
        of_ags = owner.ags if owner and of == owner.name else None
        hits.append(BodyHit(slugify(name), name, kind, of, of_ags, start, mention_end))
    return hits


def extract_bodies(doc: DocumentText, hits: list[BodyHit]) -> tuple[BodyMention, ...]:
    """One :class:`BodyMention` per canonical body, with evidence for each mention."""
    grouped: dict[str, list[BodyHit]] = {}
    for hit in hits:
        grouped.setdefault(hit.key, []).append(hit)
    records = []
    for key, group in grouped.items():
        first = group[0]
        evidence: tuple[Evidence, ...] = tuple(
            doc.evidence(h.start, h.end, EXTRACTOR, 0.85) for h in group
        )
        records.append(BodyMention(key, first.name, first.kind, first.of, first.of_ags, evidence))
    return tuple(records)
