"""The embedded graph store: Oxigraph on disk under ``Settings.graph_dir`` (the default).

Replacing a graph drops it and loads the new triples in one SPARQL update (one transaction).
Oxigraph allows one writing process per store; a read-only store must not be opened while
another process writes (Oxigraph treats that as undefined behaviour).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import suppress
from pathlib import Path

from pyoxigraph import BlankNode, DefaultGraph, NamedNode, Quad, Store

from pkgraph.errors import PkgraphError, QueryError
from pkgraph.graph.iris import IriScheme
from pkgraph.graph.store import GraphStore, QueryResult
from pkgraph.graph.terms import insert_data
from pkgraph.graph.vocab import PREFIXES
from pkgraph.settings import Settings


class OxigraphStore(GraphStore):
    """pyoxigraph's :class:`Store` on disk; opened by :meth:`GraphStore.open`."""

    def __init__(
        self, store: Store, iris: IriScheme, read_only: bool, path: Path | None = None
    ) -> None:
        super().__init__(iris, read_only)
        self._store: Store | None = store
        self._path = path

    @classmethod
    def open_dir(cls, settings: Settings, read_only: bool) -> OxigraphStore:
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
        return cls(store, IriScheme.from_settings(settings), read_only, path)

    @property
    def _live(self) -> Store:
        if self._store is None:
            raise PkgraphError("the graph store is closed")
        return self._store

    def close(self) -> None:
        """Flush and release the store (its lock is freed once no query result refers to it).

        RocksDB deletes the write-ahead logs of flushed writes only when a store is opened:
        after an ingest of 1M triples they held 690 MB beside 330 MB of data. So a writer
        opens the store once more as it closes, which costs milliseconds and leaves the disk
        at the data's size (if a query result still holds the store, the next open does it).
        """
        writable = self._store is not None and not self.read_only
        if self._store is not None and writable:
            self._store.flush()
        self._store = None
        if writable and self._path is not None:
            with suppress(OSError, RuntimeError):
                Store(str(self._path))

    def run_query(
        self,
        sparql: str,
        *,
        union: bool,
        default_graphs: list[NamedNode] | None = None,
        named_graphs: list[NamedNode] | None = None,
    ) -> QueryResult:
        defaults: list[NamedNode | BlankNode | DefaultGraph] | None = None
        if default_graphs is not None:
            defaults = list(default_graphs)
        named: list[NamedNode | BlankNode] | None = None
        if named_graphs is not None:
            named = list(named_graphs)
        try:
            return self._live.query(
                sparql,
                prefixes=PREFIXES,
                use_default_graph_as_union=union and defaults is None,
                default_graph=defaults,
                named_graphs=named,
            )
        except SyntaxError as exc:
            raise QueryError("sparql", str(exc)) from exc

    def update(self, sparql_update: str) -> None:
        self._live.update(sparql_update, prefixes=PREFIXES)

    def replace_graph(self, graph: NamedNode, quads: Sequence[Quad]) -> None:
        self._live.update(f"DROP SILENT GRAPH <{graph.value}> ;\n" + insert_data(graph, quads))

    def insert(self, quads: Sequence[Quad]) -> None:
        self._live.extend(quads)  # atomic: all or nothing

    def has_graph(self, graph: NamedNode) -> bool:
        return self._live.contains_named_graph(graph)

    def remove_graph(self, graph: NamedNode) -> bool:
        if not self.has_graph(graph):
            return False
        self._live.remove_graph(graph)
        return True

    def bulk_load(self, quads: Iterable[Quad]) -> None:
        """Without a transaction (Oxigraph's bulk loader)."""
        self._live.bulk_extend(quads)

    def flush(self) -> None:
        self._live.flush()

    def backup(self, target: Path) -> None:
        """A consistent copy at ``target`` (hard links where possible: cheap), which other
        processes may open read-only while this store goes on writing."""
        self._live.backup(str(target))

    def contains(self, quad: Quad) -> bool:
        return quad in self._live

    def named_graphs(self) -> list[NamedNode]:
        return [g for g in self._live.named_graphs() if isinstance(g, NamedNode)]

    def quads(self, graph: NamedNode | None = None) -> Iterator[Quad]:
        return self._live.quads_for_pattern(None, None, None, graph)

    def count_triples(self, doc_id: str | None = None) -> int:
        if doc_id is None:
            return len(self._live)
        graph = self.iris.document_graph(doc_id)
        return sum(1 for _ in self._live.quads_for_pattern(None, None, None, graph))
