"""HTTP for harvesting: polite (a request rate shared by all threads), patient (retries with
doubling back-off on 5xx, 429 and timeouts, ``Retry-After`` honoured) and explicit (every
failure is a :class:`HarvestError` naming the URL).

Council servers are small machines run by municipal IT providers; a harvester that hammers
them gets blocked, and one that gives up on the first 503 never finishes a city.
"""

from __future__ import annotations

import email.utils
import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import httpx

from pkgraph.errors import PkgraphError
from pkgraph.settings import Settings

#: Answers worth asking again: the server is busy or failing for a moment.
_RETRY_STATUS = frozenset({429, 500, 502, 503, 504})
#: Never wait longer than this for one ``Retry-After``, whatever the server asks.
_MAX_RETRY_AFTER_S = 300.0


class HarvestError(PkgraphError):
    """One object, list page or file could not be had; ``url`` names it, ``reason`` says why."""

    def __init__(self, url: str, reason: str, status: int | None = None) -> None:
        super().__init__(f"{url}: {reason}")
        self.url = url
        self.reason = reason
        self.status = status


@dataclass(frozen=True)
class Response:
    status: int
    content_type: str
    content: bytes


class RateLimiter:
    """At most ``rate`` request starts per second across threads (``rate <= 0``: no limit)."""

    def __init__(self, rate: float, clock: Callable[[], float] = time.monotonic) -> None:
        self._interval = 1.0 / rate if rate > 0 else 0.0
        self._clock = clock
        self._next = 0.0
        self._lock = threading.Lock()

    def wait(self) -> None:
        with self._lock:
            now = self._clock()
            start = max(now, self._next)
            self._next = start + self._interval
        if start > now:
            time.sleep(start - now)


def retry_after_seconds(value: str | None) -> float | None:
    """``Retry-After`` as seconds: a number of seconds or an HTTP date; None if absent/bad."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def parse_json(data: bytes, url: str) -> Any:
    """Decode a JSON body. Raw control characters inside strings (sent by some SessionNet
    servers) are accepted; anything else that is not JSON is a HarvestError naming ``url``."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    try:
        return json.loads(text, strict=False)
    except json.JSONDecodeError as exc:
        raise HarvestError(url, f"malformed JSON ({exc.msg} at line {exc.lineno})") from exc


class OParlClient:
    """One HTTP client per harvest run; thread-safe, use as a context manager."""

    def __init__(self, settings: Settings, transport: httpx.BaseTransport | None = None) -> None:
        self.settings = settings
        self.requests = 0
        self.retries = 0
        self._limiter = RateLimiter(settings.harvest_rate)
        self._count_lock = threading.Lock()
        self._http = httpx.Client(
            timeout=httpx.Timeout(settings.harvest_timeout_s),
            follow_redirects=True,
            headers={
                "User-Agent": settings.harvest_user_agent,
                "Accept": "application/json, */*;q=0.5",
            },
            limits=httpx.Limits(max_connections=max(1, settings.harvest_concurrency) + 1),
            transport=transport,
        )

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> OParlClient:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def _count(self, retry: bool) -> None:
        with self._count_lock:
            self.requests += 1
            self.retries += int(retry)

    def get(self, url: str, params: dict[str, str] | None = None) -> Response:
        """GET ``url``; retried on 5xx/429/timeouts/connection errors; other 4xx are returned."""
        attempts = max(0, self.settings.harvest_retries) + 1
        delay = self.settings.harvest_backoff_s
        for attempt in range(attempts):
            self._limiter.wait()
            self._count(retry=attempt > 0)
            last = attempt == attempts - 1
            try:
                answer = self._http.get(url, params=params)
            except httpx.TimeoutException as exc:
                if last:
                    raise HarvestError(url, f"timed out {attempts} time(s)") from exc
            except httpx.TransportError as exc:
                if last:
                    raise HarvestError(url, f"connection failed: {exc}") from exc
            except httpx.InvalidURL as exc:
                raise HarvestError(url, f"not a valid URL: {exc}") from exc
            except httpx.HTTPError as exc:  # e.g. too many redirects: asking again won't help
                raise HarvestError(url, f"{type(exc).__name__}: {exc}") from exc
            else:
                if answer.status_code not in _RETRY_STATUS:
                    return Response(
                        status=answer.status_code,
                        content_type=answer.headers.get("content-type", ""),
                        content=answer.content,
                    )
                if last:
                    raise HarvestError(
                        url,
                        f"HTTP {answer.status_code} after {attempts} attempt(s)",
                        answer.status_code,
                    )
                wait = retry_after_seconds(answer.headers.get("retry-after"))
                if wait is not None:
                    delay = max(delay, min(wait, _MAX_RETRY_AFTER_S))
            time.sleep(delay)
            delay *= 2
        raise AssertionError("unreachable")  # the loop returns or raises on its last attempt

    def get_json(self, url: str, params: dict[str, str] | None = None) -> Any:
        """The decoded JSON at ``url``; HarvestError on 4xx or malformed JSON."""
        response = self.get(url, params)
        if response.status != 200:
            raise HarvestError(url, f"HTTP {response.status}", response.status)
        return parse_json(response.content, url)
