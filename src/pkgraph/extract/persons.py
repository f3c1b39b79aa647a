"""Named persons with role and organisation.

Found in the constructions German council texts use: a title before the name
("Staatssekretär Andreas Bothe", "Familienminister Stamp"), an apposition after it ("Ilona
Heuchel, geschäftsführender Vorstand des Instituts ..."), a role and a comma ("die Leiterin des
Referats 324, Gudrun Schmidt"), "X von der <Organisation>", and signature blocks ("Amtsleiter
Kriegs", "In Vertretung Wenske Beigeordneter"). Later short forms ("Frau Schmidt") merge into the
full name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from wordfreq import zipf_frequency

from pkgraph.extract.bodies import BodyHit
from pkgraph.extract.municipalities import MunicipalityHit
from pkgraph.extract.text import (
    CAPITALISED_FUNCTION_WORDS,
    DocumentText,
    normalise_space,
    slugify,
)
from pkgraph.gazetteer import Municipality, load_gazetteer
from pkgraph.records import Person

EXTRACTOR = "persons"

_ROLE_HEADS = (
    r"[Bb]ürgermeister|Landrat|Landrätin|Staatssekretär|[Mm]inister|Ministerpräsident|"
    r"Beigeordnete|[Dd]ezernent|Kreisdirektor|Kämmerer|Kämmerin|[Ll]eiter|Geschäftsführer|"
    r"[Vv]orsitzende|Vorstand|Koordinator|Sachbearbeiter|Referent|Präsident|Direktor|Professor|"
    r"[Bb]erater|[Bb]eauftragte|[Ss]chriftführer|[Pp]rotokollführer|[Ss]precher|Stadtrat|"
    r"Stadträtin|Ratsherr|Ratsfrau"
)
ROLE = rf"(?:[A-ZÄÖÜ][a-zäöüß]*?)?(?:{_ROLE_HEADS})(?:in|r)?(?![\wäöüß])"
_WORD = r"[A-ZÄÖÜ][a-zäöüß]+(?:-[A-ZÄÖÜ][a-zäöüß]+)?"
#: Parts of one name are separated by a single space: tabs and line breaks separate fields.
_TITLE = r"(?:(?:Dr\.|Prof\.) ?)*"
FULL_NAME = rf"{_TITLE}(?:(?:[A-Z]\. ?)+|{_WORD} ){_WORD}"
NAME = rf"{_TITLE}(?:(?:[A-Z]\. ?)+|{_WORD} )?{_WORD}"
_ARTICLE_BEFORE = re.compile(
    r"\b(?:der|die|das|dem|den|des|ein|eine|einem|einer|eines|seine[mnrs]?|ihre[mnrs]?|unser\w*)\s+$",
    re.IGNORECASE,
)
_NOT_A_NAME = CAPITALISED_FUNCTION_WORDS | frozenset(
    [
        "Vom",
        "Oder",
        "Stadt",
        "Kreis",
        "Gemeinde",
        "Land",
        "Bund",
        "Landes",
        "Video",
        "Präsentation",
        "Input",
        "Foto",
        "Frau",
        "Herr",
        "Herrn",
        "Vertretung",
        "Auftrag",
        "Sitzung",
        "Rat",
        "Kreistag",
        "Ausschuss",
        "Verwaltung",
    ]
)

_ROLE_BEFORE = re.compile(rf"(?<![\wäöüß])(?P<role>{ROLE}) +(?P<name>{NAME})(?![\wäöüß])")
_ROLE_COMMA = re.compile(
    rf"(?<![\wäöüß])(?P<role>{ROLE}(?:\s+(?:des|der|für)\s+[^,.;]{{1,60}})?),\s+"
    rf"(?:(?:Frau|Herrn?)\s+)?(?P<name>{FULL_NAME})(?=[\s,.;])"
)
#: A role with its field of work before the name, the name closing the field ("Leiterin
#: Schule, Sport und Kultur Eva Maier,").
_ROLE_FIELD_BEFORE = re.compile(
    rf"(?<![\wäöüß])(?P<role>{ROLE}(?:(?:,\s*| und | für | )[A-ZÄÖÜ][a-zäöüß]+){{1,6}}?)"
    rf" (?P<name>{FULL_NAME})(?=[ \t]*(?:[,;\n]|$))",
    re.MULTILINE,
)
#: A signature: the name on its own line, the role alone on the next ("jugendpolitische
#: Sprecherin"), or both alone on one line when a reader joined them.
_NAME_OVER_ROLE = re.compile(
    rf"^[ \t]*(?P<name>{FULL_NAME})(?:[ \t]*\n[ \t]*| (?=[a-zäöüß]))"
    rf"(?P<role>(?:[a-zäöüß]+ )?{ROLE})[ \t]*$",
    re.MULTILINE,
)
_APPOSITION = re.compile(
    rf"(?P<name>{FULL_NAME}),\s+(?P<role>(?:[\wäöüß]+ ){{0,3}}?{ROLE}[^,.;:\n]{{0,90}})"
)
_FROM_ORG = re.compile(rf"(?P<name>{FULL_NAME})\s+(?:von\s+der|vom|von\s+dem)\s+")
_SIGNATURE = re.compile(
    rf"(?:In\s+Vertretung|i\.\s?V\.|Im\s+Auftrag|i\.\s?A\.)\s+(?P<name>{_WORD})\s+(?P<role>{ROLE})|"
    rf"(?P<role2>{ROLE})(?: {{2,}}|\t)[ \t]*(?P<name2>{_WORD})"
)
_SALUTATION = re.compile(rf"\b(?:Frau|Herrn?)\s+(?P<name>{NAME})")
_ORG_CONNECTOR = re.compile(r"\s+(?:des|der|im|in|beim|vom|von\s+der)\s+(?!\d)")
#: Roles held in a municipal administration: without another organisation named, the
#: person works for the issuing municipality.
_MUNICIPAL_ROLE = re.compile(
    r"(?:Bürgermeister|Beigeordnete|Dezernent|Kämmer|Amtsleiter|Sachbearbeiter|Fachbereichsleiter)"
)
#: A single word this frequent in German is a common word, not a surname ("Uber", "Schön").
COMMON_WORD_ZIPF = 4.0
#: Endings of German common nouns that are not surnames ("Jugendhilfe", "Planung").
_NOUN_ENDING = re.compile(
    r"(?:ung|heit|keit|schaft|ion|tät|hilfe|arbeit|ismus|wesen|politik|kette|ketten|amt|gruppe|"
    r"stelle|konferenz|ausschuss|förderung|bereich)$"
)


@dataclass(frozen=True)
class PersonInputs:
    municipality_hits: tuple[MunicipalityHit, ...]
    body_hits: tuple[BodyHit, ...]
    author: Municipality | None


@dataclass
class _Found:
    name: str
    role: str | None
    organisation: str | None
    organisation_key: str | None
    start: int
    end: int


def organisation_label(entry: Municipality) -> str:
    """How a person's municipal employer is named: "Stadt Köln", "Kreis Coesfeld"."""
    if entry.is_kreis:
        return entry.name
    return f"{'Gemeinde' if entry.type == 'Gemeinde' else 'Stadt'} {entry.name}"


