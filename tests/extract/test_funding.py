from __future__ import annotations

import pytest

from pkgraph.extract import extract_document
from pkgraph.extract.funding_amounts import find_amounts
from pkgraph.records import Extraction, Funding
from tests.extract.conftest import MakeDocument

LAND = "Land Nordrhein-Westfalen"


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


def grants(text: str, make_document: MakeDocument) -> dict[str, Funding]:
    return {f.amount_text: f for f in extract_document(make_document(text)).funding}


def test_sample_recipient_and_year_from_context(sample_extractions: dict[str, Extraction]) -> None:
    # "erhalten die Kreiskommunen eine Landesförderung in Höhe von 64.000 Euro" in a paper of
    # Bergkamen (Kreis Unna); the present tense gives no year
    (kreis_unna,) = sample_extractions["004"].funding
    assert (kreis_unna.recipient, kreis_unna.recipient_key) == ("Kreis Unna", "ags:05978")
    assert kreis_unna.year is None
    # "... bereitgestellten Fördermittel in Höhe von 43.750 Euro (bei 20 % Eigenanteil) konnte
    # ... für die Entwicklungskonferenz eingesetzt werden" under "Entwicklung auf Kreisebene",
    # whose only year is the conference's (27.09.2018)
    coesfeld = {f.amount_text: f for f in sample_extractions["000"].funding}["43.750 Euro"]
    assert (coesfeld.recipient, coesfeld.year, coesfeld.own_share_percent) == (
        "Kreis Coesfeld",
        2018,
        20.0,
    )


@pytest.mark.parametrize(
    ("text", "recipient"),
    [
        (  # the issuing town's Kreis
            "Sitzungsvorlage der Stadt Werne\n\nFür das Projekt erhalten die Kreiskommunen eine "
            "Landesförderung in Höhe von 25.000 Euro.",
            "Kreis Unna",
        ),
        (  # the issuing Kreis itself
            "Sitzungsvorlage des Kreises Borken\n\nDie kreisangehörigen Städte und Gemeinden "
            "erhalten eine Förderung des Landes NRW von 1,5 Millionen €.",
            "Kreis Borken",
        ),
        (  # many municipalities of no one Kreis: no recipient
            "Sitzungsvorlage der Stadt Werne\n\nDie 40 Kommunen erhalten eine Landesförderung "
            "von 12,6 Mio. Euro.",
            None,
        ),
    ],
)
def test_collective_recipients(
    make_document: MakeDocument, text: str, recipient: str | None
) -> None:
    (funding,) = grants(text, make_document).values()
    assert funding.recipient == recipient


def test_year_of_the_section_only_for_a_report_of_the_past(make_document: MakeDocument) -> None:
    text = (
        "Sitzungsvorlage der Stadt Gladbeck\n\nRückblick\n\nAm 14.03.2019 fand der Fachtag "
        "Kinderarmut statt. Die vom Land bereitgestellten Mittel in Höhe von 5.000 Euro wurden "
        "vollständig verwendet.\n\nAusblick\n\nIm Jahr 2020 folgt ein zweiter Fachtag, 2021 ein "
        "dritter. Das Land stellt dafür Fördermittel in Höhe von 8.000 Euro bereit.\n\n"
        "Planung\n\nDer Fachtag am 02.02.2022 wird vorbereitet. Für ihn wurden Mittel des "
        "Landes von 3.000 Euro bewilligt. Die Mittel des Landes von 2.000 Euro stehen bereit."
    )
    years = {f.amount_text: f.year for f in grants(text, make_document).values()}
    assert years == {
        "5.000 Euro": 2019,  # past, one year in its section
        "8.000 Euro": None,  # two years in the section
        "3.000 Euro": 2022,
        "2.000 Euro": None,  # present tense: the text does not say which year
    }


def test_funder_named_in_the_previous_sentence_and_own_share_in_the_next(
    make_document: MakeDocument,
) -> None:
    text = (
        "Sitzungsvorlage der Stadt Herford\n\nDas Land Nordrhein-Westfalen führt die "
        "Initiative fort. Mit der Teilnahme können ab dem Jahr 2021 jährlich Fördermittel in "
        "Höhe von 85.000 Euro für die Koordinierungsstelle abgerufen werden. Der Eigenanteil "
        "der Stadt beträgt 10 %."
    )
    (funding,) = grants(text, make_document).values()
    assert (funding.funder, funding.recipient, funding.year) == (
        "Land Nordrhein-Westfalen",
        "Herford",
        2021,
    )
    assert (funding.own_share_percent, funding.purpose) == (10.0, "Koordinierungsstelle")


def test_thousand_and_billion_forms() -> None:
    text = "Mittel: 3,2 Mrd. Euro, 250 T€, 45 TEUR und 17,5 Millionen Euro."
    assert amounts(text) == [
        ("3,2 Mrd. Euro", 3_200_000_000.0),
        ("250 T€", 250_000.0),
        ("45 TEUR", 45_000.0),
        ("17,5 Millionen Euro", 17_500_000.0),
    ]


