"""SPARQL 1.1 dataset semantics at ``/sparql``: FROM / FROM NAMED, the protocol's graph
parameters, and the union default graph only when neither names a dataset.

The cases follow the W3C SPARQL 1.1 test suite, ``data-r2/dataset`` (dataset-01 … dataset-12):
four small graphs g1–g4 and a query per case, with the data and expected solutions written
here. One more graph (``other``) is in the store but in no FROM clause, so a query that still
ran over the union would see it.
"""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from pyoxigraph import BlankNode, Literal, NamedNode, Quad, Store

from pkgraph.graph.store import GraphStore, names_dataset
from pkgraph.settings import Settings
from tests.api.live_server import LiveServer, serve

EX = "http://example/"
G = {name: NamedNode(f"http://example.org/data-{name}.ttl") for name in ("g1", "g2", "g3", "g4")}
OTHER = NamedNode("http://example.org/other")
X, A, P, Q, R = (NamedNode(EX + local) for local in ("x", "a", "p", "q", "r"))
DATA = [
    Quad(X, P, Literal("1"), G["g1"]),
    Quad(A, P, Literal("9"), G["g1"]),
    Quad(X, Q, Literal("2"), G["g2"]),
    Quad(BlankNode("b3"), R, Literal("3"), G["g3"]),
    Quad(BlankNode("b4"), R, Literal("4"), G["g4"]),
    Quad(X, P, Literal("other"), OTHER),
]

Row = frozenset[tuple[str, str]]


def _iri(name: str) -> str:
    return f"<{G[name].value}>"


def _rows(*rows: dict[str, str]) -> set[Row]:
    return {frozenset(row.items()) for row in rows}


G1_DEFAULT = _rows(
    {"s": EX + "x", "p": EX + "p", "o": "1"}, {"s": EX + "a", "p": EX + "p", "o": "9"}
)
G2_NAMED = _rows({"s": EX + "x", "p": EX + "q", "o": "2", "g": G["g2"].value})

#: (W3C case, query, expected solutions); blank nodes compare as "_:".
CASES = [
    ("dataset-01", f"SELECT * FROM {_iri('g1')} {{ ?s ?p ?o }}", G1_DEFAULT),
    ("dataset-02", f"SELECT * FROM NAMED {_iri('g1')} {{ ?s ?p ?o }}", set()),
    (
        "dataset-03",
        f"SELECT * FROM NAMED {_iri('g1')} {{ GRAPH ?g {{ ?s ?p ?o }} }}",
        {row | {("g", G["g1"].value)} for row in G1_DEFAULT},
    ),
    ("dataset-04", f"SELECT * FROM {_iri('g1')} {{ GRAPH ?g {{ ?s ?p ?o }} }}", set()),
    (
        "dataset-05",
        f"SELECT * FROM {_iri('g1')} FROM NAMED {_iri('g2')} {{ ?s ?p ?o }}",
        G1_DEFAULT,
    ),
    (
        "dataset-06",
        f"SELECT * FROM {_iri('g1')} FROM NAMED {_iri('g2')} {{ GRAPH ?g {{ ?s ?p ?o }} }}",
        G2_NAMED,
    ),
    (
        "dataset-07",
        f"SELECT * FROM {_iri('g1')} FROM NAMED {_iri('g2')} "
        "{ { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }",
        G1_DEFAULT | G2_NAMED,
    ),
    (
        "dataset-08",
        f"SELECT * FROM {_iri('g1')} FROM NAMED {_iri('g2')} "
        "{ ?s ?p ?o . GRAPH ?g { ?s ?q ?v } }",
        _rows(
            {"s": EX + "x", "p": EX + "p", "o": "1", "g": G["g2"].value, "q": EX + "q", "v": "2"}
        ),
    ),
    (
        "dataset-11",
        f"SELECT * FROM {_iri('g1')} FROM {_iri('g2')} FROM NAMED {_iri('g3')} "
        f"FROM NAMED {_iri('g4')} {{ ?s ?p ?o }}",
        G1_DEFAULT | _rows({"s": EX + "x", "p": EX + "q", "o": "2"}),
    ),
    (
        "dataset-12",
        f"SELECT * FROM {_iri('g1')} FROM {_iri('g2')} FROM {_iri('g3')} FROM {_iri('g4')} "
        "{ ?s ?p ?o }",
        G1_DEFAULT
        | _rows(
            {"s": EX + "x", "p": EX + "q", "o": "2"},
            {"s": "_:", "p": EX + "r", "o": "3"},
            {"s": "_:", "p": EX + "r", "o": "4"},
        ),
    ),
    ("FROM a graph the store lacks", "SELECT * FROM <http://example.org/none> { ?s ?p ?o }", set()),
    (
        "no dataset named: the union",
        "SELECT * { ?s ?p ?o FILTER(?s = <http://example/x>) }",
        _rows(
            {"s": EX + "x", "p": EX + "p", "o": "1"},
            {"s": EX + "x", "p": EX + "q", "o": "2"},
            {"s": EX + "x", "p": EX + "p", "o": "other"},
        ),
    ),
]


