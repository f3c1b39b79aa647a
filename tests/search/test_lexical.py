from __future__ import annotations

from pkgraph.search.lexical import LexicalIndex, analyze, compound_parts


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
    index = LexicalIndex(list(texts), [analyze(t) for t in texts.values()])
    ranked = index.search(analyze("Um wie viel wurde der Etat für Prävention erhöht?"), 3)
    assert ranked[0][0] == "a/0"
    assert "a/1" not in {pid for pid, _ in ranked}  # no shared word, no hit
    only_b = index.search(analyze("Etat Prävention"), 3, allowed=frozenset({"b/0"}))
    assert [pid for pid, _ in only_b] == ["b/0"]
    assert index.search(analyze("Quantenchromodynamik"), 3) == []
    assert LexicalIndex([], []).search(["etat"], 3) == []
