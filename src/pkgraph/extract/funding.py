"""Funding: money flows (amounts are read by :mod:`pkgraph.extract.funding_amounts`, funder and
recipient by :mod:`pkgraph.extract.funding_parties`) with year, purpose, share and own share; a
town's share of its Kreis's costs is funding from the town to the Kreis.

Precision first: an amount counts only in a sentence about funding (Förderung, Mittel, Etat,
Zuschuss, ...) — or one about money (Haushalt, "zur Verfügung", "ausgeschüttet", a list
continuing a funding sentence) when a funder is known; an own contribution or a cost is never
reported as a grant.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from pkgraph.extract.body_types import LAND
from pkgraph.extract.dates import YEAR
from pkgraph.extract.funding_amounts import (
    GRANT_CUE,
    OWN_CONTRIBUTION,
    Amount,
    decimal,
    find_amounts,
    is_no_grant,
    may_state_amount,
)
from pkgraph.extract.funding_parties import (
    STATE_GOVERNMENT,
    PartyInputs,
    find_funder,
    find_recipients,
    municipal_funder,
    named_funder,
    share_segments,
)
from pkgraph.extract.municipalities import MunicipalityHit, document_kreis
from pkgraph.extract.program_catalogue import CATALOGUE_BY_KEY
from pkgraph.extract.text import DocumentText, Span, ocr_tolerant, slugify
from pkgraph.gazetteer import Municipality, load_gazetteer
from pkgraph.records import Funding, ags_key

EXTRACTOR = "funding"

_F = ocr_tolerant("ö")
_HOEHE = ocr_tolerant("Höhe")
_FUNDING_CUE = re.compile(
    rf"[Ff]{_F}rder|[Zz]uschuss|[Zz]usch{ocr_tolerant('ü')}sse|[Zz]uwendung|[Mm]ittel\b|Mitteln\b|"
    r"Etat|Budget|bereitgestellt|finanziert|Finanzierung|[Zz]uweisung|[Bb]ewillig|erhalten|"
    r"erh(?:ä|a)lt|"
    r"flie(?:ß|ss)en|flie(?:ß|ss)t|"
    rf"unterst{ocr_tolerant('ü')}tz"
)
#: Words that make a money amount a grant only when the sentence also names who pays.
_BUDGET_CUE = re.compile(
    rf"Haushalt|\bAnsatz\b|zur\s+Verf{ocr_tolerant('ü')}gung|\bbereit\b|ausgesch(?:ü|u)ttet|"
    r"ausgezahlt|investier|aufgewendet|\bwende[nt]\b|entf(?:ä|a)ll|\bGeld(?:er|ern)?\b|verteil|"
    r"\btr(?:ä|a)gt\b|\btragen\b|(?:ü|u)bernimmt|(?:ü|u)bernehmen|\bsteck(?:t|en)\b|"
    r"\bsteuer(?:t|n)\b|(?:ü|u)berweis(?:t|en)\b|\bkomm(?:t|en)\s+(?:\w+\s+)?(?:vom|von|aus)\b"
)
#: A municipality's own budget (without a grant word): its money takes no funder from the
#: sentences before.
_OWN_BUDGET = re.compile(r"Haushalt|\bAnsatz\b|veranschlagt|etatisiert")
#: What a municipality pays towards its Kreis's costs ("Auf die Gemeinde X entfällt ...").
_MUNICIPAL_SHARE = re.compile(
    r"\bentf(?:ä|a)ll(?:t|en)\s+auf\b|\b[Aa]uf\s+[^,.;]{2,60}?\s+entf(?:ä|a)ll(?:t|en)\b|"
    r"\bAnteil\s+(?:der|des)\s+(?:Stadt|Gemeinde)\b|\bbeteilig(?:t|en)\s+sich\s+[^,.;]{0,30}?mit\b"
)
_KREIS_WORD = re.compile(r"\bKreis")
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
_THIS_YEAR = re.compile(r"\b(?:in\s+diesem|dieses|im\s+laufenden)\s+Jahre?s?\b")
#: "2022: 45.000 €" in a list of yearly amounts, "2022 | 45.000 €" in a table row.
_YEAR_LABEL_BEFORE = re.compile(r"((?:19|20)\d{2})\s*[:|]\s*$")
#: A part of an amount named before: "davon 300.000 Euro", "hiervon entfallen 20.000 Euro".
_PART_BEFORE = re.compile(r"\b(?:[Dd]avon|[Hh]iervon|[Dd]arunter|[Dd]arin)\b[^,;()]{0,30}$")
#: A sentence reporting what happened: its money belongs to the year its section speaks of.
_PAST = re.compile(r"\b(?:wurden?|konnten?|waren|hatten?|erhielten?|flossen|bewilligten|standen)\b")
_PURPOSE = re.compile(
    r"\b(?:für|zu)\s+(?:die|den|das|dem)\s+([^,.;()]{3,90}?)(?=\s+(?:eingesetzt|"
    r"rechnen|verwendet|genutzt|fortgesetzt|bereitgestellt|abgerufen|beantragt|gew(?:ä|a)hrt|"
    r"ausgezahlt|vorgesehen|bereit|zur\s+Verf(?:ü|u)gung)\b|[,.;(]|$)"
)


@dataclass(frozen=True)
class FundingInputs(PartyInputs):
    """What funding extraction reads besides the text."""

    #: The year the document speaks from (``extract.document_year``): "in diesem Jahr".
    document_year: int | None = None


#: A rounded amount: "knapp 500.000 Euro", "rund 2 Mio. Euro", "mehr als 14 Millionen".
_HEDGE_BEFORE = re.compile(
    r"\b(?:knapp|fast|rund|etwa|ca\.|circa|gut|nahezu|beinahe|annähernd|mehr als|über)\s*$",
    re.IGNORECASE,
)


def _grant_share(text: str) -> float | None:
    """The share of the costs a grant covers, unless the percentage is an own share."""
    for match in _SHARE.finditer(text):
        if not OWN_CONTRIBUTION.search(text[max(0, match.start() - 40) : match.start()]):
            return decimal(match["a"] or match["b"] or match["c"])
    return None


def _percent(match: re.Match[str] | None) -> float | None:
    if not match:
        return None
    value = match["a"] or match["b"]
    return decimal(value)


def _year(doc: DocumentText, sentence: Span, offset: int, inputs: FundingInputs) -> int | None:
    """The sentence's one year ("in diesem Jahr" is the document's); else a year labelling
    the amount ("2023: 47.500 €") or the nearest "im Jahr YYYY" before it; else, for a
    sentence reporting the past, the one year its section has named so far."""
    text = doc.text[sentence.start : sentence.end]
    years = {int(y) for y in YEAR.findall(text)}
    if inputs.document_year and _THIS_YEAR.search(text):
        years.add(inputs.document_year)
    if len(years) == 1:
        return years.pop()
    if label := _YEAR_LABEL_BEFORE.search(text[:offset]):
        return int(label.group(1))
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
    towns = {hit.ags for hit in inputs.municipalities(sentence)}
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
        or is_no_grant(text, amount)
        or not _KREIS_WORD.search(doc.text[context_start : sentence.end])
    ):
        return None
    return _funding(
        doc,
        sentence,
        amount,
        (town.name, ags_key(town.ags)),
        (kreis.name, ags_key(kreis.ags)),
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
        year=_year(doc, sentence, amount.span.start, inputs),
        purpose=purpose.group(1).strip() if purpose else None,
        share_percent=amount.share_percent or _grant_share(text),
        own_share_percent=_percent(_OWN_SHARE.search(after)),
        program_key=_program(sentence, inputs),
        evidence=doc.evidence(sentence.start, sentence.end, EXTRACTOR, confidence),
    )


def _party(party: Municipality | MunicipalityHit | None) -> tuple[str | None, str | None]:
    return (party.name, ags_key(party.ags)) if party else (None, None)


def extract_funding(doc: DocumentText, inputs: FundingInputs) -> tuple[Funding, ...]:
    """Every funding amount stated in a sentence about funding; an amount in a sentence that
    only speaks of money ("Haushalt", "zur Verfügung", a list after a funding sentence) counts
    when a funder is known. An amount "jeweils" for several municipalities is one funding each."""
    fundings: list[Funding] = []
    approximate: set[int] = set()  # indexes of fundings whose amount is hedged ("knapp ...")
    previous_cued = previous_money = False
    context: tuple[int, str | None] = (-1, None)  # (section start, funder it named last)
    # the last sentence that stated money, and where its fundings begin (a caption line may
    # stand between it and "Das Geld kommt vom Land")
    last_money, money_from = (-3, 0), 0
    for number, sentence in enumerate(doc.sentence_spans):
        text = doc.text[sentence.start : sentence.end]
        section = doc.section_start(sentence.start)
        funder_before = context[1] if context[0] == section else None
        named = named_funder(doc, sentence, inputs)
        context = (section, named or funder_before)
        if len(fundings) > money_from:
            last_money = (number - 1, money_from)
        money_from = len(fundings)
        if named and _SOURCE_NEXT.match(text) and number - last_money[0] <= 2:
            _name_funder_after(fundings, last_money[1], named)
        if municipal := _municipal_share(doc, sentence, inputs):
            fundings.append(municipal)
            previous_cued = previous_money = True
            continue
        cued = bool(_FUNDING_CUE.search(text))
        # a sentence without an amount adds no funding and clears what "Davon" refers to
        about_money = may_state_amount(text) and (
            cued or previous_cued or bool(_BUDGET_CUE.search(text))
        )
        previous_cued, granted = cued, False
        if not about_money:
            previous_money = False
            continue
        own_budget = _OWN_BUDGET.search(text) and not GRANT_CUE.search(text)
        context_funder = None if own_budget else funder_before
        # an empty field of a form ("Haushaltsmittel: 0,00 EUR") grants nothing
        amounts = [a for a in find_amounts(text) if a.eur != 0 and not is_no_grant(text, a)]
        paying_town = municipal_funder(doc, sentence, inputs) if amounts else None
        for amount, share in zip(amounts, share_segments(text, amounts), strict=True):
            if (granted or previous_money) and _PART_BEFORE.search(text[: amount.lead]):
                continue  # "davon 300.000 Euro für Sachkosten": a part of the grant before
            paying = None if amount.names_funder else paying_town
            funder = find_funder(doc, sentence, amount, context_funder, inputs, share)
            if paying is not None and (funder is None or paying.start <= amount.lead):
                funder = paying.town.name
            else:
                paying = None
            if funder is None and share is None and (amount.names_funder or not cued):
                continue  # (every amount of a list of money by source is money given)
            granted = True
            funder_key = _party(paying.town)[1] if paying else (slugify(funder) if funder else None)
            for recipient in find_recipients(text, sentence, amount, len(amounts), funder, inputs):
                if paying and recipient is not None and recipient.ags == paying.town.ags:
                    recipient = None  # the paying town is no recipient of its own money
                if _HEDGE_BEFORE.search(text, 0, amount.lead):
                    approximate.add(len(fundings))
                fundings.append(
                    _funding(doc, sentence, amount, (funder, funder_key), _party(recipient), inputs)
                )
        previous_money = granted or bool(own_budget and amounts)  # what "Davon" refers to
    if inputs.author is not None:
        fundings = [_issuer_pays(funding, inputs.author) for funding in fundings]
    return _without_restatements(fundings, approximate)


#: A sentence saying that someone receives the money ("Die Kommunen erhalten eine Förderung",
#: "erhält die Stadt Siegen 43.000 Euro").
_RECEIVED = re.compile(r"\b(?:erh(?:ä|a)lt|erhalten|bekomm\w*|bekam\w*|zugewiesen)\b")


def _issuer_pays(funding: Funding, issuer: Municipality) -> Funding:
    """An amount in the issuer's own paper that names neither who pays nor who receives is the
    issuer's own money ("werden zusätzliche Mittel in Höhe von 12.670,00 € zur Verfügung
    gestellt", "investieren wir 870.000 Euro"), unless its sentence says someone receives it."""
    if funding.funder or funding.recipient or _RECEIVED.search(funding.evidence.quote):
        return funding
    return replace(funding, funder=issuer.name, funder_key=ags_key(issuer.ags))


