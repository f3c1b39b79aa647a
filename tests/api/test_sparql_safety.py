"""SERVICE cannot make the server connect anywhere: proved with a real listener on loopback.

Every query below names a loopback HTTP server (the trap) as its SERVICE endpoint, in another
encoding; each is sent as GET, POST form and POST ``application/sparql-query``. The trap
counts every TCP connection it accepts, so a request that reached it fails the test whatever
the endpoint answered.
"""

from __future__ import annotations

import json
import multiprocessing
import threading
from collections.abc import Iterator
from dataclasses import replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pyoxigraph
import pytest

from pkgraph.settings import Settings
from pkgraph_api.sparql_guard import query_shape, service_refusal
from pkgraph_api.sparql_sandbox import deny_network
from tests.api.live_server import LiveServer, serve

REMOTE_ANSWER = {
    "head": {"vars": ["s"]},
    "results": {"bindings": [{"s": {"type": "literal", "value": "from the remote endpoint"}}]},
}


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self._answer()

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("content-length") or 0))
        self._answer()

    def _answer(self) -> None:
        body = json.dumps(REMOTE_ANSWER).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


class Trap(ThreadingHTTPServer):
    """A SPARQL endpoint on loopback that counts the connections it accepts."""

    connections = 0

    def verify_request(self, request: object, client_address: object) -> bool:
        self.connections += 1
        return True

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/sparql"


def _open_trap() -> Iterator[Trap]:
    trap = Trap(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=trap.serve_forever, daemon=True)
    thread.start()
    try:
        yield trap
    finally:
        trap.shutdown()
        trap.server_close()


@pytest.fixture()
def trap() -> Iterator[Trap]:
    yield from _open_trap()


@pytest.fixture()
def other_trap() -> Iterator[Trap]:
    yield from _open_trap()


#: ``{url}`` is the trap's endpoint, ``{base}`` the trap without the path ``sparql``.
ENCODINGS = [
    # the reported bypass: '>' in a string made the text check read on as if inside an IRI
    "SELECT * WHERE { BIND(1 AS ?a) FILTER(?a<'>'||true) SERVICE <{url}> "
    "{ ?s ?p ?o FILTER(?o != '') } }",
    "SELECT * WHERE { FILTER(?a<'>'||true) SERVICE <{url}> { ?s ?p ?o } }",
    "SELECT * { SERVICE <{url}> { ?s ?p ?o } }",
    "select * { service <{url}> { ?s ?p ?o } }",
    "SeLeCt * { sErViCe <{url}> { ?s ?p ?o } }",
    "SELECT * { SERVICE SILENT <{url}> { ?s ?p ?o } }",
    "SELECT * {\n# SERVICE hides in a comment\nSERVICE#<http://example.org/>\n<{url}>{?s ?p ?o} }",
    "PREFIX remote: <{base}> SELECT * { SERVICE remote:sparql { ?s ?p ?o } }",
    "BASE <{base}> SELECT * { SERVICE <sparql> { ?s ?p ?o } }",
    "SELECT * { VALUES ?endpoint { <{url}> } SERVICE ?endpoint { ?s ?p ?o } }",
    "SELECT * { OPTIONAL { SERVICE <{url}> { ?s ?p ?o } } }",
    "SELECT * { { BIND(1 AS ?x) } UNION { SERVICE <{url}> { ?s ?p ?o } } }",
    "SELECT * { BIND(1 AS ?x) MINUS { SERVICE <{url}> { ?s ?p ?o } } }",
    "SELECT * { BIND(1 AS ?x) FILTER EXISTS { SERVICE <{url}> { ?s ?p ?o } } }",
    "SELECT * { { SELECT ?s WHERE { SERVICE <{url}> { ?s ?p ?o } } LIMIT 1 } }",
    "SELECT * { GRAPH ?g { SERVICE <{url}> { ?s ?p ?o } } }",
    "SELECT * { \\u0053ERVICE <{url}> { ?s ?p ?o } }",
    "SELECT * { \\U00000053\\U00000045RVICE <{url}> { ?s ?p ?o } }",
    "SELECT * { SERVICE <{base}\\u0073parql> { ?s ?p ?o } }",
    "ASK { SERVICE <{url}> { ?s ?p ?o } }",
    "CONSTRUCT { ?s ?p ?o } WHERE { SERVICE <{url}> { ?s ?p ?o } }",
    "DESCRIBE ?s WHERE { SERVICE <{url}> { ?s ?p ?o } }",
]
REQUEST_FORMS = ["GET", "POST form", "POST sparql-query"]


def _send(http: httpx.Client, form: str, query: str) -> httpx.Response:
    if form == "GET":
        return http.get("/sparql", params={"query": query})
    if form == "POST form":
        return http.post("/sparql", data={"query": query})
    return http.post(
        "/sparql", content=query.encode(), headers={"Content-Type": "application/sparql-query"}
    )


def _fill(template: str, trap: Trap) -> str:
    return template.replace("{url}", trap.url).replace("{base}", trap.url[: -len("sparql")])


