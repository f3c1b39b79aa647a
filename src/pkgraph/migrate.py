"""Copy a data dir's graph and search index between backends (``pkgraph migrate``).

Forward: from the embedded stores under the data dir to a remote SPARQL store and/or a search
engine; back: from those into the embedded stores. Each named graph is copied with one
replacing write, as ingest writes it, and each document's passages with one replacing write,
so a run that stops half-way leaves every graph and passage set either copied whole or as it
was. Running again resumes it: a graph the target holds with the same content (same hash of its
sorted N-Triples), or a document whose passages it holds with the same texts, is skipped. A
store that normalises literals (``"1.50"^^xsd:decimal`` as ``"1.5"``) makes that graph differ
and be copied again, which is harmless. Vectors are embedded by the target through the data
dir's embedding cache, so a copy re-embeds nothing the source embedded with the same model.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace

from pyoxigraph import Quad

from pkgraph.errors import PkgraphError
from pkgraph.graph.store import GraphStore
from pkgraph.search.analysis import analyze
from pkgraph.search.backend import PassageRow
from pkgraph.search.index import SearchIndex
from pkgraph.settings import Settings

Progress = Callable[[str], None]


@dataclass
class MigrationReport:
    """What one store's copy did: graphs or documents copied, skipped, removed."""

    copied: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    items: int = 0  # quads or passages written
    seconds: float = 0.0


def content_hash(quads: Iterable[Quad]) -> str:
    """sha256 of the graph's triples as sorted N-Triples lines (order and graph name aside)."""
    lines = sorted({f"{quad.triple} ." for quad in quads})
    return hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()


def endpoints(
    settings: Settings, graph_url: str | None, search_url: str | None, back: bool
) -> tuple[Settings, Settings]:
    """(source, target) settings: the embedded stores of the data dir on one side, the given
    URLs (or the configured ones) on the other."""
    embedded = replace(settings, graph_url="", search_url="")
    remote = replace(
        settings,
        graph_url=settings.graph_url if graph_url is None else graph_url,
        search_url=settings.search_url if search_url is None else search_url,
    )
    return (remote, embedded) if back else (embedded, remote)


def migrate_graph(
    source: Settings, target: Settings, progress: Progress = lambda _message: None
) -> MigrationReport:
    """Copy every named graph of ``source``'s graph store to ``target``'s."""
    if source.graph_url == target.graph_url:
        raise PkgraphError("migrate: source and target graph store are the same (graph_url)")
    report = MigrationReport()
    started = time.perf_counter()
    with (
        GraphStore.open(source, read_only=True) as source_store,
        GraphStore.open(target) as target_store,
    ):
        graphs = source_store.named_graphs()
        for number, graph in enumerate(graphs, 1):
            quads = list(source_store.quads(graph))
            label = f"[{number}/{len(graphs)}] {graph.value}"
            if content_hash(quads) == content_hash(target_store.quads(graph)):
                report.skipped.append(graph.value)
                progress(f"{label}: already there")
                continue
            target_store.replace_graph(graph, quads)
            report.copied.append(graph.value)
            report.items += len(quads)
            progress(f"{label}: copied {len(quads)} quads")
    report.seconds = time.perf_counter() - started
    return report


def _documents(index: SearchIndex) -> list[str]:
    return sorted({pid.rpartition("/")[0] for pid in index.passage_ids()})


def migrate_search(
    source: Settings, target: Settings, progress: Progress = lambda _message: None
) -> MigrationReport:
    """Copy every document's passages (texts, entity keys) of ``source``'s search index to
    ``target``'s, and drop the target's documents the source does not have."""
    if source.search_url == target.search_url:
        raise PkgraphError("migrate: source and target search index are the same (search_url)")
    report = MigrationReport()
    started = time.perf_counter()
    with SearchIndex.open(source) as source_index, SearchIndex.open(target) as target_index:
        documents = _documents(source_index)
        for doc_id in sorted(set(_documents(target_index)) - set(documents)):
            target_index.remove_document(doc_id)
            report.removed.append(doc_id)
        for number, doc_id in enumerate(documents, 1):
            passage_ids = source_index.passage_ids(doc_id)
            texts = source_index.texts(passage_ids)
            label = f"[{number}/{len(documents)}] {doc_id}"
            if target_index.texts(target_index.passage_ids(doc_id)) == texts:
                report.skipped.append(doc_id)
                progress(f"{label}: already there")
                continue
            entities = source_index.backend.entities_of(passage_ids)
            rows = [PassageRow(p, doc_id, texts[p], " ".join(analyze(texts[p]))) for p in texts]
            keys = next((entities[p] for p in passage_ids if p in entities), frozenset())
            target_index.backend.replace(doc_id, rows, keys)
            target_index.commit()
            report.copied.append(doc_id)
            report.items += len(rows)
            progress(f"{label}: copied {len(rows)} passages")
        target_index.save()
    report.seconds = time.perf_counter() - started
    return report
