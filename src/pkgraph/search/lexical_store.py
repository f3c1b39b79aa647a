"""The lexical channels on disk: bm25s matrices memory-mapped, named by what they were built from.

Rebuilding the three BM25 channels from stored tokens took 53 s at 100k passages and held
gigabytes of Python token lists; loading the saved matrices memory-mapped takes well under a
second and leaves them in the page cache instead of the process heap.

Consistency with the passages table: a channel set lives in ``lexical/<key>/``, where the key
hashes the passage set's fingerprint (:func:`row_digest` summed over the table, kept next to
the rows in the same transaction), the channel format and the bm25s version. A set is written
to a temporary folder and renamed into place once complete, so a crash leaves either no
folder for the current key (the channels are rebuilt) or a complete one; a folder whose key
differs from the table's is never read.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
from pathlib import Path

import bm25s
import numpy as np

from pkgraph.search.lexical import (
    DOCUMENTS_BM25,
    GRAMS_BM25,
    WORDS_BM25,
    LexicalChannels,
    LexicalIndex,
)

log = logging.getLogger(__name__)

#: Bump when what the channels hold changes without the passages changing (grams, weights).
FORMAT = 1
_MODULUS = 2**128
_CHANNELS = ("words", "grams", "documents")
_MANIFEST = "manifest.json"


def row_digest(passage_id: str, doc_id: str, text: str, tokens: str) -> int:
    """A passage row as a 128-bit number; the fingerprint of a set is the sum of its rows.

    A sum can be updated row by row (add on insert, subtract on delete) and does not depend on
    the order rows were written in.
    """
    joined = "\x00".join((passage_id, doc_id, text, tokens)).encode()
    return int.from_bytes(hashlib.sha256(joined).digest()[:16], "big")


def combine(fingerprint: int, digest: int, sign: int = 1) -> int:
    return (fingerprint + sign * digest) % _MODULUS


def channel_key(fingerprint: int) -> str:
    """The folder name of the channels built from passages with ``fingerprint``."""
    parameters = (FORMAT, WORDS_BM25, GRAMS_BM25, DOCUMENTS_BM25, bm25s.__version__)
    return hashlib.sha256(f"{parameters!r}|{fingerprint:032x}".encode()).hexdigest()[:32]


class LexicalStore:
    """Channel sets under ``root`` (``search/lexical``), at most one complete set kept."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def has(self, key: str) -> bool:
        return (self.root / key / _MANIFEST).is_file()

    def load(self, key: str, passages: int) -> LexicalChannels | None:
        """The channels saved under ``key``, memory-mapped; None if absent or unreadable."""
        folder = self.root / key
        if not self.has(key):
            return None
        try:
            manifest = json.loads((folder / _MANIFEST).read_text(encoding="utf-8"))
            if manifest["passages"] != passages or manifest["key"] != key:
                log.warning("lexical channels %s do not match the passages; rebuilding", key)
                return None
            ids = manifest["passage_ids"]
            indexes = {
                name: bm25s.BM25.load(folder / name, mmap=True, show_progress=False)
                for name in _CHANNELS
            }
            document_of = np.load(folder / "document_of.npy", mmap_mode="r")
        except (OSError, ValueError, KeyError) as error:
            log.warning("lexical channels %s unreadable (%s); rebuilding", key, error)
            return None
        return LexicalChannels(
            LexicalIndex(ids, indexes["words"]),
            LexicalIndex(ids, indexes["grams"]),
            LexicalIndex(manifest["doc_ids"], indexes["documents"]),
            document_of,
        )

    def save(self, channels: LexicalChannels, key: str) -> None:
        """Write ``channels`` as the set ``key`` (atomically) and drop every other set."""
        self.root.mkdir(parents=True, exist_ok=True)
        if not self.has(key):
            partial = self.root / f".{key}.partial"
            shutil.rmtree(partial, ignore_errors=True)
            partial.mkdir()
            for name in _CHANNELS:
                bm25 = getattr(channels, name).bm25
                bm25.save(partial / name, show_progress=False)
            np.save(partial / "document_of.npy", np.asarray(channels.document_of))
            manifest = {
                "key": key,
                "passages": len(channels),
                "passage_ids": channels.passage_ids,
                "doc_ids": channels.documents.passage_ids,
            }
            (partial / _MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
            _sync(partial)
            shutil.rmtree(self.root / key, ignore_errors=True)  # an incomplete set of this key
            os.rename(partial, self.root / key)
        self.prune(key)

    def prune(self, keep: str | None) -> None:
        """Delete every set but ``keep`` (and leftovers of interrupted writes)."""
        if self.root.is_dir():
            for other in self.root.iterdir():
                if other.name != keep:
                    shutil.rmtree(other, ignore_errors=True)


def _sync(folder: Path) -> None:
    """Flush every file under ``folder`` so the rename cannot publish unwritten data."""
    for path in folder.rglob("*"):
        if path.is_file():
            with path.open("rb") as handle:
                os.fsync(handle.fileno())
