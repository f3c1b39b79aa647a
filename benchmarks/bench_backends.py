"""Every storage backend side by side: load rate, query latency, memory and disk in one run.

    HF_HUB_OFFLINE=1 .venv/bin/python benchmarks/bench_backends.py --triples 20000 --passages 2000
    HF_HUB_OFFLINE=1 .venv/bin/python benchmarks/bench_backends.py --triples 2000000 \\
        --passages 100000 --virtuoso --json

Graph: ``--triples`` synthetic quads in pkgraph's model shape (``bench_store.synthetic_corpus``:
``document_quads`` of generated documents, one named graph each) are written once to an
N-Quads file, then loaded into (a) the embedded Oxigraph store and (b) ``oxigraph serve``,
started here on a free loopback port (``tests/graph/servers.py``), and with ``--virtuoso``
Virtuoso, through ``GraphStore`` the way ingest and ``pkgraph migrate`` write: the reference
graphs, then one ``replace_graph`` (one transaction, one request) per document. Then p50/p95
of the grouped aggregates of ``bench_store.QUERIES`` and of reading one document's graph.

Search: ``--passages`` synthetic passages (``bench_search.synthetic_passages``, 10 a document)
into (c) the embedded index and (d) Milvus Lite (``milvus:engine.db``), as ingest indexes:
``replace_document`` and ``commit`` per document, ``save`` at the end. Dense vectors are real
embeddings for the first ``--real`` passages and random unit vectors beyond (put into the
embedding cache first, so the rate is the index's, not the model's). Then p50/p95 of
``SearchIndex.search`` for distinct queries (query embedding included): hybrid, lexical,
dense, and hybrid filtered to 1 % of the documents (a filter such as one Kreis).

Each backend is loaded and queried in a process of its own, so that the memory figures are its
own: VmHWM (peak) and VmRSS of that pkgraph process and of the server or engine process it
talks to (``/proc/<pid>/status``), and the bytes on disk after loading.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import Any

import numpy as np
from bench_search import as_documents, distinct_queries, percentiles, synthetic_passages
from bench_search_engine import child_pids, child_rss_mb, load_index, status_mb, vectors_for
from bench_store import QUERIES, synthetic_corpus
from pyoxigraph import NamedNode, Quad, RdfFormat, parse

from pkgraph.graph.store import GraphStore
from pkgraph.graph.terms import serialize_bytes
from pkgraph.search.index import METHODS, SearchIndex
from pkgraph.settings import DEFAULT_MODEL, PROJECT_ROOT, Settings

sys.path.insert(0, str(PROJECT_ROOT))  # the test suite's server launchers, reused as they are
from tests.graph import servers

Figures = dict[str, Any]
#: Virtuoso as the tests start it, with buffers and a query limit for millions of quads.
VIRTUOSO_TUNING = {
    "NumberOfBuffers = 10000": "NumberOfBuffers = 680000",  # 8 KB pages: 5.2 GB
    "MaxDirtyBuffers = 6000": "MaxDirtyBuffers = 500000",
    "MaxQueryExecutionTime = 5": "MaxQueryExecutionTime = 600",
}


def disk_bytes(folder: Path) -> int:
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file())


def memory(pid: int | str = "self") -> Figures:
    return {"rss_mb": status_mb(pid, "VmRSS"), "peak_mb": status_mb(pid, "VmHWM")}


def engine_memory() -> Figures:
    """Summed memory of this process's children (Milvus Lite's engine), if any."""
    return {"rss_mb": child_rss_mb("VmRSS"), "peak_mb": child_rss_mb("VmHWM")}


def latency(run: Callable[[], object], repeat: int) -> Figures:
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        timings.append((time.perf_counter() - started) * 1000)
    p50, p95 = np.percentile(timings, [50, 95])
    return {"p50_ms": float(p50), "p95_ms": float(p95)}


# --- the workers (one process per backend) ------------------------------------------------


def document_graphs(path: Path) -> Iterator[tuple[NamedNode, list[Quad]]]:
    """The N-Quads file as (graph, quads) per document, in file order (streamed)."""
    graph: NamedNode | None = None
    quads: list[Quad] = []
    for quad in parse(path=str(path), format=RdfFormat.N_QUADS):
        if quad.graph_name != graph:
            if graph is not None:
                yield graph, quads
            graph, quads = quad.graph_name, []
        quads.append(quad)
    if graph is not None:
        yield graph, quads


def graph_worker(spec: Figures) -> Figures:
    settings = Settings.from_env(data_dir=Path(spec["data_dir"]), **spec["overrides"])
    documents = quads = 0
    with GraphStore.open(settings) as store:
        store.ensure_reference_data()
        started = time.perf_counter()
        first: NamedNode | None = None
        for graph, graph_quads in document_graphs(Path(spec["quads"])):
            store.replace_graph(graph, graph_quads)
            documents += 1
            quads += len(graph_quads)
            first = first or graph
        store.flush()
        seconds = time.perf_counter() - started
        figures: Figures = {
            "documents": documents,
            "quads": quads,
            "load_s": seconds,
            "triples_per_s": quads / seconds,
            "store_quads": store.count_triples(),
            "queries": {},
        }
        for name, query in QUERIES.items():
            store.select(query)  # warm
            figures["queries"][name] = latency(partial(store.select, query), spec["repeat"])
        assert first is not None
        read = partial(lambda g: list(store.quads(g)), first)
        figures["queries"]["one document's graph"] = latency(read, spec["repeat"] * 5)
        figures["client"] = memory()
    if not settings.graph_url:
        figures["disk_bytes"] = disk_bytes(settings.graph_dir)
    return figures


def search_worker(spec: Figures) -> Figures:
    passages = synthetic_passages(spec["passages"])
    documents = as_documents(passages)
    vectors = np.load(spec["vectors"])
    settings = Settings(
        data_dir=Path(spec["data_dir"]), embedding_model=spec["model"], search_url=spec["url"]
    )
    figures: Figures = {"passages": len(passages), "documents": len(documents)}
    with SearchIndex.open(settings) as index:
        index.embedder  # the model loads outside the timing  # noqa: B018
        seconds = load_index(index, documents, passages, vectors, commit=True)
        figures.update(load_s=seconds, passages_per_s=len(passages) / seconds)
        figures["engine_after_load"] = engine_memory()
    cache = settings.search_dir / "embeddings.sqlite"
    figures["cache_bytes"] = cache.stat().st_size if cache.exists() else 0
    figures["disk_bytes"] = disk_bytes(settings.search_dir) - figures["cache_bytes"]
    queries = spec["queries"]
    asked = distinct_queries(queries * (len(METHODS) + 1) + 1)
    started = time.perf_counter()
    with SearchIndex.open(settings) as index:
        index.search(asked[-1], 10, "hybrid")
        figures["open_first_query_s"] = time.perf_counter() - started
        figures["queries"] = {}
        for number, method in enumerate(METHODS):
            mine = asked[number * queries : (number + 1) * queries]
            p50, p95 = percentiles(partial(index.search, k=10, method=method), queries, mine)
            figures["queries"][method] = {"p50_ms": p50, "p95_ms": p95}
        allowed = [p.passage_id for d in documents[::100] for p in d.passages]
        mine = asked[len(METHODS) * queries : (len(METHODS) + 1) * queries]
        search = partial(index.search, k=10, method="hybrid", allowed=allowed)
        p50, p95 = percentiles(search, queries, mine)
        figures["queries"][f"hybrid, {len(allowed):,} allowed"] = {"p50_ms": p50, "p95_ms": p95}
        figures["engine_after_queries"] = engine_memory()
    figures["client"] = memory()
    return figures


WORKERS: dict[str, Callable[[Figures], Figures]] = {
    "graph": graph_worker,
    "search": search_worker,
}


def run_worker(kind: str, spec: Figures) -> Figures:
    """``kind``'s worker in a new process; its figures (the last line it prints)."""
    command = [sys.executable, __file__, "--worker", kind, json.dumps(spec)]
    env = {**os.environ, "HF_HUB_OFFLINE": os.environ.get("HF_HUB_OFFLINE", "1")}
    done = subprocess.run(command, stdout=subprocess.PIPE, text=True, env=env, check=True)
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


