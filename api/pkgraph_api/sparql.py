"""The SPARQL 1.1 Protocol endpoint at ``/sparql`` (query operation only).

Requests: GET ``?query=``, POST form-encoded, POST ``application/sparql-query``, each with
``default-graph-uri`` / ``named-graph-uri``. Before a query reaches a worker it is checked here
for length (``Settings.sparql_max_query_chars``) and update operations (read-only endpoint).
``SERVICE`` is decided in the worker on the parsed query (:mod:`pkgraph_api.sparql_guard`),
where evaluation, result cap, timeout and memory cap live too (:mod:`pkgraph_api.sparql_pool`),
after fair admission (:mod:`pkgraph_api.sparql_service`).
Without a query the endpoint answers with its service description (or sends a browser to the
editor page).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from pyoxigraph import Literal, NamedNode, Triple
from starlette.datastructures import QueryParams

from pkgraph.graph.sparql_text import leading_keyword
from pkgraph.graph.vocab import RDF, XSD
from pkgraph.settings import Settings
from pkgraph_api.admission import Busy, ClientGone
from pkgraph_api.errors import ApiError
from pkgraph_api.negotiation import Offer, choose
from pkgraph_api.sparql_openapi import GET_OPENAPI, POST_OPENAPI
from pkgraph_api.sparql_pool import (
    QueryCancelled,
    QueryJob,
    QueryMemoryExceeded,
    QueryTimeout,
    QueryWorkerFailure,
)
from pkgraph_api.sparql_results import (
    GRAPH_OFFERS,
    RDF_FORMATS,
    RESULTS_FORMATS,
    serialize_triples,
)
from pkgraph_api.sparql_service import SparqlService

router = APIRouter(tags=["sparql"])

SD = "http://www.w3.org/ns/sparql-service-description#"
HTML = Offer("text/html")
EDITOR_PATH = "/sparql-editor"
TRUNCATED_HEADER = "X-Result-Truncated"
CAP_HEADER = "X-Result-Cap"
FORM_TYPE = "application/x-www-form-urlencoded"
QUERY_TYPE = "application/sparql-query"
UPDATE_TYPE = "application/sparql-update"

_UPDATE_OPERATIONS = frozenset(
    ("INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH")
)


def update_operation(query: str) -> str | None:
    """The update keyword (INSERT, DROP, ...) the request starts with, if it is an update."""
    keyword = leading_keyword(query)
    return keyword if keyword in _UPDATE_OPERATIONS else None


@dataclass(frozen=True)
class ProtocolRequest:
    query: str | None
    default_graphs: tuple[str, ...]
    named_graphs: tuple[str, ...]


Params = dict[str, list[str]]


def _multi(items: list[tuple[str, str]]) -> Params:
    params: Params = {}
    for key, value in items:
        params.setdefault(key, []).append(value)
    return params


def _single(params: Params, name: str) -> str | None:
    values = params.get(name, [])
    if len(values) > 1:
        raise ApiError(400, "malformed_request", f"give exactly one '{name}'", parameter=name)
    return values[0] if values else None


def _graphs(params: Params, name: str) -> tuple[str, ...]:
    values = params.get(name, [])
    for value in values:
        if not re.fullmatch(r"[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|^`\\]*", value):
            raise ApiError(400, "malformed_request", f"not an IRI: {value!r}", parameter=name)
    return tuple(values)


def _protocol_request(query: str | None, params: Params) -> ProtocolRequest:
    if "update" in params:
        raise _refuse_update("update parameter")
    return ProtocolRequest(
        query, _graphs(params, "default-graph-uri"), _graphs(params, "named-graph-uri")
    )


def _refuse_update(operation: str) -> ApiError:
    return ApiError(
        403,
        "update_refused",
        f"this endpoint is read-only: SPARQL Update operations are not accepted ({operation})",
        parameter="update",
    )


def body_limit(settings: Settings) -> tuple[int, str]:
    """The largest body that can hold a query of ``Settings.sparql_max_query_chars``
    characters (a form percent-encodes: up to 3 bytes per UTF-8 byte), and why."""
    limit = 4 * settings.sparql_max_query_chars + 4096
    return limit, "a query has at most Settings.sparql_max_query_chars characters"


async def _read_body(request: Request) -> str:
    """The request body as text (its size is limited while it is read: :mod:`body_limit`)."""
    body = await request.body()
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ApiError(400, "malformed_request", f"the body is not UTF-8: {exc}") from exc


def _too_long(size: int, max_chars: int) -> ApiError:
    return ApiError(
        413,
        "query_too_long",
        f"the query has {size} characters; this endpoint accepts at most {max_chars} characters "
        "(Settings.sparql_max_query_chars)",
        parameter="query",
    )


async def read_protocol_request(request: Request, settings: Settings) -> ProtocolRequest:
    """Parse any of the three protocol request forms; raise :class:`ApiError` when malformed."""
    url_params = _multi(request.query_params.multi_items())
    if request.method == "GET":
        return _protocol_request(_single(url_params, "query"), url_params)
    media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media_type == UPDATE_TYPE:
        raise _refuse_update(UPDATE_TYPE)
    if media_type not in (QUERY_TYPE, FORM_TYPE):
        raise ApiError(
            415,
            "unsupported_media_type",
            f"POST a query as {FORM_TYPE} (query=...) or as {QUERY_TYPE}, not {media_type!r}",
        )
    body = await _read_body(request)
    if media_type == QUERY_TYPE:
        return _protocol_request(body, url_params)
    form = _multi(QueryParams(body).multi_items())
    query = _single(form, "query")
    if query is None and "update" not in form:
        raise ApiError(400, "malformed_request", "the form has no 'query'", parameter="query")
    return _protocol_request(query, form)


def check_query(query: str, settings: Settings) -> None:
    """Refuse what is never evaluated: over-long queries and updates."""
    if len(query) > settings.sparql_max_query_chars:
        raise _too_long(len(query), settings.sparql_max_query_chars)
    operation = update_operation(query)
    if operation:
        raise ApiError(
            400,
            "malformed_query",
            f"'{operation}' is a SPARQL Update operation; this endpoint is read-only and "
            "accepts queries only (SELECT, ASK, CONSTRUCT, DESCRIBE)",
            parameter="query",
        )


async def _evaluate(request: Request, job: QueryJob) -> Response:
    service: SparqlService = request.app.state.sparql
    timeout_s = service.pool.timeout_s
    try:
        outcome = await service.execute(job, request.is_disconnected)
    except Busy as exc:
        raise ApiError(
            503, "server_busy", str(exc), headers={"Retry-After": str(exc.retry_after_s)}
        ) from exc
    except QueryTimeout as exc:
        raise ApiError(
            503,
            "query_timeout",
            f"{exc} (limit Settings.sparql_timeout_s = {timeout_s:g} s); the same query "
            "would time out again: narrow it or add a LIMIT",
        ) from exc
    except QueryMemoryExceeded as exc:
        raise ApiError(503, "query_memory", f"{exc}; narrow the query or add a LIMIT") from exc
    except (ClientGone, QueryCancelled) as exc:
        raise ApiError(499, "client_gone", "the client disconnected") from exc
    except QueryWorkerFailure as exc:
        raise ApiError(500, "query_failed", str(exc)) from exc
    if outcome.status == "memory":
        raise ApiError(
            503,
            "query_memory",
            f"{outcome.message} than Settings.sparql_memory_mb allows; add a LIMIT",
        )
    if outcome.status == "malformed":
        raise ApiError(400, "malformed_query", outcome.message, parameter="query")
    if outcome.status == "service_refused":
        raise ApiError(400, "service_refused", outcome.message, parameter="query")
    if outcome.status == "not_acceptable":
        raise ApiError(406, "not_acceptable", outcome.message)
    if outcome.status == "failed":
        raise ApiError(400, "query_failed", outcome.message, parameter="query")
    headers = {"Vary": "Accept", CAP_HEADER: str(job.result_cap)}
    if outcome.truncated:
        headers[TRUNCATED_HEADER] = "true"
    return Response(outcome.body, media_type=outcome.content_type, headers=headers)


def service_description(request: Request, settings: Settings) -> list[Triple]:
    """The endpoint described in the SPARQL 1.1 Service Description vocabulary."""
    endpoint = NamedNode(str(request.url.replace(query="", fragment="")))
    dataset = NamedNode(endpoint.value + "#dataset")
    default_graph = NamedNode(endpoint.value + "#default-graph")

    def sd(local: str) -> NamedNode:
        return NamedNode(SD + local)

    rdf_type = NamedNode(RDF + "type")
    features = [sd("UnionDefaultGraph")]
    if settings.sparql_allow_service:
        features.append(sd("BasicFederatedQuery"))
    graph = request.app.state.graph
    named = [NamedNode(settings.base_iri + "graph/document/" + d) for d in graph.document_ids()]
    triples = [
        Triple(endpoint, rdf_type, sd("Service")),
        Triple(endpoint, sd("endpoint"), endpoint),
        Triple(endpoint, sd("supportedLanguage"), sd("SPARQL11Query")),
        Triple(endpoint, sd("defaultDataset"), dataset),
        Triple(dataset, rdf_type, sd("Dataset")),
        Triple(dataset, sd("defaultGraph"), default_graph),
        Triple(default_graph, rdf_type, sd("Graph")),
        Triple(
            default_graph,
            NamedNode("http://rdfs.org/ns/void#triples"),
            Literal(str(graph.count_triples()), datatype=NamedNode(XSD + "integer")),
        ),
    ]
    triples += [Triple(endpoint, sd("feature"), feature) for feature in features]
    formats = [f.iri for f in RESULTS_FORMATS.values()] + [f.iri for f in RDF_FORMATS.values()]
    triples += [Triple(endpoint, sd("resultFormat"), NamedNode(iri)) for iri in formats]
    for iri in named:
        entry = NamedNode(iri.value + "#entry")
        triples += [
            Triple(dataset, sd("namedGraph"), entry),
            Triple(entry, rdf_type, sd("NamedGraph")),
            Triple(entry, sd("name"), iri),
        ]
    return triples


async def _answer(request: Request) -> Response:
    settings: Settings = request.app.state.settings
    parsed = await read_protocol_request(request, settings)
    accept = request.headers.get("accept")
    if parsed.query is None:
        offer = choose(accept, (*GRAPH_OFFERS, HTML))
        if offer is HTML:
            return RedirectResponse(EDITOR_PATH, status_code=303)
        if offer is None:
            raise ApiError(406, "not_acceptable", "the service description is RDF (e.g. Turtle)")
        body = serialize_triples(service_description(request, settings), offer)
        return Response(body, media_type=offer.content_type, headers={"Vary": "Accept"})
    check_query(parsed.query, settings)
    job = QueryJob(
        query=parsed.query,
        accept=accept,
        result_cap=settings.sparql_result_cap,
        default_graphs=parsed.default_graphs,
        named_graphs=parsed.named_graphs,
    )
    return await _evaluate(request, job)


_PROTOCOL_DOC = (
    "SPARQL 1.1 Protocol query operation. Results are negotiated by Accept: SELECT/ASK as "
    "application/sparql-results+json (default), +xml, text/csv, text/tab-separated-values; "
    "CONSTRUCT/DESCRIBE as text/turtle (default), application/n-triples, application/ld+json, "
    f"application/rdf+xml. A truncated result carries `{TRUNCATED_HEADER}: true`."
)


@router.get(
    "/sparql",
    summary="SPARQL query (GET) or service description",
    description=_PROTOCOL_DOC,
    openapi_extra=GET_OPENAPI,
)
async def sparql_get(request: Request) -> Response:
    return await _answer(request)


@router.post(
    "/sparql",
    summary="SPARQL query (POST form or sparql-query body)",
    description=_PROTOCOL_DOC,
    openapi_extra=POST_OPENAPI,
)
async def sparql_post(request: Request) -> Response:
    return await _answer(request)
