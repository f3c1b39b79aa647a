"""The search index on a few dedicated threads, shared by ``/search``, ``/ask`` and the feed.

:class:`~pkgraph.search.index.SearchIndex` holds SQLite connections, which must stay on the
thread that opened them, so each search thread opens an index of its own (one at a time: opening
may write the embedding cache). What the indexes share is read-only while serving: the
embedding model (loaded once per process; its numpy forward pass keeps no state between calls),
the graph store (pyoxigraph reads are thread-safe) and, in a read-only service, the faiss index
and the BM25 channels of the saved files (``SearchIndex.open(shared=True)``: one copy of the
vectors per process, not one per thread; faiss searches only read the index, and the channels'
term cache has its own lock). A writing service has one thread, whose index its writes change
in place: it never shares.

Requests pass a :class:`~pkgraph_api.admission.Gate` with one place per thread and a bounded
queue (``Settings.search_queue``; beyond it 503 with Retry-After); a request whose client
disconnects while it waits is dropped. ``ready`` turns true once every thread has opened its
index, loaded the model and answered one query, which ``/health`` reports.
"""

from __future__ import annotations

import asyncio
import os
import queue
import threading
from collections.abc import Callable
from typing import Any, TypeVar

from fastapi import Request

from pkgraph.search.index import SearchIndex
from pkgraph.settings import Settings
from pkgraph_api.admission import Busy, ClientGone, Gate
from pkgraph_api.errors import ApiError

T = TypeVar("T")

#: The query each thread answers before the runner says it is ready.
WARM_UP_QUERY = "Förderung des Landes"

_Job = tuple[Callable[[SearchIndex], Any], asyncio.Future[Any]] | None


def thread_count(settings: Settings) -> int:
    """``Settings.search_threads`` (0: one per core); one for a writing service, whose writes
    change the index of the thread they run on (:mod:`pkgraph_api.live`)."""
    if settings.api_token:
        return 1
    return settings.search_threads or os.cpu_count() or 1


class SearchRunner:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.threads = thread_count(settings)
        #: Read-only (no token): nothing changes the index while the service runs, so the
        #: threads share the vectors and BM25 channels of the saved files.
        self.shared = not settings.api_token
        self.gate = Gate(
            "search",
            capacity=self.threads,
            queue_limit=settings.search_queue,
            max_expected_wait_s=settings.search_max_wait_s,
        )
        self._jobs: queue.Queue[_Job] = queue.Queue()
        self._opening = threading.Lock()  # one index opens at a time
        self._warm = 0
        self._warm_lock = threading.Lock()
        self._workers: list[threading.Thread] = []
        self.failure: str | None = None

    @property
    def ready(self) -> bool:
        """Every thread holds a warm index (model loaded, one query answered)."""
        return self._warm == self.threads

    def warm_up(self) -> None:
        """Start the threads; each opens and warms its index in the background."""
        for number in range(self.threads):
            thread = threading.Thread(
                target=self._serve, name=f"pkgraph-search-{number}", daemon=True
            )
            thread.start()
            self._workers.append(thread)

    def _open_warm(self) -> SearchIndex:
        with self._opening:
            index = SearchIndex.open(self.settings, shared=self.shared)
            index.warm_up()
            index.query_vector(WARM_UP_QUERY)
            index.search(WARM_UP_QUERY, k=1, method="hybrid")
        with self._warm_lock:
            self._warm += 1
        return index

    def _serve(self) -> None:
        try:
            index: SearchIndex | None = self._open_warm()
            failure: BaseException | None = None
        except Exception as exc:
            index, failure = None, exc
            self.failure = f"{type(exc).__name__}: {exc}"
        try:
            while (job := self._jobs.get()) is not None:
                work, done = job
                try:
                    if index is None:
                        raise failure or RuntimeError("no search index")
                    result = work(index)
                except BaseException as exc:
                    done.get_loop().call_soon_threadsafe(_settle, done, None, exc)
                else:
                    done.get_loop().call_soon_threadsafe(_settle, done, result, None)
        finally:
            if index is not None:
                index.close()

    async def run(self, work: Callable[[SearchIndex], T], request: Request | None = None) -> T:
        """Run ``work`` with an index on a search thread once the gate lets it in.

        Raises :class:`ApiError` 503 (queue full, with Retry-After) or 499 (client left).
        Without a ``request`` (the service's own work: the feed, a document being stored) it
        waits for its turn however long the queue is.
        """
        disconnected = request.is_disconnected if request is not None else None
        try:
            ticket = await self.gate.enter(disconnected=disconnected, bounded=request is not None)
        except Busy as exc:
            headers = {"Retry-After": str(exc.retry_after_s)}
            raise ApiError(503, "server_busy", str(exc), headers=headers) from exc
        except ClientGone as exc:
            raise ApiError(499, "client_gone", "the client disconnected") from exc
        done: asyncio.Future[T] = asyncio.get_running_loop().create_future()
        done.add_done_callback(lambda _done: self.gate.leave(ticket))  # when the thread is free
        self._jobs.put((work, done))
        return await asyncio.shield(done)

    def close(self) -> None:
        for _ in self._workers:
            self._jobs.put(None)
        for thread in self._workers:
            thread.join(timeout=30)


def _settle(done: asyncio.Future[Any], result: Any, error: BaseException | None) -> None:
    if done.cancelled():
        return
    if error is not None:
        done.set_exception(error)
    else:
        done.set_result(result)