def test_share_paid_by_a_named_funder(make_document: MakeDocument) -> None:
    text = (
        "Sitzungsvorlage der Stadt Hamm\n\nDie Sachkosten des Familienbüros werden zu 75 % "
        "durch das Land Nordrhein-Westfalen gefördert. Die übrigen Kosten werden zu 25 % "
        "von der Stadt Hamm finanziert."
    )
    (funding,) = grants(text, make_document).values()
    assert funding.amount_text == "zu 75 % durch das Land Nordrhein-Westfalen"
    assert (funding.amount_eur, funding.funder, funding.share_percent) == (
        None,
        "Land Nordrhein-Westfalen",
        75.0,
    )


@pytest.mark.parametrize(
    ("sentence", "share"),
    [
        ("Das Land fördert die Stelle mit 60.000 Euro; die Förderquote beträgt 90 %.", 90.0),
        ("Der Bund übernimmt 70 % der förderfähigen Kosten, höchstens 40.000 Euro.", 70.0),
        ("Das Land fördert mit 50.000 Euro bei 20 % Eigenanteil der förderfähigen Kosten.", None),
    ],
)
def test_share_of_a_money_grant(make_document: MakeDocument, sentence: str, share: float) -> None:
    (funding,) = grants(f"Sitzungsvorlage der Stadt Hamm\n\n{sentence}", make_document).values()
    assert funding.share_percent == share


def test_organisation_named_as_giver(make_document: MakeDocument) -> None:
    text = (
        "Programmseite\n\nDer LWL stellt für das Jahr 2023 insgesamt 120.000 Euro zur Verfügung. "
        "Aus Mitteln der Stiftung Wohlfahrtspflege fließen weitere 9.000 Euro in die Elternarbeit. "
        "Im Haushalt 2023 sind 80.000 Euro für Personal veranschlagt."
    )
    funding = grants(text, make_document)
    assert set(funding) == {"120.000 Euro", "9.000 Euro"}  # no funder named for the budget
    assert funding["9.000 Euro"].funder == "Stiftung Wohlfahrtspflege"
    lwl = funding["120.000 Euro"]
    assert (lwl.funder, lwl.year) == ("Landschaftsverband Westfalen-Lippe (LWL)", 2023)


def test_town_share_paid_to_its_kreis(make_document: MakeDocument) -> None:
    text = (
        "Niederschrift des Rates der Stadt Vreden\n\nDie Kosten der Fachstelle teilen sich der "
        "Kreis Borken und die beteiligten Städte. Auf die Stadt Vreden entfällt jährlich ein "
        "Betrag von 8.200 Euro."
    )
    (funding,) = grants(text, make_document).values()
    assert (funding.funder, funding.funder_key, funding.recipient) == (
        "Vreden",
        "ags:05554068",
        "Kreis Borken",
    )
    assert funding.amount_eur == 8200.0


@pytest.mark.parametrize(
    "sentence",
    [
        "Für den Eigenanteil sind im Haushalt 2024 Mittel in Höhe von 30.000 Euro vorgesehen.",
        "Der städtische Anteil von 12.000 Euro an den Fördermaßnahmen wird im Haushalt getragen.",
        "Zu den Fördermitteln des Landes kommen 20.000 Euro als Eigenmittel der Stadt.",
    ],
)
def test_own_contribution_is_no_grant(make_document: MakeDocument, sentence: str) -> None:
    assert grants(f"Sitzungsvorlage der Stadt Hamm\n\n{sentence}", make_document) == {}


def test_grant_next_to_an_own_contribution_is_kept(make_document: MakeDocument) -> None:
    text = (
        "Sitzungsvorlage der Stadt Hamm\n\nBei einem Eigenanteil von 15.000 Euro erhält die "
        "Stadt eine Förderung des Landes von 85.000 Euro."
    )
    assert set(grants(text, make_document)) == {"85.000 Euro"}


