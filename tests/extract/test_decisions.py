from __future__ import annotations

import pytest

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
    """A recommendation without a body is no decision; a paper's Beschlussvorschlag is a
    proposal even when it names no body, unless another proposal names one (pass 7)."""
    text = "Beschlussempfehlung:\nDer Bericht wird zur Kenntnis genommen.\n"
    assert extract_document(make_document(text)).decisions == ()
    text = "Sitzungsvorlage\n\nBeschlussvorschlag:\nDer Bericht wird zur Kenntnis genommen.\n"
    (proposal,) = extract_document(make_document(text)).decisions
    assert (proposal.body, proposal.date, proposal.kind) == (None, None, "Kenntnisnahme")


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


def test_a_decision_reported_in_a_relative_clause_after_a_modal(
    make_document: MakeDocument,
) -> None:
    text = (
        "Stadt Bottrop\n\nDas Netzwerk soll das Konzept umsetzen, das der Rat bereits am 10. "
        "Oktober 2019 beschlossen hat. Der Ausschuss soll, wie geplant, am 01.02.2020 "
        "beschließen."
    )
    decisions = extract_document(make_document(text)).decisions
    assert [(d.body, d.date) for d in decisions] == [("Rat der Stadt Bottrop", "2019-10-10")]


def test_an_earlier_decision_dated_inside_the_papers_own_resolution(
    make_document: MakeDocument,
) -> None:
    text = (
        "Stadt Bottrop\nBeschlussvorlage\n\nBeschlussentwurf:\n\nDer Jugendhilfeausschuss "
        "beauftragt die Verwaltung, auf der Grundlage des am 07.05.2018 durch den Rat der Stadt "
        "Bottrop "
        "beschlossenen Fachkonzeptes neue Verträge abzuschließen.\n\nBegründung:\nDie Träger "
        "arbeiten gut."
    )
    decisions = extract_document(make_document(text)).decisions
    assert ("Rat der Stadt Bottrop", "2018-05-07") in {(d.body, d.date) for d in decisions}
    assert len(decisions) == 2


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


def test_votes_in_the_common_forms() -> None:
    assert parse_vote("Abstimmung: Ja: 11, Nein: 0, Enthaltungen: 0") == Vote(11, 0, 0)
    assert parse_vote("Der Ausschuss stimmt bei 2 Enthaltungen zu.") == Vote(None, None, 2)
    assert parse_vote("einstimmig bei einer Enthaltung beschlossen") == Vote(None, 0, 1)
    assert parse_vote("Einstimmig zugestimmt.") == Vote(None, 0, 0)
    assert parse_vote("Der Antrag wird mit großer Mehrheit angenommen.") == Vote(None, None, None)
    assert parse_vote("mehrheitlich bei zwei Gegenstimmen") == Vote(None, 2, None)
    assert parse_vote("dafür\n\n9\n\ndagegen:\n\n4\n\nEnth.: 1") == Vote(9, 4, 1)
    assert parse_vote("mehrheitlich abgelehnt\n3 Ja / 15 Nein / 1 Enthaltungen") == Vote(3, 15, 1)
    assert parse_vote("Der Rat beschließt ohne Gegenstimmen und ohne Enthaltungen.") == (
        Vote(None, 0, 0)
    )


def test_each_body_of_a_proposal_and_its_row(make_document: MakeDocument) -> None:
    text = (
        "Stadt Lünen\nVorlage - JA/0117/2022\n\nBeratungsfolge\n"
        "Status | Datum | Gremium | Beschluss |\n"
        "---|---|---|---|\n●\nGeplant\n|\n02.03.2022\n|\nAusschuss für Jugend und Soziales\n|\n"
        "Kenntnisnahme\n|\n●\nGeplant\n|\n15.03.2022\n|\nSchulausschuss\n|\nKenntnisnahme\n|\n\n"
        "Beschlussvorschlag:\n- Der Ausschuss für Jugend und Soziales nimmt den Bericht zur "
        "Präventionskette zur Kenntnis.\n- Der Schulausschuss nimmt den Bericht ebenfalls zur "
        "Kenntnis.\n\nSachverhalt:\nDie Stadt Lünen baut ihre Präventionskette aus, wie es die "
        "Stadt Lünen 2020 beschlossen hat.\n"
    )
    decisions = {(d.body, d.date, d.kind) for d in extract_document(make_document(text)).decisions}
    assert decisions == {
        ("Ausschuss für Jugend und Soziales (Lünen)", "2022-03-02", "Kenntnisnahme"),
        ("Schulausschuss (Lünen)", "2022-03-15", "Kenntnisnahme"),
    }


