from __future__ import annotations

import pytest

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


def members(extraction: Extraction) -> list[set[str]]:
    return [set(joint.municipalities) for joint in extraction.joint_applications]


def since_of(extraction: Extraction) -> dict[tuple[str, str], str | None]:
    return {(p.municipality, p.program_key): p.since for p in extraction.participations}


KREIS_UNNA_APPLICANTS = {"Bergkamen", "Kamen", "Lünen", "Selm", "Werne", "Unna", "Kreis Unna"}


def test_joining_the_kreis_application_adds_the_joiners(
    sample_extractions: dict[str, Extraction],
) -> None:
    # "Verbundwerbung des Kreises Unna zusammen mit den Städten Kamen, Lünen, Selm und Unna",
    # later "Die Verwaltungen der Städte Bergkamen und Werne ... haben sich der
    # Verbundbewerbung des Kreises angeschlossen" (the Kreis of the issuing Bergkamen)
    extraction = sample_extractions["004"]
    assert {"Kreis Unna", "Kamen", "Lünen", "Selm", "Unna"} in members(extraction)
    assert KREIS_UNNA_APPLICANTS in members(extraction)
    (joined,) = [j for j in extraction.joint_applications if "angeschlossen" in j.evidence.quote]
    assert set(joined.municipalities) == KREIS_UNNA_APPLICANTS


def test_issuing_town_taking_part_in_a_joint_project(
    sample_extractions: dict[str, Extraction],
) -> None:
    # "beschließt die Teilnahme der Stadt Bergkamen am Präventionsprojekt „Brücken für
    # Familien“ der Städte Kamen, Lünen, Selm und Werne, der Kreisstadt Unna sowie des Kreises"
    projects = [j for j in sample_extractions["004"].joint_applications if j.project_key]
    assert [set(j.municipalities) for j in projects] == [KREIS_UNNA_APPLICANTS]
    assert projects[0].project_key == "bruecken-fuer-familien"
    assert projects[0].program_key == "kein-kind-zuruecklassen"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Die Gemeinde Senden schließt sich der Verbundbewerbung des Kreises Coesfeld an.",
            {"Senden", "Kreis Coesfeld"},
        ),
        (
            "Die Städte Bottrop und Gladbeck haben eine gemeinsame Bewerbung für das Programm "
            "„kinderstark“ eingereicht.",
            {"Bottrop", "Gladbeck"},
        ),
        (
            "Das Kooperationsprojekt der Städte Emsdetten und Greven wird im Rahmen der "
            "„Kommunalen Präventionsketten“ gefördert.",
            {"Emsdetten", "Greven"},
        ),
        (
            "Die Stadt Hamm bewirbt sich gemeinsam mit der Stadt Werl um die Aufnahme in das "
            "Programm „kinderstark“.",
            {"Hamm", "Werl"},
        ),
    ],
)
def test_joint_application_phrasings(
    make_document: MakeDocument, text: str, expected: set[str]
) -> None:
    assert members(extract_document(make_document(text))) == [expected]


def test_joining_a_verbund_named_before(make_document: MakeDocument) -> None:
    text = (
        "Im Rahmen der Landesinitiative „kinderstark“ bewirbt sich die Stadt Dülmen zusammen "
        "mit der Stadt Haltern am See. Später haben sich die Gemeinden Nottuln und Havixbeck "
        "dem Verbund angeschlossen. Die Stadt Rheine beteiligt sich nicht am Verbund."
    )
    extraction = extract_document(make_document(text))
    assert members(extraction) == [
        {"Dülmen", "Haltern am See"},
        {"Dülmen", "Haltern am See", "Nottuln", "Havixbeck"},
    ]
    assert ("Rheine", "kinderstark") not in pairs(extraction)