def test_space_separated_thousands_decimals_and_prefixed_scales() -> None:
    text = (
        "Zuschuss: 48 000 Euro, 7\u00a0500 €, 5.000,- €, 1,2 Mio. €, € 2,5 Mio. und "
        "EUR 1,5 Millionen; im Jahr 2019 120 Euro."
    )
    assert amounts(text) == [
        ("48 000 Euro", 48000.0),
        ("7\u00a0500 €", 7500.0),
        ("5.000,- €", 5000.0),
        ("1,2 Mio. €", 1_200_000.0),
        ("€ 2,5 Mio.", 2_500_000.0),
        ("EUR 1,5 Millionen", 1_500_000.0),
        ("120 Euro", 120.0),
    ]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Gefördert wird mit zwischen 32.000 und 64.000 Euro.",
            [("32.000", 32000.0), ("64.000 Euro", 64000.0)],
        ),
        (
            "Die Förderung beträgt von 10.000 bis 25.000 € jährlich.",
            [("10.000", 10000.0), ("25.000 €", 25000.0)],
        ),
        (
            "Zuschüsse von 5.000 € bis 9.000 € sind möglich.",
            [("5.000 €", 5000.0), ("9.000 €", 9000.0)],
        ),
        (
            "Je nach Einwohnerzahl liegt der Zuschuss zwischen 1,5 und 2 Mio. Euro.",
            [("1,5", 1_500_000.0), ("2 Mio. Euro", 2_000_000.0)],
        ),
        (
            "Die Zuwendung beträgt 48 000 bis 96 000 EUR.",
            [("48 000", 48000.0), ("96 000 EUR", 96000.0)],
        ),
    ],
)
def test_range_is_two_amounts_its_bounds(sentence: str, expected: list[tuple[str, float]]) -> None:
    assert amounts(sentence) == expected


def test_a_year_before_an_amount_is_no_range() -> None:
    assert amounts("Förderjahr 2021 – 45.000 Euro Zuschuss") == [("45.000 Euro", 45000.0)]


def test_range_bounds_for_all_participants_name_no_one(make_document: MakeDocument) -> None:
    # the terms of a program for all the towns it chose: no recipient, and no funder the
    # sentence or a giver before names (a foundation's board member only announced it)
    text = (
        "Pressemitteilung der Stadt Hilden\n\nHilden nimmt am Modellvorhaben „Kein Kind "
        "zurücklassen“ teil. Das gaben Herr Beispiel vom Vorstand der Bertelsmann Stiftung und "
        "die Ministerin bekannt. Acht Kommunen wurden ausgewählt. Sie alle bekommen eine "
        "Förderung, die je nach Einwohnerzahl von 20.000 bis 45.000 Euro reicht."
    )
    funding = grants(text, make_document)
    assert sorted(funding) == ["20.000", "45.000 Euro"]
    for grant in funding.values():
        assert (grant.funder, grant.recipient) == (None, None)


def test_range_listed_for_one_municipality(make_document: MakeDocument) -> None:
    text = (
        "Sitzungsvorlage des Kreises Olpe\n\nDas Land fördert die Koordinierungsstellen. "
        "Olpe erhält jeweils zwischen 12.000 und 18.000 Euro."
    )
    funding = grants(text, make_document)
    assert {(f.amount_eur, f.recipient, f.funder) for f in funding.values()} == {
        (12000.0, "Olpe", "Land Nordrhein-Westfalen"),
        (18000.0, "Olpe", "Land Nordrhein-Westfalen"),
    }


@pytest.mark.parametrize(
    "sentence",
    [
        "Die Gesamtkosten des Projekts belaufen sich auf 120.000 Euro und werden gefördert.",
        "Die Personalkosten in Höhe von 65.400 Euro werden vom Land gefördert.",
        "Das Vorhaben kostet insgesamt 80.000 Euro und wird vom LWL gefördert.",
    ],
)
def test_costs_are_no_grants(make_document: MakeDocument, sentence: str) -> None:
    assert grants(f"Vorlage der Stadt Lünen\n\n{sentence}", make_document) == {}


def test_funders_named_as_organisations_programs_and_foundations(
    make_document: MakeDocument,
) -> None:
    text = (
        "Vorlage des Kreises Borken\n\n"
        "Das Ministerium für Kinder, Jugend, Familie, Gleichstellung, Flucht und Integration "
        "des Landes Nordrhein-Westfalen fördert die Koordination mit 1,2 Mio. €. "
        "Aus dem Programm „kinderstark – NRW schafft Chancen“ stehen weitere 85.000 Euro zur "
        "Verfügung. Die Stiftung Wohlfahrtspflege unterstützt das Familienbüro mit 40.000 Euro. "
        "Die Bundesstiftung Frühe Hilfen stellt 12.500 Euro bereit."
    )
    funders = {text: f.funder for text, f in grants(text, make_document).items()}
    assert funders["1,2 Mio. €"] is not None and funders["1,2 Mio. €"].startswith("Ministerium")
    assert funders["85.000 Euro"] == "Land Nordrhein-Westfalen"
    assert funders["40.000 Euro"] is not None and "Stiftung" in funders["40.000 Euro"]
    assert funders["12.500 Euro"] == "Bundesstiftung Frühe Hilfen"


def test_the_land_as_subject_and_this_year(make_document: MakeDocument) -> None:
    text = (
        "Pressemitteilung vom 04.02.2024\n\n"
        "Mit dem Landesprogramm unterstützt die Landesregierung alle Kommunen. Dafür stehen "
        "in diesem Jahr rund 14 Millionen Euro zur Verfügung. Insgesamt stellt das Land "
        "jeder teilnehmenden Kommune 30.000 Euro bereit."
    )
    funding = grants(text, make_document)
    total = funding["14 Millionen Euro"]
    assert (total.funder, total.recipient, total.year) == (
        "Landesregierung Nordrhein-Westfalen",
        None,
        2024,
    )
    each = funding["30.000 Euro"]
    assert (each.funder, each.recipient) == ("Land Nordrhein-Westfalen", None)


