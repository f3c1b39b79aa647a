"""``POST /documents`` and ``DELETE /documents/{source}``: a coordinator (or ``pkgraph ingest``
on the same data dir) changes the documents of a running service, which applies them at once
(:mod:`pkgraph_api.live`). Both need ``Authorization: Bearer <Settings.api_token>``.
"""

from __future__ import annotations

import hmac
from pathlib import PurePosixPath
from typing import Annotated, Literal

from fastapi import APIRouter, FastAPI, Path, Query, Request
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from pkgraph.errors import IngestError
from pkgraph.ingest.readers import FORMAT_BY_SUFFIX, read_bytes
from pkgraph.records import DocFormat
from pkgraph.settings import Settings
from pkgraph_api import body_limit
from pkgraph_api.errors import ApiError
from pkgraph_api.live import Applied, LiveWriter

router = APIRouter(tags=["documents"])


def install(app: FastAPI, settings: Settings) -> None:
    """The routes, with bodies up to ``Settings.max_file_bytes`` (after body_limit.install)."""
    app.include_router(router)
    body_limit.allow(app, "/documents", settings.max_file_bytes, "Settings.max_file_bytes")


class DocumentChange(BaseModel):
    status: Literal["added", "replaced", "unchanged", "removed"]
    doc_id: str = Field(description="first 16 hex digits of sha256(source)")
    source: str = Field(description="the document's identity")
    passages: int = Field(description="passages stored (0 for unchanged and removed)")

    @classmethod
    def of(cls, applied: Applied) -> DocumentChange:
        return cls.model_validate(applied, from_attributes=True)


def authorised_writer(request: Request) -> LiveWriter:
    """The service's writer, if the request carries its token (compared in constant time)."""
    token: str = request.app.state.settings.api_token
    writer: LiveWriter | None = request.app.state.writer
    if not token or writer is None:
        raise ApiError(
            403,
            "writes_disabled",
            "this service takes no documents: it runs without Settings.api_token "
            "(PKGRAPH_API_TOKEN)",
        )
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not given:
        raise ApiError(
            401,
            "unauthorized",
            "send the service's token as 'Authorization: Bearer <token>'",
            parameter="Authorization",
            headers={"WWW-Authenticate": "Bearer"},
        )
    if not hmac.compare_digest(given.strip().encode("utf-8"), token.encode("utf-8")):
        raise ApiError(
            403, "forbidden", "the token is not this service's", parameter="Authorization"
        )
    return writer


def _format(filename: str, parameter: str) -> DocFormat:
    suffix = PurePosixPath(filename).suffix.lower()
    if suffix not in FORMAT_BY_SUFFIX:
        supported = " ".join(sorted(FORMAT_BY_SUFFIX))
        raise ApiError(
            422,
            "unsupported_type",
            f"{filename!r}: the file type comes from its suffix, one of {supported}",
            parameter=parameter,
        )
    return FORMAT_BY_SUFFIX[suffix]


@router.post("/documents", response_model=DocumentChange, summary="Add or replace a document")
async def add_document(
    request: Request,
    source: Annotated[
        str,
        Query(
            min_length=1,
            max_length=2000,
            description="the document's identity: its path inside the corpus folder, or its URL",
        ),
    ],
    filename: Annotated[
        str | None,
        Query(max_length=500, description="gives the file type when the source has no suffix"),
    ] = None,
) -> DocumentChange:
    """The body is the file's bytes (``.txt .md .html .htm .pdf``). The document is read,
    extracted and stored before the answer; readers see its old or its new version, never
    both. An unreadable file answers 422 and changes nothing."""
    writer = authorised_writer(request)
    doc_format = _format(filename or source, "filename" if filename else "source")
    data = await request.body()  # at most Settings.max_file_bytes (body_limit)
    if not data:
        raise ApiError(422, "empty_document", "the body is empty: send the file", parameter="body")
    try:
        raw = await run_in_threadpool(read_bytes, data, source, doc_format)
        applied = await writer.ingest(raw)
    except IngestError as exc:
        raise ApiError(422, "unreadable_document", exc.reason, parameter="body") from exc
    return DocumentChange.of(applied)


@router.delete(
    "/documents/{source:path}", response_model=DocumentChange, summary="Remove a document"
)
async def remove_document(
    request: Request,
    source: Annotated[str, Path(description="doc id, source, or a path ending in the source")],
) -> DocumentChange:
    writer = authorised_writer(request)
    applied = await writer.remove(source)
    if applied is None:
        raise ApiError(404, "not_found", f"no stored document is {source!r}", parameter="source")
    return DocumentChange.of(applied)
