"""Who gives and who gets the money of one funding amount.

Funders, nearest to the amount first: the Land in its many forms ("das Land", "Landesmittel",
"Landesprogramm", a state ministry or Bezirksregierung, "investiert Nordrhein-Westfalen"),
ESF, Bund, ministries, foundations, LVR/LWL named as givers ("Der LVR fördert", "fördert der
LVR", "vom LVR"), a catalogued program the money comes from ("aus dem Programm „kinderstark“"
→ the Land); else the one the section named last ("Das Land NRW führt die Initiative fort. Es
können Fördermittel ..."); else, for a grant word (Förderung, Zuschuss, Zuwendung, ...)
to the document's subject (no plural recipient: "Sie alle erhalten ..."), the funder of the
document's main program.

Recipients: the municipality right before the amount in a list ("Altena 25.000 Euro, Balve
30.000 Euro"), each municipality of an enumeration that gets the amount "jeweils"; else the
municipality the sentence names; else, for a grant, the document's Kreis when the sentence
speaks of the Kreis's municipalities as a whole, or the municipality the document is about (the
issuing one, else the only one it names) unless the sentence names another plural recipient
("die 40 Kommunen").
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import cached_property
from itertools import pairwise
from typing import Protocol, TypeVar

from pkgraph.extract.bodies import BUND, LAND, BodyHit, town_of_own_work
from pkgraph.extract.body_types import ORGANISATIONS
from pkgraph.extract.funding_amounts import GRANT_CUE, Amount
from pkgraph.extract.municipalities import MunicipalityHit, document_kreis
from pkgraph.extract.programs import ProgramHit
from pkgraph.extract.text import DocumentText, Span, ocr_tolerant
from pkgraph.gazetteer import Municipality, load_gazetteer

ESF = "ESF"
STATE_GOVERNMENT = "Landesregierung Nordrhein-Westfalen"

_F = ocr_tolerant("ö")
_UE = ocr_tolerant("ü")
#: Verbs of giving money, in the forms a funder's sentence uses.
_GIVING_VERB = (
    rf"(?:f{_F}rder(?:t|n|te|ten)|unterst{_UE}tz(?:t|en|te|ten)|gew(?:ä|a)hr(?:t|en|te)|"
    r"bewillig(?:t|en|te)|finanzier(?:t|en|te)|stell(?:t|en|te|ten)|zahl(?:t|en|te)|"
    r"investier(?:t|en|te|e)|bezuschuss(?:t|en|te)|vergib(?:t)|vergeben|gib(?:t)|gab|"
    r"steuer(?:t|n|te)|(?:ü|u)berweis(?:t|en)|"
    r"wende(?:t|n|te))"
)
#: Verbs of bearing costs: "den Rest trägt die Stadt", "Die Gemeinde übernimmt 5.000 Euro".
_PAYING_VERB = r"(?:tr(?:ä|a)gt|tragen|(?:ü|u)bernimmt|(?:ü|u)bernehmen|steck(?:t|en))"
#: What the state does as a subject named by its name: "investiert Nordrhein-Westfalen".
_STATE_VERB = (
    r"(?:fördert|unterstützt|investiert|investiere|stellt|gibt|zahlt|finanziert|bewilligt|"
    r"steuert|überweist)"
)
#: The municipalities of one Kreis as a whole ("die Kreiskommunen"): the Kreis receives.
_KREIS_COLLECTIVE = re.compile(
    r"\bKreiskommunen\b|\bkreisangeh(?:ö|o)rige[nm]?\s+(?:Kommunen|St(?:ä|a)dte|Gemeinden)"
)
_PLURAL_RECIPIENT = re.compile(
    r"\b(?:\w*[Kk]ommunen|St(?:ä|a)dte|Gemeinden|Kreise|Tr(?:ä|a)ger)\b|\b[Ss]ie\s+alle\b|"
    r"\balle\s+(?:\d+\s+)?(?:ausgew(?:ä|a)hlten|teilnehmenden|beteiligten)\b|"
    r"\b(?:[Jj]e|[Pp]ro|[Jj]ede[rms]?(?:\s+\w+e)?)\s+"
    r"(?:\w*[Kk]ommune|Stadt|Gemeinde|Kreis|Tr(?:ä|a)ger)\b"
)
#: An organisation named as the one who gives: "Der LVR fördert", "vom LWL", "LVR-Haushalt",
#: "fördert der LVR".
_GIVER_AFTER = re.compile(
    rf"-(?:Haushalt|Mittel|F{_F}rder)|^\)?\s+(?:f{_F}rdert|stellt|gew(?:ä|a)hrt|bewilligt|"
    rf"finanziert|zahlt|unterst{_UE}tzt|bezuschusst|investiert)\b"
)
_GIVER_BEFORE = re.compile(
    r"(?:\bvo[mn]|von\s+der|\bdes|durch\s+(?:den|die|das)|seitens\s+(?:des|der)|"
    rf"\b{_GIVING_VERB}\s+(?:der|die|das))\s+$"
)
#: An organisation named as a person's ("Frau X vom Vorstand der Stiftung Y", "die Leiterin
#: des Ministeriums"): it speaks, it is not said to give.
_AFFILIATION_BEFORE = re.compile(
    r"\b(?:Vorstand(?:es|s)?|Vorsitz\w*|Gesch(?:ä|a)ftsf(?:ü|u)hr\w*|Leiter(?:in)?|"
    r"Sprecher(?:in)?|Pr(?:ä|a)sident(?:in)?|Direktor(?:in)?|Referent(?:in)?|Mitarbeiter(?:in)?|"
    r"Minister(?:in)?|Staatssekret(?:ä|a)r(?:in)?|Vertreter(?:in)?)\s+(?:der|des)\s+$"
)
#: A state authority named by its seat is no recipient: "durch die Bezirksregierung Arnsberg"
#: (it grants for the Land).
_AUTHORITY_BEFORE = re.compile(r"\bBezirksregierung\s+$")
#: Between a listed municipality and its amount: "Altena 25.000 Euro", "Balve: 30.000 €",
#: "Kreis Olpe erhält rund 40.000 Euro", "für die Stadt Lennestadt 20.000 Euro".
_LIST_GAP = re.compile(
    r"^\s*(?::|–|-|=|erh(?:ä|a)lt(?:en)?|bekomm(?:t|en)|mit|rund|ca\.|circa|etwa|insgesamt|"
    r"bis\s+zu|\s)*$"
)
#: Between the municipalities of an enumeration: "Balve, Altena und die Stadt Plettenberg".
_ENUM_JOINER = re.compile(
    r"^\s*(?:,\s*(?:und\s+|sowie\s+)?|und\s+|sowie\s+|&\s*)(?:(?:die|der|den|dem)\s+)?$"
)
#: "jeweils 25.000 Euro" / "je 25.000 Euro": every municipality named before gets it.
_EACH_BEFORE = re.compile(r"\b(?:jeweils|je)\s+(?:(?:rund|ca\.|bis\s+zu|etwa)\s+)?$")
#: A municipality that gives itself ("Die Stadt fördert den Träger mit ..."): no program funder.
_MUNICIPAL_GIVER = re.compile(
    rf"\b(?:Stadt|Gemeinde|Kreis|St(?:ä|a)dte[Rr]egion)\s+(?:[A-ZÄÖÜ][\w-]+\s+)?"
    rf"(?:{_GIVING_VERB}|{_PAYING_VERB})\b|"
    rf"\b{_PAYING_VERB}\s+(?:die|der)\s+(?:Stadt|Gemeinde|Kreis)\b|"
    r"\b(?:von|durch)\s+(?:der|dem|die|den)\s+(?:Stadt|Gemeinde|Kreis)\b|"
    # "kommen rund 1.700 Euro jährlich vom Kreis Warendorf dazu", "vom Rhein-Sieg-Kreis"
    r"\bvom\s+(?:[A-ZÄÖÜ][\w-]*\s+)?[\w-]*[Kk]reis\b|"
    r"\b(?:st(?:ä|a)dtisch|kommunal|gemeindlich|kreiseigen)\w*\s+(?:Mittel|Zusch|Haushalt)|"
    # a paper's passive grant to the providers it commissions: "Den Trägern der
    # Stadtteilprojekte werden jährlich die Personalkosten (rd. 79.000 €) erstattet"
    r"\b(?:Den|Dem)\s+Tr(?:ä|a)ger(?:n|s)?\b(?:(?!\b(?:vom|von|durch|aus)\b)[^;]){0,300}?"
    r"\b(?:werden|wird)\b(?:(?!\b(?:vom|von|durch|aus)\b)[^;]){0,300}?"
    r"\b(?:erstattet|gewährt|bewilligt|zur\s+Verfügung\s+gestellt)"
)
#: A sentence saying money is given to someone (the recipient may be the document's subject).
_GIVEN = re.compile(rf"{GRANT_CUE.pattern}|[Bb]ewillig|Landesmittel|erh(?:ä|a)lt|erhalten")
#: Who pays for the catalogued programs (keys of ``PROGRAM_CATALOGUE``).
PROGRAM_FUNDERS = {
    "kein-kind-zuruecklassen-initiative": LAND,
    "kein-kind-zuruecklassen": LAND,
    "kein-kind-zuruecklassen-nrw": LAND,
    "kommunale-praeventionsketten": LAND,
    "kinderstark": LAND,
    "gemeinsam-klappts": LAND,
    "zusammen-im-quartier": LAND,
    "teilhabe-ermoeglichen": "Landschaftsverband Rheinland (LVR)",
    "esf": ESF,
}
#: Words right before a program's name that make it the source of money.
_FROM_PROGRAM = re.compile(
    rf"(?:\b(?i:aus|über|durch|mit|von)\s+(?:(?:dem|das|den|der|des)\s+)?(?:Mitteln\s+des\s+)?"
    rf"(?:(?:Landes|F{_F}rder)?[Pp]rogramms?\s+)?|(?:^|[.:]\s*)Mit\s+|"
    rf"\b{_GIVING_VERB}\s+(?:das|der|die)\s+(?:Landes|F{_F}rder)?[Pp]rogramm\s+)"
    r"[\u201e\u201c\u201d\x22\u201a\u2018\u2019\x27\u00bb\u00ab]?\s*$"
)
#: The Land in its forms: "das Land NRW", "Landesmittel", a state ministry, "investiert NRW".
_LAND = re.compile(
    rf"\bLand(?:es)?\s+(?:NRW|Nordrhein-Westfalen)\b|\bLandes(?:f{_F}rderung|mittel|"
    r"zuschuss|zuweisung|zuwendung|programm|initiative|haushalt)\w*|"
    r"\b(?:vom|des)\s+Land(?:es)?\b|"
    r"(?<!auf )\b(?:[Dd]as|[Dd]em)\s+Land\b|\bBezirksregierung\b|"
    r"\b(?:NRW-|Landes)?(?!Bundes)[A-ZÄÖÜ][a-zäöüß]*ministerium\b|"
    rf"\b{_STATE_VERB}\s+(?:Nordrhein-Westfalen|NRW)\b(?!-)|"
    rf"(?<!Landes )(?<!Land )\b(?:Nordrhein-Westfalen|NRW)\s+{_STATE_VERB}\b"
)
FUNDER_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\bESF\b|Europ(?:ä|a)ische[nr]?\s+Sozialfonds"), ESF),
    (re.compile(r"\bLandesregierung\b"), STATE_GOVERNMENT),
    (_LAND, LAND),
    (
        re.compile(rf"\bBundesstiftung\s+Fr{_UE}he\s+Hilfen\b"),
        "Bundesstiftung Frühe Hilfen",
    ),
    (re.compile(r"\bAktion\s+Mensch\b"), "Aktion Mensch"),
    (
        re.compile(
            rf"\bBund(?:es)?(?:mitteln?|f{_F}rderung|zusch(?:uss|{_UE}ssen?)|geld(?:er|ern)?)?\b|"
            r"\bvom\s+Bund\b|"
            r"\bBundes[a-zäöüß]*ministerium\b|\bBundes(?:programm|initiative)\w*"
        ),
        BUND,
    ),
)
#: Words one of ``FUNDER_PATTERNS`` needs: most sentences name none, and a substring test is
#: much cheaper than the patterns.
_FUNDER_HINTS = (
    "Land",
    "Bund",
    "ESF",
    "Sozialfonds",
    "inisterium",
    "Bezirksregierung",
    "NRW",
    "Nordrhein",
    "Aktion Mensch",
)
#: Funders a sentence before may name for the money of this one, in order of preference.
_CONTEXT_FUNDERS = (
    STATE_GOVERNMENT,
    LAND,
    BUND,
    "Bundesstiftung Frühe Hilfen",
    "Aktion Mensch",
    ESF,
)


class _Located(Protocol):
    @property
    def start(self) -> int: ...


_H = TypeVar("_H", bound=_Located)


def hits_in(hits: tuple[_H, ...], starts: list[int], span: Span) -> tuple[_H, ...]:
    """The hits starting inside ``span`` (``hits`` sorted by start, ``starts`` their starts)."""
    return hits[bisect_left(starts, span.start) : bisect_left(starts, span.end)]


@dataclass(frozen=True)
class PartyInputs:
    """What funder and recipient reading needs besides the text (hits sorted by start)."""

    municipality_hits: tuple[MunicipalityHit, ...]
    body_hits: tuple[BodyHit, ...]
    program_hits: tuple[ProgramHit, ...]
    author: Municipality | None
    main_program: str | None

    def __post_init__(self) -> None:
        for name in ("municipality_hits", "body_hits"):
            ordered = tuple(sorted(getattr(self, name), key=lambda h: h.start))
            object.__setattr__(self, name, ordered)

    @cached_property
    def _municipality_starts(self) -> list[int]:
        return [h.start for h in self.municipality_hits]

    @cached_property
    def _body_starts(self) -> list[int]:
        return [h.start for h in self.body_hits]

    def bodies(self, span: Span) -> tuple[BodyHit, ...]:
        """The bodies named inside ``span``."""
        return hits_in(self.body_hits, self._body_starts, span)

    @cached_property
    def subject(self) -> Municipality | None:
        """The municipality the document is about: the issuing one, else the only one named."""
        if self.author is not None:
            return self.author
        named = {h.ags for h in self.municipality_hits}
        return load_gazetteer().by_ags(named.pop()) if len(named) == 1 else None

    def municipalities(self, span: Span) -> tuple[MunicipalityHit, ...]:
        """The municipalities named inside ``span``."""
        return hits_in(self.municipality_hits, self._municipality_starts, span)


def _gives(doc: DocumentText, hit: BodyHit) -> bool:
    """An organisation named as the one who gives ("Der LVR fördert", "Mittel des LWL")."""
    return bool(
        _GIVER_AFTER.search(doc.text[hit.end : hit.end + 40])
        or _GIVER_BEFORE.search(doc.text[max(0, hit.start - 30) : hit.start])
    )


#: A Landschaftsverband's unit by its prefix: "LWL-Landesjugendamt", "LVR-Dezernat Jugend".
_LANDSCHAFTSVERBAND_UNIT = re.compile(r"^(LVR|LWL)-")


def _paying_name(name: str) -> str:
    """Who pays when ``name`` gives: a Landschaftsverband's unit ("Mit diesem Angebot
    unterstützt das LWL-Landesjugendamt …") spends its Landschaftsverband's budget."""
    unit = _LANDSCHAFTSVERBAND_UNIT.match(name)
    if unit is None:
        return name
    full = ORGANISATIONS[unit.group(1)][0]
    return f"{full} ({unit.group(1)})"


