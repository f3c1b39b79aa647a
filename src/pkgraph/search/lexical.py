"""German lexical retrieval: three BM25 (bm25s) channels over the passages.

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
:func:`pkgraph.search.hybrid.fuse_channels`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache

import bm25s
import numpy as np
import Stemmer
from bm25s.stopwords import STOPWORDS_GERMAN

from pkgraph.search.ranking import Ranked, top_k
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


@cache
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


class LexicalIndex:
    """BM25 over a fixed list of passages, built from tokens or loaded (``lexical_store``)."""

    def __init__(self, passage_ids: Sequence[str], bm25: bm25s.BM25 | None) -> None:
        self.passage_ids = list(passage_ids)
        self._position = {pid: i for i, pid in enumerate(self.passage_ids)}
        self.bm25 = bm25  # None when there are no passages: bm25s cannot index nothing

    @classmethod
    def build(
        cls,
        passage_ids: Sequence[str],
        tokens: Sequence[Sequence[str]],
        parameters: tuple[float, float] = WORDS_BM25,
    ) -> LexicalIndex:
        if not passage_ids:
            return cls([], None)
        k1, b = parameters
        bm25 = bm25s.BM25(k1=k1, b=b)
        bm25.index([list(t) for t in tokens], show_progress=False)
        return cls(passage_ids, bm25)

    def __len__(self) -> int:
        return len(self.passage_ids)

    def scores(self, query_tokens: Sequence[str]) -> np.ndarray:
        """BM25 score of every passage (in :attr:`passage_ids` order); zeros if nothing matches."""
        known = [] if self.bm25 is None else [t for t in query_tokens if t in self.bm25.vocab_dict]
        if self.bm25 is None or not known:
            return np.zeros(len(self.passage_ids), dtype=np.float32)
        return np.asarray(self.bm25.get_scores(known), dtype=np.float32)

    def scores_of(self, scores: np.ndarray, passage_ids: Sequence[str]) -> np.ndarray:
        """The entries of a :meth:`scores` array for ``passage_ids`` (0 for unknown ids)."""
        return np.asarray(
            [scores[self._position[p]] if p in self._position else 0.0 for p in passage_ids],
            dtype=np.float32,
        )

    def search(
        self, query_tokens: Sequence[str], k: int, allowed: frozenset[str] | None = None
    ) -> Ranked:
        """The ``k`` best matching passages, among ``allowed`` ids when given."""
        return self.rank(self.scores(query_tokens), k, allowed)

    def rank(self, scores: np.ndarray, k: int, allowed: frozenset[str] | None = None) -> Ranked:
        """The ``k`` best passages of a :meth:`scores` array that match at all."""
        if allowed is not None:
            mask = np.zeros(len(scores), dtype=bool)
            mask[[self._position[pid] for pid in allowed if pid in self._position]] = True
            scores = np.where(mask, scores, 0.0)
        return top_k(self.passage_ids, scores, k, floor=0.0)


class LexicalChannels:
    """The words, grams and documents BM25 channels over one list of passages.

    Every score array is aligned with :attr:`passage_ids` (a passage gets its document's score),
    so the channels fuse position by position.
    """

    def __init__(
        self,
        words: LexicalIndex,
        grams: LexicalIndex,
        documents: LexicalIndex,
        document_of: np.ndarray,
    ) -> None:
        self.words = words
        self.grams = grams
        self.documents = documents
        #: per passage, the position of its document in ``documents.passage_ids``
        self.document_of = document_of

    @classmethod
    def build(
        cls,
        passage_ids: Sequence[str],
        doc_ids: Sequence[str],
        texts: Sequence[str],
        tokens: Sequence[Sequence[str]],
    ) -> LexicalChannels:
        """The channels over passages given in one order (their score arrays keep it)."""
        documents: dict[str, list[str]] = {}
        for doc_id, passage_tokens in zip(doc_ids, tokens, strict=True):
            documents.setdefault(doc_id, []).extend(passage_tokens)
        position = {doc_id: i for i, doc_id in enumerate(documents)}
        return cls(
            LexicalIndex.build(passage_ids, tokens, WORDS_BM25),
            LexicalIndex.build(passage_ids, [char_grams(t) for t in texts], GRAMS_BM25),
            LexicalIndex.build(list(documents), list(documents.values()), DOCUMENTS_BM25),
            np.asarray([position[d] for d in doc_ids], dtype=np.int64),
        )

    @property
    def passage_ids(self) -> list[str]:
        return self.words.passage_ids

    def __len__(self) -> int:
        return len(self.words)

    def scores(self, query: str) -> dict[str, np.ndarray]:
        """Per channel, the score of every passage for ``query``."""
        terms = QueryTerms.of(query)
        document_scores = self.documents.scores(terms.tokens)
        words = self.words.scores(terms.tokens)
        if terms.related:
            words = words + RELATED_WEIGHT * self.words.scores(terms.related)
        return {
            "words": words,
            "grams": self.grams.scores(terms.grams),
            "documents": document_scores[self.document_of]
            if len(self.document_of)
            else np.zeros(0, dtype=np.float32),
        }

    def candidates(
        self, scores: Mapping[str, np.ndarray], depth: int, allowed: frozenset[str] | None
    ) -> set[str]:
        """The ``depth`` best passages of the words and of the grams channel."""
        return {
            pid
            for channel in ("words", "grams")
            for pid, _ in self.words.rank(scores[channel], depth, allowed)
        }