# --- the run -----------------------------------------------------------------------------


@contextmanager
def store_server(name: str, folder: Path) -> Iterator[servers.StoreServer]:
    """``oxigraph serve`` or Virtuoso on loopback, started (and stopped, by its PID) as the
    test suite starts them."""
    folder.mkdir(parents=True)
    if name == "virtuoso":
        for default, tuned in VIRTUOSO_TUNING.items():
            servers.VIRTUOSO_INI = servers.VIRTUOSO_INI.replace(default, tuned)
        running = contextmanager(servers.run_virtuoso)(folder)
    else:
        running = contextmanager(servers.run_oxigraph)(folder, "--timeout-s", "600")
    with running as server:
        yield server


def write_corpus(triples: int, path: Path) -> Figures:
    started = time.perf_counter()
    documents = quads = 0
    with path.open("wb") as out:
        for _document, _extraction, document_quads in synthetic_corpus(triples):
            out.write(serialize_bytes(document_quads, RdfFormat.N_QUADS))
            documents += 1
            quads += len(document_quads)
    return {
        "documents": documents,
        "quads": quads,
        "seconds": time.perf_counter() - started,
        "file_bytes": path.stat().st_size,
    }


def bench_graph(args: argparse.Namespace, tmp: Path) -> Figures:
    corpus = tmp / "corpus.nq"
    results: Figures = {"corpus": write_corpus(args.triples, corpus), "backends": {}}
    spec = {"quads": str(corpus), "repeat": args.repeat, "overrides": {}}
    log("graph: synthesised", results["corpus"])
    results["backends"]["embedded"] = run_worker("graph", {**spec, "data_dir": str(tmp / "emb")})
    log("graph: embedded", results["backends"]["embedded"])
    for name in ("oxigraph", "virtuoso") if args.virtuoso else ("oxigraph",):
        folder = tmp / name
        with store_server(name, folder) as server:
            overrides = {"graph_url": server.url, **server.overrides}
            worker_spec = {**spec, "data_dir": str(tmp / f"{name}-data"), "overrides": overrides}
            figures = run_worker("graph", worker_spec)
            (pid,) = child_pids()  # the server is this process's only child now
            figures["server"] = memory(pid)
            figures["disk_bytes"] = disk_bytes(folder)
        results["backends"][f"{name} server"] = figures
        log(f"graph: {name}", figures)
    return results


