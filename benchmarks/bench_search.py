"""Search benchmark: indexing throughput, query latency and index memory (prints figures).

    HF_HUB_OFFLINE=1 .venv/bin/python benchmarks/bench_search.py [--sizes 10000 100000]
        [--real 300] [--queries 200] [--real-vectors 10000]

1. Real indexing: ``--real`` synthetic German passages (sentences of the sample corpus,
   recombined to 300-1000 chars) through ``SearchIndex.replace_document`` + ``save`` with each
   packaged model: passages/s including tokenising, embedding and writing; then query latency
   per method on that index (query embedding included).
2. Size: for each of ``--sizes`` passages, a whole ``SearchIndex`` (all BM25 channels over the
   synthetic passages; dense vectors real for the first ``--real-vectors`` passages and RANDOM
   unit vectors for the rest, because embedding 100k passages on 2 cores takes too long and
   the index does not care what the vectors mean): build times, memory (faiss file, each BM25
   matrix, RSS growth) and ``SearchIndex.search`` latency p50/p95 per method, distinct queries,
   query embedding included.
   Then, in a new process, the saved index is opened again: time to open it and answer the first
   lexical query (the BM25 segments memory-mapped, not rebuilt), RSS, first hybrid query.
4. ``--lexical N ...``: BM25 alone at state scale (no vectors, no model): N synthetic passages
   stored, then in new processes (each its own peak RSS) the segments built and written from
   the table, the first lexical query after open, lexical p50/p95, and one document replaced
   and saved (a new small segment, no rebuild).
3. ``--ask``: the same documents also extracted and written to a graph store (minutes at
   100k passages), then the latency of what the endpoints run: ``search_passages`` (`/search`:
   search, highlights, facts of the hits) and ``answer_question`` (`/ask`), and the RSS.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

import numpy as np

from pkgraph.ask import answer_question
from pkgraph.extract import extract_document
from pkgraph.graph.store import GraphStore
from pkgraph.records import Document, DocumentMetadata, Passage, RepairedText
from pkgraph.search.backend import PassageRow
from pkgraph.search.embed import load_embedder, text_key
from pkgraph.search.index import METHODS, SearchIndex
from pkgraph.search.lexical import analyze
from pkgraph.search.service import search_passages
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


def percentiles(
    run: Callable[[str], object], queries: int, texts: list[str] = QUERIES
) -> tuple[float, float]:
    timings = []
    for i in range(queries):
        started = time.perf_counter()
        run(texts[i % len(texts)])
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
            print_latencies(index, queries, f"{model}: ")


def distinct_queries(count: int, seed: int = 2) -> list[str]:
    """``count`` different questions: the query-vector cache must not hide embedding time."""
    rng = random.Random(seed)
    words = [w for s in sample_sentences() for w in re.findall(r"\w{6,}", s)]
    return [f"{QUERIES[i % len(QUERIES)]} {rng.choice(words)}" for i in range(count)]


def prefill_cache(index: SearchIndex, passages: list[str], model: str, real: int) -> float:
    """Embed the first ``real`` passages with the model, store RANDOM unit vectors for the rest.

    The index then builds its dense part from the cache as on any re-open; returns the real
    embedding rate (passages/s).
    """
    embedder = load_embedder(model)
    started = time.perf_counter()
    vectors = [
        embedder.embed_passages(passages[i : min(i + 256, real)]) for i in range(0, real, 256)
    ]
    rate = real / (time.perf_counter() - started) if real else 0.0
    rng = np.random.default_rng(0)
    rest = rng.normal(size=(len(passages) - real, embedder.dimension)).astype(np.float32)
    rest /= np.linalg.norm(rest, axis=1, keepdims=True)
    keys = [text_key(t) for t in passages]
    index._cache.store(embedder.model_id, keys, np.concatenate([*vectors, rest]))
    return rate


def print_latencies(index: SearchIndex, queries: int, label: str = "") -> None:
    """p50/p95 of ``index.search`` per method over distinct queries (embedding included)."""
    asked = distinct_queries(queries * len(METHODS) + 1)
    index.search(asked[-1], 10, "hybrid")  # load components
    for number, method in enumerate(METHODS):
        mine = asked[number * queries : (number + 1) * queries]
        p50, p95 = percentiles(partial(index.search, k=10, method=method), queries, mine)
        print(
            f"{label}{method:7} query p50 {p50:7.2f} ms  p95 {p95:7.2f} ms"
            " (query embedding included for dense and hybrid)"
        )


def print_endpoint_latencies(
    settings: Settings, documents: list[Document], index: SearchIndex, queries: int
) -> None:
    """Build the graph of ``documents``, then p50/p95 of `/search` and `/ask`'s functions."""
    started = time.perf_counter()
    with GraphStore.open(settings) as graph:
        graph.ensure_reference_data()
        for number, document in enumerate(documents, 1):
            graph.replace_document(document, extract_document(document))
            if number % 2000 == 0:
                print(f"  graph: {number}/{len(documents)} documents", file=sys.stderr)
    print(f"graph of {len(documents)} documents built in {time.perf_counter() - started:.0f}s")
    asked = distinct_queries(2 * queries + 1, seed=3)
    with GraphStore.open(settings, read_only=True) as graph:
        answer_question(asked[-1], settings, graph=graph, index=index)  # load components
        runs: dict[str, Callable[[str], object]] = {
            "/search": partial(search_passages, settings=settings, index=index, graph=graph),
            "/ask": partial(answer_question, settings=settings, index=index, graph=graph),
        }
        for number, (name, run) in enumerate(runs.items()):
            mine = asked[number * queries : (number + 1) * queries]
            p50, p95 = percentiles(run, queries, mine)
            print(f"{name:8} p50 {p50:7.2f} ms  p95 {p95:7.2f} ms (query embedding included)")
    print(f"process RSS {rss_mb():.0f} MB")


