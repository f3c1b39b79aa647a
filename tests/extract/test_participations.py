from __future__ import annotations

from pkgraph.extract import extract_document
from pkgraph.records import Extraction
from tests.extract.conftest import MakeDocument


def pairs(extraction: Extraction) -> set[tuple[str, str]]:
    return {(p.municipality, p.program_key) for p in extraction.participations}


def test_cue_and_locative_participation(make_document: MakeDocument) -> None:
    text = (
        "Seit 2018 nimmt die Stadt Gelsenkirchen an der Landesinitiative „Kommunale "
        "Präventionsketten“ teil. Der Aufbau der Kommunalen Präventionskette im Kreis Lippe "
        "schreitet voran. Die Stadt Bottrop hat kein Interesse."
    )
    extraction = extract_document(make_document(text))
    assert pairs(extraction) == {
        ("Gelsenkirchen", "kommunale-praeventionsketten"),
        ("Kreis Lippe", "kommunale-praeventionsketten"),
    }
    since = {p.municipality: p.since for p in extraction.participations}
    assert since["Gelsenkirchen"] == "2018"


def test_negation_and_partners(make_document: MakeDocument) -> None:
    text = (
        "Im Rahmen der Landesinitiative „kinderstark – NRW schafft Chancen“ bewirbt sich der "
        "Kreis Wesel zusammen mit den Städten Moers und Dinslaken. Die Stadt Xanten nimmt nicht "
        "teil."
    )
    extraction = extract_document(make_document(text))
    assert pairs(extraction) == {("Kreis Wesel", "kinderstark")}
    (joint,) = extraction.joint_applications
    assert set(joint.municipalities) == {"Kreis Wesel", "Moers", "Dinslaken"}


def test_anaphoric_program_from_previous_sentence(make_document: MakeDocument) -> None:
    text = (
        "Das Modellvorhaben „Kein Kind zurücklassen“ startete 2012. Ausgewählt sind die Städte "
        "Arnsberg und Witten sowie der Kreis Düren."
    )
    assert pairs(extract_document(make_document(text))) == {
        ("Arnsberg", "kein-kind-zuruecklassen"),
        ("Witten", "kein-kind-zuruecklassen"),
        ("Kreis Düren", "kein-kind-zuruecklassen"),
    }


def test_project_owners_form_a_joint_application(sample_extractions: dict[str, Extraction]) -> None:
    extraction = sample_extractions["004"]
    assert ("Bergkamen", "kein-kind-zuruecklassen") in pairs(extraction)
    assert ("Kamen", "kein-kind-zuruecklassen") not in pairs(extraction)
    projects = [j for j in extraction.joint_applications if j.project_key]
    assert projects and projects[0].project_key == "bruecken-fuer-familien"
    assert {"Kamen", "Lünen", "Selm", "Werne", "Unna", "Kreis Unna"} <= set(
        projects[0].municipalities
    )
