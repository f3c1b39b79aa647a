"""Lexical segments: raw term frequencies of whole documents, memory-mapped from ``.npy`` files.

bm25s stores finished scores, and a score depends on every passage (idf, average length), so
a bm25s index cannot take one more document. A segment keeps only what another document cannot
change: per channel the term frequencies as a CSC matrix (sorted terms; per term its rows and
counts) and each row's length. ``lexical.LexicalChannels`` scores at query time with the
statistics of all live segments, exactly as one bm25s build of the same passages would.

A segment holds whole documents (pkgraph replaces and removes documents whole), so a document's
passages and its row of the documents channel always share one segment. Rows are sorted by
passage id and document rows by document id, so lookups are binary searches.
"""

from __future__ import annotations

import hashlib
import os
from array import array
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

#: (passage id, doc id, searchable text, analysed tokens joined by spaces), as stored.
Row = tuple[str, str, str, str]
CHANNELS = ("words", "grams", "documents")
_MODULUS = 2**128
_LOW = 2**64 - 1


def row_digest(passage_id: str, doc_id: str, text: str, tokens: str) -> int:
    """A passage row as a 128-bit number; the fingerprint of a set is the sum of its rows.

    A sum can be updated row by row (add on insert, subtract on delete) and does not depend on
    the order rows were written in.
    """
    joined = "\x00".join((passage_id, doc_id, text, tokens)).encode()
    return int.from_bytes(hashlib.sha256(joined).digest()[:16], "big")


def combine(fingerprint: int, digest: int, sign: int = 1) -> int:
    return (fingerprint + sign * digest) % _MODULUS


def encoded(values: Iterable[str]) -> np.ndarray:
    """Strings as a numpy bytes array (UTF-8): byte order is SQLite's and Python's order."""
    found = [v.encode() for v in values]
    return np.array(found, dtype=bytes) if found else np.zeros(0, dtype="S1")


def lookup(sorted_keys: np.ndarray, wanted: np.ndarray) -> np.ndarray:
    """Position of each of ``wanted`` in ``sorted_keys``, -1 where absent."""
    if not len(sorted_keys) or not len(wanted):
        return np.full(len(wanted), -1, dtype=np.int64)
    # keys longer than any stored one are cut to search, and fail the full comparison below
    at = np.searchsorted(sorted_keys, wanted.astype(sorted_keys.dtype))
    at = np.minimum(at, len(sorted_keys) - 1)
    return np.where(sorted_keys[at] == wanted, at, -1)


@dataclass(frozen=True)
class Postings:
    """One channel of a segment: term frequencies by term (CSC) and the length of every row."""

    terms: np.ndarray  # bytes, sorted
    indptr: np.ndarray  # int64, the postings of term j are [indptr[j], indptr[j + 1])
    rows: np.ndarray  # int32, ascending within a term
    tf: np.ndarray  # float32, the term's count in the row
    lengths: np.ndarray  # int32, tokens per row

    @classmethod
    def count(
        cls, ids: np.ndarray, row_of: np.ndarray, vocabulary: Sequence[str], n: int
    ) -> Postings:
        """Postings of tokens given as vocabulary ids (``ids``) in rows (``row_of``)."""
        terms = encoded(vocabulary)
        order = np.argsort(terms, kind="stable")
        rank = np.empty(len(order), dtype=np.int64)
        rank[order] = np.arange(len(order))
        keys, tf = np.unique(rank[ids] * max(n, 1) + row_of, return_counts=True)
        columns = keys // max(n, 1)
        indptr = np.zeros(len(terms) + 1, dtype=np.int64)
        np.cumsum(np.bincount(columns, minlength=len(terms)), out=indptr[1:])
        return cls(
            terms[order],
            indptr,
            (keys % max(n, 1)).astype(np.int32),
            tf.astype(np.float32),
            np.bincount(row_of, minlength=n).astype(np.int32),
        )

    def arrays(self) -> dict[str, np.ndarray]:
        return {
            "terms": self.terms,
            "indptr": self.indptr,
            "rows": self.rows,
            "tf": self.tf,
            "lengths": self.lengths,
        }


