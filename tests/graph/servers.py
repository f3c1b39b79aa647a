"""Real SPARQL 1.1 servers for the remote-store tests: ``oxigraph serve`` (from the ``oxigraph``
PyPI package in the venv) and Virtuoso Open Source (Debian's ``virtuoso-opensource``), each on
a free loopback port in a temporary directory, started once per session and stopped after.

A missing server skips its tests locally and fails them when ``CI=true`` (``make test``
installs Virtuoso when it may).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from pkgraph.graph.store import GraphStore
from pkgraph.settings import Settings

VIRTUOSO_INI = """\
[Database]
DatabaseFile = {dir}/virtuoso.db
ErrorLogFile = {dir}/virtuoso.log
LockFile = {dir}/virtuoso.lck
TransactionFile = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
[TempDatabase]
DatabaseFile = {dir}/virtuoso-temp.db
TransactionFile = {dir}/virtuoso-temp.trx
[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
DirsAllowed = ., {dir}
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {dir}
ServerThreads = 10
Charset = UTF-8
[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 5
"""
#: The settings a deployment uses for Virtuoso (docs/DEPLOY.md), with the port left out.
VIRTUOSO_SETTINGS = {
    "graph_query_path": "/sparql",
    "graph_update_path": "/sparql-auth",
    "graph_store_path": "",
    "graph_user": "dba",
    "graph_password": "dba",
    "graph_auth": "digest",
    "graph_union_default": "native",
}


@dataclass(frozen=True)
class StoreServer:
    """A running store: ``settings(data_dir)`` points pkgraph at it."""

    name: str
    url: str
    overrides: dict[str, Any]

    def settings(self, data_dir: Path, **more: Any) -> Settings:
        return Settings.from_env(data_dir=data_dir, graph_url=self.url, **self.overrides, **more)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def missing(what: str) -> None:
    """Skip (locally) or fail (CI=true) because ``what`` is not installed."""
    message = f"{what} is not installed"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message + " (required when CI=true)")
    pytest.skip(message)


def _wait_until_answering(url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited: {log.read_text(errors='replace')[-2000:]}")
        try:
            if httpx.get(url, params={"query": "ASK {}"}, timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    raise RuntimeError(f"the server at {url} did not answer within 60 s")


def _stop(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def run_oxigraph(folder: Path, *options: str) -> Iterator[StoreServer]:
    """``oxigraph serve`` on a fresh store in ``folder`` until the generator is closed."""
    binary = Path(sys.prefix) / "bin" / "oxigraph"
    if not binary.exists():
        missing("the oxigraph server (pip install oxigraph)")
    bind = f"127.0.0.1:{free_port()}"
    log = folder / "oxigraph.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [str(binary), "serve", "--location", str(folder / "db"), "--bind", bind, *options],
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    url = f"http://{bind}"
    try:
        _wait_until_answering(url + "/query", process, log)
        yield StoreServer("oxigraph", url, {})
    finally:
        _stop(process)


def run_virtuoso(folder: Path) -> Iterator[StoreServer]:
    """Virtuoso on a fresh database in ``folder`` until the generator is closed."""
    binary = shutil.which("virtuoso-t")
    if binary is None:
        missing("Virtuoso (apt-get install virtuoso-opensource)")
    http_port = free_port()
    ini = folder / "virtuoso.ini"
    ini.write_text(VIRTUOSO_INI.format(dir=folder, sql_port=free_port(), http_port=http_port))
    log = folder / "virtuoso.out"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [str(binary), "+foreground", "+configfile", str(ini)],
            cwd=folder,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{http_port}"
    try:
        _wait_until_answering(url + "/sparql", process, log)
        yield StoreServer("virtuoso", url, VIRTUOSO_SETTINGS)
    finally:
        _stop(process)


def clear(settings: Settings) -> None:
    """Drop every graph of pkgraph's (under the base IRI) from the store ``settings`` name."""
    with GraphStore.open(settings) as store:
        for graph in store.named_graphs():
            store.remove_graph(graph)


@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[StoreServer]:
    yield from run_oxigraph(tmp_path_factory.mktemp("oxigraph"), "--timeout-s", "5")


@pytest.fixture(scope="session")
def virtuoso_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[StoreServer]:
    yield from run_virtuoso(tmp_path_factory.mktemp("virtuoso"))


def backend_settings(
    backend: str, request: pytest.FixtureRequest, tmp_path: Path
) -> Iterator[Settings]:
    """Settings on an empty store of ``backend`` (``embedded`` or a server fixture's prefix),
    with a data dir of the test's own; a remote store is emptied again after."""
    data_dir = tmp_path / "data"
    if backend == "embedded":
        yield Settings.from_env(data_dir=data_dir)
        return
    server: StoreServer = request.getfixturevalue(f"{backend}_server")
    settings = server.settings(data_dir)
    clear(settings)
    yield settings
    clear(settings)


@pytest.fixture(params=["oxigraph", "virtuoso"])
def remote_settings(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Settings]:
    """Each remote server in turn (see :func:`backend_settings`)."""
    yield from backend_settings(request.param, request, tmp_path)


@pytest.fixture(params=["embedded", "oxigraph", "virtuoso"])
def any_backend(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Settings]:
    """Every backend in turn, the embedded default first (see :func:`backend_settings`)."""
    yield from backend_settings(request.param, request, tmp_path)


@pytest.fixture()
def oxigraph_settings(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Settings]:
    yield from backend_settings("oxigraph", request, tmp_path)


@pytest.fixture()
def virtuoso_settings(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Settings]:
    yield from backend_settings("virtuoso", request, tmp_path)
