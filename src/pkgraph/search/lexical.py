"""German lexical retrieval: three BM25 channels over the passages, scored over segments.

- words: Snowball-stemmed tokens with compound splitting. German glues nouns together
  ("Präventionsetat", "Landesförderung"), so a question that says "Etat" or "Förderung" misses a
  passage that only has the compound. Long words are therefore split at the place where both
  halves are common German words (wordfreq's lexicon, allowing the linking "s"/"es"/"n"), and the
  stems of the parts are indexed next to the stem of the whole.
- grams: character 6-grams of each word (umlauts folded, word boundaries marked). They meet
  compounds the lexicon cannot split, inflections the stemmer leaves apart, and OCR-damaged words
  ("Präventlonskette"), at the price of many small tokens; computed from the stored text when
  the index is built, one cached gram list per distinct word.
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
import re
import threading
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

import numpy as np
import Stemmer
from bm25s.stopwords import STOPWORDS_GERMAN

from pkgraph.search.ranking import Ranked, top_k
from pkgraph.search.segments import Row, Segment, encoded, lookup
from pkgraph.search.thesaurus import related_stems

_WORD = re.compile(r"\w+", re.UNICODE)
#: Question words carry no topic; they would only match other questions.
_QUESTION_WORDS = frozenset({"wann", "wer", "wem", "wen", "wessen", "warum", "weshalb", "wieso"})
STOPWORDS = frozenset(STOPWORDS_GERMAN) | _QUESTION_WORDS
#: Words shorter than this are not split; parts shorter than _MIN_PART are not words of their own.
_MIN_COMPOUND = 10
_MIN_PART = 4
_LINKING = ("s", "es", "n", "en")
_LEXICON_SIZE = 100_000
_GRAM = 6
_MIN_GRAM_WORD = 4
_UMLAUTS = str.maketrans({"ä": "a", "ö": "o", "ü": "u", "ß": "ss"})
#: BM25 parameters per channel, measured: passages prefer weaker length normalisation
#: (b 0.5: a long passage that mentions the topic often is not penalised as much).
WORDS_BM25 = (1.2, 0.5)
GRAMS_BM25 = (1.2, 0.75)
DOCUMENTS_BM25 = (1.2, 0.5)
#: weight of the words channel's score for the query's related stems (``thesaurus``)
RELATED_WEIGHT = 0.5


@cache
def _stemmer() -> Stemmer.Stemmer:
    return Stemmer.Stemmer("german")


@cache
def german_lexicon() -> frozenset[str]:
    """The most frequent German words (wordfreq), lower-case, as the lexicon for splitting."""
    from wordfreq import top_n_list

    return frozenset(word for word in top_n_list("de", _LEXICON_SIZE) if word.isalpha())


def _modifier_parts(modifier: str, lexicon: frozenset[str]) -> tuple[str, ...]:
    """``modifier`` as lexicon words: itself, without a linking suffix, or split further."""
    stripped = [modifier[: -len(s)] for s in _LINKING if modifier.endswith(s)]
    for candidate in (modifier, *stripped):
        if len(candidate) >= _MIN_PART - 1 and candidate in lexicon:
            return (candidate,)
    for candidate in (modifier, *stripped):
        parts = compound_parts(candidate)
        if parts:
            return parts
    return ()


@cache
def compound_parts(word: str) -> tuple[str, ...]:
    """The parts of a lower-case compound ("präventionsetat" -> prävention, etat), else ().

    The longest head (last part) that is a lexicon word wins; its modifier must be a lexicon
    word too (after dropping a linking "s"/"es"/"n"/"en") or split the same way.
    """
    if len(word) < _MIN_COMPOUND or not word.isalpha():
        return ()
    lexicon = german_lexicon()
    for cut in range(_MIN_PART, len(word) - _MIN_PART + 1):
        head = word[cut:]
        if head in lexicon:
            modifier = _modifier_parts(word[:cut], lexicon)
            if modifier:
                return (*modifier, head)
    return ()


def analyze(text: str, *, split_compounds: bool = True) -> list[str]:
    """Stemmed, stopword-free tokens of ``text``; compounds add the stems of their parts."""
    words = [w for w in (m.group().casefold() for m in _WORD.finditer(text)) if w not in STOPWORDS]
    if split_compounds:
        words = [piece for w in words for piece in (w, *compound_parts(w))]
    return [stem for stem in _stemmer().stemWords(words) if len(stem) > 1 or stem.isdigit()]


@lru_cache(maxsize=2**18)  # bounded: a state-scale build sees millions of distinct words
def _word_grams(word: str) -> tuple[str, ...]:
    marked = f"#{word.translate(_UMLAUTS)}#"
    if len(marked) <= _GRAM:
        return (marked,)
    return tuple(marked[i : i + _GRAM] for i in range(len(marked) - _GRAM + 1))


def char_grams(text: str) -> list[str]:
    """Character 6-grams of the non-stopword words of ``text`` (4+ letters, umlauts folded)."""
    grams: list[str] = []
    for match in _WORD.finditer(text):
        word = match.group().casefold()
        if len(word) >= _MIN_GRAM_WORD and not word.isdigit() and word not in STOPWORDS:
            grams.extend(_word_grams(word))
    return grams


@dataclass(frozen=True)
class QueryTerms:
    """What each lexical channel looks up for a query; every backend derives them the same way."""

    tokens: list[str]  # words and documents channels
    related: list[str]  # thesaurus stems, scored in the words channel at RELATED_WEIGHT
    grams: list[str]  # grams channel

    @classmethod
    def of(cls, query: str) -> QueryTerms:
        tokens = analyze(query)
        return cls(tokens, related_stems(tokens), char_grams(query))


#: Scores of one term's postings (rows, float32 scores), computed once per channel set.
_CACHE_BYTES = 256 * 2**20
#: The dtype bm25s's length normalisation ends in: a float64 scalar plus float32 term
#: frequencies is float64 under NumPy 2 (NEP 50), float32 under NumPy 1's value-based casting.
_NORM = np.result_type(np.float64(1.0), np.zeros(1, dtype=np.float32))
_PARAMETERS = {"words": WORDS_BM25, "grams": GRAMS_BM25, "documents": DOCUMENTS_BM25}


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
    segments at query time, each term's per-passage scores are computed with bm25s's formula
    and float types and summed in query order in float32, as bm25s sums them. Every score
    array is aligned with :attr:`passage_ids`, sorted by id as a single build's passages are
    (a passage gets its document's score), so the channels fuse position by position.
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
        rank = np.empty(len(order), dtype=np.int64)
        rank[order] = np.arange(len(order))
        #: per segment the live rows and their positions in the score arrays
        self._rows: list[np.ndarray] = []
        self._targets: list[np.ndarray] = []
        offset = 0
        for alive in self._live:
            rows = np.flatnonzero(alive)
            self._rows.append(rows)
            self._targets.append(rank[offset : offset + len(rows)])
            offset += len(rows)
        self._complete = [bool(alive.all()) for alive in self._live_docs]
        self._idf: dict[tuple[str, str], np.float32 | None] = {}
        self._statistics_of: dict[str, tuple[int, float]] = {}
        self._norms: dict[tuple[str, int], np.ndarray] = {}
        self._cache: OrderedDict[tuple[str, int, int], tuple[np.ndarray, np.ndarray]] = (
            OrderedDict()
        )
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

    def _channel(self, channel: str, terms: Sequence[str]) -> list[np.ndarray]:
        """Per segment, the BM25 score of each of its rows (removed ones included) for ``terms``."""
        width = [len(s.doc_ids if channel == "documents" else s.passage_ids) for s in self.segments]
        scores = [np.zeros(n, dtype=np.float32) for n in width]
        distinct = list(dict.fromkeys(terms))
        if not distinct or not self.segments:
            return scores
        count, mean_length = self._statistics(channel)
        wanted = encoded(distinct)
        columns = [lookup(s.channels[channel].terms, wanted) for s in self.segments]
        idf: dict[str, np.float32] = {}
        for t, term in enumerate(distinct):
            if (channel, term) not in self._idf:
                frequency = sum(
                    self._frequency(channel, number, int(columns[number][t]))
                    for number in range(len(self.segments))
                )
                self._idf[(channel, term)] = (
                    np.float32(math.log(1 + (count - frequency + 0.5) / (frequency + 0.5)))
                    if frequency  # bm25s's vocabulary: the terms of live rows
                    else None
                )
            if (found := self._idf[(channel, term)]) is not None:
                idf[term] = found
        position = {term: t for t, term in enumerate(distinct)}
        for term in terms:  # in query order, repeats included: bm25s's float32 sums
            if term not in idf:
                continue
            for number in range(len(self.segments)):
                column = int(columns[number][position[term]])
                if column >= 0:
                    rows, values = self._scored(channel, number, column, idf[term], mean_length)
                    np.add.at(scores[number], rows, values)  # as bm25s adds
        return scores

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
        """One term's rows in one segment and their scores: bm25s's ``idf * tfc``, float32."""
        key = (channel, number, column)
        with self._lock:  # `/search` scores on several threads
            if (found := self._cache.get(key)) is not None:
                self._cache.move_to_end(key)
                return found
        postings = self.segments[number].channels[channel]
        start, end = int(postings.indptr[column]), int(postings.indptr[column + 1])
        rows, tf = np.asarray(postings.rows[start:end]), np.asarray(postings.tf[start:end])
        norm = self._norms.get((channel, number))
        if norm is None:
            k1, b = _PARAMETERS[channel]
            lengths = np.asarray(postings.lengths)
            norm = (k1 * ((1 - b) + b * lengths / mean_length)).astype(_NORM)
            self._norms[(channel, number)] = norm
        values = (idf * (tf / (norm[rows] + tf))).astype(np.float32)
        with self._lock:
            if key not in self._cache:
                self._cache[key] = (rows, values)
                self._cached_bytes += values.nbytes
            while self._cached_bytes > _CACHE_BYTES and len(self._cache) > 1:
                _, (_, dropped) = self._cache.popitem(last=False)
                self._cached_bytes -= dropped.nbytes
        return rows, values

    def _aligned(self, per_segment: list[np.ndarray], documents: bool = False) -> np.ndarray:
        """Per-segment row scores as one array over the live passages, in id order."""
        out = np.zeros(len(self._ids), dtype=np.float32)
        for number, segment in enumerate(self.segments):
            values = per_segment[number]
            if documents:
                values = values[segment.document_of]
            out[self._targets[number]] = values[self._rows[number]]
        return out

    def scores(self, query: str) -> dict[str, np.ndarray]:
        """Per channel, the score of every passage for ``query``."""
        terms = QueryTerms.of(query)
        words = self._aligned(self._channel("words", terms.tokens))
        if terms.related:
            words = words + RELATED_WEIGHT * self._aligned(self._channel("words", terms.related))
        return {
            "words": words,
            "grams": self._aligned(self._channel("grams", terms.grams)),
            "documents": self._aligned(self._channel("documents", terms.tokens), documents=True),
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

    def rank(self, scores: np.ndarray, k: int, allowed: frozenset[str] | None = None) -> Ranked:
        """The ``k`` best passages of a :meth:`scores` array that match at all."""
        if allowed is not None:
            at = self.positions(sorted(allowed))
            mask = np.zeros(len(scores), dtype=bool)
            mask[at[at >= 0]] = True
            scores = np.where(mask, scores, 0.0)
        return top_k(_Ids(self._ids), scores, k, floor=0.0)

    def candidates(
        self, scores: Mapping[str, np.ndarray], depth: int, allowed: frozenset[str] | None
    ) -> set[str]:
        """The ``depth`` best passages of the words and of the grams channel."""
        return {
            pid
            for channel in ("words", "grams")
            for pid, _ in self.rank(scores[channel], depth, allowed)
        }