def _bodies_in(doc: DocumentText, span: Span, inputs: PartyInputs) -> list[BodyHit]:
    """Ministries, foundations and giving organisations (LVR, LWL) inside ``span``. A
    ministry by its short name ("das Familienministerium") and a state authority ("die
    Bezirksregierung bewilligt") give as the Land (or Bund) they belong to:
    ``FUNDER_PATTERNS`` name that. A state coordination office ("Begleitung durch die
    Landeskoordinierungsstelle") advises; the Land pays."""
    return [
        h
        for h in inputs.bodies(span)
        if h.kind == "foundation"
        or (h.kind == "ministry" and " für " in h.name)
        or (
            h.kind == "agency"
            and h.of_ags is None
            and h.of != LAND
            and not h.name.startswith("Landeskoordin")
            and _gives(doc, h)
        )
    ]


def _funders_in(
    doc: DocumentText, sentence: Span, window: Span, offset: int, inputs: PartyInputs
) -> list[tuple[int, str]]:
    """Funders named inside ``window`` (sentence-relative) with their distance to ``offset``.

    A cue inside or right after an organisation's name ("des Landes" in "Ministerium für ...
    des Landes Nordrhein-Westfalen") belongs to that organisation."""
    text = doc.text[sentence.start : sentence.end]
    absolute = Span(sentence.start + window.start, sentence.start + window.end)
    bodies = _bodies_in(doc, absolute, inputs)
    found = [(abs(h.start - sentence.start - offset), _paying_name(h.name)) for h in bodies]
    found += [
        (abs(match.start() - offset), name)
        for pattern, name in FUNDER_PATTERNS
        for match in pattern.finditer(text, window.start, window.end)
        if not any(h.start <= sentence.start + match.start() <= h.end + 1 for h in bodies)
        and not state_receives(text, match.start(), match.end())
    ]
    return found


