"""Money amounts in every written form German council texts use, and whether an amount is a
grant at all.

Forms: "43.750 Euro", "48 000 Euro" (space as thousands separator), "2.500,50 €", "5.000,- €",
"12,6 Mio.", "1,2 Mio. €", "1,5 Millionen €", "EUR 64.000", "€ 1,2 Mio.", "250 T€", numbers as
words ("zwei Millionen Euro", "eine halbe Million €"), ranges ("zwischen 32.000 und 64.000
Euro", "von 10.000 bis 20.000 €": two amounts, the lower and the upper bound, each quoting its
own number: "32.000" and "64.000 Euro"), percentage grants ("Förderung in Höhe von 50 % der
Personalkosten") and sourced shares ("zu 50 % aus dem Europäischen Sozialfonds").

Not grants: own contributions ("Eigenanteil von 6.000 Euro") and costs ("Die Gesamtkosten
belaufen sich auf 120.000 Euro") — a cost is what is spent, not what is given.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pkgraph.extract.text import Span, ocr_tolerant

_F = ocr_tolerant("ö")
_HOEHE = ocr_tolerant("Höhe")
#: Thousands grouped by "." or by a (narrow, non-breaking) space: "43.750", "48 000".
_NUMBER = (
    r"(?P<num>\d{1,3}(?:\.\d{3})+|\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?!\d)|\d+)"
    r"(?:,(?P<dec>\d+|-{1,2}))?"
)
_CURRENCY = r"(?:€|Euro\b|EURO\b|EUR\b)"
_SCALE_WORD = r"Mio\.?|Millionen|Million|Mrd\.?|Milliarden|Milliarde|Tsd\.?|Tausend|T€|TEUR\b"
_SCALES = {
    "mio": 1e6,
    "million": 1e6,
    "mrd": 1e9,
    "milliard": 1e9,
    "tsd": 1e3,
    "tausend": 1e3,
    "t€": 1e3,
    "teur": 1e3,
}
_SCALED = re.compile(rf"(?<![\d.,]){_NUMBER}\s*(?P<scale>{_SCALE_WORD})(?:\s*{_CURRENCY})?")
_PLAIN = re.compile(rf"(?<![\d.,]){_NUMBER}\s*{_CURRENCY}")
#: Numbers written as words before a scale: "zwei Millionen Euro", "eine halbe Million €".
_WORD_NUMBERS = {
    "eine": 1,
    "ein": 1,
    "zwei": 2,
    "drei": 3,
    "vier": 4,
    "fünf": 5,
    "sechs": 6,
    "sieben": 7,
    "acht": 8,
    "neun": 9,
    "zehn": 10,
    "elf": 11,
    "zwölf": 12,
    "zwanzig": 20,
}
_WORDED = re.compile(
    rf"\b(?P<word>(?i:{'|'.join(_WORD_NUMBERS)}))\s+(?P<half>halbe\s+)?"
    rf"(?P<scale>Millionen|Million|Milliarden|Milliarde)\s*{_CURRENCY}"
)
_DIGIT = re.compile(r"\d")
_PREFIXED = re.compile(rf"(?:€|EUR)\s*{_NUMBER}(?:\s*(?P<scale>{_SCALE_WORD}))?(?![\d])")
#: The lower bound of a range, right before its upper bound: "zwischen 32.000 und", "von
#: 10.000 bis", "32.000 bis", "32.000 –" (group ``lower``: its number, with a currency).
_RANGE_START = re.compile(
    r"(?:(?:zwischen|von)\s+)?(?<![\d.,])(?P<lower>(?:\d{1,3}(?:[. \u00a0\u202f]\d{3})+|\d+)"
    r"(?:,\d+)?(?:\s*(?:€|Euro\b|EUR\b))?)\s*(?:und|bis(?:\s+zu)?|[-–])\s*$"
)
_PERCENT_GRANT = re.compile(
    rf"(?P<noun>[\w-]*(?:[Ff]{_F}rderung|Zuschuss|Zuwendung|[Ff]{_F}rderquote|[Ff]{_F}rderanteil))"
    rf"\s+(?:in\s+{_HOEHE}\s+von|von|{ocr_tolerant('über')})\s+(?P<pct>\d+(?:,\d+)?)\s*(?:%|Prozent)"
    rf"\s+der\s+(?P<cost>[\w-]+)"
)
#: "zu 50 % aus dem Europäischen Sozialfonds (ESF)": a share of the costs and who pays it.
_SOURCED_SHARE = re.compile(
    r"\bzu\s+(?P<pct>\d+(?:,\d+)?)\s*(?:%|Prozent)\s+(?:aus|durch|vom|von)\s+"
    r"(?:(?:dem|der|den|des|das)\s+)?(?:Mitteln\s+(?:des|der)\s+)?(?!Eigen)"
    r"[A-ZÄÖÜ][\w-]*(?:\s+[A-ZÄÖÜ][\w-]*){0,3}(?:\s*\([A-ZÄÖÜ][\w-]*\))?"
)
#: A program's money named by the program, without an amount: "Fördermitteln des
#: Landesprogramms „kinderstark – NRW schafft Chancen“", "Fördermittel aus dem NRW Programm
#: „kinderstark“".
_PROGRAM_FUNDS = re.compile(
    rf"(?<![\w-])(?:[Ff]{_F}rdermittel|[Ff]{_F}rdergelder|Landesmittel)n?\s+(?:des|aus\s+dem)\s+"
    rf"(?:NRW[\s-])?(?:Landes|Bundes)?(?:[Ff]{_F}rder)?[Pp]rogramm(?:e?s)?\s+"
    rf"[„\"][^„“”\"\n]{{3,80}}[“”\"]"
)
GRANT_CUE = re.compile(
    rf"[Ff]{_F}rder|[Zz]uschuss|[Zz]uwendung|bereitgestellt|bewilligt|[Zz]uweisung"
)
OWN_CONTRIBUTION = re.compile(
    r"Eigen(?:anteil|mittel|leistung|beteiligung)\w*|"
    r"(?:kommunale|st(?:ä|a)dtische|gemeindliche|kreiseigene|eigene)[nr]?\s+"
    r"(?:(?:Finanzierungs)?[Aa]nteil|(?:Haushalts)?[Mm]ittel)\w*|"
    r"(?:St(?:ä|a)dtische|Kommunale|Gemeindliche)[nr]?\s+Haushaltsmittel\w*"
)
_OWN_CONTRIBUTION_AFTER = re.compile(rf"\s*(?:als\s+|an\s+|aus\s+)?(?:{OWN_CONTRIBUTION.pattern})")
#: A cost named right before its amount: "Gesamtkosten von", "Die Kosten belaufen sich auf",
#: "Personalkosten in Höhe von", "kostet".
_COST_BEFORE = re.compile(
    rf"(?:\w*[Kk]osten|Ausgaben|Aufwand|Aufwendungen|Kostenvolumen)\b(?:\s+\w+){{0,3}}?\s+"
    rf"(?:von|in\s+{_HOEHE}\s+von|betragen|betr(?:ä|a)gt|belaufen\s+sich\s+auf|beläuft\s+sich\s+"
    r"auf|liegen\s+bei|:)\s*(?:rund|ca\.|circa|insgesamt|etwa|jeweils)?\s*$|"
    r"(?:\w*[Kk]osten|Ausgaben|Aufwendungen)\s*:\s*(?:rund|ca\.|circa|insgesamt|etwa)?\s*$|"
    r"\bkostet\s+(?:(?:rund|insgesamt|ca\.|circa|etwa)\s+)?$"
)


@dataclass(frozen=True)
class Amount:
    span: Span
    eur: float | None
    share_percent: float | None = None
    #: "zu 50 % aus dem ESF": the funder must be named inside the amount's own span.
    names_funder: bool = False
    #: Where the phrase of a range bound begins ("zwischen 32.000 und 64.000 Euro"): the
    #: words before it ("jeweils", a listed municipality) stand before this offset.
    phrase_start: int | None = None

    @property
    def lead(self) -> int:
        """Where the amount's phrase begins: its range, else its own span."""
        return self.span.start if self.phrase_start is None else self.phrase_start


