"""``/sparql`` in front of a remote store: the protections of the embedded endpoint hold (no
update, SERVICE refused before anything is forwarded, result cap, timeout) and the dataset is
the one the request or the query names, else the union of all graphs."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from dataclasses import replace

import pytest
from fastapi.testclient import TestClient

from pkgraph.records import Document, Extraction
from pkgraph.settings import Settings

from .conftest import load_store

JSON = {"Accept": "application/sparql-results+json"}
DOCUMENTS = "SELECT ?d WHERE { ?d a pk:Document }"
PASSAGES = "SELECT ?p WHERE { ?p a pk:Passage }"
CROSS_PRODUCT = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


@pytest.fixture()
def endpoint(
    remote_settings: Settings,
    document_003: Document,
    extraction_003: Extraction,
    document_004: Document,
    extraction_004: Extraction,
) -> Iterator[TestClient]:
    """The app over a remote store holding two documents, with tight limits."""
    from pkgraph_api.app import create_app

    load_store(remote_settings, (document_003, extraction_003), (document_004, extraction_004))
    strict = replace(remote_settings, sparql_result_cap=5, sparql_timeout_s=2.0)
    with TestClient(create_app(strict)) as client:
        yield client


def _values(client: TestClient, name: str, **params: str | list[str]) -> list[str]:
    response = client.get("/sparql", params=params, headers=JSON)
    assert response.status_code == 200, response.text
    return sorted(b[name]["value"] for b in response.json()["results"]["bindings"] if name in b)


def test_the_dataset_is_the_union_unless_named(
    endpoint: TestClient, document_004: Document
) -> None:
    graph = f"http://localhost:8000/graph/document/{document_004.doc_id}"
    assert len(_values(endpoint, "d", query=DOCUMENTS)) == 2
    from_one = f"SELECT ?d FROM <{graph}> WHERE {{ ?d a pk:Document }}"
    assert len(_values(endpoint, "d", query=from_one)) == 1
    assert _values(endpoint, "d", query=DOCUMENTS, **{"default-graph-uri": graph}) == [
        f"http://localhost:8000/id/document/{document_004.doc_id}"
    ]
    in_graphs = "SELECT ?g WHERE { GRAPH ?g { ?d a pk:Document } }"
    assert _values(endpoint, "g", query=in_graphs, **{"named-graph-uri": graph}) == [graph]
    assert _values(endpoint, "d", query=DOCUMENTS, **{"named-graph-uri": graph}) == []


def test_updates_and_service_never_reach_the_store(endpoint: TestClient) -> None:
    with socket.socket() as trap:
        trap.bind(("127.0.0.1", 0))
        trap.listen()
        trap.setblocking(False)
        url = f"http://127.0.0.1:{trap.getsockname()[1]}/sparql"
        refused = endpoint.get("/sparql", params={"query": f"SELECT * {{ SERVICE <{url}> {{}} }}"})
        assert refused.status_code == 400 and refused.json()["error"] == "service_refused"
        unreadable = (
            f"SELECT * {{ BIND(TRIPLE(<urn:a>, <urn:b>, <urn:c>) AS ?t) SERVICE <{url}> {{}} }}"
        )
        assert endpoint.get("/sparql", params={"query": unreadable}).status_code == 400
        with pytest.raises(BlockingIOError):
            trap.accept()  # nobody connected
    update = endpoint.post("/sparql", data={"update": "CLEAR ALL"})
    assert update.status_code == 403
    assert len(_values(endpoint, "d", query=DOCUMENTS)) == 2


def test_result_cap_and_timeout_hold(endpoint: TestClient) -> None:
    capped = endpoint.get("/sparql", params={"query": PASSAGES}, headers=JSON)
    assert capped.status_code == 200
    assert capped.headers["x-result-truncated"] == "true"
    assert len(capped.json()["results"]["bindings"]) == 5
    slow = endpoint.get("/sparql", params={"query": CROSS_PRODUCT}, headers=JSON)
    assert slow.status_code == 503, slow.text
    assert "longer than 2 s" in slow.text
    assert endpoint.get("/sparql", params={"query": "ASK { ?s ?p ?o }"}, headers=JSON).json()[
        "boolean"
    ]
