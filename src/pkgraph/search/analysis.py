"""German text analysis for the lexical channels, shared by every search backend.

- Words: Snowball-stemmed tokens with compound splitting. German glues nouns together
  ("Präventionsetat", "Landesförderung"), so a question that says "Etat" or "Förderung" misses a
  passage that only has the compound. Long words are therefore split at the place where both
  halves are common German words (wordfreq's lexicon, allowing the linking "s"/"es"/"n"), and the
  stems of the parts are indexed next to the stem of the whole.
- Grams: character 6-grams of each word (umlauts folded, word boundaries marked). They meet
  compounds the lexicon cannot split, inflections the stemmer leaves apart, and OCR-damaged words
  ("Präventlonskette"), at the price of many small tokens; one cached gram list per distinct word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

import Stemmer
from bm25s.stopwords import STOPWORDS_GERMAN

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
    words = [w for w in map(str.casefold, _WORD.findall(text)) if w not in STOPWORDS]
    if split_compounds:
        split = []
        for word in words:
            split.append(word)
            if len(word) >= _MIN_COMPOUND:  # compound_parts: () for shorter words
                split.extend(compound_parts(word))
        words = split
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
    for word in map(str.casefold, _WORD.findall(text)):
        if len(word) >= _MIN_GRAM_WORD and word not in STOPWORDS and not word.isdigit():
            grams.extend(_word_grams(word))
    return grams


@dataclass(frozen=True)
class QueryTerms:
    """What each lexical channel looks up for a query; every backend derives them the same way."""

    tokens: list[str]  # words and documents channels
    related: list[str]  # thesaurus stems, scored in the words channel at a lower weight
    grams: list[str]  # grams channel

    @classmethod
    def of(cls, query: str) -> QueryTerms:
        tokens = analyze(query)
        return cls(tokens, related_stems(tokens), char_grams(query))
