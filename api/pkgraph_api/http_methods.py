"""HEAD and OPTIONS for every route, and CORS for browser apps on other origins.

FastAPI answers 405 to HEAD and OPTIONS on a GET route; link checkers, caches and a YASGUI
or notebook on another origin send them. Every route of this service is read-only, so CORS
(``Settings.cors_origins``) covers all of them; credentials are never allowed.
"""

from __future__ import annotations

from fastapi import FastAPI
from starlette.middleware.cors import CORSMiddleware
from starlette.routing import BaseRoute, Match, Mount
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from pkgraph.settings import Settings

#: Response headers a cross-origin script may read besides the CORS-safelisted ones.
EXPOSED_HEADERS = ("X-Result-Truncated", "X-Result-Cap", "Retry-After", "Vary")


_METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")


def _answers(route: BaseRoute, scope: Scope, method: str) -> bool:
    if isinstance(route, Mount):  # static files: matched whatever the method, serve GET only
        return method == "GET" and route.matches(scope)[0] is Match.FULL
    return route.matches(dict(scope, method=method))[0] is Match.FULL


def _allowed_methods(scope: Scope) -> set[str]:
    """The methods some route answers at this path (empty: the path is unknown)."""
    routes = scope["app"].router.routes
    methods = {method for method in _METHODS if any(_answers(r, scope, method) for r in routes)}
    if "GET" in methods:
        methods.add("HEAD")
    return methods | {"OPTIONS"} if methods else methods


class HeadAndOptions:
    """HEAD is answered as GET without the body; a plain OPTIONS gets 204 and ``Allow``.

    A CORS preflight (OPTIONS with ``Access-Control-Request-Method``) never reaches here: the
    CORS middleware outside answers it.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in ("HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        if scope["method"] == "OPTIONS":
            methods = _allowed_methods(scope)
            if methods:
                allow = [(b"allow", ", ".join(sorted(methods)).encode())]
                await send({"type": "http.response.start", "status": 204, "headers": allow})
                await send({"type": "http.response.body", "body": b""})
                return
            await self.app(scope, receive, send)
            return

        async def headers_only(message: Message) -> None:
            if message["type"] != "http.response.body":
                await send(message)
            elif not message.get("more_body", False):
                await send({"type": "http.response.body", "body": b""})

        await self.app(dict(scope, method="GET"), receive, headers_only)


def cors_origins(settings: Settings) -> list[str]:
    """``Settings.cors_origins`` as a list: ``*``, or origins separated by spaces or commas."""
    return [part for part in settings.cors_origins.replace(",", " ").split() if part]


def install(app: FastAPI, settings: Settings) -> None:
    """HEAD/OPTIONS inside, CORS outermost (so preflights and errors carry its headers)."""
    app.add_middleware(HeadAndOptions)
    origins = cors_origins(settings)
    if origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=origins,
            allow_methods=["GET", "HEAD", "POST", "OPTIONS"],
            allow_headers=["Accept", "Accept-Language", "Content-Type"],
            expose_headers=list(EXPOSED_HEADERS),
            allow_credentials=False,
            max_age=600,
        )
