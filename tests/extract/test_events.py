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
