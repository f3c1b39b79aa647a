"""Reading the question (no store needed): intents, question words, abbreviations, stems."""

from __future__ import annotations

import pytest

from pkgraph.ask import (
    best_sentences,
    content_stems,
    detect_asks,
    detect_intents,
    expand_abbreviations,
)


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        ("Welche Kommunen nehmen an Kein Kind zurücklassen teil?", "participation"),
        ("Wer beteiligt sich an der Landesinitiative?", "participation"),
        ("Wie hoch war die Förderung für den Kreis Unna?", "funding"),
        ("Wie viel Geld gab das Land?", "funding"),
        ("Wann hat der Kreistag Coesfeld dem Leitbild zugestimmt?", "decision"),
        ("Was hat der Rat beschlossen?", "decision"),
        ("Wo fand die Entwicklungskonferenz statt?", "event"),
        ("Wer ist Bürgermeister?", "person"),
    ],
)
def test_intents(question: str, intent: str) -> None:
    assert intent in detect_intents(question)


def test_open_question_has_no_intent() -> None:
    assert detect_intents("Was ist eine Präventionskette?") == ()
    assert detect_asks("Was ist eine Präventionskette?") == ()


@pytest.mark.parametrize(
    ("question", "ask"),
    [
        ("Wer leitet die Koordinationsstelle?", "who"),
        ("An wen richtet sich das Schreiben?", "who"),
        ("Wann tagte der Ausschuss?", "when"),
        ("An welchem Tag wurde beraten?", "when"),
        ("Seit wann nimmt Hamm teil?", "when"),
        ("Wie viel Geld gibt das Land 2025 aus?", "amount"),
        ("Mit welcher Summe wird das Projekt unterstützt?", "amount"),
        ("Wo fand die Konferenz statt?", "where"),
        ("Welche Kommunen nehmen teil?", "places"),
        ("Welche Städte und Kreise kamen neu hinzu?", "places"),
        ("Mit welcher Mehrheit fiel der Beschluss?", "vote"),
        ("Wie ging die Abstimmung im Rat aus?", "vote"),
        ("Gab es Enthaltungen?", "vote"),
        ("Wie viele Kommunen haben sich beworben?", "count"),
        ("Einer von wie vielen Standorten ist der Kreis Lippe?", "count"),
        ("Wie viel Prozent der Jugendämter nehmen teil?", "count"),
        ("Welche Hochschule evaluiert das Projekt?", "organisation"),
        ("Mit welchen Partnern setzt die Stadt die Initiative um?", "organisation"),
        ("Welches Landesministerium hat den Aufruf veröffentlicht?", "organisation"),
    ],
)
def test_question_words_say_what_the_answer_states(question: str, ask: str) -> None:
    assert ask in detect_asks(question)


def test_money_is_an_amount_not_a_count() -> None:
    assert detect_asks("Wie viele Euro erhält der Kreis?") == ("amount",)
    assert detect_asks("Wie viel Geld gibt das Land?") == ("amount",)
    assert "amount" not in detect_asks("Wie viele Kommunen nehmen teil?")


def test_a_date_question_about_a_minister_asks_when_not_who() -> None:
    assert detect_asks("Wann ist die Ministerin in Detmold?") == ("when",)


@pytest.mark.parametrize(
    ("question", "written_out"),
    [
        ("Was hat der JHA beschlossen?", "Jugendhilfeausschuss"),
        ("Hat der HFA zugestimmt?", "Haupt- und Finanzausschuss"),
        ("Wer koordiniert KeKiz im Kreis?", "Kein Kind zurücklassen"),
    ],
)
def test_abbreviations_are_written_out(question: str, written_out: str) -> None:
    expanded = expand_abbreviations(question)
    assert written_out in expanded
    assert expanded.startswith(question.split(" ", 1)[0])  # the short form stays


def test_abbreviations_need_whole_words() -> None:
    assert expand_abbreviations("Die JHAs und LVR-Mittel") == "Die JHAs und LVR-Mittel"


def test_content_stems_skip_function_words() -> None:
    stems = content_stems("Wann hat der Kreistag dem Leitbild zugestimmt?")
    assert any("leitbild".startswith(stem) for stem in stems)
    assert not {"wann", "hat", "der", "dem"} & set(stems)


def test_best_sentences_pick_the_matching_sentence() -> None:
    text = "Das Wetter war gut. Der Kreistag stimmte dem Leitbild zu. Danach gab es Kaffee."
    assert best_sentences(text, ("leitbild",)) == ("Der Kreistag stimmte dem Leitbild zu.",)
    assert best_sentences(text, ("nichts",)) == ()
