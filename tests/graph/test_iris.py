from __future__ import annotations

from pkgraph.graph.iris import FACT_KINDS, IriScheme
from pkgraph.settings import Settings


def test_iris_follow_the_documented_scheme() -> None:
    iris = IriScheme("https://example.org/kg/")
    assert iris.document("abc").value == "https://example.org/kg/id/document/abc"
    assert iris.passage("abc", 3).value == "https://example.org/kg/id/passage/abc/3"
    assert iris.municipality("05978004").value == "https://example.org/kg/id/municipality/05978004"
    assert iris.program("kinderstark").value == "https://example.org/kg/id/program/kinderstark"
    assert iris.body("kreistag").value == "https://example.org/kg/id/body/kreistag"
    assert iris.person("wenske").value == "https://example.org/kg/id/person/wenske"
    assert iris.document_graph("abc").value == "https://example.org/kg/graph/document/abc"
    assert iris.gazetteer_graph.value == "https://example.org/kg/graph/gazetteer"
    assert iris.programs_graph.value == "https://example.org/kg/graph/programs"
    for kind in FACT_KINDS:
        assert iris.fact(kind, "abc", 7).value == f"https://example.org/kg/id/{kind}/abc/7"


def test_base_comes_from_settings_and_gets_a_trailing_slash() -> None:
    settings = Settings(base_iri="https://example.org/kg")
    iris = IriScheme.from_settings(settings)
    assert iris.document("x").value == "https://example.org/kg/id/document/x"


def test_keys_outside_the_slug_alphabet_are_percent_encoded() -> None:
    iris = IriScheme("http://localhost:8000/")
    assert iris.body("a b/c").value == "http://localhost:8000/id/body/a%20b%2Fc"


def test_doc_id_of_graph_inverts_document_graph() -> None:
    iris = IriScheme("http://localhost:8000/")
    assert iris.doc_id_of_graph(iris.document_graph("0123abcd")) == "0123abcd"
    assert iris.doc_id_of_graph(iris.gazetteer_graph) is None
