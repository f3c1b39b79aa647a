"""pkgraph's SPARQL endpoint side by side with ``oxigraph serve`` on the same quads.

    HF_HUB_OFFLINE=1 .venv/bin/python benchmarks/bench_compare.py                  # 1M triples
    HF_HUB_OFFLINE=1 .venv/bin/python benchmarks/bench_compare.py --triples 100000 --json

Data: synthetic council documents (``bench_store.synthetic_corpus``) written into a fresh
pkgraph data dir through the write path ``pkgraph ingest`` uses (``ensure_reference_data``,
then ``GraphStore.write_documents`` per batch of ``WRITE_BATCH`` documents, one atomic insert
each; timed, modelling included: pkgraph's load rate). Every quad of that store is exported as
N-Quads and bulk-loaded into a fresh Oxigraph store (``oxigraph load``, timed: Oxigraph's load
rate), then ``oxigraph optimize``. Disk: pkgraph's graph folder as loaded vs Oxigraph's after
optimize. Unless ``--no-alternatives``, two more loads of the same corpus into throwaway stores,
for reference: ``replace_document`` per document (one transaction each), and the quads built
beforehand and inserted per batch (``Store.extend``: the cost of the atomic write alone).

Serving: ``pkgraph serve`` (``benchmarks/_http.py``) and ``oxigraph serve --union-default-graph``
(``tests/graph/servers.py``), both on loopback and both with the union of the named graphs as
default graph; pkgraph with its result cap raised above any result here and both with the same
per-query timeout. With rdflib-endpoint installed (and no ``--no-rdflib``) also an rdflib
``Dataset`` behind it.

Queries: researcher queries over the default graph (no ``GRAPH ?g``), each POSTed to every
system in turn (pkgraph, oxigraph, pkgraph, ...): one untimed warm-up round (which gives the
row counts; the systems must agree), then ``--rounds`` timed ones: p50/p95 of the full HTTP
answer. Then the throughput of the cheap query (a point lookup) at 16 concurrent clients.
Figures go to stdout (a table, or one JSON object with ``--json``), progress to stderr.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from argparse import Namespace
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import httpx
import numpy as np
from _http import free_port, measure_latencies, served_process
from bench_backends import disk_bytes, servers, table
from bench_store import FUNDING_BY_FUNDER_YEAR, MENTIONS_PER_KREIS, synthetic_corpus
from pyoxigraph import (
    Quad,
    QueryResultsFormat,
    QuerySolutions,
    RdfFormat,
    parse_query_results,
    serialize,
)

from pkgraph.gazetteer import load_gazetteer
from pkgraph.graph.iris import IriScheme
from pkgraph.graph.store import GraphStore
from pkgraph.graph.vocab import sparql_prefixes
from pkgraph.ingest.batches import WRITE_BATCH
from pkgraph.records import Document, Extraction
from pkgraph.settings import Settings

Figures = dict[str, Any]
Batch = list[tuple[Document, Extraction, list[Quad]]]
OXIGRAPH = Path(sys.prefix) / "bin" / "oxigraph"
RESULTS_JSON = "application/sparql-results+json"
CHEAP = "point lookup"
CLIENTS = 16
#: A query whose warm-up took longer than SLOW_S seconds is timed SLOW_ROUNDS times only.
SLOW_S = 10.0
SLOW_ROUNDS = 2
#: The issue's targets: pkgraph / oxigraph at most (latency, disk) or at least (load, req/s).
MAX_QUERY_RATIO = 1.3
MIN_LOAD_RATIO = 0.5
MAX_DISK_RATIO = 1.3
MIN_THROUGHPUT_RATIO = 0.3

#: Load rates measured beside the batched one (``load_alternatives``), by their JSON key.
ALTERNATIVE_LOADS = {
    "per_document": "load, replace_document per document (triples/s)",
    "extend_prebuilt": f"Oxigraph extend of prebuilt quads, batches of {WRITE_BATCH} (triples/s)",
}

TARGET_NOTES = {
    "queries": f"every query's p50 <= {MAX_QUERY_RATIO}x Oxigraph's",
    "load": f"load rate >= {MIN_LOAD_RATIO}x Oxigraph's bulk load",
    "disk": f"store <= {MAX_DISK_RATIO}x Oxigraph's after `oxigraph optimize`",
    "throughput": f"{CHEAP} at {CLIENTS} clients >= {MIN_THROUGHPUT_RATIO}x Oxigraph's req/s",
}

#: Researcher queries, as written against the default graph; {doc} and {kreis} are IRIs taken
#: from the generated data (the first document, and the Kreis of its author).
QUERIES: dict[str, str] = {
    CHEAP: "SELECT ?p ?o WHERE { <{doc}> ?p ?o }",
    "labelled participation list": """
