from __future__ import annotations

import threading
from pathlib import Path

import faiss
import numpy as np
import pytest

from pkgraph.search.dense import FAISS_THREADS, DenseIndex
from pkgraph.search.embed import Embedder

TEXTS = [
    "Der Kreis erhält Fördermittel in Höhe von 43.750 Euro.",
    "Die Entwicklungskonferenz fand im Leohaus in Olfen statt.",
    "Der Jugendhilfeausschuss entscheidet über das Leitbild.",
    "Familienzentren sind ein kleines Netzwerk im großen Netzwerk.",
    "Die Stadt Bergkamen schließt sich der Bewerbung des Kreises an.",
    "Dafür: 0, Dagegen: 0, Enthaltungen: 0.",
]
IDS = [f"d{i // 3}/{i % 3}" for i in range(len(TEXTS))]


@pytest.fixture(scope="module")
def vectors(embedder: Embedder) -> np.ndarray:
    return embedder.embed_passages(TEXTS)


@pytest.mark.slow
@pytest.mark.parametrize("threshold", [1_000_000, 2], ids=["flat", "hnsw"])
def test_add_search_remove_and_persist(
    embedder: Embedder, vectors: np.ndarray, tmp_path: Path, threshold: int
) -> None:
    index = DenseIndex(embedder.model_id, embedder.dimension, hnsw_threshold=threshold)
    index.add(IDS, vectors)
    assert index.index_type == ("hnsw" if threshold == 2 else "flat")
    for pid, vector in zip(IDS, vectors, strict=True):
        assert index.search(vector, 1)[0][0] == pid

    index.remove([IDS[1]])
    assert IDS[1] not in index and len(index) == len(IDS) - 1
    assert IDS[1] not in {pid for pid, _ in index.search(vectors[1], len(IDS))}

    allowed = {IDS[4], IDS[5]}
    restricted = index.search(vectors[0], 5, allowed=allowed)
    assert {pid for pid, _ in restricted} == allowed

    index.save(tmp_path)
    reloaded = DenseIndex.load(tmp_path, embedder.model_id, embedder.dimension)
    assert reloaded.passage_ids == index.passage_ids
    assert reloaded.index_type == index.index_type
    assert reloaded.search(vectors[3], 3) == index.search(vectors[3], 3)


@pytest.mark.slow
def test_replacing_a_passage_keeps_one_vector(embedder: Embedder, vectors: np.ndarray) -> None:
    index = DenseIndex(embedder.model_id, embedder.dimension)
    index.add(IDS[:2], vectors[:2])
    index.add([IDS[0]], vectors[2:3])
    assert len(index) == 2
    assert index.search(vectors[2], 1)[0][0] == IDS[0]
    cosines = index.similarities(vectors[1], [IDS[1], "unknown/0"])
    assert cosines[0] == pytest.approx(1.0, abs=1e-4) and cosines[1] == -1.0


def test_an_index_of_another_model_is_not_reused(tmp_path: Path) -> None:
    unit = np.eye(4, dtype=np.float32)
    index = DenseIndex("model-a", 4)
    index.add(["x/0", "x/1"], unit[:2])
    index.save(tmp_path)
    assert len(DenseIndex.load(tmp_path, "model-a", 4)) == 2
    assert len(DenseIndex.load(tmp_path, "model-b", 4)) == 0
    assert len(DenseIndex.load(tmp_path / "missing", "model-a", 4)) == 0


def test_hnsw_tombstones_compact_after_enough_removals() -> None:
    rng = np.random.default_rng(7)
    vectors = rng.normal(size=(40, 8)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    ids = [f"r/{i}" for i in range(40)]
    index = DenseIndex("random", 8, hnsw_threshold=10)
    index.add(ids, vectors)
    assert index.index_type == "hnsw"
    index.remove(ids[:20])
    assert len(index) == 20
    assert index.index_type == "hnsw"
    found = {pid for pid, _ in index.search(vectors[0], 40)}
    assert found == set(ids[20:])


@pytest.mark.slow
def test_a_search_on_another_thread_runs_faiss_single_threaded(
    embedder: Embedder, vectors: np.ndarray
) -> None:
    """OpenMP keeps its thread count per thread: the service's search threads must set it."""
    index = DenseIndex(embedder.model_id, embedder.dimension, hnsw_threshold=2)
    index.add(IDS, vectors)
    seen: list[int] = []

    def search() -> None:
        index.search(vectors[0], 1)
        seen.append(faiss.omp_get_max_threads())

    thread = threading.Thread(target=search)
    thread.start()
    thread.join()
    assert seen == [FAISS_THREADS]
