"""``POST /harvest``: an OParl harvest run inside the writing service.

``pkgraph harvest`` beside a running service sends its options here instead of opening the
stores (Oxigraph allows one writing process). The run goes on in a thread of the service;
each write step takes the service's write lock (:meth:`LiveWriter.step`), each finished page
is saved and published to SPARQL, so new papers are answered within seconds and no page mixes
versions. The answer streams the run's progress as JSON lines and ends with its report; a
client that goes away stops the run at its next write (recorded as interrupted, resumable).
Needs ``Authorization: Bearer <Settings.api_token>``.
"""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import StreamingResponse
from pydantic import BaseModel, Field

from pkgraph.errors import PkgraphError
from pkgraph.graph.iris import IriScheme
from pkgraph.harvest.options import HarvestOptions, check_options
from pkgraph.harvest.run import run_harvest
from pkgraph.harvest.stores import Stores
from pkgraph_api.documents import authorised_writer
from pkgraph_api.errors import ApiError
from pkgraph_api.live import LiveWriter

T = TypeVar("T")

router = APIRouter(tags=["documents"])


def install(app: FastAPI) -> None:
    app.include_router(router)


class HarvestRequest(BaseModel):
    url: str = Field(min_length=1, max_length=2000, description="OParl System or Body URL")
    body: str | None = Field(None, max_length=2000, description="only this Body (id or name)")
    since: str | None = Field(None, max_length=100, description="ISO date or date-time")
    match: str | None = Field(None, max_length=500, description="regex on paper name/text")
    max_papers: int | None = Field(None, ge=1, description="stop after this many papers")


class HarvestStopped(PkgraphError):
    """The client of a harvest went away: the run stops at its next write."""


@dataclass
class ServiceStores:
    """:class:`pkgraph.harvest.stores.HarvestStores` of a running service, called from the
    harvest's thread: each step is run on the event loop under the write lock."""

    writer: LiveWriter
    loop: asyncio.AbstractEventLoop
    stopped: threading.Event = field(default_factory=threading.Event)

    @property
    def iris(self) -> IriScheme:
        return self.writer.graph.iris

    @property
    def indexing(self) -> bool:
        return True

    def _on_loop(self, work: Any) -> Any:
        if self.stopped.is_set():
            raise HarvestStopped("the harvest was stopped: its client went away")
        return asyncio.run_coroutine_threadsafe(work, self.loop).result()

    def step(self, work: Callable[[Stores], T]) -> T:
        result: T = self._on_loop(self.writer.step(work))
        return result

    def page_done(self) -> None:
        self._on_loop(self.writer.publish())


def _line(item: dict[str, Any]) -> bytes:
    return (json.dumps(item, ensure_ascii=False) + "\n").encode("utf-8")


@router.post("/harvest", summary="Harvest an OParl system into the running service")
async def harvest(request: Request, wanted: HarvestRequest) -> StreamingResponse:
    """Streams ``{"progress": line}`` objects, then ``{"report": ...}`` (or ``{"error": ...}``),
    one JSON object per line. 409 while another harvest runs."""
    writer = authorised_writer(request)
    options = HarvestOptions(**wanted.model_dump())
    try:
        check_options(options)
    except PkgraphError as exc:
        raise ApiError(422, "invalid_harvest", str(exc), parameter="body") from exc
    if writer.harvesting:
        raise ApiError(409, "harvest_running", "a harvest is running in this service; wait")
    writer.harvesting = True
    loop = asyncio.get_running_loop()
    stores = ServiceStores(writer, loop)
    lines: asyncio.Queue[bytes | None] = asyncio.Queue()

    def send(item: dict[str, Any] | None) -> None:
        loop.call_soon_threadsafe(lines.put_nowait, None if item is None else _line(item))

    def run() -> None:
        try:
            report = run_harvest(
                options,
                writer.settings,
                stores,
                progress=lambda message: send({"progress": message}),
            )
            send({"report": report.to_dict(), "ok": report.ok})
        except PkgraphError as exc:
            send({"error": str(exc)})
        except Exception as exc:  # a bug: said to the client, the service goes on
            send({"error": f"internal error in the harvest ({type(exc).__name__}: {exc})"})
        finally:
            loop.call_soon_threadsafe(setattr, writer, "harvesting", False)
            send(None)

    threading.Thread(target=run, name="pkgraph-harvest", daemon=True).start()

    async def stream() -> AsyncIterator[bytes]:
        try:
            while (line := await lines.get()) is not None:
                yield line
        finally:  # the client went away (or the run ended): stop at the next write
            stores.stopped.set()

    return StreamingResponse(stream(), media_type="application/x-ndjson")
