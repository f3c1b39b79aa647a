from __future__ import annotations

from pkgraph.extract import extract_document
from pkgraph.records import Extraction
from tests.extract.conftest import MakeDocument


def test_event_with_date_venue_and_town(make_document: MakeDocument) -> None:
    text = (
        "Am 14.05.2019 fand der erste Fachtag Frühe Bildung im Bürgerhaus in Dülmen statt. "
        "Ein weiterer Workshop ist geplant."
    )
    (event,) = extract_document(make_document(text)).events
    assert (event.date, event.place) == ("2019-05-14", "Bürgerhaus, Dülmen")
    assert event.place_ags is not None


def test_day_without_year_stays_open_without_context(make_document: MakeDocument) -> None:
    (event,) = extract_document(make_document("Das Netzwerktreffen am 13.09. war gut.")).events
    assert event.date is None


def test_day_without_year_resolved_by_weekday(make_document: MakeDocument) -> None:
    text = "Bericht 2017/2018. Am Mittwoch, den 13.09. kamen alle zum Lernnetzwerktreffen."
    (event,) = extract_document(make_document(text)).events
    assert event.date == "2017-09-13"


def test_sessions_reporting_decisions_are_decisions(
    sample_extractions: dict[str, Extraction],
) -> None:
    dates = {e.date for e in sample_extractions["000"].events}
    assert dates == {"2018-09-27", "2019-01-15", "2019-02-04"}  # 12.12.2018 is a decision
    konferenz = next(e for e in sample_extractions["000"].events if e.date == "2018-09-27")
    assert konferenz.place == "Leohaus, Olfen"


def test_event_name_drops_the_trailing_verb(make_document: MakeDocument) -> None:
    text = "Die Fachtagung der Familienzentren folgt am 03.04.2023 in Hamm."
    (event,) = extract_document(make_document(text)).events
    assert (event.name, event.date) == ("Fachtagung der Familienzentren", "2023-04-03")


def test_day_without_year_is_the_next_one_after_the_document_date(
    make_document: MakeDocument,
) -> None:
    # the text also mentions 2018, so only the document's date settles the year
    text = (
        "Kreis Borken, den 03.02.2024\n\nEinladung\n\nDie Familienbüros arbeiten seit 2018. "
        "Der Workshop der Familienbüros findet am 14.03. im Rathaus statt."
    )
    (event,) = extract_document(make_document(text)).events
    assert event.date == "2024-03-14"


def test_day_without_year_far_from_the_document_date_stays_open(
    make_document: MakeDocument,
) -> None:
    # 5 January is seven months after the letter's date, five before it, and the text
    # mentions two years
    text = (
        "Stadt Hamm, 12.06.2023\n\nSachstand wie im Bericht 2019.\n\n"
        "Die Auftaktveranstaltung der Präventionskette war am 05.01. im Jugendzentrum."
    )
    (event,) = extract_document(make_document(text)).events
    assert event.date is None


def test_day_without_year_a_report_looks_back_on_is_the_last_one_before_its_date(
    make_document: MakeDocument,
) -> None:
    text = (
        "10.05.2017, Oberhausen\n\nBericht 2012 bis 2016.\n\n"
        "Am 24. April kamen im Zentrum Altenberg über 60 Teilnehmende zur "
        "Präventionskonferenz zusammen."
    )
    (event,) = extract_document(make_document(text)).events
    assert event.date == "2017-04-24"


def test_day_whose_named_weekday_disagrees_stays_open(make_document: MakeDocument) -> None:
    # 18 April 2023 is a Tuesday, not a Friday, and no other year is mentioned
    text = (
        "Gemeinde Senden, 20.03.2023\n\n"
        "Das Vernetzungstreffen Frühe Hilfen ist für Freitag, 18.04. vorgesehen."
    )
    (event,) = extract_document(make_document(text)).events
    assert event.date is None


def names_and_dates(text: str, make_document: MakeDocument) -> set[tuple[str, str | None]]:
    return {(e.name, e.date) for e in extract_document(make_document(text)).events}


