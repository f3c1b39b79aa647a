from __future__ import annotations

from pyoxigraph import Literal, NamedNode

from pkgraph.graph.terms import date, decimal
from pkgraph.graph.vocab import XSD


def test_literals_use_contract_datatypes() -> None:
    assert decimal(12_600_000.0) == Literal("12600000", datatype=NamedNode(XSD + "decimal"))
    assert decimal(0.5).value == "0.5"
    assert date("2019-02-04").datatype.value == XSD + "date"
    assert date("2019").datatype.value == XSD + "gYear"
    assert date("2019-02").datatype.value == XSD + "gYearMonth"
    assert date("Frühjahr 2019").datatype.value == XSD + "string"
