"""IRIs of the pkgraph ontology and of the vocabularies it reuses.

The graph contract used by every consumer (search filters, API, networks, notebooks).
The ontology itself, with labels, definitions and alignments, is ``ontology/pkgraph.ttl``.
"""

from __future__ import annotations

from pyoxigraph import NamedNode

PK = "https://w3id.org/pkgraph/ns#"
OPARL = "http://oparl.org/schema/1.1/"
ORG = "http://www.w3.org/ns/org#"
SCHEMA = "https://schema.org/"
PROV = "http://www.w3.org/ns/prov#"
DCTERMS = "http://purl.org/dc/terms/"
BESLUIT = "http://data.vlaanderen.be/ns/besluit#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
FOAF = "http://xmlns.com/foaf/0.1/"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"

PREFIXES: dict[str, str] = {
    "pk": PK,
    "oparl": OPARL,
    "org": ORG,
    "schema": SCHEMA,
    "prov": PROV,
    "dcterms": DCTERMS,
    "besluit": BESLUIT,
    "skos": SKOS,
    "foaf": FOAF,
    "rdf": RDF,
    "rdfs": RDFS,
    "xsd": XSD,
}


def sparql_prefixes() -> str:
    """PREFIX lines for every namespace above, to prepend to a query."""
    return "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())


def pk(local: str) -> NamedNode:
    return NamedNode(PK + local)


RDF_TYPE = NamedNode(RDF + "type")