def _to_float(number: str, decimals: str | None) -> float:
    value = float(re.sub(r"[.\s\u00a0\u202f]", "", number))
    if decimals and decimals.isdigit():
        value += float(f"0.{decimals}")
    return value


def _scale(word: str | None) -> float:
    if not word:
        return 1.0
    lowered = word.lower()
    return next(factor for prefix, factor in _SCALES.items() if lowered.startswith(prefix))


def decimal(number: str) -> float:
    """A German decimal ("12,5") as a float."""
    return float(number.replace(",", "."))


def _range_bounds(sentence: str, start: int, scale: float) -> list[Amount]:
    """The lower bound of a range ending in the amount at ``start`` ("zwischen 32.000 und ",
    scaled like the upper: "zwischen 1 und 2 Mio. Euro"), with the range's start; none when the
    amount ends no range."""
    offset = max(0, start - 40)
    match = _RANGE_START.search(sentence[offset:start])
    if not match:
        return []
    lower = re.match(_NUMBER, match["lower"])
    if lower is None or re.fullmatch(r"(?:19|20)\d{2}", match["lower"]):
        return []  # "Förderjahr 2021 – 45.000 Euro": a year, no range
    value = _to_float(lower["num"], lower["dec"])
    has_scale = scale != 1.0 and not re.search(_CURRENCY, match["lower"])
    span = Span(offset + match.start("lower"), offset + match.end("lower"))
    return [
        Amount(span, value * (scale if has_scale else 1.0), phrase_start=offset + match.start())
    ]


