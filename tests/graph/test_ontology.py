"""The ontology documents every term the model writes, and the shapes cover every class."""

from __future__ import annotations

import pytest
from rdflib import OWL, RDF, RDFS, SKOS, Graph, Literal, Namespace, URIRef
from rdflib.term import Node

from pkgraph.extract.program_catalogue import PROGRAM_CATALOGUE
from pkgraph.gazetteer import load_gazetteer
from pkgraph.graph.iris import IriScheme
from pkgraph.graph.model import document_quads
from pkgraph.graph.reference import gazetteer_quads, program_catalogue_quads
from pkgraph.graph.vocab import PK, PREFIXES, RDF_TYPE
from pkgraph.records import Document, Extraction
from pkgraph.settings import ONTOLOGY_FILE, SHAPES_FILE

SH = Namespace("http://www.w3.org/ns/shacl#")
TERM_TYPES = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
REUSED_NAMESPACES = ("oparl", "org", "schema", "prov", "dcterms", "besluit")


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ONTOLOGY_FILE, format="turtle")


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(SHAPES_FILE, format="turtle")


@pytest.fixture(scope="module")
def model_terms(document_004: Document, extraction_004: Extraction) -> tuple[set[str], set[str]]:
    """(classes, predicates) in the pk namespace that the model writes."""
    iris = IriScheme("http://localhost:8000/")
    quads = [
        *document_quads(document_004, extraction_004, iris).every_quad(),
        *gazetteer_quads(load_gazetteer(), iris),
        *program_catalogue_quads(PROGRAM_CATALOGUE, iris),
    ]
    classes = {str(q.object)[1:-1] for q in quads if q.predicate == RDF_TYPE}
    predicates = {q.predicate.value for q in quads}
    return {c for c in classes if c.startswith(PK)}, {p for p in predicates if p.startswith(PK)}


def languages(graph: Graph, term: Node, predicate: URIRef) -> set[str | None]:
    return {o.language for o in graph.objects(term, predicate) if isinstance(o, Literal)}


def test_every_term_has_german_and_english_label_and_definition(ontology: Graph) -> None:
    terms = [t for kind in TERM_TYPES for t in ontology.subjects(RDF.type, kind)]
    assert len(terms) > 80
    for term in terms:
        assert languages(ontology, term, RDFS.label) >= {"de", "en"}, term
        assert languages(ontology, term, SKOS.definition) >= {"de", "en"}, term


def test_every_term_the_model_writes_is_declared(
    ontology: Graph, model_terms: tuple[set[str], set[str]]
) -> None:
    classes, predicates = model_terms
    assert {c for c in classes if (URIRef(c), RDF.type, OWL.Class) not in ontology} == set()
    declared = {str(p) for kind in TERM_TYPES[1:] for p in ontology.subjects(RDF.type, kind)}
    assert predicates - declared == set()


def test_alignments_reach_every_reused_vocabulary(ontology: Graph) -> None:
    targets = {
        str(o)
        for p in (RDFS.subClassOf, OWL.equivalentClass, RDFS.subPropertyOf)
        for o in ontology.objects(None, p)
    }
    for prefix in REUSED_NAMESPACES:
        assert any(t.startswith(PREFIXES[prefix]) for t in targets), prefix


def test_every_class_the_model_writes_has_a_shape(
    ontology: Graph, shapes: Graph, model_terms: tuple[set[str], set[str]]
) -> None:
    targeted = set(shapes.objects(None, SH.targetClass))
    classes, _predicates = model_terms
    for name in classes:
        lineage = set(ontology.transitive_objects(URIRef(name), RDFS.subClassOf))
        assert lineage & targeted, name
