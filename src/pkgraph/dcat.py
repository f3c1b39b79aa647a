"""A DCAT (DCAT-AP) description of the dataset, so that catalogues (GovData, a university's
repository) can list it: the dataset, one distribution per table and the RDF dump, and the
SPARQL endpoint as a data service, all at stable URLs under the base IRI."""

from __future__ import annotations

from pyoxigraph import Literal, NamedNode, RdfFormat, Triple, serialize

from pkgraph.datapackage import ATTRIBUTION, LICENSES, MEDIA_TYPES, RDF_DUMP, WORKBOOK
from pkgraph.datasets import TABLES
from pkgraph.graph.vocab import DCTERMS, RDF

DCAT = "http://www.w3.org/ns/dcat#"
PREFIXES = {"dcat": DCAT, "dcterms": DCTERMS}


def dataset_iri(base_iri: str) -> str:
    return f"{base_iri}datasets/#dataset"


def dcat_triples(base_iri: str) -> list[Triple]:
    """The dataset, its distributions and the SPARQL service as triples."""
    dataset = NamedNode(dataset_iri(base_iri))
    license_node = NamedNode(LICENSES[0]["path"])
    triples = [
        Triple(dataset, NamedNode(RDF + "type"), NamedNode(DCAT + "Dataset")),
        Triple(dataset, NamedNode(DCTERMS + "title"), Literal("pkgraph", language="en")),
        Triple(
            dataset,
            NamedNode(DCTERMS + "description"),
            Literal(
                "Prevention programs against child poverty in NRW council documents: "
                "participations, funding, decisions, bodies, persons and documents, each fact "
                "with its source passage and quote.",
                language="en",
            ),
        ),
        Triple(dataset, NamedNode(DCTERMS + "license"), license_node),
        Triple(dataset, NamedNode(DCTERMS + "rights"), Literal(ATTRIBUTION, language="en")),
        Triple(dataset, NamedNode(DCAT + "landingPage"), NamedNode(f"{base_iri}datasets")),
        Triple(dataset, NamedNode(DCTERMS + "spatial"), Literal("Nordrhein-Westfalen")),
    ]

    def distribution(name: str, title: str, url: str, media_type: str) -> None:
        node = NamedNode(f"{base_iri}datasets/#{name}")
        triples.extend(
            [
                Triple(dataset, NamedNode(DCAT + "distribution"), node),
                Triple(node, NamedNode(RDF + "type"), NamedNode(DCAT + "Distribution")),
                Triple(node, NamedNode(DCTERMS + "title"), Literal(title, language="en")),
                Triple(node, NamedNode(DCAT + "downloadURL"), NamedNode(url)),
                Triple(node, NamedNode(DCAT + "mediaType"), Literal(media_type)),
                Triple(node, NamedNode(DCTERMS + "license"), license_node),
            ]
        )

    for table in TABLES:
        url = f"{base_iri}datasets/{table.name}.csv"
        distribution(table.name, table.title, url, "text/csv")
    workbook_url = f"{base_iri}datasets/{WORKBOOK}"
    distribution("workbook", "All tables (XLSX)", workbook_url, MEDIA_TYPES["xlsx"])
    distribution("graph", "RDF dump", f"{base_iri}datasets/{RDF_DUMP}", "application/n-quads")
    distribution(
        "datapackage",
        "Frictionless Data Package",
        f"{base_iri}datasets/datapackage.json",
        "application/json",
    )
    service = NamedNode(f"{base_iri}sparql")
    triples.extend(
        [
            Triple(service, NamedNode(RDF + "type"), NamedNode(DCAT + "DataService")),
            Triple(service, NamedNode(DCAT + "endpointURL"), service),
            Triple(service, NamedNode(DCAT + "servesDataset"), dataset),
            Triple(
                service, NamedNode(DCTERMS + "title"), Literal("SPARQL endpoint", language="en")
            ),
        ]
    )
    return triples


def dcat_turtle(base_iri: str) -> str:
    data = serialize(dcat_triples(base_iri), format=RdfFormat.TURTLE, prefixes=PREFIXES)
    assert data is not None
    return data.decode("utf-8")
