"""A loopback OParl server playing the recorded worlds of tests/data/oparl (see its README).

Serving rules of the fixture: the placeholder base is replaced by the server's own address,
list pages are chosen by ``page``, the ``*_since``/``*_until`` filters are answered (with
fresh envelopes whose links keep the filter), objects are served under their ids, file URLs
with recorded text answer ``text/plain``, everything else 404. On top, for the tests: objects can
be changed or deleted (``patch``), extra routes added (the quirk responses), and faults injected
(``fail_next``: 503s with Retry-After, slow answers; ``break_path``: failing until mended).
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.server
import json
import threading
import time
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parents[1] / "data" / "oparl"
PLACEHOLDER = "http://oparl.test/"
FILTERS = ("created_since", "created_until", "modified_since", "modified_until")


@dataclass
class Fault:
    status: int = 503
    retry_after: str | None = None
    delay: float = 0.0  # seconds before answering (a slow server)


class OParlWorld:
    """The fixture's manifest and files, with patches applied."""

    def __init__(self) -> None:
        self.manifest: dict[str, Any] = json.loads((DATA / "manifest.json").read_text("utf-8"))
        self.patches: dict[str, dict[str, Any]] = {}  # object id (placeholder URL) -> object

    def read(self, rel: str) -> str:
        return (DATA / rel).read_text("utf-8")

    def resolve(self, rel: str, pointer: str) -> Any:
        node: Any = json.loads(self.read(rel))
        for part in pointer.split("/")[1:]:
            part = part.replace("~1", "/").replace("~0", "~")
            node = node[int(part)] if isinstance(node, list) else node[part]
        return node

    def patched(self, items: list[dict[str, Any]], include_deleted: bool) -> list[dict[str, Any]]:
        out = []
        for item in items:
            item = self.patches.get(item["id"], item)
            if include_deleted or not item.get("deleted"):
                out.append(item)
        return out


