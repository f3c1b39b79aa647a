"""The rows of a table that shares a grant out are fundings of their municipalities."""

from __future__ import annotations

from pkgraph.extract import extract_document
from tests.extract.conftest import MakeDocument

RELEASE = (
    "Gut 150.000 Euro für Familien im Kreis Steinfurt\n\n"
    "Mit dem Programm „kinderstark“ fördert das Land Nordrhein-Westfalen die Präventionsarbeit "
    "vor Ort. Die 151.200 Euro des Landes verteilen sich auf die Jugendämter im Kreis:\n\n"
    "Jugendamt\n\nBetrag\n\nEmsdetten\n\n     31.500,00 €\n\nGreven   27.300,00 €\n\n"
    "Kreisjugendamt Steinfurt\n\n     62.400,00 €\n\nRheine\n\n     30.000,00 €\n\n"
    "Gesamt\n\n   151.200,00 €\n\nZum Hintergrund: Das Programm läuft seit 2020."
)


def test_every_row_is_a_grant_of_the_land(make_document: MakeDocument) -> None:
    extraction = extract_document(make_document(RELEASE))
    rows = {(f.recipient, f.amount_eur, f.funder) for f in extraction.funding if f.recipient}
    land = "Land Nordrhein-Westfalen"
    assert rows == {
        ("Emsdetten", 31500.0, land),
        ("Greven", 27300.0, land),
        ("Kreis Steinfurt", 62400.0, land),
        ("Rheine", 30000.0, land),
    }
    in_program = {p.municipality for p in extraction.participations}
    assert {"Emsdetten", "Greven", "Rheine"} <= in_program


def test_a_list_of_costs_is_no_table_of_grants(make_document: MakeDocument) -> None:
    text = (
        "Die Kosten des Familienbüros verteilen sich wie folgt:\n\nPersonal\n\n   48.000 €\n\n"
        "Miete\n\n   12.000 €\n\nGesamt\n\n   60.000 €"
    )
    extraction = extract_document(make_document(text))
    assert {f.recipient for f in extraction.funding} <= {None}
