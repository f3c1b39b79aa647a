"""Where a harvest writes: the stores opened by ``pkgraph harvest``, or a running service's.

A harvest spends most of its time waiting for the OParl server and extracting documents; its
writes are short steps (one object's graph, one document). Each step gets the three stores
together and is, to every reader, applied whole or not at all: directly when the harvest owns
the data dir, under the service's write lock when it runs inside ``pkgraph serve``
(:mod:`pkgraph_api.harvests`), so a running service takes a harvest without a restart and no
page mixes old and new versions.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol, TypeVar

from pkgraph.graph.iris import IriScheme
from pkgraph.graph.store import GraphStore
from pkgraph.ingest.docstore import DocumentStore
from pkgraph.search.index import SearchIndex

T = TypeVar("T")


@dataclass(frozen=True)
class Stores:
    """The stores one write step works on (``index`` None: ``--no-index``)."""

    docs: DocumentStore
    graph: GraphStore
    index: SearchIndex | None


class HarvestStores(Protocol):
    """Runs write steps of a harvest."""

    @property
    def iris(self) -> IriScheme: ...

    @property
    def indexing(self) -> bool:
        """Whether documents also go into the search index."""
        ...

    def step(self, work: Callable[[Stores], T]) -> T:
        """Run ``work`` as one step no reader sees half done."""
        ...

    def page_done(self) -> None:
        """A page of objects is stored: make it durable and visible (an interrupted run loses
        at most one page of search entries)."""
        ...


@dataclass(frozen=True)
class OpenStores:
    """The stores of a data dir this process has open: a step runs at once."""

    stores: Stores

    @property
    def iris(self) -> IriScheme:
        return self.stores.graph.iris

    @property
    def indexing(self) -> bool:
        return self.stores.index is not None

    def step(self, work: Callable[[Stores], T]) -> T:
        return work(self.stores)

    def page_done(self) -> None:
        if self.stores.index is not None:
            self.stores.index.save()
