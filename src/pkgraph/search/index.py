"""The passage search index: lexical, dense and hybrid retrieval over one backend.

:class:`SearchIndex` is the one entry point (pipeline, service, ask, evaluation). It turns
documents into passage rows (searchable text with canonical entity names, analysed tokens,
the document's entity keys), embeds queries, and fuses the channel scores a backend returns
(``backend.py``): the embedded default (``embedded.py``: SQLite, faiss, bm25s files under
``settings.search_dir``) or Milvus (``milvus_backend.py``), chosen by ``settings.search_url``.
``search/embeddings.sqlite`` caches passage embeddings for either backend.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from pathlib import Path
from typing import Literal, cast

import numpy as np

from pkgraph.closing import ClosedOnExit
from pkgraph.errors import QueryError
from pkgraph.records import Document, Extraction
from pkgraph.search import entities as entity_channel
from pkgraph.search.analysis import analyze
from pkgraph.search.backend import PassageRow, SavedState, SearchBackend
from pkgraph.search.embed import Embedder, EmbeddingCache, load_embedder
from pkgraph.search.embedded import EmbeddedBackend
from pkgraph.search.hybrid import fuse_channels
from pkgraph.search.ranking import Ranked
from pkgraph.settings import Settings

Method = Literal["lexical", "dense", "hybrid"]
METHODS: tuple[Method, ...] = ("lexical", "dense", "hybrid")
#: Each retriever brings this many candidates per wanted result to the fusion.
FUSION_DEPTH = 5
#: Query vectors kept per index: a repeated query (the next page, /ask after /search) is
#: embedded once.
_QUERY_CACHE = 64
#: Passage texts whose places-channel score an index keeps (cleared when full): about 20 MB.
_PLACES_CACHE = 20_000


def check_method(method: str) -> Method:
    if method not in METHODS:
        raise QueryError("method", f"{method!r} is not one of {', '.join(METHODS)}")
    return cast(Method, method)


def passage_search_texts(document: Document, extraction: Extraction | None) -> list[str]:
    """Per passage: its repaired text plus the canonical names of entities read inside it.

    Canonical names ("Kein Kind zurücklassen", "Kreis Coesfeld") let a passage that writes an
    abbreviation or an OCR-damaged form be found by the proper name.
    """
    texts = [p.clean_text for p in document.passages]
    if extraction is None:
        return texts
    named = [(m.name, m.mentions) for m in extraction.programs] + [
        (m.name, m.mentions) for m in extraction.municipalities
    ]
    extra: list[set[str]] = [set() for _ in document.passages]
    for name, mentions in named:
        for evidence in mentions:
            for i, passage in enumerate(document.passages):
                if passage.start <= evidence.start < passage.end and name not in passage.clean_text:
                    extra[i].add(name)
    return [" ".join([text, *sorted(names)]) for text, names in zip(texts, extra, strict=True)]


class SearchIndex(ClosedOnExit):
    """All passages of the stored documents, searchable three ways, in the configured backend.

    ``settings.search_url`` picks the backend: empty for the embedded default (files under
    ``settings.search_dir``), a Milvus URI for the search engine (``milvus_backend``). Both
    store what this class analyses and return channel scores that it fuses the same way.

    ``shared`` (embedded backend): the saved faiss index and BM25 channels are the process's
    one copy, shared with every other index opened ``shared`` on the same saved files; for
    the search threads of a read-only service, which otherwise held the vectors once per
    thread (2.2 GB each at 1M passages). A change works on a copy of the index's own, so it
    stays correct, but a writer should not open shared: it would copy at its first change.
    """

    def __init__(
        self,
        folder: Path,
        model: str,
        search_url: str = "",
        collection: str = "pkgraph",
        shared: bool = False,
    ) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.folder = folder
        self.model = model
        self.shared = shared
        self._cache = EmbeddingCache(folder / "embeddings.sqlite")
        self._embedder: Embedder | None = None
        self._query_vectors: dict[str, np.ndarray] = {}
        self._places: dict[str, float] = {}
        try:
            self.backend = self._open_backend(search_url, collection)
        except BaseException:
            self._cache.close()
            raise

    def _open_backend(self, search_url: str, collection: str) -> SearchBackend:
        if not search_url:
            return EmbeddedBackend(
                self.folder, self.model, self._embedder_now, self._cache, shared=self.shared
            )
        from pkgraph.search.milvus_backend import MilvusBackend  # pymilvus only when used

        return MilvusBackend(search_url, collection, self.folder, self._embedder_now, self._cache)

    @classmethod
    def open(cls, settings: Settings, shared: bool = False) -> SearchIndex:
        return cls(
            settings.search_dir,
            settings.embedding_model,
            settings.search_url,
            settings.search_collection,
            shared=shared,
        )

    def close(self) -> None:
        try:
            self.backend.close()
        finally:
            self._cache.close()

    @property
    def embedder(self) -> Embedder:
        if self._embedder is None:
            self._embedder = load_embedder(self.model)
        return self._embedder

    def _embedder_now(self) -> Embedder:
        return self.embedder

    @property
    def entities(self) -> dict[str, frozenset[str]]:
        """Per passage id, the entity keys extraction found in the passage's document."""
        return self.backend.entities()

    def query_vector(self, query: str) -> np.ndarray:
        """The query's embedding, cached (:data:`_QUERY_CACHE`)."""
        vector = self._query_vectors.get(query)
        if vector is None:
            if len(self._query_vectors) >= _QUERY_CACHE:
                self._query_vectors.clear()
            vector = self._query_vectors[query] = self.embedder.embed_queries([query])[0]
        return vector

    def warm_up(self) -> None:
        """Load the model and the indexes now, so that the first query is not slow."""
        self.backend.warm_up()

    # --- content ---------------------------------------------------------------------------

    def passage_ids(self, doc_id: str | None = None) -> list[str]:
        return self.backend.passage_ids(doc_id)

    def passages_of(self, doc_ids: Collection[str]) -> list[str]:
        """The stored passage ids of those documents, sorted."""
        return self.backend.passages_of(doc_ids)

    def texts(self, passage_ids: Iterable[str]) -> dict[str, str]:
        """The searchable text of each passage id that is stored."""
        return self.backend.texts(passage_ids)

    def __len__(self) -> int:
        return self.backend.count()

    def replace_document(self, document: Document, extraction: Extraction | None = None) -> None:
        """Index ``document``'s passages in place of whatever it had before."""
        texts = passage_search_texts(document, extraction)
        rows = [
            PassageRow(p.passage_id, document.doc_id, text, " ".join(analyze(text)))
            for p, text in zip(document.passages, texts, strict=True)
        ]
        keys = entity_channel.document_entities(extraction)
        self.backend.replace(document.doc_id, rows, keys)

    def remove_document(self, doc_id: str) -> None:
        """Forget every passage of ``doc_id`` (no-op for an unknown id)."""
        self.backend.remove(doc_id)

    def commit(self) -> None:
        """Make the passages written so far durable (ingest: after each document)."""
        self.backend.commit()

    def saved_state(self) -> SavedState:
        """The saved vectors and BM25 channels, for ``pkgraph check``."""
        return self.backend.saved_state()

    def save(self) -> None:
        """Make the changes durable (embedded: commit, then write vectors and BM25 channels)."""
        self.backend.save()

    # --- search ----------------------------------------------------------------------------

    def search(
        self,
        query: str,
        k: int = 10,
        method: str = "hybrid",
        allowed: Collection[str] | None = None,
    ) -> Ranked:
        """The ``k`` best passages for ``query`` as (passage id, score), best first.

        ``allowed`` restricts the search to those passage ids (filters). Scores are cosine for
        dense; lexical fuses the words, grams and documents BM25 channels and, when the query
        names a program or municipality, the entities channel (pkgraph.search.entities); hybrid
        adds the dense channel, both as fused 0..1 scores (pkgraph.search.hybrid).
        """
        if k < 1:
            raise QueryError("k", f"must be at least 1, got {k}")
        chosen = check_method(method)
        allowed_ids = None if allowed is None else frozenset(allowed)
        if chosen == "dense":
            return self.backend.dense_search(self.query_vector(query), k, allowed_ids)
        depth = max(k * FUSION_DEPTH, 50)
        vector = self.query_vector(query) if chosen == "hybrid" else None
        candidates, channels = self.backend.channels(query, vector, depth, allowed_ids)
        wanted = entity_channel.question_entities(query)
        if wanted:
            channels["entities"] = entity_channel.entity_scores(
                wanted, candidates, self.backend.entities_of(candidates)
            )
        if entity_channel.asks_for_places(query):
            channels["places"] = self._place_list_scores(candidates)
        return fuse_channels(candidates, channels, k)

    def _place_list_scores(self, candidates: list[str]) -> np.ndarray:
        """:func:`entities.place_list_scores` of the candidates' texts, each text's score kept
        (:data:`_PLACES_CACHE`): the municipality finder over ~100 candidate texts was 18 ms of
        each "Welche Kommunen ..." question at 100k passages. Keyed by the text itself, so a
        passage changed by any writer is scored again."""
        found = self.backend.texts(candidates)
        texts = [found.get(pid, "") for pid in candidates]
        missing = list(dict.fromkeys(t for t in texts if t not in self._places))
        if missing:
            if len(self._places) + len(missing) > _PLACES_CACHE:
                self._places.clear()
            scores = entity_channel.place_list_scores(missing)
            self._places.update(zip(missing, scores.tolist(), strict=True))
        return np.asarray([self._places[text] for text in texts], dtype=np.float32)
