"""Clear error answers: one JSON shape (or plain text for clients that do not take JSON).

Routes raise :class:`ApiError`; the app turns it, the library's :class:`pkgraph.errors.QueryError`
and FastAPI's own validation errors into the same :class:`~pkgraph_api.schemas.ErrorBody`.
No stack trace ever reaches a client.
"""

from __future__ import annotations

from collections.abc import Mapping

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, PlainTextResponse, Response

from pkgraph.errors import PkgraphError, QueryError
from pkgraph_api.negotiation import Offer, choose
from pkgraph_api.schemas import ErrorBody

_JSON = Offer("application/json", charset=False)
_TEXT = Offer("text/plain")


class ApiError(Exception):
    """An answer with a 4xx/5xx status; ``code`` is a stable machine-readable name."""

    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        *,
        parameter: str | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.body = ErrorBody(error=code, message=message, parameter=parameter)
        self.headers = dict(headers or {})


def error_response(request: Request, error: ApiError) -> Response:
    """JSON unless the client accepts only other types (a SPARQL client asking for XML)."""
    if choose(request.headers.get("accept"), (_JSON, _TEXT)) is not _JSON:
        text = error.body.message
        if error.body.parameter:
            text = f"{error.body.parameter}: {text}"
        return PlainTextResponse(text + "\n", error.status, headers=error.headers)
    return JSONResponse(error.body.model_dump(), error.status, headers=error.headers)


async def api_error_handler(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, ApiError)
    return error_response(request, exc)


async def query_error_handler(request: Request, exc: Exception) -> Response:
    """A library filter/parameter error: the client sent a value that cannot be used."""
    assert isinstance(exc, QueryError)
    error = ApiError(422, "invalid_parameter", exc.reason, parameter=exc.parameter)
    return error_response(request, error)


async def pkgraph_error_handler(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, PkgraphError)
    return error_response(request, ApiError(400, "bad_request", str(exc)))


async def validation_error_handler(request: Request, exc: Exception) -> Response:
    """FastAPI's parameter validation, reshaped: name the first offending parameter."""
    assert isinstance(exc, RequestValidationError)
    first = exc.errors()[0] if exc.errors() else {}
    location = [str(part) for part in first.get("loc", ()) if part not in ("query", "body")]
    parameter = ".".join(location) or None
    message = str(first.get("msg", "invalid request"))
    return error_response(request, ApiError(422, "invalid_parameter", message, parameter=parameter))


async def unexpected_error_handler(request: Request, exc: Exception) -> Response:
    """Last resort: a short message, never the traceback (that goes to the server log)."""
    error = ApiError(500, "internal_error", f"internal error ({type(exc).__name__})")
    return error_response(request, error)