#: The state as the one who gets the money: "erhalte das Land rund sechs Millionen Euro",
#: "Das Land NRW erhält bis 2015 insgesamt 35 Millionen Euro aus Bundesmitteln".
_RECEIVING_BEFORE = re.compile(r"\b(?:erh(?:ä|a)lt|erhalte|erhielt|bekommt)\s+(?:das\s+)?$")
_RECEIVING_AFTER = re.compile(
    r"(?:\s+(?:NRW|Nordrhein-Westfalen))?\s+(?:erh(?:ä|a)lt|erhalte|erhielt|bekommt)\b"
)


def _state_receives_in(text: str) -> bool:
    return any(state_receives(text, m.start(), m.end()) for m in _LAND.finditer(text))


def state_receives(text: str, start: int, end: int) -> bool:
    """Whether the Land named at ``start``..``end`` is the subject of a verb of receiving."""
    named = text[start:end]
    if not re.search(r"\bLand\b", named):
        return False
    article = re.search(r"(?:[Dd]as|dem)\s+", named)
    before = text[max(0, start - 20) : start + (article.end() if article else 0)]
    return bool(_RECEIVING_BEFORE.search(before) or _RECEIVING_AFTER.match(text, end))


def _program_funder(doc: DocumentText, sentence: Span, inputs: PartyInputs) -> str | None:
    """The funder of a catalogued program the money comes from ("aus dem Programm
    „kinderstark“", "Mit „kinderstark“ stellt ...", "über das Förderprogramm ..."), also
    when the sentence refers back to the program the one before names ("Mit dem Programm
    werden die Kommunen ... unterstützt")."""
    for hit in inputs.program_hits:
        if not sentence.start <= hit.start < sentence.end or hit.key not in PROGRAM_FUNDERS:
            continue
        if _FROM_PROGRAM.search(doc.text[max(sentence.start, hit.start - 45) : hit.start]):
            return PROGRAM_FUNDERS[hit.key]
    if _THE_PROGRAM.search(doc.text, sentence.start, sentence.end):
        index = doc.sentence_index(sentence.start)
        before = doc.sentence_spans[index - 1] if index > 0 else None
        named = [
            h.key
            for h in inputs.program_hits
            if before and before.start <= h.start < before.end and h.key in PROGRAM_FUNDERS
        ]
        if len(set(named)) == 1:
            return PROGRAM_FUNDERS[named[0]]
    return None


