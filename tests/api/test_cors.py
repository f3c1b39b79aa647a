"""CORS, HEAD and OPTIONS on the read-only endpoints, over real HTTP."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import httpx
import pytest

from pkgraph.settings import Settings
from tests.api.live_server import LiveServer, serve

APP_ORIGIN = "https://notebook.example.org"
ASK_ALL = "ASK { ?s ?p ?o }"


@pytest.fixture(scope="module")
def listed_origin_server(sample_build: Settings) -> Iterator[LiveServer]:
    """CORS for one origin only, set as the environment would."""
    yield from serve(replace(sample_build, cors_origins=f"{APP_ORIGIN}, https://other.example"))


def test_cors_origins_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    assert Settings().cors_origins == "*"
    monkeypatch.setenv("PKGRAPH_CORS_ORIGINS", APP_ORIGIN)
    assert Settings.from_env().cors_origins == APP_ORIGIN


@pytest.mark.parametrize("path", ["/sparql", "/health", "/search?q=Förderung&k=1"])
def test_simple_request_gets_cors_headers(client: httpx.Client, path: str) -> None:
    query = {"query": ASK_ALL} if path == "/sparql" else None
    response = client.get(path, params=query, headers={"Origin": APP_ORIGIN})
    assert response.status_code == 200, response.text
    assert response.headers["access-control-allow-origin"] == "*"
    assert "access-control-allow-credentials" not in response.headers


def test_result_headers_are_readable_cross_origin(client: httpx.Client) -> None:
    response = client.get("/sparql", params={"query": ASK_ALL}, headers={"Origin": APP_ORIGIN})
    exposed = response.headers["access-control-expose-headers"].lower()
    assert "x-result-truncated" in exposed and "x-result-cap" in exposed


def test_preflight_for_a_sparql_post(client: httpx.Client) -> None:
    """What YASGUI on another origin sends before POSTing application/sparql-query."""
    response = client.options(
        "/sparql",
        headers={
            "Origin": APP_ORIGIN,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type, accept",
        },
    )
    assert response.status_code == 200, response.text
    assert response.headers["access-control-allow-origin"] == "*"
    assert "POST" in response.headers["access-control-allow-methods"]
    assert "content-type" in response.headers["access-control-allow-headers"].lower()
    posted = client.post(
        "/sparql",
        content=ASK_ALL.encode(),
        headers={"Content-Type": "application/sparql-query", "Origin": APP_ORIGIN},
    )
    assert posted.status_code == 200
    assert posted.headers["access-control-allow-origin"] == "*"


def test_errors_carry_cors_headers_too(client: httpx.Client) -> None:
    response = client.get("/sparql", params={"query": "SELECT"}, headers={"Origin": APP_ORIGIN})
    assert response.status_code == 400
    assert response.headers["access-control-allow-origin"] == "*"


def test_only_listed_origins(listed_origin_server: LiveServer) -> None:
    with httpx.Client(base_url=listed_origin_server.url, timeout=60) as http:
        listed = http.get("/sparql", params={"query": ASK_ALL}, headers={"Origin": APP_ORIGIN})
        other = http.get(
            "/sparql", params={"query": ASK_ALL}, headers={"Origin": "https://evil.example"}
        )
        preflight = http.options(
            "/sparql",
            headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "POST"},
        )
    assert listed.headers["access-control-allow-origin"] == APP_ORIGIN
    assert "access-control-allow-origin" not in other.headers
    assert preflight.status_code == 400


@pytest.mark.parametrize(
    ("path", "params"),
    [("/sparql", {"query": ASK_ALL}), ("/health", {}), ("/static/pages.css", {})],
)
def test_head_is_get_without_a_body(
    client: httpx.Client, path: str, params: dict[str, str]
) -> None:
    get = client.get(path, params=params)
    head = client.head(path, params=params)
    assert head.status_code == get.status_code == 200
    assert head.content == b""
    assert head.headers["content-type"] == get.headers["content-type"]
    assert head.headers["content-length"] == str(len(get.content))


def test_head_on_an_unknown_path_is_404(client: httpx.Client) -> None:
    assert client.head("/no/such/page").status_code == 404


@pytest.mark.parametrize(
    ("path", "methods"),
    [
        ("/sparql", {"GET", "HEAD", "POST", "OPTIONS"}),
        ("/health", {"GET", "HEAD", "OPTIONS"}),
        ("/ask", {"GET", "HEAD", "POST", "OPTIONS"}),
    ],
)
def test_options_lists_the_methods(client: httpx.Client, path: str, methods: set[str]) -> None:
    response = client.options(path)
    assert response.status_code == 204
    assert {m.strip() for m in response.headers["allow"].split(",")} == methods


def test_options_on_an_unknown_path_is_404(client: httpx.Client) -> None:
    assert client.options("/no/such/page").status_code == 404
