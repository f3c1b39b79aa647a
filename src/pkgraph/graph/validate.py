"""Validate the stored graph against ontology/shapes.ttl with pySHACL.

The data graph is the union of all named graphs (documents + gazetteer + program catalogue),
with ontology/pkgraph.ttl mixed in so that ``sh:class`` sees the subclass axioms. Warnings and
infos are reported but do not make the graph non-conforming.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from pyoxigraph import RdfFormat
from pyshacl import validate
from rdflib import Graph, URIRef
from rdflib.namespace import SH
from rdflib.term import Node

from pkgraph.errors import PkgraphError
from pkgraph.graph.export import union_triples
from pkgraph.graph.store import GraphStore
from pkgraph.graph.terms import serialize_bytes
from pkgraph.graph.vocab import PREFIXES
from pkgraph.settings import ONTOLOGY_FILE, SHAPES_FILE, Settings


@dataclass(frozen=True)
class ShapeResult:
    """One SHACL result, with IRIs shortened to prefixed names for reading."""

    severity: str  # Violation, Warning, Info
    focus: str
    path: str | None
    value: str | None
    message: str
    shape: str | None

    def format_line(self) -> str:
        where = f"{self.focus} {self.path}" if self.path else self.focus
        value = f" (value: {self.value})" if self.value is not None else ""
        return f"{self.severity}: {where}: {self.message}{value}"


@dataclass(frozen=True)
class ValidationReport:
    conforms: bool
    text: str
    results: list[ShapeResult]


@cache
def _load_turtle(path: Path) -> Graph:
    if not path.is_file():
        raise PkgraphError(f"{path}: missing (the ontology ships in the project's ontology/)")
    return Graph().parse(path, format="turtle")


def _short(node: Node | None, base_iri: str) -> str | None:
    if node is None:
        return None
    text = str(node)
    if isinstance(node, URIRef):
        for prefix, namespace in (("", base_iri), *PREFIXES.items()):
            if text.startswith(namespace):
                return f"{prefix}:{text[len(namespace) :]}" if prefix else text[len(namespace) :]
        return f"<{text}>"
    return repr(text) if len(text) <= 80 else repr(text[:77] + "...")


def _results(report: Graph, base_iri: str) -> list[ShapeResult]:
    results = []
    for result in report.subjects(SH.resultSeverity, None):
        severity = report.value(result, SH.resultSeverity)
        results.append(
            ShapeResult(
                severity=str(severity).rsplit("#", 1)[-1],
                focus=_short(report.value(result, SH.focusNode), base_iri) or "?",
                path=_short(report.value(result, SH.resultPath), base_iri),
                value=_short(report.value(result, SH.value), base_iri),
                message=str(report.value(result, SH.resultMessage) or "constraint not met"),
                shape=_short(report.value(result, SH.sourceShape), base_iri),
            )
        )
    return sorted(results, key=lambda r: (r.severity != "Violation", r.focus, r.path or ""))


def validate_graph(data: Graph, base_iri: str) -> ValidationReport:
    """Run the shapes over ``data`` (which gets the ontology mixed in, in place)."""
    conforms, report, _text = validate(
        data,
        shacl_graph=_load_turtle(SHAPES_FILE),
        ont_graph=_load_turtle(ONTOLOGY_FILE),
        inference="none",
        allow_warnings=True,
        allow_infos=True,
        inplace=True,
    )
    assert isinstance(report, Graph)
    results = _results(report, base_iri)
    violations = sum(1 for r in results if r.severity == "Violation")
    headline = (
        f"conforms to {SHAPES_FILE.name}"
        if conforms
        else f"does NOT conform to {SHAPES_FILE.name}: {violations} violation(s)"
    )
    lines = [f"graph {headline}; {len(results)} result(s)", *(r.format_line() for r in results)]
    return ValidationReport(conforms=bool(conforms), text="\n".join(lines), results=results)


def store_as_rdflib(store: GraphStore) -> Graph:
    """The union of every graph in ``store`` as one rdflib Graph."""
    data = serialize_bytes(union_triples(store.quads()), RdfFormat.N_TRIPLES)
    return Graph().parse(data=data, format="nt")


def validate_store(settings: Settings) -> ValidationReport:
    """Validate everything stored under ``settings.data_dir``."""
    with GraphStore.open(settings, read_only=True) as store:
        data = store_as_rdflib(store)
        documents = len(store.document_ids())
    triples = len(data)
    report = validate_graph(data, settings.base_iri)
    text = f"{documents} document graph(s), {triples} triples checked\n{report.text}"
    return ValidationReport(conforms=report.conforms, text=text, results=report.results)
