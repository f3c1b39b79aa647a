"""A running ``pkgraph serve`` in a data dir, and sending it documents.

Oxigraph allows one writing process per store, and a reader beside a writer in another process
is undefined. So while a service runs on a data dir it is that dir's only writer: it announces
itself in ``service.json`` (URL, pid, whether it writes), and ``pkgraph ingest`` / ``remove``
send their documents to it (``POST`` / ``DELETE /documents`` with ``Settings.api_token``),
``pkgraph harvest`` its run (``POST /harvest``), instead of opening the stores. An
announcement whose process is gone is stale and ignored.
"""

from __future__ import annotations

import json
import os
import time
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx

from pkgraph.closing import ClosedOnExit
from pkgraph.errors import PkgraphError
from pkgraph.harvest.options import HarvestOptions
from pkgraph.ingest.files import select_input_files
from pkgraph.pipeline import IngestReport, Progress, stderr_progress
from pkgraph.settings import Settings

ANNOUNCEMENT = "service.json"
#: Extraction of a large document can take a while; the service answers when it is stored.
SEND_TIMEOUT_S = 600.0


@dataclass(frozen=True)
class Announcement:
    url: str
    pid: int
    #: False: the service opened the stores read-only (no api_token) and takes no documents.
    writer: bool
    #: Tells this start's file from another's of the same process (tests run several).
    nonce: str


def announcement_path(settings: Settings) -> Path:
    return settings.data_dir / ANNOUNCEMENT


def public_url(host: str, port: int) -> str:
    """The URL a local client reaches a service bound to ``host`` at."""
    if host in ("", "0.0.0.0"):
        host = "127.0.0.1"
    elif host == "::":
        host = "::1"
    return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"


def announce(settings: Settings, url: str, writer: bool) -> Announcement:
    """Write the announcement atomically (a reader never sees half a file).

    A service over a remote store may start before anything else wrote to its data dir."""
    announcement = Announcement(url, os.getpid(), writer, uuid.uuid4().hex)
    path = announcement_path(settings)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{ANNOUNCEMENT}.{announcement.nonce}")
    partial.write_text(json.dumps(asdict(announcement)), encoding="utf-8")
    partial.replace(path)
    return announcement


def withdraw(settings: Settings, announcement: Announcement) -> None:
    """Remove the announcement if it is still this one's."""
    if read_announcement(settings) == announcement:
        announcement_path(settings).unlink(missing_ok=True)


@contextmanager
def announced(settings: Settings, writer: bool) -> Iterator[Announcement]:
    """Announced at ``settings.host``/``port`` while the block runs (a service's lifetime)."""
    announcement = announce(settings, public_url(settings.host, settings.port), writer)
    try:
        yield announcement
    finally:
        withdraw(settings, announcement)


def read_announcement(settings: Settings) -> Announcement | None:
    try:
        values = json.loads(announcement_path(settings).read_text(encoding="utf-8"))
        return Announcement(**values)
    except (OSError, ValueError, TypeError):
        return None


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: alive
        return True
    return True


def service_client(settings: Settings) -> ServiceClient | None:
    """A client of the service running on this data dir, or None when none runs; raises
    PkgraphError when one runs that cannot take documents (read-only, or no token here)."""
    service = live_service(settings)
    return None if service is None else ServiceClient(service, settings)


def live_service(settings: Settings) -> Announcement | None:
    """The service running on this data dir, or None (none announced, or its process is gone)."""
    announcement = read_announcement(settings)
    if announcement is None or not _alive(announcement.pid):
        return None
    return announcement


def refuse_beside_service(settings: Settings, command: str, *, readers: bool = False) -> None:
    """For commands that cannot go through a service: stop them while one runs. ``readers``:
    the command only reads, which is safe beside a read-only service, not beside one that
    writes (Oxigraph: a reader beside a live writer is undefined)."""
    service = live_service(settings)
    if service is not None and not (readers and not service.writer):
        raise PkgraphError(
            f"`pkgraph serve` (pid {service.pid}, {service.url}) has {settings.data_dir} open; "
            f"stop it before `pkgraph {command}`"
        )


