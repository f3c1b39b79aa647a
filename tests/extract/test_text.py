from __future__ import annotations

from pkgraph.extract.text import find_headings, split_sentences
from tests.extract.conftest import MakeDocument, text_of

REPORT = (
    "Begründung:\n\nEntwicklung auf Kreisebene\n\nAm 27.09.2018 fand die Konferenz statt. "
    "Sie war gut besucht.\n\nnächste Schritte und Ausblick\n\nDer Kreistag hat zugestimmt.\n"
)


def test_headings_are_short_single_line_paragraphs() -> None:
    headings = [REPORT[start:end].strip() for start, end in find_headings(REPORT)]
    assert headings == [
        "Begründung:",
        "Entwicklung auf Kreisebene",
        "nächste Schritte und Ausblick",
    ]
    assert find_headings("Ein kurzer Satz.\n\nNoch ein Satz.") == []


def test_section_start_is_after_the_last_heading(make_document: MakeDocument) -> None:
    doc = text_of(make_document(REPORT))
    visited = doc.text.index("Sie war")
    section = doc.text[doc.section_start(visited) :].lstrip()
    assert section.startswith("Am 27.09.2018")
    last = doc.text[doc.section_start(doc.text.index("Der Kreistag")) :]
    assert last.strip() == "Der Kreistag hat zugestimmt."
    assert doc.section_start(0) == 0


def test_abbreviations_of_council_papers_end_no_sentence() -> None:
    text = (
        "Wir bitten, den o.g. Antrag zu beraten. Kontakt: Tecklenburger Str. 10, Fachtag am 5. "
        "Okt. 2019 im Rathaus. Der Kinderschutzbund e.V. Lemgo lädt ab dem lfd. Jahr ein."
    )
    assert [text[s:e].strip() for s, e in split_sentences(text)] == [
        "Wir bitten, den o.g. Antrag zu beraten.",
        "Kontakt: Tecklenburger Str. 10, Fachtag am 5. Okt. 2019 im Rathaus.",
        "Der Kinderschutzbund e.V. Lemgo lädt ab dem lfd. Jahr ein.",
    ]


def test_a_titles_exclamation_mark_ends_no_sentence() -> None:
    text = (
        "Die Stadt nimmt am Programm „Kein Kind zurücklassen! Für ganz Nordrhein-Westfalen“ "
        "teil. Das Motto „Mach mit! Sei dabei“ gilt. Super! Alle kommen."
    )
    assert [text[s:e].strip() for s, e in split_sentences(text)] == [
        "Die Stadt nimmt am Programm „Kein Kind zurücklassen! Für ganz Nordrhein-Westfalen“ teil.",
        "Das Motto „Mach mit! Sei dabei“ gilt.",
        "Super!",
        "Alle kommen.",
    ]


def test_a_bulleted_line_after_a_line_of_prose_starts_a_sentence() -> None:
    text = (
        "  • Die Kosten der Hilfen stiegen ständig an\n  • Die Stadt Viersen ist eine der 40 "
        "teilnehmenden Kommunen.\n▪ Neu ist das Familienbüro"
    )
    assert [text[s:e].strip() for s, e in split_sentences(text)] == [
        "• Die Kosten der Hilfen stiegen ständig an",
        "• Die Stadt Viersen ist eine der 40 teilnehmenden Kommunen.",
        "▪ Neu ist das Familienbüro",
    ]
    towns = "Kommunen seit 2020:\n  • Bergheim\n  • Kreis Soest\n"
    assert len(split_sentences(towns)) == 1
