"""A municipality that runs a program's network, office or offer, or has its money, takes part in
the program."""

from __future__ import annotations

from pkgraph.extract import extract_document
from tests.extract.conftest import MakeDocument


def participations(make_document: MakeDocument, text: str) -> set[tuple[str, str]]:
    extraction = extract_document(make_document(text))
    return {(p.municipality, p.program_key) for p in extraction.participations}


def in_fruehe_hilfen(make_document: MakeDocument, text: str) -> set[str]:
    extraction = extract_document(make_document(text))
    return {p.municipality for p in extraction.participations if p.program_key == "fruehe-hilfen"}


def test_the_network_of_the_town_a_press_article_is_about(make_document: MakeDocument) -> None:
    text = (
        "Ratingen. Noch besser aufs Kindeswohl achten: Rund 80 Fachleute kamen zum Fachtag ins "
        "Rathaus Ratingen.\n\n2012 wurde das Netzwerk Frühe Hilfen gegründet. Seitdem treffen "
        "sich Hebammen, Kinderärzte und Kitas zweimal im Jahr."
    )
    assert in_fruehe_hilfen(make_document, text) == {"Ratingen"}


def test_the_owner_named_after_the_network(make_document: MakeDocument) -> None:
    text = (
        "Familien stärken von Anfang an\n\nDas Netzwerk „Frühe Hilfen“ der Stadt Hamm "
        "unterstützt junge Familien schon während der Schwangerschaft. Dafür arbeiten "
        "Beratungsstellen, Kliniken und Hebammen in Hamm und Unna zusammen."
    )
    assert in_fruehe_hilfen(make_document, text) == {"Hamm"}


def test_the_town_whose_office_coordinates(make_document: MakeDocument) -> None:
    text = (
        "Babybesuche für alle Neugeborenen\n\nDie städtische Fachstelle „Frühe Hilfen“ "
        "koordiniert die Besuche. In Mönchengladbach wurden 2023 mehr als 2.000 Familien "
        "besucht, berichtet die Stadt Mönchengladbach."
    )
    assert in_fruehe_hilfen(make_document, text) == {"Mönchengladbach"}


def test_a_state_office_is_no_towns_instrument(make_document: MakeDocument) -> None:
    text = (
        "Ratingen. Die Landeskoordinierungsstelle Frühe Hilfen berät die Jugendämter in "
        "Nordrhein-Westfalen. Am Fachtag im Rathaus Ratingen nahmen 80 Fachleute teil."
    )
    assert in_fruehe_hilfen(make_document, text) == set()


def test_a_programs_money_in_a_text_about_one_town(make_document: MakeDocument) -> None:
    text = (
        "Hagen (pm). Die Stadt Hagen baut ihre Frühen Hilfen aus. Darüber hinaus stehen "
        "64.200 Euro aus dem Landesprogramm „kinderstark – NRW schafft Chancen“ zur Verfügung. "
        "Unterstützt durch das Förderprogramm des Landes „kinderstark“ entstehen zwei Familienorte."
    )
    found = participations(make_document, text)
    assert ("Hagen", "kinderstark") in found


def test_a_grant_from_a_program_in_a_text_about_one_town(make_document: MakeDocument) -> None:
    text = (
        "Lünen (pm). In der Stadt Lünen öffnet ein Familienbüro. Ausschlaggebend war eine "
        "Landesförderung aus dem Projekt „kinderstark – NRW schafft Chancen“."
    )
    found = participations(make_document, text)
    assert found == {("Lünen", "kinderstark")}


def test_the_town_whose_prevention_chain_someone_coordinates(make_document: MakeDocument) -> None:
    text = (
        "Das Land fördert die „Kommunalen Präventionsketten“. Frau Meier vom Jugendamt ist "
        "Koordinatorin für den Aufbau der Präventionskette in Moers und lud zum Workshop ein. "
        "Ein Vortrag kam aus Wesel."
    )
    found = participations(make_document, text)
    assert found == {("Moers", "kommunale-praeventionsketten")}


def test_work_within_a_state_program_is_the_towns_part_in_it(make_document: MakeDocument) -> None:
    """ "im Rahmen des Projekts kinderstark" in a text about one town; work "im Rahmen" of a
    program the catalogue does not know says less."""
    text = (
        "Solingen. Im Rahmen des Projekts kinderstark NRW wird das Leitbild zum guten Aufwachsen "
        "weiterentwickelt. Im Rahmen des Projekts „Stadtumbau West“ entstehen Spielplätze."
    )
    assert participations(make_document, text) == {("Solingen", "kinderstark")}
