"""The SPARQL 1.1 Protocol endpoint, queried by real clients over HTTP on loopback.

Expected values come from the store itself (GraphStore), so every check compares what
travelled through the protocol with what the graph holds.
"""

from __future__ import annotations

import csv
import io
import json
from xml.dom.minidom import Document as XmlDocument

import httpx
import pytest
import rdflib
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import CSV, JSON, JSONLD, RDFXML, TSV, TURTLE, XML, SPARQLWrapper

from pkgraph.graph.store import GraphStore
from pkgraph.graph.vocab import PK, sparql_prefixes
from pkgraph_api.sparql import update_operation
from tests.api.live_server import LiveServer

PARTICIPATIONS_PER_PROGRAM = (
    sparql_prefixes()
    + """SELECT ?program (COUNT(DISTINCT ?fact) AS ?n) WHERE {
  ?fact a pk:Participation ; pk:inProgram ?program .
} GROUP BY ?program ORDER BY DESC(?n) ?program"""
)
PASSAGES = sparql_prefixes() + "SELECT ?p WHERE { ?p a pk:Passage }"
FACTS_GRAPH = (
    sparql_prefixes()
    + "CONSTRUCT { ?f pk:quote ?q } WHERE { ?f pk:quote ?q ; prov:wasDerivedFrom ?p }"
)
#: Three unconstrained patterns over the whole store: billions of rows on the sample.
CROSS_PRODUCT = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


@pytest.fixture(scope="module")
def expected(live_server: LiveServer) -> dict[str, object]:
    """Ground truth read from the store directly."""
    with GraphStore.open(live_server.settings, read_only=True) as graph:
        per_program = {
            str(r["program"]): int(r["n"] or 0) for r in graph.select(PARTICIPATIONS_PER_PROGRAM)
        }
        passages = {str(r["p"]) for r in graph.select(PASSAGES)}
        quotes = {
            (str(r["f"]), str(r["q"]))
            for r in graph.select(
                sparql_prefixes()
                + "SELECT DISTINCT ?f ?q { ?f pk:quote ?q ; prov:wasDerivedFrom ?p }"
            )
        }
        graphs = graph.document_ids()
    assert per_program and passages and quotes and graphs, "the sample build has no facts"
    return {"per_program": per_program, "passages": passages, "quotes": quotes, "graphs": graphs}


def _wrapper(live_server: LiveServer, query: str, return_format: str) -> SPARQLWrapper:
    wrapper = SPARQLWrapper(f"{live_server.url}/sparql")
    wrapper.setQuery(query)
    wrapper.setReturnFormat(return_format)
    return wrapper


# --- SELECT in every results format (SPARQLWrapper) -------------------------------------------


def test_select_json(live_server: LiveServer, expected: dict[str, object]) -> None:
    result = _wrapper(live_server, PARTICIPATIONS_PER_PROGRAM, JSON).queryAndConvert()
    assert isinstance(result, dict)
    assert result["head"]["vars"] == ["program", "n"]
    got = {b["program"]["value"]: int(b["n"]["value"]) for b in result["results"]["bindings"]}
    assert got == expected["per_program"]
    first = result["results"]["bindings"][0]
    assert first["program"]["type"] == "uri"
    assert first["n"]["datatype"] == "http://www.w3.org/2001/XMLSchema#integer"


def test_select_xml(live_server: LiveServer, expected: dict[str, object]) -> None:
    document = _wrapper(live_server, PARTICIPATIONS_PER_PROGRAM, XML).queryAndConvert()
    assert isinstance(document, XmlDocument)
    got = {}
    for result in document.getElementsByTagName("result"):
        values = {
            b.getAttribute("name"): b.firstChild.firstChild.nodeValue  # type: ignore[union-attr]
            for b in result.getElementsByTagName("binding")
        }
        got[values["program"]] = int(values["n"])
    assert got == expected["per_program"]


def test_select_csv(live_server: LiveServer, expected: dict[str, object]) -> None:
    body = _wrapper(live_server, PARTICIPATIONS_PER_PROGRAM, CSV).queryAndConvert()
    rows = list(csv.reader(io.StringIO(body.decode("utf-8"))))  # type: ignore[union-attr]
    assert rows[0] == ["program", "n"]
    assert {program: int(n) for program, n in rows[1:]} == expected["per_program"]


