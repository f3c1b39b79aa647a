"""The search index in Milvus: passages, embeddings and BM25 channels in an engine that scales out.

Same rankings as the embedded default, because the engine stores and retrieves while pkgraph
keeps deciding: the terms are pkgraph's German analysis (``analysis.analyze``: stems, compound
parts; character 6-grams), fed to Milvus' BM25 through a whitespace analyzer, so Milvus keeps
document frequencies and lengths and scores with pkgraph's k1 and b; the embeddings come from
pkgraph's embedder (through the embedding cache); fusion is pkgraph's (``hybrid.py``).

Milvus' BM25 is Lucene's times (k1 + 1), a constant that min-max fusion cancels. The words
channel adds the thesaurus stems at half weight (``RELATED_WEIGHT``): the query text is the
tokens twice and the related stems once (Milvus counts a repeated query term), which scores
2 x (tokens + 0.5 x related), the embedded channel times two.

Writes are buffered and embedded in batches (``replace`` per document, then every
:data:`BATCH` passages, before any read, at ``save`` and ``close``); ``save`` also flushes the
collections to the engine's storage.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

import numpy as np

from pkgraph.errors import PkgraphError
from pkgraph.search import entities as entity_channel
from pkgraph.search.analysis import QueryTerms, char_grams
from pkgraph.search.backend import Channels, EmbedderSource, PassageRow, SavedState
from pkgraph.search.embed import EmbeddingCache, embed_passages_cached
from pkgraph.search.lexical import RELATED_WEIGHT
from pkgraph.search.milvus_store import (
    CLIENTS,
    FORMAT,
    PASSAGE_BM25,
    Engine,
    create_collections,
    dense_search_params,
    documents_collection,
    fit,
    in_list,
)
from pkgraph.search.ranking import Ranked

#: Passages embedded and inserted at a time.
BATCH = 256
#: Ids per filter expression when reading rows by id.
_CHUNK = 500
_ITERATOR_BATCH = 2000
#: The query's own tokens this many times and its related stems once score the words channel
#: in proportion to tokens + RELATED_WEIGHT x related (exact while 1 / RELATED_WEIGHT is whole).
_TOKEN_REPEATS = round(1 / RELATED_WEIGHT)
#: Requests of one search sent at once (candidates: words, grams, dense; then scores).
_PARALLEL = 4
T = TypeVar("T")


class MilvusBackend:
    """Passages in a Milvus collection pair (``milvus_store``), searched by channel."""

    def __init__(
        self,
        search_url: str,
        collection: str,
        search_dir: Path,
        embedder: EmbedderSource,
        cache: EmbeddingCache,
    ) -> None:
        self.engine = Engine.parse(search_url, search_dir)
        self.collection = collection
        self.documents = documents_collection(collection)
        self._embedder = embedder
        self._cache = cache
        self._client = CLIENTS.acquire(self.engine)
        self._pending: dict[str, tuple[Sequence[PassageRow], frozenset[str]]] = {}
        self._pool = ThreadPoolExecutor(_PARALLEL, thread_name_prefix="pkgraph-milvus")
        try:
            self._exists = self._check_collection()
        except BaseException:
            CLIENTS.release(self.engine)
            raise

    def _check_collection(self) -> bool:
        """Whether the collections exist (then loaded); refuse another model's or format's."""
        if not self._client.has_collection(self.collection):
            return False
        described = self._client.describe_collection(self.collection).get("description", "")
        try:
            meta = json.loads(described)
        except ValueError:
            meta = {}
        if meta.get("pkgraph_format") != FORMAT or "model" not in meta:
            raise PkgraphError(f"search collection {self.collection!r} is no pkgraph index")
        self.model_id, self.dimension = str(meta["model"]), int(meta["dimension"])
        from pymilvus.client.types import LoadState

        for name in (self.collection, self.documents):
            # a loaded collection keeps the replicas its operator chose
            if self._client.get_load_state(name)["state"] != LoadState.Loaded:
                self._client.load_collection(name)
        return True

    def close(self) -> None:
        try:
            self._flush()
        finally:
            self._pool.shutdown()
            CLIENTS.release(self.engine)

    def warm_up(self) -> None:
        self._embedder()
        self._flush()

    # --- writes ----------------------------------------------------------------------------

    def replace(self, doc_id: str, rows: Sequence[PassageRow], entities: frozenset[str]) -> None:
        embedder = self._embedder()
        if self._exists and (self.model_id, self.dimension) != (
            embedder.model_id,
            embedder.dimension,
        ):
            raise PkgraphError(
                f"search collection {self.collection!r} holds vectors of {self.model_id!r}, "
                f"not of embedding_model {embedder.model_id!r}: set another "
                "search_collection and ingest again"
            )
        self.remove(doc_id)
        self._pending[doc_id] = (rows, entities)
        if sum(len(r) for r, _ in self._pending.values()) >= BATCH:
            self._flush()

    def remove(self, doc_id: str) -> None:
        self._pending.pop(doc_id, None)
        if self._exists:
            self._client.delete(self.collection, filter=in_list("doc_id", [doc_id]))
            self._client.delete(self.documents, ids=[doc_id])

    def commit(self) -> None:
        """Insert what is buffered: the engine holds a document once ingest records it."""
        self._flush()

    def saved_state(self) -> SavedState:
        """Vectors and BM25 entries live in the rows themselves."""
        return SavedState(set(self.passage_ids()), True)

    def save(self) -> None:
        self._flush()
        if self._exists:
            for name in (self.collection, self.documents):
                self._client.flush(name)

    def _flush(self) -> None:
        """Embed and insert the buffered documents."""
        if not self._pending:
            return
        pending, self._pending = self._pending, {}
        passages = [(row, entities) for rows, entities in pending.values() for row in rows]
        embedder = self._embedder()
        self._create_if_missing(embedder.model_id, embedder.dimension)
        for start in range(0, len(passages), BATCH):
            batch = passages[start : start + BATCH]
            vectors = embed_passages_cached(embedder, [row.text for row, _ in batch], self._cache)
            entries = [
                _passage_entry(row, keys, vector)
                for (row, keys), vector in zip(batch, vectors, strict=True)
            ]
            self._client.insert(self.collection, entries)
        documents = [
            {"doc_id": doc_id, "tokens": fit(" ".join(row.tokens for row in rows))}
            for doc_id, (rows, _) in pending.items()
            if rows
        ]
        if documents:
            self._client.upsert(self.documents, documents)

    def _create_if_missing(self, model_id: str, dimension: int) -> None:
        if not self._exists:
            create_collections(self._client, self.collection, self.engine, model_id, dimension)
            self.model_id, self.dimension = model_id, dimension
            self._exists = True

    # --- reads -----------------------------------------------------------------------------

    def _query(self, filter_: str, fields: list[str]) -> list[dict[str, Any]]:
        self._flush()
        if not self._exists:
            return []
        return list(self._client.query(self.collection, filter=filter_, output_fields=fields))

    def _rows_of(self, passage_ids: Iterable[str], fields: list[str]) -> list[dict[str, Any]]:
        wanted = list(passage_ids)
        return [
            row
            for start in range(0, len(wanted), _CHUNK)
            for row in self._query(in_list("passage_id", wanted[start : start + _CHUNK]), fields)
        ]

    def _scan(self, filter_: str, fields: list[str]) -> list[dict[str, Any]]:
        """Every row ``filter_`` selects, read in batches (a query returns at most 16,384)."""
        self._flush()
        if not self._exists:
            return []
        iterator = self._client.query_iterator(
            self.collection, batch_size=_ITERATOR_BATCH, filter=filter_, output_fields=fields
        )
        rows: list[dict[str, Any]] = []
        while batch := iterator.next():
            rows.extend(batch)
        iterator.close()
        return rows

    def passage_ids(self, doc_id: str | None = None) -> list[str]:
        if doc_id is not None and doc_id in self._pending:
            return sorted(row.passage_id for row in self._pending[doc_id][0])
        if doc_id is None:
            rows = self._scan("", ["passage_id"])
        else:
            rows = self._query(in_list("doc_id", [doc_id]), ["passage_id"])
        return sorted(str(row["passage_id"]) for row in rows)

    def passages_of(self, doc_ids: Collection[str]) -> list[str]:
        wanted = sorted(doc_ids)
        rows = [
            row
            for start in range(0, len(wanted), _CHUNK)
            for row in self._scan(in_list("doc_id", wanted[start : start + _CHUNK]), ["passage_id"])
        ]
        return sorted(str(row["passage_id"]) for row in rows)

    def texts(self, passage_ids: Iterable[str]) -> dict[str, str]:
        return {str(r["passage_id"]): str(r["text"]) for r in self._rows_of(passage_ids, ["text"])}

    def count(self) -> int:
        rows = self._query("", ["count(*)"])
        return int(rows[0]["count(*)"]) if rows else 0

    def entities(self) -> dict[str, frozenset[str]]:
        return _entity_map(self._scan('entities != ""', ["entities"]))

    def entities_of(self, passage_ids: Sequence[str]) -> Mapping[str, frozenset[str]]:
        return _entity_map(self._rows_of(passage_ids, ["entities"]))

    # --- search ----------------------------------------------------------------------------

    def _search(
        self, field: str, data: Any, limit: int, filter_: str, collection: str | None = None
    ) -> dict[str, tuple[float, str]]:
        """Id -> (score, doc id) of the ``limit`` best passages (or documents) for ``data``."""
        params = dense_search_params(self.engine, limit) if field == "dense" else {}
        (hits,) = self._client.search(
            collection or self.collection,
            data=[data],
            anns_field=field,
            limit=limit,
            filter=filter_,
            search_params=params,
            output_fields=["doc_id"],
        )
        return {str(h["id"]): (float(h["distance"]), str(h["entity"]["doc_id"])) for h in hits}

    def _parallel(self, work: Mapping[str, Callable[[], T]]) -> dict[str, T]:
        """Run independent requests at once: each is a round trip to the engine."""
        futures = {name: self._pool.submit(call) for name, call in work.items()}
        return {name: future.result() for name, future in futures.items()}

    def dense_search(self, vector: np.ndarray, k: int, allowed: frozenset[str] | None) -> Ranked:
        self._flush()
        if not self._exists or (allowed is not None and not allowed):
            return []
        found = self._search("dense", vector.tolist(), k, _scope(allowed))
        return sorted(((pid, score) for pid, (score, _) in found.items()), key=_best_first)

    def channels(
        self, query: str, vector: np.ndarray | None, depth: int, allowed: frozenset[str] | None
    ) -> Channels:
        self._flush()
        if not self._exists or (allowed is not None and not allowed):
            return [], {}
        terms = QueryTerms.of(query)
        texts = {
            "words": " ".join([*terms.tokens * _TOKEN_REPEATS, *terms.related]),
            "grams": " ".join(terms.grams),
        }
        scope = _scope(allowed)
        work = {
            f: partial(self._search, f, text, depth, scope) for f, text in texts.items() if text
        }
        if vector is not None:
            work["dense"] = partial(self._search, "dense", vector.tolist(), depth, scope)
        doc_of = {
            pid: doc for hits in self._parallel(work).values() for pid, (_, doc) in hits.items()
        }
        candidates = sorted(doc_of)
        if not candidates:
            return [], {}
        return candidates, self._score(candidates, doc_of, terms.tokens, texts, vector)

    def _score(
        self,
        candidates: list[str],
        doc_of: dict[str, str],
        tokens: list[str],
        texts: dict[str, str],
        vector: np.ndarray | None,
    ) -> dict[str, np.ndarray]:
        """Every channel's score of every candidate (0 where a channel does not match)."""
        scope = in_list("passage_id", candidates)
        docs = sorted(set(doc_of.values()))
        work: dict[str, Callable[[], Any]] = {
            f: partial(self._search, f, text, len(candidates), scope)
            for f, text in texts.items()
            if text
        }
        if tokens:
            work["documents"] = partial(
                self._search,
                "bm25",
                " ".join(tokens),
                len(docs),
                in_list("doc_id", docs),
                self.documents,
            )
        if vector is not None:
            work["dense"] = partial(self._rows_of, candidates, ["dense"])
        found = self._parallel(work)
        channels = {
            f: np.asarray([found.get(f, {}).get(p, (0.0,))[0] for p in candidates], np.float32)
            for f in texts
        }
        documents = found.get("documents", {})
        channels["documents"] = np.asarray(
            [documents.get(doc_of[p], (0.0,))[0] for p in candidates], np.float32
        )
        if vector is not None:
            rows = {str(r["passage_id"]): r["dense"] for r in found["dense"]}
            channels["dense"] = np.asarray([rows[p] for p in candidates], np.float32) @ vector
        return channels


def _best_first(item: tuple[str, float]) -> tuple[float, str]:
    return (-item[1], item[0])


def _scope(allowed: frozenset[str] | None) -> str:
    return "" if allowed is None else in_list("passage_id", sorted(allowed))


def _passage_entry(row: PassageRow, entities: frozenset[str], vector: np.ndarray) -> dict[str, Any]:
    return {
        "passage_id": row.passage_id,
        "doc_id": row.doc_id,
        "text": fit(row.text),
        "entities": entity_channel.encode(entities),
        "dense": np.asarray(vector, dtype=np.float32).tolist(),
        **{source: fit(_bm25_text(source, row)) for source in PASSAGE_BM25},
    }


def _bm25_text(source: str, row: PassageRow) -> str:
    return row.tokens if source == "tokens" else " ".join(char_grams(row.text))


def _entity_map(rows: list[dict[str, Any]]) -> dict[str, frozenset[str]]:
    return {
        str(r["passage_id"]): entity_channel.decode(str(r["entities"]))
        for r in rows
        if r["entities"]
    }