SELECT ?m ?ml ?pl WHERE {
  ?p a pk:Participation ; pk:participant ?m ; pk:inProgram ?prog .
  ?m skos:prefLabel ?ml .
  ?prog skos:prefLabel ?pl .
}""",
    "funding per funder and year": FUNDING_BY_FUNDER_YEAR,
    "mentions per Kreis": MENTIONS_PER_KREIS,
    "2-hop path (docs of a Kreis)": "SELECT ?doc WHERE { ?doc pk:issuedBy/pk:inKreis <{kreis}> }",
    "body labels": "SELECT ?b ?l WHERE { ?b a pk:Body ; skos:prefLabel ?l }",
    "label regex": """
SELECT ?b ?l WHERE {
  ?b a pk:Body ; skos:prefLabel ?l .
  FILTER(REGEX(?l, "(stiftung|rat )", "i"))
}""",
    "OPTIONAL-heavy (decisions)": """
SELECT ?d ?kind ?date ?body ?bl ?prog ?pl ?yes ?no ?doc ?title WHERE {
  ?d a pk:Decision ; pk:decisionKind ?kind .
  OPTIONAL { ?d dcterms:date ?date }
  OPTIONAL { ?d pk:decidedBy ?body . OPTIONAL { ?body skos:prefLabel ?bl } }
  OPTIONAL { ?d pk:concernsProgram ?prog . OPTIONAL { ?prog skos:prefLabel ?pl } }
  OPTIONAL { ?d pk:votesFor ?yes }
  OPTIONAL { ?d pk:votesAgainst ?no }
  OPTIONAL { ?d pk:concernsDocument ?doc . OPTIONAL { ?doc dcterms:title ?title } }
}""",
    "COUNT all triples": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
}


def progress(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


@dataclass(frozen=True)
class Endpoint:
    """A system under test: the URL its SPARQL queries go to."""

    name: str
    url: str


# --- loading ----------------------------------------------------------------------------------


def query_anchors(document: Document, extraction: Extraction, iris: IriScheme) -> dict[str, str]:
    """The IRIs the point lookup and the 2-hop query start from, or {} if the author has no
    Kreis (a kreisfreie Stadt)."""
    kreis_of = {m.ags: m.parent_ags for m in load_gazetteer()}
    author = next((m.ags for m in extraction.municipalities if m.role == "author"), None)
    kreis = kreis_of.get(author) if author else None
    if kreis is None:
        return {}
    return {
        "doc": iris.document(document.doc_id).value,
        "kreis": iris.municipality(kreis).value,
    }


def batches(triples: int) -> Iterator[Batch]:
    """The synthetic corpus in groups of ``WRITE_BATCH`` documents, as ``pkgraph ingest``
    hands them to ``GraphStore.write_documents``."""
    batch: Batch = []
    for item in synthetic_corpus(triples):
        batch.append(item)
        if len(batch) == WRITE_BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def timed_load(
    data_dir: Path, triples: int, write: Callable[[GraphStore, Batch], object]
) -> Figures:
    """The synthetic corpus into a fresh pkgraph data dir (reference graphs first, untimed),
    batch by batch through ``write``; only the writes and the final flush are timed."""
    settings = Settings.from_env(data_dir=data_dir)
    documents, seconds = 0, 0.0
    with GraphStore.open(settings) as store:
        store.ensure_reference_data()
        before = store.count_triples()
        for batch in batches(triples):
            started = time.perf_counter()
            write(store, batch)
            seconds += time.perf_counter() - started
            documents += len(batch)
            if documents % 1000 < WRITE_BATCH:
                progress(f"{data_dir.name}: {documents:,} documents loaded")
        started = time.perf_counter()
        store.flush()
        seconds += time.perf_counter() - started
        loaded = store.count_triples() - before
    return {
        "documents": documents,
        "quads_loaded": loaded,
        "load_s": seconds,
        "triples_per_s": loaded / seconds,
        "disk_bytes": disk_bytes(settings.graph_dir),
    }


def write_batch(store: GraphStore, batch: Batch) -> None:
    """What ``pkgraph ingest`` does with a batch: one ``write_documents`` (one insert)."""
    store.write_documents([(document, extraction) for document, extraction, _quads in batch])


def write_each(store: GraphStore, batch: Batch) -> None:
    """The per-document path: ``replace_document``, one transaction per document."""
    for document, extraction, _quads in batch:
        store.replace_document(document, extraction)


def insert_prebuilt(store: GraphStore, batch: Batch) -> None:
    """The same quads, built beforehand, in one transactional insert per batch: Oxigraph's
    atomic write (``Store.extend``) alone, what any atomic batch write costs at least."""
    store.insert([quad for _document, _extraction, quads in batch for quad in quads])


def load_pkgraph(triples: int, data_dir: Path, export: Path) -> Figures:
    """Synthetic documents into a pkgraph data dir through the ingest's batched write path,
    then every quad of the store exported to ``export``."""
    figures = timed_load(data_dir, triples, write_batch)
    settings = Settings.from_env(data_dir=data_dir)
    with GraphStore.open(settings, read_only=True) as store:
        figures["anchors"] = next(
            anchors
            for document, extraction, _quads in synthetic_corpus(triples)
            if (anchors := query_anchors(document, extraction, store.iris))
        )
        figures["store_quads"] = store.count_triples()
        started = time.perf_counter()
        serialize(store.quads(), output=str(export), format=RdfFormat.N_QUADS)
        seconds = time.perf_counter() - started
        progress(f"pkgraph: exported {figures['store_quads']:,} quads in {seconds:.1f} s")
    figures["disk_bytes"] = disk_bytes(settings.graph_dir)
    figures["disk_bytes_by_suffix"] = bytes_by_suffix(settings.graph_dir)
    return figures


def load_alternatives(triples: int, work: Path) -> Figures:
    """The same corpus per document (``replace_document``) and as prebuilt quads through
    Oxigraph's transactional insert, each into its own store, deleted afterwards."""
    figures: Figures = {}
    for name, write in (("per_document", write_each), ("extend_prebuilt", insert_prebuilt)):
        folder = work / name
        figures[name] = timed_load(folder, triples, write)
        progress(f"{name}: {figures[name]['triples_per_s']:,.0f} triples/s")
        shutil.rmtree(folder)
    return figures


