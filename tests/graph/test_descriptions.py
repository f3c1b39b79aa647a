"""Entity descriptions live once (issue 16): the union gives each triple once, the natural
label joins a researcher writes return what the graph-by-graph forms return, and a
description leaves with the last document naming it."""

from __future__ import annotations

from collections import Counter

import pytest

from pkgraph.graph.store import GraphStore
from pkgraph.records import Document, Extraction
from pkgraph.settings import Settings
from tests.graph.conftest import COUNCIL, renamed_body


@pytest.fixture()
def fresh_settings(any_backend: Settings) -> Settings:
    """Each test on the embedded store, `oxigraph serve` and Virtuoso."""
    return any_backend


ENTITY_CLASSES = "FILTER(?t IN (pk:Body, pk:Person, pk:Program))"


def rows(store: GraphStore, sparql: str) -> Counter[tuple[object, ...]]:
    """The solutions as a multiset: a duplicate row counts."""
    return Counter(tuple(row.values()) for row in store.select(sparql))


def test_every_entity_is_described_once_in_the_union(store_003_004: Settings) -> None:
    with GraphStore.open(store_003_004) as store:
        per_entity = store.select(
            f"""SELECT ?e (COUNT(?l) AS ?labels) (COUNT(DISTINCT ?g) AS ?graphs) WHERE {{
                  GRAPH ?g {{ ?e a ?t {ENTITY_CLASSES} }}
                  OPTIONAL {{ ?e skos:prefLabel|foaf:name ?l }} }} GROUP BY ?e"""
        )
        assert len(per_entity) > 10
        assert {(row["graphs"]) for row in per_entity} == {1}
        # a union triple pattern counts each stored triple once, wherever the store keeps it
        assert max(int(row["labels"] or 0) for row in per_entity) == 1
        quads = list(store.quads())
        triples = Counter(q.triple for q in quads)
        assert [t for t, n in triples.items() if n > 1] == []


def test_natural_label_joins_equal_the_graph_by_graph_forms(store_003_004: Settings) -> None:
    natural_and_explicit = [
        (
            "SELECT ?p ?l WHERE { ?p a pk:Participation ; pk:inProgram/skos:prefLabel ?l }",
            """SELECT ?p ?l WHERE { GRAPH ?g { ?p a pk:Participation ; pk:inProgram ?prog }
                 GRAPH ?d { ?prog skos:prefLabel ?l } }""",
        ),
        (
            "SELECT ?b ?l WHERE { ?b a pk:Body ; skos:prefLabel ?l }",
            "SELECT ?b ?l WHERE { GRAPH ?d { ?b a pk:Body ; skos:prefLabel ?l } }",
        ),
        (
            """SELECT ?f ?funder WHERE { ?f a pk:Funding ; schema:funder ?x .
                 ?x skos:prefLabel ?funder }""",
            """SELECT ?f ?funder WHERE { GRAPH ?g { ?f a pk:Funding ; schema:funder ?x }
                 GRAPH ?d { ?x skos:prefLabel ?funder } }""",
        ),
    ]
    with GraphStore.open(store_003_004) as store:
        for natural, explicit in natural_and_explicit:
            found = rows(store, natural)
            assert found, natural
            assert found == rows(store, explicit)
            assert set(found.values()) == {1}, natural  # no row twice


def label(store: GraphStore, key: str) -> list[object]:
    return [
        r["l"]
        for r in store.select(
            f"SELECT ?l WHERE {{ <{store.iris.body(key).value}> skos:prefLabel ?l }}"
        )
    ]


def test_the_only_document_naming_an_entity_renews_its_description(
    store_003_004: Settings, document_004: Document, extraction_004: Extraction
) -> None:
    rat = COUNCIL  # named by 004 only
    with GraphStore.open(store_003_004) as store:
        assert label(store, rat) == ["Rat der Stadt Bergkamen"]
        store.replace_document(document_004, renamed_body(extraction_004, rat, "Stadtrat"))
        assert label(store, rat) == ["Stadtrat"]


def test_a_shared_description_stays_until_its_last_document_goes(
    store_003_004: Settings,
    document_003: Document,
    extraction_003_naming_the_council: Extraction,
    document_004: Document,
) -> None:
    with GraphStore.open(store_003_004) as store:
        store.replace_document(document_003, extraction_003_naming_the_council)
        assert label(store, COUNCIL) == ["Rat der Stadt Bergkamen"]  # the first one stays
        assert store.remove_document(document_004.doc_id)
        assert label(store, COUNCIL) == ["Rat der Stadt Bergkamen"]
        assert store.remove_document(document_003.doc_id)
        assert label(store, COUNCIL) == []
        described = store.select(
            f"SELECT ?e WHERE {{ GRAPH <{store.iris.entities_graph.value}> {{ ?e ?p ?o }} }}"
        )
        assert described == []
