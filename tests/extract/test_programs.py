from __future__ import annotations

from pkgraph.extract.programs import (
    CATALOGUE_BY_KEY,
    PROGRAM_CATALOGUE,
    find_program_hits,
    main_program,
    program_in_use,
)
from pkgraph.records import Extraction


def keys(text: str, year: int | None = None) -> list[str]:
    return [hit.key for hit in find_program_hits(text, year)]


def test_catalogue_links_are_consistent() -> None:
    assert len({entry.key for entry in PROGRAM_CATALOGUE}) == len(PROGRAM_CATALOGUE)
    for entry in PROGRAM_CATALOGUE:
        assert entry.successor_of is None or entry.successor_of in CATALOGUE_BY_KEY
        assert entry.part_of is None or entry.part_of in CATALOGUE_BY_KEY


def test_aliases_spellings_and_ocr_damage() -> None:
    text = (
        "„Kein Kind zurücklassen! Kommunen in NRW beugen vor“, kurz KeKiz; die Kommunalen "
        "Praventionsketten; Landesinitiative „Gemeinsam klappt’s“; kinderstark – NRW schafft "
        "Chancen; das LVR-Programm „Teilhabe ermöglichen – Kommunale Netzwerke gegen Kinderarmut“; "
        "die Bundesstiftung Frühe Hilfen; Mittel des Europäischen Sozialfonds"
    )
    assert keys(text, 2021) == [
        "kein-kind-zuruecklassen",
        "kein-kind-zuruecklassen",
        "kommunale-praeventionsketten",
        "gemeinsam-klappts",
        "kinderstark",
        "teilhabe-ermoeglichen",
        "fruehe-hilfen",
        "esf",
    ]


def test_generic_phrases_are_not_programs() -> None:
    text = "Eine kommunale Präventionskette soll Teilhabe ermöglichen; frühe Hilfen für Familien."
    assert keys(text) == []


def test_renamed_program_resolves_to_the_name_in_use_at_the_time() -> None:
    assert program_in_use("kommunale-praeventionsketten", 2012) == "kein-kind-zuruecklassen"
    assert program_in_use("kommunale-praeventionsketten", 2019) == "kommunale-praeventionsketten"
    assert program_in_use("kinderstark", 2018) == "kommunale-praeventionsketten"
    assert program_in_use("kommunale-praeventionsketten", None) == "kommunale-praeventionsketten"


def test_unknown_quoted_program_after_a_program_word_gets_its_parent() -> None:
    text = (
        "Die Stadt beteiligt sich am Modellprojekt „Starke Nachbarn“ im Rahmen der "
        "Landesinitiative „Kommunale Präventionsketten“. Das Projekt „Starke Nachbarn“ läuft."
    )
    hits = [h for h in find_program_hits(text, 2019) if h.key == "starke-nachbarn"]
    assert [h.name for h in hits] == ["Starke Nachbarn", "Starke Nachbarn"]
    assert {h.parent_key for h in hits} == {"kommunale-praeventionsketten"}
    assert main_program(find_program_hits(text, 2019)) == "kommunale-praeventionsketten"


def test_samples(sample_extractions: dict[str, Extraction]) -> None:
    old = {p.key: p for p in sample_extractions["004"].programs}  # a paper from 2012
    assert set(old) == {"kein-kind-zuruecklassen", "bruecken-fuer-familien"}
    assert old["bruecken-fuer-familien"].parent_key == "kein-kind-zuruecklassen"
    new = {p.name for p in sample_extractions["000"].programs}
    assert new == {"Kommunale Präventionsketten", "gemeinsam klappt's", "ESF-Förderung"}
