from __future__ import annotations

from pkgraph.extract.refs import find_refs
from pkgraph.records import Document, Extraction


def refs(text: str) -> list[str]:
    return [ref.reference for ref in find_refs(text)]


def test_reference_shapes() -> None:
    text = (
        "Vorlage SV-9-1306 verweist auf 2013/0381/3.2 und TOP 5kss/1/5/15, "
        "vgl. Drucksache 17/1234 sowie Vorlage Nr. 123/2019."
    )
    assert refs(text) == [
        "SV-9-1306",
        "2013/0381/3.2",
        "5kss/1/5/15",
        "17/1234",
        "123/2019",
    ]


def test_keyword_led_references_are_bare_numbers() -> None:
    text = (
        "Der Ausschuss verweist auf die Drucksache 2020/0877 und auf Drs. 18/402; "
        "die Sitzungsvorlage Nr. 0415/2022 sowie DS-Nr. 17/22 liegen bei."
    )
    assert refs(text) == ["2020/0877", "18/402", "0415/2022", "17/22"]


def test_reference_split_across_a_line_break() -> None:
    assert refs("(siehe Anlage 1 zu SV-9-\n1217).") == ["SV-9-1217"]


def test_dates_phones_file_numbers_and_year_ranges_are_not_references() -> None:
    text = "am 27-09-2018, Tel. 02541/18-5310, Az.: 51/123-4, in den Jahren 2019/2020, 16-27 Jahre"
    assert refs(text) == []


def test_own_reference_first(
    sample_documents: dict[str, Document], sample_extractions: dict[str, Extraction]
) -> None:
    extraction = sample_extractions["001"]
    assert extraction.doc_refs[0].reference == "SV-9-1217"
    assert extraction.doc_refs[0].is_own
    assert {r.reference for r in extraction.doc_refs} == {"SV-9-1217", "SV-9-1082"}
    original = sample_documents["001"].original_text
    for ref in extraction.doc_refs:
        assert original[ref.evidence.start : ref.evidence.end] == ref.evidence.quote


def test_council_system_and_landtag_forms() -> None:
    text = (
        "Beschlussvorlage WP 20-25 SV IV/117, vgl. VORLAGE 17/ 2204 und Drucksachen-Nr. "
        "0912/2020; Kenntnisnahme - FB 51/0112/WP18; Aktenzeichen 4.1187.02; mit der "
        "Sitzungsvorlage WP 20-25 SV 51/096 berichtet"
    )
    assert refs(text) == [
        "WP 20-25 SV IV/117",
        "17/2204",
        "0912/2020",
        "FB 51/0112/WP18",
        "4.1187.02",
        "WP 20-25 SV 51/096",
    ]


def test_a_file_mark_that_looks_like_a_date_but_is_none() -> None:
    assert refs("Vorlage\n207/2011\nAktenzeichen\n4/51-18\nArt\nStand 04/21/2011") == [
        "207/2011",
        "4/51-18",
    ]


def test_author_unit_codes_and_glued_dates_are_not_references() -> None:
    text = "- Verfasst von:\n- FB 51/210.004\nAnlage zur JHA-Vorlage 14.03.2019Konzept.pdf"
    assert refs(text) == []


def test_vorlage_numbers_with_a_letter_and_drs_numbers() -> None:
    text = (
        "V 193/2015\nDer Ausschuss hat die Konzeption verabschiedet (V 11/2013). "
        "Anlage zur DRSNr. 039/12 - Interessenbekundung. ISEK 2021/2022 wird fortgeschrieben."
    )
    assert [r.reference for r in find_refs(text)] == ["V 193/2015", "V 11/2013", "039/12"]


def test_a_keyword_introduces_a_list_of_references() -> None:
    text = "Der Rat beschließt die in den Vorlagen 161/2012 und 186/2012 benannten Maßnahmen."
    assert refs(text) == ["161/2012", "186/2012"]
    assert refs("Siehe Vorlage 12/2020 und 5 weitere Anlagen.") == ["12/2020"]


def test_a_keyword_reference_with_a_space_before_its_slash() -> None:
    assert refs("Vorlage-Nr. 3120 /19 zur Beratung") == ["3120/19"]
    assert refs("FB/Geschäftszeichen: - 40/12 Beratungsfolge:") == ["40/12"]
    # a space before a dash is no joiner: "VORLAGE 16/ 1959 -A4" is 16/1959
    assert refs("VORLAGE 16/ 1959 -A4 Aktenzeichen") == ["16/1959"]


def test_a_time_stamp_is_no_reference() -> None:
    assert refs("Stand: 2024-04-19T13:05:11 Drucksache 17/316") == ["17/316"]


def test_motions_numbered_with_a_hyphen() -> None:
    """The Landschaftsverband numbers its motions "Antrag-Nr. 14/123"; a council "Anfrage Nr."."""
    text = "Antrag-Nr. 14/123 der Fraktionen; vgl. Anfrage Nr. 75/2021 vom 03.02.2021."
    assert refs(text) == ["14/123", "75/2021"]


def test_a_phone_number_without_its_label_is_no_reference() -> None:
    text = "Presseamt\nfon: 0241/432-1309\nVorlage 0731/2019"
    assert [r.reference for r in find_refs(text)] == ["0731/2019"]
