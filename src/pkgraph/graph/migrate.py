"""Copy the graph from the embedded store to a remote SPARQL 1.1 store (``pkgraph migrate``).

Each named graph is copied with one replacing write, as ingest writes it, so a run that stops
half-way leaves every graph either copied whole or as it was. Running again resumes it: a
graph the target already holds with the same content (same hash of its sorted N-Triples) is
skipped. A store that normalises literals (e.g. ``"1.50"^^xsd:decimal`` as ``"1.5"``) makes
that graph differ and be copied again, which is harmless.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace

from pyoxigraph import Quad

from pkgraph.errors import PkgraphError
from pkgraph.graph.store import GraphStore
from pkgraph.settings import Settings

Progress = Callable[[str], None]


@dataclass
class MigrationReport:
    copied: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    quads: int = 0
    seconds: float = 0.0


def content_hash(quads: Iterable[Quad]) -> str:
    """sha256 of the graph's triples as sorted N-Triples lines (order and graph name aside)."""
    lines = sorted({f"{quad.triple} ." for quad in quads})
    return hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()


def migrate_graph(
    settings: Settings, to_url: str, progress: Progress = lambda _message: None
) -> MigrationReport:
    """Copy every named graph of the embedded store under ``settings.data_dir`` to the store at
    ``to_url`` (reached with the other ``graph_*`` settings); returns what was done."""
    if not to_url:
        raise PkgraphError("migrate needs the target store's URL (--to)")
    report = MigrationReport()
    started = time.perf_counter()
    with (
        GraphStore.open(replace(settings, graph_url=""), read_only=True) as source,
        GraphStore.open(replace(settings, graph_url=to_url)) as target,
    ):
        graphs = source.named_graphs()
        for number, graph in enumerate(graphs, 1):
            quads = list(source.quads(graph))
            label = f"[{number}/{len(graphs)}] {graph.value}"
            if content_hash(quads) == content_hash(target.quads(graph)):
                report.skipped.append(graph.value)
                progress(f"{label}: already there")
                continue
            target.replace_graph(graph, quads)
            report.copied.append(graph.value)
            report.quads += len(quads)
            progress(f"{label}: copied {len(quads)} quads")
    report.seconds = time.perf_counter() - started
    return report