def test_grant_per_municipality_has_no_single_recipient(make_document: MakeDocument) -> None:
    text = "Vorlage der Stadt Solingen\n\nDie Landesförderung beträgt 20.000 € je Kommune."
    (funding,) = grants(text, make_document).values()
    assert (funding.funder, funding.recipient) == ("Land Nordrhein-Westfalen", None)


@pytest.mark.parametrize(
    "sentence",
    [
        "Die Stadt Lünen finanziert die Stelle mit 60.000 Euro aus eigenen Mitteln.",
        "Aus städtischen Haushaltsmitteln werden 25.000 € für die Elternarbeit bereitgestellt.",
    ],
)
def test_own_funds_are_no_grants(make_document: MakeDocument, sentence: str) -> None:
    assert grants(f"Vorlage der Stadt Lünen\n\n{sentence}", make_document) == {}


def test_part_of_a_grant_authority_and_yearly_amounts(make_document: MakeDocument) -> None:
    text = (
        "Vorlage der Stadt Witten\n\n"
        "Die Stadt Witten erhält Landesmittel in Höhe von 1,5 Mio. Euro; davon entfallen "
        "300.000 Euro auf Sachkosten. Die Förderung von 45.000 Euro wurde durch die "
        "Bezirksregierung Arnsberg bewilligt. Fördermittel des Landes 2022: 12.000 €, "
        "2023: 14.500 €."
    )
    funding = grants(text, make_document)
    assert set(funding) == {"1,5 Mio. Euro", "45.000 Euro", "12.000 €", "14.500 €"}
    authority = funding["45.000 Euro"]
    assert (authority.funder, authority.recipient) == ("Land Nordrhein-Westfalen", "Witten")
    assert (funding["12.000 €"].year, funding["14.500 €"].year) == (2022, 2023)


def test_ministries_and_lottery_funders_by_their_short_names(make_document: MakeDocument) -> None:
    text = (
        "Vorlage der Stadt Hamm\n\nDas NRW-Familienministerium fördert das Familienbüro mit "
        "20.000 Euro. Die Aktion Mensch fördert das Projekt mit 300.000 Euro. Das "
        "Bundesfamilienministerium stellt 5.000 Euro bereit. Die Landeszuwendung beträgt 40.000 €."
    )
    funders = {text: (f.funder, f.recipient) for text, f in grants(text, make_document).items()}
    assert funders == {
        "20.000 Euro": ("Land Nordrhein-Westfalen", "Hamm"),
        "300.000 Euro": ("Aktion Mensch", "Hamm"),
        "5.000 Euro": ("Bund", None),
        "40.000 €": ("Land Nordrhein-Westfalen", "Hamm"),
    }


def test_numbers_written_as_words() -> None:
    sentence = (
        "Es stehen drei Millionen Euro und eine halbe Million € bereit, für zwei Millionen Kinder."
    )
    assert amounts(sentence) == [
        ("drei Millionen Euro", 3_000_000.0),
        ("eine halbe Million €", 500_000.0),
    ]


def test_giver_after_its_verb_and_the_state_by_its_name(make_document: MakeDocument) -> None:
    text = (
        "Pressemitteilung\n\nIm neuen Förderjahr unterstützt der LWL sieben Jugendämter mit "
        "insgesamt 210.000 Euro. Für die zweite Förderphase investiert Nordrhein-Westfalen "
        "weitere 9,8 Millionen Euro in die Präventionsarbeit."
    )
    funders = {text: f.funder for text, f in grants(text, make_document).items()}
    assert funders["210.000 Euro"] is not None and "LWL" in funders["210.000 Euro"]
    assert funders["9,8 Millionen Euro"] == "Land Nordrhein-Westfalen"


def test_itemised_list_after_a_funding_sentence(make_document: MakeDocument) -> None:
    # the list sentence has no funding word of its own; the funder was named two sentences before
    text = (
        "Pressemitteilung\n\nDas Familienministerium hat die Anträge aus dem Kreis bewilligt. "
        "Die Förderung deckt Personal- und Sachkosten. Die Beträge im Einzelnen: Meschede "
        "41.000 Euro, Brilon: 27.500 Euro und Schmallenberg erhält 19.300 Euro."
    )
    funding = grants(text, make_document)
    assert {t: (f.funder, f.recipient) for t, f in funding.items()} == {
        "41.000 Euro": ("Land Nordrhein-Westfalen", "Meschede"),
        "27.500 Euro": ("Land Nordrhein-Westfalen", "Brilon"),
        "19.300 Euro": ("Land Nordrhein-Westfalen", "Schmallenberg"),
    }


