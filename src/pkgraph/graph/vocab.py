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

# Terms of the reused vocabularies that the model writes.
DC_TITLE = NamedNode(DCTERMS + "title")
DC_DATE = NamedNode(DCTERMS + "date")
DC_SOURCE = NamedNode(DCTERMS + "source")
DC_IDENTIFIER = NamedNode(DCTERMS + "identifier")
DC_LICENSE = NamedNode(DCTERMS + "license")
DC_RIGHTS = NamedNode(DCTERMS + "rights")
PREF_LABEL = NamedNode(SKOS + "prefLabel")
ALT_LABEL = NamedNode(SKOS + "altLabel")
FOAF_NAME = NamedNode(FOAF + "name")
ORG_MEMBER = NamedNode(ORG + "member")
ORG_ORGANIZATION = NamedNode(ORG + "organization")
PROV_DERIVED_FROM = NamedNode(PROV + "wasDerivedFrom")
SCHEMA_NAME = NamedNode(SCHEMA + "name")
SCHEMA_START_DATE = NamedNode(SCHEMA + "startDate")
SCHEMA_LOCATION = NamedNode(SCHEMA + "location")
SCHEMA_UNIT_TEXT = NamedNode(SCHEMA + "unitText")
SCHEMA_FUNDER = NamedNode(SCHEMA + "funder")
SCHEMA_AMOUNT = NamedNode(SCHEMA + "amount")
SCHEMA_VALUE = NamedNode(SCHEMA + "value")
SCHEMA_CURRENCY = NamedNode(SCHEMA + "currency")
SCHEMA_MONETARY_AMOUNT = NamedNode(SCHEMA + "MonetaryAmount")
SCHEMA_LATITUDE = NamedNode(SCHEMA + "latitude")
SCHEMA_LONGITUDE = NamedNode(SCHEMA + "longitude")
