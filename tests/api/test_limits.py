"""Limits under abuse, against a real server with tight settings and real worker processes:
the memory cap, fair admission of SPARQL, body limits while reading, bounded queues."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import httpx
import pytest

from pkgraph.settings import Settings
from tests.api.live_server import LiveServer, serve

#: Runs for minutes on the sample build (8 558 quads cubed): only the timeout ends it.
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
#: Materializes 73 million rows to sort them: gigabytes within a second.
HUNGRY = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?c ?f LIMIT 3"
CHEAP = "ASK { ?s ?p ?o }"
TIMEOUT_S = 3.0
BUDGET_S = 0.3


@pytest.fixture(scope="module")
def tight(sample_build: Settings) -> Iterator[LiveServer]:
    limited = replace(
        sample_build,
        sparql_timeout_s=TIMEOUT_S,
        sparql_cheap_budget_s=BUDGET_S,
        sparql_memory_mb=400,
        sparql_queue=4,
        sparql_expensive_queue=1,
        search_threads=1,
        search_queue=2,
        max_body_bytes=64 * 1024,
    )
    yield from serve(limited)


def _peak_rss_reset() -> None:
    """Start a new peak: the server runs in this process (uvicorn thread)."""
    Path("/proc/self/clear_refs").write_text("5")


def _peak_rss_bytes() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    raise AssertionError("no VmHWM")


def _get_sparql(url: str, query: str, results: list[httpx.Response]) -> None:
    results.append(httpx.get(f"{url}/sparql", params={"query": query}, timeout=60))


def _in_threads(count: int, target: object, *args: object) -> list[threading.Thread]:
    threads = [threading.Thread(target=target, args=args) for _ in range(count)]  # type: ignore[arg-type]
    for thread in threads:
        thread.start()
    return threads


def test_a_memory_hungry_query_is_stopped_and_the_server_keeps_answering(
    tight: LiveServer,
) -> None:
    started = time.monotonic()
    response = httpx.get(f"{tight.url}/sparql", params={"query": HUNGRY}, timeout=60)
    assert response.status_code == 503, response.text
    body = response.json()
    assert body["error"] == "query_memory"
    assert "sparql_memory_mb = 400 MiB" in body["message"]
    assert "retry-after" not in response.headers  # the same query would fail again
    assert time.monotonic() - started < TIMEOUT_S  # stopped by the cap, not by the timeout
    after = httpx.get(f"{tight.url}/sparql", params={"query": CHEAP}, timeout=60)
    assert after.status_code == 200 and after.json()["boolean"] is True


def test_two_slow_queries_do_not_starve_a_cheap_one(tight: LiveServer) -> None:
    slow: list[httpx.Response] = []
    threads = [
        threading.Thread(target=_get_sparql, args=(tight.url, f"{SLOW} # {n}", slow))
        for n in range(2)
    ]
    for thread in threads:
        thread.start()
    time.sleep(0.2)  # both workers are taken
    started = time.monotonic()
    cheap = httpx.get(f"{tight.url}/sparql", params={"query": CHEAP}, timeout=60)
    waited = time.monotonic() - started
    for thread in threads:
        thread.join()
    assert cheap.status_code == 200
    assert waited < TIMEOUT_S / 2, f"the cheap query waited {waited:.2f} s"
    assert [r.status_code for r in slow] == [503, 503]
    for response in slow:
        assert response.json()["error"] == "query_timeout"
        assert "retry-after" not in response.headers


def test_repeated_expensive_queries_get_one_lane_and_a_full_queue_says_when_to_retry(
    tight: LiveServer,
) -> None:
    query = SLOW + " # repeated"
    first = httpx.get(f"{tight.url}/sparql", params={"query": query}, timeout=60)
    assert first.json()["error"] == "query_timeout"  # now known to be expensive
    results: list[httpx.Response] = []
    threads = _in_threads(4, _get_sparql, tight.url, query, results)
    time.sleep(0.5)  # one runs, one waits in the expensive queue, two are refused
    started = time.monotonic()
    cheap = httpx.get(f"{tight.url}/sparql", params={"query": CHEAP}, timeout=60)
    waited = time.monotonic() - started
    for thread in threads:
        thread.join()
    assert cheap.status_code == 200 and waited < 1.0, (waited, cheap.text)
    busy = [r for r in results if r.json()["error"] == "server_busy"]
    refused = [r for r in busy if "places in the queue for expensive" in r.json()["message"]]
    assert len(refused) == 2, [r.text for r in results]  # the waiting one may time out waiting
    for response in busy:
        assert response.status_code == 503
        assert int(response.headers["retry-after"]) >= 1


def _chunks(total: int, size: int = 1 << 20) -> Iterator[bytes]:
    block = b"x" * size
    for _ in range(total // size):
        yield block


@pytest.mark.parametrize(
    ("path", "content_type", "setting"),
    [
        ("/sparql", "application/sparql-query", "sparql_max_query_chars"),
        ("/sparql", "application/x-www-form-urlencoded", "sparql_max_query_chars"),
        ("/ask", "application/json", "max_body_bytes"),
    ],
)
def test_a_chunked_oversized_post_is_refused_while_it_is_read(
    tight: LiveServer, path: str, content_type: str, setting: str
) -> None:
    size = 300 << 20
    _peak_rss_reset()
    before = _peak_rss_bytes()
    response = httpx.post(  # a generator body goes out with Transfer-Encoding: chunked
        f"{tight.url}{path}",
        content=_chunks(size),
        headers={"Content-Type": content_type},
        timeout=60,
    )
    grown = _peak_rss_bytes() - before
    assert response.status_code == 413, response.text
    assert response.json()["error"] == "body_too_large"
    assert setting in response.json()["message"]
    assert grown < size // 4, f"the peak RSS grew by {grown >> 20} MiB"
    assert httpx.get(f"{tight.url}/health", timeout=30).status_code == 200


def test_a_declared_oversized_body_is_refused_before_it_is_read(tight: LiveServer) -> None:
    response = httpx.post(f"{tight.url}/ask", content=b"{" + b" " * (65 * 1024) + b"}", timeout=60)
    assert response.status_code == 413
    assert "Settings.max_body_bytes" in response.json()["message"]


def test_a_full_search_queue_answers_503_with_retry_after(tight: LiveServer) -> None:
    results: list[httpx.Response] = []

    def ask() -> None:
        question = "Wie hoch war die Förderung für den Kreis Unna?"
        results.append(httpx.get(f"{tight.url}/ask", params={"q": question}, timeout=60))

    for thread in _in_threads(12, ask):
        thread.join()
    statuses = sorted(r.status_code for r in results)
    assert 200 in statuses and 503 in statuses, statuses
    assert set(statuses) == {200, 503}
    for response in results:
        if response.status_code == 503:
            assert response.json()["error"] == "server_busy"
            assert int(response.headers["retry-after"]) >= 1