def test_each_municipality_of_an_enumeration_gets_the_amount_jeweils(
    make_document: MakeDocument,
) -> None:
    text = (
        "Pressemitteilung\n\nAus Landesmitteln erhalten die Städte Ahlen, Beckum und die Gemeinde "
        "Wadersloh jeweils 35.000 Euro."
    )
    document = extract_document(make_document(text))
    assert sorted((f.amount_eur, f.recipient) for f in document.funding) == [
        (35000.0, "Ahlen"),
        (35000.0, "Beckum"),
        (35000.0, "Wadersloh"),
    ]


def test_main_program_pays_a_grant_without_a_named_funder(make_document: MakeDocument) -> None:
    text = (
        "Sitzungsvorlage der Stadt Marl\n\nTeilnahme am Landesprogramm „kinderstark – NRW schafft "
        "Chancen“\n\nDer Zuwendungsbescheid liegt vor. Die bewilligte Fördersumme für 2023 beträgt "
        "88.400 Euro. Die Stadt fördert zudem den Kinderschutzbund mit 4.000 Euro."
    )
    funding = grants(text, make_document)
    grant = funding["88.400 Euro"]
    assert (grant.funder, grant.recipient, grant.year) == ("Land Nordrhein-Westfalen", "Marl", 2023)
    assert funding["4.000 Euro"].funder == "Marl"  # the town gives: not the program's money


def test_the_only_municipality_a_page_names_receives(make_document: MakeDocument) -> None:
    text = (
        "Neuigkeiten aus Herne\n\nDas Landesprogramm fördert Herner Projekte für Familien mit "
        "insgesamt 132.000 Euro. In Herne arbeiten dafür viele Träger zusammen."
    )
    (funding,) = grants(text, make_document).values()
    assert (funding.funder, funding.recipient) == ("Land Nordrhein-Westfalen", "Herne")


def test_a_budget_after_a_funding_sentence_takes_no_funder(make_document: MakeDocument) -> None:
    text = (
        "Sitzungsvorlage der Stadt Marl\n\nDas Land fördert die Koordination mit 50.000 Euro. "
        "Die Personalkosten belaufen sich auf 80.000 Euro jährlich. Im Haushalt 2024 sind dafür "
        "15.000 Euro eingeplant. Davon entfallen 5.000 Euro auf Sachmittel."
    )
    assert set(grants(text, make_document)) == {"50.000 Euro"}


def test_the_part_of_a_cost_the_land_pays(make_document: MakeDocument) -> None:
    text = (
        "Vorlage der Stadt Marl\n\nDie Gesamtkosten des Familienbüros betragen 120.000 Euro. "
        "Davon übernimmt das Land 90.000 Euro, den Rest trägt die Stadt."
    )
    (funding,) = grants(text, make_document).values()
    assert (funding.amount_eur, funding.funder) == (90000.0, "Land Nordrhein-Westfalen")


def test_money_of_the_town_is_the_towns_not_the_contexts(make_document: MakeDocument) -> None:
    text = (
        "Sitzungsvorlage der Stadt Dorsten\n\nDie Stadt nimmt am Landesprogramm teil. Im Haushalt "
        "2024 sind dafür Mittel in Höhe von 30.000 € veranschlagt. Der Träger erhält von der Stadt "
        "einen Zuschuss von 5.500 €. Im Vorjahr wurden 88.000 € an Landesmitteln abgerufen."
    )
    funders = {t: f.funder for t, f in grants(text, make_document).items()}
    assert funders == {
        "30.000 €": "Dorsten",  # its own budget: the issuer's money, not the program's
        "5.500 €": "Dorsten",  # "von der Stadt": the town's money, not the program's
        "88.000 €": "Land Nordrhein-Westfalen",
    }


def test_yearly_amounts_in_table_rows(make_document: MakeDocument) -> None:
    text = "Vorlage der Stadt Witten\n\nLandesförderung:\n2023 | 51.000 EURO\n2024 | 53.500 EURO"
    funding = grants(text, make_document)
    assert {t: (f.year, f.funder) for t, f in funding.items()} == {
        "51.000 EURO": (2023, "Land Nordrhein-Westfalen"),
        "53.500 EURO": (2024, "Land Nordrhein-Westfalen"),
    }


def test_the_same_money_stated_twice_is_one_funding(make_document: MakeDocument) -> None:
    """A headline and the text state one grant; another amount stays its own."""
    text = (
        "36.000 Euro Förderung für die Stadt Kleve\n\n"
        "Um Kinderarmut zu bekämpfen, erhält die Stadt Kleve vom Landschaftsverband Rheinland "
        "(LVR) über drei Jahre Fördermittel in Höhe von insgesamt 36.000 Euro. Im Folgejahr "
        "erhält die Stadt Kleve vom LVR weitere 12.000 Euro."
    )
    amounts = sorted(f.amount_eur or 0 for f in extract_document(make_document(text)).funding)
    assert amounts == [12000.0, 36000.0]


