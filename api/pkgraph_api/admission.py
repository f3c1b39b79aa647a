"""Fair admission in front of a fixed number of executors (SPARQL workers, search threads).

Without it every request was handed to its executor at once: two expensive SPARQL queries
held both workers while every other client waited for its timeout, and 40 searches whose
clients had left ran one after another before the next user's. A :class:`Gate` lets at most
``capacity`` jobs run; the others wait in arrival order in a bounded queue, so a request beyond
it is refused at once (:class:`Busy`: 503 with Retry-After, since a retry can then succeed).
A waiting job whose client disconnects is dropped before it starts.

Jobs are cheap or heavy. Heavy ones (known to be expensive, or marked while running) may hold
at most ``heavy_capacity`` executors and have a queue of their own. A job that turns heavy while
running cannot be moved; when every running job is heavy, cheap jobs may use ``spare`` extra
executors, so they are never starved by expensive ones.

Everything here runs on the event loop; a job running in a thread marks itself heavy through
:meth:`Gate.mark_heavy_threadsafe`.
"""

from __future__ import annotations

import asyncio
import math
import time
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

#: How often a waiting request checks whether its client is still there.
DISCONNECT_POLL_S = 0.1


class Busy(Exception):
    """The queue is full or the wait lasted too long; retrying after ``retry_after_s`` may work."""

    def __init__(self, message: str, retry_after_s: int) -> None:
        super().__init__(message)
        self.retry_after_s = retry_after_s


class ClientGone(Exception):
    """The client disconnected while its request waited; nothing was run."""


@dataclass(eq=False)
class Ticket:
    """One admitted (or waiting) job."""

    heavy: bool
    granted: asyncio.Future[None] = field(repr=False)
    started: float = 0.0


class Gate:
    def __init__(
        self,
        name: str,
        capacity: int,
        queue_limit: int,
        *,
        heavy_capacity: int | None = None,
        heavy_queue_limit: int = 0,
        spare: int = 0,
        max_expected_wait_s: float | None = None,
    ) -> None:
        self.name = name
        self.capacity = capacity
        self.queue_limit = queue_limit
        self.heavy_capacity = capacity if heavy_capacity is None else heavy_capacity
        self.heavy_queue_limit = heavy_queue_limit
        self.spare = spare
        self.max_expected_wait_s = max_expected_wait_s
        self._running: set[Ticket] = set()
        self._waiting: deque[Ticket] = deque()
        self._mean_service_s = 0.1  # moving average of run time: the Retry-After estimate
        self._loop: asyncio.AbstractEventLoop | None = None

    @property
    def running(self) -> int:
        return len(self._running)

    @property
    def waiting(self) -> int:
        return len(self._waiting)

    def _may_start(self, ticket: Ticket) -> bool:
        running = len(self._running)
        if ticket.heavy:
            heavy = sum(1 for t in self._running if t.heavy)
            return heavy < self.heavy_capacity and running < self.capacity
        if running < self.capacity:
            return True
        return running < self.capacity + self.spare and all(t.heavy for t in self._running)

    def _dispatch(self) -> None:
        """Start every waiting job that may start now, oldest first."""
        for ticket in list(self._waiting):
            if self._may_start(ticket):
                self._waiting.remove(ticket)
                self._start(ticket)

    def _start(self, ticket: Ticket) -> None:
        ticket.started = time.monotonic()
        self._running.add(ticket)
        ticket.granted.set_result(None)

    def _expected_wait_s(self, heavy: bool) -> float:
        """How long the last job of this kind in the queue will likely wait (recent run times)."""
        ahead = sum(1 for t in self._waiting if t.heavy == heavy)
        lanes = self.heavy_capacity if heavy else self.capacity
        return self._mean_service_s * ahead / max(1, lanes)

    def retry_after_s(self, heavy: bool) -> int:
        """Seconds until the queue of this kind has likely moved on by one place."""
        return max(1, math.ceil(self._expected_wait_s(heavy)))

    def _refusal(self, heavy: bool) -> str | None:
        limit = self.heavy_queue_limit if heavy else self.queue_limit
        kind = "expensive " if heavy else ""
        if sum(1 for t in self._waiting if t.heavy == heavy) > limit:
            return f"{self.name}: all {limit} places in the queue for {kind}requests are taken"
        expected = self._expected_wait_s(heavy)
        if self.max_expected_wait_s is not None and expected > self.max_expected_wait_s:
            return (
                f"{self.name}: the queue would take about {expected:.1f} s, longer than "
                f"{self.max_expected_wait_s:g} s"
            )
        return None

    async def enter(
        self,
        heavy: bool = False,
        disconnected: Callable[[], Awaitable[bool]] | None = None,
        max_wait_s: float | None = None,
        bounded: bool = True,
    ) -> Ticket:
        """Wait for a turn; raise :class:`Busy` (queue full, waited too long) or
        :class:`ClientGone` (``disconnected()`` said so while waiting). ``bounded`` False: the
        queue bounds do not apply (the service's own work, e.g. a document being stored)."""
        self._loop = asyncio.get_running_loop()
        ticket = Ticket(heavy, self._loop.create_future())
        self._waiting.append(ticket)
        self._dispatch()
        if ticket.granted.done():
            return ticket
        refusal = self._refusal(heavy) if bounded else None
        if refusal is not None:
            self._waiting.remove(ticket)
            raise Busy(refusal, self.retry_after_s(heavy))
        try:
            await self._wait(ticket, disconnected, max_wait_s)
        except BaseException:
            if ticket.granted.done() and not ticket.granted.cancelled():
                self.leave(ticket)  # granted in the same moment: give the turn back
            else:
                self._waiting.remove(ticket)
            raise
        return ticket

    async def _wait(
        self,
        ticket: Ticket,
        disconnected: Callable[[], Awaitable[bool]] | None,
        max_wait_s: float | None,
    ) -> None:
        deadline = None if max_wait_s is None else time.monotonic() + max_wait_s
        while True:
            step = DISCONNECT_POLL_S if disconnected else None
            if deadline is not None:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise Busy(
                        f"{self.name}: no turn came within {max_wait_s:g} s",
                        self.retry_after_s(ticket.heavy),
                    )
                step = left if step is None else min(step, left)
            done, _ = await asyncio.wait({ticket.granted}, timeout=step)
            if done:
                return
            if disconnected is not None and await disconnected():
                raise ClientGone()

    def leave(self, ticket: Ticket) -> None:
        """The job ended (or was given up): free its place and start the next ones."""
        self._running.discard(ticket)
        elapsed = time.monotonic() - ticket.started
        self._mean_service_s = 0.8 * self._mean_service_s + 0.2 * elapsed
        self._dispatch()

    def mark_heavy(self, ticket: Ticket) -> None:
        """The running job turned out expensive; a cheap job may now get a spare executor."""
        ticket.heavy = True
        self._dispatch()

    def mark_heavy_threadsafe(self, ticket: Ticket) -> None:
        if self._loop is not None:
            self._loop.call_soon_threadsafe(self.mark_heavy, ticket)
