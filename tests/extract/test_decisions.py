from __future__ import annotations

from pkgraph.extract import extract_document
from pkgraph.extract.decisions import decision_kind, find_sections, parse_vote
from pkgraph.records import Extraction, Vote
from tests.extract.conftest import MakeDocument


def test_kinds_from_verbs() -> None:
    assert decision_kind("Der Bericht wird zur Kenntnis genommen.") == "Kenntnisnahme"
    assert decision_kind("Dem Leitbild wird zugestimmt. Die Verwaltung wird beauftragt.") == (
        "Zustimmung"
    )
    assert decision_kind("Die Verwaltung wird beauftragt, ein Konzept vorzulegen.") == (
        "Beauftragung"
    )
    assert decision_kind("Der Rat beschließt die Teilnahme.") == "Beschluss"


def test_votes() -> None:
    assert parse_vote("Abstimmungsergebnis: Dafür: 0, Dagegen: 0") == Vote(0, 0, None)
    assert parse_vote("Ja-Stimmen: 31, Nein-Stimmen: 4, Enthaltungen: 2") == Vote(31, 4, 2)
    assert parse_vote("Der Beschluss erging einstimmig.") == Vote(None, 0, 0)
    assert parse_vote("Keine Angaben.") is None


def test_sections_end_at_the_next_heading() -> None:
    text = "Beschlussvorschlag:\n\nDer Rat stimmt zu.\n\nBegründung:\nWeil es gut ist."
    (section,) = find_sections(text)
    assert text[section.text_span.start : section.text_span.end].strip() == "Der Rat stimmt zu."


def test_proposal_with_consultation_table(make_document: MakeDocument) -> None:
    text = (
        "Beschlussvorlage\n\nBeratungsfolge\tDatum\n1.\tJugendhilfeausschuss\t14.03.2019\n"
        "2.\tRat der Gemeinde Nottuln\t28.03.2019\n\nBetreff: Kommunale Präventionsketten\n\n"
        "Beschlussvorschlag:\nDer Rat der Gemeinde Nottuln beschließt die Teilnahme an der "
        "Landesinitiative „Kommunale Präventionsketten“.\n\nBegründung:\nDie Gemeinde Nottuln "
        "möchte teilnehmen."
    )
    decisions = {(d.body, d.date, d.kind) for d in extract_document(make_document(text)).decisions}
    assert decisions == {
        ("Rat der Gemeinde Nottuln", "2019-03-28", "Beschluss"),
        ("Jugendhilfeausschuss (Nottuln)", "2019-03-14", "Beratung"),
    }


def test_no_body_no_decision(make_document: MakeDocument) -> None:
    text = "Sitzungsvorlage\n\nBeschlussvorschlag:\nDer Bericht wird zur Kenntnis genommen.\n"
    assert extract_document(make_document(text)).decisions == ()


def test_reported_decisions_need_a_date_and_no_modal(make_document: MakeDocument) -> None:
    text = (
        "Der Kreistag des Kreises Soest hat in der Sitzung vom 12.12.2018 dem Konzept "
        "zugestimmt (V-2018/117). Der Jugendhilfeausschuss soll am 01.02.2019 beschlossen werden."
    )
    (decision,) = extract_document(make_document(text)).decisions
    assert (decision.body, decision.date, decision.kind, decision.paper) == (
        "Kreistag (Kreis Soest)",
        "2018-12-12",
        "Zustimmung",
        "V-2018/117",
    )


def test_samples(sample_extractions: dict[str, Extraction]) -> None:
    (regensburg,) = sample_extractions["003"].decisions
    assert regensburg.body == "Kultur- und Schulsenat"
    assert regensburg.date == "2015-03-05"
    assert regensburg.vote == Vote(0, 0, None)
    assert regensburg.program_key == "kein-kind-zuruecklassen"
    (coesfeld,) = sample_extractions["001"].decisions
    assert (coesfeld.body, coesfeld.date, coesfeld.kind) == (
        "Kreistag (Kreis Coesfeld)",
        None,
        "Zustimmung",
    )