def test_a_recommendation_and_the_resolution_it_proposes(make_document: MakeDocument) -> None:
    text = (
        "Beschlussvorlage\n\nBeratungsfolge\n1.\tJugendhilfeausschuss\t04.05.2021\tVorberatung\n"
        "2.\tRat der Stadt Soest\t20.05.2021\tEntscheidung\n\nBeschlussvorschlag:\n"
        "Der Jugendhilfeausschuss empfiehlt dem Rat der Stadt Soest, folgenden Beschluss zu "
        "fassen:\nDer Rat der Stadt Soest beschließt, ein Familienbüro einzurichten.\n\n"
        "Begründung:\nDer Bedarf ist belegt.\n"
    )
    decisions = {(d.body, d.date, d.kind) for d in extract_document(make_document(text)).decisions}
    assert decisions == {
        ("Jugendhilfeausschuss (Soest)", "2021-05-04", "Empfehlung"),
        ("Rat der Stadt Soest", "2021-05-20", "Beschlussvorschlag"),
    }


def test_an_extract_of_minutes_without_a_body(make_document: MakeDocument) -> None:
    """A council system's TOP page: outcome, resolution and vote, but no body named."""
    text = (
        "Beschluss: einstimmig beschlossen\n\nFrau Peters erläutert das Konzept.\n\n"
        "Beschluss:\nDie Verwaltung wird beauftragt, das Präventionskonzept fortzuschreiben.\n\n"
        "Abstimmungsergebnis:\neinstimmig\n"
    )
    (decision,) = extract_document(make_document(text)).decisions
    assert (decision.body, decision.date, decision.kind, decision.vote) == (
        None,
        None,
        "Beauftragung",
        Vote(None, 0, 0),
    )


def test_a_result_line_alone_records_a_resolution(make_document: MakeDocument) -> None:
    text = "Beratungsergebnis: mehrheitlich beschlossen\n\nHerr Brandt stellt die Vorlage vor.\n"
    (decision,) = extract_document(make_document(text)).decisions
    assert (decision.body, decision.date, decision.vote) == (None, None, Vote(None, None, None))
    rejected = "Beratungsergebnis: abgelehnt\n\nHerr Brandt stellt die Vorlage vor.\n"
    assert extract_document(make_document(rejected)).decisions == ()


def test_labelled_session_of_an_extract(make_document: MakeDocument) -> None:
    text = (
        "Stadt Werne\nGremium: Ausschuss für Familie und Jugend der Stadt Werne\n"
        "Sitzung: 14.05.2019\n\n"
        "Beschluss:\nDer Ausschuss nimmt den Sachstand zu „kinderstark“ zur Kenntnis.\n\n"
        "Abstimmung: Ja: 13, Nein: 0, Enthaltungen: 1\n\nDie Stadt Werne informiert.\n"
    )
    (decision,) = extract_document(make_document(text)).decisions
    assert (decision.body, decision.date, decision.vote) == (
        "Ausschuss für Familie und Jugend (Werne)",
        "2019-05-14",
        Vote(13, 0, 1),
    )


def test_reported_decisions_of_a_named_subject(make_document: MakeDocument) -> None:
    text = (
        "Stadt Bocholt\n\nDer Jugendhilfeausschuss hat die Fortschreibung des Konzepts "
        "einstimmig beschlossen. Hat der Rat der Stadt Bocholt die Mittel bereits beschlossen? "
        "Über die Teilnahme wird der Rat der Stadt Bocholt beschließen müssen."
    )
    (decision,) = extract_document(make_document(text)).decisions
    assert (decision.body, decision.date, decision.vote) == (
        "Jugendhilfeausschuss (Bocholt)",
        None,
        Vote(None, 0, 0),
    )


def test_votes_in_a_table() -> None:
    assert parse_vote("Abstimmungsergebnis:\nJa | Nein | Enthaltungen\n14 | 2 | 1\n") == (
        Vote(14, 2, 1)
    )
    assert parse_vote("Dafür\tDagegen\tEnthaltung\n8\t0\t3") == Vote(8, 0, 3)


