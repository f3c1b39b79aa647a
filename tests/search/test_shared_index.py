"""One copy of the saved vectors (and BM25 channels) per process for read-only search threads.

Each search thread of a read-only service opens its own ``SearchIndex`` (SQLite connections are
bound to their thread); opened ``shared``, they all search the process's one faiss index and
one set of BM25 channels of the saved files, answer exactly as indexes of their own, never see
a stale copy after a save, and never change what they share (issue 16: at 1M passages each
thread held 2.2 GB of vectors of its own).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

import numpy as np
import pytest

from pkgraph.records import Document
from pkgraph.search.dense import DenseIndex
from pkgraph.search.embedded import EmbeddedBackend
from pkgraph.search.index import SearchIndex
from pkgraph.settings import Settings
from tests.search.ranking_checks import same_rankings
from tests.search.test_lexical_persistence import (
    HashEmbedder,
    queries_for,
    reworded,
    synthetic_documents,
)

T = TypeVar("T")
METHODS = ("lexical", "dense", "hybrid")


@contextmanager
def opened(settings: Settings, shared: bool) -> Iterator[SearchIndex]:
    with SearchIndex.open(settings, shared=shared) as index:
        index._embedder = HashEmbedder()
        yield index


def backend(index: SearchIndex) -> EmbeddedBackend:
    assert isinstance(index.backend, EmbeddedBackend)
    return index.backend


def rankings(index: SearchIndex, queries: list[str]) -> list:
    return [index.search(query, 10, method) for query in queries for method in METHODS]


def held_answers(index: SearchIndex, queries: list[str]) -> list:
    """What only the held vectors and BM25 channels decide: dense rankings, channel scores."""
    channels = backend(index).lexical
    return [index.search(q, 10, "dense") for q in queries] + [
        {name: scores.tobytes() for name, scores in channels.scores(q).items()} for q in queries
    ]


def on_own_threads(count: int, work: Callable[[int], T]) -> list[T]:
    """``work(n)`` for n < count, each on a thread of its own, all running at once."""
    with ThreadPoolExecutor(count) as pool:
        return list(pool.map(work, range(count)))


@pytest.fixture()
def saved(sample_documents: list[Document], tmp_path: Path) -> Settings:
    settings = Settings.from_env(data_dir=tmp_path / "data")
    with opened(settings, shared=False) as index:
        for document in sample_documents:
            index.replace_document(document)
        index.save()
    return settings


def test_read_only_indexes_on_two_threads_share_one_faiss_index_and_one_set_of_channels(
    saved: Settings, sample_documents: list[Document]
) -> None:
    queries = queries_for(sample_documents)
    with opened(saved, shared=False) as alone:
        expected = rankings(alone, queries)
        own_dense = backend(alone).dense

    def serve(_number: int) -> tuple[object, object, object, list]:
        with opened(saved, shared=True) as index:
            found = backend(index)
            return found.dense, found.lexical, found._db, rankings(index, queries)

    (dense_a, lexical_a, db_a, ranked_a), (dense_b, lexical_b, db_b, ranked_b) = on_own_threads(
        2, serve
    )
    assert dense_a is dense_b and lexical_a is lexical_b  # one copy in the process
    assert db_a is not db_b  # SQLite stays per thread
    assert dense_a is not own_dense  # an index opened not shared keeps its own
    assert isinstance(dense_a, DenseIndex) and dense_a.shared and not own_dense.shared
    assert same_rankings(ranked_a, expected) and same_rankings(ranked_b, expected)


def test_shared_searches_on_many_threads_at_once_answer_as_one_index_alone(
    saved: Settings, sample_documents: list[Document]
) -> None:
    queries = queries_for(sample_documents) * 4
    with opened(saved, shared=False) as alone:
        expected = rankings(alone, queries)
    with opened(saved, shared=True) as first:
        held = backend(first).dense, backend(first).lexical

        def serve(_number: int) -> list:
            with opened(saved, shared=True) as index:
                assert (backend(index).dense, backend(index).lexical) == held
                return rankings(index, queries)

        assert all(same_rankings(found, expected) for found in on_own_threads(4, serve))


def test_a_new_open_after_a_save_does_not_get_the_stale_shared_copy(
    saved: Settings, sample_documents: list[Document]
) -> None:
    first, second, *_ = sample_documents
    queries = queries_for(sample_documents)
    with opened(saved, shared=True) as reader:
        old_dense, old_lexical = backend(reader).dense, backend(reader).lexical
        old_rankings = rankings(reader, queries)
        held = held_answers(reader, queries)
        with opened(saved, shared=False) as writer:  # another process's ingest, say
            writer.remove_document(first.doc_id)
            writer.replace_document(reworded(second))
            writer.save()
            expected = rankings(writer, queries)
        assert expected != old_rankings
        with opened(saved, shared=True) as after:
            assert backend(after).dense is not old_dense
            assert backend(after).lexical is not old_lexical
            assert same_rankings(rankings(after, queries), expected)
        # what the reader holds was not changed (its texts and entities come from the table)
        assert held_answers(reader, queries) == held
    with opened(saved, shared=False) as fresh:
        assert same_rankings(rankings(fresh, queries), expected)


def test_passages_committed_but_not_saved_give_an_index_of_its_own(
    saved: Settings, sample_documents: list[Document]
) -> None:
    """The table moved on since the vectors were saved: the open reconciles a copy."""
    extra = synthetic_documents(sample_documents, count=20)[0]
    with opened(saved, shared=True) as held:
        shared_dense = backend(held).dense
        size = len(shared_dense)
        with opened(saved, shared=False) as writer:
            writer.replace_document(extra)
            writer.commit()  # rows durable, vectors and BM25 channels not saved
        with opened(saved, shared=True) as index:
            dense = backend(index).dense
            assert dense is not shared_dense and not dense.shared
            assert set(dense.passage_ids) == set(index.passage_ids())
            assert backend(index).lexical is not backend(held).lexical  # a pending document
        assert len(shared_dense) == size


def test_a_change_through_a_shared_index_copies_first(
    saved: Settings, sample_documents: list[Document]
) -> None:
    first, second, *_ = sample_documents
    queries = queries_for(sample_documents)
    with opened(saved, shared=True) as other, opened(saved, shared=True) as index:
        shared_dense = backend(other).dense
        assert backend(index).dense is shared_dense
        before = rankings(other, queries)
        index.remove_document(first.doc_id)
        index.replace_document(reworded(second))
        assert backend(index).dense is not shared_dense
        assert not backend(index).dense.shared
        assert first.passages[0].passage_id not in backend(index).dense
        assert first.passages[0].passage_id in shared_dense
        assert same_rankings(rankings(other, queries), before)


def test_a_writer_never_shares(saved: Settings) -> None:
    with opened(saved, shared=True) as reader, opened(saved, shared=False) as writer:
        assert not backend(writer).shared
        assert backend(writer).dense is not backend(reader).dense
        assert not backend(writer).dense.shared
        assert backend(writer).lexical is not backend(reader).lexical


# --- DenseIndex alone: flat and HNSW, restricted searches and tombstones -------------------


def unit_vectors(count: int, dimension: int = 16, seed: int = 3) -> np.ndarray:
    vectors = np.random.default_rng(seed).normal(size=(count, dimension)).astype(np.float32)
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


@pytest.mark.parametrize("threshold", [1_000_000, 100], ids=["flat", "hnsw"])
def test_a_shared_dense_index_searches_on_threads_as_a_private_one(
    tmp_path: Path, threshold: int
) -> None:
    vectors = unit_vectors(400)
    ids = [f"d{i // 10}/{i % 10}" for i in range(len(vectors))]
    built = DenseIndex("m", 16, hnsw_threshold=threshold)
    built.add(ids, vectors)
    built.remove(ids[:15])  # HNSW: tombstones the searches skip
    built.save(tmp_path)
    shared = DenseIndex.load(tmp_path, "m", 16, shared=True)
    assert DenseIndex.load(tmp_path, "m", 16, shared=True) is shared
    private = DenseIndex.load(tmp_path, "m", 16)
    assert private is not shared and not private.shared
    assert shared.index_type == ("hnsw" if threshold == 100 else "flat")
    allowed = frozenset(ids[::7])
    queries = unit_vectors(60, seed=9)

    def answers(index: DenseIndex, order: range) -> list:
        found = []
        for q in order:
            vector = queries[q]
            found.append(index.search(vector, 10))
            found.append(index.search(vector, 10, allowed))
            found.append(index.similarities(vector, ids[q : q + 30]).tobytes())
        return found

    expected = answers(private, range(len(queries)))
    assert on_own_threads(4, lambda _n: answers(shared, range(len(queries)))) == [expected] * 4


def test_a_shared_dense_index_is_read_only_and_a_save_is_a_new_one(tmp_path: Path) -> None:
    vectors = unit_vectors(30)
    ids = [f"x/{i}" for i in range(30)]
    built = DenseIndex("m", 16)
    built.add(ids[:20], vectors[:20])
    built.save(tmp_path)
    shared = DenseIndex.load(tmp_path, "m", 16, shared=True)
    with pytest.raises(RuntimeError, match="read-only"):
        shared.add(ids[20:], vectors[20:])
    with pytest.raises(RuntimeError, match="read-only"):
        shared.remove(ids[:1])
    shared.remove(["unknown/0"])  # nothing to change: allowed
    copy = shared.private_copy()
    copy.add(ids[20:], vectors[20:])
    copy.remove(ids[:1])
    assert len(shared) == 20 and len(copy) == 29
    assert shared.search(vectors[0], 1)[0][0] == ids[0]
    copy.save(tmp_path)
    again = DenseIndex.load(tmp_path, "m", 16, shared=True)
    assert again is not shared and len(again) == 29
    assert DenseIndex.load(tmp_path, "m", 16, shared=True) is again
    assert len(DenseIndex.load(tmp_path, "other-model", 16, shared=True)) == 0
