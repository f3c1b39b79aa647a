"""Latency p50/p95 of the server-rendered pages (start, lists, document, entity, editor).

Same harness as ``bench_api.py`` (sample build in a temp dir unless ``--data-dir``, ``pkgraph
serve`` on a free loopback port, a bounded number of requests per page); the document and
entity pages are the ones with the most facts and mentions in the build.

    .venv/bin/python benchmarks/bench_pages.py [--data-dir DIR] [--requests 100] [--connections 4]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
from bench_api import build_sample, free_port, start_server

from pkgraph.graph.vocab import sparql_prefixes

RICHEST = {
    "document (most facts)": """SELECT ?x (COUNT(?f) AS ?n) WHERE {
        ?f pk:inDocument ?x ; pk:startOffset ?s . ?x a pk:Document } GROUP BY ?x
        ORDER BY DESC(?n) LIMIT 1""",
    "entity (most mentions)": """SELECT ?x (COUNT(?m) AS ?n) WHERE { ?m pk:mentionOf ?x }
        GROUP BY ?x ORDER BY DESC(?n) LIMIT 1""",
}


def richest_paths(base: str) -> dict[str, str]:
    """Local paths of the heaviest document and entity pages of the build."""
    paths = {}
    for label, query in RICHEST.items():
        response = httpx.post(
            f"{base}/sparql",
            data={"query": sparql_prefixes() + query},
            headers={"Accept": "application/sparql-results+json"},
        )
        iri = response.json()["results"]["bindings"][0]["x"]["value"]
        paths[label] = "/" + iri.split("/", 3)[3]
    return paths


def latencies_ms(url: str, requests: int, connections: int) -> tuple[int, float, float]:
    """OK responses, p50 and p95 of ``requests`` GETs over ``connections`` kept-alive connections.

    One shared client, so the figures are server time plus loopback, not client set-up.
    """
    limits = httpx.Limits(max_connections=connections, max_keepalive_connections=connections)
    with httpx.Client(limits=limits, timeout=60) as client:

        def one(_: int) -> tuple[float, bool]:
            started = time.perf_counter()
            ok = client.get(url).status_code == 200
            return (time.perf_counter() - started) * 1000, ok

        with ThreadPoolExecutor(connections) as pool:
            results = list(pool.map(one, range(requests)))
    times = sorted(ms for ms, _ in results)
    p95 = times[min(len(times) - 1, int(0.95 * len(times)))]
    return sum(ok for _, ok in results), statistics.median(times), p95


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, help="an existing build (default: build sample)")
    parser.add_argument("--requests", type=int, default=100, help="requests per page")
    parser.add_argument("--connections", type=int, default=4, help="concurrent connections")
    args = parser.parse_args()
    temporary = None
    data_dir = args.data_dir
    if data_dir is None:
        temporary = tempfile.mkdtemp(prefix="pkgraph-bench-pages-")
        data_dir = Path(temporary)
        print(f"building the sample corpus into {data_dir} ...", flush=True)
        build_sample(data_dir)
    port = free_port()
    server = start_server(data_dir, port)
    base = f"http://127.0.0.1:{port}"
    try:
        pages = {
            "start page (filters)": "/",
            "documents list": "/documents",
            "municipalities list": "/municipalities",
            **richest_paths(base),
            "SPARQL editor": "/sparql-editor",
        }
        print(f"{args.requests} requests per page over {args.connections} kept-alive connections")
        print(f"{'page':28} {'ok':>5} {'p50 ms':>8} {'p95 ms':>8}  path")
        for label, path in pages.items():
            ok, p50, p95 = latencies_ms(base + path, args.requests, args.connections)
            print(f"{label:28} {ok:5d} {p50:8.1f} {p95:8.1f}  {path}")
    finally:
        server.terminate()
        server.wait(timeout=30)
        if temporary:
            shutil.rmtree(temporary, ignore_errors=True)


if __name__ == "__main__":
    main()