def names_by_date(text: str, make_document: MakeDocument) -> dict[str | None, str]:
    return {e.date: e.name for e in extract_document(make_document(text)).events}


def test_undated_event_after_preposition_is_named_in_the_nominative(
    make_document: MakeDocument,
) -> None:
    text = "Bei der zweiten regionalen Bildungskonferenz in Bocholt wurden Ziele vereinbart."
    (event,) = extract_document(make_document(text)).events
    assert (event.name, event.date, event.place) == (
        "Zweite regionale Bildungskonferenz",
        None,
        "Bocholt",
    )
    text = "Beim ersten Fachtag zur Kinderarmut diskutierten Fachkräfte."
    assert names_and_dates(text, make_document) == {("Erster Fachtag zur Kinderarmut", None)}


def test_plural_event_words_are_no_single_event(make_document: MakeDocument) -> None:
    assert names_and_dates("Bei den Präventionskonferenzen der Städte ...", make_document) == set()


def test_undated_mention_of_a_dated_event_is_the_same_event(make_document: MakeDocument) -> None:
    text = (
        "Die Kommunen trafen sich zum Planungsworkshop der Steuerungsgruppe. Der "
        "Planungsworkshop fand am 04.05.2022 im Kreishaus statt."
    )
    assert {date for _, date in names_and_dates(text, make_document)} == {"2022-05-04"}


def test_visit_on_two_days(make_document: MakeDocument) -> None:
    text = (
        "Der Minister besucht am Montag, 6. Mai 2024, die Stadt Hamm und am Dienstag, "
        "7. Mai 2024, den Kreis Soest."
    )
    assert names_and_dates(text, make_document) == {
        ("Besuch", "2024-05-06"),
        ("Besuch", "2024-05-07"),
    }


def test_deadline_is_an_event_only_with_a_deadline_verb(make_document: MakeDocument) -> None:
    text = "Bis zum 30.09.2021 können Kommunen ihre Anträge beim Ministerium einreichen."
    assert names_and_dates(text, make_document) == {("Frist", "2021-09-30")}
    assert (
        names_and_dates("Die Stellen werden bis zum 31.12.2024 gefördert.", make_document) == set()
    )


def test_session_line_of_a_council_system(make_document: MakeDocument) -> None:
    text = (
        "Sitzung: 14.03.2022 JHA/0012/2022\nBeschluss: einstimmig beschlossen\n"
        "Der Jugendhilfeausschuss beschließt die Teilnahme am Landesprogramm."
    )
    assert ("Sitzung", "2022-03-14") in names_and_dates(text, make_document)


def test_quoted_title_and_complement_belong_to_the_name(make_document: MakeDocument) -> None:
    text = "Die Auftaktveranstaltung zum Förderprogramm findet am 12.09.2023 in Hamm statt."
    assert names_and_dates(text, make_document) == {
        ("Auftaktveranstaltung zum Förderprogramm", "2023-09-12")
    }
    text = "Der Fachtag „Gut aufwachsen im Quartier“ beginnt am 05.10.2023 um 9 Uhr."
    assert names_and_dates(text, make_document) == {
        ("Fachtag „Gut aufwachsen im Quartier“", "2023-10-05")
    }


def test_days_named_after_their_theme_and_receptions(make_document: MakeDocument) -> None:
    text = (
        "Der 3. Kinderschutztag fand am 18.03.2023 im Kulturzentrum statt. Beim Neujahrsempfang "
        "am 09.01.2024 dankte der Landrat allen Netzwerkpartnern. Der Kreistag tagt am Dienstag."
    )
    assert {date for _, date in names_and_dates(text, make_document)} == {
        "2023-03-18",
        "2024-01-09",
    }


def test_a_range_of_days_is_one_event_on_its_first_day(make_document: MakeDocument) -> None:
    for text in (
        "Am 14. und 15. Oktober 2021 fand in Paderborn die Fachtagung Frühe Hilfen statt.",
        "Die Fachtagung Frühe Hilfen findet vom 14. bis 15. Oktober 2021 in Paderborn statt.",
        "Die Fachtagung Frühe Hilfen findet am 14./15. Oktober 2021 in Paderborn statt.",
    ):
        assert {date for _, date in names_and_dates(text, make_document)} == {"2021-10-14"}


