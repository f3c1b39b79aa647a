"""``/search`` over HTTP: JSON hits with their metadata, filters, and bad values as 422."""

from __future__ import annotations

import httpx
import pytest

from pkgraph.gazetteer import load_gazetteer
from pkgraph.graph.store import GraphStore
from pkgraph.graph.vocab import sparql_prefixes
from tests.api.live_server import LiveServer

QUESTION = "Wie viel Geld gab das Land für die Entwicklungskonferenz?"


def test_search_returns_hits_with_passage_and_document(client: httpx.Client) -> None:
    response = client.get("/search", params={"q": QUESTION, "k": 3})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["query"] == QUESTION and body["k"] == 3
    hits = body["hits"]
    assert 1 <= len(hits) <= 3
    scores = [hit["score"] for hit in hits]
    assert scores == sorted(scores, reverse=True)
    for hit in hits:
        assert hit["highlight"] == hit["text"][hit["highlight_start"] : hit["highlight_end"]]
        assert hit["passage_iri"].startswith(hit["document_iri"].replace("/document/", "/passage/"))


@pytest.mark.parametrize("method", ["lexical", "dense", "hybrid"])
def test_every_method(client: httpx.Client, method: str) -> None:
    response = client.get("/search", params={"q": QUESTION, "method": method, "k": 2})
    assert response.status_code == 200, response.text
    assert response.json()["method"] == method
    assert response.json()["hits"]


def test_municipality_filter_keeps_only_its_documents(
    client: httpx.Client, live_server: LiveServer
) -> None:
    with GraphStore.open(live_server.settings, read_only=True) as graph:
        rows = graph.select(
            sparql_prefixes()
            + "SELECT DISTINCT ?m ?label WHERE { ?d pk:issuedBy ?m . ?m skos:prefLabel ?label }"
        )
    assert rows, "no document of the sample build has an issuing municipality"
    place = str(rows[0]["label"])
    response = client.get("/search", params={"q": "Prävention", "municipality": place, "k": 20})
    assert response.status_code == 200, response.text
    hits = response.json()["hits"]
    assert hits
    entry = load_gazetteer().by_name(place)[0]
    allowed = {entry.ags} | {m.ags for m in load_gazetteer().members(entry.ags)}
    for hit in hits:
        issuer = hit["municipality_iri"]
        mentioned = [iri for iri in hit["entities"] if "/municipality/" in iri]
        named = {iri.rsplit("/", 1)[1] for iri in [issuer, *mentioned] if iri}
        assert named & allowed or issuer is None


@pytest.mark.parametrize(
    ("params", "parameter"),
    [
        ({"q": "Förderung", "municipality": "Atlantis"}, "municipality"),
        ({"q": "Förderung", "program": "Kein solches Programm"}, "program"),
        ({"q": "Förderung", "date_from": "2019-13-45"}, "date_from"),
        ({"q": "Förderung", "date_from": "2020-01-01", "date_to": "2019-01-01"}, "date_from"),
        ({"q": "Förderung", "doc_type": "Kochrezept"}, "doc_type"),
        ({"q": "Förderung", "method": "magic"}, "method"),
        ({"q": "Förderung", "k": "0"}, "k"),
        ({"q": "Förderung", "k": "viele"}, "k"),
        ({"q": ""}, "q"),
        ({}, "q"),
    ],
)
def test_bad_values_name_the_parameter(
    client: httpx.Client, params: dict[str, str], parameter: str
) -> None:
    response = client.get("/search", params=params)
    assert response.status_code == 422, response.text
    body = response.json()
    assert body["error"] == "invalid_parameter"
    assert body["parameter"] == parameter
    assert body["message"]
