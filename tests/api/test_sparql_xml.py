"""Texts with a form feed (``pdftotext`` page breaks) and other characters XML 1.0 cannot hold:
every serialization stays valid and parses back with rdflib's clients and parsers, while the
document store keeps the original text."""

from __future__ import annotations

import re
from collections.abc import Iterator
from xml.dom.minidom import Document as XmlDocument
from xml.dom.minidom import parseString

import httpx
import pytest
import rdflib
from pyoxigraph import Literal, NamedNode, QueryResultsFormat, RdfFormat, parse_query_results
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import XML, SPARQLWrapper

from pkgraph.graph.store import GraphStore
from pkgraph.graph.terms import serialize_bytes
from pkgraph.graph.vocab import PK
from pkgraph.ingest.docstore import DocumentStore
from pkgraph.pipeline import ingest_paths
from pkgraph.settings import Settings
from pkgraph_api.sparql_results import REPLACEMENT, SPARQL_XML, serialize_solutions
from tests.api.live_server import LiveServer, serve

PAGE_ONE = (
    "Stadt Bochum\nSitzungsvorlage Nr. 20231234\n\nBetreff: Teilnahme am Landesprogramm Kein Kind "
    'zurücklassen\n\nDie Stadt Bochum nimmt seit 2012 am Landesprogramm "Kein Kind '
    'zurücklassen!" teil. Der Ausschuss für Kinder, Jugend und Familie hat am 12.03.2023 '
    "beschlossen, die Präventionskette fortzuführen.\n"
)
PAGE_TWO = (
    "Seite 2\n\nDas Land NRW fördert die Koordinierungsstelle mit 64.000 Euro im Jahr 2023. "
    "Der Eigenanteil <&> beträgt 20 Prozent.\x0bSteuerzeichen\x01hier.\n"
)
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
TEXTS = "SELECT ?p ?t WHERE { ?p a pk:Passage ; pk:text ?t FILTER(CONTAINS(?t, '\\f')) }"
TEXT_GRAPH = (
    "CONSTRUCT { ?p pk:text ?t } WHERE { ?p a pk:Passage ; pk:text ?t FILTER(CONTAINS(?t, '\\f')) }"
)