def test_press_report_of_a_committee_decision(make_document: MakeDocument) -> None:
    text = (
        "Kreis Borken. Einstimmig hat der Kreistag des Kreises Borken am 18.03.2021 "
        "beschlossen, sich an „kinderstark – NRW schafft Chancen“ zu beteiligen. Der "
        "Jugendhilfeausschuss hatte die Teilnahme in seiner Sitzung vom 02.03.2021 empfohlen."
    )
    decisions = {(d.body, d.date) for d in extract_document(make_document(text)).decisions}
    assert decisions == {
        ("Kreistag (Kreis Borken)", "2021-03-18"),
        ("Jugendhilfeausschuss (Kreis Borken)", "2021-03-02"),
    }


def test_an_extract_of_the_minutes_of_a_committee(make_document: MakeDocument) -> None:
    text = (
        "Auszug aus der Niederschrift des Jugendhilfeausschusses der Stadt Olpe vom 22.09.2020"
        "\n\nTOP 4 Präventionskette Olpe\n\nBeschlussvorschlag:\nDer Jugendhilfeausschuss "
        "empfiehlt dem Rat der Stadt Olpe, wie folgt zu beschließen:\nDer Rat der Stadt Olpe "
        "beschließt die Fortführung der Präventionskette in der Stadt Olpe.\n\n"
        "Abstimmungsergebnis: einstimmig bei 1 Enthaltung\n"
    )
    decisions = {
        (d.body, d.date, d.kind, d.vote) for d in extract_document(make_document(text)).decisions
    }
    assert decisions == {
        ("Jugendhilfeausschuss (Olpe)", "2020-09-22", "Empfehlung", Vote(None, 0, 1)),
        ("Rat der Stadt Olpe", None, "Beschlussvorschlag", None),
    }


def test_a_labelled_extract_of_a_session(make_document: MakeDocument) -> None:
    text = (
        "Auszug aus der Niederschrift\n\nGremium: Jugendhilfeausschuss Beschlussart: erledigt\n"
        "Datum: Di, 16.03.2021 Status: öffentlich\n\nBeschluss:\nDie Verwaltung wird beauftragt, "
        "die Teilnahme an „kinderstark“ vorzubereiten.\n\nAbstimmungsergebnis:\nJa: 12 Nein: 1 "
        "Enthaltung: 0\n"
    )
    (decision,) = extract_document(make_document(text)).decisions
    assert (decision.body, decision.date, decision.kind, decision.vote) == (
        "Jugendhilfeausschuss",
        "2021-03-16",
        "Beauftragung",
        Vote(12, 1, 0),
    )


def test_a_reported_decision_is_dated_by_its_session_not_its_effect(
    make_document: MakeDocument,
) -> None:
    text = (
        "Stadt Hattingen\n\nAm 14.06.2018 hatte der Rat der Stadt Hattingen beschlossen, die "
        "Elternbeiträge mit Wirkung zum 01.08.2018 zu senken."
    )
    (decision,) = extract_document(make_document(text)).decisions
    assert (decision.body, decision.date) == ("Rat der Stadt Hattingen", "2018-06-14")


def test_a_page_headed_by_its_gremium(make_document: MakeDocument) -> None:
    text = (
        "Ausschuss für Kinder, Jugend und Familie\n\nBeschluss: mehrheitlich beschlossen\n\n"
        "Abstimmung: Ja: 9, Nein: 2, Enthaltungen: 1\n\nFrau Yilmaz stellt das Konzept vor.\n"
    )
    (decision,) = extract_document(make_document(text)).decisions
    assert (decision.body, decision.date, decision.vote) == (
        "Ausschuss für Kinder, Jugend und Familie",
        None,
        Vote(9, 2, 1),
    )


def test_a_press_report_of_the_acts_of_one_session(make_document: MakeDocument) -> None:
    """A session named once, then its acts: a recommendation with the verb first, a passive
    vote without a body, another resolution in a later paragraph ("des Weiteren")."""
    text = (
        "Stadt Lippstadt\n\nSchulausschuss tagte\n\n"
        "Der Schulausschuss der Stadt Lippstadt hat in seiner Sitzung vom 14.03.2023 über den "
        "Schulentwicklungsplan beraten. Anschließend empfahl der Schulausschuss dem Rat, zwei "
        "weitere Familienzentren einzurichten. Den Anträgen der Fördervereine wurde ein "
        "zustimmendes Votum erteilt.\n\nFrau Beispiel dankte den Vereinen für ihr Engagement.\n\n"
        "Außerdem beschloss der Schulausschuss, die Ganztagsbetreuung auszubauen, sofern die "
        "Landesmittel ausreichen sollten."
    )
    decisions = extract_document(make_document(text)).decisions
    assert [(d.body, d.date, d.kind) for d in decisions] == [
        ("Schulausschuss (Lippstadt)", "2023-03-14", "Empfehlung"),
        ("Schulausschuss (Lippstadt)", "2023-03-14", "Votum"),
        ("Schulausschuss (Lippstadt)", "2023-03-14", "Beschluss"),
    ]


