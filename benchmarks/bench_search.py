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
5. ``--http DIR [--http-size 100000] [--clients 1 4] [--seconds 30] [--method hybrid]``:
   `/search` over HTTP with the real service. DIR is built once (the ``--sizes`` passages:
   ``--real-vectors`` real vectors, the rest random; search index and graph, as ``--ask``;
   reused while its ``bench-build.json`` matches), then ``pkgraph serve`` on a loopback port
   (after ``/health`` says ready), a warm-up, and per number of clients (threads sharing
   one kept-alive httpx client) ``--seconds`` of requests over a fixed list of distinct
   queries: p50/p95 latency, req/s, CPU time per request of the server process (all its
   threads) and of this client, the server's RSS and the load average.

    HF_HUB_OFFLINE=1 .venv/bin/python benchmarks/bench_search.py --http /tmp/bench100k \
        --http-size 100000 --clients 1 4 --seconds 30
6. ``--dense N [--dense-dir /tmp/bench1m_dense] [--search-threads 1 2]``: the whole index at
   state scale, its dense part included. N synthetic passages in the table (as ``--lexical``),
   then in new processes, side by side (each single-threaded, one core each): the BM25
   segments, and the dense part built through ``DenseIndex.add`` (batches of 256 as the
   service embeds them: exact until 50,000, then HNSW) from ``--real-vectors`` real embeddings
   of the first passages and SYNTHETIC vectors for the rest (a real vector plus a random part
   of another plus Gaussian noise, normalised: clustered like real embeddings, so the HNSW
   graph is built over realistic neighbourhoods), saved where the service loads it. Then per
   ``--search-threads`` a new process opens the index as ``pkgraph serve`` does
   (``SearchRunner``: one index per search thread, each warmed with one hybrid query; a
   read-only service's threads share the faiss index and BM25 channels of the saved files) and
   times hybrid, dense and lexical queries; RSS and PSS after open, how many faiss indexes and
   BM25 channel sets the threads hold, peak RSS (VmHWM) and load average.
   The data dir is kept and reused (each stage runs only if its output is missing).

    HF_HUB_OFFLINE=1 .venv/bin/python benchmarks/bench_search.py --dense 1000000 \
        --dense-dir /tmp/bench1m_dense --queries 200
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import re
import resource
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

import numpy as np

from pkgraph.ask import answer_question
from pkgraph.extract import extract_document
from pkgraph.graph.store import GraphStore
from pkgraph.records import Document, DocumentMetadata, Passage, RepairedText
from pkgraph.search.analysis import analyze
from pkgraph.search.backend import PassageRow
from pkgraph.search.embed import load_embedder, text_key
from pkgraph.search.index import METHODS, SearchIndex
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


def build_graph(settings: Settings, documents: list[Document]) -> None:
    """Write every document's extraction into the graph store of ``settings``."""
    with GraphStore.open(settings) as graph:
        graph.ensure_reference_data()
        for number, document in enumerate(documents, 1):
            graph.replace_document(document, extract_document(document))
            if number % 2000 == 0:
                print(f"  graph: {number}/{len(documents)} documents", file=sys.stderr)


def print_endpoint_latencies(
    settings: Settings, documents: list[Document], index: SearchIndex, queries: int
) -> None:
    """Build the graph of ``documents``, then p50/p95 of `/search` and `/ask`'s functions."""
    started = time.perf_counter()
    build_graph(settings, documents)
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


def memory_status() -> str:
    """Resident memory now and at its peak, anonymous (heap) and file-backed (mapped files)."""
    wanted = ("VmRSS", "RssAnon", "RssFile", "VmHWM")
    found = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in wanted:
            found[key] = int(value.split()[0]) / 1024
    # PSS counts a file page mapped twice (each search thread maps the segments) once
    for line in Path("/proc/self/smaps_rollup").read_text().splitlines():
        if line.startswith("Pss:"):
            found["Pss"] = int(line.split()[1]) / 1024
    return (
        f"RSS {found['VmRSS']:,.0f} MB (anon {found['RssAnon']:,.0f}, "
        f"file {found['RssFile']:,.0f}; PSS {found.get('Pss', 0):,.0f}), "
        f"peak {found['VmHWM']:,.0f} MB"
    )


def synthetic_vectors(real: np.ndarray, count: int, rng: np.random.Generator) -> np.ndarray:
    """``count`` unit vectors near the ``real`` ones: a real vector, plus up to half of another,
    plus Gaussian noise (sigma 0.03 a dimension), normalised."""
    first = real[rng.integers(len(real), size=count)]
    second = real[rng.integers(len(real), size=count)]
    mixed = first + rng.uniform(0, 0.5, size=(count, 1)).astype(np.float32) * second
    mixed += rng.normal(0, 0.03, size=mixed.shape).astype(np.float32)
    mixed /= np.linalg.norm(mixed, axis=1, keepdims=True)
    return mixed.astype(np.float32)


def dense_build(folder: Path, real: int) -> None:
    """Build the dense part of the passages table in ``folder`` through ``DenseIndex.add`` (a
    new process: its own peak RSS) and save it where the service loads it."""
    from pkgraph.search.dense import DenseIndex

    embedder = load_embedder(USE_MODEL)
    with SearchIndex.open(Settings.from_env(data_dir=folder, embedding_model=USE_MODEL)) as index:
        ids = index.backend.passage_ids()  # sorted, the order the service embeds them in
        texts = index.texts(ids[:real])
        target = index.backend._dense_folder
    started = time.perf_counter()
    real_vectors = np.concatenate(
        [
            embedder.embed_passages([texts[p] for p in ids[i : min(i + 256, real)]])
            for i in range(0, real, 256)
        ]
    )
    print(
        f"{real:,} real {USE_MODEL} vectors ({embedder.dimension} dimensions) in "
        f"{time.perf_counter() - started:.0f}s; {memory_status()}",
        flush=True,
    )
    rng = np.random.default_rng(0)
    dense = DenseIndex(embedder.model_id, embedder.dimension)
    started = time.perf_counter()
    for start in range(0, len(ids), 256):
        batch = ids[start : start + 256]
        if start + len(batch) <= real:
            vectors = real_vectors[start : start + len(batch)]
        else:
            vectors = synthetic_vectors(real_vectors, len(batch), rng)
        dense.add(batch, vectors)
        if (start + 256) % 100_000 < 256:
            print(
                f"  dense: {start + len(batch):,} vectors, {time.perf_counter() - started:.0f}s, "
                f"load average {load_average()}",
                file=sys.stderr,
                flush=True,
            )
    built = time.perf_counter() - started
    started = time.perf_counter()
    dense.save(target)
    saved = time.perf_counter() - started
    size = sum(p.stat().st_size for p in target.iterdir()) / 2**20
    print(
        f"dense part ({dense.index_type}, {len(dense):,} vectors) built in {built:.0f}s "
        f"({len(ids) / built:,.0f} vectors/s), saved in {saved:.0f}s ({size:,.0f} MB on disk); "
        f"{memory_status()}; load average {load_average()}",
        flush=True,
    )


def dense_serve(folder: Path, threads: int, queries: int) -> None:
    """In a new process: the index opened as ``pkgraph serve`` opens it (``SearchRunner``:
    ``threads`` search threads, each its own warm index), then one client's queries."""
    import asyncio

    sys.path.insert(0, str(ROOT / "api"))
    from pkgraph_api.search_runner import SearchRunner

    base = rss_mb()
    settings = Settings.from_env(
        data_dir=folder, embedding_model=USE_MODEL, search_threads=threads, api_token=""
    )
    started = time.perf_counter()
    runner = SearchRunner(settings)
    runner.warm_up()
    while not runner.ready:
        if runner.failure:
            raise SystemExit(runner.failure)
        time.sleep(0.01)
    ready = time.perf_counter() - started
    print(
        f"{threads} search thread(s): open + warm (lexical, dense, model, first hybrid query; "
        f"as /health waits for) {ready:.2f}s; {memory_status()} ({rss_mb() - base:+,.0f} MB "
        f"over the imports)",
        flush=True,
    )

    barrier = threading.Barrier(threads, timeout=120)

    def held(index: SearchIndex) -> tuple[int, int]:
        barrier.wait()  # one job on each thread
        return id(index.backend.dense._index), id(index.backend.lexical)

    async def on_every_thread() -> list[tuple[int, int]]:
        return list(await asyncio.gather(*(runner.run(held) for _ in range(threads))))

    holdings = asyncio.run(on_every_thread())
    faiss_objects = len({dense for dense, _ in holdings})
    channel_sets = len({channels for _, channels in holdings})
    print(
        f"  {threads} thread(s) hold {faiss_objects} faiss index(es) and {channel_sets} set(s) "
        "of BM25 channels",
        flush=True,
    )

    async def timed(method: str, asked: list[str]) -> list[float]:
        times = []
        for query in asked:
            begun = time.perf_counter()
            await runner.run(partial(SearchIndex.search, query=query, k=10, method=method))
            times.append((time.perf_counter() - begun) * 1000)
        return times

    asked = distinct_queries(queries * 3, seed=7)
    for number, method in enumerate(("hybrid", "dense", "lexical")):
        times = asyncio.run(timed(method, asked[number * queries : (number + 1) * queries]))
        print(
            f"  {method:7} p50 {np.percentile(times, 50):6.1f} ms  p95 "
            f"{np.percentile(times, 95):6.1f} ms ({queries} distinct queries, one client"
            + (", query embedding included)" if method != "lexical" else ")"),
            flush=True,
        )
    print(f"  after the queries: {memory_status()}; load average {load_average()}", flush=True)


def dense_open(folder: Path) -> None:
    """In a new process: one index opened and warmed as a search thread does, step by step."""
    base = rss_mb()
    started = time.perf_counter()
    settings = Settings.from_env(data_dir=folder, embedding_model=USE_MODEL)
    with SearchIndex.open(settings) as index:
        _ = index.backend.lexical
        lexical = time.perf_counter() - started
        _ = index.embedder
        model = time.perf_counter() - started - lexical
        _ = index.backend.dense
        dense = time.perf_counter() - started - lexical - model
        index.search(QUERIES[0], 10, "hybrid")
        total = time.perf_counter() - started
        memory, opened = memory_status(), rss_mb()
        recall = dense_recall(index, 100)
    print(
        f"one index, step by step: BM25 segments {lexical:.2f}s, embedder {model:.2f}s, dense part "
        f"(faiss read + id map + check against the table) {dense:.2f}s, first hybrid query "
        f"{total - lexical - model - dense:.2f}s (the model's first forward pass included): "
        f"{total:.2f}s; {memory} ({opened - base:+,.0f} MB over the imports); HNSW recall@10 "
        f"against exact search {recall:.3f} (100 real query vectors; over these partly "
        "synthetic vectors, not a measure of real 1M embeddings)",
        flush=True,
    )


def dense_recall(index: SearchIndex, queries: int) -> float:
    """Share of the exact top 10 (inner product over every stored vector) that the HNSW search
    finds, for the embeddings of ``queries`` distinct questions."""
    dense = index.backend.dense
    labels = sorted(dense._ids)
    asked = index.embedder.embed_queries(distinct_queries(queries, seed=11))
    scores = np.concatenate(
        [dense.vectors(labels[i : i + 100_000]) @ asked.T for i in range(0, len(labels), 100_000)]
    )
    found = 0
    for column, vector in enumerate(asked):
        exact = {dense._ids[labels[i]] for i in np.argpartition(-scores[:, column], 10)[:10]}
        found += len(exact & {pid for pid, _ in dense.search(vector, 10)})
    return found / (10 * queries)


def bench_dense(size: int, folder: Path, real: int, queries: int, threads: list[int]) -> None:
    """The whole index at ``size`` passages, dense part included (see the module doc, 6)."""
    real = min(real, size)
    print(
        f"--- {size:,} passages, dense part of {real:,} real {USE_MODEL} vectors and "
        f"{size - real:,} SYNTHETIC ones; data in {folder}; load average {load_average()}",
        flush=True,
    )
    folder.mkdir(parents=True, exist_ok=True)
    marker = folder / "bench-dense.json"
    wanted = {"size": size, "real_vectors": real}
    if not marker.exists():
        if any(folder.iterdir()):
            raise SystemExit(f"{folder} holds something else than a --dense build")
        print(f"passages table filled in {lexical_rows(size, folder):.0f}s", flush=True)
        marker.write_text(json.dumps(wanted))
    elif json.loads(marker.read_text()) != wanted:
        raise SystemExit(f"{folder} holds a build of {marker.read_text()}, not {wanted}")
    stages = []
    if not (folder / "search/lexical/manifest.json").exists():
        stages.append(["--lexical-save", str(folder)])
    dense_ids = folder / "search/dense" / re.sub(r"[^A-Za-z0-9_.-]+", "_", USE_MODEL) / "ids.json"
    if not dense_ids.exists():
        stages.append(["--dense-build", str(folder), "--real-vectors", str(real)])
    if stages:
        print("building side by side: " + ", ".join(s[0] for s in stages), flush=True)
    runs = [
        subprocess.Popen([sys.executable, __file__, *stage], stdout=subprocess.PIPE, text=True)
        for stage in stages
    ]
    for stage, build in zip(stages, runs, strict=True):
        out, _ = build.communicate()
        print(out, end="", flush=True)
        if build.returncode:
            raise SystemExit(f"{stage[0]} failed")
    modes = [["--dense-open", str(folder)]]
    modes += [
        ["--dense-serve", str(folder), "--search-threads", str(t), "--queries", str(queries)]
        for t in threads
    ]
    for mode in modes:
        run = subprocess.run(
            [sys.executable, __file__, *mode], check=True, capture_output=True, text=True
        )
        print(run.stdout, end="", flush=True)


def build_data_dir(folder: Path, size: int, model: str, real: int) -> None:
    """Search index and graph of ``size`` synthetic passages in ``folder``, unless built."""
    marker = folder / "bench-build.json"
    wanted = {"size": size, "model": model, "real_vectors": min(real, size)}
    if marker.exists() and json.loads(marker.read_text()) == wanted:
        print(f"reusing the build in {folder}: {wanted}")
        return
    if folder.exists() and any(folder.iterdir()):
        raise SystemExit(f"{folder} holds something else than a build of {wanted}")
    folder.mkdir(parents=True, exist_ok=True)
    passages = synthetic_passages(size)
    documents = as_documents(passages)
    settings = Settings.from_env(data_dir=folder, embedding_model=model)
    started = time.perf_counter()
    with SearchIndex.open(settings) as index:
        prefill_cache(index, passages, model, min(real, size))
        for document in documents:
            index.replace_document(document)
        index.save()
    print(f"search index of {size:,} passages built in {time.perf_counter() - started:.0f}s")
    started = time.perf_counter()
    build_graph(settings, documents)
    print(f"graph of {len(documents):,} documents built in {time.perf_counter() - started:.0f}s")
    marker.write_text(json.dumps(wanted))


def load_average() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def process_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of process ``pid`` so far (all its threads)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def http_run(
    base: str, queries: list[str], clients: int, seconds: float, method: str
) -> tuple[list[float], int, float]:
    """``clients`` threads, each sending the next query of ``queries`` (shared, in order) as
    soon as its previous answer came, for ``seconds``; latencies (ms), errors, elapsed s."""
    import threading

    import httpx

    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    latencies: list[float] = []
    errors = 0
    counter = iter(range(10**9))
    lock = threading.Lock()
    with httpx.Client(base_url=base, limits=limits, timeout=60) as client:
        deadline = time.perf_counter() + seconds

        def loop() -> None:
            nonlocal errors
            while time.perf_counter() < deadline:
                with lock:
                    query = queries[next(counter) % len(queries)]
                started = time.perf_counter()
                response = client.get("/search", params={"q": query, "k": 10, "method": method})
                elapsed = (time.perf_counter() - started) * 1000
                with lock:
                    latencies.append(elapsed)
                    errors += response.status_code != 200

        started = time.perf_counter()
        threads = [threading.Thread(target=loop) for _ in range(clients)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.perf_counter() - started
    return latencies, errors, elapsed


def bench_http(
    folder: Path, size: int, model: str, real: int, clients: list[int], seconds: float, method: str
) -> None:
    """`/search` over HTTP against ``pkgraph serve`` over the build in ``folder``."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import httpx
    from _http import free_port, stop_server

    build_data_dir(folder, size, model, real)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    started = time.perf_counter()
    command = [sys.executable, "-m", "pkgraph.cli", "serve", "--data-dir", str(folder)]
    server = subprocess.Popen(
        [*command, "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    # every 0.5 s, 503s included: /health counts the graph's triples and documents (1.2 s
    # at 100k passages), so polling it without a pause (``_http.start_server`` retries a 503
    # at once) starves the warm-up: 40 s instead of 4-10 s to ready
    while True:
        try:
            if httpx.get(f"{base}/health", timeout=2).status_code == 200:
                break
        except httpx.TransportError:
            pass
        if server.poll() is not None or time.perf_counter() - started > 300:
            server.kill()
            raise SystemExit("the server did not come up")
        time.sleep(0.5)
    ready = time.perf_counter() - started
    try:
        queries = distinct_queries(4000, seed=5)
        started = time.perf_counter()
        httpx.get(f"{base}/search", params={"q": QUERIES[0], "method": method}, timeout=120)
        first = (time.perf_counter() - started) * 1000
        print(
            f"server ready (/health 200) {ready:.1f}s after start; first /search {first:.0f} ms; "
            f"server RSS {process_rss_mb(server.pid):,.0f} MB; load average {load_average()}"
        )
        http_run(base, queries[-200:], 2, 10, method)  # warm-up, queries not measured later
        queries = queries[:-200]
        print(
            f"{'clients':>7} {'requests':>8} {'errors':>6} {'p50 ms':>7} {'p95 ms':>7} "
            f"{'req/s':>6} {'CPU ms/req server':>17} {'client':>6}  load average"
        )
        offset = 0
        for count in clients:
            mine = queries[offset:] + queries[:offset]
            cpu = cpu_seconds(server.pid), cpu_seconds(os.getpid())
            times, errors, elapsed = http_run(base, mine, count, seconds, method)
            server_ms, client_ms = (
                (cpu_seconds(pid) - before) * 1000 / len(times)
                for pid, before in zip((server.pid, os.getpid()), cpu, strict=True)
            )
            offset = (offset + len(times)) % len(queries)
            print(
                f"{count:>7} {len(times):>8} {errors:>6} {np.percentile(times, 50):>7.1f} "
                f"{np.percentile(times, 95):>7.1f} {len(times) / elapsed:>6.1f} "
                f"{server_ms:>17.1f} {client_ms:>6.1f}  {load_average()}",
                flush=True,
            )
        print(f"server RSS {process_rss_mb(server.pid):,.0f} MB")
    finally:
        stop_server(server)


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
    parser.add_argument("--http", type=Path, help="`/search` over HTTP over this data dir")
    parser.add_argument("--http-size", type=int, default=100_000, help="passages of --http")
    parser.add_argument("--clients", type=int, nargs="*", default=[1, 4])
    parser.add_argument("--seconds", type=float, default=30.0, help="per number of clients")
    parser.add_argument("--method", default="hybrid", choices=METHODS)
    parser.add_argument(
        "--dense", type=int, help="the whole index at this size, dense part synthetic beyond"
    )
    parser.add_argument("--dense-dir", type=Path, default=Path("/tmp/bench1m_dense"))
    parser.add_argument("--search-threads", type=int, nargs="*", default=[1, 2])
    parser.add_argument("--dense-build", help=argparse.SUPPRESS)  # run by bench_dense
    parser.add_argument("--dense-open", help=argparse.SUPPRESS)
    parser.add_argument("--dense-serve", help=argparse.SUPPRESS)
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
    if args.dense_build:
        dense_build(Path(args.dense_build), args.real_vectors)
        return
    if args.dense_open:
        dense_open(Path(args.dense_open))
        return
    if args.dense_serve:
        dense_serve(Path(args.dense_serve), args.search_threads[0], args.queries)
        return
    if args.dense:
        bench_dense(
            args.dense, args.dense_dir, args.real_vectors, args.queries, args.search_threads
        )
        return
    if args.http:
        bench_http(
            args.http,
            args.http_size,
            args.models[0],
            args.real_vectors,
            args.clients,
            args.seconds,
            args.method,
        )
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
