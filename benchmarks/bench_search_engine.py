"""The search index on Milvus next to the embedded default: load rate, query latency, memory.

    HF_HUB_OFFLINE=1 .venv/bin/python benchmarks/bench_search_engine.py [--sizes 10000 50000]
        [--real 2000] [--queries 100] [--url milvus:engine.db]

For each size, the same passages (``bench_search.synthetic_passages``, 10 a document) go into
a fresh index of each backend: real embeddings for the first ``--real`` passages and random
unit vectors for the rest, both put into the embedding cache before loading, so that the load
rate is the backend's (tokenising, grams and writing included, not the model's). Then
``SearchIndex.search`` p50/p95 per method over distinct queries (query embedding included),
filtered to a tenth of the documents, and the resident memory of this process and, for Milvus
Lite, of its engine process. ``--url`` may name a Milvus server (``http://host:19530``).
"""

from __future__ import annotations

import argparse
import tempfile
import time
from functools import partial
from pathlib import Path

import numpy as np
from bench_search import as_documents, distinct_queries, percentiles, rss_mb, synthetic_passages

from pkgraph.records import Document
from pkgraph.search.embed import load_embedder, text_key
from pkgraph.search.index import METHODS, SearchIndex
from pkgraph.settings import DEFAULT_MODEL, Settings


def vectors_for(passages: list[str], model: str, real: int) -> np.ndarray:
    """Real embeddings of the first ``real`` passages, random unit vectors for the rest."""
    embedder = load_embedder(model)
    real_part = [
        embedder.embed_passages(passages[i : min(i + 256, real)]) for i in range(0, real, 256)
    ]
    rest = np.random.default_rng(0).normal(size=(len(passages) - real, embedder.dimension))
    rest /= np.linalg.norm(rest, axis=1, keepdims=True)
    return np.concatenate([*real_part, rest.astype(np.float32)])


def child_pids(pid: int | str = "self") -> list[int]:
    """The processes this one started (the Milvus Lite engine, a store server)."""
    return [
        int(child)
        for tasks in Path(f"/proc/{pid}/task").iterdir()
        for child in (tasks / "children").read_text().split()
    ]


def status_mb(pid: int | str, field: str = "VmRSS") -> float:
    """A memory figure of ``/proc/<pid>/status`` (``VmRSS``, ``VmHWM``: the peak) in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return 0.0


def child_rss_mb(field: str = "VmRSS") -> float:
    """Resident memory (or another status figure) of this process's children, summed."""
    return sum(status_mb(pid, field) for pid in child_pids())


def load_index(
    index: SearchIndex,
    documents: list[Document],
    passages: list[str],
    vectors: np.ndarray,
    commit: bool = False,
) -> float:
    """Put the vectors into the embedding cache, then index ``documents`` (with ``commit``:
    committed after each one, as ingest does) and save (warm); returns the seconds of indexing
    and saving."""
    index._cache.store(index.embedder.model_id, [text_key(t) for t in passages], vectors)
    started = time.perf_counter()
    for document in documents:
        index.replace_document(document)
        if commit:
            index.commit()
    index.save()
    index.warm_up()
    return time.perf_counter() - started


def bench(
    label: str, settings: Settings, passages: list[str], vectors: np.ndarray, queries: int
) -> None:
    documents = as_documents(passages)
    with SearchIndex.open(settings) as index:
        seconds = load_index(index, documents, passages, vectors)
        disk = sum(f.stat().st_size for f in settings.search_dir.rglob("*") if f.is_file())
        print(
            f"{label:9} load {len(passages) / seconds:7.0f} passages/s ({seconds:.1f} s);"
            f" RSS {rss_mb():.0f} MB, engine process {child_rss_mb():.0f} MB;"
            f" on disk {disk / 2**20:.0f} MB (embedding cache included)"
        )
    started = time.perf_counter()
    with SearchIndex.open(settings) as index:
        asked = distinct_queries(queries * (len(METHODS) + 1) + 1)
        index.search(asked[-1], 10, "hybrid")
        print(f"{label:9} open + first hybrid query {time.perf_counter() - started:.2f} s")
        for number, method in enumerate(METHODS):
            mine = asked[number * queries : (number + 1) * queries]
            p50, p95 = percentiles(partial(index.search, k=10, method=method), queries, mine)
            print(f"{label:9} {method:7} p50 {p50:7.2f} ms  p95 {p95:7.2f} ms")
        allowed = [p.passage_id for d in documents[::10] for p in d.passages]
        mine = asked[len(METHODS) * queries : (len(METHODS) + 1) * queries]
        search = partial(index.search, k=10, method="hybrid", allowed=allowed)
        p50, p95 = percentiles(search, queries, mine)
        print(f"{label:9} hybrid, {len(allowed)} allowed: p50 {p50:7.2f} ms  p95 {p95:7.2f} ms")
        print(
            f"{label:9} RSS after queries {rss_mb():.0f} MB, engine process {child_rss_mb():.0f} MB"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000])
    parser.add_argument("--real", type=int, default=2000, help="passages embedded for real")
    parser.add_argument("--queries", type=int, default=100)
    parser.add_argument("--model", default=DEFAULT_MODEL)
    parser.add_argument("--url", default="milvus:engine.db", help="the engine's search_url")
    args = parser.parse_args()
    for size in args.sizes:
        passages = synthetic_passages(size)
        vectors = vectors_for(passages, args.model, min(args.real, size))
        print(f"--- {size} passages ({min(args.real, size)} real embeddings), model {args.model}")
        for label, url in (("embedded", ""), ("milvus", args.url)):
            with tempfile.TemporaryDirectory() as folder:
                settings = Settings(
                    data_dir=Path(folder), embedding_model=args.model, search_url=url
                )
                bench(label, settings, passages, vectors, args.queries)


if __name__ == "__main__":
    main()
