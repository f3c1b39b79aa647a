"""The search index on one dedicated thread, shared by ``/search`` and ``/ask``.

:class:`~pkgraph.search.index.SearchIndex` holds a SQLite connection, which must stay on the
thread that opened it, and an embedding model that is loaded once and already computes with
every core. So the server opens one index on one thread and runs every search there.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TypeVar

from pkgraph.search.index import SearchIndex
from pkgraph.settings import Settings

T = TypeVar("T")


class SearchRunner:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="pkgraph-search")
        self._index: SearchIndex | None = None

    def _opened(self) -> SearchIndex:
        """The index, opened on first use (always on the runner's thread)."""
        if self._index is None:
            self._index = SearchIndex.open(self.settings)
        return self._index

    def warm_up(self) -> Future[object]:
        """Open the index and load the embedding model in the background."""
        return self._executor.submit(lambda: self._opened().embedder)

    async def run(self, work: Callable[[SearchIndex], T]) -> T:
        """Run ``work`` with the index on the search thread, without blocking the event loop."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._executor, lambda: work(self._opened()))

    def close(self) -> None:
        def close_index() -> None:
            if self._index is not None:
                self._index.close()
                self._index = None

        self._executor.submit(close_index).result()
        self._executor.shutdown(wait=True)