def bench_size(size: int, model: str, real: int, queries: int, ask: bool = False) -> None:
    """A whole SearchIndex of ``size`` passages; hybrid latency including query embedding."""
    real = min(real, size)
    print(f"--- {size} passages, {real} with real {model} vectors, the rest RANDOM unit vectors")
    passages = synthetic_passages(size)
    documents = as_documents(passages)
    before = rss_mb()
    with tempfile.TemporaryDirectory() as folder:
        settings = Settings.from_env(data_dir=Path(folder), embedding_model=model)
        with SearchIndex.open(settings) as index:
            rate = prefill_cache(index, passages, model, real)
            started = time.perf_counter()
            for document in documents:
                index.replace_document(document)
            stored = time.perf_counter() - started
            started = time.perf_counter()
            lexical = index.backend.lexical
            lexical_build = time.perf_counter() - started
            index.backend._db.commit()
            started = time.perf_counter()
            index.backend._save_lexical()
            lexical_write = time.perf_counter() - started
            started = time.perf_counter()
            index.save()  # builds the dense index (flat, or HNSW from 50k) from the cache
            dense_build = time.perf_counter() - started
            faiss_mb = (index.backend._dense_folder / "vectors.faiss").stat().st_size / 2**20
            matrices = {
                name: sum(
                    a.nbytes for s in lexical.segments for a in s.channels[name].arrays().values()
                )
                / 2**20
                for name in ("words", "grams", "documents")
            }
            print(
                f"real embedding {rate:.0f} passages/s; tokenise + store {size / stored:,.0f} "
                f"passages/s; dense ({index.backend.dense.index_type}) build {dense_build:.1f}s; "
                f"BM25 channels build {lexical_build:.1f}s"
            )
            files = [p for p in (index.folder / "lexical").rglob("*") if p.is_file()]
            print(
                f"BM25 channels written in {lexical_write:.1f}s: "
                f"{sum(p.stat().st_size for p in files) / 2**20:.0f} MB on disk"
            )
            print(
                f"memory: faiss {faiss_mb:.0f} MB, BM25 postings "
                + ", ".join(f"{name} {mb:.0f} MB" for name, mb in matrices.items())
                + f", process RSS growth {rss_mb() - before:.0f} MB"
            )
            print_latencies(index, queries)
            if ask:
                print_endpoint_latencies(settings, documents, index, queries)
        reopened = subprocess.run(
            [sys.executable, __file__, "--reopen", folder, "--models", model],
            check=True,
            capture_output=True,
            text=True,
        )
        print(reopened.stdout, end="")


