from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from pkgraph.errors import PkgraphError
from pkgraph.search.embed import (
    Embedder,
    EmbeddingCache,
    SentenceTransformerEmbedder,
    embed_passages_cached,
    load_embedder,
    packaged_minilm_path,
)
from pkgraph.settings import USE_MODEL

pytestmark = pytest.mark.slow


class CountingEmbedder:
    """A real embedder that records how many texts reached the model."""

    def __init__(self, inner: Embedder) -> None:
        self.inner = inner
        self.embedded: list[str] = []

    @property
    def model_id(self) -> str:
        return self.inner.model_id

    @property
    def dimension(self) -> int:
        return self.inner.dimension

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        self.embedded.extend(texts)
        return self.inner.embed_passages(texts)

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        return self.inner.embed_queries(texts)


def test_default_model_gives_unit_vectors_of_its_dimension(embedder: Embedder) -> None:
    vectors = embedder.embed_passages(["Der Kreistag stimmt zu.", "Fördermittel von 43.750 Euro"])
    assert vectors.shape == (2, embedder.dimension)
    assert vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


def test_related_german_text_is_closer_than_unrelated(embedder: Embedder) -> None:
    query = embedder.embed_queries(["Wie hoch ist die Förderung des Landes?"])[0]
    passages = embedder.embed_passages(
        [
            "Das Land fördert das Projekt mit 64.000 Euro aus Landesmitteln.",
            "Die Sitzung begann um 17 Uhr im Rathaus mit der Begrüßung.",
        ]
    )
    related, unrelated = passages @ query
    assert related > unrelated


def test_packaged_models_load_offline() -> None:
    assert (packaged_minilm_path() / "config.json").is_file()
    assert load_embedder(USE_MODEL).dimension == 512
    assert load_embedder(USE_MODEL) is load_embedder(USE_MODEL)


def test_unknown_model_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(PkgraphError, match="embedding_model"):
        SentenceTransformerEmbedder("missing", str(tmp_path / "no-such-model"))


def test_cache_embeds_each_text_once_and_keeps_order(embedder: Embedder, tmp_path: Path) -> None:
    counting = CountingEmbedder(embedder)
    cache = EmbeddingCache(tmp_path / "embeddings.sqlite")
    first = embed_passages_cached(counting, ["eins zwei", "drei vier"], cache)
    again = embed_passages_cached(counting, ["drei vier", "fünf sechs", "eins zwei"], cache)
    assert counting.embedded == ["eins zwei", "drei vier", "fünf sechs"]
    assert np.allclose(again[0], first[1]) and np.allclose(again[2], first[0])
    cache.close()
    reopened = EmbeddingCache(tmp_path / "embeddings.sqlite")
    assert reopened.count(embedder.model_id) == 3
    embed_passages_cached(counting, ["fünf sechs"], reopened)
    assert len(counting.embedded) == 3
    reopened.close()
