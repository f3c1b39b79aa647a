"""The graph on a remote SPARQL 1.1 store (``Settings.graph_url``): Oxigraph server,
Virtuoso, or any store with SPARQL 1.1 Query and Update (docs/DEPLOY.md).

Writes are one SPARQL Update request each (``DROP SILENT GRAPH …; INSERT DATA …``), which the
store runs as one transaction, so a document's graph is replaced whole or not at all. Queries
get the embedded store's dataset semantics: without FROM / FROM NAMED the default graph is the
union of all graphs, reached the way ``Settings.graph_union_default`` says. pkgraph's graphs
are the ones under ``{base_iri}graph/``; a store shared with other data keeps those out of the
counts, the graph list and the dumps.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from itertools import islice

from pyoxigraph import NamedNode, Quad, QuerySolutions

from pkgraph.errors import PkgraphError
from pkgraph.graph.iris import IriScheme
from pkgraph.graph.sparql_http import SparqlHttp
from pkgraph.graph.sparql_text import leading_keyword
from pkgraph.graph.store import GraphStore, QueryResult
from pkgraph.graph.terms import insert_data
from pkgraph.graph.vocab import PREFIXES
from pkgraph.settings import Settings

#: Quads per request when loading in bulk (large INSERT DATA requests are slow to compile).
BULK_CHUNK = 2000
_PROLOGUE = "".join(f"PREFIX {prefix}: <{iri}>\n" for prefix, iri in PREFIXES.items())


def union_params(mode: str) -> list[tuple[str, str]]:
    """The request parameters that make the default graph the union (``graph_union_default``)."""
    if mode == "param":
        return [("union-default-graph", "true")]
    if mode == "native":
        return []
    if ":" in mode and not any(c.isspace() for c in mode):
        return [("default-graph-uri", mode)]
    raise PkgraphError(
        f"graph_union_default must be 'param', 'native' or a graph IRI, not {mode!r}"
    )


class RemoteStore(GraphStore):
    """A SPARQL 1.1 store over HTTP; opened by :meth:`GraphStore.open`."""

    def __init__(
        self, http: SparqlHttp, iris: IriScheme, read_only: bool, union: list[tuple[str, str]]
    ) -> None:
        super().__init__(iris, read_only)
        self._http = http
        self._union = union
        self._graphs_filter = f'FILTER(STRSTARTS(STR(?g), "{iris.base}graph/"))'

    @classmethod
    def connect(cls, settings: Settings, read_only: bool) -> RemoteStore:
        """Connect and ask the store one trivial query, so a wrong URL fails here, clearly."""
        union = union_params(settings.graph_union_default)
        store = cls(SparqlHttp(settings), IriScheme.from_settings(settings), read_only, union)
        try:
            store.run_query("ASK {}", union=False)
        except PkgraphError:
            store.close()
            raise
        return store

    def close(self) -> None:
        self._http.close()

    def _writable(self) -> None:
        if self.read_only:
            raise PkgraphError(f"{self._http.update_url}: the graph store was opened read-only")

    def run_query(
        self,
        sparql: str,
        *,
        union: bool,
        default_graphs: list[NamedNode] | None = None,
        named_graphs: list[NamedNode] | None = None,
    ) -> QueryResult:
        params: list[tuple[str, str]] = []
        if union and default_graphs is None:
            if named_graphs is None:
                params += self._union
            else:  # the protocol cannot say "union" beside named graphs: list the graphs
                default_graphs = self.named_graphs()
        params += [("default-graph-uri", graph.value) for graph in default_graphs or ()]
        params += [("named-graph-uri", graph.value) for graph in named_graphs or ()]
        return self._http.query(_PROLOGUE + sparql, params, leading_keyword(sparql))

    def _rows(self, sparql: str) -> QuerySolutions:
        result = self.run_query(sparql, union=False)
        assert isinstance(result, QuerySolutions)
        return result

    def update(self, sparql_update: str) -> None:
        self._writable()
        self._http.update(_PROLOGUE + sparql_update)

    def replace_graph(self, graph: NamedNode, quads: Sequence[Quad]) -> None:
        self._writable()
        self._http.update(f"DROP SILENT GRAPH <{graph.value}> ;\n" + insert_data(graph, quads))

    def remove_graph(self, graph: NamedNode) -> bool:
        self._writable()
        if not self.has_graph(graph):
            return False
        self._http.update(f"DROP SILENT GRAPH <{graph.value}>")
        return True

    def has_graph(self, graph: NamedNode) -> bool:
        result = self.run_query(f"ASK {{ GRAPH <{graph.value}> {{ ?s ?p ?o }} }}", union=False)
        return bool(result)

    def insert(self, quads: Sequence[Quad]) -> None:
        """One request (one transaction): an ``INSERT DATA`` per named graph."""
        self._writable()
        by_graph: dict[NamedNode, list[Quad]] = {}
        for quad in quads:
            graph = quad.graph_name
            if not isinstance(graph, NamedNode):
                raise PkgraphError("a remote store takes quads in named graphs only")
            by_graph.setdefault(graph, []).append(quad)
        if by_graph:
            self._http.update(" ;\n".join(insert_data(g, q) for g, q in by_graph.items()))

    def bulk_load(self, quads: Iterable[Quad]) -> None:
        """In requests of :data:`BULK_CHUNK` quads, each one transaction."""
        remaining = iter(quads)
        while batch := list(islice(remaining, BULK_CHUNK)):
            self.insert(batch)

    def named_graphs(self) -> list[NamedNode]:
        rows = self._rows(
            f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {self._graphs_filter} }}"
        )
        return [row["g"] for row in rows if isinstance(row["g"], NamedNode)]

    def document_ids(self) -> list[str]:
        """Read from the document nodes (a document graph always has one): no full scan."""
        rows = self._rows("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?doc a pk:Document } }")
        graphs = (row["g"] for row in rows if isinstance(row["g"], NamedNode))
        return sorted(d for d in map(self.iris.doc_id_of_graph, graphs) if d is not None)

    def quads(self, graph: NamedNode | None = None) -> Iterator[Quad]:
        if graph is not None and self._http.store_url:
            triples = self._http.graph_triples(graph.value) or []
            return (Quad(t.subject, t.predicate, t.object, graph) for t in triples)
        scope = f"VALUES ?g {{ <{graph.value}> }}" if graph is not None else ""
        rows = self._rows(
            f"SELECT ?s ?p ?o ?g WHERE {{ {scope} GRAPH ?g {{ ?s ?p ?o }} {self._graphs_filter} }}"
        )
        return (Quad(row["s"], row["p"], row["o"], row["g"]) for row in rows)

    def count_triples(self, doc_id: str | None = None) -> int:
        if doc_id is None:
            where = f"GRAPH ?g {{ ?s ?p ?o }} {self._graphs_filter}"
        else:
            where = f"GRAPH <{self.iris.document_graph(doc_id).value}> {{ ?s ?p ?o }}"
        (row,) = self._rows(f"SELECT (COUNT(*) AS ?n) WHERE {{ {where} }}")
        count = row["n"]
        return int(count.value) if count is not None else 0
