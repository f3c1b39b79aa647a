"""The highlighted sentence: the one stating what the query asks, found by words alone."""

from __future__ import annotations

from pkgraph.search.analysis import QueryTerms
from pkgraph.search.highlight import best_sentence

PASSAGE = (
    "Der Jugendhilfeausschuss tagte am 12. März 2019 im Rathaus. "
    "Die Verwaltung berichtete über den Stand der Präventionskette. "
    "Das Land stellt für die Koordinierungsstelle 45.000 Euro jährlich bereit. "
    "Die nächste Sitzung findet im Juni statt."
)


def highlighted(query: str, text: str = PASSAGE) -> str:
    start, end = best_sentence(text, QueryTerms.of(query))
    return text[start:end]


def test_the_sentence_sharing_most_query_words_is_chosen() -> None:
    assert highlighted("Bericht Stand Präventionskette").startswith("Die Verwaltung berichtete")


def test_a_word_the_genre_uses_for_the_query_word_counts() -> None:
    # no sentence says "Geld": the thesaurus relates it to "Euro"
    assert highlighted("Wie viel Geld gibt es?").startswith("Das Land stellt")


def test_damaged_or_inflected_words_break_a_tie_by_their_letters() -> None:
    text = "Die Kooordinierungsstelle ist besetzt. Das Büro ist geschlossen."
    assert highlighted("Koordinierungsstelle", text).startswith("Die Kooordinierungsstelle")


def test_without_a_match_the_first_sentence_and_without_sentences_the_whole_text() -> None:
    assert highlighted("Haushaltssperre").startswith("Der Jugendhilfeausschuss")
    assert best_sentence("   ", QueryTerms.of("Geld")) == (0, 3)
