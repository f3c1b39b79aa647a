"""German lexical retrieval: three BM25 channels over the passages, scored over segments.

- words: the stems of a passage, compounds split (``analysis.analyze``).
- grams: character 6-grams of its words (``analysis.char_grams``).
- documents: BM25 over all word tokens of a passage's document. A question names its context
  (municipality, program, body) once, while the answering passage often does not repeat it;
  the document score carries that context to every passage of the document.

Measured among distractors (docs/SEARCH.md): each channel helps, fused by
:func:`pkgraph.search.hybrid.fuse_channels`. The channels score exactly as bm25s (Lucene BM25)
did over all passages, but from term frequencies kept in segments (``segments``), so documents
can be added and removed without building everything again (``lexical_store``).
"""

from __future__ import annotations

import math
import threading
from collections import OrderedDict
from collections.abc import Mapping, Sequence

import numpy as np

from pkgraph.search.analysis import QueryTerms, char_grams
from pkgraph.search.ranking import Ranked, top_k
from pkgraph.search.segments import Row, Segment, encoded, lookup

#: BM25 parameters per channel, measured: passages prefer weaker length normalisation
#: (b 0.5: a long passage that mentions the topic often is not penalised as much).
WORDS_BM25 = (1.2, 0.5)
GRAMS_BM25 = (1.2, 0.75)
DOCUMENTS_BM25 = (1.2, 0.5)
#: weight of the words channel's score for the query's related stems (``thesaurus``)
RELATED_WEIGHT = 0.5


#: Each term's scores over the live passages (positions, float32 scores), computed once per
#: channel set and kept up to this many bytes, least recently used dropped first.
_CACHE_BYTES = 256 * 2**20
#: The dtype bm25s's length normalisation ends in: a float64 scalar plus float32 term
#: frequencies is float64 under NumPy 2 (NEP 50), float32 under NumPy 1's value-based casting.
_NORM = np.result_type(np.float64(1.0), np.zeros(1, dtype=np.float32))
_PARAMETERS = {"words": WORDS_BM25, "grams": GRAMS_BM25, "documents": DOCUMENTS_BM25}
#: A term in at least 1/_DENSE of the rows keeps its scores as one float32 array over all rows:
#: adding it is one contiguous pass (at 100k rows scattering 1/8 of them takes 36 µs, adding
#: all 10 µs), for at most _DENSE times the memory of its postings' scores.
_DENSE = 4
#: A term's scores: per segment holding it (first row in the score array, its rows there, their
#: scores); or one part (0, None, the score of every row).
_TermScores = list[tuple[int, np.ndarray | None, np.ndarray]]


def _bytes(parts: _TermScores) -> int:
    """What a cached term holds beyond the memory-mapped postings: its scores."""
    return sum(values.nbytes for _, _, values in parts)


def build_segment(rows: Sequence[Row]) -> Segment:
    """The segment of ``rows`` (whole documents, any order), grams from each passage's text."""
    ordered = sorted(rows)
    return Segment.build(ordered, (char_grams(row[2]) for row in ordered))


class _Ids(Sequence[str]):
    """Passage ids of a sorted bytes array, decoded one at a time (no million-string list)."""

    def __init__(self, ids: np.ndarray) -> None:
        self._ids = ids

    def __len__(self) -> int:
        return len(self._ids)

    def __getitem__(self, i: int) -> str:  # type: ignore[override]
        return self._ids[i].decode()


