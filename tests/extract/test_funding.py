from __future__ import annotations

from pkgraph.extract import extract_document
from pkgraph.extract.funding import find_amounts
from pkgraph.records import Extraction
from tests.extract.conftest import MakeDocument


def amounts(sentence: str) -> list[tuple[str, float | None]]:
    return [(sentence[a.span.start : a.span.end], a.eur) for a in find_amounts(sentence)]


def test_written_forms_of_amounts() -> None:
    text = (
        "Fördermittel: 43.750 Euro, 12,6 Mio. und weitere 17 Mio. Euro, 1,5 Millionen €, "
        "EUR 64.000, 2.500,50 € sowie 250 Tsd. Euro."
    )
    assert amounts(text) == [
        ("43.750 Euro", 43750.0),
        ("12,6 Mio.", 12_600_000.0),
        ("17 Mio. Euro", 17_000_000.0),
        ("1,5 Millionen €", 1_500_000.0),
        ("EUR 64.000", 64000.0),
        ("2.500,50 €", 2500.5),
        ("250 Tsd. Euro", 250_000.0),
    ]


def test_scaled_numbers_without_money_are_not_amounts() -> None:
    assert amounts("Der Kreis hat 1,5 Mio. Einwohner und 12 Tsd. Kinder.") == []


def test_percentage_grant() -> None:
    (grant,) = find_amounts("mit der Landesförderung in Höhe von 50 % der Personalkosten rechnen")
    assert grant.eur is None and grant.share_percent == 50.0


def test_funder_recipient_year_and_shares(make_document: MakeDocument) -> None:
    text = (
        "Sitzungsvorlage der Stadt Gladbeck\n\nDie vom Land NRW bereitgestellten Fördermittel "
        "in Höhe von 30.000 Euro (bei 20 % Eigenanteil) werden im Jahr 2020 für die "
        "Elternbegleitung eingesetzt. Der Eigenanteil von 6.000 Euro wird aus dem Haushalt "
        "getragen. Die Kosten der Stadt Gladbeck betragen 10.000 Euro."
    )
    document = make_document(text)
    (funding,) = extract_document(document).funding
    assert funding.amount_eur == 30000.0
    assert funding.funder == "Land Nordrhein-Westfalen"
    assert funding.recipient == "Gladbeck"
    assert (funding.year, funding.own_share_percent) == (2020, 20.0)
    assert funding.purpose == "Elternbegleitung"
    assert document.original_text[funding.evidence.start : funding.evidence.end] == (
        funding.evidence.quote
    )


def test_samples(sample_extractions: dict[str, Extraction]) -> None:
    funding = {f.amount_text: f for f in sample_extractions["000"].funding}
    assert funding["12,6 Mio."].year == 2019
    assert funding["17 Mio. Euro"].year == 2020
    esf = funding["ESF-Förderung in Höhe von 50% der Personalkosten"]
    assert (esf.funder, esf.recipient, esf.share_percent) == ("ESF", "Kreis Coesfeld", 50.0)
    ocr = {f.amount_text for f in sample_extractions["001"].funding}
    assert ocr == {"Landesforderung in Héhe von 50 % der Personalkosten"}  # quoted as printed
