"""The persistent graph, one named graph per document: the interface every caller uses.

:meth:`GraphStore.open` returns the embedded Oxigraph on disk
(:mod:`pkgraph.graph.oxigraph_store`, the default) or, when ``Settings.graph_url`` is set, a
remote SPARQL 1.1 store (:mod:`pkgraph.graph.remote_store`). Both replace a document's graph
in one transaction, so re-ingesting or deleting a document changes exactly its facts and a
failure leaves the old version in place. Queries see the union of all graphs as their default
graph, unless they name their dataset (``FROM`` / ``FROM NAMED``) or the caller names graphs;
results are pyoxigraph's result types whichever store answered.
"""

from __future__ import annotations

import hashlib
import re
from abc import abstractmethod
from collections.abc import Iterable, Iterator, Sequence
from itertools import groupby
from operator import itemgetter

from pyoxigraph import (
    BlankNode,
    Literal,
    NamedNode,
    Quad,
    QueryBoolean,
    QuerySolutions,
    QueryTriples,
    RdfFormat,
)
from rdflib.plugins.sparql.parser import parseQuery

from pkgraph.closing import ClosedOnExit
from pkgraph.errors import PkgraphError, QueryError
from pkgraph.extract.program_catalogue import PROGRAM_CATALOGUE
from pkgraph.gazetteer import load_gazetteer
from pkgraph.graph.descriptions import (
    bulk_quads,
    described,
    document_update,
    sole_descriptions,
)
from pkgraph.graph.iris import IriScheme
from pkgraph.graph.model import DocumentQuads, document_quads
from pkgraph.graph.reference import gazetteer_quads, program_catalogue_quads
from pkgraph.graph.terms import serialize_bytes
from pkgraph.graph.vocab import XSD, pk
from pkgraph.records import Document, Extraction
from pkgraph.settings import Settings

Value = str | int | float | None
QueryResult = QuerySolutions | QueryBoolean | QueryTriples
GraphSelection = NamedNode | Sequence[NamedNode] | None

_INTEGER_TYPES = frozenset(
    XSD + name
    for name in (
        "integer",
        "int",
        "long",
        "short",
        "byte",
        "nonNegativeInteger",
        "positiveInteger",
        "nonPositiveInteger",
        "negativeInteger",
        "unsignedInt",
        "unsignedLong",
        "unsignedShort",
        "unsignedByte",
        "gYear",
    )
)
_FLOAT_TYPES = frozenset(XSD + name for name in ("decimal", "double", "float"))
_FINGERPRINT = pk("contentHash")
#: A dataset clause needs the keyword FROM, written out or with \u escapes; the "from" of
#: ``prov:wasDerivedFrom`` is none (a name ending in "derived" takes in the letters after it).
_DATASET_HINT = re.compile(r"(?<!derived)from|\\u", re.IGNORECASE)


def python_value(term: object) -> Value:
    """A query result term as a Python value: numbers as int/float, IRIs and text as str."""
    if term is None:
        return None
    if isinstance(term, Literal):
        datatype = term.datatype.value
        try:
            if datatype in _INTEGER_TYPES:
                return int(term.value)
            if datatype in _FLOAT_TYPES:
                return float(term.value)
        except ValueError:
            return term.value
        if datatype == XSD + "boolean":
            return int(term.value in ("true", "1"))
        return term.value
    if isinstance(term, NamedNode):
        return term.value
    if isinstance(term, BlankNode):
        return f"_:{term.value}"
    return str(term)


def names_dataset(sparql: str) -> bool:
    """True if the query has ``FROM`` / ``FROM NAMED`` (SPARQL 1.1 Query 13.2), read on
    rdflib's parse tree. Queries without the word "from" are not parsed, so the library's own
    queries pay nothing; one rdflib cannot read keeps the union (Oxigraph reports errors)."""
    if not _DATASET_HINT.search(sparql):
        return False
    try:
        tree = parseQuery(sparql)
    except Exception:  # rdflib raises ParseException, ValueError, ... on what it cannot read
        return False
    return bool(dict.get(tree[1], "datasetClause"))