#: The program the sentence before names, as the source of money: "Mit dem Programm werden
#: ...", "Aus dem Landesprogramm erhalten ..." (no name of its own after it).
_THE_PROGRAM = re.compile(
    rf"\b(?i:mit|aus|über|durch)\s+(?:dem|das)\s+(?:Landes|F{_F}rder)?[Pp]rogramm\b"
    r"(?!\s*[\u201e\u201c\x22\u00bb\u00ab])"
)


def named_funder(doc: DocumentText, sentence: Span, inputs: PartyInputs) -> str | None:
    """The funder a sentence names, for the money of the sentences after it: a ministry,
    foundation or giving organisation, a program the money comes from, else the state
    government, Land, Bund or ESF (in that order: "aus Mitteln des Landes und des ESF" is the
    Land's)."""
    for hit in _bodies_in(doc, sentence, inputs):
        if hit.kind == "foundation" and not _gives(doc, hit):
            continue  # a partner ("mit seinem Kooperationspartner, der Bertelsmann Stiftung")
        if not _AFFILIATION_BEFORE.search(doc.text[max(0, hit.start - 40) : hit.start]):
            return _paying_name(hit.name)
    if program_funder := _program_funder(doc, sentence, inputs):
        return program_funder
    text = doc.text[sentence.start : sentence.end]
    if not any(hint in text for hint in _FUNDER_HINTS):
        return None
    named = {
        name
        for pattern, name in FUNDER_PATTERNS
        if any(not state_receives(text, m.start(), m.end()) for m in pattern.finditer(text))
    }
    return next((name for name in _CONTEXT_FUNDERS if name in named), None)