def test_meetings_told_by_a_verb_or_by_the_body_in_session(make_document: MakeDocument) -> None:
    text = (
        "Der Lenkungskreis Prävention tagte am 02.02.2022 zum ersten Mal. Die Arbeitsgruppe "
        "Übergänge hat sich am 16.03.2022 konstituiert. Die Ergebnisse wurden im "
        "Ausschuss für Bildung, Jugend und Sport am 05.05.2022 vorgestellt."
    )
    found = names_and_dates(text, make_document)
    assert {date for _, date in found} == {"2022-02-02", "2022-03-16", "2022-05-05"}
    assert ("Sitzung des Ausschusses für Bildung, Jugend und Sport", "2022-05-05") in found


def test_dates_of_letters_periods_and_plans_are_no_events(make_document: MakeDocument) -> None:
    text = (
        "Mit Bescheid vom 12.04.2022 wurde die Förderung bewilligt; ein Termin zur Abstimmung "
        "folgt. Die Koordinatorin ist seit dem 01.06.2021 im Amt, eine Sitzung dazu gab es nicht. "
        "Die Vorlage wird dem Rat am 30.06.2022 zur Entscheidung vorgelegt."
    )
    assert names_and_dates(text, make_document) == set()


def test_one_event_for_a_day_without_a_year(make_document: MakeDocument) -> None:
    text = (
        "Bei der Ausstellung im Rahmen der Veranstaltung am Freitag, 12. Mai, stellt Unna sich vor."
    )
    assert len(names_and_dates(text, make_document)) == 1


def test_truncated_compound_belongs_to_the_event_name(make_document: MakeDocument) -> None:
    text = "Bei der zweiten Gesundheits- und Bildungskonferenz stellten die Schulen Projekte vor."
    assert names_and_dates(text, make_document) == {
        ("Zweite Gesundheits- und Bildungskonferenz", None)
    }


def test_openings_and_signings_are_events(make_document: MakeDocument) -> None:
    text = (
        "Die Eröffnung des Familienbüros am 02.09.2022 feierten viele Gäste. Die Unterzeichnung "
        "der Kooperationsvereinbarung erfolgte am 14.11.2022 im Rathaus."
    )
    assert {date for _, date in names_and_dates(text, make_document)} == {
        "2022-09-02",
        "2022-11-14",
    }


def _events(make_document: MakeDocument, text: str) -> list[tuple[str, str | None]]:
    return [(e.name, e.date) for e in extract_document(make_document(text)).events]


def test_day_without_year_not_dated_by_a_period_bound(make_document: MakeDocument) -> None:
    # "seit 2014" says the text speaks from a later year: 3 May stays open
    text = "Seit 2014 arbeitet das Netzwerk. Am 3. Mai fand der Fachtag der Kitas in Hamm statt."
    assert _events(make_document, text) == [("Fachtag der Kitas", None)]
    dated = "Jahresbericht 2019\n\n" + text
    assert _events(make_document, dated) == [("Fachtag der Kitas", "2019-05-03")]


def test_genitive_keeps_the_territory_name(make_document: MakeDocument) -> None:
    text = (
        "Am 4. Oktober kamen rund 60 Fachleute in Hamm zur Auftaktveranstaltung des "
        "Regierungsbezirks Münster zusammen."
    )
    assert _events(make_document, text) == [
        ("Auftaktveranstaltung des Regierungsbezirks Münster", None)
    ]


def test_undated_event_keeps_its_region(make_document: MakeDocument) -> None:
    text = "Die Landrätin sprach auf der zweiten Fachtagung im Kreis Borken über Kinderarmut."
    assert _events(make_document, text) == [("Zweite Fachtagung im Kreis Borken", None)]


