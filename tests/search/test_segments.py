"""Segmented BM25 channels score exactly as one bm25s build over the same live passages."""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import bm25s
import numpy as np
import pytest
import Stemmer

from pkgraph.records import Document
from pkgraph.search import lexical, lexical_store
from pkgraph.search.analysis import STOPWORDS, QueryTerms, analyze, char_grams, compound_parts
from pkgraph.search.lexical import (
    DOCUMENTS_BM25,
    GRAMS_BM25,
    RELATED_WEIGHT,
    WORDS_BM25,
    LexicalChannels,
    build_segment,
)
from pkgraph.search.lexical_store import merge_plan
from pkgraph.search.segment_merge import merge_segments
from pkgraph.search.segments import Row, Segment, whole_documents

QUESTIONS = [
    "Wie viel Geld gab das Land für die Entwicklungskonferenz?",
    "Welche Kommunen nehmen am Landesprogramm teil?",
    "Wer ist für die Entscheidung über das Leitbild zuständig?",
    "Welche Rolle spielen Familienzentren in der Präventionskette?",
    "Praventionsketten Etat Abstimmung Abstimmung",  # a repeated token counts twice
]


def corpus_rows(sample_documents: list[Document], count: int = 400) -> list[Row]:
    """The sample corpus's passages plus ``count`` recombined from its sentences, in
    documents of 1 to 12 passages."""
    rng = random.Random(11)
    rows = [
        (p.passage_id, d.doc_id, p.clean_text, " ".join(analyze(p.clean_text)))
        for d in sample_documents
        for p in d.passages
    ]
    sentences = [s for r in rows for s in re.split(r"(?<=[.!?])\s+", r[2])]
    number = 0
    while number < count:
        doc_id = f"synthetic-{number:04d}"
        for index in range(rng.randint(1, 12)):
            text = " ".join(rng.sample(sentences, rng.randint(1, 6)))
            rows.append((f"{doc_id}/{index}", doc_id, text, " ".join(analyze(text))))
            number += 1
    return sorted(rows)


def queries(rows: list[Row]) -> list[str]:
    rng = random.Random(5)
    picked = [r[2].split() for r in rng.sample(rows, 40)]
    return QUESTIONS + [" ".join(rng.sample(words, min(5, len(words)))) for words in picked]


def bm25s_channels(rows: list[Row]) -> Callable[[str], dict[str, np.ndarray]]:
    """What the channels scored before segments: one bm25s index per channel."""

    def index(tokens: list[list[str]], parameters: tuple[float, float]) -> bm25s.BM25:
        bm25 = bm25s.BM25(k1=parameters[0], b=parameters[1])
        bm25.index(tokens, show_progress=False)
        return bm25

    def scored(bm25: bm25s.BM25, tokens: list[str]) -> np.ndarray:
        known = [t for t in tokens if t in bm25.vocab_dict]
        if not known:
            return np.zeros(bm25.scores["num_docs"], dtype=np.float32)
        return np.asarray(bm25.get_scores(known), dtype=np.float32)

    documents: dict[str, list[str]] = {}
    for row in rows:
        documents.setdefault(row[1], []).extend(row[3].split())
    position = [list(documents).index(r[1]) for r in rows]
    words = index([r[3].split() for r in rows], WORDS_BM25)
    grams = index([char_grams(r[2]) for r in rows], GRAMS_BM25)
    whole = index(list(documents.values()), DOCUMENTS_BM25)

    def scores(query: str) -> dict[str, np.ndarray]:
        terms = QueryTerms.of(query)
        word_scores = scored(words, terms.tokens)
        if terms.related:
            word_scores = word_scores + RELATED_WEIGHT * scored(words, terms.related)
        return {
            "words": word_scores,
            "grams": scored(grams, terms.grams),
            "documents": scored(whole, terms.tokens)[position],
        }

    return scores


def assert_exact(channels: LexicalChannels, rows: list[Row]) -> None:
    """Every channel's score array equals bm25s's byte for byte (so do the rankings)."""
    assert channels.passage_ids == [r[0] for r in rows]
    expected = bm25s_channels(rows)
    for query in queries(rows):
        wanted, got = expected(query), channels.scores(query)
        for name in wanted:
            assert got[name].tobytes() == wanted[name].tobytes(), (query, name)


def by_document(rows: list[Row]) -> dict[str, list[Row]]:
    documents: dict[str, list[Row]] = {}
    for row in rows:
        documents.setdefault(row[1], []).append(row)
    return documents


def split(rows: list[Row], parts: int, seed: int = 3) -> list[list[Row]]:
    """``rows`` as ``parts`` groups of whole documents, documents shuffled."""
    documents = list(by_document(rows).values())
    random.Random(seed).shuffle(documents)
    return [[r for d in documents[i::parts] for r in d] for i in range(parts)]


def unmasked(segments: list[Segment]) -> list[np.ndarray]:
    return [np.zeros(len(s.doc_ids), dtype=bool) for s in segments]


@pytest.fixture(scope="module")
def rows(sample_documents: list[Document]) -> list[Row]:
    return corpus_rows(sample_documents)


