"""The embedded default backend: passages in SQLite, vectors in faiss, BM25 channels in files.

Layout under ``settings.search_dir``::

    search/passages.sqlite      passage id, doc id, searchable text, analysed tokens;
                                doc id -> entity keys extraction found in the document
    search/dense/<model>/       faiss index + id map of that model
    search/lexical/             the BM25 channels as segments and the manifest naming them
                                (``lexical_store``)

The passages table is the source of truth. A change marks its document pending (in the rows'
transaction, like the fingerprint of the rows in ``search_meta``); the channels index pending
documents in memory when first searched and as a new segment at :meth:`EmbeddedBackend.save`,
and opening reconciles the saved segments with the pending documents, building them again only
if that does not give the table's fingerprint. The dense index is updated in place; on open it
is reconciled with the table, so switching ``embedding_model`` embeds only what that model has
not embedded before.

Opened ``shared`` (the search threads of a read-only service), a backend keeps its own SQLite
connection but takes the faiss index and the BM25 channels of the saved files from the process's
one copy (``DenseIndex.load(shared=True)``, :func:`_shared_lexical`), as long as the saved files
are exactly the table (nothing to reconcile); otherwise, or before any change, it works on a copy
of its own, as every backend did before. At 1M passages each thread held 2.2 GB of vectors and
mapped 1.8 GB of segments of its own (docs/PERFORMANCE.md).
"""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from pathlib import Path

import numpy as np

from pkgraph.search import entities as entity_channel
from pkgraph.search.backend import Channels, EmbedderSource, PassageRow, SavedState
from pkgraph.search.dense import DENSE_IDS_FILE, DenseIndex
from pkgraph.search.embed import EmbeddingCache, embed_passages_cached
from pkgraph.search.lexical import LexicalChannels
from pkgraph.search.lexical_store import MANIFEST_FILE, LexicalStore
from pkgraph.search.ranking import Ranked
from pkgraph.search.segments import Row, combine, row_digest
from pkgraph.search.shared import SharedCopies

_EMBED_BATCH = 256
_FINGERPRINT = "passages_fingerprint"