def test_session_acts_need_the_session_and_no_modal_in_their_clause(
    make_document: MakeDocument,
) -> None:
    # a passive decision without a session named before reports no one's decision; a body that
    # shall decide has not decided
    text = (
        "Gemeinde Nottuln\n\nDem Konzept wurde bereits zugestimmt. Der Rat soll in seiner "
        "Sitzung am 05.05.2022 beschließen, die Mittel bereitzustellen."
    )
    assert extract_document(make_document(text)).decisions == ()


def test_simple_past_report_with_its_own_date(make_document: MakeDocument) -> None:
    text = (
        "Kreis Soest\n\nAm 09.02.2021 stimmte der Kreistag des Kreises Soest dem Antrag auf "
        "Teilnahme zu. Am 02.02.2021 beschloss der Jugendhilfeausschuss die Empfehlung."
    )
    decisions = {(d.body, d.date, d.kind) for d in extract_document(make_document(text)).decisions}
    assert decisions == {
        ("Kreistag (Kreis Soest)", "2021-02-09", "Beschluss"),
        ("Jugendhilfeausschuss (Kreis Soest)", "2021-02-02", "Beschluss"),
    }


def test_a_resolution_text_above_its_result_line(make_document: MakeDocument) -> None:
    """A TOP extract: the resolution's text, then "Beschluss: einstimmig" — no body, no date."""
    text = (
        "Der Fachbereich Soziales wird beauftragt, ein Konzept für Familienbüros zu erarbeiten "
        "und im Herbst vorzulegen.\nBeschluss: einstimmig\n"
    )
    (decision,) = extract_document(make_document(text)).decisions
    assert (decision.body, decision.date, decision.kind) == (None, None, "Beauftragung")
    assert decision.text.startswith("Der Fachbereich Soziales wird beauftragt")
    assert decision.vote is not None and decision.vote.no == 0


def test_a_participle_adjective_is_no_reported_decision(make_document: MakeDocument) -> None:
    text = (
        "Stadt Hamm\n\nDer Jugendhilfeausschuss wurde am 12.03.2020 über die bewilligten Mittel "
        "informiert. Der Ausschuss für Soziales erhielt am 19.03.2020 die genehmigten Pläne."
    )
    assert extract_document(make_document(text)).decisions == ()


def test_a_heading_naming_two_sections(make_document: MakeDocument) -> None:
    text = (
        "Vorlage 469/20\nBeschlussvorlage\n\nBeschlussvorschlag/Empfehlung:\n\n"
        "Der Jugendhilfeausschuss nimmt die Ausführungen zum Projekt „kinderstark“ zur "
        "Kenntnis.\n\nBegründung:\n\nDie Stadt Rheine hat einen Förderbescheid erhalten."
    )
    decisions = extract_document(make_document(text)).decisions
    assert [d.kind for d in decisions] == ["Kenntnisnahme"]


@pytest.mark.parametrize(
    ("text", "body"),
    [
        (
            "Vorbemerkung der Kleinen Anfrage: Nach ausführlicher Diskussion hatte der Rat der "
            "Stadt Dinslaken mit großer Mehrheit beschlossen, sich am Landesprojekt zu "
            "beteiligen.",
            "Rat der Stadt Dinslaken",
        ),
        (
            "Die Strategie haben der Jugendhilfeausschuss und der Rat der Stadt Meerbusch "
            "bereits 2015 zustimmend zur Kenntnis genommen.",
            "Rat der Stadt Meerbusch",
        ),
        (
            "Bereits im Jahr 2016 hat der LVR-Landesjugendhilfeausschuss die Verstetigung der "
            "Koordinationsstelle beschlossen.",
            "LVR-Landesjugendhilfeausschuss",
        ),
    ],
)
def test_reports_in_the_pluperfect_with_two_subjects_or_a_prefixed_body(
    make_document: MakeDocument, text: str, body: str
) -> None:
    decisions = extract_document(make_document(text)).decisions
    assert body in {d.body for d in decisions}


