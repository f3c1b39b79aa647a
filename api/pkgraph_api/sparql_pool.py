"""SPARQL evaluation in worker processes that can be killed: the real query timeout.

pyoxigraph cannot cancel a running query, and a thread cannot be stopped. Each worker is a
process holding its own read-only store; a query that outlives the deadline gets its worker
killed and replaced, so the server stays responsive and the limit holds for every query form
(aggregates and ORDER BY compute everything before the first row). Workers also apply the
result cap and serialize, so only the finished bytes cross the pipe.

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
import queue
import time
from dataclasses import dataclass
from itertools import islice
from multiprocessing.connection import Connection
from typing import Literal

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

OutcomeStatus = Literal["ok", "malformed", "service_refused", "not_acceptable", "failed"]
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
        rows = list(islice(result, job.result_cap + 1))
        truncated = len(rows) > job.result_cap
        rows = rows[: job.result_cap]
        if isinstance(result, QuerySolutions):
            names = [variable.value for variable in result.variables]
            body = serialize_solutions(names, [list(row) for row in rows], offer)
        else:
            body = serialize_triples(rows, offer)
    except (OSError, ValueError, RuntimeError) as exc:
        return QueryOutcome("failed", message=str(exc))
    return QueryOutcome("ok", body, offer.content_type, truncated)


def _serve(settings: Settings, connection: Connection, allowlist: frozenset[str] | None) -> None:
    """Worker main loop: cut off the network unless SERVICE is on or the store is remote,
    open the store once, then answer jobs until the pipe closes."""
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
    while True:
        try:
            job = connection.recv()
        except (EOFError, OSError):
            return
        if store is None:
            connection.send(QueryOutcome("failed", message=opening_error))
        else:
            connection.send(evaluate(store, job, allowlist, sandboxed))


class _Worker:
    def __init__(
        self,
        context: multiprocessing.context.BaseContext,
        settings: Settings,
        allowlist: frozenset[str] | None,
    ) -> None:
        self.connection, child = context.Pipe()
        self.process = context.Process(  # type: ignore[attr-defined]
            target=_serve,
            args=(settings, child, allowlist),
            daemon=True,
            name="pkgraph-sparql",
        )
        self.process.start()
        child.close()

    def stop(self) -> None:
        self.process.kill()
        self.process.join()
        self.connection.close()


class QueryPool:
    """A fixed number of worker slots; a slot holds a live worker or ``None`` (start on demand).

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
        self._slots: queue.Queue[_Worker | None] = queue.Queue()
        for _ in range(size):
            self._slots.put(None)

    def _new_worker(self) -> _Worker:
        return _Worker(self._context, self.settings, self.service_allowlist)

    def start(self) -> None:
        """Start every worker now, so the first queries do not pay for process start-up."""
        slots = [self._slots.get() for _ in range(self.size)]
        for slot in slots:
            self._slots.put(slot or self._new_worker())

    def run(self, job: QueryJob) -> QueryOutcome:
        """Evaluate ``job`` in time, or kill its worker and raise :class:`QueryTimeout`."""
        deadline = time.monotonic() + self.timeout_s
        try:
            worker = self._slots.get(timeout=self.timeout_s) or self._new_worker()
        except queue.Empty:
            raise QueryTimeout(
                f"all {self.size} query workers stayed busy for {self.timeout_s:g} s"
            ) from None
        keep: _Worker | None = None
        try:
            worker.connection.send(job)
            if not worker.connection.poll(max(0.0, deadline - time.monotonic())):
                raise QueryTimeout(
                    f"the query ran longer than {self.timeout_s:g} s and was stopped"
                )
            outcome: QueryOutcome = worker.connection.recv()
            keep = worker
            return outcome
        except (EOFError, OSError) as exc:
            raise QueryWorkerFailure(f"the query worker stopped unexpectedly: {exc}") from exc
        finally:
            if keep is None:
                worker.stop()
            self._slots.put(keep)

    def close(self) -> None:
        """Stop every worker; one still busy past the timeout dies with the server (daemon)."""
        for _ in range(self.size):
            try:
                worker = self._slots.get(timeout=self.timeout_s)
            except queue.Empty:
                return
            if worker is not None:
                worker.stop()