def test_votes_with_the_count_first() -> None:
    assert parse_vote("Abstimmungsergebnis: 12 Ja-Stimmen, 2 Nein-Stimmen, 1 Enthaltung") == (
        Vote(12, 2, 1)
    )
    assert parse_vote("mehrheitlich bei 3 Gegenstimmen und 2 Stimmenthaltungen") == Vote(None, 3, 2)
    # one text, one style: "2 Enthaltungen 0" is not two abstentions
    assert parse_vote("Dafür 10 Dagegen 2 Enthaltungen 0") == Vote(10, 2, 0)


def test_resolution_in_minutes_takes_the_sessions_date(make_document: MakeDocument) -> None:
    text = (
        "Stadt Hamm\n\nNiederschrift über die Sitzung des Ausschusses für Kinder, Jugend und "
        "Familie der Stadt Hamm am Mittwoch, 03.06.2020\n\nIn der Sitzung des Ausschusses "
        "für Kinder, Jugend und Familie am 12.05.2019 war berichtet worden.\n\nBeschluss:\n"
        "Der Ausschuss für Kinder, Jugend und Familie nimmt den Bericht zur Kenntnis.\n\n"
        "Abstimmungsergebnis: einstimmig\n"
    )
    (decision,) = extract_document(make_document(text)).decisions
    assert (decision.body, decision.date, decision.kind, decision.vote) == (
        "Ausschuss für Kinder, Jugend und Familie (Hamm)",
        "2020-06-03",
        "Kenntnisnahme",
        Vote(None, 0, 0),
    )


def test_a_proposal_does_not_take_a_session_date(make_document: MakeDocument) -> None:
    text = (
        "Stadt Hamm\n\nIn der Sitzung des Jugendhilfeausschusses der Stadt Hamm am 12.05.2019 "
        "wurde berichtet."
        "\n\nBeschlussvorschlag:\nDer Jugendhilfeausschuss nimmt den Bericht zur Kenntnis.\n"
    )
    (decision,) = extract_document(make_document(text)).decisions
    assert (decision.body, decision.date) == ("Jugendhilfeausschuss (Hamm)", None)


def test_minutes_keep_each_resolution_of_one_session(make_document: MakeDocument) -> None:
    text = (
        "Niederschrift über die 4. Sitzung des Rates der Stadt Ahlen am 03.05.2022\n\n"
        "TOP 5 Bericht Präventionskette\n\nBeschluss:\nDer Rat der Stadt Ahlen nimmt den "
        "Bericht zur Kenntnis.\n\nAbstimmungsergebnis: einstimmig\n\n"
        "TOP 6 Familienzentrum\n\nBeschluss:\nDer Rat der Stadt Ahlen beschließt die "
        "Einrichtung eines Familienzentrums.\n\nAbstimmungsergebnis: 30 Ja-Stimmen, "
        "5 Nein-Stimmen, 1 Enthaltung\n"
    )
    decisions = extract_document(make_document(text)).decisions
    assert [(d.body, d.date, d.kind, d.vote) for d in decisions] == [
        ("Rat der Stadt Ahlen", "2022-05-03", "Kenntnisnahme", Vote(None, 0, 0)),
        ("Rat der Stadt Ahlen", "2022-05-03", "Beschluss", Vote(30, 5, 1)),
    ]


def test_motion_heading_line_gives_a_proposed_decision(make_document: MakeDocument) -> None:
    text = (
        "# Antrag der Fraktion\n\nWir bitten, den Antrag auf die Tagesordnung der Sitzung des "
        "Kreistages am 09.11.2023 zu setzen.\n\n## Beschlussvorschlag\n\n"
        "Der Kreistag möge beschließen: "
        "Die Verwaltung wird beauftragt, ein Konzept für Familienbüros vorzulegen.\n\n"
        "## Begründung\n\nEs fehlt an Beratung.\n"
    )
    (decision,) = extract_document(make_document(text)).decisions
    assert (decision.date, decision.vote) == ("2023-11-09", None)
    assert decision.body.startswith("Kreistag")
    assert decision.text.startswith("Der Kreistag möge beschließen")