def test_the_kreis_without_a_name_is_the_documents_kreis(make_document: MakeDocument) -> None:
    text = (
        "Sitzungsvorlage der Stadt Selm\n\nDie Städte Selm und Werne bilden für die "
        "„Kommunalen Präventionsketten“ gemeinsam mit dem Kreis einen Verbund."
    )
    assert members(extract_document(make_document(text))) == [{"Selm", "Werne", "Kreis Unna"}]


def test_a_list_of_selected_towns_is_no_joint_application(
    sample_extractions: dict[str, Extraction],
) -> None:
    for joint in sample_extractions["004"].joint_applications:
        assert "Arnsberg" not in joint.municipalities


def test_since_in_the_samples(sample_extractions: dict[str, Extraction]) -> None:
    kekiz = since_of(sample_extractions["004"])
    # "Das Projekt startet im Jahr 2012" in a paper of June 2012, a decision of July 2012
    assert {value for (_name, key), value in kekiz.items() if key == "kein-kind-zuruecklassen"} == {
        "2012"
    }
    bergkamen = next(
        p for p in sample_extractions["004"].participations if p.municipality == "Bergkamen"
    )
    assert "beschließt die Teilnahme" in bergkamen.evidence.quote
    arnsberg = next(
        p for p in sample_extractions["004"].participations if p.municipality == "Arnsberg"
    )
    assert arnsberg.since_evidence and "startet im Jahr 2012" in arnsberg.since_evidence.quote
    coesfeld = since_of(sample_extractions["000"])
    # "ist vereinbart worden, dass sich der Kreis Coesfeld an der Landesinitiative ... beteiligt"
    assert coesfeld[("Kreis Coesfeld", "gemeinsam-klappts")] == "2019"
    # "Die bisher an der Initiative beteiligten 40 Kommunen inklusive des Kreises Coesfeld"
    assert coesfeld[("Kreis Coesfeld", "kommunale-praeventionsketten")] is None
    # "seit diesem Jahr Koordinatorin ... in Ahlen" at a meeting on "Mittwoch, den 13.09." (2017)
    assert since_of(sample_extractions["002"])[("Ahlen", "kommunale-praeventionsketten")] == "2017"
    assert (
        since_of(sample_extractions["002"])[("Dinslaken", "kommunale-praeventionsketten")] is None
    )


@pytest.mark.parametrize(
    ("text", "since"),
    [
        (
            "Die Stadt Bochum nimmt seit Mai 2017 an den „Kommunalen Präventionsketten“ teil.",
            "2017-05",
        ),
        (
            "Die Stadt Herne ist der Landesinitiative „kinderstark“ zum 01.04.2020 beigetreten.",
            "2020-04-01",
        ),
        (
            "Die Stadt Hagen wurde im Jahr 2017 in das Programm „Kommunale Präventionsketten“ "
            "aufgenommen.",
            "2017",
        ),
        (
            "Die Stadt Siegen nimmt an den „Kommunalen Präventionsketten“ teil, die Förderung "
            "läuft bis 2022.",
            None,
        ),
        ("Die Stadt Bonn ist Modellkommune im Programm „Kein Kind zurücklassen“.", None),
    ],
)
def test_since_only_when_the_text_states_it(
    make_document: MakeDocument, text: str, since: str | None
) -> None:
    (participation,) = extract_document(
        make_document(f"Datum: 10.02.2020\n\n{text}")
    ).participations
    assert participation.since == since
    assert (participation.since_evidence is None) == (since is None)


def test_since_from_the_decision_to_take_part(make_document: MakeDocument) -> None:
    text = (
        "Beschlussvorlage\n\nBeratungsfolge\tDatum\n1.\tRat der Gemeinde Nottuln\t28.01.2021\n\n"
        "Beschlussvorschlag:\nDer Rat der Gemeinde Nottuln beschließt die Teilnahme an der "
        "Landesinitiative „kinderstark – NRW schafft Chancen“.\n"
    )
    (participation,) = extract_document(make_document(text)).participations
    assert (participation.municipality, participation.since) == ("Nottuln", "2021")