def test_undated_event_after_a_genitive_lead_with_title(make_document: MakeDocument) -> None:
    text = (
        "Die Bürgermeisterin dankte zu Beginn des Fachtages „Gesund aufwachsen in Hamm“ "
        "allen Beteiligten. Am Ende des ersten Workshops stand ein Plan."
    )
    assert _events(make_document, text) == [
        ("Fachtag „Gesund aufwachsen in Hamm“", None),
        ("Erster Workshop", None),
    ]


def test_program_start_named_in_the_gold_form(make_document: MakeDocument) -> None:
    text = "Das Netzwerkprojekt startet im Oktober 2019 in drei Stadtteilen."
    assert _events(make_document, text) == [("Start des Netzwerkprojekts", None)]
    dated = "Die Initiative „Starke Kinder“ beginnt am 01.02.2021 in Lünen."
    assert _events(make_document, dated) == [("Start der Initiative „Starke Kinder“", "2021-02-01")]


def test_program_start_in_a_year_is_no_event(make_document: MakeDocument) -> None:
    assert _events(make_document, "Das Projekt startet im Jahr 2020 und läuft drei Jahre.") == []


def test_undated_meeting_of_a_body(make_document: MakeDocument) -> None:
    text = "Wichtig ist der Arbeitskreis Frühe Bildung, der sich gestern im Rathaus getroffen hat."
    assert _events(make_document, text) == [("Treffen des Arbeitskreises Frühe Bildung", None)]
    recurring = "Der Beirat hat sich regelmäßig im Rathaus getroffen."
    assert _events(make_document, recurring) == []


def test_event_named_by_a_contents_line(make_document: MakeDocument) -> None:
    text = "Inhalt\n10 Vorwort\n12 Der Sommerkongress\n14 Evaluation in drei Schritten\n"
    assert _events(make_document, text) == [("Sommerkongress", None)]


def test_consultation_rows_marked_done_are_held_sessions(make_document: MakeDocument) -> None:
    done = (
        "Beratungsfolge\nStatus | Datum | Gremium |\n● Erledigt | 14.09.2022 | Sozialausschuss |\n"
        "● Erledigt | 14.09.2022 | Jugendhilfeausschuss |\nSachverhalt\nDie Stadt berichtet."
    )
    assert [e.date for e in extract_document(make_document(done)).events] == ["2022-09-14"]
    planned = (
        "Beratungsfolge:\nDatum Gremium Zuständigkeit\n08.03.2023 Jugendhilfeausschuss "
        "Vorberatung\n21.03.2023 Rat Entscheidung\n\nBetreff:\nFortführung des Netzwerks"
    )
    assert extract_document(make_document(planned)).events == ()


def test_a_report_given_to_a_body_on_a_day(make_document: MakeDocument) -> None:
    text = (
        "Antrag der Fraktion\n\nAm 5. März 2014 hatte die Verwaltung in einem Bericht dem "
        "Jugendhilfeausschuss die Planung erläutert. Der Entwurf wird dem Rat am 12. Mai 2014 "
        "vorgelegt."
    )
    events = extract_document(make_document(text)).events
    assert [(e.name, e.date) for e in events] == [
        ("Sitzung des Jugendhilfeausschusses", "2014-03-05")
    ]


def test_a_program_started_by_someone_on_a_day(make_document: MakeDocument) -> None:
    text = (
        "Die Landesregierung hat gemeinsam mit der Stiftung am 12. Februar 2013 in Hamm das "
        "Projekt „Starke Kinder“ gestartet."
    )
    assert _events(make_document, text) == [("Start des Projekts „Starke Kinder“", "2013-02-12")]


def test_a_presentation_told_with_its_day(make_document: MakeDocument) -> None:
    text = (
        "Die Ministerin hat heute (14.03.2018) in Bochum die ausgewählten Kommunen vorgestellt. "
        "Die Verwaltung hat am 12.03.2019 dem Jugendhilfeausschuss das Konzept vorgestellt."
    )
    found = _events(make_document, text)
    assert ("Vorstellung (die ausgewählten Kommunen)", "2018-03-14") in found
    # a report to a body is that body's session, not a presentation of its own
    assert not [name for name, date in found if date == "2019-03-12" and "Vorstellung" in name]


