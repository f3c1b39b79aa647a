"""Request bodies limited while they are read, on every endpoint, chunked or not.

Routes read a body whole (``request.body()``, FastAPI's JSON and form parsing), so a chunked
1 GB POST was in memory before any size check. This middleware counts the bytes as the app
receives them: a declared ``Content-Length`` over the limit is refused before anything is read,
and a body that grows past it is cut off at the first chunk beyond (413 sent at once, the app
sees a disconnect and its own answer is dropped). The limit is ``Settings.max_body_bytes``;
an endpoint that takes larger bodies registers its path with :func:`allow`.
"""

from __future__ import annotations

from fastapi import FastAPI
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from pkgraph.settings import Settings
from pkgraph_api.errors import ApiError, error_response

DEFAULT_REASON = "Settings.max_body_bytes"


def too_large(limit: int, reason: str) -> ApiError:
    return ApiError(
        413, "body_too_large", f"the request body is larger than {limit} bytes ({reason})"
    )


class BodyLimit:
    def __init__(self, app: ASGIApp, default: int, paths: dict[str, tuple[int, str]]) -> None:
        self.app = app
        self.default = (default, DEFAULT_REASON)
        self.paths = paths  # exact path -> (limit, why), filled by allow()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit, reason = self.paths.get(scope["path"], self.default)
        declared = dict(scope["headers"]).get(b"content-length", b"")
        if declared.isdigit() and int(declared) > limit:
            await error_response(Request(scope), too_large(limit, reason))(scope, receive, send)
            return
        received = 0
        refused = False

        async def counted() -> Message:
            nonlocal received, refused
            if refused:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    refused = True
                    await error_response(Request(scope), too_large(limit, reason))(
                        scope, receive, send
                    )
                    return {"type": "http.disconnect"}
            return message

        async def unless_refused(message: Message) -> None:
            if not refused:
                await send(message)

        try:
            await self.app(scope, counted, unless_refused)
        except Exception:
            if not refused:  # the app failed on the cut-off body: the 413 is the answer
                raise


def install(app: FastAPI, settings: Settings) -> None:
    app.state.body_limits = {}
    app.add_middleware(BodyLimit, default=settings.max_body_bytes, paths=app.state.body_limits)


def allow(app: FastAPI, path: str, limit: int, reason: str = "") -> None:
    """Let ``path`` take bodies up to ``limit`` bytes; ``reason`` (e.g. the setting) is named
    in the 413 answer. Call after :func:`install`."""
    app.state.body_limits[path] = (limit, reason or f"the limit of {path}")
