"""The entities graph: each body, person and uncatalogued program described once.

Documents name entities; the description of one (type, label, kind, owner) is written into
the entities graph by the first document that names it, in the same SPARQL update that writes
that document's graph, and dropped in the update that removes (or rewrites) the last thing
referring to it. A rewritten document that was the only one naming an entity describes it
anew, so a corrected label replaces the old one. Municipalities and catalogued programs are
described in the reference graphs and never here.

Under the single writer pkgraph has (the ingest lock or the service's write lock), what is
described is read before the update and the update itself is plain data: no store has to
evaluate a conditional insert.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from pyoxigraph import NamedNode, Quad

from pkgraph.graph.iris import IriScheme
from pkgraph.graph.model import DocumentQuads
from pkgraph.graph.terms import insert_data


class Selecting(Protocol):
    """What is read here: a SELECT's rows as Python values (IRIs as str)."""

    def select(self, sparql: str) -> list[dict[str, str | int | float | None]]: ...


def _values(variable: str, iris: Iterable[str]) -> str:
    return f"VALUES ?{variable} {{ {' '.join(f'<{iri}>' for iri in sorted(iris))} }}"


def _column(store: Selecting, sparql: str, name: str = "e") -> set[str]:
    return {str(row[name]) for row in store.select(sparql)}


def described(store: Selecting, iris: IriScheme, entities: Iterable[str]) -> set[str]:
    """Which of ``entities`` already have a description (entities or programs graph)."""
    wanted = set(entities)
    if not wanted:
        return set()
    graphs = _values("g", [iris.entities_graph.value, iris.programs_graph.value])
    return _column(
        store,
        f"SELECT DISTINCT ?e WHERE {{ {_values('e', wanted)} {graphs} GRAPH ?g {{ ?e a ?t }} }}",
    )


def sole_descriptions(store: Selecting, iris: IriScheme, graph: NamedNode) -> set[str]:
    """Descriptions that nothing but ``graph`` refers to: the ones to drop with it.

    An entity is kept while another graph refers to it, or the description of a kept entity
    does (a committee's ``pk:bodyOf`` its council), so owners go only with what they own.
    """
    entities = iris.entities_graph.value
    named = _column(
        store,
        f"SELECT DISTINCT ?e WHERE {{ GRAPH <{graph.value}> {{ ?s ?p ?e }} "
        f"GRAPH <{entities}> {{ ?e a ?t }} }}",
    )
    if not named:
        return set()
    elsewhere = _column(
        store,
        f"SELECT DISTINCT ?e WHERE {{ {_values('e', named)} GRAPH ?g {{ ?s ?p ?e }} "
        f"FILTER(?g != <{graph.value}> && ?g != <{entities}>) }}",
    )
    owned_by: dict[str, set[str]] = {}
    for row in store.select(
        f"SELECT ?s ?e WHERE {{ {_values('e', named)} GRAPH <{entities}> {{ ?s ?p ?e }} }}"
    ):
        owned_by.setdefault(str(row["e"]), set()).add(str(row["s"]))
    sole = named - elsewhere
    while kept := {e for e in sole if owned_by.get(e, set()) - sole - {e}}:
        sole -= kept
    return sole


def new_quads(model: DocumentQuads, existing: set[str]) -> list[Quad]:
    """The document's graph and the descriptions of its entities not in ``existing``."""
    return [
        *model.graph,
        *(q for e, quads in model.descriptions.items() if e not in existing for q in quads),
    ]


def document_update(
    iris: IriScheme,
    graph: NamedNode,
    model: DocumentQuads | None,
    existing: set[str],
    dropped: set[str],
) -> str:
    """One SPARQL update: drop ``graph`` and the ``dropped`` descriptions, then write the
    document's graph (``model``) and the descriptions of its entities not in ``existing``."""
    operations = [f"DROP SILENT GRAPH <{graph.value}>"]
    if dropped:
        operations.append(drop_descriptions(iris, dropped))
    if model is not None:
        operations.append(insert_data(graph, model.graph))
        new = new_quads(model, existing)[len(model.graph) :]
        if new:
            operations.append(insert_data(iris.entities_graph, new))
    return " ;\n".join(operations)


def orphan_descriptions(store: Selecting, iris: IriScheme) -> set[str]:
    """Described entities nothing refers to but their own description (what a kill between
    two writes of a remote store, or a partial migration, may leave)."""
    return _column(
        store,
        f"SELECT DISTINCT ?e WHERE {{ GRAPH <{iris.entities_graph.value}> {{ ?e a ?t }} "
        "FILTER NOT EXISTS { GRAPH ?g { ?s ?p ?e } FILTER(?s != ?e) } }",
    )


def undescribed_documents(store: Selecting, iris: IriScheme) -> set[str]:
    """Doc ids whose graph names a body, person or program no graph describes (reads every
    document graph: for ``pkgraph check``, not for every write)."""
    prefixes = " || ".join(f'STRSTARTS(STR(?e), "{prefix}")' for prefix in iris.described_prefixes)
    graphs = _column(
        store,
        f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?e }} FILTER(isIRI(?e) && ({prefixes})) "
        "FILTER NOT EXISTS { ?e a ?t } }",
        "g",
    )
    return {doc_id for g in graphs if (doc_id := iris.doc_id_of_graph(NamedNode(g)))}


def drop_descriptions(iris: IriScheme, entities: Iterable[str]) -> str:
    """A SPARQL update deleting the descriptions of ``entities``."""
    graph = iris.entities_graph.value
    return " ;\n".join(
        f"DELETE WHERE {{ GRAPH <{graph}> {{ <{e}> ?p ?o }} }}" for e in sorted(entities)
    )


def bulk_quads(model: DocumentQuads, described: set[str]) -> list[Quad]:
    """What writing ``model`` adds to a store whose descriptions are ``described`` (updated):
    for documents written one after another in one insert or a bulk load, after at most one
    read of the store for all of them."""
    quads = new_quads(model, described)
    described.update(model.descriptions)
    return quads