#: A sentence that says where the money of the one before came from: "Das Geld kommt vom
#: Land", "Die Mittel stammen aus dem Landesprogramm".
_SOURCE_NEXT = re.compile(
    r"\s*(?:Das|Die)\s+(?:Geld|Gelder|Mittel|Förderung|Summe)\s+(?:kommt|kommen|stammt|stammen)"
    r"\s+(?:vom|von|aus)\b"
)


def _name_funder_after(fundings: list[Funding], start: int, funder: str) -> None:
    """Give the fundings from ``start`` on (the sentence before) that name no funder the one
    the next sentence names."""
    for number in range(start, len(fundings)):
        if fundings[number].funder is None:
            fundings[number] = replace(fundings[number], funder=funder, funder_key=slugify(funder))


def _restates(one: Funding, other: Funding, rounded: bool) -> bool:
    """Whether two fundings state the same money: the same amount to the cent (or, when one
    is ``rounded``, "knapp 500.000 Euro" beside "456.229 Euro", within 15 %), and no party or
    year that differs ("36.000 Euro Förderung für Kleve" in the headline, "erhält die Stadt
    Kleve vom LVR … 36.000 Euro" in the text); one may name less than the other."""
    if one.amount_eur is None or other.amount_eur is None:
        return False
    tolerance = 0.15 * max(one.amount_eur, other.amount_eur) if rounded else 0.01
    if abs(one.amount_eur - other.amount_eur) >= tolerance:
        return False
    pairs = (
        (_party_key(one.funder_key), _party_key(other.funder_key)),
        (one.recipient_key, other.recipient_key),
        (one.year, other.year),
    )
    return all(a is None or b is None or a == b for a, b in pairs)


