from __future__ import annotations

from dataclasses import replace

from pyoxigraph import NamedNode, Quad, Store

from pkgraph.graph.iris import IriScheme
from pkgraph.graph.model import document_quads
from pkgraph.graph.vocab import PREFIXES, RDF_TYPE
from pkgraph.records import Document, Extraction

IRIS = IriScheme("http://localhost:8000/")
FACT_CLASSES = ("Decision", "Funding", "Participation", "JointApplication", "Event", "Membership")


def in_memory(quads: list[Quad]) -> Store:
    store = Store()
    store.extend(quads)
    return store


def select(store: Store, sparql: str) -> list[dict[str, str]]:
    result = store.query(sparql, prefixes=PREFIXES, use_default_graph_as_union=True)
    names = [v.value for v in result.variables]  # type: ignore[union-attr]
    return [
        {n: row[n].value for n in names if row[n] is not None}
        for row in result  # type: ignore[union-attr]
    ]


def test_facts_lie_in_the_documents_graph_and_descriptions_apart(
    document_004: Document, extraction_004: Extraction
) -> None:
    model = document_quads(document_004, extraction_004, IRIS)
    assert {q.graph_name for q in model.graph} == {IRIS.document_graph(document_004.doc_id)}
    described = {q.subject.value for quads in model.descriptions.values() for q in quads}
    assert described == set(model.descriptions)
    assert {q.graph_name for q in model.every_quad()[len(model.graph) :]} == {IRIS.entities_graph}
    # the document graph types no entity and labels none: that is the descriptions' job
    entity_types = {PREFIXES["pk"] + name for name in ("Body", "Person", "Program")}
    assert not [
        q for q in model.graph if q.predicate == RDF_TYPE and q.object.value in entity_types
    ]
    assert not [q for q in model.graph if q.subject.value in described]


def test_document_node_carries_metadata_and_consultations(
    document_004: Document, extraction_004: Extraction
) -> None:
    store = in_memory(document_quads(document_004, extraction_004, IRIS).every_quad())
    (row,) = select(
        store,
        """SELECT ?title ?type ?date ?count ?issuer ?source WHERE {
            ?d a pk:Document ; dcterms:title ?title ; pk:documentType ?type ; dcterms:date ?date ;
               pk:characterCount ?count ; pk:issuedBy ?issuer ; dcterms:source ?source }""",
    )
    assert row["type"] == "Beschlussvorlage"
    assert row["date"] == "2012-06-05"
    assert int(row["count"]) == len(document_004.original_text)
    assert row["issuer"] == IRIS.municipality("05978004").value
    assert row["source"] == document_004.source
    consultations = select(
        store,
        """SELECT ?order ?body WHERE { ?d pk:consultation ?c .
            ?c pk:order ?order ; pk:consultingBody ?body } ORDER BY ?order""",
    )
    assert len(consultations) == len(document_004.metadata.consultations)
    # the Beratungsfolge names "Jugendhilfeausschuss": the extracted "... (Bergkamen)"
    assert consultations[0]["body"] == IRIS.body("jugendhilfeausschuss-bergkamen").value
    assert consultations[2]["body"] == IRIS.body("rat-der-stadt-bergkamen").value


def test_passages_keep_offsets_and_original_text(
    document_004: Document, extraction_004: Extraction
) -> None:
    store = in_memory(document_quads(document_004, extraction_004, IRIS).every_quad())
    rows = select(
        store,
        """SELECT ?index ?start ?end ?text WHERE {
            ?p a pk:Passage ; pk:passageIndex ?index ; pk:startOffset ?start ;
               pk:endOffset ?end ; pk:text ?text }""",
    )
    assert len(rows) == len(document_004.passages)
    for row in rows:
        assert row["text"] == document_004.original_text[int(row["start"]) : int(row["end"])]


