"""Funding: money flows in every written form — "43.750 Euro", "12,6 Mio.", "weitere 17 Mio.
Euro", "1,5 Millionen €", "EUR 64.000", "250 T€", "Förderung in Höhe von 50 % der Personalkosten",
"zu 50 % aus dem Europäischen Sozialfonds" — with funder, recipient, year, purpose, share and own
share; a town's share of its Kreis's costs is funding from the town to the Kreis.

Precision first: an amount counts only in a sentence about funding (Förderung, Mittel, Etat,
Zuschuss, ...); an own contribution is never reported as a grant; the recipient is the
municipality the sentence names, or the issuing municipality when the sentence speaks of a
grant without naming any recipient.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pkgraph.extract.bodies import LAND, BodyHit
from pkgraph.extract.dates import YEAR
from pkgraph.extract.municipalities import MunicipalityHit, document_kreis
from pkgraph.extract.programs import CATALOGUE_BY_KEY, ProgramHit
from pkgraph.extract.text import DocumentText, Span, ocr_tolerant, slugify
from pkgraph.gazetteer import Municipality, load_gazetteer
from pkgraph.records import Funding

EXTRACTOR = "funding"
BUND = "Bundesrepublik Deutschland"
ESF = "ESF"

_F = ocr_tolerant("ö")
_HOEHE = ocr_tolerant("Höhe")
_NUMBER = r"(?P<num>\d{1,3}(?:\.\d{3})+|\d+)(?:,(?P<dec>\d+|-{1,2}))?"
_CURRENCY = r"(?:€|Euro\b|EUR\b)"
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
_SCALED = re.compile(
    rf"(?<![\d.,]){_NUMBER}\s*(?P<scale>Mio\.?|Millionen|Million|Mrd\.?|Milliarden|Milliarde|"
    rf"Tsd\.?|Tausend|T€|TEUR\b)(?:\s*{_CURRENCY})?"
)
_PLAIN = re.compile(rf"(?<![\d.,]){_NUMBER}\s*{_CURRENCY}")
_PREFIXED = re.compile(rf"(?:€|EUR)\s*{_NUMBER}(?![\d])")
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
_FUNDING_CUE = re.compile(
    rf"[Ff]{_F}rder|Zuschuss|Zusch{ocr_tolerant('ü')}sse|Zuwendung|[Mm]ittel\b|Mitteln\b|Etat|"
    r"Budget|bereitgestellt|finanziert|Finanzierung|Zuweisung|bewilligt|erhalten|erh(?:ä|a)lt"
)
#: Words that make a money amount a grant only when the sentence also names who pays.
_BUDGET_CUE = re.compile(rf"Haushalt|\bAnsatz\b|zur\s+Verf{ocr_tolerant('ü')}gung|\bbereit\b")
_GRANT_CUE = re.compile(rf"[Ff]{_F}rder|Zuschuss|Zuwendung|bereitgestellt|bewilligt|Zuweisung")
#: The municipalities of one Kreis as a whole ("die Kreiskommunen"): the Kreis receives.
_KREIS_COLLECTIVE = re.compile(
    r"\bKreiskommunen\b|\bkreisangeh(?:ö|o)rige[nm]?\s+(?:Kommunen|St(?:ä|a)dte|Gemeinden)"
)
_PLURAL_RECIPIENT = re.compile(r"\b(?:\w*[Kk]ommunen|St(?:ä|a)dte|Gemeinden|Kreise|Tr(?:ä|a)ger)\b")
_OWN_CONTRIBUTION = re.compile(
    r"Eigen(?:anteil|mittel|leistung|beteiligung)\w*|"
    r"(?:kommunale|st(?:ä|a)dtische|gemeindliche)[nr]?\s+(?:Finanzierungs)?[Aa]nteil\w*"
)
_OWN_CONTRIBUTION_AFTER = re.compile(rf"\s*(?:als\s+|an\s+)?(?:{_OWN_CONTRIBUTION.pattern})")
#: What a municipality pays towards its Kreis's costs ("Auf die Gemeinde X entfällt ...").
_MUNICIPAL_SHARE = re.compile(
    r"\bentf(?:ä|a)ll(?:t|en)\s+auf\b|\b[Aa]uf\s+[^,.;]{2,60}?\s+entf(?:ä|a)ll(?:t|en)\b|"
    r"\bAnteil\s+(?:der|des)\s+(?:Stadt|Gemeinde)\b|\bbeteilig(?:t|en)\s+sich\s+[^,.;]{0,30}?mit\b"
)
_KREIS_WORD = re.compile(r"\bKreis")
#: An organisation named as the one who gives: "Der LVR fördert", "vom LWL", "LVR-Haushalt".
_GIVER_AFTER = re.compile(
    rf"-(?:Haushalt|Mittel|F{_F}rder)|^\)?\s+(?:f{_F}rdert|stellt|gew(?:ä|a)hrt|bewilligt|"
    rf"finanziert|zahlt|unterst{ocr_tolerant('ü')}tzt|bezuschusst)\b"
)
_GIVER_BEFORE = re.compile(
    r"(?:\bvo[mn]|von\s+der|\bdes|durch\s+(?:den|die|das)|seitens\s+(?:des|der))\s+$"
)
_OWN_SHARE = re.compile(
    r"(?P<a>\d+(?:,\d+)?)\s*(?:%|Prozent)\s+Eigen(?:anteil|mittel)|"
    r"Eigen(?:anteil|mittel)\w*(?:\s+(?:des|der)\s+\w+)?\s+(?:von|in\s+"
    rf"{_HOEHE}\s+von|betr(?:ä|a)gt|betragen|liegt\s+bei)\s+(?P<b>\d+(?:,\d+)?)\s*(?:%|Prozent)"
)
_SHARE = re.compile(
    rf"(?:[Ff]{_F}rderquote|[Ff]{_F}rderanteil|[Ff]{_F}rdersatz)\s+(?:von|in\s+{_HOEHE}\s+von|"
    r"betr(?:ä|a)gt|liegt\s+bei)\s+(?P<a>\d+(?:,\d+)?)\s*(?:%|Prozent)|"
    r"zu\s+(?P<b>\d+(?:,\d+)?)\s*(?:%|Prozent)\s+gef|"
    rf"(?P<c>\d+(?:,\d+)?)\s*(?:%|Prozent)\s+der\s+f{_F}rderf(?:ä|a)higen"
)
_YEAR_BEFORE = re.compile(r"(?:im\s+Jahre?|für\s+(?:das\s+Jahr\s+)?|ab|seit)\s+((?:19|20)\d{2})")
#: A sentence reporting what happened: its money belongs to the year its section speaks of.
_PAST = re.compile(r"\b(?:wurden?|konnten?|waren|hatten?|erhielten?|flossen|bewilligten|standen)\b")
_PURPOSE = re.compile(
    r"\b(?:für|zu)\s+(?:die|den|das|dem)\s+([^,.;()]{3,90}?)(?=\s+(?:eingesetzt|"
    r"rechnen|verwendet|genutzt|fortgesetzt|bereitgestellt|abgerufen|beantragt|gew(?:ä|a)hrt|"
    r"ausgezahlt|vorgesehen)|[,.;(]|$)"
)
_FUNDERS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\bESF\b|Europ(?:ä|a)ische[nr]?\s+Sozialfonds"), ESF),
    (re.compile(r"\bLandesregierung\b"), "Landesregierung Nordrhein-Westfalen"),
    (
        re.compile(
            rf"\bLand(?:es)?\s+(?:NRW|Nordrhein-Westfalen)\b|\bLandes(?:f{_F}rderung|mittel|"
            r"zuschuss|zuweisung)\w*|\b(?:vom|des)\s+Land(?:es)?\b"
        ),
        LAND,
    ),
    (re.compile(rf"\bBund(?:es)?(?:mittel|f{_F}rderung|zuschuss)?\b|\bvom\s+Bund\b"), BUND),
)


@dataclass(frozen=True)
class FundingInputs:
    """What funding extraction reads besides the text."""

    municipality_hits: tuple[MunicipalityHit, ...]
    body_hits: tuple[BodyHit, ...]
    program_hits: tuple[ProgramHit, ...]
    author: Municipality | None
    main_program: str | None


@dataclass(frozen=True)
class Amount:
    span: Span
    eur: float | None
    share_percent: float | None = None
    #: "zu 50 % aus dem ESF": the funder must be named inside the amount's own span.
    names_funder: bool = False


def _to_float(number: str, decimals: str | None) -> float:
    value = float(number.replace(".", ""))
    if decimals and decimals.isdigit():
        value += float(f"0.{decimals}")
    return value


def _scale(word: str) -> float:
    lowered = word.lower()
    return next(factor for prefix, factor in _SCALES.items() if lowered.startswith(prefix))


def find_amounts(sentence: str) -> list[Amount]:
    """Money amounts and percentage grants in one sentence (offsets relative to it)."""
    amounts: list[Amount] = []
    taken: list[Span] = []

    def add(amount: Amount) -> None:
        if not any(amount.span.overlaps(span) for span in taken):
            amounts.append(amount)
            taken.append(amount.span)

    for match in _PERCENT_GRANT.finditer(sentence):
        add(Amount(Span(match.start(), match.end()), None, _decimal(match["pct"])))
    for match in _SOURCED_SHARE.finditer(sentence):
        add(Amount(Span(match.start(), match.end()), None, _decimal(match["pct"]), True))
    for match in _SCALED.finditer(sentence):
        after = sentence[match.end() : match.end() + 12].lstrip()
        has_currency = bool(re.search(_CURRENCY, match.group()))
        if not has_currency and (
            after[:1].isupper() or not re.search(r"Euro|€|EUR|Etat|Budget", sentence)
        ):
            continue  # "1,5 Mio. Einwohner"
        value = _to_float(match["num"], match["dec"]) * _scale(match["scale"])
        add(Amount(Span(match.start(), match.end()), value))
    for pattern in (_PLAIN, _PREFIXED):
        for match in pattern.finditer(sentence):
            add(Amount(Span(match.start(), match.end()), _to_float(match["num"], match["dec"])))
    return sorted(amounts, key=lambda a: a.span.start)


def _decimal(number: str) -> float:
    return float(number.replace(",", "."))


def _is_own_contribution(text: str, amount: Amount) -> bool:
    """An own contribution ("Eigenanteil von 45.000 Euro", "45.000 Euro als Eigenanteil",
    "Für den Eigenanteil werden Mittel von 45.000 Euro eingeplant") is no grant: the clause
    names it before the amount with no grant word in between, or right after it."""
    clause = text[: amount.span.start].rsplit(";", 1)[-1]
    own = list(_OWN_CONTRIBUTION.finditer(clause))
    if own and not _GRANT_CUE.search(clause[own[-1].end() :]):
        return True
    return bool(_OWN_CONTRIBUTION_AFTER.match(text, amount.span.end))


def _grant_share(text: str) -> float | None:
    """The share of the costs a grant covers, unless the percentage is an own share."""
    for match in _SHARE.finditer(text):
        if not _OWN_CONTRIBUTION.search(text[max(0, match.start() - 40) : match.start()]):
            return _decimal(match["a"] or match["b"] or match["c"])
    return None


def _percent(match: re.Match[str] | None) -> float | None:
    if not match:
        return None
    value = match["a"] or match["b"]
    return _decimal(value)


def _gives(doc: DocumentText, hit: BodyHit) -> bool:
    """An organisation named as the one who gives ("Der LVR fördert", "Mittel des LWL")."""
    return bool(
        _GIVER_AFTER.search(doc.text[hit.end : hit.end + 40])
        or _GIVER_BEFORE.search(doc.text[max(0, hit.start - 30) : hit.start])
    )


def _funders_in(
    doc: DocumentText, sentence: Span, window: Span, offset: int, inputs: FundingInputs
) -> list[tuple[int, str]]:
    """Funders named inside ``window`` (sentence-relative) with their distance to ``offset``."""
    text = doc.text[sentence.start : sentence.end]
    found = [
        (abs(match.start() - offset), name)
        for pattern, name in _FUNDERS
        for match in pattern.finditer(text, window.start, window.end)
    ]
    found += [
        (abs(h.start - sentence.start - offset), h.name)
        for h in inputs.body_hits
        if window.start <= h.start - sentence.start < window.end
        and (
            h.kind in ("foundation", "ministry")
            or (h.kind == "agency" and h.of_ags is None and _gives(doc, h))
        )
    ]
    return found


def _funder(doc: DocumentText, sentence: Span, amount: Amount, inputs: FundingInputs) -> str | None:
    offset = amount.span.start
    if amount.names_funder:
        named = _funders_in(doc, sentence, amount.span, offset, inputs)
        return min(named)[1] if named else None
    found = _funders_in(doc, sentence, Span(0, sentence.end - sentence.start), offset, inputs)
    if found:
        return min(found)[1]
    index = doc.sentence_index(sentence.start)
    if index > 0:  # "Das Land NRW führt die Initiative fort. Es können Fördermittel ..."
        previous = doc.sentence_spans[index - 1]
        for hit in inputs.body_hits:
            if previous.start <= hit.start < previous.end and hit.kind in (
                "state_government",
                "ministry",
            ):
                return hit.name
        previous_text = doc.text[previous.start : previous.end]
        for pattern, name in _FUNDERS:
            if name == LAND and pattern.search(previous_text):
                return name
    return None


def _recipient(
    text: str, sentence: Span, funder: str | None, inputs: FundingInputs
) -> tuple[str | None, str | None]:
    for hit in inputs.municipality_hits:
        if sentence.start <= hit.start < sentence.end:
            return hit.name, f"ags:{hit.ags}"
    author = inputs.author
    if funder is None or author is None or funder == author.name or not _GRANT_CUE.search(text):
        return None, None
    kreis = document_kreis(author)
    if kreis is not None and _KREIS_COLLECTIVE.search(text):
        return kreis.name, f"ags:{kreis.ags}"
    if author is not None and not _PLURAL_RECIPIENT.search(text):
        return author.name, f"ags:{author.ags}"
    return None, None


def _year(doc: DocumentText, sentence: Span, offset: int) -> int | None:
    """The sentence's one year; else the nearest "im Jahr YYYY" before the amount; else, for
    a sentence reporting the past, the one year its section has named so far."""
    text = doc.text[sentence.start : sentence.end]
    years = {int(y) for y in YEAR.findall(text)}
    if len(years) == 1:
        return years.pop()
    before = list(_YEAR_BEFORE.finditer(text[:offset]))
    if before and len(years) > 1:
        return int(before[-1].group(1))
    if not years and _PAST.search(text):
        section = {
            int(y)
            for y in YEAR.findall(doc.text[doc.section_start(sentence.start) : sentence.start])
        }
        if len(section) == 1:
            return section.pop()
    return None


def _own_share_context(
    doc: DocumentText, sentence: Span, amount: Amount, amounts: list[Amount]
) -> str:
    """Where the own share of ``amount`` may be stated: after it up to the next amount, and
    the next sentence when that one states no amount of its own ("Der Eigenanteil beträgt
    15 %.")."""
    text = doc.text[sentence.start : sentence.end]
    later = [a.span.start for a in amounts if a.span.start > amount.span.start]
    context = text[amount.span.end : min(later, default=len(text))]
    if later:
        return context
    index = doc.sentence_index(sentence.start)
    if index + 1 < len(doc.sentence_spans):
        following = doc.sentence_spans[index + 1]
        following_text = doc.text[following.start : following.end]
        if not find_amounts(following_text):
            context += " " + following_text
    return context


def _program(sentence: Span, inputs: FundingInputs) -> str | None:
    inside = [h for h in inputs.program_hits if sentence.start <= h.start < sentence.end]
    preferred = [
        h
        for h in inside
        if not CATALOGUE_BY_KEY.get(h.key, None) or not CATALOGUE_BY_KEY[h.key].funding_only
    ]
    chosen = preferred or inside
    if chosen:
        return chosen[0].parent_key or chosen[0].key
    return inputs.main_program


def _municipal_share(doc: DocumentText, sentence: Span, inputs: FundingInputs) -> Funding | None:
    """A town's yearly share of its Kreis's costs ("Auf die Gemeinde X entfällt ein Betrag von
    6.400 Euro"), when this or the previous sentence speaks of the Kreis: the town funds it."""
    text = doc.text[sentence.start : sentence.end]
    if not _MUNICIPAL_SHARE.search(text):
        return None
    money = [a for a in find_amounts(text) if a.eur is not None]
    towns = {
        hit.ags for hit in inputs.municipality_hits if sentence.start <= hit.start < sentence.end
    }
    gazetteer = load_gazetteer()
    entries = [gazetteer.by_ags(ags) for ags in towns]
    index = doc.sentence_index(sentence.start)
    context_start = doc.sentence_spans[index - 1].start if index > 0 else sentence.start
    if len(money) != 1 or len(entries) != 1 or entries[0] is None:
        return None
    (amount,), town = money, entries[0]
    kreis = document_kreis(town)
    if (
        kreis is None
        or kreis == town
        or _is_own_contribution(text, amount)
        or not _KREIS_WORD.search(doc.text[context_start : sentence.end])
    ):
        return None
    return _funding(
        doc,
        sentence,
        amount,
        (town.name, f"ags:{town.ags}"),
        (kreis.name, f"ags:{kreis.ags}"),
        inputs,
    )


def _funding(
    doc: DocumentText,
    sentence: Span,
    amount: Amount,
    funder: tuple[str | None, str | None],
    recipient: tuple[str | None, str | None],
    inputs: FundingInputs,
) -> Funding:
    """One funding record for ``amount`` with what its sentence and the next say about it."""
    text = doc.text[sentence.start : sentence.end]
    start, end = sentence.start + amount.span.start, sentence.start + amount.span.end
    purpose = _PURPOSE.search(text, amount.span.end)
    after = _own_share_context(doc, sentence, amount, find_amounts(text))
    confidence = 0.8 if funder[0] and (recipient[0] or amount.eur) else 0.65
    return Funding(
        amount_eur=amount.eur,
        amount_text=doc.original_slice(start, end),
        funder=funder[0],
        funder_key=funder[1],
        recipient=recipient[0],
        recipient_key=recipient[1],
        year=_year(doc, sentence, amount.span.start),
        purpose=purpose.group(1).strip() if purpose else None,
        share_percent=amount.share_percent or _grant_share(text),
        own_share_percent=_percent(_OWN_SHARE.search(after)),
        program_key=_program(sentence, inputs),
        evidence=doc.evidence(sentence.start, sentence.end, EXTRACTOR, confidence),
    )


def extract_funding(doc: DocumentText, inputs: FundingInputs) -> tuple[Funding, ...]:
    """Every funding amount stated in a sentence about funding; an amount in a sentence that
    only speaks of a budget ("Haushalt", "zur Verfügung") counts when a funder is named."""
    fundings: list[Funding] = []
    for sentence in doc.sentence_spans:
        text = doc.text[sentence.start : sentence.end]
        if municipal := _municipal_share(doc, sentence, inputs):
            fundings.append(municipal)
            continue
        cued = bool(_FUNDING_CUE.search(text))
        if not cued and not _BUDGET_CUE.search(text):
            continue
        for amount in find_amounts(text):
            if _is_own_contribution(text, amount):
                continue
            funder = _funder(doc, sentence, amount, inputs)
            if funder is None and (amount.names_funder or not cued):
                continue
            recipient = _recipient(text, sentence, funder, inputs)
            funder_key = None if funder is None else slugify(funder)
            fundings.append(
                _funding(doc, sentence, amount, (funder, funder_key), recipient, inputs)
            )
    return tuple(fundings)
