from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from pyoxigraph import NamedNode, Quad, QuerySolutions

from pkgraph.errors import PkgraphError, QueryError
from pkgraph.graph.store import GraphStore
from pkgraph.records import Document, Extraction
from pkgraph.settings import Settings

FUNDING_BY_FUNDER = """
SELECT ?funderLabel (SUM(?amount) AS ?total) (COUNT(?f) AS ?n) WHERE {
  ?f a pk:Funding ; schema:funder ?funder ; pk:amountEUR ?amount .
  ?funder skos:prefLabel ?funderLabel .
} GROUP BY ?funderLabel"""


@pytest.fixture()
def fresh_settings(any_backend: Settings) -> Settings:
    """Every test here runs on each backend: the embedded store and the remote servers."""
    return any_backend


def graphs_snapshot(store: GraphStore) -> dict[str, set[Quad]]:
    """Every named graph's quads, by graph IRI."""
    snapshot: dict[str, set[Quad]] = {}
    for quad in store.quads():
        snapshot.setdefault(quad.graph_name.value, set()).add(quad)  # type: ignore[union-attr]
    return snapshot


def test_store_persists_on_disk_and_answers_sparql_after_reopening(
    store_004: Settings, document_004: Document
) -> None:
    with GraphStore.open(store_004, read_only=True) as store:
        rows = store.select(FUNDING_BY_FUNDER)
        assert rows == [
            {"funderLabel": "Landesregierung Nordrhein-Westfalen", "total": 64000.0, "n": 1}
        ]
        assert store.document_ids() == [document_004.doc_id]
        assert store.count_triples(document_004.doc_id) > 100
        assert store.count_triples() > store.count_triples(document_004.doc_id)


def test_reference_data_is_loaded_once(store_004: Settings) -> None:
    with GraphStore.open(store_004) as store:
        before = store.count_triples()
        assert store.ensure_reference_data() == 0
        assert store.count_triples() == before
        (row,) = store.select(
            "SELECT (COUNT(?m) AS ?n) WHERE { GRAPH ?g { ?m a pk:Municipality } }"
        )
        assert row["n"] == 427
        chain = store.select(
            """SELECT ?old WHERE { ?new skos:prefLabel ?label ; pk:successorOf+ ?old .
                 FILTER(STRSTARTS(?label, "kinderstark")) }"""
        )
        assert {row["old"] for row in chain} == {
            store.iris.program("kommunale-praeventionsketten").value,
            store.iris.program("kein-kind-zuruecklassen-nrw").value,
            store.iris.program("kein-kind-zuruecklassen").value,
        }


def test_replacing_a_document_changes_only_its_named_graph(
    store_003_004: Settings,
    document_003: Document,
    extraction_003: Extraction,
    document_004: Document,
    extraction_004: Extraction,
) -> None:
    graph_004 = f"{store_003_004.base_iri}graph/document/{document_004.doc_id}"
    (funding,) = extraction_004.funding
    changed = replace(extraction_004, funding=(replace(funding, amount_eur=65000.0),), events=())
    with GraphStore.open(store_003_004) as store:
        before = graphs_snapshot(store)
        written = store.replace_document(document_004, changed)
        after = graphs_snapshot(store)
        assert written == store.count_triples(document_004.doc_id)
        assert set(before) == set(after)
        for graph in before:
            if graph != graph_004:
                assert before[graph] == after[graph], graph
        removed = {str(q.object) for q in before[graph_004] - after[graph_004]}
        added = {str(q.object) for q in after[graph_004] - before[graph_004]}
        assert '"64000"^^<http://www.w3.org/2001/XMLSchema#decimal>' in removed
        assert '"65000"^^<http://www.w3.org/2001/XMLSchema#decimal>' in added
        assert not store.select("SELECT ?e WHERE { ?e a pk:Event }")
        assert store.select(FUNDING_BY_FUNDER)[0]["total"] == 65000.0