def reopen(folder: Path, model: str) -> None:
    """Open a saved index in this (new) process; time and RSS of the first queries."""
    base = rss_mb()
    started = time.perf_counter()
    with SearchIndex.open(Settings.from_env(data_dir=folder, embedding_model=model)) as index:
        _ = index.backend.lexical
        loaded = time.perf_counter() - started
        opened = rss_mb()
        index.search(QUERIES[0], 10, "lexical")
        first = time.perf_counter() - started
        queried = rss_mb()
        started = time.perf_counter()
        index.search(QUERIES[1], 10, "hybrid")
        hybrid = time.perf_counter() - started
    print(
        f"reopen (new process): open + BM25 channels loaded {loaded:.2f}s, RSS {opened:.0f} MB "
        f"({opened - base:+.0f} MB over the imports); + first lexical query {first:.2f}s, "
        f"RSS {queried:.0f} MB; first hybrid query (model and faiss load) {hybrid:.1f}s, "
        f"RSS {rss_mb():.0f} MB, peak {peak_rss_mb():.0f} MB"
    )


def lexical_rows(size: int, folder: Path) -> float:
    """Store ``size`` synthetic passages (10 a document) in the passages table of ``folder``
    without building anything; returns seconds. Tokens are analysed once per distinct sentence
    (a passage's tokens are its sentences' tokens), so a million rows take minutes, not hours."""
    rng = random.Random(1)
    sentences = sample_sentences()
    tokens = [" ".join(analyze(s)) for s in sentences]
    started = time.perf_counter()
    with SearchIndex.open(Settings.from_env(data_dir=folder)) as index:
        backend = index.backend
        for start in range(0, size, 10):
            doc_id = hashlib.sha256(f"bench-{start}".encode()).hexdigest()[:16]
            rows = []
            for number in range(min(10, size - start)):
                target, picked = rng.randint(300, 1000), []
                while sum(len(sentences[i]) for i in picked) < target:
                    picked.append(rng.randrange(len(sentences)))
                rows.append(
                    PassageRow(
                        f"{doc_id}/{number}",
                        doc_id,
                        " ".join(sentences[i] for i in picked),
                        " ".join(tokens[i] for i in picked if tokens[i]),
                    )
                )
            backend.replace(doc_id, rows, frozenset())
            if start % 100_000 == 0:
                backend.commit()
        backend.commit()
    return time.perf_counter() - started


def lexical_save(folder: Path) -> None:
    """Write the BM25 segments of every stored passage (a new process: its own peak RSS)."""
    with SearchIndex.open(Settings.from_env(data_dir=folder)) as index:
        started = time.perf_counter()
        index.backend._save_lexical()
        seconds = time.perf_counter() - started
        count = len(index)
    files = [p for p in (folder / "search" / "lexical").rglob("*") if p.is_file()]
    segments = len(json.loads((folder / "search/lexical/manifest.json").read_text())["segments"])
    print(
        f"BM25 segments of {count:,} passages built and written in {seconds:.0f}s "
        f"({segments} segments, {sum(p.stat().st_size for p in files) / 2**20:,.0f} MB on disk); "
        f"peak RSS {peak_rss_mb():,.0f} MB"
    )


