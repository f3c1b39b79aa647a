"""Serializing SPARQL results in every format the endpoint negotiates.

pyoxigraph serializes a whole result iterator; the endpoint must stop at the result cap, so
SELECT solutions are written here from a list of rows (SPARQL 1.1 Query Results JSON, XML,
CSV and TSV). Booleans and RDF graphs go through pyoxigraph's own serializers.

XML 1.0 cannot carry some characters that RDF literals may hold, not even as character
references: C0 controls other than tab, newline and carriage return, and U+FFFE/U+FFFF. Texts
read by ``pdftotext`` have a form feed at every page break. In SPARQL XML results and RDF/XML
each such character becomes U+FFFD, so the document stays well-formed; every other format
(JSON, CSV, TSV, Turtle, N-Triples, JSON-LD) carries the exact value, and the document store
keeps the original text.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Sequence
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from pyoxigraph import (
    BlankNode,
    Literal,
    NamedNode,
    QueryBoolean,
    QueryResultsFormat,
    RdfFormat,
    Triple,
    serialize,
)

from pkgraph.graph.vocab import PREFIXES
from pkgraph_api.negotiation import Offer

Term = NamedNode | BlankNode | Literal | Triple
Row = Sequence[Term | None]

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"

SPARQL_JSON = Offer("application/sparql-results+json", ("application/json",))
SPARQL_XML = Offer("application/sparql-results+xml", ("application/xml", "text/xml"))
SPARQL_CSV = Offer("text/csv")
SPARQL_TSV = Offer("text/tab-separated-values")
#: SELECT and ASK results, in server preference order.
SOLUTION_OFFERS = (SPARQL_JSON, SPARQL_XML, SPARQL_CSV, SPARQL_TSV)

TURTLE = Offer("text/turtle", ("application/turtle", "application/x-turtle"))
N_TRIPLES = Offer("application/n-triples", ("text/plain",))
JSON_LD = Offer("application/ld+json", ("application/x-json+ld",))
RDF_XML = Offer("application/rdf+xml", ("application/xml", "text/xml"))
#: CONSTRUCT / DESCRIBE results and every RDF description, in server preference order.
GRAPH_OFFERS = (TURTLE, N_TRIPLES, JSON_LD, RDF_XML)

RESULTS_FORMATS: dict[Offer, QueryResultsFormat] = {
    SPARQL_JSON: QueryResultsFormat.JSON,
    SPARQL_XML: QueryResultsFormat.XML,
    SPARQL_CSV: QueryResultsFormat.CSV,
    SPARQL_TSV: QueryResultsFormat.TSV,
}
RDF_FORMATS: dict[Offer, RdfFormat] = {
    TURTLE: RdfFormat.TURTLE,
    N_TRIPLES: RdfFormat.N_TRIPLES,
    JSON_LD: RdfFormat.JSON_LD,
    RDF_XML: RdfFormat.RDF_XML,
}


# --- JSON -----------------------------------------------------------------------------------


def _json_term(term: Term) -> dict[str, Any]:
    if isinstance(term, NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, Triple):
        return {
            "type": "triple",
            "value": {
                "subject": _json_term(term.subject),
                "predicate": _json_term(term.predicate),
                "object": _json_term(term.object),
            },
        }
    binding: dict[str, Any] = {"type": "literal", "value": term.value}
    if term.language:
        binding["xml:lang"] = term.language
    elif term.datatype.value != XSD_STRING:
        binding["datatype"] = term.datatype.value
    return binding


def _solutions_json(variables: Sequence[str], rows: Iterable[Row]) -> bytes:
    """Written row by row: a large result is never held as Python objects all at once."""
    out = io.StringIO()
    head = json.dumps({"vars": list(variables)}, ensure_ascii=False)
    out.write(f'{{"head": {head}, "results": {{"bindings": [')
    for number, row in enumerate(rows):
        binding = {
            name: _json_term(term)
            for name, term in zip(variables, row, strict=True)
            if term is not None
        }
        out.write((", " if number else "") + json.dumps(binding, ensure_ascii=False))
    out.write("]}}")
    return out.getvalue().encode()


# --- XML ------------------------------------------------------------------------------------

_NOT_XML_CHAR = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
REPLACEMENT = "\ufffd"


def xml_text(value: str) -> str:
    """``value`` with every character XML 1.0 cannot represent replaced by U+FFFD."""
    return _NOT_XML_CHAR.sub(REPLACEMENT, value)


def _xml_safe_literal(term: Literal) -> Literal:
    if not _NOT_XML_CHAR.search(term.value):
        return term
    if term.language:
        return Literal(xml_text(term.value), language=term.language)
    return Literal(xml_text(term.value), datatype=term.datatype)


def _xml_safe(triple: Triple) -> Triple:
    """The triple with XML-safe literals, for RDF/XML (subjects and predicates are IRIs)."""
    obj = triple.object
    if isinstance(obj, Literal):
        return Triple(triple.subject, triple.predicate, _xml_safe_literal(obj))
    return triple


def _xml_term(term: Term) -> str:
    if isinstance(term, NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    if isinstance(term, Triple):
        parts = (("subject", term.subject), ("predicate", term.predicate), ("object", term.object))
        inner = "".join(f"<{name}>{_xml_term(part)}</{name}>" for name, part in parts)
        return f"<triple>{inner}</triple>"
    value = escape(xml_text(term.value))
    if term.language:
        return f"<literal xml:lang={quoteattr(term.language)}>{value}</literal>"
    if term.datatype.value != XSD_STRING:
        return f"<literal datatype={quoteattr(term.datatype.value)}>{value}</literal>"
    return f"<literal>{value}</literal>"


def _solutions_xml(variables: Sequence[str], rows: Iterable[Row]) -> bytes:
    out = io.StringIO()
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write('<sparql xmlns="http://www.w3.org/2005/sparql-results#"><head>')
    out.writelines(f"<variable name={quoteattr(name)}/>" for name in variables)
    out.write("</head><results>")
    for row in rows:
        out.write("<result>")
        out.writelines(
            f"<binding name={quoteattr(name)}>{_xml_term(term)}</binding>"
            for name, term in zip(variables, row, strict=True)
            if term is not None
        )
        out.write("</result>")
    out.write("</results></sparql>\n")
    return out.getvalue().encode()


# --- CSV / TSV ------------------------------------------------------------------------------


def _csv_term(term: Term | None) -> str:
    """CSV drops types: IRIs and literals as plain strings, blank nodes as ``_:id``."""
    if term is None:
        return ""
    if isinstance(term, NamedNode | Literal):
        return term.value
    return str(term)


def _solutions_csv(variables: Sequence[str], rows: Iterable[Row]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(variables)
    writer.writerows([_csv_term(term) for term in row] for row in rows)  # row by row
    return out.getvalue().encode()


def _solutions_tsv(variables: Sequence[str], rows: Iterable[Row]) -> bytes:
    """TSV keeps types: every term in N-Triples syntax, which escapes tabs and newlines."""
    out = io.StringIO()
    out.write("\t".join(f"?{name}" for name in variables) + "\n")
    out.writelines("\t".join("" if t is None else str(t) for t in row) + "\n" for row in rows)
    return out.getvalue().encode()


_SOLUTION_WRITERS = {
    SPARQL_JSON: _solutions_json,
    SPARQL_XML: _solutions_xml,
    SPARQL_CSV: _solutions_csv,
    SPARQL_TSV: _solutions_tsv,
}


def serialize_solutions(variables: Sequence[str], rows: Iterable[Row], offer: Offer) -> bytes:
    """SELECT results (already cut at the cap) in the negotiated results format."""
    return _SOLUTION_WRITERS[offer](variables, rows)


def serialize_boolean(result: QueryBoolean, offer: Offer) -> bytes:
    output = io.BytesIO()
    result.serialize(output, format=RESULTS_FORMATS[offer])
    return output.getvalue()


def serialize_triples(triples: Iterable[Triple], offer: Offer) -> bytes:
    """An RDF graph in the negotiated format, with the project's prefixes where it has any."""
    if offer == RDF_XML:
        triples = map(_xml_safe, triples)
    output = io.BytesIO()
    serialize(triples, output, format=RDF_FORMATS[offer], prefixes=PREFIXES)
    return output.getvalue()
