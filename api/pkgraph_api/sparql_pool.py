"""SPARQL evaluation in worker processes that can be killed: the real query timeout.

pyoxigraph cannot cancel a running query, and a thread cannot be stopped. Each worker is a
process holding its own read-only store; a query that outlives the deadline gets its worker
killed and replaced, so the server stays responsive and the limit holds for every query form
(aggregates and ORDER BY compute everything before the first row). Workers also apply the
result cap and serialize, so only the finished bytes cross the pipe. Each worker's heap is
capped (``Settings.sparql_memory_mb``, RLIMIT_DATA): a query that needs more makes an allocation
fail, which aborts the worker (Rust) or raises MemoryError (Python); either way the query is
refused and a fresh worker takes the place of a dead one.

Workers also hold the SERVICE policy: with SERVICE off they run under a seccomp filter that
denies every network connection (:mod:`pkgraph_api.sparql_sandbox`), and every query is
checked on its parse tree first (:mod:`pkgraph_api.sparql_guard`). On a remote store
(``Settings.graph_url``) a worker forwards the query, so it must connect and runs without the
filter: the parse-tree check alone refuses SERVICE, and a query it cannot read is refused
instead of being left to the store; killing the worker drops the connection, and the store's
own query timeout (docs/DEPLOY.md) ends the evaluation there.
"""

from __future__ import annotations

import logging
import multiprocessing
import resource
import signal
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from typing import Generic, Literal, TypeVar

from pyoxigraph import NamedNode, QueryBoolean, QuerySolutions, QueryTriples

from pkgraph.errors import PkgraphError, QueryError
from pkgraph.graph.store import GraphStore
from pkgraph.settings import Settings
from pkgraph_api.negotiation import Offer, choose
from pkgraph_api.sparql_guard import (
    QueryShape,
    UnreadableQuery,
    query_shape,
    service_refusal,
    unreadable_refusal,
)
from pkgraph_api.sparql_results import (
    GRAPH_OFFERS,
    SOLUTION_OFFERS,
    serialize_boolean,
    serialize_solutions,
    serialize_triples,
)
from pkgraph_api.sparql_sandbox import deny_network

T = TypeVar("T")

OutcomeStatus = Literal["ok", "malformed", "service_refused", "not_acceptable", "failed", "memory"]
QueryResults = QuerySolutions | QueryBoolean | QueryTriples


@dataclass(frozen=True)
class QueryJob:
    """One protocol request, after validation: query text, dataset, what the client accepts."""

    query: str
    accept: str | None
    result_cap: int
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()


@dataclass(frozen=True)
class QueryOutcome:
    status: OutcomeStatus
    body: bytes = b""
    content_type: str = ""
    truncated: bool = False
    message: str = ""


class QueryTimeout(PkgraphError):
    """The query (or the wait for a free worker) exceeded ``Settings.sparql_timeout_s``."""


class QueryWorkerFailure(PkgraphError):
    """A worker process died while evaluating; the query is not retried."""


class QueryMemoryExceeded(PkgraphError):
    """The query needed more than ``Settings.sparql_memory_mb``; its worker was replaced."""


class QueryCancelled(PkgraphError):
    """The client left while its query ran; the worker was killed to free it."""


#: What a worker sends once its store is open.
_READY = "ready"
#: How often a watched query checks its budget and whether its client left.
_WATCH_STEP_S = 0.05


_LOG = logging.getLogger(__name__)


def _query(store: GraphStore, job: QueryJob, names_dataset: bool) -> QueryResults:
    """Evaluate on the SPARQL 1.1 dataset: request graph IRIs replace FROM / FROM NAMED
    (Protocol 2.1.4) and name the whole dataset (only ``named-graph-uri``: an empty default
    graph; only ``default-graph-uri``: no named graphs); else FROM / FROM NAMED decide (Query
    13.2); only when neither names a dataset is the default graph the union of all graphs."""
    if not job.default_graphs and not job.named_graphs:
        return store.run_query(job.query, union=not names_dataset)
    return store.run_query(
        job.query,
        union=False,
        default_graphs=[NamedNode(iri) for iri in job.default_graphs],
        named_graphs=[NamedNode(iri) for iri in job.named_graphs],
    )


def _not_acceptable(offers: tuple[Offer, ...]) -> QueryOutcome:
    names = ", ".join(offer.media_type for offer in offers)
    return QueryOutcome("not_acceptable", message=f"this result can be served as: {names}")


def _shape(job: QueryJob, sandboxed: bool) -> QueryShape | QueryOutcome:
    try:
        return query_shape(job.query)
    except UnreadableQuery as exc:
        if sandboxed:  # Oxigraph parses and reports; it cannot reach the network anyway
            return QueryShape(services=(), names_dataset=False)
        return QueryOutcome("malformed", message=unreadable_refusal(exc))


