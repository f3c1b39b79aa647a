"""Dense retrieval: a faiss inner-product index over unit vectors, persisted, updated in place.

Index type by corpus size: below :data:`HNSW_THRESHOLD` vectors an exact ``IndexFlatIP`` (every
query scans all vectors; at 50k x 512 floats that is ~100 MB and a few ms per query). From the
threshold on the index is rebuilt as ``IndexHNSWFlat`` (approximate, sub-linear queries).
Both sit in an ``IndexIDMap2`` so faiss labels stay stable across removals. HNSW cannot delete,
so a removed passage becomes a tombstone that searches skip; when tombstones exceed
:data:`COMPACT_FRACTION` of the index, it is rebuilt from its own stored vectors.

A read-only service searches on several threads, each with its own ``SearchIndex`` (SQLite
connections are bound to their thread). ``DenseIndex.load(..., shared=True)`` gives all of them
the process's one copy of the saved files (:func:`_shared_load`: at 1M passages 2.2 GB that
was otherwise loaded once per thread); that copy is read-only (:attr:`DenseIndex.shared`), and
whoever must change it works on :meth:`DenseIndex.private_copy`.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
from collections.abc import Collection, Sequence
from pathlib import Path
from typing import Any

import faiss
import numpy as np

from pkgraph.search.ranking import Ranked
from pkgraph.search.shared import SharedCopies

HNSW_THRESHOLD = 50_000
HNSW_NEIGHBOURS = 32
HNSW_EF_CONSTRUCTION = 80
HNSW_EF_SEARCH = 128
COMPACT_FRACTION = 0.1
#: faiss runs single-threaded. Measured on the 2-core machines (2,000 passages, load ~2): a
#: hybrid query took 26 ms with faiss' default 2 OpenMP threads and 6 ms with one; idle OpenMP
#: threads spin and slow the query embedding down as well.
FAISS_THREADS = 1
_omp = threading.local()


def _single_threaded() -> None:
    """Limit faiss to :data:`FAISS_THREADS` on the calling thread: OpenMP keeps the limit per
    thread, so a search thread of the service searched with one OpenMP thread per core, whose
    spinning took 28 % of its CPU (perf, 100k passages)."""
    if not getattr(_omp, "limited", False):
        faiss.omp_set_num_threads(FAISS_THREADS)
        _omp.limited = True


_single_threaded()
_INDEX_FILE = "vectors.faiss"
DENSE_IDS_FILE = "ids.json"

#: What names one saved state of a dense folder: the folder, the model, the device, inode, size
#: and modification time of both files, and the digest of the id map. ``save`` replaces each
#: file by a new one, so a save, by any process, gives a new key (the digest: even should the
#: new files reuse the old inodes within one clock tick; new vectors always get new labels).
_Key = tuple[str, str, int, tuple[int, ...], tuple[int, ...], str]
#: The shared indexes while anyone holds them (the last ``SearchIndex`` closed frees it).
_shared: SharedCopies[_Key, DenseIndex] = SharedCopies()


def _identity(path: Path) -> tuple[int, ...]:
    stat = os.stat(path)
    return (stat.st_dev, stat.st_ino, stat.st_size, stat.st_mtime_ns)


def _saved_key(folder: Path, model_id: str, dimension: int) -> _Key | None:
    """The key of what is saved in ``folder`` now; None if nothing is (or a file is missing)."""
    try:
        ids, index = _identity(folder / DENSE_IDS_FILE), _identity(folder / _INDEX_FILE)
        digest = hashlib.blake2b((folder / DENSE_IDS_FILE).read_bytes()).hexdigest()
    except FileNotFoundError:
        return None
    return (str(folder.resolve()), model_id, dimension, ids, index, digest)


def _new_index(dimension: int, hnsw: bool) -> Any:
    """An empty ``IndexIDMap2`` around an exact or an HNSW inner-product index."""
    inner: Any
    if hnsw:
        inner = faiss.IndexHNSWFlat(dimension, HNSW_NEIGHBOURS, faiss.METRIC_INNER_PRODUCT)
        inner.hnsw.efConstruction = HNSW_EF_CONSTRUCTION
        inner.hnsw.efSearch = HNSW_EF_SEARCH
    else:
        inner = faiss.IndexFlatIP(dimension)
    return faiss.IndexIDMap2(inner)


def _is_hnsw(index: Any) -> bool:
    return isinstance(faiss.downcast_index(index.index), faiss.IndexHNSW)


def _search_parameters(index: Any, selector: Any, k: int) -> Any:
    """Search parameters restricting ``index`` to ``selector`` (HNSW: wide enough for ``k``)."""
    if _is_hnsw(index):
        hnsw_parameters = faiss.SearchParametersHNSW  # type: ignore[attr-defined]
        return hnsw_parameters(sel=selector, efSearch=max(HNSW_EF_SEARCH, k))
    return faiss.SearchParameters(sel=selector)  # type: ignore[call-arg]


class DenseIndex:
    """Vectors of one embedding model, addressed by passage id."""

    def __init__(
        self,
        model_id: str,
        dimension: int,
        index: Any = None,
        labels: dict[str, int] | None = None,
        tombstones: set[int] | None = None,
        hnsw_threshold: int = HNSW_THRESHOLD,
    ) -> None:
        self.model_id = model_id
        self.hnsw_threshold = hnsw_threshold
        self.dimension = dimension
        self._index: Any = index if index is not None else _new_index(dimension, hnsw=False)
        self._labels: dict[str, int] = labels or {}
        self._ids: dict[int, str] = {label: pid for pid, label in self._labels.items()}
        self._tombstones: set[int] = tombstones or set()
        self._next_label = max([*self._labels.values(), *self._tombstones], default=-1) + 1
        #: The process's one copy of saved files, searched by several threads at once: never
        #: changed (faiss searches, ``reconstruct`` and the id maps only read); see :meth:`load`.
        self.shared = False

    # --- persistence ------------------------------------------------------------------------

    @classmethod
    def load(cls, folder: Path, model_id: str, dimension: int, shared: bool = False) -> DenseIndex:
        """The index saved in ``folder``, or an empty one if none was saved for this model.

        ``shared``: the same read-only object to every caller that asks for the same saved
        files while one of them still holds it (the search threads of a read-only service;
        never a writer's index, which changes in place). Files saved since, by this process or
        another, are another key, so a new open never gets a stale index.
        """
        if shared:
            return _shared_load(folder, model_id, dimension)
        return cls._read(folder, model_id, dimension)

    @classmethod
    def _read(cls, folder: Path, model_id: str, dimension: int) -> DenseIndex:
        ids_path = folder / DENSE_IDS_FILE
        if not ids_path.exists():
            return cls(model_id, dimension)
        meta = json.loads(ids_path.read_text(encoding="utf-8"))
        if meta["model_id"] != model_id or meta["dimension"] != dimension:
            return cls(model_id, dimension)
        index = faiss.read_index(str(folder / _INDEX_FILE))
        return cls(model_id, dimension, index, meta["labels"], set(meta["tombstones"]))

    def private_copy(self) -> DenseIndex:
        """A copy of its own, to change (faiss ``clone_index``: the vectors are copied)."""
        _single_threaded()
        copy = DenseIndex(
            self.model_id,
            self.dimension,
            faiss.clone_index(self._index),
            dict(self._labels),
            set(self._tombstones),
            self.hnsw_threshold,
        )
        copy._next_label = self._next_label
        return copy

    def _check_private(self) -> None:
        if self.shared:
            raise RuntimeError("a shared dense index is read-only: change a private_copy()")

    def save(self, folder: Path) -> None:
        """Write index and id map (each through a temp file, so a crash leaves the old pair)."""
        folder.mkdir(parents=True, exist_ok=True)
        index_tmp = folder / (_INDEX_FILE + ".tmp")
        ids_tmp = folder / (DENSE_IDS_FILE + ".tmp")
        faiss.write_index(self._index, str(index_tmp))
        meta = {
            "model_id": self.model_id,
            "dimension": self.dimension,
            "index_type": self.index_type,
            "labels": self._labels,
            "tombstones": sorted(self._tombstones),
        }
        ids_tmp.write_text(json.dumps(meta), encoding="utf-8")
        index_tmp.replace(folder / _INDEX_FILE)
        ids_tmp.replace(folder / DENSE_IDS_FILE)

    # --- content ----------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self._labels)

    def __contains__(self, passage_id: object) -> bool:
        return passage_id in self._labels

    @property
    def passage_ids(self) -> set[str]:
        return set(self._labels)

    @property
    def index_type(self) -> str:
        return "hnsw" if _is_hnsw(self._index) else "flat"

    def add(self, passage_ids: Sequence[str], vectors: np.ndarray) -> None:
        """Add (or replace) the vectors of ``passage_ids``."""
        if not passage_ids:
            return
        self._check_private()
        self.remove([pid for pid in passage_ids if pid in self._labels])
        _single_threaded()
        labels = np.arange(self._next_label, self._next_label + len(passage_ids), dtype=np.int64)
        self._next_label += len(passage_ids)
        self._index.add_with_ids(np.ascontiguousarray(vectors, dtype=np.float32), labels)
        for pid, label in zip(passage_ids, labels.tolist(), strict=True):
            self._labels[pid] = label
            self._ids[label] = pid
        if not _is_hnsw(self._index) and len(self._labels) >= self.hnsw_threshold:
            self._rebuild()

    def remove(self, passage_ids: Collection[str]) -> None:
        known = list(dict.fromkeys(pid for pid in passage_ids if pid in self._labels))
        if not known:
            return
        self._check_private()
        labels = [self._labels.pop(pid) for pid in known]
        for label in labels:
            del self._ids[label]
        if _is_hnsw(self._index):
            self._tombstones.update(labels)
            if len(self._tombstones) > COMPACT_FRACTION * self._index.ntotal:
                self._rebuild()
        else:
            self._index.remove_ids(np.asarray(labels, dtype=np.int64))

    def _rebuild(self) -> None:
        """A fresh index of the type the live size calls for, without tombstones."""
        _single_threaded()
        live = sorted(self._ids)
        vectors = self.vectors(live)
        self._index = _new_index(self.dimension, hnsw=len(live) >= self.hnsw_threshold)
        if live:
            self._index.add_with_ids(vectors, np.asarray(live, dtype=np.int64))
        self._tombstones = set()

    def vectors(self, labels: Sequence[int]) -> np.ndarray:
        """Stored vectors of faiss ``labels`` (passage order as given), in one call (one
        ``reconstruct`` per label from Python took 0.4 ms for a query's ~130 candidates)."""
        if not labels:
            return np.zeros((0, self.dimension), dtype=np.float32)
        return np.asarray(self._index.reconstruct_batch(np.asarray(labels, dtype=np.int64)))

    def similarities(self, query: np.ndarray, passage_ids: Sequence[str]) -> np.ndarray:
        """Cosine of ``query`` with each of ``passage_ids`` (-1 for ids not indexed)."""
        known = [p for p in passage_ids if p in self._labels]
        cosines = dict(
            zip(known, self.vectors([self._labels[p] for p in known]) @ query, strict=True)
        )
        return np.asarray([cosines.get(p, -1.0) for p in passage_ids], dtype=np.float32)

    # --- search -----------------------------------------------------------------------------

    def search(self, query: np.ndarray, k: int, allowed: Collection[str] | None = None) -> Ranked:
        """The ``k`` nearest passages to the unit vector ``query``, among ``allowed`` if given."""
        if k <= 0 or not self._labels:
            return []
        _single_threaded()
        params = None
        if allowed is not None:
            labels = np.asarray([self._labels[p] for p in allowed if p in self._labels], np.int64)
            if len(labels) == 0:
                return []
            params = _search_parameters(self._index, faiss.IDSelectorBatch(labels), k)
        elif self._tombstones:
            tombstones = np.asarray(sorted(self._tombstones), np.int64)
            selector = faiss.IDSelectorNot(faiss.IDSelectorBatch(tombstones))
            params = _search_parameters(self._index, selector, k)
        k = min(k, len(self._labels))
        scores, labels_found = self._index.search(
            np.ascontiguousarray(query.reshape(1, -1), dtype=np.float32), k, params=params
        )
        return [
            (self._ids[int(label)], float(score))
            for score, label in zip(scores[0], labels_found[0], strict=True)
            if label >= 0 and int(label) in self._ids
        ]


def _shared_load(folder: Path, model_id: str, dimension: int) -> DenseIndex:
    """The shared, read-only :class:`DenseIndex` of the files saved in ``folder`` now.

    Kept by the files' identity (:func:`_saved_key`) while anyone holds it. The key is taken
    before and after reading: if the files changed meanwhile (a save replaced them), the index
    read may mix the two states' files and is neither kept nor marked shared (the caller gets
    a private index, as without sharing; its reconciliation with the passages table applies).
    """
    index, shared = _shared.get(
        lambda: _saved_key(folder, model_id, dimension),
        lambda: DenseIndex._read(folder, model_id, dimension),
        keep=lambda loaded: len(loaded) > 0,  # empty: nothing saved for this model
    )
    index.shared = shared
    return index