def test_a_resolution_taken_in_a_session_named_before(make_document: MakeDocument) -> None:
    text = (
        "In der Sitzung des Jugendhilfeausschusses am 14.02.2013 ist das Konzept vorgestellt "
        "worden. Dazu wurde der Beschluss gefasst, eine Familienhebamme einzusetzen."
    )
    decisions = extract_document(make_document(text)).decisions
    assert [(d.body, d.date) for d in decisions] == [("Jugendhilfeausschuss", "2013-02-14")]


def test_a_proposal_headed_with_the_body_it_is_put_to(make_document: MakeDocument) -> None:
    """The body in the heading proposes; a body the text mandates ("wird ... beauftragt")
    decides nothing; the paper's own proposal before it, which names no body, is one too."""
    text = (
        "Sitzungsvorlage des Kreises Borken\n\nBeschlussvorschlag:\n\nDer Bericht wird zur "
        "Kenntnis genommen.\n\nBeschlussvorschlag für den Jugendhilfeausschuss:\n\nDer "
        "Unterausschuss Jugendhilfeplanung wird mit der Beratung zu den Kommunalen "
        "Präventionsketten beauftragt.\n\nBegründung:\n\nDer Kreis nimmt am Programm teil."
    )
    decisions = extract_document(make_document(text)).decisions
    assert [(d.body, d.kind) for d in decisions] == [
        ("Jugendhilfeausschuss (Kreis Borken)", "Beschlussvorschlag"),
        (None, "Kenntnisnahme"),
    ]
    assert "Unterausschuss Jugendhilfeplanung wird" in decisions[0].text
    assert decisions[1].text.startswith("Der Bericht wird zur Kenntnis genommen.")


def test_a_report_right_after_the_papers_own_section(make_document: MakeDocument) -> None:
    """The line break that ends the Beschlussentwurf does not make the next sentence part
    of it: the decision reported there counts."""
    text = (
        "Vorlage der Stadt Erftstadt\n\nBeschlussentwurf:\nDer Bericht wird zur Kenntnis "
        "genommen.\nBegründung:\nMit dem Gesetz wurde durch den Jugendhilfeausschuss am "
        "06.02.2013 die Konzeption der Frühen Hilfen verabschiedet."
    )
    decisions = extract_document(make_document(text)).decisions
    assert ("Jugendhilfeausschuss (Erftstadt)", "2013-02-06") in {
        (d.body, d.date) for d in decisions
    }


def test_motions_of_a_kreistag_group(make_document: MakeDocument) -> None:
    """A motion proposes a resolution to the sessions it is put to; the group's paper belongs
    to its Kreis."""
    with_colon = (
        "Pressemitteilungen der SPD-Kreistagsfraktion Borken\n\nAntrag zum Kreishaushalt\n\n"
        "An den Landrat des Kreises Borken 12.01.2016 Sitzung des Jugendhilfeausschusses am "
        "03.02.2016 Sitzung des Kreistages am 10.03.2016 hier: Präventionskette. Die "
        "SPD-Kreistagsfraktion beantragt deshalb: Der Kreistag beauftragt die Verwaltung, ein "
        "Konzept für eine kommunale Präventionskette zu entwickeln."
    )
    extraction = extract_document(make_document(with_colon))
    assert [(m.name, m.role) for m in extraction.municipalities] == [("Kreis Borken", "author")]
    assert [(d.body, d.date, d.kind) for d in extraction.decisions] == [
        ("Kreistag (Kreis Borken)", "2016-03-10", "Antrag")
    ]
    to_sessions = (
        "Die Fraktion im Kreistag Steinfurt beantragt für die nächste Sitzung des "
        "Kreisausschusses am 19.11.2019 sowie des Jugendhilfeausschusses am 18.11.2019 die "
        "Verwaltung zu beauftragen, die Teilnahme am Landesprogramm zu prüfen."
    )
    extraction = extract_document(make_document(to_sessions))
    assert sorted((d.body, d.date) for d in extraction.decisions) == [
        ("Jugendhilfeausschuss (Kreis Steinfurt)", "2019-11-18"),
        ("Kreisausschuss (Kreis Steinfurt)", "2019-11-19"),
    ]


