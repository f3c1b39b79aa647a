from __future__ import annotations

from pkgraph.extract import extract_document
from pkgraph.records import Extraction
from tests.extract.conftest import MakeDocument


def people(text: str, make_document: MakeDocument) -> dict[str, tuple[str | None, str | None]]:
    extraction = extract_document(make_document(text))
    return {p.name: (p.role, p.organisation) for p in extraction.persons}


def test_titles_appositions_and_merging(make_document: MakeDocument) -> None:
    text = (
        "Landrätin Dr. Anna Beispielfrau eröffnete. Jens Mustermann, Leiter des Jugendamtes der "
        "Stadt Hamm, berichtete. Später dankte Frau Beispielfrau dem Team. Gemeinsam mit dem "
        "Landrat Uber das Verfahren beraten."
    )
    assert people(text, make_document) == {
        "Dr. Anna Beispielfrau": ("Landrätin", None),
        "Jens Mustermann": ("Leiter", "Jugendamt (Hamm)"),
    }


def test_signature_block(make_document: MakeDocument) -> None:
    text = (
        "Beschlussvorlage der Stadt Kamen\n\nDer Bürgermeister In Vertretung Lindemann "
        "Beigeordneter\n\nAmtsleiter Kowalski\tSachbearbeiterin Nowak\n"
    )
    assert people(text, make_document) == {
        "Lindemann": ("Beigeordneter", "Stadt Kamen"),
        "Kowalski": ("Amtsleiter", "Stadt Kamen"),
        "Nowak": ("Sachbearbeiterin", "Stadt Kamen"),
    }


def test_common_nouns_after_roles_are_not_people(make_document: MakeDocument) -> None:
    assert people("Fachbereichsleiter Jugendhilfe, Koordinatorin Prävention.", make_document) == {}


def test_samples(sample_extractions: dict[str, Extraction]) -> None:
    names = {p.name for p in sample_extractions["002"].persons}
    assert {"Ilona Heuchel", "Dr. Ralf Heinen", "Andreas Bothe", "Gudrun Schmidt"} <= names
    assert "Schmidt" not in names  # "Frau Schmidt" merged into the full name


def test_role_with_field_of_work_before_the_name(make_document: MakeDocument) -> None:
    text = "Anwesend:\nAmtsleiterin Schule, Sport und Kultur Henrike Vossberg,\nweitere Gäste"
    names = {p.name for p in extract_document(make_document(text)).persons}
    assert "Henrike Vossberg" in names


def test_long_role_with_salutation_before_the_name(make_document: MakeDocument) -> None:
    text = "Die Abteilungsleiterin für Kinder und Jugend, Frau Dr. Mareike Tenhagen, berichtet."
    (person,) = extract_document(make_document(text)).persons
    assert person.name == "Dr. Mareike Tenhagen"
    assert person.role is not None and person.role.startswith("Abteilungsleiterin")


def test_signature_name_over_role(make_document: MakeDocument) -> None:
    text = "Mit freundlichen Grüßen\n\nTobias Kleinhorst\nsozialpolitischer Sprecher\n"
    (person,) = extract_document(make_document(text)).persons
    assert (person.name, person.role) == ("Tobias Kleinhorst", "sozialpolitischer Sprecher")


def test_role_words_in_two_column_signature_are_not_names(make_document: MakeDocument) -> None:
    text = (
        "Jana Stemmer                        Olaf Rietkötter\n"
        "Vorsitzende                         Schriftführer\n"
    )
    names = {p.name for p in extract_document(make_document(text)).persons}
    assert not names & {"Schriftführer", "Vorsitzende"}