def bench_search(args: argparse.Namespace, tmp: Path) -> Figures:
    real = min(args.real, args.passages)
    started = time.perf_counter()
    vectors = tmp / "vectors.npy"
    np.save(vectors, vectors_for(synthetic_passages(args.passages), args.model, real))
    results: Figures = {
        "passages": args.passages,
        "real_embeddings": real,
        "model": args.model,
        "queries": args.queries,
        "vectors_s": time.perf_counter() - started,
        "backends": {},
    }
    spec = {
        "passages": args.passages,
        "vectors": str(vectors),
        "model": args.model,
        "queries": args.queries,
    }
    for label, url in (("embedded", ""), ("milvus lite", "milvus:engine.db")):
        data_dir = tmp / f"search-{label.replace(' ', '-')}"
        figures = run_worker("search", {**spec, "data_dir": str(data_dir), "url": url})
        results["backends"][label] = figures
        log(f"search: {label}", figures)
    return results


def log(label: str, figures: Figures) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {label}: done", file=sys.stderr, flush=True)


def mb(value: float) -> str:
    return f"{value:,.0f} MB"


def p50_p95(figures: Figures) -> str:
    return f"{figures['p50_ms']:,.1f} / {figures['p95_ms']:,.1f} ms"


def peak_now(figures: Figures) -> str:
    """Peak / current memory, or that it is this process's (no engine process)."""
    if not figures["peak_mb"]:
        return "(in process)"
    return f"{mb(figures['peak_mb'])} / {mb(figures['rss_mb'])}"


def table(title: str, columns: list[str], rows: list[tuple[str, list[str]]]) -> None:
    width = max(len(label) for label, _cells in rows)
    cells = [max(len(c), *(len(r[1][i]) for r in rows)) for i, c in enumerate(columns)]
    print(f"\n{title}")
    print(" " * width + "".join(f"  {c:>{w}}" for c, w in zip(columns, cells, strict=True)))
    for label, values in rows:
        line = "".join(f"  {v:>{w}}" for v, w in zip(values, cells, strict=True))
        print(f"{label:<{width}}{line}")


