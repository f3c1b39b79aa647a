"""One end-to-end scenario that every storage backend must pass the same way.

``run_scenario(settings)`` ingests the five sample documents into ``settings`` (a fresh data
dir; the graph wherever ``settings`` puts it), then reads them back through every consumer:
SPARQL in the library, passage search, and the HTTP service (``/sparql``, ``/search``,
``/ask``, ``/health``); it removes one document and checks that it is gone from the graph, the
search index, the document store and the service. It asserts as it goes and returns what it
saw, so a test can also compare two backends' reports field by field.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from pkgraph.graph.store import GraphStore
from pkgraph.ingest.docstore import DocumentStore
from pkgraph.pipeline import ingest_paths, remove_sources
from pkgraph.search.index import SearchIndex
from pkgraph.search.service import search_passages
from pkgraph.settings import Settings

SAMPLE_CORPUS = Path(__file__).resolve().parents[2] / "corpus" / "seeds"
#: The document removed at the end (Bergkamen's Beschlussvorlage).
REMOVED_FILE = "004_0bcc7c8f61a2b24f.txt"
SEARCH_QUERY = "Kein Kind zurücklassen Förderung"
QUESTION = "Welche Kommunen nehmen an Kein Kind zurücklassen teil?"

COUNT_DOCUMENTS = "SELECT (COUNT(DISTINCT ?doc) AS ?n) WHERE { ?doc a pk:Document }"
PARTICIPATIONS = """
SELECT ?fact (SAMPLE(?placeName) AS ?place) (SAMPLE(?programName) AS ?program) WHERE {
  ?fact a pk:Participation ; pk:participant ?m ; pk:inProgram ?p .
  ?m skos:prefLabel ?placeName .
  ?p skos:prefLabel ?programName .
} GROUP BY ?fact ORDER BY ?fact"""


@dataclass(frozen=True)
class ScenarioReport:
    """What the scenario saw; equal across backends that store the same graph."""

    ingest_seconds: float
    documents: int
    #: (fact IRI, municipality label, program label), sorted by fact IRI.
    participations: tuple[tuple[str, str, str], ...]
    #: Documents counted in the one document's graph (``FROM <its graph>``).
    from_one_graph: int
    #: Passage ids of the library search, best first.
    search_hits: tuple[str, ...]
    #: IRIs of the facts and passages /ask chose (as a set: ties may rank either way).
    ask_items: frozenset[str]
    #: Documents left after the removal.
    documents_after_removal: int


def _count(rows: list[dict[str, Any]]) -> int:
    (row,) = rows
    return int(row["n"])


def _sparql_count(client: TestClient, query: str) -> int:
    response = client.get(
        "/sparql", params={"query": query}, headers={"Accept": "application/sparql-results+json"}
    )
    assert response.status_code == 200, response.text
    (binding,) = response.json()["results"]["bindings"]
    return int(binding["n"]["value"])


@contextmanager
def _service(settings: Settings) -> Iterator[TestClient]:
    """The FastAPI app over ``settings`` with its lifespan (query workers, search) running."""
    from pkgraph_api.app import create_app

    with TestClient(create_app(settings)) as client:
        yield client


def _ask(client: TestClient) -> frozenset[str]:
    answer = client.get("/ask", params={"q": QUESTION})
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["facts"] and body["passages"], body
    return frozenset(item["iri"] for item in body["items"])


def _check_graph(
    settings: Settings, removed_graph: str
) -> tuple[int, tuple[tuple[str, str, str], ...], int]:
    with GraphStore.open(settings, read_only=True) as graph:
        documents = _count(graph.select(COUNT_DOCUMENTS))
        participations = tuple(
            (str(r["fact"]), str(r["place"]), str(r["program"]))
            for r in graph.select(PARTICIPATIONS)
        )
        one = _count(
            graph.select(
                "SELECT (COUNT(DISTINCT ?doc) AS ?n) "
                f"FROM <{removed_graph}> WHERE {{ ?doc a pk:Document }}"
            )
        )
        assert len(graph.document_ids()) == documents
    return documents, participations, one


def run_scenario(settings: Settings, corpus: Path = SAMPLE_CORPUS) -> ScenarioReport:
    """Ingest ``corpus`` (the five samples) into ``settings``, read it back everywhere, remove
    one document, check it is gone everywhere; AssertionError on the first mismatch."""
    started = time.perf_counter()
    report = ingest_paths([corpus], settings, progress=lambda _message: None)
    ingest_seconds = time.perf_counter() - started
    assert report.ok, report.failed
    assert len(report.added) == 5, report
    removed_source = str((corpus / REMOVED_FILE).resolve())
    with DocumentStore.open(settings.documents_db) as docs:
        removed_id = docs.resolve(removed_source)
    assert removed_id is not None
    with GraphStore.open(settings, read_only=True) as graph:
        removed_graph = graph.iris.document_graph(removed_id).value
        removed_doc = graph.iris.document(removed_id).value

    documents, participations, one = _check_graph(settings, removed_graph)
    assert documents == 5 and one == 1
    assert participations and all(place and program for _f, place, program in participations)
    hits = search_passages(SEARCH_QUERY, settings, k=10)
    assert hits

    with _service(settings) as client:
        assert _sparql_count(client, COUNT_DOCUMENTS) == 5
        from_one = "SELECT (COUNT(*) AS ?n) FROM <%s> WHERE { ?doc a pk:Document }"
        assert _sparql_count(client, from_one % removed_graph) == 1
        health = client.get("/health").json()
        assert health["documents"] == 5, health
        found = client.get("/search", params={"q": SEARCH_QUERY, "k": 10}).json()
        assert [hit["passage_id"] for hit in found["hits"]] == [hit.passage_id for hit in hits]
        ask_items = _ask(client)

    assert remove_sources([removed_source], settings) == [removed_id]
    left, _participations, gone = _check_graph(settings, removed_graph)
    assert (left, gone) == (4, 0)
    with GraphStore.open(settings, read_only=True) as graph:
        assert removed_id not in graph.document_ids()
        assert not graph.select(f"SELECT ?p WHERE {{ <{removed_doc}> ?p ?o }} LIMIT 1")
    with DocumentStore.open(settings.documents_db) as docs:
        assert docs.resolve(removed_source) is None
    with SearchIndex.open(settings) as index:
        assert not index.passage_ids(removed_id)
    assert all(hit.document_iri != removed_doc for hit in search_passages("Bergkamen", settings))
    with _service(settings) as client:
        assert _sparql_count(client, COUNT_DOCUMENTS) == 4
        found = client.get("/search", params={"q": "Bergkamen", "k": 10}).json()
        assert all(hit["document_iri"] != removed_doc for hit in found["hits"])

    return ScenarioReport(
        ingest_seconds=ingest_seconds,
        documents=documents,
        participations=participations,
        from_one_graph=one,
        search_hits=tuple(hit.passage_id for hit in hits),
        ask_items=ask_items,
        documents_after_removal=left,
    )
