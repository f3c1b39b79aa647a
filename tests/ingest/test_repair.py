from __future__ import annotations

import itertools
import unicodedata
from pathlib import Path

import pytest

from pkgraph.ingest.repair import repair_text
from pkgraph.records import RepairedText
from tests.ingest.helpers import CLEAN_SAMPLES, OCR_SAMPLE


def assert_offsets_consistent(repaired: RepairedText) -> None:
    """Every unchanged character maps to itself; every correction quotes the original."""
    original, text, offsets = repaired.original, repaired.text, repaired.offsets
    assert len(offsets) == len(text) + 1 and offsets[-1] == len(original)
    assert all(a <= b for a, b in itertools.pairwise(offsets))
    changed = [False] * len(original)
    for correction in repaired.corrections:
        assert original[correction.start : correction.end] == correction.before
        for position in range(correction.start, correction.end):
            changed[position] = True
    for index, char in enumerate(text):
        if not changed[offsets[index]]:
            assert original[offsets[index]] == char


@pytest.mark.parametrize("name", [*CLEAN_SAMPLES, OCR_SAMPLE])
def test_sample_offsets_round_trip(sample_corpus: Path, name: str) -> None:
    repaired = repair_text((sample_corpus / name).read_text("utf-8"))
    assert_offsets_consistent(repaired)


def test_decomposed_umlauts_are_composed() -> None:
    original = unicodedata.normalize("NFD", "Jugendförderung für Städte")
    repaired = repair_text(original)
    assert repaired.text == "Jugendförderung für Städte"
    assert {c.kind for c in repaired.corrections} == {"unicode"}
    assert_offsets_consistent(repaired)
    start, end = repaired.to_original(0, len(repaired.text))
    assert original[start:end] == original


def test_ligatures_soft_hyphens_and_zero_width_are_fixed() -> None:
    repaired = repair_text("Die Ö\ufb00entlichkeit wird infor\u00admiert\u200b.")
    assert repaired.text == "Die Öffentlichkeit wird informiert."
    assert_offsets_consistent(repaired)


def test_mojibake_is_repaired() -> None:
    original = "Die FÃ¶rderung der KommunalprÃ¤vention betrÃ¤gt 50 %."
    repaired = repair_text(original)
    assert repaired.text == "Die Förderung der Kommunalprävention beträgt 50 %."
    assert "mojibake" in {c.kind for c in repaired.corrections}
    assert_offsets_consistent(repaired)


def test_line_break_hyphens() -> None:
    original = (
        "die Kommune soll weiter-\n\nzuentwickeln sein, der Auf-\nund Ausbau laut SV-9-\n1217 "
        "sowie die Jugend-\nHilfe."
    )
    repaired = repair_text(original)
    assert repaired.text == (
        "die Kommune soll weiterzuentwickeln sein, der Auf- und Ausbau laut SV-9-1217 "
        "sowie die Jugend-Hilfe."
    )
    assert_offsets_consistent(repaired)
    word = repaired.text.index("weiterzuentwickeln")
    start, end = repaired.to_original(word, word + len("weiterzuentwickeln"))
    assert original[start:end] == "weiter-\n\nzuentwickeln"


def test_layout_whitespace_is_collapsed() -> None:
    original = (
        "  Betreff\xa0\xa0 Prävention   \r\n \r\n\r\n\n"
        "Die Verwaltung hat am\n12.06.2018 berichtet und\ndie Kommunen\nBeteiligt.\n"
        "1.\tJugendhilfeausschuss \t 27.06.2012\n"
    )
    repaired = repair_text(original)
    assert repaired.text == (
        "Betreff\tPrävention\n\n"
        "Die Verwaltung hat am 12.06.2018 berichtet und die Kommunen\nBeteiligt.\n"
        "1.\tJugendhilfeausschuss\t27.06.2012"
    )
    assert_offsets_consistent(repaired)


def test_table_rows_keep_their_line_breaks_and_cells() -> None:
    original = (
        "Beratungsweg\nTermin      Gremium                       Art der Beratung\n"
        "03.11.2020  Sozialausschuss der Stadt  Vorberatung\n"
        "19.11.2020\tStadtrat\tBeschluss\n\n"
        "Die Kommission tagt am\n04.05.2021 im Rathaus und berichtet\ndem Rat.\n"
    )
    repaired = repair_text(original)
    assert repaired.text == (
        "Beratungsweg\nTermin\tGremium\tArt der Beratung\n"
        "03.11.2020\tSozialausschuss der Stadt\tVorberatung\n"
        "19.11.2020\tStadtrat\tBeschluss\n\n"
        "Die Kommission tagt am 04.05.2021 im Rathaus und berichtet dem Rat."
    )
    assert_offsets_consistent(repaired)


