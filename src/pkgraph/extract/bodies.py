"""Bodies and organisations: councils, committees, working groups, conferences, ministries,
the state government, foundations, institutes, agencies and companies.

Each body type is one entry of :data:`~pkgraph.extract.body_types.BODY_TYPES` (a regex, its
kind, how to name it and whom it belongs to). Canonical names follow one convention: a body
with an abbreviation is "Full name (ABBR)"; a council is "Rat der Stadt X" / "Kreistag (Kreis
X)"; a local body is "Name (Owner)" where Owner is the municipality the text names or, failing
that, the document's issuing municipality (a Kreis-level body such as "Kreistag" belongs to the
Kreis) — for a document without one (a press article), the town its sentence opens with, its
dateline, or the town it clearly names most; a generic working group ("Steuerungsgruppe") also
names the program it steers.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from functools import cache

from pkgraph.extract.body_aliases import merge_aliases
from pkgraph.extract.body_types import (
    BODY_TYPES,
    BUND,
    GENERIC_GROUP,
    LAND,
    MINISTRIES,
    NOT_A_NAME,
    ORGANISATIONS,
    BodyType,
    base_form,
    known_full_name,
    other_state_after,
)
from pkgraph.extract.municipalities import MunicipalityHit, among_sibling_towns
from pkgraph.extract.text import DocumentText, slugify
from pkgraph.gazetteer import Municipality, load_gazetteer
from pkgraph.records import BodyKind, BodyMention, Evidence

__all__ = [
    "BUND",
    "LAND",
    "MINISTRIES",
    "ORGANISATIONS",
    "BodyContext",
    "BodyHit",
    "base_form",
    "extract_bodies",
    "find_body_hits",
    "with_default_owner",
]

EXTRACTOR = "bodies"
_ABBREVIATION_AFTER = re.compile(
    r"^[“”\"]?\s*\(\s*[„\"“]?([A-ZÄÖÜ][A-Za-zÄÖÜäöü]{1,9})[“\"”]?\s*\)"
)
_ARTICLE_BEFORE = re.compile(
    r"\b(?:der|die|das|des|dem|den|im|vom|beim|zum|ihr(?:e[ms]?)?)\s+$", re.IGNORECASE
)
#: Between a body and its owner: "des", "im", "beim", "des Rates der (Stadt X)".
_EXPLICIT_OWNER_GAP = re.compile(
    r"^\s+(?:des\s+Rat(?:e)?s\s+der\s*|(?:der|des|im|in\s+der|in\s+dem|beim)?\s*)$"
)
#: A town's adjective between the article and a common-noun body: "vom Neusser Jugendamt",
#: "des Bochumer Jugendamtes".
_TOWN_ADJECTIVE_BEFORE = re.compile(
    r"\b(?:der|die|das|des|dem|den|im|vom|beim|zum)\s+([A-ZÄÖÜ][a-zäöüß]+)er\s+$", re.IGNORECASE
)


def town_of_adjective(text: str, start: int) -> Municipality | None:
    """The town (not a Kreis) whose adjective stands right before ``start``, if one does."""
    match = _TOWN_ADJECTIVE_BEFORE.search(text[max(0, start - 40) : start])
    if match is None:
        return None
    stem = match.group(1)  # "Essen" of "Essener", "Hern" of "Herner" (Herne)
    for name in (stem, f"{stem}e"):
        towns = [m for m in load_gazetteer().by_name(name) if not m.is_kreis]
        if towns:
            return towns[0] if len(towns) == 1 else None
    return None


#: What a town's adjective names as the town's own work: "die Essener Projekte", "Bochumer
#: Initiativen" (matched right after the adjective).
_WORK = r"(?:Projekte?|Initiativen?|Vorhaben|Netzwerke?|Standorte?)\b"
OWN_WORK = re.compile(rf"\s+{_WORK}")
_ADJECTIVE_OF_WORK = re.compile(rf"\b[A-ZÄÖÜ][a-zäöüß]+er\s+(?={_WORK})")


def town_of_own_work(text: str) -> Municipality | None:
    """The one town whose adjective names its projects in ``text`` ("Alleine die Essener
    Projekte werden … gefördert")."""
    towns = {
        town.ags: town
        for m in _ADJECTIVE_OF_WORK.finditer(text)
        if (town := town_of_adjective(text, m.end())) is not None
    }
    return next(iter(towns.values())) if len(towns) == 1 else None


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
    #: the name as the document writes it, where ``name`` adds what only the context gives
    stated: str | None = None


@dataclass(frozen=True)
class BodyContext:
    """What naming needs to know about the document."""

    author: Municipality | None
    program_name: str | None
    municipality_hits: tuple[MunicipalityHit, ...]
    #: Owner of local bodies when there is no author (see :func:`with_default_owner`).
    default_owner: Municipality | None = None


def _owner(
    text: str, end: int, body: BodyType, context: BodyContext
) -> tuple[Municipality | None, int]:
    """The owning municipality and the end of the mention (extended over an explicit owner)."""
    gazetteer = load_gazetteer()
    for hit in context.municipality_hits:
        if hit.start >= end and _EXPLICIT_OWNER_GAP.match(text[end : hit.start]):
            entry = gazetteer.by_ags(hit.ags)
            if entry and body.owner == "district":
                return _district(entry), hit.end
            if entry and (body.owner != "kreis" or entry.is_kreis):
                return entry, hit.end
            break
        if hit.start > end + 20:
            break
    # a unit followed by another owner ("im Referat X des Familienministeriums") is not local
    if body.needs_owner and _OTHER_OWNER_AFTER.match(text[end : end + 60]):
        return None, end
    if _LANDTAG_AFTER.match(text[end : end + 40]):  # "Ausschuss für Familie ... des Landtags"
        return None, end
    author = context.author or _sentence_owner(text, end, context) or context.default_owner
    if body.owner == "local":
        return author, end
    if body.owner == "district":
        return (_district(author) if author else None), end
    if body.owner == "kreis" and author is not None:
        if author.is_kreis:
            return author, end
        return (gazetteer.by_ags(author.parent_ags) if author.parent_ags else None), end
    return None, end


def _district(municipality: Municipality) -> Municipality:
    """The Kreis of a town that belongs to one; a Kreis or kreisfreie Stadt itself."""
    parent = municipality.parent_ags
    return (load_gazetteer().by_ags(parent) if parent else None) or municipality


#: A unit of another organisation ("im Referat X/Y des Familienministeriums"), not of the town
#: (its Kreis, its administration or one of its units).
_OTHER_OWNER_AFTER = re.compile(
    r"(?:/[\wäöüß-]+(?:\s+[A-ZÄÖÜ][\wäöüß-]*)?)?\s+(?:des|der|beim|im)\s+"
    r"(?!(?:Kreis|Stadt|Gemeinde|Städteregion|Referat|Fachbereich|Bereich|Abteilung|Dezernat"
    r"|Amt|Jugendamt|Verwaltung)[\wäöüß]*\b)[A-ZÄÖÜ]"
)
#: A committee of the state parliament, not of the town ("des Landtags", "im Landtag NRW").
_LANDTAG_AFTER = re.compile(
    r"\s+(?:des\s+(?:nordrhein-westfälischen\s+)?Landtag(?:e)?s|im\s+Landtag)\b"
)
#: A municipality as the subject that opens a sentence ("Die Stadt X koordiniert ...").
_SUBJECT_START = re.compile(r"(?:^|[.!?:]\s+|\n)(?:Die|Der|Das)\s+$")


def _sentence_owner(text: str, start: int, context: BodyContext) -> Municipality | None:
    """Without an issuing municipality, the town the body's sentence names before it ("Die
    Stadt Mönchengladbach koordiniert ihr Netzwerk über die Fachstelle ...")."""
    if context.author is not None or context.default_owner is None:
        return None
    before = [h for h in context.municipality_hits if start - 150 <= h.end <= start]
    if not before or re.search(r"[.!?()]", text[before[-1].end : start]):
        return None
    if not _SUBJECT_START.search(text[max(0, before[-1].start - 40) : before[-1].start]):
        return None
    return load_gazetteer().by_ags(before[-1].ags)


#: A slash the text spaces by a slip, which a canonical name closes up.
_SPACED_SLASH = re.compile(r"(?<=\w)\s*/\s*(?=\w)")


def _canonical(
    body: BodyType,
    base: str,
    owner: Municipality | None,
    abbreviation: str | None,
    context: BodyContext,
) -> tuple[str, str | None, str | None]:
    """(canonical name, owner name, stated name) following the naming convention of the module
    doc; the stated name is set where the canonical one adds an owner or program the text
    does not write with the body ("der Rat" → "Rat der Stadt Bonn")."""
    if body.owner == "land":
        of: str | None = LAND
    elif body.owner == "bund":
        of = BUND
    else:
        of = owner.name if owner else None
    if abbreviation and not re.search(rf"(?<![\w-]){re.escape(abbreviation)}-", base):
        return f"{base} ({abbreviation})", of, None  # not "LVR-Landesjugendamt Rheinland (LVR)"
    if body.kind == "council" and base.startswith(("Rat", "Stadtrat", "Gemeinderat")):
        if owner is None or owner.is_kreis:
            return base, None, None  # a Kreis has a Kreistag, no Rat
        town = "Gemeinde" if owner.type == "Gemeinde" else "Stadt"
        return f"Rat der {town} {owner.name}", of, base
    if body.generic and body.owner == "none":  # "Landeskoordinierungsstelle" of the program
        return (
            (f"{base} {context.program_name}", of, base)
            if context.program_name
            else (base, of, None)
        )
    if body.generic:
        qualifiers = [q for q in (context.program_name, of) if q]
        return (f"{base} ({', '.join(qualifiers)})", of, base) if qualifiers else (base, of, None)
    if of and body.owner in ("local", "kreis", "district"):
        return f"{_SPACED_SLASH.sub('/', base)} ({of})", of, None  # "Bündnis 90/ DIE GRÜNEN"
    return base, of, None


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


#: A press dateline: the place that opens a paragraph ("Neuss. Rund 25 Prozent ...",
#: "Kreis Lippe. Unabhängig ...", "Düsseldorf/Metropole Ruhr (idr).").
_DATELINE_AFTER = re.compile(r"^(?:\.\s|/|\s\()")


def with_default_owner(text: str, context: BodyContext) -> BodyContext:
    """The context with an owner for local bodies when the document has no issuing
    municipality: the place of its dateline, else the municipality it clearly names most
    (at least twice, twice as often as any other)."""
    if context.author or context.default_owner or not context.municipality_hits:
        return context
    gazetteer = load_gazetteer()
    for hit in context.municipality_hits:
        line_start = hit.start == 0 or text[hit.start - 1 : hit.start] == "\n"
        if line_start and _DATELINE_AFTER.match(text[hit.end : hit.end + 2]):
            owner = gazetteer.by_ags(hit.ags)
            return replace(context, default_owner=_kreis_of_seat(text, owner, context) or owner)
    counts = Counter(hit.ags for hit in context.municipality_hits).most_common(2)
    top, second = counts[0][1], counts[1][1] if len(counts) > 1 else 0
    winner = gazetteer.by_ags(counts[0][0])
    hits = list(context.municipality_hits)
    clear = top >= 2 and top >= 2 * second
    if (clear or _sole_mention(text, hits)) and winner and not among_sibling_towns(winner, hits):
        return replace(context, default_owner=winner)
    return context


#: A place named as where something happens or comes from, not as whose the paper is: "zu
#: einem Fachtag nach Köln eingeladen", "Fachkräfte aus Bielefeld".
_PLACE_ONLY_BEFORE = re.compile(r"\b(?:nach|aus)\s+$")


def _sole_mention(text: str, hits: list[MunicipalityHit]) -> bool:
    """Whether the document names one municipality once, and not as a mere place ("für
    Grevenbroich", "des Rates der Stadt Duisburg"; not "nach Köln eingeladen")."""
    if len(hits) != 1:
        return False
    return not _PLACE_ONLY_BEFORE.search(text[max(0, hits[0].start - 8) : hits[0].start])


def _kreis_of_seat(
    text: str, town: Municipality | None, context: BodyContext
) -> Municipality | None:
    """The Kreis a dateline's town is the seat of and names ("Höxter (pm). … beim Kreis
    Höxter"): a Kreis's press release, unless the text speaks of the town as such ("Stadt
    Höxter")."""
    if town is None or town.is_kreis or re.search(rf"\bStadt\s+{re.escape(town.name)}\b", text):
        return None
    gazetteer = load_gazetteer()
    named = (gazetteer.by_ags(hit.ags) for hit in context.municipality_hits)
    return next((m for m in named if m and m.is_kreis and m.name == f"Kreis {town.name}"), None)


def find_body_hits(text: str, context: BodyContext) -> list[BodyHit]:
    """Every body mention in ``text``, named and attached, by position (see
    :func:`with_default_owner` for a document without an issuing municipality)."""
    context = with_default_owner(text, context)
    candidates: list[Candidate] = []
    folded = text.casefold()
    for body, pattern in _compiled():
        if body.cues and not any(cue in folded for cue in body.cues):
            continue
        for match in pattern.finditer(text):
            words = match.group().split()
            if words[0] in NOT_A_NAME or words[-1] in NOT_A_NAME:
                continue
            if body.reject and body.reject(text, match.start(), match.end()):
                continue
            if (
                body.needs_article
                and not _ARTICLE_BEFORE.search(text[max(0, match.start() - 8) : match.start()])
                and town_of_adjective(text, match.start()) is None
            ):
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
    resolved = _resolve(text, _longest(candidates), context)
    return merge_aliases(_share_owners(_complete_short_names(resolved)))


def _share_owners(hits: list[BodyHit]) -> list[BodyHit]:
    """A body named with its owner once ("der Familienhebammendienst im Kreis Heinsberg") and
    without one elsewhere in a text without an issuing town is one body: the owned name."""
    owned: dict[str, set[BodyHit]] = {}
    for hit in hits:
        if hit.of and hit.name.endswith(f" ({hit.of})"):
            owned.setdefault(hit.name[: -len(hit.of) - 3], set()).add(hit)
    shared = []
    for hit in hits:
        owners = {(h.name, h.of, h.of_ags) for h in owned.get(hit.name, ())}
        if hit.of is None and len(owners) == 1:
            name, of, of_ags = owners.pop()
            hit = replace(hit, key=slugify(name), name=name, of=of, of_ags=of_ags, stated=None)
        shared.append(hit)
    return shared


def _complete_short_names(hits: list[BodyHit]) -> list[BodyHit]:
    """An organisation named in full once and shortened later ("Jugendmigrationsdienst der
    AWO Kreis Borken", then "der Jugendmigrationsdienst der AWO"), or a body named once with
    its quoted name ("Landeskoordinierungsstelle „Frühe Hilfen“"), is one body: the full
    name."""
    names = {hit.name for hit in hits}
    completed = []
    for hit in hits:
        short = hit.stated or hit.name  # (as written: "Landeskoordinierungsstelle")
        longer = [
            n
            for n in names
            if n.startswith(f"{short} ")
            and not n.startswith(f"{short} (")  # an owner added: see _share_owners
            # an organisation's full name, or any body's quoted name ("… „Frühe Hilfen“")
            and (hit.kind == "other" or n[len(short) + 1] in _OPENING_QUOTES)
        ]
        if longer:
            name = min(longer, key=lambda n: (len(n), n))  # the same name on every run
            hit = replace(hit, key=slugify(name), name=name, stated=None)
        completed.append(hit)
    return completed


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
        full, known = known_full_name(base)
        if body.is_abbreviation:
            abbreviations.setdefault(base, text[start:end])
        elif defined and body.kind != "company" and sum(c.isupper() for c in defined.group(1)) > 1:
            abbreviations.setdefault(full, defined.group(1))
        elif known and (
            # an NRW ministry or a Landschaftsverband goes by its abbreviation, written or not
            (body.kind == "ministry" and body.owner == "land")
            or full.startswith("Landschaftsverband")
            or re.search(rf"(?<![\w-]){re.escape(known)}(?![\wäöüß])", text)
        ):
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
    named_by_program = {
        base
        for _start, end, body, base in candidates
        if body.generic and _program_name_end(text, end, context.program_name) is not None
    }
    hits = []
    for start, end, body, base in candidates:
        base = known_full_name(base)[0]
        program_end = _program_name_end(text, end, context.program_name)
        if body.needs_program and program_end is None:
            continue
        if body.generic and body.owner != "none" and base in named_by_program:
            # "Steuerungsgruppe Kommunale Präventionsketten" names every mention of the group
            base, end = f"{base} {context.program_name}", program_end or end
            body = replace(body, generic=False)
        if body.owner == "local" and text[max(0, start - 6) : start] == "Kreis-":
            body = replace(body, owner="kreis")  # "Kreis-Arbeits- und Sozialausschuss"
        owner, mention_end = _owner(text, end, body, context)
        if body.owner == "local" and (town := town_of_adjective(text, start)):
            owner = town
        if body.needs_owner and owner is None:
            continue
        name, of, stated = _canonical(body, base, owner, abbreviations.get(base), context)
        if body.generic and body.owner == "none" and (quoted := _QUOTED_NAME.match(text, end)):
            # named by its program: "die Landeskoordinierungsstelle „Kein Kind zurücklassen“"
            # as written, or by the catalogue's name of the program the document is about
            program = slugify(context.program_name or "")
            ours = program and slugify(quoted["name"]).startswith(program)
            name = name if ours else f"{base} {quoted['name']}"
            stated, mention_end = None, quoted.end()
        if of == LAND and body.kind == "ministry":
            of = other_state_after(text, end) or of  # "... des Landes Schleswig-Holstein"
        kind = ORGANISATIONS[text[start:end]][1] if text[start:end] in ORGANISATIONS else body.kind
        of_ags = owner.ags if owner and of == owner.name else None
        if mention_end != end:  # the owner is written with it: "Rat der Stadt Bonn"
            # right after it, it is part of the body's name: "Kreisjugendamt Soest"
            joined = _JOINED_OWNER.fullmatch(text, end, mention_end)
            stated = f"{base_form(text[start:end])}{text[end:mention_end]}" if joined else None
        abbreviated = body.is_abbreviation or text[start:end] == abbreviations.get(base)
        if kind in ("ministry", "institute") and not abbreviated:
            stated = _as_written(text, start, mention_end)
        elif body.reorders:
            stated = " ".join(base_form(text[start:end]).split())
        hit = BodyHit(_key(name, kind), name, kind, of, of_ags, start, mention_end, stated)
        hits.append(hit)
    return _official_names(hits)


#: A quoted name right after a body: "Landeskoordinierungsstelle „Kommunale Präventionsketten“".
_OPENING_QUOTES = '„"“»‚'
_QUOTED_NAME = re.compile(rf"[ \t]*(?P<name>[{_OPENING_QUOTES}][^“”\"«‘’\n]{{3,60}}[“”\"«‘’])")


#: An owner written right after its body, as one name: "Kreisjugendamt Soest", "Jobcenter
#: Kreis Unna", "Kreisverwaltung Coesfeld" (not "… des Kreises Soest").
_JOINED_OWNER = re.compile(r"[ ]+(?:Kreis[ ]+)?[A-ZÄÖÜ][\wäöüß-]+(?:[ ][A-ZÄÖÜ][\wäöüß-]+)?")


#: An association's legal form right after its name: "Institut für soziale Arbeit e. V.".
_LEGAL_FORM_AFTER = re.compile(r"^\s+e\.\s?V\.")
#: The same inside the abbreviation's brackets: "Institut für soziale Arbeit (ISA e.V.)".
_ABBREVIATION_WITH_FORM = re.compile(r"^\s*\(\s*[A-ZÄÖÜ][A-Za-zÄÖÜäöü]{1,9}\s+e\.\s?V\.\s*\)")


def _as_written(text: str, start: int, end: int) -> str:
    """A ministry's or institute's name as the document writes it, with its legal form and the
    abbreviation it gives right after: official names change (with every cabinet) and
    annotators keep the text's own form, while the canonical name joins the mentions across
    documents in the graph."""
    form = _LEGAL_FORM_AFTER.match(text[end : end + 8])
    end += form.end() if form else 0
    written = _ABBREVIATION_AFTER.match(text[end : end + 20]) or _ABBREVIATION_WITH_FORM.match(
        text[end : end + 24]
    )
    return re.sub(r"\s+", " ", text[start : end + (written.end() if written else 0)])


def _key(name: str, kind: str) -> str:
    """A ministry is one body whether or not its name is written out with the state."""
    if kind == "ministry":
        name = re.sub(r"\s+(?:des\s+Landes\s+)?(?:NRW|Nordrhein-Westfalen)(?=$|\s\()", "", name)
    return slugify(name)


def _official_names(hits: list[BodyHit]) -> list[BodyHit]:
    """A ministry named once with its official "des Landes Nordrhein-Westfalen" is named so
    wherever the document names it."""
    official: dict[str, str] = {}
    for hit in hits:
        if hit.kind == "ministry" and " des Landes " in hit.name:
            official[hit.key] = max(official.get(hit.key, ""), hit.name, key=len)
    return [replace(h, name=official[h.key]) if h.key in official else h for h in hits]


def _program_name_end(text: str, end: int, program: str | None) -> int | None:
    """End of the document's program name written right after a body, if it is."""
    if not program:
        return None
    following = re.match(r"\s+[„\"]?", text[end : end + 4])
    start = end + (following.end() if following else 0)
    if following and text[start : start + len(program)].casefold() == program.casefold():
        return start + len(program)
    return None


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
        records.append(
            BodyMention(key, first.name, first.kind, first.of, first.of_ags, evidence, first.stated)
        )
    return tuple(records)