def test_removing_a_document_drops_exactly_its_graph(
    store_003_004: Settings,
    document_003: Document,
    extraction_003: Extraction,
    document_004: Document,
    extraction_004: Extraction,
) -> None:
    with GraphStore.open(store_003_004) as store:
        kept = store.count_triples(document_003.doc_id)
        total = store.count_triples()
        dropped = store.count_triples(document_004.doc_id)
        descriptions = set(store.quads(store.iris.entities_graph))
        assert store.remove_document(document_004.doc_id)
        assert not store.remove_document(document_004.doc_id)
        assert store.document_ids() == [document_003.doc_id]
        gone = descriptions - set(store.quads(store.iris.entities_graph))
        assert gone and store.count_triples() == total - dropped - len(gone)
        assert store.count_triples(document_003.doc_id) == kept
        # the description of a body only 004 mentioned left with it, those 003 names stayed
        assert not store.select('SELECT ?b WHERE { ?b skos:prefLabel "Rat der Stadt Bergkamen" }')
        graph_003 = store.iris.document_graph(document_003.doc_id).value
        named_by_003 = store.select(
            f"SELECT DISTINCT ?e WHERE {{ GRAPH <{graph_003}> {{ ?s ?p ?e }} "
            "?e a ?t FILTER(?t IN (pk:Body, pk:Person, pk:Program)) }"
        )
        assert named_by_003
        for row in named_by_003:
            assert (
                len(store.select(f"SELECT ?l WHERE {{ <{row['e']}> skos:prefLabel|foaf:name ?l }}"))
                == 1
            )


def test_query_defaults_to_the_union_and_can_be_restricted_to_graphs(
    store_003_004: Settings,
    document_003: Document,
    extraction_003: Extraction,
    document_004: Document,
    extraction_004: Extraction,
) -> None:
    with GraphStore.open(store_003_004, read_only=True) as store:
        decisions = "SELECT ?d WHERE { ?d a pk:Decision }"
        assert len(store.select(decisions)) == 2
        only_003 = store.query(
            decisions, default_graph=store.iris.document_graph(document_003.doc_id)
        )
        assert isinstance(only_003, QuerySolutions)
        (row,) = list(only_003)
        assert "/decision/" + document_003.doc_id in row["d"].value
        named = store.query(
            "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g",
            named_graphs=[store.iris.gazetteer_graph],
        )
        graphs = [solution["g"] for solution in named]  # type: ignore[union-attr]
        assert graphs == [NamedNode(store.iris.gazetteer_graph.value)]


def test_select_returns_python_values(store_004: Settings) -> None:
    with GraphStore.open(store_004, read_only=True) as store:
        (row,) = store.select(
            """SELECT ?year ?votes ?amount ?label ?iri WHERE {
                 ?iri a pk:Funding ; pk:amountEUR ?amount ; pk:amountText ?label .
                 OPTIONAL { ?iri pk:fundingYear ?year }
                 BIND (3 AS ?votes) }"""
        )
    assert row == {
        "year": None,
        "votes": 3,
        "amount": 64000.0,
        "label": "64.000 Euro",
        "iri": row["iri"],
    }
    assert isinstance(row["iri"], str) and row["iri"].startswith(store_004.base_iri)


def test_bad_sparql_names_the_parameter(store_004: Settings) -> None:
    with GraphStore.open(store_004, read_only=True) as store, pytest.raises(QueryError) as error:
        store.select("SELECT ?x WHERE { ?x a }")
    assert error.value.parameter == "sparql"


def test_opening_a_missing_store_read_only_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(PkgraphError, match="no graph store"):
        GraphStore.open(Settings.from_env(data_dir=tmp_path), read_only=True)


def test_a_closed_store_refuses_use(store_004: Settings) -> None:
    store = GraphStore.open(store_004, read_only=True)
    store.close()
    with pytest.raises(PkgraphError, match="closed"):
        store.count_triples()


@pytest.mark.slow
def test_sample_build_has_a_graph_per_document(sample_build: Settings) -> None:
    with GraphStore.open(sample_build, read_only=True) as store:
        doc_ids = store.document_ids()
        assert len(doc_ids) == 5
        counts = {doc_id: store.count_triples(doc_id) for doc_id in doc_ids}
        assert all(count > 50 for count in counts.values()), counts
        rows = store.select(
            """SELECT ?doc (COUNT(DISTINCT ?p) AS ?passages) WHERE {
                 ?p a pk:Passage ; pk:inDocument ?doc } GROUP BY ?doc"""
        )
        assert len(rows) == 5
        assert all(isinstance(row["passages"], int) and row["passages"] > 0 for row in rows)