def test_money_listed_by_source_takes_each_source(make_document: MakeDocument) -> None:
    """Shares listed after a total: each amount's funder stands in its own part."""
    text = (
        "Antwort der Landesregierung\n\nIn der Modellphase wurden Fördermittel von insgesamt "
        "6,0 Mio. Euro eingesetzt, 2,5 Mio. Euro kamen von der Bertelsmann Stiftung, "
        "2,0 Mio. Euro aus dem Europäischen Sozialfonds und 1,5 Mio. Euro vom Land "
        "Nordrhein-Westfalen."
    )
    funders = {t: f.funder for t, f in grants(text, make_document).items()}
    assert funders == {
        "6,0 Mio. Euro": None,
        "2,5 Mio. Euro": "Bertelsmann Stiftung",
        "2,0 Mio. Euro": "ESF",
        "1,5 Mio. Euro": "Land Nordrhein-Westfalen",
    }


def test_a_rounded_restatement_is_the_exact_amount(make_document: MakeDocument) -> None:
    text = (
        "Knapp 300.000 Euro fließen nach Hamm.\n\nDie Stadt Hamm erhält aus dem Programm "
        "„kinderstark“ des Landes insgesamt 287.410 Euro. Über 14 Millionen Euro stellt das "
        "Land bereit, genauer rund 14,6 Millionen Euro."
    )
    amounts = sorted(f.amount_eur or 0 for f in extract_document(make_document(text)).funding)
    assert amounts == [287410.0, 14_600_000.0]


def test_the_next_sentence_names_where_the_money_came_from(make_document: MakeDocument) -> None:
    text = (
        "Fast 1,2 Millionen Euro Förderung hat die Stadt Hamm in drei Jahren erhalten."
        "\n\n© Foto\n\nDas Geld kommt vom Land über das Programm „kinderstark“."
    )
    (funding,) = extract_document(make_document(text)).funding
    assert funding.funder == "Land Nordrhein-Westfalen"


def test_a_foundation_named_as_partner_gives_nothing(make_document: MakeDocument) -> None:
    """A foundation a sentence names as partner is not the funder of the money that follows;
    one named as giving is."""
    text = (
        "Pressemitteilung\n\nDie Stadt beteiligt sich am Modellprojekt des Landes und seines "
        "Kooperationspartners, der Bertelsmann Stiftung. Das Projekt wird mit 64.000 Euro "
        "gefördert. Die Auridis Stiftung fördert das Netzwerk. Es erhält 20.000 Euro."
    )
    funders = {text: f.funder for text, f in grants(text, make_document).items()}
    assert funders["64.000 Euro"] != "Bertelsmann Stiftung"
    assert funders["20.000 Euro"] == "Auridis Stiftung"


def test_a_town_that_pays_is_the_funder(make_document: MakeDocument) -> None:
    text = (
        "Beschlussvorschlag:\n\nDie Stadt Übach-Palenberg gewährt der Koordinierungsstelle "
        "Frühe Hilfen im Kreis Heinsberg ab dem 01.01.2024 einen jährlichen Zuschuss von "
        "18.000 €, der aus der Bundesstiftung Frühe Hilfen aufgestockt wird.\n\nSachverhalt:\n\n"
        "Die Koordinierungsstelle hat ein Budget von 90.000 € aus Mitteln des Landes. Hiervon "
        "trägt die Stadt Wassenberg einen Anteil von 9.000 €."
    )
    funding = grants(text, make_document)
    assert (funding["18.000 €"].funder, funding["18.000 €"].funder_key) == (
        "Übach-Palenberg",
        "ags:05370028",
    )
    assert funding["9.000 €"].funder == "Wassenberg"
    assert funding["9.000 €"].recipient is None  # the paying town gets nothing
    assert funding["90.000 €"].funder == "Land Nordrhein-Westfalen"


def test_money_of_the_program_the_sentence_before_names(make_document: MakeDocument) -> None:
    text = (
        "NRW-Familienminister Joachim Stamp hat das Förderprogramm „kinderstark – NRW schafft "
        "Chancen“ auf den Weg gebracht. Mit dem Programm werden die Kommunen bei der "
        "Präventionsarbeit mit mehr als 14 Millionen Euro unterstützt."
    )
    grant = grants(text, make_document)["14 Millionen Euro"]
    assert (grant.funder, grant.recipient) == ("Land Nordrhein-Westfalen", None)


def test_money_of_the_state_budget(make_document: MakeDocument) -> None:
    text = (
        "Die 7,5 Millionen Euro, die im Landeshaushalt für den Kinderschutz bereitgestellt "
        "werden, werden von niemandem angezweifelt."
    )
    assert grants(text, make_document)["7,5 Millionen Euro"].funder == "Land Nordrhein-Westfalen"