@pytest.fixture(scope="module")
def control_build(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    folder = tmp_path_factory.mktemp("form-feed-docs")
    (folder / "vorlage.txt").write_text(PAGE_ONE + "\f" + PAGE_TWO, encoding="utf-8")
    settings = Settings.from_env(data_dir=tmp_path_factory.mktemp("form-feed-build"))
    report = ingest_paths([folder], settings, progress=lambda _message: None)
    assert report.ok, report.failed
    return settings


@pytest.fixture(scope="module")
def server(control_build: Settings) -> Iterator[LiveServer]:
    yield from serve(control_build)


@pytest.fixture(scope="module")
def stored_texts(control_build: Settings) -> dict[str, str]:
    """The passage texts with a form feed, exactly as the graph holds them."""
    with GraphStore.open(control_build, read_only=True) as graph:
        texts = {str(row["p"]): str(row["t"]) for row in graph.select(TEXTS)}
    assert texts and all(NOT_XML.search(text) for text in texts.values())
    return texts


def _xml_safe(text: str) -> str:
    return NOT_XML.sub(REPLACEMENT, text)


def test_rdflib_sparqlstore_reads_xml_results(
    server: LiveServer, stored_texts: dict[str, str]
) -> None:
    """rdflib's SPARQLStore asks for XML results by default; it failed on the form feed."""
    graph = rdflib.Graph(SPARQLStore(f"{server.url}/sparql"))
    rows = {str(row[0]): str(row[1]) for row in graph.query(TEXTS)}  # type: ignore[index]
    assert rows == {iri: _xml_safe(text) for iri, text in stored_texts.items()}
    assert all("Seite 2" in text and "<&>" in text for text in rows.values())


def test_sparqlwrapper_xml_is_well_formed(server: LiveServer, stored_texts: dict[str, str]) -> None:
    wrapper = SPARQLWrapper(f"{server.url}/sparql")
    wrapper.setQuery(TEXTS)
    wrapper.setReturnFormat(XML)
    document = wrapper.queryAndConvert()
    assert isinstance(document, XmlDocument)
    assert len(document.getElementsByTagName("result")) == len(stored_texts)


def test_json_results_keep_the_exact_text(server: LiveServer, stored_texts: dict[str, str]) -> None:
    response = httpx.get(f"{server.url}/sparql", params={"query": TEXTS}, timeout=60)
    bindings = response.json()["results"]["bindings"]
    assert {b["p"]["value"]: b["t"]["value"] for b in bindings} == stored_texts


@pytest.mark.parametrize(
    ("media_type", "rdflib_format", "exact"),
    [
        ("application/rdf+xml", "xml", False),
        ("text/turtle", "turtle", True),
        ("application/n-triples", "nt", True),
        ("application/ld+json", "json-ld", True),
    ],
)
def test_construct_in_every_rdf_format_parses(
    server: LiveServer,
    stored_texts: dict[str, str],
    media_type: str,
    rdflib_format: str,
    exact: bool,
) -> None:
    response = httpx.get(
        f"{server.url}/sparql",
        params={"query": TEXT_GRAPH},
        headers={"Accept": media_type},
        timeout=60,
    )
    assert response.status_code == 200, response.text
    graph = rdflib.Graph().parse(data=response.content, format=rdflib_format)
    texts = {str(s): str(o) for s, _, o in graph.triples((None, rdflib.URIRef(PK + "text"), None))}
    assert texts == (
        stored_texts if exact else {iri: _xml_safe(t) for iri, t in stored_texts.items()}
    )


def test_linked_data_rdf_xml_parses(server: LiveServer, stored_texts: dict[str, str]) -> None:
    passage = sorted(stored_texts)[0]
    path = passage.removeprefix(server.settings.base_iri)
    response = httpx.get(
        f"{server.url}/{path}", headers={"Accept": "application/rdf+xml"}, timeout=60
    )
    assert response.status_code == 200, response.text
    graph = rdflib.Graph().parse(data=response.content, format="xml")
    assert str(graph.value(rdflib.URIRef(passage), rdflib.URIRef(PK + "text"))) == _xml_safe(
        stored_texts[passage]
    )


def test_exports_keep_the_exact_text(control_build: Settings, stored_texts: dict[str, str]) -> None:
    with GraphStore.open(control_build, read_only=True) as graph:
        quads = list(graph.quads())
    for rdf_format, rdflib_format in ((RdfFormat.TRIG, "trig"), (RdfFormat.N_QUADS, "nquads")):
        dataset = rdflib.Dataset().parse(
            data=serialize_bytes(quads, rdf_format), format=rdflib_format
        )
        texts = {
            str(s): str(o)
            for s, p, o, _ in dataset.quads((None, rdflib.URIRef(PK + "text"), None, None))
            if str(s) in stored_texts
        }
        assert texts == stored_texts


def test_the_document_store_keeps_the_original(control_build: Settings) -> None:
    with DocumentStore.open(control_build.documents_db) as documents:
        (document,) = list(documents.documents())
    assert document.original_text == PAGE_ONE + "\f" + PAGE_TWO


def test_xml_results_replace_only_what_xml_cannot_hold() -> None:
    value = "a\fb\x00c\x1f\ufffed\tnew\nline\r<&>\x7f\u00e4\U0001f600"
    term = Literal(value, language="de")
    body = serialize_solutions(["t"], [[term]], SPARQL_XML)
    parseString(body)  # well-formed
    parsed = list(parse_query_results(body, QueryResultsFormat.XML))  # type: ignore[arg-type]
    got = parsed[0]["t"]
    assert got == Literal(
        "a\ufffdb\ufffdc\ufffd\ufffdd\tnew\nline\r<&>\x7f\u00e4\U0001f600", language="de"
    )
    typed = Literal("x\fy", datatype=NamedNode("http://example.org/type"))
    body = serialize_solutions(["t"], [[typed]], SPARQL_XML)
    again = list(parse_query_results(body, QueryResultsFormat.XML))  # type: ignore[arg-type]
    assert again[0]["t"] == Literal("x\ufffdy", datatype=NamedNode("http://example.org/type"))