def bytes_by_suffix(folder: Path) -> dict[str, int]:
    """Bytes on disk per file suffix (RocksDB: ``.sst`` tables, ``.log`` write-ahead logs)."""
    sizes: dict[str, int] = {}
    for path in folder.rglob("*"):
        if path.is_file():
            suffix = path.suffix or path.name.split("-")[0]
            sizes[suffix] = sizes.get(suffix, 0) + path.stat().st_size
    return dict(sorted(sizes.items(), key=lambda item: -item[1]))


def oxigraph_command(*arguments: str) -> float:
    """Run the ``oxigraph`` CLI; its wall time in seconds."""
    started = time.perf_counter()
    done = subprocess.run([str(OXIGRAPH), *arguments], capture_output=True, text=True)
    if done.returncode:
        raise RuntimeError(f"oxigraph {arguments[0]} failed: {done.stderr[-2000:]}")
    return time.perf_counter() - started


def load_oxigraph(export: Path, location: Path) -> Figures:
    """The exported quads bulk-loaded into a fresh store (timed), then optimized."""
    location.parent.mkdir(parents=True, exist_ok=True)
    with export.open("rb") as lines:
        quads = sum(1 for _ in lines)
    seconds = oxigraph_command("load", "--location", str(location), "--file", str(export))
    before = disk_bytes(location)
    optimize_s = oxigraph_command("optimize", "--location", str(location))
    return {
        "quads_loaded": quads,
        "load_s": seconds,
        "triples_per_s": quads / seconds,
        "optimize_s": optimize_s,
        "disk_bytes_before_optimize": before,
        "disk_bytes": disk_bytes(location),
        "disk_bytes_by_suffix": bytes_by_suffix(location),
    }


