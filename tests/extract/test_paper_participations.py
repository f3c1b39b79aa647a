"""A municipality's own council paper on its Frühe Hilfen is its part in the program."""

from __future__ import annotations

from pkgraph.extract import extract_document
from pkgraph.extract.paper_participations import LOCAL_FIELDS
from pkgraph.extract.program_catalogue import CATALOGUE_BY_KEY
from tests.extract.conftest import MakeDocument

PAPER = (
    "Vorlage für den Kreistag des Kreises Soest\n\n"
    "Betreff: Fortführung des Familienhebammendienstes\n\nBeschlussvorschlag:\n\n"
    "Der Familienhebammendienst im Rahmen der Bundesinitiative "
    "„Frühe Hilfen“ wird bis 2026 fortgeführt.\n\nSachverhalt:\n\nDie Familienhebammen des "
    "Jugendamtes begleiten Familien mit Säuglingen."
)


def frueh(make_document: MakeDocument, text: str) -> tuple[set[str], set[str]]:
    extraction = extract_document(make_document(text))
    authors = {m.name for m in extraction.municipalities if m.role == "author"}
    found = {p.municipality for p in extraction.participations if p.program_key == "fruehe-hilfen"}
    return authors, found


def test_a_towns_own_paper_deciding_on_its_fruehe_hilfen(make_document: MakeDocument) -> None:
    assert frueh(make_document, PAPER) == ({"Kreis Soest"}, {"Kreis Soest"})


def test_a_decision_the_paper_reports_of_a_ministry_is_not_the_towns(
    make_document: MakeDocument,
) -> None:
    reported = PAPER.replace(
        "Beschlussvorschlag:\n\nDer Familienhebammendienst im Rahmen der Bundesinitiative "
        "„Frühe Hilfen“ wird bis 2026 fortgeführt.",
        "Mitteilung:\n\nDas Bundesministerium für Familie, Senioren, Frauen und Jugend hat "
        "das Konzept der Bundesinitiative „Frühe Hilfen“ im Jahr 2014 genehmigt.",
    )
    authors, found = frueh(make_document, reported)
    assert authors == {"Kreis Soest"}
    assert found == set()


def test_the_local_fields_are_catalogued_programs() -> None:
    assert CATALOGUE_BY_KEY.keys() >= LOCAL_FIELDS


def test_a_kreis_paper_deciding_on_its_social_early_warning_system(
    make_document: MakeDocument,
) -> None:
    """The "Soziales Frühwarnsystem" is a network the municipality runs itself, too."""
    text = (
        "Vorlage für den Jugendhilfeausschuss des Kreises Soest\n\nBeschlussvorschlag:\n\n"
        "Der Bericht der Verwaltung zum Aufbau des Sozialen Frühwarnsystems wird zur Kenntnis "
        "genommen.\n\nSachverhalt:\n\nDas Soziale Frühwarnsystem verbindet Kitas und Jugendamt."
    )
    extraction = extract_document(make_document(text))
    found = {
        p.municipality
        for p in extraction.participations
        if p.program_key == "soziales-fruehwarnsystem"
    }
    assert found == {"Kreis Soest"}


def test_a_report_on_a_towns_own_fruehe_hilfen(make_document: MakeDocument) -> None:
    """A press report without an issuer speaks for the town of its dateline where it names the
    town's own services; a Fachtag held in the town hall does not (see the instrument tests)."""
    text = (
        "Iserlohn. Das Jugendamt lädt zur Aktionswoche der Frühen Hilfen ein. Die Frühen Hilfen "
        "begleiten Familien mit Babys; Fachkräfte stellen Angebote der Frühen Hilfen vor."
    )
    assert frueh(make_document, text) == (set(), {"Iserlohn"})
    held_there = (
        "Iserlohn. Zum Fachtag der Frühen Hilfen im Rathaus kamen 80 Fachleute. Die Frühen "
        "Hilfen in Nordrhein-Westfalen wachsen."
    )
    assert frueh(make_document, held_there) == (set(), set())
