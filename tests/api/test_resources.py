"""Linked data: entity IRIs dereference as RDF by content negotiation and as HTML pages."""

from __future__ import annotations

import httpx
import pytest
import rdflib

from pkgraph.graph.store import GraphStore
from pkgraph.graph.vocab import PK, PROV, sparql_prefixes
from tests.api.live_server import LiveServer


def _local_path(iri: str, live_server: LiveServer) -> str:
    assert iri.startswith(live_server.settings.base_iri)
    return "/" + iri[len(live_server.settings.base_iri) :]


@pytest.fixture(scope="module")
def funded(live_server: LiveServer) -> tuple[str, str]:
    """A funding fact of the sample build and the entity that received it."""
    with GraphStore.open(live_server.settings, read_only=True) as graph:
        rows = graph.select(
            sparql_prefixes()
            + "SELECT ?fact ?recipient { ?fact a pk:Funding ; pk:recipient ?recipient }"
        )
    assert rows, "the sample build has no funding with a recipient"
    return str(rows[0]["fact"]), str(rows[0]["recipient"])


@pytest.mark.parametrize(
    ("media_type", "rdflib_format"),
    [
        ("text/turtle", "turtle"),
        ("application/ld+json", "json-ld"),
        ("application/n-triples", "nt"),
    ],
)
def test_entity_as_rdf(
    client: httpx.Client,
    live_server: LiveServer,
    funded: tuple[str, str],
    media_type: str,
    rdflib_format: str,
) -> None:
    fact, recipient = funded
    response = client.get(_local_path(recipient, live_server), headers={"Accept": media_type})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith(media_type)
    graph = rdflib.Graph().parse(data=response.content, format=rdflib_format)
    entity = rdflib.URIRef(recipient)
    assert (entity, None, None) in graph  # outgoing triples
    assert (rdflib.URIRef(fact), rdflib.URIRef(PK + "recipient"), entity) in graph  # incoming fact
    assert (rdflib.URIRef(fact), rdflib.URIRef(PROV + "wasDerivedFrom"), None) in graph


def test_fact_node_describes_its_provenance(
    client: httpx.Client, live_server: LiveServer, funded: tuple[str, str]
) -> None:
    fact, _ = funded
    response = client.get(_local_path(fact, live_server), headers={"Accept": "text/turtle"})
    assert response.status_code == 200
    graph = rdflib.Graph().parse(data=response.content, format="turtle")
    subject = rdflib.URIRef(fact)
    for local in ("quote", "startOffset", "endOffset", "inDocument"):
        assert (subject, rdflib.URIRef(PK + local), None) in graph, local
    passage = graph.value(subject, rdflib.URIRef(PROV + "wasDerivedFrom"))
    assert passage is not None


def test_browsers_get_the_html_page(
    client: httpx.Client, live_server: LiveServer, funded: tuple[str, str]
) -> None:
    _, recipient = funded
    browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    response = client.get(_local_path(recipient, live_server), headers={"Accept": browser})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert "<html" in response.text.lower()


@pytest.mark.parametrize(
    "path", ["/id/municipality/00000000", "/id/program/no-such-program", "/id/nothing"]
)
def test_unknown_iri_is_404(client: httpx.Client, path: str) -> None:
    response = client.get(path, headers={"Accept": "text/turtle"})
    assert response.status_code == 404, path
    assert "no entity" in response.text
    page = client.get(path, headers={"Accept": "text/html"})
    assert page.status_code == 404, path
    assert page.headers["content-type"].startswith("text/html")
    assert "Unbekannte Ressource" in page.text


def test_unacceptable_type_is_406(
    client: httpx.Client, live_server: LiveServer, funded: tuple[str, str]
) -> None:
    response = client.get(_local_path(funded[1], live_server), headers={"Accept": "image/png"})
    assert response.status_code == 406