def test_every_fact_has_provenance_pointing_into_the_passage_holding_its_evidence(
    document_004: Document, extraction_004: Extraction
) -> None:
    store = in_memory(document_quads(document_004, extraction_004, IRIS).every_quad())
    rows = select(
        store,
        """SELECT ?fact ?start ?end ?quote ?extractor ?confidence ?pstart ?pend ?doc WHERE {
            ?fact pk:startOffset ?start ; pk:endOffset ?end ; pk:quote ?quote ;
                  pk:extractor ?extractor ; pk:confidence ?confidence ; pk:inDocument ?doc ;
                  prov:wasDerivedFrom ?passage .
            ?passage pk:startOffset ?pstart ; pk:endOffset ?pend }""",
    )
    facts = {row["fact"] for row in rows}
    for class_name in (*FACT_CLASSES, "Mention"):
        instances = {
            row["f"] for row in select(store, f"SELECT ?f WHERE {{ ?f a pk:{class_name} }}")
        }
        assert instances, class_name
        assert instances <= facts, class_name
    text = document_004.original_text
    for row in rows:
        start, end = int(row["start"]), int(row["end"])
        assert int(row["pstart"]) <= start < int(row["pend"])
        assert text[start:end] == row["quote"]
        assert row["extractor"].endswith("/0.1.0")
        assert 0 <= float(row["confidence"]) <= 1
        assert row["doc"] == IRIS.document(document_004.doc_id).value


def test_entities_are_typed_and_labelled_in_the_document_graph(
    document_004: Document, extraction_004: Extraction
) -> None:
    store = in_memory(document_quads(document_004, extraction_004, IRIS).every_quad())
    council = NamedNode(IRIS.body("rat-der-stadt-bergkamen").value)
    types = {str(q.object) for q in store.quads_for_pattern(council, RDF_TYPE, None)}
    assert types == {f"<{PREFIXES['pk']}Body>", f"<{PREFIXES['pk']}Council>"}
    labels = select(store, "SELECT ?p ?label WHERE { ?p a pk:Program ; skos:prefLabel ?label }")
    assert {row["label"] for row in labels} == {p.name for p in extraction_004.programs}
    (part,) = select(store, "SELECT ?child ?parent WHERE { ?child pk:partOfProgram ?parent }")
    assert part["parent"] == IRIS.program("kein-kind-zuruecklassen").value
    (person,) = select(store, "SELECT ?name WHERE { ?p a pk:Person ; foaf:name ?name }")
    assert person["name"] == "Wenske"
    mentioned = select(store, "SELECT DISTINCT ?e WHERE { ?passage a pk:Passage ; pk:mentions ?e }")
    assert IRIS.municipality("05978004").value in {row["e"] for row in mentioned}


def test_funding_has_decimal_amount_and_monetary_amount(
    document_004: Document, extraction_004: Extraction
) -> None:
    store = in_memory(document_quads(document_004, extraction_004, IRIS).every_quad())
    (row,) = select(
        store,
        """SELECT ?amount ?value ?currency ?funder ?recipient WHERE {
            ?f a pk:Funding ; pk:amountEUR ?amount ; schema:funder ?funder ;
               pk:recipient ?recipient ; schema:amount ?m .
            ?m a schema:MonetaryAmount ; schema:value ?value ; schema:currency ?currency }""",
    )
    assert row["amount"] == row["value"] == "64000"
    assert row["currency"] == "EUR"
    assert row["recipient"] == IRIS.municipality("05978").value
    assert row["funder"] == IRIS.body("landesregierung-nordrhein-westfalen").value


def test_unknown_values_produce_no_triples(
    document_004: Document, extraction_004: Extraction
) -> None:
    (funding,) = extraction_004.funding
    bare = replace(
        extraction_004,
        funding=(replace(funding, amount_eur=None, funder=None, funder_key=None, purpose=None),),
    )
    store = in_memory(document_quads(document_004, bare, IRIS).every_quad())
    rows = select(
        store,
        "SELECT ?p WHERE { ?f a pk:Funding ; ?p ?o }",
    )
    predicates = {row["p"] for row in rows}
    assert PREFIXES["pk"] + "amountText" in predicates
    for absent in ("pk:amountEUR", "schema:funder", "schema:amount", "pk:purpose"):
        prefix, local = absent.split(":")
        assert PREFIXES[prefix] + local not in predicates