def _clean_name(name: str) -> str | None:
    words = normalise_space(name).split(" ")
    while words and (words[-1] in _NOT_A_NAME or re.fullmatch(ROLE, words[-1])):
        words.pop()
    while words and (words[0] in _NOT_A_NAME or re.fullmatch(ROLE, words[0])):
        words.pop(0)
    plain = [w for w in words if not w.endswith(".")]
    if not plain:
        return None
    if len(plain) == 1 and zipf_frequency(plain[0].lower(), "de") >= COMMON_WORD_ZIPF:
        return None
    if any(_NOUN_ENDING.search(word) for word in plain):
        return None
    if load_gazetteer().by_name(plain[-1]):
        return None
    return " ".join(words)


def _organisation(start: int, end: int, inputs: PersonInputs) -> tuple[str | None, str | None]:
    """The body or municipality named in ``[start, end)`` (the first one)."""
    for hit in inputs.body_hits:
        if start <= hit.start < end:
            return hit.name, hit.key
    for muni in inputs.municipality_hits:
        if start <= muni.start < end:
            entry = load_gazetteer().by_ags(muni.ags)
            if entry:
                return organisation_label(entry), f"ags:{entry.ags}"
    return None, None


def _role_text(role: str) -> str:
    connector = _ORG_CONNECTOR.search(role)
    text = role[: connector.start()] if connector else role
    return normalise_space(text.strip(' ,“”"„'))