class Handler(http.server.BaseHTTPRequestHandler):
    server: OParlServer

    def log_message(self, *_args: Any) -> None:
        pass

    def reply(
        self, code: int, body: str | bytes, ctype: str = "application/json; charset=utf-8"
    ) -> None:
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def here(self, text: str) -> str:
        for original, replacement in self.server.rebases.items():
            text = text.replace(original, self.server.base + replacement)
        return text.replace(PLACEHOLDER, self.server.base)

    def do_GET(self) -> None:
        split = urllib.parse.urlsplit(self.path)
        path = split.path.lstrip("/")
        key = path + ("?" + split.query if split.query else "")
        self.server.log.append(key)
        fault = self.server.fault_for(key)
        if fault is not None:
            time.sleep(fault.delay)
            if fault.status != 200:
                self.send_response(fault.status)
                if fault.retry_after is not None:
                    self.send_header("Retry-After", fault.retry_after)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
        world = self.server.world
        manifest = world.manifest
        query = dict(urllib.parse.parse_qsl(split.query))
        extra = self.server.extra.get(key) or self.server.extra.get(path)
        if extra is not None:  # an exact URL first, then any query on that path
            status, ctype, body = extra
            return self.reply(status, self.here(body) if isinstance(body, str) else body, ctype)
        if path in manifest["lists"]:
            return self.list_page(path, query)
        if key in manifest["routes"]:
            return self.reply(200, self.here(world.read(manifest["routes"][key])))
        object_id = PLACEHOLDER + key
        if object_id in world.patches:
            return self.reply(200, self.here(json.dumps(world.patches[object_id])))
        if key in manifest["objects"]:
            entry = manifest["objects"][key]
            obj = world.resolve(entry["file"], entry["pointer"])
            return self.reply(200, self.here(json.dumps(obj, ensure_ascii=False)))
        if key in manifest["files"]:
            entry = manifest["files"][key]
            return self.reply(200, world.read(entry["file"]), entry["content_type"])
        return self.reply(404, '{"error":"not in fixture"}')

    def list_page(self, path: str, query: dict[str, str]) -> None:
        world = self.server.world
        spec = world.manifest["lists"][path]
        include_deleted = world.manifest["worlds"][path.split("/", 1)[0]][
            "unfiltered_lists_include_deleted"
        ]
        page = int(query.get("page", "1"))
        filters = {k: query[k] for k in FILTERS if k in query}
        envelopes = [json.loads(world.read(p["file"])) for p in spec["pages"]]
        touched = any(o["id"] in world.patches for env in envelopes for o in env["data"])
        if not filters and not touched:
            if not 1 <= page <= len(spec["pages"]):
                return self.reply(404, '{"error":"no such page"}')
            return self.reply(200, self.here(world.read(spec["pages"][page - 1]["file"])))
        if not filters:
            if not 1 <= page <= len(envelopes):
                return self.reply(404, '{"error":"no such page"}')
            envelope = envelopes[page - 1]
            envelope["data"] = world.patched(envelope["data"], include_deleted)
            return self.reply(200, self.here(json.dumps(envelope, ensure_ascii=False)))
        items = world.patched([o for env in envelopes for o in env["data"]], True)
        per_page = envelopes[0]["pagination"].get("elementsPerPage") or 10
        items = [o for o in items if _keep(o, filters)]
        pages = max(1, -(-len(items) // per_page))

        def link(n: int) -> str:
            return self.server.base + path + "?" + urllib.parse.urlencode(dict(filters, page=n))

        links = {"first": link(1), "self": link(page), "last": link(pages)}
        if page > 1:
            links["prev"] = link(page - 1)
        if page < pages:
            links["next"] = link(page + 1)
        envelope = {
            "data": items[(page - 1) * per_page : page * per_page],
            "pagination": {
                "totalElements": len(items),
                "elementsPerPage": per_page,
                "currentPage": page,
                "totalPages": pages,
            },
            "links": links,
        }
        return self.reply(200, self.here(json.dumps(envelope, ensure_ascii=False)))


def _keep(obj: dict[str, Any], filters: dict[str, str]) -> bool:
    when = dt.datetime.fromisoformat
    for name, value in filters.items():
        attr = obj.get(name.split("_")[0])
        if attr is None:
            return False
        if name.endswith("_since") and when(attr) < when(value):
            return False
        if name.endswith("_until") and when(attr) > when(value):
            return False
    return True


class OParlServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, port: int = 0) -> None:
        super().__init__(("127.0.0.1", port), Handler)
        self.base = f"http://127.0.0.1:{self.server_port}/"
        self.world = OParlWorld()
        self.log: list[str] = []
        self.extra: dict[str, tuple[int, str, str | bytes]] = {}  # key -> status, type, body
        self.rebases: dict[str, str] = {}  # original base of a fragment -> path under our base
        self._faults: list[tuple[str, Fault]] = []
        self._broken: set[str] = set()
        self._lock = threading.Lock()

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client that gave up on a slow answer closed its socket: nothing to report."""

    def url(self, rel: str) -> str:
        return self.base + rel

    def fail_next(self, prefix: str, count: int, fault: Fault) -> None:
        """The next ``count`` requests whose path starts with ``prefix`` answer ``fault``."""
        with self._lock:
            self._faults += [(prefix, fault)] * count

    def break_path(self, prefix: str) -> None:
        """Requests under ``prefix`` answer 500 until :meth:`mend`."""
        self._broken.add(prefix)

    def mend(self) -> None:
        self._broken.clear()

    def fault_for(self, key: str) -> Fault | None:
        if any(key.startswith(prefix) for prefix in self._broken):
            return Fault(status=500)
        with self._lock:
            for position, (prefix, fault) in enumerate(self._faults):
                if key.startswith(prefix):
                    del self._faults[position]
                    return fault
        return None

    def patch(self, rel_id: str, obj: dict[str, Any]) -> None:
        """Serve ``obj`` (placeholder URLs) for the object ``rel_id`` everywhere from now on."""
        self.world.patches[PLACEHOLDER + rel_id] = obj

    def delete(self, rel_id: str, modified: str, with_type: bool = False) -> None:
        """Replace an object by a tombstone (SD.NET style: no ``type``, unless asked)."""
        tombstone: dict[str, Any] = {"id": PLACEHOLDER + rel_id, "created": modified}
        if with_type:
            tombstone["type"] = "https://schema.oparl.org/1.1/Paper"
        tombstone.update(modified=modified, deleted=True)
        self.patch(rel_id, tombstone)

    def requests_to(self, prefix: str) -> list[str]:
        return [key for key in self.log if key.startswith(prefix)]


def serve() -> Iterator[OParlServer]:
    server = OParlServer()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


def main() -> None:
    """Serve the worlds until interrupted: ``python -m tests.harvest.server --port 8765``."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, default=8765)
    server = OParlServer(parser.parse_args().port)
    print(f"serving {server.base}huertgenwald/system and {server.base}karlsruhe/system", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