def print_graph(results: Figures) -> None:
    corpus, backends = results["corpus"], list(results["backends"].values())
    rows: list[tuple[str, list[str]]] = [
        (
            "load (replace_graph per document)",
            [f"{b['triples_per_s']:,.0f} triples/s" for b in backends],
        ),
        ("load time", [f"{b['load_s']:,.1f} s" for b in backends]),
    ]
    for query in backends[0]["queries"]:
        rows.append((f"{query} p50 / p95", [p50_p95(b["queries"][query]) for b in backends]))
    rows += [
        ("pkgraph process peak / now", [peak_now(b["client"]) for b in backends]),
        (
            "server process peak / now",
            [peak_now(b.get("server", {"peak_mb": 0})) for b in backends],
        ),
        ("on disk", [mb(b["disk_bytes"] / 2**20) for b in backends]),
        ("quads in the store (with reference graphs)", [f"{b['store_quads']:,}" for b in backends]),
    ]
    per_doc = corpus["quads"] / corpus["documents"]
    title = (
        f"GRAPH: {corpus['quads']:,} quads in {corpus['documents']:,} document graphs "
        f"({per_doc:.0f} a document; synthesised in {corpus['seconds']:.0f} s)"
    )
    table(title, list(results["backends"]), rows)


def print_search(results: Figures) -> None:
    backends = list(results["backends"].values())
    rows: list[tuple[str, list[str]]] = [
        (
            "load (replace_document + commit, save)",
            [f"{b['passages_per_s']:,.0f} passages/s" for b in backends],
        ),
        ("load time", [f"{b['load_s']:,.1f} s" for b in backends]),
        ("open + first hybrid query", [f"{b['open_first_query_s']:.2f} s" for b in backends]),
    ]
    for query in backends[0]["queries"]:
        rows.append((f"{query} p50 / p95", [p50_p95(b["queries"][query]) for b in backends]))
    rows += [
        ("pkgraph process peak / now", [peak_now(b["client"]) for b in backends]),
        (
            "engine process peak / now, after load",
            [peak_now(b["engine_after_load"]) for b in backends],
        ),
        (
            "engine process peak / now, after queries",
            [peak_now(b["engine_after_queries"]) for b in backends],
        ),
        ("on disk (without the embedding cache)", [mb(b["disk_bytes"] / 2**20) for b in backends]),
        ("embedding cache", [mb(b["cache_bytes"] / 2**20) for b in backends]),
    ]
    title = (
        f"SEARCH: {results['passages']:,} passages, 10 a document; {results['real_embeddings']:,}"
        f" real {results['model']} embeddings, random unit vectors beyond;"
        f" {results['queries']} distinct queries a row"
    )
    table(title, list(results["backends"]), rows)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--triples", type=int, default=1_000_000, help="synthetic quads")
    parser.add_argument("--passages", type=int, default=50_000, help="synthetic passages")
    parser.add_argument("--virtuoso", action="store_true", help="also load into Virtuoso")
    parser.add_argument("--real", type=int, default=500, help="passages embedded for real")
    parser.add_argument("--queries", type=int, default=50, help="distinct search queries")
    parser.add_argument("--repeat", type=int, default=10, help="runs of each SPARQL query")
    parser.add_argument("--model", default=DEFAULT_MODEL)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--worker", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        kind, spec = args.worker
        print(json.dumps(WORKERS[kind](json.loads(spec))))
        return
    started = time.perf_counter()
    results: Figures = {"command": " ".join(sys.argv), "cores": os.cpu_count()}
    with tempfile.TemporaryDirectory(prefix="pkgraph-backends-") as folder:
        if args.triples > 0:
            results["graph"] = bench_graph(args, Path(folder))
        if args.passages > 0:
            results["search"] = bench_search(args, Path(folder))
    results["wall_s"] = time.perf_counter() - started
    if args.json:
        print(json.dumps(results, indent=2))
        return
    if "graph" in results:
        print_graph(results["graph"])
    if "search" in results:
        print_search(results["search"])
    print(f"\nwall time {results['wall_s']:.0f} s on {results['cores']} cores")


if __name__ == "__main__":
    main()
