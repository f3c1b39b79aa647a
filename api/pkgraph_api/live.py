"""The writing service: documents added and removed while it serves, one version at a time.

With ``Settings.api_token`` set the service is its data dir's one writer (Oxigraph allows one
writing process; ``pkgraph ingest`` and ``remove`` then send their documents here, see
:mod:`pkgraph.service_link`). A document is applied like ``pkgraph ingest`` does it — read and
extracted first, then graph, passages (committed), document store — but the store step holds
:class:`ReadWriteLock` exclusively, and every request that reads several stores (pages,
/search, /ask, linked data) holds it shared (:class:`ConsistentReads`): a page never shows the
new facts beside the old text. SPARQL workers read graph checkpoints taken after each write
(:mod:`pkgraph_api.graph_snapshots`), each a consistent state of its own.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import TypeVar

from starlette.concurrency import run_in_threadpool
from starlette.types import ASGIApp, Receive, Scope, Send

from pkgraph.graph.oxigraph_store import OxigraphStore
from pkgraph.graph.store import GraphStore
from pkgraph.harvest.stores import Stores
from pkgraph.ingest.docstore import DocumentStore
from pkgraph.ingest.identity import doc_id_for
from pkgraph.pipeline import (
    prepare_raw,
    raw_is_current,
    remove_stored,
    restore_agreement,
    stderr_progress,
    store_prepared,
)
from pkgraph.records import RawDocument
from pkgraph.search.index import SearchIndex
from pkgraph.settings import Settings
from pkgraph_api.graph_snapshots import GraphSnapshots
from pkgraph_api.search_runner import SearchRunner
from pkgraph_api.sparql_pool import QueryPool

T = TypeVar("T")

#: Paths whose requests read one store only, or a consistent copy: they need no read lock.
_UNLOCKED = (
    "/sparql",
    "/static",
    "/documents",
    "/harvest",
    "/health",
    "/docs",
    "/redoc",
    "/openapi",
)


class ReadWriteLock:
    """Many readers or one writer, on the event loop; a waiting writer stops new readers, so
    a steady stream of reads cannot hold a document back."""

    def __init__(self) -> None:
        self._readers = 0
        self._writing = False
        self._writers_waiting = 0
        self._changed = asyncio.Condition()

    @asynccontextmanager
    async def reading(self) -> AsyncIterator[None]:
        async with self._changed:
            await self._changed.wait_for(lambda: not self._writing and not self._writers_waiting)
            self._readers += 1
        try:
            yield
        finally:
            async with self._changed:
                self._readers -= 1
                self._changed.notify_all()

    @asynccontextmanager
    async def writing(self) -> AsyncIterator[None]:
        async with self._changed:
            self._writers_waiting += 1
            try:
                await self._changed.wait_for(lambda: not self._writing and not self._readers)
            finally:
                self._writers_waiting -= 1
            self._writing = True
        try:
            yield
        finally:
            async with self._changed:
                self._writing = False
                self._changed.notify_all()


class ConsistentReads:
    """ASGI middleware: each request outside ``_UNLOCKED`` runs holding the read lock."""

    def __init__(self, app: ASGIApp, lock: ReadWriteLock) -> None:
        self.app = app
        self.lock = lock

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or str(scope["path"]).startswith(_UNLOCKED):
            await self.app(scope, receive, send)
            return
        async with self.lock.reading():
            await self.app(scope, receive, send)


class ServiceStores:
    """The graph as the service opens it: for writing when it takes documents (an api_token
    is set; then, as ``pkgraph ingest`` does, the stores are first brought back into agreement
    if a killed process left them out of it), else read-only as before. ``query_settings``
    name the store SPARQL workers open."""

    def __init__(self, settings: Settings) -> None:
        self.writes = bool(settings.api_token)
        self.graph = GraphStore.open(settings, read_only=not self.writes)
        self.snapshots: GraphSnapshots | None = None
        self.query_settings = settings
        if not self.writes:
            return
        try:
            self.graph.ensure_reference_data()
            settings.data_dir.mkdir(parents=True, exist_ok=True)
            with (
                DocumentStore.open(settings.documents_db) as docs,
                SearchIndex.open(settings) as index,
            ):
                restore_agreement(docs, self.graph, index, stderr_progress)
            if isinstance(self.graph, OxigraphStore):
                self.snapshots = GraphSnapshots(settings, self.graph)
                self.query_settings = self.snapshots.take()
        except BaseException:
            self.graph.close()
            raise

    def close(self) -> None:
        """After the SPARQL workers stopped: delete the checkpoints, close the graph."""
        if self.snapshots is not None:
            self.snapshots.close()
        self.graph.close()


@dataclass(frozen=True)
class Applied:
    status: str  # added, replaced, unchanged, removed
    doc_id: str
    source: str
    passages: int = 0


class LiveWriter:
    """Applies documents to the open stores, one at a time, visible to every reader at once."""

    def __init__(
        self,
        settings: Settings,
        graph: GraphStore,
        search: SearchRunner,
        pool: QueryPool,
        snapshots: GraphSnapshots | None,
    ) -> None:
        self.settings = settings
        self.graph = graph
        self.search = search
        self.pool = pool
        self.snapshots = snapshots
        self.lock = ReadWriteLock()
        self._one_writer = asyncio.Lock()
        self.harvesting = False  # one harvest at a time (pkgraph_api.harvests)

    def _documents(self) -> DocumentStore:
        return DocumentStore.open(self.settings.documents_db)

    async def _exclusive(self, work: Callable[[SearchIndex], T]) -> T:
        """``work`` on the search thread while no reader runs: nothing waits at the search
        gate then, so a write is never refused as busy, and no reader sees it half done."""
        async with self.lock.writing():
            return await self.search.run(work)

    async def ingest(self, raw: RawDocument) -> Applied:
        """Add or replace ``raw``; IngestError (bad content) propagates, nothing changed."""
        doc_id = doc_id_for(raw.source)

        def current(index: SearchIndex) -> bool:
            with self._documents() as docs:
                return raw_is_current(raw, docs, index)

        async with self._one_writer:
            if await self._exclusive(current):
                return Applied("unchanged", doc_id, raw.source)
            prepared = await run_in_threadpool(prepare_raw, raw, self.settings)

            def store(index: SearchIndex) -> str:
                with self._documents() as docs:
                    status = store_prepared(prepared, docs, self.graph, index)
                index.save()
                return status

            status = await self._exclusive(store)
            await self._checkpoint()
        return Applied(status, doc_id, raw.source, len(prepared.document.passages))

    async def remove(self, source: str) -> Applied | None:
        """Remove a document by doc id, source or path; None when none is stored."""

        def remove(index: SearchIndex) -> str | None:
            with self._documents() as docs:
                doc_id = docs.resolve(source)
                if doc_id is None or not remove_stored(doc_id, docs, self.graph, index):
                    return None
            index.save()
            return doc_id

        async with self._one_writer:
            doc_id = await self._exclusive(remove)
            if doc_id is None:
                return None
            await self._checkpoint()
        return Applied("removed", doc_id, source)

    async def step(self, work: Callable[[Stores], T]) -> T:
        """One write step of a harvest (:mod:`pkgraph.harvest.stores`), applied whole while
        no reader runs; visible to SPARQL from the next :meth:`publish`."""

        def run(index: SearchIndex) -> T:
            with self._documents() as docs:
                return work(Stores(docs, self.graph, index))

        async with self._one_writer:
            return await self._exclusive(run)

    async def publish(self) -> None:
        """Save the index and hand the SPARQL workers a checkpoint: a harvested page done."""
        async with self._one_writer:
            await self._exclusive(lambda index: index.save())
            await self._checkpoint()

    async def _checkpoint(self) -> None:
        """Hand the SPARQL workers a checkpoint of the graph as it is now."""
        snapshots = self.snapshots
        if snapshots is not None:
            await run_in_threadpool(lambda: self.pool.follow(snapshots.take()))