def test_a_session_takes_the_day_given_after_it(make_document: MakeDocument) -> None:
    text = (
        "An den Landrat des Kreises Kleve 26.01.2012 rk/mv Sitzung des Jugendhilfeausschusses "
        "am 29.02.2012 Sitzung des Kreisausschusses am 01.03.2012 Sitzung des Kreistages am "
        "22.03.2012 hier: Kreishaushalt"
    )
    found = {(e.name, e.date) for e in extract_document(make_document(text)).events}
    assert found == {
        ("Sitzung des Jugendhilfeausschusses", "2012-02-29"),
        ("Sitzung des Kreisausschusses", "2012-03-01"),
        ("Sitzung des Kreistages", "2012-03-22"),
    }


def test_a_letters_dateline_dates_no_session(make_document: MakeDocument) -> None:
    text = (
        "Herrn\nLandrat\nOlaf Muster\nHildesheim, den 06.11.2018\nAntrag zum Haushalt 2019:\n"
        "wir bitten den o.g. Antrag in der nächsten Sitzung des Jugendhilfeausschusses zu "
        "behandeln."
    )
    dates = {e.date for e in extract_document(make_document(text)).events}
    assert "2018-11-06" not in dates


def test_a_second_session_sharing_the_first_ones_noun(make_document: MakeDocument) -> None:
    """ "für die Sitzung des A am … sowie des B am …": two sessions, each with its day."""
    text = (
        "Die Fraktion beantragt für die nächste Sitzung des Schulausschusses am 04.03.2015 "
        "sowie des Ausschusses für Jugend und Familie am 10.03.2015, einen Bericht vorzulegen."
    )
    events = {(e.name, e.date) for e in extract_document(make_document(text)).events}
    assert events == {
        ("Sitzung des Schulausschusses", "2015-03-04"),
        ("Sitzung des Ausschusses für Jugend und Familie", "2015-03-10"),
    }


def test_a_session_opening_the_sentence_with_its_day_in_brackets(
    make_document: MakeDocument,
) -> None:
    text = (
        "Stadt Hagen\n\n12.05.2022\n\nIm Jugendhilfeausschuss (12.05.) wurde der erste Bericht "
        "zur Präventionskette vorgestellt."
    )
    (event,) = extract_document(make_document(text)).events
    assert (event.name, event.date) == ("Sitzung des Jugendhilfeausschusses", "2022-05-12")


def test_an_undated_workshop_one_took_part_in(make_document: MakeDocument) -> None:
    text = "Vertreter der Träger haben im Mai 2017 am Planungsworkshop teilgenommen."
    (event,) = extract_document(make_document(text)).events
    assert (event.name, event.date) == ("Planungsworkshop", None)


def test_the_date_of_a_paper_laid_out_in_a_session(make_document: MakeDocument) -> None:
    """ "die in der Sitzung ausliegende Anfrage … vom 16.06.2021": the day dates the paper."""
    text = (
        "Es wird auf die als Tischvorlage in der Sitzung des Kreistages ausliegende Anfrage der "
        "CDU-Fraktion gem. § 12 GeschO zur Schulsozialarbeit vom 03.05.2022 verwiesen."
    )
    assert not extract_document(make_document(text)).events


def test_the_sessions_a_motion_is_addressed_to(make_document: MakeDocument) -> None:
    """A motion names the sessions it goes to: "an den Ausschuss … am", "auf die Tagesordnung
    des Jugendhilfeausschusses am" — each a session with its day."""
    text = (
        "Anfrage der CDU-Fraktion an den Ausschuss für Schule und Sport am 14.03.2024 und an "
        "den Jugendhilfeausschuss am 21.03.2024\n\nWir bitten, den folgenden Antrag auf die "
        "Tagesordnung des Sozialausschusses am 02.05.2024 zu setzen."
    )
    events = {(e.date, e.name) for e in extract_document(make_document(text)).events}
    assert events == {
        ("2024-03-14", "Sitzung des Ausschusses für Schule und Sport"),
        ("2024-03-21", "Sitzung des Jugendhilfeausschusses"),
        ("2024-05-02", "Sitzung des Sozialausschusses"),
    }


