from __future__ import annotations

from dataclasses import replace

from pyoxigraph import Literal, NamedNode, Quad, Store

from pkgraph.extract.program_catalogue import PROGRAM_CATALOGUE
from pkgraph.gazetteer import load_gazetteer
from pkgraph.graph.iris import IriScheme
from pkgraph.graph.model import (
    date,
    decimal,
    document_quads,
    gazetteer_quads,
    program_catalogue_quads,
)
from pkgraph.graph.vocab import PREFIXES, RDF_TYPE, XSD
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


def test_every_quad_lies_in_the_documents_named_graph(
    document_004: Document, extraction_004: Extraction
) -> None:
    quads = document_quads(document_004, extraction_004, IRIS)
    assert quads
    assert {q.graph_name for q in quads} == {IRIS.document_graph(document_004.doc_id)}


def test_document_node_carries_metadata_and_consultations(
    document_004: Document, extraction_004: Extraction
) -> None:
    store = in_memory(document_quads(document_004, extraction_004, IRIS))
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
    store = in_memory(document_quads(document_004, extraction_004, IRIS))
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
    store = in_memory(document_quads(document_004, extraction_004, IRIS))
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
    store = in_memory(document_quads(document_004, extraction_004, IRIS))
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
    store = in_memory(document_quads(document_004, extraction_004, IRIS))
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
    store = in_memory(document_quads(document_004, bare, IRIS))
    rows = select(
        store,
        "SELECT ?p WHERE { ?f a pk:Funding ; ?p ?o }",
    )
    predicates = {row["p"] for row in rows}
    assert PREFIXES["pk"] + "amountText" in predicates
    for absent in ("pk:amountEUR", "schema:funder", "schema:amount", "pk:purpose"):
        prefix, local = absent.split(":")
        assert PREFIXES[prefix] + local not in predicates


def test_literals_use_contract_datatypes() -> None:
    assert decimal(12_600_000.0) == Literal("12600000", datatype=NamedNode(XSD + "decimal"))
    assert decimal(0.5).value == "0.5"
    assert date("2019-02-04").datatype.value == XSD + "date"
    assert date("2019").datatype.value == XSD + "gYear"
    assert date("2019-02").datatype.value == XSD + "gYearMonth"
    assert date("Frühjahr 2019").datatype.value == XSD + "string"


def test_gazetteer_graph_has_every_municipality_with_its_kreis() -> None:
    gazetteer = load_gazetteer()
    store = in_memory(gazetteer_quads(gazetteer, IRIS))
    rows = select(store, "SELECT ?m ?ags WHERE { ?m a pk:Municipality ; pk:ags ?ags }")
    assert len(rows) == len(gazetteer)
    assert all(row["m"] == IRIS.municipality(row["ags"]).value for row in rows)
    (bergkamen,) = select(
        store,
        """SELECT ?kreis ?label WHERE { ?m pk:ags "05978004" ; pk:inKreis ?k .
            ?k skos:prefLabel ?label ; a pk:Kreis . BIND(?k AS ?kreis) }""",
    )
    assert bergkamen["label"] == "Kreis Unna"
    licences = select(store, "SELECT ?l WHERE { ?g dcterms:license ?l }")
    assert licences


def test_program_catalogue_records_renames_and_aliases() -> None:
    store = in_memory(program_catalogue_quads(PROGRAM_CATALOGUE, IRIS))
    assert {q.graph_name for q in store} == {IRIS.programs_graph}
    programs = select(store, "SELECT ?p WHERE { ?p a pk:Program }")
    assert len(programs) == len(PROGRAM_CATALOGUE)
    renamed = {entry.key: entry.successor_of for entry in PROGRAM_CATALOGUE if entry.successor_of}
    rows = select(store, "SELECT ?new ?old WHERE { ?new pk:successorOf ?old }")
    assert {(row["new"], row["old"]) for row in rows} == {
        (IRIS.program(new).value, IRIS.program(old).value) for new, old in renamed.items()
    }
    aliases = select(store, "SELECT ?a WHERE { ?p skos:altLabel ?a }")
    assert len(aliases) == sum(len(set(entry.aliases)) for entry in PROGRAM_CATALOGUE)
