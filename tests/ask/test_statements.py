"""The sentence an answer shows around a fact's evidence, on real sentences of eval/dev."""

from __future__ import annotations

from pkgraph.ask.statements import MAX_STATEMENT, statement, vote_statement

ENUMERATION = (
    "Wie die Bertelsmann Stiftung mitteilt, wurden die Namen der 18 Städte und Kreise "
    "bekanntgegeben, die für das Modellvorhaben ausgewählt worden sind. Es sind die Städte "
    "Arnsberg, Bielefeld, Dormagen, Duisburg sowie der Kreis Düren, der Kreis Unna und der "
    "Kreis Warendorf. Insgesamt sind 52 Kommunen in NRW dem Aufruf zum Modellvorhaben gefolgt."
)


def _around(text: str, evidence: str) -> str:
    start = text.index(evidence)
    return statement(text, start, start + len(evidence))


def test_the_statement_is_the_whole_sentence_of_a_list_entry() -> None:
    shown = _around(ENUMERATION, "Kreis Unna")
    assert shown.startswith("Es sind die Städte Arnsberg")
    assert shown.endswith("der Kreis Warendorf.")


def test_neighbouring_sentences_stay_out() -> None:
    shown = _around(ENUMERATION, "52 Kommunen")
    assert shown == "Insgesamt sind 52 Kommunen in NRW dem Aufruf zum Modellvorhaben gefolgt."


def test_a_paragraph_break_ends_a_sentence_and_lines_are_joined() -> None:
    text = "Beschluss:\n\nDer Jugendhilfeausschuss nimmt den\nBericht zur Kenntnis\n\nJa: 11"
    assert _around(text, "Bericht") == "Der Jugendhilfeausschuss nimmt den Bericht zur Kenntnis"


def test_evidence_across_sentences_keeps_both() -> None:
    shown = _around(ENUMERATION, "ausgewählt worden sind. Es sind")
    assert shown.startswith("Wie die Bertelsmann") and shown.endswith("Kreis Warendorf.")


def test_an_overlong_sentence_is_cut_to_a_window_around_the_evidence() -> None:
    text = "Teilnehmende: " + ", ".join(f"Gemeinde {n}" for n in range(300)) + "."
    shown = _around(text, "Gemeinde 150")
    assert "Gemeinde 150" in shown
    assert len(shown) <= MAX_STATEMENT


def test_a_decision_is_shown_with_the_vote_written_before_or_after_it() -> None:
    before = (
        "Beschluss: einstimmig beschlossen\n\nAbstimmung: Ja: 11, Nein: 0, Enthaltungen: 0\n\n"
        "Beschlussvorschlag:\nDas Netzwerk „Frühe Hilfen“ wird weiterentwickelt."
    )
    start = before.index("Das Netzwerk")
    shown = vote_statement(before, start, len(before))
    assert shown.startswith("Abstimmung: Ja: 11, Nein: 0") and shown.endswith("weiterentwickelt.")
    after = "Der Rat beschließt das Leitbild. Die Sitzung endet. Abstimmungsergebnis: einstimmig"
    shown = vote_statement(after, 0, 10)
    assert shown == "Der Rat beschließt das Leitbild. … Abstimmungsergebnis: einstimmig"


def test_a_decision_without_a_vote_nearby_is_its_sentence() -> None:
    text = "Der Rat beschließt das Leitbild. Die Verwaltung berichtet im Herbst."
    assert vote_statement(text, 0, 10) == "Der Rat beschließt das Leitbild."


def test_the_vote_after_a_long_decision_text_is_shown() -> None:
    decision = "Die Verwaltung wird beauftragt, das Netzwerk aufzubauen. " + " ".join(
        f"Der Baustein {n} wird in das Netzwerk überführt." for n in range(1, 9)
    )
    text = f"Beschlussvorschlag: {decision}\n\nBeschluss: einstimmig\n\nTOP 5 Verschiedenes."
    start = text.index("Die Verwaltung")
    shown = vote_statement(text, start, start + len(decision))
    assert shown.endswith("… Beschluss: einstimmig")


def test_a_day_or_an_ordinal_does_not_end_the_sentence() -> None:
    text = "Vorher. Minden beteiligt sich seit dem 1. Juni 2025 an der 2. Förderstaffel. Danach."
    start = text.index("Minden")
    assert statement(text, start, start + 6) == (
        "Minden beteiligt sich seit dem 1. Juni 2025 an der 2. Förderstaffel."
    )
