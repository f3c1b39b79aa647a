"""The HTTP benchmark harness shared by ``bench_api.py`` and ``bench_pages.py``.

A sample build in a temporary data dir (unless one is given), ``pkgraph serve`` on a free
loopback port, and latency figures of a bounded number of GETs over one shared client.
"""

from __future__ import annotations

import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "corpus" / "seeds"


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


@contextmanager
def served(data_dir: Path | None, prefix: str) -> Iterator[str]:
    """The base URL of a server over ``data_dir`` (default: a fresh sample build), stopped after."""
    with served_process(data_dir, prefix) as (url, _server):
        yield url


@contextmanager
def served_process(
    data_dir: Path | None, prefix: str
) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """:func:`served`, with the server process (to watch its memory)."""
    temporary = None
    if data_dir is None:
        temporary = tempfile.mkdtemp(prefix=prefix)
        data_dir = Path(temporary)
        print(f"building the sample corpus into {data_dir} ...", flush=True)
        build_sample(data_dir)
    port = free_port()
    server = start_server(data_dir, port)
    try:
        yield f"http://127.0.0.1:{port}", server
    finally:
        stop_server(server)
        if temporary:
            shutil.rmtree(temporary, ignore_errors=True)


@dataclass(frozen=True)
class Latencies:
    requests: int
    errors: int  # responses other than 200
    p50_ms: float
    p95_ms: float
    mean_ms: float


def measure_latencies(url: str, requests: int, connections: int) -> Latencies:
    """``requests`` GETs of ``url`` over ``connections`` kept-alive connections.

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
    errors = sum(1 for _, ok in results if not ok)
    return Latencies(len(times), errors, statistics.median(times), p95, statistics.fmean(times))


def stop_server(server: subprocess.Popen[bytes]) -> None:
    """Stop a server started by :func:`start_server`, killing it if it does not exit."""
    server.terminate()
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.kill()