def test_the_land_receiving_federal_money(make_document: MakeDocument) -> None:
    text = (
        "Düsseldorf | Das Land NRW erhält bis 2015 insgesamt 35 Millionen Euro aus Bundesmitteln "
        "für die Frühen Hilfen.\n\nIn diesem Jahr erhalte das Land rund sechs Millionen Euro."
    )
    funding = grants(text, make_document)
    for amount in ("35 Millionen Euro", "sechs Millionen Euro"):
        assert (funding[amount].funder, funding[amount].recipient) == ("Bund", None), amount


def test_each_bulleted_item_names_its_own_funder(make_document: MakeDocument) -> None:
    """The guidance "durch die Landeskoordinierungsstelle" in one item does not pay for the
    lump sum of the next."""
    text = (
        "Die Stadt nimmt an der Landesinitiative „Kein Kind zurücklassen! Für ganz "
        "Nordrhein-Westfalen“ teil. Konkret besteht die Förderung aus\n\n  • einer Begleitung "
        "durch die Landeskoordinierungsstelle und\n  • der Finanzierung einer Koordinationsstelle "
        "durch eine Personalpauschale in Höhe von 30.000 Euro jährlich.\n"
    )
    (funding,) = extract_document(make_document(text)).funding
    assert (funding.amount_eur, funding.funder) == (30000.0, "Land Nordrhein-Westfalen")


def test_a_landschaftsverband_unit_pays_from_its_budget(make_document: MakeDocument) -> None:
    text = (
        "Mit diesem neuen Angebot unterstützt das LWL-Landesjugendamt die Vernetzung von "
        "Jugendämtern. Zwölf Projektstandorte erhalten bis zu 80.000 Euro."
    )
    (funding,) = extract_document(make_document(text)).funding
    assert funding.funder == "Landschaftsverband Westfalen-Lippe (LWL)"


def test_a_papers_passive_grant_to_its_providers(make_document: MakeDocument) -> None:
    """In a town's proposal, "Den Trägern werden … (rd. 79.000 €) erstattet" is the town's
    money ("rd." ends no sentence); a named giver ("vom Land") stays the funder."""
    text = (
        "Stadt Hilden\n\nBeschlussvorschlag:\n\nDen Trägern der Familienzentren werden jährlich "
        "die Kosten einer Fachkraft (rd. 79.000 €) erstattet sowie bis zu 25.000 € "
        "Projektmittel zur Verfügung gestellt."
    )
    assert {f.amount_eur: f.funder for f in extract_document(make_document(text)).funding} == {
        79000.0: "Hilden",
        25000.0: "Hilden",
    }
    by_land = "Stadt Hilden\n\nDen Trägern wird vom Land ein Zuschuss von 25.000 € gewährt."
    assert [f.funder for f in extract_document(make_document(by_land)).funding] == [
        "Land Nordrhein-Westfalen"
    ]


def test_an_empty_amount_of_a_form_grants_nothing(make_document: MakeDocument) -> None:
    text = (
        "Stadt Hilden\n\nFinanzielle Auswirkungen: Fördermittel des Landes: 0,00 EUR. Das Land "
        "fördert die Koordination mit 40.000 Euro."
    )
    assert [f.amount_eur for f in extract_document(make_document(text)).funding] == [40000.0]


def test_the_first_amount_a_named_town_receives_among_several(
    make_document: MakeDocument,
) -> None:
    """In a sentence of several amounts, the first one after the only town it names, joined to
    it by a receiving verb, is the town's; the budget it raises stays without recipient."""
    text = (
        "Um Familien besser zu helfen, erhält die Stadt Olpe für 2023 rund 12.000 Euro "
        "zusätzlich für die Frühen Hilfen – deren Budget damit auf 48.500 Euro steigt."
    )
    funding = {(f.amount_eur, f.recipient) for f in extract_document(make_document(text)).funding}
    assert funding == {(12000.0, "Olpe"), (48500.0, None)}


def test_grant_money_without_its_giver_went_to_the_towns_own_office(
    make_document: MakeDocument,
) -> None:
    """A town's paper on its own prevention office: "Fördermittel" it would have to pay back
    were received by the town, though no giver is named; a bare amount names no recipient."""
    text = (
        "Präventionskette in Lippstadt\n\nDer Rat der Stadt Lippstadt hat die Stelle der "
        "Koordination entfristet. Sonst drohte die Rückzahlung von Fördermitteln in Höhe von "
        "über 52.000 €. Die Stelle kostet 61.000 € im Jahr."
    )
    found = grants(text, make_document)
    assert found["52.000 €"].recipient == "Lippstadt"
    assert "61.000 €" not in found or found["61.000 €"].recipient is None