# --- serving ----------------------------------------------------------------------------------


@contextmanager
def pkgraph_endpoint(data_dir: Path, timeout_s: float) -> Iterator[Endpoint]:
    """``pkgraph serve`` over ``data_dir``: result cap off, the per-query timeout given."""
    os.environ["PKGRAPH_SPARQL_TIMEOUT_S"] = str(timeout_s)
    os.environ["PKGRAPH_SPARQL_RESULT_CAP"] = str(10**9)
    with served_process(data_dir, "unused") as (url, _server):
        yield Endpoint("pkgraph", url + "/sparql")


@contextmanager
def oxigraph_endpoint(folder: Path, timeout_s: float) -> Iterator[Endpoint]:
    """``oxigraph serve`` over ``folder/db`` with the union default graph."""
    options = ("--union-default-graph", "--timeout-s", str(int(timeout_s)))
    with contextmanager(servers.run_oxigraph)(folder, *options) as server:
        yield Endpoint("oxigraph", server.url + "/query")


RDFLIB_SERVER = """
import sys, uvicorn
from rdflib import Dataset
from rdflib_endpoint import SparqlEndpoint
dataset = Dataset(default_union=True)
dataset.parse(sys.argv[1], format="nquads")
uvicorn.run(SparqlEndpoint(graph=dataset), host="127.0.0.1", port=int(sys.argv[2]))
"""


@contextmanager
def rdflib_endpoint(export: Path) -> Iterator[Endpoint]:
    """rdflib-endpoint over an in-memory rdflib Dataset of the exported quads (union default)."""
    port = free_port()
    command = [sys.executable, "-c", RDFLIB_SERVER, str(export), str(port)]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 3600
        while server.poll() is None and time.monotonic() < deadline:
            try:
                if httpx.get(url, params={"query": "ASK {}"}, timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.5)
        if server.poll() is not None:
            raise RuntimeError("rdflib-endpoint exited")
        yield Endpoint("rdflib", url)
    finally:
        server.terminate()
        server.wait(timeout=30)


# --- measuring --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Answer:
    ms: float
    rows: int | None
    error: str | None  # "timeout", "http 503", ...; None when the query answered


def ask(
    client: httpx.Client, endpoint: Endpoint, query: str, timeout_s: float, max_bytes: int
) -> Answer:
    """One query POSTed as a form: the time until the whole answer has arrived (at most
    ``timeout_s``, at most ``max_bytes``), and its rows (counted after the timing)."""
    started = time.perf_counter()
    body = bytearray()
    try:
        with client.stream(
            "POST",
            endpoint.url,
            data={"query": query},
            headers={"Accept": RESULTS_JSON},
            timeout=timeout_s + 10,
        ) as response:
            for chunk in response.iter_bytes():
                body += chunk
                if time.perf_counter() - started > timeout_s:
                    return Answer(timeout_s * 1000, None, "timeout")
                if len(body) > max_bytes:
                    return Answer(timeout_s * 1000, None, f"answer > {max_bytes >> 20} MB")
    except httpx.TimeoutException:
        return Answer(timeout_s * 1000, None, "timeout")
    ms = (time.perf_counter() - started) * 1000
    if response.status_code != 200:
        try:
            code = str(json.loads(body)["error"])
        except (ValueError, KeyError, TypeError):
            code = bytes(body[:80]).decode(errors="replace")
        timed_out = response.status_code in (408, 504) or "timeout" in code
        return Answer(ms, None, "timeout" if timed_out else f"{response.status_code} {code}")
    if response.headers.get("X-Result-Truncated") == "true":
        return Answer(ms, None, "truncated")
    result = parse_query_results(bytes(body), format=QueryResultsFormat.JSON)
    rows = sum(1 for _ in result) if isinstance(result, QuerySolutions) else 1
    return Answer(ms, rows, None)


