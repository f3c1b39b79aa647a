"""SPARQL queries admitted to the worker pool fairly, and stopped when their client leaves.

Every query enters a :class:`~pkgraph_api.admission.Gate` with one place per worker. A query
still running after ``Settings.sparql_cheap_budget_s`` is expensive; its text is remembered,
so its next run waits in the expensive lane (at most ``sparql_workers - 1`` running, its own
short queue) and cannot take the last worker from cheap queries. While every worker holds an
expensive query a cheap one gets a spare worker. A query that finishes within the budget
again is forgotten. A client that disconnects while its query waits or runs frees its place
(a running query's worker is killed).
"""

from __future__ import annotations

import asyncio
import hashlib
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable

from fastapi.concurrency import run_in_threadpool

from pkgraph.settings import Settings
from pkgraph_api.admission import DISCONNECT_POLL_S, Gate
from pkgraph_api.sparql_pool import (
    QueryJob,
    QueryMemoryExceeded,
    QueryOutcome,
    QueryPool,
    QueryTimeout,
    RunWatch,
)

#: Expensive query texts remembered (least recently seen forgotten first).
_REMEMBERED = 1024

Disconnected = Callable[[], Awaitable[bool]]


def _key(job: QueryJob) -> str:
    text = "\x00".join((job.query, *job.default_graphs, "\x01", *job.named_graphs))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class SparqlService:
    def __init__(self, pool: QueryPool, settings: Settings) -> None:
        self.pool = pool
        self.budget_s = settings.sparql_cheap_budget_s
        self.gate = Gate(
            "SPARQL",
            capacity=pool.size,
            queue_limit=settings.sparql_queue,
            heavy_capacity=max(1, pool.size - 1),
            heavy_queue_limit=settings.sparql_expensive_queue,
            spare=1,
        )
        self._expensive: OrderedDict[str, None] = OrderedDict()

    def _remember(self, key: str) -> None:
        self._expensive[key] = None
        self._expensive.move_to_end(key)
        while len(self._expensive) > _REMEMBERED:
            self._expensive.popitem(last=False)

    async def execute(self, job: QueryJob, disconnected: Disconnected | None) -> QueryOutcome:
        """Wait for a turn (at most the query timeout), then evaluate; raises
        :class:`~pkgraph_api.admission.Busy`, ``ClientGone`` and the pool's errors."""
        key = _key(job)
        ticket = await self.gate.enter(key in self._expensive, disconnected, self.pool.timeout_s)
        watch = RunWatch(self.budget_s, lambda: self.gate.mark_heavy_threadsafe(ticket))
        started = time.monotonic()
        try:
            outcome = await self._run(job, watch, disconnected)
        except (QueryTimeout, QueryMemoryExceeded):
            self._remember(key)
            raise
        finally:
            self.gate.leave(ticket)
        if time.monotonic() - started >= self.budget_s:
            self._remember(key)
        else:
            self._expensive.pop(key, None)
        return outcome

    async def _run(
        self, job: QueryJob, watch: RunWatch, disconnected: Disconnected | None
    ) -> QueryOutcome:
        running = asyncio.ensure_future(run_in_threadpool(self.pool.run, job, watch))
        while not running.done():
            await asyncio.wait({running}, timeout=DISCONNECT_POLL_S)
            if not running.done() and disconnected is not None and await disconnected():
                watch.cancelled.set()
        return running.result()