def evaluate(
    store: GraphStore,
    job: QueryJob,
    allowlist: frozenset[str] | None = None,
    sandboxed: bool = False,
) -> QueryOutcome:
    """Run ``job`` on ``store``; never raises for a bad query, the outcome says what happened.

    ``allowlist`` None means SERVICE is off; ``sandboxed``: this process cannot connect.
    The project's prefixes (pk:, schema:, prov:, ...) are predeclared, as in the library.
    """
    try:
        return _evaluate(store, job, allowlist, sandboxed)
    except MemoryError:  # Python's share (rows, serialization) past the cap: the worker lives on
        return QueryOutcome("memory", message="the query's results needed more memory")


def _evaluate(
    store: GraphStore, job: QueryJob, allowlist: frozenset[str] | None, sandboxed: bool
) -> QueryOutcome:
    shape = _shape(job, sandboxed)
    if isinstance(shape, QueryOutcome):
        return shape
    refusal = service_refusal(shape, allowlist)
    if refusal is not None:
        return QueryOutcome("service_refused", message=refusal)
    try:
        result = _query(store, job, shape.names_dataset)
    except QueryError as exc:
        return QueryOutcome("malformed", message=exc.reason)
    except (OSError, ValueError, RuntimeError, PkgraphError) as exc:
        return QueryOutcome("failed", message=str(exc))
    is_table = isinstance(result, QueryBoolean | QuerySolutions)
    offers = SOLUTION_OFFERS if is_table else GRAPH_OFFERS
    offer = choose(job.accept, offers)
    if offer is None:
        return _not_acceptable(offers)
    try:
        if isinstance(result, QueryBoolean):
            return QueryOutcome("ok", serialize_boolean(result, offer), offer.content_type)
        capped = _Capped(result, job.result_cap)  # streamed: rows are never all in memory
        if isinstance(result, QuerySolutions):
            names = [variable.value for variable in result.variables]
            body = serialize_solutions(names, (list(row) for row in capped), offer)
        else:
            body = serialize_triples(capped, offer)
    except (OSError, ValueError, RuntimeError) as exc:
        return QueryOutcome("failed", message=str(exc))
    return QueryOutcome("ok", body, offer.content_type, capped.truncated)


class _Capped(Generic[T]):
    """The first ``cap`` items of ``items``; ``truncated`` tells afterwards whether there were
    more (one more is read to know)."""

    def __init__(self, items: Iterable[T], cap: int) -> None:
        self._items = iter(items)
        self._cap = cap
        self.truncated = False

    def __iter__(self) -> Iterator[T]:
        for number, item in enumerate(self._items):
            if number == self._cap:
                self.truncated = True
                return
            yield item


def _serve(settings: Settings, connection: Connection, allowlist: frozenset[str] | None) -> None:
    """Worker main loop: cap the heap (RLIMIT_DATA: a failed allocation aborts the worker,
    which the pool reports), cut off the network unless SERVICE is on or the store is remote,
    open the store once, then answer jobs until the pipe closes."""
    if settings.sparql_memory_mb > 0:
        cap = settings.sparql_memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_DATA, (cap, cap))
    sandboxed = False
    if allowlist is None and not settings.graph_url:
        reason = deny_network()
        sandboxed = reason is None
        if reason:
            _LOG.warning("SPARQL worker runs without network sandbox: %s", reason)
    try:
        store: GraphStore | None = GraphStore.open(settings, read_only=True)
        opening_error = ""
    except PkgraphError as exc:
        store, opening_error = None, f"cannot open the graph store: {exc}"
    connection.send(_READY)
    while True:
        try:
            job = connection.recv()
        except (EOFError, OSError):
            return
        if store is None:
            connection.send(QueryOutcome("failed", message=opening_error))
        else:
            connection.send(evaluate(store, job, allowlist, sandboxed))


#: How long a fresh worker may take to start (a process, imports, opening the store): on a
#: loaded machine that exceeds a short query timeout.
WORKER_START_S = 15.0


class _Worker:
    def __init__(
        self,
        context: multiprocessing.context.BaseContext,
        settings: Settings,
        allowlist: frozenset[str] | None,
    ) -> None:
        self.settings = settings  # a writing service's workers follow its graph checkpoints
        self.connection, child = context.Pipe()
        self.process = context.Process(  # type: ignore[attr-defined]
            target=_serve,
            args=(settings, child, allowlist),
            daemon=True,
            name="pkgraph-sparql",
        )
        self.process.start()
        child.close()
        self.ready = False

    def wait_ready(self, timeout_s: float) -> None:
        """Until the worker has opened its store (at once after the first time)."""
        if self.ready:
            return
        if not self.connection.poll(timeout_s):
            raise QueryWorkerFailure(f"the query worker did not start within {timeout_s:g} s")
        self.ready = self.connection.recv() == _READY

    def stop(self) -> None:
        self.process.kill()
        self.process.join()
        self.connection.close()

    def death(self, memory_mb: int) -> str:
        """Why the worker process ended: a failed allocation aborts it (Rust) under the cap."""
        self.process.join(timeout=1)
        code = self.process.exitcode
        if code == -signal.SIGABRT and memory_mb:
            return "memory"
        if code == -signal.SIGKILL:
            return "the system killed it (out of memory?)"
        return f"exit code {code}"


