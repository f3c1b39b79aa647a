"""Stated counts: what "how many" questions are answered by, and what is no count."""

from __future__ import annotations

import pytest

from pkgraph.extract.quantities import extract_quantities
from pkgraph.records import Document, Extraction
from tests.extract.conftest import MakeDocument, text_of


def counts(make_document: MakeDocument, text: str) -> list[tuple[float, str]]:
    document = make_document(text)
    return [(q.value, q.counted) for q in extract_quantities(text_of(document))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Insgesamt sind 52 Kommunen in NRW dem Aufruf gefolgt.", [(52, "Kommunen")]),
        ("Es profitieren bereits 28 rheinische Kommunen.", [(28, "rheinische Kommunen")]),
        ("Der Kreis ist einer von 22 Standorten.", [(22, "Standorten")]),
        ("Der Verbund besteht aus neun Zentren.", [(9, "Zentren")]),
        ("Es leben fast 70.000 jungen volljährigen Flüchtlinge in NRW.",
         [(70000, "jungen volljährigen Flüchtlinge")]),
        ("Gefördert wurden insgesamt 15 Städte und 3 Kreise.", [(15, "Städte"), (3, "Kreise")]),
        ("Es nahmen rund 15 Kinder- und Jugendeinrichtungen teil.",
         [(15, "Kinder- und Jugendeinrichtungen")]),
        ("Bereits über 50 Prozent der Jugendämter im Rheinland haben Mittel beantragt.",
         [(50, "Prozent der Jugendämter")]),
        ("Die Initiative ist auf drei Jahre angelegt.", [(3, "Jahre")]),
    ],
)  # fmt: skip
def test_counted_quantities(
    make_document: MakeDocument, text: str, expected: list[tuple[float, str]]
) -> None:
    assert counts(make_document, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Das Land stellt 32.000 Euro zur Verfügung.",
        "Die Konferenz findet am 26. März 2012 statt.",
        "Die Ausstellung öffnet um 13.30 Uhr.",
        "Die 2. Förderstaffel beginnt im Herbst.",
        "Im Jahr 2017 kamen die Kommunen hinzu.",
        "Grundlage ist § 8 SGB VIII, siehe Drucksache 17/316.",
        "Die Fachkraft arbeitet mit 19,5 Wochenstunden.",
    ],
)
def test_money_dates_times_ordinals_and_paragraphs_are_no_counts(
    make_document: MakeDocument, text: str
) -> None:
    assert counts(make_document, text) == []


def test_evidence_quotes_the_original_text(
    sample_documents: dict[str, Document], sample_extractions: dict[str, Extraction]
) -> None:
    quantities = sample_extractions["000"].quantities
    assert (130, "Teilnehmende") in [(q.value, q.counted) for q in quantities]
    original = sample_documents["000"].original_text
    for quantity in quantities:
        evidence = quantity.evidence
        assert original[evidence.start : evidence.end] == evidence.quote
        assert evidence.quote.endswith(quantity.counted.split()[-1])


def test_a_number_glued_to_a_name_is_no_count(make_document: MakeDocument) -> None:
    assert counts(make_document, "Das ist eine Aufgabe für die AG78 Schwelm.") == []