def bench_queries(endpoints: list[Endpoint], queries: dict[str, str], args: Namespace) -> Figures:
    """Warm-up round (row counts), then ``args.rounds`` timed rounds (only
    ``SLOW_ROUNDS`` for a query whose warm-up took over ``SLOW_S`` somewhere), the systems
    alternating on each query; a system that fails a query is not asked it again."""
    figures: Figures = {}
    with httpx.Client() as client:
        for name, query in queries.items():
            text = sparql_prefixes() + query
            row: Figures = {}
            times: dict[str, list[float]] = {e.name: [] for e in endpoints}
            failed: dict[str, str] = {}
            rounds, round_number = args.rounds, 0
            while round_number <= rounds:
                for endpoint in endpoints:
                    if endpoint.name in failed:
                        continue
                    answer = ask(client, endpoint, text, args.timeout, args.max_answer_mb << 20)
                    if answer.error:
                        failed[endpoint.name] = answer.error
                    elif round_number == 0:
                        row[f"{endpoint.name}_rows"] = answer.rows
                    else:
                        times[endpoint.name].append(answer.ms)
                    if round_number == 0 and answer.ms > SLOW_S * 1000:
                        rounds = min(rounds, SLOW_ROUNDS)
                round_number += 1
            row["rounds"] = rounds
            for endpoint in endpoints:
                timings = times[endpoint.name]
                if endpoint.name in failed:
                    row[f"{endpoint.name}_error"] = failed[endpoint.name]
                if timings:
                    p50, p95 = np.percentile(timings, [50, 95])
                    row[f"{endpoint.name}_ms"] = float(p50)
                    row[f"{endpoint.name}_p95_ms"] = float(p95)
                else:
                    row[f"{endpoint.name}_ms"] = row[f"{endpoint.name}_p95_ms"] = None
            row["ratio"] = ratio(row["pkgraph_ms"], row["oxigraph_ms"])
            counts = {e.name: row.get(f"{e.name}_rows") for e in endpoints}
            # True / False when every system answered, None when one failed (no comparison)
            row["rows_match"] = None if None in counts.values() else len(set(counts.values())) == 1
            if row["rows_match"] is False:
                progress(f"ROW COUNT MISMATCH on {name!r}: {counts}")
            if failed:
                progress(f"FAILED on {name!r}: {failed}")
            progress(
                f"{name}: rows {counts}, p50 ms {ms(row['pkgraph_ms'])} / {ms(row['oxigraph_ms'])}"
            )
            figures[name] = row
    return figures


def bench_throughput(endpoints: list[Endpoint], query: str, requests: int) -> Figures:
    """Requests per second of ``query`` (GET) at 16 concurrent clients; the median of two
    alternating runs per system."""
    rates: dict[str, list[float]] = {e.name: [] for e in endpoints}
    errors: dict[str, int] = {e.name: 0 for e in endpoints}
    for _run in range(2):
        for endpoint in endpoints:
            url = f"{endpoint.url}?{urlencode({'query': sparql_prefixes() + query})}"
            started = time.perf_counter()
            latencies = measure_latencies(url, requests, CLIENTS)
            rates[endpoint.name].append(requests / (time.perf_counter() - started))
            errors[endpoint.name] += latencies.errors
    figures: Figures = {"clients": CLIENTS, "requests": requests, "query": CHEAP}
    for name, values in rates.items():
        figures[f"{name}_req_per_s"] = statistics.median(values)
        figures[f"{name}_errors"] = errors[name]
    figures["ratio"] = ratio(figures["pkgraph_req_per_s"], figures["oxigraph_req_per_s"])
    return figures


def ratio(mine: float | None, theirs: float | None) -> float | None:
    return mine / theirs if mine is not None and theirs else None


