"""Health and the OpenAPI document with its stable response schemas."""

from __future__ import annotations

import httpx

from pkgraph.graph.store import GraphStore
from pkgraph.settings import Settings
from pkgraph_api.app import HEALTH_COUNT_INTERVAL_S, StoreCounts
from tests.api.live_server import LiveServer


def test_health_reports_the_store(client: httpx.Client, live_server: LiveServer) -> None:
    response = client.get("/health")
    assert response.status_code == 200
    body = response.json()
    with GraphStore.open(live_server.settings, read_only=True) as graph:
        assert body["triples"] == graph.count_triples()
        assert body["documents"] == len(graph.document_ids())
    assert body["status"] == "ok" and body["store_open"] is True
    assert body["embedding_model"] == live_server.settings.embedding_model
    assert body["sparql"]["result_cap"] == live_server.settings.sparql_result_cap


def test_openapi_names_every_response_schema(client: httpx.Client) -> None:
    spec = client.get("/openapi.json").json()
    schemas = spec["components"]["schemas"]
    for name in ("Health", "SearchResponse", "SearchHitModel", "AnswerModel", "ErrorBody"):
        assert name in schemas, name
    for path in ("/sparql", "/search", "/ask", "/health", "/id/{path}"):
        assert path in spec["paths"], path
    search = spec["paths"]["/search"]["get"]["responses"]["200"]["content"]["application/json"]
    assert search["schema"]["$ref"].endswith("/SearchResponse")
    assert client.get("/docs").status_code == 200


def test_unknown_path_is_404_json(client: httpx.Client) -> None:
    response = client.get("/no/such/page", headers={"Accept": "application/json"})
    assert response.status_code == 404


def test_health_counts_the_store_at_most_every_interval(fresh_settings: Settings) -> None:
    """A probe right after another reuses its count; another store, or a later probe, counts."""
    counts = StoreCounts()
    with GraphStore.open(fresh_settings) as store:
        assert counts.of(store) == (0, 0)
        store.ensure_reference_data()  # quads written: the next probe within the interval
        assert counts.of(store) == (0, 0)  # still answers from the count before
        counts.counted_at -= HEALTH_COUNT_INTERVAL_S
        triples, documents = counts.of(store)
        assert triples == store.count_triples() > 0 and documents == 0