@pytest.fixture(scope="module")
def dataset_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    settings = Settings.from_env(data_dir=tmp_path_factory.mktemp("w3c-dataset"))
    store = Store(str(settings.graph_dir))
    store.extend(DATA)
    store.flush()
    del store  # releases the lock; the server opens it read-only
    yield from serve(settings)


def _solutions(server: LiveServer, params: list[tuple[str, str]]) -> set[Row]:
    response = httpx.get(f"{server.url}/sparql", params=tuple(params), timeout=60)
    assert response.status_code == 200, response.text
    rows = set()
    for binding in response.json()["results"]["bindings"]:
        rows.add(
            frozenset(
                (name, "_:" if term["type"] == "bnode" else term["value"])
                for name, term in binding.items()
            )
        )
    return rows


@pytest.mark.parametrize(("case", "query", "expected"), CASES, ids=[c[0] for c in CASES])
def test_w3c_dataset_cases(
    dataset_server: LiveServer, case: str, query: str, expected: set[Row]
) -> None:
    assert _solutions(dataset_server, [("query", query)]) == expected


def test_request_graphs_replace_from_clauses(dataset_server: LiveServer) -> None:
    """Protocol 2.1.4: default-graph-uri / named-graph-uri win over FROM / FROM NAMED."""
    from_g1 = f"SELECT * FROM {_iri('g1')} {{ ?s ?p ?o }}"
    assert _solutions(
        dataset_server, [("query", from_g1), ("default-graph-uri", G["g2"].value)]
    ) == _rows({"s": EX + "x", "p": EX + "q", "o": "2"})
    named_only = [("query", from_g1), ("named-graph-uri", G["g2"].value)]
    assert _solutions(dataset_server, named_only) == set()


def test_default_graph_uri_alone_names_no_graphs(dataset_server: LiveServer) -> None:
    query = "SELECT * { GRAPH ?g { ?s ?p ?o } }"
    params = [("query", query), ("default-graph-uri", G["g1"].value)]
    assert _solutions(dataset_server, params) == set()
    both = [*params, ("named-graph-uri", G["g2"].value)]
    assert _solutions(dataset_server, both) == G2_NAMED


# --- the sample build: the counts of the report ------------------------------------------------


def _count(client: httpx.Client, query: str) -> int:
    response = client.get("/sparql", params={"query": query})
    assert response.status_code == 200, response.text
    return int(response.json()["results"]["bindings"][0]["n"]["value"])


def test_from_one_document_counts_its_triples(
    client: httpx.Client, live_server: LiveServer
) -> None:
    with GraphStore.open(live_server.settings, read_only=True) as graph:
        doc_id = graph.document_ids()[0]
        in_document = graph.count_triples(doc_id)
        everything = graph.count_triples()
    document = f"{live_server.settings.base_iri}graph/document/{doc_id}"
    assert _count(client, "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }") == everything
    assert _count(client, f"SELECT (COUNT(*) AS ?n) FROM <{document}> {{ ?s ?p ?o }}") == (
        in_document
    )
    assert in_document < everything
    nonexistent = "SELECT (COUNT(*) AS ?n) FROM <http://localhost:8000/graph/none> { ?s ?p ?o }"
    assert _count(client, nonexistent) == 0


def test_the_library_honours_from_too(live_server: LiveServer) -> None:
    with GraphStore.open(live_server.settings, read_only=True) as graph:
        doc_id = graph.document_ids()[0]
        document = graph.iris.document_graph(doc_id).value
        rows = graph.select(f"SELECT (COUNT(*) AS ?n) FROM <{document}> {{ ?s ?p ?o }}")
        assert rows == [{"n": graph.count_triples(doc_id)}]
        assert graph.select("SELECT (COUNT(*) AS ?n) { ?s ?p ?o }") == [
            {"n": graph.count_triples()}
        ]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("SELECT * FROM <urn:g> { ?f prov:wasDerivedFrom ?p }", True),
        ("ASK FROM NAMED <urn:g> { }", True),
        ("select * from<urn:g> { }", True),
        ("SELECT * { ?f prov:wasDerivedFrom ?p }", False),
        ("SELECT ?derivedFROM { ?derivedFROM ?p ?o }", False),
        ("SELECT ?from { ?from ?p 'FROM <urn:g>' }", False),
    ],
)
def test_names_dataset_reads_the_parse_tree(query: str, expected: bool) -> None:
    assert names_dataset(query) is expected