#: Money named by where it came from, right after the amount: "3,2 Mio. Euro kamen von der
#: Stiftung", "3,1 Mio. Euro aus dem Europäischen Sozialfonds".
_SOURCE_AFTER = re.compile(r",?\s*(?:[a-zäöüß]+\s+){0,2}?(?:von|vom|aus)\s")


def share_segments(text: str, amounts: list[Amount]) -> list[Span | None]:
    """Per amount, its own part of a sentence that lists money by source ("insgesamt 8,4 Mio.
    Euro, 3,2 Mio. Euro kamen von der Stiftung, 3,1 Mio. Euro aus dem ESF und ..."): from the
    amount to the next one, where its funder is named; an amount of the list without a source
    (the total) gets an empty part. None for every amount of any other sentence."""
    if len(amounts) < 3:
        return [None] * len(amounts)
    ends = [a.lead for a in amounts[1:]] + [len(text)]
    parts = [Span(a.span.end, end) for a, end in zip(amounts, ends, strict=True)]
    sourced = [bool(_SOURCE_AFTER.match(text, part.start)) for part in parts]
    if sum(sourced) < 2:
        return [None] * len(amounts)
    return [
        part if own else Span(part.start, part.start)
        for part, own in zip(parts, sourced, strict=True)
    ]