# --- the run ----------------------------------------------------------------------------------


def run(args: Namespace, work: Path) -> Figures:
    export = work / "quads.nq"
    progress(f"loading ~{args.triples:,} synthetic triples into pkgraph ({work / 'pkgraph'})")
    pk_load = load_pkgraph(args.triples, work / "pkgraph", export)
    progress(f"pkgraph: {pk_load['quads_loaded']:,} quads, {pk_load['triples_per_s']:,.0f}/s")
    ox_load = load_oxigraph(export, work / "oxigraph" / "db")
    progress(f"oxigraph: {ox_load['quads_loaded']:,} quads, {ox_load['triples_per_s']:,.0f}/s")
    alternatives = {} if args.no_alternatives else load_alternatives(args.triples, work)
    anchors = pk_load.pop("anchors")
    queries = {
        name: query.replace("{doc}", anchors["doc"]).replace("{kreis}", anchors["kreis"])
        for name, query in QUERIES.items()
    }
    results: Figures = {
        "triples": args.triples,
        "store_quads": pk_load["store_quads"],
        "documents": pk_load["documents"],
        "rounds": args.rounds,
        "timeout_s": args.timeout,
        "cores": os.cpu_count(),
        "load": {
            "pkgraph_triples_per_s": pk_load["triples_per_s"],
            "oxigraph_triples_per_s": ox_load["triples_per_s"],
            "ratio": ratio(pk_load["triples_per_s"], ox_load["triples_per_s"]),
            "pkgraph_path": f"write_documents, batches of {WRITE_BATCH} (as pkgraph ingest)",
            "pkgraph": pk_load,
            "oxigraph": ox_load,
            **{
                f"{name}_triples_per_s": figures["triples_per_s"]
                for name, figures in alternatives.items()
            },
            "alternatives": alternatives,
        },
        "disk_bytes": {
            "pkgraph": pk_load["disk_bytes"],
            "oxigraph": ox_load["disk_bytes"],
            "ratio": ratio(pk_load["disk_bytes"], ox_load["disk_bytes"]),
        },
    }
    try:
        serve_and_query(args, work, queries, results)
    except RuntimeError as exc:  # a server that did not come up (or an oxigraph CLI failure)
        results["serve_error"] = str(exc)
        progress(f"NO QUERIES: {exc}")
    results["targets"] = verdicts(results)
    return results


def serve_and_query(args: Namespace, work: Path, queries: dict[str, str], results: Figures) -> None:
    """Start the servers (timed), run the queries and the throughput runs into ``results``."""
    with ExitStack() as stack:
        started = time.perf_counter()
        endpoints = [stack.enter_context(pkgraph_endpoint(work / "pkgraph", args.timeout))]
        results["pkgraph_start_s"] = time.perf_counter() - started
        started = time.perf_counter()
        endpoints.append(stack.enter_context(oxigraph_endpoint(work / "oxigraph", args.timeout)))
        results["oxigraph_start_s"] = time.perf_counter() - started
        if args.no_rdflib:
            results["rdflib"] = "skipped (--no-rdflib)"
        elif importlib.util.find_spec("rdflib_endpoint") is None:
            results["rdflib"] = "skipped: rdflib-endpoint is not installed"
            progress(results["rdflib"])
        else:
            progress("starting rdflib-endpoint (parses every quad into memory)")
            endpoints.append(stack.enter_context(rdflib_endpoint(work / "quads.nq")))
            results["rdflib"] = "included"
        progress("servers up; running the queries")
        results["queries"] = bench_queries(endpoints, queries, args)
        progress(f"throughput of {CHEAP!r} at {CLIENTS} clients")
        results["throughput"] = bench_throughput(endpoints[:2], queries[CHEAP], args.requests)


