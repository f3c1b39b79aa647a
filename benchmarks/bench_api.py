"""Latency p50/p95 of /sparql (a grouped aggregate), /search and /ask against a running server.

Builds the sample corpus into a temporary data dir (or uses ``--data-dir``), starts
``pkgraph serve`` on a free loopback port, and drives each endpoint with a bounded number of
requests: with ``wrk`` (Debian package; a Lua script stops each connection after its share and
reports p50/p95; a stopped wrk thread still waits for the run's duration, so that is sized from
a calibration request) when installed, else with one shared httpx client on a bounded thread
pool (``_http.measure_latencies``).

    .venv/bin/python benchmarks/bench_api.py [--data-dir DIR] [--requests 200] [--connections 4]
        [--model-requests 20] [--model-connections 1]
"""

from __future__ import annotations

import argparse
import math
import os
import shutil
import statistics
import subprocess
import tempfile
import time
from dataclasses import astuple
from pathlib import Path
from urllib.parse import urlencode

import httpx
from _http import Latencies, measure_latencies, served

GROUPED_AGGREGATE = """SELECT ?funder (SUM(?amount) AS ?total) (COUNT(?f) AS ?n) WHERE {
  ?f a pk:Funding ; schema:funder ?funder ; pk:amountEUR ?amount .
} GROUP BY ?funder ORDER BY DESC(?total)"""
SPARQL = {"/sparql (grouped aggregate)": "/sparql?" + urlencode({"query": GROUPED_AGGREGATE})}
#: These embed the question (and the hits' sentences) with the model, on one search thread.
MODEL = {
    "/search": "/search?" + urlencode({"q": "Wie viel Geld gab das Land für die Konferenz?"}),
    "/ask": "/ask?" + urlencode({"q": "Wie hoch war die Förderung für den Kreis Unna?"}),
}

# wrk: each connection stops after its share of requests; done() prints the percentiles.
WRK_SCRIPT = """
local per_connection = tonumber(os.getenv("BENCH_PER_CONNECTION"))
local counts = {}
response = function(status, headers, body)
  local thread = wrk.thread
  counts[thread] = (counts[thread] or 0) + 1
  if status ~= 200 then io.stderr:write("status " .. status .. "\\n") end
  if counts[thread] >= per_connection then thread:stop() end
end
done = function(summary, latency, requests)
  io.write(string.format("RESULT %d %d %.3f %.3f %.3f\\n", summary.requests,
    summary.errors.status + summary.errors.connect + summary.errors.read,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency.mean / 1000))
end
"""


def single_request_seconds(url: str) -> float:
    """The median of three sequential requests (after the warm-up)."""
    timings = []
    with httpx.Client(timeout=120) as client:
        for _ in range(3):
            started = time.perf_counter()
            client.get(url).raise_for_status()
            timings.append(time.perf_counter() - started)
    return statistics.median(timings)


def run_wrk(url: str, requests: int, connections: int) -> Latencies:
    """``requests`` GETs with wrk; the run lasts at most a duration sized from their number."""
    per_connection = max(1, requests // connections)
    # a stopped wrk thread still waits for the run's duration: size it from one request
    seconds = math.ceil(3 * per_connection * single_request_seconds(url) * connections) + 3
    command = ["wrk", "-t", str(connections), "-c", str(connections), "-d", f"{seconds}s"]
    with tempfile.NamedTemporaryFile("w", suffix=".lua") as script:
        script.write(WRK_SCRIPT)
        script.flush()
        output = subprocess.run(
            [*command, "--timeout", "60s", "-s", script.name, url],
            check=True,
            capture_output=True,
            text=True,
            env={**os.environ, "BENCH_PER_CONNECTION": str(per_connection)},
            timeout=seconds + 60,
        ).stdout
    fields = next(line for line in output.splitlines() if line.startswith("RESULT")).split()
    return Latencies(
        int(fields[1]), int(fields[2]), float(fields[3]), float(fields[4]), float(fields[5])
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, help="an existing build (default: build sample)")
    parser.add_argument("--requests", type=int, default=200, help="/sparql requests")
    parser.add_argument("--connections", type=int, default=4, help="/sparql connections")
    parser.add_argument("--model-requests", type=int, default=20, help="/search, /ask requests")
    parser.add_argument("--model-connections", type=int, default=1, help="their connections")
    args = parser.parse_args()
    tool = "wrk" if shutil.which("wrk") else "httpx"
    runner = run_wrk if tool == "wrk" else measure_latencies
    with served(args.data_dir, "pkgraph-bench-api-") as base:
        for path in [*SPARQL.values(), *MODEL.values()]:  # warm-up: model loaded
            httpx.get(base + path, timeout=120).raise_for_status()
        print(f"load tool: {tool}, {os.cpu_count()} CPUs")
        header = ("endpoint", "conns", "requests", "errors", "p50 ms", "p95 ms", "mean ms")
        print("{:28} {:>5} {:>8} {:>6} {:>8} {:>8} {:>8}".format(*header))
        plan = [
            (SPARQL, args.requests, args.connections),
            (MODEL, args.model_requests, args.model_connections),
        ]
        for endpoints, requests, connections in plan:
            for name, path in endpoints.items():
                figures = runner(base + path, requests, connections)
                row = (name, connections, *astuple(figures))
                print("{:28} {:>5} {:>8} {:>6} {:>8.1f} {:>8.1f} {:>8.1f}".format(*row), flush=True)
    print(
        f"reproduce: .venv/bin/python benchmarks/bench_api.py --requests {args.requests} "
        f"--connections {args.connections} --model-requests {args.model_requests} "
        f"--model-connections {args.model_connections}"
    )


if __name__ == "__main__":
    main()