#: The start of a bulleted item: "•", "-", "–" or "*" opening a line.
_BULLET = re.compile(r"\n[ \t]*[•\-–*][ \t]+")


def _bullet_item(text: str, offset: int) -> Span:
    """The bulleted item of ``text`` (one sentence) that holds ``offset``, or all of it: each
    item of a list ("• eine Begleitung durch die Landeskoordinierungsstelle", "• eine
    Personalpauschale von 29.958,39 Euro") states its own thing."""
    starts = [0] + [m.start() for m in _BULLET.finditer(text)] + [len(text)]
    if len(starts) == 2:
        return Span(0, len(text))
    for start, end in pairwise(starts):
        if start <= offset < end:
            return Span(start, end)
    return Span(0, len(text))


def find_funder(
    doc: DocumentText,
    sentence: Span,
    amount: Amount,
    context: str | None,
    inputs: PartyInputs,
    share: Span | None = None,
) -> str | None:
    """The funder of ``amount``: named in its sentence, else ``context`` (the funder the section
    named last, see :func:`named_funder`), else — for a grant word and no municipality giving —
    the funder of the document's main program. ``share``: the amount's own part of a list of
    money by source (:func:`share_segments`), the only place its funder can be named."""
    offset = amount.span.start
    if amount.names_funder or share is not None:
        named = _funders_in(doc, sentence, share or amount.span, offset, inputs)
        return min(named)[1] if named else None
    text = doc.text[sentence.start : sentence.end]
    found = _funders_in(doc, sentence, _bullet_item(text, offset), offset, inputs)
    if found:
        return min(found)[1]
    if program_funder := _program_funder(doc, sentence, inputs):
        return program_funder
    if _MUNICIPAL_GIVER.search(text):
        return None
    if context:
        return context
    if not GRANT_CUE.search(text) or _PLURAL_RECIPIENT.search(text):
        return None  # the program's terms for all its participants name no one who pays
    return PROGRAM_FUNDERS.get(inputs.main_program or "")