def test_select_tsv(live_server: LiveServer, expected: dict[str, object]) -> None:
    body = _wrapper(live_server, PARTICIPATIONS_PER_PROGRAM, TSV).queryAndConvert()
    lines = body.decode("utf-8").splitlines()  # type: ignore[union-attr]
    assert lines[0] == "?program\t?n"
    got = {}
    for line in lines[1:]:
        program, n = line.split("\t")
        assert program.startswith("<") and program.endswith(">")  # TSV keeps N-Triples terms
        got[program[1:-1]] = int(n.split("^^")[0].strip('"'))
    assert got == expected["per_program"]


def test_ask(live_server: LiveServer) -> None:
    query = sparql_prefixes() + "ASK { ?f a pk:Participation }"
    assert _wrapper(live_server, query, JSON).queryAndConvert()["boolean"] is True  # type: ignore[index]
    missing = sparql_prefixes() + "ASK { ?f a pk:NoSuchClass }"
    assert _wrapper(live_server, missing, JSON).queryAndConvert()["boolean"] is False  # type: ignore[index]


# --- CONSTRUCT in every RDF format ------------------------------------------------------------


def _quotes_of(graph: rdflib.Graph) -> set[tuple[str, str]]:
    return {
        (str(s), str(o)) for s, _, o in graph.triples((None, rdflib.URIRef(PK + "quote"), None))
    }


@pytest.mark.parametrize("return_format", [TURTLE, JSONLD, RDFXML])
def test_construct_with_sparqlwrapper(
    live_server: LiveServer, expected: dict[str, object], return_format: str
) -> None:
    result = _wrapper(live_server, FACTS_GRAPH, return_format).queryAndConvert()
    if isinstance(result, bytes):
        result = rdflib.Graph().parse(data=result, format="turtle")
    assert isinstance(result, rdflib.Graph)
    assert _quotes_of(result) == expected["quotes"]


@pytest.mark.parametrize(
    ("media_type", "rdflib_format"),
    [
        ("text/turtle", "turtle"),
        ("application/n-triples", "nt"),
        ("application/ld+json", "json-ld"),
        ("application/rdf+xml", "xml"),
    ],
)
def test_construct_content_negotiation(
    client: httpx.Client, expected: dict[str, object], media_type: str, rdflib_format: str
) -> None:
    response = client.get("/sparql", params={"query": FACTS_GRAPH}, headers={"Accept": media_type})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(media_type)
    graph = rdflib.Graph().parse(data=response.content, format=rdflib_format)
    assert _quotes_of(graph) == expected["quotes"]