def test_a_simple_past_reports_a_decision_without_its_date(make_document: MakeDocument) -> None:
    text = (
        "Die Stadt Bonn nimmt seit Juli 2020 am Landesprogramm „kinderstark – NRW schafft "
        "Chancen“ teil. Nun beschloss der Rat das gemeinsam erarbeitete Präventionsleitbild. "
        "Der Ausschuss soll das Leitbild beschließen."
    )
    decisions = extract_document(make_document(text)).decisions
    assert [(d.body, d.date) for d in decisions] == [("Rat der Stadt Bonn", None)]


def test_a_motion_headed_antrag_is_a_proposal_of_its_town(make_document: MakeDocument) -> None:
    text = (
        "Antrag: Präventionssystem in den Modellregionen\n\nSitzung am 21.02.2013\nAntrag:\n\n"
        "Die Verwaltung wird beauftragt, im Ausschuss über das Projekt „Kein Kind zurücklassen“ "
        "zu berichten.\n\nBegründung:\n\nDüsseldorf verfügt über viele Präventionsbausteine. Im "
        "Rahmen der Teilnahme an dem Modellvorhaben „Kein Kind zurücklassen – Kommunen in NRW "
        "beugen vor“ wird die Landeshauptstadt ihre Angebote ausbauen."
    )
    extraction = extract_document(make_document(text))
    assert [(d.body, d.date, d.kind) for d in extraction.decisions] == [
        (None, "2013-02-21", "Antrag")
    ]
    assert [(m.name, m.role) for m in extraction.municipalities] == [("Düsseldorf", "author")]
    assert [p.municipality for p in extraction.participations] == ["Düsseldorf"]


def test_a_motion_put_on_a_sessions_agenda(make_document: MakeDocument) -> None:
    text = (
        "Familienhebammen in Düsseldorf\n\nSehr geehrte Frau Vorsitzende,\n\nim Namen der "
        "SPD-Ratsfraktion bitten wir Sie, folgenden Antrag auf die Tagesordnung des "
        "Jugendhilfeausschusses am 12.02.2019 zu setzen und abstimmen zu lassen:\n\nDie "
        "Verwaltung wird gebeten, das Themenfeld Familienhebammen vorzustellen.\n\n"
        "Sachdarstellung\nDie Familienhebammen sind ein präventives Angebot."
    )
    decisions = extract_document(make_document(text)).decisions
    assert [(d.body, d.date, d.kind) for d in decisions] == [
        ("Jugendhilfeausschuss (Düsseldorf)", "2019-02-12", "Antrag")
    ]


def test_a_report_in_reported_speech(make_document: MakeDocument) -> None:
    text = (
        "Die Landesregierung legt ein Konzept vor. Das Bundesministerium für Familie, Senioren, "
        "Frauen und Jugend habe das Konzept im Jahr 2014 erneut genehmigt."
    )
    decisions = extract_document(make_document(text)).decisions
    assert [(d.body, d.kind) for d in decisions] == [
        ("Bundesministerium für Familie, Senioren, Frauen und Jugend", "Genehmigung")
    ]


def test_a_resolution_reported_as_taken(make_document: MakeDocument) -> None:
    """ "Der Rat der Stadt X hat am … den Beschluss zur Teilnahme gefasst": the Rat decided
    that day; a committee "des Rates der Stadt X" is the town's."""
    text = (
        "Vorlage\n\nBeschlussvorschlag:\n\nDer Jugendhilfeausschuss des Rates der Stadt Unna "
        "nimmt den Bericht zur Kenntnis.\n\nSachdarstellung:\n\nDer Rat der Stadt Unna hat am "
        "03.05.2012 den Beschluss zur Teilnahme an dem Projekt gefasst."
    )
    found = {(d.body, d.date) for d in extract_document(make_document(text)).decisions}
    assert found == {("Jugendhilfeausschuss (Unna)", None), ("Rat der Stadt Unna", "2012-05-03")}