def test_a_motions_proposed_resolution_does_not_hide_its_sessions(
    make_document: MakeDocument,
) -> None:
    """The resolution a motion proposes is in the present passive ("Die Verwaltung wird
    beauftragt"); the sessions it is sent to stay events, unlike a day that decided (a
    decision that names its session, "in seiner Sitzung am", dates that session: see
    :func:`test_a_decision_dates_the_session_of_its_body`)."""
    motion = (
        "Antrag zur Sitzung des Sozialausschusses am 12. März 2019 sowie zur Sitzung des "
        "Rates am 14. März 2019:\nSehr geehrte Frau Bürgermeisterin, wir bitten um Abstimmung: "
        "Die Verwaltung wird beauftragt, einen Förderantrag zu stellen."
    )
    assert {date for _, date in names_and_dates(motion, make_document)} == {
        "2019-03-12",
        "2019-03-14",
    }
    reported = "Der Rat hat am 14. März 2019 die Verwaltung beauftragt."
    assert names_and_dates(reported, make_document) == set()


def test_a_founding_or_signing_on_a_day_told_by_its_verb(make_document: MakeDocument) -> None:
    """ "wird am Dienstag [3. Mai 2016] … gegründet", "wurden am 2. März 2017 unterzeichnet":
    an event on that day; a year alone ("2015 gegründet") dates none."""
    text = (
        "Das Netzwerk „Frühe Hilfen in Lennestadt“ wird am Dienstag [3. Mai 2016] im Rathaus "
        "gegründet. Die Kooperationsverträge wurden am 2. März 2017 unterzeichnet. Der Verein "
        "wurde 2015 gegründet."
    )
    events = names_by_date(text, make_document)
    assert events == {
        "2016-05-03": "Gründung (Netzwerk „Frühe Hilfen in Lennestadt“)",
        "2017-03-02": "Unterzeichnung (Kooperationsverträge)",
    }


def test_a_theme_week_and_an_opening_of_doors_are_events(make_document: MakeDocument) -> None:
    """ "vom 5. bis 9. Oktober 2020 … eine Aktionswoche" is an event on its first day; "das
    Büro konnte am 4.3.2019 seine Türen öffnen" an opening; a "Kalenderwoche" is none."""
    text = (
        "Das Jugendamt lädt vom 5. bis 9. Oktober 2020 zu einer Aktionswoche ein. Das "
        "Familienbüro konnte bereits am 04.03.2019 seine Türen öffnen. Die Frist endet in der "
        "Kalenderwoche nach dem 12.11.2020."
    )
    events = names_by_date(text, make_document)
    assert events == {"2020-10-05": "Aktionswoche", "2019-03-04": "Eröffnung (Familienbüro)"}


def test_a_body_told_of_something_on_a_day_held_a_session(make_document: MakeDocument) -> None:
    """ "Die Ergebnisse wurden der Lenkungsgruppe am 3.5.2021 vorgestellt", "wurde der
    Ausschuss am 7. Juni 2022 informiert": its session; "wird … am … vorgestellt" plans one."""
    text = (
        "Die Ergebnisse wurden der Lenkungsgruppe am 03.05.2021 vorgestellt. Darüber wurde der "
        "Ausschuss bereits am 7. Juni 2022 informiert. Der Bericht wird dem Rat am 01.12.2022 "
        "vorgestellt."
    )
    events = names_by_date(text, make_document)
    assert events == {
        "2021-05-03": "Sitzung der Lenkungsgruppe",
        "2022-06-07": "Sitzung des Ausschusses",
    }


def test_a_decision_dates_the_session_of_its_body(make_document: MakeDocument) -> None:
    text = (
        "Der Jugendhilfeausschuss hat in seiner Sitzung am 29.05.2013 beschlossen, die "
        "Koordinierungsstelle einzurichten. Der Kreistag hat in seiner heutigen Sitzung "
        "(22.09.2013) zugestimmt."
    )
    assert names_by_date(text, make_document) == {
        "2013-05-29": "Sitzung des Jugendhilfeausschusses",
        "2013-09-22": "Sitzung des Kreistages",
    }


