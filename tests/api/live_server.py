"""A real uvicorn server on a free loopback port, in a thread (used by the API fixtures)."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, replace

import httpx
import uvicorn

from pkgraph.settings import Settings


@dataclass(frozen=True)
class LiveServer:
    url: str  # without a trailing slash, e.g. "http://127.0.0.1:40123"
    settings: Settings


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_ready(url: str, deadline: float) -> None:
    """Until /health says ready (search threads warm); 503 means still warming."""
    while httpx.get(f"{url}/health", timeout=30).status_code != 200:
        if time.monotonic() > deadline:
            raise RuntimeError("the test server did not become ready")
        time.sleep(0.05)


def serve(settings: Settings) -> Iterator[LiveServer]:
    """Run ``create_app(settings)`` on uvicorn in a thread until the generator is closed;
    yield once /health answers 200."""
    from pkgraph_api.app import create_app

    port = _free_port()
    config = uvicorn.Config(
        create_app(replace(settings, host="127.0.0.1", port=port)),
        host="127.0.0.1",
        port=port,
        log_level="warning",
        lifespan="on",
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name=f"uvicorn-{port}", daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    try:
        _wait_ready(f"http://127.0.0.1:{port}", deadline)
        yield LiveServer(f"http://127.0.0.1:{port}", settings)
    finally:
        server.should_exit = True
        thread.join(timeout=30)
