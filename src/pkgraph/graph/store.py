"""The persistent graph: an Oxigraph store on disk with one named graph per document.

Replacing a document drops its named graph and loads the new quads in one SPARQL update (one
transaction), so re-ingesting or deleting a document changes exactly its facts and a failure
leaves the old version in place. Queries see the union of all graphs as their default graph,
unless they name their dataset (``FROM`` / ``FROM NAMED``) or the caller names graphs.

Oxigraph allows one writing process per store; a read-only store must not be opened while
another process writes (Oxigraph treats that as undefined behaviour).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator, Sequence

from pyoxigraph import (
    BlankNode,
    DefaultGraph,
    Literal,
    NamedNode,
    Quad,
    QueryBoolean,
    QuerySolutions,
    QueryTriples,
    RdfFormat,
    Store,
    Triple,
    serialize,
)
from rdflib.plugins.sparql.parser import parseQuery

from pkgraph.closing import ClosedOnExit
from pkgraph.errors import PkgraphError, QueryError
from pkgraph.extract.program_catalogue import PROGRAM_CATALOGUE
from pkgraph.gazetteer import load_gazetteer
from pkgraph.graph.iris import IriScheme
from pkgraph.graph.model import document_quads, gazetteer_quads, program_catalogue_quads
from pkgraph.graph.vocab import PREFIXES, XSD, pk
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


def serialize_bytes(
    items: Iterable[Quad] | Iterable[Triple], rdf_format: RdfFormat, prefixes: bool = False
) -> bytes:
    """``items`` serialized in memory (with the pkgraph prefixes if asked and supported)."""
    data = serialize(items, format=rdf_format, prefixes=PREFIXES if prefixes else None)
    assert data is not None  # no output file given, so pyoxigraph returns the bytes
    return data


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
    """Oxigraph on disk under ``settings.graph_dir``; use :meth:`open` as a context manager."""

    def __init__(self, store: Store, iris: IriScheme, read_only: bool) -> None:
        self._store: Store | None = store
        self.iris = iris
        self.read_only = read_only

    @classmethod
    def open(cls, settings: Settings, read_only: bool = False) -> GraphStore:
        """Open (for writing: create) the store; a clear error if it is missing or locked."""
        path = settings.graph_dir
        try:
            if read_only:
                if not path.is_dir():
                    raise PkgraphError(f"{path}: no graph store here yet (run `pkgraph ingest`)")
                store = Store.read_only(str(path))
            else:
                path.mkdir(parents=True, exist_ok=True)
                store = Store(str(path))
        except (OSError, RuntimeError) as exc:
            raise PkgraphError(f"{path}: cannot open the graph store: {exc}") from exc
        return cls(store, IriScheme.from_settings(settings), read_only)

    @property
    def store(self) -> Store:
        """The underlying pyoxigraph store (for callers that need its full API)."""
        if self._store is None:
            raise PkgraphError("the graph store is closed")
        return self._store

    def close(self) -> None:
        """Flush and release the store (its lock is freed once no query result refers to it)."""
        if self._store is not None and not self.read_only:
            self._store.flush()
        self._store = None

    # --- writing ------------------------------------------------------------------------------

    def _replace_graph(self, graph: NamedNode, quads: Sequence[Quad]) -> None:
        """Drop ``graph`` and insert ``quads`` into it as one transaction."""
        triples = serialize_bytes([quad.triple for quad in quads], RdfFormat.N_TRIPLES)
        self.store.update(
            f"DROP SILENT GRAPH <{graph.value}> ;\n"
            f"INSERT DATA {{ GRAPH <{graph.value}> {{\n{triples.decode('utf-8')}\n}} }}"
        )

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
            if stamp in self.store:
                continue
            self._replace_graph(graph, [*quads, stamp])
            loaded += len(quads) + 1
        return loaded

    def replace_document(self, document: Document, extraction: Extraction) -> int:
        """Replace the document's named graph by the model of ``document``; returns quad count."""
        quads = document_quads(document, extraction, self.iris)
        self._replace_graph(self.iris.document_graph(document.doc_id), quads)
        return len(quads)

    def remove_document(self, doc_id: str) -> bool:
        """Drop the document's named graph; False if there was none."""
        graph = self.iris.document_graph(doc_id)
        if not self.store.contains_named_graph(graph):
            return False
        self.store.remove_graph(graph)
        return True

    def bulk_load(self, quads: Iterable[Quad]) -> None:
        """Add many quads fast, without a transaction: for building a fresh store (benchmarks,
        restores); per-document updates go through :meth:`replace_document`."""
        self.store.bulk_extend(quads)

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
        defaults: list[NamedNode | BlankNode | DefaultGraph] | None = None
        if default_graph is not None:
            defaults = list(_graph_list(default_graph) or [])
        named: list[NamedNode | BlankNode] | None = None
        if named_graphs is not None:
            named = list(_graph_list(named_graphs) or [])
        try:
            return self.store.query(
                sparql,
                prefixes=PREFIXES,
                use_default_graph_as_union=defaults is None and not names_dataset(sparql),
                default_graph=defaults,
                named_graphs=named,
            )
        except SyntaxError as exc:
            raise QueryError("sparql", str(exc)) from exc

    def select(self, sparql: str) -> list[dict[str, Value]]:
        """A SELECT's solutions as dicts of Python values (unbound variables are None)."""
        result = self.query(sparql)
        if not isinstance(result, QuerySolutions):
            raise QueryError("sparql", "select() needs a SELECT query")
        names = [variable.value for variable in result.variables]
        return [{name: python_value(row[name]) for name in names} for row in result]

    def document_ids(self) -> list[str]:
        """The doc ids that have a named graph, sorted."""
        graphs = (g for g in self.store.named_graphs() if isinstance(g, NamedNode))
        return sorted(d for d in map(self.iris.doc_id_of_graph, graphs) if d is not None)

    def quads(self, graph: NamedNode | None = None) -> Iterator[Quad]:
        """Every quad of ``graph``, or of the whole store."""
        return self.store.quads_for_pattern(None, None, None, graph)

    def count_triples(self, doc_id: str | None = None) -> int:
        """Quads in the document's named graph, or in the whole store."""
        if doc_id is None:
            return len(self.store)
        graph = self.iris.document_graph(doc_id)
        return sum(1 for _ in self.store.quads_for_pattern(None, None, None, graph))