def verdicts(results: Figures) -> Figures:
    """Each target of the issue: the ratio against its bound, met or not."""

    def check(value: float | None, bound: float, at_most: bool) -> Figures:
        met = value is not None and (value <= bound if at_most else value >= bound)
        return {"ratio": value, "bound": f"{'<=' if at_most else '>='} {bound}", "met": met}

    queries = {}
    for name, row in results.get("queries", {}).items():
        verdict = check(row["ratio"], MAX_QUERY_RATIO, at_most=True)
        if row["ratio"] is None:  # a failure: pkgraph's misses the target, Oxigraph's meets it
            answered = (row["pkgraph_ms"] is not None, row["oxigraph_ms"] is not None)
            verdict["met"] = {(True, False): True, (False, True): False}.get(answered)
        queries[name] = verdict
    return {
        "queries": queries,
        "all_queries_met": bool(queries) and all(v["met"] is True for v in queries.values()),
        "load": check(results["load"]["ratio"], MIN_LOAD_RATIO, at_most=False),
        "disk": check(results["disk_bytes"]["ratio"], MAX_DISK_RATIO, at_most=True),
        "throughput": check(
            results.get("throughput", {}).get("ratio"), MIN_THROUGHPUT_RATIO, at_most=False
        ),
    }


# --- output -----------------------------------------------------------------------------------


def ms(value: float | None, error: str | None = None) -> str:
    return error or "-" if value is None else f"{value:,.1f}"


def times(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}x"


def met(verdict: Figures) -> str:
    state = {True: "met", False: "UNMET", None: "n/a"}[verdict["met"]]
    return f"{verdict['bound']}: {state}"


def print_queries(results: Figures) -> None:
    queries: Figures = results["queries"]
    first = next(iter(queries.values()))
    systems = [s for s in ("pkgraph", "oxigraph", "rdflib") if f"{s}_ms" in first]
    columns = [f"{s} {p}" for s in systems for p in ("p50", "p95")]
    columns += ["rows", "pk/ox p50", "target"]
    rows = []
    for name, row in queries.items():
        cells = []
        for system in systems:
            error = row.get(f"{system}_error")
            cells += [ms(row[f"{system}_ms"], error), ms(row[f"{system}_p95_ms"], error)]
        counts = [str(row.get(f"{s}_rows", "?")) for s in systems]
        rows_cell = "/".join(counts)
        if "?" not in counts:
            rows_cell = counts[0] if len(set(counts)) == 1 else "MISMATCH " + rows_cell
        cells += [rows_cell, times(row["ratio"]), met(results["targets"]["queries"][name])]
        rows.append((name, cells))
    title = (
        f"QUERIES (ms; {results['rounds']} rounds after a warm-up, slow ones {SLOW_ROUNDS}; "
        f"systems alternating; timeout {results['timeout_s']:.0f} s): "
        f"{results['store_quads']:,} quads in {results['documents']:,} documents"
    )
    table(title, columns, rows)


def load_row(label: str, mine: float, load: Figures, target: str = "") -> tuple[str, list[str]]:
    """A load rate beside Oxigraph's bulk load."""
    theirs = load["oxigraph_triples_per_s"]
    return label, [f"{mine:,.0f}", f"{theirs:,.0f}", times(ratio(mine, theirs)), target]


def print_totals(results: Figures) -> None:
    load, disk, targets = results["load"], results["disk_bytes"], results["targets"]
    rows = [
        load_row(
            f"load, {load.get('pkgraph_path', 'replace_document per document')} (triples/s)",
            load["pkgraph_triples_per_s"],
            load,
            met(targets["load"]),
        )
    ]
    for name, label in ALTERNATIVE_LOADS.items():
        if f"{name}_triples_per_s" in load:
            rows.append(load_row(label, load[f"{name}_triples_per_s"], load))
    rows.append(
        (
            "disk (MB; oxigraph optimized)",
            [
                f"{disk['pkgraph'] / 2**20:,.1f}",
                f"{disk['oxigraph'] / 2**20:,.1f}",
                times(disk["ratio"]),
                met(targets["disk"]),
            ],
        )
    )
    if "throughput" in results:
        throughput = results["throughput"]
        rows.append(
            (
                f"{CHEAP} at {CLIENTS} clients (req/s)",
                [
                    f"{throughput['pkgraph_req_per_s']:,.0f}",
                    f"{throughput['oxigraph_req_per_s']:,.0f}",
                    times(throughput["ratio"]),
                    met(targets["throughput"]),
                ],
            )
        )
    table("LOAD, DISK, THROUGHPUT", ["pkgraph", "oxigraph", "pk/ox", "target"], rows)