def test_a_session_that_recommends_the_councils_resolution(make_document: MakeDocument) -> None:
    """A committee's extract whose outcome is "ungeändert empfohlen": the session recommended
    on its day, the council's resolution it quotes is a proposal, not yet taken."""
    text = (
        "Tagesordnungspunkt\n\nTOP 4.2: Netzwerk Frühe Hilfen in Bonn\n\n"
        "Sitzung:12.03.2019   JHA/0004/2019\n"
        "Beschluss:ungeändert empfohlen\nVorlage:  0815/2019\n\n"
        "Beschluss:\n\nDer Rat beschließt die Fortführung des Netzwerkes Frühe Hilfen.\n\n"
        "Abstimmungsergebnis:\n\nEinstimmig empfohlen.\n"
    )
    found = {(d.body, d.date, d.kind) for d in extract_document(make_document(text)).decisions}
    council = "Rat der Stadt Bonn"
    assert found == {(None, "2019-03-12", "Empfehlung"), (council, None, "Beschlussvorschlag")}
    resolved = text.replace("ungeändert empfohlen", "ungeändert beschlossen").replace(
        "Einstimmig empfohlen", "Einstimmig beschlossen"
    )
    (decision,) = extract_document(make_document(resolved)).decisions
    assert (decision.body, decision.date) == (council, "2019-03-12")


def test_a_ministry_commissioning_an_institute_decides_nothing(
    make_document: MakeDocument,
) -> None:
    """A ministry "genehmigt" as a decision; "beauftragt" it a contractor, not a decision; a
    council that "hat beauftragt" decides."""
    commissioned = (
        "Das Ministerium für Schule und Bildung (MSB) fördert Familienzentren. Das MSB hat das "
        "Institut für soziale Arbeit e.V. mit der Begleitung der geförderten Kommunen beauftragt."
    )
    assert extract_document(make_document(commissioned)).decisions == ()
    council = (
        "Stadt Hilden\n\nDer Rat der Stadt Hilden hat am 12.05.2021 die Verwaltung mit der "
        "Einrichtung eines Familienbüros beauftragt."
    )
    (decision,) = extract_document(make_document(council)).decisions
    assert (decision.body, decision.date) == ("Rat der Stadt Hilden", "2021-05-12")


def test_resolutions_opening_paragraphs_without_a_heading(make_document: MakeDocument) -> None:
    """A Vorlage may state its resolutions right after its header, with no
    "Beschlussvorschlag" heading; a resolution a report quotes after a colon is not one."""
    text = (
        "Betreff\nAusbau der Familienzentren\nVorlage\n211/19\n\n"
        "Der Sozialausschuss empfiehlt dem Rat, den Ausbau der Familienzentren fortzuführen.\n\n"
        "Der Rat beschließt, den Ausbau der Familienzentren fortzuführen.\n\n"
        "Sachverhalt folgt in der Anlage."
    )
    decisions = extract_document(make_document(text)).decisions
    assert [(d.body, d.kind) for d in decisions] == [
        ("Sozialausschuss", "Empfehlung"),
        ("Rat", "Beschlussvorschlag"),
    ]
    quoted = (
        "Beschluss im Ausschuss\n\nDer Ausschuss hat in seiner Sitzung den folgenden Beschluss "
        "gefasst:\n\nDer Rat beschließt, den Ausbau der Familienzentren fortzuführen.\n\nEnde."
    )
    assert all(
        d.kind != "Beschlussvorschlag" for d in extract_document(make_document(quoted)).decisions
    )


def test_the_article_of_a_hard_wrapped_resolution_on_the_line_before(
    make_document: MakeDocument,
) -> None:
    """Minutes wrapped at a fixed width leave "Der" alone on its line; its body still leads."""
    text = (
        "Beschluss:\nDer\nJugendhilfeausschuss der Stadt Unna nimmt den Sachstandsbericht zur "
        "Präventionskette\nzur Kenntnis.\nFrau Berger\nstellt die Bausteine des Konzeptes vor."
    )
    (decision,) = extract_document(make_document(text)).decisions
    assert decision.body == "Jugendhilfeausschuss (Unna)"
    assert decision.kind == "Kenntnisnahme"
    assert decision.text.startswith("Der Jugendhilfeausschuss")


def test_a_press_release_of_todays_session_dates_the_decision(
    make_document: MakeDocument,
) -> None:
    """ "hat sich in seiner heutigen Sitzung (22.09.) dazu entschieden": the release's date
    gives the year of the day it calls today."""
    text = (
        "Pressemitteilung vom 22.09.2021\n\nDer Rat der Stadt Hamm hat sich in seiner heutigen "
        "Sitzung (22.09.) dazu entschieden, die Angebote unter dem Dach der Präventionskette "
        "zusammenzuführen."
    )
    (decision,) = extract_document(make_document(text)).decisions
    assert (decision.body, decision.date) == ("Rat der Stadt Hamm", "2021-09-22")


