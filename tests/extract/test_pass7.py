"""Pass 7: genre forms read on a seventh unseen set, each on sentences written for the test."""

from __future__ import annotations

import pytest

from pkgraph.extract import extract_document
from pkgraph.extract.decision_text import find_results, find_sections, parse_vote
from pkgraph.records import Extraction, Vote
from tests.extract.conftest import MakeDocument


def pairs(extraction: Extraction) -> set[tuple[str, str]]:
    return {(p.municipality, p.program_key) for p in extraction.participations}


# --- participations -----------------------------------------------------------------------------


def test_being_there_closes_the_clause(make_document: MakeDocument) -> None:
    text = (
        "Datum: 12.01.2021\nDas Landesprogramm „kinderstark – NRW schafft Chancen“ wächst. "
        "Neben Bochum sind auch die Städte Hamm und Herne, aber auch mehrere Kreise dabei."
    )
    assert pairs(extract_document(make_document(text))) == {
        ("Bochum", "kinderstark"),
        ("Hamm", "kinderstark"),
        ("Herne", "kinderstark"),
    }


def test_aber_auch_still_cuts_two_clauses(make_document: MakeDocument) -> None:
    text = (
        "Datum: 12.01.2021\nDie Stadt Bochum nimmt am Landesprogramm „kinderstark – NRW schafft "
        "Chancen“ teil, aber Hamm hat andere Pläne."
    )
    assert pairs(extract_document(make_document(text))) == {("Bochum", "kinderstark")}


def test_having_contributed_is_taking_part(make_document: MakeDocument) -> None:
    text = (
        "Datum: 03.03.2016\nZu den Kommunen, die am Programm „Teilhabe ermöglichen – Kommunale "
        "Netzwerke gegen Kinderarmut“ mitgewirkt haben, gehört auch die Stadt Hürth."
    )
    assert pairs(extract_document(make_document(text))) == {("Hürth", "teilhabe-ermoeglichen")}


@pytest.mark.parametrize(
    "text",
    [
        # the town where the group was presented is no member of it
        "Datum: 20.01.2017\nDie Ministerin hat gestern in Dortmund die neuen teilnehmenden "
        "Kommunen der Landesinitiative „Kommunale Präventionsketten“ vorgestellt.",
        # nor the host of their meeting
        "Datum: 20.01.2018\nZum Treffen der Landesinitiative „Kommunale Präventionsketten“ kamen "
        "die Koordinatoren der 40 teilnehmenden Kommunen auf Einladung des Ministeriums in Bochum "
        "zusammen.",
        # nor an exception to the participants
        "Datum: 20.01.2012\nBeim Projekt „Kein Kind zurücklassen“ sind alle Städte des Kreises "
        "(außer Olpe) dabei.",
        # nor the town officials come from
        "Datum: 20.01.2021\nBeim Auftakt von „kinderstark – NRW schafft Chancen“ haben "
        "Amtsleiter aus der Stadt Siegen durch ihre Teilnahme Interesse gezeigt.",
    ],
)
def test_places_and_exceptions_take_no_part(make_document: MakeDocument, text: str) -> None:
    assert pairs(extract_document(make_document(text))) == set()


def test_a_short_form_between_program_and_place(make_document: MakeDocument) -> None:
    text = (
        "Datum: 10.03.2017\nZum Start des Projekts „Kein Kind zurücklassen – in ganz NRW“ (KeKiz) "
        "in Velbert trafen sich alle Träger."
    )
    extraction = extract_document(make_document(text))
    assert pairs(extraction) == {("Velbert", "kein-kind-zuruecklassen-nrw")}


def test_darunter_naming_people_is_no_membership(make_document: MakeDocument) -> None:
    text = (
        "Datum: 10.03.2021\nZum Fachtag von „kinderstark – NRW schafft Chancen“ kamen viele "
        "Gäste, darunter Bürgermeister Uwe Muster aus der Stadt Soest."
    )
    assert pairs(extract_document(make_document(text))) == set()


# --- programs -----------------------------------------------------------------------------------


