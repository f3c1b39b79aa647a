"""Participation words that come with money and grants, and towns that are only a seat."""

from __future__ import annotations

from pkgraph.extract import extract_document
from pkgraph.extract.participation_cues import CUE
from tests.extract.conftest import MakeDocument


def participants(make_document: MakeDocument, text: str) -> set[str]:
    return {p.municipality for p in extract_document(make_document(text)).participations}


def test_money_in_millions_received_is_a_participation_word() -> None:
    assert CUE.search("Allein in Gladbeck erhielten drei Projekte rund 1,2 Millionen Euro.")
    assert CUE.search("Der Kreis bekommt 2 Mio. € für die Koordination.")


def test_a_towns_projects_funded_take_part_and_receive_the_money(
    make_document: MakeDocument,
) -> None:
    text = (
        "Startschuss für „kinderstark – NRW schafft Chancen“: Die Ministerin sprach mit "
        "Fachkräften aus Bochum und Herne. Die Herner Projekte werden bis 2022 mit insgesamt "
        "640.000 Euro gefördert."
    )
    extraction = extract_document(make_document(text))
    assert {(p.municipality, p.program_key) for p in extraction.participations} == {
        ("Herne", "kinderstark")
    }
    assert [(f.amount_eur, f.recipient) for f in extraction.funding] == [(640000.0, "Herne")]


def test_a_grant_notice_states_a_participation(make_document: MakeDocument) -> None:
    text = (
        "Der Staatssekretär überreichte der Stadt Bocholt am Montag den Förderbescheid für das "
        "Landesprogramm „Zusammen im Quartier – Kinder stärken – Zukunft sichern“."
    )
    assert participants(make_document, text) == {"Bocholt"}


def test_the_seat_of_a_state_authority_takes_no_part(make_document: MakeDocument) -> None:
    text = (
        "Für „kinderstark – NRW schafft Chancen“ hat die Stadt Ibbenbüren beim Landesjugendamt "
        "Münster einen Antrag gestellt und einen Zuwendungsbescheid erhalten."
    )
    assert participants(make_document, text) == {"Ibbenbüren"}


def test_partners_of_a_participation_stated_as_a_fact_take_part(
    make_document: MakeDocument,
) -> None:
    text = (
        "Der Landrat freut sich über die Nachricht aus Düsseldorf, dass der Kreis Borken "
        "gemeinsam mit den Städten Bocholt und Ahaus am Landesprogramm „kinderstark – NRW "
        "schafft Chancen“ teilnehmen wird."
    )
    assert participants(make_document, text) == {"Kreis Borken", "Bocholt", "Ahaus"}


def test_partners_of_an_application_are_the_applicants_partners(
    make_document: MakeDocument,
) -> None:
    text = (
        "Der Kreis Borken bewirbt sich gemeinsam mit den Städten Bocholt und Ahaus um die "
        "Teilnahme am Landesprogramm „kinderstark – NRW schafft Chancen“."
    )
    assert participants(make_document, text) == {"Kreis Borken"}


def test_members_of_a_programs_working_group_take_part(make_document: MakeDocument) -> None:
    text = (
        "Das Netzwerk Frühe Hilfen im Kreis Mettmann traf sich im Rathaus. Dem Netzwerk "
        "gehören Erkrath, Haan, Hilden und Langenfeld an. Der Kreis Mettmann gehören zehn "
        "Städte an."
    )
    found = participants(make_document, text)
    assert {"Erkrath", "Haan", "Hilden", "Langenfeld (Rheinland)"} <= found


def test_the_town_a_text_without_issuer_is_about_as_die_stadt(make_document: MakeDocument) -> None:
    text = (
        "Familienbüro in Meerbusch eröffnet\n\nMeerbusch. Das Familienbüro in Meerbusch berät "
        "seit Montag Eltern. Schließlich beteiligte sich die Stadt 2020 am Landesprogramm "
        "„kinderstark – NRW schafft Chancen“."
    )
    assert participants(make_document, text) == {"Meerbusch"}


def test_a_town_starting_a_program_or_its_projects_arising_there(
    make_document: MakeDocument,
) -> None:
    text = (
        "Bereits 2008 hat Marl das Projekt „Frühe Hilfen“ gestartet. Im Zuge des Landesprogramms "
        "„kinderstark – NRW schafft Chancen“ sind auch in Herne viele neue Projekte entstanden."
    )
    found = {
        (p.municipality, p.program_key)
        for p in extract_document(make_document(text)).participations
    }
    assert found == {("Marl", "fruehe-hilfen"), ("Herne", "kinderstark")}


def test_the_seat_of_an_association_takes_no_part(make_document: MakeDocument) -> None:
    text = (
        "Zum Ausbau der Frühen Hilfen beteiligt sich der Kreis Borken ab 2021 an der "
        "Koordinationsstelle des Bunten Kreises Münsterland e.V., Ahaus."
    )
    assert participants(make_document, text) == {"Kreis Borken"}


def test_a_participation_in_a_bulleted_list_without_full_stops(
    make_document: MakeDocument,
) -> None:
    text = (
        "Ausgangslage\n\n  • Viele Eltern haben Probleme, die Kosten stiegen an\n  • Die Stadt "
        'Viersen ist eine der 40 teilnehmenden Kommunen am Vorhaben „Kein Kind zurücklassen!" '
        "für ganz Nordrhein-Westfalen.\n  • In Krefeld gibt es das Projekt seit 2010"
    )
    assert participants(make_document, text) == {"Viersen"}


def test_the_youth_offices_a_programs_offer_serves_or_that_run_it_take_part(
    make_document: MakeDocument,
) -> None:
    served = (
        "Kreis Viersen\n\nBeschlussvorschlag:\nDer Kreisjugendhilfeausschuss stimmt dem Einsatz "
        "der Familienhebammen der Frühen Hilfen in den Jugendamtsbezirken Brüggen, Niederkrüchten "
        "und Schwalmtal zu."
    )
    assert {"Brüggen", "Niederkrüchten", "Schwalmtal"} <= participants(make_document, served)
    run = (
        "Entstanden ist die Fachstelle Frühe Hilfen 2012 durch eine Kooperation der Jugendämter "
        "der Städte Wesel und Hamminkeln."
    )
    assert participants(make_document, run) == {"Wesel", "Hamminkeln"}
    met = "Die Jugendämter der Städte Wesel und Moers tagten."
    assert participants(make_document, met) == set()
