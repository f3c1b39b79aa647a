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
    # 5 January is eleven months after the letter's date and the text mentions two years
    text = (
        "Stadt Hamm, 12.02.2023\n\nSachstand seit 2019.\n\n"
        "Die Auftaktveranstaltung der Präventionskette war am 05.01. im Jugendzentrum."
    )
    (event,) = extract_document(make_document(text)).events
    assert event.date is None


def test_day_whose_named_weekday_disagrees_stays_open(make_document: MakeDocument) -> None:
    # 18 April 2023 is a Tuesday, not a Friday, and no other year is mentioned
    text = (
        "Gemeinde Senden, 20.03.2023\n\n"
        "Das Vernetzungstreffen Frühe Hilfen ist für Freitag, 18.04. vorgesehen."
    )
    (event,) = extract_document(make_document(text)).events
    assert event.date is None