def _model_folder(model_id: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", model_id).strip("_") or "model"


class EmbeddedBackend:
    """Today's single-machine store: no server, everything under the search folder."""

    def __init__(
        self,
        folder: Path,
        model: str,
        embedder: EmbedderSource,
        cache: EmbeddingCache,
        shared: bool = False,
    ) -> None:
        """``shared``: read the saved vectors and BM25 channels from the process's one copy
        (see the module doc); only for indexes that are not written to while they serve."""
        self.folder = folder
        self.shared = shared
        self.model = model
        self._embedder = embedder
        self._cache = cache
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
        # documents changed since the BM25 segments were saved, committed with their rows
        self._db.execute("CREATE TABLE IF NOT EXISTS lexical_pending (doc_id TEXT PRIMARY KEY)")
        self._fingerprint = self._stored_fingerprint()
        self._lexical_store = LexicalStore(folder / "lexical")
        self._dense: DenseIndex | None = None
        self._lexical: LexicalChannels | None = None
        self._entities: dict[str, frozenset[str]] | None = None
        self._unembedded = False  # passages added while the dense index was not loaded

    def close(self) -> None:
        self._db.commit()
        self._db.close()

    # --- components, loaded when first needed --------------------------------------------

    @property
    def dense(self) -> DenseIndex:
        """The dense index of the configured model, reconciled with the passages table."""
        if self._dense is None:
            embedder = self._embedder()
            dense = DenseIndex.load(
                self._dense_folder, embedder.model_id, embedder.dimension, shared=self.shared
            )
            stored = set(self.passage_ids())
            stale = {pid for (pid,) in self._db.execute("SELECT passage_id FROM dense_stale")}
            saved = dense.passage_ids
            unwanted = (saved - stored) | (saved & stale)
            missing = sorted(stored - (saved - unwanted))  # stale ones are embedded again
            if dense.shared and (unwanted or missing):
                dense = dense.private_copy()  # the table moved on since the save: reconcile a copy
            dense.remove(unwanted)
            self._dense = dense
            self._embed_into_dense(missing)
        return self._dense

    def _private_dense(self) -> DenseIndex:
        """The dense index, made this backend's own before it changes (copy on write)."""
        dense = self.dense
        if dense.shared:
            self._dense = dense = dense.private_copy()
        return dense

    @property
    def lexical(self) -> LexicalChannels:
        """The BM25 channels: saved segments reconciled with the pending documents."""
        if self._lexical is None:
            source = _StoredPassages(self)
            if self.shared and not source.pending():
                self._lexical = _shared_lexical(self._lexical_store, source)
            else:
                self._lexical = self._lexical_store.open(source)
        return self._lexical

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

    def entities(self) -> dict[str, frozenset[str]]:
        if self._entities is None:
            rows = self._db.execute("SELECT doc_id, entities FROM document_entities").fetchall()
            by_doc = {doc_id: entity_channel.decode(keys) for doc_id, keys in rows}
            self._entities = {
                pid: by_doc[doc_id]
                for pid, doc_id in self._db.execute("SELECT passage_id, doc_id FROM passages")
                if doc_id in by_doc
            }
        return self._entities

    def entities_of(self, passage_ids: Sequence[str]) -> Mapping[str, frozenset[str]]:
        return self.entities()

    def warm_up(self) -> None:
        _ = self.dense, self.lexical

    @property
    def _dense_folder(self) -> Path:
        return self.folder / "dense" / _model_folder(self.model)

    def _embed_into_dense(self, passage_ids: list[str]) -> None:
        for start in range(0, len(passage_ids), _EMBED_BATCH):
            batch = passage_ids[start : start + _EMBED_BATCH]
            texts = self.texts(batch)
            vectors = embed_passages_cached(
                self._embedder(), [texts[p] for p in batch], self._cache
            )
            self._private_dense().add(batch, vectors)

    # --- content ---------------------------------------------------------------------------

    def passage_ids(self, doc_id: str | None = None) -> list[str]:
        if doc_id is None:
            rows = self._db.execute("SELECT passage_id FROM passages ORDER BY passage_id")
        else:
            rows = self._db.execute(
                "SELECT passage_id FROM passages WHERE doc_id = ? ORDER BY passage_id", [doc_id]
            )
        return [pid for (pid,) in rows]

    def _rows_in(self, columns: str, key: str, values: Iterable[str]) -> list[tuple[str, ...]]:
        """``columns`` of the passages whose ``key`` is one of ``values`` (500 per statement)."""
        wanted = list(values)
        found: list[tuple[str, ...]] = []
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            marks = ",".join("?" * len(chunk))
            found += self._db.execute(
                f"SELECT {columns} FROM passages WHERE {key} IN ({marks})", chunk
            ).fetchall()
        return found

    def passages_of(self, doc_ids: Collection[str]) -> list[str]:
        return sorted(pid for (pid,) in self._rows_in("passage_id", "doc_id", doc_ids))

    def texts(self, passage_ids: Iterable[str]) -> dict[str, str]:
        return {
            pid: text for pid, text in self._rows_in("passage_id, text", "passage_id", passage_ids)
        }

    def count(self) -> int:
        return int(self._db.execute("SELECT COUNT(*) FROM passages").fetchone()[0])

    def replace(self, doc_id: str, rows: Sequence[PassageRow], entities: frozenset[str]) -> None:
        values = [row.as_tuple() for row in rows]
        old_rows = self._remove(doc_id)
        self._db.executemany("INSERT INTO passages VALUES (?, ?, ?, ?)", values)
        self._shift_fingerprint(values, 1)
        if sorted(old_rows) != sorted(values):  # re-ingesting unchanged leaves BM25 alone
            self._mark_pending(doc_id)
        if entities:
            self._db.execute(
                "INSERT INTO document_entities VALUES (?, ?)",
                [doc_id, entity_channel.encode(entities)],
            )
        self._entities = None
        if self._dense is not None:
            self._embed_into_dense([row.passage_id for row in rows])
        else:
            self._unembedded = True

    def remove(self, doc_id: str) -> None:
        if self._remove(doc_id):
            self._mark_pending(doc_id)

    def _mark_pending(self, doc_id: str) -> None:
        """The document's BM25 entries are to be rewritten (in the rows' transaction)."""
        self._db.execute("INSERT OR IGNORE INTO lexical_pending VALUES (?)", [doc_id])
        self._lexical = None

    def _remove(self, doc_id: str) -> list[tuple[str, str, str, str]]:
        """Delete the document's rows; returns them."""
        self._db.execute("DELETE FROM document_entities WHERE doc_id = ?", [doc_id])
        self._entities = None
        old_rows = self._db.execute(
            "SELECT passage_id, doc_id, text, tokens FROM passages WHERE doc_id = ?", [doc_id]
        ).fetchall()
        if not old_rows:
            return []
        self._db.execute("DELETE FROM passages WHERE doc_id = ?", [doc_id])
        self._shift_fingerprint(old_rows, -1)
        if self._dense is not None and any(row[0] in self._dense for row in old_rows):
            self._private_dense().remove([row[0] for row in old_rows])
        # the saved vectors keep these ids until the next save: marked in the rows' transaction
        self._db.executemany(
            "INSERT OR IGNORE INTO dense_stale VALUES (?)", [(row[0],) for row in old_rows]
        )
        return old_rows

    def commit(self) -> None:
        """Commit the passage rows; vectors and BM25 channels not yet saved are reconciled
        with them when the index is next opened."""
        self._db.commit()

    def saved_state(self) -> SavedState:
        ids_file = self._dense_folder / DENSE_IDS_FILE
        vectors: set[str] = set()
        if ids_file.exists():
            vectors = set(json.loads(ids_file.read_text(encoding="utf-8"))["labels"])
        stale = {pid for (pid,) in self._db.execute("SELECT passage_id FROM dense_stale")}
        return SavedState(vectors - stale, self._lexical_store.current(self._fingerprint))

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
        """Write the pending documents as a segment (nothing if the saved channels are
        current); only then are they no longer pending."""
        self._lexical_store.save(_StoredPassages(self))
        self._db.execute("DELETE FROM lexical_pending")
        self._db.commit()
        self._lexical = None  # the saved segments replace those held in memory

    # --- search ----------------------------------------------------------------------------

    def dense_search(self, vector: np.ndarray, k: int, allowed: frozenset[str] | None) -> Ranked:
        return self.dense.search(vector, k, allowed)

    def channels(
        self, query: str, vector: np.ndarray | None, depth: int, allowed: frozenset[str] | None
    ) -> Channels:
        lexical = self.lexical
        scores = lexical.scores(query)
        candidate_set = lexical.candidates(scores, depth, allowed)
        if vector is not None:
            candidate_set |= {pid for pid, _ in self.dense.search(vector, depth, allowed)}
        candidates = sorted(candidate_set)
        channels = {name: lexical.scores_of(s, candidates) for name, s in scores.items()}
        if vector is not None:
            channels["dense"] = self.dense.similarities(vector, candidates)
        return candidates, channels


#: The shared BM25 channels while anyone holds them: per lexical folder, the digest of the
#: manifest (each save publishes a new one: a new generation naming new segment files) and the
#: table's fingerprint.
_LexicalKey = tuple[str, str, int]
_shared_channels: SharedCopies[_LexicalKey, LexicalChannels] = SharedCopies()


def _manifest_key(store: LexicalStore, fingerprint: int) -> _LexicalKey | None:
    """The key of the saved channels if they hold exactly the passages of ``fingerprint``."""
    try:
        manifest = (store.root / MANIFEST_FILE).read_bytes()
    except FileNotFoundError:
        return None
    if not store.current(fingerprint):
        return None
    return (str(store.root.resolve()), hashlib.blake2b(manifest).hexdigest(), fingerprint)


def _shared_lexical(store: LexicalStore, source: _StoredPassages) -> LexicalChannels:
    """The process's one :class:`LexicalChannels` of the saved segments, when they are the
    table's passages and none is pending (then the channels depend on the saved files alone);
    otherwise, or when a save replaced the manifest while they were read, channels of the
    caller's own. The channels only read once built (their term cache has its own lock:
    ``/search`` scores on several threads), so one copy of the mapped segments and one term
    cache serve every search thread."""
    channels, _shared = _shared_channels.get(
        lambda: _manifest_key(store, source.fingerprint()), lambda: store.open(source)
    )
    return channels


class _StoredPassages:
    """The passages table as ``lexical_store`` reads it."""

    _COLUMNS = "passage_id, doc_id, text, tokens"

    def __init__(self, backend: EmbeddedBackend) -> None:
        self._backend = backend
        self._db = backend._db

    def fingerprint(self) -> int:
        return self._backend._fingerprint

    def count(self) -> int:
        return self._backend.count()

    def pending(self) -> list[str]:
        return [doc_id for (doc_id,) in self._db.execute("SELECT doc_id FROM lexical_pending")]

    def rows_of(self, doc_ids: Sequence[str]) -> Iterator[Row]:
        for start in range(0, len(doc_ids), 500):
            chunk = list(doc_ids[start : start + 500])
            marks = ",".join("?" * len(chunk))
            yield from self._db.execute(
                f"SELECT {self._COLUMNS} FROM passages WHERE doc_id IN ({marks})"
                " ORDER BY doc_id, passage_id",
                chunk,
            )

    def rows(self) -> Iterator[Row]:
        # one statement: one snapshot, streamed (the doc_id index gives the order)
        yield from self._db.execute(
            f"SELECT {self._COLUMNS} FROM passages ORDER BY doc_id, passage_id"
        )

    def correct_fingerprint(self, fingerprint: int) -> None:
        self._backend._fingerprint = fingerprint
        self._db.execute(
            "INSERT OR REPLACE INTO search_meta VALUES (?, ?)", [_FINGERPRINT, f"{fingerprint:x}"]
        )