def may_state_amount(sentence: str) -> bool:
    """Whether ``sentence`` can state an amount at all: every form has a digit, a written
    "Million(en)"/"Milliarde(n)" or a program's "Fördermittel". Far cheaper than the patterns,
    and most sentences have none."""
    return "Milli" in sentence or "rder" in sentence or bool(_DIGIT.search(sentence))


def find_amounts(sentence: str) -> list[Amount]:
    """Money amounts and percentage grants in one sentence (offsets relative to it)."""
    amounts: list[Amount] = []
    if not may_state_amount(sentence):
        return amounts

    def add(amount: Amount) -> None:
        """Keep ``amount`` unless it overlaps one kept; a longer one replaces those inside."""
        inside = [
            a for a in amounts if amount.span.start <= a.span.start and a.span.end < amount.span.end
        ]
        if any(a.span.overlaps(amount.span) for a in amounts if a not in inside):
            return
        for lower in inside:
            amounts.remove(lower)
        amounts.append(amount)

    def money(match: re.Match[str]) -> Amount:
        scale = _scale(match.groupdict().get("scale"))
        value = _to_float(match["num"], match["dec"]) * scale
        bounds = [
            b for b in _range_bounds(sentence, match.start(), scale) if (b.eur or 0.0) < value
        ]
        for lower in bounds:  # "zwischen 32.000 und 64.000 Euro": the lower bound too
            if not any(a.span.overlaps(lower.span) for a in amounts):
                amounts.append(lower)
        start = bounds[0].lead if bounds else None
        return Amount(Span(match.start(), match.end()), value, phrase_start=start)

    for match in _PERCENT_GRANT.finditer(sentence):
        add(Amount(Span(match.start(), match.end()), None, decimal(match["pct"])))
    for match in _PROGRAM_FUNDS.finditer(sentence):
        add(Amount(Span(match.start(), match.end()), None))
    for match in _SOURCED_SHARE.finditer(sentence):
        add(Amount(Span(match.start(), match.end()), None, decimal(match["pct"]), True))
    for match in _PREFIXED.finditer(sentence):
        add(money(match))
    for match in _SCALED.finditer(sentence):
        after = sentence[match.end() : match.end() + 12].lstrip()
        has_currency = bool(re.search(_CURRENCY, match.group()))
        if not has_currency and (
            after[:1].isupper() or not re.search(r"Euro|€|EUR|Etat|Budget", sentence)
        ):
            continue  # "1,5 Mio. Einwohner"
        add(money(match))
    for match in _PLAIN.finditer(sentence):
        add(money(match))
    for match in _WORDED.finditer(sentence):
        factor = _WORD_NUMBERS[match["word"].lower()] * (0.5 if match["half"] else 1.0)
        add(Amount(Span(match.start(), match.end()), factor * _scale(match["scale"])))
    return sorted(amounts, key=lambda a: a.span.start)


#: A cost named right after its amount: "Pro Jahr fallen 92.000 Euro an Kosten an".
_COST_AFTER = re.compile(r"\s+an\s+\w*[Kk]osten\b")


def is_no_grant(text: str, amount: Amount) -> bool:
    """An own contribution ("Eigenanteil von 45.000 Euro", "45.000 Euro als Eigenanteil",
    "Für den Eigenanteil werden Mittel von 45.000 Euro eingeplant") or a cost ("Gesamtkosten
    von 120.000 Euro") is no grant: the clause names it before the amount with no grant word
    in between, or right after it ("92.000 Euro an Kosten")."""
    clause = text[: amount.lead].rsplit(";", 1)[-1]
    own = list(OWN_CONTRIBUTION.finditer(clause))
    if own and not GRANT_CUE.search(clause[own[-1].end() :]):
        return True
    if amount.eur is not None and _COST_BEFORE.search(clause[-80:]):
        return True
    end = amount.span.end
    return bool(_OWN_CONTRIBUTION_AFTER.match(text, end) or _COST_AFTER.match(text, end))
