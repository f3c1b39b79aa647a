"""RDF terms as the web pages show them: labels, German vocabulary names and local links.

IRIs under the configured base become root-relative links, so the pages work on any host and
port; other IRIs stay external links. Vocabulary terms get the German ``rdfs:label`` of the
ontology file (ontology/pkgraph.ttl) or, for reused vocabularies, a German name given here.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Protocol

from pyoxigraph import BlankNode, Literal, NamedNode, RdfFormat, parse

from pkgraph.graph.vocab import (
    DCTERMS,
    FOAF,
    ORG,
    PK,
    PREFIXES,
    PROV,
    RDFS,
    SCHEMA,
    SKOS,
    sparql_prefixes,
)
from pkgraph.settings import ONTOLOGY_FILE

Term = NamedNode | Literal | BlankNode
Row = dict[str, Term | None]

QUOTE_CHARS = 100


class GraphReader(Protocol):
    """The read side of :class:`pkgraph.graph.store.GraphStore` that the pages use."""

    def query(self, sparql: str) -> Any: ...


@dataclass(frozen=True)
class Node:
    """An RDF term as a page shows it: text, plus a link target for IRIs."""

    text: str
    iri: str | None = None
    href: str | None = None
    datatype: str | None = None

    @property
    def is_local(self) -> bool:
        return self.href is not None and self.href.startswith("/")


def local_href(iri: str, base_iri: str) -> str:
    """The link for an IRI: a root-relative path under our base, else the IRI itself."""
    return "/" + iri[len(base_iri) :] if iri.startswith(base_iri) else iri


def curie(iri: str) -> str:
    """``pk:amountEUR`` for a known namespace; the IRI otherwise."""
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return f"{prefix}:{iri[len(namespace) :]}"
    return iri


@cache
def vocabulary_labels(ontology_file: Path = ONTOLOGY_FILE) -> dict[str, str]:
    """German (else English) ``rdfs:label`` of every ontology term, for readable tables."""
    if not ontology_file.is_file():
        return {}
    labels: dict[str, tuple[int, str]] = {}
    preference = {"de": 0, "en": 1}
    for triple in parse(path=ontology_file, format=RdfFormat.TURTLE):
        obj = triple.object
        if triple.predicate.value != RDFS + "label" or not isinstance(obj, Literal):
            continue
        rank = preference.get(obj.language or "", 2)
        key = triple.subject.value
        if key not in labels or rank < labels[key][0]:
            labels[key] = (rank, obj.value)
    return {iri: text for iri, (_, text) in labels.items()}


#: German names of the reused vocabulary terms the ontology file does not label.
REUSED_TERM_LABELS = {
    SKOS + "prefLabel": "Bezeichnung",
    SKOS + "altLabel": "Weitere Bezeichnung",
    RDFS + "label": "Bezeichnung",
    DCTERMS + "title": "Titel",
    DCTERMS + "date": "Datum",
    DCTERMS + "source": "Quelle",
    FOAF + "name": "Name",
    SCHEMA + "name": "Name",
    SCHEMA + "funder": "Geldgeber",
    SCHEMA + "amount": "Betrag",
    SCHEMA + "startDate": "Beginn",
    SCHEMA + "location": "Ort",
    SCHEMA + "currency": "Währung",
    SCHEMA + "value": "Wert",
    SCHEMA + "latitude": "Breitengrad",
    SCHEMA + "longitude": "Längengrad",
    PROV + "wasDerivedFrom": "Abgeleitet aus",
    ORG + "member": "Mitglied",
    ORG + "organization": "Organisation",
}


def term_label(iri: str) -> str:
    """A readable German name of a vocabulary term: its ontology label, else its CURIE."""
    return vocabulary_labels().get(iri) or REUSED_TERM_LABELS.get(iri) or curie(iri)


def class_kind(iri: str) -> str:
    """The lower-case local name of a pk: class (``funding``), used as a CSS class."""
    return iri[len(PK) :].lower() if iri.startswith(PK) else "other"


class Terms:
    """Turns query results into :class:`Node` values, with labels and local links."""

    def __init__(self, base_iri: str) -> None:
        self.base_iri = base_iri

    def node(self, term: Term | None, label: Term | None = None) -> Node | None:
        if term is None:
            return None
        if isinstance(term, NamedNode):
            text = label.value if label is not None else self.iri_text(term.value)
            return Node(text, term.value, local_href(term.value, self.base_iri))
        if isinstance(term, Literal):
            datatype = term.datatype.value if term.datatype else None
            return Node(term.value, datatype=curie(datatype) if datatype else None)
        return Node(f"_:{term.value}")

    def iri_text(self, iri: str) -> str:
        """Fallback text of an unlabelled IRI: vocabulary label or the local path."""
        if iri.startswith(self.base_iri):
            return iri[len(self.base_iri) :]
        return term_label(iri)


# --- query results ----------------------------------------------------------------------------


def select(graph: GraphReader, sparql: str) -> list[Row]:
    """Run a SELECT with the project's prefixes; rows map variable names to terms."""
    solutions = graph.query(sparql_prefixes() + sparql)
    names = [variable.value for variable in solutions.variables]
    return [{name: solution[name] for name in names} for solution in solutions]


def text_of(term: Term | None) -> str:
    return "" if term is None else term.value


def int_of(term: Term | None) -> int:
    try:
        return int(float(term.value)) if term is not None else 0
    except ValueError:
        return 0


def iri_ref(iri: str) -> str:
    """``<iri>`` for embedding in a query, refusing characters that could break out of it."""
    if any(char in iri for char in '<>"{}|^`\\ \n\t'):
        raise ValueError(f"not an IRI: {iri!r}")
    return f"<{iri}>"


def required(node: Node | None) -> Node:
    if node is None:
        raise ValueError("query returned an unbound subject")
    return node


def shorten(text: str, limit: int = QUOTE_CHARS) -> str:
    """Whitespace collapsed, cut at ``limit`` characters with an ellipsis."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"
