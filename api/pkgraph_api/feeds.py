"""``/feeds/``: Atom feeds per program, municipality or Kreis, body and saved search query, and a
page listing them. A feed is the alert: subscribe to its URL in any feed reader."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from pkgraph.feeds import Entry, FeedScope, atom_feed, entry_date, feed_entries
from pkgraph.gazetteer import load_gazetteer
from pkgraph.graph.store import GraphStore
from pkgraph.search.service import search_passages
from pkgraph_api.errors import ApiError
from pkgraph_api.page_queries import list_bodies, list_municipalities, list_programs
from pkgraph_api.page_terms import iri_ref
from pkgraph_api.pages import _page, _settings, _terms
from pkgraph_api.search_runner import SearchRunner

router = APIRouter(tags=["feeds"])
ATOM_TYPE = "application/atom+xml"
SEARCH_ENTRIES = 20


def _store(request: Request) -> GraphStore:
    store: GraphStore = request.app.state.graph
    return store


def _changed(request: Request) -> datetime:
    """When the data last changed: the document store's modification time."""
    stamp = _settings(request).documents_db.stat().st_mtime
    return datetime.fromtimestamp(int(stamp), UTC)


def _feed(request: Request, title: str, entries: list[Entry]) -> Response:
    site = str(request.base_url)
    path = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    feed_id = _settings(request).base_iri.rstrip("/") + path
    body = atom_feed(feed_id, title, site, path, entries, _changed(request))
    return Response(body, media_type=ATOM_TYPE)


def _scoped(request: Request, scope: FeedScope) -> Response:
    base = _settings(request).base_iri
    entries = feed_entries(_store(request), scope, base, _changed(request))
    return _feed(request, scope.title, entries)


def _label(request: Request, iri: str, cls: str, parameter: str, value: str) -> str:
    """The label of ``iri`` if it is a ``cls``; a 404 naming ``parameter`` otherwise."""
    rows = _store(request).select(
        f"SELECT ?label WHERE {{ {iri_ref(iri)} a {cls} ; skos:prefLabel ?label }} LIMIT 1"
    )
    if not rows:
        raise ApiError(404, "unknown_" + parameter, f"no {cls} {value!r}", parameter=parameter)
    return str(rows[0]["label"])


ATOM_RESPONSE: dict[int | str, dict[str, Any]] = {
    200: {"content": {ATOM_TYPE: {}}},
    404: {"description": "unknown key"},
}


@router.get("/feeds/programs.atom", response_class=Response, responses=ATOM_RESPONSE)
def all_programs_feed(request: Request) -> Response:
    """New documents and facts about any program."""
    return _scoped(request, FeedScope("pkgraph: alle Programme"))


@router.get("/feeds/program/{key}.atom", response_class=Response, responses=ATOM_RESPONSE)
def program_feed(request: Request, key: str) -> Response:
    """Documents mentioning the program and facts about it (participations, funding, decisions)."""
    iri = iri_ref(_store(request).iris.program(key).value)
    name = _label(request, iri[1:-1], "pk:Program", "key", key)
    scope = FeedScope(
        f"pkgraph: {name}",
        f"?fact pk:inProgram|pk:fundsProgram|pk:concernsProgram {iri} .",
        f"?doc pk:mentions {iri} .",
    )
    return _scoped(request, scope)


@router.get("/feeds/municipality/{ags}.atom", response_class=Response, responses=ATOM_RESPONSE)
def municipality_feed(request: Request, ags: str) -> Response:
    """Documents issued by or mentioning the place and facts about it; a Kreis includes the
    municipalities that belong to it."""
    gazetteer = load_gazetteer()
    place = gazetteer.by_ags(ags)
    if place is None:
        raise ApiError(404, "unknown_ags", f"no NRW municipality or Kreis {ags!r}", parameter="ags")
    iris = _store(request).iris
    members = [place, *gazetteer.members(ags)] if place.is_kreis else [place]
    values = " ".join(iri_ref(iris.municipality(m.ags).value) for m in members)
    scope = FeedScope(
        f"pkgraph: {place.name}",
        f"VALUES ?place {{ {values} }} "
        "?fact pk:participant|pk:recipient|pk:applicant|pk:placeMunicipality ?place .",
        f"VALUES ?place {{ {values} }} ?doc pk:issuedBy|pk:mentions ?place .",
    )
    return _scoped(request, scope)


@router.get("/feeds/body/{key}.atom", response_class=Response, responses=ATOM_RESPONSE)
def body_feed(request: Request, key: str) -> Response:
    """Decisions of the body, funding it gives or gets, roles in it, documents mentioning it."""
    iri = iri_ref(_store(request).iris.body(key).value)
    name = _label(request, iri[1:-1], "pk:Body", "key", key)
    scope = FeedScope(
        f"pkgraph: {name}",
        f"?fact pk:decidedBy|schema:funder|pk:recipient|org:organization {iri} .",
        f"?doc pk:mentions {iri} .",
    )
    return _scoped(request, scope)


@router.get("/feeds/search.atom", response_class=Response, responses=ATOM_RESPONSE)
async def search_feed(
    request: Request,
    q: Annotated[str, Query(min_length=1, max_length=1000, description="saved search query")],
) -> Response:
    """A saved search: the best-matching passages (lexical search), newest document first."""
    settings = _settings(request)
    runner: SearchRunner = request.app.state.search
    hits = await runner.run(
        lambda index: search_passages(
            q, settings, k=SEARCH_ENTRIES, method="lexical", index=index, graph=_store(request)
        )
    )
    changed = _changed(request)
    base = settings.base_iri
    entries = [
        Entry(
            id=hit.passage_iri,
            title=f"Suche „{q}“: {hit.title or hit.document_iri}",
            updated=entry_date(hit.date, changed),
            link=(
                f"/{hit.document_iri[len(base) :]}?hl={hit.start + hit.highlight_start}-"
                f"{hit.start + hit.highlight_end}#passage-{hit.passage_id.rsplit('/', 1)[-1]}"
            ),
            summary=hit.highlight,
        )
        for hit in hits
        if hit.document_iri.startswith(base)
    ]
    entries.sort(key=lambda e: e.updated, reverse=True)
    return _feed(request, f"pkgraph: Suche „{q}“", entries)


@router.get("/feeds/", response_class=HTMLResponse, include_in_schema=False)
def feeds_page(request: Request) -> HTMLResponse:
    """Every feed there is, to copy into a feed reader."""
    graph, terms = _store(request), _terms(request)
    context = {
        "active": "feeds",
        "programs": list_programs(graph, terms),
        "municipalities": list_municipalities(graph, terms),
        "bodies": list_bodies(graph, terms),
    }
    return _page(request, "feeds.html", context)