@dataclass(frozen=True)
class PayingTown:
    """A municipality named as the one who pays, and where its phrase starts in the sentence."""

    town: Municipality
    start: int


def municipal_funder(doc: DocumentText, sentence: Span, inputs: PartyInputs) -> PayingTown | None:
    """The municipality a sentence names as the one who pays ("Die Stadt Geilenkirchen gewährt
    ... einen Zuschuss", "Hiervon trägt die Stadt X einen Anteil", "städtische Mittel"): the
    one named in the phrase, else the document's subject."""
    text = doc.text[sentence.start : sentence.end]
    giver = _MUNICIPAL_GIVER.search(text)
    if giver is None:
        return None
    phrase = Span(sentence.start + giver.start(), sentence.start + giver.end() + _NAME_AFTER)
    named = inputs.municipalities(phrase)
    town = load_gazetteer().by_ags(named[0].ags) if named else inputs.subject
    return None if town is None else PayingTown(town, giver.start())


#: How far after "trägt die Stadt" its name may end.
_NAME_AFTER = 40


def _enumeration(text: str, offset: int, before: list[MunicipalityHit]) -> list[MunicipalityHit]:
    """The municipalities joined by commas and "und" that end with the last of ``before``."""
    group = [before[-1]]
    for hit in reversed(before[:-1]):
        if not _ENUM_JOINER.match(text[hit.end - offset : group[0].start - offset]):
            break
        group.insert(0, hit)
    return group


def _listed(
    text: str, sentence: Span, amount: Amount, hits: tuple[MunicipalityHit, ...]
) -> list[MunicipalityHit]:
    """The municipality listed right before ``amount`` ("Altena 25.000 Euro"), or all of an
    enumeration before "jeweils" ("die Städte Balve und Altena erhalten jeweils 25.000 Euro")."""
    before = [h for h in hits if h.end - sentence.start <= amount.lead]
    if not before:
        return []
    gap = text[before[-1].end - sentence.start : amount.lead]
    each = _EACH_BEFORE.search(gap)
    if not _LIST_GAP.match(gap[: each.start()] if each else gap):
        return []
    return _enumeration(text, sentence.start, before) if each else [before[-1]]