class ServiceClient(ClosedOnExit):
    """POST / DELETE /documents and POST /harvest on a writing service, with the token of
    ``settings``."""

    def __init__(self, service: Announcement, settings: Settings) -> None:
        if not service.writer:
            raise PkgraphError(
                f"`pkgraph serve` (pid {service.pid}, {service.url}) has {settings.data_dir} "
                "open read-only: stop it, or start it with PKGRAPH_API_TOKEN set so that "
                "documents go through it"
            )
        if not settings.api_token:
            raise PkgraphError(
                f"`pkgraph serve` (pid {service.pid}, {service.url}) writes {settings.data_dir}: "
                "set PKGRAPH_API_TOKEN to its token so that documents go through it"
            )
        self.service = service
        self._http = httpx.Client(
            base_url=service.url,
            headers={"Authorization": f"Bearer {settings.api_token}"},
            timeout=SEND_TIMEOUT_S,
        )

    def close(self) -> None:
        self._http.close()

    def _call(self, method: str, url: str, **kwargs: Any) -> httpx.Response:
        try:
            return self._http.request(method, url, **kwargs)
        except httpx.HTTPError as exc:
            raise PkgraphError(
                f"`pkgraph serve` (pid {self.service.pid}) announced at {self.service.url} "
                f"does not answer ({exc}); if no service runs, delete {ANNOUNCEMENT}"
            ) from exc

    def _refused(self, response: httpx.Response) -> None:
        if response.status_code in (401, 403):
            raise PkgraphError(f"the service refused the token: {_message(response)}")

    def send(self, path: Path, source: str) -> httpx.Response:
        """One file, named ``source``; the answer (raises only for a refused token)."""
        response = self._call(
            "POST", "/documents", params={"source": source}, content=path.read_bytes()
        )
        self._refused(response)
        return response

    def remove(self, source: str) -> bool:
        response = self._call("DELETE", "/documents/" + quote(source, safe=""))
        self._refused(response)
        return response.status_code == 200

    def harvest(self, options: HarvestOptions, progress: Progress) -> dict[str, Any]:
        """``POST /harvest``: the run inside the service, its progress passed on as it comes;
        the report (as :meth:`HarvestReport.to_dict`), or PkgraphError with the service's
        reason."""
        wanted = {k: v for k, v in asdict(options).items() if k != "with_index"}
        # no read timeout: a page of a slow OParl server may take long between two lines
        timeout = httpx.Timeout(SEND_TIMEOUT_S, read=None)
        try:
            with self._http.stream("POST", "/harvest", json=wanted, timeout=timeout) as answer:
                self._refused(answer)
                if answer.status_code != 200:
                    answer.read()
                    raise PkgraphError(f"the service refused the harvest: {_message(answer)}")
                for line in answer.iter_lines():
                    item = json.loads(line) if line.strip() else {}
                    if "progress" in item:
                        progress(f"{item['progress']} (in {self.service.url})")
                    elif "error" in item:
                        raise PkgraphError(str(item["error"]))
                    elif "report" in item:
                        report: dict[str, Any] = item["report"]
                        return report
        except httpx.HTTPError as exc:
            raise PkgraphError(
                f"`pkgraph serve` (pid {self.service.pid}) at {self.service.url} broke off the "
                f"harvest ({exc}); run it again to resume"
            ) from exc
        raise PkgraphError(f"the service at {self.service.url} ended the harvest without a report")


def _message(response: httpx.Response) -> str:
    try:
        return str(response.json()["message"])
    except (ValueError, KeyError, TypeError):
        return response.text.strip() or f"HTTP {response.status_code}"


def ingest_through(
    client: ServiceClient, paths: Iterable[Path], progress: Progress = stderr_progress
) -> IngestReport:
    """:func:`pkgraph.pipeline.ingest_paths` by the service: the same selection and report."""
    started = time.perf_counter()
    selection = select_input_files(paths)
    report = IngestReport(skipped=selection.skipped)
    for skipped in selection.skipped:
        progress(f"skipped {skipped.path}: {skipped.reason}")
    for number, item in enumerate(selection.files, 1):
        label = f"[{number}/{len(selection.files)}] {item.path}"
        try:
            response = client.send(item.path, item.source)
        except OSError as exc:
            report.failed.append((str(item.path), f"cannot read file: {exc.strerror or exc}"))
            progress(f"{label}: FAILED: cannot read file")
            continue
        if response.status_code != 200:
            report.failed.append((str(item.path), _message(response)))
            progress(f"{label}: FAILED: {_message(response)}")
            continue
        answer = response.json()
        report.bytes_read += item.path.stat().st_size
        getattr(report, answer["status"]).append(item.source)
        progress(f"{label}: {answer['status']} (through {client.service.url})")
    report.seconds = time.perf_counter() - started
    return report
