"""The entities channel: document entity keys at index time, question entities at query time."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from pkgraph.extract import extract_document
from pkgraph.records import Document
from pkgraph.search import index as index_module
from pkgraph.search.entities import (
    LIST_PLACES,
    asks_for_places,
    document_entities,
    entity_scores,
    place_list_scores,
    question_entities,
)
from pkgraph.search.index import SearchIndex
from pkgraph.settings import Settings


def test_question_entities_read_municipalities_like_extraction() -> None:
    assert "ags:05558" in question_entities("Was beschloss der Kreistag im Kreis Coesfeld?")
    assert question_entities("Wie viele Gäste kamen zur Konferenz?") == frozenset()


def test_a_question_for_places_prefers_a_passage_that_lists_them() -> None:
    assert asks_for_places("Welche Kreise wurden 2012 als Modellkommunen ausgewählt?")
    assert asks_for_places("Welche Kommunen nehmen am Programm teil?")
    assert not asks_for_places("Wann tagte der Jugendhilfeausschuss?")
    listing = "Es sind die Städte Bielefeld, Dortmund und Hamm sowie die Kreise Unna und Soest."
    one = "In Bielefeld wurde die Präventionskette vorgestellt."
    scores = place_list_scores([listing, one, "Die Sitzung begann um 17 Uhr."])
    assert scores[0] == 5 / LIST_PLACES and scores[1] == 1 / LIST_PLACES and scores[2] == 0


def test_entity_scores_are_the_share_of_the_question_entities_the_document_names() -> None:
    wanted = frozenset({"ags:1", "program:p"})
    entities = {"a": frozenset({"ags:1", "program:p", "ags:2"}), "b": frozenset({"ags:1"})}
    scores = entity_scores(wanted, ["a", "b", "c"], entities)
    assert np.allclose(scores, [1.0, 0.5, 0.0])
    assert not entity_scores(frozenset(), ["a"], entities).any()


def test_index_keeps_each_documents_entities_and_forgets_them(
    sample_documents: list[Document], fresh_settings: Settings
) -> None:
    document = next(d for d in sample_documents if document_entities(extract_document(d)))
    expected = document_entities(extract_document(document))
    with SearchIndex.open(fresh_settings) as index:
        index.replace_document(document, extract_document(document))
        index.save()
        assert {index.entities[p.passage_id] for p in document.passages} == {expected}
    with SearchIndex.open(fresh_settings) as reopened:
        assert reopened.entities[document.passages[0].passage_id] == expected
        reopened.replace_document(document)  # without extraction: no entities
        assert not reopened.entities
        reopened.replace_document(document, extract_document(document))
        reopened.remove_document(document.doc_id)
        assert not reopened.entities


def test_entities_channel_is_fused_only_for_a_query_naming_an_entity(
    sample_documents: list[Document], fresh_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    fused: list[dict[str, Any]] = []
    original = index_module.fuse_channels

    def spy(candidates: Any, channels: dict[str, Any], k: int) -> Any:
        fused.append(dict(channels))
        return original(candidates, channels, k)

    monkeypatch.setattr(index_module, "fuse_channels", spy)
    with SearchIndex.open(fresh_settings) as index:
        for document in sample_documents:
            index.replace_document(document, extract_document(document))
        index.search("Entwicklungskonferenz im Kreis Coesfeld", 5, "lexical")
        index.search("Wie viele Gäste kamen zur Konferenz?", 5, "lexical")
    assert "entities" in fused[0] and fused[0]["entities"].max() == 1.0
    assert "entities" not in fused[1]
