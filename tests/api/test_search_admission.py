"""/search and /ask under load, against real servers: searches whose clients left are not run,
and /health says ready only once the search threads are warm."""

from __future__ import annotations

import contextlib
import math
import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import replace

import httpx
import pytest

from pkgraph.settings import Settings
from tests.api.live_server import LiveServer, _free_port, serve

QUESTION = "Wie hoch war die Förderung für den Kreis Unna?"
#: At most this many clients give up; as many as it takes to exceed twice the limit if run.
MAX_ABANDONED = 400


@pytest.fixture(scope="module")
def one_thread(sample_build: Settings) -> Iterator[LiveServer]:
    queued = replace(sample_build, search_threads=1, search_queue=MAX_ABANDONED)
    yield from serve(replace(queued, search_max_wait_s=600.0))  # every one waits


def _search_seconds(url: str) -> float:
    started = time.monotonic()
    response = httpx.get(f"{url}/ask", params={"q": QUESTION}, timeout=120)
    assert response.status_code == 200
    return time.monotonic() - started


def test_searches_of_clients_that_gave_up_are_dropped(one_thread: LiveServer) -> None:
    alone = min(_search_seconds(one_thread.url) for _ in range(3))
    limit = max(1.0, 5 * alone)
    abandoned = min(MAX_ABANDONED, math.ceil(3 * limit / alone))

    def give_up() -> None:
        with contextlib.suppress(httpx.TimeoutException):
            httpx.get(f"{one_thread.url}/ask", params={"q": QUESTION}, timeout=0.2)

    threads = [threading.Thread(target=give_up) for _ in range(abandoned)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    after = _search_seconds(one_thread.url)
    print(f"{alone:.3f} s alone, {after:.3f} s after {abandoned} abandoned")
    assert after < limit, f"{after:.2f} s after them, {alone:.2f} s alone"
    assert abandoned * alone > 2 * limit  # run one after another, they would exceed it


def test_health_is_not_ready_before_the_search_threads_are_warm(sample_build: Settings) -> None:
    port = _free_port()
    command = [sys.executable, "-m", "pkgraph.cli", "serve", "--data-dir"]
    server = subprocess.Popen(
        [*command, str(sample_build.data_dir), "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "HF_HUB_OFFLINE": "1"},
    )
    url = f"http://127.0.0.1:{port}"
    seen: list[str] = []
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                response = httpx.get(f"{url}/health", timeout=10)
            except httpx.TransportError:
                time.sleep(0.02)
                continue
            seen.append(f"{response.status_code} {response.json()['status']}")
            if response.status_code == 200:
                break
            time.sleep(0.02)
        assert seen[0] == "503 warming", seen
        assert seen[-1] == "200 ok", seen
        assert _search_seconds(url) < 1.0  # ready means warm: no model load on the first query
    finally:
        server.terminate()
        server.wait(timeout=30)