def test_describe(client: httpx.Client, expected: dict[str, object]) -> None:
    passage = sorted(expected["passages"])[0]  # type: ignore[call-overload]
    response = client.get("/sparql", params={"query": f"DESCRIBE <{passage}>"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/turtle")
    graph = rdflib.Graph().parse(data=response.content, format="turtle")
    assert (rdflib.URIRef(passage), None, None) in graph


# --- rdflib's SPARQLStore ---------------------------------------------------------------------


@pytest.mark.parametrize("method", ["GET", "POST", "POST_FORM"])
def test_rdflib_sparqlstore(
    live_server: LiveServer, expected: dict[str, object], method: str
) -> None:
    store = SPARQLStore(f"{live_server.url}/sparql", method=method)
    graph = rdflib.Graph(store)
    rows = graph.query(PARTICIPATIONS_PER_PROGRAM)
    assert {str(row[0]): int(row[1]) for row in rows} == expected["per_program"]  # type: ignore[index]


def test_rdflib_sparqlstore_construct(live_server: LiveServer, expected: dict[str, object]) -> None:
    store = SPARQLStore(f"{live_server.url}/sparql", returnFormat="xml")
    result = rdflib.Graph(store).query(FACTS_GRAPH)
    assert result.graph is not None
    assert _quotes_of(result.graph) == expected["quotes"]


# --- the three request forms and the dataset parameters ----------------------------------------


def _per_program(response: httpx.Response) -> dict[str, int]:
    assert response.status_code == 200, response.text
    bindings = response.json()["results"]["bindings"]
    return {b["program"]["value"]: int(b["n"]["value"]) for b in bindings}


def test_get_post_form_and_post_direct_agree(
    client: httpx.Client, expected: dict[str, object]
) -> None:
    get = client.get("/sparql", params={"query": PARTICIPATIONS_PER_PROGRAM})
    form = client.post("/sparql", data={"query": PARTICIPATIONS_PER_PROGRAM})
    direct = client.post(
        "/sparql",
        content=PARTICIPATIONS_PER_PROGRAM.encode(),
        headers={"Content-Type": "application/sparql-query"},
    )
    assert _per_program(get) == _per_program(form) == _per_program(direct)
    assert _per_program(get) == expected["per_program"]


def test_project_prefixes_are_predeclared(client: httpx.Client) -> None:
    response = client.get("/sparql", params={"query": "ASK { ?f a pk:Participation }"})
    assert response.status_code == 200
    assert response.json()["boolean"] is True


def _passages_in(client: httpx.Client, params: list[tuple[str, str]]) -> set[str]:
    response = client.get("/sparql", params=params)
    assert response.status_code == 200, response.text
    return {b["p"]["value"] for b in response.json()["results"]["bindings"]}


def test_default_graph_uri_restricts_the_dataset(
    client: httpx.Client, live_server: LiveServer, expected: dict[str, object]
) -> None:
    doc_id = expected["graphs"][0]  # type: ignore[index]
    graph_iri = f"{live_server.settings.base_iri}graph/document/{doc_id}"
    everything = _passages_in(client, [("query", PASSAGES)])
    one = _passages_in(client, [("query", PASSAGES), ("default-graph-uri", graph_iri)])
    assert everything == expected["passages"]
    assert one and one < everything
    assert all(f"/passage/{doc_id}/" in iri for iri in one)


def test_named_graph_uri_limits_graph_patterns(
    client: httpx.Client, live_server: LiveServer, expected: dict[str, object]
) -> None:
    first = expected["graphs"][0]  # type: ignore[index]
    iri = f"{live_server.settings.base_iri}graph/document/{first}"
    query = sparql_prefixes() + "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?p a pk:Passage } }"
    response = client.post("/sparql", data={"query": query, "named-graph-uri": iri})
    assert response.status_code == 200, response.text
    graphs = {b["g"]["value"] for b in response.json()["results"]["bindings"]}
    assert graphs == {iri}
    # with only named graphs given, the default graph is empty (SPARQL 1.1 Protocol 2.1.4)
    direct = client.post(
        "/sparql",
        params={"named-graph-uri": iri},
        content=PASSAGES,
        headers={"Content-Type": "application/sparql-query"},
    )
    assert direct.json()["results"]["bindings"] == []


# --- service description and browsers ---------------------------------------------------------


def test_service_description(client: httpx.Client, expected: dict[str, object]) -> None:
    response = client.get("/sparql", headers={"Accept": "text/turtle"})
    assert response.status_code == 200
    graph = rdflib.Graph().parse(data=response.content, format="turtle")
    sd = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")
    endpoint = rdflib.URIRef(f"{client.base_url}/sparql")
    assert (endpoint, rdflib.RDF.type, sd.Service) in graph
    assert (endpoint, sd.endpoint, endpoint) in graph
    assert (endpoint, sd.supportedLanguage, sd.SPARQL11Query) in graph
    formats = set(graph.objects(endpoint, sd.resultFormat))
    assert rdflib.URIRef("http://www.w3.org/ns/formats/SPARQL_Results_JSON") in formats
    assert rdflib.URIRef("http://www.w3.org/ns/formats/Turtle") in formats
    assert len(set(graph.objects(None, sd.name))) == len(expected["graphs"])  # type: ignore[arg-type]


def test_browser_without_query_goes_to_the_editor(client: httpx.Client) -> None:
    browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    response = client.get("/sparql", headers={"Accept": browser}, follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/sparql-editor"


# --- refusals: clear 4xx, never a 500 ----------------------------------------------------------


def _error(response: httpx.Response, status: int, code: str) -> dict[str, str]:
    assert response.status_code == status, response.text
    body = response.json()
    assert body["error"] == code
    assert "Traceback" not in response.text
    return body


def test_malformed_query_gets_the_parser_message(client: httpx.Client) -> None:
    response = client.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p "})
    body = _error(response, 400, "malformed_query")
    assert "error at 1:" in body["message"]
    assert body["parameter"] == "query"


def test_malformed_query_as_text_for_non_json_clients(client: httpx.Client) -> None:
    response = client.get(
        "/sparql",
        params={"query": "SELEKT ?x {}"},
        headers={"Accept": "application/sparql-results+xml"},
    )
    assert response.status_code == 400
    assert response.headers["content-type"].startswith("text/plain")
    assert "error at" in response.text


@pytest.mark.parametrize(
    "update",
    [
        "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
        "PREFIX x: <urn:x:>\n# a comment\nDELETE WHERE { ?s ?p ?o }",
        "DROP ALL",
        "LOAD <http://example.org/data.ttl>",
    ],
)
def test_update_in_a_query_is_malformed(client: httpx.Client, update: str) -> None:
    body = _error(client.post("/sparql", data={"query": update}), 400, "malformed_query")
    assert "read-only" in body["message"]


def test_update_operations_are_forbidden(client: httpx.Client) -> None:
    form = client.post("/sparql", data={"update": "DROP ALL"})
    _error(form, 403, "update_refused")
    direct = client.post(
        "/sparql", content=b"DROP ALL", headers={"Content-Type": "application/sparql-update"}
    )
    _error(direct, 403, "update_refused")


def test_unknown_accept_is_406(client: httpx.Client) -> None:
    response = client.get("/sparql", params={"query": PASSAGES}, headers={"Accept": "image/png"})
    assert response.status_code == 406
    assert "application/sparql-results+json" in response.text


def test_unsupported_post_body_is_415(client: httpx.Client) -> None:
    response = client.post("/sparql", content=b"{}", headers={"Content-Type": "application/json"})
    _error(response, 415, "unsupported_media_type")


def test_two_queries_are_malformed(client: httpx.Client) -> None:
    response = client.get("/sparql", params=[("query", PASSAGES), ("query", PASSAGES)])
    _error(response, 400, "malformed_request")


# --- limits (a server with tight settings) -----------------------------------------------------


def test_too_long_query_is_413(strict_server: LiveServer) -> None:
    padding = "#" + "x" * 1100 + "\n"
    with httpx.Client(base_url=strict_server.url) as http:
        response = http.post("/sparql", data={"query": padding + PASSAGES})
    body = _error(response, 413, "query_too_long")
    assert "1000" in body["message"]


def test_timeout_stops_the_query_and_the_server_keeps_answering(
    strict_server: LiveServer,
) -> None:
    with httpx.Client(base_url=strict_server.url, timeout=60) as http:
        response = http.get("/sparql", params={"query": CROSS_PRODUCT})
        body = _error(response, 503, "query_timeout")
        assert "1 s" in body["message"]
        after = http.get("/sparql", params={"query": "ASK { ?s ?p ?o }"})
    assert after.status_code == 200
    assert after.json()["boolean"] is True


def test_result_cap_truncates_and_says_so(
    strict_server: LiveServer, expected: dict[str, object]
) -> None:
    assert len(expected["passages"]) > 5  # type: ignore[arg-type]
    with httpx.Client(base_url=strict_server.url) as http:
        capped = http.get("/sparql", params={"query": PASSAGES})
        small = http.get("/sparql", params={"query": PASSAGES + " LIMIT 3"})
    assert capped.status_code == 200
    assert capped.headers["x-result-truncated"] == "true"
    assert capped.headers["x-result-cap"] == "5"
    assert len(capped.json()["results"]["bindings"]) == 5
    assert "x-result-truncated" not in small.headers
    assert len(json.loads(small.content)["results"]["bindings"]) == 3


# --- the update keyword check on its own ---------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("INSERT DATA { <a:b> <a:c> <a:d> }", "INSERT"),
        ("PREFIX x: <urn:x:>\nBASE <http://b/>\n# note\ndelete where { ?s ?p ?o }", "DELETE"),
        ("WITH <http://g/> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }", "WITH"),
        ("SELECT ?insert WHERE { ?insert ?p ?o }", None),
        ("PREFIX drop: <urn:x:> ASK { ?s drop:p ?o }", None),
    ],
)
def test_update_operation(query: str, expected: str | None) -> None:
    assert update_operation(query) == expected


def test_graph_parameter_that_is_no_iri_is_400(client: httpx.Client) -> None:
    response = client.get("/sparql", params={"query": PASSAGES, "default-graph-uri": "not an iri"})
    body = _error(response, 400, "malformed_request")
    assert body["parameter"] == "default-graph-uri"
