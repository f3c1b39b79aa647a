"""Running a harvest against the loopback server and looking at what it stored."""

from __future__ import annotations

import sqlite3
from typing import Any

from pkgraph.graph.store import GraphStore, Value
from pkgraph.harvest import HarvestOptions, HarvestReport, harvest_oparl
from pkgraph.ingest.docstore import DocumentStore
from pkgraph.settings import Settings
from tests.harvest.server import OParlServer


def harvest(server: OParlServer, world: str, settings: Settings, **options: Any) -> HarvestReport:
    """Harvest ``world`` (huertgenwald or karlsruhe) from its System, quietly, no index unless
    ``with_index=True`` is given."""
    options.setdefault("with_index", False)
    url = server.url(f"{world}/system")
    return harvest_oparl(HarvestOptions(url, **options), settings, progress=lambda _m: None)


def documents(settings: Settings) -> dict[str, str]:
    """Stored documents: source -> content hash."""
    with DocumentStore.open(settings.documents_db) as docs:
        return {d.source: d.content_hash for d in docs.documents()}


def quads(settings: Settings) -> set[str]:
    """Every stored quad as a string, for comparing whole stores."""
    with GraphStore.open(settings) as graph:
        return {str(q) for q in graph.quads()}


def select(settings: Settings, sparql: str) -> list[dict[str, Value]]:
    with GraphStore.open(settings) as graph:
        return graph.select(sparql)


def state_objects(settings: Settings) -> dict[str, tuple[str, str]]:
    """Harvest state: object id -> (type, fingerprint)."""
    with sqlite3.connect(settings.harvest_db) as db:
        return {i: (t, f) for i, t, f in db.execute("SELECT id, type, fingerprint FROM objects")}


def snapshot(settings: Settings) -> tuple[dict[str, str], set[str], dict[str, tuple[str, str]]]:
    return documents(settings), quads(settings), state_objects(settings)