def lexical_serve(folder: Path, queries: int) -> None:
    """In a new process: first lexical query after open, p50/p95, then an update and save."""
    base = rss_mb()
    started = time.perf_counter()
    with SearchIndex.open(Settings.from_env(data_dir=folder)) as index:
        index.search(QUERIES[0], 10, "lexical")
        first = time.perf_counter() - started
        after_first = rss_mb()
        p50, p95 = percentiles(
            partial(index.search, k=10, method="lexical"), queries, distinct_queries(queries)
        )
        print(
            f"open + first lexical query {first:.2f}s (RSS {after_first:,.0f} MB, "
            f"{after_first - base:+,.0f} MB over the imports); lexical p50 {p50:.1f} ms, "
            f"p95 {p95:.1f} ms over {queries} distinct queries; RSS {rss_mb():,.0f} MB"
        )
        backend = index.backend
        doc_id = backend.passage_ids()[0].rpartition("/")[0]
        rows = [
            PassageRow(f"{doc_id}/{i}", doc_id, text, " ".join(analyze(text)))
            for i, text in enumerate(synthetic_passages(10, seed=9))
        ]
        started = time.perf_counter()
        backend.replace(doc_id, rows, frozenset())
        backend.commit()
        backend._save_lexical()
        update = time.perf_counter() - started
        started = time.perf_counter()
        index.search(QUERIES[1], 10, "lexical")
        print(
            f"replace one document + save {update:.2f}s; next lexical query "
            f"{(time.perf_counter() - started) * 1000:.0f} ms; peak RSS {peak_rss_mb():,.0f} MB"
        )


def bench_lexical(size: int, queries: int) -> None:
    """BM25 at scale without the dense index: rows stored, segments built, served, updated."""
    print(f"--- lexical only, {size:,} passages (no vectors)")
    with tempfile.TemporaryDirectory(dir="/tmp") as name:
        folder = Path(name)
        print(f"passages table filled in {lexical_rows(size, folder):.0f}s")
        for mode in (["--lexical-save", name], ["--lexical-serve", name]):
            run = subprocess.run(
                [sys.executable, __file__, *mode, "--queries", str(queries)],
                check=True,
                capture_output=True,
                text=True,
            )
            print(run.stdout, end="")
        print(f"load average {' '.join(Path('/proc/loadavg').read_text().split()[:3])}")


def peak_rss_mb() -> float:
    """Peak resident memory of this process (VmHWM: ru_maxrss survives fork and exec)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="*", default=[10_000, 100_000])
    parser.add_argument("--real", type=int, default=300)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument(
        "--real-vectors", type=int, default=10_000, help="passages embedded for real per size"
    )
    parser.add_argument("--models", nargs="*", default=[USE_MODEL, MINILM_MODEL])
    parser.add_argument(
        "--ask", action="store_true", help="also build the graph; time /search and /ask"
    )
    parser.add_argument(
        "--lexical", type=int, nargs="*", default=[], help="BM25 only at these sizes (no vectors)"
    )
    parser.add_argument("--reopen", help=argparse.SUPPRESS)  # data dir, run by bench_size
    parser.add_argument("--lexical-save", help=argparse.SUPPRESS)  # run by bench_lexical
    parser.add_argument("--lexical-serve", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.reopen:
        reopen(Path(args.reopen), args.models[0])
        return
    if args.lexical_save:
        lexical_save(Path(args.lexical_save))
        return
    if args.lexical_serve:
        lexical_serve(Path(args.lexical_serve), args.queries)
        return
    if args.lexical:
        for size in args.lexical:
            bench_lexical(size, args.queries)
        return
    print(f"python {sys.version.split()[0]}, cores {len(__import__('os').sched_getaffinity(0))}")
    for model in args.models:
        if args.real:
            bench_real(model, args.real, args.queries)
    for size in args.sizes:
        bench_size(size, args.models[0], args.real_vectors, args.queries, args.ask)


if __name__ == "__main__":
    main()