def _candidates(doc: DocumentText, inputs: PersonInputs) -> list[_Found]:
    text = doc.text
    found: list[_Found] = []

    def add(name: str, role: str | None, start: int, end: int, org_span: tuple[int, int]) -> None:
        cleaned = _clean_name(name)
        if cleaned is None:
            return
        organisation, key = _organisation(*org_span, inputs)
        if organisation is None and inputs.author and role and _MUNICIPAL_ROLE.match(role):
            organisation, key = organisation_label(inputs.author), f"ags:{inputs.author.ags}"
        found.append(_Found(cleaned, role, organisation, key, start, end))

    for match in _APPOSITION.finditer(text):
        role_end = match.end("role")
        add(
            match["name"],
            _role_text(match["role"]),
            match.start(),
            role_end,
            (match.start("role"), role_end + 25),
        )
    for match in _ROLE_COMMA.finditer(text):
        add(
            match["name"],
            _role_text(match["role"]),
            match.start(),
            match.end(),
            (match.start(), match.end()),
        )
    for pattern in (_ROLE_FIELD_BEFORE, _NAME_OVER_ROLE):
        for match in pattern.finditer(text):
            if _clean_name(match["name"]) != normalise_space(match["name"]) or any(
                word.strip(",") in _NOT_A_NAME for word in match["role"].split()
            ):
                continue  # a role word or function word, not a field of work or a name
            add(
                match["name"],
                normalise_space(match["role"]),
                match.start(),
                match.end(),
                (match.start(), match.end()),
            )
    for match in _ROLE_BEFORE.finditer(text):
        if _ARTICLE_BEFORE.search(text[max(0, match.start() - 12) : match.start()]):
            continue
        sentence = doc.sentence_at(match.start())
        add(
            match["name"],
            match["role"],
            match.start(),
            match.end(),
            (match.end(), min(sentence.end, match.end() + 40)),
        )
    for match in _FROM_ORG.finditer(text):
        add(match["name"], None, match.start(), match.end(), (match.end(), match.end() + 5))
    for match in _SIGNATURE.finditer(text):
        name, role = (
            (match["name"], match["role"]) if match["name"] else (match["name2"], match["role2"])
        )
        add(name, role, match.start(), match.end(), (match.start(), match.end()))
    for match in _SALUTATION.finditer(text):
        add(match["name"], None, match.start(), match.end(), (match.end(), match.end()))
    return found


def _surname(name: str) -> str:
    return name.split(" ")[-1].split(".")[-1]


def extract_persons(doc: DocumentText, inputs: PersonInputs) -> tuple[Person, ...]:
    """One :class:`Person` per surname, named by its fullest form, with role and organisation."""
    merged: dict[str, _Found] = {}
    for candidate in sorted(_candidates(doc, inputs), key=lambda f: f.start):
        key = _surname(candidate.name)
        known = merged.get(key)
        if known is None:
            merged[key] = candidate
            continue
        if len(candidate.name.replace(".", "")) > len(known.name.replace(".", "")):
            known.name = candidate.name
        known.role = known.role or candidate.role
        if known.organisation is None:
            known.organisation, known.organisation_key = (
                candidate.organisation,
                candidate.organisation_key,
            )
    return tuple(
        Person(
            key=slugify(found.name.replace("Dr.", "").replace("Prof.", "")),
            name=found.name,
            role=found.role,
            organisation=found.organisation,
            organisation_key=found.organisation_key,
            evidence=doc.evidence(found.start, found.end, EXTRACTOR, 0.75 if found.role else 0.6),
        )
        for found in merged.values()
    )
