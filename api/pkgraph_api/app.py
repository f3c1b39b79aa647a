"""The FastAPI application: SPARQL endpoint, search, questions, linked data, pages, health.

The graph store is opened read-only, unless ``Settings.api_token`` is set: then the service is
its data dir's one writer and applies documents while it serves (:mod:`pkgraph_api.live`,
``POST /documents``). The app holds it in ``app.state.graph`` and its settings in
``app.state.settings``, which the routes and the pages read.
"""

from __future__ import annotations

import threading
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path

from fastapi import FastAPI, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.staticfiles import StaticFiles

from pkgraph.errors import PkgraphError, QueryError
from pkgraph.graph.store import GraphStore
from pkgraph.service_link import announced
from pkgraph.settings import Settings
from pkgraph_api import (
    api_docs,
    ask,
    atlas,
    body_limit,
    datasets,
    documents,
    feeds,
    harvests,
    http_methods,
    resources,
    search,
    sparql,
)
from pkgraph_api.errors import (
    ApiError,
    api_error_handler,
    pkgraph_error_handler,
    query_error_handler,
    unexpected_error_handler,
    validation_error_handler,
)
from pkgraph_api.live import ConsistentReads, LiveWriter, ServiceStores
from pkgraph_api.pages import router as pages_router
from pkgraph_api.schemas import ErrorBody, Health, SparqlLimits
from pkgraph_api.search_runner import SearchRunner
from pkgraph_api.sparql_guard import parse_allowlist
from pkgraph_api.sparql_pool import QueryPool
from pkgraph_api.sparql_service import SparqlService

STATIC_DIR = Path(__file__).parent / "static"


def create_app(settings: Settings) -> FastAPI:
    """The app over the stores in ``settings.data_dir``; raises PkgraphError if there are none."""
    stores = ServiceStores(settings)
    graph = stores.graph
    allowlist = (
        parse_allowlist(settings.sparql_service_allowlist)
        if settings.sparql_allow_service
        else None
    )
    pool = QueryPool(
        stores.query_settings, settings.sparql_workers, settings.sparql_timeout_s, allowlist
    )
    search_runner = SearchRunner(settings)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        pool.start()
        search_runner.warm_up()
        try:
            with announced(settings, stores.writes):
                yield
        finally:
            search_runner.close()
            pool.close()
            stores.close()

    app = FastAPI(
        title="pkgraph",
        summary="Knowledge graph of NRW prevention programs from council documents",
        description=(
            "SPARQL 1.1 endpoint, passage search, evidence-based questions and linked data "
            "over German municipal council documents."
        ),
        version="0.1.0",
        lifespan=lifespan,
        docs_url=None,  # served from bundled files by api_docs
        redoc_url=None,
        responses={
            400: {"model": ErrorBody, "description": "bad request"},
            422: {"model": ErrorBody, "description": "invalid parameter"},
        },
    )
    app.state.settings = settings
    app.state.graph = graph
    app.state.sparql_pool = pool
    app.state.sparql = SparqlService(pool, settings)
    app.state.search = search_runner
    app.state.writer = None
    if stores.writes:
        app.state.writer = LiveWriter(settings, graph, search_runner, pool, stores.snapshots)
        app.add_middleware(ConsistentReads, lock=app.state.writer.lock)

    body_limit.install(app, settings)
    body_limit.allow(app, "/sparql", *sparql.body_limit(settings))
    http_methods.install(app, settings)
    app.add_exception_handler(ApiError, api_error_handler)
    app.add_exception_handler(QueryError, query_error_handler)
    app.add_exception_handler(PkgraphError, pkgraph_error_handler)
    app.add_exception_handler(RequestValidationError, validation_error_handler)
    app.add_exception_handler(Exception, unexpected_error_handler)

    counts = StoreCounts()

    @app.get(
        "/health",
        response_model=Health,
        tags=["service"],
        summary="Store and model status",
        responses={503: {"model": Health, "description": "warming up: not ready yet"}},
    )
    def health(request: Request, response: Response) -> Health:
        store: GraphStore = request.app.state.graph
        runner: SearchRunner = request.app.state.search
        status = "ok" if runner.ready else runner.failure or "warming"
        if not runner.ready:
            response.status_code = 503
        triples, documents = counts.of(store)
        return Health(
            status=status,
            store_open=True,
            triples=triples,
            documents=documents,
            embedding_model=settings.embedding_model,
            search_method=settings.search_method,
            base_iri=settings.base_iri,
            sparql=SparqlLimits(
                timeout_s=settings.sparql_timeout_s,
                result_cap=settings.sparql_result_cap,
                max_query_chars=settings.sparql_max_query_chars,
                allow_service=settings.sparql_allow_service,
                memory_mb=settings.sparql_memory_mb,
            ),
        )

    app.include_router(sparql.router)
    app.include_router(search.router)
    app.include_router(ask.router)
    app.include_router(resources.router)
    app.include_router(pages_router)
    app.include_router(datasets.router)
    app.include_router(feeds.router)
    app.include_router(atlas.router)
    documents.install(app, settings)
    harvests.install(app)
    api_docs.install(app)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    return app


#: Counting every quad and named graph takes seconds at 10M triples: ``/health`` counts at most
#: this often, so frequent probes (a load balancer, a starting benchmark) stay cheap.
HEALTH_COUNT_INTERVAL_S = 10.0


@dataclass
class StoreCounts:
    """The store's quads and documents, counted at most every ``HEALTH_COUNT_INTERVAL_S``
    (and again for another store); probes arriving meanwhile wait for that one count."""

    store: GraphStore | None = None
    counted_at: float = float("-inf")
    triples: int = 0
    documents: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def of(self, store: GraphStore) -> tuple[int, int]:
        with self.lock:
            now = time.monotonic()
            if store is not self.store or now - self.counted_at >= HEALTH_COUNT_INTERVAL_S:
                self.triples, self.documents = store.count_triples(), len(store.document_ids())
                self.store, self.counted_at = store, now
            return self.triples, self.documents