#: The state gives as "das Land" or as "die Landesregierung": one party when money is restated.
_STATE_KEYS = {slugify(STATE_GOVERNMENT): slugify(LAND)}


def _party_key(key: str | None) -> str | None:
    return _STATE_KEYS.get(key, key) if key else key


def _named(funding: Funding) -> int:
    return sum(value is not None for value in (funding.funder, funding.recipient, funding.year))


def _preference(funding: Funding, rounded: bool) -> tuple[bool, int, int]:
    """Which of two statements of one money flow to keep: an exact amount before a rounded
    one, then the one naming more, then the more precise ("14,3 Mio." before "14 Mio.")."""
    digits = len(f"{int(funding.amount_eur or 0)}".rstrip("0"))
    return (not rounded, _named(funding), digits)


def _without_restatements(fundings: list[Funding], approximate: set[int]) -> tuple[Funding, ...]:
    """The fundings, each money flow once, where its first statement stood."""
    kept: list[tuple[Funding, bool]] = []
    for number, funding in enumerate(fundings):
        rounded = number in approximate
        same = next(
            (i for i, (k, r) in enumerate(kept) if _restates(funding, k, rounded or r)), None
        )
        if same is None:
            kept.append((funding, rounded))
        elif _preference(funding, rounded) > _preference(*kept[same]):
            kept[same] = (funding, rounded)
    return tuple(funding for funding, _ in kept)
