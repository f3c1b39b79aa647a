"""The passage search index under ``settings.search_dir``: lexical, dense and hybrid retrieval.

Layout::

    search/passages.sqlite      passage id, doc id, searchable text, analysed tokens;
                                doc id -> entity keys extraction found in the document
    search/embeddings.sqlite    embedding cache: (model id, sha256 of text) -> vector
    search/dense/<model>/       faiss index + id map of that model
    search/lexical/<key>/       the BM25 channels of one passage set (``lexical_store``)

The passages table is the source of truth. bm25s cannot add documents, so after a change the
BM25 channels are rebuilt from the stored tokens, in memory when first searched and on disk
at :meth:`SearchIndex.save`; opening loads the saved channels memory-mapped when their key
matches the table's fingerprint (kept in ``search_meta`` in the same transaction as the rows)
and rebuilds them otherwise. The dense index is updated in place; on open it is reconciled with
the table, so switching ``embedding_model`` embeds only what that model has not embedded before.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Collection, Iterable
from pathlib import Path
from typing import Literal, cast

import numpy as np

from pkgraph.closing import ClosedOnExit
from pkgraph.errors import QueryError
from pkgraph.records import Document, Extraction
from pkgraph.search import entities as entity_channel
from pkgraph.search.dense import DenseIndex
from pkgraph.search.embed import Embedder, EmbeddingCache, embed_passages_cached, load_embedder
from pkgraph.search.hybrid import fuse_channels
from pkgraph.search.lexical import LexicalChannels, analyze
from pkgraph.search.lexical_store import LexicalStore, channel_key, combine, row_digest
from pkgraph.search.ranking import Ranked
from pkgraph.settings import Settings

Method = Literal["lexical", "dense", "hybrid"]
METHODS: tuple[Method, ...] = ("lexical", "dense", "hybrid")
#: Each retriever brings this many candidates per wanted result to the fusion.
FUSION_DEPTH = 5
#: Query vectors kept per index: the service embeds a query for ranking and for highlighting.
_QUERY_CACHE = 64
_EMBED_BATCH = 256
_FINGERPRINT = "passages_fingerprint"


def check_method(method: str) -> Method:
    if method not in METHODS:
        raise QueryError("method", f"{method!r} is not one of {', '.join(METHODS)}")
    return cast(Method, method)


def _model_folder(model_id: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", model_id).strip("_") or "model"


def _passage_search_text(document: Document, extraction: Extraction | None) -> list[str]:
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
    """All passages of the stored documents, searchable three ways."""

    def __init__(self, folder: Path, model: str) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.folder = folder
        self.model = model
        self._db = sqlite3.connect(folder / "passages.sqlite")
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS passages (passage_id TEXT PRIMARY KEY,"
            " doc_id TEXT NOT NULL, text TEXT NOT NULL, tokens TEXT NOT NULL)"
        )
        self._db.execute("CREATE INDEX IF NOT EXISTS passages_doc ON passages (doc_id)")
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS document_entities (doc_id TEXT PRIMARY KEY,"
            " entities TEXT NOT NULL)"
        )
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS search_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)"
        )
        # passages whose saved vectors no longer match their text: removed while the dense
        # index was not loaded (a re-ingest keeps the ids), committed with the passages
        self._db.execute("CREATE TABLE IF NOT EXISTS dense_stale (passage_id TEXT PRIMARY KEY)")
        self._fingerprint = self._stored_fingerprint()
        self._lexical_store = LexicalStore(folder / "lexical")
        self._cache = EmbeddingCache(folder / "embeddings.sqlite")
        self._embedder: Embedder | None = None
        self._dense: DenseIndex | None = None
        self._lexical: LexicalChannels | None = None
        self._entities: dict[str, frozenset[str]] | None = None
        self._query_vectors: dict[str, np.ndarray] = {}
        self._unembedded = False  # passages added while the dense index was not loaded

    @classmethod
    def open(cls, settings: Settings) -> SearchIndex:
        return cls(settings.search_dir, settings.embedding_model)

    def close(self) -> None:
        self._db.commit()
        self._db.close()
        self._cache.close()

    # --- components, loaded when first needed --------------------------------------------

    @property
    def embedder(self) -> Embedder:
        if self._embedder is None:
            self._embedder = load_embedder(self.model)
        return self._embedder

    @property
    def dense(self) -> DenseIndex:
        """The dense index of the configured model, reconciled with the passages table."""
        if self._dense is None:
            embedder = self.embedder
            dense = DenseIndex.load(self._dense_folder, embedder.model_id, embedder.dimension)
            stored = set(self.passage_ids())
            stale = {pid for (pid,) in self._db.execute("SELECT passage_id FROM dense_stale")}
            dense.remove((dense.passage_ids - stored) | (dense.passage_ids & stale))
            self._dense = dense
            self._embed_into_dense(sorted(stored - dense.passage_ids))
        return self._dense

    @property
    def lexical(self) -> LexicalChannels:
        """The BM25 channels: the saved ones if they match the passages, else rebuilt."""
        if self._lexical is None:
            count = len(self)
            if count:
                self._lexical = self._lexical_store.load(self._lexical_key, count)
            if self._lexical is None:
                rows = self._db.execute(
                    "SELECT passage_id, doc_id, text, tokens FROM passages ORDER BY passage_id"
                ).fetchall()
                self._lexical = LexicalChannels.build(
                    [r[0] for r in rows],
                    [r[1] for r in rows],
                    [r[2] for r in rows],
                    [r[3].split() for r in rows],
                )
        return self._lexical

    @property
    def _lexical_key(self) -> str:
        return channel_key(self._fingerprint)

    def _stored_fingerprint(self) -> int:
        """The passage set's fingerprint; computed from every row once if it was never stored."""
        row = self._db.execute(
            "SELECT value FROM search_meta WHERE key = ?", [_FINGERPRINT]
        ).fetchone()
        if row is not None:
            return int(row[0], 16)
        self._fingerprint = 0
        self._shift_fingerprint(
            self._db.execute("SELECT passage_id, doc_id, text, tokens FROM passages"), 1
        )
        self._db.commit()
        return self._fingerprint

    def _shift_fingerprint(self, rows: Iterable[tuple[str, str, str, str]], sign: int) -> None:
        """Add (sign 1) or take away (-1) passage rows; stored in the rows' transaction."""
        fingerprint = self._fingerprint
        for row in rows:
            fingerprint = combine(fingerprint, row_digest(*row), sign)
        self._fingerprint = fingerprint
        self._db.execute(
            "INSERT OR REPLACE INTO search_meta VALUES (?, ?)", [_FINGERPRINT, f"{fingerprint:x}"]
        )

    @property
    def entities(self) -> dict[str, frozenset[str]]:
        """Per passage id, the entity keys extraction found in the passage's document."""
        if self._entities is None:
            rows = self._db.execute("SELECT doc_id, entities FROM document_entities").fetchall()
            by_doc = {doc_id: entity_channel.decode(keys) for doc_id, keys in rows}
            self._entities = {
                pid: by_doc[doc_id]
                for pid, doc_id in self._db.execute("SELECT passage_id, doc_id FROM passages")
                if doc_id in by_doc
            }
        return self._entities

    def query_vector(self, query: str) -> np.ndarray:
        """The query's embedding, cached: ranking and highlighting use the same vector."""
        vector = self._query_vectors.get(query)
        if vector is None:
            if len(self._query_vectors) >= _QUERY_CACHE:
                self._query_vectors.clear()
            vector = self._query_vectors[query] = self.embedder.embed_queries([query])[0]
        return vector

    def warm_up(self) -> None:
        """Load the model and build both indexes now, so that the first query is not slow."""
        _ = self.dense, self.lexical

    @property
    def _dense_folder(self) -> Path:
        return self.folder / "dense" / _model_folder(self.model)

    def _embed_into_dense(self, passage_ids: list[str]) -> None:
        for start in range(0, len(passage_ids), _EMBED_BATCH):
            batch = passage_ids[start : start + _EMBED_BATCH]
            texts = self.texts(batch)
            vectors = embed_passages_cached(self.embedder, [texts[p] for p in batch], self._cache)
            self.dense.add(batch, vectors)

    # --- content ---------------------------------------------------------------------------

    def passage_ids(self, doc_id: str | None = None) -> list[str]:
        if doc_id is None:
            rows = self._db.execute("SELECT passage_id FROM passages ORDER BY passage_id")
        else:
            rows = self._db.execute(
                "SELECT passage_id FROM passages WHERE doc_id = ? ORDER BY passage_id", [doc_id]
            )
        return [pid for (pid,) in rows]

    def texts(self, passage_ids: Iterable[str]) -> dict[str, str]:
        """The searchable text of each passage id that is stored."""
        wanted = list(passage_ids)
        found: dict[str, str] = {}
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            marks = ",".join("?" * len(chunk))
            rows = self._db.execute(
                f"SELECT passage_id, text FROM passages WHERE passage_id IN ({marks})", chunk
            )
            found.update(rows)
        return found

    def __len__(self) -> int:
        return int(self._db.execute("SELECT COUNT(*) FROM passages").fetchone()[0])

    def replace_document(self, document: Document, extraction: Extraction | None = None) -> None:
        """Index ``document``'s passages in place of whatever it had before."""
        self.remove_document(document.doc_id)
        texts = _passage_search_text(document, extraction)
        rows = [
            (p.passage_id, document.doc_id, text, " ".join(analyze(text)))
            for p, text in zip(document.passages, texts, strict=True)
        ]
        self._db.executemany("INSERT INTO passages VALUES (?, ?, ?, ?)", rows)
        self._shift_fingerprint(rows, 1)
        keys = entity_channel.document_entities(extraction)
        if keys:
            self._db.execute(
                "INSERT INTO document_entities VALUES (?, ?)",
                [document.doc_id, entity_channel.encode(keys)],
            )
        self._lexical = None
        self._entities = None
        if self._dense is not None:
            self._embed_into_dense([row[0] for row in rows])
        else:
            self._unembedded = True

    def remove_document(self, doc_id: str) -> None:
        """Forget every passage of ``doc_id`` (no-op for an unknown id)."""
        self._db.execute("DELETE FROM document_entities WHERE doc_id = ?", [doc_id])
        self._entities = None
        old_rows = self._db.execute(
            "SELECT passage_id, doc_id, text, tokens FROM passages WHERE doc_id = ?", [doc_id]
        ).fetchall()
        if not old_rows:
            return
        self._db.execute("DELETE FROM passages WHERE doc_id = ?", [doc_id])
        self._shift_fingerprint(old_rows, -1)
        self._lexical = None
        if self._dense is not None:
            self._dense.remove([row[0] for row in old_rows])
        else:
            self._db.executemany(
                "INSERT OR IGNORE INTO dense_stale VALUES (?)", [(row[0],) for row in old_rows]
            )

    def save(self) -> None:
        """Commit the passages, then write the dense index and the BM25 channels if they changed.

        The passages (and their fingerprint) are committed first: should writing the channels
        fail, the next open finds no channels for the committed fingerprint and rebuilds them.
        A removal alone does not load the model: the saved dense index still holds the removed
        passages, and opening it drops every passage the table no longer has.
        """
        self._db.commit()
        if self._dense is not None or self._unembedded:
            self.dense.save(self._dense_folder)
            self._unembedded = False
            self._db.execute("DELETE FROM dense_stale")  # the saved vectors match again
            self._db.commit()
        self._save_lexical()

    def _save_lexical(self) -> None:
        """Write the channels of the current passages unless they are saved already."""
        if not len(self):
            self._lexical_store.prune(None)  # bm25s cannot save an empty index
        elif not self._lexical_store.has(self._lexical_key):
            self._lexical_store.save(self.lexical, self._lexical_key)

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
            return self.dense.search(self.query_vector(query), k, allowed_ids)
        depth = max(k * FUSION_DEPTH, 50)
        lexical = self.lexical
        scores = lexical.scores(query)
        candidate_set = lexical.candidates(scores, depth, allowed_ids)
        vector = None
        if chosen == "hybrid":
            vector = self.query_vector(query)
            candidate_set |= {pid for pid, _ in self.dense.search(vector, depth, allowed_ids)}
        candidates = sorted(candidate_set)
        channels = {name: lexical.words.scores_of(s, candidates) for name, s in scores.items()}
        if vector is not None:
            channels["dense"] = self.dense.similarities(vector, candidates)
        wanted = entity_channel.question_entities(query)
        if wanted:
            channels["entities"] = entity_channel.entity_scores(wanted, candidates, self.entities)
        return fuse_channels(candidates, channels, k)