def test_the_session_of_a_body_named_with_its_day(make_document: MakeDocument) -> None:
    text = (
        "Der Rat hat beschlossen, das Netzwerk auszubauen, wie es in der Sitzung des "
        "Jugendhilfeausschusses vom 25.4.2017 beschlossen wurde."
    )
    assert names_by_date(text, make_document) == {
        "2017-04-25": "Sitzung des Jugendhilfeausschusses"
    }


def test_a_day_at_a_line_start_is_no_letter_dateline(make_document: MakeDocument) -> None:
    text = (
        "Zehn Jahre Netzwerk Frühe Hilfen in Solingen\nAm Dienstag, den 14.03.2023, hatte das "
        "Netzwerk zur 5. Netzwerkkonferenz in die Stadtbibliothek geladen."
    )
    events = extract_document(make_document(text)).events
    assert [(e.name, e.date) for e in events] == [("5. Netzwerkkonferenz", "2023-03-14")]


def test_attending_an_invitation_is_a_meeting(make_document: MakeDocument) -> None:
    text = (
        "Rund sechzig Fachkräfte folgten am Donnerstag, 12. September 2024, der Einladung des "
        "Jugendamtes in das Rathaus."
    )
    events = extract_document(make_document(text)).events
    assert [e.date for e in events] == ["2024-09-12"]


def test_sessions_named_after_the_day_on_an_agenda_or_given_a_paper(
    make_document: MakeDocument,
) -> None:
    text = (
        "Stadt Moers\n\nFür den Sozialausschuss steht das Thema am Dienstag, 3. März 2020, auf "
        "der Tagesordnung. Der letzte Bericht erfolgte am 12.11.2019 im Jugendhilfeausschuss. "
        "Am 04.06.2018 hat die Verwaltung dem Rat ein Konzept vorgelegt. Die Kita ist seit dem "
        "01.08.2017 im Betrieb."
    )
    events = {(e.date, e.name) for e in extract_document(make_document(text)).events}
    assert events == {
        ("2020-03-03", "Sitzung des Sozialausschusses"),
        ("2019-11-12", "Sitzung des Jugendhilfeausschusses"),
        ("2018-06-04", "Sitzung des Rates"),
    }


def test_sessions_in_lists_of_days_and_brackets(make_document: MakeDocument) -> None:
    text = (
        "Stadt Aachen\n\nDie Vorlagen, die am 28.08.2007 im Kinder- und Jugendausschuss, am "
        "03.03.2010 im Rat der Stadt Aachen sowie am 19.07.2011 und am 17.01.2014 im Kinder- "
        "und Jugendausschuss beraten wurden. Das Familienbüro wurde 2018 beschlossen (JHA am "
        "13.09.18, Rat am 06.11.18)."
    )
    events = {(e.date, e.name) for e in extract_document(make_document(text)).events}
    youth = "Sitzung des Kinder- und Jugendausschusses"
    assert events == {
        ("2007-08-28", youth),
        ("2010-03-03", "Sitzung des Rates"),
        ("2011-07-19", youth),
        ("2014-01-17", youth),
        ("2018-09-13", "Sitzung des Jugendhilfeausschusses"),
        ("2018-11-06", "Sitzung des Rates"),
    }


def test_a_beratungsfolge_row_with_its_result_is_a_held_session(
    make_document: MakeDocument,
) -> None:
    held = (
        "Vorlage - 109/2007\nBeratungsfolge:\nJugendhilfeausschuss\n10.09.2007\n"
        "Jugendhilfeausschuss ungeändert beschlossen\n\nBeschlussvorschlag\nDer Ausschuss "
        "beauftragt die Verwaltung."
    )
    assert {e.date for e in extract_document(make_document(held)).events} == {"2007-09-10"}
    planned = held.replace("Jugendhilfeausschuss ungeändert beschlossen\n", "")
    assert {e.date for e in extract_document(make_document(planned)).events} == set()
