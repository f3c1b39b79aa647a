from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from pkgraph.ingest.metadata import detect_metadata, find_dates, find_references
from pkgraph.ingest.repair import repair_text
from pkgraph.records import DocumentMetadata
from tests.conftest import EVAL_DIR

GOLD = {
    row["file"]: row
    for row in map(json.loads, (EVAL_DIR / "seeds_gold.jsonl").read_text("utf-8").splitlines())
}


def _metadata(sample_corpus: Path, name: str) -> DocumentMetadata:
    return detect_metadata(repair_text((sample_corpus / name).read_text("utf-8")).text, "txt")


def _gold_author(gold: dict[str, Any]) -> str | None:
    authors = [m["name"] for m in gold["municipalities"] if m["role"] == "author"]
    return authors[0] if authors else None


@pytest.mark.parametrize("name", sorted(GOLD))
def test_sample_metadata_agrees_with_gold(sample_corpus: Path, name: str) -> None:
    gold = GOLD[name]
    metadata = _metadata(sample_corpus, name)
    assert metadata.doc_type == gold["doc_type"]
    assert metadata.reference == (gold["doc_refs"][0] if gold["doc_refs"] else None)
    assert set(metadata.mentioned_references) == set(gold["doc_refs"][1:])
    assert metadata.municipality == _gold_author(gold)
    assert metadata.date is None or metadata.date in gold["dates"]
    assert metadata.title and len(metadata.title) > 20
    gold_bodies = {m for b in gold["bodies"] for m in [b["name"], *b["mentions"]]}
    for consultation in metadata.consultations:
        assert consultation.body in gold_bodies
        assert consultation.date in gold["dates"]


def test_sessionnet_head(sample_corpus: Path) -> None:
    metadata = _metadata(sample_corpus, "000_926e73689645af8e.txt")
    assert metadata.title == "Kommunale Präventionsketten - aktueller Sachstand"


def test_beratungsfolge_table(sample_corpus: Path) -> None:
    metadata = _metadata(sample_corpus, "004_0bcc7c8f61a2b24f.txt")
    assert [(c.order, c.date) for c in metadata.consultations] == [
        (1, "2012-06-27"),
        (2, "2012-07-04"),
        (3, "2012-07-05"),
    ]
    assert metadata.consultations[-1].body == "Rat der Stadt Bergkamen"
    assert metadata.date == "2012-06-05"


def test_allris_beratungsreihenfolge_row(sample_corpus: Path) -> None:
    metadata = _metadata(sample_corpus, "003_982e31faa310d561.txt")
    [consultation] = metadata.consultations
    assert consultation.role == "Beschließend"
    assert consultation.body == "Kultur- und Schulsenat"
    assert metadata.date == "2015-01-11"  # "Antrag ... vom 11.01.2015"


def test_other_layouts() -> None:
    text = (
        "Stadt Lünen\nDrucksache Nr.: 2019/0381/3.2\nDatum: 3. April 2019\n\n"
        "Mitteilungsvorlage\n\nBetreff: Kinderarmut in der Stadt Lünen\n\n"
        "Beratungsweg:\nSozialausschuss 14.05.2019 Vorberatung\nRat 23.05.2019 Entscheidung\n\n"
        "Bezug: siehe VO/2018/0112. Haushaltsjahre 2019/2020. Die Stadt Lünen beantragt "
        "Mittel; der Kreis Unna ist beteiligt. Die Stadt Lünen berichtet.\n"
    )
    metadata = detect_metadata(text, "md")
    assert metadata.reference == "2019/0381/3.2"
    assert metadata.mentioned_references == ("VO/2018/0112",)
    assert metadata.doc_type == "Mitteilungsvorlage"
    assert metadata.title == "Kinderarmut in der Stadt Lünen"
    assert metadata.date == "2019-04-03"
    assert [(c.body, c.date, c.role) for c in metadata.consultations] == [
        ("Sozialausschuss", "2019-05-14", "Vorberatung"),
        ("Rat", "2019-05-23", "Entscheidung"),
    ]
    assert metadata.municipality == "Lünen"


def test_date_first_consultation_rows() -> None:
    original = (
        "Kreis Borken\nVorlage Nr. 0233/2022\n\nBeratungsfolge:\n"
        "Datum       Gremium                              Zuständigkeit\n"
        "02.03.2022  Ausschuss für Jugend und Familie     Vorberatung\n"
        "17.03.2022  Kreisausschuss                       Empfehlung\n"
        "31.03.2022  Kreistag                             Beschließend\n\n"
        "Betreff: Netzwerk gegen Kinderarmut\n"
    )
    metadata = detect_metadata(repair_text(original).text, "txt")
    assert [(c.order, c.body, c.date, c.role) for c in metadata.consultations] == [
        (1, "Ausschuss für Jugend und Familie", "2022-03-02", "Vorberatung"),
        (2, "Kreisausschuss", "2022-03-17", "Empfehlung"),
        (3, "Kreistag", "2022-03-31", "Beschließend"),
    ]


