"""SPARQL SELECT -> DataFrame, on a real on-disk graph store."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pyoxigraph import RdfFormat, parse

from pkgraph.dataframe import projected_variables, sparql_dataframe
from pkgraph.errors import QueryError
from pkgraph.graph.store import GraphStore
from pkgraph.settings import Settings

TWO_DOCUMENTS = """
@prefix pk: <https://w3id.org/pkgraph/ns#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<http://localhost:8000/graph/document/a> {
  <http://localhost:8000/id/document/a> a pk:Document ; dcterms:title "Sachstand" ;
      dcterms:date "2019-05-02"^^xsd:date ; pk:characterCount 9092 .
}
<http://localhost:8000/graph/document/b> {
  <http://localhost:8000/id/document/b> a pk:Document ; pk:characterCount 5087 .
}
"""

TITLES = """
SELECT ?doc ?title ?chars WHERE {
  ?doc a pk:Document ; pk:characterCount ?chars .
  OPTIONAL { ?doc dcterms:title ?title }
} ORDER BY ?chars"""


@pytest.fixture(scope="module")
def two_documents(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    settings = Settings.from_env(data_dir=tmp_path_factory.mktemp("frames"))
    with GraphStore.open(settings) as store:
        store.bulk_load(parse(TWO_DOCUMENTS.encode(), format=RdfFormat.TRIG))
    return settings


@pytest.fixture()
def store(two_documents: Settings) -> Iterator[GraphStore]:
    with GraphStore.open(two_documents, read_only=True) as opened:
        yield opened


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("SELECT ?a ?b WHERE { ?a ?b ?c }", ["a", "b"]),
        ("select distinct ?m (SAMPLE(?l) AS $label) { ?m ?p ?l } GROUP BY ?m", ["m", "label"]),
        (
            "SELECT ?t (SUM(COALESCE(?x, 0)) AS ?total) (COUNT(?f) AS ?n) WHERE {}",
            ["t", "total", "n"],
        ),
        ("PREFIX ex: <http://e/> SELECT * WHERE { ?s ?p ?o }", []),
    ],
)
def test_projected_variables(query: str, expected: list[str]) -> None:
    assert projected_variables(query) == expected


def test_rows_become_columns_in_projection_order(store: GraphStore) -> None:
    frame = sparql_dataframe(TITLES, store)
    assert list(frame.columns) == ["doc", "title", "chars"]
    assert frame["chars"].tolist() == [5087, 9092]
    assert frame["title"].isna().tolist() == [True, False]
    assert frame["title"].iloc[1] == "Sachstand"


def test_empty_result_keeps_its_columns(store: GraphStore) -> None:
    frame = sparql_dataframe("SELECT ?doc ?year WHERE { ?doc a pk:Funding }", store)
    assert frame.empty
    assert list(frame.columns) == ["doc", "year"]


def test_settings_or_environment_choose_the_data(
    two_documents: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert len(sparql_dataframe(TITLES, two_documents)) == 2
    monkeypatch.setenv("PKGRAPH_DATA_DIR", str(two_documents.data_dir))
    dated = sparql_dataframe("SELECT ?doc (YEAR(?d) AS ?year) WHERE { ?doc dcterms:date ?d }")
    assert dated["year"].tolist() == [2019]


def test_malformed_query_names_the_parameter(store: GraphStore) -> None:
    with pytest.raises(QueryError) as error:
        sparql_dataframe("SELECT ?x WHERE { ?x ", store)
    assert error.value.parameter == "sparql"


@pytest.mark.slow
def test_sample_build_documents(sample_build: Settings) -> None:
    frame = sparql_dataframe(
        "SELECT ?doc ?type WHERE { ?doc a pk:Document ; pk:documentType ?type }", sample_build
    )
    assert frame["doc"].nunique() == 5
    assert "Beschlussvorlage" in set(frame["type"])