@dataclass(frozen=True)
class Segment:
    """Whole documents: their passages, the three channels' postings, each document's digest."""

    passage_ids: np.ndarray  # bytes, sorted
    doc_ids: np.ndarray  # bytes, sorted
    document_of: np.ndarray  # int32, per passage row its document row
    digests: np.ndarray  # uint64 (documents, 2): high and low half of the document's digest
    channels: dict[str, Postings]

    def __len__(self) -> int:
        return len(self.passage_ids)

    def digest(self, rows: np.ndarray) -> int:
        """Sum of the digests of the document ``rows`` (mod 2^128)."""
        total = 0
        for high, low in self.digests[rows].tolist():
            total += (high << 64) | low
        return total % _MODULUS

    @classmethod
    def build(cls, rows: Sequence[Row], grams: Iterable[list[str]]) -> Segment:
        """The segment of ``rows`` (sorted; all passages of each document they name) and the
        character grams of each row's text."""
        doc_ids = sorted({row[1] for row in rows})
        doc_row = {doc_id: i for i, doc_id in enumerate(doc_ids)}
        document_of = np.asarray([doc_row[row[1]] for row in rows], dtype=np.int32)
        digests = [0] * len(doc_ids)
        for row in rows:
            digests[doc_row[row[1]]] = combine(digests[doc_row[row[1]]], row_digest(*row))
        words, words_vocabulary, words_lengths = _token_ids(row[3].split() for row in rows)
        gram_ids, grams_vocabulary, grams_lengths = _token_ids(grams)
        word_rows = np.repeat(np.arange(len(rows)), words_lengths)
        return cls(
            encoded(row[0] for row in rows),
            encoded(doc_ids),
            document_of,
            np.asarray([(d >> 64, d & _LOW) for d in digests], dtype=np.uint64).reshape(-1, 2),
            {
                "words": Postings.count(words, word_rows, words_vocabulary, len(rows)),
                "grams": Postings.count(
                    gram_ids,
                    np.repeat(np.arange(len(rows)), grams_lengths),
                    grams_vocabulary,
                    len(rows),
                ),
                # a document is all its passages' word tokens
                "documents": Postings.count(
                    words, document_of[word_rows], words_vocabulary, len(doc_ids)
                ),
            },
        )

    def save(self, folder: Path) -> None:
        """Write every array as ``.npy`` into ``folder`` (the caller renames it into place)."""
        folder.mkdir(parents=True)
        arrays = {
            "passage_ids": self.passage_ids,
            "doc_ids": self.doc_ids,
            "document_of": self.document_of,
            "digests": self.digests,
        }
        for channel, postings in self.channels.items():
            arrays |= {f"{channel}.{name}": a for name, a in postings.arrays().items()}
        for name, values in arrays.items():
            np.save(folder / f"{name}.npy", values)

    @classmethod
    def load(cls, folder: Path) -> Segment:
        """The segment in ``folder``, memory-mapped (pages stay in the page cache)."""

        def load(name: str) -> np.ndarray:
            return np.load(folder / f"{name}.npy", mmap_mode="r", allow_pickle=False)

        return cls(
            load("passage_ids"),
            load("doc_ids"),
            load("document_of"),
            load("digests"),
            {
                channel: Postings(*(load(f"{channel}.{name}") for name in _POSTING_ARRAYS))
                for channel in CHANNELS
            },
        )


_POSTING_ARRAYS = ("terms", "indptr", "rows", "tf", "lengths")


class _Vocabulary(dict[str, int]):
    """Token -> id, a new id for each new token (``__getitem__`` stays the C fast path)."""

    def __missing__(self, token: str) -> int:
        self[token] = number = len(self)
        return number


def _token_ids(token_lists: Iterable[list[str]]) -> tuple[np.ndarray, list[str], np.ndarray]:
    """All tokens as one int32 array of vocabulary ids (4 bytes a token), the vocabulary, and
    the number of tokens of each list."""
    vocabulary = _Vocabulary()
    ids = array("i")
    lengths = array("q")
    for tokens in token_lists:
        ids.extend(map(vocabulary.__getitem__, tokens))
        lengths.append(len(tokens))
    return (
        np.frombuffer(ids, dtype=np.int32) if ids else np.zeros(0, dtype=np.int32),
        list(vocabulary),
        np.frombuffer(lengths, dtype=np.int64) if lengths else np.zeros(0, dtype=np.int64),
    )


def whole_documents(rows: Iterable[Row], size: int) -> Iterator[list[Row]]:
    """``rows`` (grouped by document) in chunks of at least ``size`` passages, cut only between
    documents, so a build holds one chunk's tokens at a time."""
    chunk: list[Row] = []
    for row in rows:
        if len(chunk) >= size and row[1] != chunk[-1][1]:
            yield chunk
            chunk = []
        chunk.append(row)
    if chunk:
        yield chunk


def sync_folder(folder: Path) -> None:
    """Flush every file under ``folder`` and the folder itself, so a rename publishes data."""
    for path in folder.rglob("*"):
        if path.is_file():
            with path.open("rb") as handle:
                os.fsync(handle.fileno())
    sync_directory(folder)


def sync_directory(folder: Path) -> None:
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
