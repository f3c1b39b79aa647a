"""``/datasets``: the research tables for download, their Frictionless descriptor, the RDF dump
and the DCAT description, at stable URLs (``pkgraph export dataset`` writes the same files)."""

from __future__ import annotations

import json
from dataclasses import dataclass

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from pkgraph.datapackage import (
    ATTRIBUTION,
    LICENSES,
    MEDIA_TYPES,
    RDF_DUMP,
    WORKBOOK,
    datapackage_descriptor,
    document_sources,
    workbook_bytes,
)
from pkgraph.datasets import (
    TABLES,
    Table,
    TableError,
    all_tables,
    table_frame,
    table_named,
    table_rows,
)
from pkgraph.dcat import dcat_turtle
from pkgraph.graph.export import serialize_dataset
from pkgraph.graph.store import GraphStore
from pkgraph_api.errors import ApiError
from pkgraph_api.pages import _page, _settings

router = APIRouter(tags=["datasets"])


def _store(request: Request) -> GraphStore:
    store: GraphStore = request.app.state.graph
    return store


@dataclass(frozen=True)
class TableSummary:
    table: Table
    rows: int


@router.get("/datasets", response_class=HTMLResponse, include_in_schema=False)
def datasets_page(request: Request) -> HTMLResponse:
    """What can be downloaded, how many rows each table has, and under which licences."""
    store = _store(request)
    summaries = [TableSummary(table, table_rows(store, table)) for table in TABLES]
    context = {
        "active": "datasets",
        "tables": summaries,
        "licenses": LICENSES,
        "attribution": ATTRIBUTION,
        "rdf_dump": RDF_DUMP,
        "workbook": WORKBOOK,
    }
    return _page(request, "datasets.html", context)


@router.get(
    "/datasets/datapackage.json",
    summary="Frictionless Data Package descriptor of the tables",
    response_class=Response,
    responses={200: {"content": {"application/json": {}}}},
)
def datapackage(request: Request) -> Response:
    descriptor = datapackage_descriptor(
        "csv", document_sources(_store(request)), _settings(request).base_iri
    )
    body = json.dumps(descriptor, ensure_ascii=False, indent=2)
    return Response(body, media_type="application/json")


@router.get(
    "/datasets/dcat.ttl",
    summary="DCAT description of the dataset (Turtle)",
    response_class=Response,
    responses={200: {"content": {"text/turtle": {}}}},
)
def dcat(request: Request) -> Response:
    return Response(dcat_turtle(_settings(request).base_iri), media_type="text/turtle")


@router.get(
    f"/datasets/{RDF_DUMP}",
    summary="The whole graph as N-Quads",
    response_class=Response,
    responses={200: {"content": {"application/n-quads": {}}}},
)
def rdf_dump(request: Request) -> Response:
    return Response(serialize_dataset(_store(request), "nq"), media_type="application/n-quads")


@router.get(
    f"/datasets/{WORKBOOK}",
    summary="Every table as a sheet of one XLSX workbook",
    response_class=Response,
    responses={200: {"content": {MEDIA_TYPES["xlsx"]: {}}}},
)
def workbook(request: Request) -> Response:
    return Response(
        workbook_bytes(list(all_tables(_store(request)))),
        media_type=MEDIA_TYPES["xlsx"],
        headers={"Content-Disposition": f'attachment; filename="{WORKBOOK}"'},
    )


@router.get(
    "/datasets/{name}.csv",
    summary="One table as CSV: one row per fact with document, passage and quote",
    response_class=Response,
    responses={200: {"content": {"text/csv": {}}}, 404: {"description": "unknown table"}},
)
def table_csv(request: Request, name: str) -> Response:
    try:
        table = table_named(name)
    except TableError as exc:
        raise ApiError(404, "unknown_table", str(exc), parameter="name") from None
    frame = table_frame(_store(request), table)
    return Response(
        frame.to_csv(index=False),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{table.name}.csv"'},
    )