def test_dated_rows_without_cell_gaps_stay_rows() -> None:
    original = (
        "Beratungsfolge\nSitzungstermin Gremium Zuständigkeit\n"
        "12.02.2022 Jugendhilfeausschuss Anhörung\n21.02.2022 Kreistag Entscheidung\n"
    )
    repaired = repair_text(original)
    assert repaired.text == (
        "Beratungsfolge\nSitzungstermin Gremium Zuständigkeit\n"
        "12.02.2022 Jugendhilfeausschuss Anhörung\n21.02.2022 Kreistag Entscheidung"
    )
    assert_offsets_consistent(repaired)


def test_ocr_sample_is_repaired_in_context(sample_corpus: Path) -> None:
    repaired = repair_text((sample_corpus / OCR_SAMPLE).read_text("utf-8"))
    for word in ("Präventionsketten", "Aktivitäten", "Maßnahmen", "Fördervoraussetzungen",
                 "Bürgermeisterkonferenz", "weiterzuentwickeln", "SV-9-1217"):  # fmt: skip
        assert word in repaired.text
    assert "über die" in repaired.text and "Plattform für den" in repaired.text
    assert_offsets_consistent(repaired)


@pytest.mark.parametrize("name", CLEAN_SAMPLES)
def test_clean_samples_get_no_ocr_changes(sample_corpus: Path, name: str) -> None:
    repaired = repair_text((sample_corpus / name).read_text("utf-8"))
    assert [c for c in repaired.corrections if c.kind == "ocr"] == []


def test_rows_of_a_table_of_contents_keep_their_line_breaks() -> None:
    text = (
        "INHALT\n04 Hannelore Kraft, Ministerpräsidentin des Landes Nordrhein-Westfalen\n"
        "05 Dr. Brigitte Mohn, Vorstandsmitglied der Bertelsmann Stiftung\n"
        "06 Politik der Vorbeugung\n\nEs nehmen insgesamt\n25 Kommunen teil."
    )
    repaired = repair_text(text)
    assert "Westfalen\n05 Dr. Brigitte Mohn, Vorstandsmitglied der Bertelsmann Stiftung\n06" in (
        repaired.text
    )
    assert "insgesamt 25 Kommunen" in repaired.text  # a number inside a sentence still joins
    assert_offsets_consistent(repaired)


def test_hard_wrapped_prose_is_unwrapped_before_capitals() -> None:
    """A PDF's text layer breaks lines where the next word does not fit, also before a noun or
    a surname ("Landrätin Maria\\nSchulte"); breaks after a sentence, before a list item
    and at short lines (headings) stay."""
    original = (
        "Kreis Musterland\nPressemitteilung\n"
        "Der Jugendhilfeausschuss hat in seiner letzten Sitzung die\n"
        "Teilnahme am Landesprogramm beschlossen, sagte Landrätin Maria\n"
        "Schulte am Montag vor den Vertreterinnen und Vertretern der\n"
        "Kommunen. Die Koordinierungsstelle im Fachbereich Jugend und\n"
        "Familie nimmt ihre Arbeit im kommenden Frühjahr auf und wird\n"
        "die Angebote der Träger vor Ort miteinander vernetzen, die\n"
        "bisher oft nebeneinander arbeiten. Geplant sind unter anderem\n"
        "zwei Fachtage für Kitas und Grundschulen im Kreisgebiet sowie:\n"
        "1. ein Netzwerktreffen im Mai\n"
    )
    repaired = repair_text(original)
    assert "Landrätin Maria Schulte am Montag" in repaired.text
    assert "Fachbereich Jugend und Familie nimmt" in repaired.text
    assert repaired.text.startswith("Kreis Musterland\nPressemitteilung\nDer Jugendhilfeausschuss")
    assert "Kreisgebiet sowie:\n1. ein Netzwerktreffen" in repaired.text
    assert_offsets_consistent(repaired)


def test_long_items_of_a_web_page_are_no_wrapped_text() -> None:
    """Lines of labelled fields and long list items reach a common length too, but no line
    breaks before a lowercase word: nothing is joined."""
    original = (
        "Federführend: Fachbereich III - Familie, Bildung, Soziales und Integration\n"
        "Beratungsfolge: Sozialausschuss, Jugendhilfeausschuss und Rat der Stadt\n"
        "Anlage 1: Vereinbarung zwischen Land und Kommunen über die Förderung\n"
        "Anlage 2: Erlass zur Förderung zusätzlicher Personalkosten 2016 bis 2018\n"
        "Anlage 3: Erlass zur Förderung von Familienzentren in den Jahren 2016/17\n"
        "Anlage 4: Förderrichtlinie zum Ausbau der Kindertagesbetreuung im Kreis\n"
    )
    assert repair_text(original).text == original.rstrip("\n")