def test_program_names_in_other_forms(make_document: MakeDocument) -> None:
    text = (
        "Die Stadt nimmt am Programm „Teilhabe ermöglichen – kommunale Netzwerke\ngegen "
        "Kinderarmut“ teil. Das Projekt „Kein Kind zurücklassen – in ganz NRW“ beginnt."
    )
    keys = {p.key for p in extract_document(make_document(text)).programs}
    assert keys == {"teilhabe-ermoeglichen", "kein-kind-zuruecklassen-nrw"}


def test_in_ganz_nrw_after_the_name_picks_the_later_phase(make_document: MakeDocument) -> None:
    text = "Unser Projekt „Kein Kind zurücklassen – in ganz NRW“ startet. KeKiz hilft Familien."
    keys = {p.key for p in extract_document(make_document(text)).programs}
    assert keys == {"kein-kind-zuruecklassen-nrw"}


# --- decisions ----------------------------------------------------------------------------------


def test_a_dash_counts_no_votes() -> None:
    assert parse_vote("Abstimmungsergebnis:\n\nJa:\n\n9\n\nNein:\n\n-\n\nEnthaltung:\n\n-") == (
        Vote(9, 0, 0)
    )
    assert parse_vote("Ja: 9, Nein: 2") == Vote(9, 2, None)


def test_counts_alone_carry_a_motion() -> None:
    (carried,) = find_results("Abstimmungsergebnis:\nJa: 9\nNein: 1\n")
    assert carried.taken
    (lost,) = find_results("Abstimmungsergebnis:\nJa: 2\nNein: 11\n")
    assert not lost.taken


def test_minutes_opening_with_the_resolution(make_document: MakeDocument) -> None:
    text = (
        "Der Sozialausschuss empfiehlt dem Rat, dem Netzwerkvertrag zuzustimmen.\n\n"
        "Die Vorsitzende stellte die Vorlage zur Abstimmung.\n\n"
        "Abstimmungsergebnis:\n\nJa:\n\n11\n\nNein:\n\n-\n"
    )
    (decision,) = extract_document(make_document(text)).decisions
    assert decision.body is not None and decision.body.startswith("Sozialausschuss")
    assert decision.kind == "Empfehlung"
    assert decision.vote == Vote(11, 0, None)
    assert decision.text.startswith("Der Sozialausschuss empfiehlt")


def test_an_earlier_session_ends_the_proposal(make_document: MakeDocument) -> None:
    text = (
        "Beschluss: einstimmig beschlossen\n\nBeschlussvorschlag:\n\nDem Vertrag wird "
        "zugestimmt.\n\nDer Jugendhilfeausschuss hat in seiner Sitzung am 12.03.2019 "
        "entschieden, das Netzwerk einzurichten, und dem Vertrag zugestimmt.\n"
    )
    (section,) = find_sections(text)
    assert text[section.text_span.start : section.text_span.end].strip() == (
        "Dem Vertrag wird zugestimmt."
    )
    decisions = {(d.body, d.date) for d in extract_document(make_document(text)).decisions}
    assert decisions == {(None, None), ("Jugendhilfeausschuss", "2019-03-12")}


# --- persons ------------------------------------------------------------------------------------


def test_common_words_as_surnames_after_a_salutation_or_role(make_document: MakeDocument) -> None:
    text = (
        "Frau Klein antwortete, dass die Mittel bereitstehen. Sachkundige Bürgerin Schuster "
        "begrüßt den Antrag. Fachbereichsleiterin Jugend und Familie ist zuständig."
    )
    names = {p.name for p in extract_document(make_document(text)).persons}
    assert names == {"Klein", "Schuster"}


def test_a_role_with_a_lowercase_head_and_groups_that_are_no_persons(
    make_document: MakeDocument,
) -> None:
    text = (
        "„Wir lernen viel“, sagt Projektdirektorin Maren Muster. Zahlreiche Fachkräfte, darunter "
        "Landrat Otto Beispiel, kamen."
    )
    names = {p.name for p in extract_document(make_document(text)).persons}
    assert names == {"Maren Muster", "Otto Beispiel"}


