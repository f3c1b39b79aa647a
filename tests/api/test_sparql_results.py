"""The SELECT serializers read back by an independent parser (pyoxigraph's) term for term."""

from __future__ import annotations

import csv
import io

import pytest
from pyoxigraph import BlankNode, Literal, NamedNode, QueryResultsFormat, parse_query_results

from pkgraph_api.sparql_results import (
    SPARQL_CSV,
    SPARQL_JSON,
    SPARQL_TSV,
    SPARQL_XML,
    serialize_solutions,
)

XSD = "http://www.w3.org/2001/XMLSchema#"
VARIABLES = ("entity", "label", "value")
ROWS = [
    [
        NamedNode("http://localhost:8000/id/program/kein-kind-zuruecklassen"),
        Literal('Kein Kind zurücklassen! <&> "zitiert"', language="de"),
        Literal("64000.0", datatype=NamedNode(XSD + "decimal")),
    ],
    [BlankNode("b0"), Literal("Zeile eins\n\tZeile zwei"), None],
    [None, None, None],
]


@pytest.mark.parametrize(
    ("offer", "results_format"),
    [
        (SPARQL_JSON, QueryResultsFormat.JSON),
        (SPARQL_XML, QueryResultsFormat.XML),
        (SPARQL_TSV, QueryResultsFormat.TSV),
    ],
)
def test_typed_formats_round_trip(offer: object, results_format: QueryResultsFormat) -> None:
    body = serialize_solutions(VARIABLES, ROWS, offer)  # type: ignore[arg-type]
    parsed = parse_query_results(body, results_format)
    assert [v.value for v in parsed.variables] == list(VARIABLES)  # type: ignore[union-attr]
    rows = [[solution[name] for name in VARIABLES] for solution in parsed]  # type: ignore[union-attr]
    assert rows == ROWS


def test_csv_keeps_values_without_types() -> None:
    body = serialize_solutions(VARIABLES, ROWS, SPARQL_CSV).decode("utf-8")
    assert "\r\n" in body
    rows = list(csv.reader(io.StringIO(body, newline="")))
    assert rows[0] == list(VARIABLES)
    assert rows[1] == [ROWS[0][0].value, ROWS[0][1].value, "64000.0"]  # type: ignore[union-attr]
    assert rows[2] == ["_:b0", "Zeile eins\n\tZeile zwei", ""]
    assert rows[3] == ["", "", ""]
