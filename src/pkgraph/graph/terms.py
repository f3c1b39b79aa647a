"""The building blocks of every graph pkgraph writes: typed literals and a quad collector."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from typing import TypeVar

from pyoxigraph import Literal, NamedNode, Quad, RdfFormat, Triple, serialize

from pkgraph.graph.vocab import PREFIXES, RDF_TYPE, XSD, pk

Term = NamedNode | Literal
T = TypeVar("T")

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_ISO_YEAR_MONTH = re.compile(r"\d{4}-\d{2}")
_ISO_YEAR = re.compile(r"\d{4}")
_INTEGER = NamedNode(XSD + "integer")
_DECIMAL = NamedNode(XSD + "decimal")
_DATE_TYPES = (
    (_ISO_DATE, NamedNode(XSD + "date")),
    (_ISO_YEAR_MONTH, NamedNode(XSD + "gYearMonth")),
    (_ISO_YEAR, NamedNode(XSD + "gYear")),
)

#: ``pk(local)`` built once per name: a document's model asks for the same few dozen terms
#: for every one of its quads (terms are immutable, so sharing them is safe).
pk_term = cache(pk)


def string(value: str) -> Literal:
    return Literal(value)


def integer(value: int) -> Literal:
    return Literal(str(int(value)), datatype=_INTEGER)


def decimal(value: float) -> Literal:
    """An ``xsd:decimal`` (never in exponent notation, which xsd:decimal forbids)."""
    text = format(Decimal(repr(float(value))).normalize(), "f")
    return Literal(text, datatype=_DECIMAL)


def date(value: str) -> Literal:
    """An ISO date as ``xsd:date``, ``xsd:gYearMonth`` or ``xsd:gYear``; else a plain string."""
    for pattern, datatype in _DATE_TYPES:
        if pattern.fullmatch(value):
            return Literal(value, datatype=datatype)
    return Literal(value)


def optional(convert: Callable[[T], Literal], value: T | None) -> Literal | None:
    return None if value is None else convert(value)


@dataclass
class GraphWriter:
    """Collects quads of one named graph; ``None`` objects are skipped (unknown values)."""

    graph: NamedNode
    quads: list[Quad] = field(default_factory=list)

    def add(self, subject: NamedNode, predicate: NamedNode, obj: Term | None) -> None:
        if obj is not None:
            self.quads.append(Quad(subject, predicate, obj, self.graph))

    def add_type(self, subject: NamedNode, *local_names: str) -> None:
        for name in local_names:
            self.add(subject, RDF_TYPE, pk_term(name))


# --- serialisation ----------------------------------------------------------------------------


def serialize_bytes(
    items: Iterable[Quad] | Iterable[Triple], rdf_format: RdfFormat, prefixes: bool = False
) -> bytes:
    """``items`` serialized in memory (with the pkgraph prefixes if asked and supported)."""
    data = serialize(items, format=rdf_format, prefixes=PREFIXES if prefixes else None)
    assert data is not None  # no output file given, so pyoxigraph returns the bytes
    return data


def insert_data(graph: NamedNode, quads: Iterable[Quad]) -> str:
    """A SPARQL ``INSERT DATA`` of the triples of ``quads`` into ``graph``."""
    triples = serialize_bytes([quad.triple for quad in quads], RdfFormat.N_TRIPLES)
    return f"INSERT DATA {{ GRAPH <{graph.value}> {{\n{triples.decode('utf-8')}\n}} }}"