@pytest.mark.parametrize("form", REQUEST_FORMS)
def test_no_encoding_of_service_makes_a_connection(
    live_server: LiveServer, trap: Trap, form: str
) -> None:
    with httpx.Client(base_url=live_server.url, timeout=60) as http:
        for template in ENCODINGS:
            query = _fill(template, trap)
            response = _send(http, form, query)
            assert trap.connections == 0, f"the server connected for {query!r}"
            assert response.status_code == 400, (query, response.text)
            assert response.json()["error"] == "service_refused", query


def test_a_query_the_guard_cannot_read_still_cannot_connect(
    live_server: LiveServer, trap: Trap
) -> None:
    """TRIPLE() is Oxigraph syntax rdflib does not know: the sandbox alone stops the call."""
    query = (
        f"SELECT * {{ BIND(TRIPLE(<urn:a>, <urn:b>, <urn:c>) AS ?t) SERVICE <{trap.url}> {{}} }}"
    )
    with pytest.raises(ValueError):
        query_shape(query)
    with httpx.Client(base_url=live_server.url, timeout=60) as http:
        response = http.get("/sparql", params={"query": query})
    assert trap.connections == 0
    assert response.status_code == 400, response.text
    assert "Permission denied" in response.json()["message"]


def _service_in_child(url: str, sandboxed: bool, results: multiprocessing.Queue[str]) -> None:
    if sandboxed:
        assert deny_network() is None
    try:
        solutions = pyoxigraph.Store().query(f"SELECT * {{ SERVICE <{url}> {{ ?s ?p ?o }} }}")
        assert isinstance(solutions, pyoxigraph.QuerySolutions)
        results.put(f"rows: {len(list(solutions))}")
    except OSError as exc:
        results.put(f"error: {exc}")


@pytest.mark.parametrize("sandboxed", [False, True])
def test_the_sandbox_stops_oxigraph_itself(trap: Trap, sandboxed: bool) -> None:
    """Without the guard in front: Oxigraph does the HTTP call itself, unless sandboxed."""
    context = multiprocessing.get_context("spawn")
    results: multiprocessing.Queue[str] = context.Queue()
    child = context.Process(target=_service_in_child, args=(trap.url, sandboxed, results))
    child.start()
    outcome = results.get(timeout=60)
    child.join(timeout=60)
    if sandboxed:
        assert trap.connections == 0
        assert "Permission denied" in outcome
    else:
        assert trap.connections == 1
        assert outcome == "rows: 1"


@pytest.fixture()
def federating_server(sample_build: Settings, trap: Trap) -> Iterator[LiveServer]:
    """SERVICE on, towards the trap only."""
    settings = replace(sample_build, sparql_allow_service=True, sparql_service_allowlist=trap.url)
    yield from serve(settings)


def test_allowlisted_service_is_called_and_nothing_else(
    federating_server: LiveServer, trap: Trap, other_trap: Trap
) -> None:
    with httpx.Client(base_url=federating_server.url, timeout=60) as http:
        allowed = http.get(
            "/sparql", params={"query": f"SELECT ?s {{ SERVICE <{trap.url}> {{}} }}"}
        )
        other = http.get(
            "/sparql", params={"query": f"SELECT ?s {{ SERVICE <{other_trap.url}> {{}} }}"}
        )
        variable = http.get(
            "/sparql",
            params={"query": f"SELECT * {{ VALUES ?e {{ <{trap.url}> }} SERVICE ?e {{}} }}"},
        )
    assert allowed.status_code == 200, allowed.text
    values = [b["s"]["value"] for b in allowed.json()["results"]["bindings"]]
    assert values == ["from the remote endpoint"]
    assert trap.connections == 1
    assert other.status_code == 400 and other.json()["error"] == "service_refused"
    assert "sparql_service_allowlist" in other.json()["message"]
    assert other_trap.connections == 0
    assert variable.status_code == 400 and variable.json()["error"] == "service_refused"


def test_without_the_sandbox_an_unreadable_query_is_refused(
    federating_server: LiveServer, other_trap: Trap
) -> None:
    """SERVICE on: workers can connect, so a query the guard cannot read never runs."""
    triple = "TRIPLE(<urn:a>, <urn:b>, <urn:c>)"
    query = f"SELECT * {{ BIND({triple} AS ?t) SERVICE <{other_trap.url}> {{}} }}"
    with httpx.Client(base_url=federating_server.url, timeout=60) as http:
        response = http.get("/sparql", params={"query": query})
    assert response.status_code == 400, response.text
    assert response.json()["error"] == "malformed_query"
    assert "rdflib" in response.json()["message"]
    assert other_trap.connections == 0


@pytest.mark.parametrize(
    "query",
    [
        'SELECT ?x WHERE { BIND("SERVICE <http://example.org/>" AS ?x) }',
        "SELECT * { ?s <http://x/SERVICE> ?o } # SERVICE <http://x/>",
        "PREFIX service: <http://x/> SELECT ?service { ?service service:p ?o }",
    ],
)
def test_the_word_service_outside_the_syntax_is_no_call(query: str) -> None:
    shape = query_shape(query)
    assert shape.services == ()
    assert service_refusal(shape, None) is None