def print_notes(results: Figures) -> None:
    load = results["load"]
    ox = load["oxigraph"]
    print(
        f"\npkgraph load: {load.get('pkgraph_path', 'replace_document per document')} "
        f"({load['pkgraph']['load_s']:.1f} s); "
        f"oxigraph load: `oxigraph load` of the export ({ox['load_s']:.1f} s), then optimize "
        f"({ox['optimize_s']:.1f} s; {ox['disk_bytes_before_optimize'] / 2**20:,.1f} MB before)"
    )
    if "pkgraph_start_s" in results:
        print(
            f"server start: pkgraph {results['pkgraph_start_s']:.1f} s, "
            f"oxigraph {results.get('oxigraph_start_s', float('nan')):.1f} s"
        )
    if "serve_error" in results:
        print(f"NO QUERIES RUN: {results['serve_error']}")
    throughput = results.get("throughput")
    if throughput and throughput["pkgraph_errors"] + throughput["oxigraph_errors"]:
        print(
            f"throughput: {throughput['pkgraph_errors']} pkgraph and "
            f"{throughput['oxigraph_errors']} oxigraph answers other than 200"
        )
    queries = results.get("queries", {})
    mismatches = [name for name, row in queries.items() if row["rows_match"] is False]
    unknown = [name for name, row in queries.items() if row["rows_match"] is None]
    print(
        f"row counts: {'MISMATCH in ' + ', '.join(mismatches) if mismatches else 'no mismatch'}"
        + (f"; not compared (a system failed): {', '.join(unknown)}" if unknown else "")
    )
    for name, row in queries.items():
        for system in ("pkgraph", "oxigraph", "rdflib"):
            if row.get(f"{system}_error"):
                print(f"  {name}: {system} failed: {row[f'{system}_error']}")
    print(f"rdflib: {results.get('rdflib', 'not started')}")
    print(f"all query targets met: {'yes' if results['targets']['all_queries_met'] else 'NO'}")
    for name, entry in TARGET_NOTES.items():
        print(f"target {name}: {entry}")


def print_report(results: Figures) -> None:
    """The tables and notes of one run, as ``--json`` would give them."""
    if results.get("queries"):
        print_queries(results)
    print_totals(results)
    print_notes(results)
    print(f"wall time {results['wall_s']:.0f} s on {results['cores']} cores")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--triples", type=int, default=1_000_000, help="synthetic quads")
    parser.add_argument("--rounds", type=int, default=5, help="timed rounds per query")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds per query")
    parser.add_argument("--requests", type=int, default=1000, help="requests per throughput run")
    parser.add_argument(
        "--max-answer-mb", type=int, default=1024, help="larger answers count as failed"
    )
    parser.add_argument("--no-rdflib", action="store_true", help="skip rdflib-endpoint")
    parser.add_argument(
        "--no-alternatives",
        action="store_true",
        help="skip the per-document and prebuilt-insert loads (two more loads of the corpus)",
    )
    parser.add_argument(
        "--keep",
        "--work-dir",
        dest="work_dir",
        type=Path,
        help="build the stores here and keep them (default: a temporary folder)",
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument(
        "--report", type=Path, metavar="JSON", help="print the tables of a saved --json run"
    )
    args = parser.parse_args()
    if args.report:
        print_report(json.loads(args.report.read_text()))
        return
    started = time.perf_counter()
    if args.work_dir:
        args.work_dir.mkdir(parents=True, exist_ok=True)
        if any(args.work_dir.iterdir()):
            parser.error(f"{args.work_dir} is not empty")
        results = run(args, args.work_dir)
    else:
        with tempfile.TemporaryDirectory(prefix="pkgraph-compare-") as folder:
            results = run(args, Path(folder))
    results["wall_s"] = time.perf_counter() - started
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        print_report(results)


if __name__ == "__main__":
    main()
