from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
from wordfreq import top_n_list

from pkgraph.ingest.ocr import KNOWN_ZIPF, damage_word, german_lexicon, ocr_edits, repair_word
from tests.ingest.helpers import CLEAN_SAMPLES

WORD = re.compile(r"[^\W\d_]+")


@pytest.mark.parametrize(
    ("read", "printed"),
    [
        ("Praventionsketten", "Präventionsketten"),  # ä read as a
        ("Aktivitdten", "Aktivitäten"),  # ä read as d
        ("MalRnahmen", "Maßnahmen"),  # ß read as lR
        ("Férdervoraussetzungen", "Fördervoraussetzungen"),  # ö read as é
        ("Blrgermeisterkonferenz", "Bürgermeisterkonferenz"),  # ü read as l, in a compound
        ("flir", "für"),  # a rare listed word that is an OCR error
        ("Gber", "über"),  # a capital read for a lowercase umlaut
        ("FortfUhrung", "Fortführung"),  # a capital inside a word
        ("Iasst", "lässt"),  # two confusions in an unlisted word
    ],
)
def test_damaged_words_are_repaired(read: str, printed: str) -> None:
    repair = repair_word(read, sentence_initial=False, lexicon=german_lexicon())
    assert repair is not None and repair.after == printed
    assert repair.score_after > repair.score_before


def test_case_follows_the_sentence() -> None:
    lexicon = german_lexicon()
    start = repair_word("Uber", sentence_initial=True, lexicon=lexicon)
    inside = repair_word("Uber", sentence_initial=False, lexicon=lexicon)
    assert start is not None and start.after == "Über"
    assert inside is not None and inside.after == "über"


def test_a_part_of_a_double_surname_is_left_as_written() -> None:
    # "Kulbach" alone would become "Kußbach" (l read for ß); beside an unknown name it is one
    assert repair_word("Kulbach", sentence_initial=False, lexicon=german_lexicon()) is not None
    assert ocr_edits("begrüßte Dr. Anna Frenzke-Kulbach die Gäste", min_damaged_words=1) == []
    # a damaged word hyphen-joined to a known word is still repaired
    edits = ocr_edits("die Jugendhilfe-Praventionskette", min_damaged_words=1)
    assert [e.replacement for e in edits] == ["ä"]


def test_a_listed_word_is_not_read_as_a_compound() -> None:
    # "Kreishaushalt" is listed (rarely); "Kreis|naus|halt" only splits into parts
    assert repair_word("Kreishaushalt", sentence_initial=False, lexicon=german_lexicon()) is None
    assert repair_word("Seiteninhalt", sentence_initial=False, lexicon=german_lexicon()) is None


def test_born_digital_text_keeps_its_rare_words_and_names() -> None:
    """One or two "repairs" in a clean text are names and rare words, not OCR damage."""
    text = (
        "Kleine Anfrage 5192 der Abgeordneten Marcel Hafke, Dr. Björn Kerbein und Henning "
        "Höne FDP. Im Rahmen der Bildungskonferenz verdeutlichten Joachim Köhne und die "
        "Koordinatorin, wie die Präventionskette im Kreis weiterentwickelt wird."
    )
    assert ocr_edits(text) == []
    # each name alone would be "repaired": the gate is what keeps them
    assert len(ocr_edits(text, min_damaged_words=1)) == 2


def test_damage_spread_over_a_page_is_repaired() -> None:
    text = (
        "Die Praventionsketten im Kreis werden fortgefuhrt. Der Ausschuss beschliel3t die "
        "MalRnahmen flir die Familien."
    )
    repaired = [e.replacement for e in ocr_edits(text)]
    assert "ä" in repaired and "ü" in repaired and "ß" in repaired


def test_frequent_words_are_never_touched() -> None:
    lexicon = german_lexicon()
    frequent = [w for w in top_n_list("de", 5000) if WORD.fullmatch(w) and len(w) >= 3]
    for word in frequent:
        for form in (word, word.capitalize()):
            if lexicon.score(form) >= KNOWN_ZIPF:
                assert repair_word(form, sentence_initial=False, lexicon=lexicon) is None, form


def test_held_apart_text_damaged_by_the_confusion_model_is_restored(sample_corpus: Path) -> None:
    """Clean samples with a fifth of their words damaged (fixed seed): most are restored
    exactly and (almost) no correct word is changed."""
    rng = random.Random(11)
    restored = damaged = false_corrections = correct = 0
    for name in CLEAN_SAMPLES:
        words = WORD.findall((sample_corpus / name).read_text("utf-8"))
        read = [
            (damage_word(w, rng) if len(w) >= 3 and rng.random() < 0.2 else None) or w
            for w in words
        ]
        text = " ".join(read)
        edits = ocr_edits(text)
        chars = list(text)
        for edit in reversed(edits):
            chars[edit.start : edit.end] = edit.replacement
        for original, as_read, result in zip(words, read, "".join(chars).split(" "), strict=True):
            if as_read != original:
                damaged += 1
                restored += result == original
            else:
                correct += 1
                false_corrections += result != original
    assert damaged > 300
    assert restored / damaged >= 0.9
    assert false_corrections / correct <= 0.002


@pytest.mark.parametrize("name", CLEAN_SAMPLES)
def test_clean_text_is_left_alone(sample_corpus: Path, name: str) -> None:
    assert ocr_edits((sample_corpus / name).read_text("utf-8")) == []


def test_misread_roman_numerals() -> None:
    text = "l. Problem\n\nll. Lösung\n\nnach SGB VIl und viel"
    edits = ocr_edits(text)  # numerals need no other damage around them
    assert [(text[e.start : e.end], e.replacement) for e in edits] == [
        ("l", "I"),
        ("ll", "II"),
        ("l", "I"),
    ]
