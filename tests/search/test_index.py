from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from pkgraph.errors import QueryError
from pkgraph.records import Document
from pkgraph.search import entities
from pkgraph.search.index import METHODS, SearchIndex
from pkgraph.settings import Settings

pytestmark = pytest.mark.slow


def _longest_sentence(document: Document) -> tuple[str, str]:
    """A passage id and its longest sentence: a query whose own passage must rank first."""
    candidates = [
        (p.passage_id, s.strip())
        for p in document.passages
        for s in re.split(r"(?<=[.!?])\s+", p.clean_text)
    ]
    return max(candidates, key=lambda item: len(item[1]))


def _count_embedded(index: SearchIndex, settings: Settings) -> int:
    return index._cache.count(settings.embedding_model)


@pytest.fixture(scope="module")
def built(sample_documents: list[Document], tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """The sample documents indexed once for this module (tests copy it before changing it)."""
    settings = Settings.from_env(data_dir=tmp_path_factory.mktemp("search-built"))
    with SearchIndex.open(settings) as index:
        for document in sample_documents:
            index.replace_document(document)
        index.save()
    return settings


def _copy(built: Settings, target: Settings) -> None:
    shutil.copytree(built.search_dir, target.search_dir)


def test_indexes_searches_and_persists(sample_documents: list[Document], built: Settings) -> None:
    total = sum(len(d.passages) for d in sample_documents)
    with SearchIndex.open(built) as reopened:
        assert len(reopened) == total
        assert len(reopened.backend.dense) == total
        for document in sample_documents:
            passage_id, sentence = _longest_sentence(document)
            for method in METHODS:
                ranked = reopened.search(sentence, 3, method)
                assert ranked[0][0] == passage_id, (method, sentence)
                assert [s for _, s in ranked] == sorted((s for _, s in ranked), reverse=True)


def test_incremental_add_and_remove(
    sample_documents: list[Document], fresh_settings: Settings
) -> None:
    first, second = sorted(sample_documents, key=lambda d: len(d.passages))[:2]
    with SearchIndex.open(fresh_settings) as index:
        index.replace_document(first)
        index.save()
        embedded = _count_embedded(index, fresh_settings)
        assert embedded == len({p.clean_text for p in first.passages})

        index.replace_document(second)
        index.replace_document(first)  # unchanged text: nothing embedded again
        index.save()
        assert _count_embedded(index, fresh_settings) == embedded + len(
            {p.clean_text for p in second.passages}
        )
        assert set(index.passage_ids()) == {
            p.passage_id for d in (first, second) for p in d.passages
        }

        index.remove_document(first.doc_id)
        index.remove_document("no-such-document")
        index.save()
        _, sentence = _longest_sentence(first)
        assert all(pid.startswith(second.doc_id) for pid, _ in index.search(sentence, 10))

    with SearchIndex.open(fresh_settings) as reopened:
        assert set(reopened.passage_ids()) == {p.passage_id for p in second.passages}
        assert reopened.backend.dense.passage_ids == set(reopened.passage_ids())


def test_removal_without_the_model_is_reconciled_on_open(
    sample_documents: list[Document], built: Settings, fresh_settings: Settings
) -> None:
    _copy(built, fresh_settings)
    first = sample_documents[0]
    with SearchIndex.open(fresh_settings) as index:
        index.remove_document(first.doc_id)  # the dense index is not even loaded
        index.save()
    with SearchIndex.open(fresh_settings) as index:
        expected = {p.passage_id for d in sample_documents[1:] for p in d.passages}
        assert index.backend.dense.passage_ids == expected == set(index.passage_ids())


def test_search_restricted_to_allowed_passages(
    sample_documents: list[Document], built: Settings
) -> None:
    first, second, *_ = sample_documents
    with SearchIndex.open(built) as index:
        allowed = [p.passage_id for p in second.passages]
        _, sentence = _longest_sentence(first)
        for method in METHODS:
            ranked = index.search(sentence, 5, method, allowed=allowed)
            assert ranked and {pid for pid, _ in ranked} <= set(allowed)


def test_bad_parameters_name_themselves(fresh_settings: Settings) -> None:
    with SearchIndex.open(fresh_settings) as index:
        with pytest.raises(QueryError, match="method"):
            index.search("Förderung", 5, "fuzzy")
        with pytest.raises(QueryError, match="k"):
            index.search("Förderung", 0, "lexical")
        assert index.search("Förderung", 5, "lexical") == []


def test_index_files_live_under_search_dir(built: Settings) -> None:
    names = {p.name for p in Path(built.search_dir).rglob("*") if p.is_file()}
    assert {"passages.sqlite", "embeddings.sqlite", "vectors.faiss", "ids.json"} <= names


def test_lexical_and_hybrid_scores_are_fused_and_the_query_vector_is_reused(
    built: Settings,
) -> None:
    query = "Welche Kommunen nehmen am Landesprogramm teil?"
    with SearchIndex.open(built) as index:
        for method in ("lexical", "hybrid"):
            ranked = index.search(query, 5, method)
            assert ranked and all(0.0 <= score <= 1.0 for _, score in ranked)
        vector = index.query_vector(query)
        assert index.query_vector(query) is vector  # a repeated query is embedded once
        assert index.search("Xqzvwrtplkjh", 5, "lexical") == []


def test_the_places_channel_keeps_each_texts_score_and_scores_a_changed_text_again(
    built: Settings,
) -> None:
    query = "Welche Kommunen nehmen am Landesprogramm teil?"
    with SearchIndex.open(built) as index:
        first = index.search(query, 10, "lexical")
        candidates = index.passage_ids()[:30]
        texts = index.texts(candidates)
        expected = entities.place_list_scores([texts[pid] for pid in candidates])
        assert index._place_list_scores(candidates).tolist() == expected.tolist()
        assert index.search(query, 10, "lexical") == first  # from the kept scores
        index._places = {text: 1.0 for text in index._places}  # as if each text were a list
        assert index._place_list_scores(candidates).tolist() == [1.0] * len(candidates)
        index.backend.texts = lambda ids: {pid: f"{texts[pid]} Hamm, Unna" for pid in ids}
        assert index._place_list_scores(candidates).tolist() != [1.0] * len(candidates)
