"""``GET /search``: natural-language passage search with the graph filters, as JSON."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request

from pkgraph.search.service import SearchFilters, search_passages
from pkgraph_api.schemas import SearchFiltersModel, SearchHitModel, SearchResponse
from pkgraph_api.search_runner import SearchRunner

router = APIRouter(tags=["search"])

MAX_K = 100


@router.get("/search", response_model=SearchResponse, summary="Search passages")
async def search(
    request: Request,
    q: Annotated[str, Query(min_length=1, max_length=1000, description="German question")],
    k: Annotated[int, Query(ge=1, le=MAX_K, description="number of passages")] = 10,
    method: Annotated[
        Literal["lexical", "dense", "hybrid"] | None,
        Query(description="retrieval method; default Settings.search_method"),
    ] = None,
    municipality: Annotated[str | None, Query(description="name or AGS")] = None,
    program: Annotated[str | None, Query(description="name, alias or key")] = None,
    doc_type: Annotated[str | None, Query(description="e.g. Sitzungsvorlage")] = None,
    date_from: Annotated[str | None, Query(description="YYYY-MM-DD")] = None,
    date_to: Annotated[str | None, Query(description="YYYY-MM-DD")] = None,
) -> SearchResponse:
    """Invalid filter values (unknown municipality, bad date, ...) answer 422 naming the
    parameter."""
    settings = request.app.state.settings
    runner: SearchRunner = request.app.state.search
    filters = SearchFilters(municipality, program, doc_type, date_from, date_to)
    hits = await runner.run(
        lambda index: search_passages(
            q,
            settings,
            k=k,
            method=method,
            filters=filters,
            index=index,
            graph=request.app.state.graph,
        ),
        request,
    )
    return SearchResponse(
        query=q,
        method=method or settings.search_method,
        k=k,
        filters=SearchFiltersModel(
            municipality=municipality,
            program=program,
            doc_type=doc_type,
            date_from=date_from,
            date_to=date_to,
        ),
        hits=[SearchHitModel.model_validate(hit.to_dict()) for hit in hits],
    )
