from __future__ import annotations

from pkgraph.search.analysis import analyze, char_grams, compound_parts
from pkgraph.search.lexical import LexicalChannels


def test_compounds_split_into_lexicon_words() -> None:
    assert compound_parts("präventionsetat") == ("prävention", "etat")
    assert compound_parts("landesförderung")[-1] == "förderung"
    assert compound_parts("haus") == ()
    assert compound_parts("xqzvwrtplkjhg") == ()


def test_analyze_stems_folds_umlauts_and_drops_stopwords() -> None:
    tokens = analyze("Wer hat die Präventionsketten der Kommunen gefördert?")
    assert "wer" not in tokens and "die" not in tokens
    # OCR lost the umlaut: both spellings meet in one stem
    assert set(analyze("Praventionsketten")) <= set(tokens)
    assert analyze("Kommune") == analyze("Kommunen")


def test_analyze_adds_compound_parts() -> None:
    assert set(analyze("Etat")) <= set(analyze("Präventionsetat"))
    assert set(analyze("Etat")).isdisjoint(analyze("Präventionsetat", split_compounds=False))


def test_bm25_finds_a_compound_by_its_part_and_respects_allowed() -> None:
    texts = {
        "a/0": "Der Präventionsetat des Landes wurde aufgestockt.",
        "a/1": "Die Sitzung des Ausschusses begann pünktlich.",
        "b/0": "Der Etat für Schulen bleibt gleich.",
    }
    ids = list(texts)
    index = LexicalChannels.build(
        ids, [pid[0] for pid in ids], list(texts.values()), [analyze(t) for t in texts.values()]
    )

    def search(query: str, allowed: frozenset[str] | None = None) -> list[str]:
        return [pid for pid, _ in index.rank(index.scores(query)["words"], 3, allowed)]

    ranked = search("Um wie viel wurde der Etat für Prävention erhöht?")
    assert ranked[0] == "a/0"
    assert "a/1" not in ranked  # no shared word, no hit
    assert search("Etat Prävention", allowed=frozenset({"b/0"})) == ["b/0"]
    assert search("Quantenchromodynamik") == []
    empty = LexicalChannels.build([], [], [], [])
    assert empty.rank(empty.scores("Etat")["words"], 3) == []


def test_char_grams_meet_ocr_damage_and_unsplit_compounds() -> None:
    assert char_grams("Wer hat die Etat?") == ["#etat#"]  # stopwords and short words drop out
    damaged = set(char_grams("Präventlonskette"))
    intact = set(char_grams("Präventionsketten"))
    assert len(damaged & intact) >= 5  # most grams survive one wrong letter
    assert "#fruhw" in char_grams("Frühwarnsystem")  # umlaut folded, start marked
    assert char_grams("2024 Euro") == ["#euro#"]  # numbers are left to the words channel


def test_document_channel_carries_the_question_context_to_every_passage() -> None:
    rows = [
        ("neuss/0", "neuss", "Die Stadt Neuss erhält Fördermittel vom Landschaftsverband."),
        ("neuss/1", "neuss", "Der Betrag liegt bei 48 000 Euro im Jahr."),
        ("koeln/0", "koeln", "Der Betrag für Schulen in Köln liegt bei 10 000 Euro im Jahr."),
    ]
    ids, docs, texts = (list(column) for column in zip(*rows, strict=True))
    channels = LexicalChannels.build(ids, docs, texts, [analyze(t) for t in texts])
    scores = channels.scores("Welchen Betrag erhält Neuss?")
    assert set(scores) == {"words", "grams", "documents"}
    assert all(len(s) == len(ids) for s in scores.values())
    assert channels.passage_ids == sorted(ids)  # score arrays are in id order
    documents = dict(zip(channels.passage_ids, scores["documents"], strict=True))
    assert documents["neuss/1"] == documents["neuss/0"] > documents["koeln/0"]
    assert channels.candidates(scores, 10, None) == set(ids)
    assert channels.candidates(scores, 10, frozenset({"koeln/0"})) == {"koeln/0"}