class LexicalChannels:
    """The words, grams and documents BM25 channels over the live passages of some segments.

    Scores equal those of one bm25s build (Lucene idf and length normalisation, the module's
    k1 and b) over exactly the live passages: idf and average length come from all live
    segments, each term's scores are computed with bm25s's formula and float types and summed
    in query order in float32, as bm25s sums them. Every score array is aligned with
    :attr:`passage_ids`, sorted by id as a single build's passages are (a passage gets its
    document's score), so the channels fuse position by position.

    A channel sums in an array of all segments' rows one after the other (removed rows
    included, never read), then one gather puts the live passages in id order (the documents
    channel: each passage gets its document row's score). A term's scores are computed once
    per segment (then cached, the rows a view of the memory-mapped postings); a term has a row
    at most once per segment, so a query adds each term's segment part with one vectorised
    ``scores[rows] += values``: per passage the same float32 additions in the same order as
    bm25s's. A gather commutes with those sums, so the order of the rows does not matter.
    """

    def __init__(self, segments: Sequence[Segment], deleted: Sequence[np.ndarray]) -> None:
        """``deleted``: per segment, a mask of its document rows removed since it was written."""
        self.segments = list(segments)
        self._live_docs = [~np.asarray(d, dtype=bool) for d in deleted]
        self._live = [
            alive[s.document_of] for s, alive in zip(self.segments, self._live_docs, strict=True)
        ]
        ids = (
            np.concatenate(
                [s.passage_ids[alive] for s, alive in zip(self.segments, self._live, strict=True)]
            )
            if self.segments
            else np.zeros(0, dtype="S1")
        )
        order = np.argsort(ids, kind="stable")  # runs of sorted segments: merged, not sorted
        self._ids = ids[order]
        if len(self._ids) > 1 and bool((self._ids[1:] == self._ids[:-1]).any()):
            raise ValueError("a passage is live in two segments")
        #: per channel and segment, the first row of the segment in the channel's score array
        #: (all segments' rows, or document rows, one segment after the other)
        self._starts: dict[str, list[int]] = {"words": [], "documents": []}
        rows_of: list[np.ndarray] = []
        documents_of: list[np.ndarray] = []
        start = document_start = 0
        for segment, alive, alive_docs in zip(
            self.segments, self._live, self._live_docs, strict=True
        ):
            rows = np.flatnonzero(alive)
            rows_of.append(start + rows)
            documents_of.append(document_start + np.asarray(segment.document_of)[rows])
            self._starts["words"].append(start)
            self._starts["documents"].append(document_start)
            start += len(alive)
            document_start += len(alive_docs)
        self._starts["grams"] = self._starts["words"]
        self._width = {"words": start, "grams": start, "documents": document_start}
        #: per passage in id order, its row (its document's row) in the channels' score arrays
        self._row_at = np.concatenate(rows_of)[order] if rows_of else np.zeros(0, np.int64)
        self._document_at = (
            np.concatenate(documents_of)[order] if documents_of else np.zeros(0, np.int64)
        )
        self._complete = [bool(alive.all()) for alive in self._live_docs]
        self._idf: dict[tuple[str, str], np.float32 | None] = {}
        self._statistics_of: dict[str, tuple[int, float]] = {}
        self._norms: dict[tuple[str, int], np.ndarray] = {}
        self._cache: OrderedDict[tuple[str, str], _TermScores] = OrderedDict()
        self._cached_bytes = 0
        self._lock = threading.Lock()

    @classmethod
    def build(
        cls,
        passage_ids: Sequence[str],
        doc_ids: Sequence[str],
        texts: Sequence[str],
        tokens: Sequence[Sequence[str]],
    ) -> LexicalChannels:
        """The channels of these passages as one segment in memory."""
        rows = [
            (pid, doc_id, text, " ".join(passage_tokens))
            for pid, doc_id, text, passage_tokens in zip(
                passage_ids, doc_ids, texts, tokens, strict=True
            )
        ]
        segments = [build_segment(rows)] if rows else []
        return cls(segments, [np.zeros(len(s.doc_ids), dtype=bool) for s in segments])

    @property
    def passage_ids(self) -> list[str]:
        return [pid.decode() for pid in self._ids.tolist()]

    def __len__(self) -> int:
        return len(self._ids)

    def _live_of(self, channel: str, number: int) -> np.ndarray:
        return self._live_docs[number] if channel == "documents" else self._live[number]

    def _statistics(self, channel: str) -> tuple[int, float]:
        """Live rows of ``channel`` and their mean length, as bm25s computes it."""
        if channel not in self._statistics_of:
            self._statistics_of[channel] = self._count_statistics(channel)
        return self._statistics_of[channel]

    def _count_statistics(self, channel: str) -> tuple[int, float]:
        rows = total = 0
        for number, segment in enumerate(self.segments):
            alive = self._live_of(channel, number)
            rows += int(alive.sum())
            total += int(segment.channels[channel].lengths[alive].sum(dtype=np.int64))
        return rows, (np.float64(total) / rows if rows else 0.0)

    def _channel(self, channel: str, terms: Sequence[str]) -> np.ndarray:
        """The BM25 score of every row of every segment for ``terms`` (removed rows too), the
        segments one after the other: passage rows, or (documents) document rows."""
        scores = np.zeros(self._width[channel], dtype=np.float32)
        if not terms or not self.segments:
            return scores
        scored = self._term_scores(channel, list(dict.fromkeys(terms)))
        for term in terms:  # in query order, repeats included: bm25s's float32 sums
            for start, rows, values in scored[term] or ():
                if rows is None:  # every row's score, 0 where the term is not: x + 0 == x
                    scores += values
                else:
                    # a view from the segment's first row; as bm25s adds (NumPy 2's add.at
                    # on int32 rows: twice as fast as ``segment[rows] += values``)
                    np.add.at(scores[start:], rows, values)
        return scores

    def _term_scores(self, channel: str, distinct: list[str]) -> dict[str, _TermScores | None]:
        """Per distinct term its (positions, scores), None for a term no live row has."""
        found: dict[str, _TermScores | None] = {}
        missing: list[str] = []
        with self._lock:  # `/search` scores on several threads
            for term in distinct:
                key = (channel, term)
                if key in self._idf and self._idf[key] is None:  # no live row has it
                    found[term] = None
                elif (cached := self._cache.get(key)) is not None:
                    self._cache.move_to_end(key)
                    found[term] = cached
                else:
                    missing.append(term)
        if not missing:
            return found
        count, mean_length = self._statistics(channel)
        wanted = encoded(missing)
        columns = [lookup(s.channels[channel].terms, wanted) for s in self.segments]
        for t, term in enumerate(missing):
            key = (channel, term)
            if key not in self._idf:
                frequency = sum(
                    self._frequency(channel, number, int(columns[number][t]))
                    for number in range(len(self.segments))
                )
                self._idf[key] = (
                    np.float32(math.log(1 + (count - frequency + 0.5) / (frequency + 0.5)))
                    if frequency  # bm25s's vocabulary: the terms of live rows
                    else None
                )
            idf = self._idf[key]
            if idf is None:
                found[term] = None
                continue
            parts: _TermScores = [
                (
                    self._starts[channel][number],
                    *self._scored(channel, number, int(columns[number][t]), idf, mean_length),
                )
                for number in range(len(self.segments))
                if columns[number][t] >= 0
            ]
            width = self._width[channel]
            if sum(len(values) for _, _, values in parts) * _DENSE >= width:
                dense = np.zeros(width, dtype=np.float32)  # one contiguous add, no scatter
                for start, rows, values in parts:
                    dense[start:][rows] = values
                parts = [(0, None, dense)]
            found[term] = parts
            with self._lock:
                if key not in self._cache:
                    self._cache[key] = parts
                    self._cached_bytes += _bytes(parts)
                while self._cached_bytes > _CACHE_BYTES and len(self._cache) > 1:
                    _, dropped = self._cache.popitem(last=False)
                    self._cached_bytes -= _bytes(dropped)
        return found

    def _frequency(self, channel: str, number: int, column: int) -> int:
        """How many live rows of segment ``number`` have the term of ``column`` (-1: none)."""
        if column < 0:
            return 0
        postings = self.segments[number].channels[channel]
        start, end = int(postings.indptr[column]), int(postings.indptr[column + 1])
        if self._complete[number]:
            return end - start
        return int(self._live_of(channel, number)[postings.rows[start:end]].sum())

    def _scored(
        self, channel: str, number: int, column: int, idf: np.float32, mean_length: float
    ) -> tuple[np.ndarray, np.ndarray]:
        """One term's rows in one segment (removed ones too) and their scores: bm25s's
        ``idf * tfc``, float32."""
        postings = self.segments[number].channels[channel]
        start, end = int(postings.indptr[column]), int(postings.indptr[column + 1])
        rows, tf = np.asarray(postings.rows[start:end]), np.asarray(postings.tf[start:end])
        norm = self._norms.get((channel, number))
        if norm is None:
            k1, b = _PARAMETERS[channel]
            lengths = np.asarray(postings.lengths)
            norm = (k1 * ((1 - b) + b * lengths / mean_length)).astype(_NORM)
            self._norms[(channel, number)] = norm
        return rows, (idf * (tf / (norm[rows] + tf))).astype(np.float32)

    def scores(self, query: str) -> dict[str, np.ndarray]:
        """Per channel, the score of every passage for ``query``."""
        terms = QueryTerms.of(query)
        words = self._channel("words", terms.tokens)
        if terms.related:
            words = words + RELATED_WEIGHT * self._channel("words", terms.related)
        return {
            "words": words[self._row_at],
            "grams": self._channel("grams", terms.grams)[self._row_at],
            "documents": self._channel("documents", terms.tokens)[self._document_at],
        }

    def positions(self, passage_ids: Sequence[str]) -> np.ndarray:
        """Each passage's position in the score arrays, -1 for an unknown id."""
        return lookup(self._ids, encoded(passage_ids))

    def scores_of(self, scores: np.ndarray, passage_ids: Sequence[str]) -> np.ndarray:
        """The entries of a :meth:`scores` array for ``passage_ids`` (0 for unknown ids)."""
        at = self.positions(passage_ids)
        found = np.zeros(len(at), dtype=np.float32)
        found[at >= 0] = scores[at[at >= 0]]
        return found

    def _allowed(self, scores: np.ndarray, allowed: frozenset[str] | None) -> np.ndarray:
        """``scores`` with every passage outside ``allowed`` at 0."""
        if allowed is None:
            return scores
        at = self.positions(sorted(allowed))
        mask = np.zeros(len(scores), dtype=bool)
        mask[at[at >= 0]] = True
        return np.where(mask, scores, 0.0)

    def rank(self, scores: np.ndarray, k: int, allowed: frozenset[str] | None = None) -> Ranked:
        """The ``k`` best passages of a :meth:`scores` array that match at all."""
        return top_k(_Ids(self._ids), self._allowed(scores, allowed), k, floor=0.0)

    def candidates(
        self, scores: Mapping[str, np.ndarray], depth: int, allowed: frozenset[str] | None
    ) -> set[str]:
        """The ``depth`` best passages of the words and of the grams channel (as :meth:`rank`
        would give them)."""
        found: set[str] = set()
        for channel in ("words", "grams"):
            channel_scores = self._allowed(scores[channel], allowed)
            best = _best_set(channel_scores, depth)
            if best is None:  # a tie at the cut: the passages top_k picks
                found.update(
                    pid for pid, _ in top_k(_Ids(self._ids), channel_scores, depth, floor=0.0)
                )
            else:
                found.update(pid.decode() for pid in self._ids[best].tolist())
        return found


def _best_set(scores: np.ndarray, count: int) -> np.ndarray | None:
    """Positions of the ``count`` highest scores above 0 when they are one set, else None.

    The same set as :func:`~pkgraph.search.ranking.top_k` with ``floor=0`` whenever no score
    at the cut is tied (which of tied scores argpartition keeps is its own choice: then None),
    without partitioning the whole array: each of ``count`` slices has a maximum, so at least
    ``count`` scores reach the least of those maxima and only those are partitioned.
    """
    count = min(count, len(scores))
    if count <= 0:
        return np.zeros(0, dtype=np.int64)
    positive = scores > 0
    if int(np.count_nonzero(positive)) <= count:
        return np.flatnonzero(positive)
    width = len(scores) // count
    floor = scores[: width * count].reshape(count, width).max(axis=1).min()
    reaching = np.flatnonzero(scores >= floor)
    values = scores[reaching]
    cut = values[np.argpartition(-values, count - 1)[count - 1]]
    chosen = values >= cut
    if int(np.count_nonzero(chosen)) != count:
        return None
    return reaching[chosen]
