"""Latency p50/p95 of /sparql (a grouped aggregate), /search and /ask against a running server.

Builds the sample corpus into a temporary data dir (or uses ``--data-dir``), starts
``pkgraph serve`` on a free loopback port, and drives each endpoint with a bounded number of
requests: with ``wrk`` (Debian package; a Lua script stops each connection after its share and
reports p50/p95) when installed, else with a bounded pool of concurrent httpx clients.

    .venv/bin/python benchmarks/bench_api.py [--data-dir DIR] [--requests 200] [--connections 4]
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlencode

import httpx

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "corpus" / "seeds"

GROUPED_AGGREGATE = """SELECT ?funder (SUM(?amount) AS ?total) (COUNT(?f) AS ?n) WHERE {
  ?f a pk:Funding ; schema:funder ?funder ; pk:amountEUR ?amount .
} GROUP BY ?funder ORDER BY DESC(?total)"""
ENDPOINTS = {
    "/sparql (grouped aggregate)": "/sparql?" + urlencode({"query": GROUPED_AGGREGATE}),
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


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def build_sample(data_dir: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "pkgraph.cli", "ingest", str(SAMPLE), "--data-dir", str(data_dir)],
        check=True,
        capture_output=True,
    )


def start_server(data_dir: Path, port: int) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "pkgraph.cli", "serve", "--data-dir", str(data_dir)]
    server = subprocess.Popen(
        [*command, "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"},
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/health", timeout=2).status_code == 200:
                return server
        except httpx.TransportError:
            time.sleep(0.2)
    server.kill()
    raise RuntimeError("the server did not come up")


def run_wrk(url: str, requests: int, connections: int) -> tuple[int, int, float, float, float]:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(WRK_SCRIPT)
    env = {**os.environ, "BENCH_PER_CONNECTION": str(max(1, requests // connections))}
    command = ["wrk", "-t", str(connections), "-c", str(connections), "-d", "300s"]
    output = subprocess.run(
        [*command, "--timeout", "60s", "-s", script.name, url],
        check=True,
        capture_output=True,
        text=True,
        env=env,
    ).stdout
    os.unlink(script.name)
    fields = next(line for line in output.splitlines() if line.startswith("RESULT")).split()
    return int(fields[1]), int(fields[2]), float(fields[3]), float(fields[4]), float(fields[5])


def run_httpx(url: str, requests: int, connections: int) -> tuple[int, int, float, float, float]:
    def one(_: int) -> tuple[float, bool]:
        started = time.perf_counter()
        response = httpx.get(url, timeout=60)
        return (time.perf_counter() - started) * 1000, response.status_code == 200

    with ThreadPoolExecutor(connections) as pool:
        results = list(pool.map(one, range(requests)))
    latencies = sorted(ms for ms, _ in results)
    errors = sum(1 for _, ok in results if not ok)
    p95 = latencies[min(len(latencies) - 1, int(0.95 * len(latencies)))]
    return len(latencies), errors, statistics.median(latencies), p95, statistics.fmean(latencies)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, help="an existing build (default: build sample)")
    parser.add_argument("--requests", type=int, default=200, help="requests per endpoint")
    parser.add_argument("--connections", type=int, default=4, help="concurrent connections")
    args = parser.parse_args()
    temporary = None
    data_dir = args.data_dir
    if data_dir is None:
        temporary = tempfile.mkdtemp(prefix="pkgraph-bench-api-")
        data_dir = Path(temporary)
        print(f"building the sample corpus into {data_dir} ...", flush=True)
        build_sample(data_dir)
    port = free_port()
    server = start_server(data_dir, port)
    tool = "wrk" if shutil.which("wrk") else "httpx"
    runner = run_wrk if tool == "wrk" else run_httpx
    try:
        base = f"http://127.0.0.1:{port}"
        for path in ENDPOINTS.values():  # warm-up: model loaded, caches filled
            httpx.get(base + path, timeout=120).raise_for_status()
        print(
            f"load tool: {tool}, {args.requests} requests per endpoint, "
            f"{args.connections} connections, {os.cpu_count()} CPUs"
        )
        print(
            f"{'endpoint':30} {'requests':>8} {'errors':>6} {'p50 ms':>8} {'p95 ms':>8} "
            f"{'mean ms':>8}"
        )
        for name, path in ENDPOINTS.items():
            done, errors, p50, p95, mean = runner(base + path, args.requests, args.connections)
            print(f"{name:30} {done:>8} {errors:>6} {p50:>8.1f} {p95:>8.1f} {mean:>8.1f}")
    finally:
        server.terminate()
        server.wait(timeout=30)
        if temporary:
            shutil.rmtree(temporary, ignore_errors=True)
    print(
        "reproduce: .venv/bin/python benchmarks/bench_api.py "
        f"--requests {args.requests} --connections {args.connections}"
    )


if __name__ == "__main__":
    main()
