"""Search benchmark: indexing throughput, query latency and index memory (prints figures).

    HF_HUB_OFFLINE=1 .venv/bin/python benchmarks/bench_search.py [--sizes 10000 100000]
        [--real 300] [--queries 200]

1. Real indexing: ``--real`` synthetic German passages (sentences of the sample corpus,
   recombined to 300-1000 chars) through ``SearchIndex.replace_document`` + ``save`` with each
   packaged model: passages/s including tokenising, embedding and writing; then query latency
   per method on that index (query embedding included).
2. Size: for each of ``--sizes`` passages, BM25 over real tokens of synthetic passages and a
   dense index of RANDOM unit vectors of the model's dimension (embedding 100k passages with a
   real model on 2 cores takes too long; the index does not care what the vectors mean):
   build time, query latency p50/p95 and memory (faiss bytes, BM25 matrix bytes, RSS growth).
"""

from __future__ import annotations

import argparse
import hashlib
import random
import re
import resource
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

import numpy as np

from pkgraph.records import Document, DocumentMetadata, Passage, RepairedText
from pkgraph.search.dense import DenseIndex
from pkgraph.search.embed import load_embedder
from pkgraph.search.index import METHODS, SearchIndex
from pkgraph.search.lexical import LexicalIndex, analyze
from pkgraph.settings import MINILM_MODEL, USE_MODEL, Settings

ROOT = Path(__file__).resolve().parents[1]
QUERIES = [
    "Wie viel Geld gab das Land für die Entwicklungskonferenz?",
    "Welche Kommunen nehmen am Landesprogramm teil?",
    "Wer ist für die Entscheidung über das Leitbild zuständig?",
    "Wann wurde das Modellvorhaben gestartet?",
    "Welche Rolle spielen Familienzentren in der Präventionskette?",
]


def sample_sentences() -> list[str]:
    text = " ".join(
        p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpus/seeds").glob("*"))
    )
    sentences = re.split(r"(?<=[.!?])\s+", re.sub(r"\s+", " ", text))
    return [s for s in sentences if 40 <= len(s) <= 400]


def synthetic_passages(count: int, seed: int = 1) -> list[str]:
    """``count`` passages of 300-1000 chars, each a random recombination of real sentences."""
    rng = random.Random(seed)
    sentences = sample_sentences()
    passages = []
    for _ in range(count):
        target = rng.randint(300, 1000)
        parts: list[str] = []
        while sum(map(len, parts)) < target:
            parts.append(rng.choice(sentences))
        passages.append(" ".join(parts))
    return passages


def as_documents(passages: list[str], per_document: int = 10) -> list[Document]:
    documents = []
    for start in range(0, len(passages), per_document):
        texts = passages[start : start + per_document]
        text = "\n\n".join(texts)
        doc_id = hashlib.sha256(f"bench-{start}".encode()).hexdigest()[:16]
        spans, offset = [], 0
        for i, t in enumerate(texts):
            spans.append(Passage(doc_id, i, offset, offset + len(t), t, t))
            offset += len(t) + 2
        documents.append(
            Document(
                doc_id=doc_id,
                source=f"bench://{doc_id}",
                format="txt",
                content_hash=doc_id,
                repaired=RepairedText(text, text, tuple(range(len(text) + 1))),
                metadata=DocumentMetadata(),
                passages=tuple(spans),
            )
        )
    return documents


def percentiles(run: Callable[[str], object], queries: int) -> tuple[float, float]:
    timings = []
    for i in range(queries):
        started = time.perf_counter()
        run(QUERIES[i % len(QUERIES)])
        timings.append((time.perf_counter() - started) * 1000)
    return float(np.percentile(timings, 50)), float(np.percentile(timings, 95))


def rss_mb() -> float:
    """Current resident memory of this process."""
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * resource.getpagesize() / 2**20