def test_a_programs_funds_named_without_an_amount(make_document: MakeDocument) -> None:
    """ "mit Fördermitteln aus dem Landesprogramm „kinderstark“": the Land's money to the town,
    its text the phrase; the town takes part in the program it is paid from."""
    text = (
        "Familienbüro in Lippstadt\n\nDie Stadt Lippstadt hat das Familienbüro 2021 mit "
        "Fördermitteln aus dem Landesprogramm „kinderstark – NRW schafft Chancen“ eröffnet."
    )
    extraction = extract_document(make_document(text))
    [grant] = extraction.funding
    assert grant.amount_eur is None
    assert grant.amount_text == (
        "Fördermitteln aus dem Landesprogramm „kinderstark – NRW schafft Chancen“"
    )
    assert (grant.funder, grant.recipient) == ("Land Nordrhein-Westfalen", "Lippstadt")
    assert {(p.municipality, p.program_key) for p in extraction.participations} == {
        ("Lippstadt", "kinderstark")
    }
    assert grants("Die Fördermittel sind beantragt.", make_document) == {}


def test_money_from_the_kreis_is_the_kreis_s(make_document: MakeDocument) -> None:
    text = (
        "Das Land fördert die neuen Familienzentren mit 13.000 Euro im Jahr. In den ersten "
        "zwei Jahren kommen noch rund 2.400 Euro jährlich vom Kreis Borken dazu."
    )
    funding = extract_document(make_document(text)).funding
    assert [(f.amount_eur, f.funder, f.recipient) for f in funding if f.amount_eur == 2400] == [
        (2400.0, "Kreis Borken", None)
    ]


def test_costs_that_fall_due_are_no_grant(make_document: MakeDocument) -> None:
    text = (
        "Das Schulministerium fördert die Familiengrundschulzentren. Pro Jahr fallen 88.000 "
        "Euro an Kosten für die Zentren an."
    )
    assert extract_document(make_document(text)).funding == ()


def test_shares_of_money_named_after_their_amounts(make_document: MakeDocument) -> None:
    text = (
        "Der Bund stellt für die Frühen Hilfen im Kreis Unna 96.000 Euro bereit. Im Einzelnen "
        "verteilen sich die Gelder für den Kreis Unna mit 21.500 Euro auf Bergkamen, mit "
        "40.250 Euro auf Lünen und mit 34.250 Euro auf Schwerte."
    )
    funding = extract_document(make_document(text)).funding
    assert [(f.amount_eur, f.recipient) for f in funding][1:] == [
        (21500.0, "Bergkamen"),
        (40250.0, "Lünen"),
        (34250.0, "Schwerte"),
    ]


def test_money_the_issuers_paper_names_no_party_for_is_the_issuers(
    make_document: MakeDocument,
) -> None:
    """A Vorlage's resolution makes money available without saying whose: the issuer's; money
    the sentence says someone receives is not the issuer's to give."""
    text = (
        "Beschlussvorlage der Stadt Hilden\n\nDer Rat der Stadt Hilden beschließt nach Vorberatung "
        "im Ausschuss für Finanzen und Beteiligungen die finanzielle Aufstockung der Frühen "
        "Hilfen um zusätzliche 17.000 € auf insgesamt 42.000 € für die Haushaltsjahre 2023 bis "
        "2026 über einen Änderungsantrag zum Haushalt für zusätzliche Mittel. Die ausgewählten "
        "Kommunen erhalten eine finanzielle Förderung zwischen 32.000 und 64.000 €."
    )
    funders = {t: f.funder for t, f in grants(text, make_document).items()}
    assert funders["17.000 €"] == funders["42.000 €"] == "Hilden"
    assert funders["32.000"] is None and funders["64.000 €"] is None


@pytest.mark.parametrize(
    ("text", "amount", "funder"),
    [
        (
            "Rund 120.000 Euro steckt die Stadt Bottrop in die Familienorte.",
            "120.000 Euro",
            "Bottrop",
        ),
        ("Der größte Anteil kommt vom Land NRW (100.000 Euro).", "100.000 Euro", LAND),
        ("Dafür überweist das Land insgesamt 32.000 Euro.", "32.000 Euro", LAND),
        ("„NRW steuert dafür künftig 30.000 Euro pro Jahr bei.“", "30.000 Euro", LAND),
        (
            "Die StädteRegion Aachen stellt Teilhabemanager ein. Die Städteregion investiert "
            "200.000 Euro.",
            "200.000 Euro",
            "Städteregion Aachen",
        ),
    ],
)
def test_verbs_of_giving_in_the_press(
    make_document: MakeDocument, text: str, amount: str, funder: str
) -> None:
    assert grants(text, make_document)[amount].funder == funder


def test_money_put_into_the_towns_own_budget_is_the_towns(make_document: MakeDocument) -> None:
    text = (
        "Antrag zur Sitzung des Rates der Stadt Duisburg\n\nDie Stadtverwaltung wird gebeten, im "
        "städtischen Haushalt ab dem Jahr 2024 weitere Mittel in Höhe von 150.000 EUR für die "
        "Frühen Hilfen einzustellen."
    )
    (funding,) = grants(text, make_document).values()
    assert (funding.funder, funding.recipient) == ("Duisburg", None)