#: An amount of money shared out, and the place its share goes to after it: "Die Gelder
#: verteilen sich mit 14.390 Euro auf Bedburg, mit 74.739 Euro auf Bergheim".
_SHARED_OUT = re.compile(r"\bverteil(?:t|en|te|ten)\s+sich\b|\bentfallen\b|\bentf(?:ä|a)llt\b")
_SHARE_GAP = re.compile(r"\s+auf\s+(?:(?:die|den)\s+(?:Stadt|Gemeinde|Kreis)\s+)?")


def _is_share(text: str, amount: Amount) -> bool:
    return bool(_SHARED_OUT.search(text) and _SHARE_GAP.match(text, amount.span.end))


def _share_of(
    text: str, sentence: Span, amount: Amount, hits: tuple[MunicipalityHit, ...]
) -> MunicipalityHit | None:
    """The municipality a share (:func:`_is_share`) goes to, if the place is one."""
    gap = _SHARE_GAP.match(text, amount.span.end)
    place = sentence.start + gap.end() if gap else -1
    return next((h for h in hits if h.start == place), None)


#: A municipality receiving: "erhält die Stadt Siegen für 2022 rund 43.000 Euro".
_RECEIVES = re.compile(
    r"\b(?:erh(?:ä|a)lt|erhalten|erhielt(?:en)?|bekommt|bekommen|bekam(?:en)?)\b"
)
_CURRENCY = re.compile(r"Euro|€|EUR\b|Mio\b|Millionen")


def _receives_first(
    text: str, sentence: Span, amount: Amount, hits: tuple[MunicipalityHit, ...]
) -> bool:
    """In a sentence of several amounts, the first one after the only municipality it names,
    which a receiving verb joins to it ("erhält die Stadt Siegen … 43.000 Euro zusätzlich – deren
    Budget … auf 101.429 Euro aufgestockt wird": the 43.000 Euro)."""
    if len({h.ags for h in hits}) != 1:
        return False
    start, end = hits[0].start - sentence.start, hits[0].end - sentence.start
    if end > amount.lead or _CURRENCY.search(text, end, amount.lead):
        return False  # after the municipality, or not the first amount after it
    return bool(_RECEIVES.search(text, max(0, start - 30), amount.lead))


#: Money a grant brought, named without its giver: "die Rückzahlung von Fördermitteln",
#: "Fördergelder", "Zuschüsse".
_FUNDS_RECEIVED = re.compile(rf"[Ff]{_F}rder(?:mittel|gelder)|Zusch{_UE}sse?\b|Landesmittel")


def find_recipients(
    text: str, sentence: Span, amount: Amount, amounts: int, funder: str | None, inputs: PartyInputs
) -> list[Municipality | MunicipalityHit | None]:
    """The recipients of ``amount`` (one funding each), ``[None]`` when none is known; in a
    sentence of several amounts only a municipality listed with the amount counts; the Land
    receiving ("erhalte das Land …") leaves no municipality to receive it."""
    if _state_receives_in(text):
        return [None]
    hits = tuple(
        h
        for h in inputs.municipalities(sentence)
        if not _AUTHORITY_BEFORE.search(text[: h.start - sentence.start])
    )
    if _is_share(text, amount):
        return [_share_of(text, sentence, amount, hits)]
    if listed := _listed(text, sentence, amount, hits):
        return list(listed)
    if hits:
        return [hits[0] if amounts == 1 or _receives_first(text, sentence, amount, hits) else None]
    if amounts == 1 and (town := town_of_own_work(text)) is not None:
        return [town]  # "Alleine die Essener Projekte werden mit 1,15 Mio. Euro gefördert"
    author = inputs.subject
    if author is None or funder == author.name or not _GIVEN.search(text):
        return [None]
    if funder is None and not _FUNDS_RECEIVED.search(text):
        return [None]
    kreis = document_kreis(author)
    if kreis is not None and _KREIS_COLLECTIVE.search(text):
        return [kreis]
    if not _PLURAL_RECIPIENT.search(text):
        return [author]
    return [None]
