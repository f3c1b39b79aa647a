"""Many clients at once on a mixed workload: throughput, p50/p95 per endpoint, 503s, memory.

Builds the sample corpus into a temporary data dir (or uses ``--data-dir``), starts
``pkgraph serve`` on a free loopback port and waits for /health to say ready (search threads
warm). Then ``--clients`` threads, each with its own httpx client, send requests back to back
for ``--seconds`` (after a 503 with Retry-After, a client waits as told): /search, /ask and
cheap SPARQL queries, picked at random by ``--mix``;
``--expensive`` of the clients send a SPARQL query that only the timeout ends (it must neither
starve the others nor count as an error: it answers 503 ``query_timeout`` or, with its lane
full, 503 ``server_busy``). Every ``--sample`` seconds the resident memory of the server and
its SPARQL workers is printed.

    .venv/bin/python benchmarks/bench_load.py [--data-dir DIR] [--clients 32] [--seconds 60]
        [--expensive 1] [--mix search=2,ask=1,sparql=1] [--seed 1]

Errors are answers other than 200 and those deliberate 503s, and failed connections.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import threading
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import httpx
from _http import served_process

SEARCHES = [
    "Wie viel Geld gab das Land für die Konferenz?",
    "Förderung Kreis Coesfeld",
    "Kein Kind zurücklassen Teilnahme",
    "Beschluss des Jugendhilfeausschusses",
]
QUESTIONS = [
    "Wie hoch war die Förderung für den Kreis Unna?",
    "Wann hat der Kreistag Coesfeld dem Leitbild zugestimmt?",
    "Welche Kommunen nehmen am Programm teil?",
]
CHEAP_SPARQL = [
    "ASK { ?s ?p ?o }",
    """SELECT ?funder (SUM(?amount) AS ?total) (COUNT(?f) AS ?n) WHERE {
  ?f a pk:Funding ; schema:funder ?funder ; pk:amountEUR ?amount .
} GROUP BY ?funder ORDER BY DESC(?total)""",
    "SELECT ?d ?t WHERE { ?d a pk:Document ; dcterms:title ?t } LIMIT 20",
]
EXPENSIVE_SPARQL = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
#: 503 codes that are the service's limits at work, not failures.
DELIBERATE = {"server_busy", "query_timeout"}


@dataclass
class Tally:
    """What every client saw, per endpoint (guarded by ``lock``)."""

    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    outcomes: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, endpoint: str, seconds: float, outcome: str) -> None:
        with self.lock:
            if outcome == "200":
                self.latencies[endpoint].append(seconds)
            self.outcomes[endpoint][outcome] += 1


def _outcome(response: httpx.Response) -> str:
    if response.status_code == 200:
        return "200"
    if response.status_code == 503:
        try:
            code = str(response.json().get("error"))
        except ValueError:
            code = "?"
        return f"503 {code}"
    return str(response.status_code)


def _request(client: httpx.Client, endpoint: str, rng: random.Random) -> httpx.Response:
    if endpoint == "/search":
        return client.get("/search", params={"q": rng.choice(SEARCHES), "k": 10})
    if endpoint == "/ask":
        return client.get("/ask", params={"q": rng.choice(QUESTIONS)})
    if endpoint == "/sparql expensive":
        return client.get("/sparql", params={"query": EXPENSIVE_SPARQL})
    return client.get("/sparql", params={"query": rng.choice(CHEAP_SPARQL)})


def _client(url: str, until: float, endpoints: list[str], seed: int, tally: Tally) -> None:
    rng = random.Random(seed)
    with httpx.Client(base_url=url, timeout=120) as client:
        while time.monotonic() < until:
            endpoint = rng.choice(endpoints)
            started = time.perf_counter()
            retry_after = 0.0
            try:
                response = _request(client, endpoint, rng)
                outcome = _outcome(response)
                retry_after = float(response.headers.get("retry-after", 0))
            except httpx.HTTPError as exc:
                outcome = type(exc).__name__
            tally.add(endpoint, time.perf_counter() - started, outcome)
            time.sleep(min(retry_after, max(0.0, until - time.monotonic())))  # as told


def _tree_rss_mb(pid: int) -> float:
    """Resident memory of ``pid`` and its descendants (SPARQL workers, forkserver)."""
    children: dict[int, list[int]] = defaultdict(list)
    rss: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = dict(
                line.split(":", 1) for line in (entry / "status").read_text().splitlines()
            )
        except (OSError, ValueError):
            continue
        process = int(entry.name)
        children[int(fields["PPid"])].append(process)
        rss[process] = int(fields.get("VmRSS", "0 kB").split()[0])
    total, stack = 0, [pid]
    while stack:
        process = stack.pop()
        total += rss.get(process, 0)
        stack.extend(children.get(process, []))
    return total / 1024


def _mix(text: str) -> list[str]:
    """``search=2,ask=1,sparql=1`` as a list to draw from."""
    endpoints = []
    for part in text.split(","):
        name, weight = part.split("=")
        endpoints += ["/" + name.strip()] * int(weight)
    return endpoints


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] * 1000 if ordered else 0.0


def _report(tally: Tally, seconds: float) -> int:
    """Print the table; return the number of errors."""
    header = ("endpoint", "answers", "per s", "p50 ms", "p95 ms", "503 busy", "503 other", "errors")
    print("{:18} {:>8} {:>7} {:>8} {:>8} {:>9} {:>9} {:>7}".format(*header))
    errors = 0
    for endpoint in sorted(tally.outcomes):
        outcomes = tally.outcomes[endpoint]
        times = tally.latencies[endpoint]
        busy = outcomes["503 server_busy"]
        deliberate = sum(outcomes[f"503 {code}"] for code in DELIBERATE) - busy
        failed = sum(outcomes.values()) - outcomes["200"] - busy - deliberate
        errors += failed
        row = (endpoint, sum(outcomes.values()), sum(outcomes.values()) / seconds)
        row += (statistics.median(times) * 1000 if times else 0.0, _percentile(times, 0.95))
        print(
            "{:18} {:>8} {:>7.1f} {:>8.1f} {:>8.1f} {:>9} {:>9} {:>7}".format(
                *row, busy, deliberate, failed
            )
        )
        if failed:
            print("   ", dict(outcomes))
    return errors


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, help="an existing build (default: build sample)")
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--expensive", type=int, default=1, help="clients of the slow query")
    parser.add_argument("--mix", default="search=2,ask=1,sparql=1")
    parser.add_argument("--sample", type=float, default=5, help="seconds between RSS samples")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    with served_process(args.data_dir, "pkgraph-bench-load-") as (url, server):
        tally = Tally()
        until = time.monotonic() + args.seconds
        plans = [["/sparql expensive"]] * args.expensive
        plans += [_mix(args.mix)] * (args.clients - args.expensive)
        threads = [
            threading.Thread(target=_client, args=(url, until, plan, args.seed + n, tally))
            for n, plan in enumerate(plans)
        ]
        print(
            f"{args.clients} clients ({args.expensive} expensive), {args.seconds:g} s, "
            f"mix {args.mix}, {os.cpu_count()} CPUs; RSS of server + workers:"
        )
        started = time.monotonic()
        print(f"  t=0s {_tree_rss_mb(server.pid):.0f} MB", flush=True)
        for thread in threads:
            thread.start()
        while any(thread.is_alive() for thread in threads):
            time.sleep(args.sample)
            elapsed = time.monotonic() - started
            print(f"  t={elapsed:.0f}s {_tree_rss_mb(server.pid):.0f} MB", flush=True)
        for thread in threads:
            thread.join()
        elapsed = time.monotonic() - started
        total = sum(sum(c.values()) for c in tally.outcomes.values())
        print(f"{total} answers in {elapsed:.1f} s: {total / elapsed:.1f} per s")
        errors = _report(tally, elapsed)
        print(f"errors (not 200, not a deliberate 503): {errors}")


if __name__ == "__main__":
    main()
