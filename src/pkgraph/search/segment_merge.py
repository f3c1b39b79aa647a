"""Merging lexical segments into one, streaming, in memory bounded by a block of postings.

Segments are merged log-structured (``lexical_store``) so a query touches few of them, and a
merge drops the documents removed from its inputs. The merged postings are written term block
by term block straight into memory-mapped ``.npy`` files: a merge of segments with hundreds of
millions of postings holds one block (``BLOCK`` postings) at a time, not the matrices.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np

from pkgraph.search.segments import CHANNELS, Postings, Segment

#: Postings merged (and sorted) at a time: about 24 bytes each in flight.
BLOCK = 4_000_000


def merge_segments(inputs: Sequence[tuple[Segment, np.ndarray]], folder: Path) -> int:
    """Write the live documents of ``inputs`` (segment, mask of its removed document rows) as
    one segment into the new ``folder``; returns its number of passages."""
    live_docs = [~deleted for _, deleted in inputs]
    live_rows = [
        alive[segment.document_of] for (segment, _), alive in zip(inputs, live_docs, strict=True)
    ]
    passage_ids, row_maps = _renumber([s.passage_ids for s, _ in inputs], live_rows)
    doc_ids, doc_maps = _renumber([s.doc_ids for s, _ in inputs], live_docs)
    document_of = np.zeros(len(passage_ids), dtype=np.int32)
    for (segment, _), rows, docs in zip(inputs, row_maps, doc_maps, strict=True):
        live = rows >= 0
        document_of[rows[live]] = docs[segment.document_of[live]]
    digests = np.zeros((len(doc_ids), 2), dtype=np.uint64)
    for (segment, _), docs in zip(inputs, doc_maps, strict=True):
        digests[docs[docs >= 0]] = segment.digests[docs >= 0]
    folder.mkdir(parents=True)
    for name, values in (
        ("passage_ids", passage_ids),
        ("doc_ids", doc_ids),
        ("document_of", document_of),
        ("digests", digests),
    ):
        np.save(folder / f"{name}.npy", values)
    for channel in CHANNELS:
        maps = doc_maps if channel == "documents" else row_maps
        size = len(doc_ids) if channel == "documents" else len(passage_ids)
        _merge_channel([s.channels[channel] for s, _ in inputs], maps, size, folder, channel)
    return len(passage_ids)


def _renumber(
    keys: Sequence[np.ndarray], live: Sequence[np.ndarray]
) -> tuple[np.ndarray, list[np.ndarray]]:
    """The live keys of all inputs, sorted, and per input each row's new number (-1: dropped)."""
    kept = np.concatenate([k[alive] for k, alive in zip(keys, live, strict=True)])
    order = np.argsort(kept, kind="stable")
    rank = np.empty(len(order), dtype=np.int64)
    rank[order] = np.arange(len(order))
    maps, offset = [], 0
    for alive in live:
        numbers = np.full(len(alive), -1, dtype=np.int64)
        count = int(alive.sum())
        numbers[alive] = rank[offset : offset + count]
        offset += count
        maps.append(numbers)
    return kept[order], maps


def _live_counts(postings: Postings, rows: np.ndarray) -> np.ndarray:
    """Per term of ``postings``, its postings in rows that survive (``rows`` maps to >= 0)."""
    counts = np.diff(postings.indptr)
    if bool((rows >= 0).all()):
        return counts
    for start in range(0, len(postings.rows), BLOCK):
        end = min(start + BLOCK, len(postings.rows))
        dead = np.flatnonzero(rows[postings.rows[start:end]] < 0) + start
        terms = np.searchsorted(postings.indptr, dead, side="right") - 1
        counts = counts - np.bincount(terms, minlength=len(counts))
    return counts


def _merge_channel(
    inputs: Sequence[Postings], row_maps: Sequence[np.ndarray], size: int, folder: Path, name: str
) -> None:
    terms = np.unique(np.concatenate([p.terms for p in inputs]))
    term_maps = [np.searchsorted(terms, p.terms) for p in inputs]
    counts = np.zeros(len(terms), dtype=np.int64)
    for postings, rows, term_map in zip(inputs, row_maps, term_maps, strict=True):
        counts[term_map] += _live_counts(postings, rows)
    kept = counts > 0  # a term only removed documents had is dropped
    indptr = np.zeros(int(kept.sum()) + 1, dtype=np.int64)
    np.cumsum(counts[kept], out=indptr[1:])
    total = int(indptr[-1])
    out_rows = _open(folder / f"{name}.rows.npy", np.int32, total)
    out_tf = _open(folder / f"{name}.tf.npy", np.float32, total)
    ends = np.cumsum(counts)
    first = 0
    while first < len(terms):
        written = int(ends[first - 1]) if first else 0
        last = max(int(np.searchsorted(ends, written + BLOCK, side="right")), first + 1)
        block_terms, block_rows, block_tf = [], [], []
        for postings, rows, term_map in zip(inputs, row_maps, term_maps, strict=True):
            low, high = np.searchsorted(term_map, [first, last])
            start, end = int(postings.indptr[low]), int(postings.indptr[high])
            numbers = rows[postings.rows[start:end]]
            live = numbers >= 0
            spans = np.diff(postings.indptr[low : high + 1])
            block_terms.append(np.repeat(term_map[low:high], spans)[live])
            block_rows.append(numbers[live])
            block_tf.append(np.asarray(postings.tf[start:end])[live])
        merged_terms, merged_rows = np.concatenate(block_terms), np.concatenate(block_rows)
        order = np.lexsort((merged_rows, merged_terms))
        end = written + len(order)
        out_rows[written:end] = merged_rows[order]
        out_tf[written:end] = np.concatenate(block_tf)[order]
        first = last
    for written_array in (out_rows, out_tf):
        if isinstance(written_array, np.memmap):
            written_array.flush()
    del out_rows, out_tf
    lengths = np.zeros(size, dtype=np.int32)
    for postings, rows in zip(inputs, row_maps, strict=True):
        lengths[rows[rows >= 0]] = postings.lengths[rows >= 0]
    np.save(folder / f"{name}.terms.npy", terms[kept])
    np.save(folder / f"{name}.indptr.npy", indptr)
    np.save(folder / f"{name}.lengths.npy", lengths)


def _open(path: Path, dtype: type, length: int) -> np.ndarray:
    """An ``.npy`` file of ``length`` items to fill in place (a memory map; none can be empty)."""
    if not length:
        np.save(path, np.zeros(0, dtype=dtype))
        return np.zeros(0, dtype=dtype)
    return np.lib.format.open_memmap(path, mode="w+", dtype=dtype, shape=(length,))