def test_since_from_the_programs_announced_start(make_document: MakeDocument) -> None:
    def since(dated: str) -> set[str | None]:
        text = (
            f"Datum: {dated}\n\nDas Modellvorhaben „Kein Kind zurücklassen“ startet im Jahr 2012 "
            "und läuft bis 2015. Ausgewählt sind die Städte Arnsberg und Witten."
        )
        return {p.since for p in extract_document(make_document(text)).participations}

    assert since("05.06.2012") == {"2012"}
    assert since("05.06.2014") == {None}  # a start long past says nothing about who joined when


def test_a_project_with_its_owners_named_stands_alone(make_document: MakeDocument) -> None:
    text = (
        "Im Rahmen der Landesinitiative „kinderstark“ bewirbt sich die Stadt Dülmen zusammen "
        "mit der Stadt Haltern am See. Daneben läuft das Kooperationsprojekt der Städte "
        "Emsdetten und Greven, an dem sich die Gemeinde Saerbeck beteiligt."
    )
    assert members(extract_document(make_document(text))) == [
        {"Dülmen", "Haltern am See"},
        {"Emsdetten", "Greven", "Saerbeck"},
    ]


def test_list_after_a_colon_takes_part(make_document: MakeDocument) -> None:
    text = (
        "Am Programm „kinderstark – NRW schafft Chancen“ wirken viele Kommunen mit.\n\n"
        "Folgende Kommunen haben sich dem Programm angeschlossen:\n\n"
        "Stadt Hamm\nKreis Soest\nStadt Lippstadt (Kreis Soest)\n\n"
        "Die Stadt Unna prüft ihre Möglichkeiten."
    )
    assert pairs(extract_document(make_document(text))) == {
        ("Hamm", "kinderstark"),
        ("Kreis Soest", "kinderstark"),
        ("Lippstadt", "kinderstark"),
    }


def test_both_towns_refers_to_the_two_named_before(make_document: MakeDocument) -> None:
    text = (
        "Die Stadt Bielefeld tauscht sich regelmäßig mit der Stadt Gütersloh und der Stadt "
        "Herford aus. Die beiden Städte nehmen ebenfalls an der Landesinitiative „Kommunale "
        "Präventionsketten“ teil."
    )
    assert pairs(extract_document(make_document(text))) >= {
        ("Gütersloh", "kommunale-praeventionsketten"),
        ("Herford", "kommunale-praeventionsketten"),
    }
    text_three = (
        "Die Städte Hagen, Witten und Hattingen treffen sich. Beide Städte nehmen an der "
        "Landesinitiative „Kommunale Präventionsketten“ teil."
    )
    assert pairs(extract_document(make_document(text_three))) == set()


def test_funding_source_context_gives_no_main_program(make_document: MakeDocument) -> None:
    text = (
        "Betreff: Netzwerk Frühe Hilfen im Kreis Borken\n\nDer Kreis richtet eine Stelle ein. "
        "Die Kosten werden zur Hälfte aus dem Europäischen Sozialfonds (ESF) gefördert. Den "
        "Rest tragen die beteiligten Gemeinden Velen und Raesfeld."
    )
    found = pairs(extract_document(make_document(text)))
    assert not {m for m, _program in found} & {"Velen", "Raesfeld"}


def test_participation_only_in_its_own_clause(make_document: MakeDocument) -> None:
    text = (
        "Die Stadt Monheim ist mit ihrem eigenen Modell seit Jahren bekannt, und die Städte "
        "Hilden und Haan nehmen an der Landesinitiative „Kommunale Präventionsketten“ teil."
    )
    assert pairs(extract_document(make_document(text))) == {
        ("Hilden", "kommunale-praeventionsketten"),
        ("Haan", "kommunale-praeventionsketten"),
    }
    inline_list = (
        "Teilnehmende Kommunen der Landesinitiative „Kommunale Präventionsketten“: "
        "Hilden, Haan und Monheim am Rhein."
    )
    assert len(pairs(extract_document(make_document(inline_list)))) == 3