def bench_real(model: str, count: int, queries: int) -> None:
    documents = as_documents(synthetic_passages(count))
    load_embedder(model)  # model load is not indexing time
    with tempfile.TemporaryDirectory() as folder:
        settings = Settings.from_env(data_dir=Path(folder), embedding_model=model)
        started = time.perf_counter()
        with SearchIndex.open(settings) as index:
            for document in documents:
                index.replace_document(document)
            index.save()
        seconds = time.perf_counter() - started
        print(
            f"{model}: indexed {count} passages in {seconds:.1f}s "
            f"= {count / seconds:.1f} passages/s"
        )
        started = time.perf_counter()
        with SearchIndex.open(settings) as index:
            for document in documents:
                index.replace_document(document)
            index.save()
        print(
            f"{model}: re-indexing the same passages (embedding cache) "
            f"{count / (time.perf_counter() - started):.1f} passages/s"
        )
        with SearchIndex.open(settings) as index:
            index.search(QUERIES[0], 10, "hybrid")  # load components
            for method in METHODS:
                p50, p95 = percentiles(partial(index.search, k=10, method=method), queries)
                print(f"{model}: {method:7} query p50 {p50:7.2f} ms  p95 {p95:7.2f} ms")


def bench_size(size: int, dimension: int, queries: int) -> None:
    print(f"--- {size} passages (BM25 on real tokens; dense on RANDOM unit vectors, d={dimension})")
    passages = synthetic_passages(size)
    ids = [f"{i // 10:016x}/{i % 10}" for i in range(size)]
    before = rss_mb()
    started = time.perf_counter()
    tokens = [analyze(p) for p in passages]
    tokenised = time.perf_counter() - started
    started = time.perf_counter()
    lexical = LexicalIndex(ids, tokens)
    bm25_build = time.perf_counter() - started
    rng = np.random.default_rng(0)
    vectors = rng.normal(size=(size, dimension)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    started = time.perf_counter()
    dense = DenseIndex("random", dimension)
    for start in range(0, size, 10_000):
        dense.add(ids[start : start + 10_000], vectors[start : start + 10_000])
    dense_build = time.perf_counter() - started
    print(
        f"tokenise {size / tokenised:,.0f} passages/s; BM25 build {bm25_build:.1f}s; "
        f"dense ({dense.index_type}) build {dense_build:.1f}s"
    )
    with tempfile.TemporaryDirectory() as folder:
        dense.save(Path(folder))
        faiss_mb = (Path(folder) / "vectors.faiss").stat().st_size / 2**20
    scores = lexical._bm25.scores
    bm25_mb = sum(scores[key].nbytes for key in ("data", "indices", "indptr")) / 2**20
    print(
        f"memory: faiss {faiss_mb:.0f} MB, BM25 matrix {bm25_mb:.0f} MB, "
        f"process RSS growth {rss_mb() - before:.0f} MB"
    )
    query_vectors = rng.normal(size=(len(QUERIES), dimension)).astype(np.float32)
    query_vectors /= np.linalg.norm(query_vectors, axis=1, keepdims=True)
    lex50, lex95 = percentiles(lambda q: lexical.search(analyze(q), 10), queries)
    vector_of = {q: v for q, v in zip(QUERIES, query_vectors, strict=True)}
    den50, den95 = percentiles(lambda q: dense.search(vector_of[q], 10), queries)
    print(
        f"lexical query p50 {lex50:.1f} ms p95 {lex95:.1f} ms; "
        f"dense query p50 {den50:.1f} ms p95 {den95:.1f} ms (without query embedding)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="*", default=[10_000, 100_000])
    parser.add_argument("--real", type=int, default=300)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--models", nargs="*", default=[USE_MODEL, MINILM_MODEL])
    args = parser.parse_args()
    print(f"python {sys.version.split()[0]}, cores {len(__import__('os').sched_getaffinity(0))}")
    for model in args.models:
        if args.real:
            bench_real(model, args.real, args.queries)
    for size in args.sizes:
        bench_size(size, load_embedder(args.models[0]).dimension, args.queries)


if __name__ == "__main__":
    main()