# --- events -------------------------------------------------------------------------------------


def test_the_number_of_a_recurring_meeting_is_part_of_its_name(
    make_document: MakeDocument,
) -> None:
    text = "Zum 12. Netzwerktreffen am 14.05.2019 kamen alle Koordinatoren nach Unna."
    (event,) = extract_document(make_document(text)).events
    assert (event.name, event.date) == ("12. Netzwerktreffen", "2019-05-14")


def test_a_dateline_is_no_event_date(make_document: MakeDocument) -> None:
    text = (
        "Pressemitteilung\n14. März 2019\nFamilienbüro feiert\nZur Veranstaltung „Fünf Jahre "
        "Familienbüro“ lädt der Bürgermeister alle Eltern ein."
    )
    (event,) = extract_document(make_document(text)).events
    assert (event.name, event.date) == ("Veranstaltung „Fünf Jahre Familienbüro“", None)


# --- bodies -------------------------------------------------------------------------------------


def test_the_federal_foundation(make_document: MakeDocument) -> None:
    text = "Die Stadt erhält 80.000 Euro aus der Bundesstiftung Frühe Hilfen."
    bodies = {(b.name, b.kind) for b in extract_document(make_document(text)).bodies}
    assert ("Bundesstiftung Frühe Hilfen", "foundation") in bodies


def test_press_credits(make_document: MakeDocument) -> None:
    text = (
        "Für das Institut berichteten Eva Beispiel und Jan Muster. Redakteur Ole Probe sprach mit "
        "ihnen.\n\nPortrait von Lina Testfrau\n\nLina Testfrau\n\nTelefon"
    )
    names = {p.name for p in extract_document(make_document(text)).persons}
    assert names == {"Eva Beispiel", "Jan Muster", "Ole Probe", "Lina Testfrau"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Datum: 01.03.2021\nDie Stadt Bielefeld erhält eine Fördersumme von 120.000 € aus dem "
            "Landesprogramm „kinderstark – NRW schafft Chancen“.",
            {("Bielefeld", "kinderstark")},
        ),
        (
            "Datum: 01.03.2021\nDer Kreis Lippe nutzt die Förderung aus „kinderstark – NRW schafft "
            "Chancen“ seit 2020.",
            {("Kreis Lippe", "kinderstark")},
        ),
    ],
)
def test_receiving_and_using_a_grant(
    make_document: MakeDocument, text: str, expected: set[tuple[str, str]]
) -> None:
    assert pairs(extract_document(make_document(text))) == expected


def test_the_youth_office_of_a_kreis_paper_is_its_kreisjugendamt(
    make_document: MakeDocument,
) -> None:
    text = (
        "Herr Muster fragte, ob das Jugendamt am Programm teilnehmen werde. Die Teilnahme des "
        "Kreisjugendamtes sei offen."
    )
    bodies = [b.name for b in extract_document(make_document(text)).bodies]
    assert bodies == ["Kreisjugendamt"]


def test_a_person_in_the_role_they_act_in(make_document: MakeDocument) -> None:
    text = (
        "Den Workshop leitete Tina Beispiel als externe Moderatorin. Das Projekt, das Jan Muster "
        "als Begleiter betreut, läuft."
    )
    roles = {(p.name, p.role) for p in extract_document(make_document(text)).persons}
    assert roles == {("Tina Beispiel", "Moderatorin"), ("Jan Muster", "Begleiter")}


def test_state_youth_office_names(make_document: MakeDocument) -> None:
    text = (
        "Das LVR-Landesjugendamts Rheinland (LVR) berät die Städte. Das Landesjugendamt "
        "Rheinland ruft auf. Zum Verband gehört auch das Landesjugendamt."
    )
    bodies = {b.name for b in extract_document(make_document(text)).bodies}
    assert "LVR-Landesjugendamt Rheinland" in bodies
    assert "LVR-Landesjugendamt Rheinland (LVR)" not in bodies
    assert "Landesjugendamt" not in bodies