def _fingerprint(quads: Sequence[Quad]) -> str:
    return hashlib.sha256(serialize_bytes(quads, RdfFormat.N_QUADS)).hexdigest()


def _graph_list(graphs: GraphSelection) -> list[NamedNode] | None:
    if graphs is None:
        return None
    return [graphs] if isinstance(graphs, NamedNode) else list(graphs)


class GraphStore(ClosedOnExit):
    """One named graph per document, queried with the union default graph; use :meth:`open`
    as a context manager. Subclasses supply the storage primitives (the abstract methods)."""

    def __init__(self, iris: IriScheme, read_only: bool) -> None:
        self.iris = iris
        self.read_only = read_only

    @classmethod
    def open(cls, settings: Settings, read_only: bool = False) -> GraphStore:
        """The store ``settings`` name: remote when ``graph_url`` is set, else the embedded
        Oxigraph (for writing: created); a clear error if it is missing, locked or unreachable."""
        if settings.graph_url:
            from pkgraph.graph.remote_store import RemoteStore

            return RemoteStore.connect(settings, read_only)
        from pkgraph.graph.oxigraph_store import OxigraphStore

        return OxigraphStore.open_dir(settings, read_only)

    # --- primitives ---------------------------------------------------------------------------

    @abstractmethod
    def run_query(
        self,
        sparql: str,
        *,
        union: bool,
        default_graphs: list[NamedNode] | None = None,
        named_graphs: list[NamedNode] | None = None,
    ) -> QueryResult:
        """Evaluate on the dataset the caller decided: the given graphs if any, else the union
        of all graphs (``union``) or the query's own FROM / FROM NAMED; pkgraph prefixes are
        predeclared. Raises QueryError for a query the store refuses."""

    @abstractmethod
    def update(self, sparql_update: str) -> None:
        """Run a SPARQL Update (pkgraph prefixes predeclared) as one transaction."""

    @abstractmethod
    def replace_graph(self, graph: NamedNode, quads: Sequence[Quad]) -> None:
        """Make the triples of ``quads`` the whole content of ``graph``, in one transaction."""

    @abstractmethod
    def insert(self, quads: Sequence[Quad]) -> None:
        """Add ``quads`` (into their named graphs) in one transaction."""

    @abstractmethod
    def remove_graph(self, graph: NamedNode) -> bool:
        """Drop ``graph``; False if there was none."""

    @abstractmethod
    def has_graph(self, graph: NamedNode) -> bool:
        """Whether ``graph`` holds any triple."""

    @abstractmethod
    def bulk_load(self, quads: Iterable[Quad]) -> None:
        """Add many quads fast (building a fresh store: benchmarks, restores, migration);
        per-document updates go through :meth:`replace_document`."""

    @abstractmethod
    def named_graphs(self) -> list[NamedNode]:
        """Every named graph of pkgraph's in the store."""

    @abstractmethod
    def quads(self, graph: NamedNode | None = None) -> Iterator[Quad]:
        """Every quad of ``graph``, or of every graph."""

    @abstractmethod
    def count_triples(self, doc_id: str | None = None) -> int:
        """Quads in the document's named graph, or in the whole store."""

    def _writable(self) -> None:
        if self.read_only:
            raise PkgraphError("the graph store was opened read-only")

    def flush(self) -> None:
        """Make the writes so far durable now (a remote store has when each request returns)."""

    # --- writing ------------------------------------------------------------------------------

    def ensure_reference_data(self) -> int:
        """Load the gazetteer and program catalogue graphs if missing or changed.

        Returns the number of quads loaded (0 when both were up to date).
        """
        loaded = 0
        for graph, quads in (
            (self.iris.gazetteer_graph, gazetteer_quads(load_gazetteer(), self.iris)),
            (self.iris.programs_graph, program_catalogue_quads(PROGRAM_CATALOGUE, self.iris)),
        ):
            fingerprint = Literal(_fingerprint(quads))
            stamp = Quad(graph, _FINGERPRINT, fingerprint, graph)
            if self.contains(stamp):
                continue
            self.replace_graph(graph, [*quads, stamp])
            loaded += len(quads) + 1
        return loaded

    def replace_document(self, document: Document, extraction: Extraction) -> int:
        """Replace the document's named graph by the model of ``document``, and describe the
        entities it names that no description exists for, in one update; returns quad count."""
        return self.write_documents([(document, extraction)])

    def write_documents(self, documents: Sequence[tuple[Document, Extraction]]) -> int:
        """:meth:`replace_document` for each, in as few transactions as possible: each run of
        documents without a graph yet goes in one insert, each seeing the descriptions the ones
        before it wrote; a document replacing its graph goes alone (what it drops depends on
        every other graph). Returns the quads of the documents' graphs."""
        self._writable()
        models = [
            (
                self.iris.document_graph(document.doc_id),
                document_quads(document, extraction, self.iris),
            )
            for document, extraction in documents
        ]
        fresh = [not self.has_graph(graph) for graph, _model in models]
        for new, run in groupby(zip(fresh, models, strict=True), key=itemgetter(0)):
            group = [pair for _new, pair in run]
            if new:
                self.insert(self._new_documents([model for _graph, model in group]))
            else:
                for graph, model in group:
                    self._rewrite_document(graph, model)
        return sum(len(model.graph) for _graph, model in models)

    def _new_documents(self, models: Sequence[DocumentQuads]) -> list[Quad]:
        """The quads of documents that have no graph yet, each describing what neither the
        store nor a document before it does: one read of the store for all of them."""
        known = described(self, self.iris, {e for model in models for e in model.descriptions})
        return [quad for model in models for quad in bulk_quads(model, known)]

    def _rewrite_document(self, graph: NamedNode, model: DocumentQuads) -> None:
        """Replace ``graph`` by ``model`` in one update, with the descriptions it changes."""
        dropped = sole_descriptions(self, self.iris, graph)
        existing = described(self, self.iris, set(model.descriptions)) - dropped
        self.update(document_update(self.iris, graph, model, existing, dropped))

    def remove_document(self, doc_id: str) -> bool:
        """Drop the document's named graph and the descriptions only it needed; False if
        there was no graph."""
        self._writable()
        graph = self.iris.document_graph(doc_id)
        if not self.has_graph(graph):
            return False
        dropped = sole_descriptions(self, self.iris, graph)
        self.update(document_update(self.iris, graph, None, set(), dropped))
        return True

    # --- reading ------------------------------------------------------------------------------

    def query(
        self,
        sparql: str,
        default_graph: GraphSelection = None,
        named_graphs: GraphSelection = None,
    ) -> QueryResult:
        """Run a SPARQL query (the pkgraph prefixes are predeclared).

        The default graph is the union of all graphs unless ``default_graph`` names graphs or
        the query names its dataset (``FROM`` / ``FROM NAMED``, then honoured as written).
        """
        defaults = _graph_list(default_graph)
        return self.run_query(
            sparql,
            union=defaults is None and not names_dataset(sparql),
            default_graphs=defaults,
            named_graphs=_graph_list(named_graphs),
        )

    def select(self, sparql: str) -> list[dict[str, Value]]:
        """A SELECT's solutions as dicts of Python values (unbound variables are None)."""
        result = self.query(sparql)
        if not isinstance(result, QuerySolutions):
            raise QueryError("sparql", "select() needs a SELECT query")
        names = [variable.value for variable in result.variables]
        return [{name: python_value(row[name]) for name in names} for row in result]

    def contains(self, quad: Quad) -> bool:
        """Whether the store holds ``quad`` (in its named graph)."""
        graph = quad.graph_name
        assert isinstance(graph, NamedNode)
        result = self.run_query(f"ASK {{ GRAPH {graph} {{ {quad.triple} }} }}", union=False)
        assert isinstance(result, QueryBoolean)
        return bool(result)

    def document_ids(self) -> list[str]:
        """The doc ids that have a named graph, sorted."""
        graphs = self.named_graphs()
        return sorted(d for d in map(self.iris.doc_id_of_graph, graphs) if d is not None)