def test_the_agent_of_a_past_passive_decided(make_document: MakeDocument) -> None:
    text = (
        "Das Handlungskonzept zur Präventionskette wurde im Jahr 2019 einstimmig vom Rat der "
        "Stadt Hamm beschlossen. Die Umsetzung soll 2020 beginnen."
    )
    (decision,) = extract_document(make_document(text)).decisions
    assert decision.body == "Rat der Stadt Hamm"
    assert decision.text.startswith("Das Handlungskonzept")


def test_the_agent_of_a_dated_attribute_decided(make_document: MakeDocument) -> None:
    """ "des am ... durch den Rat beschlossenen Konzeptes" reports the council's act; a body
    that is not the attribute's agent ("vom", "durch den") did not decide it."""
    text = (
        "Die Umsetzung des am 07.05.2018 durch den Rat der Stadt Hamm beschlossenen Konzeptes "
        "zur Präventionskette wird fortgesetzt. Der Jugendhilfeausschuss der Stadt Hamm berät "
        "dazu über das am 03.04.2019 im Landtag beschlossene Gesetz."
    )
    (decision,) = extract_document(make_document(text)).decisions
    assert (decision.body, decision.date) == ("Rat der Stadt Hamm", "2018-05-07")


def test_the_body_of_a_dated_resolution_named_as_a_noun(make_document: MakeDocument) -> None:
    """ "Mit Beschluss des Rates der Stadt X vom <day>" reports the council's act; without its
    day ("Nach Beschluss des Jugendhilfeausschusses") the session is unknown."""
    text = (
        "Mit Beschluss des Rates der Stadt Hamm vom 14.12.2015 wurde die Fortführung des "
        "Familienbüros bis 2020 gesichert. Nach Beschluss des Jugendhilfeausschusses wird das "
        "Familienbüro ab 2021 vom Jugendamt geführt."
    )
    (decision,) = extract_document(make_document(text)).decisions
    assert (decision.body, decision.date) == ("Rat der Stadt Hamm", "2015-12-14")


def test_a_resolution_the_page_repeats_is_one_decision(make_document: MakeDocument) -> None:
    text = (
        "Sitzung des Jugendhilfeausschusses am 10.09.2019\n\nBeschlussvorschlag:\n"
        "Der Jugendhilfeausschuss beauftragt die Verwaltung mit der Umsetzung des Konzepts "
        "Willkommen\n\nBeschlussvorschlag:\nDer Jugendhilfeausschuss beauftragt die Verwaltung mit "
        "der Umsetzung des Konzepts Willkommen und berichtet nach einem Jahr."
    )
    decisions = extract_document(make_document(text)).decisions
    assert [d.text for d in decisions] == [
        "Der Jugendhilfeausschuss beauftragt die Verwaltung mit der Umsetzung des Konzepts "
        "Willkommen und berichtet nach einem Jahr."
    ]


def test_a_press_report_with_the_body_after_a_pronoun_or_adverb(
    make_document: MakeDocument,
) -> None:
    text = (
        "Kreis Warendorf. Zwei Familienzentren werden eingerichtet, das hat gestern der "
        "Kreisausschuss für Kinder, Jugendliche und Familien beschlossen. Auch in Lügde gibt es "
        "Neues: Der Jugendhilfe-Ausschuss des Kreises Lippe genehmigte nun den Antrag. Beim "
        "Familienbüro in Ahlen läuft es anders. So hat es auch der Rat beschlossen."
    )
    decisions = extract_document(make_document(text)).decisions
    assert {(d.body_key, d.kind) for d in decisions} == {
        ("kreisausschuss-fuer-kinder-jugendliche-und-familien-kreis-warendorf", "Beschluss"),
        ("jugendhilfeausschuss-kreis-lippe", "Genehmigung"),
        ("rat", "Beschluss"),  # several towns: whose council the text does not say
    }


def test_a_proposal_declaring_the_issuers_part(make_document: MakeDocument) -> None:
    text = (
        "Sitzungsvorlage\n\nBeschlussvorschlag:\n\nZum weiteren Ausbau der Frühen Hilfen "
        "beteiligt sich der Kreis Coesfeld ab dem 01.07.2020 an der Koordinationsstelle.\n\n"
        "Begründung:\n\nDer Kreis ist seit 2007 aktiv."
    )
    (decision,) = extract_document(make_document(text)).decisions
    assert decision.body is None and "beteiligt sich der Kreis Coesfeld" in decision.text
