from __future__ import annotations

from datetime import date

from pkgraph.extract import extract_document
from pkgraph.extract.dates import (
    find_dates,
    find_partial_dates,
    latest_stated_year,
    occasion_years,
    reference_date,
    resolve_after,
    resolve_before,
    resolve_day,
    resolve_year,
)
from pkgraph.records import Extraction
from tests.extract.conftest import MakeDocument


def isos(text: str) -> list[str]:
    return [found.iso for found in find_dates(text)]


def test_numeric_written_and_iso_forms() -> None:
    text = (
        "Die Sitzung am 27.09.2018 und die Auftaktveranstaltung am 9. November 2011, "
        "der Termin am 3. Dez. 2019 sowie am 2020-01-15; Frist 05.03.15."
    )
    assert isos(text) == ["2018-09-27", "2011-11-09", "2019-12-03", "2020-01-15", "2015-03-05"]


def test_invalid_dates_and_section_numbers_are_not_dates() -> None:
    assert isos("am 31.02.2019, Ziffer 1.2.10, Version 3.2 und 32.13.2020") == []


def test_date_across_a_line_break_is_found() -> None:
    assert isos("in der Sitzung des Jugendhilfeausschusses am\n12.06.2018 berichtet") == [
        "2018-06-12"
    ]


def test_day_without_year_is_partial_and_resolved_only_by_context() -> None:
    (partial,) = find_partial_dates("Am Mittwoch, den 13.09. trafen sich alle.")
    assert (partial.day, partial.month, partial.weekday) == (13, 9, 2)
    assert resolve_year(partial, {2017, 2018}) == "2017-09-13"  # only 2017 has a Wednesday
    assert resolve_year(partial, {2016, 2017, 2023}) is None  # 2017 and 2023 both fit
    (no_weekday,) = find_partial_dates("bis zum 13.09. einreichen")
    assert resolve_year(no_weekday, {2018}) == "2018-09-13"
    assert resolve_year(no_weekday, {2018, 2019}) is None


def test_sample_dates_carry_original_offsets(sample_extractions: dict[str, Extraction]) -> None:
    extraction = sample_extractions["001"]
    assert {d.iso for d in extraction.dates} == {"2018-06-12", "2018-12-03", "2018-11-26"}
    for mention in extraction.dates:
        assert mention.evidence.quote.replace("\n", " ").strip()[-4:] == mention.iso[:4]


def test_latest_stated_year() -> None:
    assert latest_stated_year("Sitzung am 12.12.2018, Konferenz am 04.02.2019.") == 2019
    # 13 September was a Wednesday in 2017, not in 2018
    assert latest_stated_year("Am Mittwoch, den 13.09. ... bis Ende 2018 ... seit Mai 2017") == 2017
    # without a weekday both years fit: the latest year a month or "im Jahr" tells of, not
    # a target ("bis 2030")
    assert latest_stated_year("Am 13.09. ... bis Ende 2018 ... seit Mai 2017") == 2017
    assert latest_stated_year("Am 13.09. ... bis Ende 2018 ... seit 2017") is None
    assert latest_stated_year("Seit März 2023 nimmt sie teil. Im Jahr 2022 begann es.") == 2023
    assert latest_stated_year("Das Ziel gilt bis Dezember 2030.") is None
    assert latest_stated_year("Kein Datum.") is None


def test_reference_date_is_stated_else_first_date_of_the_header() -> None:
    letter = "Kreis Unna, den 4. März 2020\n\nBetreff: Sitzung am 12.05.2020"
    assert reference_date("2020-02-28", letter) == date(2020, 2, 28)
    assert reference_date(None, letter) == date(2020, 3, 4)
    assert reference_date(None, "Bericht ohne Briefkopf. " + "x" * 500 + " 01.01.2020") is None


def test_resolve_before_takes_the_last_day_within_a_quarter() -> None:
    (across_new_year,) = find_partial_dates("Treffen am 15.12. in Ahlen")
    assert resolve_before(across_new_year, date(2023, 2, 1)) == "2022-12-15"
    assert resolve_before(across_new_year, date(2023, 6, 1)) is None  # half a year back
    (friday,) = find_partial_dates("am Freitag, 14.04., im Rathaus")
    assert resolve_before(friday, date(2023, 5, 2)) == "2023-04-14"
    assert resolve_before(friday, date(2022, 5, 2)) is None  # a Thursday in 2022