def test_one_segment_and_many_score_as_one_bm25s_build(rows: list[Row]) -> None:
    assert_exact(LexicalChannels([build_segment(rows)], unmasked([build_segment(rows)])), rows)
    segments = [build_segment(part) for part in split(rows, 5)]
    assert_exact(LexicalChannels(segments, unmasked(segments)), rows)


def test_removed_documents_are_masked_and_global_statistics_follow(rows: list[Row]) -> None:
    segments = [build_segment(part) for part in split(rows, 4)]
    gone = set(sorted(by_document(rows))[::3])
    masks = [np.isin(s.doc_ids, [d.encode() for d in gone]) for s in segments]
    assert all(mask.any() for mask in masks)  # every segment loses some
    kept = [r for r in rows if r[1] not in gone]
    channels = LexicalChannels(segments, masks)
    assert_exact(channels, kept)
    scores = channels.scores(QUESTIONS[0])
    removed = [r[0] for r in rows if r[1] in gone]
    assert not channels.scores_of(scores["words"], removed).any()
    ranked = channels.rank(scores["words"], 50)
    assert ranked and not {pid.rpartition("/")[0] for pid, _ in ranked} & gone


def test_cached_and_evicted_term_scores_stay_exact(
    rows: list[Row], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A term's scores are cached per segment (or over every row): a second ask, another
    thread, and a cache too small to keep them answer the same bytes."""
    segments = [build_segment(part) for part in split(rows, 3)]
    masks = unmasked(segments)
    masks[1][::4] = True
    kept = [r for r in rows if r[1].encode() not in set(segments[1].doc_ids[::4].tolist())]
    channels = LexicalChannels(segments, masks)
    assert_exact(channels, kept)
    assert_exact(channels, kept)  # every term from the cache now
    first = {q: channels.scores(q) for q in queries(kept)}
    with ThreadPoolExecutor(4) as pool:
        again = list(pool.map(channels.scores, list(first) * 3))
    for query, got in zip(list(first) * 3, again, strict=True):
        assert all(got[n].tobytes() == first[query][n].tobytes() for n in got), query
    kinds = {rows is None for parts in channels._cache.values() for _, rows, _ in parts}
    assert kinds == {True, False}  # common terms over every row, rare ones by their rows
    for dense in (0, 10**9):  # every term by its rows; every term over every row
        monkeypatch.setattr(lexical, "_DENSE", dense)
        assert_exact(LexicalChannels(segments, masks), kept)
    monkeypatch.setattr(lexical, "_CACHE_BYTES", 1)  # keeps one term at a time
    small = LexicalChannels(segments, masks)
    assert_exact(small, kept)
    assert len(small._cache) == 1


def test_candidates_are_the_passages_rank_keeps(rows: list[Row]) -> None:
    """Candidates skip the full partition yet equal the union of :meth:`rank` per channel,
    tied scores at the cut included."""
    segments = [build_segment(part) for part in split(rows, 2)]
    channels = LexicalChannels(segments, unmasked(segments))
    allowed = frozenset(r[0] for r in rows[::3])

    def ranked(scores: dict[str, np.ndarray], depth: int, only: frozenset[str] | None) -> set[str]:
        return {pid for c in ("words", "grams") for pid, _ in channels.rank(scores[c], depth, only)}

    for query in queries(rows)[:20]:
        scores = channels.scores(query)
        for depth in (1, 7, 50, 100, len(rows) + 5):
            for only in (None, allowed):
                assert channels.candidates(scores, depth, only) == ranked(scores, depth, only)
    rng = np.random.default_rng(4)
    for ties in (2, 5, 1000):  # few distinct values: ties at the cut, then none
        fake = {c: rng.integers(0, ties, len(rows)).astype(np.float32) for c in ("words", "grams")}
        for depth in (1, 10, 60):
            assert channels.candidates(fake, depth, None) == ranked(fake, depth, None)


def test_tokens_and_grams_are_those_of_the_plain_definition(rows: list[Row]) -> None:
    """``analyze`` and ``char_grams`` (tuned: findall, no compound lookup for short words)
    give what the word-by-word definition gives."""
    stemmer = Stemmer.Stemmer("german")

    def plain_analyze(text: str) -> list[str]:
        words = [m.group().casefold() for m in re.finditer(r"\w+", text)]
        words = [piece for w in words if w not in STOPWORDS for piece in (w, *compound_parts(w))]
        return [stem for stem in stemmer.stemWords(words) if len(stem) > 1 or stem.isdigit()]

    def plain_grams(text: str) -> list[str]:
        grams = []
        for match in re.finditer(r"\w+", text):
            word = match.group().casefold()
            if len(word) >= 4 and not word.isdigit() and word not in STOPWORDS:
                marked = (
                    f"#{word.translate(str.maketrans({'ä': 'a', 'ö': 'o', 'ü': 'u', 'ß': 'ss'}))}#"
                )
                grams.extend(
                    [marked]
                    if len(marked) <= 6
                    else [marked[i : i + 6] for i in range(len(marked) - 5)]
                )
        return grams

    texts = [r[2] for r in rows] + ["İstanbul STRASSE Straße 2024 Kita-Plätze Präventionsetat x"]
    for text in texts:
        assert analyze(text) == plain_analyze(text)
        assert char_grams(text) == plain_grams(text)


def test_a_replaced_document_lives_in_the_newest_segment_only(rows: list[Row]) -> None:
    first, second = split(rows, 2)
    doc_id = first[0][1]
    changed = [
        (pid, d, f"{text} Quantenchromodynamik", " ".join(analyze(f"{text} Quantenchromodynamik")))
        for pid, d, text, _ in by_document(first)[doc_id]
    ]
    segments = [build_segment(first), build_segment(second), build_segment(changed)]
    masks = unmasked(segments)
    masks[0][np.flatnonzero(segments[0].doc_ids == doc_id.encode())] = True
    expected = sorted([r for r in rows if r[1] != doc_id] + changed)
    channels = LexicalChannels(segments, masks)
    assert_exact(channels, expected)
    top = channels.rank(channels.scores("Quantenchromodynamik")["words"], 3)
    assert {pid.rpartition("/")[0] for pid, _ in top} == {doc_id}
    with pytest.raises(ValueError, match="two segments"):
        LexicalChannels(segments, unmasked(segments))  # both versions live


def test_merge_keeps_every_score_and_drops_removed_rows(
    rows: list[Row], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("pkgraph.search.segment_merge.BLOCK", 97)  # many blocks
    segments = [build_segment(part) for part in split(rows, 3)]
    gone = set(sorted(by_document(rows))[1::4])
    masks = [np.isin(s.doc_ids, [d.encode() for d in gone]) for s in segments]
    before = LexicalChannels(segments, masks)
    merge_segments(list(zip(segments, masks, strict=True)), tmp_path / "merged")
    merged = Segment.load(tmp_path / "merged")
    kept = [r for r in rows if r[1] not in gone]
    assert len(merged) == len(kept) and len(merged.doc_ids) == len(by_document(kept))
    assert merged.digest(np.arange(len(merged.doc_ids))) == build_segment(kept).digest(
        np.arange(len(by_document(kept)))
    )
    after = LexicalChannels([merged], unmasked([merged]))
    assert_exact(after, kept)
    for query in queries(rows):
        assert all(
            before.scores(query)[c].tobytes() == after.scores(query)[c].tobytes()
            for c in ("words", "grams", "documents")
        )
    # the merge holds exactly what a build of the kept rows holds
    built = build_segment(kept)
    for name, postings in merged.channels.items():
        for field, values in postings.arrays().items():
            assert np.array_equal(values, built.channels[name].arrays()[field]), (name, field)


def test_saved_segments_load_memory_mapped_with_identical_scores(
    rows: list[Row], tmp_path: Path
) -> None:
    segment = build_segment(rows)
    segment.save(tmp_path / "segment")
    loaded = Segment.load(tmp_path / "segment")
    assert isinstance(loaded.channels["grams"].tf, np.memmap)
    one, other = (
        LexicalChannels([segment], unmasked([segment])),
        LexicalChannels([loaded], unmasked([loaded])),
    )
    for query in queries(rows):
        assert all(
            one.scores(query)[c].tobytes() == other.scores(query)[c].tobytes()
            for c in ("words", "grams", "documents")
        )


def test_chunks_cut_between_documents_and_hold_one_chunk_at_a_time(rows: list[Row]) -> None:
    consumed = 0

    def counted() -> Iterator[Row]:
        nonlocal consumed
        for row in sorted(rows, key=lambda r: (r[1], r[0])):
            consumed += 1
            yield row

    largest = max(len(d) for d in by_document(rows).values())
    seen: list[str] = []
    total = 0
    for chunk in whole_documents(counted(), 50):
        total += len(chunk)
        # the builder has read this chunk and at most the first row of the next document
        assert consumed <= total + 1
        assert 50 <= len(chunk) < 50 + largest or total == len(rows)
        documents = [r[1] for r in chunk]
        assert not set(documents) & set(seen)  # a document never spans two chunks
        seen += documents
    assert total == len(rows)


def test_merge_plan_is_tiered_and_bounded() -> None:
    base, factor = lexical_store.TIER_BASE, lexical_store.MERGE_FACTOR
    assert merge_plan([base * 2] * (factor - 1), [base * 2] * (factor - 1)) is None
    assert merge_plan([500, 600, 700, 800, base * 50], [500, 600, 700, 800, base * 50]) == [
        0,
        1,
        2,
        3,
    ]
    assert merge_plan([400, base * 50], [1000, base * 50]) == [0]  # mostly removed: rewritten
    many = [base * factor**t for t in range(lexical_store.MAX_SEGMENTS + 1)]
    assert merge_plan(many, many) is not None
    sizes = []
    for _ in range(200):  # segments of 1,000 passages added one by one
        sizes.append(base)
        while (plan := merge_plan(sizes, sizes)) is not None:
            sizes = [s for i, s in enumerate(sizes) if i not in plan] + [
                sum(sizes[i] for i in plan)
            ]
    assert sum(sizes) == 200 * base and len(sizes) <= lexical_store.MAX_SEGMENTS
