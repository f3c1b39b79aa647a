from __future__ import annotations

from pkgraph.extract import extract_document
from pkgraph.extract.person_rosters import roster_members
from tests.extract.conftest import MakeDocument

MINUTES = (
    "Niederschrift\nüber die 21. Sitzung des Landesjugendhilfeausschusses\n"
    "am 21.02.2008 in Köln, Landeshaus\nAnwesend vom Gremium:\nCDU\nDünner, Johannes\n"
    "Natus-Can M.A., Astrid\nSPD\nDr. Rolle, Jürgen Vorsitzender\nberatende Mitglieder\n"
    "Hyeng, Peter für Pütz, Thomas\nPeil, Stefan (TOP 17)\nVerwaltung:\n"
    "Herr Landesrat Mertens\n\nT a g e s o r d n u n g\n1.\nAnerkennung der Tagesordnung, "
    "Bericht von Meier, Anna"
)


def test_an_attendance_list_names_its_members_given_name_first() -> None:
    members = [(m.name, m.role) for m in roster_members(MINUTES)]
    assert members == [
        ("Johannes Dünner", None),
        ("Astrid Natus-Can", None),
        ("Dr. Jürgen Rolle", "Vorsitzender"),
        ("Peter Hyeng", None),
        ("Thomas Pütz", None),
        ("Stefan Peil", None),
    ]
    for member in roster_members(MINUTES):  # the evidence is the line as written
        assert member.name.split()[-1] in MINUTES[member.start : member.end].split(",")[0]


def test_minutes_of_the_landschaftsverband_name_no_issuing_town(
    make_document: MakeDocument,
) -> None:
    extraction = extract_document(make_document(MINUTES))
    assert [(m.name, m.role) for m in extraction.municipalities] == [("Köln", "mentioned")]
    people = {p.name for p in extraction.persons}
    assert {"Johannes Dünner", "Dr. Jürgen Rolle", "Thomas Pütz", "Mertens"} <= people
    assert "Anna Meier" not in people  # no list outside the attendance block


def test_a_row_of_signatures_under_gezeichnet(make_document: MakeDocument) -> None:
    text = (
        "Die Verwaltung wird beauftragt, das Konzept umzusetzen.\n\ngezeichnet:\n\n"
        "                In Vertretung                 In Vertretung\n\n"
        "Richrath                   Molitor                   Adomat\n\nBegründung:\n\n"
        "Das Projekt Babylotsen ist bekannt."
    )
    people = {p.name for p in extract_document(make_document(text)).persons}
    assert people == {"Richrath", "Molitor", "Adomat"}
