"""Latency p50/p95 of the server-rendered pages (start, lists, document, entity, editor).

Same harness as ``bench_api.py`` (``_http.py``: sample build in a temp dir unless
``--data-dir``, ``pkgraph serve`` on a free loopback port, a bounded number of requests per
page over one shared client); the document and entity pages are the ones with the most
facts and mentions in the build.

    .venv/bin/python benchmarks/bench_pages.py [--data-dir DIR] [--requests 100] [--connections 4]
"""

from __future__ import annotations

import argparse
from pathlib import Path

import httpx
from _http import measure_latencies, served

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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, help="an existing build (default: build sample)")
    parser.add_argument("--requests", type=int, default=100, help="requests per page")
    parser.add_argument("--connections", type=int, default=4, help="concurrent connections")
    args = parser.parse_args()
    with served(args.data_dir, "pkgraph-bench-pages-") as base:
        pages = {
            "start page (filters)": "/",
            "documents list": "/documents",
            "municipalities list": "/municipalities",
            **richest_paths(base),
            "SPARQL editor": "/sparql-editor",
            "datasets": "/datasets",
            "map": "/map",
            "timeline": "/timeline",
            "feeds index": "/feeds/",
            "programs feed": "/feeds/programs.atom",
        }
        print(f"{args.requests} requests per page over {args.connections} kept-alive connections")
        print(f"{'page':28} {'ok':>5} {'p50 ms':>8} {'p95 ms':>8}  path")
        for label, path in pages.items():
            figures = measure_latencies(base + path, args.requests, args.connections)
            ok = figures.requests - figures.errors
            print(f"{label:28} {ok:5d} {figures.p50_ms:8.1f} {figures.p95_ms:8.1f}  {path}")


if __name__ == "__main__":
    main()
