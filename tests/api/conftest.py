"""Fixtures: the app on real uvicorn servers over the sample build."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import replace

import httpx
import pytest

from pkgraph.settings import Settings
from tests.api.live_server import LiveServer, serve


@pytest.fixture(scope="session")
def live_server(sample_build: Settings) -> Iterator[LiveServer]:
    """The app over the sample build; an entity IRI ``{base}id/...`` dereferences at
    ``{url}/id/...`` whatever the port."""
    yield from serve(sample_build)


@pytest.fixture(scope="session")
def strict_server(sample_build: Settings) -> Iterator[LiveServer]:
    """The same data with tight limits: 1 s query timeout, 5 results, 1000-character queries."""
    limited = replace(
        sample_build, sparql_timeout_s=1.0, sparql_result_cap=5, sparql_max_query_chars=1000
    )
    yield from serve(limited)


@pytest.fixture()
def client(live_server: LiveServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=live_server.url, timeout=120) as http:
        yield http


#: The token of :func:`writing_server` (POST/DELETE /documents).
TOKEN = "live-test-token"


@pytest.fixture(scope="session")
def writing_server(
    sample_build: Settings, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[LiveServer]:
    """A service with a token over its own copy of the sample build: the copy's one writer."""
    data_dir = tmp_path_factory.mktemp("live") / "data"
    shutil.copytree(sample_build.data_dir, data_dir, ignore=shutil.ignore_patterns("service*"))
    yield from serve(replace(sample_build, data_dir=data_dir, api_token=TOKEN))