@dataclass
class RunWatch:
    """How a caller follows a running query: told once it passes ``budget_s``, and able to
    stop it (the client left)."""

    budget_s: float
    on_heavy: Callable[[], None]
    cancelled: threading.Event = field(default_factory=threading.Event)


class QueryPool:
    """Worker processes evaluating one query each; at most ``size`` are kept between queries.

    Admission (:mod:`pkgraph_api.sparql_service`) decides how many run at once (``size``, one
    more while every worker holds an expensive query); a worker is started when none is idle.
    ``service_allowlist`` None (the default) turns SERVICE off and sandboxes the workers.
    """

    def __init__(
        self,
        settings: Settings,
        size: int,
        timeout_s: float,
        service_allowlist: frozenset[str] | None = None,
    ) -> None:
        self.settings = settings
        self.service_allowlist = service_allowlist
        self.size = size
        self.timeout_s = timeout_s
        self._context = multiprocessing.get_context("forkserver")
        self._context.set_forkserver_preload([__name__])
        self._idle: list[_Worker] = []
        self._lock = threading.Lock()
        self._closed = False

    def _new_worker(self) -> _Worker:
        return _Worker(self._context, self.settings, self.service_allowlist)

    def start(self) -> None:
        """Start every worker now, so the first queries do not pay for process start-up."""
        workers = [self._new_worker() for _ in range(self.size)]
        with self._lock:
            self._idle.extend(workers)

    def _take(self) -> _Worker:
        with self._lock:
            if self._idle:
                return self._idle.pop()
        return self._new_worker()

    def _give_back(self, worker: _Worker) -> None:
        with self._lock:
            current = worker.settings is self.settings
            if not self._closed and current and len(self._idle) < self.size:
                self._idle.append(worker)
                return
        worker.stop()

    def follow(self, settings: Settings) -> None:
        """Open the store of ``settings`` from now on (a writing service's newest graph
        checkpoint, :mod:`pkgraph_api.graph_snapshots`): idle workers are replaced now, busy
        ones when they finish."""
        with self._lock:
            self.settings = settings
            stale, self._idle = self._idle, []
        for worker in stale:
            worker.stop()
        fresh = [self._new_worker() for _ in stale]
        for worker in fresh:
            self._give_back(worker)

    def run(self, job: QueryJob, watch: RunWatch | None = None) -> QueryOutcome:
        """Evaluate ``job`` in time, or kill its worker and raise :class:`QueryTimeout`
        (:class:`QueryCancelled`: the watch was cancelled)."""
        worker = self._take()
        keep = False
        try:
            # a worker's start-up (a fresh process after a kill) is not the query's time
            worker.wait_ready(max(self.timeout_s, WORKER_START_S))
            started = time.monotonic()
            deadline = started + self.timeout_s
            worker.connection.send(job)
            self._await_answer(worker, deadline, started, watch)
            outcome: QueryOutcome = worker.connection.recv()
            keep = True
            return outcome
        except (EOFError, OSError) as exc:
            death = worker.death(self.settings.sparql_memory_mb)
            if death == "memory":
                raise QueryMemoryExceeded(
                    "the query needed more memory than a query may use "
                    f"(Settings.sparql_memory_mb = {self.settings.sparql_memory_mb} MiB per "
                    "worker) and was stopped"
                ) from exc
            raise QueryWorkerFailure(f"the query worker stopped unexpectedly: {death}") from exc
        finally:
            if not keep:  # killed or dead: a fresh worker takes its place
                worker.stop()
                worker = self._new_worker()
            self._give_back(worker)

    def _await_answer(
        self, worker: _Worker, deadline: float, started: float, watch: RunWatch | None
    ) -> None:
        """Return when the answer (or the worker's end) is there; raise on deadline or cancel."""
        heavy_at = None if watch is None else started + watch.budget_s
        while True:
            now = time.monotonic()
            if now >= deadline:
                raise QueryTimeout(
                    f"the query ran longer than {self.timeout_s:g} s and was stopped"
                )
            step = deadline - now
            if watch is not None:
                step = min(step, _WATCH_STEP_S)
            if worker.connection.poll(step):
                return
            if watch is None:
                continue
            if watch.cancelled.is_set():
                raise QueryCancelled("the client disconnected; the query was stopped")
            if heavy_at is not None and time.monotonic() >= heavy_at:
                heavy_at = None
                watch.on_heavy()

    def close(self) -> None:
        """Stop the idle workers; one still busy dies with its query or with the server."""
        with self._lock:
            self._closed = True
            idle, self._idle = self._idle, []
        for worker in idle:
            worker.stop()