def test_date_first_rows_without_cell_gaps() -> None:
    text = (
        "Beratungsweg\n08.09.2020 Jugendhilfeausschuss Kenntnisnahme\n"
        "24.09.2020 Rat der Gemeinde Entscheidung\n"
    )
    assert [(c.body, c.date, c.role) for c in detect_metadata(text, "txt").consultations] == [
        ("Jugendhilfeausschuss", "2020-09-08", "Kenntnisnahme"),
        ("Rat der Gemeinde", "2020-09-24", "Entscheidung"),
    ]


def test_html_without_type_is_a_web_page() -> None:
    assert (
        detect_metadata("Lernnetzwerk\n\nEin Bericht vom Treffen.", "html").doc_type == "Webseite"
    )


def test_find_dates_validates_the_calendar() -> None:
    found = find_dates("am 31.02.2019, am 1. März 2019, am 2019-03-05 und am 05.03.15")
    assert [d.iso for d in found] == ["2019-03-01", "2019-03-05", "2015-03-05"]


def test_references_without_label_and_citations() -> None:
    own, others = find_references("Anlage 1 zu SV-9-1217 (siehe SV-9-1082), vgl. 0123/2019.")
    assert own == "SV-9-1217"
    assert others == ["SV-9-1082", "0123/2019"]


def test_a_table_flattened_into_one_cell_per_line() -> None:
    """Web exports of SessionNet tables: status, date, body and role each on a line of its
    own, rows not separated; the column headers and the status are no bodies."""
    text = (
        "Vorlage - FB 5/0042/2023\n\nBeratungsfolge\nStatus | Datum | Gremium | Beschluss |\n"
        "---|---|---|---|\n●\nErledigt\n|\n|\nJugendhilfeausschuss\n|\nVorberatung\n|\n"
        "14.02.2023\n| |||\n●\nErledigt\n|\n|\nRat der Stadt Witten\n|\nEntscheidung\n|\n"
        "02.03.2023\n|\n\nBeschlussvorschlag:\nDer Rat beschließt.\n"
    )
    assert [(c.body, c.date, c.role) for c in detect_metadata(text, "txt").consultations] == [
        ("Jugendhilfeausschuss", "2023-02-14", "Vorberatung"),
        ("Rat der Stadt Witten", "2023-03-02", "Entscheidung"),
    ]


def test_the_portal_label_names_the_issuing_council() -> None:
    text = (
        "Beschlussvorlage (Familienbüro)\n\nDaten\n\nKommune\nHalver\nGröße\n88 kB\n\n"
        "Inhalt der Datei\n\nDer Kreis Unna und die Stadt Kamen haben ähnliche Büros.\n"
    )
    assert detect_metadata(text, "txt").municipality == "Halver"


def test_a_body_above_a_row_headed_by_its_column_name() -> None:
    original = (
        "STADT ERFTSTADT\nV 12/2015\nBeratungsfolge\nJugendhilfeausschuss\nBetrifft:\n"
        "Termin 06.05.2015\nBemerkungen zur Kenntnis\nBericht der Koordinatorin\n"
    )
    metadata = detect_metadata(repair_text(original).text, "txt")
    assert [(c.body, c.date) for c in metadata.consultations] == [
        ("Jugendhilfeausschuss", "2015-05-06")
    ]


def test_a_labelled_session_day_further_down_a_flattened_table() -> None:
    """A page number between the body and its "Termin" line: the day is still the row's."""
    original = (
        "STADT BRÜHL\nV 07/2016\nBeratungsfolge\nSozialausschuss\nBetrifft:\n- 14 -\n"
        "Termin 21.09.2016\nBemerkungen beschließend\nFamilienbüro\nFinanzielle Auswirkungen:\n"
    )
    metadata = detect_metadata(repair_text(original).text, "txt")
    assert [(c.body, c.date) for c in metadata.consultations] == [("Sozialausschuss", "2016-09-21")]


def test_rows_glued_together_under_no_header() -> None:
    """The LVR's export joins body, date and role of each row and prints no "Beratungsfolge"."""
    text = (
        "Antrag-Nr. 14/101\nöffentlich\nLandesjugendhilfeausschuss05.03.2015empfehlender "
        "Beschluss\nLandschaftsausschuss20.03.2015Beschluss\nTagesordnungspunkt:\nFamilienbüros\n"
    )
    assert [(c.body, c.date) for c in detect_metadata(text, "txt").consultations] == [
        ("Landesjugendhilfeausschuss", "2015-03-05"),
        ("Landschaftsausschuss", "2015-03-20"),
    ]