def test_resolve_after_takes_the_next_day_within_half_a_year() -> None:
    (across_new_year,) = find_partial_dates("Treffen am 15.01. in Ahlen")
    assert resolve_after(across_new_year, date(2022, 11, 3)) == "2023-01-15"
    assert resolve_after(across_new_year, date(2022, 3, 3)) is None  # ten months ahead
    (tuesday,) = find_partial_dates("am Dienstag, 07.11., digital")
    assert resolve_after(tuesday, date(2023, 10, 1)) == "2023-11-07"
    assert resolve_after(tuesday, date(2022, 10, 1)) is None  # a Monday in 2022


def test_a_day_called_today_or_yesterday_lies_just_before_the_document_date() -> None:
    text = "Der Ausschuss hat in seiner gestrigen (13.02.) Sitzung den Bericht empfohlen."
    (yesterday,) = find_partial_dates(text)
    assert resolve_day(text, yesterday, date(2024, 2, 14)) == "2024-02-13"
    assert resolve_day(text, yesterday, date(2024, 3, 14)) is None  # a month back: not "gestern"
    text = "Der Rat hat in seiner heutigen Sitzung (02.01.) beraten."
    (today,) = find_partial_dates(text)
    assert resolve_day(text, today, date(2024, 1, 2)) == "2024-01-02"
    (bare,) = find_partial_dates("Die Tabelle (02.01.) zeigt es.")
    assert resolve_day("Die Tabelle (02.01.) zeigt es.", bare, date(2024, 1, 2)) is None


def test_written_day_without_year_is_partial() -> None:
    (partial,) = find_partial_dates("Der Fachtag folgt am Dienstag, 14. Juni im Rathaus.")
    assert (partial.day, partial.month, partial.weekday) == (14, 6, 1)
    assert find_partial_dates("am 14. Juni 2022 im Rathaus") == []


def test_days_after_the_document_date_are_dates(make_document: MakeDocument) -> None:
    text = (
        "Pressemitteilung, 03. März 2023\n\nDas Netzwerktreffen findet am 21. April im "
        "Familienzentrum statt. Siehe Kapitel 4.1. und Anlage 2.3."
    )
    dates = [d.iso for d in extract_document(make_document(text)).dates]
    assert dates == ["2023-03-03", "2023-04-21"]  # "4.1." is a section number


def test_bookkeeping_dates_of_a_file_are_left_out(make_document: MakeDocument) -> None:
    text = "Datei\nErstellt\n16.07.18, 14:02\nAktualisiert: 25.01.19\n\nSitzung am 11.06.2018"
    assert [d.iso for d in extract_document(make_document(text)).dates] == ["2018-06-11"]


def test_first_day_of_a_range_takes_month_and_year_of_the_second() -> None:
    assert isos("Der Kongress am 5. und 6. Oktober 2022 in Köln") == ["2022-10-05", "2022-10-06"]
    assert isos("Workshops vom 12. bis 14.06.2023 und am 12./13.09.2023") == [
        "2023-06-12",
        "2023-06-14",
        "2023-09-12",
        "2023-09-13",
    ]


def test_occasion_years_leave_out_period_bounds() -> None:
    text = "Das Netzwerk besteht seit 2015 und ist bis 2024 finanziert; Bericht 2021."
    assert occasion_years(text, None) == {2021}
    assert occasion_years("Seit dem Jahr 2016 läuft es.", date(2019, 3, 1)) == {2019}


def test_month_first_dates_only_where_the_day_shows_the_order() -> None:
    """An English-language export writes the month first ("Datum: 01/21/2008"); a date whose
    both numbers could be months ("04/05/2011") stays unread, and a reference is no date."""
    found = [d.iso for d in find_dates("Datum: 01/21/2008, am 04/05/2011, Antrag 12/266")]
    assert found == ["2008-01-21"]


def test_a_stored_pages_month_stamp_dates_the_days_it_names(make_document: MakeDocument) -> None:
    text = (
        " date 2022-10 Der Frühe-Hilfen-Bus hält am 27. Oktober vor dem Rewe-Markt und am 28. "
        "Oktober in Kürten."
    )
    extraction = extract_document(make_document(text))
    assert [d.iso for d in extraction.dates] == ["2022-10-27", "2022-10-28"]
